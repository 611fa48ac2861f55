/*
 * Encounters from JSON Lines: a header line, then one claim per line with
 * its parties (the format is described in claim837.h and
 * libx12-claim837(3); specs/encounter-jsonl.schema.json is its JSON
 * Schema).  The names are those of the encounter XML format, taken from the
 * same tables (encounter_map.c).
 *
 * Each line is tokenized by the strict JSON tokenizer (json.c), read into
 * a streaming batch and flushed: the claim is checked and written, then
 * forgotten.  Memory is bounded by the longest line (X12_BATCHOPT_MAX_LINE_BYTES)
 * and one claim, whatever the number of lines.  A line whose provider,
 * subscriber or patient is the one of the line before (every value equal)
 * shares its HL level.
 *
 * A bad line (not JSON, a key or value the format does not allow, too long,
 * nested too deep) is reported with its line and byte and skipped; reading
 * goes on so that every problem is listed, and nothing more is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "encounter_internal.h"
#include "json_internal.h"
#include "source.h"

/* The schema's "text" type: at most 256 characters. */
#define TEXT_MAX 256
/* Amounts: at most 15 digits before the point and 2 after, as in the
 * schema's "amount" type; cents the same in one integer. */
#define CENTS_MAX 99999999999999999LL

typedef struct jrd {
    x12_batch *b;
    const char *name;
    x12_writer *w;
    x12i_json js;
    uint64_t lineno;
    int header_done; /* the first line that is not blank has been read */
    x12_status fatal;
    int bad;   /* json-syntax or json-value problems */
    int limit; /* json-limit, max-claim */
    char path[200]; /* where in the line's object: "claim.lines[2]" */
    size_t plen;
    const char *key; /* the member being read, shown after the path */
    size_t keylen;
} jrd;

/* ---- problems ------------------------------------------------------------------- */

static void report(jrd *x, const char *rule, size_t byte, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#define NO_BYTE ((size_t)-1)

/* A problem of the input at `byte` (0-based) of the current line, or
 * NO_BYTE. */
static void report(jrd *x, const char *rule, size_t byte, const char *fmt, ...)
{
    char path[300], msg[X12I_MSG_MAX + 256], text[X12I_MSG_MAX];
    va_list ap;

    snprintf(path, sizeof path, "%s:%llu", x->name, (unsigned long long)x->lineno);
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (byte == NO_BYTE)
        snprintf(msg, sizeof msg, "%s", text);
    else if (x->key != NULL)
        snprintf(msg, sizeof msg, "byte %zu: %.*s%s%.*s: %s", byte + 1, (int)x->plen, x->path,
                 x->plen ? "." : "", (int)x->keylen, x->key, text);
    else if (x->plen)
        snprintf(msg, sizeof msg, "byte %zu: %.*s: %s", byte + 1, (int)x->plen, x->path, text);
    else
        snprintf(msg, sizeof msg, "byte %zu: %s", byte + 1, text);
    if (c8_edit_push(x->b, path, rule, NULL, NULL, 0, "%s", msg) == NULL && x->fatal == X12_OK)
        x->fatal = X12_ENOMEM;
    c8_stream_fail(x->b);
    if (strcmp(rule, "json-limit") == 0 || strcmp(rule, "max-claim") == 0)
        x->limit = 1;
    else if (strcmp(rule, "input") != 0 && strcmp(rule, "out-of-memory") != 0 &&
             strcmp(rule, "kind") != 0)
        x->bad = 1;
}

static void nomem(jrd *x)
{
    if (x->fatal == X12_OK)
        report(x, "out-of-memory", NO_BYTE, "out of memory reading the encounters");
    x->fatal = X12_ENOMEM;
}

/* Paths: ".name" or "[i]" appended (cut when the path is full); returns
 * the length to restore.  By hand: it runs for every object read. */
static size_t path_push(jrd *x, const char *name, size_t len, long index)
{
    size_t old = x->plen, room = sizeof x->path - 1 - x->plen;
    char num[24];
    size_t k = sizeof num;

    if (name != NULL) {
        if (len + 1 > room)
            return old;
        if (x->plen)
            x->path[x->plen++] = '.';
        memcpy(x->path + x->plen, name, len);
        x->plen += len;
    } else {
        unsigned long v = (unsigned long)index;
        num[--k] = ']';
        do {
            num[--k] = (char)('0' + v % 10);
            v /= 10;
        } while (v > 0);
        num[--k] = '[';
        if (sizeof num - k > room)
            return old;
        memcpy(x->path + x->plen, num + k, sizeof num - k);
        x->plen += sizeof num - k;
    }
    x->path[x->plen] = '\0';
    return old;
}

static void path_pop(jrd *x, size_t old)
{
    x->plen = old;
    x->path[old] = '\0';
}

/* A key as it may be shown: the format's names are short words of
 * [a-z0-9_]; anything else may be data and is described, not quoted. */
static void key_text(char *buf, size_t size, const char *k, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '_'))
            break;
    if (i == len && len > 0 && len <= 40)
        snprintf(buf, size, "\"%.*s\"", (int)len, k);
    else
        snprintf(buf, size, "a key of %zu bytes", len);
}

static const char *type_name(uint8_t t)
{
    switch (t) {
    case XJ_OBJECT: return "an object";
    case XJ_ARRAY: return "an array";
    case XJ_STRING: return "a string";
    case XJ_NUMBER: return "a number";
    case XJ_TRUE:
    case XJ_FALSE: return "a boolean";
    default: return "null";
    }
}

/* ---- values ------------------------------------------------------------------------ */

static size_t utf8_chars(const char *p, size_t n)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++)
        c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

/* Decimal text as the schema's amount type allows it: -?[0-9]{1,15}(.[0-9]{1,2})? */
static int amount_text(const char *p, size_t n)
{
    size_t i = 0, d = 0, f = 0;

    if (i < n && p[i] == '-')
        i++;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++, d++;
    if (d < 1 || d > 15)
        return 0;
    if (i < n && p[i] == '.') {
        i++;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++, f++;
        if (f < 1 || f > 2)
            return 0;
    }
    return i == n;
}

/* A check of one element e of an array given for attribute a: 0, or -1
 * after reporting. */
typedef int (*elem_check_fn)(jrd *x, const enc_attr *a, const x12i_jtok *e);

/* Array token ti as the value of attribute a: each element through check,
 * -1 at the first it refuses; else 0 with v naming the array (p NULL, n
 * the token), read element by element when the record is built. */
static int read_array(jrd *x, const enc_attr *a, uint32_t ti, elem_check_fn check, enc_val *v)
{
    uint32_t k;

    for (k = ti + 1; k < x->js.t[ti].next; k = x->js.t[k].next)
        if (check(x, a, &x->js.t[k]) != 0)
            return -1;
    v->p = NULL;
    v->n = (int64_t)ti;
    return 0;
}

/* An element of a texts array (ET_LINES): a string that is one K3 text,
 * without a newline and at most TEXT_MAX characters. */
static int check_line(jrd *x, const enc_attr *a, const x12i_jtok *e)
{
    const char *es = x12i_json_str(&x->js, e);

    (void)a;
    if (e->type != XJ_STRING) {
        report(x, "json-value", e->off, "must hold strings, not %s", type_name(e->type));
        return -1;
    }
    if (memchr(es, '\n', e->len) != NULL) {
        report(x, "json-value", e->off, "must hold texts without a newline (each is one K3)");
        return -1;
    }
    if (e->len > TEXT_MAX && utf8_chars(es, e->len) > TEXT_MAX) {
        report(x, "json-value", e->off, "is longer than %d characters", TEXT_MAX);
        return -1;
    }
    return 0;
}

/* An element of a codes array (ET_CODES: a string) or of a diagnosis
 * pointers array (ET_POINTERS: a whole number from 1 to 255). */
static int check_code(jrd *x, const enc_attr *a, const x12i_jtok *e)
{
    int64_t n;

    if (a->type == ET_CODES && e->type != XJ_STRING) {
        report(x, "json-value", e->off, "must hold strings, not %s", type_name(e->type));
        return -1;
    }
    if (a->type == ET_POINTERS && (x12i_json_int(&x->js, e, &n) != 0 || n < 1 || n > 255)) {
        report(x, "json-value", e->off,
               "must hold whole numbers from 1 to 255 (diagnosis pointers)");
        return -1;
    }
    return 0;
}

/* A token's value for attribute a into v; 0, or -1 after reporting. */
static int read_value(jrd *x, const enc_attr *a, uint32_t ti, int cents_form, enc_val *v)
{
    const x12i_jtok *t = &x->js.t[ti];
    const char *s = x12i_json_str(&x->js, t);
    char list[160];

    if (cents_form) {
        if (t->type != XJ_NUMBER || x12i_json_int(&x->js, t, &v->n) != 0 || v->n > CENTS_MAX ||
            v->n < -CENTS_MAX) {
            report(x, "json-value", t->off,
                   "must be an integer number of cents (at most 17 digits), not %s",
                   t->type == XJ_NUMBER ? "a number with a fraction or exponent, or that large"
                                        : type_name(t->type));
            return -1;
        }
        return 0;
    }
    switch (a->type) {
    case ET_TEXT:
        if (t->type != XJ_STRING) {
            report(x, "json-value", t->off, "must be a string, not %s", type_name(t->type));
            return -1;
        }
        if (t->len > TEXT_MAX && utf8_chars(s, t->len) > TEXT_MAX) {
            report(x, "json-value", t->off, "is longer than %d characters", TEXT_MAX);
            return -1;
        }
        v->p = s;
        v->len = t->len;
        return 0;
    case ET_AMOUNT:
        if (t->type == XJ_NUMBER) {
            report(x, "json-value", t->off,
                   "an amount is decimal text in a string (\"185.00\"), or integer cents under "
                   "the name %s_cents; never a JSON number",
                   a->name);
            return -1;
        }
        if (t->type != XJ_STRING || !amount_text(s, t->len) ||
            x12_cents_parse(s, t->len, &v->n) != X12_OK) {
            report(x, "json-value", t->off,
                   "is not an amount (a string of digits with at most 2 decimals, such as "
                   "\"185.00\")");
            return -1;
        }
        v->p = s;
        v->len = t->len;
        return 0;
    case ET_UINT:
        if (t->type == XJ_TRUE || t->type == XJ_FALSE) {
            v->n = t->type == XJ_TRUE;
            return 0;
        }
        if (t->type == XJ_NUMBER && x12i_json_int(&x->js, t, &v->n) == 0 && v->n >= 0)
            return 0;
        if (t->type == XJ_STRING && t->len > 0 && t->len <= 18) {
            size_t i;
            v->n = 0;
            for (i = 0; i < t->len && s[i] >= '0' && s[i] <= '9'; i++)
                v->n = v->n * 10 + (s[i] - '0');
            if (i == t->len)
                return 0;
        }
        report(x, "json-value", t->off, "must be a whole number not below 0");
        return -1;
    case ET_ENUM:
    case ET_ENTITY:
        if (t->type == XJ_STRING && (v->n = enc_enum_value(a, s, t->len)) != 0) {
            v->p = s;
            v->len = t->len;
            return 0;
        }
        enc_enum_list(a, list, sizeof list);
        report(x, "json-value", t->off, "must be one of %s", list);
        return -1;
    case ET_CHAR:
        if (t->type == XJ_STRING && utf8_chars(s, t->len) == 1) {
            v->p = s;
            v->len = t->len;
            return 0;
        }
        report(x, "json-value", t->off, "must be a string of one character");
        return -1;
    case ET_LINES:
        /* "first\nsecond", or ["first", "second"]: each text at most
         * TEXT_MAX characters; an array's texts hold no newline */
        if (t->type == XJ_STRING) {
            size_t at = 0, k;
            for (; at <= t->len; at = k + 1) {
                for (k = at; k < t->len && s[k] != '\n'; k++)
                    ;
                if (k - at > TEXT_MAX && utf8_chars(s + at, k - at) > TEXT_MAX) {
                    report(x, "json-value", t->off, "holds a text longer than %d characters",
                           TEXT_MAX);
                    return -1;
                }
            }
            v->p = s;
            v->len = t->len;
            return 0;
        }
        if (t->type == XJ_ARRAY)
            return read_array(x, a, ti, check_line, v);
        report(x, "json-value", t->off, "must be a string or an array of strings, not %s",
               type_name(t->type));
        return -1;
    case ET_CODES:
    case ET_POINTERS:
        if (t->type == XJ_STRING) {
            v->p = s;
            v->len = t->len;
            return 0;
        }
        if (t->type == XJ_ARRAY)
            return read_array(x, a, ti, check_code, v);
        report(x, "json-value", t->off, "must be an array or a string, not %s",
               type_name(t->type));
        return -1;
    default:
        return 0;
    }
}

/*
 * Reads the members of object token `o` as a record of kind k.  Members
 * named in `children` (NULL-terminated) are not values: their token index
 * goes to kids[i] (0 when absent; a null value counts as absent).  An
 * unknown or repeated key, a value of the wrong type or a missing required
 * one is reported; returns -1 then.
 */
static int collect(jrd *x, uint32_t o, enc_kind k, enc_rec *r, const char *const *children,
                   uint32_t *kids)
{
    const x12i_jtok *ot = &x->js.t[o];
    size_t na, c;
    const enc_attr *t = enc_attrs(k, &na);
    unsigned char seen[ENC_MAX_ATTRS];
    uint32_t i;
    int rc = 0;
    char kt[64];

    enc_rec_init(r, k);
    memset(seen, 0, na);
    for (c = 0; children != NULL && children[c] != NULL; c++)
        kids[c] = 0;
    if (ot->type != XJ_OBJECT) {
        report(x, "json-value", ot->off, "must be an object, not %s", type_name(ot->type));
        return -1;
    }
    for (i = o + 1; i < ot->next; i = x->js.t[i + 1].next) {
        const x12i_jtok *key = &x->js.t[i], *val = &x->js.t[i + 1];
        const char *ks = x12i_json_str(&x->js, key);
        int idx, cents = 0, found = 0;

        for (c = 0; children != NULL && children[c] != NULL; c++)
            if (children[c][0] == ks[0] && strncmp(children[c], ks, key->len) == 0 &&
                children[c][key->len] == '\0') {
                if (kids[c] != 0) {
                    key_text(kt, sizeof kt, ks, key->len);
                    report(x, "json-value", key->off, "key %s appears twice", kt);
                    rc = -1;
                } else if (val->type != XJ_NULL) {
                    kids[c] = i + 1;
                }
                found = 1;
                break;
            }
        if (found)
            continue;
        idx = enc_attr_index(k, ks, key->len);
        if (idx < 0 && key->len > 6 && memcmp(ks + key->len - 6, "_cents", 6) == 0 &&
            (idx = enc_attr_index(k, ks, key->len - 6)) >= 0) {
            if (t[idx].type == ET_AMOUNT)
                cents = 1;
            else
                idx = -1;
        }
        if (idx < 0) {
            key_text(kt, sizeof kt, ks, key->len);
            report(x, "json-value", key->off, "unknown key %s", kt);
            rc = -1;
            continue;
        }
        if (seen[idx]) {
            if (t[idx].type == ET_AMOUNT)
                report(x, "json-value", key->off,
                       "give \"%s\" or \"%s_cents\", once", t[idx].name, t[idx].name);
            else
                report(x, "json-value", key->off, "key \"%s\" appears twice", t[idx].name);
            rc = -1;
            continue;
        }
        seen[idx] = 1;
        if (val->type == XJ_NULL)
            continue;
        x->key = ks;
        x->keylen = key->len;
        if (read_value(x, &t[idx], i + 1, cents, &r->v[idx]) == 0)
            r->v[idx].set = 1;
        else
            rc = -1;
        x->key = NULL;
    }
    for (c = 0; c < na; c++)
        if (t[c].required && !r->v[c].set) { /* (null is not given) */
            report(x, "json-value", ot->off, "\"%s\" is required", t[c].name);
            rc = -1;
        }
    return rc;
}

/* The value at token ti must be an array. */
static int want_array(jrd *x, uint32_t ti)
{
    if (x->js.t[ti].type != XJ_ARRAY) {
        report(x, "json-value", x->js.t[ti].off, "must be an array, not %s",
               type_name(x->js.t[ti].type));
        return -1;
    }
    return 0;
}

/* ---- the model --------------------------------------------------------------------- */

static int model(jrd *x, x12_status st)
{
    if (st == X12_OK)
        return 0;
    if (st == X12_ENOMEM)
        nomem(x);
    else if (x->fatal == X12_OK)
        x->fatal = st;
    return -1;
}

/* The offset of the value of member `name` of object token o (or of o). */
static size_t value_off(const jrd *x, uint32_t o, const char *name)
{
    const x12i_jtok *ot = &x->js.t[o];
    uint32_t i;
    size_t n = strlen(name);

    for (i = o + 1; ot->type == XJ_OBJECT && i < ot->next; i = x->js.t[i + 1].next)
        if (x->js.t[i].len == n && memcmp(x12i_json_str(&x->js, &x->js.t[i]), name, n) == 0)
            return x->js.t[i + 1].off;
    return ot->off;
}

/* Puts record r, read from object token o, into the model. */
static int apply(jrd *x, const enc_rec *r, void *obj, x12_party *party, uint32_t o)
{
    int bad;
    x12_status st;

    if (obj == NULL && party == NULL)
        return model(x, X12_ENOMEM);
    st = enc_apply(x->b, r, obj, party, &bad);
    if (st == X12_EINVAL && bad >= 0) {
        size_t n;
        x->key = enc_attrs(r->kind, &n)[bad].name;
        x->keylen = strlen(x->key);
        report(x, "json-value", value_off(x, o, x->key), "is out of range");
        x->key = NULL;
        return -1;
    }
    return model(x, st);
}

/* File information given as an array of strings: joined by "\n" into the
 * claim's (l NULL) or the line's field. */
static int file_info(jrd *x, const enc_val *v, x12_claim *c, x12_service_line *l)
{
    const x12i_jtok *a;
    uint32_t k;
    char *buf = NULL;
    void *q = NULL;
    size_t cap = 0, len = 0;
    x12_status st;

    if (v == NULL || v->p != NULL)
        return 0; /* absent, or a string (set with the other values) */
    a = &x->js.t[v->n];
    for (k = (uint32_t)v->n + 1; k < a->next; k = x->js.t[k].next) {
        const x12i_jtok *e = &x->js.t[k];
        q = buf;
        if (x12i_grow(&x->b->a, &q, &cap, len + 1 + e->len, 1) != 0) {
            x12i_free(&x->b->a, buf);
            return model(x, X12_ENOMEM);
        }
        buf = q;
        if (k > (uint32_t)v->n + 1)
            buf[len++] = '\n';
        memcpy(buf + len, x12i_json_str(&x->js, e), e->len);
        len += e->len;
    }
    st = l != NULL ? x12_line_set(l, X12_LINE_FILE_INFORMATION, buf ? buf : "", len)
                   : x12_claim_set(c, X12_CLAIM_FILE_INFORMATION, buf ? buf : "", len);
    x12i_free(&x->b->a, buf);
    return model(x, st);
}

/* Modifiers of a line (la NULL) or an adjudication, from a string or an
 * array of strings. */
static int modifiers(jrd *x, const enc_val *v, x12_service_line *l, x12_line_adjudication *la)
{
    uint32_t k;
    const x12i_jtok *a;

    if (v == NULL)
        return 0;
    if (v->p != NULL)
        return model(x, enc_add_modifiers(l, la, v->p, v->len));
    a = &x->js.t[v->n];
    for (k = (uint32_t)v->n + 1; k < a->next; k = x->js.t[k].next) {
        const x12i_jtok *e = &x->js.t[k];
        x12_status st = l != NULL
                            ? x12_line_add_modifier(l, x12i_json_str(&x->js, e), e->len)
                            : x12_line_adjudication_add_modifier(la, x12i_json_str(&x->js, e),
                                                                 e->len);
        if (model(x, st) != 0)
            return -1;
    }
    return 0;
}

static int pointers(jrd *x, const enc_val *v, x12_service_line *l)
{
    uint32_t k;
    const x12i_jtok *a;

    if (v == NULL)
        return 0;
    if (v->p != NULL) {
        /* "1 2": the XML form */
        size_t i = 0;
        while (i < v->len) {
            unsigned p = 0;
            int any = 0;
            while (i < v->len && (v->p[i] == ' ' || v->p[i] == '\t'))
                i++;
            while (i < v->len && v->p[i] >= '0' && v->p[i] <= '9') {
                if (p < 100000)
                    p = p * 10 + (unsigned)(v->p[i] - '0');
                i++;
                any = 1;
            }
            if (i < v->len && v->p[i] != ' ' && v->p[i] != '\t') {
                report(x, "json-value", 0, "pointers must be whole numbers separated by spaces");
                return -1;
            }
            if (any && model(x, x12_line_add_pointer(l, p)) != 0)
                return -1;
        }
        return 0;
    }
    a = &x->js.t[v->n];
    for (k = (uint32_t)v->n + 1; k < a->next; k = x->js.t[k].next) {
        int64_t n = 0;
        x12i_json_int(&x->js, &x->js.t[k], &n);
        if (model(x, x12_line_add_pointer(l, (unsigned)n)) != 0)
            return -1;
    }
    return 0;
}

/* Each element of the array at token ai (an object of kind k) through fn. */
typedef int (*elem_fn)(jrd *x, uint32_t o, void *parent);

static int each(jrd *x, uint32_t ai, const char *name, elem_fn fn, void *parent)
{
    const x12i_jtok *a;
    uint32_t k;
    long n = 0;
    size_t old;
    int rc = 0;

    if (ai == 0)
        return 0;
    old = path_push(x, name, strlen(name), 0);
    if (want_array(x, ai) != 0) {
        path_pop(x, old);
        return -1;
    }
    a = &x->js.t[ai];
    for (k = ai + 1; k < a->next && x->fatal == X12_OK; k = x->js.t[k].next) {
        size_t o2 = path_push(x, NULL, 0, ++n);
        if (fn(x, k, parent) != 0)
            rc = -1;
        path_pop(x, o2);
    }
    path_pop(x, old);
    return rc;
}

static int adjustment(jrd *x, uint32_t o, void *parent, int of_op)
{
    enc_rec r;

    if (collect(x, o, EK_ADJUSTMENT, &r, NULL, NULL) != 0)
        return -1;
    return model(x, enc_add_adjustment(of_op ? parent : NULL, of_op ? NULL : parent, &r));
}

static int op_adjustment(jrd *x, uint32_t o, void *parent)
{
    return adjustment(x, o, parent, 1);
}

static int la_adjustment(jrd *x, uint32_t o, void *parent)
{
    return adjustment(x, o, parent, 0);
}

static int diagnosis(jrd *x, uint32_t o, void *c)
{
    enc_rec r;

    if (collect(x, o, EK_DIAGNOSIS, &r, NULL, NULL) != 0)
        return -1;
    return model(x, enc_add_diagnosis(c, &r));
}

static int code(jrd *x, uint32_t o, void *c)
{
    enc_rec r;

    if (collect(x, o, EK_CODE, &r, NULL, NULL) != 0)
        return -1;
    return model(x, enc_add_code(c, &r));
}

static int claim_provider(jrd *x, uint32_t o, void *c)
{
    enc_rec r;

    if (collect(x, o, EK_CLAIM_PROVIDER, &r, NULL, NULL) != 0)
        return -1;
    return apply(x, &r, NULL, x12_claim_provider(c, (x12_claim_role)enc_get(&r, "role")->n),
                 o);
}

static int line_provider(jrd *x, uint32_t o, void *l)
{
    enc_rec r;

    if (collect(x, o, EK_LINE_PROVIDER, &r, NULL, NULL) != 0)
        return -1;
    return apply(x, &r, NULL, x12_line_provider(l, (x12_claim_role)enc_get(&r, "role")->n),
                 o);
}

static int attachment(jrd *x, uint32_t o, int line, void *parent)
{
    enc_rec r;
    x12_attachment *a;

    if (collect(x, o, EK_ATTACHMENT, &r, NULL, NULL) != 0)
        return -1;
    if (model(x, line ? x12_line_add_attachment(parent, &a)
                       : x12_claim_add_attachment(parent, &a)) != 0)
        return -1;
    return apply(x, &r, a, NULL, o);
}

static int claim_attachment(jrd *x, uint32_t o, void *c)
{
    return attachment(x, o, 0, c);
}

static int line_attachment(jrd *x, uint32_t o, void *l)
{
    return attachment(x, o, 1, l);
}

static int op_provider(jrd *x, uint32_t o, void *op)
{
    enc_rec r;

    if (collect(x, o, EK_OP_PROVIDER, &r, NULL, NULL) != 0)
        return -1;
    return apply(x, &r, NULL,
                 x12_other_payer_provider(op, (x12_claim_role)enc_get(&r, "role")->n), o);
}

static const char *const op_children[] = {"subscriber", "payer", "adjustments", "providers",
                                          NULL};

static int other_payer(jrd *x, uint32_t o, void *c)
{
    enc_rec r, p;
    uint32_t kids[4];
    x12_other_payer *op;
    size_t old;
    int rc = 0;

    if (collect(x, o, EK_OTHER_PAYER, &r, op_children, kids) != 0)
        return -1;
    if (kids[0] == 0 || kids[1] == 0) {
        report(x, "json-value", x->js.t[o].off, "\"%s\" is required",
               kids[0] == 0 ? "subscriber" : "payer");
        return -1;
    }
    if (model(x, x12_claim_add_other_payer(c, &op)) != 0 ||
        apply(x, &r, op, NULL, o) != 0)
        return -1;
    old = path_push(x, "subscriber", 10, 0);
    if (collect(x, kids[0], EK_OP_SUBSCRIBER, &p, NULL, NULL) != 0 ||
        apply(x, &p, NULL, x12_other_payer_subscriber(op), kids[0]) != 0)
        rc = -1;
    path_pop(x, old);
    old = path_push(x, "payer", 5, 0);
    if (collect(x, kids[1], EK_OP_PAYER, &p, NULL, NULL) != 0 ||
        apply(x, &p, NULL, x12_other_payer_payer(op), kids[1]) != 0)
        rc = -1;
    path_pop(x, old);
    if (each(x, kids[2], "adjustments", op_adjustment, op) != 0)
        rc = -1;
    if (each(x, kids[3], "providers", op_provider, op) != 0)
        rc = -1;
    return rc;
}

static const char *const la_children[] = {"adjustments", NULL};

static int adjudication(jrd *x, uint32_t o, void *l)
{
    enc_rec r;
    uint32_t kids[1];
    x12_line_adjudication *la;

    if (collect(x, o, EK_ADJUDICATION, &r, la_children, kids) != 0)
        return -1;
    if (model(x, x12_line_add_adjudication(l, &la)) != 0 ||
        apply(x, &r, la, NULL, o) != 0 ||
        modifiers(x, enc_get(&r, "modifiers"), NULL, la) != 0)
        return -1;
    return each(x, kids[0], "adjustments", la_adjustment, la);
}

static const char *const line_children[] = {"providers", "adjudications", "attachments", NULL};

static int line(jrd *x, uint32_t o, void *c)
{
    enc_rec r;
    uint32_t kids[3];
    x12_service_line *l;
    int rc = 0;

    if (collect(x, o, EK_LINE, &r, line_children, kids) != 0)
        return -1;
    if (model(x, x12_claim_add_line(c, &l)) != 0 || apply(x, &r, l, NULL, o) != 0 ||
        file_info(x, enc_get(&r, "file_information"), NULL, l) != 0 ||
        modifiers(x, enc_get(&r, "modifiers"), l, NULL) != 0 ||
        pointers(x, enc_get(&r, "pointers"), l) != 0)
        return -1;
    if (each(x, kids[0], "providers", line_provider, l) != 0)
        rc = -1;
    if (each(x, kids[1], "adjudications", adjudication, l) != 0)
        rc = -1;
    if (each(x, kids[2], "attachments", line_attachment, l) != 0)
        rc = -1;
    return rc;
}

static const char *const claim_children[] = {"diagnoses", "codes", "providers", "other_payers",
                                             "lines", "attachments", NULL};

static int claim(jrd *x, uint32_t o, x12_claim *c)
{
    enc_rec r;
    uint32_t kids[6];
    int rc = 0;

    if (collect(x, o, EK_CLAIM, &r, claim_children, kids) != 0)
        return -1;
    if (apply(x, &r, c, NULL, o) != 0 ||
        file_info(x, enc_get(&r, "file_information"), c, NULL) != 0)
        return -1;
    if (each(x, kids[0], "diagnoses", diagnosis, c) != 0)
        rc = -1;
    if (each(x, kids[1], "codes", code, c) != 0)
        rc = -1;
    if (each(x, kids[2], "providers", claim_provider, c) != 0)
        rc = -1;
    if (each(x, kids[3], "other_payers", other_payer, c) != 0)
        rc = -1;
    if (each(x, kids[4], "lines", line, c) != 0)
        rc = -1;
    if (each(x, kids[5], "attachments", claim_attachment, c) != 0)
        rc = -1;
    return rc;
}

/* ---- lines ----------------------------------------------------------------------------- */

static void on_kind(jrd *x, const enc_val *k, uint32_t at)
{
    x12_claim_kind want;

    if (k == NULL)
        return;
    want = (x12_claim_kind)k->n;
    if (want == x12_batch_kind(x->b))
        return;
    if (x12_batch_get_option(x->b, X12_BATCHOPT_KIND_FROM_INPUT)) {
        x12_batch_set_kind(x->b, want);
        return;
    }
    report(x, "kind", at, "the header says %s; %s claims were asked for",
           want == X12_CLAIM_837I ? "837I" : "837P",
           x12_batch_kind(x->b) == X12_CLAIM_837I ? "837I" : "837P");
    x->fatal = X12_EINVAL;
}

/* The member `name` of the line's object, or 0. */
static uint32_t member(const jrd *x, const char *name)
{
    const x12i_jtok *ot = &x->js.t[0];
    uint32_t i;
    size_t n = strlen(name);

    for (i = 1; i < ot->next; i = x->js.t[i + 1].next)
        if (x->js.t[i].len == n && memcmp(x12i_json_str(&x->js, &x->js.t[i]), name, n) == 0)
            return i + 1;
    return 0;
}

static const char *const header_children[] = {"interchange", "submitter", "receiver", NULL};

static void header(jrd *x)
{
    enc_rec r, p;
    uint32_t kids[3];
    size_t i, old;
    static const enc_kind kinds[3] = {EK_INTERCHANGE, EK_SUBMITTER, EK_RECEIVER};

    if (collect(x, 0, EK_ROOT, &r, header_children, kids) == 0)
        on_kind(x, enc_get(&r, "kind"), member(x, "kind") ? x->js.t[member(x, "kind")].off : 0);
    for (i = 0; i < 3 && x->fatal == X12_OK; i++) {
        if (kids[i] == 0) {
            report(x, "json-value", 0, "the header line needs \"%s\"", header_children[i]);
            continue;
        }
        old = path_push(x, header_children[i], strlen(header_children[i]), 0);
        if (collect(x, kids[i], kinds[i], &p, NULL, NULL) == 0)
            apply(x, &p, i == 0 ? (void *)x->b : NULL,
                  i == 1 ? x12_batch_submitter(x->b) : i == 2 ? x12_batch_receiver(x->b) : NULL,
                  kids[i]);
        path_pop(x, old);
    }
}

static const char *const line_keys[] = {"provider", "subscriber", "patient", "claim", NULL};
static const char *const provider_children[] = {"pay_to", "pay_to_plan", NULL};
static const char *const subscriber_children[] = {"payer", NULL};

/* The parties of a claim line, read and checked before anything is added. */
typedef struct parties {
    enc_rec prov, payto, plan, sub, payer, pat;
    int has_payto, has_plan, has_pat;
    uint32_t claim;
} parties;

static int read_parties(jrd *x, parties *pp)
{
    uint32_t kids[4], k1[2];
    size_t old;
    int rc = 0;

    memset(pp, 0, sizeof *pp);
    if (collect(x, 0, EK_NONE, &pp->prov, line_keys, kids) != 0)
        rc = -1;
    if (kids[0] == 0 || kids[1] == 0 || kids[3] == 0) {
        report(x, "json-value", 0, "a claim line needs \"provider\", \"subscriber\" and "
                                   "\"claim\" (the header is the first line only)");
        return -1;
    }
    pp->claim = kids[3];
    old = path_push(x, "provider", 8, 0);
    if (collect(x, kids[0], EK_PROVIDER, &pp->prov, provider_children, k1) != 0)
        rc = -1;
    else if (k1[0] != 0) {
        size_t o2 = path_push(x, "pay_to", 6, 0);
        pp->has_payto = 1;
        if (collect(x, k1[0], EK_PAY_TO, &pp->payto, NULL, NULL) != 0)
            rc = -1;
        path_pop(x, o2);
    }
    if (!pp->has_payto)
        enc_rec_init(&pp->payto, EK_PAY_TO);
    if (rc == 0 && k1[1] != 0) {
        size_t o2 = path_push(x, "pay_to_plan", 11, 0);
        pp->has_plan = 1;
        if (collect(x, k1[1], EK_PAY_TO_PLAN, &pp->plan, NULL, NULL) != 0)
            rc = -1;
        path_pop(x, o2);
    }
    if (!pp->has_plan)
        enc_rec_init(&pp->plan, EK_PAY_TO_PLAN);
    path_pop(x, old);
    old = path_push(x, "subscriber", 10, 0);
    if (collect(x, kids[1], EK_SUBSCRIBER, &pp->sub, subscriber_children, k1) != 0) {
        rc = -1;
    } else if (k1[0] == 0) {
        report(x, "json-value", x->js.t[kids[1]].off, "\"payer\" is required");
        rc = -1;
    } else {
        size_t o2 = path_push(x, "payer", 5, 0);
        if (collect(x, k1[0], EK_PAYER, &pp->payer, NULL, NULL) != 0)
            rc = -1;
        path_pop(x, o2);
    }
    path_pop(x, old);
    if (kids[2] != 0) {
        old = path_push(x, "patient", 7, 0);
        pp->has_pat = 1;
        if (collect(x, kids[2], EK_PATIENT, &pp->pat, NULL, NULL) != 0)
            rc = -1;
        path_pop(x, old);
    }
    return rc;
}

static void claim_line(jrd *x)
{
    parties pp;
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_patient *pt = NULL;
    x12_claim *c;
    uint64_t max;
    x12_status st;
    int same;

    if (read_parties(x, &pp) != 0) {
        c8_stream_skip_claim(x->b);
        return;
    }
    /* the levels: the line before's when every value is the same */
    bp = x->b->bp_last;
    same = bp != NULL && enc_same(&pp.prov, NULL, x12_billing_provider_party(bp)) &&
           enc_same(&pp.payto, NULL, x12_billing_provider_pay_to(bp)) &&
           enc_same(&pp.plan, NULL, x12_billing_provider_pay_to_plan(bp));
    if (!same) {
        if (model(x, x12_batch_add_provider(x->b, &bp)) != 0 ||
            apply(x, &pp.prov, NULL, x12_billing_provider_party(bp), 0) != 0 ||
            apply(x, &pp.payto, NULL, x12_billing_provider_pay_to(bp), 0) != 0 ||
            apply(x, &pp.plan, NULL, x12_billing_provider_pay_to_plan(bp), 0) != 0)
            return;
    }
    s = same ? bp->s_last : NULL;
    same = s != NULL && enc_same(&pp.sub, s, x12_subscriber_party(s)) &&
           enc_same(&pp.payer, NULL, x12_subscriber_payer(s));
    if (!same) {
        if (model(x, x12_billing_provider_add_subscriber(bp, &s)) != 0 ||
            apply(x, &pp.sub, s, x12_subscriber_party(s), 0) != 0 ||
            apply(x, &pp.payer, NULL, x12_subscriber_payer(s), 0) != 0)
            return;
    }
    if (pp.has_pat) {
        pt = same ? s->p_last : NULL;
        if (pt == NULL || !enc_same(&pp.pat, pt, x12_patient_party(pt))) {
            if (model(x, x12_subscriber_add_patient(s, &pt)) != 0 ||
                apply(x, &pp.pat, pt, x12_patient_party(pt), 0) != 0)
                return;
        }
        st = x12_patient_add_claim(pt, &c);
    } else {
        st = x12_subscriber_add_claim(s, &c);
    }
    if (model(x, st) != 0)
        return;
    {
        size_t old = path_push(x, "claim", 5, 0);
        int rc = claim(x, pp.claim, c);
        path_pop(x, old);
        if (rc != 0 || x->fatal != X12_OK) {
            c8_stream_drop(x->b);
            return;
        }
    }
    max = x12_batch_get_option(x->b, X12_BATCHOPT_MAX_CLAIM_BYTES);
    if (max != 0 && c8_arena_used(x->b, C8L_CLAIM) > max) {
        report(x, "max-claim", 0, "the claim takes more than %llu bytes (the configured limit)",
               (unsigned long long)max);
        c8_stream_drop(x->b);
        return;
    }
    st = x12_batch_stream_flush(x->b);
    if (st != X12_OK && st != X12_EEDIT && x->fatal == X12_OK)
        x->fatal = st;
}

static int blank(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return 0;
    return 1;
}

/* The stream begins with the first line (the header), even a bad one, so
 * that the claims are still checked (nothing is written then). */
static void begin(jrd *x, int failed)
{
    x12_status st;

    x->header_done = 1;
    st = x12_batch_stream_begin(x->b, x->w);
    if (st == X12_ENOMEM)
        nomem(x);
    else if (st != X12_OK && st != X12_EEDIT && x->fatal == X12_OK)
        x->fatal = st;
    if (failed)
        c8_stream_fail(x->b);
}

static void one_line(jrd *x, const char *p, size_t n)
{
    int rc;

    x->plen = 0;
    x->path[0] = '\0';
    if (blank(p, n))
        return;
    rc = x12i_json_parse(&x->js, p, n);
    if (rc == -2) {
        nomem(x);
        return;
    }
    if (rc == 0 && x->js.t[0].type != XJ_OBJECT) {
        report(x, "json-value", 0, "a line must hold one JSON object, not %s",
               type_name(x->js.t[0].type));
        rc = 1;
    } else if (rc == -1) {
        report(x, x->js.err_limit ? "json-limit" : "json-syntax", x->js.err_off, "%s",
               x->js.err);
    }
    if (!x->header_done) {
        int is_header = rc == 0 && member(x, "claim") == 0 && member(x, "provider") == 0;
        if (rc == 0 && is_header)
            header(x);
        else if (rc == 0)
            report(x, "json-value", 0, "the first line must be the header: {\"kind\": ..., "
                                       "\"interchange\": ..., \"submitter\": ..., "
                                       "\"receiver\": ...}");
        if (x->fatal != X12_OK)
            return;
        begin(x, x->bad || x->limit);
        if (rc != 0 || is_header)
            return;
    } else if (rc != 0) {
        c8_stream_skip_claim(x->b);
        return;
    }
    claim_line(x);
}

/* ---- input ------------------------------------------------------------------------------ */

/* A line over the limit: reported and skipped; it counts as a claim (or
 * as the header when it is the first). */
static void too_long(jrd *x, size_t max)
{
    x->plen = 0;
    report(x, "json-limit", max, "the line is longer than %zu bytes (the configured limit)", max);
    if (!x->header_done)
        begin(x, 1);
    else
        c8_stream_skip_claim(x->b);
}

typedef struct lsrc {
    x12_read_fn rd; /* NULL: memory */
    void *user;
    const char *mem;
    size_t memlen, mempos;
    char *buf; /* [bpos, blen) not yet read */
    size_t bpos, blen, bcap;
    int eof;
} lsrc;

#define CHUNK 65536

/*
 * Reads lines into x.  A line longer than the limit is reported and
 * skipped without being held.
 */
static void run(jrd *x, lsrc *in)
{
    size_t max = (size_t)x12_batch_get_option(x->b, X12_BATCHOPT_MAX_LINE_BYTES);
    int skipping = 0, first = 1;

    for (;;) {
        const char *p, *nl;
        size_t n, avail;

        if (x->fatal != X12_OK)
            return;
        if (in->rd == NULL) {
            p = in->mem + in->mempos;
            avail = in->memlen - in->mempos;
            if (avail == 0)
                return;
            nl = memchr(p, '\n', avail);
            n = nl != NULL ? (size_t)(nl - p) : avail;
            in->mempos += n + (nl != NULL);
        } else {
            /* (no buffer before the first read) */
            p = in->buf != NULL ? in->buf + in->bpos : "";
            avail = in->blen - in->bpos;
            nl = avail ? memchr(p, '\n', avail) : NULL;
            if (nl == NULL && !in->eof && (skipping || avail < max)) {
                size_t got = 0;
                if (skipping) {
                    /* nothing of an overlong line is kept */
                    in->bpos = in->blen = 0;
                } else if (in->bpos > 0) {
                    memmove(in->buf, p, avail);
                    in->bpos = 0;
                    in->blen = avail;
                }
                if (in->bcap - in->blen < CHUNK) {
                    void *q = in->buf;
                    if (x12i_grow(&x->b->a, &q, &in->bcap, in->blen + CHUNK, 1) != 0) {
                        nomem(x);
                        return;
                    }
                    in->buf = q;
                }
                if (in->rd(in->user, in->buf + in->blen, CHUNK, &got) != 0 || got > CHUNK) {
                    x->lineno++;
                    report(x, "input", NO_BYTE, "reading the encounters failed");
                    x->fatal = X12_EIO;
                    return;
                }
                if (got == 0)
                    in->eof = 1;
                in->blen += got;
                continue;
            }
            if (skipping) {
                if (nl == NULL) {
                    in->bpos = in->blen;
                    if (in->eof)
                        return;
                    continue;
                }
                in->bpos += (size_t)(nl - p) + 1;
                skipping = 0;
                continue;
            }
            if (avail == 0 && in->eof)
                return;
            n = nl != NULL ? (size_t)(nl - p) : avail;
            if (nl == NULL && !in->eof) {
                /* avail >= max and no line break: too long */
                x->lineno++;
                first = 0;
                too_long(x, max);
                skipping = 1;
                in->bpos = in->blen;
                continue;
            }
            in->bpos += n + (nl != NULL);
        }
        x->lineno++;
        if (first && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            /* a byte order mark: RFC 8259 lets a reader ignore it */
            p += 3;
            n -= 3;
        }
        first = 0;
        if (n + (nl != NULL) > max) {
            too_long(x, max);
            continue;
        }
        one_line(x, p, n);
    }
}

static x12_status build(x12_batch *b, lsrc *in, const char *name, x12_writer *w)
{
    jrd x;
    x12_status st = X12_OK;

    if (b == NULL || w == NULL)
        return X12_EINVAL;
    if (!c8_batch_empty(b) || b->stream != NULL)
        return X12_ESTATE;
    memset(&x, 0, sizeof x);
    x.b = b;
    x.name = name != NULL ? name : "<input>";
    x.w = w;
    x.fatal = X12_OK;
    c8_edits_clear(b);
    x12i_json_init(&x.js, &b->a, (size_t)x12_batch_get_option(b, X12_BATCHOPT_MAX_DEPTH));
    run(&x, in);
    x12i_json_free(&x.js);
    x12i_free(&b->a, in->buf);
    in->buf = NULL;
    if (x.fatal == X12_OK && !x.header_done) {
        x.lineno = x.lineno ? x.lineno : 1;
        report(&x, "json-value", 0, "the input has no header line (and no claims)");
    }
    if (x.fatal == X12_OK && b->stream != NULL) {
        st = x12_batch_stream_end(b);
        if (st != X12_OK && st != X12_EEDIT)
            x.fatal = st;
    }
    if (x.fatal != X12_OK)
        return x.fatal;
    if (x.bad)
        return X12_ESYNTAX;
    if (x.limit)
        return X12_ELIMIT;
    return b->edits_total ? X12_EEDIT : X12_OK;
}

x12_status x12_batch_build_jsonl(x12_batch *b, x12_read_fn rd, void *user, const char *name,
                                 x12_writer *w)
{
    lsrc in;

    if (rd == NULL)
        return X12_EINVAL;
    memset(&in, 0, sizeof in);
    in.rd = rd;
    in.user = user;
    return build(b, &in, name, w);
}

x12_status x12_batch_build_jsonl_buffer(x12_batch *b, const char *data, size_t len,
                                        const char *name, x12_writer *w)
{
    lsrc in;

    if (data == NULL && len != 0)
        return X12_EINVAL;
    memset(&in, 0, sizeof in);
    in.mem = data != NULL ? data : "";
    in.memlen = len;
    return build(b, &in, name != NULL ? name : "<memory>", w);
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

x12_status x12_batch_build_jsonl_file(x12_batch *b, FILE *in, const char *name, x12_writer *w)
{
    x12i_source s;
    x12_status st;

    if (b == NULL || in == NULL)
        return X12_EINVAL;
    x12i_source_init(&s, &b->a, 65536);
    s.kind = X12I_SRC_FILE;
    s.fp = in;
    st = x12_batch_build_jsonl(b, src_read, &s, name, w);
    if (st == X12_EIO && s.gz)
        st = X12_EGZIP;
    x12i_source_close(&s);
    return st;
}
