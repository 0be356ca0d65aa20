from __future__ import annotations

import zoneinfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from buyers.selectors import shortlisted_targets
from catalog import selectors
from catalog.forms import OrderValueFilterForm
from catalog.selectors import CatalogQuery
from catalog.visibility import can_see_wholesale
from deals.selectors import public_inquiry_program
from programs.selectors import programs_to_filter_by


def _parse(request: HttpRequest, programs: list) -> tuple[CatalogQuery, OrderValueFilterForm | None]:
    """The viewer's query, with the order value filter only for those who may see wholesale terms."""
    show_wholesale = can_see_wholesale(request.user)
    form = OrderValueFilterForm(request.GET) if show_wholesale else None
    max_order_value = form.cleaned_data["mov"] if form is not None and form.is_valid() else None
    query = CatalogQuery.from_params(request.GET, allow_prices=show_wholesale, max_order_value=max_order_value)
    return selectors.scoped(query, request.user, programs=programs), form


def _list_context(
    request: HttpRequest, query: CatalogQuery, page: selectors.CatalogPage, sorts: list[str], programs: list,
    order_value_form: OrderValueFilterForm | None,
) -> dict:
    show_wholesale = can_see_wholesale(request.user)
    return {
        "order_value_form": order_value_form,
        "query": query,
        "page": page,
        "matched": page.matched,
        "show_wholesale": show_wholesale,
        "sorts": selectors.sort_choices(sorts),
        "lead_choices": selectors.LEAD_TIME_CHOICES,
        "shortlisted": shortlisted_targets(request.user),
        "next_url": request.get_full_path(),
        "programs": programs,
    }


def artisan_list(request: HttpRequest) -> HttpResponse:
    programs = programs_to_filter_by(request.user)
    query, form = _parse(request, programs)
    page = selectors.search_artisans(query)
    context = _list_context(request, query, page, ["relevance", "newest", "lead"], programs, form)
    return render(request, "catalog/artisan_list.html", context)


def product_list(request: HttpRequest) -> HttpResponse:
    show_wholesale = can_see_wholesale(request.user)
    programs = programs_to_filter_by(request.user)
    query, form = _parse(request, programs)
    page = selectors.search_products(query)
    sorts = ["relevance", "newest", "moq", "lead"] + (["price"] if show_wholesale else [])
    context = _list_context(request, query, page, sorts, programs, form)
    return render(request, "catalog/product_list.html", context)


def artisan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    artisan = selectors.artisan_for_page(slug, viewer=request.user)
    local_now = timezone.now().astimezone(zoneinfo.ZoneInfo(artisan.time_zone))
    return render(request, "catalog/artisan_detail.html", {
        # Without an account, one may describe what one needs through a public catalog the artisan is in.
        "public_inquiry": not request.user.is_authenticated and public_inquiry_program(artisan) is not None,
        "artisan": artisan,
        "crafts": selectors.crafts_of(artisan),
        "photos": selectors.workshop_photos_of(artisan),
        "products": selectors.products_of(artisan, viewer=request.user),
        "local_now": local_now,
        "matched": frozenset(),
        "show_wholesale": can_see_wholesale(request.user),
        "shortlisted": shortlisted_targets(request.user),
        "next_url": request.get_full_path(),
    })


def product_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    product = selectors.product_for_page(public_id, viewer=request.user)
    # Without an account, one may ask only through a public catalog the artisan is in.
    public_inquiry = not request.user.is_authenticated and public_inquiry_program(product.artisan) is not None
    return render(request, "catalog/product_detail.html", {
        "public_inquiry": public_inquiry,
        "product": product,
        "artisan": product.artisan,
        "show_wholesale": can_see_wholesale(request.user),
        "shortlisted": shortlisted_targets(request.user),
        "next_url": request.get_full_path(),
    })
