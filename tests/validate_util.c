/*
 * Helpers shared by the validator tests (see validate_util.h).
 */
#include "validate_util.h"


lines split_lines(const char *text)
{
    lines l = {NULL, 0};
    const char *p = text;

    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        l.v = realloc(l.v, (l.n + 1) * sizeof *l.v);
        l.v[l.n] = malloc(n + 1);
        memcpy(l.v[l.n], p, n);
        l.v[l.n][n] = '\0';
        l.n++;
        p += n + (e ? 1 : 0);
    }
    return l;
}

void free_lines(lines *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* Joins lines, re-counting SE01 (segments from ST to SE) when fix_se. */
char *join_lines(lines *l, int fix_se)
{
    tbuf b = {0};
    size_t i, st = 0;
    char tmp[64];

    for (i = 0; i < l->n; i++) {
        if (strncmp(l->v[i], "ST*", 3) == 0)
            st = i;
        if (fix_se && strncmp(l->v[i], "SE*", 3) == 0) {
            const char *ctl = strchr(l->v[i] + 3, '*');
            snprintf(tmp, sizeof tmp, "SE*%zu%s", i - st + 1, ctl ? ctl : "~");
            tbuf_str(&b, tmp);
        } else {
            tbuf_str(&b, l->v[i]);
        }
        tbuf_str(&b, "\n");
    }
    return b.p;
}

static const char *level_tag(x12_issue_level l)
{
    switch (l) {
    case X12_ISSUE_INTERCHANGE: return "TA1";
    case X12_ISSUE_GROUP: return "AK9";
    case X12_ISSUE_SET: return "IK5";
    case X12_ISSUE_SEGMENT: return "IK3";
    default: return "IK4";
    }
}

static void sig_issue(tbuf *out, const x12_issue *is)
{
    const x12_error *e = x12_issue_error(is);
    x12_issue_level l = x12_issue_level_of(is);
    char line[160];

    if (out->len)
        tbuf_str(out, "; ");
    if (l == X12_ISSUE_SEGMENT)
        snprintf(line, sizeof line, "IK3 %s %s@%llu %s", x12_issue_code(is),
                 x12_error_segment_id(e), (unsigned long long)x12_issue_set_position(is),
                 x12_error_loop_id(e));
    else if (l == X12_ISSUE_ELEMENT && x12_error_component(e))
        snprintf(line, sizeof line, "IK4 %s %s%02u-%u@%llu %s", x12_issue_code(is),
                 x12_error_segment_id(e), x12_error_element(e), x12_error_component(e),
                 (unsigned long long)x12_issue_set_position(is), x12_error_loop_id(e));
    else if (l == X12_ISSUE_ELEMENT)
        snprintf(line, sizeof line, "IK4 %s %s%02u@%llu %s", x12_issue_code(is),
                 x12_error_segment_id(e), x12_error_element(e),
                 (unsigned long long)x12_issue_set_position(is), x12_error_loop_id(e));
    else
        snprintf(line, sizeof line, "%s %s", level_tag(l), x12_issue_code(is));
    /* "IK4 7 NM101@9 2010AA" has a trailing space when the loop is empty */
    {
        size_t n = strlen(line);
        while (n > 0 && line[n - 1] == ' ')
            line[--n] = '\0';
    }
    tbuf_str(out, line);
}

/* Validates `len` bytes; returns every issue as one signature string
 * (caller frees).  `strict` sets X12_VOPT_STRICT. */
char *validate_sig(const char *data, size_t len, int strict)
{
    return validate_sig_errata(data, len, strict, X12_ERRATA_ACCEPT);
}

char *validate_sig_errata(const char *data, size_t len, int strict, int errata)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    tbuf out = {0};
    size_t i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict), X12_OK);
    ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_ERRATA, (uint64_t)errata), X12_OK);
    for (;;) {
        x12_status st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
            for (i = 0; i < x12_validator_issue_count(v); i++)
                sig_issue(&out, x12_validator_issue_at(v, i));
            continue;
        }
        if (st == X12_END)
            break;
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    ck_assert_int_eq(x12_validator_finish(v), X12_OK);
    for (i = 0; i < x12_validator_issue_count(v); i++)
        sig_issue(&out, x12_validator_issue_at(v, i));
    x12_validator_free(v);
    x12_reader_free(r);
    if (out.p == NULL)
        tbuf_add(&out, "", 0);
    return out.p;
}

char *fixture_text(const char *name)
{
    size_t len;
    char *p = slurp(data_path(name), &len);

    ck_assert_msg(p != NULL, "fixture %s missing", name);
    return p;
}

char *clean_text(void)
{
    return fixture_text("validate-837p-clean.x12");
}

/*
 * The 999 for `data` (written by the ack module while the validator runs)
 * must itself be a valid 999: validated strictly against 005010X231A1 it
 * gives no issue at all, and it is not an AK9*A when the input had errors.
 */
void assert_999_valid(const char *data, size_t len)
{
    x12_reader *r;
    x12_validator *v;
    x12_writer *w;
    x12_ack *ack;
    const x12_segment *seg;
    const char *mem;
    size_t mlen;
    char *out, *sig;
    uint64_t errors;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_ack_new(NULL, X12_ACK_999, w, &ack), X12_OK);
    ck_assert_int_eq(x12_ack_set_time(ack, "20240403", "0700"), X12_OK);
    ck_assert_int_eq(x12_ack_attach(ack, v), X12_OK);
    /* Interchange-level problems go in a TA1, not in the 999. */
    errors = 0;
    for (;;) {
        int more = x12_reader_next(r, &seg) == X12_OK;
        size_t i;

        if (more)
            ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
        else
            ck_assert_int_eq(x12_validator_finish(v), X12_OK);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            const x12_issue *is = x12_validator_issue_at(v, i);
            if (x12_issue_level_of(is) != X12_ISSUE_INTERCHANGE &&
                x12_error_severity(x12_issue_error(is)) == X12_SEV_ERROR)
                errors++;
        }
        if (!more)
            break;
    }
    ck_assert_int_eq(x12_ack_status(ack), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    mem = x12_writer_memory(w, &mlen);
    out = malloc(mlen + 1);
    memcpy(out, mem, mlen);
    out[mlen] = '\0';
    x12_ack_free(ack);
    x12_writer_free(w);
    x12_validator_free(v);
    x12_reader_free(r);
    ck_assert_msg(strstr(out, "ST*999*") != NULL, "no 999 written:\n%s", out);
    if (errors > 0)
        ck_assert_msg(strstr(out, "IK5*R") || strstr(out, "IK5*E") || strstr(out, "AK9*R") ||
                          strstr(out, "AK9*P") || strstr(out, "AK9*E"),
                      "errors, yet everything accepted:\n%s", out);
    sig = validate_sig(out, mlen, 1);
    ck_assert_msg(sig[0] == '\0', "the 999 is not a valid 999 (%s):\n%s", sig, out);
    free(sig);
    free(out);
}


char *edited_sig_of(const char *fixture, const edit *edits, size_t nedits, int fix_se,
                           int strict)
{
    char *text = fixture_text(fixture), *joined, *sig;
    lines l = split_lines(text);
    size_t k;

    /* Apply from the bottom up so earlier line numbers stay put. */
    for (k = nedits; k-- > 0;) {
        const edit *e = &edits[k];
        size_t at = (size_t)e->at - 1, i;
        lines ins = split_lines(e->ins ? e->ins : "");

        ck_assert(at + (size_t)e->del <= l.n);
        for (i = 0; i < (size_t)e->del; i++)
            free(l.v[at + i]);
        memmove(l.v + at, l.v + at + e->del, (l.n - at - (size_t)e->del) * sizeof *l.v);
        l.n -= (size_t)e->del;
        l.v = realloc(l.v, (l.n + ins.n + 1) * sizeof *l.v);
        memmove(l.v + at + ins.n, l.v + at, (l.n - at) * sizeof *l.v);
        for (i = 0; i < ins.n; i++)
            l.v[at + i] = ins.v[i];
        l.n += ins.n;
        free(ins.v);
    }
    joined = join_lines(&l, fix_se);
    sig = validate_sig(joined, strlen(joined), strict);
    assert_999_valid(joined, strlen(joined));
    free(joined);
    free_lines(&l);
    free(text);
    return sig;
}

char *edited_sig(const edit *edits, size_t nedits, int fix_se, int strict)
{
    return edited_sig_of("validate-837p-clean.x12", edits, nedits, fix_se, strict);
}
