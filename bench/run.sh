#!/usr/bin/env bash
# The benchmark: `survey report --format csv` on the synthetic survey at several sizes, and the peers
# (R, DuckDB, pandas) on the same files when they are installed.
#
#   bench/run.sh                      # 10k, 100k and 1M rows
#   BENCH_SIZES="10000 3000000" bench/run.sh
#   BENCH_RUNS=5 BENCH_PEERS=0 bench/run.sh
#   BENCH_CP932=1 bench/run.sh       # also survey on the same rows in CP932 (a line "CP932", ratio to UTF-8)
#   BENCH_WEIGHTED=0 bench/run.sh    # skip the weighted run (by default a line "weighted": the same rows with
#                                    # strata weights by 地区, ratio to unweighted; the issue's bound is 1.3x)
#
# Builds the release binary under .build-bench (so it never collides with .build/release), generates the
# data once into .build-bench/data/n<rows>/ (git-ignored), and prints per size: median wall time (hyperfine,
# warm cache, 1 warm-up run; a plain loop when hyperfine is missing), rows/s, MB/s and peak RSS (GNU time;
# skipped when /usr/bin/time is missing), then each peer's time and memory and its ratio to survey.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
scratch=${BENCH_SCRATCH:-.build-bench}
sizes=${BENCH_SIZES:-"10000 100000 1000000"}
runs=${BENCH_RUNS:-}
peers=${BENCH_PEERS:-1}
cp932=${BENCH_CP932:-0}
weighted=${BENCH_WEIGHTED:-1}
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || echo python3)   # the real interpreter, not a shim
data=$scratch/data
out=$(mktemp -d "${TMPDIR:-/tmp}/survey-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "building survey (release, --scratch-path $scratch)" >&2
swift build -c release --product survey --static-swift-stdlib --scratch-path "$scratch" >&2
survey=$root/$scratch/release/survey

have() { command -v "$1" > /dev/null 2>&1; }

# median wall seconds of a shell command
wall() {
    local n=$1; shift
    if have hyperfine; then
        hyperfine --style none --warmup 1 --runs "$n" --export-json "$out/h.json" "$*" > /dev/null 2>&1 || { echo "nan"; return; }
        "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$out/h.json"
    else
        bash -c "$*" > /dev/null 2>&1 || { echo "nan"; return; }
        "$py" - "$n" "$*" <<'EOF'
import statistics, subprocess, sys, time
times = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    subprocess.run(sys.argv[2], shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
EOF
    fi
}

# peak RSS in MiB of a shell command (one separate run)
peak() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$out/t.txt" bash -c "$*" > /dev/null 2>&1 || true
        awk '{ printf "%.0f", $1 / 1024 }' "$out/t.txt"
    else
        echo "?"
    fi
}

declare -A peer_cmd
peer_list=()
if [ "$peers" = 1 ]; then
    if have Rscript; then peer_list+=(R); peer_cmd[R]="Rscript $here/peers/peer_r.R"; fi
    if "$py" -c 'import duckdb, numpy, scipy' 2> /dev/null; then peer_list+=(DuckDB); peer_cmd[DuckDB]="$py $here/peers/peer_duckdb.py"; fi
    if "$py" -c 'import pandas, scipy' 2> /dev/null; then peer_list+=(pandas); peer_cmd[pandas]="$py $here/peers/peer_pandas.py"; fi
    [ ${#peer_list[@]} -gt 0 ] || echo "no peers installed (R, python3 duckdb+numpy+scipy, pandas+scipy): timing survey only" >&2
fi

printf '%-9s %-8s %9s %11s %8s %9s %7s  %s\n' rows tool wall rows/s MB/s peak_MiB ratio "same numbers"
for n in $sizes; do
    dir=$data/n$n
    if [ ! -f "$dir/responses.csv" ] || [ ! -f "$dir/survey.yaml" ]; then
        echo "generating $n rows into $dir" >&2
        "$py" "$here/gen_survey.py" --rows "$n" --out "$dir" 2> /dev/null
    fi
    csv=$dir/responses.csv
    megabytes=$("$py" -c 'import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)' "$csv")
    k=${runs:-$([ "$n" -le 10000 ] && echo 10 || { [ "$n" -le 100000 ] && echo 5 || echo 3; })}
    cmd="$survey report $dir --out $out/survey --format csv"
    t=$(wall "$k" "$cmd")
    m=$(peak "$cmd")
    "$py" -c 'import sys; n,t,mb=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print("%-9d %-8s %8.3fs %11.0f %8.1f %9s %7s" % (n,"survey",t,n/t,mb/t,sys.argv[4],"1.0"))' "$n" "$t" "$megabytes" "$m"
    if [ "$cp932" = 1 ]; then
        # The same rows in CP932, as Excel writes them (survey only: the peers' scripts read UTF-8).
        cdir=$data/n$n-cp932
        if [ ! -f "$cdir/responses.csv" ] || [ ! -f "$cdir/survey.yaml" ]; then
            echo "generating $n rows in CP932 into $cdir" >&2
            "$py" "$here/gen_survey.py" --rows "$n" --out "$cdir" --encoding cp932 2> /dev/null
        fi
        cmb=$("$py" -c 'import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)' "$cdir/responses.csv")
        ccmd="$survey report $cdir --out $out/survey-cp932 --format csv"
        ct=$(wall "$k" "$ccmd")
        cm=$(peak "$ccmd")
        "$py" -c 'import sys; n,t,mb,s=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[5]); print("%-9d %-8s %8.3fs %11.0f %8.1f %9s %6.1fx" % (n,"CP932",t,n/t,mb/t,sys.argv[4],t/s))' "$n" "$ct" "$cmb" "$cm" "$t"
    fi
    if [ "$weighted" = 1 ]; then
        # The same rows, weighted: survey.yaml with strata weights by 地区, responses.csv a link to the file above.
        wdir=$data/n$n-weighted
        mkdir -p "$wdir"
        ln -sf "../n$n/responses.csv" "$wdir/responses.csv"
        "$py" "$here/gen_survey.py" --rows "$n" --out "$wdir" --weighted --definition-only
        wcmd="$survey report $wdir --out $out/survey-weighted --format csv"
        wt=$(wall "$k" "$wcmd")
        wm=$(peak "$wcmd")
        "$py" -c 'import sys; n,t,mb,s=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[5]); print("%-9d %-8s %8.3fs %11.0f %8.1f %9s %6.2fx" % (n,"weighted",t,n/t,mb/t,sys.argv[4],t/s))' "$n" "$wt" "$megabytes" "$wm" "$t"
    fi
    for p in "${peer_list[@]}"; do
        pk=$([ "$k" -gt 3 ] && echo 3 || echo "$k")
        pc="${peer_cmd[$p]} $csv $out/$p"
        pt=$(wall "$pk" "$pc")
        pm=$(peak "$pc")
        # Do the peer's tables give the same numbers as survey's? (bench/agree.py; details in the file named)
        wave=$(dirname "$(find "$out/survey" -name results.csv | head -1)")
        if "$py" "$here/agree.py" "$wave" "$out/$p" > "$data/agree-$p-n$n.txt" 2>&1; then same="yes"; else same="NO: see $data/agree-$p-n$n.txt"; fi
        "$py" -c 'import sys; n,t,mb,s=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[5]); print("%-9d %-8s %8.3fs %11.0f %8.1f %9s %6.1fx  %s" % (n,sys.argv[6],t,n/t,mb/t,sys.argv[4],t/s,sys.argv[7]))' "$n" "$pt" "$megabytes" "$pm" "$t" "$p" "$same"
    done
done
