"""The matching score and the array ranking: equal to the definition applied pair by pair."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from gonghui.jobfairs import match
from gonghui.jobfairs.choices import SKILLS
from gonghui.kernel.codes import INDUSTRIES


@dataclass
class S:
    industries: list[str] = field(default_factory=list)
    pay_min: int = 0
    division: str = ""
    skills: list[str] = field(default_factory=list)


@dataclass
class J:
    industry: str = "03"
    pay_min: int = 4000
    pay_max: int = 5000
    division: str = "440105"
    skills: list[str] = field(default_factory=list)


def test_a_perfect_match_scores_100():
    assert match.score(S(["03"], 4000, "440105", ["焊工证"]), J(skills=["焊工证"])) == 100


@pytest.mark.parametrize(
    ("seeker", "job", "expected"),
    [
        (S(["09"], 4000, "440105"), J(), 0 + 30 + 20 + 10),  # another industry
        (S([], 4000, "440105"), J(), 20 + 30 + 20 + 10),  # any industry
        (S(["03"], 4500, "440105"), J(), 40 + 15 + 20 + 10),  # only the top of the range reaches
        (S(["03"], 5500, "440105"), J(), 40 + 0 + 20 + 10),  # pays less than asked
        (S(["03"], 4000, "440106"), J(), 40 + 30 + 10 + 10),  # same city, another district
        (S(["03"], 4000, "440305"), J(), 40 + 30 + 0 + 10),  # another city
        (S(["03"], 4000, ""), J(), 40 + 30 + 10 + 10),  # any place
        (S(["03"], 4000, "440105", ["叉车证"]), J(skills=["叉车证", "电工证", "焊工证"]), 40 + 30 + 20 + 3),
    ],
)
def test_each_part_of_the_score(seeker, job, expected):
    assert match.score(seeker, job) == expected


def _random(rng: random.Random, m: int, n: int) -> tuple[list[S], list[J]]:
    codes = list(INDUSTRIES)[:8]
    places = ["440105", "440106", "440103", "440305", "442000", ""]
    seekers = [
        S(rng.sample(codes, rng.randint(0, 3)), rng.choice([0, 3000, 4000, 4500, 5000, 6000]), rng.choice(places),
          rng.sample(SKILLS, rng.randint(0, 4)))
        for _ in range(m)
    ]  # fmt: skip
    jobs = []
    for _ in range(n):
        low = rng.choice([3000, 3500, 4000, 4500, 5000])
        jobs.append(J(rng.choice(codes), low, low + rng.choice([0, 500, 1500]), rng.choice(places[:-1]),
                      rng.sample(SKILLS, rng.randint(0, 3))))  # fmt: skip
    return seekers, jobs


@pytest.mark.parametrize(
    ("seed", "m", "n", "k", "block"), [(1, 60, 150, 10, 16), (2, 7, 300, 20, 3), (3, 200, 9, 5, 64)]
)
def test_the_array_ranking_equals_the_nested_loop(seed, m, n, k, block):
    seekers, jobs = _random(random.Random(seed), m, n)
    fast = match.rank(seekers, jobs, k=k, block=block)
    slow = match.rank_naive(seekers, jobs, k=k)
    assert fast.for_seeker == slow.for_seeker
    assert fast.for_job == slow.for_job
    assert any(fast.for_seeker) and any(fast.for_job)


def test_nothing_to_match():
    assert match.rank([], [J()]).for_job == [[]]
    assert match.rank([S()], []).for_seeker == [[]]
