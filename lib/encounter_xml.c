/*
 * Encounters from XML (specs/encounter.xsd, compiled in), read with
 * libxml2's SAX2 push parser in chunks and validated as they are read by
 * the schema's streaming validator, so that no document tree is ever built:
 * memory is bounded by one claim (streaming builds) or by the batch (loads),
 * whatever the size of the file or the white space in it.
 *
 * The validator sees each event before this reader does (its handlers are
 * called first, see sax_start), so a start tag or an end tag it refuses is
 * known to be bad before anything is built from it; after the first schema
 * error nothing more is built, but validation goes on to list every error.
 * A claim is complete at its end tag: a streaming build flushes it there
 * (checks and writes it, then forgets it).
 *
 * No DTD is accepted: the parser stops at a DOCTYPE's first callback, so an
 * entity declaration is never read and no entity other than the five
 * predefined ones exists; nothing external is loaded (no DTDLOAD, NONET).
 *
 * Problems become edit records with path "NAME:LINE" and rules
 * "xml-syntax", "xml-schema", "xml-value", "max-claim", "kind", "input" and
 * "out-of-memory".  Messages never quote document content: libxml2's texts
 * are cut to their first line, quoted values are replaced by their length,
 * and anything but printable ASCII is replaced.  libxml2 prints nothing:
 * its generic error function is silenced during the parse.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

#include "encounter_internal.h"
#include "source.h"
#include "xml_internal.h"

#define NS "urn:libx12:encounter:1"
#define STACK 64
/* The file information texts of one claim or line, newline-separated:
 * room for 11 texts of the schema's 256 characters (4 bytes each at most),
 * so that the edits see one text too many.  (The schema does not bound
 * their number: libxml2's validator keeps memory for every child of an
 * element whose content model counts one, maxOccurs="10".) */
#define FI_MAX (11 * (256 * 4 + 1))

typedef struct xrd {
    x12_batch *b;
    const char *name;
    int stream; /* a streaming build (else a load) */
    x12_writer *w;
    xmlParserCtxtPtr pc;
    xmlSAXHandlerPtr vsax; /* the schema validator's handlers */
    void *vud;

    /* problems, by kind: each stops building; `fatal` stops the parse */
    x12_status fatal;  /* X12_ENOMEM, X12_EIO, X12_EINVAL (kind), the writer's */
    int syntax;        /* not well-formed, a DTD */
    int invalid;       /* a schema or value problem */
    int limit;         /* max-claim */
    int parser_error;  /* the parser's first error was recorded */

    unsigned char stack[STACK]; /* kinds of the open elements */
    size_t depth;
    int began; /* the stream has begun (at the first provider) */
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_patient *pt;
    x12_claim *c;
    x12_other_payer *op;
    x12_service_line *l;
    x12_line_adjudication *la;
    size_t claim_mark; /* arena bytes used when the claim began */

    /* <file_information> children: the texts so far of `fi_obj` (the
     * claim or the line, of kind fi_parent), newline-separated; the open
     * one starts at fi_start; fi_over when they did not fit; fi_pending:
     * the field is set at the next element that starts or the parent's
     * end (the texts are one run of elements), once */
    void *fi_obj;
    size_t fi_n, fi_len, fi_start;
    int fi_over, fi_pending;
    enc_kind fi_parent;
    char fi[FI_MAX];
} xrd;

/* ---- messages ----------------------------------------------------------------- */

/* Number of UTF-8 characters in [p, q). */
static size_t chars(const char *p, const char *q)
{
    size_t n = 0;

    for (; p < q; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

static int ends_with(const char *start, const char *at, const char *word)
{
    size_t k = strlen(word);

    return (size_t)(at - start) >= k && memcmp(at - k, word, k) == 0;
}

static void put(char *out, size_t size, size_t *n, const char *p, size_t len)
{
    if (*n + len >= size)
        len = size - 1 - *n;
    memcpy(out + *n, p, len);
    *n += len;
}

/*
 * libxml2's schema messages quote names (of elements, attributes, facets,
 * types), schema text (patterns, the allowed values of an enumeration,
 * lengths and bounds) and the document's values.  The values go: "The
 * value '1980011' is not accepted" becomes "The value (7 characters) is not
 * accepted", and a message that starts with a quoted value ("'x' is not a
 * valid value of ...") starts "The value (N characters)".  Only the first
 * line is kept, and any byte that is not printable ASCII becomes '?'.
 */
static void redact_schema(char *out, size_t size, const char *msg)
{
    size_t n = 0, i;
    const char *p = msg, *q;
    char num[48];

    while (*p != '\0' && *p != '\n' && n + 1 < size) {
        if (*p == '\'' && (q = strchr(p + 1, '\'')) != NULL && memchr(p, '\n', (size_t)(q - p)) == NULL) {
            const char *before = p;
            /* a value: after "value " or at the start of the text that
             * follows "Element '...'[, attribute '...']: " */
            int value = ends_with(msg, before, "value ") ||
                        ends_with(msg, before, ": ") || before == msg;
            if (value) {
                if (ends_with(msg, before, "value "))
                    snprintf(num, sizeof num, "(%zu characters)", chars(p + 1, q));
                else
                    snprintf(num, sizeof num, "The value (%zu characters)", chars(p + 1, q));
                put(out, size, &n, num, strlen(num));
            } else {
                put(out, size, &n, p, (size_t)(q - p + 1));
            }
            p = q + 1;
            continue;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
    for (i = 0; i < n; i++)
        if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7E)
            out[i] = '?';
    while (n > 0 && out[n - 1] == ' ')
        out[--n] = '\0';
}

/* The parser's messages: the first line (a second one quotes the bytes of
 * bad UTF-8), printable ASCII, quoted words (entity or element names from
 * the document) left out. */
static void redact_parser(char *out, size_t size, const char *msg)
{
    size_t n = 0;
    const char *m = msg, *q;

    for (; *m != '\0' && *m != '\n' && n + 6 < size; m++) {
        if (*m == '\'' && (q = strchr(m + 1, '\'')) != NULL &&
            memchr(m + 1, '\n', (size_t)(q - m - 1)) == NULL) {
            memcpy(out + n, "'...'", 5);
            n += 5;
            m = q;
            continue;
        }
        out[n++] = (*m >= 0x20 && *m < 0x7F) ? *m : '?';
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

static long cur_line(const xrd *x)
{
    return x->pc != NULL ? (long)xmlSAX2GetLineNumber(x->pc) : 0;
}

static void xerr(xrd *x, long line, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void xerr(xrd *x, long line, const char *rule, const char *fmt, ...)
{
    char path[300], msg[X12I_MSG_MAX];
    va_list ap;

    snprintf(path, sizeof path, "%s:%ld", x->name, line);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c8_edit_push(x->b, path, rule, NULL, NULL, 0, "%s", msg) == NULL && x->fatal == X12_OK)
        x->fatal = X12_ENOMEM;
    c8_stream_fail(x->b);
}

static int building(const xrd *x)
{
    return x->fatal == X12_OK && !x->syntax && !x->invalid && !x->limit;
}

static void stop(xrd *x, x12_status st)
{
    if (x->fatal == X12_OK)
        x->fatal = st;
    if (x->pc != NULL)
        xmlStopParser(x->pc);
}

static void nomem(xrd *x)
{
    if (x->fatal == X12_OK)
        xerr(x, cur_line(x), "out-of-memory", "out of memory reading the encounters");
    stop(x, X12_ENOMEM);
}

/* Memory the parser or the validator could not get, reported through
 * their error callbacks. */
static int is_nomem(const xmlError *e)
{
    return e->code == XML_ERR_NO_MEMORY;
}

#if LIBXML_VERSION >= 21200
static void on_schema_error(void *user, const xmlError *e)
#else
static void on_schema_error(void *user, xmlErrorPtr e)
#endif
{
    xrd *x = user;
    char msg[X12I_MSG_MAX];

    if (e == NULL || e->level < XML_ERR_ERROR || x->fatal != X12_OK)
        return;
    if (is_nomem(e)) {
        nomem(x);
        return;
    }
    redact_schema(msg, sizeof msg, e->message ? e->message : "schema error");
    x->invalid = 1;
    xerr(x, e->line > 0 ? e->line : cur_line(x), "xml-schema", "%s", msg);
}

#if LIBXML_VERSION >= 21200
static void on_parser_error(void *user, const xmlError *e)
#else
static void on_parser_error(void *user, xmlErrorPtr e)
#endif
{
    xrd *x = user;
    char msg[X12I_MSG_MAX];

    if (e == NULL || e->level < XML_ERR_ERROR || x->fatal != X12_OK || x->parser_error)
        return;
    if (is_nomem(e)) {
        nomem(x);
        return;
    }
    x->parser_error = 1;
    x->syntax = 1;
    if (e->code == XML_ERR_DOCUMENT_END && x->depth > 0)
        /* the push parser's word for a document cut short */
        snprintf(msg, sizeof msg, "premature end of the document: %zu element%s not closed",
                 x->depth, x->depth == 1 ? " is" : "s are");
    else if (e->message != NULL && strstr(e->message, "Huge input lookup") != NULL)
        snprintf(msg, sizeof msg, "a tag (or another construct) is longer than %d bytes, "
                                  "libxml2's limit", XML_MAX_LOOKUP_LIMIT);
    else if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
        snprintf(msg, sizeof msg, "an entity reference is not allowed (only &amp; &lt; &gt; "
                                  "&quot; &apos; and character references are)");
    else
        redact_parser(msg, sizeof msg, e->message ? e->message : "the XML is not well-formed");
    xerr(x, e->line > 0 ? e->line : cur_line(x), "xml-syntax", "%s", msg);
}

static int locate(void *ctx, const char **file, unsigned long *line)
{
    xrd *x = ctx;
    long l = cur_line(x);

    *file = NULL;
    *line = l > 0 ? (unsigned long)l : 0;
    return 0;
}

/* ---- values ---------------------------------------------------------------------- */

/* The element's kind from its name and its parent's kind. */
static enc_kind kind_of(enc_kind parent, const char *name, int depth)
{
    static const struct {
        enc_kind parent;
        const char *name;
        enc_kind kind;
    } map[] = {
        {EK_ROOT, "interchange", EK_INTERCHANGE},
        {EK_ROOT, "submitter", EK_SUBMITTER},
        {EK_ROOT, "receiver", EK_RECEIVER},
        {EK_ROOT, "provider", EK_PROVIDER},
        {EK_PROVIDER, "pay_to", EK_PAY_TO},
        {EK_PROVIDER, "pay_to_plan", EK_PAY_TO_PLAN},
        {EK_PROVIDER, "subscriber", EK_SUBSCRIBER},
        {EK_SUBSCRIBER, "payer", EK_PAYER},
        {EK_SUBSCRIBER, "claim", EK_CLAIM},
        {EK_SUBSCRIBER, "patient", EK_PATIENT},
        {EK_PATIENT, "claim", EK_CLAIM},
        {EK_CLAIM, "diagnosis", EK_DIAGNOSIS},
        {EK_CLAIM, "code", EK_CODE},
        {EK_CLAIM, "provider", EK_CLAIM_PROVIDER},
        {EK_CLAIM, "other_payer", EK_OTHER_PAYER},
        {EK_CLAIM, "line", EK_LINE},
        {EK_CLAIM, "attachment", EK_ATTACHMENT},
        {EK_LINE, "attachment", EK_ATTACHMENT},
        {EK_OTHER_PAYER, "subscriber", EK_OP_SUBSCRIBER},
        {EK_OTHER_PAYER, "payer", EK_OP_PAYER},
        {EK_OTHER_PAYER, "adjustment", EK_ADJUSTMENT},
        {EK_OTHER_PAYER, "provider", EK_OP_PROVIDER},
        {EK_LINE, "provider", EK_LINE_PROVIDER},
        {EK_LINE, "adjudication", EK_ADJUDICATION},
        {EK_ADJUDICATION, "adjustment", EK_ADJUSTMENT},
        {EK_CLAIM, "file_information", EK_FILE_INFO},
        {EK_LINE, "file_information", EK_FILE_INFO},
    };
    size_t i;

    if (depth == 0)
        return strcmp(name, "encounters") == 0 ? EK_ROOT : EK_NONE;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].parent == parent && strcmp(map[i].name, name) == 0)
            return map[i].kind;
    return EK_NONE;
}

/* Reads the element's attributes into r; an amount that is not one is an
 * "xml-value" problem (the schema's pattern catches it first). */
static int read_attrs(xrd *x, enc_rec *r, int nattr, const xmlChar **attrs)
{
    size_t na;
    const enc_attr *t = enc_attrs(r->kind, &na);
    int i, k;

    for (i = 0; i < nattr; i++) {
        const char *name = (const char *)attrs[i * 5];
        const char *v = (const char *)attrs[i * 5 + 3];
        size_t len = (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]);
        enc_val *val;

        if (attrs[i * 5 + 2] != NULL) /* qualified: not ours (the schema says so) */
            continue;
        if ((k = enc_attr_index(r->kind, name, strlen(name))) < 0)
            continue;
        val = &r->v[k];
        val->p = v;
        val->len = len;
        switch (t[k].type) {
        case ET_AMOUNT:
            if (x12_cents_parse(v, len, &val->n) != X12_OK) {
                x->invalid = 1;
                xerr(x, cur_line(x), "xml-value",
                     "attribute '%s' is not an amount (digits with at most 2 decimals)",
                     t[k].name);
                return -1;
            }
            break;
        case ET_UINT: {
            uint64_t n = 0;
            size_t j;
            for (j = 0; j < len; j++) {
                if (v[j] < '0' || v[j] > '9' || n > (UINT64_MAX - 9) / 10) {
                    x->invalid = 1;
                    xerr(x, cur_line(x), "xml-value", "attribute '%s' is out of range",
                         t[k].name);
                    return -1;
                }
                n = n * 10 + (uint64_t)(v[j] - '0');
            }
            val->n = (int64_t)(n > INT64_MAX ? INT64_MAX : n);
            break;
        }
        case ET_ENUM:
        case ET_ENTITY:
            if ((val->n = enc_enum_value(&t[k], v, len)) == 0)
                continue; /* the schema reported it */
            break;
        default:
            break;
        }
        val->set = 1;
    }
    return 0;
}

/* Adds the space-separated pointers of a line. */
static x12_status add_pointers(x12_service_line *l, const char *v, size_t len)
{
    size_t i = 0;
    x12_status st = X12_OK;

    while (i < len && st == X12_OK) {
        unsigned p = 0;
        int any = 0;
        while (i < len && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r'))
            i++;
        while (i < len && v[i] >= '0' && v[i] <= '9') {
            if (p < 100000)
                p = p * 10 + (unsigned)(v[i] - '0');
            i++;
            any = 1;
        }
        if (any)
            st = x12_line_add_pointer(l, p);
        else if (i < len)
            i++;
    }
    return st;
}

static void check_st(xrd *x, x12_status st)
{
    if (st == X12_ENOMEM)
        nomem(x);
    else if (st != X12_OK)
        stop(x, st);
}

/* Applies r to the model; an option out of range is an "xml-value". */
static void apply(xrd *x, const enc_rec *r, void *obj, x12_party *party)
{
    int bad;
    x12_status st;

    if (party == NULL && obj == NULL) {
        nomem(x);
        return;
    }
    st = enc_apply(x->b, r, obj, party, &bad);
    if (st == X12_EINVAL && bad >= 0) {
        size_t n;
        x->invalid = 1;
        xerr(x, cur_line(x), "xml-value", "attribute '%s' is out of range",
             enc_attrs(r->kind, &n)[bad].name);
        return;
    }
    check_st(x, st);
}

static void begin_stream(xrd *x)
{
    x12_status st;

    if (!x->stream || x->began)
        return;
    x->began = 1;
    st = x12_batch_stream_begin(x->b, x->w);
    if (st == X12_ENOMEM)
        nomem(x);
    /* X12_EEDIT: the header's edits failed and are listed; reading goes on
     * to list the claims' too */
}

static void on_kind(xrd *x, const enc_rec *r)
{
    const enc_val *k = enc_get(r, "kind");
    x12_claim_kind want;

    if (k == NULL)
        return; /* without the attribute the caller's kind stays */
    want = (x12_claim_kind)k->n;
    if (want == x12_batch_kind(x->b))
        return;
    if (x12_batch_get_option(x->b, X12_BATCHOPT_KIND_FROM_INPUT)) {
        x12_batch_set_kind(x->b, want);
        return;
    }
    xerr(x, cur_line(x), "kind", "the document holds %s encounters; %s claims were asked for",
         want == X12_CLAIM_837I ? "837I" : "837P",
         x12_batch_kind(x->b) == X12_CLAIM_837I ? "837I" : "837P");
    stop(x, X12_EINVAL);
}

/* The claim's memory against X12_BATCHOPT_MAX_CLAIM_BYTES. */
static void claim_limit(xrd *x)
{
    uint64_t max = x12_batch_get_option(x->b, X12_BATCHOPT_MAX_CLAIM_BYTES);

    if (x->c == NULL || max == 0)
        return;
    if (c8_arena_used(x->b, C8L_CLAIM) - x->claim_mark > max) {
        x->limit = 1;
        xerr(x, cur_line(x), "max-claim",
             "the claim takes more than %llu bytes (the configured limit)",
             (unsigned long long)max);
        stop(x, X12_OK);
    }
}

static void build(xrd *x, enc_kind k, enc_kind parent, int nattr, const xmlChar **attrs)
{
    enc_rec r;
    const enc_val *v;

    enc_rec_init(&r, k);
    if (read_attrs(x, &r, nattr, attrs) != 0)
        return;
    switch (k) {
    case EK_ROOT:
        on_kind(x, &r);
        break;
    case EK_INTERCHANGE:
        apply(x, &r, x->b, NULL);
        break;
    case EK_SUBMITTER:
        apply(x, &r, NULL, x12_batch_submitter(x->b));
        break;
    case EK_RECEIVER:
        apply(x, &r, NULL, x12_batch_receiver(x->b));
        break;
    case EK_PROVIDER:
        begin_stream(x);
        if (!building(x))
            break;
        check_st(x, x12_batch_add_provider(x->b, &x->bp));
        if (building(x))
            apply(x, &r, NULL, x12_billing_provider_party(x->bp));
        break;
    case EK_PAY_TO:
        apply(x, &r, NULL, x12_billing_provider_pay_to(x->bp));
        break;
    case EK_PAY_TO_PLAN:
        apply(x, &r, NULL, x12_billing_provider_pay_to_plan(x->bp));
        break;
    case EK_SUBSCRIBER:
        x->pt = NULL;
        check_st(x, x12_billing_provider_add_subscriber(x->bp, &x->s));
        if (building(x))
            apply(x, &r, x->s, x12_subscriber_party(x->s));
        break;
    case EK_PAYER:
        apply(x, &r, NULL, x12_subscriber_payer(x->s));
        break;
    case EK_PATIENT:
        check_st(x, x12_subscriber_add_patient(x->s, &x->pt));
        if (building(x))
            apply(x, &r, x->pt, x12_patient_party(x->pt));
        break;
    case EK_CLAIM:
        x->claim_mark = c8_arena_used(x->b, C8L_CLAIM);
        if (parent == EK_PATIENT)
            check_st(x, x12_patient_add_claim(x->pt, &x->c));
        else
            check_st(x, x12_subscriber_add_claim(x->s, &x->c));
        if (building(x))
            apply(x, &r, x->c, NULL);
        break;
    case EK_DIAGNOSIS:
        check_st(x, enc_add_diagnosis(x->c, &r));
        break;
    case EK_CODE:
        check_st(x, enc_add_code(x->c, &r));
        break;
    case EK_CLAIM_PROVIDER:
        if ((v = enc_get(&r, "role")) != NULL)
            apply(x, &r, NULL, x12_claim_provider(x->c, (x12_claim_role)v->n));
        break;
    case EK_OTHER_PAYER:
        check_st(x, x12_claim_add_other_payer(x->c, &x->op));
        if (building(x))
            apply(x, &r, x->op, NULL);
        break;
    case EK_OP_SUBSCRIBER:
        apply(x, &r, NULL, x12_other_payer_subscriber(x->op));
        break;
    case EK_OP_PAYER:
        apply(x, &r, NULL, x12_other_payer_payer(x->op));
        break;
    case EK_ADJUSTMENT:
        check_st(x, enc_add_adjustment(parent == EK_OTHER_PAYER ? x->op : NULL, x->la, &r));
        break;
    case EK_LINE:
        check_st(x, x12_claim_add_line(x->c, &x->l));
        if (!building(x))
            break;
        apply(x, &r, x->l, NULL);
        if (building(x) && (v = enc_get(&r, "modifiers")) != NULL)
            check_st(x, enc_add_modifiers(x->l, NULL, v->p, v->len));
        if (building(x) && (v = enc_get(&r, "pointers")) != NULL)
            check_st(x, add_pointers(x->l, v->p, v->len));
        break;
    case EK_LINE_PROVIDER:
        if ((v = enc_get(&r, "role")) != NULL)
            apply(x, &r, NULL, x12_line_provider(x->l, (x12_claim_role)v->n));
        break;
    case EK_OP_PROVIDER:
        if ((v = enc_get(&r, "role")) != NULL)
            apply(x, &r, NULL, x12_other_payer_provider(x->op, (x12_claim_role)v->n));
        break;
    case EK_ATTACHMENT: {
        x12_attachment *a = NULL;
        check_st(x, parent == EK_LINE ? x12_line_add_attachment(x->l, &a)
                                      : x12_claim_add_attachment(x->c, &a));
        if (building(x))
            apply(x, &r, a, NULL);
        break;
    }
    case EK_FILE_INFO: {
        /* a text of the claim's or the line's list: the list restarts for
         * another object */
        void *obj = parent == EK_LINE ? (void *)x->l : (void *)x->c;
        if (obj != x->fi_obj) {
            x->fi_obj = obj;
            x->fi_parent = parent;
            x->fi_n = 0;
            x->fi_len = 0;
            x->fi_over = 0;
        }
        if (x->fi_n++ > 0) {
            if (x->fi_len < sizeof x->fi)
                x->fi[x->fi_len++] = '\n';
            else
                x->fi_over = 1;
        }
        x->fi_start = x->fi_len;
        break;
    }
    case EK_ADJUDICATION:
        check_st(x, x12_line_add_adjudication(x->l, &x->la));
        if (!building(x))
            break;
        apply(x, &r, x->la, NULL);
        if (building(x) && (v = enc_get(&r, "modifiers")) != NULL)
            check_st(x, enc_add_modifiers(NULL, x->la, v->p, v->len));
        break;
    default:
        break;
    }
    if (building(x) && k >= EK_CLAIM)
        claim_limit(x);
}

/* The end of a <file_information>: a line break in its text would split
 * it in two, an "xml-value" problem; texts that do not fit are one too. */
static void end_file_info(xrd *x)
{
    if (x->fi_over) {
        x->invalid = 1;
        xerr(x, cur_line(x), "xml-value",
             "the file_information texts take more than %d bytes", FI_MAX);
        return;
    }
    if (memchr(x->fi + x->fi_start, '\n', x->fi_len - x->fi_start) != NULL) {
        x->invalid = 1;
        xerr(x, cur_line(x), "xml-value",
             "a file_information text holds a line break (each line is its own "
             "<file_information>)");
        return;
    }
    x->fi_pending = 1;
}

/* The texts read become the field of the claim or the line, once (setting
 * it at each text would copy the list again each time). */
static void flush_file_info(xrd *x)
{
    x12_status st;
    void *obj = x->fi_obj;

    if (!x->fi_pending)
        return;
    x->fi_pending = 0;
    x->fi_obj = NULL; /* the run is over: a claim reusing the memory starts anew */
    if (!building(x))
        return;
    if (x->fi_parent == EK_LINE)
        st = x12_line_set(obj, X12_LINE_FILE_INFORMATION, x->fi, x->fi_len);
    else
        st = x12_claim_set(obj, X12_CLAIM_FILE_INFORMATION, x->fi, x->fi_len);
    check_st(x, st);
    if (building(x))
        claim_limit(x);
}

/* ---- SAX ------------------------------------------------------------------------------ */

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
                      const xmlChar **attrs)
{
    xrd *x = ctx;
    enc_kind parent = x->depth > 0 && x->depth <= STACK ? (enc_kind)x->stack[x->depth - 1]
                                                        : EK_NONE;
    enc_kind k = EK_NONE;

    /* the validator first: a refused start tag is known before it is read */
    if (x->vsax != NULL && x->vsax->startElementNs != NULL)
        x->vsax->startElementNs(x->vud, localname, prefix, uri, nns, ns, nattr, ndef, attrs);
    if (uri != NULL && strcmp((const char *)uri, NS) == 0 && (x->depth == 0 || parent != EK_NONE))
        k = kind_of(parent, (const char *)localname, (int)x->depth);
    if (k != EK_FILE_INFO)
        flush_file_info(x);
    if (x->depth < STACK)
        x->stack[x->depth] = (unsigned char)k;
    x->depth++;
    if (k != EK_NONE && building(x))
        build(x, k, parent, nattr, attrs);
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *uri)
{
    xrd *x = ctx;
    enc_kind k;

    if (x->vsax != NULL && x->vsax->endElementNs != NULL)
        x->vsax->endElementNs(x->vud, localname, prefix, uri);
    if (x->depth == 0)
        return;
    x->depth--;
    k = x->depth < STACK ? (enc_kind)x->stack[x->depth] : EK_NONE;
    if (k == EK_FILE_INFO && building(x))
        end_file_info(x);
    if (k == EK_CLAIM || k == EK_LINE)
        flush_file_info(x);
    if (k == EK_CLAIM) {
        x->c = NULL;
        if (x->stream && building(x)) {
            x12_status st = x12_batch_stream_flush(x->b);
            if (st != X12_OK && st != X12_EEDIT)
                stop(x, st);
        }
    }
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
    xrd *x = ctx;

    /* text belongs nowhere in the format but in <file_information>: the
     * validator says so */
    if (x->vsax != NULL && x->vsax->characters != NULL)
        x->vsax->characters(x->vud, ch, len);
    if (len > 0 && x->depth > 0 && x->depth <= STACK &&
        x->stack[x->depth - 1] == EK_FILE_INFO && building(x) && !x->fi_over) {
        if ((size_t)len > sizeof x->fi - x->fi_len)
            x->fi_over = 1;
        else {
            memcpy(x->fi + x->fi_len, ch, (size_t)len);
            x->fi_len += (size_t)len;
        }
    }
}

static void sax_dtd(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
    xrd *x = ctx;

    (void)name;
    (void)eid;
    (void)sid;
    if (x->fatal != X12_OK || x->syntax)
        return;
    x->syntax = 1;
    x->parser_error = 1;
    xerr(x, cur_line(x), "xml-syntax",
         "a DTD (<!DOCTYPE>) is not allowed: entity declarations are refused, never expanded");
    xmlStopParser(x->pc);
}

static void sax_reference(void *ctx, const xmlChar *name)
{
    xrd *x = ctx;

    (void)name;
    if (x->fatal != X12_OK || x->syntax)
        return;
    x->syntax = 1;
    x->parser_error = 1;
    xerr(x, cur_line(x), "xml-syntax",
         "an entity reference is not allowed (only &amp; &lt; &gt; &quot; &apos; and "
         "character references are)");
    xmlStopParser(x->pc);
}

/* ---- the parse ------------------------------------------------------------------------ */

static x12_status parse(x12_batch *b, x12_read_fn rd, void *user, const char *name,
                        x12_writer *w, int stream)
{
    xmlSAXHandler sax;
    xrd x;
    xmlSchemaParserCtxtPtr spc = NULL;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vc = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    x12i_xml_quiet q;
    char chunk[16384];

    memset(&x, 0, sizeof x);
    x.b = b;
    x.name = name != NULL ? name : "<input>";
    x.stream = stream;
    x.w = w;
    x.fatal = X12_OK;
    c8_edits_clear(b);
    x12i_xml_init();
    x12i_xml_quiet_begin(&q);

    spc = xmlSchemaNewMemParserCtxt(x12i_encounter_xsd, (int)strlen(x12i_encounter_xsd));
    if (spc != NULL)
        schema = xmlSchemaParse(spc);
    if (schema != NULL)
        vc = xmlSchemaNewValidCtxt(schema);
    /* the compiled-in schema is part of the library: only memory can make
     * these fail */
    if (vc == NULL) {
        nomem(&x);
        goto done;
    }
    xmlSchemaSetValidStructuredErrors(vc, on_schema_error, &x);
    xmlSchemaValidateSetLocator(vc, locate, &x);
    /* No handlers of our own given: the plug hands back the validator's
     * own, which sax_start and friends call before doing their work. */
    plug = xmlSchemaSAXPlug(vc, &x.vsax, &x.vud);
    if (plug == NULL) {
        nomem(&x);
        goto done;
    }

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    sax.ignorableWhitespace = sax_text;
    sax.cdataBlock = sax_text;
    sax.internalSubset = sax_dtd;
    sax.externalSubset = sax_dtd;
    sax.reference = sax_reference;
    sax.serror = on_parser_error;
    x.pc = xmlCreatePushParserCtxt(&sax, &x, NULL, 0, NULL);
    if (x.pc == NULL) {
        nomem(&x);
        goto done;
    }
    /* NOENT: the predefined entities and character references in attribute
     * values arrive decoded.  No other entity can exist (sax_dtd). */
    xmlCtxtUseOptions(x.pc, XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    for (;;) {
        size_t got = 0;
        int rc;
        if (rd(user, chunk, sizeof chunk, &got) != 0 || got > sizeof chunk) {
            xerr(&x, cur_line(&x), "input", "reading the encounters failed");
            stop(&x, X12_EIO);
            break;
        }
        rc = xmlParseChunk(x.pc, chunk, (int)got, got == 0);
        if (x.fatal != X12_OK || x.syntax || x.limit)
            break;
        if (rc != 0 || !x.pc->wellFormed) {
            /* an error that did not come through the error callback: bytes
             * that do not match the declared encoding */
            x.syntax = 1;
            xerr(&x, cur_line(&x), "xml-syntax",
                 "the XML is not well-formed or not in its declared encoding (libxml2 error "
                 "%d)", rc ? rc : x.pc->errNo);
            break;
        }
        if (got == 0)
            break;
    }
    if (x.fatal == X12_OK && !x.syntax && !x.limit && x.depth == 0 && x.pc->wellFormed &&
        x.stack[0] == EK_NONE && !x.invalid) {
        /* an empty document, or one that is not an <encounters> (the
         * validator has said so already when there was a root) */
        x.invalid = 1;
        xerr(&x, cur_line(&x), "xml-schema", "the document is not an encounters document");
    }

done:
    if (x.pc != NULL) {
        if (x.pc->myDoc != NULL)
            xmlFreeDoc(x.pc->myDoc);
        xmlFreeParserCtxt(x.pc);
        x.pc = NULL;
    }
    if (plug != NULL)
        xmlSchemaSAXUnplug(plug);
    if (vc != NULL)
        xmlSchemaFreeValidCtxt(vc);
    if (schema != NULL)
        xmlSchemaFree(schema);
    if (spc != NULL)
        xmlSchemaFreeParserCtxt(spc);
    x12i_xml_quiet_end(&q);

    if (stream && x.fatal == X12_OK && !x.syntax && !x.invalid && !x.limit) {
        x12_status st;
        /* (a valid document has a provider, so the stream has begun) */
        begin_stream(&x);
        st = x12_batch_stream_end(b);
        if (st != X12_OK && st != X12_EEDIT)
            x.fatal = st;
    }
    if (x.fatal != X12_OK)
        return x.fatal;
    if (x.syntax || x.invalid)
        return X12_ESYNTAX;
    if (x.limit)
        return X12_ELIMIT;
    if (stream && b->edits_total)
        return X12_EEDIT;
    return X12_OK;
}

/* ---- entry points --------------------------------------------------------------------- */

typedef struct memsrc {
    const char *p;
    size_t len, pos;
} memsrc;

static int mem_read(void *user, char *buf, size_t cap, size_t *got)
{
    memsrc *m = user;
    size_t n = m->len - m->pos;

    if (n > cap)
        n = cap;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    *got = n;
    return 0;
}

static int src_read(void *user, char *buf, size_t cap, size_t *got)
{
    x12i_source *s = user;
    const char *msg = NULL;
    x12_status st = x12i_source_read(s, buf, cap, got, &msg);

    if (st == X12_END) {
        *got = 0;
        return 0;
    }
    return st == X12_OK ? 0 : -1;
}

/* A load keeps nothing of a document that failed: the batch is empty
 * again (the memory stays in its arena until it is freed). */
static x12_status load(x12_batch *b, x12_read_fn rd, void *user, const char *name)
{
    x12_status st = parse(b, rd, user, name, NULL, 0);

    if (st != X12_OK) {
        b->bp_first = b->bp_last = NULL;
        b->nproviders = 0;
        b->nclaims = 0;
    }
    return st;
}

x12_status x12_batch_load_xml_memory(x12_batch *b, const char *data, size_t len,
                                     const char *name)
{
    memsrc m;

    if (b == NULL || (data == NULL && len != 0))
        return X12_EINVAL;
    if (!c8_batch_empty(b) || b->stream != NULL)
        return X12_ESTATE;
    m.p = data != NULL ? data : "";
    m.len = len;
    m.pos = 0;
    return load(b, mem_read, &m, name != NULL ? name : "<memory>");
}

/* Reads through the source (gzip detected); a gzip error is X12_EGZIP. */
static x12_status with_source(x12_batch *b, FILE *in, const char *name, x12_writer *w,
                              int stream)
{
    x12i_source s;
    x12_status st;

    x12i_source_init(&s, &b->a, 65536);
    s.kind = X12I_SRC_FILE;
    s.fp = in;
    st = stream ? parse(b, src_read, &s, name, w, 1) : load(b, src_read, &s, name);
    if (st == X12_EIO && s.gz)
        st = X12_EGZIP;
    x12i_source_close(&s);
    return st;
}

x12_status x12_batch_load_xml_file(x12_batch *b, const char *path)
{
    FILE *f;
    x12_status st;

    if (b == NULL || path == NULL)
        return X12_EINVAL;
    if (!c8_batch_empty(b) || b->stream != NULL)
        return X12_ESTATE;
    f = fopen(path, "rb");
    if (f == NULL)
        return X12_EIO;
    st = with_source(b, f, path, NULL, 0);
    fclose(f);
    return st;
}

static x12_status build_check(const x12_batch *b, const x12_writer *w)
{
    if (b == NULL || w == NULL)
        return X12_EINVAL;
    if (!c8_batch_empty(b) || b->stream != NULL)
        return X12_ESTATE;
    return X12_OK;
}

x12_status x12_batch_build_xml(x12_batch *b, x12_read_fn rd, void *user, const char *name,
                               x12_writer *w)
{
    x12_status st = build_check(b, w);

    if (st != X12_OK)
        return st;
    if (rd == NULL)
        return X12_EINVAL;
    return parse(b, rd, user, name, w, 1);
}

x12_status x12_batch_build_xml_buffer(x12_batch *b, const char *data, size_t len,
                                      const char *name, x12_writer *w)
{
    memsrc m;
    x12_status st = build_check(b, w);

    if (st != X12_OK)
        return st;
    if (data == NULL && len != 0)
        return X12_EINVAL;
    m.p = data != NULL ? data : "";
    m.len = len;
    m.pos = 0;
    return parse(b, mem_read, &m, name != NULL ? name : "<memory>", w, 1);
}

x12_status x12_batch_build_xml_file(x12_batch *b, FILE *in, const char *name, x12_writer *w)
{
    x12_status st = build_check(b, w);

    if (st != X12_OK)
        return st;
    if (in == NULL)
        return X12_EINVAL;
    return with_source(b, in, name, w, 1);
}
