/*
 * The code lists of the eligibility and claim status modules, compiled in
 * from the .tsv lists in specs/codes by scripts/tsv2c.awk (lib/txn_codes_data.c
 * in the build directory); nothing is read at run time.  Lookups are by
 * bisection: the lists are sorted by code length, then byte order.
 */
#include "txn_internal.h"

#define DECLARE(name)                               \
    extern const char *const x12i_codes_##name[];   \
    extern const char *const x12i_texts_##name[];   \
    extern const char x12i_classes_##name[];        \
    extern const size_t x12i_count_##name;          \
    extern const char x12i_version_##name[]

DECLARE(eligibility_benefit);
DECLARE(service_type);
DECLARE(coverage_level);
DECLARE(time_period);
DECLARE(aaa_reject_reason);
DECLARE(aaa_follow_up);
DECLARE(claim_status_category);
DECLARE(claim_status_code);
DECLARE(entity_identifier);

typedef struct code_list {
    const char *const *codes;
    const char *const *texts;
    const char *classes;
    const size_t *count;
    const char *version;
} code_list;

#define LIST(name) {x12i_codes_##name, x12i_texts_##name, x12i_classes_##name, \
                    &x12i_count_##name, x12i_version_##name}

/* In the order of enum tx_list. */
static const code_list lists[TXL_COUNT] = {
    LIST(eligibility_benefit), LIST(service_type),      LIST(coverage_level),
    LIST(time_period),         LIST(aaa_reject_reason), LIST(aaa_follow_up),
    LIST(claim_status_category), LIST(claim_status_code), LIST(entity_identifier),
};

/* Shorter codes sort first, then byte order. */
static int compare(const char *code, size_t len, const char *entry)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (entry[i] == '\0')
            return 1;
    if (entry[len] != '\0')
        return -1;
    for (i = 0; i < len; i++)
        if (code[i] != entry[i])
            return (unsigned char)code[i] < (unsigned char)entry[i] ? -1 : 1;
    return 0;
}

static long find(enum tx_list l, const char *code, size_t len)
{
    const code_list *cl;
    size_t lo = 0, hi;

    if ((unsigned)l >= TXL_COUNT || code == NULL || len == 0)
        return -1;
    cl = &lists[l];
    hi = *cl->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(code, len, cl->codes[mid]);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

const char *tx_code_text(enum tx_list l, const char *code, size_t len)
{
    long i = find(l, code, len);

    return i >= 0 ? lists[l].texts[i] : NULL;
}

char tx_code_class(enum tx_list l, const char *code, size_t len)
{
    long i = find(l, code, len);

    return i >= 0 ? lists[l].classes[i] : 0;
}

const char *tx_code_version(enum tx_list l)
{
    return (unsigned)l < TXL_COUNT ? lists[l].version : NULL;
}

size_t tx_code_count(enum tx_list l)
{
    return (unsigned)l < TXL_COUNT ? *lists[l].count : 0;
}

/* ---- the public lookups ------------------------------------------------------------- */

static int elig_list(x12_elig_codeset set, enum tx_list *l)
{
    switch (set) {
    case X12_ELIG_CODES_BENEFIT: *l = TXL_BENEFIT; return 1;
    case X12_ELIG_CODES_SERVICE_TYPE: *l = TXL_SERVICE_TYPE; return 1;
    case X12_ELIG_CODES_COVERAGE_LEVEL: *l = TXL_COVERAGE_LEVEL; return 1;
    case X12_ELIG_CODES_TIME_PERIOD: *l = TXL_TIME_PERIOD; return 1;
    case X12_ELIG_CODES_REJECT_REASON: *l = TXL_REJECT_REASON; return 1;
    case X12_ELIG_CODES_FOLLOW_UP: *l = TXL_FOLLOW_UP; return 1;
    }
    return 0;
}

static int cs_list(x12_claimstatus_codeset set, enum tx_list *l)
{
    switch (set) {
    case X12_CS_CODES_CATEGORY: *l = TXL_CATEGORY; return 1;
    case X12_CS_CODES_STATUS: *l = TXL_STATUS; return 1;
    case X12_CS_CODES_ENTITY: *l = TXL_ENTITY; return 1;
    }
    return 0;
}

const char *x12_elig_code_text(x12_elig_codeset set, const char *code, size_t len)
{
    enum tx_list l;

    return elig_list(set, &l) ? tx_code_text(l, code, len) : NULL;
}

const char *x12_elig_code_list_version(x12_elig_codeset set)
{
    enum tx_list l;

    return elig_list(set, &l) ? tx_code_version(l) : NULL;
}

size_t x12_elig_code_count(x12_elig_codeset set)
{
    enum tx_list l;

    return elig_list(set, &l) ? tx_code_count(l) : 0;
}

const char *x12_claimstatus_code_text(x12_claimstatus_codeset set, const char *code, size_t len)
{
    enum tx_list l;

    return cs_list(set, &l) ? tx_code_text(l, code, len) : NULL;
}

const char *x12_claimstatus_code_list_version(x12_claimstatus_codeset set)
{
    enum tx_list l;

    return cs_list(set, &l) ? tx_code_version(l) : NULL;
}

size_t x12_claimstatus_code_count(x12_claimstatus_codeset set)
{
    enum tx_list l;

    return cs_list(set, &l) ? tx_code_count(l) : 0;
}
