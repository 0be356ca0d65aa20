"""Settings read the environment strictly, and every Celery task has time limits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("value", ["flase", "2", "enabled", "tru"])
def test_a_misspelt_boolean_is_an_error_naming_the_variable_and_the_accepted_values(monkeypatch, value):
    monkeypatch.setenv("DEBUG", value)
    with pytest.raises(ImproperlyConfigured) as error:
        env_bool("DEBUG", True)
    message = str(error.value)
    assert "DEBUG" in message and repr(value) in message
    for accepted in ("0", "1", "false", "true", "no", "yes", "off", "on"):
        assert accepted in message


@pytest.mark.parametrize(("value", "expected"), [("0", False), ("off", False), ("No", False), ("1", True), (" TRUE ", True), ("", True)])
def test_booleans_read_their_accepted_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("DEBUG", value)
    assert env_bool("DEBUG", True) is expected


def test_an_unset_variable_is_its_default(monkeypatch):
    monkeypatch.delenv("EMAIL_MAX_ATTEMPTS", raising=False)
    assert env_int("EMAIL_MAX_ATTEMPTS", 8) == 8
    assert env_float("EMAIL_MAX_ATTEMPTS", 0.5) == 0.5


@pytest.mark.parametrize("value", ["eight", "8.5", "8s"])
def test_a_whole_number_that_is_not_one_is_an_error(monkeypatch, value):
    monkeypatch.setenv("EMAIL_MAX_ATTEMPTS", value)
    with pytest.raises(ImproperlyConfigured, match=r"EMAIL_MAX_ATTEMPTS=.*is not a whole number"):
        env_int("EMAIL_MAX_ATTEMPTS", 8)


@pytest.mark.parametrize("value", ["ten", "10s", "nan", "inf"])
def test_a_number_that_is_not_one_is_an_error(monkeypatch, value):
    monkeypatch.setenv("HEARTBEAT_INTERVAL", value)
    with pytest.raises(ImproperlyConfigured, match=r"HEARTBEAT_INTERVAL="):
        env_float("HEARTBEAT_INTERVAL", 60)


def test_numbers_are_read(monkeypatch):
    monkeypatch.setenv("EMAIL_MAX_ATTEMPTS", " 12 ")
    monkeypatch.setenv("HEARTBEAT_INTERVAL", "2.5")
    assert env_int("EMAIL_MAX_ATTEMPTS", 8) == 12
    assert env_float("HEARTBEAT_INTERVAL", 60) == 2.5


@pytest.mark.parametrize(("name", "value", "says"), [
    ("DEBUG", "flase", "DEBUG='flase' is not a boolean"),
    ("EMAIL_MAX_ATTEMPTS", "eight", "EMAIL_MAX_ATTEMPTS='eight' is not a whole number"),
    ("HEARTBEAT_INTERVAL", "1m", "HEARTBEAT_INTERVAL='1m' is not a number"),
])
def test_the_settings_refuse_to_load_with_a_bad_value(name, value, says):
    environment = {key: val for key, val in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment[name] = value
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert says in result.stderr


def test_every_registered_task_has_a_soft_and_a_hard_time_limit_under_the_visibility_timeout():
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()
    tasks = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert len(tasks) > 15
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for name, task in tasks.items():
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        hard = task.time_limit or app.conf.task_time_limit
        assert soft and hard, f"{name} has no time limit"
        assert soft < hard < visibility, f"{name}: soft {soft}, hard {hard}, visibility {visibility}"


def test_long_tasks_have_longer_limits_than_the_default():
    from config.celery import app

    app.loader.import_default_modules()
    for name in ("programs.make_catalog_pdf", "matchmaking.run_schedule"):
        assert app.tasks[name].soft_time_limit > app.conf.task_soft_time_limit
        assert app.tasks[name].time_limit > app.conf.task_time_limit
