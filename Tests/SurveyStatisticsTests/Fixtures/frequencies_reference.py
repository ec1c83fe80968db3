#!/usr/bin/env python3
"""Exact reference moments of samples given as frequency tables, for Moments(frequencies:).

Re-run from the repository root (Python >= 3.8, standard library only):
    python3 Tests/SurveyStatisticsTests/Fixtures/frequencies_reference.py

Each case is a list of distinct values with their counts (as a scale's scores and how many chose each).
The mean and sample standard deviation are computed exactly: fractions.Fraction for the mean and the
variance, the square root in 60-digit decimal arithmetic, each then rounded once to the nearest binary64
(printed with repr, which reads back as exactly that double). Values and counts are written space-separated.
"""
import random
from decimal import Decimal, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 60


def exact(values, counts):
    n = sum(counts)
    s1 = sum(Fraction(v) * c for v, c in zip(values, counts))
    mean = s1 / n
    ss = sum(c * (Fraction(v) - mean) ** 2 for v, c in zip(values, counts))
    variance = ss / (n - 1) if n >= 2 else None
    sd = None
    if variance is not None:
        root = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
        sd = float(root)
    return n, float(mean), sd


rng = random.Random(20261201)
cases = [
    ("scale5", [1, 2, 3, 4, 5], [132, 245, 301, 198, 87]),
    ("scale5_million", [1, 2, 3, 4, 5], [rng.randrange(150_000, 250_000) for _ in range(5)]),
    ("signed", [-2, -1, 0, 1, 2], [17, 0, 40, 33, 9]),
    ("reversed_order", [5, 4, 3, 2, 1], [3, 1, 4, 1, 5]),
    ("one_value", [4], [1]),
    ("two_values", [1, 4], [1, 1]),
    ("constant", [3], [1000]),
    ("extremes", [-32768, 32768], [999_999, 1]),
    ("near_limit", [0, 1, 32768], [2**30, 2**30 - 5, 3]),
    ("wide_counts", [1, 2, 3, 4], [2**29, 7, 2**28, 1]),
    ("halves", [0.5, 1.5, 2.5], [10, 20, 30]),
    ("tenths", [0.1, 0.2, 0.3], [1_000, 1_000, 1_001]),
    ("large_whole", [40000, 50000], [3, 4]),
]
for k in range(6):
    size = rng.randrange(2, 11)
    values = sorted(rng.sample(range(-10, 11), size))
    counts = [rng.choice([0, rng.randrange(1, 50), rng.randrange(1, 2_000_000)]) for _ in values]
    if sum(counts) == 0:
        counts[0] = 1
    cases.append((f"random{k}", values, counts))

lines = ["name,values,counts,n,mean,sd"]
for name, values, counts in cases:
    n, mean, sd = exact(values, counts)
    lines.append(",".join([name, " ".join(repr(float(v)) for v in values), " ".join(map(str, counts)), str(n),
                           repr(mean), "NA" if sd is None else repr(sd)]))
out = Path(__file__).with_name("frequencies.csv")
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out} ({len(cases)} cases)")
