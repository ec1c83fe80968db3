"""Writes all_years.csv: one export holding three survey years, as a contractor's cumulative file does.

Deterministic (random.Random(2026)). Columns: 回答者ID, 調査年度 (2013/2018/2023), 地区 (1-3), 年齢 (a number,
blank = 無回答), 問1 (1-4, blank = 無回答), 問2_1..問2_3 (flags). The wave folders 2018/ and 2023/ read
it with `filter: {year: [...]}`; count.py tabulates it independently.
"""
import csv
from random import Random

rng = Random(2026)
rows = []
for index in range(1, 301):
    year = rng.choice([2013, 2018, 2018, 2023, 2023, 2023])
    age = rng.choice(["", ""] + [str(rng.randint(18, 95)) for _ in range(30)])
    q1 = rng.choice(["", "1", "2", "2", "3", "4"])
    flags = [rng.choice(["", "1"]) for _ in range(3)]
    rows.append([f"R{index:04d}", str(year), str(rng.randint(1, 3)), age, q1] + flags)
with open("all_years.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["回答者ID", "調査年度", "地区", "年齢", "問1", "問2_1", "問2_2", "問2_3"])
    writer.writerows(rows)
