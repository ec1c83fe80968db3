#!/usr/bin/env python3
"""Checks that survey's tables and a peer's give the same numbers on the benchmark workload.

usage: bench/agree.py SURVEY_WAVE_DIR PEER_DIR

SURVEY_WAVE_DIR holds what `survey report --format csv` wrote for the wave (results.csv, tests.csv,
numbers.csv); PEER_DIR what a peer of bench/peers/ wrote (freq.csv, chisq.csv, ma.csv, ma_by_district.csv,
numeric.csv). Counts, bases, degrees of freedom and medians must be equal; chi-square statistics, means,
standard deviations and percentages agree to 1e-9 relative; p-values to 1e-6 relative (or both below
1e-300, where scipy and R underflow). The peers take the base of a multiple-answer percentage as those who
chose anything; survey's results.csv gives all respondents and the 無回答 row, from which that base follows.
Prints one line per file and exits 1 on any disagreement (or when freq.csv or chisq.csv is missing; a peer
may leave out the others).
"""
import csv
import os
import sys

NONRESPONSE = "無回答"


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def question_id(column):
    """The survey.yaml id of a peer's column name: 問12 -> q12."""
    return "q" + column[1:]


class Check:
    def __init__(self):
        self.compared = 0
        self.problems = []

    def equal(self, what, ours, theirs):
        self.compared += 1
        if ours != theirs:
            self.problems.append(f"{what}: survey {ours!r}, peer {theirs!r}")

    def close(self, what, ours, theirs, relative=1e-9, underflow=False):
        self.compared += 1
        x, y = float(ours), float(theirs)
        if underflow and x < 1e-300 and y < 1e-300:
            return
        if abs(x - y) > relative * max(abs(x), abs(y)):
            self.problems.append(f"{what}: survey {x!r}, peer {y!r} (relative {abs(x - y) / max(abs(x), abs(y)):.2e})")


def main(ours_dir, peer_dir):
    results = rows(os.path.join(ours_dir, "results.csv"))
    tests = rows(os.path.join(ours_dir, "tests.csv"))
    numbers = rows(os.path.join(ours_dir, "numbers.csv"))
    total = {}
    by_district = {}
    for row in results:
        key = row["choice"] if row["kind"] == "choice" else NONRESPONSE
        if row["break"] == "total":
            total[(row["question"], key)] = row
        elif row["break"] == "district":
            by_district[(row["question"], int(row["break_value"]), key)] = row
    failed = False
    for name, check_file in [("freq.csv", check_frequencies), ("chisq.csv", check_tests), ("ma.csv", check_multiple),
                             ("ma_by_district.csv", check_multiple_by_district), ("numeric.csv", check_numbers)]:
        path = os.path.join(peer_dir, name)
        if not os.path.exists(path):
            print(f"  {name:<20} not written by this peer")
            failed = failed or name in ("freq.csv", "chisq.csv")
            continue
        check = Check()
        check_file(rows(path), check, total=total, by_district=by_district, tests=tests, numbers=numbers)
        status = "agree" if not check.problems else f"{len(check.problems)} DISAGREE"
        print(f"  {name:<20} {check.compared:>6} values: {status}")
        for problem in check.problems[:5]:
            print(f"    {problem}")
        failed = failed or bool(check.problems) or check.compared == 0
    return 1 if failed else 0


def check_frequencies(peer, check, total, **_):
    for row in peer:
        q = question_id(row["question"])
        ours = total.get((q, row["code"]))
        if ours is None:
            check.equal(f"{q} {row['code']}", None, row["count"])
            continue
        check.equal(f"{q} {row['code']} count", int(ours["count"]), int(row["count"]))
        check.close(f"{q} {row['code']} percent", ours["percent"], row["pct"])


def check_tests(peer, check, tests, **_):
    ours = {row["question"]: row for row in tests if row["break"] == "district" and row["choice"] == ""}
    for row in peer:
        q = question_id(row["question"])
        mine = ours.get(q)
        if mine is None:
            check.equal(f"{q} chi-square", None, row["chisq"])
            continue
        check.equal(f"{q} n", int(mine["n"]), int(row["n"]))
        check.equal(f"{q} df", int(mine["df"]), int(float(row["df"])))
        check.close(f"{q} chi-square", mine["statistic"], row["chisq"])
        check.close(f"{q} p", mine["p_value"], row["p"], relative=1e-6, underflow=True)


def answered_base(rows_by_key, q, *key):
    any_row = next(row for k, row in rows_by_key.items() if k[0] == q and k[1:-1] == key)
    missing = rows_by_key.get((q, *key, NONRESPONSE))
    return int(any_row["base"]) - (int(missing["count"]) if missing else 0)


def check_multiple(peer, check, total, **_):
    for row in peer:
        q = question_id(row["set"])
        if row["choice"] == NONRESPONSE:
            check.equal(f"{q} 無回答", int(total[(q, NONRESPONSE)]["count"]), int(row["count"]))
            continue
        ours = total[(q, row["choice"])]
        base = answered_base(total, q)
        check.equal(f"{q} {row['choice']} count", int(ours["count"]), int(row["count"]))
        check.equal(f"{q} answered", base, int(row["base"]))
        check.close(f"{q} {row['choice']} percent of answered", 100.0 * int(ours["count"]) / base, row["pct"])


def check_multiple_by_district(peer, check, by_district, **_):
    for row in peer:
        q = question_id(row["set"])
        district = int(row["地区"])
        ours = by_district[(q, district, row["choice"])]
        check.equal(f"{q} 地区{district} {row['choice']} count", int(ours["count"]), int(row["count"]))
        check.equal(f"{q} 地区{district} answered", answered_base(by_district, q, district), int(row["base"]))


def check_numbers(peer, check, numbers, **_):
    ours = {row["question"]: row for row in numbers if row["break"] == "total"}
    for row in peer:
        q = question_id(row["question"])
        mine = ours[q]
        check.equal(f"{q} n", int(mine["n"]), int(row["n"]))
        check.close(f"{q} mean", mine["mean"], row["mean"])
        check.close(f"{q} sd", mine["sd"], row["sd"])
        check.equal(f"{q} median", float(mine["median"]), float(row["median"]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
