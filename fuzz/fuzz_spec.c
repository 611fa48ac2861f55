/*
 * libFuzzer harness: implementation-guide XML (x12_spec_load_memory) on
 * arbitrary bytes; a guide that loads validates a fixed 837P.
 * The logic lives in harness_modules.h (fz_spec_one), shared with the
 * regression replay test tests/check_fuzz_regressions.c.
 */
#include "harness_modules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_spec_one(data, size);
    return 0;
}
