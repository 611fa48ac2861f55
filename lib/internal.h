/*
 * libx12 internals shared by the library's modules.  Never installed.
 * Everything declared here has hidden visibility (the library is built with
 * -fvisibility=hidden) and an x12i_ prefix.
 */
#ifndef X12_INTERNAL_H
#define X12_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>

#include <x12/x12.h>

/* ---- invariants ----------------------------------------------------------- */

/*
 * X12_ASSERT(cond): a precondition the library itself guarantees (an index
 * in range, a state a caller inside libx12 must have set up), never a check
 * of input or of a public function's arguments, which get X12_EINVAL or a
 * located error.  Checked only in debug builds, configure --enable-debug
 * (X12_DEBUG, as sqlite's SQLITE_DEBUG), which `make check-asan` uses; in
 * other builds the condition is type-checked but never evaluated, so it
 * costs nothing and may not have side effects.  Hand-written counts that
 * must match an enum or a table are _Static_assert'ed next to them.
 */
#if defined(X12_DEBUG)
#include <assert.h>
#define X12_ASSERT(cond) assert(cond)
#else
#define X12_ASSERT(cond) ((void)sizeof(!(cond)))
#endif

/* ---- allocation --------------------------------------------------------- */

typedef struct x12i_alloc {
    void *(*malloc_fn)(size_t, void *);
    void *(*realloc_fn)(void *, size_t, void *);
    void (*free_fn)(void *, void *);
    void *user;
} x12i_alloc;

/* Copies a caller allocator (NULL = libc).  X12_EINVAL if it is malformed. */
x12_status x12i_alloc_init(x12i_alloc *dst, const x12_allocator *src);
void *x12i_malloc(const x12i_alloc *a, size_t n);
void *x12i_realloc(const x12i_alloc *a, void *p, size_t n);
void x12i_free(const x12i_alloc *a, void *p);
/* Grows *buf (capacity *cap, element size `elem`) to hold at least `need`
 * elements, doubling.  Returns 0 on success, -1 on overflow or ENOMEM. */
int x12i_grow(const x12i_alloc *a, void **buf, size_t *cap, size_t need, size_t elem);

/* Initialises libxml2 once per process (xmlInitParser, through
 * pthread_once), so programs may use libx12's XML features from several
 * threads without calling it themselves.  Call before any libxml2 use.
 * Defined in spec.c. */
void x12i_xml_init(void);

/* ---- error records ------------------------------------------------------ */

#define X12I_MSG_MAX 240

struct x12_error {
    x12_status status;
    x12_severity severity;
    uint64_t segno;
    uint64_t offset;
    unsigned element, component, repetition;
    char segid[5];      /* an id of X12's shape, "?" for any other, "" for none */
    char loop[8];
    const char *rule;   /* static string */
    char message[X12I_MSG_MAX];
};

/* Fills e; the message is printf-formatted.  segid may be NULL/empty and is
 * copied up to 4 bytes. */
void x12i_error_set(x12_error *e, x12_status st, x12_severity sev, const char *rule,
                    uint64_t segno, const char *segid, size_t segid_len,
                    uint64_t offset, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 10, 11)))
#endif
    ;
void x12i_error_vset(x12_error *e, x12_status st, x12_severity sev, const char *rule,
                     uint64_t segno, const char *segid, size_t segid_len,
                     uint64_t offset, unsigned element, const char *fmt, va_list ap);

/* Sets the loop id ("2300") of a record; cut to 7 characters. */
void x12i_error_set_loop(x12_error *e, const char *loop);

/* A growable list of error records, reused between calls. */
typedef struct x12i_errlist {
    x12_error *items;
    size_t count, cap;
} x12i_errlist;

/* Appends a record; returns it, or NULL when memory ran out (the caller then
 * still has a valid, shorter list). */
x12_error *x12i_errlist_push(const x12i_alloc *a, x12i_errlist *l);
void x12i_errlist_free(const x12i_alloc *a, x12i_errlist *l);

/* 1 when a list holding n records is full under the limit max (0: no
 * limit). */
static inline int x12i_limit_reached(size_t max, size_t n)
{
    return max != 0 && n >= max;
}

/*
 * The diagnostics a stream hands out with each call, within a limit: junk
 * in a file (400,000 stray segments) must not make memory grow.  At most
 * `max` records (0: no limit) are kept between two of the stream's events
 * (what one handed-out record brings, however many calls lead to it); the
 * rest are counted.  The count runs per event, not per call: a call that
 * ends in X12_AGAIN cuts pushed input where the caller's chunks happen to
 * end, and what is kept must not depend on that.  Every stream reader
 * (835, 837, 271, 277) keeps its diagnostics this way.
 */
typedef struct x12i_diags {
    x12i_errlist list;  /* kept during the current call */
    uint64_t dropped;   /* counted, not kept, during the current call */
    size_t max;         /* 0: no limit */
    size_t span_kept;   /* kept since the last event */
} x12i_diags;

/* Keeps a copy of e or counts it: 1 kept, 0 counted (past the limit), -1
 * out of memory (nothing kept; the list stays valid). */
int x12i_diags_add(const x12i_alloc *a, x12i_diags *d, const x12_error *e);
/* A new call: its list starts empty (the limit's count goes on). */
void x12i_diags_new_call(x12i_diags *d);
/* An event was handed out: the limit counts afresh. */
void x12i_diags_new_span(x12i_diags *d);
void x12i_diags_free(const x12i_alloc *a, x12i_diags *d);
/* A stream's x12_*_set_max_errors: at most max records kept (0: no limit).
 * X12_EINVAL for a NULL d (the caller passes NULL for a NULL handle). */
x12_status x12i_diags_set_max(x12i_diags *d, size_t max);
/* A stream's x12_*_errors_dropped: counted, not kept, since the list was
 * last emptied (x12i_diags_new_call); 0 for a NULL d. */
uint64_t x12i_diags_dropped(const x12i_diags *d);

/* Appends a slot to a record's own list of diagnostics (ctx: the list and
 * its memory); NULL when memory runs out. */
typedef x12_error *(*x12i_diag_slot_fn)(void *ctx);

/* The same limit on a record's own list (a claim's, a payment's, a
 * coverage's), which holds n: past max (0: no limit) e is only counted in
 * *dropped, else a copy goes into the slot `slot` appends.  1 kept, 0
 * counted, -1 out of memory (nothing kept; the list stays valid). */
int x12i_diags_keep(size_t max, size_t n, uint64_t *dropped, x12i_diag_slot_fn slot, void *ctx,
                    const x12_error *e);

/* ---- writer: one segment in one call (writer.c) ---------------------------- */

/* A value of x12i_writer_segment: an element (elem 1) or a further
 * component of the current element (elem 0). */
typedef struct x12i_wval {
    const char *ptr;
    size_t len;
    unsigned elem;
} x12i_wval;

/* Writes one segment: the same bytes, counts, statuses and error records as
 * x12_writer_begin, x12_writer_add / x12_writer_add_component for each value
 * in order (stopping at the first failure) and x12_writer_end.  An ordinary
 * segment inside a transaction set is rendered straight into the output;
 * anything else (envelope segments, verbatim mode, a delimiter in the data,
 * a writer in a bad state) goes through those calls. */
x12_status x12i_writer_segment(x12_writer *w, const char *id, const x12i_wval *v, size_t n);

/* The schemas compiled in (generated from specs/encounter.xsd and
 * specs/eligibility.xsd by scripts/xsd2c.awk), NUL-terminated. */
extern const char x12i_encounter_xsd[];
extern const char x12i_eligibility_xsd[];
/* The reconciliation's built-in rules and their schema (specs/recon-rules.xml,
 * specs/recon-rules.xsd), made the same way. */
extern const char x12i_recon_rules_xml[];
extern const char x12i_recon_rules_xsd[];

/* 1 when p (n bytes) is a code of the States and Provinces list
 * (specs/codes/states.tsv: US states, DC, territories, AA/AE/AP military
 * mail, Canadian provinces), the list guides name for N402.  Defined in
 * spec_codes.c. */
int x12i_state_code(const char *p, size_t n);

/* 1 when p (n bytes) is a National Provider Identifier: ten digits, the
 * last the Luhn check digit of "80840" followed by the first nine.  The one
 * NPI check of the library: the validator (check="npi"), the 837 builder's
 * edits and the 270/276 builders' edits call it.  An X12 data type: defined
 * in x12types.c (x12types_internal.h declares it too). */
int x12i_npi_valid(const char *p, size_t n);

/* Quotes a short code-like value for a message: printable ASCII only, cut to
 * 20 bytes.  Never use it for identifying values.  Writes into buf. */
const char *x12i_quote(char *buf, size_t size, const char *p, size_t len);

/* ---- what a message may quote from the input (error.c) --------------------
 * The one rule every module follows before it puts bytes of the input into
 * a message, an error record or an acknowledgment, since those end up in
 * logs and in files sent to other parties while the input holds names,
 * member ids and birth dates:
 *
 *  - a segment id is shown only when it has X12's shape (a capital letter,
 *    then one or two capitals or digits);
 *  - a value is shown only when it has the shape of a code of its element:
 *    1 to `maxlen` characters (the element's maximum length), each a
 *    capital letter, a digit, or a character that one of the element's
 *    codes contains (`codes`, " a b c " as in the guides, may be NULL).
 *
 * Anything else is described by its length only. */

/* 1 when p[0..n) has X12's shape for a segment id. */
int x12i_segid_shaped(const char *p, size_t n);
/* "segment NM1" for an id of X12's shape, else "a segment whose id is not
 * 2-3 capital letters or digits".  Writes into buf; returns it. */
const char *x12i_segid_text(char *buf, size_t size, const char *p, size_t n);
/* 1 when the value may be quoted (see above). */
int x12i_value_quotable(const char *p, size_t n, size_t maxlen, const char *codes);
/* The value itself when it may be quoted (returns 1), else "a value of N
 * characters" (returns 0), into buf (at least 32 bytes; a quotable value
 * longer than the buffer is cut).  The caller words its message for
 * either. */
int x12i_quote_value(char *buf, size_t size, const char *p, size_t n, size_t maxlen,
                     const char *codes);
/* The form messages use: the value in single quotes (`quotes` 1) or bare
 * when it may be quoted, "''" / "(empty)" when empty, else "(a value of N
 * characters)".  Into buf (at least 32 bytes); returns buf. */
const char *x12i_quote_msg(char *buf, size_t size, const char *p, size_t n, size_t maxlen,
                           const char *codes, int quotes);
/* Sets the segment id of a record by the rule above ("?" when not of
 * X12's shape, "" when n is 0). */
void x12i_error_set_segid(x12_error *e, const char *p, size_t n);

#endif /* X12_INTERNAL_H */
