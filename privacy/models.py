from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_message_retention_days() -> int:
    return int(settings.MESSAGE_RETENTION_DAYS)


class PrivacySettings(models.Model):
    """One row: the retention periods staff choose in the admin (the privacy page states them)."""

    message_retention_days = models.PositiveIntegerField(
        _("keep meeting messages for (days)"),
        default=default_message_retention_days,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_("Messages older than this are deleted every night. Meetings and outcomes are kept."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="privacy_settings_singleton")]

    def __str__(self) -> str:
        return str(_("Privacy settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> PrivacySettings:
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row
