"""What bounds an online run when the services do not answer: a circuit breaker per service and a deadline.

A service (arXiv, doi.org, Crossref, GitHub) that fails `BREAKER_THRESHOLD` requests in a row (a timeout, a
refused or cut connection, HTTP 5xx or 429, an unreadable answer) is not asked again in that run: the rest of
its identifiers are reported `unreachable` (or `rate-limited`) at once. Once the run's deadline has passed,
nothing more is asked. Each request's timeout is cut to the time left before the deadline, and a wait
before a retry that would pass it is not made. So a run where every service hangs ends after about
services x threshold x timeout, plus the waits between attempts (docs/verification.md gives the figures).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

BREAKER_THRESHOLD = 3
DEFAULT_TIMEOUT = 10.0
DEFAULT_DEADLINE = 300.0


@dataclass
class Guard:
    deadline: float = DEFAULT_DEADLINE
    """Seconds from the guard's creation after which no request is made."""
    threshold: int = BREAKER_THRESHOLD
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)
    failures: dict[str, int] = field(default_factory=dict)
    """Service → failed requests in a row."""
    last_failure: dict[str, str] = field(default_factory=dict)
    """Service → the status its last failure gave ("unreachable" or "rate-limited")."""

    def __post_init__(self) -> None:
        self.started = self.clock()

    def left(self) -> float:
        return self.deadline - (self.clock() - self.started)

    def refusal(self, service: str) -> tuple[str, str] | None:
        """(status, why) when `service` must not be asked now; None when it may."""
        if self.failures.get(service, 0) >= self.threshold:
            return (self.last_failure.get(service, "unreachable"),
                    f"not asked: {service} failed {self.threshold} requests in a row in this run")
        if self.left() <= 0:
            return "unreachable", f"not asked: the run's deadline ({self.deadline:g} s) had passed"
        return None

    def timeout(self, wanted: float) -> float:
        """A request's timeout: `wanted`, or the time left before the deadline if that is shorter."""
        return max(0.001, min(wanted, self.left()))

    def may_wait(self, seconds: float) -> bool:
        return seconds < self.left()

    def failed(self, service: str, status: str) -> None:
        self.failures[service] = self.failures.get(service, 0) + 1
        self.last_failure[service] = status

    def answered(self, service: str) -> None:
        self.failures[service] = 0
