"""Django's database sessions, read by one statement compiled once per process.

Every signed-in request reads its session first; Django's store builds that query with the ORM each
time. This store is Django's (same table, same rows, same writes), but reads through
common.statements. SESSION_ENGINE names it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.backends import RENAMED
from common.statements import Statement

_SESSION = Statement(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).order_by(),
    "key",
    "now",
    markers={"now": dt.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=dt.UTC)},
)


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        data = super().load()
        # Signed in before accounts.backends: the same user, under the backend's new path.
        backend = data.get(BACKEND_SESSION_KEY)
        if backend in RENAMED:
            data[BACKEND_SESSION_KEY] = RENAMED[backend]
        return data

    def _get_session_from_db(self) -> Session | None:
        found = _SESSION.models(Session, key=self.session_key, now=timezone.now())
        if not found:
            self._session_key = None
            return None
        return found[0]
