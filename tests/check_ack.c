/*
 * check_ack: 999 and TA1 acknowledgments.
 *
 * The 999 of the clean 837P fixture is compared byte for byte (IK5*A,
 * AK9*A, envelopes with sender and receiver swapped); the 999 of defective
 * files carries the expected IK3/IK4/IK5/AK9 and is itself valid against the
 * 999 guide (005010X231A1), checked with the library's own validator; TA1s
 * carry the right TA104/TA105.
 */
#include "testutil.h"

/* Replaces the first `from` in `text` with `to`; caller frees. */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *p = strstr(text, from);
    tbuf b = {0};

    ck_assert_msg(p != NULL, "'%s' not in the fixture", from);
    tbuf_add(&b, text, (size_t)(p - text));
    tbuf_str(&b, to);
    tbuf_str(&b, p + strlen(from));
    return b.p;
}

/* The acknowledgment of `data` (999 or TA1), dated 2024-03-16 08:00. */
static char *ack_of(const char *data, size_t len, x12_ack_kind kind, uint64_t *accepted)
{
    x12_reader *r;
    x12_validator *v;
    x12_writer *w;
    x12_ack *ack;
    const x12_segment *seg;
    const char *mem;
    size_t mlen;
    char *out;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    ck_assert_int_eq(x12_ack_new(NULL, kind, w, &ack), X12_OK);
    ck_assert_int_eq(x12_ack_set_time(ack, "20240316", "0800"), X12_OK);
    ck_assert_int_eq(x12_ack_attach(ack, v), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK)
        ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
    ck_assert_int_eq(x12_validator_finish(v), X12_OK);
    ck_assert_int_eq(x12_ack_status(ack), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    mem = x12_writer_memory(w, &mlen);
    out = strdup(mem);
    if (accepted != NULL)
        *accepted = x12_ack_sets_accepted(ack);
    x12_ack_free(ack);
    x12_writer_free(w);
    x12_validator_free(v);
    x12_reader_free(r);
    return out;
}

/* Everything the validator says about `data` (for checking our 999s). */
static uint64_t problems_in(const char *data, int check_reader)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    uint64_t n;

    if (data[0] == '\0')
        return 0; /* nothing acknowledged (an input without ISA) */
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, strlen(data)), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    x12_validator_set_option(v, X12_VOPT_STRICT, 1);
    while (x12_reader_next(r, &seg) == X12_OK)
        x12_validator_segment(v, seg);
    x12_validator_finish(v);
    if (check_reader)
        ck_assert_uint_eq(x12_reader_total_errors(r), 0);
    n = x12_validator_total_errors(v) + x12_validator_total_warnings(v);
    x12_validator_free(v);
    x12_reader_free(r);
    return n;
}

static uint64_t problems(const char *data)
{
    return problems_in(data, 1);
}

static char *clean_text(size_t *len)
{
    char *p = slurp(data_path("validate-837p-clean.x12"), len);

    ck_assert_ptr_nonnull(p);
    return p;
}

/* An accepted file gets IK5*A and AK9*A, in an interchange from the
 * receiver back to the sender, numbered by the writer. */
START_TEST(ack_accepted_exact)
{
    size_t len;
    char *text = clean_text(&len), *ack;
    uint64_t accepted = 0;

    ack = ack_of(text, len, X12_ACK_999, &accepted);
    ck_assert_str_eq(ack,
                     "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*RIVERSIDEFP    "
                     "*240316*0800*^*00501*000000001*0*T*:~\n"
                     "GS*FA*ACMEHEALTH*RIVERSIDEFP*20240316*0800*1*X*005010X231A1~\n"
                     "ST*999*0001*005010X231A1~\n"
                     "AK1*HC*4321*005010X222A1~\n"
                     "AK2*837*0001*005010X222A1~\n"
                     "IK5*A~\n"
                     "AK9*A*1*1*1~\n"
                     "SE*6*0001~\n"
                     "GE*1*1~\n"
                     "IEA*1*000000001~\n");
    ck_assert_uint_eq(accepted, 1);
    ck_assert_uint_eq(problems(ack), 0);
    free(ack);
    free(text);
}
END_TEST

/* A rejected claim: a missing N4 (IK3 3, reported at the REF where it was
 * found missing, IK303 cut to 4 characters), a bad claim frequency code
 * with the claim's CLM01 in CTX (IK3 8 + IK4 7 with the bad code copied),
 * IK5*R with 5 (syntax errors); AK9*R. */
START_TEST(ack_rejected_exact)
{
    size_t len;
    char *text = clean_text(&len);
    char *t1 = replace(text, "N4*PORTLAND*OR*972014410~\n", "");
    char *t2 = replace(t1, "11:B:1*Y*A*Y*Y~\nDTP*431", "11:B:9*Y*A*Y*Y~\nDTP*431");
    char *t3 = replace(t2, "SE*51*0001", "SE*50*0001");
    char *ack = ack_of(t3, strlen(t3), X12_ACK_999, NULL);

    ck_assert_str_eq(ack,
                     "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*RIVERSIDEFP    "
                     "*240316*0800*^*00501*000000001*0*T*:~\n"
                     "GS*FA*ACMEHEALTH*RIVERSIDEFP*20240316*0800*1*X*005010X231A1~\n"
                     "ST*999*0001*005010X231A1~\n"
                     "AK1*HC*4321*005010X222A1~\n"
                     "AK2*837*0001*005010X222A1~\n"
                     "IK3*N4*10*2010*3~\n"
                     "IK3*CLM*21*2300*8~\n"
                     "CTX*CLM01:RFP-24-0107~\n"
                     "IK4*5:3*1325*7*9~\n"
                     "IK5*R*5~\n"
                     "AK9*R*1*1*0~\n"
                     "SE*10*0001~\n"
                     "GE*1*1~\n"
                     "IEA*1*000000001~\n");
    ck_assert_uint_eq(problems(ack), 0);
    free(ack);
    free(t3);
    free(t2);
    free(t1);
    free(text);
}
END_TEST

/* The 999 for each kind of defect is itself a valid 999: envelope, loop
 * and element errors of every level, checked against 005010X231A1. */
START_TEST(ack_999s_are_valid_999s)
{
    static const char *const edits[][2] = {
        {"NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567893~\n", ""},  /* loop missing */
        {"N3*1200 RIVER ROAD~\nN4*PORTLAND*OR*972014410~", "N4*PORTLAND*OR*972014410~\nN3*1200 RIVER ROAD~"},
        {"REF*EI*930000017~", "REF*EI*930000017~\nREF*EI*930000017~"}, /* over max use */
        {"NM1*IL*1*MORROW", "NM1*XX*1*MORROW"},                     /* bad qualifier */
        {"DTP*431*D8*20240301", "DTP*431*D8*20240230"},              /* bad date */
        {"HL*4*3*23*0", "HL*4*1*23*0"},                              /* wrong HL parent */
        {"SE*51*0001", "SE*52*0001"},                                /* SE01 wrong */
        {"SE*51*0001~\n", ""},                                       /* SE missing */
        {"GE*1*4321", "GE*2*4321"},                                  /* GE01 wrong */
        {"REF*G1*PA99812~", "REF*G1*PA99812~\nZZ9*X~"},               /* unknown segment */
        {"LX*1~\nSV1*HC:99213:25", "LX*1*2~\nSV1*HC:99213:25"},     /* too many elements */
        {"REF*G1*PA99812", "REF*G1*PA99812^X"},                      /* repetitions */
        {"BHT*0019*00*RFP20240315A*20240315*0930", "BHT*0019*00*RFP20240315A*20240315*2561"},
    };
    size_t len, i;
    char *text = clean_text(&len);

    for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        char *t = replace(text, edits[i][0], edits[i][1]);
        char *ack = ack_of(t, strlen(t), X12_ACK_999, NULL);

        ck_assert_msg(strstr(ack, "AK9*A") == NULL, "edit %zu accepted:\n%s", i, ack);
        ck_assert_msg(problems(ack) == 0, "edit %zu: the 999 is not valid:\n%s", i, ack);
        free(ack);
        free(t);
    }
    free(text);
}
END_TEST

/* Two sets, one accepted and one rejected: AK9*P (partially accepted). */
START_TEST(ack_partial)
{
    size_t len;
    char *text = clean_text(&len);
    const char *st = strstr(text, "ST*837"), *ge = strstr(text, "GE*1*4321");
    tbuf b = {0};
    char *bad, *ack;

    tbuf_add(&b, text, (size_t)(ge - text));
    bad = replace(st, "ST*837*0001", "ST*837*0002");
    {
        char *b2 = replace(bad, "SE*51*0001", "SE*51*0002");
        char *b3 = replace(b2, "DTP*431*D8*20240301", "DTP*431*D8*20240230");
        const char *ge2 = strstr(b3, "GE*1*4321");
        tbuf_add(&b, b3, (size_t)(ge2 - b3));
        free(b2);
        free(b3);
    }
    tbuf_str(&b, "GE*2*4321~\nIEA*1*000004321~\n");
    ack = ack_of(b.p, b.len, X12_ACK_999, NULL);
    ck_assert_ptr_nonnull(strstr(ack, "AK2*837*0001*005010X222A1~\nIK5*A~\n"));
    ck_assert_ptr_nonnull(strstr(ack, "AK2*837*0002*005010X222A1~\nIK3*DTP*23*2300*8~\n"));
    ck_assert_ptr_nonnull(strstr(ack, "AK9*P*2*2*1~\n"));
    ck_assert_uint_eq(problems(ack), 0);
    free(ack);
    free(bad);
    tbuf_free(&b);
    free(text);
}
END_TEST

/* TA1: a clean interchange is A/000; IEA02 not matching ISA13 is R/001;
 * the TA1 names the input's ISA13, ISA09 and ISA10. */
START_TEST(ta1)
{
    size_t len;
    char *text = clean_text(&len), *ack, *bad;

    ack = ack_of(text, len, X12_ACK_TA1, NULL);
    ck_assert_str_eq(ack,
                     "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*RIVERSIDEFP    "
                     "*240316*0800*^*00501*000000001*0*T*:~\n"
                     "TA1*000004321*240315*0930*A*000~\n"
                     "IEA*0*000000001~\n");
    free(ack);
    bad = replace(text, "IEA*1*000004321", "IEA*1*000004322");
    ack = ack_of(bad, strlen(bad), X12_ACK_TA1, NULL);
    ck_assert_ptr_nonnull(strstr(ack, "TA1*000004321*240315*0930*R*001~\n"));
    free(ack);
    free(bad);
    bad = replace(text, "*1*T*:~", "*1*X*:~"); /* ISA15 neither P nor T */
    ack = ack_of(bad, strlen(bad), X12_ACK_TA1, NULL);
    ck_assert_ptr_nonnull(strstr(ack, "TA1*000004321*240315*0930*R*020~\n"));
    free(ack);
    free(bad);
    free(text);
}
END_TEST

/* The corpus file with designed segment errors: its 999 (the IK3 positions
 * and codes worked out in check_validate; the made-up billing provider NPI
 * and the five-digit billing ZIP code are IK4 I12 with no copy of the
 * value) and a valid 999 again. */
START_TEST(ack_corpus_segment_errors)
{
    const char *dir = corpus_dir();
    char path[4096], *data, *ack;
    size_t len;

    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/837p/imsweb-x12-parser__x12_segment_errors.txt", dir);
    data = slurp(path, &len);
    ck_assert_ptr_nonnull(data);
    ack = ack_of(data, len, X12_ACK_999, NULL);
    ck_assert_ptr_nonnull(strstr(ack, "AK2*837*987654*005010X222A1~\n"
                                      "IK3*NM1*7*2010*8~\n"
                                      "IK4*9*67*I12~\n"
                                      "IK3*N3*8*2010*3~\n"
                                      "IK3*N4*8*2010*8~\n"
                                      "IK4*3*116*I12~\n"
                                      "IK3*REF*10*2010*5~\n"
                                      "IK3*HL*15*2000*8~\n"
                                      "IK4*4*736*I12~\n"
                                      "IK3*HI*20*2300*3~\n"
                                      "CTX*CLM01:A37YH556~\n"
                                      "IK5*R*4*5*I5~\n"
                                      "AK9*R*1*1*0~\n"));
    ck_assert_uint_eq(problems(ack), 0);
    free(ack);
    free(data);
}
END_TEST

/* For every file of the corpus (defects and all) the 999 is a valid 999,
 * and the TA1 reads back clean: nothing in real input makes us write a
 * malformed acknowledgment. */
START_TEST(ack_corpus_all_valid)
{
    const char *dir = corpus_dir();
    char path[4096], *manifest, *line, *save = NULL;
    size_t len, n = 0;

    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    manifest = slurp(path, &len);
    ck_assert_ptr_nonnull(manifest);
    line = strtok_r(manifest, "\n", &save); /* header */
    for (line = strtok_r(NULL, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), *data, *ack, *t1;
        size_t dlen;

        *tab = '\0';
        snprintf(path, sizeof path, "%s/%s", dir, line);
        data = slurp(path, &dlen);
        ck_assert_ptr_nonnull(data);
        ack = ack_of(data, dlen, X12_ACK_999, NULL);
        t1 = ack_of(data, dlen, X12_ACK_TA1, NULL);
        ck_assert_msg(problems(ack) == 0, "%s: the 999 is not valid:\n%s", line, ack);
        /* The reader's envelope check calls a TA1 between ISA and IEA
         * "outside a transaction set" (a reader bug, reported); the
         * validator accepts it. */
        ck_assert_msg(problems_in(t1, 0) == 0, "%s: the TA1 is not valid:\n%s", line, t1);
        free(t1);
        free(ack);
        free(data);
        n++;
    }
    ck_assert_uint_eq(n, 57);
    free(manifest);
}
END_TEST

/* ---- issue 20: what the reader skips, what an IK404 may echo ------------------ */

/* The 999 of `data` read the way x12 ack reads (on past a segment the reader
 * skips), dated 2024-03-16 08:00; bad_values is X12_AOPT_BAD_VALUES.  Also
 * gives the validator's error count and the sets accepted. */
static char *ack_all(const char *data, size_t len, x12_ack_kind kind, int strict,
                     int bad_values, uint64_t *errors, uint64_t *accepted)
{
    x12_reader *r;
    x12_validator *v;
    x12_writer *w;
    x12_ack *ack;
    const x12_segment *seg;
    const char *mem;
    size_t mlen;
    x12_status st;
    char *out;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    ck_assert_int_eq(x12_ack_new(NULL, kind, w, &ack), X12_OK);
    ck_assert_int_eq(x12_ack_set_time(ack, "20240316", "0800"), X12_OK);
    ck_assert_int_eq(x12_ack_set_option(ack, X12_AOPT_BAD_VALUES, (uint64_t)bad_values), X12_OK);
    ck_assert_int_eq(x12_ack_attach(ack, v), X12_OK);
    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
            continue;
        }
        if (st == X12_END || x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    ck_assert_int_eq(x12_validator_finish(v), X12_OK);
    ck_assert_int_eq(x12_ack_status(ack), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    mem = x12_writer_memory(w, &mlen);
    out = strdup(mem);
    if (errors != NULL)
        *errors = x12_validator_total_errors(v);
    if (accepted != NULL)
        *accepted = x12_ack_sets_accepted(ack);
    x12_ack_free(ack);
    x12_writer_free(w);
    x12_validator_free(v);
    x12_reader_free(r);
    return out;
}

/* REF*6R* and n A's (a segment of 7 + n bytes), or with `seps` that many
 * element separators; caller frees. */
static char *big_ref(size_t n, size_t seps)
{
    tbuf b = {0};
    size_t i;

    tbuf_str(&b, "REF*6R*");
    for (i = 0; i < n; i++)
        tbuf_add(&b, "A", 1);
    for (i = 0; i < seps; i++)
        tbuf_add(&b, "*", 1);
    tbuf_str(&b, seps ? "X~\n" : "~\n");
    return b.p;
}

/* Issue 20, item 1: a segment the reader skips (over the 64 KiB segment
 * limit: REF*6R* + 70,000 A; or over the 4096-element limit: 5,000
 * elements) inside a claim, with SE01 counting it as a careful forger
 * would.  The set is rejected, lenient and strict: IK3 code 8 at the
 * skipped REF (its position in the set and loop), IK4 5 "too long" at
 * REF02 (reference 127) or 3 "too many elements" (position written as 99,
 * the most IK401 holds), IK5*R*5, AK9*R; and the 999 is a valid 999.  It
 * was IK5*A / AK9*A*1*1*1. */
START_TEST(ack_skipped_segment_rejects)
{
    size_t len;
    char *text = clean_text(&len);
    int kind, strict;

    for (kind = 0; kind < 2; kind++) {
        char *ref = kind == 0 ? big_ref(70000, 0) : big_ref(0, 5000);
        tbuf to = {0};
        char *t1, *t2;

        tbuf_str(&to, ref);
        tbuf_str(&to, "LX*2~");
        t1 = replace(text, "LX*2~", to.p);
        t2 = replace(t1, "SE*51*0001", "SE*52*0001");
        for (strict = 0; strict < 2; strict++) {
            uint64_t errors = 0, accepted = 1;
            char *ack = ack_all(t2, strlen(t2), X12_ACK_999, strict, 1, &errors, &accepted);
            ck_assert_msg(strstr(ack, kind == 0 ? "IK3*REF*32*2400*8~\nCTX*CLM01:RFP-24-0107~\n"
                                                  "IK4*2*127*5~\n"
                                                : "IK3*REF*32*2400*8~\nCTX*CLM01:RFP-24-0107~\n"
                                                  "IK4*99**3~\n") != NULL,
                          "kind %d strict %d:\n%s", kind, strict, ack);
            ck_assert_ptr_nonnull(strstr(ack, "IK5*R*5~\nAK9*R*1*1*0~\n"));
            ck_assert_uint_ge(errors, 1);
            ck_assert_uint_eq(accepted, 0);
            ck_assert_uint_eq(problems(ack), 0);
            free(ack);
        }
        free(t2);
        free(t1);
        tbuf_free(&to);
        free(ref);
    }
    free(text);
}
END_TEST

/* The validator's issue for the skipped REF: at the REF itself (segment
 * 34 of the interchange, position 32 in the set, loop 2400, its offset),
 * element 2, code 5, reference 127, and a message naming the limit. */
START_TEST(validator_reports_skipped_segment)
{
    size_t len;
    char *text = clean_text(&len), *ref = big_ref(70000, 0), *t1, *t2;
    tbuf to = {0};
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    x12_status st;
    size_t found = 0, i;

    tbuf_str(&to, ref);
    tbuf_str(&to, "LX*2~");
    t1 = replace(text, "LX*2~", to.p);
    t2 = replace(t1, "SE*51*0001", "SE*52*0001");
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, t2, strlen(t2)), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        if (st != X12_OK) {
            ck_assert_int_eq(st, X12_ELIMIT);
            continue;
        }
        x12_validator_segment(v, seg);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            const x12_issue *is = x12_validator_issue_at(v, i);
            const x12_error *e = x12_issue_error(is);
            ck_assert_uint_eq(x12_issue_level_of(is), X12_ISSUE_ELEMENT);
            ck_assert_str_eq(x12_issue_code(is), "5");
            ck_assert_str_eq(x12_issue_element_ref(is), "127");
            ck_assert_str_eq(x12_issue_bad_value(is), "");
            ck_assert_uint_eq(x12_issue_set_position(is), 32);
            ck_assert_uint_eq(x12_error_segment_number(e), 34);
            ck_assert_str_eq(x12_error_segment_id(e), "REF");
            ck_assert_str_eq(x12_error_loop_id(e), "2400");
            ck_assert_uint_eq(x12_error_element(e), 2);
            ck_assert_uint_eq(x12_error_offset(e), (uint64_t)(strstr(t2, "REF*6R*AAA") - t2));
            ck_assert_str_eq(x12_error_message(e),
                             "REF was not read: it is longer than 65536 bytes (the configured "
                             "limit); the set cannot be accepted without it");
            found++;
        }
    }
    x12_validator_finish(v);
    ck_assert_uint_eq(found, 1);
    ck_assert_uint_eq(x12_validator_total_errors(v), 1);
    x12_validator_free(v);
    x12_reader_free(r);
    free(t2);
    free(t1);
    tbuf_free(&to);
    free(ref);
    free(text);
}
END_TEST

/* Outside a set (between SE and GE) a skipped segment is an interchange
 * problem (TA1 024) and the set stays accepted; a run of two skipped
 * segments inside a set is one issue naming both. */
START_TEST(skipped_outside_set_and_runs)
{
    size_t len;
    char *text = clean_text(&len), *ref = big_ref(70000, 0), *t1, *t2, *ack;
    tbuf to = {0};
    uint64_t errors = 0, accepted = 0;

    tbuf_str(&to, "SE*51*0001~\n");
    tbuf_str(&to, ref);
    t1 = replace(text, "SE*51*0001~\n", to.p);
    ack = ack_all(t1, strlen(t1), X12_ACK_TA1, 0, 1, &errors, &accepted);
    ck_assert_ptr_nonnull(strstr(ack, "TA1*000004321*240315*0930*R*024~"));
    ck_assert_uint_eq(errors, 1);
    free(ack);
    tbuf_free(&to);
    free(t1);

    tbuf_str(&to, ref);
    tbuf_str(&to, ref);
    tbuf_str(&to, "LX*2~");
    t1 = replace(text, "LX*2~", to.p);
    t2 = replace(t1, "SE*51*0001", "SE*53*0001");
    ack = ack_all(t2, strlen(t2), X12_ACK_999, 0, 1, &errors, &accepted);
    ck_assert_ptr_nonnull(
        strstr(ack, "IK3*REF*32*2400*8~\nCTX*CLM01:RFP-24-0107~\nIK4*2*127*5~\nIK5*R*5~\n"));
    ck_assert_uint_eq(errors, 1);
    ck_assert_uint_eq(accepted, 0);
    free(ack);
    free(t2);
    free(t1);
    tbuf_free(&to);
    free(ref);
    free(text);
}
END_TEST

/* Issue 20, item 4: IK404 copies a bad value only when it has the shape of
 * a code of its element.  DMG03 'X' (one capital, DMG03 is 1 long) is
 * copied; a birth date shifted into DMG03 and a member id into NM108 are
 * not (IK4 without its fourth element); with X12_AOPT_BAD_VALUES 0 not
 * even 'X'. */
START_TEST(ack_bad_values)
{
    size_t len;
    char *text = clean_text(&len), *t, *t2, *ack;

    t = replace(text, "DMG*D8*19800214*F", "DMG*D8*19800214*X");
    ack = ack_all(t, strlen(t), X12_ACK_999, 0, 1, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(ack, "IK3*DMG*20*2010*8~\nIK4*3*1068*7*X~\n"));
    ck_assert_ptr_nonnull(strstr(ack, "IK4*3*1068*7*X~\n"));
    free(ack);
    ack = ack_all(t, strlen(t), X12_ACK_999, 0, 0, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(ack, "IK4*3*1068*7~\n"));
    ck_assert_uint_eq(problems(ack), 0);
    free(ack);
    free(t);

    t = replace(text, "DMG*D8*19800214*F", "DMG*D8*F*19800214");
    t2 = replace(t, "NM1*IL*1*MORROW*DANA*J***MI*W77120045",
                 "NM1*IL*1*MORROW*DANA*J**W77120045*MI");
    ack = ack_all(t2, strlen(t2), X12_ACK_999, 0, 1, NULL, NULL);
    ck_assert_msg(strstr(ack, "19800214") == NULL && strstr(ack, "W77120045") == NULL,
                  "an identifying value in the 999:\n%s", ack);
    ck_assert_ptr_nonnull(strstr(ack, "IK4*3*1068*7~\n"));
    ck_assert_uint_eq(problems(ack), 0);
    free(ack);
    free(t2);
    free(t);
    free(text);
}
END_TEST

/* Issue 20, item 10: the date and time of the acknowledgment must be real,
 * or our own validator would reject the 999; a refused call leaves the
 * ack as it was.  Unknown options and values are refused. */
START_TEST(ack_time_and_options)
{
    x12_writer *w;
    x12_ack *ack;

    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_ack_new(NULL, X12_ACK_999, w, &ack), X12_OK);
    ck_assert_int_eq(x12_ack_set_time(ack, "20251399", "9999"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20251301", "1200"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20250230", "1200"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20250229", "1200"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "21000229", "1200"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20250100", "1200"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20250101", "2400"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20250101", "1260"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "2025010a", "1200"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20250101", "12:0"), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_time(ack, "20240229", "2359"), X12_OK);
    ck_assert_int_eq(x12_ack_set_time(ack, "20000229", "0000"), X12_OK);
    ck_assert_int_eq(x12_ack_set_option(ack, X12_AOPT_BAD_VALUES, 2), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_option(ack, (x12_ack_option)99, 1), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_option(NULL, X12_AOPT_BAD_VALUES, 1), X12_EINVAL);
    ck_assert_int_eq(x12_ack_set_option(ack, X12_AOPT_BAD_VALUES, 0), X12_OK);
    x12_ack_free(ack);
    x12_writer_free(w);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("ack");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, ack_accepted_exact);
    tcase_add_test(tc, ack_rejected_exact);
    tcase_add_test(tc, ack_999s_are_valid_999s);
    tcase_add_test(tc, ack_partial);
    tcase_add_test(tc, ta1);
    tcase_add_test(tc, ack_skipped_segment_rejects);
    tcase_add_test(tc, validator_reports_skipped_segment);
    tcase_add_test(tc, skipped_outside_set_and_runs);
    tcase_add_test(tc, ack_bad_values);
    tcase_add_test(tc, ack_time_and_options);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_ack_corpus */
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, ack_corpus_segment_errors);
    tcase_add_test(tc, ack_corpus_all_valid);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
