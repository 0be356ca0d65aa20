"""Deals: inquiries, quotes, samples and orders a person is a party to.

Export: each deal of theirs with its lines, versions and history (the other party by business or
organisation name only). Deletion: deals stay for the agency's figures (counts and values),
pointing at the account's tombstone; what the person wrote goes (messages, reasons, feedback,
delivery addresses), and a public inquiry sent from one of their addresses loses its contact.
Follow-up answers (what a meeting led to, its value) hold no free text: exported, and kept as figures.
Deal threads: the messages the person wrote and the names of the files they attached are exported;
on deletion their text goes and their files go, rows and storage (a message stays as "deleted" in
the other side's thread, so the thread still reads in order).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from accounts.models import User
from common.personal_data import DELETED_NAME, Erasure, PersonalData, decimal, iso, tombstone_email
from deals.models import (
    Deal,
    DealAttachment,
    DealEvent,
    DealMessage,
    FollowUp,
    Inquiry,
    Order,
    Quote,
    Sample,
    private_files,
)


def _mine(user: User) -> Q:
    return Q(artisan__user=user) | Q(buyer__user=user)


def _deals(user: User) -> list[dict[str, Any]]:
    deals = (
        Deal.objects.filter(_mine(user))
        .select_related("artisan", "buyer", "inquiry")
        .prefetch_related("inquiry__lines", "quotes__lines", "orders__lines", "samples", "events")
        .order_by("created_at")
    )
    return [
        {
            "id": str(deal.public_id),
            "source": deal.source,
            "artisan": deal.artisan.business_name,
            "buyer": deal.buyer.organisation_name if deal.buyer_id else None,
            "created_at": iso(deal.created_at),
            "inquiry": _inquiry(deal),
            "quotes": [
                {
                    "version": quote.version,
                    "status": quote.status,
                    "currency": quote.currency,
                    "incoterm": quote.incoterm,
                    "valid_until": iso(quote.valid_until),
                    "notes": quote.notes,
                    "lines": [
                        {
                            "description": line.description,
                            "quantity": line.quantity,
                            "unit_price": decimal(line.unit_price),
                        }
                        for line in quote.lines.all()
                    ],
                }
                for quote in deal.quotes.all()
            ],
            "orders": [
                {
                    "status": order.status,
                    "po_number": order.po_number,
                    "currency": order.currency,
                    "delivery_address": order.delivery_address,
                    "ship_by": iso(order.ship_by),
                    "lines": [
                        {
                            "product": line.product_id,
                            "quantity": line.quantity,
                            "unit_price": decimal(line.unit_price),
                        }
                        for line in order.lines.all()
                    ],
                }
                for order in deal.orders.all()
            ],
            "samples": [
                {"round": sample.round, "status": sample.status, "feedback": sample.feedback}
                for sample in deal.samples.all()
            ],
            "history": [
                {
                    "subject": event.subject,
                    "action": event.action,
                    "to": event.to_status,
                    "reason": event.reason if event.actor_id == user.pk else "",
                    "at": iso(event.created_at),
                }
                for event in deal.events.all()
            ],
        }
        for deal in deals
    ]


def _inquiry(deal: Deal) -> dict[str, Any] | None:
    inquiry = getattr(deal, "inquiry", None)
    if inquiry is None:
        return None
    return {
        "status": inquiry.status,
        "message": inquiry.message,
        "destination_country": inquiry.destination_country,
        "lines": [
            {"quantity": line.quantity, "specification": line.specification} for line in inquiry.lines.all()
        ],
    }


def _follow_ups(user: User) -> list[dict[str, Any]]:
    # Answers hold no free text; on deletion they stay as the agency's figures, on the tombstone.
    return [
        {
            "meeting": str(follow_up.meeting.public_id),
            "milestone_months": follow_up.milestone,
            "status": follow_up.status,
            "answer": follow_up.answer,
            "value": decimal(follow_up.value),
            "currency": follow_up.currency,
            "answered_at": iso(follow_up.answered_at),
        }
        for follow_up in FollowUp.objects.filter(user=user).select_related("meeting").order_by("created_at")
    ]


def _messages(user: User) -> list[dict[str, Any]]:
    # Only what the person wrote (or staff wrote in their name), as on the meeting threads.
    messages = (
        DealMessage.objects.filter(Q(author=user) | Q(on_behalf_of=user))
        .select_related("deal")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    return [
        {
            "deal": str(message.deal.public_id),
            "body": message.body,
            "files": [
                {"name": file.name, "type": file.content_type, "size": file.size}
                for file in message.attachments.all()
            ],
            "by_staff_for_you": message.on_behalf_of_id == user.pk,
            "created_at": iso(message.created_at),
        }
        for message in messages
    ]


def _erase_messages(user: User) -> None:
    """The person's messages lose their text and files; the files leave private storage after commit."""
    written = DealMessage.objects.filter(Q(author=user) | Q(on_behalf_of=user))
    files = DealAttachment.objects.filter(message__in=written)
    names = [name for name in files.values_list("file", flat=True) if name]
    files.delete()
    written.update(body="")
    transaction.on_commit(lambda: _delete_private(names))


def _delete_private(names: list[str]) -> None:
    storage = private_files()
    for name in names:
        storage.delete(name)


def _erase(erasure: Erasure) -> None:
    user = erasure.user
    _erase_messages(user)
    deals = Deal.objects.filter(_mine(user))
    Inquiry.objects.filter(deal__in=deals, deal__buyer__user=user).update(message="")
    Inquiry.objects.filter(contact_email__in=erasure.emails).update(
        contact_email=tombstone_email(), contact_name=DELETED_NAME, message=""
    )
    Order.objects.filter(deal__in=deals, deal__buyer__user=user).update(delivery_address="", po_number="")
    Quote.objects.filter(deal__in=deals, deal__artisan__user=user).update(notes="")
    Sample.objects.filter(deal__in=deals, deal__buyer__user=user).update(feedback="", message="")
    for model in (Inquiry, Quote, Sample, Order):
        model.objects.filter(deal__in=deals).exclude(reason="").update(reason="")
    DealEvent.objects.filter(Q(actor=user) | Q(on_behalf_of=user)).update(reason="")


PERSONAL_DATA = PersonalData(
    app_label="deals",
    models=(
        "deals.Deal",
        "deals.DealEvent",
        "deals.DealMessage",
        "deals.DealAttachment",
        "deals.FollowUp",
        "deals.Inquiry",
        "deals.Order",
    ),
    sections={"deals": _deals, "deal_follow_ups": _follow_ups, "deal_messages": _messages},
    erase=_erase,
)
