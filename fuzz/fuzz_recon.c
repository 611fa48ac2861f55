/*
 * libFuzzer harness: 837 and 835 bytes reconciled (x12_recon): every
 * invariant of money, states and actions, the results independent of the
 * order of the inputs and of reading them twice, and failing allocations.
 * The logic lives in harness_recon.h (fz_recon_one), shared with the
 * regression replay test tests/check_fuzz_regressions.c.
 */
#include "harness_recon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_recon_one(data, size);
    return 0;
}
