/*
 * Limits and growth (issue 7): each documented reader limit accepts input at
 * exactly the limit and refuses it at limit + 1 with a located error; and
 * pathological repetitions (a million one-byte segments, 10^5 elements in a
 * segment, huge runs of blank lines, deep component/repetition runs, a
 * 50 MB segment) are read with memory that does not grow with the input
 * (or grows linearly where one segment must be held) and with work that
 * grows linearly.  Growth is measured at sizes N and 4N with a counting
 * allocator (peak bytes, allocation calls) and with counters of what the
 * reader produced (segments, elements, errors); never with a clock.
 * doc/LIMITS.md describes every limit.
 */
#include <stdint.h>

#include "testutil.h"

#define ISA_STD                                                                        \
    "ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *251123*1030*^*" \
    "00501*000000101*0*T*:~"
#define GS_ST "GS*HC*SUBMITTER01*RECEIVER01*20251123*1030*1*X*005010X222A1~ST*837*0001~"
/* Offsets in every fixture built by open_ic: ISA 0 (106 bytes), GS 106, ST
 * 166, first body segment 178. */
#define BODY_OFFSET 178u

/* ---- fixtures ------------------------------------------------------------------ */

/* ISA, GS, ST: the body starts at BODY_OFFSET. */
static void open_ic(tbuf *b)
{
    size_t before = b->len;

    tbuf_str(b, ISA_STD GS_ST);
    ck_assert_uint_eq(b->len - before, BODY_OFFSET);
}

/* SE with the right count for `body_segments` segments between ST and SE,
 * then GE and IEA. */
static void close_ic(tbuf *b, size_t body_segments)
{
    char line[64];

    snprintf(line, sizeof line, "SE*%zu*0001~GE*1*1~IEA*1*000000101~", body_segments + 2);
    tbuf_str(b, line);
}

static void add_rep(tbuf *b, const char *s, size_t times)
{
    size_t n = strlen(s), i;

    for (i = 0; i < times; i++)
        tbuf_add(b, s, n);
}

/* What reading produced: the work counters and the allocator's view. */
typedef struct outcome {
    x12_status st;
    size_t segments, elements, components, errors, warnings;
    size_t peak, calls;
    size_t limit_errors; /* X12_ELIMIT calls */
    uint64_t first_limit_segno, first_limit_offset;
    char first_limit_rule[32], first_limit_id[8];
} outcome;

static void note(outcome *o, const x12_segment *seg, int count_components)
{
    size_t i;

    o->segments++;
    o->elements += x12_segment_count(seg);
    if (count_components)
        for (i = 1; i <= x12_segment_count(seg); i++)
            o->components += x12_segment_component_count(seg, i, 1) +
                             x12_segment_repetition_count(seg, i);
}

static void note_error(outcome *o, const x12_reader *r, x12_status st)
{
    const x12_error *e = x12_reader_last_error(r);

    ck_assert_ptr_nonnull(e);
    if (st == X12_ELIMIT && o->limit_errors++ == 0) {
        o->first_limit_segno = x12_error_segment_number(e);
        o->first_limit_offset = x12_error_offset(e);
        snprintf(o->first_limit_rule, sizeof o->first_limit_rule, "%s", x12_error_rule(e));
        snprintf(o->first_limit_id, sizeof o->first_limit_id, "%s", x12_error_segment_id(e));
    }
}

/* Reads a buffer with a counting allocator; options as given (0 = default).
 * Stops at a fatal error. */
static outcome read_counted(const char *data, size_t len, uint64_t max_seg, uint64_t max_el,
                            int strict, int count_components)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_reader *r;
    const x12_segment *seg;
    outcome o;

    memset(&o, 0, sizeof o);
    ck_assert_int_eq(x12_reader_new(&a, &r), X12_OK);
    if (max_seg)
        ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, max_seg), X12_OK);
    if (max_el)
        ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, max_el), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_STRICT, (uint64_t)strict), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    for (;;) {
        o.st = x12_reader_next(r, &seg);
        if (o.st == X12_OK) {
            note(&o, seg, count_components);
            continue;
        }
        if (o.st == X12_END)
            break;
        note_error(&o, r, o.st);
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    o.errors = x12_reader_total_errors(r);
    o.warnings = x12_reader_total_warnings(r);
    x12_reader_free(r);
    ck_assert_uint_eq(c.cur, 0); /* everything handed back */
    o.peak = c.peak;
    o.calls = c.calls;
    return o;
}

/* The same through x12_reader_feed in chunks of `chunk` bytes. */
static outcome push_counted(const char *data, size_t len, size_t chunk, int count_components)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_reader *r;
    const x12_segment *seg;
    outcome o;
    size_t off = 0;
    int done = 0;

    memset(&o, 0, sizeof o);
    ck_assert_int_eq(x12_reader_new(&a, &r), X12_OK);
    while (!done) {
        size_t n = len - off < chunk ? len - off : chunk;
        ck_assert_int_eq(x12_reader_feed(r, data + off, n, off + n == len), X12_OK);
        off += n;
        for (;;) {
            o.st = x12_reader_next(r, &seg);
            if (o.st == X12_OK) {
                note(&o, seg, count_components);
                continue;
            }
            if (o.st == X12_AGAIN)
                break;
            if (o.st == X12_END) {
                done = 1;
                break;
            }
            note_error(&o, r, o.st);
            if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL) {
                done = 1;
                break;
            }
        }
        ck_assert(done || off < len);
    }
    o.errors = x12_reader_total_errors(r);
    o.warnings = x12_reader_total_warnings(r);
    x12_reader_free(r);
    ck_assert_uint_eq(c.cur, 0);
    o.peak = c.peak;
    o.calls = c.calls;
    return o;
}

/* Ratio checks: `small` at size N, `big` at 4N. */
#define ck_ratio_near(big, small, want, tol)                                                 \
    ck_assert_msg((double)(big) >= ((want) - (tol)) * (double)(small) &&                    \
                      (double)(big) <= ((want) + (tol)) * (double)(small),                  \
                  "%s / %s = %zu / %zu, want %.2f +- %.2f", #big, #small, (size_t)(big),    \
                  (size_t)(small), (double)(want), (double)(tol))

/* Signatures of reading a buffer and of pushing it one byte at a time (and
 * in 7-byte chunks) are the same. */
static void ck_push_same(const char *data, size_t len)
{
    static const size_t ones[] = {1, 0}, sevens[] = {7, 0};
    tbuf a = {0}, b = {0}, c = {0};
    x12_status sa = sig_buffer(data, len, &a), sb = sig_push(data, len, ones, &b),
               sc = sig_push(data, len, sevens, &c);

    ck_assert_int_eq(sa, sb);
    ck_assert_int_eq(sa, sc);
    ck_assert_msg(a.len == b.len && memcmp(a.p, b.p, a.len) == 0, "push (1) differs:\n%s\n%s",
                  a.p, b.p);
    ck_assert_msg(a.len == c.len && memcmp(a.p, c.p, a.len) == 0, "push (7) differs");
    tbuf_free(&a);
    tbuf_free(&b);
    tbuf_free(&c);
}

/* ---- X12_OPT_MAX_SEGMENT_BYTES ------------------------------------------------ */

/* An interchange whose NM1 segment spans exactly `seglen` bytes counting
 * its terminator and the line break after it ("NM1*AAA...A~\n"). */
static void segment_of(tbuf *b, size_t seglen)
{
    size_t i;

    open_ic(b);
    tbuf_str(b, "NM1*");
    for (i = 6; i < seglen; i++)
        tbuf_add(b, "A", 1);
    tbuf_str(b, "~\n");
    close_ic(b, 1);
}

/* With X12_OPT_MAX_SEGMENT_BYTES = 200 a 200-byte segment (terminator and
 * line break included) is read; at 201 bytes the call fails with
 * X12_ELIMIT, rule max-segment, severity error, located at segment 4 (NM1)
 * byte 178; the segment is skipped, reading goes on and SE01 still counts
 * it (no se01-count error).  Push input gives the same. */
START_TEST(max_segment_exact)
{
    tbuf b = {0};
    outcome o;

    segment_of(&b, 200);
    o = read_counted(b.p, b.len, 200, 0, 0, 0);
    ck_assert_int_eq(o.st, X12_END);
    ck_assert_uint_eq(o.segments, 7);
    ck_assert_uint_eq(o.errors, 0);
    ck_assert_uint_eq(o.limit_errors, 0);
    ck_push_same(b.p, b.len);
    tbuf_free(&b);

    segment_of(&b, 201);
    o = read_counted(b.p, b.len, 200, 0, 0, 0);
    ck_assert_int_eq(o.st, X12_END);
    ck_assert_uint_eq(o.segments, 6);
    ck_assert_uint_eq(o.limit_errors, 1);
    ck_assert_uint_eq(o.errors, 1); /* nothing else: SE01 = 3 still right */
    ck_assert_str_eq(o.first_limit_rule, "max-segment");
    ck_assert_uint_eq(o.first_limit_segno, 4);
    ck_assert_str_eq(o.first_limit_id, "NM1");
    ck_assert_uint_eq(o.first_limit_offset, BODY_OFFSET);
    tbuf_free(&b);
}
END_TEST

/* The text of the error, as x12_error_format gives it, and its severity. */
START_TEST(max_segment_message)
{
    tbuf b = {0};
    x12_reader *r;
    const x12_segment *seg;
    char msg[256];
    int i;

    segment_of(&b, 201);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 200), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, b.p, b.len), X12_OK);
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ELIMIT);
    ck_assert_int_eq(x12_error_severity(x12_reader_last_error(r)), X12_SEV_ERROR);
    x12_error_format(x12_reader_last_error(r), msg, sizeof msg);
    ck_assert_str_eq(msg, "4:NM1: segment is longer than 200 bytes (the configured limit)");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_uint_eq(x12_segment_number(seg), 5);
    ck_assert_uint_eq(x12_segment_offset(seg), BODY_OFFSET + 201);
    x12_reader_free(r);
    tbuf_free(&b);
}
END_TEST

/* The default limit, 65536 bytes: exactly 65536 is read, 65537 is not. */
START_TEST(max_segment_default)
{
    tbuf b = {0};
    outcome o;

    segment_of(&b, 65536);
    o = read_counted(b.p, b.len, 0, 0, 0, 0);
    ck_assert_uint_eq(o.segments, 7);
    ck_assert_uint_eq(o.errors, 0);
    tbuf_free(&b);
    segment_of(&b, 65537);
    o = read_counted(b.p, b.len, 0, 0, 0, 0);
    ck_assert_uint_eq(o.segments, 6);
    ck_assert_uint_eq(o.limit_errors, 1);
    ck_assert_str_eq(o.first_limit_rule, "max-segment");
    ck_assert_uint_eq(o.first_limit_segno, 4);
    ck_assert_uint_eq(o.first_limit_offset, BODY_OFFSET);
    tbuf_free(&b);
}
END_TEST

/* In strict mode the limit error is fatal: reading stops there. */
START_TEST(max_segment_strict)
{
    tbuf b = {0};
    outcome o;

    segment_of(&b, 201);
    o = read_counted(b.p, b.len, 200, 0, 1, 0);
    ck_assert_int_eq(o.st, X12_ELIMIT);
    ck_assert_uint_eq(o.segments, 3);
    ck_assert_uint_eq(o.first_limit_segno, 4);
    tbuf_free(&b);
}
END_TEST

/* White space before the first ISA counts against the segment limit: 200
 * bytes of it pass under a 200-byte limit, 201 stop the reader (there are
 * no delimiters yet to resynchronise on) with max-segment at offset 0. */
START_TEST(max_segment_before_isa)
{
    tbuf b = {0};
    outcome o;

    add_rep(&b, "\n", 200);
    open_ic(&b);
    close_ic(&b, 0);
    o = read_counted(b.p, b.len, 200, 0, 0, 0);
    ck_assert_int_eq(o.st, X12_END);
    ck_assert_uint_eq(o.segments, 6);
    tbuf_free(&b);

    add_rep(&b, "\n", 201);
    open_ic(&b);
    close_ic(&b, 0);
    o = read_counted(b.p, b.len, 200, 0, 0, 0);
    ck_assert_int_eq(o.st, X12_ELIMIT);
    ck_assert_uint_eq(o.segments, 0);
    ck_assert_str_eq(o.first_limit_rule, "max-segment");
    ck_assert_uint_eq(o.first_limit_offset, 0);
    tbuf_free(&b);
}
END_TEST

/* Option ranges: the segment limit is at least 128, the element limit at
 * least 16; both are fixed once input is open; the defaults are 65536 and
 * 4096. */
START_TEST(option_ranges)
{
    x12_reader *r;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_MAX_SEGMENT_BYTES), 65536);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_MAX_ELEMENTS), 4096);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_READ_CHUNK_BYTES), 65536);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 127), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 128), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, 15), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, 16), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, 15), X12_EINVAL);
    ck_assert_int_eq(x12_reader_open_buffer(r, "", 0), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 1000), X12_ESTATE);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, 1000), X12_ESTATE);
    x12_reader_free(r);
}
END_TEST

/* ---- X12_OPT_MAX_ELEMENTS ---------------------------------------------------- */

/* "REF" followed by `n` empty elements. */
static void elements_of(tbuf *b, size_t n)
{
    open_ic(b);
    tbuf_str(b, "REF");
    add_rep(b, "*", n);
    tbuf_str(b, "~");
    close_ic(b, 1);
}

/* With X12_OPT_MAX_ELEMENTS = 16, 16 elements are read (count 16); 17 give
 * X12_ELIMIT, rule max-elements, at segment 4 (REF), byte 178, and reading
 * goes on with SE numbered 5. */
START_TEST(max_elements_exact)
{
    tbuf b = {0};
    outcome o;

    elements_of(&b, 16);
    o = read_counted(b.p, b.len, 0, 16, 0, 0);
    ck_assert_uint_eq(o.segments, 7);
    ck_assert_uint_eq(o.elements, 16 + 16 + 8 + 2 + 2 + 2 + 2);
    ck_assert_uint_eq(o.errors, 0);
    ck_push_same(b.p, b.len);
    tbuf_free(&b);

    elements_of(&b, 17);
    o = read_counted(b.p, b.len, 0, 16, 0, 0);
    ck_assert_int_eq(o.st, X12_END);
    ck_assert_uint_eq(o.segments, 6);
    ck_assert_uint_eq(o.limit_errors, 1);
    ck_assert_uint_eq(o.errors, 1);
    ck_assert_str_eq(o.first_limit_rule, "max-elements");
    ck_assert_uint_eq(o.first_limit_segno, 4);
    ck_assert_str_eq(o.first_limit_id, "REF");
    ck_assert_uint_eq(o.first_limit_offset, BODY_OFFSET);
    tbuf_free(&b);
}
END_TEST

/* The default, 4096 elements: 4096 read, 4097 refused. */
START_TEST(max_elements_default)
{
    tbuf b = {0};
    outcome o;

    elements_of(&b, 4096);
    o = read_counted(b.p, b.len, 0, 0, 0, 0);
    ck_assert_uint_eq(o.segments, 7);
    ck_assert_uint_eq(o.errors, 0);
    tbuf_free(&b);
    elements_of(&b, 4097);
    o = read_counted(b.p, b.len, 0, 0, 0, 0);
    ck_assert_uint_eq(o.segments, 6);
    ck_assert_str_eq(o.first_limit_rule, "max-elements");
    ck_assert_uint_eq(o.first_limit_segno, 4);
    ck_push_same(b.p, b.len);
    tbuf_free(&b);
}
END_TEST

/* ---- growth ----------------------------------------------------------------- */

/* 10^6 one-byte segments "A~" (each a bad id: one error each) after an ISA:
 * at N = 250000 and 4N the reader's peak memory is the same (it reuses
 * segment storage and the per-call error list) and so is the number of
 * allocation calls; segments and errors produced grow exactly 4-fold.  The
 * same through push input in 64 KiB chunks. */
START_TEST(growth_one_byte_segments)
{
    const size_t n = 250000;
    tbuf s = {0}, l = {0};
    outcome a, b;

    open_ic(&s);
    add_rep(&s, "A~", n);
    close_ic(&s, n);
    open_ic(&l);
    add_rep(&l, "A~", 4 * n);
    close_ic(&l, 4 * n);

    a = read_counted(s.p, s.len, 0, 0, 0, 0);
    b = read_counted(l.p, l.len, 0, 0, 0, 0);
    ck_assert_uint_eq(a.segments, n + 6);
    ck_assert_uint_eq(b.segments, 4 * n + 6);
    ck_assert_uint_eq(a.errors, n);
    ck_assert_uint_eq(b.errors, 4 * n);
    ck_assert_uint_eq(b.peak, a.peak);
    ck_assert_uint_eq(b.calls, a.calls);

    a = push_counted(s.p, s.len, 65536, 0);
    b = push_counted(l.p, l.len, 65536, 0);
    ck_assert_uint_eq(b.segments, 4 * n + 6);
    ck_assert_uint_eq(b.errors, 4 * n);
    ck_ratio_near(b.peak, a.peak, 1.0, 0.05);
    ck_ratio_near(b.calls, a.calls, 1.0, 0.05);
    tbuf_free(&s);
    tbuf_free(&l);
}
END_TEST

/* 10^5 elements in one segment, under limits raised to allow it: the
 * element table is the only thing that grows, linearly (peak at 4N at most
 * 4.5 times the peak at N: doubling growth), and the elements produced grow
 * exactly 4-fold. */
START_TEST(growth_many_elements)
{
    const size_t n = 25000;
    tbuf s = {0}, l = {0};
    outcome a, b;

    open_ic(&s);
    tbuf_str(&s, "REF");
    add_rep(&s, "*A", n);
    tbuf_str(&s, "~");
    close_ic(&s, 1);
    open_ic(&l);
    tbuf_str(&l, "REF");
    add_rep(&l, "*A", 4 * n);
    tbuf_str(&l, "~");
    close_ic(&l, 1);

    a = read_counted(s.p, s.len, 1u << 20, 4 * n, 0, 0);
    b = read_counted(l.p, l.len, 1u << 20, 4 * n, 0, 0);
    ck_assert_uint_eq(a.errors + b.errors, 0);
    ck_assert_uint_eq(a.elements, n + 16 + 8 + 2 + 2 + 2 + 2);
    ck_assert_uint_eq(b.elements, 4 * n + 16 + 8 + 2 + 2 + 2 + 2);
    ck_assert_msg(b.peak <= a.peak * 9 / 2, "peak %zu at 4N vs %zu at N", b.peak, a.peak);
    ck_assert_msg(b.peak >= a.peak, "peak %zu at 4N vs %zu at N", b.peak, a.peak);

    /* Under the default limits the same segment is refused (25000 > 4096
     * elements), pushed in 4 KiB chunks too. */
    a = push_counted(s.p, s.len, 4096, 0);
    ck_assert_uint_eq(a.limit_errors, 1);
    ck_assert_str_eq(a.first_limit_rule, "max-elements");
    ck_assert_uint_eq(a.first_limit_segno, 4);
    tbuf_free(&s);
    tbuf_free(&l);
}
END_TEST

/* Huge runs of blank lines.  After a segment they are its trailer and
 * count against the segment limit: 250000 or 10^6 line breaks after the GS
 * give one max-segment error at the GS (segment 2, byte 106) and the rest
 * is read; memory is the same at both sizes, in buffer and push mode.
 * Ten blank lines after each of N and 4N segments are read without error
 * and give 4 times the segments with the same peak memory. */
START_TEST(growth_blank_lines)
{
    const size_t n = 250000;
    tbuf s = {0}, l = {0};
    outcome a, b;
    size_t i;

    tbuf_str(&s, ISA_STD "GS*HC*SUBMITTER01*RECEIVER01*20251123*1030*1*X*005010X222A1~");
    tbuf_str(&l, s.p);
    add_rep(&s, "\n", n);
    add_rep(&l, "\n", 4 * n);
    tbuf_str(&s, "ST*837*0001~SE*2*0001~GE*1*1~IEA*1*000000101~");
    tbuf_str(&l, "ST*837*0001~SE*2*0001~GE*1*1~IEA*1*000000101~");
    a = read_counted(s.p, s.len, 0, 0, 0, 0);
    b = read_counted(l.p, l.len, 0, 0, 0, 0);
    ck_assert_uint_eq(a.limit_errors, 1);
    ck_assert_uint_eq(b.limit_errors, 1);
    ck_assert_str_eq(b.first_limit_rule, "max-segment");
    ck_assert_uint_eq(b.first_limit_segno, 2);
    ck_assert_uint_eq(b.first_limit_offset, 106);
    ck_assert_uint_eq(a.segments, b.segments);
    ck_assert_uint_eq(a.peak, b.peak);
    a = push_counted(s.p, s.len, 65536, 0);
    b = push_counted(l.p, l.len, 65536, 0);
    ck_assert_uint_eq(b.limit_errors, 1);
    ck_assert_uint_eq(a.segments, b.segments);
    ck_ratio_near(b.peak, a.peak, 1.0, 0.05);
    tbuf_free(&s);
    tbuf_free(&l);

    open_ic(&s);
    open_ic(&l);
    for (i = 0; i < 4 * n / 10; i++) {
        if (i < n / 10)
            tbuf_str(&s, "LX*1~\n\n\n\n\n\n\n\n\n\n");
        tbuf_str(&l, "LX*1~\n\n\n\n\n\n\n\n\n\n");
    }
    close_ic(&s, n / 10);
    close_ic(&l, 4 * n / 10);
    a = read_counted(s.p, s.len, 0, 0, 0, 0);
    b = read_counted(l.p, l.len, 0, 0, 0, 0);
    ck_assert_uint_eq(a.errors + b.errors, 0);
    ck_assert_uint_eq(b.segments - 6, 4 * (a.segments - 6));
    ck_assert_uint_eq(a.peak, b.peak);
    tbuf_free(&s);
    tbuf_free(&l);
}
END_TEST

/* Deep component and repetition runs: one element of N and 4N components
 * ("A:A:...") and one of N and 4N repetitions ("A^A^..."), with the
 * segment limit raised to hold them.  The reader splits lazily: its peak
 * memory is the same at both sizes; the component and repetition counts it
 * reports grow 4-fold. */
START_TEST(growth_components)
{
    const size_t n = 20000;
    tbuf s = {0}, l = {0};
    outcome a, b;

    open_ic(&s);
    tbuf_str(&s, "HI*A");
    add_rep(&s, ":A", n - 1);
    tbuf_str(&s, "*A");
    add_rep(&s, "^A", n - 1);
    tbuf_str(&s, "~");
    close_ic(&s, 1);
    open_ic(&l);
    tbuf_str(&l, "HI*A");
    add_rep(&l, ":A", 4 * n - 1);
    tbuf_str(&l, "*A");
    add_rep(&l, "^A", 4 * n - 1);
    tbuf_str(&l, "~");
    close_ic(&l, 1);

    a = read_counted(s.p, s.len, 1u << 20, 0, 0, 1);
    b = read_counted(l.p, l.len, 1u << 20, 0, 0, 1);
    ck_assert_uint_eq(a.errors + b.errors, 0);
    ck_assert_uint_eq(a.peak, b.peak);
    /* Per segment: components of the first repetition plus repetitions, of
     * each element.  HI: (n + 1) + (1 + n); every other element 1 + 1. */
    ck_assert_uint_eq(a.components, 2 * (n + 1) + 2 * (16 + 8 + 2 + 2 + 2 + 2));
    ck_assert_uint_eq(b.components - a.components, 2 * 3 * n);
    tbuf_free(&s);
    tbuf_free(&l);
}
END_TEST

/* A 50 MB segment under the default limit: one max-segment error located
 * at the segment (4, NM1, byte 178), the segments after it are read, and
 * the reader's memory is the same for 12.5 MB and 50 MB, from a buffer and
 * pushed in 1 MiB chunks. */
START_TEST(huge_segment)
{
    const size_t big = 50u << 20;
    char *l = malloc(big + 4096);
    size_t pos = 0, len, slen;
    outcome a, b;

    ck_assert_ptr_nonnull(l);
    memcpy(l, ISA_STD GS_ST "NM1*", BODY_OFFSET + 4);
    pos = BODY_OFFSET + 4;
    memset(l + pos, 'A', big);
    /* The small input is the same with a quarter of the A's. */
    slen = BODY_OFFSET + 4 + big / 4;
    {
        static const char tail[] = "~SE*3*0001~GE*1*1~IEA*1*000000101~";
        char *s = malloc(slen + sizeof tail);
        ck_assert_ptr_nonnull(s);
        memcpy(s, l, slen);
        memcpy(s + slen, tail, sizeof tail - 1);
        slen += sizeof tail - 1;
        memcpy(l + pos + big, tail, sizeof tail - 1);
        len = pos + big + sizeof tail - 1;

        a = read_counted(s, slen, 0, 0, 0, 0);
        b = read_counted(l, len, 0, 0, 0, 0);
        ck_assert_uint_eq(b.limit_errors, 1);
        ck_assert_str_eq(b.first_limit_rule, "max-segment");
        ck_assert_uint_eq(b.first_limit_segno, 4);
        ck_assert_str_eq(b.first_limit_id, "NM1");
        ck_assert_uint_eq(b.first_limit_offset, BODY_OFFSET);
        ck_assert_uint_eq(b.segments, 6);
        ck_assert_uint_eq(a.segments, b.segments);
        ck_assert_uint_eq(a.peak, b.peak);

        a = push_counted(s, slen, 1u << 20, 0);
        b = push_counted(l, len, 1u << 20, 0);
        ck_assert_uint_eq(b.limit_errors, 1);
        ck_assert_uint_eq(b.first_limit_offset, BODY_OFFSET);
        ck_assert_uint_eq(b.segments, 6);
        ck_ratio_near(b.peak, a.peak, 1.0, 0.05);
        free(s);
    }
    free(l);
}
END_TEST

/* ---- validator and 999: growth with the number of things in one unit ------ */

#include <time.h>

/* What validating (and acknowledging) produced. */
typedef struct voutcome {
    size_t peak, calls;          /* validator + ack allocator */
    size_t issues, limit_issues; /* all issues; rule max-control-numbers */
    size_t dup_issues;           /* ST02 used twice */
    uint64_t limit_segno, limit_offset;
    char limit_id[8], limit_msg[240];
    size_t ik3, ik5_r, out_bytes; /* 999 output, when acknowledged */
    double seconds;
} voutcome;

static int on_ack_out(void *u, const char *p, size_t n)
{
    voutcome *o = u;

    o->out_bytes += n;
    if (n >= 4 && memcmp(p, "IK3*", 4) == 0)
        o->ik3++;
    if (n >= 6 && memcmp(p, "IK5*R", 5) == 0)
        o->ik5_r++;
    return 0;
}

static void note_issue(voutcome *o, const x12_issue *is)
{
    const x12_error *e = x12_issue_error(is);

    o->issues++;
    if (strcmp(x12_error_rule(e), "max-control-numbers") == 0) {
        if (o->limit_issues++ == 0) {
            o->limit_segno = x12_error_segment_number(e);
            o->limit_offset = x12_error_offset(e);
            snprintf(o->limit_id, sizeof o->limit_id, "%s", x12_error_segment_id(e));
            snprintf(o->limit_msg, sizeof o->limit_msg, "%s", x12_error_message(e));
            ck_assert_int_eq(x12_error_status(e), X12_ELIMIT);
            ck_assert_int_eq(x12_error_severity(e), X12_SEV_WARNING);
        }
    } else if (strstr(x12_error_message(e), "used twice") != NULL) {
        o->dup_issues++;
    }
}

/* Validates data with a counting allocator for the validator (and a 999
 * ack when max_set_issues > 0). */
static voutcome validate_counted(const char *data, size_t len, uint64_t max_ctl,
                                 uint64_t max_set_issues)
{
    voutcome o;
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_reader *r = NULL;
    x12_validator *v = NULL;
    x12_writer *w = NULL;
    x12_ack *k = NULL;
    const x12_segment *seg;
    x12_status st;
    clock_t t0 = clock();
    size_t i;

    memset(&o, 0, sizeof o);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(&a, &v), X12_OK);
    if (max_ctl)
        ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_MAX_CONTROL_NUMBERS, max_ctl),
                         X12_OK);
    if (max_set_issues) {
        ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
        ck_assert_int_eq(x12_writer_to_callback(w, on_ack_out, &o), X12_OK);
        ck_assert_int_eq(x12_ack_new(&a, X12_ACK_999, w, &k), X12_OK);
        ck_assert_int_eq(x12_ack_set_time(k, "20251123", "1030"), X12_OK);
        ck_assert_int_eq(x12_ack_set_max_set_issues(k, max_set_issues), X12_OK);
        ck_assert_int_eq(x12_ack_attach(k, v), X12_OK);
    }
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
        for (i = 0; i < x12_validator_issue_count(v); i++)
            note_issue(&o, x12_validator_issue_at(v, i));
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_int_eq(x12_validator_finish(v), X12_OK);
    for (i = 0; i < x12_validator_issue_count(v); i++)
        note_issue(&o, x12_validator_issue_at(v, i));
    if (k != NULL) {
        ck_assert_int_eq(x12_ack_status(k), X12_OK);
        x12_validator_set_handler(v, NULL, NULL);
        x12_ack_free(k);
        x12_writer_free(w);
    }
    x12_validator_free(v);
    x12_reader_free(r);
    ck_assert_uint_eq(c.cur, 0);
    o.peak = c.peak;
    o.calls = c.calls;
    o.seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
    return o;
}

/* One group of `n` two-segment sets (unknown guide, so only envelopes are
 * checked), ST02 = 1, 2, ...; the ST02 of set `dup` (1-based, 0: none)
 * repeats the one before it.  *limit_at gets the offset of set
 * `limit_set`'s ST. */
static void many_sets(tbuf *b, size_t n, size_t dup, size_t limit_set, size_t *limit_at)
{
    char line[96];
    size_t i;

    tbuf_str(b, ISA_STD "GS*HC*SUBMITTER01*RECEIVER01*20251123*1030*1*X*005010X222A1~");
    for (i = 1; i <= n; i++) {
        if (i == limit_set)
            *limit_at = b->len;
        snprintf(line, sizeof line, "ST*ZZZ*%zu~SE*2*%zu~", i == dup ? i - 1 + 1000 : i + 1000,
                 i == dup ? i - 1 + 1000 : i + 1000);
        tbuf_str(b, line);
    }
    snprintf(line, sizeof line, "GE*%zu*1~IEA*1*000000101~", n);
    tbuf_str(b, line);
}

/* 600000 tiny sets in one group: the ST02 values remembered for the
 * duplicate check stop at X12_VOPT_MAX_CONTROL_NUMBERS with one located
 * warning, so the validator's peak memory is the same for N and 4N sets
 * and its work grows linearly.  A duplicate before the limit is still
 * found. */
START_TEST(growth_sets_in_group)
{
    const size_t n = 150000, lim = 20000;
    tbuf s = {0}, l = {0};
    size_t at_s = 0, at_l = 0;
    voutcome a, b;

    /* Set 7 repeats an ST02, so the set past the limit is lim + 2. */
    many_sets(&s, n, 7, lim + 2, &at_s);
    many_sets(&l, 4 * n, 7, lim + 2, &at_l);
    a = validate_counted(s.p, s.len, lim, 0);
    b = validate_counted(l.p, l.len, lim, 0);
    ck_assert_uint_eq(a.dup_issues, 1);
    ck_assert_uint_eq(b.dup_issues, 1);
    ck_assert_uint_eq(a.limit_issues, 1);
    ck_assert_uint_eq(b.limit_issues, 1);
    /* ISA 1, GS 2, set i's ST is segment 2i + 1. */
    ck_assert_uint_eq(b.limit_segno, 2 * (lim + 2) + 1);
    ck_assert_str_eq(b.limit_id, "ST");
    ck_assert_uint_eq(b.limit_offset, at_l);
    ck_assert_uint_eq(a.limit_offset, at_s);
    ck_assert_ptr_nonnull(strstr(b.limit_msg, "more than 20000 control numbers"));
    ck_assert_uint_eq(a.peak, b.peak);
    ck_ratio_near(b.calls, a.calls, 1.0, 0.05);
    /* Every set gets the same issue (no guide): work is per set. */
    ck_ratio_near(b.issues, a.issues, 4.0, 0.01);
    ck_assert_msg(b.seconds <= 10.0 * a.seconds + 0.5, "time %.3f s vs %.3f s", b.seconds,
                  a.seconds);
    tbuf_free(&s);
    tbuf_free(&l);

    /* Under the default limit (10^6) a duplicate far down the group is
     * found, and no limit issue is given. */
    at_s = 0;
    many_sets(&s, n, n - 3, 0, &at_s);
    a = validate_counted(s.p, s.len, 0, 0);
    ck_assert_uint_eq(a.dup_issues, 1);
    ck_assert_uint_eq(a.limit_issues, 0);
    tbuf_free(&s);
}
END_TEST

/* One 837 set of `n` HL loops (each a billing provider with nothing in
 * it, so each has required segments missing). */
static void many_hls(tbuf *b, size_t n)
{
    char line[64];
    size_t i;

    tbuf_str(b, ISA_STD GS_ST "BHT*0019*00*1*20251123*1030*CH~");
    for (i = 1; i <= n; i++) {
        snprintf(line, sizeof line, "HL*%zu**20*0~", i);
        tbuf_str(b, line);
    }
    snprintf(line, sizeof line, "SE*%zu*0001~GE*1*1~IEA*1*000000101~", n + 3);
    tbuf_str(b, line);
}

/* Hundreds of thousands of HLs in one set: the validator keeps only the
 * open HL chain (memory flat), and the 999 writer holds at most
 * x12_ack_set_max_set_issues issues of the set, counting the rest: the
 * IK5 still rejects the set, the IK3s written stop at the limit. */
START_TEST(growth_hls_in_set)
{
    const size_t n = 50000;
    tbuf s = {0}, l = {0};
    voutcome a, b;

    many_hls(&s, n);
    many_hls(&l, 4 * n);
    a = validate_counted(s.p, s.len, 0, 1000);
    b = validate_counted(l.p, l.len, 0, 1000);
    ck_assert_uint_ge(a.issues, n);
    ck_ratio_near(b.issues, a.issues, 4.0, 0.01);
    ck_assert_uint_eq(a.ik5_r, 1);
    ck_assert_uint_eq(b.ik5_r, 1);
    ck_assert_uint_le(b.ik3, 1000);
    ck_assert_uint_eq(a.ik3, b.ik3);
    ck_assert_uint_eq(a.out_bytes, b.out_bytes);
    ck_ratio_near(b.peak, a.peak, 1.0, 0.02);
    ck_assert_msg(b.seconds <= 10.0 * a.seconds + 0.5, "time %.3f s vs %.3f s", b.seconds,
                  a.seconds);
    tbuf_free(&s);
    tbuf_free(&l);
}
END_TEST

/* ---- guide nesting ------------------------------------------------------------ */

#define SPEC_HEAD                                                                        \
    "<spec id='X' set='837'>\n<segdefs>\n<segdef id='ST'>\n"                            \
    "<element pos='1' ref='143' type='ID' min='3' max='3'/>\n</segdef>\n"               \
    "<segdef id='LX'>\n<element pos='1' ref='554' type='N0' min='1' max='6'/>\n"        \
    "</segdef>\n<segdef id='SE'>\n<element pos='1' ref='96' type='N0' min='1' "         \
    "max='10'/>\n</segdef>\n</segdefs>\n<body>\n<segment id='ST' usage='R' max='1'/>\n"
#define SPEC_TAIL "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n"

static x12_status load_spec_text(const tbuf *t, char *err, size_t errsize)
{
    x12_spec *s = NULL;
    x12_status st = x12_spec_load_memory(t->p, t->len, "deep.xml", NULL, &s, err, errsize);

    x12_spec_free(s);
    return st;
}

/* `n` loops nested in the XML, each with one LX. */
static void nested_spec(tbuf *t, size_t n)
{
    char line[96];
    size_t i;

    tbuf_str(t, SPEC_HEAD);
    for (i = 0; i < n; i++) {
        snprintf(line, sizeof line, "<loop id='L%zu' usage='S' max='1'><segment id='LX' usage='R' max='1'/>\n",
                 i);
        tbuf_str(t, line);
    }
    for (i = 0; i < n; i++)
        tbuf_str(t, "</loop>\n");
    tbuf_str(t, SPEC_TAIL);
}

/* `n` loops side by side in the body, loop i holding a loopref to loop
 * i + 1 (the last to loop `last_ref`, or nothing when it is n). */
static void chained_spec(tbuf *t, size_t n, size_t last_ref)
{
    char line[192]; /* the longest line with two 20-digit numbers: 134 */
    size_t i;

    tbuf_str(t, SPEC_HEAD);
    for (i = 0; i < n; i++) {
        size_t to = i + 1 < n ? i + 1 : last_ref;
        if (to < n)
            snprintf(line, sizeof line,
                     "<loop id='L%zu' usage='S' max='1'><segment id='LX' usage='R' max='1'/>"
                     "<loopref ref='L%zu'/></loop>\n",
                     i, to);
        else
            snprintf(line, sizeof line,
                     "<loop id='L%zu' usage='S' max='1'><segment id='LX' usage='R' max='1'/></loop>\n", i);
        tbuf_str(t, line);
    }
    tbuf_str(t, SPEC_TAIL);
}

/* The validator keeps one frame per open loop, so a guide's nesting bounds
 * its memory.  Guides nested in XML beyond libxml2's 256 elements fail to
 * load with the parser's message and line; nesting through looprefs is
 * limited to 256 loops, and a loop that contains itself (which would let
 * input open loops without end) is refused. */
START_TEST(guide_nesting)
{
    tbuf t = {0};
    char err[256];

    nested_spec(&t, 200);
    ck_assert_msg(load_spec_text(&t, err, sizeof err) == X12_OK, "%s", err);
    tbuf_free(&t);

    nested_spec(&t, 300);
    ck_assert_int_eq(load_spec_text(&t, err, sizeof err), X12_ESYNTAX);
    ck_assert_msg(strncmp(err, "deep.xml:", 9) == 0 && strstr(err, "depth") != NULL, "%s", err);
    tbuf_free(&t);

    chained_spec(&t, 256, 256);
    ck_assert_msg(load_spec_text(&t, err, sizeof err) == X12_OK, "%s", err);
    tbuf_free(&t);

    chained_spec(&t, 257, 257);
    ck_assert_int_eq(load_spec_text(&t, err, sizeof err), X12_ESYNTAX);
    ck_assert_msg(strstr(err, "nests loops more than 256 deep") != NULL, "%s", err);
    ck_assert_msg(strncmp(err, "deep.xml:", 9) == 0, "%s", err);
    tbuf_free(&t);

    /* L2 refers back to L0: a cycle, reported at the loopref's line. */
    chained_spec(&t, 3, 0);
    ck_assert_int_eq(load_spec_text(&t, err, sizeof err), X12_ESYNTAX);
    ck_assert_str_eq(err, "deep.xml:17: loop L0 contains itself (through a loopref)");
    tbuf_free(&t);
}
END_TEST

/* ---- a memory budget ----------------------------------------------------------- */

/* The counting allocator that refuses any allocation that would take the
 * bytes in use past `budget` (0: no budget). */
typedef struct budget {
    memcount c;
    size_t budget;
    size_t refused;
} budget;

static void *b_malloc(size_t n, void *u)
{
    budget *b = u;

    if (b->budget && b->c.cur + n > b->budget) {
        b->refused++;
        return NULL;
    }
    return memcount_malloc(n, &b->c);
}

static void *b_realloc(void *q, size_t n, void *u)
{
    budget *b = u;
    size_t old = 0;

    if (q != NULL)
        memcpy(&old, (unsigned char *)q - MEMCOUNT_HDR, sizeof old);
    if (b->budget && n > old && b->c.cur - old + n > b->budget) {
        b->refused++;
        return NULL;
    }
    return memcount_realloc(q, n, &b->c);
}

static void b_free(void *q, void *u)
{
    memcount_free(q, &((budget *)u)->c);
}

static x12_allocator budgeted(budget *b, size_t limit)
{
    x12_allocator a;

    memset(b, 0, sizeof *b);
    b->budget = limit;
    a.struct_size = sizeof a;
    a.malloc_fn = b_malloc;
    a.realloc_fn = b_realloc;
    a.free_fn = b_free;
    a.user = b;
    return a;
}

/* What validating and acknowledging a file under a budget gave. */
typedef struct brun {
    int enomem;          /* some call returned X12_ENOMEM */
    size_t issues;       /* issues handed out */
    size_t peak;
    tbuf ack;            /* the 999 written */
} brun;

static int to_tbuf(void *u, const char *p, size_t n)
{
    tbuf_add(u, p, n);
    return 0;
}

/* Validator + 999 writer on one allocator with `limit` bytes. */
static brun validate_budget(const char *data, size_t len, size_t limit)
{
    brun o;
    budget b;
    x12_allocator a = budgeted(&b, limit);
    x12_reader *r = NULL;
    x12_validator *v = NULL;
    x12_writer *w = NULL;
    x12_ack *k = NULL;
    const x12_segment *seg;
    x12_status st;

    memset(&o, 0, sizeof o);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_callback(w, to_tbuf, &o.ack), X12_OK);
    st = x12_validator_new(&a, &v);
    if (st == X12_OK)
        st = x12_ack_new(&a, X12_ACK_999, w, &k);
    if (st != X12_OK) {
        ck_assert_int_eq(st, X12_ENOMEM);
        o.enomem = 1;
    } else {
        ck_assert_int_eq(x12_ack_set_time(k, "20251123", "1030"), X12_OK);
        ck_assert_int_eq(x12_ack_attach(k, v), X12_OK);
        while (x12_reader_next(r, &seg) == X12_OK) {
            st = x12_validator_segment(v, seg);
            ck_assert(st == X12_OK || st == X12_ENOMEM);
            o.enomem |= st == X12_ENOMEM;
            o.issues += x12_validator_issue_count(v);
        }
        st = x12_validator_finish(v);
        ck_assert(st == X12_OK || st == X12_ENOMEM);
        o.enomem |= st == X12_ENOMEM;
        o.issues += x12_validator_issue_count(v);
        st = x12_ack_status(k);
        ck_assert(st == X12_OK || st == X12_ENOMEM);
        o.enomem |= st == X12_ENOMEM;
    }
    x12_validator_set_handler(v, NULL, NULL);
    x12_ack_free(k);
    x12_validator_free(v);
    x12_writer_free(w);
    x12_reader_free(r);
    ck_assert_uint_eq(b.c.cur, 0); /* nothing leaked, whatever failed */
    o.enomem |= b.refused > 0;
    o.peak = b.c.peak;
    return o;
}

/* X12 -> XML through a converter with `limit` bytes; the status. */
static x12_status xml_budget(const char *data, size_t len, size_t limit, tbuf *out,
                             size_t *peak)
{
    budget b;
    x12_allocator a = budgeted(&b, limit);
    x12_reader *r = NULL;
    x12_xml *x = NULL;
    x12_status st;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    st = x12_xml_new(&a, &x);
    if (st == X12_OK)
        st = x12_xml_write(x, r, to_tbuf, out);
    x12_xml_free(x);
    x12_reader_free(r);
    ck_assert_uint_eq(b.c.cur, 0);
    if (peak != NULL)
        *peak = b.c.peak;
    return st;
}

/* A budget allocator is how a caller caps a handle's memory: under every
 * budget from nothing up to what the run needs, the validator with its
 * 999 writer and the XML converter either finish or say X12_ENOMEM,
 * never crash and leak nothing; with the budget they need, the result is
 * the unlimited one. */
START_TEST(memory_budget)
{
    size_t len, peak, lim;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len);
    brun full, o;
    tbuf want = {0}, got = {0};
    int refused = 0;
    x12_status st;

    ck_assert_ptr_nonnull(data);
    /* Give the validator something to hold: a set with errors. */
    full = validate_budget(data, len, 0);
    ck_assert_int_eq(full.enomem, 0);
    ck_assert_uint_gt(full.ack.len, 0);
    for (lim = 1; lim < full.peak; lim += lim < 4096 ? 64 : full.peak / 64 + 1) {
        o = validate_budget(data, len, lim);
        ck_assert_msg(o.enomem, "budget %zu below the peak %zu, nothing refused", lim,
                      full.peak);
        refused = 1;
        tbuf_free(&o.ack);
    }
    ck_assert(refused);
    o = validate_budget(data, len, full.peak);
    ck_assert_int_eq(o.enomem, 0);
    ck_assert_uint_eq(o.issues, full.issues);
    ck_assert_uint_eq(o.ack.len, full.ack.len);
    ck_assert_mem_eq(o.ack.p, full.ack.p, full.ack.len);
    tbuf_free(&o.ack);
    tbuf_free(&full.ack);

    ck_assert_int_eq(xml_budget(data, len, 0, &want, &peak), X12_OK);
    refused = 0;
    for (lim = 1; lim < peak; lim += lim < 4096 ? 64 : peak / 64 + 1) {
        st = xml_budget(data, len, lim, &got, NULL);
        ck_assert_msg(st == X12_ENOMEM, "budget %zu: %s", lim, x12_strerror(st));
        refused = 1;
        got.len = 0;
    }
    ck_assert(refused);
    ck_assert_int_eq(xml_budget(data, len, peak, &got, NULL), X12_OK);
    ck_assert_uint_eq(got.len, want.len);
    ck_assert_mem_eq(got.p, want.p, want.len);
    tbuf_free(&want);
    tbuf_free(&got);
    free(data);
}
END_TEST

static Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("limits");
    TCase *tg = tcase_create("growth");

    tcase_add_test(tc, max_segment_exact);
    tcase_add_test(tc, max_segment_message);
    tcase_add_test(tc, max_segment_default);
    tcase_add_test(tc, max_segment_strict);
    tcase_add_test(tc, max_segment_before_isa);
    tcase_add_test(tc, option_ranges);
    tcase_add_test(tc, max_elements_exact);
    tcase_add_test(tc, max_elements_default);
    tcase_add_test(tc, guide_nesting);
    tcase_add_test(tc, memory_budget);
    suite_add_tcase(s, tc);
    /* Generous: valgrind runs these 20-50 times slower. */
    tcase_set_timeout(tg, 600);
    tcase_add_test(tg, growth_one_byte_segments);
    tcase_add_test(tg, growth_many_elements);
    tcase_add_test(tg, growth_blank_lines);
    tcase_add_test(tg, growth_components);
    tcase_add_test(tg, huge_segment);
    tcase_add_test(tg, growth_sets_in_group);
    tcase_add_test(tg, growth_hls_in_set);
    suite_add_tcase(s, tg);
    return s;
}

TEST_MAIN(limits_suite)
