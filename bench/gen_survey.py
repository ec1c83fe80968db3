#!/usr/bin/env python3
"""Deterministic synthetic 市民アンケート for the benchmark (Python 3, standard library only).

Usage:
    bench/gen_survey.py --rows N --out DIR [--encoding utf-8|cp932] [--seed S]

Writes DIR/responses.csv and DIR/survey.yaml (the definition `survey report` reads).
The layout is the SURVEY-TAB v1 workload: 68 columns —
回答者ID, 地区 (1..30), 性別 (1..3), 年齢 (1..7), 世帯構成 (1..6), 問1..問20 (single, 1..5, 9 = 無回答),
問21_1..問21_12, 問22_1..問22_10, 問23_1..問23_8 (multiple answers as 0/1 flags),
問24..問33 (scale 1..4), 問34 (居住年数 0..80), 問35 (世帯人数 1..10), 問36 (free text with
ASCII commas, doubled quotes, LF and CRLF inside quoted cells).

The file is what Excel writes: CRLF row ends, RFC 4180 quoting, UTF-8 with a BOM (or CP932 without
one). The same --rows/--seed gives byte-identical files on any CPython 3 (only random.Random.random()
is used), the same data in both encodings, and row i does not depend on N (the first 10,000 rows of
the 1,000,000-row file are the 10,000-row file). With the default seed the data equal those of the
peers' workload generator, so figures can be compared with their published results.
"""
import argparse
import bisect
import csv
import math
import os
import random
import sys

DISTRICTS = 30
SINGLE = [f"問{i}" for i in range(1, 21)]
SCALE = [f"問{i}" for i in range(24, 34)]
FLAG_SETS = [("問21", 12), ("問22", 10), ("問23", 8)]

# Strength of the district effect per question (0: independent of 地区, a null chi-square).
SINGLE_EFFECT = [0.8, 0.0, 0.3, 0.05, 0.6, 0.0, 0.15, 0.3, 0.0, 0.05,
                 0.6, 0.15, 0.0, 0.3, 0.05, 0.8, 0.0, 0.15, 0.3, 0.6]
SCALE_EFFECT = [0.4, 0.0, 0.2, 0.1, 0.5, 0.0, 0.3, 0.05, 0.2, 0.0]
FLAG_EFFECT = {"問21": 0.5, "問22": 0.2, "問23": 0.0}

SATISFACTION = ["満足", "やや満足", "どちらともいえない", "やや不満", "不満"]
AGREEMENT = ["そう思う", "ややそう思う", "あまりそう思わない", "そう思わない"]
SEX = ["男性", "女性", "その他・答えたくない"]
AGE = ["18～29歳", "30歳代", "40歳代", "50歳代", "60歳代", "70歳代", "80歳以上"]
HOUSEHOLD = ["単身", "夫婦のみ", "二世代（親と子）", "三世代", "ひとり親と子", "その他"]
SINGLE_TOPICS = ["住みやすさ", "買い物の便利さ", "公共交通", "道路の整備", "公園・緑地",
                 "治安", "防災対策", "医療機関", "子育て環境", "学校教育",
                 "高齢者福祉", "障がい者福祉", "ごみ収集", "騒音・振動", "景観",
                 "文化・スポーツ施設", "地域のつながり", "行政の情報発信", "窓口サービス", "総合評価"]
SCALE_TOPICS = ["今後も住み続けたい", "地域に愛着がある", "近所づきあいがある",
                "災害への備えをしている", "健康に気をつけている", "市の施策に関心がある",
                "地域活動に参加したい", "環境に配慮している", "行政を信頼している",
                "暮らし向きにゆとりがある"]
FLAG_QUESTIONS = {
    "問21": ("地域で不足していると思う施設（あてはまるものすべて）",
             ["公園", "図書館", "集会所", "保育所", "高齢者施設", "診療所", "スーパー",
              "駐輪場", "運動施設", "避難所", "公衆トイレ", "その他"]),
    "問22": ("市政情報の入手方法（あてはまるものすべて）",
             ["広報紙", "ホームページ", "SNS", "回覧板", "テレビ・ラジオ", "新聞",
              "知人・家族", "窓口", "メール配信", "その他"]),
    "問23": ("参加している地域活動（あてはまるものすべて）",
             ["町内会・自治会", "清掃活動", "防災訓練", "祭り・行事", "子ども会・PTA",
              "老人クラブ", "ボランティア", "その他"]),
}
FRAGMENTS = [
    "公園の整備をお願いしたい", "バスの本数を増やしてほしい", "ごみの分別がわかりにくい",
    "子育て支援を充実してほしい", "街灯が少なく夜道が暗い", "特になし",
    "図書館の開館時間を延長してほしい", "高齢者の見守りが必要", "道路の段差を直してほしい",
    "防災訓練に参加したい", "空き家が増えて不安", "駅前の駐輪場が足りない",
    "医療機関へのアクセスが不便", "地域の行事が楽しみです", "アンケートが長すぎる",
    "市役所の対応が丁寧だった", "歩道が狭くて危ない", "緑が多くて住みやすい",
]
QUOTED = ["買い物難民", "ごみ屋敷", "ながら見守り", "地域の顔", "安心・安全"]


def normal(rng):
    """A standard normal by Box–Muller, from random() only (stable across CPython versions)."""
    u = rng.random() or 1e-300
    return math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * rng.random())


def cumulative(weights):
    """The cumulative distribution of `weights` for bisect on [0, 1); the last entry is exactly 1."""
    total = float(sum(weights))
    out, acc = [], 0.0
    for weight in weights:
        acc += weight / total
        out.append(acc)
    out[-1] = 1.0
    return out


def tilted(rng, k, strength):
    """A base distribution over k codes, tilted per district by exp(strength · z)."""
    base = [(0.3 + rng.random()) ** 1.5 for _ in range(k)]
    result = []
    for _ in range(DISTRICTS):
        z = [normal(rng) for _ in range(k)]
        weights = [b * math.exp(strength * zz) for b, zz in zip(base, z)]
        total = sum(weights)
        result.append([w / total for w in weights])
    return result


def design(seed):
    """The population: district sizes, and per question its district effect and 無回答 rates."""
    rng = random.Random(seed)
    d = {"district": [0.5 + rng.random() for _ in range(DISTRICTS)]}
    d["sex"] = [[0.47, 0.51, 0.02] for _ in range(DISTRICTS)]
    age_base = [0.10, 0.12, 0.15, 0.16, 0.17, 0.18, 0.12]
    d["age"] = []
    for _ in range(DISTRICTS):
        older = rng.random() - 0.5
        d["age"].append([a * math.exp(older * (i - 3) * 0.4) for i, a in enumerate(age_base)])
    household_base = [0.18, 0.25, 0.35, 0.08, 0.07, 0.07]
    d["household"] = [[h * math.exp(0.3 * normal(rng)) for h in household_base] for _ in range(DISTRICTS)]
    d["single"] = []
    for strength in SINGLE_EFFECT:
        blank = 0.02 + 0.02 * rng.random()
        nine = 0.005 + 0.01 * rng.random()
        d["single"].append((blank, nine, tilted(rng, 5, strength)))
    d["scale"] = []
    for strength in SCALE_EFFECT:
        blank = 0.025 + 0.02 * rng.random()
        d["scale"].append((blank, tilted(rng, 4, strength)))
    d["flags"] = []
    for name, k in FLAG_SETS:
        strength = FLAG_EFFECT[name]
        nonresponse = 0.03 + 0.03 * rng.random()
        base = [0.05 + 0.5 * rng.random() for _ in range(k)]
        probabilities = []
        for _ in range(DISTRICTS):
            row = []
            for b in base:
                logit = math.log(b / (1 - b)) + strength * normal(rng)
                row.append(1.0 / (1.0 + math.exp(-logit)))
            probabilities.append(row)
        d["flags"].append((k, nonresponse, probabilities))
    d["years_power"] = [0.7 + 0.8 * rng.random() for _ in range(DISTRICTS)]
    return d


def free_text(r):
    """An opinion of one to three fragments, sometimes with quotes, commas and line breaks."""
    k = 1 + int(r() * 3)
    parts = [FRAGMENTS[int(r() * len(FRAGMENTS))] for _ in range(k)]
    if r() < 0.15:
        word = QUOTED[int(r() * len(QUOTED))]
        parts.insert(int(r() * (len(parts) + 1)), f'いわゆる"{word}"が心配')
    out = parts[0]
    for part in parts[1:]:
        x = r()
        sep = "," if x < 0.20 else "\n" if x < 0.32 else "。\r\n" if x < 0.40 else "、" if x < 0.70 else "。"
        out += sep + part
    if r() < 0.5:
        out += "。"
    return out


def header():
    names = ["回答者ID", "地区", "性別", "年齢", "世帯構成"] + SINGLE
    for name, k in FLAG_SETS:
        names += [f"{name}_{j}" for j in range(1, k + 1)]
    return names + SCALE + ["問34", "問35", "問36"]


def rows(count, seed):
    """Yields the data rows (lists of cell texts) in order."""
    d = design(seed)
    rng = random.Random(seed * 7919 + 104729)
    r = rng.random
    cut = bisect.bisect_right
    district_cum = cumulative(d["district"])
    sex_cum = [cumulative(w) for w in d["sex"]]
    age_cum = [cumulative(w) for w in d["age"]]
    household_cum = [cumulative(w) for w in d["household"]]
    single_values = ["", "9", "1", "2", "3", "4", "5"]
    single_cum = [[cumulative([blank, nine] + [p * (1.0 - blank - nine) for p in dist]) for dist in dists]
                  for blank, nine, dists in d["single"]]
    scale_values = ["", "1", "2", "3", "4"]
    scale_cum = [[cumulative([blank] + [p * (1.0 - blank) for p in dist]) for dist in dists]
                 for blank, dists in d["scale"]]
    years_high = [12, 25, 35, 45, 60, 70, 80]
    people_range = [(1, 1), (2, 2), (3, 6), (4, 10), (2, 5), (1, 10)]
    for i in range(1, count + 1):
        district = cut(district_cum, r())
        age = cut(age_cum[district], r())
        household = cut(household_cum[district], r())
        row = [str(i), str(district + 1), str(cut(sex_cum[district], r()) + 1), str(age + 1), str(household + 1)]
        for tables in single_cum:
            row.append(single_values[cut(tables[district], r())])
        for k, nonresponse, probabilities in d["flags"]:
            if r() < nonresponse:
                row += ["0"] * k
                continue
            flags = ["1" if r() < p else "0" for p in probabilities[district]]
            if "1" not in flags:
                flags[int(r() * k)] = "1"
            row += flags
        for tables in scale_cum:
            row.append(scale_values[cut(tables[district], r())])
        row.append("" if r() < 0.04 else str(min(80, int((years_high[age] + 1) * (r() ** d["years_power"][district])))))
        if r() < 0.03:
            row.append("")
        else:
            low, high = people_range[household]
            row.append(str(low + int(r() * (high - low + 1))))
        row.append(free_text(r) if r() < 0.35 else "")
        yield row


def choices_yaml(labels, indent="    "):
    return "\n".join(f"{indent}  {code}: {label}" for code, label in enumerate(labels, 1))


def definition(count, encoding, weighted=False):
    """The survey.yaml of the generated file: 地区 as the one axis of `breaks`, 9 as a missing code; with
    `weighted`, strata weights by 地区 (a made-up population per district, as the example's 2023 wave)."""
    out = [
        "# Generated by bench/gen_survey.py; the benchmark workload (SURVEY-TAB v1).",
        "series: bench",
        "title: ベンチマーク用 市民アンケート（合成データ）",
        "wave: 2024",
        "data:",
        "  - file: responses.csv",
        f"    encoding: {'cp932' if encoding == 'cp932' else 'auto'}",
        "respondent_id: 回答者ID",
        "missing: [9]",
        "districts:",
        "  question: district",
        "breaks: [district]",
    ]
    if weighted:
        out.extend(["weights:", "  strata:", "    question: district", "    population:"]
                   + [f"      {i}: {count * (10 + (i * 7) % DISTRICTS) // 10}" for i in range(1, DISTRICTS + 1)])
    out.append("questions:")

    def single(qid, column, text, labels, kind="single"):
        out.extend([f"  - id: {qid}", f"    column: {column}", f"    text: {text}", f"    type: {kind}",
                    "    choices:", choices_yaml(labels)])

    single("district", "地区", "お住まいの地区", [f"第{i}地区" for i in range(1, DISTRICTS + 1)])
    single("sex", "性別", "性別", SEX)
    single("age", "年齢", "年齢", AGE)
    single("household", "世帯構成", "世帯構成", HOUSEHOLD)
    for i, topic in enumerate(SINGLE_TOPICS, 1):
        single(f"q{i}", f"問{i}", f"{topic}の満足度", SATISFACTION)
    for name, k in FLAG_SETS:
        text, labels = FLAG_QUESTIONS[name]
        out.extend([f"  - id: q{name[1:]}", f"    text: {text}", "    type: multiple",
                    "    columns: [" + ", ".join(f"{name}_{j}" for j in range(1, k + 1)) + "]",
                    "    choices:", choices_yaml(labels)])
    for i, topic in zip(range(24, 34), SCALE_TOPICS):
        single(f"q{i}", f"問{i}", topic, AGREEMENT, kind="scale")
    out.extend(["  - id: q34", "    column: 問34", "    text: 居住年数", "    type: number", "    unit: 年",
                "  - id: q35", "    column: 問35", "    text: 世帯人数", "    type: number", "    unit: 人",
                "  - id: q36", "    column: 問36", "    text: 自由意見", "    type: text"])
    return "\n".join(out) + "\n"


def write_definition(count, out_dir, encoding, weighted):
    with open(os.path.join(out_dir, "survey.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(definition(count, encoding, weighted))


def generate(count, out_dir, encoding, seed, weighted=False):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "responses.csv")
    with open(path, "w", encoding="utf-8-sig" if encoding == "utf-8" else "cp932", newline="",
              buffering=1 << 20) as f:
        writer = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header())
        batch = []
        for row in rows(count, seed):
            batch.append(row)
            if len(batch) >= 5000:
                writer.writerows(batch)
                batch.clear()
        writer.writerows(batch)
    write_definition(count, out_dir, encoding, weighted)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, required=True, help="number of respondents (data rows)")
    parser.add_argument("--out", required=True, help="folder for responses.csv and survey.yaml")
    parser.add_argument("--encoding", choices=["utf-8", "cp932"], default="utf-8")
    parser.add_argument("--seed", type=int, default=20240401)
    parser.add_argument("--weighted", action="store_true", help="strata weights by 地区 in survey.yaml")
    parser.add_argument("--definition-only", action="store_true",
                        help="write only survey.yaml (for a folder whose responses.csv links to another's)")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if args.definition_only:
        os.makedirs(args.out, exist_ok=True)
        write_definition(args.rows, args.out, args.encoding, args.weighted)
        return
    print(generate(args.rows, args.out, args.encoding, args.seed, args.weighted), file=sys.stderr)


if __name__ == "__main__":
    main()
