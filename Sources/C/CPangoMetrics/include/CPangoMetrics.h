#ifndef CSP_PANGO_METRICS_H
#define CSP_PANGO_METRICS_H

#include <pango/pango.h>

/// Makes every call of the font class's `get_metrics` take one process-wide (recursive) lock,
/// so that a font's first metrics computation never overlaps another's (later calls find the
/// metrics cached and hold the lock only briefly). Pango 1.50 computes a font's metrics once,
/// on first use, and marks the work in progress in a static variable shared by all fonts
/// (`in_get_metrics` in pangofc-font.c and pangocairo-font.c) to skip the costly part of
/// nested calls: a font first used on one thread while another thread is inside that work gets
/// metrics without it, so two threads shaping at once could break lines differently from run
/// to run. Under the lock each computation runs whole, as it does on one thread.
///
/// Call it with a font of each font class used, before any thread but the caller uses Pango:
/// the class's vtable is changed without a lock that Pango's own callers would take.
/// Returns 1 when the class is covered (now or already), 0 when it cannot be: only one font
/// class can be covered, and a second, different one is refused.
int csp_pango_lock_font_metrics(PangoFont *font);

#endif
