"""The invitation link: a page to open, a POST to join, bound to the invited address."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory
from programs import services
from programs.models import BuyerInvitation, JoinRequest, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {"full_name": "Ana Shop", "password1": "a-long-Passphrase-42", "password2": "a-long-Passphrase-42",
           "time_zone": "America/New_York"}


def _join_url(invitation: BuyerInvitation) -> str:
    return reverse("programs:join", args=[invitation.token])


def _signup_url(invitation: BuyerInvitation) -> str:
    return f"{reverse('accounts:signup-buyer')}?invitation={invitation.token}&next={_join_url(invitation)}"


def _nothing_changed(invitation: BuyerInvitation) -> bool:
    invitation.refresh_from_db()
    return (
        invitation.user_id is None and invitation.registered_at is None
        and not ProgramBuyer.objects.exists() and not JoinRequest.objects.exists()
    )


# --- Opening the link --------------------------------------------------------------------
def test_opening_the_link_signed_out_changes_nothing_and_offers_sign_up(client):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="ana@shop.example")
    response = client.get(_join_url(invitation))
    assert response.status_code == 200
    assert invitation.program.name in response.content.decode()
    assert f"?invitation={invitation.token}&amp;next=" in response.content.decode()
    assert _nothing_changed(invitation)
    assert "account_verified_email" not in client.session


def test_opening_the_link_as_the_invited_buyer_changes_nothing_and_shows_a_join_button(login, buyer):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    response = login(buyer).get(_join_url(invitation))
    assert response.status_code == 200
    assert f"Join {invitation.program.name}" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    assert _nothing_changed(invitation)


# --- Joining by POST ---------------------------------------------------------------------
def test_the_invited_address_joins_by_post(login, buyer):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email.upper())
    response = login(buyer).post(_join_url(invitation))
    assert response.status_code == 302
    assert response.url == reverse("catalog:artisan-list")
    invitation.refresh_from_db()
    assert invitation.user == buyer and invitation.registered_at is not None
    assert ProgramBuyer.objects.filter(program=invitation.program, user=buyer).exists()
    # Again: harmless, still one membership.
    assert login(buyer).post(_join_url(invitation)).status_code == 302
    assert ProgramBuyer.objects.filter(user=buyer).count() == 1


def test_joining_needs_the_csrf_token(buyer):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    assert client.post(_join_url(invitation)).status_code == 403
    assert _nothing_changed(invitation)


def test_signed_out_post_goes_to_sign_in_and_changes_nothing(client):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="ana@shop.example")
    response = client.post(_join_url(invitation))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert _nothing_changed(invitation)


def test_another_account_cannot_join_with_the_link_it_only_asks_staff(login, buyer, other_buyer):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    page = login(other_buyer).get(_join_url(invitation)).content.decode()
    assert "Ask the agency to let this account join" in page
    assert buyer.email not in page
    response = login(other_buyer).post(_join_url(invitation), follow=True)
    assert "The agency will confirm" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.user is None
    assert not ProgramBuyer.objects.exists()
    request = JoinRequest.objects.get()
    assert (request.user, request.status, request.decided_by) == (other_buyer, "pending", None)
    # The invited address still joins by itself.
    login(buyer).post(_join_url(invitation))
    assert list(ProgramBuyer.objects.values_list("user", flat=True)) == [buyer.pk]


def test_an_unverified_invited_address_is_not_enough(login):
    holder = BuyerUserFactory(email="ana@shop.example", verified=False)
    EmailAddress.objects.create(user=holder, email="ana@shop.example", verified=False, primary=True)
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="ana@shop.example")
    login(holder).post(_join_url(invitation))
    invitation.refresh_from_db()
    assert invitation.user is None
    assert not ProgramBuyer.objects.exists()
    assert JoinRequest.objects.get().user == holder


def test_a_used_link_joins_nobody_else(login, buyer, other_buyer):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    login(buyer).post(_join_url(invitation))
    page = login(other_buyer).get(_join_url(invitation)).content.decode()
    assert "already been used" in page and "<form" not in page.split("<main", 1)[-1].split("</main>")[0]
    response = login(other_buyer).post(_join_url(invitation), follow=True)
    assert "already been used" in response.content.decode()
    assert not ProgramBuyer.objects.filter(user=other_buyer).exists()
    assert not JoinRequest.objects.exists()


def test_a_closed_program_is_joined_by_nobody(login, buyer):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(status=Program.Status.CLOSED), email=buyer.email)
    response = login(buyer).post(_join_url(invitation), follow=True)
    assert "This program is closed." in response.content.decode()
    assert _nothing_changed(invitation)


def test_artisans_and_staff_cannot_join_as_buyers(login, artisan, staff):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=artisan.email)
    assert login(artisan).get(_join_url(invitation)).status_code == 403
    assert login(artisan).post(_join_url(invitation)).status_code == 403
    assert login(staff).post(_join_url(invitation)).status_code == 403
    assert _nothing_changed(invitation)


def test_unknown_token_is_404(client):
    assert client.get(reverse("programs:join", args=["nope"])).status_code == 404


# --- Staff confirm another address -------------------------------------------------------
def test_staff_confirm_another_account_which_then_joins_with_who_and_when(login, buyer, other_buyer, staff):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    login(other_buyer).post(_join_url(invitation))
    request = JoinRequest.objects.get()
    response = login(staff).post(
        reverse("admin:programs_joinrequest_changelist"), {"action": "confirm", "_selected_action": [request.pk]}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    invitation.refresh_from_db()
    assert (request.status, request.decided_by) == ("confirmed", staff)
    assert request.decided_at is not None
    assert invitation.user == other_buyer
    assert ProgramBuyer.objects.filter(program=invitation.program, user=other_buyer).exists()
    # Decided once: confirming again does nothing, and the invited address can no longer take it.
    assert services.join_request_confirm(join_request=request, staff=staff) is False
    login(buyer).post(_join_url(invitation))
    assert not ProgramBuyer.objects.filter(user=buyer).exists()


def test_staff_decline_a_request_and_the_account_stays_out(login, buyer, other_buyer, staff):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    login(other_buyer).post(_join_url(invitation))
    request = JoinRequest.objects.get()
    assert services.join_request_decline(join_request=request, staff=staff)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("declined", staff)
    assert services.join_request_confirm(join_request=request, staff=staff) is False
    response = login(other_buyer).post(_join_url(invitation), follow=True)
    assert "declined" in response.content.decode()
    assert not ProgramBuyer.objects.exists()


def test_confirming_a_request_for_an_invitation_used_meanwhile_is_refused(login, buyer, other_buyer, staff):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=buyer.email)
    login(other_buyer).post(_join_url(invitation))
    login(buyer).post(_join_url(invitation))
    with pytest.raises(services.ProgramError):
        services.join_request_confirm(join_request=JoinRequest.objects.get(), staff=staff)
    assert JoinRequest.objects.get().status == "pending"
    assert not ProgramBuyer.objects.filter(user=other_buyer).exists()


# --- Signing up from the link ------------------------------------------------------------
def test_sign_up_from_an_unused_link_verifies_the_invited_address_then_joins_by_post(client, django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.program_invite_buyers(program=program, text="ana@shop.example", invited_by=None)
    link = re.search(r"https?://\S+/programs/join/\S+/", mail.outbox[0].body).group(0)
    invitation = BuyerInvitation.objects.get()
    assert link.endswith(_join_url(invitation))

    page = client.get(_signup_url(invitation))
    assert b'value="ana@shop.example"' in page.content
    assert program.name.encode() in page.content
    response = client.post(_signup_url(invitation), {**SIGN_UP, "email": "ana@shop.example"})
    # The invitation proved the address: signed in at once, and back on the invitation page.
    assert response.status_code == 302 and response.url == _join_url(invitation)
    user = User.objects.get(email="ana@shop.example")
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("dashboard")).url == reverse("buyers:dashboard")
    assert _nothing_changed(invitation)  # signing up is not joining

    client.post(_join_url(invitation))
    invitation.refresh_from_db()
    assert invitation.user == user
    assert invitation.status == "registered"
    assert ProgramBuyer.objects.filter(program=program, user=user).exists()


def test_sign_up_from_the_link_with_another_address_verifies_nothing(client):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="ana@shop.example")
    response = client.post(_signup_url(invitation), {**SIGN_UP, "email": "mallory@elsewhere.example"})
    assert response.status_code == 302 and response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="mallory@elsewhere.example")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("mallory@elsewhere.example", False)
    ]
    assert "_auth_user_id" not in client.session
    assert _nothing_changed(invitation)


def test_a_used_link_verifies_nothing_at_sign_up(login, buyer, other_buyer, staff):
    # Staff let another account use the invitation; its address signing up later proves nothing.
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="ana@shop.example")
    login(other_buyer).post(_join_url(invitation))
    services.join_request_confirm(join_request=JoinRequest.objects.get(), staff=staff)
    client = Client()
    page = client.get(_signup_url(invitation))
    assert invitation.program.name.encode() not in page.content
    assert b'value="ana@shop.example"' not in page.content
    response = client.post(_signup_url(invitation), {**SIGN_UP, "email": "ana@shop.example"})
    assert response.url == reverse("account_email_verification_sent")
    ana = User.objects.get(email="ana@shop.example")
    assert not EmailAddress.objects.get(user=ana).verified
    assert not ProgramBuyer.objects.filter(user=ana).exists()


def test_a_closed_programs_link_verifies_nothing_at_sign_up(client):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(status=Program.Status.CLOSED),
                                                email="ana@shop.example")
    response = client.post(_signup_url(invitation), {**SIGN_UP, "email": "ana@shop.example"})
    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="ana@shop.example").verified


def test_the_artisan_sign_up_takes_no_buyer_invitation(client):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="ana@shop.example")
    url = f"{reverse('accounts:signup-artisan')}?invitation={invitation.token}"
    response = client.post(url, {**SIGN_UP, "email": "ana@shop.example"})
    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="ana@shop.example").verified
