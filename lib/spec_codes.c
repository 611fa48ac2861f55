/*
 * External code lists that guides name by codelist="NAME" (x12spec.xsd):
 * lists too long or too widely shared to write into every <element>, such
 * as the States and Provinces list of N402; and the value checks that the
 * validator (check="npi") and the builders (claim837, 270, 276) share.  The codes are compiled from
 * specs/codes/NAME.tsv by scripts/tsv2c.awk (lib/spec_codes_data.c in the
 * build directory).  Linked into the library and into tools/specgen, which
 * records a list by its index here: both see the same table.
 */
#include <string.h>

#include "spec_internal.h"

/* From lib/spec_codes_data.c (generated).  The PLB reasons are compiled
 * there once, for the validator and for remit835_codes.c's descriptions. */
extern const char *const x12i_codes_states[];
extern const size_t x12i_count_states;
extern const char *const x12i_codes_plb_reason[];
extern const size_t x12i_count_plb_reason;

const x12i_codelist x12i_codelists[] = {
    {"states", "US state, territory or military, or Canadian province code", x12i_codes_states,
     &x12i_count_states},
    {"plb-reason", "provider adjustment reason code of the 835 guide", x12i_codes_plb_reason,
     &x12i_count_plb_reason},
};
const size_t x12i_ncodelists = sizeof x12i_codelists / sizeof x12i_codelists[0];

long x12i_codelist_find(const char *name)
{
    size_t i;

    for (i = 0; i < x12i_ncodelists; i++)
        if (strcmp(x12i_codelists[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* The order of the lists: by length, then byte order (tsv2c.awk checks).
 * By hand: this runs for every N402 of a file. */
static int cmp_code(const char *code, const char *v, size_t n)
{
    size_t len, i;

    for (len = 0; len <= n && code[len] != '\0'; len++)
        ;
    if (len != n)
        return len < n ? -1 : 1;
    for (i = 0; i < n; i++)
        if (code[i] != v[i])
            return (unsigned char)code[i] < (unsigned char)v[i] ? -1 : 1;
    return 0;
}

int x12i_codelist_has(size_t idx, const char *v, size_t n)
{
    const x12i_codelist *l;
    size_t lo = 0, hi;

    if (idx >= x12i_ncodelists || n == 0)
        return 0;
    l = &x12i_codelists[idx];
    hi = *l->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_code(l->codes[mid], v, n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int x12i_state_code(const char *p, size_t n)
{
    long k = x12i_codelist_find("states");

    return k >= 0 && x12i_codelist_has((size_t)k, p, n);
}
