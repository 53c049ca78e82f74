#ifndef CSP_FUZZ_DRIVER_H
#define CSP_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

typedef int (*CSPFuzzTestOneInput)(const uint8_t *data, size_t size);

/// Runs libFuzzer when the binary was linked with it (-sanitize=fuzzer); otherwise replays
/// the files and folders named on the command line through `test_one`, once each.
int csp_fuzz_main(int argc, char **argv, CSPFuzzTestOneInput test_one);

#endif
