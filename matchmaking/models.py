"""Recommendations with their reasons, the weights that rank them, and mutual preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matchmaking.scoring import Weights

DEFAULTS = Weights()


class ScoreWeights(models.Model):
    """How much each part of the score counts in one program; defaults when absent."""

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="score_weights")
    crafts = models.FloatField(_("crafts of interest"), default=DEFAULTS.crafts)
    materials = models.FloatField(_("materials of interest"), default=DEFAULTS.materials)
    price = models.FloatField(_("price range"), default=DEFAULTS.price)
    order_size = models.FloatField(_("order size, minimum order and capacity"), default=DEFAULTS.order_size)
    lead_time = models.FloatField(_("lead time"), default=DEFAULTS.lead_time)
    language = models.FloatField(_("shared language or interpreter"), default=DEFAULTS.language)
    time_overlap = models.FloatField(_("overlap of working hours"), default=DEFAULTS.time_overlap)
    exported = models.FloatField(_("exported before"), default=DEFAULTS.exported)
    program_part = models.FloatField(_("same program"), default=DEFAULTS.program)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score weights")
        verbose_name_plural = _("score weights")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(crafts__gte=0, materials__gte=0, price__gte=0, order_size__gte=0,
                                   lead_time__gte=0, language__gte=0, time_overlap__gte=0, exported__gte=0,
                                   program_part__gte=0),
                name="score_weights_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.program)

    def as_weights(self) -> Weights:
        return Weights(
            crafts=self.crafts, materials=self.materials, price=self.price, order_size=self.order_size,
            lead_time=self.lead_time, language=self.language, time_overlap=self.time_overlap,
            exported=self.exported, program=self.program_part,
        )


class Recommendation(models.Model):
    """One artisan for one buyer in one program, scored by a worker, never in a request."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="recommendations")
    buyer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations")
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="recommendations")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    # Hidden by the buyer (from their side) or the artisan (from theirs); kept across recomputes.
    hidden_by_buyer = models.BooleanField(default=False)
    hidden_by_artisan = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "buyer_user", "artisan"], name="recommendation_unique"),
        ]
        indexes = [
            models.Index(fields=["buyer_user", "-score"], name="recommendation_buyer_score"),
            models.Index(fields=["artisan", "-score"], name="recommendation_artisan_score"),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id} for {self.buyer_user_id}: {self.score}"


class Preference(models.Model):
    """One side's wish about meeting the other in a program."""

    class Level(models.IntegerChoices):
        MUST = 3, _("Must meet")
        LIKE = 2, _("Would like to meet")
        NOT = 0, _("Not interested")

    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        ARTISAN = "artisan", _("Artisan")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="preferences")
    buyer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="+")
    side = models.CharField(_("from"), max_length=8, choices=Side.choices)
    level = models.PositiveSmallIntegerField(_("preference"), choices=Level.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "buyer_user", "artisan", "side"], name="preference_unique"),
            models.CheckConstraint(condition=models.Q(level__in=[0, 2, 3]), name="preference_level_known"),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.buyer_user_id}/{self.artisan_id}: {self.level}"
