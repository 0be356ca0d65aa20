"""What every visitors service shares: the refusal, the fair's zone, who a person is, mail."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from accounts.models import User
from notifications.emails import render_email
from notifications.services import email_enqueue
from programs.models import Program
from visitors.models import Visitor


class Refused(Exception):
    """The action is not possible now; the message is shown to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def program_zone(program: Program) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(program.time_zone or "UTC")


def fair_day(program: Program, moment: datetime) -> date:
    """The day of the fair a moment falls on, in the fair's own zone."""
    return moment.astimezone(program_zone(program)).date()


@dataclass(frozen=True)
class Person:
    """Who holds a seat: an account (artisan, buyer, staff) or a visitor without one."""

    user: User | None = None
    visitor: Visitor | None = None

    def __post_init__(self) -> None:
        if (self.user is None) == (self.visitor is None):
            raise ValueError("a person is either an account or a visitor")

    @property
    def key(self) -> tuple[str, int]:
        if self.user is not None:
            return ("user", self.user.pk)
        assert self.visitor is not None
        return ("visitor", self.visitor.pk)

    def seats_q(self) -> Q:
        if self.user is not None:
            return Q(user=self.user)
        return Q(visitor=self.visitor)

    @property
    def email(self) -> str:
        if self.user is not None:
            return self.user.email
        assert self.visitor is not None
        return self.visitor.email

    @property
    def language(self) -> str:
        if self.user is not None:
            return self.user.language or "en"
        assert self.visitor is not None
        return self.visitor.language

    @property
    def name(self) -> str:
        if self.user is not None:
            return self.user.get_full_name()
        assert self.visitor is not None
        return self.visitor.full_name


def mail(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    language: str,
    time_zone: str,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """One email through the outbox, once per key; nothing for a person without an address."""
    if not to:
        return
    rendered = render_email(template, context, language=language, time_zone=time_zone)
    email_enqueue(
        key=key,
        to=to,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        language=rendered.language,
        attachments=attachments,
    )
