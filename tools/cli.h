/*
 * Shared pieces of the x12 command-line tool: exit codes, allocation that
 * exits on failure, the input layer every verb reads through (stdin, gzip,
 * error reporting), option parsing and JSON output.  Each verb lives in its
 * own function (x12.c, cmd_*.c) and is listed in the verb table in x12.c.
 */
#ifndef X12_TOOL_CLI_H
#define X12_TOOL_CLI_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <x12/x12.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

extern const char *progname;

int worst(int a, int b);
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
/* Copies a view into a new NUL-terminated string (freed with free). */
char *xstrdup_view(x12_str v);
/* 1 when the view holds exactly the string s.  Inline: callers test every
 * segment's id against literals, and the length then folds away. */
static inline int view_is(x12_str v, const char *s)
{
    size_t n = strlen(s);

    return v.len == n && memcmp(v.ptr, s, n) == 0;
}
/* Grows a vector of `elem`-byte items to hold one more; returns the new
 * item, zeroed. */
void *vec_push(void **items, size_t *count, size_t *cap, size_t elem);
/* Prints "x12: VERB: message" and a hint to --help on stderr. */
void usage_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * One input file being read: the reader, its display name and what was
 * found.  input_next() hides the error draining every verb needs.
 */
typedef struct input {
    const char *name; /* for messages: the path, or "<stdin>" for "-" */
    x12_reader *r;
    uint64_t errors;   /* records of severity error or fatal */
    uint64_t warnings;
    int status;        /* worst exit status so far for this file */
    int fd;            /* descriptor read (ours to close when own_fd), or -1 */
    int own_fd;
    uint64_t size;     /* bytes in the file when it is a regular one, else 0 */
} input;

typedef struct optdef {
    const char *name; /* "--element" */
    int has_value; /* 0 none, 1 required, 2 optional (only as --name=VALUE) */
} optdef;

typedef struct args {
    const char *verb;
    const optdef *defs; /* terminated by a NULL name; --help is implied */
    int argc;
    char **argv;
    int i;          /* next argument */
    int only_files; /* after "--" */
} args;

/* Prints one error record as FILE:SEGNO:SEGID[-ELEM]: [warning: ]message. */
void report(input *in, const x12_error *e);
/* Opens `arg` ("-" is standard input).  Returns 0, or EXIT_USAGE after
 * printing why the file cannot be read. */
int input_open(input *in, const char *arg);
/* Next segment, reporting every warning and error found on the way.
 * 1 with a segment; 0 at the end or when the reader cannot go on. */
int input_next(input *in, const x12_segment **seg);
void input_close(input *in);

/*
 * The progress line: "x12: FILE: 120.5 of 800.0 MB (15%), 95.2 MB/s, ETA
 * 0:07" on stderr, redrawn at most 4 times a second and erased when the
 * file is done.  It appears only when stderr is a terminal and the file has
 * taken more than a second, never with --no-progress (any verb; next_arg
 * takes it) or X12_PROGRESS=off; X12_PROGRESS=force draws it on any stderr
 * from the start (for tests).  Bytes are those read from the file (for
 * .gz, compressed bytes against the file's size).  input_next calls
 * progress_tick itself; verbs reading through their own loop call it once
 * per segment.  progress_clear erases the line before other output on
 * stderr (report() does).
 */
void progress_tick(input *in);
void progress_clear(void);
/* Flushes stdout; 1 (after a message) when a write failed. */
int output_failed(void);
/* Returns 1 with *opt (one of the defs, or "--help") and *val for the next
 * option, 0 with *file for the next file, -1 at the end, -2 on a usage
 * error already reported. */
int next_arg(args *a, const char **opt, const char **val, const char **file);

/* JSON output on stdout: strings escaped per RFC 8259. */
void json_string(const char *s);
void json_key(const char *key);
void json_kv(const char *key, const char *val, int comma);
void json_kn(const char *key, uint64_t n, int comma);
void json_delim(const char *key, char c, int comma);

#endif /* X12_TOOL_CLI_H */
