"""Registering visitors: from the public (email confirmed by a signed link), at the desk, vetted by staff.

A public registration is recorded unconfirmed and mailed a two-day signed link (as deals' public
inquiries are). Confirming it issues the pass of a public visitor at once; the other types (trade
visitors, press, speakers, exhibitor staff) wait for staff, who accept or refuse them; an accepted
trade visitor is also invited to the program as a buyer (programs.services.program_invite_buyers).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common import signed_links
from programs.models import Program
from programs.services import program_invite_buyers
from visitors import codes
from visitors.models import Pass, Visitor
from visitors.qr import qr_png
from visitors.selectors import fair_days, registration_open
from visitors.services.base import Refused, mail

CONFIRM_SALT = signed_links.register("visitors.registration-confirm")
CONFIRM_MAX_AGE = 60 * 60 * 48
# Types whose people the agency checks before a pass (and a badge) is issued.
VETTED_KINDS = frozenset(
    {Visitor.Kind.TRADE, Visitor.Kind.PRESS, Visitor.Kind.SPEAKER, Visitor.Kind.EXHIBITOR_STAFF}
)
# Types that get a printed badge besides the pass.
BADGE_KINDS = VETTED_KINDS


def pass_link(pass_obj: Pass) -> str:
    return settings.SITE_URL + reverse("visitors:pass", args=[codes.sign(pass_obj.code)])


def confirm_token(visitor: Visitor) -> str:
    return signed_links.make(CONFIRM_SALT, visitor.pk)


def _chosen_days(program: Program, days: list[date]) -> list[date]:
    allowed = fair_days(program)
    chosen = sorted(set(days) & set(allowed))
    if not chosen:
        raise Refused(_("Choose at least one day of the fair."))
    return chosen


def _send_confirmation(visitor: Visitor) -> None:
    url = settings.SITE_URL + reverse("visitors:confirm", args=[confirm_token(visitor)])
    mail(
        # Once a day at most: asking again (a lost email) sends a fresh link the next day.
        key=f"visitor-confirm:{visitor.pk}:{timezone.localdate().isoformat()}",
        to=visitor.email,
        template="visitor_confirm",
        context={"visitor": visitor, "url": url},
        language=visitor.language,
        time_zone=visitor.program.time_zone,
    )


@transaction.atomic
def visitor_register(
    *,
    program: Program,
    kind: str,
    full_name: str,
    email: str,
    organisation: str = "",
    country: str = "",
    language: str = "en",
    days: list[date],
) -> Visitor:
    """A person registers on the fair's page; they are mailed a link to confirm their address.

    An address already registered gets its confirmation (or its pass) again, and the page says the
    same either way: the form does not tell who registered.
    """
    if not registration_open(program):
        raise Refused(_("Registration for this fair is closed."))
    if kind not in Visitor.Kind.values:
        raise Refused(_("Choose a type of visitor."))
    if not full_name.strip() or not email.strip():
        raise Refused(_("Please give your name and email."))
    email = email.strip().lower()
    visitor = Visitor(
        program=program,
        kind=kind,
        full_name=full_name.strip(),
        email=email,
        organisation=organisation.strip(),
        country=country,
        language=language or settings.LANGUAGE_CODE,
        days=_chosen_days(program, days),
    )
    try:
        with transaction.atomic():
            visitor.save()
    except IntegrityError:
        visitor = Visitor.objects.select_related("program").get(program=program, email=email)
        if visitor.status == Visitor.Status.ACCEPTED:
            live = visitor.passes.filter(revoked_at__isnull=True).first()
            if live is not None:
                _send_pass(live, again=True)
            return visitor
    if visitor.status == Visitor.Status.UNCONFIRMED:
        _send_confirmation(visitor)
    return visitor


def visitor_by_confirm_token(token: str) -> Visitor:
    try:
        visitor_id = signed_links.read(CONFIRM_SALT, token, max_age=CONFIRM_MAX_AGE)
    except signed_links.Expired:
        raise Refused(_("This link has expired. Please register again."))
    except signed_links.Invalid:
        raise Refused(_("This link is not valid."))
    visitor = Visitor.objects.select_related("program").filter(pk=visitor_id).first()
    if visitor is None:
        raise Refused(_("This link is not valid."))
    return visitor


@transaction.atomic
def visitor_confirm(*, token: str) -> Visitor:
    """The link in the confirmation mail; a replay changes nothing."""
    visitor_id = visitor_by_confirm_token(token).pk
    visitor = Visitor.objects.select_for_update(of=("self",)).select_related("program").get(pk=visitor_id)
    if visitor.status != Visitor.Status.UNCONFIRMED:
        return visitor
    visitor.confirmed_at = timezone.now()
    if visitor.kind in VETTED_KINDS:
        visitor.status = Visitor.Status.PENDING
        visitor.save(update_fields=["status", "confirmed_at"])
        return visitor
    visitor.status = Visitor.Status.ACCEPTED
    visitor.save(update_fields=["status", "confirmed_at"])
    pass_issue(visitor=visitor)
    return visitor


@transaction.atomic
def visitor_register_walk_in(
    *,
    program: Program,
    staff: User,
    kind: str,
    full_name: str,
    email: str = "",
    organisation: str = "",
    country: str = "",
    language: str = "en",
    days: list[date],
) -> Visitor:
    """Staff at the desk register a person standing there: vouched for, the pass is issued at once."""
    if not full_name.strip():
        raise Refused(_("Please give the visitor's name."))
    if kind not in Visitor.Kind.values:
        raise Refused(_("Choose a type of visitor."))
    email = email.strip().lower()
    if email and Visitor.objects.filter(program=program, email=email).exists():
        raise Refused(_("This address is already registered: find the visitor in the list instead."))
    now = timezone.now()
    visitor = Visitor.objects.create(
        program=program,
        kind=kind,
        full_name=full_name.strip(),
        email=email,
        organisation=organisation.strip(),
        country=country,
        language=language or settings.LANGUAGE_CODE,
        days=_chosen_days(program, days),
        status=Visitor.Status.ACCEPTED,
        registered_by=staff,
        decided_by=staff,
        decided_at=now,
        confirmed_at=now if email else None,
    )
    pass_issue(visitor=visitor)
    if kind == Visitor.Kind.TRADE and email:
        program_invite_buyers(program=program, text=email, invited_by=staff, language=visitor.language)
    return visitor


@transaction.atomic
def visitor_decide(*, visitor: Visitor, staff: User, accept: bool) -> bool:
    """Staff accept or refuse a registration waiting for them. Returns whether it changed.

    Accepting issues the pass; an accepted trade visitor is invited to join the program as a buyer.
    """
    visitor = Visitor.objects.select_for_update(of=("self",)).select_related("program").get(pk=visitor.pk)
    if visitor.status != Visitor.Status.PENDING:
        return False
    visitor.status = Visitor.Status.ACCEPTED if accept else Visitor.Status.REFUSED
    visitor.decided_by, visitor.decided_at = staff, timezone.now()
    visitor.save(update_fields=["status", "decided_by", "decided_at"])
    if not accept:
        mail(
            key=f"visitor-refused:{visitor.pk}",
            to=visitor.email,
            template="visitor_refused",
            context={"visitor": visitor},
            language=visitor.language,
            time_zone=visitor.program.time_zone,
        )
        return True
    pass_issue(visitor=visitor)
    if visitor.kind == Visitor.Kind.TRADE:
        program_invite_buyers(
            program=visitor.program, text=visitor.email, invited_by=staff, language=visitor.language
        )
    return True


def pass_issue(*, visitor: Visitor) -> Pass:
    """A new pass for an accepted visitor (inside the caller's transaction), mailed to them."""
    pass_obj = Pass.objects.create(visitor=visitor, code=codes.new_random_part(), days=visitor.days)
    _send_pass(pass_obj)
    return pass_obj


def _send_pass(pass_obj: Pass, *, again: bool = False) -> None:
    visitor = pass_obj.visitor
    signed = codes.sign(pass_obj.code)
    suffix = f":again:{timezone.localdate().isoformat()}" if again else ""
    mail(
        key=f"visitor-pass:{pass_obj.pk}{suffix}",
        to=visitor.email,
        template="visitor_pass",
        context={
            "visitor": visitor,
            "pass": pass_obj,
            "code": signed,
            "url": pass_link(pass_obj),
            "badge": visitor.kind in BADGE_KINDS,
        },
        language=visitor.language,
        time_zone=visitor.program.time_zone,
        attachments=[("pass.png", qr_png(signed), "image/png")],
    )


@transaction.atomic
def pass_revoke(*, pass_obj: Pass, staff: User) -> bool:
    """Staff revoke a pass (lost, shared, the visitor refused): every later scan of it is refused."""
    updated = Pass.objects.filter(pk=pass_obj.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=staff
    )
    return updated == 1


@transaction.atomic
def pass_replace(*, visitor: Visitor, staff: User) -> Pass:
    """Revoke the visitor's live pass (if any) and issue a new one: a lost phone, a forwarded email."""
    visitor = Visitor.objects.select_for_update(of=("self",)).select_related("program").get(pk=visitor.pk)
    if visitor.status != Visitor.Status.ACCEPTED:
        raise Refused(_("Only an accepted visitor has a pass."))
    Pass.objects.filter(visitor=visitor, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=staff
    )
    return pass_issue(visitor=visitor)
