"""Staff on several phones enter the same day's count at once: one count, the last one entered.

Real threads on their own database connections (common.tests.races). The one-per-day-and-place
rule is the database's (partial unique constraints); the service retries an entry that lost the
insert as a correction, so nobody sees an error.
"""

from __future__ import annotations

import pytest

from accounts.tests.factories import StaffUserFactory
from common.tests.races import race
from visitors import services
from visitors.models import DailyCount
from visitors.tests.factories import GateFactory, fair_program

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("at_gate", [True, False], ids=["gate", "place"])
def test_eight_staff_entering_the_same_days_count_at_once_leave_one_count(at_gate):
    program = fair_program()
    staff = StaffUserFactory()
    where = {"gate": GateFactory(program=program)} if at_gate else {"place": "Open-air market"}
    calls = [
        (
            lambda n=n: services.daily_count_enter(
                program=program, day=program.starts_on, count=100 + n, staff=staff, **where
            )
        )
        for n in range(8)
    ]
    result = race(calls, refused=services.Refused)
    assert result.errors == [] and result.refusals == []
    counts = list(DailyCount.objects.filter(program=program))
    assert len(counts) == 1
    assert counts[0].count in {100 + n for n in range(8)}
