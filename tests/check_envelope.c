/*
 * Envelope rules (ISA/IEA, GS/GE, ST/SE): counts, control numbers, nesting,
 * missing trailers and control-number shapes, each located exactly (rule,
 * segment number counted across the interchange with ISA = 1, segment id,
 * element, message); the envelope context accessors; strict mode; turning
 * the checks off; the error handler; and a table of mutations of one clean
 * interchange.  Fixtures are small string literals built from the macros
 * below, so each test shows the bytes it reads.
 */
#include "testutil.h"

/* ---- fixtures ------------------------------------------------------------ */

/* A 106-byte ISA: every field at its fixed width, ISA06 "MY SENDER" padded
 * with six spaces, ISA13 = n (nine characters). */
#define ISA_N(n)                                                                  \
    "ISA*00*          *00*          *ZZ*MY SENDER      *ZZ*RECEIVER       *240101*" \
    "1200*^*00501*" n "*0*T*:~\n"
#define ISA1 ISA_N("000000001")
#define GS_N(n) "GS*HC*SENDER*RECEIVER*20240101*1200*" n "*X*005010X222A1~\n"
#define GS999_N(n) "GS*FA*RECEIVER*SENDER*20240102*0900*" n "*X*005010X231A1~\n"
#define ST_N(n) "ST*837*" n "*005010X222A1~\n"
#define ST999_N(n) "ST*999*" n "*005010X231A1~\n"
#define BHT "BHT*0019*00*REF1*20240101*1200*CH~\n"
#define NM1 "NM1*41*2*ACME BILLING*****46*123456789~\n"
#define AK1 "AK1*HC*1*005010X222A1~\n"
#define AK9 "AK9*A*1*1*1~\n"
#define SE_N(c, n) "SE*" c "*" n "~\n"
#define GE_N(c, n) "GE*" c "*" n "~\n"
#define IEA_N(c, n) "IEA*" c "*" n "~\n"

/* One interchange, one group, one set of three segments (segments 1-7). */
#define SMALL ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1") IEA_N("1", "000000001")

/*
 * The clean interchange most tests start from: two groups (an 837 group and
 * a 999 group) of two sets each.  Segment numbers:
 *   1 ISA  2 GS(1)  3 ST(0001) 4 BHT 5 SE
 *          6 ST(0002) 7 BHT 8 NM1 9 SE  10 GE
 *          11 GS(2) 12 ST(0003) 13 AK1 14 AK9 15 SE
 *          16 ST(0004) 17 AK1 18 AK9 19 SE  20 GE  21 IEA
 */
static const char CLEAN[] =
    ISA1
    GS_N("1")
    ST_N("0001") BHT SE_N("3", "0001")
    ST_N("0002") BHT NM1 SE_N("4", "0002")
    GE_N("2", "1")
    GS999_N("2")
    ST999_N("0003") AK1 AK9 SE_N("4", "0003")
    ST999_N("0004") AK1 AK9 SE_N("4", "0004")
    GE_N("2", "2")
    IEA_N("2", "000000001");

/* A second interchange with other delimiters: element '|', component '>',
 * repetition '^', terminator '!' (segments 1-7 of their own). */
#define ISA2_PIPE                                                                 \
    "ISA|00|          |00|          |ZZ|OTHER          |ZZ|RECEIVER       |240102|" \
    "1300|^|00501|000000002|0|T|>!\n"
#define PIPE_REST                                                                 \
    "GS|HC|OTHER|RECEIVER|20240102|1300|7|X|005010X222A1!\n"                      \
    "ST|837|0005|005010X222A1!\n"                                                 \
    "CLM|PCN1|100|||11>B>1!\n"                                                     \
    "SE|3|0005!\n"                                                                \
    "GE|1|7!\n"                                                                   \
    "IEA|1|000000002!\n"

/* ---- helpers ------------------------------------------------------------- */

/* The read_all_rules string of a NUL-terminated fixture; caller frees. */
static char *rules_of(const char *s)
{
    tbuf b = {0};

    read_all_rules(s, strlen(s), &b);
    return b.p;
}

#define ASSERT_RULES(text, want)                                                  \
    do {                                                                          \
        char *got_ = rules_of(text);                                              \
        ck_assert_str_eq(got_, want);                                             \
        free(got_);                                                               \
    } while (0)

/* Offset of the first occurrence of `needle` in the fixture. */
static uint64_t off_of(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);

    ck_assert_ptr_nonnull(p);
    return (uint64_t)(p - hay);
}

/* One diagnostic as it was handed out, with the call it came from: the id of
 * the segment the call returned, "END" for the X12_END call, "LAST" for the
 * error that made a call fail. */
typedef struct diag {
    char rule[40];
    uint64_t segno;
    char segid[8];
    unsigned elem;
    x12_severity sev;
    x12_status status;
    uint64_t offset;
    char msg[256];
    char call[8];
} diag;

enum { MAXD = 64 };

typedef struct run {
    diag d[MAXD];
    size_t n;
    x12_status final;   /* X12_END or the failing status */
    size_t segments;    /* segments handed out */
    uint64_t total_errors, total_warnings;
} run;

static void copy_diag(diag *d, const x12_error *e, const char *call)
{
    snprintf(d->rule, sizeof d->rule, "%s", x12_error_rule(e));
    d->segno = x12_error_segment_number(e);
    snprintf(d->segid, sizeof d->segid, "%s", x12_error_segment_id(e));
    d->elem = x12_error_element(e);
    d->sev = x12_error_severity(e);
    d->status = x12_error_status(e);
    d->offset = x12_error_offset(e);
    snprintf(d->msg, sizeof d->msg, "%s", x12_error_message(e));
    snprintf(d->call, sizeof d->call, "%s", call);
}

/* Reads a fixture to X12_END or to a fatal error, collecting every
 * diagnostic from the per-call lists and from x12_reader_last_error. */
static void collect(const char *text, int strict, int checks, run *out)
{
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    size_t i;

    memset(out, 0, sizeof *out);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_STRICT, (uint64_t)strict), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, (uint64_t)checks),
                     X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, text, strlen(text)), X12_OK);
    for (;;) {
        char call[8];
        st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            x12_str id = x12_segment_id(seg);
            snprintf(call, sizeof call, "%.*s", (int)(id.len < 3 ? id.len : 3), id.ptr);
            out->segments++;
        } else {
            snprintf(call, sizeof call, "%s", st == X12_END ? "END" : "ERR");
        }
        for (i = 0; i < x12_reader_error_count(r); i++) {
            ck_assert_uint_lt(out->n, MAXD);
            copy_diag(&out->d[out->n++], x12_reader_error_at(r, i), call);
        }
        if (st == X12_OK)
            continue;
        if (st == X12_END)
            break;
        ck_assert_ptr_nonnull(x12_reader_last_error(r));
        ck_assert_uint_lt(out->n, MAXD);
        copy_diag(&out->d[out->n++], x12_reader_last_error(r), "LAST");
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    out->final = st;
    out->total_errors = x12_reader_total_errors(r);
    out->total_warnings = x12_reader_total_warnings(r);
    x12_reader_free(r);
}

/* Asserts everything about one diagnostic. */
static void assert_diag(const diag *d, const char *rule, uint64_t segno, const char *segid,
                        unsigned elem, const char *call, const char *msg)
{
    ck_assert_str_eq(d->rule, rule);
    ck_assert_uint_eq(d->segno, segno);
    ck_assert_str_eq(d->segid, segid);
    ck_assert_uint_eq(d->elem, elem);
    ck_assert_str_eq(d->call, call);
    if (msg != NULL)
        ck_assert_str_eq(d->msg, msg);
}

/* An envelope error: status X12_EENVELOPE, severity error. */
static void assert_env_error(const diag *d, const char *rule, uint64_t segno,
                             const char *segid, unsigned elem, const char *call,
                             const char *msg)
{
    assert_diag(d, rule, segno, segid, elem, call, msg);
    ck_assert_int_eq(d->status, X12_EENVELOPE);
    ck_assert_int_eq(d->sev, X12_SEV_ERROR);
}

/* Runs a fixture that must give exactly one envelope error. */
static void one_error(const char *text, const char *rule, uint64_t segno, const char *segid,
                      unsigned elem, const char *msg, const char *at)
{
    run rn;

    collect(text, 0, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.n, 1);
    assert_env_error(&rn.d[0], rule, segno, segid, elem, segid[0] ? segid : "END", msg);
    if (at != NULL)
        ck_assert_uint_eq(rn.d[0].offset, off_of(text, at));
    ck_assert_uint_eq(rn.total_errors, 1);
    ck_assert_uint_eq(rn.total_warnings, 0);
}

/* ---- clean input and the context accessors ------------------------------ */

/* Two groups of two sets each, every count and control number right: no
 * diagnostic at all, and all 21 segments are handed out. */
START_TEST(clean_two_groups)
{
    run rn;

    ASSERT_RULES(CLEAN, "");
    collect(CLEAN, 0, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.n, 0);
    ck_assert_uint_eq(rn.segments, 21);
    ck_assert_uint_eq(rn.total_errors, 0);
    ck_assert_uint_eq(rn.total_warnings, 0);
    /* Strict mode reads it to the end as well. */
    collect(CLEAN, 1, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.segments, 21);
}
END_TEST

/* What the envelope accessors must say at one segment. */
typedef struct ctx_expect {
    uint64_t segno;
    const char *id;
    int in_isa, in_gs, in_st;
    uint64_t set_pos;
    const char *isa06, *isa13, *gs06, *gs08, *st01, *st02, *st03;
    /* X12_COUNT_INTERCHANGES .. X12_COUNT_TOTAL_SEGMENTS; ANY: not checked */
    uint64_t count[8];
} ctx_expect;

/* "Sets in the current group" has no documented value on IEA, which is
 * outside every group; the table does not pin it there. */
#define ANY UINT64_MAX

static void check_ctx(const x12_reader *r, const x12_segment *seg, const ctx_expect *x)
{
    const x12_envelope *env = x12_reader_envelope(r);
    x12_str id = x12_segment_id(seg);
    char buf[64];
    int i;
    static const struct {
        x12_env_field f;
        size_t off;
    } fields[] = {
        {X12_ENV_ISA06, offsetof(ctx_expect, isa06)}, {X12_ENV_ISA13, offsetof(ctx_expect, isa13)},
        {X12_ENV_GS06, offsetof(ctx_expect, gs06)},   {X12_ENV_GS08, offsetof(ctx_expect, gs08)},
        {X12_ENV_ST01, offsetof(ctx_expect, st01)},   {X12_ENV_ST02, offsetof(ctx_expect, st02)},
        {X12_ENV_ST03, offsetof(ctx_expect, st03)},
    };

    ck_assert_ptr_nonnull(env);
    ck_assert_uint_eq(x12_segment_number(seg), x->segno);
    ck_assert_int_eq((int)id.len, (int)strlen(x->id));
    ck_assert(memcmp(id.ptr, x->id, id.len) == 0);
    ck_assert_int_eq(x12_envelope_in_interchange(env), x->in_isa);
    ck_assert_int_eq(x12_envelope_in_group(env), x->in_gs);
    ck_assert_int_eq(x12_envelope_in_set(env), x->in_st);
    ck_assert_uint_eq(x12_segment_set_position(seg), x->set_pos);
    for (i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++) {
        const char *want = *(const char *const *)((const char *)x + fields[i].off);
        x12_str v = x12_envelope_get(env, fields[i].f);
        ck_assert_ptr_nonnull(v.ptr);
        snprintf(buf, sizeof buf, "%.*s", (int)v.len, v.ptr);
        ck_assert_msg(strcmp(buf, want) == 0, "segment %llu field %d: got '%s', want '%s'",
                      (unsigned long long)x->segno, (int)fields[i].f, buf, want);
    }
    for (i = 0; i < 8; i++)
        ck_assert_msg(x->count[i] == ANY ||
                          x12_envelope_count(env, (x12_env_count)(i + 1)) == x->count[i],
                      "segment %llu count %d: got %llu, want %llu",
                      (unsigned long long)x->segno, i + 1,
                      (unsigned long long)x12_envelope_count(env, (x12_env_count)(i + 1)),
                      (unsigned long long)x->count[i]);
}

#define P837 "005010X222A1"
#define P999 "005010X231A1"

/* Expected context at every segment of CLEAN followed by SMALL with ISA13
 * 000000002 (segments 22-28 of the input).  Columns: segno id, in ISA/GS/ST,
 * set position, ISA06 ISA13 GS06 GS08 ST01 ST02 ST03, counts interchanges
 * groups sets set-segments segments total-groups total-sets total-segments. */
static const ctx_expect clean_ctx[] = {
    {1, "ISA", 1, 0, 0, 0, "MY SENDER", "000000001", "", "", "", "", "", {1, 0, 0, 0, 1, 0, 0, 1}},
    {2, "GS", 1, 1, 0, 0, "MY SENDER", "000000001", "1", P837, "", "", "", {1, 1, 0, 0, 2, 1, 0, 2}},
    {3, "ST", 1, 1, 1, 1, "MY SENDER", "000000001", "1", P837, "837", "0001", P837, {1, 1, 1, 1, 3, 1, 1, 3}},
    {4, "BHT", 1, 1, 1, 2, "MY SENDER", "000000001", "1", P837, "837", "0001", P837, {1, 1, 1, 2, 4, 1, 1, 4}},
    /* SE is inside its set: ST fields and the set count still apply. */
    {5, "SE", 1, 1, 1, 3, "MY SENDER", "000000001", "1", P837, "837", "0001", P837, {1, 1, 1, 3, 5, 1, 1, 5}},
    {6, "ST", 1, 1, 1, 1, "MY SENDER", "000000001", "1", P837, "837", "0002", P837, {1, 1, 2, 1, 6, 1, 2, 6}},
    {7, "BHT", 1, 1, 1, 2, "MY SENDER", "000000001", "1", P837, "837", "0002", P837, {1, 1, 2, 2, 7, 1, 2, 7}},
    {8, "NM1", 1, 1, 1, 3, "MY SENDER", "000000001", "1", P837, "837", "0002", P837, {1, 1, 2, 3, 8, 1, 2, 8}},
    {9, "SE", 1, 1, 1, 4, "MY SENDER", "000000001", "1", P837, "837", "0002", P837, {1, 1, 2, 4, 9, 1, 2, 9}},
    /* The segment after SE is outside the set; GE is inside its group. */
    {10, "GE", 1, 1, 0, 0, "MY SENDER", "000000001", "1", P837, "", "", "", {1, 1, 2, 0, 10, 1, 2, 10}},
    {11, "GS", 1, 1, 0, 0, "MY SENDER", "000000001", "2", P999, "", "", "", {1, 2, 0, 0, 11, 2, 2, 11}},
    {12, "ST", 1, 1, 1, 1, "MY SENDER", "000000001", "2", P999, "999", "0003", P999, {1, 2, 1, 1, 12, 2, 3, 12}},
    {13, "AK1", 1, 1, 1, 2, "MY SENDER", "000000001", "2", P999, "999", "0003", P999, {1, 2, 1, 2, 13, 2, 3, 13}},
    {14, "AK9", 1, 1, 1, 3, "MY SENDER", "000000001", "2", P999, "999", "0003", P999, {1, 2, 1, 3, 14, 2, 3, 14}},
    {15, "SE", 1, 1, 1, 4, "MY SENDER", "000000001", "2", P999, "999", "0003", P999, {1, 2, 1, 4, 15, 2, 3, 15}},
    {16, "ST", 1, 1, 1, 1, "MY SENDER", "000000001", "2", P999, "999", "0004", P999, {1, 2, 2, 1, 16, 2, 4, 16}},
    {17, "AK1", 1, 1, 1, 2, "MY SENDER", "000000001", "2", P999, "999", "0004", P999, {1, 2, 2, 2, 17, 2, 4, 17}},
    {18, "AK9", 1, 1, 1, 3, "MY SENDER", "000000001", "2", P999, "999", "0004", P999, {1, 2, 2, 3, 18, 2, 4, 18}},
    {19, "SE", 1, 1, 1, 4, "MY SENDER", "000000001", "2", P999, "999", "0004", P999, {1, 2, 2, 4, 19, 2, 4, 19}},
    {20, "GE", 1, 1, 0, 0, "MY SENDER", "000000001", "2", P999, "", "", "", {1, 2, 2, 0, 20, 2, 4, 20}},
    /* IEA is inside the interchange, outside every group. */
    {21, "IEA", 1, 0, 0, 0, "MY SENDER", "000000001", "", "", "", "", "", {1, 2, ANY, 0, 21, 2, 4, 21}},
    /* A new ISA: numbers restart at 1, per-interchange counts restart,
     * totals go on. */
    {1, "ISA", 1, 0, 0, 0, "MY SENDER", "000000002", "", "", "", "", "", {2, 0, 0, 0, 1, 2, 4, 22}},
    {2, "GS", 1, 1, 0, 0, "MY SENDER", "000000002", "1", P837, "", "", "", {2, 1, 0, 0, 2, 3, 4, 23}},
    {3, "ST", 1, 1, 1, 1, "MY SENDER", "000000002", "1", P837, "837", "0001", P837, {2, 1, 1, 1, 3, 3, 5, 24}},
    {4, "BHT", 1, 1, 1, 2, "MY SENDER", "000000002", "1", P837, "837", "0001", P837, {2, 1, 1, 2, 4, 3, 5, 25}},
    {5, "SE", 1, 1, 1, 3, "MY SENDER", "000000002", "1", P837, "837", "0001", P837, {2, 1, 1, 3, 5, 3, 5, 26}},
    {6, "GE", 1, 1, 0, 0, "MY SENDER", "000000002", "1", P837, "", "", "", {2, 1, 1, 0, 6, 3, 5, 27}},
    {7, "IEA", 1, 0, 0, 0, "MY SENDER", "000000002", "", "", "", "", "", {2, 1, ANY, 0, 7, 3, 5, 28}},
};

/* The accessors give the exact fields, counts, in_* flags and set positions
 * at every segment of two interchanges (SE/GE/IEA count as inside, the next
 * segment as outside; numbers restart at each ISA). */
START_TEST(context_at_every_segment)
{
    static const char in[] =
        ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001") ST_N("0002") BHT NM1
        SE_N("4", "0002") GE_N("2", "1") GS999_N("2") ST999_N("0003") AK1 AK9
        SE_N("4", "0003") ST999_N("0004") AK1 AK9 SE_N("4", "0004") GE_N("2", "2")
        IEA_N("2", "000000001")
        ISA_N("000000002") GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1")
        IEA_N("1", "000000002");
    x12_reader *r;
    const x12_segment *seg;
    const x12_envelope *env;
    size_t k = 0;
    x12_status st;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    /* Before the first segment: outside everything, nothing counted. */
    env = x12_reader_envelope(r);
    ck_assert_ptr_nonnull(env);
    ck_assert_int_eq(x12_envelope_in_interchange(env), 0);
    ck_assert_uint_eq(x12_envelope_count(env, X12_COUNT_INTERCHANGES), 0);
    ck_assert_uint_eq(x12_envelope_get(env, X12_ENV_ISA13).len, 0);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        ck_assert_uint_lt(k, sizeof clean_ctx / sizeof clean_ctx[0]);
        ck_assert_uint_eq(x12_reader_error_count(r), 0);
        check_ctx(r, seg, &clean_ctx[k]);
        k++;
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(k, sizeof clean_ctx / sizeof clean_ctx[0]);
    /* After the end: outside every envelope; totals stay. */
    env = x12_reader_envelope(r);
    ck_assert_int_eq(x12_envelope_in_interchange(env), 0);
    ck_assert_int_eq(x12_envelope_in_group(env), 0);
    ck_assert_int_eq(x12_envelope_in_set(env), 0);
    ck_assert_uint_eq(x12_envelope_count(env, X12_COUNT_INTERCHANGES), 2);
    ck_assert_uint_eq(x12_envelope_count(env, X12_COUNT_TOTAL_GROUPS), 3);
    ck_assert_uint_eq(x12_envelope_count(env, X12_COUNT_TOTAL_SETS), 5);
    ck_assert_uint_eq(x12_envelope_count(env, X12_COUNT_TOTAL_SEGMENTS), 28);
    ck_assert_uint_eq(x12_envelope_count(env, X12_COUNT_SET_SEGMENTS), 0);
    x12_reader_free(r);
}
END_TEST

/* The remaining ISA fields are kept too (ISA08 trimmed like ISA06), and an
 * unknown field or count gives an empty view / 0 rather than failing. */
START_TEST(context_other_fields)
{
    x12_reader *r;
    const x12_segment *seg;
    const x12_envelope *env;
    x12_str v;
    static const struct {
        x12_env_field f;
        const char *want;
    } at_st[] = {
        {X12_ENV_ISA05, "ZZ"},       {X12_ENV_ISA06, "MY SENDER"}, {X12_ENV_ISA07, "ZZ"},
        {X12_ENV_ISA08, "RECEIVER"}, {X12_ENV_ISA09, "240101"},    {X12_ENV_ISA10, "1200"},
        {X12_ENV_ISA12, "00501"},    {X12_ENV_ISA13, "000000001"}, {X12_ENV_ISA14, "0"},
        {X12_ENV_ISA15, "T"},        {X12_ENV_GS01, "HC"},         {X12_ENV_GS02, "SENDER"},
        {X12_ENV_GS03, "RECEIVER"},  {X12_ENV_GS04, "20240101"},   {X12_ENV_GS05, "1200"},
        {X12_ENV_GS06, "1"},         {X12_ENV_GS08, P837},         {X12_ENV_ST01, "837"},
        {X12_ENV_ST02, "0001"},      {X12_ENV_ST03, P837},
    };
    size_t i;
    char buf[64];

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, SMALL, strlen(SMALL)), X12_OK);
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    env = x12_reader_envelope(r);
    for (i = 0; i < sizeof at_st / sizeof at_st[0]; i++) {
        v = x12_envelope_get(env, at_st[i].f);
        snprintf(buf, sizeof buf, "%.*s", (int)v.len, v.ptr);
        ck_assert_str_eq(buf, at_st[i].want);
    }
    v = x12_envelope_get(env, (x12_env_field)0);
    ck_assert_ptr_nonnull(v.ptr);
    ck_assert_uint_eq(v.len, 0);
    v = x12_envelope_get(env, (x12_env_field)999);
    ck_assert_ptr_nonnull(v.ptr);
    ck_assert_uint_eq(v.len, 0);
    ck_assert_uint_eq(x12_envelope_count(env, (x12_env_count)0), 0);
    ck_assert_uint_eq(x12_envelope_count(env, (x12_env_count)99), 0);
    /* NULL is tolerated by every accessor. */
    ck_assert_uint_eq(x12_envelope_get(NULL, X12_ENV_ISA13).len, 0);
    ck_assert_uint_eq(x12_envelope_count(NULL, X12_COUNT_SEGMENTS), 0);
    ck_assert_int_eq(x12_envelope_in_interchange(NULL), 0);
    ck_assert_int_eq(x12_envelope_in_group(NULL), 0);
    ck_assert_int_eq(x12_envelope_in_set(NULL), 0);
    x12_reader_free(r);
}
END_TEST

/* Set positions: 1 at ST, counting to SE, 0 for GS/GE/ISA/IEA. */
START_TEST(set_positions)
{
    static const uint64_t want[21] = {0, 0, 1, 2, 3, 1, 2, 3, 4, 0, 0,
                                      1, 2, 3, 4, 1, 2, 3, 4, 0, 0};
    x12_reader *r;
    const x12_segment *seg;
    size_t k = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, CLEAN, strlen(CLEAN)), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK) {
        ck_assert_uint_lt(k, 21);
        ck_assert_uint_eq(x12_segment_number(seg), k + 1);
        ck_assert_uint_eq(x12_segment_set_position(seg), want[k]);
        k++;
    }
    ck_assert_uint_eq(k, 21);
    x12_reader_free(r);
}
END_TEST

/* Counts are numbers, not strings: zero-padded 10-digit (and 20-digit)
 * SE01/GE01/IEA01 values equal to the count are accepted. */
START_TEST(count_with_leading_zeros)
{
    ASSERT_RULES(ISA1 GS_N("1") ST_N("0001") BHT SE_N("0000000003", "0001")
                 GE_N("0000000001", "1") IEA_N("00000000000000000001", "000000001"),
                 "");
}
END_TEST

/* ---- counts and control numbers ------------------------------------------ */

/* SE01 must count ST..SE inclusive: 4 given, 3 counted, located on SE01. */
START_TEST(se01_count)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("4", "0001")
        GE_N("1", "1") IEA_N("1", "000000001");
    one_error(in, "se01-count", 5, "SE", 1, "SE01 says 4 segments, counted 3", "SE*4");
}
END_TEST

/* SE01 one short (ST..SE exclusive of SE is a common mistake) is caught too. */
START_TEST(se01_count_short)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("2", "0001")
        GE_N("1", "1") IEA_N("1", "000000001");
    one_error(in, "se01-count", 5, "SE", 1, "SE01 says 2 segments, counted 3", "SE*2");
}
END_TEST

/* SE02 must repeat ST02. */
START_TEST(se02_control)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0009")
        GE_N("1", "1") IEA_N("1", "000000001");
    one_error(in, "se02-control", 5, "SE", 2, "SE02 '0009' does not match ST02 '0001'",
              "SE*3");
}
END_TEST

/* GE01 must count the group's ST segments. */
START_TEST(ge01_count)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("2", "1") IEA_N("1", "000000001");
    one_error(in, "ge01-count", 6, "GE", 1, "GE01 says 2 transaction sets, counted 1",
              "GE*2");
}
END_TEST

/* GE02 must repeat GS06. */
START_TEST(ge02_control)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "2") IEA_N("1", "000000001");
    one_error(in, "ge02-control", 6, "GE", 2, "GE02 '2' does not match GS06 '1'", "GE*1*2");
}
END_TEST

/* IEA01 must count the interchange's GS segments. */
START_TEST(iea01_count)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") IEA_N("3", "000000001");
    one_error(in, "iea01-count", 7, "IEA", 1, "IEA01 says 3 functional groups, counted 1",
              "IEA*");
}
END_TEST

/* IEA02 must repeat ISA13. */
START_TEST(iea02_control)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") IEA_N("1", "000000002");
    one_error(in, "iea02-control", 7, "IEA", 2,
              "IEA02 '000000002' does not match ISA13 '000000001'", "IEA*");
}
END_TEST

/* A count and a control number wrong on the same segment: both reported,
 * count first. */
START_TEST(count_and_control_same_segment)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("9", "0002")
        GE_N("1", "1") IEA_N("1", "000000001");
    run rn;

    collect(in, 0, 1, &rn);
    ck_assert_uint_eq(rn.n, 2);
    assert_env_error(&rn.d[0], "se01-count", 5, "SE", 1, "SE", "SE01 says 9 segments, counted 3");
    assert_env_error(&rn.d[1], "se02-control", 5, "SE", 2, "SE",
                     "SE02 '0002' does not match ST02 '0001'");
}
END_TEST

/* Counts that are not numbers (letters, empty, too big for 64 bits) are
 * errors of the count rule with their own message. */
START_TEST(non_numeric_counts)
{
    static const char se[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3A", "0001")
        GE_N("1", "1") IEA_N("1", "000000001");
    static const char ge[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        "GE**1~\n" IEA_N("1", "000000001");
    static const char iea[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") IEA_N("-1", "000000001");
    static const char big[] = ISA1 GS_N("1") ST_N("0001") BHT
        SE_N("18446744073709551619", "0001") GE_N("1", "1") IEA_N("1", "000000001");

    one_error(se, "se01-count", 5, "SE", 1, "SE01 '3A' is not a number; counted 3 segments",
              "SE*3A");
    one_error(ge, "ge01-count", 6, "GE", 1,
              "GE01 '' is not a number; counted 1 transaction sets", "GE**");
    /* Quoted only when shaped like a count (capitals and digits, at most
     * SE01's 10): a sign, or 20 digits, are described by their length. */
    one_error(iea, "iea01-count", 7, "IEA", 1,
              "IEA01 (a value of 2 characters) is not a number; counted 1 functional groups",
              "IEA*");
    one_error(big, "se01-count", 5, "SE", 1,
              "SE01 (a value of 20 characters) is not a number; counted 3 segments", "SE*");
}
END_TEST

/* ---- control-number shapes ------------------------------------------------ */

/* ISA13 must be nine digits: a letter in it is an error on ISA13 (the width
 * is right, so no warning). */
START_TEST(isa13_not_digits)
{
    static const char in[] = ISA_N("00000000A") GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") IEA_N("1", "00000000A");
    one_error(in, "control-number", 1, "ISA", 13,
              "ISA13 '00000000A' is not a 9-digit control number", NULL);
}
END_TEST

/* An eight-digit ISA13 gives the width warning and the control-number error,
 * both on segment 1; IEA02 matching it is fine. */
START_TEST(isa13_too_short)
{
    static const char in[] = ISA_N("12345678") GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") IEA_N("1", "12345678");
    run rn;

    ASSERT_RULES(in, "isa-width@1:ISA;control-number@1:ISA;");
    collect(in, 0, 1, &rn);
    ck_assert_uint_eq(rn.n, 2);
    assert_diag(&rn.d[0], "isa-width", 1, "ISA", 13, "ISA",
                "ISA13 is 8 characters wide, the standard fixes it at 9");
    ck_assert_int_eq(rn.d[0].sev, X12_SEV_WARNING);
    assert_env_error(&rn.d[1], "control-number", 1, "ISA", 13, "ISA",
                     "ISA13 '12345678' is not a 9-digit control number");
    ck_assert_uint_eq(rn.total_warnings, 1);
    ck_assert_uint_eq(rn.total_errors, 1);
}
END_TEST

/* GS06 must be 1-9 digits: letters and ten digits are both errors. */
START_TEST(gs06_shape)
{
    static const char alpha[] = ISA1 GS_N("A1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "A1") IEA_N("1", "000000001");
    static const char ten[] = ISA1 GS_N("1234567890") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1234567890") IEA_N("1", "000000001");
    static const char nine[] = ISA1 GS_N("123456789") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "123456789") IEA_N("1", "000000001");

    one_error(alpha, "control-number", 2, "GS", 6,
              "GS06 'A1' is not a control number of 1-9 digits", "GS*");
    /* longer than a control number can be: described, not quoted */
    one_error(ten, "control-number", 2, "GS", 6,
              "GS06 (a value of 10 characters) is not a control number of 1-9 digits", "GS*");
    ASSERT_RULES(nine, "");
}
END_TEST

/* ST02 must be 4-9 characters: three and ten are errors, four and nine
 * (letters allowed) are fine. */
START_TEST(st02_shape)
{
    static const char three[] = ISA1 GS_N("1") ST_N("123") BHT SE_N("3", "123")
        GE_N("1", "1") IEA_N("1", "000000001");
    static const char ten[] = ISA1 GS_N("1") ST_N("1234567890") BHT SE_N("3", "1234567890")
        GE_N("1", "1") IEA_N("1", "000000001");
    static const char ok[] = ISA1 GS_N("1") ST_N("A001") BHT SE_N("3", "A001")
        ST_N("123456789") BHT SE_N("3", "123456789") GE_N("2", "1") IEA_N("1", "000000001");

    one_error(three, "control-number", 3, "ST", 2,
              "ST02 '123' is not a control number of 4-9 characters", "ST*");
    one_error(ten, "control-number", 3, "ST", 2,
              "ST02 (a value of 10 characters) is not a control number of 4-9 characters",
              "ST*");
    ASSERT_RULES(ok, "");
}
END_TEST

/* ---- nesting -------------------------------------------------------------- */

/* ST with no GS before it in the interchange. */
START_TEST(st_outside_group)
{
    static const char in[] = ISA1 ST_N("0001") BHT SE_N("3", "0001") IEA_N("0", "000000001");
    one_error(in, "nesting", 2, "ST", 0, "ST outside a functional group (no GS before it)",
              "ST*");
}
END_TEST

/* A segment between GS and ST, and one between SE and GE, are outside any
 * transaction set. */
START_TEST(segment_outside_set)
{
    static const char in[] = ISA1 GS_N("1") BHT ST_N("0001") BHT SE_N("3", "0001")
        "REF*EI*1~\n" GE_N("1", "1") IEA_N("1", "000000001");
    run rn;

    collect(in, 0, 1, &rn);
    ck_assert_uint_eq(rn.n, 2);
    assert_env_error(&rn.d[0], "nesting", 3, "BHT", 0, "BHT",
                     "segment BHT is outside a transaction set (ST..SE)");
    ck_assert_uint_eq(rn.d[0].offset, off_of(in, "BHT"));
    assert_env_error(&rn.d[1], "nesting", 7, "REF", 0, "REF",
                     "segment REF is outside a transaction set (ST..SE)");
}
END_TEST

/* Issue 20: a segment id not of X12's shape may be data (a name and a
 * member id run together): the record shows "?" and the message says what
 * is outside the set without quoting a byte of it. */
START_TEST(malformed_id_outside_set_not_quoted)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        "SMITHJOHN123456789*X~\n~\n" GE_N("1", "1") IEA_N("1", "000000001");
    run rn;
    size_t i, nesting = 0;

    collect(in, 0, 1, &rn);
    for (i = 0; i < rn.n; i++) {
        ck_assert_msg(strstr(rn.d[i].msg, "SMITH") == NULL && strstr(rn.d[i].msg, "JOHN") == NULL &&
                          strstr(rn.d[i].msg, "456789") == NULL,
                      "quoted: %s", rn.d[i].msg);
        if (strcmp(rn.d[i].rule, "nesting") != 0)
            continue;
        nesting++;
        if (rn.d[i].segno == 6) {
            assert_env_error(&rn.d[i], "nesting", 6, "?", 0, "SMI",
                             "a segment whose id is not 2-3 capital letters or digits is "
                             "outside a transaction set (ST..SE)");
        } else {
            assert_env_error(&rn.d[i], "nesting", 7, "", 0, "",
                             "a segment with an empty id is outside a transaction set "
                             "(ST..SE)");
        }
    }
    ck_assert_uint_eq(nesting, 2);
}
END_TEST

/* SE with no open ST, GE with no open GS. */
START_TEST(trailer_without_header)
{
    static const char se[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        SE_N("3", "0001") GE_N("1", "1") IEA_N("1", "000000001");
    static const char ge[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") GE_N("1", "1") IEA_N("1", "000000001");

    one_error(se, "nesting", 6, "SE", 0, "SE without a matching ST", NULL);
    one_error(ge, "nesting", 7, "GE", 0, "GE without a matching GS", NULL);
}
END_TEST

/* A GS after the IEA is not inside any interchange: the reader reports it as
 * data after IEA (rule "after-iea", a syntax error located at the skipped
 * bytes, segment number 0), skips to the next ISA and goes on there. */
START_TEST(gs_after_iea)
{
    static const char in[] = SMALL GS_N("2") ST_N("0002") BHT SE_N("3", "0002") GE_N("1", "2")
        ISA_N("000000002") GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1")
        IEA_N("1", "000000002");
    run rn;

    ASSERT_RULES(in, "after-iea@0:GS;");
    collect(in, 0, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.n, 1);
    assert_diag(&rn.d[0], "after-iea", 0, "GS", 0, "LAST",
                "data after IEA that is not a new ISA: skipped to the next ISA");
    ck_assert_int_eq(rn.d[0].status, X12_ESYNTAX);
    ck_assert_int_eq(rn.d[0].sev, X12_SEV_ERROR);
    ck_assert_uint_eq(rn.d[0].offset, off_of(in, "GS*HC*SENDER*RECEIVER*20240101*1200*2*"));
    /* The skipped group is not handed out: 7 + 7 segments. */
    ck_assert_uint_eq(rn.segments, 14);
}
END_TEST

/* ---- missing trailers ----------------------------------------------------- */

/* A second ISA while the first interchange is still open: the missing IEA is
 * reported on the new ISA (segment 1), and the second interchange is read. */
START_TEST(isa_before_iea)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1")
        ISA_N("000000002") GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1")
        IEA_N("1", "000000002");
    run rn;

    collect(in, 0, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.segments, 13);
    ck_assert_uint_eq(rn.n, 1);
    assert_env_error(&rn.d[0], "missing-trailer", 1, "ISA", 0, "ISA",
                     "ISA before IEA: interchange ISA13 '000000001' has no IEA");
    ck_assert_uint_eq(rn.d[0].offset, off_of(in, "ISA*00*          *00*          *ZZ*MY SENDER"
                                                 "      *ZZ*RECEIVER       *240101*1200*^*"
                                                 "00501*000000002"));
}
END_TEST

/* The first interchange stops after a BHT (no SE, GE, IEA); the second uses
 * other delimiters.  Three missing trailers on the new ISA, innermost first,
 * and the reader learns the new delimiters: the second interchange splits
 * correctly and has no diagnostics. */
START_TEST(isa_before_iea_new_delimiters)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT ISA2_PIPE PIPE_REST;
    x12_reader *r;
    const x12_segment *seg;
    x12_delimiters d;
    x12_str v;
    run rn;

    collect(in, 0, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.segments, 4 + 7);
    ck_assert_uint_eq(rn.n, 3);
    assert_env_error(&rn.d[0], "missing-trailer", 1, "ISA", 0, "ISA",
                     "ISA before IEA: transaction set ST02 '0001' has no SE");
    assert_env_error(&rn.d[1], "missing-trailer", 1, "ISA", 0, "ISA",
                     "ISA before IEA: functional group GS06 '1' has no GE");
    assert_env_error(&rn.d[2], "missing-trailer", 1, "ISA", 0, "ISA",
                     "ISA before IEA: interchange ISA13 '000000001' has no IEA");
    ck_assert_uint_eq(rn.d[0].offset, off_of(in, "ISA|"));

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    /* Segment 5 of the input is the second ISA, numbered 1. */
    ck_assert_uint_eq(x12_segment_number(seg), 1);
    ck_assert_int_eq(x12_reader_delimiters(r, &d), X12_OK);
    ck_assert_int_eq(d.element, '|');
    ck_assert_int_eq(d.component, '>');
    ck_assert_int_eq(d.repetition, '^');
    ck_assert_int_eq(d.segment, '!');
    v = x12_envelope_get(x12_reader_envelope(r), X12_ENV_ISA13);
    ck_assert_int_eq((int)v.len, 9);
    ck_assert(memcmp(v.ptr, "000000002", 9) == 0);
    ck_assert_uint_eq(x12_envelope_get(x12_reader_envelope(r), X12_ENV_ST02).len, 0);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK); /* GS */
    ck_assert_uint_eq(x12_segment_number(seg), 2);
    v = x12_segment_element(seg, 6);
    ck_assert_int_eq((int)v.len, 1);
    ck_assert_int_eq(v.ptr[0], '7');
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK); /* ST */
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK); /* CLM */
    ck_assert_uint_eq(x12_segment_set_position(seg), 2);
    v = x12_segment_component(seg, 5, 3);
    ck_assert_int_eq((int)v.len, 1);
    ck_assert_int_eq(v.ptr[0], '1');
    x12_reader_free(r);
}
END_TEST

/* A second ST before the first one's SE. */
START_TEST(st_before_se)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT ST_N("0002") BHT
        SE_N("3", "0002") GE_N("2", "1") IEA_N("1", "000000001");
    one_error(in, "missing-trailer", 5, "ST", 0,
              "ST before SE: transaction set ST02 '0001' has no SE", "ST*837*0002");
}
END_TEST

/* A second GS before the first group's GE (its set was closed). */
START_TEST(gs_before_ge)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GS_N("2")
        ST_N("0002") BHT SE_N("3", "0002") GE_N("1", "2") IEA_N("2", "000000001");
    one_error(in, "missing-trailer", 6, "GS", 0,
              "GS before GE: functional group GS06 '1' has no GE", "GS*HC*SENDER*RECEIVER*20240101*1200*2");
}
END_TEST

/* GE while the set is open: the set's SE is missing; the set still counts
 * for GE01. */
START_TEST(ge_before_se)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT GE_N("1", "1")
        IEA_N("1", "000000001");
    one_error(in, "missing-trailer", 5, "GE", 0,
              "GE before SE: transaction set ST02 '0001' has no SE", "GE*");
}
END_TEST

/* IEA while a group (and a set) are open: both reported on the IEA,
 * innermost first; the open group still counts for IEA01. */
START_TEST(iea_before_ge)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT IEA_N("1", "000000001");
    static const char in2[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        IEA_N("1", "000000001");
    run rn;

    collect(in, 0, 1, &rn);
    ck_assert_uint_eq(rn.n, 2);
    assert_env_error(&rn.d[0], "missing-trailer", 5, "IEA", 0, "IEA",
                     "IEA before GE: transaction set ST02 '0001' has no SE");
    assert_env_error(&rn.d[1], "missing-trailer", 5, "IEA", 0, "IEA",
                     "IEA before GE: functional group GS06 '1' has no GE");
    one_error(in2, "missing-trailer", 6, "IEA", 0,
              "IEA before GE: functional group GS06 '1' has no GE", "IEA*");
}
END_TEST

/* The input ends inside a set: SE, GE and IEA are missing, reported on the
 * X12_END call, innermost first, with no segment (number 0, id ""). */
START_TEST(end_inside_set)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT;
    run rn;

    ASSERT_RULES(in, "missing-trailer@0:;missing-trailer@0:;missing-trailer@0:;");
    collect(in, 0, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.n, 3);
    assert_env_error(&rn.d[0], "missing-trailer", 0, "", 0, "END",
                     "end of input: transaction set ST02 '0001' has no SE");
    assert_env_error(&rn.d[1], "missing-trailer", 0, "", 0, "END",
                     "end of input: functional group GS06 '1' has no GE");
    assert_env_error(&rn.d[2], "missing-trailer", 0, "", 0, "END",
                     "end of input: interchange ISA13 '000000001' has no IEA");
    ck_assert_uint_eq(rn.d[0].offset, strlen(in));
}
END_TEST

/* The input ends inside a group (after SE), and inside an interchange
 * (after GE). */
START_TEST(end_inside_group_and_interchange)
{
    static const char grp[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001");
    static const char icg[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1");
    run rn;

    collect(grp, 0, 1, &rn);
    ck_assert_uint_eq(rn.n, 2);
    assert_env_error(&rn.d[0], "missing-trailer", 0, "", 0, "END",
                     "end of input: functional group GS06 '1' has no GE");
    assert_env_error(&rn.d[1], "missing-trailer", 0, "", 0, "END",
                     "end of input: interchange ISA13 '000000001' has no IEA");
    one_error(icg, "missing-trailer", 0, "", 0,
              "end of input: interchange ISA13 '000000001' has no IEA", NULL);
}
END_TEST

/* ---- strict mode, checks off, the handler --------------------------------- */

/* Strict: the first envelope error stops the reader on the segment that has
 * it, with X12_EENVELOPE and a fatal located record; every later call
 * returns the same status and record. */
START_TEST(strict_stops_at_first_error)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("9", "0001")
        GE_N("7", "1") IEA_N("1", "000000001");
    x12_reader *r;
    const x12_segment *seg;
    const x12_error *e;
    int i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_STRICT, 1), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_STRICT), 1);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    for (i = 0; i < 4; i++) {
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
        ck_assert_ptr_null(x12_reader_last_error(r));
    }
    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_EENVELOPE);
        ck_assert_ptr_null(seg);
        e = x12_reader_last_error(r);
        ck_assert_ptr_nonnull(e);
        ck_assert_str_eq(x12_error_rule(e), "se01-count");
        ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
        ck_assert_int_eq(x12_error_status(e), X12_EENVELOPE);
        ck_assert_uint_eq(x12_error_segment_number(e), 5);
        ck_assert_str_eq(x12_error_segment_id(e), "SE");
        ck_assert_uint_eq(x12_error_element(e), 1);
        ck_assert_uint_eq(x12_error_offset(e), off_of(in, "SE*9"));
        ck_assert_str_eq(x12_error_message(e), "SE01 says 9 segments, counted 3");
    }
    /* The GE01 error after it is never reached. */
    ck_assert_uint_eq(x12_reader_total_errors(r), 1);
    x12_reader_free(r);
}
END_TEST

/* Strict: a missing trailer found at the end turns X12_END into
 * X12_EENVELOPE; warnings never stop the reader. */
START_TEST(strict_at_end_and_warnings)
{
    static const char open[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001") GE_N("1", "1");
    /* ISA02 is nine wide: a warning only. */
    static const char warn[] =
        "ISA*00*         *00*          *ZZ*MY SENDER      *ZZ*RECEIVER       *240101*"
        "1200*^*00501*000000001*0*T*:~\n" GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "1") IEA_N("1", "000000001");
    x12_reader *r;
    const x12_segment *seg;
    const x12_error *e;
    run rn;
    int i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_STRICT, 1), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, open, strlen(open)), X12_OK);
    for (i = 0; i < 6; i++)
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    for (i = 0; i < 2; i++) {
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_EENVELOPE);
        e = x12_reader_last_error(r);
        ck_assert_ptr_nonnull(e);
        ck_assert_str_eq(x12_error_rule(e), "missing-trailer");
        ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
        ck_assert_uint_eq(x12_error_segment_number(e), 0);
        ck_assert_str_eq(x12_error_message(e),
                         "end of input: interchange ISA13 '000000001' has no IEA");
    }
    x12_reader_free(r);

    collect(warn, 1, 1, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.segments, 7);
    ck_assert_uint_eq(rn.n, 1);
    assert_diag(&rn.d[0], "isa-width", 1, "ISA", 2, "ISA",
                "ISA02 is 9 characters wide, the standard fixes it at 10");
    ck_assert_int_eq(rn.d[0].sev, X12_SEV_WARNING);
    ck_assert_uint_eq(rn.total_warnings, 1);
    ck_assert_uint_eq(rn.total_errors, 0);
}
END_TEST

/* X12_OPT_ENVELOPE_CHECKS = 0: no envelope diagnostic at all for input
 * breaking every envelope rule, while numbering, set positions and the
 * context still work. */
START_TEST(checks_off)
{
    static const char in[] = ISA_N("00000000A") BHT GS_N("A1") ST_N("12") BHT
        SE_N("9", "0002") SE_N("3", "0001") GE_N("x", "2") GE_N("1", "1") GS_N("2")
        ST_N("0003") BHT ISA_N("000000002") GS_N("1") ST_N("0001") BHT
        IEA_N("5", "000000009");
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    run rn;
    uint64_t n = 0;
    x12_str v;

    collect(in, 0, 1, &rn);
    ck_assert_uint_gt(rn.n, 10); /* the same input with checks on */
    collect(in, 0, 0, &rn);
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.n, 0);
    ck_assert_uint_eq(rn.total_errors, 0);
    ck_assert_uint_eq(rn.total_warnings, 0);
    collect(in, 1, 0, &rn); /* strict has nothing to stop on */
    ck_assert_int_eq(rn.final, X12_END);
    ck_assert_uint_eq(rn.segments, 17);

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_ENVELOPE_CHECKS), 1);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, 0), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_ENVELOPE_CHECKS), 0);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        n++;
        if (n == 5) { /* the first BHT inside ST*837*12 */
            ck_assert_uint_eq(x12_segment_number(seg), 5);
            ck_assert_uint_eq(x12_segment_set_position(seg), 2);
            v = x12_envelope_get(x12_reader_envelope(r), X12_ENV_ST02);
            ck_assert_int_eq((int)v.len, 2);
            ck_assert(memcmp(v.ptr, "12", 2) == 0);
        }
        if (n == 13) /* the second ISA */
            ck_assert_uint_eq(x12_segment_number(seg), 1);
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(n, 17);
    /* Options are fixed once input is open. */
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, 1), X12_ESTATE);
    x12_reader_free(r);
}
END_TEST

/* Records the error handler received. */
typedef struct handler_log {
    diag d[MAXD];
    size_t n;
} handler_log;

static void log_error(void *user, const x12_error *e)
{
    handler_log *h = user;

    ck_assert_uint_lt(h->n, MAXD);
    copy_diag(&h->d[h->n++], e, "");
}

/* Reads `in` with a handler installed and compares what it got with the
 * per-call lists and last errors, in order; totals match the counts. */
static void compare_handler(const char *in, int strict, size_t want_n)
{
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    handler_log h;
    diag calls[MAXD];
    size_t nc = 0, i, nerr = 0, nwarn = 0;

    memset(&h, 0, sizeof h);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    x12_reader_set_error_handler(r, log_error, &h);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_STRICT, (uint64_t)strict), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    for (;;) {
        st = x12_reader_next(r, &seg);
        for (i = 0; i < x12_reader_error_count(r); i++) {
            ck_assert_uint_lt(nc, MAXD);
            copy_diag(&calls[nc++], x12_reader_error_at(r, i), "");
        }
        if (st == X12_OK)
            continue;
        if (st == X12_END)
            break;
        /* A strict stop on a listed diagnostic repeats it as the last error
         * (now fatal); the handler saw it once. */
        if (strict && nc > 0 &&
            strcmp(calls[nc - 1].msg, x12_error_message(x12_reader_last_error(r))) == 0 &&
            x12_reader_error_count(r) > 0)
            break;
        ck_assert_uint_lt(nc, MAXD);
        copy_diag(&calls[nc++], x12_reader_last_error(r), "");
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    ck_assert_uint_eq(h.n, want_n);
    ck_assert_uint_eq(h.n, nc);
    for (i = 0; i < h.n; i++) {
        ck_assert_str_eq(h.d[i].rule, calls[i].rule);
        ck_assert_uint_eq(h.d[i].segno, calls[i].segno);
        ck_assert_str_eq(h.d[i].segid, calls[i].segid);
        ck_assert_uint_eq(h.d[i].elem, calls[i].elem);
        ck_assert_uint_eq(h.d[i].offset, calls[i].offset);
        ck_assert_str_eq(h.d[i].msg, calls[i].msg);
        ck_assert_int_eq(h.d[i].status, calls[i].status);
        if (h.d[i].sev == X12_SEV_WARNING)
            nwarn++;
        else
            nerr++;
    }
    ck_assert_uint_eq(x12_reader_total_errors(r), nerr);
    ck_assert_uint_eq(x12_reader_total_warnings(r), nwarn);
    /* Removing the handler stops the calls. */
    x12_reader_set_error_handler(r, NULL, NULL);
    x12_reader_free(r);
}

/* The handler gets every warning and error in order, exactly as the
 * per-call lists and failing calls give them (envelope, syntax, width and
 * end-of-input records alike), and the totals agree. */
START_TEST(error_handler_sees_everything)
{
    static const char in[] =
        "ISA*00*         *00*          *ZZ*MY SENDER      *ZZ*RECEIVER       *240101*"
        "1200*^*00501*000000001*0*T*:~\n"
        GS_N("1") "REF*EI*1~\n" ST_N("0001") BHT "Nd4*X~\n" SE_N("3", "0009")
        GE_N("2", "1") GS_N("2") ST_N("0002") BHT "BHT*0019*0";
    static const char want[] =
        "isa-width@1:ISA;nesting@3:REF;segment-id@6:?;se01-count@7:SE;se02-control@7:SE;"
        "ge01-count@8:GE;unterminated@12:BHT;missing-trailer@0:;missing-trailer@0:;"
        "missing-trailer@0:;";

    ASSERT_RULES(in, want);
    compare_handler(in, 0, 10);
    compare_handler(SMALL, 0, 0);
    compare_handler(CLEAN, 0, 0);
}
END_TEST

/* In strict mode the handler gets the one record that stopped the reader. */
START_TEST(error_handler_strict)
{
    static const char in[] = ISA1 GS_N("1") ST_N("0001") BHT SE_N("3", "0001")
        GE_N("1", "5") IEA_N("9", "000000001");
    compare_handler(in, 1, 1);
}
END_TEST

/* ---- mutations of a clean interchange ------------------------------------- */

/* Replaces the first occurrence of `from` in `base` by `to`; caller frees. */
static char *mutate(const char *base, const char *from, const char *to)
{
    const char *p = strstr(base, from);
    size_t a, nf = strlen(from), nt = strlen(to), nb = strlen(base);
    char *out;

    ck_assert_msg(p != NULL, "mutation target '%s' not found", from);
    a = (size_t)(p - base);
    out = malloc(nb - nf + nt + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, base, a);
    memcpy(out + a, to, nt);
    memcpy(out + a + nt, p + nf, nb - a - nf + 1);
    return out;
}

static const struct mutation {
    const char *what;
    const char *from, *to; /* to == NULL: cut the input just after `from` */
    const char *want;
} mutations[] = {
    {"SE01 of set 0001", "SE*3*0001~", "SE*5*0001~", "se01-count@5:SE;"},
    {"SE01 of set 0004", "SE*4*0004~", "SE*40*0004~", "se01-count@19:SE;"},
    {"SE02 of set 0001", "SE*3*0001~", "SE*3*0007~", "se02-control@5:SE;"},
    {"SE02 of set 0003", "SE*4*0003~", "SE*4*003~", "se02-control@15:SE;"},
    {"GE01 of group 1", "GE*2*1~", "GE*3*1~", "ge01-count@10:GE;"},
    {"GE02 of group 2", "GE*2*2~", "GE*2*3~", "ge02-control@20:GE;"},
    {"IEA01", "IEA*2*", "IEA*1*", "iea01-count@21:IEA;"},
    {"IEA02", "IEA*2*000000001~", "IEA*2*000000002~", "iea02-control@21:IEA;"},
    /* Set 0002 then runs from ST at 5 to SE at 8: its own count is right. */
    {"delete SE of set 0001", "SE*3*0001~\n", "", "missing-trailer@5:ST;"},
    /* The last set stays open until the GE. */
    {"delete SE of set 0004", "SE*4*0004~\n", "", "missing-trailer@19:GE;"},
    /* Its BHT and NM1 fall outside any set, the SE has no ST, the group is
     * one set short. */
    {"delete ST of set 0002", "ST*837*0002*005010X222A1~\n", "",
     "nesting@6:BHT;nesting@7:NM1;nesting@8:SE;ge01-count@9:GE;"},
    {"delete GE of group 1", "GE*2*1~\n", "", "missing-trailer@10:GS;"},
    {"delete GE of group 2", "GE*2*2~\n", "", "missing-trailer@20:IEA;"},
    /* Both sets of group 1 are outside a group and its GE has no GS; the
     * interchange has one group less than IEA01 says. */
    {"delete GS of group 1", GS_N("1"), "",
     "nesting@2:ST;nesting@5:ST;nesting@9:GE;iea01-count@20:IEA;"},
    {"delete IEA", "IEA*2*000000001~\n", "", "missing-trailer@0:;"},
    /* Cut inside the BHT of set 0002 (segment 7). */
    {"cut inside segment 7", "ST*837*0002*005010X222A1~\nBHT*0019*0", NULL,
     "unterminated@7:BHT;missing-trailer@0:;missing-trailer@0:;missing-trailer@0:;"},
    /* Cut inside the last segment's data: IEA with a wrong IEA02. */
    {"cut inside IEA02", "IEA*2*0000", NULL,
     "unterminated@21:IEA;iea02-control@21:IEA;"},
    /* Cut just before the last terminator: only the terminator is missing. */
    {"cut before the last terminator", "IEA*2*000000001", NULL, "unterminated@21:IEA;"},
};

/* Each mutation of CLEAN gives exactly the listed rule@segno:segid list,
 * and pushing it in 1- and 3-byte chunks gives the same segments and
 * diagnostics as the buffer (end-of-input records included). */
START_TEST(mutation_table)
{
    const struct mutation *m = &mutations[_i];
    static const size_t by1[] = {1, 0}, by3[] = {3, 0};
    tbuf a = {0}, b = {0}, c = {0};
    char *text, *got;

    if (m->to != NULL) {
        text = mutate(CLEAN, m->from, m->to);
    } else {
        const char *p = strstr(CLEAN, m->from);
        ck_assert_ptr_nonnull(p);
        text = strndup(CLEAN, (size_t)(p - CLEAN) + strlen(m->from));
        ck_assert_ptr_nonnull(text);
    }
    got = rules_of(text);
    ck_assert_msg(strcmp(got, m->want) == 0, "%s: got '%s', want '%s'", m->what, got, m->want);
    ck_assert_int_eq(sig_buffer(text, strlen(text), &a), X12_END);
    ck_assert_int_eq(sig_push(text, strlen(text), by1, &b), X12_END);
    ck_assert_int_eq(sig_push(text, strlen(text), by3, &c), X12_END);
    ck_assert_str_eq(a.p, b.p);
    ck_assert_str_eq(a.p, c.p);
    tbuf_free(&a);
    tbuf_free(&b);
    tbuf_free(&c);
    free(got);
    free(text);
}
END_TEST

static Suite *envelope_suite(void)
{
    Suite *s = suite_create("envelope");
    TCase *tc;

    tc = tcase_create("context");
    tcase_add_test(tc, clean_two_groups);
    tcase_add_test(tc, context_at_every_segment);
    tcase_add_test(tc, context_other_fields);
    tcase_add_test(tc, set_positions);
    tcase_add_test(tc, count_with_leading_zeros);
    suite_add_tcase(s, tc);

    tc = tcase_create("counts");
    tcase_add_test(tc, se01_count);
    tcase_add_test(tc, se01_count_short);
    tcase_add_test(tc, se02_control);
    tcase_add_test(tc, ge01_count);
    tcase_add_test(tc, ge02_control);
    tcase_add_test(tc, iea01_count);
    tcase_add_test(tc, iea02_control);
    tcase_add_test(tc, count_and_control_same_segment);
    tcase_add_test(tc, non_numeric_counts);
    suite_add_tcase(s, tc);

    tc = tcase_create("control-numbers");
    tcase_add_test(tc, isa13_not_digits);
    tcase_add_test(tc, isa13_too_short);
    tcase_add_test(tc, gs06_shape);
    tcase_add_test(tc, st02_shape);
    suite_add_tcase(s, tc);

    tc = tcase_create("nesting");
    tcase_add_test(tc, st_outside_group);
    tcase_add_test(tc, segment_outside_set);
    tcase_add_test(tc, malformed_id_outside_set_not_quoted);
    tcase_add_test(tc, trailer_without_header);
    tcase_add_test(tc, gs_after_iea);
    suite_add_tcase(s, tc);

    tc = tcase_create("missing-trailers");
    tcase_add_test(tc, isa_before_iea);
    tcase_add_test(tc, isa_before_iea_new_delimiters);
    tcase_add_test(tc, st_before_se);
    tcase_add_test(tc, gs_before_ge);
    tcase_add_test(tc, ge_before_se);
    tcase_add_test(tc, iea_before_ge);
    tcase_add_test(tc, end_inside_set);
    tcase_add_test(tc, end_inside_group_and_interchange);
    suite_add_tcase(s, tc);

    tc = tcase_create("modes");
    tcase_add_test(tc, strict_stops_at_first_error);
    tcase_add_test(tc, strict_at_end_and_warnings);
    tcase_add_test(tc, checks_off);
    tcase_add_test(tc, error_handler_sees_everything);
    tcase_add_test(tc, error_handler_strict);
    suite_add_tcase(s, tc);

    tc = tcase_create("mutations");
    tcase_add_loop_test(tc, mutation_table, 0, (int)(sizeof mutations / sizeof mutations[0]));
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(envelope_suite)
