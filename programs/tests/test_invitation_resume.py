"""A program whose batch chain was lost (killed worker, Redis restart) is resumed by the sweep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Email
from programs import services
from programs.models import BuyerInvitation
from programs.tasks import resume_invitation_batches_task
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _invited(program, count: int, *, ago: timedelta) -> None:
    BuyerInvitation.objects.bulk_create(
        [BuyerInvitation(program=program, email=f"b{n}-{program.pk}@shop.example") for n in range(count)]
    )
    BuyerInvitation.objects.filter(program=program).update(created_at=timezone.now() - ago)


def test_stalled_program_is_resumed_and_a_moving_or_fresh_one_is_left_alone(settings, django_capture_on_commit_callbacks):
    settings.INVITATION_STALL_SECONDS = 300
    settings.INVITATION_BATCH_SIZE = 100
    stalled, fresh, moving = ProgramFactory(), ProgramFactory(), ProgramFactory()
    _invited(stalled, 3, ago=timedelta(hours=1))
    _invited(fresh, 3, ago=timedelta(seconds=10))
    _invited(moving, 3, ago=timedelta(hours=1))
    # `moving` handed one invitation to the outbox a moment ago: its chain is alive.
    with django_capture_on_commit_callbacks(execute=False):
        services.invitations_send_batch(program_id=moving.pk, size=1)

    with django_capture_on_commit_callbacks(execute=True):
        resumed = resume_invitation_batches_task.delay().get()
    assert resumed == [stalled.pk]
    assert not BuyerInvitation.objects.filter(program=stalled, outbox__isnull=True).exists()
    assert BuyerInvitation.objects.filter(program=fresh, outbox__isnull=True).count() == 3
    assert BuyerInvitation.objects.filter(program=moving, outbox__isnull=True).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"b{n}-{stalled.pk}@shop.example" for n in range(3))


def test_resuming_twice_sends_each_invitation_once(settings, django_capture_on_commit_callbacks):
    settings.INVITATION_STALL_SECONDS = 300
    program = ProgramFactory()
    _invited(program, 2, ago=timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        resume_invitation_batches_task.delay()
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_invitation_batches_task.delay().get() == []
    assert len(mail.outbox) == 2
    assert Email.objects.count() == 2
