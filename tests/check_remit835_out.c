/*
 * remit835 out: the JSON and CSV writers (x12_remit_json_*, x12_remit_csv_*).
 *
 * What the JSON means is checked against its JSON Schema and against the
 * stream by tests/remit-out.sh (Python); here: the writers give the same
 * bytes however they are fed (stream or tree, buffer or push input in small
 * chunks, drained after every event or never), escaping and UTF-8 of
 * hostile text, integers at the edges of int64, the compact rules (no empty
 * value, every money key), CSV quoting and grains, call order and memory
 * running out.  The 835s built here are made up.
 */
#include <stdint.h>

#include <x12/remit835.h>

#include "testutil.h"

static const char *const fixtures[] = {"remit-denials.x12", "remit-malformed.x12",
                                       "remit-multi.x12",   "remit-reversal.x12",
                                       "remit-unbalanced.x12", "validate-835-clean.x12"};
#define NFIXTURES (sizeof fixtures / sizeof fixtures[0])
static const char *const corpus[] = {
    "835/LinuxForHealth-x12__cob-contractural-adjustment.835",
    "835/LinuxForHealth-x12__managed-care.835",
    "835/LinuxForHealth-x12__medicare-part-a.835",
    "835/LinuxForHealth-x12__secondary-payment.835",
    "835/LinuxForHealth-x12__tertiary-payment.835",
    "835/azoner-pyx12__835_mult_loops.txt",
    "835/moov-io-x12__sample1.txt",
    "835/moov-io-x12__sample2.txt"};
#define NCORPUS (sizeof corpus / sizeof corpus[0])

/* Input i: the fixtures, then the corpus when it is there (NULL past the
 * end or for a corpus file that is absent). */
static char *input_at(size_t i, size_t *len, const char **name)
{
    if (i < NFIXTURES) {
        char *d = slurp(data_path(fixtures[i]), len);

        ck_assert_msg(d != NULL, "cannot read %s", fixtures[i]);
        *name = fixtures[i];
        return d;
    }
    if (i - NFIXTURES < NCORPUS && corpus_dir() != NULL) {
        char path[4096];

        snprintf(path, sizeof path, "%s/%s", corpus_dir(), corpus[i - NFIXTURES]);
        *name = corpus[i - NFIXTURES];
        return slurp(path, len);
    }
    return NULL;
}
#define NINPUTS (NFIXTURES + NCORPUS)

/* ---- writing through the stream ------------------------------------------- */

typedef enum { W_JSON, W_JSONL, W_CSV_LINES, W_CSV_CLAIMS, W_CSV_ADJ } wkind;

typedef struct writer {
    wkind kind;
    x12_remit_json *j;
    x12_remit_csv *c;
} writer;

static writer writer_new(wkind k, unsigned json_flags)
{
    writer w = {k, NULL, NULL};

    if (k == W_JSON || k == W_JSONL)
        ck_assert_int_eq(x12_remit_json_new(NULL, json_flags | (k == W_JSONL ? X12_REMIT_JSON_LINES : 0u), &w.j),
                         X12_OK);
    else
        ck_assert_int_eq(x12_remit_csv_new(NULL,
                                           k == W_CSV_LINES    ? X12_REMIT_CSV_LINES
                                           : k == W_CSV_CLAIMS ? X12_REMIT_CSV_CLAIMS
                                                               : X12_REMIT_CSV_ADJUSTMENTS,
                                           &w.c),
                         X12_OK);
    return w;
}

/* Moves what the writer has written into b. */
static void drain(writer *w, tbuf *b)
{
    size_t len;
    const char *d = w->j != NULL ? x12_remit_json_data(w->j, &len) : x12_remit_csv_data(w->c, &len);

    tbuf_add(b, d, len);
    if (w->j != NULL)
        x12_remit_json_clear(w->j);
    else
        x12_remit_csv_clear(w->c);
}

static void writer_end(writer *w, tbuf *b)
{
    if (w->j != NULL)
        ck_assert_int_eq(x12_remit_json_finish(w->j), X12_OK);
    drain(w, b);
    x12_remit_json_free(w->j);
    x12_remit_csv_free(w->c);
}

/* Streams data (a buffer, or pushed in chunks of `chunk` bytes when chunk
 * > 0) through a writer; drained after every event when `each`. */
static void write_stream(const char *data, size_t len, wkind k, unsigned flags, size_t chunk,
                         int each, tbuf *out)
{
    writer w = writer_new(k, flags);
    x12_remit_stream *s;
    x12_remit_event ev;
    x12_status st;
    size_t off = 0;
    int feed = chunk > 0;

    ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
    if (chunk == 0)
        ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), data, len), X12_OK);
    /* Push input: a chunk first, another each time the stream asks. */
    for (;;) {
        if (feed) {
            size_t n = len - off < chunk ? len - off : chunk;

            ck_assert_int_eq(x12_reader_feed(x12_remit_stream_reader(s), data + off, n, off + n == len),
                             X12_OK);
            off += n;
            feed = 0;
        }
        st = x12_remit_stream_next(s, &ev);
        if (st == X12_AGAIN) {
            feed = 1;
            continue;
        }
        if (st != X12_OK)
            break;
        if (w.j != NULL)
            ck_assert_int_eq(x12_remit_json_event(w.j, s, ev), X12_OK);
        else
            ck_assert_int_eq(x12_remit_csv_event(w.c, s, ev), X12_OK);
        if (each)
            drain(&w, out);
    }
    ck_assert_int_eq(st, X12_END);
    x12_remit_stream_free(s);
    writer_end(&w, out);
}

static void write_tree(const char *data, size_t len, wkind k, unsigned flags, tbuf *out)
{
    writer w = writer_new(k, flags);
    x12_remit_doc *d;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    if (w.j != NULL)
        ck_assert_int_eq(x12_remit_json_doc(w.j, d), X12_OK);
    else
        ck_assert_int_eq(x12_remit_csv_doc(w.c, d), X12_OK);
    x12_remit_doc_free(d);
    writer_end(&w, out);
}

/* Removes every "corrected_by":N, (trees know it, streams cannot). */
static void drop_corrected_by(tbuf *b)
{
    static const char key[] = "\"corrected_by\":";
    char *p;

    while ((p = strstr(b->p, key)) != NULL) {
        char *q = p + sizeof key - 1;

        while (*q >= '0' && *q <= '9')
            q++;
        ck_assert_int_eq(*q, ',');
        q++;
        memmove(p, q, strlen(q) + 1);
        b->len -= (size_t)(q - p);
    }
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* The same bytes from a buffer, from 1-, 7- and 4096-byte pushes, drained
 * after each event or at the end, and (but for corrected_by) from a tree;
 * for each JSON mode and CSV grain. */
START_TEST(test_same_bytes_every_way)
{
    static const wkind kinds[] = {W_JSON, W_JSONL, W_CSV_LINES, W_CSV_CLAIMS, W_CSV_ADJ};
    static const size_t chunks[] = {1, 7, 4096};
    size_t i, k, c, ninputs = 0;

    for (i = 0; i < NINPUTS; i++) {
        size_t len;
        const char *name;
        char *data = input_at(i, &len, &name);

        if (data == NULL)
            continue;
        ninputs++;
        for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            tbuf ref = {0}, tree = {0};

            write_stream(data, len, kinds[k], X12_REMIT_JSON_DESCRIBE, 0, 0, &ref);
            ck_assert_uint_gt(ref.len, 0);
            for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
                tbuf got = {0};

                write_stream(data, len, kinds[k], X12_REMIT_JSON_DESCRIBE, chunks[c], c == 1, &got);
                ck_assert_msg(got.len == ref.len && memcmp(got.p, ref.p, ref.len) == 0,
                              "%s kind %zu chunk %zu differs", name, k, chunks[c]);
                tbuf_free(&got);
            }
            write_tree(data, len, kinds[k], X12_REMIT_JSON_DESCRIBE, &tree);
            if (strcmp(name, "remit-reversal.x12") == 0 && kinds[k] <= W_JSONL)
                ck_assert_ptr_nonnull(strstr(tree.p, "\"corrected_by\":1,"));
            drop_corrected_by(&tree);
            ck_assert_msg(tree.len == ref.len && memcmp(tree.p, ref.p, ref.len) == 0,
                          "%s kind %zu: tree and stream differ", name, k);
            tbuf_free(&tree);
            tbuf_free(&ref);
        }
        free(data);
    }
    ck_assert_uint_ge(ninputs, NFIXTURES);
}
END_TEST

/* Compact: nothing empty, no null, no false; the money keys that must be
 * there are; descriptions only when asked; one JSON Lines line per event. */
START_TEST(test_compact_json)
{
    size_t i;

    for (i = 0; i < NINPUTS; i++) {
        size_t len, k, nclaims = 0, nlines = 0, nallowed = 0, npay;
        const char *name;
        char *data = input_at(i, &len, &name);
        tbuf j = {0}, jd = {0}, jl = {0};
        x12_remit_doc *d;

        if (data == NULL)
            continue;
        write_stream(data, len, W_JSON, 0, 0, 0, &j);
        write_stream(data, len, W_JSON, X12_REMIT_JSON_DESCRIBE, 0, 0, &jd);
        write_stream(data, len, W_JSONL, 0, 0, 0, &jl);
        ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
        npay = x12_remit_doc_payment_count(d);
        for (k = 0; k < npay; k++) {
            const x12_remit_payment *p = x12_remit_doc_payment_at(d, k);
            size_t c, l;

            nclaims += x12_remit_payment_claim_count(p);
            for (c = 0; c < x12_remit_payment_claim_count(p); c++) {
                const x12_remit_claim *cl = x12_remit_payment_claim_at(p, c);

                nlines += x12_remit_claim_service_count(cl);
                for (l = 0; l < x12_remit_claim_service_count(cl); l++)
                    nallowed += (size_t)x12_remit_service_has_allowed(x12_remit_claim_service_at(cl, l));
            }
        }
        x12_remit_doc_free(d);
        ck_assert_msg(strstr(j.p, "\"\"") == NULL, "%s: an empty string", name);
        ck_assert_msg(strstr(j.p, "[]") == NULL && strstr(j.p, "{}") == NULL, "%s: empty", name);
        ck_assert_msg(strstr(j.p, "null") == NULL && strstr(j.p, "false") == NULL, "%s", name);
        ck_assert_uint_eq(count_of(j.p, "\"patient_responsibility_cents\":"), nclaims);
        ck_assert_uint_eq(count_of(j.p, "\"patient_share\":"), nclaims + nlines);
        ck_assert_uint_eq(count_of(j.p, "\"total_cents\":"), nclaims + nlines);
        ck_assert_uint_eq(count_of(j.p, "\"allowed_cents\":"), nallowed);
        ck_assert_uint_eq(count_of(j.p, "\"totals\":"), npay);
        ck_assert_uint_eq(count_of(j.p, "\"amount_cents\":"),
                          count_of(jd.p, "\"amount_cents\":"));
        ck_assert_ptr_null(strstr(j.p, "_text\""));
        ck_assert_ptr_null(strstr(j.p, "\"text\""));
        ck_assert_uint_eq(count_of(jl.p, "\n"), 2 * npay + nclaims);
        ck_assert_uint_eq(count_of(jl.p, "{\"type\":\"claim\","), nclaims);
        ck_assert_uint_eq(count_of(jl.p, "{\"type\":\"payment_end\","), npay);
        tbuf_free(&j);
        tbuf_free(&jd);
        tbuf_free(&jl);
        free(data);
    }
}
END_TEST

/* ---- crafted 835s -------------------------------------------------------------- */

static const char head835[] =
    "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *240301*1200*^*00501*000000001*0*T*:~"
    "GS*HP*PAYER*PROVIDER*20240301*1200*1*X*005010X221A1~"
    "ST*835*0001~"
    "BPR*I*%s*C*CHK************20240301~"
    "TRN*1*CHK1*1512345678~"
    "N1*PR*%s~"
    "N1*PE*CLINIC*XX*1234567893~"
    "LX*1~";
static const char tail835[] = "SE*%d*0001~GE*1*1~IEA*1*000000001~";

/* An 835 with the claim segments given (one payment). */
static char *make835(const char *bpr, const char *payer, const char *claims, size_t *len)
{
    tbuf b = {0};
    char tmp[4096];
    int segs = 6; /* ST BPR TRN N1 N1 LX */
    const char *p;

    snprintf(tmp, sizeof tmp, head835, bpr, payer);
    tbuf_str(&b, tmp);
    tbuf_str(&b, claims);
    for (p = claims; *p != '\0'; p++)
        segs += *p == '~';
    snprintf(tmp, sizeof tmp, tail835, segs + 1);
    tbuf_str(&b, tmp);
    *len = b.len;
    return b.p;
}

static void json_of(const char *data, size_t len, unsigned flags, tbuf *out)
{
    write_stream(data, len, W_JSON, flags, 0, 0, out);
}

/* Quotes, backslashes and control characters are escaped; well-formed
 * UTF-8 is kept; other bytes >= 0x80 are Latin-1; a cut-short or
 * overlong sequence is not taken for UTF-8. */
START_TEST(test_json_text)
{
    static const char claims[] =
        "CLP*A\"B\\C\tD\001E*1*100*100**12~"
        "NM1*QC*1*M\xc3\xbcLLER*JOS\xc9****MI*\x80\xff~"
        "NM1*IL*1*\xe2\x82\xac*X\xe2\x82~"
        "NM1*74*1*\xc0\xaf*\xed\xa0\x80~";
    size_t len;
    char *data = make835("100", "PAYER \xe9\"Q\"", claims, &len);
    tbuf j = {0};

    json_of(data, len, 0, &j);
    ck_assert_msg(strstr(j.p, "\"patient_control_number\":\"A\\\"B\\\\C\\tD\\u0001E\"") != NULL,
                  "%s", j.p);
    ck_assert_ptr_nonnull(strstr(j.p, "\"name\":\"M\xc3\xbcLLER\",\"first_name\":\"JOS\xc3\x89\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"id\":\"\xc2\x80\xc3\xbf\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"name\":\"\xe2\x82\xac\",\"first_name\":\"X\xc3\xa2\xc2\x82\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"name\":\"\xc3\x80\xc2\xaf\",\"first_name\":\"\xc3\xad\xc2\xa0\xc2\x80\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"payer\":{\"name\":\"PAYER \xc3\xa9\\\"Q\\\"\"}"));
    tbuf_free(&j);
    free(data);
}
END_TEST

/* Integers at the edges: cents of 0, powers of ten, and int64's ends. */
START_TEST(test_json_integers)
{
    static const struct {
        const char *text;
        const char *json;
    } amounts[] = {
        {"0", "0"},           {".09", "9"},           {".1", "10"},          {".99", "99"},
        {"1", "100"},         {"9.99", "999"},        {"10", "1000"},        {"99.99", "9999"},
        {"100", "10000"},     {"-1000", "-100000"},   {"123456789.12", "12345678912"},
        {"92233720368547758.07", "9223372036854775807"},
        {"-92233720368547758.08", "-9223372036854775808"},
        {"10000000000000000", "1000000000000000000"}};
    size_t i;

    for (i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
        char clp[256], want[128];
        size_t len;
        char *data;
        tbuf j = {0};

        snprintf(clp, sizeof clp, "CLP*P%zu*1*%s*0**12~", i, amounts[i].text);
        data = make835("0", "PAYER", clp, &len);
        json_of(data, len, 0, &j);
        snprintf(want, sizeof want, "\"charge_cents\":%s,\"paid_cents\":0,", amounts[i].json);
        ck_assert_msg(strstr(j.p, want) != NULL, "%s: %s", amounts[i].text, j.p);
        tbuf_free(&j);
        free(data);
    }
}
END_TEST

/* Each value once: the patient is not repeated in names, the line's
 * REF*6R, AMT*B6 and DTM*472 not in its lists (later ones are); MIA/MOA
 * keep their non-remark elements. */
START_TEST(test_json_once)
{
    static const char claims[] =
        "CLP*P1*1*100*80*20*12~"
        "CAS*PR*1*20~"
        "NM1*QC*1*DOE*JANE****MI*M1~"
        "NM1*82*2*DR GROUP*****XX*1234567893~"
        "MOA*25*7.5*MA01~"
        "DTM*232*20240101~DTM*050*20240105~DTM*999*20240107~"
        "SVC*HC:99213:25*100*80**2~"
        "DTM*472*20240101~DTM*472*20240102~"
        "REF*6R*L1~REF*6R*L1B~REF*LU*11~"
        "AMT*B6*80~AMT*B6*81~AMT*KH*5~";
    size_t len;
    char *data = make835("80", "PAYER", claims, &len);
    tbuf j = {0};

    json_of(data, len, 0, &j);
    ck_assert_uint_eq(count_of(j.p, "DOE"), 1);
    ck_assert_ptr_nonnull(strstr(j.p, "\"patient\":{\"type\":\"1\",\"name\":\"DOE\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"names\":[{\"entity\":\"82\",\"type\":\"2\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"statement_from\":\"20240101\",\"received\":\"20240105\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"dates\":[{\"qualifier\":\"999\",\"date\":\"20240107\"}]"));
    ck_assert_ptr_nonnull(strstr(j.p, "\"moa\":{\"01\":\"25\",\"02\":\"7.5\"}"));
    ck_assert_ptr_nonnull(strstr(j.p, "\"remarks\":[{\"source\":\"MOA\",\"qualifier\":\"HE\",\"code\":\"MA01\"}]"));
    ck_assert_ptr_nonnull(strstr(j.p, "\"allowed_cents\":8000,\"units\":\"2\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"service_date\":\"20240101\",\"line_item_control_number\":\"L1\""));
    ck_assert_ptr_nonnull(strstr(j.p, "\"dates\":[{\"qualifier\":\"472\",\"date\":\"20240102\"}]"));
    ck_assert_ptr_nonnull(strstr(j.p, "\"refs\":[{\"qualifier\":\"6R\",\"value\":\"L1B\"},{\"qualifier\":\"LU\",\"value\":\"11\"}]"));
    ck_assert_ptr_nonnull(strstr(j.p, "\"amounts\":[{\"qualifier\":\"B6\",\"amount_cents\":8100},{\"qualifier\":\"KH\",\"amount_cents\":500}]"));
    ck_assert_ptr_nonnull(strstr(j.p, "\"modifiers\":[\"25\"]"));
    tbuf_free(&j);
    free(data);
}
END_TEST

/* Calls out of order, bad arguments, and an input that stops inside a
 * payment: the document and the JSON Lines still end well-formed. */
START_TEST(test_json_order)
{
    x12_remit_json *j;
    x12_remit_doc *d;
    size_t len, n;
    char *data = slurp(data_path("remit-multi.x12"), &len);
    const char *out;
    const x12_remit_payment *p;

    ck_assert_int_eq(x12_remit_json_new(NULL, 4, &j), X12_EINVAL);
    ck_assert_ptr_null(j);
    ck_assert_int_eq(x12_remit_json_new(NULL, 0, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    p = x12_remit_doc_payment_at(d, 0);

    ck_assert_int_eq(x12_remit_json_new(NULL, 0, &j), X12_OK);
    ck_assert_int_eq(x12_remit_json_claim(j, x12_remit_payment_claim_at(p, 0)), X12_ESTATE);
    ck_assert_int_eq(x12_remit_json_payment_end(j, p), X12_ESTATE);
    ck_assert_int_eq(x12_remit_json_payment(j, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_json_set_file(j, "a\"b.835"), X12_OK);
    ck_assert_int_eq(x12_remit_json_payment(j, p), X12_OK);
    ck_assert_int_eq(x12_remit_json_payment(j, p), X12_ESTATE);
    ck_assert_int_eq(x12_remit_json_claim(j, x12_remit_payment_claim_at(p, 0)), X12_OK);
    ck_assert_int_eq(x12_remit_json_finish(j), X12_OK);
    out = x12_remit_json_data(j, &n);
    ck_assert_uint_gt(n, 20);
    {
        static const char start[] = "{\"payments\":[\n{\"file\":\"a\\\"b.835\",\"index\":0,";
        static const char end[] = "\n],\"incomplete\":true}\n]}\n";

        ck_assert_int_eq(memcmp(out, start, sizeof start - 1), 0);
        ck_assert_int_eq(memcmp(out + n - (sizeof end - 1), end, sizeof end - 1), 0);
    }
    ck_assert_int_eq(x12_remit_json_finish(j), X12_ESTATE);
    ck_assert_int_eq(x12_remit_json_payment(j, p), X12_ESTATE);
    x12_remit_json_free(j);

    /* Nothing at all: an empty list. */
    ck_assert_int_eq(x12_remit_json_new(NULL, 0, &j), X12_OK);
    ck_assert_int_eq(x12_remit_json_finish(j), X12_OK);
    out = x12_remit_json_data(j, &n);
    ck_assert_int_eq((int)n, 17);
    ck_assert_int_eq(memcmp(out, "{\"payments\":[\n]}\n", 17), 0);
    x12_remit_json_clear(j);
    ck_assert_int_eq((int)(x12_remit_json_data(j, &n) != NULL), 1);
    ck_assert_uint_eq(n, 0);
    x12_remit_json_free(j);

    /* JSON Lines: a payment left open gets an incomplete end line. */
    ck_assert_int_eq(x12_remit_json_new(NULL, X12_REMIT_JSON_LINES, &j), X12_OK);
    ck_assert_int_eq(x12_remit_json_payment(j, p), X12_OK);
    x12_remit_json_clear(j);
    ck_assert_int_eq(x12_remit_json_finish(j), X12_OK);
    out = x12_remit_json_data(j, &n);
    {
        static const char want[] = "{\"type\":\"payment_end\",\"payment_index\":0,"
                                   "\"trace_number\":\"EFT20240301A\",\"incomplete\":true}\n";

        ck_assert_uint_eq(n, sizeof want - 1);
        ck_assert_int_eq(memcmp(out, want, n), 0);
    }
    x12_remit_json_free(j);

    ck_assert_int_eq(x12_remit_json_event(NULL, NULL, X12_REMIT_EV_CLAIM), X12_EINVAL);
    ck_assert_int_eq(x12_remit_json_doc(NULL, d), X12_EINVAL);
    ck_assert_int_eq(x12_remit_json_finish(NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_json_set_file(NULL, "x"), X12_EINVAL);
    x12_remit_json_free(NULL);
    x12_remit_json_clear(NULL);
    ck_assert_ptr_nonnull(x12_remit_json_data(NULL, &n));
    ck_assert_uint_eq(n, 0);
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* ---- CSV ----------------------------------------------------------------------- */

static void csv_of(const char *data, size_t len, wkind k, tbuf *out)
{
    write_stream(data, len, k, 0, 0, 0, out);
}

/* Fields holding a comma or a quote are quoted with the quotes doubled;
 * Latin-1 becomes UTF-8; a claim without lines has one row of its own. */
START_TEST(test_csv_quoting)
{
    static const char claims[] =
        "CLP*P,1*1*100*100**12~"
        "NM1*QC*1*O\"BRIEN*J\xc9****MI*M1~"
        "CLP*P2*4*50*0**12~"
        "SVC*HC:99213*50*0**1~"
        "CAS*CO*16*50~";
    size_t len;
    char *data = make835("100", "ACME, INC", claims, &len);
    tbuf l = {0}, c = {0}, a = {0};

    csv_of(data, len, W_CSV_LINES, &l);
    ck_assert_ptr_nonnull(strstr(l.p, ",\"ACME, INC\","));
    ck_assert_ptr_nonnull(strstr(l.p, ",0,\"P,1\",,1,paid,\"O\"\"BRIEN\",J\xc3\x89,100.00,100.00,0.00,,"
                                      ",,,,,,,,100.00,,100.00,"));
    ck_assert_uint_eq(count_of(l.p, "\n"), 3);
    csv_of(data, len, W_CSV_CLAIMS, &c);
    ck_assert_uint_eq(count_of(c.p, "\n"), 3);
    ck_assert_ptr_nonnull(strstr(c.p, ",1,P2,,4,denied,,,50.00,0.00,0.00,,12,,,,,,1,0.00,0.00,0.00,"
                                      "0.00,50.00,0.00,CO-16:50.00,,,true\n"));
    ck_assert_ptr_nonnull(strstr(c.p, ",0,\"P,1\",,1,paid,\"O\"\"BRIEN\",J\xc3\x89,100.00,100.00,0.00,,12,"
                                      ",,,,,0,0.00,0.00,0.00,0.00,0.00,0.00,,,,true\n"));
    csv_of(data, len, W_CSV_ADJ, &a);
    ck_assert_uint_eq(count_of(a.p, "\n"), 2);
    ck_assert_ptr_nonnull(strstr(a.p, ",1,P2,,1,99213,CO,16,50.00,\n"));
    tbuf_free(&l);
    tbuf_free(&c);
    tbuf_free(&a);
    free(data);
}
END_TEST

/* Each grain starts with its header and has a row per line (or claim
 * without lines), per claim, per adjustment. */
START_TEST(test_csv_grains)
{
    size_t i;

    for (i = 0; i < NINPUTS; i++) {
        size_t len, k, rows_l = 0, rows_c = 0, rows_a = 0;
        const char *name;
        char *data = input_at(i, &len, &name);
        tbuf l = {0}, c = {0}, a = {0};
        x12_remit_doc *d;

        if (data == NULL)
            continue;
        ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
        for (k = 0; k < x12_remit_doc_payment_count(d); k++) {
            const x12_remit_payment *p = x12_remit_doc_payment_at(d, k);
            size_t n;

            for (n = 0; n < x12_remit_payment_claim_count(p); n++) {
                const x12_remit_claim *cl = x12_remit_payment_claim_at(p, n);
                size_t s, nl = x12_remit_claim_service_count(cl);

                rows_c++;
                rows_l += nl > 0 ? nl : 1;
                rows_a += x12_remit_claim_adjustment_count(cl);
                for (s = 0; s < nl; s++)
                    rows_a += x12_remit_service_adjustment_count(x12_remit_claim_service_at(cl, s));
            }
        }
        x12_remit_doc_free(d);
        csv_of(data, len, W_CSV_LINES, &l);
        csv_of(data, len, W_CSV_CLAIMS, &c);
        csv_of(data, len, W_CSV_ADJ, &a);
        ck_assert_int_eq(strncmp(l.p, "file,payment_index,trace_number,", 32), 0);
        ck_assert_ptr_nonnull(strstr(l.p, ",line_outcome\n"));
        ck_assert_ptr_nonnull(strstr(c.p, ",reversal_of,balanced\n"));
        ck_assert_int_eq(strncmp(a.p, "file,payment_index,trace_number,claim_index,", 44), 0);
        ck_assert_msg(count_of(l.p, "\n") == rows_l + 1, "%s lines", name);
        ck_assert_msg(count_of(c.p, "\n") == rows_c + 1, "%s claims", name);
        ck_assert_msg(count_of(a.p, "\n") == rows_a + 1, "%s adjustments", name);
        tbuf_free(&l);
        tbuf_free(&c);
        tbuf_free(&a);
        free(data);
    }
}
END_TEST

START_TEST(test_csv_api)
{
    x12_remit_csv *w;
    size_t n;

    ck_assert_int_eq(x12_remit_csv_new(NULL, (x12_remit_csv_grain)0, &w), X12_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(x12_remit_csv_new(NULL, (x12_remit_csv_grain)4, &w), X12_EINVAL);
    ck_assert_int_eq(x12_remit_csv_new(NULL, X12_REMIT_CSV_LINES, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_csv_new(NULL, X12_REMIT_CSV_CLAIMS, &w), X12_OK);
    ck_assert_int_eq(x12_remit_csv_claim(w, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_csv_payment(w, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_csv_event(w, NULL, X12_REMIT_EV_CLAIM), X12_EINVAL);
    ck_assert_int_eq(x12_remit_csv_doc(w, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_csv_set_file(NULL, "x"), X12_EINVAL);
    x12_remit_csv_data(w, &n);
    ck_assert_uint_gt(n, 100);
    x12_remit_csv_clear(w);
    x12_remit_csv_data(w, &n);
    ck_assert_uint_eq(n, 0);
    x12_remit_csv_free(w);
    x12_remit_csv_free(NULL);
    x12_remit_csv_clear(NULL);
    ck_assert_ptr_nonnull(x12_remit_csv_data(NULL, &n));
    ck_assert_uint_eq(n, 0);
}
END_TEST

/* ---- hostile bytes: the output stays well-formed ---------------------------------- */

/* Checks RFC 8259 JSON: one value, strings of valid UTF-8 without raw
 * control characters.  Returns 0, or the offset + 1 of the first fault. */
typedef struct jscan {
    const unsigned char *p, *end, *start;
    int bad;
} jscan;

static size_t utf8_len_at(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n, i;
    unsigned lo = 0x80, hi = 0xBF;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

static void js_ws(jscan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
        s->p++;
}

static void js_value(jscan *s, int depth);

static void js_string(jscan *s)
{
    s->p++; /* '"' */
    while (s->p < s->end && *s->p != '"') {
        if (*s->p < 0x20) {
            s->bad = 1;
            return;
        }
        if (*s->p == '\\') {
            static const char simple[] = "\"\\/bfnrt";
            int k;

            if (++s->p >= s->end) {
                s->bad = 1;
                return;
            }
            if (*s->p == 'u') {
                for (k = 1; k <= 4; k++)
                    if (s->p + k >= s->end || strchr("0123456789abcdefABCDEF", s->p[k]) == NULL ||
                        s->p[k] == '\0') {
                        s->bad = 1;
                        return;
                    }
                s->p += 5;
            } else if (strchr(simple, *s->p) != NULL && *s->p != '\0') {
                s->p++;
            } else {
                s->bad = 1;
                return;
            }
            continue;
        }
        {
            size_t n = utf8_len_at(s->p, s->end);

            if (n == 0) {
                s->bad = 1;
                return;
            }
            s->p += n;
        }
    }
    if (s->p >= s->end)
        s->bad = 1;
    else
        s->p++;
}

static void js_number(jscan *s)
{
    const unsigned char *b = s->p;

    if (*s->p == '-')
        s->p++;
    if (s->p < s->end && *s->p == '0')
        s->p++;
    else
        while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
            s->p++;
    if (s->p == b || (s->p == b + 1 && *b == '-'))
        s->bad = 1;
}

static void js_value(jscan *s, int depth)
{
    js_ws(s);
    if (s->p >= s->end || depth > 64) {
        s->bad = 1;
        return;
    }
    if (*s->p == '{' || *s->p == '[') {
        int obj = *s->p == '{';

        s->p++;
        js_ws(s);
        if (s->p < s->end && *s->p == (obj ? '}' : ']')) {
            s->p++;
            return;
        }
        for (;;) {
            if (obj) {
                js_ws(s);
                if (s->p >= s->end || *s->p != '"') {
                    s->bad = 1;
                    return;
                }
                js_string(s);
                js_ws(s);
                if (s->bad || s->p >= s->end || *s->p != ':') {
                    s->bad = 1;
                    return;
                }
                s->p++;
            }
            js_value(s, depth + 1);
            js_ws(s);
            if (s->bad || s->p >= s->end) {
                s->bad = 1;
                return;
            }
            if (*s->p == ',') {
                s->p++;
                continue;
            }
            if (*s->p != (obj ? '}' : ']'))
                s->bad = 1;
            else
                s->p++;
            return;
        }
    }
    if (*s->p == '"')
        js_string(s);
    else if (s->end - s->p >= 4 && memcmp(s->p, "true", 4) == 0)
        s->p += 4;
    else
        js_number(s);
}

/* 0 when [p, p + n) is one JSON value (and white space). */
static size_t json_fault(const char *p, size_t n)
{
    jscan s = {(const unsigned char *)p, (const unsigned char *)p + n,
               (const unsigned char *)p, 0};

    js_value(&s, 0);
    js_ws(&s);
    if (!s.bad && s.p == s.end)
        return 0;
    return (size_t)(s.p - s.start) + 1;
}

/* RFC 4180 with LF rows: every row has the header's number of fields,
 * quoted fields end where they should, the text is valid UTF-8.  0, or the
 * offset + 1 of the fault. */
static size_t csv_fault(const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    size_t fields = 0, want = 0;
    int header = 1;

    while (p < end) {
        if (*p == '"') {
            p++;
            for (;;) {
                if (p >= end)
                    return n;
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                {
                    size_t u = utf8_len_at(p, end);

                    if (u == 0)
                        return (size_t)(p - (const unsigned char *)text) + 1;
                    p += u;
                }
            }
        } else {
            while (p < end && *p != ',' && *p != '\n') {
                size_t u = utf8_len_at(p, end);

                if (u == 0 || *p == '"' || *p == '\r')
                    return (size_t)(p - (const unsigned char *)text) + 1;
                p += u;
            }
        }
        fields++;
        if (p >= end)
            return n; /* the last row has no LF */
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p != '\n')
            return (size_t)(p - (const unsigned char *)text) + 1;
        p++;
        if (header)
            want = fields;
        else if (fields != want)
            return (size_t)(p - (const unsigned char *)text);
        header = 0;
        fields = 0;
    }
    return 0;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* 3,000 fixtures and corpus files with bytes changed or put in (quotes,
 * backslashes, commas, controls, CR/LF, DEL, Latin-1, whole and broken
 * UTF-8, delimiters): every JSON document and JSON Lines line is valid
 * JSON of valid UTF-8, every CSV grain valid RFC 4180 of valid UTF-8 with
 * the header's number of fields on every row. */
START_TEST(test_hostile_bytes)
{
    static const char *const pieces[] = {"\"", "\\", ",", "\001", "\t", "\r", "\n", "\177",
                                         "\200", "\311", "\377", "\303\251", "\342\202\254",
                                         "\360\237\230\200", "\342\202", "\355\240\200",
                                         "\300\257", "*", "~", ":", "^", "\"\"", "\\u0000"};
    static const wkind kinds[] = {W_JSON, W_JSONL, W_CSV_LINES, W_CSV_CLAIMS, W_CSV_ADJ};
    size_t round, ninputs = 0, i;
    char *inputs[NINPUTS];
    size_t lens[NINPUTS];

    for (i = 0; i < NINPUTS; i++) {
        const char *name;

        inputs[ninputs] = input_at(i, &lens[ninputs], &name);
        if (inputs[ninputs] != NULL)
            ninputs++;
    }
    for (round = 0; round < 3000; round++) {
        size_t k = rnd((unsigned)ninputs), len = lens[k], edits = 1 + rnd(8), e, w;
        tbuf b = {0};

        tbuf_add(&b, inputs[k], len);
        for (e = 0; e < edits; e++) {
            const char *piece = pieces[rnd(sizeof pieces / sizeof pieces[0])];
            size_t pl = strlen(piece), at = rnd((unsigned)b.len);

            if (rnd(2)) { /* overwrite */
                if (at + pl > b.len)
                    continue;
                memcpy(b.p + at, piece, pl);
            } else { /* insert */
                tbuf_add(&b, piece, pl);
                memmove(b.p + at + pl, b.p + at, b.len - pl - at);
                memcpy(b.p + at, piece, pl);
            }
        }
        for (w = 0; w < sizeof kinds / sizeof kinds[0]; w++) {
            tbuf out = {0};
            x12_remit_doc *d;
            size_t fault = 0;

            /* The stream may stop on a fatal reader error: a tree then. */
            if (x12_remit_parse_buffer(NULL, b.p, b.len, &d) != X12_OK)
                continue;
            x12_remit_doc_free(d);
            write_tree(b.p, b.len, kinds[w], rnd(2) ? X12_REMIT_JSON_DESCRIBE : 0u, &out);
            if (kinds[w] == W_JSON) {
                fault = json_fault(out.p, out.len);
            } else if (kinds[w] == W_JSONL) {
                size_t at = 0;

                while (at < out.len && fault == 0) {
                    char *nl = memchr(out.p + at, '\n', out.len - at);

                    ck_assert_ptr_nonnull(nl);
                    fault = json_fault(out.p + at, (size_t)(nl - out.p) - at);
                    if (fault != 0)
                        fault += at;
                    at = (size_t)(nl - out.p) + 1;
                }
            } else {
                fault = csv_fault(out.p, out.len);
            }
            ck_assert_msg(fault == 0, "round %zu, output %zu: fault at byte %zu: %.80s", round,
                          w, fault - 1, out.p + (fault > 40 ? fault - 40 : 0));
            tbuf_free(&out);
        }
        tbuf_free(&b);
    }
    for (i = 0; i < ninputs; i++)
        free(inputs[i]);
}
END_TEST

/* ---- memory running out -------------------------------------------------------- */

/* Writes a tree with writers that use `al`; returns the last status. */
static x12_status write_with(const x12_allocator *al, const x12_remit_doc *d, int csv)
{
    x12_status st;

    if (csv) {
        x12_remit_csv *w;

        st = x12_remit_csv_new(al, X12_REMIT_CSV_LINES, &w);
        if (st != X12_OK)
            return st;
        if ((st = x12_remit_csv_set_file(w, "f.835")) == X12_OK)
            st = x12_remit_csv_doc(w, d);
        x12_remit_csv_free(w);
    } else {
        x12_remit_json *j;

        st = x12_remit_json_new(al, X12_REMIT_JSON_DESCRIBE, &j);
        if (st != X12_OK)
            return st;
        if ((st = x12_remit_json_set_file(j, "f.835")) == X12_OK &&
            (st = x12_remit_json_doc(j, d)) == X12_OK)
            st = x12_remit_json_finish(j);
        x12_remit_json_free(j);
    }
    return st;
}

/* Running out of memory at any allocation gives X12_ENOMEM, never a crash
 * or a leak. */
START_TEST(test_out_of_memory)
{
    size_t len;
    char *data = slurp(data_path("remit-denials.x12"), &len);
    failcount cnt = {0, 0, -1};
    x12_allocator al = {sizeof al, failcount_malloc, failcount_realloc, failcount_free, &cnt};
    x12_remit_doc *d;
    int csv;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    for (csv = 0; csv < 2; csv++) {
        long total, n;

        cnt.allocs = cnt.frees = 0;
        cnt.fail_at = -1;
        ck_assert_int_eq(write_with(&al, d, csv), X12_OK);
        ck_assert_int_eq(cnt.allocs, cnt.frees);
        total = cnt.allocs;
        ck_assert_int_gt(total, 1);
        for (n = 0; n < total; n++) {
            cnt.allocs = cnt.frees = 0;
            cnt.fail_at = n;
            ck_assert_int_eq(write_with(&al, d, csv), X12_ENOMEM);
            ck_assert_int_eq(cnt.allocs, cnt.frees);
        }
    }
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

static Suite *out_suite(void)
{
    Suite *s = suite_create("remit835_out");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_same_bytes_every_way);
    tcase_add_test(tc, test_compact_json);
    tcase_add_test(tc, test_json_text);
    tcase_add_test(tc, test_json_integers);
    tcase_add_test(tc, test_json_once);
    tcase_add_test(tc, test_json_order);
    tcase_add_test(tc, test_csv_quoting);
    tcase_add_test(tc, test_csv_grains);
    tcase_add_test(tc, test_csv_api);
    tcase_add_test(tc, test_hostile_bytes);
    tcase_add_test(tc, test_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(out_suite)
