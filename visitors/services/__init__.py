"""Visitors' writes: registration and passes, check-in scans, the agenda's seats."""

from __future__ import annotations

from visitors.services.agenda import (
    offers_expire,
    reminders_send,
    seat_accept_offer,
    seat_cancel,
    seat_take,
)
from visitors.services.base import Person, Refused
from visitors.services.checkin import ScanIn, ScanOut, scans_record
from visitors.services.counts import daily_count_enter
from visitors.services.registration import (
    BADGE_KINDS,
    VETTED_KINDS,
    pass_issue,
    pass_link,
    pass_replace,
    pass_revoke,
    visitor_by_confirm_token,
    visitor_confirm,
    visitor_decide,
    visitor_register,
    visitor_register_walk_in,
)

__all__ = [
    "BADGE_KINDS",
    "VETTED_KINDS",
    "Person",
    "Refused",
    "ScanIn",
    "ScanOut",
    "daily_count_enter",
    "offers_expire",
    "pass_issue",
    "pass_link",
    "pass_replace",
    "pass_revoke",
    "reminders_send",
    "scans_record",
    "seat_accept_offer",
    "seat_cancel",
    "seat_take",
    "visitor_by_confirm_token",
    "visitor_confirm",
    "visitor_decide",
    "visitor_register",
    "visitor_register_walk_in",
]
