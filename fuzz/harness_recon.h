/*
 * fuzz/harness_recon.h - the logic of the reconciliation harness, shared by
 * fuzz/fuzz_recon.c and the regression replay test
 * tests/check_fuzz_regressions.c.
 *
 *   fz_recon_one  the input is one flags byte, two bytes (little endian)
 *                 saying where the 837 part ends (modulo what is left),
 *                 then the 837 bytes and the 835 bytes.  Both parts are
 *                 read into an x12_recon (as of 2025-03-20) and finished.
 *                 INVARIANTS: every error record is well formed; every
 *                 claim, line and reason has a known state, action and
 *                 effect; money balances (charged = paid + contractual +
 *                 patient + other + unbalanced) on every claim and line not
 *                 open, and the netted reasons add up to the adjustments;
 *                 JSON, JSON lines and every CSV table are written.
 *                 ORDER (always): reading the 835 part first gives the
 *                 same JSON.  With flag bit 1 each part is read twice (the
 *                 duplicates count once: the same JSON but for the lists
 *                 of remittances, which show the duplicates).  With flag bit 2, an allocator
 *                 failing from call N (bytes 3-4 of the flags, modulo
 *                 4096): X12_ENOMEM or the same JSON, nothing leaked.
 */
#ifndef X12_FUZZ_HARNESS_RECON_H
#define X12_FUZZ_HARNESS_RECON_H

#include "harness_modules.h"

static inline int fz_recon_out(void *user, const char *data, size_t len)
{
    fz_add((fz_buf *)user, data, len);
    return 0;
}

static inline void fz_recon_money(const int64_t *charged_paid_co_pr_oth_unb)
{
    const int64_t *m = charged_paid_co_pr_oth_unb;

    FZ_CHECK(m[0] == m[1] + m[2] + m[3] + m[4] + m[5], "money balances or says by how much");
}

static inline void fz_recon_check(const x12_recon *r)
{
    size_t n = x12_recon_claim_count(r) + x12_recon_unmatched_count(r), i, k, j;

    for (i = 0; i < n; i++) {
        const x12_recon_claim *c = i < x12_recon_claim_count(r)
                                       ? x12_recon_claim_at(r, i)
                                       : x12_recon_unmatched_at(r, i - x12_recon_claim_count(r));
        int64_t m[6], sum = 0;
        FZ_CHECK(x12_recon_claim_state(c) >= X12_RECON_STATE_PAID &&
                     x12_recon_claim_state(c) <= X12_RECON_STATE_UNMATCHED,
                 "claim state");
        FZ_CHECK(x12_recon_claim_action(c) >= X12_RECON_ACTION_CORRECT_AND_RESUBMIT &&
                     x12_recon_claim_action(c) <= X12_RECON_ACTION_NONE,
                 "claim action");
        FZ_CHECK(x12_recon_claim_action_reason(c)[0] != '\0', "every action has a reason");
        m[0] = x12_recon_claim_cents(c, X12_RECON_CENTS_CHARGED);
        m[1] = x12_recon_claim_cents(c, X12_RECON_CENTS_PAID);
        m[2] = x12_recon_claim_cents(c, X12_RECON_CENTS_CONTRACTUAL);
        m[3] = x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT);
        m[4] = x12_recon_claim_cents(c, X12_RECON_CENTS_OTHER);
        m[5] = x12_recon_claim_cents(c, X12_RECON_CENTS_UNBALANCED);
        if (x12_recon_claim_balanced(c) >= 0)
            fz_recon_money(m);
        for (k = 0; k < x12_recon_claim_reason_count(c); k++) {
            const x12_recon_reason *rs = x12_recon_claim_reason_at(c, k);
            FZ_CHECK(x12_recon_reason_cents(rs) != 0, "zero sums are left out");
            FZ_CHECK(x12_recon_reason_effect(rs) >= X12_RECON_EFFECT_CONTRACTUAL &&
                         x12_recon_reason_effect(rs) <= X12_RECON_EFFECT_PRIOR_PAYER,
                     "reason effect");
            sum += x12_recon_reason_cents(rs);
        }
        FZ_CHECK(sum == m[2] + m[3] + m[4], "the reasons add up to the adjustments");
        FZ_CHECK(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_DUE) >= 0, "due never < 0");
        for (k = 0; k < x12_recon_claim_line_count(c); k++) {
            const x12_recon_line *l = x12_recon_claim_line_at(c, k);
            int64_t lsum = 0;
            FZ_CHECK(x12_recon_line_action(l) >= X12_RECON_ACTION_CORRECT_AND_RESUBMIT &&
                         x12_recon_line_action(l) <= X12_RECON_ACTION_NONE,
                     "line action");
            m[0] = x12_recon_line_cents(l, X12_RECON_CENTS_CHARGED);
            m[1] = x12_recon_line_cents(l, X12_RECON_CENTS_PAID);
            m[2] = x12_recon_line_cents(l, X12_RECON_CENTS_CONTRACTUAL);
            m[3] = x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT);
            m[4] = x12_recon_line_cents(l, X12_RECON_CENTS_OTHER);
            m[5] = x12_recon_line_cents(l, X12_RECON_CENTS_UNBALANCED);
            if (x12_recon_line_balanced(l) >= 0)
                fz_recon_money(m);
            for (j = 0; j < x12_recon_line_reason_count(l); j++)
                lsum += x12_recon_reason_cents(x12_recon_line_reason_at(l, j));
            FZ_CHECK(lsum == m[2] + m[3] + m[4], "line reasons add up");
        }
    }
}

/* Reads the parts (837 then 835, or 835 first; each `times` times) and
 * finishes; the JSON into *json.  The status of the first call that
 * failed, else X12_OK. */
static inline x12_status fz_recon_run(const x12_allocator *a, const uint8_t *c, size_t clen,
                                      const uint8_t *m, size_t mlen, int remits_first,
                                      int times, fz_buf *json, int check)
{
    x12_recon *r = NULL;
    x12_reader *rd;
    x12_status st;
    int pass, k;
    size_t i;

    st = x12_recon_new(a, &r);
    if (st != X12_OK)
        return st;
    FZ_CHECK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320) == X12_OK, "as of");
    for (pass = 0; pass < 2; pass++) {
        int remits = pass == 0 ? remits_first : !remits_first;
        for (k = 0; k < times; k++) {
            st = x12_reader_new(a, &rd);
            if (st != X12_OK)
                goto out;
            FZ_CHECK(x12_reader_open_buffer(rd, remits ? (const void *)m : (const void *)c,
                                            remits ? mlen : clen) == X12_OK,
                     "open buffer");
            st = remits ? x12_recon_read_remits(r, rd, NULL) : x12_recon_read_claims(r, rd, NULL);
            for (i = 0; i < x12_recon_error_count(r); i++)
                fz_check_error(x12_recon_error_at(r, i));
            x12_reader_free(rd);
            if (st == X12_ENOMEM)
                goto out;
            /* a fatal reader error stops that input, not the others */
        }
    }
    st = x12_recon_finish(r);
    if (st != X12_OK)
        goto out;
    if (check)
        fz_recon_check(r);
    st = x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, fz_recon_out, json);
    if (st == X12_OK && check) {
        fz_buf other = {0};
        int t;
        FZ_CHECK(x12_recon_write(r, X12_RECON_FMT_JSONL, X12_RECON_TABLE_ALL, fz_recon_out,
                                 &other) == X12_OK,
                 "JSON lines");
        for (t = X12_RECON_TABLE_ALL; t <= X12_RECON_TABLE_UNMATCHED; t++)
            FZ_CHECK(x12_recon_write(r, X12_RECON_FMT_CSV, (x12_recon_table)t, fz_recon_out,
                                     &other) == X12_OK,
                     "CSV tables");
        fz_free(&other);
    }
out:
    x12_recon_free(r);
    return st;
}

/* The JSON without the "remits" arrays (reading inputs twice adds the
 * duplicates there, and only there). */
static inline void fz_recon_no_remits(fz_buf *b)
{
    char *p, *q;

    for (p = b->p; p != NULL && (p = strstr(p, "\"remits\":[")) != NULL;) {
        int depth = 1, in_str = 0; /* inside the array's [ */
        for (q = p + 10; *q; q++) {
            if (in_str) {
                if (*q == '\\' && q[1])
                    q++;
                else if (*q == '"')
                    in_str = 0;
            } else if (*q == '"') {
                in_str = 1;
            } else if (*q == '[' || *q == '{') {
                depth++;
            } else if (*q == ']' || *q == '}') {
                if (--depth == 0)
                    break;
            }
        }
        if (*q == '\0')
            break;
        memmove(p, q + 1, strlen(q + 1) + 1);
        b->len = strlen(b->p);
    }
}

static inline void fz_recon_one(const uint8_t *data, size_t size)
{
    unsigned flags, cut;
    const uint8_t *c, *m;
    size_t clen, mlen, rest;
    fz_buf ref = {0}, other = {0};
    x12_status st;

    if (size < 5)
        return;
    flags = data[0];
    cut = (unsigned)data[1] | (unsigned)data[2] << 8;
    rest = size - 5;
    c = data + 5;
    clen = rest ? cut % (rest + 1) : 0;
    m = c + clen;
    mlen = rest - clen;

    st = fz_recon_run(NULL, c, clen, m, mlen, 0, 1, &ref, 1);
    FZ_CHECK(st == X12_OK, "a reconciliation of any bytes finishes");
    st = fz_recon_run(NULL, c, clen, m, mlen, 1, 1, &other, 0);
    FZ_CHECK(st == X12_OK, "in the other order too");
    if (!fz_eq(&ref, &other)) {
        fz_show_diff("837 first", &ref, "835 first", &other);
        FZ_CHECK(0, "the order of the inputs changes nothing");
    }
    if (flags & 2) {
        fz_buf twice = {0}, once = {0};
        fz_add(&once, ref.p, ref.len);
        FZ_CHECK(fz_recon_run(NULL, c, clen, m, mlen, 0, 2, &twice, 1) == X12_OK, "twice");
        fz_recon_no_remits(&once);
        fz_recon_no_remits(&twice);
        /* claims read twice are one claim (a duplicate-claim warning);
         * remittances read twice count once */
        if (!fz_eq(&once, &twice)) {
            fz_show_diff("once", &once, "twice", &twice);
            FZ_CHECK(0, "inputs read twice count once");
        }
        fz_free(&twice);
        fz_free(&once);
    }
    if (flags & 4) {
        fz_alloc_state as;
        x12_allocator a = fz_allocator(&as);
        fz_buf got = {0};
        as.fail_at = (uint64_t)(data[3] | data[4] << 8) % 4096 + 1;
        st = fz_recon_run(&a, c, clen, m, mlen, 0, 1, &got, 0);
        FZ_CHECK(st == X12_OK || st == X12_ENOMEM, "X12_ENOMEM when memory runs out");
        if (st == X12_OK)
            FZ_CHECK(fz_eq(&got, &ref), "or the same result");
        FZ_CHECK(as.live == 0, "nothing leaked");
        fz_free(&got);
    }
    fz_free(&ref);
    fz_free(&other);
}

#endif /* X12_FUZZ_HARNESS_RECON_H */
