# cspreport — two commands do everything on a fresh Debian 12 machine with the Swift toolchain:
#   make report   install what is missing, build, write the newest sample quarter's report
#   make test     the same set-up, then the whole test suite
# Other targets: build, release, deb, bench, fuzz, install, clean.

SWIFT        ?= swift
PREFIX       ?= /usr/local
REPORTS      ?= reports
# The newest quarter folder in reports/ (names sort in time order).
QUARTER      ?= $(lastword $(sort $(wildcard $(REPORTS)/[0-9][0-9][0-9][0-9]-[0-9][0-9]-Q[1-4])))
OUT          ?= out
# Release builds carry the Swift runtime and Foundation inside the binary: a command starts in
# about half the time (no Swift libraries to load and bind), and an installed cspreport runs on
# a machine without the Swift toolchain. Every release target uses these flags, so switching
# between targets never rebuilds.
RELEASE_FLAGS ?= -c release --static-swift-stdlib

# Debian packages: Cairo and Pango to build; poppler, qpdf and mupdf to check PDFs.
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config zlib1g-dev libxml2-dev libxlsxwriter-dev poppler-utils qpdf mupdf-tools python3-fonttools
PIP_PACKAGES := pdfua page-validation
# The HTML edition's browser check (scripts/check-html.py): headless Chromium driven by selenium,
# running the axe-core inside axe-playwright-python (":no-deps": its Playwright is not needed).
APT_PACKAGES += chromium chromium-driver
PIP_PACKAGES += selenium axe-playwright-python:no-deps

.PHONY: setup build release report test deb bench clean

# Installs only what is missing, so a second run takes well under a second.
setup:
	@./scripts/setup.sh "$(APT_PACKAGES)" "$(PIP_PACKAGES)"

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build $(RELEASE_FLAGS)

# Both editions of the newest quarter, e.g. out/2024-25-Q3-board.pdf and out/2024-25-Q3-public.pdf.
report: build
	@test -n "$(QUARTER)" || { echo "no quarter folder in $(REPORTS)/"; exit 2; }
	@mkdir -p $(OUT)
	$(SWIFT) run --skip-build cspreport build $(QUARTER) --out $(OUT)/$(notdir $(QUARTER))-board.pdf --edition board
	$(SWIFT) run --skip-build cspreport build $(QUARTER) --out $(OUT)/$(notdir $(QUARTER))-public.pdf --edition public

# generate-manual (swift-argument-parser's man page writer) is built too: a test packages the
# development build to check the package's tree.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build

# The Debian package, e.g. out/cspreport_0.1.0_amd64.deb: the release binary (Swift runtime
# inside), its fonts, man pages and shell completion; Depends: from dpkg-shlibdeps. Installs
# with `apt install ./out/cspreport_*.deb` on a machine without the Swift toolchain.
deb: release
	$(SWIFT) build --product generate-manual
	./scripts/make-deb.sh .build/release/cspreport .build/debug/generate-manual $(OUT)

bench: bench-render bench-crime bench-pipeline

clean:
	rm -rf .build $(OUT)

# Each area of the engine adds its own targets.
-include make/*.mk
