#ifndef CMEMORY_H
#define CMEMORY_H

/// Gives the free memory of every malloc arena back to the system. glibc keeps one arena per
/// thread, and what a worker thread freed cannot serve the main thread's allocations; elsewhere
/// this does nothing.
void cmemory_release_free(void);

#endif
