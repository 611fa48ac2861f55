/*
 * The strict JSON tokenizer (see json_internal.h).  One pass over the
 * text, an explicit stack of open containers, tokens appended to an array
 * that is reused from one text to the next.
 */
#include <stdio.h>
#include <string.h>

#include "json_internal.h"

void x12i_json_init(x12i_json *j, const x12i_alloc *a, size_t max_depth)
{
    memset(j, 0, sizeof *j);
    j->a = a;
    j->max_depth = max_depth ? max_depth : 1;
}

void x12i_json_free(x12i_json *j)
{
    x12i_free(j->a, j->t);
    x12i_free(j->a, j->scratch);
    x12i_free(j->a, j->stack);
    j->t = NULL;
    j->scratch = NULL;
    j->stack = NULL;
    j->nt = j->capt = j->ns = j->caps = j->capstack = 0;
}

/* ---- errors ------------------------------------------------------------------- */

static int jerr(x12i_json *j, size_t off, const char *msg)
{
    j->err_off = off;
    j->err_limit = 0;
    snprintf(j->err, sizeof j->err, "%s", msg);
    return -1;
}

/* ---- tokens -------------------------------------------------------------------- */

static int tok_grow(x12i_json *j)
{
    void *p = j->t;

    if (x12i_grow(j->a, &p, &j->capt, j->nt + 1, sizeof *j->t) != 0)
        return -1;
    j->t = p;
    return 0;
}

static inline x12i_jtok *tok(x12i_json *j, uint8_t type, size_t off)
{
    x12i_jtok *t;

    if (j->nt == j->capt && tok_grow(j) != 0)
        return NULL;
    t = &j->t[j->nt++];
    t->off = (uint32_t)off;
    t->next = (uint32_t)j->nt;
    t->pos = (uint32_t)off;
    t->len = 0;
    t->type = type;
    t->flags = 0;
    return t;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- strings ------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0) /* overlong */
            return 0;
        if (c == 0xED && p[1] >= 0xA0) /* UTF-16 surrogates */
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90) /* overlong */
            return 0;
        if (c == 0xF4 && p[1] >= 0x90) /* past U+10FFFF */
            return 0;
        return 4;
    }
    return 0;
}

static int hex4(const unsigned char *p, unsigned *out)
{
    unsigned v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Bytes a string's fast path stops at: '"', '\\', control characters and
 * non-ASCII (checked as UTF-8).  Eight at a time where the order of bytes
 * in a word is known: the lowest flagged byte is the first such byte (the
 * borrows of the subtractions only flag bytes above a flagged one).
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
static inline size_t plain_run(const unsigned char *s, size_t k, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

    while (k + 8 <= n) {
        uint64_t v, q, b, t;
        memcpy(&v, s + k, 8);
        q = v ^ (ones * '"');
        b = v ^ (ones * '\\');
        t = ((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v) | v;
        t &= highs;
        if (t != 0)
            return k + (size_t)(__builtin_ctzll(t) >> 3);
        k += 8;
    }
    while (k < n && s[k] >= 0x20 && s[k] < 0x80 && s[k] != '"' && s[k] != '\\')
        k++;
    return k;
}
#endif

/*
 * The string whose opening quote is at *i.  Without escapes its bytes stay
 * in the text; with escapes they are decoded into the scratch buffer (which
 * has room for the whole text, so it never moves during a parse).
 */
static int string(x12i_json *j, const unsigned char *s, size_t n, size_t *i)
{
    size_t start = *i + 1, k = start, out = 0;
    x12i_jtok *t = tok(j, XJ_STRING, *i);
    char *o = NULL;

    if (t == NULL)
        return -2;
    t->pos = (uint32_t)start;
    for (;;) {
        unsigned char c;
        /* the common run: printable ASCII */
#ifdef SWAR
        if (o == NULL) {
            k = plain_run(s, k, n);
        } else {
            size_t e = plain_run(s, k, n);
            memcpy(o + out, s + k, e - k);
            out += e - k;
            k = e;
        }
#else
        while (k < n && s[k] >= 0x20 && s[k] < 0x80 && s[k] != '"' && s[k] != '\\') {
            if (o != NULL)
                o[out++] = (char)s[k];
            k++;
        }
#endif
        if (k >= n)
            return jerr(j, *i, "a string is not closed");
        c = s[k];
        if (c == '"')
            break;
        if (c < 0x20)
            return jerr(j, k, "a control character in a string must be escaped");
        if (c >= 0x80) {
            size_t m = utf8_len(s + k, n - k);
            if (m == 0)
                return jerr(j, k, "the text is not valid UTF-8");
            if (o != NULL)
                memcpy(o + out, s + k, m), out += m;
            k += m;
            continue;
        }
        /* a backslash: decode from here on into the scratch buffer */
        if (o == NULL) {
            o = j->scratch + j->ns;
            memcpy(o, s + start, k - start);
            out = k - start;
            t->flags |= XJF_SCRATCH;
            t->pos = (uint32_t)j->ns;
        }
        if (k + 1 >= n)
            return jerr(j, k, "a string is not closed");
        switch (s[k + 1]) {
        case '"': o[out++] = '"'; break;
        case '\\': o[out++] = '\\'; break;
        case '/': o[out++] = '/'; break;
        case 'b': o[out++] = '\b'; break;
        case 'f': o[out++] = '\f'; break;
        case 'n': o[out++] = '\n'; break;
        case 'r': o[out++] = '\r'; break;
        case 't': o[out++] = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (k + 6 > n || hex4(s + k + 2, &cp) != 0)
                return jerr(j, k, "a \\u escape needs four hex digits");
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return jerr(j, k, "a \\u escape is an unpaired low surrogate");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (k + 12 > n || s[k + 6] != '\\' || s[k + 7] != 'u' ||
                    hex4(s + k + 8, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
                    return jerr(j, k, "a \\u escape is an unpaired high surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            }
            if (cp == 0)
                return jerr(j, k, "\\u0000 (a NUL character) is not allowed");
            out += put_utf8(o + out, cp);
            k += 6;
            continue;
        }
        default:
            return jerr(j, k, "an escape in a string is not one of \\\" \\\\ \\/ \\b \\f \\n \\r "
                              "\\t \\uXXXX");
        }
        k += 2;
    }
    t = &j->t[j->nt - 1];
    if (o != NULL) {
        t->len = (uint32_t)out;
        j->ns += out;
    } else {
        t->len = (uint32_t)(k - start);
    }
    *i = k + 1;
    return 0;
}

/* ---- numbers and literals -------------------------------------------------------- */

static int number(x12i_json *j, const unsigned char *s, size_t n, size_t *i)
{
    size_t k = *i;
    int integer = 1;
    x12i_jtok *t;

    if (s[k] == '-')
        k++;
    if (k >= n || s[k] < '0' || s[k] > '9')
        return jerr(j, *i, "a number is malformed");
    if (s[k] == '0') {
        k++;
    } else {
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
    }
    if (k < n && s[k] == '.') {
        integer = 0;
        k++;
        if (k >= n || s[k] < '0' || s[k] > '9')
            return jerr(j, *i, "a number is malformed");
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
    }
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        integer = 0;
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k >= n || s[k] < '0' || s[k] > '9')
            return jerr(j, *i, "a number is malformed");
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
    }
    /* "01", "1x": a number runs into something that cannot follow it */
    if (k < n && !is_ws(s[k]) && s[k] != ',' && s[k] != ']' && s[k] != '}')
        return jerr(j, *i, "a number is malformed");
    if ((t = tok(j, XJ_NUMBER, *i)) == NULL)
        return -2;
    t->len = (uint32_t)(k - *i);
    if (integer)
        t->flags |= XJF_INT;
    *i = k;
    return 0;
}

static int literal(x12i_json *j, const unsigned char *s, size_t n, size_t *i)
{
    static const struct {
        const char *text;
        uint8_t type;
    } lit[] = {{"true", XJ_TRUE}, {"false", XJ_FALSE}, {"null", XJ_NULL}};
    size_t m;

    for (m = 0; m < 3; m++) {
        size_t len = strlen(lit[m].text);
        if (n - *i >= len && memcmp(s + *i, lit[m].text, len) == 0) {
            if (*i + len < n && !is_ws(s[*i + len]) && s[*i + len] != ',' &&
                s[*i + len] != ']' && s[*i + len] != '}')
                break;
            if (tok(j, lit[m].type, *i) == NULL)
                return -2;
            *i += len;
            return 0;
        }
    }
    return jerr(j, *i, "expected a value (an object, array, string, number, true, false "
                       "or null)");
}

int x12i_json_int(const x12i_json *j, const x12i_jtok *t, int64_t *out)
{
    const char *p = j->text + t->pos;
    size_t i = 0, n = t->len;
    int neg = 0;
    int64_t v = 0;

    if (t->type != XJ_NUMBER || !(t->flags & XJF_INT))
        return -1;
    if (p[0] == '-') {
        neg = 1;
        i = 1;
    }
    for (; i < n; i++) {
        int d = p[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = neg ? -v : v;
    return 0;
}

/* ---- the parse ------------------------------------------------------------------------ */

int x12i_json_parse(x12i_json *j, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, depth = 0;
    int rc;
    /* what may come next */
    enum { VALUE, AFTER, KEY_OR_END, KEY, VALUE_OR_END } want = VALUE;

    j->nt = 0;
    j->ns = 0;
    j->text = text;
    j->err[0] = '\0';
    j->err_limit = 0;
    if (len >= UINT32_MAX)
        return jerr(j, 0, "the text is longer than 4 GiB");
    /* decoded strings are never longer than their text */
    if (j->caps < len + 1) {
        void *p = j->scratch;
        if (x12i_grow(j->a, &p, &j->caps, len + 1, 1) != 0)
            return -2;
        j->scratch = p;
    }
    if (j->capstack < j->max_depth) {
        void *p = j->stack;
        if (x12i_grow(j->a, &p, &j->capstack, j->max_depth, sizeof *j->stack) != 0)
            return -2;
        j->stack = p;
    }
    for (;;) {
        while (i < len && is_ws(s[i]))
            i++;
        if (want == AFTER) {
            x12i_jtok *top;
            if (depth == 0) {
                if (i < len)
                    return jerr(j, i, "unexpected text after the JSON value");
                return 0;
            }
            top = &j->t[j->stack[depth - 1]];
            if (i >= len)
                return jerr(j, i, top->type == XJ_OBJECT ? "an object is not closed"
                                                         : "an array is not closed");
            if (s[i] == ',') {
                i++;
                want = top->type == XJ_OBJECT ? KEY : VALUE;
                continue;
            }
            if ((top->type == XJ_OBJECT && s[i] == '}') || (top->type == XJ_ARRAY && s[i] == ']')) {
                top->next = (uint32_t)j->nt;
                depth--;
                i++;
                continue;
            }
            return jerr(j, i, top->type == XJ_OBJECT ? "expected ',' or '}' after an object member"
                                                     : "expected ',' or ']' after an array element");
        }
        if (i >= len)
            return jerr(j, i, depth ? "the text ends inside a value" : "expected a value, found "
                                                                        "nothing");
        if (want == KEY_OR_END || want == KEY) {
            if (want == KEY_OR_END && s[i] == '}') {
                j->t[j->stack[depth - 1]].next = (uint32_t)j->nt;
                depth--;
                i++;
                want = AFTER;
                continue;
            }
            if (s[i] != '"')
                return jerr(j, i, want == KEY ? "expected a string key after ',' (no trailing "
                                                "commas)"
                                              : "expected a string key or '}'");
            if ((rc = string(j, s, len, &i)) != 0)
                return rc;
            while (i < len && is_ws(s[i]))
                i++;
            if (i >= len || s[i] != ':')
                return jerr(j, i, "expected ':' after an object key");
            i++;
            want = VALUE;
            continue;
        }
        if (want == VALUE_OR_END && s[i] == ']') {
            j->t[j->stack[depth - 1]].next = (uint32_t)j->nt;
            depth--;
            i++;
            want = AFTER;
            continue;
        }
        /* a value */
        switch (s[i]) {
        case '{':
        case '[':
            if (depth >= j->max_depth) {
                jerr(j, i, "");
                snprintf(j->err, sizeof j->err,
                         "objects and arrays nest deeper than %zu (the configured limit)",
                         j->max_depth);
                j->err_limit = 1;
                return -1;
            }
            if (tok(j, s[i] == '{' ? XJ_OBJECT : XJ_ARRAY, i) == NULL)
                return -2;
            j->stack[depth++] = (uint32_t)(j->nt - 1);
            want = s[i] == '{' ? KEY_OR_END : VALUE_OR_END;
            i++;
            continue;
        case '"':
            rc = string(j, s, len, &i);
            break;
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
            rc = number(j, s, len, &i);
            break;
        default:
            if (want == VALUE && depth > 0 && (s[i] == ']' || s[i] == '}'))
                return jerr(j, i, "expected a value after ',' (no trailing commas)");
            rc = literal(j, s, len, &i);
            break;
        }
        if (rc != 0)
            return rc;
        want = AFTER;
    }
}
