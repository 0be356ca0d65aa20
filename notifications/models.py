from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.fields import EncryptedTextField


class Email(models.Model):
    """One outgoing message, recorded before it is sent.

    `key` names the purpose, the recipient and the object (for example
    `meeting-invitation:42:7:seq1`): the unique constraint on it is what makes a second
    request to send the same message a no-op.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        WAITING = "waiting", _("Waiting to retry")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    # Encrypted at rest: a body may hold a reset, confirmation or invitation link (SECURITY.md).
    body_text = EncryptedTextField(_("text body"))
    body_html = EncryptedTextField(_("HTML body"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # The language it is written in, sent as Content-Language.
    language = models.CharField(_("language"), max_length=10, blank=True, default="", db_default="")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def purpose(self) -> str:
        """The first part of the key, e.g. `meeting-invitation` or `account:password_reset_key`."""
        head, _sep, _rest = self.key.partition(":")
        if head == "account":
            return ":".join(self.key.split(":")[:2])
        return head
