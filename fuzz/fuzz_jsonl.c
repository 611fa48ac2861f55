/*
 * libFuzzer harness: JSON Lines encounters (x12_batch_build_jsonl_buffer) on
 * arbitrary bytes, and the same bytes read through the callback in chunks
 * the input's last byte chooses: same status, records and bytes.  The logic
 * lives in harness_modules.h (fz_jsonl_one), shared with the regression
 * replay test tests/check_fuzz_regressions.c.
 */
#include "harness_modules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_jsonl_one(data, size);
    return 0;
}
