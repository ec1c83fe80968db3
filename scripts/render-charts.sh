#!/usr/bin/env bash
# Renders every *.svg under DIR to OUTDIR/<same relative path>.png with headless Chromium,
# at the SVG's own size (800 px wide, height from its height attribute).
#
#   scripts/render-charts.sh DIR OUTDIR
#
# Needs Debian's `chromium` and `fonts-noto-cjk` (installed here with apt-get when missing and run as root).
# SCALE=2 renders at twice the pixel density (default 1).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 DIR OUTDIR" >&2
    exit 2
fi
dir=$1
outdir=$2
scale=${SCALE:-1}

if [ ! -d "$dir" ]; then
    echo "$0: no directory $dir" >&2
    exit 2
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk
        browser=chromium
    else
        echo "$0: needs chromium and fonts-noto-cjk: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk" >&2
        exit 1
    fi
fi

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
dir=$(cd "$dir" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

count=0
while IFS= read -r -d '' svg; do
    relative=${svg#"$dir"/}
    png="$outdir/${relative%.svg}.png"
    mkdir -p "$(dirname "$png")"
    # The height of the root <svg> (the first height="…" in the file); 600 if there is none.
    height=$(grep -o -m1 '<svg[^>]*' "$svg" | grep -o 'height="[0-9.]*"' | head -1 | tr -dc '0-9.' || true)
    height=${height%%.*}
    height=${height:-600}
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
        --force-device-scale-factor="$scale" --default-background-color=ffffffff \
        --window-size="800,$height" --screenshot="$png" "file://$svg" >/dev/null 2>&1
    if [ ! -s "$png" ]; then
        echo "$0: failed to render $svg" >&2
        exit 1
    fi
    echo "$png"
    count=$((count + 1))
done < <(find "$dir" -name '*.svg' -type f -print0 | sort -z)

echo "rendered $count chart(s) into $outdir" >&2
