#ifndef CXMLSTREAM_H
#define CXMLSTREAM_H
// libxml2's SAX2 push parser behind plain C types: libxml2's own headers pull in ICU's, which
// clash with Foundation's copy in a Swift module that imports both.

typedef struct cxml_stream cxml_stream;

typedef void (*cxml_start)(void *ctx, const unsigned char *localname, int nb_attributes,
                           const unsigned char **attributes);
typedef void (*cxml_end)(void *ctx, const unsigned char *localname);
typedef void (*cxml_characters)(void *ctx, const unsigned char *text, int length);

enum { CXML_OK = 0, CXML_DOCTYPE = 1, CXML_MALFORMED = 2, CXML_STOPPED = 3 };

/// A parser that calls back with `ctx`. Attributes come five pointers each (local name,
/// prefix, URI, value start, value end), as libxml2's SAX2 gives them.
cxml_stream *cxml_new(void *ctx, cxml_start start, cxml_end end, cxml_characters characters);
/// Feeds a chunk; returns one of the CXML_ codes (the first failure sticks).
int cxml_feed(cxml_stream *s, const char *data, int length, int last);
/// Stops the parse from within a callback.
void cxml_stop(cxml_stream *s);
/// libxml2's reason and line for CXML_MALFORMED.
const char *cxml_error(cxml_stream *s, int *line);
void cxml_free(cxml_stream *s);

#endif
