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
/* Cents as dollars with two decimals ("-12.50") in buf; returns buf.  The
 * text reports of remit, eligibility and status show money so. */
const char *dollars(char *buf, size_t size, int64_t cents);
/* A whole number given on the command line (--max-diagnostics=N): digits
 * only, at most UINT64_MAX.  0 with *out, -1 when it is not one. */
int parse_count(const char *val, uint64_t *out);
/* The value of --errata (x12 validate, x12 ack): X12_ERRATA_ACCEPT or
 * X12_ERRATA_REJECT for "accept" or "reject"; otherwise a usage error is
 * printed and -1 returned. */
int errata_mode(const char *verb, const char *val);
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
/* report() as an error handler (x12_error_fn) whose user is the input: the
 * readers' own lists keep a bounded number of diagnostics (junk must not
 * make memory grow); their handlers see every one. */
void report_handler(void *in, const x12_error *e);
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

/*
 * A named output file written safely (split pieces, to-xml and from-xml
 * --output, to-xml --dir).  The data goes to a new temporary file in the
 * target's directory (".NAME.XXXXXX", created with O_EXCL, mode 0666 less
 * the umask); outfile_commit flushes, fsyncs and closes it, and only then
 * gives it the target's name.  On any failure the temporary is removed: the
 * target is either the whole new file or what it was before.
 *
 * The target name is never followed when it is a symbolic link: such a
 * target is refused, with force too (replacing the link would surprise
 * whoever made it, writing through it is what an attacker plants it for;
 * the user removes it).  An existing target is refused unless `force`.
 * Without force the final step is link(2), which fails if the name appeared
 * while writing, so nothing created meanwhile is replaced either; with
 * force it is rename(2), which replaces the name itself, never writing
 * through a link planted meanwhile.
 */
typedef struct outfile {
    char *target; /* a copy of the path */
    char *tmp;    /* the temporary while open, else NULL */
    FILE *fp;     /* write here (or through a dup of fileno(fp)) */
    int force;
    int no_sync;  /* set by the caller: skip the fsync (x12 split --no-sync) */
} outfile;

/* 0 when `path` may be written: it does not exist, or it is a file (not a
 * symbolic link, not a directory) and `force` is set.  Else EXIT_USAGE
 * after a message "x12: VERB: PATH: why" on stderr. */
int outfile_check(const char *verb, const char *path, int force);
/* outfile_check, then creates the temporary.  0, or EXIT_USAGE after a
 * message; *o is then closed. */
int outfile_open(outfile *o, const char *verb, const char *path, int force);
/* Flushes, syncs (unless no_sync) and closes the temporary and gives it the
 * target's name.
 * 0, or EXIT_USAGE after a message (the temporary removed, the target as it
 * was).  *o is closed either way. */
int outfile_commit(outfile *o, const char *verb);
/* Closes and removes the temporary, leaving the target as it was; nothing
 * when *o is already closed. */
void outfile_abort(outfile *o);

/* JSON output on stdout: strings escaped per RFC 8259. */
void json_string(const char *s);
void json_key(const char *key);
void json_kv(const char *key, const char *val, int comma);
void json_kn(const char *key, uint64_t n, int comma);
void json_delim(const char *key, char c, int comma);
/* A view as a JSON string: '"' and '\\' escaped, every other byte outside
 * printable ASCII as \u00XX (its Latin-1 code point). */
void json_view(x12_str v);
/* "key":value, - a member with the comma after it (the object then ends
 * with a member written without one); json_kview and json_kstr leave an
 * empty value out. */
void json_kview(const char *key, x12_str v);
void json_kstr(const char *key, const char *s);
void json_kint(const char *key, int64_t n);
/* The bytes of a view on stdout, as they are. */
void put_view(x12_str v);

#endif /* X12_TOOL_CLI_H */
