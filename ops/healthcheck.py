"""`python -m ops.healthcheck`: exit 0 when this host's web process answers /health/ with 200.

The container's HEALTHCHECK (Dockerfile) and systemd's watchdog-free check run it. It asks with
the site's host name (the first of ALLOWED_HOSTS), as the proxy would; /health/ is exempt from
the HTTPS redirect. Standard library only: it runs beside gunicorn, without Django.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    port = os.environ.get("PORT", "8000")
    host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost").lstrip(".")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/health/", headers={"Host": host})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 (a fixed local URL)
            return 0 if answer.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"health check failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
