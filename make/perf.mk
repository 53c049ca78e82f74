# Pipeline benchmark (issue 6), included from the main Makefile; `make bench` runs it.
#
#   make bench-pipeline                      scales 1, 20 and 200, median of 5 runs
#   make bench-pipeline SCALES="1 20" RUNS=3
#
# Prints wall time and peak memory of validate, summary --json, build and build --edition
# public on `cspreport sample` data, the CSV reader's MB/s and the engine's pages per second.

SCALES ?= 1 20 200
RUNS   ?= 5

.PHONY: bench-pipeline
bench-pipeline:
	swift build -c release --product cspreport
	SCALES="$(SCALES)" RUNS="$(RUNS)" ./scripts/bench.sh .build/release/cspreport
