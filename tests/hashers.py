"""A password hasher for the test run only (config/settings_test.py).

Django's PBKDF2 costs a second of CPU per password on this machine's cores, and the suite sets
thousands. The hash keeps Django's own format with fewer iterations, so a process the tests start
with the deployment's settings (a worker, `serve`) still verifies it.
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1_000
