/*
 * libFuzzer harness: the 271 eligibility and 277/277CA claim status
 * readers, over a buffer, pushed in fuzzer-chosen chunks and collected into
 * docs (differential), with a fuzzer-chosen limit on the diagnostics kept
 * and optionally failing allocations.  The logic lives in harness_txn.h
 * (fz_txn_one), shared with the regression replay test
 * tests/check_fuzz_regressions.c.
 */
#include "harness_txn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_txn_one(data, size);
    return 0;
}
