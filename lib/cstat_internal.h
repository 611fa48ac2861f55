/*
 * claim status internals shared by lib/cstat_sent.c (837 claims sent),
 * lib/cstat_request.c (276), lib/cstat_parse.c and lib/cstat_model.c
 * (277/277CA) and lib/cstat_link.c.  Never installed.
 */
#ifndef X12_CSTAT_INTERNAL_H
#define X12_CSTAT_INTERNAL_H

#include "txn_internal.h"

/* Highest value of each public field enum: arrays are indexed by value. */
#define SC_NF 41
#define CR_NF 9
#define CR_NOPT 6
#define CQ_NF 28
#define CL_NF 7
#define CC_NF 24
#define CV_NF 9
#define ST_NF 13

/* Each count names the enum value it stands for (see claim837_internal.h). */
_Static_assert(SC_NF == X12_SC_GS_RECEIVER, "SC_NF: the last value of its enum");
_Static_assert(CR_NF == X12_CR_REFERENCE, "CR_NF: the last value of its enum");
_Static_assert(CR_NOPT == X12_CROPT_MAX_INQUIRIES_PER_SET, "CR_NOPT: the last value of its enum");
_Static_assert(CQ_NF == X12_CQ_SERVICE_TO, "CQ_NF: the last value of its enum");
_Static_assert(CL_NF == X12_CL_SERVICE_TO, "CL_NF: the last value of its enum");
_Static_assert(CC_NF == X12_CC_RESPONSE_DATE, "CC_NF: the last value of its enum");
_Static_assert(CV_NF == X12_CV_SERVICE_TO, "CV_NF: the last value of its enum");
_Static_assert(ST_NF == X12_ST_MESSAGE, "ST_NF: the last value of its enum");

/* ---- sent claims ------------------------------------------------------------------ */

typedef struct cs_sent_line {
    x12_str control, procedure;
    int64_t charge;
} cs_sent_line;

struct x12_claimstatus_sent_claim {
    x12_str f[SC_NF + 1];
    int64_t charge;
    size_t index;
    uint64_t segno, offset;
    tx_vec lines; /* cs_sent_line */
};

struct x12_claimstatus_sent {
    x12i_alloc a;
    tx_arena ar;
    tx_vec claims;  /* x12_claimstatus_sent_claim * */
    x12i_diags errors; /* within a limit over all reads (the span never restarts) */
    x12_error_fn on_error;
    void *on_error_user;
    /* reading state (kept across X12_AGAIN) */
    const x12_reader *reader;
    int in_set, skip, level, in_claim, in_line, person; /* person: 1 subscriber, 2 patient */
    x12_str ctx[SC_NF + 1];   /* what claims copy: envelope, parties */
    x12_claimstatus_sent_claim *cur;
};

/* ---- 276 ------------------------------------------------------------------------------ */

struct x12_claimstatus_inquiry_line {
    x12_str f[CL_NF + 1];
    tx_vec mods; /* x12_str */
    int64_t charge;
    int has_charge;
};

struct x12_claimstatus_inquiry {
    struct x12_claimstatus_inquiry *next;
    struct x12_claimstatus_request *rq;
    x12_str f[CQ_NF + 1];
    int64_t charge;
    int has_charge;
    tx_vec lines; /* x12_claimstatus_inquiry_line * */
};

struct x12_claimstatus_request {
    tx_request h; /* first: allocator, arena, edits (tx_request_free) */
    x12_str f[CR_NF + 1];
    uint64_t opt[CR_NOPT + 1];
    struct x12_claimstatus_inquiry *first, *last;
    size_t n;
};

/* ---- 277 / 277CA ---------------------------------------------------------------------- */

struct x12_claimstatus_status {
    x12_str f[ST_NF + 1];
    unsigned position;
    uint64_t segno;
    x12_claimstatus_kind kind;
};

struct x12_claimstatus_line {
    x12_str f[CV_NF + 1];
    int64_t charge, paid;
    int has_charge, has_paid;
    tx_vec statuses; /* x12_claimstatus_status */
};

struct x12_claimstatus_claim {
    tx_arena ar;
    x12_claimstatus_kind kind;
    char loop[8];
    x12_str f[CC_NF + 1];
    size_t index;
    uint64_t segno, offset;
    tx_vec statuses; /* x12_claimstatus_status */
    tx_vec lines;    /* x12_claimstatus_line */
    tx_vec issues;   /* x12_error, up to the stream's limit */
    uint64_t issues_dropped; /* past the limit */
};

struct x12_claimstatus_batch {
    tx_arena ar;
    x12_claimstatus_kind kind;
    x12_claimstatus_batch_level level;
    x12_str trace, name, id, control, received, processed;
    int64_t accepted_n, rejected_n, accepted_c, rejected_c;
    int has_accepted_n, has_rejected_n, has_accepted_c, has_rejected_c;
    uint64_t segno;
    tx_vec statuses;
};

struct x12_claimstatus_doc {
    x12i_alloc a;
    tx_arena ar;
    tx_vec claims;  /* x12_claimstatus_claim * */
    tx_vec batches; /* x12_claimstatus_batch * */
    x12i_errlist errors;
    uint64_t errors_dropped; /* past the stream's limit per record */
};

/* cstat_model.c */
x12_claimstatus_claim *cs_claim_new(const x12i_alloc *a);
void cs_claim_reset(x12_claimstatus_claim *c);
void cs_claim_free(const x12i_alloc *a, x12_claimstatus_claim *c);
x12_claimstatus_batch *cs_batch_new(const x12i_alloc *a);
void cs_batch_reset(x12_claimstatus_batch *b);
void cs_batch_free(const x12i_alloc *a, x12_claimstatus_batch *b);
/* The outcome of a list of statuses (x12_claimstatus_claim_outcome). */
x12_claimstatus_outcome cs_outcome_of(const tx_vec *statuses);

#endif /* X12_CSTAT_INTERNAL_H */
