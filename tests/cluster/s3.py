"""A real S3-compatible server on loopback for the tests: moto's server mode, in its own process.

`S3Server.start()` answers S3's HTTP API on 127.0.0.1 at a free port and makes a bucket;
`storage_url()` is the MEDIA_STORAGE_URL that points the settings at it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from tests.cluster.processes import free_port

ACCESS_KEY, SECRET_KEY, REGION = "testing-key", "testing-secret", "us-east-1"


class S3Server:
    def __init__(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = f"craftmatch-{uuid.uuid4().hex[:8]}"
        self.log_path = Path(tempfile.mkdtemp(prefix="cm-s3-")) / "moto.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        client = self.client()
        deadline = time.monotonic() + 60
        while True:
            try:
                client.create_bucket(Bucket=self.bucket)
                return
            except Exception:  # noqa: BLE001 (not listening yet)
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(
                        f"moto server did not start: {self.log_path.read_text()[-2000:]}"
                    ) from None
                time.sleep(0.2)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def storage_url(self, prefix: str = "site") -> str:
        return (
            f"s3://{ACCESS_KEY}:{SECRET_KEY}@{self.bucket}/{prefix}"
            f"?endpoint_url={self.endpoint}&region_name={REGION}"
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
