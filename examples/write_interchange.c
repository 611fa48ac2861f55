/*
 * write_interchange - writes a tiny 837P (professional claim) interchange to
 * standard output with the libx12 writer.
 *
 * The writer does the bookkeeping X12 asks for: it pads the ISA fields to
 * their fixed widths, hands out the control numbers left empty (ISA13, GS06,
 * ST02), counts segments, sets and groups for SE, GE and IEA, trims empty
 * trailing elements and refuses delimiter characters inside data.  This
 * program only says what goes in each element.
 *
 * Every name and number below is made up (the NPI 1234567893 is a test value
 * that passes the NPI check digit).  Build against an installed libx12:
 *
 *     cc write_interchange.c $(pkg-config --cflags --libs libx12)
 *
 * Exit status: 0 on success, 1 on any error (described on stderr).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <x12/x12.h>

/*
 * Writes one segment whose elements are plain values, given as strings and
 * ended by NULL.  Use "" for an empty element in the middle; empty elements
 * at the end are dropped by the writer.
 */
static x12_status segment(x12_writer *w, const char *id, ...)
{
    va_list ap;
    const char *value;
    x12_status st = x12_writer_begin(w, id);

    if (st != X12_OK)
        return st; /* no segment was opened */
    va_start(ap, id);
    while (st == X12_OK && (value = va_arg(ap, const char *)) != NULL)
        st = x12_writer_add(w, value, X12_NTS);
    va_end(ap);
    /* After a failed add, x12_writer_end discards the segment and reports
     * the same error again; either way it closes the segment. */
    return x12_writer_end(w);
}

/* Stops at the first failing call; x12_writer_last_error says what failed. */
#define TRY(call)                                                                           \
    do {                                                                                     \
        if ((st = (call)) != X12_OK)                                                         \
            goto fail;                                                                       \
    } while (0)

int main(void)
{
    x12_writer *w = NULL;
    x12_status st;
    char msg[512];

    TRY(x12_writer_new(NULL, &w));
    /* Default delimiters (* : ^ ~); a line break after each segment keeps the
     * file readable and is allowed by the guides. */
    TRY(x12_writer_to_file(w, stdout));
    TRY(x12_writer_set_line_break(w, "\n"));

    /* Interchange header.  ISA11 (repetition separator), ISA13 (control
     * number) and ISA16 (component separator) are left empty for the writer
     * to fill; every field is padded to its fixed width. */
    TRY(segment(w, "ISA", "00", "", "00", "", "ZZ", "SUBMITTER01", "ZZ", "RECEIVER01",
                "240115", "0930", "", "00501", "", "0", "T", "", (const char *)NULL));
    /* Functional group: GS06 (group control number) left to the writer. */
    TRY(segment(w, "GS", "HC", "SUBMITTER01", "RECEIVER01", "20240115", "0930", "", "X",
                "005010X222A1", (const char *)NULL));
    /* Transaction set: ST02 left to the writer ("0001"). */
    TRY(segment(w, "ST", "837", "", "005010X222A1", (const char *)NULL));
    TRY(segment(w, "BHT", "0019", "00", "BATCH0001", "20240115", "0930", "CH",
                (const char *)NULL));

    /* 1000A submitter and 1000B receiver. */
    TRY(segment(w, "NM1", "41", "2", "EXAMPLE BILLING SERVICE", "", "", "", "", "46",
                "SUBMITTER01", (const char *)NULL));
    TRY(segment(w, "PER", "IC", "BILLING OFFICE", "TE", "5555550100", (const char *)NULL));
    TRY(segment(w, "NM1", "40", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "46",
                "RECEIVER01", (const char *)NULL));

    /* 2000A billing provider and 2010AA its name, NPI, address and tax id. */
    TRY(segment(w, "HL", "1", "", "20", "1", (const char *)NULL));
    TRY(segment(w, "PRV", "BI", "PXC", "207Q00000X", (const char *)NULL));
    TRY(segment(w, "NM1", "85", "2", "EXAMPLE FAMILY CLINIC", "", "", "", "", "XX",
                "1234567893", (const char *)NULL));
    TRY(segment(w, "N3", "100 MAIN STREET", (const char *)NULL));
    TRY(segment(w, "N4", "ANYTOWN", "PA", "171110001", (const char *)NULL));
    TRY(segment(w, "REF", "EI", "990000001", (const char *)NULL));

    /* 2000B subscriber (who is the patient), 2010BA and 2010BB payer. */
    TRY(segment(w, "HL", "2", "1", "22", "0", (const char *)NULL));
    TRY(segment(w, "SBR", "P", "18", "", "", "", "", "", "", "CI", (const char *)NULL));
    TRY(segment(w, "NM1", "IL", "1", "DOE", "JANE", "", "", "", "MI", "MEMBER0001",
                (const char *)NULL));
    TRY(segment(w, "N3", "1 ELM STREET", (const char *)NULL));
    TRY(segment(w, "N4", "ANYTOWN", "PA", "171110002", (const char *)NULL));
    TRY(segment(w, "DMG", "D8", "19800101", "F", (const char *)NULL));
    TRY(segment(w, "NM1", "PR", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "PI", "PAYER01",
                (const char *)NULL));

    /* 2300 claim.  Amounts are integer cents; CLM05 is a composite
     * (place of service 11 : facility code qualifier B : frequency 1). */
    TRY(x12_writer_begin(w, "CLM"));
    TRY(x12_writer_add(w, "PATIENT0001", X12_NTS));
    TRY(x12_writer_add_cents(w, 12500)); /* "125" */
    TRY(x12_writer_add(w, "", 0));
    TRY(x12_writer_add(w, "", 0));
    TRY(x12_writer_add(w, "11", X12_NTS));
    TRY(x12_writer_add_component(w, "B", X12_NTS));
    TRY(x12_writer_add_component(w, "1", X12_NTS));
    TRY(x12_writer_add(w, "Y", X12_NTS));
    TRY(x12_writer_add(w, "A", X12_NTS));
    TRY(x12_writer_add(w, "Y", X12_NTS));
    TRY(x12_writer_add(w, "Y", X12_NTS));
    TRY(x12_writer_end(w));
    /* Principal diagnosis ABK : J06.9 (ICD-10-CM, written without the dot). */
    TRY(x12_writer_begin(w, "HI"));
    TRY(x12_writer_add(w, "ABK", X12_NTS));
    TRY(x12_writer_add_component(w, "J069", X12_NTS));
    TRY(x12_writer_end(w));

    /* 2400 service line: office visit 99213, one unit, pointing at
     * diagnosis 1. */
    TRY(segment(w, "LX", "1", (const char *)NULL));
    TRY(x12_writer_begin(w, "SV1"));
    TRY(x12_writer_add(w, "HC", X12_NTS));
    TRY(x12_writer_add_component(w, "99213", X12_NTS));
    TRY(x12_writer_add_cents(w, 12500));
    TRY(x12_writer_add(w, "UN", X12_NTS));
    TRY(x12_writer_add_uint(w, 1));
    TRY(x12_writer_add(w, "", 0));
    TRY(x12_writer_add(w, "", 0));
    TRY(x12_writer_add(w, "1", X12_NTS));
    TRY(x12_writer_end(w));
    TRY(segment(w, "DTP", "472", "D8", "20240110", (const char *)NULL));

    /* Trailers with the counts and control numbers the writer kept. */
    TRY(x12_writer_close_set(w));         /* SE*<segments>*0001 */
    TRY(x12_writer_close_group(w));       /* GE*1*<GS06> */
    TRY(x12_writer_close_interchange(w)); /* IEA*1*<ISA13> */
    /* finish checks that everything is closed and writes what is buffered;
     * freeing the writer without it would write nothing more. */
    TRY(x12_writer_finish(w));
    x12_writer_free(w);
    if (fflush(stdout) != 0) {
        perror("write_interchange: stdout");
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;

fail:
    if (w != NULL && x12_writer_last_error(w) != NULL) {
        x12_error_format(x12_writer_last_error(w), msg, sizeof msg);
        fprintf(stderr, "write_interchange: %s\n", msg);
    } else {
        fprintf(stderr, "write_interchange: %s\n", x12_strerror(st));
    }
    x12_writer_free(w);
    return EXIT_FAILURE;
}
