/*
 * The claims an 837 sent: enough of each to ask about it (a 276) and to
 * join the answers (277CA, 277, and later 835s) with it.  One pass over the
 * segments with the HL level and the loop in hand; the parties and envelope
 * values a claim shares with others are copied once and shared.
 *
 * Where each value comes from: ISA13, BHT03, ST02, ST03 (else GS08) for the
 * kind; 1000A NM1*41 submitter; 2010AA NM1*85 billing provider; 2010BA
 * NM1*IL + DMG subscriber; 2010BB NM1*PR payer; 2010CA NM1*QC + DMG patient;
 * 2300 CLM, REF*F8/D9/EA (before the first LX), DTP*434 (837I statement
 * dates); 2400 SV1/SV2, DTP*472, REF*6R.  NM1*IL/PR inside a claim belong to
 * other payers (2330x) and are not taken.
 */
#include <stdio.h>
#include <stdlib.h>

#include <x12/remit835.h>

#include "cstat_internal.h"

static const x12_str empty = {"", 0};

enum { LV_NONE, LV_PROVIDER, LV_SUBSCRIBER, LV_PATIENT };

x12_status x12_claimstatus_sent_new(const x12_allocator *alloc, x12_claimstatus_sent **out)
{
    x12i_alloc a;
    x12_claimstatus_sent *s;
    x12_status st;
    size_t i;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    s = x12i_malloc(&a, sizeof *s);
    if (s == NULL)
        return X12_ENOMEM;
    memset(s, 0, sizeof *s);
    s->a = a;
    s->errors.max = X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS;
    tx_arena_init(&s->ar, &a);
    for (i = 0; i <= SC_NF; i++)
        s->ctx[i] = empty;
    *out = s;
    return X12_OK;
}

void x12_claimstatus_sent_free(x12_claimstatus_sent *s)
{
    x12i_alloc a;

    if (s == NULL)
        return;
    a = s->a;
    tx_arena_free(&s->ar);
    x12i_diags_free(&a, &s->errors);
    x12i_free(&a, s);
}

/* ---- reading -------------------------------------------------------------------------- */

static int keep(x12_claimstatus_sent *s, x12_str *dst, x12_str v)
{
    return tx_copy(&s->ar, v.ptr, v.len, dst);
}

/* Keeps a diagnostic within the limit (the whole object's: its list is
 * never cleared) or counts it.  -1 when memory ran out. */
static int keep_error(x12_claimstatus_sent *s, const x12_error *e)
{
    if (x12i_diags_add(&s->a, &s->errors, e) < 0)
        return -1;
    if (s->on_error != NULL)
        s->on_error(s->on_error_user, e);
    return 0;
}

static int note(x12_claimstatus_sent *s, const x12_segment *seg, x12_severity sev,
                const char *rule, unsigned element, const char *msg)
{
    x12_error e;
    x12_str id = x12_segment_id(seg);

    x12i_error_set(&e, sev == X12_SEV_WARNING ? X12_OK : X12_ESYNTAX, sev, rule,
                   x12_segment_number(seg), id.ptr, id.len, x12_segment_offset(seg), element,
                   "%s", msg);
    return keep_error(s, &e);
}

/* Ends the open claim (an 837P's dates were widened line by line). */
static void end_claim(x12_claimstatus_sent *s)
{
    s->cur = NULL;
    s->in_claim = 0;
    s->in_line = 0;
}

static void clear_ctx(x12_claimstatus_sent *s, unsigned from, unsigned to)
{
    unsigned f;

    for (f = from; f <= to; f++)
        s->ctx[f] = empty;
}

/* Widens the claim's dates to include from..to (CCYYMMDD views). */
static int widen(x12_claimstatus_sent *s, x12_str from, x12_str to)
{
    x12_claimstatus_sent_claim *c = s->cur;
    x12_str *lo = &c->f[X12_SC_SERVICE_FROM], *hi = &c->f[X12_SC_SERVICE_TO];

    if (from.len != 8 || to.len != 8)
        return 0;
    if (lo->len != 8 || memcmp(from.ptr, lo->ptr, 8) < 0)
        if (keep(s, lo, from) != 0)
            return -1;
    if (hi->len != 8 || memcmp(to.ptr, hi->ptr, 8) > 0)
        if (keep(s, hi, to) != 0)
            return -1;
    return 0;
}

static int start_claim(x12_claimstatus_sent *s, const x12_segment *seg)
{
    x12_claimstatus_sent_claim *c, **slot;
    x12_str charge = x12_segment_element(seg, 2);
    unsigned f;

    c = tx_alloc(&s->ar, sizeof *c);
    slot = tx_push(&s->ar, &s->claims, sizeof *slot);
    if (c == NULL || slot == NULL)
        return -1;
    *slot = c;
    for (f = 0; f <= SC_NF; f++)
        c->f[f] = s->ctx[f];
    if (s->level != LV_PATIENT)
        for (f = X12_SC_PATIENT_LAST_NAME; f <= X12_SC_PATIENT_GENDER; f++)
            c->f[f] = empty;
    c->f[X12_SC_SERVICE_FROM] = c->f[X12_SC_SERVICE_TO] = empty;
    c->index = s->claims.n - 1;
    c->segno = x12_segment_number(seg);
    c->offset = x12_segment_offset(seg);
    s->cur = c;
    s->in_claim = 1;
    s->in_line = 0;
    if (keep(s, &c->f[X12_SC_PCN], x12_segment_element(seg, 1)) != 0 ||
        keep(s, &c->f[X12_SC_CHARGE_TEXT], charge) != 0 ||
        keep(s, &c->f[X12_SC_FACILITY_CODE], x12_segment_component(seg, 5, 1)) != 0 ||
        keep(s, &c->f[X12_SC_FREQUENCY], x12_segment_component(seg, 5, 3)) != 0)
        return -1;
    if (x12_cents_parse(charge.ptr, charge.len, &c->charge) != X12_OK &&
        note(s, seg, X12_SEV_ERROR, "amount", 2,
             "CLM02 is not an amount of money: the charge reads as 0") != 0)
        return -1;
    if (tx_is(c->f[X12_SC_KIND], "837I")) {
        char bt[8];
        x12_str fac = c->f[X12_SC_FACILITY_CODE], freq = c->f[X12_SC_FREQUENCY];
        int n = snprintf(bt, sizeof bt, "%.*s%.*s", (int)(fac.len < 3 ? fac.len : 3), fac.ptr,
                         (int)(freq.len < 2 ? freq.len : 2), freq.ptr);
        if (fac.len > 0 && keep(s, &c->f[X12_SC_BILL_TYPE], tx_view(bt, (size_t)n)) != 0)
            return -1;
    }
    return 0;
}

static int person_name(x12_claimstatus_sent *s, const x12_segment *seg, unsigned last)
{
    return keep(s, &s->ctx[last], x12_segment_element(seg, 3)) ||
           keep(s, &s->ctx[last + 1], x12_segment_element(seg, 4)) ||
           keep(s, &s->ctx[last + 2], x12_segment_element(seg, 5)) ||
           keep(s, &s->ctx[last + 3], x12_segment_element(seg, 7));
}

/* An ISA field without its padding. */
static x12_str trim(x12_str v)
{
    while (v.len > 0 && v.ptr[v.len - 1] == ' ')
        v.len--;
    return v;
}

/* One segment; -1 when memory ran out. */
static int handle(x12_claimstatus_sent *s, const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);

    if (tx_is(id, "ISA")) {
        s->in_set = 0;
        return keep(s, &s->ctx[X12_SC_INTERCHANGE_CONTROL_NUMBER], x12_segment_element(seg, 13)) ||
               keep(s, &s->ctx[X12_SC_SENDER_QUALIFIER], x12_segment_element(seg, 5)) ||
               keep(s, &s->ctx[X12_SC_SENDER_ID], trim(x12_segment_element(seg, 6))) ||
               keep(s, &s->ctx[X12_SC_RECEIVER_QUALIFIER], x12_segment_element(seg, 7)) ||
               keep(s, &s->ctx[X12_SC_RECEIVER_ID], trim(x12_segment_element(seg, 8)));
    }
    if (tx_is(id, "GS")) {
        x12_str v = x12_segment_element(seg, 8);
        if (keep(s, &s->ctx[X12_SC_GS_SENDER], x12_segment_element(seg, 2)) ||
            keep(s, &s->ctx[X12_SC_GS_RECEIVER], x12_segment_element(seg, 3)))
            return -1;
        s->ctx[X12_SC_KIND] = empty;
        if (v.len >= 10 && memcmp(v.ptr, "005010X222", 10) == 0)
            s->ctx[X12_SC_KIND] = tx_view("837P", 4);
        else if (v.len >= 10 && memcmp(v.ptr, "005010X223", 10) == 0)
            s->ctx[X12_SC_KIND] = tx_view("837I", 4);
        return 0;
    }
    if (tx_is(id, "ST")) {
        x12_str v = x12_segment_element(seg, 3);
        end_claim(s);
        s->level = LV_NONE;
        s->skip = !tx_is(x12_segment_element(seg, 1), "837");
        s->in_set = !s->skip;
        if (s->skip)
            return note(s, seg, X12_SEV_WARNING, "not-837", 1,
                        "the transaction set is not an 837: skipped");
        clear_ctx(s, X12_SC_PAYER_NAME, X12_SC_PATIENT_GENDER); /* submitter too: a new set */
        if (v.len >= 10 && memcmp(v.ptr, "005010X222", 10) == 0)
            s->ctx[X12_SC_KIND] = tx_view("837P", 4);
        else if (v.len >= 10 && memcmp(v.ptr, "005010X223", 10) == 0)
            s->ctx[X12_SC_KIND] = tx_view("837I", 4);
        return keep(s, &s->ctx[X12_SC_CONTROL_NUMBER], x12_segment_element(seg, 2));
    }
    if (!s->in_set)
        return 0;
    if (tx_is(id, "SE")) {
        end_claim(s);
        s->in_set = 0;
        return 0;
    }
    if (tx_is(id, "BHT"))
        return keep(s, &s->ctx[X12_SC_BATCH_REFERENCE], x12_segment_element(seg, 3));
    if (tx_is(id, "HL")) {
        x12_str code = x12_segment_element(seg, 3);
        end_claim(s);
        s->person = 0;
        if (tx_is(code, "20")) {
            s->level = LV_PROVIDER;
            clear_ctx(s, X12_SC_PAYER_NAME, X12_SC_PROVIDER_NPI);
            clear_ctx(s, X12_SC_SUBSCRIBER_LAST_NAME, X12_SC_PATIENT_GENDER);
        } else if (tx_is(code, "22")) {
            s->level = LV_SUBSCRIBER;
            clear_ctx(s, X12_SC_PAYER_NAME, X12_SC_PAYER_ID_QUALIFIER);
            clear_ctx(s, X12_SC_SUBSCRIBER_LAST_NAME, X12_SC_PATIENT_GENDER);
        } else if (tx_is(code, "23")) {
            s->level = LV_PATIENT;
            clear_ctx(s, X12_SC_PATIENT_LAST_NAME, X12_SC_PATIENT_GENDER);
        } else {
            s->level = LV_NONE;
        }
        return 0;
    }
    if (tx_is(id, "CLM"))
        return start_claim(s, seg);
    if (!s->in_claim) {
        x12_str ent = x12_segment_element(seg, 1);
        if (tx_is(id, "NM1")) {
            s->person = 0;
            if (tx_is(ent, "41"))
                return keep(s, &s->ctx[X12_SC_SUBMITTER_NAME], x12_segment_element(seg, 3)) ||
                       keep(s, &s->ctx[X12_SC_SUBMITTER_ID], x12_segment_element(seg, 9));
            if (tx_is(ent, "85"))
                return keep(s, &s->ctx[X12_SC_PROVIDER_NAME], x12_segment_element(seg, 3)) ||
                       keep(s, &s->ctx[X12_SC_PROVIDER_FIRST_NAME], x12_segment_element(seg, 4)) ||
                       keep(s, &s->ctx[X12_SC_PROVIDER_NPI], x12_segment_element(seg, 9));
            if (tx_is(ent, "PR"))
                return keep(s, &s->ctx[X12_SC_PAYER_NAME], x12_segment_element(seg, 3)) ||
                       keep(s, &s->ctx[X12_SC_PAYER_ID], x12_segment_element(seg, 9)) ||
                       keep(s, &s->ctx[X12_SC_PAYER_ID_QUALIFIER], x12_segment_element(seg, 8));
            if (tx_is(ent, "IL")) {
                s->person = 1;
                return person_name(s, seg, X12_SC_SUBSCRIBER_LAST_NAME) ||
                       keep(s, &s->ctx[X12_SC_MEMBER_ID], x12_segment_element(seg, 9));
            }
            if (tx_is(ent, "QC")) {
                s->person = 2;
                return person_name(s, seg, X12_SC_PATIENT_LAST_NAME);
            }
            return 0;
        }
        if (tx_is(id, "DMG") && s->person != 0) {
            unsigned f = s->person == 1 ? X12_SC_SUBSCRIBER_BIRTH_DATE : X12_SC_PATIENT_BIRTH_DATE;
            return keep(s, &s->ctx[f], x12_segment_element(seg, 2)) ||
                   keep(s, &s->ctx[f + 1], x12_segment_element(seg, 3));
        }
        return 0;
    }
    /* Inside a claim. */
    if (tx_is(id, "LX")) {
        cs_sent_line *l = tx_push(&s->ar, &s->cur->lines, sizeof *l);
        if (l == NULL)
            return -1;
        l->control = l->procedure = empty;
        s->in_line = 1;
        return 0;
    }
    if (s->in_line) {
        cs_sent_line *l = &TX_AT(s->cur->lines, cs_sent_line, s->cur->lines.n - 1);
        if (tx_is(id, "SV1") || tx_is(id, "SV2")) {
            int inst = tx_is(id, "SV2");
            x12_str proc = x12_segment_component(seg, inst ? 2 : 1, 2);
            x12_str charge = x12_segment_element(seg, inst ? 3 : 2);
            if (proc.len == 0 && inst)
                proc = x12_segment_element(seg, 1); /* the revenue code */
            if (x12_cents_parse(charge.ptr, charge.len, &l->charge) != X12_OK)
                l->charge = 0;
            return keep(s, &l->procedure, proc);
        }
        if (tx_is(id, "REF") && tx_is(x12_segment_element(seg, 1), "6R"))
            return keep(s, &l->control, x12_segment_element(seg, 2));
        if (tx_is(id, "DTP") && tx_is(x12_segment_element(seg, 1), "472") &&
            !tx_is(s->cur->f[X12_SC_KIND], "837I")) {
            x12_str from, to;
            x12i_date_range(x12_segment_element(seg, 3), &from, &to);
            return widen(s, from, to);
        }
        return 0;
    }
    if (tx_is(id, "REF")) {
        x12_str q = x12_segment_element(seg, 1), v = x12_segment_element(seg, 2);
        if (tx_is(q, "F8"))
            return keep(s, &s->cur->f[X12_SC_PAYER_CLAIM_NUMBER], v);
        if (tx_is(q, "D9"))
            return keep(s, &s->cur->f[X12_SC_CLEARINGHOUSE_TRACE], v);
        if (tx_is(q, "EA"))
            return keep(s, &s->cur->f[X12_SC_MEDICAL_RECORD], v);
        return 0;
    }
    if (tx_is(id, "DTP") && tx_is(x12_segment_element(seg, 1), "434")) {
        x12_str from, to;
        x12i_date_range(x12_segment_element(seg, 3), &from, &to);
        return widen(s, from, to);
    }
    /* 2330A/B name other payers: the claim's own parties are set. */
    return 0;
}

x12_status x12_claimstatus_sent_read(x12_claimstatus_sent *s, x12_reader *r)
{
    const x12_segment *seg;
    x12_status st;
    size_t i, n;

    if (s == NULL || r == NULL)
        return X12_EINVAL;
    if (s->reader != r) {
        /* Another file: nothing of the last one's envelope carries over. */
        s->reader = r;
        s->in_set = s->skip = 0;
        s->level = LV_NONE;
        end_claim(s);
        clear_ctx(s, 1, SC_NF);
    }
    for (;;) {
        st = x12_reader_next(r, &seg);
        n = x12_reader_error_count(r);
        for (i = 0; i < n; i++)
            if (keep_error(s, x12_reader_error_at(r, i)) != 0)
                return X12_ENOMEM;
        if (st == X12_OK) {
            if (handle(s, seg) != 0)
                return X12_ENOMEM;
            continue;
        }
        if (st == X12_END) {
            end_claim(s);
            s->reader = NULL;
            return X12_OK;
        }
        if (st == X12_AGAIN)
            return X12_AGAIN;
        {
            const x12_error *le = x12_reader_last_error(r);
            if (le != NULL) {
                if (keep_error(s, le) != 0)
                    return X12_ENOMEM;
                if (x12_error_severity(le) != X12_SEV_FATAL)
                    continue;
            }
            s->reader = NULL;
            return st;
        }
    }
}

x12_status x12_claimstatus_sent_read_path(x12_claimstatus_sent *s, const char *path)
{
    x12_reader *r;
    x12_status st;
    x12_allocator al;

    if (s == NULL || path == NULL)
        return X12_EINVAL;
    al.struct_size = sizeof al;
    al.malloc_fn = s->a.malloc_fn;
    al.realloc_fn = s->a.realloc_fn;
    al.free_fn = s->a.free_fn;
    al.user = s->a.user;
    st = x12_reader_new(&al, &r);
    if (st != X12_OK)
        return st;
    st = x12_reader_open_path(r, path);
    if (st == X12_OK)
        st = x12_claimstatus_sent_read(s, r);
    x12_reader_free(r);
    s->reader = NULL;
    return st;
}

/* ---- accessors -------------------------------------------------------------------------- */

size_t x12_claimstatus_sent_count(const x12_claimstatus_sent *s) { return s ? s->claims.n : 0; }

const x12_claimstatus_sent_claim *x12_claimstatus_sent_at(const x12_claimstatus_sent *s,
                                                          size_t i)
{
    return s && i < s->claims.n ? TX_AT(s->claims, x12_claimstatus_sent_claim *, i) : NULL;
}

const x12_claimstatus_sent_claim *x12_claimstatus_sent_find(const x12_claimstatus_sent *s,
                                                            const char *pcn, size_t len)
{
    size_t i;

    if (s == NULL || pcn == NULL)
        return NULL;
    len = tx_len(pcn, len);
    for (i = 0; i < s->claims.n; i++) {
        const x12_claimstatus_sent_claim *c = TX_AT(s->claims, x12_claimstatus_sent_claim *, i);
        if (c->f[X12_SC_PCN].len == len && memcmp(c->f[X12_SC_PCN].ptr, pcn, len) == 0)
            return c;
    }
    return NULL;
}

size_t x12_claimstatus_sent_error_count(const x12_claimstatus_sent *s)
{
    return s ? s->errors.list.count : 0;
}

const x12_error *x12_claimstatus_sent_error_at(const x12_claimstatus_sent *s, size_t i)
{
    return s && i < s->errors.list.count ? &s->errors.list.items[i] : NULL;
}

x12_status x12_claimstatus_sent_set_max_errors(x12_claimstatus_sent *s, size_t max)
{
    return x12i_diags_set_max(s ? &s->errors : NULL, max);
}

uint64_t x12_claimstatus_sent_errors_dropped(const x12_claimstatus_sent *s)
{
    return x12i_diags_dropped(s ? &s->errors : NULL);
}

void x12_claimstatus_sent_set_error_handler(x12_claimstatus_sent *s, x12_error_fn fn,
                                            void *user)
{
    if (s == NULL)
        return;
    s->on_error = fn;
    s->on_error_user = user;
}

x12_str x12_claimstatus_sent_get(const x12_claimstatus_sent_claim *c,
                                         x12_claimstatus_sent_field f)
{
    if (c == NULL || (unsigned)f < 1 || (unsigned)f > SC_NF)
        return empty;
    return c->f[f];
}

int64_t x12_claimstatus_sent_charge_cents(const x12_claimstatus_sent_claim *c)
{
    return c ? c->charge : 0;
}

size_t x12_claimstatus_sent_index(const x12_claimstatus_sent_claim *c) { return c ? c->index : 0; }
uint64_t x12_claimstatus_sent_segment_number(const x12_claimstatus_sent_claim *c)
{
    return c ? c->segno : 0;
}
uint64_t x12_claimstatus_sent_offset(const x12_claimstatus_sent_claim *c)
{
    return c ? c->offset : 0;
}

size_t x12_claimstatus_sent_line_count(const x12_claimstatus_sent_claim *c)
{
    return c ? c->lines.n : 0;
}

x12_str x12_claimstatus_sent_line_control_number(const x12_claimstatus_sent_claim *c, size_t i)
{
    return c && i < c->lines.n ? TX_AT(c->lines, cs_sent_line, i).control : empty;
}

x12_str x12_claimstatus_sent_line_procedure(const x12_claimstatus_sent_claim *c, size_t i)
{
    return c && i < c->lines.n ? TX_AT(c->lines, cs_sent_line, i).procedure : empty;
}

int64_t x12_claimstatus_sent_line_charge_cents(const x12_claimstatus_sent_claim *c, size_t i)
{
    return c && i < c->lines.n ? TX_AT(c->lines, cs_sent_line, i).charge : 0;
}
