/*
 * libFuzzer harness: read -> x12_writer_copy (same delimiters, KEEP_BREAKS,
 * verbatim) must reproduce the input.
 * The logic lives in harness.h (fz_roundtrip_one), shared with the regression
 * replay test tests/check_fuzz_regressions.c.
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_roundtrip_one(data, size);
    return 0;
}
