/*
 * remit835 parsing: what each 835 segment means.  The stream
 * (remit835_stream.c) reads segments and calls x12i_remit_handle for each;
 * the handlers here copy what they keep into the current payment, LX
 * header, claim or service line, read amounts and quantities, and report
 * located errors.
 *
 * The stream builds one claim at a time in `cur`.  A claim is finished by
 * the segment that starts the next thing (CLP, LX, PLB, SE, ST, end of
 * input); the event is queued and handed out before any further reading, so
 * no reader view is ever kept across calls.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "remit835_internal.h"
/* The segment's element table, for the hot path: element views without a
 * call per element (the reader's own accessors do the same arithmetic). */
#include "reader_internal.h"

/* ---- segments ------------------------------------------------------------ */

/* The segments the 835 parser acts on, recognised once per segment. */
enum segcode {
    S_OTHER, S_ST, S_SE, S_BPR, S_TRN, S_CUR, S_REF, S_DTM, S_N1, S_N3, S_N4, S_PER,
    S_LX, S_TS3, S_TS2, S_CLP, S_CAS, S_NM1, S_MIA, S_MOA, S_AMT, S_QTY, S_SVC, S_LQ,
    S_PLB
};

static enum segcode segcode_of(const x12_segment *seg)
{
    const char *d = seg->data;

#define ID3(a, b, c) (d[0] == (a) && d[1] == (b) && d[2] == (c))
    if (seg->idlen == 3) {
        switch (d[0]) {
        case 'A': return ID3('A', 'M', 'T') ? S_AMT : S_OTHER;
        case 'B': return ID3('B', 'P', 'R') ? S_BPR : S_OTHER;
        case 'C':
            return ID3('C', 'L', 'P') ? S_CLP : ID3('C', 'A', 'S') ? S_CAS
                 : ID3('C', 'U', 'R') ? S_CUR : S_OTHER;
        case 'D': return ID3('D', 'T', 'M') ? S_DTM : S_OTHER;
        case 'M': return ID3('M', 'I', 'A') ? S_MIA : ID3('M', 'O', 'A') ? S_MOA : S_OTHER;
        case 'N': return ID3('N', 'M', '1') ? S_NM1 : S_OTHER;
        case 'P': return ID3('P', 'L', 'B') ? S_PLB : ID3('P', 'E', 'R') ? S_PER : S_OTHER;
        case 'Q': return ID3('Q', 'T', 'Y') ? S_QTY : S_OTHER;
        case 'R': return ID3('R', 'E', 'F') ? S_REF : S_OTHER;
        case 'S': return ID3('S', 'V', 'C') ? S_SVC : S_OTHER;
        case 'T':
            return ID3('T', 'R', 'N') ? S_TRN : ID3('T', 'S', '3') ? S_TS3
                 : ID3('T', 'S', '2') ? S_TS2 : S_OTHER;
        default: return S_OTHER;
        }
    }
#undef ID3
    if (seg->idlen == 2) {
        if (d[0] == 'S')
            return d[1] == 'T' ? S_ST : d[1] == 'E' ? S_SE : S_OTHER;
        if (d[0] == 'N')
            return d[1] == '1' ? S_N1 : d[1] == '3' ? S_N3 : d[1] == '4' ? S_N4 : S_OTHER;
        if (d[0] == 'L')
            return d[1] == 'X' ? S_LX : d[1] == 'Q' ? S_LQ : S_OTHER;
    }
    return S_OTHER;
}

/* For the few helpers called for every element: gcc would otherwise keep
 * some of them out of line (they have many callers). */
#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#else
#define HOT_INLINE static inline
#endif

/* Element i as written (x12_segment_element without the call). */
HOT_INLINE x12_str elem(const x12_segment *seg, size_t i)
{
    x12_str v;

    if (i > seg->count) {
        v.ptr = "";
        v.len = 0;
        return v;
    }
    v.ptr = seg->ebase + seg->starts[i];
    v.len = seg->starts[i + 1] - 1 - seg->starts[i];
    return v;
}

static x12i_pos seg_pos(const x12_segment *seg, const char *loop)
{
    x12i_pos p;
    x12_str id = x12_segment_id(seg);

    p.segno = seg->number;
    p.offset = seg->offset;
    p.segid = id.ptr;
    p.segid_len = id.len;
    p.loop = loop;
    return p;
}

/* Byte offset of element i's first byte (or of the segment when absent). */
static uint64_t element_offset(const x12_segment *seg, size_t i)
{
    x12_str raw = x12_segment_raw(seg), v = elem(seg, i);

    if (v.len > 0 && v.ptr >= raw.ptr && v.ptr <= raw.ptr + raw.len)
        return seg->offset + (uint64_t)(v.ptr - raw.ptr);
    return seg->offset;
}

/*
 * Copies a view taken from `seg` into arena `ar`.  The first copy from a
 * segment into an arena copies the whole segment once; later views of the
 * same segment point into that copy (one allocation per segment instead of
 * one per element).  Views from elsewhere are copied on their own.
 *
 * kcopy is the inline part, taken for almost every element: an empty view,
 * or one more view of the segment already copied.  kcopy_first does the
 * rest out of line.
 */
static int kcopy_first(x12_remit_stream *s, x12i_arena *ar, const x12_segment *seg,
                       x12_str v, x12_str *out)
{
    const char *raw = seg->data;
    x12_str whole;

    if (v.ptr < raw || v.ptr + v.len > raw + seg->len)
        return x12i_remit_copy(s, ar, v, out);
    whole.ptr = raw;
    whole.len = seg->len;
    if (x12i_remit_copy(s, ar, whole, &whole) != 0)
        return -1;
    s->kept_seg = seg;
    s->kept_arena = ar;
    s->kept_copy = whole.ptr;
    out->ptr = whole.ptr + (v.ptr - raw);
    out->len = v.len;
    return 0;
}

HOT_INLINE int kcopy(x12_remit_stream *s, x12i_arena *ar, const x12_segment *seg,
                    x12_str v, x12_str *out)
{
    const char *raw = seg->data;
    uintptr_t off;

    if (v.len == 0) {
        out->ptr = "";
        out->len = 0;
        return 0;
    }
    /* kept_seg is cleared before each segment is handled, so the same
     * pointer means the same segment here.  off wraps to a huge value when
     * v starts before the segment. */
    off = (uintptr_t)v.ptr - (uintptr_t)raw;
    if (s->kept_seg == seg && s->kept_arena == ar && off <= seg->len &&
        v.len <= seg->len - off) {
        out->ptr = s->kept_copy + off;
        out->len = v.len;
        return 0;
    }
    return kcopy_first(s, ar, seg, v, out);
}

static int is(x12_str v, const char *lit)
{
    size_t n = strlen(lit);

    return v.len == n && memcmp(v.ptr, lit, n) == 0;
}

static const char *loop_of(enum ctx c)
{
    switch (c) {
    case C_PAYER: return "1000A";
    case C_PAYEE: return "1000B";
    case C_LX: return "2000";
    case C_CLAIM: return "2100";
    case C_SERVICE: return "2110";
    case C_NONE: case C_HEADER: case C_PARTY: case C_TRAILER: break;
    }
    return "";
}

/* read_amount when the element is absent or not a plain amount. */
static int read_amount_slow(x12_remit_stream *s, const x12_segment *seg, unsigned el,
                            unsigned comp, int required, enum target t, int64_t *out)
{
    x12_str v = comp ? x12_segment_component(seg, el, comp) : elem(seg, el);
    x12_str id;
    x12i_pos p;
    int rc = 0;

    *out = 0;
    if (v.len > 0) {
        rc = x12i_parse_scaled(v.ptr, v.len, 2, out);
        if (rc == 0)
            return 1;
    }
    id = x12_segment_id(seg);
    p = seg_pos(seg, loop_of(s->ctx));
    if (v.len == 0) {
        if (required)
            x12i_remit_issue(s, p, t, X12_SEV_ERROR, X12_ESYNTAX, "required", el, comp,
                  "%.*s%02u (an amount) is required", (int)id.len, id.ptr, el);
        return required ? -1 : 0;
    }
    p.offset = element_offset(seg, el);
    *out = 0;
    x12i_remit_issue(s, p, t, X12_SEV_ERROR, rc == -2 ? X12_ERANGE : X12_ESYNTAX, "amount", el, comp,
          "%.*s%02u is not a valid amount: %s", (int)id.len, id.ptr, el,
          rc == -2   ? "too large"
          : rc == 1  ? "more than two decimal places"
                     : "expected digits with an optional '-' and decimal point");
    return -1;
}

/* Reads an amount element.  Returns 1 present and valid, 0 absent, -1
 * invalid (reported; *out = 0).  A missing required amount is reported. */
HOT_INLINE int read_amount(x12_remit_stream *s, const x12_segment *seg, unsigned el,
                          unsigned comp, int required, enum target t, int64_t *out)
{
    if (comp == 0) {
        x12_str v = elem(seg, el);

        if (v.len > 0 && x12i_parse_simple(v.ptr, v.len, 2, out))
            return 1;
    }
    return read_amount_slow(s, seg, el, comp, required, t, out);
}

/* read_quantity when the element is not a plain quantity. */
static int read_quantity_slow(x12_remit_stream *s, const x12_segment *seg, unsigned el,
                              enum target t, x12_str v, int64_t *milli)
{
    x12_str id;
    x12i_pos p;
    int rc;

    rc = x12i_parse_scaled(v.ptr, v.len, 3, milli);
    if (rc >= 0)
        return 1;
    *milli = 0;
    id = x12_segment_id(seg);
    p = seg_pos(seg, loop_of(s->ctx));
    p.offset = element_offset(seg, el);
    x12i_remit_issue(s, p, t, X12_SEV_ERROR, rc == -2 ? X12_ERANGE : X12_ESYNTAX, "quantity", el, 0,
          "%.*s%02u is not a valid quantity", (int)id.len, id.ptr, el);
    return -1;
}

/* Reads a quantity element into text + milli.  0 absent, 1 ok, -1 bad. */
HOT_INLINE int read_quantity(x12_remit_stream *s, const x12_segment *seg, unsigned el,
                             enum target t, x12i_arena *ar, x12_str *text, int64_t *milli)
{
    x12_str v = elem(seg, el);

    *milli = 0;
    if (kcopy(s, ar, seg, v, text) != 0 || v.len == 0)
        return 0;
    if (x12i_parse_simple(v.ptr, v.len, 3, milli))
        return 1;
    return read_quantity_slow(s, seg, el, t, v, milli);
}

static void report_missing(x12_remit_stream *s, const x12_segment *seg, unsigned el,
                           enum target t, const char *what)
{
    x12_str id = x12_segment_id(seg);

    x12i_remit_issue(s, seg_pos(seg, loop_of(s->ctx)), t, X12_SEV_ERROR, X12_ESYNTAX, "required",
              el, 0, "%.*s%02u (%s) is required", (int)id.len, id.ptr, el, what);
}

/* Reports element el of seg when it is empty. */
HOT_INLINE void require(x12_remit_stream *s, const x12_segment *seg, unsigned el,
                        enum target t, const char *what)
{
    if (elem(seg, el).len == 0)
        report_missing(s, seg, el, t, what);
}

/* ---- segment handlers ---------------------------------------------------- */

/* Copies elements [from, to] of seg into out[map[i]]. */
static void copy_elements(x12_remit_stream *s, x12i_arena *ar, const x12_segment *seg,
                          x12_str *out, unsigned from, unsigned to)
{
    unsigned i;

    for (i = from; i <= to && i <= seg->count; i++)
        if (kcopy(s, ar, seg, elem(seg, i), &out[i]) != 0)
            return;
}

static void on_bpr(x12_remit_stream *s, const x12_segment *seg)
{
    static const unsigned char map[17] = {
        0, X12_RP_HANDLING, X12_RP_AMOUNT_TEXT, X12_RP_CREDIT_DEBIT, X12_RP_METHOD,
        X12_RP_FORMAT, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, X12_RP_PAYMENT_DATE};
    x12_remit_payment *p = s->pay;
    unsigned i;
    int rc;

    for (i = 1; i <= 16; i++)
        if (kcopy(s, &p->arena, seg, elem(seg, i), &p->f[map[i]]) != 0)
            return;
    require(s, seg, 1, T_PAYMENT, "transaction handling code");
    rc = read_amount(s, seg, 2, 0, 1, T_PAYMENT, &p->amount);
    p->amount_error = rc < 0;
    require(s, seg, 3, T_PAYMENT, "credit/debit flag");
    require(s, seg, 4, T_PAYMENT, "payment method");
    p->have_bpr = 1;
    p->bpr_segno = seg->number;
    p->bpr_offset = seg->offset;
}

static x12_remit_name *current_party(x12_remit_stream *s)
{
    if (s->party == 0 || s->party > s->pay->parties.n)
        return NULL;
    return &VAT(s->pay->parties, x12_remit_name, s->party - 1);
}

static void on_n1(x12_remit_stream *s, const x12_segment *seg)
{
    x12_remit_payment *p = s->pay;
    x12_remit_name *n = x12i_remit_push(s, &p->parties, sizeof *n);
    x12_str code = elem(seg, 1);

    if (n == NULL)
        return;
    kcopy(s, &p->arena, seg, code, &n->f[X12_RN_ENTITY]);
    kcopy(s, &p->arena, seg, elem(seg, 2), &n->f[X12_RN_NAME]);
    kcopy(s, &p->arena, seg, elem(seg, 3), &n->f[X12_RN_ID_QUALIFIER]);
    kcopy(s, &p->arena, seg, elem(seg, 4), &n->f[X12_RN_ID]);
    s->party = p->parties.n;
    s->ctx = is(code, "PR") ? C_PAYER : is(code, "PE") ? C_PAYEE : C_PARTY;
}

static void on_address(x12_remit_stream *s, x12i_arena *ar, x12_remit_name *n,
                       const x12_segment *seg, int n4)
{
    if (!n4) {
        kcopy(s, ar, seg, elem(seg, 1), &n->f[X12_RN_ADDRESS1]);
        kcopy(s, ar, seg, elem(seg, 2), &n->f[X12_RN_ADDRESS2]);
        return;
    }
    kcopy(s, ar, seg, elem(seg, 1), &n->f[X12_RN_CITY]);
    kcopy(s, ar, seg, elem(seg, 2), &n->f[X12_RN_STATE]);
    kcopy(s, ar, seg, elem(seg, 3), &n->f[X12_RN_POSTAL_CODE]);
    kcopy(s, ar, seg, elem(seg, 4), &n->f[X12_RN_COUNTRY]);
    kcopy(s, ar, seg, elem(seg, 7), &n->f[X12_RN_SUBDIVISION]);
}

static void add_ref(x12_remit_stream *s, x12i_arena *ar, x12i_vec *v, const x12_segment *seg)
{
    x12_remit_ref *r = x12i_remit_push(s, v, sizeof *r);

    if (r == NULL)
        return;
    kcopy(s, ar, seg, elem(seg, 1), &r->qual);
    kcopy(s, ar, seg, elem(seg, 2), &r->value);
    kcopy(s, ar, seg, elem(seg, 3), &r->desc);
}

static void add_date(x12_remit_stream *s, x12i_arena *ar, x12i_vec *v, const x12_segment *seg)
{
    x12_remit_date *d = x12i_remit_push(s, v, sizeof *d);

    if (d == NULL)
        return;
    d->segno = seg->number;
    d->offset = seg->offset;
    kcopy(s, ar, seg, elem(seg, 1), &d->qual);
    kcopy(s, ar, seg, elem(seg, 2), &d->date);
}

static void add_contact(x12_remit_stream *s, x12i_arena *ar, x12i_vec *v,
                        const x12_segment *seg)
{
    x12_remit_contact *ct = x12i_remit_push(s, v, sizeof *ct);

    if (ct != NULL)
        copy_elements(s, ar, seg, ct->el, 1, PER_MAX);
}

static void on_header_segment(x12_remit_stream *s, const x12_segment *seg, x12_str id,
                              enum segcode sc)
{
    x12_remit_payment *p = s->pay;
    x12_remit_name *party = current_party(s);

    if (s->header_done) {
        if (!(sc == S_BPR || sc == S_TRN || sc == S_CUR || sc == S_REF || sc == S_DTM ||
              sc == S_N1 || sc == S_N3 || sc == S_N4 || sc == S_PER))
            return; /* not an 835 segment here: the validator's business */
        x12i_remit_issue(s, seg_pos(seg, loop_of(s->ctx)), T_PAYMENT, X12_SEV_ERROR, X12_ESYNTAX,
              "late-header", 0, 0,
              "%.*s belongs in the payment header, before the first LX or CLP; ignored",
              (int)id.len, id.ptr);
        return;
    }
    if (sc == S_BPR) {
        on_bpr(s, seg);
    } else if (sc == S_TRN) {
        copy_elements(s, &p->arena, seg, p->f + (X12_RP_TRACE_TYPE - 1), 1, 4);
        require(s, seg, 2, T_PAYMENT, "check or EFT trace number");
    } else if (sc == S_CUR) {
        copy_elements(s, &p->arena, seg, p->f + (X12_RP_CURRENCY_ENTITY - 1), 1, 2);
    } else if (sc == S_N1) {
        on_n1(s, seg);
    } else if (party != NULL && (sc == S_N3 || sc == S_N4)) {
        on_address(s, &p->arena, party, seg, sc == S_N4);
    } else if (party != NULL && sc == S_REF) {
        add_ref(s, &p->arena, &party->refs, seg);
    } else if (party != NULL && sc == S_PER) {
        add_contact(s, &p->arena, &party->contacts, seg);
    } else if (sc == S_REF) {
        size_t n = p->refs.n;
        x12_str q = elem(seg, 1);

        add_ref(s, &p->arena, &p->refs, seg);
        if (p->refs.n > n) {
            x12_str v = VAT(p->refs, x12_remit_ref, n).value;

            if (is(q, "EV") && p->f[X12_RP_RECEIVER_ID].len == 0)
                p->f[X12_RP_RECEIVER_ID] = v;
            else if (is(q, "F2") && p->f[X12_RP_VERSION_ID].len == 0)
                p->f[X12_RP_VERSION_ID] = v;
        }
    } else if (sc == S_DTM) {
        size_t n = p->dates.n;

        add_date(s, &p->arena, &p->dates, seg);
        if (p->dates.n > n && is(elem(seg, 1), "405") &&
            p->f[X12_RP_PRODUCTION_DATE].len == 0)
            p->f[X12_RP_PRODUCTION_DATE] = VAT(p->dates, x12_remit_date, n).date;
    }
    /* RDM and anything else in the header: not kept. */
}

static void on_lx(x12_remit_stream *s, const x12_segment *seg)
{
    x12_remit_header *h;

    x12i_remit_header_complete(s);
    if (s->claim_open)
        x12i_remit_finish_claim(s);
    if (s->keep) {
        x12_remit_header **slot;

        h = x12i_header_new(&s->a);
        if (h == NULL) {
            s->nomem = 1;
            return;
        }
        slot = x12i_remit_push(s, &s->pay->headers, sizeof *slot);
        if (slot == NULL) {
            x12i_header_free(&s->a, h);
            return;
        }
        *slot = h;
    } else {
        /* The claim just finished may point at the current header: build the
         * new one in the other buffer.  Claims handed out before this call
         * are no longer valid, so no one points at that one. */
        int k = s->hdr == s->hbuf[0] ? 1 : 0;

        if (s->hbuf[k] == NULL && (s->hbuf[k] = x12i_header_new(&s->a)) == NULL) {
            s->nomem = 1;
            return;
        }
        h = s->hbuf[k];
        x12i_header_reset(h);
        s->kept_seg = NULL;
    }
    s->hdr = h;
    kcopy(s, &h->arena, seg, elem(seg, 1), &h->number);
    s->ctx = C_LX;
}

static void on_ts(x12_remit_stream *s, const x12_segment *seg, int ts3)
{
    if (s->hdr == NULL || s->ctx != C_LX) {
        x12_str id = x12_segment_id(seg);

        x12i_remit_issue(s, seg_pos(seg, loop_of(s->ctx)), T_PAYMENT, X12_SEV_ERROR, X12_ESYNTAX,
              "outside-header", 0, 0, "%.*s must follow its LX, before the claims; ignored",
              (int)id.len, id.ptr);
        return;
    }
    if (ts3)
        copy_elements(s, &s->hdr->arena, seg, s->hdr->ts3, 1, TS3_MAX);
    else
        copy_elements(s, &s->hdr->arena, seg, s->hdr->ts2, 1, TS2_MAX);
}

static void on_clp(x12_remit_stream *s, const x12_segment *seg)
{
    x12_remit_claim *c;
    x12_str st;
    int rc;

    x12i_remit_header_complete(s);
    if (s->claim_open)
        x12i_remit_finish_claim(s);
    if (s->keep) {
        c = x12i_claim_new(&s->a);
    } else {
        c = s->spare != NULL ? s->spare : x12i_claim_new(&s->a);
        s->spare = NULL;
    }
    if (c == NULL) {
        s->nomem = 1;
        return;
    }
    x12i_claim_reset(c);
    s->kept_seg = NULL;
    s->cur = c;
    s->claim_open = 1;
    s->svc = 0;
    s->ctx = C_CLAIM;
    c->index = (size_t)s->pay->nclaims;
    c->segno = seg->number;
    c->offset = seg->offset;
    c->payment = s->pay;
    c->header = s->hdr;
    copy_elements(s, &c->arena, seg, c->f, 1, 13);
    require(s, seg, 1, T_CLAIM, "patient control number");
    require(s, seg, 2, T_CLAIM, "claim status code");
    if (read_amount(s, seg, 3, 0, 1, T_CLAIM, &c->charge) < 0)
        c->amount_error = 1;
    if (read_amount(s, seg, 4, 0, 1, T_CLAIM, &c->paid) < 0)
        c->amount_error = 1;
    rc = read_amount(s, seg, 5, 0, 0, T_CLAIM, &c->patient_resp);
    if (rc < 0)
        c->amount_error = 1;
    c->has_patient_resp = rc > 0;
    st = elem(seg, 2);
    if (st.len > 0 && x12_remit_code_text(X12_CODESET_CLAIM_STATUS, st.ptr, st.len) == NULL) {
        char q[40];

        /* CLP02 is an ID of 1-2: anything else (a name shifted into it) is
         * described by its length, not quoted (x12i_quote_msg). */
        x12i_remit_issue(s, seg_pos(seg, "2100"), T_CLAIM, X12_SEV_WARNING, X12_OK, "claim-status", 2, 0,
              "CLP02 %s is not an 835 claim status code",
              x12i_quote_msg(q, sizeof q, st.ptr, st.len, 2, NULL, 1));
    }
}

static int no_claim(x12_remit_stream *s, const x12_segment *seg, x12_str id)
{
    if (s->claim_open)
        return 0;
    x12i_remit_issue(s, seg_pos(seg, loop_of(s->ctx)), T_PAYMENT, X12_SEV_ERROR, X12_ESYNTAX,
          "outside-claim", 0, 0, "%.*s outside a claim (no CLP before it in this "
          "transaction); ignored", (int)id.len, id.ptr);
    return 1;
}

static x12_remit_service *open_service(x12_remit_stream *s)
{
    if (s->svc == 0 || s->cur == NULL)
        return NULL;
    return &VAT(s->cur->services, x12_remit_service, s->svc - 1);
}

/* Splits a composite element into out[1..7] (views into the segment) and
 * returns how many of them it set; the rest of out is left alone. */
static unsigned split_composite(const x12_segment *seg, size_t i, x12_str out[8])
{
    x12_str v = elem(seg, i);
    char sep = seg->delims.component;
    size_t start = 0, j;
    unsigned k = 1;

    if (v.len == 0)
        return 0;
    for (j = 0; j <= v.len && k <= 7; j++) {
        if (j == v.len || v.ptr[j] == sep) {
            out[k].ptr = v.ptr + start;
            out[k].len = j - start;
            k++;
            start = j + 1;
        }
    }
    return k - 1;
}

static void on_svc(x12_remit_stream *s, const x12_segment *seg)
{
    x12_remit_claim *c = s->cur;
    x12_remit_service *sv = x12i_remit_push(s, &c->services, sizeof *sv);
    x12_str parts[8];
    unsigned k, nparts;
    int rc;

    if (sv == NULL)
        return;
    s->svc = c->services.n;
    s->ctx = C_SERVICE;
    sv->index = c->services.n - 1;
    sv->segno = seg->number;
    sv->offset = seg->offset;
    sv->adj.first = c->line_adj.n;
    sv->remarks.first = c->line_remarks.n;
    sv->dates.first = c->line_dates.n;
    sv->refs.first = c->line_refs.n;
    sv->amounts.first = c->line_amounts.n;
    sv->qtys.first = c->line_qtys.n;
    nparts = split_composite(seg, 1, parts);
    for (k = 1; k <= nparts; k++)
        if (parts[k].len > 0)
            kcopy(s, &c->arena, seg, parts[k], &sv->f[X12_RS_QUALIFIER + k - 1]);
    nparts = split_composite(seg, 6, parts);
    for (k = 1; k <= nparts; k++)
        if (parts[k].len > 0)
            kcopy(s, &c->arena, seg, parts[k], &sv->f[X12_RS_ORIG_QUALIFIER + k - 1]);
    kcopy(s, &c->arena, seg, elem(seg, 2), &sv->f[X12_RS_CHARGE_TEXT]);
    kcopy(s, &c->arena, seg, elem(seg, 3), &sv->f[X12_RS_PAID_TEXT]);
    kcopy(s, &c->arena, seg, elem(seg, 4), &sv->f[X12_RS_REVENUE_CODE]);
    kcopy(s, &c->arena, seg, elem(seg, 7), &sv->f[X12_RS_ORIG_UNITS]);
    if (elem(seg, 1).len == 0) {
        require(s, seg, 1, T_CLAIM, "procedure");
    } else if (sv->f[X12_RS_PROCEDURE].len == 0) {
        x12i_pos p = seg_pos(seg, "2110");

        p.offset = element_offset(seg, 1);
        x12i_remit_issue(s, p, T_CLAIM, X12_SEV_ERROR, X12_ESYNTAX, "procedure", 1, 2,
              "SVC01 has no procedure code (component 2); is the component separator "
              "the one in ISA16?");
    }
    if (read_amount(s, seg, 2, 0, 1, T_CLAIM, &sv->charge) < 0)
        sv->amount_error = 1;
    if (read_amount(s, seg, 3, 0, 1, T_CLAIM, &sv->paid) < 0)
        sv->amount_error = 1;
    rc = read_quantity(s, seg, 5, T_CLAIM, &c->arena, &sv->f[X12_RS_UNITS], &sv->units_milli);
    if (rc == 0)
        sv->units_milli = 1000;
    if (sv->amount_error)
        c->amount_error = 1;
}

static void on_cas(x12_remit_stream *s, const x12_segment *seg)
{
    x12_remit_claim *c = s->cur;
    x12_remit_service *sv = open_service(s);
    x12i_vec *v = sv != NULL ? &c->line_adj : &c->adj;
    x12_str group = elem(seg, 1), g;
    unsigned t;

    require(s, seg, 1, T_CLAIM, "adjustment group code");
    if (kcopy(s, &c->arena, seg, group, &g) != 0)
        return;
    /* Triplets past the last element are absent: not even looked at. */
    for (t = 0; t < 6 && 2 + 3 * t <= seg->count; t++) {
        unsigned el = 2 + 3 * t;
        x12_str reason = elem(seg, el);
        x12_remit_adjustment *a;
        int rc;

        if (reason.len == 0 && elem(seg, el + 1).len == 0 &&
            elem(seg, el + 2).len == 0)
            continue;
        if (reason.len == 0)
            require(s, seg, el, T_CLAIM, "adjustment reason code");
        a = x12i_remit_push(s, v, sizeof *a);
        if (a == NULL)
            return;
        a->group = g;
        a->line = sv != NULL ? sv->index + 1 : 0;
        kcopy(s, &c->arena, seg, reason, &a->reason);
        rc = read_amount(s, seg, el + 1, 0, 1, T_CLAIM, &a->cents);
        if (rc < 0) {
            c->amount_error = 1;
            if (sv != NULL)
                sv->amount_error = 1;
        }
        read_quantity(s, seg, el + 2, T_CLAIM, &c->arena, &a->qty, &a->qty_milli);
        if (sv != NULL)
            sv->adj.n++;
    }
}

static void add_remark(x12_remit_stream *s, const x12_segment *seg, x12i_vec *v,
                       const char *source, x12_str qual,
                       x12_str code)
{
    x12_remit_remark *rm;

    if (code.len == 0)
        return;
    rm = x12i_remit_push(s, v, sizeof *rm);
    if (rm == NULL)
        return;
    rm->source = source;
    kcopy(s, &s->cur->arena, seg, qual, &rm->qual);
    kcopy(s, &s->cur->arena, seg, code, &rm->code);
}

static void on_mia_moa(x12_remit_stream *s, const x12_segment *seg, int mia)
{
    static const unsigned mia_remarks[] = {5, 20, 21, 22, 23};
    static const unsigned moa_remarks[] = {3, 4, 5, 6, 7};
    x12_remit_claim *c = s->cur;
    const unsigned *list = mia ? mia_remarks : moa_remarks;
    x12_str he = {"HE", 2};
    unsigned i;

    if (mia)
        copy_elements(s, &c->arena, seg, c->mia, 1, MIA_MAX);
    else
        copy_elements(s, &c->arena, seg, c->moa, 1, MOA_MAX);
    for (i = 0; i < 5; i++)
        add_remark(s, seg, &c->remarks, mia ? "MIA" : "MOA", he,
                   elem(seg, list[i]));
}

static void on_claim_segment(x12_remit_stream *s, const x12_segment *seg, enum segcode sc)
{
    x12_remit_claim *c = s->cur;
    x12_remit_service *sv = open_service(s);
    size_t before;

    if (sc == S_CAS) {
        on_cas(s, seg);
    } else if (sc == S_SVC) {
        on_svc(s, seg);
    } else if (sc == S_DTM) {
        before = sv ? c->line_dates.n : c->dates.n;
        add_date(s, &c->arena, sv ? &c->line_dates : &c->dates, seg);
        if (sv && c->line_dates.n > before)
            sv->dates.n++;
    } else if (sc == S_REF) {
        before = sv ? c->line_refs.n : c->refs.n;
        add_ref(s, &c->arena, sv ? &c->line_refs : &c->refs, seg);
        if (sv && c->line_refs.n > before) {
            sv->refs.n++;
            if (is(elem(seg, 1), "6R") &&
                sv->f[X12_RS_LINE_ITEM_CONTROL_NUMBER].len == 0)
                sv->f[X12_RS_LINE_ITEM_CONTROL_NUMBER] =
                    VAT(c->line_refs, x12_remit_ref, before).value;
        }
    } else if (sc == S_AMT) {
        x12i_vec *v = sv ? &c->line_amounts : &c->amounts;
        x12_remit_amount *am = x12i_remit_push(s, v, sizeof *am);

        if (am == NULL)
            return;
        kcopy(s, &c->arena, seg, elem(seg, 1), &am->qual);
        require(s, seg, 1, T_CLAIM, "amount qualifier");
        read_amount(s, seg, 2, 0, 1, T_CLAIM, &am->cents);
        if (sv) {
            sv->amounts.n++;
            if (is(am->qual, "B6") && !sv->has_allowed) {
                sv->allowed = am->cents;
                sv->has_allowed = 1;
            }
        }
    } else if (sc == S_QTY) {
        x12i_vec *v = sv ? &c->line_qtys : &c->qtys;
        x12_remit_quantity *q = x12i_remit_push(s, v, sizeof *q);

        if (q == NULL)
            return;
        kcopy(s, &c->arena, seg, elem(seg, 1), &q->qual);
        read_quantity(s, seg, 2, T_CLAIM, &c->arena, &q->text, &q->milli);
        if (sv)
            sv->qtys.n++;
    } else if (sc == S_LQ) {
        if (sv == NULL) {
            x12i_remit_issue(s, seg_pos(seg, "2100"), T_CLAIM, X12_SEV_ERROR, X12_ESYNTAX,
                  "outside-service", 0, 0, "LQ outside a service line (no SVC before it); "
                  "ignored");
            return;
        }
        before = c->line_remarks.n;
        add_remark(s, seg, &c->line_remarks, "LQ", elem(seg, 1),
                   elem(seg, 2));
        if (c->line_remarks.n > before)
            sv->remarks.n++;
    } else if (sc == S_NM1) {
        x12_remit_name *n = x12i_remit_push(s, &c->names, sizeof *n);
        static const unsigned char map[10] = {0, X12_RN_ENTITY, X12_RN_TYPE, X12_RN_NAME,
                                              X12_RN_FIRST, X12_RN_MIDDLE, 0, X12_RN_SUFFIX,
                                              X12_RN_ID_QUALIFIER, X12_RN_ID};
        unsigned i;

        if (n == NULL)
            return;
        for (i = 1; i <= 9; i++)
            if (map[i] != 0)
                kcopy(s, &c->arena, seg, elem(seg, i), &n->f[map[i]]);
    } else if (sc == S_MIA || sc == S_MOA) {
        on_mia_moa(s, seg, sc == S_MIA);
    } else if (sc == S_PER) {
        add_contact(s, &c->arena, &c->contacts, seg);
    }
}

static void on_plb(x12_remit_stream *s, const x12_segment *seg)
{
    x12_remit_payment *p = s->pay;
    x12_str prov, date;
    unsigned k;
    int ovf = 0;

    x12i_remit_header_complete(s);
    if (s->claim_open)
        x12i_remit_finish_claim(s);
    s->ctx = C_TRAILER;
    require(s, seg, 1, T_PAYMENT, "provider identifier");
    require(s, seg, 2, T_PAYMENT, "fiscal period date");
    if (kcopy(s, &p->arena, seg, elem(seg, 1), &prov) != 0 ||
        kcopy(s, &p->arena, seg, elem(seg, 2), &date) != 0)
        return;
    for (k = 0; k < 6; k++) {
        unsigned el = 3 + 2 * k;
        x12_remit_plb *b;

        if (elem(seg, el).len == 0 && elem(seg, el + 1).len == 0)
            continue;
        b = x12i_remit_push(s, &p->plb, sizeof *b);
        if (b == NULL)
            return;
        b->provider = prov;
        b->date = date;
        b->segno = seg->number;
        b->offset = seg->offset;
        if (x12_segment_component(seg, el, 1).len == 0)
            require(s, seg, el, T_PAYMENT, "adjustment reason");
        kcopy(s, &p->arena, seg, x12_segment_component(seg, el, 1), &b->reason);
        kcopy(s, &p->arena, seg, x12_segment_component(seg, el, 2), &b->reference);
        if (read_amount(s, seg, el + 1, 0, 1, T_PAYMENT, &b->cents) < 0)
            p->any_amount_error = 1;
        p->sum_plb = x12i_add_checked(p->sum_plb, b->cents, &ovf);
    }
    if (ovf)
        p->any_amount_error = 1;
}

static void start_set(x12_remit_stream *s, const x12_segment *seg)
{
    x12_str st01 = elem(seg, 1), st02 = elem(seg, 2);

    if (s->payment_open)
        x12i_remit_end_payment(s, seg_pos(seg, ""));
    s->skipping = 0;
    if (!is(st01, "835")) {
        char q[40];

        s->skipping = 1;
        x12i_remit_issue(s, seg_pos(seg, ""), T_NONE, X12_SEV_WARNING, X12_OK, "not-835", 1, 0,
              "transaction set %s is not an 835; its segments are skipped",
              x12i_quote_msg(q, sizeof q, st01.ptr, st01.len, 3, NULL, 0));
        return;
    }
    /* ST02 is kept until the payment starts (after any queued events). */
    if (st02.len > s->st02_cap) {
        char *nb = x12i_realloc(&s->a, s->st02_buf, st02.len);

        if (nb == NULL) {
            s->nomem = 1;
            return;
        }
        s->st02_buf = nb;
        s->st02_cap = st02.len;
    }
    if (st02.len > 0)
        memcpy(s->st02_buf, st02.ptr, st02.len);
    s->pending_st02.ptr = s->st02_buf != NULL ? s->st02_buf : "";
    s->pending_st02.len = st02.len;
    s->pending_segno = seg->number;
    s->pending_offset = seg->offset;
    s->pending_start = 1;
}

void x12i_remit_handle(x12_remit_stream *s, const x12_segment *seg)
{
    enum segcode sc = segcode_of(seg);
    x12_str id;

    s->kept_seg = NULL; /* a new segment: nothing of it is copied yet */
    if (sc == S_ST) {
        start_set(s, seg);
        return;
    }
    if (s->pending_start)
        x12i_remit_begin_payment(s);
    if (!s->payment_open)
        return; /* outside an 835 set, or inside a skipped one */
    if (sc == S_SE) {
        x12i_remit_end_payment(s, seg_pos(seg, ""));
        return;
    }
    if (sc == S_OTHER)
        return; /* not an 835 segment: the validator's business */
    id.ptr = seg->data;
    id.len = seg->idlen;
    if (sc == S_CLP) {
        on_clp(s, seg);
    } else if (sc == S_LX) {
        on_lx(s, seg);
    } else if (sc == S_TS3 || sc == S_TS2) {
        on_ts(s, seg, sc == S_TS3);
    } else if (sc == S_PLB) {
        on_plb(s, seg);
    } else if (s->ctx == C_CLAIM || s->ctx == C_SERVICE) {
        on_claim_segment(s, seg, sc);
    } else if (sc == S_CAS || sc == S_SVC || sc == S_NM1 || sc == S_MIA || sc == S_MOA ||
               sc == S_AMT || sc == S_QTY || sc == S_LQ) {
        no_claim(s, seg, id);
    } else if (s->ctx == C_HEADER || s->ctx == C_PAYER || s->ctx == C_PAYEE ||
               s->ctx == C_PARTY || s->header_done) {
        on_header_segment(s, seg, id, sc);
    }
}

