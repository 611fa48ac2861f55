/*
 * libFuzzer harness: push input with fuzzer-chosen options and chunking,
 * differential against the whole-buffer reader.
 * The logic lives in harness.h (fz_push_one), shared with the regression
 * replay test tests/check_fuzz_regressions.c.
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_push_one(data, size);
    return 0;
}
