from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from common.tests.races import race
from notifications.models import Email
from programs import services
from programs.models import BuyerInvitation
from programs.tasks import send_buyer_invitations_task
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

ADDRESSES = "ana@shop.example\nBOB@Gallery.example, carol@museum.example\nnot-an-address\nana@shop.example\n"


def _invite(program, text=ADDRESSES, staff=None):
    return services.program_invite_buyers(program=program, text=text, invited_by=staff)


def test_invitation_batch_sends_one_email_per_address_and_reports_invalid(django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        report = _invite(program)
    assert sorted(report.created) == ["ana@shop.example", "bob@gallery.example", "carol@museum.example"]
    assert report.invalid == [(3, "not-an-address", "not a valid email address")]
    assert sorted(m.to[0] for m in mail.outbox) == report.created
    assert all(program.name in m.subject for m in mail.outbox)


def test_batch_task_run_twice_or_retried_sends_nothing_twice(django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=False):
        _invite(program)
    with django_capture_on_commit_callbacks(execute=True):
        send_buyer_invitations_task.apply(args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        send_buyer_invitations_task.apply(args=[program.pk])
        send_buyer_invitations_task.apply(args=[program.pk])
    assert len(mail.outbox) == 3
    assert Email.objects.filter(key__startswith="buyer-invitation:").count() == 3


def test_inviting_the_same_list_again_invites_nobody_twice(django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(program)
    with django_capture_on_commit_callbacks(execute=True):
        report = _invite(program)
    assert report.created == []
    assert len(report.already_invited) == 3
    assert len(mail.outbox) == 3


def test_batches_respect_the_configured_size(settings, django_capture_on_commit_callbacks):
    settings.INVITATION_BATCH_SIZE = 2
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=False):
        _invite(program, text="\n".join(f"buyer{i}@example.org" for i in range(5)))
    with django_capture_on_commit_callbacks(execute=True):
        sent, more = services.invitations_send_batch(program_id=program.pk)
    assert (sent, more) == (2, True)
    assert len(mail.outbox) == 2


def test_resend_sends_a_new_email(django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(program, text="ana@shop.example")
    invitation = BuyerInvitation.objects.get()
    _sent_hours_ago(invitation, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_resend(invitation=invitation)
    assert len(mail.outbox) == 2
    invitation.refresh_from_db()
    assert invitation.status == "sent"


def test_csv_with_email_column_is_read():
    rows = services.parse_email_list("name,email\nAna,ana@shop.example\nBob,bob@gallery.example\n")
    assert rows == [(2, "ana@shop.example"), (3, "bob@gallery.example")]


def _sent_hours_ago(invitation: BuyerInvitation, hours: float) -> None:
    Email.objects.filter(pk=invitation.outbox_id).update(created_at=timezone.now() - timedelta(hours=hours))


def test_remind_clicked_twice_mails_the_buyer_once(login, staff, django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(program, text="ana@shop.example")
    invitation = BuyerInvitation.objects.get()
    _sent_hours_ago(invitation, 3)
    client = login(staff)
    post = {"action": "resend", "_selected_action": [invitation.pk]}
    url = reverse("admin:programs_buyerinvitation_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, post)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, post, follow=True)  # the double submit
    assert len(mail.outbox) == 2  # the invitation, then one reminder
    assert "1 invitation was not sent again" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.resends == 1


def test_remind_while_the_invitation_waits_to_go_out_sends_nothing_more(django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=False):
        _invite(program, text="ana@shop.example")
    invitation = BuyerInvitation.objects.get()
    assert not services.invitation_resend(invitation=invitation)


def test_remind_later_is_a_new_intent(django_capture_on_commit_callbacks):
    program = ProgramFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(program, text="ana@shop.example")
    invitation = BuyerInvitation.objects.get()
    _sent_hours_ago(invitation, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_resend(invitation=invitation)
    invitation.refresh_from_db()
    _sent_hours_ago(invitation, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_resend(invitation=invitation)
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True)
def test_reminders_clicked_at_once_send_one():
    program = ProgramFactory()
    _invite(program, text="ana@shop.example")
    invitation = BuyerInvitation.objects.get()
    _sent_hours_ago(invitation, 2)
    outcome = race([lambda: services.invitation_resend(invitation=invitation)] * 6, refused=())
    assert not outcome.errors
    assert sorted(outcome.wins) == [False] * 5 + [True]
    assert BuyerInvitation.objects.get().resends == 1
