/*
 * eligibility internals shared by lib/elig_parse.c (271 reading),
 * lib/elig_model.c (accessors), lib/elig_request.c (270 building) and
 * lib/elig_xml.c (270 requests from XML).  Never installed.
 */
#ifndef X12_ELIG_INTERNAL_H
#define X12_ELIG_INTERNAL_H

#include "txn_internal.h"

/* Highest value of each public field enum: arrays are indexed by value. */
#define EC_NF 31
#define EP_NF 9
#define EB_NF 14
#define EM_N 10
#define ER_NF 10
#define ER_NOPT 6
#define EI_NF 27

/* Each count names the enum value it stands for (see claim837_internal.h). */
_Static_assert(EC_NF == X12_EC_RESPONSE_DATE, "EC_NF: the last value of its enum");
_Static_assert(EP_NF == X12_EP_URL, "EP_NF: the last value of its enum");
_Static_assert(EB_NF == X12_EB_MODIFIERS, "EB_NF: the last value of its enum");
_Static_assert(EM_N == X12_EM_FAMILY_OUT_OF_POCKET_REMAINING, "EM_N: the last value of its enum");
_Static_assert(ER_NF == X12_ER_TRACE_ORIGINATOR, "ER_NF: the last value of its enum");
_Static_assert(ER_NOPT == X12_EROPT_MAX_INQUIRIES_PER_SET, "ER_NOPT: the last value of its enum");
_Static_assert(EI_NF == X12_EI_PROCEDURE_QUALIFIER, "EI_NF: the last value of its enum");

/* ---- 271 ---------------------------------------------------------------------- */

/* A REF (qualifier, value, REF03) or DTP (qualifier, value, format). */
typedef struct el_pair {
    x12_str q, v, d;
} el_pair;

struct x12_elig_reject {
    int valid;
    x12_str reason, follow_up;
    char loop[8];
    size_t benefit;
    x12_error err;
};

struct x12_elig_party {
    x12_str f[EP_NF + 1];
    tx_vec rejects; /* x12_elig_reject */
};

struct x12_elig_entity {
    x12_str f[EP_NF + 1];
};

struct x12_elig_benefit {
    x12_str f[EB_NF + 1];
    tx_vec stypes;   /* x12_str */
    int64_t amount, percent, qty;
    int has_amount, has_percent, has_qty;
    tx_vec msgs;     /* x12_str */
    tx_vec dates, refs; /* el_pair */
    tx_vec entities; /* x12_elig_entity */
    uint64_t segno;
};

struct x12_elig_summary {
    x12_str stype;
    int active, auth;
    /* [0] in network, [1] out of network; value and the rank it was taken
     * at (lower wins; 0xff: none yet). */
    int64_t v[2][EM_N + 1];
    unsigned char rank[2][EM_N + 1];
};

struct x12_elig_coverage {
    tx_arena ar;
    x12_elig_level level;
    x12_elig_state state;
    x12_str f[EC_NF + 1];
    size_t index;
    uint64_t segno, offset;
    const x12_elig_party *payer, *receiver;
    tx_vec benefits;  /* x12_elig_benefit */
    tx_vec rejects;   /* x12_elig_reject */
    tx_vec refs, dates; /* el_pair */
    tx_vec summaries; /* x12_elig_summary */
    tx_vec issues;    /* x12_error, up to the stream's limit */
    uint64_t issues_dropped; /* past the limit */
};

struct x12_elig_doc {
    x12i_alloc a;
    tx_arena ar;        /* parties */
    tx_vec coverages;   /* x12_elig_coverage * */
    x12i_errlist errors;
    uint64_t errors_dropped; /* past the stream's limit per coverage */
};

/* elig_model.c */
x12_elig_coverage *el_coverage_new(const x12i_alloc *a);
void el_coverage_reset(x12_elig_coverage *c);
void el_coverage_free(const x12i_alloc *a, x12_elig_coverage *c);
/* Fills state, plan name, insurance type and the summaries of a finished
 * coverage.  -1 when out of memory. */
int el_coverage_finish(x12_elig_coverage *c);
/* The message of an AAA's error record. */
void el_reject_describe(x12_elig_reject *r, uint64_t segno, uint64_t offset);

/* ---- 270 ---------------------------------------------------------------------- */

struct x12_elig_inquiry {
    struct x12_elig_inquiry *next;
    x12_str f[EI_NF + 1];
    tx_vec stypes; /* x12_str */
    tx_vec mods;   /* x12_str */
};

struct x12_elig_request {
    tx_request h; /* first: allocator, arena, edits (tx_request_free) */
    x12_str f[ER_NF + 1];
    uint64_t opt[ER_NOPT + 1];
    struct x12_elig_inquiry *first, *last;
    size_t n;
};

int el_request_empty(const x12_elig_request *rq);

#endif /* X12_ELIG_INTERNAL_H */
