/*
 * x12 split - one output interchange per transaction set, or per N claims
 * of an 837P/837I.
 *
 * Every output is a complete interchange: the input's ISA and GS, one
 * ST..SE, then GE and IEA, with SE01, GE01 and IEA01 counted here and the
 * control numbers (ISA13, GS06, ST02) kept as in the input, so every piece
 * can be traced back to where it came from.
 *
 * Per claims, the transaction is cut before a CLM (2300) or before the HL
 * that follows the Nth claim.  Each new piece repeats the transaction header
 * (ST up to the first HL: BHT, 1000A, 1000B) and the HL parents of what
 * comes next (2000A billing provider, 2000B subscriber, 2000C patient, each
 * with its segments up to its first child or claim), with the HL tree
 * renumbered from 1 in every piece.  Only that header and the current chain
 * of parents are held in memory; claims and service lines are written as
 * they are read, so a transaction of any size splits in constant memory.
 *
 * The writer is used in verbatim mode: segments go out byte for byte as they
 * were read (same delimiters, same line breaks), except HL01/HL02 and the
 * trailers, which are computed.
 *
 * Pieces are written through outfile (cli.h): a temporary renamed when the
 * piece is complete.  Before the first piece the directory is checked for
 * names this run would use, so that a run is refused whole (existing pieces
 * without --force, a symbolic link in any case) instead of stopping half-way;
 * the first failed write stops the run, and pieces 1..written are complete.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <zlib.h>

#include "cli.h"

extern const char split_usage[];
const char split_usage[] =
    "Usage: x12 split [OPTIONS] FILE...\n"
    "Write every transaction set (or every N claims of an 837P/837I) of the\n"
    "input as an interchange of its own: PREFIX-000001.x12, PREFIX-000002.x12,\n"
    "... in DIR, numbered in input order across all FILEs.  Each output has the\n"
    "input's ISA and GS with their control numbers kept, one ST..SE, a GE and an\n"
    "IEA, with SE01, GE01 and IEA01 counted.  The path of each file written is\n"
    "printed on standard output.  FILE may be '-' for standard input (the\n"
    "default when no FILE is given) and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --claims=N        837P/837I: N claims (2300 loops) per output; each piece\n"
    "                    repeats the header and the HL parents of its claims\n"
    "                    (billing provider, subscriber, patient), HL renumbered.\n"
    "                    Other transactions (835, 999, ...) are split per set.\n"
    "  -o, --output-dir=DIR  where to write (default '.'; created if missing)\n"
    "  --prefix=PREFIX   file name prefix (default 'split')\n"
    "  --gzip            write PREFIX-NNNNNN.x12.gz, gzip-compressed\n"
    "  --force           replace pieces of an earlier run (never a symbolic link)\n"
    "  --no-sync         do not fsync each piece before naming it (faster when\n"
    "                    there are many; a system crash may then leave a piece\n"
    "                    incomplete)\n"
    "  --no-progress     no progress line on a terminal\n"
    "  -h, --help        show this help\n"
    "\n"
    "Each piece is written to a temporary file in DIR and renamed when complete,\n"
    "so a failed write (a full disk) leaves no partial piece.  When DIR already\n"
    "holds files named like this run's pieces, nothing is written unless --force.\n"
    "A piece that would lack a segment of its set (one the reader could not\n"
    "read, over a limit, or whose id no interchange can carry) is not written:\n"
    "an error names it and the exit status is 1.\n"
    "\n"
    "Exit status: 0 ok, 1 the input has errors (the other pieces are still\n"
    "written), 2 usage or I/O error (the pieces written before it are listed on\n"
    "stdout).\n";

/* One segment kept for repeating: its raw text, without terminator. */
typedef struct kept_seg {
    char *text;
    size_t len;
} kept_seg;

typedef struct seg_list {
    kept_seg *items;
    size_t count, cap;
    size_t bytes;
} seg_list;

/* An HL parent on the current chain: its segments (the HL first), its HL01
 * as read, and the number it has in the current output (0: not written). */
typedef struct hl_block {
    char *orig_id;
    seg_list segs;
    uint64_t new_id;
} hl_block;

/* Parent data kept per transaction is tiny in any real 837 (a header of a
 * handful of segments, a few segments per HL); this only stops a hostile
 * input from growing it without end. */
#define SPLIT_MAX_KEPT_BYTES ((size_t)64 << 20)

typedef struct split_run {
    /* options */
    uint64_t claims_per_file; /* 0: per transaction set */
    const char *dir, *prefix;
    /* "/" between dir and a file name, "" when dir ends with one ("-o
     * out/"): the paths printed are then out/split-000001.x12, not
     * out//split-000001.x12. */
    const char *sep;
    int gzip, force, no_sync;

    /* the current interchange and group, as read */
    seg_list isa, gs; /* at most one segment each */
    x12_delimiters delims;
    char line_break[9];
    char *isa13, *gs06;

    /* the current transaction set */
    int in_set, by_claims, state; /* state: HEADER, BLOCK or CLAIM */
    char *st02;
    seg_list header; /* ST up to the first HL */
    hl_block *stack;
    size_t depth, stack_cap;
    size_t stack_bytes; /* segment bytes held by the chain, kept as a running
                         * total: summing the chain per segment was quadratic
                         * in HL depth */
    int too_big;

    /* the current output */
    x12_writer *w;
    outfile out; /* the piece's temporary, renamed when complete */
    int out_open;
    gzFile gz;
    char *path;
    uint64_t set_segments; /* ST..now, in the output */
    uint64_t claims;       /* claims in the output */
    uint64_t next_hl;      /* HL01 of the next HL written */
    uint64_t files;        /* outputs started so far (the current one's number) */
    uint64_t written;      /* outputs complete under their names: 1..written */
    int failed;            /* an output could not be written: stop */

    /* Segments of the set that cannot be written (skipped by the reader,
     * or an id no interchange carries): the piece holding them would look
     * whole without them, so it is removed instead.  lost: input segment
     * number of the first one in the current piece (0: none); kept_lost:
     * the same for the header and HL parents every later piece of the set
     * repeats.  last_segno: the last segment number read (a gap is a
     * segment the reader skipped). */
    uint64_t lost, kept_lost, last_segno;
} split_run;

enum { S_HEADER, S_BLOCK, S_CLAIM };

/* ---- kept segments ---------------------------------------------------- */

static void list_add(seg_list *l, x12_str raw)
{
    kept_seg *k = vec_push((void **)&l->items, &l->count, &l->cap, sizeof *k);

    k->text = xstrdup_view(raw);
    k->len = raw.len;
    l->bytes += raw.len;
}

static void list_clear(seg_list *l)
{
    size_t i;

    for (i = 0; i < l->count; i++)
        free(l->items[i].text);
    l->count = 0;
    l->bytes = 0;
}

static void list_free(seg_list *l)
{
    list_clear(l);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void stack_pop(split_run *r)
{
    hl_block *b = &r->stack[--r->depth];

    r->stack_bytes -= b->segs.bytes;
    free(b->orig_id);
    list_free(&b->segs);
}

/* Adds a segment to the HL block on top of the chain. */
static void block_add(split_run *r, x12_str raw)
{
    list_add(&r->stack[r->depth - 1].segs, raw);
    r->stack_bytes += raw.len;
}

static size_t kept_bytes(const split_run *r)
{
    return r->header.bytes + r->stack_bytes;
}

/* ---- output ----------------------------------------------------------- */

static int gz_out(void *user, const char *data, size_t len)
{
    while (len > 0) {
        unsigned chunk = len > (1u << 30) ? (1u << 30) : (unsigned)len;
        int n = gzwrite((gzFile)user, data, chunk);

        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reports a writer failure once and marks the run failed. */
static void write_failed(split_run *r)
{
    int err = errno;
    const x12_error *e = r->w != NULL ? x12_writer_last_error(r->w) : NULL;

    if (!r->failed) {
        fprintf(stderr, "%s: split: %s: ", progname, r->path != NULL ? r->path : "output");
        if (e == NULL)
            fprintf(stderr, "%s", strerror(err));
        else if (strcmp(x12_error_rule(e), "output") == 0 && err != 0)
            fprintf(stderr, "%s (%s)", x12_error_message(e), strerror(err));
        else
            fprintf(stderr, "%s", x12_error_message(e));
        fputs("; not written\n", stderr);
    }
    r->failed = 1;
}

static void wcheck(split_run *r, x12_status st)
{
    if (st != X12_OK)
        write_failed(r);
}

/* Adds one element of a raw segment: repetitions and components split out
 * so the writer can check them, giving the same bytes back. */
static void add_element(split_run *r, const char *p, size_t n)
{
    char rep = r->delims.repetition, comp = r->delims.component;
    size_t i = 0, start = 0;
    int first_part = 1, new_rep = 0;

    for (i = 0; i <= n; i++) {
        int end = i == n;
        char c = end ? '\0' : p[i];

        if (!end && c != comp && !(rep != '\0' && c == rep))
            continue;
        if (first_part)
            wcheck(r, x12_writer_add(r->w, p + start, i - start));
        else if (new_rep)
            wcheck(r, x12_writer_add_repetition(r->w, p + start, i - start));
        else
            wcheck(r, x12_writer_add_component(r->w, p + start, i - start));
        first_part = 0;
        new_rep = !end && c == rep && rep != '\0';
        start = i + 1;
    }
}

/*
 * Writes a raw segment (id to last element) through the writer.  hl01/hl02,
 * when not NULL, replace elements 1 and 2 (an HL renumbered).  The ISA's
 * elements are written whole: ISA11 and ISA16 hold delimiters.
 */
static void emit(split_run *r, const char *raw, size_t len, const char *hl01, const char *hl02)
{
    const char *p = raw, *end = raw + len, *sep;
    char id[4];
    size_t idlen, el = 0;
    int is_isa;

    if (r->failed)
        return;
    sep = memchr(p, r->delims.element, len);
    idlen = sep != NULL ? (size_t)(sep - p) : len;
    if (idlen == 0 || idlen > 3) {
        errno = 0;
        fprintf(stderr, "%s: split: %s: a segment id of %zu characters cannot be written\n",
                progname, r->path, idlen);
        r->failed = 1;
        return;
    }
    memcpy(id, p, idlen);
    id[idlen] = '\0';
    is_isa = strcmp(id, "ISA") == 0;
    if (x12_writer_begin(r->w, id) != X12_OK) {
        write_failed(r);
        return;
    }
    p += idlen;
    while (p < end) {
        const char *q;
        size_t n;

        p++; /* the element separator */
        q = memchr(p, r->delims.element, (size_t)(end - p));
        n = q != NULL ? (size_t)(q - p) : (size_t)(end - p);
        el++;
        if (el == 1 && hl01 != NULL)
            wcheck(r, x12_writer_add(r->w, hl01, X12_NTS));
        else if (el == 2 && hl02 != NULL)
            wcheck(r, x12_writer_add(r->w, hl02, X12_NTS));
        else if (is_isa)
            wcheck(r, x12_writer_add(r->w, p, n));
        else
            add_element(r, p, n);
        p += n;
    }
    if (x12_writer_end(r->w) != X12_OK)
        write_failed(r);
}

static void emit_kept(split_run *r, const kept_seg *k)
{
    emit(r, k->text, k->len, NULL, NULL);
}

/* A segment inside the set, counted for SE01. */
static void emit_in_set(split_run *r, const char *raw, size_t len, const char *hl01,
                        const char *hl02)
{
    emit(r, raw, len, hl01, hl02);
    r->set_segments++;
}

/* Writes an HL block with its number in this output and its parent's. */
static void emit_block(split_run *r, size_t i)
{
    hl_block *b = &r->stack[i];
    char id[24], parent[24];
    size_t k;

    b->new_id = r->next_hl++;
    snprintf(id, sizeof id, "%" PRIu64, b->new_id);
    if (i > 0)
        snprintf(parent, sizeof parent, "%" PRIu64, r->stack[i - 1].new_id);
    else
        parent[0] = '\0';
    emit_in_set(r, b->segs.items[0].text, b->segs.items[0].len, id, parent);
    for (k = 1; k < b->segs.count; k++)
        emit_in_set(r, b->segs.items[k].text, b->segs.items[k].len, NULL, NULL);
}

/* Opens the next output file and writes ISA and GS. */
static void open_output(split_run *r)
{
    size_t n;
    x12_status st;

    if (r->failed)
        return;
    r->files++;
    n = strlen(r->dir) + strlen(r->prefix) + 32;
    free(r->path);
    r->path = xmalloc(n);
    snprintf(r->path, n, "%s%s%s-%06" PRIu64 ".x12%s", r->dir, r->sep, r->prefix, r->files,
             r->gzip ? ".gz" : "");
    if (x12_writer_new(NULL, &r->w) != X12_OK) {
        fprintf(stderr, "%s: split: out of memory\n", progname);
        r->failed = 1;
        return;
    }
    if (outfile_open(&r->out, "split", r->path, r->force) != 0) {
        r->failed = 1; /* reported */
        return;
    }
    r->out_open = 1;
    r->out.no_sync = r->no_sync;
    errno = 0;
    if (r->gzip) {
        /* zlib writes through its own descriptor; outfile_commit syncs
         * and closes the temporary after gzclose. */
        int fd = dup(fileno(r->out.fp));

        r->gz = fd >= 0 ? gzdopen(fd, "wb") : NULL;
        if (r->gz == NULL && fd >= 0)
            close(fd);
        st = r->gz != NULL ? x12_writer_to_callback(r->w, gz_out, r->gz) : X12_EIO;
    } else {
        st = x12_writer_to_file(r->w, r->out.fp);
    }
    if (st != X12_OK) {
        fprintf(stderr, "%s: split: %s: %s; not written\n", progname, r->path,
                errno != 0 ? strerror(errno) : "cannot open");
        r->failed = 1;
        return;
    }
    if (x12_writer_set_option(r->w, X12_WOPT_VERBATIM, 1) != X12_OK ||
        x12_writer_set_delimiters(r->w, r->delims.element, r->delims.component,
                                  r->delims.repetition, r->delims.segment) != X12_OK ||
        x12_writer_set_line_break(r->w, r->line_break) != X12_OK) {
        write_failed(r);
        return;
    }
    r->set_segments = 0;
    r->claims = 0;
    r->next_hl = 1;
    emit_kept(r, &r->isa.items[0]);
    if (r->gs.count > 0)
        emit_kept(r, &r->gs.items[0]);
}

/* Writes SE, GE and IEA with their counts and closes the output: renamed
 * to its name when complete, removed when anything failed. */
static void close_output(split_run *r)
{
    if (r->w == NULL)
        return;
    if (!r->failed) {
        r->set_segments++; /* the SE itself */
        wcheck(r, x12_writer_begin(r->w, "SE"));
        wcheck(r, x12_writer_add_uint(r->w, r->set_segments));
        wcheck(r, x12_writer_add(r->w, r->st02 != NULL ? r->st02 : "", X12_NTS));
        wcheck(r, x12_writer_end(r->w));
        if (r->gs.count > 0) {
            wcheck(r, x12_writer_begin(r->w, "GE"));
            wcheck(r, x12_writer_add_uint(r->w, 1));
            wcheck(r, x12_writer_add(r->w, r->gs06 != NULL ? r->gs06 : "", X12_NTS));
            wcheck(r, x12_writer_end(r->w));
        }
        wcheck(r, x12_writer_begin(r->w, "IEA"));
        wcheck(r, x12_writer_add_uint(r->w, r->gs.count > 0 ? 1 : 0));
        wcheck(r, x12_writer_add(r->w, r->isa13 != NULL ? r->isa13 : "", X12_NTS));
        wcheck(r, x12_writer_end(r->w));
        wcheck(r, x12_writer_finish(r->w));
    }
    x12_writer_free(r->w);
    r->w = NULL;
    if (r->gz != NULL) {
        int zr;

        errno = 0;
        zr = gzclose(r->gz);
        r->gz = NULL;
        if (zr != Z_OK && !r->failed) {
            fprintf(stderr, "%s: split: %s: %s; not written\n", progname, r->path,
                    zr == Z_ERRNO && errno != 0 ? strerror(errno) : "gzip write error");
            r->failed = 1;
        }
    }
    if (!r->out_open) {
        r->lost = r->kept_lost;
        return;
    }
    r->out_open = 0;
    if (r->failed) {
        outfile_abort(&r->out);
    } else if (r->lost != 0) {
        outfile_abort(&r->out);
        fprintf(stderr,
                "%s: split: %s: not written: it would lack segment %" PRIu64
                " of the interchange, which could not be read or carried (reported above)\n",
                progname, r->path, r->lost);
    } else if (outfile_commit(&r->out, "split") != 0) {
        r->failed = 1;
    } else {
        r->written++;
        printf("%s\n", r->path);
    }
    r->lost = r->kept_lost;
}

/* Segment `segno` of the current set is lost to the output. */
static void lose(split_run *r, uint64_t segno)
{
    if (!r->in_set)
        return; /* outside a set: no piece holds it (the reader reported it) */
    if (r->lost == 0)
        r->lost = segno;
    if (r->by_claims && r->state != S_CLAIM && r->kept_lost == 0)
        r->kept_lost = segno;
}

/* Closes the current piece of a transaction and starts the next one with the
 * header and the chain of HL parents repeated. */
static void roll_over(split_run *r)
{
    size_t i;

    close_output(r);
    open_output(r);
    for (i = 0; i < r->header.count; i++)
        emit_in_set(r, r->header.items[i].text, r->header.items[i].len, NULL, NULL);
    for (i = 0; i < r->depth; i++)
        emit_block(r, i);
}

/* ---- reading ---------------------------------------------------------- */

static char *dup_elem(const x12_segment *seg, size_t i)
{
    return xstrdup_view(x12_segment_element(seg, i));
}

/* The line break the input uses after its terminator (kept in the output). */
static void learn_line_break(split_run *r, const x12_segment *seg)
{
    x12_str t = x12_segment_trailer(seg);
    size_t i, n = 0;

    r->line_break[0] = '\0';
    if (t.len > 0 && t.ptr[0] == r->delims.segment) {
        t.ptr++;
        t.len--;
    }
    for (i = 0; i < t.len && n < 8 && (t.ptr[i] == '\r' || t.ptr[i] == '\n'); i++)
        r->line_break[n++] = t.ptr[i];
    r->line_break[n] = '\0';
}

static void end_set(split_run *r)
{
    r->kept_lost = 0;
    close_output(r);
    r->lost = 0;
    while (r->depth > 0)
        stack_pop(r);
    list_clear(&r->header);
    free(r->st02);
    r->st02 = NULL;
    r->in_set = 0;
}

/* Reports a structural problem of the input at a segment (no values quoted:
 * they may identify a patient). */
static void input_problem(input *in, const x12_segment *seg, const char *msg)
{
    x12_str id = x12_segment_id(seg);

    fprintf(stderr, "%s:%" PRIu64 ":%.*s: %s (byte %" PRIu64 ")\n", in->name,
            x12_segment_number(seg), (int)id.len, id.ptr, msg, x12_segment_offset(seg));
    in->errors++;
    in->status = worst(in->status, EXIT_DATA);
}

/* An HL in an 837 being split by claims. */
static void on_hl(split_run *r, input *in, const x12_segment *seg)
{
    x12_str raw = x12_segment_raw(seg), parent = x12_segment_element(seg, 2);
    hl_block *b;
    char id[24], pid[24];

    while (r->depth > 0 && !view_is(parent, r->stack[r->depth - 1].orig_id))
        stack_pop(r);
    if (parent.len > 0 && r->depth == 0)
        input_problem(in, seg, "HL02 names no parent HL open here; written as a top level");
    if (r->claims >= r->claims_per_file)
        roll_over(r);
    b = vec_push((void **)&r->stack, &r->depth, &r->stack_cap, sizeof *b);
    b->orig_id = dup_elem(seg, 1);
    block_add(r, raw);
    b->new_id = r->next_hl++;
    snprintf(id, sizeof id, "%" PRIu64, b->new_id);
    if (r->depth > 1)
        snprintf(pid, sizeof pid, "%" PRIu64, r->stack[r->depth - 2].new_id);
    else
        pid[0] = '\0';
    emit_in_set(r, raw.ptr, raw.len, id, pid);
    r->state = S_BLOCK;
}

/* 2-3 upper-case letters or digits, as the writer (and every receiver)
 * wants. */
static int valid_id(x12_str id)
{
    size_t i;

    if (id.len < 2 || id.len > 3)
        return 0;
    for (i = 0; i < id.len; i++)
        if (!((id.ptr[i] >= 'A' && id.ptr[i] <= 'Z') || (id.ptr[i] >= '0' && id.ptr[i] <= '9')))
            return 0;
    return 1;
}

static void on_segment(split_run *r, input *in, const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg), raw = x12_segment_raw(seg);

    if (!valid_id(id)) {
        /* The reader reported it; no interchange can carry it. */
        lose(r, x12_segment_number(seg));
        return;
    }
    if (view_is(id, "ISA")) {
        if (r->in_set) {
            input_problem(in, seg, "ISA inside a transaction set; the set is closed here");
            end_set(r);
        }
        list_clear(&r->isa);
        list_clear(&r->gs);
        list_add(&r->isa, raw);
        r->delims = x12_segment_delimiters(seg);
        learn_line_break(r, seg);
        free(r->isa13);
        r->isa13 = dup_elem(seg, 13);
        return;
    }
    if (r->isa.count == 0)
        return; /* before any ISA: the reader reported it */
    if (view_is(id, "GS")) {
        if (r->in_set) {
            input_problem(in, seg, "GS inside a transaction set; the set is closed here");
            end_set(r);
        }
        list_clear(&r->gs);
        list_add(&r->gs, raw);
        free(r->gs06);
        r->gs06 = dup_elem(seg, 6);
        return;
    }
    if (view_is(id, "ST")) {
        if (r->in_set) {
            input_problem(in, seg, "ST before the SE of the previous set; that set is closed here");
            end_set(r);
        }
        r->in_set = 1;
        r->by_claims = r->claims_per_file > 0 && view_is(x12_segment_element(seg, 1), "837");
        r->state = S_HEADER;
        r->st02 = dup_elem(seg, 2);
        r->too_big = 0;
        open_output(r);
        emit_in_set(r, raw.ptr, raw.len, NULL, NULL);
        if (r->by_claims)
            list_add(&r->header, raw);
        return;
    }
    if (view_is(id, "SE")) {
        if (r->in_set)
            end_set(r);
        return;
    }
    if (view_is(id, "GE") || view_is(id, "IEA") || view_is(id, "TA1") || !r->in_set)
        return; /* trailers are rewritten; anything else outside a set was reported */
    if (!r->by_claims) {
        emit_in_set(r, raw.ptr, raw.len, NULL, NULL);
        return;
    }
    if (view_is(id, "HL")) {
        on_hl(r, in, seg);
    } else if (view_is(id, "CLM")) {
        if (r->claims >= r->claims_per_file)
            roll_over(r);
        r->claims++;
        r->state = S_CLAIM;
        emit_in_set(r, raw.ptr, raw.len, NULL, NULL);
    } else {
        if (r->state == S_HEADER)
            list_add(&r->header, raw);
        else if (r->state == S_BLOCK)
            block_add(r, raw);
        emit_in_set(r, raw.ptr, raw.len, NULL, NULL);
    }
    if (!r->too_big && kept_bytes(r) > SPLIT_MAX_KEPT_BYTES) {
        input_problem(in, seg, "the header and HL parents of this set exceed 64 MiB; "
                               "the rest of the set is written without claim splitting");
        r->too_big = 1;
        r->by_claims = 0;
    }
}

static void split_file(split_run *r, input *in)
{
    const x12_segment *seg;

    r->last_segno = 0;
    while (!r->failed && input_next(in, &seg)) {
        uint64_t n = x12_segment_number(seg);

        /* Segments the reader skipped keep their numbers: a gap. */
        if (r->last_segno != 0 && n > r->last_segno + 1 && !view_is(x12_segment_id(seg), "ISA"))
            lose(r, r->last_segno + 1);
        r->last_segno = n;
        on_segment(r, in, seg);
    }
    if (r->in_set) {
        /* Truncated input: the piece is closed with correct trailers; the
         * reader has reported the missing SE. */
        end_set(r);
    }
}

/* The piece number of `name` when it is named as this run names its pieces
 * (PREFIX-NNNNNN.x12, .x12.gz with --gzip; six digits or more), else 0. */
static uint64_t piece_number(const split_run *r, const char *name)
{
    size_t n = strlen(r->prefix), digits = 0;
    const char *p;
    uint64_t v = 0;

    if (strncmp(name, r->prefix, n) != 0 || name[n] != '-')
        return 0;
    for (p = name + n + 1; *p >= '0' && *p <= '9'; p++, digits++) {
        if (v > (UINT64_MAX - 9) / 10)
            return 0;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (digits < 6 || strcmp(p, r->gzip ? ".x12.gz" : ".x12") != 0)
        return 0;
    return v;
}

/*
 * Looks in the output directory for files named like this run's pieces.
 * Returns 0 when the run may go on: none there, or --force and all of them
 * plain files.  Otherwise EXIT_USAGE after saying why; nothing is written,
 * so a run never stops half-way over an old piece or a planted link.
 * *above counts the pieces numbered over `after` (0: count all).
 */
static int scan_pieces(const split_run *r, uint64_t after, uint64_t *above, int check)
{
    DIR *d = opendir(r->dir);
    struct dirent *de;
    uint64_t found = 0;
    char *first = NULL;
    int status = 0;

    *above = 0;
    if (d == NULL) {
        if (errno == ENOENT && !check)
            return 0;
        fprintf(stderr, "%s: split: %s: %s\n", progname, r->dir, strerror(errno));
        return EXIT_USAGE;
    }
    while ((de = readdir(d)) != NULL) {
        uint64_t num = piece_number(r, de->d_name);
        size_t len;
        char *path;

        if (num == 0)
            continue;
        found++;
        if (num > after)
            (*above)++;
        if (!check)
            continue;
        len = strlen(r->dir) + strlen(de->d_name) + 2;
        path = xmalloc(len);
        snprintf(path, len, "%s%s%s", r->dir, r->sep, de->d_name);
        /* A symbolic link or a directory is refused, --force or not. */
        if (outfile_check("split", path, 1) != 0) {
            free(path);
            status = EXIT_USAGE;
            break;
        }
        if (first == NULL)
            first = path;
        else
            free(path);
    }
    closedir(d);
    if (check && status == 0 && found > 0 && !r->force) {
        fprintf(stderr,
                "%s: split: %s already holds %" PRIu64 " file%s named like the pieces "
                "(%s-NNNNNN.x12%s, such as %s); nothing written: --force replaces them, or choose "
                "another -o or --prefix\n",
                progname, r->dir, found, found == 1 ? "" : "s", r->prefix, r->gzip ? ".gz" : "",
                first);
        status = EXIT_USAGE;
    }
    free(first);
    return status;
}

int cmd_split(int argc, char **argv);

int cmd_split(int argc, char **argv)
{
    static const optdef defs[] = {{"--claims", 1}, {"-o", 1},    {"--output-dir", 1},
                                  {"--prefix", 1}, {"--gzip", 0}, {"--force", 0},
                                  {"--no-sync", 0}, {NULL, 0}};
    args a = {"split", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i;
    int k, status = 0;
    split_run r;
    struct stat sb;
    uint64_t stale = 0; /* pieces already in the directory */

    memset(&r, 0, sizeof r);
    r.dir = ".";
    r.prefix = "split";
    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(split_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--claims") == 0) {
            if (parse_count(val, &r.claims_per_file) != 0 || r.claims_per_file == 0) {
                usage_error("split", "--claims needs a whole number of at least 1, got '%s'",
                            val);
                k = -2;
                break;
            }
        } else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output-dir") == 0) {
            r.dir = val;
        } else if (strcmp(opt, "--prefix") == 0) {
            if (val[0] == '\0' || strchr(val, '/') != NULL) {
                usage_error("split", "--prefix must be a non-empty file name without '/'");
                k = -2;
                break;
            }
            r.prefix = val;
        } else if (strcmp(opt, "--gzip") == 0) {
            r.gzip = 1;
        } else if (strcmp(opt, "--force") == 0) {
            r.force = 1;
        } else if (strcmp(opt, "--no-sync") == 0) {
            r.no_sync = 1;
        }
    }
    if (k == -2 || r.dir[0] == '\0') {
        if (k != -2)
            usage_error("split", "the output directory cannot be empty");
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    r.sep = r.dir[strlen(r.dir) - 1] == '/' ? "" : "/";
    if (stat(r.dir, &sb) != 0 && (errno != ENOENT || mkdir(r.dir, 0777) != 0)) {
        fprintf(stderr, "%s: split: %s: %s\n", progname, r.dir, strerror(errno));
        free(files);
        return EXIT_USAGE;
    }
    if (scan_pieces(&r, 0, &stale, 1) != 0) {
        free(files);
        return EXIT_USAGE;
    }
    for (i = 0; i < nfiles && !r.failed; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        split_file(&r, &in);
        input_close(&in);
        status = worst(status, in.status);
        list_clear(&r.isa);
        list_clear(&r.gs);
    }
    close_output(&r);
    if (r.failed) {
        /* Pieces are numbered in order and the first failure stops the run:
         * the ones written are 1..written, each complete. */
        status = EXIT_USAGE;
        if (r.written == 0)
            fprintf(stderr, "%s: split: stopped; no piece written\n", progname);
        else if (r.written == 1)
            fprintf(stderr,
                    "%s: split: stopped; 1 piece written before the failure, complete: "
                    "%s%s%s-%06d.x12%s\n",
                    progname, r.dir, r.sep, r.prefix, 1, r.gzip ? ".gz" : "");
        else
            fprintf(stderr,
                    "%s: split: stopped; %" PRIu64 " piece%s written before the failure, "
                    "each complete: %s%s%s-%06d.x12%s to %s%s%s-%06" PRIu64 ".x12%s (listed "
                    "on standard output)\n",
                    progname, r.written, r.written == 1 ? "" : "s", r.dir, r.sep, r.prefix, 1,
                    r.gzip ? ".gz" : "", r.dir, r.sep, r.prefix, r.written,
                    r.gzip ? ".gz" : "");
    }
    if (r.force && stale > 0 && scan_pieces(&r, r.written, &stale, 0) == 0 && stale > 0)
        fprintf(stderr,
                "%s: split: warning: %s still holds %" PRIu64 " older piece%s numbered after "
                "the %" PRIu64 " of this run\n",
                progname, r.dir, stale, stale == 1 ? "" : "s", r.written);
    list_free(&r.isa);
    list_free(&r.gs);
    list_free(&r.header);
    free(r.stack);
    free(r.isa13);
    free(r.gs06);
    free(r.st02);
    free(r.path);
    free(files);
    if (output_failed())
        return EXIT_USAGE;
    return status;
}
