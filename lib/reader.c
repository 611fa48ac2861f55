/*
 * The segment reader: delimiters from each ISA, segment boundaries, element
 * splitting, byte offsets, and the bounded-memory window that makes buffer,
 * file and push input give identical results.
 *
 * The scanner works on a window buf[start, end) of input bytes.  In buffer
 * mode the window is the caller's whole buffer.  In stream modes (file,
 * push) it is an internal buffer refilled from the source; the bytes of the
 * segment being scanned stay in it, everything before `start` may be
 * discarded.  The scanner never decides anything from where a window ends:
 * when it lacks bytes it asks for more (or, at the end of input, decides
 * from the bytes alone), so every chunking gives the same segments.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "range_internal.h"
#include "reader_index.h"
#include "reader_internal.h"

/* For the few helpers of the per-segment path that must not become calls. */
#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

#define DEFAULT_MAX_SEGMENT 65536u
#define DEFAULT_MAX_ELEMENTS 4096u
#define DEFAULT_CHUNK 65536u
/* Longest gap, in bytes, the ISA header search accepts between "ISA" and
 * its segment terminator when fields are not padded; a padded ISA is 106. */
#define ISA_SEARCH_SLACK 4096u

enum mode { MODE_NONE = 0, MODE_BUFFER, MODE_STREAM };
enum state { ST_EXPECT_ISA = 0, ST_INTERCHANGE };
enum discard { DISC_NONE = 0, DISC_TERM, DISC_WS, DISC_TO_ISA };

/* Fixed widths of ISA01..ISA16. */
static const unsigned char isa_width[17] = {0, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

struct x12_reader {
    x12i_alloc alloc;

    /* options */
    size_t max_segment;
    size_t max_elements;
    size_t chunk;
    int strict;
    int env_checks;

    x12_error_fn on_error;
    void *on_error_user;

    /* diagnostics of the current call */
    x12i_errlist diags;
    x12_error last;
    int has_last;
    uint64_t total_errors, total_warnings;
    x12_status strict_status; /* strict mode: first error seen this call */
    /* A diagnostic of this call the list had no memory for (its rule and
     * position): the call ends with X12_ENOMEM (unlisted()). */
    int unlisted;
    const char *unlisted_rule;
    uint64_t unlisted_segno, unlisted_offset;

    /* input */
    enum mode mode;
    x12i_source src;
    const char *buf;
    char *own;
    size_t own_cap;
    size_t start, end;
    uint64_t base;          /* input offset of buf[0] */
    int final;              /* no more bytes will be added to the window */
    int pushed_final;

    /* scanner */
    enum state state;
    enum discard discard;
    int seen_isa;
    int finished;           /* X12_END was returned */
    x12i_scanner scan;      /* the scanner in use */
    x12i_scanner scan_auto;  /* what X12_SCAN_AUTO picks: X12_SCANNER's, or the fastest */
    x12i_scanner scan_index; /* what X12_SCAN_INDEX picks (GENERAL: no index here) */
    int fatal;
    x12_status fatal_status;
    x12_delimiters delims;

    x12_segment seg;
    size_t *sown;           /* the general path's element starts */
    size_t starts_cap;
    /* The segment index (reader_index.h): the delimiters of the window
     * from r->start, found ahead for up to X12I_INDEX_SPAN bytes.  The
     * general path, a refill and new delimiters all drop it. */
    x12i_index ix;
    /* Masks of terminator / element separator bytes for the 64 bytes at
     * buf[blk]; valid while blk_ok (the window bytes and delimiters have not
     * changed since). */
    size_t blk;
    uint64_t blk_t, blk_e;
    int blk_ok;
    /* Where the scan of an incomplete segment at `start` stopped, as
     * offsets from its first byte, so that input pushed in small pieces is
     * not rescanned from the segment's start on every call (which would be
     * quadratic in the segment's length).  resume: 0 none, 1 still looking
     * for the terminator (scanned resume_off bytes, resume_cnt separators),
     * 2 terminator at resume_t, white space scanned to resume_te. */
    int resume;
    size_t resume_off, resume_cnt, resume_t, resume_te;
    /* Bytes of white space already skipped before an expected ISA. */
    size_t lead_done;
    /* The terminator and element separator repeated 16 times. */
    char vterm[16], velem[16];
    /* ws[c] is 1 when byte c may follow a terminator as white space. */
    unsigned char ws[256];
    x12_envelope env;
    x12i_skipped skipped;   /* the last run of skipped segments (seg.skipped) */
    x12i_range *range;      /* x12_reader_set_range, or NULL: the whole input */
};

static const char empty_str[1] = "";

static x12_str view(const char *p, size_t n)
{
    x12_str s;
    s.ptr = n ? p : empty_str;
    s.len = n;
    return s;
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_space(unsigned char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t';
}

/* White space allowed after a terminator: CR, LF, space and tab, unless the
 * interchange uses one of them as a separator. */
static int is_trailer_ws(const x12_reader *r, unsigned char c)
{
    return r->ws[c];
}

static void set_ws_table(x12_reader *r)
{
    unsigned c;

    for (c = 0; c < 256; c++)
        r->ws[c] = (unsigned char)(is_space((unsigned char)c) &&
                                   c != (unsigned char)r->delims.element &&
                                   c != (unsigned char)r->delims.component &&
                                   (r->delims.repetition == 0 ||
                                    c != (unsigned char)r->delims.repetition));
}

/* ---- diagnostics -------------------------------------------------------- */

static void deliver(x12_reader *r, const x12_error *e)
{
    if (e->severity == X12_SEV_WARNING)
        r->total_warnings++;
    else
        r->total_errors++;
    if (r->on_error != NULL)
        r->on_error(r->on_error_user, e);
}

/* Adds a diagnostic to the current call's list (and the handler). */
static void vreport(x12_reader *r, x12_severity sev, x12_status st, const char *rule,
                    uint64_t segno, const char *segid, size_t segid_len, uint64_t offset,
                    unsigned element, const char *fmt, va_list ap)
{
    x12_error tmp;
    x12_error *e = x12i_errlist_push(&r->alloc, &r->diags);

    if (e == NULL) {
        /* Still counted and delivered, but a caller reading the list
         * would miss it: the call fails instead (unlisted()). */
        e = &tmp;
        if (!r->unlisted) {
            r->unlisted = 1;
            r->unlisted_rule = rule;
            r->unlisted_segno = segno;
            r->unlisted_offset = offset;
        }
    }
    x12i_error_vset(e, st, sev, rule, segno, segid, segid_len, offset, element, fmt, ap);
    deliver(r, e);
    if (sev >= X12_SEV_ERROR && r->strict && r->strict_status == X12_OK) {
        r->strict_status = st;
        r->last = *e;
    }
}

static void report_seg(void *ctx, x12_severity sev, x12_status st, const char *rule,
                       const x12_segment *seg, unsigned element, const char *fmt, ...)
{
    x12_reader *r = ctx;
    va_list ap;
    size_t idlen = seg ? (seg->count ? seg->starts[1] - seg->starts[0] - 1 : seg->len) : 0;

    va_start(ap, fmt);
    vreport(r, sev, st, rule, seg ? seg->number : 0, seg ? seg->data : NULL, idlen,
            seg ? seg->offset : r->base + r->start, element, fmt, ap);
    va_end(ap);
}

/* Records the error that makes this call fail.  `fatal` stops the reader. */
static x12_status fail(x12_reader *r, int fatal, x12_status st, const char *rule,
                       uint64_t segno, const char *segid, size_t segid_len, uint64_t offset,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;

static x12_status fail(x12_reader *r, int fatal, x12_status st, const char *rule,
                       uint64_t segno, const char *segid, size_t segid_len, uint64_t offset,
                       const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(&r->last, st, fatal ? X12_SEV_FATAL : X12_SEV_ERROR, rule, segno, segid,
                    segid_len, offset, 0, fmt, ap);
    va_end(ap);
    r->has_last = 1;
    deliver(r, &r->last);
    if (fatal || r->strict) {
        r->fatal = 1;
        x12i_index_drop(&r->ix);
        r->fatal_status = st;
        if (!fatal)
            r->last.severity = X12_SEV_FATAL;
    }
    return st;
}

/* ---- lifetime and options ----------------------------------------------- */

x12_status x12_reader_new(const x12_allocator *alloc, x12_reader **out)
{
    x12i_alloc a;
    x12_reader *r;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (x12i_alloc_init(&a, alloc) != X12_OK)
        return X12_EINVAL;
    r = x12i_malloc(&a, sizeof *r);
    if (r == NULL)
        return X12_ENOMEM;
    memset(r, 0, sizeof *r);
    r->alloc = a;
    r->max_segment = DEFAULT_MAX_SEGMENT;
    r->max_elements = DEFAULT_MAX_ELEMENTS;
    r->chunk = DEFAULT_CHUNK;
    r->env_checks = 1;
    r->scan_index = x12i_index_best();
    r->scan = r->scan_auto = x12i_scanner_from_env(r->scan_index);
    if (r->scan_auto != X12I_SCAN_GENERAL)
        r->scan_index = r->scan_auto;
    r->seg.skipped = &r->skipped;
    x12i_env_init(&r->env);
    *out = r;
    return X12_OK;
}

void x12_reader_free(x12_reader *r)
{
    if (r == NULL)
        return;
    x12i_source_close(&r->src);
    x12i_free(&r->alloc, r->own);
    x12i_free(&r->alloc, r->sown);
    x12i_index_free(&r->ix, &r->alloc);
    x12i_errlist_free(&r->alloc, &r->diags);
    x12i_env_free(&r->alloc, &r->env);
    x12i_range_free(&r->alloc, r->range);
    x12i_free(&r->alloc, r);
}

x12_status x12_reader_set_option(x12_reader *r, x12_reader_option opt, uint64_t value)
{
    if (r == NULL)
        return X12_EINVAL;
    if (r->mode != MODE_NONE)
        return X12_ESTATE;
    switch (opt) {
    case X12_OPT_MAX_SEGMENT_BYTES:
        if (value < 128 || value > SIZE_MAX / 4)
            return X12_EINVAL;
        r->max_segment = (size_t)value;
        return X12_OK;
    case X12_OPT_MAX_ELEMENTS:
        if (value < 16 || value > SIZE_MAX / (2 * sizeof(size_t)))
            return X12_EINVAL;
        r->max_elements = (size_t)value;
        return X12_OK;
    case X12_OPT_STRICT:
        if (value > 1)
            return X12_EINVAL;
        r->strict = (int)value;
        return X12_OK;
    case X12_OPT_ENVELOPE_CHECKS:
        if (value > 1)
            return X12_EINVAL;
        r->env_checks = (int)value;
        return X12_OK;
    case X12_OPT_READ_CHUNK_BYTES:
        if (value < 16 || value > (uint64_t)1 << 30)
            return X12_EINVAL;
        r->chunk = (size_t)value;
        return X12_OK;
    case X12_OPT_SCAN:
        if (value == X12_SCAN_GENERAL)
            r->scan = X12I_SCAN_GENERAL;
        else if (value == X12_SCAN_AUTO)
            r->scan = r->scan_auto;
        else if (value == X12_SCAN_INDEX && r->scan_index != X12I_SCAN_GENERAL)
            r->scan = r->scan_index;
        else
            return X12_EINVAL;
        return X12_OK;
    }
    return X12_EINVAL;
}

const char *x12_reader_scanner_name(const x12_reader *r)
{
    return x12i_scanner_name(r != NULL ? r->scan : X12I_SCAN_GENERAL);
}

uint64_t x12_reader_get_option(const x12_reader *r, x12_reader_option opt)
{
    if (r == NULL)
        return 0;
    switch (opt) {
    case X12_OPT_MAX_SEGMENT_BYTES: return r->max_segment;
    case X12_OPT_MAX_ELEMENTS: return r->max_elements;
    case X12_OPT_STRICT: return (uint64_t)r->strict;
    case X12_OPT_ENVELOPE_CHECKS: return (uint64_t)r->env_checks;
    case X12_OPT_READ_CHUNK_BYTES: return r->chunk;
    case X12_OPT_SCAN: return r->scan == X12I_SCAN_GENERAL ? X12_SCAN_GENERAL : X12_SCAN_INDEX;
    }
    return 0;
}

void x12_reader_set_error_handler(x12_reader *r, x12_error_fn fn, void *user)
{
    if (r == NULL)
        return;
    r->on_error = fn;
    r->on_error_user = user;
}

/* ---- opening input ------------------------------------------------------ */

/* Applies x12_reader_set_range as input is opened (r->mode just set): a
 * buffer's window becomes the range, a stream's source skips to it and
 * stops at its end; offsets count from the input's first byte.  Inside an
 * interchange the scanner starts with its delimiters and the envelope with
 * its values.  Out of memory, the reader is left unopened. */
static x12_status range_open(x12_reader *r)
{
    x12i_range *rg = r->range;

    if (rg == NULL)
        return X12_OK;
    if (x12i_range_env(&r->alloc, rg, &r->env) != X12_OK) {
        if (r->mode == MODE_STREAM) {
            x12i_source_close(&r->src);
            x12i_free(&r->alloc, r->own);
            r->own = NULL;
        }
        r->mode = MODE_NONE;
        return X12_ENOMEM;
    }
    if (r->mode == MODE_BUFFER) {
        r->start = rg->offset < r->end ? (size_t)rg->offset : r->end;
        if (rg->limited && rg->length < r->end - r->start)
            r->end = r->start + (size_t)rg->length;
        else
            rg->limited = 0; /* the range ends with the input */
    } else {
        r->base = rg->offset;
        x12i_source_set_range(&r->src, rg->offset, rg->length, rg->limited);
    }
    if (rg->in_interchange) {
        r->state = ST_INTERCHANGE;
        r->seen_isa = 1;
        r->delims = rg->delims;
        r->seg.delims = rg->delims; /* the indexed path leaves it as the ISA set it */
        set_ws_table(r);
        memset(r->vterm, r->delims.segment, sizeof r->vterm);
        memset(r->velem, r->delims.element, sizeof r->velem);
        r->blk_ok = 0;
    }
    return X12_OK;
}

x12_status x12_reader_set_range(x12_reader *r, const x12_range *range)
{
    x12i_range *rg;
    x12_status st;

    if (r == NULL || range == NULL)
        return X12_EINVAL;
    if (r->mode != MODE_NONE)
        return X12_ESTATE;
    st = x12i_range_make(&r->alloc, range, &rg);
    if (st != X12_OK)
        return st;
    x12i_range_free(&r->alloc, r->range);
    r->range = rg;
    return X12_OK;
}

x12_status x12_reader_open_buffer(x12_reader *r, const void *data, size_t len)
{
    if (r == NULL || (data == NULL && len > 0))
        return X12_EINVAL;
    if (r->mode != MODE_NONE)
        return X12_ESTATE;
    r->mode = MODE_BUFFER;
    r->buf = data ? data : empty_str;
    r->start = 0;
    r->end = len;
    r->final = 1;
    return range_open(r);
}

/* Switches to a stream source of the given kind: allocates the window and
 * sets up the source.  The caller then fills in the descriptor or FILE. */
static x12_status open_stream(x12_reader *r, x12i_src_kind kind)
{
    /* The window never grows.  It holds what the scanner may need before it
     * decides: white space before an ISA plus the ISA (each at most the
     * segment limit), or one segment with its trailer, plus a read chunk. */
    r->own_cap = 2 * r->max_segment + r->chunk + 16;
    r->own = x12i_malloc(&r->alloc, r->own_cap);
    if (r->own == NULL)
        return X12_ENOMEM;
    r->buf = r->own;
    r->mode = MODE_STREAM;
    x12i_source_init(&r->src, &r->alloc, r->chunk);
    r->src.kind = kind;
    return range_open(r);
}

x12_status x12_reader_open_fd(x12_reader *r, int fd)
{
    x12_status st;

    if (r == NULL || fd < 0)
        return X12_EINVAL;
    if (r->mode != MODE_NONE)
        return X12_ESTATE;
    st = open_stream(r, X12I_SRC_FD);
    if (st == X12_OK)
        r->src.fd = fd;
    return st;
}

x12_status x12_reader_open_path(x12_reader *r, const char *path)
{
    int fd;
    x12_status st;

    if (r == NULL || path == NULL)
        return X12_EINVAL;
    if (r->mode != MODE_NONE)
        return X12_ESTATE;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return X12_EIO;
    st = x12_reader_open_fd(r, fd);
    if (st != X12_OK) {
        int e = errno;
        close(fd);
        errno = e;
        return st;
    }
    r->src.own_fd = 1;
    return X12_OK;
}

x12_status x12_reader_open_file(x12_reader *r, FILE *fp)
{
    x12_status st;

    if (r == NULL || fp == NULL)
        return X12_EINVAL;
    if (r->mode != MODE_NONE)
        return X12_ESTATE;
    st = open_stream(r, X12I_SRC_FILE);
    if (st == X12_OK)
        r->src.fp = fp;
    return st;
}

x12_status x12_reader_feed(x12_reader *r, const void *data, size_t len, int is_final)
{
    x12_status st;

    if (r == NULL || (data == NULL && len > 0))
        return X12_EINVAL;
    if (r->mode == MODE_NONE) {
        st = open_stream(r, X12I_SRC_PUSH);
        if (st != X12_OK)
            return st;
    } else if (r->src.kind != X12I_SRC_PUSH || r->pushed_final) {
        return X12_ESTATE;
    }
    /* Refused (out of memory), the chunk is not taken: the final flag is
     * set only with it, so the caller can feed it again. */
    st = x12i_source_push(&r->src, data, len, is_final);
    if (st == X12_OK && is_final)
        r->pushed_final = 1;
    return st;
}

/* ---- the window --------------------------------------------------------- */

/* Brings more bytes into a stream window.  X12_OK (bytes added, or `final`
 * set at the end of input), X12_AGAIN, or a fatal error. */
static x12_status refill(x12_reader *r)
{
    size_t got = 0;
    const char *msg = "";
    x12_status st;

    if (r->mode != MODE_STREAM || r->final)
        return X12_OK;
    if (r->start > 0) {
        r->blk_ok = 0;
        x12i_index_moved(&r->ix);
        memmove(r->own, r->own + r->start, r->end - r->start);
        r->base += r->start;
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->own_cap)
        return fail(r, 1, X12_ELIMIT, "max-segment", 0, NULL, 0, r->base + r->end,
                    "the read window is full (more than %zu bytes without a decision)",
                    r->own_cap);
    st = x12i_source_read(&r->src, r->own + r->end, r->own_cap - r->end, &got, &msg);
    if (st == X12_OK) {
        r->end += got;
        return X12_OK;
    }
    if (st == X12_END) {
        r->final = 1;
        return X12_OK;
    }
    if (st == X12_AGAIN)
        return X12_AGAIN;
    if (st == X12_EIO)
        return fail(r, 1, st, "io", 0, NULL, 0, r->base + r->end, "%s: %s", msg,
                    strerror(r->src.saved_errno));
    if (st == X12_ENOMEM)
        return fail(r, 1, st, "memory", 0, NULL, 0, r->base + r->end,
                    "out of memory reading the input (after %llu decoded bytes)",
                    (unsigned long long)(r->base + r->end));
    return fail(r, 1, st, st == X12_EGZIP ? "gzip" : "io", 0, NULL, 0, r->base + r->end,
                "%s after %llu decoded bytes", msg, (unsigned long long)(r->base + r->end));
}

/* ---- segment construction ----------------------------------------------- */

/* Splits seg data into elements.  -1 when there are too many. */
static int split_elements(x12_reader *r, x12_segment *seg)
{
    const char *d = seg->data;
    size_t len = seg->len, pos = 0, n = 0;
    char sep = seg->delims.element;
    const char *q;

    seg->starts = r->sown;
    seg->ebase = seg->data;
    if (seg->starts == NULL || r->starts_cap < 64) {
        void *p = seg->starts;
        if (x12i_grow(&r->alloc, &p, &r->starts_cap, 64, sizeof(size_t)) != 0)
            return -2;
        seg->starts = r->sown = p;
    }
    seg->starts[0] = 0;
    while (pos <= len && (q = memchr(d + pos, sep, len - pos)) != NULL) {
        n++;
        if (n > r->max_elements)
            return -1;
        if (n + 2 > r->starts_cap) {
            void *p = seg->starts;
            if (x12i_grow(&r->alloc, &p, &r->starts_cap, n + 2, sizeof(size_t)) != 0)
                return -2;
            seg->starts = r->sown = p;
        }
        pos = (size_t)(q - d) + 1;
        seg->starts[n] = pos;
    }
    seg->starts[n + 1] = len + 1;
    seg->count = n;
    return 0;
}

/* Fills r->seg for data [ds, de), trailer [de, te), leading [ls, ds) and
 * consumes it.  Returns X12_OK, or an error status when the segment cannot
 * be handed out. */
static inline x12_status make_segment(x12_reader *r, size_t ls, size_t ds, size_t de,
                                      size_t te, int is_isa, int presplit)
{
    x12_segment *seg = &r->seg;
    int rc;

    seg->llen = ds - ls;
    seg->data = r->buf + ds;
    seg->ebase = seg->data;
    seg->len = de - ds;
    seg->tlen = te - de;
    seg->offset = r->base + ds;
    seg->delims = r->delims;
    seg->split_component = is_isa ? 0 : r->delims.component;
    seg->split_repetition = is_isa ? 0 : r->delims.repetition;
    seg->number = 0;
    seg->set_position = 0;
    r->start = te;

    rc = presplit ? 0 : split_elements(r, seg);
    if (rc == -2)
        return fail(r, 1, X12_ENOMEM, "memory", 0, NULL, 0, seg->offset,
                    "out of memory splitting a segment");
    seg->idlen = seg->count ? seg->starts[1] - 1 : seg->len;
    if (rc == -1) {
        size_t idl = 0;
        while (idl < seg->len && seg->data[idl] != seg->delims.element)
            idl++;
        return fail(r, 0, X12_ELIMIT, "max-elements", r->env.segments + 1, seg->data, idl,
                    seg->offset, "segment has more than %zu elements (the configured limit)",
                    r->max_elements);
    }
    return X12_OK;
}

/* ---- scanning ----------------------------------------------------------- */

/* Records that the segment at p, just counted (x12i_env_skipped), is
 * skipped: it joins the run of segments skipped right before it, or starts
 * a new one. */
static void note_skipped(x12_reader *r, size_t p, size_t idl, const char *rule, uint64_t limit,
                         unsigned element)
{
    x12i_skipped *k = &r->skipped;
    uint64_t segno = r->env.segments;

    if (k->count > 0 && k->interchange == r->env.interchanges && k->first + k->count == segno) {
        k->count++;
        return;
    }
    k->first = segno;
    k->count = 1;
    k->interchange = r->env.interchanges;
    k->offset = r->base + p;
    k->limit = limit;
    k->rule = rule;
    k->element = element;
    k->id[0] = '\0';
    if (x12i_segid_shaped(r->buf + p, idl)) {
        memcpy(k->id, r->buf + p, idl);
        k->id[idl] = '\0';
    }
}

/* Over-long segment: report it and discard bytes up to the end of its
 * terminator's white space. */
static x12_status overflow(x12_reader *r, size_t p)
{
    size_t idl = 0, lim, q;
    unsigned element = 0;

    if (r->state == ST_EXPECT_ISA)
        /* No delimiters to resynchronise on: white space before an ISA, or
         * an ISA followed by white space, beyond the limit. */
        return fail(r, 1, X12_ELIMIT, "max-segment", 0, NULL, 0, r->base + p,
                    "more than %zu bytes of white space around an ISA segment "
                    "(the configured segment limit)", r->max_segment);

    /* Up to 4 bytes: an id of more than 3 is not of X12's shape and is not
     * shown (its first 3 could be the start of a name). */
    while (idl < 4 && p + idl < r->end && is_alnum((unsigned char)r->buf[p + idl]))
        idl++;
    /* The element in which the limit falls (the window holds at least that
     * much of the segment); 0 when the terminator comes first, so that the
     * white space after it made the segment too long. */
    lim = r->end - p > r->max_segment ? p + r->max_segment : r->end;
    for (q = p; q < lim && r->buf[q] != r->delims.segment; q++)
        if (r->buf[q] == r->delims.element)
            element++;
    if (q < lim)
        element = 0;
    else if (element == 0)
        element = 1; /* an id longer than the limit: its first element */
    r->discard = DISC_TERM;
    r->start = p;
    x12i_env_skipped(&r->env);
    note_skipped(r, p, idl, "max-segment", r->max_segment, element);
    return fail(r, 0, X12_ELIMIT, "max-segment", r->env.segments, r->buf + p, idl,
                r->base + p, "segment is longer than %zu bytes (the configured limit)",
                r->max_segment);
}

/* Moves past discarded bytes.  X12_OK when done discarding, X12_AGAIN when
 * the window ran out. */
static x12_status scan_discard(x12_reader *r)
{
    const char *q;
    size_t p = r->start;

    if (r->discard == DISC_TERM) {
        q = memchr(r->buf + p, r->delims.segment, r->end - p);
        if (q == NULL) {
            r->start = r->end;
            return X12_AGAIN;
        }
        p = (size_t)(q - r->buf) + 1;
        r->discard = DISC_WS;
    }
    if (r->discard == DISC_WS) {
        while (p < r->end && is_trailer_ws(r, (unsigned char)r->buf[p]))
            p++;
        r->start = p;
        if (p == r->end)
            return X12_AGAIN;
        r->discard = DISC_NONE;
        return X12_OK;
    }
    if (r->discard == DISC_TO_ISA) {
        /* Junk between interchanges: look for the next "ISA" + separator. */
        for (;;) {
            q = p < r->end ? memchr(r->buf + p, 'I', r->end - p) : NULL;
            if (q == NULL) {
                r->start = r->end;
                return X12_AGAIN;
            }
            p = (size_t)(q - r->buf);
            if (r->end - p < 4) {
                r->start = p;
                return X12_AGAIN;
            }
            if (r->buf[p + 1] == 'S' && r->buf[p + 2] == 'A' &&
                !is_alnum((unsigned char)r->buf[p + 3]) && !is_space((unsigned char)r->buf[p + 3])) {
                r->start = p;
                r->discard = DISC_NONE;
                return X12_OK;
            }
            p++;
        }
    }
    return X12_OK;
}

/*
 * Reads an ISA header at r->start (after optional BOM / white space).
 * Returns X12_OK with r->seg filled, X12_AGAIN for more bytes, X12_END at
 * the end of input, or an error.
 */
static x12_status scan_isa(x12_reader *r)
{
    size_t ls = r->start, p = r->start, q, t, te, isa_max;
    size_t seps[17];
    unsigned nsep = 0;
    const char *b = r->buf;
    char esep, comp, term, rep = 0, rep_clash = 0;
    x12_status st;
    unsigned i;

    if (r->lead_done > 0)
        p += r->lead_done; /* resumed: BOM and white space already skipped */
    else if (p == 0 && r->base == 0 && r->end - p >= 3 && (unsigned char)b[0] == 0xEF &&
             (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF)
        p += 3;
    else if (p == 0 && r->base == 0 && r->end < 3 && !r->final)
        return X12_AGAIN;
    r->lead_done = 0;
    /* Between interchanges white space is what may follow a terminator of
     * the interchange before: a byte that is one of its delimiters is not
     * white space but junk, and is reported as data after IEA. */
    while (p < r->end && (r->seen_isa ? is_trailer_ws(r, (unsigned char)b[p])
                                      : is_space((unsigned char)b[p])))
        p++;
    if (p - ls > r->max_segment)
        return overflow(r, ls);
    if (p == r->end) {
        if (!r->final) {
            r->lead_done = p - ls;
            return X12_AGAIN;
        }
        if (!r->seen_isa)
            return fail(r, 1, X12_ESYNTAX, "no-isa", 0, NULL, 0, r->base + ls,
                        "no ISA segment: the input is empty");
        r->start = p;
        return X12_END;
    }
    if (r->end - p < 4 && !r->final)
        return X12_AGAIN;
    if (r->end - p < 4 || b[p] != 'I' || b[p + 1] != 'S' || b[p + 2] != 'A' ||
        is_alnum((unsigned char)b[p + 3]) || is_space((unsigned char)b[p + 3])) {
        size_t idl = 0;
        while (idl < 4 && p + idl < r->end && is_alnum((unsigned char)b[p + idl]))
            idl++; /* 4: an id too long to be X12's is not shown (see overflow) */
        if (!r->seen_isa)
            return fail(r, 1, X12_ESYNTAX, "no-isa", 0, b + p, idl, r->base + p,
                        "the input does not start with an ISA segment");
        r->start = p;
        r->discard = DISC_TO_ISA;
        return fail(r, 0, X12_ESYNTAX, "after-iea", 0, b + p, idl, r->base + p,
                    "data after IEA that is not a new ISA: skipped to the next ISA");
    }

    /* Count the 16 element separators rather than trusting fixed offsets:
     * real files have ISAs whose fields are not padded. */
    esep = b[p + 3];
    seps[0] = p + 3;
    nsep = 1;
    q = p + 4;
    /* The search is bounded the same way in every mode (never by where a
     * window happens to end): the fixed ISA length plus some slack for
     * over-long fields, and never more than the segment limit. */
    isa_max = 106 + ISA_SEARCH_SLACK;
    if (isa_max > r->max_segment)
        isa_max = r->max_segment;
    while (nsep < 16) {
        const char *h;
        size_t limit = r->end;
        if (limit - p > isa_max)
            limit = p + isa_max;
        h = q < limit ? memchr(b + q, esep, limit - q) : NULL;
        if (h == NULL) {
            if (r->end - p > isa_max)
                return fail(r, 1, X12_ESYNTAX, "isa", 1, "ISA", 3, r->base + p,
                            "ISA has fewer than 16 element separators within %zu bytes",
                            isa_max);
            if (!r->final)
                return X12_AGAIN;
            return fail(r, 1, X12_ESYNTAX, "isa", 1, "ISA", 3, r->base + p,
                        "the input ends inside the ISA segment");
        }
        seps[nsep++] = (size_t)(h - b);
        q = (size_t)(h - b) + 1;
    }
    /* ISA16 is the byte after the 16th separator; the terminator follows. */
    t = seps[15] + 2;
    if (t >= r->end || (b[t] == '\r' && t + 1 >= r->end && !r->final)) {
        if (!r->final)
            return X12_AGAIN;
        return fail(r, 1, X12_ESYNTAX, "isa", 1, "ISA", 3, r->base + p,
                    "the input ends inside the ISA segment");
    }
    comp = b[seps[15] + 1];
    term = b[t];
    te = t + 1;
    if (term == '\r' && te < r->end && b[te] == '\n') {
        term = '\n';
        te++;
    }
    if (is_alnum((unsigned char)comp) || comp == ' ' || is_alnum((unsigned char)term) ||
        term == ' ' || comp == esep || term == esep || comp == term)
        return fail(r, 1, X12_ESYNTAX, "delimiters", 1, "ISA", 3, r->base + seps[15] + 1,
                    "ISA16 and the byte after it do not give usable delimiters "
                    "(they must differ from each other and from the element separator "
                    "and not be letters, digits or spaces)");
    /* ISA11 is the repetition separator from version 00501 on; before that
     * it is a standards identifier such as 'U'. */
    if (seps[11] - seps[10] == 2 && seps[12] - seps[11] == 6 &&
        memcmp(b + seps[11] + 1, "00501", 5) >= 0 &&
        !is_alnum((unsigned char)b[seps[10] + 1]) && !is_space((unsigned char)b[seps[10] + 1])) {
        rep = b[seps[10] + 1];
        if (rep == esep || rep == comp || rep == term) {
            /* Reported below: the file cannot have repetitions, and a
             * receiver reading ISA11 as given would split data on it. */
            rep_clash = rep;
            rep = 0;
        }
    }
    r->blk_ok = 0;
    r->delims.element = esep;
    r->delims.component = comp;
    r->delims.repetition = rep;
    r->delims.segment = term;
    set_ws_table(r);
    memset(r->vterm, term, sizeof r->vterm);
    memset(r->velem, esep, sizeof r->velem);

    while (te < r->end && is_trailer_ws(r, (unsigned char)b[te]))
        te++;
    if (te == r->end && !r->final)
        return X12_AGAIN;
    if (te - p > r->max_segment)
        return overflow(r, p);

    r->seen_isa = 1;
    r->state = ST_INTERCHANGE;
    st = make_segment(r, ls, p, t, te, 1, 0);
    if (st != X12_OK)
        return st;
    if (rep_clash != 0) {
        x12_segment tmp = r->seg;
        tmp.number = 1;
        report_seg(r, X12_SEV_ERROR, X12_ESYNTAX, "delimiters", &tmp, 11,
                   "ISA11, the repetition separator, is the same byte as the %s: the "
                   "interchange is read with no repetition separator",
                   rep_clash == comp   ? "component separator (ISA16)"
                   : rep_clash == esep ? "element separator"
                                       : "segment terminator");
    }
    /* Width problems are warnings: the delimiters were still found. */
    for (i = 1; i <= 15 && r->env_checks; i++) {
        size_t w = seps[i] - seps[i - 1] - 1;
        if (w != isa_width[i]) {
            /* Numbered later by the envelope pass; ISA is always segment 1. */
            x12_segment tmp = r->seg;
            tmp.number = 1;
            report_seg(r, X12_SEV_WARNING, X12_OK, "isa-width", &tmp, i,
                       "ISA%02u is %zu characters wide, the standard fixes it at %u", i, w,
                       isa_width[i]);
        }
    }
    return X12_OK;
}

/* Makes room for element start n (and the sentinel after it). */
static int starts_room(x12_reader *r, size_t n)
{
    void *p = r->sown;

    if (n + 2 <= r->starts_cap)
        return 0;
    if (x12i_grow(&r->alloc, &p, &r->starts_cap, n + 2, sizeof(size_t)) != 0)
        return -1;
    r->seg.starts = r->sown = p;
    return 0;
}

/*
 * One pass over a segment starting at p: finds its terminator and records
 * where each element starts (relative to p) in r->seg.starts[1..n].
 * Returns the terminator's position, or r->end when the window holds none.
 * *n gets the number of separators; *rc is 0, -1 (more than max_elements:
 * the rest is only searched for the terminator) or -2 (out of memory).
 * SSE2 compares 16 bytes against both delimiters at once; segments are
 * short, so this beats a memchr call per element.
 */
static size_t scan_elements(x12_reader *r, size_t p, size_t from, size_t cnt0, size_t *n,
                            int *rc)
{
    const char *b = r->buf;
    const char term = r->delims.segment, esep = r->delims.element;
    const size_t end = r->end, max = r->max_elements;
    size_t q = p + from, cnt = cnt0, cap;
    size_t *starts;
    const char *hit;

    /* Locals, not r->..., in the loops: stores through `starts` could
     * otherwise alias the reader's size_t fields and force reloads. */
    *rc = 0;
    if (r->starts_cap < 64 && starts_room(r, 64) != 0) {
        *rc = -2;
        return end;
    }
    if (cnt + 66 > r->starts_cap && starts_room(r, cnt + 64) != 0) {
        *rc = -2;
        return end;
    }
    starts = r->seg.starts;
    cap = r->starts_cap;
    starts[0] = 0;
#if defined(__SSE2__)
    /* The 64-byte block masks are kept between calls: short segments share
     * a block, so each input byte is compared once, not once per segment.
     * The block state lives in locals here and is stored back on the way
     * out.  Room for a whole block's separators is made before each block,
     * and the element limit is checked after it, so the inner loops are
     * only "find lowest bit, store, clear it". */
    {
        size_t blk = r->blk;
        uint64_t bt = r->blk_t, be = r->blk_e;
        int ok = r->blk_ok;
        size_t found = end;
        /* Broadcasts built once per ISA (set1 costs a dozen instructions
         * without SSSE3); loadu because a caller's allocator need not
         * align the reader to 16 bytes. */
        const __m128i vt = _mm_loadu_si128((const __m128i *)(const void *)r->vterm);
        const __m128i ve = _mm_loadu_si128((const __m128i *)(const void *)r->velem);

        for (;;) {
            uint64_t mt, me;
            size_t base;
            /* q < blk when an earlier call ran ahead looking for a
             * terminator and the window then grew without moving. */
            if (!ok || q < blk || q >= blk + 64) {
                if (q + 64 > end)
                    break;
                blk = q;
                x12i_block_masks(b + q, vt, ve, &bt, &be);
                ok = 1;
            }
            if (cnt + 66 > cap) {
                if (starts_room(r, cnt + 64) != 0) {
                    *rc = -2;
                    return end;
                }
                starts = r->seg.starts;
                cap = r->starts_cap;
            }
            mt = bt & (~(uint64_t)0 << (q - blk));
            me = be & (~(uint64_t)0 << (q - blk));
            base = blk + 1 - p;
            if (mt) {
                unsigned lim = (unsigned)__builtin_ctzll(mt);
                me &= ((uint64_t)1 << lim) - 1u;
                while (me) {
                    starts[++cnt] = base + (unsigned)__builtin_ctzll(me);
                    me &= me - 1u;
                }
                found = blk + lim;
                break;
            }
            while (me) {
                starts[++cnt] = base + (unsigned)__builtin_ctzll(me);
                me &= me - 1u;
            }
            q = blk + 64;
            if (cnt > max)
                break;
        }
        r->blk = blk;
        r->blk_t = bt;
        r->blk_e = be;
        r->blk_ok = ok;
        if (cnt > max) {
            *rc = -1;
            if (found != end) {
                *n = cnt;
                return found;
            }
            goto only_terminator;
        }
        if (found != end) {
            *n = cnt;
            return found;
        }
    }
#endif
#define RECORD(pos)                                   \
    do {                                              \
        if (++cnt > max) {                            \
            *rc = -1;                                 \
            goto only_terminator;                     \
        }                                             \
        if (cnt + 2 > cap) {                          \
            if (starts_room(r, cnt) != 0) {           \
                *rc = -2;                             \
                return end;                           \
            }                                         \
            starts = r->seg.starts;                   \
            cap = r->starts_cap;                      \
        }                                             \
        starts[cnt] = (pos) + 1 - p;                  \
    } while (0)
    for (; q < end; q++) {
        char c = b[q];
        if (c == term) {
            *n = cnt;
            return q;
        }
        if (c == esep)
            RECORD(q);
    }
#undef RECORD
    *n = cnt;
    return end;

only_terminator:
    *n = cnt;
    hit = memchr(b + q, term, end - q);
    return hit ? (size_t)(hit - b) : end;
}

/* Scans the next segment inside an interchange. */
static x12_status scan_segment(x12_reader *r)
{
    size_t p = r->start, t, de, te, nsep = 0;
    const char *b = r->buf;
    int unterminated = 0, rc = 0;
    x12_status st;

    if (p == r->end) {
        if (!r->final)
            return X12_AGAIN;
        return X12_END;
    }
    /* A new ISA before IEA: learn its delimiters (the envelope checker
     * reports the missing IEA). */
    if (r->end - p >= 4 && b[p] == 'I' && b[p + 1] == 'S' && b[p + 2] == 'A' &&
        !is_alnum((unsigned char)b[p + 3]) && !is_space((unsigned char)b[p + 3])) {
        r->state = ST_EXPECT_ISA;
        return scan_isa(r);
    }
    if (r->end - p < 4 && !r->final && b[p] == 'I')
        return X12_AGAIN;
    /* "ISA" and nothing after it: an interchange header cut short, not a
     * segment of the interchange before (which every layer above would
     * take for a new interchange without delimiters). */
    if (r->end - p == 3 && b[p] == 'I' && b[p + 1] == 'S' && b[p + 2] == 'A')
        return fail(r, 1, X12_ESYNTAX, "isa", 1, "ISA", 3, r->base + p,
                    "the input ends inside the ISA segment");

    if (r->resume == 2) {
        t = p + r->resume_t;
        te = p + r->resume_te;
        nsep = r->resume_cnt;
    } else {
        t = scan_elements(r, p, r->resume ? r->resume_off : 0, r->resume ? r->resume_cnt : 0,
                          &nsep, &rc);
        r->resume = 0;
        if (rc == -2)
            return fail(r, 1, X12_ENOMEM, "memory", 0, NULL, 0, r->base + p,
                        "out of memory splitting a segment");
        if (t == r->end) {
            if (r->end - p > r->max_segment)
                return overflow(r, p);
            if (!r->final) {
                if (rc == 0) {
                    r->resume = 1;
                    r->resume_off = r->end - p;
                    r->resume_cnt = nsep;
                }
                return X12_AGAIN;
            }
            unterminated = 1;
        }
        te = unterminated ? t : t + 1;
    }
    r->resume = 0;
    de = t;
    /* A CR before an LF terminator belongs to the terminator; with no
     * terminator (the input ends inside the segment) it is data. */
    if (!unterminated && r->delims.segment == '\n' && de > p && b[de - 1] == '\r')
        de--;
    while (te < r->end && is_trailer_ws(r, (unsigned char)b[te]))
        te++;
    if (te - p > r->max_segment)
        return overflow(r, p);
    if (te == r->end && !r->final) {
        if (rc == 0) {
            r->resume = 2;
            r->resume_t = t - p;
            r->resume_te = te - p;
            r->resume_cnt = nsep;
        }
        return X12_AGAIN;
    }

    if (rc == -1) {
        r->start = te;
        x12i_env_skipped(&r->env);
        note_skipped(r, p, nsep > 0 ? r->seg.starts[1] - 1 : 0, "max-elements", r->max_elements,
                     (unsigned)(r->max_elements + 1 > UINT_MAX ? UINT_MAX : r->max_elements + 1));
        return fail(r, 0, X12_ELIMIT, "max-elements", r->env.segments, b + p,
                    nsep > 0 ? r->seg.starts[1] - 1 : 0, r->base + p,
                    "segment has more than %zu elements (the configured limit)",
                    r->max_elements);
    }
    r->seg.starts[nsep + 1] = de - p + 1;
    r->seg.count = nsep;
    st = make_segment(r, p, p, de, te, 0, 1);
    if (st != X12_OK)
        return st;
    if (unterminated) {
        x12_segment tmp = r->seg;
        tmp.number = r->env.segments + 1;
        report_seg(r, X12_SEV_ERROR, X12_ESYNTAX, "unterminated", &tmp, 0,
                   "the input ends inside this segment: its terminator is missing");
    }
    return X12_OK;
}

static x12_status scan(x12_reader *r)
{
    x12_status st;

    /* The general path fills its own element starts (the indexed path
     * points the segment into the index). */
    r->seg.starts = r->sown;
    x12i_index_drop(&r->ix);

    if (r->discard != DISC_NONE) {
        st = scan_discard(r);
        if (st != X12_OK)
            return st;
    }
    if (r->state == ST_EXPECT_ISA)
        return scan_isa(r);
    return scan_segment(r);
}

/* ---- segments from the index ------------------------------------------- */

/* Builds the index from r->start (reader_index.c).  1 when it holds at
 * least one whole segment. */
static int index_build(x12_reader *r)
{
    /* A terminator that is also white space (a newline) makes blank lines
     * part of the trailer: leave those files to the general path (scan()
     * drops the index). */
    return x12i_index_build(&r->ix, &r->alloc, r->ws[(unsigned char)r->delims.segment]
                                                   ? X12I_SCAN_GENERAL
                                                   : r->scan,
                            r->buf, r->start, r->end, r->delims.segment, r->delims.element);
}

/*
 * Takes the segment at r->start from the index, which must hold its
 * terminator (x12i_index_ready).  Returns 1 with r->seg filled and
 * consumed (number and set position not yet set), or 0 having consumed
 * nothing: the general path then scans the segment (anything unusual: an
 * ISA, too many elements, a segment or trailer that reaches the end of the
 * window or over the segment limit).
 */
static HOT_INLINE int index_segment(x12_reader *r)
{
    const char *b = r->buf;
    x12_segment *seg = &r->seg;
    size_t j, k, cnt, p, t, te;

    t = x12i_index_peek(&r->ix, &j, &k);
    cnt = j - k;
    p = r->start;
    if (cnt > r->max_elements)
        return 0;
    if (b[p] == 'I' && t - p >= 3 && b[p + 1] == 'S' && b[p + 2] == 'A' &&
        !is_alnum((unsigned char)b[p + 3]) && !is_space((unsigned char)b[p + 3]))
        return 0;
    te = t + 1;
    while (te < r->end && r->ws[(unsigned char)b[te]])
        te++;
    if (te - p > r->max_segment || (te == r->end && !r->final))
        return 0;
    seg->starts = x12i_index_take(&r->ix, j, k, p);
    seg->ebase = b;
    seg->count = cnt;
    seg->idlen = (cnt ? seg->starts[1] - 1 : t) - p;
    seg->llen = 0;
    seg->data = b + p;
    seg->len = t - p;
    seg->tlen = te - t;
    seg->offset = r->base + p;
    /* seg->delims is r->delims already: only scan_isa changes them, and
     * it fills the ISA segment with them. */
    seg->split_component = r->delims.component;
    seg->split_repetition = r->delims.repetition;
    r->start = te;
    return 1;
}

/* ---- next --------------------------------------------------------------- */

/* id_class[c]: 1 when c is an upper-case letter, 2 when it is an upper-case
 * letter or a digit. */
static const unsigned char id_class[256] = {
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2,
    ['8'] = 2, ['9'] = 2, ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3,
    ['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3,
    ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3,
    ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
};

#define ID2(a, b) ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8)
#define ID3(a, b, c) (ID2(a, b) | (uint32_t)(unsigned char)(c) << 16)

/* 1 when the segment's id is well formed (an upper-case letter, then one
 * or two upper-case letters or digits) and not an envelope segment's (ISA,
 * IEA, GS, GE, ST, SE): such a segment needs no check and no envelope
 * work beyond its counts.  Without branches on the id's bytes or length,
 * which alternate between 2 and 3 from one segment to the next. */
static HOT_INLINE int id_plain(const x12_segment *seg)
{
    const unsigned char *id = (const unsigned char *)seg->data;
    const size_t idl = seg->idlen;
    unsigned three, ok;
    uint32_t key;

    /* id[2] is the separator after a 2-byte id: readable either way. */
    if (idl - 2u > 1u)
        return 0;
    three = (unsigned)(idl == 3);
    ok = id_class[id[0]] & (unsigned)(id_class[id[1]] >> 1) &
         ((unsigned)(id_class[id[2]] >> 1) | (three ^ 1u));
    key = ID2(id[0], id[1]) | ((uint32_t)id[2] << 16 & (0u - three));
    ok &= (unsigned)(key != ID2('S', 'T')) & (unsigned)(key != ID2('S', 'E')) &
          (unsigned)(key != ID2('G', 'S')) & (unsigned)(key != ID2('G', 'E')) &
          (unsigned)(key != ID3('I', 'S', 'A')) & (unsigned)(key != ID3('I', 'E', 'A'));
    return (int)ok;
}

static int id_common(const x12_segment *seg)
{
    size_t idl = seg->idlen;
    const unsigned char *id = (const unsigned char *)seg->data;

    return (idl == 2 || idl == 3) && (id_class[id[0]] & 1) && (id_class[id[1]] & 2) &&
           (idl == 2 || (id_class[id[2]] & 2));
}

static void check_id(x12_reader *r)
{
    x12_segment *seg = &r->seg;
    size_t idl = seg->idlen;

    if (!id_common(seg) && !x12i_segid_shaped(seg->data, idl))
        report_seg(r, X12_SEV_ERROR, X12_ESYNTAX, "segment-id", seg, 0,
                   idl == 0 ? "empty segment id (two terminators in a row, or a "
                              "separator first)"
                            : "segment id is not 2-3 upper-case letters or digits");
}

/* Hands out r->seg once its envelope counts are set: checks its id and
 * turns a strict-mode error into the call's fatal status. */
static x12_status hand_out(x12_reader *r, const x12_segment **out)
{
    check_id(r);
    if (r->strict_status != X12_OK) {
        r->fatal = 1;
        r->fatal_status = r->strict_status;
        r->last.severity = X12_SEV_FATAL;
        r->has_last = 1;
        x12i_index_drop(&r->ix);
        return r->strict_status;
    }
    *out = &r->seg;
    return X12_OK;
}

/* Counts r->seg in its envelopes (checking them), then hands it out. */
static x12_status envelope_segment(x12_reader *r, const x12_segment **out)
{
    x12_status st;

    st = x12i_env_segment(&r->alloc, &r->env, &r->seg, r->env_checks, report_seg, r);
    if (st != X12_OK)
        return fail(r, 1, st, "memory", r->seg.number, NULL, 0, r->seg.offset,
                    "out of memory keeping envelope values");
    if (r->seg.idlen == 3 && memcmp(r->seg.data, "IEA", 3) == 0) {
        r->state = ST_EXPECT_ISA;
        x12i_index_drop(&r->ix);
    }
    return hand_out(r, out);
}

/* Everything but a segment already in the index.  Kept out of line so
 * that the common case in x12_reader_next needs no stack frame.  `indexed`
 * says whether the index may be (re)built for the segment: not when it
 * has just declined it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static x12_status next_general(x12_reader *r, const x12_segment **out, int indexed)
{
    x12_status st;

    if (r->mode == MODE_NONE)
        return X12_ESTATE;
    if (r->fatal) {
        r->has_last = 1;
        return r->fatal_status;
    }
    if (r->finished)
        return X12_END;
    if (indexed && r->state == ST_INTERCHANGE && r->discard == DISC_NONE && r->resume == 0 &&
        index_build(r) && index_segment(r)) {
        if (x12i_env_fast(&r->env, &r->seg))
            return hand_out(r, out);
        r->seg.number = 0;
        r->seg.set_position = 0;
        return envelope_segment(r, out);
    }

    for (;;) {
        st = scan(r);
        if (st == X12_AGAIN) {
            if (r->final) {
                /* Window exhausted at the end of input while discarding. */
                if (r->discard != DISC_NONE) {
                    r->discard = DISC_NONE;
                    r->start = r->end;
                    continue;
                }
                st = X12_END;
            } else {
                /* A safety net: every scanning path bounds what it waits
                 * for (white space and ISA by the segment limit, a segment
                 * and its trailer by the limit), so this never fires unless
                 * one of them is wrong. */
                if (r->mode == MODE_STREAM && r->end - r->start > 2 * r->max_segment + 8 &&
                    r->discard == DISC_NONE)
                    return overflow(r, r->start);
                st = refill(r);
                if (st == X12_OK)
                    continue;
                return st; /* X12_AGAIN for push, or a fatal error */
            }
        }
        break;
    }

    if (st == X12_END) {
        if (r->range != NULL && r->range->limited)
            x12i_range_finish(&r->env, r->env_checks, report_seg, r);
        x12i_env_finish(&r->env, r->base + r->start, r->env_checks, report_seg, r);
        r->finished = 1;
        if (r->strict_status != X12_OK) {
            r->fatal = 1;
            r->fatal_status = r->strict_status;
            r->last.severity = X12_SEV_FATAL;
            r->has_last = 1;
            return r->strict_status;
        }
        return X12_END;
    }
    if (st != X12_OK)
        return st;
    if (x12i_env_fast(&r->env, &r->seg))
        return hand_out(r, out);
    return envelope_segment(r, out);
}

/* Ends a call that found a diagnostic its list had no memory for with
 * X12_ENOMEM, as the reader's other out-of-memory paths do (it stops):
 * whoever reads the list instead of a handler would otherwise lose it.  A
 * call that has already stopped the reader keeps its own status.  The
 * common case of x12_reader_next reports nothing and skips this. */
static x12_status unlisted(x12_reader *r, x12_status st, const x12_segment **out)
{
    if (!r->unlisted)
        return st;
    r->unlisted = 0;
    if (r->fatal)
        return st;
    *out = NULL;
    return fail(r, 1, X12_ENOMEM, "memory", r->unlisted_segno, NULL, 0, r->unlisted_offset,
                "out of memory listing a diagnostic (rule %s) found by this call",
                r->unlisted_rule ? r->unlisted_rule : "unknown");
}

x12_status x12_reader_next(x12_reader *r, const x12_segment **out)
{
    if (out != NULL)
        *out = NULL;
    if (r == NULL || out == NULL)
        return X12_EINVAL;
    r->diags.count = 0;
    r->has_last = 0;
    r->strict_status = X12_OK;
    /* The common case, straight through: a segment already in the index
     * (a ready index implies an open interchange, nothing pending, no fatal
     * error), inside a transaction set, with a well-formed id.  Without an
     * index (X12_NO_INDEX) x12i_index_ready is 0 and this goes away. */
    if (x12i_index_ready(&r->ix)) {
        x12_envelope *env = &r->env;
        x12_segment *seg = &r->seg;

        if (!index_segment(r))
            return unlisted(r, next_general(r, out, 0), out);
        if (!((unsigned)(env->in_st ^ 1) | (unsigned)env->closed_st | (unsigned)env->closed_gs |
              (unsigned)env->closed_isa) &&
            id_plain(seg)) {
            /* What x12i_env_fast does, with its checks done above. */
            env->total_segments++;
            seg->number = ++env->segments;
            seg->set_position = ++env->set_segments;
            *out = seg;
            return X12_OK;
        }
        if (x12i_env_fast(env, seg))
            return unlisted(r, hand_out(r, out), out);
        seg->number = 0;
        seg->set_position = 0;
        return unlisted(r, envelope_segment(r, out), out);
    }
    return unlisted(r, next_general(r, out, 1), out);
}

size_t x12_reader_error_count(const x12_reader *r)
{
    return r ? r->diags.count : 0;
}

const x12_error *x12_reader_error_at(const x12_reader *r, size_t i)
{
    if (r == NULL || i >= r->diags.count)
        return NULL;
    return &r->diags.items[i];
}

const x12_error *x12_reader_last_error(const x12_reader *r)
{
    return (r && r->has_last) ? &r->last : NULL;
}

uint64_t x12_reader_total_errors(const x12_reader *r)
{
    return r ? r->total_errors : 0;
}

uint64_t x12_reader_total_warnings(const x12_reader *r)
{
    return r ? r->total_warnings : 0;
}

x12_status x12_reader_delimiters(const x12_reader *r, x12_delimiters *out)
{
    if (r == NULL || out == NULL)
        return X12_EINVAL;
    if (!r->seen_isa)
        return X12_ESTATE;
    *out = r->delims;
    return X12_OK;
}

uint64_t x12_reader_offset(const x12_reader *r)
{
    return r ? r->base + r->start : 0;
}

const x12_envelope *x12_reader_envelope(const x12_reader *r)
{
    return r ? &r->env : NULL;
}

/* ---- segment views ------------------------------------------------------ */

x12_str x12_segment_id(const x12_segment *seg)
{
    if (seg == NULL)
        return view(NULL, 0);
    return view(seg->data, seg->idlen);
}

size_t x12_segment_count(const x12_segment *seg)
{
    return seg ? seg->count : 0;
}

x12_str x12_segment_element(const x12_segment *seg, size_t i)
{
    if (seg == NULL || i > seg->count)
        return view(NULL, 0);
    return view(seg->ebase + seg->starts[i], seg->starts[i + 1] - 1 - seg->starts[i]);
}

/* Part k (1-based) of s split on sep; sep 0 means s is one part. */
static x12_str nth_part(x12_str s, char sep, size_t k)
{
    const char *p = s.ptr, *e = s.ptr + s.len, *q;

    if (k == 0)
        return view(NULL, 0);
    if (sep == 0)
        return k == 1 ? s : view(NULL, 0);
    while (--k > 0) {
        q = memchr(p, sep, (size_t)(e - p));
        if (q == NULL)
            return view(NULL, 0);
        p = q + 1;
    }
    q = memchr(p, sep, (size_t)(e - p));
    return view(p, (size_t)((q ? q : e) - p));
}

static size_t count_parts(x12_str s, char sep)
{
    size_t n = 1;
    const char *p = s.ptr, *e = s.ptr + s.len, *q;

    if (s.len == 0)
        return 0;
    if (sep == 0)
        return 1;
    while ((q = memchr(p, sep, (size_t)(e - p))) != NULL) {
        n++;
        p = q + 1;
    }
    return n;
}

size_t x12_segment_repetition_count(const x12_segment *seg, size_t i)
{
    if (seg == NULL || i == 0)
        return 0;
    return count_parts(x12_segment_element(seg, i), seg->split_repetition);
}

x12_str x12_segment_repetition(const x12_segment *seg, size_t i, size_t k)
{
    if (seg == NULL || i == 0)
        return view(NULL, 0);
    return nth_part(x12_segment_element(seg, i), seg->split_repetition, k);
}

size_t x12_segment_component_count(const x12_segment *seg, size_t i, size_t k)
{
    if (seg == NULL)
        return 0;
    return count_parts(x12_segment_repetition(seg, i, k), seg->split_component);
}

x12_str x12_segment_value(const x12_segment *seg, size_t i, size_t k, size_t j)
{
    if (seg == NULL)
        return view(NULL, 0);
    return nth_part(x12_segment_repetition(seg, i, k), seg->split_component, j);
}

x12_str x12_segment_component(const x12_segment *seg, size_t i, size_t j)
{
    return x12_segment_value(seg, i, 1, j);
}

x12_str x12_segment_raw(const x12_segment *seg)
{
    return seg ? view(seg->data, seg->len) : view(NULL, 0);
}

x12_str x12_segment_trailer(const x12_segment *seg)
{
    return seg ? view(seg->data + seg->len, seg->tlen) : view(NULL, 0);
}

x12_str x12_segment_leading(const x12_segment *seg)
{
    return seg ? view(seg->data - seg->llen, seg->llen) : view(NULL, 0);
}

uint64_t x12_segment_number(const x12_segment *seg)
{
    return seg ? seg->number : 0;
}

uint64_t x12_segment_set_position(const x12_segment *seg)
{
    return seg ? seg->set_position : 0;
}

uint64_t x12_segment_offset(const x12_segment *seg)
{
    return seg ? seg->offset : 0;
}

x12_delimiters x12_segment_delimiters(const x12_segment *seg)
{
    x12_delimiters d = {0, 0, 0, 0};
    return seg ? seg->delims : d;
}
