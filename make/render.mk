# Rendering engine targets, included from the main Makefile (`include make/render.mk`).
#
# Test and build dependencies (installed by `make render-deps`, which `make test` may call):
#   Debian packages: libcairo2-dev libpango1.0-dev libqpdf-dev pkg-config   (build)
#                    poppler-utils qpdf mupdf-tools                         (PDF checks in CSPRenderTests:
#                                                                            pdfinfo, pdffonts, pdftotext, qpdf, mutool)
#                    fonts-inter fonts-dejavu-core                          (only to refresh assets/fonts)
#   pip packages:    pdfua                                                  (`pdfua check`, PDF/UA rules)
# The fonts themselves ship in assets/fonts/ (Inter, OFL-1.1; DejaVu Sans fallback), so
# rendering never depends on the fonts a machine has installed.

PREFIX ?= /usr/local
SWIFT ?= swift
SPECIMEN_OUT ?= out/specimen.pdf
RENDER_APT := libcairo2-dev libpango1.0-dev libqpdf-dev pkg-config poppler-utils qpdf mupdf-tools
RENDER_PIP := pdfua

.PHONY: render-deps specimen specimen-png bench-render install uninstall test-render

render-deps:
	@command -v pdfinfo >/dev/null && command -v qpdf >/dev/null && command -v mutool >/dev/null \
	  && pkg-config --exists cairo-pdf pangocairo libqpdf \
	  || (apt-get update && apt-get install -y --no-install-recommends $(RENDER_APT))
	@command -v pdfua >/dev/null || pip install $(RENDER_PIP)

# The engine's visual test, in the branding of reports/csp.yaml when it exists.
specimen:
	@mkdir -p $(dir $(SPECIMEN_OUT))
	$(SWIFT) build $(RELEASE_FLAGS) --product cspreport
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1640908800} .build/release/cspreport specimen --out $(SPECIMEN_OUT)
	pdfinfo $(SPECIMEN_OUT) | grep -E 'Pages|Tagged|Title'
	-pdfua check $(SPECIMEN_OUT)

# Every page at 60 dpi, to look at.
specimen-png: specimen
	rm -f out/specimen-*.png
	pdftoppm -r 60 -png $(SPECIMEN_OUT) out/specimen

# Pages per second and peak memory for a 100-page document of tables and charts.
bench-render:
	$(SWIFT) build $(RELEASE_FLAGS) --product cspreport
	.build/release/cspreport bench-render --pages 100 --out /tmp/cspreport-bench.pdf

test-render:
	$(SWIFT) test --filter 'CSPChartsTests|CSPLayoutTests|CSPRenderTests'

# The binary finds its fonts in $(PREFIX)/share/cspreport (see Sources/CSPTextShaping/Assets.swift).
install:
	$(SWIFT) build $(RELEASE_FLAGS) --product cspreport
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/cspreport/fonts
	install -m 755 .build/release/cspreport $(DESTDIR)$(PREFIX)/bin/cspreport
	install -m 644 assets/fonts/* $(DESTDIR)$(PREFIX)/share/cspreport/fonts/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/cspreport
	rm -rf $(DESTDIR)$(PREFIX)/share/cspreport
