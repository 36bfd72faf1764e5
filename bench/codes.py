"""Benchmark gonghui.kernel.codes against python-stdnum on realistic Guangdong data.

    .venv/bin/python bench/codes.py [--rows 200000] [--seed 1] [--no-record]

Prints the figures and appends them to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tree import record_results  # noqa: E402  (bench/tree.py)

from gonghui.kernel.codes import (  # noqa: E402 — needs the sys.path line above
    credit_code_check,
    credit_code_make,
    divisions_under,
    id_number_check,
    id_number_make,
)

RESULTS = ROOT / "bench" / "RESULTS.md"

# Rough shares of registrations; N (rural collectives) and Y (other) are the ones stdnum refuses.
CREDIT_PREFIXES = {
    "91": 78,
    "92": 8,
    "81": 5,
    "51": 2,
    "52": 2,
    "12": 2,
    "11": 1,
    "93": 1,
    "N2": 1,
    "Y1": 0.5,
}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def guangdong_areas() -> list[str]:
    # People from 东莞 and 中山 carry the city code itself: these cities have no county level.
    areas = []
    for city, _ in divisions_under("44"):
        areas += [code for code, _ in divisions_under(city)] or [city]
    return areas


def make_data(rows: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    areas = guangdong_areas()
    first, span = date(1960, 1, 1), (date(2005, 12, 31) - date(1960, 1, 1)).days
    ids = [
        id_number_make(rng.choice(areas), first + timedelta(days=rng.randint(0, span)), rng.randint(0, 999))
        for _ in range(rows)
    ]
    prefixes = rng.choices(list(CREDIT_PREFIXES), weights=list(CREDIT_PREFIXES.values()), k=rows)
    credits = [credit_code_make(p, rng.choice(areas), rng.randrange(10**8)) for p in prefixes]
    return ids, credits


def timed(check: Callable[[str], object], data: Iterable[str], repeat: int) -> tuple[float, int]:
    """Best µs per call over `repeat` passes, and how many values the check refused."""
    data = list(data)
    best, refused = float("inf"), 0
    for _ in range(repeat):
        refused = 0
        start = time.perf_counter()
        for value in data:
            try:
                check(value)
            except Exception:  # stdnum raises KeyError on some area codes, not only ValidationError
                refused += 1
        best = min(best, time.perf_counter() - start)
    return best / len(data) * 1e6, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="passes per check; the best one counts")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args()

    machine = (
        f"{platform.platform()}, {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"machine: {machine}")
    t0 = time.perf_counter()
    ids, credits = make_data(args.rows, args.seed)
    print(
        f"data: {args.rows:,} ID numbers + {args.rows:,} credit codes (seed {args.seed}), made in {time.perf_counter() - t0:.1f} s"
    )

    results = []
    reference: dict[str, Callable[[str], object]] = {}
    try:
        from stdnum.cn import ric, uscc

        reference = {"ID number": ric.validate, "credit code": uscc.validate}
    except ImportError:
        print("python-stdnum (a dev dependency) is not installed: timing ours only")
    for label, ours, data in (
        ("ID number", id_number_check, ids),
        ("credit code", credit_code_check, credits),
    ):
        theirs = reference.get(label)
        our_us, our_refused = timed(ours, data, args.repeat)
        assert our_refused == 0, f"we refused {our_refused} of our own {label}s"
        their_us, their_refused = timed(theirs, data, args.repeat) if theirs else (float("nan"), 0)
        refusal = their_refused / len(data) * 100
        results.append((label, our_us, their_us, refusal))
        print(
            f"{label:12} ours {our_us:6.2f} µs/call   stdnum {their_us:6.2f} µs/call   stdnum refuses {refusal:.2f} % of valid ones"
        )

    if args.no_record:
        return
    lines = [
        f"- machine: {machine}",
        f"- data: {args.rows:,} Guangdong ID numbers ({len(guangdong_areas())} area codes, born 1960–2005) and "
        f"{args.rows:,} credit codes (prefixes {', '.join(CREDIT_PREFIXES)}), seed {args.seed}; "
        f"best of {args.repeat} passes, loop overhead included\n",
        "| check | ours µs/call | stdnum µs/call | stdnum refuses (all are valid) |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {label} | {ours:.2f} | {theirs:.2f} | {refusal:.2f} % |"
            for label, ours, theirs, refusal in results
        ),
        "",
    ]
    record_results("codes.py", lines)
    print(f"appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
