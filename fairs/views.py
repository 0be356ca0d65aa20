"""The fair's public site (no sign-in), the exhibitor's label sheet and stand application.

Thin views: the fair and what it shows come from `fairs.selectors` (which ask
`catalog.visibility`), writes from `fairs.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from common.permissions import artisan_required
from common.statemachine import TransitionRefused
from deals.forms import PublicInquiryForm
from deals.selectors import public_inquiry_program
from fairs import cache, pdf, selectors
from fairs.forms import StandApplicationForm
from fairs.models import Exhibitor, StandApplication


def _base(request: HttpRequest, fair) -> dict:
    return {
        "fair": fair,
        "program": fair.program,
        "delegations": selectors.delegations(fair),
    }


def _list_context(fair) -> dict:
    return {
        "fair": fair,
        "program": fair.program,
        # Reversed once for every card of a list.
        "exhibitors_url": reverse("fairs:exhibitor", args=[fair.program.slug, "x"])[:-2],
        "cooperative": _("Cooperative"),
    }


def _directory(fair, by: str) -> str:
    return render_to_string(
        "fairs/_directory.html", _list_context(fair) | {"groups": selectors.directory(fair, by=by), "by": by}
    )


def _plan(fair) -> str:
    return render_to_string("fairs/_plan.html", _list_context(fair) | {"halls": selectors.plan(fair)})


def site(request: HttpRequest, slug: str) -> HttpResponse:
    fair = selectors.fair_for_site(slug)
    by = request.GET.get("by", "hall")
    if by not in selectors.GROUPINGS:
        by = "hall"
    listing = cache.fragment(
        fair, template="fairs/_directory.html", variant=by, render=lambda fresh: _directory(fresh, by)
    )
    return render(request, "fairs/site.html", _base(request, fair) | {"listing": listing, "by": by})


def exhibitor(request: HttpRequest, slug: str, artisan: str) -> HttpResponse:
    fair = selectors.fair_for_site(slug)
    page = selectors.exhibitor_page(fair, artisan)
    context = _base(request, fair) | {
        "page": page,
        "exhibitor": page.exhibitor,
        "show_prices": selectors.show_prices(fair, request.user),
        "may_print": _may_print(request.user, page.exhibitor),
    }
    return render(request, "fairs/exhibitor.html", context)


def product(request: HttpRequest, slug: str, public_id) -> HttpResponse:
    """A product on the fair site (where its QR label leads), with the inquiry form."""
    fair = selectors.fair_for_site(slug)
    item, exhibitor = selectors.fair_product(fair, public_id)
    # The inquiry goes to the product's own artisan: on a cooperative's stand, the member.
    asks_public = (
        not request.user.is_authenticated
        and public_inquiry_program(item.artisan, slug=fair.program.slug) is not None
    )
    context = _base(request, fair) | {
        "product": item,
        "exhibitor": exhibitor,
        "show_prices": selectors.show_prices(fair, request.user),
        "inquiry_form": PublicInquiryForm(initial={"quantity": item.min_order_qty}) if asks_public else None,
    }
    return render(request, "fairs/product.html", context)


def delegation(request: HttpRequest, slug: str, delegation: str) -> HttpResponse:
    fair = selectors.fair_for_site(slug)
    group, exhibitors = selectors.delegation_page(fair, delegation)
    return render(
        request,
        "fairs/delegation.html",
        _base(request, fair) | _list_context(fair) | {"delegation": group, "exhibitors": exhibitors},
    )


def plan(request: HttpRequest, slug: str) -> HttpResponse:
    fair = selectors.fair_for_site(slug)
    listing = cache.fragment(fair, template="fairs/_plan.html", variant="", render=_plan)
    return render(request, "fairs/plan.html", _base(request, fair) | {"listing": listing})


def plan_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    fair = selectors.fair_for_site(slug)
    content = pdf.plan_pdf(title=fair.program.name, halls=selectors.plan(fair))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{fair.program.slug}-plan.pdf"'
    return response


def _may_print(user, exhibitor: Exhibitor) -> bool:
    return bool(user.is_authenticated and (user.is_staff or exhibitor.artisan.user_id == user.pk))


@login_required
def labels(request: HttpRequest, slug: str, artisan: str) -> HttpResponse:
    """The exhibitor's sheet of QR labels, one per product; for the exhibitor and staff."""
    fair = selectors.fair_for_site(slug)
    page = selectors.exhibitor_page(fair, artisan)
    if not _may_print(request.user, page.exhibitor):
        raise Http404
    # Printed for the public at the stand: prices as the public sees them.
    public_prices = selectors.show_prices(fair, None)
    rows = [
        (
            f"{settings.SITE_URL}{reverse('fairs:product', args=[fair.program.slug, item.public_id])}",
            item.title,
            pdf.money(item.wholesale_price, item.currency) if public_prices else "",
        )
        for item in page.products
    ]
    content = pdf.labels_pdf(
        exhibitor_name=page.exhibitor.artisan.business_name,
        stand_code=page.stand.code if page.stand else "",
        labels=rows,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.exhibitor.artisan.slug}-labels.pdf"'
    return response


@artisan_required
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    """The exhibitor's wishes for its stand."""
    fair = selectors.fair_for_owner(slug)
    exhibitor = selectors.exhibitor_of(request.user, fair.program)
    if exhibitor is None:
        raise Http404
    current = StandApplication.objects.filter(exhibitor=exhibitor).first()
    form = StandApplicationForm(request.POST or None, instance=current, exhibitor=exhibitor)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                form.submit()
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your stand application is saved."))
                return redirect("fairs:apply", slug=slug)
    return render(
        request,
        "fairs/apply.html",
        {"fair": fair, "program": fair.program, "form": form, "exhibitor": exhibitor},
        status=status,
    )
