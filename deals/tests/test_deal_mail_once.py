"""One action, one mail to the other side: a quote sent, or a quote ordered, is announced once.

Found by the sample journey (tests/browser/test_deal_sample_journey.py): sending a quote moves
the inquiry to "quoted" as well, and each move mails the buyer ("Quoted", then "Quote sent");
ordering a quote moves the inquiry to "ordered" and the artisan gets "Ordered" and "Order
placed". Both histories are right; the second mail was not: the inquiry's follow-on move is
recorded without a mail (deals.services.base._move, notify=False).
"""

from __future__ import annotations

import pytest
from django.core import mail

from deals import services
from deals.tests.factories import quoted_deal

pytestmark = pytest.mark.django_db

def _deal_mail_to(address: str) -> list[str]:
    return [m.subject for m in mail.outbox if m.to == [address]]


def test_a_quote_sent_mails_the_buyer_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deal, _quote = quoted_deal()
    buyer = deal.buyer.user.email
    assert len(_deal_mail_to(buyer)) == 1, _deal_mail_to(buyer)


def test_a_quote_ordered_mails_the_artisan_once(django_capture_on_commit_callbacks):
    deal, quote = quoted_deal()
    services.quote_accept(user=deal.buyer.user, quote=quote)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_place_from_quote(user=deal.buyer.user, quote=quote, delivery_address="NY")
    artisan = deal.artisan.user.email
    assert len(_deal_mail_to(artisan)) == 1, _deal_mail_to(artisan)
