"""Reads with rules: a person's recommendations, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Craft
from matchmaking.models import Preference, Recommendation, SchedulePlan
from matchmaking.planning import SessionProblem, program_people
from matchmaking.reasons import reason_text
from programs.models import Application, Program


@dataclass
class Match:
    recommendation: Recommendation
    reasons: list[str]


def _with_reasons(recs: list[Recommendation], *, viewer_is_buyer: bool, show_wholesale: bool) -> list[Match]:
    craft_ids = {pk for rec in recs for reason in rec.reasons if reason.get("code") == "crafts" for pk in reason["crafts"]}
    names = {craft.pk: craft.name for craft in Craft.objects.filter(pk__in=craft_ids)} if craft_ids else {}
    return [
        Match(rec, [t for t in (reason_text(r, craft_names=names, viewer_is_buyer=viewer_is_buyer, show_wholesale=show_wholesale) for r in rec.reasons) if t])
        for rec in recs
    ]


def matches_for(user: User, *, limit: int | None = 5, hidden: bool = False) -> list[Match]:
    """The best visible matches of a buyer (artisans) or an artisan (buyers), best first;
    with `hidden`, the ones the person hid instead.

    One query for the rows and one for the craft names, whatever the number of rows.
    """
    if user.is_buyer:
        rows = Recommendation.objects.filter(
            visibility.public_artisan_q("artisan__"), buyer_user=user, hidden_by_buyer=hidden
        ).select_related("artisan", "program")
        viewer_is_buyer = True
    elif user.is_artisan:
        rows = Recommendation.objects.filter(
            artisan__user=user, hidden_by_artisan=hidden
        ).select_related("buyer_user", "buyer_user__buyer_profile", "program")
        viewer_is_buyer = False
    else:
        return []
    rows = rows.order_by("-score", "id")
    recs = list(rows[:limit] if limit else rows)
    # A buyer reads the artisan's price range only when they may see wholesale terms; an artisan
    # reads their own prices.
    show_wholesale = not viewer_is_buyer or visibility.can_see_wholesale(user)
    return _with_reasons(recs, viewer_is_buyer=viewer_is_buyer, show_wholesale=show_wholesale)


def my_preferences(user: User) -> dict[tuple[int, int], int]:
    """What a person marked: (program id, the other party's id) → level. One query."""
    if user.is_buyer:
        rows = Preference.objects.filter(buyer_user=user, side=Preference.Side.BUYER).values_list(
            "program_id", "artisan_id", "level")
    elif user.is_artisan:
        rows = Preference.objects.filter(artisan__user=user, side=Preference.Side.ARTISAN).values_list(
            "program_id", "buyer_user_id", "level")
    else:
        return {}
    return {(program_id, other): level for program_id, other, level in rows}


def shared_programs(*, buyer_user: User, artisan: ArtisanProfile) -> list[Program]:
    """Every program the buyer joined and the artisan was accepted into (not closed). One query."""
    return list(
        Program.objects.filter(
            memberships__user=buyer_user, applications__artisan=artisan,
            applications__status=Application.Status.ACCEPTED,
        ).exclude(status=Program.Status.CLOSED).order_by("-starts_on").distinct()
    )


# --- staff: the mutual preference matrix and a plan's grid ---------------------------------


@dataclass
class MatrixCell:
    buyer: int | None = None
    artisan: int | None = None

    @property
    def mutual(self) -> bool:
        return bool(self.buyer) and bool(self.artisan)


@dataclass
class PreferenceMatrix:
    artisans: list
    buyers: list
    rows: list  # (artisan, [MatrixCell per buyer])


def preference_matrix(program: Program) -> PreferenceMatrix:
    """Artisans (rows) × buyers (columns) of a program with both sides' marks: three queries."""
    artisans, buyers = program_people(program.pk)
    artisan_list = sorted(artisans.values(), key=lambda a: a.business_name.lower())
    buyer_list = sorted(buyers.values(), key=lambda u: u.buyer_profile.organisation_name.lower())
    cells: dict[tuple[int, int], MatrixCell] = {}
    for artisan_id, buyer_id, side, level in Preference.objects.filter(program=program).values_list(
        "artisan_id", "buyer_user_id", "side", "level"
    ):
        cell = cells.setdefault((artisan_id, buyer_id), MatrixCell())
        setattr(cell, side, level)
    rows = [(a, [cells.get((a.pk, b.pk), MatrixCell()) for b in buyer_list]) for a in artisan_list]
    return PreferenceMatrix(artisan_list, buyer_list, rows)


@dataclass
class PlanGrid:
    slots: list
    rows: list  # (label, [PlanItem | None per slot])
    agendas: list  # (label, [PlanItem])
    items: list


def plan_grid(plan: SchedulePlan, built: SessionProblem) -> PlanGrid:
    """Tables (a B2B day) or artisans (a virtual window) by slot, and each person's agenda."""
    items = list(plan.items.select_related("artisan", "buyer_user", "buyer_user__buyer_profile", "interpreter",
                                           "meeting"))
    index = {start: i for i, start in enumerate(built.slots)}
    slots = built.slots
    if built.problem.tables is not None:
        keys = list(range(1, built.problem.tables + 1))
        extra = sorted({i.table for i in items if i.table and i.table not in keys})
        labels = {t: t for t in keys + extra}
        key_of = lambda item: item.table  # noqa: E731
    else:
        artisans = sorted({i.artisan for i in items}, key=lambda a: a.business_name.lower())
        labels = {a.pk: a.business_name for a in artisans}
        key_of = lambda item: item.artisan_id  # noqa: E731
    table: dict = {key: [None] * len(slots) for key in labels}
    for item in items:
        slot = index.get(item.start_at)
        if slot is not None and key_of(item) in table:
            table[key_of(item)][slot] = item
    rows = [(labels[key], cells) for key, cells in table.items()]
    people: dict[tuple[str, int], tuple[str, list]] = {}
    for item in sorted(items, key=lambda i: i.start_at):
        for key, label in ((("a", item.artisan_id), item.artisan.business_name),
                           (("b", item.buyer_user_id), item.buyer_user.buyer_profile.organisation_name)):
            people.setdefault(key, (label, []))[1].append(item)
    agendas = sorted(people.values(), key=lambda pair: pair[0].lower())
    return PlanGrid(slots, rows, agendas, items)
