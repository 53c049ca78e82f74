# Robustness targets (issue 5), included from the main Makefile.
#
#   make fuzz                  every fuzz target for FUZZ_SECONDS (default 60) each, one at a time
#   make fuzz-csv              one target (also fuzz-yaml, fuzz-quarter, fuzz-report)
#   make fuzz FUZZ_SECONDS=600
#   make fuzz-replay           replay the seed corpus and past crashes once (no libFuzzer)
#
# The fuzz build has its own scratch path so it never disturbs the normal .build. Inputs that
# libFuzzer finds interesting go to .build-fuzz/corpus/<target> (seeded from
# Tests/FuzzCorpus/<target>), crashes to .build-fuzz/crashes/<target>/. Keep a crashing input
# as a regression test by copying it to Tests/FuzzRegressions/<target>/.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := csv yaml quarter report workbook
FUZZ_SCRATCH := .build-fuzz
FUZZ_FLAGS   := -c release -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link
FUZZ_BIN      = $(FUZZ_SCRATCH)/release

fuzz_product = $(if $(filter csv,$1),FuzzCSV,$(if $(filter yaml,$1),FuzzYAML,$(if $(filter quarter,$1),FuzzQuarter,$(if $(filter workbook,$1),FuzzWorkbook,FuzzReport))))

.PHONY: fuzz fuzz-build fuzz-replay $(addprefix fuzz-,$(FUZZ_TARGETS))

fuzz-build:
	swift build --scratch-path $(FUZZ_SCRATCH) $(FUZZ_FLAGS) --product FuzzCSV
	swift build --scratch-path $(FUZZ_SCRATCH) $(FUZZ_FLAGS) --product FuzzYAML
	swift build --scratch-path $(FUZZ_SCRATCH) $(FUZZ_FLAGS) --product FuzzQuarter
	swift build --scratch-path $(FUZZ_SCRATCH) $(FUZZ_FLAGS) --product FuzzReport
	swift build --scratch-path $(FUZZ_SCRATCH) $(FUZZ_FLAGS) --product FuzzWorkbook

fuzz: fuzz-build
	@fail=0; for t in $(FUZZ_TARGETS); do $(MAKE) -f $(firstword $(MAKEFILE_LIST)) --no-print-directory fuzz-run-$$t || fail=1; done; exit $$fail

$(addprefix fuzz-,$(FUZZ_TARGETS)): fuzz-%: fuzz-build
	@$(MAKE) -f $(firstword $(MAKEFILE_LIST)) --no-print-directory fuzz-run-$*

# One libFuzzer process at a time (the machine is shared): in-process, no -jobs/-workers, which
# would fork a child and write fuzz-N.log into the current folder. SWIFT_BACKTRACE=enable=no so that
# Swift's crash reporter does not hide the crash from libFuzzer.
fuzz-run-%:
	@mkdir -p $(FUZZ_SCRATCH)/corpus/$* $(FUZZ_SCRATCH)/crashes/$*
	@echo "fuzz $*: $(FUZZ_SECONDS) s, log in $(FUZZ_SCRATCH)/fuzz-$*.log"
	@SWIFT_BACKTRACE=enable=no $(FUZZ_BIN)/$(call fuzz_product,$*) \
	  -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
	  $(if $(wildcard Tests/FuzzCorpus/$*.dict),-dict=Tests/FuzzCorpus/$*.dict) \
	  -artifact_prefix=$(FUZZ_SCRATCH)/crashes/$*/ \
	  $(FUZZ_SCRATCH)/corpus/$* Tests/FuzzCorpus/$* $(wildcard Tests/FuzzRegressions/$*) \
	  > $(FUZZ_SCRATCH)/fuzz-$*.log 2>&1; status=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|peak_rss_mb)|^(==|SUMMARY|artifact_prefix)|Fatal error' $(FUZZ_SCRATCH)/fuzz-$*.log; \
	  exit $$status

fuzz-replay:
	swift build --product FuzzCSV && swift build --product FuzzYAML && swift build --product FuzzQuarter && swift build --product FuzzReport && swift build --product FuzzWorkbook
	@for t in $(FUZZ_TARGETS); do \
	  .build/debug/$$(case $$t in csv) echo FuzzCSV;; yaml) echo FuzzYAML;; quarter) echo FuzzQuarter;; workbook) echo FuzzWorkbook;; *) echo FuzzReport;; esac) \
	    Tests/FuzzCorpus/$$t $$( [ -d Tests/FuzzRegressions/$$t ] && echo Tests/FuzzRegressions/$$t ) || exit 1; done

# Peak memory on the largest hostile inputs that are read at all (docs/limits.md):
#   wide:   a 32 MB psg-cases.csv of 20,000 rows x 100 columns, every row wrong;
#   narrow: 181,817 rows x 11 columns (just under 2,000,000 values), every row wrong.
HOSTILE_DIR ?= /tmp/cspreport-hostile
.PHONY: hostile-peak
hostile-peak:
	$(SWIFT) build $(RELEASE_FLAGS) --product cspreport
	@for kind in wide narrow; do \
	  rm -rf $(HOSTILE_DIR)/$$kind && mkdir -p $(HOSTILE_DIR)/$$kind && cp -R Tests/BadInputs/base/reports $(HOSTILE_DIR)/$$kind/; \
	  awk -v kind=$$kind 'BEGIN { h = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome"; \
	    if (kind == "wide") { for (c = 0; c < 89; c++) h = h ","; print h; \
	      for (i = 1; i < 20000; i++) { r = "C-" i ",Title,Nroth"; \
	        for (c = 0; c < 97; c++) r = r sprintf(",v%02d-abcdefghijk", c); print r } } \
	    else { print h; for (i = 1; i < 181818; i++) print "C-" i ",T,Nroth,l,i,a,p,x,y,z,w" } }' \
	    > $(HOSTILE_DIR)/$$kind/reports/2021-22-Q3/psg-cases.csv; \
	  ls -l $(HOSTILE_DIR)/$$kind/reports/2021-22-Q3/psg-cases.csv; \
	  /usr/bin/time -v .build/release/cspreport validate $(HOSTILE_DIR)/$$kind/reports/2021-22-Q3 2>&1 >/dev/null \
	    | grep -E 'errors,|Maximum resident|Elapsed'; \
	done
