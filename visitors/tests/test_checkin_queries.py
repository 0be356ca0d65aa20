"""The scan endpoint answers a batch in the same number of queries whatever its size (issue 19).

A phone back online sends its whole queue at once: a batch of 1, 20 or 50 scans, mixing new gate
scans, session scans that mark seats attended, codes refused and scans sent before (replays).
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from visitors import codes
from visitors.models import Scan, Seat
from visitors.tests.factories import AgendaSessionFactory, GateFactory, PassFactory, fair_program

pytestmark = pytest.mark.django_db

SIZES = (1, 20, 50)  # 50 of each kind makes the largest batch a phone may send (MAX_BATCH)


def _scanner(settings) -> tuple[Client, str]:
    settings.REQUIRE_STAFF_MFA = False
    user = UserFactory(role="staff", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_scan"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client, user


def _item(code: str, *, gate=None, session=None, client_id: str | None = None) -> dict:
    return {
        "id": client_id or str(uuid.uuid4()),
        "code": code,
        "at": timezone.now().isoformat(),
        "gate": gate.pk if gate else None,
        "session": session.pk if session else None,
    }


def _mistyped(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def _batch(n: int):
    """A fair and a batch of 4n scans: n sent before, n new at a gate, n new in a room, n refused."""
    program = fair_program()
    gate = GateFactory(program=program)
    session = AgendaSessionFactory(room__program=program, program=program)
    now = timezone.now()
    at_gate = [PassFactory(visitor__program=program) for _ in range(n)]
    in_room = [PassFactory(visitor__program=program) for _ in range(n)]
    for i, pass_obj in enumerate(in_room):
        # Half hold the seat as visitors, half as accounts with the visitor's address.
        if i % 2:
            holder = {"user": UserFactory(email=pass_obj.visitor.email.upper())}
        else:
            holder = {"visitor": pass_obj.visitor}
        Seat.objects.create(session=session, status=Seat.Status.CONFIRMED, confirmed_at=now, **holder)
    sent_before = [_item(codes.sign(PassFactory(visitor__program=program).code), gate=gate) for _ in range(n)]
    refused = [
        (
            codes.sign(PassFactory(visitor__program=program, revoked_at=now).code),
            codes.sign(codes.new_random_part()),
            _mistyped(codes.sign(at_gate[i].code)),
        )[i % 3]
        for i in range(n)
    ]
    items = (
        sent_before
        + [_item(codes.sign(p.code), gate=gate) for p in at_gate]
        + [_item(codes.sign(p.code), session=session) for p in in_room]
        + [_item(code, gate=gate) for code in refused]
    )
    return program, session, sent_before, items


def _post(client: Client, program, items: list[dict], token: str):
    return client.post(
        f"/visitors/{program.slug}/check-in/scans/",
        json.dumps({"scans": items}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )


def test_a_batch_of_scans_costs_the_same_queries_whatever_its_size(settings):
    counts = {}
    for n in SIZES:
        client, _user = _scanner(settings)
        program, session, sent_before, items = _batch(n)
        token = client.get(f"/visitors/{program.slug}/check-in/").cookies["csrftoken"].value
        assert _post(client, program, sent_before, token).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = _post(client, program, items, token)
        assert response.status_code == 200, response.content
        counts[n] = len(queries)

        results = response.json()["results"]
        assert [r["id"] for r in results] == [item["id"] for item in items]
        outcomes = [(r["outcome"], r["repeated"]) for r in results]
        assert outcomes == (
            [("admitted", True)] * n
            + [("admitted", False)] * (2 * n)
            + [(("revoked", "unknown", "tampered")[i % 3], False) for i in range(n)]
        )
        assert Scan.objects.filter(program=program).count() == 4 * n
        attended = Seat.objects.filter(session=session, attended_at__isnull=False).count()
        assert attended == n
    assert counts[1] == counts[20] == counts[50], counts
