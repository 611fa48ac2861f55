/*
 * x12 validate - check files against their implementation guides.
 *
 * One line per problem on standard output:
 *     FILE:SEGNO:SEGID[-ELEM[-COMP]]: CODE: [warning: ]message
 * where SEGNO counts segments from the ISA (as every x12 verb does) and
 * CODE is the acknowledgment code (999 IK3/IK4/IK5/AK9 or TA1 note).
 * Reader problems (malformed segments) are printed on standard error as by
 * the other verbs.  --json prints one JSON document instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_validate(int argc, char **argv);

const char validate_usage[] =
    "Usage: x12 validate [--spec FILE] [--strict] [--errata=accept|reject] [--json]\n"
    "                    FILE...\n"
    "Check every transaction set against its HIPAA 5010 implementation guide\n"
    "(837P, 837I, 835, 999, 270, 271, 276, 277, 277CA, chosen by ST01 with ST03\n"
    "or GS08) and the envelopes around it.  Prints one line per problem:\n"
    "    FILE:SEGNO:SEGID[-ELEM]: CODE: message\n"
    "SEGNO counts segments from the ISA; CODE is the 999 (IK3/IK4/IK5/AK9) or\n"
    "TA1 code of the problem.  FILE may be '-' for standard input and may be\n"
    "gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --spec FILE   also use this guide (a companion guide in the libx12 spec\n"
    "                format) for sets whose ST03/GS08 equals its id\n"
    "  --strict      warnings count as errors\n"
    "  --errata=accept|reject\n"
    "                a set whose ST03 (or GS08) names a later (or earlier)\n"
    "                errata release of a built-in guide, such as 005010X222A2\n"
    "                for the adopted 005010X222A1, is validated against the\n"
    "                built-in guide; accept (the default) passes the id,\n"
    "                reject reports it (999 IK5 I6, an error)\n"
    "  --json        print one JSON document on standard output\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.\n";

typedef struct vctx {
    input *in;
    int json;
    int first_issue;
} vctx;

/* A reader problem as an entry of the JSON issues: level "reader", no
 * acknowledgment code (it is also printed on stderr, and counted, by
 * report()). */
static void json_reader_problem(vctx *c, const x12_error *e)
{
    x12_severity sev = x12_error_severity(e);

    if (!c->json)
        return;
    if (!c->first_issue)
        putchar(',');
    c->first_issue = 0;
    putchar('{');
    json_kn("segment_number", x12_error_segment_number(e), 1);
    json_kn("set_position", 0, 1);
    json_kv("segment", x12_error_segment_id(e), 1);
    json_kv("loop", x12_error_loop_id(e), 1);
    json_kn("element", x12_error_element(e), 1);
    json_kn("component", x12_error_component(e), 1);
    json_kn("repetition", x12_error_repetition(e), 1);
    json_kn("offset", x12_error_offset(e), 1);
    json_kv("level", "reader", 1);
    json_kv("code", "", 1);
    json_kv("element_ref", "", 1);
    json_kv("rule", x12_error_rule(e), 1);
    json_kv("severity",
            sev == X12_SEV_WARNING ? "warning" : sev == X12_SEV_FATAL ? "fatal" : "error", 1);
    json_kv("message", x12_error_message(e), 0);
    putchar('}');
}

static void reader_problem(vctx *c, const x12_error *e)
{
    report(c->in, e);
    json_reader_problem(c, e);
}

static const char *level_name(x12_issue_level l)
{
    switch (l) {
    case X12_ISSUE_INTERCHANGE: return "interchange";
    case X12_ISSUE_GROUP: return "group";
    case X12_ISSUE_SET: return "set";
    case X12_ISSUE_SEGMENT: return "segment";
    default: return "element";
    }
}

static void print_issue(vctx *c, const x12_issue *is)
{
    const x12_error *e = x12_issue_error(is);
    int warn = x12_error_severity(e) == X12_SEV_WARNING;

    if (warn)
        c->in->warnings++;
    else {
        c->in->errors++;
        c->in->status = worst(c->in->status, EXIT_DATA);
    }
    if (c->json) {
        if (!c->first_issue)
            putchar(',');
        c->first_issue = 0;
        putchar('{');
        json_kn("segment_number", x12_error_segment_number(e), 1);
        json_kn("set_position", x12_issue_set_position(is), 1);
        json_kv("segment", x12_error_segment_id(e), 1);
        json_kv("loop", x12_error_loop_id(e), 1);
        json_kn("element", x12_error_element(e), 1);
        json_kn("component", x12_error_component(e), 1);
        json_kn("repetition", x12_error_repetition(e), 1);
        json_kn("offset", x12_error_offset(e), 1);
        json_kv("level", level_name(x12_issue_level_of(is)), 1);
        json_kv("code", x12_issue_code(is), 1);
        json_kv("element_ref", x12_issue_element_ref(is), 1);
        json_kv("rule", x12_error_rule(e), 1);
        json_kv("severity", warn ? "warning" : "error", 1);
        json_kv("message", x12_error_message(e), 0);
        putchar('}');
        return;
    }
    {
        char pos[64];
        unsigned el = x12_error_element(e), co = x12_error_component(e);
        const char *id = x12_error_segment_id(e);

        if (el && co)
            snprintf(pos, sizeof pos, "%s-%02u-%u", id, el, co);
        else if (el)
            snprintf(pos, sizeof pos, "%s-%02u", id, el);
        else
            snprintf(pos, sizeof pos, "%s", id[0] ? id : "-");
        printf("%s:%llu:%s: %s: %s%s\n", c->in->name,
               (unsigned long long)x12_error_segment_number(e), pos, x12_issue_code(is),
               warn ? "warning: " : "", x12_error_message(e));
    }
}

/* Envelope rules the validator reports itself, with their 999 and TA1
 * codes: the reader's own records of them are not repeated. */
static int envelope_rule(const x12_error *e)
{
    return x12_validator_reports_rule(x12_error_rule(e));
}

/* Like input_next, but leaves envelope problems to the validator. */
static int next_segment(vctx *c, const x12_segment **seg)
{
    input *in = c->in;

    progress_tick(in);
    for (;;) {
        x12_status st = x12_reader_next(in->r, seg);
        size_t i, n = x12_reader_error_count(in->r);
        const x12_error *e;

        for (i = 0; i < n; i++)
            if (!envelope_rule(x12_reader_error_at(in->r, i)))
                reader_problem(c, x12_reader_error_at(in->r, i));
        if (st == X12_OK)
            return 1;
        if (st == X12_END)
            return 0;
        e = x12_reader_last_error(in->r);
        if (st == X12_EIO) {
            fprintf(stderr, "%s: %s: read error\n", progname, in->name);
            in->status = EXIT_USAGE;
            return 0;
        }
        if (st == X12_ENOMEM) {
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
        if (!envelope_rule(e)) {
            int seen = 0;
            for (i = 0; i < n && !seen; i++)
                seen = x12_reader_error_at(in->r, i) == e ||
                       (x12_error_segment_number(x12_reader_error_at(in->r, i)) ==
                            x12_error_segment_number(e) &&
                        strcmp(x12_error_rule(x12_reader_error_at(in->r, i)), x12_error_rule(e)) == 0);
            if (!seen)
                reader_problem(c, e);
        }
        if (x12_error_severity(e) == X12_SEV_FATAL || st == X12_AGAIN)
            return 0;
    }
}

static void validate_file(input *in, x12_validator *v, int json, int first_file)
{
    const x12_segment *seg;
    vctx c = {in, json, 1};
    size_t i;

    if (json) {
        if (!first_file)
            putchar(',');
        putchar('{');
        json_kv("file", in->name, 1);
        json_key("issues");
        putchar('[');
    }
    while (next_segment(&c, &seg)) {
        if (x12_validator_segment(v, seg) == X12_ENOMEM) {
            fprintf(stderr, "%s: %s: out of memory\n", progname, in->name);
            in->status = EXIT_USAGE;
        }
        for (i = 0; i < x12_validator_issue_count(v); i++)
            print_issue(&c, x12_validator_issue_at(v, i));
    }
    x12_validator_finish(v);
    for (i = 0; i < x12_validator_issue_count(v); i++)
        print_issue(&c, x12_validator_issue_at(v, i));
    if (json) {
        printf("],");
        json_kn("errors", in->errors, 1);
        json_kn("warnings", in->warnings, 0);
        putchar('}');
    }
}

int cmd_validate(int argc, char **argv)
{
    static const optdef defs[] = {{"--spec", 1},   {"--strict", 0}, {"--json", 0},
                                  {"--errata", 1}, {NULL, 0}};
    args a = {"validate", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    x12_spec **specs = xmalloc((size_t)argc * sizeof *specs);
    size_t nfiles = 0, nspecs = 0, i;
    int k, status = 0, strict = 0, json = 0, nfirst = 1, errata = X12_ERRATA_ACCEPT;
    x12_validator *v = NULL;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(validate_usage, stdout);
            status = output_failed() ? EXIT_USAGE : 0;
            goto out;
        } else if (strcmp(opt, "--strict") == 0) {
            strict = 1;
        } else if (strcmp(opt, "--json") == 0) {
            json = 1;
        } else if (strcmp(opt, "--errata") == 0) {
            if ((errata = errata_mode("validate", val)) < 0) {
                status = EXIT_USAGE;
                goto out;
            }
        } else if (strcmp(opt, "--spec") == 0) {
            char err[512];
            x12_status st = x12_spec_load_file(val, NULL, &specs[nspecs], err, sizeof err);
            if (st != X12_OK) {
                fprintf(stderr, "%s: validate: %s\n", progname, err);
                status = EXIT_USAGE;
                goto out;
            }
            nspecs++;
        }
    }
    if (k == -2) {
        status = EXIT_USAGE;
        goto out;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (x12_validator_new(NULL, &v) != X12_OK) {
        fprintf(stderr, "%s: out of memory\n", progname);
        status = EXIT_USAGE;
        goto out;
    }
    x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict);
    x12_validator_set_option(v, X12_VOPT_ERRATA, (uint64_t)errata);
    for (i = 0; i < nspecs; i++)
        x12_validator_add_spec(v, specs[i]);
    if (json)
        printf("{\"files\":[");
    for (i = 0; i < nfiles; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        validate_file(&in, v, json, nfirst);
        nfirst = 0;
        input_close(&in);
        status = worst(status, in.status);
        if (!json && output_failed()) {
            status = EXIT_USAGE;
            break;
        }
    }
    if (json) {
        printf("]}\n");
        if (output_failed())
            status = EXIT_USAGE;
    }
out:
    x12_validator_free(v);
    for (i = 0; i < nspecs; i++)
        x12_spec_free(specs[i]);
    free(specs);
    free(files);
    return status;
}
