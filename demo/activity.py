"""The demo's program and its meetings: the "US museum shops" virtual buyer mission.

Modelled on a real mission: the agency made a digital catalog of its artisans, its New York
office sent it to museum-shop buyers, and meetings took place over October and November. The
section writes rows directly (history, not actions): no email is sent for past meetings.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from artisans.models import ArtisanProfile
from buyers.models import BuyerProfile
from demo.content import BUYERS
from matchmaking.services import recommendations_recompute
from meetings.models import AvailabilitySettings, AvailabilityWindow, Meeting, Outcome
from notifications.models import Email
from programs.models import Application, BuyerInvitation, Program, ProgramBuyer

PROGRAM_SLUG = "us-museum-shops-2026"
MORE_INVITED = ("buyer@brooklyn-museum-store.example", "shop@portland-craft-museum.example",
                "retail@folk-art-houston.example", "store@seattle-design-center.example")

# (artisan slug, buyer index, day of the program, attendance, next step, estimated value, currency)
PAST_MEETINGS = [
    ("alfareria-hermanos-prieto", 0, 2, "held", "order", "4800", "USD"),
    ("alfareria-hermanos-prieto", 2, 9, "held", "samples", None, "EUR"),
    ("ceramica-el-puente-verde", 1, 3, "held", "samples", None, "EUR"),
    ("ceramica-el-puente-verde", 3, 15, "held", "follow_up", None, "EUR"),
    ("damasquinados-del-tajo", 0, 4, "held", "order", "2600", "USD"),
    ("cuchilleria-vega-albacete", 4, 5, "no_show", "none", None, "EUR"),
    ("cuchilleria-vega-albacete", 1, 16, "held", "samples", None, "EUR"),
    ("esparto-vivo", 2, 6, "held", "order", "3100", "USD"),
    ("esparto-vivo", 0, 20, "held", "follow_up", None, "EUR"),
    ("labores-lagarteranas", 3, 7, "held", "samples", None, "EUR"),
    ("mimbres-del-alto-tajo", 1, 8, "held", "none", None, "EUR"),
    ("azafranes-molino-alto", 4, 10, "held", "order", "1500", "USD"),
    ("azafranes-molino-alto", 2, 22, "held", "follow_up", None, "EUR"),
    ("atelier-fakhar-fes", 0, 11, "held", "samples", None, "MAD"),
    ("atelier-fakhar-fes", 3, 23, "held", "order", "5200", "USD"),
    ("maalem-zellige-ain-nokbi", 1, 12, "held", "follow_up", None, "MAD"),
    ("dar-al-fakhar-safi", 2, 13, "no_show", "none", None, "MAD"),
    ("maroquinerie-bab-debbagh", 0, 14, "held", "samples", None, "EUR"),
    ("maroquinerie-bab-debbagh", 4, 26, "held", "order", "2200", "USD"),
    ("medina-steps-babouches", 3, 17, "held", "samples", None, "EUR"),
    ("cooperative-tifawin-tazenakht", 1, 18, "held", "order", "6400", "USD"),
    ("cooperative-tifawin-tazenakht", 2, 27, "held", "samples", None, "MAD"),
    ("cooperative-taddart-azrou", 0, 19, "held", "follow_up", None, "MAD"),
    ("dinanderie-dar-nhass", 4, 21, "held", "samples", None, "MAD"),
    ("dinanderie-dar-nhass", 1, 28, "held", "follow_up", None, "MAD"),
]
# Upcoming and open: (artisan slug, buyer index, days from today, status)
OPEN_MEETINGS = [
    ("alfareria-hermanos-prieto", 0, 6, "confirmed"),
    ("atelier-fakhar-fes", 0, 8, "confirmed"),
    ("alfareria-hermanos-prieto", 3, 9, "requested"),
    ("atelier-fakhar-fes", 2, 10, "requested"),
    ("esparto-vivo", 0, 12, "requested"),
]


def _program() -> Program:
    program, _ = Program.objects.update_or_create(
        slug=PROGRAM_SLUG,
        defaults={
            "name": "US Museum Shops — Virtual Buyer Mission 2026",
            "kind": Program.Kind.VIRTUAL_MISSION,
            "organiser": "Instituto de Promoción Exterior de Castilla-La Mancha & Maison de l'Artisan",
            "description": (
                "A digital catalog of artisans from Castilla-La Mancha and Morocco, presented by the agencies' "
                "New York office to museum-shop buyers, with one-to-one video meetings over October and November."
            ),
            "starts_on": date(2026, 10, 1),
            "ends_on": date(2026, 12, 18),
            "meetings_open_at": datetime(2026, 10, 1, 13, tzinfo=UTC),
            "meetings_close_at": datetime(2026, 12, 18, 23, tzinfo=UTC),
            "time_zone": "America/New_York",
            "meeting_minutes": 30,
            "max_meetings_per_artisan": 6,
            "max_meetings_per_buyer": 12,
            "status": Program.Status.OPEN_BUYERS,
            "public_catalog": True,
        },
    )
    return program


def _slot(day: date, index: int) -> datetime:
    # 15:00 UTC onwards: afternoon in Madrid and Casablanca, morning in New York.
    return datetime.combine(day, time(15, 0), tzinfo=UTC) + timedelta(minutes=45 * index)


def load_activity(ctx) -> str:
    program = _program()
    artisans = {a.slug: a for a in ArtisanProfile.objects.select_related("user")}
    approved = [a for a in artisans.values() if a.status == ArtisanProfile.Status.APPROVED]
    for artisan in approved:
        Application.objects.update_or_create(
            program=program, artisan=artisan,
            defaults={"status": Application.Status.ACCEPTED, "decided_at": timezone.now()},
        )
        AvailabilitySettings.objects.get_or_create(artisan=artisan)
        if not artisan.availability_windows.exists():
            AvailabilityWindow.objects.bulk_create(
                AvailabilityWindow(artisan=artisan, weekday=weekday, start_time=time(15), end_time=time(19))
                for weekday in range(1, 6)
            )
    buyers = list(BuyerProfile.objects.filter(user__email__in=[b.email for b in BUYERS]).select_related("user"))
    buyers.sort(key=lambda b: [spec.email for spec in BUYERS].index(b.user.email))
    for buyer in buyers:
        ProgramBuyer.objects.get_or_create(program=program, user=buyer.user)
        BuyerInvitation.objects.update_or_create(
            program=program, email=buyer.user.email,
            defaults={"user": buyer.user, "registered_at": program.meetings_open_at},
        )
    for address in MORE_INVITED:
        sent, _ = Email.objects.get_or_create(
            key=f"demo-invitation:{address}",
            defaults={"to": address, "subject": f"You are invited to {program.name}", "body_text": "(demo)",
                      "status": Email.Status.SENT, "sent_at": program.meetings_open_at, "attempts": 1},
        )
        BuyerInvitation.objects.get_or_create(program=program, email=address, defaults={"outbox": sent})

    if not Meeting.objects.filter(program=program).exists():
        _meetings(program, artisans, buyers)
    # Recommendations are normally recomputed by a worker; the demo shows them at once.
    recommendations_recompute(program_id=program.pk)
    return f"program {program.name} with {len(approved)} artisans, {len(buyers)} buyers and its meetings"


def _meeting(program, artisan, buyer, start, status, **extra) -> Meeting:
    extra.setdefault("proposed_starts", [start])
    return Meeting.objects.create(
        program=program, artisan=artisan, buyer=buyer, artisan_user=artisan.user, buyer_user=buyer.user,
        status=status, mode=Meeting.Mode.VIRTUAL, duration_minutes=30,
        proposed_by=buyer.user, proposed_time_zone=buyer.user.time_zone, **extra,
    )


def _meetings(program, artisans, buyers) -> None:
    first_day = program.starts_on
    for index, (slug, buyer_index, day, attendance, next_step, value, currency) in enumerate(PAST_MEETINGS):
        artisan, buyer = artisans[slug], buyers[buyer_index]
        start = _slot(first_day + timedelta(days=day), index % 4)
        meeting = _meeting(
            program, artisan, buyer, start, Meeting.Status.COMPLETED,
            start_at=start, end_at=start + timedelta(minutes=30), confirmed_at=start - timedelta(days=3),
            video_token=secrets.token_urlsafe(24),
        )
        Outcome.objects.create(
            meeting=meeting, user=buyer.user, attendance=attendance, next_step=next_step,
            interest=3 if next_step == "order" else 2, currency=currency,
            estimated_order_value=Decimal(value) if value else None,
        )
        if attendance == "held":
            Outcome.objects.create(meeting=meeting, user=artisan.user, attendance="held",
                                   next_step=next_step, interest=3, currency=currency)
    today = timezone.now().date()
    for index, (slug, buyer_index, days, status) in enumerate(OPEN_MEETINGS):
        artisan, buyer = artisans[slug], buyers[buyer_index]
        start = _slot(today + timedelta(days=days), index)
        if status == "confirmed":
            _meeting(program, artisan, buyer, start, Meeting.Status.CONFIRMED, start_at=start,
                     end_at=start + timedelta(minutes=30), confirmed_at=timezone.now(),
                     video_token=secrets.token_urlsafe(24))
        else:
            _meeting(program, artisan, buyer, start, Meeting.Status.REQUESTED,
                     proposed_starts=[start, start + timedelta(days=1)])


def activity_loaded() -> bool:
    return Meeting.objects.filter(program__slug=PROGRAM_SLUG).exists()
