#include "CPangoMetrics.h"

/* Statically allocated: GLib documents that these need no initialisation. */
static GRecMutex metrics_lock;
static GMutex install_lock;
static PangoFontMetrics *(*original_get_metrics)(PangoFont *, PangoLanguage *);
static PangoFontClass *covered_class;

typedef PangoFontMetrics *(*GetMetrics)(PangoFont *, PangoLanguage *);

static PangoFontMetrics *locked_get_metrics(PangoFont *font, PangoLanguage *language) {
    GetMetrics original = (GetMetrics)g_atomic_pointer_get(&original_get_metrics);
    g_rec_mutex_lock(&metrics_lock);
    PangoFontMetrics *metrics = original(font, language);
    g_rec_mutex_unlock(&metrics_lock);
    return metrics;
}

int csp_pango_lock_font_metrics(PangoFont *font) {
    if (font == NULL) return 0;
    PangoFontClass *klass = PANGO_FONT_GET_CLASS(font);
    int ok = 0;
    g_mutex_lock(&install_lock);
    if (covered_class == klass) {
        ok = 1;
    } else if (covered_class == NULL && klass->get_metrics != NULL && klass->get_metrics != locked_get_metrics) {
        /* The original first, then the wrapper that reads it. */
        g_atomic_pointer_set(&original_get_metrics, klass->get_metrics);
        g_atomic_pointer_set(&klass->get_metrics, locked_get_metrics);
        covered_class = klass;
        ok = 1;
    }
    g_mutex_unlock(&install_lock);
    return ok;
}
