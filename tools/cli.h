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

#include <x12/x12.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

extern const char *progname;

int worst(int a, int b);
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
/* Copies a view into a new NUL-terminated string (freed with free). */
char *xstrdup_view(x12_str v);
int view_is(x12_str v, const char *s);
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
} input;

typedef struct optdef {
    const char *name; /* "--element" */
    int has_value;
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
