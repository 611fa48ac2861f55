/*
 * x12 to-xml / x12 from-xml - X12 <-> XML (see <x12/xml.h>).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_to_xml(int argc, char **argv);
int cmd_from_xml(int argc, char **argv);

const char to_xml_usage[] =
    "Usage: x12 to-xml [--plain] [--compact] [--output=OUT | --dir=DIR] [--force] FILE...\n"
    "Write each X12 FILE as an XML document (schema specs/x12xml.xsd): envelopes\n"
    "as <interchange>, <group> and <transaction>, and, when the transaction's\n"
    "guide is known (837P, 837I, 835, 999, 270, 271, 276, 277, 277CA), its\n"
    "segments inside <loop id=\"...\">\n"
    "elements; elements as <ele n=\"01\">, components as <cmp n=\"1\">,\n"
    "repetitions as <rep>.  The XML keeps delimiters, line breaks and every\n"
    "byte, so x12 from-xml gives FILE back byte for byte.  FILE may be '-' for\n"
    "standard input and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --plain         no loops: the segments of a transaction one after another\n"
    "  --compact       no line breaks or indentation between XML elements\n"
    "  --output=OUT    write to OUT instead of standard output (one FILE)\n"
    "  --dir=DIR       write DIR/NAME.xml for each FILE (NAME: its file name\n"
    "                  without .gz); needed for more than one FILE\n"
    "  --force         replace an existing OUT or DIR/NAME.xml (never a symbolic\n"
    "                  link); with --dir, a later FILE of the same NAME wins\n"
    "  -h, --help      show this help\n"
    "\n"
    "OUT and DIR/NAME.xml are written to a temporary file beside them and renamed\n"
    "when complete: on any failure they are left as they were.  Without --force\n"
    "nothing is written when one of them exists or two FILEs share a NAME.\n"
    "\n"
    "Exit status: 0 every FILE converted in full, 1 a FILE has bytes that are\n"
    "not X12 (the error and its position are printed; on standard output that\n"
    "document is left unfinished, with --output/--dir it is not written), 2 usage\n"
    "or I/O error.\n";

const char from_xml_usage[] =
    "Usage: x12 from-xml [--output=OUT [--force]] [--max-segment=BYTES] FILE\n"
    "Write the X12 that the XML document FILE (made by x12 to-xml, or by hand\n"
    "in its format) describes: segments, delimiters and line breaks exactly as\n"
    "given.  FILE may be '-' for standard input and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --output=OUT         write to OUT instead of standard output, through a\n"
    "                       temporary file renamed when complete\n"
    "  --force              replace OUT when it exists (never a symbolic link)\n"
    "  --max-segment=BYTES  longest segment accepted (default 65536)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Errors are printed as FILE:SEGNO:SEGID[-ELEM]: line L, column C: message,\n"
    "SEGNO being the segment being built in its interchange (ISA = 1).\n"
    "Exit status: 0 ok, 1 the XML is malformed or not in the format (OUT is\n"
    "not written: left as it was), 2 usage or I/O error.\n";

static void print_error(const char *name, const x12_error *e)
{
    char small[512];

    x12_error_format(e, small, sizeof small);
    fprintf(stderr, "%s:%s\n", name, small);
}

/* DIR/NAME.xml for input `path`. */
static char *dir_target(const char *dir, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n;
    char *out;

    base = base ? base + 1 : path;
    n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".gz") == 0)
        n -= 3;
    out = xmalloc(strlen(dir) + n + 7);
    sprintf(out, "%s/%.*s.xml", dir, (int)n, base);
    return out;
}

/* Output of to-xml: the file, and the input whose progress line is
 * ticked as XML is written (the converter reads the segments itself). */
typedef struct to_xml_sink {
    FILE *out;
    input *in;
} to_xml_sink;

static int to_xml_write(void *user, const char *data, size_t len)
{
    to_xml_sink *k = user;

    progress_tick(k->in);
    return fwrite(data, 1, len, k->out) == len ? 0 : -1;
}

/* Converts one file (to `target` when not NULL, written safely: see
 * outfile in cli.h); returns its exit status. */
static int to_xml_one(x12_xml *x, const char *path, const char *target, int force)
{
    input in;
    FILE *out = stdout;
    outfile of;
    x12_status st;
    int status = 0;

    if (input_open(&in, path) != 0)
        return in.status;
    if (target != NULL) {
        if (outfile_open(&of, "to-xml", target, force) != 0) {
            input_close(&in);
            return EXIT_USAGE;
        }
        out = of.fp;
    }
    {
        to_xml_sink k;
        k.out = out;
        k.in = &in;
        errno = 0;
        st = x12_xml_write(x, in.r, to_xml_write, &k);
    }
    if (st == X12_EIO && strcmp(x12_error_rule(x12_xml_last_error(x)), "output") == 0) {
        int err = errno;

        /* On stdout, output_failed() says it (once, as for every verb). */
        if (target != NULL)
            fprintf(stderr, "%s: to-xml: %s: write error%s%s%s\n", progname, target,
                    err != 0 ? " (" : "", err != 0 ? strerror(err) : "", err != 0 ? ")" : "");
        else if (!output_failed())
            fprintf(stderr, "%s: <stdout>: write error\n", progname);
        status = EXIT_USAGE;
    } else if (st == X12_EIO) {
        print_error(in.name, x12_xml_last_error(x));
        status = EXIT_USAGE;
    } else if (st != X12_OK) {
        print_error(in.name, x12_xml_last_error(x));
        status = st == X12_ENOMEM ? EXIT_USAGE : EXIT_DATA; /* out of memory: 2 */
    }
    input_close(&in);
    if (target != NULL) {
        if (status != 0) {
            outfile_abort(&of);
            fprintf(stderr, "%s: to-xml: %s: not written\n", progname, target);
        } else if (outfile_commit(&of, "to-xml") != 0) {
            status = EXIT_USAGE;
        }
    }
    return status;
}

/* --dir: every target is checked before anything is written, so a run is
 * refused whole rather than stopped half-way.  0, or EXIT_USAGE after a
 * message. */
static int check_dir_targets(char **targets, const char **files, size_t n, int force)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = 0; j < i && !force; j++) {
            if (strcmp(targets[i], targets[j]) == 0) {
                fprintf(stderr,
                        "%s: to-xml: %s and %s would both be written to %s; nothing "
                        "written (--force lets the later one replace the earlier)\n",
                        progname, files[j], files[i], targets[i]);
                return EXIT_USAGE;
            }
        }
        if (outfile_check("to-xml", targets[i], force) != 0) {
            fprintf(stderr, "%s: to-xml: nothing written\n", progname);
            return EXIT_USAGE;
        }
    }
    return 0;
}

int cmd_to_xml(int argc, char **argv)
{
    static const optdef defs[] = {
        {"--plain", 0}, {"--compact", 0}, {"--output", 1}, {"--dir", 1}, {"--force", 0},
        {NULL, 0}};
    args a = {"to-xml", defs, argc, argv, 1, 0};
    const char *opt, *val, *file, *output = NULL, *dir = NULL;
    const char **files = xmalloc(sizeof *files * (size_t)(argc > 0 ? argc : 1));
    size_t nfiles = 0, i, written = 0;
    int k, status = 0, plain = 0, compact = 0, force = 0;
    x12_xml *x = NULL;
    char **targets;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            free(files);
            fputs(to_xml_usage, stdout);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--plain") == 0) {
            plain = 1;
        } else if (strcmp(opt, "--compact") == 0) {
            compact = 1;
        } else if (strcmp(opt, "--output") == 0) {
            output = val;
        } else if (strcmp(opt, "--dir") == 0) {
            dir = val;
        } else if (strcmp(opt, "--force") == 0) {
            force = 1;
        }
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (output != NULL && dir != NULL) {
        usage_error("to-xml", "--output and --dir do not go together");
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles > 1 && dir == NULL) {
        usage_error("to-xml", "%zu files need --dir (one XML document per file)", nfiles);
        free(files);
        return EXIT_USAGE;
    }
    targets = xmalloc(nfiles * sizeof *targets);
    for (i = 0; i < nfiles; i++)
        targets[i] = dir != NULL ? dir_target(dir, files[i]) : NULL;
    if (dir != NULL)
        status = check_dir_targets(targets, files, nfiles, force);
    else if (output != NULL)
        status = outfile_check("to-xml", output, force);
    if (status == 0 && x12_xml_new(NULL, &x) != X12_OK) {
        fprintf(stderr, "%s: to-xml: out of memory\n", progname);
        status = EXIT_USAGE;
    }
    if (status == 0) {
        x12_xml_set_option(x, X12_XOPT_LOOPS, plain ? 0 : 1);
        x12_xml_set_option(x, X12_XOPT_INDENT, compact ? 0 : 1);
        for (i = 0; i < nfiles; i++) {
            int one = to_xml_one(x, files[i], targets[i] ? targets[i] : output, force);

            written += one == 0;
            status = worst(status, one);
            if (output == NULL && dir == NULL && output_failed()) {
                status = EXIT_USAGE;
                break;
            }
        }
        if (dir != NULL && nfiles > 1 && written < nfiles)
            fprintf(stderr, "%s: to-xml: %zu of %zu documents written to %s; the others "
                            "not (see above)\n",
                    progname, written, nfiles, dir);
    }
    x12_xml_free(x);
    for (i = 0; i < nfiles; i++)
        free(targets[i]);
    free(targets);
    free(files);
    return status;
}

int cmd_from_xml(int argc, char **argv)
{
    static const optdef defs[] = {
        {"--output", 1}, {"--max-segment", 1}, {"--force", 0}, {NULL, 0}};
    args a = {"from-xml", defs, argc, argv, 1, 0};
    const char *opt, *val, *file, *path = NULL, *output = NULL, *name;
    unsigned long long maxseg = 0;
    int k, status = 0, force = 0;
    x12_xml *x = NULL;
    FILE *out = stdout;
    outfile of;
    x12_status st;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            if (path != NULL) {
                usage_error("from-xml", "one FILE at a time");
                return EXIT_USAGE;
            }
            path = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(from_xml_usage, stdout);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--output") == 0) {
            output = val;
        } else if (strcmp(opt, "--force") == 0) {
            force = 1;
        } else if (strcmp(opt, "--max-segment") == 0) {
            char *end;
            errno = 0;
            maxseg = strtoull(val, &end, 10);
            if (errno != 0 || *end != '\0' || val[0] < '0' || val[0] > '9' || maxseg < 16) {
                usage_error("from-xml", "--max-segment needs a number of bytes, at least 16");
                return EXIT_USAGE;
            }
        }
    }
    if (k == -2)
        return EXIT_USAGE;
    if (path == NULL)
        path = "-";
    name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (x12_xml_new(NULL, &x) != X12_OK ||
        (maxseg != 0 && x12_xml_set_option(x, X12_XOPT_MAX_SEGMENT_BYTES, maxseg) != X12_OK)) {
        fprintf(stderr, "%s: from-xml: cannot set up the converter\n", progname);
        x12_xml_free(x);
        return EXIT_USAGE;
    }
    if (output != NULL) {
        if (outfile_open(&of, "from-xml", output, force) != 0) {
            x12_xml_free(x);
            return EXIT_USAGE;
        }
        out = of.fp;
    }
    errno = 0;
    if (strcmp(path, "-") == 0)
        st = x12_xml_read_file(x, stdin, out);
    else
        st = x12_xml_read_path(x, path, out);
    if (st != X12_OK) {
        const x12_error *e = x12_xml_last_error(x);
        const char *rule = e ? x12_error_rule(e) : "";
        if (st == X12_EIO && strcmp(rule, "output") == 0) {
            int err = errno;

            if (output != NULL)
                fprintf(stderr, "%s: from-xml: %s: write error%s%s%s\n", progname, output,
                        err != 0 ? " (" : "", err != 0 ? strerror(err) : "",
                        err != 0 ? ")" : "");
            else
                fprintf(stderr, "%s: <stdout>: write error\n", progname);
            status = EXIT_USAGE;
        } else if (st == X12_EIO && e != NULL && x12_error_segment_number(e) == 0 &&
                   x12_xml_error_line(x) == 0) {
            fprintf(stderr, "%s: %s: %s\n", progname, name, x12_error_message(e));
            status = EXIT_USAGE;
        } else if (e != NULL) {
            print_error(name, e);
            status = st == X12_ENOMEM ? EXIT_USAGE : EXIT_DATA;
        } else {
            fprintf(stderr, "%s: %s: %s\n", progname, name, x12_strerror(st));
            status = EXIT_USAGE;
        }
    }
    x12_xml_free(x);
    if (output != NULL) {
        if (status != 0) {
            outfile_abort(&of);
            fprintf(stderr, "%s: from-xml: %s: not written\n", progname, output);
        } else if (outfile_commit(&of, "from-xml") != 0) {
            status = EXIT_USAGE;
        }
    }
    return status;
}
