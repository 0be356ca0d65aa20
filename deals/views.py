"""The deal pages: a person's deals, one deal with what they may do next, the public confirmation link, the follow-up answer."""

from __future__ import annotations

import inspect
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product
from catalog.visibility import can_see_wholesale
from common.ratelimit import parse_rate, rate_limit_hit
from common.statemachine import TransitionRefused
from deals import followups, minimums, selectors, services
from deals.entry_forms import ActForArtisanForm
from deals.forms import (
    ActionForm,
    FollowUpForm,
    InquiryForm,
    MessageForm,
    OrderForm,
    QuoteForm,
    QuoteLineFormSet,
    QuoteOrderForm,
)
from deals.models import Deal, DealEvent, FollowUp, Incoterm, Inquiry, InquiryLine, Order, Quote, Sample
from deals.order_forms import OrderChangesForm
from deals.results import in_usd, program_rates

DEALS_PER_PAGE = 50
SUBJECTS = {"inquiry": Inquiry, "quote": Quote, "sample": Sample, "order": Order}
# The parts of ActionForm each action's form shows (the others stay empty).
_REASON = ("reason",)
FIELDS = {
    ("inquiry", "decline"): _REASON,
    ("quote", "decline"): _REASON,
    ("quote", "ask_again"): _REASON,
    ("sample", "decline"): _REASON,
    ("sample", "accept"): _REASON,
    ("sample", "ask_changes"): _REASON,
    ("sample", "ship"): ("carrier", "tracking_number"),
    ("order", "ship"): ("carrier", "tracking_number"),
    ("order", "accept"): ("ship_by",),
    ("order", "decline"): ("code", "reason"),
    ("order", "dispute"): ("reason", "photos"),
    ("order", "cancel"): _REASON,
}


def _calls(subject: str, action: str):
    """The service for (subject, action) and how the form's data feeds it; None when there is none."""
    data_reason = lambda d: {"reason": d["reason"]}  # noqa: E731
    nothing = lambda d: {}  # noqa: E731
    table = {
        ("inquiry", "decline"): (services.inquiry_decline, data_reason),
        ("inquiry", "withdraw"): (services.inquiry_withdraw, nothing),
        ("quote", "accept"): (services.quote_accept, nothing),
        ("quote", "decline"): (services.quote_decline, data_reason),
        ("quote", "ask_again"): (services.quote_ask_again, data_reason),
        ("quote", "withdraw"): (services.quote_withdraw, nothing),
        ("sample", "approve"): (services.sample_approve, nothing),
        ("sample", "decline"): (services.sample_decline, data_reason),
        ("sample", "ship"): (
            services.sample_ship,
            lambda d: {"carrier": d["carrier"], "tracking_number": d["tracking_number"]},
        ),
        ("sample", "deliver"): (services.sample_deliver, nothing),
        ("sample", "accept"): (services.sample_accept, lambda d: {"feedback": d["reason"]}),
        ("sample", "ask_changes"): (services.sample_ask_changes, lambda d: {"feedback": d["reason"]}),
        ("order", "accept"): (services.order_accept, lambda d: {"ship_by": d["ship_by"]}),
        ("order", "confirm_changes"): (services.order_confirm_changes, nothing),
        ("order", "decline"): (services.order_decline, lambda d: {"code": d["code"], "reason": d["reason"]}),
        ("order", "start_production"): (services.order_start_production, nothing),
        ("order", "ship"): (
            services.order_ship,
            lambda d: {"carrier": d["carrier"], "tracking_number": d["tracking_number"]},
        ),
        ("order", "receive"): (services.order_receive, nothing),
        ("order", "dispute"): (
            services.order_dispute,
            lambda d: {"reason": d["reason"], "photos": d["photos"]},
        ),
        ("order", "close"): (services.order_close, nothing),
        ("order", "cancel"): (services.order_cancel, data_reason),
    }
    return table.get((subject, action))


# Rows of the tables with their own form on the deal page (deals.change_views), not the generic one.
OWN_PAGES = {("order", "propose_changes"), ("sample", "order")}


def has_page(subject: str, action: str) -> bool:
    """Whether the deal page offers (subject, action) when the table allows it."""
    return _calls(subject, action) is not None or (subject, action) in OWN_PAGES


def _acting(user, deal: Deal) -> bool:
    """Staff, not the artisan, who may act for the deal's artisan: the page offers the artisan's moves."""
    return selectors.may_act_for_artisans(user) and user.pk != deal.artisan.user_id


def for_artisan(request: HttpRequest, deal: Deal, service) -> dict[str, bool]:
    """{"for_artisan": True} when staff ticked "I act for the artisan" and the move is the artisan's.

    A POST field, never a query string: a link cannot make staff act for someone. Without the tick
    staff act as themselves, and the table refuses them the artisan's moves.
    """
    form = ActForArtisanForm(request.POST)
    if (
        form.is_valid()
        and form.cleaned_data["for_artisan"]
        and _acting(request.user, deal)
        and "for_artisan" in inspect.signature(service).parameters
    ):
        return {"for_artisan": True}
    return {}


@login_required
def deal_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.deal_list(request.user), DEALS_PER_PAGE).get_page(request.GET.get("page"))
    for deal in page.object_list:
        deal.latest_label = selectors.status_label(deal.latest_subject, deal.latest_status)
    return render(
        request,
        "deals/list.html",
        {
            "deals": page.object_list,
            "page": page,
            "waiting": selectors.waiting_for(request.user),
            "follow_ups": followups.followups_waiting(request.user)[:20],
        },
    )


def quote_products(deal: Deal):
    """The products a quote's lines may name: the artisan's own."""
    return Product.objects.filter(artisan=deal.artisan)


def _quote_forms(deal: Deal, inquiry: Inquiry) -> tuple[QuoteForm, QuoteLineFormSet]:
    """A new quote version, its lines prefilled from the inquiry's (the catalog's price and minimums)."""
    initial = []
    for line in inquiry.lines.all():
        product = line.product
        terms = getattr(product, "deal_terms", None) if product is not None else None
        initial.append(
            {
                "description": line.description,
                "product": product.pk if product is not None else None,
                "quantity": line.quantity,
                "unit_price": product.wholesale_price if product is not None else None,
                "pack_multiple": terms.pack_multiple if terms is not None else 1,
                "minimum_quantity": product.min_order_qty if product is not None else 1,
            }
        )
    currency = next((line.product.currency for line in inquiry.lines.all() if line.product), inquiry.currency)
    form = QuoteForm(
        initial={
            "currency": currency,
            "incoterm": inquiry.incoterm or Incoterm.FCA,
            "lead_time_days": next(
                (line.product.lead_time_days for line in inquiry.lines.all() if line.product), 30
            ),
            "valid_until": timezone.localdate() + timedelta(days=30),
        }
    )
    lines = QuoteLineFormSet(prefix="line", initial=initial, form_kwargs={"products": quote_products(deal)})
    return form, lines


def _detail(
    request: HttpRequest,
    deal: Deal,
    *,
    form: ActionForm | None = None,
    status: int = 200,
    quote_form: QuoteForm | None = None,
    quote_lines: QuoteLineFormSet | None = None,
    quote_order_form: QuoteOrderForm | None = None,
    message_form: MessageForm | None = None,
    changes_form: OrderChangesForm | None = None,
    sample_forms: dict[int, OrderForm] | None = None,
    quote_request_forms: dict[int, InquiryForm] | None = None,
) -> HttpResponse:
    user = request.user
    acting = _acting(user, deal)
    events = [
        {"event": event, "label": selectors.event_label(event), "changes": selectors.event_changes(event)}
        for event in deal.events.select_related("actor", "on_behalf_of")
    ]
    # Each order's latest proposal (old and new, the note): what the buyer confirms.
    proposals = {
        row["event"].subject_id: row
        for row in events
        if row["event"].subject == DealEvent.Subject.ORDER and row["event"].action == "propose_changes"
    }
    wholesale = can_see_wholesale(user)
    inquiry = (
        Inquiry.objects.filter(deal=deal)
        .prefetch_related(
            Prefetch("lines", queryset=InquiryLine.objects.select_related("product__deal_terms"))
        )
        .first()
    )
    orders = list(deal.orders.prefetch_related("lines"))
    ordered_quotes = {order.quote_id for order in orders}
    rates = program_rates(deal.program)
    rows = []
    for kind, items in (
        ("inquiry", [inquiry] if inquiry else []),
        ("quote", deal.quotes.prefetch_related("lines")),
        ("sample", deal.samples.select_related("product__deal_terms")),
        ("order", orders),
    ):
        for item in items:
            item.deal = deal
            allowed = selectors.allowed_actions(item, user, for_artisan=acting)
            rows.append(
                {
                    "kind": kind,
                    "item": item,
                    "actions": [
                        {"name": action, "fields": FIELDS.get((kind, action), ())}
                        for action in sorted(allowed)
                        if _calls(kind, action)
                    ],
                    **_own_forms(
                        kind,
                        item,
                        allowed,
                        deal=deal,
                        user=user,
                        wholesale=wholesale,
                        has_inquiry=inquiry is not None,
                        changes_form=changes_form,
                        sample_forms=sample_forms or {},
                        quote_request_forms=quote_request_forms or {},
                    ),
                    "proposal": proposals.get(item.pk)
                    if kind == "order" and item.status == Order.Status.CHANGES_PROPOSED
                    else None,
                    # Quotes and orders: their total, and beside it in US dollars with the rate's date.
                    "usd": in_usd(item.total(), item.currency, rates) if kind in ("quote", "order") else None,
                    # An accepted quote not yet ordered: its buyer may order it as quoted.
                    "orderable": kind == "quote"
                    and item.status == Quote.Status.ACCEPTED
                    and item.pk not in ordered_quotes
                    and deal.buyer is not None
                    and deal.buyer.user_id == user.pk,
                }
            )
    if inquiry is not None and "quote" in selectors.allowed_actions(inquiry, user, for_artisan=acting):
        if quote_form is None or quote_lines is None:
            quote_form, quote_lines = _quote_forms(deal, inquiry)
    else:
        quote_form = quote_lines = None
    return render(
        request,
        "deals/detail.html",
        {
            "deal": deal,
            "act_for": deal.artisan if acting else None,
            "rows": rows,
            "events": events,
            "form": form or ActionForm(),
            "quote_form": quote_form,
            "quote_lines": quote_lines,
            "quote_order_form": quote_order_form or QuoteOrderForm(),
            # The thread: the public sender of an inquiry has no account, so no thread to write in.
            "thread": selectors.thread_of(deal),
            "message_form": message_form or MessageForm(),
            "can_write": deal.buyer_id is not None,
        },
        status=status,
    )


def _own_forms(
    kind: str,
    item,
    allowed: set[str] | frozenset[str],
    *,
    deal: Deal,
    user,
    wholesale: bool,
    has_inquiry: bool,
    changes_form: OrderChangesForm | None,
    sample_forms: dict[int, OrderForm],
    quote_request_forms: dict[int, InquiryForm],
) -> dict:
    """The forms of OWN_PAGES a row offers (bound again after a refusal), and the sample's quote request."""
    forms: dict = {}
    if kind == "order" and "propose_changes" in allowed:
        bound = changes_form is not None and changes_form.order.pk == item.pk
        forms["changes_form"] = changes_form if bound else OrderChangesForm(order=item)
    if (
        kind == "sample"
        and item.product is not None
        and deal.buyer is not None
        and deal.buyer.user_id == user.pk
    ):
        product = item.product
        terms = getattr(product, "deal_terms", None)
        smallest = minimums.smallest_valid(product.min_order_qty, terms.pack_multiple if terms else 1)
        # Ordering an approved sample is a direct order: verified buyers only, as the service says.
        if "order" in allowed and wholesale:
            forms["order_form"] = sample_forms.get(item.pk) or OrderForm(
                initial={"quantity": smallest}, auto_id=f"sample-order-{item.pk}-%s"
            )
        # An approved sample: its buyer may ask for a quote on the product, in this deal (its one inquiry).
        if item.status == Sample.Status.ACCEPTED and not has_inquiry:
            forms["quote_request_form"] = quote_request_forms.get(item.pk) or InquiryForm(
                initial={"quantity": smallest}, auto_id=f"sample-quote-{item.pk}-%s"
            )
    return forms


@login_required
def deal_detail(request: HttpRequest, public_id) -> HttpResponse:
    deal = selectors.deal_for(request.user, public_id)
    if deal is None:
        raise Http404
    return _detail(request, deal)


@login_required
@require_POST
def deal_action(request: HttpRequest, public_id, subject: str, pk: int, action: str) -> HttpResponse:
    deal = selectors.deal_for(request.user, public_id)
    call = _calls(subject, action)
    if deal is None or call is None:
        raise Http404
    item = SUBJECTS[subject].objects.filter(deal=deal, pk=pk).first()
    if item is None:
        raise Http404
    # Files are read only for an action that takes them (a dispute's photos).
    files = request.FILES if "photos" in FIELDS.get((subject, action), ()) else None
    form = ActionForm(request.POST, files, uploader=request.user)
    if not form.is_valid():
        return _detail(request, deal, form=form, status=400)
    service, arguments = call
    try:
        service(
            user=request.user,
            **{subject: item},
            **arguments(form.cleaned_data),
            **for_artisan(request, deal, service),
        )
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return _detail(request, deal, form=form, status=400)
    messages.success(request, _("Done. The other side is told by email."))
    return redirect("deals:detail", public_id=deal.public_id)


@login_required
@require_POST
def deal_message(request: HttpRequest, public_id) -> HttpResponse:
    """Post to the deal's thread. A refused post shows the page again with the text kept, nothing stored."""
    deal = selectors.deal_for(request.user, public_id)
    if deal is None:
        raise Http404
    rate = settings.DEAL_MESSAGE_RATE_LIMIT
    if not rate_limit_hit(scope="deal-message", key=str(request.user.pk), rate=rate):
        # Counted before the files are read: a refused post costs no decoding.
        form = MessageForm(request.POST)
        form.is_valid()
        amount, seconds = parse_rate(rate)
        form.add_error(
            None,
            _(
                "You have posted %(amount)s messages in %(minutes)s minutes, the most we take. Please wait a few "
                "minutes; your text is kept below."
            )
            % {"amount": amount, "minutes": max(1, round(seconds / 60))},
        )
        return _detail(request, deal, message_form=form, status=429)
    form = MessageForm(request.POST, request.FILES, uploader=request.user)
    if not form.is_valid():
        return _detail(request, deal, message_form=form, status=400)
    try:
        services.deal_message_post(
            user=request.user,
            deal=deal,
            body=form.cleaned_data["body"],
            attachments=form.cleaned_data["attachments"],
            **for_artisan(request, deal, services.deal_message_post),
        )
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return _detail(request, deal, message_form=form, status=400)
    messages.success(request, _("Your message is sent."))
    return redirect(f"{deal_url(deal)}#thread")


def deal_url(deal: Deal) -> str:
    return str(reverse("deals:detail", args=[deal.public_id]))


@login_required
def deal_attachment(request: HttpRequest, public_id, attachment_id) -> HttpResponse:
    """A file of the thread, to the deal's two parties only, always as a download of its checked type."""
    attachment = selectors.attachment_for(request.user, public_id, attachment_id)
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def inquiry_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The public sender's link; GET shows a button, POST confirms (mail scanners only GET)."""
    if request.method != "POST":
        return render(request, "deals/confirm.html", {"token": token})
    try:
        services.inquiry_confirm(token=token)
    except TransitionRefused as refused:
        return render(request, "deals/confirm.html", {"token": token, "error": refused.message}, status=400)
    return render(request, "deals/confirm.html", {"done": True})


# Follow-ups: answered from the email's signed link (no sign-in needed) or in the app.
def _followup_answer(request: HttpRequest, follow_up: FollowUp, *, done_url: str | None) -> HttpResponse:
    if follow_up.status == FollowUp.Status.ANSWERED:
        # A replayed link or a second tab: the first answer stands, and the page says so.
        return render(
            request,
            "deals/followup.html",
            {"follow_up": follow_up, "answered": True},
            status=400 if request.method == "POST" else 200,
        )
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                followups.followup_answer(
                    follow_up=follow_up,
                    user_id=follow_up.user_id,
                    answer=followups.Answer(
                        form.cleaned_data["answer"], form.cleaned_data["value"], form.cleaned_data["currency"]
                    ),
                )
            except TransitionRefused as refused:
                return render(request, "deals/followup.html", {"error": refused.message}, status=400)
            messages.success(request, _("Thank you: your answer is recorded."))
            if done_url:
                return redirect(done_url)
            follow_up.refresh_from_db()
            return render(request, "deals/followup.html", {"follow_up": follow_up, "answered": True})
        return render(request, "deals/followup.html", {"follow_up": follow_up, "form": form}, status=400)
    # GET never records: mail scanners open links. The chosen answer is only preselected.
    initial = (
        {"answer": request.GET.get("answer")} if request.GET.get("answer") in FollowUp.Answer.values else {}
    )
    return render(
        request, "deals/followup.html", {"follow_up": follow_up, "form": FollowUpForm(initial=initial)}
    )


def followup_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        follow_up = followups.followup_from_token(token=token, user=request.user)
    except TransitionRefused as refused:
        return render(request, "deals/followup.html", {"error": refused.message}, status=400)
    return _followup_answer(request, follow_up, done_url=None)


@login_required
def followup_detail(request: HttpRequest, public_id) -> HttpResponse:
    follow_up = (
        FollowUp.objects.select_related("meeting__artisan", "meeting__buyer")
        .filter(public_id=public_id, user=request.user)
        .first()
    )
    if follow_up is None:
        raise Http404
    return _followup_answer(request, follow_up, done_url="deals:list")
