// SwiftPM links executables with `--defsym main=<module>_main`, which hides libFuzzer's own
// `main`. So the Swift `main` calls libFuzzer's driver explicitly. The symbol is weak: in a
// normal build (no -sanitize=fuzzer) it is NULL and the fuzz executables only replay inputs,
// which is what the regression tests and `make fuzz-replay` use.
#include "CFuzzDriver.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, CSPFuzzTestOneInput callback)
    __attribute__((weak));

static int replay_file(const char *path, CSPFuzzTestOneInput test_one) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "%s: cannot open\n", path); return 1; }
    size_t capacity = 4096, size = 0;
    uint8_t *data = malloc(capacity);
    if (!data) { fclose(f); return 1; }
    size_t n;
    while ((n = fread(data + size, 1, capacity - size, f)) > 0) {
        size += n;
        if (size == capacity) {
            uint8_t *bigger = realloc(data, capacity * 2);
            if (!bigger) { free(data); fclose(f); return 1; }
            data = bigger;
            capacity *= 2;
        }
    }
    fclose(f);
    test_one(data, size);
    free(data);
    return 0;
}

static int replay(const char *path, CSPFuzzTestOneInput test_one, int *count) {
    struct stat st;
    if (stat(path, &st) != 0) { fprintf(stderr, "%s: no such file\n", path); return 1; }
    if (!S_ISDIR(st.st_mode)) { *count += 1; return replay_file(path, test_one); }
    DIR *dir = opendir(path);
    if (!dir) return 1;
    int failures = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        size_t length = strlen(path) + strlen(entry->d_name) + 2;
        char *child = malloc(length);
        if (!child) { closedir(dir); return 1; }
        snprintf(child, length, "%s/%s", path, entry->d_name);
        failures += replay(child, test_one, count);
        free(child);
    }
    closedir(dir);
    return failures;
}

int csp_fuzz_main(int argc, char **argv, CSPFuzzTestOneInput test_one) {
    if (LLVMFuzzerRunDriver) return LLVMFuzzerRunDriver(&argc, &argv, test_one);
    int failures = 0, count = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') continue;  // libFuzzer flags mean nothing here
        failures += replay(argv[i], test_one, &count);
    }
    fprintf(stderr, "replayed %d input%s (not built with -sanitize=fuzzer, so no fuzzing)\n",
            count, count == 1 ? "" : "s");
    return failures == 0 ? 0 : 1;
}
