/*
 * libFuzzer harness: encounter XML (x12_batch_load_xml_memory) on arbitrary
 * bytes, then the claim edits and, when they pass, the 837 written and read
 * back.
 * The logic lives in harness_modules.h (fz_encounter_one), shared with the
 * regression replay test tests/check_fuzz_regressions.c.
 */
#include "harness_modules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_encounter_one(data, size);
    return 0;
}
