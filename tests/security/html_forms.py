"""The POST forms of a page as a browser sees them: each field's kind, the values the page offers,
and what the browser would send if the form were submitted untouched.

The hostile-input tests start from what the page would send (so the form is valid and the
request reaches the service and the database) and replace one or two fields with hostile values
of that field's kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED_ACTIONS = ("/accounts/logout/", "/admin/logout/", "/i18n/setlang/")
TEXT_KINDS = {"text", "search", "tel", "email", "url", "password", "hidden", "textarea", "color"}


@dataclass
class FormField:
    name: str
    kind: str  # an <input> type, or "textarea", "select", "select-multiple"
    offered: list[str] = field(default_factory=list)  # options, checkbox and radio values
    sent: list[str] = field(default_factory=list)  # what an untouched submission sends


@dataclass
class PageForm:
    role: str
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)

    def untouched(self) -> dict[str, list[str]]:
        return {name: list(f.sent) for name, f in self.fields.items() if f.sent}


class _FormParser(HTMLParser):
    def __init__(self, page_url: str, role: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.role = role
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: FormField | None = None
        self._option: dict | None = None
        self._select_chosen = False
        self._textarea: FormField | None = None
        self._button_sent = False

    def _field(self, name: str, kind: str) -> FormField:
        assert self._form is not None
        return self._form.fields.setdefault(name, FormField(name=name, kind=kind))

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = a.get("action") or self.page_url
                self._form = None if action.startswith(SKIPPED_ACTIONS) else PageForm(self.role, action)
                self._button_sent = False
            return
        if self._form is None or "name" not in a or a["name"] == "csrfmiddlewaretoken":
            if tag == "option" and self._select is not None:
                self._start_option(a)
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            # The admin's date and time inputs are text inputs its JavaScript turns into pickers.
            classes = a.get("class", "").split()
            if kind == "text" and ("vDateField" in classes or "vTimeField" in classes):
                kind = "date" if "vDateField" in classes else "time"
            if kind in ("submit", "button", "image", "reset"):
                self._button(name, a.get("value", ""))
                return
            f = self._field(name, kind)
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio"):
                f.offered.append(value)
                if "checked" in a:
                    f.sent.append(value)
            elif kind != "file":
                f.sent = [value]
        elif tag == "textarea":
            self._textarea = self._field(name, "textarea")
            self._textarea.sent = [""]
        elif tag == "select":
            self._select = self._field(name, "select-multiple" if "multiple" in a else "select")
            self._select_chosen = False
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._button(name, a.get("value", ""))

    def _button(self, name: str, value: str) -> None:
        f = self._field(name, "submit")
        f.offered.append(value)
        # A browser sends the button that was clicked; the first one stands for it.
        if not self._button_sent:
            f.sent = [value]
            self._button_sent = True

    def _start_option(self, a: dict) -> None:
        self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.sent = [self._textarea.sent[0] + data]
        if self._option is not None:
            self._option["text"] += data

    def _end_option(self) -> None:
        if self._option is None or self._select is None:
            return
        value = self._option["value"] if self._option["value"] is not None else self._option["text"].strip()
        self._select.offered.append(value)
        if self._option["selected"]:
            if self._select.kind == "select" and self._select_chosen:
                self._select.sent = [value]
            else:
                self._select.sent.append(value)
            self._select_chosen = True
        self._option = None

    def handle_endtag(self, tag):
        if tag == "option":
            self._end_option()
        elif tag == "select":
            self._end_option()
            if self._select is not None and self._select.kind == "select" and not self._select_chosen:
                self._select.sent = self._select.offered[:1]
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def post_forms(html: str, page_url: str, role: str = "") -> list[PageForm]:
    parser = _FormParser(page_url, role)
    parser.feed(html)
    parser.close()
    return parser.forms
