"""One beat, always: RedBeat's scheduler (the schedule in Redis, under a lock) made to survive Redis.

Every beat process takes the lock `<prefix>:lock` before it schedules anything, and extends it
on every tick; a second beat started by mistake waits on the lock and takes over only when the
first stops (it releases the lock) or dies (the lock expires after BEAT_LOCK_TIMEOUT). The time
each entry last ran is kept in Redis too, so a restarted or standby beat does not run an entry
again that the other ran a moment ago.

RedBeat's own tick lets a Redis error escape, which ends the beat process: an outage of a
few seconds (tests/faults/test_redis_restart.py) would stop all scheduling. Here a tick that
cannot reach Redis is retried a second later, and a beat that finds its lock gone (it expired
during a long outage, and another beat may hold it now) waits to win it again before it
schedules anything.
"""

from __future__ import annotations

import logging
import time

import redis
from redbeat import RedBeatScheduler
from redis.exceptions import LockError

log = logging.getLogger(__name__)

RETRY_SECONDS = 1.0


class LockedScheduler(RedBeatScheduler):
    def tick(self, *args, **kwargs) -> float:
        try:
            # RedBeat extends the lock first: LockNotOwnedError (a LockError) if it is not ours.
            return super().tick(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            log.warning("beat: Redis unreachable (%s); trying again in %s s.", error, RETRY_SECONDS)
            return RETRY_SECONDS
        except LockError as error:
            log.warning("beat: lost the beat lock (%s); waiting to win it again.", error)
            self._win_lock_again()
            return 0.0

    def _win_lock_again(self) -> None:
        lock = self.lock
        if lock is None:
            return
        while True:
            try:
                # Blocks while another beat holds it (RedBeat made it with sleep=max_interval).
                lock.acquire(token=None)
            except (redis.ConnectionError, redis.TimeoutError) as error:
                log.warning("beat: Redis unreachable while waiting for the lock (%s).", error)
                time.sleep(RETRY_SECONDS)
                continue
            log.info("beat: Acquired lock")
            return
