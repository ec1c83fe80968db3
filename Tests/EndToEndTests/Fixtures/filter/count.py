"""Counts all_years.csv by hand, independently of `survey`: per wave (調査年度) and for the subset the tests
ask for with --where (年齢 65 or more, 地区 1 or 2), the respondents and each choice of 問1 and 問2; per wave also
the classes of 年齢 made by `derived: {from: age, bins: [40, 65, 75]}` (age_band) and 問1 within each class.

Writes expected_counts.csv: subset,question,code,count (code empty for the respondents).
"""
import csv

with open("all_years.csv", encoding="utf-8", newline="") as source:
    rows = list(csv.DictReader(source))

def age(row):
    text = row["年齢"].strip()
    return None if text == "" else float(text)

subsets = {
    "2018": lambda r: r["調査年度"] == "2018",
    "2023": lambda r: r["調査年度"] == "2023",
    "2023 年齢>=65 地区=1,2": lambda r: r["調査年度"] == "2023" and age(r) is not None and age(r) >= 65 and r["地区"] in ("1", "2"),
}
with open("expected_counts.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["subset", "question", "code", "count"])
    for name, keep in subsets.items():
        kept = [r for r in rows if keep(r)]
        writer.writerow([name, "", "", len(kept)])
        for code in "1234":
            writer.writerow([name, "q1", code, sum(r["問1"] == code for r in kept)])
        for code in "123":
            writer.writerow([name, "q2", code, sum(r[f"問2_{code}"] == "1" for r in kept)])
        if " " in name:
            continue
        for band, (low, high) in enumerate([(-1e9, 40), (40, 65), (65, 75), (75, 1e9)], start=1):
            in_band = [r for r in kept if age(r) is not None and low <= age(r) < high]
            writer.writerow([name, "age_band", band, len(in_band)])
            for code in "1234":
                writer.writerow([name, f"q1|age_band={band}", code, sum(r["問1"] == code for r in in_band)])
