#!/usr/bin/env python3
"""Tabulates export.csv independently of survey (Python's csv module and the export's codebook as written in
make_export.py), into expected_counts.csv:

    question,value,count     # value: a choice's label, (無回答), (base); for age n, mean; for comment (answered)

Codebook: -9 refused, -8 don't know, NA, "Don't know", "No answer" are no answer (無回答); -1 and "Not applicable"
mean the question was not asked: the respondent is not in that question's base. Age 0 and 999 are no answer (and
age's -9 is a number, as the definition lists only 0, 999, NA for it). age_band (a derived axis, classes of age cut at 18, 40, 65) is tabulated
by the test with a derived: entry added to the definition. Flags: 1 chosen, 0 not; a respondent with
no flag chosen is 無回答; -1 in any flag is not asked.
"""
import csv

NO_ANSWER = {"-9", "-8", "NA", "Don't know", "No answer", ""}
NOT_ASKED = {"-1", "Not applicable"}
CHOICES = {
    "sex": {"1": "Male", "2": "Female"},
    "employed": {"1": "Employed", "2": "Not employed"},
    "hours": {"1": "Under 20", "2": "20 to 39", "3": "40 or more"},
    "trust": {"Very much": "Very much", "Somewhat": "Somewhat", "Not at all": "Not at all"},
}
COMMUTE = ["Car", "Bus", "Train", "Bicycle"]

rows = list(csv.DictReader(open("export.csv", encoding="utf-8", newline="")))
out = [("question", "value", "count")]
for question, labels in CHOICES.items():
    base = [row[question] for row in rows if row[question] not in NOT_ASKED]
    for value, label in labels.items():
        out.append((question, label, sum(1 for cell in base if cell == value)))
    out.append((question, "(無回答)", sum(1 for cell in base if cell in NO_ANSWER)))
    out.append((question, "(base)", len(base)))

flags = [[row[f"commute_{i}"] for i in range(1, 5)] for row in rows]
asked = [cells for cells in flags if not any(cell in NOT_ASKED for cell in cells)]
for index, label in enumerate(COMMUTE):
    out.append(("commute", label, sum(1 for cells in asked if cells[index] == "1")))
out.append(("commute", "(無回答)", sum(1 for cells in asked if "1" not in cells)))
out.append(("commute", "(base)", len(asked)))

ages = [int(row["age"]) for row in rows if row["age"] not in {"0", "999", "NA"}]
out.append(("age", "n", len(ages)))
out.append(("age", "mean", repr(sum(ages) / len(ages))))

# The derived axis age_band: classes of the ages counted cut at 18, 40 and 65 (below 18, 18 up to 40, 40 up to 65,
# 65 and up; the -9 keyed as an age falls below 18); an age not counted is 無回答.
LIMITS = [18, 40, 65]
LABELS = ["18歳未満", "18～39歳", "40～64歳", "65歳以上"]
def band(age):
    return sum(1 for limit in LIMITS if age >= limit)
for index, label in enumerate(LABELS):
    out.append(("age_band", label, sum(1 for age in ages if band(age) == index)))
out.append(("age_band", "(無回答)", len(rows) - len(ages)))

comments = [row["comment"] for row in rows if row["comment"] not in NOT_ASKED]
out.append(("comment", "(answered)", sum(1 for cell in comments if cell not in NO_ANSWER)))
out.append(("comment", "(base)", len(comments)))

with open("expected_counts.csv", "w", encoding="utf-8", newline="") as file:
    csv.writer(file, lineterminator="\n").writerows(out)
