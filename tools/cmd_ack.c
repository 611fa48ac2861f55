/*
 * x12 ack - write the 999 (or TA1) acknowledging a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_ack(int argc, char **argv);

const char ack_usage[] =
    "Usage: x12 ack [--ta1] [--strict] [--errata=accept|reject] [--no-bad-values]\n"
    "               [--date CCYYMMDD --time HHMM] FILE\n"
    "Validate FILE against its implementation guides and write, on standard\n"
    "output, the 999 acknowledgment (005010X231A1) of each functional group,\n"
    "or with --ta1 the TA1 interchange acknowledgment of each interchange.\n"
    "Sender and receiver are those of FILE, swapped.  FILE may be '-' for\n"
    "standard input and may be gzip-compressed.  Problems found are not\n"
    "printed (x12 validate does that); reader errors are.  A segment the\n"
    "reader could not read (over a limit) rejects its transaction set.\n"
    "\n"
    "Options:\n"
    "  --ta1            write TA1 acknowledgments instead of the 999\n"
    "  --date CCYYMMDD  date written in ISA09/GS04 (default: today, UTC)\n"
    "  --time HHMM      time written in ISA10/GS05 (default: now, UTC)\n"
    "  --strict         warnings reject, as errors do\n"
    "  --errata=accept|reject\n"
    "                   accept (default) or reject (IK5 I6) a set whose ST03\n"
    "                   names another errata release of a built-in guide\n"
    "                   (005010X222A2 for 005010X222A1); see x12 validate\n"
    "  --no-bad-values  never copy a bad value into IK404 (by default a value\n"
    "                   shaped like a code of its element is copied)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 everything accepted, 1 something was not (or the reader\n"
    "found errors, or there is nothing to acknowledge), 2 usage or I/O error,\n"
    "or out of memory.\n";

int cmd_ack(int argc, char **argv)
{
    static const optdef defs[] = {{"--ta1", 0},          {"--date", 1},   {"--time", 1},
                                  {"--strict", 0},       {"--errata", 1}, {"--no-bad-values", 0},
                                  {NULL, 0}};
    args a = {"ack", defs, argc, argv, 1, 0};
    const char *opt, *val, *file, *path = NULL, *date = NULL, *tm = NULL;
    int k, ta1 = 0, strict = 0, status = 0, errata = X12_ERRATA_ACCEPT, bad_values = 1, oom = 0;
    x12_validator *v = NULL;
    x12_writer *w = NULL;
    x12_ack *ack = NULL;
    const x12_segment *seg;
    input in;
    x12_status st;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            if (path != NULL) {
                usage_error("ack", "one FILE at a time");
                return EXIT_USAGE;
            }
            path = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(ack_usage, stdout);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--ta1") == 0) {
            ta1 = 1;
        } else if (strcmp(opt, "--strict") == 0) {
            strict = 1;
        } else if (strcmp(opt, "--errata") == 0) {
            if ((errata = errata_mode("ack", val)) < 0)
                return EXIT_USAGE;
        } else if (strcmp(opt, "--no-bad-values") == 0) {
            bad_values = 0;
        } else if (strcmp(opt, "--date") == 0) {
            date = val;
        } else if (strcmp(opt, "--time") == 0) {
            tm = val;
        }
    }
    if (k == -2)
        return EXIT_USAGE;
    if ((date == NULL) != (tm == NULL)) {
        usage_error("ack", "--date and --time go together");
        return EXIT_USAGE;
    }
    if (path == NULL)
        path = "-";
    if (x12_validator_new(NULL, &v) != X12_OK || x12_writer_new(NULL, &w) != X12_OK ||
        x12_writer_to_file(w, stdout) != X12_OK || x12_writer_set_line_break(w, "\n") != X12_OK ||
        x12_ack_new(NULL, ta1 ? X12_ACK_TA1 : X12_ACK_999, w, &ack) != X12_OK) {
        fprintf(stderr, "%s: ack: out of memory\n", progname);
        status = EXIT_USAGE;
        goto out;
    }
    if (date != NULL && x12_ack_set_time(ack, date, tm) != X12_OK) {
        usage_error("ack", "--date needs a real date CCYYMMDD and --time a time HHMM "
                           "(0000 to 2359)");
        status = EXIT_USAGE;
        goto out;
    }
    x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict);
    x12_validator_set_option(v, X12_VOPT_ERRATA, (uint64_t)errata);
    x12_ack_set_option(ack, X12_AOPT_BAD_VALUES, (uint64_t)bad_values);
    x12_ack_attach(ack, v);
    if (input_open(&in, path) != 0) {
        status = in.status;
        goto out;
    }
    while (input_next(&in, &seg))
        if (x12_validator_segment(v, seg) == X12_ENOMEM)
            oom = 1;
    if (x12_validator_finish(v) == X12_ENOMEM)
        oom = 1;
    /* What the reader reported (a segment it skipped, a file that is not
     * X12 at all) is never "everything accepted". */
    status = in.status;
    input_close(&in);
    if (oom) {
        fprintf(stderr, "%s: ack: out of memory: the acknowledgment may be incomplete\n",
                progname);
        status = EXIT_USAGE;
        goto out;
    }
    st = x12_ack_status(ack);
    if (st == X12_OK)
        st = x12_writer_finish(w);
    if (st == X12_EIO && output_failed()) {
        status = EXIT_USAGE; /* "write error", said once */
        goto out;
    }
    if (st != X12_OK) {
        const x12_error *e = x12_writer_last_error(w);
        char buf[300];
        if (e != NULL)
            x12_error_format(e, buf, sizeof buf);
        fprintf(stderr, "%s: ack: cannot write the acknowledgment: %s\n", progname,
                e != NULL ? buf : x12_strerror(st));
        status = EXIT_USAGE;
        goto out;
    }
    if (output_failed())
        status = EXIT_USAGE;
    else if (status == 0 && x12_validator_total_errors(v) > 0)
        status = EXIT_DATA;
out:
    x12_ack_free(ack);
    x12_writer_free(w);
    x12_validator_free(v);
    return status;
}
