"""The reference data migrations seed (the craft taxonomy, exchange rates), made again after a
transactional test flushed the tables: every fixture that builds data first asks for it here."""

from __future__ import annotations

import importlib


def ensure_reference_data() -> None:
    from catalog.models import Craft, ExchangeRate
    from catalog.taxonomy import ensure_crafts

    ensure_crafts(Craft)
    # The values the migration that seeds them carries (a product's currency must have a rate).
    rates = importlib.import_module("catalog.migrations.0007_derived_data").RATES
    if ExchangeRate.objects.count() < len(rates):
        for currency, rate in rates.items():
            ExchangeRate.objects.get_or_create(currency=currency, defaults={"usd_per_unit": rate})
