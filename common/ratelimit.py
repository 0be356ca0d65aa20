"""Who is asking, and how often: the client's address behind trusted proxies, and counted limits.

Every rate limit of the project keys on `client_ip` when it keys on an address: allauth's (login,
sign-up, password reset, through `AccountAdapter.get_client_ip`) and ours. Behind a reverse
proxy every request comes from the proxy's address, so the settings name what to trust
(`ALLAUTH_TRUSTED_PROXY_COUNT`, `ALLAUTH_TRUSTED_CLIENT_IP_HEADER`, from the environment's
`TRUSTED_PROXY_COUNT` and `TRUSTED_CLIENT_IP_HEADER`); without them no header is believed.
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.http import HttpRequest

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _address(value: str | None) -> str | None:
    """A bare IP address from a header or REMOTE_ADDR value ("[::1]:443" and "1.2.3.4:80" too)."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client as the trusted proxies saw it, else the connection's.

    With TRUSTED_PROXY_COUNT = n, X-Forwarded-For's n-th entry from the right is the one our
    outermost proxy wrote; everything left of it came from the client and may be invented. A
    request with fewer entries did not pass through every proxy: only the connection's address
    is sure then. A trusted header (e.g. X-Real-IP) replaces X-Forwarded-For when set.
    """
    header = settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    count = int(settings.ALLAUTH_TRUSTED_PROXY_COUNT or 0)
    forwarded = None
    if header:
        forwarded = request.headers.get(header)
    elif count > 0:
        hops = [hop for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
        if len(hops) >= count:
            forwarded = hops[-count]
    return _address(forwarded) or _address(request.META.get("REMOTE_ADDR"))


def parse_rate(rate: str) -> tuple[int, int]:
    """So many hits per so many seconds: "40/10m" is (40, 600); units s, m, h, d."""
    amount, _, period = rate.strip().partition("/")
    unit = period[-1:]
    if unit not in _UNITS:
        raise ValueError(f"Invalid rate {rate!r}: the period ends in one of {sorted(_UNITS)}.")
    return int(amount), int(float(period[:-1] or "1") * _UNITS[unit])


def rate_limit_hit(*, scope: str, key: str, rate: str) -> bool:
    """Count one hit of `key` in `scope`; False once it is over `rate` in the current window.

    The window is fixed (it starts at a multiple of the period), and the count is one atomic
    INCR in the cache, so concurrent requests cannot both take the last place.
    """
    amount, seconds = parse_rate(rate)
    window = int(time.time() // seconds)
    cache_key = f"rl:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The key expired between add and incr: this hit opens the next window.
        cache.add(cache_key, 1, timeout=seconds + 1)
        count = 1
    return count <= amount


def check_rate_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """At start-up, not at the first upload: a rate or proxy setting that cannot be used."""
    problems: list[checks.CheckMessage] = []
    rate = settings.PHOTO_UPLOAD_RATE_LIMIT
    try:
        amount, seconds = parse_rate(rate)
    except ValueError:
        amount = seconds = 0
    if amount < 1 or seconds < 1:
        problems.append(checks.Error(
            f"PHOTO_UPLOAD_RATE_LIMIT={rate!r} is not a rate such as '40/10m' (at least one per period).",
            id="common.E001",
        ))
    if int(settings.ALLAUTH_TRUSTED_PROXY_COUNT or 0) < 0:
        problems.append(checks.Error("TRUSTED_PROXY_COUNT cannot be negative.", id="common.E002"))
    if settings.ALLAUTH_TRUSTED_PROXY_COUNT and settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER:
        problems.append(checks.Warning(
            "TRUSTED_PROXY_COUNT and TRUSTED_CLIENT_IP_HEADER are both set; only the header is used.",
            id="common.W001",
        ))
    return problems
