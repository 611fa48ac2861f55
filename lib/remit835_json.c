/*
 * remit835 JSON out: payments, claims and their ends as compact JSON or
 * JSON Lines, the shape of `x12 remit --json` / `--jsonl` (documented in
 * x12(1), libx12-remit835(3) and specs/remit-json.schema.json).
 *
 * Speed matters here (an ERA is written at a few hundred MB/s): bytes go
 * into one growing buffer, keys are literals copied with memcpy, strings
 * are escaped in one pass over a class table, integers are formatted by
 * hand.  Every member is written followed by a comma; closing an object
 * turns the last comma into the brace, and an object or array that got no
 * member is taken back with its key (empty values are left out).
 */
#include <string.h>

#include "remit835_out.h"

enum { J_NONE, J_OPEN, J_PAYMENT, J_DONE };

struct x12_remit_json {
    x12i_out o;
    unsigned flags;
    int state;          /* document mode: J_*; JSON Lines uses J_PAYMENT too */
    uint64_t claims;    /* claims written in the open payment */
    char *file;         /* "file" member, NULL for none */
    size_t file_len;
    /* The open payment, for a JSON Lines end line when it never ends. */
    size_t pay_index;
    char *trace;
    size_t trace_len, trace_cap;
};

/* ---- the buffer ------------------------------------------------------------ */

static inline int need(x12_remit_json *j, size_t n)
{
    return x12i_out_need(&j->o, n);
}

static inline void put(x12_remit_json *j, const char *s, size_t n)
{
    x12i_out_put(&j->o, s, n);
}

static inline void putc1(x12_remit_json *j, char c)
{
    if (need(j, 1) == 0)
        j->o.buf[j->o.len++] = c;
}

/* The member writers are small and called with constant keys from many
 * places: inlined, the key's copy becomes a few stores. */
#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

#define LIT(j, s) put((j), (s), sizeof(s) - 1)
#define KEY(name) "\"" name "\":"
#define K(name) KEY(name), sizeof(KEY(name)) - 1

/* ---- strings and numbers ----------------------------------------------------- */

/* Bytes of a string: 0 copied as they are, 1 escaped (controls, '"', '\'),
 * 2 the start of a byte >= 0x80 (UTF-8 kept, else read as Latin-1). */
#define R8(x) x, x, x, x, x, x, x, x
#define R16(x) R8(x), R8(x)
static const unsigned char jcls[256] = {
    R16(1), R16(1),
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' */
    R16(0), R16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* '\\' */
    R16(0), R16(0),
    R16(2), R16(2), R16(2), R16(2), R16(2), R16(2), R16(2), R16(2)};

/* Writes "s" escaped at o (room for 6 * n + 2 bytes); returns the end. */
static char *esc(char *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    *o++ = '"';
    while (p < end) {
        unsigned c = *p;
        size_t u;

        switch (jcls[c]) {
        case 0:
            *o++ = (char)c;
            p++;
            continue;
        case 1:
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\n': *o++ = 'n'; break;
            case '\r': *o++ = 'r'; break;
            case '\t': *o++ = 't'; break;
            case '\b': *o++ = 'b'; break;
            case '\f': *o++ = 'f'; break;
            default:
                *o++ = 'u';
                *o++ = '0';
                *o++ = '0';
                *o++ = hex[c >> 4];
                *o++ = hex[c & 15];
            }
            p++;
            continue;
        default:
            /* X12 text is ASCII, but Latin-1 names are common and some
             * payers send UTF-8: keep well-formed UTF-8, read any other
             * byte as Latin-1, so the output is always valid UTF-8. */
            u = x12i_utf8_seq(p, (size_t)(end - p));
            if (u > 0) {
                memcpy(o, p, u);
                o += u;
                p += u;
            } else {
                o = x12i_latin1(o, c);
                p++;
            }
        }
    }
    *o++ = '"';
    return o;
}

/* ---- members (each followed by a comma) --------------------------------------- */

/* "key":"value", unless the value is empty. */
static HOT_INLINE void m_str(x12_remit_json *j, const char *key, size_t klen, x12_str v)
{
    char *o;

    if (v.len == 0)
        return;
    if (v.len > (SIZE_MAX - 16 - klen) / 6) {
        j->o.nomem = 1;
        return;
    }
    if (need(j, klen + 6 * v.len + 3) != 0)
        return;
    o = j->o.buf + j->o.len;
    memcpy(o, key, klen);
    o = esc(o + klen, v.ptr, v.len);
    *o++ = ',';
    j->o.len = (size_t)(o - j->o.buf);
}

static void m_cstr(x12_remit_json *j, const char *key, size_t klen, const char *s)
{
    if (s != NULL) {
        x12_str v = {s, strlen(s)};

        m_str(j, key, klen, v);
    }
}

static HOT_INLINE void m_i64(x12_remit_json *j, const char *key, size_t klen, int64_t v)
{
    char *o;

    if (need(j, klen + 22) != 0)
        return;
    o = j->o.buf + j->o.len;
    memcpy(o, key, klen);
    o = x12i_fmt_i64(o + klen, v);
    *o++ = ',';
    j->o.len = (size_t)(o - j->o.buf);
}

static HOT_INLINE void m_u64(x12_remit_json *j, const char *key, size_t klen, uint64_t v)
{
    char *o;

    if (need(j, klen + 22) != 0)
        return;
    o = j->o.buf + j->o.len;
    memcpy(o, key, klen);
    o = x12i_fmt_u64(o + klen, v);
    *o++ = ',';
    j->o.len = (size_t)(o - j->o.buf);
}

/* Booleans are written only when true (a missing one is false). */
static HOT_INLINE void m_true(x12_remit_json *j, const char *key, size_t klen, int b)
{
    if (b) {
        put(j, key, klen);
        LIT(j, "true,");
    }
}

/* A string as an array item. */
static void item_str(x12_remit_json *j, x12_str v)
{
    char *o;

    if (v.len > (SIZE_MAX - 16) / 6) {
        j->o.nomem = 1;
        return;
    }
    if (need(j, 6 * v.len + 3) != 0)
        return;
    o = esc(j->o.buf + j->o.len, v.ptr, v.len);
    *o++ = ',';
    j->o.len = (size_t)(o - j->o.buf);
}

/* Opens "key":{ or "key":[ (or a bare { / [ with klen 0) and returns where
 * it began, for close(). */
static size_t jopen(x12_remit_json *j, const char *key, size_t klen, char brace)
{
    size_t at = j->o.len;

    put(j, key, klen);
    putc1(j, brace);
    return at;
}

/* Closes what open() began at `at`: an object or array that got nothing is
 * taken back with its key; else the last comma becomes the brace. */
static void jclose(x12_remit_json *j, size_t at, size_t klen, char brace)
{
    if (j->o.nomem)
        return;
    if (j->o.len == at + klen + 1) {
        j->o.len = at;
        return;
    }
    if (j->o.buf[j->o.len - 1] == ',')
        j->o.buf[j->o.len - 1] = brace;
    else
        putc1(j, brace);
    putc1(j, ',');
}

/* Ends a top-level object: its last comma becomes '}'. */
static void end_object(x12_remit_json *j)
{
    if (j->o.nomem)
        return;
    if (j->o.len > 0 && j->o.buf[j->o.len - 1] == ',')
        j->o.buf[j->o.len - 1] = '}';
    else
        putc1(j, '}');
}

#define OPEN(j, name, brace) jopen((j), K(name), (brace))
#define CLOSE(j, at, name, brace) jclose((j), (at), sizeof(KEY(name)) - 1, (brace))
#define MSTR(j, name, v) m_str((j), K(name), (v))
#define MCSTR(j, name, s) m_cstr((j), K(name), (s))
#define MI64(j, name, v) m_i64((j), K(name), (v))
#define MU64(j, name, v) m_u64((j), K(name), (v))
#define MTRUE(j, name, b) m_true((j), K(name), (b))

static int describe(const x12_remit_json *j)
{
    return (j->flags & X12_REMIT_JSON_DESCRIBE) != 0;
}

static x12_str sv(x12_str v)
{
    if (v.ptr == NULL)
        v.len = 0;
    return v;
}

/* "outcome":"...", from a table (no strlen, no escaping). */
static void m_outcome(x12_remit_json *j, x12_remit_outcome o)
{
    static const struct {
        const char *text;
        size_t len;
    } names[] = {
#define O(s) {"\"outcome\":\"" s "\",", sizeof("\"outcome\":\"" s "\",") - 1}
        O("unknown"), O("paid"), O("partially_paid"), O("denied"), O("no_payment"),
        O("reversed"), O("forwarded"), O("predetermination")
#undef O
    };
    unsigned k = (unsigned)o < sizeof names / sizeof names[0] ? (unsigned)o : 0u;

    put(j, names[k].text, names[k].len);
}

/* ---- small records ------------------------------------------------------------ */

static void w_ref(x12_remit_json *j, const x12_remit_ref *r)
{
    size_t at = jopen(j, "", 0, '{');

    MSTR(j, "qualifier", r->qual);
    MSTR(j, "value", r->value);
    MSTR(j, "description", r->desc);
    jclose(j, at, 0, '}');
}

static void w_date(x12_remit_json *j, const x12_remit_date *d)
{
    size_t at = jopen(j, "", 0, '{');

    MSTR(j, "qualifier", d->qual);
    MSTR(j, "date", d->date);
    jclose(j, at, 0, '}');
}

static void w_amount(x12_remit_json *j, const x12_remit_amount *am)
{
    size_t at = jopen(j, "", 0, '{');

    MSTR(j, "qualifier", am->qual);
    MI64(j, "amount_cents", am->cents);
    jclose(j, at, 0, '}');
}

static void w_quantity(x12_remit_json *j, const x12_remit_quantity *q)
{
    size_t at = jopen(j, "", 0, '{');

    MSTR(j, "qualifier", q->qual);
    MSTR(j, "quantity", q->text);
    jclose(j, at, 0, '}');
}

static void w_contact(x12_remit_json *j, const x12_remit_contact *ct)
{
    size_t at = jopen(j, "", 0, '{'), nat;
    unsigned k;

    MSTR(j, "function", ct->el[1]);
    MSTR(j, "name", ct->el[2]);
    /* PER03/04, 05/06, 07/08: the pairs that have a qualifier or number. */
    nat = OPEN(j, "numbers", '[');
    for (k = 0; k < 3; k++) {
        size_t pat = jopen(j, "", 0, '{');

        MSTR(j, "qualifier", ct->el[3 + 2 * k]);
        MSTR(j, "number", ct->el[4 + 2 * k]);
        jclose(j, pat, 0, '}');
    }
    CLOSE(j, nat, "numbers", ']');
    jclose(j, at, 0, '}');
}

static void w_refs(x12_remit_json *j, const x12_remit_ref *r, size_t n, const x12_remit_ref *skip)
{
    size_t i, at;

    if (n == 0)
        return;
    at = OPEN(j, "refs", '[');
    for (i = 0; i < n; i++)
        if (&r[i] != skip)
            w_ref(j, &r[i]);
    CLOSE(j, at, "refs", ']');
}

static void w_contacts(x12_remit_json *j, const x12_remit_contact *ct, size_t n)
{
    size_t i, at;

    if (n == 0)
        return;
    at = OPEN(j, "contacts", '[');
    for (i = 0; i < n; i++)
        w_contact(j, &ct[i]);
    CLOSE(j, at, "contacts", ']');
}

/* A name or party; the entity code only where the key does not say it. */
static void w_name(x12_remit_json *j, const x12_remit_name *n, int with_entity)
{
    size_t at = jopen(j, "", 0, '{'), aat;

    if (with_entity)
        MSTR(j, "entity", n->f[X12_RN_ENTITY]);
    MSTR(j, "type", n->f[X12_RN_TYPE]);
    MSTR(j, "name", n->f[X12_RN_NAME]);
    MSTR(j, "first_name", n->f[X12_RN_FIRST]);
    MSTR(j, "middle_name", n->f[X12_RN_MIDDLE]);
    MSTR(j, "suffix", n->f[X12_RN_SUFFIX]);
    MSTR(j, "id_qualifier", n->f[X12_RN_ID_QUALIFIER]);
    MSTR(j, "id", n->f[X12_RN_ID]);
    aat = OPEN(j, "address", '{');
    MSTR(j, "line1", n->f[X12_RN_ADDRESS1]);
    MSTR(j, "line2", n->f[X12_RN_ADDRESS2]);
    MSTR(j, "city", n->f[X12_RN_CITY]);
    MSTR(j, "state", n->f[X12_RN_STATE]);
    MSTR(j, "postal_code", n->f[X12_RN_POSTAL_CODE]);
    MSTR(j, "country", n->f[X12_RN_COUNTRY]);
    MSTR(j, "subdivision", n->f[X12_RN_SUBDIVISION]);
    CLOSE(j, aat, "address", '}');
    w_refs(j, n->refs.items, n->refs.n, NULL);
    w_contacts(j, n->contacts.items, n->contacts.n);
    jclose(j, at, 0, '}');
}

/* "key":{name}, for a name that is there. */
static void m_name(x12_remit_json *j, const char *key, size_t klen, const x12_remit_name *n)
{
    size_t at;

    if (n == NULL)
        return;
    at = j->o.len;
    put(j, key, klen);
    w_name(j, n, 0);
    /* w_name took back an empty object: take back the key too. */
    if (!j->o.nomem && j->o.len == at + klen)
        j->o.len = at;
}

static void w_adjustment(x12_remit_json *j, const x12_remit_adjustment *a, int with_line)
{
    size_t at = jopen(j, "", 0, '{');

    if (with_line)
        MU64(j, "line", a->line);
    MSTR(j, "group", a->group);
    MSTR(j, "reason", a->reason);
    if (describe(j))
        MCSTR(j, "reason_text", x12_remit_code_text(X12_CODESET_CARC, a->reason.ptr,
                                                    a->reason.len));
    MI64(j, "amount_cents", a->cents);
    MSTR(j, "quantity", a->qty);
    jclose(j, at, 0, '}');
}

static void w_adjustments(x12_remit_json *j, const x12_remit_adjustment *a, size_t n)
{
    size_t i, at;

    if (n == 0)
        return;
    at = OPEN(j, "adjustments", '[');
    for (i = 0; i < n; i++)
        w_adjustment(j, &a[i], 0);
    CLOSE(j, at, "adjustments", ']');
}

static void w_remark(x12_remit_json *j, const x12_remit_remark *r)
{
    size_t at = jopen(j, "", 0, '{');

    MCSTR(j, "source", r->source);
    MSTR(j, "qualifier", r->qual);
    MSTR(j, "code", r->code);
    if (describe(j) && x12i_code_is(r->qual, "HE"))
        MCSTR(j, "text", x12_remit_code_text(X12_CODESET_RARC, r->code.ptr, r->code.len));
    jclose(j, at, 0, '}');
}

static void w_remark_items(x12_remit_json *j, const x12_remit_remark *r, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        w_remark(j, &r[i]);
}

static void w_remarks(x12_remit_json *j, const x12_remit_remark *r, size_t n)
{
    size_t at;

    if (n == 0)
        return;
    at = OPEN(j, "remarks", '[');
    w_remark_items(j, r, n);
    CLOSE(j, at, "remarks", ']');
}

static void w_share(x12_remit_json *j, const int64_t *share)
{
    static const char zero[] = "\"patient_share\":{\"deductible_cents\":0,\"coinsurance_cents\":0,"
                               "\"copay_cents\":0,\"other_cents\":0,\"total_cents\":0},";
    size_t at;

    /* No patient share at all is common: one copy. */
    if ((share[X12_REMIT_SHARE_DEDUCTIBLE] | share[X12_REMIT_SHARE_COINSURANCE] |
         share[X12_REMIT_SHARE_COPAY] | share[X12_REMIT_SHARE_OTHER] |
         share[X12_REMIT_SHARE_TOTAL]) == 0) {
        LIT(j, zero);
        return;
    }
    at = OPEN(j, "patient_share", '{');

    MI64(j, "deductible_cents", share[X12_REMIT_SHARE_DEDUCTIBLE]);
    MI64(j, "coinsurance_cents", share[X12_REMIT_SHARE_COINSURANCE]);
    MI64(j, "copay_cents", share[X12_REMIT_SHARE_COPAY]);
    MI64(j, "other_cents", share[X12_REMIT_SHARE_OTHER]);
    MI64(j, "total_cents", share[X12_REMIT_SHARE_TOTAL]);
    CLOSE(j, at, "patient_share", '}');
}

static void w_issue(x12_remit_json *j, const x12_error *e)
{
    size_t at = jopen(j, "", 0, '{');

    MCSTR(j, "rule", e->rule);
    MCSTR(j, "severity", e->severity == X12_SEV_WARNING ? "warning"
                         : e->severity == X12_SEV_FATAL ? "fatal"
                                                        : "error");
    MU64(j, "segment_number", e->segno);
    MCSTR(j, "segment", e->segid);
    MCSTR(j, "loop", e->loop);
    MU64(j, "element", e->element);
    MU64(j, "offset", e->offset);
    MCSTR(j, "message", e->message);
    jclose(j, at, 0, '}');
}

/* balance_warnings (rules balance-*), errors (the rest) and the count of
 * issues past the stream's limit. */
static void w_issues(x12_remit_json *j, const x12_error *e, size_t n, uint64_t dropped)
{
    size_t i, at;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        if (n == 0)
            break;
        at = pass == 0 ? OPEN(j, "balance_warnings", '[') : OPEN(j, "errors", '[');
        for (i = 0; i < n; i++)
            if ((strncmp(e[i].rule, "balance-", 8) == 0) == (pass == 0))
                w_issue(j, &e[i]);
        if (pass == 0)
            CLOSE(j, at, "balance_warnings", ']');
        else
            CLOSE(j, at, "errors", ']');
    }
    if (dropped > 0)
        MU64(j, "issues_not_listed", dropped);
}

/* ---- service lines ------------------------------------------------------------- */

static void w_procedure(x12_remit_json *j, const x12_remit_service *s, int base)
{
    size_t at;
    int k;

    MSTR(j, "qualifier", s->f[base]);
    MSTR(j, "procedure", s->f[base + 1]);
    at = OPEN(j, "modifiers", '[');
    for (k = 0; k < 4; k++)
        if (s->f[base + 2 + k].len > 0)
            item_str(j, s->f[base + 2 + k]);
    CLOSE(j, at, "modifiers", ']');
    MSTR(j, "description", s->f[base + 6]);
}

/* Index of the first date with this qualifier, or n. */
static size_t first_date(const x12_remit_date *d, size_t n, const char *q)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (x12i_code_is(d[i].qual, q))
            return i;
    return n;
}

/* "key":"date" from dates[i] when there is one; returns i when it was
 * written (so the dates list leaves it out), else n. */
static size_t m_date(x12_remit_json *j, const char *key, size_t klen, const x12_remit_date *d,
                     size_t n, const char *q)
{
    size_t i = first_date(d, n, q);

    if (i == n || d[i].date.len == 0)
        return n;
    m_str(j, key, klen, d[i].date);
    return i;
}

/* The dates not written under their own key (skip: indexes, n for none). */
static void w_dates(x12_remit_json *j, const x12_remit_date *d, size_t n, const size_t *skip,
                    size_t nskip)
{
    size_t i, k, at;

    if (n == 0)
        return;
    at = OPEN(j, "dates", '[');
    for (i = 0; i < n; i++) {
        for (k = 0; k < nskip && skip[k] != i; k++)
            ;
        if (k == nskip)
            w_date(j, &d[i]);
    }
    CLOSE(j, at, "dates", ']');
}

static void w_amounts(x12_remit_json *j, const x12_remit_amount *am, size_t n, size_t skip)
{
    size_t i, at;

    if (n == 0 || (n == 1 && skip == 0))
        return;
    at = OPEN(j, "amounts", '[');
    for (i = 0; i < n; i++)
        if (i != skip)
            w_amount(j, &am[i]);
    CLOSE(j, at, "amounts", ']');
}

static void w_quantities(x12_remit_json *j, const x12_remit_quantity *q, size_t n)
{
    size_t i, at;

    if (n == 0)
        return;
    at = OPEN(j, "quantities", '[');
    for (i = 0; i < n; i++)
        w_quantity(j, &q[i]);
    CLOSE(j, at, "quantities", ']');
}

static void w_service(x12_remit_json *j, const x12_remit_service *s)
{
    size_t at = jopen(j, "", 0, '{'), oat, i, skip[3], nd = s->dates.n;
    const x12_remit_date *d = s->pdates;
    const x12_remit_ref *licn = NULL;

    MU64(j, "line", s->index + 1);
    w_procedure(j, s, X12_RS_QUALIFIER);
    MSTR(j, "revenue_code", s->f[X12_RS_REVENUE_CODE]);
    MI64(j, "charge_cents", s->charge);
    MI64(j, "paid_cents", s->paid);
    /* AMT*B6 absent: no allowed_cents (not 0). */
    if (s->has_allowed)
        MI64(j, "allowed_cents", s->allowed);
    MSTR(j, "units", s->f[X12_RS_UNITS]);
    oat = OPEN(j, "original", '{');
    w_procedure(j, s, X12_RS_ORIG_QUALIFIER);
    MSTR(j, "units", s->f[X12_RS_ORIG_UNITS]);
    CLOSE(j, oat, "original", '}');
    skip[0] = m_date(j, K("service_date"), d, nd, "472");
    skip[1] = m_date(j, K("service_from"), d, nd, "150");
    skip[2] = m_date(j, K("service_to"), d, nd, "151");
    MSTR(j, "line_item_control_number", s->f[X12_RS_LINE_ITEM_CONTROL_NUMBER]);
    m_outcome(j, s->outcome);
    MTRUE(j, "balanced", s->balanced);
    w_share(j, s->share);
    w_dates(j, d, nd, skip, 3);
    /* The REF*6R above is not repeated in refs. */
    if (s->f[X12_RS_LINE_ITEM_CONTROL_NUMBER].len > 0)
        for (i = 0; i < s->refs.n && licn == NULL; i++)
            if (s->prefs[i].value.ptr == s->f[X12_RS_LINE_ITEM_CONTROL_NUMBER].ptr)
                licn = &s->prefs[i];
    if (s->refs.n > (licn != NULL ? 1u : 0u))
        w_refs(j, s->prefs, s->refs.n, licn);
    {
        /* Nor the AMT*B6 given as allowed_cents. */
        size_t b6 = s->amounts.n;

        if (s->has_allowed)
            for (i = 0; i < s->amounts.n && b6 == s->amounts.n; i++)
                if (x12i_code_is(s->pamounts[i].qual, "B6"))
                    b6 = i;
        w_amounts(j, s->pamounts, s->amounts.n, b6);
    }
    w_quantities(j, s->pqtys, s->qtys.n);
    w_adjustments(j, s->padj, s->adj.n);
    w_remarks(j, s->premarks, s->remarks.n);
    jclose(j, at, 0, '}');
}

/* ---- claims --------------------------------------------------------------------- */

/* MIA or MOA elements other than the remark codes (those are in remarks),
 * as {"01": "...", ...}. */
static void w_mia_moa(x12_remit_json *j, const char *key, size_t klen, const x12_str *el,
                      unsigned max, const unsigned *remarks, size_t nremarks)
{
    size_t at, k;
    unsigned i;

    for (i = 1; i <= max && el[i].len == 0; i++)
        ;
    if (i > max)
        return; /* no such segment: the usual case */
    at = jopen(j, key, klen, '{');
    for (i = 1; i <= max; i++) {
        char name[6] = {'"', (char)('0' + i / 10), (char)('0' + i % 10), '"', ':', '\0'};

        if (el[i].len == 0)
            continue;
        for (k = 0; k < nremarks && remarks[k] != i; k++)
            ;
        if (k == nremarks)
            m_str(j, name, 5, el[i]);
    }
    jclose(j, at, klen, '}');
}

static const x12_remit_name *first_name(const x12_remit_claim *c, const char *entity)
{
    size_t i;

    for (i = 0; i < c->names.n; i++) {
        const x12_remit_name *n = &VAT(c->names, x12_remit_name, i);

        if (x12i_code_is(n->f[X12_RN_ENTITY], entity))
            return n;
    }
    return NULL;
}

/* The remarks explaining a denial or partial payment: the claim's (MIA,
 * MOA) and every line's (LQ). */
static void w_denial(x12_remit_json *j, const x12_remit_claim *c)
{
    size_t at, lat, i;

    if (c->outcome != X12_REMIT_DENIED && c->outcome != X12_REMIT_PARTIAL)
        return;
    at = OPEN(j, "denial", '{');
    m_outcome(j, c->outcome);
    lat = OPEN(j, "reasons", '[');
    for (i = 0; i < c->denial.n; i++)
        w_adjustment(j, VAT(c->denial, const x12_remit_adjustment *, i), 1);
    CLOSE(j, lat, "reasons", ']');
    lat = OPEN(j, "remarks", '[');
    w_remark_items(j, c->remarks.items, c->remarks.n);
    for (i = 0; i < c->services.n; i++) {
        const x12_remit_service *s = &VAT(c->services, x12_remit_service, i);

        w_remark_items(j, s->premarks, s->remarks.n);
    }
    CLOSE(j, lat, "remarks", ']');
    CLOSE(j, at, "denial", '}');
}

static void w_claim_members(x12_remit_json *j, const x12_remit_claim *c)
{
    static const unsigned mia_remarks[] = {5, 20, 21, 22, 23};
    static const unsigned moa_remarks[] = {3, 4, 5, 6, 7};
    const x12_remit_date *d = c->dates.items;
    const x12_remit_name *pat = first_name(c, "QC"), *ins = first_name(c, "IL");
    size_t nd = c->dates.n, skip[4], i, at;

    MU64(j, "index", c->index);
    MSTR(j, "patient_control_number", c->f[X12_RC_PATIENT_CONTROL_NUMBER]);
    MSTR(j, "status", c->f[X12_RC_STATUS]);
    if (describe(j))
        MCSTR(j, "status_text", x12_remit_code_text(X12_CODESET_CLAIM_STATUS,
                                                    c->f[X12_RC_STATUS].ptr,
                                                    c->f[X12_RC_STATUS].len));
    m_outcome(j, c->outcome);
    MTRUE(j, "forwarded", c->forwarded);
    MI64(j, "charge_cents", c->charge);
    MI64(j, "paid_cents", c->paid);
    MI64(j, "patient_responsibility_cents", c->patient_resp);
    MSTR(j, "filing_indicator", c->f[X12_RC_FILING_INDICATOR]);
    MSTR(j, "payer_claim_control_number", c->f[X12_RC_PAYER_CLAIM_CONTROL_NUMBER]);
    MSTR(j, "facility_code", c->f[X12_RC_FACILITY_CODE]);
    MSTR(j, "frequency", c->f[X12_RC_FREQUENCY]);
    MSTR(j, "patient_status", c->f[X12_RC_PATIENT_STATUS]);
    MSTR(j, "drg", c->f[X12_RC_DRG]);
    MSTR(j, "drg_weight", c->f[X12_RC_DRG_WEIGHT]);
    MSTR(j, "discharge_fraction", c->f[X12_RC_DISCHARGE_FRACTION]);
    if (c->header != NULL)
        MSTR(j, "header_number", c->header->number);
    skip[0] = m_date(j, K("statement_from"), d, nd, "232");
    skip[1] = m_date(j, K("statement_to"), d, nd, "233");
    skip[2] = m_date(j, K("received"), d, nd, "050");
    skip[3] = m_date(j, K("coverage_expiration"), d, nd, "036");
    m_name(j, K("patient"), pat);
    m_name(j, K("insured"), ins);
    if (c->names.n > (size_t)(pat != NULL) + (size_t)(ins != NULL)) {
        at = OPEN(j, "names", '[');
        for (i = 0; i < c->names.n; i++) {
            const x12_remit_name *n = &VAT(c->names, x12_remit_name, i);

            if (n != pat && n != ins)
                w_name(j, n, 1);
        }
        CLOSE(j, at, "names", ']');
    }
    w_dates(j, d, nd, skip, 4);
    w_refs(j, c->refs.items, c->refs.n, NULL);
    w_amounts(j, c->amounts.items, c->amounts.n, c->amounts.n);
    w_quantities(j, c->qtys.items, c->qtys.n);
    w_contacts(j, c->contacts.items, c->contacts.n);
    w_mia_moa(j, K("mia"), c->mia, MIA_MAX, mia_remarks, 5);
    w_mia_moa(j, K("moa"), c->moa, MOA_MAX, moa_remarks, 5);
    w_share(j, c->share);
    w_adjustments(j, c->adj.items, c->adj.n);
    w_remarks(j, c->remarks.items, c->remarks.n);
    if (c->services.n > 0) {
        at = OPEN(j, "services", '[');
        for (i = 0; i < c->services.n; i++)
            w_service(j, &VAT(c->services, x12_remit_service, i));
        CLOSE(j, at, "services", ']');
    }
    w_denial(j, c);
    if (c->reversal_of > 0)
        MU64(j, "reversal_of", c->reversal_of - 1);
    if (c->corrected_by > 0)
        MU64(j, "corrected_by", c->corrected_by - 1);
    MTRUE(j, "balanced", c->balanced);
    w_issues(j, c->issues.items, c->issues.n, c->issues_dropped);
    MU64(j, "segment_number", c->segno);
}

/* ---- payments ---------------------------------------------------------------------- */

static const x12_remit_name *find_party(const x12_remit_payment *p, const char *entity)
{
    size_t i;

    for (i = 0; i < p->parties.n; i++) {
        const x12_remit_name *n = &VAT(p->parties, x12_remit_name, i);

        if (x12i_code_is(n->f[X12_RN_ENTITY], entity))
            return n;
    }
    return NULL;
}

/* The header ref or date given under its own key, or NULL. */
static const x12_remit_ref *promoted_ref(const x12_remit_payment *p, x12_str v, size_t i)
{
    const x12_remit_ref *r = &VAT(p->refs, x12_remit_ref, i);

    return v.len > 0 && r->value.ptr == v.ptr ? r : NULL;
}

static void w_payment_header(x12_remit_json *j, const x12_remit_payment *p)
{
    const x12_remit_name *payer = find_party(p, "PR"), *payee = find_party(p, "PE");
    size_t at, i;

    MU64(j, "index", p->index);
    MSTR(j, "control_number", p->f[X12_RP_CONTROL_NUMBER]);
    MSTR(j, "handling", p->f[X12_RP_HANDLING]);
    MI64(j, "amount_cents", p->amount);
    MSTR(j, "credit_debit", p->f[X12_RP_CREDIT_DEBIT]);
    MSTR(j, "method", p->f[X12_RP_METHOD]);
    MSTR(j, "format", p->f[X12_RP_FORMAT]);
    MSTR(j, "payment_date", p->f[X12_RP_PAYMENT_DATE]);
    MSTR(j, "trace_type", p->f[X12_RP_TRACE_TYPE]);
    MSTR(j, "trace_number", p->f[X12_RP_TRACE_NUMBER]);
    MSTR(j, "trace_originator", p->f[X12_RP_TRACE_ORIGINATOR]);
    MSTR(j, "trace_supplement", p->f[X12_RP_TRACE_SUPPLEMENT]);
    MSTR(j, "originator_id", p->f[X12_RP_ORIGINATOR_ID]);
    MSTR(j, "originator_supplement", p->f[X12_RP_ORIGINATOR_SUPPLEMENT]);
    MSTR(j, "currency_entity", p->f[X12_RP_CURRENCY_ENTITY]);
    MSTR(j, "currency", p->f[X12_RP_CURRENCY]);
    MSTR(j, "receiver_id", p->f[X12_RP_RECEIVER_ID]);
    MSTR(j, "version_id", p->f[X12_RP_VERSION_ID]);
    MSTR(j, "production_date", p->f[X12_RP_PRODUCTION_DATE]);
    at = OPEN(j, "bank", '{');
    MSTR(j, "sender_dfi_qualifier", p->f[X12_RP_SENDER_DFI_QUALIFIER]);
    MSTR(j, "sender_dfi", p->f[X12_RP_SENDER_DFI]);
    MSTR(j, "sender_account_qualifier", p->f[X12_RP_SENDER_ACCOUNT_QUALIFIER]);
    MSTR(j, "sender_account", p->f[X12_RP_SENDER_ACCOUNT]);
    MSTR(j, "receiver_dfi_qualifier", p->f[X12_RP_RECEIVER_DFI_QUALIFIER]);
    MSTR(j, "receiver_dfi", p->f[X12_RP_RECEIVER_DFI]);
    MSTR(j, "receiver_account_qualifier", p->f[X12_RP_RECEIVER_ACCOUNT_QUALIFIER]);
    MSTR(j, "receiver_account", p->f[X12_RP_RECEIVER_ACCOUNT]);
    CLOSE(j, at, "bank", '}');
    m_name(j, K("payer"), payer);
    m_name(j, K("payee"), payee);
    if (p->parties.n > (size_t)(payer != NULL) + (size_t)(payee != NULL)) {
        at = OPEN(j, "parties", '[');
        for (i = 0; i < p->parties.n; i++) {
            const x12_remit_name *n = &VAT(p->parties, x12_remit_name, i);

            if (n != payer && n != payee)
                w_name(j, n, 1);
        }
        CLOSE(j, at, "parties", ']');
    }
    if (p->refs.n > 0) {
        at = OPEN(j, "refs", '[');
        for (i = 0; i < p->refs.n; i++)
            if (promoted_ref(p, p->f[X12_RP_RECEIVER_ID], i) == NULL &&
                promoted_ref(p, p->f[X12_RP_VERSION_ID], i) == NULL)
                w_ref(j, &VAT(p->refs, x12_remit_ref, i));
        CLOSE(j, at, "refs", ']');
    }
    if (p->dates.n > 0) {
        at = OPEN(j, "dates", '[');
        for (i = 0; i < p->dates.n; i++) {
            const x12_remit_date *d = &VAT(p->dates, x12_remit_date, i);

            if (p->f[X12_RP_PRODUCTION_DATE].len == 0 ||
                d->date.ptr != p->f[X12_RP_PRODUCTION_DATE].ptr)
                w_date(j, d);
        }
        CLOSE(j, at, "dates", ']');
    }
    MU64(j, "segment_number", p->segno);
}

static void w_plb(x12_remit_json *j, const x12_remit_plb *b)
{
    size_t at = jopen(j, "", 0, '{');

    MSTR(j, "provider", b->provider);
    MSTR(j, "fiscal_period_date", b->date);
    MSTR(j, "reason", b->reason);
    if (describe(j))
        MCSTR(j, "reason_text", x12_remit_code_text(X12_CODESET_PLB_REASON, b->reason.ptr,
                                                    b->reason.len));
    MSTR(j, "reference", b->reference);
    MI64(j, "amount_cents", b->cents);
    jclose(j, at, 0, '}');
}

static void w_payment_end(x12_remit_json *j, const x12_remit_payment *p)
{
    size_t at, i;

    if (p->plb.n > 0) {
        at = OPEN(j, "provider_adjustments", '[');
        for (i = 0; i < p->plb.n; i++)
            w_plb(j, &VAT(p->plb, x12_remit_plb, i));
        CLOSE(j, at, "provider_adjustments", ']');
    }
    if (p->pairs.n > 0) {
        at = OPEN(j, "reversal_pairs", '[');
        for (i = 0; i < p->pairs.n; i++) {
            const x12i_pair *pr = &VAT(p->pairs, x12i_pair, i);
            size_t pat = jopen(j, "", 0, '{');

            MU64(j, "reversal", pr->reversal);
            MU64(j, "correction", pr->correction);
            jclose(j, pat, 0, '}');
        }
        CLOSE(j, at, "reversal_pairs", ']');
    }
    at = OPEN(j, "totals", '{');
    MU64(j, "claims", p->nclaims);
    MU64(j, "lines", p->nlines);
    MI64(j, "charge_cents", p->sum_charge);
    MI64(j, "paid_cents", p->sum_paid);
    MI64(j, "provider_adjustment_cents", p->sum_plb);
    CLOSE(j, at, "totals", '}');
    MTRUE(j, "balanced", p->balanced);
    w_issues(j, p->issues.items, p->issues.n, p->issues_dropped);
}

/* ---- JSON Lines framing -------------------------------------------------------------- */

static int lines(const x12_remit_json *j)
{
    return (j->flags & X12_REMIT_JSON_LINES) != 0;
}

static void m_file(x12_remit_json *j)
{
    if (j->file != NULL) {
        x12_str v = {j->file, j->file_len};

        MSTR(j, "file", v);
    }
}

/* "type":"...", the file, and for claim and end lines the payment's index
 * and trace number. */
static void line_start(x12_remit_json *j, const char *type, size_t tlen, size_t pay_index,
                       x12_str trace, int with_payment)
{
    putc1(j, '{');
    LIT(j, "\"type\":\"");
    put(j, type, tlen);
    LIT(j, "\",");
    m_file(j);
    if (with_payment) {
        MU64(j, "payment_index", pay_index);
        MSTR(j, "trace_number", trace);
    }
}

static void line_end(x12_remit_json *j)
{
    end_object(j);
    putc1(j, '\n');
}

static x12_status result(const x12_remit_json *j)
{
    return j->o.nomem ? X12_ENOMEM : X12_OK;
}

/* ---- public API ------------------------------------------------------------------------ */

x12_status x12_remit_json_new(const x12_allocator *alloc, unsigned flags, x12_remit_json **out)
{
    x12i_alloc a;
    x12_remit_json *j;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if ((flags & ~(unsigned)(X12_REMIT_JSON_LINES | X12_REMIT_JSON_DESCRIBE)) != 0)
        return X12_EINVAL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    j = x12i_malloc(&a, sizeof *j);
    if (j == NULL)
        return X12_ENOMEM;
    memset(j, 0, sizeof *j);
    j->o.a = a;
    j->flags = flags;
    *out = j;
    return X12_OK;
}

void x12_remit_json_free(x12_remit_json *j)
{
    x12i_alloc a;

    if (j == NULL)
        return;
    a = j->o.a;
    x12i_out_free(&j->o);
    x12i_free(&a, j->file);
    x12i_free(&a, j->trace);
    x12i_free(&a, j);
}

x12_status x12_remit_json_set_file(x12_remit_json *j, const char *name)
{
    char *copy = NULL;
    size_t n;

    if (j == NULL)
        return X12_EINVAL;
    n = name != NULL ? strlen(name) : 0;
    if (n > 0) {
        copy = x12i_malloc(&j->o.a, n);
        if (copy == NULL)
            return X12_ENOMEM;
        memcpy(copy, name, n);
    }
    x12i_free(&j->o.a, j->file);
    j->file = copy;
    j->file_len = n;
    return X12_OK;
}

x12_status x12_remit_json_payment(x12_remit_json *j, const x12_remit_payment *p)
{
    x12_str trace;

    if (j == NULL || p == NULL)
        return X12_EINVAL;
    if (j->o.nomem)
        return X12_ENOMEM;
    if (j->state == J_PAYMENT || j->state == J_DONE)
        return X12_ESTATE;
    trace = sv(p->f[X12_RP_TRACE_NUMBER]);
    if (lines(j)) {
        line_start(j, "payment", 7, 0, trace, 0);
        w_payment_header(j, p);
        line_end(j);
        /* Kept for an end line should the payment never end. */
        if (trace.len > j->trace_cap) {
            char *nb = x12i_realloc(&j->o.a, j->trace, trace.len);

            if (nb == NULL)
                return X12_ENOMEM;
            j->trace = nb;
            j->trace_cap = trace.len;
        }
        if (trace.len > 0)
            memcpy(j->trace, trace.ptr, trace.len);
        j->trace_len = trace.len;
        j->pay_index = p->index;
    } else {
        if (j->state == J_NONE)
            LIT(j, "{\"payments\":[\n");
        else
            LIT(j, ",\n");
        putc1(j, '{');
        m_file(j);
        w_payment_header(j, p);
    }
    j->state = J_PAYMENT;
    j->claims = 0;
    return result(j);
}

x12_status x12_remit_json_claim(x12_remit_json *j, const x12_remit_claim *c)
{
    if (j == NULL || c == NULL)
        return X12_EINVAL;
    if (j->o.nomem)
        return X12_ENOMEM;
    if (lines(j)) {
        const x12_remit_payment *p = c->payment;
        x12_str none = {"", 0};

        if (j->state == J_DONE)
            return X12_ESTATE;
        line_start(j, "claim", 5, p != NULL ? p->index : 0,
                   p != NULL ? sv(p->f[X12_RP_TRACE_NUMBER]) : none, p != NULL);
        w_claim_members(j, c);
        line_end(j);
    } else {
        if (j->state != J_PAYMENT)
            return X12_ESTATE;
        if (j->claims == 0)
            LIT(j, "\"claims\":[\n{");
        else
            LIT(j, ",\n{");
        w_claim_members(j, c);
        end_object(j);
    }
    j->claims++;
    return result(j);
}

x12_status x12_remit_json_payment_end(x12_remit_json *j, const x12_remit_payment *p)
{
    if (j == NULL || p == NULL)
        return X12_EINVAL;
    if (j->o.nomem)
        return X12_ENOMEM;
    if (lines(j)) {
        if (j->state == J_DONE)
            return X12_ESTATE;
        line_start(j, "payment_end", 11, p->index, sv(p->f[X12_RP_TRACE_NUMBER]), 1);
        w_payment_end(j, p);
        line_end(j);
    } else {
        if (j->state != J_PAYMENT)
            return X12_ESTATE;
        if (j->claims > 0)
            LIT(j, "\n],");
        w_payment_end(j, p);
        end_object(j);
    }
    j->state = J_OPEN;
    return result(j);
}

x12_status x12_remit_json_event(x12_remit_json *j, const x12_remit_stream *s,
                                x12_remit_event ev)
{
    if (j == NULL || s == NULL)
        return X12_EINVAL;
    switch (ev) {
    case X12_REMIT_EV_PAYMENT:
        return s->pay != NULL ? x12_remit_json_payment(j, s->pay) : X12_ESTATE;
    case X12_REMIT_EV_CLAIM:
        return s->shown != NULL ? x12_remit_json_claim(j, s->shown) : X12_ESTATE;
    case X12_REMIT_EV_PAYMENT_END:
        return s->pay != NULL ? x12_remit_json_payment_end(j, s->pay) : X12_ESTATE;
    }
    return X12_EINVAL;
}

x12_status x12_remit_json_doc(x12_remit_json *j, const x12_remit_doc *doc)
{
    size_t i, k;
    x12_status st = X12_OK;

    if (j == NULL || doc == NULL)
        return X12_EINVAL;
    for (i = 0; i < doc->payments.n && st == X12_OK; i++) {
        const x12_remit_payment *p = VAT(doc->payments, x12_remit_payment *, i);

        st = x12_remit_json_payment(j, p);
        for (k = 0; k < p->claims.n && st == X12_OK; k++)
            st = x12_remit_json_claim(j, VAT(p->claims, x12_remit_claim *, k));
        if (st == X12_OK)
            st = x12_remit_json_payment_end(j, p);
    }
    return st;
}

x12_status x12_remit_json_finish(x12_remit_json *j)
{
    if (j == NULL)
        return X12_EINVAL;
    if (j->o.nomem)
        return X12_ENOMEM;
    if (j->state == J_DONE)
        return X12_ESTATE;
    if (lines(j)) {
        if (j->state == J_PAYMENT) {
            /* The input stopped inside a payment: say so. */
            x12_str trace = {j->trace != NULL ? j->trace : "", j->trace_len};

            line_start(j, "payment_end", 11, j->pay_index, trace, 1);
            LIT(j, "\"incomplete\":true,");
            line_end(j);
        }
    } else {
        if (j->state == J_NONE)
            LIT(j, "{\"payments\":[");
        if (j->state == J_PAYMENT) {
            if (j->claims > 0)
                LIT(j, "\n],");
            LIT(j, "\"incomplete\":true}");
        }
        LIT(j, "\n]}\n");
    }
    j->state = J_DONE;
    return result(j);
}

const char *x12_remit_json_data(const x12_remit_json *j, size_t *len)
{
    if (len != NULL)
        *len = j != NULL ? j->o.len : 0;
    return j != NULL && j->o.buf != NULL ? j->o.buf : "";
}

void x12_remit_json_clear(x12_remit_json *j)
{
    if (j != NULL)
        j->o.len = 0;
}
