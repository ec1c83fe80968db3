#!/usr/bin/env python3
"""The benchmark workload with pandas and scipy.  usage: peer_pandas.py responses.csv OUTDIR"""
import os
import sys

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layout import CODED, DISTRICTS, FLAG_COLUMNS, FLAG_SETS, INTEGER_COLUMNS, NONRESPONSE, NUMBERS  # noqa: E402


def main(src, out):
    os.makedirs(out, exist_ok=True)
    df = pd.read_csv(src, encoding="utf-8-sig", usecols=INTEGER_COLUMNS, dtype={c: "float64" for c in INTEGER_COLUMNS})
    n_all = len(df)
    district = df["地区"].astype("int64")
    freq, tests = [], []
    for q, codes in CODED:
        s = df[q]
        missing = s.isna() | (s == 9)
        counts = s[~missing].astype("int64").value_counts()
        freq += [(q, c, int(counts.get(c, 0)), 100.0 * counts.get(c, 0) / n_all) for c in codes]
        freq.append((q, NONRESPONSE, int(missing.sum()), 100.0 * missing.sum() / n_all))
        table = pd.crosstab(district[~missing], s[~missing].astype("int64")).reindex(index=DISTRICTS, columns=codes, fill_value=0)
        m = table.to_numpy()
        m = m[m.sum(axis=1) > 0][:, m.sum(axis=0) > 0]
        statistic, p, dof, _ = chi2_contingency(m, correction=False)
        tests.append((q, int(m.sum()), statistic, dof, p))
    ma, ma_district = [], []
    for name, k in FLAG_SETS:
        chosen = df[FLAG_COLUMNS[name]].eq(1)
        answered = chosen.any(axis=1)
        base = int(answered.sum())
        counts = chosen[answered].sum()
        ma += [(name, j, int(counts[c]), base, 100.0 * counts[c] / base) for j, c in enumerate(FLAG_COLUMNS[name], 1)]
        ma.append((name, NONRESPONSE, n_all - base, n_all, 100.0 * (n_all - base) / n_all))
        grouped = chosen[answered].groupby(district[answered]).sum().reindex(DISTRICTS, fill_value=0)
        bases = answered.groupby(district).sum().reindex(DISTRICTS, fill_value=0)
        for d in DISTRICTS:
            b = int(bases[d])
            ma_district += [(name, d, j, int(grouped.at[d, c]), b, 100.0 * grouped.at[d, c] / b if b else "")
                            for j, c in enumerate(FLAG_COLUMNS[name], 1)]
    numbers = [(q, int(df[q].dropna().size), df[q].mean(), df[q].std(ddof=1), df[q].median()) for q in NUMBERS]
    for file, columns, rows in [("freq.csv", ["question", "code", "count", "pct"], freq),
                                ("chisq.csv", ["question", "n", "chisq", "df", "p"], tests),
                                ("ma.csv", ["set", "choice", "count", "base", "pct"], ma),
                                ("ma_by_district.csv", ["set", "地区", "choice", "count", "base", "pct"], ma_district),
                                ("numeric.csv", ["question", "n", "mean", "sd", "median"], numbers)]:
        pd.DataFrame(rows, columns=columns).to_csv(os.path.join(out, file), index=False, float_format="%.10g")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
