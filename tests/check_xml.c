/*
 * check_xml - X12 <-> XML (include/x12/xml.h) and the validator's loop
 * accessor it is built on.
 *
 * What each test proves:
 *   corpus_round_trip     every file in ../shared/x12/corpus goes X12 -> XML
 *                         -> X12 byte for byte, and each document is valid
 *                         against specs/x12xml.xsd; the one file without an
 *                         ISA gives a located error instead.
 *   fixtures_round_trip   the same for the .x12 fixtures in tests/data and
 *                         the claim837-NAME.837 ones.
 *   push_same_as_buffer   a reader fed one byte at a time (X12_AGAIN on the
 *                         way) gives the same document as a buffer.
 *   loops_837p / _835     loops follow the guide: one <loop id="2300"> per
 *                         CLM, a 2400 per LX inside it, a 2100 per CLP.
 *   plain_and_unknown     --plain and a set without a guide: no <loop>.
 *   odd_bytes             non-UTF-8 bytes, control characters, a byte-order
 *                         mark, control-character delimiters, CR LF inside
 *                         a trailer, repetitions and empty components, an
 *                         unterminated last segment: hex/escapes, identity.
 *   markup_delimiters     & < > " as delimiters: escaped in attributes, read
 *                         back as the bytes (libxml2 keeps '&' as "&#38;"
 *                         in attribute values unless told to replace).
 *   isa_field_terminator  an ISA field holding the terminator comes back.
 *   nul_delimiters        NUL and control bytes as delimiters come back.
 *   untokenizable         junk after IEA and over-long segments stop the
 *                         conversion with the reader's located error.
 *   bad_xml               each kind of bad XML input gives its status, rule,
 *                         XML line and segment number, never a crash; no
 *                         message quotes the value.
 *   xml_segment_limit     X12_XOPT_MAX_SEGMENT_BYTES at the limit and one
 *                         below it.
 *   encoding_errors_silent  bytes not in the declared encoding: an error,
 *                         nothing printed on stderr.
 *   truncated_xml         every prefix of a good document is an error.
 *   io_errors             failing read/write callbacks give X12_EIO.
 *   reader_already_read   segments read before the call: refused, located.
 *   large_stream          a generated 3 MB 837P streams through files in
 *                         both directions, identical, in bounded memory (its
 *                         XML is over 12 MB; peak memory may grow by 16 MB).
 *   validator_loops       x12_validator_loop_depth/_loop_at directly.
 */
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "testutil.h"

static int tbuf_write(void *user, const char *data, size_t len)
{
    tbuf_add(user, data, len);
    return 0;
}

/* X12 bytes -> XML (in *xml).  Returns the status. */
static x12_status to_xml(const char *data, size_t len, int loops, tbuf *xml, x12_xml **keep)
{
    x12_reader *r;
    x12_xml *x;
    x12_status st;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    ck_assert_int_eq(x12_xml_set_option(x, X12_XOPT_LOOPS, (uint64_t)loops), X12_OK);
    st = x12_xml_write(x, r, tbuf_write, xml);
    x12_reader_free(r);
    if (keep != NULL)
        *keep = x;
    else
        x12_xml_free(x);
    return st;
}

static x12_status from_xml(const char *xml, size_t len, tbuf *out, x12_xml **keep)
{
    x12_xml *x;
    x12_status st;

    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    st = x12_xml_read_buffer(x, xml, len, tbuf_write, out);
    if (keep != NULL)
        *keep = x;
    else
        x12_xml_free(x);
    return st;
}

static xmlSchemaPtr schema(void)
{
    static char path[4096];
    const char *d = getenv("X12_TEST_DATA");
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr s;

    snprintf(path, sizeof path, "%s/../../specs/x12xml.xsd", d ? d : "tests/data");
    pc = xmlSchemaNewParserCtxt(path);
    ck_assert_ptr_nonnull(pc);
    s = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    ck_assert_msg(s != NULL, "cannot load %s", path);
    return s;
}

/* 0 when the document is valid against the schema. */
static int schema_check(xmlSchemaPtr s, const tbuf *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml->p, (int)xml->len, "x.xml", NULL, XML_PARSE_NONET);
    xmlSchemaValidCtxtPtr vc;
    int rc;

    ck_assert_ptr_nonnull(doc);
    vc = xmlSchemaNewValidCtxt(s);
    rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlFreeDoc(doc);
    return rc;
}

/* Round trip of one file; returns 1 when it was converted. */
static int round_trip_file(const char *path, xmlSchemaPtr s)
{
    size_t len;
    char *data = slurp(path, &len);
    tbuf xml = {0}, back = {0};
    x12_status st;

    ck_assert_msg(data != NULL, "cannot read %s", path);
    st = to_xml(data, len, 1, &xml, NULL);
    if (st != X12_OK) {
        free(data);
        tbuf_free(&xml);
        return 0;
    }
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert_msg(back.len == len && memcmp(back.p, data, len) == 0,
                  "%s: X12 -> XML -> X12 differs (%zu bytes back, %zu in)", path, back.len,
                  len);
    if (s != NULL)
        ck_assert_msg(schema_check(s, &xml) == 0, "%s: XML not valid against x12xml.xsd",
                      path);
    /* Without loops, the same bytes come back too. */
    xml.len = back.len = 0;
    ck_assert_int_eq(to_xml(data, len, 0, &xml, NULL), X12_OK);
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert(back.len == len && memcmp(back.p, data, len) == 0);
    tbuf_free(&xml);
    tbuf_free(&back);
    free(data);
    return 1;
}

START_TEST(corpus_round_trip)
{
    static const char *const sub[] = {"835", "837i", "837p", "999"};
    const char *dir = corpus_dir();
    xmlSchemaPtr s;
    size_t i, done = 0, failed = 0;
    char path[4096];

    ck_assert_ptr_nonnull(dir);
    s = schema();
    for (i = 0; i < sizeof sub / sizeof sub[0]; i++) {
        DIR *d;
        struct dirent *de;
        snprintf(path, sizeof path, "%s/%s", dir, sub[i]);
        d = opendir(path);
        if (d == NULL)
            continue;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s/%s", dir, sub[i], de->d_name);
            if (round_trip_file(path, s)) {
                done++;
            } else {
                /* Only a file the reader cannot tokenize may fail, and
                 * then with a located error. */
                size_t len;
                char *data = slurp(path, &len);
                tbuf xml = {0};
                x12_xml *x;
                ck_assert_int_eq(to_xml(data, len, 1, &xml, &x), X12_ESYNTAX);
                ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "no-isa");
                ck_assert_str_eq(x12_error_segment_id(x12_xml_last_error(x)), "GS");
                ck_assert_ptr_nonnull(strstr(de->d_name, "no_isa"));
                x12_xml_free(x);
                tbuf_free(&xml);
                free(data);
                failed++;
            }
        }
        closedir(d);
    }
    xmlSchemaFree(s);
    ck_assert_uint_ge(done, 40);
    ck_assert_uint_le(failed, 1);
}
END_TEST

START_TEST(fixtures_round_trip)
{
    const char *dir = getenv("X12_TEST_DATA");
    DIR *d = opendir(dir ? dir : "tests/data");
    struct dirent *de;
    xmlSchemaPtr s = schema();
    size_t done = 0;
    char path[4096];

    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        int x12 = n > 4 && strcmp(de->d_name + n - 4, ".x12") == 0;
        int c837 = strncmp(de->d_name, "claim837-", 9) == 0 && n > 4 &&
                   strcmp(de->d_name + n - 4, ".837") == 0;
        if (!x12 && !c837)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", de->d_name);
        ck_assert_msg(round_trip_file(path, s), "%s did not convert", path);
        done++;
    }
    closedir(d);
    xmlSchemaFree(s);
    ck_assert_uint_ge(done, 15);
}
END_TEST

START_TEST(push_same_as_buffer)
{
    size_t len, i;
    char *data = slurp(data_path("cli-small.x12"), &len);
    tbuf a = {0}, b = {0};
    x12_reader *r;
    x12_xml *x;
    x12_status st = X12_AGAIN;
    int agains = 0;

    ck_assert_ptr_nonnull(data);
    ck_assert_int_eq(to_xml(data, len, 1, &a, NULL), X12_OK);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    for (i = 0; i < len; i++) {
        ck_assert_int_eq(x12_reader_feed(r, data + i, 1, i + 1 == len), X12_OK);
        st = x12_xml_write(x, r, tbuf_write, &b);
        if (st == X12_AGAIN) {
            agains++;
            /* options are fixed while a conversion is under way */
            ck_assert_int_eq(x12_xml_set_option(x, X12_XOPT_LOOPS, 0), X12_ESTATE);
        } else {
            break;
        }
    }
    ck_assert_int_eq(st, X12_OK);
    ck_assert_int_gt(agains, 100);
    ck_assert_uint_eq(a.len, b.len);
    ck_assert(memcmp(a.p, b.p, a.len) == 0);
    ck_assert_uint_eq(x12_xml_segment_count(x), 54);
    x12_xml_free(x);
    x12_reader_free(r);
    tbuf_free(&a);
    tbuf_free(&b);
    free(data);
}
END_TEST

/* Number of segments with this id in the data. */
static long count_segments(const char *data, size_t len, const char *id)
{
    x12_reader *r;
    const x12_segment *seg;
    long n = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK) {
        x12_str s = x12_segment_id(seg);
        n += s.len == strlen(id) && memcmp(s.ptr, id, s.len) == 0;
    }
    x12_reader_free(r);
    return n;
}

static long xpath_count(const tbuf *xml, const char *expr)
{
    xmlDocPtr doc = xmlReadMemory(xml->p, (int)xml->len, "x.xml", NULL, XML_PARSE_NONET);
    xmlXPathContextPtr ctx;
    xmlXPathObjectPtr o;
    long n;

    ck_assert_ptr_nonnull(doc);
    ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST X12_XML_NAMESPACE);
    o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    ck_assert_msg(o != NULL, "bad xpath %s", expr);
    n = (long)xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return n;
}

START_TEST(loops_837p)
{
    size_t len;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len);
    tbuf xml = {0};
    long clm, lx;

    ck_assert_ptr_nonnull(data);
    clm = count_segments(data, len, "CLM");
    lx = count_segments(data, len, "LX");
    ck_assert_int_gt(clm, 0);
    ck_assert_int_gt(lx, clm - 1);
    ck_assert_int_eq(to_xml(data, len, 1, &xml, NULL), X12_OK);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:transaction[@guide='005010X222A1'])"), 1);
    /* one 2300 per claim, CLM first in it */
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop[@id='2300'])"), clm);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop[@id='2300']/x:seg[1][@id='CLM'])"), clm);
    /* one 2400 per service line, inside a claim, LX first */
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop[@id='2300']/x:loop[@id='2400'])"), lx);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop[@id='2400']/x:seg[1][@id='LX'])"), lx);
    /* the HL tree: 2000A holds 2010AA and 2000B */
    ck_assert_int_ge(xpath_count(&xml, "count(//x:loop[@id='2000A']/x:loop[@id='2010AA'])"), 1);
    ck_assert_int_ge(xpath_count(&xml, "count(//x:loop[@id='2000A']/x:loop[@id='2000B'])"), 1);
    /* ST and SE are in the transaction, outside every loop */
    ck_assert_int_eq(xpath_count(&xml, "count(//x:transaction/x:seg[@id='SE'])"), 1);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop//x:seg[@id='SE' or @id='ST'])"), 0);
    /* composites: SV1-01 as HC + procedure code */
    ck_assert_int_eq(xpath_count(&xml, "count(//x:seg[@id='SV1']/x:ele[@n='01']/x:cmp[@n='1'][.='HC'])"),
                     count_segments(data, len, "SV1"));
    tbuf_free(&xml);
    free(data);
}
END_TEST

START_TEST(loops_835)
{
    size_t len;
    char *data = slurp(data_path("validate-835-clean.x12"), &len);
    tbuf xml = {0};
    long clp, svc;

    ck_assert_ptr_nonnull(data);
    clp = count_segments(data, len, "CLP");
    svc = count_segments(data, len, "SVC");
    ck_assert_int_gt(clp, 0);
    ck_assert_int_eq(to_xml(data, len, 1, &xml, NULL), X12_OK);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop[@id='2100']/x:seg[1][@id='CLP'])"), clp);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop[@id='2100']/x:loop[@id='2110'])"), svc);
    tbuf_free(&xml);
    free(data);
}
END_TEST

START_TEST(plain_and_unknown)
{
    /* An 834 enrollment: no built-in guide.  (This was a 270 until the
     * 270/271 guides were compiled in.) */
    static const char x270[] =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*"
        "00501*000000007*0*T*:~\n"
        "GS*BE*SENDER*RECEIVER*20240101*1200*7*X*005010X220A1~\n"
        "ST*834*0001*005010X220A1~\n"
        "BGN*00*REF1*20240101*1200****2~\n"
        "N1*P5*SPONSOR*FI*123456789~\n"
        "N1*IN*INSURER*FI*987654321~\n"
        "SE*5*0001~\n"
        "GE*1*7~\n"
        "IEA*1*000000007~\n";
    size_t len;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len);
    tbuf xml = {0}, back = {0};

    ck_assert_int_eq(to_xml(x270, sizeof x270 - 1, 1, &xml, NULL), X12_OK);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop)"), 0);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:transaction[@guide])"), 0);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:transaction/x:seg)"), 5);
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert(back.len == sizeof x270 - 1 && memcmp(back.p, x270, back.len) == 0);
    xml.len = 0;
    ck_assert_int_eq(to_xml(data, len, 0, &xml, NULL), X12_OK);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:loop)"), 0);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:transaction/x:seg[@id='CLM'])"),
                     count_segments(data, len, "CLM"));
    tbuf_free(&xml);
    tbuf_free(&back);
    free(data);
}
END_TEST

START_TEST(odd_bytes)
{
    /* BOM + blank line before the ISA; delimiters | \ GS(0x1D) FS(0x1C);
     * CR LF after one terminator; a Latin-1 byte, markup characters and a
     * control character in values; repetitions with an empty component;
     * no terminator at the end. */
    static const char odd[] =
        "\xEF\xBB\xBF \r\n"
        "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |240101|1200|"
        "\x1D|00501|000000001|0|T|\\\x1C"
        "GS|HC|S|R|20240101|1200|1|X|005010X222A1\x1C\r\n"
        "ST|837|0001|005010X222A1\x1C"
        "NM1|41|2|JOS\xC9 & <CO>|||||46|X\x01Y\x1C"
        "REF|A\\B\\\\C\x1D\x1D" "D\\E|\x1C"
        "SE|4|0001\x1C"
        "GE|1|1\x1C"
        "IEA|1|000000001";
    tbuf xml = {0}, back = {0};
    xmlSchemaPtr s = schema();

    ck_assert_int_eq(to_xml(odd, sizeof odd - 1, 1, &xml, NULL), X12_OK);
    ck_assert_ptr_nonnull(strstr(xml.p, "segment=\"\\x1C\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "repetition=\"\\x1D\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "component=\"\\\\\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "leading=\"\\xEF\\xBB\\xBF &#13;&#10;\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "hex=\"4A4F53C92026203C434F3E\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "trailer=\"\\x1C&#13;&#10;\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "<seg id=\"IEA\" trailer=\"\">"));
    /* REF01: three repetitions, the middle one empty */
    ck_assert_int_eq(xpath_count(&xml, "count(//x:seg[@id='REF']/x:ele[@n='01']/x:rep)"), 3);
    ck_assert_int_eq(xpath_count(&xml, "count(//x:seg[@id='REF']/x:ele[@n='02'])"), 1);
    ck_assert_int_eq(schema_check(s, &xml), 0);
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert(back.len == sizeof odd - 1 && memcmp(back.p, odd, back.len) == 0);
    xmlSchemaFree(s);
    tbuf_free(&xml);
    tbuf_free(&back);
}
END_TEST

START_TEST(markup_delimiters)
{
    /* Delimiters XML must escape in attributes: & < " and '>' in data. */
    static const char x[] =
        "ISA&00&          &00&          &ZZ&SENDER         &ZZ&RECEIVER       &240101&1200&>&"
        "00501&000000001&0&T&<\"\n"
        "GS&HC&S&R&20240101&1200&1&X&005010X222A1\"\n"
        "ST&837&0001&005010X222A1\"\n"
        "REF&A<B>C&D'E\"\n"
        "SE&3&0001\"\nGE&1&1\"\nIEA&1&000000001\"\n";
    tbuf xml = {0}, back = {0};

    ck_assert_int_eq(to_xml(x, sizeof x - 1, 1, &xml, NULL), X12_OK);
    ck_assert_ptr_nonnull(strstr(xml.p, "element=\"&amp;\" component=\"&lt;\" repetition=\"&gt;\" segment=\"&quot;\""));
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert(back.len == sizeof x - 1 && memcmp(back.p, x, back.len) == 0);
    tbuf_free(&xml);
    tbuf_free(&back);
}
END_TEST

START_TEST(isa_field_terminator)
{
    /* The reader finds ISA fields by counting separators, so ISA02 may hold
     * the terminator; the rest of the file must still come back.  (Found by
     * the fuzzer: fuzz/regressions/xml-isa-field-holds-terminator.bin.) */
    static const char x[] =
        "ISA*00*AB~~~~~~~~*00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*"
        "00501*000000001*0*T*:~GS*HC*S*R*20240101*1200*1*X*005010X222A1~GE*0*1~IEA*1*000000001~";
    tbuf xml = {0}, back = {0};

    ck_assert_int_eq(to_xml(x, sizeof x - 1, 1, &xml, NULL), X12_OK);
    ck_assert_ptr_nonnull(strstr(xml.p, "<ele n=\"02\">AB~~~~~~~~</ele>"));
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert(back.len == sizeof x - 1 && memcmp(back.p, x, back.len) == 0);
    tbuf_free(&xml);
    tbuf_free(&back);
}
END_TEST

START_TEST(nul_delimiters)
{
    /* The reader takes any byte but a letter, digit or space as a
     * delimiter, NUL included (found by the fuzzer:
     * fuzz/regressions/xml-nul-terminator.bin). */
    static const char x[] =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*"
        "00501*000000001*0*T*\x02\0GS*HC*S*R*20240101*1200*1*X*005010X222A1\0GE*0*1\0"
        "IEA*1*000000001\0"
        /* a second interchange with NUL as the component separator, used */
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*"
        "00501*000000002*0*T*\0~GS*HC*S*R*20240101*1200*2*X*005010X222A1~"
        "ST*837*0001~SV1*HC\0" "99213\0\0" "25*100~SE*2*0001~GE*1*2~IEA*1*000000002~";
    tbuf xml = {0}, back = {0};

    ck_assert_int_eq(to_xml(x, sizeof x - 1, 1, &xml, NULL), X12_OK);
    ck_assert_ptr_nonnull(strstr(xml.p, "component=\"\\x02\" repetition=\"^\" segment=\"\\x00\""));
    ck_assert_ptr_nonnull(strstr(xml.p, "component=\"\\x00\""));
    ck_assert_int_eq(xpath_count(&xml, "count(//x:seg[@id='SV1']/x:ele[@n='01']/x:cmp)"), 3);
    ck_assert_int_eq(from_xml(xml.p, xml.len, &back, NULL), X12_OK);
    ck_assert(back.len == sizeof x - 1 && memcmp(back.p, x, back.len) == 0);
    tbuf_free(&xml);
    tbuf_free(&back);
}
END_TEST

START_TEST(untokenizable)
{
    static const char junk[] =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*"
        "00501*000000007*0*T*:~GS*HC*S*R*20240101*1200*7*X*005010X222A1~GE*0*7~IEA*1*000000007~"
        "JUNK*1~";
    char *big;
    size_t n;
    tbuf xml = {0};
    x12_xml *x;
    const x12_error *e;

    ck_assert_int_eq(to_xml(junk, sizeof junk - 1, 1, &xml, &x), X12_ESYNTAX);
    e = x12_xml_last_error(x);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(x12_error_rule(e), "after-iea");
    ck_assert_uint_eq(x12_error_offset(e), (uint64_t)(strstr(junk, "JUNK") - junk));
    /* the document is left unfinished: it must not pass for the input */
    ck_assert_ptr_null(strstr(xml.p, "</x12>"));
    x12_xml_free(x);

    /* a segment over the reader's limit */
    n = 70000 + sizeof junk;
    big = malloc(n + 16);
    memcpy(big, junk, 106);
    memcpy(big + 106, "GS*", 3);
    memset(big + 109, 'A', 70000);
    memcpy(big + 109 + 70000, "~", 2);
    xml.len = 0;
    ck_assert_int_eq(to_xml(big, 109 + 70001, 1, &xml, &x), X12_ELIMIT);
    ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "max-segment");
    ck_assert_uint_eq(x12_error_offset(x12_xml_last_error(x)), 106);
    x12_xml_free(x);
    free(big);
    tbuf_free(&xml);
}
END_TEST

#define HEAD                                                                                    \
    "<?xml version=\"1.0\"?>\n"                                                                 \
    "<x12 xmlns=\"urn:libx12:x12xml:1\">\n"                                                     \
    "<interchange element=\"*\" component=\":\" repetition=\"^\" segment=\"~\">\n"
#define ISA                                                                                     \
    "<seg id=\"ISA\"><ele n=\"01\">00</ele><ele n=\"02\">          </ele><ele n=\"03\">00</ele>" \
    "<ele n=\"04\">          </ele><ele n=\"05\">ZZ</ele><ele n=\"06\">S              </ele>"    \
    "<ele n=\"07\">ZZ</ele><ele n=\"08\">R              </ele><ele n=\"09\">240101</ele>"      \
    "<ele n=\"10\">1200</ele><ele n=\"11\">^</ele><ele n=\"12\">00501</ele>"                    \
    "<ele n=\"13\">000000001</ele><ele n=\"14\">0</ele><ele n=\"15\">T</ele>"                   \
    "<ele n=\"16\">:</ele></seg>\n"
#define TAIL "</interchange>\n</x12>\n"

typedef struct bad_case {
    const char *name;
    const char *xml;
    x12_status status;
    const char *rule;
    unsigned long line;
    uint64_t segno;
    unsigned element;
} bad_case;

static const bad_case bad_cases[] = {
    {"not well-formed", HEAD ISA "<seg id=\"GS\"><ele n=\"01\">HC</ele>\n</interchange>\n</x12>\n",
     X12_ESYNTAX, "xml", 6, 2, 0},
    {"empty input", "", X12_ESYNTAX, "xml", 0, 0, 0},
    {"unknown element", HEAD ISA "<seg id=\"GS\">\n<foo/></seg>" TAIL, X12_ESYNTAX, "xml-element", 6, 2, 0},
    {"wrong namespace",
     "<?xml version=\"1.0\"?>\n<x12 xmlns=\"urn:other\"/>\n", X12_ESYNTAX, "xml-element", 2, 0, 0},
    {"element out of order",
     HEAD ISA "<seg id=\"GS\"><ele n=\"03\">A</ele>\n<ele n=\"02\">B</ele></seg>" TAIL,
     X12_ESYNTAX, "xml-order", 6, 2, 3},
    {"component out of order",
     HEAD ISA "<seg id=\"SV1\"><ele n=\"01\"><cmp n=\"2\">A</cmp>\n<cmp n=\"2\">B</cmp></ele></seg>" TAIL,
     X12_ESYNTAX, "xml-order", 6, 2, 1},
    {"element separator in a value",
     HEAD ISA "<seg id=\"NM1\"><ele n=\"01\">85</ele>\n<ele n=\"03\">SMITH*JOHN</ele></seg>" TAIL,
     X12_EDELIM, "delimiter-in-data", 6, 2, 3},
    {"component separator in a component",
     HEAD ISA "<seg id=\"SV1\"><ele n=\"01\"><cmp n=\"1\">HC</cmp>\n<cmp n=\"2\">99:213</cmp></ele></seg>" TAIL,
     X12_EDELIM, "delimiter-in-data", 6, 2, 1},
    {"terminator in hex", HEAD ISA "<seg id=\"NM1\">\n<ele n=\"01\" hex=\"417E\"/></seg>" TAIL,
     X12_EDELIM, "delimiter-in-data", 6, 2, 1},
    {"bad hex", HEAD ISA "<seg id=\"NM1\">\n<ele n=\"01\" hex=\"4\"/></seg>" TAIL, X12_ESYNTAX,
     "xml-hex", 6, 2, 1},
    {"text and components",
     HEAD ISA "<seg id=\"SV1\"><ele n=\"01\">HC\n<cmp n=\"2\">1</cmp></ele></seg>" TAIL,
     X12_ESYNTAX, "xml-mixed", 6, 2, 1},
    {"text outside a value", HEAD ISA "<seg id=\"GS\">HC\n</seg>" TAIL, X12_ESYNTAX, "xml-text", 6, 2, 0},
    {"unknown attribute", HEAD ISA "<seg id=\"GS\" colour=\"red\"/>\n" TAIL, X12_ESYNTAX,
     "xml-attribute", 5, 2, 0},
    {"ISA not first", HEAD "<seg id=\"GS\"/>\n" TAIL, X12_ESYNTAX, "isa", 4, 1, 0},
    {"ISA16 not the component separator",
     "<?xml version=\"1.0\"?>\n<x12 xmlns=\"urn:libx12:x12xml:1\">\n"
     "<interchange element=\"*\" component=\"&gt;\" repetition=\"^\" segment=\"~\">\n" ISA TAIL,
     X12_EDELIM, "isa16-component", 4, 1, 16},
    {"delimiters that clash",
     "<?xml version=\"1.0\"?>\n<x12 xmlns=\"urn:libx12:x12xml:1\">\n"
     "<interchange element=\"*\" component=\"*\" segment=\"~\">\n" TAIL,
     X12_EDELIM, "delimiters", 3, 0, 0},
    {"trailer with junk", HEAD ISA "<seg id=\"GS\" trailer=\"~x\"/>\n" TAIL, X12_ESYNTAX,
     "trailer", 5, 2, 0},
    {"bad escape", HEAD ISA "<seg id=\"GS\" trailer=\"~\\q\"/>\n" TAIL, X12_ESYNTAX, "xml-escape", 5, 2, 0},
    {"unterminated segment not last",
     HEAD ISA "<seg id=\"GS\" trailer=\"\"/>\n<seg id=\"GE\"/>\n" TAIL, X12_ESYNTAX,
     "unterminated", 6, 2, 0},
    {"leading bytes on a segment", HEAD ISA "<seg id=\"GS\" leading=\" \"/>\n" TAIL,
     X12_ESYNTAX, "leading", 5, 2, 0},
    {"a DTD",
     "<?xml version=\"1.0\"?>\n<!DOCTYPE x12 [<!ENTITY a \"b\">]>\n<x12 xmlns=\"urn:libx12:x12xml:1\"/>\n",
     X12_ESYNTAX, "xml-dtd", 2, 0, 0},
    /* External entities (XXE): a DOCTYPE naming a file, with or without an
     * internal subset, stops the parse before anything is loaded. */
    {"a DTD naming a system file",
     "<?xml version=\"1.0\"?>\n<!DOCTYPE x12 SYSTEM \"file:///etc/passwd\">\n"
     "<x12 xmlns=\"urn:libx12:x12xml:1\"/>\n",
     X12_ESYNTAX, "xml-dtd", 2, 0, 0},
    {"an external entity",
     "<?xml version=\"1.0\"?>\n<!DOCTYPE x12 [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n"
     "<x12 xmlns=\"urn:libx12:x12xml:1\">&e;</x12>\n",
     X12_ESYNTAX, "xml-dtd", 2, 0, 0},
    {"repetitions without a separator",
     "<?xml version=\"1.0\"?>\n<x12 xmlns=\"urn:libx12:x12xml:1\">\n"
     "<interchange element=\"*\" component=\":\" segment=\"~\">\n" ISA
     "<seg id=\"REF\"><ele n=\"01\"><rep>A</rep>\n<rep>B</rep></ele></seg>" TAIL,
     X12_ESYNTAX, "repetition", 6, 2, 1},
    {"element position zero", HEAD ISA "<seg id=\"GS\">\n<ele n=\"0\">A</ele></seg>" TAIL,
     X12_ESYNTAX, "xml-position", 6, 2, 0},
    {"bad UTF-8 (message quotes no bytes)",
     HEAD ISA "<seg id=\"NM1\"><ele n=\"03\">JOS\xC9</ele></seg>" TAIL, X12_ESYNTAX, "xml", 5,
     2, 0},
    {"undefined entity (name not quoted)",
     HEAD ISA "<seg id=\"NM1\"><ele n=\"03\">&SMITH;</ele></seg>" TAIL, X12_ESYNTAX, "xml", 5,
     2, 0},
    {"seg outside an interchange",
     "<?xml version=\"1.0\"?>\n<x12 xmlns=\"urn:libx12:x12xml:1\">\n<seg id=\"GS\"/></x12>\n",
     X12_ESYNTAX, "xml-element", 3, 0, 0},
};

START_TEST(bad_xml)
{
    const bad_case *c = &bad_cases[_i];
    tbuf out = {0};
    x12_xml *x;
    const x12_error *e;
    x12_status st = from_xml(c->xml, strlen(c->xml), &out, &x);

    ck_assert_msg(st == c->status, "%s: status %d, want %d (%s)", c->name, st, c->status,
                  x12_xml_last_error(x) ? x12_error_message(x12_xml_last_error(x)) : "");
    e = x12_xml_last_error(x);
    ck_assert_ptr_nonnull(e);
    ck_assert_msg(strcmp(x12_error_rule(e), c->rule) == 0, "%s: rule %s, want %s (%s)", c->name,
                  x12_error_rule(e), c->rule, x12_error_message(e));
    if (c->line > 0) {
        ck_assert_msg(x12_xml_error_line(x) == c->line, "%s: line %lu, want %lu (%s)", c->name,
                      x12_xml_error_line(x), c->line, x12_error_message(e));
        ck_assert_uint_gt(x12_xml_error_column(x), 0);
        ck_assert_ptr_nonnull(strstr(x12_error_message(e), "line "));
    }
    ck_assert_msg(x12_error_segment_number(e) == c->segno, "%s: segment %llu, want %llu",
                  c->name, (unsigned long long)x12_error_segment_number(e),
                  (unsigned long long)c->segno);
    /* (for malformed XML the parser may report before the element's
     * start reaches us: its element is not checked) */
    ck_assert_msg(x12_error_element(e) == c->element || strcmp(c->rule, "xml") == 0,
                  "%s: element %u, want %u", c->name, x12_error_element(e), c->element);
    ck_assert_ptr_null(strstr(x12_error_message(e), "'SMITH'"));
    /* values are never quoted */
    ck_assert_ptr_null(strstr(x12_error_message(e), "SMITH"));
    ck_assert_ptr_null(strstr(x12_error_message(e), "99:213"));
    ck_assert_ptr_null(strstr(x12_error_message(e), "0xC9"));
    x12_xml_free(x);
    tbuf_free(&out);
}
END_TEST

#define V30 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"
#define V120 V30 V30 V30 V30
START_TEST(xml_segment_limit)
{
    /* X12_XOPT_MAX_SEGMENT_BYTES bounds a segment built from XML, and the
     * text of one value on its way (the value is held until its end tag). */
    static const char doc[] = HEAD ISA "<seg id=\"NM1\"><ele n=\"01\">85</ele>\n"
                              "<ele n=\"03\">" V120 "</ele></seg>" TAIL;
    tbuf out = {0};
    x12_xml *x;

    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    /* NM1*85**V120~ is 129 bytes with its trailer "~"; the ISA 106 */
    ck_assert_int_eq(x12_xml_set_option(x, X12_XOPT_MAX_SEGMENT_BYTES, 129), X12_OK);
    ck_assert_int_eq(x12_xml_read_buffer(x, doc, strlen(doc), tbuf_write, &out), X12_OK);
    ck_assert_uint_eq(out.len, 106 + 129);
    ck_assert_int_eq(x12_xml_set_option(x, X12_XOPT_MAX_SEGMENT_BYTES, 128), X12_OK);
    out.len = 0;
    ck_assert_int_eq(x12_xml_read_buffer(x, doc, strlen(doc), tbuf_write, &out), X12_ELIMIT);
    ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "max-segment");
    ck_assert_uint_eq(x12_error_segment_number(x12_xml_last_error(x)), 2);
    ck_assert_uint_eq(x12_xml_error_line(x), 6);
    /* the ISA alone is 106 bytes: a limit of 16 stops at its text */
    ck_assert_int_eq(x12_xml_set_option(x, X12_XOPT_MAX_SEGMENT_BYTES, 16), X12_OK);
    ck_assert_int_eq(x12_xml_read_buffer(x, doc, strlen(doc), tbuf_write, &out), X12_ELIMIT);
    ck_assert_uint_eq(x12_error_segment_number(x12_xml_last_error(x)), 1);
    x12_xml_free(x);
    tbuf_free(&out);
}
END_TEST

START_TEST(encoding_errors_silent)
{
    /* Bytes that do not match the declared encoding reach libxml2 outside
     * the parser's error callback: the call must still fail (not return
     * X12_OK with the segments before them) and print nothing. */
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n"
        "<x12 xmlns=\"urn:libx12:x12xml:1\">\n"
        "<interchange element=\"*\" component=\":\" repetition=\"^\" segment=\"~\">\n" ISA
        "<seg id=\"NM1\"><ele n=\"03\">\xC6\x52\x53\x2E\xFF\xFE</ele></seg>" TAIL;
    char path[] = "/tmp/check_xml_errXXXXXX";
    int fd = mkstemp(path), saved = dup(2);
    tbuf out = {0};
    x12_xml *x;
    x12_status st;
    struct stat sb;

    ck_assert_int_ge(fd, 0);
    fflush(stderr);
    dup2(fd, 2);
    st = from_xml(doc, strlen(doc), &out, &x);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    ck_assert_int_eq(st, X12_ESYNTAX);
    ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "xml");
    ck_assert_ptr_null(strstr(x12_error_message(x12_xml_last_error(x)), "0xC6"));
    ck_assert_int_eq(fstat(fd, &sb), 0);
    ck_assert_msg(sb.st_size == 0, "libxml2 printed %ld bytes on stderr", (long)sb.st_size);
    close(fd);
    unlink(path);
    x12_xml_free(x);
    tbuf_free(&out);
}
END_TEST

START_TEST(truncated_xml)
{
    size_t len, cut;
    char *data = slurp(data_path("cli-small.x12"), &len);
    tbuf xml = {0}, out = {0};
    x12_xml *x;

    ck_assert_int_eq(to_xml(data, len, 1, &xml, NULL), X12_OK);
    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    for (cut = 0; cut + 1 < xml.len; cut += 13) {
        /* the last bytes are "</x12>\n": without them it is unfinished */
        out.len = 0;
        ck_assert_msg(x12_xml_read_buffer(x, xml.p, cut, tbuf_write, &out) != X12_OK,
                      "prefix of %zu bytes accepted", cut);
        ck_assert_ptr_nonnull(x12_xml_last_error(x));
    }
    out.len = 0;
    ck_assert_int_eq(x12_xml_read_buffer(x, xml.p, xml.len, tbuf_write, &out), X12_OK);
    ck_assert_ptr_null(x12_xml_last_error(x));
    ck_assert(out.len == len && memcmp(out.p, data, len) == 0);
    x12_xml_free(x);
    tbuf_free(&xml);
    tbuf_free(&out);
    free(data);
}
END_TEST

static int fail_write(void *user, const char *data, size_t len)
{
    (void)user;
    (void)data;
    (void)len;
    return -1;
}

static int fail_read(void *user, char *buf, size_t cap, size_t *got)
{
    (void)user;
    (void)buf;
    (void)cap;
    *got = 0;
    return -1;
}

START_TEST(io_errors)
{
    size_t len;
    char *data = slurp(data_path("cli-small.x12"), &len);
    tbuf xml = {0};
    x12_reader *r;
    x12_xml *x;

    ck_assert_int_eq(to_xml(data, len, 1, &xml, NULL), X12_OK);
    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_xml_write(x, r, fail_write, NULL), X12_EIO);
    ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "output");
    ck_assert_int_eq(x12_xml_read_buffer(x, xml.p, xml.len, fail_write, NULL), X12_EIO);
    ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "output");
    ck_assert_int_eq(x12_xml_read(x, fail_read, NULL, tbuf_write, &xml), X12_EIO);
    ck_assert_str_eq(x12_error_rule(x12_xml_last_error(x)), "input");
    ck_assert_int_eq(x12_xml_read_path(x, "/nonexistent/file.xml", stdout), X12_EIO);
    ck_assert_int_eq(x12_xml_write(NULL, r, tbuf_write, &xml), X12_EINVAL);
    ck_assert_int_eq(x12_xml_set_option(x, X12_XOPT_MAX_SEGMENT_BYTES, 3), X12_EINVAL);
    ck_assert_int_eq(x12_xml_set_option(x, (x12_xml_option)99, 1), X12_EINVAL);
    x12_reader_free(r);
    x12_xml_free(x);
    x12_xml_free(NULL);
    tbuf_free(&xml);
    free(data);
}
END_TEST

START_TEST(reader_already_read)
{
    /* Segments read before the conversion would be missing from the XML:
     * refused with a located error, not lost silently. */
    size_t len;
    char *data = slurp(data_path("cli-small.x12"), &len);
    tbuf xml = {0};
    x12_reader *r;
    x12_xml *x;
    const x12_segment *seg;
    const x12_error *e;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    ck_assert_int_eq(x12_xml_write(x, r, tbuf_write, &xml), X12_ESYNTAX);
    e = x12_xml_last_error(x);
    ck_assert_str_eq(x12_error_rule(e), "skipped");
    ck_assert_uint_eq(x12_error_segment_number(e), 2);
    ck_assert_str_eq(x12_error_segment_id(e), "GS");
    ck_assert_uint_eq(x12_error_offset(e), 0);
    x12_xml_free(x);
    x12_reader_free(r);
    tbuf_free(&xml);
    free(data);
}
END_TEST

/* Writes an 837P of about `bytes` bytes with the library's writer. */
static void generate_837p(FILE *fp, size_t bytes)
{
    x12_writer *w;
    unsigned claim = 0, k;
    char pcn[32];

    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, fp), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
#define SEG(...)                                                                                \
    do {                                                                                        \
        const char *const f_[] = {__VA_ARGS__};                                                \
        size_t i_;                                                                              \
        ck_assert_int_eq(x12_writer_begin(w, f_[0]), X12_OK);                                   \
        for (i_ = 1; i_ < sizeof f_ / sizeof f_[0]; i_++)                                       \
            ck_assert_int_eq(x12_writer_add(w, f_[i_], X12_NTS), X12_OK);                       \
        ck_assert_int_eq(x12_writer_end(w), X12_OK);                                            \
    } while (0)
    SEG("ISA", "00", "", "00", "", "ZZ", "SUBMITTER", "ZZ", "RECEIVER", "240101", "1200", "^",
        "00501", "", "0", "T", ":");
    SEG("GS", "HC", "SUBMITTER", "RECEIVER", "20240101", "1200", "", "X", "005010X222A1");
    SEG("ST", "837", "", "005010X222A1");
    SEG("BHT", "0019", "00", "BATCH1", "20240101", "1200", "CH");
    SEG("NM1", "41", "2", "SUBMITTER", "", "", "", "", "46", "S1");
    SEG("PER", "IC", "DESK", "TE", "5555550100");
    SEG("NM1", "40", "2", "RECEIVER", "", "", "", "", "46", "R1");
    SEG("HL", "1", "", "20", "1");
    SEG("NM1", "85", "2", "CLINIC", "", "", "", "", "XX", "1234567893");
    SEG("N3", "1 MAIN ST");
    SEG("N4", "TOWN", "NY", "100010001");
    SEG("REF", "EI", "123456789");
    while ((size_t)ftell(fp) < bytes) {
        char hl[16], parent[2] = "1";
        snprintf(hl, sizeof hl, "%u", claim + 2);
        snprintf(pcn, sizeof pcn, "PCN%u", claim++);
        ck_assert_int_eq(x12_writer_begin(w, "HL"), X12_OK);
        x12_writer_add(w, hl, X12_NTS);
        x12_writer_add(w, parent, X12_NTS);
        x12_writer_add(w, "22", X12_NTS);
        x12_writer_add(w, "0", X12_NTS);
        ck_assert_int_eq(x12_writer_end(w), X12_OK);
        SEG("SBR", "P", "18", "", "", "", "", "", "", "CI");
        SEG("NM1", "IL", "1", "DOE", "JANE", "", "", "", "MI", "M123");
        SEG("NM1", "PR", "2", "PAYER", "", "", "", "", "PI", "P1");
        ck_assert_int_eq(x12_writer_begin(w, "CLM"), X12_OK);
        x12_writer_add(w, pcn, X12_NTS);
        x12_writer_add(w, "300", X12_NTS);
        x12_writer_add(w, "", 0);
        x12_writer_add(w, "", 0);
        x12_writer_add(w, "11", X12_NTS);
        x12_writer_add_component(w, "B", X12_NTS);
        x12_writer_add_component(w, "1", X12_NTS);
        x12_writer_add(w, "Y", X12_NTS);
        x12_writer_add(w, "A", X12_NTS);
        x12_writer_add(w, "Y", X12_NTS);
        x12_writer_add(w, "I", X12_NTS);
        ck_assert_int_eq(x12_writer_end(w), X12_OK);
        ck_assert_int_eq(x12_writer_begin(w, "HI"), X12_OK);
        x12_writer_add(w, "ABK", X12_NTS);
        x12_writer_add_component(w, "J0300", X12_NTS);
        ck_assert_int_eq(x12_writer_end(w), X12_OK);
        for (k = 1; k <= 3; k++) {
            char lx[4];
            snprintf(lx, sizeof lx, "%u", k);
            SEG("LX", lx);
            ck_assert_int_eq(x12_writer_begin(w, "SV1"), X12_OK);
            x12_writer_add(w, "HC", X12_NTS);
            x12_writer_add_component(w, "99213", X12_NTS);
            x12_writer_add(w, "100", X12_NTS);
            x12_writer_add(w, "UN", X12_NTS);
            x12_writer_add(w, "1", X12_NTS);
            x12_writer_add(w, "", 0);
            x12_writer_add(w, "", 0);
            x12_writer_add(w, "1", X12_NTS);
            ck_assert_int_eq(x12_writer_end(w), X12_OK);
            SEG("DTP", "472", "D8", "20240101");
        }
    }
    ck_assert_int_eq(x12_writer_close_set(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_group(w), X12_OK);
    ck_assert_int_eq(x12_writer_close_interchange(w), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    x12_writer_free(w);
#undef SEG
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

START_TEST(large_stream)
{
    char in_path[] = "/tmp/check_xml_inXXXXXX", xml_path[] = "/tmp/check_xml_xmlXXXXXX";
    char out_path[] = "/tmp/check_xml_outXXXXXX";
    int fi = mkstemp(in_path), fx = mkstemp(xml_path), fo = mkstemp(out_path);
    FILE *in = fdopen(fi, "w+b"), *xf = fdopen(fx, "w+b"), *of = fdopen(fo, "w+b");
    /* Under valgrind (make check-valgrind) a smaller file keeps the run
     * short; memory is not measured there or under AddressSanitizer, whose
     * own bookkeeping grows with what is allocated. */
    const char *preload = getenv("LD_PRELOAD");
    int instrumented = getenv("ASAN_OPTIONS") != NULL ||
                       (preload != NULL && strstr(preload, "valgrind") != NULL);
    const size_t size = (preload != NULL && strstr(preload, "valgrind") != NULL) ? 256u << 10
                                                                              : 3u << 20;
    x12_reader *r;
    x12_xml *x;
    long rss0, grown;
    char a[65536], b[65536];
    size_t na, nb, total = 0;

    ck_assert(in && xf && of);
    generate_837p(in, size);
    fflush(in);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, in_path), X12_OK);
    ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
    rss0 = max_rss_kb();
    ck_assert_int_eq(x12_xml_write_file(x, r, xf), X12_OK);
    ck_assert_uint_gt(x12_xml_segment_count(x), size / 40); /* about 20 bytes each */
    x12_reader_free(r);
    fflush(xf);
    ck_assert_int_gt(ftell(xf), (long)size * 4);
    ck_assert_int_eq(x12_xml_read_path(x, xml_path, of), X12_OK);
    fflush(of);
    grown = max_rss_kb() - rss0;
    /* Streaming: the XML is over 12 MB; neither direction may hold it. */
    if (!instrumented)
        ck_assert_msg(grown < 16 * 1024, "peak memory grew by %ld KiB", grown);
    rewind(in);
    rewind(of);
    do {
        na = fread(a, 1, sizeof a, in);
        nb = fread(b, 1, sizeof b, of);
        ck_assert_uint_eq(na, nb);
        ck_assert(memcmp(a, b, na) == 0);
        total += na;
    } while (na > 0);
    ck_assert_uint_ge(total, size);
    x12_xml_free(x);
    fclose(in);
    fclose(xf);
    fclose(of);
    unlink(in_path);
    unlink(xml_path);
    unlink(out_path);
}
END_TEST

START_TEST(validator_loops)
{
    size_t len;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len);
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    uint64_t last_lx = 0, inst, clm_inst = 0;
    int lx_seen = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_uint_eq(x12_validator_loop_depth(v), 0);
    ck_assert_ptr_null(x12_validator_loop_at(v, 0, &inst));
    while (x12_reader_next(r, &seg) == X12_OK) {
        x12_str id = x12_segment_id(seg);
        size_t d;
        ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
        d = x12_validator_loop_depth(v);
        if (id.len == 3 && memcmp(id.ptr, "CLM", 3) == 0) {
            ck_assert_uint_ge(d, 2);
            ck_assert_str_eq(x12_validator_loop_at(v, d - 1, &clm_inst), "2300");
            ck_assert_uint_gt(clm_inst, 0);
        } else if (id.len == 2 && memcmp(id.ptr, "LX", 2) == 0) {
            ck_assert_str_eq(x12_validator_loop_at(v, d - 1, &inst), "2400");
            ck_assert_str_eq(x12_validator_loop_at(v, d - 2, NULL), "2300");
            ck_assert_uint_ne(inst, last_lx); /* each LX opens a new instance */
            last_lx = inst;
            lx_seen++;
        } else if (id.len == 3 && memcmp(id.ptr, "SV1", 3) == 0) {
            ck_assert_str_eq(x12_validator_loop_at(v, d - 1, &inst), "2400");
            ck_assert_uint_eq(inst, last_lx); /* same instance as its LX */
            x12_validator_loop_at(v, d - 2, &inst);
            ck_assert_uint_eq(inst, clm_inst);
        } else if ((id.len == 2 && (memcmp(id.ptr, "ST", 2) == 0 || memcmp(id.ptr, "SE", 2) == 0)) ||
                   (id.len == 3 && memcmp(id.ptr, "BHT", 3) == 0)) {
            ck_assert_uint_eq(d, 0);
        }
        ck_assert_ptr_null(x12_validator_loop_at(v, d, NULL));
    }
    ck_assert_int_gt(lx_seen, 0);
    x12_validator_free(v);
    x12_reader_free(r);
    free(data);
}
END_TEST

static Suite *xml_suite(void)
{
    Suite *s = suite_create("xml");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, fixtures_round_trip);
    tcase_add_test(tc, push_same_as_buffer);
    tcase_add_test(tc, loops_837p);
    tcase_add_test(tc, loops_835);
    tcase_add_test(tc, plain_and_unknown);
    tcase_add_test(tc, odd_bytes);
    tcase_add_test(tc, markup_delimiters);
    tcase_add_test(tc, isa_field_terminator);
    tcase_add_test(tc, nul_delimiters);
    tcase_add_test(tc, untokenizable);
    tcase_add_loop_test(tc, bad_xml, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    tcase_add_test(tc, xml_segment_limit);
    tcase_add_test(tc, encoding_errors_silent);
    tcase_add_test(tc, truncated_xml);
    tcase_add_test(tc, io_errors);
    tcase_add_test(tc, reader_already_read);
    tcase_add_test(tc, large_stream);
    tcase_add_test(tc, validator_loops);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_xml_corpus */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, corpus_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int rc;

#if defined(X12_TEST_CORPUS_PART)
    if (corpus_dir() == NULL)
        return corpus_skipped("check_xml_corpus");
    rc = run_suite(xml_suite(), "corpus", NULL);
#else
    rc = run_suite(xml_suite(), NULL, "corpus");
#endif
    xmlCleanupParser();
    return rc;
}
