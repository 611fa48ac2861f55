/*
 * Internals shared by the eligibility (270/271, lib/elig_*.c) and claim
 * status (276/277/277CA, lib/cstat_*.c) modules: an arena for the strings
 * and records of one handle, growable arrays, the compiled-in code lists
 * (specs/codes, lib/txn_codes.c) and small text helpers.  Never installed.
 */
#ifndef X12_TXN_INTERNAL_H
#define X12_TXN_INTERNAL_H

#include <string.h>

#include <x12/eligibility.h>
#include <x12/claimstatus.h>

#include "internal.h"
#include "x12types_internal.h"

/* ---- arena --------------------------------------------------------------------
 * Blocks that never move, so views into them stay valid while the arena
 * grows; freed all at once.  Reset keeps the first block for reuse (a
 * stream reuses one record per claim or coverage). */
typedef struct tx_block {
    struct tx_block *next;
    size_t size, used;
    /* data follows, aligned for any object */
} tx_block;

typedef struct tx_arena {
    x12i_alloc a; /* a copy: the arena may outlive whoever made it */
    tx_block *head;
} tx_arena;

void tx_arena_init(tx_arena *ar, const x12i_alloc *a);
void tx_arena_reset(tx_arena *ar);
void tx_arena_free(tx_arena *ar);
/* n zeroed bytes, aligned; NULL when memory runs out. */
void *tx_alloc(tx_arena *ar, size_t n);
/* Copies a view (any length, even 0) into the arena; the copy is
 * NUL-terminated after len.  0 or -1 (out of memory: *out is empty). */
int tx_copy(tx_arena *ar, const char *p, size_t len, x12_str *out);

/* ---- growable arrays (in the arena: old storage is simply abandoned) ------ */
typedef struct tx_vec {
    void *items;
    size_t n, cap;
} tx_vec;

#define TX_AT(v, T, i) (((T *)(v).items)[i])
/* Appends one zeroed element of `elem` bytes; NULL when out of memory. */
void *tx_push(tx_arena *ar, tx_vec *v, size_t elem);

/* ---- text -------------------------------------------------------------------- */

static inline int tx_is(x12_str v, const char *s)
{
    size_t n = strlen(s);

    return v.len == n && memcmp(v.ptr, s, n) == 0;
}

static inline x12_str tx_view(const char *p, size_t n)
{
    x12_str v;

    v.ptr = p != NULL ? p : "";
    v.len = p != NULL ? n : 0;
    return v;
}

/* The text of a setter's argument (X12_NTS allowed). */
size_t tx_len(const char *v, size_t len);
/* Splits "CCYYMMDD-CCYYMMDD" (RD8) or "CCYYMMDD" (D8) into from/to; for D8
 * to = from.  Views into v. */
void tx_date_range(x12_str v, x12_str *from, x12_str *to);
/* The X12 data types of x12types_internal.h on views: digits (at least
 * one), a real CCYYMMDD date from 1900 on (the builders' edit rule), a
 * valid NPI, HHMM, a CPT or HCPCS code's shape. */
static inline int tx_digits(x12_str v)
{
    return x12i_all_digits(v.ptr, v.len);
}

static inline int tx_is_date(x12_str v)
{
    return x12i_edit_date(v.ptr, v.len);
}

static inline int tx_npi_valid(x12_str v)
{
    return x12i_npi_valid(v.ptr, v.len);
}

static inline int tx_hhmm(x12_str v)
{
    return x12i_hhmm(v.ptr, v.len);
}

static inline int tx_procedure_shape(x12_str v)
{
    return x12i_procedure_shape(v.ptr, v.len);
}

/* ---- code lists (txn_codes.c) ---------------------------------------------------- */

enum tx_list {
    TXL_BENEFIT = 0,      /* 1390 eligibility-benefit.tsv */
    TXL_SERVICE_TYPE,     /* 1365 service-type.tsv */
    TXL_COVERAGE_LEVEL,   /* 1207 coverage-level.tsv */
    TXL_TIME_PERIOD,      /* 615 time-period.tsv */
    TXL_REJECT_REASON,    /* 901 aaa-reject-reason.tsv */
    TXL_FOLLOW_UP,        /* 889 aaa-follow-up.tsv */
    TXL_CATEGORY,         /* 507 claim-status-category.tsv */
    TXL_STATUS,           /* 508 claim-status-code.tsv */
    TXL_ENTITY,           /* 98 entity-identifier.tsv */
    TXL_COUNT
};

/* Description of a code, or NULL. */
const char *tx_code_text(enum tx_list l, const char *code, size_t len);
/* The class letter of a code (the list's second column), or 0 when the code
 * is not in the list. */
char tx_code_class(enum tx_list l, const char *code, size_t len);
const char *tx_code_version(enum tx_list l);
size_t tx_code_count(enum tx_list l);

/* ---- edits (270 and 276 builders) --------------------------------------------------- */

/* A list of edit records with a field path each, as x12_batch keeps them. */
typedef struct tx_edits {
    x12i_errlist list;
    char **paths;
    size_t npaths, cap;
} tx_edits;

void tx_edits_clear(const x12i_alloc *a, tx_edits *e);
void tx_edits_free(const x12i_alloc *a, tx_edits *e);
/* Appends an edit (status X12_EEDIT, severity error, segment number 0):
 * rule, the segment and loop the value would go to, the element, the field
 * path and a message.  -1 when out of memory. */
int tx_edit(const x12i_alloc *a, tx_edits *e, const char *path, const char *rule,
            const char *segid, const char *loop, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/* 1 when a delimiter of the request (element, component, repetition,
 * segment) or a control character is in v. */
int tx_has_delimiter(x12_str v, const char delims[4]);

/* ---- requests (270 and 276 builders) ------------------------------------------------
 * What every request begins with: the allocator it was made with, the
 * arena of its strings and records, its edits.  The request types put it
 * first (member h), so the request is freed through it. */
typedef struct tx_request {
    x12i_alloc a;
    tx_arena ar;
    tx_edits edits;
} tx_request;

/* Allocates a zeroed request of `size` bytes (a struct beginning with a
 * tx_request) through alloc (NULL: malloc), its allocator and empty arena
 * set; *out is NULL on failure.  X12_OK, X12_EINVAL for a bad allocator,
 * X12_ENOMEM.  Freed with tx_request_free. */
x12_status tx_request_new(const x12_allocator *alloc, size_t size, void **out);
/* Frees the edits, the arena and the request h begins; NULL is allowed. */
void tx_request_free(tx_request *h);

/* ---- the pull loop of a 271 or 277 stream --------------------------------------------
 * A stream takes the reader's segments one at a time (ops->handle) until one
 * completes a record; that segment is held and handed to handle again on
 * the next call, after the record was shown.  At the end of the input
 * ops->end closes what is open, a record at a time.  The reader's
 * diagnostics go to ops->diag as they come; a reader error that is not
 * fatal is one more diagnostic (the reader skipped bad bytes and goes on);
 * a fatal one, or memory running out (the callbacks set nomem), ends the
 * stream for good with its error in last.  The stream's diagnostics are
 * the drive's (tx_drive_diag): each call starts an empty list, and the
 * limit counts afresh from each record handed out. */
typedef struct tx_drive {
    const x12_segment *held; /* the segment that completed the record shown */
    x12i_diags diags;        /* the call's diagnostics, within the limit per record */
    x12_error_fn on_error;   /* the caller's handler: sees every diagnostic */
    void *on_error_user;
    x12_error last;          /* the error that ended the stream, or the reader's last */
    int have_last;
    x12_status dead; /* X12_OK while the stream goes on */
    int finished;    /* the reader has given X12_END and everything is closed */
    int nomem;       /* set by the callbacks when memory runs out */
} tx_drive;

typedef struct tx_drive_ops {
    /* Takes one segment: 1 when it completed a record (it is then held and
     * handed again on the next call), 0 when reading goes on. */
    int (*handle)(void *stream, const x12_segment *seg);
    /* The input ended: 1 when closing what is open completed a record (then
     * called again on the next call), 0 when all is closed. */
    int (*end)(void *stream);
    /* A diagnostic of the reader's. */
    void (*diag)(void *stream, const x12_error *e);
} tx_drive_ops;

/* Reads from r until a record is complete: X12_OK (a record), X12_END,
 * X12_AGAIN (a push reader needs more bytes), or the status that ended the
 * stream (again on every later call). */
x12_status tx_drive_next(tx_drive *d, x12_reader *r, const tx_drive_ops *ops, void *stream);
/* A diagnostic of the stream: kept in the call's list within the limit
 * and, while a doc is collected (doc_errors not NULL), in the doc's list
 * too, or counted in *doc_dropped past the limit; the handler sees every
 * one.  Memory running out sets nomem. */
void tx_drive_diag(tx_drive *d, const x12i_alloc *a, x12i_errlist *doc_errors,
                   uint64_t *doc_dropped, const x12_error *e);
/* Keeps a copy of e in a record's own list v (in the record's arena), up
 * to the drive's limit; past it counts it in *dropped. */
void tx_drive_keep(tx_drive *d, tx_arena *ar, tx_vec *v, uint64_t *dropped, const x12_error *e);
/* The stream's x12_*_stream_set_error_handler: fn sees every diagnostic;
 * nothing for a NULL drive (a NULL stream). */
void tx_drive_set_error_handler(tx_drive *d, x12_error_fn fn, void *user);
/* The stream's x12_*_stream_error_count and _error_at: the last call's
 * diagnostics, owned by the drive until its next call; 0 and NULL for a
 * NULL drive or i out of range. */
size_t tx_drive_error_count(const tx_drive *d);
const x12_error *tx_drive_error_at(const tx_drive *d, size_t i);
/* The stream's x12_*_stream_last_error: the error that ended the stream,
 * NULL while it goes on or for a NULL drive. */
const x12_error *tx_drive_last_error(const tx_drive *d);
/* Frees the drive's lists. */
void tx_drive_free(tx_drive *d, const x12i_alloc *a);

#endif /* X12_TXN_INTERNAL_H */
