"""Writes of the trade shows abroad and of the media tours' press side.

Every application change goes through shows.transitions.APPLICATIONS. A lead is captured once per
badge per stand (a database constraint, so two scans at once still make one lead); a lead becomes a
deals inquiry through deals.services, started from the stand.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.models import Product
from common.attachments import DOCUMENTS, CleanAttachment
from common.statemachine import TransitionRefused
from deals.models import Deal
from deals.services import inquiry_send
from deals.services.base import Line
from meetings.models import Meeting
from meetings.services import MeetingError, meeting_request, meeting_schedule
from notifications.services import email_enqueue_to_user
from programs import kinds
from programs.models import Program
from shows.models import (
    Application,
    ApplicationDocument,
    Coverage,
    ForeignShow,
    Lead,
    RequiredDocument,
    SampleLine,
    ShowCost,
)
from shows.selectors import lead_buyer
from shows.transitions import APPLICATIONS, SME, application_roles, is_show_staff, samples_refusal
from visitors.selectors import pass_for_code


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("show", "artisan__user")
        .get(pk=application.pk)
    )


def _move(application: Application, action: str, *, user: User, now: datetime | None = None) -> Application:
    now = now or timezone.now()
    row = APPLICATIONS.check(application, action, roles=application_roles(application, user), now=now)
    application.status = row.target
    return application


@transaction.atomic
def application_start(*, user: User, show: ForeignShow) -> Application:
    """The SME's draft for a show's call (one per SME and show: asking again returns it)."""
    artisan = getattr(user, "artisan_profile", None)
    if artisan is None:
        raise TransitionRefused(_("Only artisans can apply to a trade show."))
    if not kinds.enables(show.program, kinds.SHOW):
        raise TransitionRefused(_("This program takes no SMEs to trade shows."))
    application, _created = Application.objects.get_or_create(show=show, artisan=artisan)
    return application


@transaction.atomic
def application_submit(
    *, user: User, application: Application, motivation: str = "", now: datetime | None = None
) -> Application:
    application = _move(_locked(application), "submit", user=user, now=now)
    application.motivation = motivation.strip()
    application.save(update_fields=["status", "motivation"])
    return application


@transaction.atomic
def application_withdraw(*, user: User, application: Application) -> Application:
    application = _move(_locked(application), "withdraw", user=user)
    application.stand = None
    application.save(update_fields=["status", "stand"])
    return application


@transaction.atomic
def application_select(
    *, user: User, application: Application, reason: str, documents_due_on: date | None = None
) -> Application:
    application = _move(_locked(application), "select", user=user)
    application.reason = reason.strip()
    application.documents_due_on = documents_due_on
    application.decided_by, application.decided_at = user, timezone.now()
    application.save(update_fields=["status", "reason", "documents_due_on", "decided_by", "decided_at"])
    return application


@transaction.atomic
def application_refuse(*, user: User, application: Application, reason: str) -> Application:
    if not reason.strip():
        raise TransitionRefused(_("Say why the business is not selected: they will read it."))
    application = _move(_locked(application), "refuse", user=user)
    application.reason = reason.strip()
    application.stand = None
    application.decided_by, application.decided_at = user, timezone.now()
    application.save(update_fields=["status", "reason", "stand", "decided_by", "decided_at"])
    return application


@transaction.atomic
def application_assign_stand(*, user: User, application: Application, code: str) -> Application:
    """Give a selected SME a stand of its show; the stand's one-to-one column keeps it one SME's."""
    if not is_show_staff(user):
        raise TransitionRefused(_("Only the agency's staff can do this."))
    application = _locked(application)
    if application.status != Application.Status.SELECTED:
        raise TransitionRefused(_("Only a selected business gets a stand."))
    stand = application.show.stands.filter(code=code).first()
    if stand is None:
        raise TransitionRefused(_("This show has no stand %(code)s.") % {"code": code})
    application.stand = stand
    try:
        with transaction.atomic():
            application.save(update_fields=["stand"])
    except IntegrityError:
        raise TransitionRefused(_("Stand %(code)s is already another business's.") % {"code": code}) from None
    return application


def _own(user: User, application: Application) -> None:
    if SME not in application_roles(application, user):
        raise TransitionRefused(_("Only the applying business can do this."))


@transaction.atomic
def application_document_upload(
    *, user: User, application: Application, required: RequiredDocument, upload: CleanAttachment
) -> ApplicationDocument:
    """Put one file on a checklist line; a new upload replaces the previous one."""
    _own(user, application)
    if required.show_id != application.show_id:
        raise TransitionRefused(_("This document is not on this show's checklist."))
    if application.status not in (Application.Status.SUBMITTED, Application.Status.SELECTED):
        raise TransitionRefused(_("Documents are sent once the application is submitted."))
    if upload.content_type not in DOCUMENTS:
        raise TransitionRefused(_("Send a PDF, JPEG or PNG file."))
    ApplicationDocument.objects.filter(application=application, required=required).delete()
    return ApplicationDocument.objects.create(
        application=application,
        required=required,
        file=upload.file,
        name=upload.name,
        content_type=upload.content_type,
    )


# A sample is a handful of pieces carried to the show; more is a shipment, not a carnet line.
SAMPLE_QUANTITY_MAX = 999


@transaction.atomic
def application_samples_set(*, user: User, application: Application, quantities: dict[int, int]) -> None:
    """The samples list: product id → quantity (0 takes the product off). The SME's own products
    only, set by the SME or by staff who run the shows, while the application allows it
    (shows.transitions.samples_refusal, read on the locked row). The same few queries whatever the
    number of products; SampleLine records no author, so staff's changes read as the list's."""
    application = _locked(application)
    refusal = samples_refusal(application, user)
    if refusal is not None:
        raise TransitionRefused(refusal)
    if any(not 0 <= quantity <= SAMPLE_QUANTITY_MAX for quantity in quantities.values()):
        raise TransitionRefused(
            _("Each quantity is a whole number from 0 to %(max)s.") % {"max": SAMPLE_QUANTITY_MAX}
        )
    own = set(
        Product.objects.filter(artisan_id=application.artisan_id, pk__in=quantities).values_list(
            "pk", flat=True
        )
    )
    if set(quantities) - own:
        raise TransitionRefused(_("Only the business's own products can be taken as samples."))
    removed = [pk for pk, quantity in quantities.items() if quantity == 0]
    if removed:
        SampleLine.objects.filter(application=application, product_id__in=removed).delete()
    SampleLine.objects.bulk_create(
        [
            SampleLine(application=application, product_id=pk, quantity=quantity)
            for pk, quantity in quantities.items()
            if quantity > 0
        ],
        update_conflicts=True,
        unique_fields=["application", "product"],
        update_fields=["quantity"],
    )


def _stand_application(user: User, application: Application) -> Application:
    if not (is_show_staff(user) or SME in application_roles(application, user)):
        raise TransitionRefused(_("Only the business on this stand or the agency's staff can do this."))
    if application.status != Application.Status.SELECTED or application.stand_id is None:
        raise TransitionRefused(_("This business has no stand at this show."))
    return application


def lead_capture_badge(
    *, user: User, application: Application, code: str, note: str = ""
) -> tuple[Lead, bool]:
    """A badge scanned at the stand: the visitors pass its signed code names. Scanning the same badge
    again returns the first lead (False: not new); two scans at once still make one row."""
    _stand_application(user, application)
    badge = pass_for_code(code)
    if badge is None or badge.revoked_at is not None:
        raise TransitionRefused(_("This badge is not valid."))
    visitor = badge.visitor
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                application=application,
                badge=badge,
                full_name=visitor.full_name,
                email=visitor.email,
                organisation=visitor.organisation,
                note=note.strip(),
                captured_by=user,
            )
        return lead, True
    except IntegrityError:
        return Lead.objects.get(application=application, badge=badge), False


def lead_capture_card(
    *,
    user: User,
    application: Application,
    full_name: str,
    email: str = "",
    organisation: str = "",
    note: str = "",
) -> Lead:
    """A business card typed at the stand."""
    _stand_application(user, application)
    if not full_name.strip():
        raise TransitionRefused(_("Give the person's name."))
    return Lead.objects.create(
        application=application,
        full_name=full_name.strip(),
        email=email.strip(),
        organisation=organisation.strip(),
        note=note.strip(),
        captured_by=user,
    )


def _require_show_staff(user: User) -> None:
    if not is_show_staff(user):
        raise TransitionRefused(_("Only the agency's staff can do this."))


def _require_staff_permission(user: User, permission: str) -> None:
    """Costs and coverage: staff holding the model's own right (the admin asks the same one)."""
    if not (getattr(user, "is_authenticated", False) and user.is_staff and user.has_perm(permission)):
        raise TransitionRefused(_("Only the agency's staff can do this."))


def _lead_buyer(lead: Lead) -> User:
    buyer_user = lead_buyer(lead)
    if buyer_user is None:
        raise TransitionRefused(
            _("No buyer has an account with this lead's email: invite them to the program first.")
        )
    return buyer_user


@transaction.atomic
def lead_to_inquiry(*, user: User, lead: Lead, lines: list[Line], message: str = "") -> Deal:
    """Staff turn a lead met at the stand into the buyer's request for a quote: a deals inquiry from
    the stand, in the show's program. The inquirer is the buyer whose account has the lead's email
    (the artisan's mail names them); the deal's history records the staff member entering it for
    the buyer (deals' on_behalf_of), the lead keeps who converted it, and the buyer gets one mail
    with the deal's link. Asked again, the lead's deal is returned and nothing is sent again."""
    _require_show_staff(user)
    lead = (
        Lead.objects.select_for_update(of=("self",))
        .select_related("application__show__program", "application__artisan")
        .get(pk=lead.pk)
    )
    if lead.deal_id is not None:
        return Deal.objects.get(pk=lead.deal_id)
    buyer_user = _lead_buyer(lead)
    deal = inquiry_send(
        user=buyer_user,
        artisan=lead.application.artisan,
        lines=lines,
        source=Deal.Source.STAND,
        program=lead.application.show.program,
        message=message.strip() or lead.note,
        entered_by=user,
    )
    lead.deal, lead.converted_by, lead.converted_at = deal, user, timezone.now()
    lead.save(update_fields=["deal", "converted_by", "converted_at"])
    _mail_inquiry_entered(deal, buyer_user, lead.application.show)
    return deal


def _mail_inquiry_entered(deal: Deal, buyer_user: User, show: ForeignShow) -> None:
    """The buyer hears, in their language, that their request was entered for them at the stand
    (recorded with the deal, sent after commit; the key makes it once per deal)."""
    email_enqueue_to_user(
        key=f"show-inquiry-entered:{deal.pk}",
        user=buyer_user,
        template="show_inquiry_entered",
        context={
            "buyer": buyer_user,
            "artisan": deal.artisan,
            "show": show,
            "url": f"{settings.SITE_URL}{reverse('deals:detail', args=[deal.public_id])}",
        },
    )


def _stand_location(application: Application) -> str:
    show = application.show
    assert application.stand is not None
    return _("Stand %(code)s, %(show)s, %(city)s") % {
        "code": application.stand.code,
        "show": show.name,
        "city": show.city,
    }


def _show_time(show: ForeignShow, value: datetime) -> datetime:
    """A time read as the show's local time (an aware one as it is), in UTC."""
    zone = ZoneInfo(show.time_zone)
    return (value.replace(tzinfo=zone) if timezone.is_naive(value) else value).astimezone(ZoneInfo("UTC"))


def stand_meeting_request(
    *,
    buyer_user: User,
    application: Application,
    local_starts: list[datetime],
    message: str = "",
    now: datetime | None = None,
) -> Meeting:
    """A buyer asks for a meeting at an SME's stand, the times read as the show's local time."""
    if application.status != Application.Status.SELECTED or application.stand is None:
        raise TransitionRefused(_("This business has no stand at this show."))
    show = application.show
    return meeting_request(
        buyer_user=buyer_user,
        artisan=application.artisan,
        proposed_starts=[_show_time(show, value) for value in local_starts],
        duration_minutes=show.program.meeting_minutes,
        mode=Meeting.Mode.IN_PERSON,
        location=_stand_location(application),
        message=message,
        now=now,
    )


def stand_meeting_book(
    *, user: User, lead: Lead, local_start: datetime, now: datetime | None = None
) -> Meeting:
    """Staff book a meeting at the stand between its SME and the lead's buyer, confirmed at once:
    `local_start` is read as the show's local time and must fall on one of the show's days. The
    meetings' exclusion constraints refuse a time either person already has (MeetingError); each
    side gets the calendar invitation after commit. The lead keeps the meeting."""
    _require_show_staff(user)
    with transaction.atomic():
        lead = (
            Lead.objects.select_for_update(of=("self",))
            .select_related(
                "application__show__program", "application__artisan", "application__stand", "meeting"
            )
            .get(pk=lead.pk)
        )
        application = lead.application
        if application.status != Application.Status.SELECTED or application.stand is None:
            raise TransitionRefused(_("This business has no stand at this show."))
        if lead.meeting is not None and lead.meeting.status == Meeting.Status.CONFIRMED:
            raise TransitionRefused(_("A meeting is already booked with this lead: change it on its page."))
        show = application.show
        start = _show_time(show, local_start)
        local_day = start.astimezone(ZoneInfo(show.time_zone)).date()
        if not show.starts_on <= local_day <= show.ends_on:
            raise TransitionRefused(
                _("Meetings at the stand take place during the show, from %(first)s to %(last)s.")
                % {
                    "first": date_format(show.starts_on, "DATE_FORMAT"),
                    "last": date_format(show.ends_on, "DATE_FORMAT"),
                }
            )
        try:
            meeting = meeting_schedule(
                artisan=application.artisan,
                buyer_user=_lead_buyer(lead),
                start_at=start,
                duration_minutes=show.program.meeting_minutes,
                mode=Meeting.Mode.IN_PERSON,
                location=_stand_location(application),
                program=show.program,
                actor=user,
                now=now,
            )
        except MeetingError as error:
            raise TransitionRefused(error.message) from None
        lead.meeting = meeting
        lead.save(update_fields=["meeting"])
    return meeting


def show_cost_add(*, user: User, show: ForeignShow, label: str, amount_eur: Decimal) -> ShowCost:
    _require_staff_permission(user, "shows.add_showcost")
    if not label.strip():
        raise TransitionRefused(_("Say what the cost is for."))
    if amount_eur < 0:
        raise TransitionRefused(_("A cost is not negative."))
    return ShowCost.objects.create(show=show, label=label.strip(), amount_eur=amount_eur)


def coverage_record(
    *,
    user: User,
    program: Program,
    outlet: str,
    link: str,
    published_on: date,
    artisan: ArtisanProfile | None = None,
) -> Coverage:
    """Staff record an article; the same link twice for a program is one row."""
    _require_staff_permission(user, "shows.add_coverage")
    if not kinds.enables(program, kinds.PRESS):
        raise TransitionRefused(_("This program has no press coverage."))
    coverage, _created = Coverage.objects.get_or_create(
        program=program,
        link=link.strip(),
        defaults={
            "outlet": outlet.strip(),
            "published_on": published_on,
            "artisan": artisan,
            "recorded_by": user,
        },
    )
    return coverage


def show_cost_remove(*, user: User, cost: ShowCost) -> None:
    """A cost entered by mistake; the results read the costs that remain."""
    _require_staff_permission(user, "shows.delete_showcost")
    ShowCost.objects.filter(pk=cost.pk).delete()


def coverage_remove(*, user: User, coverage: Coverage) -> None:
    _require_staff_permission(user, "shows.delete_coverage")
    Coverage.objects.filter(pk=coverage.pk).delete()
