/*
 * remit_to_jsonl - an 835 remittance as JSON Lines (or CSV) on stdout,
 * through libx12's writers: what a service does to feed a queue or a data
 * warehouse without shelling out to x12.
 *
 *     remit_to_jsonl [--csv] [FILE]
 *
 * Streams FILE (gzip is detected by itself; standard input when FILE is
 * missing or "-") one claim at a time and writes a line per payment, per
 * claim and per payment end, the same bytes as `x12 remit --jsonl FILE`
 * (with --csv: one row per service line, as `x12 remit --csv`, whose file
 * column this program leaves empty).  Memory stays that of one claim
 * whatever the file's size: the writer's bytes are taken after each event.
 * Problems in the file go to stderr as "SEGNO:SEGID: message".  Exits 0
 * when the input has no errors (warnings allowed), 1 when it has, 2 when it
 * cannot be read or written.
 *
 * Build: cc remit_to_jsonl.c $(pkg-config --cflags --libs libx12)
 */
#include <stdio.h>
#include <string.h>

#include <x12/x12.h>

typedef struct out {
    x12_remit_json *json; /* one of the two */
    x12_remit_csv *csv;
} out;

/* Hands the bytes written so far to stdout; 0, or -1 when writing failed. */
static int flush_out(out *o)
{
    size_t len;
    const char *data = o->json != NULL ? x12_remit_json_data(o->json, &len)
                                       : x12_remit_csv_data(o->csv, &len);

    if (len > 0 && fwrite(data, 1, len, stdout) != len)
        return -1;
    if (o->json != NULL)
        x12_remit_json_clear(o->json);
    else
        x12_remit_csv_clear(o->csv);
    return 0;
}

static void on_problem(void *user, const x12_error *e)
{
    char line[300];

    if (x12_error_severity(e) != X12_SEV_WARNING)
        *(int *)user = 1;
    x12_error_format(e, line, sizeof line);
    fprintf(stderr, "%s\n", line);
}

int main(int argc, char **argv)
{
    int as_csv = argc > 1 && strcmp(argv[1], "--csv") == 0;
    const char *path = argc > 1 + as_csv ? argv[1 + as_csv] : "-";
    x12_remit_stream *s = NULL;
    x12_remit_event ev;
    x12_status st;
    out o = {NULL, NULL};
    int errors = 0, failed = 0;

    if (x12_remit_stream_new(NULL, NULL, &s) != X12_OK ||
        (as_csv ? x12_remit_csv_new(NULL, X12_REMIT_CSV_LINES, &o.csv)
                : x12_remit_json_new(NULL, X12_REMIT_JSON_LINES, &o.json)) != X12_OK) {
        fprintf(stderr, "remit_to_jsonl: out of memory\n");
        return 2;
    }
    st = strcmp(path, "-") == 0 ? x12_reader_open_file(x12_remit_stream_reader(s), stdin)
                                : x12_reader_open_path(x12_remit_stream_reader(s), path);
    if (st != X12_OK) {
        fprintf(stderr, "remit_to_jsonl: %s: cannot open\n", path);
        failed = 1;
    }
    x12_remit_stream_set_error_handler(s, on_problem, &errors);
    while (!failed && (st = x12_remit_stream_next(s, &ev)) == X12_OK) {
        st = o.json != NULL ? x12_remit_json_event(o.json, s, ev)
                            : x12_remit_csv_event(o.csv, s, ev);
        if (st != X12_OK || flush_out(&o) != 0)
            failed = 1;
    }
    if (!failed && st != X12_END) {
        const x12_error *e = x12_remit_stream_last_error(s);

        if (e != NULL)
            on_problem(&errors, e);
        errors = 1;
    }
    /* JSON Lines: a payment the input stopped inside gets its end line. */
    if (!failed && o.json != NULL &&
        (x12_remit_json_finish(o.json) != X12_OK || flush_out(&o) != 0))
        failed = 1;
    if (fflush(stdout) != 0)
        failed = 1;
    x12_remit_json_free(o.json);
    x12_remit_csv_free(o.csv);
    x12_remit_stream_free(s);
    return failed ? 2 : errors ? 1 : 0;
}
