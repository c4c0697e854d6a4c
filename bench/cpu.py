"""A yardstick shared by the benchmarks."""

import time


def cpu_reference_s() -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine's CPU runs right now. On a
    shared virtual machine the same work can take 50 % longer from one hour to the next; this
    figure, printed beside the others, tells a slow machine from slower code."""
    started = time.perf_counter()
    total = 0
    for n in range(10_000_000):
        total += n
    return time.perf_counter() - started
