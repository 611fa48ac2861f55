/*
 * Unit tests for the segment writer (lib/writer.c).  Expected output is
 * compared byte for byte with golden strings written out in the tests.
 * The x12_writer_copy tests read their input with x12_reader.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/x12.h>
#include "testutil.h"

/* ---- helpers ---------------------------------------------------------------- */

/* A writer collecting its output in memory. */
static x12_writer *mem_writer(void)
{
    x12_writer *w = NULL;

    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    return w;
}

static const char *mem(const x12_writer *w)
{
    size_t len = 0;
    const char *p = x12_writer_memory(w, &len);

    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(strlen(p), len);
    return p;
}

/*
 * Writes one segment described with '*' between elements, ':' between
 * components and '^' between repetitions ("SV1*HC:99213*100"), whatever the
 * writer's delimiters.  An ISA is split on '*' only, since ISA11 and ISA16
 * hold separators.  Returns the first failure (after a failed add the
 * segment is still ended, which discards it) or the status of
 * x12_writer_end.
 */
static x12_status put(x12_writer *w, const char *spec)
{
    char id[4];
    size_t n = strcspn(spec, "*");
    const char *p = spec + n;
    const char *seps = strncmp(spec, "ISA*", 4) == 0 ? "*" : "*:^";
    x12_status st, est;

    ck_assert_uint_le(n, 3);
    memcpy(id, spec, n);
    id[n] = '\0';
    if ((st = x12_writer_begin(w, id)) != X12_OK)
        return st; /* no segment is open */
    while (st == X12_OK && *p == '*') {
        int first_el = 1, first_rep = 1;

        p++;
        for (;;) {
            n = strcspn(p, seps);
            if (first_el)
                st = x12_writer_add(w, p, n);
            else if (first_rep)
                st = x12_writer_add_repetition(w, p, n);
            else
                st = x12_writer_add_component(w, p, n);
            p += n;
            first_el = first_rep = 0;
            if (st != X12_OK)
                break;
            if (*p == ':') {
                p++;
            } else if (*p == '^') {
                p++;
                first_rep = 1;
            } else {
                break;
            }
        }
    }
    est = x12_writer_end(w);
    return st != X12_OK ? st : est;
}

static void put_ok(x12_writer *w, const char *spec)
{
    x12_status st = put(w, spec);

    if (st != X12_OK) {
        char buf[300];
        x12_error_format(x12_writer_last_error(w), buf, sizeof buf);
        ck_abort_msg("put(\"%s\") failed: %s: %s", spec, x12_strerror(st), buf);
    }
}

#define ISA_IN "ISA*00**00**ZZ*SUBMITTERID*ZZ*RECEIVERID*240101*1200**00501**0*T*"
#define ISA_OUT                                                                              \
    "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*RECEIVERID     *240101*1200*^*" \
    "00501*000000001*0*T*:~"
#define GS_IN "GS*HC*SUBMITTERID*RECEIVERID*20240101*1200**X*005010X222A1"
#define GS_OUT "GS*HC*SUBMITTERID*RECEIVERID*20240101*1200*1*X*005010X222A1~"
#define ST_OUT "ST*837*0001*005010X222A1~"
/* Bytes written by open_all. */
#define OPEN_LEN (sizeof ISA_OUT - 1 + sizeof GS_OUT - 1 + sizeof ST_OUT - 1)

/* Opens ISA, GS and ST with every control number left to the writer. */
static void open_all(x12_writer *w)
{
    put_ok(w, ISA_IN);
    put_ok(w, GS_IN);
    put_ok(w, "ST*837**005010X222A1");
}

static void close_all(x12_writer *w)
{
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_group(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
}

/* The small 837P-shaped interchange several tests write. */
static x12_status write_837(x12_writer *w)
{
    static const char *const body[] = {
        ISA_IN,
        GS_IN,
        "ST*837**005010X222A1",
        "BHT*0019*00*0123*20240101*1200*CH",
        "NM1*41*2*EXAMPLE BILLING SERVICE*****46*TGJ23",
        "PER*IC*JANE DOE*TE*5555551234",
        "NM1*40*2*EXAMPLE PAYER*****46*66783JJT",
        "HL*1**20*1",
        "PRV*BI*PXC*207Q00000X",
        "NM1*85*2*EXAMPLE CLINIC*****XX*1234567893",
        "N3*123 MAIN ST",
        "N4*ANYTOWN*PA*171110000",
        "REF*EI*999999999",
        "HL*2*1*22*0",
        "SBR*P*18*******CI",
        "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
        "NM1*PR*2*EXAMPLE INSURANCE*****PI*99999",
    };
    size_t i;
    x12_status st;

    for (i = 0; i < sizeof body / sizeof body[0]; i++)
        if ((st = put(w, body[i])) != X12_OK)
            return st;
    /* CLM with amounts in cents and a composite CLM05. */
    if ((st = x12_writer_begin(w, "CLM")) != X12_OK ||
        (st = x12_writer_add(w, "PATIENT001", X12_NTS)) != X12_OK ||
        (st = x12_writer_add_cents(w, 10000)) != X12_OK ||
        (st = x12_writer_add(w, "", 0)) != X12_OK ||
        (st = x12_writer_add(w, NULL, 0)) != X12_OK ||
        (st = x12_writer_add(w, "11", X12_NTS)) != X12_OK ||
        (st = x12_writer_add_component(w, "B", X12_NTS)) != X12_OK ||
        (st = x12_writer_add_component(w, "1", X12_NTS)) != X12_OK ||
        (st = x12_writer_add(w, "Y", 1)) != X12_OK ||
        (st = x12_writer_add(w, "A", 1)) != X12_OK ||
        (st = x12_writer_add(w, "Y", 1)) != X12_OK ||
        (st = x12_writer_add(w, "I", 1)) != X12_OK || (st = x12_writer_end(w)) != X12_OK)
        return st;
    if ((st = put(w, "HI*ABK:J069")) != X12_OK || (st = put(w, "LX*1")) != X12_OK ||
        (st = put(w, "SV1*HC:99213*100*UN*1***1")) != X12_OK ||
        (st = put(w, "DTP*472*D8*20240101")) != X12_OK)
        return st;
    if ((st = x12_writer_close_set(w)) != X12_OK ||
        (st = x12_writer_close_group(w)) != X12_OK ||
        (st = x12_writer_close_interchange(w)) != X12_OK)
        return st;
    return x12_writer_finish(w);
}

static const char gold_837[] =
    ISA_OUT
    GS_OUT
    "ST*837*0001*005010X222A1~"
    "BHT*0019*00*0123*20240101*1200*CH~"
    "NM1*41*2*EXAMPLE BILLING SERVICE*****46*TGJ23~"
    "PER*IC*JANE DOE*TE*5555551234~"
    "NM1*40*2*EXAMPLE PAYER*****46*66783JJT~"
    "HL*1**20*1~"
    "PRV*BI*PXC*207Q00000X~"
    "NM1*85*2*EXAMPLE CLINIC*****XX*1234567893~"
    "N3*123 MAIN ST~"
    "N4*ANYTOWN*PA*171110000~"
    "REF*EI*999999999~"
    "HL*2*1*22*0~"
    "SBR*P*18*******CI~"
    "NM1*IL*1*DOE*JANE****MI*XYZ123456789~"
    "NM1*PR*2*EXAMPLE INSURANCE*****PI*99999~"
    "CLM*PATIENT001*100***11:B:1*Y*A*Y*I~"
    "HI*ABK:J069~"
    "LX*1~"
    "SV1*HC:99213*100*UN*1***1~"
    "DTP*472*D8*20240101~"
    "SE*21*0001~"
    "GE*1*1~"
    "IEA*1*000000001~";

/* Output callback collecting into a buffer; fails when told to. */
typedef struct sink {
    char buf[8192];
    size_t len;
    int calls;
    int fail_at_call; /* 1-based call that fails; 0 never */
} sink;

static int sink_fn(void *user, const char *data, size_t len)
{
    sink *s = user;

    s->calls++;
    if (s->fail_at_call != 0 && s->calls == s->fail_at_call)
        return -1;
    ck_assert_uint_lt(s->len + len, sizeof s->buf);
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return 0;
}

/* ---- envelopes and whole interchanges ----------------------------------------- */

/* A full 837P-shaped interchange with control numbers, counts, ISA padding and
 * amounts all filled by the writer comes out byte for byte as expected. */
START_TEST(test_full_interchange)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(write_837(w), X12_OK);
    ck_assert_str_eq(mem(w), gold_837);
    ck_assert_ptr_null(x12_writer_last_error(w));
    ck_assert_uint_eq(x12_writer_segment_count(w), 25);
    x12_writer_free(w);
}
END_TEST

/* SE/GE/IEA left empty through begin/end are filled like the close functions
 * do, and given values that agree are accepted (and normalized). */
START_TEST(test_counts_filled_and_agreeing)
{
    x12_writer *w = mem_writer();

    open_all(w);
    put_ok(w, "BHT*0019");
    put_ok(w, "SE");
    put_ok(w, "ST*837*ABCD");
    put_ok(w, "SE*2*ABCD");
    put_ok(w, "GE*2*1");
    put_ok(w, "IEA*01*1");
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w), ISA_OUT GS_OUT "ST*837*0001*005010X222A1~BHT*0019~SE*3*0001~"
                                            "ST*837*ABCD~SE*2*ABCD~GE*2*1~IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* Control numbers come from counters that start at the X12_WOPT_NEXT_*
 * values, advance only when used, and are padded (ISA13 to 9, ST02 to 4). */
START_TEST(test_control_number_counters)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_NEXT_ISA13, 41), X12_OK);
    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_NEXT_GS06, 7), X12_OK);
    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_NEXT_ST02, 98765), X12_OK);
    put_ok(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200**00501**0*P");
    put_ok(w, "GS*HC*A*B*20240101*1200");
    put_ok(w, "ST*837");
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    put_ok(w, "ST*837*0555");   /* given: the counter does not move */
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    put_ok(w, "ST*837");
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_group(w), X12_OK);
    put_ok(w, "GS*HC*A*B*20240101*1200");
    ck_assert_int_eq(x12_writer_close_group(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_NEXT_ST02, 1), X12_OK);
    put_ok(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200**00501**0*P");
    put_ok(w, "GS*HC*A*B*20240101*1200");
    put_ok(w, "ST*837");
    close_all(w);
    ck_assert_str_eq(mem(w),
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000041*0*P*:~"
        "GS*HC*A*B*20240101*1200*7~"
        "ST*837*98765~SE*2*98765~"
        "ST*837*0555~SE*2*0555~"
        "ST*837*98766~SE*2*98766~"
        "GE*3*7~"
        "GS*HC*A*B*20240101*1200*8~GE*0*8~"
        "IEA*2*000000041~"
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000042*0*P*:~"
        "GS*HC*A*B*20240101*1200*9~ST*837*0001~SE*2*0001~GE*1*9~IEA*1*000000042~");
    /* Counters are limited to 9 digits. */
    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_NEXT_GS06, 1000000000u), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_NEXT_ST02, 999999999u), X12_OK);
    ck_assert_int_eq(x12_writer_set_option(w, (x12_writer_option)99, 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_VERBATIM, 2), X12_EINVAL);
    x12_writer_free(w);
}
END_TEST

/* SE01, SE02, GE01, GE02, IEA01, IEA02 that disagree with the envelope are
 * refused with X12_EENVELOPE, a rule name and a message giving both
 * numbers; nothing is written and the right value can follow. */
START_TEST(test_wrong_counts_refused)
{
    x12_writer *w = mem_writer();
    const x12_error *e;
    size_t before;
    char buf[200];

    open_all(w);
    put_ok(w, "BHT*0019");
    put_ok(w, "REF*EI*1");
    mem(w);
    x12_writer_memory(w, &before);
    ck_assert_int_eq(put(w, "SE*12*0001"), X12_EENVELOPE);
    e = x12_writer_last_error(w);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(x12_error_rule(e), "se01-count");
    ck_assert_str_eq(x12_error_message(e), "SE01 given as 12, the set has 4 segments");
    ck_assert_uint_eq(x12_error_segment_number(e), 6);
    ck_assert_str_eq(x12_error_segment_id(e), "SE");
    ck_assert_uint_eq(x12_error_element(e), 1);
    x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "6:SE-01: SE01 given as 12, the set has 4 segments");
    ck_assert_uint_eq(strlen(mem(w)), before);

    ck_assert_int_eq(put(w, "SE*4*0002"), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "se02-control");
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "SE02 given as 0002, ST02 is 0001");
    ck_assert_int_eq(put(w, "SE*X*0001"), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "SE01 given as X, the set has 4 segments");
    put_ok(w, "SE*4*0001");

    ck_assert_int_eq(put(w, "GE*2*1"), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "ge01-count");
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "GE01 given as 2, the group has 1 transaction set");
    ck_assert_int_eq(put(w, "GE*1*2"), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "ge02-control");
    put_ok(w, "GE*1*1");

    ck_assert_int_eq(put(w, "IEA*0*000000001"), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "iea01-count");
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "IEA01 given as 0, the interchange has 1 functional group");
    ck_assert_int_eq(put(w, "IEA*1*000000002"), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "iea02-control");
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "IEA02 given as 000000002, ISA13 is 000000001");
    put_ok(w, "IEA*1*000000001");
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w), ISA_OUT GS_OUT "ST*837*0001*005010X222A1~BHT*0019~REF*EI*1~"
                                            "SE*4*0001~GE*1*1~IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* GS06 and ST02 given by the caller must have a valid form (GS06 1-9 digits,
 * ST02 4-9 characters): X12_ERANGE "control-number" otherwise. */
START_TEST(test_control_number_forms)
{
    x12_writer *w = mem_writer();

    put_ok(w, ISA_IN);
    ck_assert_int_eq(put(w, "GS*HC*A*B*20240101*1200*12X"), X12_ERANGE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "control-number");
    ck_assert_uint_eq(x12_error_element(x12_writer_last_error(w)), 6);
    ck_assert_int_eq(put(w, "GS*HC*A*B*20240101*1200*1234567890"), X12_ERANGE);
    put_ok(w, GS_IN);
    ck_assert_int_eq(put(w, "ST*837*123"), X12_ERANGE);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "ST02 must be 4 to 9 characters");
    ck_assert_int_eq(put(w, "ST*837*0001:2"), X12_ERANGE);
    x12_writer_free(w);
}
END_TEST

/* Nesting is enforced with X12_ESTATE and rule "nesting": no GS outside ISA,
 * no ST outside GS, no data segment outside ST, no closing of a level with an
 * inner one open, and finish refuses open envelopes. */
START_TEST(test_nesting)
{
    x12_writer *w = mem_writer();
    const x12_error *e;

    ck_assert_int_eq(put(w, GS_IN), X12_ESTATE);
    e = x12_writer_last_error(w);
    ck_assert_str_eq(x12_error_rule(e), "nesting");
    ck_assert_str_eq(x12_error_message(e), "GS outside an interchange (write ISA first)");
    ck_assert_int_eq(x12_writer_close_set(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_ESTATE);
    put_ok(w, ISA_IN);
    ck_assert_int_eq(put(w, ISA_IN), X12_ESTATE);
    ck_assert_int_eq(put(w, "ST*837"), X12_ESTATE);
    ck_assert_int_eq(put(w, "NM1*41"), X12_ESTATE);
    e = x12_writer_last_error(w);
    ck_assert_str_eq(x12_error_message(e), "NM1 outside a transaction set (write ST first)");
    ck_assert_uint_eq(x12_error_segment_number(e), 2);
    put_ok(w, "TA1*000000001*240101*1200*A*000");
    put_ok(w, GS_IN);
    ck_assert_int_eq(put(w, "TA1*000000001*240101*1200*A*000"), X12_ESTATE);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_ESTATE);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "IEA while a functional group is open (write GE first)");
    put_ok(w, "ST*837");
    ck_assert_int_eq(put(w, "ST*837"), X12_ESTATE);
    ck_assert_int_eq(x12_writer_close_group(w), X12_ESTATE);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "GE while a transaction set is open (write SE first)");
    ck_assert_int_eq(x12_writer_finish(w), X12_ESTATE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "nesting");
    /* Delimiters are fixed inside an interchange. */
    ck_assert_int_eq(x12_writer_set_delimiters(w, '|', '>', '^', '~'), X12_ESTATE);
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_close_group(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w), ISA_OUT "TA1*000000001*240101*1200*A*000~" GS_OUT
                                     "ST*837*0001~SE*2*0001~GE*1*1~IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* Segment-level misuse: begin while a segment is open, add/end with none
 * open, invalid ids (no segment is opened), a failed add (reported again by
 * the end that discards the segment), and finish with a segment open. */
START_TEST(test_segment_state)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_add(w, "X", 1), X12_ESTATE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "no-segment");
    ck_assert_int_eq(x12_writer_end(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_begin(w, "nm1"), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "segment-id");
    ck_assert_int_eq(x12_writer_add(w, "X", 1), X12_ESTATE);
    ck_assert_int_eq(x12_writer_end(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_begin(w, "ABCD"), X12_EINVAL);
    ck_assert_int_eq(x12_writer_begin(w, "A"), X12_EINVAL);
    ck_assert_int_eq(x12_writer_begin(w, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_end(w), X12_ESTATE);
    /* A nesting error at begin opens nothing either. */
    ck_assert_int_eq(x12_writer_begin(w, "NM1"), X12_ESTATE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "nesting");
    ck_assert_int_eq(x12_writer_end(w), X12_ESTATE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "no-segment");
    ck_assert_int_eq(x12_writer_begin(w, "ISA"), X12_OK);
    ck_assert_int_eq(x12_writer_begin(w, "GS"), X12_ESTATE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "segment-open");
    ck_assert_int_eq(x12_writer_close_set(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_finish(w), X12_ESTATE);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "segment ISA was begun but not ended");
    ck_assert_int_eq(x12_writer_add_component(w, "X", 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_end(w), X12_EINVAL);
    ck_assert_uint_eq(x12_writer_segment_count(w), 0);
    ck_assert_str_eq(mem(w), "");
    x12_writer_free(w);
}
END_TEST

/* ---- elements, trimming, delimiters ----------------------------------------- */

/* Empty trailing elements, components and repetitions are trimmed; empty
 * elements, components and repetitions in the middle keep their
 * separators. */
START_TEST(test_trimming)
{
    x12_writer *w = mem_writer();

    open_all(w);
    put_ok(w, "NM1*85*2*X****XX*1234567893");
    put_ok(w, "NM1*85*2*X****XX*1234567893***");
    put_ok(w, "REF*EI*");
    put_ok(w, "PER*IC**");
    put_ok(w, "SV1*HC:99213:::*100*UN*1:::");
    put_ok(w, "SV1*HC:99213::25*100");
    put_ok(w, "EQ*30^^1^^*A");
    put_ok(w, "EQ*30^^1^:^*");
    put_ok(w, "K3*::");
    put_ok(w, "HI*:^:**ABF:Z00");
    close_all(w);
    ck_assert_str_eq(mem(w), ISA_OUT GS_OUT "ST*837*0001*005010X222A1~"
                                            "NM1*85*2*X****XX*1234567893~"
                                            "NM1*85*2*X****XX*1234567893~"
                                            "REF*EI~"
                                            "PER*IC~"
                                            "SV1*HC:99213*100*UN*1~"
                                            "SV1*HC:99213::25*100~"
                                            "EQ*30^^1*A~"
                                            "EQ*30^^1~"
                                            "K3~"
                                            "HI***ABF:Z00~"
                                            "SE*12*0001~GE*1*1~IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* Components and repetitions are written with the writer's separators. */
START_TEST(test_components_and_repetitions)
{
    x12_writer *w = mem_writer();

    open_all(w);
    ck_assert_int_eq(x12_writer_begin(w, "SV1"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "HC", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add_component(w, "99213", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_writer_add_component(w, "25", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_writer_add_cents(w, 12345), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "UN", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_writer_add_uint(w, 2), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "", 0), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "", 0), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "1", 1), X12_OK);
    ck_assert_int_eq(x12_writer_add_component(w, "2", 1), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    ck_assert_int_eq(x12_writer_begin(w, "EQ"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "30", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add_repetition(w, "1", 1), X12_OK);
    ck_assert_int_eq(x12_writer_add_repetition(w, "A", 1), X12_OK);
    ck_assert_int_eq(x12_writer_add_component(w, "B", 1), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    close_all(w);
    ck_assert_str_eq(mem(w), ISA_OUT GS_OUT "ST*837*0001*005010X222A1~"
                                            "SV1*HC:99213:25*123.45*UN*2***1:2~"
                                            "EQ*30^1^A:B~"
                                            "SE*4*0001~GE*1*1~IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* A delimiter byte inside data is refused with X12_EDELIM and a record
 * locating it (segment number, id, element, component, repetition); the
 * segment is discarded and writing goes on. */
START_TEST(test_delimiter_in_data)
{
    x12_writer *w = mem_writer();
    const x12_error *e;
    char buf[200];

    open_all(w);
    ck_assert_int_eq(x12_writer_begin(w, "NM1"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "85", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "2", 1), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "SMITH*JONES", X12_NTS), X12_EDELIM);
    e = x12_writer_last_error(w);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(x12_error_status(e), X12_EDELIM);
    ck_assert_str_eq(x12_error_rule(e), "delimiter-in-data");
    ck_assert_uint_eq(x12_error_segment_number(e), 4);
    ck_assert_str_eq(x12_error_segment_id(e), "NM1");
    ck_assert_uint_eq(x12_error_element(e), 3);
    ck_assert_uint_eq(x12_error_component(e), 0);
    x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "4:NM1-03: the data contains the element separator '*'; change "
                          "the data or the delimiters");
    /* The failed segment keeps failing until it is ended, with the same record. */
    ck_assert_int_eq(x12_writer_add(w, "OK", 2), X12_EDELIM);
    ck_assert_int_eq(x12_writer_end(w), X12_EDELIM);
    ck_assert_uint_eq(x12_error_element(x12_writer_last_error(w)), 3);

    ck_assert_int_eq(x12_writer_begin(w, "SV1"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "HC", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add_component(w, "99213", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_writer_add_component(w, "2:5", X12_NTS), X12_EDELIM);
    e = x12_writer_last_error(w);
    ck_assert_uint_eq(x12_error_element(e), 1);
    ck_assert_uint_eq(x12_error_component(e), 3);
    ck_assert_uint_eq(x12_error_repetition(e), 0);
    ck_assert_str_eq(x12_error_message(e), "the data contains the component separator ':'; "
                                           "change the data or the delimiters");
    x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "4:SV1-01-3: the data contains the component separator ':'; "
                          "change the data or the delimiters");
    ck_assert_int_eq(x12_writer_end(w), X12_EDELIM);

    ck_assert_int_eq(x12_writer_begin(w, "EQ"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "30", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add_repetition(w, "1^", 2), X12_EDELIM);
    e = x12_writer_last_error(w);
    ck_assert_uint_eq(x12_error_element(e), 1);
    ck_assert_uint_eq(x12_error_repetition(e), 2);
    ck_assert_int_eq(x12_writer_end(w), X12_EDELIM);

    ck_assert_int_eq(put(w, "NTE*ADD*A~B"), X12_EDELIM);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "the data contains the segment terminator '~'; change the data or the "
                     "delimiters");
    /* Lengths are honoured: the '*' after the first 2 bytes is not data. */
    ck_assert_int_eq(x12_writer_begin(w, "NTE"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "AB*C", 2), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    close_all(w);
    ck_assert_str_eq(mem(w), ISA_OUT GS_OUT "ST*837*0001*005010X222A1~NTE*AB~"
                                            "SE*3*0001~GE*1*1~IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* Other delimiters and a line break: everything, ISA11 and ISA16 included,
 * is written with them, and data holding the default '*' is now fine. */
START_TEST(test_redelimited)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_delimiters(w, '|', '>', '!', '\n'), X12_OK);
    open_all(w);
    ck_assert_int_eq(x12_writer_begin(w, "NTE"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "ADD", 3), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "A*B:C^D~E", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    put_ok(w, "SV1*HC:99213*100^200");
    ck_assert_int_eq(put(w, "NTE*ADD*A|B"), X12_EDELIM);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "the data contains the element separator '|'; change the data or the "
                     "delimiters");
    ck_assert_int_eq(put(w, "NTE*ADD*A\nB"), X12_EDELIM);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "the data contains the segment terminator 0x0A; change the data or the "
                     "delimiters");
    close_all(w);
    ck_assert_str_eq(mem(w),
        "ISA|00|          |00|          |ZZ|SUBMITTERID    |ZZ|RECEIVERID     |240101|1200|!|"
        "00501|000000001|0|T|>\n"
        "GS|HC|SUBMITTERID|RECEIVERID|20240101|1200|1|X|005010X222A1\n"
        "ST|837|0001|005010X222A1\n"
        "NTE|ADD|A*B:C^D~E\n"
        "SV1|HC>99213|100!200\n"
        "SE|4|0001\nGE|1|1\nIEA|1|000000001\n");
    x12_writer_free(w);
}
END_TEST

/* Invalid delimiter sets are refused: equal ones, letters, digits, space,
 * NUL, CR/LF for anything but the terminator. */
START_TEST(test_delimiters_invalid)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', '*', '^', '~'), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "delimiters");
    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', '~', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, 'A', ':', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', '1', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ' ', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', '^', '\0'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, '\n', ':', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', '\r', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_delimiters(w, 0x1D, 0x1F, 0, 0x1C), X12_OK);
    ck_assert_ptr_null(x12_writer_last_error(w));
    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', '^', '\r'), X12_OK);
    x12_writer_free(w);
}
END_TEST

/* With no repetition separator, ISA11 becomes 'U', '^' is plain data and
 * repetitions are refused. */
START_TEST(test_no_repetition_separator)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', 0, '~'), X12_OK);
    put_ok(w, ISA_IN);
    put_ok(w, GS_IN);
    put_ok(w, "ST*837");
    ck_assert_int_eq(x12_writer_begin(w, "NTE"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "A^B", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    /* Repetitions cannot be written without a separator. */
    ck_assert_int_eq(x12_writer_begin(w, "EQ"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "30", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add_repetition(w, "1", 1), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "repetition");
    ck_assert_uint_eq(x12_error_repetition(x12_writer_last_error(w)), 2);
    ck_assert_int_eq(x12_writer_end(w), X12_EINVAL);
    close_all(w);
    ck_assert_str_eq(mem(w),
        "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*RECEIVERID     *240101*1200*U*"
        "00501*000000001*0*T*:~" GS_OUT "ST*837*0001~NTE*A^B~SE*3*0001~GE*1*1~"
        "IEA*1*000000001~");
    x12_writer_free(w);
}
END_TEST

/* Line breaks "\n" and "\r\n" follow every terminator; anything but CR/LF,
 * or more than 8 bytes, is refused. */
START_TEST(test_line_breaks)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_line_break(w, "\r\n"), X12_OK);
    open_all(w);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    put_ok(w, "LX*1");
    ck_assert_int_eq(x12_writer_set_line_break(w, ""), X12_OK);
    put_ok(w, "LX*2");
    ck_assert_int_eq(x12_writer_set_line_break(w, NULL), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, " \n"), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "line-break");
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n\n\n\n\n\n\n\n\n"), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n\n\n\n\n\n\n\n"), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    close_all(w);
    ck_assert_str_eq(mem(w), ISA_OUT "\r\n" GS_OUT "\r\nST*837*0001*005010X222A1~\r\n"
                                     "LX*1~\nLX*2~SE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n");
    x12_writer_free(w);
}
END_TEST

/* ---- ISA ------------------------------------------------------------------- */

/* ISA fields are padded to their fixed widths (spaces after AN values,
 * zeros before ISA13), missing elements are added, ISA11 and ISA16 default
 * to the writer's separators, and the ISA is always 106 bytes. */
START_TEST(test_isa_padding)
{
    x12_writer *w = mem_writer();
    const char *out;

    put_ok(w, "ISA*00*AUTH*01*SECRET*ZZ*ME*01*123456789*240101*0930**00501*42*1*P");
    out = mem(w);
    ck_assert_str_eq(out, "ISA*00*AUTH      *01*SECRET    *ZZ*ME             *01*123456789      "
                          "*240101*0930*^*00501*000000042*1*P*:~");
    ck_assert_uint_eq(strlen(out), 106);
    put_ok(w, "IEA*0*42");
    /* Given ISA11/ISA16 equal to the writer's separators are accepted. */
    put_ok(w, "ISA*00*AUTH*01*SECRET*ZZ*ME*01*123456789*240101*0930*^*00501*000000043*1*P*:");
    put_ok(w, "IEA*0*000000043");
    /* Only ISA01: everything else padded, ISA13 from the counter. */
    put_ok(w, "ISA*00");
    put_ok(w, "IEA");
    ck_assert_str_eq(mem(w) + 106 + 16 + 106 + 16,
                     "ISA*00*          *  *          *  *               *  *               *"
                     "      *    *^*     *000000001* * *:~IEA*0*000000001~");
    x12_writer_free(w);
}
END_TEST

/* An ISA value longer than its field is X12_ERANGE "isa-width" naming the
 * element; a 10-digit or non-numeric ISA13, 17 elements, a composite element,
 * and ISA11/ISA16 that contradict the writer's separators are refused too. */
START_TEST(test_isa_refusals)
{
    x12_writer *w = mem_writer();
    const x12_error *e;
    char buf[200];

    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*SUBMITTERID1234X*ZZ*B*240101*1200**00501**0*T"),
                     X12_ERANGE);
    e = x12_writer_last_error(w);
    ck_assert_str_eq(x12_error_rule(e), "isa-width");
    ck_assert_uint_eq(x12_error_element(e), 6);
    ck_assert_uint_eq(x12_error_segment_number(e), 1);
    x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "1:ISA-06: ISA06 is 16 characters long; its field holds 15");
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200**00501*1234567890*0*T"),
                     X12_ERANGE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "isa-width");
    ck_assert_uint_eq(x12_error_element(x12_writer_last_error(w)), 13);
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200**00501*12A*0*T"), X12_ERANGE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "control-number");
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200**00501**0*T*:*X"), X12_ERANGE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "isa-elements");
    ck_assert_int_eq(x12_writer_begin(w, "ISA"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, "00", 2), X12_OK);
    ck_assert_int_eq(x12_writer_add_repetition(w, "01", 2), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "isa-composite");
    ck_assert_uint_eq(x12_error_element(x12_writer_last_error(w)), 1);
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200**00501**0*T*>"), X12_EINVAL);
    e = x12_writer_last_error(w);
    ck_assert_str_eq(x12_error_rule(e), "isa16-component");
    ck_assert_uint_eq(x12_error_element(e), 16);
    ck_assert_str_eq(x12_error_message(e), "ISA16 must be the writer's component separator ':'");
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200*|*00501**0*T"), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "isa11-repetition");
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200*UU*00501**0*T"), X12_EINVAL);
    /* A data element of the ISA holding a delimiter. */
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A~B*ZZ*B*240101*1200**00501**0*T"), X12_EDELIM);
    ck_assert_uint_eq(x12_error_element(x12_writer_last_error(w)), 6);
    /* None of these were written, and no counter was used. */
    ck_assert_str_eq(mem(w), "");
    ck_assert_uint_eq(x12_writer_segment_count(w), 0);
    put_ok(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200*U*00401**0*T");
    ck_assert_str_eq(mem(w), "ISA*00*          *00*          *ZZ*A              *ZZ*B        "
                             "      *240101*1200*U*00401*000000001*0*T*:~");
    x12_writer_free(w);
}
END_TEST

/* ---- verbatim mode ---------------------------------------------------------- */

/* X12_WOPT_VERBATIM writes everything as given: wrong counts and control
 * numbers, unpadded ISA fields, trailing empty elements and components,
 * segments outside any envelope; finish accepts open envelopes. */
START_TEST(test_verbatim)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1), X12_OK);
    put_ok(w, "NTE*BEFORE*");
    put_ok(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*:");
    put_ok(w, "GS*HC*A*B*20240101*1200*");
    put_ok(w, "ST*837*1");
    put_ok(w, "NM1*85*2*X****XX*1234567893**");
    put_ok(w, "SV1*HC:99213:*100");
    put_ok(w, "SE*99*2");
    put_ok(w, "SE*1*1");
    put_ok(w, "GE*5*5");
    put_ok(w, "IEA*9*9");
    put_ok(w, "ST*837");
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w), "NTE*BEFORE*~"
                             "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*:~"
                             "GS*HC*A*B*20240101*1200*~"
                             "ST*837*1~"
                             "NM1*85*2*X****XX*1234567893**~"
                             "SV1*HC:99213:*100~"
                             "SE*99*2~SE*1*1~GE*5*5~IEA*9*9~ST*837~");
    /* ISA16 must still name the component separator actually used. */
    ck_assert_int_eq(put(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*!"), X12_EINVAL);
    x12_writer_free(w);
}
END_TEST

/* In verbatim mode the close functions still compute counts and repeat the
 * control numbers as they were given (an absent one stays absent). */
START_TEST(test_verbatim_close)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1), X12_OK);
    put_ok(w, "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*:");
    put_ok(w, "GS*HC*A*B*20240101*1200*0033");
    put_ok(w, "ST*837*1");
    put_ok(w, "LX*1");
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    put_ok(w, "ST*837");
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_group(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w), "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*:~"
                             "GS*HC*A*B*20240101*1200*0033~ST*837*1~LX*1~SE*3*1~"
                             "ST*837~SE*2~GE*2*0033~IEA*1*7~");
    x12_writer_free(w);
}
END_TEST

/* ---- numbers ----------------------------------------------------------------- */

/* add_cents gives X12 decimal text without floating point, trailing zeros
 * dropped, negatives with a leading '-', INT64_MIN and INT64_MAX exact;
 * add_uint gives plain decimal up to UINT64_MAX. */
START_TEST(test_numbers)
{
    static const struct {
        int64_t cents;
        const char *text;
    } cases[] = {
        {12345, "123.45"}, {12340, "123.4"}, {100, "1"},     {0, "0"},
        {5, "0.05"},       {50, "0.5"},      {-5, "-0.05"},  {-12345, "-123.45"},
        {-100, "-1"},      {101, "1.01"},    {99, "0.99"},   {-1, "-0.01"},
        {INT64_MAX, "92233720368547758.07"}, {INT64_MIN, "-92233720368547758.08"},
    };
    x12_writer *w = mem_writer();
    size_t i;
    char expect[4096];

    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1), X12_OK);
    strcpy(expect, "AMT");
    ck_assert_int_eq(x12_writer_begin(w, "AMT"), X12_OK);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_int_eq(x12_writer_add_cents(w, cases[i].cents), X12_OK);
        strcat(expect, "*");
        strcat(expect, cases[i].text);
    }
    ck_assert_int_eq(x12_writer_add_uint(w, 0), X12_OK);
    ck_assert_int_eq(x12_writer_add_uint(w, 7), X12_OK);
    ck_assert_int_eq(x12_writer_add_uint(w, UINT64_MAX), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    strcat(expect, "*0*7*18446744073709551615~");
    ck_assert_str_eq(mem(w), expect);
    x12_writer_free(w);
}
END_TEST

/* ---- output sinks ------------------------------------------------------------ */

/* The callback sink gets each segment whole, in order; the output equals
 * the memory sink's. */
START_TEST(test_callback_sink)
{
    x12_writer *w = NULL;
    sink s;

    memset(&s, 0, sizeof s);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_callback(w, sink_fn, &s), X12_OK);
    ck_assert_int_eq(write_837(w), X12_OK);
    ck_assert_str_eq(s.buf, gold_837);
    ck_assert_int_eq(s.calls, 25);
    ck_assert_ptr_null(x12_writer_memory(w, NULL));
    x12_writer_free(w);
}
END_TEST

/* A failing callback gives X12_EIO for that segment, and the writer is dead
 * afterwards: every later writing call returns X12_EIO. */
START_TEST(test_callback_failure)
{
    x12_writer *w = NULL;
    sink s;

    memset(&s, 0, sizeof s);
    s.fail_at_call = 3;
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_callback(w, sink_fn, &s), X12_OK);
    put_ok(w, ISA_IN);
    put_ok(w, GS_IN);
    ck_assert_int_eq(put(w, "ST*837"), X12_EIO);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "output");
    ck_assert_int_eq(x12_writer_begin(w, "LX"), X12_EIO);
    ck_assert_int_eq(x12_writer_add(w, "1", 1), X12_EIO);
    ck_assert_int_eq(x12_writer_end(w), X12_EIO);
    ck_assert_int_eq(x12_writer_close_set(w), X12_EIO);
    ck_assert_int_eq(x12_writer_finish(w), X12_EIO);
    ck_assert_str_eq(s.buf, ISA_OUT GS_OUT);
    x12_writer_free(w);
}
END_TEST

static char *slurp_stream(FILE *fp, size_t *len)
{
    long n;
    char *buf;

    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    ck_assert_int_ge(n, 0);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* The FILE sink buffers output and writes it by x12_writer_finish; the bytes
 * equal the memory sink's. */
START_TEST(test_file_sink)
{
    x12_writer *w = NULL;
    FILE *fp = tmpfile();
    char *got;
    size_t len;

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, fp), X12_OK);
    ck_assert_ptr_null(x12_writer_memory(w, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(write_837(w), X12_OK);
    x12_writer_free(w);
    got = slurp_stream(fp, &len);
    ck_assert_uint_eq(len, strlen(gold_837));
    ck_assert_str_eq(got, gold_837);
    free(got);
    fclose(fp);
}
END_TEST

/* x12_writer_free does not write what is still buffered (an abandoned
 * writer leaves no half interchange); output past 64 KiB is written as it
 * goes. */
START_TEST(test_file_free_without_finish)
{
    x12_writer *w = NULL;
    FILE *fp = tmpfile();
    char *got;
    size_t len, i;

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, fp), X12_OK);
    put_ok(w, ISA_IN);
    x12_writer_free(w);
    got = slurp_stream(fp, &len);
    ck_assert_uint_eq(len, 0);
    free(got);

    rewind(fp);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, fp), X12_OK);
    open_all(w);
    for (i = 0; i < 10000; i++)
        put_ok(w, "NTE*ADD*SOME TEXT");     /* 18 bytes each */
    got = slurp_stream(fp, &len);
    ck_assert_uint_ge(len, 65536);
    ck_assert_uint_lt(len, OPEN_LEN + 18 * 10000);
    free(got);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    close_all(w);
    got = slurp_stream(fp, &len);
    ck_assert_uint_eq(len, OPEN_LEN + 18 * 10000 + 14 + 7 + 16);
    ck_assert(memcmp(got + len - 37, "SE*10002*0001~GE*1*1~IEA*1*000000001~", 37) == 0);
    free(got);
    x12_writer_free(w);
    fclose(fp);
}
END_TEST

/* fwrite failing (a full device) gives X12_EIO from the call that flushes. */
START_TEST(test_file_write_error)
{
    x12_writer *w = NULL;
    FILE *fp = fopen("/dev/full", "w");

    if (fp == NULL)
        return; /* no /dev/full here */
    setvbuf(fp, NULL, _IONBF, 0);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, fp), X12_OK);
    put_ok(w, ISA_IN);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_EIO);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "output");
    ck_assert_int_eq(x12_writer_finish(w), X12_EIO);
    x12_writer_free(w);
    fclose(fp);
}
END_TEST

/* The output is chosen before the first segment and only then; writing
 * without one is X12_ESTATE; NULL sinks are refused. */
START_TEST(test_output_choice)
{
    x12_writer *w = NULL;
    sink s;

    memset(&s, 0, sizeof s);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_begin(w, "ISA"), X12_ESTATE);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "no-output");
    ck_assert_int_eq(x12_writer_close_set(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_int_eq(x12_writer_to_callback(w, NULL, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_to_file(w, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_to_callback(w, sink_fn, &s), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_str_eq(mem(w), "");
    put_ok(w, ISA_IN);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_ESTATE);
    ck_assert_int_eq(x12_writer_to_callback(w, sink_fn, &s), X12_ESTATE);
    ck_assert_str_eq(mem(w), ISA_OUT);
    x12_writer_free(w);
}
END_TEST

/* ---- sizes, allocation, NULL handles ----------------------------------------- */

/* No fixed caps: a 1 MiB element and a segment with 100000 elements are
 * written whole, and SE01 counts them as usual. */
START_TEST(test_large_segments)
{
    x12_writer *w = mem_writer();
    size_t big = 1u << 20, i, len;
    char *data = malloc(big);
    const char *out;

    ck_assert_ptr_nonnull(data);
    memset(data, 'A', big);
    open_all(w);
    ck_assert_int_eq(x12_writer_begin(w, "NTE"), X12_OK);
    ck_assert_int_eq(x12_writer_add(w, data, big), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    ck_assert_int_eq(x12_writer_begin(w, "K3"), X12_OK);
    for (i = 0; i < 100000; i++)
        ck_assert_int_eq(x12_writer_add(w, "X", 1), X12_OK);
    ck_assert_int_eq(x12_writer_end(w), X12_OK);
    close_all(w);
    out = x12_writer_memory(w, &len);
    ck_assert_uint_eq(len, OPEN_LEN + (4 + big + 1) + (2 + 2 * 100000 + 1) + 10 + 7 + 16);
    ck_assert(memcmp(out + len - 33, "SE*4*0001~GE*1*1~IEA*1*000000001~", 33) == 0);
    free(data);
    x12_writer_free(w);
}
END_TEST

/* Every allocation goes through a caller's allocator, and all of it is given
 * back by x12_writer_free. */
START_TEST(test_custom_allocator)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_writer *w = NULL;

    ck_assert_int_eq(x12_writer_new(&a, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(write_837(w), X12_OK);
    ck_assert_str_eq(mem(w), gold_837);
    ck_assert_uint_gt(c.calls, 3);
    ck_assert_uint_gt(c.allocs - c.frees, 0);
    x12_writer_free(w);
    ck_assert_uint_eq(c.allocs - c.frees, 0);

    /* A bigger structure (a program built against a later header whose
     * x12_allocator grew) is taken: the members of the first version are
     * read. */
    {
        struct {
            x12_allocator v1;
            void *later[4];
        } big;
        memset(&big, 0, sizeof big);
        big.v1 = a;
        big.v1.struct_size = sizeof big;
        ck_assert_int_eq(x12_writer_new(&big.v1, &w), X12_OK);
        x12_writer_free(w);
    }
    /* A malformed allocator is refused: smaller than the first version. */
    a.struct_size = sizeof a - 1;
    w = (x12_writer *)&c;
    ck_assert_int_eq(x12_writer_new(&a, &w), X12_EINVAL);
    ck_assert_ptr_null(w);
    a.struct_size = 1;
    w = (x12_writer *)&c;
    ck_assert_int_eq(x12_writer_new(&a, &w), X12_EINVAL);
    ck_assert_ptr_null(w);
}
END_TEST

/* An allocator failing after N allocations, for every N until the whole
 * interchange fits: calls return X12_ENOMEM (never crash), nothing leaks, and
 * once enough memory is there the output is the golden one. */
START_TEST(test_allocation_failures)
{
    long n;
    int succeeded = 0;

    for (n = 0; n < 200 && !succeeded; n++) {
        memcount c;
        x12_allocator a = memcounting(&c);
        x12_writer *w = NULL;
        x12_status st;

        c.fail_from = n + 1; /* n allocations succeed */
        st = x12_writer_new(&a, &w);

        if (st == X12_OK) {
            ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
            st = write_837(w);
            if (st == X12_OK) {
                ck_assert_str_eq(mem(w), gold_837);
                succeeded = 1;
            } else {
                ck_assert_int_eq(st, X12_ENOMEM);
                ck_assert_int_eq(x12_error_status(x12_writer_last_error(w)), X12_ENOMEM);
            }
            x12_writer_free(w);
        } else {
            ck_assert_int_eq(st, X12_ENOMEM);
            ck_assert_ptr_null(w);
        }
        ck_assert_uint_eq(c.allocs - c.frees, 0);
    }
    ck_assert(succeeded);
    ck_assert_int_gt(n, 3);
}
END_TEST

/* After a failure in the middle of the output (ENOMEM on the memory sink),
 * the writer stays usable: the same segment written again succeeds. */
START_TEST(test_enomem_recovers)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_writer *w = NULL;

    ck_assert_int_eq(x12_writer_new(&a, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    open_all(w);
    c.fail_from = (long)c.calls + 1; /* every allocation from here */
    ck_assert_int_eq(put(w, "NTE*ADD*THIS TEXT IS LONG ENOUGH TO NEED MORE ROOM IN THE OUTPUT "
                            "BUFFER OF THE WRITER WHICH HOLDS 256 BYTES SO FAR OR SO ......."),
                     X12_ENOMEM);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "out-of-memory");
    c.fail_from = 0;
    put_ok(w, "LX*1");
    close_all(w);
    ck_assert_str_eq(mem(w), ISA_OUT GS_OUT "ST*837*0001*005010X222A1~LX*1~SE*3*0001~GE*1*1~"
                                            "IEA*1*000000001~");
    x12_writer_free(w);
    ck_assert_uint_eq(c.allocs - c.frees, 0);
}
END_TEST

/* Every function takes a NULL handle without crashing: X12_EINVAL, NULL or
 * 0; and last_error is NULL after a successful call. */
START_TEST(test_null_handles)
{
    x12_writer *w = NULL;
    size_t len = 5;

    ck_assert_int_eq(x12_writer_new(NULL, NULL), X12_EINVAL);
    x12_writer_free(NULL);
    ck_assert_int_eq(x12_writer_to_callback(NULL, sink_fn, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_to_file(NULL, stdout), X12_EINVAL);
    ck_assert_int_eq(x12_writer_to_memory(NULL), X12_EINVAL);
    ck_assert_ptr_null(x12_writer_memory(NULL, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(x12_writer_set_delimiters(NULL, '*', ':', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_line_break(NULL, "\n"), X12_EINVAL);
    ck_assert_int_eq(x12_writer_set_option(NULL, X12_WOPT_VERBATIM, 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_begin(NULL, "ISA"), X12_EINVAL);
    ck_assert_int_eq(x12_writer_add(NULL, "X", 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_add_component(NULL, "X", 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_add_repetition(NULL, "X", 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_add_cents(NULL, 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_add_uint(NULL, 1), X12_EINVAL);
    ck_assert_int_eq(x12_writer_end(NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_copy(NULL, NULL, 0), X12_EINVAL);
    ck_assert_int_eq(x12_writer_close_set(NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_close_group(NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_close_interchange(NULL), X12_EINVAL);
    ck_assert_int_eq(x12_writer_finish(NULL), X12_EINVAL);
    ck_assert_ptr_null(x12_writer_last_error(NULL));
    ck_assert_uint_eq(x12_writer_segment_count(NULL), 0);

    w = mem_writer();
    ck_assert_int_eq(x12_writer_copy(w, NULL, 0), X12_EINVAL);
    ck_assert_ptr_nonnull(x12_writer_last_error(w));
    ck_assert_int_eq(x12_writer_begin(w, "ISA"), X12_OK);
    ck_assert_ptr_null(x12_writer_last_error(w));
    ck_assert_int_eq(x12_writer_add(w, NULL, 3), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "argument");
    ck_assert_int_eq(x12_writer_end(w), X12_EINVAL);
    x12_writer_free(w);
}
END_TEST

/* ---- x12_writer_copy (needs the reader) ---------------------------------------- */

/* Reads `in` and copies every segment to w; returns the first failure. */
static x12_status copy_all(x12_writer *w, const char *in, unsigned flags)
{
    x12_reader *r = NULL;
    const x12_segment *seg;
    x12_status st;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        st = x12_writer_copy(w, seg, flags);
        if (st != X12_OK)
            break;
    }
    x12_reader_free(r);
    return st == X12_END ? X12_OK : st;
}

#define ROUND_TRIP_IN                                                                        \
    "\xEF\xBB\xBF\r\n"                                                                       \
    "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*RECEIVERID     *240101*1200*^*" \
    "00501*000000001*0*T*:~\r\n"                                                             \
    "GS*HC*SUBMITTERID*RECEIVERID*20240101*1200*1*X*005010X222A1~\r\n"                       \
    "ST*837*0001*005010X222A1~\n"                                                            \
    "NM1*85*2*X****XX*1234567893**~"                                                         \
    "SV1*HC:99213:*100^*UN~  \n\n"                                                           \
    "SE*4*0001~\r\n"                                                                         \
    "GE*1*1~IEA*1*000000001~\r\n"

/* Reading, then copying with the same delimiters, X12_COPY_KEEP_BREAKS and
 * verbatim mode reproduces the input byte for byte: leading BOM and blank
 * line, mixed line breaks, trailing empty elements, components and
 * repetitions. */
START_TEST(test_copy_round_trip)
{
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1), X12_OK);
    ck_assert_int_eq(copy_all(w, ROUND_TRIP_IN, X12_COPY_KEEP_BREAKS), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w), ROUND_TRIP_IN);
    x12_writer_free(w);
}
END_TEST

/* Round trip, in verbatim mode, of an ISA whose fields are not padded, a
 * segment without an id, a long id, and a last segment without a
 * terminator; normal mode refuses the missing id. */
START_TEST(test_copy_round_trip_odd)
{
    static const char in[] =
        "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*:~GS*HC*A*B*20240101*1200*7*X*"
        "005010X222A1~ST*837*0007~*IC*X~NTEXT*1~SE*4*0007~GE*1*7~IEA*1*7";
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1), X12_OK);
    ck_assert_int_eq(copy_all(w, in, X12_COPY_KEEP_BREAKS), X12_OK);
    ck_assert_str_eq(mem(w), in);
    x12_writer_free(w);

    w = mem_writer();
    ck_assert_int_eq(copy_all(w, in, X12_COPY_KEEP_BREAKS), X12_EINVAL);
    ck_assert_str_eq(x12_error_rule(x12_writer_last_error(w)), "segment-id");
    ck_assert_uint_eq(x12_error_segment_number(x12_writer_last_error(w)), 4);
    x12_writer_free(w);
}
END_TEST

/* A normal-mode copy re-delimits everything (ISA11 and ISA16 included),
 * trims trailing empties, pads the ISA, and checks the counts it copies. */
START_TEST(test_copy_redelimited)
{
    static const char in[] =
        "ISA*00**00**ZZ*A*ZZ*B*240101*1200*^*00501*7*0*T*:~\n"
        "GS*HC*A*B*20240101*1200*7*X*005010X222A1~\n"
        "ST*837*0007~\n"
        "SV1*HC:99213:*100^200^*UN**~\n"
        "NTE*ADD*A|B>C~\n"
        "SE*4*0007~\n"
        "GE*1*7~\n"
        "IEA*1*7~\n";
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_delimiters(w, '|', '>', '!', '\n'), X12_OK);
    /* NTE holds the writer's '|': refused, with its position. */
    ck_assert_int_eq(copy_all(w, in, 0), X12_EDELIM);
    ck_assert_uint_eq(x12_error_element(x12_writer_last_error(w)), 2);
    ck_assert_uint_eq(x12_error_segment_number(x12_writer_last_error(w)), 5);
    ck_assert_str_eq(x12_error_segment_id(x12_writer_last_error(w)), "NTE");
    ck_assert_str_eq(mem(w), "ISA|00|          |00|          |ZZ|A              |ZZ|B     "
                             "         |240101|1200|!|00501|000000007|0|T|>\n"
                             "GS|HC|A|B|20240101|1200|7|X|005010X222A1\n"
                             "ST|837|0007\n"
                             "SV1|HC>99213|100!200|UN\n");
    x12_writer_free(w);
}
END_TEST

/* A component position is reported when copied data holds a delimiter
 * inside a composite. */
START_TEST(test_copy_delimiter_position)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:~GS*HC*A*B*20240101*1200*1*X*005010X222A1~ST*837*0001~"
        "SV1*HC:992!3*100~SE*3*0001~GE*1*1~IEA*1*000000001~";
    x12_writer *w = mem_writer();
    const x12_error *e;

    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', '!', '~'), X12_OK);
    ck_assert_int_eq(copy_all(w, in, 0), X12_EDELIM);
    e = x12_writer_last_error(w);
    ck_assert_uint_eq(x12_error_element(e), 1);
    ck_assert_uint_eq(x12_error_component(e), 2);
    ck_assert_uint_eq(x12_error_segment_number(e), 4);
    x12_writer_free(w);
}
END_TEST

/* X12_COPY_KEEP_BREAKS with another terminator: the source's line breaks
 * follow the writer's terminator; a LF terminator counts as a line break
 * itself and CR LF stays together. */
START_TEST(test_copy_keep_breaks_other_terminator)
{
    static const char in_tilde[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:~\r\nGS*HC*A*B*20240101*1200*1*X*005010X222A1~ST*837*0001~\n\n"
        "SE*2*0001~\nGE*1*1~IEA*1*000000001~\n";
    static const char in_lf[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:\r\nGS*HC*A*B*20240101*1200*1*X*005010X222A1\r\nST*837*0001\n"
        "SE*2*0001\r\nGE*1*1\nIEA*1*000000001\n";
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_delimiters(w, '*', ':', '^', '!'), X12_OK);
    ck_assert_int_eq(copy_all(w, in_tilde, X12_COPY_KEEP_BREAKS), X12_OK);
    ck_assert_int_eq(copy_all(w, in_lf, X12_COPY_KEEP_BREAKS), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    ck_assert_str_eq(mem(w),
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:!\r\nGS*HC*A*B*20240101*1200*1*X*005010X222A1!ST*837*0001!\n\n"
        "SE*2*0001!\nGE*1*1!IEA*1*000000001!\n"
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:!\r\nGS*HC*A*B*20240101*1200*1*X*005010X222A1!\r\nST*837*0001!\n"
        "SE*2*0001!\r\nGE*1*1!\nIEA*1*000000001!\n");
    x12_writer_free(w);
}
END_TEST

/* Without X12_COPY_KEEP_BREAKS the writer's own line break is used, and a
 * copy goes through the same envelope checks as x12_writer_end: a wrong SE01
 * in the source is refused in normal mode. */
START_TEST(test_copy_envelope_checks)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:~\r\nGS*HC*A*B*20240101*1200*1*X*005010X222A1~\r\n"
        "ST*837*0001~\r\nLX*1~\r\nSE*9*0001~\r\nGE*1*1~\r\nIEA*1*000000001~\r\n";
    x12_writer *w = mem_writer();

    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    ck_assert_int_eq(copy_all(w, in, 0), X12_EENVELOPE);
    ck_assert_str_eq(x12_error_message(x12_writer_last_error(w)),
                     "SE01 given as 9, the set has 3 segments");
    ck_assert_str_eq(mem(w),
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*"
        "00501*000000001*0*T*:~\nGS*HC*A*B*20240101*1200*1*X*005010X222A1~\n"
        "ST*837*0001~\nLX*1~\n");
    ck_assert_int_eq(x12_writer_copy(w, NULL, 0), X12_EINVAL);
    x12_writer_free(w);
}
END_TEST

/* ---- runner -------------------------------------------------------------------- */

static Suite *writer_suite(void)
{
    Suite *s = suite_create("writer");
    TCase *tc;

    tc = tcase_create("envelopes");
    tcase_add_test(tc, test_full_interchange);
    tcase_add_test(tc, test_counts_filled_and_agreeing);
    tcase_add_test(tc, test_control_number_counters);
    tcase_add_test(tc, test_wrong_counts_refused);
    tcase_add_test(tc, test_control_number_forms);
    tcase_add_test(tc, test_nesting);
    tcase_add_test(tc, test_segment_state);
    suite_add_tcase(s, tc);

    tc = tcase_create("elements");
    tcase_add_test(tc, test_trimming);
    tcase_add_test(tc, test_components_and_repetitions);
    tcase_add_test(tc, test_delimiter_in_data);
    tcase_add_test(tc, test_redelimited);
    tcase_add_test(tc, test_delimiters_invalid);
    tcase_add_test(tc, test_no_repetition_separator);
    tcase_add_test(tc, test_line_breaks);
    tcase_add_test(tc, test_numbers);
    suite_add_tcase(s, tc);

    tc = tcase_create("isa");
    tcase_add_test(tc, test_isa_padding);
    tcase_add_test(tc, test_isa_refusals);
    suite_add_tcase(s, tc);

    tc = tcase_create("verbatim");
    tcase_add_test(tc, test_verbatim);
    tcase_add_test(tc, test_verbatim_close);
    suite_add_tcase(s, tc);

    tc = tcase_create("output");
    tcase_add_test(tc, test_callback_sink);
    tcase_add_test(tc, test_callback_failure);
    tcase_add_test(tc, test_file_sink);
    tcase_add_test(tc, test_file_free_without_finish);
    tcase_add_test(tc, test_file_write_error);
    tcase_add_test(tc, test_output_choice);
    suite_add_tcase(s, tc);

    tc = tcase_create("resources");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_large_segments);
    tcase_add_test(tc, test_custom_allocator);
    tcase_add_test(tc, test_allocation_failures);
    tcase_add_test(tc, test_enomem_recovers);
    tcase_add_test(tc, test_null_handles);
    suite_add_tcase(s, tc);

    tc = tcase_create("copy");
    tcase_add_test(tc, test_copy_round_trip);
    tcase_add_test(tc, test_copy_round_trip_odd);
    tcase_add_test(tc, test_copy_redelimited);
    tcase_add_test(tc, test_copy_delimiter_position);
    tcase_add_test(tc, test_copy_keep_breaks_other_terminator);
    tcase_add_test(tc, test_copy_envelope_checks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(writer_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
