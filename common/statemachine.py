"""A state machine as one table: which action moves which state, for whom, under which guards.

A page asks `Machine.allowed()` what to offer and a service asks `Machine.check()` before it
writes; both read the same rows, so what a page offers is exactly what the service accepts.
Checks of an action's arguments (a reason, a chosen time) stay in the service: the table
answers only "may this person do this to this object now".

Roles are strings the caller computes for a person and an object (for a meeting: artisan,
buyer, party, proposer, answerer, system); a row lists the roles that may take it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class TransitionRefused(Exception):
    """The table does not allow this action now; the message is shown to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Guard:
    """A condition on the object and the time, with what to say when it does not hold."""

    name: str
    test: Callable[[Any, datetime], bool]
    message: Any  # a lazy translation

    def holds(self, obj: Any, now: datetime) -> bool:
        return self.test(obj, now)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    # Said to a person who may see the object but not take this row (e.g. the buyer accepting).
    role_message: Any
    guards: tuple[Guard, ...] = ()


def transition(
    action: str, sources: Iterable[str], target: str, *, roles: Iterable[str], role_message: Any,
    guards: Iterable[Guard] = (),
) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), role_message, tuple(guards))


@dataclass
class Machine:
    """The rows of one state machine, and how to describe an impossible action."""

    transitions: list[Transition]
    # (action, current state's label) -> message, when no row starts from the current state.
    impossible: Callable[[str, Any], str]
    state_of: Callable[[Any], str] = field(default=lambda obj: obj.status)

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for row in self.transitions:
            for source in row.sources:
                # Two rows for one (action, state) would make the answer depend on their order.
                if (row.action, source) in seen:
                    raise ValueError(f"two rows for {row.action} from {source}")
                seen.add((row.action, source))

    @property
    def actions(self) -> list[str]:
        return list(dict.fromkeys(row.action for row in self.transitions))

    def row(self, obj: Any, action: str) -> Transition | None:
        state = self.state_of(obj)
        return next((r for r in self.transitions if r.action == action and state in r.sources), None)

    def refusal(self, obj: Any, action: str, roles: frozenset[str], now: datetime) -> str | None:
        """Why this action is not possible now, or None when the table allows it."""
        row = self.row(obj, action)
        if row is None:
            return self.impossible(action, obj)
        if not roles & row.roles:
            return str(row.role_message)
        for guard in row.guards:
            if not guard.holds(obj, now):
                return str(guard.message)
        return None

    def check(self, obj: Any, action: str, *, roles: frozenset[str], now: datetime) -> Transition:
        """The row to take, or TransitionRefused with the reason."""
        reason = self.refusal(obj, action, roles, now)
        if reason is not None:
            raise TransitionRefused(reason)
        row = self.row(obj, action)
        assert row is not None
        return row

    def allowed(self, obj: Any, *, roles: frozenset[str], now: datetime) -> set[str]:
        return {action for action in self.actions if self.refusal(obj, action, roles, now) is None}
