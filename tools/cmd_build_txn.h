/*
 * x12 build for the first and last steps of the day (tools/cmd_build_txn.c):
 * 270 eligibility inquiries from XML, 276 claim status requests from an
 * 837.  Called by cmd_build.c.
 */
#ifndef X12_TOOL_CMD_BUILD_TXN_H
#define X12_TOOL_CMD_BUILD_TXN_H

#include <stddef.h>
#include <stdio.h>

typedef struct txn_build_opts {
    const char *sent;          /* --status-request: the 837 */
    const char **pcns;         /* --pcn values */
    size_t npcns;
    const char *date, *time;   /* --date, --time (NULL: now) */
    const char *reference;     /* --reference */
    const char *control_number; /* --control-number */
    const char *line_break;
    FILE *out;                 /* where the 276 goes (NULL: standard output) */
    const char *verb;          /* for messages (NULL: "build") */
} txn_build_opts;

/* 1 when the document's root element (after the prolog) is `name`, with or
 * without a namespace prefix. */
int xml_root_is(const char *data, size_t len, const char *name);
/* Exit statuses as x12 build's: 0, EXIT_DATA (edits listed), EXIT_USAGE. */
int build_eligibility(const char *data, size_t len, const char *name, const char *brk);
int build_status_request(const txn_build_opts *o);

#endif
