/*
 * libFuzzer harness: the reader, the validator (built-in guides, lenient and
 * strict) and the 999 and TA1 it writes, which must read back cleanly.
 * The logic lives in harness_modules.h (fz_validate_one), shared with the
 * regression replay test tests/check_fuzz_regressions.c.
 */
#include "harness_modules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_validate_one(data, size);
    return 0;
}
