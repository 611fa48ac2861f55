/*
 * Pre-submission edits: every rule a claim must pass before a byte is
 * written, checked over the whole batch in one pass so that a biller sees
 * every problem at once.  Each failure is an x12_error (segment id, loop id
 * and element where the value would go) plus a field path such as
 * "claim[3].line[2].procedure".  Messages never quote identifying values
 * (names, ids, addresses, dates of birth, patient control numbers); they
 * quote amounts and small counts only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claim837_internal.h"
#include "spec_internal.h"
#include "x12types_internal.h"

struct c8_ectx {
    x12_batch *b;
    int oom;
    int p; /* 1 for 837P */
    size_t claimno;
    /* The path of the object being checked, as frames ("subscriber", 3);
     * written out as text only for a failure.  Frames from `root` on count:
     * claim paths are absolute. */
    struct pframe {
        const char *name;
        const char *txt; /* "claim[PCN]": the PCN, txtlen bytes */
        size_t txtlen;
        size_t index;    /* 1-based; 0 with txt NULL: no brackets */
    } fr[16];
    size_t nfr, root;
    /* Per byte value: 0 allowed in text, CH_DELIM one of the batch's
     * delimiters, CH_OUTSIDE outside the X12 character set.  Built once per
     * check: every text value of the batch goes through it. */
    unsigned char chars[256];
    c8_pview v; /* the party being checked */
    x12_str cf[C8_CLAIM_NF + 1], lf[C8_LINE_NF + 1], sf[C8_SUB_NF + 1];
    /* The guide of the batch's kind: each field's code list and maximum
     * length (claim837_fields.def names where to look); the codes of
     * values that are not fields of the table: the present-on-admission
     * indicator (HI01-9 of the 837I), the patient's relationship (PAT01)
     * and adjustment groups (CAS01). */
    c8_guide g;
    const char *poa_codes, *pat_codes, *cas_codes;
    const char *mea_codes[2]; /* 837P MEA01, MEA02 */
    /* the loop of edit records of table fields, when not the table's (a
     * line's attachments, 2400, share the claim's rows, 2300) */
    const char *at_loop;
};
typedef c8_ectx ectx;

#define CH_DELIM 1u
#define CH_OUTSIDE 2u

/* ---- small predicates ------------------------------------------------------- */

/* Characters, digits, dates, times and NPIs are X12 data types: their
 * rules live in x12types.c.  These adapt them to views. */
static int all_digits(x12_str v) { return x12i_all_digits(v.ptr, v.len); }
static int all_alnum_uc(x12_str v) { return x12i_all_alnum_uc(v.ptr, v.len); }

static int eq(x12_str v, const char *s)
{
    size_t n = strlen(s);

    return v.len == n && memcmp(v.ptr, s, n) == 0;
}

/* A date of a claim: a real CCYYMMDD date, and (the builders' edit rule on
 * top of the type) not before 1900. */
int c8_is_date(const char *p, size_t n)
{
    return x12i_edit_date(p, n);
}

static int is_hhmm(x12_str v)
{
    return x12i_hhmm(v.ptr, v.len);
}

static int icd10cm_shape(x12_str v)
{
    size_t i;

    if (v.len < 3 || v.len > 7 || !x12i_is_upper(v.ptr[0]) || !x12i_is_digit(v.ptr[1]) ||
        !x12i_is_alnum_uc(v.ptr[2]))
        return 0;
    for (i = 3; i < v.len; i++)
        if (!x12i_is_alnum_uc(v.ptr[i]))
            return 0;
    return 1;
}

/* ICD-9-CM, without its dot: 3 to 5 digits, V and 2 to 4 digits, or E
 * and 3 or 4 digits. */
static int icd9cm_shape(x12_str v)
{
    if (v.len >= 3 && v.len <= 5 && x12i_all_digits(v.ptr, v.len))
        return 1;
    if (v.len >= 3 && v.len <= 5 && v.ptr[0] == 'V' && x12i_all_digits(v.ptr + 1, v.len - 1))
        return 1;
    return v.len >= 4 && v.len <= 5 && v.ptr[0] == 'E' && x12i_all_digits(v.ptr + 1, v.len - 1);
}

/* An ICD-9-CM procedure (volume 3) without its dot: 3 or 4 digits. */
static int icd9proc_shape(x12_str v)
{
    return v.len >= 3 && v.len <= 4 && x12i_all_digits(v.ptr, v.len);
}

static int icd10pcs_shape(x12_str v)
{
    size_t i;

    if (v.len != 7)
        return 0;
    for (i = 0; i < 7; i++)
        if (!x12i_is_alnum_uc(v.ptr[i]) || v.ptr[i] == 'I' || v.ptr[i] == 'O')
            return 0;
    return 1;
}

/* CPT or HCPCS level II (x12i_procedure_shape). */
static int procedure_shape(x12_str v)
{
    return x12i_procedure_shape(v.ptr, v.len);
}

/* A positive decimal quantity: digits with at most one point, not zero. */
static int quantity_shape(x12_str v)
{
    size_t i, digits = 0;
    int dot = 0, nonzero = 0;

    for (i = 0; i < v.len; i++) {
        if (v.ptr[i] == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (!x12i_is_digit(v.ptr[i]))
            return 0;
        digits++;
        nonzero |= v.ptr[i] != '0';
    }
    return digits > 0 && digits <= 15 && nonzero;
}

/* X12 basic and extended character sets (see the X12 facts). */
static int x12_char(unsigned char c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return 1;
    return c != '\0' && strchr(" !\"&'()*+,-./:;?=%@[]_{}\\|<>~^#$", c) != NULL;
}

/* The byte classes of check_text2: the delimiter test comes first, as a
 * delimiter may also be in the character set. */
static void build_chars(ectx *x)
{
    const x12_batch *b = x->b;
    unsigned c;

    for (c = 0; c < 256; c++)
        x->chars[c] = x12_char((unsigned char)c) ? 0 : CH_OUTSIDE;
    x->chars[(unsigned char)b->el] = CH_DELIM;
    x->chars[(unsigned char)b->comp] = CH_DELIM;
    if (b->rep != 0)
        x->chars[(unsigned char)b->rep] = CH_DELIM;
    x->chars[(unsigned char)b->seg] = CH_DELIM;
}

/* Letters-only tokens of an address line, upper-cased, compared against
 * the ways people write a post office box. */
static int is_po_box(x12_str v)
{
    char tok[8][16];
    size_t nt = 0, i = 0, k;

    while (i < v.len && nt < 8) {
        size_t n = 0;
        while (i < v.len && !((v.ptr[i] >= 'A' && v.ptr[i] <= 'Z') ||
                              (v.ptr[i] >= 'a' && v.ptr[i] <= 'z') || x12i_is_digit(v.ptr[i])))
            i++;
        if (i >= v.len)
            break;
        while (i < v.len && ((v.ptr[i] >= 'A' && v.ptr[i] <= 'Z') ||
                             (v.ptr[i] >= 'a' && v.ptr[i] <= 'z') || x12i_is_digit(v.ptr[i]))) {
            if (n < sizeof tok[0] - 1) {
                char c = v.ptr[i];
                tok[nt][n++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
            }
            i++;
        }
        tok[nt][n] = '\0';
        nt++;
    }
    for (k = 0; k < nt; k++) {
        if (strcmp(tok[k], "POBOX") == 0 || strcmp(tok[k], "LOCKBOX") == 0 ||
            strcmp(tok[k], "POB") == 0)
            return 1;
        if (k + 1 < nt && strcmp(tok[k], "PO") == 0 && strcmp(tok[k + 1], "BOX") == 0)
            return 1;
        if (k + 1 < nt && strcmp(tok[k], "LOCK") == 0 && strcmp(tok[k + 1], "BOX") == 0)
            return 1;
        if (k + 2 < nt && strcmp(tok[k], "P") == 0 && strcmp(tok[k + 1], "O") == 0 &&
            strcmp(tok[k + 2], "BOX") == 0)
            return 1;
        if (k + 2 < nt && strcmp(tok[k], "POST") == 0 && strcmp(tok[k + 1], "OFFICE") == 0 &&
            strcmp(tok[k + 2], "BOX") == 0)
            return 1;
    }
    /* "BOX 123" at the start of the line */
    return nt >= 2 && strcmp(tok[0], "BOX") == 0 && x12i_is_digit(tok[1][0]);
}

static void money(char *buf, size_t size, int64_t cents)
{
    x12i_cents_text(buf, size, cents);
}

/* ---- paths and records -------------------------------------------------------- */

/* Paths are kept as frames and written out only for a failure: a batch
 * of a million claims passes through millions of paths and fails few. */
static size_t push_frame(ectx *x, const char *name, size_t index, const char *txt,
                         size_t txtlen)
{
    size_t old = x->nfr;

    /* The code nests at most six deep; a deeper push would be a bug, and
     * leaves the path as it was (as a path too long for the buffer did). */
    if (x->nfr < sizeof x->fr / sizeof x->fr[0]) {
        x->fr[x->nfr].name = name;
        x->fr[x->nfr].index = index;
        x->fr[x->nfr].txt = txt;
        x->fr[x->nfr].txtlen = txtlen;
        x->nfr++;
    }
    return old;
}

/* Appends ".name" (or "name" at the start); returns the old depth for pop. */
static size_t push(ectx *x, const char *name)
{
    return push_frame(x, name, 0, NULL, 0);
}

/* ".name[i]" with i 1-based. */
static size_t push_index(ectx *x, const char *name, size_t i)
{
    return push_frame(x, name, i, NULL, 0);
}

static void pop(ectx *x, size_t old)
{
    x->nfr = old;
}

/* The path as text: "claim[3].line[2]".  Within 512 bytes, a name or an
 * index that would not fit is left out. */
static size_t path_text(const ectx *x, char *path, size_t size)
{
    size_t f, plen = 0;

    path[0] = '\0';
    for (f = x->root; f < x->nfr; f++) {
        const struct pframe *fr = &x->fr[f];
        size_t n = strlen(fr->name);

        if (fr->txt != NULL) {
            plen += (size_t)snprintf(path + plen, size - plen, "%s%s[%.*s]", plen ? "." : "",
                                     fr->name, (int)(fr->txtlen > 400 ? 400 : fr->txtlen),
                                     fr->txt);
            if (plen >= size)
                plen = size - 1;
            continue;
        }
        if (plen + n + 2 < size) {
            if (plen > 0)
                path[plen++] = '.';
            memcpy(path + plen, fr->name, n + 1);
            plen += n;
        }
        if (fr->index > 0) {
            char num[24];
            size_t k = sizeof num, i = fr->index;

            num[--k] = '\0';
            do {
                num[--k] = (char)('0' + i % 10);
                i /= 10;
            } while (i > 0 && k > 1);
            num[--k] = '[';
            if (plen + (sizeof num - k) + 2 < size) {
                memcpy(path + plen, num + k, sizeof num - k);
                plen += sizeof num - k - 1;
                path[plen++] = ']';
                path[plen] = '\0';
            }
        }
    }
    return plen;
}

static void fail(ectx *x, const char *field, const char *rule, const char *segid,
                 const char *loop, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

static void fail(ectx *x, const char *field, const char *rule, const char *segid,
                 const char *loop, unsigned element, const char *fmt, ...)
{
    char path[600], msg[X12I_MSG_MAX], base[512];
    size_t plen;
    va_list ap;

    if (x->oom)
        return;
    plen = path_text(x, base, sizeof base);
    if (field != NULL && *field)
        snprintf(path, sizeof path, "%.*s%s%s", (int)plen, base, plen ? "." : "", field);
    else
        snprintf(path, sizeof path, "%.*s", (int)plen, base);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c8_edit_push(x->b, path, rule, segid, loop, element, "%s", msg) == NULL)
        x->oom = 1;
}

/* Character set, delimiters and length: every text value goes through
 * here.  `what` names the value for a person ("billing provider name"). */
static void check_text2(ectx *x, const char *field, const char *what, const char *what2,
                        const char *seg, const char *loop, unsigned el, x12_str v, size_t max)
{
    size_t i;
    const char *sp = what2 ? " " : "";
    unsigned cls = 0;

    if (what2 == NULL)
        what2 = "";
    for (i = 0; i < v.len; i++)
        if ((cls = x->chars[(unsigned char)v.ptr[i]]) != 0)
            break;
    if (cls == CH_DELIM) {
        fail(x, field, "delimiter", seg, loop, el,
             "%s%s%s contains a delimiter character of this file at byte %zu", what, sp, what2,
             i + 1);
        return;
    }
    if (cls == CH_OUTSIDE) {
        fail(x, field, "characters", seg, loop, el,
             "%s%s%s contains a character outside the X12 character set at byte %zu", what,
             sp, what2, i + 1);
        return;
    }
    if (max && v.len > max)
        fail(x, field, "too-long", seg, loop, el, "%s%s%s is %zu characters long; at most %zu",
             what, sp, what2, v.len, max);
}

static void check_text(ectx *x, const char *field, const char *what, const char *seg,
                       const char *loop, unsigned el, x12_str v, size_t max)
{
    check_text2(x, field, what, NULL, seg, loop, el, v, max);
}

static void required(ectx *x, const char *field, const char *what, const char *seg,
                     const char *loop, unsigned el, x12_str v)
{
    if (v.len == 0)
        fail(x, field, "required", seg, loop, el, "%s is required", what);
}

static void check_date(ectx *x, const char *field, const char *what, const char *seg,
                       const char *loop, unsigned el, x12_str v)
{
    if (v.len && !c8_is_date(v.ptr, v.len))
        fail(x, field, "date-invalid", seg, loop, el,
             "%s is not a real calendar date in the form CCYYMMDD", what);
}

/* Both dates valid, and from <= to (CCYYMMDD compares as text).  `what`
 * is the range's name: "service" gives "service start date", ... */
static void check_range(ectx *x, const char *ffrom, const char *fto, const char *what,
                        const char *seg, const char *loop, unsigned el, x12_str from,
                        x12_str to)
{
    int okf = from.len && c8_is_date(from.ptr, from.len);
    int okt = to.len && c8_is_date(to.ptr, to.len);

    if (from.len && !okf)
        fail(x, ffrom, "date-invalid", seg, loop, el,
             "%s start date is not a real calendar date in the form CCYYMMDD", what);
    if (to.len && !okt)
        fail(x, fto, "date-invalid", seg, loop, el,
             "%s end date is not a real calendar date in the form CCYYMMDD", what);
    if (okf && okt && memcmp(to.ptr, from.ptr, 8) < 0)
        fail(x, fto, "date-order", seg, loop, el, "%s end date is before its start date", what);
}

/* ---- fields of the table (claim837_fields.def) ---------------------------------- */

/* Where field d goes in this batch's kind (else in the other kind, for
 * "not used"): its segment, loop (NULL for the envelope and header) and
 * element are those of the field's edit records. */
static const c8_fpos *fpos(const ectx *x, const c8_fdesc *d)
{
    return c8_pos_any(d, x->p);
}

static const char *floop(const c8_fpos *q)
{
    return q->loop[0] ? q->loop : NULL;
}

static const char *fat(const ectx *x, const c8_fpos *q)
{
    return x->at_loop != NULL ? x->at_loop : floop(q);
}

/* The longest value the edits accept: the table's, else the guide's. */
static size_t field_max(const ectx *x, const c8_fdesc *d)
{
    return d->max ? d->max : x->g.max[d - c8_ftab];
}

static void ffail(ectx *x, const c8_fdesc *d, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void ffail(ectx *x, const c8_fdesc *d, const char *rule, const char *fmt, ...)
{
    const c8_fpos *q = fpos(x, d);
    char msg[X12I_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fail(x, d->name, rule, q->seg, fat(x, q), q->el, "%s", msg);
}

/* Character set, delimiters and length of field d's value. */
static void check_ftext(ectx *x, const c8_fdesc *d, x12_str v)
{
    const c8_fpos *q = fpos(x, d);

    check_text(x, d->name, d->label, q->seg, fat(x, q), q->el, v, field_max(x, d));
}

/* The guide's minimum length (fields whose edits take it). */
static void check_fmin(ectx *x, const c8_fdesc *d, x12_str v)
{
    size_t min = x->g.min[d - c8_ftab];

    if (v.len && v.len < min)
        ffail(x, d, "too-short", "%s is %zu character%s long; at least %zu", d->label, v.len,
              v.len == 1 ? "" : "s", min);
}

/* Each space-separated code of v into fn; returns how many. */
static size_t each_code(x12_str v, void (*fn)(void *, x12_str, size_t), void *u)
{
    size_t i = 0, n = 0, k;

    while (i < v.len) {
        while (i < v.len && v.ptr[i] == ' ')
            i++;
        for (k = i; k < v.len && v.ptr[k] != ' '; k++)
            ;
        if (k > i) {
            x12_str t = {v.ptr + i, k - i};
            if (fn != NULL)
                fn(u, t, n);
            n++;
        }
        i = k;
    }
    return n;
}

/* `what` (the message's name for the value, "CLM07 assignment") is
 * required. */
static void require_f(ectx *x, const c8_fdesc *d, const char *what, x12_str v)
{
    if (v.len == 0)
        ffail(x, d, "required", "%s is required", what);
}

/* The value is one of the guide's codes for the field, when it has a list. */
static void check_fcode(ectx *x, const c8_fdesc *d, const char *what, x12_str v)
{
    const char *codes = x->g.codes[d - c8_ftab];

    if (v.len && codes != NULL && !x12i_code_in(codes, v.ptr, v.len))
        ffail(x, d, "code-value", "%s is not one of %.*s", what, c8_codes_len(codes), codes + 1);
}

static void check_fdate(ectx *x, const c8_fdesc *d, const char *what, x12_str v)
{
    if (v.len && !c8_is_date(v.ptr, v.len))
        ffail(x, d, "date-invalid", "%s is not a real calendar date in the form CCYYMMDD", what);
}

/* The claim dates the table writes as DTP*qualifier*D8 in this kind (onset,
 * accident, initial treatment, ...), in the table's order; the admission
 * date has its own check, for both kinds. */
static void check_claim_dtp_dates(ectx *x, const x12_str *cf)
{
    int i;

    for (i = 1; i <= C8_CLAIM_NF; i++) {
        const c8_fdesc *d = c8_field(C8O_CLAIM, i);
        const c8_fpos *q = c8_pos(d, x->p);
        if (q != NULL && q->how == C8W_DTP && i != X12_CLAIM_ADMISSION_DATE)
            check_fdate(x, d, d->label, cf[i]);
        if (q != NULL && q->how == C8W_RD8) /* the disability dates */
            check_range(x, d->name, c8_field(C8O_CLAIM, i + 1)->name, "disability", q->seg,
                        fat(x, q), q->el, cf[i], cf[i + 1]);
    }
}

/* A LIST field: each space-separated value's text and length, and no more
 * values than the guide allows the segment. */
static void check_flist(ectx *x, const c8_fdesc *d, x12_str v)
{
    size_t i = 0, k, n = 0, reps = x->g.reps[d - c8_ftab];
    const c8_fpos *q = fpos(x, d);

    while (i < v.len) {
        while (i < v.len && v.ptr[i] == ' ')
            i++;
        for (k = i; k < v.len && v.ptr[k] != ' '; k++)
            ;
        if (k > i) {
            x12_str t = {v.ptr + i, k - i};
            check_text(x, d->name, d->label, q->seg, fat(x, q), q->el, t, field_max(x, d));
            n++;
        }
        i = k;
    }
    if (reps && n > reps)
        ffail(x, d, "too-many", "%zu %ss; at most %zu (%s*%s)", n, d->label, reps, q->seg,
              q->qual);
}

/* File information (K3): newline-separated K301 texts, none empty, each
 * of the X12 character set (spaces kept, at least one other character: an
 * AN value) and at most the guide's 80, no more than the guide's 10. */
static void check_file_info(ectx *x, const c8_fdesc *d, x12_str v)
{
    const c8_fpos *q = fpos(x, d);
    size_t at = 0, k, n = 0, j, reps = x->g.reps[d - c8_ftab];
    char what[64];

    if (v.len == 0)
        return;
    for (;;) {
        x12_str t;

        for (k = at; k < v.len && v.ptr[k] != '\n'; k++)
            ;
        t = (x12_str){v.ptr + at, k - at};
        n++;
        snprintf(what, sizeof what, "%s text %zu", d->label, n);
        if (t.len == 0) {
            ffail(x, d, "empty", "%s is empty (K301 is required; no empty line, leading or "
                  "trailing newline)", what);
        } else {
            for (j = 0; j < t.len && t.ptr[j] == ' '; j++)
                ;
            if (j == t.len)
                ffail(x, d, "blank", "%s holds only spaces (K301 needs another character)",
                      what);
            else
                check_text(x, d->name, what, q->seg, fat(x, q), q->el, t, field_max(x, d));
        }
        if (k >= v.len)
            break;
        at = k + 1;
    }
    if (reps && n > reps)
        ffail(x, d, "too-many", "%zu %s texts; at most %zu (K3)", n, d->label, reps);
}

/* A note (NTE) of a claim or a line: its reference code, one of the
 * guide's, and its text come together (NTE01 and NTE02 are required). */
static void check_note(ectx *x, const c8_fdesc *dc, x12_str code, const c8_fdesc *dt,
                       x12_str text)
{
    if (code.len == 0 && text.len)
        ffail(x, dc, "required", "%s (NTE01) is required with the note's text", dc->label);
    if (text.len == 0 && code.len)
        ffail(x, dt, "required", "%s text (NTE02) is required with its reference code",
              dt->label);
    check_fcode(x, dc, dc->label, code);
}

/* The line fields the table writes and reads by itself (QV, DTP rows) and
 * the line note: used by the kind, text, the guide's codes, real dates.
 * The ambulance patient count and the line item control number have their
 * own checks. */
static void check_line_table_fields(ectx *x, const x12_str *f)
{
    int i;

    for (i = 1; i <= C8_LINE_NF; i++) {
        const c8_fdesc *d = c8_field(C8O_LINE, i);
        const c8_fpos *q = c8_pos(d, x->p), *o = c8_pos(d, !x->p);
        int table = (q != NULL && q->how != C8W_CODE) || (o != NULL && o->how != C8W_CODE) ||
                    i == X12_LINE_NOTE_CODE || i == X12_LINE_NOTE;

        if (!table || f[i].len == 0 || i == X12_LINE_AMBULANCE_PATIENTS ||
            i == X12_LINE_CONTROL_NUMBER)
            continue;
        if (q == NULL) {
            ffail(x, d, "not-used", "%s is not used on an %s line", d->label,
                  x->p ? "837P" : "837I");
            continue;
        }
        if (q->how == C8W_LIST) {
            check_flist(x, d, f[i]);
            continue;
        }
        check_ftext(x, d, f[i]);
        if (q->how == C8W_QV)
            check_fcode(x, d, d->label, f[i]);
        else if (q->how == C8W_DTP)
            check_fdate(x, d, d->label, f[i]);
    }
    if (x->p)
        check_note(x, C8D(X12_LINE_NOTE_CODE), f[X12_LINE_NOTE_CODE], C8D(X12_LINE_NOTE),
                   f[X12_LINE_NOTE]);
    if (x->p && f[X12_LINE_OBSTETRIC_UNITS].len && !quantity_shape(f[X12_LINE_OBSTETRIC_UNITS]))
        ffail(x, C8D(X12_LINE_OBSTETRIC_UNITS), "quantity-format",
              "obstetric anesthesia additional units must be a positive number");
}

/* A percent (FRM05): digits with at most one point, at most 6 characters,
 * not above 100. */
static int percent_shape(x12_str v)
{
    size_t i;
    int dot = 0, digits = 0, frac = 0;
    unsigned whole = 0;

    if (v.len == 0 || v.len > 6)
        return 0;
    for (i = 0; i < v.len; i++) {
        if (v.ptr[i] == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (!x12i_is_digit(v.ptr[i]))
            return 0;
        digits++;
        if (dot)
            frac |= v.ptr[i] != '0';
        else
            whole = whole * 10 + (unsigned)(v.ptr[i] - '0');
    }
    return digits > 0 && (whole < 100 || (whole == 100 && !frac));
}

/* The 837P line's form (2440 LQ and FRM): the form type and id together,
 * with at least one and at most 99 answers of the shape
 * "question:kind:value", each value what its FRM element takes. */
static void check_line_form(ectx *x, const x12_str *f)
{
    static const char *const kinds[] = {"Y, N or W", "text", "a date", "a percent"};
    x12_str t = f[X12_LINE_FORM_TYPE], id = f[X12_LINE_FORM_ID], a = f[X12_LINE_FORM_ANSWERS];
    x12_str q, v;
    unsigned e;
    size_t at = 0, n = 0;
    char what[64];

    if (!x->p) {
        static const x12_line_field lf[] = {X12_LINE_FORM_TYPE, X12_LINE_FORM_ID,
                                            X12_LINE_FORM_ANSWERS};
        size_t i;
        for (i = 0; i < sizeof lf / sizeof lf[0]; i++)
            if (f[lf[i]].len)
                fail(x, c8_field(C8O_LINE, lf[i])->name, "not-used", i < 2 ? "LQ" : "FRM",
                     "2440", i < 2 ? (unsigned)i + 1 : 1, "%s is not used on an 837I line",
                     c8_field(C8O_LINE, lf[i])->label);
        return;
    }
    if (t.len == 0 && id.len == 0 && a.len == 0)
        return;
    required(x, "form_type", "form type code qualifier (LQ01)", "LQ", "2440", 1, t);
    check_fcode(x, C8D(X12_LINE_FORM_TYPE), "LQ01 form type code qualifier", t);
    required(x, "form_id", "form identifier (LQ02)", "LQ", "2440", 2, id);
    check_ftext(x, C8D(X12_LINE_FORM_ID), id);
    if (a.len == 0)
        fail(x, "form_answers", "required", "FRM", "2440", 1,
             "form answers are required with a form (at least one FRM)");
    while (c8_form_answer(a, &at, &q, &e, &v)) {
        n++;
        snprintf(what, sizeof what, "form answer %zu", n);
        if (e == 0) {
            fail(x, "form_answers", "answer-format", "FRM", "2440", 1,
                 "%s is not question:kind:value with kind R, T, D or P", what);
            continue;
        }
        if (q.len == 0)
            fail(x, "form_answers", "required", "FRM", "2440", 1, "%s has no question", what);
        check_text(x, "form_answers", what, "FRM", "2440", 1, q, 20);
        if (v.len == 0) {
            fail(x, "form_answers", "required", "FRM", "2440", e, "%s has no value", what);
            continue;
        }
        if ((e == 2 && !(v.len == 1 && strchr("YNW", v.ptr[0]) != NULL)) ||
            (e == 4 && !c8_is_date(v.ptr, v.len)) || (e == 5 && !percent_shape(v)))
            fail(x, "form_answers", "answer-value", "FRM", "2440", e,
                 "%s must be %s (FRM%02u)", what, kinds[e - 2], e);
        else if (e == 3)
            check_text(x, "form_answers", what, "FRM", "2440", 3, v, 50);
    }
    if (n > 99)
        fail(x, "form_answers", "too-many", "FRM", "2440", 1,
             "%zu form answers; at most 99 (FRM)", n);
}

/* 837P SV5: the procedure, days and both prices together (the guide
 * requires them), the frequency one of the guide's codes. */
static void check_line_dme(ectx *x, const x12_str *f, const x12_service_line *l)
{
    x12_str proc = f[X12_LINE_DME_PROCEDURE], days = f[X12_LINE_DME_DAYS];
    x12_str freq = f[X12_LINE_DME_FREQUENCY];
    int rent = l->has_amt[X12_LINEAMT_DME_RENTAL_PRICE];
    int buy = l->has_amt[X12_LINEAMT_DME_PURCHASE_PRICE];

    if (!proc.len && !days.len && !freq.len && !rent && !buy)
        return;
    if (!x->p) {
        fail(x, proc.len ? "dme_procedure" : days.len ? "dme_days" : freq.len ? "dme_frequency"
                                                : rent ? "dme_rental_price" : "dme_purchase_price",
             "not-used", "SV5", "2400", 1,
             "durable medical equipment service (SV5) is not used on an 837I line");
        return;
    }
    require_f(x, C8D(X12_LINE_DME_PROCEDURE), "DME procedure code (SV501-2)", proc);
    if (proc.len && !procedure_shape(proc))
        ffail(x, C8D(X12_LINE_DME_PROCEDURE), "procedure-format",
              "DME procedure code must be a CPT or HCPCS code");
    require_f(x, C8D(X12_LINE_DME_DAYS), "length of medical necessity (SV503)", days);
    if (days.len && !quantity_shape(days))
        ffail(x, C8D(X12_LINE_DME_DAYS), "quantity-format",
              "length of medical necessity (days) must be a positive number");
    if (!rent)
        ffail(x, C8D(X12_LINEAMT_DME_RENTAL_PRICE), "required",
              "DME rental price (SV504) is required");
    else if (l->amt[X12_LINEAMT_DME_RENTAL_PRICE] < 0)
        ffail(x, C8D(X12_LINEAMT_DME_RENTAL_PRICE), "amount-negative",
              "DME rental price must not be negative");
    if (!buy)
        ffail(x, C8D(X12_LINEAMT_DME_PURCHASE_PRICE), "required",
              "DME purchase price (SV505) is required");
    else if (l->amt[X12_LINEAMT_DME_PURCHASE_PRICE] < 0)
        ffail(x, C8D(X12_LINEAMT_DME_PURCHASE_PRICE), "amount-negative",
              "DME purchase price must not be negative");
    check_fcode(x, C8D(X12_LINE_DME_FREQUENCY), "SV506 DME rental frequency", freq);
}

/* 837P MEA: at most 5 results, each code:qualifier:value with the guide's
 * codes and a positive number. */
static void check_line_tests(ectx *x, const x12_str *f)
{
    static const char *const what[2] = {"MEA01 measurement reference code",
                                        "MEA02 measurement qualifier"};
    x12_str r = f[X12_LINE_TEST_RESULTS];
    size_t i = 0, k, c1, c2, n = 0;
    int e;

    if (r.len == 0)
        return;
    if (!x->p) {
        ffail(x, C8D(X12_LINE_TEST_RESULTS), "not-used",
              "test results are not used on an 837I line");
        return;
    }
    for (;;) {
        x12_str part[3];
        size_t start;

        while (i < r.len && r.ptr[i] == ' ')
            i++;
        if (i >= r.len)
            break;
        start = i;
        for (k = i; k < r.len && r.ptr[k] != ' '; k++)
            ;
        i = k;
        n++;
        for (c1 = start; c1 < k && r.ptr[c1] != ':'; c1++)
            ;
        for (c2 = c1 + 1; c2 < k && r.ptr[c2] != ':'; c2++)
            ;
        if (c1 >= k || c2 >= k) {
            fail(x, "test_results", "result-format", "MEA", "2400", 1,
                 "test result %zu is not code:qualifier:value", n);
            continue;
        }
        part[0] = (x12_str){r.ptr + start, c1 - start};
        part[1] = (x12_str){r.ptr + c1 + 1, c2 - c1 - 1};
        part[2] = (x12_str){r.ptr + c2 + 1, k - c2 - 1};
        for (e = 0; e < 2; e++)
            if (x->mea_codes[e] != NULL &&
                !x12i_code_in(x->mea_codes[e], part[e].ptr, part[e].len))
                fail(x, "test_results", "code-value", "MEA", "2400", (unsigned)e + 1,
                     "test result %zu: %s is not one of %.*s", n, what[e],
                     c8_codes_len(x->mea_codes[e]), x->mea_codes[e] + 1);
        if (!quantity_shape(part[2]) || part[2].len > 20)
            fail(x, "test_results", "quantity-format", "MEA", "2400", 3,
                 "test result %zu: the value (MEA03) must be a positive number of at most 20 "
                 "characters",
                 n);
    }
    if (n > 5)
        fail(x, "test_results", "too-many", "MEA", "2400", 1,
             "%zu test results; at most 5 (MEA)", n);
}

/* 837P CR3 and PWK*CT: the certification type and the months together
 * (CR301 and CR303 are required), the guide's codes, the months a
 * positive number; none of them on an 837I line. */
static void check_line_dme_cert(ectx *x, const x12_str *f)
{
    static const int fs[] = {X12_LINE_DME_CERT_TYPE, X12_LINE_DME_CERT_MONTHS, X12_LINE_DME_CMN};
    x12_str type = f[X12_LINE_DME_CERT_TYPE], months = f[X12_LINE_DME_CERT_MONTHS];
    size_t i;

    if (!x->p) {
        for (i = 0; i < sizeof fs / sizeof fs[0]; i++)
            if (f[fs[i]].len)
                ffail(x, c8_field(C8O_LINE, fs[i]), "not-used", "%s is not used on an 837I line",
                      c8_field(C8O_LINE, fs[i])->label);
        return;
    }
    if (type.len || months.len) {
        require_f(x, C8D(X12_LINE_DME_CERT_TYPE), "DME certification type (CR301)", type);
        check_fcode(x, C8D(X12_LINE_DME_CERT_TYPE), "CR301 certification type", type);
        require_f(x, C8D(X12_LINE_DME_CERT_MONTHS), "DME duration in months (CR303)", months);
        if (months.len && !quantity_shape(months))
            ffail(x, C8D(X12_LINE_DME_CERT_MONTHS), "quantity-format",
                  "DME duration in months must be a positive number");
    }
    check_fcode(x, C8D(X12_LINE_DME_CMN), "PWK02 certificate of medical necessity transmission",
                f[X12_LINE_DME_CMN]);
}

/* The line amounts the table writes (AMT): used by the kind, not
 * negative. */
static void check_line_table_amounts(ectx *x, const x12_service_line *l)
{
    int i;

    for (i = 1; i <= C8_LINE_NA; i++) {
        const c8_fdesc *d = c8_field(C8O_LINE_AMT, i);
        const c8_fpos *q = c8_pos(d, x->p), *o = c8_pos(d, !x->p);

        if (!l->has_amt[i] || !((q != NULL && q->how == C8W_QV) || (o != NULL && o->how == C8W_QV)))
            continue;
        if (q == NULL)
            ffail(x, d, "not-used", "%s is not used on an %s line", d->label,
                  x->p ? "837P" : "837I");
        else if (l->amt[i] < 0)
            ffail(x, d, "amount-negative", "%s must not be negative", d->label);
    }
}

/* A decimal number, zero allowed: digits with at most one point. */
static int decimal_shape(x12_str v)
{
    size_t i, digits = 0;
    int dot = 0;

    for (i = 0; i < v.len; i++) {
        if (v.ptr[i] == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (!x12i_is_digit(v.ptr[i]))
            return 0;
        digits++;
    }
    return digits > 0 && digits <= 15;
}

/* Contract (CN1) and repricing (HCP) information of a claim or a line:
 * the rows of obj and amt_obj the writer writes by element.  Used by the
 * kind, text (line fields: the claim's have the claim loop's check), the
 * guide's codes, numbers, amounts not negative, CN101 with any of CN1,
 * HCP01 and HCP02 with any of HCP, HCP09/10 and HCP11/12 together. */
static void check_contract_pricing(ectx *x, int obj, int amt_obj, const x12_str *f,
                                   const int64_t *amt, const unsigned char *has)
{
    static const char *const segs[] = {"CN1", "HCP"};
    const char *where = obj == C8O_LINE ? "line" : "claim";
    int k;

    for (k = 0; k < 2; k++) {
        const c8_fdesc *at[16] = {NULL};
        int any = 0;
        size_t r;
        unsigned e;

        for (r = 0; r < C8R_N; r++) {
            const c8_fdesc *d = &c8_ftab[r];
            const c8_fpos *q = c8_pos_any(d, x->p);
            int amount = d->obj == amt_obj, set;

            if ((d->obj != obj && d->obj != amt_obj) || q->how != C8W_CODE ||
                strcmp(q->seg, segs[k]) != 0 || q->el >= 16)
                continue;
            at[q->el] = d;
            set = amount ? has[d->field] != 0 : f[d->field].len != 0;
            if (!set)
                continue;
            if (c8_pos(d, x->p) == NULL) {
                ffail(x, d, "not-used", "%s (%s%02u) is not used on an %s %s", d->label, q->seg,
                      q->el, x->p ? "837P" : "837I", where);
                continue;
            }
            any = 1;
            if (amount) {
                if (amt[d->field] < 0)
                    ffail(x, d, "amount-negative", "%s must not be negative", d->label);
                continue;
            }
            if (obj == C8O_LINE)
                check_ftext(x, d, f[d->field]);
            check_fcode(x, d, d->label, f[d->field]);
            /* percentages, the per diem or flat rate, the unit count */
            if ((k == 0 && (q->el == 3 || q->el == 5)) || (k == 1 && (q->el == 5 || q->el == 12)))
                if (!decimal_shape(f[d->field]))
                    ffail(x, d, "number-format", "%s (%s%02u) must be a decimal number",
                          d->label, q->seg, q->el);
        }
        if (!any)
            continue;
        for (e = 1; e <= (k == 0 ? 1u : 2u); e++) {
            const c8_fdesc *d = at[e];
            if (d != NULL && !(d->obj == amt_obj ? has[d->field] != 0 : f[d->field].len != 0))
                ffail(x, d, "required", "%s (%s%02u) is required with the %s's other %s elements",
                      d->label, segs[k], e, where, segs[k]);
        }
        if (k == 1 && at[9] != NULL && at[10] != NULL &&
            (f[at[9]->field].len == 0) != (f[at[10]->field].len == 0))
            ffail(x, at[f[at[9]->field].len ? 10 : 9], "required",
                  "the repriced procedure code (HCP10) and its qualifier (HCP09) come together");
        if (k == 1 && at[11] != NULL && at[12] != NULL &&
            (f[at[11]->field].len == 0) != (f[at[12]->field].len == 0))
            ffail(x, at[f[at[11]->field].len ? 12 : 11], "required",
                  "the repriced unit count (HCP12) and its unit (HCP11) come together");
    }
}

typedef struct crcctx {
    ectx *x;
    const c8_fdesc *d;
} crcctx;

static void check_crc_code(void *u, x12_str code, size_t i)
{
    crcctx *c = u;
    const char *codes = c->x->g.codes[c->d - c8_ftab];

    if (codes != NULL && !x12i_code_in(codes, code.ptr, code.len))
        ffail(c->x, c->d, "code-value", "%s %zu is not one of %.*s", c->d->label, i + 1,
              c8_codes_len(codes), codes + 1);
}

/* A CRC other than the ambulance's (claim: homebound, EPSDT; line: hospice
 * employee, DME): used by the kind (lines: the claim loop checks its
 * own), the answer (CRC02) one of the guide's, the condition codes
 * (CRC03-) the guide's, at most max, required with the answer and the
 * answer with them.  codes 0: the guide's one code is written. */
static void check_crc(ectx *x, int obj, const x12_str *f, int answer, int codes, size_t max)
{
    const c8_fdesc *da = c8_field(obj, answer), *dc = codes ? c8_field(obj, codes) : NULL;
    crcctx c = {x, dc};
    size_t n;

    if (obj == C8O_LINE && c8_pos(da, x->p) == NULL) {
        if (f[answer].len)
            ffail(x, da, "not-used", "%s is not used on an 837I line", da->label);
        if (codes && f[codes].len)
            ffail(x, dc, "not-used", "%s is not used on an 837I line", dc->label);
        return;
    }
    if (c8_pos(da, x->p) == NULL)
        return; /* the claim loop says "not used" */
    check_fcode(x, da, da->label, f[answer]);
    if (!codes)
        return;
    n = each_code(f[codes], check_crc_code, &c);
    if (n > max)
        ffail(x, dc, "too-many", "%zu %ss; at most %zu", n, dc->label, max);
    if (n && f[answer].len == 0)
        ffail(x, da, "required", "%s (CRC02) is required with the condition codes", da->label);
    if (!n && f[answer].len)
        ffail(x, dc, "required", "%s (CRC03) is required with the %s", dc->label, da->label);
}

/* 837P CR2: the patient's condition (CR208, the guide's codes) is
 * required with a description, the descriptions are text and the second
 * (CR211) needs the first; on an 837I the claim loop says "not used". */
static void check_spinal(ectx *x, const x12_str *cf)
{
    x12_str cond = cf[X12_CLAIM_SPINAL_CONDITION], d1 = cf[X12_CLAIM_SPINAL_DESCRIPTION];
    x12_str d2 = cf[X12_CLAIM_SPINAL_DESCRIPTION2];

    if (!x->p || (!cond.len && !d1.len && !d2.len))
        return;
    require_f(x, C8D(X12_CLAIM_SPINAL_CONDITION), "spinal manipulation patient condition (CR208)",
              cond);
    check_fcode(x, C8D(X12_CLAIM_SPINAL_CONDITION), "CR208 patient condition", cond);
    check_ftext(x, C8D(X12_CLAIM_SPINAL_DESCRIPTION), d1);
    check_ftext(x, C8D(X12_CLAIM_SPINAL_DESCRIPTION2), d2);
    if (d2.len && !d1.len)
        ffail(x, C8D(X12_CLAIM_SPINAL_DESCRIPTION), "required",
              "spinal manipulation condition description (CR210) is required with the second "
              "(CR211)");
}

/* ---- parties ------------------------------------------------------------------- */

typedef struct pinfo {
    const char *path;  /* "" when the caller already pushed one */
    const char *what;  /* "billing provider" */
    const char *loop;
    const char *nm101; /* for the id's message */
    const char *idname; /* "npi", "member_id", "payer_id", "id" */
} pinfo;

/* A party field's row; its path name is the role's id name (pi->idname)
 * for X12_PARTY_ID. */
static const c8_fdesc *pfield_of(x12_party_field f)
{
    return c8_field(C8O_PARTY, (int)f);
}

static const char *pname(const pinfo *pi, x12_party_field f)
{
    return f == X12_PARTY_ID ? pi->idname : pfield_of(f)->name;
}

static void pfail(ectx *x, const pinfo *pi, x12_party_field f, const char *rule,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void pfail(ectx *x, const pinfo *pi, x12_party_field f, const char *rule,
                  const char *fmt, ...)
{
    const c8_fpos *q = fpos(x, pfield_of(f));
    char msg[X12I_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fail(x, pname(pi, f), rule, q->seg, pi->loop, q->el, "%s %s", pi->what, msg);
}

static void preq(ectx *x, const pinfo *pi, const c8_pview *p, x12_party_field f)
{
    if (p->f[f].len == 0)
        pfail(x, pi, f, "required", "%s is required", pfield_of(f)->label);
}

/*
 * The party's REF fields (c8_party_refs) where the guide has no REF with
 * that qualifier in the party's loop: "not-used", never dropped (the
 * billing provider's own EIN/SSN rules are check_provider_fields'); and no
 * more of one REF segment than the guide allows (2010BB payer ids: three
 * of four qualifiers).
 */
static void party_refs_used(ectx *x, const pinfo *pi, const c8_pview *p)
{
    unsigned order[C8_NPARTY_REFS], reps[C8_NPARTY_REFS];
    const char *codes;
    size_t i, j;

    for (i = 0; i < C8_NPARTY_REFS; i++) {
        int f = c8_party_refs[i];
        const char *q = c8_party_ref_qual(f);
        unsigned n = 0;

        order[i] = 0;
        if (p->f[f].len == 0)
            continue;
        if (strcmp(pi->loop, "2010AA") == 0 && (f == X12_PARTY_EIN || f == X12_PARTY_SSN))
            continue;
        if ((codes = c8_guide_seg(x->p, pi->loop, "REF", q, 1, &order[i], &reps[i])) == NULL) {
            pfail(x, pi, (x12_party_field)f, "not-used", "%s is not used in loop %s (no REF*%s)",
                  pfield_of((x12_party_field)f)->label, pi->loop, q);
            continue;
        }
        for (j = 0; j <= i; j++)
            n += order[j] == order[i];
        if (reps[i] && n == reps[i] + 1)
            pfail(x, pi, (x12_party_field)f, "too-many",
                  "has more identifiers of REF*%.*s than the %u loop %s allows", c8_codes_len(codes),
                  codes + 1, reps[i], pi->loop);
    }
}

/*
 * Contact, phone, extension, fax and email go to the PER of the party's
 * loop: "not-used" where the guide has none (a subscriber's or patient's
 * on the 837I, a claim provider's but the 837P service facility's, ...),
 * no EM or FX (the property and casualty contacts, the service
 * facility's: a phone and its extension only) or no EX; a phone is
 * required with an extension (EX follows TE) and where PER03 can only be
 * TE; the writer puts three numbers in one PER and the fourth in a second
 * one, which only 1000A and 2010AA allow ("too-many" elsewhere).
 */
static void party_contact_used(ectx *x, const pinfo *pi, const c8_pview *p)
{
    static const int fs[5] = {X12_PARTY_CONTACT, X12_PARTY_PHONE, X12_PARTY_PHONE_EXTENSION,
                              X12_PARTY_FAX, X12_PARTY_EMAIL};
    const char *codes, *more;
    unsigned reps = 0, pairs = 0;
    int k, any = 0;

    for (k = 0; k < 5; k++)
        any |= p->f[fs[k]].len != 0;
    if (!any)
        return;
    codes = c8_guide_seg(x->p, pi->loop, "PER", "", 3, NULL, &reps);
    if (codes == NULL) {
        for (k = 0; k < 5; k++)
            if (p->f[fs[k]].len)
                pfail(x, pi, (x12_party_field)fs[k], "not-used",
                      "%s is not used in loop %s (no PER)",
                      pfield_of((x12_party_field)fs[k])->label, pi->loop);
        return;
    }
    more = c8_guide_seg(x->p, pi->loop, "PER", "", 5, NULL, NULL);
    if (p->f[X12_PARTY_EMAIL].len && !x12i_code_in(codes, "EM", 2))
        pfail(x, pi, X12_PARTY_EMAIL, "not-used",
              "email address is not used in loop %s (its PER takes a phone number)", pi->loop);
    if (p->f[X12_PARTY_FAX].len && !x12i_code_in(codes, "FX", 2))
        pfail(x, pi, X12_PARTY_FAX, "not-used",
              "fax number is not used in loop %s (its PER takes a phone number and its "
              "extension)",
              pi->loop);
    if (p->f[X12_PARTY_PHONE_EXTENSION].len && (more == NULL || !x12i_code_in(more, "EX", 2)))
        pfail(x, pi, X12_PARTY_PHONE_EXTENSION, "not-used",
              "phone extension is not used in loop %s (its PER has no EX)", pi->loop);
    else if (p->f[X12_PARTY_PHONE_EXTENSION].len && !p->f[X12_PARTY_PHONE].len)
        pfail(x, pi, X12_PARTY_PHONE, "required",
              "phone number is required with a phone extension in loop %s (EX follows TE)",
              pi->loop);
    else if (!p->f[X12_PARTY_PHONE].len && !x12i_code_in(codes, "EM", 2) &&
             !x12i_code_in(codes, "FX", 2))
        pfail(x, pi, X12_PARTY_PHONE, "required",
              "phone number is required with a contact in loop %s (PER*IC*name*TE)", pi->loop);
    else if (!p->f[X12_PARTY_PHONE].len && !p->f[X12_PARTY_FAX].len &&
             !p->f[X12_PARTY_EMAIL].len && strcmp(pi->loop, "1000A") != 0)
        /* the submitter's own check says so */
        pfail(x, pi, X12_PARTY_PHONE, "required",
              "phone number, fax number or email address is required with a contact in loop %s "
              "(PER03, PER04)",
              pi->loop);
    for (k = 1; k < 5; k++)
        pairs += p->f[fs[k]].len != 0;
    if (pairs > 3 && reps < 2)
        pfail(x, pi, X12_PARTY_EMAIL, "too-many",
              "has too many contact numbers for one PER in loop %s: phone, extension, fax and "
              "email need two, and the loop has one",
              pi->loop);
}

/* PAT05-PAT09 of the patient (837P, subscribers and patients only): the
 * death date a real date not before the birth date, the weight a positive
 * number of pounds, the pregnancy indicator Y. */
static void check_pat_info(ectx *x, const pinfo *pi, const c8_pview *p)
{
    static const x12_party_field pf[] = {X12_PARTY_DEATH_DATE, X12_PARTY_WEIGHT,
                                         X12_PARTY_PREGNANT};
    static const unsigned pel[] = {6, 8, 9};
    int patient = strcmp(pi->what, "patient") == 0;
    int used = patient || strcmp(pi->what, "subscriber") == 0;
    const char *loop = patient ? "2000C" : "2000B";
    x12_str d = p->f[X12_PARTY_DEATH_DATE], b = p->f[X12_PARTY_BIRTH_DATE];
    x12_str w = p->f[X12_PARTY_WEIGHT], g = p->f[X12_PARTY_PREGNANT];
    size_t i;

    for (i = 0; i < sizeof pf / sizeof pf[0]; i++) {
        if (p->f[pf[i]].len == 0 || (used && x->p))
            continue;
        fail(x, pname(pi, pf[i]), "not-used", "PAT", loop, pel[i], "%s %s is not used %s",
             pi->what, pfield_of(pf[i])->label,
             x->p ? "(PAT describes a subscriber or patient)" : "on 837I claims");
    }
    if (!used || !x->p)
        return;
    check_date(x, "death_date", "patient death date (PAT06)", "PAT", loop, 6, d);
    if (d.len == 8 && b.len == 8 && c8_is_date(d.ptr, d.len) && c8_is_date(b.ptr, b.len) &&
        memcmp(d.ptr, b.ptr, 8) < 0)
        fail(x, "death_date", "date-order", "PAT", loop, 6,
             "%s death date is before the birth date", pi->what);
    if (w.len && !quantity_shape(w))
        fail(x, "weight", "weight-format", "PAT", loop, 8,
             "%s weight (PAT08, pounds) must be a positive number", pi->what);
    if (g.len && !x12i_code_in(x->g.codes[C8R_X12_PARTY_PREGNANT], g.ptr, g.len))
        fail(x, "pregnant", "code-value", "PAT", loop, 9,
             "%s pregnancy indicator (PAT09) is not one of %.*s", pi->what,
             c8_codes_len(x->g.codes[C8R_X12_PARTY_PREGNANT]),
             x->g.codes[C8R_X12_PARTY_PREGNANT] + 1);
}

/* Shapes of every field that is set, whatever the role. */
static void party_shapes(ectx *x, const pinfo *pi, const c8_pview *p, int zip9)
{
    int f;
    x12_str v;

    for (f = 1; f <= C8_PARTY_NF; f++) {
        const c8_fdesc *d;
        const c8_fpos *q;
        if (p->f[f].len == 0)
            continue;
        d = pfield_of((x12_party_field)f);
        q = fpos(x, d);
        if (q->seg[0] == '\0')
            continue; /* not used by the kind: its own check says so */
        check_text2(x, pname(pi, (x12_party_field)f), pi->what, d->label, q->seg, pi->loop,
                    q->el, p->f[f], field_max(x, d));
    }
    v = p->f[X12_PARTY_ZIP];
    if (v.len) {
        if (zip9 && !(v.len == 9 && all_digits(v)))
            pfail(x, pi, X12_PARTY_ZIP, "zip-plus4",
                  "ZIP code must have 9 digits (ZIP+4), without a hyphen");
        else if (!zip9 && !((v.len == 5 || v.len == 9) && all_digits(v)))
            pfail(x, pi, X12_PARTY_ZIP, "zip-format", "ZIP code must be 5 or 9 digits");
    }
    v = p->f[X12_PARTY_STATE];
    if (v.len && !(v.len == 2 && x12i_is_upper(v.ptr[0]) && x12i_is_upper(v.ptr[1])))
        pfail(x, pi, X12_PARTY_STATE, "state-format",
              "state must be a 2-letter upper-case code");
    else if (v.len && !x12i_state_code(v.ptr, v.len))
        /* what the validator checks N402 against */
        pfail(x, pi, X12_PARTY_STATE, "state-code",
              "state is not a US state, territory or military code, or a Canadian "
              "province");
    check_date(x, "birth_date", pi->what, "DMG", pi->loop, 2, p->f[X12_PARTY_BIRTH_DATE]);
    v = p->f[X12_PARTY_GENDER];
    if (v.len && !x12i_code_in(x->g.codes[C8R_X12_PARTY_GENDER], v.ptr, v.len))
        pfail(x, pi, X12_PARTY_GENDER, "code-value", "gender is not one of %.*s",
              c8_codes_len(x->g.codes[C8R_X12_PARTY_GENDER]),
              x->g.codes[C8R_X12_PARTY_GENDER] + 1);
    v = p->f[X12_PARTY_EIN];
    if (v.len && !(v.len == 9 && all_digits(v)))
        pfail(x, pi, X12_PARTY_EIN, "ein-format", "EIN must be 9 digits without a hyphen");
    v = p->f[X12_PARTY_SSN];
    if (v.len && !(v.len == 9 && all_digits(v)))
        pfail(x, pi, X12_PARTY_SSN, "ssn-format", "SSN must be 9 digits without hyphens");
    v = p->f[X12_PARTY_TAXONOMY];
    if (v.len && !(v.len == 10 && all_alnum_uc(v) && v.ptr[9] == 'X'))
        pfail(x, pi, X12_PARTY_TAXONOMY, "taxonomy-format",
              "taxonomy code must be 10 characters ending in X");
    check_pat_info(x, pi, p);
    v = p->f[X12_PARTY_CURRENCY];
    if (v.len && strcmp(pi->what, "billing provider") != 0)
        pfail(x, pi, X12_PARTY_CURRENCY, "not-used",
              "currency code is not used (CUR is the billing provider's)");
    else if (v.len && !(v.len == 3 && x12i_is_upper(v.ptr[0]) && x12i_is_upper(v.ptr[1]) &&
                        x12i_is_upper(v.ptr[2])))
        pfail(x, pi, X12_PARTY_CURRENCY, "currency-format",
              "currency code must be 3 upper-case letters (ISO 4217, such as CAD)");
    if (p->entity == X12_ENTITY_ORGANIZATION && p->f[X12_PARTY_FIRST_NAME].len)
        pfail(x, pi, X12_PARTY_FIRST_NAME, "not-used",
              "first name is not used for an organization");
    party_refs_used(x, pi, p);
    party_contact_used(x, pi, p);
}

static void check_npi(ectx *x, const pinfo *pi, const c8_pview *p)
{
    x12_str v = p->f[X12_PARTY_ID];

    if (v.len == 0)
        return;
    if (v.len != 10 || !all_digits(v))
        pfail(x, pi, X12_PARTY_ID, "npi-format", "NPI must be 10 digits");
    else if (!x12i_npi_valid(v.ptr, v.len))
        pfail(x, pi, X12_PARTY_ID, "npi-check-digit",
              "NPI check digit is wrong (Luhn with the 80840 prefix)");
}

static void check_address(ectx *x, const pinfo *pi, const c8_pview *p)
{
    preq(x, pi, p, X12_PARTY_ADDRESS1);
    preq(x, pi, p, X12_PARTY_CITY);
    preq(x, pi, p, X12_PARTY_STATE);
    preq(x, pi, p, X12_PARTY_ZIP);
}

static void check_name(ectx *x, const pinfo *pi, const c8_pview *p)
{
    preq(x, pi, p, X12_PARTY_NAME);
}

static int party_used(const x12_party *p)
{
    return c8_fields_any(&p->fl);
}

/* ---- the envelope and header ------------------------------------------------------ */

static void check_header(ectx *x)
{
    x12_batch *b = x->b;
    pinfo sub = {"submitter", "submitter", "1000A", "41", "id"};
    pinfo rcv = {"receiver", "receiver", "1000B", "40", "id"};
    size_t old;
    x12_str v;
    c8_pview pv;

    old = push(x, "batch");
    require_f(x, C8D(X12_BATCH_SENDER_ID), "interchange sender id (ISA06)",
              b->f[X12_BATCH_SENDER_ID]);
    check_ftext(x, C8D(X12_BATCH_SENDER_ID), b->f[X12_BATCH_SENDER_ID]);
    require_f(x, C8D(X12_BATCH_RECEIVER_ID), "interchange receiver id (ISA08)",
              b->f[X12_BATCH_RECEIVER_ID]);
    check_ftext(x, C8D(X12_BATCH_RECEIVER_ID), b->f[X12_BATCH_RECEIVER_ID]);
    v = b->f[X12_BATCH_SENDER_QUALIFIER];
    if (v.len && !(v.len == 2 && all_alnum_uc(v)))
        ffail(x, C8D(X12_BATCH_SENDER_QUALIFIER), "qualifier-format",
              "interchange sender id qualifier must be 2 characters such as ZZ");
    v = b->f[X12_BATCH_RECEIVER_QUALIFIER];
    if (v.len && !(v.len == 2 && all_alnum_uc(v)))
        ffail(x, C8D(X12_BATCH_RECEIVER_QUALIFIER), "qualifier-format",
              "interchange receiver id qualifier must be 2 characters such as ZZ");
    check_ftext(x, C8D(X12_BATCH_GS_SENDER), b->f[X12_BATCH_GS_SENDER]);
    check_ftext(x, C8D(X12_BATCH_GS_RECEIVER), b->f[X12_BATCH_GS_RECEIVER]);
    require_f(x, C8D(X12_BATCH_DATE), "interchange date", b->f[X12_BATCH_DATE]);
    check_fdate(x, C8D(X12_BATCH_DATE), "interchange date", b->f[X12_BATCH_DATE]);
    v = b->f[X12_BATCH_TIME];
    require_f(x, C8D(X12_BATCH_TIME), "interchange time", v);
    if (v.len && !is_hhmm(v))
        ffail(x, C8D(X12_BATCH_TIME), "time-format", "interchange time must be HHMM");
    require_f(x, C8D(X12_BATCH_REFERENCE), "batch reference (BHT03)", b->f[X12_BATCH_REFERENCE]);
    check_ftext(x, C8D(X12_BATCH_REFERENCE), b->f[X12_BATCH_REFERENCE]);
    check_fcode(x, C8D(X12_BATCH_PURPOSE), "BHT02 purpose", b->f[X12_BATCH_PURPOSE]);
    check_fcode(x, C8D(X12_BATCH_TRANSACTION_TYPE), "BHT06 transaction type",
                b->f[X12_BATCH_TRANSACTION_TYPE]);
    pop(x, old);

    old = push(x, "submitter");
    c8_party_view(&b->submitter, &pv);
    party_shapes(x, &sub, &pv, 0);
    check_name(x, &sub, &pv);
    preq(x, &sub, &pv, X12_PARTY_ID);
    if (pv.f[X12_PARTY_PHONE].len == 0 && pv.f[X12_PARTY_EMAIL].len == 0 &&
        pv.f[X12_PARTY_FAX].len == 0)
        fail(x, "phone", "required", "PER", "1000A", 4,
             "submitter phone number, fax number or email address is required");
    pop(x, old);
    old = push(x, "receiver");
    c8_party_view(&b->receiver, &pv);
    party_shapes(x, &rcv, &pv, 0);
    check_name(x, &rcv, &pv);
    preq(x, &rcv, &pv, X12_PARTY_ID);
    pop(x, old);
}

/* ---- claims ------------------------------------------------------------------------- */

static const char *role_name(x12_claim_role r)
{
    const char *n = x12_claim_role_name(r);

    return *n ? n : "provider";
}

static int is_ambulance_role(x12_claim_role r)
{
    return r == X12_ROLE_AMBULANCE_PICKUP || r == X12_ROLE_AMBULANCE_DROPOFF;
}

/* "a" or "an" before a role's name. */
static const char *role_article(x12_claim_role r)
{
    return strchr("aeiou", role_name(r)[0]) != NULL ? "an" : "a";
}

/* NM102 values the guides allow for a provider role (claim or line): 1
 * a person, 2 an organization, 3 either. */
static int role_entities(int p, x12_claim_role r)
{
    if (r == X12_ROLE_SERVICE_FACILITY || is_ambulance_role(r))
        return 2;
    if (p && (r == X12_ROLE_RENDERING || r == X12_ROLE_PURCHASED_SERVICE))
        return 3;
    return 1;
}

static const char *role_loop(int p, x12_claim_role r)
{
    return c8_role_loop(p, r, 0);
}

static const char *line_role_loop(int p, x12_claim_role r)
{
    return c8_role_loop(p, r, 1);
}

/*
 * A claim provider (2310x) or a line provider (2420x) in role r, written
 * in `loop`: its name; its NPI (check digit), required but for the
 * referring, primary care, supervising and ordering providers and the service facility;
 * the facility's address (an ordering provider's when it has one); a
 * person's first name; and the entity the guide allows in NM102.  The
 * ambulance pick-up and drop-off locations (837P 2310E/F, 2420G/H) are an
 * organization's address: the guide has no id for them (NM108/NM109 not
 * used) and no name for the pick-up (NM103); the drop-off's name is the
 * place's, when it has one.
 */
static void check_role_party(ectx *x, const x12_party *party, x12_claim_role r,
                             const char *loop, int line)
{
    const c8_pview *p = &x->v;
    char what[64];
    pinfo pi;
    int ent;

    c8_party_view(party, &x->v);
    if (is_ambulance_role(r))
        snprintf(what, sizeof what, "%sambulance %s location", line ? "line " : "",
                 r == X12_ROLE_AMBULANCE_PICKUP ? "pick-up" : "drop-off");
    else
        snprintf(what, sizeof what, "%s%s provider", line ? "line " : "", role_name(r));
    pi.path = "";
    pi.what = what;
    pi.loop = loop;
    pi.nm101 = "";
    pi.idname = "npi";
    party_shapes(x, &pi, p, 0);
    if (is_ambulance_role(r)) {
        check_address(x, &pi, p);
        if (p->f[X12_PARTY_ID].len)
            pfail(x, &pi, X12_PARTY_ID, "not-used", "identifier is not used (NM108/NM109)");
        if (r == X12_ROLE_AMBULANCE_PICKUP && p->f[X12_PARTY_NAME].len)
            pfail(x, &pi, X12_PARTY_NAME, "not-used", "name is not used (NM103)");
        if (p->entity != X12_ENTITY_ORGANIZATION)
            fail(x, "entity", "organization-only", "NM1", loop, 2,
                 "the %s must be an organization (NM102 2)", what);
        return;
    }
    /* The purchased service provider (837P 2420B): its name and NPI are
     * situational in the guide (NM103, NM108/NM109 S): written when given. */
    if (r != X12_ROLE_PURCHASED_SERVICE)
        check_name(x, &pi, p);
    check_npi(x, &pi, p);
    if (r == X12_ROLE_SERVICE_FACILITY ||
        (r == X12_ROLE_ORDERING && (p->f[X12_PARTY_ADDRESS1].len || p->f[X12_PARTY_CITY].len)))
        check_address(x, &pi, p);
    if (r != X12_ROLE_SERVICE_FACILITY && r != X12_ROLE_REFERRING && r != X12_ROLE_SUPERVISING &&
        r != X12_ROLE_ORDERING && r != X12_ROLE_PURCHASED_SERVICE && r != X12_ROLE_PRIMARY_CARE)
        preq(x, &pi, p, X12_PARTY_ID);
    if (p->entity == X12_ENTITY_PERSON && r != X12_ROLE_SERVICE_FACILITY &&
        (r != X12_ROLE_PURCHASED_SERVICE || p->f[X12_PARTY_NAME].len))
        preq(x, &pi, p, X12_PARTY_FIRST_NAME);
    ent = role_entities(x->p, r);
    if (!(ent & (p->entity == X12_ENTITY_PERSON ? 1 : 2)))
        fail(x, "entity", ent == 1 ? "person-only" : "organization-only", "NM1", loop, 2,
             "the %s must be %s (NM102 %d)", what, ent == 1 ? "a person" : "an organization",
             ent);
}

static void check_claim_providers(ectx *x, const x12_claim *c)
{
    int r;

    for (r = 1; r <= C8_NROLES; r++) {
        const x12_party *party = c8_claim_role(c, r);
        const char *loop;
        size_t old;

        if (party == NULL || !party_used(party))
            continue;
        loop = role_loop(x->p, (x12_claim_role)r);
        old = push(x, role_name((x12_claim_role)r));
        if (loop == NULL)
            fail(x, NULL, "not-used", "NM1", "2310", 1, "%s %s provider is not used on an %s claim",
                 role_article((x12_claim_role)r), role_name((x12_claim_role)r),
                 x->p ? "837P" : "837I");
        else
            check_role_party(x, party, (x12_claim_role)r, loop, 0);
        pop(x, old);
    }
}

static size_t dx_count(const x12_claim *c, x12_dx_kind k)
{
    size_t i, n = 0;

    for (i = 0; i < c->ndx; i++)
        n += c->dx[i].kind == k;
    return n;
}

static void check_diagnoses(ectx *x, const x12_claim *c)
{
    size_t i, n, nother = 0, old;
    int cs = c8_claim_code_set(c, x->p);

    if (dx_count(c, X12_DX_PRINCIPAL) == 0)
        fail(x, "diagnosis", "required", "HI", "2300", 1, "principal diagnosis (ABK) is required");
    /* The guides leave the code set to HIPAA's ICD-10 date; one claim is
     * of one code set (c8_claim_code_set). */
    if (cs == C8_CS_MIXED)
        fail(x, "diagnosis", "code-set", "HI", "2300", 1,
             "the claim's service dates fall before and after 2015-10-01: its diagnoses "
             "cannot be both ICD-9-CM and ICD-10-CM; split the claim at that date");
    for (i = 0; i < c->ndx; i++) {
        const c8_dx *d = &c->dx[i];
        old = push_index(x, "diagnosis", i + 1);
        if (cs == C8_CS_MIXED) {
            /* which shape is the one to check: the code-set edit says */
        } else if (cs == C8_CS_ICD9) {
            if (!icd9cm_shape(d->code))
                fail(x, NULL, "icd9cm-format", "HI", "2300", 1,
                     "diagnosis %zu is not an ICD-9-CM code (the claim's services are before "
                     "2015-10-01): 3 to 5 digits, V and 2 to 4 digits, or E and 3 or 4 digits "
                     "(a dot only after the third digit, or the fourth character of an E code)",
                     i + 1);
        } else if (!icd10cm_shape(d->code))
            fail(x, NULL, "icd10cm-format", "HI", "2300", 1,
                 "diagnosis %zu is not an ICD-10-CM code: a letter, a digit, a letter or digit, "
                 "then up to 4 letters or digits (upper case; a dot only after the third)",
                 i + 1);
        if (x->p && (d->kind == X12_DX_ADMITTING || d->kind == X12_DX_REASON ||
                     d->kind == X12_DX_EXTERNAL_CAUSE))
            fail(x, NULL, "not-used", "HI", "2300", 1,
                 "admitting, reason-for-visit and external cause of injury diagnoses are not "
                 "used on an 837P claim");
        if (d->poa) {
            if (x->p || !(d->kind == X12_DX_PRINCIPAL || d->kind == X12_DX_OTHER ||
                          d->kind == X12_DX_EXTERNAL_CAUSE))
                fail(x, "poa", "not-used", "HI", "2300", 1,
                     "a present-on-admission indicator is used only on 837I principal, other "
                     "and external cause of injury diagnoses");
            else if (!x12i_code_in(x->poa_codes, &d->poa, 1))
                fail(x, "poa", "code-value", "HI", "2300", 1,
                     "present-on-admission indicator is not one of %.*s",
                     c8_codes_len(x->poa_codes), x->poa_codes + 1);
        }
        if (d->kind == X12_DX_OTHER)
            nother++;
        pop(x, old);
    }
    if ((n = dx_count(c, X12_DX_PRINCIPAL)) > 1)
        fail(x, "diagnosis", "too-many", "HI", "2300", 1,
             "%zu principal diagnoses; a claim has one", n);
    if (x->p && c->ndx > 12)
        fail(x, "diagnosis", "too-many", "HI", "2300", 1,
             "%zu diagnoses; an 837P claim carries at most 12", c->ndx);
    if (!x->p) {
        if (nother > 24)
            fail(x, "diagnosis", "too-many", "HI", "2300", 1,
                 "%zu other diagnoses; an 837I claim carries at most 24", nother);
        if ((n = dx_count(c, X12_DX_ADMITTING)) > 1)
            fail(x, "diagnosis", "too-many", "HI", "2300", 1,
                 "%zu admitting diagnoses; a claim has one", n);
        if ((n = dx_count(c, X12_DX_REASON)) > 3)
            fail(x, "diagnosis", "too-many", "HI", "2300", 1,
                 "%zu reason-for-visit diagnoses; at most 3", n);
        if ((n = dx_count(c, X12_DX_EXTERNAL_CAUSE)) > 12)
            fail(x, "diagnosis", "too-many", "HI", "2300", 1,
                 "%zu external cause of injury diagnoses; at most 12", n);
    }
}

static void check_codes(ectx *x, const x12_claim *c)
{
    static const char *const names[] = {"",
                                        "principal procedure",
                                        "other procedure",
                                        "occurrence code",
                                        "occurrence span code",
                                        "value code",
                                        "condition code",
                                        "treatment code",
                                        "anesthesia related procedure"};
    size_t i, count[X12_CODE_ANESTHESIA_PROCEDURE + 1] = {0}, old;
    int k, icd9 = c8_claim_code_set(c, x->p) == C8_CS_ICD9;

    for (i = 0; i < c->ncodes; i++) {
        const c8_code *d = &c->codes[i];
        const char *what = names[d->kind];
        /* the 837P has conditions and anesthesia related procedures, the
         * 837I all the others and conditions */
        int used = d->kind == X12_CODE_CONDITION ||
                   (x->p ? d->kind == X12_CODE_ANESTHESIA_PROCEDURE
                         : d->kind != X12_CODE_ANESTHESIA_PROCEDURE);
        count[d->kind]++;
        old = push_index(x, "code", i + 1);
        if (!used) {
            fail(x, NULL, "not-used", "HI", "2300", 1, "%s %s is not used on an %s claim",
                 what[0] == 'a' || what[0] == 'o' ? "an" : "a", what, x->p ? "837P" : "837I");
            pop(x, old);
            continue;
        }
        switch (d->kind) {
        case X12_CODE_PRINCIPAL_PROCEDURE:
        case X12_CODE_OTHER_PROCEDURE:
            if (icd9) {
                if (!icd9proc_shape(d->code))
                    fail(x, NULL, "icd9proc-format", "HI", "2300", 1,
                         "%s is not an ICD-9-CM procedure code (the claim's services are "
                         "before 2015-10-01): 2 digits, a dot, 1 or 2 digits",
                         what);
            } else if (!icd10pcs_shape(d->code))
                fail(x, NULL, "icd10pcs-format", "HI", "2300", 1,
                     "%s is not an ICD-10-PCS code: 7 upper-case letters or digits, no I or O",
                     what);
            required(x, "date", "procedure date", "HI", "2300", 1, d->date);
            check_date(x, "date", "procedure date", "HI", "2300", 1, d->date);
            break;
        case X12_CODE_OCCURRENCE:
            required(x, "date", "occurrence date", "HI", "2300", 1, d->date);
            check_date(x, "date", "occurrence date", "HI", "2300", 1, d->date);
            break;
        case X12_CODE_OCCURRENCE_SPAN:
            required(x, "date", "occurrence span start date", "HI", "2300", 1, d->date);
            required(x, "date2", "occurrence span end date", "HI", "2300", 1, d->date2);
            check_range(x, "date", "date2", "occurrence span", "HI", "2300", 1, d->date,
                        d->date2);
            break;
        case X12_CODE_ANESTHESIA_PROCEDURE:
            if (!procedure_shape(d->code))
                fail(x, NULL, "procedure-format", "HI", "2300", 1,
                     "anesthesia related procedure must be a CPT code (4 digits then a digit, "
                     "F or T) or a HCPCS code (a letter A-V then 4 digits)");
            break;
        case X12_CODE_TREATMENT:
            check_text(x, NULL, what, "HI", "2300", 1, d->code, 30);
            break;
        default:
            break;
        }
        if (d->kind != X12_CODE_PRINCIPAL_PROCEDURE && d->kind != X12_CODE_OTHER_PROCEDURE &&
            d->kind != X12_CODE_ANESTHESIA_PROCEDURE && d->kind != X12_CODE_TREATMENT &&
            !(d->code.len == 2 && all_alnum_uc(d->code)))
            fail(x, NULL, "code-format", "HI", "2300", 1,
                 "%s must be 2 upper-case letters or digits", what);
        pop(x, old);
    }
    if (count[X12_CODE_PRINCIPAL_PROCEDURE] > 1)
        fail(x, "code", "too-many", "HI", "2300", 1, "%zu principal procedures; a claim has one",
             count[X12_CODE_PRINCIPAL_PROCEDURE]);
    if (count[X12_CODE_OTHER_PROCEDURE] && !count[X12_CODE_PRINCIPAL_PROCEDURE] && !x->p)
        fail(x, "code", "required", "HI", "2300", 1,
             "a principal procedure (BBR) is required when other procedures are given");
    for (k = 2; k <= X12_CODE_TREATMENT; k++)
        if (count[k] > 24)
            fail(x, "code", "too-many", "HI", "2300", 1, "%zu %ss; at most 24", count[k],
                 names[k]);
    if (count[X12_CODE_ANESTHESIA_PROCEDURE] > 2)
        fail(x, "code", "too-many", "HI", "2300", 1,
             "%zu anesthesia related procedures; at most 2 (BP and BO)",
             count[X12_CODE_ANESTHESIA_PROCEDURE]);
}

/* The CAS rules of one list of adjustments (claim level in 2320, line
 * level in 2430); returns their sum. */
/* *sum += v; 0 (and *sum unchanged) when it would overflow. */
static int add_cents(int64_t *sum, int64_t v)
{
    if ((v > 0 && *sum > INT64_MAX - v) || (v < 0 && *sum < INT64_MIN - v))
        return 0;
    *sum += v;
    return 1;
}

static int64_t check_adjustments(ectx *x, const c8_adj *adj, size_t nadj, const char *loop,
                                 int *sum_ok)
{
    size_t j, k, groups = 0, o2;
    int64_t sum = 0;

    for (j = 0; j < nadj; j++) {
        const c8_adj *a = &adj[j];
        int first = 1;
        size_t same = 0;
        o2 = push_index(x, "adjustment", j + 1);
        if (!x12i_code_in(x->cas_codes, a->group.ptr, a->group.len))
            fail(x, "group", "code-value", "CAS", loop, 1, "adjustment group is not one of %.*s",
                 c8_codes_len(x->cas_codes), x->cas_codes + 1);
        if (!(a->reason.len >= 1 && a->reason.len <= 5 && all_alnum_uc(a->reason)))
            fail(x, "reason", "code-format", "CAS", loop, 2,
                 "adjustment reason must be 1 to 5 upper-case letters or digits");
        if (a->quantity.len && !quantity_shape(a->quantity))
            fail(x, "quantity", "quantity-format", "CAS", loop, 4,
                 "adjustment quantity must be a positive decimal number");
        pop(x, o2);
        if (!add_cents(&sum, a->cents))
            *sum_ok = 0;
        /* CAS segments this adjustment's group needs: count once per
         * group, six adjustments per segment. */
        for (k = 0; k < j; k++)
            if (adj[k].group.len == a->group.len &&
                memcmp(adj[k].group.ptr, a->group.ptr, a->group.len) == 0) {
                first = 0;
                same++;
            }
        if (first || same % 6 == 0)
            groups++;
    }
    if (groups > 5)
        fail(x, "adjustment", "too-many", "CAS", loop, 1,
             "the adjustments need %zu CAS segments; at most 5 (six per group and segment)",
             groups);
    return sum;
}

static int same_str(x12_str a, x12_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Whether the other payer adjudicated at the line level: some 2430 names
 * its payer id. */
static int has_line_adjudication(const x12_claim *c, const x12_other_payer *op)
{
    const x12_service_line *l;
    const x12_line_adjudication *a;
    x12_str id = c8_fields_get(&op->payer.fl, X12_PARTY_ID);

    if (id.len == 0)
        return 0;
    for (l = c->l_first; l != NULL; l = l->next)
        for (a = l->la_first; a != NULL; a = a->next)
            if (same_str(c8_fields_get(&a->fl, X12_LA_PAYER_ID), id))
                return 1;
    return 0;
}

/* The sum of the line adjustments (2430 CAS) of that other payer. */
static int64_t line_adjustments(const x12_claim *c, const x12_other_payer *op, int *sum_ok)
{
    const x12_service_line *l;
    const x12_line_adjudication *a;
    x12_str id = c8_fields_get(&op->payer.fl, X12_PARTY_ID);
    int64_t sum = 0;
    size_t k;

    if (id.len == 0)
        return 0;
    for (l = c->l_first; l != NULL; l = l->next)
        for (a = l->la_first; a != NULL; a = a->next)
            if (same_str(c8_fields_get(&a->fl, X12_LA_PAYER_ID), id))
                for (k = 0; k < a->nadj; k++)
                    if (!add_cents(&sum, a->adj[k].cents))
                        *sum_ok = 0;
    return sum;
}

/*
 * An other payer's providers (2330C-I): the guides give them the entity
 * (NM102, from the loop's codes) and the secondary ids (REF, required, the
 * loop's qualifiers: party_shapes), nothing else (NM103-NM109 not used).
 */
static void check_op_providers(ectx *x, const x12_other_payer *op)
{
    int r, f;

    if (op->roles == NULL)
        return;
    for (r = 1; r <= C8_NROLES; r++) {
        const x12_party *party = op->roles[r];
        const char *code = "", *loop, *ents, *seg;
        char what[64];
        pinfo pi;
        size_t old;
        int any = 0;

        if (!c8_op_provider_used(party))
            continue;
        old = push(x, role_name((x12_claim_role)r));
        loop = c8_op_role_loop(x->p, (x12_claim_role)r, &code);
        if (loop == NULL) {
            fail(x, NULL, "not-used", "NM1", "2330", 1,
                 "an other payer's %s provider is not used on an %s claim",
                 role_name((x12_claim_role)r), x->p ? "837P" : "837I");
            pop(x, old);
            continue;
        }
        snprintf(what, sizeof what, "other payer %s provider", role_name((x12_claim_role)r));
        pi.path = "";
        pi.what = what;
        pi.loop = loop;
        pi.nm101 = code;
        pi.idname = "npi";
        c8_party_view(party, &x->v);
        party_shapes(x, &pi, &x->v, 0);
        for (f = 1; f <= C8_PARTY_NF; f++) {
            if (f >= X12_PARTY_STATE_LICENSE && f <= X12_PARTY_LOCATION_NUMBER) {
                /* one that the loop takes (a REF will be written) */
                any |= x->v.f[f].len != 0 &&
                       c8_guide_allows(x->p, loop, "REF", c8_party_ref_qual(f));
                continue;
            }
            /* REF and PER fields: party_shapes said where they are not used */
            seg = fpos(x, pfield_of((x12_party_field)f))->seg;
            if (x->v.f[f].len && strcmp(seg, "REF") != 0 && strcmp(seg, "PER") != 0)
                pfail(x, &pi, (x12_party_field)f, "not-used",
                      "%s is not used in loop %s (NM1 gives the entity only)",
                      pfield_of((x12_party_field)f)->label, loop);
        }
        if (!any)
            pfail(x, &pi, X12_PARTY_COMMERCIAL_ID, "required",
                  "secondary identifier (REF*0B, 1G, G2 or LU) is required in loop %s", loop);
        ents = c8_guide_seg(x->p, loop, "NM1", "", 2, NULL, NULL);
        if (ents != NULL && ents[0] &&
            !x12i_code_in(ents, x->v.entity == X12_ENTITY_PERSON ? "1" : "2", 1))
            fail(x, "entity", x->v.entity == X12_ENTITY_PERSON ? "organization-only" : "person-only",
                 "NM1", loop, 2, "the %s must be %s (NM102%.*s)", what,
                 x->v.entity == X12_ENTITY_PERSON ? "an organization" : "a person",
                 c8_codes_len(ents) + 1, ents);
        pop(x, old);
    }
}

/* A rate given as a decimal fraction from 0 to 1 (MOA01: 0.8 for 80%). */
static int fraction_shape(x12_str v)
{
    size_t i, digits = 0, ones = 0;
    int dot = 0, frac_nonzero = 0;

    for (i = 0; i < v.len; i++) {
        if (v.ptr[i] == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (!x12i_is_digit(v.ptr[i]))
            return 0;
        digits++;
        if (!dot) {
            if (v.ptr[i] != '0') /* the whole part: 0 or 1 */
                ones += v.ptr[i] == '1' ? 1 : 2;
        } else {
            frac_nonzero |= v.ptr[i] != '0';
        }
    }
    return digits > 0 && v.len <= 10 && (ones == 0 || (ones == 1 && !frac_nonzero));
}

typedef struct remctx {
    ectx *x;
    const c8_fdesc *d;
} remctx;

static void check_remark(void *u, x12_str code, size_t i)
{
    remctx *r = u;
    const c8_fpos *q = fpos(r->x, r->d);

    (void)i;
    check_text(r->x, r->d->name, r->d->label, q->seg, fat(r->x, q), q->el, code, 50);
}

/* Remark codes (MOA03-07, MIA05 and 20-23): five at most, each the
 * guide's 50 characters at most. */
static void check_remarks(ectx *x, const c8_fdesc *d, x12_str v)
{
    remctx r = {x, d};
    size_t n = each_code(v, check_remark, &r);

    if (n > 5)
        ffail(x, d, "too-many", "%zu %ss; at most 5 (%s)", n, d->label, fpos(x, d)->seg);
}

/* 2320 SBR04, OI04, AMT*A8 and the adjudication the other payer reported
 * (MOA, 837I MIA): used by the kind, shapes, MIA01 with any MIA. */
static void check_op_adjudication(ectx *x, const x12_other_payer *op)
{
    static const int days[] = {X12_OP_COVERED_DAYS, X12_OP_LIFETIME_PSYCHIATRIC_DAYS,
                               X12_OP_COST_REPORT_DAYS};
    int i, mia = 0;

    for (i = X12_OP_GROUP_NAME; i <= X12_OP_INPATIENT_REMARKS; i++) {
        const c8_fdesc *d = c8_field(C8O_OP, i);
        if (op->f[i].len == 0)
            continue;
        if (c8_pos(d, x->p) == NULL) {
            ffail(x, d, "not-used", "%s (%s%02u) is not used on %s claims", d->label,
                  fpos(x, d)->seg, fpos(x, d)->el, x->p ? "837P" : "837I");
            continue;
        }
        mia |= strcmp(fpos(x, d)->seg, "MIA") == 0;
    }
    for (i = X12_OPAMT_NONCOVERED; i <= C8_OP_NA; i++) {
        const c8_fdesc *d = c8_field(C8O_OP_AMT, i);
        if (!op->has_amt[i])
            continue;
        if (c8_pos(d, x->p) == NULL) {
            ffail(x, d, "not-used", "%s (%s%02u) is not used on %s claims", d->label,
                  fpos(x, d)->seg, fpos(x, d)->el, x->p ? "837P" : "837I");
            continue;
        }
        mia |= strcmp(fpos(x, d)->seg, "MIA") == 0;
    }
    check_ftext(x, C8D(X12_OP_GROUP_NAME), op->f[X12_OP_GROUP_NAME]);
    if (x->p)
        check_fcode(x, C8D(X12_OP_PATIENT_SIGNATURE), "OI04 patient signature source code",
                    op->f[X12_OP_PATIENT_SIGNATURE]);
    if (op->has_amt[X12_OPAMT_NONCOVERED] && op->amt[X12_OPAMT_NONCOVERED] < 0)
        ffail(x, C8D(X12_OPAMT_NONCOVERED), "amount-negative", "%s must not be negative",
              C8D(X12_OPAMT_NONCOVERED)->label);
    if (op->f[X12_OP_REIMBURSEMENT_RATE].len && !fraction_shape(op->f[X12_OP_REIMBURSEMENT_RATE]))
        ffail(x, C8D(X12_OP_REIMBURSEMENT_RATE), "rate-format",
              "outpatient reimbursement rate (MOA01) must be a decimal fraction from 0 to 1 "
              "(0.8 for 80%%)");
    check_remarks(x, C8D(X12_OP_OUTPATIENT_REMARKS), op->f[X12_OP_OUTPATIENT_REMARKS]);
    if (x->p)
        return;
    check_remarks(x, C8D(X12_OP_INPATIENT_REMARKS), op->f[X12_OP_INPATIENT_REMARKS]);
    for (i = 0; i < 3; i++) {
        const c8_fdesc *d = c8_field(C8O_OP, days[i]);
        if (op->f[days[i]].len && !decimal_shape(op->f[days[i]])) /* a count of days */
            ffail(x, d, "quantity-format", "%s (MIA%02u) must be a number", d->label,
                  fpos(x, d)->el);
    }
    if (mia && op->f[X12_OP_COVERED_DAYS].len == 0)
        ffail(x, C8D(X12_OP_COVERED_DAYS), "required",
              "covered days or visits count (MIA01) is required with the inpatient "
              "adjudication (MIA)");
}

static void check_other_payers(ectx *x, const x12_claim *c, int64_t total)
{
    const x12_other_payer *op;
    size_t i = 0, old;
    char a1[32], a2[32], a3[32];

    if (c->nop > 10)
        fail(x, "other_payer", "too-many", "SBR", "2320", 1,
             "%zu other payers; at most 10", c->nop);
    for (op = c->op_first; op != NULL; op = op->next) {
        pinfo ps = {"", "other subscriber", "2330A", "IL", "member_id"};
        pinfo pp = {"", "other payer", "2330B", "PR", "payer_id"};
        int64_t adj = 0;
        int k;
        int sum_ok = 1;
        size_t o2;

        old = push_index(x, "other_payer", ++i);
        require_f(x, C8D(X12_OP_RESPONSIBILITY), "other payer responsibility (SBR01)",
                  op->f[X12_OP_RESPONSIBILITY]);
        check_fcode(x, C8D(X12_OP_RESPONSIBILITY), "SBR01 payer responsibility",
                    op->f[X12_OP_RESPONSIBILITY]);
        require_f(x, C8D(X12_OP_RELATIONSHIP),
                  "patient's relationship to the other insured (SBR02)",
                  op->f[X12_OP_RELATIONSHIP]);
        check_fcode(x, C8D(X12_OP_RELATIONSHIP), "SBR02 relationship", op->f[X12_OP_RELATIONSHIP]);
        check_ftext(x, C8D(X12_OP_GROUP_NUMBER), op->f[X12_OP_GROUP_NUMBER]);
        /* the 837I guide marks 2320 SBR05 not used */
        if (!x->p && op->f[X12_OP_INSURANCE_TYPE].len)
            ffail(x, C8D(X12_OP_INSURANCE_TYPE), "not-used",
                  "insurance type (SBR05) is not used on 837I claims");
        else
            check_fcode(x, C8D(X12_OP_INSURANCE_TYPE), "SBR05 insurance type",
                        op->f[X12_OP_INSURANCE_TYPE]);
        require_f(x, C8D(X12_OP_FILING_INDICATOR), "other payer claim filing indicator (SBR09)",
                  op->f[X12_OP_FILING_INDICATOR]);
        check_fcode(x, C8D(X12_OP_FILING_INDICATOR), "SBR09 claim filing indicator",
                    op->f[X12_OP_FILING_INDICATOR]);
        check_fcode(x, C8D(X12_OP_BENEFITS_ASSIGNMENT), "OI03 benefits assignment",
                    op->f[X12_OP_BENEFITS_ASSIGNMENT]);
        check_fcode(x, C8D(X12_OP_RELEASE), "OI06 release of information", op->f[X12_OP_RELEASE]);
        check_fdate(x, C8D(X12_OP_ADJUDICATION_DATE), "adjudication date",
                    op->f[X12_OP_ADJUDICATION_DATE]);
        for (k = X12_OP_PRIOR_AUTH; k <= X12_OP_CLAIM_NUMBER; k++) {
            const c8_fdesc *d = c8_field(C8O_OP, k);
            check_ftext(x, d, op->f[k]);
            check_fcode(x, d, d->label, op->f[k]);
        }
        check_op_adjudication(x, op);
        /* The date goes on the lines (2430 DTP*573) when the payer
         * adjudicated them one by one. */
        if ((op->has_amt[X12_OPAMT_PAID] || op->nadj) && op->f[X12_OP_ADJUDICATION_DATE].len == 0 &&
            !has_line_adjudication(c, op))
            ffail(x, C8D(X12_OP_ADJUDICATION_DATE), "required",
                  "adjudication date (DTP*573) is required when the other payer's payment or "
                  "adjustments are given");
        adj = check_adjustments(x, op->adj, op->nadj, "2320", &sum_ok);
        if (!add_cents(&adj, line_adjustments(c, op, &sum_ok)))
            sum_ok = 0;
        /* CLM02 - claim adjustments - line adjustments = AMT*D: the
         * guides' claim-level balance for that payer. */
        if (op->has_amt[X12_OPAMT_PAID] && sum_ok && total - adj != op->amt[X12_OPAMT_PAID]) {
            money(a1, sizeof a1, total);
            money(a2, sizeof a2, adj);
            money(a3, sizeof a3, op->amt[X12_OPAMT_PAID]);
            ffail(x, C8D(X12_OPAMT_PAID), "cob-balance",
                  "claim charge %s minus adjustments %s does not equal the other payer's paid "
                  "amount %s",
                  a1, a2, a3);
        }
        o2 = push(x, "subscriber");
        c8_party_view(&op->sub, &x->v);
        party_shapes(x, &ps, &x->v, 0);
        check_name(x, &ps, &x->v);
        preq(x, &ps, &x->v, X12_PARTY_ID);
        pop(x, o2);
        o2 = push(x, "payer");
        c8_party_view(&op->payer, &x->v);
        party_shapes(x, &pp, &x->v, 0);
        check_name(x, &pp, &x->v);
        preq(x, &pp, &x->v, X12_PARTY_ID);
        pop(x, o2);
        check_op_providers(x, op);
        pop(x, old);
    }
}

/* ---- ambulance transport (CR1, CRC*07) and attachments (PWK) ----------------------- */

/* One condition code of a CRC*07 list: the guide's, and not given twice. */
typedef struct condctx {
    ectx *x;
    const c8_fdesc *d;
    const char *codes;
    x12_str seen[16];
    size_t nseen;
} condctx;

static void check_condition(void *u, x12_str code, size_t i)
{
    condctx *k = u;
    size_t j;
    char q[16];

    if (!x12i_code_in(k->codes, code.ptr, code.len)) {
        ffail(k->x, k->d, "code-value", "%s: condition %zu is not one of %.*s", k->d->label, i + 1,
              c8_codes_len(k->codes), k->codes + 1);
        return;
    }
    for (j = 0; j < k->nseen; j++)
        if (k->seen[j].len == code.len && memcmp(k->seen[j].ptr, code.ptr, code.len) == 0) {
            ffail(k->x, k->d, "code-repeated", "ambulance condition %s is given twice",
                  x12i_quote(q, sizeof q, code.ptr, code.len));
            return;
        }
    if (k->nseen < sizeof k->seen / sizeof k->seen[0])
        k->seen[k->nseen++] = code;
}

/*
 * The ambulance transport (CR1) and certification (CRC*07) of a claim or
 * a line (fields: c8_amb_claim or c8_amb_line, obj C8O_CLAIM or C8O_LINE, f the
 * object's fields).  The 837I has neither (a claim's are "not used" in the
 * claim's loop over its fields, a line's here).  Returns 1 when it has
 * ambulance transport information (any CR1 field).
 */
static int check_ambulance(ectx *x, int obj, const int *fields, const x12_str *f)
{
    const c8_fdesc *d[C8_AMB_N];
    condctx k;
    size_t segs = 0, n, i;
    int cr1 = 0;

    for (i = 0; i < C8_AMB_N; i++)
        d[i] = c8_field(obj, fields[i]);
    if (!x->p) {
        if (obj == C8O_LINE)
            for (i = 0; i < C8_AMB_N; i++)
                if (f[fields[i]].len)
                    ffail(x, d[i], "not-used", "%s is not used on an 837I line", d[i]->label);
        return 0;
    }
    for (i = C8_AMB_WEIGHT; i <= C8_AMB_STRETCHER; i++)
        if (f[fields[i]].len) {
            cr1 = 1;
            if (obj == C8O_LINE)
                check_ftext(x, d[i], f[fields[i]]);
        }
    if (f[fields[C8_AMB_WEIGHT]].len && !quantity_shape(f[fields[C8_AMB_WEIGHT]]))
        ffail(x, d[C8_AMB_WEIGHT], "quantity-format",
              "patient weight must be a positive decimal number (pounds)");
    check_fcode(x, d[C8_AMB_REASON], "CR104 ambulance transport reason", f[fields[C8_AMB_REASON]]);
    if (f[fields[C8_AMB_MILES]].len && !quantity_shape(f[fields[C8_AMB_MILES]]))
        ffail(x, d[C8_AMB_MILES], "quantity-format",
              "transport distance must be a positive decimal number (miles)");
    if (cr1) {
        require_f(x, d[C8_AMB_REASON],
                  "ambulance transport reason code (CR104) of the ambulance transport "
                  "information",
                  f[fields[C8_AMB_REASON]]);
        require_f(x, d[C8_AMB_MILES],
                  "transport distance (CR106) of the ambulance transport information",
                  f[fields[C8_AMB_MILES]]);
    }
    memset(&k, 0, sizeof k);
    k.x = x;
    for (i = C8_AMB_MET; i <= C8_AMB_UNMET; i++) {
        if (f[fields[i]].len == 0)
            continue;
        if (obj == C8O_LINE)
            check_ftext(x, d[i], f[fields[i]]);
        k.d = d[i];
        k.codes = x->g.codes[d[i] - c8_ftab];
        n = each_code(f[fields[i]], check_condition, &k);
        segs += (n + 4) / 5;
    }
    if (segs > 3)
        ffail(x, d[C8_AMB_MET], "too-many",
              "the ambulance conditions need %zu CRC*07 segments (five codes to one); at most 3",
              segs);
    return cr1;
}

/* PWK: a claim's (line 0) or a line's attachments. */
static void check_attachments(ectx *x, const x12_attachment *first, size_t n, int line)
{
    const x12_attachment *a;
    x12_str f[C8_NF_ATT + 1], t, ctl;
    size_t i = 0, old;

    x->at_loop = line ? "2400" : "2300";
    if (n > 10)
        fail(x, "attachment", "too-many", "PWK", x->at_loop, 1, "%zu attachments; at most 10",
             n);
    for (a = first; a != NULL; a = a->next) {
        old = push_index(x, "attachment", ++i);
        c8_fields_unpack(&a->fl, f, C8_NF_ATT + 1);
        require_f(x, C8D(X12_ATT_REPORT_TYPE), "attachment report type (PWK01)",
                  f[X12_ATT_REPORT_TYPE]);
        check_fcode(x, C8D(X12_ATT_REPORT_TYPE), "PWK01 report type", f[X12_ATT_REPORT_TYPE]);
        t = f[X12_ATT_TRANSMISSION];
        require_f(x, C8D(X12_ATT_TRANSMISSION), "attachment transmission code (PWK02)", t);
        check_fcode(x, C8D(X12_ATT_TRANSMISSION), "PWK02 report transmission", t);
        ctl = f[X12_ATT_CONTROL_NUMBER];
        if (eq(t, "AA") && ctl.len)
            ffail(x, C8D(X12_ATT_CONTROL_NUMBER), "not-used",
                  "an attachment control number (PWK06) is not used for one available on "
                  "request (AA)");
        else if (t.len && !eq(t, "AA") && ctl.len == 0)
            ffail(x, C8D(X12_ATT_CONTROL_NUMBER), "required",
                  "attachment control number (PWK06) is required unless the attachment is "
                  "available on request (AA)");
        check_ftext(x, C8D(X12_ATT_CONTROL_NUMBER), ctl);
        check_fmin(x, C8D(X12_ATT_CONTROL_NUMBER), ctl);
        pop(x, old);
    }
    x->at_loop = NULL;
}

/* A line's fields; returns 1 when it has ambulance transport
 * information (CR1). */
static int check_line(ectx *x, const x12_service_line *l, size_t ndx)
{
    const char *seg = x->p ? "SV1" : "SV2";
    x12_str v, from, to;
    size_t i;
    char what[32];
    const x12_str *f = x->lf, *cf = x->cf;
    int cr1;

    c8_fields_unpack(&l->fl, x->lf, C8_LINE_NF + 1);

    v = f[X12_LINE_PROCEDURE];
    if (x->p)
        require_f(x, C8D(X12_LINE_PROCEDURE), "procedure code (SV101-2)", v);
    if (v.len && !procedure_shape(v))
        ffail(x, C8D(X12_LINE_PROCEDURE), "procedure-format",
              "procedure code must be a CPT code (4 digits then a digit, F or T) or a HCPCS "
              "code (a letter A-V then 4 digits)");
    if (!x->p) {
        v = f[X12_LINE_REVENUE_CODE];
        require_f(x, C8D(X12_LINE_REVENUE_CODE), "revenue code (SV201)", v);
        if (v.len && !(v.len == 4 && all_digits(v)))
            ffail(x, C8D(X12_LINE_REVENUE_CODE), "revenue-code-format",
                  "revenue code must be 4 digits");
    } else if (f[X12_LINE_REVENUE_CODE].len) {
        fail(x, "revenue_code", "not-used", seg, "2400", 1,
             "a revenue code is not used on an 837P line");
    }
    if (l->mods.n > 4)
        fail(x, "modifier", "too-many", seg, "2400", x->p ? 1 : 2,
             "%zu procedure modifiers; at most 4", l->mods.n);
    if (l->mods.n && f[X12_LINE_PROCEDURE].len == 0)
        fail(x, "modifier", "required", seg, "2400", x->p ? 1 : 2,
             "modifiers need a procedure code");
    for (i = 0; i < l->mods.n; i++) {
        v = l->mods.v[i];
        if (!(v.len == 2 && all_alnum_uc(v))) {
            snprintf(what, sizeof what, "modifier[%zu]", i + 1);
            fail(x, what, "modifier-format", seg, "2400", x->p ? 1 : 2,
                 "modifier %zu must be 2 upper-case letters or digits", i + 1);
        }
    }
    if (!l->has_amt[X12_LINEAMT_CHARGE])
        ffail(x, C8D(X12_LINEAMT_CHARGE), "required", "line charge is required");
    else if (l->amt[X12_LINEAMT_CHARGE] < 0)
        ffail(x, C8D(X12_LINEAMT_CHARGE), "amount-negative", "line charge must not be negative");
    if (l->has_amt[X12_LINEAMT_NONCOVERED]) {
        if (x->p)
            fail(x, "noncovered", "not-used", seg, "2400", 7,
                 "a non-covered charge is not used on an 837P line");
        else if (l->amt[X12_LINEAMT_NONCOVERED] < 0 ||
                 (l->has_amt[X12_LINEAMT_CHARGE] &&
                  l->amt[X12_LINEAMT_NONCOVERED] > l->amt[X12_LINEAMT_CHARGE]))
            ffail(x, C8D(X12_LINEAMT_NONCOVERED), "amount-range",
                  "non-covered charge must be between 0 and the line charge");
    }
    check_fcode(x, C8D(X12_LINE_UNIT), "unit of measure", f[X12_LINE_UNIT]);
    v = f[X12_LINE_UNITS];
    if (v.len && !quantity_shape(v))
        ffail(x, C8D(X12_LINE_UNITS), "quantity-format",
              "units must be a positive decimal number of at most 15 digits");
    v = f[X12_LINE_PLACE_OF_SERVICE];
    if (v.len && (!x->p || !(v.len == 2 && all_digits(v))))
        fail(x, "place_of_service", x->p ? "code-format" : "not-used", seg, "2400", 5,
             x->p ? "place of service must be 2 digits"
                  : "a line place of service is not used on an 837I line");
    if (f[X12_LINE_EMERGENCY].len && !(x->p && eq(f[X12_LINE_EMERGENCY], "Y")))
        fail(x, "emergency", x->p ? "code-value" : "not-used", seg, "2400", 9,
             "emergency indicator must be Y (837P only)");
    /* Pointers into the claim's diagnoses (837P). */
    if (x->p) {
        if (l->nptrs == 0)
            fail(x, "pointer", "required", seg, "2400", 7,
                 "at least one diagnosis pointer is required");
        if (l->nptrs > 4)
            fail(x, "pointer", "too-many", seg, "2400", 7,
                 "%zu diagnosis pointers; at most 4", l->nptrs);
        for (i = 0; i < l->nptrs; i++) {
            size_t k;
            /* the field name is needed only for a failure, and snprintf
             * for every pointer of every line showed in profiles */
            if (l->ptrs[i] >= 1 && l->ptrs[i] <= 12 && l->ptrs[i] <= ndx) {
                for (k = 0; k < i && l->ptrs[k] != l->ptrs[i]; k++)
                    ;
                if (k == i)
                    continue;
            }
            snprintf(what, sizeof what, "pointer[%zu]", i + 1);
            if (l->ptrs[i] < 1 || l->ptrs[i] > 12)
                fail(x, what, "pointer-range", seg, "2400", 7,
                     "diagnosis pointer %u is outside 1-12", l->ptrs[i]);
            else if (l->ptrs[i] > ndx)
                fail(x, what, "pointer-missing", seg, "2400", 7,
                     "diagnosis pointer %u names no diagnosis: the claim has %zu", l->ptrs[i],
                     ndx);
            for (k = 0; k < i; k++)
                if (l->ptrs[k] == l->ptrs[i]) {
                    fail(x, what, "pointer-repeated", seg, "2400", 7,
                         "diagnosis pointer %u is given twice", l->ptrs[i]);
                    break;
                }
        }
    } else if (l->nptrs) {
        fail(x, "pointer", "not-used", seg, "2400", 7,
             "diagnosis pointers are not used on an 837I line");
    }
    /* Service dates: the line's own, else the claim's (837P requires one). */
    from = f[X12_LINE_SERVICE_FROM];
    to = f[X12_LINE_SERVICE_TO];
    if (x->p && from.len == 0 && cf[X12_CLAIM_SERVICE_FROM].len == 0)
        ffail(x, C8D(X12_LINE_SERVICE_FROM), "required",
              "service date (DTP*472) is required: give it on the line or the claim");
    if (from.len == 0 && to.len)
        ffail(x, C8D(X12_LINE_SERVICE_FROM), "required", "a service end date needs a start date");
    check_range(x, "service_from", "service_to", "service", "DTP", "2400", 3, from, to);
    check_ftext(x, C8D(X12_LINE_CONTROL_NUMBER), f[X12_LINE_CONTROL_NUMBER]);
    v = f[X12_LINE_NDC];
    if (v.len) {
        if (!(v.len == 11 && all_digits(v)))
            ffail(x, C8D(X12_LINE_NDC), "ndc-format",
                  "NDC must be 11 digits (5-4-2, without hyphens)");
        require_f(x, C8D(X12_LINE_NDC_QUANTITY), "drug quantity (CTP04)",
                  f[X12_LINE_NDC_QUANTITY]);
        require_f(x, C8D(X12_LINE_NDC_UNIT), "drug unit (CTP05)", f[X12_LINE_NDC_UNIT]);
    } else if (f[X12_LINE_NDC_QUANTITY].len || f[X12_LINE_NDC_UNIT].len) {
        ffail(x, C8D(X12_LINE_NDC), "required", "drug quantity and unit need an NDC");
    }
    /* 2410 REF: one, in the drug's loop */
    if (f[X12_LINE_PRESCRIPTION_NUMBER].len && f[X12_LINE_DRUG_LINK_SEQUENCE].len)
        ffail(x, C8D(X12_LINE_DRUG_LINK_SEQUENCE), "too-many",
              "a drug has one REF (2410): a prescription number (XZ) or a link sequence number "
              "(VY), not both");
    if ((f[X12_LINE_PRESCRIPTION_NUMBER].len || f[X12_LINE_DRUG_LINK_SEQUENCE].len) &&
        f[X12_LINE_NDC].len == 0)
        ffail(x, C8D(X12_LINE_NDC), "required",
              "a prescription number or link sequence number (2410 REF) needs an NDC");
    v = f[X12_LINE_NDC_QUANTITY];
    if (v.len && !quantity_shape(v))
        ffail(x, C8D(X12_LINE_NDC_QUANTITY), "quantity-format",
              "drug quantity must be a positive decimal number");
    check_fcode(x, C8D(X12_LINE_NDC_UNIT), "CTP05 drug unit", f[X12_LINE_NDC_UNIT]);
    cr1 = check_ambulance(x, C8O_LINE, c8_amb_line, f);
    v = f[X12_LINE_AMBULANCE_PATIENTS];
    if (v.len && !x->p)
        ffail(x, C8D(X12_LINE_AMBULANCE_PATIENTS), "not-used",
              "ambulance patient count is not used on an 837I line");
    else if (v.len && !quantity_shape(v))
        ffail(x, C8D(X12_LINE_AMBULANCE_PATIENTS), "quantity-format",
              "ambulance patient count must be a positive number");
    /* PS1 (837P): a purchased service's provider identifier and charge
     * come together (both elements are required in the segment). */
    v = f[X12_LINE_PURCHASED_SERVICE_ID];
    if (!x->p) {
        if (v.len)
            ffail(x, C8D(X12_LINE_PURCHASED_SERVICE_ID), "not-used",
                  "purchased service (PS1) is not used on an 837I line");
        if (l->has_amt[X12_LINEAMT_PURCHASED_SERVICE_CHARGE])
            ffail(x, C8D(X12_LINEAMT_PURCHASED_SERVICE_CHARGE), "not-used",
                  "purchased service (PS1) is not used on an 837I line");
    } else if (v.len || l->has_amt[X12_LINEAMT_PURCHASED_SERVICE_CHARGE]) {
        require_f(x, C8D(X12_LINE_PURCHASED_SERVICE_ID),
                  "purchased service provider identifier (PS101)", v);
        check_ftext(x, C8D(X12_LINE_PURCHASED_SERVICE_ID), v);
        if (!l->has_amt[X12_LINEAMT_PURCHASED_SERVICE_CHARGE])
            ffail(x, C8D(X12_LINEAMT_PURCHASED_SERVICE_CHARGE), "required",
                  "purchased service charge (PS102) is required with its provider identifier");
        else if (l->amt[X12_LINEAMT_PURCHASED_SERVICE_CHARGE] < 0)
            ffail(x, C8D(X12_LINEAMT_PURCHASED_SERVICE_CHARGE), "amount-negative",
                  "purchased service charge must not be negative");
    }
    check_line_table_fields(x, f);
    check_line_table_amounts(x, l);
    check_contract_pricing(x, C8O_LINE, C8O_LINE_AMT, f, l->amt, l->has_amt);
    check_crc(x, C8O_LINE, f, X12_LINE_HOSPICE_EMPLOYEE, 0, 0);
    check_crc(x, C8O_LINE, f, X12_LINE_DME_CONDITION, X12_LINE_DME_CONDITIONS, 2);
    check_line_form(x, f);
    check_line_dme(x, f, l);
    check_line_dme_cert(x, f);
    check_line_tests(x, f);
    if (f[X12_LINE_FILE_INFORMATION].len && !x->p)
        ffail(x, C8D(X12_LINE_FILE_INFORMATION), "not-used",
              "file information (K3) is not used on an 837I line");
    else
        check_file_info(x, C8D(X12_LINE_FILE_INFORMATION), f[X12_LINE_FILE_INFORMATION]);
    check_attachments(x, l->att_first, l->natt, 1);
    return cr1;
}

/* 2420x: the line's own providers (837P 2420A rendering, B purchased
 * service, C service
 * facility, D supervising, E ordering, F referring; 837I 2420A operating,
 * B other operating, C rendering, D referring). */
static void check_line_providers(ectx *x, const x12_service_line *l)
{
    int r;

    for (r = 1; r <= C8_NROLES; r++) {
        const x12_party *party = c8_line_role(l, r);
        const char *loop;
        size_t old;

        if (party == NULL || !party_used(party))
            continue;
        loop = line_role_loop(x->p, (x12_claim_role)r);
        old = push(x, role_name((x12_claim_role)r));
        if (loop == NULL)
            fail(x, NULL, "not-used", "NM1", "2420", 1, "%s %s provider is not used on an %s line",
                 role_article((x12_claim_role)r), role_name((x12_claim_role)r),
                 x->p ? "837P" : "837I");
        else
            check_role_party(x, party, (x12_claim_role)r, loop, 1);
        pop(x, old);
    }
}

/* 2430: what the claim's other payers did with this line. */
static void check_line_adjudications(ectx *x, const x12_claim *c, const x12_service_line *l)
{
    const x12_line_adjudication *a;
    const x12_other_payer *op;
    x12_str f[C8_LA_NF + 1], v, proc;
    size_t i = 0, k, old;
    char what[32], a1[32], a2[32], a3[32];

    if (l->nla > 15)
        fail(x, "adjudication", "too-many", "SVD", "2430", 1,
             "%zu line adjudications; at most 15", l->nla);
    for (a = l->la_first; a != NULL; a = a->next) {
        int sum_ok = 1, known = 0;
        int64_t adj, total;

        old = push_index(x, "adjudication", ++i);
        c8_fields_unpack(&a->fl, f, C8_LA_NF + 1);
        v = f[X12_LA_PAYER_ID];
        require_f(x, C8D(X12_LA_PAYER_ID), "other payer id (SVD01)", v);
        check_ftext(x, C8D(X12_LA_PAYER_ID), v);
        for (op = c->op_first; op != NULL && v.len && !known; op = op->next)
            known = same_str(c8_fields_get(&op->payer.fl, X12_PARTY_ID), v);
        if (v.len && !known)
            ffail(x, C8D(X12_LA_PAYER_ID), "payer-unknown",
                  "SVD01 must be the payer id (2330B NM109) of one of the claim's other payers");
        if (!a->has_amt[X12_LAAMT_PAID])
            ffail(x, C8D(X12_LAAMT_PAID), "required", "line paid amount (SVD02) is required");
        proc = f[X12_LA_PROCEDURE];
        if (proc.len && !procedure_shape(proc))
            ffail(x, C8D(X12_LA_PROCEDURE), "procedure-format",
                  "procedure code must be a CPT code (4 digits then a digit, F or T) or a HCPCS "
                  "code (a letter A-V then 4 digits)");
        if (a->mods.n && proc.len == 0)
            fail(x, "modifier", "required", "SVD", "2430", 3,
                 "modifiers of the adjudicated procedure need its code");
        if (a->mods.n > 4)
            fail(x, "modifier", "too-many", "SVD", "2430", 3,
                 "%zu procedure modifiers; at most 4", a->mods.n);
        for (k = 0; k < a->mods.n; k++) {
            v = a->mods.v[k];
            if (!(v.len == 2 && all_alnum_uc(v))) {
                snprintf(what, sizeof what, "modifier[%zu]", k + 1);
                fail(x, what, "modifier-format", "SVD", "2430", 3,
                     "modifier %zu must be 2 upper-case letters or digits", k + 1);
            }
        }
        v = f[X12_LA_REVENUE_CODE];
        if (v.len && x->p)
            ffail(x, C8D(X12_LA_REVENUE_CODE), "not-used",
                  "a revenue code is not used on an 837P line");
        else if (v.len && !(v.len == 4 && all_digits(v)))
            ffail(x, C8D(X12_LA_REVENUE_CODE), "revenue-code-format",
                  "revenue code must be 4 digits");
        v = f[X12_LA_UNITS];
        if (v.len && !quantity_shape(v))
            ffail(x, C8D(X12_LA_UNITS), "quantity-format",
                  "paid units must be a positive decimal number of at most 15 digits");
        v = f[X12_LA_BUNDLED_LINE];
        if (v.len && !(v.len <= 6 && all_digits(v)))
            ffail(x, C8D(X12_LA_BUNDLED_LINE), "number-format",
                  "bundled line number must be 1 to 6 digits");
        require_f(x, C8D(X12_LA_DATE), "line adjudication date (DTP*573)", f[X12_LA_DATE]);
        check_fdate(x, C8D(X12_LA_DATE), "line adjudication date", f[X12_LA_DATE]);
        adj = check_adjustments(x, a->adj, a->nadj, "2430", &sum_ok);
        /* Line charge = SVD02 + the payer's line adjustments (the guides'
         * line-level balance for coordination of benefits). */
        total = adj;
        if (sum_ok && a->has_amt[X12_LAAMT_PAID] && l->has_amt[X12_LINEAMT_CHARGE] &&
            (!add_cents(&total, a->amt[X12_LAAMT_PAID]) || total != l->amt[X12_LINEAMT_CHARGE])) {
            money(a1, sizeof a1, l->amt[X12_LINEAMT_CHARGE]);
            money(a2, sizeof a2, a->amt[X12_LAAMT_PAID]);
            money(a3, sizeof a3, adj);
            ffail(x, C8D(X12_LAAMT_PAID), "line-cob-balance",
                  "line charge %s does not equal the paid amount %s plus the line adjustments "
                  "%s",
                  a1, a2, a3);
        }
        pop(x, old);
    }
}

static void check_claim(ectx *x, const x12_claim *c)
{
    size_t i, nl, saved_root = x->root, saved_nfr = x->nfr;
    const x12_service_line *l;
    int64_t sum = 0, total = 0;
    int sum_ok = 1, amb, line_amb = 0;
    char a1[32], a2[32];
    x12_str v, freq = {"", 0};
    const x12_str *cf = x->cf;

    c8_fields_unpack(&c->fl, x->cf, C8_CLAIM_NF + 1);

    /* Claim paths are absolute ("claim[3]..."): the hierarchy's frames
     * stay below the root until the claim is done. */
    x->root = x->nfr;
    x->claimno++;
    if (x->b->opt[X12_BATCHOPT_PATH_WITH_PCN] && cf[X12_CLAIM_PCN].len)
        push_frame(x, "claim", 0, cf[X12_CLAIM_PCN].ptr, cf[X12_CLAIM_PCN].len);
    else
        push_index(x, "claim", x->claimno);
    /* Every field that is set: used by the claim's kind, and its text. */
    for (i = 1; i <= C8_CLAIM_NF; i++) {
        const c8_fdesc *d = c8_field(C8O_CLAIM, (int)i);
        if (cf[i].len == 0)
            continue;
        if (c8_pos(d, x->p) == NULL) {
            ffail(x, d, "not-used", "%s is not used on an %s claim", d->label,
                  x->p ? "837P" : "837I");
            continue;
        }
        if (c8_pos(d, x->p)->how == C8W_LIST) {
            check_flist(x, d, cf[i]);
            continue;
        }
        if (i == X12_CLAIM_FILE_INFORMATION) {
            check_file_info(x, d, cf[i]);
            continue;
        }
        check_ftext(x, d, cf[i]);
        if (c8_pos(d, x->p)->how == C8W_QV)
            check_fcode(x, d, d->label, cf[i]);
    }
    check_contract_pricing(x, C8O_CLAIM, C8O_CLAIM_AMT, cf, c->amt, c->has_amt);
    check_crc(x, C8O_CLAIM, cf, X12_CLAIM_HOMEBOUND, 0, 0);
    check_crc(x, C8O_CLAIM, cf, X12_CLAIM_EPSDT_REFERRAL, X12_CLAIM_EPSDT_CONDITIONS, 3);
    check_spinal(x, cf);
    check_crc(x, C8O_CLAIM, cf, X12_CLAIM_VISION_LENSES, X12_CLAIM_VISION_LENSES_CONDITIONS, 5);
    check_crc(x, C8O_CLAIM, cf, X12_CLAIM_VISION_CONTACTS, X12_CLAIM_VISION_CONTACTS_CONDITIONS, 5);
    check_crc(x, C8O_CLAIM, cf, X12_CLAIM_VISION_FRAMES, X12_CLAIM_VISION_FRAMES_CONDITIONS, 5);
    check_note(x, C8D(X12_CLAIM_NOTE_CODE), cf[X12_CLAIM_NOTE_CODE], C8D(X12_CLAIM_NOTE),
               cf[X12_CLAIM_NOTE]);
    require_f(x, C8D(X12_CLAIM_PCN), "patient control number (CLM01)", cf[X12_CLAIM_PCN]);
    if (!c->has_amt[X12_CLAIMAMT_TOTAL_CHARGE])
        ffail(x, C8D(X12_CLAIMAMT_TOTAL_CHARGE), "required",
              "total claim charge (CLM02) is required");
    else if ((total = c->amt[X12_CLAIMAMT_TOTAL_CHARGE]) < 0)
        ffail(x, C8D(X12_CLAIMAMT_TOTAL_CHARGE), "amount-negative",
              "total claim charge must not be negative");
    if (x->p) {
        v = cf[X12_CLAIM_PLACE_OF_SERVICE];
        require_f(x, C8D(X12_CLAIM_PLACE_OF_SERVICE), "place of service (CLM05-1)", v);
        if (v.len && !(v.len == 2 && all_digits(v)))
            ffail(x, C8D(X12_CLAIM_PLACE_OF_SERVICE), "code-format",
                  "place of service must be 2 digits");
        freq = cf[X12_CLAIM_FREQUENCY];
        check_fcode(x, C8D(X12_CLAIM_FREQUENCY), "claim frequency code", freq);
        check_fcode(x, C8D(X12_CLAIM_PROVIDER_SIGNATURE), "CLM06 provider signature",
                    cf[X12_CLAIM_PROVIDER_SIGNATURE]);
        check_fcode(x, C8D(X12_CLAIM_PATIENT_SIGNATURE), "CLM10 patient signature source",
                    cf[X12_CLAIM_PATIENT_SIGNATURE]);
        check_fcode(x, C8D(X12_CLAIM_RELATED_CAUSES), "CLM11 related causes",
                    cf[X12_CLAIM_RELATED_CAUSES]);
        if (eq(cf[X12_CLAIM_RELATED_CAUSES], "AA") && cf[X12_CLAIM_ACCIDENT_STATE].len == 0)
            ffail(x, C8D(X12_CLAIM_ACCIDENT_STATE), "required",
                  "auto accident state (CLM11-4) is required with related cause AA");
        v = cf[X12_CLAIM_ACCIDENT_STATE];
        if (v.len && !x12i_state_code(v.ptr, v.len))
            ffail(x, C8D(X12_CLAIM_ACCIDENT_STATE), "state-code",
                  "auto accident state (CLM11-4) is not a US state, territory or military "
                  "code, or a Canadian province");
        check_claim_dtp_dates(x, cf);
        if (c->has_amt[X12_CLAIMAMT_PATIENT_PAID] && c->amt[X12_CLAIMAMT_PATIENT_PAID] < 0)
            ffail(x, C8D(X12_CLAIMAMT_PATIENT_PAID), "amount-negative",
                  "patient paid amount must not be negative");
        if (c->has_amt[X12_CLAIMAMT_PATIENT_ESTIMATED_DUE])
            ffail(x, C8D(X12_CLAIMAMT_PATIENT_ESTIMATED_DUE), "not-used",
                  "patient estimated amount due is not used on an 837P claim");
    } else {
        v = cf[X12_CLAIM_ACCIDENT_STATE];
        if (v.len && !x12i_state_code(v.ptr, v.len))
            ffail(x, C8D(X12_CLAIM_ACCIDENT_STATE), "state-code",
                  "auto accident state (REF*LU) is not a US state, territory or military "
                  "code, or a Canadian province");
        v = cf[X12_CLAIM_BILL_TYPE];
        require_f(x, C8D(X12_CLAIM_BILL_TYPE), "bill type (CLM05)", v);
        if (v.len == 4 && v.ptr[0] == '0') {
            v.ptr++;
            v.len--;
        }
        if (v.len && !(v.len == 3 && all_digits(v) && v.ptr[0] != '0'))
            ffail(x, C8D(X12_CLAIM_BILL_TYPE), "bill-type-format",
                  "bill type must be 3 digits (facility type, then frequency), e.g. 111");
        else if (v.len == 3)
            freq.ptr = v.ptr + 2, freq.len = 1;
        v = cf[X12_CLAIM_PATIENT_STATUS];
        require_f(x, C8D(X12_CLAIM_PATIENT_STATUS), "patient status (CL103)", v);
        if (v.len && !(v.len == 2 && all_digits(v)))
            ffail(x, C8D(X12_CLAIM_PATIENT_STATUS), "code-format",
                  "patient status must be 2 digits");
        check_fcode(x, C8D(X12_CLAIM_ADMISSION_TYPE), "CL101 admission type",
                    cf[X12_CLAIM_ADMISSION_TYPE]);
        v = cf[X12_CLAIM_ADMISSION_SOURCE];
        if (v.len && !(v.len == 1 && all_alnum_uc(v)))
            ffail(x, C8D(X12_CLAIM_ADMISSION_SOURCE), "code-format",
                  "admission source must be 1 upper-case letter or digit");
        v = cf[X12_CLAIM_DRG];
        if (v.len && !all_alnum_uc(v))
            ffail(x, C8D(X12_CLAIM_DRG), "code-format",
                  "DRG code must be upper-case letters and digits");
        require_f(x, C8D(X12_CLAIM_SERVICE_FROM), "statement start date (DTP*434)",
                  cf[X12_CLAIM_SERVICE_FROM]);
        check_claim_dtp_dates(x, cf);
        if (c->has_amt[X12_CLAIMAMT_PATIENT_ESTIMATED_DUE] &&
            c->amt[X12_CLAIMAMT_PATIENT_ESTIMATED_DUE] < 0)
            ffail(x, C8D(X12_CLAIMAMT_PATIENT_ESTIMATED_DUE), "amount-negative",
                  "patient estimated amount due must not be negative");
        if (cf[X12_CLAIM_BILL_TYPE].len >= 2 && freq.len &&
            memcmp(freq.ptr - 2, "11", 2) == 0) {
            require_f(x, C8D(X12_CLAIM_ADMISSION_DATE),
                      "admission date (DTP*435) of an inpatient claim (bill type 11x)",
                      cf[X12_CLAIM_ADMISSION_DATE]);
            require_f(x, C8D(X12_CLAIM_ADMISSION_TYPE),
                      "admission type (CL101) of an inpatient claim",
                      cf[X12_CLAIM_ADMISSION_TYPE]);
            if (dx_count(c, X12_DX_ADMITTING) == 0)
                fail(x, "diagnosis", "required", "HI", "2300", 1,
                     "admitting diagnosis (ABJ) is required on an inpatient claim");
        }
        v = cf[X12_CLAIM_ADMISSION_HOUR];
        if (v.len && !is_hhmm(v))
            ffail(x, C8D(X12_CLAIM_ADMISSION_HOUR), "time-format",
                  "admission hour must be HHMM");
        if (v.len && cf[X12_CLAIM_ADMISSION_DATE].len == 0)
            ffail(x, C8D(X12_CLAIM_ADMISSION_DATE), "required",
                  "an admission hour needs the admission date");
        v = cf[X12_CLAIM_DISCHARGE_HOUR];
        if (v.len && !is_hhmm(v))
            ffail(x, C8D(X12_CLAIM_DISCHARGE_HOUR), "time-format",
                  "discharge hour must be HHMM");
        if (c->has_amt[X12_CLAIMAMT_PATIENT_PAID])
            ffail(x, C8D(X12_CLAIMAMT_PATIENT_PAID), "not-used",
                  "patient paid amount is not used on an 837I claim");
    }
    if ((freq.len == 1 && (freq.ptr[0] == '7' || freq.ptr[0] == '8')) &&
        cf[X12_CLAIM_PAYER_CLAIM_NUMBER].len == 0)
        ffail(x, C8D(X12_CLAIM_PAYER_CLAIM_NUMBER), "frequency-reference",
              "payer claim control number (REF*F8) is required to replace or void a claim "
              "(frequency 7 or 8)");
    check_fcode(x, C8D(X12_CLAIM_ASSIGNMENT), "CLM07 assignment", cf[X12_CLAIM_ASSIGNMENT]);
    check_fcode(x, C8D(X12_CLAIM_BENEFITS_ASSIGNMENT), "CLM08 benefits assignment",
                cf[X12_CLAIM_BENEFITS_ASSIGNMENT]);
    check_fcode(x, C8D(X12_CLAIM_RELEASE), "CLM09 release of information", cf[X12_CLAIM_RELEASE]);
    check_fcode(x, C8D(X12_CLAIM_SPECIAL_PROGRAM), "CLM12 special program",
                cf[X12_CLAIM_SPECIAL_PROGRAM]);
    check_fcode(x, C8D(X12_CLAIM_DELAY_REASON), "CLM20 delay reason",
                cf[X12_CLAIM_DELAY_REASON]);
    check_range(x, "service_from", "service_to", x->p ? "claim service" : "statement",
                "DTP", "2300", 3, cf[X12_CLAIM_SERVICE_FROM], cf[X12_CLAIM_SERVICE_TO]);
    if (cf[X12_CLAIM_SERVICE_TO].len && cf[X12_CLAIM_SERVICE_FROM].len == 0)
        ffail(x, C8D(X12_CLAIM_SERVICE_FROM), "required",
              "a service end date needs a start date");
    check_fdate(x, C8D(X12_CLAIM_ADMISSION_DATE), "admission date",
                cf[X12_CLAIM_ADMISSION_DATE]);

    check_diagnoses(x, c);
    check_codes(x, c);
    check_claim_providers(x, c);
    amb = check_ambulance(x, C8O_CLAIM, c8_amb_claim, cf);
    check_attachments(x, c->att_first, c->natt, 0);

    nl = 0;
    for (l = c->l_first; l != NULL; l = l->next) {
        size_t o2 = push_index(x, "line", ++nl);
        line_amb |= check_line(x, l, c->ndx);
        check_line_providers(x, l);
        check_line_adjudications(x, c, l);
        pop(x, o2);
        if (l->has_amt[X12_LINEAMT_CHARGE]) {
            if ((l->amt[X12_LINEAMT_CHARGE] > 0 && sum > INT64_MAX - l->amt[X12_LINEAMT_CHARGE]) ||
                (l->amt[X12_LINEAMT_CHARGE] < 0 && sum < INT64_MIN - l->amt[X12_LINEAMT_CHARGE]))
                sum_ok = 0;
            else
                sum += l->amt[X12_LINEAMT_CHARGE];
        } else {
            sum_ok = 0;
        }
    }
    /* An ambulance claim: its transport (2300 CR1) whatever its lines have,
     * where the patient was picked up and dropped off (2310E, 2310F). */
    if (amb || line_amb) {
        if (!amb)
            ffail(x, C8D(X12_CLAIM_TRANSPORT_REASON), "required",
                  "the claim's ambulance transport information (2300 CR1: reason, distance) is "
                  "required when a line has its own");
        if (!c8_role_written(c8_claim_role(c, X12_ROLE_AMBULANCE_PICKUP)))
            fail(x, "ambulance_pickup", "required", "NM1", "2310E", 1,
                 "the ambulance pick-up location (2310E) is required on an ambulance claim");
        if (!c8_role_written(c8_claim_role(c, X12_ROLE_AMBULANCE_DROPOFF)))
            fail(x, "ambulance_dropoff", "required", "NM1", "2310F", 1,
                 "the ambulance drop-off location (2310F) is required on an ambulance claim");
    }
    if (nl == 0)
        fail(x, "line", "required", x->p ? "SV1" : "SV2", "2400", 0,
             "at least one service line is required");
    if (nl > (x->p ? 50u : 999u))
        fail(x, "line", "too-many", "LX", "2400", 1, "%zu service lines; an %s claim has at most %s",
             nl, x->p ? "837P" : "837I", x->p ? "50" : "999");
    if (nl && sum_ok && c->has_amt[X12_CLAIMAMT_TOTAL_CHARGE] && sum != total) {
        money(a1, sizeof a1, total);
        money(a2, sizeof a2, sum);
        fail(x, "total_charge", "charge-total", "CLM", "2300", 2,
             "CLM02 %s does not equal the sum of line charges %s", a1, a2);
    }
    check_other_payers(x, c, total);
    x->nfr = saved_nfr;
    x->root = saved_root;
}

/* ---- the hierarchy ------------------------------------------------------------------ */

/*
 * Each level is checked in parts so that a streaming batch can check a
 * provider, subscriber or patient once, before its first claim, and the
 * rules about its children ("has no claims") when it is finished; the
 * whole-batch check below calls the same parts in the same order as ever.
 * Every part pushes the frames of its level's path itself.
 */

static size_t push_levels(ectx *x, const x12_billing_provider *bp, const x12_subscriber *s,
                          const x12_patient *pt)
{
    size_t old = x->nfr;

    if (bp == NULL)
        return old;
    push_index(x, "provider", bp->ord);
    if (s != NULL)
        push_index(x, "subscriber", s->ord);
    if (pt != NULL)
        push_index(x, "patient", pt->ord);
    return old;
}

/* The subscriber as the patient of their own claims. */
static void check_subscriber_own(ectx *x, const x12_subscriber *s)
{
    pinfo ps = {"", "subscriber", "2010BA", "IL", "member_id"};

    c8_party_view(&s->party, &x->v);
    check_address(x, &ps, &x->v);
    preq(x, &ps, &x->v, X12_PARTY_BIRTH_DATE);
    preq(x, &ps, &x->v, X12_PARTY_GENDER);
}

static void check_subscriber_fields(ectx *x, const x12_subscriber *s)
{
    pinfo ps = {"", "subscriber", "2010BA", "IL", "member_id"};
    pinfo pp = {"", "payer", "2010BB", "PR", "payer_id"};
    size_t old;
    x12_str *f = x->sf;

    c8_fields_unpack(&s->fl, x->sf, C8_SUB_NF + 1);

    require_f(x, C8D(X12_SUB_RESPONSIBILITY), "payer responsibility (SBR01)",
              f[X12_SUB_RESPONSIBILITY]);
    check_fcode(x, C8D(X12_SUB_RESPONSIBILITY), "SBR01 payer responsibility",
                f[X12_SUB_RESPONSIBILITY]);
    check_ftext(x, C8D(X12_SUB_GROUP_NUMBER), f[X12_SUB_GROUP_NUMBER]);
    check_ftext(x, C8D(X12_SUB_GROUP_NAME), f[X12_SUB_GROUP_NAME]);
    if (!x->p && f[X12_SUB_INSURANCE_TYPE].len)
        ffail(x, C8D(X12_SUB_INSURANCE_TYPE), "not-used",
              "insurance type (SBR05) is not used on 837I claims");
    else
        check_fcode(x, C8D(X12_SUB_INSURANCE_TYPE), "SBR05 insurance type",
                    f[X12_SUB_INSURANCE_TYPE]);
    require_f(x, C8D(X12_SUB_FILING_INDICATOR), "claim filing indicator (SBR09)",
              f[X12_SUB_FILING_INDICATOR]);
    check_fcode(x, C8D(X12_SUB_FILING_INDICATOR), "SBR09 claim filing indicator",
                f[X12_SUB_FILING_INDICATOR]);
    c8_party_view(&s->party, &x->v);
    party_shapes(x, &ps, &x->v, 0);
    check_name(x, &ps, &x->v);
    preq(x, &ps, &x->v, X12_PARTY_ID);
    if (s->nclaims) {
        /* the subscriber is the patient of these claims */
        check_subscriber_own(x, s);
        c8_party_view(&s->party, &x->v);
    }
    if (x->v.entity == X12_ENTITY_PERSON)
        preq(x, &ps, &x->v, X12_PARTY_FIRST_NAME);
    old = push(x, "payer");
    c8_party_view(&s->payer, &x->v);
    party_shapes(x, &pp, &x->v, 0);
    check_name(x, &pp, &x->v);
    preq(x, &pp, &x->v, X12_PARTY_ID);
    pop(x, old);
}

static void check_subscriber_done(ectx *x, const x12_subscriber *s)
{
    if (s->nclaims == 0 && s->npatients == 0)
        fail(x, "claim", "required", "CLM", "2300", 0,
             "the subscriber has no claims (for themself or a patient)");
    if (s->nclaims == 0 && s->npatients) {
        /* 2000B PAT is written only when the subscriber is the patient */
        static const x12_party_field pf[] = {X12_PARTY_DEATH_DATE, X12_PARTY_WEIGHT,
                                             X12_PARTY_PREGNANT};
        static const unsigned pel[] = {6, 8, 9};
        size_t i;

        c8_party_view(&s->party, &x->v);
        for (i = 0; i < sizeof pf / sizeof pf[0]; i++)
            if (x->v.f[pf[i]].len)
                fail(x, pfield_of(pf[i])->name, "not-used", "PAT", "2000B", pel[i],
                     "subscriber %s is not used when the subscriber is not a patient (their "
                     "claims are all for patients)",
                     pfield_of(pf[i])->label);
    }
}

static void check_patient_fields(ectx *x, const x12_patient *pt)
{
    pinfo pa = {"", "patient", "2010CA", "QC", "id"};

    required(x, "relationship", "patient relationship to the subscriber (PAT01)", "PAT",
             "2000C", 1, pt->rel);
    if (pt->rel.len && !x12i_code_in(x->pat_codes, pt->rel.ptr, pt->rel.len))
        fail(x, "relationship", "code-value", "PAT", "2000C", 1,
             "PAT01 relationship is not one of %.*s", c8_codes_len(x->pat_codes),
             x->pat_codes + 1);
    c8_party_view(&pt->party, &x->v);
    party_shapes(x, &pa, &x->v, 0);
    if (x->v.f[X12_PARTY_ID].len)
        pfail(x, &pa, X12_PARTY_ID, "not-used", "identifier is not used (NM108/NM109)");
    check_name(x, &pa, &x->v);
    if (x->v.entity == X12_ENTITY_PERSON)
        preq(x, &pa, &x->v, X12_PARTY_FIRST_NAME);
    check_address(x, &pa, &x->v);
    preq(x, &pa, &x->v, X12_PARTY_BIRTH_DATE);
    preq(x, &pa, &x->v, X12_PARTY_GENDER);
}

static void check_patient_done(ectx *x, const x12_patient *pt)
{
    if (pt->nclaims == 0)
        fail(x, "claim", "required", "CLM", "2300", 0, "the patient has no claims");
}

static void check_subscriber(ectx *x, const x12_subscriber *s)
{
    const x12_patient *pt;
    const x12_claim *c;
    size_t old;

    check_subscriber_fields(x, s);
    check_subscriber_done(x, s);
    /* Claims are numbered in the order they are written: the subscriber's
     * own first, then each patient's. */
    for (c = s->c_first; c != NULL; c = c->next)
        check_claim(x, c);
    for (pt = s->p_first; pt != NULL; pt = pt->next) {
        old = push_index(x, "patient", pt->ord);
        check_patient_fields(x, pt);
        check_patient_done(x, pt);
        for (c = pt->c_first; c != NULL; c = c->next)
            check_claim(x, c);
        pop(x, old);
    }
}

/*
 * The pay-to plan (2010AC): an organization (NM102 2) with a name, a payer
 * id (NM109 PI), an address and its EIN (REF*EI required); its 2U/FY/NF
 * and anything else the loop has no REF or PER for are party_shapes'; a
 * person's names, taxonomy and demographics are not used.
 */
static void check_pay_to_plan(ectx *x, const x12_party *plan)
{
    /* (a first name: party_shapes says an organization has none) */
    static const int unused[] = {X12_PARTY_MIDDLE_NAME, X12_PARTY_SUFFIX, X12_PARTY_TAXONOMY,
                                 X12_PARTY_BIRTH_DATE, X12_PARTY_GENDER};
    pinfo pi = {"", "pay-to plan", "2010AC", "PE", "payer_id"};
    size_t old = push(x, "pay_to_plan"), i;

    c8_party_view(plan, &x->v);
    party_shapes(x, &pi, &x->v, 0);
    check_name(x, &pi, &x->v);
    preq(x, &pi, &x->v, X12_PARTY_ID);
    check_address(x, &pi, &x->v);
    if (x->v.f[X12_PARTY_EIN].len == 0)
        pfail(x, &pi, X12_PARTY_EIN, "required", "tax id (REF*EI EIN) is required");
    for (i = 0; i < sizeof unused / sizeof unused[0]; i++)
        if (x->v.f[unused[i]].len)
            pfail(x, &pi, (x12_party_field)unused[i], "not-used", "%s is not used in loop 2010AC",
                  pfield_of((x12_party_field)unused[i])->label);
    if (x->v.entity != X12_ENTITY_ORGANIZATION)
        fail(x, "entity", "organization-only", "NM1", "2010AC", 2,
             "the pay-to plan must be an organization (NM102 2)");
    pop(x, old);
}

static void check_provider_fields(ectx *x, const x12_billing_provider *bp)
{
    pinfo pi = {"", "billing provider", "2010AA", "85", "npi"};
    pinfo pt = {"", "pay-to address", "2010AB", "87", "id"};
    const c8_pview *p = &x->v;
    size_t old;

    c8_party_view(&bp->party, &x->v);
    party_shapes(x, &pi, p, 1);
    check_name(x, &pi, p);
    if (p->entity == X12_ENTITY_PERSON)
        preq(x, &pi, p, X12_PARTY_FIRST_NAME);
    preq(x, &pi, p, X12_PARTY_ID);
    check_npi(x, &pi, p);
    check_address(x, &pi, p);
    if (is_po_box(p->f[X12_PARTY_ADDRESS1]) || is_po_box(p->f[X12_PARTY_ADDRESS2]))
        pfail(x, &pi, is_po_box(p->f[X12_PARTY_ADDRESS1]) ? X12_PARTY_ADDRESS1 : X12_PARTY_ADDRESS2,
              "po-box", "address must be a street address, not a post office box (give a box "
                        "as the pay-to address)");
    if (p->f[X12_PARTY_EIN].len == 0 && p->f[X12_PARTY_SSN].len == 0)
        pfail(x, &pi, X12_PARTY_EIN, "required", "tax id (REF*EI EIN%s) is required",
              x->p ? " or REF*SY SSN" : "");
    else if (p->f[X12_PARTY_EIN].len && p->f[X12_PARTY_SSN].len)
        pfail(x, &pi, X12_PARTY_SSN, "tax-id-one", "has both an EIN and an SSN; give one");
    else if (!x->p && p->f[X12_PARTY_SSN].len)
        pfail(x, &pi, X12_PARTY_SSN, "not-used",
              "SSN is not used on 837I claims; give the EIN");
    if (party_used(&bp->payto)) {
        old = push(x, "pay_to");
        c8_party_view(&bp->payto, &x->v);
        party_shapes(x, &pt, &x->v, 0);
        check_address(x, &pt, &x->v);
        pop(x, old);
    }
    if (party_used(&bp->payto_plan))
        check_pay_to_plan(x, &bp->payto_plan);
}

static void check_provider_done(ectx *x, const x12_billing_provider *bp)
{
    if (bp->nsubs == 0)
        fail(x, "subscriber", "required", "HL", "2000B", 0,
             "the billing provider has no subscribers");
}

static void check_provider(ectx *x, const x12_billing_provider *bp)
{
    const x12_subscriber *s;
    size_t old;

    check_provider_fields(x, bp);
    check_provider_done(x, bp);
    for (s = bp->s_first; s != NULL; s = s->next) {
        old = push_index(x, "subscriber", s->ord);
        check_subscriber(x, s);
        pop(x, old);
    }
}

/* ---- entry points ---------------------------------------------------------------- */

/* The code list of an element of the guide of kind p, NULL when none. */
static const char *guide_codes(int p, const char *loop, const char *seg, const char *qual,
                               unsigned char el, unsigned char comp)
{
    const c8_fpos q = {loop, seg, qual, el, comp, C8W_CODE};
    const x12i_seg *s;
    const x12i_elem *e;
    unsigned order;

    e = c8_guide_elem(c8_guide_loop(c8_guide_spec(p), loop), &q, &s, &order);
    return e != NULL ? e->codes : NULL;
}

c8_ectx *c8_check_begin(x12_batch *b)
{
    ectx *x = x12i_malloc(&b->a, sizeof *x);

    if (x == NULL)
        return NULL;
    memset(x, 0, sizeof *x);
    x->b = b;
    x->p = b->kind == X12_CLAIM_837P;
    build_chars(x);
    c8_guide_resolve(&x->g, x->p);
    x->poa_codes = guide_codes(0, "2300", "HI", "ABK", 1, 9);
    x->pat_codes = guide_codes(x->p, "2000C", "PAT", "", 1, 0);
    x->mea_codes[0] = guide_codes(x->p, "2400", "MEA", "", 1, 0);
    x->mea_codes[1] = guide_codes(x->p, "2400", "MEA", "", 2, 0);
    x->cas_codes = guide_codes(x->p, "2320", "CAS", "", 1, 0);
    return x;
}

void c8_check_end(x12_batch *b, c8_ectx *x)
{
    x12i_free(&b->a, x);
}

int c8_check_oom(const c8_ectx *x)
{
    return x->oom;
}

void c8_check_header(c8_ectx *x)
{
    check_header(x);
}

void c8_check_level(c8_ectx *x, int part, const x12_billing_provider *bp,
                    const x12_subscriber *s, const x12_patient *pt)
{
    size_t old = push_levels(x, bp, s, pt);

    switch (part) {
    case C8C_PROVIDER:
        check_provider_fields(x, bp);
        break;
    case C8C_PROVIDER_DONE:
        check_provider_done(x, bp);
        break;
    case C8C_SUBSCRIBER:
        check_subscriber_fields(x, s);
        break;
    case C8C_SUBSCRIBER_OWN:
        check_subscriber_own(x, s);
        break;
    case C8C_SUBSCRIBER_DONE:
        check_subscriber_done(x, s);
        break;
    case C8C_PATIENT:
        check_patient_fields(x, pt);
        break;
    case C8C_PATIENT_DONE:
        check_patient_done(x, pt);
        break;
    case C8C_BATCH_DONE:
        fail(x, "provider", "required", "HL", "2000A", 0, "the batch has no billing provider");
        break;
    default:
        break;
    }
    pop(x, old);
}

void c8_check_claim(c8_ectx *x, const x12_billing_provider *bp, const x12_subscriber *s,
                    const x12_patient *pt, const x12_claim *c)
{
    size_t old = push_levels(x, bp, s, pt);

    check_claim(x, c);
    pop(x, old);
}

void c8_check_skip_claim(c8_ectx *x)
{
    x->claimno++;
}

x12_status x12_batch_check(x12_batch *b)
{
    ectx *x;
    const x12_billing_provider *bp;
    size_t old;
    x12_status st;

    if (b == NULL)
        return X12_EINVAL;
    if (b->stream != NULL)
        return X12_ESTATE;
    c8_edits_clear(b);
    x = c8_check_begin(b);
    if (x == NULL)
        return X12_ENOMEM;
    check_header(x);
    if (b->bp_first == NULL)
        fail(x, "provider", "required", "HL", "2000A", 0, "the batch has no billing provider");
    for (bp = b->bp_first; bp != NULL; bp = bp->next) {
        old = push_index(x, "provider", bp->ord);
        check_provider(x, bp);
        pop(x, old);
    }
    st = x->oom ? X12_ENOMEM : b->edits_total ? X12_EEDIT : X12_OK;
    c8_check_end(b, x);
    return st;
}
