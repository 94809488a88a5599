"""Timing an operation beside its floor on a shared machine: runs in turns, a median of each.

This machine's speed drifts by a third within minutes (other work shares it). Timing the
operation's runs in one block and the floor's in another could time two different machines,
and their ratio then says more about the minute than about the code: one `make bench` gave the
brief 4.2x its floor, where the goal is 3x, because the floor's block ran in a fast minute.
Runs taken in turns (operation, floor, operation, floor, ...) see the same minutes.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timed:
    """Median wall-clock and CPU seconds of one action's runs."""

    wall: float
    cpu: float


def in_turns(
    actions: list[Callable[[], object]], repeat: int, *, warm_up: bool = True
) -> list[Timed]:
    """Run each action `repeat` times, one run of each in turn, after one warm-up run of each
    (font registration, caches); the medians, in the order of `actions`."""
    if warm_up:
        for action in actions:
            action()
    walls: list[list[float]] = [[] for _ in actions]
    cpus: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for index, action in enumerate(actions):
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            walls[index].append(time.perf_counter() - started)
            cpus[index].append(time.process_time() - started_cpu)
    return [
        Timed(statistics.median(wall), statistics.median(cpu))
        for wall, cpu in zip(walls, cpus, strict=True)
    ]
