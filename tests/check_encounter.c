/*
 * encounter input at scale: streaming batches, streaming encounter XML and
 * JSON Lines encounters (include/x12/claim837.h: x12_batch_stream_*,
 * x12_batch_build_xml*, x12_batch_build_jsonl*).
 *
 * What the suite proves:
 *  - a streaming batch writes the bytes x12_batch_write gives for the same
 *    claims (several providers, subscribers, patients, set splitting), runs
 *    the same edits with the same paths, stops writing at the first failure
 *    and leaves the interchange unfinished, refuses what would break its
 *    memory rules (X12_ESTATE), and takes the same peak memory for 1,000 and
 *    10,000 claims;
 *  - the example encounters build byte for byte into their goldens from XML
 *    and from JSON Lines, whole or fed in 1-byte and 7-byte pieces;
 *  - encounter XML with a DTD (billion laughs, an external entity naming a
 *    local file, an internal entity used in an attribute) or an undeclared
 *    entity is refused, nothing expanded, nothing written; schema messages
 *    quote no values and no raw bytes;
 *  - X12_BATCHOPT_MAX_CLAIM_BYTES stops a hostile claim at its line; an
 *    allocator that fails at every point gives a clean, located
 *    out-of-memory record or the unlimited output;
 *  - JSON Lines: strict RFC 8259 (each syntax error with its line and
 *    byte), depth and line-length limits, every value-type rule of the
 *    format, the header rules, HL levels shared by equal consecutive
 *    parties, BOM and blank lines, bad lines reported and skipped with the
 *    rest still checked, memory flat in the number of claims.
 */
#include <stdint.h>
#include <unistd.h>

#include "testutil.h"

#define S X12_NTS

static const char *encounter_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("X12_EXAMPLE_DATA");

    snprintf(path, sizeof path, "%s/../encounters/%s", dir ? dir : "examples/data", name);
    return path;
}

static char *slurp_encounter(const char *name, size_t *len)
{
    char *p = slurp(encounter_path(name), len);

    ck_assert_msg(p != NULL, "cannot read %s", encounter_path(name));
    return p;
}

static char *replace(const char *src, const char *from, const char *to)
{
    const char *at = strstr(src, from);
    size_t a, f = strlen(from), t = strlen(to), n = strlen(src);
    char *out;

    ck_assert_msg(at != NULL, "'%s' not found", from);
    a = (size_t)(at - src);
    out = malloc(n - f + t + 1);
    memcpy(out, src, a);
    memcpy(out + a, to, t);
    memcpy(out + a + t, at + f, n - a - f + 1);
    return out;
}

/* Every edit as "path|rule|message\n", collected by the edit handler. */
static void collect_edit(void *user, const char *path, const x12_error *e)
{
    tbuf *t = user;

    tbuf_str(t, path);
    tbuf_str(t, "|");
    tbuf_str(t, x12_error_rule(e));
    tbuf_str(t, "|");
    tbuf_str(t, x12_error_message(e));
    tbuf_str(t, "\n");
}

static x12_writer *mem_writer(void)
{
    x12_writer *w;

    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    return w;
}

static void take_output(x12_writer *w, tbuf *out)
{
    size_t n;
    const char *p = x12_writer_memory(w, &n);

    out->len = 0;
    tbuf_add(out, p ? p : "", p ? n : 0);
}

/* Input through the callback, `chunk` bytes at a time. */
typedef struct feed {
    const char *p;
    size_t len, pos, chunk;
} feed;

static int feed_read(void *user, char *buf, size_t cap, size_t *got)
{
    feed *f = user;
    size_t n = f->len - f->pos;

    if (n > f->chunk)
        n = f->chunk;
    if (n > cap)
        n = cap;
    memcpy(buf, f->p + f->pos, n);
    f->pos += n;
    *got = n;
    return 0;
}

enum { XML, JSONL };

/* Builds text (XML or JSONL) with the batch options of `setup`; the
 * output goes to out, the edits to edits.  chunk 0: the buffer call. */
static x12_status build_text(int fmt, const char *text, size_t len, size_t chunk,
                             void (*setup)(x12_batch *), tbuf *out, tbuf *edits)
{
    x12_batch *b;
    x12_writer *w = mem_writer();
    x12_status st;
    feed f = {text, len, 0, chunk};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    if (setup != NULL)
        setup(b);
    ck_assert_int_eq(x12_batch_set_edit_handler(b, collect_edit, edits), X12_OK);
    if (fmt == XML)
        st = chunk ? x12_batch_build_xml(b, feed_read, &f, "t.xml", w)
                   : x12_batch_build_xml_buffer(b, text, len, "t.xml", w);
    else
        st = chunk ? x12_batch_build_jsonl(b, feed_read, &f, "t.jsonl", w)
                   : x12_batch_build_jsonl_buffer(b, text, len, "t.jsonl", w);
    take_output(w, out);
    x12_writer_free(w);
    x12_batch_free(b);
    return st;
}

static void assert_golden(const tbuf *got, const char *name)
{
    char path[256];
    size_t len;
    char *want;

    snprintf(path, sizeof path, "claim837-%s.837", name);
    want = slurp(data_path(path), &len);
    ck_assert_msg(want != NULL, "cannot read %s", data_path(path));
    ck_assert_msg(got->len == len && memcmp(got->p, want, len) == 0,
                  "%s: output differs from the golden", name);
    free(want);
}

/* ---- the streaming batch --------------------------------------------------------- */

static void header(x12_batch *b)
{
    x12_batch_set(b, X12_BATCH_SENDER_ID, "S1", S);
    x12_batch_set(b, X12_BATCH_RECEIVER_ID, "R1", S);
    x12_batch_set(b, X12_BATCH_DATE, "20250103", S);
    x12_batch_set(b, X12_BATCH_TIME, "0700", S);
    x12_batch_set(b, X12_BATCH_REFERENCE, "REF1", S);
    x12_party_set(x12_batch_submitter(b), X12_PARTY_NAME, "SUB", S);
    x12_party_set(x12_batch_submitter(b), X12_PARTY_ID, "S1", S);
    x12_party_set(x12_batch_submitter(b), X12_PARTY_EMAIL, "edi@example.invalid", S);
    x12_party_set(x12_batch_receiver(b), X12_PARTY_NAME, "RCV", S);
    x12_party_set(x12_batch_receiver(b), X12_PARTY_ID, "R1", S);
}

static x12_billing_provider *provider(x12_batch *b, const char *npi)
{
    x12_billing_provider *bp;
    x12_party *p;

    ck_assert_int_eq(x12_batch_add_provider(b, &bp), X12_OK);
    p = x12_billing_provider_party(bp);
    x12_party_set(p, X12_PARTY_NAME, "CLINIC", S);
    x12_party_set(p, X12_PARTY_ID, npi, S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "1 MAIN STREET", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "627011234", S);
    x12_party_set(p, X12_PARTY_EIN, "371234567", S);
    return bp;
}

static void person(x12_party *p, const char *id)
{
    x12_party_set(p, X12_PARTY_NAME, "DOE", S);
    x12_party_set(p, X12_PARTY_FIRST_NAME, "SAM", S);
    if (id != NULL)
        x12_party_set(p, X12_PARTY_ID, id, S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "62704", S);
    x12_party_set(p, X12_PARTY_BIRTH_DATE, "19900101", S);
    x12_party_set(p, X12_PARTY_GENDER, "U", S);
}

static x12_subscriber *subscriber(x12_billing_provider *bp, const char *member)
{
    x12_subscriber *s;

    ck_assert_int_eq(x12_billing_provider_add_subscriber(bp, &s), X12_OK);
    x12_subscriber_set(s, X12_SUB_RESPONSIBILITY, "P", S);
    x12_subscriber_set(s, X12_SUB_FILING_INDICATOR, "CI", S);
    person(x12_subscriber_party(s), member);
    x12_party_set(x12_subscriber_payer(s), X12_PARTY_NAME, "PLAN", S);
    x12_party_set(x12_subscriber_payer(s), X12_PARTY_ID, "P1", S);
    return s;
}

static void fill(x12_claim *c, unsigned n, const char *procedure)
{
    x12_service_line *l;
    char pcn[32];

    snprintf(pcn, sizeof pcn, "C%u", n);
    x12_claim_set(c, X12_CLAIM_PCN, pcn, S);
    x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 5000);
    x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S);
    x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20250102", S);
    x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "Z00.00", S, 0);
    ck_assert_int_eq(x12_claim_add_line(c, &l), X12_OK);
    x12_line_set(l, X12_LINE_PROCEDURE, procedure, S);
    x12_line_set_amount(l, X12_LINEAMT_CHARGE, 5000);
    x12_line_add_pointer(l, 1);
}

/*
 * The same claims, added in the order a stream can take them: provider 1
 * with subscriber A (two claims of their own, then a patient with two),
 * subscriber B (one claim); provider 2 with subscriber C (three claims).
 * `bad` makes claim number `bad` fail an edit (a bad procedure code).
 * With `stream`, each claim is flushed as soon as it is filled.
 */
static x12_status populate(x12_batch *b, int stream, unsigned bad, tbuf *edits)
{
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_patient *pt;
    x12_claim *c;
    unsigned n = 0, k;
    x12_status st = X12_OK, fl;

#define CLAIM(adder, parent)                                                              \
    do {                                                                                 \
        ck_assert_int_eq(adder(parent, &c), X12_OK);                                     \
        ++n;                                                                             \
        fill(c, n, n == bad ? "9921" : "99213");                                         \
        if (stream && (fl = x12_batch_stream_flush(b)) != X12_OK)                        \
            st = fl;                                                                     \
    } while (0)

    (void)edits;
    bp = provider(b, "1234567893");
    s = subscriber(bp, "MA");
    CLAIM(x12_subscriber_add_claim, s);
    CLAIM(x12_subscriber_add_claim, s);
    ck_assert_int_eq(x12_subscriber_add_patient(s, &pt), X12_OK);
    x12_patient_set_relationship(pt, "19", S);
    person(x12_patient_party(pt), NULL);
    CLAIM(x12_patient_add_claim, pt);
    CLAIM(x12_patient_add_claim, pt);
    s = subscriber(bp, "MB");
    CLAIM(x12_subscriber_add_claim, s);
    bp = provider(b, "1987654328");
    s = subscriber(bp, "MC");
    for (k = 0; k < 3; k++)
        CLAIM(x12_subscriber_add_claim, s);
#undef CLAIM
    return st;
}

static void stream_vs_batch(unsigned max_per_set)
{
    x12_batch *b, *sb;
    x12_writer *w = mem_writer(), *sw = mem_writer();
    tbuf want = {0}, got = {0}, e1 = {0};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    header(b);
    x12_batch_set_option(b, X12_BATCHOPT_MAX_CLAIMS_PER_SET, max_per_set);
    populate(b, 0, 0, NULL);
    ck_assert_int_eq(x12_batch_write(b, w), X12_OK);
    take_output(w, &want);

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &sb), X12_OK);
    header(sb);
    x12_batch_set_option(sb, X12_BATCHOPT_MAX_CLAIMS_PER_SET, max_per_set);
    ck_assert_int_eq(x12_batch_stream_begin(sb, sw), X12_OK);
    ck_assert_int_eq(populate(sb, 1, 0, &e1), X12_OK);
    ck_assert_int_eq(x12_batch_stream_end(sb), X12_OK);
    take_output(sw, &got);
    ck_assert_uint_eq(x12_batch_claim_count(sb), 8);
    ck_assert_msg(got.len == want.len && memcmp(got.p, want.p, got.len) == 0,
                  "stream output differs (max %u per set):\n%s\n---\n%s", max_per_set, got.p,
                  want.p);
    /* after the end the batch only frees */
    ck_assert_int_eq(x12_batch_stream_flush(sb), X12_ESTATE);
    ck_assert_int_eq(x12_batch_stream_end(sb), X12_ESTATE);
    x12_batch_free(b);
    x12_batch_free(sb);
    x12_writer_free(w);
    x12_writer_free(sw);
    tbuf_free(&want);
    tbuf_free(&got);
    tbuf_free(&e1);
}

/* The stream's bytes are x12_batch_write's, one set or sets of 2 and 4. */
START_TEST(test_stream_equals_batch)
{
    stream_vs_batch(5000);
    stream_vs_batch(2);
    stream_vs_batch(4);
}
END_TEST

/* Claim 6 fails its edit: claims 1-5 are written, nothing after, no
 * trailers; claims 7 and 8 are still checked, and the paths count claims
 * across the stream as x12_batch_check does. */
START_TEST(test_stream_edit_failure)
{
    x12_batch *b, *sb;
    x12_writer *sw = mem_writer();
    tbuf got = {0}, edits = {0}, batch_edits = {0};
    size_t i;
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_claim *c;

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &sb), X12_OK);
    header(sb);
    x12_batch_set_edit_handler(sb, collect_edit, &edits);
    ck_assert_int_eq(x12_batch_stream_begin(sb, sw), X12_OK);
    ck_assert_int_eq(populate(sb, 1, 6, NULL), X12_EEDIT);
    ck_assert_int_eq(x12_batch_stream_end(sb), X12_EEDIT);
    take_output(sw, &got);
    ck_assert_ptr_nonnull(strstr(got.p, "CLM*C5*"));
    ck_assert_ptr_null(strstr(got.p, "CLM*C6*"));
    ck_assert_ptr_null(strstr(got.p, "CLM*C7*"));
    ck_assert_ptr_null(strstr(got.p, "SE*"));
    ck_assert_ptr_null(strstr(got.p, "IEA*"));
    /* the same record x12_batch_check gives for the same batch */
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    header(b);
    populate(b, 0, 6, NULL);
    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    for (i = 0; i < x12_batch_edit_count(b); i++)
        collect_edit(&batch_edits, x12_batch_edit_path(b, i), x12_batch_edit_at(b, i));
    ck_assert_str_eq(edits.p, batch_edits.p);
    ck_assert_str_eq(edits.p, "claim[6].line[1].procedure|procedure-format|procedure code "
                              "must be a CPT code (4 digits then a digit, F or T) or a HCPCS "
                              "code (a letter A-V then 4 digits)\n");
    x12_batch_free(b);
    x12_batch_free(sb);
    x12_writer_free(sw);
    tbuf_free(&got);
    tbuf_free(&edits);
    tbuf_free(&batch_edits);

    /* a level's closing rules when it is replaced: a subscriber with no
     * claims, reported with its path before the next provider's */
    edits.len = 0;
    sw = mem_writer();
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &sb), X12_OK);
    header(sb);
    x12_batch_set_edit_handler(sb, collect_edit, &edits);
    ck_assert_int_eq(x12_batch_stream_begin(sb, sw), X12_OK);
    bp = provider(sb, "1234567893");
    subscriber(bp, "MA");
    s = subscriber(bp, "MB");
    ck_assert_int_eq(x12_subscriber_add_claim(s, &c), X12_OK);
    fill(c, 1, "99213");
    ck_assert_int_eq(x12_batch_stream_flush(sb), X12_EEDIT);
    ck_assert_int_eq(x12_batch_stream_end(sb), X12_EEDIT);
    take_output(sw, &got);
    ck_assert_uint_eq(got.len, 0);
    ck_assert_str_eq(edits.p, "provider[1].subscriber[1].claim|required|the subscriber has "
                              "no claims (for themself or a patient)\n");
    x12_batch_free(sb);
    x12_writer_free(sw);
    tbuf_free(&got);
    tbuf_free(&edits);
}
END_TEST

/* What would break the memory rules is refused. */
START_TEST(test_stream_state)
{
    x12_batch *b;
    x12_writer *w = mem_writer();
    x12_billing_provider *bp, *bp2;
    x12_subscriber *s, *s2;
    x12_patient *pt;
    x12_claim *c;

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    header(b);
    ck_assert_int_eq(x12_batch_stream_flush(b), X12_ESTATE); /* not streaming */
    ck_assert_int_eq(x12_batch_stream_begin(b, w), X12_OK);
    ck_assert_int_eq(x12_batch_stream_begin(b, w), X12_ESTATE);
    ck_assert_int_eq(x12_batch_check(b), X12_ESTATE);
    ck_assert_int_eq(x12_batch_write(b, w), X12_ESTATE);
    bp = provider(b, "1234567893");
    s = subscriber(bp, "MA");
    ck_assert_int_eq(x12_subscriber_add_claim(s, &c), X12_OK);
    fill(c, 1, "99213");
    /* a claim waits: no new level until it is flushed */
    ck_assert_int_eq(x12_billing_provider_add_subscriber(bp, &s2), X12_ESTATE);
    ck_assert_int_eq(x12_subscriber_add_patient(s, &pt), X12_ESTATE);
    ck_assert_int_eq(x12_batch_add_provider(b, &bp2), X12_ESTATE);
    ck_assert_int_eq(x12_batch_stream_flush(b), X12_OK);
    s2 = subscriber(bp, "MB");
    /* claims go to the newest subscriber only; subscribers to the newest
     * provider only */
    ck_assert_int_eq(x12_subscriber_add_claim(s2, &c), X12_OK);
    fill(c, 2, "99213");
    ck_assert_int_eq(x12_batch_stream_flush(b), X12_OK);
    /* (a released handle cannot be told from a new one at the same
     * address: using one is the caller's error, as after free) */
    bp2 = provider(b, "1987654328");
    s = subscriber(bp2, "MC");
    ck_assert_int_eq(x12_subscriber_add_claim(s, &c), X12_OK);
    fill(c, 3, "99213");
    ck_assert_int_eq(x12_batch_stream_end(b), X12_OK);
    ck_assert_int_eq(x12_subscriber_add_claim(s, &c), X12_ESTATE);
    x12_batch_free(b);
    x12_writer_free(w);
}
END_TEST

static size_t stream_peak(unsigned claims)
{
    memcount cnt;
    x12_allocator al = memcounting(&cnt);
    x12_batch *b;
    x12_writer *w;
    x12_billing_provider *bp = NULL;
    x12_subscriber *s;
    x12_claim *c;
    unsigned i;
    char member[32];
    FILE *devnull = fopen("/dev/null", "wb");

    ck_assert_ptr_nonnull(devnull);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, devnull), X12_OK);
    ck_assert_int_eq(x12_batch_new(&al, X12_CLAIM_837P, &b), X12_OK);
    header(b);
    ck_assert_int_eq(x12_batch_stream_begin(b, w), X12_OK);
    for (i = 0; i < claims; i++) {
        if (i % 500 == 0)
            bp = provider(b, "1234567893");
        snprintf(member, sizeof member, "M%u", i);
        s = subscriber(bp, member);
        ck_assert_int_eq(x12_subscriber_add_claim(s, &c), X12_OK);
        fill(c, i + 1, "99213");
        ck_assert_int_eq(x12_batch_stream_flush(b), X12_OK);
    }
    ck_assert_int_eq(x12_batch_stream_end(b), X12_OK);
    x12_batch_free(b);
    ck_assert_uint_eq(cnt.cur, 0);
    x12_writer_free(w);
    fclose(devnull);
    return cnt.peak;
}

/* Memory does not grow with the claims: 10,000 take what 1,000 take. */
START_TEST(test_stream_memory_flat)
{
    size_t p1 = stream_peak(1000), p10 = stream_peak(10000);

    ck_assert_msg(p10 == p1, "peak %zu bytes for 1,000 claims, %zu for 10,000", p1, p10);
    ck_assert_msg(p1 < 256 * 1024, "peak %zu bytes", p1);
}
END_TEST

/* ---- goldens from XML and JSON Lines ------------------------------------------------ */

static const char *const examples[] = {"office-visit", "multi-line-modifiers",
                                       "secondary-claim", "patient-not-subscriber",
                                       "inpatient-stay"};

START_TEST(test_goldens)
{
    const char *name = examples[_i];
    static const size_t chunks[] = {0, 1, 7};
    size_t len, k;
    char file[128];
    int fmt;

    for (fmt = XML; fmt <= JSONL; fmt++) {
        char *text;
        snprintf(file, sizeof file, "%s.%s", name, fmt == XML ? "xml" : "jsonl");
        text = slurp_encounter(file, &len);
        for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
            tbuf out = {0}, edits = {0};
            ck_assert_msg(build_text(fmt, text, len, chunks[k], NULL, &out, &edits) == X12_OK,
                          "%s (chunk %zu): %s", file, chunks[k], edits.p ? edits.p : "");
            ck_assert_uint_eq(edits.len, 0);
            assert_golden(&out, name);
            tbuf_free(&out);
            tbuf_free(&edits);
        }
        free(text);
    }
}
END_TEST

/* The streaming XML build and the in-memory load report the same edits. */
START_TEST(test_xml_stream_edits_as_load)
{
    size_t len;
    char *orig = slurp_encounter("multi-line-modifiers.xml", &len);
    char *t1 = replace(orig, "npi=\"1444000024\"", "npi=\"1444000025\"");
    char *t2 = replace(t1, "charge=\"210.00\"", "charge=\"211.00\"");
    tbuf out = {0}, edits = {0}, load = {0};
    x12_batch *b;
    size_t i;

    ck_assert_int_eq(build_text(XML, t2, strlen(t2), 0, NULL, &out, &edits), X12_EEDIT);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, t2, strlen(t2), "t.xml"), X12_OK);
    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    for (i = 0; i < x12_batch_edit_count(b); i++)
        collect_edit(&load, x12_batch_edit_path(b, i), x12_batch_edit_at(b, i));
    ck_assert_str_eq(edits.p, load.p);
    ck_assert_ptr_nonnull(strstr(edits.p, "claim[1].rendering.npi|npi-check-digit|"));
    ck_assert_ptr_nonnull(strstr(edits.p, "claim[1].total_charge|charge-total|"));
    x12_batch_free(b);
    free(orig);
    free(t1);
    free(t2);
    tbuf_free(&out);
    tbuf_free(&edits);
    tbuf_free(&load);
}
END_TEST

/* ---- hostile XML ------------------------------------------------------------------------ */

/* Builds an XML text expecting failure: the status, no output, and the
 * edits (which must not hold `secret`). */
static void xml_refused(const char *text, x12_status want, const char *want_edit,
                        const char *secret)
{
    tbuf out = {0}, edits = {0};
    x12_status st = build_text(XML, text, strlen(text), 0, NULL, &out, &edits);

    ck_assert_msg(st == want, "status %d, want %d: %s", (int)st, (int)want, edits.p);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_msg(edits.p != NULL && strstr(edits.p, want_edit) != NULL,
                  "edits:\n%s\nwant: %s", edits.p ? edits.p : "", want_edit);
    if (secret != NULL)
        ck_assert_ptr_null(strstr(edits.p, secret));
    tbuf_free(&out);
    tbuf_free(&edits);
}

START_TEST(test_xml_entities)
{
    size_t len;
    char *orig = slurp_encounter("office-visit.xml", &len), *t, *t2;
    const char *decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    char path[] = "/tmp/x12enc-secret-XXXXXX", dtd[600];
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "TOPSECRETVALUE", 14), 14);
    close(fd);

    /* billion laughs: ten levels of ten */
    t = replace(orig, decl,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE encounters [<!ENTITY a0 \"lol\">"
                "<!ENTITY a1 \"&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;\">"
                "<!ENTITY a2 \"&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;\">"
                "<!ENTITY a3 \"&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;\">"
                "<!ENTITY a4 \"&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;\">"
                "<!ENTITY a5 \"&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;\">"
                "<!ENTITY a6 \"&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;\">"
                "<!ENTITY a7 \"&a6;&a6;&a6;&a6;&a6;&a6;&a6;&a6;&a6;&a6;\">"
                "<!ENTITY a8 \"&a7;&a7;&a7;&a7;&a7;&a7;&a7;&a7;&a7;&a7;\">"
                "<!ENTITY a9 \"&a8;&a8;&a8;&a8;&a8;&a8;&a8;&a8;&a8;&a8;\">]>");
    t2 = replace(t, "name=\"DOE\"", "name=\"&a9;\"");
    xml_refused(t2, X12_ESYNTAX, "t.xml:2|xml-syntax|a DTD (<!DOCTYPE>) is not allowed", NULL);
    free(t);
    free(t2);

    /* an external entity naming a local file (XXE) */
    snprintf(dtd, sizeof dtd,
             "<?xml version=\"1.0\"?>\n<!DOCTYPE encounters [<!ENTITY xxe SYSTEM \"file://%s\">]>",
             path);
    t = replace(orig, decl, dtd);
    t2 = replace(t, "name=\"DOE\"", "name=\"&xxe;\"");
    xml_refused(t2, X12_ESYNTAX, "xml-syntax|a DTD (<!DOCTYPE>) is not allowed", "TOPSECRET");
    free(t);
    free(t2);

    /* an internal entity used in an attribute: not written literally, not
     * expanded, refused */
    t = replace(orig, decl,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE encounters [<!ENTITY a0 \"X\">"
                "<!ENTITY a1 \"&a0;&a0;&a0;\">]>");
    t2 = replace(t, "name=\"DOE\"", "name=\"&a1;\"");
    xml_refused(t2, X12_ESYNTAX, "xml-syntax|a DTD (<!DOCTYPE>) is not allowed", NULL);
    free(t);
    free(t2);

    /* a DTD naming an external file only */
    t = replace(orig, decl, "<?xml version=\"1.0\"?>\n<!DOCTYPE encounters SYSTEM \"enc.dtd\">");
    xml_refused(t, X12_ESYNTAX, "t.xml:2|xml-syntax|a DTD", NULL);
    free(t);

    /* an entity reference without a DTD */
    t = replace(orig, "name=\"DOE\"", "name=\"&doe;\"");
    xml_refused(t, X12_ESYNTAX,
                "t.xml:16|xml-syntax|an entity reference is not allowed (only &amp; &lt; &gt; "
                "&quot; &apos; and character references are)",
                NULL);
    free(t);

    /* the predefined entities and character references are fine */
    {
        tbuf out = {0}, edits = {0};
        t = replace(orig, "name=\"EXAMPLE HEALTH PLAN\"", "name=\"EXAMPLE &amp; HEALTH &#80;LAN\"");
        ck_assert_int_eq(build_text(XML, t, strlen(t), 0, NULL, &out, &edits), X12_OK);
        ck_assert_ptr_nonnull(strstr(out.p, "NM1*PR*2*EXAMPLE & HEALTH PLAN*****PI*EHP01~"));
        free(t);
        tbuf_free(&out);
        tbuf_free(&edits);
    }
    unlink(path);
    free(orig);
}
END_TEST

/* Schema messages quote no value: numbers, dates and ids are identifying
 * too (issue 20 item 4), and no byte that is not printable ASCII. */
START_TEST(test_xml_schema_redaction)
{
    size_t len, i;
    char *orig = slurp_encounter("office-visit.xml", &len), *t, *t2;
    tbuf out = {0}, edits = {0};

    t = replace(orig, "birth_date=\"19800101\"", "birth_date=\"1980011\"");
    t2 = replace(t, "member_id=\"XJ0000000001\"", "member_id=\"XJ0000000001\" control=\"7\"");
    ck_assert_int_eq(build_text(XML, t2, strlen(t2), 0, NULL, &out, &edits), X12_ESYNTAX);
    ck_assert_str_eq(edits.p,
                     "t.xml:18|xml-schema|Element '{urn:libx12:encounter:1}subscriber', "
                     "attribute 'birth_date': [facet 'pattern'] The value (7 characters) is "
                     "not accepted by the pattern '[0-9]{8}'.\n"
                     "t.xml:18|xml-schema|Element '{urn:libx12:encounter:1}subscriber', "
                     "attribute 'control': The attribute 'control' is not allowed.\n");
    ck_assert_uint_eq(out.len, 0);
    free(t);
    free(t2);
    tbuf_free(&edits);

    /* an unsignedInt that is not one: the message begins with the value in
     * libxml2's words; here it does not */
    t = replace(orig, "control_number=\"417\"", "control_number=\"41x7\"");
    ck_assert_int_eq(build_text(XML, t, strlen(t), 0, NULL, &out, &edits), X12_ESYNTAX);
    ck_assert_ptr_null(strstr(edits.p, "41x7"));
    ck_assert_ptr_nonnull(strstr(edits.p, "The value (4 characters) is not a valid value of "));
    free(t);
    tbuf_free(&edits);

    /* Latin-1 bytes in a document declared as such: converted by libxml2,
     * never echoed */
    t = replace(orig, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    t2 = replace(t, "birth_date=\"19800101\"", "birth_date=\"1980\xff\xfe" "01\"");
    ck_assert_int_eq(build_text(XML, t2, strlen(t2), 0, NULL, &out, &edits), X12_ESYNTAX);
    ck_assert_ptr_nonnull(strstr(edits.p, "The value (8 characters) is not accepted"));
    for (i = 0; i < edits.len; i++)
        ck_assert_msg((edits.p[i] >= 0x20 && edits.p[i] < 0x7f) || edits.p[i] == '\n',
                      "byte 0x%02x in a message", (unsigned char)edits.p[i]);
    free(t);
    free(t2);
    tbuf_free(&edits);

    /* bytes that are not UTF-8 in a UTF-8 document: a syntax error at the
     * line, its bytes not shown */
    t = replace(orig, "birth_date=\"19800101\"", "birth_date=\"1980\xff\xfe" "01\"");
    ck_assert_int_eq(build_text(XML, t, strlen(t), 0, NULL, &out, &edits), X12_ESYNTAX);
    ck_assert_str_eq(edits.p, "t.xml:18|xml-syntax|Input is not proper UTF-8, indicate "
                              "encoding !\n");
    free(t);
    tbuf_free(&edits);
    tbuf_free(&out);
    free(orig);
}
END_TEST

static void small_claims(x12_batch *b)
{
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_MAX_CLAIM_BYTES, 4096), X12_OK);
}

/* A claim with 2,000 diagnoses is stopped by the claim limit at its line,
 * in XML and in JSON Lines (where the line before it is written). */
START_TEST(test_max_claim)
{
    size_t len, i;
    char *orig = slurp_encounter("office-visit.xml", &len), *t;
    tbuf many = {0}, out = {0}, edits = {0};

    tbuf_str(&many, "<diagnosis kind=\"principal\" code=\"J03.00\"/>\n");
    for (i = 0; i < 2000; i++)
        tbuf_str(&many, "<diagnosis code=\"R50.9\"/>\n");
    t = replace(orig, "<diagnosis kind=\"principal\" code=\"J03.00\"/>", many.p);
    ck_assert_int_eq(build_text(XML, t, strlen(t), 0, small_claims, &out, &edits), X12_ELIMIT);
    /* line 86: about the 64th diagnosis, 32 bytes each in the model */
    ck_assert_str_eq(edits.p, "t.xml:86|max-claim|the claim takes more than 4096 bytes "
                              "(the configured limit)\n");
    ck_assert_uint_eq(out.len, 0);
    free(t);
    tbuf_free(&edits);
    /* the default limit (16 MiB) lets it through to its edit */
    ck_assert_int_eq(build_text(XML, orig, len, 0, small_claims, &out, &edits), X12_OK);
    assert_golden(&out, "office-visit");
    tbuf_free(&many);
    tbuf_free(&out);
    tbuf_free(&edits);
    free(orig);
}
END_TEST

/*
 * An allocator that fails at the Nth call, for every N until the build
 * passes: each failure is X12_ENOMEM with one "out-of-memory" record at a
 * line of the input (handed to the edit handler, which needs no memory),
 * and nothing leaks; the first N that passes gives the golden.
 */
static void alloc_failures(int fmt, const char *file, const char *golden)
{
    size_t len;
    char *text = slurp_encounter(file, &len);
    long n;

    for (n = 0;; n++) {
        memcount cnt;
        x12_allocator al = memcounting(&cnt);
        x12_batch *b;
        x12_writer *w = mem_writer();
        tbuf out = {0}, edits = {0};
        x12_status st;

        ck_assert_int_eq(x12_batch_new(&al, X12_CLAIM_837P, &b), X12_OK);
        x12_batch_set_edit_handler(b, collect_edit, &edits);
        cnt.calls = 0; /* counted from here: the nth fails, and every later one */
        cnt.fail_from = n + 1;
        st = fmt == XML ? x12_batch_build_xml_buffer(b, text, len, "t", w)
                        : x12_batch_build_jsonl_buffer(b, text, len, "t", w);
        if (st == X12_OK) {
            take_output(w, &out);
            assert_golden(&out, golden);
            x12_batch_free(b);
            ck_assert_uint_eq(cnt.cur, 0);
            x12_writer_free(w);
            tbuf_free(&out);
            tbuf_free(&edits);
            break;
        }
        ck_assert_msg(st == X12_ENOMEM, "%s fail at %ld: status %d: %s", file, n, (int)st,
                      edits.p ? edits.p : "");
        ck_assert_msg(edits.p != NULL && strncmp(edits.p, "t:", 2) == 0 &&
                          strstr(edits.p, "|out-of-memory|out of memory reading the "
                                          "encounters\n") != NULL,
                      "%s fail at %ld: %s", file, n, edits.p ? edits.p : "(none)");
        x12_batch_free(b);
        ck_assert_uint_eq(cnt.cur, 0);
        x12_writer_free(w);
        tbuf_free(&edits);
        ck_assert_int_lt(n, 100000);
    }
    free(text);
}

START_TEST(test_alloc_failures)
{
    alloc_failures(XML, "secondary-claim.xml", "secondary-claim");
    alloc_failures(JSONL, "secondary-claim.jsonl", "secondary-claim");
    alloc_failures(JSONL, "patient-not-subscriber.jsonl", "patient-not-subscriber");
}
END_TEST

/* ---- JSON Lines ------------------------------------------------------------------------ */

/* The office visit's header and claim lines, to vary. */
static char *ov_jsonl(void)
{
    size_t len;

    return slurp_encounter("office-visit.jsonl", &len);
}

/* The edits of a JSONL text, with its status. */
static x12_status jsonl_edits(const char *text, tbuf *edits)
{
    tbuf out = {0};
    x12_status st;

    edits->len = 0;
    st = build_text(JSONL, text, strlen(text), 0, NULL, &out, edits);
    if (st != X12_OK)
        ck_assert_msg(out.len == 0 || strstr(out.p, "IEA*") == NULL,
                      "a failed build wrote a whole interchange");
    tbuf_free(&out);
    if (edits->p == NULL)
        tbuf_add(edits, "", 0);
    return st;
}

/* The claim's patient control number: file information goes after it. */
#define PCN "\"pcn\": \"PCN-2025-0001\""
#define TEXT_64 "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
/* One character past a file information text's 256 */
#define TEXT_257 TEXT_64 TEXT_64 TEXT_64 TEXT_64 "X"

static const struct jcase {
    const char *from, *to; /* in office-visit.jsonl's claim line */
    x12_status st;
    const char *edit;
} jcases[] = {
    /* syntax, located by byte (1-based, in the line) */
    {"\"pcn\": \"PCN-2025-0001\", ", "\"pcn\": \"PCN-2025-0001\",, ", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 587: expected a string key after ',' (no trailing commas)\n"},
    {"\"pointers\": [1]", "\"pointers\": [1,]", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 951: expected a value after ',' (no trailing commas)\n"},
    {"\"charge\": \"60.00\"", "\"charge\": 060", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 927: a number is malformed\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\\qE\"", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 310: an escape in a string is not one of \\\" \\\\ \\/ \\b "
     "\\f \\n \\r \\t \\uXXXX\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\\ud800E\"", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 310: a \\u escape is an unpaired high surrogate\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\\udc00E\"", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 310: a \\u escape is an unpaired low surrogate\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\\u0000E\"", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 310: \\u0000 (a NUL character) is not allowed\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\xC3\x28\"", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 310: the text is not valid UTF-8\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\xC0\xAF\"", X12_ESYNTAX, /* overlong '/' */
     "t.jsonl:2|json-syntax|byte 310: the text is not valid UTF-8\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\xED\xA0\x80\"", X12_ESYNTAX, /* a surrogate */
     "t.jsonl:2|json-syntax|byte 310: the text is not valid UTF-8\n"},
    {"\"name\": \"DOE\"", "\"name\": \"D\tE\"", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 310: a control character in a string must be escaped\n"},
    {"\"gender\": \"F\"", "\"gender\": 'F'", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 485: expected a value (an object, array, string, number, "
     "true, false or null)\n"},
    {"\"lines\": [", "\"lines\": NaN, \"x\": [", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 778: expected a value (an object, array, string, number, "
     "true, false or null)\n"},
    {"]}}", "]}} {}", X12_ESYNTAX,
     "t.jsonl:2|json-syntax|byte 986: unexpected text after the JSON value\n"},
    /* escapes decode: "D\u004fE" is "DOE", the same subscriber */
    {"\"name\": \"DOE\"", "\"name\": \"D\\u004fE\"", X12_OK, ""},
    /* values */
    {"\"total_charge\": \"185.00\"", "\"total_charge\": 185.00", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 604: claim.total_charge: an amount is decimal text in a "
     "string (\"185.00\"), or integer cents under the name total_charge_cents; never a JSON "
     "number\n"},
    {"\"total_charge\": \"185.00\"", "\"total_charge_cents\": 185.5", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 610: claim.total_charge_cents: must be an integer number of "
     "cents (at most 17 digits), not a number with a fraction or exponent, or that large\n"},
    {"\"total_charge\": \"185.00\"", "\"total_charge\": \"185.\"", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 604: claim.total_charge: is not an amount (a string of "
     "digits with at most 2 decimals, such as \"185.00\")\n"},
    {"\"total_charge\": \"185.00\"", "\"total_charge\": \"185.00\", \"total_charge_cents\": "
     "18500", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 614: claim: give \"total_charge\" or \"total_charge_cents\", "
     "once\n"},
    {"\"total_charge\": \"185.00\"", "\"total_charge_cents\": 18500", X12_OK, ""},
    {"\"zip\": \"62704\"", "\"zip\": 62704", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 440: subscriber.zip: must be a string, not a number\n"},
    {"\"pcn\": \"PCN-2025-0001\"", "\"pcn\": \"PCN-2025-0001\", \"pcn\": \"X\"", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 588: claim: key \"pcn\" appears twice\n"},
    {"\"onset_date\"", "\"onset_dat\"", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 640: claim: unknown key \"onset_dat\"\n"},
    /* a key that is not one of the format's words may be data: not quoted */
    {"\"onset_date\"", "\"JANE DOE\"", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 640: claim: unknown key a key of 8 bytes\n"},
    {"{\"kind\": \"principal\", \"code\": \"J03.00\"}", "{\"kind\": \"principal\"}", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 708: claim.diagnoses[1]: \"code\" is required\n"},
    {"{\"kind\": \"principal\", ", "{\"kind\": \"first\", ", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 717: claim.diagnoses[1].kind: must be one of principal, "
     "other, admitting, reason or external_cause\n"},
    {"\"pointers\": [1]", "\"pointers\": [0]", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 949: claim.lines[2].pointers: must hold whole numbers from 1 "
     "to 255 (diagnosis pointers)\n"},
    {"\"modifiers\": [\"25\"]", "\"modifiers\": [25]", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 816: claim.lines[1].modifiers: must hold strings, not a "
     "number\n"},
    {"\"modifiers\": [\"25\"]", "\"modifiers\": \"25\"", X12_OK, ""},
    /* file information (K3): one text with newlines, or an array of texts, each one K3 */
    {PCN, PCN ", \"file_information\": [\"FIRST\", \"SECOND\"]", X12_OK, ""},
    {PCN, PCN ", \"file_information\": [\"FIRST\", 7]", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 618: claim.file_information: must hold strings, not a number\n"},
    {PCN, PCN ", \"file_information\": [\"FIRST\\nSECOND\"]", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 609: claim.file_information: must hold texts without a newline "
     "(each is one K3)\n"},
    {PCN, PCN ", \"file_information\": [\"" TEXT_257 "\"]", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 609: claim.file_information: is longer than 256 characters\n"},
    {PCN, PCN ", \"file_information\": {}", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 608: claim.file_information: must be a string or an array of "
     "strings, not an object\n"},
    {"\"pointers\": [1, 2]", "\"pointers\": \"1 2\"", X12_OK, ""},
    /* null is "not given", but the key still counts */
    {"\"onset_date\": \"20251110\", ", "\"onset_date\": null, \"onset_date\": \"20251110\", ",
     X12_ESYNTAX, "t.jsonl:2|json-value|byte 660: claim: key \"onset_date\" appears twice\n"},
    {"\"payer\": {\"name\": \"EXAMPLE HEALTH PLAN\", \"payer_id\": \"EHP01\"}", "\"pay\": 1",
     X12_ESYNTAX, "t.jsonl:2|json-value|byte 490: subscriber: unknown key \"pay\"\n"},
    {"\"payer\": {\"name\": \"EXAMPLE HEALTH PLAN\", \"payer_id\": \"EHP01\"}", "\"payer\": null",
     X12_ESYNTAX, "t.jsonl:2|json-value|byte 223: subscriber: \"payer\" is required\n"},
    {"\"subscriber\": {", "\"subscriber\": {\"entity\": \"robot\", ", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 234: subscriber.entity: must be one of person or "
     "organization\n"},
    {"\"diagnoses\": [{\"kind\": \"principal\", \"code\": \"J03.00\"}, {\"code\": \"R50.9\"}]",
     "\"diagnoses\": {\"kind\": \"principal\", \"code\": \"J03.00\"}", X12_ESYNTAX,
     "t.jsonl:2|json-value|byte 707: claim.diagnoses: must be an array, not an object\n"},
    /* an edit: the field path as ever */
    {"\"procedure\": \"87880\"", "\"procedure\": \"8788\"", X12_EEDIT,
     "claim[1].line[2].procedure|procedure-format|procedure code must be a CPT code (4 digits "
     "then a digit, F or T) or a HCPCS code (a letter A-V then 4 digits)\n"},
};

START_TEST(test_jsonl_values)
{
    const struct jcase *c = &jcases[_i];
    char *ov = ov_jsonl(), *t = replace(ov, c->from, c->to);
    tbuf edits = {0};
    x12_status st = jsonl_edits(t, &edits);

    ck_assert_msg(st == c->st, "case %d: status %d, want %d: %s", _i, (int)st, (int)c->st,
                  edits.p);
    ck_assert_str_eq(edits.p, c->edit);
    free(ov);
    free(t);
    tbuf_free(&edits);
}
END_TEST

static void depth_3(x12_batch *b)
{
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_MAX_DEPTH, 3), X12_OK);
}

static void depth_7(x12_batch *b)
{
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_MAX_DEPTH, 7), X12_OK);
}

static void depth_8(x12_batch *b)
{
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_MAX_DEPTH, 8), X12_OK);
}

static void line_300(x12_batch *b)
{
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_MAX_LINE_BYTES, 300), X12_OK);
}

/*
 * Limits: nesting past X12_BATCHOPT_MAX_DEPTH, a line past
 * X12_BATCHOPT_MAX_LINE_BYTES (read through the callback, so it is never held
 * whole); each line is reported and skipped, and the lines after it are
 * still read and checked.
 */
START_TEST(test_jsonl_limits)
{
    char *ov = ov_jsonl();
    tbuf text = {0}, out = {0}, edits = {0};
    const char *claim = strchr(ov, '\n') + 1;
    char *deep;
    size_t i;

    /* depth 3: the claim line's lines[] objects are at depth 4 */
    ck_assert_int_eq(build_text(JSONL, ov, strlen(ov), 0, depth_3, &out, &edits), X12_ELIMIT);
    /* byte 708: the first diagnosis object, inside claim and diagnoses */
    ck_assert_str_eq(edits.p, "t.jsonl:2|json-limit|byte 708: objects and arrays nest deeper "
                              "than 3 (the configured limit)\n");
    tbuf_free(&edits);
    /* the format's deepest line (a claim, a line, an adjudication, an
     * adjustment) nests 8 deep, as documented */
    {
        size_t len;
        char *sc = slurp_encounter("secondary-claim.jsonl", &len);
        ck_assert_int_eq(build_text(JSONL, sc, len, 0, depth_8, &out, &edits), X12_OK);
        assert_golden(&out, "secondary-claim");
        ck_assert_int_eq(build_text(JSONL, sc, len, 0, depth_7, &out, &edits), X12_ELIMIT);
        free(sc);
        tbuf_free(&edits);
    }
    /* 100,000 nested arrays at the default limit (64): refused, no stack
     * used */
    tbuf_add(&text, ov, (size_t)(claim - ov));
    for (i = 0; i < 100000; i++)
        tbuf_str(&text, "[");
    tbuf_str(&text, "\n");
    tbuf_str(&text, claim);
    ck_assert_int_eq(build_text(JSONL, text.p, text.len, 0, NULL, &out, &edits), X12_ELIMIT);
    ck_assert_str_eq(edits.p, "t.jsonl:2|json-limit|byte 65: objects and arrays nest deeper "
                              "than 64 (the configured limit)\n");
    ck_assert_uint_eq(out.len, 0);
    tbuf_free(&edits);

    /* lines longer than 300 bytes, in 7-byte pieces: the header is short
     * enough after a cut; both claim lines are too long and skipped */
    text.len = 0;
    tbuf_str(&text, "{\"interchange\": {\"sender_id\": \"S\"}, \"submitter\": {}, "
                    "\"receiver\": {}}\n");
    tbuf_str(&text, claim);
    tbuf_str(&text, claim);
    ck_assert_int_eq(build_text(JSONL, text.p, text.len, 7, line_300, &out, &edits),
                     X12_ELIMIT);
    deep = strstr(edits.p, "t.jsonl:2|json-limit|byte 301: the line is longer than 300 bytes "
                           "(the configured limit)\nt.jsonl:3|json-limit|byte 301: the line is "
                           "longer than 300 bytes (the configured limit)\n");
    ck_assert_msg(deep != NULL, "%s", edits.p);
    ck_assert_uint_eq(out.len, 0);
    tbuf_free(&edits);
    tbuf_free(&text);
    tbuf_free(&out);
    free(ov);
}
END_TEST

/* A bad line is skipped and the following lines are still checked; a
 * claim line first, a header later, a second header, no header at all. */
START_TEST(test_jsonl_lines)
{
    char *ov = ov_jsonl(), *bad, *t;
    const char *claim = strchr(ov, '\n') + 1;
    tbuf text = {0}, edits = {0};
    size_t hlen = (size_t)(claim - ov);

    /* header, broken line, claim with a bad NPI, good claim */
    bad = replace(claim, "\"npi\": \"1234567893\"", "\"npi\": \"1234567890\"");
    tbuf_add(&text, ov, hlen);
    tbuf_str(&text, "{\"provider\": \n");
    tbuf_str(&text, bad);
    tbuf_str(&text, claim);
    ck_assert_int_eq(jsonl_edits(text.p, &edits), X12_ESYNTAX);
    ck_assert_str_eq(edits.p, "t.jsonl:2|json-syntax|byte 14: the text ends inside a value\n"
                              "provider[1].npi|npi-check-digit|billing provider NPI check "
                              "digit is wrong (Luhn with the 80840 prefix)\n");
    free(bad);

    /* no header: the first line is a claim (reported, then still checked) */
    ck_assert_int_eq(jsonl_edits(claim, &edits), X12_ESYNTAX);
    ck_assert_ptr_nonnull(strstr(edits.p, "t.jsonl:1|json-value|byte 1: the first line must "
                                          "be the header"));
    ck_assert_ptr_nonnull(strstr(edits.p, "batch.sender_id|required|"));
    /* a second header */
    text.len = 0;
    tbuf_add(&text, ov, hlen);
    tbuf_add(&text, ov, hlen);
    tbuf_str(&text, claim);
    ck_assert_int_eq(jsonl_edits(text.p, &edits), X12_ESYNTAX);
    ck_assert_str_eq(edits.p, "t.jsonl:2|json-value|byte 2: unknown key \"kind\"\n"
                              "t.jsonl:2|json-value|byte 18: unknown key \"interchange\"\n"
                              "t.jsonl:2|json-value|byte 229: unknown key \"submitter\"\n"
                              "t.jsonl:2|json-value|byte 390: unknown key \"receiver\"\n"
                              "t.jsonl:2|json-value|byte 1: a claim line needs \"provider\", "
                              "\"subscriber\" and \"claim\" (the header is the first line "
                              "only)\n");
    /* nothing at all; a header only */
    ck_assert_int_eq(jsonl_edits("\n  \n", &edits), X12_ESYNTAX);
    ck_assert_str_eq(edits.p, "t.jsonl:2|json-value|byte 1: the input has no header line (and "
                              "no claims)\n");
    t = replace(ov, claim, "");
    ck_assert_int_eq(jsonl_edits(t, &edits), X12_EEDIT);
    ck_assert_str_eq(edits.p, "provider|required|the batch has no billing provider\n");
    free(t);
    /* a header line that is not an object; an array line */
    ck_assert_int_eq(jsonl_edits("[1]\n", &edits), X12_ESYNTAX);
    ck_assert_ptr_nonnull(strstr(edits.p, "t.jsonl:1|json-value|byte 1: a line must hold one "
                                          "JSON object, not an array\n"));
    tbuf_free(&text);
    tbuf_free(&edits);
    free(ov);
}
END_TEST

/* A byte order mark, blank lines, CRLF line ends: the same bytes. */
START_TEST(test_jsonl_layout)
{
    char *ov = ov_jsonl();
    const char *claim = strchr(ov, '\n') + 1;
    tbuf text = {0}, out = {0}, edits = {0};
    size_t i;

    tbuf_str(&text, "\xEF\xBB\xBF");
    for (i = 0; ov[i] != '\0'; i++) {
        if (ov + i == claim)
            tbuf_str(&text, "\r\n   \t\r\n");
        if (ov[i] == '\n')
            tbuf_str(&text, "\r");
        tbuf_add(&text, ov + i, 1);
    }
    ck_assert_int_eq(build_text(JSONL, text.p, text.len, 0, NULL, &out, &edits), X12_OK);
    assert_golden(&out, "office-visit");
    ck_assert_int_eq(build_text(JSONL, text.p, text.len, 3, NULL, &out, &edits), X12_OK);
    assert_golden(&out, "office-visit");
    tbuf_free(&text);
    tbuf_free(&out);
    tbuf_free(&edits);
    free(ov);
}
END_TEST

/*
 * Equal consecutive parties share their HL level; a party that differs in
 * one value (or is given in another key order, which is the same party)
 * starts a new one.  Five lines: claims 1 and 2 of one subscriber (key
 * order changed on line 2), claim 3 of a subscriber whose gender differs,
 * claim 4 of a patient of that subscriber, claim 5 of a provider whose zip
 * differs.
 */
START_TEST(test_jsonl_shared_levels)
{
    char *ov = ov_jsonl();
    const char *claim = strchr(ov, '\n') + 1;
    tbuf text = {0}, out = {0}, edits = {0}, hl = {0};
    char *l2, *l3, *l4, *l5, *p;

    l2 = replace(claim, "\"group_number\": \"GRP0042\", \"filing_indicator\": \"CI\"",
                 "\"filing_indicator\": \"CI\", \"group_number\": \"GRP0042\"");
    l3 = replace(claim, "\"gender\": \"F\"", "\"gender\": \"U\"");
    p = replace(l3, "\"claim\": {", "\"patient\": {\"relationship\": \"19\", \"name\": \"DOE\", "
                                    "\"first_name\": \"LILY\", \"address1\": \"12 ELM AVENUE\", "
                                    "\"city\": \"SPRINGFIELD\", \"state\": \"IL\", \"zip\": "
                                    "\"62704\", \"birth_date\": \"20180923\", \"gender\": "
                                    "\"F\"}, \"claim\": {");
    l4 = p;
    l5 = replace(claim, "\"zip\": \"627011234\"", "\"zip\": \"627011235\"");
    tbuf_str(&text, ov);
    tbuf_str(&text, l2);
    tbuf_str(&text, l3);
    tbuf_str(&text, l4);
    tbuf_str(&text, l5);
    ck_assert_int_eq(build_text(JSONL, text.p, text.len, 0, NULL, &out, &edits), X12_OK);
    for (p = strstr(out.p, "HL*"); p != NULL; p = strstr(p + 1, "HL*")) {
        tbuf_add(&hl, p, (size_t)(strchr(p, '~') - p));
        tbuf_str(&hl, "\n");
    }
    ck_assert_str_eq(hl.p, "HL*1**20*1\n"  /* claims 1, 2 */
                           "HL*2*1*22*0\n"
                           "HL*3*1*22*0\n"  /* claim 3: gender U */
                           "HL*4*1*22*1\n"  /* claim 4: the same subscriber, with a patient */
                           "HL*5*4*23*0\n"
                           "HL*6**20*1\n"   /* claim 5: another provider */
                           "HL*7*6*22*0\n");
    free(l2);
    free(l3);
    free(l4);
    free(l5);
    tbuf_free(&text);
    tbuf_free(&out);
    tbuf_free(&edits);
    tbuf_free(&hl);
    free(ov);
}
END_TEST

/* The header's kind against a fixed batch kind; options out of range. */
static void fixed_837i(x12_batch *b)
{
    ck_assert_int_eq(x12_batch_set_kind(b, X12_CLAIM_837I), X12_OK);
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_KIND_FROM_INPUT, 0), X12_OK);
}

START_TEST(test_kind_and_options)
{
    char *ov = ov_jsonl(), *t;
    size_t len;
    char *xml = slurp_encounter("office-visit.xml", &len);
    tbuf out = {0}, edits = {0};

    ck_assert_int_eq(build_text(JSONL, ov, strlen(ov), 0, fixed_837i, &out, &edits), X12_EINVAL);
    ck_assert_str_eq(edits.p, "t.jsonl:1|kind|byte 10: the header says 837P; 837I claims were "
                              "asked for\n");
    ck_assert_uint_eq(out.len, 0);
    tbuf_free(&edits);
    ck_assert_int_eq(build_text(XML, xml, len, 0, fixed_837i, &out, &edits), X12_EINVAL);
    ck_assert_str_eq(edits.p, "t.xml:5|kind|the document holds 837P encounters; 837I claims "
                              "were asked for\n");
    ck_assert_uint_eq(out.len, 0);
    tbuf_free(&edits);
    t = replace(ov, "\"control_number\": 417", "\"control_number\": 1000000000");
    ck_assert_int_eq(build_text(JSONL, t, strlen(t), 0, NULL, &out, &edits), X12_ESYNTAX);
    ck_assert_str_eq(edits.p, "t.jsonl:1|json-value|byte 174: interchange.control_number: is "
                              "out of range\n");
    free(t);
    tbuf_free(&edits);
    t = replace(ov, "\"control_number\": 417", "\"control_number\": \"417\"");
    ck_assert_int_eq(build_text(JSONL, t, strlen(t), 0, NULL, &out, &edits), X12_OK);
    assert_golden(&out, "office-visit");
    free(t);
    tbuf_free(&edits);
    tbuf_free(&out);
    free(ov);
    free(xml);
}
END_TEST

static size_t jsonl_peak(unsigned claims)
{
    memcount cnt;
    x12_allocator al = memcounting(&cnt);
    char *ov = ov_jsonl();
    const char *claim = strchr(ov, '\n') + 1;
    tbuf text = {0}, edits = {0};
    x12_batch *b;
    x12_writer *w;
    unsigned i;
    FILE *devnull = fopen("/dev/null", "wb");
    feed f;

    tbuf_add(&text, ov, (size_t)(claim - ov));
    for (i = 0; i < claims; i++) {
        char *l, member[40];
        /* a new subscriber every line */
        snprintf(member, sizeof member, "\"member_id\": \"M%09u\"", i);
        l = replace(claim, "\"member_id\": \"XJ0000000001\"", member);
        tbuf_str(&text, l);
        free(l);
    }
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_file(w, devnull), X12_OK);
    ck_assert_int_eq(x12_batch_new(&al, X12_CLAIM_837P, &b), X12_OK);
    x12_batch_set_edit_handler(b, collect_edit, &edits);
    f.p = text.p;
    f.len = text.len;
    f.pos = 0;
    f.chunk = 65536;
    ck_assert_int_eq(x12_batch_build_jsonl(b, feed_read, &f, "t", w), X12_OK);
    ck_assert_uint_eq(x12_batch_claim_count(b), claims);
    x12_batch_free(b);
    ck_assert_uint_eq(cnt.cur, 0);
    x12_writer_free(w);
    fclose(devnull);
    tbuf_free(&text);
    tbuf_free(&edits);
    free(ov);
    return cnt.peak;
}

/* JSON Lines memory does not grow with the claims either. */
START_TEST(test_jsonl_memory_flat)
{
    size_t p1 = jsonl_peak(1000), p10 = jsonl_peak(10000);

    ck_assert_msg(p10 == p1, "peak %zu bytes for 1,000 claims, %zu for 10,000", p1, p10);
}
END_TEST

static Suite *encounter_suite(void)
{
    Suite *s = suite_create("encounter");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_stream_equals_batch);
    tcase_add_test(tc, test_stream_edit_failure);
    tcase_add_test(tc, test_stream_state);
    tcase_add_test(tc, test_stream_memory_flat);
    tcase_add_loop_test(tc, test_goldens, 0, (int)(sizeof examples / sizeof examples[0]));
    tcase_add_test(tc, test_xml_stream_edits_as_load);
    tcase_add_test(tc, test_xml_entities);
    tcase_add_test(tc, test_xml_schema_redaction);
    tcase_add_test(tc, test_max_claim);
    tcase_add_test(tc, test_alloc_failures);
    tcase_add_loop_test(tc, test_jsonl_values, 0, (int)(sizeof jcases / sizeof jcases[0]));
    tcase_add_test(tc, test_jsonl_limits);
    tcase_add_test(tc, test_jsonl_lines);
    tcase_add_test(tc, test_jsonl_layout);
    tcase_add_test(tc, test_jsonl_shared_levels);
    tcase_add_test(tc, test_kind_and_options);
    tcase_add_test(tc, test_jsonl_memory_flat);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(encounter_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
