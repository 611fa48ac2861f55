/*
 * Reconciliation results as JSON, JSON lines and CSV (x12_recon_write).
 * Output goes through a 64 KiB buffer to the caller's function; money is
 * integer cents, every string escaped (JSON: RFC 8259, bytes outside
 * printable ASCII as \u00XX; CSV: RFC 4180 quoting).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "recon_internal.h"

#define OUTBUF 65536

typedef struct out {
    const x12i_alloc *a;
    x12_recon_write_fn fn;
    void *user;
    char buf[OUTBUF];
    size_t n;
    int failed;
} out;

static void flush(out *o)
{
    if (o->n > 0 && !o->failed && o->fn(o->user, o->buf, o->n) != 0)
        o->failed = 1;
    o->n = 0;
}

static void put(out *o, const char *p, size_t len)
{
    while (len > 0 && !o->failed) {
        size_t room = OUTBUF - o->n, k = len < room ? len : room;
        memcpy(o->buf + o->n, p, k);
        o->n += k;
        p += k;
        len -= k;
        if (o->n == OUTBUF)
            flush(o);
    }
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putc_(out *o, char c)
{
    if (o->n == OUTBUF)
        flush(o);
    if (!o->failed)
        o->buf[o->n++] = c;
}

static void put_i64(out *o, int64_t v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%" PRId64, v);

    put(o, b, (size_t)n);
}

static void put_u64(out *o, uint64_t v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%" PRIu64, v);

    put(o, b, (size_t)n);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void jstr(out *o, x12_str v)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;

    putc_(o, '"');
    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.ptr[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            continue;
        put(o, v.ptr + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            putc_(o, '\\');
            putc_(o, (char)c);
        } else {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(o, e, 6);
        }
    }
    put(o, v.ptr + run, v.len - run);
    putc_(o, '"');
}

static x12_str cs(const char *s)
{
    x12_str v;

    v.ptr = s != NULL ? s : "";
    v.len = strlen(v.ptr);
    return v;
}

/* Members after the first of an object start with a comma. */
static void jkey(out *o, const char *key, int first)
{
    if (!first)
        putc_(o, ',');
    putc_(o, '"');
    puts_(o, key);
    puts_(o, "\":");
}

static void jkv(out *o, const char *key, x12_str v, int first)
{
    jkey(o, key, first);
    jstr(o, v);
}

static void jkn(out *o, const char *key, int64_t n)
{
    jkey(o, key, 0);
    put_i64(o, n);
}

static const char *balance_name(int b)
{
    return b < 0 ? "open" : b ? "balanced" : "unbalanced";
}

static void money_json(out *o, const int64_t *c)
{
    jkn(o, "charged_cents", c[X12_RECON_CENTS_CHARGED]);
    jkn(o, "paid_cents", c[X12_RECON_CENTS_PAID]);
    jkn(o, "contractual_cents", c[X12_RECON_CENTS_CONTRACTUAL]);
    jkn(o, "patient_responsibility_cents", c[X12_RECON_CENTS_PATIENT]);
    jkn(o, "other_adjustment_cents", c[X12_RECON_CENTS_OTHER]);
    jkn(o, "prior_payer_cents", c[X12_RECON_CENTS_PRIOR_PAYER]);
    jkn(o, "unbalanced_cents", c[X12_RECON_CENTS_UNBALANCED]);
}

/* One reason object; `pcn` (may be NULL) is written first. */
static void reason_json(out *o, const x12_recon_reason *rs, const char *pcn)
{
    size_t k;

    putc_(o, '{');
    if (pcn != NULL) {
        jkv(o, "patient_control_number", rc_view(pcn), 1);
        jkv(o, "group", x12_recon_reason_group(rs), 0);
    } else {
        jkv(o, "group", x12_recon_reason_group(rs), 1);
    }
    jkv(o, "reason", x12_recon_reason_code(rs), 0);
    jkn(o, "amount_cents", rs->cents);
    jkey(o, "remarks", 0);
    putc_(o, '[');
    for (k = 0; k < rs->nrem; k++) {
        if (k)
            putc_(o, ',');
        jstr(o, rc_view(rs->remarks[k]));
    }
    putc_(o, ']');
    jkv(o, "rule", cs(x12_recon_reason_rule(rs)), 0);
    jkv(o, "action", cs(x12_recon_action_name(x12_recon_reason_action(rs))), 0);
    jkv(o, "effect", cs(x12_recon_effect_name(x12_recon_reason_effect(rs))), 0);
    jkv(o, "text", cs(x12_recon_reason_text(rs)), 0);
    putc_(o, '}');
}

static void reasons_json(out *o, const x12_recon_reason *v, size_t n)
{
    size_t i;

    jkey(o, "reasons", 0);
    putc_(o, '[');
    for (i = 0; i < n; i++) {
        if (i)
            putc_(o, ',');
        reason_json(o, &v[i], NULL);
    }
    putc_(o, ']');
}

static void mods_json(out *o, x12_str m)
{
    size_t i, start = 0;
    int first = 1;

    putc_(o, '[');
    for (i = 0; i <= m.len; i++) {
        if (i < m.len && m.ptr[i] != ':')
            continue;
        if (i > start) {
            x12_str part = {m.ptr + start, i - start};
            if (!first)
                putc_(o, ',');
            jstr(o, part);
            first = 0;
        }
        start = i + 1;
    }
    putc_(o, ']');
}

static void line_json(out *o, const x12_recon_line *l, const char *pcn)
{
    putc_(o, '{');
    if (pcn != NULL)
        jkv(o, "patient_control_number", rc_view(pcn), 1);
    jkey(o, "line", pcn == NULL);
    put_u64(o, l->number);
    jkv(o, "procedure", x12_recon_line_get(l, X12_RECON_LINE_PROCEDURE), 0);
    jkey(o, "modifiers", 0);
    mods_json(o, x12_recon_line_get(l, X12_RECON_LINE_MODIFIERS));
    jkv(o, "revenue_code", x12_recon_line_get(l, X12_RECON_LINE_REVENUE_CODE), 0);
    jkv(o, "service_from", x12_recon_line_get(l, X12_RECON_LINE_SERVICE_FROM), 0);
    jkv(o, "service_to", x12_recon_line_get(l, X12_RECON_LINE_SERVICE_TO), 0);
    jkv(o, "control_number", x12_recon_line_get(l, X12_RECON_LINE_CONTROL_NUMBER), 0);
    jkv(o, "matched_by", x12_recon_line_get(l, X12_RECON_LINE_MATCHED_BY), 0);
    money_json(o, l->cents);
    jkv(o, "balance", cs(balance_name(l->balanced)), 0);
    jkn(o, "patient_due_cents", l->cents[X12_RECON_CENTS_PATIENT_DUE]);
    jkn(o, "payer_balance_cents", l->cents[X12_RECON_CENTS_PAYER_BALANCE]);
    jkv(o, "state", cs(x12_recon_state_name(l->state)), 0);
    jkv(o, "next_action", cs(x12_recon_action_name(l->action)), 0);
    jkv(o, "next_action_rule", cs(x12_recon_line_action_rule(l)), 0);
    jkv(o, "next_action_reason", cs(x12_recon_line_action_reason(l)), 0);
    jkv(o, "patient_text", cs(x12_recon_line_patient_text(l)), 0);
    reasons_json(o, l->reasons, l->nreasons);
    putc_(o, '}');
}

static void remit_json(out *o, const x12_recon_remit *m, const char *pcn)
{
    putc_(o, '{');
    if (pcn != NULL)
        jkv(o, "patient_control_number", rc_view(pcn), 1);
    jkv(o, "trace_number", x12_recon_remit_get(m, X12_RECON_REMIT_TRACE), pcn == NULL);
    jkv(o, "payment_date", x12_recon_remit_get(m, X12_RECON_REMIT_PAYMENT_DATE), 0);
    jkv(o, "date", x12_recon_remit_get(m, X12_RECON_REMIT_DATE), 0);
    jkv(o, "payer_id", x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_ID), 0);
    jkv(o, "payer_name", x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_NAME), 0);
    jkv(o, "status", x12_recon_remit_get(m, X12_RECON_REMIT_STATUS), 0);
    jkv(o, "payer_claim_number", x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_CLAIM_NUMBER), 0);
    jkv(o, "crossover", x12_recon_remit_get(m, X12_RECON_REMIT_CROSSOVER), 0);
    jkn(o, "charge_cents", m->charge);
    jkn(o, "paid_cents", m->paid);
    jkn(o, "patient_responsibility_cents", m->pr);
    jkv(o, "role", cs(x12_recon_role_name((x12_recon_role)m->role)), 0);
    jkn(o, "payer_order", m->tier);
    putc_(o, '}');
}

static void claim_json(const x12_recon *r, out *o, const x12_recon_claim *c, const char *record)
{
    size_t i;
    const char *file = c->src != NULL ? x12_recon_source_name(r, c->src->source) : "";

    putc_(o, '{');
    if (record != NULL) {
        jkv(o, "record", cs(record), 1);
        jkv(o, "patient_control_number", rc_view(c->pcn), 0);
    } else {
        jkv(o, "patient_control_number", rc_view(c->pcn), 1);
    }
    jkv(o, "payer_id", rc_view(c->payer_id), 0);
    jkv(o, "payer_name", rc_view(c->payer_name), 0);
    jkv(o, "service_from", rc_view(c->from), 0);
    jkv(o, "service_to", rc_view(c->to), 0);
    jkv(o, "submitted", x12_recon_claim_get(c, X12_RECON_CLAIM_SUBMITTED), 0);
    jkv(o, "kind", x12_recon_claim_get(c, X12_RECON_CLAIM_KIND), 0);
    jkv(o, "frequency", x12_recon_claim_get(c, X12_RECON_CLAIM_FREQUENCY), 0);
    money_json(o, c->cents);
    jkv(o, "balance", cs(balance_name(c->balanced)), 0);
    jkn(o, "patient_paid_cents", c->cents[X12_RECON_CENTS_PATIENT_PAID]);
    jkn(o, "patient_due_cents", c->cents[X12_RECON_CENTS_PATIENT_DUE]);
    jkn(o, "payer_balance_cents", c->cents[X12_RECON_CENTS_PAYER_BALANCE]);
    jkv(o, "state", cs(x12_recon_state_name(c->state)), 0);
    jkv(o, "next_action", cs(x12_recon_action_name(c->action)), 0);
    jkv(o, "next_action_rule", cs(x12_recon_claim_action_rule(c)), 0);
    jkv(o, "next_action_reason", cs(x12_recon_claim_action_reason(c)), 0);
    jkv(o, "payer_claim_number", rc_view(c->payer_claim), 0);
    jkv(o, "forwarded_to", rc_view(c->forwarded_to), 0);
    jkv(o, "next_payer", x12_recon_claim_get(c, X12_RECON_CLAIM_NEXT_PAYER), 0);
    jkv(o, "last_remit_date", rc_view(c->last_remit), 0);
    if (c->ack_date != NULL) { /* the latest 277CA answer, either kind */
        jkey(o, "ack", 0);
        putc_(o, '{');
        jkv(o, "date", rc_view(c->ack_date), 1);
        jkv(o, "codes", rc_view(c->ack_codes), 0);
        putc_(o, '}');
    }
    jkey(o, "days_outstanding", 0);
    if (c->days < 0)
        puts_(o, "null");
    else
        put_i64(o, c->days);
    reasons_json(o, c->reasons, c->nreasons);
    jkey(o, "remits", 0);
    putc_(o, '[');
    for (i = 0; i < c->nremits; i++) {
        if (i)
            putc_(o, ',');
        remit_json(o, c->remits[i], NULL);
    }
    putc_(o, ']');
    jkey(o, "lines", 0);
    putc_(o, '[');
    for (i = 0; i < c->nlines; i++) {
        if (i)
            putc_(o, ',');
        line_json(o, &c->lines[i], NULL);
    }
    putc_(o, ']');
    jkey(o, "source", 0);
    putc_(o, '{');
    jkv(o, "file", cs(file), 1);
    jkey(o, "claim_index", 0);
    if (c->src != NULL)
        put_u64(o, c->src->clm_index);
    else
        puts_(o, "null");
    jkey(o, "segment_number", 0);
    if (c->src != NULL)
        put_u64(o, c->src->segno);
    else
        puts_(o, "null");
    putc_(o, '}');
    putc_(o, '}');
}

static const char *const bucket_keys[6] = {"days_0_30_cents",   "days_31_60_cents",
                                           "days_61_90_cents",  "days_91_120_cents",
                                           "days_over_120_cents", "total_cents"};

static void aging_json(out *o, const x12_recon_aging *a, const char *record)
{
    int b;

    putc_(o, '{');
    if (record != NULL) {
        jkv(o, "record", cs(record), 1);
        jkv(o, "payer_id", rc_view(a->payer_id), 0);
    } else {
        jkv(o, "payer_id", rc_view(a->payer_id), 1);
    }
    jkv(o, "payer_name", rc_view(a->payer_name), 0);
    for (b = 0; b < 6; b++)
        jkn(o, bucket_keys[b], a->cents[b]);
    jkn(o, "claims", (int64_t)a->claims);
    putc_(o, '}');
}

static void as_of(const x12_recon *r, char *buf, size_t size)
{
    snprintf(buf, size, "%08u", (unsigned)r->as_of_num);
}

static void totals_json(const x12_recon *r, out *o, const char *record)
{
    size_t i, by_state[9] = {0}, by_action[8] = {0};
    int64_t sum[RC_NAMOUNT] = {0};
    int k, first = 1;
    char d[16];

    for (i = 0; i < r->nres; i++) {
        const x12_recon_claim *c = &r->res[i];
        if ((int)c->state >= 1 && (int)c->state <= 8)
            by_state[c->state]++;
        if ((int)c->action >= 1 && (int)c->action <= 7)
            by_action[c->action]++;
        for (k = 1; k < RC_NAMOUNT; k++)
            sum[k] += c->cents[k];
    }
    as_of(r, d, sizeof d);
    putc_(o, '{');
    if (record != NULL) {
        jkv(o, "record", cs(record), 1);
        jkv(o, "as_of", cs(d), 0);
    } else {
        jkv(o, "as_of", cs(d), 1);
    }
    jkn(o, "claims", (int64_t)r->nres);
    jkn(o, "unmatched", (int64_t)r->nunmatched);
    money_json(o, sum);
    jkn(o, "patient_due_cents", sum[X12_RECON_CENTS_PATIENT_DUE]);
    jkn(o, "payer_balance_cents", sum[X12_RECON_CENTS_PAYER_BALANCE]);
    jkey(o, "by_state", 0);
    putc_(o, '{');
    for (k = 1; k <= 8; k++) {
        jkey(o, x12_recon_state_name((x12_recon_state)k), first);
        put_u64(o, by_state[k]);
        first = 0;
    }
    putc_(o, '}');
    jkey(o, "by_next_action", 0);
    putc_(o, '{');
    for (k = 1, first = 1; k <= 7; k++) {
        jkey(o, x12_recon_action_name((x12_recon_action)k), first);
        put_u64(o, by_action[k]);
        first = 0;
    }
    putc_(o, '}');
    putc_(o, '}');
}

static void write_json(const x12_recon *r, out *o)
{
    size_t i;
    char d[16];

    as_of(r, d, sizeof d);
    puts_(o, "{\"as_of\":");
    jstr(o, cs(d));
    puts_(o, ",\"claims\":[");
    for (i = 0; i < r->nres; i++) {
        if (i)
            putc_(o, ',');
        claim_json(r, o, &r->res[i], NULL);
    }
    puts_(o, "],\"unmatched\":[");
    for (i = 0; i < r->nunmatched; i++) {
        if (i)
            putc_(o, ',');
        claim_json(r, o, &r->unmatched[i], NULL);
    }
    puts_(o, "],\"aging\":[");
    for (i = 0; i < r->naging; i++) {
        if (i)
            putc_(o, ',');
        aging_json(o, &r->aging[i], NULL);
    }
    puts_(o, "],\"totals\":");
    totals_json(r, o, NULL);
    puts_(o, "}\n");
}

static void write_jsonl(const x12_recon *r, out *o, x12_recon_table t)
{
    size_t i, k;

    if (t == X12_RECON_TABLE_ALL || t == X12_RECON_TABLE_CLAIMS)
        for (i = 0; i < r->nres; i++) {
            claim_json(r, o, &r->res[i], t == X12_RECON_TABLE_ALL ? "claim" : NULL);
            putc_(o, '\n');
        }
    if (t == X12_RECON_TABLE_ALL || t == X12_RECON_TABLE_UNMATCHED)
        for (i = 0; i < r->nunmatched; i++) {
            claim_json(r, o, &r->unmatched[i], t == X12_RECON_TABLE_ALL ? "unmatched" : NULL);
            putc_(o, '\n');
        }
    if (t == X12_RECON_TABLE_ALL || t == X12_RECON_TABLE_AGING)
        for (i = 0; i < r->naging; i++) {
            aging_json(o, &r->aging[i], t == X12_RECON_TABLE_ALL ? "aging" : NULL);
            putc_(o, '\n');
        }
    if (t == X12_RECON_TABLE_ALL) {
        totals_json(r, o, "totals");
        putc_(o, '\n');
    }
    if (t == X12_RECON_TABLE_LINES || t == X12_RECON_TABLE_REASONS || t == X12_RECON_TABLE_REMITS)
        for (i = 0; i < r->nres + r->nunmatched; i++) {
            const x12_recon_claim *c = i < r->nres ? &r->res[i] : &r->unmatched[i - r->nres];
            size_t n = t == X12_RECON_TABLE_LINES     ? c->nlines
                       : t == X12_RECON_TABLE_REASONS ? c->nreasons
                                                      : c->nremits;
            for (k = 0; k < n; k++) {
                if (t == X12_RECON_TABLE_LINES)
                    line_json(o, &c->lines[k], c->pcn);
                else if (t == X12_RECON_TABLE_REASONS)
                    reason_json(o, &c->reasons[k], c->pcn);
                else
                    remit_json(o, c->remits[k], c->pcn);
                putc_(o, '\n');
            }
        }
}

/* ---- CSV ------------------------------------------------------------------------------------ */

static void cstr_csv(out *o, x12_str v)
{
    size_t i;
    int quote = 0;

    for (i = 0; i < v.len && !quote; i++)
        quote = v.ptr[i] == ',' || v.ptr[i] == '"' || v.ptr[i] == '\n' || v.ptr[i] == '\r';
    if (!quote) {
        put(o, v.ptr, v.len);
        return;
    }
    putc_(o, '"');
    for (i = 0; i < v.len; i++) {
        if (v.ptr[i] == '"')
            putc_(o, '"');
        putc_(o, v.ptr[i]);
    }
    putc_(o, '"');
}

static void cf(out *o, x12_str v)
{
    putc_(o, ',');
    cstr_csv(o, v);
}

static void cn(out *o, int64_t n)
{
    putc_(o, ',');
    put_i64(o, n);
}

static const char claims_header[] =
    "record,patient_control_number,payer_id,payer_name,service_from,service_to,submitted,kind,"
    "frequency,charged_cents,paid_cents,contractual_cents,patient_responsibility_cents,"
    "other_adjustment_cents,prior_payer_cents,unbalanced_cents,balance,patient_paid_cents,"
    "patient_due_cents,payer_balance_cents,state,next_action,next_action_rule,"
    "next_action_reason,payer_claim_number,forwarded_to,next_payer,last_remit_date,ack_date,"
    "ack_codes,days_outstanding,lines,remits,reasons,file,claim_index\r\n";

/* ",CO-45:2500 PR-2:2000" (quoted when a code holds a comma or a quote). */
static void reasons_compact(out *o, const x12_recon_reason *v, size_t n)
{
    char small[512];
    char *buf = small;
    size_t i, len = 0, need = 1;

    for (i = 0; i < n; i++)
        need += rc_view(v[i].group).len + rc_view(v[i].code).len + 24;
    if (need > sizeof small && (buf = x12i_malloc(o->a, need)) == NULL) {
        o->failed = 2;
        return;
    }
    for (i = 0; i < n; i++) {
        x12_str g = rc_view(v[i].group), c = rc_view(v[i].code);
        len += (size_t)snprintf(buf + len, need - len, "%s%.*s-%.*s:%" PRId64, i ? " " : "",
                                (int)g.len, g.ptr, (int)c.len, c.ptr, v[i].cents);
    }
    cf(o, (x12_str){buf, len});
    if (buf != small)
        x12i_free(o->a, buf);
}

static void money_csv(out *o, const int64_t *c)
{
    cn(o, c[X12_RECON_CENTS_CHARGED]);
    cn(o, c[X12_RECON_CENTS_PAID]);
    cn(o, c[X12_RECON_CENTS_CONTRACTUAL]);
    cn(o, c[X12_RECON_CENTS_PATIENT]);
    cn(o, c[X12_RECON_CENTS_OTHER]);
    cn(o, c[X12_RECON_CENTS_PRIOR_PAYER]);
    cn(o, c[X12_RECON_CENTS_UNBALANCED]);
}

static void claim_csv(const x12_recon *r, out *o, const x12_recon_claim *c, const char *record)
{
    cstr_csv(o, cs(record));
    cf(o, rc_view(c->pcn));
    cf(o, rc_view(c->payer_id));
    cf(o, rc_view(c->payer_name));
    cf(o, rc_view(c->from));
    cf(o, rc_view(c->to));
    cf(o, x12_recon_claim_get(c, X12_RECON_CLAIM_SUBMITTED));
    cf(o, x12_recon_claim_get(c, X12_RECON_CLAIM_KIND));
    cf(o, x12_recon_claim_get(c, X12_RECON_CLAIM_FREQUENCY));
    money_csv(o, c->cents);
    cf(o, cs(balance_name(c->balanced)));
    cn(o, c->cents[X12_RECON_CENTS_PATIENT_PAID]);
    cn(o, c->cents[X12_RECON_CENTS_PATIENT_DUE]);
    cn(o, c->cents[X12_RECON_CENTS_PAYER_BALANCE]);
    cf(o, cs(x12_recon_state_name(c->state)));
    cf(o, cs(x12_recon_action_name(c->action)));
    cf(o, cs(x12_recon_claim_action_rule(c)));
    cf(o, cs(x12_recon_claim_action_reason(c)));
    cf(o, rc_view(c->payer_claim));
    cf(o, rc_view(c->forwarded_to));
    cf(o, x12_recon_claim_get(c, X12_RECON_CLAIM_NEXT_PAYER));
    cf(o, rc_view(c->last_remit));
    cf(o, rc_view(c->ack_date));
    cf(o, rc_view(c->ack_codes));
    putc_(o, ',');
    if (c->days >= 0)
        put_i64(o, c->days);
    cn(o, (int64_t)c->nlines);
    cn(o, (int64_t)c->nremits);
    reasons_compact(o, c->reasons, c->nreasons);
    cf(o, cs(c->src != NULL ? x12_recon_source_name(r, c->src->source) : ""));
    putc_(o, ',');
    if (c->src != NULL)
        put_u64(o, c->src->clm_index);
    puts_(o, "\r\n");
}

static const char lines_header[] =
    "patient_control_number,line,procedure,modifiers,revenue_code,service_from,service_to,"
    "control_number,matched_by,charged_cents,paid_cents,contractual_cents,"
    "patient_responsibility_cents,other_adjustment_cents,prior_payer_cents,unbalanced_cents,"
    "balance,patient_due_cents,payer_balance_cents,state,next_action,next_action_rule,"
    "next_action_reason,patient_text,reasons\r\n";

static void line_csv(out *o, const x12_recon_claim *c, const x12_recon_line *l)
{
    cstr_csv(o, rc_view(c->pcn));
    cn(o, (int64_t)l->number);
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_PROCEDURE));
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_MODIFIERS));
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_REVENUE_CODE));
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_SERVICE_FROM));
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_SERVICE_TO));
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_CONTROL_NUMBER));
    cf(o, x12_recon_line_get(l, X12_RECON_LINE_MATCHED_BY));
    money_csv(o, l->cents);
    cf(o, cs(balance_name(l->balanced)));
    cn(o, l->cents[X12_RECON_CENTS_PATIENT_DUE]);
    cn(o, l->cents[X12_RECON_CENTS_PAYER_BALANCE]);
    cf(o, cs(x12_recon_state_name(l->state)));
    cf(o, cs(x12_recon_action_name(l->action)));
    cf(o, cs(x12_recon_line_action_rule(l)));
    cf(o, cs(x12_recon_line_action_reason(l)));
    cf(o, cs(x12_recon_line_patient_text(l)));
    reasons_compact(o, l->reasons, l->nreasons);
    puts_(o, "\r\n");
}

static const char reasons_header[] =
    "patient_control_number,group,reason,amount_cents,remarks,rule,action,effect,text\r\n";

static void reason_csv(out *o, const x12_recon_claim *c, const x12_recon_reason *rs)
{
    size_t k;

    cstr_csv(o, rc_view(c->pcn));
    cf(o, rc_view(rs->group));
    cf(o, rc_view(rs->code));
    cn(o, rs->cents);
    putc_(o, ',');
    {
        /* "MA130 N290", quoted when a code needs it */
        size_t need = 1, len = 0;
        char small[256], *buf = small;
        for (k = 0; k < rs->nrem; k++)
            need += rc_view(rs->remarks[k]).len + 1;
        if (need > sizeof small && (buf = x12i_malloc(o->a, need)) == NULL) {
            o->failed = 2;
            return;
        }
        for (k = 0; k < rs->nrem; k++) {
            x12_str v = rc_view(rs->remarks[k]);
            if (k)
                buf[len++] = ' ';
            memcpy(buf + len, v.ptr, v.len);
            len += v.len;
        }
        cstr_csv(o, (x12_str){buf, len});
        if (buf != small)
            x12i_free(o->a, buf);
    }
    cf(o, cs(x12_recon_reason_rule(rs)));
    cf(o, cs(x12_recon_action_name(x12_recon_reason_action(rs))));
    cf(o, cs(x12_recon_effect_name(x12_recon_reason_effect(rs))));
    cf(o, cs(x12_recon_reason_text(rs)));
    puts_(o, "\r\n");
}

static const char remits_header[] =
    "patient_control_number,matched,trace_number,payment_date,date,payer_id,payer_name,status,"
    "payer_claim_number,crossover,charge_cents,paid_cents,patient_responsibility_cents,role,"
    "payer_order\r\n";

static void remit_csv(out *o, const x12_recon_claim *c, const x12_recon_remit *m)
{
    cstr_csv(o, rc_view(c->pcn));
    cf(o, cs(c->src != NULL ? "true" : "false"));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_TRACE));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_PAYMENT_DATE));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_DATE));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_ID));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_NAME));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_STATUS));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_CLAIM_NUMBER));
    cf(o, x12_recon_remit_get(m, X12_RECON_REMIT_CROSSOVER));
    cn(o, m->charge);
    cn(o, m->paid);
    cn(o, m->pr);
    cf(o, cs(x12_recon_role_name((x12_recon_role)m->role)));
    cn(o, m->tier);
    puts_(o, "\r\n");
}

static void write_csv(const x12_recon *r, out *o, x12_recon_table t)
{
    size_t i, k, b;

    switch (t) {
    case X12_RECON_TABLE_ALL:
    case X12_RECON_TABLE_CLAIMS:
    case X12_RECON_TABLE_UNMATCHED:
        puts_(o, claims_header);
        if (t != X12_RECON_TABLE_UNMATCHED)
            for (i = 0; i < r->nres; i++)
                claim_csv(r, o, &r->res[i], "claim");
        if (t != X12_RECON_TABLE_CLAIMS)
            for (i = 0; i < r->nunmatched; i++)
                claim_csv(r, o, &r->unmatched[i], "unmatched");
        break;
    case X12_RECON_TABLE_LINES:
        puts_(o, lines_header);
        for (i = 0; i < r->nres + r->nunmatched; i++) {
            const x12_recon_claim *c = i < r->nres ? &r->res[i] : &r->unmatched[i - r->nres];
            for (k = 0; k < c->nlines; k++)
                line_csv(o, c, &c->lines[k]);
        }
        break;
    case X12_RECON_TABLE_REASONS:
        puts_(o, reasons_header);
        for (i = 0; i < r->nres + r->nunmatched; i++) {
            const x12_recon_claim *c = i < r->nres ? &r->res[i] : &r->unmatched[i - r->nres];
            for (k = 0; k < c->nreasons; k++)
                reason_csv(o, c, &c->reasons[k]);
        }
        break;
    case X12_RECON_TABLE_REMITS:
        puts_(o, remits_header);
        for (i = 0; i < r->nres + r->nunmatched; i++) {
            const x12_recon_claim *c = i < r->nres ? &r->res[i] : &r->unmatched[i - r->nres];
            for (k = 0; k < c->nremits; k++)
                remit_csv(o, c, c->remits[k]);
        }
        break;
    case X12_RECON_TABLE_AGING:
        puts_(o, "payer_id,payer_name");
        for (b = 0; b < 6; b++) {
            putc_(o, ',');
            puts_(o, bucket_keys[b]);
        }
        puts_(o, ",claims\r\n");
        for (i = 0; i < r->naging; i++) {
            const x12_recon_aging *a = &r->aging[i];
            cstr_csv(o, rc_view(a->payer_id));
            cf(o, rc_view(a->payer_name));
            for (b = 0; b < 6; b++)
                cn(o, a->cents[b]);
            cn(o, (int64_t)a->claims);
            puts_(o, "\r\n");
        }
        break;
    }
}

x12_status x12_recon_write(const x12_recon *r, x12_recon_format fmt, x12_recon_table table,
                           x12_recon_write_fn fn, void *user)
{
    out *o;
    const x12i_alloc *a;
    int failed;

    if (r == NULL || fn == NULL || (int)table < X12_RECON_TABLE_ALL ||
        (int)table > X12_RECON_TABLE_UNMATCHED ||
        (fmt != X12_RECON_FMT_JSON && fmt != X12_RECON_FMT_JSONL && fmt != X12_RECON_FMT_CSV))
        return X12_EINVAL;
    if (fmt == X12_RECON_FMT_JSON && table != X12_RECON_TABLE_ALL)
        return X12_EINVAL;
    if (!r->finished)
        return X12_ESTATE;
    a = &r->a;
    o = x12i_malloc(a, sizeof *o);
    if (o == NULL)
        return X12_ENOMEM;
    o->a = a;
    o->fn = fn;
    o->user = user;
    o->n = 0;
    o->failed = 0;
    if (fmt == X12_RECON_FMT_JSON)
        write_json(r, o);
    else if (fmt == X12_RECON_FMT_JSONL)
        write_jsonl(r, o, table);
    else
        write_csv(r, o, table);
    flush(o);
    failed = o->failed;
    x12i_free(a, o);
    return failed == 2 ? X12_ENOMEM : failed ? X12_EIO : X12_OK;
}
