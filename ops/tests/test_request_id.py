from __future__ import annotations

import json
import logging

import pytest

from ops.context import clean_request_id, request_id
from ops.logging import JsonFormatter, RequestIdFilter
from ops.signals import _add_request_id, _clear_request_id, _restore_request_id

pytestmark = pytest.mark.django_db


def test_each_response_carries_a_new_request_id(anonymous):
    first = anonymous.get("/health/")["X-Request-ID"]
    second = anonymous.get("/health/")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_sane_incoming_request_id_is_kept_and_an_odd_one_replaced(anonymous):
    assert anonymous.get("/health/", HTTP_X_REQUEST_ID="edge-7f3a9c21")["X-Request-ID"] == "edge-7f3a9c21"
    replaced = anonymous.get("/health/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")["X-Request-ID"]
    assert "<" not in replaced and len(replaced) == 32
    assert clean_request_id("x" * 65) != "x" * 65


def _record(message: str = "Booked %s") -> logging.LogRecord:
    record = logging.LogRecord("meetings", logging.INFO, __file__, 1, message, ("meeting 7",), None)
    RequestIdFilter().filter(record)
    return record


def test_log_lines_carry_the_request_id_in_plain_and_json():
    token = request_id.set("req-12345678")
    try:
        record = _record()
    finally:
        request_id.reset(token)
    plain = logging.Formatter("%(levelname)s [%(request_id)s] %(name)s %(message)s").format(record)
    assert plain == "INFO [req-12345678] meetings Booked meeting 7"
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-12345678"
    assert line["message"] == "Booked meeting 7"
    assert line["level"] == "INFO"
    assert line["logger"] == "meetings"


def test_json_log_line_keeps_extra_fields_and_the_exception():
    try:
        raise ValueError("relay said no")
    except ValueError:
        import sys

        record = logging.LogRecord("notifications", logging.ERROR, __file__, 1, "Send failed", (), sys.exc_info())
    record.email_id = 42
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["email_id"] == 42
    assert line["request_id"] is None
    assert "ValueError: relay said no" in line["exception"]


def test_a_task_published_during_a_request_runs_with_that_request_id():
    class FakeTask:
        def __init__(self, headers):
            self.request = headers

    headers: dict = {}
    token = request_id.set("req-abcdef12")
    try:
        _add_request_id(headers=headers)
    finally:
        request_id.reset(token)
    assert headers == {"request_id": "req-abcdef12"}

    # In the worker: restored for the task's duration, cleared after.
    _restore_request_id(task_id="t1", task=FakeTask(headers))
    assert request_id.get() == "req-abcdef12"
    _clear_request_id(task_id="t1")
    assert request_id.get() == ""


def test_a_task_published_outside_a_request_gets_no_request_id():
    headers: dict = {}
    _add_request_id(headers=headers)
    assert headers == {}
