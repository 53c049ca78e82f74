#ifndef CMEMORY_H
#define CMEMORY_H
#include <stddef.h>

/// Gives the free memory of every malloc arena back to the system. glibc keeps one arena per
/// thread, and what a worker thread freed cannot serve the main thread's allocations; elsewhere
/// this does nothing.
void cmemory_release_free(void);

/// Where `needle` first occurs in the `length` bytes at `haystack` (memmem), or -1.
long cmemory_find(const void *haystack, size_t length, const void *needle, size_t needle_length);

#endif
