#!/usr/bin/env python3
"""Writes export.csv, a survey export made like the public-use files of UK and US surveys: one row per respondent,
codes with negative missing values (-9 refused, -8 don't know, -1 not applicable: the question was not asked),
R's NA for an empty answer, "Not applicable" and "Don't know" as text in a label column, a number column (age) with
0 and 999 keyed for 無回答, 0/1 flag columns set to -1 for those not asked, and a free-text column.

Run from this folder: python3 make_export.py (deterministic: the same bytes every time).
"""
import csv
import random

rng = random.Random(20261203)
rows = []
for rid in range(1, 401):
    sex = rng.choice(["1", "2", "1", "2", "-9", "NA"])
    age = str(rng.randint(18, 90)) if rng.random() > 0.08 else rng.choice(["0", "999", "NA"])
    employed = rng.choice(["1", "2", "2", "-8", "-9"])
    # Asked only of the employed: the others are keyed -1 (not applicable); some employed refuse (-9).
    if employed == "1":
        hours = rng.choice(["1", "2", "3", "3", "-9"])
        commute = ["1" if rng.random() < 0.4 else "0" for _ in range(4)]
        if rng.random() < 0.05:
            commute = ["-9"] * 4
    else:
        hours = "-1"
        commute = ["-1"] * 4
    trust = rng.choice(["Very much", "Somewhat", "Not at all", "Don't know", "Not applicable", ""]) \
        if rng.random() < 0.95 else "NA"
    comment = rng.choice(["", "", "NA", "Not applicable", "地域の行事が楽しみです", "No answer"])
    rows.append([str(rid), sex, age, employed, hours] + commute + [trust, comment])

with open("export.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["pid", "sex", "age", "employed", "hours", "commute_1", "commute_2", "commute_3", "commute_4",
                     "trust", "comment"])
    writer.writerows(rows)
