"""Programs: inviting buyers in batches, calls for artisans, joining.

Invitations are recorded first (one row per program and address), then a batch task hands them
to the outbox a few at a time. The outbox key carries the invitation id and its resend count, so
a retried or duplicated batch never sends the same invitation twice.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Product
from notifications.services import email_enqueue_template
from programs.models import Application, BuyerInvitation, JoinRequest, Program, ProgramBuyer


class ProgramError(Exception):
    """A refused action, with a message for the person who tried it."""


@dataclass
class InviteReport:
    created: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # (line, value, reason)
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)  # (line, address, first line)


def _header_key(cell: str) -> str:
    """A header cell as compared: lower case, without accents, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", cell.replace("\ufeff", "").strip().lower())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


# How spreadsheets name the address column, in the site's languages.
EMAIL_HEADERS = {_header_key(name) for name in (
    "email", "emails", "e-mail", "mail", "email address", "correo", "correo electrónico", "courriel",
    "adresse e-mail", "adresse mail", "البريد الإلكتروني", "البريد",
)}


def parse_email_list(text: str) -> list[tuple[int, str]]:
    """Addresses from pasted text or a spreadsheet's CSV export, with the line each is on.

    One address per line or several separated by commas or semicolons; or a table (comma,
    semicolon or tab separated, a BOM, CRLF line ends) whose header row names an email column,
    or whose first row has no address in it (a header by another name): then the addresses are
    read from the column that holds them.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if any(mark in first for mark in ",;\t") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    found: list[tuple[int, str]] = []
    header_line = next((n for n, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)), None)
    column: int | None = None
    if header_line is not None:
        header = [_header_key(cell) for cell in rows[header_line - 1]]
        column = next((i for i, key in enumerate(header) if key in EMAIL_HEADERS), None)
        if column is None and len(header) > 1 and not any("@" in cell for cell in rows[header_line - 1]):
            counts = [sum(1 for row in rows[header_line:] if i < len(row) and "@" in row[i]) for i in range(len(header))]
            column = counts.index(max(counts)) if any(counts) else None
    for line, row in enumerate(rows, start=1):
        if column is not None and header_line is not None:
            if line <= header_line or not any(cell.strip() for cell in row):
                continue
            values = [row[column] if column < len(row) else ""]
        else:
            values = row
        for value in values:
            for part in value.replace(";", ",").split(","):
                if part.strip():
                    found.append((line, part.strip()))
            if column is not None and not value.strip():
                found.append((line, ""))
    return found


def program_invite_buyers(
    *, program: Program, text: str = "", invited_by: User | None, csv_text: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> InviteReport:
    """Record an invitation for each valid new address and queue the sending batch.

    Pasted `text` and an uploaded `csv_text` are read apart, so each keeps its own line numbers.
    """
    report = InviteReport()
    first_seen: dict[str, int] = {}
    candidates: list[str] = []
    for source in (text, csv_text):
        for line, value in parse_email_list(source):
            address = value.lower()
            try:
                validate_email(address)
            except ValidationError:
                reason = _("no email address") if not value else _("not a valid email address")
                report.invalid.append((line, value, reason))
                continue
            if address in first_seen:
                report.duplicates.append((line, address, first_seen[address]))
                continue
            first_seen[address] = line
            candidates.append(address)
    with transaction.atomic():
        existing = set(
            BuyerInvitation.objects.filter(program=program, email__in=candidates).values_list("email", flat=True)
        )
        new = [address for address in candidates if address not in existing]
        BuyerInvitation.objects.bulk_create(
            [BuyerInvitation(program=program, email=address, invited_by=invited_by, language=language)
             for address in new],
            ignore_conflicts=True,
        )
        report.created = new
        report.already_invited = sorted(existing)
        if new:
            queue_invitation_batch(program_id=program.pk)
    return report


def queue_invitation_batch(*, program_id: int) -> None:
    from programs.tasks import send_buyer_invitations_task

    transaction.on_commit(lambda: send_buyer_invitations_task.delay(program_id))


def invitation_link(invitation: BuyerInvitation) -> str:
    return settings.SITE_URL + reverse("programs:join", kwargs={"token": invitation.token})


def invitations_send_batch(*, program_id: int, size: int | None = None) -> tuple[int, bool]:
    """Hand the next batch of unsent invitations to the outbox. Returns (sent, more_waiting).

    Rows are locked with SKIP LOCKED, so two batch tasks running at once take different rows.
    """
    size = size or settings.INVITATION_BATCH_SIZE
    with transaction.atomic():
        batch = list(
            BuyerInvitation.objects.select_for_update(skip_locked=True)
            .select_related("program")
            .filter(program_id=program_id, outbox__isnull=True, user__isnull=True)
            .order_by("pk")[:size]
        )
        for invitation in batch:
            invitation.outbox = email_enqueue_template(
                key=f"buyer-invitation:{invitation.pk}:r{invitation.resends}",
                to=invitation.email,
                template="program_invitation",
                context={"program": invitation.program, "link": invitation_link(invitation)},
                language=invitation.language,
                time_zone=invitation.program.time_zone,
            )
            invitation.save(update_fields=["outbox"])
        more = BuyerInvitation.objects.filter(
            program_id=program_id, outbox__isnull=True, user__isnull=True
        ).exclude(pk__in=[i.pk for i in batch]).exists()
    return len(batch), more


def invitation_batches_resume() -> list[int]:
    """Restart the batch chain of programs whose invitations stopped going out. Returns their ids.

    Each batch queues the next one through the broker, so a lost message (a killed worker, a
    Redis restart, a failed publish) ends the chain while invitations remain. The database shows
    it: invitations without an email, and no email handed to the outbox for a while. A chain that
    is in fact alive only gains a second batch, which SKIP LOCKED and the outbox key make harmless.
    """
    now = timezone.now()
    stalled_since = now - timedelta(seconds=settings.INVITATION_STALL_SECONDS)
    pending = (
        BuyerInvitation.objects.filter(outbox__isnull=True, user__isnull=True)
        .values("program_id")
        .annotate(oldest=Min("created_at"))
        .filter(oldest__lt=stalled_since)
    )
    resumed = []
    for row in pending:
        last = BuyerInvitation.objects.filter(program_id=row["program_id"], outbox__isnull=False).aggregate(
            last=Max("outbox__created_at")
        )["last"]
        if last is not None and last >= stalled_since:
            continue
        queue_invitation_batch(program_id=row["program_id"])
        resumed.append(row["program_id"])
    return resumed


# A reminder within this time of the last sending is the same intent (a double submit, two staff
# members at once), not a new one.
REMIND_AGAIN_AFTER = timedelta(hours=1)


def invitation_resend(*, invitation: BuyerInvitation) -> bool:
    """Send an invitation again (staff asked for it): a new outbox key, so a new email.

    The row is locked, then checked: only an invitation whose last email was handed to the outbox
    over REMIND_AGAIN_AFTER ago is sent again. A second click finds the first one's email (or no
    email yet, the batch still to run) and sends nothing; a concurrent one waits for the lock.
    """
    if invitation.user_id:
        return False
    with transaction.atomic():
        current = (
            BuyerInvitation.objects.select_for_update(of=("self",)).select_related("outbox")
            .filter(pk=invitation.pk, user__isnull=True).first()
        )
        due = (
            current is not None and current.outbox is not None
            and current.outbox.created_at < timezone.now() - REMIND_AGAIN_AFTER
        )
        updated = due and BuyerInvitation.objects.filter(pk=invitation.pk).update(
            outbox=None, resends=F("resends") + 1
        )
        if updated:
            queue_invitation_batch(program_id=invitation.program_id)
    return bool(updated)


class JoinState(StrEnum):
    """What the holder of an invitation link may do with it; the page and the POST both ask."""

    SIGN_IN = "sign-in"  # nobody is signed in and the invitation is still unused
    JOIN = "join"  # the account holds the invited address, verified
    ASK = "ask"  # another account: it may ask staff to confirm it
    ASKED = "asked"  # it asked; staff have not decided yet
    DECLINED = "declined"  # staff declined this account's request
    MEMBER = "member"  # this account already joined with this invitation
    USED = "used"  # another account joined with it: it verifies and joins nothing more
    CLOSED = "closed"


def invitation_by_token(token: str) -> BuyerInvitation | None:
    return BuyerInvitation.objects.select_related("program").filter(token=token).first() if token else None


def _invitation_open(invitation: BuyerInvitation) -> bool:
    return invitation.user_id is None and invitation.program.status != Program.Status.CLOSED


def _holds_verified_address(user: User, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def invitation_state(*, invitation: BuyerInvitation, user: User | None) -> JoinState:
    """The one rule for an invitation link: it binds to the invited address, not to its holder."""
    signed_in = user if user is not None and user.is_authenticated else None
    if signed_in is not None and invitation.user_id == signed_in.pk:
        return JoinState.MEMBER
    if invitation.user_id:
        return JoinState.USED
    if invitation.program.status == Program.Status.CLOSED:
        return JoinState.CLOSED
    if signed_in is None:
        return JoinState.SIGN_IN
    if _holds_verified_address(signed_in, invitation.email):
        return JoinState.JOIN
    request = JoinRequest.objects.filter(invitation=invitation, user=signed_in).first()
    if request is None:
        return JoinState.ASK
    return JoinState.DECLINED if request.status == JoinRequest.Status.DECLINED else JoinState.ASKED


def invitation_for_sign_up(token: str) -> BuyerInvitation | None:
    """The invitation a sign-up page may name and fill in: only while it is unused and open."""
    invitation = invitation_by_token(token)
    return invitation if invitation is not None and _invitation_open(invitation) else None


def invitation_verifies_email(*, token: str, email: str) -> bool:
    """Whether signing up from this link may skip the confirmation email for `email`.

    The invitation reached the invited address, so it proves that address, and only while it is
    unused: once an account joined with it (or the program closed) it proves nothing, and it never
    proves any other address.
    """
    invitation = invitation_for_sign_up(token)
    return invitation is not None and invitation.email.lower() == (email or "").strip().lower()


def invitation_join(*, token: str, user: User) -> JoinState:
    """Join an invitation's program by a signed-in buyer (a POST); returns what happened.

    JOIN binds the invitation to the account and makes it a member (MEMBER is returned); ASK
    records a JoinRequest for staff (ASKED is returned); MEMBER and ASKED are harmless repeats.
    Anything else is refused with a ProgramError. The invitation row is locked so two accounts
    cannot both take it.
    """
    if not user.is_buyer:
        raise ProgramError(_("Only buyer accounts can join a program as a buyer."))
    with transaction.atomic():
        invitation = (
            BuyerInvitation.objects.select_for_update(of=("self",)).select_related("program")
            .filter(token=token).first()
        )
        if invitation is None:
            raise ProgramError(_("This invitation link is not valid."))
        state = invitation_state(invitation=invitation, user=user)
        if state == JoinState.JOIN:
            _invitation_bind(invitation=invitation, user=user)
            return JoinState.MEMBER
        if state == JoinState.MEMBER:
            ProgramBuyer.objects.get_or_create(program=invitation.program, user=user)
            return state
        if state == JoinState.ASK:
            JoinRequest.objects.get_or_create(invitation=invitation, user=user)
            return JoinState.ASKED
        if state == JoinState.ASKED:
            return state
        raise ProgramError(_JOIN_REFUSALS[state])


_JOIN_REFUSALS = {
    JoinState.USED: _lazy("This invitation has already been used by another account."),
    JoinState.CLOSED: _lazy("This program is closed."),
    JoinState.DECLINED: _lazy("The agency declined to let this account join with this invitation."),
    JoinState.SIGN_IN: _lazy("Sign in to join the program."),
}


def _invitation_bind(*, invitation: BuyerInvitation, user: User) -> None:
    invitation.user = user
    invitation.registered_at = timezone.now()
    invitation.save(update_fields=["user", "registered_at"])
    ProgramBuyer.objects.get_or_create(program=invitation.program, user=user)


def join_request_confirm(*, join_request: JoinRequest, staff: User) -> bool:
    """Staff let an account join with an invitation sent to another address.

    Returns False when the request was already decided. Refused when the invitation was used in
    the meantime, the program closed or the account can no longer join.
    """
    with transaction.atomic():
        # The invitation first, as invitation_join locks it: the same order, no deadlock.
        invitation = (
            BuyerInvitation.objects.select_for_update(of=("self",)).select_related("program")
            .get(pk=join_request.invitation_id)
        )
        request = JoinRequest.objects.select_for_update(of=("self",)).select_related("user").get(
            pk=join_request.pk
        )
        if request.status != JoinRequest.Status.PENDING:
            return False
        if invitation.user_id:
            raise ProgramError(_("This invitation has already been used by another account."))
        if invitation.program.status == Program.Status.CLOSED:
            raise ProgramError(_("This program is closed."))
        if not (request.user.is_active and request.user.is_buyer):
            raise ProgramError(_("This account can no longer join a program."))
        _invitation_bind(invitation=invitation, user=request.user)
        request.status = JoinRequest.Status.CONFIRMED
        request.decided_by = staff
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
    return True


def join_request_decline(*, join_request: JoinRequest, staff: User) -> bool:
    """Staff refuse a request; returns False when it was already decided."""
    updated = JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.DECLINED, decided_by=staff, decided_at=timezone.now()
    )
    return bool(updated)


def artisans_invite(
    *, program: Program, artisans: Iterable[ArtisanProfile] = (), emails: Iterable[str] = (),
    language: str = settings.LANGUAGE_CODE,
) -> int:
    """Invite artisans (existing profiles or email addresses) to apply to a program.

    `language` is the call's language for the addresses; artisans with an account read their own.
    """
    from programs.tasks import send_artisan_invitations_task

    now = timezone.now()
    created = 0
    with transaction.atomic():
        for artisan in artisans:
            _, made = Application.objects.get_or_create(
                program=program, artisan=artisan, defaults={"invited_at": now}
            )
            created += made
        for address in emails:
            _, made = Application.objects.get_or_create(
                program=program, email=address.lower(), defaults={"invited_at": now, "language": language}
            )
            created += made
        transaction.on_commit(lambda: send_artisan_invitations_task.delay(program.pk))
    return created


def artisan_invitations_send(*, program_id: int) -> int:
    """Email every invited artisan of a program once (the outbox key makes it once)."""
    sent = 0
    for application in Application.objects.select_related("program", "artisan__user").filter(
        program_id=program_id, status=Application.Status.INVITED
    ):
        user = application.artisan.user if application.artisan else None
        to = user.email if user else application.email
        link = settings.SITE_URL + (
            reverse("programs:artisan-programs") if user else reverse("accounts:signup-artisan")
        )
        email_enqueue_template(
            key=f"artisan-invitation:{application.pk}", to=to,
            template="program_call_for_artisans",
            context={"program": application.program, "link": link, "user": user},
            language=user.language if user else application.language,
            time_zone=user.time_zone if user else application.program.time_zone,
        )
        sent += 1
    return sent


def application_submit(*, program: Program, artisan: ArtisanProfile, motivation: str = "") -> Application:
    if program.status != Program.Status.OPEN_ARTISANS:
        raise ProgramError(_("This program is not taking applications."))
    with transaction.atomic():
        application, _created = Application.objects.select_for_update().get_or_create(
            program=program, artisan=artisan
        )
        if application.status in {Application.Status.ACCEPTED, Application.Status.DECLINED}:
            raise ProgramError(_("Your application has already been decided."))
        application.status = Application.Status.APPLIED
        application.motivation = motivation
        application.applied_at = timezone.now()
        application.save(update_fields=["status", "motivation", "applied_at"])
    return application


def application_decide(*, application: Application, accept: bool, by: User) -> bool:
    """Accept or decline an application, recording who and when; False when it was already so."""
    target = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
    if application.artisan_id is None:
        raise ProgramError(_("An invitation by email is decided once the artisan has signed up."))
    now = timezone.now()
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk).exclude(status=target).update(
            status=target, decided_at=now, decided_by=by
        )
        if updated:
            _send_decision(application_id=application.pk, decided_at=now)
    return bool(updated)


def _send_decision(*, application_id: int, decided_at: datetime) -> None:
    """Tell the artisan, in their language; keyed by the decision, so each decision mails once."""
    application = Application.objects.select_related("program", "artisan__user").get(pk=application_id)
    # application_decide decides only applications with an artisan (and deleting one deletes them).
    assert application.artisan is not None
    user = application.artisan.user
    email_enqueue_template(
        key=f"application-decided:{application.pk}:{application.status}:{decided_at:%Y%m%dT%H%M%S%f}",
        to=user.email,
        template="application_decided",
        context={
            "application": application, "program": application.program, "user": user,
            "accepted": application.status == Application.Status.ACCEPTED,
            "link": settings.SITE_URL + reverse("programs:artisan-programs"),
        },
        language=user.language or settings.LANGUAGE_CODE,
        # A blank zone falls back to the program's, not UTC: hence not email_enqueue_to_user.
        time_zone=user.time_zone or application.program.time_zone,
    )


def applications_bind_email(*, artisan: ArtisanProfile) -> int:
    """Attach calls for artisans sent to an artisan's email before they had an account.

    The same rule as a buyer's invitation: a call binds to the address it was sent to, so only
    to an address the account has verified, and only while nobody took it.
    """
    verified = [
        address.lower()
        for address in EmailAddress.objects.filter(user=artisan.user, verified=True).values_list("email", flat=True)
    ]
    calls = Application.objects.filter(artisan__isnull=True, status=Application.Status.INVITED, email__in=verified)
    # One application per program and artisan: a second verified address invited to the same
    # program stays an invitation by email.
    first_per_program: dict[int, int] = {}
    for pk, program_id in calls.order_by("pk").values_list("pk", "program_id"):
        first_per_program.setdefault(program_id, pk)
    taken = Application.objects.filter(artisan=artisan).values_list("program_id", flat=True)
    return (
        calls.filter(pk__in=first_per_program.values()).exclude(program_id__in=taken).update(artisan=artisan)
    )


def catalog_pdf_request(*, program: Program, language: str = settings.LANGUAGE_CODE) -> None:
    """Queue the PDF, its labels in `language` (the person asking); the admin shows it once made."""
    from programs.tasks import make_catalog_pdf_task

    Program.objects.filter(pk=program.pk).update(catalog_pdf_requested_at=timezone.now())
    transaction.on_commit(lambda: make_catalog_pdf_task.delay(program.pk, language))


def catalog_pdf_make(*, program_id: int, language: str = settings.LANGUAGE_CODE) -> bool:
    """Draw the program's catalog and store it. Running it twice only replaces the file."""
    from django.core.files.base import ContentFile
    from django.db.models import Prefetch

    from programs.catalog_pdf import build_catalog_pdf

    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return False
    artisans = list(
        ArtisanProfile.objects.filter(
            visibility.public_artisan_q(),
            applications__program=program,
            applications__status=Application.Status.ACCEPTED,
        )
        .prefetch_related(
            "crafts", "photos",
            Prefetch("products", queryset=Product.objects.filter(visibility.published_q())
                     .prefetch_related("photos").order_by("-created_at")),
        )
        .order_by("business_name")
    )
    with translation.override(language), timezone.override(program.time_zone):
        # Only staff download the program's PDF (programs.admin), and staff see wholesale terms.
        data = build_catalog_pdf(program, artisans, show_wholesale=True)
    old = program.catalog_pdf.name
    program.catalog_pdf.save(f"{program.slug}.pdf", ContentFile(data), save=False)
    program.catalog_pdf_made_at = timezone.now()
    program.save(update_fields=["catalog_pdf", "catalog_pdf_made_at"])
    if old:
        program.catalog_pdf.storage.delete(old)
    return True
