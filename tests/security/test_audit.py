"""`make audit`'s dependency verdict: a known vulnerability fails; no network only warns."""

from __future__ import annotations

from common.audit import verdict


def test_known_vulnerability_fails():
    report = {"dependencies": [
        {"name": "django", "version": "3.2.0", "vulns": [{"id": "PYSEC-2021-98", "fix_versions": ["3.2.4"]}]},
        {"name": "pillow", "version": "13.0.0", "vulns": []},
    ]}
    code, lines = verdict(report)
    assert code == 1
    assert lines == ["VULNERABLE: django 3.2.0: PYSEC-2021-98 (fixed in 3.2.4)"]


def test_clean_report_passes():
    code, lines = verdict({"dependencies": [{"name": "pillow", "version": "13.0.0", "vulns": []}]})
    assert code == 0
    assert lines[-1] == "pip-audit: no known vulnerabilities in 1 pinned dependencies."


def test_unreachable_service_warns_and_passes():
    skipped = {"dependencies": [{"name": "pillow", "skip_reason": "Dependency not found on PyPI"}]}
    assert verdict(skipped)[0] == 0
    assert "NOT audited" in verdict(skipped)[1][0]
    assert verdict(None) == (0, [verdict(None)[1][0]])
    assert "NOT audited" in verdict(None)[1][0]


def test_vulnerability_fails_even_when_other_packages_were_skipped():
    report = {"dependencies": [
        {"name": "a", "skip_reason": "not found"},
        {"name": "b", "version": "1", "vulns": [{"id": "GHSA-x", "fix_versions": []}]},
    ]}
    assert verdict(report)[0] == 1


def test_make_audit_runs_the_matrices_the_secrets_and_the_hostile_input_tests():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    recipe = makefile.split("\naudit:", 1)[1].split("\n\n", 1)[0]
    pytest_lines = [line for line in recipe.splitlines() if "pytest" in line]
    assert any("tests/security/test_access_matrix.py" in line for line in pytest_lines)
    assert any("tests/security/test_admin_matrix.py" in line for line in pytest_lines)
    assert any("tests/security/test_admin_secrets.py" in line for line in pytest_lines)
    recipe_text = recipe.replace("\\\n", " ")
    for path in ("tests/security/test_hostile_input.py", "common/tests/test_forms.py", "common/tests/test_text.py"):
        assert path in recipe_text
    # `make test` runs the audit's checks and then the whole suite, which holds these tests once.
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "$(MAKE) audit-checks" in test_recipe
