#!/usr/bin/env python3
"""The benchmark workload with DuckDB (counts in SQL) and scipy (chi-square p).

usage: peer_duckdb.py responses.csv OUTDIR — writes freq, chisq, ma and numeric CSVs (same figures as survey).
"""
import csv
import os
import sys

import duckdb
import numpy as np
from scipy.stats import chi2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layout import CODED, DISTRICTS, FLAG_COLUMNS, FLAG_SETS, INTEGER_COLUMNS, NONRESPONSE, NUMBERS  # noqa: E402


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def main(src, out):
    os.makedirs(out, exist_ok=True)
    con = duckdb.connect()
    types = {c: "INTEGER" for c in INTEGER_COLUMNS}
    types["問36"] = "VARCHAR"
    spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in types.items()) + "}"
    con.execute(f"CREATE TABLE t AS SELECT * EXCLUDE (問36) FROM read_csv('{src}', header=true, "
                f"delim=',', quote='\"', escape='\"', columns={spec})")
    n_all = con.execute("SELECT count(*) FROM t").fetchone()[0]
    columns = ", ".join(quoted(q) for q, _ in CODED)
    blanks = ", ".join(f"coalesce({quoted(q)}, -1) AS {quoted(q)}" for q, _ in CODED)
    result = con.execute(f"""
        WITH s AS (SELECT 地区, {blanks} FROM t)
        SELECT question, 地区, CASE WHEN v = 9 THEN -1 ELSE v END AS code, count(*)
        FROM (UNPIVOT s ON {columns} INTO NAME question VALUE v) GROUP BY ALL""").fetchall()
    index = {q: i for i, (q, _) in enumerate(CODED)}
    cube = np.zeros((len(CODED), 31, 6), dtype=np.int64)
    for q, d, code, n in result:
        cube[index[q], d, 0 if code == -1 else code] += n
    freq, tests = [], []
    for i, (q, codes) in enumerate(CODED):
        table = cube[i, 1:, 1:len(codes) + 1]
        total = cube[i].sum(axis=0)
        freq += [(q, c, int(total[c]), 100.0 * total[c] / n_all) for c in codes]
        freq.append((q, NONRESPONSE, int(total[0]), 100.0 * total[0] / n_all))
        m = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0].astype(np.float64)
        expected = np.outer(m.sum(axis=1), m.sum(axis=0)) / m.sum()
        statistic = float(((m - expected) ** 2 / expected).sum())
        df = (m.shape[0] - 1) * (m.shape[1] - 1)
        tests.append((q, int(m.sum()), statistic, df, float(chi2.sf(statistic, df))))
    ma, ma_district = [], []
    for name, k in FLAG_SETS:
        cols = FLAG_COLUMNS[name]
        answered = " OR ".join(f"{quoted(c)} = 1" for c in cols)
        sums = ", ".join(f"count(*) FILTER (WHERE {quoted(c)} = 1)" for c in cols)
        rows = con.execute(f"SELECT 地区, count(*), count(*) FILTER (WHERE {answered}), {sums} "
                           f"FROM t GROUP BY 地区 ORDER BY 地区").fetchall()
        by = {r[0]: r for r in rows}
        total = np.zeros(k + 2, dtype=np.int64)
        for d in DISTRICTS:
            r = by.get(d, (d, 0, 0) + (0,) * k)
            total += np.array(r[1:], dtype=np.int64)
            ma_district += [(name, d, j, r[2 + j], r[2], 100.0 * r[2 + j] / r[2] if r[2] else "") for j in range(1, k + 1)]
        base = int(total[1])
        ma += [(name, j, int(total[1 + j]), base, 100.0 * total[1 + j] / base) for j in range(1, k + 1)]
        ma.append((name, NONRESPONSE, n_all - base, n_all, 100.0 * (n_all - base) / n_all))
    numbers = [(q,) + tuple(con.execute(f"SELECT count({quoted(q)}), avg({quoted(q)}), stddev_samp({quoted(q)}), "
                                        f"median({quoted(q)}) FROM t").fetchone()) for q in NUMBERS]
    for file, header, rows in [("freq.csv", ["question", "code", "count", "pct"], freq),
                               ("chisq.csv", ["question", "n", "chisq", "df", "p"], tests),
                               ("ma.csv", ["set", "choice", "count", "base", "pct"], ma),
                               ("ma_by_district.csv", ["set", "地区", "choice", "count", "base", "pct"], ma_district),
                               ("numeric.csv", ["question", "n", "mean", "sd", "median"], numbers)]:
        with open(os.path.join(out, file), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([[f"{x:.10g}" if isinstance(x, (float, np.floating)) else x for x in row] for row in rows])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
