/*
 * post_remittance - post an 835 remittance the way a billing system would.
 *
 *     post_remittance [FILE]
 *
 * Streams FILE (gzip is detected by itself; standard input when FILE is
 * missing or "-") one claim at a time, so any size of ERA runs in constant
 * memory, and prints:
 *
 *     PAYMENT <trace number> <amount> <method> <payment date>
 *     POST <patient control number> line <n> <procedure> paid <amount> patient <amount>
 *     DENY <patient control number> line <n> <group>-<reason> <amount> <description>
 *     REMARK <patient control number> <code> <description>
 *     END <claims> claims, paid <amount>, provider adjustments <amount>, <balanced|UNBALANCED>
 *
 * A claim without service lines is posted as "line 0".  Problems in the file
 * go to stderr as "error: SEGNO:SEGID: message" or "warning: ...".  Exits 0
 * when the input is clean (warnings allowed), 1 when it has errors, 2 when it
 * cannot be read.
 *
 * Build: cc post_remittance.c $(pkg-config --cflags --libs libx12)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <x12/x12.h>

static const char *money(char *buf, size_t size, int64_t cents)
{
    uint64_t m = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;

    snprintf(buf, size, "%s%" PRIu64 ".%02u", cents < 0 ? "-" : "", m / 100u,
             (unsigned)(m % 100u));
    return buf;
}

/* Prints a view (not NUL-terminated). */
static void pv(x12_str v)
{
    fwrite(v.ptr, 1, v.len, stdout);
}

static void deny_line(const x12_remit_claim *c, size_t line, const x12_remit_adjustment *a)
{
    x12_str reason = x12_remit_adjustment_reason(a);
    const char *text = x12_remit_code_text(X12_CODESET_CARC, reason.ptr, reason.len);
    char b[32];

    fputs("DENY ", stdout);
    pv(x12_remit_claim_patient_control_number(c));
    printf(" line %zu ", line);
    pv(x12_remit_adjustment_group(a));
    putchar('-');
    pv(reason);
    printf(" %s %s\n", money(b, sizeof b, x12_remit_adjustment_amount_cents(a)),
           text != NULL ? text : "(unknown reason code)");
}

static void remark(const x12_remit_claim *c, const x12_remit_remark *r)
{
    x12_str code = x12_remit_remark_code(r);
    const char *text = x12_remit_code_text(X12_CODESET_RARC, code.ptr, code.len);

    fputs("REMARK ", stdout);
    pv(x12_remit_claim_patient_control_number(c));
    putchar(' ');
    pv(code);
    printf(" %s\n", text != NULL ? text : "");
}

static void post_claim(const x12_remit_claim *c)
{
    size_t i, n = x12_remit_claim_service_count(c);
    char b1[32], b2[32];
    x12_remit_outcome o = x12_remit_claim_outcome(c);

    if (n == 0) {
        fputs("POST ", stdout);
        pv(x12_remit_claim_patient_control_number(c));
        printf(" line 0 claim paid %s patient %s\n",
               money(b1, sizeof b1, x12_remit_claim_paid_cents(c)),
               money(b2, sizeof b2, x12_remit_claim_patient_resp_cents(c)));
    }
    for (i = 0; i < n; i++) {
        const x12_remit_service *s = x12_remit_claim_service_at(c, i);

        fputs("POST ", stdout);
        pv(x12_remit_claim_patient_control_number(c));
        printf(" line %zu ", i + 1);
        pv(x12_remit_service_get(s, X12_RS_QUALIFIER));
        putchar(':');
        pv(x12_remit_service_procedure(s));
        printf(" paid %s patient %s\n", money(b1, sizeof b1, x12_remit_service_paid_cents(s)),
               money(b2, sizeof b2,
                     x12_remit_service_patient_share_cents(s, X12_REMIT_SHARE_TOTAL)));
    }
    /* Denials and partial payments: the reasons and remarks to work. */
    if (o != X12_REMIT_DENIED && o != X12_REMIT_PARTIAL)
        return;
    for (i = 0; i < x12_remit_claim_denial_reason_count(c); i++) {
        const x12_remit_adjustment *a = x12_remit_claim_denial_reason_at(c, i);

        deny_line(c, x12_remit_adjustment_line(a), a);
    }
    for (i = 0; i < x12_remit_claim_remark_count(c); i++)
        remark(c, x12_remit_claim_remark_at(c, i));
    for (i = 0; i < n; i++) {
        const x12_remit_service *s = x12_remit_claim_service_at(c, i);
        size_t k;

        for (k = 0; k < x12_remit_service_remark_count(s); k++)
            remark(c, x12_remit_service_remark_at(s, k));
    }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "-";
    x12_remit_stream *s;
    x12_remit_event ev;
    x12_status st;
    unsigned long errors = 0;
    size_t i;
    char b1[32], b2[32];

    if (x12_remit_stream_new(NULL, NULL, &s) != X12_OK)
        return 2;
    st = strcmp(path, "-") == 0 ? x12_reader_open_file(x12_remit_stream_reader(s), stdin)
                                : x12_reader_open_path(x12_remit_stream_reader(s), path);
    if (st != X12_OK) {
        fprintf(stderr, "post_remittance: cannot read %s: %s\n", path, x12_strerror(st));
        x12_remit_stream_free(s);
        return 2;
    }
    for (;;) {
        st = x12_remit_stream_next(s, &ev);
        /* Diagnostics found on the way, reader and remittance alike. */
        for (i = 0; i < x12_remit_stream_error_count(s); i++) {
            const x12_error *e = x12_remit_stream_error_at(s, i);
            char msg[512];

            x12_error_format(e, msg, sizeof msg);
            if (x12_error_severity(e) == X12_SEV_WARNING) {
                fprintf(stderr, "warning: %s\n", msg);
            } else {
                fprintf(stderr, "error: %s\n", msg);
                errors++;
            }
        }
        if (st != X12_OK)
            break;
        if (ev == X12_REMIT_EV_PAYMENT) {
            const x12_remit_payment *p = x12_remit_stream_payment(s);

            fputs("PAYMENT ", stdout);
            pv(x12_remit_payment_trace_number(p));
            printf(" %s ", money(b1, sizeof b1, x12_remit_payment_amount_cents(p)));
            pv(x12_remit_payment_method(p));
            putchar(' ');
            pv(x12_remit_payment_date(p));
            putchar('\n');
        } else if (ev == X12_REMIT_EV_CLAIM) {
            post_claim(x12_remit_stream_claim(s));
        } else {
            const x12_remit_payment *p = x12_remit_stream_payment(s);

            printf("END %" PRIu64 " claims, paid %s, provider adjustments %s, %s\n",
                   x12_remit_payment_claim_total(p),
                   money(b1, sizeof b1, x12_remit_payment_paid_total_cents(p)),
                   money(b2, sizeof b2, x12_remit_payment_plb_total_cents(p)),
                   x12_remit_payment_balanced(p) ? "balanced" : "UNBALANCED");
        }
    }
    if (st != X12_END) {
        char msg[512];

        x12_error_format(x12_remit_stream_last_error(s), msg, sizeof msg);
        fprintf(stderr, "error: %s\n", msg);
        x12_remit_stream_free(s);
        return st == X12_EIO ? 2 : 1;
    }
    x12_remit_stream_free(s);
    return errors > 0 ? 1 : 0;
}
