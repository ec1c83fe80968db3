#!/usr/bin/env python3
"""Writes the raw exports `survey init` is tested on, made like the real ones (deterministic; openpyxl for the .xlsx).

    python3 make_exports.py      # from this folder

- google_forms.csv: Google Forms' CSV (UTF-8, タイムスタンプ, the question texts as headers, labels in the cells,
  several answers joined by ", " in the form's order, one label itself containing ", ").
- ms_forms.xlsx: Microsoft Forms' workbook (ID, 開始時刻, 完了時刻, メール, 名前, then the questions; several answers
  joined by ";" with a trailing ";").
- code_sheet_cp932.csv: a contractor's Excel sheet of codes saved as CSV (CP932, CRLF): flag groups 問2_1…問2_6 and
  問3①…問3④, 9 for 無回答, an age in years, free text; after 問2_6 a column 問2_その他（具体的に） holding the words
  written for その他 (some respondents wrote only there; its own random stream, so the other files stay as they were).
- google_forms_semicolon.csv: a Google Forms export in English whose checkbox answers are joined by ";" and whose
  labels contain ", " (as some exports are), with a rating whose ends are labelled ("1 - Not at all", "5 - Very").
- utf16.tsv: Excel's 「Unicode テキスト」 (UTF-16LE with BOM, tab-separated, CRLF), a trailing empty column.
- survey_monkey.csv: SurveyMonkey's "All responses data" CSV, expanded (UTF-8 with BOM, CRLF): two header rows, the
  question's text on row 1 over its columns (blank over the rest of the group), row 2 "Response" /
  "Open-Ended Response" or the choice ("select all": a column per choice, its cells the label or blank, then
  "Other (please specify)" with typed text) or the grid's item (its cells the scale's label); the metadata columns
  Respondent ID … Custom Data 1 and dates as MM/DD/YYYY hh:mm:ss AM. Every tenth respondent from the fourth ticked only
  "Other (please specify)" of the "select all" question (wrote in, chose no listed label); a single question has its own
  "Other (please specify)" column (its Response then says "Other (please specify)"); a last "Open-Ended Response" column holds
  only two different texts.
"""
import csv
import datetime
import io
import random
import zipfile

import openpyxl

R = random.Random(17)


def google_forms():
    header = ["タイムスタンプ", "1. お住まいの地区を教えてください。", "2. あなたの年代を教えてください。",
              "3. 地域の支え合いは必要だと思いますか。", "4. 地域で困っていることは何ですか。（あてはまるものすべて）",
              "5. 同居しているご家族は何人ですか。", "6. 地域福祉についてご意見をお聞かせください。"]
    districts = ["中央", "東部", "西部", "北部"]
    ages = ["20歳代", "30歳代", "40歳代", "50歳代", "60歳代", "70歳以上"]
    scale = ["そう思う", "ややそう思う", "あまりそう思わない", "そう思わない"]
    troubles = ["高齢化", "買い物, 通院が不便", "担い手不足", "交流の減少", "その他"]
    rows = []
    start = datetime.datetime(2024, 6, 3, 9, 0, 0)
    for i in range(60):
        chosen = [t for t in troubles if R.random() < 0.35]
        if i == 0:
            chosen = ["買い物, 通院が不便"]           # the label with ", " alone in one cell
        time = start + datetime.timedelta(minutes=37 * i)
        rows.append([time.strftime("%Y/%m/%d %H:%M:%S"), R.choice(districts), R.choice(ages),
                     R.choice(scale) if R.random() < 0.95 else "", ", ".join(chosen),
                     str(R.randint(1, 6)) if R.random() < 0.9 else "",
                     R.choice(["", "", "特になし", f"意見{i}: 坂道が多く、買い物が大変です。", f"感想{i}"])])
    with open("google_forms.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def ms_forms():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ID", "開始時刻", "完了時刻", "メール", "名前", "お住まいの地区", "性別", "地域活動に参加していますか",
               "地域で必要な支援は何ですか", "今の暮らしの満足度（5段階）", "ご意見"])
    start = datetime.datetime(2024, 7, 1, 10, 0, 0)
    needs = ["見守り", "買い物支援", "移動支援", "居場所づくり"]
    for i in range(40):
        chosen = [n for n in needs if R.random() < 0.4]
        ws.append([i + 1, start + datetime.timedelta(hours=5 * i), start + datetime.timedelta(hours=5 * i, minutes=4),
                   "anonymous", None, R.choice(["北", "南", "中部"]), R.choice(["男性", "女性", "回答しない"]),
                   R.choice(["参加している", "時々参加している", "参加したことはない"]),
                   "".join(c + ";" for c in chosen) or None, R.randint(1, 5), R.choice([None, "ありがとう", f"要望{i}"])])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "yyyy/m/d h:mm"
    wb.properties.created = wb.properties.modified = datetime.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    import re
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile("ms_forms.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def code_sheet():
    header = ["No", "地区", "性別", "年齢", "問1", "問2_1", "問2_2", "問2_3", "問2_4", "問2_5", "問2_6", "問2_その他（具体的に）",
              "問3①", "問3②", "問3③", "問3④", "問4", "自由記述"]
    rows = []
    words = random.Random(1717)
    for i in range(80):
        flags2 = ["1" if R.random() < 0.3 else "" for _ in range(6)]
        flags2.append(words.choice(["", "", "", "", "坂が多い", "店がない"]))
        flags3 = ["1" if R.random() < 0.4 else "0" for _ in range(4)]
        rows.append([str(i + 1), str(R.randint(1, 4)), R.choice(["1", "2", "9"]), str(R.randint(18, 90)),
                     R.choice(["1", "2", "3", "4", "5", "9", ""]), *flags2, *flags3,
                     str(R.randint(0, 60)) if R.random() < 0.9 else "", R.choice(["", "", "なし", f"第{i}番の意見（①、②）"])])
    with open("code_sheet_cp932.csv", "w", encoding="cp932", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


EFFORTS = ["Waste (food, paper, cans)", "Transport (cars, trains, flights)", "Energy", "Community, outreach"]


def google_forms_semicolon():
    header = ["Timestamp", "How important is sustainability to you?", "Which efforts should we take? (Pick top 2)",
              "Anything else?"]
    ratings = ["1 - Not at all", "2", "3", "4", "5 - Very"]
    rows = []
    for i in range(30):
        chosen = R.sample(EFFORTS, 2)
        chosen.sort(key=EFFORTS.index)
        rows.append([f"2022/06/22 11:{i:02d}:07 AM AST", R.choice(ratings), ";".join(chosen), R.choice(["", "", f"note {i}, thanks"])])
    with open("google_forms_semicolon.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def utf16():
    header = ["回答者ID", "校区", "問1", "問2", "問3", ""]
    rows = []
    for i in range(30):
        rows.append([f"A{i + 1:03d}", R.choice(["第一小", "第二小", "第三小"]), str(R.randint(1, 3)),
                     R.choice(["満足", "やや満足", "どちらともいえない", "やや不満", "不満"]), str(R.randint(0, 20)), ""])
    text = "\r\n".join("\t".join(row) for row in [header] + rows) + "\r\n"
    with open("utf16.tsv", "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


MONKEY_TROUBLES = ["高齢化", "買い物が不便", "担い手不足", "交流の減少"]
MONKEY_ITEMS = ["バス", "図書館", "公民館"]
MONKEY_SCALE = ["満足", "やや満足", "やや不満", "不満"]


def survey_monkey():
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
            "Last Name", "Custom Data 1"]
    first = meta + ["お住まいの地区を教えてください。", "あなたの年代を教えてください。", "ご職業を教えてください。", "",
                    "地域で困っていることは何ですか。（あてはまるものすべて）", "", "", "", "",
                    "次の公共サービスの満足度を教えてください。", "", "",
                    "同居しているご家族は何人ですか。", "地域福祉についてご意見をお聞かせください。", "調査へのご感想をどうぞ。"]
    second = [""] * len(meta) + ["Response", "Response", "Response", "Other (please specify)"] + MONKEY_TROUBLES \
        + ["Other (please specify)"] + MONKEY_ITEMS + ["Open-Ended Response", "Open-Ended Response", "Open-Ended Response"]
    rows = []
    start = datetime.datetime(2024, 9, 2, 8, 15, 0)
    for i in range(50):
        began = start + datetime.timedelta(minutes=53 * i)
        ended = began + datetime.timedelta(minutes=R.randint(3, 15))
        district = R.choice(["中央", "東部", "西部"])
        troubles = [t if R.random() < 0.35 else "" for t in MONKEY_TROUBLES]
        other = R.choice(["", "", "", "", f"坂道が多い（{i}）"])
        if i % 10 == 3:
            troubles, other = [""] * len(MONKEY_TROUBLES), R.choice(["Mixed", "坂道が多い"])
        grid = [R.choice(MONKEY_SCALE) if R.random() < 0.9 else "" for _ in MONKEY_ITEMS]
        job = R.choice(["会社員", "自営業", "無職", "", "Other"])
        job_other = R.choice(["学生", "パート"]) if job == "Other" else ""
        rows.append([str(114000000000 + 7919 * i), "431234567", began.strftime("%m/%d/%Y %I:%M:%S %p"),
                     ended.strftime("%m/%d/%Y %I:%M:%S %p"), f"203.0.113.{i + 10}", "", "", "", "",
                     district, R.choice(["20歳代", "30歳代", "40歳代", "50歳代", "60歳以上"]),
                     "Other (please specify)" if job == "Other" else job, job_other,
                     *troubles, other, *grid, str(R.randint(1, 6)) if R.random() < 0.9 else "",
                     R.choice(["", "", "特になし", f"意見{i}: 見守りを増やしてほしい"]),
                     R.choice(["", "", "ありがとう", "良い調査でした"])])
    with open("survey_monkey.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(first)
        writer.writerow(second)
        writer.writerows(rows)


if __name__ == "__main__":
    google_forms()
    ms_forms()
    code_sheet()
    utf16()
    google_forms_semicolon()
    survey_monkey()
