#!/usr/bin/env python3
"""Writes the .xlsx fixtures of the workbook-reading tests (deterministic; needs openpyxl, `pip install openpyxl`).

    python3 make_fixtures.py        # from this folder; rewrites every .xlsx here but libreoffice.xlsx

- forms.xlsx: a Microsoft Forms export (ID, 開始時刻, 完了時刻, メール, 名前, then the questions; several answers
  joined by ';'), with dates and times, a boolean, a number with decimals, an empty cell, a gap row, a cell with a
  line break, a text with a comma and quotes, and an empty trailing header (Excel's 'ID,q1,,').
- named.xlsx: the answers on a second sheet '回答' behind a sheet of notes, data starting at column B.
- date1904.xlsx: a workbook in the 1904 date system.
- bad_xml.xlsx: forms.xlsx with its sheet's XML cut short.
- bomb.xlsx: a sheet part of 300 MiB of spaces compressed to a few hundred KB (a zip bomb).
- huge_range.xlsx: a header and one value in cell XFD1048576.
- libreoffice.xlsx (not written here): `libreoffice --headless --convert-to xlsx libreoffice.csv`, kept as saved.
"""
import datetime
import io
import re
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

FIXED = datetime.datetime(2000, 1, 1)


def save(workbook, name):
    workbook.properties.created = FIXED
    workbook.properties.modified = FIXED
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps zip entries with the current time: rewrite them with a fixed one.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets 'modified' to the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            target.writestr(fixed, data)


def forms():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ID", "開始時刻", "完了時刻", "メール", "名前", "地区", "問1", "問2", "問3", "同意", "ご意見", None])
    start = datetime.datetime(2024, 5, 1, 9, 30, 0)
    rows = [
        [1, start, start + datetime.timedelta(minutes=5), "anonymous", None, "中央", 1, "高齢化;担い手不足;", 34, True, "特になし", None],
        [2, start + datetime.timedelta(days=1), start + datetime.timedelta(days=1, minutes=7), "anonymous", None, "東", 2, "交流の減少;", 41.5, False, "坂が多い, \"買い物\"が不便", None],
        [3, start + datetime.timedelta(days=2), start + datetime.timedelta(days=2, minutes=3), "anonymous", None, "西", None, "", 0, True, "一行目\n二行目", None],
    ]
    for row in rows:
        ws.append(row)
    ws.append([])                       # a gap row (row 5)
    ws.append([4, start + datetime.timedelta(days=3), start + datetime.timedelta(days=3, minutes=1), "anonymous", None, "中央", 9, "その他;", 28, False, None, None])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "yyyy/m/d h:mm"
    ws["M1"].value = None               # nothing beyond column L
    save(wb, "forms.xlsx")


def named():
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "説明"
    notes.append(["この調査の回答は「回答」シートにあります"])
    answers = wb.create_sheet("回答")
    answers["B1"], answers["C1"], answers["D1"] = "回答者ID", "問1", "回答日"
    answers["B2"], answers["C2"], answers["D2"] = 101, 1, datetime.date(2023, 6, 15)
    answers["B3"], answers["C3"], answers["D3"] = 102, 2, datetime.date(2023, 6, 16)
    answers["D2"].number_format = "yyyy/mm/dd"
    answers["D3"].number_format = 'yyyy"年"m"月"d"日"'
    save(wb, "named.xlsx")


def date1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["ID", "日付"])
    ws.append([1, datetime.date(2024, 2, 29)])
    ws["B2"].number_format = "yyyy-mm-dd"
    save(wb, "date1904.xlsx")


def rewrite_sheet(name, change):
    """forms.xlsx with its sheet's XML changed by `change` (bytes -> bytes)."""
    source = zipfile.ZipFile("forms.xlsx")
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED,
                            compresslevel=9)


def bad_xml():
    rewrite_sheet("bad_xml.xlsx", lambda data: data[: len(data) // 2])


def bomb():
    rewrite_sheet("bomb.xlsx", lambda data: data.replace(b"<sheetData>", b"<sheetData>" + b" " * (300 << 20)))


def huge_range():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "問1"])
    ws.append([1, 1])
    ws["XFD1048576"] = 1
    save(wb, "huge_range.xlsx")


if __name__ == "__main__":
    forms()
    named()
    date1904()
    bad_xml()
    bomb()
    huge_range()
