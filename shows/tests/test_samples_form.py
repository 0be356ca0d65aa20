"""The samples list on the application page: the SME (or staff who run the shows) give a quantity
for each of its catalog products; only its own products, within bounds, while the application is a
draft, submitted or selected; refused input comes back with every typed value; constant queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffUserFactory
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from shows import services
from shows.models import Application, SampleLine
from shows.tests.factories import ApplicationFactory, selected_with_stand, show_staff

pytestmark = pytest.mark.django_db
S = Application.Status


def _page(application) -> str:
    return reverse("shows:application", args=[application.public_id])


def _post(application) -> str:
    return reverse("shows:samples-set", args=[application.public_id])


def _lines(application) -> dict[int, int]:
    return dict(SampleLine.objects.filter(application=application).values_list("product_id", "quantity"))


def test_the_sme_chooses_its_samples_on_the_page_and_sees_the_list(client):
    application = selected_with_stand(artisan__country="MA")
    vase = ProductFactory(
        artisan=application.artisan,
        title="Zellige vase",
        hs_code="691390",
        country_of_origin="MA",
        wholesale_price=Decimal("42.50"),
        currency="EUR",
        indexed=False,
    )
    rug = ProductFactory(artisan=application.artisan, title="Wool rug", hs_code="570110", indexed=False)
    ProductFactory(title="Someone else's lamp", indexed=False)
    client.force_login(application.artisan.user)
    body = client.get(_page(application)).content.decode()
    # Every own product has a labelled number input; another business's does not appear.
    assert f'<label for="samples-product-{vase.pk}"><bdi>Zellige vase</bdi></label>' in body
    assert f'id="samples-product-{rug.pk}"' in body and 'inputmode="numeric"' in body
    assert "Someone else" not in body
    response = client.post(_post(application), {f"product-{vase.pk}": "3", f"product-{rug.pk}": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"{_page(application)}#samples")
    assert _lines(application) == {vase.pk: 3}
    body = client.get(_page(application)).content.decode()
    row = "<td><bdi>Zellige vase</bdi></td><td>691390</td><td>3</td><td>127.50 EUR</td><td>MA</td>"
    assert row in body
    assert f'name="product-{vase.pk}" value="3"' in body and reverse("shows:samples-csv", args=[application.public_id]) in body
    assert reverse("shows:samples-pdf", args=[application.public_id, "carnet"]) in body
    # 0 takes a product off again.
    client.post(_post(application), {f"product-{vase.pk}": "0", f"product-{rug.pk}": "2"})
    assert _lines(application) == {rug.pk: 2}


def test_another_businesss_product_posted_in_is_not_taken(client):
    application = ApplicationFactory(status=S.SUBMITTED)
    own = ProductFactory(artisan=application.artisan, indexed=False)
    foreign = ProductFactory(indexed=False)
    client.force_login(application.artisan.user)
    response = client.post(_post(application), {f"product-{own.pk}": "1", f"product-{foreign.pk}": "5"})
    assert response.status_code == 302
    assert _lines(application) == {own.pk: 1}


def test_the_service_refuses_another_businesss_product_even_from_staff():
    application = ApplicationFactory(status=S.SUBMITTED)
    foreign = ProductFactory(indexed=False)
    with pytest.raises(TransitionRefused, match="own products"):
        services.application_samples_set(
            user=show_staff(), application=application, quantities={foreign.pk: 1}
        )
    assert not SampleLine.objects.exists()


def test_another_sme_and_staff_without_the_show_right_get_404(client, other_artisan):
    application = ApplicationFactory(status=S.SUBMITTED)
    product = ProductFactory(artisan=application.artisan, indexed=False)
    for user in (other_artisan, StaffUserFactory(is_superuser=False)):
        client.force_login(user)
        assert client.post(_post(application), {f"product-{product.pk}": "2"}).status_code == 404
        with pytest.raises(TransitionRefused):
            services.application_samples_set(user=user, application=application, quantities={product.pk: 2})
    assert not SampleLine.objects.exists()


def test_staff_who_run_the_shows_set_the_samples_for_the_sme(client):
    application = selected_with_stand()
    product = ProductFactory(artisan=application.artisan, title="Tile panel", indexed=False)
    client.force_login(show_staff())
    assert f'id="samples-product-{product.pk}"' in client.get(_page(application)).content.decode()
    assert client.post(_post(application), {f"product-{product.pk}": "4"}).status_code == 302
    assert _lines(application) == {product.pk: 4}


@pytest.mark.parametrize("value", ["-1", str(services.SAMPLE_QUANTITY_MAX + 1), "two", "1.5"])
def test_a_quantity_out_of_bounds_is_refused_and_every_typed_value_comes_back(client, value):
    application = ApplicationFactory(status=S.DRAFT)
    good = ProductFactory(artisan=application.artisan, title="A bowl", indexed=False)
    bad = ProductFactory(artisan=application.artisan, title="B plate", indexed=False)
    client.force_login(application.artisan.user)
    response = client.post(_post(application), {f"product-{good.pk}": "7", f"product-{bad.pk}": value})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body and 'aria-invalid="true"' in body
    form = response.context["samples_form"]
    assert list(form.errors) == [f"product-{bad.pk}"]
    assert f'name="product-{good.pk}" value="7"' in body
    assert f'value="{value}"' in body
    assert not SampleLine.objects.exists()


def test_the_service_checks_the_bounds_too():
    application = ApplicationFactory(status=S.SUBMITTED)
    product = ProductFactory(artisan=application.artisan, indexed=False)
    for quantity in (-1, services.SAMPLE_QUANTITY_MAX + 1):
        with pytest.raises(TransitionRefused, match="from 0 to"):
            services.application_samples_set(
                user=application.artisan.user, application=application, quantities={product.pk: quantity}
            )
    services.application_samples_set(
        user=application.artisan.user,
        application=application,
        quantities={product.pk: services.SAMPLE_QUANTITY_MAX},
    )
    assert _lines(application) == {product.pk: services.SAMPLE_QUANTITY_MAX}


@pytest.mark.parametrize("status", list(S))
def test_the_list_changes_only_while_the_sme_may_still_go(client, status):
    application = ApplicationFactory(status=status)
    product = ProductFactory(artisan=application.artisan, indexed=False)
    SampleLine.objects.create(application=application, product=product, quantity=1)
    open_ = status in (S.DRAFT, S.SUBMITTED, S.SELECTED)
    client.force_login(application.artisan.user)
    body = client.get(_page(application)).content.decode()
    assert (f'id="samples-product-{product.pk}"' in body) is open_
    assert ("its samples list cannot be changed any more" in body) is not open_
    response = client.post(_post(application), {f"product-{product.pk}": "6"})
    assert response.status_code == (302 if open_ else 400)
    assert _lines(application) == {product.pk: 6 if open_ else 1}
    if not open_:
        assert "cannot be changed any more" in response.content.decode()


def test_page_and_save_in_constant_queries_as_the_catalog_grows(client, django_assert_max_num_queries):
    application = selected_with_stand()
    client.force_login(application.artisan.user)

    def grow(n: int) -> dict[str, str]:
        for _k in range(n):
            product = ProductFactory(artisan=application.artisan, indexed=False)
            SampleLine.objects.create(application=application, product=product, quantity=1)
        products = application.artisan.products.order_by("pk")
        return {f"product-{p.pk}": str(k % 3) for k, p in enumerate(products)}

    data = grow(2)
    client.get(_page(application))
    with django_assert_max_num_queries(40) as small_page:
        assert client.get(_page(application)).status_code == 200
    with django_assert_max_num_queries(40) as small_save:
        assert client.post(_post(application), data).status_code == 302
    data = grow(15)
    with django_assert_max_num_queries(len(small_page.captured_queries)):
        assert client.get(_page(application)).status_code == 200
    with django_assert_max_num_queries(len(small_save.captured_queries)):
        assert client.post(_post(application), data).status_code == 302
    assert len(_lines(application)) == sum(1 for v in data.values() if v != "0")
