// malloc_trim is glibc's and is declared in <malloc.h>, which Swift's Glibc module leaves out.
#include "CMemory.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>

void cmemory_release_free(void) { malloc_trim(0); }
#else
void cmemory_release_free(void) {}
#endif
