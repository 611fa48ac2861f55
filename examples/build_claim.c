/*
 * build_claim - builds an 837P office-visit claim through the libx12 claim
 * API and writes the interchange to standard output.
 *
 * The program only states the encounter: who bills, who is insured, what
 * was diagnosed and done, and what it costs.  libx12 checks it (NPI check
 * digit, code shapes, diagnosis pointers, total = sum of lines, ZIP+4, ...)
 * and writes the HL tree, segment order, counts and envelopes.  The output
 * is the bundled sample examples/data/office-visit.837, byte for byte.
 *
 * Every name and number is made up (1234567893 is a test NPI that passes
 * the check digit).  Build against an installed libx12:
 *
 *     cc build_claim.c $(pkg-config --cflags --libs libx12)
 *
 * Exit status: 0 on success, 1 when an edit fails (each printed on stderr
 * as "PATH: RULE: MESSAGE") or writing fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include <x12/x12.h>

#define S X12_NTS /* the strings below are NUL-terminated */

int main(void)
{
    x12_batch *b;
    x12_billing_provider *bp;
    x12_subscriber *sub;
    x12_claim *c;
    x12_service_line *l;
    x12_party *p;
    x12_writer *w;
    x12_status st;
    size_t i;

    if (x12_batch_new(NULL, X12_CLAIM_837P, &b) != X12_OK)
        return EXIT_FAILURE;

    /* Envelope: ids, date and control numbers are given, so the output is
     * the same on every run. */
    x12_batch_set(b, X12_BATCH_SENDER_ID, "SUBMITTER01", S);
    x12_batch_set(b, X12_BATCH_RECEIVER_ID, "CLEARINGHSE01", S);
    x12_batch_set(b, X12_BATCH_DATE, "20251123", S);
    x12_batch_set(b, X12_BATCH_TIME, "0915", S);
    x12_batch_set(b, X12_BATCH_REFERENCE, "BATCH0417", S);
    x12_batch_set_option(b, X12_BATCHOPT_ISA13, 417);
    x12_batch_set_option(b, X12_BATCHOPT_GS06, 417);
    x12_batch_set_option(b, X12_BATCHOPT_ACK_REQUESTED, 1);

    /* 1000A submitter and 1000B receiver. */
    p = x12_batch_submitter(b);
    x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S);
    x12_party_set(p, X12_PARTY_ID, "SUBMITTER01", S);
    x12_party_set(p, X12_PARTY_CONTACT, "BILLING OFFICE", S);
    x12_party_set(p, X12_PARTY_PHONE, "5555550100", S);
    x12_party_set(p, X12_PARTY_EMAIL, "billing@example.invalid", S);
    p = x12_batch_receiver(b);
    x12_party_set(p, X12_PARTY_NAME, "EXAMPLE CLEARINGHOUSE", S);
    x12_party_set(p, X12_PARTY_ID, "CLEARINGHSE01", S);

    /* 2000A/2010AA billing provider: NPI, street address with ZIP+4, EIN. */
    x12_batch_add_provider(b, &bp);
    p = x12_billing_provider_party(bp);
    x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S);
    x12_party_set(p, X12_PARTY_ID, "1234567893", S);
    x12_party_set(p, X12_PARTY_TAXONOMY, "207Q00000X", S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "100 MAIN STREET", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "627011234", S);
    x12_party_set(p, X12_PARTY_EIN, "371234567", S);

    /* 2000B subscriber, who is the patient, and 2010BB payer. */
    x12_billing_provider_add_subscriber(bp, &sub);
    x12_subscriber_set(sub, X12_SUB_RESPONSIBILITY, "P", S);
    x12_subscriber_set(sub, X12_SUB_GROUP_NUMBER, "GRP0042", S);
    x12_subscriber_set(sub, X12_SUB_FILING_INDICATOR, "CI", S);
    p = x12_subscriber_party(sub);
    x12_party_set(p, X12_PARTY_NAME, "DOE", S);
    x12_party_set(p, X12_PARTY_FIRST_NAME, "JANE", S);
    x12_party_set(p, X12_PARTY_ID, "XJ0000000001", S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "62704", S);
    x12_party_set(p, X12_PARTY_BIRTH_DATE, "19800101", S);
    x12_party_set(p, X12_PARTY_GENDER, "F", S);
    p = x12_subscriber_payer(sub);
    x12_party_set(p, X12_PARTY_NAME, "EXAMPLE HEALTH PLAN", S);
    x12_party_set(p, X12_PARTY_ID, "EHP01", S);

    /* 2300 claim: $185.00 in the office (place of service 11), strep
     * pharyngitis with fever; diagnoses may be given with their dot. */
    x12_subscriber_add_claim(sub, &c);
    x12_claim_set(c, X12_CLAIM_PCN, "PCN-2025-0001", S);
    x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 18500);
    x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S);
    x12_claim_set(c, X12_CLAIM_ONSET_DATE, "20251110", S);
    x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20251120", S); /* date of every line */
    x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "J03.00", S, 0);
    x12_claim_add_diagnosis(c, X12_DX_OTHER, "R50.9", S, 0);

    /* 2400 lines: office visit with modifier 25, then a rapid strep test. */
    x12_claim_add_line(c, &l);
    x12_line_set(l, X12_LINE_PROCEDURE, "99213", S);
    x12_line_add_modifier(l, "25", S);
    x12_line_set_amount(l, X12_LINEAMT_CHARGE, 12500);
    x12_line_add_pointer(l, 1);
    x12_line_add_pointer(l, 2);
    x12_line_set(l, X12_LINE_CONTROL_NUMBER, "LINE0001", S);
    x12_claim_add_line(c, &l);
    x12_line_set(l, X12_LINE_PROCEDURE, "87880", S);
    x12_line_set_amount(l, X12_LINEAMT_CHARGE, 6000);
    x12_line_add_pointer(l, 1);
    x12_line_set(l, X12_LINE_CONTROL_NUMBER, "LINE0002", S);

    /* Every edit at once; nothing is written unless all pass. */
    if (x12_batch_check(b) != X12_OK) {
        for (i = 0; i < x12_batch_edit_count(b); i++)
            fprintf(stderr, "%s: %s: %s\n", x12_batch_edit_path(b, i),
                    x12_error_rule(x12_batch_edit_at(b, i)),
                    x12_error_message(x12_batch_edit_at(b, i)));
        x12_batch_free(b);
        return EXIT_FAILURE;
    }
    if (x12_writer_new(NULL, &w) != X12_OK) {
        x12_batch_free(b);
        return EXIT_FAILURE;
    }
    x12_writer_to_file(w, stdout);
    x12_writer_set_line_break(w, "\n");
    st = x12_batch_write(b, w);
    if (st != X12_OK)
        fprintf(stderr, "build_claim: %s\n", x12_strerror(st));
    x12_writer_free(w);
    x12_batch_free(b);
    if (st != X12_OK || fflush(stdout) != 0)
        return EXIT_FAILURE;
    return EXIT_SUCCESS;
}
