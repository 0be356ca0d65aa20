"""What every visitors service shares: the refusal, the fair's zone, who a person is, mail."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q

from accounts.models import User
from notifications.services import email_enqueue_template
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


def mail(*, to: str, **message: Any) -> None:
    """One email through the outbox (email_enqueue_template's arguments), once per key; nothing
    for a person without an address."""
    if to:
        email_enqueue_template(to=to, **message)
