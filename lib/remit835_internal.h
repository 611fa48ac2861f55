/*
 * remit835 internals shared by lib/remit835_*.c.  Never installed.
 *
 * Every object keeps its strings in an arena of its own (blocks that never
 * move), so x12_str views stay put while the object grows.  Arrays grow with
 * x12i_grow and may move while a claim is being built; pointers into them
 * (a line's adjustments, denial reasons) are fixed when the claim is
 * finished, after which nothing moves until the claim is reset.
 */
#ifndef X12_REMIT835_INTERNAL_H
#define X12_REMIT835_INTERNAL_H

#include <string.h>

#include <x12/remit835.h>

#include "internal.h"
#include "x12types_internal.h"

/* ---- arena and vectors -------------------------------------------------- */

typedef struct x12i_block {
    struct x12i_block *next;
    size_t size, used;
    /* data follows */
} x12i_block;

typedef struct x12i_arena {
    x12i_block *head, *cur;
} x12i_arena;

/* An untyped growable array; VAT gives typed access. */
typedef struct x12i_vec {
    void *items;
    size_t n, cap;
} x12i_vec;

#define VAT(v, T, i) (((T *)(v).items)[i])

void x12i_arena_reset(x12i_arena *ar);
void x12i_arena_free(const x12i_alloc *a, x12i_arena *ar);
/* Copies a view into the arena; the copy is returned in *out.  0 or -1. */
int x12i_arena_copy(const x12i_alloc *a, x12i_arena *ar, x12_str v, x12_str *out);
/* Appends one zeroed element; NULL when memory runs out. */
void *x12i_vec_push(const x12i_alloc *a, x12i_vec *v, size_t elem);
void x12i_vec_free(const x12i_alloc *a, x12i_vec *v);

/* ---- records ------------------------------------------------------------ */

enum { RP_NFIELDS = 27, RC_NFIELDS = 14, RS_NFIELDS = 21, RN_NFIELDS = 16 };
enum { TS3_MAX = 24, TS2_MAX = 19, MIA_MAX = 24, MOA_MAX = 9, PER_MAX = 8 };

struct x12_remit_ref {
    x12_str qual, value, desc;
};

struct x12_remit_date {
    x12_str qual, date;
    uint64_t segno, offset; /* the DTM, for the tables' date diagnostics */
};

struct x12_remit_amount {
    x12_str qual;
    int64_t cents;
};

struct x12_remit_quantity {
    x12_str qual, text;
    int64_t milli;
};

struct x12_remit_remark {
    const char *source; /* "MIA", "MOA", "LQ" */
    x12_str qual, code;
};

struct x12_remit_adjustment {
    x12_str group, reason, qty;
    int64_t cents, qty_milli;
    size_t line; /* 0 claim level, else 1 + line index */
};

struct x12_remit_plb {
    x12_str provider, date, reason, reference;
    int64_t cents;
    uint64_t segno, offset; /* the PLB */
};

struct x12_remit_contact {
    x12_str el[PER_MAX + 1];
};

struct x12_remit_name {
    x12_str f[RN_NFIELDS];
    x12i_vec refs;     /* x12_remit_ref (N1 parties only) */
    x12i_vec contacts; /* x12_remit_contact */
};

struct x12_remit_header {
    x12i_arena arena;
    x12_str number;
    x12_str ts3[TS3_MAX + 1];
    x12_str ts2[TS2_MAX + 1];
};

/* Per-line arrays live in the claim; a line owns [first, first + n). */
typedef struct x12i_span {
    size_t first, n;
} x12i_span;

struct x12_remit_service {
    x12_str f[RS_NFIELDS];
    int64_t charge, paid, allowed, units_milli;
    int has_allowed, balanced, amount_error;
    size_t index;
    uint64_t segno, offset;
    x12i_span adj, remarks, dates, refs, amounts, qtys;
    /* Fixed when the claim is finished. */
    const x12_remit_adjustment *padj;
    const x12_remit_remark *premarks;
    const x12_remit_date *pdates;
    const x12_remit_ref *prefs;
    const x12_remit_amount *pamounts;
    const x12_remit_quantity *pqtys;
    x12_remit_outcome outcome;
    int64_t share[6];
};

/* The fields a reset clears come first, up to `arena`; the arena and the
 * vectors after it keep their storage across a reset (only emptied), so a
 * streamed claim is reset with one memset. */
struct x12_remit_claim {
    x12_str f[RC_NFIELDS];
    int64_t charge, paid, patient_resp;
    int has_patient_resp, amount_error, balanced;
    x12_str mia[MIA_MAX + 1], moa[MOA_MAX + 1];
    size_t nerrors;
    uint64_t issues_dropped; /* past the stream's diags.max */
    x12_remit_outcome outcome;
    int forwarded;
    int64_t share[6];
    size_t index, reversal_of, corrected_by;
    uint64_t segno, offset;
    const x12_remit_payment *payment;
    const x12_remit_header *header;

    /* Storage kept by a reset from here on. */
    x12i_arena arena;
    x12i_vec names;       /* x12_remit_name (no refs/contacts) */
    x12i_vec adj;         /* claim-level x12_remit_adjustment */
    x12i_vec remarks;     /* claim-level x12_remit_remark */
    x12i_vec dates, refs, amounts, qtys, contacts;
    x12i_vec services;    /* x12_remit_service */
    x12i_vec line_adj, line_remarks, line_dates, line_refs, line_amounts, line_qtys;
    x12i_vec denial;      /* const x12_remit_adjustment * */
    x12i_vec issues;      /* x12_error */
};

/* A reversal not yet matched with its correction. */
typedef struct x12i_pending {
    x12_str pcn;
    size_t index;
} x12i_pending;

typedef struct x12i_pair {
    size_t reversal, correction;
} x12i_pair;

struct x12_remit_payment {
    x12i_arena arena;
    x12_str f[RP_NFIELDS];
    int64_t amount;
    int amount_error, any_amount_error, balanced;
    size_t index;
    uint64_t segno, offset;
    uint64_t bpr_segno, bpr_offset;
    int have_bpr;
    x12i_vec parties;  /* x12_remit_name */
    x12i_vec refs, dates;
    x12i_vec headers;  /* x12_remit_header * (trees only) */
    x12i_vec claims;   /* x12_remit_claim * (trees only) */
    x12i_vec plb;      /* x12_remit_plb */
    x12i_vec pending;  /* x12i_pending */
    x12i_vec pairs;    /* x12i_pair */
    x12i_vec issues;   /* x12_error */
    uint64_t issues_dropped; /* past the stream's diags.max */
    uint64_t nclaims, nlines;
    int64_t sum_charge, sum_paid, sum_plb;
};

struct x12_remit_doc {
    x12i_alloc a;
    x12i_vec payments; /* x12_remit_payment * */
    x12i_vec errors;   /* x12_error */
    uint64_t errors_dropped;
};

/* ---- model helpers (remit835_model.c) ----------------------------------- */

x12_remit_claim *x12i_claim_new(const x12i_alloc *a);
void x12i_claim_reset(x12_remit_claim *c);
void x12i_claim_free(const x12i_alloc *a, x12_remit_claim *c);
x12_remit_payment *x12i_payment_new(const x12i_alloc *a);
void x12i_payment_reset(const x12i_alloc *a, x12_remit_payment *p);
void x12i_payment_free(const x12i_alloc *a, x12_remit_payment *p);
x12_remit_header *x12i_header_new(const x12i_alloc *a);
void x12i_header_reset(x12_remit_header *h);
void x12i_header_free(const x12i_alloc *a, x12_remit_header *h);
x12_remit_doc *x12i_doc_new(const x12i_alloc *a);

/* ---- the stream (remit835_stream.c, remit835_parse.c) -------------------- */

enum ctx {
    C_NONE, C_HEADER, C_PAYER, C_PAYEE, C_PARTY, C_LX, C_CLAIM, C_SERVICE, C_TRAILER
};

enum { QMAX = 4 };

enum target { T_NONE, T_CLAIM, T_PAYMENT };

/* An internal observer of every diagnostic (the tables module): called
 * from x12i_remit_diag with what the diagnostic belongs to (T_CLAIM: the
 * claim being read, `c`; T_PAYMENT: the payment `p`; T_NONE: neither) and
 * the stream's current claim and payment (either may be NULL). */
typedef void (*x12i_remit_tap)(void *user, const x12_error *e, enum target t,
                               const x12_remit_claim *c, const x12_remit_payment *p);

struct x12_remit_stream {
    x12i_alloc a;
    x12_reader *r;
    int own_reader;
    x12_error_fn on_error;
    void *on_error_user;

    int started, finished, nomem;
    x12_status dead;
    int keep;               /* collecting a tree */
    x12_remit_doc *doc;

    int payment_open, header_done, skipping;
    enum ctx ctx;
    x12_remit_payment *pay;
    int pay_owned;          /* pay belongs to doc */
    size_t npayments;
    size_t party;           /* 1 + index into pay->parties, 0 none */

    x12_remit_claim *cur, *ready, *spare, *shown;
    int claim_open;
    size_t svc;             /* 1 + index of the open service line, 0 none */

    x12_remit_header *hdr;      /* current LX group, NULL before the first */
    x12_remit_header *hbuf[2];  /* streaming mode: the two header buffers */

    /* An 835 ST seen while the previous payment was still open (or just
     * now): the new payment starts once the queued events are out. */
    int pending_start;
    x12_str pending_st02;
    char *st02_buf;
    size_t st02_cap;
    uint64_t pending_segno, pending_offset;

    x12_remit_event queue[QMAX];
    size_t qhead, qn;

    x12i_diags diags; /* the call's diagnostics, within the limit per event */
    x12_error last;
    int have_last;

    /* The current segment's one copy in an arena (see kcopy). */
    const x12_segment *kept_seg;
    const char *kept_copy;
    const x12i_arena *kept_arena;

    x12i_remit_tap tap;
    void *tap_user;
    enum target issue_target; /* of the diagnostic being recorded */
};

typedef struct x12i_pos {
    uint64_t segno, offset;
    const char *segid;
    size_t segid_len;
    const char *loop;
} x12i_pos;


/* remit835_stream.c */
void x12i_remit_diag(x12_remit_stream *s, const x12_error *e);
/* Records a diagnostic: in the call's list, the error handler, and the
 * claim's or payment's issues (target). */
void x12i_remit_issue(x12_remit_stream *s, x12i_pos p, enum target t, x12_severity sev,
                      x12_status st, const char *rule, unsigned element, unsigned component,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;
/* Copy into an arena / push onto a vector; on failure the stream is marked
 * out of memory (-1 / NULL).  The inline versions below take the common
 * case (room in the current block / spare capacity) without a call. */
int x12i_remit_copy_slow(x12_remit_stream *s, x12i_arena *ar, x12_str v, x12_str *out);
void *x12i_remit_push_slow(x12_remit_stream *s, x12i_vec *v, size_t elem);

static inline int x12i_remit_copy(x12_remit_stream *s, x12i_arena *ar, x12_str v,
                                  x12_str *out)
{
    x12i_block *b = ar->cur;

    if (v.len > 0 && b != NULL && b->size - b->used >= v.len) {
        char *p = (char *)(b + 1) + b->used;

        b->used += v.len;
        memcpy(p, v.ptr, v.len);
        out->ptr = p;
        out->len = v.len;
        return 0;
    }
    return x12i_remit_copy_slow(s, ar, v, out);
}

static inline void *x12i_remit_push(x12_remit_stream *s, x12i_vec *v, size_t elem)
{
    if (v->n < v->cap) {
        char *p = (char *)v->items + v->n * elem;

        v->n++;
        memset(p, 0, elem);
        return p;
    }
    return x12i_remit_push_slow(s, v, elem);
}
void x12i_remit_enqueue(x12_remit_stream *s, x12_remit_event ev);
void x12i_remit_header_complete(x12_remit_stream *s);
void x12i_remit_finish_claim(x12_remit_stream *s);
void x12i_remit_begin_payment(x12_remit_stream *s);
void x12i_remit_end_payment(x12_remit_stream *s, x12i_pos at);
int64_t x12i_add_checked(int64_t a, int64_t b, int *ovf);

/* remit835_parse.c: acts on one segment read by the stream. */
void x12i_remit_handle(x12_remit_stream *s, const x12_segment *seg);

/* ---- code tables (remit835_codes.c) ------------------------------------- */

/* The class a CARC has in specs/codes/carc.tsv: 'D' denial, 'C' contractual
 * or pricing reduction, 'P' patient cost share, 'O' other; 'D' when the code
 * is unknown. */
char x12i_carc_class(const char *code, size_t len);

#endif /* X12_REMIT835_INTERNAL_H */
