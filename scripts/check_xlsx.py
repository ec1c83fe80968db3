#!/usr/bin/env python3
"""Reads a report folder's tables.xlsx with openpyxl (not the writer) and checks it against the CSV files.

usage: check_xlsx.py REPORT_FOLDER

Wave folder (results.csv beside it): every count and percent of the 単純集計 sheet and of each クロス集計 sheet equals
results.csv (percent = the report's half-up one decimal of count/base, or of weighted_count/weighted_base when the
wave is weighted), counts are integers, percents are numbers
with a 0.0 format, a base of 0 shows 「・」, bases under 10 「x」 and under 30 a 「※」 in the format, every table of results.csv is there.
Comparison folder (indicators.csv beside it): the 成果指標 table holds every indicator's value per wave as numbers.
A weighted wave (weighted_base in results.csv): 目次 says under its title that the percentages are weighted and n
is the actual count, and every table of percentages on the 単純集計 and クロス集計 sheets has a note row
saying so after the blank row that ends it.
Both: the contents sheet links every table, with the numbers and captions report.docx uses; no number is stored
as text with a mark (「6.0▼」「21※」).
Prints one line per failure and exits 1 if any; prints a summary line otherwise.
"""
import csv
import math
import os
import re
import sys
import zipfile
from collections import defaultdict

import openpyxl

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def printed_percent(row):
    """The report's rule (PercentText): one decimal, half-up on the exact ratio of count/base, or with weights half-up
    on the double 1000·weighted_count/weighted_base (results.csv writes doubles that read back exactly)."""
    if row.get("weighted_base"):
        tenths = 1000.0 * float(row["weighted_count"]) / float(row["weighted_base"])
        whole = math.floor(tenths)
        return (whole + (1 if tenths - whole >= 0.5 else 0)) / 10
    count, base = int(row["count"]), int(row["base"])
    return (2000 * count + base) // (2 * base) / 10


MARKED_NUMBER = re.compile(r"^[+\-±]?[\d,]+(\.\d+)?[％]?[▲▼*]$")


def blocks(sheet):
    """The tables of a sheet: (caption, header or None, rows, note) where each row is a list of cells and the note is
    the text of a one-cell row after the blank row that ends the table (None without)."""
    rows = list(sheet.iter_rows(min_row=1))
    common = None
    if len(rows) > 1 and rows[1][0].value is not None and not str(rows[1][0].value).startswith("表"):
        common = rows[1]
    result = []
    current = None
    ended = None
    for row in rows[2 if common else 1:]:
        first = row[0].value
        if first is None and all(cell.value is None for cell in row):
            ended = current if current is not None else None
            current = None
            continue
        if isinstance(first, str) and re.match(r"^表\d+-\d+　", first) and all(c.value is None for c in row[1:]):
            current = {"caption": first, "header": common, "rows": [], "note": None}
            result.append(current)
            continue
        if current is None:
            if ended is not None and isinstance(first, str) and all(c.value is None for c in row[1:]):
                ended["note"] = first
            ended = None
            continue
        if current["header"] is None:
            current["header"] = row
            continue
        current["rows"].append(row)
    return result


def check_cells(workbook):
    numbers = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and MARKED_NUMBER.match(cell.value.strip()):
                    fail(f"{sheet.title}!{cell.coordinate}: a number stored as text with a mark: {cell.value!r}")
                if cell.data_type == "n" and cell.value is not None:
                    numbers += 1
                    if not isinstance(cell.value, (int, float)):
                        fail(f"{sheet.title}!{cell.coordinate}: not a number: {cell.value!r}")
    return numbers


def check_contents(workbook, folder):
    contents = workbook["目次"]
    captions = []
    # The links start under the header row 「表番号」 (row 2, or row 3 under a weighted wave's note).
    header = next((row[0].row for row in contents.iter_rows(max_row=5) if row[0].value == "表番号"), None)
    if header is None:
        fail("目次: no header row 「表番号」 in the first 5 rows")
        return 0
    for row in contents.iter_rows(min_row=header + 1):
        label, caption, sheet = (cell.value for cell in row[:3])
        if label is None:
            continue
        captions.append(f"{label}　{caption}")
        link = row[1].hyperlink
        if link is None or not link.location:
            fail(f"目次: {label} has no link")
            continue
        target_sheet, target_cell = link.location.rsplit("!", 1)
        target_sheet = target_sheet.strip("'")
        if target_sheet not in workbook.sheetnames:
            fail(f"目次: {label} links to a missing sheet {target_sheet}")
            continue
        if workbook[target_sheet][target_cell].value != f"{label}　{caption}":
            fail(f"目次: {label} links to {link.location}, which holds {workbook[target_sheet][target_cell].value!r}")
    docx = os.path.join(folder, "report.docx")
    if os.path.exists(docx):
        with zipfile.ZipFile(docx) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        in_docx = re.findall(r'<w:pStyle w:val="(?:Caption|FigureCaption)"/></w:pPr><w:r><w:t xml:space="preserve">(表[^<]*)</w:t>', xml)
        in_docx = [caption.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') for caption in in_docx]
        if in_docx != captions:
            missing = [c for c in in_docx if c not in captions][:3]
            extra = [c for c in captions if c not in in_docx][:3]
            fail(f"目次 and report.docx number the tables differently (only in docx: {missing}, only in xlsx: {extra})")
    return len(captions)


def percent_cell_matches(cell, row, base):
    """Whether a percentage cell shows results.csv's row as the report prints it (・ x - or the number)."""
    count = int(row["count"])
    if base == 0:
        return cell.value == "・"
    if base < 10:
        return cell.value == "x"
    if count == 0:
        return cell.value == "-"
    return cell.data_type == "n" and abs(cell.value - printed_percent(row)) <= 1e-9 and cell.number_format == "0.0"


def check_battery(block, labels, by_table, matched):
    """A battery's table (items as rows: n, then each choice, net and 無回答): every row is the 単純集計 of one
    question of results.csv with these labels, base and printed percentages."""
    checked = 0
    for row in block["rows"]:
        base = row[1].value
        if not isinstance(base, int) or row[1].number_format.split('"')[0] not in ("#,##0", "0"):
            fail(f"単純集計!{row[1].coordinate}: n {base!r} is not an integer cell ({row[1].number_format})")
            continue
        candidates = [key for key, rows in by_table.items() if key[1] == "total" and key not in matched
                      and [r["label"] if r["kind"] != "nonresponse" else "無回答" for r in rows] == labels
                      and int(rows[0]["base"]) == base
                      and all(percent_cell_matches(cell, r, base) for cell, r in zip(row[2:], rows))]
        if not candidates:
            fail(f"単純集計 {block['caption']}: item {row[0].value!r} matches no table of results.csv (labels, n and percentages)")
            continue
        matched.add(candidates[0])
        checked += len(labels)
    return checked


def check_wave(workbook, folder):
    results = read_csv(os.path.join(folder, "results.csv"))
    by_table = defaultdict(list)
    for row in results:
        if row["kind"] != "text":
            by_table[(row["question"], row["break"])].append(row)
    matched = set()
    checked = 0

    weighted = any(row.get("weighted_base") for row in results)

    def check_note(sheet, block):
        note = block["note"] or ""
        if weighted and not ("ウェイト" in note and "実際の回答者数" in note):
            fail(f"{sheet} {block['caption']}: no note after the table saying the percentages are weighted ({note!r})")
        if not weighted and block["note"] is not None:
            fail(f"{sheet} {block['caption']}: an unweighted wave's table has a note {note!r}")

    if weighted:
        first = workbook["目次"]["A2"].value or ""
        if not ("ウェイト" in first and "実際の回答者数" in first):
            fail(f"目次!A2: expected the note on the weights, found {first!r}")

    simple = blocks(workbook["単純集計"])
    for block in simple:
        header = [cell.value for cell in block["header"]]
        check_note("単純集計", block)
        if header[:2] == ["項目", "n"]:
            checked += check_battery(block, [label for label in header[2:] if label is not None], by_table, matched)
            continue
        if header[:3] != ["選択肢", "件数", "％"]:
            continue
        body = [row for row in block["rows"] if row[0].value != "全体"]
        candidates = [key for key, rows in by_table.items() if key[1] == "total" and key not in matched
                      and [r["label"] if r["kind"] != "nonresponse" else "無回答" for r in rows] == [row[0].value for row in body]
                      and [int(r["count"]) for r in rows] == [row[1].value for row in body]]
        if not candidates:
            fail(f"単純集計 {block['caption']}: no table of results.csv has these labels and counts")
            continue
        key = candidates[0]
        matched.add(key)
        for row, expected in zip(body, by_table[key]):
            count, base = int(expected["count"]), int(expected["base"])
            if not isinstance(row[1].value, int) or row[1].number_format not in ("#,##0", "0"):
                fail(f"単純集計!{row[1].coordinate}: count {row[1].value!r} is not an integer cell ({row[1].number_format})")
            checked += 1
            if base == 0:
                if row[2].value != "・":
                    fail(f"単純集計!{row[2].coordinate}: expected '・' over a base of 0, found {row[2].value!r}")
                continue
            if base < 10:
                if row[2].value != "x":
                    fail(f"単純集計!{row[2].coordinate}: base {base} < 10 must show x, found {row[2].value!r}")
                continue
            if count == 0:
                if row[2].value != "-":
                    fail(f"単純集計!{row[2].coordinate}: expected '-' for a zero count, found {row[2].value!r}")
                continue
            if row[2].data_type != "n" or abs(row[2].value - printed_percent(expected)) > 1e-9 or row[2].number_format != "0.0":
                fail(f"単純集計!{row[2].coordinate}: {expected['label']} expected {printed_percent(expected)} (0.0), found {row[2].value!r} ({row[2].number_format})")
            checked += 1

    cross_sheets = [name for name in workbook.sheetnames if name.startswith("クロス集計")]
    axes = sorted({key[1] for key in by_table if key[1] != "total"})
    if len(cross_sheets) != len(axes):
        fail(f"expected one クロス集計 sheet per axis {axes}, found {cross_sheets}")
    for name in cross_sheets:
        for block in blocks(workbook[name]):
            check_note(name, block)
            groups = [cell.value for cell in block["header"]][2:]
            n_row = block["rows"][0]
            if n_row[0].value != "n":
                fail(f"{name} {block['caption']}: the first row is not n")
                continue
            choice_rows = block["rows"][1:]
            labels = [row[0].value for row in choice_rows]
            candidates = []
            for key, rows in by_table.items():
                if key[1] == "total" or key in matched:
                    continue
                group_labels = list(dict.fromkeys(r["break_label"] for r in rows))
                if group_labels != groups:
                    continue
                first = [r for r in rows if r["break_label"] == groups[0]]
                if [r["label"] if r["kind"] != "nonresponse" else "無回答" for r in first] != labels:
                    continue
                bases = [int(next(r["base"] for r in rows if r["break_label"] == g)) for g in groups]
                if bases != [cell.value for cell in n_row[2:2 + len(groups)]]:
                    continue
                candidates.append(key)
            if not candidates:
                fail(f"{name} {block['caption']}: no cross-tab of results.csv has these groups, labels and bases")
                continue
            key = candidates[0]
            matched.add(key)
            rows = by_table[key]
            for column, group in enumerate(groups, start=2):
                group_rows = [r for r in rows if r["break_label"] == group]
                base = int(group_rows[0]["base"])
                n_cell = n_row[column]
                if not isinstance(n_cell.value, int):
                    fail(f"{name}!{n_cell.coordinate}: n {n_cell.value!r} is not an integer")
                starred = "※" in n_cell.number_format
                if starred != (0 < base < 30):
                    fail(f"{name}!{n_cell.coordinate}: n = {base} {'shows' if starred else 'lacks'} the 参考値 mark ※")
                checked += 1
                for row, expected in zip(choice_rows, group_rows):
                    cell = row[column]
                    count = int(expected["count"])
                    checked += 1
                    if base == 0:
                        if cell.value != "・":
                            fail(f"{name}!{cell.coordinate}: expected '・' over a base of 0, found {cell.value!r}")
                    elif count == 0 and base >= 10:
                        # 「-▼」: the mark is the text format @"▼", the value stays "-".
                        if cell.value != "-" or cell.number_format not in ("General", '@"▼"', '@"▲"'):
                            fail(f"{name}!{cell.coordinate}: expected '-', found {cell.value!r} ({cell.number_format})")
                    elif base < 10:
                        if cell.value != "x":
                            fail(f"{name}!{cell.coordinate}: base {base} < 10 must show x, found {cell.value!r}")
                    elif cell.data_type != "n" or abs(cell.value - printed_percent(expected)) > 1e-9 \
                            or not cell.number_format.startswith("0.0"):
                        fail(f"{name}!{cell.coordinate}: {group} {expected['label']} expected {printed_percent(expected)}, found {cell.value!r} ({cell.number_format})")
    # The report leaves out attribute × attribute cross-tabs (回答者属性: the axes and questions declared
    # attributes); results.csv keeps them. An attribute is an axis, or a question none of whose cross-tabs is in
    # the workbook; every other question must have all of its tables there.
    crossed = defaultdict(set)
    for key in matched:
        crossed[key[0]].add(key[1])
    attributes = set(axes) | {key[0] for key in by_table if key[1] != "total" and not crossed[key[0]] - {"total"}}
    missing = [key for key in by_table if key not in matched
               and not (key[1] != "total" and key[0] in attributes and key[1] in attributes | set(axes))]
    if missing:
        fail(f"tables of results.csv not found in tables.xlsx: {missing[:5]} ({len(missing)} in all)")
    return checked


def check_comparison(workbook, folder):
    indicators = read_csv(os.path.join(folder, "indicators.csv"))
    sheet = next((workbook[name] for name in workbook.sheetnames if name.startswith("成果指標")), None)
    if sheet is None:
        fail("no 成果指標 sheet in the comparison workbook")
        return 0
    table = next((block for block in blocks(sheet) if "成果指標" in block["caption"]), None)
    if table is None:
        fail("no 成果指標 table")
        return 0
    header = [cell.value for cell in table["header"]]
    checked = 0
    for indicator in indicators:
        row = next((r for r in table["rows"] if r[0].value == indicator["name"]), None)
        if row is None:
            fail(f"indicator {indicator['name']} is not in the 成果指標 table")
            continue
        if not indicator["value"]:
            continue
        expected = round(float(indicator["value"]), 1)
        values = [cell.value for cell in row[1:] if cell.data_type == "n"]
        if not any(isinstance(v, float) and abs(v - expected) < 1e-9 or v == expected for v in values):
            fail(f"indicator {indicator['name']} wave {indicator['wave']}: {expected} is not a number cell of its row {[c.value for c in row]}")
        checked += 1
    if not any("目標" in str(h) for h in header):
        fail(f"the 成果指標 table has no 目標値 column: {header}")
    return checked


def main():
    folder = sys.argv[1]
    workbook = openpyxl.load_workbook(os.path.join(folder, "tables.xlsx"))
    if workbook.sheetnames[0] != "目次":
        fail(f"the first sheet is {workbook.sheetnames[0]}, not 目次")
    for sheet in workbook.worksheets:
        if sheet.page_setup.paperSize not in (9, "9"):
            fail(f"{sheet.title}: paper is {sheet.page_setup.paperSize}, not A4 (9)")
        if sheet.title != "目次" and sheet.page_setup.orientation != "landscape":
            fail(f"{sheet.title}: not landscape")
        if sheet.title != "目次" and (sheet.page_setup.fitToWidth not in (1, None) or not sheet.sheet_properties.pageSetUpPr.fitToPage):
            fail(f"{sheet.title}: not fitted to the page width")
        if not sheet.freeze_panes:
            fail(f"{sheet.title}: no frozen header")
    numbers = check_cells(workbook)
    tables = check_contents(workbook, folder)
    if os.path.exists(os.path.join(folder, "results.csv")):
        checked = check_wave(workbook, folder)
    else:
        checked = check_comparison(workbook, folder)
    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)
    print(f"{folder}: {tables} tables, {numbers} number cells, {checked} values checked against the CSV: 1 passed, 0 failed")


main()
