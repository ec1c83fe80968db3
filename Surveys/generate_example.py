#!/usr/bin/env python3
"""Generate the fictional example survey series ``shimin`` of 架空の「みなと市」.

What it writes (all paths relative to this file's folder, ``Surveys/``):

    shimin/2023/survey.yaml   令和5年度 地域福祉に関する市民意識調査 (第4次地域福祉計画)
    shimin/2023/paper.csv     郵送回答 keyed in by a data-entry firm: CP932, CRLF
    shimin/2023/web.csv       WEB回答 exported by the form system: UTF-8 with BOM, CRLF
    shimin/2018/survey.yaml   平成30年度 同調査 (第3次地域福祉計画)
    shimin/2018/paper.csv     CP932, CRLF
    shimin/2018/web.csv       CP932, CRLF
    shimin/2013/survey.yaml   平成25年度 同調査 (第2次地域福祉計画): no web answers, no 問17 名簿
    shimin/2013/paper.csv     CP932, CRLF

The data are invented.  Each wave is drawn from a fixed ``random.Random(seed)``
so every run rewrites byte-identical files (Python 3.11, standard library only).
Re-run from the repository root with

    python3 Surveys/generate_example.py

It prints the respondent counts and the list of deliberately planted,
warnings-only imperfections (file, physical line, column, value) to stdout.
Do not edit the generated files by hand; change this script and re-run it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from pathlib import Path
from random import Random

HERE = Path(__file__).resolve().parent
SERIES = "shimin"
MISSING = 99  # 無回答 code keyed by one data-entry operator (never a choice code)
NOT_ASKED = -1  # 2023 paper: 非該当 in 問9's flag columns (see key_not_asked)

# ---------------------------------------------------------------------------
# The city: 10 地区 (小学校区) in 3 圏域
# ---------------------------------------------------------------------------
# code, name, area, distributed, response rate 2023 / 2018,
# tie (近所づきあい・地域活動の強さ), amenity (住みやすさ), age shift (+ = older),
# share of lifelong residents, typical years lived for movers (scale)
DISTRICTS = [
    # 中部圏域
    (1, "中央", "中部", 400, 0.54, 0.47, 0.00, 0.55, 0.0, 0.12, 18),
    (2, "港", "中部", 300, 0.60, 0.53, 0.75, -0.10, 0.8, 0.30, 30),
    (3, "駅前", "中部", 350, 0.42, 0.36, -0.95, 0.60, -1.0, 0.03, 6),
    (4, "山手", "中部", 250, 0.62, 0.55, 0.40, 0.10, 0.6, 0.15, 28),
    # 北部圏域
    (5, "北浜", "北部", 200, 0.63, 0.56, 0.95, -0.45, 0.9, 0.40, 30),
    (6, "東原", "北部", 200, 0.65, 0.58, 0.85, -0.65, 0.7, 0.40, 30),
    (7, "緑ケ丘", "北部", 300, 0.60, 0.53, 0.10, -0.25, 0.8, 0.03, 0),
    # 南部圏域
    (8, "桜台", "南部", 400, 0.48, 0.41, -0.60, 0.50, -0.9, 0.02, 8),
    (9, "西川", "南部", 300, 0.55, 0.48, 0.00, 0.20, -0.1, 0.10, 16),
    (10, "南浜", "南部", 300, 0.58, 0.51, 0.50, -0.10, 0.5, 0.25, 26),
]
# response rates of the 平成25年度 survey (paper only, before the web form): a little above 2018's
RATE_2013 = {1: 0.50, 2: 0.57, 3: 0.38, 4: 0.60, 5: 0.61, 6: 0.63, 7: 0.58, 8: 0.44, 9: 0.52, 10: 0.56}
AREAS = [("北部", [5, 6, 7]), ("中部", [1, 2, 3, 4]), ("南部", [8, 9, 10])]
# 18歳以上の人口 per district in 2023 (sums to the wave's population_size, 98,000): 200 to 400 questionnaires went to
# each district whatever its size, so the 2023 wave is weighted by population / respondents per district.
POPULATION_2023 = {1: 14200, 2: 9100, 3: 13800, 4: 7600, 5: 4300, 6: 3900, 7: 8700, 8: 16900, 9: 10200, 10: 9300}

SEX = {1: "男性", 2: "女性", 3: "その他・回答しない"}
AGE = {1: "18～29歳", 2: "30～39歳", 3: "40～49歳", 4: "50～59歳",
       5: "60～69歳", 6: "70～79歳", 7: "80歳以上"}
AGE_RANGE = {1: (18, 29), 2: (30, 39), 3: (40, 49), 4: (50, 59),
             5: (60, 69), 6: (70, 79), 7: (80, 94)}
# age mix of those who send the questionnaire back (older people reply more)
AGE_BASE = {2023: [0.08, 0.10, 0.14, 0.15, 0.17, 0.22, 0.14],
            2018: [0.09, 0.11, 0.15, 0.15, 0.19, 0.20, 0.11],
            2013: [0.10, 0.12, 0.15, 0.16, 0.21, 0.17, 0.09]}
# probability of answering on the web, by age group
WEB_SHARE = {2023: [0.62, 0.56, 0.46, 0.34, 0.17, 0.06, 0.02],
             2018: [0.34, 0.28, 0.20, 0.12, 0.05, 0.01, 0.00],
             2013: [0.0] * 7}  # 平成25年度: paper only

AGREE4 = {1: "そう思う", 2: "ややそう思う", 3: "あまりそう思わない", 4: "そう思わない"}
KNOW3 = {1: "名前も活動内容も知っている", 2: "名前は知っているが活動内容は知らない", 3: "知らない"}
Q8_2023 = {1: "積極的に参加している", 2: "ときどき参加している", 3: "参加していない",
           4: "どのような活動があるか知らない"}
Q8_2018 = {1: "積極的に参加している", 2: "ときどき参加している", 3: "ほとんど参加していない",
           4: "参加したことがない", 5: "どのような活動があるか知らない"}
Q13 = {1: "家族・親族", 2: "友人・知人", 3: "近所の人", 4: "民生委員・児童委員",
       5: "市役所の窓口", 6: "社会福祉協議会", 7: "地域包括支援センター", 8: "医療機関",
       9: "職場の同僚・上司", 10: "相談できる人はいない", 11: "その他"}


def questions(wave: int) -> list[dict]:
    """The questionnaire of one wave, in questionnaire order."""
    qs: list[dict] = [
        dict(id="district", column="地区", type="single",
             text="お住まいの地区（小学校区）はどこですか。",
             choices={d[0]: d[1] for d in DISTRICTS}),
        dict(id="sex", column="性別", type="single", text="あなたの性別をお答えください。",
             choices=SEX),
        dict(id="age", column="年齢", type="single",
             text={2023: "あなたの年齢（令和5年6月1日現在）をお答えください。",
                   2018: "あなたの年齢（平成30年7月1日現在）をお答えください。",
                   2013: "あなたの年齢（平成25年7月1日現在）をお答えください。"}[wave],
             choices=AGE, ordered=True),
        dict(id="q1", column="問1", type="number", unit="年", bins=[5, 10, 20, 30], label="居住年数", attribute=True,
             text="あなたは現在お住まいの地区に住んで何年になりますか。（1年未満の方は0年）"),
        dict(id="q2", column="問2", type="number", unit="人", bins=[2, 3, 4, 5], label="同居家族の人数",
             text="あなたを含めて、同居しているご家族は何人ですか。"),
        dict(id="q3", column="問3", type="single", text="あなたの世帯の構成をお答えください。", label="世帯構成", attribute=True,
             choices={1: "ひとり暮らし", 2: "夫婦のみ", 3: "親と子の二世代",
                      4: "親・子・孫の三世代", 5: "その他"}),
        dict(id="q4", column="問4", type="single",
             text="あなたは、ふだん近所の人とどの程度のつきあいをしていますか。",
             choices={1: "困ったときに相談したり助け合ったりする", 2: "立ち話をする程度",
                      3: "あいさつをする程度", 4: "ほとんどつきあいはない"}),
        dict(id="q5", column="問5", type="single", asked_if={"q4": [4]},
             text="（問4で「ほとんどつきあいはない」と答えた方）近所づきあいがない主な理由は何ですか。",
             choices={1: "仕事などで家にいる時間が短い", 2: "きっかけがない", 3: "必要を感じない",
                      4: "わずらわしい", 5: "引っ越して間もない", 6: "その他"}),
        dict(id="q6", column="問6", type="scale",
             text="あなたにとって、お住まいの地域は住みやすいところですか。",
             choices={1: "住みやすい", 2: "どちらかといえば住みやすい",
                      3: "どちらかといえば住みにくい", 4: "住みにくい"},
             nets={"住みやすい（計）": [1, 2], "住みにくい（計）": [3, 4]},
             scores={1: 4, 2: 3, 3: 2, 4: 1}),
        dict(id="q7", column="問7", type="single",
             text="あなたの世帯は、自治会・町内会に加入していますか。",
             choices={1: "加入している", 2: "加入していない", 3: "わからない"}),
        dict(id="q8", column="問8", type="single",
             text="あなたは、自治会・町内会などの地域活動に参加していますか。",
             choices=Q8_2023 if wave == 2023 else Q8_2018),
        dict(id="q9", type="multiple", asked_if={"q8": [1, 2]},
             text="（問8で「積極的に参加している」「ときどき参加している」と答えた方）"
                  "参加している活動は何ですか。（あてはまるものすべて）",
             choices={1: "自治会・町内会の活動", 2: "子ども会・PTAの活動", 3: "老人クラブの活動",
                      4: "清掃・美化活動", 5: "防災・防犯活動", 6: "祭り・運動会などの行事",
                      7: "ボランティア・NPOの活動", 8: "その他"}),
        dict(id="q10", column="問10", type="single",
             text="今後、地域活動に参加したいと思いますか。",
             choices={1: "ぜひ参加したい", 2: "機会があれば参加したい", 3: "あまり参加したくない",
                      4: "参加したくない", 5: "わからない"}),
        dict(id="q11", column="問11", type="single",
             text="あなたは、お住まいの地区の民生委員・児童委員を知っていますか。", choices=KNOW3),
        dict(id="q12", column="問12", type="single",
             text="あなたは、みなと市社会福祉協議会を知っていますか。", choices=KNOW3),
        dict(id="q13", column="問13", separator=",", type="multiple",
             text="あなたは、日常生活で困ったことがあるとき、誰（どこ）に相談しますか。"
                  "（あてはまるものすべて）",
             choices=Q13),
        dict(id="q14", type="multiple", max=3,
             text="お住まいの地域で、困っていることや課題だと感じることは何ですか。（3つまで）",
             choices={1: "高齢者の見守り", 2: "子育て家庭への支援", 3: "障害のある人への支援",
                      4: "防災・防犯対策", 5: "地域活動の担い手不足", 6: "近所づきあいの希薄化",
                      7: "買い物や通院の移動手段", 8: "ひきこもりや社会的孤立", 9: "空き家の増加",
                      10: "その他", 11: "特にない"}),
        dict(id="q15", type="multiple",
             text="大地震などの災害が起きたとき、避難の手助けをしてくれる人はいますか。"
                  "（あてはまるものすべて）",
             choices={1: "同居の家族", 2: "別居の家族・親族", 3: "近所の人",
                      4: "自治会・自主防災組織", 5: "民生委員・児童委員", 6: "友人・知人",
                      7: "手助けしてくれる人はいない", 8: "わからない"}),
        dict(id="q16", column="問16", type="single",
             text="災害が起きたとき、あなたは一人で避難できますか。",
             choices={1: "一人で避難できる", 2: "避難には手助けが必要", 3: "わからない"}),
        dict(id="q17", column="問17", type="single",
             text="市が「避難行動要支援者名簿」を作成し、本人の同意を得て地域の支援者と"
                  "共有していることを知っていますか。",
             choices={1: "知っている", 2: "聞いたことはある", 3: "知らない"}),
        dict(id="q18", column="問18", type="single",
             text="あなたは、ボランティア活動をしたことがありますか。",
             choices={1: "現在している", 2: "以前したことがある", 3: "したことはないが関心がある",
                      4: "したことはなく関心もない"}),
        dict(id="q19", column="問19", type="scale",
             text="地域の住民同士の支え合い・助け合いは必要だと思いますか。",
             choices=AGREE4,
             nets={"そう思う（計）": [1, 2], "そう思わない（計）": [3, 4]},
             scores={1: 4, 2: 3, 3: 2, 4: 1}),
    ]
    if wave == 2023:  # new in 令和5年度
        qs += [
            dict(id="q20", column="問20", type="single",
                 text="あなたは、成年後見制度を知っていますか。",
                 choices={1: "制度の内容まで知っている", 2: "名前は聞いたことがある", 3: "知らない"}),
            dict(id="q21", column="問21", type="scale",
                 text="あなたは、どの程度、孤独であると感じることがありますか。",
                 choices={1: "しばしばある・常にある", 2: "時々ある", 3: "たまにある",
                          4: "ほとんどない", 5: "決してない"},
                 nets={"孤独感がある（計）": [1, 2, 3], "孤独感がない（計）": [4, 5]},
                 scores={1: 5, 2: 4, 3: 3, 4: 2, 5: 1}),
        ]
    qs.append(dict(id="q22", column="問22" if wave == 2023 else "問20", type="text",
                   text="地域福祉の推進について、ご意見・ご要望がありましたらご自由にお書きください。"))
    if wave == 2013:  # 平成25年度: no 名簿 question yet (問17), so 問18 and 問19 were 問17 and 問18, the free text 問19
        qs = [q for q in qs if q["id"] != "q17"]
        for q, column in zip((q for q in qs if q["id"] in ("q18", "q19", "q22")), ("問17", "問18", "問19")):
            q["column"] = column
    for q in qs:  # flag columns of the multiple questions are 問N_1 … 問N_k
        if q["type"] == "multiple" and "column" not in q:
            n = q["id"][1:]
            q["columns"] = [f"問{n}_{c}" for c in q["choices"]]
    return qs


# 問23 (令和5年度の新設): awareness of six 取組, a battery (one set of choices for every item).
BATTERY_ITEMS = [  # (text, shares of 知っている / 聞いたことはある / 知らない, weight of age, of young parents)
    ("地域福祉計画", [0.07, 0.28, 0.65], 0.15, 0.0),
    ("地域包括支援センター", [0.30, 0.36, 0.34], 0.35, 0.0),
    ("生活困窮者自立相談支援窓口", [0.05, 0.18, 0.77], 0.05, 0.0),
    ("ファミリー・サポート・センター", [0.16, 0.33, 0.51], -0.10, 0.8),
    ("認知症サポーター養成講座", [0.12, 0.30, 0.58], 0.25, 0.0),
    ("ボランティアセンター", [0.20, 0.38, 0.42], 0.10, 0.0),
]


def battery(wave: int) -> dict | None:
    """The battery of the wave (令和5年度 only): answered after everything else, from its own random stream, so
    the other questions' data are the same with or without it."""
    if wave != 2023:
        return None
    return dict(id="q23", type="battery", label="取組の認知",
                text="あなたは、次の取組や窓口を知っていますか。（それぞれ1つに○）",
                choices={1: "知っている", 2: "聞いたことはある", 3: "知らない"},
                nets={"知っている（計）": [1, 2]},
                items=[dict(id=f"q23_{k}", column=f"問23_{k}", text=t) for k, (t, *_) in enumerate(BATTERY_ITEMS, 1)])


def answer_battery(bat: dict, rng: Random, people: list[dict]) -> None:
    """The battery's recorded answers: awareness rises with age and community ties; item non-response as elsewhere."""
    ids = list(range(len(people)))
    for item, (_, shares, by_age, by_parents) in zip(bat["items"], BATTERY_ITEMS):
        key = "lat_" + item["id"]
        for p in people:
            p[key] = by_age * (p["age"] - 4) + by_parents * (p["age"] in (2, 3)) + 0.35 * p["C"] \
                + rng.normalvariate(0, 1.0)
        for i, code in rank_assign(people, ids, key, shares).items():
            p = people[i]
            rate = 0.003 if p["web"] else 0.010 + 0.006 * (p["age"] - 1)
            p["rec"][item["id"]] = None if rng.random() < rate * 1.5 else code


def header(qs: list[dict]) -> list[str]:
    cols = ["回答者ID"]
    for q in qs:
        cols += q["columns"] if "columns" in q else [q["column"]]
    return cols


# ---------------------------------------------------------------------------
# survey.yaml
# ---------------------------------------------------------------------------
_PLAIN_BAD = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|[,\[\]{}]|: | #|\s$")
_YAML_WORDS = re.compile(r"^(?:[-+]?[0-9][0-9_.:eE+-]*|~|null|true|false|yes|no|on|off|y|n)$", re.I)


def ys(value) -> str:
    """A YAML scalar (plain when safe, else double-quoted)."""
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if s and not _PLAIN_BAD.search(s) and not _YAML_WORDS.match(s):
        return s
    return json.dumps(s, ensure_ascii=False)


def yflow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{ys(k)}: {yflow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yflow(v) for v in value) + "]"
    return ys(value)


def survey_yaml(wave: int, qs: list[dict]) -> str:
    meta = {
        2023: dict(label="令和5年度調査", plan="第4次地域福祉計画",
                   period="2023年6月1日～6月30日", population=98000),
        2018: dict(label="平成30年度調査", plan="第3次地域福祉計画",
                   period="2018年7月2日～7月23日", population=101000),
        2013: dict(label="平成25年度調査", plan="第2次地域福祉計画",
                   period="2013年7月1日～7月22日", population=103000),
    }[wave]
    out = [
        "# 架空の「みなと市」地域福祉に関する市民意識調査（例題データ）",
        "# Surveys/generate_example.py が生成します。手で編集せず、スクリプトを直して再生成してください。",
    ]
    if wave == 2018:
        out += [
            "# 令和5年度調査との違い:",
            "#   q8（問8 地域活動への参加）は選択肢が5つ（令和5年度は4つ）。",
            "#     平成30年度 3「ほとんど参加していない」と 4「参加したことがない」→ 令和5年度 3「参加していない」",
            "#     平成30年度 5「どのような活動があるか知らない」→ 令和5年度 4（同じ文言）",
            "#   q20（成年後見制度）と q21（孤独感）は令和5年度の新設で、この調査にはない。",
            "#   自由記述 q22 はこの調査票では問20。",
        ]
    if wave == 2013:
        out += [
            "# 令和5年度調査との違い:",
            "#   郵送回答のみ（WEB回答はない）。",
            "#   q8（問8 地域活動への参加）は平成30年度と同じ5つの選択肢（令和5年度は4つ）。",
            "#   q17（避難行動要支援者名簿）はまだなく、問17・問18 が q18（ボランティア）・q19（支え合い）、自由記述 q22 は問19。",
            "#   q20（成年後見制度）と q21（孤独感）、q23（取組の認知）はない。",
        ]
    out += [
        f"series: {SERIES}",
        "title: 地域福祉に関する市民意識調査",
        f"wave: {wave}",
        f"label: {meta['label']}",
        f"plan: {meta['plan']}",
        "fieldwork:",
        "  population: 市内在住の18歳以上の方",
        "  sampling: 住民基本台帳から地区別に無作為抽出",
        "  method: 郵送配布・郵送回収（WEB回答併用）",
        f"  period: {meta['period']}",
        f"  distributed: {sum(d[3] for d in DISTRICTS)}",
        f"  population_size: {meta['population']}   # 18歳以上の人口（標本誤差の有限母集団修正に使う）",
        "data:",
    ]
    if wave == 2023:
        out += [
            "  - file: paper.csv        # 郵送回答（委託業者の入力データ、Excel の CSV）",
            "    encoding: cp932",
            "  - file: web.csv          # WEB回答（フォームの書き出し、UTF-8 BOM 付き）",
            "    encoding: auto",
        ]
    elif wave == 2018:
        out += [
            "  - file: paper.csv        # 郵送回答（CP932）",
            "  - file: web.csv          # WEB回答（CP932）",
        ]
    else:
        out += [
            "  - file: paper.csv        # 郵送回答のみ（CP932）",
            "    encoding: cp932",
        ]
    out += [
        "respondent_id: 回答者ID",
        f"missing: [{MISSING}]",
        "districts:",
        "  question: district",
        "  distributed: " + yflow({d[0]: d[3] for d in DISTRICTS}),
        "derived:",
        "  - id: area",
        "    text: 圏域",
        "    from: district",
        "    groups: " + yflow({name: codes for name, codes in AREAS}),
        "  - id: years",
        "    text: 居住年数（区分）",
        "    from: q1                 # 数値の設問から区分を作る: 5年未満, 5～9年, 10～19年, 20年以上",
        "    bins: [5, 10, 20]",
        "breaks: [district, area, sex, age, years]",
    ]
    if wave == 2023:
        out += [
            "weights:                       # 地区別に抽出率が異なるため、地区の人口 ÷ 回答者数でウェイト付け",
            "  strata:",
            "    question: district",
            "    population: " + yflow(POPULATION_2023),
        ]
    out += [
        "questions:",
    ]
    for q in qs:
        out.append(f"  - id: {q['id']}")
        if q["type"] == "battery":
            out += [f"    text: {ys(q['text'])}", f"    label: {ys(q['label'])}", "    type: battery",
                    f"    choices: {yflow(q['choices'])}", f"    nets: {yflow(q['nets'])}", "    items:"]
            out += [f"      - {yflow(item)}" for item in q["items"]]
            continue
        if "column" in q:
            out.append(f"    column: {ys(q['column'])}")
        if "separator" in q:
            out.append(f"    separator: {json.dumps(q['separator'])}")
        if "columns" in q:
            out.append(f"    columns: {yflow(q['columns'])}")
        out.append(f"    text: {ys(q['text'])}")
        if "label" in q:
            out.append(f"    label: {ys(q['label'])}")
        out.append(f"    type: {q['type']}")
        if q.get("ordered"):
            out.append("    ordered: true")
        if q.get("attribute"):
            out.append("    attribute: true")
        if "asked_if" in q:
            out.append(f"    asked_if: {yflow(q['asked_if'])}")
        if "not_asked" in q:
            out.append(f"    not_asked: {yflow(q['not_asked'])}")
        if "unit" in q:
            out.append(f"    unit: {ys(q['unit'])}")
        if "bins" in q:
            out.append(f"    bins: {yflow(q['bins'])}")
        if "max" in q:
            out.append(f"    max: {q['max']}")
        if "choices" in q:
            out.append("    choices:")
            out += [f"      {k}: {ys(v)}" for k, v in q["choices"].items()]
        if "nets" in q:
            out.append("    nets:")
            out += [f"      {ys(k)}: {yflow(v)}" for k, v in q["nets"].items()]
        if "scores" in q:
            out.append(f"    scores: {yflow(q['scores'])}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Respondents
# ---------------------------------------------------------------------------
def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def rank_assign(people, ids, key, shares):
    """Give the codes 1..k to people[ids] by descending ``key`` so that the
    code shares follow ``shares`` (code 1 goes to the highest latent values)."""
    order = sorted(ids, key=lambda i: (-people[i][key], i))
    n = len(order)
    cum, start, out = 0.0, 0, {}
    for code, share in enumerate(shares, start=1):
        cum += share
        stop = n if code == len(shares) else round(cum * n)
        for i in order[start:stop]:
            out[i] = code
        start = stop
    return out


def pick(rng: Random, weights: dict) -> int:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def make_people(wave: int, rng: Random) -> list[dict]:
    people = []
    for (code, name, area, dist, r23, r18, tie, amen, shift, lifelong, mover) in DISTRICTS:
        n = round(dist * (r23 if wave == 2023 else r18 if wave == 2018 else RATE_2013[code]))
        w_age = [b * math.exp(shift * (a - 3) * 0.28) for a, b in enumerate(AGE_BASE[wave])]
        for _ in range(n):
            p = {"district": code}
            ag = rng.choices(range(1, 8), weights=w_age)[0]
            lo, hi = AGE_RANGE[ag]
            years_old = rng.randint(lo, hi)
            p["age"] = ag
            p["age_years"] = years_old
            p["sex"] = rng.choices([1, 2, 3], weights=[0.455, 0.53, 0.015 if wave == 2023 else 0.008])[0]
            # years lived in the district
            if rng.random() < lifelong:
                yrs = years_old
            elif mover == 0:  # 緑ケ丘: ニュータウン（1970年代後半～80年代に入居）
                if years_old >= 55 and rng.random() < 0.75:
                    yrs = rng.randint(30, 44) + (wave - 2023) // 5 * 5
                else:
                    yrs = int((years_old - 18) * rng.random() ** 1.6)
            else:
                yrs = int(rng.expovariate(1.0 / mover))
                yrs = min(yrs, years_old - rng.randint(0, min(18, years_old)))
            p["years"] = max(0, yrs)
            # household
            w_hh = {1: 0.10, 2: 0.22, 3: 0.50, 4: 0.10, 5: 0.08}
            if ag == 1:
                w_hh = {1: 0.25, 2: 0.08, 3: 0.60, 4: 0.04, 5: 0.03}
            elif ag >= 5:
                w_hh = {1: 0.14 + 0.06 * (ag - 5), 2: 0.45, 3: 0.25, 4: 0.08, 5: 0.03}
            if code == 3:
                w_hh[1] *= 1.8
            if code in (5, 6):
                w_hh[4] *= 2.5
            hh = pick(rng, w_hh)
            p["q3"] = hh
            p["q2"] = {1: 1, 2: 2,
                       3: rng.choices([2, 3, 4, 5, 6], weights=[22, 35, 30, 10, 3])[0],
                       4: rng.choices([3, 4, 5, 6, 7, 8], weights=[8, 20, 30, 25, 12, 5])[0],
                       5: rng.choices([2, 3, 4], weights=[50, 35, 15])[0]}[hh]
            p["alone"] = hh == 1
            # latent traits
            zy = math.log1p(p["years"]) - 2.5
            p["C"] = 0.8 * tie + 0.15 * (ag - 4) + 0.25 * zy + rng.normalvariate(0, 1.1)
            p["A"] = amen + 0.30 * p["C"] + rng.normalvariate(0, 0.9)
            p["web"] = rng.random() < WEB_SHARE[wave][ag - 1]
            p["tie"] = tie
            people.append(p)
    rng.shuffle(people)
    return people


SHARES = {
    2023: dict(q4=[0.11, 0.25, 0.492, 0.148], q6=[0.31, 0.47, 0.16, 0.06],
               q8=[0.08, 0.21, 0.57, 0.14], q11=[0.22, 0.41, 0.37], q12=[0.18, 0.45, 0.37],
               q17=[0.13, 0.29, 0.58], q19=[0.44, 0.41, 0.10, 0.05],
               q20=[0.17, 0.43, 0.40], q21=[0.05, 0.15, 0.20, 0.42, 0.18]),
    2018: dict(q4=[0.15, 0.29, 0.464, 0.096], q6=[0.32, 0.47, 0.16, 0.05],
               q8=[0.10, 0.25, 0.29, 0.25, 0.11], q11=[0.20, 0.40, 0.40], q12=[0.17, 0.44, 0.39],
               q17=[0.09, 0.24, 0.67], q19=[0.47, 0.39, 0.09, 0.05]),
    2013: dict(q4=[0.18, 0.31, 0.438, 0.072], q6=[0.33, 0.46, 0.16, 0.05],
               q8=[0.12, 0.26, 0.27, 0.24, 0.11], q11=[0.21, 0.40, 0.39], q12=[0.15, 0.42, 0.43],
               q19=[0.50, 0.37, 0.08, 0.05]),
}
JOIN = {2023: 0.85, 2018: 1.25, 2013: 1.45}  # logit of joining the 自治会 at average ties


def answer(wave: int, rng: Random, people: list[dict]) -> None:
    """Fill the true answers into each person (before non-response)."""
    S = SHARES[wave]
    ids = list(range(len(people)))
    for p in people:
        ag = p["age"]
        p["lat_q4"] = p["C"] + rng.normalvariate(0, 0.6)
        p["lat_q6"] = p["A"]
        p["join"] = rng.random() < logistic(JOIN[wave] + 1.1 * p["C"])
        p["P"] = 0.8 * p["C"] + 0.9 * p["join"] + 0.15 * (ag in (5, 6)) - 0.3 * (ag == 7) \
            + rng.normalvariate(0, 1.0)
        p["lat_q11"] = 0.28 * (ag - 4) + 0.35 * p["C"] + rng.normalvariate(0, 1.0)
        p["lat_q12"] = 0.22 * (ag - 4) + 0.3 * p["C"] + 0.2 * (p["sex"] == 2) + rng.normalvariate(0, 1.0)
        p["lat_q17"] = 0.20 * (ag - 4) + 0.5 * p["C"] + 0.3 * p["join"] + rng.normalvariate(0, 1.0)
        p["lat_q19"] = 0.40 * p["C"] + 0.10 * (ag - 4) + 0.15 * (p["sex"] == 2) + rng.normalvariate(0, 1.0)
        p["lat_q20"] = 0.35 * (ag in (4, 5, 6)) + 0.2 * p["C"] + 0.15 * (p["sex"] == 2) \
            + rng.normalvariate(0, 1.0)
        p["lat_q21"] = 0.9 * p["alone"] + 0.3 * (ag <= 2) + 0.15 * (ag == 7) - 0.45 * p["C"] \
            + rng.normalvariate(0, 1.0)
    asked = ["q4", "q6", "q8", "q11", "q12"] + (["q17"] if wave != 2013 else []) + ["q19"]
    for q in asked + (["q20", "q21"] if wave == 2023 else []):
        key = "P" if q == "q8" else f"lat_{q}"
        for i, code in rank_assign(people, ids, key, S[q]).items():
            people[i][q] = code
    # q10: intention to take part
    known = [i for i in ids if rng.random() >= 0.10]
    for i in ids:
        people[i]["q10"] = 5
        people[i]["lat_q10"] = 0.7 * people[i]["P"] + 0.25 * (people[i]["age"] <= 3) \
            - 0.4 * (people[i]["age"] == 7) + rng.normalvariate(0, 1.0)
    for i, code in rank_assign(people, known, "lat_q10", [0.06, 0.49, 0.27, 0.18]).items():
        people[i]["q10"] = code
    # q18: volunteering
    for p in people:
        p["lat_q18"] = 0.7 * p["P"] + rng.normalvariate(0, 1.0)
    for i, code in rank_assign(people, ids, "lat_q18", [0.07, 0.22, 0.71]).items():
        p = people[i]
        if code == 3:
            interest = 0.52 if p["age"] <= 3 else (0.40 if p["age"] <= 5 else 0.25)
            code = 3 if rng.random() < interest else 4
        p["q18"] = code
    for p in people:
        ag, yrs, sex = p["age"], p["years"], p["sex"]
        p["q7"] = 1 if p["join"] else (3 if rng.random() < (0.10 if ag <= 2 else 0.03) else 2)
        # q5: reason for having no contact with neighbours
        if p["q4"] == 4:
            p["q5"] = pick(rng, {1: 3.2 if ag <= 4 else 0.6, 2: 3.0, 3: 2.2 if ag <= 3 else 1.3,
                                 4: 1.1, 5: 4.5 if yrs < 3 else 0.2, 6: 0.4})
        else:
            p["q5"] = None
        # q9: activities (only 積極的に/ときどき参加)
        if p["q8"] in (1, 2):
            pr = {1: 0.55 + 0.25 * p["join"], 2: 0.45 if ag in (2, 3) else 0.06,
                  3: 0.40 if ag >= 6 else (0.10 if ag == 5 else 0.0), 4: 0.45, 5: 0.24,
                  6: 0.38 + 0.10 * (p["tie"] > 0.5), 7: 0.14, 8: 0.04}
            chosen = [c for c, v in pr.items() if rng.random() < v]
            p["q9"] = chosen or [1]
        else:
            p["q9"] = None
        # q13: where to consult
        if rng.random() < (0.09 if sex == 1 else 0.04) + 0.05 * p["alone"]:
            p["q13"] = [10]
        else:
            pr = {1: 0.66 + (0.14 if sex == 2 else 0.0) - 0.20 * p["alone"],
                  2: 0.30 + (0.15 if ag <= 3 else -0.08 if ag >= 6 else 0.0) + (0.10 if sex == 2 else 0.0),
                  3: max(0.02, 0.08 + 0.05 * p["C"]),
                  4: 0.02 + 0.04 * (ag >= 6) + 0.02 * (p["tie"] > 0.5),
                  5: 0.16, 6: 0.04 + 0.03 * (ag >= 6),
                  7: 0.02 + 0.11 * (ag >= 6), 8: 0.06 + 0.08 * (ag >= 6),
                  9: 0.16 if ag <= 4 else 0.02, 11: 0.02}
            chosen = [c for c, v in pr.items() if rng.random() < v]
            p["q13"] = sorted(chosen or [1])
        # q14: local problems, up to 3
        if rng.random() < 0.06:
            p["q14"] = [11]
        else:
            w = {1: 3.0 + 1.0 * (ag >= 6), 2: 2.6 if ag in (2, 3) else 0.8, 3: 0.7,
                 4: 2.2, 5: 1.8 + 1.2 * (p["tie"] > 0.3), 6: 1.6 + 1.4 * (p["tie"] < 0),
                 7: 1.0 + 2.4 * (p["district"] in (5, 6, 7)) + 0.8 * (ag >= 6),
                 8: 0.9, 9: 0.6 + 1.8 * (p["district"] in (2, 4, 7)), 10: 0.2}
            k = rng.choices([1, 2, 3], weights=[0.24, 0.30, 0.46])[0]
            chosen = []
            for _ in range(k):
                c = pick(rng, {c: v for c, v in w.items() if c not in chosen})
                chosen.append(c)
            p["q14"] = sorted(chosen)
        # q15: who helps to evacuate
        u = rng.random()
        if u < 0.04 + 0.08 * p["alone"]:
            p["q15"] = [7]
        elif u < 0.10 + 0.08 * p["alone"]:
            p["q15"] = [8]
        else:
            pr = {1: 0.0 if p["alone"] else 0.82, 2: 0.22 + 0.25 * p["alone"],
                  3: max(0.03, 0.16 + 0.12 * p["C"]), 4: max(0.01, 0.06 + 0.06 * p["C"]),
                  5: 0.02 + 0.04 * (ag >= 7), 6: 0.12 + 0.08 * (ag <= 3)}
            chosen = [c for c, v in pr.items() if rng.random() < v]
            p["q15"] = chosen or ([2] if p["alone"] else [1])
        # q16: can you evacuate on your own?
        need = [0.01, 0.01, 0.02, 0.03, 0.05, 0.12, 0.36][ag - 1] + 0.04 * p["alone"] * (ag >= 6)
        dk = 0.05 + 0.03 * (ag >= 6)
        u = rng.random()
        p["q16"] = 2 if u < need else (3 if u < need + dk else 1)
        p["q1"] = p["years"]


# ---------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------
# (text, who: a=anyone, y=younger, o=older, utf8-only flag)
COMMENTS = [
    ("高齢の一人暮らしが増えているので、見守り活動を充実させてほしいです。", "o", False),
    ("自治会の役員のなり手がなく、同じ人ばかりに負担が集中しています。", "o", False),
    ("①買い物の支援 ②通院の送迎 ③ゴミ出しの手伝い があると助かります。", "o", False),
    ("災害のとき、近所で誰が手助けを必要としているのか分かりません。", "a", False),
    ("民生委員の方の顔を知りません。もっとPRしてほしい。", "y", False),
    ("子育て中ですが、地域の行事に参加するきっかけがありません。", "y", False),
    ("\"地域共生社会\"という言葉をよく聞きますが、具体的に何をすればよいのか分かりません。", "a", False),
    ("㈱みなとストアの撤退でスーパーがなくなり、買い物が大変不便です。", "o", False),
    ("㍻の初めに引っ越してきましたが、当時に比べて近所づきあいが減ったと感じます。", "o", False),
    ("髙橋さん（民生委員）にはいつもお世話になっています。", "o", False),
    ("隣の山﨑さんが毎朝声をかけてくれるので心強いです。", "o", False),
    ("アンケートの設問が多すぎます。もう少し簡単にしてください。", "a", False),
    ("市役所の相談窓口が9時～17時だけでは、働いている人は相談に行けません。夜間や土日の窓口をお願いします。", "y", False),
    ("バスが1時間に1本しかなく、通院が大変です。", "o", False),
    ("空き家が増えて、防犯面が心配です。", "a", False),
    ("特になし", "a", False),
    ("特にありません。", "a", False),
    ("ありがとうございました。", "o", False),
    ("自治会に入っていない世帯が増えています。\n回覧板も回らず、必要な情報が届きません。", "o", False),
    ("マンションには管理組合はあるけど,自治会はない。どこに相談すればいいのか分からない。", "y", False),
    ("①防災訓練,②見守り,③サロン活動 を若い世代にも広げてほしい。", "a", False),
    ("坂道が多く、足が悪くなってからは外出がおっくうになりました。", "o", False),
    ("介護と仕事の両立が難しく、気軽に相談できる場所がほしいです。", "a", False),
    ("社会福祉協議会が何をしているところなのか、初めて知りました。", "y", False),
    ("老人クラブの会員が減り、活動の継続が難しくなっています。", "o", False),
    ("「困ったときはお互いさま」と言える地域にしたい。", "a", False),
    ("通学路の見守りボランティアをしていますが、担い手が高齢化しています。", "o", False),
    ("ひきこもりの家族のことを、どこに相談してよいか分かりません。", "a", False),
    ("外国人の住民が増えているので、多言語での情報提供をお願いします。", "a", False),
    ("地域のサロンに月1回参加するのが楽しみです。", "o", False),
    ("成年後見制度について、もっと分かりやすい説明会を開いてほしい。", "o", False),
    ("子ども食堂のような居場所が近くにあるとよいと思います。", "y", False),
    ("近所づきあいはわずらわしいと感じることもありますが、災害時のことを考えると必要だと思います。", "a", False),
    ("Ⅱ期計画の時から同じ課題が書かれている気がします。", "a", False),
    ("回答用紙の字が小さくて読みにくい。", "o", False),
    ("ごみ出しのルールを守らない人が多い。\n注意すると逆恨みされそうで言えません。", "a", False),
    ("集会所のバリアフリー化（段差の解消、トイレの洋式化）を進めてほしい。", "o", False),
    ("防災無線が聞こえにくい地区があります。", "a", False),
    ("転入してきたばかりで、地域のことがよく分かりません。", "y", False),
    ("ボランティアに関心はありますが、どこで募集しているのか分かりません。", "y", False),
]
COMMENTS_WEB = [  # typed on phones/PCs; only in the UTF-8 web file
    ("WEBで回答できるのは便利でした。次回もお願いします。", "y", False),
    ("スマホで回答しました。紙よりも楽です。", "y", False),
    ("近所の𠮷田さんのように、声をかけてくれる人がいると安心します。", "a", True),
    ("相談窓口の受付時間（平日8:30〜17:15）を延長してほしい。", "y", True),
]


def comment(rng: Random, p: dict, utf8: bool) -> str:
    pool = COMMENTS + (COMMENTS_WEB if p["web"] else [])
    pool = [c for c in pool if utf8 or not c[2]]
    who = "y" if p["age"] <= 3 else ("o" if p["age"] >= 6 else "m")
    weights = [3.0 if c[1] == who else (1.0 if c[1] in ("a", who) or who == "m" else 0.25) for c in pool]
    first = rng.choices(range(len(pool)), weights=weights)[0]
    text = pool[first][0]
    if rng.random() < 0.22 and not text.startswith("特に"):
        other = rng.choices(range(len(pool)), weights=weights)[0]
        if other != first and not pool[other][0].startswith("特に") and pool[other][0] != "ありがとうございました。":
            text += ("\n" if rng.random() < 0.5 else "") + pool[other][0]
    return text


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------
def to_row(wave, qs, p, web, operator99) -> list[str]:
    """Cells of one respondent; ``p`` holds the recorded answers (None = 無回答)."""
    row = [p["rid"]]
    for q in qs:
        v = p.get(q["id"])
        t = q["type"]
        if t in ("single", "scale"):
            if v is None:
                row.append(str(MISSING) if operator99 and q["id"] not in ("q5",) else "")
            elif web and q["id"] == "sex":
                row.append(q["choices"][v])  # the form exports the label
            else:
                row.append(str(v))
        elif t == "number":
            row.append("" if v is None else str(v))
        elif t == "text":
            row.append(v or "")
        elif "columns" in q:
            skipped = "asked_if" in q and not p.get("eligible_" + q["id"], True)
            if v is None:
                row += [("0" if web and not skipped else "")] * len(q["columns"])
            else:
                row += [("1" if c in v else ("0" if web else "")) for c in q["choices"]]
        else:  # one cell, separator
            if v is None:
                row.append("")
            elif web:
                row.append(q["separator"].join(q["choices"][c] for c in v))
            else:
                row.append(q["separator"].join(str(c) for c in v))
    return row


def record(wave: int, rng: Random, people: list[dict], qs: list[dict]) -> None:
    """Apply item non-response and skip logic: the answers as recorded."""
    for p in people:
        p["rec"] = rec = {}
        base = 0.003 if p["web"] else 0.010 + 0.006 * (p["age"] - 1)
        for q in qs:
            qid = q["id"]
            if q["type"] == "text":
                share = (0.20 if p["web"] else 0.14) * (1.25 if p["age"] >= 6 else 1.0)
                rec[qid] = comment(rng, p, utf8=(wave == 2023 and p["web"])) if rng.random() < share else None
                continue
            v = p.get(qid)
            rate = base * {"district": 0.0, "sex": 0.5, "age": 0.4, "q1": 2.0, "q2": 1.6,
                           "q17": 1.5, "q14": 1.4, "q15": 1.4, "q13": 1.3}.get(qid, 1.0)
            if p["web"] and qid in ("district", "sex", "age"):
                rate = 0.0  # required on the form
            if rng.random() < rate:
                v = None
            rec[qid] = v
        # skip logic on what was recorded
        for q in qs:
            if "asked_if" in q:
                (src, codes), = q["asked_if"].items()
                ok = rec.get(src) in codes
                rec["eligible_" + q["id"]] = ok
                if not ok:
                    rec[q["id"]] = None
    # a few paper respondents left 地区 blank
    paper = [p for p in people if not p["web"]]
    for p in rng.sample(paper, 5 if wave == 2023 else 4):
        p["rec"]["district"] = None


def csv_text(rows: list[list[str]]) -> tuple[str, list[int]]:
    """CSV text with CRLF rows and the physical start line of every row."""
    buf, lines, line = [], [], 1
    for r in rows:
        s = _csv_line(r)
        lines.append(line)
        line += s.count("\n")
        buf.append(s)
    return "".join(buf), lines


def _csv_line(r: list[str]) -> str:
    f = io.StringIO()
    csv.writer(f, lineterminator="\r\n").writerow(r)
    return f.getvalue()


PLANTS = {  # wave -> list of (kind, column, value)
    2023: [("double", "問4", "2,3"), ("double", "問18", "1・2"), ("double", "問10", "1,2"),
           ("overmax", "q14", 4), ("overmax", "q14", 4),
           ("inelig", "問5", None), ("inelig", "問5", None), ("inelig", "問5", None),
           ("width", "年齢", None), ("width", "問1", None), ("width", "問6", None),
           ("space", "問7", " {}"), ("space", "問11", "{} "), ("space", "問2", " {} "),
           ("blank", None, None)],
    2018: [("double", "問6", "1,2"), ("double", "問11", "2・3"),
           ("overmax", "q14", 4), ("overmax", "q14", 4),
           ("inelig", "問5", None), ("inelig", "問5", None),
           ("width", "地区", None), ("width", "問2", None),
           ("space", "性別", "{} "), ("space", "問4", " {}"),
           ("blank", None, None)],
    2013: [("double", "問12", "1・2"), ("overmax", "q14", 4), ("inelig", "問5", None),
           ("width", "問1", None), ("space", "問10", " {}"), ("blank", None, None)],
}
WARN = {
    "double": "単一回答に2つの回答（二重丸）→ 無回答として扱い、警告",
    "overmax": "回答数が max 3 を超える → 小さい番号から3つを採用し、警告",
    "inelig": "問4が「ほとんどつきあいはない」以外なのに問5に回答（非該当者の回答）→ 警告",
    "width": "全角数字 → NFKC で正規化（エラーにならない）",
    "space": "前後の空白 → 取り除いて読む（エラーにならない）",
    "blank": "全セルが空の行（Excel の空行）→ 除外し、警告",
}


def plant(wave, rng, qs, paper_rows, paper_people, log):
    """Apply the warnings-only imperfections to the paper rows (in place)."""
    hdr = header(qs)
    col = {name: i for i, name in enumerate(hdr)}
    used: set[int] = set()
    n = len(paper_rows)
    q14 = next(q for q in qs if q["id"] == "q14")
    blank_at = None
    kinds = PLANTS[wave]
    # spread the plants over the file: one per slice
    slices = len(kinds)
    for k, (kind, column, value) in enumerate(kinds):
        lo, hi = k * n // slices, (k + 1) * n // slices
        cands = []
        for i in range(lo, hi):
            if i in used:
                continue
            p, row = paper_people[i], paper_rows[i]
            rec = p["rec"]
            if any(c in (str(MISSING),) for c in row) and kind != "blank":
                continue  # keep planted rows otherwise clean
            if kind == "double":
                qid = next(q["id"] for q in qs if q.get("column") == column)
                a, b = (int(x) for x in re.split("[,・]", value))
                if rec.get(qid) not in (a, b) or (qid == "q4" and rec["q4"] == 4):
                    continue
            elif kind == "overmax":
                if rec.get("q14") is None or 11 in rec["q14"] or len(rec["q14"]) != 3:
                    continue
            elif kind == "inelig":
                if rec.get("q4") not in (2, 3):
                    continue
            elif kind in ("width", "space"):
                qid = next(q["id"] for q in qs if q.get("column") == column)
                if rec.get(qid) is None:
                    continue
            cands.append(i)
        i = rng.choice(cands)
        used.add(i)
        p, row = paper_people[i], paper_rows[i]
        if kind == "blank":
            blank_at = i  # an empty line goes in before this row
            continue
        if kind == "double":
            row[col[column]] = value
            log.append((p["rid"], column, value, kind))
        elif kind == "overmax":
            extra = rng.choice([c for c in range(1, 11) if c not in p["rec"]["q14"]])
            codes = sorted(p["rec"]["q14"] + [extra])
            for c in codes:
                row[col[q14["columns"][c - 1]]] = "1"
            cols = [q14["columns"][c - 1] for c in codes]
            log.append((p["rid"], "・".join(cols), "1（4つ）", kind))
        elif kind == "inelig":
            v = pick(rng, {1: 2, 2: 3, 3: 2, 4: 1})
            row[col["問5"]] = str(v)
            log.append((p["rid"], "問5", f"{v}（問4={row[col['問4']]}）", kind))
        elif kind == "width":
            v = unicodedata.normalize("NFKC", row[col[column]])
            fw = "".join(chr(ord(ch) + 0xFEE0) for ch in v)
            row[col[column]] = fw
            log.append((p["rid"], column, fw, kind))
        elif kind == "space":
            v = value.format(row[col[column]])
            row[col[column]] = v
            log.append((p["rid"], column, repr(v), kind))
    return blank_at


def key_not_asked(wave: int, qs: list[dict], paper_rows: list[list[str]], paper_people: list[dict]) -> None:
    """2023: the contractor keyed 非該当 in the flag columns of 問9 (asked only of those taking part in local
    activities, 問8 = 1 or 2) as ``NOT_ASKED`` (-1) for those who answered 問8 = 3 or 4, where the paper rows
    otherwise leave them blank; q9 declares it with ``not_asked: [-1]``. No random draw: every other cell is
    unchanged, and so is every count (the same respondents are outside q9's ``asked_if``)."""
    if wave != 2023:
        return
    q9 = next(q for q in qs if q["id"] == "q9")
    q9["not_asked"] = [NOT_ASKED]
    col = {name: i for i, name in enumerate(header(qs))}
    for row, p in zip(paper_rows, paper_people):
        if p["rec"].get("q8") in (3, 4):
            for column in q9["columns"]:
                row[col[column]] = str(NOT_ASKED)


def build_wave(wave: int, seed: int) -> dict:
    rng = Random(seed)
    qs = questions(wave)
    people = make_people(wave, rng)
    answer(wave, rng, people)
    record(wave, rng, people, qs)
    paper_people = [p for p in people if not p["web"]]
    web_people = [p for p in people if p["web"]]
    for prefix, group in (("P", paper_people), ("W", web_people)):
        for k, p in enumerate(group, start=1):
            p["rid"] = f"{prefix}{k:04d}"
    # one data-entry operator keyed 無回答 of single answers as 99: P0601-P0900
    paper_rows = [to_row(wave, qs, {**p["rec"], "rid": p["rid"]}, False, 601 <= k <= 900)
                  for k, p in enumerate(paper_people, start=1)]
    web_rows = [to_row(wave, qs, {**p["rec"], "rid": p["rid"]}, True, False) for p in web_people]
    log: list = []
    blank_at = plant(wave, rng, qs, paper_rows, paper_people, log)
    key_not_asked(wave, qs, paper_rows, paper_people)
    hdr = header(qs)
    bat = battery(wave)
    if bat:  # after the plants, so the planted rows stay where they were
        answer_battery(bat, Random(seed + 23), people)
        hdr += [item["column"] for item in bat["items"]]
        for rows, group, web in ((paper_rows, paper_people, False), (web_rows, web_people, True)):
            for k, (row, p) in enumerate(zip(rows, group), start=1):
                v = [p["rec"][item["id"]] for item in bat["items"]]
                row += [str(c) if c is not None else (str(MISSING) if not web and 601 <= k <= 900 else "") for c in v]
        qs = qs + [bat]
    blank = [""] * len(hdr)
    paper_all = [hdr] + paper_rows[:blank_at] + [blank] + paper_rows[blank_at:]
    paper_txt, paper_lines = csv_text(paper_all)
    web_txt, _ = csv_text([hdr] + web_rows)
    line_of = {r[0]: ln for r, ln in zip(paper_all, paper_lines) if r[0]}
    plants = [("paper.csv", line_of[rid], rid, column, value, kind) for rid, column, value, kind in log]
    plants.append(("paper.csv", paper_lines[blank_at + 1], "（なし）", "全列", "（空）", "blank"))
    plants.sort(key=lambda t: t[1])
    return dict(wave=wave, qs=qs, people=people, paper=paper_txt, web=web_txt, plants=plants)


def main() -> None:
    for wave, seed in ((2023, 20230601), (2018, 20180702), (2013, 20130701)):
        w = build_wave(wave, seed)
        folder = HERE / SERIES / str(wave)
        folder.mkdir(parents=True, exist_ok=True)
        counts = {d[0]: 0 for d in DISTRICTS}
        for p in w["people"]:
            if p["rec"]["district"] is not None:
                counts[p["rec"]["district"]] += 1
        (folder / "survey.yaml").write_bytes(survey_yaml(wave, w["qs"]).encode("utf-8"))
        (folder / "paper.csv").write_bytes(w["paper"].encode("cp932"))
        if wave != 2013:  # 平成25年度 had no web form
            web_enc = "utf-8-sig" if wave == 2023 else "cp932"
            (folder / "web.csv").write_bytes(w["web"].encode(web_enc))
        n_web = sum(p["web"] for p in w["people"])
        print(f"{SERIES}/{wave}: {len(w['people'])} respondents "
              f"(paper {len(w['people']) - n_web}, web {n_web}); "
              f"地区無回答 {len(w['people']) - sum(counts.values())}")
        print("  " + ", ".join(f"{d[1]} {counts[d[0]]}" for d in DISTRICTS))
        for f, line, rid, column, value, kind in w["plants"]:
            print(f"  {f}:{line} {rid} {column} = {value}  [{kind}] {WARN[kind]}")


if __name__ == "__main__":
    main()
