"""Registration: public with a confirmed address, vetting by staff, the desk, passes revoked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from accounts.tests.factories import StaffUserFactory
from programs.models import BuyerInvitation, Program
from visitors import codes, services
from visitors.models import Pass, Visitor
from visitors.selectors import pass_for_code
from visitors.tests.factories import fair_program

pytestmark = pytest.mark.django_db


def _register(program, **kwargs):
    fields = {
        "kind": Visitor.Kind.PUBLIC,
        "full_name": "Amina Benali",
        "email": "amina@example.org",
        "language": "fr",
        "days": [program.starts_on],
    }
    return services.visitor_register(program=program, **{**fields, **kwargs})


def _token_in_last_mail() -> str:
    return re.search(r"/visitors/confirm/([^/\s]+)/", mail.outbox[-1].body).group(1)


def test_a_public_visitor_confirms_the_address_and_gets_a_pass_by_email(django_capture_on_commit_callbacks):
    program = fair_program()
    with django_capture_on_commit_callbacks(execute=True):
        visitor = _register(program)
    assert visitor.status == Visitor.Status.UNCONFIRMED
    assert mail.outbox[-1].to == ["amina@example.org"]
    assert mail.outbox[-1].extra_headers["Content-Language"] == "fr"
    with django_capture_on_commit_callbacks(execute=True):
        visitor = services.visitor_confirm(token=_token_in_last_mail())
    assert visitor.status == Visitor.Status.ACCEPTED
    pass_obj = visitor.passes.get()
    assert pass_obj.days == [program.starts_on]
    pass_mail = mail.outbox[-1]
    signed = codes.sign(pass_obj.code)
    assert signed in pass_mail.body
    assert pass_mail.attachments[0][0] == "pass.png"
    # The code carries no personal data: its random part is all the QR code and the page show.
    assert "amina" not in signed.lower()


def test_confirming_twice_issues_one_pass(django_capture_on_commit_callbacks):
    program = fair_program()
    with django_capture_on_commit_callbacks(execute=True):
        _register(program)
    token = _token_in_last_mail()
    services.visitor_confirm(token=token)
    services.visitor_confirm(token=token)
    assert Pass.objects.count() == 1


def test_a_tampered_confirmation_link_is_refused():
    with pytest.raises(services.Refused, match="not valid"):
        services.visitor_confirm(token="1:abc:def")


def test_a_trade_visitor_waits_for_staff_then_is_accepted_and_invited_as_a_buyer(
    django_capture_on_commit_callbacks,
):
    program = fair_program()
    staff = StaffUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _register(program, kind=Visitor.Kind.TRADE, organisation="Galerie Atlas")
    visitor = services.visitor_confirm(token=_token_in_last_mail())
    assert visitor.status == Visitor.Status.PENDING
    assert not visitor.passes.exists()
    assert services.visitor_decide(visitor=visitor, staff=staff, accept=True) is True
    visitor.refresh_from_db()
    assert visitor.status == Visitor.Status.ACCEPTED and visitor.decided_by == staff
    assert visitor.passes.filter(revoked_at__isnull=True).count() == 1
    invitation = BuyerInvitation.objects.get(program=program)
    assert invitation.email == "amina@example.org" and invitation.language == "fr"
    # Deciding again changes nothing.
    assert services.visitor_decide(visitor=visitor, staff=staff, accept=False) is False


def test_a_refused_press_registration_gets_no_pass_and_is_told(django_capture_on_commit_callbacks):
    program = fair_program()
    with django_capture_on_commit_callbacks(execute=True):
        _register(program, kind=Visitor.Kind.PRESS)
    visitor = services.visitor_confirm(token=_token_in_last_mail())
    with django_capture_on_commit_callbacks(execute=True):
        services.visitor_decide(visitor=visitor, staff=StaffUserFactory(), accept=False)
    assert not Pass.objects.exists()
    assert not BuyerInvitation.objects.exists()
    assert mail.outbox[-1].to == ["amina@example.org"]


def test_registering_the_same_address_again_creates_no_second_visitor():
    program = fair_program()
    _register(program)
    again = _register(program, full_name="Someone Else", email="AMINA@example.org")
    assert Visitor.objects.count() == 1
    assert again.full_name == "Amina Benali"


def test_days_outside_the_fair_are_refused_and_registration_closes_with_the_fair():
    program = fair_program()
    with pytest.raises(services.Refused, match="at least one day"):
        _register(program, days=[program.ends_on + dt.timedelta(days=1)])
    Program.objects.filter(pk=program.pk).update(status=Program.Status.CLOSED)
    program.refresh_from_db()
    with pytest.raises(services.Refused, match="closed"):
        _register(program)


def test_a_walk_in_gets_a_pass_at_once_without_an_address():
    program = fair_program()
    staff = StaffUserFactory()
    visitor = services.visitor_register_walk_in(
        program=program,
        staff=staff,
        kind=Visitor.Kind.SPEAKER,
        full_name="يوسف العلوي",
        days=[program.starts_on],
    )
    assert visitor.status == Visitor.Status.ACCEPTED and visitor.registered_by == staff
    assert visitor.passes.get().revoked_at is None


def test_a_revoked_pass_is_found_revoked_and_a_replacement_works():
    program = fair_program()
    staff = StaffUserFactory()
    visitor = services.visitor_register_walk_in(
        program=program, staff=staff, kind=Visitor.Kind.PUBLIC, full_name="Omar", days=[program.starts_on]
    )
    old = visitor.passes.get()
    new = services.pass_replace(visitor=visitor, staff=staff)
    assert pass_for_code(codes.sign(old.code)).revoked_at is not None
    assert pass_for_code(codes.sign(new.code)).revoked_at is None
    assert services.pass_revoke(pass_obj=new, staff=staff) is True
    assert services.pass_revoke(pass_obj=new, staff=staff) is False
