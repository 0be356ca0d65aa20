"""A program's results, as staff report them: "25 meetings with 14 of 21 artisans".

They live with the meetings they read (programs sit below meetings and know nothing of them);
the program's admin pages, above both, ask here.

Definitions (the same on the page, in the CSV and in the tests):
- catalog: artisans accepted into the program whose profile is approved;
- counted meetings: the program's own meetings (Meeting.program) whose agreed time lies inside
  its meeting window (meetings.transitions.program_window_q); one never given a time (a request
  still open, or declined) counts as a request. A meeting booked outside the window (before the
  window was moved) is not part of the program's results;
- requests: counted meetings in any state; confirmed: agreed at some point and not
  declined (confirmed, rescheduling, completed, or cancelled after confirmation);
- held: at least one side reported the meeting took place; no-show: a side reported the other
  did not come and nobody reported it held;
- samples / orders / follow-ups: meetings where a side named that next step;
- estimated value: per meeting the largest estimate either side gave, in US dollars.
A fixed handful of queries, whatever the size of the program.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.selectors import usd_per_unit
from meetings.models import Meeting, Outcome
from meetings.transitions import program_window_q
from programs.models import Application, BuyerInvitation, Program, ProgramBuyer


@dataclass
class Row:
    label: str
    requests: int = 0
    confirmed: int = 0
    held: int = 0
    no_shows: int = 0
    orders: int = 0
    value_usd: Decimal = Decimal("0")
    people: set = field(default_factory=set)


@dataclass
class Results:
    program: Program
    catalog_artisans: int
    buyers_invited: int
    buyers_registered: int
    buyers_joined: int
    buyers_active: int
    requests: int
    confirmed: int
    held: int
    no_shows: int
    samples: int
    orders: int
    follow_ups: int
    value_usd: Decimal
    artisans_met: int
    per_artisan: list[Row]
    per_country: list[Row]
    funnel: list[tuple[str, int]]

    @property
    def headline(self) -> dict[str, int]:
        return {"held": self.held, "met": self.artisans_met, "catalog": self.catalog_artisans}


def program_results(program: Program) -> Results:
    catalog = dict(
        ArtisanProfile.objects.filter(
            # A closed account (privacy.services.account_delete) was in the catalog all the same.
            visibility.public_artisan_q() | Q(user__is_active=False),
            applications__program=program, applications__status=Application.Status.ACCEPTED,
        ).values_list("pk", "business_name")
    )
    invitations = BuyerInvitation.objects.filter(program=program).aggregate(
        invited=Count("pk"), registered=Count("pk", filter=Q(user__isnull=False))
    )
    members = ProgramBuyer.objects.filter(program=program).count()
    counted = Meeting.objects.filter(program_window_q(program), program=program)
    meetings = list(
        counted.values(
            "pk", "artisan_id", "artisan__business_name", "buyer__user_id", "buyer__country", "status", "confirmed_at"
        )
    )
    outcomes: dict[int, list[dict]] = defaultdict(list)
    for outcome in Outcome.objects.filter(meeting__in=counted).values(
        "meeting_id", "attendance", "next_step", "estimated_order_value", "currency"
    ):
        outcomes[outcome["meeting_id"]].append(outcome)

    confirmed_states = {Meeting.Status.CONFIRMED, Meeting.Status.RESCHEDULING, Meeting.Status.COMPLETED}
    per_artisan: dict[int, Row] = {pk: Row(label=name) for pk, name in catalog.items()}
    per_country: dict[str, Row] = {}
    totals = Counter()
    value_total = Decimal("0")
    buyers = defaultdict(set)  # stage -> buyer user ids
    artisans_met: set[int] = set()
    rates = usd_per_unit()
    for meeting in meetings:
        said = outcomes.get(meeting["pk"], [])
        confirmed = meeting["status"] in confirmed_states or (
            meeting["status"] == Meeting.Status.CANCELLED and meeting["confirmed_at"] is not None
        )
        held = any(o["attendance"] == Outcome.Attendance.HELD for o in said)
        no_show = not held and any(o["attendance"] == Outcome.Attendance.NO_SHOW for o in said)
        steps = {o["next_step"] for o in said}
        value = max(
            (o["estimated_order_value"] * rates[o["currency"]]
             for o in said if o["estimated_order_value"] is not None),
            default=Decimal("0"),
        ).quantize(Decimal("0.01"))
        flags = {
            "requests": True, "confirmed": confirmed, "held": held, "no_shows": no_show,
            "samples": Outcome.NextStep.SAMPLES in steps, "orders": Outcome.NextStep.ORDER in steps,
            "follow_ups": Outcome.NextStep.FOLLOW_UP in steps,
        }
        totals.update(name for name, on in flags.items() if on)
        value_total += value
        buyer = meeting["buyer__user_id"]
        for stage in ("requests", "confirmed", "held", "orders"):
            if flags[stage]:
                buyers[stage].add(buyer)
        if held:
            artisans_met.add(meeting["artisan_id"])
        artisan_row = per_artisan.setdefault(meeting["artisan_id"], Row(label=meeting["artisan__business_name"]))
        country_row = per_country.setdefault(meeting["buyer__country"] or "—", Row(label=meeting["buyer__country"] or "—"))
        for row in (artisan_row, country_row):
            row.requests += 1
            row.confirmed += confirmed
            row.held += held
            row.no_shows += no_show
            row.orders += flags["orders"]
            row.value_usd += value
        country_row.people.add(buyer)

    funnel = [
        ("invited", invitations["invited"]),
        ("registered", invitations["registered"]),
        ("joined", members),
        ("requested", len(buyers["requests"])),
        ("confirmed", len(buyers["confirmed"])),
        ("held", len(buyers["held"])),
        ("ordered", len(buyers["orders"])),
    ]
    return Results(
        program=program,
        catalog_artisans=len(catalog),
        buyers_invited=invitations["invited"],
        buyers_registered=invitations["registered"],
        buyers_joined=members,
        buyers_active=len(buyers["requests"]),
        requests=totals["requests"],
        confirmed=totals["confirmed"],
        held=totals["held"],
        no_shows=totals["no_shows"],
        samples=totals["samples"],
        orders=totals["orders"],
        follow_ups=totals["follow_ups"],
        value_usd=value_total,
        artisans_met=len(artisans_met),
        per_artisan=sorted(per_artisan.values(), key=lambda r: (-r.held, -r.requests, r.label)),
        per_country=sorted(per_country.values(), key=lambda r: (-r.requests, r.label)),
        funnel=funnel,
    )
