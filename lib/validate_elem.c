/*
 * Element checks of the validator: usage, repetitions, components, data
 * types, lengths, code lists, dates and times, and the X12 syntax notes.
 * Each problem becomes a 999 IK4 issue (code 1-13 or I10-I13).
 */
#include <stdio.h>
#include <string.h>

#include "reader_internal.h"
#include "validate_internal.h"
#include "x12types_internal.h"

/* "CLM05" or "CLM05-3" */
static void label(char *buf, size_t size, const char *segid, unsigned e, unsigned c)
{
    if (c)
        snprintf(buf, size, "%s%02u-%u", segid, e, c);
    else
        snprintf(buf, size, "%s%02u", segid, e);
}

/* Characters of the X12 basic and extended sets: printable ASCII but the
 * grave accent. */
static int valid_chars(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c > 0x7e || c == '`')
            return 0;
    }
    return 1;
}

/* Digits in an N or R value, or (size_t)-1 when it is not a number. */
static size_t numeric_digits(const char *p, size_t n, int allow_point)
{
    size_t i = 0, digits = 0;
    int point = 0;

    if (n > 0 && p[0] == '-')
        i = 1;
    for (; i < n; i++) {
        if (x12i_is_digit(p[i]))
            digits++;
        else if (p[i] == '.' && allow_point && !point)
            point = 1;
        else
            return (size_t)-1;
    }
    return digits ? digits : (size_t)-1;
}

/* ---- situational rules and named checks (x12i_elem) ---------------------- */

/* Whether the components of element d->ifpos of seg that d->ifcomps
 * names (its first repetition) hold one of `codes`, or are all empty and
 * d->ifabsent.  Out of line: only composite conditions (CLM11) come here. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int comps_hold(const x12_segment *seg, const x12i_elem *d, const char *codes)
{
    x12_str w = {"", 0};
    size_t k, start = 0;
    unsigned j = 1;
    int any = 0;

    if (d->ifpos <= seg->count) {
        w.ptr = seg->ebase + seg->starts[d->ifpos];
        w.len = seg->starts[d->ifpos + 1] - 1 - seg->starts[d->ifpos];
    }
    for (k = 0; k <= w.len && j <= 32; k++) {
        int end = k == w.len || (seg->split_repetition && w.ptr[k] == seg->split_repetition);
        if (!end && !(seg->split_component && w.ptr[k] == seg->split_component))
            continue;
        if ((d->ifcomps >> (j - 1) & 1u) && k > start) {
            any = 1;
            if (codes != NULL && x12i_code_in(codes, w.ptr + start, k - start))
                return 1;
        }
        if (end)
            break;
        start = k + 1;
        j++;
    }
    return !any && d->ifabsent;
}

/* Whether element d->ifpos of seg (its first component, or the components
 * d->ifcomps names) holds one of `codes`, or is empty and d->ifabsent. */
static inline int cond_holds(const x12_segment *seg, const x12i_elem *d, const char *codes)
{
    x12_str w;

    if (d->ifcomps != 0)
        return comps_hold(seg, d, codes);
    w = x12i_first_component(seg, d->ifpos);
    if (w.len == 0)
        return d->ifabsent;
    return codes != NULL && x12i_code_in(codes, w.ptr, w.len);
}

/* Whether the condition of d's rule holds on segment seg (always, when d
 * has no condition). */
static inline int rule_holds(const x12_segment *seg, const x12i_elem *d)
{
    if (d->ifpos == 0)
        return 1;
    return cond_holds(seg, d, d->ifcodes);
}

/* Whether d's check applies on seg, given whether its rule's condition
 * holds: checkcodes narrow the condition for the check alone. */
static inline int check_applies(const x12_segment *seg, const x12i_elem *d, int holds)
{
    if (!holds || d->check == X12I_CHK_NONE)
        return 0;
    return d->checkcodes == NULL || cond_holds(seg, d, d->checkcodes);
}

/* d's usage on a segment where its rule's condition does (holds) or does
 * not hold. */
static inline uint8_t usage_of(const x12i_elem *d, int holds)
{
    uint8_t u = holds ? d->ifusage : d->elseusage;

    return u ? u : d->usage;
}

/* Whether val names the guide v validates the set against: its id or its
 * base, or the same guide (the first ten characters, "005010X222") in
 * another errata release - the set was then accepted or rejected for that
 * at its ST, by the errata option. */
static int names_guide(const x12_validator *v, x12_str val)
{
    const x12_spec *g = v->spec;

    if (g == NULL)
        return 1;
    if ((val.len == strlen(g->id) && memcmp(val.ptr, g->id, val.len) == 0) ||
        (g->base[0] != '\0' && val.len == strlen(g->base) &&
         memcmp(val.ptr, g->base, val.len) == 0))
        return 1;
    return val.len >= 10 && strlen(g->id) >= 10 && memcmp(val.ptr, g->id, 10) == 0;
}

/* 1 when val passes d's named check. */
static int check_ok(const x12_validator *v, const x12i_elem *d, x12_str val)
{
    switch (d->check) {
    case X12I_CHK_NPI: return x12i_npi_valid(val.ptr, val.len);
    case X12I_CHK_ZIP9: return val.len == 9 && x12i_all_digits(val.ptr, val.len);
    case X12I_CHK_GUIDE_ID: return names_guide(v, val);
    default: return 1;
    }
}

/* "N404 is absent, US or CA", "CLM11-1 or CLM11-2 is AA" for d's
 * condition in segment segid. */
static void rule_text(char *buf, size_t size, const char *segid, const x12i_elem *d)
{
    const char *p = d->ifcodes ? d->ifcodes : "", *q;
    size_t len = 0, ncodes = 0, i = 0, ncomps = 0, c;
    unsigned j;
    int k;

    for (q = p; *q; q++)
        if (q[0] == ' ' && q[1] != '\0')
            ncodes++;
    ncodes += d->ifabsent ? 1 : 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    if (d->ifcomps == 0) {
        k = snprintf(buf, size, "%s%02u", segid, d->ifpos);
        if (k < 0 || (size_t)k >= size)
            return;
        len = (size_t)k;
    }
    for (j = 1; j <= 32; j++)
        ncomps += d->ifcomps >> (j - 1) & 1u;
    for (j = 1, c = 0; j <= 32; j++) {
        if (!(d->ifcomps >> (j - 1) & 1u))
            continue;
        k = snprintf(buf + len, size - len, "%s%s%02u-%u",
                     c == 0 ? "" : c + 1 == ncomps ? " or " : ", ",
                     segid, d->ifpos, j);
        if (k < 0 || (size_t)k >= size - len)
            return;
        len += (size_t)k;
        c++;
    }
    k = snprintf(buf + len, size - len, " is");
    if (k < 0 || (size_t)k >= size - len)
        return;
    len += (size_t)k;
    if (d->ifabsent) {
        k = snprintf(buf + len, size - len, " absent");
        if (k < 0 || (size_t)k >= size - len)
            return;
        len += (size_t)k;
        i++;
    }
    while (*p == ' ')
        p++;
    while (*p != '\0' && len + 1 < size) {
        q = strchr(p, ' ');
        if (q == NULL)
            q = p + strlen(p);
        k = snprintf(buf + len, size - len, "%s%.*s",
                     i == 0 ? " " : i + 1 == ncodes ? " or " : ", ", (int)(q - p), p);
        if (k < 0 || (size_t)k >= size - len)
            return;
        len += (size_t)k;
        i++;
        p = q;
        while (*p == ' ')
            p++;
    }
}

/* "1,6,7,8" from " 1 6 7 8 ", or "" when it would be long. */
static const char *code_list(char *buf, size_t size, const char *codes)
{
    size_t n = 0, i;

    if (codes == NULL || strlen(codes) > 60 || size == 0) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    for (i = 1; codes[i] != '\0' && n + 2 < size; i++) {
        if (codes[i] == ' ') {
            if (codes[i + 1] != '\0')
                buf[n++] = ',';
        } else {
            buf[n++] = codes[i];
        }
    }
    buf[n] = '\0';
    return buf;
}

/* The longest a value of element d may be and still be quoted: its
 * maximum length, or when the guide gives none its longest code. */
static size_t quote_max(const x12i_elem *d)
{
    const char *p;
    size_t best = 0, run = 0;

    if (d->max)
        return d->max;
    for (p = d->codes; p != NULL && *p != '\0'; p++) {
        run = *p == ' ' ? 0 : run + 1;
        if (run > best)
            best = run;
    }
    return best;
}

/* A bad value of element d, for messages: quoted only when it has the
 * shape of one of the element's codes (the one rule, x12i_quote_value);
 * a shifted name, member id or birth date is described by its length. */
static int quote_bad(char *buf, size_t size, const x12i_elem *d, x12_str val)
{
    return x12i_quote_value(buf, size, val.ptr, val.len, quote_max(d), d->codes);
}

/* IK404 (x12_issue_bad_value): a copy of the bad value, by the same rule,
 * or nothing. */
static void set_bad_value(x12_issue *is, const x12i_elem *d, x12_str val)
{
    size_t n;

    if (is == NULL || !x12i_value_quotable(val.ptr, val.len, quote_max(d), d->codes))
        return;
    n = val.len < sizeof is->value - 1 ? val.len : sizeof is->value - 1;
    memcpy(is->value, val.ptr, n);
    is->value[n] = '\0';
}

static x12_issue *elem_issue(x12_validator *v, const x12i_elem *d, const char *code,
                             const char *segid, const char *loop, unsigned e, unsigned c,
                             unsigned r, const char *msg)
{
    x12_issue *is = x12i_issue(v, X12_ISSUE_ELEMENT, d->warn, code, segid, loop, NULL, e, c, r,
                               "%s", msg);

    if (is != NULL)
        snprintf(is->ref, sizeof is->ref, "%s", d->ref);
    return is;
}

/* Reports an element present where the guide does not use it: always
 * (999 IK403 I10), or where its rule's condition does (ifusage N) or does
 * not (elseusage N) hold (I13). */
static void not_used(x12_validator *v, const x12i_seg *s, const x12i_elem *d, const char *loop,
                     unsigned e, unsigned c, unsigned r, int holds)
{
    char lab[24], msg[200], cond[96];

    label(lab, sizeof lab, s->id, e, c);
    if (d->ifpos && (holds ? d->ifusage : d->elseusage) == X12I_U_N) {
        rule_text(cond, sizeof cond, s->id, d);
        snprintf(msg, sizeof msg, "%s is not used %s %s", lab, holds ? "when" : "unless", cond);
        elem_issue(v, d, "I13", s->id, loop, e, c, r, msg);
    } else {
        snprintf(msg, sizeof msg, "%s is not used in this guide but is present", lab);
        elem_issue(v, d, "I10", s->id, loop, e, c, r, msg);
    }
}

/* Checks the date or time in `val` against the format qualifier `q`. */
static int check_dateformat(x12_str q, x12_str val, const char **what)
{
    const char *p = val.ptr;
    size_t n = val.len;

    *what = "date";
    if (q.len == 2 && memcmp(q.ptr, "D8", 2) == 0)
        return n == 8 && x12i_date_valid(p, 8);
    if (q.len == 2 && memcmp(q.ptr, "D6", 2) == 0)
        return n == 6 && x12i_date_valid(p, 6);
    if (q.len == 3 && memcmp(q.ptr, "RD8", 3) == 0) {
        *what = "date range";
        return n == 17 && p[8] == '-' && x12i_date_valid(p, 8) && x12i_date_valid(p + 9, 8) &&
               memcmp(p, p + 9, 8) <= 0;
    }
    if (q.len == 2 && memcmp(q.ptr, "DT", 2) == 0) {
        *what = "date and time";
        if (n == 12 && x12i_date_valid(p, 8) && !x12i_time_valid(p + 8, 4)) {
            *what = "time"; /* the date is right: IK4 9, not 8 */
            return 0;
        }
        return n == 12 && x12i_date_valid(p, 8);
    }
    if (q.len == 2 && memcmp(q.ptr, "TM", 2) == 0) {
        *what = "time";
        return x12i_time_valid(p, n);
    }
    return 1; /* a format we do not check */
}

/* Checks one simple value (non-empty).  Returns 1 when it reported. */
static int check_value(x12_validator *v, const x12i_seg *s, const x12i_elem *d,
                       const char *loop, unsigned e, unsigned c, unsigned r, x12_str val)
{
    char lab[24], msg[200], list[80];
    size_t len = val.len;
    x12_issue *is;

    int holds = d->ifpos ? rule_holds(v->seg, d) : 1;

#define LAB() label(lab, sizeof lab, s->id, e, c)
    if (usage_of(d, holds) == X12I_U_N) {
        not_used(v, s, d, loop, e, c, r, holds);
        return 1;
    }
    if (!valid_chars(val.ptr, val.len)) {
        LAB();
        snprintf(msg, sizeof msg, "%s has a character outside the X12 character set", lab);
        elem_issue(v, d, "6", s->id, loop, e, c, r, msg);
        return 1;
    }
    if (d->codes != NULL && !x12i_code_in(d->codes, val.ptr, val.len)) {
        char q[40];
        int shown;
        LAB();
        code_list(list, sizeof list, d->codes);
        shown = quote_bad(q, sizeof q, d, val);
        if (list[0])
            snprintf(msg, sizeof msg, shown ? "%s %s '%s' not one of %s" : "%s %s (%s) is not one of %s",
                     lab, d->name[0] ? d->name : "code", q, list);
        else
            snprintf(msg, sizeof msg,
                     shown ? "%s %s '%s' is not a code this guide allows"
                           : "%s %s (%s) is not a code this guide allows",
                     lab, d->name[0] ? d->name : "code", q);
        is = elem_issue(v, d, "7", s->id, loop, e, c, r, msg);
        set_bad_value(is, d, val);
        return 1;
    }
    if (d->codelist != 0 && !x12i_codelist_has(d->codelist - 1u, val.ptr, val.len)) {
        char q[40];
        int shown;
        LAB();
        shown = quote_bad(q, sizeof q, d, val);
        snprintf(msg, sizeof msg, shown ? "%s '%s' is not a %s" : "%s (%s) is not a %s", lab, q,
                 x12i_codelists[d->codelist - 1u].title);
        is = elem_issue(v, d, "7", s->id, loop, e, c, r, msg);
        set_bad_value(is, d, val);
        return 1;
    }
    switch (d->type) {
    case X12I_T_N:
    case X12I_T_R:
        len = numeric_digits(val.ptr, val.len, d->type == X12I_T_R);
        if (len == (size_t)-1) {
            LAB();
            snprintf(msg, sizeof msg, "%s is not a %s number", lab,
                     d->type == X12I_T_R ? "decimal" : "whole");
            elem_issue(v, d, "6", s->id, loop, e, c, r, msg);
            return 1;
        }
        break;
    case X12I_T_DT:
        if (!x12i_date_valid(val.ptr, val.len)) {
            LAB();
            snprintf(msg, sizeof msg, "%s is not a valid date (%s)", lab,
                     d->max == 6 ? "YYMMDD" : "CCYYMMDD");
            elem_issue(v, d, "8", s->id, loop, e, c, r, msg);
            return 1;
        }
        break;
    case X12I_T_TM:
        if (!x12i_time_valid(val.ptr, val.len)) {
            LAB();
            snprintf(msg, sizeof msg, "%s is not a valid time (HHMM[SS[dd]])", lab);
            elem_issue(v, d, "9", s->id, loop, e, c, r, msg);
            return 1;
        }
        break;
    default:
        break;
    }
    if (d->dateformat != 0 && c == 0) {
        x12_str q = x12_segment_component(v->seg, d->dateformat, 1);
        const char *what;
        if (!check_dateformat(q, val, &what)) {
            char fq[40];
            LAB();
            /* the qualifier: a code of at most 3 (D8, RD8, DT) */
            x12i_quote_msg(fq, sizeof fq, q.ptr, q.len, 3, NULL, 0);
            snprintf(msg, sizeof msg, "%s is not a valid %s in format %s", lab, what, fq);
            /* 999 IK403: 8 invalid date, 9 invalid time */
            elem_issue(v, d, strcmp(what, "time") == 0 ? "9" : "8", s->id, loop, e, c, r, msg);
            return 1;
        }
        return 0; /* the format decides the length */
    }
    if (d->min && len < d->min) {
        LAB();
        snprintf(msg, sizeof msg, "%s is shorter than its minimum of %u characters", lab, d->min);
        is = elem_issue(v, d, "4", s->id, loop, e, c, r, msg);
        if (d->type == X12I_T_ID)
            set_bad_value(is, d, val);
        return 1;
    }
    if (d->max && len > d->max) {
        LAB();
        snprintf(msg, sizeof msg, "%s is longer than its maximum of %u characters", lab, d->max);
        is = elem_issue(v, d, "5", s->id, loop, e, c, r, msg);
        if (d->type == X12I_T_ID)
            set_bad_value(is, d, val);
        return 1;
    }
    if (check_applies(v->seg, d, holds) && !check_ok(v, d, val)) {
        LAB();
        switch (d->check) {
        case X12I_CHK_NPI:
            /* 999 IK403 I12: the value does not have the pattern the
             * guide gives it.  An identifier: never quoted. */
            snprintf(msg, sizeof msg,
                     "%s is not a valid NPI (10 digits, the last a Luhn check digit over "
                     "80840 and the first nine)", lab);
            elem_issue(v, d, "I12", s->id, loop, e, c, r, msg);
            break;
        case X12I_CHK_ZIP9:
            snprintf(msg, sizeof msg,
                     "%s must be a nine-digit ZIP code (ZIP+4, no hyphen) for this address", lab);
            elem_issue(v, d, "I12", s->id, loop, e, c, r, msg);
            break;
        default: {
            char q[40];
            int shown = quote_bad(q, sizeof q, d, val);
            snprintf(msg, sizeof msg, shown ? "%s '%s' does not name the guide %s this set is "
                     "checked against" : "%s (%s) does not name the guide %s this set is checked "
                     "against", lab, q, v->spec ? v->spec->id : "");
            is = elem_issue(v, d, "7", s->id, loop, e, c, r, msg);
            set_bad_value(is, d, val);
            break;
        }
        }
        return 1;
    }
#undef LAB
    return 0;
}

static int check_required(x12_validator *v, const x12i_seg *s, const x12i_elem *d,
                          const char *loop, unsigned e, unsigned c, unsigned r)
{
    char lab[24], msg[160];
    int holds = d->ifpos ? rule_holds(v->seg, d) : 1;

    if (usage_of(d, holds) != X12I_U_R)
        return 0;
    label(lab, sizeof lab, s->id, e, c);
    if (holds && d->ifpos && d->ifusage == X12I_U_R) {
        /* 999 IK403 I9: implementation dependent element missing */
        char cond[96];
        rule_text(cond, sizeof cond, s->id, d);
        snprintf(msg, sizeof msg, "%s is required when %s", lab, cond);
        elem_issue(v, d, "I9", s->id, loop, e, c, r, msg);
        return 1;
    }
    snprintf(msg, sizeof msg, "%s is required but missing", lab);
    elem_issue(v, d, "1", s->id, loop, e, c, r, msg);
    return 1;
}

/* The next part of `*rest` up to `sep` (all of it when sep is absent);
 * advances *rest past the separator, or empties it (ptr NULL) at the end. */
static x12_str next_part(x12_str *rest, char sep)
{
    x12_str part = *rest;
    const char *p = sep ? memchr(rest->ptr, sep, rest->len) : NULL;

    if (p == NULL) {
        rest->ptr = NULL;
        rest->len = 0;
        return part;
    }
    part.len = (size_t)(p - rest->ptr);
    rest->len -= part.len + 1;
    rest->ptr = p + 1;
    return part;
}

/* One repetition of a composite (`rep`, components not yet split). */
static int check_composite(x12_validator *v, const x12i_seg *s, const x12i_elem *d,
                           const char *loop, unsigned e, x12_str rep, unsigned rr, char csep)
{
    x12_str rest = rep, val;
    size_t j;
    int any = 0;
    char lab[24], msg[160];

    for (j = 1; j <= d->ncomps; j++) {
        const x12i_elem *cd = &d->comps[j - 1];
        if (rest.ptr != NULL)
            val = next_part(&rest, csep);
        else
            val.ptr = "", val.len = 0;
        if (!cd->defined)
            continue;
        if (val.len == 0)
            any |= check_required(v, s, cd, loop, e, (unsigned)j, rr);
        else
            any |= check_value(v, s, cd, loop, e, (unsigned)j, rr, val);
    }
    /* components past the last one defined: an error if any holds data */
    for (; rest.ptr != NULL; j++) {
        val = next_part(&rest, csep);
        if (val.len > 0) {
            size_t nc = j;
            x12_str more = rest;
            while (more.ptr != NULL) {
                next_part(&more, csep);
                nc++;
            }
            label(lab, sizeof lab, s->id, e, 0);
            snprintf(msg, sizeof msg, "%s has %zu components, the guide defines %u", lab, nc,
                     d->ncomps);
            elem_issue(v, d, "13", s->id, loop, e, (unsigned)j, rr, msg);
            return 1;
        }
    }
    /* X12 ends a composite at its last component with data: a separator
     * after it ("BK:1739:") announces components that are to be left out,
     * with their separators (999 IK403 13, too many components, at the
     * first of them). */
    if (rep.len > 0 && rep.ptr[rep.len - 1] == csep) {
        size_t k = 0, last = 0;
        rest = rep;
        while (rest.ptr != NULL) {
            k++;
            if (next_part(&rest, csep).len > 0)
                last = k;
        }
        label(lab, sizeof lab, s->id, e, 0);
        snprintf(msg, sizeof msg,
                 "%s ends with a component separator: X12 leaves out the separators of empty "
                 "components at the end", lab);
        elem_issue(v, d, "13", s->id, loop, e, (unsigned)(last + 1), rr, msg);
        any = 1;
    }
    return any;
}

/* X12 ends a segment at its last element with data: separators after it
 * announce empty elements that are to be left out (999 IK403 3, too many
 * data elements, at the first of them; X12.6 drops the separators of
 * omitted elements at the end of a segment). */
static void check_trailing(x12_validator *v, const x12i_seg *s, const char *loop, size_t n)
{
    size_t last = n;
    char lab[24], msg[200];
    x12_issue *is;

    if (n == 0 || x12_segment_element(v->seg, n).len > 0)
        return;
    while (last > 0 && x12_segment_element(v->seg, last).len == 0)
        last--;
    label(lab, sizeof lab, s->id, (unsigned)(last + 1), 0);
    snprintf(msg, sizeof msg,
             "%s ends with %zu empty element%s (from %s on): X12 leaves out the separators "
             "of empty elements at the end of a segment",
             s->id, n - last, n - last == 1 ? "" : "s", lab);
    is = x12i_issue(v, X12_ISSUE_ELEMENT, 0, "3", s->id, loop, NULL, (unsigned)(last + 1), 0, 0,
                    "%s", msg);
    if (is != NULL && last < s->nelems && s->elems[last].defined)
        snprintf(is->ref, sizeof is->ref, "%s", s->elems[last].ref);
}

static int present(const x12_segment *seg, unsigned e)
{
    return x12_segment_element(seg, e).len > 0;
}

static void check_syntax(x12_validator *v, const x12i_seg *s, const char *loop)
{
    uint16_t i, k;
    char a[24], b[24], msg[160];

    for (i = 0; i < s->nsyntax; i++) {
        const x12i_syntax *y = &s->syntax[i];
        unsigned first = y->pos[0], cnt = 0;
        for (k = 0; k < y->npos; k++)
            cnt += (unsigned)present(v->seg, y->pos[k]);
        switch (y->rule) {
        case X12I_SYN_P:
            if (cnt == 0 || cnt == y->npos)
                break;
            for (k = 0; k < y->npos; k++) {
                unsigned p = y->pos[k], other = y->pos[k == 0 ? 1 : 0];
                if (present(v->seg, p) || v->reported[p])
                    continue;
                v->reported[p] = 1;
                label(a, sizeof a, s->id, p, 0);
                label(b, sizeof b, s->id, other, 0);
                snprintf(msg, sizeof msg, "%s is required when %s is present (they go in pairs)",
                         a, b);
                elem_issue(v, &s->elems[p - 1], "2", s->id, loop, p, 0, 0, msg);
            }
            break;
        case X12I_SYN_R:
            if (cnt == 0 && !v->reported[first]) {
                label(a, sizeof a, s->id, first, 0);
                label(b, sizeof b, s->id, y->pos[1], 0);
                snprintf(msg, sizeof msg, "at least one of %s or %s%s is required", a, b,
                         y->npos > 2 ? " (or a later one)" : "");
                elem_issue(v, &s->elems[first - 1], "2", s->id, loop, first, 0, 0, msg);
            }
            break;
        case X12I_SYN_E:
            if (cnt > 1) {
                unsigned seen = 0;
                for (k = 0; k < y->npos; k++) {
                    unsigned p = y->pos[k];
                    if (!present(v->seg, p))
                        continue;
                    if (seen++ == 0) {
                        first = p;
                        continue;
                    }
                    label(a, sizeof a, s->id, first, 0);
                    label(b, sizeof b, s->id, p, 0);
                    snprintf(msg, sizeof msg, "%s and %s cannot both be present", a, b);
                    elem_issue(v, &s->elems[p - 1], "10", s->id, loop, p, 0, 0, msg);
                }
            }
            break;
        case X12I_SYN_C:
            if (!present(v->seg, first))
                break;
            for (k = 1; k < y->npos; k++) {
                unsigned p = y->pos[k];
                if (present(v->seg, p) || v->reported[p])
                    continue;
                v->reported[p] = 1;
                label(a, sizeof a, s->id, p, 0);
                label(b, sizeof b, s->id, first, 0);
                snprintf(msg, sizeof msg, "%s is required when %s is present", a, b);
                elem_issue(v, &s->elems[p - 1], "2", s->id, loop, p, 0, 0, msg);
            }
            break;
        case X12I_SYN_L:
            if (!present(v->seg, first) || cnt > 1)
                break;
            label(a, sizeof a, s->id, y->pos[1], 0);
            label(b, sizeof b, s->id, first, 0);
            snprintf(msg, sizeof msg, "%s (or a later element of its group) is required when %s is present", a, b);
            elem_issue(v, &s->elems[y->pos[1] - 1], "2", s->id, loop, y->pos[1], 0, 0, msg);
            break;
        default:
            break;
        }
    }
}

/* ---- the fast path -----------------------------------------------------------
 * Nearly every segment of a real file is clean.  clean_segment() answers,
 * without reporting or changing anything, whether the full checks below
 * would find nothing; it may answer 0 ("not sure") for a clean segment, and
 * then the full checks run as they always did.  So it must never answer 1
 * where the full checks would report: each test below mirrors one of
 * theirs, in the same order. */

/* Element i of seg (i <= count), as x12_segment_element gives it. */
static inline x12_str elem_at(const x12_segment *seg, size_t i)
{
    x12_str e;

    e.ptr = seg->ebase + seg->starts[i];
    e.len = seg->starts[i + 1] - 1 - seg->starts[i];
    return e;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
/* Nonzero when a byte of x is zero / below n (n <= 128) / equal to c. */
#define HAS_ZERO(x) (((x) - ONES) & ~(x) & HIGHS)
#define HAS_LESS(x, n) (((x) - ONES * (n)) & ~(x) & HIGHS)
#define HAS_BYTE(x, c) HAS_ZERO((x) ^ (ONES * (unsigned char)(c)))

/* What one pass over a segment's elements tells. */
typedef struct seg_scan {
    int chars_ok; /* every byte but the separators is one valid_chars accepts */
    int has_rep;  /* a repetition separator somewhere */
    int has_comp; /* a component separator somewhere */
} seg_scan;

/* One pass over the element bytes (everything after the id), eight at a
 * time.  A byte that is a separator never reaches check_value (values
 * are split on it, or the element is reported for holding it), so a
 * separator that is not a valid character does not spoil chars_ok. */
static seg_scan scan_segment(const x12_segment *seg, x12_delimiters dl)
{
    const unsigned char *start = (const unsigned char *)seg->ebase + seg->starts[1];
    const unsigned char *end = (const unsigned char *)seg->data + seg->len;
    const unsigned char *p = start;
    uint64_t bad = 0, rep = 0, comp = 0, x;
    seg_scan sc;

    if (seg->starts[1] - seg->starts[0] > seg->len)
        p = start = end;
    while (p < end) {
        size_t n = (size_t)(end - p);
        if (n >= 8) {
            memcpy(&x, p, 8);
            p += 8;
        } else if (end - start >= 8) {
            /* the last eight bytes again: some twice, none outside */
            memcpy(&x, end - 8, 8);
            p = end;
        } else {
            /* a short segment: pad with 'A', a valid character (and a
             * separator only in a file where the scan is merely cautious) */
            size_t k;
            x = ONES * 'A';
            for (k = 0; k < n; k++)
                x = (x & ~(UINT64_C(0xff) << (8 * k))) | (uint64_t)p[k] << (8 * k);
            p = end;
        }
        bad |= HAS_LESS(x, 0x20) | (x & HIGHS) | HAS_BYTE(x, 0x7f) | HAS_BYTE(x, '`');
        if (dl.repetition)
            rep |= HAS_BYTE(x, dl.repetition);
        comp |= HAS_BYTE(x, dl.component);
    }
    sc.chars_ok = 1;
    if (bad) {
        /* exact, byte by byte, sparing the separators */
        for (p = start; p < end; p++) {
            unsigned char c = *p;
            if ((c < 0x20 || c > 0x7e || c == '`') && c != (unsigned char)dl.element &&
                c != (unsigned char)dl.component &&
                !(dl.repetition && c == (unsigned char)dl.repetition)) {
                sc.chars_ok = 0;
                break;
            }
        }
    }
    sc.has_rep = rep != 0;
    sc.has_comp = comp != 0;
    return sc;
}

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* memchr for the short values of a segment, without the call. */
static ALWAYS_INLINE const char *find_byte(const char *p, size_t n, char c)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] == c)
            return p + i;
    return NULL;
}

/* 1 when check_value would report nothing for val, usage and rule aside. */
static ALWAYS_INLINE int value_ok_core(const x12_validator *v, const x12i_elem *d,
                                       unsigned c, x12_str val, int chars_ok)
{
    size_t len = val.len;

    if (!chars_ok && !valid_chars(val.ptr, val.len))
        return 0;
    if (d->codes != NULL && !x12i_code_in(d->codes, val.ptr, val.len))
        return 0;
    switch (d->type) {
    case X12I_T_N:
    case X12I_T_R:
        len = numeric_digits(val.ptr, val.len, d->type == X12I_T_R);
        if (len == (size_t)-1)
            return 0;
        break;
    case X12I_T_DT:
        if (!x12i_date_valid(val.ptr, val.len))
            return 0;
        break;
    case X12I_T_TM:
        if (!x12i_time_valid(val.ptr, val.len))
            return 0;
        break;
    default:
        break;
    }
    if (d->dateformat != 0 && c == 0) {
        const char *what;
        return check_dateformat(x12i_first_component(v->seg, d->dateformat), val, &what);
    }
    if (d->min && len < d->min)
        return 0;
    if (d->max && len > d->max)
        return 0;
    return 1;
}

/* value_ok for an element with a rule (x12i_elem.rule): its usage, code
 * list and check as its condition decides, out of line (few elements have
 * one).  The order of the tests does not matter here: only whether one
 * fails. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int value_ok_rule(const x12_validator *v, const x12i_elem *d, unsigned c, x12_str val,
                         int chars_ok)
{
    int holds = rule_holds(v->seg, d);

    if (usage_of(d, holds) == X12I_U_N)
        return 0;
    if (d->codelist != 0 && !x12i_codelist_has(d->codelist - 1u, val.ptr, val.len))
        return 0;
    if (!value_ok_core(v, d, c, val, chars_ok))
        return 0;
    /* check_value applies the check unless the date format decided */
    if (!(d->dateformat != 0 && c == 0) && check_applies(v->seg, d, holds) &&
        !check_ok(v, d, val))
        return 0;
    return 1;
}

static ALWAYS_INLINE int value_ok(const x12_validator *v, const x12i_elem *d, unsigned c,
                                  x12_str val, int chars_ok)
{
    if (d->rule)
        return value_ok_rule(v, d, c, val, chars_ok);
    if (d->usage == X12I_U_N)
        return 0;
    return value_ok_core(v, d, c, val, chars_ok);
}

/* d's usage on the current segment (its rule's condition decides). */
static ALWAYS_INLINE uint8_t usage_here(const x12_validator *v, const x12i_elem *d)
{
    return d->rule ? usage_of(d, rule_holds(v->seg, d)) : d->usage;
}

/* present(seg, p), given the presence bits of elements 0..63. */
static ALWAYS_INLINE unsigned present_in(const x12_segment *seg, uint64_t bits, unsigned p)
{
    return p < 64 ? (unsigned)(bits >> p) & 1u : (unsigned)present(seg, p);
}

/* 1 when check_syntax would report nothing, given that no element was
 * reported (v->reported all 0). */
static int syntax_ok(const x12_validator *v, const x12i_seg *s)
{
    const x12_segment *seg = v->seg;
    uint64_t bits = 0;
    uint16_t i, k;
    size_t e;

    /* bit e: element e is present (as present() tells) */
    for (e = 0; e <= seg->count && e < 64; e++)
        if (seg->starts[e + 1] > seg->starts[e] + 1)
            bits |= UINT64_C(1) << e;
    for (i = 0; i < s->nsyntax; i++) {
        const x12i_syntax *y = &s->syntax[i];
        unsigned cnt = 0, first;
        uint64_t x, fbit;

        if (y->mask != 0) {
            /* the same tests on bits: x holds the positions present */
            x = bits & y->mask;
            fbit = UINT64_C(1) << y->pos[0];
            switch (y->rule) {
            case X12I_SYN_P:
                if (x != 0 && x != y->mask)
                    return 0;
                break;
            case X12I_SYN_R:
                if (x == 0)
                    return 0;
                break;
            case X12I_SYN_E:
                if ((x & (x - 1)) != 0)
                    return 0;
                break;
            case X12I_SYN_C:
                if ((x & fbit) && x != y->mask)
                    return 0;
                break;
            case X12I_SYN_L:
                if ((x & fbit) && (x & ~fbit) == 0)
                    return 0;
                break;
            default:
                break;
            }
            continue;
        }
        first = present_in(seg, bits, y->pos[0]);
        for (k = 0; k < y->npos; k++)
            cnt += present_in(seg, bits, y->pos[k]);
        switch (y->rule) {
        case X12I_SYN_P:
            if (cnt != 0 && cnt != y->npos)
                return 0;
            break;
        case X12I_SYN_R:
            if (cnt == 0)
                return 0;
            break;
        case X12I_SYN_E:
            if (cnt > 1)
                return 0;
            break;
        case X12I_SYN_C:
            if (first && cnt != y->npos)
                return 0;
            break;
        case X12I_SYN_L:
            if (first && cnt <= 1)
                return 0;
            break;
        default:
            break;
        }
    }
    return 1;
}

/* 1 when x12i_check_elements would report nothing (see above). */
static int clean_segment(const x12_validator *v, const x12i_seg *s)
{
    const x12_segment *seg = v->seg;
    size_t n = seg->count, i, j;
    x12_delimiters dl = seg->delims;
    seg_scan sc = scan_segment(seg, dl);

    if (sc.has_rep)
        return 0; /* repetitions: rare, left to the full checks */
    if (n > 0 && elem_at(seg, n).len == 0)
        return 0; /* a separator at the end (check_trailing) */
    for (i = (size_t)s->nelems + 1; i <= n; i++)
        if (elem_at(seg, i).len > 0)
            return 0;
    for (i = 1; i <= s->nelems && i <= n; i++) {
        const x12i_elem *d = &s->elems[i - 1];
        x12_str val, rest, part;

        if (!d->defined)
            continue;
        val = elem_at(seg, i);
        if (val.len == 0) {
            if (usage_here(v, d) == X12I_U_R)
                return 0;
            continue;
        }
        if (usage_here(v, d) == X12I_U_N)
            return 0;
        if (d->ncomps == 0) {
            if (sc.has_comp && find_byte(val.ptr, val.len, dl.component) != NULL)
                return 0;
            if (!value_ok(v, d, 0, val, sc.chars_ok))
                return 0;
            continue;
        }
        if (sc.has_comp && val.ptr[val.len - 1] == dl.component)
            return 0; /* a component separator at the end (check_composite) */
        rest = val;
        for (j = 1; j <= d->ncomps; j++) {
            const x12i_elem *cd = &d->comps[j - 1];
            if (rest.ptr == NULL) {
                part.ptr = "";
                part.len = 0;
            } else if (!sc.has_comp || dl.component == 0) {
                part = rest; /* next_part finding no separator */
                rest.ptr = NULL;
                rest.len = 0;
            } else {
                /* next_part(&rest, dl.component), inline */
                const char *q = find_byte(rest.ptr, rest.len, dl.component);
                part = rest;
                if (q == NULL) {
                    rest.ptr = NULL;
                    rest.len = 0;
                } else {
                    part.len = (size_t)(q - rest.ptr);
                    rest.len -= part.len + 1;
                    rest.ptr = q + 1;
                }
            }
            if (!cd->defined)
                continue;
            if (part.len == 0) {
                if (usage_here(v, cd) == X12I_U_R)
                    return 0;
            } else if (!value_ok(v, cd, (unsigned)j, part, sc.chars_ok)) {
                return 0;
            }
        }
        while (rest.ptr != NULL)
            if (next_part(&rest, dl.component).len > 0)
                return 0;
    }
    for (i = n + 1; i <= s->lastreq; i++) {
        const x12i_elem *d = &s->elems[i - 1];
        if (d->defined && usage_here(v, d) == X12I_U_R)
            return 0;
    }
    return s->nsyntax == 0 || syntax_ok(v, s);
}

void x12i_check_elements(x12_validator *v, const x12i_seg *s, const char *loop)
{
    size_t n, i, r, nrep, nsep, ntrail;
    char lab[24], msg[160];
    x12_delimiters dl;

    if (clean_segment(v, s))
        return;
    dl = x12_segment_delimiters(v->seg);
    n = x12_segment_count(v->seg);
    if (v->capreported < (size_t)s->nelems + 2) {
        void *p = v->reported;
        if (x12i_grow(&v->a, &p, &v->capreported, (size_t)s->nelems + 2, 1) != 0) {
            v->oom = 1;
            return;
        }
        v->reported = p;
    }
    memset(v->reported, 0, (size_t)s->nelems + 2);
    if (n > s->nelems) {
        for (i = s->nelems + 1; i <= n; i++)
            if (present(v->seg, (unsigned)i))
                break;
        if (i <= n) {
            snprintf(msg, sizeof msg, "%s has %zu elements, the guide defines %u", s->id, n,
                     s->nelems);
            x12i_issue(v, X12_ISSUE_ELEMENT, 0, "3", s->id, loop, NULL, (unsigned)i, 0, 0, "%s",
                       msg);
        }
    }
    for (i = 1; i <= s->nelems && i <= n; i++) {
        const x12i_elem *d = &s->elems[i - 1];
        unsigned e = (unsigned)i;
        x12_str val, rest, rep;
        int rep_ok = 1, has_comp;

        if (!d->defined)
            continue;
        val = x12_segment_element(v->seg, i);
        if (val.len == 0) {
            v->reported[i] = (unsigned char)check_required(v, s, d, loop, e, 0, 0);
            continue;
        }
        if (usage_here(v, d) == X12I_U_N) {
            not_used(v, s, d, loop, e, 0, 0, rule_holds(v->seg, d));
            v->reported[i] = 1;
            continue;
        }
        /* One pass: repetitions, and whether any component separator. */
        nrep = 1;
        has_comp = 0;
        {
            size_t k;
            for (k = 0; k < val.len; k++) {
                if (val.ptr[k] == dl.repetition && dl.repetition)
                    nrep++;
                else if (val.ptr[k] == dl.component)
                    has_comp = 1;
            }
        }
        /* Repetitions are numbered as the separators say; the empty ones
         * after the last with data are reported once, below, and neither
         * counted nor checked. */
        nsep = nrep;
        ntrail = 0;
        while (ntrail + 1 < nrep && val.ptr[val.len - 1 - ntrail] == dl.repetition)
            ntrail++;
        nrep -= ntrail;
        if (nrep > 1 && d->repeat != 0 && nrep > d->repeat) {
            label(lab, sizeof lab, s->id, e, 0);
            if (d->repeat == 1)
                snprintf(msg, sizeof msg, "%s does not repeat but has %zu repetitions", lab, nrep);
            else
                snprintf(msg, sizeof msg, "%s has %zu repetitions, at most %lu allowed", lab,
                         nrep, (unsigned long)d->repeat);
            elem_issue(v, d, "12", s->id, loop, e, 0, (unsigned)(d->repeat + 1), msg);
            v->reported[i] = 1;
            rep_ok = 0;
        }
        rest = val;
        for (r = 1; r <= nrep && (rep_ok || r <= d->repeat); r++) {
            unsigned rr = nsep > 1 ? (unsigned)r : 0;
            rep = next_part(&rest, nsep > 1 ? dl.repetition : 0);
            if (d->ncomps > 0) {
                if (check_composite(v, s, d, loop, e, rep, rr, dl.component))
                    v->reported[i] = 1;
                continue;
            }
            if (has_comp && memchr(rep.ptr, dl.component, rep.len) != NULL) {
                label(lab, sizeof lab, s->id, e, 0);
                snprintf(msg, sizeof msg,
                         "%s is a simple element but holds the component separator", lab);
                elem_issue(v, d, "13", s->id, loop, e, 2, rr, msg);
                v->reported[i] = 1;
                continue;
            }
            if (rep.len == 0)
                continue;
            if (check_value(v, s, d, loop, e, 0, rr, rep))
                v->reported[i] = 1;
        }
        if (ntrail > 0) {
            /* X12 ends a repeating element at its last repetition with
             * data, as it ends a segment and a composite: a separator after
             * it announces repetitions that are to be left out (999 IK403
             * 12, too many repetitions, at the first of them). */
            label(lab, sizeof lab, s->id, e, 0);
            snprintf(msg, sizeof msg,
                     "%s ends with a repetition separator: X12 leaves out the separators of "
                     "empty repetitions at the end", lab);
            elem_issue(v, d, "12", s->id, loop, e, 0, (unsigned)(nrep + 1), msg);
            v->reported[i] = 1;
        }
    }
    check_trailing(v, s, loop, n);
    /* Elements the segment does not have: only "required" can fail. */
    for (i = n + 1; i <= s->lastreq; i++) {
        const x12i_elem *d = &s->elems[i - 1];
        if (d->defined && usage_here(v, d) == X12I_U_R)
            v->reported[i] = (unsigned char)check_required(v, s, d, loop, (unsigned)i, 0, 0);
    }
    check_syntax(v, s, loop);
}
