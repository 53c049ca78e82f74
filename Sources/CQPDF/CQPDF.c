// libqpdf, opened on first use instead of linked. Cairo's own files are finished in Swift
// (SwiftPostPass.swift); qpdf is only the fallback for a PDF in any other shape, yet linking it
// loaded it and nine more libraries (gnutls, nettle, p11-kit, …) into every run of every
// command: about a sixth of the program's start-up instructions, before it did anything. The
// functions the post-pass calls are defined here with qpdf's own prototypes (from qpdf-c.h)
// and forward to the library, which csp_qpdf_load opens and resolves once.
#include "CQPDF.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

static void (*p_qpdf_cleanup)(qpdf_data* qpdf);
static unsigned char const* (*p_qpdf_get_buffer)(qpdf_data qpdf);
static size_t (*p_qpdf_get_buffer_length)(qpdf_data qpdf);
static qpdf_error (*p_qpdf_get_error)(qpdf_data qpdf);
static char const* (*p_qpdf_get_error_full_text)(qpdf_data q, qpdf_error e);
static int (*p_qpdf_get_num_pages)(qpdf_data qpdf);
static qpdf_oh (*p_qpdf_get_page_n)(qpdf_data qpdf, size_t zero_based_index);
static qpdf_oh (*p_qpdf_get_root)(qpdf_data qpdf);
static qpdf_oh (*p_qpdf_get_trailer)(qpdf_data qpdf);
static QPDF_BOOL (*p_qpdf_has_error)(qpdf_data qpdf);
static qpdf_data (*p_qpdf_init)(void);
static QPDF_ERROR_CODE (*p_qpdf_init_write_memory)(qpdf_data qpdf);
static qpdf_oh (*p_qpdf_make_indirect_object)(qpdf_data qpdf, qpdf_oh oh);
static qpdf_oh (*p_qpdf_oh_get_array_item)(qpdf_data qpdf, qpdf_oh oh, int n);
static int (*p_qpdf_oh_get_array_n_items)(qpdf_data qpdf, qpdf_oh oh);
static qpdf_oh (*p_qpdf_oh_get_dict)(qpdf_data qpdf, qpdf_oh oh);
static qpdf_oh (*p_qpdf_oh_get_key)(qpdf_data qpdf, qpdf_oh oh, char const* key);
static int (*p_qpdf_oh_get_object_id)(qpdf_data qpdf, qpdf_oh oh);
static QPDF_ERROR_CODE (*p_qpdf_oh_get_page_content_data)(qpdf_data qpdf, qpdf_oh page_oh, unsigned char** bufp, size_t* len);
static QPDF_ERROR_CODE (*p_qpdf_oh_get_stream_data)(qpdf_data qpdf, qpdf_oh stream_oh, enum qpdf_stream_decode_level_e decode_level, QPDF_BOOL* filtered, unsigned char** bufp, size_t* len);
static QPDF_BOOL (*p_qpdf_oh_has_key)(qpdf_data qpdf, qpdf_oh oh, char const* key);
static QPDF_BOOL (*p_qpdf_oh_is_array)(qpdf_data qpdf, qpdf_oh oh);
static QPDF_BOOL (*p_qpdf_oh_is_dictionary)(qpdf_data qpdf, qpdf_oh oh);
static QPDF_BOOL (*p_qpdf_oh_is_name_and_equals)(qpdf_data qpdf, qpdf_oh oh, char const* name);
static QPDF_BOOL (*p_qpdf_oh_is_null)(qpdf_data qpdf, qpdf_oh oh);
static QPDF_BOOL (*p_qpdf_oh_is_stream)(qpdf_data qpdf, qpdf_oh oh);
static qpdf_oh (*p_qpdf_oh_new_name)(qpdf_data qpdf, char const* name);
static qpdf_oh (*p_qpdf_oh_new_null)(qpdf_data qpdf);
static qpdf_oh (*p_qpdf_oh_new_stream)(qpdf_data qpdf);
static qpdf_oh (*p_qpdf_oh_new_string)(qpdf_data qpdf, char const* str);
static qpdf_oh (*p_qpdf_oh_new_unicode_string)(qpdf_data qpdf, char const* utf8_str);
static qpdf_oh (*p_qpdf_oh_parse)(qpdf_data qpdf, char const* object_str);
static void (*p_qpdf_oh_replace_key)(qpdf_data qpdf, qpdf_oh oh, char const* key, qpdf_oh item);
static void (*p_qpdf_oh_replace_stream_data)(qpdf_data qpdf, qpdf_oh stream_oh, unsigned char const* buf, size_t len, qpdf_oh filter, qpdf_oh decode_parms);
static QPDF_ERROR_CODE (*p_qpdf_read_memory)(qpdf_data qpdf, char const* description, char const* buffer, unsigned long long size, char const* password);
static void (*p_qpdf_set_compress_streams)(qpdf_data qpdf, QPDF_BOOL value);
static void (*p_qpdf_set_deterministic_ID)(qpdf_data qpdf, QPDF_BOOL value);
static void (*p_qpdf_set_minimum_pdf_version)(qpdf_data qpdf, char const* version);
static void (*p_qpdf_set_object_stream_mode)(qpdf_data qpdf, enum qpdf_object_stream_e mode);
static void (*p_qpdf_set_suppress_warnings)(qpdf_data qpdf, QPDF_BOOL value);
static QPDF_ERROR_CODE (*p_qpdf_write)(qpdf_data qpdf);

static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // The development symlink first (always there where cspreport was built), then the
    // sonames of the qpdf versions whose C API has these functions (10.6 and later).
    static const char *const names[] = {"libqpdf.so", "libqpdf.so.29", "libqpdf.so.28", "libqpdf.so.30"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    int ok = 1;
    ok &= (*(void **)&p_qpdf_cleanup = dlsym(library, "qpdf_cleanup")) != NULL;
    ok &= (*(void **)&p_qpdf_get_buffer = dlsym(library, "qpdf_get_buffer")) != NULL;
    ok &= (*(void **)&p_qpdf_get_buffer_length = dlsym(library, "qpdf_get_buffer_length")) != NULL;
    ok &= (*(void **)&p_qpdf_get_error = dlsym(library, "qpdf_get_error")) != NULL;
    ok &= (*(void **)&p_qpdf_get_error_full_text = dlsym(library, "qpdf_get_error_full_text")) != NULL;
    ok &= (*(void **)&p_qpdf_get_num_pages = dlsym(library, "qpdf_get_num_pages")) != NULL;
    ok &= (*(void **)&p_qpdf_get_page_n = dlsym(library, "qpdf_get_page_n")) != NULL;
    ok &= (*(void **)&p_qpdf_get_root = dlsym(library, "qpdf_get_root")) != NULL;
    ok &= (*(void **)&p_qpdf_get_trailer = dlsym(library, "qpdf_get_trailer")) != NULL;
    ok &= (*(void **)&p_qpdf_has_error = dlsym(library, "qpdf_has_error")) != NULL;
    ok &= (*(void **)&p_qpdf_init = dlsym(library, "qpdf_init")) != NULL;
    ok &= (*(void **)&p_qpdf_init_write_memory = dlsym(library, "qpdf_init_write_memory")) != NULL;
    ok &= (*(void **)&p_qpdf_make_indirect_object = dlsym(library, "qpdf_make_indirect_object")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_array_item = dlsym(library, "qpdf_oh_get_array_item")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_array_n_items = dlsym(library, "qpdf_oh_get_array_n_items")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_dict = dlsym(library, "qpdf_oh_get_dict")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_key = dlsym(library, "qpdf_oh_get_key")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_object_id = dlsym(library, "qpdf_oh_get_object_id")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_page_content_data = dlsym(library, "qpdf_oh_get_page_content_data")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_get_stream_data = dlsym(library, "qpdf_oh_get_stream_data")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_has_key = dlsym(library, "qpdf_oh_has_key")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_is_array = dlsym(library, "qpdf_oh_is_array")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_is_dictionary = dlsym(library, "qpdf_oh_is_dictionary")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_is_name_and_equals = dlsym(library, "qpdf_oh_is_name_and_equals")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_is_null = dlsym(library, "qpdf_oh_is_null")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_is_stream = dlsym(library, "qpdf_oh_is_stream")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_new_name = dlsym(library, "qpdf_oh_new_name")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_new_null = dlsym(library, "qpdf_oh_new_null")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_new_stream = dlsym(library, "qpdf_oh_new_stream")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_new_string = dlsym(library, "qpdf_oh_new_string")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_new_unicode_string = dlsym(library, "qpdf_oh_new_unicode_string")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_parse = dlsym(library, "qpdf_oh_parse")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_replace_key = dlsym(library, "qpdf_oh_replace_key")) != NULL;
    ok &= (*(void **)&p_qpdf_oh_replace_stream_data = dlsym(library, "qpdf_oh_replace_stream_data")) != NULL;
    ok &= (*(void **)&p_qpdf_read_memory = dlsym(library, "qpdf_read_memory")) != NULL;
    ok &= (*(void **)&p_qpdf_set_compress_streams = dlsym(library, "qpdf_set_compress_streams")) != NULL;
    ok &= (*(void **)&p_qpdf_set_deterministic_ID = dlsym(library, "qpdf_set_deterministic_ID")) != NULL;
    ok &= (*(void **)&p_qpdf_set_minimum_pdf_version = dlsym(library, "qpdf_set_minimum_pdf_version")) != NULL;
    ok &= (*(void **)&p_qpdf_set_object_stream_mode = dlsym(library, "qpdf_set_object_stream_mode")) != NULL;
    ok &= (*(void **)&p_qpdf_set_suppress_warnings = dlsym(library, "qpdf_set_suppress_warnings")) != NULL;
    ok &= (*(void **)&p_qpdf_write = dlsym(library, "qpdf_write")) != NULL;
    loaded = ok;
}

int csp_qpdf_load(void) {
    pthread_once(&once, load);
    return loaded;
}

void qpdf_cleanup(qpdf_data* qpdf) { p_qpdf_cleanup(qpdf); }
unsigned char const* qpdf_get_buffer(qpdf_data qpdf) { return p_qpdf_get_buffer(qpdf); }
size_t qpdf_get_buffer_length(qpdf_data qpdf) { return p_qpdf_get_buffer_length(qpdf); }
qpdf_error qpdf_get_error(qpdf_data qpdf) { return p_qpdf_get_error(qpdf); }
char const* qpdf_get_error_full_text(qpdf_data q, qpdf_error e) { return p_qpdf_get_error_full_text(q, e); }
int qpdf_get_num_pages(qpdf_data qpdf) { return p_qpdf_get_num_pages(qpdf); }
qpdf_oh qpdf_get_page_n(qpdf_data qpdf, size_t zero_based_index) { return p_qpdf_get_page_n(qpdf, zero_based_index); }
qpdf_oh qpdf_get_root(qpdf_data qpdf) { return p_qpdf_get_root(qpdf); }
qpdf_oh qpdf_get_trailer(qpdf_data qpdf) { return p_qpdf_get_trailer(qpdf); }
QPDF_BOOL qpdf_has_error(qpdf_data qpdf) { return p_qpdf_has_error(qpdf); }
qpdf_data qpdf_init(void) { return p_qpdf_init(); }
QPDF_ERROR_CODE qpdf_init_write_memory(qpdf_data qpdf) { return p_qpdf_init_write_memory(qpdf); }
qpdf_oh qpdf_make_indirect_object(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_make_indirect_object(qpdf, oh); }
qpdf_oh qpdf_oh_get_array_item(qpdf_data qpdf, qpdf_oh oh, int n) { return p_qpdf_oh_get_array_item(qpdf, oh, n); }
int qpdf_oh_get_array_n_items(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_get_array_n_items(qpdf, oh); }
qpdf_oh qpdf_oh_get_dict(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_get_dict(qpdf, oh); }
qpdf_oh qpdf_oh_get_key(qpdf_data qpdf, qpdf_oh oh, char const* key) { return p_qpdf_oh_get_key(qpdf, oh, key); }
int qpdf_oh_get_object_id(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_get_object_id(qpdf, oh); }
QPDF_ERROR_CODE qpdf_oh_get_page_content_data(qpdf_data qpdf, qpdf_oh page_oh, unsigned char** bufp, size_t* len) { return p_qpdf_oh_get_page_content_data(qpdf, page_oh, bufp, len); }
QPDF_ERROR_CODE qpdf_oh_get_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, enum qpdf_stream_decode_level_e decode_level, QPDF_BOOL* filtered, unsigned char** bufp, size_t* len) { return p_qpdf_oh_get_stream_data(qpdf, stream_oh, decode_level, filtered, bufp, len); }
QPDF_BOOL qpdf_oh_has_key(qpdf_data qpdf, qpdf_oh oh, char const* key) { return p_qpdf_oh_has_key(qpdf, oh, key); }
QPDF_BOOL qpdf_oh_is_array(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_is_array(qpdf, oh); }
QPDF_BOOL qpdf_oh_is_dictionary(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_is_dictionary(qpdf, oh); }
QPDF_BOOL qpdf_oh_is_name_and_equals(qpdf_data qpdf, qpdf_oh oh, char const* name) { return p_qpdf_oh_is_name_and_equals(qpdf, oh, name); }
QPDF_BOOL qpdf_oh_is_null(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_is_null(qpdf, oh); }
QPDF_BOOL qpdf_oh_is_stream(qpdf_data qpdf, qpdf_oh oh) { return p_qpdf_oh_is_stream(qpdf, oh); }
qpdf_oh qpdf_oh_new_name(qpdf_data qpdf, char const* name) { return p_qpdf_oh_new_name(qpdf, name); }
qpdf_oh qpdf_oh_new_null(qpdf_data qpdf) { return p_qpdf_oh_new_null(qpdf); }
qpdf_oh qpdf_oh_new_stream(qpdf_data qpdf) { return p_qpdf_oh_new_stream(qpdf); }
qpdf_oh qpdf_oh_new_string(qpdf_data qpdf, char const* str) { return p_qpdf_oh_new_string(qpdf, str); }
qpdf_oh qpdf_oh_new_unicode_string(qpdf_data qpdf, char const* utf8_str) { return p_qpdf_oh_new_unicode_string(qpdf, utf8_str); }
qpdf_oh qpdf_oh_parse(qpdf_data qpdf, char const* object_str) { return p_qpdf_oh_parse(qpdf, object_str); }
void qpdf_oh_replace_key(qpdf_data qpdf, qpdf_oh oh, char const* key, qpdf_oh item) { p_qpdf_oh_replace_key(qpdf, oh, key, item); }
void qpdf_oh_replace_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, unsigned char const* buf, size_t len, qpdf_oh filter, qpdf_oh decode_parms) { p_qpdf_oh_replace_stream_data(qpdf, stream_oh, buf, len, filter, decode_parms); }
QPDF_ERROR_CODE qpdf_read_memory(qpdf_data qpdf, char const* description, char const* buffer, unsigned long long size, char const* password) { return p_qpdf_read_memory(qpdf, description, buffer, size, password); }
void qpdf_set_compress_streams(qpdf_data qpdf, QPDF_BOOL value) { p_qpdf_set_compress_streams(qpdf, value); }
void qpdf_set_deterministic_ID(qpdf_data qpdf, QPDF_BOOL value) { p_qpdf_set_deterministic_ID(qpdf, value); }
void qpdf_set_minimum_pdf_version(qpdf_data qpdf, char const* version) { p_qpdf_set_minimum_pdf_version(qpdf, version); }
void qpdf_set_object_stream_mode(qpdf_data qpdf, enum qpdf_object_stream_e mode) { p_qpdf_set_object_stream_mode(qpdf, mode); }
void qpdf_set_suppress_warnings(qpdf_data qpdf, QPDF_BOOL value) { p_qpdf_set_suppress_warnings(qpdf, value); }
QPDF_ERROR_CODE qpdf_write(qpdf_data qpdf) { return p_qpdf_write(qpdf); }
