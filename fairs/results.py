"""A fair's inquiries for the program's results: per stand, and per member artisan of a cooperative.

Nothing on an inquiry names a stand: the fair site's "contact the exhibitor / place an order"
opens the deals inquiry addressed to the product's own artisan (on a cooperative's stand, the
member whose product it is). So an inquiry is credited by its artisan:

- the fair's inquiries: the program's deals (Deal.program) that began with an inquiry, whatever
  page sent it (the fair site, a product page, a stand), except public ones whose sender never
  confirmed their address (the artisan never saw them);
- per stand: the inquiries to its exhibitor or to one of its member artisans;
- per member artisan: the inquiries to that member (the cooperative's own are its own row).
A fixed handful of queries, whatever the number of stands and inquiries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from deals.models import Deal, Inquiry
from fairs.models import Exhibitor, ExhibitorMember
from programs.models import Program


@dataclass(frozen=True)
class MemberRow:
    name: str
    inquiries: int


@dataclass
class StandRow:
    stand: str  # the stand's code, "" for an exhibitor without a stand yet
    exhibitor: str
    own: int  # inquiries to the exhibitor itself
    members: list[MemberRow] = field(default_factory=list)

    @property
    def inquiries(self) -> int:
        return self.own + sum(member.inquiries for member in self.members)


@dataclass
class InquiryResults:
    inquiries: int
    per_stand: list[StandRow]
    elsewhere: int  # inquiries of the program to artisans that are not exhibitors


def fair_inquiries(program: Program) -> QuerySet[Deal]:
    return Deal.objects.filter(program=program, inquiry__isnull=False).exclude(
        inquiry__status=Inquiry.Status.UNCONFIRMED
    )


def inquiry_results(program: Program) -> InquiryResults:
    per_artisan = Counter(
        {
            row["artisan_id"]: row["n"]
            for row in fair_inquiries(program).values("artisan_id").annotate(n=Count("pk")).order_by()
        }
    )
    members: dict[int, list[tuple[int, str]]] = {}
    for exhibitor_id, artisan_id, name in (
        ExhibitorMember.objects.filter(exhibitor__program=program)
        .order_by("artisan__business_name", "pk")
        .values_list("exhibitor_id", "artisan_id", "artisan__business_name")
    ):
        members.setdefault(exhibitor_id, []).append((artisan_id, name))
    credited: set[int] = set()
    rows = []
    for exhibitor in Exhibitor.objects.filter(program=program).select_related("artisan", "stand"):
        stand = getattr(exhibitor, "stand", None)
        row = StandRow(
            stand=stand.code if stand is not None else "",
            exhibitor=exhibitor.artisan.business_name,
            own=per_artisan[exhibitor.artisan_id],
        )
        credited.add(exhibitor.artisan_id)
        for artisan_id, name in members.get(exhibitor.pk, []):
            row.members.append(MemberRow(name, per_artisan[artisan_id]))
            credited.add(artisan_id)
        rows.append(row)
    rows.sort(key=lambda r: (-r.inquiries, r.stand == "", r.stand, r.exhibitor))
    return InquiryResults(
        inquiries=sum(per_artisan.values()),
        per_stand=rows,
        elsewhere=sum(n for artisan_id, n in per_artisan.items() if artisan_id not in credited),
    )


def csv_rows(figures: InquiryResults) -> list[tuple[object, object, object, object]]:
    """The results CSV's rows: (section, name, value, scanned or declared)."""
    rows: list[tuple[object, object, object, object]] = [
        (_("fair inquiries"), _("total"), figures.inquiries, "")
    ]
    for row in figures.per_stand:
        name = f"{row.stand} {row.exhibitor}".strip()
        rows.append((_("inquiries per stand"), name, row.inquiries, ""))
        rows += [
            (_("inquiries per member artisan"), member.name, member.inquiries, "") for member in row.members
        ]
    if figures.elsewhere:
        rows.append(
            (_("fair inquiries"), _("to artisans without a stand at the fair"), figures.elsewhere, "")
        )
    return rows
