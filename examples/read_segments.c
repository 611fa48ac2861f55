/*
 * read_segments - walk the segments of an X12 file with libx12.
 *
 *     read_segments [FILE]
 *
 * Reads FILE (gzip is detected by itself), or standard input when FILE is
 * missing or "-".  Prints one line per transaction set,
 *
 *     837 0001: 27 segments
 *
 * then a total line ("2 transaction sets, 0 errors"), and every problem the
 * reader finds on stderr as "error: SEGNO:SEGID: message" (or "warning: ...").
 * Exits 0 when the input is clean, 1 when it has errors, 2 when it cannot be
 * read.
 *
 * Build: cc read_segments.c $(pkg-config --cflags --libs libx12)
 */
#include <stdio.h>
#include <string.h>

#include <x12/x12.h>

struct counts {
    unsigned long errors;
};

/* The reader calls this for every warning and error, in input order.  The
 * record lives only during the call, so print (or copy) it here. */
static void on_error(void *user, const x12_error *e)
{
    struct counts *c = user;
    char msg[512];

    x12_error_format(e, msg, sizeof msg);
    if (x12_error_severity(e) == X12_SEV_WARNING) {
        fprintf(stderr, "warning: %s\n", msg);
    } else {
        fprintf(stderr, "error: %s\n", msg);
        c->errors++;
    }
}

/* Compares a view (not NUL-terminated) with a string. */
static int is(x12_str v, const char *s)
{
    return v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "-";
    struct counts counts = {0};
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    char st01[16] = "", st02[16] = "";
    unsigned long in_set = 0; /* segments so far in the open set, 0 outside */
    unsigned long sets = 0;

    if (x12_reader_new(NULL, &r) != X12_OK) {
        fprintf(stderr, "read_segments: out of memory\n");
        return 2;
    }
    x12_reader_set_error_handler(r, on_error, &counts);
    if (strcmp(path, "-") == 0)
        st = x12_reader_open_file(r, stdin);
    else
        st = x12_reader_open_path(r, path);
    if (st != X12_OK) {
        perror(path);
        x12_reader_free(r);
        return 2;
    }

    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_END)
            break;
        if (st != X12_OK) {
            /* Already printed by on_error.  A plain error means the bad
             * bytes were skipped and reading can go on; fatal ends it. */
            const x12_error *e = x12_reader_last_error(r);

            if (e == NULL || x12_error_severity(e) == X12_SEV_FATAL)
                break;
            continue;
        }

        /* Views such as this id are valid until the next reader call:
         * copy what must outlive it, as st01/st02 below. */
        x12_str id = x12_segment_id(seg);

        if (is(id, "ST")) {
            x12_str v01 = x12_segment_element(seg, 1);
            x12_str v02 = x12_segment_element(seg, 2);

            snprintf(st01, sizeof st01, "%.*s", (int)v01.len, v01.ptr);
            snprintf(st02, sizeof st02, "%.*s", (int)v02.len, v02.ptr);
            in_set = 1; /* ST..SE inclusive, as SE01 counts */
        } else if (in_set > 0) {
            in_set++;
        }
        if (is(id, "SE") && in_set > 0) {
            printf("%s %s: %lu segments\n", st01, st02, in_set);
            sets++;
            in_set = 0;
        }
    }
    if (st != X12_END && x12_reader_last_error(r) == NULL)
        fprintf(stderr, "read_segments: %s: %s\n", path, x12_strerror(st));
    printf("%lu transaction set%s, %lu error%s\n", sets, sets == 1 ? "" : "s", counts.errors,
           counts.errors == 1 ? "" : "s");
    x12_reader_free(r);
    if (st == X12_EIO)
        return 2;
    return counts.errors > 0 || st != X12_END ? 1 : 0;
}
