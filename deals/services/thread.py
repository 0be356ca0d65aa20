"""The thread of a deal: its two parties' messages, their attachments, and the mail to the other side."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from common.attachments import CleanAttachment, max_attachments
from common.statemachine import TransitionRefused
from deals.models import Deal, DealAttachment, DealEvent, DealMessage
from deals.transitions import ARTISAN, BUYER, STAFF, deal_roles
from notifications.services import email_enqueue_to_user
from notifications.throttle import burst_key

# A burst of messages sends the other side at most one email per window (as the meeting thread).
MESSAGE_EMAIL_WINDOW = timedelta(minutes=10)


def deal_message_post(
    *,
    user: User,
    deal: Deal,
    body: str,
    attachments: Sequence[CleanAttachment] = (),
    for_artisan: bool = False,
    event: DealEvent | None = None,
    notify: bool = True,
    now: datetime | None = None,
) -> DealMessage:
    """Add a message (and its validated files) to the deal's thread; tell the other side after commit.

    Staff may write for the artisan (`for_artisan`), recorded in `on_behalf_of`. `event` links the
    message to a move of the deal (a dispute's reason and photos); that move mails the other side
    itself, hence `notify=False`. Files are written to private storage inside the transaction and
    removed again if it fails here.
    """
    now = now or timezone.now()
    body = body.strip()
    if not body and not attachments:
        raise TransitionRefused(_("Write a message or attach a file first."))
    if len(attachments) > max_attachments():
        raise TransitionRefused(
            ngettext(
                "At most %(count)s file can be attached to one message.",
                "At most %(count)s files can be attached to one message.",
                max_attachments(),
            )
            % {"count": max_attachments()}
        )
    roles = deal_roles(deal, user, for_artisan=for_artisan)
    if not roles & {ARTISAN, BUYER}:
        raise TransitionRefused(_("Only the two sides of this deal can write in its thread."))
    if deal.buyer is None:
        raise TransitionRefused(
            _("This inquiry came from the public catalog, without an account: answer its sender by email.")
        )
    acting_for = (
        deal.artisan.user if STAFF in roles and ARTISAN in roles and user.pk != deal.artisan.user_id else None
    )
    recipient = deal.buyer.user if ARTISAN in roles else deal.artisan.user
    stored: list[str] = []
    try:
        with transaction.atomic():
            message = DealMessage.objects.create(
                deal=deal, author=user, on_behalf_of=acting_for, body=body, event=event
            )
            for attachment in attachments:
                row = DealAttachment(
                    message=message,
                    content_type=attachment.content_type,
                    name=attachment.name,
                    size=attachment.size,
                )
                row.file.save(attachment.file.name, attachment.file, save=False)
                stored.append(row.file.name)
                row.save()
            Deal.objects.filter(pk=deal.pk).update(updated_at=now)
            if notify:
                _tell(
                    deal,
                    message,
                    recipient=recipient,
                    from_artisan=ARTISAN in roles,
                    files=len(attachments),
                    now=now,
                )
    except BaseException:
        storage = DealAttachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    return message


def _tell(
    deal: Deal, message: DealMessage, *, recipient: User, from_artisan: bool, files: int, now: datetime
) -> None:
    assert deal.buyer is not None
    email_enqueue_to_user(
        key=burst_key(f"deal-message:{deal.pk}:{recipient.pk}", now=now, every=MESSAGE_EMAIL_WINDOW),
        user=recipient,
        template="deal_message",
        context={
            "deal": deal,
            "message": message,
            "sender": deal.artisan.business_name if from_artisan else deal.buyer.organisation_name,
            "files": files,
            "url": f"{settings.SITE_URL}{reverse('deals:detail', args=[deal.public_id])}#thread",
        },
    )
