/*
 * Helpers of the claim-reading tests (check_claimread, check_claimread_corpus):
 * every claim a stream hands out dumped as "path=value" text through every
 * getter of the model, read from a buffer or pushed in chunks, copied into
 * a batch and written again.
 */
#ifndef X12_CLAIMREAD_UTIL_H
#define X12_CLAIMREAD_UTIL_H

#include "testutil.h"

#define OK(call) ck_assert_int_eq((call), X12_OK)

/* ---- dumping claims as text: every getter of the model ------------------------ */

static inline void put_view(tbuf *t, x12_str v)
{
    tbuf_add(t, v.ptr, v.len);
}

/* "path.name=value\n" when the value is not empty. */
static inline void kv(tbuf *t, const char *path, const char *name, x12_str v)
{
    if (v.len == 0)
        return;
    tbuf_str(t, path);
    tbuf_str(t, ".");
    tbuf_str(t, name);
    tbuf_str(t, "=");
    put_view(t, v);
    tbuf_str(t, "\n");
}

static inline void kn(tbuf *t, const char *path, const char *name, long long n)
{
    char b[32];

    tbuf_str(t, path);
    tbuf_str(t, ".");
    tbuf_str(t, name);
    snprintf(b, sizeof b, "=%lld\n", n);
    tbuf_str(t, b);
}

static inline void dump_party(tbuf *t, const char *path, const x12_party *p)
{
    int f;
    char name[16];

    if (p == NULL)
        return;
    kn(t, path, "entity", x12_party_entity(p));
    for (f = 1; f <= x12_claim_field_count(X12_CO_PARTY); f++) {
        snprintf(name, sizeof name, "f%d", f);
        kv(t, path, name, x12_party_get(p, (x12_party_field)f));
    }
}

static inline void dump_attachments(tbuf *t, const char *path, x12_attachment *a)
{
    int f;
    size_t n = 0;
    char p[320], name[16];

    for (; a != NULL; a = x12_attachment_next(a)) {
        snprintf(p, sizeof p, "%.200s.att%zu", path, ++n);
        for (f = 1; f <= x12_claim_field_count(X12_CO_ATTACHMENT); f++) {
            snprintf(name, sizeof name, "f%d", f);
            kv(t, p, name, x12_attachment_get(a, (x12_attachment_field)f));
        }
    }
}

static inline void dump_adjustments(tbuf *t, const char *path, size_t n,
                             x12_str (*get)(const void *, size_t, x12_str *, int64_t *,
                                            x12_str *),
                             const void *obj)
{
    size_t i;
    char p[256];

    for (i = 0; i < n; i++) {
        x12_str reason, qty, g;
        int64_t cents;
        g = get(obj, i, &reason, &cents, &qty);
        snprintf(p, sizeof p, "%.200s.cas%zu", path, i + 1);
        kv(t, p, "group", g);
        kv(t, p, "reason", reason);
        kn(t, p, "cents", cents);
        kv(t, p, "quantity", qty);
    }
}

static inline x12_str op_adj(const void *o, size_t i, x12_str *r, int64_t *c, x12_str *q)
{
    return x12_other_payer_adjustment(o, i, r, c, q);
}

static inline x12_str la_adj(const void *o, size_t i, x12_str *r, int64_t *c, x12_str *q)
{
    return x12_line_adjudication_adjustment(o, i, r, c, q);
}

static inline void dump_claim(tbuf *t, const char *path, x12_claim *c)
{
    int f, r;
    size_t i;
    int64_t cents;
    char p[256], name[32];
    x12_other_payer *op;
    x12_service_line *l;

    for (f = 1; f <= x12_claim_field_count(X12_CO_CLAIM); f++) {
        snprintf(name, sizeof name, "f%d", f);
        kv(t, path, name, x12_claim_get(c, (x12_claim_field)f));
    }
    for (f = 1; f <= x12_claim_field_count(X12_CO_CLAIM_AMOUNT); f++)
        if (x12_claim_get_amount(c, (x12_claim_amount)f, &cents)) {
            snprintf(name, sizeof name, "amount%d", f);
            kn(t, path, name, cents);
        }
    for (i = 0; i < x12_claim_diagnosis_count(c); i++) {
        x12_dx_kind k;
        x12_str code = x12_claim_diagnosis(c, i, &k);
        char poa = x12_claim_diagnosis_poa(c, i);
        snprintf(p, sizeof p, "%.200s.dx%zu", path, i + 1);
        kv(t, p, "code", code);
        kn(t, p, "kind", k);
        if (poa)
            kn(t, p, "poa", poa);
    }
    for (i = 0; i < x12_claim_code_count(c); i++) {
        x12_code_kind k;
        x12_str d1, d2, code = x12_claim_code(c, i, &k, &d1, &d2, &cents);
        snprintf(p, sizeof p, "%.200s.code%zu", path, i + 1);
        kv(t, p, "code", code);
        kn(t, p, "kind", k);
        kv(t, p, "date", d1);
        kv(t, p, "date2", d2);
        kn(t, p, "cents", cents);
    }
    for (r = 1; r <= X12_ROLE_PURCHASED_SERVICE; r++) {
        snprintf(p, sizeof p, "%.200s.role%d", path, r);
        dump_party(t, p, x12_claim_find_provider(c, (x12_claim_role)r));
    }
    ck_assert_ptr_null(x12_claim_find_provider(c, X12_ROLE_ORDERING));
    dump_attachments(t, path, x12_claim_first_attachment(c));
    i = 0;
    for (op = x12_claim_first_other_payer(c); op != NULL; op = x12_other_payer_next(op)) {
        char pp[320];
        snprintf(p, sizeof p, "%.200s.op%zu", path, ++i);
        for (f = 1; f <= x12_claim_field_count(X12_CO_OTHER_PAYER); f++) {
            snprintf(name, sizeof name, "f%d", f);
            kv(t, p, name, x12_other_payer_get(op, (x12_other_payer_field)f));
        }
        for (f = 1; f <= x12_claim_field_count(X12_CO_OTHER_PAYER_AMOUNT); f++)
            if (x12_other_payer_get_amount(op, (x12_other_payer_amount)f, &cents)) {
                snprintf(name, sizeof name, "amount%d", f);
                kn(t, p, name, cents);
            }
        dump_adjustments(t, p, x12_other_payer_adjustment_count(op), op_adj, op);
        snprintf(pp, sizeof pp, "%.200s.sub", p);
        dump_party(t, pp, x12_other_payer_subscriber(op));
        snprintf(pp, sizeof pp, "%.200s.payer", p);
        dump_party(t, pp, x12_other_payer_payer(op));
    }
    ck_assert_uint_eq(i, x12_claim_other_payer_count(c));
    i = 0;
    for (l = x12_claim_first_line(c); l != NULL; l = x12_line_next(l)) {
        x12_line_adjudication *a;
        size_t k, na = 0;
        snprintf(p, sizeof p, "%.200s.line%zu", path, ++i);
        for (f = 1; f <= x12_claim_field_count(X12_CO_LINE); f++) {
            snprintf(name, sizeof name, "f%d", f);
            kv(t, p, name, x12_line_get(l, (x12_line_field)f));
        }
        for (f = 1; f <= x12_claim_field_count(X12_CO_LINE_AMOUNT); f++)
            if (x12_line_get_amount(l, (x12_line_amount)f, &cents)) {
                snprintf(name, sizeof name, "amount%d", f);
                kn(t, p, name, cents);
            }
        for (k = 0; k < x12_line_modifier_count(l); k++)
            kv(t, p, "mod", x12_line_modifier(l, k));
        for (k = 0; k < x12_line_pointer_count(l); k++)
            kn(t, p, "ptr", x12_line_pointer(l, k));
        for (r = 1; r <= X12_ROLE_PURCHASED_SERVICE; r++) {
            char pp[320];
            snprintf(pp, sizeof pp, "%.200s.role%d", p, r);
            dump_party(t, pp, x12_line_find_provider(l, (x12_claim_role)r));
        }
        for (a = x12_line_first_adjudication(l); a != NULL; a = x12_line_adjudication_next(a)) {
            char pa[320];
            snprintf(pa, sizeof pa, "%.200s.la%zu", p, ++na);
            for (f = 1; f <= x12_claim_field_count(X12_CO_LINE_ADJUDICATION); f++) {
                snprintf(name, sizeof name, "f%d", f);
                kv(t, pa, name, x12_line_adjudication_get(a, (x12_line_adjudication_field)f));
            }
            for (f = 1; f <= x12_claim_field_count(X12_CO_LINE_ADJUDICATION_AMOUNT); f++)
                if (x12_line_adjudication_get_amount(a, (x12_line_adjudication_amount)f,
                                                     &cents)) {
                    snprintf(name, sizeof name, "amount%d", f);
                    kn(t, pa, name, cents);
                }
            for (k = 0; k < x12_line_adjudication_modifier_count(a); k++)
                kv(t, pa, "mod", x12_line_adjudication_modifier(a, k));
            dump_adjustments(t, pa, x12_line_adjudication_adjustment_count(a), la_adj, a);
        }
        ck_assert_uint_eq(na, x12_line_adjudication_count(l));
        dump_attachments(t, p, x12_line_first_attachment(l));
    }
    ck_assert_uint_eq(i, x12_claim_line_count(c));
}

static inline void dump_subscriber(tbuf *t, const char *path, x12_subscriber *s)
{
    int f;
    char name[32], p[256];

    for (f = 1; f <= x12_claim_field_count(X12_CO_SUBSCRIBER); f++) {
        snprintf(name, sizeof name, "f%d", f);
        kv(t, path, name, x12_subscriber_get(s, (x12_subscriber_field)f));
    }
    snprintf(p, sizeof p, "%.200s.party", path);
    dump_party(t, p, x12_subscriber_party(s));
    snprintf(p, sizeof p, "%.200s.payer", path);
    dump_party(t, p, x12_subscriber_payer(s));
}

static inline void dump_provider(tbuf *t, const char *path, x12_billing_provider *bp)
{
    char p[256];

    snprintf(p, sizeof p, "%.200s.party", path);
    dump_party(t, p, x12_billing_provider_party(bp));
    snprintf(p, sizeof p, "%.200s.payto", path);
    dump_party(t, p, x12_billing_provider_pay_to(bp));
}

static inline void dump_header(tbuf *t, const x12_batch *b, const x12_party *sub, const x12_party *rcv)
{
    int f;
    char name[32];

    kn(t, "hdr", "kind", x12_batch_kind(b));
    for (f = 1; f <= x12_claim_field_count(X12_CO_BATCH); f++) {
        snprintf(name, sizeof name, "f%d", f);
        kv(t, "hdr", name, x12_batch_get(b, (x12_batch_field)f));
    }
    for (f = 1; f <= 7; f++) {
        snprintf(name, sizeof name, "opt%d", f);
        kn(t, "hdr", name, (long long)x12_batch_get_option(b, (x12_batch_option)f));
    }
    dump_party(t, "hdr.submitter", sub);
    dump_party(t, "hdr.receiver", rcv);
}

/* A whole batch, walked from the top. */
static inline void dump_batch(tbuf *t, x12_batch *b)
{
    x12_billing_provider *bp;
    size_t nbp = 0, nclaims = 0;

    dump_header(t, b, x12_batch_submitter(b), x12_batch_receiver(b));
    for (bp = x12_batch_first_provider(b); bp != NULL; bp = x12_billing_provider_next(bp)) {
        x12_subscriber *s;
        size_t ns = 0;
        char p[64];
        snprintf(p, sizeof p, "bp%zu", ++nbp);
        dump_provider(t, p, bp);
        for (s = x12_billing_provider_first_subscriber(bp); s != NULL; s = x12_subscriber_next(s)) {
            x12_claim *c;
            x12_patient *pt;
            size_t np = 0;
            char ps[320], pc[400];
            snprintf(ps, sizeof ps, "%.200s.sub%zu", p, ++ns);
            dump_subscriber(t, ps, s);
            for (c = x12_subscriber_first_claim(s); c != NULL; c = x12_claim_next(c)) {
                snprintf(pc, sizeof pc, "%.200s.claim%zu", ps, ++nclaims);
                dump_claim(t, pc, c);
            }
            for (pt = x12_subscriber_first_patient(s); pt != NULL; pt = x12_patient_next(pt)) {
                char pp[360];
                snprintf(pp, sizeof pp, "%.200s.pat%zu", ps, ++np);
                kv(t, pp, "rel", x12_patient_relationship(pt));
                dump_party(t, pp, x12_patient_party(pt));
                for (c = x12_patient_first_claim(pt); c != NULL; c = x12_claim_next(c)) {
                    snprintf(pc, sizeof pc, "%.200s.claim%zu", pp, ++nclaims);
                    dump_claim(t, pc, c);
                }
            }
        }
    }
    ck_assert_uint_eq(nclaims, x12_batch_claim_count(b));
}

static inline void dump_error(tbuf *t, const x12_error *e)
{
    char line[600];

    x12_error_format(e, line, sizeof line);
    tbuf_str(t, line);
    snprintf(line, sizeof line, " [%s loop=%s elem=%u comp=%u off=%llu sev=%d]\n",
             x12_error_rule(e), x12_error_loop_id(e), x12_error_element(e),
             x12_error_component(e), (unsigned long long)x12_error_offset(e),
             (int)x12_error_severity(e));
    tbuf_str(t, line);
}

/* The current claim of a stream with everything around it. */
static inline void dump_current(tbuf *t, x12_claim_stream *s)
{
    int f;
    size_t i;
    char name[32];
    x12_patient *pt = x12_claim_stream_patient(s);

    for (f = 1; f <= 14; f++) {
        snprintf(name, sizeof name, "pos%d", f);
        kn(t, "claim", name, (long long)x12_claim_stream_position(s, (x12_claim_position)f));
    }
    kn(t, "claim", "kind", x12_claim_stream_kind(s));
    for (f = 1; f <= 20; f++) {
        snprintf(name, sizeof name, "env%d", f);
        kv(t, "claim", name, x12_claim_stream_envelope(s, (x12_env_field)f));
    }
    dump_header(t, x12_claim_stream_header(s), x12_claim_stream_submitter(s),
                x12_claim_stream_receiver(s));
    dump_provider(t, "bp", x12_claim_stream_provider(s));
    dump_subscriber(t, "sub", x12_claim_stream_subscriber(s));
    ck_assert_ptr_eq(x12_claim_stream_payer(s),
                     x12_subscriber_payer(x12_claim_stream_subscriber(s)));
    if (pt != NULL) {
        kv(t, "pat", "rel", x12_patient_relationship(pt));
        dump_party(t, "pat", x12_patient_party(pt));
    }
    dump_claim(t, "claim", x12_claim_stream_claim(s));
    for (i = 0; i < x12_claim_stream_claim_error_count(s); i++)
        dump_error(t, x12_claim_stream_claim_error_at(s, i));
    kn(t, "claim", "not_kept", (long long)x12_claim_stream_not_kept_count(s));
}

/* ---- reading ---------------------------------------------------------------------- */

typedef struct readout {
    tbuf claims;   /* dump_current of every claim */
    tbuf errors;   /* every diagnostic of every call */
    size_t nclaims;
    x12_status end;
    x12_batch *copy; /* every claim copied, header from the first */
} readout;

static inline void readout_free(readout *o)
{
    tbuf_free(&o->claims);
    tbuf_free(&o->errors);
    x12_batch_free(o->copy);
    memset(o, 0, sizeof *o);
}

static inline void drain_errors(x12_claim_stream *s, readout *o)
{
    size_t i;

    tbuf_add(&o->errors, "", 0);
    for (i = 0; i < x12_claim_stream_error_count(s); i++)
        dump_error(&o->errors, x12_claim_stream_error_at(s, i));
}

/* One claim is ready: dump it and copy it. */
static inline void take(x12_claim_stream *s, readout *o)
{
    x12_claim *c;

    tbuf_add(&o->claims, "", 0);
    dump_current(&o->claims, s);
    o->nclaims++;
    if (o->copy == NULL) {
        OK(x12_batch_new(NULL, x12_claim_stream_kind(s), &o->copy));
        OK(x12_batch_copy_header(o->copy, x12_claim_stream_header(s)));
    }
    /* one batch holds one kind: claims of the other are not copied */
    if (x12_batch_kind(o->copy) != x12_claim_stream_kind(s)) {
        ck_assert_int_eq(x12_claim_stream_copy_claim(s, o->copy, &c), X12_EINVAL);
        return;
    }
    OK(x12_claim_stream_copy_claim(s, o->copy, &c));
    ck_assert_ptr_nonnull(c);
}

/* Reads everything the stream gives (its reader already opened). */
static inline void read_all(x12_claim_stream *s, readout *o)
{
    x12_status st;

    while ((st = x12_claim_stream_next(s)) == X12_OK) {
        drain_errors(s, o);
        take(s, o);
    }
    drain_errors(s, o);
    ck_assert_ptr_null(x12_claim_stream_claim(s));
    o->end = st;
}

static inline void read_buffer(const char *data, size_t len, readout *o)
{
    x12_claim_stream *s;

    memset(o, 0, sizeof *o);
    OK(x12_claim_stream_new(NULL, NULL, &s));
    OK(x12_reader_open_buffer(x12_claim_stream_reader(s), data, len));
    read_all(s, o);
    x12_claim_stream_free(s);
}

/* Push input in chunks of `step` bytes. */
static inline void read_pushed(const char *data, size_t len, size_t step, readout *o)
{
    x12_claim_stream *s;
    x12_reader *r;
    x12_status st;
    size_t off = 0;

    memset(o, 0, sizeof *o);
    OK(x12_claim_stream_new(NULL, NULL, &s));
    r = x12_claim_stream_reader(s);
    for (;;) {
        size_t n = len - off < step ? len - off : step;
        OK(x12_reader_feed(r, data + off, n, off + n == len));
        off += n;
        while ((st = x12_claim_stream_next(s)) == X12_OK) {
            drain_errors(s, o);
            take(s, o);
        }
        drain_errors(s, o);
        if (st != X12_AGAIN)
            break;
        ck_assert_uint_lt(off, len);
    }
    o->end = st;
    x12_claim_stream_free(s);
}

/* Writes a batch with a line break after each segment. */
static inline x12_status write_batch(x12_batch *b, tbuf *out)
{
    x12_writer *w;
    x12_status st;
    const char *p;
    size_t n;

    OK(x12_writer_new(NULL, &w));
    OK(x12_writer_to_memory(w));
    OK(x12_writer_set_line_break(w, "\n"));
    st = x12_batch_write(b, w);
    p = x12_writer_memory(w, &n);
    if (st == X12_OK)
        tbuf_add(out, p, n);
    x12_writer_free(w);
    return st;
}

static inline void assert_same(const char *what, const char *a, size_t alen, const char *b,
                        size_t blen)
{
    size_t i, line = 1;

    for (i = 0; i < alen && i < blen && a[i] == b[i]; i++)
        line += a[i] == '\n';
    ck_assert_msg(alen == blen && i == alen, "%s: differs at line %zu (byte %zu):\n%.200s\n--- vs ---\n%.200s",
                  what, line, i, a + (i > 40 ? i - 40 : 0), b + (i > 40 ? i - 40 : 0));
}

/* Reads `data`, copies every claim into a new batch and writes it: the same
 * bytes must come out.  No diagnostic may be found.  Returns the claims. */
static inline size_t round_trip(const char *what, const char *data, size_t len)
{
    readout o;
    tbuf out = {0};
    size_t n;

    read_buffer(data, len, &o);
    ck_assert_int_eq(o.end, X12_END);
    ck_assert_msg(o.errors.len == 0, "%s: diagnostics:\n%s", what, o.errors.p);
    ck_assert_ptr_nonnull(o.copy);
    OK(write_batch(o.copy, &out));
    assert_same(what, data, len, out.p, out.len);
    n = o.nclaims;
    tbuf_free(&out);
    readout_free(&o);
    return n;
}

/* Every "path=value" line of `sub` is a line of `all`. */
static inline void assert_subset(const char *what, const tbuf *sub, const tbuf *all)
{
    tbuf hay = {0};
    const char *p = sub->p, *nl;
    char line[1024];

    tbuf_str(&hay, "\n");
    tbuf_add(&hay, all->p, all->len);
    for (; p != NULL && *p; p = nl + 1) {
        nl = strchr(p, '\n');
        ck_assert_ptr_nonnull(nl);
        snprintf(line, sizeof line, "\n%.*s\n", (int)(nl - p), p);
        ck_assert_msg(strstr(hay.p, line) != NULL, "%s: %s is not read back", what, line + 1);
    }
    tbuf_free(&hay);
}

static inline void assert_same_readout(const char *what, const readout *a, const readout *b)
{
    ck_assert_int_eq(a->end, b->end);
    ck_assert_uint_eq(a->nclaims, b->nclaims);
    assert_same(what, a->claims.p ? a->claims.p : "", a->claims.len,
                b->claims.p ? b->claims.p : "", b->claims.len);
    assert_same(what, a->errors.p ? a->errors.p : "", a->errors.len,
                b->errors.p ? b->errors.p : "", b->errors.len);
}

#endif /* X12_CLAIMREAD_UTIL_H */
