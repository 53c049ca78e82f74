// Cairo 1.16 writes every number in a PDF (glyph positions, paths, matrices) through
// snprintf("%f") and, for small numbers, snprintf("%.18f") then "%.*f" (cairo-output-stream.c,
// _cairo_dtostr). glibc formats those with multi-precision arithmetic, which was about a
// twentieth of a whole build. This file defines snprintf and __snprintf_chk in the program
// itself, so the dynamic linker binds libcairo's calls (and everyone else's) here: fixed-point
// formats of ordinary doubles are written with exact 128-bit integer arithmetic, giving the
// same bytes as glibc (round to nearest, ties to even, on the exact binary value), and plain
// integer formats ("%d", "%010ld", "%04x") digit by digit; every other format, value, locale or
// rounding mode goes on to glibc's vsnprintf unchanged.
#undef _FORTIFY_SOURCE
#define _GNU_SOURCE
#include "CFastFormat.h"

#include <dlfcn.h>
#include <fenv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

static unsigned long fast_calls;

int csp_format_fixed(char *out, size_t capacity, double d, int precision) {
    if (precision < 0 || precision > 18) return -1;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int negative = (int)(bits >> 63);
    int exponent = (int)((bits >> 52) & 0x7FF);
    uint64_t mantissa = bits & ((UINT64_C(1) << 52) - 1);
    if (exponent == 0x7FF) return -1;                  // infinity or NaN
    if (exponent != 0) mantissa |= UINT64_C(1) << 52;  // normal
    else exponent = 1;                                 // subnormal
    int shift = 1075 - exponent;                       // d = mantissa / 2^shift
    if (shift < 0) return -1;                          // 2^53 or more

    uint64_t scale = 1;
    for (int i = 0; i < precision; i++) scale *= 10;
    // The value times 10^precision, rounded to an integer: to nearest, ties to even.
    unsigned __int128 n = (unsigned __int128)mantissa * scale;  // below 2^113
    unsigned __int128 q;
    if (shift == 0) {
        q = n;
    } else if (shift >= 120) {
        q = 0;  // n / 2^shift < 2^-7: rounds to zero
    } else {
        q = n >> shift;
        unsigned __int128 rest = n & (((unsigned __int128)1 << shift) - 1);
        unsigned __int128 half = (unsigned __int128)1 << (shift - 1);
        if (rest > half || (rest == half && (q & 1))) q += 1;
    }
    uint64_t whole = (uint64_t)(q / scale), fraction = (uint64_t)(q % scale);

    char buffer[64];
    int length = 0;
    if (negative) buffer[length++] = '-';
    char digits[24];
    int k = 0;
    do { digits[k++] = (char)('0' + whole % 10); whole /= 10; } while (whole);
    while (k) buffer[length++] = digits[--k];
    if (precision > 0) {
        buffer[length++] = '.';
        for (int i = precision - 1; i >= 0; i--) { buffer[length + i] = (char)('0' + fraction % 10); fraction /= 10; }
        length += precision;
    }
    if (capacity > 0) {
        size_t copy = (size_t)length < capacity - 1 ? (size_t)length : capacity - 1;
        memcpy(out, buffer, copy);
        out[copy] = 0;
    }
    return length;
}

static int libc_format(char *out, size_t capacity, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vsnprintf(out, capacity, format, ap);
    va_end(ap);
    return r;
}

int csp_libc_format_fixed(char *out, size_t capacity, double d, int precision) {
    return libc_format(out, capacity, "%.*f", precision, d);
}

unsigned long csp_fast_format_calls(void) { return __atomic_load_n(&fast_calls, __ATOMIC_RELAXED); }

int csp_fast_format_installed(void) {
    return dlsym(RTLD_DEFAULT, "snprintf") == (void *)&snprintf
        && dlsym(RTLD_DEFAULT, "__snprintf_chk") == (void *)&__snprintf_chk;
}

// The precision of a fixed-point format this file answers ("%f", "%.Nf", "%.*f" with the int
// argument read from `ap`), or -1 for any other format. Reads nothing from `ap` unless it
// returns a precision.
static int fixed_precision(const char *format, va_list *ap) {
    if (format[0] != '%') return -1;
    if (format[1] == 'f' && format[2] == 0) return 6;
    if (format[1] != '.') return -1;
    if (format[2] == '*' && format[3] == 'f' && format[4] == 0) return va_arg(*ap, int);
    int precision = 0, i = 2;
    while (format[i] >= '0' && format[i] <= '9' && i < 4) precision = precision * 10 + (format[i++] - '0');
    if (i == 2 || format[i] != 'f' || format[i + 1] != 0) return -1;
    return precision;
}

// The fast path applies only where glibc would write the same: the C decimal point and
// rounding to nearest. The decimal point is the current locale's radix character, which
// nl_langinfo reads where localeconv fills a whole structure first (localeconv was 7 million
// instructions of a scale-1 build).
static int plain_environment(void) {
    const char *point = nl_langinfo(RADIXCHAR);
    return point[0] == '.' && point[1] == 0 && fegetround() == FE_TONEAREST;
}

// An integer format this file answers: "%" then optionally "0" and a width of one or two
// digits, optionally "l", then one of d, u, x, X, and nothing after. Cairo writes every
// integer of a PDF (object numbers, lengths, glyph ids, xref offsets as "%010ld") through
// snprintf with formats like these, some thirty thousand times for a quarter's report.
struct integer_format { int width, is_long, base, upper, is_signed; };

static int parse_integer_format(const char *format, struct integer_format *f) {
    if (format[0] != '%') return 0;
    int i = 1;
    f->width = 0;
    if (format[i] == '0') {
        i++;
        if (format[i] < '1' || format[i] > '9') return 0;
        f->width = format[i++] - '0';
        if (format[i] >= '0' && format[i] <= '9') f->width = f->width * 10 + (format[i++] - '0');
    }
    f->is_long = format[i] == 'l';
    if (f->is_long) i++;
    char c = format[i];
    if (c == 0 || format[i + 1] != 0) return 0;
    f->is_signed = c == 'd';
    f->upper = c == 'X';
    f->base = (c == 'x' || c == 'X') ? 16 : 10;
    return c == 'd' || c == 'u' || c == 'x' || c == 'X';
}

// The digits of `magnitude` (with a minus sign when `negative`), zero-padded to `width` as
// printf pads ("%05d" of -42 is "-0042"), into `out` with snprintf's truncation rules.
static int format_integer(char *out, size_t capacity, unsigned long magnitude, int negative, const struct integer_format *f) {
    const char *digits = f->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char reversed[24];
    int k = 0;
    do { reversed[k++] = digits[magnitude % (unsigned)f->base]; magnitude /= (unsigned)f->base; } while (magnitude);
    char buffer[128];  // a sign, then at most 99 digits of padding or 20 of a 64-bit number
    int length = 0;
    if (negative) buffer[length++] = '-';
    for (int pad = f->width - k - negative; pad > 0; pad--) buffer[length++] = '0';
    while (k) buffer[length++] = reversed[--k];
    if (capacity > 0) {
        size_t copy = (size_t)length < capacity - 1 ? (size_t)length : capacity - 1;
        memcpy(out, buffer, copy);
        out[copy] = 0;
    }
    return length;
}

// Answers `format` with its arguments in `ap` when it is a fixed-point format of an ordinary
// double or one of the integer formats above; otherwise returns -2 with `ap` untouched (the
// caller passes its own copy).
static int try_fast(char *s, size_t maxlen, const char *format, va_list ap) {
    va_list mine;
    va_copy(mine, ap);
    int result = -2;
    struct integer_format f;
    if (parse_integer_format(format, &f)) {
        // No locale or rounding mode changes how these are written.
        unsigned long magnitude;
        int negative = 0;
        if (f.is_signed) {
            long v = f.is_long ? va_arg(mine, long) : va_arg(mine, int);
            negative = v < 0;
            magnitude = negative ? 0UL - (unsigned long)v : (unsigned long)v;
        } else {
            magnitude = f.is_long ? va_arg(mine, unsigned long) : va_arg(mine, unsigned int);
        }
        result = format_integer(s, maxlen, magnitude, negative, &f);
        __atomic_fetch_add(&fast_calls, 1, __ATOMIC_RELAXED);
    } else {
        int precision = fixed_precision(format, &mine);
        if (precision >= 0 && precision <= 18 && plain_environment()) {
            double d = va_arg(mine, double);
            result = csp_format_fixed(s, maxlen, d, precision);
            if (result < 0) result = -2;
            else __atomic_fetch_add(&fast_calls, 1, __ATOMIC_RELAXED);
        }
    }
    va_end(mine);
    return result;
}

int csp_test_format_integer(char *out, size_t capacity, const char *format, long value, int through_libc) {
    int is_long = strchr(format, 'l') != NULL;
    if (through_libc) return is_long ? libc_format(out, capacity, format, value) : libc_format(out, capacity, format, (int)value);
    return is_long ? snprintf(out, capacity, format, value) : snprintf(out, capacity, format, (int)value);
}

int snprintf(char *restrict s, size_t maxlen, const char *restrict format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = try_fast(s, maxlen, format, ap);
    if (r == -2) r = vsnprintf(s, maxlen, format, ap);
    va_end(ap);
    return r;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    // A buffer smaller than claimed is glibc's to report (__chk_fail), so it goes there.
    int r = slen >= maxlen ? try_fast(s, maxlen, format, ap) : -2;
    if (r == -2) r = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return r;
}
