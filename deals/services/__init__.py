"""Every write of a deal: inquiries, quotes, samples and orders.

Each change locks the row it moves (select_for_update), asks its table in deals/transitions.py,
writes the new state and one DealEvent, and mails the other side after commit through the
outbox (one email per event and recipient). Two people acting on one row at once are serialised
by the lock: the second reads the new state and gets the table's message. Quantities and values
are checked by deals/minimums.py, never adjusted.
"""

from deals.services.base import Line, QuantitiesRefused, order_minimum
from deals.services.inquiries import (
    CONFIRM_SALT,
    inquiry_confirm,
    inquiry_decline,
    inquiry_send,
    inquiry_send_public,
    inquiry_withdraw,
)
from deals.services.orders import (
    order_accept,
    order_cancel,
    order_close,
    order_confirm_changes,
    order_decline,
    order_dispute,
    order_place,
    order_place_from_quote,
    order_propose_changes,
    order_receive,
    order_ship,
    order_start_production,
)
from deals.services.quotes import quote_accept, quote_ask_again, quote_decline, quote_send, quote_withdraw
from deals.services.samples import (
    sample_accept,
    sample_approve,
    sample_ask_changes,
    sample_decline,
    sample_deliver,
    sample_request,
    sample_ship,
)
from deals.services.thread import deal_message_post

__all__ = [
    "CONFIRM_SALT",
    "Line",
    "QuantitiesRefused",
    "deal_message_post",
    "inquiry_confirm",
    "inquiry_decline",
    "inquiry_send",
    "inquiry_send_public",
    "inquiry_withdraw",
    "order_accept",
    "order_cancel",
    "order_close",
    "order_confirm_changes",
    "order_decline",
    "order_dispute",
    "order_minimum",
    "order_place",
    "order_place_from_quote",
    "order_propose_changes",
    "order_receive",
    "order_ship",
    "order_start_production",
    "quote_accept",
    "quote_ask_again",
    "quote_decline",
    "quote_send",
    "quote_withdraw",
    "sample_accept",
    "sample_approve",
    "sample_ask_changes",
    "sample_decline",
    "sample_deliver",
    "sample_request",
    "sample_ship",
]
