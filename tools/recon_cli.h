/*
 * What x12 reconcile and x12 statements share (cmd_reconcile.c): the
 * input options (--claims, --remits, --acks, --as-of, --rules,
 * --follow-up-days), reading the files into an x12_recon with every
 * diagnostic reported by file name, and money and date text.
 */
#ifndef X12_TOOL_RECON_CLI_H
#define X12_TOOL_RECON_CLI_H

#include <stdint.h>

#include <x12/recon.h>

typedef struct recon_file {
    const char *path;
    int kind; /* 1 claims, 2 remits, 3 acks */
} recon_file;

typedef struct recon_cli {
    x12_recon *r;
    recon_file *files;
    size_t nfiles, cap;
    int list;             /* the list files go to now */
    uint64_t as_of;       /* 0: today */
    const char *rules;
    unsigned long follow_up_days;
    const char **names;   /* display name by source index */
    size_t nnames;
    uint64_t errors, warnings;
    int status;           /* worst exit status of the inputs */
} recon_cli;

/* 1 when opt was a shared option (taken), 0 when not, -2 usage error. */
int recon_cli_option(recon_cli *rc, const char *verb, const char *opt, const char *val);
/* A file after --claims/--remits/--acks; -2 (reported) before any. */
int recon_cli_file(recon_cli *rc, const char *verb, const char *file);
/* Reads everything and finishes: 0, or EXIT_USAGE (reported); data errors
 * are in rc->status. */
int recon_cli_run(recon_cli *rc, const char *verb, int keep_parties);
void recon_cli_free(recon_cli *rc);
/* The as-of date the results count to, CCYYMMDD. */
void recon_cli_as_of(const recon_cli *rc, char *buf, size_t size);
/* "1234.56", "-0.05" */
void recon_cli_money(char *buf, size_t size, int64_t cents);
/* "2025-03-20" from CCYYMMDD (else the text as it is). */
void recon_cli_date(char *buf, size_t size, x12_str d);

#endif /* X12_TOOL_RECON_CLI_H */
