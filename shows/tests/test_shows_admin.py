"""The shows admin is not a second write path: a show's costs are added and removed through
shows.services (show_cost_add / show_cost_remove), coverage recorded and removed through
coverage_record / coverage_remove, and neither is edited in place."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import StaffUserFactory
from programs.models import Program
from shows.models import Coverage, ShowCost
from shows.tests.factories import ForeignShowFactory, show_program, show_staff

pytestmark = pytest.mark.django_db


def _grant(user: User, *codenames: str) -> User:
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="shows", codename=codename))
    return User.objects.get(pk=user.pk)


def _change_form_data(response) -> dict:
    """What the browser would post back from the admin change page, unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is not None:
            data[name] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for item in formset.initial_forms:
            for name in item.fields:
                value = item[name].value()
                if value is not None:
                    data[item.add_prefix(name)] = value
    return data


def _add_cost(data: dict, label: str, amount: str) -> dict:
    index = int(data["costs-TOTAL_FORMS"])
    data = {
        **data,
        "costs-TOTAL_FORMS": index + 1,
        f"costs-{index}-label": label,
        f"costs-{index}-amount_eur": amount,
    }
    return data


def test_a_cost_entered_in_the_admin_is_the_services_and_is_not_edited(client):
    show = ForeignShowFactory()
    staff = _grant(
        show_staff(),
        "view_foreignshow",
        "change_foreignshow",
        "view_showcost",
        "add_showcost",
        "delete_showcost",
    )
    client.force_login(staff)
    url = reverse("admin:shows_foreignshow_change", args=[show.pk])
    data = _add_cost(_change_form_data(client.get(url)), "Stand rental", "12000.00")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    cost = ShowCost.objects.get()
    assert (cost.show, cost.label, cost.amount_eur) == (show, "Stand rental", Decimal("12000.00"))
    # An entered cost shows read-only: posting another amount for it changes nothing.
    page = client.get(url)
    data = _change_form_data(page)
    data.update({"costs-0-id": cost.pk, "costs-0-show": show.pk, "costs-0-amount_eur": "1.00"})
    assert client.post(url, data).status_code == 302
    cost.refresh_from_db()
    assert cost.amount_eur == Decimal("12000.00")
    # Removed through the service.
    data = {
        **_change_form_data(client.get(url)),
        "costs-0-id": cost.pk,
        "costs-0-show": show.pk,
        "costs-0-DELETE": "on",
    }
    assert client.post(url, data).status_code == 302
    assert not ShowCost.objects.exists()


def test_staff_without_the_right_to_add_costs_cannot_add_one_in_the_admin(client):
    show = ForeignShowFactory()
    staff = _grant(
        StaffUserFactory(is_superuser=False),
        "view_foreignshow",
        "change_foreignshow",
        "view_showcost",
    )
    client.force_login(staff)
    url = reverse("admin:shows_foreignshow_change", args=[show.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = _add_cost(_change_form_data(page), "Flights", "900.00")
    client.post(url, data)
    assert not ShowCost.objects.exists()


def test_coverage_recorded_in_the_admin_goes_through_the_service(client):
    press = show_program(kind=Program.Kind.MEDIA_TOUR)
    trade = show_program()
    staff = _grant(show_staff(), "view_coverage", "add_coverage", "change_coverage", "delete_coverage")
    client.force_login(staff)
    add = reverse("admin:shows_coverage_add")
    page = client.get(add)
    choices = {choice.pk for choice in page.context["adminform"].form.fields["program"].queryset}
    assert press.pk in choices and trade.pk not in choices
    data = {
        "program": press.pk,
        "outlet": "Monocle",
        "link": "https://example.org/a",
        "published_on": "2026-10-20",
    }
    refused = client.post(add, {**data, "program": trade.pk})
    assert refused.status_code == 200 and "program" in refused.context["adminform"].form.errors
    assert client.post(add, data).status_code == 302
    coverage = Coverage.objects.get()
    assert (coverage.program, coverage.outlet, coverage.recorded_by) == (press, "Monocle", staff)
    # Read-only once recorded.
    change = reverse("admin:shows_coverage_change", args=[coverage.pk])
    client.post(change, {**data, "outlet": "Other"})
    coverage.refresh_from_db()
    assert coverage.outlet == "Monocle"
    delete = reverse("admin:shows_coverage_delete", args=[coverage.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Coverage.objects.exists()
