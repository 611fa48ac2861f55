/*
 * x12 - the libx12 command-line tool.
 *
 * One verb per function, listed in the verb table near the end.  Every verb
 * reads its inputs through the same small layer (struct input, cli.h) so
 * that stdin, gzip, error reporting and exit codes behave the same
 * everywhere:
 *
 *   0  success
 *   1  the input has errors (each reported on stderr as FILE:SEGNO:SEGID: ...)
 *   2  bad usage, unreadable input or a failed write
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Large stdout buffer: fmt writes one short line per segment. */
static char stdout_buf[1 << 18];

/* ---- verb: fmt ----------------------------------------------------------- */

static const char fmt_usage[] =
    "Usage: x12 fmt [OPTIONS] FILE...\n"
    "Print every segment of every interchange, one per line, each with its\n"
    "terminator, so the output is still valid X12.  FILE may be '-' for standard\n"
    "input (the default when no FILE is given) and may be gzip-compressed.\n"
    "\n"
    "Options (each re-delimits the output; ISA11/ISA16 follow):\n"
    "  --element=C       element separator\n"
    "  --component=C     component separator (ISA16)\n"
    "  --repetition=C    repetition separator (ISA11), or 'none'\n"
    "  --segment=C       segment terminator\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 ok, 1 the input has errors, 2 usage or I/O error.\n";

/* Requested delimiters; a field is -1 when not given (keep the input's). */
typedef struct fmt_opts {
    int element, component, repetition, segment;
    int redelimit;
} fmt_opts;

/* Parses a delimiter option value into *out; -2 (reported) when bad. */
static int fmt_delim_arg(const char *opt, const char *val, int allow_none, int *out)
{
    unsigned char c;

    if (allow_none && strcmp(val, "none") == 0) {
        *out = 0;
        return 0;
    }
    if (strlen(val) != 1) {
        usage_error("fmt", "%s needs exactly one character, got '%s'", opt, val);
        return -2;
    }
    c = (unsigned char)val[0];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        c == ' ') {
        usage_error("fmt", "%s: a delimiter cannot be a letter, digit or space", opt);
        return -2;
    }
    *out = c;
    return 0;
}

static char pick(int wanted, char have)
{
    return wanted >= 0 ? (char)wanted : have;
}

/* Fast path: the raw segment, its terminator and a line feed. */
static void fmt_copy_raw(input *in)
{
    const x12_segment *seg;

    while (input_next(in, &seg)) {
        x12_str raw = x12_segment_raw(seg);
        char term = x12_segment_delimiters(seg).segment;

        fwrite(raw.ptr, 1, raw.len, stdout);
        putc(term, stdout);
        /* A file whose terminator is itself a line feed already has one
         * segment per line. */
        if (term != '\n')
            putc('\n', stdout);
        if (ferror(stdout))
            return;
    }
}

static void fmt_writer_error(input *in, x12_writer *w, x12_status st)
{
    const x12_error *e = x12_writer_last_error(w);
    char buf[512];

    if (st == X12_EIO) {
        in->status = EXIT_USAGE; /* reported by output_failed() */
        return;
    }
    in->errors++;
    in->status = worst(in->status, EXIT_DATA);
    if (e != NULL) {
        x12_error_format(e, buf, sizeof buf);
        fprintf(stderr, "%s:%s (cannot re-delimit)\n", in->name, buf);
    } else {
        fprintf(stderr, "%s: %s: cannot re-delimit: %s\n", progname, in->name,
                x12_strerror(st));
    }
}

/* Re-delimiting path: every segment goes through the writer, which puts
 * the new delimiters into ISA11/ISA16 and refuses data holding them. */
static void fmt_copy_writer(input *in, const fmt_opts *o)
{
    const x12_segment *seg;
    x12_writer *w;
    x12_status st;
    int first = 1, failed = 0;

    st = x12_writer_new(NULL, &w);
    if (st == X12_OK)
        st = x12_writer_to_file(w, stdout);
    if (st == X12_OK)
        st = x12_writer_set_line_break(w, "\n");
    if (st == X12_OK)
        st = x12_writer_set_option(w, X12_WOPT_VERBATIM, 1);
    if (st != X12_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
        in->status = EXIT_USAGE;
        x12_writer_free(w);
        return;
    }
    while (!failed && input_next(in, &seg)) {
        if (first || view_is(x12_segment_id(seg), "ISA")) {
            x12_delimiters d = x12_segment_delimiters(seg);
            char e = pick(o->element, d.element), c = pick(o->component, d.component);
            char r = pick(o->repetition, d.repetition), s = pick(o->segment, d.segment);

            first = 0;
            st = x12_writer_set_delimiters(w, e, c, r, s);
            if (st == X12_EINVAL) {
                fprintf(stderr,
                        "%s: %s: segment %llu: the delimiters would not all differ "
                        "(the input uses '%c' '%c' '%c' '%c')\n",
                        progname, in->name, (unsigned long long)x12_segment_number(seg),
                        d.element, d.component, d.repetition ? d.repetition : ' ',
                        d.segment);
                in->status = EXIT_USAGE;
                failed = 1;
                break;
            }
            if (st != X12_OK) {
                fmt_writer_error(in, w, st);
                failed = 1;
                break;
            }
        }
        st = x12_writer_copy(w, seg, 0);
        if (st != X12_OK) {
            fmt_writer_error(in, w, st);
            failed = 1;
        }
    }
    st = x12_writer_finish(w);
    /* An unclosed envelope was already reported by the reader. */
    if (!failed && st != X12_OK && !(st == X12_ESTATE && in->errors > 0))
        fmt_writer_error(in, w, st);
    x12_writer_free(w);
}

static int cmd_fmt(int argc, char **argv)
{
    static const optdef defs[] = {{"--element", 1},    {"--component", 1},
                                  {"--repetition", 1}, {"--segment", 1},
                                  {NULL, 0}};
    args a = {"fmt", defs, argc, argv, 1, 0};
    fmt_opts o = {-1, -1, -1, -1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i;
    int k, status = 0;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(fmt_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--element") == 0) {
            k = fmt_delim_arg(opt, val, 0, &o.element);
        } else if (strcmp(opt, "--component") == 0) {
            k = fmt_delim_arg(opt, val, 0, &o.component);
        } else if (strcmp(opt, "--repetition") == 0) {
            k = fmt_delim_arg(opt, val, 1, &o.repetition);
        } else if (strcmp(opt, "--segment") == 0) {
            k = fmt_delim_arg(opt, val, 0, &o.segment);
        } else {
            usage_error("fmt", "unknown option '%s'", opt);
            k = -2;
        }
        if (k < 0)
            break;
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    {
        /* Options given together must differ among themselves. */
        int given[4] = {o.element, o.component, o.repetition, o.segment};
        int x, y;

        for (x = 0; x < 4; x++)
            for (y = x + 1; y < 4; y++)
                if (given[x] > 0 && given[x] == given[y]) {
                    usage_error("fmt", "two delimiters cannot both be '%c'", given[x]);
                    free(files);
                    return EXIT_USAGE;
                }
    }
    o.redelimit = o.element >= 0 || o.component >= 0 || o.repetition >= 0 || o.segment >= 0;
    if (nfiles == 0)
        files[nfiles++] = "-";

    for (i = 0; i < nfiles; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        if (o.redelimit)
            fmt_copy_writer(&in, &o);
        else
            fmt_copy_raw(&in);
        input_close(&in);
        status = worst(status, in.status);
        if (output_failed()) {
            status = EXIT_USAGE;
            break;
        }
    }
    free(files);
    return status;
}

/* ---- verb: info ---------------------------------------------------------- */

static const char info_usage[] =
    "Usage: x12 info [--json] FILE...\n"
    "Summarise the envelopes of each file: per interchange the sender, receiver,\n"
    "date and time, control number, version, usage indicator and delimiters; per\n"
    "functional group GS01, GS02, GS03, GS06, GS08 and its transaction sets; per\n"
    "transaction set ST01, ST02, ST03 and its segment count; then totals.\n"
    "FILE may be '-' for standard input (the default when no FILE is given) and\n"
    "may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --json            print one JSON document instead of text\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 ok, 1 the input has errors, 2 usage or I/O error.\n";

/* What info collects.  Strings are copies: envelope views die with the next
 * reader call. */
typedef struct info_set {
    char *id, *control, *impl;
    uint64_t segments; /* counted from ST to SE inclusive */
} info_set;

typedef struct info_group {
    char *function, *sender, *receiver, *control, *version;
    info_set *sets;
    size_t nsets, capsets;
} info_group;

typedef struct info_ichg {
    char *sender_qual, *sender_id, *receiver_qual, *receiver_id;
    char *date, *time, *control, *version, *usage;
    x12_delimiters delims;
    uint64_t segments; /* counted from ISA to IEA inclusive */
    info_group *groups;
    size_t ngroups, capgroups;
} info_ichg;

typedef struct info_file {
    info_ichg *ichgs;
    size_t nichgs, capichgs;
    uint64_t groups, sets, segments;
} info_file;

static char *env_copy(const x12_envelope *env, x12_env_field f)
{
    return xstrdup_view(x12_envelope_get(env, f));
}

static char *empty_copy(void)
{
    x12_str v = {"", 0};

    return xstrdup_view(v);
}

static info_ichg *info_new_ichg(info_file *f, const x12_envelope *env,
                                const x12_segment *seg)
{
    info_ichg *ic = vec_push((void **)&f->ichgs, &f->nichgs, &f->capichgs, sizeof *ic);

    if (env != NULL) {
        ic->sender_qual = env_copy(env, X12_ENV_ISA05);
        ic->sender_id = env_copy(env, X12_ENV_ISA06);
        ic->receiver_qual = env_copy(env, X12_ENV_ISA07);
        ic->receiver_id = env_copy(env, X12_ENV_ISA08);
        ic->date = env_copy(env, X12_ENV_ISA09);
        ic->time = env_copy(env, X12_ENV_ISA10);
        ic->control = env_copy(env, X12_ENV_ISA13);
        ic->version = env_copy(env, X12_ENV_ISA12);
        ic->usage = env_copy(env, X12_ENV_ISA15);
    } else {
        /* Segments outside any ISA (already reported as errors). */
        ic->sender_qual = empty_copy();
        ic->sender_id = empty_copy();
        ic->receiver_qual = empty_copy();
        ic->receiver_id = empty_copy();
        ic->date = empty_copy();
        ic->time = empty_copy();
        ic->control = empty_copy();
        ic->version = empty_copy();
        ic->usage = empty_copy();
    }
    ic->delims = x12_segment_delimiters(seg);
    return ic;
}

static info_group *info_new_group(info_file *f, info_ichg *ic, const x12_envelope *env)
{
    info_group *g = vec_push((void **)&ic->groups, &ic->ngroups, &ic->capgroups, sizeof *g);

    if (env != NULL) {
        g->function = env_copy(env, X12_ENV_GS01);
        g->sender = env_copy(env, X12_ENV_GS02);
        g->receiver = env_copy(env, X12_ENV_GS03);
        g->control = env_copy(env, X12_ENV_GS06);
        g->version = env_copy(env, X12_ENV_GS08);
    } else {
        g->function = empty_copy();
        g->sender = empty_copy();
        g->receiver = empty_copy();
        g->control = empty_copy();
        g->version = empty_copy();
    }
    f->groups++;
    return g;
}

static info_set *info_new_set(info_file *f, info_group *g, const x12_envelope *env)
{
    info_set *s = vec_push((void **)&g->sets, &g->nsets, &g->capsets, sizeof *s);

    s->id = env_copy(env, X12_ENV_ST01);
    s->control = env_copy(env, X12_ENV_ST02);
    s->impl = env_copy(env, X12_ENV_ST03);
    f->sets++;
    return s;
}

/* Walks the whole input, keeping the envelope tree. */
static void info_collect(input *in, info_file *f)
{
    const x12_segment *seg;
    info_ichg *ic = NULL;
    info_group *g = NULL;
    info_set *s = NULL;

    while (input_next(in, &seg)) {
        x12_str id = x12_segment_id(seg);
        const x12_envelope *env = x12_reader_envelope(in->r);

        f->segments++;
        if (view_is(id, "ISA")) {
            ic = info_new_ichg(f, env, seg);
            g = NULL;
            s = NULL;
        } else if (view_is(id, "GS")) {
            if (ic == NULL)
                ic = info_new_ichg(f, NULL, seg);
            g = info_new_group(f, ic, env);
            s = NULL;
        } else if (view_is(id, "ST")) {
            if (ic == NULL)
                ic = info_new_ichg(f, NULL, seg);
            if (g == NULL)
                g = info_new_group(f, ic, NULL);
            s = info_new_set(f, g, env);
        }
        if (ic != NULL)
            ic->segments++;
        if (s != NULL)
            s->segments++;
        if (view_is(id, "SE"))
            s = NULL;
        else if (view_is(id, "GE"))
            g = NULL, s = NULL;
        else if (view_is(id, "IEA"))
            ic = NULL, g = NULL, s = NULL;
    }
}

static void info_free(info_file *f)
{
    size_t i, j, k;

    for (i = 0; i < f->nichgs; i++) {
        info_ichg *ic = &f->ichgs[i];

        for (j = 0; j < ic->ngroups; j++) {
            info_group *g = &ic->groups[j];

            for (k = 0; k < g->nsets; k++) {
                free(g->sets[k].id);
                free(g->sets[k].control);
                free(g->sets[k].impl);
            }
            free(g->sets);
            free(g->function);
            free(g->sender);
            free(g->receiver);
            free(g->control);
            free(g->version);
        }
        free(ic->groups);
        free(ic->sender_qual);
        free(ic->sender_id);
        free(ic->receiver_qual);
        free(ic->receiver_id);
        free(ic->date);
        free(ic->time);
        free(ic->control);
        free(ic->version);
        free(ic->usage);
    }
    free(f->ichgs);
    memset(f, 0, sizeof *f);
}

/* -- JSON output -- */

static void info_print_json(const input *in, const info_file *f, int first)
{
    size_t i, j, k;

    if (!first)
        putchar(',');
    putchar('{');
    json_kv("file", in->name, 1);
    json_key("interchanges");
    putchar('[');
    for (i = 0; i < f->nichgs; i++) {
        const info_ichg *ic = &f->ichgs[i];

        if (i)
            putchar(',');
        putchar('{');
        json_kv("sender_qualifier", ic->sender_qual, 1);
        json_kv("sender_id", ic->sender_id, 1);
        json_kv("receiver_qualifier", ic->receiver_qual, 1);
        json_kv("receiver_id", ic->receiver_id, 1);
        json_kv("date", ic->date, 1);
        json_kv("time", ic->time, 1);
        json_kv("control_number", ic->control, 1);
        json_kv("version", ic->version, 1);
        json_kv("usage", ic->usage, 1);
        json_key("delimiters");
        putchar('{');
        json_delim("element", ic->delims.element, 1);
        json_delim("component", ic->delims.component, 1);
        json_delim("repetition", ic->delims.repetition, 1);
        json_delim("segment", ic->delims.segment, 0);
        putchar('}');
        putchar(',');
        json_kn("segments", ic->segments, 1);
        json_key("groups");
        putchar('[');
        for (j = 0; j < ic->ngroups; j++) {
            const info_group *g = &ic->groups[j];

            if (j)
                putchar(',');
            putchar('{');
            json_kv("functional_id", g->function, 1);
            json_kv("sender", g->sender, 1);
            json_kv("receiver", g->receiver, 1);
            json_kv("control_number", g->control, 1);
            json_kv("version", g->version, 1);
            json_kn("set_count", g->nsets, 1);
            json_key("sets");
            putchar('[');
            for (k = 0; k < g->nsets; k++) {
                const info_set *s = &g->sets[k];

                if (k)
                    putchar(',');
                putchar('{');
                json_kv("id", s->id, 1);
                json_kv("control_number", s->control, 1);
                json_kv("implementation", s->impl, 1);
                json_kn("segments", s->segments, 0);
                putchar('}');
            }
            fputs("]}", stdout);
        }
        fputs("]}", stdout);
    }
    fputs("],", stdout);
    json_key("totals");
    putchar('{');
    json_kn("interchanges", f->nichgs, 1);
    json_kn("groups", f->groups, 1);
    json_kn("sets", f->sets, 1);
    json_kn("segments", f->segments, 0);
    fputs("},", stdout);
    json_kn("errors", in->errors, 1);
    json_kn("warnings", in->warnings, 0);
    putchar('}');
}

/* -- text output -- */

/* A value for a text line: control bytes become '?'. */
static void text_value(const char *s)
{
    for (; *s != '\0'; s++)
        putchar((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f ? '?' : *s);
}

static const char *delim_text(char c, char *buf, size_t size)
{
    unsigned char u = (unsigned char)c;

    if (c == '\0')
        snprintf(buf, size, "none");
    else if (c == '\n')
        snprintf(buf, size, "\\n");
    else if (c == '\r')
        snprintf(buf, size, "\\r");
    else if (u < 0x20 || u >= 0x7f)
        snprintf(buf, size, "\\x%02x", u);
    else
        snprintf(buf, size, "'%c'", c);
    return buf;
}

/* Values of every level start in this column, so the text lines up. */
#define TEXT_VALUE_COL 22

/* Starts a "label   value" line indented by `indent`. */
static void text_label(int indent, const char *label)
{
    printf("%*s%-*s", indent, "", TEXT_VALUE_COL - indent, label);
}

static void text_field(int indent, const char *label, const char *a, const char *sep,
                       const char *b)
{
    text_label(indent, label);
    text_value(a);
    if (sep != NULL) {
        fputs(sep, stdout);
        text_value(b);
    }
    putchar('\n');
}

static void text_count(int indent, const char *label, uint64_t n)
{
    text_label(indent, label);
    printf("%llu\n", (unsigned long long)n);
}

/* Writes s escaped and padded to `width` columns. */
static void text_column(const char *s, size_t width)
{
    size_t n = strlen(s);

    text_value(s);
    printf("%*s", (int)(width > n ? width - n : 0), "");
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* One line per transaction set, in columns: id, control number,
 * implementation convention, segment count. */
static void text_sets(const info_group *g)
{
    size_t k, idw = 0, ctlw = 0, implw = 0;
    int segw = 1;

    for (k = 0; k < g->nsets; k++) {
        const info_set *s = &g->sets[k];
        char num[24];
        int n = snprintf(num, sizeof num, "%llu", (unsigned long long)s->segments);

        if (strlen(s->id) > idw)
            idw = strlen(s->id);
        if (strlen(s->control) > ctlw)
            ctlw = strlen(s->control);
        if (strlen(s->impl) > implw)
            implw = strlen(s->impl);
        if (n > segw)
            segw = n;
    }
    for (k = 0; k < g->nsets; k++) {
        const info_set *s = &g->sets[k];

        text_label(6, "set");
        text_column(s->id, idw + 2);
        text_column(s->control, ctlw + 2);
        if (implw > 0)
            text_column(s->impl, implw + 2);
        printf("%*llu %s\n", segw, (unsigned long long)s->segments,
               plural(s->segments, "segment", "segments"));
    }
}

static void info_print_text(const input *in, const info_file *f)
{
    size_t i, j;
    char b1[8], b2[8], b3[8], b4[8];

    printf("%s\n", in->name);
    for (i = 0; i < f->nichgs; i++) {
        const info_ichg *ic = &f->ichgs[i];

        text_field(2, "interchange", ic->control, NULL, NULL);
        text_field(4, "sender", ic->sender_qual, ":", ic->sender_id);
        text_field(4, "receiver", ic->receiver_qual, ":", ic->receiver_id);
        text_field(4, "date/time", ic->date, " ", ic->time);
        text_field(4, "version", ic->version, NULL, NULL);
        text_field(4, "usage", ic->usage, NULL, NULL);
        text_label(4, "delimiters");
        printf("element %s  component %s  repetition %s  segment %s\n",
               delim_text(ic->delims.element, b1, sizeof b1),
               delim_text(ic->delims.component, b2, sizeof b2),
               delim_text(ic->delims.repetition, b3, sizeof b3),
               delim_text(ic->delims.segment, b4, sizeof b4));
        text_count(4, "segments", ic->segments);
        for (j = 0; j < ic->ngroups; j++) {
            const info_group *g = &ic->groups[j];

            text_field(4, "group", g->control, NULL, NULL);
            text_field(6, "functional id", g->function, NULL, NULL);
            text_field(6, "sender", g->sender, NULL, NULL);
            text_field(6, "receiver", g->receiver, NULL, NULL);
            text_field(6, "version", g->version, NULL, NULL);
            text_count(6, "sets", g->nsets);
            text_sets(g);
        }
    }
    text_label(2, "totals");
    printf("%zu %s, %llu %s, %llu %s, %llu %s, %llu %s, %llu %s\n", f->nichgs,
           plural(f->nichgs, "interchange", "interchanges"), (unsigned long long)f->groups,
           plural(f->groups, "group", "groups"), (unsigned long long)f->sets,
           plural(f->sets, "set", "sets"), (unsigned long long)f->segments,
           plural(f->segments, "segment", "segments"), (unsigned long long)in->errors,
           plural(in->errors, "error", "errors"), (unsigned long long)in->warnings,
           plural(in->warnings, "warning", "warnings"));
}

static int cmd_info(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0}, {NULL, 0}};
    args a = {"info", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i;
    int k, json = 0, status = 0, printed = 0;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(info_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--json") == 0) {
            json = 1;
        } else {
            usage_error("info", "unknown option '%s'", opt);
            k = -2;
            break;
        }
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";

    if (json)
        fputs("{\"files\":[", stdout);
    for (i = 0; i < nfiles; i++) {
        input in;
        info_file f;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        memset(&f, 0, sizeof f);
        info_collect(&in, &f);
        if (json) {
            info_print_json(&in, &f, printed == 0);
        } else {
            if (printed)
                putchar('\n');
            info_print_text(&in, &f);
        }
        printed++;
        info_free(&f);
        input_close(&in);
        status = worst(status, in.status);
        if (output_failed()) {
            free(files);
            return EXIT_USAGE;
        }
    }
    if (json)
        fputs("]}\n", stdout);
    free(files);
    if (output_failed())
        return EXIT_USAGE;
    return status;
}

/* ---- the verb table and main ------------------------------------------- */

int cmd_build(int argc, char **argv); extern const char build_usage[]; /* cmd_build.c */
int cmd_validate(int argc, char **argv); extern const char validate_usage[]; /* cmd_validate.c */
int cmd_ack(int argc, char **argv); extern const char ack_usage[]; /* cmd_ack.c */
int cmd_remit(int argc, char **argv); extern const char remit_usage[]; /* cmd_remit.c */
int cmd_claims(int argc, char **argv); extern const char claims_usage[]; /* cmd_claims.c */
int cmd_split(int argc, char **argv); extern const char split_usage[]; /* cmd_split.c */
int cmd_reconcile(int argc, char **argv); extern const char reconcile_usage[]; /* cmd_reconcile.c */
int cmd_statements(int argc, char **argv); extern const char statements_usage[]; /* cmd_statements.c */
int cmd_to_xml(int argc, char **argv); extern const char to_xml_usage[]; /* cmd_xml.c */
int cmd_from_xml(int argc, char **argv); extern const char from_xml_usage[]; /* cmd_xml.c */
int cmd_eligibility(int argc, char **argv); extern const char eligibility_usage[]; /* cmd_eligibility.c */
int cmd_status(int argc, char **argv); extern const char status_usage[]; /* cmd_status.c */

typedef struct verb {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the verb */
    const char *summary;
    const char *usage;
} verb;

static const verb verbs[] = {
    {"fmt", cmd_fmt, "print one segment per line, optionally re-delimited", fmt_usage},
    {"info", cmd_info, "summarise interchanges, groups and transaction sets", info_usage},
    {"build", cmd_build, "build 837P/837I claims, 270 inquiries or 276 requests", build_usage},
    {"validate", cmd_validate, "check files against their implementation guides", validate_usage},
    {"ack", cmd_ack, "write the 999 (or TA1) acknowledging a file", ack_usage},
    {"remit", cmd_remit, "835 remittances as JSON, CSV or a summary", remit_usage},
    {"claims", cmd_claims, "the claims of 837P/837I files as JSON, CSV or a listing", claims_usage},
    {"eligibility", cmd_eligibility, "271 eligibility answers: coverage and benefits", eligibility_usage},
    {"status", cmd_status, "277 claim status and 277CA acknowledgments, by claim sent", status_usage},
    {"reconcile", cmd_reconcile, "837 claims joined with their 835s: states, next actions, aging",
     reconcile_usage},
    {"statements", cmd_statements, "patient statements from claims and remittances (HTML, JSON)",
     statements_usage},
    {"split", cmd_split, "one interchange per transaction set or per N claims", split_usage},
    {"to-xml", cmd_to_xml, "write X12 as XML shaped by loops", to_xml_usage},
    {"from-xml", cmd_from_xml, "write the X12 an XML document describes", from_xml_usage},
};

#define NVERBS (sizeof verbs / sizeof verbs[0])

static void print_usage(FILE *fp)
{
    size_t i;

    fprintf(fp,
            "Usage: x12 VERB [OPTIONS] FILE...\n"
            "       x12 --help | --version\n"
            "       x12 VERB --help\n"
            "\n"
            "ASC X12 HIPAA 5010 EDI tool (libx12).  Verbs:\n");
    for (i = 0; i < NVERBS; i++)
        fprintf(fp, "  %-11s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(fp,
            "\n"
            "FILE may be '-' for standard input and may be gzip-compressed.\n"
            "Exit status: 0 ok, 1 the input has errors, 2 usage or I/O error.\n");
}

static const verb *find_verb(const char *name)
{
    size_t i;

    for (i = 0; i < NVERBS; i++)
        if (strcmp(verbs[i].name, name) == 0)
            return &verbs[i];
    return NULL;
}

int main(int argc, char **argv)
{
    const verb *v;
    int rc;

    setvbuf(stdout, stdout_buf, _IOFBF, sizeof stdout_buf);
    /* Over a file size limit (ulimit -f) a write fails with EFBIG instead
     * of killing us, so the partial output is removed and reported. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(stdout);
        return output_failed() ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("x12 (libx12) %s\n", x12_version());
        return output_failed() ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "help") == 0 && argc <= 3) {
        if (argc == 2) {
            print_usage(stdout);
        } else if ((v = find_verb(argv[2])) != NULL) {
            fputs(v->usage, stdout);
        } else {
            usage_error(NULL, "unknown verb '%s'", argv[2]);
            return EXIT_USAGE;
        }
        return output_failed() ? EXIT_USAGE : 0;
    }
    v = find_verb(argv[1]);
    if (v == NULL) {
        if (argv[1][0] == '-')
            fprintf(stderr, "%s: unknown option '%s'\n", progname, argv[1]);
        else
            fprintf(stderr, "%s: unknown verb '%s'\n", progname, argv[1]);
        print_usage(stderr);
        return EXIT_USAGE;
    }
    rc = v->run(argc - 1, argv + 1);
    if (output_failed())
        rc = EXIT_USAGE;
    return rc;
}
