"""Read settings as production computes them (DEBUG=0), in a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {"DEBUG": "0", "SECRET_KEY": "kq8#v2!x" * 8, "ALLOWED_HOSTS": "craftmatch.example"}


def production_environment(**extra: str) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REQUIRE_STAFF_MFA", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(PRODUCTION_ENV, **extra)
    return environment


def production_settings(*names: str, **env: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=BASE_DIR,
        env=production_environment(**env), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
