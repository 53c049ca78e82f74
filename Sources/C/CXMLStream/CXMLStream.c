#include "CXMLStream.h"
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <pthread.h>

struct cxml_stream {
    xmlParserCtxtPtr context;
    void *ctx;
    cxml_start start;
    cxml_end end;
    cxml_characters characters;
    int state;
};

static void on_start(void *p, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes) {
    (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    cxml_stream *s = p;
    if (s->state == CXML_OK) s->start(s->ctx, localname, nb_attributes, attributes);
}

static void on_end(void *p, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix; (void)uri;
    cxml_stream *s = p;
    if (s->state == CXML_OK) s->end(s->ctx, localname);
}

static void on_characters(void *p, const xmlChar *text, int length) {
    cxml_stream *s = p;
    if (s->state == CXML_OK && length > 0) s->characters(s->ctx, text, length);
}

// A document type declaration: workbooks have none, and one can declare entities that expand
// to gigabytes, so the parse stops before any is read.
static void on_doctype(void *p, const xmlChar *name, const xmlChar *external, const xmlChar *system) {
    (void)name; (void)external; (void)system;
    cxml_stream *s = p;
    if (s->state == CXML_OK) s->state = CXML_DOCTYPE;
    xmlStopParser(s->context);
}

static void on_entity(void *p, const xmlChar *name, int type, const xmlChar *publicId,
                      const xmlChar *systemId, xmlChar *content) {
    (void)name; (void)type; (void)publicId; (void)systemId; (void)content;
    cxml_stream *s = p;
    if (s->state == CXML_OK) s->state = CXML_DOCTYPE;
    xmlStopParser(s->context);
}

// Errors are read from the context; this keeps libxml2 from printing them (this parser only).
static void on_error(void *p, xmlErrorPtr error) { (void)p; (void)error; }

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void initialise(void) { xmlInitParser(); }

cxml_stream *cxml_new(void *ctx, cxml_start start, cxml_end end, cxml_characters characters) {
    pthread_once(&once, initialise);
    cxml_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->ctx = ctx; s->start = start; s->end = end; s->characters = characters;
    xmlSAXHandler sax = {0};
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_characters;
    sax.cdataBlock = on_characters;
    sax.internalSubset = on_doctype;
    sax.entityDecl = on_entity;
    sax.serror = on_error;
    s->context = xmlCreatePushParserCtxt(&sax, s, NULL, 0, NULL);
    if (!s->context) { free(s); return NULL; }
    xmlCtxtUseOptions(s->context, XML_PARSE_NONET);
    return s;
}

int cxml_feed(cxml_stream *s, const char *data, int length, int last) {
    if (s->state != CXML_OK) return s->state;
    int code = xmlParseChunk(s->context, data, length, last);
    if (s->state == CXML_OK && code != 0) s->state = CXML_MALFORMED;
    return s->state;
}

void cxml_stop(cxml_stream *s) {
    if (s->state == CXML_OK) s->state = CXML_STOPPED;
    xmlStopParser(s->context);
}

const char *cxml_error(cxml_stream *s, int *line) {
    xmlErrorPtr e = xmlCtxtGetLastError(s->context);
    if (line) *line = e ? e->line : 0;
    return e && e->message ? e->message : "not well-formed XML";
}

void cxml_free(cxml_stream *s) {
    if (!s) return;
    xmlFreeParserCtxt(s->context);
    free(s);
}
