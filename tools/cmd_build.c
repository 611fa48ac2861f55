/*
 * x12 build - 837P / 837I claim files from encounters in XML
 * (specs/encounter.xsd) or JSON Lines (specs/encounter-jsonl.schema.json).
 *
 * The encounters are read and the claims written to standard output as
 * they come (x12_batch_build_xml / _jsonl): memory stays bounded by one
 * claim whatever the size of the input.  Every problem is printed on
 * standard error as soon as it is found, one per line:
 *
 *     PATH: RULE: MESSAGE
 *
 * where PATH is a field path ("claim[3].line[2].procedure") or, for
 * problems of the input itself, FILE:LINE.  After the first problem no more
 * claims are written (the rest are still checked, so that all problems are
 * listed) and the interchange is left without its trailers; when standard
 * output is a regular file, what was written is then removed again, so a
 * failed build leaves it as it was.
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_build_txn.h"

/* Declared here for -Wmissing-prototypes; x12.c lists the verb. */
int cmd_build(int argc, char **argv);
extern const char build_usage[];

const char build_usage[] =
    "Usage: x12 build [OPTIONS] ENCOUNTERS > claims.837\n"
    "       x12 build [OPTIONS] ELIGIBILITY.xml > inquiries.270\n"
    "       x12 build [OPTIONS] --status-request CLAIMS.837 [--pcn PCN]... > status.276\n"
    "Build an 837P or 837I interchange from coded encounters, in XML (the format of\n"
    "specs/encounter.xsd) or in JSON Lines (one claim per line, the same names; see\n"
    "x12(1) and specs/encounter-jsonl.schema.json).  ENCOUNTERS may be '-' for\n"
    "standard input, and may be gzip-compressed.  A file whose name ends in .jsonl,\n"
    ".ndjson (or either with .gz) is read as JSON Lines, anything else as XML.\n"
    "\n"
    "The claims are written as they are read, in constant memory.  Every claim goes\n"
    "through the pre-submission edits (NPI check digit, code shapes, diagnosis\n"
    "pointers, CLM02 = sum of line charges, ZIP+4, dates, required fields, character\n"
    "set, ...) and the input through its schema; each problem is printed on standard\n"
    "error as 'PATH: RULE: MESSAGE' as it is found.  After the first problem nothing\n"
    "more is written (the rest is still checked, to list every problem), and when\n"
    "standard output is a regular file what was written is removed again.\n"
    "\n"
    "A document whose root is <eligibility> (specs/eligibility.xsd) builds 270\n"
    "eligibility inquiries instead, with their own edits.  --status-request\n"
    "builds a 276 claim status request for the claims of an 837 (all of them,\n"
    "or those named with --pcn): payer, provider, subscriber, patient, patient\n"
    "control number, charge and dates come from each claim, the envelope's\n"
    "sender and receiver from the 837's.\n"
    "\n"
    "Options:\n"
    "  --837p            professional claims (005010X222A1); the default\n"
    "  --837i            institutional claims (005010X223A2)\n"
    "                    (an input's kind must agree with the option)\n"
    "  --xml, --jsonl    read the input as XML or as JSON Lines, whatever its name\n"
    "  --pcn-paths       name claims in edit paths by patient control number\n"
    "                    (claim[PCN]) instead of position (claim[3]); PCNs identify\n"
    "                    patients, so keep such output private\n"
    "  --line-break=lf|crlf|none   after each segment (default lf)\n"
    "  --status-request=CLAIMS.837  a 276 for the claims of that 837\n"
    "  --pcn=PCN         with --status-request: only this claim (repeatable)\n"
    "  --date=CCYYMMDD, --time=HHMM   of a 276 (default: now)\n"
    "  --reference=REF   BHT03 of a 276 (default: S and the date and time)\n"
    "  --control-number=N   ISA13 and GS06 of a 276 (default 1)\n"
    "  --max-claim-bytes=N   memory one claim may take while read (default 16777216;\n"
    "                    0 for no limit)\n"
    "  --max-line-bytes=N    JSON Lines: the longest line (default 8388608)\n"
    "  --max-depth=N     JSON Lines: the deepest nesting in a line (default 64)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 ok, 1 the encounters have errors (listed), 2 usage or I/O error.\n";

static const optdef build_opts[] = {
    {"--837p", 0},
    {"--837i", 0},
    {"--xml", 0},
    {"--jsonl", 0},
    {"--pcn-paths", 0},
    {"--line-break", 1},
    {"--status-request", 1},
    {"--pcn", 1},
    {"--date", 1},
    {"--time", 1},
    {"--reference", 1},
    {"--control-number", 1},
    {"--max-claim-bytes", 1},
    {"--max-line-bytes", 1},
    {"--max-depth", 1},
    {NULL, 0},
};

typedef struct problems {
    unsigned long long count;
    int io; /* an "input" or "out-of-memory" record: exit 2 */
} problems;

static void print_edit(void *user, const char *path, const x12_error *e)
{
    problems *p = user;
    const char *rule = x12_error_rule(e);

    p->count++;
    if (strcmp(rule, "input") == 0 || strcmp(rule, "out-of-memory") == 0 ||
        strcmp(rule, "kind") == 0)
        p->io = 1;
    fprintf(stderr, "%s: %s: %s\n", path, rule, x12_error_message(e));
}

/* Reads what is left of `in` after `have` bytes already read into *buf
 * (of capacity *cap); returns the total, or (size_t)-1 on a read error. */
static size_t read_rest(FILE *in, char **buf, size_t *cap, size_t have)
{
    size_t n;

    while ((n = fread(*buf + have, 1, *cap - have, in)) > 0) {
        have += n;
        if (have == *cap) {
            *cap *= 2;
            *buf = xrealloc(*buf, *cap);
        }
    }
    return ferror(in) ? (size_t)-1 : have;
}

/*
 * An XML input whose root element is <eligibility> builds 270s, anything
 * else encounters: the first bytes say which.  They are read here and then
 * given back to the encounter reader: by seeking back on a file, or, on a
 * pipe, through a FILE that serves them before the rest (fopencookie), so
 * encounters from a pipe still stream.  The root must start within the first
 * 64 KiB (a longer prologue is read as encounters).
 */
typedef struct peeked {
    FILE *in;
    const char *p;
    size_t len, pos;
} peeked;

static ssize_t peeked_read(void *cookie, char *buf, size_t size)
{
    peeked *k = cookie;

    if (k->pos < k->len) {
        size_t n = k->len - k->pos < size ? k->len - k->pos : size;
        memcpy(buf, k->p + k->pos, n);
        k->pos += n;
        return (ssize_t)n;
    }
    {
        size_t n = fread(buf, 1, size, k->in);
        return n == 0 && ferror(k->in) ? -1 : (ssize_t)n;
    }
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int parse_size(const char *val, uint64_t *out)
{
    char *end;
    unsigned long long v;

    if (val == NULL || *val < '0' || *val > '9')
        return -1;
    errno = 0;
    v = strtoull(val, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

/*
 * Where standard output stood when the build began, when it is a regular
 * file written at its end (as `> file` and `>> file` give): a failed build
 * cuts it back there, so that no half interchange is left behind.
 */
typedef struct outmark {
    int ok;
    off_t start;
} outmark;

static void out_mark(outmark *m)
{
    struct stat sb;
    int fd = fileno(stdout), fl;
    off_t pos;

    m->ok = 0;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
        return;
    fl = fcntl(fd, F_GETFL);
    pos = lseek(fd, 0, SEEK_CUR);
    if (fl != -1 && (fl & O_APPEND)) {
        m->ok = 1;
        m->start = sb.st_size;
    } else if (pos == sb.st_size) {
        m->ok = 1;
        m->start = pos;
    }
}

static void out_undo(const outmark *m)
{
    int fd = fileno(stdout);

    if (!m->ok)
        return;
    fflush(stdout);
    if (ftruncate(fd, m->start) == 0)
        (void)lseek(fd, m->start, SEEK_SET);
}

int cmd_build(int argc, char **argv)
{
    args a = {"build", build_opts, argc, argv, 1, 0};
    const char *opt, *val, *file, *path = NULL, *brk = "\n", *name;
    int r, want = 0, pcn = 0, rc = 0, jsonl = -1;
    uint64_t max_claim = 0, max_line = 0, max_depth = 0;
    int set_claim = 0, set_line = 0, set_depth = 0;
    txn_build_opts tx;
    const char **pcns = xmalloc((size_t)argc * sizeof *pcns);
    char *head = NULL;
    size_t head_len = 0, head_cap = 65536;
    peeked pk;
    FILE *cookie = NULL;
    x12_batch *b = NULL;
    x12_writer *w = NULL;
    x12_status st;
    FILE *in;
    problems pr = {0, 0};
    outmark mark;
    char msg[512];

    memset(&tx, 0, sizeof tx);
    tx.pcns = pcns;
    while ((r = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (r == 0) {
            if (path != NULL) {
                usage_error("build", "give one encounters file");
                goto usage;
            }
            path = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(build_usage, stdout);
            free(pcns);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--837p") == 0 || strcmp(opt, "--837i") == 0) {
            int k = strcmp(opt, "--837p") == 0 ? X12_CLAIM_837P : X12_CLAIM_837I;
            if (want && want != k) {
                usage_error("build", "give --837p or --837i, not both");
                goto usage;
            }
            want = k;
        } else if (strcmp(opt, "--xml") == 0 || strcmp(opt, "--jsonl") == 0) {
            int j = strcmp(opt, "--jsonl") == 0;
            if (jsonl >= 0 && jsonl != j) {
                usage_error("build", "give --xml or --jsonl, not both");
                goto usage;
            }
            jsonl = j;
        } else if (strcmp(opt, "--pcn-paths") == 0) {
            pcn = 1;
        } else if (strcmp(opt, "--status-request") == 0) {
            tx.sent = val;
        } else if (strcmp(opt, "--pcn") == 0) {
            pcns[tx.npcns++] = val;
        } else if (strcmp(opt, "--date") == 0) {
            tx.date = val;
        } else if (strcmp(opt, "--time") == 0) {
            tx.time = val;
        } else if (strcmp(opt, "--reference") == 0) {
            tx.reference = val;
        } else if (strcmp(opt, "--control-number") == 0) {
            tx.control_number = val;
        } else if (strcmp(opt, "--line-break") == 0) {
            if (strcmp(val, "lf") == 0)
                brk = "\n";
            else if (strcmp(val, "crlf") == 0)
                brk = "\r\n";
            else if (strcmp(val, "none") == 0)
                brk = "";
            else {
                usage_error("build", "--line-break takes lf, crlf or none");
                goto usage;
            }
        } else {
            uint64_t *dst = strcmp(opt, "--max-claim-bytes") == 0  ? &max_claim
                            : strcmp(opt, "--max-line-bytes") == 0 ? &max_line
                                                                     : &max_depth;
            if (parse_size(val, dst) != 0) {
                usage_error("build", "%s takes a number", opt);
                goto usage;
            }
            if (dst == &max_claim)
                set_claim = 1;
            else if (dst == &max_line)
                set_line = 1;
            else
                set_depth = 1;
        }
    }
    tx.line_break = brk;
    if (r != -2 && tx.sent != NULL) {
        rc = path != NULL ? (usage_error("build", "--status-request reads an 837, not %s", path),
                             EXIT_USAGE)
                          : build_status_request(&tx);
        free(pcns);
        return rc;
    }
    if (r != -2 && (tx.npcns || tx.date || tx.time || tx.reference || tx.control_number)) {
        usage_error("build", "--pcn, --date, --time, --reference and --control-number go "
                             "with --status-request");
        r = -2;
    }
    free(pcns);
    if (r == -2)
        return EXIT_USAGE;
    if (path == NULL) {
        usage_error("build", "no encounters file given");
        return EXIT_USAGE;
    }
    if (jsonl < 0)
        jsonl = ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz") ||
                ends_with(path, ".ndjson") || ends_with(path, ".ndjson.gz");
    if (strcmp(path, "-") == 0) {
        in = stdin;
        name = "<stdin>";
    } else {
        in = fopen(path, "rb");
        name = path;
        if (in == NULL) {
            fprintf(stderr, "%s: build: %s: cannot read: %s\n", progname, path,
                    strerror(errno));
            return EXIT_USAGE;
        }
    }
    if (!jsonl) {
        /* The root element says what to build: peek at the first bytes. */
        head = xmalloc(head_cap);
        head_len = fread(head, 1, head_cap, in);
        if (ferror(in)) {
            fprintf(stderr, "%s: build: %s: cannot read: %s\n", progname, name,
                    strerror(errno));
            free(head);
            if (in != stdin)
                fclose(in);
            return EXIT_USAGE;
        }
        if (xml_root_is(head, head_len, "eligibility")) {
            size_t n;
            if (want) {
                usage_error("build",
                            "--837p and --837i are for encounters, not eligibility inquiries");
                rc = EXIT_USAGE;
            } else if ((n = read_rest(in, &head, &head_cap, head_len)) == (size_t)-1) {
                fprintf(stderr, "%s: build: %s: cannot read\n", progname, name);
                rc = EXIT_USAGE;
            } else {
                rc = build_eligibility(head, n, name, brk);
            }
            free(head);
            if (in != stdin)
                fclose(in);
            return rc;
        }
        if (fseek(in, 0, SEEK_SET) != 0) {
            /* a pipe: the encounter reader gets the peeked bytes first */
            cookie_io_functions_t io = {peeked_read, NULL, NULL, NULL};
            pk.in = in;
            pk.p = head;
            pk.len = head_len;
            pk.pos = 0;
            cookie = fopencookie(&pk, "rb", io);
            if (cookie == NULL) {
                fprintf(stderr, "%s: build: out of memory\n", progname);
                free(head);
                return EXIT_USAGE;
            }
        }
    }
    if (x12_batch_new(NULL, want ? (x12_claim_kind)want : X12_CLAIM_837P, &b) != X12_OK) {
        fprintf(stderr, "%s: build: out of memory\n", progname);
        rc = EXIT_USAGE;
        goto done_input;
    }
    x12_batch_set_option(b, X12_BATCHOPT_PATH_WITH_PCN, (uint64_t)pcn);
    /* --837p/--837i fixes the kind: an input naming the other is refused */
    x12_batch_set_option(b, X12_BATCHOPT_KIND_FROM_INPUT, want ? 0 : 1);
    if ((set_claim && x12_batch_set_option(b, X12_BATCHOPT_MAX_CLAIM_BYTES, max_claim) != X12_OK) ||
        (set_line && x12_batch_set_option(b, X12_BATCHOPT_MAX_LINE_BYTES, max_line) != X12_OK) ||
        (set_depth && x12_batch_set_option(b, X12_BATCHOPT_MAX_DEPTH, max_depth) != X12_OK)) {
        usage_error("build", "a limit is out of range (--max-line-bytes 64 .. 2147483648, "
                             "--max-depth 1 .. 65536)");
        x12_batch_free(b);
        rc = EXIT_USAGE;
        goto done_input;
    }
    x12_batch_set_edit_handler(b, print_edit, &pr);
    if (x12_writer_new(NULL, &w) != X12_OK || x12_writer_to_file(w, stdout) != X12_OK ||
        x12_writer_set_line_break(w, brk) != X12_OK) {
        fprintf(stderr, "%s: build: out of memory\n", progname);
        x12_writer_free(w);
        x12_batch_free(b);
        rc = EXIT_USAGE;
        goto done_input;
    }
    out_mark(&mark);
    st = jsonl ? x12_batch_build_jsonl_file(b, in, name, w)
               : x12_batch_build_xml_file(b, cookie != NULL ? cookie : in, name, w);
    switch (st) {
    case X12_OK:
        break;
    case X12_EEDIT:
    case X12_ESYNTAX:
    case X12_ELIMIT:
        rc = pr.io ? EXIT_USAGE : EXIT_DATA;
        break;
    case X12_EINVAL: /* the input's kind is not the one asked for (listed) */
    case X12_EIO:
    case X12_EGZIP:
    case X12_ENOMEM:
    default:
        if (x12_writer_last_error(w) != NULL) {
            /* the output failed */
            x12_error_format(x12_writer_last_error(w), msg, sizeof msg);
            fprintf(stderr, "%s: build: %s\n", progname, msg);
        } else if (!pr.count) {
            fprintf(stderr, "%s: build: %s: %s\n", progname, name, x12_strerror(st));
        }
        rc = EXIT_USAGE;
        break;
    }
    x12_writer_free(w);
    x12_batch_free(b);
    if (rc != 0)
        out_undo(&mark);
    else if (output_failed())
        rc = EXIT_USAGE;
done_input:
    if (cookie != NULL)
        fclose(cookie);
    free(head);
    if (in != stdin)
        fclose(in);
    return rc;

usage: /* a bad option, before anything was opened */
    free(pcns);
    return EXIT_USAGE;
}
