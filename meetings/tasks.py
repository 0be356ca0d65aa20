"""Meeting background work: invitations, cancellations and reminders, all idempotent."""

from __future__ import annotations

from celery import shared_task

from meetings import services


@shared_task(name="meetings.send_invitations")
def send_meeting_invitations_task(meeting_id: int, sequence: int) -> int:
    return len(services.meeting_send_invitations(meeting_id=meeting_id, sequence=sequence))


@shared_task(name="meetings.send_cancellations")
def send_meeting_cancellations_task(meeting_id: int, sequence: int) -> int:
    return len(services.meeting_send_cancellations(meeting_id=meeting_id, sequence=sequence))


@shared_task(name="meetings.send_participant_cancellation")
def send_participant_cancellation_task(participant_id: int) -> int:
    return int(services.participant_send_cancellation(participant_id=participant_id) is not None)


@shared_task(name="meetings.send_reminders")
def send_meeting_reminders_task() -> int:
    return services.reminders_send_due()


@shared_task(name="meetings.resume_calendar_mail")
def resume_calendar_mail_task() -> int:
    """Run by beat: calendar mail whose task message was lost is queued again."""
    return services.meetings_resume_calendar_mail()
