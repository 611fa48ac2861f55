/*
 * Code descriptions for remittances: CARC, RARC, claim status, adjustment
 * groups and PLB reasons.  The data comes from the .tsv lists in specs/codes, compiled
 * at build time by scripts/tsv2c.awk into remit835_codes_data.c (in the
 * build directory) - the PLB reasons into spec_codes_data.c, where the
 * validator's code lists are, so that one table serves both; nothing is
 * read at run time.
 */
#include <string.h>

#include "remit835_internal.h"

#define DECLARE_SET(name)                           \
    extern const char *const x12i_codes_##name[];   \
    extern const char *const x12i_texts_##name[];   \
    extern const char x12i_classes_##name[];        \
    extern const size_t x12i_count_##name;          \
    extern const char x12i_version_##name[]

DECLARE_SET(carc);
DECLARE_SET(rarc);
DECLARE_SET(claim_status);
DECLARE_SET(cas_group);
DECLARE_SET(plb_reason);

typedef struct code_set {
    const char *const *codes;
    const char *const *texts;
    const char *classes;
    const size_t *count;
    const char *version;
} code_set;

static const code_set *set_of(x12_remit_codeset set)
{
#define SET(name) {x12i_codes_##name, x12i_texts_##name, x12i_classes_##name, \
                   &x12i_count_##name, x12i_version_##name}
    static const code_set sets[] = {SET(carc), SET(rarc), SET(claim_status), SET(cas_group),
                                    SET(plb_reason)};
#undef SET

    switch (set) {
    case X12_CODESET_CARC: return &sets[0];
    case X12_CODESET_RARC: return &sets[1];
    case X12_CODESET_CLAIM_STATUS: return &sets[2];
    case X12_CODESET_GROUP: return &sets[3];
    case X12_CODESET_PLB_REASON: return &sets[4];
    }
    return NULL;
}

/* Order of the lists: shorter codes first, then byte order.  Codes are a
 * few bytes long: the length is settled by looking at most len + 1 bytes of
 * the entry, without a strlen of it. */
static int compare(const char *code, size_t len, const char *entry)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (entry[i] == '\0')
            return 1; /* the entry is shorter */
    if (entry[len] != '\0')
        return -1;    /* the entry is longer */
    for (i = 0; i < len; i++)
        if (code[i] != entry[i])
            return (unsigned char)code[i] < (unsigned char)entry[i] ? -1 : 1;
    return 0;
}

/* Index of the code in the set, or -1. */
static long find(const code_set *cs, const char *code, size_t len)
{
    size_t lo = 0, hi = *cs->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(code, len, cs->codes[mid]);

        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

const char *x12_remit_code_text(x12_remit_codeset set, const char *code, size_t len)
{
    const code_set *cs = set_of(set);
    long i;

    if (cs == NULL || code == NULL || len == 0)
        return NULL;
    i = find(cs, code, len);
    return i >= 0 ? cs->texts[i] : NULL;
}

const char *x12_remit_code_list_version(x12_remit_codeset set)
{
    const code_set *cs = set_of(set);

    return cs != NULL ? cs->version : NULL;
}

size_t x12_remit_code_count(x12_remit_codeset set)
{
    const code_set *cs = set_of(set);

    return cs != NULL ? *cs->count : 0;
}

char x12i_carc_class(const char *code, size_t len)
{
    const code_set *cs = set_of(X12_CODESET_CARC);
    long i;

    if (code == NULL || len == 0)
        return 'D';
    i = find(cs, code, len);
    return i >= 0 ? cs->classes[i] : 'D';
}
