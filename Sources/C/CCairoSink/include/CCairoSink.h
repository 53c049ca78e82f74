#ifndef CCAIROSINK_H
#define CCAIROSINK_H
#include <cairo.h>
#include <stddef.h>

/// Bytes cairo writes, kept in one growing buffer (`ByteSink` in CSPRender owns one). Cairo
/// calls its write function for every small piece of output (a number, an operator, a line of
/// an object), many thousands of times a report: in C each call is a bounds check and a memcpy.
typedef struct csp_cairo_sink {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    int failed;  // out of memory: the write failed, and cairo's surface reports it
} csp_cairo_sink;

/// A cairo_write_func_t for cairo_pdf_surface_create_for_stream, whose closure is a
/// csp_cairo_sink (zeroed before use).
cairo_status_t csp_cairo_sink_write(void *closure, const unsigned char *data, unsigned int length);

/// Frees the sink's buffer and zeroes it.
void csp_cairo_sink_free(csp_cairo_sink *sink);

#endif
