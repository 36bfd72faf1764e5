"""Matching seekers and positions at a fair: one score, computed for every pair at once.

The score of a position for a seeker is out of 100, four parts:

- 行业 industry, 40: the position's GB/T 4754 industry is one the seeker wants (40); a seeker who
  named none takes any (20); otherwise 0.
- 薪资 pay, 30: the position's lowest pay reaches what the seeker asks (30); only its highest
  does, the ranges overlap (15); it pays less than asked (0).
- 地点 place, 20: the place of work is in the county (district) the seeker named (20), or in
  the same city (10); a seeker who named no place takes any (10); otherwise 0.
- 技能 skills, 10: the share of the skills the position asks for that the seeker has, in tenths
  (10 × held ÷ asked, rounded down); a position that asks none gives 10.

A match is listed from MIN_SCORE up; ties go to the earlier position (or seeker). `score()` is the
definition and the naive nested loop (`rank_naive`) applies it to every pair; `rank()` computes
the same lists with arrays, a block of seekers against all positions at a time (industries and
skills as 0/1 matrices multiplied, pay and place compared by broadcasting), and keeps the best k
of each row and of each column as it goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from gonghui.kernel.codes import INDUSTRIES

from .choices import SKILLS

MIN_SCORE = 40
TOP = 20
INDUSTRY_CODES = list(INDUSTRIES)
_IND = {code: i for i, code in enumerate(INDUSTRY_CODES)}
_SKILL = {name: i for i, name in enumerate(SKILLS)}


class Wants(Protocol):
    industries: Any
    pay_min: int
    division: str
    skills: Any


class Job(Protocol):
    industry: str
    pay_min: int
    pay_max: int
    division: str
    skills: Any


def score(seeker: Wants, job: Job) -> int:
    """The score of `job` for `seeker` (0–100), as the module's docstring defines it."""
    wanted = seeker.industries or ()
    total = (40 if job.industry in wanted else 0) if wanted else 20
    if job.pay_min >= seeker.pay_min:
        total += 30
    elif job.pay_max >= seeker.pay_min:
        total += 15
    if not seeker.division:
        total += 10
    elif job.division == seeker.division:
        total += 20
    elif job.division[:4] == seeker.division[:4]:
        total += 10
    asked = set(job.skills or ())
    if asked:
        total += 10 * len(asked & set(seeker.skills or ())) // len(asked)
    else:
        total += 10
    return total


@dataclass(frozen=True)
class Ranking:
    """For each seeker (by index) the best positions, and for each position the best seekers,
    as (index, score) pairs, best first."""

    for_seeker: list[list[tuple[int, int]]]
    for_job: list[list[tuple[int, int]]]


def rank_naive(seekers: Sequence[Wants], jobs: Sequence[Job], k: int = TOP) -> Ranking:
    """Every pair scored one at a time: the definition, and the measure `rank()` is held to."""
    for_seeker: list[list[tuple[int, int]]] = []
    by_job: list[list[tuple[int, int]]] = [[] for _ in jobs]
    for i, s in enumerate(seekers):
        row = []
        for j, job in enumerate(jobs):
            v = score(s, job)
            if v >= MIN_SCORE:
                row.append((j, v))
                by_job[j].append((i, v))
        row.sort(key=lambda p: (-p[1], p[0]))
        for_seeker.append(row[:k])
    for_job = [sorted(col, key=lambda p: (-p[1], p[0]))[:k] for col in by_job]
    return Ranking(for_seeker, for_job)


def _division(code: str) -> tuple[str, str]:
    return (code, code[:4]) if code and len(code) == 6 else ("", "")


def _onehot(lists: Sequence[Any], index: dict[str, int], width: int, weight: float = 1.0) -> np.ndarray:
    out = np.zeros((len(lists), width), dtype=np.float32)
    for r, values in enumerate(lists):
        for v in values or ():
            c = index.get(v)
            if c is not None:
                out[r, c] = weight
    return out


def _top(block: np.ndarray, k: int) -> list[list[tuple[int, int]]]:
    """For each row of a uint8 score block, the columns scoring at least MIN_SCORE, best k, by
    score and then column. The cut (the score of the k-th) is found from the top down, a level
    at a time, for the rows that still lack k; only the cells at or above it are looked at, and
    of those tied at the cut, the first columns."""
    r = block.shape[0]
    if r == 0:
        return []
    cut = np.maximum(block.max(axis=1), MIN_SCORE).astype(np.uint8)
    count = np.count_nonzero(block >= cut[:, None], axis=1)
    todo = np.flatnonzero((count < k) & (cut > MIN_SCORE))
    while len(todo):
        sub = block[todo]
        below = np.where(sub < cut[todo, None], sub, 0).max(axis=1)
        cut[todo] = np.maximum(below, MIN_SCORE)
        count[todo] = np.count_nonzero(sub >= cut[todo, None], axis=1)
        todo = todo[(count[todo] < k) & (cut[todo] > MIN_SCORE)]
    rr, cc = np.nonzero(block >= cut[:, None])  # row by row, columns in order
    ss = block[rr, cc]
    above = ss > cut[rr]
    tied = ~above
    need = k - np.bincount(rr[above], minlength=r)
    running = np.cumsum(tied)
    starts = np.searchsorted(rr, np.arange(r))
    before = (
        np.where(starts > 0, running[np.maximum(starts - 1, 0)], 0) if len(rr) else np.zeros(r, dtype=np.intp)
    )
    keep = above | ((running - before[rr]) <= need[rr])
    rr, cc, ss = rr[keep], cc[keep], ss[keep]
    order = np.lexsort((cc, 255 - ss, rr))
    counts = np.bincount(rr, minlength=r).tolist()
    cols, points = cc[order].tolist(), ss[order].tolist()
    out: list[list[tuple[int, int]]] = []
    pos = 0
    for n in counts:
        out.append(list(zip(cols[pos : pos + n], points[pos : pos + n], strict=True)))
        pos += n
    return out


_EPS = np.float32(1e-3)  # skill points are tenths ≥ 1/64 apart: a truncation after this is a floor


def scores(seekers: Sequence[Wants], jobs: Sequence[Job], block: int = 512) -> np.ndarray:
    """The score of every position for every seeker, as a seekers × positions uint8 matrix, from
    one matrix product of 0/1 features with weights:

    - a seeker's row holds 40 for each industry wanted, 10 for their county and 10 for its city,
      1 for each skill held, 1 for the pay they ask (one column per distinct amount asked), and
      a constant (20 for "any industry", 10 for "any place");
    - a position's column holds 1 for its industry, county and city, 10 ÷ (skills asked) for each
      skill it asks (10 as a constant when it asks none), and 15 + 15 by whether its top and its
      bottom pay reach each amount asked.

    Every part but the skills' is a whole number, so truncating the sum floors the skill part."""
    m, n = len(seekers), len(jobs)
    s_div = [_division(s.division) for s in seekers]
    j_div = [_division(j.division) for j in jobs]
    counties = {c: i for i, c in enumerate(sorted({c for c, _ in s_div if c}))}
    cities = {c: i for i, c in enumerate(sorted({c for _, c in s_div if c}))}
    wants = {w: i for i, w in enumerate(sorted({int(s.pay_min) for s in seekers}))}
    n_ind, n_sk = len(_IND), len(_SKILL)
    at_const = n_ind
    at_skill = at_const + 2
    at_county = at_skill + n_sk
    at_city = at_county + len(counties)
    at_pay = at_city + len(cities)
    width = at_pay + len(wants)

    s_feat = np.zeros((m, width), dtype=np.float32)
    s_feat[:, :n_ind] = _onehot([s.industries for s in seekers], _IND, n_ind, 40.0)
    s_feat[:, at_skill:at_county] = _onehot([s.skills for s in seekers], _SKILL, n_sk)
    s_feat[:, at_const + 1] = 1
    for r, s in enumerate(seekers):
        county, city = s_div[r]
        s_feat[r, at_const] = (0 if s.industries else 20) + (0 if county else 10)
        if county:
            s_feat[r, at_county + counties[county]] = 10
            s_feat[r, at_city + cities[city]] = 10
        s_feat[r, at_pay + wants[int(s.pay_min)]] = 1

    j_feat = np.zeros((width, n), dtype=np.float32)
    j_feat[at_const, :] = 1
    j_sk = _onehot([j.skills for j in jobs], _SKILL, n_sk)
    asked = j_sk.sum(axis=1)
    j_feat[at_skill:at_county, :] = (j_sk * (10.0 / np.maximum(asked, 1))[:, None]).T
    j_feat[at_const + 1, :] = np.where(asked == 0, 10, 0) + _EPS
    for c, j in enumerate(jobs):
        i = _IND.get(j.industry)
        if i is not None:
            j_feat[i, c] = 1
        county, city = j_div[c]
        if county in counties:
            j_feat[at_county + counties[county], c] = 1
        if city in cities:
            j_feat[at_city + cities[city], c] = 1
    amounts = np.array(list(wants), dtype=np.int64)[:, None]
    j_lo = np.fromiter((j.pay_min for j in jobs), dtype=np.int64, count=n)
    j_hi = np.fromiter((j.pay_max for j in jobs), dtype=np.int64, count=n)
    j_feat[at_pay:, :] = 15 * (j_hi >= amounts) + 15 * (j_lo >= amounts)

    out = np.empty((m, n), dtype=np.uint8)
    for lo in range(0, m, block):
        np.copyto(out[lo : lo + block], s_feat[lo : lo + block] @ j_feat, casting="unsafe")
    return out


def rank(seekers: Sequence[Wants], jobs: Sequence[Job], k: int = TOP, block: int = 512) -> Ranking:
    """The same lists as `rank_naive`, computed with arrays."""
    m, n = len(seekers), len(jobs)
    if not m or not n:
        return Ranking([[] for _ in seekers], [[] for _ in jobs])
    matrix = scores(seekers, jobs, block=block)
    for_seeker: list[list[tuple[int, int]]] = []
    for lo in range(0, m, block):
        for_seeker += _top(matrix[lo : lo + block], k)
    for_job: list[list[tuple[int, int]]] = []
    step = max(1, (block * n) // max(m, 1))
    for lo in range(0, n, step):
        for_job += _top(np.ascontiguousarray(matrix[:, lo : lo + step].T), k)
    return Ranking(for_seeker, for_job)
