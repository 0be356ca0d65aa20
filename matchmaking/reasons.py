"""Reasons in plain words, in the reader's language (the codes come from matchmaking.scoring)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.choices import Language


def _languages(codes: list[str]) -> str:
    labels = dict(Language.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def reason_text(
    reason: dict, *, craft_names: dict[int, str], viewer_is_buyer: bool = True, show_wholesale: bool = False
) -> str:
    """`show_wholesale`: catalog.visibility's answer for the reader; a price range is a wholesale term."""
    code = reason.get("code")
    if code == "crafts":
        names = ", ".join(craft_names.get(pk, "") for pk in reason["crafts"] if craft_names.get(pk))
        if viewer_is_buyer:
            return _("%(crafts)s, which you are looking for") % {"crafts": names}
        return _("looking for %(crafts)s") % {"crafts": names}
    if code == "materials":
        return _("works with %(materials)s") % {"materials": ", ".join(reason["materials"])}
    if code == "price":
        if not show_wholesale:
            return ""
        return _("prices from %(low)s to %(high)s USD, within the range") % reason
    if code == "order":
        return _("minimum order %(moq)s, within your usual %(qty)s") % reason
    if code == "capacity":
        return _("makes %(capacity)s a month, less than the usual order of %(qty)s") % reason
    if code == "lead_time":
        return ngettext("ready in %(days)s day", "ready in %(days)s days", reason["days"]) % reason
    if code == "language":
        return _("speaks %(languages)s") % {"languages": _languages(reason["languages"])}
    if code == "interpreter":
        return _("an interpreter can join")
    if code == "overlap":
        city = reason["zone"].rsplit("/", 1)[-1].replace("_", " ")
        return ngettext(
            "%(hours)s working hour overlaps with %(city)s",
            "%(hours)s working hours overlap with %(city)s", reason["hours"],
        ) % {"hours": reason["hours"], "city": city}
    if code == "exported":
        return _("has exported before")
    return ""
