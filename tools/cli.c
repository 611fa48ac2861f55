/*
 * Shared pieces of the x12 command-line tool (see cli.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

const char *progname = "x12";

/* ---- small helpers ------------------------------------------------------- */

int worst(int a, int b)
{
    return a > b ? a : b;
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(EXIT_USAGE);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(EXIT_USAGE);
    }
    return p;
}

/* Copies a view into a new NUL-terminated string (freed with free). */
char *xstrdup_view(x12_str v)
{
    char *s = xmalloc(v.len + 1);

    memcpy(s, v.ptr, v.len);
    s[v.len] = '\0';
    return s;
}

/* Grows a vector of `elem`-byte items to hold one more; returns the new
 * item, zeroed. */
void *vec_push(void **items, size_t *count, size_t *cap, size_t elem)
{
    char *p;

    if (*count == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *items = xrealloc(*items, *cap * elem);
    }
    p = (char *)*items + *count * elem;
    (*count)++;
    memset(p, 0, elem);
    return p;
}

const char *dollars(char *buf, size_t size, int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

    snprintf(buf, size, "%s%" PRIu64 ".%02u", c < 0 ? "-" : "", m / 100u, (unsigned)(m % 100u));
    return buf;
}

int parse_count(const char *val, uint64_t *out)
{
    uint64_t v = 0;
    const char *p = val;

    if (val == NULL || *val == '\0')
        return -1;
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9' || v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10u)
            return -1;
        v = v * 10u + (uint64_t)(*p - '0');
    }
    *out = v;
    return 0;
}

int errata_mode(const char *verb, const char *val)
{
    if (strcmp(val, "accept") == 0)
        return X12_ERRATA_ACCEPT;
    if (strcmp(val, "reject") == 0)
        return X12_ERRATA_REJECT;
    usage_error(verb, "--errata takes accept or reject, not '%s'", val);
    return -1;
}

void usage_error(const char *verb, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", progname);
    if (verb != NULL)
        fprintf(stderr, "%s: ", verb);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s %s%s--help' for more information.\n", progname,
            verb != NULL ? verb : "", verb != NULL ? " " : "");
}

/* ---- the progress line ---------------------------------------------------- */

static struct progress {
    int decided, on, force, off_by_option;
    uint64_t ticks;
    uint64_t start_ms, last_ms;
    int drawn; /* a line is on the screen */
} prog;

static uint64_t now_ms(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void progress_decide(void)
{
    const char *env = getenv("X12_PROGRESS");

    prog.decided = 1;
    if (prog.off_by_option || (env != NULL && strcmp(env, "off") == 0))
        prog.on = 0;
    else if (env != NULL && strcmp(env, "force") == 0)
        prog.on = prog.force = 1;
    else
        prog.on = isatty(STDERR_FILENO);
}

/* "12.3" for bytes in MB (10^6), by integer arithmetic. */
static void mb_text(char *buf, size_t size, uint64_t bytes)
{
    uint64_t tenths = bytes / 100000u;

    snprintf(buf, size, "%llu.%llu", (unsigned long long)(tenths / 10),
             (unsigned long long)(tenths % 10));
}

static void progress_start(void)
{
    if (!prog.decided)
        progress_decide();
    prog.ticks = 0;
    prog.start_ms = prog.last_ms = now_ms();
}

void progress_clear(void)
{
    if (prog.drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        prog.drawn = 0;
    }
}

static void progress_draw(input *in, uint64_t t)
{
    uint64_t done = 0, elapsed = t - prog.start_ms, rate;
    off_t pos = in->fd >= 0 ? lseek(in->fd, 0, SEEK_CUR) : (off_t)-1;
    char a[32], b[32], r[32], eta[32] = "";

    if (pos >= 0 && in->size > 0)
        done = (uint64_t)pos;
    else
        done = x12_reader_offset(in->r);
    if (in->size > 0 && done > in->size)
        done = in->size;
    rate = elapsed > 0 ? done * 1000u / elapsed : 0;
    mb_text(a, sizeof a, done);
    mb_text(r, sizeof r, rate);
    fprintf(stderr, "\r\033[K%s: %s: %s", progname, in->name, a);
    if (in->size > 0) {
        mb_text(b, sizeof b, in->size);
        fprintf(stderr, " of %s MB (%llu%%)", b,
                (unsigned long long)(done * 100u / in->size));
        if (rate > 0) {
            uint64_t left = (in->size - done) / rate;

            snprintf(eta, sizeof eta, ", ETA %llu:%02llu", (unsigned long long)(left / 60),
                     (unsigned long long)(left % 60));
        }
    } else {
        fputs(" MB", stderr);
    }
    fprintf(stderr, ", %s MB/s%s", r, eta);
    fflush(stderr);
    prog.drawn = 1;
}

void progress_tick(input *in)
{
    uint64_t t;

    /* The clock is read once every 1024 segments: a few microseconds. */
    if (!prog.on || (++prog.ticks & 1023u) != (prog.force ? 1u : 0u))
        return;
    t = now_ms();
    if (!prog.force && t - prog.start_ms < 1000u)
        return;
    if (prog.drawn && t - prog.last_ms < 250u)
        return;
    prog.last_ms = t;
    progress_draw(in, t);
}

/* At the end of a file: with X12_PROGRESS=force the final state is drawn
 * once (so a test sees it), then the line is erased. */
static void progress_end(input *in)
{
    if (prog.on && prog.force && in->r != NULL)
        progress_draw(in, now_ms());
    progress_clear();
}

/* ---- reading inputs ------------------------------------------------------ */


void report_handler(void *in, const x12_error *e)
{
    report(in, e);
}

/* Prints one error record as FILE:SEGNO:SEGID[-ELEM]: [warning: ]message. */
void report(input *in, const x12_error *e)
{
    char small[512];
    char *buf = small;
    size_t n = x12_error_format(e, small, sizeof small);
    const char *sep;

    progress_clear();
    if (n >= sizeof small) {
        buf = xmalloc(n + 1);
        x12_error_format(e, buf, n + 1);
    }
    if (x12_error_severity(e) == X12_SEV_WARNING) {
        in->warnings++;
        /* x12_error_format gives "POSITION: message"; the position has no
         * ": " in it, so the first one separates the two. */
        sep = strstr(buf, ": ");
        if (sep != NULL)
            fprintf(stderr, "%s:%.*s: warning: %s\n", in->name, (int)(sep - buf), buf,
                    sep + 2);
        else
            fprintf(stderr, "%s:%s: warning\n", in->name, buf);
    } else {
        in->errors++;
        in->status = worst(in->status, EXIT_DATA);
        fprintf(stderr, "%s:%s\n", in->name, buf);
    }
    if (buf != small)
        free(buf);
}

static int same_error(const x12_error *a, const x12_error *b)
{
    return a == b ||
           (x12_error_segment_number(a) == x12_error_segment_number(b) &&
            x12_error_offset(a) == x12_error_offset(b) &&
            strcmp(x12_error_rule(a), x12_error_rule(b)) == 0 &&
            strcmp(x12_error_message(a), x12_error_message(b)) == 0);
}

/* Opens `arg` ("-" is standard input).  Returns 0, or EXIT_USAGE after
 * printing why the file cannot be read. */
int input_open(input *in, const char *arg)
{
    x12_status st;

    struct stat sb;

    memset(in, 0, sizeof *in);
    in->fd = -1;
    in->name = strcmp(arg, "-") == 0 ? "<stdin>" : arg;
    st = x12_reader_new(NULL, &in->r);
    if (st != X12_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
        return in->status = EXIT_USAGE;
    }
    errno = 0;
    if (strcmp(arg, "-") == 0) {
        in->fd = fileno(stdin);
        st = x12_reader_open_file(in->r, stdin);
    } else {
        /* Opened here, not by the reader, so that the progress line can ask
         * the descriptor how far it is (compressed bytes for .gz). */
        do {
            in->fd = open(arg, O_RDONLY | O_CLOEXEC);
        } while (in->fd < 0 && errno == EINTR);
        in->own_fd = in->fd >= 0;
        st = in->fd >= 0 ? x12_reader_open_fd(in->r, in->fd) : X12_EIO;
    }
    if (st != X12_OK) {
        int err = errno;

        fprintf(stderr, "%s: %s: %s\n", progname, in->name,
                st == X12_EIO && err != 0 ? strerror(err) : x12_strerror(st));
        x12_reader_free(in->r);
        in->r = NULL;
        if (in->own_fd)
            close(in->fd);
        in->fd = -1;
        in->own_fd = 0;
        return in->status = EXIT_USAGE;
    }
    if (in->fd >= 0 && fstat(in->fd, &sb) == 0 && S_ISREG(sb.st_mode))
        in->size = (uint64_t)sb.st_size;
    progress_start();
    return 0;
}

/*
 * Reads the next segment into *seg and reports every warning and error the
 * reader found on the way.  Returns 1 with a segment, 0 at the end of the
 * input or when the reader cannot go on (in->status says which).
 */
int input_next(input *in, const x12_segment **seg)
{
    progress_tick(in);
    for (;;) {
        x12_status st = x12_reader_next(in->r, seg);
        int err = errno;
        size_t i, n = x12_reader_error_count(in->r);
        const x12_error *e;
        int seen = 0;

        for (i = 0; i < n; i++)
            report(in, x12_reader_error_at(in->r, i));
        if (st == X12_OK)
            return 1;
        if (st == X12_END)
            return 0;
        e = x12_reader_last_error(in->r);
        /* The failing error may also be listed with the others: print it
         * once. */
        for (i = 0; e != NULL && i < n && !seen; i++)
            seen = same_error(e, x12_reader_error_at(in->r, i));
        progress_clear();
        if (st == X12_EIO) {
            fprintf(stderr, "%s: %s: read error: %s\n", progname, in->name,
                    err != 0 ? strerror(err) : x12_strerror(st));
            in->status = EXIT_USAGE;
            return 0;
        }
        if (st == X12_ENOMEM) {
            /* Not a finding about the input: the run could not go on. */
            fprintf(stderr, "%s: %s: out of memory\n", progname, in->name);
            in->status = EXIT_USAGE;
            return 0;
        }
        if (e == NULL) {
            fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
            in->errors++;
            in->status = worst(in->status, EXIT_DATA);
            return 0;
        }
        if (!seen)
            report(in, e);
        if (x12_error_severity(e) == X12_SEV_FATAL || st == X12_AGAIN)
            return 0;
    }
}

void input_close(input *in)
{
    progress_end(in);
    x12_reader_free(in->r);
    in->r = NULL;
    if (in->own_fd)
        close(in->fd);
    in->fd = -1;
    in->own_fd = 0;
}

/* Checks stdout after a file; a failed write (EPIPE, ENOSPC, ...) ends the
 * run with status 2.  The message is printed once, however often a verb
 * (and main after it) asks. */
int output_failed(void)
{
    static int reported;

    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    if (!reported)
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
    reported = 1;
    return 1;
}

/* ---- output files written safely (see cli.h) ------------------------------ */

int outfile_check(const char *verb, const char *path, int force)
{
    struct stat sb;

    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT)
            return 0;
        fprintf(stderr, "%s: %s: %s: %s\n", progname, verb, path, strerror(errno));
        return EXIT_USAGE;
    }
    if (S_ISLNK(sb.st_mode)) {
        fprintf(stderr,
                "%s: %s: %s: is a symbolic link; x12 neither writes through nor replaces "
                "one, even with --force (remove it first)\n",
                progname, verb, path);
        return EXIT_USAGE;
    }
    if (S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "%s: %s: %s: is a directory\n", progname, verb, path);
        return EXIT_USAGE;
    }
    if (!force) {
        fprintf(stderr, "%s: %s: %s: exists; --force replaces it\n", progname, verb, path);
        return EXIT_USAGE;
    }
    return 0;
}

/* The permissions a file created by open(..., 0666) gets. */
static mode_t file_mode(void)
{
    static int known;
    static mode_t mode;

    if (!known) {
        mode_t mask = umask(0);

        umask(mask);
        mode = (mode_t)(0666 & ~mask);
        known = 1;
    }
    return mode;
}

static void outfile_close(outfile *o)
{
    if (o->fp != NULL)
        fclose(o->fp);
    o->fp = NULL;
    if (o->tmp != NULL)
        unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
}

int outfile_open(outfile *o, const char *verb, const char *path, int force)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    size_t baselen = strlen(base);
    int fd;

    memset(o, 0, sizeof *o);
    if (outfile_check(verb, path, force) != 0)
        return EXIT_USAGE;
    /* ".NAME.XXXXXX" beside the target (so the rename stays on one file
     * system); a name near NAME_MAX gets a short one instead. */
    if (baselen > 200)
        baselen = 0;
    o->tmp = xmalloc(dirlen + baselen + 16);
    memcpy(o->tmp, path, dirlen);
    snprintf(o->tmp + dirlen, baselen + 16, ".%.*s%sXXXXXX", (int)baselen, base,
             baselen > 0 ? "." : "x12tmp.");
    fd = mkstemp(o->tmp);
    if (fd < 0 || fchmod(fd, file_mode()) != 0 || (o->fp = fdopen(fd, "wb")) == NULL) {
        int err = errno;

        fprintf(stderr, "%s: %s: %s: cannot create a file beside it: %s\n", progname, verb,
                path, strerror(err));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        return EXIT_USAGE;
    }
    o->target = xmalloc(strlen(path) + 1);
    strcpy(o->target, path);
    o->force = force;
    return 0;
}

void outfile_abort(outfile *o)
{
    outfile_close(o);
}

/* Gives the finished temporary the target's name.  0, or an errno. */
static int outfile_place(outfile *o)
{
    struct stat sb;

    if (o->force)
        return rename(o->tmp, o->target) == 0 ? 0 : errno;
    /* link(2) fails with EEXIST when the name exists, even as a dangling
     * symbolic link: no check-then-rename race. */
    if (link(o->tmp, o->target) == 0) {
        unlink(o->tmp);
        return 0;
    }
    if (errno == EEXIST)
        return EEXIST;
    /* File systems without hard links (EPERM, ENOTSUP, ...): check, then
     * rename, the best they allow. */
    if (lstat(o->target, &sb) == 0)
        return EEXIST;
    if (errno != ENOENT)
        return errno;
    return rename(o->tmp, o->target) == 0 ? 0 : errno;
}

int outfile_commit(outfile *o, const char *verb)
{
    int err = 0;
    FILE *fp = o->fp;

    o->fp = NULL;
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp))
        err = errno != 0 ? errno : EIO;
    /* Synced before it takes the name, so that after a system crash the
     * name holds the whole file or what it held before. */
    if (!o->no_sync && fsync(fileno(fp)) != 0 && err == 0)
        err = errno;
    if (fclose(fp) != 0 && err == 0)
        err = errno;
    if (err == 0) {
        err = outfile_place(o);
        if (err == EEXIST) {
            fprintf(stderr, "%s: %s: %s: appeared while writing; not replaced (--force "
                            "replaces it)\n",
                    progname, verb, o->target);
            outfile_close(o);
            return EXIT_USAGE;
        }
        if (err == 0) {
            free(o->tmp);
            o->tmp = NULL; /* it is the target now */
            outfile_close(o);
            return 0;
        }
    }
    fprintf(stderr, "%s: %s: %s: %s; not written\n", progname, verb, o->target, strerror(err));
    outfile_close(o);
    return EXIT_USAGE;
}

/* ---- option parsing -------------------------------------------------------
 * Options may come before or after the files ("--" ends them).  Options that
 * take a value accept --name=VALUE and --name VALUE.  -h is --help.
 */



/* Returns 1 with *opt (one of the defs, or "--help") and *val for the next
 * option, 0 with *file for the next file, -1 at the end, -2 on a usage
 * error already reported. */
int next_arg(args *a, const char **opt, const char **val, const char **file)
{
    const char *s, *eq;
    const optdef *d;
    size_t n;

    *opt = *val = *file = NULL;
    for (;;) {
        if (a->i >= a->argc)
            return -1;
        s = a->argv[a->i++];
        if (a->only_files || s[0] != '-' || strcmp(s, "-") == 0) {
            *file = s;
            return 0;
        }
        if (strcmp(s, "--") != 0)
            break;
        a->only_files = 1;
    }
    if (strcmp(s, "--no-progress") == 0) {
        prog.off_by_option = 1; /* every verb takes it */
        prog.decided = 0;
        return next_arg(a, opt, val, file);
    }
    if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
        *opt = "--help";
        return 1;
    }
    eq = strchr(s, '=');
    n = eq != NULL ? (size_t)(eq - s) : strlen(s);
    for (d = a->defs; d->name != NULL; d++)
        if (strlen(d->name) == n && strncmp(s, d->name, n) == 0)
            break;
    /* Long options need "--"; a def may also name a short one ("-o"). */
    if (d->name == NULL || (s[1] != '-' && d->name[1] == '-')) {
        usage_error(a->verb, "unknown option '%.*s'", (int)n, s);
        return -2;
    }
    *opt = d->name;
    if (!d->has_value) {
        if (eq != NULL) {
            usage_error(a->verb, "option '%s' takes no value", d->name);
            return -2;
        }
    } else if (eq != NULL) {
        *val = eq + 1;
    } else if (d->has_value == 2) {
        *val = NULL; /* an optional value comes only as --name=VALUE */
    } else if (a->i < a->argc) {
        *val = a->argv[a->i++];
    } else {
        usage_error(a->verb, "option '%s' needs a value", d->name);
        return -2;
    }
    return 1;
}

void json_string(const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p;

    putchar('"');
    for (p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\b': fputs("\\b", stdout); break;
        case '\f': fputs("\\f", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            /* X12 is ASCII; any other byte is written as the Latin-1 code
             * point so the document stays valid UTF-8. */
            if (*p < 0x20 || *p >= 0x7f) {
                fputs("\\u00", stdout);
                putchar(hex[*p >> 4]);
                putchar(hex[*p & 15]);
            } else {
                putchar(*p);
            }
        }
    }
    putchar('"');
}

void json_key(const char *key)
{
    json_string(key);
    putchar(':');
}

void json_kv(const char *key, const char *val, int comma)
{
    json_key(key);
    json_string(val);
    if (comma)
        putchar(',');
}

void json_kn(const char *key, uint64_t n, int comma)
{
    json_key(key);
    printf("%llu%s", (unsigned long long)n, comma ? "," : "");
}

void json_delim(const char *key, char c, int comma)
{
    char s[2] = {c, '\0'};

    json_key(key);
    if (c == '\0')
        fputs("null", stdout);
    else
        json_string(s);
    if (comma)
        putchar(',');
}

/* Plain runs go out in one write, escapes as needed. */
void json_view(x12_str v)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;

    putchar('"');
    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.ptr[i];

        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            continue;
        fwrite(v.ptr + run, 1, i - run, stdout);
        run = i + 1;
        if (c == '"' || c == '\\') {
            putchar('\\');
            putchar(c);
        } else {
            fputs("\\u00", stdout);
            putchar(hex[c >> 4]);
            putchar(hex[c & 15]);
        }
    }
    fwrite(v.ptr + run, 1, v.len - run, stdout);
    putchar('"');
}

void json_kview(const char *key, x12_str v)
{
    if (v.len == 0)
        return;
    json_key(key);
    json_view(v);
    putchar(',');
}

void json_kstr(const char *key, const char *s)
{
    if (s == NULL || s[0] == '\0')
        return;
    json_kv(key, s, 1);
}

void json_kint(const char *key, int64_t n)
{
    json_key(key);
    printf("%" PRId64 ",", n);
}

void put_view(x12_str v)
{
    fwrite(v.ptr, 1, v.len, stdout);
}
