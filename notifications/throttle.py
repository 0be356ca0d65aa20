"""At most one email per window for a burst of the same news (messages in a thread).

The outbox sends once per key; a key that ends in the window `now` falls in makes a burst of
messages one email, and the first message of the next window another one.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def burst_key(key: str, *, now: datetime, every: timedelta) -> str:
    """`key` with the number of the `every`-long window holding `now` (windows start at the epoch)."""
    return f"{key}:{int(now.timestamp() // every.total_seconds())}"
