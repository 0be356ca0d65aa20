"""Check-in: scans from the staff's phones, each counted once, each answered with a clear outcome.

A scanning page sends scans in batches (at once when online, its queue when the network is back),
each with an id its device made. The id is unique in the database, so a scan sent twice is the
same row and its first answer is given again. A pass is admitted when its code is genuine (its
HMAC matches), it exists, it is not revoked and it is valid on the fair's day of the moment it was
scanned (the device's clock, in the fair's zone). A scan in a session's room also marks the
attendance of the visitor's seat there.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Case, DateTimeField, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from programs.models import Program
from visitors import codes
from visitors.models import AgendaSession, Gate, Pass, Scan, Seat
from visitors.services.base import Refused, fair_day

# A device clock ahead of ours by more than this is not believed (its scans are taken as now).
CLOCK_SKEW = timedelta(minutes=5)
MAX_BATCH = 200


@dataclass(frozen=True)
class ScanIn:
    client_id: uuid.UUID
    code: str
    scanned_at: datetime
    gate_id: int | None = None
    session_id: int | None = None


@dataclass(frozen=True)
class ScanOut:
    client_id: str
    outcome: str
    admitted: bool
    message: str
    name: str = ""
    kind: str = ""
    repeated: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.client_id,
            "outcome": self.outcome,
            "admitted": self.admitted,
            "message": self.message,
            "name": self.name,
            "kind": self.kind,
            "repeated": self.repeated,
        }


def _days_text(pass_obj: Pass) -> str:
    return ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in sorted(pass_obj.days))


def outcome_message(scan: Scan) -> str:
    """What the scanning page says of a scan: who was let in, or why not."""
    pass_obj = scan.pass_obj
    if scan.outcome == Scan.Outcome.ADMITTED and pass_obj is not None:
        return _("Welcome, %(name)s.") % {"name": pass_obj.visitor.full_name}
    if scan.outcome == Scan.Outcome.REVOKED:
        return _("Refused: this pass was revoked. Send the visitor to the desk.")
    if scan.outcome == Scan.Outcome.WRONG_DAY and pass_obj is not None:
        return _("Refused: this pass is not valid today (valid on %(days)s).") % {
            "days": _days_text(pass_obj)
        }
    if scan.outcome == Scan.Outcome.UNKNOWN:
        return _("Refused: no pass has this code.")
    return _("Refused: this is not a valid pass (the code was mistyped or altered).")


def _answer(scan: Scan, *, repeated: bool) -> ScanOut:
    visitor = scan.pass_obj.visitor if scan.pass_obj is not None else None
    return ScanOut(
        client_id=str(scan.client_id),
        outcome=scan.outcome,
        admitted=scan.outcome == Scan.Outcome.ADMITTED,
        message=outcome_message(scan),
        name=visitor.full_name if visitor else "",
        kind=visitor.get_kind_display() if visitor else "",
        repeated=repeated,
    )


def _judge(program: Program, pass_obj: Pass | None, genuine: bool, day: date) -> str:
    if not genuine:
        return Scan.Outcome.TAMPERED
    if pass_obj is None or pass_obj.visitor.program_id != program.pk:
        return Scan.Outcome.UNKNOWN
    if pass_obj.revoked_at is not None:
        return Scan.Outcome.REVOKED
    if day not in pass_obj.days:
        return Scan.Outcome.WRONG_DAY
    return Scan.Outcome.ADMITTED


def scans_record(
    *, program: Program, scans: list[ScanIn], staff: User, now: datetime | None = None
) -> list[ScanOut]:
    """Record a batch of scans from one device and answer each, in order.

    A scan whose id was recorded before is answered as it was then (marked `repeated`), and
    counted nothing more. The gate or session must be the program's.
    """
    now = now or timezone.now()
    if len(scans) > MAX_BATCH:
        raise Refused(_("Too many scans at once."))
    gate_ids = set(Gate.objects.filter(program=program).values_list("pk", flat=True))
    session_ids = set(AgendaSession.objects.filter(program=program).values_list("pk", flat=True))
    for scan in scans:
        if (scan.gate_id is None) == (scan.session_id is None):
            raise Refused(_("Each scan needs a gate or a session."))
        if (scan.gate_id is not None and scan.gate_id not in gate_ids) or (
            scan.session_id is not None and scan.session_id not in session_ids
        ):
            raise Refused(_("This gate or session is not one of this fair's."))
    existing = {
        scan.client_id: scan
        for scan in Scan.objects.filter(client_id__in=[s.client_id for s in scans]).select_related(
            "pass_obj__visitor"
        )
    }
    randoms = {s.client_id: codes.verify(s.code) for s in scans}
    wanted = {value for value in randoms.values() if value}
    passes = (
        {p.code: p for p in Pass.objects.filter(code__in=list(wanted)).select_related("visitor")}
        if wanted
        else {}
    )
    fresh: dict[uuid.UUID, Scan] = {}
    for scan in scans:
        if scan.client_id in existing or scan.client_id in fresh:
            continue
        random_part = randoms[scan.client_id]
        pass_obj = passes.get(random_part) if random_part else None
        scanned_at = min(scan.scanned_at, now) if scan.scanned_at <= now + CLOCK_SKEW else now
        day = fair_day(program, scanned_at)
        outcome = _judge(program, pass_obj, random_part is not None, day)
        fresh[scan.client_id] = Scan(
            client_id=scan.client_id,
            program=program,
            pass_obj=pass_obj if outcome != Scan.Outcome.UNKNOWN else None,
            gate_id=scan.gate_id,
            session_id=scan.session_id,
            outcome=outcome,
            scanned_at=scanned_at,
            day=day,
            scanned_by=staff,
        )
    # One statement for the batch's new scans and one for the seats they mark, whatever its size
    # (a phone back online sends its whole queue at once; issue 19).
    with transaction.atomic():
        inserted = _insert_new(list(fresh.values()))
        _mark_attendance(
            [
                record
                for client_id, record in fresh.items()
                if client_id in inserted
                and record.outcome == Scan.Outcome.ADMITTED
                and record.session_id is not None
            ]
        )
    taken = fresh.keys() - inserted
    if taken:
        # The same scans arrived by another request a moment ago: answer as those were.
        existing.update(
            (record.client_id, record)
            for record in Scan.objects.filter(client_id__in=taken).select_related("pass_obj__visitor")
        )
    answers: list[ScanOut] = []
    for scan in scans:
        if scan.client_id in inserted:
            answers.append(_answer(fresh[scan.client_id], repeated=False))
            inserted.discard(scan.client_id)  # the same id again in this batch is a repeat
        else:
            answers.append(_answer(existing.get(scan.client_id) or fresh[scan.client_id], repeated=True))
    return answers


_INSERT_SQL = """
INSERT INTO {table} ({columns})
SELECT * FROM unnest(
    %s::uuid[], %s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[],
    %s::varchar[], %s::timestamptz[], %s::date[], %s::timestamptz[], %s::bigint[]
)
ON CONFLICT (client_id) DO NOTHING
RETURNING client_id
"""
_INSERT_FIELDS = (
    "client_id",
    "program",
    "pass_obj",
    "gate",
    "session",
    "outcome",
    "scanned_at",
    "day",
    "received_at",
    "scanned_by",
)


def _insert_new(records: list[Scan]) -> set[uuid.UUID]:
    """Insert the scans whose id is not yet taken, in one statement; the ids it inserted.

    `ON CONFLICT DO NOTHING` is what the ORM's `bulk_create(ignore_conflicts=True)` runs, but that
    does not say which rows went in, and a scan taken by a concurrent request must be answered as
    that request recorded it.
    """
    if not records:
        return set()
    received_at = timezone.now()
    column = {field.name: field.column for field in Scan._meta.concrete_fields}
    rows = [
        [
            str(r.client_id),
            r.program_id,
            r.pass_obj_id,
            r.gate_id,
            r.session_id,
            r.outcome,
            r.scanned_at,
            r.day,
            received_at,
            r.scanned_by_id,
        ]
        for r in records
    ]
    sql = _INSERT_SQL.format(
        table=connection.ops.quote_name(Scan._meta.db_table),
        columns=", ".join(connection.ops.quote_name(column[name]) for name in _INSERT_FIELDS),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(values) for values in zip(*rows, strict=True)])
        return {uuid.UUID(str(row[0])) for row in cursor.fetchall()}


def _mark_attendance(admitted: list[Scan]) -> None:
    """Mark attended the seat each admitted scan's visitor holds in its session, in one UPDATE.

    A visitor's seat is theirs as a visitor or the seat of the account with their address. A seat
    already marked keeps its time; the first scan of the batch in a session gives it.
    """
    if not admitted:
        return
    whens: list[When] = []
    matches = Q()
    for record in admitted:
        assert record.pass_obj is not None
        visitor = record.pass_obj.visitor
        person = Q(visitor_id=visitor.pk)
        if visitor.email:
            # A subquery, not a join: an UPDATE's values may not reach through a relation.
            person |= Q(user_id__in=User.objects.filter(email__iexact=visitor.email).values("pk"))
        match = person & Q(session_id=record.session_id)
        whens.append(When(match, then=Value(record.scanned_at)))
        matches |= match
    Seat.objects.filter(matches, status=Seat.Status.CONFIRMED, attended_at__isnull=True).update(
        attended_at=Case(*whens, output_field=DateTimeField())
    )
