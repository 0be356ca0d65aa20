"""`make audit`'s dependency check: pip-audit on the pinned requirements, tolerant of no network.

A known vulnerability fails (exit 1). When the advisory service cannot be reached (no network,
a proxy that only serves packages), pip-audit audits nothing: that prints a warning and passes,
so an offline machine can still run `make test`; CI with PyPI access gets the real verdict.
Run: python -m common.audit [requirements files...]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_FILES = ["requirements.txt", "requirements-dev.txt"]


def verdict(report: dict | None) -> tuple[int, list[str]]:
    """The exit code and the lines to print, from pip-audit's JSON report (None: it crashed)."""
    if report is None:
        return 0, ["WARNING: pip-audit could not reach its advisory service; dependencies NOT audited."]
    dependencies = report.get("dependencies", [])
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            lines.append(f"VULNERABLE: {dep['name']} {dep.get('version', '')}: {vuln['id']} (fixed in {fixes})")
    if vulnerable:
        return 1, lines
    if not audited:
        return 0, ["WARNING: the advisory service answered for no dependency (offline?); NOT audited."]
    skipped = [dep["name"] for dep in dependencies if "skip_reason" in dep]
    if skipped:
        lines.append(f"WARNING: not audited: {', '.join(skipped)}")
    lines.append(f"pip-audit: no known vulnerabilities in {len(audited)} pinned dependencies.")
    return 0, lines


def main(files: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip", "--progress-spinner", "off",
                   "--format", "json", "--output", str(output), "--timeout", "20"]
        for name in files:
            command += ["-r", str(BASE_DIR / name)]
        try:
            subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True, timeout=300)
            report = json.loads(output.read_text()) if output.exists() and output.stat().st_size else None
        except (subprocess.TimeoutExpired, json.JSONDecodeError):
            report = None
    code, lines = verdict(report)
    for line in lines:
        print(line, file=sys.stderr if code or line.startswith("WARNING") else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT_FILES))
