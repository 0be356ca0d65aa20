from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cluster.s3 import S3Server


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """One moto S3 server for the session; each user of it takes its own prefix."""
    server = S3Server()
    server.start()
    yield server
    server.stop()
