"""What each kind of program does: the one table of the features a kind enables.

A kind is not a label. Each enables features; a feature decides which of the program's own
settings staff see in its admin form (`SETTINGS`) and which sections other apps show (their
admin inlines and links, their pages). The apps above programs (fairs, visitors, tours, shows,
matchmaking) register their sections here from their `admin.py` and ask `enables()` in their
views and selectors, so programs never imports them and there is one place to read what a
kind changes::

    # tours/admin.py
    kinds.register_admin_inline(kinds.TOUR, TourInline)
    # tours/views.py
    kinds.require(program, kinds.TOUR)   # 404 for a program of another kind

Settings a kind does not use are hidden from its form and keep their stored value (a kind
changed back finds them as they were).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.functional import Promise

from programs.models import Program

Kind = Program.Kind

# Features. Settings features first: they show fields of Program itself.
MEETING_WINDOW = "meeting_window"  # meetings_open_at / meetings_close_at
MEETING_LENGTH = "meeting_length"  # meeting_minutes: one length for every meeting
MEETING_LIMITS = "meeting_limits"  # max meetings per artisan / per buyer
PUBLIC_CATALOG = "public_catalog"  # the program's artisans may be shown to everyone
CATALOG_PDF = "catalog_pdf"  # the digital catalog of its artisans
# Sections other apps own.
MATCHMAKING = "matchmaking"  # preferences and scheduling sessions (matchmaking)
FAIR = "fair"  # venues, stands, the public fair site (fairs)
VISITORS = "visitors"  # registration, passes, check-in, agenda (visitors)
TOUR = "tour"  # days, vehicles, workshops visited, itineraries (tours)
PRESS = "press"  # journalists, press kits, coverage (shows / tours)
SHOW = "show"  # a trade show abroad: stands, call for SMEs, samples, leads (shows)
GROUP_MEETINGS = "group_meetings"  # meetings with several participants (meetings)

FEATURES: dict[str, frozenset[str]] = {
    Kind.VIRTUAL_MISSION: frozenset(
        {MEETING_WINDOW, MEETING_LENGTH, MEETING_LIMITS, CATALOG_PDF, MATCHMAKING}
    ),
    Kind.B2B_DAY: frozenset({MEETING_WINDOW, MEETING_LENGTH, MEETING_LIMITS, CATALOG_PDF, MATCHMAKING}),
    Kind.TRADE_FAIR: frozenset({PUBLIC_CATALOG, CATALOG_PDF, MEETING_LIMITS, MATCHMAKING, FAIR, VISITORS}),
    Kind.WORKSHOP_TOUR: frozenset({TOUR, GROUP_MEETINGS, MATCHMAKING}),
    Kind.TRADE_SHOW_ABROAD: frozenset({SHOW, MEETING_LENGTH, CATALOG_PDF}),
    Kind.MEDIA_TOUR: frozenset({TOUR, PRESS, GROUP_MEETINGS}),
}

# The Program fields each settings feature shows; fields of no feature are always shown.
SETTINGS: dict[str, tuple[str, ...]] = {
    MEETING_WINDOW: ("meetings_open_at", "meetings_close_at"),
    MEETING_LENGTH: ("meeting_minutes",),
    MEETING_LIMITS: ("max_meetings_per_artisan", "max_meetings_per_buyer"),
    PUBLIC_CATALOG: ("public_catalog",),
}
GATED_FIELDS = frozenset(name for names in SETTINGS.values() for name in names)


def features(kind: str) -> frozenset[str]:
    return FEATURES.get(kind, frozenset())


def enables(program_or_kind: Program | str, feature: str) -> bool:
    kind = program_or_kind.kind if isinstance(program_or_kind, Program) else program_or_kind
    return feature in features(kind)


def require(program: Program, feature: str) -> None:
    """For a page of a section: a program of a kind without it has no such page."""
    if not enables(program, feature):
        raise Http404


def kinds_with(feature: str) -> list[str]:
    """For querysets: `Program.objects.filter(kind__in=kinds_with(FAIR))`."""
    return [kind for kind, enabled in FEATURES.items() if feature in enabled]


def setting_applies(kind: str | None, field: str) -> bool:
    """Whether a Program field is one of the kind's settings (an unknown kind: all are)."""
    if field not in GATED_FIELDS or not kind:
        return True
    return any(field in SETTINGS.get(feature, ()) for feature in features(kind))


def applicable_fields(kind: str | None, fields: Iterable[str]) -> list[str]:
    return [name for name in fields if setting_applies(kind, name)]


# --- sections registered by the apps above -------------------------------------------------


@dataclass(frozen=True)
class AdminLink:
    feature: str | None  # None: every kind
    url_name: str  # reversed with the program's pk, or a changelist filtered by it (query)
    label: str | Promise
    query: str = ""  # e.g. "program__id__exact": the link is url_name's page + ?query=pk
    arg: str = "pk"  # the program's attribute url_name is reversed with ("slug" for public pages)


_INLINES: list[tuple[str, Any]] = []
_LINKS: list[AdminLink] = []


def register_admin_inline(feature: str, inline: Any) -> None:
    """An inline of the program's admin page shown only for kinds with `feature`."""
    if feature not in {f for enabled in FEATURES.values() for f in enabled}:
        raise ValueError(f"unknown feature {feature!r}")
    if (feature, inline) not in _INLINES:
        _INLINES.append((feature, inline))


def register_admin_link(link: AdminLink) -> None:
    """A link in the program's row of the admin list, shown only for kinds with its feature."""
    if link not in _LINKS:
        _LINKS.append(link)


def admin_inlines(kind: str | None) -> list[Any]:
    return [inline for feature, inline in _INLINES if kind is None or enables(kind, feature)]


def admin_links(kind: str) -> list[AdminLink]:
    return [link for link in _LINKS if link.feature is None or enables(kind, link.feature)]


@dataclass(frozen=True)
class ResultsSection:
    """A part of the program's results page (and its CSV) that an app above programs computes.

    `figures(program)` returns what `template` shows (as `figures`); `csv_rows(figures)` returns
    rows of (section, name, value, source) for the results CSV. Registered from the app's admin.py.
    """

    feature: str
    key: str
    template: str
    figures: Callable[[Program], Any]
    csv_rows: Callable[[Any], list[tuple[Any, Any, Any, Any]]]


_RESULTS: list[ResultsSection] = []


def register_results_section(section: ResultsSection) -> None:
    if section.feature not in {f for enabled in FEATURES.values() for f in enabled}:
        raise ValueError(f"unknown feature {section.feature!r}")
    if all(existing.key != section.key for existing in _RESULTS):
        _RESULTS.append(section)


def results_sections(kind: str) -> list[ResultsSection]:
    return [section for section in _RESULTS if enables(kind, section.feature)]
