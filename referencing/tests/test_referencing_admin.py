"""Staff run rounds in the admin: candidates added and moved through the services, results on the round's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from referencing.models import Candidate, ReferencingRound
from referencing.tests.factories import candidate, ready_product, referencing_round, retailer

pytestmark = pytest.mark.django_db

RS, CS = ReferencingRound.Status, Candidate.Status


def test_the_round_page_shows_its_results_and_sheet_links(login, staff):
    round = referencing_round(retailer(), status=RS.DECIDED)
    candidate(round, ready_product(), status=CS.SELECTED)
    candidate(round, ready_product(), status=CS.NOT_SELECTED, reason="No")
    page = (
        login(staff)
        .get(reverse("admin:referencing_referencinground_change", args=[round.pk]))
        .content.decode()
    )
    assert "<dt>Selected</dt><dd>1</dd>" in page and "<dt>Not selected</dt><dd>1</dd>" in page
    assert reverse("admin:referencing_referencinground_sheet_xlsx", args=[round.pk]) in page


def _round_form(round, product, *, criteria=0):
    local = timezone.localtime(round.deadline)
    data = {
        "retailer": round.retailer_id, "program": "", "name": round.name,
        "deadline_0": local.strftime("%Y-%m-%d"), "deadline_1": local.strftime("%H:%M:%S"),
        "criteria-TOTAL_FORMS": str(criteria), "criteria-INITIAL_FORMS": str(criteria),
        "candidates-TOTAL_FORMS": "1", "candidates-INITIAL_FORMS": "0", "candidates-0-product": product.pk,
    }  # fmt: skip
    for index, criterion in enumerate(round.criteria.all()[:criteria]):
        data |= {f"criteria-{index}-id": criterion.pk, f"criteria-{index}-round": round.pk,
                 f"criteria-{index}-name": criterion.name, f"criteria-{index}-weight": criterion.weight,
                 f"criteria-{index}-position": criterion.position}  # fmt: skip
    return data


def test_staff_add_a_public_product_as_a_candidate_through_the_service(login, staff):
    round = referencing_round(retailer())
    product = ready_product()
    url = reverse("admin:referencing_referencinground_change", args=[round.pk])
    response = login(staff).post(url, _round_form(round, product, criteria=2))
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Candidate.objects.get(round=round)
    assert (added.product_id, added.artisan_id, added.status) == (product.pk, product.artisan_id, CS.PROPOSED)


def test_a_draft_product_is_refused_beside_the_field(login, staff):
    round = referencing_round(retailer())
    url = reverse("admin:referencing_referencinground_change", args=[round.pk])
    response = login(staff).post(url, _round_form(round, ready_product(status="draft"), criteria=2))
    assert response.status_code == 200
    assert "Only a published product of an approved artisan can be a candidate." in response.content.decode()
    assert not Candidate.objects.exists()


def test_round_actions_move_through_the_table(login, staff):
    ready = referencing_round(retailer(), name="Ready")
    candidate(ready, ready_product())
    empty = referencing_round(retailer("El Corte Inglés"), name="Empty", criteria=())
    client = login(staff)
    response = client.post(
        reverse("admin:referencing_referencinground_changelist"),
        {"action": "start_scoring", "_selected_action": [ready.pk, empty.pk]},
        follow=True,
    )
    assert "Add criteria and candidates before scoring." in response.content.decode()
    ready.refresh_from_db()
    empty.refresh_from_db()
    assert (ready.status, empty.status) == (RS.SCORING, RS.OPEN)


def test_the_decision_page_offers_what_the_table_allows_and_needs_a_reason_to_turn_down(login, staff):
    round = referencing_round(retailer(), status=RS.SCORING)
    proposed = candidate(round, ready_product())
    url = reverse("admin:referencing_referencinground_candidate", args=[round.pk, proposed.pk])
    client = login(staff)
    page = client.get(url).content.decode()
    assert 'value="select"' in page and 'value="not_select"' in page and 'value="list"' not in page
    response = client.post(url, {"action": "not_select", "reason": ""})
    assert response.status_code == 400 and "the artisan reads it" in response.content.decode()
    response = client.post(url, {"action": "not_select", "reason": "Too close to a line we sell"})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.reason, proposed.decided_by) == (
        CS.NOT_SELECTED, "Too close to a line we sell", staff,
    )  # fmt: skip
    # A list the table does not allow now is not offered, and refused if posted.
    response = client.post(url, {"action": "list", "article_number": "GL-1"})
    assert response.status_code == 400
