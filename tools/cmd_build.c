/*
 * x12 build - 837P / 837I claim files from an encounter XML document
 * (specs/encounter.xsd).  The claims go to standard output; when the
 * document is not valid or an edit fails, nothing is written and every
 * problem is listed on standard error, one per line:
 *
 *     PATH: RULE: MESSAGE
 *
 * where PATH is a field path ("claim[3].line[2].procedure") or, for XML
 * problems, FILE:LINE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_build_txn.h"

/* Declared here for -Wmissing-prototypes; x12.c lists the verb. */
int cmd_build(int argc, char **argv);
extern const char build_usage[];

const char build_usage[] =
    "Usage: x12 build [OPTIONS] ENCOUNTERS.xml > claims.837\n"
    "       x12 build [OPTIONS] ELIGIBILITY.xml > inquiries.270\n"
    "       x12 build [OPTIONS] --status-request CLAIMS.837 [--pcn PCN]... > status.276\n"
    "Build an 837P or 837I interchange from coded encounters in XML (the format of\n"
    "specs/encounter.xsd).  ENCOUNTERS.xml may be '-' for standard input.  Before\n"
    "anything is written the document is validated against the schema and every\n"
    "claim goes through the pre-submission edits (NPI check digit, code shapes,\n"
    "diagnosis pointers, CLM02 = sum of line charges, ZIP+4, dates, required\n"
    "fields, character set, ...); each failure is printed on standard error as\n"
    "'PATH: RULE: MESSAGE' and nothing is written.\n"
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
    "                    (a document's kind attribute must agree with the option)\n"
    "  --pcn-paths       name claims in edit paths by patient control number\n"
    "                    (claim[PCN]) instead of position (claim[3]); PCNs identify\n"
    "                    patients, so keep such output private\n"
    "  --line-break=lf|crlf|none   after each segment (default lf)\n"
    "  --status-request=CLAIMS.837  a 276 for the claims of that 837\n"
    "  --pcn=PCN         with --status-request: only this claim (repeatable)\n"
    "  --date=CCYYMMDD, --time=HHMM   of a 276 (default: now)\n"
    "  --reference=REF   BHT03 of a 276 (default: S and the date and time)\n"
    "  --control-number=N   ISA13 and GS06 of a 276 (default 1)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 ok, 1 the encounters have errors (listed), 2 usage or I/O error.\n";

static const optdef build_opts[] = {
    {"--837p", 0},
    {"--837i", 0},
    {"--pcn-paths", 0},
    {"--line-break", 1},
    {"--status-request", 1},
    {"--pcn", 1},
    {"--date", 1},
    {"--time", 1},
    {"--reference", 1},
    {"--control-number", 1},
    {NULL, 0},
};

static char *read_stdin(size_t *len)
{
    size_t cap = 65536, n;
    char *buf = xmalloc(cap);

    *len = 0;
    while ((n = fread(buf + *len, 1, cap - *len, stdin)) > 0) {
        *len += n;
        if (*len == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    if (ferror(stdin)) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 65536, n;
    char *buf;

    *len = 0;
    if (f == NULL)
        return NULL;
    buf = xmalloc(cap);
    while ((n = fread(buf + *len, 1, cap - *len, f)) > 0) {
        *len += n;
        if (*len == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    if (ferror(f)) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

static void print_edits(const x12_batch *b)
{
    size_t i;

    for (i = 0; i < x12_batch_edit_count(b); i++) {
        const x12_error *e = x12_batch_edit_at(b, i);
        fprintf(stderr, "%s: %s: %s\n", x12_batch_edit_path(b, i), x12_error_rule(e),
                x12_error_message(e));
    }
}

int cmd_build(int argc, char **argv)
{
    args a = {"build", build_opts, argc, argv, 1, 0};
    const char *opt, *val, *file, *path = NULL, *brk = "\n";
    int r, want = 0, pcn = 0, rc = 0;
    txn_build_opts tx;
    const char **pcns = xmalloc((size_t)argc * sizeof *pcns);
    char *data = NULL;
    size_t len = 0;
    x12_batch *b = NULL;
    x12_writer *w = NULL;
    x12_status st;
    char msg[512];

    memset(&tx, 0, sizeof tx);
    tx.pcns = pcns;
    while ((r = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (r == 0) {
            if (path != NULL) {
                usage_error("build", "give one encounters file");
                return EXIT_USAGE;
            }
            path = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(build_usage, stdout);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--837p") == 0 || strcmp(opt, "--837i") == 0) {
            int k = strcmp(opt, "--837p") == 0 ? X12_CLAIM_837P : X12_CLAIM_837I;
            if (want && want != k) {
                usage_error("build", "give --837p or --837i, not both");
                return EXIT_USAGE;
            }
            want = k;
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
                return EXIT_USAGE;
            }
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
    /* Read the document once: its root element says what to build. */
    data = strcmp(path, "-") == 0 ? read_stdin(&len) : read_file(path, &len);
    if (data == NULL) {
        fprintf(stderr, "%s: build: %s: cannot read\n", progname,
                strcmp(path, "-") == 0 ? "<stdin>" : path);
        return EXIT_USAGE;
    }
    if (xml_root_is(data, len, "eligibility")) {
        if (want) {
            usage_error("build", "--837p and --837i are for encounters, not eligibility inquiries");
            free(data);
            return EXIT_USAGE;
        }
        rc = build_eligibility(data, len, strcmp(path, "-") == 0 ? "<stdin>" : path, brk);
        free(data);
        return rc;
    }
    if (x12_batch_new(NULL, want ? (x12_claim_kind)want : X12_CLAIM_837P, &b) != X12_OK) {
        fprintf(stderr, "%s: build: out of memory\n", progname);
        free(data);
        return EXIT_USAGE;
    }
    x12_batch_set_option(b, X12_BATCH_PATH_WITH_PCN, (uint64_t)pcn);
    st = x12_batch_load_xml_memory(b, data, len, strcmp(path, "-") == 0 ? "<stdin>" : path);
    free(data);
    if (st == X12_EIO) {
        fprintf(stderr, "%s: build: %s: cannot read\n", progname, path);
        x12_batch_free(b);
        return EXIT_USAGE;
    }
    if (st == X12_ESYNTAX) {
        print_edits(b);
        x12_batch_free(b);
        return EXIT_DATA;
    }
    if (st != X12_OK) {
        fprintf(stderr, "%s: build: %s: %s\n", progname, path, x12_strerror(st));
        x12_batch_free(b);
        return EXIT_USAGE;
    }
    if (want && x12_batch_kind(b) != (x12_claim_kind)want) {
        fprintf(stderr, "%s: build: %s holds %s encounters but %s was given\n", progname, path,
                x12_batch_kind(b) == X12_CLAIM_837I ? "837I" : "837P",
                want == X12_CLAIM_837I ? "--837i" : "--837p");
        x12_batch_free(b);
        return EXIT_USAGE;
    }
    st = x12_batch_check(b);
    if (st == X12_EEDIT) {
        print_edits(b);
        x12_batch_free(b);
        return EXIT_DATA;
    }
    if (st != X12_OK || x12_writer_new(NULL, &w) != X12_OK ||
        x12_writer_to_file(w, stdout) != X12_OK || x12_writer_set_line_break(w, brk) != X12_OK) {
        fprintf(stderr, "%s: build: out of memory\n", progname);
        x12_writer_free(w);
        x12_batch_free(b);
        return EXIT_USAGE;
    }
    st = x12_batch_write(b, w);
    if (st != X12_OK) {
        if (x12_writer_last_error(w) != NULL) {
            x12_error_format(x12_writer_last_error(w), msg, sizeof msg);
            fprintf(stderr, "%s: build: %s\n", progname, msg);
        } else {
            fprintf(stderr, "%s: build: %s\n", progname, x12_strerror(st));
        }
        rc = EXIT_USAGE;
    }
    x12_writer_free(w);
    x12_batch_free(b);
    return rc;
}
