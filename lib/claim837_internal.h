/*
 * claim837 internals shared by the model (claim837_model.c), the edits
 * (claim837_edits.c), the 837 writer (claim837_write.c) and the XML reader
 * (encounter_xml.c).  Never installed.
 */
#ifndef X12_CLAIM837_INTERNAL_H
#define X12_CLAIM837_INTERNAL_H

#include "internal.h"
#include <x12/claim837.h>
#include <x12/spec.h>

/* ---- the fields (claim837_fields.def, claim837_fields.c) ----------------- */

/* The objects of the model that have numbered fields; the values are those
 * of the public x12_claim_object. */
enum c8_obj {
    C8O_BATCH = 1,
    C8O_OPTION,
    C8O_PARTY,
    C8O_SUB,
    C8O_CLAIM,
    C8O_CLAIM_AMT,
    C8O_OP,
    C8O_OP_AMT,
    C8O_LINE,
    C8O_LINE_AMT,
    C8O_LA,
    C8O_LA_AMT,
    C8O_ATT,
    C8O_N
};

/* Who writes and reads a field's segment (see claim837_fields.def). */
/* LIST: a space-separated list of values, one SEG*qualifier*value each (at
 * most the guide's repeat count of the segment). */
/* RD8: the start of a date range whose end is the next field (a CODE row):
 * the 837P disability dates, DTP*314*RD8*start-end, or DTP*360*D8*start /
 * DTP*361*D8*end when only one is known. */
enum { C8W_CODE = 0, C8W_QV, C8W_DTP, C8W_LIST, C8W_RD8 };
/* Which parties have a party field in the encounter formats. */
enum { C8G_X = 0, C8G_NAME, C8G_ID, C8G_ADDR, C8G_CONTACT, C8G_DEMO, C8G_TAXID, C8G_TAXONOMY,
       C8G_SECONDARY, C8G_SSN, C8G_PAYERIDS, C8G_PC,
       C8G_PATINFO /* PAT05-PAT09: subscribers and patients */,
       C8G_CURRENCY /* CUR: billing providers */ };

/* Where a field goes in one guide; seg "" when the kind has no such field. */
typedef struct c8_fpos {
    const char *loop, *seg, *qual;
    unsigned char el, comp, how;
} c8_fpos;

typedef struct c8_fdesc {
    const char *name;  /* encounter XML / JSON Lines / Python name, edit paths */
    const char *label; /* for messages: "patient control number" */
    unsigned char obj; /* c8_obj */
    unsigned char field; /* the public enum value */
    unsigned char grp; /* C8G_* */
    unsigned char nlen; /* strlen(name) */
    unsigned short max; /* 0: the guide's */
    c8_fpos pos[2];     /* 837P, 837I */
} c8_fdesc;

/* Rows of the table, in its order: C8R_X12_CLAIM_PCN, ... */
enum c8_row {
#define C8F(obj, e, ...) C8R_##e,
#include "claim837_fields.def"
#undef C8F
    C8R_N
};

/* Fields of each object: the highest value of its public enum (checked in
 * claim837_fields.c: every value 1..n has one row).  Arrays are indexed by
 * value. */
#define C8F(obj, ...) +(C8O_##obj == C8O_BATCH)
enum { C8_NF_BATCH = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_PARTY)
enum { C8_NF_PARTY = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_SUB)
enum { C8_NF_SUB = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_CLAIM)
enum { C8_NF_CLAIM = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_CLAIM_AMT)
enum { C8_NF_CLAIM_AMT = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_OP)
enum { C8_NF_OP = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_OP_AMT)
enum { C8_NF_OP_AMT = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_LINE)
enum { C8_NF_LINE = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_LINE_AMT)
enum { C8_NF_LINE_AMT = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_LA)
enum { C8_NF_LA = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_LA_AMT)
enum { C8_NF_LA_AMT = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8F(obj, ...) +(C8O_##obj == C8O_ATT)
enum { C8_NF_ATT = 0
#include "claim837_fields.def"
};
#undef C8F
#define C8_BATCH_NF C8_NF_BATCH
#define C8_PARTY_NF C8_NF_PARTY
#define C8_SUB_NF C8_NF_SUB
#define C8_CLAIM_NF C8_NF_CLAIM
#define C8_CLAIM_NA C8_NF_CLAIM_AMT
#define C8_OP_NF C8_NF_OP
#define C8_OP_NA C8_NF_OP_AMT
#define C8_LINE_NF C8_NF_LINE
#define C8_LINE_NA C8_NF_LINE_AMT
#define C8_LA_NF C8_NF_LA
#define C8_LA_NA C8_NF_LA_AMT
/* Options: those of the encounter formats have rows, the others are
 * settings of the API only. */
#define C8_NOPT 11
#define C8_NF_OPTION C8_NOPT
#define C8_NROLES 13

/* The table, in row order. */
extern const c8_fdesc c8_ftab[C8R_N];
/* The row of field f of object obj, or NULL when it has none. */
const c8_fdesc *c8_field(int obj, int f);
/* The row of a field by its public enum constant. */
#define C8D(e) (&c8_ftab[C8R_##e])
/* Where the field goes in the guide of kind p (1: 837P), or NULL when the
 * kind has no such field. */
static inline const c8_fpos *c8_pos(const c8_fdesc *d, int p)
{
    const c8_fpos *q = &d->pos[p ? 0 : 1];

    return q->seg[0] ? q : NULL;
}
/* The position in kind p, else in the other kind (for "not used"
 * messages, which name where the field would go). */
static inline const c8_fpos *c8_pos_any(const c8_fdesc *d, int p)
{
    const c8_fpos *q = c8_pos(d, p);

    return q != NULL ? q : &d->pos[p ? 1 : 0];
}

/* What the guide of one kind says about each field: its code list (" A B C
 * ", NULL for any value) and maximum length, the index of its segment
 * among its loop's children (the guide's order), per row; its minimum
 * length too.  Resolved from
 * the compiled-in guide for each check and write. */
typedef struct c8_guide {
    const char *codes[C8R_N];
    unsigned short min[C8R_N];
    unsigned short max[C8R_N];
    unsigned short order[C8R_N];
    unsigned reps[C8R_N]; /* how often the guide allows the segment; 0 unbounded */
} c8_guide;
/* Fills g for kind p (1: 837P) from the built-in guide. */
void c8_guide_resolve(c8_guide *g, int p);
/* The lookups behind it, for tests: the built-in guide of kind p; the
 * loop with that id ("" the transaction body); the element at position q
 * in that loop (NULL when the segment or element is not there), with its
 * segment (NULL when not there) and 1 + the segment's index among the
 * loop's children. */
struct x12i_loop;
struct x12i_seg;
struct x12i_elem;
const x12_spec *c8_guide_spec(int p);
const struct x12i_loop *c8_guide_loop(const x12_spec *spec, const char *id);
const struct x12i_elem *c8_guide_elem(const struct x12i_loop *loop, const c8_fpos *q,
                                      const struct x12i_seg **seg, unsigned *order);
/* The fields of ambulance transport (CR1: weight, reason, miles, round
 * trip purpose, stretcher purpose) and certification (CRC*07: conditions
 * met, not met) of a claim and of a line, in that order. */
enum { C8_AMB_WEIGHT, C8_AMB_REASON, C8_AMB_MILES, C8_AMB_ROUND_TRIP, C8_AMB_STRETCHER,
       C8_AMB_MET, C8_AMB_UNMET, C8_AMB_N };
extern const int c8_amb_claim[C8_AMB_N], c8_amb_line[C8_AMB_N];

/* The loop of a claim provider (line 0: 2310x) or a line provider (line
 * 1: 2420x) in role r, or NULL when kind p (1: 837P) has no such role. */
const char *c8_role_loop(int p, x12_claim_role r, int line);
/* An other payer's provider loop (2330C-I) in kind p for role r, NULL
 * when the kind has none; *code (when code is not NULL) its NM101. */
const char *c8_op_role_loop(int p, x12_claim_role r, const char **code);
/* The roles of kind p's 2330C-I loops in the guide's order, 0-terminated. */
const int *c8_op_roles(int p);
/* 1 when the guide of kind p has segment `seg` with qualifier `qual` in
 * loop `loop` (REF*0B in 2310B, ...). */
int c8_guide_allows(int p, const char *loop, const char *seg, const char *qual);
/* The same segment's element el: its code list (" A B ", "" when it has
 * none), or NULL when the loop has no such segment; *order the segment's
 * 1-based index among the loop's children, *reps how often the guide
 * allows it (0 unbounded); either may be NULL. */
const char *c8_guide_seg(int p, const char *loop, const char *seg, const char *qual, unsigned el,
                         unsigned *order, unsigned *reps);
/* The party fields written as REF*qualifier*value (EIN, SSN, the provider
 * secondary ids, the payer ids, the property and casualty ids), in field
 * order; c8_party_ref_qual() their qualifier. */
extern const int c8_party_refs[];
enum { C8_NPARTY_REFS = 11 };
static inline const char *c8_party_ref_qual(int f)
{
    return c8_pos_any(c8_field(C8O_PARTY, f), 1)->qual;
}

/* "A B C" of a code list " A B C ": pointer and length for "%.*s". */
int c8_codes_len(const char *codes);

/* Each count names the enum value it stands for: a value added after it
 * must move the count and its assertion together (doc/HACKING.md). */
_Static_assert((int)C8_BATCH_NF == (int)X12_BATCH_TRANSACTION_TYPE, "C8_BATCH_NF: the last value of its enum");
_Static_assert((int)C8_PARTY_NF == (int)X12_PARTY_FAX, "C8_PARTY_NF: the last value of its enum");
_Static_assert((int)C8_SUB_NF == (int)X12_SUB_FILING_INDICATOR, "C8_SUB_NF: the last value of its enum");
_Static_assert((int)C8_CLAIM_NF == (int)X12_CLAIM_FILE_INFORMATION, "C8_CLAIM_NF: the last value of its enum");
_Static_assert((int)C8_CLAIM_NA == (int)X12_CLAIMAMT_REPRICED_APG_AMOUNT, "C8_CLAIM_NA: the last value of its enum");
_Static_assert((int)C8_OP_NF == (int)X12_OP_INPATIENT_REMARKS, "C8_OP_NF: the last value of its enum");
_Static_assert((int)C8_OP_NA == (int)X12_OPAMT_PPS_CAPITAL_EXCEPTION, "C8_OP_NA: the last value of its enum");
_Static_assert((int)C8_LINE_NF == (int)X12_LINE_FILE_INFORMATION, "C8_LINE_NF: the last value of its enum");
_Static_assert((int)C8_LINE_NA == (int)X12_LINEAMT_DME_PURCHASE_PRICE, "C8_LINE_NA: the last value of its enum");
_Static_assert((int)C8_NROLES == (int)X12_ROLE_PRIMARY_CARE, "C8_NROLES: the last value of its enum");
_Static_assert((int)C8_LA_NF == (int)X12_LA_DATE, "C8_LA_NF: the last value of its enum");
_Static_assert((int)C8_LA_NA == (int)X12_LAAMT_PATIENT_LIABILITY, "C8_LA_NA: the last value of its enum");
_Static_assert((int)C8_NOPT == (int)X12_BATCHOPT_KIND_FROM_INPUT, "C8_NOPT: the last value of its enum");
/* c8_fields stores a field number in one byte. */
_Static_assert(C8_BATCH_NF < 256 && C8_PARTY_NF < 256 && C8_SUB_NF < 256 && C8_CLAIM_NF < 256 &&
                   C8_OP_NF < 256 && C8_LINE_NF < 256 && C8_LA_NF < 256,
               "c8_fields: field numbers are one byte");

/* Levels of the model.  A batch that streams (x12_batch_stream_begin)
 * keeps each level in an arena of its own, so that a finished claim, or a
 * provider, subscriber or patient that no later claim can belong to, is
 * released by resetting its arena and the ones below it; a batch that
 * does not stream keeps everything in the first arena. */
enum { C8L_HEAD = 0, C8L_PROVIDER, C8L_SUBSCRIBER, C8L_PATIENT, C8L_CLAIM, C8L_N };

/* ---- arena: every handle and string of a batch --------------------------- */

typedef struct c8_chunk {
    struct c8_chunk *next;
    size_t used, cap;
    /* data follows, aligned for any object */
} c8_chunk;

typedef struct c8_arena {
    c8_chunk *head;
    size_t total; /* bytes of chunks, for the benchmark's memory figure */
    size_t used;  /* bytes handed out since the last reset (streaming limit) */
} c8_arena;

/* Who a party is: decides NM1 qualifiers, the default entity, the name of
 * its id in edit paths and which fields the edits require. */
typedef enum c8_party_role {
    C8P_SUBMITTER = 1,
    C8P_RECEIVER,
    C8P_BILLING,
    C8P_PAYTO,
    C8P_SUBSCRIBER,
    C8P_PAYER,
    C8P_PATIENT,
    C8P_CLAIM_PROVIDER, /* + x12_claim_role in `claim_role` */
    C8P_OP_SUBSCRIBER,
    C8P_OP_PAYER,
    C8P_PAYTO_PLAN
} c8_party_role;

/*
 * The text fields of one object, packed in one arena block sized by what is
 * set: entries of [field number, 1 byte][length, 7 bits a byte, low bits
 * first][the bytes][NUL].  Setting a field marks its old entry dead (field
 * number 0) where it is, so views handed out earlier keep their bytes, and
 * appends the new value.  The block grows in place while it is the newest
 * thing in the arena (fields are usually set right after their object is
 * made); otherwise it moves to a block twice the size, live entries only.
 * One object's fields take at most 4 GiB (X12_ENOMEM past that).
 */
typedef struct c8_fields {
    unsigned char *p;
    uint32_t used, cap;
} c8_fields;

struct x12_party {
    c8_fields fl;
    struct x12_batch *b;
    unsigned char entity;     /* x12_entity */
    unsigned char role;       /* c8_party_role */
    unsigned char claim_role; /* x12_claim_role */
    unsigned char lvl;        /* C8L_*: the arena of its fields */
    unsigned char entity_set; /* x12_party_set_entity was called (c8_op_provider_used) */
};

/* A party's fields unpacked, for the edits and the writer. */
typedef struct c8_pview {
    x12_str f[C8_PARTY_NF + 1];
    int entity;
} c8_pview;

/* A growable array of views inside the arena. */
typedef struct c8_strs {
    x12_str *v;
    size_t n, cap;
} c8_strs;

typedef struct c8_dx {
    x12_str code; /* normalised: no dot */
    unsigned char kind; /* x12_dx_kind */
    char poa;
    unsigned char raw_dotted; /* 1 when given with a dot (for messages only) */
} c8_dx;

typedef struct c8_code {
    x12_code_kind kind;
    x12_str code, date, date2;
    int64_t cents;
} c8_code;

typedef struct c8_adj {
    x12_str group, reason, quantity;
    int64_t cents;
} c8_adj;

struct x12_attachment {
    struct x12_attachment *next;
    struct x12_batch *b;
    c8_fields fl;
};

struct x12_line_adjudication {
    struct x12_line_adjudication *next;
    struct x12_batch *b;
    c8_fields fl;
    int64_t amt[C8_LA_NA + 1];
    unsigned char has_amt[C8_LA_NA + 1];
    c8_strs mods;
    c8_adj *adj;
    size_t nadj, adjcap;
};

struct x12_service_line {
    struct x12_service_line *next;
    struct x12_batch *b;
    c8_fields fl;
    int64_t amt[C8_LINE_NA + 1];
    unsigned char has_amt[C8_LINE_NA + 1];
    c8_strs mods;
    unsigned *ptrs;
    size_t nptrs, ptrcap;
    x12_party **roles; /* C8_NROLES + 1, made by the first x12_line_provider */
    struct x12_line_adjudication *la_first, *la_last; /* 2430 */
    size_t nla;
    struct x12_attachment *att_first, *att_last; /* PWK */
    size_t natt;
};

struct x12_other_payer {
    struct x12_other_payer *next;
    struct x12_batch *b;
    x12_str f[C8_OP_NF + 1];
    int64_t amt[C8_OP_NA + 1];
    unsigned char has_amt[C8_OP_NA + 1];
    c8_adj *adj;
    size_t nadj, adjcap;
    x12_party sub, payer;
    x12_party **roles; /* C8_NROLES + 1, made by the first x12_other_payer_provider (2330C-I) */
};

struct x12_claim {
    struct x12_claim *next;
    struct x12_batch *b;
    c8_fields fl;
    int64_t amt[C8_CLAIM_NA + 1];
    unsigned char has_amt[C8_CLAIM_NA + 1];
    c8_dx *dx;
    size_t ndx, dxcap;
    c8_code *codes;
    size_t ncodes, codecap;
    x12_party **roles; /* C8_NROLES + 1, made by the first x12_claim_provider */
    struct x12_other_payer *op_first, *op_last;
    size_t nop;
    struct x12_service_line *l_first, *l_last;
    size_t nlines;
    struct x12_attachment *att_first, *att_last; /* PWK */
    size_t natt;
};

struct x12_patient {
    struct x12_patient *next;
    struct x12_batch *b;
    uint64_t serial; /* unique in the batch: the writer's "same patient" */
    size_t ord;      /* 1-based among its subscriber's patients (edit paths) */
    int checked;     /* streaming: its own edits are done */
    x12_str rel;
    x12_party party;
    struct x12_claim *c_first, *c_last;
    size_t nclaims;
};

struct x12_subscriber {
    struct x12_subscriber *next;
    struct x12_batch *b;
    uint64_t serial;
    size_t ord;       /* 1-based among its provider's subscribers */
    int checked;      /* streaming: its own edits are done */
    int checked_own;  /* ... and those of a subscriber who is the patient */
    c8_fields fl;
    x12_party party, payer;
    struct x12_claim *c_first, *c_last;
    size_t nclaims;
    struct x12_patient *p_first, *p_last;
    size_t npatients;
};

struct x12_billing_provider {
    struct x12_billing_provider *next;
    struct x12_batch *b;
    uint64_t serial;
    size_t ord;  /* 1-based in the batch */
    int checked; /* streaming: its own edits are done */
    x12_party party, payto, payto_plan; /* 2010AA, AB, AC */
    struct x12_subscriber *s_first, *s_last;
    size_t nsubs;
};

typedef struct c8_stream c8_stream;
typedef struct c8_ectx c8_ectx;

struct x12_batch {
    x12i_alloc a;
    c8_arena arena[C8L_N]; /* only arena[C8L_HEAD] unless streaming */
    uint64_t serials;      /* last serial handed to a provider, subscriber, patient */
    struct c8_stream *stream; /* non-NULL while streaming */
    x12_claim_kind kind;
    x12_str f[C8_BATCH_NF + 1];
    uint64_t opt[C8_NOPT + 1];
    char el, comp, rep, seg;
    x12_party submitter, receiver;
    struct x12_billing_provider *bp_first, *bp_last;
    size_t nproviders, nclaims;
    /* edits of the last check/write/load, with their paths */
    x12i_errlist edits;
    char *paths;
    size_t paths_len, paths_cap;
    size_t *path_off;
    size_t path_off_cap;
    /* edits handed to a callback instead of kept (x12_batch_set_edit_handler) */
    x12_edit_fn edit_fn;
    void *edit_user;
    size_t edits_total; /* edits found since the list was last cleared, kept or not */
    x12_error edit_tmp; /* the record handed to edit_fn */
};

/* ---- model helpers (claim837_model.c) --------------------------------------- */

/* Zeroed object memory from the arena of level `lvl` (C8L_*). */
void *c8_alloc(x12_batch *b, int lvl, size_t n);
/* Copies a value into the arena of level lvl; X12_NTS allowed.  An empty
 * value is the empty view.  X12_ENOMEM. */
x12_status c8_copy(x12_batch *b, int lvl, x12_str *dst, const char *v, size_t len);
void c8_party_init(x12_batch *b, x12_party *p, c8_party_role role, int entity, int lvl);
/* Sets field f (1..255) of a packed list in the arena of level lvl; ""
 * clears it.  X12_EINVAL for a NULL value with a length, X12_ENOMEM. */
x12_status c8_fields_set(x12_batch *b, int lvl, c8_fields *fl, unsigned f, const char *v,
                         size_t len);
/* Releases everything in the arenas of levels lvl..C8L_CLAIM (streaming);
 * each keeps its newest chunk for reuse. */
void c8_arena_reset_from(x12_batch *b, int lvl);
/* Bytes handed out by the arena level lvl allocates from (the only one
 * when not streaming) since its last reset. */
size_t c8_arena_used(const x12_batch *b, int lvl);
/* The value of field f, or an empty view. */
x12_str c8_fields_get(const c8_fields *fl, unsigned f);
/* Every field 0..nf-1 into out[]: the value, or an empty view. */
void c8_fields_unpack(const c8_fields *fl, x12_str *out, size_t nf);
/* 1 when any field is set. */
int c8_fields_any(const c8_fields *fl);
void c8_party_view(const x12_party *p, c8_pview *v);
/* A claim's or line's party in a role is written (and found by
 * x12_claim_find_provider) when its name, id or address is set. */
int c8_role_written(const x12_party *p);
/* An other payer's provider (2330C-I) the caller asked for: a field or its
 * entity set (an NM1 read without its REF is one: the edits require the
 * REF rather than the copy dropping the NM1). */
int c8_op_provider_used(const x12_party *p);
/* The claim's provider in role r, NULL when never asked for. */
const x12_party *c8_claim_role(const x12_claim *c, int r);
const x12_party *c8_line_role(const x12_service_line *l, int r);
/* Appends an edit record with its path; NULL when out of memory (the check
 * then returns X12_ENOMEM). */
x12_error *c8_edit_push(x12_batch *b, const char *path, const char *rule, const char *segid,
                        const char *loop, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
void c8_edits_clear(x12_batch *b);
int c8_batch_empty(const x12_batch *b);
/* Appends node to a singly linked list kept with first/last pointers. */
#define C8_LIST_APPEND(first, last, node)                                               \
    do {                                                                                \
        if ((last) != NULL)                                                             \
            (last)->next = (node);                                                      \
        else                                                                            \
            (first) = (node);                                                           \
        (last) = (node);                                                                \
    } while (0)

/* Objects made in b's arena and linked to no parent (the add functions
 * link them; the 837 reader keeps each level in an arena of its own).
 * NULL when out of memory. */
x12_billing_provider *c8_provider_new(x12_batch *b);
x12_subscriber *c8_subscriber_new(x12_batch *b);
x12_patient *c8_patient_new(x12_batch *b);
x12_claim *c8_claim_new(x12_batch *b);
/* Frees every object and string in b's arena at once (its newest chunk is
 * kept for reuse) and empties the batch: no providers, envelope fields,
 * submitter or receiver (kind, options and delimiters stay).  For the 837
 * reader, whose batches each hold one level of the claim being read. */
void c8_arena_reset(x12_batch *b);

/* ---- edits (claim837_edits.c) ---------------------------------------------- */

int c8_is_date(const char *p, size_t n);
/* The ICD code set of a claim's diagnoses and procedures.  The guides have
 * a qualifier for each (ABK ICD-10-CM, BK ICD-9-CM, ...) but leave which
 * one to HIPAA's compliance date: ICD-10 for services on or after
 * 2015-10-01.  The 837P: ICD-9 when every service date of the claim (each
 * line's, the claim's for lines without) is before it, MIXED when they
 * fall on both sides (an edit: the claim must be split); the 837I: ICD-9
 * when the statement through date is before it (as CMS's rule for
 * inpatient discharges).  Dates that are not real dates count as neither. */
enum { C8_CS_ICD10 = 0, C8_CS_ICD9, C8_CS_MIXED };
int c8_claim_code_set(const x12_claim *c, int p);
/* The next answer of an 837P line's X12_LINE_FORM_ANSWERS from *at
 * ("question:kind:value" items separated by ";"): 0 at the end, else 1
 * with the question, the value and *el the FRM element the kind names
 * (R 2, T 3, D 4, P 5), or 0 when the item is not of that shape. */
int c8_form_answer(x12_str v, size_t *at, x12_str *question, unsigned *el, x12_str *value);

/* The edits in parts, for a batch checked claim by claim as it streams.
 * A checker keeps the claim count (paths "claim[N]") between calls. */
c8_ectx *c8_check_begin(x12_batch *b); /* NULL: out of memory */
void c8_check_end(x12_batch *b, c8_ectx *x);
int c8_check_oom(const c8_ectx *x);    /* an edit record could not be kept */
void c8_check_header(c8_ectx *x);
enum {
    C8C_PROVIDER = 1,    /* the provider's own fields */
    C8C_PROVIDER_DONE,   /* what needs its subscribers: it has some */
    C8C_SUBSCRIBER,      /* the subscriber's own fields (as patient when it has claims) */
    C8C_SUBSCRIBER_OWN,  /* the subscriber as the patient of its own claims */
    C8C_SUBSCRIBER_DONE, /* it has claims */
    C8C_PATIENT,
    C8C_PATIENT_DONE,
    C8C_BATCH_DONE       /* the batch has a provider (bp may be NULL) */
};
void c8_check_level(c8_ectx *x, int part, const x12_billing_provider *bp,
                    const x12_subscriber *s, const x12_patient *pt);
void c8_check_claim(c8_ectx *x, const x12_billing_provider *bp, const x12_subscriber *s,
                    const x12_patient *pt, const x12_claim *c);
/* A claim that was dropped before its edits (its input was bad) still
 * takes its number. */
void c8_check_skip_claim(c8_ectx *x);

/* ---- the 837 writer (claim837_write.c) --------------------------------------- */

typedef struct c8_wctx c8_wctx;
/* A writer context for batch b through w: NULL when out of memory.  The
 * envelope starts with the first claim. */
c8_wctx *c8_write_begin(x12_batch *b, x12_writer *w);
/* Writes one claim under its levels (the ISA, GS and a set first when
 * needed).  The status of the writer. */
x12_status c8_write_claim(c8_wctx *x, const x12_billing_provider *bp, const x12_subscriber *s,
                          const x12_patient *pt, const x12_claim *c);
/* Closes the set, group and interchange (writing the ISA and GS first when
 * no claim came) and finishes the writer. */
x12_status c8_write_end(c8_wctx *x);
void c8_write_free(x12_batch *b, c8_wctx *x);

/* ---- streaming (claim837_stream.c) -------------------------------------------- */

/* Called by the model before it adds a provider (lvl C8L_PROVIDER, parent
 * NULL), a subscriber (C8L_SUBSCRIBER, parent the provider) or a patient
 * (C8L_PATIENT, parent the subscriber) to a streaming batch: finishes the
 * levels the new one replaces (their closing edits) and releases them.
 * X12_ESTATE when claims wait to be flushed or the parent is not the open
 * one. */
x12_status c8_stream_level(x12_batch *b, int lvl, const void *parent);
/* 1 when s (or pt) is the newest subscriber (patient) of a streaming
 * batch: claims may be added to it. */
int c8_stream_is_open(const x12_batch *b, const x12_subscriber *s, const x12_patient *pt);
/* Frees the stream state (x12_batch_free). */
void c8_stream_free(x12_batch *b);
/* Marks the stream failed: a problem of the input was reported, nothing
 * more is written. */
void c8_stream_fail(x12_batch *b);
/* Drops the claims waiting for a flush unchecked (their input was bad):
 * the stream fails, their numbers are taken. */
void c8_stream_drop(x12_batch *b);
/* A claim of the input that never reached the model (its line was bad):
 * the stream fails, its number is taken. */
void c8_stream_skip_claim(x12_batch *b);

#endif /* X12_CLAIM837_INTERNAL_H */
