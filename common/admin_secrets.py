"""Fields that hold a secret are never shown, searched or filtered on in the admin.

A secret is what lets its holder act as someone: an invitation token, a meeting's video-room
token, a password hash, the second factor's data. Staff who may view a page may not read those
(SECURITY.md, "What is enforced where"). Not showing a field is not enough: the changelist also
accepts `?field__startswith=...` on any column of the model, which answers yes or no one
character at a time, so a ModelAdmin of a model with such fields names them in `secret_fields`
and this mixin refuses every lookup on them. `tests/security/test_admin_secrets.py` walks every
registered ModelAdmin and fails on a secret-looking field that is shown or can be looked up.
"""

from __future__ import annotations

from django.contrib.admin.options import BaseModelAdmin
from django.db.models.constants import LOOKUP_SEP


class SecretFieldsAdminMixin(BaseModelAdmin):
    secret_fields: tuple[str, ...] = ()

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split(LOOKUP_SEP, 1)[0] in self.secret_fields:
            return False
        return super().lookup_allowed(lookup, value, request)
