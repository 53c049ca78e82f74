#ifndef CSPREPORT_FAST_FORMAT_H
#define CSPREPORT_FAST_FORMAT_H
#include <stddef.h>

/// `d` with `precision` decimals (0–18), exactly as glibc's "%.*f" writes it in the C locale,
/// into `out` (snprintf's truncation rules). Returns the full length, or -1 when `d` is outside
/// the fast path (not finite, or 2^53 or more in size) and the caller must use snprintf.
int csp_format_fixed(char *out, size_t capacity, double d, int precision);

/// The same through glibc's own vsnprintf, for comparison in tests.
int csp_libc_format_fixed(char *out, size_t capacity, double d, int precision);

/// `value` written with an integer `format` ("%d", "%010ld", "%04x"…: one argument, an int or,
/// with "l", a long) by this program's snprintf, or by glibc's when `through_libc` is 1: for tests.
int csp_test_format_integer(char *out, size_t capacity, const char *format, long value, int through_libc);

/// How many snprintf calls (from any library in the process) the fast path has answered.
unsigned long csp_fast_format_calls(void);

/// Whether this process's snprintf and __snprintf_chk, as other libraries see them, are ours.
int csp_fast_format_installed(void);

#endif
