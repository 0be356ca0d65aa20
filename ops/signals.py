"""Carry the request id from the request that queued a task into the task's logs."""

from __future__ import annotations

from celery.signals import before_task_publish, task_postrun, task_prerun, worker_ready

from ops.context import request_id

_tokens: dict[str, object] = {}


@before_task_publish.connect
def _add_request_id(headers: dict | None = None, **kwargs) -> None:
    rid = request_id.get()
    if rid and headers is not None:
        headers.setdefault("request_id", rid)


@task_prerun.connect
def _restore_request_id(task_id: str | None = None, task=None, **kwargs) -> None:
    rid = ""
    if task is not None:
        rid = task.request.get("request_id") or (task.request.get("headers") or {}).get("request_id") or ""
    _tokens[task_id or ""] = request_id.set(rid)


@task_postrun.connect
def _clear_request_id(task_id: str | None = None, **kwargs) -> None:
    token = _tokens.pop(task_id or "", None)
    if token is not None:
        request_id.reset(token)


@worker_ready.connect
def _first_heartbeat(**kwargs) -> None:
    from ops.health import heartbeat_write

    heartbeat_write()
