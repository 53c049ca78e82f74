#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the x86 SHA extensions (SHA-NI) and SSE4.1, else 0.
int csha256_hardware_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (the eight 32-bit words of
/// SHA-256, in order) with the SHA-NI instructions. Call only when
/// csha256_hardware_available() returned 1.
void csha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
