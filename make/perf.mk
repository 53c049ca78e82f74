# Pipeline benchmark (issue 6), included from the main Makefile; `make bench` runs it.
#
#   make bench-pipeline                                  scales 1, 20 and 200, median of 5 runs
#   make bench-pipeline BENCH_SCALES="1 20" BENCH_RUNS=3
#
# Prints wall time, CPU time and peak memory of validate, summary --json, build and build
# --edition public on `cspreport sample` data (in a temporary folder), then summary --year and
# build --year on the newest quarter's financial year, the CSV reader's MB/s
# and the engine's pages per second. About 3 minutes.

BENCH_SCALES ?= 1 20 200
BENCH_RUNS   ?= 5

.PHONY: bench-pipeline
bench-pipeline:
	$(SWIFT) build $(RELEASE_FLAGS) --product cspreport
	SCALES="$(BENCH_SCALES)" RUNS="$(BENCH_RUNS)" ./scripts/bench.sh .build/release/cspreport
