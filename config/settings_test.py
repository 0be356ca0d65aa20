"""The test run's settings: the deployment's (config/settings.py) with what a test run changes.

pytest uses it (pyproject.toml); per-test paths (media, private files) stay fixtures in the root
conftest.py. Processes the tests start (workers, web servers, manage.py) run config.settings.
"""

from __future__ import annotations

from config.settings import *  # noqa: F403
from config.settings import STORAGES

# Mail stays in memory (django.core.mail.outbox), and tasks run where they are queued.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# No collectstatic before a test: templates find the files themselves, DEBUG or not.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Same algorithm and format as the deployment's, a thousand iterations (tests/hashers.py).
PASSWORD_HASHERS = ["tests.hashers.QuickPBKDF2PasswordHasher"]
