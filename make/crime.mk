# police.uk crime data benchmark (issue 7, item 5): read and aggregate the whole Cambridgeshire
# county year (12 files, 20 MB, 83,021 rows) in under 0.3 s. The lead includes this file from
# the main Makefile and adds bench-crime to `bench`.
#
#   make bench-crime                      # release build, then the timing
#   make bench-crime POLICE_UK_DIR=…      # another folder of YYYY-MM-<force>-street.csv files

POLICE_UK_DIR ?= ../shared/data/police-uk
POLICE_UK_LOOKUP ?= $(POLICE_UK_DIR)/../cambridge-lsoa-areas.csv
CRIME_BENCH_REPEATS ?= 5
# Seconds the best run may take before the target fails.
CRIME_BENCH_LIMIT ?= 0.3

.PHONY: bench-crime
bench-crime:
	$(SWIFT) build $(RELEASE_FLAGS) --product cspreport
	@out=$$(.build/release/cspreport crime-bench "$(POLICE_UK_DIR)" --lookup "$(POLICE_UK_LOOKUP)" --repeats $(CRIME_BENCH_REPEATS)) || exit 1; \
	echo "$$out"; \
	best=$$(echo "$$out" | sed -n 's/^best \([0-9.]*\) s.*/\1/p'); \
	awk -v b="$$best" -v l="$(CRIME_BENCH_LIMIT)" 'BEGIN { if (b + 0 > l + 0) { printf "bench-crime: %s s is over the %s s budget\n", b, l; exit 1 } }'
	@/usr/bin/time -f "bench-crime: one cold process %e s wall, %M KB peak memory" \
		.build/release/cspreport crime-bench "$(POLICE_UK_DIR)" --lookup "$(POLICE_UK_LOOKUP)" --repeats 1 > /dev/null
