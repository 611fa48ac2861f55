/*
 * libFuzzer harness: 837P/837I read back into the claim model, over a
 * buffer and pushed in fuzzer-chosen chunks (differential), copied into
 * batches and round tripped, optionally with failing allocations.  The
 * logic lives in harness_claimread.h (fz_claimread_one), shared with the
 * regression replay test tests/check_fuzz_regressions.c.
 */
#include "harness_claimread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_claimread_one(data, size);
    return 0;
}
