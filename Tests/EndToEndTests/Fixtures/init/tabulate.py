#!/usr/bin/env python3
"""Tabulates the exports of make_exports.py independently of survey (Python's csv and openpyxl, and the design of
each export as written in make_exports.py, not survey's guesses), into expected_counts.csv:

    file,column,value,count      # value: a label or code; (無回答) for no answer; n and mean for numbers

Coded columns count 9 as 無回答 (as the code sheet's design says); flag columns count 1 as chosen (a その他（具体的に）
column any text) and a row with no choice of its group as 無回答; joined answers are split on the form's separator, knowing the form's labels (one
of which contains ", "). SurveyMonkey's two header rows name each column as the README says: the question's text (row 1,
carried over the blank cells of its group), then " / " and the row-2 cell unless that is blank, "Response" or
"Open-Ended Response"; a choice column counts its label as chosen, the group's "Other (please specify)" column (the
respondent's own words) counts any text as its choice chosen, and a row with no choice of its group, Other included,
as 無回答; a single question's own "Other (please specify)" column and "Open-Ended Response" columns are free text.
"""
import csv
import io
from collections import Counter

import openpyxl

TROUBLES = ["高齢化", "買い物, 通院が不便", "担い手不足", "交流の減少", "その他"]

DESIGN = {
    "google_forms.csv": {
        "1. お住まいの地区を教えてください。": "single", "2. あなたの年代を教えてください。": "single",
        "3. 地域の支え合いは必要だと思いますか。": "single",
        "4. 地域で困っていることは何ですか。（あてはまるものすべて）": "google-multiple",
        "5. 同居しているご家族は何人ですか。": "number",
    },
    "ms_forms.xlsx": {
        "お住まいの地区": "single", "性別": "single", "地域活動に参加していますか": "single",
        "地域で必要な支援は何ですか": "ms-multiple", "今の暮らしの満足度（5段階）": "single",
    },
    "code_sheet_cp932.csv": {
        "地区": "coded", "性別": "coded", "年齢": "number", "問1": "coded", "問4": "number",
        "問2_1 問2_2 問2_3 問2_4 問2_5 問2_6 問2_その他（具体的に）": "flags", "問3① 問3② 問3③ 問3④": "flags",
    },
    "utf16.tsv": {"校区": "single", "問1": "coded", "問2": "single", "問3": "number"},
    "google_forms_semicolon.csv": {"How important is sustainability to you?": "single",
                                   "Which efforts should we take? (Pick top 2)": "semicolon-multiple"},
    "survey_monkey.csv": {
        "お住まいの地区を教えてください。": "single", "あなたの年代を教えてください。": "single",
        "ご職業を教えてください。": "single",
        " | ".join(f"地域で困っていることは何ですか。（あてはまるものすべて） / {t}"
                   for t in ["高齢化", "買い物が不便", "担い手不足", "交流の減少", "Other (please specify)"]): "label-flags",
        "次の公共サービスの満足度を教えてください。 / バス": "single",
        "次の公共サービスの満足度を教えてください。 / 図書館": "single",
        "次の公共サービスの満足度を教えてください。 / 公民館": "single",
        "同居しているご家族は何人ですか。": "number",
    },
}


def two_row_names(first, second):
    names, question = [], ""
    for top, bottom in zip(first, second):
        top, bottom = top.strip(), bottom.strip()
        if top:
            question = top
        elif not bottom:
            question = ""
        label = None if bottom in ("", "Response", "Open-Ended Response") else bottom
        names.append(question if label is None else (f"{question} / {label}" if question else label))
    return names


def read(name):
    if name.endswith(".xlsx"):
        rows = [["" if v is None else str(v) for v in row] for row in openpyxl.load_workbook(name).active.iter_rows(values_only=True)]
    elif name.endswith(".tsv"):
        rows = list(csv.reader(io.StringIO(open(name, "rb").read().decode("utf-16")), delimiter="\t"))
    elif name == "survey_monkey.csv":
        rows = list(csv.reader(open(name, encoding="utf-8-sig", newline="")))
        header = two_row_names(rows[0], rows[1])
        return header, [dict(zip(header, row)) for row in rows[2:]]
    else:
        encoding = "cp932" if "cp932" in name else "utf-8"
        rows = list(csv.reader(open(name, encoding=encoding, newline="")))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


def google_split(cell):
    labels, rest = [], cell
    while rest:
        label = next(t for t in sorted(TROUBLES, key=len, reverse=True) if rest == t or rest.startswith(t + ", "))
        labels.append(label)
        rest = rest[len(label) + 2:] if rest != label else ""
    return labels


def main():
    out = [("file", "column", "value", "count")]
    for name, design in DESIGN.items():
        _, rows = read(name)
        for column, kind in design.items():
            counts = Counter()
            if kind == "flags":
                columns = column.split()

                def chosen(r, c):
                    # その他（具体的に）: the respondent's words, any text chosen; a flag column: 1.
                    return r[c].strip() != "" if "その他" in c else r[c].strip() == "1"
                for col in columns:
                    out.append((name, col, "1", sum(1 for r in rows if chosen(r, col))))
                out.append((name, columns[0], "(無回答)", sum(1 for r in rows if not any(chosen(r, c) for c in columns))))
                continue
            if kind == "label-flags":
                columns = column.split(" | ")
                for col in columns:
                    label = col.split(" / ")[-1]
                    written_in = label == "Other (please specify)"
                    out.append((name, col, label, sum(1 for r in rows if (r[col].strip() != "" if written_in else r[col].strip() == label))))
                out.append((name, columns[0], "(無回答)", sum(1 for r in rows if not any(r[c].strip() for c in columns))))
                continue
            cells = [r[column].strip() for r in rows]
            if kind == "number":
                values = [float(c) for c in cells if c != ""]
                out.append((name, column, "n", len(values)))
                out.append((name, column, "mean", repr(sum(values) / len(values))))
                continue
            for cell in cells:
                if cell == "" or (kind == "coded" and cell == "9"):
                    counts["(無回答)"] += 1
                elif kind == "google-multiple":
                    counts.update(google_split(cell))
                elif kind == "semicolon-multiple":
                    counts.update(cell.split(";"))
                elif kind == "ms-multiple":
                    counts.update(p for p in cell.split(";") if p)
                else:
                    counts[cell] += 1
            for value, count in sorted(counts.items()):
                out.append((name, column, value, count))
    with open("expected_counts.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(out)


if __name__ == "__main__":
    main()
