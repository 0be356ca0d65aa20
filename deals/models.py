"""Deals: what a meeting, a product page or a stand leads to (inquiries, quotes, samples, orders).

A Deal is one buyer (or, for a public catalog, one member of the public) and one artisan; its
inquiry, quote versions, samples and orders each move through their own table in
deals/transitions.py, and every move is one DealEvent row. Money is kept in the currency the
artisan quoted; conversions for results use the program's rates (not written in code).
"""

from __future__ import annotations

import posixpath
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.choices import Currency
from common.storage import NamedStorage


class Incoterm(models.TextChoices):
    EXW = "EXW", _("Ex works (EXW)")
    FCA = "FCA", _("Free carrier (FCA)")
    FOB = "FOB", _("Free on board (FOB)")
    CIF = "CIF", _("Cost, insurance and freight (CIF)")
    CPT = "CPT", _("Carriage paid to (CPT)")
    DAP = "DAP", _("Delivered at place (DAP)")
    DDP = "DDP", _("Delivered duty paid (DDP)")


class Unit(models.TextChoices):
    PIECE = "piece", _("pieces")
    SET = "set", _("sets")
    SQUARE_METRE = "m2", _("square metres")
    KILOGRAM = "kg", _("kilograms")


class DealTerms(models.Model):
    """An artisan's order minimums: a first order with a buyer, and a lower one for reorders."""

    artisan = models.OneToOneField(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="deal_terms"
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    opening_order_minimum = models.DecimalField(
        _("minimum first order"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The smallest value of a buyer's first order with you. Leave empty for none."),
    )
    reorder_minimum = models.DecimalField(
        _("minimum reorder"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The smallest value of a later order from the same buyer. Leave empty for none."),
    )

    class Meta:
        verbose_name = _("order minimums")
        verbose_name_plural = _("order minimums")
        constraints = [
            models.CheckConstraint(
                condition=Q(reorder_minimum__isnull=True)
                | Q(opening_order_minimum__isnull=True)
                | Q(reorder_minimum__lte=F("opening_order_minimum")),
                name="deal_terms_reorder_not_above_opening",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Order minimums of %(artisan)s") % {"artisan": self.artisan})


class ProductTerms(models.Model):
    """How a product is sold in deals: its pack multiple and its sample policy."""

    class SamplePolicy(models.TextChoices):
        FREE = "free", _("Free sample")
        CHARGED = "charged", _("Charged sample")
        CREDITED = "credited", _("Charged, credited on the first order")
        NONE = "none", _("No samples")

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, related_name="deal_terms")
    pack_multiple = models.PositiveIntegerField(
        _("sold in packs of"), default=1, help_text=_("Orders are for a multiple of this number of units.")
    )
    sample_policy = models.CharField(
        _("samples"), max_length=10, choices=SamplePolicy.choices, default=SamplePolicy.CHARGED
    )

    class Meta:
        verbose_name = _("product deal terms")
        verbose_name_plural = _("product deal terms")
        constraints = [
            models.CheckConstraint(condition=Q(pack_multiple__gte=1), name="product_terms_pack_positive")
        ]

    def __str__(self) -> str:
        return str(self.product)


class Deal(models.Model):
    class Source(models.TextChoices):
        PRODUCT = "product", _("A product page")
        SHORTLIST = "shortlist", _("The shortlist")
        MEETING = "meeting", _("A meeting")
        STAND = "stand", _("A stand")
        PUBLIC = "public", _("The public catalog")
        DIRECT = "direct", _("A direct order")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.PROTECT, related_name="deals")
    buyer = models.ForeignKey(
        "buyers.BuyerProfile", on_delete=models.PROTECT, null=True, blank=True, related_name="deals"
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=_("program"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="deals"
    )
    source = models.CharField(_("started from"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["buyer", "-updated_at"], name="deal_buyer_recent"),
            models.Index(fields=["artisan", "-updated_at"], name="deal_artisan_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(buyer__isnull=False) | Q(source__in=["public", "stand"]), name="deal_has_a_buyer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artisan} / {self.buyer or _('public visitor')}"


class Inquiry(models.Model):
    """A request for quote: product lines or a free specification, where, when and at what price."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the sender to confirm their email")
        OPEN = "open", _("Waiting for a quote")
        QUOTED = "quoted", _("Quoted")
        DECLINED = "declined", _("Declined by the artisan")
        WITHDRAWN = "withdrawn", _("Withdrawn by the buyer")
        ORDERED = "ordered", _("Ordered")

    deal = models.OneToOneField(Deal, on_delete=models.CASCADE, related_name="inquiry")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    destination_country = models.CharField(_("destination country"), max_length=2, blank=True)
    incoterm = models.CharField(_("wanted incoterm"), max_length=3, choices=Incoterm.choices, blank=True)
    wanted_by = models.DateField(_("wanted by"), null=True, blank=True)
    target_price = models.DecimalField(
        _("target unit price"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    message = models.TextField(_("message"), blank=True)
    # A member of the public (no account): seen by the artisan only once the address is confirmed.
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The language the sender wrote in: their mail is in it (an account's own language wins).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_price__isnull=True) | Q(target_price__gt=0),
                name="inquiry_target_price_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Inquiry to %(artisan)s") % {"artisan": self.deal.artisan})


class InquiryLine(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="lines")
    # A product the artisan deletes later leaves each line its name (description).
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=200)
    specification = models.TextField(_("specification"), blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=6, choices=Unit.choices, default=Unit.PIECE)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="inquiry_line_quantity_positive"),
            models.CheckConstraint(condition=~Q(description=""), name="inquiry_line_described"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class Quote(models.Model):
    """One version of the artisan's answer; asking again makes the next version."""

    class Status(models.TextChoices):
        SENT = "sent", _("Waiting for the buyer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined by the buyer")
        REVISION_ASKED = "revision", _("The buyer asked for a new version")
        SUPERSEDED = "superseded", _("Replaced by a newer version")
        WITHDRAWN = "withdrawn", _("Withdrawn by the artisan")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="quotes")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    incoterm = models.CharField(_("incoterm"), max_length=3, choices=Incoterm.choices)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    payment_terms = models.CharField(_("payment terms"), max_length=200, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"))
    valid_until = models.DateField(_("valid until"))
    notes = models.TextField(_("notes"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["deal", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "version"], name="quote_version_once"),
            # Two accepts at once: the database lets one through.
            models.UniqueConstraint(
                fields=["deal"], condition=Q(status="accepted"), name="quote_accepted_once"
            ),
            models.UniqueConstraint(
                fields=["deal"], condition=Q(status="sent"), name="quote_one_open_version"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Quote, version %(version)s") % {"version": self.version})

    def total(self):
        return sum((line.quantity * line.unit_price for line in self.lines.all()), start=Decimal(0))


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    pack_multiple = models.PositiveIntegerField(_("sold in packs of"), default=1)
    minimum_quantity = models.PositiveIntegerField(_("minimum quantity"), default=1)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="quote_line_price_positive"),
            models.CheckConstraint(condition=Q(pack_multiple__gte=1), name="quote_line_pack_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", _("Waiting for the artisan")
        CHANGES_PROPOSED = "changes", _("Changes proposed by the artisan")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined by the artisan")
        IN_PRODUCTION = "production", _("In production")
        SHIPPED = "shipped", _("Shipped")
        RECEIVED = "received", _("Received")
        DISPUTED = "disputed", _("Disputed")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class DeclineCode(models.TextChoices):
        CAPACITY = "capacity", _("No capacity for this order")
        DATE = "date", _("The date cannot be met")
        MINIMUM = "minimum", _("Below our minimums")
        DESTINATION = "destination", _("We cannot ship to this destination")
        OTHER = "other", _("Another reason")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="orders")
    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, null=True, blank=True, related_name="order")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLACED)
    is_reorder = models.BooleanField(_("reorder"), default=False)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    po_number = models.CharField(_("purchase order number"), max_length=60, blank=True)
    delivery_address = models.TextField(_("delivery address"))
    wanted_by = models.DateField(_("wanted by"), null=True, blank=True)
    ship_by = models.DateField(_("ship by"), null=True, blank=True)
    proposed_ship_by = models.DateField(_("proposed ship-by date"), null=True, blank=True)
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    decline_code = models.CharField(_("reason"), max_length=12, choices=DeclineCode.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.po_number or str(self.public_id)[:8]

    def total(self):
        return sum((line.quantity * line.unit_price for line in self.lines.all()), start=Decimal(0))


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.SET_NULL, null=True, related_name="+")
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    # What the artisan proposes instead (accepted with changes); the buyer's confirmation applies it.
    proposed_quantity = models.PositiveIntegerField(_("proposed quantity"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="order_line_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class Sample(models.Model):
    """A sample of one product, in rounds: changes asked after a round start the next one."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the artisan")
        APPROVED = "approved", _("Accepted by the artisan")
        DECLINED = "declined", _("Declined by the artisan")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CHANGES_ASKED = "changes", _("Changes asked by the buyer")
        ACCEPTED = "accepted", _("Approved by the buyer")
        ORDERED = "ordered", _("Turned into an order")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="samples")
    product = models.ForeignKey("catalog.Product", on_delete=models.SET_NULL, null=True, related_name="+")
    description = models.CharField(_("description"), max_length=200)
    round = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    policy = models.CharField(_("samples"), max_length=10, choices=ProductTerms.SamplePolicy.choices)
    message = models.TextField(_("message"), blank=True)
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sample")
        verbose_name_plural = _("samples")
        ordering = ["deal", "description", "round"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "description", "round"], name="sample_round_once")
        ]

    def __str__(self) -> str:
        return str(
            _("Sample of %(product)s, round %(round)s") % {"product": self.description, "round": self.round}
        )


class DealEvent(models.Model):
    """One move of an inquiry, quote, sample or order: who, when, from, to, why. Never edited."""

    class Subject(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry")
        QUOTE = "quote", _("Quote")
        SAMPLE = "sample", _("Sample")
        ORDER = "order", _("Order")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")
    subject = models.CharField(max_length=8, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=24)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Staff acting for someone: the actor is staff, this is the artisan (assisted onboarding) or the
    # buyer whose inquiry staff entered at a trade show's stand.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    # What the move changed, old and new: an order accepted with changes lists each line's quantity
    # and the ship-by date ({"field": "quantity", "line": ..., "from": 10, "to": 12}).
    changes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deal history")
        verbose_name_plural = _("deal history")
        ordering = ["deal", "created_at", "pk"]
        indexes = [models.Index(fields=["subject", "subject_id"], name="deal_event_subject")]

    def __str__(self) -> str:
        return f"{self.subject} {self.action}: {self.from_status} → {self.to_status}"


class ProgramRate(models.Model):
    """The rate staff use for a program's results: what one unit of a currency is worth in US dollars,
    on the date they say. A program without its own rate for a currency reports at the site's rate."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="deal_rates", verbose_name=_("program")
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    usd_per_unit = models.DecimalField(_("US dollars per unit"), max_digits=12, decimal_places=6)
    as_of = models.DateField(_("rate of"), help_text=_("The day the rate was read; results say it."))

    class Meta:
        verbose_name = _("program exchange rate")
        verbose_name_plural = _("program exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["program", "currency"], name="program_rate_once"),
            models.CheckConstraint(condition=Q(usd_per_unit__gt=0), name="program_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} = {self.usd_per_unit} USD ({self.as_of})"


class FollowUp(models.Model):
    """One side's answer to "what did this meeting lead to?", asked 3, 6 and 12 months after it was held.

    The row is inserted with its email in one transaction (deals.followups): a second beat, a retry
    or a worker that died after the commit finds it and sends nothing more.
    """

    class Milestone(models.IntegerChoices):
        THREE_MONTHS = 3, _("3 months after the meeting")
        SIX_MONTHS = 6, _("6 months after the meeting")
        TWELVE_MONTHS = 12, _("12 months after the meeting")

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked")
        ANSWERED = "answered", _("Answered")

    class Answer(models.TextChoices):
        NOTHING = "nothing", _("Nothing yet")
        SAMPLES = "samples", _("Samples")
        ORDER = "order", _("An order")
        REORDER = "reorder", _("A reorder")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="follow_ups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    milestone = models.PositiveSmallIntegerField(_("milestone"), choices=Milestone.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ASKED)
    email = models.ForeignKey(
        "notifications.Email", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user", "milestone"], name="follow_up_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="follow_up_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status="asked", answered_at__isnull=True, answer="")
                | Q(status="answered", answered_at__isnull=False) & ~Q(answer=""),
                name="follow_up_answered_consistently",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.user_id} {self.milestone}"


def private_files() -> NamedStorage:
    return NamedStorage("private")


def attachment_path(instance: DealAttachment, filename: str) -> str:
    # A random name in private storage: the file is served only through deals:attachment.
    return f"deal-attachments/{uuid.uuid4().hex}{posixpath.splitext(filename)[1].lower()}"


class DealMessage(models.Model):
    """One message of a deal's thread, written by a party (or by staff for the artisan, recorded so).

    A dispute's reason and photos are a message too, linked to the dispute's DealEvent, so both
    parties see them where they talk.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Staff writing for an artisan (assisted onboarding): the author is staff, this is the artisan.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=4000, blank=True)
    event = models.OneToOneField(
        DealEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="message"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deal message")
        verbose_name_plural = _("deal messages")
        ordering = ["deal", "created_at", "pk"]
        indexes = [models.Index(fields=["deal", "created_at"], name="deal_message_thread")]

    def __str__(self) -> str:
        return self.body[:60]


class DealAttachment(models.Model):
    """A PDF, JPEG or PNG attached to a message, checked by its content (common.attachments)."""

    class ContentType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(DealMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=private_files, max_length=200)
    content_type = models.CharField(max_length=20, choices=ContentType.choices)
    # The sender's file name, cleaned and ending as the content is: shown and offered on download.
    name = models.CharField(_("file name"), max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return self.name
