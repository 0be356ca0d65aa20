"""Recommendations recomputed by workers, and preferences.

Recomputing replaces a program's recommendations in one transaction with bulk inserts; what a
person hid stays hidden. It runs in Celery tasks only (matchmaking.tasks), never in a request.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Product
from matchmaking.models import Preference, Recommendation, ScoreWeights
from matchmaking.scoring import ArtisanFacts, BuyerFacts, Context, Weights, rank_for_buyers, score
from programs.models import Application, Program, ProgramBuyer

KEEP = 20
BATCH = 2000


class PreferenceError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _weights(program: Program) -> Weights:
    row = ScoreWeights.objects.filter(program=program).first()
    return row.as_weights() if row else Weights()


def program_artisan_facts(program: Program) -> list[ArtisanFacts]:
    """Every accepted, approved artisan of the program, with their published products summed up."""
    artisans = list(
        ArtisanProfile.objects.filter(
            visibility.public_artisan_q(),
            applications__program=program, applications__status=Application.Status.ACCEPTED,
        ).select_related("user").prefetch_related("crafts")
    )
    ids = [a.pk for a in artisans]
    products = defaultdict(list)
    for row in Product.objects.filter(visibility.published_q(), artisan_id__in=ids).values(
        "artisan_id", "craft_id", "materials", "wholesale_price_usd", "min_order_qty", "lead_time_days"
    ):
        products[row["artisan_id"]].append(row)
    facts = []
    for artisan in artisans:
        rows = products[artisan.pk]
        prices = [float(r["wholesale_price_usd"]) for r in rows if r["wholesale_price_usd"]]
        facts.append(ArtisanFacts(
            id=artisan.pk,
            crafts=frozenset(c.pk for c in artisan.crafts.all()) | {r["craft_id"] for r in rows},
            materials=frozenset(m.strip().lower() for r in rows for m in r["materials"]),
            price_min_usd=min(prices) if prices else None,
            price_max_usd=max(prices) if prices else None,
            min_order_qty=min((r["min_order_qty"] for r in rows), default=None),
            monthly_capacity=artisan.monthly_capacity,
            lead_time_days=artisan.lead_time_days or min((r["lead_time_days"] for r in rows), default=None),
            languages=frozenset([*artisan.languages_spoken, artisan.language]),
            time_zone=artisan.time_zone or artisan.user.time_zone,
            exported_before=artisan.exported_before,
        ))
    return facts


def program_buyer_facts(program: Program) -> list[BuyerFacts]:
    memberships = (
        ProgramBuyer.objects.filter(program=program, user__buyer_profile__isnull=False)
        .select_related("user", "user__buyer_profile")
        .prefetch_related("user__buyer_profile__crafts_of_interest")
    )
    facts = []
    for membership in memberships:
        user, profile = membership.user, membership.user.buyer_profile
        facts.append(BuyerFacts(
            id=user.pk,
            crafts=frozenset(c.pk for c in profile.crafts_of_interest.all()),
            price_min_usd=float(profile.price_min_usd) if profile.price_min_usd is not None else None,
            price_max_usd=float(profile.price_max_usd) if profile.price_max_usd is not None else None,
            typical_order_qty=profile.typical_order_qty,
            languages=frozenset(profile.languages or [user.language]),
            time_zone=user.time_zone,
        ))
    return facts


def _reference_day(program: Program, now: datetime) -> date:
    # Working hours are compared on a day of the program, so DST is the one that will apply.
    day = program.starts_on if program.starts_on >= now.date() else now.date()
    while day.weekday() >= 5:
        day = day.fromordinal(day.toordinal() + 1)
    return day


def recommendations_recompute(*, program_id: int, now: datetime | None = None) -> int:
    """Score every buyer of the program against every artisan; keep each side's best. Returns rows."""
    now = now or timezone.now()
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return 0
    weights = _weights(program)
    ctx = Context(reference_day=_reference_day(program, now))
    artisans = program_artisan_facts(program)
    buyers = program_buyer_facts(program)
    rows = []
    for buyer, ranked in rank_for_buyers(artisans, buyers, weights, keep=KEEP, ctx=ctx):
        for _fast, artisan in ranked:
            total, reasons = score(artisan, buyer, weights, ctx)
            rows.append(Recommendation(
                program=program, buyer_user_id=buyer.id, artisan_id=artisan.id, score=total,
                reasons=reasons, computed_at=now,
            ))
    with transaction.atomic():
        hidden = {
            (r["buyer_user_id"], r["artisan_id"]): (r["hidden_by_buyer"], r["hidden_by_artisan"])
            for r in Recommendation.objects.filter(program=program)
            .exclude(hidden_by_buyer=False, hidden_by_artisan=False)
            .values("buyer_user_id", "artisan_id", "hidden_by_buyer", "hidden_by_artisan")
        }
        for row in rows:
            row.hidden_by_buyer, row.hidden_by_artisan = hidden.get((row.buyer_user_id, row.artisan_id), (False, False))
        Recommendation.objects.filter(program=program).delete()
        Recommendation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def programs_of_artisan(artisan_id: int) -> list[int]:
    return list(
        Application.objects.filter(artisan_id=artisan_id, status=Application.Status.ACCEPTED)
        .values_list("program_id", flat=True)
    )


def programs_of_buyer(user_id: int) -> list[int]:
    return list(ProgramBuyer.objects.filter(user_id=user_id).values_list("program_id", flat=True))


def stale_programs() -> list[int]:
    """Programs whose recommendations predate a change of one of their profiles or products."""
    stale = []
    for program in Program.objects.exclude(status=Program.Status.DRAFT).annotate(
        computed=Min("recommendations__computed_at")
    ):
        members = ProgramBuyer.objects.filter(program=program)
        accepted = Application.objects.filter(program=program, status=Application.Status.ACCEPTED)
        changed = max(
            filter(None, [
                accepted.aggregate(m=Max("artisan__updated_at"))["m"],
                Product.objects.filter(artisan__applications__in=accepted).aggregate(m=Max("updated_at"))["m"],
                members.aggregate(m=Max("user__buyer_profile__updated_at"))["m"],
                members.aggregate(m=Max("joined_at"))["m"],
                accepted.aggregate(m=Max("decided_at"))["m"],
                ScoreWeights.objects.filter(program=program).aggregate(m=Max("updated_at"))["m"],
            ]),
            default=None,
        )
        if changed is not None and (program.computed is None or changed > program.computed):
            stale.append(program.pk)
    return stale


def recommendation_hide(*, recommendation_id: int, user: User) -> Recommendation:
    """Hide a recommendation from the side of the person asking; nothing else changes."""
    rec = Recommendation.objects.select_related("artisan").get(pk=recommendation_id)
    if user.pk == rec.buyer_user_id:
        rec.hidden_by_buyer = True
        rec.save(update_fields=["hidden_by_buyer"])
    elif user.pk == rec.artisan.user_id:
        rec.hidden_by_artisan = True
        rec.save(update_fields=["hidden_by_artisan"])
    else:
        raise PreferenceError("not yours")
    return rec


def recommendation_unhide(*, recommendation_id: int, user: User) -> Recommendation:
    """Show again a recommendation the person hid from their side."""
    rec = Recommendation.objects.select_related("artisan").get(pk=recommendation_id)
    if user.pk == rec.buyer_user_id:
        rec.hidden_by_buyer = False
        rec.save(update_fields=["hidden_by_buyer"])
    elif user.pk == rec.artisan.user_id:
        rec.hidden_by_artisan = False
        rec.save(update_fields=["hidden_by_artisan"])
    else:
        raise PreferenceError("not yours")
    return rec


def preference_set(*, program: Program, user: User, other_id: int, level: int) -> Preference:
    """Record what `user` thinks of meeting the other party (an artisan id for a buyer, a buyer
    user id for an artisan) in a program both belong to."""
    if level not in Preference.Level.values:
        raise PreferenceError("unknown level")
    if user.is_buyer:
        if not ProgramBuyer.objects.filter(program=program, user=user).exists():
            raise PreferenceError("not a member")
        artisan = ArtisanProfile.objects.filter(
            pk=other_id, applications__program=program, applications__status=Application.Status.ACCEPTED
        ).first()
        if artisan is None:
            raise PreferenceError("unknown artisan")
        buyer_user_id, side = user.pk, Preference.Side.BUYER
    elif user.is_artisan:
        artisan = getattr(user, "artisan_profile", None)
        if artisan is None or not Application.objects.filter(
            program=program, artisan=artisan, status=Application.Status.ACCEPTED
        ).exists():
            raise PreferenceError("not a member")
        if not ProgramBuyer.objects.filter(program=program, user_id=other_id).exists():
            raise PreferenceError("unknown buyer")
        buyer_user_id, side = other_id, Preference.Side.ARTISAN
    else:
        raise PreferenceError("buyers and artisans only")
    preference, _created = Preference.objects.update_or_create(
        program=program, buyer_user_id=buyer_user_id, artisan=artisan, side=side, defaults={"level": level}
    )
    return preference


def preference_weights(*, program_id: int) -> dict[tuple[int, int], int]:
    """The weight of each (artisan id, buyer user id) pair: both sides' wishes added; a pair
    either side is not interested in is left out."""
    sides: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for artisan_id, buyer_user_id, side, level in Preference.objects.filter(program_id=program_id).values_list(
        "artisan_id", "buyer_user_id", "side", "level"
    ):
        sides[(artisan_id, buyer_user_id)][side] = level
    return {
        key: sum(levels.values())
        for key, levels in sides.items()
        if Preference.Level.NOT not in levels.values()
    }


# --- entry points for other apps: queue after commit, never compute in the request ---------


def recompute_for_artisan(artisan_id: int) -> None:
    from matchmaking.tasks import recompute_for_artisan_task

    transaction.on_commit(lambda: recompute_for_artisan_task.delay(artisan_id))


def recompute_for_buyer(user_id: int) -> None:
    from matchmaking.tasks import recompute_for_buyer_task

    transaction.on_commit(lambda: recompute_for_buyer_task.delay(user_id))


def recompute_program(program_id: int) -> None:
    from matchmaking.tasks import recompute_program_task

    transaction.on_commit(lambda: recompute_program_task.delay(program_id))
