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

    if (dir == NULL)
        return;
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

    if (dir == NULL)
        return;
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
    tcase_add_test(tc, ack_corpus_segment_errors);
    tcase_add_test(tc, ack_corpus_all_valid);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
