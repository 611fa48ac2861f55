/*
 * libFuzzer harness: 835 remittances, whole file and streaming over push
 * input with fuzzer-chosen chunking (differential), optionally with failing
 * allocations.  The logic lives in harness_modules.h (fz_remit835_one),
 * shared with the regression replay test tests/check_fuzz_regressions.c.
 */
#include "harness_modules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_remit835_one(data, size);
    return 0;
}
