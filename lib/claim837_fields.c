/*
 * The field table of the 837 claim model (claim837_fields.def): the rows,
 * the checks that they match the public enums, the public name lookups,
 * and what the compiled-in guides say about each field (code lists,
 * maximum lengths, order), so that nothing the guides already hold is
 * typed again.
 */
#include <string.h>

#include "claim837_internal.h"
#include "spec_internal.h"

/* ---- the rows ---------------------------------------------------------------------- */

#define C8_POS(loop, seg, qual, el, comp, how) {loop, seg, qual, el, comp, C8W_##how}
#define C8F(obj, e, name, label, max, grp, pp, pi)                                      \
    {name, label, C8O_##obj, (unsigned char)(e), C8G_##grp, (unsigned char)(sizeof(name) - 1), \
     max, {C8_POS pp, C8_POS pi}},
const c8_fdesc c8_ftab[C8R_N] = {
#include "claim837_fields.def"
};
#undef C8F

/* The public enums keep their values (they are the ABI); the table follows
 * them.  Every row's value lies in 1..(the object's row count) and no two
 * rows of an object share a value (the designated initializers of `rows`
 * below would override each other: -Woverride-init, and the test that every
 * value has a name), so the rows of an object are exactly its values. */
#define C8F(obj, e, ...)                                                                \
    _Static_assert((int)(e) >= 1 && (int)(e) <= C8_NF_##obj,                            \
                   #e " is outside the fields of its object: add its row, or check the " \
                      "enum in include/x12/claim837.h");
#include "claim837_fields.def"
#undef C8F

_Static_assert((int)C8O_BATCH == (int)X12_CO_BATCH && (int)C8O_OPTION == (int)X12_CO_BATCH_OPTION &&
                   (int)C8O_PARTY == (int)X12_CO_PARTY && (int)C8O_SUB == (int)X12_CO_SUBSCRIBER &&
                   (int)C8O_CLAIM == (int)X12_CO_CLAIM &&
                   (int)C8O_CLAIM_AMT == (int)X12_CO_CLAIM_AMOUNT &&
                   (int)C8O_OP == (int)X12_CO_OTHER_PAYER &&
                   (int)C8O_OP_AMT == (int)X12_CO_OTHER_PAYER_AMOUNT &&
                   (int)C8O_LINE == (int)X12_CO_LINE && (int)C8O_LINE_AMT == (int)X12_CO_LINE_AMOUNT &&
                   (int)C8O_LA == (int)X12_CO_LINE_ADJUDICATION &&
                   (int)C8O_LA_AMT == (int)X12_CO_LINE_ADJUDICATION_AMOUNT &&
                   (int)C8O_ATT == (int)X12_CO_ATTACHMENT,
               "c8_obj follows x12_claim_object");
_Static_assert(C8R_N < 65535, "row numbers fit in unsigned short");

/* Field f of object o -> 1 + its row (0: none). */
#define C8_NF_MAX 255
#define C8F(obj, e, ...) [C8O_##obj][e] = C8R_##e + 1,
static const unsigned short rows[C8O_N][C8_NF_MAX + 1] = {
#include "claim837_fields.def"
};
#undef C8F

static const int counts[C8O_N] = {
    0,           C8_NF_BATCH, C8_NF_OPTION, C8_NF_PARTY, C8_NF_SUB,
    C8_NF_CLAIM, C8_NF_CLAIM_AMT, C8_NF_OP, C8_NF_OP_AMT, C8_NF_LINE,
    C8_NF_LINE_AMT, C8_NF_LA,  C8_NF_LA_AMT, C8_NF_ATT};

const c8_fdesc *c8_field(int obj, int f)
{
    if (obj < 1 || obj >= C8O_N || f < 1 || f > C8_NF_MAX || rows[obj][f] == 0)
        return NULL;
    return &c8_ftab[rows[obj][f] - 1];
}

const int c8_party_refs[C8_NPARTY_REFS] = {
    X12_PARTY_EIN,          X12_PARTY_SSN,           X12_PARTY_STATE_LICENSE,
    X12_PARTY_UPIN,         X12_PARTY_COMMERCIAL_ID, X12_PARTY_LOCATION_NUMBER,
    X12_PARTY_PAYER_NUMBER, X12_PARTY_CLAIM_OFFICE,  X12_PARTY_NAIC,
    X12_PARTY_PC_CLAIM_NUMBER, X12_PARTY_PC_MEMBER_ID};

const int c8_amb_claim[C8_AMB_N] = {
    X12_CLAIM_PATIENT_WEIGHT,           X12_CLAIM_TRANSPORT_REASON,
    X12_CLAIM_TRANSPORT_MILES,          X12_CLAIM_ROUND_TRIP_PURPOSE,
    X12_CLAIM_STRETCHER_PURPOSE,        X12_CLAIM_AMBULANCE_CONDITIONS_MET,
    X12_CLAIM_AMBULANCE_CONDITIONS_UNMET};
const int c8_amb_line[C8_AMB_N] = {
    X12_LINE_PATIENT_WEIGHT,           X12_LINE_TRANSPORT_REASON,
    X12_LINE_TRANSPORT_MILES,          X12_LINE_ROUND_TRIP_PURPOSE,
    X12_LINE_STRETCHER_PURPOSE,        X12_LINE_AMBULANCE_CONDITIONS_MET,
    X12_LINE_AMBULANCE_CONDITIONS_UNMET};

/* ---- names, for the bindings ---------------------------------------------------------- */

const char *x12_claim_field_name(x12_claim_object obj, int field)
{
    const c8_fdesc *d = c8_field((int)obj, field);

    return d != NULL ? d->name : NULL;
}

int x12_claim_field_lookup(x12_claim_object obj, const char *name, size_t len)
{
    int f;

    if ((int)obj < 1 || (int)obj >= C8O_N || name == NULL)
        return 0;
    if (len == X12_NTS)
        len = strlen(name);
    for (f = 1; f <= counts[obj]; f++) {
        const c8_fdesc *d = c8_field((int)obj, f);
        if (d != NULL && d->nlen == len && memcmp(d->name, name, len) == 0)
            return f;
    }
    return 0;
}

int x12_claim_field_count(x12_claim_object obj)
{
    return (int)obj >= 1 && (int)obj < C8O_N ? counts[obj] : 0;
}

/* ---- what the guides say ----------------------------------------------------------------- */

static const x12i_loop *find_loop(const x12i_loop *l, const char *id)
{
    uint32_t i;
    const x12i_loop *r;

    if (strcmp(l->id, id) == 0)
        return l;
    for (i = 0; i < l->nchildren; i++)
        if (l->children[i].loop != NULL && (r = find_loop(l->children[i].loop, id)) != NULL)
            return r;
    return NULL;
}

/* The codes of the element that tells the guide's segments with this id
 * apart (REF01, HI01-1); for a segment the guide gives once, its first
 * element's.  NULL when none. */
static const char *key_codes(const x12i_seg *s)
{
    if (s->key)
        return x12i_seg_key_codes(s);
    return s->nelems ? s->elems[0].codes : NULL;
}

const x12_spec *c8_guide_spec(int p)
{
    return x12_spec_builtin(p ? "005010X222A1" : "005010X223A2");
}

const x12i_elem *c8_guide_elem(const x12i_loop *loop, const c8_fpos *q, const x12i_seg **seg,
                               unsigned *order)
{
    size_t ql = strlen(q->qual);
    uint32_t k, pick = UINT32_MAX;
    const x12i_seg *s;
    const x12i_elem *e;

    *seg = NULL;
    *order = 0;
    if (loop == NULL)
        return NULL;
    /* the segment whose key codes are the qualifier alone (2400 PWK*CT,
     * the DME certificate, after the line supplemental PWK whose PWK01
     * list has CT too), else the first whose list has it */
    for (k = 0; k < loop->nchildren; k++) {
        const char *kc;

        s = loop->children[k].seg;
        if (s == NULL || strcmp(s->id, q->seg) != 0)
            continue;
        if (!q->qual[0]) {
            pick = k;
            break;
        }
        if ((kc = key_codes(s)) == NULL || !x12i_code_in(kc, q->qual, ql))
            continue;
        if (pick == UINT32_MAX)
            pick = k;
        if ((size_t)c8_codes_len(kc) == ql) {
            pick = k;
            break;
        }
    }
    if (pick == UINT32_MAX)
        return NULL;
    s = loop->children[pick].seg;
    *seg = s;
    *order = pick + 1;
    if (q->el == 0 || q->el > s->nelems)
        return NULL;
    e = &s->elems[q->el - 1];
    if (q->comp) {
        if (q->comp > e->ncomps)
            return NULL;
        e = &e->comps[q->comp - 1];
    }
    return e;
}

const x12i_loop *c8_guide_loop(const x12_spec *spec, const char *id)
{
    return spec != NULL ? find_loop(spec->body, id) : NULL;
}

void c8_guide_resolve(c8_guide *g, int p)
{
    const x12_spec *spec = c8_guide_spec(p);
    const x12i_loop *loop = NULL;
    const char *loop_id = NULL;
    size_t r;

    memset(g, 0, sizeof *g);
    for (r = 0; r < C8R_N; r++) {
        const c8_fpos *q = c8_pos(&c8_ftab[r], p);
        const x12i_seg *s;
        const x12i_elem *e;
        unsigned order;

        if (q == NULL)
            continue;
        /* rows of one loop follow each other: one search per run */
        if (loop_id == NULL || strcmp(loop_id, q->loop) != 0) {
            loop_id = q->loop;
            loop = c8_guide_loop(spec, q->loop);
        }
        /* ISA and GS are not in a guide's body: no loop, nothing found */
        e = c8_guide_elem(loop, q, &s, &order);
        g->order[r] = (unsigned short)order;
        g->reps[r] = s != NULL ? s->max_use : 0;
        if (e != NULL) {
            g->codes[r] = e->codes;
            g->min[r] = e->min;
            g->max[r] = e->max;
        }
    }
}

/* ---- provider loops ---------------------------------------------------------------- */

static const char *claim_role_loop(int p, x12_claim_role r)
{
    if (p) {
        switch (r) {
        case X12_ROLE_REFERRING: return "2310A";
        case X12_ROLE_PRIMARY_CARE: return "2310A";
        case X12_ROLE_RENDERING: return "2310B";
        case X12_ROLE_SERVICE_FACILITY: return "2310C";
        case X12_ROLE_SUPERVISING: return "2310D";
        case X12_ROLE_AMBULANCE_PICKUP: return "2310E";
        case X12_ROLE_AMBULANCE_DROPOFF: return "2310F";
        default: return NULL;
        }
    }
    if (r == X12_ROLE_SUPERVISING || r == X12_ROLE_ORDERING || (r == X12_ROLE_AMBULANCE_PICKUP || r == X12_ROLE_AMBULANCE_DROPOFF) ||
        r == X12_ROLE_PURCHASED_SERVICE || r == X12_ROLE_PRIMARY_CARE)
        return NULL; /* 837P only */
    switch (r) {
    case X12_ROLE_ATTENDING: return "2310A";
    case X12_ROLE_OPERATING: return "2310B";
    case X12_ROLE_OTHER_OPERATING: return "2310C";
    case X12_ROLE_RENDERING: return "2310D";
    case X12_ROLE_SERVICE_FACILITY: return "2310E";
    case X12_ROLE_REFERRING: return "2310F";
    default: return NULL;
    }
}

static const char *line_role_loop(int p, x12_claim_role r)
{
    if (p) {
        switch (r) {
        case X12_ROLE_RENDERING: return "2420A";
        case X12_ROLE_PURCHASED_SERVICE: return "2420B";
        case X12_ROLE_SERVICE_FACILITY: return "2420C";
        case X12_ROLE_SUPERVISING: return "2420D";
        case X12_ROLE_ORDERING: return "2420E";
        case X12_ROLE_REFERRING: return "2420F";
        case X12_ROLE_PRIMARY_CARE: return "2420F";
        case X12_ROLE_AMBULANCE_PICKUP: return "2420G";
        case X12_ROLE_AMBULANCE_DROPOFF: return "2420H";
        default: return NULL;
        }
    }
    switch (r) {
    case X12_ROLE_OPERATING: return "2420A";
    case X12_ROLE_OTHER_OPERATING: return "2420B";
    case X12_ROLE_RENDERING: return "2420C";
    case X12_ROLE_REFERRING: return "2420D";
    default: return NULL;
    }
}

/* 2330C-I: role, NM101, loop, in each guide's order. */
typedef struct op_role {
    int role;
    const char *code, *loop;
} op_role;
static const op_role op_roles_p[] = {
    {X12_ROLE_REFERRING, "DN", "2330C"}, {X12_ROLE_PRIMARY_CARE, "P3", "2330C"},
    {X12_ROLE_RENDERING, "82", "2330D"},
    {X12_ROLE_SERVICE_FACILITY, "77", "2330E"}, {X12_ROLE_SUPERVISING, "DQ", "2330F"},
    {X12_ROLE_BILLING, "85", "2330G"}, {0, NULL, NULL}};
static const op_role op_roles_i[] = {
    {X12_ROLE_ATTENDING, "71", "2330C"}, {X12_ROLE_OPERATING, "72", "2330D"},
    {X12_ROLE_OTHER_OPERATING, "ZZ", "2330E"}, {X12_ROLE_SERVICE_FACILITY, "77", "2330F"},
    {X12_ROLE_RENDERING, "82", "2330G"}, {X12_ROLE_REFERRING, "DN", "2330H"},
    {X12_ROLE_BILLING, "85", "2330I"}, {0, NULL, NULL}};
static const int op_order_p[] = {X12_ROLE_REFERRING, X12_ROLE_PRIMARY_CARE, X12_ROLE_RENDERING,
                                 X12_ROLE_SERVICE_FACILITY, X12_ROLE_SUPERVISING,
                                 X12_ROLE_BILLING, 0};
static const int op_order_i[] = {X12_ROLE_ATTENDING, X12_ROLE_OPERATING,
                                 X12_ROLE_OTHER_OPERATING, X12_ROLE_SERVICE_FACILITY,
                                 X12_ROLE_RENDERING, X12_ROLE_REFERRING, X12_ROLE_BILLING, 0};

const char *c8_op_role_loop(int p, x12_claim_role r, const char **code)
{
    const op_role *t;

    for (t = p ? op_roles_p : op_roles_i; t->role; t++)
        if (t->role == (int)r) {
            if (code != NULL)
                *code = t->code;
            return t->loop;
        }
    return NULL;
}

const int *c8_op_roles(int p)
{
    return p ? op_order_p : op_order_i;
}

const char *c8_role_loop(int p, x12_claim_role r, int line)
{
    return line ? line_role_loop(p, r) : claim_role_loop(p, r);
}

const char *c8_guide_seg(int p, const char *loop, const char *seg, const char *qual, unsigned el,
                         unsigned *order, unsigned *reps)
{
    c8_fpos q = {loop, seg, qual, (unsigned char)el, 0, C8W_CODE};
    const x12i_seg *s;
    const x12i_elem *e;
    unsigned k;

    e = c8_guide_elem(c8_guide_loop(c8_guide_spec(p), loop), &q, &s, &k);
    if (order != NULL)
        *order = k;
    if (reps != NULL)
        *reps = s != NULL ? s->max_use : 0;
    if (s == NULL)
        return NULL;
    return e != NULL && e->codes != NULL ? e->codes : "";
}

int c8_guide_allows(int p, const char *loop, const char *seg, const char *qual)
{
    return c8_guide_seg(p, loop, seg, qual, 1, NULL, NULL) != NULL;
}

int c8_codes_len(const char *codes)
{
    size_t n = codes != NULL ? strlen(codes) : 0;

    return n >= 2 ? (int)(n - 2) : 0;
}

int c8_form_answer(x12_str v, size_t *at, x12_str *question, unsigned *el, x12_str *value)
{
    static const char kinds[] = "RTDP";
    size_t i = *at, end = i, q;
    const char *k;

    if (i >= v.len)
        return 0;
    while (end < v.len && v.ptr[end] != ';')
        end++;
    *at = end + 1;
    *el = 0;
    question->ptr = v.ptr + i;
    question->len = 0;
    value->ptr = v.ptr + end;
    value->len = 0;
    for (q = i; q < end && v.ptr[q] != ':'; q++)
        ;
    question->len = q - i;
    /* ":K:" after the question, then the value */
    if (q + 2 >= end || v.ptr[q + 2] != ':' || v.ptr[q + 1] == '\0' ||
        (k = strchr(kinds, v.ptr[q + 1])) == NULL)
        return 1;
    *el = (unsigned)(k - kinds) + 2;
    value->ptr = v.ptr + q + 3;
    value->len = end - (q + 3);
    return 1;
}
