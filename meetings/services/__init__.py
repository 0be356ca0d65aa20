"""Every write to a meeting, in four modules around one transition table
(meetings/transitions.py on common/statemachine.py):

- booking: a buyer's request and a meeting staff schedule (time, program rules, limits);
- state: every transition after that (answers, reschedules, cancellations, outcomes, and
  staff cancelling or moving a meeting for both sides);
- thread: messages;
- participants: the people of a group meeting besides its two sides (add, confirm, cancel, outcome);
- visits: the group meeting a program's feature holds at a workshop (a tour's stop), kept in
  step with the feature's own state (book, follow to a new time and people, cancel);
- mail: notices, calendar invitations and cancellations, reminders (called by tasks);
- base: the errors, the row lock, the table check and the history row they share.

Callers import from here (`from meetings import services`); the names stay where they were.
"""

from meetings.services.base import MeetingError, SlotTaken
from meetings.services.booking import MAX_PROPOSALS, meeting_request, meeting_schedule
from meetings.services.mail import (
    CALENDAR_CANCEL,
    CALENDAR_MAIL_GIVE_UP,
    CALENDAR_MAIL_GRACE,
    CALENDAR_REQUEST,
    REMINDERS,
    meeting_send_cancellations,
    meeting_send_invitations,
    meetings_resume_calendar_mail,
    participant_send_cancellation,
    reminders_send_due,
)
from meetings.services.participants import (
    participant_add,
    participant_cancel,
    participant_confirm,
    participant_outcome_record,
)
from meetings.services.state import (
    meeting_accept,
    meeting_cancel,
    meeting_complete,
    meeting_confirm,
    meeting_counter,
    meeting_decline,
    meeting_reschedule,
    meeting_staff_cancel,
    meeting_staff_reschedule,
    outcome_record,
)
from meetings.services.thread import MESSAGE_EMAIL_BUCKET, message_post
from meetings.services.visits import Guest, visit_book, visit_cancel, visit_follow

__all__ = [
    "CALENDAR_CANCEL", "CALENDAR_MAIL_GIVE_UP", "CALENDAR_MAIL_GRACE", "CALENDAR_REQUEST", "MAX_PROPOSALS",
    "MESSAGE_EMAIL_BUCKET", "REMINDERS", "MeetingError", "SlotTaken", "meeting_accept", "meeting_cancel",
    "meeting_complete", "meeting_confirm", "meeting_counter", "meeting_decline", "meeting_reschedule",
    "meeting_request", "meeting_schedule", "meeting_staff_cancel", "meeting_staff_reschedule", "meeting_send_cancellations", "meeting_send_invitations",
    "meetings_resume_calendar_mail", "message_post", "outcome_record", "participant_add", "participant_cancel",
    "participant_confirm", "participant_outcome_record", "participant_send_cancellation", "reminders_send_due",
    "Guest", "visit_book", "visit_cancel", "visit_follow",
]
