"""Follow-ups: 3, 6 and 12 months after a held meeting, each side is asked what it led to.

Asking follows the meetings' reminders: the FollowUp row (unique per meeting, side and
milestone) and its outbox email are written in one transaction, so a second beat, a retried
task or a worker killed after the commit sends nothing twice; one killed before it leaves
nothing, and the next beat asks. Answering is a conditional UPDATE of an unanswered row: a
replayed link or a second tab changes nothing and is told so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common import signed_links
from common.statemachine import TransitionRefused
from deals.models import FollowUp
from meetings.models import Meeting, Outcome
from notifications.services import email_enqueue_to_user

Milestone = FollowUp.Milestone
# Months counted as days: a follow-up a day or two off the calendar month changes nothing.
MILESTONE_AFTER = {
    Milestone.THREE_MONTHS: timedelta(days=91),
    Milestone.SIX_MONTHS: timedelta(days=182),
    Milestone.TWELVE_MONTHS: timedelta(days=365),
}
# A milestone is asked until the next one is due (the last one for three months): a meeting
# found late (the site was down, the outcome came late) is asked once, at its latest milestone.
MILESTONE_UNTIL = {
    Milestone.THREE_MONTHS: timedelta(days=182),
    Milestone.SIX_MONTHS: timedelta(days=365),
    Milestone.TWELVE_MONTHS: timedelta(days=456),
}
LINK_SALT = signed_links.register("deals.followup")
LINK_MAX_AGE = 60 * 60 * 24 * 60  # sixty days to answer from the email


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def followup_token(follow_up: FollowUp) -> str:
    return signed_links.make(LINK_SALT, {"f": follow_up.pk, "u": follow_up.user_id})


def _due(milestone: int, now: datetime) -> QuerySet[Meeting]:
    held = Outcome.objects.filter(meeting=OuterRef("pk"), attendance=Outcome.Attendance.HELD)
    return (
        Meeting.objects.filter(
            end_at__lte=now - MILESTONE_AFTER[milestone], end_at__gt=now - MILESTONE_UNTIL[milestone]
        )
        .filter(Exists(held))
        .select_related("artisan", "buyer", "artisan_user", "buyer_user")
    )


def followups_send_due(*, now: datetime | None = None) -> int:
    """Claim and queue the follow-ups that are due. Returns how many this call claimed."""
    now = now or timezone.now()
    claimed = 0
    for milestone in Milestone:
        for meeting in _due(milestone, now):
            for recipient in (meeting.buyer_user, meeting.artisan_user):
                with transaction.atomic():
                    follow_up, created = FollowUp.objects.get_or_create(
                        meeting=meeting, user=recipient, milestone=milestone
                    )
                    if not created:
                        continue
                    follow_up.email = _enqueue(follow_up, meeting, recipient)
                    follow_up.save(update_fields=["email"])
                    claimed += 1
    return claimed


def _enqueue(follow_up: FollowUp, meeting: Meeting, recipient: User):
    link = _site_url(reverse("deals:followup-link", args=[followup_token(follow_up)]))
    other = (
        meeting.buyer.organisation_name
        if recipient == meeting.artisan_user
        else meeting.artisan.business_name
    )
    return email_enqueue_to_user(
        key=f"deal-followup:{meeting.pk}:{recipient.pk}:{follow_up.milestone}",
        user=recipient,
        template="followup",
        context={
            "follow_up": follow_up,
            "meeting": meeting,
            "recipient": recipient,
            "other": other,
            "choices": [(value, label, f"{link}?answer={value}") for value, label in FollowUp.Answer.choices],
            "url": _site_url(reverse("deals:followup", args=[follow_up.public_id])),
        },
    )


@dataclass(frozen=True)
class Answer:
    answer: str
    value: Decimal | None = None
    currency: str = ""


def followup_from_token(*, token: str, user: User | None) -> FollowUp:
    """The follow-up a link names, refused when expired, tampered with or someone else's.

    Signed out, the link is proof enough (it went to that person's address); signed in as
    someone else, it is refused rather than answered in another's name.
    """
    try:
        data = signed_links.read(LINK_SALT, token, max_age=LINK_MAX_AGE)
    except signed_links.Expired:
        raise TransitionRefused(_("This link has expired. You can still answer from the app."))
    except signed_links.Invalid:
        raise TransitionRefused(_("This link is not valid."))
    follow_up = (
        FollowUp.objects.select_related("meeting__artisan", "meeting__buyer")
        .filter(pk=data.get("f"), user_id=data.get("u"))
        .first()
    )
    if follow_up is None:
        raise TransitionRefused(_("This link is not valid."))
    if user is not None and user.is_authenticated and user.pk != follow_up.user_id:
        raise TransitionRefused(
            _("This link was sent to someone else. Sign out to use it, or answer from your own email.")
        )
    return follow_up


def followup_answer(
    *, follow_up: FollowUp, user_id: int, answer: Answer, now: datetime | None = None
) -> FollowUp:
    """Record one side's answer once; a second answer (a replayed link, another tab) is refused."""
    now = now or timezone.now()
    updated = FollowUp.objects.filter(pk=follow_up.pk, user_id=user_id, status=FollowUp.Status.ASKED).update(
        status=FollowUp.Status.ANSWERED,
        answer=answer.answer,
        value=answer.value,
        currency=answer.currency if answer.value is not None else "",
        answered_at=now,
    )
    if updated != 1:
        raise TransitionRefused(_("Your answer to this follow-up was already recorded. Thank you."))
    follow_up.refresh_from_db()
    return follow_up


def followups_waiting(user: User) -> QuerySet[FollowUp]:
    """The follow-ups a person was asked and has not answered, for the app's list."""
    return (
        FollowUp.objects.filter(user=user, status=FollowUp.Status.ASKED)
        .select_related("meeting__artisan", "meeting__buyer")
        .order_by("-created_at")
    )
