"""common.statements: a queryset compiled once per process gives what the queryset gives, for any values."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from common.statements import Statement
from programs.models import Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _joined(user_id):
    return Program.objects.filter(memberships__user_id=user_id).order_by("starts_on", "pk")


@pytest.fixture
def members():
    users = [User.objects.create_user(email=f"m{n}@example.com", password="x" * 12) for n in range(3)]
    programs = [ProgramFactory() for _ in range(4)]
    for n, user in enumerate(users):
        for program in programs[: n + 1]:
            ProgramBuyer.objects.create(program=program, user=user)
    return users


def test_rows_and_models_are_the_querysets_for_every_value(members):
    built = []

    def build(user_id):
        built.append(user_id)
        return _joined(user_id)

    statement = Statement(build, "user_id")
    for user in members:
        assert statement.models(Program, user_id=user.pk) == list(_joined(user.pk))
        columns = [f.attname for f in Program._meta.concrete_fields]
        assert statement.rows(user_id=user.pk) == list(_joined(user.pk).values_list(*columns))
    assert len(built) == 1  # compiled once, with the marker
    # None is a parameter like any other: SQL's NULL, equal to nothing (not the ORM's IS NULL).
    assert statement.rows(user_id=None) == []


def test_a_run_is_one_query_and_compiles_nothing_again(members):
    statement = Statement(lambda user_id: _joined(user_id).values_list("pk", flat=True), "user_id")
    statement.rows(user_id=members[0].pk)
    expected = list(_joined(members[2].pk).values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert [r[0] for r in statement.rows(user_id=members[2].pk)] == expected
    assert len(queries) == 1


def test_several_querysets_joined_by_the_wrap(members):
    statement = Statement(
        lambda a, b: [_joined(a).values_list("pk"), _joined(b).values_list("pk")], "a", "b", wrap="{0} UNION ALL {1}"
    )
    rows = statement.rows(a=members[0].pk, b=members[1].pk)
    assert sorted(r[0] for r in rows) == sorted(
        [*_joined(members[0].pk).values_list("pk", flat=True), *_joined(members[1].pk).values_list("pk", flat=True)]
    )


def test_arguments_are_checked():
    statement = Statement(lambda user_id: _joined(user_id), "user_id")
    with pytest.raises(TypeError):
        statement.rows()
    with pytest.raises(TypeError):
        statement.rows(user_id=1, other=2)
    # An argument the querysets never use is a mistake, not a silent constant.
    unused = Statement(lambda user_id: Program.objects.all(), "user_id")
    with pytest.raises(ValueError, match="user_id"):
        unused.rows(user_id=1)


# --- Prepared on the server --------------------------------------------------------------------------
def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_a_statement_is_prepared_once_per_connection_and_each_run_is_one_logged_execute(members):
    statement = Statement(lambda user_id: _joined(user_id).values_list("pk", flat=True), "user_id", label="test_joined")
    with CaptureQueriesContext(connection) as first:
        statement.rows(user_id=members[0].pk)
    with CaptureQueriesContext(connection) as second:
        rows = statement.rows(user_id=members[2].pk)
    assert [r[0] for r in rows] == list(_joined(members[2].pk).values_list("pk", flat=True))
    # The PREPARE is not a query of the page: both runs log one EXECUTE of the named statement.
    assert len(first) == len(second) == 1
    assert second[0]["sql"].startswith("EXECUTE test_joined_")
    assert any(name.startswith("test_joined_") for name in _prepared_names())


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again(members):
    statement = Statement(lambda user_id: _joined(user_id).values_list("pk", flat=True), "user_id", label="test_again")
    expected = [r[0] for r in statement.rows(user_id=members[1].pk)]
    connection.close()
    assert not any(name.startswith("test_again_") for name in _prepared_names())  # a new session
    assert [r[0] for r in statement.rows(user_id=members[1].pk)] == expected


def test_what_postgresql_cannot_prepare_runs_as_it_is_and_leaves_the_transaction_usable():
    from common import statements

    with connection.cursor() as cursor:
        # PREPARE takes only SELECT, INSERT, UPDATE, DELETE, MERGE and VALUES.
        statements.execute(cursor, "SHOW server_encoding", [])
        assert cursor.fetchall() == [("UTF8",)]
        statements.execute(cursor, "SHOW server_encoding", [])
        assert cursor.fetchall() == [("UTF8",)]
    assert "SHOW server_encoding" in statements._unpreparable
    assert Program.objects.count() == 0  # the test's transaction still works


def test_off_runs_the_text_itself(settings, members):
    settings.DATABASE_PREPARED_STATEMENTS = False
    statement = Statement(lambda user_id: _joined(user_id).values_list("pk", flat=True), "user_id", label="test_off")
    with CaptureQueriesContext(connection) as queries:
        statement.rows(user_id=members[0].pk)
    assert "programs_program" in queries[0]["sql"] and "EXECUTE" not in queries[0]["sql"]


def test_named_parameters_take_one_number_each_however_often_they_appear():
    from common import statements

    sql = "SELECT %(a)s::int + %(b)s::int + %(a)s::int, '100%%'"
    for a, b in [(1, 2), (10, 5)]:
        with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
            statements.execute(cursor, sql, {"a": a, "b": b}, label="test_named")
            assert cursor.fetchall() == [(2 * a + b, "100%")]
        assert queries[0]["sql"].startswith("EXECUTE test_named_")
    assert statements._prepared_form(sql, "test_named")[2] == ("a", "b")
