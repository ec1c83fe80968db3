# Quick start: `make report` (the main job on the example survey), `make test` (the test suite).
SWIFT ?= swift
SURVEY = .build/release/survey

.PHONY: deps build report check test clean bench fuzz

# libcsv is the CSV parser (Debian: libcsv-dev, no pkg-config file); libxlsxwriter writes tables.xlsx
# (libxlsxwriter-dev); rsvg-convert draws the charts into report.docx (librsvg2-bin).
deps:
	@if [ ! -f /usr/include/csv.h ] || [ ! -f /usr/include/xlsxwriter.h ] || ! command -v rsvg-convert >/dev/null 2>&1; then \
		echo "installing libcsv-dev libxlsxwriter-dev librsvg2-bin"; \
		apt-get update -qq && apt-get install -y -qq libcsv-dev libxlsxwriter-dev librsvg2-bin; \
	fi

# The Swift runtime and Foundation are linked in: the tool starts faster (~4 ms instead of ~11) and runs on a
# machine without Swift (it needs only libcsv3 and the C/C++ runtime).
build: deps
	$(SWIFT) build -c release --product survey --static-swift-stdlib

# The main job: tabulate every wave under Surveys/ and compare the waves of each series, writing Reports/.
report: build
	$(SURVEY) report Surveys --out Reports
	$(SURVEY) compare Surveys --out Reports

check: build
	$(SURVEY) check Surveys

test: deps
	$(SWIFT) test

clean:
	rm -rf .build

# The benchmark (not part of the test suite): survey report --format csv at 10k, 100k and 1M rows, and the
# peers (R, DuckDB, pandas) when installed; data and the release build go under .build-bench/. See bench/run.sh.
bench: deps
	bench/run.sh

# Fuzzing (not part of the test suite): the two libFuzzer targets in Fuzz/ (their own package and .build),
# FUZZ_SECONDS in all (default 60), one job, 2 GB memory limit; see the README's Fuzzing section.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh run
