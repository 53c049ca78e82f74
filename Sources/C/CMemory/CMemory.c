// malloc_trim is glibc's and is declared in <malloc.h>, which Swift's Glibc module leaves out;
// memmem needs _GNU_SOURCE, which Swift's Glibc module does not define.
#define _GNU_SOURCE
#include "CMemory.h"
#include <string.h>
#include <stdlib.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>

void cmemory_release_free(void) { malloc_trim(0); }
#else
void cmemory_release_free(void) {}
#endif

long cmemory_find(const void *haystack, size_t length, const void *needle, size_t needle_length) {
    const char *found = memmem(haystack, length, needle, needle_length);
    return found ? (long)(found - (const char *)haystack) : -1;
}
