"""Django's and allauth's authentication backends, reading the signed-in user by a compiled statement.

Every signed-in request loads its user (django.contrib.auth.get_user -> backend.get_user); the ORM
builds that query each time. These backends are the same classes but for get_user, which reads the
same row through common.statements (compiled once per process, prepared once per connection).
Sessions signed in before carry the old backends' paths: accounts.sessions renames them on load.
"""

from __future__ import annotations

from typing import Any

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends as django_backends

from accounts.models import User
from common.statements import Statement

_USER = Statement(lambda user_id: User.objects.filter(pk=user_id).order_by(), "user_id", label="signed_in_user")

RENAMED = {
    "django.contrib.auth.backends.ModelBackend": "accounts.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "accounts.backends.AuthenticationBackend",
}


class _CompiledGetUser:
    def get_user(self, user_id: Any) -> User | None:
        found = _USER.models(User, user_id=user_id)
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_CompiledGetUser, django_backends.ModelBackend):
    """django.contrib.auth's ModelBackend, with get_user read by the compiled statement."""


class AuthenticationBackend(_CompiledGetUser, allauth_backends.AuthenticationBackend):
    """allauth's AuthenticationBackend (email or username login), with get_user read likewise."""
