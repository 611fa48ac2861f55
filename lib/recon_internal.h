/*
 * Reconciliation internals (include/x12/recon.h): the compact index of the
 * 837 claims, the adjudication records of the 835 claims, the rules, and
 * the results.  Never installed.
 *
 * Files: recon.c (the handle, strings, reading the inputs), recon_rules.c
 * (rules files), recon_settle.c (matching, netting, states, actions,
 * aging), recon_access.c (result accessors), recon_write.c (JSON, JSON
 * lines, CSV).
 */
#ifndef X12_RECON_INTERNAL_H
#define X12_RECON_INTERNAL_H

#include <stdint.h>

#include <x12/recon.h>

#include "internal.h"

#define RC_NONE UINT32_MAX

/* ---- strings ----------------------------------------------------------------------
 * Kept in chunks of a store, each as a length header (one byte when under
 * 255, else 0xFF and a size_t) followed by the bytes and a NUL.  A string
 * is a `const char *` to its header; NULL is the empty string.  Strings
 * many claims share (payer, procedure, modifiers, dates) are interned:
 * stored once, found again by a hash table. */
typedef struct rc_chunk {
    struct rc_chunk *next;
    size_t used, cap;
    char data[];
} rc_chunk;

typedef struct rc_store {
    const x12i_alloc *a;
    rc_chunk *head;
    size_t bytes;            /* allocated for chunks */
    const char **intern;     /* open addressing table of interned strings */
    size_t intern_cap, intern_count;
} rc_store;

/* The view of a stored string (empty for NULL). */
x12_str rc_view(const char *s);
/* The bytes, NUL-terminated ("" for NULL). */
const char *rc_cstr(const char *s);
/* Stores a copy; *out NULL for an empty string.  -1 on ENOMEM. */
int rc_store_put(rc_store *st, const char *p, size_t len, const char **out);
/* Stores once: equal strings give the same pointer. */
int rc_store_intern(rc_store *st, const char *p, size_t len, const char **out);
void rc_store_free(rc_store *st);
int rc_str_eq(const char *a, const char *b);
int rc_str_cmp(const char *a, const char *b);

/* CCYYMMDD text as the number 20251231, 0 when it is not a real date. */
uint32_t rc_date_num(x12_str v);
/* Days since 1970-01-01 of a date number (0 for none: -1 returned). */
int64_t rc_date_days(uint32_t d);

/* ---- a growable vector ------------------------------------------------------------ */
typedef struct rc_vec {
    void *p;
    size_t n, cap;
} rc_vec;
/* Room for one more element of `size` bytes: its address, zeroed, or NULL
 * (ENOMEM, or past 2^32 - 2 elements). */
void *rc_vec_push(const x12i_alloc *a, rc_vec *v, size_t size);
void rc_vec_free(const x12i_alloc *a, rc_vec *v);
#define RC_AT(v, T, i) (&((T *)(v).p)[i])

/* ---- the 837 side ------------------------------------------------------------------- */

typedef struct rc_line {
    const char *ctl, *proc, *mods, *rev, *from, *to; /* mods "25:59" */
    int64_t charge;
} rc_line;

typedef struct rc_party {
    const char *f[22]; /* by x12_recon_party_field */
} rc_party;

typedef struct rc_claim {
    const char *pcn, *payer_id, *payer_name, *next_payer, *freq, *from, *to;
    const char *submitted, *bht_time, *bht_ref, *st_control;
    int64_t charge, patient_paid;
    uint64_t clm_index, segno, offset;
    uint32_t first_line, nlines, source, party, claim_in_set;
    uint32_t submitted_num;
    uint8_t kind;          /* x12_claim_kind */
    uint8_t later_payers;  /* 2320 payers after the claim's own (capped at 255) */
    uint8_t has_patient_paid;
} rc_claim;

/* ---- the 835 side ---------------------------------------------------------------------- */

typedef struct rc_cas {
    const char *group, *reason;
    int64_t cents;
} rc_cas;

typedef struct rc_aline {
    const char *qual, *proc, *mods, *rev, *ctl, *orig_proc, *orig_mods, *from, *to;
    int64_t charge, paid;
    uint64_t segno, offset;
    uint32_t first_cas, ncas, first_rem, nrem;
    int32_t match;      /* 0-based 837 line of the claim, or -1 */
    uint8_t how;        /* RC_MATCH_* */
    uint8_t superseded;
} rc_aline;

enum { RC_MATCH_NONE, RC_MATCH_CTL, RC_MATCH_FULL, RC_MATCH_CHARGE, RC_MATCH_PROC };

/* One 835 claim (CLP): struct x12_recon_remit is it. */
struct x12_recon_remit {
    const char *pcn, *payer_id, *payer_name, *trace, *status, *payer_claim, *crossover;
    const char *st_control, *date, *pay_date, *stmt_from, *stmt_to;
    int64_t charge, paid, pr;
    uint64_t segno, offset;
    uint32_t date_num;
    uint32_t first_line, nlines, first_cas, ncas, first_rem, nrem;
    uint32_t source, claim_in_payment;
    /* set by x12_recon_finish */
    uint32_t owner;     /* claim (matched) or unmatched group */
    uint8_t matched;
    uint8_t role;       /* x12_recon_role */
    uint8_t tier;       /* 1 = first payer */
};
typedef struct x12_recon_remit rc_adj;

typedef struct rc_ack {
    const char *pcn, *date, *codes;
    uint32_t date_num;
    uint8_t kind;
} rc_ack;

/* ---- rules ---------------------------------------------------------------------------- */

typedef struct rc_cover {
    const char *group;  /* NULL: any */
    char **carc, **rarc;
    size_t ncarc, nrarc;
    int other_payer;    /* -1 any, 0 only without, 1 only with */
} rc_cover;

typedef struct rc_rule {
    char *id, *reason, *patient;
    x12_recon_action action;
    x12_recon_effect effect;
    rc_cover *covers;
    size_t ncovers;
} rc_rule;

enum {
    RC_SIT_PENDING, RC_SIT_PENDING_LATE, RC_SIT_REJECTED, RC_SIT_REVERSED, RC_SIT_FORWARDED,
    RC_SIT_FORWARDED_LATE, RC_SIT_UNBALANCED, RC_SIT_UNMATCHED, RC_SIT_SETTLED, RC_NSIT
};
extern const char *const rc_situation_names[RC_NSIT];

typedef struct rc_situation {
    int set;
    x12_recon_action action;
    char *reason, *patient;
    const char *name;   /* static */
} rc_situation;

typedef struct rc_rules {
    rc_rule *rules;
    size_t n;
    rc_situation sit[RC_NSIT];
    unsigned follow_up_days; /* 0: not given */
    void *mem;               /* every allocation of the set, chained */
} rc_rules;

/* Loads a rules document into *out (emptied first), checked against the
 * schema unless `trusted` (the built-in rules).  Problems go to the
 * handle's diagnostics.  X12_OK, X12_ESYNTAX, X12_ENOMEM. */
x12_status rc_rules_load(x12_recon *r, rc_rules *out, const char *data, size_t len,
                         const char *name, int trusted);
void rc_rules_free(const x12i_alloc *a, rc_rules *rs);
/* The first rule (override set first) covering an adjustment (group and
 * reason as C strings, remarks as stored strings), or NULL (only when no
 * set has a catch-all). */
const rc_rule *rc_rules_match(const x12_recon *r, const char *group, const char *reason,
                              const char *const *remarks, size_t nrem, int other_payer);
/* A situation's action and texts: the override's when it has it. */
const rc_situation *rc_rules_situation(const x12_recon *r, int which);

/* ---- results --------------------------------------------------------------------------- */

struct x12_recon_reason {
    const char *group, *code;
    int64_t cents;
    const char **remarks;  /* sorted, unique */
    size_t nrem;
    const rc_rule *rule;
};

/* Money of a claim or line, by x12_recon_amount. */
#define RC_NAMOUNT 11

struct x12_recon_line {
    size_t number;
    const rc_line *src;        /* the 837 line, or NULL */
    const rc_aline *extra;     /* an 835 line that matched none */
    int64_t cents[RC_NAMOUNT];
    x12_recon_state state;
    x12_recon_action action;
    const char *reason, *rule, *patient_text, *matched_by;
    int balanced;
    x12_recon_reason *reasons;
    size_t nreasons;
};

struct x12_recon_claim {
    const rc_claim *src;       /* NULL for unmatched */
    const x12_recon *r;
    const char *pcn, *payer_id, *payer_name, *from, *to;
    const char *payer_claim, *forwarded_to, *last_remit, *ack_codes, *ack_date;
    int64_t cents[RC_NAMOUNT];
    x12_recon_state state;
    x12_recon_action action;
    const char *reason, *rule;
    int balanced;
    int64_t days;
    x12_recon_line *lines;
    size_t nlines;
    x12_recon_reason *reasons;
    size_t nreasons;
    rc_adj **remits;
    size_t nremits;
    size_t patient;
    /* the part of the payer balance waiting for a next payer, and who */
    int64_t next_cents;
    const char *next_payer;
};

struct x12_recon_aging {
    const char *payer_id, *payer_name;
    int64_t cents[6];
    size_t claims;
};

/* ---- the handle ------------------------------------------------------------------------ */

struct x12_recon {
    x12i_alloc a;
    rc_store st;
    rc_vec claims;    /* rc_claim */
    rc_vec lines;     /* rc_line */
    rc_vec parties;   /* rc_party */
    rc_vec adjs;      /* rc_adj */
    rc_vec alines;    /* rc_aline */
    rc_vec cas;       /* rc_cas */
    rc_vec remarks;   /* const char * */
    rc_vec acks;      /* rc_ack */
    uint32_t *claim_hash;   /* claim indexes by PCN, open addressing */
    size_t claim_hash_cap;
    uint32_t *party_hash;
    size_t party_hash_cap;

    rc_rules builtin, override;
    int have_override;

    uint64_t as_of;
    int keep_parties;
    unsigned follow_up_days;

    x12_recon_error_fn on_error;
    void *on_error_user;
    x12i_errlist errors;  /* of the last call, up to max_errors */
    uint64_t errors_dropped; /* of the last call, past max_errors */
    size_t max_errors;       /* X12_RECON_OPT_MAX_ERRORS */
    rc_vec error_sources; /* size_t per record */

    size_t nsources;
    rc_vec source_names; /* const char * (stored strings) by source */
    /* the input being read (push input continues across calls) */
    void *cur_stream;
    x12_reader *cur_reader;
    int cur_kind;         /* 0 none, 1 claims, 2 remits, 3 acks (277CA/277) */
    size_t cur_source;

    int finished;
    uint32_t as_of_num;
    /* results */
    x12_recon_claim *res;      /* matched claims, sorted */
    size_t nres;
    x12_recon_claim *unmatched;
    size_t nunmatched;
    x12_recon_aging *aging;
    size_t naging;
    size_t npatients;
    void *res_mem;             /* result allocations, chained */
};

/* A diagnostic of the current call: passed to the handler and kept. */
void rc_diag(x12_recon *r, const x12_error *e, size_t source);
/* A diagnostic of the reconciliation itself. */
void rc_diagf(x12_recon *r, size_t source, x12_severity sev, x12_status st, const char *rule,
              uint64_t segno, const char *segid, uint64_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;
void rc_diag_clear(x12_recon *r);

/* Result memory: zeroed blocks freed with the handle.  NULL on ENOMEM. */
void *rc_res_alloc(x12_recon *r, size_t n);

/* Computes every result (recon_settle.c). */
x12_status rc_settle(x12_recon *r);

#endif /* X12_RECON_INTERNAL_H */
