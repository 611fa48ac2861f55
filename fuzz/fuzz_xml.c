/*
 * libFuzzer harness: X12 <-> XML.  The logic lives in harness_xml.h
 * (fz_xml_one), shared with the regression replay test
 * tests/check_fuzz_regressions.c.  Seeds: fuzz/seeds.sh's seeds-plain (run.sh
 * falls back to them) plus any document in the format of specs/x12xml.xsd.
 */
#include "harness_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_xml_one(data, size);
    return 0;
}
