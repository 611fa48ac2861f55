/*
 * libFuzzer harness: the whole-buffer reader, envelope checks and
 * x12_error_format (three option sets).
 * The logic lives in harness.h (fz_reader_one), shared with the regression
 * replay test tests/check_fuzz_regressions.c.
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_reader_one(data, size);
    return 0;
}
