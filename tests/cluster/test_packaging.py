"""The Dockerfile, compose.yaml and the systemd units run the Procfile's commands, and pass lint.

Images cannot be built here: the Dockerfile is linted by hadolint (the binary from PyPI), compose
is read as YAML and checked for what a deployment needs.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from tests.cluster.processes import BASE_DIR, procfile

VENV_BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((BASE_DIR / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (BASE_DIR / "Dockerfile").read_text()
HEALTHCHECK = ["python", "-m", "ops.healthcheck"]


def test_the_procfile_names_the_four_process_types():
    commands = procfile()
    assert set(commands) == {"release", "web", "worker", "beat"}
    assert commands["web"] == ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]


def test_hadolint_passes_the_dockerfile():
    result = subprocess.run(
        [str(VENV_BIN / "hadolint"), "--no-color", "Dockerfile"], cwd=BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_multi_stage_non_root_with_a_health_check_and_runs_the_web_command():
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", DOCKERFILE, re.MULTILINE | re.IGNORECASE)
    assert len(stages) >= 2 and stages[0][1] == "build"
    assert "COPY --from=build" in DOCKERFILE
    [user] = re.findall(r"^USER\s+(\S+)", DOCKERFILE, re.MULTILINE)
    assert user.split(":")[0] not in {"0", "root"}
    health = re.search(r"^HEALTHCHECK (?:[^\n]*\\\n)*\s*CMD (\[[^\n]*\])$", DOCKERFILE, re.MULTILINE)
    assert health and yaml.safe_load(health.group(1)) == HEALTHCHECK
    [cmd] = re.findall(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE)
    assert yaml.safe_load(cmd) == procfile()["web"]


def test_compose_runs_two_webs_two_workers_one_beat_and_the_services_they_need():
    assert {"web", "worker", "beat", "migrate", "postgres", "redis", "store"} <= set(SERVICES)
    assert SERVICES["web"]["deploy"]["replicas"] == 2
    assert SERVICES["worker"]["deploy"]["replicas"] == 2
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    commands = procfile()
    for service, process in {"web": "web", "worker": "worker", "beat": "beat", "migrate": "release"}.items():
        assert SERVICES[service]["command"] == commands[process], service
    assert SERVICES["web"]["healthcheck"]["test"] == ["CMD", *HEALTHCHECK]
    for service in ("worker", "postgres", "redis", "store"):
        assert SERVICES[service]["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}, service
    # The processes wait for healthy servers and for the migrations.
    assert SERVICES["web"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert SERVICES["worker"]["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_compose_refuses_to_start_without_its_secrets_and_sets_production_mode():
    environment = SERVICES["web"]["environment"]
    assert environment["DEBUG"] == "0"
    for name in ("SECRET_KEY", "ENCRYPTION_KEYS", "ALLOWED_HOSTS"):
        assert ":?" in environment[name], name
    assert environment["MEDIA_STORAGE_URL"].startswith("s3://")
    assert environment["REDIS_URL"].startswith("redis://redis:")


def _exec_start(unit: str) -> list[str]:
    text = (BASE_DIR / "deploy" / "systemd" / unit).read_text()
    [line] = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    program, *args = shlex.split(line.removeprefix("ExecStart="))
    return [Path(program).name, *args]


def test_the_systemd_units_run_the_procfile_commands():
    commands = procfile()
    assert _exec_start("craftmatch-web.service") == commands["web"]
    assert _exec_start("craftmatch-beat.service") == commands["beat"]
    assert _exec_start("craftmatch-release.service") == commands["release"]
    worker = _exec_start("craftmatch-worker@.service")
    # Two on one machine need their own node names; nothing else differs.
    assert worker[: len(commands["worker"])] == commands["worker"]
    assert worker[len(commands["worker"]) :] == ["--hostname", "worker%i@%%h"]
