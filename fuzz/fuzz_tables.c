/*
 * libFuzzer harness: the 835 column tables (x12_tables), read as one batch
 * from a buffer and again in fuzzer-chosen batches and push chunks
 * (differential), optionally with failing allocations.  The logic lives in
 * harness_tables.h (fz_tables_one), shared with the regression replay test
 * tests/check_fuzz_regressions.c.
 */
#include "harness_tables.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_tables_one(data, size);
    return 0;
}
