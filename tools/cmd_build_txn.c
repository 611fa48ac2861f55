/*
 * x12 build: 270 eligibility inquiries from XML (specs/eligibility.xsd) and
 * 276 claim status requests from the claims of an 837.  As for claims, the
 * request goes to standard output; when it does not pass its edits nothing
 * is written and each problem is printed as "PATH: RULE: MESSAGE".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <x12/eligibility.h>
#include <x12/claimstatus.h>

#include "cli.h"
#include "cmd_build_txn.h"

int xml_root_is(const char *data, size_t len, const char *name)
{
    size_t i = 0, n = strlen(name);

    for (;;) {
        while (i < len && data[i] != '<')
            i++;
        if (i + 1 >= len)
            return 0;
        if (data[i + 1] == '?' || data[i + 1] == '!') {
            i++;
            continue;
        }
        i++;
        /* skip a prefix "p:" */
        {
            size_t j = i;
            while (j < len && data[j] != ':' && data[j] != '>' && data[j] != ' ' &&
                   data[j] != '/' && data[j] != '\t' && data[j] != '\n' && data[j] != '\r')
                j++;
            if (j < len && data[j] == ':')
                i = j + 1;
        }
        return len - i > n && memcmp(data + i, name, n) == 0 &&
               (data[i + n] == ' ' || data[i + n] == '>' || data[i + n] == '/' ||
                data[i + n] == '\t' || data[i + n] == '\n' || data[i + n] == '\r');
    }
}

static int write_out(x12_status (*write)(void *, x12_writer *), void *rq, const char *brk,
                     FILE *out)
{
    x12_writer *w = NULL;
    x12_status st;
    char msg[512];
    int rc = 0;

    if (x12_writer_new(NULL, &w) != X12_OK || x12_writer_to_file(w, out) != X12_OK ||
        x12_writer_set_line_break(w, brk) != X12_OK) {
        fprintf(stderr, "%s: build: out of memory\n", progname);
        x12_writer_free(w);
        return EXIT_USAGE;
    }
    st = write(rq, w);
    if (st != X12_OK) {
        if (x12_writer_last_error(w) != NULL) {
            x12_error_format(x12_writer_last_error(w), msg, sizeof msg);
            fprintf(stderr, "%s: build: %s\n", progname, msg);
        } else {
            fprintf(stderr, "%s: build: %s\n", progname, x12_strerror(st));
        }
        rc = EXIT_USAGE;
    }
    x12_writer_free(w);
    return rc;
}

/* ---- 270 ------------------------------------------------------------------------ */

static void elig_edits(const x12_elig_request *rq)
{
    size_t i;

    for (i = 0; i < x12_elig_request_edit_count(rq); i++) {
        const x12_error *e = x12_elig_request_edit_at(rq, i);
        fprintf(stderr, "%s: %s: %s\n", x12_elig_request_edit_path(rq, i), x12_error_rule(e),
                x12_error_message(e));
    }
}

static x12_status elig_write(void *rq, x12_writer *w)
{
    return x12_elig_request_write(rq, w);
}

int build_eligibility(const char *data, size_t len, const char *name, const char *brk)
{
    x12_elig_request *rq;
    x12_status st;
    int rc;

    if (x12_elig_request_new(NULL, &rq) != X12_OK) {
        fprintf(stderr, "%s: build: out of memory\n", progname);
        return EXIT_USAGE;
    }
    st = x12_elig_request_load_xml_memory(rq, data, len, name);
    if (st == X12_OK)
        st = x12_elig_request_check(rq);
    if (st == X12_ESYNTAX || st == X12_EEDIT) {
        elig_edits(rq);
        x12_elig_request_free(rq);
        return EXIT_DATA;
    }
    if (st != X12_OK) {
        fprintf(stderr, "%s: build: %s: %s\n", progname, name, x12_strerror(st));
        x12_elig_request_free(rq);
        return EXIT_USAGE;
    }
    rc = write_out(elig_write, rq, brk, stdout);
    x12_elig_request_free(rq);
    return rc;
}

/* ---- 276 ------------------------------------------------------------------------ */

static void status_edits(const x12_claimstatus_request *rq)
{
    size_t i;

    for (i = 0; i < x12_claimstatus_request_edit_count(rq); i++) {
        const x12_error *e = x12_claimstatus_request_edit_at(rq, i);
        fprintf(stderr, "%s: %s: %s\n", x12_claimstatus_request_edit_path(rq, i),
                x12_error_rule(e), x12_error_message(e));
    }
}

static x12_status status_write(void *rq, x12_writer *w)
{
    return x12_claimstatus_request_write(rq, w);
}

static int set_env(x12_claimstatus_request *rq, x12_claimstatus_request_field f, x12_str v)
{
    return x12_claimstatus_request_set(rq, f, v.ptr, v.len) != X12_OK;
}

int build_status_request(const txn_build_opts *o)
{
    const char *verb = o->verb != NULL ? o->verb : "build";
    x12_claimstatus_sent *sent = NULL;
    x12_claimstatus_request *rq = NULL;
    const x12_claimstatus_sent_claim *first;
    input in;
    size_t i, n;
    int rc = 0, bad = 0;
    char date[16], hhmm[8], ref[40];
    x12_status st;

    if (o->date != NULL && o->time != NULL) {
        snprintf(date, sizeof date, "%s", o->date);
        snprintf(hhmm, sizeof hhmm, "%s", o->time);
    } else {
        time_t now = time(NULL);
        struct tm tmv;
        if (localtime_r(&now, &tmv) == NULL || strftime(date, sizeof date, "%Y%m%d", &tmv) == 0 ||
            strftime(hhmm, sizeof hhmm, "%H%M", &tmv) == 0) {
            fprintf(stderr, "%s: %s: cannot read the clock: give --date and --time\n",
                    progname, verb);
            return EXIT_USAGE;
        }
        if (o->date != NULL)
            snprintf(date, sizeof date, "%s", o->date);
        if (o->time != NULL)
            snprintf(hhmm, sizeof hhmm, "%s", o->time);
    }
    snprintf(ref, sizeof ref, "%s", o->reference != NULL ? o->reference : "");
    if (o->reference == NULL)
        snprintf(ref, sizeof ref, "S%.8s%.4s", date, hhmm);
    if (input_open(&in, o->sent) != 0)
        return in.status;
    if (x12_claimstatus_sent_new(NULL, &sent) != X12_OK ||
        x12_claimstatus_request_new(NULL, &rq) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, verb);
        x12_claimstatus_sent_free(sent);
        input_close(&in);
        return EXIT_USAGE;
    }
    x12_claimstatus_sent_set_error_handler(sent, report_handler, &in);
    st = x12_claimstatus_sent_read(sent, in.r);
    if (st != X12_OK) {
        fprintf(stderr, "%s: %s: %s: %s\n", progname, verb, in.name, x12_strerror(st));
        rc = EXIT_DATA;
        goto done;
    }
    n = x12_claimstatus_sent_count(sent);
    if (n == 0) {
        fprintf(stderr, "%s: %s: %s holds no 837 claim\n", progname, verb, in.name);
        rc = EXIT_DATA;
        goto done;
    }
    first = x12_claimstatus_sent_at(sent, 0);
    if (o->npcns > 0) {
        for (i = 0; i < o->npcns; i++) {
            const x12_claimstatus_sent_claim *c = x12_claimstatus_sent_find(sent, o->pcns[i],
                                                                            X12_NTS);
            if (c == NULL) {
                /* The PCN identifies a patient: named by its position only. */
                fprintf(stderr, "%s: %s: --pcn number %zu names no claim of %s\n", progname, verb,
                        i + 1, in.name);
                bad = 1;
            } else if (x12_claimstatus_request_add_sent(rq, c, NULL) != X12_OK) {
                bad = 2;
            }
        }
    } else {
        for (i = 0; i < n && !bad; i++)
            if (x12_claimstatus_request_add_sent(rq, x12_claimstatus_sent_at(sent, i), NULL) !=
                X12_OK)
                bad = 2;
    }
    if (bad) {
        if (bad == 2)
            fprintf(stderr, "%s: %s: out of memory\n", progname, verb);
        rc = bad == 2 ? EXIT_USAGE : EXIT_DATA;
        goto done;
    }
    /* The request goes where the claims went, from the same sender. */
    if (set_env(rq, X12_CR_SENDER_QUALIFIER,
                x12_claimstatus_sent_get(first, X12_SC_SENDER_QUALIFIER)) ||
        set_env(rq, X12_CR_SENDER_ID, x12_claimstatus_sent_get(first, X12_SC_SENDER_ID)) ||
        set_env(rq, X12_CR_RECEIVER_QUALIFIER,
                x12_claimstatus_sent_get(first, X12_SC_RECEIVER_QUALIFIER)) ||
        set_env(rq, X12_CR_RECEIVER_ID,
                x12_claimstatus_sent_get(first, X12_SC_RECEIVER_ID)) ||
        set_env(rq, X12_CR_GS_SENDER, x12_claimstatus_sent_get(first, X12_SC_GS_SENDER)) ||
        set_env(rq, X12_CR_GS_RECEIVER,
                x12_claimstatus_sent_get(first, X12_SC_GS_RECEIVER)) ||
        x12_claimstatus_request_set(rq, X12_CR_DATE, date, X12_NTS) != X12_OK ||
        x12_claimstatus_request_set(rq, X12_CR_TIME, hhmm, X12_NTS) != X12_OK ||
        x12_claimstatus_request_set(rq, X12_CR_REFERENCE, ref, X12_NTS) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, verb);
        rc = EXIT_USAGE;
        goto done;
    }
    if (o->control_number != NULL) {
        char *end;
        unsigned long long v = strtoull(o->control_number, &end, 10);
        if (*end != '\0' || x12_claimstatus_request_set_option(rq, X12_CROPT_ISA13, v) != X12_OK ||
            x12_claimstatus_request_set_option(rq, X12_CROPT_GS06, v) != X12_OK) {
            usage_error(verb, "--control-number takes 1 to 999999999");
            rc = EXIT_USAGE;
            goto done;
        }
    }
    st = x12_claimstatus_request_check(rq);
    if (st == X12_EEDIT) {
        status_edits(rq);
        rc = EXIT_DATA;
        goto done;
    }
    if (st != X12_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, verb, x12_strerror(st));
        rc = EXIT_USAGE;
        goto done;
    }
    rc = write_out(status_write, rq, o->line_break, o->out != NULL ? o->out : stdout);
done:
    x12_claimstatus_request_free(rq);
    x12_claimstatus_sent_free(sent);
    input_close(&in);
    return rc != 0 ? rc : in.status;
}
