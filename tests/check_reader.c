/*
 * Segment reader: delimiters, line breaks, views, the three ways in, limits
 * and hostile input.  Fixtures are small interchanges written for the test.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <zlib.h>

#include "testutil.h"

/* A padded 00501 ISA with * ^ : ~ delimiters (106 bytes with terminator). */
#define ISA_STD                                                                        \
    "ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *251123*1030*^*" \
    "00501*000000101*0*T*:~"

static const char small_ic[] =
    ISA_STD
    "GS*HC*SUBMITTER01*RECEIVER01*20251123*1030*101*X*005010X222A1~"
    "ST*837*0001*005010X222A1~"
    "BHT*0019*00*REF47517*20251123*1030*CH~"
    "NM1*85*2*CLINIC*****XX*1234567893~"
    "HI*ABK:J0300*ABF:R509^ABF:R05~"
    "SE*5*0001~"
    "GE*1*101~"
    "IEA*1*000000101~";

/* Reads all segments of `data`; returns how many; fails on any error. */
static size_t count_clean(const char *data, size_t len)
{
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    size_t n = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        ck_assert_uint_eq(x12_reader_error_count(r), 0);
        n++;
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(x12_reader_error_count(r), 0);
    x12_reader_free(r);
    return n;
}

static int str_is(x12_str s, const char *want)
{
    return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

#define ck_view(s, want) ck_assert_msg(str_is((s), (want)), "got '%.*s', want '%s'", \
                                       (int)(s).len, (s).ptr, (want))

/* Opens a buffer reader and returns the n-th segment (1-based). */
static const x12_segment *nth_segment(x12_reader **rp, const char *data, size_t len, int n)
{
    const x12_segment *seg = NULL;
    int i;

    ck_assert_int_eq(x12_reader_new(NULL, rp), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(*rp, data, len), X12_OK);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(x12_reader_next(*rp, &seg), X12_OK);
    return seg;
}

/* ---- delimiters ---------------------------------------------------------- */

/* The four delimiters come from ISA byte 3, ISA11, ISA16 and the byte after. */
START_TEST(delimiters_standard)
{
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, small_ic, strlen(small_ic), 1);
    x12_delimiters d;

    ck_assert_int_eq(x12_reader_delimiters(r, &d), X12_OK);
    ck_assert_int_eq(d.element, '*');
    ck_assert_int_eq(d.repetition, '^');
    ck_assert_int_eq(d.component, ':');
    ck_assert_int_eq(d.segment, '~');
    d = x12_segment_delimiters(seg);
    ck_assert_int_eq(d.segment, '~');
    x12_reader_free(r);
}
END_TEST

/* Unusual delimiters (| element, } repetition, \ component, ! terminator). */
START_TEST(delimiters_unusual)
{
    static const char in[] =
        "ISA|00|          |00|          |ZZ|A              |ZZ|B              |251123|1030|}|"
        "00501|000000001|0|P|\\!"
        "GS|HC|A|B|20251123|1030|1|X|005010X222A1!"
        "ST|837|0001!"
        "HI|ABK\\J0300}ABF\\R05!"
        "SE|3|0001!GE|1|1!IEA|1|000000001!";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 4);

    ck_view(x12_segment_id(seg), "HI");
    ck_assert_uint_eq(x12_segment_repetition_count(seg, 1), 2);
    ck_view(x12_segment_value(seg, 1, 2, 2), "R05");
    ck_view(x12_segment_component(seg, 1, 2), "J0300");
    x12_reader_free(r);
    ck_assert_uint_eq(count_clean(in, strlen(in)), 7);
}
END_TEST

/* In 00401 ISA11 is the standards id 'U', not a repetition separator, and
 * in 00501 an alphanumeric ISA11 is not one either. */
START_TEST(delimiters_no_repetition)
{
    static const char v401[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *251123*1030*U*"
        "00401*000000001*0*P*:~GS*HC*A*B*20251123*1030*1*X*004010X098A1~ST*837*0001~"
        "HI*ABK:J0300^X~SE*3*0001~GE*1*1~IEA*1*000000001~";
    static const char v501u[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *251123*1030*U*"
        "00501*000000001*0*P*:~GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "HI*ABK:J0300^X~SE*3*0001~GE*1*1~IEA*1*000000001~";
    const char *ins[2] = {v401, v501u};
    int i;

    for (i = 0; i < 2; i++) {
        x12_reader *r;
        const x12_segment *seg = nth_segment(&r, ins[i], strlen(ins[i]), 4);
        x12_delimiters d;
        ck_assert_int_eq(x12_reader_delimiters(r, &d), X12_OK);
        ck_assert_int_eq(d.repetition, 0);
        /* '^' is data here: one repetition whose second component holds it. */
        ck_assert_uint_eq(x12_segment_repetition_count(seg, 1), 1);
        ck_view(x12_segment_component(seg, 1, 2), "J0300^X");
        x12_reader_free(r);
    }
}
END_TEST

/* An ISA whose fields are not padded is still read (ISA16 found by counting
 * separators) and each wrong width is a located warning. */
START_TEST(isa_unpadded)
{
    static const char in[] =
        "ISA*00*  *00*          *ZZ*SHORT*ZZ*RECEIVER01     *251123*1030*^*00501*000000001*0*P*:~"
        "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~SE*2*0001~GE*1*1~"
        "IEA*1*000000001~";
    x12_reader *r;
    const x12_segment *seg;
    const x12_error *e;
    x12_delimiters d;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_int_eq(x12_reader_delimiters(r, &d), X12_OK);
    ck_assert_int_eq(d.component, ':');
    ck_assert_int_eq(d.segment, '~');
    ck_assert_uint_eq(x12_reader_error_count(r), 2);
    e = x12_reader_error_at(r, 0);
    ck_assert_str_eq(x12_error_rule(e), "isa-width");
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_WARNING);
    ck_assert_uint_eq(x12_error_element(e), 2);
    ck_assert_uint_eq(x12_error_segment_number(e), 1);
    ck_assert_str_eq(x12_error_segment_id(e), "ISA");
    ck_assert_str_eq(x12_error_message(e), "ISA02 is 2 characters wide, the standard fixes it at 10");
    e = x12_reader_error_at(r, 1);
    ck_assert_uint_eq(x12_error_element(e), 6);
    ck_view(x12_segment_element(seg, 6), "SHORT");
    ck_view(x12_segment_element(seg, 16), ":");
    while (x12_reader_next(r, &seg) == X12_OK)
        ck_assert_uint_eq(x12_reader_error_count(r), 0);
    ck_assert_uint_eq(x12_reader_total_warnings(r), 2);
    ck_assert_uint_eq(x12_reader_total_errors(r), 0);
    x12_reader_free(r);

    /* The width warnings are envelope checks: switched off with them. */
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, 0), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK)
        ;
    ck_assert_uint_eq(x12_reader_total_warnings(r), 0);
    x12_reader_free(r);
}
END_TEST

/* Two interchanges with different delimiters in one input. */
START_TEST(two_interchanges_different_delimiters)
{
    static const char in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~SE*2*0001~GE*1*1~"
        "IEA*1*000000101~\n"
        "ISA|00|          |00|          |ZZ|A              |ZZ|B              |251123|1030|^|"
        "00501|000000102|0|P|>\n"
        "GS|HC|A|B|20251123|1030|2|X|005010X222A1\nST|837|0002\nNM1|85|2|X>Y\nSE|3|0002\n"
        "GE|1|2\nIEA|1|000000102\n";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 10);

    ck_view(x12_segment_id(seg), "NM1");
    ck_view(x12_segment_component(seg, 3, 2), "Y");
    ck_assert_int_eq(x12_segment_delimiters(seg).segment, '\n');
    ck_assert_int_eq(x12_segment_delimiters(seg).element, '|');
    ck_assert_uint_eq(x12_segment_number(seg), 4);
    x12_reader_free(r);
    ck_assert_uint_eq(count_clean(in, strlen(in)), 13);
}
END_TEST

/* ---- line breaks ------------------------------------------------------------ */

/* CR, LF, CRLF and blank lines after terminators are not data; they are the
 * trailer of the segment before them. */
START_TEST(line_breaks_after_terminators)
{
    static const char in[] =
        ISA_STD "\r\nGS*HC*A*B*20251123*1030*1*X*005010X222A1~\n\n"
        "ST*837*0001~\rNM1*85*2*CLINIC~\r\n\r\nSE*3*0001~GE*1*1~\nIEA*1*000000101~\n";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 2);

    ck_view(x12_segment_raw(seg), "GS*HC*A*B*20251123*1030*1*X*005010X222A1");
    ck_view(x12_segment_trailer(seg), "~\n\n");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_trailer(seg), "~\r");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_element(seg, 3), "CLINIC");
    ck_view(x12_segment_trailer(seg), "~\r\n\r\n");
    x12_reader_free(r);
    ck_assert_uint_eq(count_clean(in, strlen(in)), 7);
}
END_TEST

/* A newline as the terminator itself (ISA16 followed by LF), with CRLF
 * lines: the CR is not part of the data. */
START_TEST(newline_as_terminator)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *251123*1030*^*"
        "00501*000000001*0*P*:\r\n"
        "GS*HC*A*B*20251123*1030*1*X*005010X222A1\r\nST*837*0001\r\n\r\n"
        "NM1*85*2*CLINIC\r\nSE*3*0001\r\nGE*1*1\r\nIEA*1*000000001\r\n";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 1);

    ck_assert_int_eq(x12_segment_delimiters(seg).segment, '\n');
    ck_view(x12_segment_element(seg, 16), ":");
    ck_view(x12_segment_trailer(seg), "\r\n");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_element(seg, 8), "005010X222A1");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_trailer(seg), "\r\n\r\n");
    x12_reader_free(r);
    ck_assert_uint_eq(count_clean(in, strlen(in)), 7);
}
END_TEST

/* A line break inside a segment (wrapped line) is data, never a boundary. */
START_TEST(newline_inside_segment_is_data)
{
    static const char in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "NM1*85*2*BIG\nCLINIC~SE*3*0001~GE*1*1~IEA*1*000000101~";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 4);

    ck_view(x12_segment_element(seg, 3), "BIG\nCLINIC");
    ck_assert_uint_eq(x12_segment_count(seg), 3);
    x12_reader_free(r);
}
END_TEST

/* A byte-order mark and white space before the first ISA are tolerated and
 * kept as the ISA's leading bytes; offsets still count them. */
START_TEST(bom_and_leading_space)
{
    char in[512];
    x12_reader *r;
    const x12_segment *seg;

    snprintf(in, sizeof in, "\xEF\xBB\xBF\r\n  %s", small_ic);
    seg = nth_segment(&r, in, strlen(in), 1);
    ck_view(x12_segment_leading(seg), "\xEF\xBB\xBF\r\n  ");
    ck_assert_uint_eq(x12_segment_offset(seg), 7);
    ck_assert_uint_eq(x12_reader_error_count(r), 0);
    x12_reader_free(r);
    ck_assert_uint_eq(count_clean(in, strlen(in)), 9);
}
END_TEST

/* ---- views --------------------------------------------------------------------- */

/* Elements, components and repetitions follow X12 numbering; absent ones are
 * empty views; middle empty elements keep their place. */
START_TEST(views)
{
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, small_ic, strlen(small_ic), 5);
    x12_str s;

    ck_view(x12_segment_id(seg), "NM1");
    ck_assert_uint_eq(x12_segment_count(seg), 9);
    ck_view(x12_segment_element(seg, 0), "NM1");
    ck_view(x12_segment_element(seg, 1), "85");
    ck_view(x12_segment_element(seg, 4), "");
    ck_view(x12_segment_element(seg, 8), "XX");
    ck_view(x12_segment_element(seg, 9), "1234567893");
    s = x12_segment_element(seg, 10);
    ck_assert_ptr_nonnull(s.ptr);
    ck_assert_uint_eq(s.len, 0);
    ck_assert_uint_eq(x12_segment_repetition_count(seg, 4), 0);
    ck_assert_uint_eq(x12_segment_repetition_count(seg, 1), 1);
    ck_assert_uint_eq(x12_segment_number(seg), 5);
    ck_assert_uint_eq(x12_segment_set_position(seg), 3);

    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_id(seg), "HI");
    ck_view(x12_segment_element(seg, 2), "ABF:R509^ABF:R05");
    ck_assert_uint_eq(x12_segment_repetition_count(seg, 2), 2);
    ck_view(x12_segment_repetition(seg, 2, 1), "ABF:R509");
    ck_view(x12_segment_repetition(seg, 2, 2), "ABF:R05");
    ck_view(x12_segment_repetition(seg, 2, 3), "");
    ck_assert_uint_eq(x12_segment_component_count(seg, 2, 2), 2);
    ck_view(x12_segment_value(seg, 2, 2, 2), "R05");
    ck_view(x12_segment_value(seg, 2, 2, 3), "");
    ck_view(x12_segment_component(seg, 1, 1), "ABK");
    ck_view(x12_segment_component(seg, 1, 2), "J0300");
    ck_view(x12_segment_component(seg, 1, 0), "");
    x12_reader_free(r);
}
END_TEST

/* ISA elements are never split: ISA11 '^' and ISA16 ':' are values. */
START_TEST(isa_not_split)
{
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, small_ic, strlen(small_ic), 1);

    ck_assert_uint_eq(x12_segment_count(seg), 16);
    ck_view(x12_segment_element(seg, 11), "^");
    ck_assert_uint_eq(x12_segment_repetition_count(seg, 11), 1);
    ck_view(x12_segment_component(seg, 16, 1), ":");
    ck_view(x12_segment_element(seg, 6), "SUBMITTER01    ");
    ck_view(x12_segment_trailer(seg), "~");
    x12_reader_free(r);
}
END_TEST

/* Trailing empty elements as read are counted. */
START_TEST(trailing_empty_elements)
{
    static const char in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "REF*EI*123456789**~SE*3*0001~GE*1*1~IEA*1*000000101~";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 4);

    ck_assert_uint_eq(x12_segment_count(seg), 4);
    ck_view(x12_segment_element(seg, 4), "");
    x12_reader_free(r);
}
END_TEST

/* ---- three ways in ------------------------------------------------------------------ */

static const char *fixture_names[] = {"reader-basic.x12", "reader-crlf.x12", "reader-two.x12"};

/* Push input in chunks of 1..64 bytes gives exactly the buffer's segments,
 * positions and diagnostics. */
START_TEST(push_equals_buffer)
{
    size_t len, ch;
    char *data = slurp(data_path(fixture_names[_i]), &len);
    tbuf want = {0};

    ck_assert_ptr_nonnull(data);
    ck_assert_int_eq(sig_buffer(data, len, &want), X12_END);
    for (ch = 1; ch <= 64; ch++) {
        size_t sizes[2] = {ch, 0};
        tbuf got = {0};
        ck_assert_int_eq(sig_push(data, len, sizes, &got), X12_END);
        ck_assert_msg(got.len == want.len && memcmp(got.p, want.p, want.len) == 0,
                      "chunk %zu differs", ch);
        tbuf_free(&got);
    }
    {
        size_t sizes[] = {3, 1, 17, 2, 250, 5, 1, 1, 64, 0};
        tbuf got = {0};
        ck_assert_int_eq(sig_push(data, len, sizes, &got), X12_END);
        ck_assert_str_eq(got.p, want.p);
        tbuf_free(&got);
    }
    tbuf_free(&want);
    free(data);
}
END_TEST

/* Reading a path, a FILE* and a gzip'd copy gives the buffer's results. */
START_TEST(file_and_gzip_equal_buffer)
{
    size_t len;
    const char *path = data_path(fixture_names[_i]);
    char *data = slurp(path, &len);
    tbuf want = {0}, got = {0};
    x12_reader *r;
    char gzpath[] = "/tmp/x12-test-XXXXXX";
    int fd;
    gzFile gz;
    FILE *fp;

    ck_assert_ptr_nonnull(data);
    sig_buffer(data, len, &want);

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, 19), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, path), X12_OK);
    ck_assert_int_eq(drain_reader(r, &got), X12_END);
    x12_reader_free(r);
    ck_assert_str_eq(got.p, want.p);
    tbuf_free(&got);

    fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_file(r, fp), X12_OK);
    ck_assert_int_eq(drain_reader(r, &got), X12_END);
    x12_reader_free(r);
    fclose(fp);
    ck_assert_str_eq(got.p, want.p);
    tbuf_free(&got);

    fd = mkstemp(gzpath);
    ck_assert_int_ge(fd, 0);
    gz = gzdopen(fd, "wb");
    ck_assert_ptr_nonnull(gz);
    ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
    ck_assert_int_eq(gzclose(gz), Z_OK);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, 16), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, gzpath), X12_OK);
    ck_assert_int_eq(drain_reader(r, &got), X12_END);
    x12_reader_free(r);
    unlink(gzpath);
    ck_assert_str_eq(got.p, want.p);
    tbuf_free(&got);
    tbuf_free(&want);
    free(data);
}
END_TEST

/* Two gzip members back to back decode as one stream (as gzip(1) does). */
START_TEST(gzip_concatenated_members)
{
    size_t half = strlen(small_ic) / 2, len = strlen(small_ic);
    char path[] = "/tmp/x12-test-XXXXXX";
    int fd = mkstemp(path);
    gzFile gz;
    tbuf want = {0}, got = {0};
    x12_reader *r;

    ck_assert_int_ge(fd, 0);
    close(fd);
    gz = gzopen(path, "wb");
    gzwrite(gz, small_ic, (unsigned)half);
    gzclose(gz);
    gz = gzopen(path, "ab");
    gzwrite(gz, small_ic + half, (unsigned)(len - half));
    gzclose(gz);
    sig_buffer(small_ic, len, &want);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, path), X12_OK);
    ck_assert_int_eq(drain_reader(r, &got), X12_END);
    x12_reader_free(r);
    unlink(path);
    ck_assert_str_eq(got.p, want.p);
    tbuf_free(&want);
    tbuf_free(&got);
}
END_TEST

/* A truncated gzip stream is a fatal located error, not a silent short read. */
START_TEST(gzip_truncated)
{
    unsigned char comp[1024];
    uLongf clen = sizeof comp;
    z_stream z;
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    const x12_error *e;
    size_t segs = 0;

    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)small_ic;
    z.avail_in = (uInt)strlen(small_ic);
    z.next_out = comp;
    z.avail_out = (uInt)clen;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    clen = z.total_out;
    deflateEnd(&z);

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    /* Drop the 8-byte trailer and a few data bytes. */
    ck_assert_int_eq(x12_reader_feed(r, comp, clen - 12, 1), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK)
        segs++;
    ck_assert_int_eq(st, X12_EGZIP);
    e = x12_reader_last_error(r);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(x12_error_rule(e), "gzip");
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_EGZIP);
    x12_reader_free(r);
}
END_TEST

/* ---- limits and hostile input ----------------------------------------------------------- */

/* A segment over the limit is a located X12_ELIMIT error; reading resumes at
 * the next segment, in buffer and push modes alike. */
START_TEST(segment_too_long)
{
    tbuf in = {0}, want = {0}, got = {0};
    size_t i, sizes[2] = {7, 0};
    x12_reader *r;
    const x12_segment *seg;
    const x12_error *e;

    tbuf_str(&in, ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~NTE*ADD*");
    for (i = 0; i < 300; i++)
        tbuf_str(&in, "X");
    tbuf_str(&in, "~\nSE*3*0001~GE*1*1~IEA*1*000000101~");

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 200), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in.p, in.len), X12_OK);
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ELIMIT);
    ck_assert_ptr_null(seg);
    e = x12_reader_last_error(r);
    ck_assert_str_eq(x12_error_rule(e), "max-segment");
    ck_assert_str_eq(x12_error_segment_id(e), "NTE");
    ck_assert_uint_eq(x12_error_segment_number(e), 4);
    ck_assert_uint_eq(x12_error_offset(e), (uint64_t)(strstr(in.p, "NTE") - in.p));
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_ERROR);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_id(seg), "SE");
    ck_assert_uint_eq(x12_segment_number(seg), 5);
    ck_assert_uint_eq(x12_reader_error_count(r), 0);
    x12_reader_free(r);

    /* Same results when pushed in 7-byte chunks through a small window. */
    {
        x12_reader *a;
        ck_assert_int_eq(x12_reader_new(NULL, &a), X12_OK);
        ck_assert_int_eq(x12_reader_set_option(a, X12_OPT_MAX_SEGMENT_BYTES, 200), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(a, in.p, in.len), X12_OK);
        drain_reader(a, &want);
        x12_reader_free(a);
        ck_assert_int_eq(x12_reader_new(NULL, &a), X12_OK);
        ck_assert_int_eq(x12_reader_set_option(a, X12_OPT_MAX_SEGMENT_BYTES, 200), X12_OK);
        ck_assert_int_eq(x12_reader_set_option(a, X12_OPT_READ_CHUNK_BYTES, 16), X12_OK);
        for (i = 0; i < in.len; i += sizes[0]) {
            size_t n = in.len - i < sizes[0] ? in.len - i : sizes[0];
            ck_assert_int_eq(x12_reader_feed(a, in.p + i, n, i + n == in.len), X12_OK);
            drain_reader(a, &got);
        }
        x12_reader_free(a);
        ck_assert_str_eq(got.p, want.p);
    }
    tbuf_free(&in);
    tbuf_free(&want);
    tbuf_free(&got);
}
END_TEST

/* More elements than the limit: located X12_ELIMIT; the next segment reads. */
START_TEST(too_many_elements)
{
    tbuf in = {0};
    size_t i;
    x12_reader *r;
    const x12_segment *seg;

    tbuf_str(&in, ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~K3");
    for (i = 0; i < 40; i++)
        tbuf_str(&in, "*A");
    tbuf_str(&in, "~SE*3*0001~GE*1*1~IEA*1*000000101~");
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, 32), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in.p, in.len), X12_OK);
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ELIMIT);
    ck_assert_str_eq(x12_error_rule(x12_reader_last_error(r)), "max-elements");
    ck_assert_str_eq(x12_error_segment_id(x12_reader_last_error(r)), "K3");
    ck_assert_uint_eq(x12_error_segment_number(x12_reader_last_error(r)), 4);
    /* The skipped segment still counts: SE is segment 5 and SE01 = 3 holds. */
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_id(seg), "SE");
    ck_assert_uint_eq(x12_segment_number(seg), 5);
    ck_assert_uint_eq(x12_segment_set_position(seg), 3);
    ck_assert_uint_eq(x12_reader_error_count(r), 0);
    x12_reader_free(r);
    tbuf_free(&in);
}
END_TEST

/* Input that does not start with ISA: fatal, located, repeated on later calls. */
START_TEST(not_isa)
{
    static const char in[] = "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~";
    x12_reader *r;
    const x12_segment *seg;
    const x12_error *e;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ESYNTAX);
    e = x12_reader_last_error(r);
    ck_assert_str_eq(x12_error_rule(e), "no-isa");
    ck_assert_str_eq(x12_error_segment_id(e), "GS");
    ck_assert_uint_eq(x12_error_offset(e), 0);
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ESYNTAX);
    x12_reader_free(r);
}
END_TEST

/* Empty input and white space only are "no ISA", not a crash or silence. */
START_TEST(empty_input)
{
    const char *ins[] = {"", "\r\n  \n"};
    int i;

    for (i = 0; i < 2; i++) {
        x12_reader *r;
        const x12_segment *seg;
        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, ins[i], strlen(ins[i])), X12_OK);
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_ESYNTAX);
        ck_assert_str_eq(x12_error_rule(x12_reader_last_error(r)), "no-isa");
        x12_reader_free(r);
    }
}
END_TEST

/* Data after IEA that is not an ISA: a located error, then the next ISA is
 * found and read normally. */
START_TEST(data_after_iea)
{
    tbuf in = {0};
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    size_t n = 0, errs = 0;

    tbuf_str(&in, small_ic);
    tbuf_str(&in, "\nGARBAGE*1*2~MORE~\n");
    tbuf_str(&in, small_ic);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in.p, in.len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        if (st == X12_OK) {
            n++;
            continue;
        }
        errs++;
        ck_assert_int_eq(st, X12_ESYNTAX);
        ck_assert_str_eq(x12_error_rule(x12_reader_last_error(r)), "after-iea");
        ck_assert_uint_eq(x12_error_offset(x12_reader_last_error(r)), strlen(small_ic) + 1);
        ck_assert_int_eq(x12_error_severity(x12_reader_last_error(r)), X12_SEV_ERROR);
    }
    ck_assert_uint_eq(n, 18);
    ck_assert_uint_eq(errs, 1);
    x12_reader_free(r);
    tbuf_free(&in);
}
END_TEST

/* A byte after the last IEA that is white space but also one of the
 * interchange's delimiters (here TAB as the component separator) is junk:
 * reported, never silently dropped (found by the fuzzer). */
START_TEST(delimiter_space_after_iea)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *251123*1030*^*"
        "00501*000000001*0*P*\t~GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "SE*2*0001~GE*1*1~IEA*1*000000001~\n\t";
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    size_t errs = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        if (st == X12_OK)
            continue;
        errs++;
        ck_assert_str_eq(x12_error_rule(x12_reader_last_error(r)), "after-iea");
        ck_assert_uint_eq(x12_error_offset(x12_reader_last_error(r)), strlen(in) - 1);
    }
    ck_assert_uint_eq(errs, 1);
    x12_reader_free(r);
}
END_TEST

/* A TA1 between ISA and GS is where the standard puts it: no nesting error;
 * the same TA1 inside a group is one. */
START_TEST(ta1_placement)
{
    static const char ok_in[] =
        ISA_STD "TA1*000000101*251123*1030*A*000~IEA*0*000000101~";
    static const char bad_in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~TA1*000000101*251123*1030*A*000~"
        "GE*0*1~IEA*1*000000101~";
    tbuf a = {0}, b = {0};

    read_all_rules(ok_in, strlen(ok_in), &a);
    ck_assert_str_eq(a.p, "");
    read_all_rules(bad_in, strlen(bad_in), &b);
    ck_assert_str_eq(b.p, "nesting@3:TA1;");
    tbuf_free(&a);
    tbuf_free(&b);
}
END_TEST

/* The last segment without a terminator is still handed out, with an error. */
START_TEST(unterminated_last_segment)
{
    static const char in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~SE*2*0001~GE*1*1~"
        "IEA*1*000000101";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 6);

    ck_view(x12_segment_id(seg), "IEA");
    ck_assert_uint_eq(x12_reader_error_count(r), 1);
    ck_assert_str_eq(x12_error_rule(x12_reader_error_at(r, 0)), "unterminated");
    ck_assert_uint_eq(x12_error_segment_number(x12_reader_error_at(r, 0)), 6);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_END);
    x12_reader_free(r);
}
END_TEST

/* With LF as the terminator, a CR before it belongs to the terminator; at
 * the end of input with no terminator, a last CR is the segment's data
 * (fuzz/regressions/xml-unterminated-cr.bin: it was dropped from the data
 * and given as a trailer that starts with no terminator). */
START_TEST(unterminated_last_segment_cr)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *251123*1030*^*"
        "00501*000000101*0*T*:\n"
        "GS*HC*A*B*20251123*1030*1*X*005010X222A1\r\nIEA*1*000000101\r";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 2);

    ck_view(x12_segment_raw(seg), "GS*HC*A*B*20251123*1030*1*X*005010X222A1");
    ck_view(x12_segment_trailer(seg), "\r\n");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_raw(seg), "IEA*1*000000101\r");
    ck_view(x12_segment_element(seg, 2), "000000101\r");
    ck_assert_uint_eq(x12_segment_trailer(seg).len, 0);
    ck_assert_str_eq(x12_error_rule(x12_reader_error_at(r, 0)), "unterminated");
    x12_reader_free(r);
}
END_TEST

/* "ISA" and nothing after it inside an interchange is a header cut short:
 * a fatal error, never a segment with the id ISA and no delimiters of its
 * own (fuzz/regressions/xml-isa-cut-at-end.bin: X12 -> XML wrote it as a
 * second interchange that cannot be read back).  Pushed byte by byte the
 * same. */
START_TEST(isa_cut_at_end)
{
    static const char in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ISA";
    int mode;

    for (mode = 0; mode < 2; mode++) {
        x12_reader *r;
        const x12_segment *seg;
        x12_status st;
        size_t i, n = 0;
        const x12_error *e;

        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        if (mode == 0)
            ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
        else
            ck_assert_int_eq(x12_reader_feed(r, in, 1, 0), X12_OK);
        for (i = 1;;) {
            st = x12_reader_next(r, &seg);
            if (st == X12_OK) {
                ck_assert_msg(!str_is(x12_segment_id(seg), "ISA") || n == 0,
                              "a second ISA segment");
                n++;
                continue;
            }
            if (st != X12_AGAIN)
                break;
            ck_assert_int_eq(mode, 1);
            ck_assert_int_eq(x12_reader_feed(r, in + i, 1, i + 1 == strlen(in)), X12_OK);
            i++;
        }
        ck_assert_uint_eq(n, 2);
        ck_assert_int_eq(st, X12_ESYNTAX);
        e = x12_reader_last_error(r);
        ck_assert_str_eq(x12_error_rule(e), "isa");
        ck_assert_uint_eq(x12_error_offset(e), strlen(in) - 3);
        ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
        x12_reader_free(r);
    }
}
END_TEST

/* Issue 20: ISA11 the same byte as ISA16 cannot be a repetition separator
 * as well; the interchange is read without one, and that is reported at
 * ISA11 (it was silent). */
START_TEST(isa11_equals_isa16)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *251123*1030*:*"
        "00501*000000101*0*T*:~"
        "GS*HC*SUBMITTER01*RECEIVER01*20251123*1030*101*X*005010X222A1~";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 1);
    const x12_error *e;

    ck_assert_int_eq(x12_segment_delimiters(seg).repetition, 0);
    ck_assert_int_eq(x12_segment_delimiters(seg).component, ':');
    ck_assert_uint_eq(x12_reader_error_count(r), 1);
    e = x12_reader_error_at(r, 0);
    ck_assert_str_eq(x12_error_rule(e), "delimiters");
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_ERROR);
    ck_assert_uint_eq(x12_error_segment_number(e), 1);
    ck_assert_uint_eq(x12_error_element(e), 11);
    ck_assert_str_eq(x12_error_message(e),
                     "ISA11, the repetition separator, is the same byte as the component "
                     "separator (ISA16): the interchange is read with no repetition separator");
    x12_reader_free(r);
}
END_TEST

/* Issue 20: a segment the reader skips, or data after IEA, whose first
 * bytes are a name: the record shows "?", not the name's first three
 * letters ("SMI" has X12's shape), and no message quotes it. */
START_TEST(skipped_names_not_shown)
{
    tbuf in = {0};
    size_t i;
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    int n = 0;

    tbuf_str(&in, ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
                          "SMITHJOHN123456789*");
    for (i = 0; i < 300; i++)
        tbuf_str(&in, "X");
    tbuf_str(&in, "~SE*3*0001~GE*1*1~IEA*1*000000101~SMITHJOHN123456789*X~");
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 200), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in.p, in.len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        const x12_error *e;
        if (st == X12_OK)
            continue;
        e = x12_reader_last_error(r);
        ck_assert_str_eq(x12_error_rule(e), n == 0 ? "max-segment" : "after-iea");
        ck_assert_str_eq(x12_error_segment_id(e), "?");
        ck_assert_ptr_null(strstr(x12_error_message(e), "SMI"));
        n++;
    }
    ck_assert_int_eq(n, 2);
    x12_reader_free(r);
    tbuf_free(&in);
}
END_TEST

/* Bad segment ids are returned (nothing is lost) with a located error. */
START_TEST(bad_segment_ids)
{
    static const char in[] =
        ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "nm1*85~~TOOLONG*1~SE*5*0001~GE*1*1~IEA*1*000000101~";
    x12_reader *r;
    const x12_segment *seg = nth_segment(&r, in, strlen(in), 4);
    const x12_error *e;

    ck_view(x12_segment_id(seg), "nm1");
    ck_assert_uint_eq(x12_reader_error_count(r), 1);
    e = x12_reader_error_at(r, 0);
    ck_assert_str_eq(x12_error_rule(e), "segment-id");
    ck_assert_uint_eq(x12_error_segment_number(e), 4);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_uint_eq(x12_segment_raw(seg).len, 0);
    ck_assert_str_eq(x12_error_rule(x12_reader_error_at(r, 0)), "segment-id");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_id(seg), "TOOLONG");
    ck_assert_str_eq(x12_error_rule(x12_reader_error_at(r, 0)), "segment-id");
    /* Error records keep only ids of X12's shape; anything else may be
     * data (a name, say) and shows as "?". */
    ck_assert_str_eq(x12_error_segment_id(x12_reader_error_at(r, 0)), "?");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_uint_eq(x12_reader_error_count(r), 0);
    x12_reader_free(r);
}
END_TEST

/* Binary junk inside an interchange never crashes and every call returns a
 * defined status; memory stays bounded by the segment limit. */
START_TEST(binary_junk)
{
    tbuf in = {0};
    uint32_t x = 2463534242u;
    size_t i, calls = 0;
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;

    tbuf_str(&in, ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~");
    for (i = 0; i < 200000; i++) {
        char c;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = (char)(x & 0xff);
        tbuf_add(&in, &c, 1);
    }
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 1024), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in.p, in.len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        calls++;
        ck_assert(st == X12_OK || st == X12_ELIMIT || st == X12_ESYNTAX);
        if (st != X12_OK)
            ck_assert_ptr_nonnull(x12_reader_last_error(r));
        ck_assert_uint_lt(calls, in.len);
    }
    ck_assert_uint_gt(x12_reader_total_errors(r), 0);
    x12_reader_free(r);
    tbuf_free(&in);
}
END_TEST

/* ---- memory ------------------------------------------------------------------------------ */

/* Streaming 20 MB of claims through the push API holds memory bounded by
 * the segment limit plus the read chunk, not by the input size. */
START_TEST(constant_memory)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    uint64_t segs = 0, target = 20u << 20, fed = 0;
    static const char claim[] =
        "HL*3*2*22*0~SBR*P*18*******CI~NM1*IL*1*DOE*JANE****MI*XJ12345~"
        "CLM*PCN0001*125***11:B:1*Y*A*Y*Y~HI*ABK:J0300~LX*1~SV1*HC:99213*125*UN*1***1~"
        "DTP*472*D8*20251101~";
    char head[512];

    snprintf(head, sizeof head, "%sGS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~",
             ISA_STD);
    ck_assert_int_eq(x12_reader_new(&a, &r), X12_OK);
    ck_assert_int_eq(x12_reader_feed(r, head, strlen(head), 0), X12_OK);
    while (fed < target) {
        ck_assert_int_eq(x12_reader_feed(r, claim, strlen(claim), 0), X12_OK);
        fed += strlen(claim);
        while ((st = x12_reader_next(r, &seg)) == X12_OK)
            segs++;
        ck_assert_int_eq(st, X12_AGAIN);
    }
    ck_assert_int_eq(x12_reader_feed(r, "SE*1*0001~GE*1*1~IEA*1*000000101~", 33, 1), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK)
        segs++;
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_gt(segs, 1000000);
    /* Window of 2 x 64 KiB segment limit + 64 KiB chunk, plus small
     * bookkeeping: far below the 20 MB fed. */
    ck_assert_uint_lt(c.peak, 256u * 1024);
    x12_reader_free(r);
    ck_assert_uint_eq(c.cur, 0);
}
END_TEST

/* Every allocation failing in turn gives X12_ENOMEM or a located error,
 * never a crash or a leak. */
START_TEST(allocation_failures)
{
    size_t k;

    for (k = 1; k < 12; k++) {
        memcount c;
        x12_allocator a = memcounting(&c);
        x12_reader *r = NULL;
        const x12_segment *seg;
        x12_status st;
        c.fail_from = (long)k + 1; /* k allocations succeed */
        st = x12_reader_new(&a, &r);
        if (st == X12_OK) {
            st = x12_reader_feed(r, small_ic, strlen(small_ic), 1);
            if (st == X12_OK)
                while ((st = x12_reader_next(r, &seg)) == X12_OK)
                    ;
            ck_assert(st == X12_END || st == X12_ENOMEM);
            x12_reader_free(r);
        } else {
            ck_assert_int_eq(st, X12_ENOMEM);
        }
        ck_assert_uint_eq(c.cur, 0);
    }
}
END_TEST

/* A chunk refused for want of memory is not taken, nor its final flag:
 * fed again once memory is there, the input reads to the end
 * (fuzz/regressions/remit835-push-feed-enomem.bin: the final flag was
 * kept, so the chunk could never be fed again). */
START_TEST(feed_refused_is_not_taken)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    size_t n = 0;

    ck_assert_int_eq(x12_reader_new(&a, &r), X12_OK);
    /* the reader, then the window: the staging buffer is refused */
    c.calls = 0;
    c.fail_from = 2;
    ck_assert_int_eq(x12_reader_feed(r, small_ic, strlen(small_ic), 1), X12_ENOMEM);
    ck_assert_int_eq(x12_reader_feed(r, small_ic, strlen(small_ic), 1), X12_ENOMEM);
    c.fail_from = 0;
    ck_assert_int_eq(x12_reader_feed(r, small_ic, strlen(small_ic), 1), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        ck_assert_uint_eq(x12_reader_error_count(r), 0);
        n++;
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(n, 9);
    ck_assert_int_eq(x12_reader_feed(r, "x", 1, 0), X12_ESTATE);
    x12_reader_free(r);
    ck_assert_uint_eq(c.cur, 0);
}
END_TEST

/* Out of memory while reading a file is a located error that says so
 * (rule "memory"); it was an empty message (" after 0 decoded bytes"). */
START_TEST(read_buffer_refused)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_reader *r;
    const x12_segment *seg;
    const x12_error *e;

    ck_assert_int_eq(x12_reader_new(&a, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, data_path("reader-basic.x12")), X12_OK);
    c.fail_from = (long)c.calls + 1; /* every one from now: the read buffer is the next */
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ENOMEM);
    e = x12_reader_last_error(r);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(x12_error_rule(e), "memory");
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
    ck_assert_str_eq(x12_error_message(e), "out of memory reading the input (after 0 decoded bytes)");
    x12_reader_free(r);
    ck_assert_uint_eq(c.cur, 0);
}
END_TEST

/* A diagnostic the reader cannot list for want of memory ends the call
 * with X12_ENOMEM and stops the reader, so that a caller reading the list
 * (x12_reader_error_at) never loses it: the call returned X12_OK with an
 * empty list, the diagnostic only counted and passed to the handler
 * (fuzz/regressions/txn-reader-list-out-of-memory.bin found it through the
 * 277 stream).  With memory, the same segment is handed out and listed. */
static void count_handled(void *user, const x12_error *e)
{
    (void)e;
    ++*(int *)user;
}

START_TEST(diagnostic_list_out_of_memory)
{
    static const char ic[] = ISA_STD "GS*HC*A*B*20251123*1030*1*X*005010X222A1~"
                                     "ST*837*0001~BHT*0019*00*1*20251123*1030*CH~"
                                     "nm1*85*2~SE*4*0001~GE*1*1~IEA*1*000000101~";
    const x12_error *listed = NULL, *e;
    uint64_t segno = 0, offset = 0;
    int pass, handled;

    for (pass = 0; pass < 2; pass++) {
        failcount c = {0, 0, -1};
        x12_allocator a = {sizeof a, failcount_malloc, failcount_realloc, failcount_free, &c};
        x12_reader *r;
        const x12_segment *seg;
        int i;

        handled = 0;
        ck_assert_int_eq(x12_reader_new(&a, &r), X12_OK);
        x12_reader_set_error_handler(r, count_handled, &handled);
        ck_assert_int_eq(x12_reader_open_buffer(r, ic, strlen(ic)), X12_OK);
        for (i = 0; i < 4; i++) /* ISA GS ST BHT */
            ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
        ck_assert_uint_eq(x12_reader_error_count(r), 0);
        if (pass == 0) {
            /* memory to spare: the bad id is listed on its segment */
            ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
            ck_assert_uint_eq(x12_reader_error_count(r), 1);
            listed = x12_reader_error_at(r, 0);
            ck_assert_str_eq(x12_error_rule(listed), "segment-id");
            segno = x12_error_segment_number(listed);
            offset = x12_error_offset(listed);
            ck_assert_uint_eq(segno, x12_segment_number(seg));
        } else {
            c.fail_at = c.allocs; /* every allocation from here fails */
            ck_assert_int_eq(x12_reader_next(r, &seg), X12_ENOMEM);
            ck_assert_ptr_null(seg);
            /* the diagnostic is still delivered and counted, and so is
             * the out-of-memory error that ends the call */
            ck_assert_int_eq(handled, 2);
            ck_assert_uint_eq(x12_reader_total_errors(r), 2);
            e = x12_reader_last_error(r);
            ck_assert_ptr_nonnull(e);
            ck_assert_int_eq(x12_error_status(e), X12_ENOMEM);
            ck_assert_int_eq(x12_error_severity(e), X12_SEV_FATAL);
            ck_assert_str_eq(x12_error_rule(e), "memory");
            ck_assert_ptr_nonnull(strstr(x12_error_message(e), "segment-id"));
            ck_assert_uint_eq(x12_error_segment_number(e), segno);
            ck_assert_uint_eq(x12_error_offset(e), offset);
            /* the reader stays stopped, with the same status */
            c.fail_at = -1;
            ck_assert_int_eq(x12_reader_next(r, &seg), X12_ENOMEM);
            ck_assert_int_eq(x12_reader_next(r, &seg), X12_ENOMEM);
        }
        x12_reader_free(r);
        ck_assert_int_eq(c.allocs, c.frees);
    }
}
END_TEST

/* A malformed allocator is refused. */
START_TEST(bad_allocator)
{
    x12_allocator a = {sizeof(x12_allocator) - 1, memcount_malloc, memcount_realloc, memcount_free,
                       NULL};
    x12_reader *r = (x12_reader *)&a;

    ck_assert_int_eq(x12_reader_new(&a, &r), X12_EINVAL);
    ck_assert_ptr_null(r);
}
END_TEST

/* ---- API discipline ---------------------------------------------------------------------- */

/* Options are validated and frozen once input is open; calls on NULL
 * handles fail cleanly; a second input is refused. */
START_TEST(api_states)
{
    x12_reader *r;
    const x12_segment *seg;

    ck_assert_int_eq(x12_reader_new(NULL, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_reader_next(NULL, &seg), X12_EINVAL);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_ESTATE);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 10), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_STRICT, 2), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, (x12_reader_option)99, 1), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 1000), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_MAX_SEGMENT_BYTES), 1000);
    ck_assert_int_eq(x12_reader_open_buffer(r, small_ic, strlen(small_ic)), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, 2000), X12_ESTATE);
    ck_assert_int_eq(x12_reader_open_buffer(r, small_ic, 3), X12_ESTATE);
    ck_assert_int_eq(x12_reader_feed(r, "x", 1, 0), X12_ESTATE);
    x12_reader_free(r);
    x12_reader_free(NULL);

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, "/nonexistent/x12/file"), X12_EIO);
    ck_assert_int_eq(errno, ENOENT);
    x12_reader_free(r);

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_feed(r, small_ic, 10, 1), X12_OK);
    ck_assert_int_eq(x12_reader_feed(r, small_ic, 10, 0), X12_ESTATE);
    x12_reader_free(r);
}
END_TEST

/* The push reader returns X12_AGAIN until a segment is complete, and the
 * trailer waits for the next non-space byte. */
START_TEST(push_again)
{
    x12_reader *r;
    const x12_segment *seg;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_feed(r, small_ic, 50, 0), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_AGAIN);
    ck_assert_int_eq(x12_reader_feed(r, small_ic + 50, 56, 0), X12_OK); /* through '~' */
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_AGAIN);
    ck_assert_int_eq(x12_reader_feed(r, "\n\nG", 3, 0), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_view(x12_segment_trailer(seg), "~\n\n");
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_AGAIN);
    x12_reader_free(r);
}
END_TEST

/* ---- scanners (X12_OPT_SCAN) ------------------------------------------------------ */

/* The option takes AUTO, GENERAL and INDEX (when this CPU has an index)
 * and reads back the kind in use, x12_reader_scanner_name names it, the
 * CPU-specific levels are not option values, and the choice is frozen once
 * input is open. */
START_TEST(scan_option)
{
    x12_reader *r;
    uint64_t best = scan_best(), kind;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    kind = best > SCAN_GENERAL ? X12_SCAN_INDEX : X12_SCAN_GENERAL;
#if defined(__x86_64__) && defined(__POPCNT__)
    ck_assert_uint_eq(kind, X12_SCAN_INDEX);
#endif
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_SCAN), kind);
    ck_assert_str_eq(x12_reader_scanner_name(r), scan_names[best]);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, X12_SCAN_GENERAL), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_SCAN), X12_SCAN_GENERAL);
    ck_assert_str_eq(x12_reader_scanner_name(r), "general");
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, X12_SCAN_INDEX),
                     kind == X12_SCAN_INDEX ? X12_OK : X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, X12_SCAN_AUTO), X12_OK);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_SCAN), kind);
    ck_assert_str_eq(x12_reader_scanner_name(r), scan_names[best]);
    /* The old CPU-specific values 3 and 4 are gone from the option. */
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, 3), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, 4), X12_EINVAL);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_SCAN), kind);
    ck_assert_int_eq(x12_reader_open_buffer(r, small_ic, strlen(small_ic)), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, X12_SCAN_GENERAL), X12_ESTATE);
    x12_reader_free(r);
    ck_assert_str_eq(x12_reader_scanner_name(NULL), "general");
}
END_TEST

/* X12_SCANNER picks a scanner this CPU has for AUTO; a name it does not
 * know, or "general", leaves INDEX the fastest index. */
START_TEST(scan_env)
{
    x12_reader *r;
    uint64_t best = scan_best();

    r = scan_reader(SCAN_GENERAL);
    ck_assert_uint_eq(x12_reader_get_option(r, X12_OPT_SCAN), X12_SCAN_GENERAL);
    if (best > SCAN_GENERAL) {
        ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_SCAN, X12_SCAN_INDEX), X12_OK);
        ck_assert_str_eq(x12_reader_scanner_name(r), scan_names[best]);
    }
    x12_reader_free(r);
    ck_assert_int_eq(setenv("X12_SCANNER", "quantum", 1), 0);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(unsetenv("X12_SCANNER"), 0);
    ck_assert_str_eq(x12_reader_scanner_name(r), scan_names[best]);
    x12_reader_free(r);
}
END_TEST

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/*
 * An input made to walk the indexed scanner over its edges: segments of
 * 0 to 90 elements and of every length, several per 64-byte block and
 * across the 4096-byte index span; a run of more than 64 separators in one
 * block; runs of short and of empty segments (up to 64 terminators in a
 * block); a segment longer than the span; ids of 2 and 3 characters, some
 * starting with I (IK3, INS) and some malformed; trailers of nothing, LF,
 * CRLF and spaces; an IEA followed by an interchange with other
 * delimiters, and an ISA that arrives before its predecessor's IEA.
 */
static char *mixed_input(uint32_t seed, size_t *len)
{
    static const char *ids[] = {"NM1", "N3",  "N4",  "REF", "HL",  "SV1", "DTP", "CLM", "HI",
                                "IK3", "INS", "LX",  "AMT", "K3",  "PWK", "N1",  "Nd4", "NM31",
                                "",    "I",   "IS",  "ISB", "ISA1"};
    static const char *trailers[] = {"", "", "", "\n", "\r\n", "  \n", "\n\n"};
    tbuf b = {0};
    uint32_t st = seed;
    int ic, i, j, k;

    for (ic = 0; ic < 3; ic++) {
        const char el = ic == 1 ? '|' : '*', term = ic == 1 ? '!' : '~';
        char isa[128];
        snprintf(isa, sizeof isa,
                 "ISA%c00%c          %c00%c          %cZZ%cSUBMITTER01    %cZZ%cRECEIVER01     "
                 "%c251123%c1030%c^%c00501%c00000010%d%c0%cT%c:%c",
                 el, el, el, el, el, el, el, el, el, el, el, el, el, ic, el, el, el, term);
        tbuf_str(&b, isa);
        tbuf_str(&b, trailers[lcg(&st) % 5]);
        snprintf(isa, sizeof isa, "GS%cHC%cS%cR%c20251123%c1030%c1%cX%c005010X222A1%cST%c837%c0001%c",
                 el, el, el, el, el, el, el, el, term, el, el, term);
        tbuf_str(&b, isa);
        for (i = 0; i < 400; i++) {
            const char *id = ids[lcg(&st) % (sizeof ids / sizeof ids[0])];
            int nel = (int)(lcg(&st) % 8);
            if (lcg(&st) % 10 == 0)
                nel = (int)(lcg(&st) % 91);
            tbuf_str(&b, id);
            for (j = 0; j < nel; j++) {
                int w = (int)(lcg(&st) % 12);
                tbuf_add(&b, &el, 1);
                for (k = 0; k < w; k++) {
                    char c = (char)('A' + lcg(&st) % 26);
                    if (k > 0 && lcg(&st) % 7 == 0)
                        c = ':';
                    tbuf_add(&b, &c, 1);
                }
            }
            if (i == 150) {
                /* 300 separators in a row, then a segment longer than the
                 * index span. */
                for (j = 0; j < 300; j++)
                    tbuf_add(&b, &el, 1);
                tbuf_add(&b, &term, 1);
                tbuf_str(&b, "MSG");
                tbuf_add(&b, &el, 1);
                for (j = 0; j < 5000; j++) {
                    char c = (char)('a' + j % 26);
                    tbuf_add(&b, &c, 1);
                }
            }
            tbuf_add(&b, &term, 1);
            tbuf_str(&b, trailers[lcg(&st) % 7]);
            if (i == 250) {
                /* More terminators in a block than the index stores
                 * unconditionally: short segments, then empty ones. */
                for (j = 0; j < 60; j++) {
                    tbuf_str(&b, "K3");
                    tbuf_add(&b, &term, 1);
                }
                for (j = 0; j < 70; j++)
                    tbuf_add(&b, &term, 1);
            }
        }
        snprintf(isa, sizeof isa, "SE%c402%c0001%cGE%c1%c1%c", el, el, term, el, el, term);
        tbuf_str(&b, isa);
        if (ic != 1) {
            snprintf(isa, sizeof isa, "IEA%c1%c00000010%d%c\n", el, el, ic, term);
            tbuf_str(&b, isa);
        }
    }
    *len = b.len;
    return b.p;
}

/* Every scanner gives the general scanner's segments, elements, numbers,
 * offsets and errors on the mixed input, with default and small limits,
 * from a buffer and pushed in pieces. */
START_TEST(scanners_agree)
{
    static const uint64_t limits[3][2] = {{0, 0}, {16, 0}, {0, 300}};
    uint64_t best = scan_best(), sc;
    size_t len, v;
    char *data = mixed_input(7u + (uint32_t)_i, &len);

    ck_assert_uint_gt(len, 3 * 4096);
    for (v = 0; v < 3; v++) {
        tbuf want = {0};
        x12_status st0;
        size_t sizes[] = {1, 7, 64, 4096, 70000, 0};
        size_t c;

        for (sc = SCAN_GENERAL; sc <= best; sc++) {
            x12_reader *r = scan_reader(sc);
            tbuf got = {0};
            x12_status st;

            if (limits[v][0])
                ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, limits[v][0]),
                                 X12_OK);
            if (limits[v][1])
                ck_assert_int_eq(
                    x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, limits[v][1]), X12_OK);
            ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
            st = drain_reader(r, sc == SCAN_GENERAL ? &want : &got);
            x12_reader_free(r);
            if (sc == SCAN_GENERAL) {
                st0 = st;
                /* The input's defects are seen (so the comparison covers
                 * error paths too). */
                ck_assert_ptr_nonnull(strstr(want.p, "segment-id"));
                ck_assert_ptr_nonnull(strstr(want.p, v == 1 ? "max-elements" : "se01-count"));
                continue;
            }
            ck_assert_int_eq(st, st0);
            ck_assert_msg(got.len == want.len && memcmp(got.p, want.p, want.len) == 0,
                          "scanner %s differs from the general one (limits %zu)",
                          scan_names[sc], v);
            tbuf_free(&got);
        }
        /* Pushed in pieces (the default, fastest scanner). */
        for (c = 0; sizes[c] && v == 0; c++) {
            size_t one[2] = {sizes[c], 0};
            tbuf got = {0};
            ck_assert_int_eq(sig_push(data, len, one, &got), st0);
            ck_assert_msg(got.len == want.len && memcmp(got.p, want.p, want.len) == 0,
                          "push by %zu differs from the general scanner", sizes[c]);
            tbuf_free(&got);
        }
        tbuf_free(&want);
    }
    free(data);
}
END_TEST

/* The element views an indexed scanner hands out are the right bytes, for
 * a segment inside a 64-byte block, one across blocks and the span, and
 * one with more than 64 elements. */
START_TEST(scanners_elements)
{
    uint64_t best = scan_best(), sc;
    tbuf in = {0};
    int i;

    tbuf_str(&in, ISA_STD "GS*HC*S*R*20251123*1030*1*X*005010X222A1~ST*837*0001~");
    for (i = 0; i < 200; i++)
        tbuf_str(&in, "NM1*IL*1*DOE*JOHN****MI*W123456789~\r\n");
    for (i = 0; i < 70; i++)
        tbuf_str(&in, i ? "*" : "REF");
    tbuf_str(&in, "*LAST~SE*203*0001~GE*1*1~IEA*1*000000101~");
    for (sc = SCAN_GENERAL; sc <= best; sc++) {
        x12_reader *r = scan_reader(sc);
        const x12_segment *seg;
        int n = 0;

        ck_assert_int_eq(x12_reader_open_buffer(r, in.p, in.len), X12_OK);
        while (x12_reader_next(r, &seg) == X12_OK) {
            ck_assert_uint_eq(x12_reader_error_count(r), 0);
            n++;
            if (n >= 4 && n < 204) {
                ck_assert_uint_eq(x12_segment_count(seg), 9);
                ck_view(x12_segment_id(seg), "NM1");
                ck_view(x12_segment_element(seg, 3), "DOE");
                ck_view(x12_segment_element(seg, 5), "");
                ck_view(x12_segment_element(seg, 9), "W123456789");
                ck_view(x12_segment_trailer(seg), "~\r\n");
            } else if (n == 204) {
                ck_assert_uint_eq(x12_segment_count(seg), 70);
                ck_view(x12_segment_id(seg), "REF");
                ck_view(x12_segment_element(seg, 69), "");
                ck_view(x12_segment_element(seg, 70), "LAST");
                ck_view(x12_segment_element(seg, 71), "");
            }
        }
        ck_assert_int_eq(n, 207);
        x12_reader_free(r);
    }
    tbuf_free(&in);
}
END_TEST

static Suite *reader_suite(void)
{
    Suite *s = suite_create("reader");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, delimiters_standard);
    tcase_add_test(tc, delimiters_unusual);
    tcase_add_test(tc, delimiters_no_repetition);
    tcase_add_test(tc, isa_unpadded);
    tcase_add_test(tc, two_interchanges_different_delimiters);
    tcase_add_test(tc, line_breaks_after_terminators);
    tcase_add_test(tc, newline_as_terminator);
    tcase_add_test(tc, newline_inside_segment_is_data);
    tcase_add_test(tc, bom_and_leading_space);
    tcase_add_test(tc, views);
    tcase_add_test(tc, isa_not_split);
    tcase_add_test(tc, trailing_empty_elements);
    tcase_add_loop_test(tc, push_equals_buffer, 0, 3);
    tcase_add_loop_test(tc, file_and_gzip_equal_buffer, 0, 3);
    tcase_add_test(tc, gzip_concatenated_members);
    tcase_add_test(tc, gzip_truncated);
    tcase_add_test(tc, segment_too_long);
    tcase_add_test(tc, too_many_elements);
    tcase_add_test(tc, not_isa);
    tcase_add_test(tc, empty_input);
    tcase_add_test(tc, data_after_iea);
    tcase_add_test(tc, delimiter_space_after_iea);
    tcase_add_test(tc, ta1_placement);
    tcase_add_test(tc, unterminated_last_segment);
    tcase_add_test(tc, unterminated_last_segment_cr);
    tcase_add_test(tc, isa_cut_at_end);
    tcase_add_test(tc, isa11_equals_isa16);
    tcase_add_test(tc, skipped_names_not_shown);
    tcase_add_test(tc, bad_segment_ids);
    tcase_add_test(tc, binary_junk);
    tcase_add_test(tc, constant_memory);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, feed_refused_is_not_taken);
    tcase_add_test(tc, read_buffer_refused);
    tcase_add_test(tc, diagnostic_list_out_of_memory);
    tcase_add_test(tc, bad_allocator);
    tcase_add_test(tc, api_states);
    tcase_add_test(tc, push_again);
    tcase_add_test(tc, scan_option);
    tcase_add_test(tc, scan_env);
    tcase_add_loop_test(tc, scanners_agree, 0, 4);
    tcase_add_test(tc, scanners_elements);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(reader_suite)
