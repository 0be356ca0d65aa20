"""A model field's storage that is the one STORAGES names now, looked up on every use.

Django calls a FileField's `storage` callable once, when the model class is made: a storage
returned then keeps the location it had, and a test run's per-test STORAGES (conftest.py)
never reaches it, so files written in tests would land in the deployment's private folder.
`NamedStorage("private")` asks `django.core.files.storage.storages` at each call instead.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages

_OWN = frozenset({"alias", "__class__", "__dict__", "__init__", "__repr__", "__reduce__", "__reduce_ex__"})


class NamedStorage(Storage):
    def __init__(self, alias: str) -> None:
        self.alias = alias

    def __getattribute__(self, name: str) -> Any:
        if name in _OWN:
            return object.__getattribute__(self, name)
        return getattr(storages[object.__getattribute__(self, "alias")], name)

    def __repr__(self) -> str:
        return f"NamedStorage({self.alias!r})"
