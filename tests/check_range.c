/*
 * range: byte ranges cut at transaction sets (include/x12/range.h).
 *
 * The central check: reading every range a plan hands out, each with a
 * reader of its own, gives exactly the reading of the whole input -
 * segments, numbers, offsets, envelope values and counts, diagnostics -
 * for every range size, through every input mode (buffer, path, FILE*,
 * descriptor, a pipe that cannot seek, gzip, pushed chunks of 1, 7 and 4096
 * bytes).  The inputs are hostile on purpose (see hostile()): a second and
 * a third interchange with other delimiters and CR LF terminators, data
 * that looks like "~ST*835*" segments, a set with no SE, envelope counts
 * that are wrong across ranges; and ERAs from bench/x12gen835.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <x12/x12.h>

#include "testutil.h"

/* ---- building inputs ---------------------------------------------------------- */

typedef struct gen {
    tbuf b;
    char e, c, r;           /* element, component, repetition separators */
    const char *t;          /* written after each segment: terminator and line break */
    int setsegs;
} gen;

/* A segment: id, then elements until NULL. */
static void put(gen *g, const char *id, ...)
{
    va_list ap;
    const char *v;

    tbuf_str(&g->b, id);
    va_start(ap, id);
    while ((v = va_arg(ap, const char *)) != NULL) {
        tbuf_add(&g->b, &g->e, 1);
        tbuf_str(&g->b, v);
    }
    va_end(ap);
    tbuf_str(&g->b, g->t);
    g->setsegs++;
}

static void isa(gen *g, const char *ctl)
{
    char rep[2] = {g->r, 0}, comp[2] = {g->c, 0};

    put(g, "ISA", "00", "          ", "00", "          ", "ZZ", "PAYER01        ", "ZZ",
        "PROVIDER01     ", "251120", "0915", rep, "00501", ctl, "0", "P", comp, NULL);
}

static void st(gen *g, const char *ctl)
{
    g->setsegs = 0;
    put(g, "ST", "835", ctl, NULL);
}

static void se(gen *g, const char *ctl)
{
    char n[16];

    snprintf(n, sizeof n, "%d", g->setsegs + 1);
    put(g, "SE", n, ctl, NULL);
}

/* The body of a small 835 payment with one claim; `name` is the patient's
 * last name (where hostile data goes). */
static void payment(gen *g, const char *trace, const char *name)
{
    char svc[16];

    snprintf(svc, sizeof svc, "HC%c99213", g->c);
    put(g, "BPR", "I", "100", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", "20251120",
        NULL);
    put(g, "TRN", "1", trace, "1999999999", NULL);
    put(g, "N1", "PR", "EXAMPLE PAYER", NULL);
    put(g, "N1", "PE", "EXAMPLE CLINIC", "XX", "1234567893", NULL);
    put(g, "LX", "1", NULL);
    put(g, "CLP", "PCN1", "1", "150", "100", "20", "12", "CLAIMREF1", NULL);
    put(g, "CAS", "PR", "1", "20", NULL);
    put(g, "NM1", "QC", "1", name, "JANE", NULL);
    put(g, "SVC", svc, "150", "100", NULL);
    put(g, "DTM", "472", "20251101", NULL);
    put(g, "CAS", "CO", "45", "30", NULL);
}

/*
 * Three interchanges:
 *   A  * : ^ ~ and a line break; a byte-order mark before it; two sets.
 *   B  | > ^ and CR LF as terminator; a patient whose name is
 *      "~ST*835*9999~" (data: this interchange's delimiters are others), a
 *      REF whose value is "ST", an STC segment, a blank line; two sets.
 *   C  * : ^ ~ with nothing after the terminators; a set with no SE
 *      followed by another (whose ST may not start a range: a reader
 *      starting there would not see the first set left open), GE01 and
 *      IEA02 wrong (reported once, by the range that holds them).
 */
static char *hostile(size_t *len)
{
    gen g = {{0}, '*', ':', '^', "~\n", 0};

    tbuf_str(&g.b, "\xEF\xBB\xBF");
    isa(&g, "000000101");
    put(&g, "GS", "HP", "PAYER01", "PROVIDER01", "20251120", "0915", "101", "X", "005010X221A1",
        NULL);
    st(&g, "0001");
    payment(&g, "TRACE1", "DOE");
    se(&g, "0001");
    st(&g, "0002");
    payment(&g, "TRACE2", "ROE");
    se(&g, "0002");
    put(&g, "GE", "2", "101", NULL);
    put(&g, "IEA", "1", "000000101", NULL);

    g.e = '|';
    g.c = '>';
    g.t = "\r\n";
    isa(&g, "000000102");
    put(&g, "GS", "HP", "PAYER01", "PROVIDER01", "20251120", "0915", "102", "X", "005010X221A1",
        NULL);
    st(&g, "0003");
    payment(&g, "TRACE3", "\"~ST*835*9999~\"");
    put(&g, "REF", "EV", "ST", NULL);
    put(&g, "STC", "A1>20", NULL);
    se(&g, "0003");
    tbuf_str(&g.b, "\r\n");
    st(&g, "0004");
    payment(&g, "TRACE4", "ST*835*0005~SE*1*0005~");
    se(&g, "0004");
    put(&g, "GE", "2", "102", NULL);
    put(&g, "IEA", "1", "000000102", NULL);

    g.e = '*';
    g.c = ':';
    g.t = "~";
    isa(&g, "000000103");
    put(&g, "GS", "HP", "PAYER01", "PROVIDER01", "20251120", "0915", "103", "X", "005010X221A1",
        NULL);
    st(&g, "0005");
    payment(&g, "TRACE5", "POE");
    st(&g, "0006");
    payment(&g, "TRACE6", "LOE");
    se(&g, "0006");
    put(&g, "GE", "3", "103", NULL);
    put(&g, "IEA", "1", "000000999", NULL);
    *len = g.b.len;
    return g.b.p;
}

/* An ERA from bench/x12gen835 in the build tree (built for make check). */
static char *generated(const char *size, unsigned seed, const char *per_set, size_t *len)
{
    const char *bd = getenv("X12_BUILDDIR");
    char prog[4096], tmpl[] = "/tmp/x12range.XXXXXX", cmd[8400], *data;
    int fd;

    ck_assert_msg(bd != NULL, "X12_BUILDDIR is not set");
    snprintf(prog, sizeof prog, "%s/bench/x12gen835", bd);
    ck_assert_msg(access(prog, X_OK) == 0, "%s is not built", prog);
    fd = mkstemp(tmpl);
    ck_assert_int_ge(fd, 0);
    close(fd);
    snprintf(cmd, sizeof cmd, "'%s' --size %s --seed %u --claims-per-set %s -o '%s' 2>/dev/null",
             prog, size, seed, per_set, tmpl);
    ck_assert_int_eq(system(cmd), 0);
    data = slurp(tmpl, len);
    ck_assert_ptr_nonnull(data);
    unlink(tmpl);
    return data;
}

static char *temp_file(const char *data, size_t len, char *path, size_t size)
{
    int fd;

    snprintf(path, size, "/tmp/x12range.XXXXXX");
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

/* gzip of the data, as a file (gzip's own framing, one member). */
static void gzip_file(const char *data, size_t len, char *path, size_t size)
{
    gzFile z;
    int fd;

    snprintf(path, size, "/tmp/x12range.XXXXXX");
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    z = gzopen(path, "wb");
    ck_assert_ptr_nonnull(z);
    ck_assert_int_eq(gzwrite(z, data, (unsigned)len), (int)len);
    ck_assert_int_eq(gzclose(z), Z_OK);
}

/* ---- what a reading gives ---------------------------------------------------------- */

static void sig_envelope(tbuf *s, const x12_reader *r, const x12_segment *seg)
{
    static const x12_env_field fields[] = {X12_ENV_ISA06, X12_ENV_ISA13, X12_ENV_GS06,
                                           X12_ENV_GS08, X12_ENV_ST01, X12_ENV_ST02};
    const x12_envelope *env = x12_reader_envelope(r);
    x12_delimiters d = x12_segment_delimiters(seg);
    char line[256];
    size_t i;
    int k;

    for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        x12_str v = x12_envelope_get(env, fields[i]);

        tbuf_add(s, v.ptr, v.len);
        tbuf_str(s, ",");
    }
    snprintf(line, sizeof line, "[%d%d%d d=%02x%02x%02x%02x c=", x12_envelope_in_interchange(env),
             x12_envelope_in_group(env), x12_envelope_in_set(env), (unsigned char)d.element,
             (unsigned char)d.component, (unsigned char)d.repetition, (unsigned char)d.segment);
    tbuf_str(s, line);
    for (k = X12_COUNT_INTERCHANGES; k <= X12_COUNT_TOTAL_SEGMENTS; k++) {
        snprintf(line, sizeof line, "%llu,",
                 (unsigned long long)x12_envelope_count(env, (x12_env_count)k));
        tbuf_str(s, line);
    }
    tbuf_str(s, "]\n");
}

/* Drains a reader: every segment (with drain_reader's signature plus the
 * envelope after it) and every diagnostic.  Returns the final status. */
static x12_status drain(x12_reader *r, tbuf *s)
{
    for (;;) {
        tbuf one = {0};
        const x12_segment *seg;
        x12_status st;
        size_t i;

        st = x12_reader_next(r, &seg);
        for (i = 0; i < x12_reader_error_count(r); i++)
            sig_error(s, x12_reader_error_at(r, i));
        if (st == X12_OK) {
            x12_str raw = x12_segment_raw(seg), tr = x12_segment_trailer(seg),
                    ld = x12_segment_leading(seg);
            char line[128];

            tbuf_add(s, ld.ptr, ld.len);
            tbuf_add(s, raw.ptr, raw.len);
            snprintf(line, sizeof line, "|n=%llu|o=%llu|p=%llu|e=%zu|",
                     (unsigned long long)x12_segment_number(seg),
                     (unsigned long long)x12_segment_offset(seg),
                     (unsigned long long)x12_segment_set_position(seg), x12_segment_count(seg));
            tbuf_str(s, line);
            tbuf_add(s, tr.ptr, tr.len);
            sig_envelope(s, r, seg);
            tbuf_free(&one);
            continue;
        }
        if (st == X12_AGAIN || st == X12_END)
            return st;
        sig_error(s, x12_reader_last_error(r));
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            return st;
    }
}

enum mode { M_BUFFER, M_PATH, M_FILE, M_FD, M_PIPE, M_PUSH1, M_PUSH7, M_PUSH4096, M_NMODES };
static const char *const mode_names[M_NMODES] = {"buffer", "path", "FILE*", "fd",
                                                 "pipe", "push 1", "push 7", "push 4096"};

/* Reads one range (NULL: the whole input) in one mode.  `path` is the
 * input as a file (gzip or not), `data` the decoded bytes. */
static void read_range(const x12_range *rg, enum mode m, const char *data, size_t len,
                       const char *path, tbuf *s)
{
    x12_reader *r;
    x12_status st;
    FILE *fp = NULL;
    int fd = -1;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    /* A small read chunk: the window refills and moves often. */
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, 256), X12_OK);
    if (rg != NULL)
        ck_assert_int_eq(x12_reader_set_range(r, rg), X12_OK);
    switch (m) {
    case M_BUFFER: ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK); break;
    case M_PATH: ck_assert_int_eq(x12_reader_open_path(r, path), X12_OK); break;
    case M_FILE:
        fp = fopen(path, "rb");
        ck_assert_ptr_nonnull(fp);
        ck_assert_int_eq(x12_reader_open_file(r, fp), X12_OK);
        break;
    case M_FD:
        fd = open(path, O_RDONLY);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(x12_reader_open_fd(r, fd), X12_OK);
        break;
    case M_PIPE: {
        char cmd[4200];

        /* A pipe cannot seek: the bytes before the range are read and
         * dropped. */
        snprintf(cmd, sizeof cmd, "cat '%s'", path);
        fp = popen(cmd, "r");
        ck_assert_ptr_nonnull(fp);
        ck_assert_int_eq(x12_reader_open_file(r, fp), X12_OK);
        break;
    }
    default: {
        size_t chunk = m == M_PUSH1 ? 1 : m == M_PUSH7 ? 7 : 4096, off = 0;
        const char *raw;
        size_t rawlen;
        char *file = slurp(path, &rawlen);

        /* The file's bytes (gzip or not) from the first, in chunks. */
        ck_assert_ptr_nonnull(file);
        raw = file;
        st = X12_AGAIN;
        while (st == X12_AGAIN && off <= rawlen) {
            size_t n = rawlen - off < chunk ? rawlen - off : chunk;

            ck_assert_int_eq(x12_reader_feed(r, raw + off, n, off + n == rawlen), X12_OK);
            off += n;
            st = drain(r, s);
            if (n == 0)
                break;
        }
        ck_assert_int_ne(st, X12_AGAIN);
        free(file);
        x12_reader_free(r);
        return;
    }
    }
    st = drain(r, s);
    ck_assert_int_ne(st, X12_AGAIN);
    x12_reader_free(r);
    if (m == M_PIPE)
        pclose(fp);
    else if (fp != NULL)
        fclose(fp);
    if (fd >= 0)
        close(fd);
}

/* ---- plans -------------------------------------------------------------------------- */

typedef struct saved {
    x12_range r;
    char *isa, *gs;
    uint64_t info[5];
} saved;

typedef struct plan_out {
    saved *v;
    size_t n;
} plan_out;

static void plan_free(plan_out *p)
{
    size_t i;

    for (i = 0; i < p->n; i++) {
        free(p->v[i].isa);
        free(p->v[i].gs);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

static char *dup_bytes(const char *p, size_t n)
{
    char *q;

    if (p == NULL)
        return NULL;
    q = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(q);
    memcpy(q, p, n);
    return q;
}

/* Every range of a plan over the input (a path, or pushed bytes when
 * push_chunk is not 0), copied. */
static plan_out make_plan(const char *path, uint64_t bytes, size_t push_chunk)
{
    x12_range_plan *p;
    const x12_range *rg;
    plan_out out = {0};
    x12_status st;
    char *raw = NULL;
    size_t rawlen = 0, off = 0;

    ck_assert_int_eq(x12_range_plan_new(NULL, NULL, &p), X12_OK);
    ck_assert_int_eq(x12_range_plan_set_option(p, X12_RPLANOPT_BYTES, bytes), X12_OK);
    ck_assert_int_eq(x12_range_plan_count(p, "835", "CLP"), X12_OK);
    if (push_chunk == 0) {
        ck_assert_int_eq(x12_reader_open_path(x12_range_plan_reader(p), path), X12_OK);
    } else {
        raw = slurp(path, &rawlen);
        ck_assert_ptr_nonnull(raw);
        off = rawlen < push_chunk ? rawlen : push_chunk;
        ck_assert_int_eq(x12_reader_feed(x12_range_plan_reader(p), raw, off, off == rawlen),
                         X12_OK);
    }
    for (;;) {
        st = x12_range_plan_next(p, &rg);
        if (st == X12_AGAIN) {
            size_t n = rawlen - off < push_chunk ? rawlen - off : push_chunk;

            ck_assert_uint_le(off, rawlen);
            ck_assert_int_eq(x12_reader_feed(x12_range_plan_reader(p), raw + off, n,
                                             off + n == rawlen),
                             X12_OK);
            off += n;
            continue;
        }
        if (st != X12_OK)
            break;
        out.v = realloc(out.v, (out.n + 1) * sizeof *out.v);
        ck_assert_ptr_nonnull(out.v);
        out.v[out.n].r = *rg;
        out.v[out.n].isa = dup_bytes(rg->isa, rg->isa_len);
        out.v[out.n].gs = dup_bytes(rg->gs, rg->gs_len);
        out.v[out.n].r.isa = out.v[out.n].isa;
        out.v[out.n].r.gs = out.v[out.n].gs;
        for (int k = 1; k <= 4; k++)
            out.v[out.n].info[k] = x12_range_plan_get(p, (x12_range_plan_info)k);
        out.n++;
    }
    ck_assert_msg(st == X12_END, "plan: %s", x12_strerror(st));
    ck_assert_int_eq(x12_range_plan_next(p, &rg), X12_END);
    ck_assert_ptr_null(rg);
    x12_range_plan_free(p);
    free(raw);
    return out;
}

/* What a plain reading of the whole input counts: ST segments, 835 sets,
 * CLP segments inside them, and the offsets of the STs that may start a
 * range (those that do not follow a set left open). */
typedef struct census {
    uint64_t sets, sets835, clps, segments;
    uint64_t cuts[64];
    size_t ncuts;
} census;

static census count_whole(const char *data, size_t len)
{
    census c;
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    int in_set = 0, is835 = 0;

    memset(&c, 0, sizeof c);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        x12_str id;

        if (st != X12_OK)
            continue;
        id = x12_segment_id(seg);
        c.segments++;
        if (id.len == 2 && memcmp(id.ptr, "ST", 2) == 0) {
            x12_str v = x12_segment_element(seg, 1);

            if (!in_set && c.ncuts < 64)
                c.cuts[c.ncuts++] = x12_segment_offset(seg);
            in_set = 1;
            is835 = v.len == 3 && memcmp(v.ptr, "835", 3) == 0;
            c.sets++;
            c.sets835 += (uint64_t)is835;
        } else if ((id.len == 2 && (memcmp(id.ptr, "SE", 2) == 0 || memcmp(id.ptr, "GE", 2) == 0)) ||
                   (id.len == 3 && (memcmp(id.ptr, "IEA", 3) == 0 || memcmp(id.ptr, "ISA", 3) == 0))) {
            in_set = 0;
        } else if (in_set && is835 && id.len == 3 && memcmp(id.ptr, "CLP", 3) == 0) {
            c.clps++;
        }
    }
    x12_reader_free(r);
    return c;
}

/* The plan's promises: the ranges tile the input, each after the first
 * starts at a set's ST, holds at least one set and (but the last) at least
 * `bytes` bytes; the last runs to the end; the counts add up. */
static void check_plan(const plan_out *p, const char *data, size_t len, uint64_t bytes)
{
    census c = count_whole(data, len);
    uint64_t sets = 0, sets835 = 0, clps = 0, segs = 0, at = 0;
    size_t i;

    ck_assert_uint_ge(p->n, 1);
    for (i = 0; i < p->n; i++) {
        const x12_range *r = &p->v[i].r;

        ck_assert_uint_eq(r->struct_size, sizeof *r);
        ck_assert_uint_eq(r->offset, at);
        ck_assert_uint_ge(p->v[i].info[X12_RPLAN_SETS], 1);
        if (i + 1 < p->n) {
            ck_assert_uint_ge(r->length, bytes);
            ck_assert_uint_lt(r->length, UINT64_MAX);
            at += r->length;
        } else {
            ck_assert(r->length == UINT64_MAX);
        }
        if (i > 0) {
            /* an ST of the interchange the range starts in */
            ck_assert_uint_ge(r->isa_len, 106);
            ck_assert(data[r->offset] == 'S' && data[r->offset + 1] == 'T' &&
                      data[r->offset + 2] == r->isa[3]);
            ck_assert_ptr_nonnull(r->gs);
            ck_assert(memcmp(r->gs, "GS", 2) == 0);
        } else {
            ck_assert_ptr_null(r->isa);
            ck_assert_ptr_null(r->gs);
        }
        sets += p->v[i].info[X12_RPLAN_SETS];
        sets835 += p->v[i].info[X12_RPLAN_COUNTED_SETS];
        clps += p->v[i].info[X12_RPLAN_COUNTED_SEGMENTS];
        segs += p->v[i].info[X12_RPLAN_SEGMENTS];
    }
    ck_assert_uint_lt(at, len);
    ck_assert_uint_eq(sets, c.sets);
    ck_assert_uint_eq(sets835, c.sets835);
    ck_assert_uint_eq(clps, c.clps);
    ck_assert_uint_eq(segs, c.segments);
}

/* Two readings are the same text; else the first difference, shown. */
static void same_text(const tbuf *got, const tbuf *want, const char *what)
{
    const char *x = got->p ? got->p : "", *y = want->p ? want->p : "";
    size_t k = 0, line = 1;

    if (got->len == want->len && memcmp(x, y, got->len) == 0)
        return;
    while (k < got->len && k < want->len && x[k] == y[k]) {
        if (x[k] == '\n')
            line++;
        k++;
    }
    ck_abort_msg("%s: differs at line %zu:\n  %.200s\nvs the whole input's\n  %.200s", what, line,
                 x + k - (k > 80 ? 80 : k), y + k - (k > 80 ? 80 : k));
}

/* Reading the ranges of a plan, one after the other, gives the reading of
 * the whole input, in every mode. */
static void check_ranges_equal_whole(const char *data, size_t len, const plan_out *p,
                                     const char *path, const char *gzpath, int all_modes)
{
    tbuf whole = {0};
    int m;

    read_range(NULL, M_BUFFER, data, len, path, &whole);
    for (m = 0; m < M_NMODES; m++) {
        int gz;

        if (!all_modes && m != M_BUFFER && m != M_PATH && m != M_PUSH4096)
            continue;
        for (gz = 0; gz <= (gzpath != NULL && m != M_BUFFER); gz++) {
            tbuf got = {0};
            size_t i;

            for (i = 0; i < p->n; i++)
                read_range(&p->v[i].r, (enum mode)m, data, len, gz ? gzpath : path, &got);
            {
                char what[128];

                snprintf(what, sizeof what, "%zu ranges read by %s%s", p->n, mode_names[m],
                         gz ? " (gzip)" : "");
                same_text(&got, &whole, what);
            }
            tbuf_free(&got);
        }
    }
    tbuf_free(&whole);
}

/* ---- tests ---------------------------------------------------------------------------- */

/* The hostile input's cuts are exactly its five sets that may start a
 * range: never inside the data that looks like a segment, never at the ST
 * after the set with no SE; a range that starts in interchange B carries
 * B's ISA (| as element separator) and GS. */
START_TEST(test_hostile_cuts)
{
    size_t len;
    char *data = hostile(&len), path[64];
    plan_out p;
    const char *want[] = {NULL, "ST*835*0002~", "ST|835|0003\r", "ST|835|0004\r",
                          "ST*835*0005~BPR"};
    size_t i;

    temp_file(data, len, path, sizeof path);
    p = make_plan(path, 0, 0);
    ck_assert_uint_eq(p.n, 5);
    for (i = 1; i < 5; i++) {
        const char *at = strstr(data, want[i]);

        ck_assert_ptr_nonnull(at);
        ck_assert_uint_eq(p.v[i].r.offset, (uint64_t)(at - data));
    }
    /* the data that looks like segments in interchange B starts no range
     * (and the plan did not stop at the first "ST*835*0005~", which is
     * such data) */
    for (i = 0; i < 5; i++) {
        ck_assert_uint_ne(p.v[i].r.offset, (uint64_t)(strstr(data, "~ST*835*9999~") + 1 - data));
        ck_assert_uint_ne(p.v[i].r.offset, (uint64_t)(strstr(data, "ST*835*0005~SE") - data));
    }
    ck_assert_int_eq(p.v[2].r.isa[3], '|');
    ck_assert_int_eq(p.v[2].r.isa[104], '>');
    ck_assert_uint_eq(p.v[2].r.segment_number, 3);
    ck_assert_uint_eq(p.v[3].r.segment_number, 3 + 15);
    ck_assert_uint_eq(p.v[3].r.sets, 1);
    ck_assert_uint_eq(p.v[3].r.total_sets, 3);
    ck_assert_uint_eq(p.v[3].r.interchanges, 2);
    ck_assert_uint_eq(p.v[4].info[X12_RPLAN_SETS], 2); /* 0005 and 0006 */
    check_plan(&p, data, len, 0);
    plan_free(&p);
    unlink(path);
    free(data);
}
END_TEST

START_TEST(test_hostile_equal_whole)
{
    static const uint64_t sizes[] = {0, 1, 500, 900, 5000, UINT64_MAX};
    size_t len, i;
    char *data = hostile(&len), path[64], gzpath[64];

    temp_file(data, len, path, sizeof path);
    gzip_file(data, len, gzpath, sizeof gzpath);
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        plan_out p = make_plan(path, sizes[i], 0), q = make_plan(gzpath, sizes[i], 0),
                 u = make_plan(path, sizes[i], 3);
        size_t k;

        check_plan(&p, data, len, sizes[i]);
        /* gzip and pushed input plan the same ranges (offsets of the
         * decoded bytes) */
        ck_assert_uint_eq(q.n, p.n);
        ck_assert_uint_eq(u.n, p.n);
        for (k = 0; k < p.n; k++) {
            ck_assert_uint_eq(q.v[k].r.offset, p.v[k].r.offset);
            ck_assert_uint_eq(u.v[k].r.offset, p.v[k].r.offset);
        }
        check_ranges_equal_whole(data, len, &p, path, gzpath, 1);
        plan_free(&p);
        plan_free(&q);
        plan_free(&u);
    }
    unlink(path);
    unlink(gzpath);
    free(data);
}
END_TEST

/* The whole reading of the hostile input has the envelope errors the
 * ranges must each give once: GE01 and IEA02 of interchange C, and the
 * set with no SE. */
START_TEST(test_hostile_errors_once)
{
    size_t len;
    char *data = hostile(&len), path[64];
    tbuf whole = {0}, got = {0};
    plan_out p;
    size_t i;

    temp_file(data, len, path, sizeof path);
    read_range(NULL, M_BUFFER, data, len, path, &whole);
    ck_assert_ptr_nonnull(strstr(whole.p, "ge01-count"));
    ck_assert_ptr_nonnull(strstr(whole.p, "iea02-control"));
    ck_assert_ptr_nonnull(strstr(whole.p, "ST before SE"));
    p = make_plan(path, 0, 0);
    for (i = 0; i < p.n; i++)
        read_range(&p.v[i].r, M_BUFFER, data, len, path, &got);
    same_text(&got, &whole, "the ranges");
    ck_assert_ptr_null(strstr(got.p, "end of the byte range"));
    plan_free(&p);
    tbuf_free(&whole);
    tbuf_free(&got);
    unlink(path);
    free(data);
}
END_TEST

START_TEST(test_generated_equal_whole)
{
    static const uint64_t sizes[] = {0, 20000, 100000, 1u << 30};
    size_t len, i;
    char *data = generated("300K", 5, "7", &len), path[64], gzpath[64];

    temp_file(data, len, path, sizeof path);
    gzip_file(data, len, gzpath, sizeof gzpath);
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        plan_out p = make_plan(path, sizes[i], 0);

        check_plan(&p, data, len, sizes[i]);
        if (sizes[i] == 1u << 30)
            ck_assert_uint_eq(p.n, 1);
        if (sizes[i] == 20000)
            ck_assert_uint_ge(p.n, 10);
        check_ranges_equal_whole(data, len, &p, path, gzpath, sizes[i] == 100000);
        plan_free(&p);
    }
    unlink(path);
    unlink(gzpath);
    free(data);
}
END_TEST

/* A range that ends inside a set says so, at the range's end; one that
 * ends inside a segment reports the segment cut short. */
START_TEST(test_range_ends_inside_set)
{
    size_t len;
    char *data = hostile(&len), path[64];
    plan_out p;
    x12_range rg;
    tbuf s = {0};
    const char *se = strstr(data, "SE*13*0002~");

    ck_assert_ptr_nonnull(se);
    temp_file(data, len, path, sizeof path);
    p = make_plan(path, 0, 0);
    rg = p.v[1].r; /* starts at ST*835*0002 */
    rg.length = (uint64_t)(se - data) - rg.offset;
    read_range(&rg, M_BUFFER, data, len, path, &s);
    ck_assert_ptr_nonnull(strstr(s.p, "end of the byte range: transaction set ST02 '0002' has no SE"));
    ck_assert_ptr_null(strstr(s.p, "has no GE"));
    ck_assert_ptr_null(strstr(s.p, "has no IEA"));
    tbuf_free(&s);
    rg.length += 4; /* "SE*1" */
    read_range(&rg, M_PUSH7, data, len, path, &s);
    ck_assert_ptr_nonnull(strstr(s.p, "unterminated"));
    tbuf_free(&s);
    /* a range that ends with the input makes the end-of-input checks */
    rg = p.v[4].r;
    ck_assert(rg.length == UINT64_MAX);
    rg.length = len - rg.offset - 6; /* IEA cut short */
    read_range(&rg, M_PATH, data, len, path, &s);
    ck_assert_ptr_nonnull(strstr(s.p, "unterminated"));
    ck_assert_ptr_null(strstr(s.p, "has no IEA"));
    tbuf_free(&s);
    plan_free(&p);
    unlink(path);
    free(data);
}
END_TEST

/* Ranges a caller makes: what x12_reader_set_range refuses. */
START_TEST(test_set_range_errors)
{
    size_t len;
    char *data = hostile(&len), path[64];
    plan_out p;
    x12_reader *r;
    x12_range rg;

    temp_file(data, len, path, sizeof path);
    p = make_plan(path, 0, 0);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_range(r, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_reader_set_range(NULL, &p.v[1].r), X12_EINVAL);
    rg = p.v[1].r;
    rg.struct_size = sizeof rg - 1;
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_EINVAL);
    rg.struct_size = 0;
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_EINVAL);
    rg = p.v[1].r;
    rg.isa = NULL;
    rg.isa_len = 0;
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_EINVAL); /* a GS without its ISA */
    rg = p.v[1].r;
    rg.isa_len -= 3; /* ISA cut short */
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_ESYNTAX);
    rg = p.v[1].r;
    rg.gs = "GE*1*1~";
    rg.gs_len = 7;
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_ESYNTAX);
    rg.gs = "GS*HP*A*B*20251120*0915*1*X*005010X221A1"; /* no terminator */
    rg.gs_len = strlen(rg.gs);
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_ESYNTAX);
    rg = p.v[2].r;
    rg.isa = p.v[1].r.isa; /* another interchange's ISA: the GS is not read with its delimiters */
    rg.isa_len = p.v[1].r.isa_len;
    ck_assert_int_eq(x12_reader_set_range(r, &rg), X12_ESYNTAX);
    ck_assert_int_eq(x12_reader_set_range(r, &p.v[2].r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_reader_set_range(r, &p.v[1].r), X12_ESTATE);
    {
        const x12_segment *seg;
        x12_delimiters d;

        ck_assert_int_eq(x12_reader_delimiters(r, &d), X12_OK);
        ck_assert_int_eq(d.element, '|');
        ck_assert_uint_eq(x12_reader_offset(r), p.v[2].r.offset);
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
        ck_assert_uint_eq(x12_segment_id(seg).len, 2);
        ck_assert_uint_eq(x12_segment_number(seg), 3);
        ck_assert_uint_eq(x12_segment_set_position(seg), 1);
        ck_assert_uint_eq(x12_segment_offset(seg), p.v[2].r.offset);
        ck_assert(x12_envelope_get(x12_reader_envelope(r), X12_ENV_ISA13).len == 9);
        ck_assert(memcmp(x12_envelope_get(x12_reader_envelope(r), X12_ENV_ISA13).ptr,
                         "000000102", 9) == 0);
        ck_assert(memcmp(x12_envelope_get(x12_reader_envelope(r), X12_ENV_GS08).ptr,
                         "005010X221A1", 12) == 0);
    }
    x12_reader_free(r);
    /* A caller built against a later, bigger x12_range passes its bigger
     * size: taken, and only the members this version knows are read. */
    {
        struct {
            x12_range v1;
            uint64_t later[4];
        } big;
        const x12_segment *seg;

        memset(&big, 0xA5, sizeof big);
        big.v1 = p.v[2].r;
        big.v1.struct_size = sizeof big;
        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_set_range(r, &big.v1), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
        ck_assert_uint_eq(x12_segment_number(seg), 3);
        ck_assert_uint_eq(x12_segment_offset(seg), p.v[2].r.offset);
        x12_reader_free(r);
    }
    /* the plan's own argument checks */
    {
        x12_range_plan *pl;
        const x12_range *out;

        ck_assert_int_eq(x12_range_plan_new(NULL, NULL, NULL), X12_EINVAL);
        ck_assert_int_eq(x12_range_plan_new(NULL, NULL, &pl), X12_OK);
        ck_assert_int_eq(x12_range_plan_count(pl, "", "CLP"), X12_EINVAL);
        ck_assert_int_eq(x12_range_plan_count(pl, "835", "CL*"), X12_EINVAL);
        ck_assert_int_eq(x12_range_plan_count(pl, "835", "CLPX"), X12_EINVAL);
        ck_assert_int_eq(x12_range_plan_count(pl, "835", NULL), X12_OK);
        ck_assert_int_eq(x12_range_plan_set_option(pl, (x12_range_plan_option)99, 1), X12_EINVAL);
        ck_assert_int_eq(x12_range_plan_next(pl, NULL), X12_EINVAL);
        /* no input opened: the reader's state error, kept */
        ck_assert_int_eq(x12_range_plan_next(pl, &out), X12_ESTATE);
        ck_assert_ptr_nonnull(x12_range_plan_last_error(pl));
        ck_assert_int_eq(x12_range_plan_set_option(pl, X12_RPLANOPT_BYTES, 1), X12_ESTATE);
        x12_range_plan_free(pl);
        x12_range_plan_free(NULL);
    }
    plan_free(&p);
    unlink(path);
    free(data);
}
END_TEST

/* A plan over input that is not X12 fails with the reader's error. */
START_TEST(test_plan_fatal)
{
    x12_range_plan *pl;
    const x12_range *out;
    static const char junk[] = "NOT AN INTERCHANGE AT ALL";

    ck_assert_int_eq(x12_range_plan_new(NULL, NULL, &pl), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_range_plan_reader(pl), junk, sizeof junk - 1),
                     X12_OK);
    ck_assert_int_eq(x12_range_plan_next(pl, &out), X12_ESYNTAX);
    ck_assert_str_eq(x12_error_rule(x12_range_plan_last_error(pl)), "no-isa");
    ck_assert_int_eq(x12_range_plan_next(pl, &out), X12_ESYNTAX);
    x12_range_plan_free(pl);
}
END_TEST

static Suite *range_suite(void)
{
    Suite *s = suite_create("range");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_hostile_cuts);
    tcase_add_test(tc, test_hostile_equal_whole);
    tcase_add_test(tc, test_hostile_errors_once);
    tcase_add_test(tc, test_generated_equal_whole);
    tcase_add_test(tc, test_range_ends_inside_set);
    tcase_add_test(tc, test_set_range_errors);
    tcase_add_test(tc, test_plan_fatal);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(range_suite)
