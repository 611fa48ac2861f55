/*
 * 837P and 837I read back into the claim model: a stream over an x12_reader
 * that hands out one claim at a time (see <x12/claimread.h>).
 *
 * Each HL level is held in a batch of its own (the set's header, the
 * billing provider, the subscriber, the patient, the claim), whose arena is
 * emptied when the next loop of that level starts: memory stays that of
 * one claim and its parents whatever the file holds.
 *
 * Every segment goes to the loop it belongs to (ctx: the HL level or
 * claim/line; loop: the NM1 loop inside it, where N3, N4, REF, PER, DMG,
 * PRV go).  A handler takes the elements the model keeps, marking each
 * component it took; what is left in the segment is reported as not kept,
 * element by element (leftovers()), so nothing is dropped silently.  A
 * whole segment the model has no place for is reported as one warning.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claim837_internal.h"
#include "spec_internal.h"
#include "x12types_internal.h"

/* HL levels, each held in its own batch. */
enum { LV_HDR, LV_BP, LV_SUB, LV_PAT, LV_CLM, NLV };

typedef enum ctx {
    C_NONE,     /* outside a transaction set */
    C_SKIPSET,  /* a set that is not read (not an 837, another version): up to SE */
    C_HEADER,   /* ST..first HL: BHT, 1000A, 1000B */
    C_BP,       /* 2000A, 2010AA, 2010AB */
    C_SUB,      /* 2000B, 2010BA, 2010BB */
    C_PAT,      /* 2000C, 2010CA */
    C_CLAIM,    /* 2300, 2310x, 2320, 2330x */
    C_LINE,     /* 2400, 2410, 2420x, 2430 */
    C_SKIPHL,   /* a loop that cannot be attributed: up to the next HL */
    C_SKIPLINE  /* a line outside a claim: up to the next LX, CLM or HL */
} ctx;

/* The loop inside a level. */
typedef enum loop {
    LP_HEADER,
    LP_1000A,
    LP_1000B,
    LP_2000A,
    LP_2010AA,
    LP_2010AB,
    LP_2010AC,
    LP_2000B,
    LP_2010BA,
    LP_2010BB,
    LP_2000C,
    LP_2010CA,
    LP_2300,
    LP_2310, /* role in s->role, party in s->party */
    LP_2320,
    LP_2330A,
    LP_2330B,
    LP_2330P, /* an other payer's provider (2330C-I): party in s->party */
    LP_2400,
    LP_2410,
    LP_2420, /* role in s->role, party in s->party */
    LP_2430,
    LP_2440,
    LP_SKIP /* a loop the model does not keep: every segment in it is reported */
} loop;

/* Elements whose components are tracked; beyond, a value is not kept. */
#define KMAX 40

#define ENV_NF X12_ENV_ST03

struct x12_claim_stream {
    x12i_alloc a;
    x12_allocator ualloc;
    int has_ualloc;
    x12_reader *r;
    int own_reader;
    x12_batch *lv[NLV];
    x12_claim_kind kind;

    /* where we are */
    ctx ctx;
    loop loop;
    const char *loop_id;
    int role;
    x12_party *party;
    const char *skip_why;
    x12_billing_provider *bp;
    x12_subscriber *sub;
    x12_patient *pat;
    x12_claim *claim;
    x12_service_line *line;
    x12_other_payer *op;
    x12_line_adjudication *la;
    size_t nlines;
    int line_has_service;
    x12_str hl_id[NLV];
    uint64_t hl_offset[NLV];
    uint64_t gen[NLV];
    uint64_t gen_next;
    x12_str env[ENV_NF + 1];

    /* positions */
    uint64_t st_segno, st_offset, set_index, ich_index;
    uint64_t clm_segno, clm_offset, clm_setpos, clm_segments, end_offset;
    uint64_t claim_index, claim_in_set, clms_seen, clms_in_set;
    uint64_t totals[X12_CTOTAL_ERRORS + 1];

    /* diagnostics */
    x12i_diags diags;           /* the call's, within the limit per claim handed out */
    x12i_errlist issues[NLV];
    size_t nk[NLV];
    uint64_t issues_dropped[NLV];
    x12_error last;
    int have_last;
    x12_status dead;
    int nomem;
    x12_error_fn on_error;
    void *on_error_user;

    /* the call */
    const x12_segment *pending; /* read, to be handled by the next call */
    int claim_open, ready, current, finished;

    /* the segment being handled */
    const x12_segment *seg;
    x12_str id;
    char comp_sep, rep_sep; /* rep_sep 0 when the segment has no repetition */
    int has_comp;           /* the segment holds a component separator */
    size_t nel;
    x12_str ev[KMAX + 1]; /* elements 1..min(nel, KMAX) */
    uint32_t kept[KMAX + 1];
    int seg_reported; /* the whole segment was reported: no leftovers */
    /* an other payer's provider NM1 (2330C-I) whose REF has not come yet:
     * its loop (NULL: none) and segment number (bare_nm1()) */
    const char *bare_loop;
    uint64_t bare_segno;
    int per_twice;    /* the party being read took a second PER (per()) */
    /* the code set of the claim's HI diagnoses and procedures, from the
     * first one read (0 none yet, 10 ICD-10, 9 ICD-9): the model holds one
     * (the writer chooses it by the claim's dates), a composite of the
     * other is not kept */
    int hi_set;
    char *scratch;
    size_t scratch_cap;

    /* what x12_claim_stream_copy_claim added last */
    struct {
        x12_batch *dst;
        x12_billing_provider *bp;
        x12_subscriber *sub;
        x12_patient *pat;
        uint64_t gbp, gsub, gpat;
    } cp;
};

typedef struct x12_claim_stream S;

/* ---- small helpers ------------------------------------------------------------ */

static int is(x12_str v, const char *lit)
{
    size_t n = strlen(lit);

    return v.len == n && memcmp(v.ptr, lit, n) == 0;
}

static x12_str none(void)
{
    x12_str v = {"", 0};

    return v;
}

static void ok(S *s, x12_status st)
{
    if (st != X12_OK)
        s->nomem = 1;
}

/* Segment ids packed for a switch. */
#define K2(a, b) (((uint32_t)(unsigned char)(a) << 8) | (uint32_t)(unsigned char)(b))
#define K3(a, b, c) ((K2(a, b) << 8) | (uint32_t)(unsigned char)(c))

/* Ids the reader reports as malformed (not a capital letter, then 1-2
 * capitals or digits) are its to report, not ours: its rule. */
static int shaped(x12_str id)
{
    return x12i_segid_shaped(id.ptr, id.len);
}

static uint32_t idkey(x12_str id)
{
    uint32_t k = 0;
    size_t i;

    if (id.len < 2 || id.len > 3)
        return 0;
    for (i = 0; i < id.len; i++)
        k = (k << 8) | (unsigned char)id.ptr[i];
    return k;
}

/* Which list of issues a diagnostic of the current context belongs to. */
static int ctx_level(const S *s)
{
    switch (s->ctx) {
    case C_HEADER:
        return LV_HDR;
    case C_BP:
        return LV_BP;
    case C_SUB:
        return LV_SUB;
    case C_PAT:
        return LV_PAT;
    case C_CLAIM:
    case C_LINE:
        return LV_CLM;
    default:
        return -1;
    }
}

/* ---- diagnostics ---------------------------------------------------------------- */

/* A level's list of issues. */
typedef struct issue_slot {
    const x12i_alloc *a;
    x12i_errlist *l;
} issue_slot;

static x12_error *issue_slot_push(void *list)
{
    issue_slot *c = list;

    return x12i_errlist_push(c->a, c->l);
}

/* Past the limit a diagnostic is counted, not kept, so that junk in a
 * file (400,000 stray segments in a claim) cannot make memory grow; the
 * totals and the handler still see every one.  The count runs from one
 * claim handed out to the next, not per call: where X12_AGAIN cuts pushed
 * input must not change what is kept. */
static void diag(S *s, const x12_error *e)
{
    if (x12_error_severity(e) != X12_SEV_WARNING)
        s->totals[X12_CTOTAL_ERRORS]++;
    if (x12i_diags_add(&s->a, &s->diags, e) < 0) {
        s->nomem = 1;
        return;
    }
    if (s->on_error != NULL)
        s->on_error(s->on_error_user, e);
}

/* A diagnostic at the current segment, kept with level lv (-1: none). */
static void issue_at(S *s, int lv, x12_severity sev, x12_status st, const char *rule,
                     unsigned element, unsigned component, const char *fmt, va_list ap)
{
    x12_error e;

    x12i_error_vset(&e, st, sev, rule, x12_segment_number(s->seg), s->id.ptr, s->id.len,
                    x12_segment_offset(s->seg), element, fmt, ap);
    e.component = component;
    x12i_error_set_loop(&e, s->loop_id);
    diag(s, &e);
    if (strcmp(rule, "not-kept") == 0) {
        s->totals[X12_CTOTAL_NOT_KEPT]++;
        if (lv >= 0)
            s->nk[lv]++;
    }
    if (lv >= 0) {
        issue_slot slot = {&s->a, &s->issues[lv]};

        if (x12i_diags_keep(s->diags.max, s->issues[lv].count, &s->issues_dropped[lv],
                            issue_slot_push, &slot, &e) < 0)
            s->nomem = 1;
    }
}

static void issue(S *s, x12_severity sev, x12_status st, const char *rule, unsigned element,
                  unsigned component, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

static void issue(S *s, x12_severity sev, x12_status st, const char *rule, unsigned element,
                  unsigned component, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    issue_at(s, ctx_level(s), sev, st, rule, element, component, fmt, ap);
    va_end(ap);
}

/* A value for a message, by the one quoting rule (error.c): shown only
 * when it has the shape of a code or number of at most `max` characters,
 * else "(a value of N characters)"; never a name or id shifted into it. */
#define QV(buf, p, max, n) x12i_quote_msg(buf, sizeof buf, p, n, max, NULL, 0)

/* The segment id, safe to print (X12 ids are 2-3 letters and digits). */
static const char *sid(const S *s, char *buf, size_t size)
{
    if (!x12i_segid_shaped(s->id.ptr, s->id.len))
        return snprintf(buf, size, "?"), buf;
    return x12i_quote(buf, size, s->id.ptr, s->id.len);
}

static const char *loop_text(const S *s)
{
    return s->loop_id[0] ? s->loop_id : "of the transaction header";
}

static const char *loop_word(const S *s)
{
    return s->loop_id[0] ? "in loop " : "";
}

/* The whole segment has no place in the model. */
static void lost_segment(S *s, const char *why)
{
    char b[24];

    s->seg_reported = 1;
    issue(s, X12_SEV_WARNING, X12_OK, "not-kept", 0, 0,
          "segment %s %s%s is not kept by the claim model%s", sid(s, b, sizeof b),
          loop_word(s), loop_text(s), why ? why : "");
}

static void lost_twice(S *s)
{
    lost_segment(s, " (it holds one)");
}

/* Element e (component c, 0 for a simple element) is not kept. */
static void lost_element(S *s, unsigned e, unsigned c, const char *why)
{
    char b[24], pos[48];

    if (c)
        snprintf(pos, sizeof pos, "%s%02u-%u", sid(s, b, sizeof b), e, c);
    else
        snprintf(pos, sizeof pos, "%s%02u", sid(s, b, sizeof b), e);
    issue(s, X12_SEV_WARNING, X12_OK, "not-kept", e, c, "%s %s%s is not kept by the claim model%s",
          pos, loop_word(s), loop_text(s), why ? why : "");
}

/* ---- taking values from the segment -------------------------------------------- */

static void mark(S *s, unsigned e, unsigned c)
{
    if (e <= KMAX && c < 32)
        s->kept[e] |= (uint32_t)1 << c;
}

/* Part k (1-based) of v cut at sep; empty past the end.  Elements are
 * short: a plain loop beats memchr's call on them. */
static x12_str part(x12_str v, char sep, size_t k)
{
    const char *p = v.ptr, *e = v.ptr + v.len, *q;
    x12_str r;

    for (; k > 1; k--) {
        while (p < e && *p != sep)
            p++;
        if (p == e)
            return none();
        p++;
    }
    for (q = p; q < e && *q != sep; q++)
        ;
    r.ptr = p;
    r.len = (size_t)(q - p);
    return r;
}

/* Element e as written (all its repetitions). */
static x12_str elem(const S *s, size_t e)
{
    if (e <= KMAX)
        return e <= s->nel ? s->ev[e] : none();
    return x12_segment_element(s->seg, e);
}

/* Element e's first repetition, as x12_segment_repetition(seg, e, 1). */
static x12_str first_rep(const S *s, size_t e)
{
    x12_str v = elem(s, e);

    return s->rep_sep ? part(v, s->rep_sep, 1) : v;
}

/* Component c of element e (first repetition), not marked. */
static x12_str peek(const S *s, size_t e, size_t c)
{
    if (!s->has_comp) /* most segments: every element is one component */
        return c == 1 ? first_rep(s, e) : none();
    return part(first_rep(s, e), s->comp_sep, c);
}

/* Component c of element e (first repetition), marked as kept. */
static x12_str comp(S *s, unsigned e, unsigned c)
{
    mark(s, e, c);
    return peek(s, e, c);
}

/* A simple element: its first component. */
static x12_str val(S *s, unsigned e)
{
    return comp(s, e, 1);
}

/* An element (component) the builder always writes as `want`: any other
 * value is reported (it is a code, safe to quote) and taken as kept. */
static void fixed(S *s, unsigned e, unsigned c, const char *want)
{
    x12_str v = comp(s, e, c ? c : 1);
    char b[24], q[32], pos[48];

    if (v.len == 0 || is(v, want))
        return;
    if (c)
        snprintf(pos, sizeof pos, "%s%02u-%u", sid(s, b, sizeof b), e, c);
    else
        snprintf(pos, sizeof pos, "%s%02u", sid(s, b, sizeof b), e);
    issue(s, X12_SEV_WARNING, X12_OK, "not-kept", e, c,
          "%s %s%s is %s, which the claim model does not keep: it writes '%s'", pos,
          loop_word(s), loop_text(s),
          x12i_quote_msg(q, sizeof q, v.ptr, v.len, strlen(want) > 3 ? strlen(want) : 3, NULL, 1),
          want);
}

/* Reports every non-empty component nobody took. */
static void leftovers(S *s)
{
    const x12_segment *seg = s->seg;
    size_t n = x12_segment_count(seg), e;

    (void)seg;
    if (!s->has_comp && !s->rep_sep) {
        /* every element is one component: kept when component 1 was taken */
        for (e = 1; e <= n; e++)
            if ((e > KMAX || !(s->kept[e] & 2u)) && elem(s, e).len)
                lost_element(s, (unsigned)e, 0, NULL);
        return;
    }
    for (e = 1; e <= n; e++) {
        x12_str v = elem(s, e), r;
        uint32_t k = e <= KMAX ? s->kept[e] : 0;
        const char *p, *end, *q;
        size_t c;

        if (v.len == 0)
            continue;
        if (k == 0) {
            lost_element(s, (unsigned)e, 0, NULL);
            continue;
        }
        r = s->rep_sep ? part(v, s->rep_sep, 1) : v;
        end = r.ptr + r.len;
        for (q = r.ptr; q < end && *q != s->comp_sep; q++)
            ;
        if (q == end) {
            /* one component: the common case */
            if (!(k & 2u))
                lost_element(s, (unsigned)e, 0, NULL);
        } else {
            for (p = r.ptr, c = 1;; c++) {
                if (c > 1)
                    for (q = p; q < end && *q != s->comp_sep; q++)
                        ;
                if (q > p && (c >= 32 || !((k >> c) & 1u)))
                    lost_element(s, (unsigned)e, (unsigned)c, NULL);
                if (q == end)
                    break;
                p = q + 1;
            }
        }
        if (r.len < v.len)
            lost_element(s, (unsigned)e, 0, " (a repetition)");
    }
}

/* Money: 1 with *cents, 0 when empty, -1 (reported) when not a number. */
static int amount(S *s, unsigned e, unsigned c, int64_t *cents)
{
    x12_str v = comp(s, e, c ? c : 1);
    char b[24];

    if (v.len == 0)
        return 0;
    if (x12_cents_parse(v.ptr, v.len, cents) == X12_OK)
        return 1;
    issue(s, X12_SEV_ERROR, X12_ESYNTAX, "amount", e, c,
          "%s%02u is not an amount (a decimal number with at most 2 decimals): left unset",
          sid(s, b, sizeof b), e);
    return -1;
}

/* A NUL-terminated copy of v in the stream's scratch (at `at`, which
 * callers step so that several copies live at once). */
static const char *cstr(S *s, x12_str v, size_t at)
{
    void *p = s->scratch;

    if (x12i_grow(&s->a, &p, &s->scratch_cap, at + v.len + 1, 1) != 0) {
        s->nomem = 1;
        return "";
    }
    s->scratch = p;
    memcpy(s->scratch + at, v.ptr, v.len);
    s->scratch[at + v.len] = '\0';
    return s->scratch + at;
}

/* Appends v to the space-separated list the scratch holds (`at`
 * characters so far) and returns the list's new length. */
static size_t list_append(S *s, x12_str v, size_t at)
{
    if (at) {
        x12_str sp = {" ", 1};
        (void)cstr(s, sp, at++);
    }
    (void)cstr(s, v, at);
    return at + v.len;
}

/* ---- levels --------------------------------------------------------------------- */

/* Empties levels from..claim: a new loop of level `from` starts. */
static void reset_levels(S *s, int from)
{
    int lv;

    for (lv = from; lv < NLV; lv++) {
        c8_arena_reset(s->lv[lv]);
        s->issues[lv].count = 0;
        s->issues_dropped[lv] = 0;
        s->nk[lv] = 0;
        s->hl_id[lv] = none();
        s->hl_offset[lv] = 0;
        s->gen[lv] = 0;
    }
    if (from <= LV_BP)
        s->bp = NULL;
    if (from <= LV_SUB)
        s->sub = NULL;
    if (from <= LV_PAT)
        s->pat = NULL;
    s->claim = NULL;
    s->line = NULL;
    s->op = NULL;
    s->la = NULL;
    s->party = NULL;
    s->bare_loop = NULL;
    s->claim_open = 0;
}

static void set_loop(S *s, loop lp, const char *id)
{
    s->loop = lp;
    s->loop_id = id;
}

/* ---- parties --------------------------------------------------------------------- */

static void pset(S *s, x12_party *p, x12_party_field f, x12_str v)
{
    if (v.len)
        ok(s, x12_party_set(p, f, v.ptr, v.len));
}

/* NM1 into a party: entity, names, and the id when `qual` is the builder's
 * qualifier for it (NULL: the model keeps no id here).  names 0: NM101
 * and NM102 only (the pay-to address). */
static void nm1_party(S *s, x12_party *p, const char *qual, int names)
{
    x12_str t = val(s, 2);

    val(s, 1);
    if (is(t, "1"))
        ok(s, x12_party_set_entity(p, X12_ENTITY_PERSON));
    else if (is(t, "2"))
        ok(s, x12_party_set_entity(p, X12_ENTITY_ORGANIZATION));
    else if (t.len)
        s->kept[2] = 0; /* reported as not kept */
    if (!names)
        return;
    pset(s, p, X12_PARTY_NAME, val(s, 3));
    if (x12_party_entity(p) == X12_ENTITY_PERSON) {
        pset(s, p, X12_PARTY_FIRST_NAME, val(s, 4));
        pset(s, p, X12_PARTY_MIDDLE_NAME, val(s, 5));
        pset(s, p, X12_PARTY_SUFFIX, val(s, 7));
    }
    if (qual != NULL) {
        x12_str id = val(s, 9);
        if (id.len) {
            fixed(s, 8, 0, qual);
            pset(s, p, X12_PARTY_ID, id);
        }
    }
}

static void n3(S *s, x12_party *p)
{
    if (x12_party_get(p, X12_PARTY_ADDRESS1).len || x12_party_get(p, X12_PARTY_ADDRESS2).len) {
        lost_twice(s);
        return;
    }
    pset(s, p, X12_PARTY_ADDRESS1, val(s, 1));
    pset(s, p, X12_PARTY_ADDRESS2, val(s, 2));
}

static void n4(S *s, x12_party *p)
{
    if (x12_party_get(p, X12_PARTY_CITY).len || x12_party_get(p, X12_PARTY_STATE).len ||
        x12_party_get(p, X12_PARTY_ZIP).len) {
        lost_twice(s);
        return;
    }
    pset(s, p, X12_PARTY_CITY, val(s, 1));
    pset(s, p, X12_PARTY_STATE, val(s, 2));
    pset(s, p, X12_PARTY_ZIP, val(s, 3));
}

static void dmg(S *s, x12_party *p)
{
    if (x12_party_get(p, X12_PARTY_BIRTH_DATE).len || x12_party_get(p, X12_PARTY_GENDER).len) {
        lost_twice(s);
        return;
    }
    fixed(s, 1, 0, "D8");
    pset(s, p, X12_PARTY_BIRTH_DATE, val(s, 2));
    pset(s, p, X12_PARTY_GENDER, val(s, 3));
}

/* PAT05-PAT09 of the patient (837P): death date, weight, pregnancy. */
static void pat_info(S *s, x12_party *p)
{
    if (x12_party_get(p, X12_PARTY_DEATH_DATE).len || x12_party_get(p, X12_PARTY_WEIGHT).len ||
        x12_party_get(p, X12_PARTY_PREGNANT).len) {
        lost_twice(s);
        return;
    }
    fixed(s, 5, 0, "D8");
    pset(s, p, X12_PARTY_DEATH_DATE, val(s, 6));
    fixed(s, 7, 0, "01");
    pset(s, p, X12_PARTY_WEIGHT, val(s, 8));
    pset(s, p, X12_PARTY_PREGNANT, val(s, 9));
}

/* The party field of PER03/05/07 qualifier q; EX only right after a TE
 * (prev: the previous pair's qualifier); 0 for none. */
static x12_party_field per_field(x12_str q, x12_str prev)
{
    if (is(q, "TE"))
        return X12_PARTY_PHONE;
    if (is(q, "EX"))
        return is(prev, "TE") ? X12_PARTY_PHONE_EXTENSION : (x12_party_field)0;
    if (is(q, "FX"))
        return X12_PARTY_FAX;
    return is(q, "EM") ? X12_PARTY_EMAIL : (x12_party_field)0;
}

static int per_taken(const x12_party *p)
{
    return x12_party_get(p, X12_PARTY_CONTACT).len || x12_party_get(p, X12_PARTY_PHONE).len ||
           x12_party_get(p, X12_PARTY_PHONE_EXTENSION).len ||
           x12_party_get(p, X12_PARTY_FAX).len || x12_party_get(p, X12_PARTY_EMAIL).len;
}

/* PER*IC: contact name and the numbers TE, EX (after TE), FX, EM, the
 * first of each.  `always`: the builder writes it even without a number
 * (the submitter's).  A second PER (the builder's when four numbers do
 * not fit one, 1000A and 2010AA) is kept when the loop allows two, its
 * contact is none or the same, and each of its numbers is one the party
 * has not got yet; else the whole segment is not kept. */
static void per(S *s, x12_party *p, int always)
{
    unsigned i, reps = 0;
    int numbers = 0;
    x12_str prev = none();

    if (per_taken(p)) {
        x12_str name = peek(s, 2, 1), had = x12_party_get(p, X12_PARTY_CONTACT);
        int same = name.len == 0 ||
                   (name.len == had.len && memcmp(name.ptr, had.ptr, had.len) == 0);
        int fits = c8_guide_seg(s->kind == X12_CLAIM_837P, s->loop_id, "PER", "", 1, NULL,
                                &reps) != NULL &&
                   reps >= 2 && !s->per_twice && same;

        for (i = 3; fits && i <= 7; i += 2) {
            x12_str q = peek(s, i, 1);
            x12_party_field f = per_field(q, prev);
            if (q.len && (f == 0 || x12_party_get(p, f).len))
                fits = 0;
            prev = q;
        }
        if (!fits) {
            lost_twice(s);
            return;
        }
        s->per_twice = 1;
        prev = none();
    } else {
        s->per_twice = 0;
    }
    fixed(s, 1, 0, "IC");
    for (i = 3; i <= 7; i += 2) {
        x12_str q = peek(s, i, 1);
        x12_party_field f = per_field(q, prev);

        prev = q;
        if (f == 0 || x12_party_get(p, f).len)
            continue;
        val(s, i);
        pset(s, p, f, val(s, i + 1));
        numbers++;
    }
    if (always || numbers)
        pset(s, p, X12_PARTY_CONTACT, val(s, 2));
}

/* PRV*code*PXC*taxonomy */
static void prv(S *s, x12_party *p, const char *code)
{
    if (x12_party_get(p, X12_PARTY_TAXONOMY).len) {
        lost_twice(s);
        return;
    }
    fixed(s, 1, 0, code);
    fixed(s, 2, 0, "PXC");
    pset(s, p, X12_PARTY_TAXONOMY, val(s, 3));
}

/* REF*qualifier*value into the party field of that qualifier
 * (c8_party_refs: provider secondary ids, payer ids, SSN, property and
 * casualty ids) when the guide allows the qualifier in the loop being read
 * (s->loop_id); 0 when it does not (the caller goes on).  REF03 and REF04
 * are not kept (the builder does not write them). */
static int party_ref(S *s, x12_party *p)
{
    x12_str q = elem(s, 1);
    size_t i;

    for (i = 0; i < C8_NPARTY_REFS; i++) {
        int f = c8_party_refs[i];
        const char *code = c8_party_ref_qual(f);
        if (!is(q, code))
            continue;
        if (p == NULL || !c8_guide_allows(s->kind == X12_CLAIM_837P, s->loop_id, "REF", code))
            return 0;
        if (x12_party_get(p, (x12_party_field)f).len) {
            lost_twice(s);
            return 1;
        }
        val(s, 1);
        pset(s, p, (x12_party_field)f, val(s, 2));
        return 1;
    }
    return 0;
}

/* PER of a party whose loop has one (the P&C contacts, 2310C, 2420E). */
static int loop_per(S *s, x12_party *p)
{
    if (p == NULL || !c8_guide_allows(s->kind == X12_CLAIM_837P, s->loop_id, "PER", ""))
        return 0;
    per(s, p, 0);
    return 1;
}

/* ---- dates ------------------------------------------------------------------------- */

/* DTP03 as from (and to, for RD8) after checking DTP02 is one of the
 * formats the builder writes there. */
static void dtp_range(S *s, x12_str *from, x12_str *to, int rd8_ok)
{
    x12_str fmt = val(s, 2), v = val(s, 3);
    const char *dash;

    *from = v;
    *to = none();
    if (rd8_ok && is(fmt, "RD8") && (dash = memchr(v.ptr, '-', v.len)) != NULL) {
        from->len = (size_t)(dash - v.ptr);
        to->ptr = dash + 1;
        to->len = v.len - from->len - 1;
        return;
    }
    if (!is(fmt, "D8") && !(rd8_ok && is(fmt, "RD8")))
        fixed(s, 2, 0, "D8");
}

/* ---- the set: ST, header -------------------------------------------------------------- */

static x12_claim_kind kind_of(x12_str v)
{
    if (v.len >= 10 && memcmp(v.ptr, "005010X222", 10) == 0)
        return X12_CLAIM_837P;
    if (v.len >= 10 && memcmp(v.ptr, "005010X223", 10) == 0)
        return X12_CLAIM_837I;
    return (x12_claim_kind)0;
}

static int parse_u64(x12_str v, uint64_t *out)
{
    return x12i_count_parse(v.ptr, v.len, out) == 0;
}

static void begin_set(S *s)
{
    const x12_envelope *env = x12_reader_envelope(s->r);
    x12_batch *h;
    x12_str st01, ver;
    x12_delimiters d = x12_segment_delimiters(s->seg);
    uint64_t n;
    int f;
    char b[32];

    reset_levels(s, LV_HDR);
    h = s->lv[LV_HDR];
    s->set_index = x12_envelope_count(env, X12_COUNT_TOTAL_SETS) - 1;
    s->ich_index = x12_envelope_count(env, X12_COUNT_INTERCHANGES) - 1;
    s->st_segno = x12_segment_number(s->seg);
    s->st_offset = x12_segment_offset(s->seg);
    s->clms_in_set = 0;
    for (f = 1; f <= ENV_NF; f++) {
        x12_str v = x12_envelope_get(env, (x12_env_field)f);
        ok(s, c8_copy(h, C8L_HEAD, &s->env[f], v.ptr, v.len));
    }
    set_loop(s, LP_HEADER, "");
    st01 = s->env[X12_ENV_ST01];
    ver = s->env[X12_ENV_ST03].len ? s->env[X12_ENV_ST03] : s->env[X12_ENV_GS08];
    if (!is(st01, "837")) {
        issue(s, X12_SEV_WARNING, X12_OK, "not-837", 1, 0,
              "transaction set %s is not an 837: skipped", QV(b, st01.ptr, 3,
                                                                       st01.len));
        s->ctx = C_SKIPSET;
        return;
    }
    s->kind = kind_of(ver);
    if (s->kind == 0) {
        issue(s, X12_SEV_WARNING, X12_OK, "version", 3, 0,
              "837 version %s is neither 837P (005010X222) nor 837I (005010X223): skipped",
              QV(b, ver.ptr, 12, ver.len));
        s->ctx = C_SKIPSET;
        return;
    }
    s->totals[X12_CTOTAL_SETS]++;
    s->ctx = C_HEADER;
    for (f = 0; f < NLV; f++)
        ok(s, x12_batch_set_kind(s->lv[f], s->kind));
    ok(s, x12_batch_set(h, X12_BATCH_SENDER_QUALIFIER, s->env[X12_ENV_ISA05].ptr,
                        s->env[X12_ENV_ISA05].len));
    ok(s, x12_batch_set(h, X12_BATCH_SENDER_ID, s->env[X12_ENV_ISA06].ptr,
                        s->env[X12_ENV_ISA06].len));
    ok(s, x12_batch_set(h, X12_BATCH_RECEIVER_QUALIFIER, s->env[X12_ENV_ISA07].ptr,
                        s->env[X12_ENV_ISA07].len));
    ok(s, x12_batch_set(h, X12_BATCH_RECEIVER_ID, s->env[X12_ENV_ISA08].ptr,
                        s->env[X12_ENV_ISA08].len));
    ok(s, x12_batch_set(h, X12_BATCH_GS_SENDER, s->env[X12_ENV_GS02].ptr,
                        s->env[X12_ENV_GS02].len));
    ok(s, x12_batch_set(h, X12_BATCH_GS_RECEIVER, s->env[X12_ENV_GS03].ptr,
                        s->env[X12_ENV_GS03].len));
    /* The group's date and time until BHT gives the set's own. */
    ok(s, x12_batch_set(h, X12_BATCH_DATE, s->env[X12_ENV_GS04].ptr, s->env[X12_ENV_GS04].len));
    ok(s, x12_batch_set(h, X12_BATCH_TIME, s->env[X12_ENV_GS05].ptr, s->env[X12_ENV_GS05].len));
    /* Control numbers the builder can write (1..999999999); 1 otherwise,
     * as in a new batch. */
    (void)x12_batch_set_option(h, X12_BATCHOPT_ISA13, 1);
    (void)x12_batch_set_option(h, X12_BATCHOPT_GS06, 1);
    (void)x12_batch_set_option(h, X12_BATCHOPT_ST02, 1);
    if (parse_u64(s->env[X12_ENV_ISA13], &n))
        (void)x12_batch_set_option(h, X12_BATCHOPT_ISA13, n);
    if (parse_u64(s->env[X12_ENV_GS06], &n))
        (void)x12_batch_set_option(h, X12_BATCHOPT_GS06, n);
    if (parse_u64(s->env[X12_ENV_ST02], &n))
        (void)x12_batch_set_option(h, X12_BATCHOPT_ST02, n);
    (void)x12_batch_set_option(h, X12_BATCHOPT_PRODUCTION, is(s->env[X12_ENV_ISA15], "P") ? 1u : 0u);
    (void)x12_batch_set_option(h, X12_BATCHOPT_ACK_REQUESTED,
                               is(s->env[X12_ENV_ISA14], "1") ? 1u : 0u);
    /* The builder refuses some delimiters X12 allows (a letter, a space):
     * its defaults then. */
    if (x12_batch_set_delimiters(h, d.element, d.component, d.repetition, d.segment) != X12_OK)
        (void)x12_batch_set_delimiters(h, '*', ':', '^', '~');
}

static void header_segment(S *s, uint32_t key)
{
    x12_batch *h = s->lv[LV_HDR];
    x12_str v;

    switch (key) {
    case K3('B', 'H', 'T'):
        if (x12_batch_get(h, X12_BATCH_REFERENCE).len) {
            lost_twice(s);
            return;
        }
        fixed(s, 1, 0, "0019");
        if ((v = val(s, 2)).len)
            ok(s, x12_batch_set(h, X12_BATCH_PURPOSE, v.ptr, v.len));
        if ((v = val(s, 3)).len)
            ok(s, x12_batch_set(h, X12_BATCH_REFERENCE, v.ptr, v.len));
        if ((v = val(s, 4)).len)
            ok(s, x12_batch_set(h, X12_BATCH_DATE, v.ptr, v.len));
        if ((v = val(s, 5)).len)
            ok(s, x12_batch_set(h, X12_BATCH_TIME, v.ptr, v.len));
        if ((v = val(s, 6)).len)
            ok(s, x12_batch_set(h, X12_BATCH_TRANSACTION_TYPE, v.ptr, v.len));
        return;
    case K3('N', 'M', '1'):
        v = elem(s, 1);
        if (is(v, "41") && s->loop == LP_HEADER) {
            set_loop(s, LP_1000A, "1000A");
            s->party = x12_batch_submitter(h);
            nm1_party(s, s->party, "46", 1);
        } else if (is(v, "40") && (s->loop == LP_HEADER || s->loop == LP_1000A)) {
            set_loop(s, LP_1000B, "1000B");
            s->party = x12_batch_receiver(h);
            nm1_party(s, s->party, "46", 1);
        } else {
            set_loop(s, LP_SKIP, s->loop_id);
            lost_segment(s, NULL);
        }
        return;
    case K3('P', 'E', 'R'):
        if (s->loop == LP_1000A) {
            per(s, s->party, 1);
            return;
        }
        break;
    default:
        break;
    }
    lost_segment(s, NULL);
}

/* ---- HL --------------------------------------------------------------------------- */

static void skip_loop(S *s, const char *why)
{
    s->ctx = C_SKIPHL;
    s->skip_why = why;
    set_loop(s, LP_SKIP, "");
}

static x12_str copy_id(S *s, int lv, x12_str v)
{
    x12_str out = none();

    ok(s, c8_copy(s->lv[lv], C8L_HEAD, &out, v.ptr, v.len));
    return out;
}

static int same(x12_str a, x12_str b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* A subscriber (patient) HL whose HL02 is not the HL of the loop above it:
 * it is read under that loop, with an error saying so. */
static void hl_reattached(S *s, const char *what, x12_str id, x12_str parent,
                          const char *above, x12_str above_id)
{
    char b1[32], b2[32], b3[32];

    QV(b1, id.ptr, 12, id.len);
    QV(b3, above_id.ptr, 12, above_id.len);
    if (parent.len == 0)
        issue(s, X12_SEV_ERROR, X12_ESYNTAX, "hl-parent", 2, 0,
              "%s HL %s names no parent HL: read under the %s HL %s above it", what, b1,
              above, b3);
    else
        issue(s, X12_SEV_ERROR, X12_ESYNTAX, "hl-parent", 2, 0,
              "%s HL %s names parent HL '%s', not the %s HL %s above it: read under HL %s",
              what, b1, QV(b2, parent.ptr, 12, parent.len), above, b3, b3);
}

static void hl(S *s)
{
    x12_str id = val(s, 1), parent = elem(s, 2), level = val(s, 3);
    char b1[32], b2[32];

    val(s, 4);
    /* HL02 of a billing provider is reported (it has no parent to name). */
    if (!is(level, "20"))
        val(s, 2);
    if (s->ctx == C_HEADER || s->ctx == C_BP || s->ctx == C_SUB || s->ctx == C_PAT ||
        s->ctx == C_CLAIM || s->ctx == C_LINE || s->ctx == C_SKIPHL || s->ctx == C_SKIPLINE) {
        /* inside an 837 set */
    } else {
        return;
    }
    if (is(level, "20")) {
        reset_levels(s, LV_BP);
        s->bp = c8_provider_new(s->lv[LV_BP]);
        if (s->bp == NULL) {
            s->nomem = 1;
            return;
        }
        s->hl_id[LV_BP] = copy_id(s, LV_BP, id);
        s->hl_offset[LV_BP] = x12_segment_offset(s->seg);
        s->gen[LV_BP] = ++s->gen_next;
        s->ctx = C_BP;
        set_loop(s, LP_2000A, "2000A");
        return;
    }
    if (is(level, "22")) {
        reset_levels(s, LV_SUB);
        s->ctx = C_SUB;
        set_loop(s, LP_2000B, "2000B");
        if (s->bp == NULL) {
            issue(s, X12_SEV_ERROR, X12_ESYNTAX, "hl-parent", 2, 0,
                  "subscriber HL %s has no billing provider HL (20) before it in its set: "
                  "the loop and its claims are skipped",
                  QV(b1, id.ptr, 12, id.len));
            skip_loop(s, "its subscriber HL was skipped");
            return;
        }
        /* Real files name parents that do not exist (HL*2*3*22 with no HL
         * 3).  The only loop the subscriber can belong to is the billing
         * provider above it: its claims are read there, never lost, and
         * the broken link stays an error. */
        if (!same(parent, s->hl_id[LV_BP]))
            hl_reattached(s, "subscriber", id, parent, "billing provider", s->hl_id[LV_BP]);
        s->sub = c8_subscriber_new(s->lv[LV_SUB]);
        if (s->sub == NULL) {
            s->nomem = 1;
            return;
        }
        s->hl_id[LV_SUB] = copy_id(s, LV_SUB, id);
        s->hl_offset[LV_SUB] = x12_segment_offset(s->seg);
        s->gen[LV_SUB] = ++s->gen_next;
        return;
    }
    if (is(level, "23")) {
        reset_levels(s, LV_PAT);
        s->ctx = C_PAT;
        set_loop(s, LP_2000C, "2000C");
        if (s->sub == NULL) {
            issue(s, X12_SEV_ERROR, X12_ESYNTAX, "hl-parent", 2, 0,
                  "patient HL %s has no subscriber HL (22) read before it: the loop and "
                  "its claims are skipped",
                  QV(b1, id.ptr, 12, id.len));
            skip_loop(s, "its patient HL was skipped");
            return;
        }
        if (!same(parent, s->hl_id[LV_SUB]))
            hl_reattached(s, "patient", id, parent, "subscriber", s->hl_id[LV_SUB]);
        s->pat = c8_patient_new(s->lv[LV_PAT]);
        if (s->pat == NULL) {
            s->nomem = 1;
            return;
        }
        s->hl_id[LV_PAT] = copy_id(s, LV_PAT, id);
        s->hl_offset[LV_PAT] = x12_segment_offset(s->seg);
        s->gen[LV_PAT] = ++s->gen_next;
        return;
    }
    set_loop(s, LP_SKIP, "");
    issue(s, X12_SEV_ERROR, X12_ESYNTAX, "hl-level", 3, 0,
          "HL %s has level code '%s', not billing provider (20), subscriber (22) or patient "
          "(23): the loop is skipped",
          QV(b1, id.ptr, 12, id.len),
          QV(b2, level.ptr, 2, level.len));
    s->ctx = C_SKIPHL;
    s->skip_why = "its HL loop was skipped";
}

/* ---- 2000A, 2000B, 2000C ------------------------------------------------------------- */

static void provider_segment(S *s, uint32_t key)
{
    x12_party *bill = x12_billing_provider_party(s->bp);
    x12_str v;

    switch (key) {
    case K3('P', 'R', 'V'):
        if (s->loop == LP_2000A || s->loop == LP_2010AA || s->loop == LP_2010AB) {
            prv(s, bill, "BI");
            return;
        }
        break;
    case K3('C', 'U', 'R'):
        if (s->loop == LP_2000A) {
            if (x12_party_get(bill, X12_PARTY_CURRENCY).len) {
                lost_twice(s);
                return;
            }
            fixed(s, 1, 0, "85");
            pset(s, bill, X12_PARTY_CURRENCY, val(s, 2));
            return;
        }
        break;
    case K3('N', 'M', '1'):
        v = elem(s, 1);
        if (is(v, "85") && x12_party_get(bill, X12_PARTY_NAME).len == 0 &&
            x12_party_get(bill, X12_PARTY_ID).len == 0) {
            set_loop(s, LP_2010AA, "2010AA");
            nm1_party(s, bill, "XX", 1);
            return;
        }
        if (is(v, "87") && s->loop != LP_2010AB) {
            set_loop(s, LP_2010AB, "2010AB");
            nm1_party(s, x12_billing_provider_pay_to(s->bp), NULL, 0);
            return;
        }
        if (is(v, "PE") && s->loop != LP_2010AC &&
            !c8_fields_any(&x12_billing_provider_pay_to_plan(s->bp)->fl)) {
            set_loop(s, LP_2010AC, "2010AC");
            nm1_party(s, x12_billing_provider_pay_to_plan(s->bp), "PI", 1);
            return;
        }
        if (is(v, "85") || is(v, "PE")) {
            set_loop(s, LP_SKIP, is(v, "85") ? "2010AA" : "2010AC");
            lost_twice(s);
            return;
        }
        set_loop(s, LP_SKIP, s->loop_id);
        break;
    case K2('N', '3'):
    case K2('N', '4'):
        if (s->loop == LP_2010AA || s->loop == LP_2010AB || s->loop == LP_2010AC) {
            x12_party *p = s->loop == LP_2010AA   ? bill
                           : s->loop == LP_2010AB ? x12_billing_provider_pay_to(s->bp)
                                                  : x12_billing_provider_pay_to_plan(s->bp);
            if (key == K2('N', '3'))
                n3(s, p);
            else
                n4(s, p);
            return;
        }
        break;
    case K3('R', 'E', 'F'):
        if (s->loop == LP_2010AA) {
            v = elem(s, 1);
            if (is(v, "EI") || is(v, "SY")) {
                if (x12_party_get(bill, X12_PARTY_EIN).len ||
                    x12_party_get(bill, X12_PARTY_SSN).len) {
                    lost_segment(s, " (the builder writes one tax id)");
                    return;
                }
                val(s, 1);
                pset(s, bill, is(v, "EI") ? X12_PARTY_EIN : X12_PARTY_SSN, val(s, 2));
                return;
            }
            if (party_ref(s, bill))
                return;
        }
        if (s->loop == LP_2010AC && party_ref(s, x12_billing_provider_pay_to_plan(s->bp)))
            return;
        break;
    case K3('P', 'E', 'R'):
        if (s->loop == LP_2010AA) {
            per(s, bill, 0);
            return;
        }
        break;
    default:
        break;
    }
    lost_segment(s, NULL);
}

static void subscriber_segment(S *s, uint32_t key)
{
    x12_subscriber *sb = s->sub;
    x12_str v;

    switch (key) {
    case K3('S', 'B', 'R'):
        if (s->loop == LP_2000B) {
            if (x12_subscriber_get(sb, X12_SUB_RESPONSIBILITY).len) {
                lost_twice(s);
                return;
            }
            if ((v = val(s, 1)).len)
                ok(s, x12_subscriber_set(sb, X12_SUB_RESPONSIBILITY, v.ptr, v.len));
            fixed(s, 2, 0, "18"); /* the builder writes 18, or nothing under patients */
            if ((v = val(s, 3)).len)
                ok(s, x12_subscriber_set(sb, X12_SUB_GROUP_NUMBER, v.ptr, v.len));
            if ((v = val(s, 4)).len)
                ok(s, x12_subscriber_set(sb, X12_SUB_GROUP_NAME, v.ptr, v.len));
            if (s->kind == X12_CLAIM_837P && (v = val(s, 5)).len)
                ok(s, x12_subscriber_set(sb, X12_SUB_INSURANCE_TYPE, v.ptr, v.len));
            if ((v = val(s, 9)).len)
                ok(s, x12_subscriber_set(sb, X12_SUB_FILING_INDICATOR, v.ptr, v.len));
            return;
        }
        break;
    case K3('P', 'A', 'T'):
        /* the subscriber is the patient: PAT05-PAT09 (837P) */
        if (s->loop == LP_2000B && s->kind == X12_CLAIM_837P) {
            pat_info(s, x12_subscriber_party(sb));
            return;
        }
        break;
    case K3('N', 'M', '1'):
        v = elem(s, 1);
        if (is(v, "IL") && s->loop == LP_2000B) {
            set_loop(s, LP_2010BA, "2010BA");
            s->party = x12_subscriber_party(sb);
            nm1_party(s, s->party, "MI", 1);
            return;
        }
        if (is(v, "PR") && (s->loop == LP_2000B || s->loop == LP_2010BA)) {
            set_loop(s, LP_2010BB, "2010BB");
            s->party = x12_subscriber_payer(sb);
            nm1_party(s, s->party, "PI", 1);
            return;
        }
        set_loop(s, LP_SKIP, s->loop_id);
        break;
    case K2('N', '3'):
    case K2('N', '4'):
        if (s->loop == LP_2010BA || s->loop == LP_2010BB) {
            if (key == K2('N', '3'))
                n3(s, s->party);
            else
                n4(s, s->party);
            return;
        }
        break;
    case K3('D', 'M', 'G'):
        if (s->loop == LP_2010BA) {
            dmg(s, s->party);
            return;
        }
        break;
    case K3('R', 'E', 'F'):
        /* 2010BA SY, Y4; 2010BB the payer's ids and G2/LU (the billing
         * provider's number at this payer) */
        if ((s->loop == LP_2010BA || s->loop == LP_2010BB) && party_ref(s, s->party))
            return;
        break;
    case K3('P', 'E', 'R'):
        if (s->loop == LP_2010BA && loop_per(s, s->party))
            return;
        break;
    default:
        break;
    }
    lost_segment(s, NULL);
}

static void patient_segment(S *s, uint32_t key)
{
    x12_str v;

    switch (key) {
    case K3('P', 'A', 'T'):
        if (s->loop == LP_2000C) {
            if (x12_patient_relationship(s->pat).len) {
                lost_twice(s);
                return;
            }
            if ((v = val(s, 1)).len)
                ok(s, x12_patient_set_relationship(s->pat, v.ptr, v.len));
            if (s->kind == X12_CLAIM_837P)
                pat_info(s, x12_patient_party(s->pat));
            return;
        }
        break;
    case K3('N', 'M', '1'):
        v = elem(s, 1);
        if (is(v, "QC") && s->loop == LP_2000C) {
            set_loop(s, LP_2010CA, "2010CA");
            s->party = x12_patient_party(s->pat);
            nm1_party(s, s->party, NULL, 1);
            return;
        }
        set_loop(s, LP_SKIP, s->loop_id);
        break;
    case K2('N', '3'):
    case K2('N', '4'):
    case K3('D', 'M', 'G'):
        if (s->loop == LP_2010CA) {
            if (key == K2('N', '3'))
                n3(s, s->party);
            else if (key == K2('N', '4'))
                n4(s, s->party);
            else
                dmg(s, s->party);
            return;
        }
        break;
    case K3('R', 'E', 'F'):
        if (s->loop == LP_2010CA && party_ref(s, s->party))
            return;
        break;
    case K3('P', 'E', 'R'):
        if (s->loop == LP_2010CA && loop_per(s, s->party))
            return;
        break;
    default:
        break;
    }
    lost_segment(s, NULL);
}

/* ---- 2300 ------------------------------------------------------------------------------ */

/* ---- segments of the field table (claim837_fields.def) -------------------- */

/* Text and amounts of the object a row belongs to, in the claim being
 * read. */
static x12_str row_get(const S *s, const c8_fdesc *d)
{
    switch (d->obj) {
    case C8O_CLAIM:
        return x12_claim_get(s->claim, (x12_claim_field)d->field);
    case C8O_OP:
        return x12_other_payer_get(s->op, (x12_other_payer_field)d->field);
    case C8O_LINE:
        return x12_line_get(s->line, (x12_line_field)d->field);
    case C8O_LA:
        return x12_line_adjudication_get(s->la, (x12_line_adjudication_field)d->field);
    default:
        return none();
    }
}

static int row_has_amount(const S *s, const c8_fdesc *d)
{
    switch (d->obj) {
    case C8O_CLAIM_AMT:
        return x12_claim_get_amount(s->claim, (x12_claim_amount)d->field, NULL);
    case C8O_OP_AMT:
        return x12_other_payer_get_amount(s->op, (x12_other_payer_amount)d->field, NULL);
    case C8O_LINE_AMT:
        return x12_line_get_amount(s->line, (x12_line_amount)d->field, NULL);
    case C8O_LA_AMT:
        return x12_line_adjudication_get_amount(s->la, (x12_line_adjudication_amount)d->field,
                                                NULL);
    default:
        return 0;
    }
}

static int is_amount_obj(int obj)
{
    return obj == C8O_CLAIM_AMT || obj == C8O_OP_AMT || obj == C8O_LINE_AMT ||
           obj == C8O_LA_AMT;
}

static void row_set(S *s, const c8_fdesc *d, x12_str v)
{
    if (v.len == 0)
        return;
    switch (d->obj) {
    case C8O_CLAIM:
        ok(s, x12_claim_set(s->claim, (x12_claim_field)d->field, v.ptr, v.len));
        break;
    case C8O_OP:
        ok(s, x12_other_payer_set(s->op, (x12_other_payer_field)d->field, v.ptr, v.len));
        break;
    case C8O_LINE:
        ok(s, x12_line_set(s->line, (x12_line_field)d->field, v.ptr, v.len));
        break;
    case C8O_LA:
        ok(s, x12_line_adjudication_set(s->la, (x12_line_adjudication_field)d->field, v.ptr,
                                        v.len));
        break;
    default:
        break;
    }
}

static void row_set_amount(S *s, const c8_fdesc *d, int64_t cents)
{
    switch (d->obj) {
    case C8O_CLAIM_AMT:
        ok(s, x12_claim_set_amount(s->claim, (x12_claim_amount)d->field, cents));
        break;
    case C8O_OP_AMT:
        ok(s, x12_other_payer_set_amount(s->op, (x12_other_payer_amount)d->field, cents));
        break;
    case C8O_LINE_AMT:
        ok(s, x12_line_set_amount(s->line, (x12_line_amount)d->field, cents));
        break;
    case C8O_LA_AMT:
        ok(s, x12_line_adjudication_set_amount(s->la, (x12_line_adjudication_amount)d->field,
                                               cents));
        break;
    default:
        break;
    }
}

/* The row of object `obj` that the segment at hand is, in `loop` of the
 * file's kind: a segment the table reads and writes itself (QV, DTP) whose
 * id and qualifier (element 1) match, in loop `in_loop` of the table.
 * NULL when none. */
static const c8_fdesc *table_row(const S *s, int obj, const char *in_loop)
{
    x12_str q = elem(s, 1);
    int f, n = x12_claim_field_count((x12_claim_object)obj);

    for (f = 1; f <= n; f++) {
        const c8_fdesc *d = c8_field(obj, f);
        const c8_fpos *p = d != NULL ? c8_pos(d, s->kind == X12_CLAIM_837P) : NULL;

        if (p != NULL && p->how != C8W_CODE && strcmp(p->loop, in_loop) == 0 && is(s->id, p->seg) &&
            is(q, p->qual))
            return d;
    }
    return NULL;
}

/* One value of a LIST row (SEG*qualifier*value, repeated): appended to the
 * field's space-separated values.  A value with a space in it cannot be
 * told apart in the list: not kept. */
static void list_value(S *s, const c8_fdesc *d, const c8_fpos *p)
{
    x12_str old = row_get(s, d), v, all;

    val(s, 1);
    v = val(s, p->el);
    if (memchr(v.ptr, ' ', v.len) != NULL) {
        lost_element(s, p->el, 0, " (a value with a space cannot be one of a list)");
        return;
    }
    if (old.len == 0 || v.len == 0) {
        row_set(s, d, v);
        return;
    }
    (void)cstr(s, old, 0);
    (void)cstr(s, v, old.len + 1);
    if (s->nomem)
        return;
    s->scratch[old.len] = ' ';
    all.ptr = s->scratch;
    all.len = old.len + 1 + v.len;
    row_set(s, d, all);
}

/* A QV (SEG*qualifier*value) or DTP (DTP*qualifier*D8*date) segment of
 * `loop` into its field of object obj or of the object's amounts
 * (amt_obj, 0 for none) found in `in_loop` of the table.  0 when the
 * table has no such segment; a second
 * one of a field is reported. */
static int table_segment(S *s, int obj, int amt_obj, const char *in_loop)
{
    const c8_fdesc *d = table_row(s, obj, in_loop);
    const c8_fpos *p;
    int64_t cents;

    if (d == NULL && amt_obj)
        d = table_row(s, amt_obj, in_loop);
    if (d == NULL)
        return 0;
    p = c8_pos(d, s->kind == X12_CLAIM_837P);
    if (p->how == C8W_LIST) {
        list_value(s, d, p);
        return 1;
    }
    if (is_amount_obj(d->obj) ? row_has_amount(s, d) : row_get(s, d).len != 0) {
        lost_twice(s);
        return 1;
    }
    val(s, 1);
    if (p->how == C8W_DTP) {
        fixed(s, 2, 0, "D8");
        row_set(s, d, val(s, 3));
    } else if (is_amount_obj(d->obj)) {
        if (amount(s, p->el, 0, &cents) == 1)
            row_set_amount(s, d, cents);
    } else {
        row_set(s, d, val(s, p->el));
    }
    return 1;
}

/* A segment whose elements are rows of the table, by position (CN1, HCP
 * of `in_loop`, the claim's or the line's): each element into its field of
 * obj or its amount of amt_obj; a second such segment is reported. */
static void positional(S *s, int obj, int amt_obj, const char *in_loop)
{
    int p = s->kind == X12_CLAIM_837P, pass;
    size_t r;

    for (pass = 0; pass < 2; pass++)
        for (r = 0; r < C8R_N; r++) {
            const c8_fdesc *d = &c8_ftab[r];
            const c8_fpos *q;
            int64_t cents;

            if (d->obj != obj && d->obj != amt_obj)
                continue;
            q = c8_pos(d, p);
            if (q == NULL || q->how != C8W_CODE || !is(s->id, q->seg) ||
                strcmp(q->loop, in_loop) != 0)
                continue;
            if (pass == 0) {
                if (is_amount_obj(d->obj) ? row_has_amount(s, d) : row_get(s, d).len != 0) {
                    lost_twice(s);
                    return;
                }
            } else if (is_amount_obj(d->obj)) {
                if (amount(s, q->el, 0, &cents) == 1)
                    row_set_amount(s, d, cents);
            } else {
                row_set(s, d, val(s, q->el));
            }
        }
}

/* NTE*code*text into the fields code and text of the claim or the line at
 * hand (obj): a second note is reported. */
static void note(S *s, x12_claim_object obj, int code, int text)
{
    const c8_fdesc *dc = c8_field((int)obj, code), *dt = c8_field((int)obj, text);

    if (row_get(s, dc).len || row_get(s, dt).len) {
        lost_twice(s);
        return;
    }
    row_set(s, dc, val(s, 1));
    row_set(s, dt, val(s, 2));
}

/* K3 into a claim's (line NULL) or a line's file information: K301 appended
 * after a newline, at most the guide's 10; an empty K301, one holding a
 * newline (the list's separator) and an 11th K3 are not kept, nor K302 and
 * K303 (the guides do not use them). */
static void file_info(S *s, x12_service_line *line)
{
    x12_str old = line ? x12_line_get(line, X12_LINE_FILE_INFORMATION)
                       : x12_claim_get(s->claim, X12_CLAIM_FILE_INFORMATION);
    x12_str t = peek(s, 1, 1);
    size_t n = old.len ? 1 : 0, i, len;
    char *b;

    for (i = 0; i < old.len; i++)
        n += old.ptr[i] == '\n';
    if (n >= 10) {
        lost_segment(s, " (the guide allows 10 K3 segments)");
        return;
    }
    if (t.len == 0 || memchr(t.ptr, '\n', t.len) != NULL) {
        lost_segment(s, " (K301 is empty or holds a newline)");
        return;
    }
    t = val(s, 1);
    len = old.len ? old.len + 1 : 0;
    if (old.len)
        (void)cstr(s, old, 0);
    (void)cstr(s, t, len);
    if (s->nomem)
        return;
    b = s->scratch;
    if (old.len)
        b[old.len] = '\n';
    len += t.len;
    if (line)
        ok(s, x12_line_set(line, X12_LINE_FILE_INFORMATION, b, len));
    else
        ok(s, x12_claim_set(s->claim, X12_CLAIM_FILE_INFORMATION, b, len));
}

static void cset(S *s, x12_claim_field f, x12_str v)
{
    if (v.len)
        ok(s, x12_claim_set(s->claim, f, v.ptr, v.len));
}

/* A claim field a segment sets once: a second such segment is reported. */
static int claim_once(S *s, x12_claim_field f)
{
    if (x12_claim_get(s->claim, f).len == 0)
        return 1;
    lost_twice(s);
    return 0;
}

static void clm(S *s)
{
    int64_t cents;
    x12_str v, bt;
    char buf[16];

    s->hi_set = 0;
    cset(s, X12_CLAIM_PCN, val(s, 1));
    if (amount(s, 2, 0, &cents) == 1)
        ok(s, x12_claim_set_amount(s->claim, X12_CLAIMAMT_TOTAL_CHARGE, cents));
    if (s->kind == X12_CLAIM_837P) {
        cset(s, X12_CLAIM_PLACE_OF_SERVICE, comp(s, 5, 1));
        fixed(s, 5, 2, "B");
        cset(s, X12_CLAIM_FREQUENCY, comp(s, 5, 3));
        cset(s, X12_CLAIM_PROVIDER_SIGNATURE, val(s, 6));
    } else {
        v = comp(s, 5, 1);
        fixed(s, 5, 2, "A");
        bt = comp(s, 5, 3);
        if (v.len + bt.len < sizeof buf) {
            memcpy(buf, v.ptr, v.len);
            memcpy(buf + v.len, bt.ptr, bt.len);
            if (v.len + bt.len)
                ok(s, x12_claim_set(s->claim, X12_CLAIM_BILL_TYPE, buf, v.len + bt.len));
        } else {
            s->kept[5] = 0;
        }
    }
    cset(s, X12_CLAIM_ASSIGNMENT, val(s, 7));
    cset(s, X12_CLAIM_BENEFITS_ASSIGNMENT, val(s, 8));
    cset(s, X12_CLAIM_RELEASE, val(s, 9));
    if (s->kind == X12_CLAIM_837P) /* not used in the 837I: reported as not kept */
        cset(s, X12_CLAIM_PATIENT_SIGNATURE, val(s, 10));
    if (s->kind == X12_CLAIM_837P) {
        v = comp(s, 11, 1);
        cset(s, X12_CLAIM_RELATED_CAUSES, v);
        if (v.len) /* the builder writes the state only with a cause */
            cset(s, X12_CLAIM_ACCIDENT_STATE, comp(s, 11, 4));
        cset(s, X12_CLAIM_SPECIAL_PROGRAM, val(s, 12)); /* not in the 837I: not kept there */
    }
    cset(s, X12_CLAIM_DELAY_REASON, val(s, 20));
}

/* 837P disability dates (one DTP): 314 a range (RD8), 360 its start, 361
 * its end (D8). */
static void disability(S *s, x12_str q)
{
    x12_str from, to;

    if (x12_claim_get(s->claim, X12_CLAIM_DISABILITY_FROM).len ||
        x12_claim_get(s->claim, X12_CLAIM_DISABILITY_TO).len) {
        lost_twice(s);
        return;
    }
    val(s, 1);
    if (is(q, "314")) {
        dtp_range(s, &from, &to, 1);
        if (to.len == 0) /* a single date under 314: kept as the start */
            fixed(s, 2, 0, "RD8");
        cset(s, X12_CLAIM_DISABILITY_FROM, from);
        cset(s, X12_CLAIM_DISABILITY_TO, to);
        return;
    }
    dtp_range(s, &from, &to, 0);
    cset(s, is(q, "360") ? X12_CLAIM_DISABILITY_FROM : X12_CLAIM_DISABILITY_TO, from);
}

static void claim_dtp(S *s)
{
    x12_str q = elem(s, 1), from, to, fmt, v;

    if (s->kind == X12_CLAIM_837P) {
        if (is(q, "314") || is(q, "360") || is(q, "361"))
            disability(s, q);
        else if (!table_segment(s, C8O_CLAIM, 0, "2300"))
            lost_segment(s, NULL);
        return;
    }
    if (is(q, "096")) {
        if (!claim_once(s, X12_CLAIM_DISCHARGE_HOUR))
            return;
        val(s, 1);
        fixed(s, 2, 0, "TM");
        cset(s, X12_CLAIM_DISCHARGE_HOUR, val(s, 3));
    } else if (is(q, "434")) {
        if (!claim_once(s, X12_CLAIM_SERVICE_FROM))
            return;
        val(s, 1);
        dtp_range(s, &from, &to, 1);
        cset(s, X12_CLAIM_SERVICE_FROM, from);
        cset(s, X12_CLAIM_SERVICE_TO, to.len ? to : from);
    } else if (is(q, "435")) {
        if (!claim_once(s, X12_CLAIM_ADMISSION_DATE))
            return;
        val(s, 1);
        fmt = val(s, 2);
        v = val(s, 3);
        if (is(fmt, "DT") && v.len > 8) {
            x12_str d = {v.ptr, 8}, h = {v.ptr + 8, v.len - 8};
            cset(s, X12_CLAIM_ADMISSION_DATE, d);
            cset(s, X12_CLAIM_ADMISSION_HOUR, h);
        } else {
            if (!is(fmt, "DT"))
                fixed(s, 2, 0, "D8");
            cset(s, X12_CLAIM_ADMISSION_DATE, v);
        }
    } else if (!table_segment(s, C8O_CLAIM, 0, "2300")) {
        lost_segment(s, NULL);
    }
}

/* Whether HI qualifier q of a diagnosis or procedure may be kept: of the
 * code set of the claim's first (ICD-9: BK BF BJ PR BN BR BQ). */
static int hi_code_set(S *s, x12_str q)
{
    static const char *const icd9[] = {"BK", "BF", "BJ", "PR", "BN", "BR", "BQ"};
    int set = 10;
    size_t i;

    for (i = 0; i < sizeof icd9 / sizeof icd9[0]; i++)
        if (is(q, icd9[i]))
            set = 9;

    if (s->hi_set == 0)
        s->hi_set = set;
    return s->hi_set == set;
}

/* One HI composite, 837P: ABK principal, ABF others; BP and BO the
 * anesthesia related procedures, BG condition codes. */
static void hi_837p(S *s, unsigned e, x12_str q)
{
    x12_dx_kind k = is(q, "ABK") || is(q, "BK")   ? X12_DX_PRINCIPAL
                    : is(q, "ABF") || is(q, "BF") ? X12_DX_OTHER
                                                  : 0;
    x12_code_kind ck = is(q, "BP") || is(q, "BO") ? X12_CODE_ANESTHESIA_PROCEDURE
                       : is(q, "BG")               ? X12_CODE_CONDITION
                                                   : 0;
    size_t i;
    x12_dx_kind have;
    x12_str code;

    if (ck != 0) {
        mark(s, e, 1);
        code = comp(s, e, 2);
        ok(s, x12_claim_add_code(s->claim, ck, code.ptr, code.len, NULL, 0, NULL, 0, 0));
        return;
    }
    if (k == X12_DX_PRINCIPAL)
        for (i = 0; i < x12_claim_diagnosis_count(s->claim); i++) {
            (void)x12_claim_diagnosis(s->claim, i, &have);
            if (have == X12_DX_PRINCIPAL)
                k = 0; /* the builder writes one principal */
        }
    if (k == 0 || !hi_code_set(s, q))
        return; /* the element is reported */
    mark(s, e, 1);
    code = comp(s, e, 2);
    ok(s, x12_claim_add_diagnosis(s->claim, k, code.ptr, code.len, 0));
}

/* One HI composite, 837I: diagnoses with their POA, and the coded items. */
static void hi_837i(S *s, unsigned e, x12_str q)
{
    static const struct {
        const char *q;
        int dx; /* x12_dx_kind, or 0 for a code */
        x12_code_kind code;
        const char *fmt; /* HI0n-3, or NULL */
    } map[] = {
        {"ABK", X12_DX_PRINCIPAL, 0, NULL},
        {"ABJ", X12_DX_ADMITTING, 0, NULL},
        {"APR", X12_DX_REASON, 0, NULL},
        {"ABN", X12_DX_EXTERNAL_CAUSE, 0, NULL},
        {"ABF", X12_DX_OTHER, 0, NULL},
        {"BBR", 0, X12_CODE_PRINCIPAL_PROCEDURE, "D8"},
        {"BBQ", 0, X12_CODE_OTHER_PROCEDURE, "D8"},
        {"BI", 0, X12_CODE_OCCURRENCE_SPAN, "RD8"},
        {"BH", 0, X12_CODE_OCCURRENCE, "D8"},
        {"BE", 0, X12_CODE_VALUE, NULL},
        {"BG", 0, X12_CODE_CONDITION, NULL},
        {"TC", 0, X12_CODE_TREATMENT, NULL},
        /* ICD-9-CM (services before 2015-10-01: the writer chooses by the
         * claim's dates) */
        {"BK", X12_DX_PRINCIPAL, 0, NULL},
        {"BJ", X12_DX_ADMITTING, 0, NULL},
        {"PR", X12_DX_REASON, 0, NULL},
        {"BN", X12_DX_EXTERNAL_CAUSE, 0, NULL},
        {"BF", X12_DX_OTHER, 0, NULL},
        {"BR", 0, X12_CODE_PRINCIPAL_PROCEDURE, "D8"},
        {"BQ", 0, X12_CODE_OTHER_PROCEDURE, "D8"},
    };
    size_t i, m;
    x12_str code, d1 = none(), d2 = none(), poa;
    x12_dx_kind have;
    int64_t cents = 0;
    const char *dash;

    if (is(q, "DR")) {
        /* the DRG: one per claim, a second is reported */
        if (x12_claim_get(s->claim, X12_CLAIM_DRG).len == 0) {
            mark(s, e, 1);
            cset(s, X12_CLAIM_DRG, comp(s, e, 2));
        }
        return;
    }
    for (m = 0; m < sizeof map / sizeof map[0]; m++)
        if (is(q, map[m].q))
            break;
    if (m == sizeof map / sizeof map[0])
        return;
    if (map[m].dx == X12_DX_PRINCIPAL)
        for (i = 0; i < x12_claim_diagnosis_count(s->claim); i++) {
            (void)x12_claim_diagnosis(s->claim, i, &have);
            if (have == X12_DX_PRINCIPAL)
                return;
        }
    if ((map[m].dx || map[m].code == X12_CODE_PRINCIPAL_PROCEDURE ||
         map[m].code == X12_CODE_OTHER_PROCEDURE) &&
        !hi_code_set(s, q))
        return;
    mark(s, e, 1);
    code = comp(s, e, 2);
    if (map[m].dx) {
        char p = 0;
        if (map[m].dx == X12_DX_PRINCIPAL || map[m].dx == X12_DX_OTHER ||
            map[m].dx == X12_DX_EXTERNAL_CAUSE) {
            poa = peek(s, e, 9);
            if (poa.len == 1) {
                mark(s, e, 9);
                p = poa.ptr[0];
            }
        }
        ok(s, x12_claim_add_diagnosis(s->claim, (x12_dx_kind)map[m].dx, code.ptr, code.len, p));
        return;
    }
    if (map[m].fmt != NULL) {
        fixed(s, e, 3, map[m].fmt);
        d1 = comp(s, e, 4);
        if (map[m].code == X12_CODE_OCCURRENCE_SPAN &&
            (dash = memchr(d1.ptr, '-', d1.len)) != NULL) {
            d2.ptr = dash + 1;
            d2.len = d1.len - (size_t)(dash - d1.ptr) - 1;
            d1.len = (size_t)(dash - d1.ptr);
        }
    }
    if (map[m].code == X12_CODE_VALUE && amount(s, e, 5, &cents) < 0)
        cents = 0;
    ok(s, x12_claim_add_code(s->claim, map[m].code, code.ptr, code.len, d1.ptr, d1.len, d2.ptr,
                             d2.len, cents));
}

static void hi(S *s)
{
    unsigned e;
    size_t n = x12_segment_count(s->seg);

    for (e = 1; e <= n && e <= 12; e++) {
        x12_str q = peek(s, e, 1);
        if (q.len == 0)
            continue;
        if (s->kind == X12_CLAIM_837P)
            hi_837p(s, e, q);
        else
            hi_837i(s, e, q);
    }
}

/* The provider roles of 2310 (claim) and 2420 (line), by NM101 and kind;
 * role 0: a loop the model does not keep. */
typedef struct role_loop {
    const char *code;
    int role;
    const char *loop;
} role_loop;

static const role_loop claim_roles_p[] = {
    {"DN", X12_ROLE_REFERRING, "2310A"},  {"P3", X12_ROLE_PRIMARY_CARE, "2310A"},
    {"82", X12_ROLE_RENDERING, "2310B"},  {"77", X12_ROLE_SERVICE_FACILITY, "2310C"},
    {"DQ", X12_ROLE_SUPERVISING, "2310D"}, {"PW", X12_ROLE_AMBULANCE_PICKUP, "2310E"},
    {"45", X12_ROLE_AMBULANCE_DROPOFF, "2310F"}, {NULL, 0, NULL}};
static const role_loop claim_roles_i[] = {
    {"71", X12_ROLE_ATTENDING, "2310A"},       {"72", X12_ROLE_OPERATING, "2310B"},
    {"ZZ", X12_ROLE_OTHER_OPERATING, "2310C"}, {"82", X12_ROLE_RENDERING, "2310D"},
    {"77", X12_ROLE_SERVICE_FACILITY, "2310E"}, {"DN", X12_ROLE_REFERRING, "2310F"},
    {NULL, 0, NULL}};
static const role_loop line_roles_p[] = {
    {"82", X12_ROLE_RENDERING, "2420A"},   {"QB", X12_ROLE_PURCHASED_SERVICE, "2420B"},
    {"77", X12_ROLE_SERVICE_FACILITY, "2420C"}, {"DQ", X12_ROLE_SUPERVISING, "2420D"},
    {"DK", X12_ROLE_ORDERING, "2420E"},    {"DN", X12_ROLE_REFERRING, "2420F"},
    {"P3", X12_ROLE_PRIMARY_CARE, "2420F"}, {"PW", X12_ROLE_AMBULANCE_PICKUP, "2420G"},
    {"45", X12_ROLE_AMBULANCE_DROPOFF, "2420H"}, {NULL, 0, NULL}};
static const role_loop line_roles_i[] = {
    {"72", X12_ROLE_OPERATING, "2420A"}, {"ZZ", X12_ROLE_OTHER_OPERATING, "2420B"},
    {"82", X12_ROLE_RENDERING, "2420C"}, {"DN", X12_ROLE_REFERRING, "2420D"},
    {NULL, 0, NULL}};
/* Other payers' providers (2330C-I). */
static const role_loop op_roles_p[] = {
    {"DN", X12_ROLE_REFERRING, "2330C"}, {"P3", X12_ROLE_PRIMARY_CARE, "2330C"},
    {"82", X12_ROLE_RENDERING, "2330D"}, {"77", X12_ROLE_SERVICE_FACILITY, "2330E"},
    {"DQ", X12_ROLE_SUPERVISING, "2330F"}, {"85", X12_ROLE_BILLING, "2330G"},
    {NULL, 0, NULL}};
static const role_loop op_roles_i[] = {
    {"71", X12_ROLE_ATTENDING, "2330C"}, {"72", X12_ROLE_OPERATING, "2330D"},
    {"ZZ", X12_ROLE_OTHER_OPERATING, "2330E"}, {"77", X12_ROLE_SERVICE_FACILITY, "2330F"},
    {"82", X12_ROLE_RENDERING, "2330G"}, {"DN", X12_ROLE_REFERRING, "2330H"},
    {"85", X12_ROLE_BILLING, "2330I"}, {NULL, 0, NULL}};

static const role_loop *find_role(const role_loop *t, x12_str code)
{
    for (; t->code != NULL; t++)
        if (is(code, t->code))
            return t;
    return NULL;
}

/* NM1 of a claim or line provider.  `mine` gets the role's party. */
static void role_nm1(S *s, const role_loop *t, loop lp, const char *unknown_loop,
                     x12_party *(*find)(void *, x12_claim_role),
                     x12_party *(*make)(void *, x12_claim_role), void *owner)
{
    const role_loop *r = find_role(t, elem(s, 1));

    if (r == NULL || r->role == 0 || find(owner, (x12_claim_role)r->role) != NULL) {
        set_loop(s, LP_SKIP, r ? r->loop : unknown_loop);
        lost_segment(s, r && r->role ? " (it holds one)" : NULL);
        return;
    }
    set_loop(s, lp, r->loop);
    s->role = r->role;
    s->party = make(owner, (x12_claim_role)r->role);
    if (s->party == NULL) {
        s->nomem = 1;
        return;
    }
    nm1_party(s, s->party, "XX", 1);
}

static x12_party *claim_find(void *c, x12_claim_role r)
{
    return x12_claim_find_provider(c, r);
}

static x12_party *claim_make(void *c, x12_claim_role r)
{
    return x12_claim_provider(c, r);
}

static x12_party *line_find(void *l, x12_claim_role r)
{
    return x12_line_find_provider(l, r);
}

static x12_party *line_make(void *l, x12_claim_role r)
{
    return x12_line_provider(l, r);
}

/* CAS: group, then up to six reason/amount/quantity triplets. */
static void cas(S *s, x12_status (*add)(void *, const char *, const char *, int64_t,
                                        const char *),
                void *owner)
{
    x12_str g = val(s, 1);
    unsigned e;
    int64_t cents;

    for (e = 2; e + 1 <= 19; e += 3) {
        x12_str reason = peek(s, e, 1);
        x12_str q;
        size_t r_at = g.len + 1, q_at;
        int rc;

        if (reason.len == 0 && elem(s, e + 1).len == 0)
            continue;
        val(s, e);
        rc = amount(s, e + 1, 0, &cents);
        if (rc < 0)
            continue;
        if (rc == 0)
            cents = 0;
        q = val(s, e + 2);
        q_at = r_at + reason.len + 1;
        /* Each copy may move the scratch: the pointers are taken after the
         * last one. */
        (void)cstr(s, g, 0);
        (void)cstr(s, reason, r_at);
        (void)cstr(s, q, q_at);
        if (s->nomem)
            return;
        ok(s, add(owner, s->scratch, s->scratch + r_at, cents, s->scratch + q_at));
    }
}

static x12_status op_adj(void *op, const char *g, const char *r, int64_t c, const char *q)
{
    return x12_other_payer_add_adjustment(op, g, r, c, q);
}

static x12_status la_adj(void *a, const char *g, const char *r, int64_t c, const char *q)
{
    return x12_line_adjudication_add_adjustment(a, g, r, c, q);
}

static void opset(S *s, x12_other_payer_field f, x12_str v)
{
    if (v.len)
        ok(s, x12_other_payer_set(s->op, f, v.ptr, v.len));
}

static void opamt(S *s, unsigned e, x12_other_payer_amount f)
{
    int64_t cents;

    if (amount(s, e, 0, &cents) == 1)
        ok(s, x12_other_payer_set_amount(s->op, f, cents));
}

/* Remark codes of MOA or MIA (elements e[0..n-1], in order) into field f,
 * space-separated; a code with a space in it is not kept. */
static void remarks(S *s, const unsigned *e, size_t n, x12_other_payer_field f)
{
    size_t i, at = 0;
    x12_str all;

    for (i = 0; i < n; i++) {
        x12_str v = val(s, e[i]);
        if (v.len == 0)
            continue;
        if (memchr(v.ptr, ' ', v.len) != NULL) {
            lost_element(s, e[i], 0, " (a remark code with a space cannot be one of a list)");
            continue;
        }
        at = list_append(s, v, at);
    }
    if (at == 0 || s->nomem)
        return;
    all.ptr = s->scratch;
    all.len = at;
    opset(s, f, all);
}

/* Whether the other payer at hand has any of the fields and amounts
 * (lists ending with 0). */
static int op_has_any(S *s, const unsigned char *fields, const unsigned char *amts)
{
    int64_t c;

    for (; *fields; fields++)
        if (x12_other_payer_get(s->op, (x12_other_payer_field)*fields).len)
            return 1;
    for (; *amts; amts++)
        if (x12_other_payer_get_amount(s->op, (x12_other_payer_amount)*amts, &c))
            return 1;
    return 0;
}

/* 2320 MOA: outpatient adjudication. */
static void moa(S *s)
{
    static const unsigned char f[] = {X12_OP_REIMBURSEMENT_RATE, X12_OP_OUTPATIENT_REMARKS, 0};
    static const unsigned char a[] = {X12_OPAMT_HCPCS_PAYABLE, X12_OPAMT_ESRD_PAYMENT,
                                      X12_OPAMT_OUTPATIENT_PROFESSIONAL_NONPAYABLE, 0};
    static const unsigned rem[] = {3, 4, 5, 6, 7};

    if (op_has_any(s, f, a)) {
        lost_twice(s);
        return;
    }
    opset(s, X12_OP_REIMBURSEMENT_RATE, val(s, 1));
    opamt(s, 2, X12_OPAMT_HCPCS_PAYABLE);
    remarks(s, rem, 5, X12_OP_OUTPATIENT_REMARKS);
    opamt(s, 8, X12_OPAMT_ESRD_PAYMENT);
    opamt(s, 9, X12_OPAMT_OUTPATIENT_PROFESSIONAL_NONPAYABLE);
}

/* 837I 2320 MIA: inpatient adjudication. */
static void mia(S *s)
{
    static const unsigned char f[] = {X12_OP_COVERED_DAYS, X12_OP_LIFETIME_PSYCHIATRIC_DAYS,
                                      X12_OP_COST_REPORT_DAYS, X12_OP_INPATIENT_REMARKS, 0};
    /* MIA element of each amount */
    static const struct {
        unsigned char e, f;
    } a[] = {{2, X12_OPAMT_PPS_OPERATING_OUTLIER},   {4, X12_OPAMT_DRG_AMOUNT},
             {6, X12_OPAMT_DISPROPORTIONATE_SHARE},  {7, X12_OPAMT_MSP_PASS_THROUGH},
             {8, X12_OPAMT_PPS_CAPITAL},             {9, X12_OPAMT_PPS_CAPITAL_FSP_DRG},
             {10, X12_OPAMT_PPS_CAPITAL_HSP_DRG},    {11, X12_OPAMT_PPS_CAPITAL_DSH_DRG},
             {12, X12_OPAMT_OLD_CAPITAL},            {13, X12_OPAMT_PPS_CAPITAL_IME},
             {14, X12_OPAMT_PPS_OPERATING_HSP_DRG},  {16, X12_OPAMT_PPS_OPERATING_FSP_DRG},
             {17, X12_OPAMT_PPS_CAPITAL_OUTLIER},    {18, X12_OPAMT_INDIRECT_TEACHING},
             {19, X12_OPAMT_INPATIENT_PROFESSIONAL_NONPAYABLE},
             {24, X12_OPAMT_PPS_CAPITAL_EXCEPTION}};
    unsigned char amts[sizeof a / sizeof a[0] + 1];
    static const unsigned rem[] = {5, 20, 21, 22, 23};
    size_t i;

    for (i = 0; i < sizeof a / sizeof a[0]; i++)
        amts[i] = a[i].f;
    amts[i] = 0;
    if (op_has_any(s, f, amts)) {
        lost_twice(s);
        return;
    }
    opset(s, X12_OP_COVERED_DAYS, val(s, 1));
    opset(s, X12_OP_LIFETIME_PSYCHIATRIC_DAYS, val(s, 3));
    opset(s, X12_OP_COST_REPORT_DAYS, val(s, 15));
    for (i = 0; i < sizeof a / sizeof a[0]; i++)
        opamt(s, a[i].e, (x12_other_payer_amount)a[i].f);
    remarks(s, rem, 5, X12_OP_INPATIENT_REMARKS);
}

/* 2320 and 2330A/B. */
static int other_payer_segment(S *s, uint32_t key)
{
    x12_str v;
    const role_loop *r;

    switch (key) {
    case K3('C', 'A', 'S'):
        if (s->loop != LP_2320)
            return 0;
        cas(s, op_adj, s->op);
        return 1;
    case K3('A', 'M', 'T'):
        return s->loop == LP_2320 && table_segment(s, C8O_OP, C8O_OP_AMT, "2320");
    case K2('O', 'I'):
        if (s->loop != LP_2320)
            return 0;
        if (x12_other_payer_get(s->op, X12_OP_BENEFITS_ASSIGNMENT).len ||
            x12_other_payer_get(s->op, X12_OP_RELEASE).len) {
            lost_twice(s);
            return 1;
        }
        opset(s, X12_OP_BENEFITS_ASSIGNMENT, val(s, 3));
        if (s->kind == X12_CLAIM_837P) /* not used in the 837I: reported as not kept */
            opset(s, X12_OP_PATIENT_SIGNATURE, val(s, 4));
        opset(s, X12_OP_RELEASE, val(s, 6));
        return 1;
    case K3('M', 'O', 'A'):
        if (s->loop != LP_2320)
            return 0;
        moa(s);
        return 1;
    case K3('M', 'I', 'A'):
        if (s->loop != LP_2320 || s->kind != X12_CLAIM_837I)
            return 0;
        mia(s);
        return 1;
    case K3('N', 'M', '1'):
        v = elem(s, 1);
        if (is(v, "IL") && s->loop == LP_2320) {
            set_loop(s, LP_2330A, "2330A");
            s->party = x12_other_payer_subscriber(s->op);
            nm1_party(s, s->party, "MI", 1);
            return 1;
        }
        if (is(v, "PR") && (s->loop == LP_2320 || s->loop == LP_2330A)) {
            set_loop(s, LP_2330B, "2330B");
            s->party = x12_other_payer_payer(s->op);
            nm1_party(s, s->party, "PI", 1);
            return 1;
        }
        r = find_role(s->kind == X12_CLAIM_837P ? op_roles_p : op_roles_i, v);
        if (r == NULL || r->role == 0 ||
            x12_other_payer_find_provider(s->op, (x12_claim_role)r->role) != NULL) {
            set_loop(s, LP_SKIP, r ? r->loop : "2330");
            lost_segment(s, r && r->role ? " (it holds one)" : NULL);
            return 1;
        }
        set_loop(s, LP_2330P, r->loop);
        s->party = x12_other_payer_provider(s->op, (x12_claim_role)r->role);
        if (s->party == NULL) {
            s->nomem = 1;
            return 1;
        }
        /* NM101 and NM102 only: the guides use no more (the rest is
         * reported as not kept).  The party is one even with its entity
         * only: the copy's edits then say the REF is required. */
        nm1_party(s, s->party, NULL, 0);
        if (!s->party->entity_set)
            ok(s, x12_party_set_entity(s->party, x12_party_entity(s->party)));
        s->bare_loop = r->loop;
        s->bare_segno = x12_segment_number(s->seg);
        return 1;
    case K2('N', '3'):
    case K2('N', '4'):
        if (s->loop != LP_2330A && s->loop != LP_2330B)
            return 0;
        if (key == K2('N', '3'))
            n3(s, s->party);
        else
            n4(s, s->party);
        return 1;
    case K3('D', 'T', 'P'):
        return s->loop == LP_2330B && table_segment(s, C8O_OP, 0, "2330B");
    case K3('R', 'E', 'F'):
        if (s->loop == LP_2330P)
            s->bare_loop = NULL;
        if (s->loop == LP_2330P || s->loop == LP_2330A)
            return party_ref(s, s->party);
        return s->loop == LP_2330B &&
               (party_ref(s, s->party) || table_segment(s, C8O_OP, 0, "2330B"));
    default:
        return 0;
    }
}

/* ---- ambulance (CR1, CRC*07) and attachments (PWK), claims and lines ---------- */

/* Fields of a claim (line NULL) or a line. */
static x12_str obj_get(S *s, int line, int f)
{
    return line ? x12_line_get(s->line, (x12_line_field)f)
                : x12_claim_get(s->claim, (x12_claim_field)f);
}

static void obj_set(S *s, int line, int f, x12_str v)
{
    if (v.len)
        ok(s, line ? x12_line_set(s->line, (x12_line_field)f, v.ptr, v.len)
                   : x12_claim_set(s->claim, (x12_claim_field)f, v.ptr, v.len));
}

/* CR1: LB and the weight, the reason, DH and the miles, the purposes. */
static void cr1(S *s, int line)
{
    const int *f = line ? c8_amb_line : c8_amb_claim;
    int k;

    for (k = C8_AMB_WEIGHT; k <= C8_AMB_STRETCHER; k++)
        if (obj_get(s, line, f[k]).len) {
            lost_twice(s);
            return;
        }
    fixed(s, 1, 0, "LB");
    obj_set(s, line, f[C8_AMB_WEIGHT], val(s, 2));
    obj_set(s, line, f[C8_AMB_REASON], val(s, 4));
    fixed(s, 5, 0, "DH");
    obj_set(s, line, f[C8_AMB_MILES], val(s, 6));
    obj_set(s, line, f[C8_AMB_ROUND_TRIP], val(s, 9));
    obj_set(s, line, f[C8_AMB_STRETCHER], val(s, 10));
}

/* CRC*07: its condition codes appended to the conditions met (CRC02 Y) or
 * not met (N).  Other categories are not kept. */
/* The other CRC the model holds: the 837P homebound indicator (75), the
 * 837P vision conditions (E1, E2, E3), the EPSDT referral (ZZ, both
 * kinds) of a claim; the 837P hospice employee
 * (70) and DME condition (09) indicators of a line.  0 when category c is
 * none of them. */
static int crc_other(S *s, int line, x12_str c)
{
    int p = s->kind == X12_CLAIM_837P, answer, codes = 0;
    const char *fixed_code = NULL;
    size_t at = 0;
    unsigned e, last = 0;

    if (!line && p && is(c, "75")) {
        answer = X12_CLAIM_HOMEBOUND;
        fixed_code = "IH";
    } else if (!line && p && (is(c, "E1") || is(c, "E2") || is(c, "E3"))) {
        /* vision: spectacle lenses, contact lenses, spectacle frames */
        static const int vision[3][2] = {
            {X12_CLAIM_VISION_LENSES, X12_CLAIM_VISION_LENSES_CONDITIONS},
            {X12_CLAIM_VISION_CONTACTS, X12_CLAIM_VISION_CONTACTS_CONDITIONS},
            {X12_CLAIM_VISION_FRAMES, X12_CLAIM_VISION_FRAMES_CONDITIONS}};
        int k = c.ptr[1] - '1';
        answer = vision[k][0];
        codes = vision[k][1];
        last = 7;
    } else if (!line && is(c, "ZZ")) {
        answer = X12_CLAIM_EPSDT_REFERRAL;
        codes = X12_CLAIM_EPSDT_CONDITIONS;
        last = 5;
    } else if (line && p && is(c, "70")) {
        answer = X12_LINE_HOSPICE_EMPLOYEE;
        fixed_code = "65";
    } else if (line && p && is(c, "09")) {
        answer = X12_LINE_DME_CONDITION;
        codes = X12_LINE_DME_CONDITIONS;
        last = 4;
    } else {
        return 0;
    }
    if (obj_get(s, line, answer).len) {
        lost_twice(s);
        return 1;
    }
    val(s, 1);
    obj_set(s, line, answer, val(s, 2));
    if (fixed_code != NULL) {
        fixed(s, 3, 0, fixed_code);
        return 1;
    }
    for (e = 3; e <= last; e++) {
        x12_str v = val(s, e);
        if (v.len == 0)
            continue;
        at = list_append(s, v, at);
    }
    if (!s->nomem && at) {
        x12_str all = {s->scratch, at};
        obj_set(s, line, codes, all);
    }
    return 1;
}

static void crc(S *s, int line)
{
    const int *f = line ? c8_amb_line : c8_amb_claim;
    x12_str a = elem(s, 2), have, v;
    size_t at = 0;
    unsigned e;
    int field;

    if (crc_other(s, line, elem(s, 1)))
        return;
    if (!is(elem(s, 1), "07") || !(is(a, "Y") || is(a, "N"))) {
        lost_segment(s, NULL);
        return;
    }
    field = f[is(a, "Y") ? C8_AMB_MET : C8_AMB_UNMET];
    val(s, 1);
    val(s, 2);
    have = obj_get(s, line, field);
    if (have.len) {
        (void)cstr(s, have, 0);
        at = have.len;
    }
    for (e = 3; e <= 7; e++) {
        v = val(s, e);
        if (v.len == 0)
            continue;
        at = list_append(s, v, at);
    }
    if (s->nomem || at == 0)
        return;
    {
        x12_str all = {s->scratch, at};
        obj_set(s, line, field, all);
    }
}

/* PWK: an attachment of the claim (line 0) or the line. */
static void pwk(S *s, int line)
{
    x12_attachment *a = NULL;
    x12_str v;

    ok(s, line ? x12_line_add_attachment(s->line, &a) : x12_claim_add_attachment(s->claim, &a));
    if (a == NULL)
        return;
    if ((v = val(s, 1)).len)
        ok(s, x12_attachment_set(a, X12_ATT_REPORT_TYPE, v.ptr, v.len));
    if ((v = val(s, 2)).len)
        ok(s, x12_attachment_set(a, X12_ATT_TRANSMISSION, v.ptr, v.len));
    fixed(s, 5, 0, "AC");
    if ((v = val(s, 6)).len)
        ok(s, x12_attachment_set(a, X12_ATT_CONTROL_NUMBER, v.ptr, v.len));
}

static void claim_segment(S *s, uint32_t key)
{
    int in2300 = s->loop == LP_2300 || s->loop == LP_2310;

    if (key == K3('S', 'B', 'R')) {
        x12_other_payer *op;
        ok(s, x12_claim_add_other_payer(s->claim, &op));
        if (op == NULL)
            return;
        s->op = op;
        set_loop(s, LP_2320, "2320");
        opset(s, X12_OP_RESPONSIBILITY, val(s, 1));
        opset(s, X12_OP_RELATIONSHIP, val(s, 2));
        opset(s, X12_OP_GROUP_NUMBER, val(s, 3));
        opset(s, X12_OP_GROUP_NAME, val(s, 4));
        if (s->kind == X12_CLAIM_837P) /* not used in the 837I: reported as not kept */
            opset(s, X12_OP_INSURANCE_TYPE, val(s, 5));
        opset(s, X12_OP_FILING_INDICATOR, val(s, 9));
        return;
    }
    /* 2320 and 2330 come after 2300 and 2310: once a claim has an other
     * payer, its segments (up to LX) belong to one. */
    if (s->op != NULL) {
        if (!other_payer_segment(s, key))
            lost_segment(s, NULL);
        return;
    }
    if (s->loop == LP_SKIP && key != K3('N', 'M', '1')) {
        lost_segment(s, NULL);
        return;
    }
    switch (key) {
    case K3('N', 'M', '1'):
        role_nm1(s, s->kind == X12_CLAIM_837P ? claim_roles_p : claim_roles_i, LP_2310, "2310",
                 claim_find, claim_make, s->claim);
        return;
    case K3('P', 'R', 'V'):
        if (s->loop == LP_2310 && s->kind == X12_CLAIM_837P && s->role == X12_ROLE_RENDERING) {
            prv(s, s->party, "PE");
            return;
        }
        if (s->loop == LP_2310 && s->kind == X12_CLAIM_837I && s->role == X12_ROLE_ATTENDING) {
            prv(s, s->party, "AT");
            return;
        }
        break;
    case K2('N', '3'):
    case K2('N', '4'):
        if (s->loop == LP_2310 && (s->role == X12_ROLE_SERVICE_FACILITY ||
                                   s->role == X12_ROLE_AMBULANCE_PICKUP ||
                                   s->role == X12_ROLE_AMBULANCE_DROPOFF)) {
            if (key == K2('N', '3'))
                n3(s, s->party);
            else
                n4(s, s->party);
            return;
        }
        break;
    case K3('D', 'T', 'P'):
        if (in2300) {
            claim_dtp(s);
            return;
        }
        break;
    case K3('C', 'L', '1'):
        if (in2300 && s->kind == X12_CLAIM_837I) {
            if (x12_claim_get(s->claim, X12_CLAIM_ADMISSION_TYPE).len ||
                x12_claim_get(s->claim, X12_CLAIM_ADMISSION_SOURCE).len ||
                x12_claim_get(s->claim, X12_CLAIM_PATIENT_STATUS).len) {
                lost_twice(s);
                return;
            }
            cset(s, X12_CLAIM_ADMISSION_TYPE, val(s, 1));
            cset(s, X12_CLAIM_ADMISSION_SOURCE, val(s, 2));
            cset(s, X12_CLAIM_PATIENT_STATUS, val(s, 3));
            return;
        }
        break;
    case K3('A', 'M', 'T'):
        if (in2300 && table_segment(s, C8O_CLAIM, C8O_CLAIM_AMT, "2300"))
            return;
        break;
    case K3('R', 'E', 'F'):
        if (s->loop == LP_2300 && table_segment(s, C8O_CLAIM, C8O_CLAIM_AMT, "2300"))
            return;
        if (s->loop == LP_2310 && party_ref(s, s->party))
            return;
        break;
    case K3('P', 'E', 'R'):
        if (s->loop == LP_2310 && loop_per(s, s->party))
            return;
        break;
    case K2('H', 'I'):
        if (in2300) {
            hi(s);
            return;
        }
        break;
    case K3('C', 'N', '1'):
    case K3('H', 'C', 'P'):
        if (s->loop == LP_2300) {
            positional(s, C8O_CLAIM, C8O_CLAIM_AMT, "2300");
            return;
        }
        break;
    case K3('C', 'R', '1'):
    case K3('C', 'R', 'C'):
        if (s->loop == LP_2300 && s->kind == X12_CLAIM_837P) {
            if (key == K3('C', 'R', '1'))
                cr1(s, 0);
            else
                crc(s, 0);
            return;
        }
        /* the 837I's one CRC, the EPSDT referral */
        if (s->loop == LP_2300 && key == K3('C', 'R', 'C') && crc_other(s, 0, elem(s, 1)))
            return;
        break;
    case K3('C', 'R', '2'):
        /* 837P spinal manipulation: CR208, CR210, CR211 (the guide uses no
         * other element: the rest is reported as not kept) */
        if (s->loop == LP_2300 && s->kind == X12_CLAIM_837P) {
            if (x12_claim_get(s->claim, X12_CLAIM_SPINAL_CONDITION).len ||
                x12_claim_get(s->claim, X12_CLAIM_SPINAL_DESCRIPTION).len) {
                lost_twice(s);
                return;
            }
            obj_set(s, 0, X12_CLAIM_SPINAL_CONDITION, val(s, 8));
            obj_set(s, 0, X12_CLAIM_SPINAL_DESCRIPTION, val(s, 10));
            obj_set(s, 0, X12_CLAIM_SPINAL_DESCRIPTION2, val(s, 11));
            return;
        }
        break;
    case K3('P', 'W', 'K'):
        if (s->loop == LP_2300) {
            pwk(s, 0);
            return;
        }
        break;
    case K2('K', '3'):
        if (s->loop == LP_2300) {
            file_info(s, NULL);
            return;
        }
        break;
    case K3('N', 'T', 'E'):
        /* the 837I billing note (NTE*ADD) is a row of the table; the other
         * codes are the claim note, which the model holds once */
        if (s->loop == LP_2300 && !table_segment(s, C8O_CLAIM, 0, "2300"))
            note(s, X12_CO_CLAIM, X12_CLAIM_NOTE_CODE, X12_CLAIM_NOTE);
        if (s->loop == LP_2300)
            return;
        break;
    default:
        break;
    }
    lost_segment(s, NULL);
}

/* ---- 2400 ---------------------------------------------------------------------------- */

static void lset(S *s, x12_line_field f, x12_str v)
{
    if (v.len)
        ok(s, x12_line_set(s->line, f, v.ptr, v.len));
}

/* 837P CR3: the certification type and the months (CR302 MO). */
static void cr3(S *s)
{
    if (x12_line_get(s->line, X12_LINE_DME_CERT_TYPE).len ||
        x12_line_get(s->line, X12_LINE_DME_CERT_MONTHS).len) {
        lost_twice(s);
        return;
    }
    lset(s, X12_LINE_DME_CERT_TYPE, val(s, 1));
    fixed(s, 2, 0, "MO");
    lset(s, X12_LINE_DME_CERT_MONTHS, val(s, 3));
}

/* 837P PWK*CT with one of the guide's PWK02 codes of the DME certificate
 * of medical necessity indicator (AB AD AF AG NS): that indicator; 0 for
 * any other PWK (a line attachment, whose PWK01 list has CT too). */
static int pwk_cmn(S *s)
{
    x12_str t = elem(s, 2);
    const char *codes;

    if (!is(elem(s, 1), "CT") || t.len == 0)
        return 0;
    codes = c8_guide_seg(1, "2400", "PWK", "CT", 2, NULL, NULL);
    if (codes == NULL || !x12i_code_in(codes, t.ptr, t.len))
        return 0;
    if (x12_line_get(s->line, X12_LINE_DME_CMN).len) {
        lost_twice(s);
        return 1;
    }
    val(s, 1);
    lset(s, X12_LINE_DME_CMN, val(s, 2));
    return 1;
}

/* The procedure composite: HC, code, up to four modifiers. */
static void procedure(S *s, unsigned e, x12_status (*add_mod)(void *, const char *, size_t),
                      void *owner, x12_str *code)
{
    unsigned c;

    *code = comp(s, e, 2);
    if (code->len == 0)
        return;
    fixed(s, e, 1, "HC");
    for (c = 3; c <= 6; c++) {
        x12_str m = comp(s, e, c);
        if (m.len)
            ok(s, add_mod(owner, m.ptr, m.len));
    }
}

static x12_status line_mod(void *l, const char *v, size_t n)
{
    return x12_line_add_modifier(l, v, n);
}

static x12_status la_mod(void *a, const char *v, size_t n)
{
    return x12_line_adjudication_add_modifier(a, v, n);
}

static void sv1(S *s)
{
    x12_str code;
    int64_t cents;
    unsigned c;

    procedure(s, 1, line_mod, s->line, &code);
    lset(s, X12_LINE_PROCEDURE, code);
    if (amount(s, 2, 0, &cents) == 1)
        ok(s, x12_line_set_amount(s->line, X12_LINEAMT_CHARGE, cents));
    lset(s, X12_LINE_UNIT, val(s, 3));
    lset(s, X12_LINE_UNITS, val(s, 4));
    lset(s, X12_LINE_PLACE_OF_SERVICE, val(s, 5));
    for (c = 1; c <= 4; c++) {
        x12_str p = peek(s, 7, c);
        uint64_t n;
        char b[24];

        if (p.len == 0)
            continue;
        if (!parse_u64(p, &n) || n > 0xffffffffu) {
            mark(s, 7, c);
            issue(s, X12_SEV_ERROR, X12_ESYNTAX, "number", 7, c,
                  "SV107-%u diagnosis pointer '%s' is not a number: left out", c,
                  QV(b, p.ptr, 2, p.len));
            continue;
        }
        mark(s, 7, c);
        ok(s, x12_line_add_pointer(s->line, (unsigned)n));
    }
    lset(s, X12_LINE_EMERGENCY, val(s, 9));
}

static void sv2(S *s)
{
    x12_str code;
    int64_t cents;

    lset(s, X12_LINE_REVENUE_CODE, val(s, 1));
    procedure(s, 2, line_mod, s->line, &code);
    lset(s, X12_LINE_PROCEDURE, code);
    if (amount(s, 3, 0, &cents) == 1)
        ok(s, x12_line_set_amount(s->line, X12_LINEAMT_CHARGE, cents));
    lset(s, X12_LINE_UNIT, val(s, 4));
    lset(s, X12_LINE_UNITS, val(s, 5));
    if (amount(s, 7, 0, &cents) == 1)
        ok(s, x12_line_set_amount(s->line, X12_LINEAMT_NONCOVERED, cents));
}

static void laset(S *s, x12_line_adjudication_field f, x12_str v)
{
    if (v.len)
        ok(s, x12_line_adjudication_set(s->la, f, v.ptr, v.len));
}

static void svd(S *s)
{
    x12_line_adjudication *a;
    x12_str code;
    int64_t cents;

    ok(s, x12_line_add_adjudication(s->line, &a));
    if (a == NULL)
        return;
    s->la = a;
    set_loop(s, LP_2430, "2430");
    laset(s, X12_LA_PAYER_ID, val(s, 1));
    if (amount(s, 2, 0, &cents) == 1)
        ok(s, x12_line_adjudication_set_amount(a, X12_LAAMT_PAID, cents));
    procedure(s, 3, la_mod, a, &code);
    laset(s, X12_LA_PROCEDURE, code);
    if (s->kind == X12_CLAIM_837I)
        laset(s, X12_LA_REVENUE_CODE, val(s, 4));
    laset(s, X12_LA_UNITS, val(s, 5));
    laset(s, X12_LA_BUNDLED_LINE, val(s, 6));
}

static int line_once(S *s, x12_line_field f)
{
    if (x12_line_get(s->line, f).len == 0)
        return 1;
    lost_twice(s);
    return 0;
}

/* FRM into the line's form answers: "question:kind:value" appended after
 * a ";" (claim837_fields.def).  What the text cannot hold (a ";" or a ":"
 * in the question, a ";" in the value, no value or more than one, a
 * 100th answer) is not kept. */
static void form_answer(S *s)
{
    static const char kinds[] = "RTDP";
    x12_str old = x12_line_get(s->line, X12_LINE_FORM_ANSWERS), q = val(s, 1), v = {NULL, 0};
    size_t n = old.len ? 1 : 0, i, at;
    unsigned e, which = 0;
    char *p;

    for (i = 0; i < old.len; i++)
        n += old.ptr[i] == ';';
    if (n >= 99) {
        lost_segment(s, " (the guide allows 99 per form)");
        return;
    }
    for (e = 2; e <= 5; e++) {
        x12_str t = peek(s, e, 1);
        if (t.len == 0)
            continue;
        if (which) {
            lost_segment(s, " (it holds one value per answer)");
            return;
        }
        which = e;
        v = val(s, e);
    }
    if (which == 0 || q.len == 0 || memchr(q.ptr, ';', q.len) || memchr(q.ptr, ':', q.len) ||
        memchr(v.ptr, ';', v.len)) {
        lost_segment(s, " (an answer needs a question and one value, without ';' or ':' in "
                        "the question)");
        return;
    }
    at = old.len ? old.len + 1 : 0;
    if (old.len)
        (void)cstr(s, old, 0);
    (void)cstr(s, q, at);
    (void)cstr(s, v, at + q.len + 3);
    if (s->nomem)
        return;
    p = s->scratch;
    if (old.len)
        p[old.len] = ';';
    p[at + q.len] = ':';
    p[at + q.len + 1] = kinds[which - 2];
    p[at + q.len + 2] = ':';
    lset(s, X12_LINE_FORM_ANSWERS, (x12_str){p, at + q.len + 3 + v.len});
}

/* MEA into the line's test results: "code:qualifier:value" appended
 * after a space, at most the guide's 5; a part with a space or a ':', an
 * empty part, a sixth MEA or MEA04 and later are not kept. */
static void test_result(S *s)
{
    x12_str old = x12_line_get(s->line, X12_LINE_TEST_RESULTS), p[3];
    size_t n = old.len ? 1 : 0, i, at, len;
    unsigned e;
    char *b;

    for (i = 0; i < old.len; i++)
        n += old.ptr[i] == ' ';
    if (n >= 5) {
        lost_segment(s, " (the guide allows 5 test results)");
        return;
    }
    for (e = 0; e < 3; e++) {
        p[e] = peek(s, e + 1, 1);
        if (p[e].len == 0 || memchr(p[e].ptr, ' ', p[e].len) || memchr(p[e].ptr, ':', p[e].len)) {
            lost_segment(s, " (a test result needs MEA01, MEA02 and MEA03 without spaces)");
            return;
        }
    }
    at = old.len ? old.len + 1 : 0;
    len = at;
    if (old.len)
        (void)cstr(s, old, 0);
    for (e = 0; e < 3; e++) {
        p[e] = val(s, e + 1);
        (void)cstr(s, p[e], len + (e ? 1 : 0));
        len += p[e].len + (e ? 1 : 0);
    }
    if (s->nomem)
        return;
    b = s->scratch;
    if (old.len)
        b[old.len] = ' ';
    b[at + p[0].len] = ':';
    b[at + p[0].len + 1 + p[1].len] = ':';
    lset(s, X12_LINE_TEST_RESULTS, (x12_str){b, len});
}

static void line_segment(S *s, uint32_t key)
{
    x12_str v, from, to;
    int in2400 = s->loop == LP_2400 || s->loop == LP_2410;

    switch (key) {
    case K3('S', 'V', '1'):
    case K3('S', 'V', '2'):
        if ((key == K3('S', 'V', '1')) != (s->kind == X12_CLAIM_837P))
            break;
        if (s->loop != LP_2400 || s->line_has_service) {
            issue(s, X12_SEV_ERROR, X12_ESYNTAX, "outside-line", 0, 0,
                  "a second service segment in one line (LX): skipped");
            s->seg_reported = 1;
            return;
        }
        s->line_has_service = 1;
        if (key == K3('S', 'V', '1'))
            sv1(s);
        else
            sv2(s);
        return;
    case K3('D', 'T', 'P'):
        v = elem(s, 1);
        if (in2400 && is(v, "472")) {
            if (!line_once(s, X12_LINE_SERVICE_FROM))
                return;
            val(s, 1);
            dtp_range(s, &from, &to, 1);
            lset(s, X12_LINE_SERVICE_FROM, from);
            lset(s, X12_LINE_SERVICE_TO, to);
            return;
        }
        if (s->loop == LP_2430 && table_segment(s, C8O_LA, C8O_LA_AMT, "2430"))
            return;
        if (s->loop == LP_2400 && table_segment(s, C8O_LINE, C8O_LINE_AMT, "2400"))
            return;
        break;
    case K3('R', 'E', 'F'):
        /* 2410 has one REF (max 1): XZ or VY, the model one of them; the
         * second is reported, whichever it is. */
        if (s->loop == LP_2410 && (is(elem(s, 1), "XZ") || is(elem(s, 1), "VY")) &&
            (x12_line_get(s->line, X12_LINE_PRESCRIPTION_NUMBER).len ||
             x12_line_get(s->line, X12_LINE_DRUG_LINK_SEQUENCE).len)) {
            lost_twice(s);
            return;
        }
        if (in2400 && table_segment(s, C8O_LINE, C8O_LINE_AMT,
                                    s->loop == LP_2410 ? "2410" : "2400"))
            return;
        if (s->loop == LP_2420 && party_ref(s, s->party))
            return;
        break;
    case K3('P', 'E', 'R'):
        if (s->loop == LP_2420 && loop_per(s, s->party))
            return;
        break;
    case K3('L', 'I', 'N'):
        if (in2400) {
            if (!line_once(s, X12_LINE_NDC))
                return;
            set_loop(s, LP_2410, "2410");
            fixed(s, 2, 0, "N4");
            lset(s, X12_LINE_NDC, val(s, 3));
            return;
        }
        break;
    case K3('C', 'T', 'P'):
        if (s->loop == LP_2410) {
            if (x12_line_get(s->line, X12_LINE_NDC_QUANTITY).len ||
                x12_line_get(s->line, X12_LINE_NDC_UNIT).len) {
                lost_twice(s);
                return;
            }
            lset(s, X12_LINE_NDC_QUANTITY, val(s, 4));
            lset(s, X12_LINE_NDC_UNIT, comp(s, 5, 1));
            return;
        }
        break;
    case K3('N', 'M', '1'):
        if (s->loop == LP_2430) {
            set_loop(s, LP_SKIP, "2430");
            break;
        }
        role_nm1(s, s->kind == X12_CLAIM_837P ? line_roles_p : line_roles_i, LP_2420, "2420",
                 line_find, line_make, s->line);
        return;
    case K3('P', 'R', 'V'):
        if (s->loop == LP_2420 && s->kind == X12_CLAIM_837P && s->role == X12_ROLE_RENDERING) {
            prv(s, s->party, "PE");
            return;
        }
        break;
    case K2('N', '3'):
    case K2('N', '4'):
        if (s->loop == LP_2420 &&
            (s->role == X12_ROLE_SERVICE_FACILITY || s->role == X12_ROLE_ORDERING ||
             s->role == X12_ROLE_AMBULANCE_PICKUP || s->role == X12_ROLE_AMBULANCE_DROPOFF)) {
            if (key == K2('N', '3'))
                n3(s, s->party);
            else
                n4(s, s->party);
            return;
        }
        break;
    case K3('S', 'V', 'D'):
        svd(s);
        return;
    case K3('C', 'A', 'S'):
        if (s->loop == LP_2430) {
            cas(s, la_adj, s->la);
            return;
        }
        break;
    case K3('A', 'M', 'T'):
        if (s->loop == LP_2430 && table_segment(s, C8O_LA, C8O_LA_AMT, "2430"))
            return;
        if (in2400 && table_segment(s, C8O_LINE, C8O_LINE_AMT, "2400"))
            return;
        break;
    case K2('L', 'Q'):
        /* 837P 2440: the model holds one form per line */
        if (s->kind == X12_CLAIM_837P && x12_line_get(s->line, X12_LINE_FORM_ID).len == 0 &&
            x12_line_get(s->line, X12_LINE_FORM_TYPE).len == 0) {
            set_loop(s, LP_2440, "2440");
            lset(s, X12_LINE_FORM_TYPE, val(s, 1));
            lset(s, X12_LINE_FORM_ID, val(s, 2));
            return;
        }
        set_loop(s, LP_SKIP, "2440");
        if (s->kind == X12_CLAIM_837P) {
            lost_segment(s, " (it holds one form per line)");
            return;
        }
        break;
    case K3('F', 'R', 'M'):
        if (s->loop == LP_2440) {
            form_answer(s);
            return;
        }
        break;
    case K3('C', 'R', '1'):
    case K3('C', 'R', 'C'):
    case K3('P', 'W', 'K'):
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            if (key == K3('C', 'R', '1'))
                cr1(s, 1);
            else if (key == K3('C', 'R', 'C'))
                crc(s, 1);
            else if (!pwk_cmn(s))
                pwk(s, 1);
            return;
        }
        if (s->loop == LP_2400 && key == K3('P', 'W', 'K')) { /* the 837I's, after SV2 */
            pwk(s, 1);
            return;
        }
        break;
    case K3('C', 'R', '3'):
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            cr3(s);
            return;
        }
        break;
    case K3('Q', 'T', 'Y'):
        if (in2400 && table_segment(s, C8O_LINE, C8O_LINE_AMT, "2400"))
            return;
        break;
    case K3('C', 'N', '1'):
    case K3('H', 'C', 'P'):
        /* the 837I line has no CN1: its rows have no 837I position */
        if (s->loop == LP_2400 && (key == K3('H', 'C', 'P') || s->kind == X12_CLAIM_837P)) {
            positional(s, C8O_LINE, C8O_LINE_AMT, "2400");
            return;
        }
        break;
    case K3('N', 'T', 'E'):
        /* NTE*TPO is the table's; the 837P line note (ADD, DCP) the model
         * holds once */
        if (s->loop == LP_2400 && table_segment(s, C8O_LINE, 0, "2400"))
            return;
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            note(s, X12_CO_LINE, X12_LINE_NOTE_CODE, X12_LINE_NOTE);
            return;
        }
        break;
    case K2('K', '3'):
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            file_info(s, s->line);
            return;
        }
        break;
    case K3('M', 'E', 'A'):
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            test_result(s);
            return;
        }
        break;
    case K3('S', 'V', '5'):
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            int64_t cents;

            if (x12_line_get(s->line, X12_LINE_DME_PROCEDURE).len) {
                lost_twice(s);
                return;
            }
            fixed(s, 1, 1, "HC");
            lset(s, X12_LINE_DME_PROCEDURE, comp(s, 1, 2));
            fixed(s, 2, 0, "DA");
            lset(s, X12_LINE_DME_DAYS, val(s, 3));
            if (amount(s, 4, 0, &cents) == 1)
                ok(s, x12_line_set_amount(s->line, X12_LINEAMT_DME_RENTAL_PRICE, cents));
            if (amount(s, 5, 0, &cents) == 1)
                ok(s, x12_line_set_amount(s->line, X12_LINEAMT_DME_PURCHASE_PRICE, cents));
            lset(s, X12_LINE_DME_FREQUENCY, val(s, 6));
            return;
        }
        break;
    case K3('P', 'S', '1'):
        if (s->loop == LP_2400 && s->kind == X12_CLAIM_837P) {
            int64_t cents;

            if (x12_line_get(s->line, X12_LINE_PURCHASED_SERVICE_ID).len ||
                x12_line_get_amount(s->line, X12_LINEAMT_PURCHASED_SERVICE_CHARGE, &cents)) {
                lost_twice(s);
                return;
            }
            lset(s, X12_LINE_PURCHASED_SERVICE_ID, val(s, 1));
            if (amount(s, 2, 0, &cents) == 1)
                ok(s, x12_line_set_amount(s->line, X12_LINEAMT_PURCHASED_SERVICE_CHARGE, cents));
            return;
        }
        break;
    default:
        break;
    }
    lost_segment(s, NULL);
}

/* ---- claims and lines ------------------------------------------------------------------ */

static void issue_lv(S *s, int lv, x12_severity sev, x12_status st, const char *rule,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void issue_lv(S *s, int lv, x12_severity sev, x12_status st, const char *rule,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    issue_at(s, lv, sev, st, rule, 0, 0, fmt, ap);
    va_end(ap);
}

static void begin_claim(S *s)
{
    s->clms_seen++;
    s->clms_in_set++;
    if (s->sub == NULL || (s->ctx != C_SUB && s->ctx != C_PAT && s->ctx != C_CLAIM &&
                           s->ctx != C_LINE && s->ctx != C_SKIPLINE)) {
        const char *why = s->ctx == C_SKIPHL ? s->skip_why
                                             : "it is outside a subscriber or patient loop";
        s->totals[X12_CTOTAL_SKIPPED]++;
        set_loop(s, LP_SKIP, "2300");
        issue_lv(s, -1, X12_SEV_ERROR, X12_ESYNTAX, "outside-loop",
                 "claim skipped (up to the next HL): %s", why);
        if (s->ctx != C_SKIPHL)
            skip_loop(s, why);
        return;
    }
    reset_levels(s, LV_CLM);
    s->claim = c8_claim_new(s->lv[LV_CLM]);
    if (s->claim == NULL) {
        s->nomem = 1;
        return;
    }
    s->claim_open = 1;
    s->ctx = C_CLAIM;
    set_loop(s, LP_2300, "2300");
    s->nlines = 0;
    s->clm_segno = x12_segment_number(s->seg);
    s->clm_offset = x12_segment_offset(s->seg);
    s->clm_setpos = x12_segment_set_position(s->seg);
    s->clm_segments = 0;
    s->claim_index = s->clms_seen - 1;
    s->claim_in_set = s->clms_in_set - 1;
    clm(s);
}

/* 1 when v is the decimal text of n (no leading zeros). */
static int same_number(x12_str v, size_t n)
{
    char buf[24];
    size_t i = sizeof buf;

    do {
        buf[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    return v.len == sizeof buf - i && memcmp(v.ptr, buf + i, v.len) == 0;
}

static void begin_line(S *s)
{
    x12_str n;
    char want[24];

    if (s->ctx != C_CLAIM && s->ctx != C_LINE) {
        issue(s, X12_SEV_ERROR, X12_ESYNTAX, "outside-claim", 0, 0,
              "LX outside a claim: the line is skipped up to the next LX, CLM or HL");
        s->ctx = C_SKIPLINE;
        set_loop(s, LP_SKIP, "2400");
        return;
    }
    s->la = NULL;
    s->line = NULL;
    ok(s, x12_claim_add_line(s->claim, &s->line));
    if (s->line == NULL)
        return;
    s->nlines++;
    s->line_has_service = 0;
    s->ctx = C_LINE;
    set_loop(s, LP_2400, "2400");
    n = val(s, 1);
    if (n.len && !same_number(n, s->nlines)) {
        snprintf(want, sizeof want, "%zu", s->nlines);
        fixed(s, 1, 0, want);
    }
}

/* 837P: the claim's service dates are those of lines without a DTP*472 of
 * their own (claim837.h).  The lines read keep theirs; the claim gets the
 * range they span (earliest start, latest end), which is what the builder
 * was given when every line shares the claim's dates. */
static void claim_dates(S *s)
{
    x12_service_line *l;
    x12_str lo = none(), hi = none();

    for (l = x12_claim_first_line(s->claim); l != NULL; l = x12_line_next(l)) {
        x12_str f = x12_line_get(l, X12_LINE_SERVICE_FROM), t = x12_line_get(l, X12_LINE_SERVICE_TO);

        if (f.len == 0)
            return; /* a line without a date: the file had no claim date for it */
        if (t.len == 0)
            t = f;
        if (lo.len == 0 || (f.len == lo.len && memcmp(f.ptr, lo.ptr, f.len) < 0))
            lo = f;
        if (hi.len == 0 || (t.len == hi.len && memcmp(t.ptr, hi.ptr, t.len) > 0))
            hi = t;
    }
    if (lo.len == 0 || x12_claim_get(s->claim, X12_CLAIM_SERVICE_FROM).len)
        return;
    cset(s, X12_CLAIM_SERVICE_FROM, lo);
    if (!same(lo, hi))
        cset(s, X12_CLAIM_SERVICE_TO, hi);
}

static void finish_claim(S *s, uint64_t end)
{
    if (s->kind == X12_CLAIM_837P)
        claim_dates(s);
    s->claim_open = 0;
    s->ready = 1;
    s->end_offset = end;
    s->totals[X12_CTOTAL_CLAIMS]++;
    s->totals[X12_CTOTAL_LINES] += x12_claim_line_count(s->claim);
}

/* ---- dispatch -------------------------------------------------------------------------- */

/* The segment after a 2330C-I NM1 is not its REF, which the guides require
 * (one to four): an error located where the REF should be, as segment
 * REF of that loop.  The provider stays with its entity (the copy's edits
 * require the REF rather than dropping the NM1). */
static void bare_nm1(S *s)
{
    x12_str id = s->id;

    s->id.ptr = "REF";
    s->id.len = 3;
    issue(s, X12_SEV_ERROR, X12_ESYNTAX, "missing-segment", 0, 0,
          "segment REF missing in loop %s: the other payer's secondary identifier of the "
          "provider of NM1 (segment %" PRIu64 ") is required; the provider is kept with its "
          "entity only",
          s->bare_loop, s->bare_segno);
    s->id = id;
    s->bare_loop = NULL;
}

static int closes_claim(uint32_t key)
{
    switch (key) {
    case K3('C', 'L', 'M'):
    case K2('H', 'L'):
    case K2('S', 'E'):
    case K2('S', 'T'):
    case K2('G', 'E'):
    case K2('G', 'S'):
    case K3('I', 'E', 'A'):
    case K3('I', 'S', 'A'):
        return 1;
    default:
        return 0;
    }
}

static void handle(S *s, const x12_segment *seg)
{
    uint32_t key;

    s->seg = seg;
    s->id = x12_segment_id(seg);
    key = idkey(s->id);
    {
        x12_delimiters d = x12_segment_delimiters(seg);
        x12_str raw = x12_segment_raw(seg);
        size_t e;
        s->comp_sep = d.component;
        s->rep_sep = d.repetition != 0 && memchr(raw.ptr, d.repetition, raw.len) != NULL
                         ? d.repetition
                         : 0;
        s->has_comp = memchr(raw.ptr, d.component, raw.len) != NULL;
        s->nel = x12_segment_count(seg);
        for (e = 1; e <= s->nel && e <= KMAX; e++)
            s->ev[e] = x12_segment_element(seg, e);
    }
    if (s->bare_loop != NULL && (key != K3('R', 'E', 'F') || s->loop != LP_2330P))
        bare_nm1(s);
    if (s->claim_open && closes_claim(key)) {
        finish_claim(s, x12_segment_offset(seg));
        s->pending = seg;
        return;
    }
    memset(s->kept, 0, sizeof s->kept);
    if (!shaped(s->id)) {
        if (s->claim_open)
            s->clm_segments++;
        return;
    }
    switch (key) {
    case K2('S', 'T'):
        begin_set(s);
        return;
    case K2('S', 'E'):
    case K2('G', 'E'):
    case K2('G', 'S'):
    case K3('I', 'E', 'A'):
    case K3('I', 'S', 'A'):
        /* Envelope problems are the reader's to report. */
        s->ctx = C_NONE;
        return;
    default:
        break;
    }
    switch (s->ctx) {
    case C_NONE:
    case C_SKIPSET:
        return;
    case C_SKIPHL:
        /* Covered by the error that started the skip; claims are counted. */
        if (key == K2('H', 'L'))
            break;
        if (key == K3('C', 'L', 'M'))
            begin_claim(s);
        return;
    case C_SKIPLINE:
        if (key != K2('H', 'L') && key != K3('C', 'L', 'M') && key != K2('L', 'X'))
            return;
        break;
    default:
        break;
    }
    /* leftovers() runs unless the whole segment was reported or skipped. */
    s->seg_reported = 0;
    switch (key) {
    case K2('H', 'L'):
        hl(s);
        break;
    case K3('C', 'L', 'M'):
        begin_claim(s);
        if (!s->claim_open)
            return;
        break;
    case K2('L', 'X'):
        begin_line(s);
        if (s->ctx != C_LINE)
            return;
        break;
    default:
        switch (s->ctx) {
        case C_HEADER:
            header_segment(s, key);
            break;
        case C_BP:
            provider_segment(s, key);
            break;
        case C_SUB:
            subscriber_segment(s, key);
            break;
        case C_PAT:
            patient_segment(s, key);
            break;
        case C_CLAIM:
            if (key == K3('S', 'V', '1') || key == K3('S', 'V', '2') ||
                key == K3('S', 'V', 'D') || key == K3('L', 'I', 'N')) {
                issue(s, X12_SEV_ERROR, X12_ESYNTAX, "outside-line", 0, 0,
                      "%s before the claim's first LX: skipped", key == K3('S', 'V', '1') ? "SV1"
                      : key == K3('S', 'V', '2') ? "SV2" : key == K3('S', 'V', 'D') ? "SVD" : "LIN");
                s->clm_segments++;
                return;
            }
            claim_segment(s, key);
            break;
        case C_LINE:
            line_segment(s, key);
            break;
        default:
            return;
        }
        if (s->seg_reported) {
            s->seg_reported = 0;
            if (s->claim_open)
                s->clm_segments++;
            return;
        }
        break;
    }
    leftovers(s);
    if (s->claim_open)
        s->clm_segments++;
}

/* ---- the stream ---------------------------------------------------------------------- */

x12_status x12_claim_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                x12_claim_stream **out)
{
    x12i_alloc a;
    S *s;
    x12_status st;
    int lv;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if ((st = x12i_alloc_init(&a, alloc)) != X12_OK)
        return st;
    s = x12i_malloc(&a, sizeof *s);
    if (s == NULL)
        return X12_ENOMEM;
    memset(s, 0, sizeof *s);
    s->a = a;
    s->diags.max = X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS;
    if (alloc != NULL) {
        s->ualloc.struct_size = sizeof s->ualloc;
        s->ualloc.malloc_fn = a.malloc_fn;
        s->ualloc.realloc_fn = a.realloc_fn;
        s->ualloc.free_fn = a.free_fn;
        s->ualloc.user = a.user;
        s->has_ualloc = 1;
    }
    s->loop_id = "";
    for (lv = 0; lv < NLV; lv++) {
        s->hl_id[lv] = none();
        if ((st = x12_batch_new(s->has_ualloc ? &s->ualloc : NULL, X12_CLAIM_837P, &s->lv[lv])) !=
            X12_OK) {
            x12_claim_stream_free(s);
            return st;
        }
    }
    for (lv = 0; lv <= ENV_NF; lv++)
        s->env[lv] = none();
    if (reader != NULL) {
        s->r = reader;
    } else {
        if ((st = x12_reader_new(alloc, &s->r)) != X12_OK) {
            x12_claim_stream_free(s);
            return st;
        }
        s->own_reader = 1;
    }
    *out = s;
    return X12_OK;
}

void x12_claim_stream_free(x12_claim_stream *s)
{
    x12i_alloc a;
    int lv;

    if (s == NULL)
        return;
    a = s->a;
    for (lv = 0; lv < NLV; lv++) {
        x12_batch_free(s->lv[lv]);
        x12i_errlist_free(&a, &s->issues[lv]);
    }
    x12i_diags_free(&a, &s->diags);
    x12i_free(&a, s->scratch);
    if (s->own_reader)
        x12_reader_free(s->r);
    x12i_free(&a, s);
}

x12_reader *x12_claim_stream_reader(x12_claim_stream *s)
{
    return s ? s->r : NULL;
}

void x12_claim_stream_set_error_handler(x12_claim_stream *s, x12_error_fn fn, void *user)
{
    if (s == NULL)
        return;
    s->on_error = fn;
    s->on_error_user = user;
}

static x12_status die(S *s, x12_status st)
{
    s->dead = st;
    s->current = 0;
    if (st == X12_ENOMEM) {
        x12i_error_set(&s->last, X12_ENOMEM, X12_SEV_FATAL, "memory", 0, NULL, 0,
                       x12_reader_offset(s->r), 0, "out of memory");
        s->have_last = 1;
    }
    return st;
}

x12_status x12_claim_stream_next(x12_claim_stream *s)
{
    const x12_segment *seg;
    x12_status st;
    size_t i, n;

    if (s == NULL)
        return X12_EINVAL;
    if (s->dead != X12_OK)
        return s->dead;
    x12i_diags_new_call(&s->diags);
    s->current = 0;
    for (;;) {
        if (s->nomem)
            return die(s, X12_ENOMEM);
        if (s->ready) {
            s->ready = 0;
            s->current = 1;
            s->have_last = 0;
            x12i_diags_new_span(&s->diags);
            return X12_OK;
        }
        if (s->finished)
            return X12_END;
        if (s->pending != NULL) {
            seg = s->pending;
            s->pending = NULL;
            handle(s, seg);
            continue;
        }
        st = x12_reader_next(s->r, &seg);
        n = x12_reader_error_count(s->r);
        for (i = 0; i < n; i++)
            diag(s, x12_reader_error_at(s->r, i));
        if (st == X12_OK) {
            handle(s, seg);
            continue;
        }
        if (st == X12_END) {
            if (s->bare_loop != NULL) /* the input ends where the REF should be */
                bare_nm1(s);
            if (s->claim_open)
                finish_claim(s, x12_reader_offset(s->r));
            s->finished = 1;
            continue;
        }
        if (st == X12_AGAIN)
            return X12_AGAIN;
        {
            const x12_error *e = x12_reader_last_error(s->r);

            if (e != NULL) {
                s->last = *e;
                s->have_last = 1;
                if (x12_error_severity(e) != X12_SEV_FATAL) {
                    /* The reader skipped bad bytes and goes on. */
                    diag(s, e);
                    continue;
                }
                s->totals[X12_CTOTAL_ERRORS]++;
            } else {
                x12i_error_set(&s->last, st, X12_SEV_FATAL, "reader", 0, NULL, 0,
                               x12_reader_offset(s->r), 0, "%s", x12_strerror(st));
                s->have_last = 1;
            }
            return die(s, st);
        }
    }
}

/* ---- accessors ------------------------------------------------------------------------- */

x12_claim *x12_claim_stream_claim(x12_claim_stream *s)
{
    return s && s->current ? s->claim : NULL;
}

x12_billing_provider *x12_claim_stream_provider(x12_claim_stream *s)
{
    return s && s->current ? s->bp : NULL;
}

x12_subscriber *x12_claim_stream_subscriber(x12_claim_stream *s)
{
    return s && s->current ? s->sub : NULL;
}

x12_patient *x12_claim_stream_patient(x12_claim_stream *s)
{
    return s && s->current ? s->pat : NULL;
}

x12_party *x12_claim_stream_payer(x12_claim_stream *s)
{
    return s && s->current ? x12_subscriber_payer(s->sub) : NULL;
}

const x12_batch *x12_claim_stream_header(const x12_claim_stream *s)
{
    return s && s->current ? s->lv[LV_HDR] : NULL;
}

x12_party *x12_claim_stream_submitter(x12_claim_stream *s)
{
    return s && s->current ? x12_batch_submitter(s->lv[LV_HDR]) : NULL;
}

x12_party *x12_claim_stream_receiver(x12_claim_stream *s)
{
    return s && s->current ? x12_batch_receiver(s->lv[LV_HDR]) : NULL;
}

x12_claim_kind x12_claim_stream_kind(const x12_claim_stream *s)
{
    return s && s->current ? s->kind : (x12_claim_kind)0;
}

x12_str x12_claim_stream_envelope(const x12_claim_stream *s, x12_env_field f)
{
    if (s == NULL || !s->current || (int)f < 1 || (int)f > ENV_NF)
        return none();
    return s->env[f];
}

uint64_t x12_claim_stream_position(const x12_claim_stream *s, x12_claim_position what)
{
    if (s == NULL || !s->current)
        return 0;
    switch (what) {
    case X12_CPOS_SEGMENT_NUMBER:
        return s->clm_segno;
    case X12_CPOS_OFFSET:
        return s->clm_offset;
    case X12_CPOS_END_OFFSET:
        return s->end_offset;
    case X12_CPOS_SET_POSITION:
        return s->clm_setpos;
    case X12_CPOS_SEGMENTS:
        return s->clm_segments;
    case X12_CPOS_ST_SEGMENT_NUMBER:
        return s->st_segno;
    case X12_CPOS_ST_OFFSET:
        return s->st_offset;
    case X12_CPOS_SET_INDEX:
        return s->set_index;
    case X12_CPOS_INTERCHANGE_INDEX:
        return s->ich_index;
    case X12_CPOS_CLAIM_INDEX:
        return s->claim_index;
    case X12_CPOS_CLAIM_IN_SET:
        return s->claim_in_set;
    case X12_CPOS_PROVIDER_OFFSET:
        return s->hl_offset[LV_BP];
    case X12_CPOS_SUBSCRIBER_OFFSET:
        return s->hl_offset[LV_SUB];
    case X12_CPOS_PATIENT_OFFSET:
        return s->hl_offset[LV_PAT];
    }
    return 0;
}

size_t x12_claim_stream_error_count(const x12_claim_stream *s)
{
    return s ? s->diags.list.count : 0;
}

const x12_error *x12_claim_stream_error_at(const x12_claim_stream *s, size_t i)
{
    return s && i < s->diags.list.count ? &s->diags.list.items[i] : NULL;
}

const x12_error *x12_claim_stream_last_error(const x12_claim_stream *s)
{
    return s && s->have_last ? &s->last : NULL;
}

x12_status x12_claim_stream_set_max_errors(x12_claim_stream *s, size_t max)
{
    return x12i_diags_set_max(s != NULL ? &s->diags : NULL, max);
}

uint64_t x12_claim_stream_errors_dropped(const x12_claim_stream *s)
{
    return x12i_diags_dropped(s != NULL ? &s->diags : NULL);
}

uint64_t x12_claim_stream_claim_errors_dropped(const x12_claim_stream *s)
{
    uint64_t n = 0;
    int lv;

    if (s == NULL || !s->current)
        return 0;
    for (lv = 0; lv < NLV; lv++)
        n += s->issues_dropped[lv];
    return n;
}

size_t x12_claim_stream_claim_error_count(const x12_claim_stream *s)
{
    size_t n = 0;
    int lv;

    if (s == NULL || !s->current)
        return 0;
    for (lv = 0; lv < NLV; lv++)
        n += s->issues[lv].count;
    return n;
}

const x12_error *x12_claim_stream_claim_error_at(const x12_claim_stream *s, size_t i)
{
    int lv;

    if (s == NULL || !s->current)
        return NULL;
    for (lv = 0; lv < NLV; lv++) {
        if (i < s->issues[lv].count)
            return &s->issues[lv].items[i];
        i -= s->issues[lv].count;
    }
    return NULL;
}

size_t x12_claim_stream_not_kept_count(const x12_claim_stream *s)
{
    size_t n = 0;
    int lv;

    if (s == NULL || !s->current)
        return 0;
    for (lv = 0; lv < NLV; lv++)
        n += s->nk[lv];
    return n;
}

uint64_t x12_claim_stream_total(const x12_claim_stream *s, x12_claim_total which)
{
    if (s == NULL || (int)which < 1 || (int)which > X12_CTOTAL_ERRORS)
        return 0;
    return s->totals[which];
}

/* ---- copying into a batch --------------------------------------------------------------- */

static int party_equal(const x12_party *a, const x12_party *b)
{
    int f;

    if (x12_party_entity(a) != x12_party_entity(b))
        return 0;
    for (f = 1; f <= C8_PARTY_NF; f++)
        if (!same(x12_party_get(a, (x12_party_field)f), x12_party_get(b, (x12_party_field)f)))
            return 0;
    return 1;
}

static int subscriber_equal(x12_subscriber *a, x12_subscriber *b)
{
    int f;

    for (f = 1; f <= C8_SUB_NF; f++)
        if (!same(x12_subscriber_get(a, (x12_subscriber_field)f),
                  x12_subscriber_get(b, (x12_subscriber_field)f)))
            return 0;
    return party_equal(x12_subscriber_party(a), x12_subscriber_party(b)) &&
           party_equal(x12_subscriber_payer(a), x12_subscriber_payer(b));
}

x12_status x12_claim_stream_copy_claim(x12_claim_stream *s, x12_batch *dst, x12_claim **out)
{
    x12_status st;
    x12_claim *c;

    if (out != NULL)
        *out = NULL;
    if (s == NULL || dst == NULL)
        return X12_EINVAL;
    if (!s->current)
        return X12_ESTATE;
    if (x12_batch_kind(dst) != s->kind)
        return X12_EINVAL;
    if (s->cp.dst != dst || s->cp.bp == NULL || dst->bp_last != s->cp.bp ||
        s->cp.gbp != s->gen[LV_BP]) {
        if ((st = x12_batch_add_provider_copy(dst, s->bp, &s->cp.bp)) != X12_OK)
            return st;
        s->cp.dst = dst;
        s->cp.gbp = s->gen[LV_BP];
        s->cp.sub = NULL;
        s->cp.pat = NULL;
    }
    /* The builder writes a subscriber with claims of its own and patients
     * as two HL 22 loops, the second one for the patients: such a pair is
     * one subscriber again. */
    if (s->cp.sub != NULL && s->cp.bp->s_last == s->cp.sub && s->cp.gsub != s->gen[LV_SUB] &&
        s->pat != NULL && s->cp.sub->p_first == NULL && s->cp.sub->c_first != NULL &&
        subscriber_equal(s->cp.sub, s->sub))
        s->cp.gsub = s->gen[LV_SUB];
    if (s->cp.sub == NULL || s->cp.bp->s_last != s->cp.sub || s->cp.gsub != s->gen[LV_SUB]) {
        if ((st = x12_billing_provider_add_subscriber_copy(s->cp.bp, s->sub, &s->cp.sub)) !=
            X12_OK)
            return st;
        s->cp.gsub = s->gen[LV_SUB];
        s->cp.pat = NULL;
    }
    if (s->pat == NULL) {
        st = x12_subscriber_add_claim_copy(s->cp.sub, s->claim, &c);
    } else {
        if (s->cp.pat == NULL || s->cp.sub->p_last != s->cp.pat ||
            s->cp.gpat != s->gen[LV_PAT]) {
            if ((st = x12_subscriber_add_patient_copy(s->cp.sub, s->pat, &s->cp.pat)) != X12_OK)
                return st;
            s->cp.gpat = s->gen[LV_PAT];
        }
        st = x12_patient_add_claim_copy(s->cp.pat, s->claim, &c);
    }
    if (st == X12_OK && out != NULL)
        *out = c;
    return st;
}
