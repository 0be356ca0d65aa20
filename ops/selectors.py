"""What agency staff see first in the admin: what needs them, and the programs they run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from artisans.models import ArtisanProfile
from catalog.models import Product
from meetings.models import Meeting
from notifications.models import Email
from programs.models import Application, Program

TODAYS_MEETINGS_SHOWN = 20


@dataclass
class StaffHome:
    pending_artisans: int
    products_to_review: int
    applications_to_decide: int
    failed_emails: int
    todays_meetings: list[Meeting]
    todays_meetings_count: int
    programs: Sequence[Program]
    day_start: datetime


def staff_home(*, now: datetime | None = None) -> StaffHome:
    """A fixed number of queries, however many programs, applications or meetings there are.

    "Today" is the viewer's day: the active time zone (the staff member's own, set per request).
    """
    now = timezone.localtime(now or timezone.now())
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    day_end = timezone.make_aware(
        datetime.combine(day_start.date() + timedelta(days=1), datetime.min.time()), now.tzinfo
    )
    counts = ArtisanProfile.objects.aggregate(
        pending=Count("pk", filter=Q(status=ArtisanProfile.Status.PENDING))
    )
    products = Product.objects.filter(status=Product.Status.IN_REVIEW).count()
    applications = Application.objects.filter(status=Application.Status.APPLIED).count()
    failed = Email.objects.filter(status=Email.Status.FAILED).count()
    today = (
        Meeting.objects.filter(status=Meeting.Status.CONFIRMED, start_at__gte=day_start, start_at__lt=day_end)
        .select_related("artisan", "buyer", "program")
        .order_by("start_at")
    )
    programs = list(
        Program.objects.exclude(status=Program.Status.CLOSED)
        .annotate(
            to_decide=Count(
                "applications", filter=Q(applications__status=Application.Status.APPLIED), distinct=True
            ),
            accepted=Count(
                "applications", filter=Q(applications__status=Application.Status.ACCEPTED), distinct=True
            ),
            joined=Count("memberships", distinct=True),
        )
        .order_by("starts_on", "name")
    )
    return StaffHome(
        pending_artisans=counts["pending"],
        products_to_review=products,
        applications_to_decide=applications,
        failed_emails=failed,
        todays_meetings=list(today[:TODAYS_MEETINGS_SHOWN]),
        todays_meetings_count=today.count(),
        programs=programs,
        day_start=day_start,
    )


def outbox_backlog(*, now: datetime | None = None) -> tuple[dict[str, int], float]:
    """Outgoing emails per status (every status, 0 when none), and the age in seconds of the
    oldest one not yet sent (0 when none): one query each, for the metrics page."""
    now = now or timezone.now()
    counts = dict.fromkeys(Email.Status.values, 0)
    for row in Email.objects.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    unsent = [Email.Status.QUEUED, Email.Status.SENDING, Email.Status.WAITING]
    oldest = (
        Email.objects.filter(status__in=unsent)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return counts, max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
