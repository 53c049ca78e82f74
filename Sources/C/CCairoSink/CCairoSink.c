#include "CCairoSink.h"
#include <stdlib.h>
#include <string.h>

cairo_status_t csp_cairo_sink_write(void *closure, const unsigned char *data, unsigned int length) {
    csp_cairo_sink *sink = closure;
    if (sink == NULL || sink->failed) return CAIRO_STATUS_WRITE_ERROR;
    if (length == 0) return CAIRO_STATUS_SUCCESS;
    if (data == NULL) return CAIRO_STATUS_WRITE_ERROR;
    if (length > sink->capacity - sink->count) {
        size_t needed = sink->count + length;
        if (needed < sink->count) { sink->failed = 1; return CAIRO_STATUS_WRITE_ERROR; }
        size_t capacity = sink->capacity ? sink->capacity : 65536;
        while (capacity < needed) {
            if (capacity > ((size_t)-1) / 2) { capacity = needed; break; }
            capacity *= 2;
        }
        unsigned char *grown = realloc(sink->bytes, capacity);
        if (grown == NULL) { sink->failed = 1; return CAIRO_STATUS_WRITE_ERROR; }
        sink->bytes = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->bytes + sink->count, data, length);
    sink->count += length;
    return CAIRO_STATUS_SUCCESS;
}

void csp_cairo_sink_free(csp_cairo_sink *sink) {
    if (sink == NULL) return;
    free(sink->bytes);
    sink->bytes = NULL;
    sink->count = 0;
    sink->capacity = 0;
    sink->failed = 0;
}
