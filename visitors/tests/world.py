"""The visitors part of the security matrices' world (tests/security/world.py calls it).

Fair A (a trade fair open for buyers) has a gate, a room, a future conference and a past training
session. Visitor "public" holds a live pass; "trade" holds one too (a badge type); "pending" waits
for staff. Artisan A and buyer B hold seats in the conference; the public visitor and artisan A
attended the training (certificates).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from visitors import codes
from visitors.models import AgendaSession, DailyCount, Seat, Visitor
from visitors.tests.factories import (
    AgendaSessionFactory,
    GateFactory,
    PassFactory,
    RoomFactory,
    VisitorFactory,
    fair_program,
)


def build_visitors(w) -> None:
    fair = fair_program(slug="fair-a", name="Fair A")
    room = RoomFactory(program=fair, name="Hall 1 stage")
    gate = GateFactory(program=fair, name="North gate")
    now = timezone.now()
    conference = AgendaSessionFactory(
        room=room,
        program=fair,
        title="Export to museum shops",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=1),
    )
    training = AgendaSessionFactory(
        room=room,
        program=fair,
        title="Natural dyes",
        kind=AgendaSession.Kind.TRAINING,
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=2),
    )
    public = VisitorFactory(program=fair, full_name="Public Visitor", email="public.visitor@example.org")
    trade = VisitorFactory(
        program=fair,
        full_name="Trade Visitor",
        email="trade.visitor@example.org",
        kind=Visitor.Kind.TRADE,
        organisation="Gallery T",
    )
    pending = VisitorFactory(
        program=fair,
        full_name="Pending Press",
        email="pending.press@example.org",
        kind=Visitor.Kind.PRESS,
        status=Visitor.Status.PENDING,
    )
    passes = {"public": PassFactory(visitor=public), "trade": PassFactory(visitor=trade)}
    seats = {
        "A": Seat.objects.create(
            session=conference, user=w.users["artisan_a"], status=Seat.Status.CONFIRMED, confirmed_at=now
        ),
        "B": Seat.objects.create(
            session=conference, user=w.users["buyer_b"], status=Seat.Status.CONFIRMED, confirmed_at=now
        ),
        "visitor": Seat.objects.create(
            session=conference, visitor=public, status=Seat.Status.CONFIRMED, confirmed_at=now
        ),
        "training_visitor": Seat.objects.create(
            session=training,
            visitor=public,
            status=Seat.Status.CONFIRMED,
            confirmed_at=now,
            attended_at=now - timedelta(hours=3),
        ),
        "training_A": Seat.objects.create(
            session=training,
            user=w.users["artisan_a"],
            status=Seat.Status.CONFIRMED,
            confirmed_at=now,
            attended_at=now - timedelta(hours=3),
        ),
    }
    # Counted by hand on the first day at the open-air market, where nobody scans.
    daily_count = DailyCount.objects.create(
        program=fair, day=fair.starts_on, place="Open-air market", count=40
    )
    w.misc["visitors"] = {
        "daily_count": daily_count,
        "fair": fair,
        "room": room,
        "gate": gate,
        "conference": conference,
        "training": training,
        "public": public,
        "trade": trade,
        "pending": pending,
        "passes": passes,
        "seats": seats,
        "codes": {name: codes.sign(p.code) for name, p in passes.items()},
    }
