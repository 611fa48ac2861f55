/*
 * 837P and 837I segment order and HL tree, written through an x12_writer.
 *
 * The writer counts segments and fills SE/GE/IEA; this file numbers the HL
 * segments, points each at its parent, sets HL04 (1 when a child level
 * follows), and starts a new transaction set when one reaches the
 * configured number of claims, repeating the billing provider, subscriber
 * and patient levels there so that every set stands on its own.
 *
 * Segment order follows the guides' loop tables (005010X222A1,
 * 005010X223A2): header, 1000A, 1000B, then 2000A/2010AA/2010AB,
 * 2000B/2010BA/2010BB, 2000C/2010CA, 2300, 2310x, 2320/2330x, 2400/2410,
 * 2420x line providers (837P A, C-F; 837I A-D), 2430.
 */
#include <stdio.h>
#include <string.h>

#include "claim837_internal.h"
#include "x12types_internal.h"

/* Values of the segment being collected (see begin()).  A segment that
 * would need more goes through the writer's calls instead. */
#define WVALS 128
#define WSCRATCH 2048

/* The segments the writer writes element by element from the table (wctx.pos). */
enum { C8_PS_CLAIM_CN1, C8_PS_CLAIM_HCP, C8_PS_LINE_CN1, C8_PS_LINE_HCP, C8_PS_N };
#define C8_PS_MAXEL 15

struct c8_wctx {
    x12_batch *b;
    x12_writer *w;
    x12_status st;
    int p;
    int started;          /* the ISA and GS are written */
    uint64_t hl;          /* last HL id in this set */
    uint64_t st02;        /* next set control number */
    uint64_t in_set;      /* claims in the open set */
    int set_open;
    /* Levels already written in this set, by serial (a streaming batch
     * reuses memory, so addresses do not identify them); 0 for none. */
    uint64_t bp;
    uint64_t bp_hl;
    uint64_t sub;
    int sub_patients;     /* the written subscriber level has patient children */
    uint64_t sub_hl;
    uint64_t pat;
    int open; /* a segment was begun and not yet ended */
    int collecting; /* its values are in vals, for x12i_writer_segment */
    const char *id;
    size_t nv, sused;
    x12i_wval vals[WVALS];
    char scratch[WSCRATCH]; /* copies of values that do not outlive the call */
    c8_pview v, v2; /* parties being written */
    /* The rows of the field table whose segments the table writes (QV,
     * DTP) in this kind, by object in the table's order: rows
     * simple[sfirst[obj] .. sfirst[obj + 1]). */
    unsigned short simple[C8R_N];
    unsigned short sfirst[C8O_N + 1];
    c8_guide g; /* the guide's order of the rows */
    /* The rows of the segments written element by element from the table
     * (CN1, HCP of the claim and of the line): pos[k][element] is 1 + the
     * row, 0 for none. */
    unsigned short pos[C8_PS_N][C8_PS_MAXEL + 1];
};
typedef c8_wctx wctx;

/* ---- element helpers: each is a no-op once something failed ---------------- */

/*
 * A segment's values are collected and handed to the writer in one call at
 * end() (x12i_writer_segment: same bytes, counts and errors as the
 * begin/add/end calls, less work per value).  Values given as views of the
 * batch or literals are kept by pointer; the others are copied to scratch.
 * Should a segment outgrow vals or scratch, it is handed over to the
 * writer's calls on the spot and finished through them.
 */
static void begin(wctx *x, const char *id)
{
    if (x->st == X12_OK) {
        x->id = id;
        x->nv = 0;
        x->sused = 0;
        x->collecting = 1;
        x->open = 1;
    }
}

/* Replays the collected values through the writer's calls. */
static void spill(wctx *x)
{
    size_t i;

    x->collecting = 0;
    x->st = x12_writer_begin(x->w, x->id);
    if (x->st != X12_OK) {
        x->open = 0;
        return;
    }
    for (i = 0; i < x->nv && x->st == X12_OK; i++)
        x->st = x->vals[i].elem ? x12_writer_add(x->w, x->vals[i].ptr, x->vals[i].len)
                                : x12_writer_add_component(x->w, x->vals[i].ptr, x->vals[i].len);
}

/* The rare cases of value(): a segment outgrowing vals or scratch, or
 * values outside a collected segment. */
static void value_slow(wctx *x, const char *p, size_t len, unsigned elem, int copy)
{
    if (x->collecting && (x->nv == WVALS || (copy && len > WSCRATCH - x->sused))) {
        spill(x);
        if (x->st != X12_OK)
            return;
    }
    if (!x->collecting) {
        x->st = elem ? x12_writer_add(x->w, p, len) : x12_writer_add_component(x->w, p, len);
        return;
    }
    if (copy) {
        memcpy(x->scratch + x->sused, p, len);
        p = x->scratch + x->sused;
        x->sused += len;
    }
    x->vals[x->nv].ptr = p;
    x->vals[x->nv].len = len;
    x->vals[x->nv].elem = elem;
    x->nv++;
}

static inline void value(wctx *x, const char *p, size_t len, unsigned elem, int copy)
{
    x12i_wval *v;

    if (x->st != X12_OK)
        return;
    if (!x->collecting || x->nv == WVALS || (copy && len > WSCRATCH - x->sused)) {
        value_slow(x, p, len, elem, copy);
        return;
    }
    if (copy) {
        memcpy(x->scratch + x->sused, p, len);
        p = x->scratch + x->sused;
        x->sused += len;
    }
    v = &x->vals[x->nv++];
    v->ptr = p;
    v->len = len;
    v->elem = elem;
}

/* A literal (or text that outlives the segment): kept by pointer. */
static inline void el(wctx *x, const char *s)
{
    value(x, s, strlen(s), 1, 0);
}

/* Text in a local buffer: copied. */
static void elc(wctx *x, const char *s)
{
    value(x, s, strlen(s), 1, 1);
}

/* A view of the batch or of a literal: kept by pointer. */
static inline void elv(wctx *x, x12_str v)
{
    value(x, v.ptr, v.len, 1, 0);
}

static inline void comp(wctx *x, const char *s)
{
    value(x, s, strlen(s), 0, 0);
}

static void compc(wctx *x, const char *s)
{
    value(x, s, strlen(s), 0, 1);
}

static inline void compv(wctx *x, x12_str v)
{
    value(x, v.ptr, v.len, 0, 0);
}

static void cents(wctx *x, int64_t c)
{
    char buf[32];

    value(x, buf, x12i_cents_x12(buf, c), 1, 1);
}

static void num(wctx *x, uint64_t v)
{
    char buf[24];

    value(x, buf, x12i_u64_text(buf, v, 1), 1, 1);
}

static void empties(wctx *x, int n)
{
    while (n-- > 0)
        el(x, "");
}

static void end(wctx *x)
{
    /* x12_writer_end closes the segment whatever happened before; after a
     * failed add it reports that failure again, which keeps the writer's
     * last error pointing at it. */
    if (x->open) {
        x12_status st = x->collecting ? x12i_writer_segment(x->w, x->id, x->vals, x->nv)
                                      : x12_writer_end(x->w);
        if (x->st == X12_OK)
            x->st = st;
        x->open = 0;
        x->collecting = 0;
    }
}

static x12_str def(x12_str v, const char *d)
{
    if (v.len == 0) {
        v.ptr = d;
        v.len = strlen(d);
    }
    return v;
}

static x12_str sub(x12_str v, size_t off, size_t n)
{
    x12_str r = {"", 0};

    if (off < v.len) {
        r.ptr = v.ptr + off;
        r.len = v.len - off < n ? v.len - off : n;
    }
    return r;
}

/* ---- shared segments ---------------------------------------------------------- */

/* NM1*code*entity*name*first*middle**suffix*qual*id */
static void nm1(wctx *x, const char *code, const c8_pview *p, const char *qual)
{
    begin(x, "NM1");
    el(x, code);
    el(x, p->entity == X12_ENTITY_PERSON ? "1" : "2");
    elv(x, p->f[X12_PARTY_NAME]);
    if (p->entity == X12_ENTITY_PERSON) {
        elv(x, p->f[X12_PARTY_FIRST_NAME]);
        elv(x, p->f[X12_PARTY_MIDDLE_NAME]);
        el(x, "");
        elv(x, p->f[X12_PARTY_SUFFIX]);
    } else {
        empties(x, 4);
    }
    if (qual != NULL && p->f[X12_PARTY_ID].len) {
        el(x, qual);
        elv(x, p->f[X12_PARTY_ID]);
    }
    end(x);
}

static void address(wctx *x, const c8_pview *p)
{
    if (p->f[X12_PARTY_ADDRESS1].len == 0 && p->f[X12_PARTY_CITY].len == 0)
        return;
    begin(x, "N3");
    elv(x, p->f[X12_PARTY_ADDRESS1]);
    elv(x, p->f[X12_PARTY_ADDRESS2]);
    end(x);
    begin(x, "N4");
    elv(x, p->f[X12_PARTY_CITY]);
    elv(x, p->f[X12_PARTY_STATE]);
    elv(x, p->f[X12_PARTY_ZIP]);
    end(x);
}

/* PER*IC*contact with the party's numbers in the order TE, EX (the
 * phone's extension, right after it), FX, EM; three pairs fit one PER:
 * the fourth goes to a second PER with the same contact, where the guide
 * allows two (1000A, 2010AA: the edits refuse four elsewhere). */
static void per(wctx *x, const c8_pview *p, int always)
{
    static const struct {
        const char *code;
        x12_party_field f;
    } nums[] = {{"TE", X12_PARTY_PHONE},
                {"EX", X12_PARTY_PHONE_EXTENSION},
                {"FX", X12_PARTY_FAX},
                {"EM", X12_PARTY_EMAIL}};
    size_t i, pairs = 0;

    for (i = 0; i < sizeof nums / sizeof nums[0]; i++)
        pairs += p->f[nums[i].f].len != 0;
    if (!always && pairs == 0)
        return;
    begin(x, "PER");
    el(x, "IC");
    elv(x, p->f[X12_PARTY_CONTACT]);
    pairs = 0;
    for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        if (p->f[nums[i].f].len == 0)
            continue;
        if (pairs++ == 3) {
            end(x);
            begin(x, "PER");
            el(x, "IC");
            elv(x, p->f[X12_PARTY_CONTACT]);
        }
        el(x, nums[i].code);
        elv(x, p->f[nums[i].f]);
    }
    end(x);
}

static void dmg(wctx *x, const c8_pview *p)
{
    if (p->f[X12_PARTY_BIRTH_DATE].len == 0 && p->f[X12_PARTY_GENDER].len == 0)
        return;
    begin(x, "DMG");
    el(x, "D8");
    elv(x, p->f[X12_PARTY_BIRTH_DATE]);
    elv(x, p->f[X12_PARTY_GENDER]);
    end(x);
}

static void ref(wctx *x, const char *q, x12_str v)
{
    if (v.len == 0)
        return;
    begin(x, "REF");
    el(x, q);
    elv(x, v);
    end(x);
}

/* A party's REF*qualifier*value fields (c8_party_refs: tax ids, provider
 * secondary ids, payer ids, property and casualty ids) that the guide
 * allows in `loop` (the edits refuse the others), in the guide's order:
 * its REF segments' order in the loop, then the order of the codes in
 * REF01's list. */
static void party_refs(wctx *x, const c8_pview *p, const char *loop)
{
    unsigned key[C8_NPARTY_REFS], k;
    int fs[C8_NPARTY_REFS], f;
    size_t n = 0, i, j;

    for (i = 0; i < C8_NPARTY_REFS; i++) {
        const char *q, *codes, *at;
        char pat[8];
        unsigned order;

        f = c8_party_refs[i];
        if (p->f[f].len == 0)
            continue;
        q = c8_party_ref_qual(f);
        codes = c8_guide_seg(x->p, loop, "REF", q, 1, &order, NULL);
        if (codes == NULL)
            continue;
        snprintf(pat, sizeof pat, " %s ", q);
        at = strstr(codes, pat);
        k = order * 256u + (at != NULL ? (unsigned)(at - codes) : 0u);
        for (j = n; j > 0 && key[j - 1] > k; j--) {
            key[j] = key[j - 1];
            fs[j] = fs[j - 1];
        }
        key[j] = k;
        fs[j] = f;
        n++;
    }
    for (i = 0; i < n; i++)
        ref(x, c8_party_ref_qual(fs[i]), p->f[fs[i]]);
}

/* PER of a party in a loop whose guide has one (2010BA, 2010CA, 2310C,
 * 2420E, ...): when it has a number (the edits ask for one).  The guide is
 * asked only then: most parties have none, and this runs for each. */
static void loop_per(wctx *x, const c8_pview *p, const char *loop)
{
    if ((p->f[X12_PARTY_PHONE].len || p->f[X12_PARTY_EMAIL].len ||
         p->f[X12_PARTY_PHONE_EXTENSION].len || p->f[X12_PARTY_FAX].len) &&
        c8_guide_allows(x->p, loop, "PER", ""))
        per(x, p, 0);
}

static void dtp(wctx *x, const char *q, x12_str from, x12_str to)
{
    if (from.len == 0)
        return;
    begin(x, "DTP");
    el(x, q);
    if (to.len == 0 || (to.len == from.len && memcmp(to.ptr, from.ptr, to.len) == 0)) {
        el(x, "D8");
        elv(x, from);
    } else {
        char buf[40];
        snprintf(buf, sizeof buf, "%.*s-%.*s", (int)from.len, from.ptr, (int)to.len, to.ptr);
        el(x, "RD8");
        elc(x, buf);
    }
    end(x);
}

/* NTE*code*text: a claim's or a line's note (the edits ask for both). */
static void note(wctx *x, x12_str code, x12_str text)
{
    if (code.len == 0 && text.len == 0)
        return;
    begin(x, "NTE");
    elv(x, code);
    elv(x, text);
    end(x);
}

/* K3*text for each newline-separated text of a claim's or a line's file
 * information, in order (the edits refuse an empty text). */
static void file_info(wctx *x, x12_str v)
{
    size_t at = 0, k;

    while (at < v.len) {
        for (k = at; k < v.len && v.ptr[k] != '\n'; k++)
            ;
        if (k > at) {
            begin(x, "K3");
            elv(x, (x12_str){v.ptr + at, k - at});
            end(x);
        }
        at = k + 1;
    }
}

/* An RD8 row (claim837_internal.h): the range, or the start or end alone. */
static void rd8(wctx *x, const c8_fpos *q, x12_str from, x12_str to)
{
    char buf[40];

    _Static_assert(X12_CLAIM_DISABILITY_TO == X12_CLAIM_DISABILITY_FROM + 1,
                   "an RD8 row's end is the next field");
    if (from.len && to.len) {
        snprintf(buf, sizeof buf, "%.*s-%.*s", (int)from.len, from.ptr, (int)to.len, to.ptr);
        begin(x, "DTP");
        el(x, q->qual);
        el(x, "RD8");
        elc(x, buf);
        end(x);
    } else if (from.len || to.len) {
        begin(x, "DTP");
        el(x, from.len ? "360" : "361");
        el(x, "D8");
        elv(x, from.len ? from : to);
        end(x);
    }
}

/* SEG*qualifier*value for each space-separated value of v. */
static void list_segments(wctx *x, const c8_fpos *q, x12_str v)
{
    size_t i = 0, k;

    while (i < v.len) {
        while (i < v.len && v.ptr[i] == ' ')
            i++;
        for (k = i; k < v.len && v.ptr[k] != ' '; k++)
            ;
        if (k > i) {
            x12_str t = {v.ptr + i, k - i};
            begin(x, q->seg);
            el(x, q->qual);
            empties(x, q->el - 2);
            elv(x, t);
            end(x);
        }
        i = k;
    }
}

/* The field table's segments of object obj with id `seg`, in the table's
 * order (which is the guide's): SEG*qualifier*value (REF, AMT, QTY, ...)
 * and DTP*qualifier*D8*date.  f are the object's text fields; for an
 * object of amounts, amt and has (f NULL). */
static void table_segments_in(wctx *x, int obj, const char *seg, int in2410, const x12_str *f,
                              const int64_t *amt, const unsigned char *has)
{
    unsigned i;

    for (i = x->sfirst[obj]; i < x->sfirst[obj + 1]; i++) {
        const c8_fdesc *d = &c8_ftab[x->simple[i]];
        const c8_fpos *q = c8_pos(d, x->p);

        if (strcmp(q->seg, seg) != 0 || (strcmp(q->loop, "2410") == 0) != in2410)
            continue;
        if (f == NULL) {
            if (!has[d->field])
                continue;
        } else if (f[d->field].len == 0 && !(q->how == C8W_RD8 && f[d->field + 1].len)) {
            continue;
        }
        if (q->how == C8W_DTP) {
            x12_str none = {"", 0};
            dtp(x, q->qual, f[d->field], none);
            continue;
        }
        if (q->how == C8W_LIST) {
            list_segments(x, q, f[d->field]);
            continue;
        }
        if (q->how == C8W_RD8) {
            rd8(x, q, f[d->field], f[d->field + 1]);
            continue;
        }
        begin(x, q->seg);
        el(x, q->qual);
        empties(x, q->el - 2);
        if (f == NULL)
            cents(x, amt[d->field]);
        else
            elv(x, f[d->field]);
        end(x);
    }
}

/* Which of the positional segments (wctx.pos) row d is an element of, or
 * -1. */
static int pos_segment_of(const c8_fdesc *d, const c8_fpos *q)
{
    int line = d->obj == C8O_LINE || d->obj == C8O_LINE_AMT;

    if (q == NULL || q->how != C8W_CODE || q->el > C8_PS_MAXEL ||
        !(d->obj == C8O_CLAIM || d->obj == C8O_CLAIM_AMT || line))
        return -1;
    if (strcmp(q->seg, "CN1") == 0)
        return line ? C8_PS_LINE_CN1 : C8_PS_CLAIM_CN1;
    if (strcmp(q->seg, "HCP") == 0)
        return line ? C8_PS_LINE_HCP : C8_PS_CLAIM_HCP;
    return -1;
}

static int is_amount_row(const c8_fdesc *d)
{
    return d->obj == C8O_CLAIM_AMT || d->obj == C8O_LINE_AMT;
}

/* Segment k of wctx.pos, when any of its fields is set: each element from
 * its row, f the object's text fields, amt and has its amounts. */
static void pos_segment(wctx *x, int k, const char *seg, const x12_str *f, const int64_t *amt,
                        const unsigned char *has)
{
    unsigned e, n = 0;
    int any = 0;

    for (e = 1; e <= C8_PS_MAXEL; e++) {
        const c8_fdesc *d;
        if (x->pos[k][e] == 0)
            continue;
        d = &c8_ftab[x->pos[k][e] - 1];
        n = e;
        if (is_amount_row(d) ? has[d->field] != 0 : f[d->field].len != 0)
            any = 1;
    }
    if (!any)
        return;
    begin(x, seg);
    for (e = 1; e <= n; e++) {
        const c8_fdesc *d = x->pos[k][e] ? &c8_ftab[x->pos[k][e] - 1] : NULL;
        if (d == NULL)
            el(x, "");
        else if (!is_amount_row(d))
            elv(x, f[d->field]);
        else if (has[d->field])
            cents(x, amt[d->field]);
        else
            el(x, "");
    }
    end(x);
}

/* The rows of every loop but the 2410 drug's (which has its own call). */
static void table_segments(wctx *x, int obj, const char *seg, const x12_str *f,
                           const int64_t *amt, const unsigned char *has)
{
    table_segments_in(x, obj, seg, 0, f, amt, has);
}

static void hl(wctx *x, uint64_t id, uint64_t parent, const char *level, int child)
{
    begin(x, "HL");
    num(x, id);
    if (parent)
        num(x, parent);
    else
        el(x, "");
    el(x, level);
    el(x, child ? "1" : "0");
    end(x);
}

/* ---- envelope and header -------------------------------------------------------- */

static const char *version(const wctx *x)
{
    return x->p ? "005010X222A1" : "005010X223A2";
}

static void open_set(wctx *x)
{
    x12_batch *b = x->b;
    char ctl[16];

    snprintf(ctl, sizeof ctl, "%04llu", (unsigned long long)x->st02++);
    begin(x, "ST");
    el(x, "837");
    elc(x, ctl);
    el(x, version(x));
    end(x);
    begin(x, "BHT");
    el(x, "0019");
    elv(x, def(b->f[X12_BATCH_PURPOSE], "00"));
    elv(x, b->f[X12_BATCH_REFERENCE]);
    elv(x, b->f[X12_BATCH_DATE]);
    elv(x, b->f[X12_BATCH_TIME]);
    elv(x, def(b->f[X12_BATCH_TRANSACTION_TYPE], "CH"));
    end(x);
    c8_party_view(&b->submitter, &x->v);
    nm1(x, "41", &x->v, "46");
    per(x, &x->v, 1);
    c8_party_view(&b->receiver, &x->v);
    nm1(x, "40", &x->v, "46");
    x->set_open = 1;
    x->hl = 0;
    x->in_set = 0;
    x->bp = 0;
    x->sub = 0;
    x->pat = 0;
}

static void close_set(wctx *x)
{
    if (x->st == X12_OK)
        x->st = x12_writer_close_set(x->w);
    x->set_open = 0;
}

static void write_isa_gs(wctx *x)
{
    x12_batch *b = x->b;
    char ctl[16], yymmdd[8];
    x12_str d = b->f[X12_BATCH_DATE];

    snprintf(ctl, sizeof ctl, "%09llu", (unsigned long long)b->opt[X12_BATCHOPT_ISA13]);
    snprintf(yymmdd, sizeof yymmdd, "%.6s", d.len == 8 ? d.ptr + 2 : "");
    begin(x, "ISA");
    el(x, "00");
    el(x, "");
    el(x, "00");
    el(x, "");
    elv(x, def(b->f[X12_BATCH_SENDER_QUALIFIER], "ZZ"));
    elv(x, b->f[X12_BATCH_SENDER_ID]);
    elv(x, def(b->f[X12_BATCH_RECEIVER_QUALIFIER], "ZZ"));
    elv(x, b->f[X12_BATCH_RECEIVER_ID]);
    elc(x, yymmdd);
    elv(x, b->f[X12_BATCH_TIME]);
    el(x, ""); /* ISA11: the writer's repetition separator */
    el(x, "00501");
    elc(x, ctl);
    el(x, b->opt[X12_BATCHOPT_ACK_REQUESTED] ? "1" : "0");
    el(x, b->opt[X12_BATCHOPT_PRODUCTION] ? "P" : "T");
    el(x, ""); /* ISA16: the writer's component separator */
    end(x);
    begin(x, "GS");
    el(x, "HC");
    elv(x, def(b->f[X12_BATCH_GS_SENDER], b->f[X12_BATCH_SENDER_ID].ptr));
    elv(x, def(b->f[X12_BATCH_GS_RECEIVER], b->f[X12_BATCH_RECEIVER_ID].ptr));
    elv(x, b->f[X12_BATCH_DATE]);
    elv(x, b->f[X12_BATCH_TIME]);
    num(x, b->opt[X12_BATCHOPT_GS06]);
    el(x, "X");
    el(x, version(x));
    end(x);
}

/* ---- hierarchical levels -------------------------------------------------------- */

static void write_provider(wctx *x, const x12_billing_provider *bp)
{
    const c8_pview *p = &x->v;

    c8_party_view(&bp->party, &x->v);

    x->bp_hl = ++x->hl;
    hl(x, x->bp_hl, 0, "20", 1);
    if (p->f[X12_PARTY_TAXONOMY].len) {
        begin(x, "PRV");
        el(x, "BI");
        el(x, "PXC");
        elv(x, p->f[X12_PARTY_TAXONOMY]);
        end(x);
    }
    if (p->f[X12_PARTY_CURRENCY].len) {
        begin(x, "CUR");
        el(x, "85");
        elv(x, p->f[X12_PARTY_CURRENCY]);
        end(x);
    }
    nm1(x, "85", p, "XX");
    address(x, p);
    party_refs(x, p, "2010AA");
    per(x, p, 0);
    c8_party_view(&bp->payto, &x->v2);
    if (x->v2.f[X12_PARTY_ADDRESS1].len) {
        begin(x, "NM1");
        el(x, "87");
        el(x, x->v2.entity == X12_ENTITY_PERSON ? "1" : "2");
        end(x);
        address(x, &x->v2);
    }
    c8_party_view(&bp->payto_plan, &x->v2);
    if (c8_fields_any(&bp->payto_plan.fl)) {
        nm1(x, "PE", &x->v2, "PI");
        address(x, &x->v2);
        party_refs(x, &x->v2, "2010AC");
    }
    x->bp = bp->serial;
    x->sub = 0;
    x->pat = 0;
}

/* The 837P patient information after PAT01-PAT04 (those the caller
 * wrote): PAT05/06 the death date, PAT07/08 the weight in pounds, PAT09
 * the pregnancy indicator. */
static void pat_info(wctx *x, const c8_pview *p)
{
    x12_str d = p->f[X12_PARTY_DEATH_DATE], w = p->f[X12_PARTY_WEIGHT];

    el(x, d.len ? "D8" : "");
    elv(x, d);
    el(x, w.len ? "01" : "");
    elv(x, w);
    elv(x, p->f[X12_PARTY_PREGNANT]);
}

static int has_pat_info(const wctx *x, const c8_pview *p)
{
    return x->p && (p->f[X12_PARTY_DEATH_DATE].len || p->f[X12_PARTY_WEIGHT].len ||
                    p->f[X12_PARTY_PREGNANT].len);
}

static void write_subscriber(wctx *x, const x12_subscriber *s, int patients)
{
    x12_str f[C8_SUB_NF + 1];

    c8_fields_unpack(&s->fl, f, C8_SUB_NF + 1);
    x->sub_hl = ++x->hl;
    hl(x, x->sub_hl, x->bp_hl, "22", patients);
    begin(x, "SBR");
    elv(x, f[X12_SUB_RESPONSIBILITY]);
    el(x, patients ? "" : "18");
    elv(x, f[X12_SUB_GROUP_NUMBER]);
    elv(x, f[X12_SUB_GROUP_NAME]);
    if (x->p)
        elv(x, f[X12_SUB_INSURANCE_TYPE]);
    else
        el(x, "");
    empties(x, 3);
    elv(x, f[X12_SUB_FILING_INDICATOR]);
    end(x);
    c8_party_view(&s->party, &x->v);
    if (!patients && has_pat_info(x, &x->v)) {
        /* the subscriber is the patient */
        begin(x, "PAT");
        empties(x, 4);
        pat_info(x, &x->v);
        end(x);
    }
    nm1(x, "IL", &x->v, "MI");
    address(x, &x->v);
    dmg(x, &x->v);
    party_refs(x, &x->v, "2010BA");
    loop_per(x, &x->v, "2010BA");
    c8_party_view(&s->payer, &x->v);
    nm1(x, "PR", &x->v, "PI");
    address(x, &x->v);
    party_refs(x, &x->v, "2010BB");
    x->sub = s->serial;
    x->sub_patients = patients;
    x->pat = 0;
}

static void write_patient(wctx *x, const x12_patient *pt)
{
    hl(x, ++x->hl, x->sub_hl, "23", 0);
    c8_party_view(&pt->party, &x->v);
    begin(x, "PAT");
    elv(x, pt->rel);
    if (has_pat_info(x, &x->v)) {
        empties(x, 3);
        pat_info(x, &x->v);
    }
    end(x);
    nm1(x, "QC", &x->v, NULL);
    address(x, &x->v);
    dmg(x, &x->v);
    party_refs(x, &x->v, "2010CA");
    loop_per(x, &x->v, "2010CA");
    x->pat = pt->serial;
}

/* Makes sure the set has room and the levels above the claim are written. */
static void claim_context(wctx *x, const x12_billing_provider *bp, const x12_subscriber *s,
                          const x12_patient *pt)
{
    uint64_t max = x->b->opt[X12_BATCHOPT_MAX_CLAIMS_PER_SET];

    if (x->set_open && max && x->in_set >= max)
        close_set(x);
    if (!x->set_open)
        open_set(x);
    if (x->bp != bp->serial)
        write_provider(x, bp);
    if (x->sub != s->serial || x->sub_patients != (pt != NULL))
        write_subscriber(x, s, pt != NULL);
    if (pt != NULL && x->pat != pt->serial)
        write_patient(x, pt);
    x->in_set++;
}

/* ---- claims ---------------------------------------------------------------------- */

/* HI segments of one qualifier family, 12 composites per segment. */
typedef struct hi_state {
    int open;
    int n;
} hi_state;

static void hi_add(wctx *x, hi_state *h, const char *qual)
{
    if (h->open && h->n == 12) {
        end(x);
        h->open = 0;
    }
    if (!h->open) {
        begin(x, "HI");
        h->open = 1;
        h->n = 0;
    }
    el(x, qual);
    h->n++;
}

static void hi_end(wctx *x, hi_state *h)
{
    if (h->open)
        end(x);
    h->open = 0;
}

static void poa(wctx *x, char c)
{
    char s[2] = {c, '\0'};

    if (c == 0)
        return;
    comp(x, ""); /* 03 */
    comp(x, ""); /* 04 */
    comp(x, "");                /* 05 */
    comp(x, "");                /* 06 */
    comp(x, "");                /* 07 */
    comp(x, "");                /* 08 */
    compc(x, s);                 /* 09 */
}

/* HI segments of the diagnoses, and the 837I DRG (HI*DR, after the
 * reasons for visit and before the other diagnoses, in the guide's
 * order). */
static void write_diagnoses(wctx *x, const x12_claim *c, const x12_str *cf)
{
    static const struct {
        x12_dx_kind kind;
        const char *first, *icd9;
    } order_p[] = {{X12_DX_PRINCIPAL, "ABK", "BK"}, {X12_DX_OTHER, "ABF", "BF"}},
      order_i[] = {{X12_DX_PRINCIPAL, "ABK", "BK"},
                   {X12_DX_ADMITTING, "ABJ", "BJ"},
                   {X12_DX_REASON, "APR", "PR"},
                   {X12_DX_EXTERNAL_CAUSE, "ABN", "BN"},
                   {X12_DX_OTHER, "ABF", "BF"}};
    hi_state h = {0, 0};
    size_t i, k, n = x->p ? 2 : 5;
    /* ICD-9-CM qualifiers for a claim of services before 2015-10-01 */
    int icd9 = c8_claim_code_set(c, x->p) == C8_CS_ICD9;

    for (k = 0; k < n; k++) {
        x12_dx_kind kind = x->p ? order_p[k].kind : order_i[k].kind;
        const char *q = x->p ? (icd9 ? order_p[k].icd9 : order_p[k].first)
                             : (icd9 ? order_i[k].icd9 : order_i[k].first);
        /* 837P: principal and others share one HI (pointers count across
         * it); 837I: one HI per qualifier family. */
        if (!x->p || kind == X12_DX_PRINCIPAL)
            hi_end(x, &h);
        if (!x->p && kind == X12_DX_OTHER && cf[X12_CLAIM_DRG].len) {
            begin(x, "HI");
            el(x, "DR");
            compv(x, cf[X12_CLAIM_DRG]);
            end(x);
        }
        for (i = 0; i < c->ndx; i++) {
            if (c->dx[i].kind != kind)
                continue;
            hi_add(x, &h, q);
            compv(x, c->dx[i].code);
            if (!x->p)
                poa(x, c->dx[i].poa);
            if (kind == X12_DX_PRINCIPAL)
                break; /* one principal */
        }
    }
    hi_end(x, &h);
}

/* The coded items in the guide's order of their HI segments: the 837I's
 * procedures, occurrences, values, conditions and treatment codes; the
 * 837P's anesthesia related procedures (BP, then BO) and conditions. */
static void write_codes(wctx *x, const x12_claim *c)
{
    static const struct {
        x12_code_kind kind;
        const char *qual;
    } order_i[] = {{X12_CODE_PRINCIPAL_PROCEDURE, "BBR"}, {X12_CODE_OTHER_PROCEDURE, "BBQ"},
                   {X12_CODE_OCCURRENCE_SPAN, "BI"},      {X12_CODE_OCCURRENCE, "BH"},
                   {X12_CODE_VALUE, "BE"},                {X12_CODE_CONDITION, "BG"},
                   {X12_CODE_TREATMENT, "TC"}},
      order_p[] = {{X12_CODE_ANESTHESIA_PROCEDURE, "BP"}, {X12_CODE_CONDITION, "BG"}};
    hi_state h = {0, 0};
    size_t i, k, n = x->p ? 2 : 7, nk;
    char buf[40];
    int icd9 = c8_claim_code_set(c, x->p) == C8_CS_ICD9;

    for (k = 0; k < n; k++) {
        x12_code_kind kind = x->p ? order_p[k].kind : order_i[k].kind;
        hi_end(x, &h);
        for (i = 0, nk = 0; i < c->ncodes; i++) {
            const c8_code *d = &c->codes[i];
            if (d->kind != kind)
                continue;
            if (kind == X12_CODE_ANESTHESIA_PROCEDURE)
                hi_add(x, &h, nk++ ? "BO" : "BP");
            else if (icd9 && kind == X12_CODE_PRINCIPAL_PROCEDURE)
                hi_add(x, &h, "BR"); /* ICD-9-CM procedures */
            else if (icd9 && kind == X12_CODE_OTHER_PROCEDURE)
                hi_add(x, &h, "BQ");
            else
                hi_add(x, &h, x->p ? order_p[k].qual : order_i[k].qual);
            compv(x, d->code);
            switch (d->kind) {
            case X12_CODE_PRINCIPAL_PROCEDURE:
            case X12_CODE_OTHER_PROCEDURE:
            case X12_CODE_OCCURRENCE:
                comp(x, "D8");
                compv(x, d->date);
                break;
            case X12_CODE_OCCURRENCE_SPAN:
                snprintf(buf, sizeof buf, "%.*s-%.*s", (int)d->date.len, d->date.ptr,
                         (int)d->date2.len, d->date2.ptr);
                comp(x, "RD8");
                compc(x, buf);
                break;
            case X12_CODE_VALUE: {
                char amt[32];
                /* same text as x12_writer_add_cents: trailing zeros dropped */
                x12i_cents_x12(amt, d->cents);
                comp(x, "");
                comp(x, "");
                compc(x, amt);
                break;
            }
            default:
                break;
            }
        }
    }
    hi_end(x, &h);
}

/* A claim (2310x) or line (2420x) provider: NM1, PRV with the taxonomy
 * when `prv` names its qualifier, N3/N4 for a service facility and the
 * ambulance locations (and an ordering provider that has an address).
 * Nothing when neither name, id nor address is set. */
static void role_provider(wctx *x, const x12_party *party, x12_claim_role r, const char *code,
                          const char *prv, int line)
{
    const char *loop = c8_role_loop(x->p, r, line);
    const c8_pview *p = &x->v;

    if (party == NULL || !c8_role_written(party))
        return;
    c8_party_view(party, &x->v);
    nm1(x, code, p, "XX");
    if (prv != NULL && p->f[X12_PARTY_TAXONOMY].len) {
        begin(x, "PRV");
        el(x, prv);
        el(x, "PXC");
        elv(x, p->f[X12_PARTY_TAXONOMY]);
        end(x);
    }
    if (r == X12_ROLE_SERVICE_FACILITY || r == X12_ROLE_AMBULANCE_PICKUP ||
        r == X12_ROLE_AMBULANCE_DROPOFF ||
        (r == X12_ROLE_ORDERING && p->f[X12_PARTY_ADDRESS1].len))
        address(x, p);
    if (loop != NULL) {
        party_refs(x, p, loop);
        loop_per(x, p, loop);
    }
}

/* PWK of a claim or a line: report type, transmission, AC and the control
 * number. */
static void write_attachments(wctx *x, const x12_attachment *a)
{
    x12_str f[C8_NF_ATT + 1];

    for (; a != NULL; a = a->next) {
        c8_fields_unpack(&a->fl, f, C8_NF_ATT + 1);
        begin(x, "PWK");
        elv(x, f[X12_ATT_REPORT_TYPE]);
        elv(x, f[X12_ATT_TRANSMISSION]);
        if (f[X12_ATT_CONTROL_NUMBER].len) {
            empties(x, 2);
            el(x, "AC");
            elv(x, f[X12_ATT_CONTROL_NUMBER]);
        }
        end(x);
    }
}

/* CR1 (837P ambulance transport) of a claim or a line: LB with the weight,
 * DH with the miles.  `fields` is c8_amb_claim or c8_amb_line. */
static void write_cr1(wctx *x, const x12_str *f, const int *fields)
{
    x12_str w = f[fields[C8_AMB_WEIGHT]], mi = f[fields[C8_AMB_MILES]];
    int k, any = 0;

    for (k = C8_AMB_WEIGHT; k <= C8_AMB_STRETCHER; k++)
        any |= f[fields[k]].len != 0;
    if (!any)
        return;
    begin(x, "CR1");
    el(x, w.len ? "LB" : "");
    elv(x, w);
    el(x, "");
    elv(x, f[fields[C8_AMB_REASON]]);
    el(x, mi.len ? "DH" : "");
    elv(x, mi);
    empties(x, 2);
    elv(x, f[fields[C8_AMB_ROUND_TRIP]]);
    elv(x, f[fields[C8_AMB_STRETCHER]]);
    end(x);
}

/* CRC*07*Y (conditions met), then CRC*07*N, five condition codes to a
 * segment. */
/* CRC*category*answer*codes (space-separated, one element each), or
 * *fixed_code when the guide has one; nothing when neither the answer nor
 * a code is given. */
static void write_crc(wctx *x, const char *cat, x12_str answer, x12_str codes,
                      const char *fixed_code)
{
    size_t i = 0, j;

    if (answer.len == 0 && codes.len == 0)
        return;
    begin(x, "CRC");
    el(x, cat);
    elv(x, answer);
    if (fixed_code != NULL)
        el(x, fixed_code);
    while (fixed_code == NULL && i < codes.len) {
        while (i < codes.len && codes.ptr[i] == ' ')
            i++;
        for (j = i; j < codes.len && codes.ptr[j] != ' '; j++)
            ;
        if (j > i) {
            x12_str t = {codes.ptr + i, j - i};
            elv(x, t);
        }
        i = j;
    }
    end(x);
}

static void write_crc07(wctx *x, const x12_str *f, const int *fields)
{
    static const char *const answer[2] = {"Y", "N"};
    int k;

    for (k = 0; k < 2; k++) {
        x12_str v = f[fields[k ? C8_AMB_UNMET : C8_AMB_MET]];
        size_t i = 0, j, n = 0;

        while (i < v.len) {
            while (i < v.len && v.ptr[i] == ' ')
                i++;
            for (j = i; j < v.len && v.ptr[j] != ' '; j++)
                ;
            if (j > i) {
                x12_str t = {v.ptr + i, j - i};
                if (n % 5 == 0) {
                    if (n)
                        end(x);
                    begin(x, "CRC");
                    el(x, "07");
                    el(x, answer[k]);
                }
                elv(x, t);
                n++;
            }
            i = j;
        }
        if (n)
            end(x);
    }
}

static void claim_provider(wctx *x, const x12_claim *c, x12_claim_role r, const char *code,
                           const char *prv)
{
    role_provider(x, c8_claim_role(c, r), r, code, prv, 0);
}

/* One CAS per group (in order of first appearance), six adjustments per
 * segment: claim level (2320) and line level (2430). */
static void write_cas(wctx *x, const c8_adj *adj, size_t nadj)
{
    size_t i, k;

    for (i = 0; i < nadj; i++) {
        int n = 0, seen = 0;
        const x12_str g = adj[i].group;
        for (k = 0; k < i && !seen; k++)
            seen = adj[k].group.len == g.len && memcmp(adj[k].group.ptr, g.ptr, g.len) == 0;
        if (seen)
            continue;
        for (k = i; k < nadj; k++) {
            const c8_adj *a = &adj[k];
            if (a->group.len != g.len || memcmp(a->group.ptr, g.ptr, g.len) != 0)
                continue;
            if (n == 6) {
                end(x);
                n = 0;
            }
            if (n == 0) {
                begin(x, "CAS");
                elv(x, g);
            }
            elv(x, a->reason);
            cents(x, a->cents);
            elv(x, a->quantity);
            n++;
        }
        end(x);
    }
}

/* An amount element of MOA or MIA: empty when not given. */
static void opt_cents(wctx *x, const x12_other_payer *op, x12_other_payer_amount a)
{
    if (op->has_amt[a])
        cents(x, op->amt[a]);
    else
        el(x, "");
}

/* n elements from the space-separated remark codes in v, starting at its
 * k-th (0-based) code; the elements past the codes empty. */
static void remark_elements(wctx *x, x12_str v, size_t k, size_t n)
{
    size_t i = 0, j, c = 0;

    while (n > 0 && i < v.len) {
        while (i < v.len && v.ptr[i] == ' ')
            i++;
        for (j = i; j < v.len && v.ptr[j] != ' '; j++)
            ;
        if (j > i && c++ >= k) {
            x12_str t = {v.ptr + i, j - i};
            elv(x, t);
            n--;
        }
        i = j;
    }
    empties(x, (int)n);
}

/* MOA: what the other payer reported of an outpatient claim (rate,
 * HCPCS payable amount, five remark codes, ESRD payment, professional
 * component not payable); written when any of it is given. */
static void write_moa(wctx *x, const x12_other_payer *op)
{
    if (op->f[X12_OP_REIMBURSEMENT_RATE].len == 0 && op->f[X12_OP_OUTPATIENT_REMARKS].len == 0 &&
        !op->has_amt[X12_OPAMT_HCPCS_PAYABLE] && !op->has_amt[X12_OPAMT_ESRD_PAYMENT] &&
        !op->has_amt[X12_OPAMT_OUTPATIENT_PROFESSIONAL_NONPAYABLE])
        return;
    begin(x, "MOA");
    elv(x, op->f[X12_OP_REIMBURSEMENT_RATE]);
    opt_cents(x, op, X12_OPAMT_HCPCS_PAYABLE);
    remark_elements(x, op->f[X12_OP_OUTPATIENT_REMARKS], 0, 5);
    opt_cents(x, op, X12_OPAMT_ESRD_PAYMENT);
    opt_cents(x, op, X12_OPAMT_OUTPATIENT_PROFESSIONAL_NONPAYABLE);
    end(x);
}

/* 837I MIA: what the other payer reported of an inpatient claim; written
 * when any of it is given (MIA01, covered days, is required then: an
 * edit).  The elements in the guide's order: MIA05 holds the first remark
 * code, MIA20-23 the others. */
static void write_mia(wctx *x, const x12_other_payer *op)
{
    static const unsigned char a2_14[] = {
        X12_OPAMT_PPS_CAPITAL_FSP_DRG, X12_OPAMT_PPS_CAPITAL_HSP_DRG,
        X12_OPAMT_PPS_CAPITAL_DSH_DRG, X12_OPAMT_OLD_CAPITAL,
        X12_OPAMT_PPS_CAPITAL_IME,     X12_OPAMT_PPS_OPERATING_HSP_DRG};
    static const unsigned char a16_19[] = {
        X12_OPAMT_PPS_OPERATING_FSP_DRG, X12_OPAMT_PPS_CAPITAL_OUTLIER,
        X12_OPAMT_INDIRECT_TEACHING, X12_OPAMT_INPATIENT_PROFESSIONAL_NONPAYABLE};
    int any = op->f[X12_OP_COVERED_DAYS].len || op->f[X12_OP_LIFETIME_PSYCHIATRIC_DAYS].len ||
              op->f[X12_OP_COST_REPORT_DAYS].len || op->f[X12_OP_INPATIENT_REMARKS].len;
    size_t i;

    for (i = X12_OPAMT_PPS_OPERATING_OUTLIER; i <= X12_OPAMT_PPS_CAPITAL_EXCEPTION && !any; i++)
        any = op->has_amt[i];
    if (!any)
        return;
    begin(x, "MIA");
    elv(x, op->f[X12_OP_COVERED_DAYS]);
    opt_cents(x, op, X12_OPAMT_PPS_OPERATING_OUTLIER);
    elv(x, op->f[X12_OP_LIFETIME_PSYCHIATRIC_DAYS]);
    opt_cents(x, op, X12_OPAMT_DRG_AMOUNT);
    remark_elements(x, op->f[X12_OP_INPATIENT_REMARKS], 0, 1);
    opt_cents(x, op, X12_OPAMT_DISPROPORTIONATE_SHARE);
    opt_cents(x, op, X12_OPAMT_MSP_PASS_THROUGH);
    opt_cents(x, op, X12_OPAMT_PPS_CAPITAL);
    for (i = 0; i < sizeof a2_14; i++)
        opt_cents(x, op, (x12_other_payer_amount)a2_14[i]);
    elv(x, op->f[X12_OP_COST_REPORT_DAYS]);
    for (i = 0; i < sizeof a16_19; i++)
        opt_cents(x, op, (x12_other_payer_amount)a16_19[i]);
    remark_elements(x, op->f[X12_OP_INPATIENT_REMARKS], 1, 4);
    opt_cents(x, op, X12_OPAMT_PPS_CAPITAL_EXCEPTION);
    end(x);
}

static void write_other_payer(wctx *x, const x12_other_payer *op)
{
    begin(x, "SBR");
    elv(x, op->f[X12_OP_RESPONSIBILITY]);
    elv(x, op->f[X12_OP_RELATIONSHIP]);
    elv(x, op->f[X12_OP_GROUP_NUMBER]);
    elv(x, op->f[X12_OP_GROUP_NAME]);
    if (x->p) /* the 837I has no 2320 SBR05 (the edits say so) */
        elv(x, op->f[X12_OP_INSURANCE_TYPE]);
    else
        el(x, "");
    empties(x, 3);
    elv(x, op->f[X12_OP_FILING_INDICATOR]);
    end(x);
    write_cas(x, op->adj, op->nadj);
    table_segments(x, C8O_OP_AMT, "AMT", NULL, op->amt, op->has_amt);
    begin(x, "OI");
    empties(x, 2);
    elv(x, def(op->f[X12_OP_BENEFITS_ASSIGNMENT], "Y"));
    if (x->p) /* OI04 is the 837P's only (the edits say so) */
        elv(x, op->f[X12_OP_PATIENT_SIGNATURE]);
    else
        el(x, "");
    el(x, "");
    elv(x, def(op->f[X12_OP_RELEASE], "Y"));
    end(x);
    if (!x->p)
        write_mia(x, op);
    write_moa(x, op);
    c8_party_view(&op->sub, &x->v);
    nm1(x, "IL", &x->v, "MI");
    address(x, &x->v);
    party_refs(x, &x->v, "2330A"); /* the SSN (REF*SY) */
    c8_party_view(&op->payer, &x->v);
    nm1(x, "PR", &x->v, "PI");
    address(x, &x->v);
    table_segments(x, C8O_OP, "DTP", op->f, NULL, NULL);
    party_refs(x, &x->v, "2330B");
    table_segments(x, C8O_OP, "REF", op->f, NULL, NULL);
    /* 2330C-I: NM1 with the entity only, then the secondary ids */
    if (op->roles != NULL) {
        const int *r;
        for (r = c8_op_roles(x->p); *r; r++) {
            const x12_party *party = op->roles[*r];
            const char *code, *loop = c8_op_role_loop(x->p, (x12_claim_role)*r, &code);
            if (!c8_op_provider_used(party))
                continue;
            c8_party_view(party, &x->v);
            begin(x, "NM1");
            el(x, code);
            el(x, x->v.entity == X12_ENTITY_PERSON ? "1" : "2");
            end(x);
            party_refs(x, &x->v, loop);
        }
    }
}

/* 2430: SVD, CAS, DTP*573, AMT*EAF.  The procedure, revenue code and
 * units default to the line's (lf). */
static void write_adjudication(wctx *x, const x12_str *lf, const x12_service_line *l,
                               const x12_line_adjudication *a)
{
    x12_str f[C8_LA_NF + 1], proc;
    const c8_strs *mods = &a->mods;
    size_t i;

    c8_fields_unpack(&a->fl, f, C8_LA_NF + 1);
    proc = f[X12_LA_PROCEDURE];
    if (proc.len == 0) {
        proc = lf[X12_LINE_PROCEDURE];
        mods = &l->mods;
    }
    begin(x, "SVD");
    elv(x, f[X12_LA_PAYER_ID]);
    cents(x, a->amt[X12_LAAMT_PAID]);
    if (proc.len) {
        el(x, "HC");
        compv(x, proc);
        for (i = 0; i < mods->n; i++)
            compv(x, mods->v[i]);
    } else {
        el(x, "");
    }
    if (x->p)
        el(x, "");
    else
        elv(x, f[X12_LA_REVENUE_CODE].len ? f[X12_LA_REVENUE_CODE] : lf[X12_LINE_REVENUE_CODE]);
    elv(x, f[X12_LA_UNITS].len ? f[X12_LA_UNITS] : def(lf[X12_LINE_UNITS], "1"));
    elv(x, f[X12_LA_BUNDLED_LINE]);
    end(x);
    write_cas(x, a->adj, a->nadj);
    table_segments(x, C8O_LA, "DTP", f, NULL, NULL);
    table_segments(x, C8O_LA_AMT, "AMT", NULL, a->amt, a->has_amt);
}

static void write_line(wctx *x, const x12_str *cf, const x12_service_line *l, size_t n)
{
    x12_str f[C8_LINE_NF + 1], from, to;
    const x12_line_adjudication *a;
    size_t i;

    c8_fields_unpack(&l->fl, f, C8_LINE_NF + 1);
    from = f[X12_LINE_SERVICE_FROM];
    to = f[X12_LINE_SERVICE_TO];

    begin(x, "LX");
    num(x, n);
    end(x);
    if (x->p) {
        begin(x, "SV1");
        el(x, "HC");
        compv(x, f[X12_LINE_PROCEDURE]);
        for (i = 0; i < l->mods.n; i++)
            compv(x, l->mods.v[i]);
        cents(x, l->amt[X12_LINEAMT_CHARGE]);
        elv(x, def(f[X12_LINE_UNIT], "UN"));
        elv(x, def(f[X12_LINE_UNITS], "1"));
        elv(x, f[X12_LINE_PLACE_OF_SERVICE]);
        el(x, "");
        for (i = 0; i < l->nptrs; i++) {
            if (i == 0)
                num(x, l->ptrs[0]);
            else {
                char b[16];
                snprintf(b, sizeof b, "%u", l->ptrs[i]);
                compc(x, b);
            }
        }
        if (l->nptrs == 0)
            el(x, "");
        el(x, "");
        elv(x, f[X12_LINE_EMERGENCY]);
        end(x);
        if (f[X12_LINE_DME_PROCEDURE].len) {
            begin(x, "SV5");
            el(x, "HC");
            compv(x, f[X12_LINE_DME_PROCEDURE]);
            el(x, "DA");
            elv(x, f[X12_LINE_DME_DAYS]);
            cents(x, l->amt[X12_LINEAMT_DME_RENTAL_PRICE]);
            cents(x, l->amt[X12_LINEAMT_DME_PURCHASE_PRICE]);
            elv(x, f[X12_LINE_DME_FREQUENCY]);
            end(x);
        }
    } else {
        begin(x, "SV2");
        elv(x, f[X12_LINE_REVENUE_CODE]);
        if (f[X12_LINE_PROCEDURE].len) {
            el(x, "HC");
            compv(x, f[X12_LINE_PROCEDURE]);
            for (i = 0; i < l->mods.n; i++)
                compv(x, l->mods.v[i]);
        } else {
            el(x, "");
        }
        cents(x, l->amt[X12_LINEAMT_CHARGE]);
        elv(x, def(f[X12_LINE_UNIT], "UN"));
        elv(x, def(f[X12_LINE_UNITS], "1"));
        if (l->has_amt[X12_LINEAMT_NONCOVERED]) {
            el(x, "");
            cents(x, l->amt[X12_LINEAMT_NONCOVERED]);
        }
        end(x);
    }
    write_attachments(x, l->att_first); /* both guides: right after SV1/SV5 or SV2 */
    if (x->p) {
        if (f[X12_LINE_DME_CMN].len) {
            begin(x, "PWK");
            el(x, "CT");
            elv(x, f[X12_LINE_DME_CMN]);
            end(x);
        }
        write_cr1(x, f, c8_amb_line);
        if (f[X12_LINE_DME_CERT_TYPE].len || f[X12_LINE_DME_CERT_MONTHS].len) {
            begin(x, "CR3");
            elv(x, f[X12_LINE_DME_CERT_TYPE]);
            el(x, "MO");
            elv(x, f[X12_LINE_DME_CERT_MONTHS]);
            end(x);
        }
        write_crc07(x, f, c8_amb_line);
        write_crc(x, "70", f[X12_LINE_HOSPICE_EMPLOYEE], f[X12_LINE_HOSPICE_EMPLOYEE], "65");
        write_crc(x, "09", f[X12_LINE_DME_CONDITION], f[X12_LINE_DME_CONDITIONS], NULL);
    }
    if (from.len == 0 && x->p) {
        from = cf[X12_CLAIM_SERVICE_FROM];
        to = cf[X12_CLAIM_SERVICE_TO];
    }
    dtp(x, "472", from, to);
    table_segments(x, C8O_LINE, "DTP", f, NULL, NULL);
    table_segments(x, C8O_LINE, "QTY", f, NULL, NULL);
    if (x->p && f[X12_LINE_TEST_RESULTS].len) {
        /* MEA*code*qualifier*value, one per space-separated result */
        x12_str r = f[X12_LINE_TEST_RESULTS];
        size_t at = 0, k, c1, c2;

        while (at < r.len) {
            while (at < r.len && r.ptr[at] == ' ')
                at++;
            for (k = at; k < r.len && r.ptr[k] != ' '; k++)
                ;
            if (k == at)
                break;
            for (c1 = at; c1 < k && r.ptr[c1] != ':'; c1++)
                ;
            for (c2 = c1 + 1; c2 < k && r.ptr[c2] != ':'; c2++)
                ;
            if (c2 < k) { /* the edits refuse anything else */
                begin(x, "MEA");
                elv(x, (x12_str){r.ptr + at, c1 - at});
                elv(x, (x12_str){r.ptr + c1 + 1, c2 - c1 - 1});
                elv(x, (x12_str){r.ptr + c2 + 1, k - c2 - 1});
                end(x);
            }
            at = k;
        }
    }
    pos_segment(x, C8_PS_LINE_CN1, "CN1", f, l->amt, l->has_amt); /* 837P */
    table_segments(x, C8O_LINE, "REF", f, NULL, NULL);
    table_segments(x, C8O_LINE_AMT, "AMT", NULL, l->amt, l->has_amt);
    if (x->p)
        file_info(x, f[X12_LINE_FILE_INFORMATION]);
    if (x->p)
        note(x, f[X12_LINE_NOTE_CODE], f[X12_LINE_NOTE]);
    table_segments(x, C8O_LINE, "NTE", f, NULL, NULL);
    if (x->p && (f[X12_LINE_PURCHASED_SERVICE_ID].len ||
                 l->has_amt[X12_LINEAMT_PURCHASED_SERVICE_CHARGE])) {
        begin(x, "PS1");
        elv(x, f[X12_LINE_PURCHASED_SERVICE_ID]);
        cents(x, l->amt[X12_LINEAMT_PURCHASED_SERVICE_CHARGE]);
        end(x);
    }
    pos_segment(x, C8_PS_LINE_HCP, "HCP", f, l->amt, l->has_amt);
    if (f[X12_LINE_NDC].len) {
        begin(x, "LIN");
        el(x, "");
        el(x, "N4");
        elv(x, f[X12_LINE_NDC]);
        end(x);
        begin(x, "CTP");
        empties(x, 3);
        elv(x, f[X12_LINE_NDC_QUANTITY]);
        elv(x, f[X12_LINE_NDC_UNIT]);
        end(x);
        table_segments_in(x, C8O_LINE, "REF", 1, f, NULL, NULL);
    }
    /* 2420x line providers in the guide's order, then 2430 */
    if (x->p) {
        role_provider(x, c8_line_role(l, X12_ROLE_RENDERING), X12_ROLE_RENDERING, "82", "PE", 1);
        role_provider(x, c8_line_role(l, X12_ROLE_PURCHASED_SERVICE), X12_ROLE_PURCHASED_SERVICE,
                      "QB", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_SERVICE_FACILITY), X12_ROLE_SERVICE_FACILITY,
                      "77", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_SUPERVISING), X12_ROLE_SUPERVISING, "DQ",
                      NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_ORDERING), X12_ROLE_ORDERING, "DK", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_REFERRING), X12_ROLE_REFERRING, "DN", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_PRIMARY_CARE), X12_ROLE_PRIMARY_CARE, "P3",
                      NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_AMBULANCE_PICKUP), X12_ROLE_AMBULANCE_PICKUP,
                      "PW", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_AMBULANCE_DROPOFF), X12_ROLE_AMBULANCE_DROPOFF,
                      "45", NULL, 1);
    } else {
        role_provider(x, c8_line_role(l, X12_ROLE_OPERATING), X12_ROLE_OPERATING, "72", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_OTHER_OPERATING), X12_ROLE_OTHER_OPERATING,
                      "ZZ", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_RENDERING), X12_ROLE_RENDERING, "82", NULL, 1);
        role_provider(x, c8_line_role(l, X12_ROLE_REFERRING), X12_ROLE_REFERRING, "DN", NULL, 1);
    }
    for (a = l->la_first; a != NULL; a = a->next)
        write_adjudication(x, f, l, a);
    if (x->p && f[X12_LINE_FORM_ID].len) {
        /* 2440: LQ, then one FRM per answer, the value in its element */
        x12_str q, v;
        unsigned e;
        size_t at = 0;

        begin(x, "LQ");
        elv(x, f[X12_LINE_FORM_TYPE]);
        elv(x, f[X12_LINE_FORM_ID]);
        end(x);
        while (c8_form_answer(f[X12_LINE_FORM_ANSWERS], &at, &q, &e, &v)) {
            begin(x, "FRM");
            elv(x, q);
            empties(x, e > 2 ? (int)e - 2 : 0);
            elv(x, v);
            end(x);
        }
    }
}

static void write_claim(wctx *x, const x12_claim *c)
{
    const x12_service_line *l;
    const x12_other_payer *op;
    x12_str bt, cf[C8_CLAIM_NF + 1];
    size_t n = 0;

    c8_fields_unpack(&c->fl, cf, C8_CLAIM_NF + 1);

    begin(x, "CLM");
    elv(x, cf[X12_CLAIM_PCN]);
    cents(x, c->amt[X12_CLAIMAMT_TOTAL_CHARGE]);
    empties(x, 2);
    if (x->p) {
        elv(x, cf[X12_CLAIM_PLACE_OF_SERVICE]);
        comp(x, "B");
        compv(x, def(cf[X12_CLAIM_FREQUENCY], "1"));
        elv(x, def(cf[X12_CLAIM_PROVIDER_SIGNATURE], "Y"));
    } else {
        bt = cf[X12_CLAIM_BILL_TYPE];
        if (bt.len == 4)
            bt = sub(bt, 1, 3);
        elv(x, sub(bt, 0, 2));
        comp(x, "A");
        compv(x, sub(bt, 2, 1));
        el(x, "");
    }
    elv(x, def(cf[X12_CLAIM_ASSIGNMENT], "A"));
    elv(x, def(cf[X12_CLAIM_BENEFITS_ASSIGNMENT], "Y"));
    elv(x, def(cf[X12_CLAIM_RELEASE], "Y"));
    elv(x, cf[X12_CLAIM_PATIENT_SIGNATURE]); /* none on an 837I (an edit) */
    if (x->p && cf[X12_CLAIM_RELATED_CAUSES].len) {
        elv(x, cf[X12_CLAIM_RELATED_CAUSES]);
        if (cf[X12_CLAIM_ACCIDENT_STATE].len) {
            comp(x, "");
            comp(x, "");
            compv(x, cf[X12_CLAIM_ACCIDENT_STATE]);
        }
    } else {
        el(x, "");
    }
    /* CLM12 is the 837P's only (the edits say so) */
    if ((x->p && cf[X12_CLAIM_SPECIAL_PROGRAM].len) || cf[X12_CLAIM_DELAY_REASON].len) {
        if (x->p)
            elv(x, cf[X12_CLAIM_SPECIAL_PROGRAM]);
        else
            el(x, "");
        if (cf[X12_CLAIM_DELAY_REASON].len) {
            empties(x, 7);
            elv(x, cf[X12_CLAIM_DELAY_REASON]);
        }
    }
    end(x);

    if (x->p) {
        table_segments(x, C8O_CLAIM, "DTP", cf, NULL, NULL);
        write_attachments(x, c->att_first);
        pos_segment(x, C8_PS_CLAIM_CN1, "CN1", cf, c->amt, c->has_amt);
        table_segments(x, C8O_CLAIM_AMT, "AMT", NULL, c->amt, c->has_amt);
    } else {
        x12_str from = cf[X12_CLAIM_SERVICE_FROM], to = cf[X12_CLAIM_SERVICE_TO];
        char buf[40];
        if (cf[X12_CLAIM_DISCHARGE_HOUR].len) {
            begin(x, "DTP");
            el(x, "096");
            el(x, "TM");
            elv(x, cf[X12_CLAIM_DISCHARGE_HOUR]);
            end(x);
        }
        /* Statement dates are always a range in 837I. */
        if (to.len == 0)
            to = from;
        snprintf(buf, sizeof buf, "%.*s-%.*s", (int)from.len, from.ptr, (int)to.len, to.ptr);
        begin(x, "DTP");
        el(x, "434");
        el(x, "RD8");
        elc(x, buf);
        end(x);
        if (cf[X12_CLAIM_ADMISSION_DATE].len) {
            begin(x, "DTP");
            el(x, "435");
            if (cf[X12_CLAIM_ADMISSION_HOUR].len) {
                snprintf(buf, sizeof buf, "%.*s%.*s", (int)cf[X12_CLAIM_ADMISSION_DATE].len,
                         cf[X12_CLAIM_ADMISSION_DATE].ptr,
                         (int)cf[X12_CLAIM_ADMISSION_HOUR].len,
                         cf[X12_CLAIM_ADMISSION_HOUR].ptr);
                el(x, "DT");
                elc(x, buf);
            } else {
                el(x, "D8");
                elv(x, cf[X12_CLAIM_ADMISSION_DATE]);
            }
            end(x);
        }
        table_segments(x, C8O_CLAIM, "DTP", cf, NULL, NULL);
        begin(x, "CL1");
        elv(x, cf[X12_CLAIM_ADMISSION_TYPE]);
        elv(x, cf[X12_CLAIM_ADMISSION_SOURCE]);
        elv(x, cf[X12_CLAIM_PATIENT_STATUS]);
        end(x);
        write_attachments(x, c->att_first);
        pos_segment(x, C8_PS_CLAIM_CN1, "CN1", cf, c->amt, c->has_amt);
        table_segments(x, C8O_CLAIM_AMT, "AMT", NULL, c->amt, c->has_amt);
    }
    table_segments(x, C8O_CLAIM, "REF", cf, NULL, NULL);
    file_info(x, cf[X12_CLAIM_FILE_INFORMATION]);
    note(x, cf[X12_CLAIM_NOTE_CODE], cf[X12_CLAIM_NOTE]);
    table_segments(x, C8O_CLAIM, "NTE", cf, NULL, NULL);
    if (x->p) {
        write_cr1(x, cf, c8_amb_claim);
        if (cf[X12_CLAIM_SPINAL_CONDITION].len || cf[X12_CLAIM_SPINAL_DESCRIPTION].len ||
            cf[X12_CLAIM_SPINAL_DESCRIPTION2].len) {
            begin(x, "CR2");
            empties(x, 7);
            elv(x, cf[X12_CLAIM_SPINAL_CONDITION]);
            el(x, "");
            elv(x, cf[X12_CLAIM_SPINAL_DESCRIPTION]);
            elv(x, cf[X12_CLAIM_SPINAL_DESCRIPTION2]);
            end(x);
        }
        write_crc07(x, cf, c8_amb_claim);
        write_crc(x, "E1", cf[X12_CLAIM_VISION_LENSES], cf[X12_CLAIM_VISION_LENSES_CONDITIONS],
                  NULL);
        write_crc(x, "E2", cf[X12_CLAIM_VISION_CONTACTS],
                  cf[X12_CLAIM_VISION_CONTACTS_CONDITIONS], NULL);
        write_crc(x, "E3", cf[X12_CLAIM_VISION_FRAMES], cf[X12_CLAIM_VISION_FRAMES_CONDITIONS],
                  NULL);
        write_crc(x, "75", cf[X12_CLAIM_HOMEBOUND], cf[X12_CLAIM_HOMEBOUND], "IH");
    }
    write_crc(x, "ZZ", cf[X12_CLAIM_EPSDT_REFERRAL], cf[X12_CLAIM_EPSDT_CONDITIONS], NULL);
    write_diagnoses(x, c, cf);
    write_codes(x, c);
    pos_segment(x, C8_PS_CLAIM_HCP, "HCP", cf, c->amt, c->has_amt);

    if (x->p) {
        claim_provider(x, c, X12_ROLE_REFERRING, "DN", NULL);
        claim_provider(x, c, X12_ROLE_PRIMARY_CARE, "P3", NULL);
        claim_provider(x, c, X12_ROLE_RENDERING, "82", "PE");
        claim_provider(x, c, X12_ROLE_SERVICE_FACILITY, "77", NULL);
        claim_provider(x, c, X12_ROLE_SUPERVISING, "DQ", NULL);
        claim_provider(x, c, X12_ROLE_AMBULANCE_PICKUP, "PW", NULL);
        claim_provider(x, c, X12_ROLE_AMBULANCE_DROPOFF, "45", NULL);
    } else {
        claim_provider(x, c, X12_ROLE_ATTENDING, "71", "AT");
        claim_provider(x, c, X12_ROLE_OPERATING, "72", NULL);
        claim_provider(x, c, X12_ROLE_OTHER_OPERATING, "ZZ", NULL);
        claim_provider(x, c, X12_ROLE_RENDERING, "82", NULL);
        claim_provider(x, c, X12_ROLE_SERVICE_FACILITY, "77", NULL);
        claim_provider(x, c, X12_ROLE_REFERRING, "DN", NULL);
    }
    for (op = c->op_first; op != NULL; op = op->next)
        write_other_payer(x, op);
    for (l = c->l_first; l != NULL; l = l->next)
        write_line(x, cf, l, ++n);
}

/* ---- the whole batch -------------------------------------------------------------- */

/* Fills simple/sfirst: the rows the table writes in this kind, by object. */
static void table_rows(wctx *x)
{
    unsigned short count[C8O_N + 1] = {0}, at[C8O_N + 1];
    size_t r;
    int o;

    memset(x->pos, 0, sizeof x->pos);
    for (r = 0; r < C8R_N; r++) {
        const c8_fpos *q = c8_pos(&c8_ftab[r], x->p);
        int k = pos_segment_of(&c8_ftab[r], q);
        if (k >= 0)
            x->pos[k][q->el] = (unsigned short)(r + 1);
    }

    for (r = 0; r < C8R_N; r++) {
        const c8_fpos *q = c8_pos(&c8_ftab[r], x->p);
        if (q != NULL && q->how != C8W_CODE)
            count[c8_ftab[r].obj]++;
    }
    x->sfirst[0] = 0;
    for (o = 0; o < C8O_N; o++)
        x->sfirst[o + 1] = (unsigned short)(x->sfirst[o] + count[o]);
    memcpy(at, x->sfirst, sizeof at);
    for (r = 0; r < C8R_N; r++) {
        const c8_fpos *q = c8_pos(&c8_ftab[r], x->p);
        if (q != NULL && q->how != C8W_CODE)
            x->simple[at[c8_ftab[r].obj]++] = (unsigned short)r;
    }
    /* The table has one order for both kinds, but the guides do not agree
     * on all of it (an 837P line's REF*6R comes after 9B, 9D and G1, an
     * 837I line's first): each object's rows are put in its guide's order
     * (a few rows each: insertion sort, stable). */
    c8_guide_resolve(&x->g, x->p);
    for (o = 0; o < C8O_N; o++) {
        unsigned i, j;
        for (i = (unsigned)x->sfirst[o] + 1; i < x->sfirst[o + 1]; i++) {
            unsigned short v = x->simple[i];
            for (j = i; j > x->sfirst[o] && x->g.order[x->simple[j - 1]] > x->g.order[v]; j--)
                x->simple[j] = x->simple[j - 1];
            x->simple[j] = v;
        }
    }
}

c8_wctx *c8_write_begin(x12_batch *b, x12_writer *w)
{
    wctx *x = x12i_malloc(&b->a, sizeof *x);

    if (x == NULL)
        return NULL;
    memset(x, 0, sizeof *x);
    x->b = b;
    x->w = w;
    x->p = b->kind == X12_CLAIM_837P;
    x->st02 = b->opt[X12_BATCHOPT_ST02];
    x->st = X12_OK;
    table_rows(x);
    return x;
}

static void start(wctx *x)
{
    if (x->started)
        return;
    x->started = 1;
    if (x->st == X12_OK)
        x->st = x12_writer_set_delimiters(x->w, x->b->el, x->b->comp, x->b->rep, x->b->seg);
    write_isa_gs(x);
}

x12_status c8_write_claim(c8_wctx *x, const x12_billing_provider *bp, const x12_subscriber *s,
                          const x12_patient *pt, const x12_claim *c)
{
    start(x);
    claim_context(x, bp, s, pt);
    write_claim(x, c);
    return x->st;
}

x12_status c8_write_end(c8_wctx *x)
{
    start(x);
    if (x->set_open)
        close_set(x);
    if (x->st == X12_OK)
        x->st = x12_writer_close_group(x->w);
    if (x->st == X12_OK)
        x->st = x12_writer_close_interchange(x->w);
    if (x->st == X12_OK)
        x->st = x12_writer_finish(x->w);
    return x->st;
}

void c8_write_free(x12_batch *b, c8_wctx *x)
{
    x12i_free(&b->a, x);
}

x12_status x12_batch_write(x12_batch *b, x12_writer *w)
{
    wctx *x;
    const x12_billing_provider *bp;
    const x12_subscriber *s;
    const x12_patient *pt;
    const x12_claim *c;
    x12_status st;

    if (b == NULL || w == NULL)
        return X12_EINVAL;
    if (b->stream != NULL)
        return X12_ESTATE;
    if ((st = x12_batch_check(b)) != X12_OK)
        return st;
    if ((x = c8_write_begin(b, w)) == NULL)
        return X12_ENOMEM;
    start(x);
    for (bp = b->bp_first; bp != NULL; bp = bp->next)
        for (s = bp->s_first; s != NULL; s = s->next) {
            for (c = s->c_first; c != NULL; c = c->next)
                c8_write_claim(x, bp, s, NULL, c);
            for (pt = s->p_first; pt != NULL; pt = pt->next)
                for (c = pt->c_first; c != NULL; c = c->next)
                    c8_write_claim(x, bp, s, pt, c);
        }
    st = c8_write_end(x);
    c8_write_free(b, x);
    return st;
}
