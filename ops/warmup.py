"""What a new web process does before its first request, so no visitor waits for it."""

from __future__ import annotations

import gc
import logging
import os
import time

from django.db import DatabaseError, connection

from catalog import index

log = logging.getLogger(__name__)


def warm_up() -> int | None:
    """Build the catalog index of this process; the number of products in it, None if it failed.

    gunicorn calls it in each worker after the application is loaded (config/gunicorn.py,
    post_worker_init), before the worker accepts a connection: without it the first catalog
    page of every worker waits for the build (about a second at 100,000 products). A database
    that is not there yet is not fatal: the first catalog page builds the index then.
    """
    started = time.monotonic()
    try:
        snapshot = index.current()
    except DatabaseError as error:
        log.warning("Warm-up: catalog index not built (%s); the first catalog page builds it.", error)
        return None
    finally:
        # The worker's requests open their own; no connection is carried across.
        connection.close()
    products = len(snapshot.products)
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    log.info(
        "Warm-up: catalog index of %s products and %s artisans built in %s ms.",
        products,
        len(snapshot.artisans),
        elapsed_ms,
        extra={
            "pid": os.getpid(),
            "products": products,
            "artisans": len(snapshot.artisans),
            "duration_ms": elapsed_ms,
        },
    )
    return products


def freeze_startup_objects() -> int:
    """Move what the worker holds after its start (modules, templates, the catalog index: some
    200,000 objects) out of the garbage collector's reach; the number frozen.

    They live as long as the worker, so collecting never frees them; without this every full
    collection walks them all (a pause of about 100 ms seen in bench/catalog.py's profile, one
    request in 200). Objects made later are collected as usual, and a frozen object no longer
    referenced (an index snapshot replaced) is still freed by its reference count.
    """
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info(
        "Warm-up: %s objects of the start frozen out of the garbage collector.",
        frozen,
        extra={"pid": os.getpid(), "frozen": frozen},
    )
    return frozen
