/*
 * claim837_content: the 837 content the builder learned after its first
 * release - the DRG, ambulance transport, purchased services and the
 * other segments of the guides (doc/837-COVERAGE.md lists them).
 *
 * For every field the same proof:
 *  - a claim that uses it builds, and the file reads back with nothing
 *    reported by the reader or by the validator (strict) against its
 *    guide (read_back);
 *  - round_trip(): the 837 reader gives every value back (no "not-kept"
 *    diagnostic, nothing at all reported), and the claims it hands out,
 *    copied into a new batch, write the same bytes again;
 *  - the field's segment is where the guide puts it (asserted on the bytes);
 *  - each edit of the field has a hand-made defect with its exact path, rule
 *    and message.
 */
#include <stdarg.h>

#include "claim837_util.h"

/* ---- helpers ---------------------------------------------------------------------- */

/* Reads `data` with the claim stream: every claim comes back without any
 * diagnostic, and the copies of its claims (header from the first) write
 * the same bytes. */
static void round_trip(const char *data, size_t len)
{
    x12_claim_stream *s;
    x12_batch *copy = NULL;
    x12_status st;
    tbuf again = {0};
    size_t n = 0;

    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), data, len), X12_OK);
    while ((st = x12_claim_stream_next(s)) == X12_OK) {
        size_t i;
        for (i = 0; i < x12_claim_stream_error_count(s); i++) {
            char msg[256];
            x12_error_format(x12_claim_stream_error_at(s, i), msg, sizeof msg);
            ck_abort_msg("read back: %s", msg);
        }
        ck_assert_uint_eq(x12_claim_stream_not_kept_count(s), 0);
        if (copy == NULL) {
            ck_assert_int_eq(x12_batch_new(NULL, x12_claim_stream_kind(s), &copy), X12_OK);
            ck_assert_int_eq(x12_batch_copy_header(copy, x12_claim_stream_header(s)), X12_OK);
        }
        ck_assert_int_eq(x12_claim_stream_copy_claim(s, copy, NULL), X12_OK);
        n++;
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_NOT_KEPT), 0);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_ERRORS), 0);
    ck_assert_uint_gt(n, 0);
    ck_assert_int_eq(build(copy, &again), X12_OK);
    ck_assert_msg(again.len == len && memcmp(again.p, data, len) == 0,
                  "the copies write other bytes:\n%s\nthan the original:\n%.*s", again.p,
                  (int)len, data);
    tbuf_free(&again);
    x12_batch_free(copy);
    x12_claim_stream_free(s);
}

/* An example encounter with text replacements (pairs from, to; NULL
 * ends), loaded into a batch. */
static x12_batch *load_changed(const char *file, ...)
{
    size_t len;
    char *text = slurp_encounter(file, &len), *next;
    const char *from, *to;
    x12_batch *b;
    va_list ap;

    va_start(ap, file);
    while ((from = va_arg(ap, const char *)) != NULL) {
        to = va_arg(ap, const char *);
        next = replace(text, from, to);
        free(text);
        text = next;
    }
    va_end(ap);
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, text, strlen(text), file), X12_OK);
    free(text);
    return b;
}

/* Builds a batch that must pass every edit, checks the file as a receiver
 * would and reads it back (round_trip); the bytes are left in out. */
static void build_ok(x12_batch *b, tbuf *out)
{
    tbuf edits = {0};

    edits_text(b, &edits);
    ck_assert_msg(build(b, out) == X12_OK, "edits:\n%s", edits.p);
    read_back(out->p, out->len);
    round_trip(out->p, out->len);
    tbuf_free(&edits);
}

/* The edits of a batch, exactly `want` ("path|rule|message\n" each). */
static void edits_are(x12_batch *b, const char *want)
{
    tbuf got = {0};

    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    edits_text(b, &got);
    ck_assert_msg(strcmp(got.p, want) == 0, "got:\n%swant:\n%s", got.p, want);
    tbuf_free(&got);
}

/* The same example as JSON Lines (examples/encounters/NAME.jsonl) with one
 * replacement, built through the streaming JSON Lines reader. */
static x12_status build_jsonl(const char *file, const char *from, const char *to, tbuf *out)
{
    size_t len;
    char *orig = slurp_encounter(file, &len), *text = replace(orig, from, to);
    x12_batch *b;
    x12_writer *w;
    x12_status st;
    const char *p;
    size_t n;

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    st = x12_batch_build_jsonl_buffer(b, text, strlen(text), file, w);
    p = x12_writer_memory(w, &n);
    if (st == X12_OK)
        tbuf_add(out, p, n);
    x12_writer_free(w);
    x12_batch_free(b);
    free(text);
    free(orig);
    return st;
}

static void has(const tbuf *out, const char *text)
{
    ck_assert_msg(strstr(out->p, text) != NULL, "no '%s' in:\n%s", text, out->p);
}

/* A hand edit of the builder's text (one SE): `from` replaced by `to`, SE01
 * counting the segments added or taken away (by their terminators). */
static char *hand_edit(const char *text, const char *from, const char *to)
{
    char *t = replace(text, from, to), *se = strstr(t, "\nSE*"), *next, old[32], now[32];
    long n, delta = 0;
    const char *c;

    for (c = to; *c; c++)
        delta += *c == '~';
    for (c = from; *c; c++)
        delta -= *c == '~';
    ck_assert_ptr_nonnull(se);
    n = strtol(se + 4, NULL, 10);
    snprintf(old, sizeof old, "\nSE*%ld*", n);
    snprintf(now, sizeof now, "\nSE*%ld*", n + delta);
    next = replace(t, old, now);
    free(t);
    return next;
}

/* ---- DRG (837I 2300 HI*DR) ------------------------------------------------------------ */

/* An inpatient claim with the DRG the hospital assigned: HI*DR after the
 * admitting diagnosis and before the other diagnoses, as the guide orders
 * its HI segments. */
START_TEST(test_drg)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" drg=\"470\"", NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "HI*ABJ:R1031~\nHI*DR:470~\nHI*ABF:E119");
    /* the JSON Lines form names it the same */
    ck_assert_int_eq(build_jsonl("inpatient-stay.jsonl", "\"bill_type\": \"111\"",
                                 "\"bill_type\": \"111\", \"drg\": \"470\"", &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_drg_edits)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" drg=\"47 0\"", NULL);

    edits_are(b, "claim[1].drg|code-format|DRG code must be upper-case letters and digits\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                     "bill_type=\"111\" drg=\"4700000000000000000000000000000\"", NULL);
    edits_are(b, "claim[1].drg|too-long|DRG code is 31 characters long; at most 30\n");
    x12_batch_free(b);
    b = load_changed("office-visit.xml", "place_of_service=\"11\"",
                     "place_of_service=\"11\" drg=\"470\"", NULL);
    edits_are(b, "claim[1].drg|not-used|DRG code is not used on an 837P claim\n");
    x12_batch_free(b);
}
END_TEST

/* A second HI*DR is more than the model holds: reported, not dropped. */
START_TEST(test_drg_twice_read)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" drg=\"470\"", NULL);
    tbuf out = {0}, twice = {0};
    x12_claim_stream *s;
    const char *at;
    int found = 0;
    size_t i;

    ck_assert_int_eq(build(b, &out), X12_OK);
    at = strstr(out.p, "HI*DR:470~");
    ck_assert_ptr_nonnull(at);
    tbuf_add(&twice, out.p, (size_t)(at - out.p));
    tbuf_str(&twice, "HI*DR:470*DR:471~");
    tbuf_str(&twice, at + strlen("HI*DR:470~"));
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), twice.p, twice.len),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_str_eq(x12_claim_get(x12_claim_stream_claim(s), X12_CLAIM_DRG).ptr, "470");
    for (i = 0; i < x12_claim_stream_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_error_at(s, i);
        if (strcmp(x12_error_rule(e), "not-kept") == 0 &&
            strcmp(x12_error_segment_id(e), "HI") == 0 && x12_error_element(e) == 2)
            found = 1;
    }
    ck_assert_msg(found, "the second DR composite is not reported");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&twice);
    x12_batch_free(b);
}
END_TEST

/* ---- ambulance transport (837P: CR1, CRC*07, 2310E/F, 2420G/H, QTY*PT, PWK) ---- */

#define AMB "ambulance-transport.xml"

/* examples/encounters/ambulance-transport.xml: the whole set at the claim
 * level, in the guide's order, from XML and JSON Lines alike. */
START_TEST(test_ambulance_claim)
{
    x12_batch *b = load_changed(AMB, NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    assert_golden(&out, "claim837-ambulance-transport.837");
    has(&out, "CLM*AMB-250301-01*758***41:B:1*Y*A*Y*Y~\nPWK*AM*FX***AC*AMBCERT0301~\n"
              "CR1*LB*175**A*DH*12****PATIENT UNABLE TO SIT~\nCRC*07*Y*01*04*09~\n"
              "CRC*07*N*07~\nHI*ABK:S72001A*ABF:W19XXXA~\nNM1*PW*2~\n"
              "N3*1129 REINDEER ROAD~\nN4*SPRINGFIELD*IL*62704~\n"
              "NM1*45*2*MERCY GENERAL HOSPITAL~\nN3*1500 HOSPITAL DRIVE~\n"
              "N4*SPRINGFIELD*IL*62702~\nLX*1~");
    ck_assert_int_eq(build_jsonl("ambulance-transport.jsonl", "\"AMB0303\"", "\"AMB0303\"", &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* A line's own transport, certification, patient count, locations and
 * attachment: 2400 PWK, CR1, CRC before DTP*472, QTY after it, 2420G/H
 * after the line's other providers. */
START_TEST(test_ambulance_line)
{
    x12_batch *b = load_changed(
        AMB, "<line procedure=\"A0427\" modifiers=\"RH\" charge=\"650.00\" pointers=\"1\"\n"
             "              control_number=\"AMB1\"/>",
        "<line procedure=\"A0427\" modifiers=\"RH\" charge=\"650.00\" pointers=\"1\""
        " control_number=\"AMB1\" transport_reason=\"B\" transport_miles=\"14.5\""
        " round_trip_purpose=\"DIALYSIS\" ambulance_conditions_met=\"01 12\""
        " ambulance_patients=\"2\">"
        "<attachment report_type=\"AM\" transmission=\"EL\" control_number=\"AMBLINE1\"/>"
        "<provider role=\"referring\" name=\"BECK\" first_name=\"LIV\"/>"
        "<provider role=\"ambulance_pickup\" address1=\"9 FARM LANE\" city=\"CHATHAM\""
        " state=\"IL\" zip=\"62629\"/>"
        "<provider role=\"ambulance_dropoff\" address1=\"2 CLINIC WAY\" city=\"SPRINGFIELD\""
        " state=\"IL\" zip=\"62702\"/></line>",
        NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "SV1*HC:A0427:RH*650*UN*1***1~\nPWK*AM*EL***AC*AMBLINE1~\n"
              "CR1****B*DH*14.5***DIALYSIS~\nCRC*07*Y*01*12~\nDTP*472*D8*20250301~\n"
              "QTY*PT*2~\nREF*6R*AMB1~\nNM1*DN*1*BECK*LIV~\nNM1*PW*2~\n"
              "N3*9 FARM LANE~\nN4*CHATHAM*IL*62629~\nNM1*45*2~\nN3*2 CLINIC WAY~\n"
              "N4*SPRINGFIELD*IL*62702~\nLX*2~");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

static const struct amb_case {
    const char *from, *to, *want;
} amb_cases[] = {
    {" transport_reason=\"A\"", "",
     "claim[1].transport_reason|required|ambulance transport reason code (CR104) of the "
     "ambulance transport information is required\n"},
    {"transport_reason=\"A\"", "transport_reason=\"Z\"",
     "claim[1].transport_reason|code-value|CR104 ambulance transport reason is not one of A B C "
     "D E\n"},
    {" transport_miles=\"12\"", "",
     "claim[1].transport_miles|required|transport distance (CR106) of the ambulance transport "
     "information is required\n"},
    {"patient_weight=\"175\"", "patient_weight=\"heavy\"",
     "claim[1].patient_weight|quantity-format|patient weight must be a positive decimal number "
     "(pounds)\n"},
    {"transport_miles=\"12\"", "transport_miles=\"0\"",
     "claim[1].transport_miles|quantity-format|transport distance must be a positive decimal "
     "number (miles)\n"},
    {"ambulance_conditions_met=\"01 04 09\"", "ambulance_conditions_met=\"01 03\"",
     "claim[1].ambulance_conditions_met|code-value|ambulance conditions met: condition 2 is not "
     "one of 01 04 05 06 07 08 09 12\n"},
    {"ambulance_conditions_unmet=\"07\"", "ambulance_conditions_unmet=\"04\"",
     "claim[1].ambulance_conditions_unmet|code-repeated|ambulance condition 04 is given twice\n"},
    {"ambulance_conditions_met=\"01 04 09\" ambulance_conditions_unmet=\"07\"",
     "ambulance_conditions_met=\"01 04 05 06 07 08\" ambulance_conditions_unmet=\"09 12 01 04 05 "
     "06\"",
     "claim[1].ambulance_conditions_unmet|code-repeated|ambulance condition 01 is given twice\n"
     "claim[1].ambulance_conditions_unmet|code-repeated|ambulance condition 04 is given twice\n"
     "claim[1].ambulance_conditions_unmet|code-repeated|ambulance condition 05 is given twice\n"
     "claim[1].ambulance_conditions_unmet|code-repeated|ambulance condition 06 is given twice\n"
     "claim[1].ambulance_conditions_met|too-many|the ambulance conditions need 4 CRC*07 "
     "segments (five codes to one); at most 3\n"},
    {"<provider role=\"ambulance_pickup\" address1=\"1129 REINDEER ROAD\" city=\"SPRINGFIELD\"\n"
     "                  state=\"IL\" zip=\"62704\"/>", "",
     "claim[1].ambulance_pickup|required|the ambulance pick-up location (2310E) is required on "
     "an ambulance claim\n"},
    {"<provider role=\"ambulance_pickup\" ", "<provider role=\"ambulance_pickup\" name=\"HOME\" ",
     "claim[1].ambulance_pickup.name|not-used|ambulance pick-up location name is not used "
     "(NM103)\n"},
    {"<provider role=\"ambulance_pickup\" ",
     "<provider role=\"ambulance_pickup\" npi=\"1234567893\" ",
     "claim[1].ambulance_pickup.npi|not-used|ambulance pick-up location identifier is not used "
     "(NM108/NM109)\n"},
    {"<provider role=\"ambulance_pickup\" ",
     "<provider role=\"ambulance_pickup\" entity=\"person\" ",
     "claim[1].ambulance_pickup.entity|organization-only|the ambulance pick-up location must be "
     "an organization (NM102 2)\n"},
    {"address1=\"1500 HOSPITAL DRIVE\" city=\"SPRINGFIELD\"", "address1=\"1500 HOSPITAL DRIVE\"",
     "claim[1].ambulance_dropoff.city|required|ambulance drop-off location city is required\n"},
    {"transmission=\"FX\"", "transmission=\"ZZ\"",
     "claim[1].attachment[1].transmission|code-value|PWK02 report transmission is not one of AA "
     "BM EL EM FT FX\n"},
    {" control_number=\"AMBCERT0301\"", "",
     "claim[1].attachment[1].control_number|required|attachment control number (PWK06) is "
     "required unless the attachment is available on request (AA)\n"},
    {"transmission=\"FX\"", "transmission=\"AA\"",
     "claim[1].attachment[1].control_number|not-used|an attachment control number (PWK06) is "
     "not used for one available on request (AA)\n"},
    {"control_number=\"AMBCERT0301\"", "control_number=\"A\"",
     "claim[1].attachment[1].control_number|too-short|attachment control number is 1 character "
     "long; at least 2\n"},
    {"report_type=\"AM\"", "report_type=\"XX\"",
     "claim[1].attachment[1].report_type|code-value|PWK01 report type is not one of 03 04 05 06 "
     "07 08 09 10 11 13 15 21 A3 A4 AM AS B2 B3 B4 BR BS BT CB CK CT D2 DA DB DG DJ DS EB HC HR "
     "I5 IR LA M1 MT NN OB OC OD OE OX OZ P4 P5 PE PN PO PQ PY PZ RB RR RT RX SG V5 XP\n"},
    /* a line's own transport needs the claim's */
    {"patient_weight=\"175\" transport_reason=\"A\"\n             transport_miles=\"12\" "
     "stretcher_purpose=\"PATIENT UNABLE TO SIT\"",
     "", "claim[1].transport_reason|required|the claim's ambulance transport information (2300 "
     "CR1: reason, distance) is required when a line has its own\n"},
    {"control_number=\"AMB2\"", "control_number=\"AMB2\" ambulance_patients=\"two\"",
     "claim[1].line[2].ambulance_patients|quantity-format|ambulance patient count must be a "
     "positive number\n"},
};

START_TEST(test_ambulance_edits)
{
    const struct amb_case *k = &amb_cases[_i];
    x12_batch *b;

    if (_i == 18) /* the lines carry the transport instead */
        b = load_changed(AMB, k->from, k->to, "control_number=\"AMB2\"",
                         "control_number=\"AMB2\" transport_reason=\"A\" transport_miles=\"12\"",
                         NULL);
    else
        b = load_changed(AMB, k->from, k->to, NULL);
    edits_are(b, k->want);
    x12_batch_free(b);
}
END_TEST

/* The ambulance segments are 837P segments: an 837I claim is told so. */
START_TEST(test_ambulance_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "bill_type=\"111\"", "bill_type=\"111\" transport_reason=\"A\"",
        "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" units=\"4\"/>",
        "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" units=\"4\""
        " ambulance_patients=\"2\" transport_miles=\"3\"><attachment report_type=\"AM\""
        " transmission=\"AA\"/><provider role=\"ambulance_pickup\" address1=\"1 A ST\""
        " city=\"SPRINGFIELD\" state=\"IL\" zip=\"62704\"/></line>",
        NULL);

    edits_are(b, "claim[1].transport_reason|not-used|ambulance transport reason code is not "
                 "used on an 837I claim\n"
                 "claim[1].line[1].transport_miles|not-used|transport distance is not used on an "
                 "837I line\n"
                 "claim[1].line[1].ambulance_patients|not-used|ambulance patient count is not "
                 "used on an 837I line\n"
                 "claim[1].line[1].ambulance_pickup|not-used|an ambulance_pickup provider is not "
                 "used on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* A second CR1 in a claim is more than the model holds: reported. */
START_TEST(test_ambulance_cr1_twice_read)
{
    x12_batch *b = load_changed(AMB, NULL);
    tbuf out = {0}, twice = {0};
    x12_claim_stream *s;
    const char *at;
    size_t i;
    int found = 0;

    ck_assert_int_eq(build(b, &out), X12_OK);
    at = strstr(out.p, "CRC*07*Y");
    ck_assert_ptr_nonnull(at);
    tbuf_add(&twice, out.p, (size_t)(at - out.p));
    tbuf_str(&twice, "CR1*LB*180**A*DH*13~\n");
    tbuf_str(&twice, at);
    /* SE01 counts one more segment */
    at = strstr(twice.p, "SE*39*");
    ck_assert_ptr_nonnull(at);
    memcpy((char *)at, "SE*40*", 6);
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), twice.p, twice.len),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_str_eq(x12_claim_get(x12_claim_stream_claim(s), X12_CLAIM_PATIENT_WEIGHT).ptr, "175");
    for (i = 0; i < x12_claim_stream_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_error_at(s, i);
        found |= strcmp(x12_error_rule(e), "not-kept") == 0 &&
                 strcmp(x12_error_segment_id(e), "CR1") == 0;
    }
    ck_assert_msg(found, "the second CR1 is not reported");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&twice);
    x12_batch_free(b);
}
END_TEST

/* ---- purchased services (837P 2400 PS1, 2420B) ------------------------------------- */

#define OFFICE "office-visit.xml"
#define LINE2 "<line procedure=\"87880\" charge=\"60.00\" pointers=\"1\" control_number=\"LINE0002\"/>"
#define LINE2_PS(attrs, inner)                                                            \
    "<line procedure=\"87880\" charge=\"60.00\" pointers=\"1\" control_number=\"LINE0002\"" \
    attrs ">" inner "</line>"
#define PS_ATTRS " purchased_service_id=\"1234567893\" purchased_service_charge=\"45.00\""
#define PS_LAB                                                                            \
    "<provider role=\"purchased_service\" entity=\"organization\" name=\"VALLEY REFERENCE "  \
    "LAB\" npi=\"1234567893\"/>"

/* A test the practice bought from a laboratory: PS1 after the line's REF
 * (the guide puts it after AMT, K3 and NTE, before HCP and 2410), the
 * laboratory in 2420B after the line's rendering provider. */
START_TEST(test_purchased_service)
{
    x12_batch *b = load_changed(OFFICE, LINE2, LINE2_PS(PS_ATTRS, PS_LAB), NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "SV1*HC:87880*60*UN*1***1~\nDTP*472*D8*20251120~\nREF*6R*LINE0002~\n"
              "PS1*1234567893*45~\nNM1*QB*2*VALLEY REFERENCE LAB*****XX*1234567893~\nSE*");
    ck_assert_int_eq(
        build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0002\"",
                    "\"control_number\": \"LINE0002\", \"purchased_service_id\": \"1234567893\","
                    " \"purchased_service_charge_cents\": 4500, \"providers\": [{\"role\":"
                    " \"purchased_service\", \"entity\": \"organization\", \"name\": \"VALLEY"
                    " REFERENCE LAB\", \"npi\": \"1234567893\"}]",
                    &jl),
        X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
    /* a person, with no NPI: NM108/NM109 are situational */
    b = load_changed(OFFICE, LINE2,
                     LINE2_PS(PS_ATTRS, "<provider role=\"purchased_service\" name=\"ROSS\""
                                        " first_name=\"ANN\"/>"),
                     NULL);
    build_ok(b, &out);
    has(&out, "PS1*1234567893*45~\nNM1*QB*1*ROSS*ANN~\nSE*");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

static const struct ps_case {
    const char *attrs, *inner, *want;
} ps_cases[] = {
    {" purchased_service_id=\"1234567893\"", "",
     "claim[1].line[2].purchased_service_charge|required|purchased service charge (PS102) is "
     "required with its provider identifier\n"},
    {" purchased_service_charge=\"45.00\"", "",
     "claim[1].line[2].purchased_service_id|required|purchased service provider identifier "
     "(PS101) is required\n"},
    {" purchased_service_id=\"1234567893\" purchased_service_charge=\"-45.00\"", "",
     "claim[1].line[2].purchased_service_charge|amount-negative|purchased service charge must "
     "not be negative\n"},
    {" purchased_service_id=\"123456789012345678901234567890123456789012345678901\""
     " purchased_service_charge=\"45.00\"",
     "",
     "claim[1].line[2].purchased_service_id|too-long|purchased service provider identifier is 51 "
     "characters long; at most 50\n"},
    {PS_ATTRS, "<provider role=\"purchased_service\" entity=\"organization\" name=\"LAB\""
               " npi=\"1234567890\"/>",
     "claim[1].line[2].purchased_service.npi|npi-check-digit|line purchased_service provider "
     "NPI check digit is wrong (Luhn with the 80840 prefix)\n"},
    {PS_ATTRS, "<provider role=\"purchased_service\" name=\"ROSS\"/>",
     "claim[1].line[2].purchased_service.first_name|required|line purchased_service provider "
     "first name is required\n"},
};

START_TEST(test_purchased_service_edits)
{
    const struct ps_case *k = &ps_cases[_i];
    char *line = malloc(strlen(k->attrs) + strlen(k->inner) + 256);
    x12_batch *b;

    ck_assert_ptr_nonnull(line);
    sprintf(line, LINE2_PS("%s", "%s"), k->attrs, k->inner);
    b = load_changed(OFFICE, LINE2, line, NULL);
    edits_are(b, k->want);
    x12_batch_free(b);
    free(line);
}
END_TEST

/* PS1 and 2420B are 837P segments. */
START_TEST(test_purchased_service_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml",
        "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" units=\"4\"/>",
        "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" units=\"4\"" PS_ATTRS ">"
        PS_LAB "</line>",
        NULL);

    edits_are(b, "claim[1].line[1].purchased_service_id|not-used|purchased service (PS1) is not "
                 "used on an 837I line\n"
                 "claim[1].line[1].purchased_service_charge|not-used|purchased service (PS1) is "
                 "not used on an 837I line\n"
                 "claim[1].line[1].purchased_service|not-used|a purchased_service provider is not "
                 "used on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* A second PS1 in a line is more than the model holds: reported. */
START_TEST(test_purchased_service_twice_read)
{
    x12_batch *b = load_changed(OFFICE, LINE2, LINE2_PS(PS_ATTRS, ""), NULL);
    tbuf out = {0}, twice = {0};
    x12_claim_stream *s;
    x12_service_line *l;
    const char *at;
    int64_t cents = 0;
    size_t i;
    int found = 0;

    ck_assert_int_eq(build(b, &out), X12_OK);
    at = strstr(out.p, "PS1*");
    ck_assert_ptr_nonnull(at);
    at = strchr(at, '\n') + 1;
    tbuf_add(&twice, out.p, (size_t)(at - out.p));
    tbuf_str(&twice, "PS1*1234567893*50~\n");
    tbuf_str(&twice, at);
    at = strstr(twice.p, "\nSE*");
    ck_assert_ptr_nonnull(at);
    at++;
    {
        /* SE01 counts one more segment */
        unsigned n = (unsigned)strtoul(at + 3, NULL, 10);
        char se[32];
        int w = snprintf(se, sizeof se, "SE*%u*", n + 1);
        ck_assert_int_eq(w, (int)(strchr(at + 3, '*') + 1 - at));
        memcpy((char *)at, se, (size_t)w);
    }
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), twice.p, twice.len),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    l = x12_claim_first_line(x12_claim_stream_claim(s));
    l = x12_line_next(l);
    ck_assert_int_eq(x12_line_get_amount(l, X12_LINEAMT_PURCHASED_SERVICE_CHARGE, &cents), 1);
    ck_assert_int_eq(cents, 4500);
    for (i = 0; i < x12_claim_stream_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_error_at(s, i);
        found |= strcmp(x12_error_rule(e), "not-kept") == 0 &&
                 strcmp(x12_error_segment_id(e), "PS1") == 0;
    }
    ck_assert_msg(found, "the second PS1 is not reported");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&twice);
    x12_batch_free(b);
}
END_TEST

/* ---- claim dates, references and amounts the table writes (2300 DTP, REF, AMT) ------ */

#define P_DATES                                                                          \
    " initial_treatment_date=\"20251101\" last_seen_date=\"20251015\""                  \
    " acute_manifestation_date=\"20251110\" last_menstrual_period=\"20251020\""         \
    " last_xray_date=\"20251112\" prescription_date=\"20251105\""                       \
    " last_worked_date=\"20251114\" return_to_work_date=\"20251201\""                   \
    " first_contact_date=\"20251116\" repricer_received_date=\"20251122\""
#define P_REFS                                                                           \
    " mammography_certification=\"MC123456\" clia_number=\"12D3456789\""                \
    " repriced_claim_number=\"RP0001\" adjusted_repriced_claim_number=\"RP0002\""       \
    " intermediary_claim_id=\"CH7781234\" demonstration_project=\"DP42\""

/* Every 837P claim date and reference: DTPs in the guide's order after CLM
 * (between the onset and admission dates where those are), REFs in the
 * guide's order around the referral number and the medical record number. */
START_TEST(test_claim_dates_refs_837p)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\""
                                " accident_date=\"20251109\" admission_date=\"20251113\""
                                " medical_record=\"MR77\"" P_DATES P_REFS,
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "DTP*431*D8*20251110~\nDTP*454*D8*20251101~\nDTP*304*D8*20251015~\n"
              "DTP*453*D8*20251110~\nDTP*439*D8*20251109~\nDTP*484*D8*20251020~\n"
              "DTP*455*D8*20251112~\nDTP*471*D8*20251105~\nDTP*297*D8*20251114~\n"
              "DTP*296*D8*20251201~\nDTP*435*D8*20251113~\nDTP*444*D8*20251116~\n"
              "DTP*050*D8*20251122~\nREF*EW*MC123456~\n");
    has(&out, "REF*X4*12D3456789~\nREF*9A*RP0001~\nREF*9C*RP0002~\nREF*D9*CH7781234~\n"
              "REF*EA*MR77~\nREF*P4*DP42~\nHI*");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\","
                                 " \"accident_date\": \"20251109\", \"admission_date\":"
                                 " \"20251113\", \"medical_record\": \"MR77\","
                                 " \"initial_treatment_date\": \"20251101\", \"last_seen_date\":"
                                 " \"20251015\", \"acute_manifestation_date\": \"20251110\","
                                 " \"last_menstrual_period\": \"20251020\", \"last_xray_date\":"
                                 " \"20251112\", \"prescription_date\": \"20251105\","
                                 " \"last_worked_date\": \"20251114\", \"return_to_work_date\":"
                                 " \"20251201\", \"first_contact_date\": \"20251116\","
                                 " \"repricer_received_date\": \"20251122\","
                                 " \"mammography_certification\": \"MC123456\", \"clia_number\":"
                                 " \"12D3456789\", \"repriced_claim_number\": \"RP0001\","
                                 " \"adjusted_repriced_claim_number\": \"RP0002\","
                                 " \"intermediary_claim_id\": \"CH7781234\","
                                 " \"demonstration_project\": \"DP42\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* The 837I's: the repricer received date after the admission date, the
 * patient's estimated amount due (AMT*F3), the references both guides
 * have. */
START_TEST(test_claim_dates_refs_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" repricer_received_date=\"20250118\""
                                " patient_estimated_due=\"250.00\" repriced_claim_number=\"RP1\""
                                " adjusted_repriced_claim_number=\"RP2\""
                                " intermediary_claim_id=\"CH1\" demonstration_project=\"DP9\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "DTP*050*D8*20250118~\nCL1*");
    has(&out, "AMT*F3*250~\n");
    has(&out, "REF*9A*RP1~\nREF*9C*RP2~\nREF*D9*CH1~\n");
    has(&out, "REF*P4*DP9~\n");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_claim_dates_refs_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" last_seen_date=\"20250231\""
                                " return_to_work_date=\"20251301\"",
                                NULL);

    edits_are(b, "claim[1].last_seen_date|date-invalid|last seen date is not a real calendar "
                 "date in the form CCYYMMDD\n"
                 "claim[1].return_to_work_date|date-invalid|authorized return to work date is "
                 "not a real calendar date in the form CCYYMMDD\n");
    x12_batch_free(b);
    b = load_changed(OFFICE, "place_of_service=\"11\"",
                     "place_of_service=\"11\" patient_estimated_due=\"10.00\""
                     " intermediary_claim_id=\"" /* 51 characters */
                     "123456789012345678901234567890123456789012345678901\"",
                     NULL);
    edits_are(b, "claim[1].intermediary_claim_id|too-long|claim identifier for transmission "
                 "intermediaries is 51 characters long; at most 50\n"
                 "claim[1].patient_estimated_due|not-used|patient estimated amount due is not "
                 "used on an 837P claim\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                     "bill_type=\"111\" clia_number=\"12D3456789\" last_seen_date=\"20250101\""
                     " repricer_received_date=\"20250132\"",
                     NULL);
    edits_are(b, "claim[1].last_seen_date|not-used|last seen date is not used on an 837I claim\n"
                 "claim[1].clia_number|not-used|CLIA number is not used on an 837I claim\n"
                 "claim[1].repricer_received_date|date-invalid|repricer received date is not a "
                 "real calendar date in the form CCYYMMDD\n");
    x12_batch_free(b);
}
END_TEST

/* ---- notes (2300 and 2400 NTE) ------------------------------------------------------ */

/* 837P: the claim note after the claim's REFs, before CR1/HI; the line note
 * and the third party organization note after the line's REF and AMT,
 * before PS1; the same bytes from JSON Lines. */
START_TEST(test_notes_837p)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" note_code=\"DGN\""
                                " note=\"SYMPTOMS STARTED AFTER TRAVEL\"",
                                "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" note_code=\"ADD\""
                                " note=\"RAPID STREP NEGATIVE\" third_party_note=\"REPRICED 2\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "\nNTE*DGN*SYMPTOMS STARTED AFTER TRAVEL~\nHI*");
    has(&out, "REF*6R*LINE0001~\nNTE*ADD*RAPID STREP NEGATIVE~\nNTE*TPO*REPRICED 2~\nLX*2~");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\", \"note_code\": \"DGN\","
                                 " \"note\": \"SYMPTOMS STARTED AFTER TRAVEL\"",
                                 &jl),
                     X12_OK);
    has(&jl, "\nNTE*DGN*SYMPTOMS STARTED AFTER TRAVEL~\nHI*");
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: the claim note, then the billing note (NTE*ADD), before HI; a
 * line's third party organization note. */
START_TEST(test_notes_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" note_code=\"MED\" note=\"ON ANTICOAGULANTS\""
                                " billing_note=\"LATE CHARGES FOLLOW\"",
                                "units=\"4\"", "units=\"4\" third_party_note=\"NETWORK RATE\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "\nNTE*MED*ON ANTICOAGULANTS~\nNTE*ADD*LATE CHARGES FOLLOW~\nHI*");
    has(&out, "\nNTE*TPO*NETWORK RATE~\n");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_notes_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" note_code=\"MED\" note=\"A\""
                                " billing_note=\"B\"",
                                "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" note=\"NO CODE\"",
                                "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" note_code=\"DCP\"", NULL);

    edits_are(b, "claim[1].billing_note|not-used|billing note is not used on an 837P claim\n"
                 "claim[1].note_code|code-value|claim note reference code is not one of "
                 "ADD CER DCP DGN TPO\n"
                 "claim[1].line[1].note_code|required|line note reference code (NTE01) is "
                 "required with the note's text\n"
                 "claim[1].line[2].note|required|line note text (NTE02) is required with its "
                 "reference code\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                     "bill_type=\"111\" note_code=\"ADD\" note=\"" /* 81 characters */
                     "123456789012345678901234567890123456789012345678901234567890123456789012345"
                     "678901\"",
                     "units=\"4\"", "units=\"4\" note_code=\"ADD\" note=\"X\"", NULL);
    edits_are(b, "claim[1].note|too-long|claim note is 81 characters long; at most 80\n"
                 "claim[1].note_code|code-value|claim note reference code is not one of "
                 "ALG DCP DGN DME MED NTR ODT RHB RLH RNH SET SFM SPT UPI\n"
                 "claim[1].line[1].note_code|not-used|line note reference code is not used on an "
                 "837I line\n"
                 "claim[1].line[1].note|not-used|line note is not used on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* Reads `data` (SE01 not checked against the count: the reader reports
 * nothing about it) and counts the not-kept diagnostics of segment `segid`;
 * the first claim's field f (claim object) must still be `want`. */
static size_t not_kept_of(const char *data, const char *segid, x12_claim_field f,
                          const char *want)
{
    x12_claim_stream *s;
    size_t i, n = 0;

    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), data, strlen(data)),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    if (want != NULL)
        ck_assert_str_eq(x12_claim_get(x12_claim_stream_claim(s), f).ptr, want);
    for (i = 0; i < x12_claim_stream_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_error_at(s, i);
        if (strcmp(x12_error_rule(e), "not-kept") == 0 &&
            strcmp(x12_error_segment_id(e), segid) == 0)
            n++;
    }
    x12_claim_stream_free(s);
    return n;
}

/* A second claim note, a second 837P line note, and an 837I line note other
 * than TPO are reported as not kept, never dropped silently. */
START_TEST(test_notes_read_not_kept)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" note_code=\"DGN\" note=\"ONE\"",
                                "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" note_code=\"DCP\" note=\"L\"", NULL);
    tbuf out = {0};
    char *twice;

    build_ok(b, &out);
    twice = replace(out.p, "NTE*DGN*ONE~\n", "NTE*DGN*ONE~\nNTE*CER*TWO~\n");
    ck_assert_uint_eq(not_kept_of(twice, "NTE", X12_CLAIM_NOTE, "ONE"), 1);
    free(twice);
    twice = replace(out.p, "NTE*DCP*L~\n", "NTE*DCP*L~\nNTE*ADD*M~\n");
    ck_assert_uint_eq(not_kept_of(twice, "NTE", X12_CLAIM_NOTE, "ONE"), 1);
    free(twice);
    tbuf_free(&out);
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"", "units=\"4\" third_party_note=\"T\"",
                     NULL);
    build_ok(b, &out);
    twice = replace(out.p, "NTE*TPO*T~\n", "NTE*TPO*T~\nNTE*ADD*LINE NOTE~\n");
    ck_assert_uint_eq(not_kept_of(twice, "NTE", X12_CLAIM_NOTE, NULL), 1);
    free(twice);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- CLM10 and the 2300 REF 4N, F5, LX (repeated), 1J --------------------------- */

/* 837P: CLM10 after CLM09; the references in the guide's order (4N and F5
 * first, each LX after 9C, 1J last); the same bytes from JSON Lines. */
START_TEST(test_clm10_refs_837p)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" patient_signature=\"P\""
                                " authorization_exception=\"4\" medicare_crossover=\"Y\""
                                " referral=\"RF1\" repriced_claim_number=\"RP1\""
                                " ide_numbers=\"G010203 G040506\" intermediary_claim_id=\"CH1\""
                                " care_plan_oversight=\"CPO77\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "CLM*PCN-2025-0001*185***11:B:1*Y*A*Y*Y*P~\n");
    has(&out, "REF*4N*4~\nREF*F5*Y~\nREF*9F*RF1~\nREF*9A*RP1~\nREF*LX*G010203~\n"
              "REF*LX*G040506~\nREF*D9*CH1~\nREF*1J*CPO77~\nHI*");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\", \"patient_signature\": \"P\","
                                 " \"authorization_exception\": \"4\", \"medicare_crossover\":"
                                 " \"Y\", \"referral\": \"RF1\", \"repriced_claim_number\":"
                                 " \"RP1\", \"ide_numbers\": \"G010203 G040506\","
                                 " \"intermediary_claim_id\": \"CH1\","
                                 " \"care_plan_oversight\": \"CPO77\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: 4N and LX (five, the guide's most). */
START_TEST(test_clm10_refs_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" authorization_exception=\"1\""
                                " ide_numbers=\"A1 A2 A3 A4 A5\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "REF*4N*1~\n");
    has(&out, "REF*LX*A1~\nREF*LX*A2~\nREF*LX*A3~\nREF*LX*A4~\nREF*LX*A5~\n");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_clm10_refs_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" patient_signature=\"Y\""
                                " authorization_exception=\"8\" medicare_crossover=\"X\""
                                " ide_numbers=\"A1 A2 A3 A4 A5 A6\"",
                                NULL);

    edits_are(b, "claim[1].authorization_exception|code-value|service authorization exception "
                 "code is not one of 1 2 3 4 5 6 7\n"
                 "claim[1].medicare_crossover|code-value|mandatory Medicare crossover indicator "
                 "is not one of N Y\n"
                 "claim[1].ide_numbers|too-many|6 investigational device exemption numbers; "
                 "at most 5 (REF*LX)\n"
                 "claim[1].patient_signature|code-value|CLM10 patient signature source is not "
                 "one of P\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                     "bill_type=\"111\" patient_signature=\"P\" medicare_crossover=\"Y\""
                     " care_plan_oversight=\"C1\" ide_numbers=\"" /* 51 characters */
                     "123456789012345678901234567890123456789012345678901 B\"",
                     NULL);
    edits_are(b, "claim[1].patient_signature|not-used|patient signature source code is not used "
                 "on an 837I claim\n"
                 "claim[1].medicare_crossover|not-used|mandatory Medicare crossover indicator is "
                 "not used on an 837I claim\n"
                 "claim[1].care_plan_oversight|not-used|care plan oversight number is not used "
                 "on an 837I claim\n"
                 "claim[1].ide_numbers|too-long|investigational device exemption number is 51 "
                 "characters long; at most 50\n");
    x12_batch_free(b);
}
END_TEST

/* Reading back: CLM10 of an 837I (not used there) and an IDE number with a
 * space are reported as not kept; the other LX values are kept. */
START_TEST(test_clm10_refs_read_not_kept)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" ide_numbers=\"G1 G2\"", NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = replace(out.p, "REF*LX*G2~", "REF*LX*G 2~");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_IDE_NUMBERS, "G1"), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", NULL);
    build_ok(b, &out);
    bad = replace(out.p, "*A*Y*Y~", "*A*Y*Y*P~");
    ck_assert_uint_eq(not_kept_of(bad, "CLM", X12_CLAIM_PATIENT_SIGNATURE, ""), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- the other 837P 2300 dates: disability (314/360/361), 096, 090/091 ---------- */

/* The disability range after the prescription date, before the last worked
 * date; discharge, assumed and relinquished care after the admission date,
 * before the first contact date; the same bytes from JSON Lines. */
START_TEST(test_more_dates_837p)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" prescription_date=\"20251105\""
                                " disability_from=\"20251101\" disability_to=\"20251130\""
                                " last_worked_date=\"20251031\" admission_date=\"20251102\""
                                " discharge_date=\"20251104\" assumed_care_date=\"20251104\""
                                " relinquished_care_date=\"20251118\""
                                " first_contact_date=\"20251101\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "DTP*471*D8*20251105~\nDTP*314*RD8*20251101-20251130~\nDTP*297*D8*20251031~\n"
              "DTP*435*D8*20251102~\nDTP*096*D8*20251104~\nDTP*090*D8*20251104~\n"
              "DTP*091*D8*20251118~\nDTP*444*D8*20251101~\n");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\", \"prescription_date\":"
                                 " \"20251105\", \"disability_from\": \"20251101\","
                                 " \"disability_to\": \"20251130\", \"last_worked_date\":"
                                 " \"20251031\", \"admission_date\": \"20251102\","
                                 " \"discharge_date\": \"20251104\", \"assumed_care_date\":"
                                 " \"20251104\", \"relinquished_care_date\": \"20251118\","
                                 " \"first_contact_date\": \"20251101\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* A disability start alone is DTP*360, an end alone DTP*361 (D8), a range
 * of one day still 314 RD8; each reads back into the same field. */
START_TEST(test_disability_one_side)
{
    static const char *const cases[][2] = {
        {" disability_from=\"20251101\"", "DTP*360*D8*20251101~\n"},
        {" disability_to=\"20251130\"", "DTP*361*D8*20251130~\n"},
        {" disability_from=\"20251101\" disability_to=\"20251101\"",
         "DTP*314*RD8*20251101-20251101~\n"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char to[128];
        x12_batch *b;
        tbuf out = {0};

        snprintf(to, sizeof to, "place_of_service=\"11\"%s", cases[i][0]);
        b = load_changed(OFFICE, "place_of_service=\"11\"", to, NULL);
        build_ok(b, &out);
        has(&out, cases[i][1]);
        tbuf_free(&out);
        x12_batch_free(b);
    }
}
END_TEST

START_TEST(test_more_dates_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" disability_from=\"20251201\""
                                " disability_to=\"20251130\" discharge_date=\"20251131\"",
                                NULL);

    edits_are(b, "claim[1].disability_to|date-order|disability end date is before its start "
                 "date\n"
                 "claim[1].discharge_date|date-invalid|discharge date is not a real calendar "
                 "date in the form CCYYMMDD\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                     "bill_type=\"111\" disability_from=\"20250101\" discharge_date=\"20250101\""
                     " assumed_care_date=\"20250101\"",
                     NULL);
    edits_are(b, "claim[1].disability_from|not-used|disability start date is not used on an "
                 "837I claim\n"
                 "claim[1].discharge_date|not-used|discharge date is not used on an 837I claim\n"
                 "claim[1].assumed_care_date|not-used|assumed care date is not used on an 837I "
                 "claim\n");
    x12_batch_free(b);
}
END_TEST

/* A second disability DTP, and 314 with a single date, are reported. */
START_TEST(test_disability_read_not_kept)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" disability_from=\"20251101\"", NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = replace(out.p, "DTP*360*D8*20251101~\n",
                  "DTP*360*D8*20251101~\nDTP*361*D8*20251130~\n");
    ck_assert_uint_eq(not_kept_of(bad, "DTP", X12_CLAIM_DISABILITY_FROM, "20251101"), 1);
    free(bad);
    bad = replace(out.p, "DTP*360*D8*20251101~\n", "DTP*314*D8*20251101~\n");
    ck_assert_uint_eq(not_kept_of(bad, "DTP", X12_CLAIM_DISABILITY_FROM, "20251101"), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- 837P line dates other than 472 -------------------------------------------------- */

#define LINE_DATES                                                                          \
    " prescription_date=\"20251101\" recertification_date=\"20251102\""                    \
    " begin_therapy_date=\"20251103\" last_certification_date=\"20251104\""                \
    " last_seen_date=\"20251105\" hemoglobin_test_date=\"20251106\""                       \
    " creatinine_test_date=\"20251107\" shipped_date=\"20251108\""                         \
    " last_xray_date=\"20251109\" initial_treatment_date=\"20251110\""

/* Every line date after DTP*472, in the guide's order, before the line's
 * REF; the same bytes from JSON Lines. */
START_TEST(test_line_dates_837p)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\"" LINE_DATES, NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "DTP*472*D8*20251120~\nDTP*471*D8*20251101~\nDTP*607*D8*20251102~\n"
              "DTP*463*D8*20251103~\nDTP*461*D8*20251104~\nDTP*304*D8*20251105~\n"
              "DTP*738*D8*20251106~\nDTP*739*D8*20251107~\nDTP*011*D8*20251108~\n"
              "DTP*455*D8*20251109~\nDTP*454*D8*20251110~\nREF*6R*LINE0001~\n");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"prescription_date\":"
                                 " \"20251101\", \"recertification_date\": \"20251102\","
                                 " \"begin_therapy_date\": \"20251103\","
                                 " \"last_certification_date\": \"20251104\", \"last_seen_date\":"
                                 " \"20251105\", \"hemoglobin_test_date\": \"20251106\","
                                 " \"creatinine_test_date\": \"20251107\", \"shipped_date\":"
                                 " \"20251108\", \"last_xray_date\": \"20251109\","
                                 " \"initial_treatment_date\": \"20251110\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_line_dates_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" shipped_date=\"20250229\""
                                " hemoglobin_test_date=\"20251132\"",
                                NULL);

    edits_are(b, "claim[1].line[1].hemoglobin_test_date|date-invalid|hemoglobin or hematocrit "
                 "test date is not a real calendar date in the form CCYYMMDD\n"
                 "claim[1].line[1].shipped_date|date-invalid|shipped date is not a real calendar "
                 "date in the form CCYYMMDD\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"",
                     "units=\"4\" last_seen_date=\"20250101\"", NULL);
    edits_are(b, "claim[1].line[1].last_seen_date|not-used|last seen date is not used on an 837I "
                 "line\n");
    x12_batch_free(b);
}
END_TEST

/* ---- line references, QTY*FL and line amounts (2400 REF, QTY, AMT) ----------------- */

/* 837P: QTY*FL after the dates; REFs in the guide's order with 6R after
 * G1 (two prior authorizations, two referrals, one REF each); AMT*T and
 * AMT*F4 after them; the same bytes from JSON Lines. */
START_TEST(test_line_refs_837p)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" obstetric_units=\"3\""
                                " repriced_line_number=\"RL1\""
                                " adjusted_repriced_line_number=\"RL2\""
                                " prior_authorization=\"PA1 PA2\" mammography_certification=\"MC1\""
                                " clia_number=\"12D3456789\" referring_clia_number=\"12D9876543\""
                                " immunization_batch=\"LOT77\" referral=\"RF1 RF2\""
                                " sales_tax=\"1.25\" postage=\"0.60\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "DTP*472*D8*20251120~\nQTY*FL*3~\nREF*9B*RL1~\nREF*9D*RL2~\nREF*G1*PA1~\n"
              "REF*G1*PA2~\nREF*6R*LINE0001~\nREF*EW*MC1~\nREF*X4*12D3456789~\n"
              "REF*F4*12D9876543~\nREF*BT*LOT77~\nREF*9F*RF1~\nREF*9F*RF2~\nAMT*T*1.25~\n"
              "AMT*F4*0.6~\nLX*2~");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"obstetric_units\": \"3\","
                                 " \"repriced_line_number\": \"RL1\","
                                 " \"adjusted_repriced_line_number\": \"RL2\","
                                 " \"prior_authorization\": \"PA1 PA2\","
                                 " \"mammography_certification\": \"MC1\", \"clia_number\":"
                                 " \"12D3456789\", \"referring_clia_number\": \"12D9876543\","
                                 " \"immunization_batch\": \"LOT77\", \"referral\": \"RF1 RF2\","
                                 " \"sales_tax\": \"1.25\", \"postage_cents\": 60",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: REF*6R before 9B and 9D, then AMT*GT and AMT*N8. */
START_TEST(test_line_refs_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "units=\"4\"",
                                "units=\"4\" control_number=\"L1\" repriced_line_number=\"RL1\""
                                " adjusted_repriced_line_number=\"RL2\" service_tax=\"12.00\""
                                " facility_tax=\"3.50\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "REF*6R*L1~\nREF*9B*RL1~\nREF*9D*RL2~\nAMT*GT*12~\nAMT*N8*3.5~\n");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_line_refs_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" obstetric_units=\"-1\""
                                " referral=\"R1 R2 R3 R4 R5 R6\" sales_tax=\"-1.00\""
                                " service_tax=\"1.00\"",
                                NULL);

    edits_are(b, "claim[1].line[1].referral|too-many|6 referral numbers; at most 5 (REF*9F)\n"
                 "claim[1].line[1].obstetric_units|quantity-format|obstetric anesthesia "
                 "additional units must be a positive number\n"
                 "claim[1].line[1].sales_tax|amount-negative|sales tax amount must not be "
                 "negative\n"
                 "claim[1].line[1].service_tax|not-used|service tax amount is not used on an "
                 "837P line\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"",
                     "units=\"4\" prior_authorization=\"PA1\" immunization_batch=\"B\""
                     " postage=\"1.00\" obstetric_units=\"1\"",
                     NULL);
    edits_are(b, "claim[1].line[1].obstetric_units|not-used|obstetric anesthesia additional "
                 "units is not used on an 837I line\n"
                 "claim[1].line[1].prior_authorization|not-used|prior authorization number is "
                 "not used on an 837I line\n"
                 "claim[1].line[1].immunization_batch|not-used|immunization batch number is not "
                 "used on an 837I line\n"
                 "claim[1].line[1].postage|not-used|postage claimed amount is not used on an "
                 "837I line\n");
    x12_batch_free(b);
}
END_TEST

/* ---- provider secondary identification (REF 0B 1G G2 LU) ----------------------- */

/* A provider's number that reads back from a file: party `p` field f. */
static void party_is(const x12_party *p, x12_party_field f, const char *want)
{
    x12_str v = x12_party_get(p, f);

    ck_assert_msg(v.len == strlen(want) && memcmp(v.ptr, want, v.len) == 0,
                  "field %d is '%.*s', want '%s'", (int)f, (int)v.len, v.ptr, want);
}

#define SEC_BILLING "taxonomy=\"207Q00000X\""
#define SEC_PAYER "payer_id=\"EHP01\""
#define SEC_DX "<diagnosis code=\"R50.9\"/>"
#define SEC_LINE2 "control_number=\"LINE0002\"/>"

/* 837P: the billing provider's 0B and 1G after its EIN (2010AA); the
 * billing provider's number at the payer after the payer's address
 * (2010BB G2, LU); a rendering provider with all four after its PRV; the
 * service facility's 0B, G2, LU after its N4; an ordering provider's 1G
 * and G2 on a line (2420E); the same bytes from JSON Lines; the 837
 * reader gives every value back. */
START_TEST(test_secondary_ids_837p)
{
    x12_batch *b = load_changed(
        OFFICE, SEC_BILLING, SEC_BILLING " state_license=\"LIC123\" upin=\"A12345\"", SEC_PAYER,
        SEC_PAYER " commercial_id=\"BP778\" location_number=\"LOC1\"", SEC_DX,
        SEC_DX "<provider role=\"rendering\" name=\"SMITH\" first_name=\"ANN\""
               " npi=\"1234567893\" taxonomy=\"207Q00000X\" state_license=\"RL9\" upin=\"U1\""
               " commercial_id=\"C2\" location_number=\"L3\"/>"
               "<provider role=\"service_facility\" name=\"CLINIC\" npi=\"1234567893\""
               " address1=\"1 A ST\" city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\""
               " state_license=\"SF0B\" commercial_id=\"SFG2\" location_number=\"SFLU\"/>",
        SEC_LINE2,
        "control_number=\"LINE0002\"><provider role=\"ordering\" name=\"ORD\" first_name=\"O\""
        " npi=\"1234567893\" upin=\"OU1\" commercial_id=\"OG2\"/></line>",
        NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_claim *c;

    build_ok(b, &out);
    has(&out, "REF*EI*371234567~\nREF*0B*LIC123~\nREF*1G*A12345~\nHL*2*1*22*0~");
    has(&out, "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*EHP01~\nREF*G2*BP778~\nREF*LU*LOC1~\nCLM*");
    has(&out, "PRV*PE*PXC*207Q00000X~\nREF*0B*RL9~\nREF*1G*U1~\nREF*G2*C2~\nREF*LU*L3~\n"
              "NM1*77*2*CLINIC*****XX*1234567893~\nN3*1 A ST~\nN4*SPRINGFIELD*IL*62701~\n"
              "REF*0B*SF0B~\nREF*G2*SFG2~\nREF*LU*SFLU~\nLX*1~");
    has(&out, "NM1*DK*1*ORD*O****XX*1234567893~\nREF*1G*OU1~\nREF*G2*OG2~\nSE*");
    ck_assert_int_eq(
        build_jsonl("office-visit.jsonl", "\"taxonomy\": \"207Q00000X\"",
                    "\"taxonomy\": \"207Q00000X\", \"state_license\": \"LIC123\","
                    " \"upin\": \"A12345\"",
                    &jl),
        X12_OK);
    has(&jl, "REF*EI*371234567~\nREF*0B*LIC123~\nREF*1G*A12345~\nHL*2*1*22*0~");
    /* the values themselves, read back */
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    c = x12_claim_stream_claim(s);
    party_is(x12_billing_provider_party(x12_claim_stream_provider(s)), X12_PARTY_UPIN, "A12345");
    party_is(x12_claim_stream_payer(s), X12_PARTY_COMMERCIAL_ID, "BP778");
    party_is(x12_claim_find_provider(c, X12_ROLE_RENDERING), X12_PARTY_LOCATION_NUMBER, "L3");
    party_is(x12_claim_find_provider(c, X12_ROLE_SERVICE_FACILITY), X12_PARTY_STATE_LICENSE,
             "SF0B");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: the attending physician's four after its PRV (2310A), the
 * operating physician's after its NM1 (2310B), a line rendering provider's
 * (2420C); the 837I billing provider has none. */
START_TEST(test_secondary_ids_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "taxonomy=\"207R00000X\"",
        "taxonomy=\"207R00000X\" state_license=\"AL1\" upin=\"AU1\" commercial_id=\"AG1\""
        " location_number=\"AX1\"",
        "npi=\"1888000068\"/>", "npi=\"1888000068\" upin=\"OPU\"/>", "service_from=\"20250110\"/>",
        "service_from=\"20250110\"><provider role=\"rendering\" name=\"LEE\" first_name=\"K\""
        " npi=\"1234567893\" commercial_id=\"LG2\"/></line>",
        NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "PRV*AT*PXC*207R00000X~\nREF*0B*AL1~\nREF*1G*AU1~\nREF*G2*AG1~\nREF*LU*AX1~\n"
              "NM1*72*1*CHEN*DAVID****XX*1888000068~\nREF*1G*OPU~\nLX*1~");
    has(&out, "NM1*82*1*LEE*K****XX*1234567893~\nREF*G2*LG2~\nSE*");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* A qualifier the guide does not allow in the party's loop is an edit
 * error naming the field and the party, never dropped: UPIN of a service
 * facility (837P 2310C: 0B G2 LU), a state license on the payer (2010BB:
 * G2 LU), any of them on an ambulance location (2310E has no REF), a line
 * referring provider's location number (2420F: 0B 1G G2), and the 837I
 * billing provider's (2010AA has only the tax id). */
START_TEST(test_secondary_ids_edits)
{
    x12_batch *b = load_changed(
        OFFICE, SEC_PAYER, SEC_PAYER " state_license=\"X\"", SEC_DX,
        SEC_DX "<provider role=\"service_facility\" name=\"CLINIC\" address1=\"1 A ST\""
               " city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\" upin=\"U\"/>",
        SEC_LINE2,
        "control_number=\"LINE0002\"><provider role=\"referring\" name=\"R\" first_name=\"F\""
        " location_number=\"LU1\"/></line>",
        NULL);

    edits_are(b, "provider[1].subscriber[1].payer.state_license|not-used|payer state license "
                 "number is not used in loop 2010BB (no REF*0B)\n"
                 "claim[1].service_facility.upin|not-used|service_facility provider UPIN is not "
                 "used in loop 2310C (no REF*1G)\n"
                 "claim[1].line[2].referring.location_number|not-used|line referring provider "
                 "location number is not used in loop 2420F (no REF*LU)\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "taxonomy=\"282N00000X\"",
                     "taxonomy=\"282N00000X\" upin=\"B1\"", NULL);
    edits_are(b, "provider[1].upin|not-used|billing provider UPIN is not used in loop 2010AA "
                 "(no REF*1G)\n");
    x12_batch_free(b);
}
END_TEST

/* Reading back: a qualifier the loop does not allow (REF*1G of a service
 * facility) and a second REF*0B of one provider are reported as not kept;
 * REF04 (the payer of a G2) is not kept either. */
START_TEST(test_secondary_ids_read_not_kept)
{
    x12_batch *b = load_changed(
        OFFICE, SEC_DX,
        SEC_DX "<provider role=\"rendering\" name=\"SMITH\" first_name=\"ANN\""
               " npi=\"1234567893\" state_license=\"RL9\" commercial_id=\"C2\"/>"
               "<provider role=\"service_facility\" name=\"CLINIC\" npi=\"1234567893\""
               " address1=\"1 A ST\" city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\""
               " state_license=\"SF0B\"/>",
        NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = replace(out.p, "REF*0B*SF0B~\n", "REF*0B*SF0B~\nREF*1G*SF1G~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    bad = replace(out.p, "REF*0B*RL9~\n", "REF*0B*RL9~\nREF*0B*RL10~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    bad = replace(out.p, "REF*G2*C2~\n", "REF*G2*C2***2U:EHP01~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- payer, subscriber and patient ids, the P&C contacts, provider PER ------------ */

#define SC "secondary-claim.xml"
#define SC_SUB "birth_date=\"19520711\" gender=\"M\""
#define SC_PAYER "payer_id=\"SCI22\""
#define SC_OP "filing_indicator=\"MB\" paid=\"144.00\""
#define SC_OP_PAYER "payer_id=\"MCRB01\""
#define SC_DX "<diagnosis code=\"E78.5\"/>"

/* 837P: the subscriber's SSN, property and casualty claim number and
 * contact after its DMG (2010BA REF*SY, REF*Y4, PER*IC*name*TE); the
 * payer's secondary ids after its N4, in the guide's order (2010BB REF*2U,
 * EI, FY: REF01's list order, not the table's); the service facility's
 * contact (2310C PER, after its REF) and an ordering provider's with an
 * email (2420E); the same bytes from JSON Lines; every value read back. */
START_TEST(test_payer_subscriber_ids_837p)
{
    x12_batch *b = load_changed(
        SC, SC_SUB,
        SC_SUB " ssn=\"123456789\" pc_claim_number=\"PC-77\" contact=\"CLAIMS ADJUSTER\""
               " phone=\"5555551234\"",
        SC_PAYER, SC_PAYER " claim_office=\"OFF1\" ein=\"123456789\" payer_number=\"P2U\"",
        SC_DX,
        SC_DX "<provider role=\"service_facility\" name=\"CLINIC\" npi=\"1234567893\""
              " address1=\"1 A ST\" city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\""
              " location_number=\"SFLU\" contact=\"FRONT DESK\" phone=\"5555552000\"/>",
        "pointers=\"2\">",
        "pointers=\"2\"><provider role=\"ordering\" name=\"ORD\" first_name=\"O\""
        " npi=\"1234567893\" contact=\"LAB DESK\" email=\"lab@example.invalid\"/>",
        NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_party *sub;

    build_ok(b, &out);
    has(&out, "DMG*D8*19520711*M~\nREF*SY*123456789~\nREF*Y4*PC-77~\n"
              "PER*IC*CLAIMS ADJUSTER*TE*5555551234~\n"
              "NM1*PR*2*SECOND CHANCE INSURANCE*****PI*SCI22~\nREF*2U*P2U~\nREF*EI*123456789~\n"
              "REF*FY*OFF1~\nCLM*");
    has(&out, "REF*LU*SFLU~\nPER*IC*FRONT DESK*TE*5555552000~\nSBR*P*");
    has(&out, "NM1*DK*1*ORD*O****XX*1234567893~\nPER*IC*LAB DESK*EM*lab@example.invalid~\nSVD*");
    ck_assert_int_eq(
        build_jsonl("secondary-claim.jsonl", "\"payer_id\": \"SCI22\"",
                    "\"payer_id\": \"SCI22\", \"claim_office\": \"OFF1\", \"ein\": \"123456789\","
                    " \"payer_number\": \"P2U\"",
                    &jl),
        X12_OK);
    has(&jl, "PI*SCI22~\nREF*2U*P2U~\nREF*EI*123456789~\nREF*FY*OFF1~\nCLM*");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    sub = x12_subscriber_party(x12_claim_stream_subscriber(s));
    party_is(sub, X12_PARTY_SSN, "123456789");
    party_is(sub, X12_PARTY_PC_CLAIM_NUMBER, "PC-77");
    party_is(sub, X12_PARTY_PHONE, "5555551234");
    party_is(x12_claim_stream_payer(s), X12_PARTY_CLAIM_OFFICE, "OFF1");
    party_is(x12_claim_find_provider(x12_claim_stream_claim(s), X12_ROLE_SERVICE_FACILITY),
             X12_PARTY_CONTACT, "FRONT DESK");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* The patient's (2010CA): REF*Y4, then REF*1W, then the contact, after
 * its DMG. */
START_TEST(test_patient_ids_837p)
{
    x12_batch *b = load_changed("patient-not-subscriber.xml",
                                "birth_date=\"20180923\" gender=\"F\"",
                                "birth_date=\"20180923\" gender=\"F\" pc_member_id=\"PM1\""
                                " pc_claim_number=\"PC-9\" contact=\"MOTHER\" phone=\"5555553000\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "DMG*D8*20180923*F~\nREF*Y4*PC-9~\nREF*1W*PM1~\nPER*IC*MOTHER*TE*5555553000~\nCLM*");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* 837I: the subscriber's SSN and P&C claim number (2010BA has no PER
 * there), the payer's NAIC code. */
START_TEST(test_payer_subscriber_ids_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "birth_date=\"19800101\" gender=\"F\"",
                                "birth_date=\"19800101\" gender=\"F\" ssn=\"987654321\""
                                " pc_claim_number=\"PC-5\"",
                                "payer_id=\"EHP01\"", "payer_id=\"EHP01\" naic_code=\"60054\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "DMG*D8*19800101*F~\nREF*SY*987654321~\nREF*Y4*PC-5~\n"
              "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*EHP01~\nREF*NF*60054~\nCLM*");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* 2330B: the other payer's secondary ids (party fields of its payer), then
 * its prior authorization, referral, claim adjustment indicator and claim
 * control number (REF G1, 9F, T4, F8), after DTP*573; the same bytes from
 * JSON Lines; every value read back. */
START_TEST(test_other_payer_refs)
{
    x12_batch *b = load_changed(
        SC, SC_OP,
        SC_OP " adjudication_date=\"20250402\" prior_authorization=\"OPG1\" referral=\"OP9F\""
              " claim_adjustment_indicator=\"Y\" payer_claim_number=\"ICN20250402001\"",
        SC_OP_PAYER, SC_OP_PAYER " naic_code=\"12345\" payer_number=\"MB2U\"", NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_other_payer *op;

    build_ok(b, &out);
    has(&out, "NM1*PR*2*MEDICARE PART B*****PI*MCRB01~\nDTP*573*D8*20250402~\nREF*2U*MB2U~\n"
              "REF*NF*12345~\nREF*G1*OPG1~\nREF*9F*OP9F~\nREF*T4*Y~\nREF*F8*ICN20250402001~\n"
              "LX*1~");
    ck_assert_int_eq(
        build_jsonl("secondary-claim.jsonl", "\"filing_indicator\": \"MB\"",
                    "\"filing_indicator\": \"MB\", \"payer_claim_number\": \"ICN20250402001\","
                    " \"claim_adjustment_indicator\": \"Y\"",
                    &jl),
        X12_OK);
    has(&jl, "PI*MCRB01~\nREF*T4*Y~\nREF*F8*ICN20250402001~\nLX*1~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    op = x12_claim_first_other_payer(x12_claim_stream_claim(s));
    ck_assert_ptr_nonnull(op);
    ck_assert_str_eq(x12_other_payer_get(op, X12_OP_CLAIM_NUMBER).ptr, "ICN20250402001");
    ck_assert_str_eq(x12_other_payer_get(op, X12_OP_PRIOR_AUTH).ptr, "OPG1");
    party_is(x12_other_payer_payer(op), X12_PARTY_NAIC, "12345");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* Edits: a payer with all four ids (2010BB allows three), an other payer
 * with three (2330B: two), a claim adjustment indicator other than Y, a
 * subscriber's email and a contact without a phone (2010BA's PER is a
 * phone), the patient's identifier on the subscriber (1W is 2010CA's), a
 * rendering provider's contact (2310B has no PER); on the 837I a
 * subscriber's contact (no PER in 2010BA). */
START_TEST(test_payer_subscriber_ids_edits)
{
    x12_batch *b = load_changed(
        SC, SC_SUB, SC_SUB " contact=\"ADJ\" email=\"a@example.invalid\" pc_member_id=\"M1\"",
        SC_PAYER,
        SC_PAYER " ein=\"123456789\" payer_number=\"P2U\" claim_office=\"OFF1\" naic_code=\"NF1\"",
        SC_OP, SC_OP " claim_adjustment_indicator=\"N\"", SC_OP_PAYER,
        SC_OP_PAYER " payer_number=\"MB2U\" naic_code=\"12345\" ein=\"111111111\"", SC_DX,
        SC_DX "<provider role=\"rendering\" name=\"SMITH\" first_name=\"ANN\" npi=\"1234567893\""
              " phone=\"5555552000\"/>",
        NULL);

    edits_are(b, "provider[1].subscriber[1].pc_member_id|not-used|subscriber property and "
                 "casualty patient identifier is not used in loop 2010BA (no REF*1W)\n"
                 "provider[1].subscriber[1].email|not-used|subscriber email address is not used "
                 "in loop 2010BA (its PER takes a phone number)\n"
                 "provider[1].subscriber[1].phone|required|subscriber phone number is required "
                 "with a contact in loop 2010BA (PER*IC*name*TE)\n"
                 "provider[1].subscriber[1].payer.naic_code|too-many|payer has more identifiers "
                 "of REF*2U EI FY NF than the 3 loop 2010BB allows\n"
                 "claim[1].rendering.phone|not-used|rendering provider phone number is not used "
                 "in loop 2310B (no PER)\n"
                 "claim[1].other_payer[1].claim_adjustment_indicator|code-value|other payer "
                 "claim adjustment indicator is not one of Y\n"
                 "claim[1].other_payer[1].payer.naic_code|too-many|other payer has more "
                 "identifiers of REF*2U EI FY NF than the 2 loop 2330B allows\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "birth_date=\"19800101\" gender=\"F\"",
                     "birth_date=\"19800101\" gender=\"F\" contact=\"X\" phone=\"5555551234\"",
                     NULL);
    edits_are(b, "provider[1].subscriber[1].contact|not-used|subscriber contact name is not used "
                 "in loop 2010BA (no PER)\n"
                 "provider[1].subscriber[1].phone|not-used|subscriber phone number is not used in "
                 "loop 2010BA (no PER)\n");
    x12_batch_free(b);
}
END_TEST

/* Reading back: a second REF*Y4 of the subscriber, a REF*1W in 2010BA
 * (the patient's qualifier), a PER in 2310B and a second REF*F8 in 2330B
 * are reported as not kept. */
START_TEST(test_payer_subscriber_ids_read_not_kept)
{
    x12_batch *b = load_changed(
        SC, SC_SUB, SC_SUB " pc_claim_number=\"PC-77\"", SC_OP, SC_OP " payer_claim_number=\"F81\"",
        SC_DX,
        SC_DX "<provider role=\"rendering\" name=\"SMITH\" first_name=\"ANN\""
              " npi=\"1234567893\"/>",
        NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = replace(out.p, "REF*Y4*PC-77~\n", "REF*Y4*PC-77~\nREF*Y4*PC-78~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    bad = replace(out.p, "REF*Y4*PC-77~\n", "REF*Y4*PC-77~\nREF*1W*M1~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    bad = replace(out.p, "XX*1234567893~\nSBR*P", "XX*1234567893~\nPER*IC*X*TE*5555551234~\nSBR*P");
    ck_assert_uint_eq(not_kept_of(bad, "PER", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    bad = replace(out.p, "REF*F8*F81~\n", "REF*F8*F81~\nREF*F8*F82~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* 2330A: the other subscriber's SSN (REF*SY) after its name (the example
 * has no address), from XML and JSON Lines, of both guides; read back.  An
 * SSN with hyphens is a located edit; a second REF*SY read back is not
 * kept. */
START_TEST(test_other_subscriber_ssn)
{
    static const char op_sub[] = "<subscriber name=\"DOE\" first_name=\"JOHN\" "
                                 "member_id=\"1EG4TE5MK73\"";
    x12_batch *b = load_changed(SC, op_sub, "<subscriber name=\"DOE\" first_name=\"JOHN\" "
                                            "member_id=\"1EG4TE5MK73\" ssn=\"123456780\"",
                                NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_other_payer *op;
    char *bad;

    build_ok(b, &out);
    has(&out, "NM1*IL*1*DOE*JOHN****MI*1EG4TE5MK73~\nREF*SY*123456780~\nNM1*PR*");
    ck_assert_int_eq(
        build_jsonl("secondary-claim.jsonl", "\"member_id\": \"1EG4TE5MK73\"",
                    "\"member_id\": \"1EG4TE5MK73\", \"ssn\": \"123456780\"", &jl),
        X12_OK);
    ck_assert_uint_eq(jl.len, out.len);
    ck_assert(memcmp(jl.p, out.p, out.len) == 0);
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    op = x12_claim_first_other_payer(x12_claim_stream_claim(s));
    ck_assert_ptr_nonnull(op);
    party_is(x12_other_payer_subscriber(op), X12_PARTY_SSN, "123456780");
    x12_claim_stream_free(s);
    bad = replace(out.p, "REF*SY*123456780~\n", "REF*SY*123456780~\nREF*SY*123456781~\n");
    ck_assert_uint_eq(not_kept_of(bad, "REF", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);

    b = load_changed("inpatient-stay.xml", "<subscriber responsibility=\"P\"",
                     "<subscriber responsibility=\"S\"", "<line revenue_code=\"0120\"",
                     "<other_payer responsibility=\"P\" relationship=\"18\" "
                     "filing_indicator=\"MA\"><subscriber name=\"DOE\" first_name=\"JANE\" "
                     "member_id=\"1EG4TE5MK73\" ssn=\"987654320\"/>"
                     "<payer name=\"MEDICARE PART A\" payer_id=\"MCRA01\"/></other_payer>"
                     "<line revenue_code=\"0120\"",
                     NULL);
    build_ok(b, &out);
    has(&out, "MI*1EG4TE5MK73~\nREF*SY*987654320~\nNM1*PR*");
    tbuf_free(&out);
    x12_batch_free(b);

    b = load_changed(SC, op_sub, "<subscriber name=\"DOE\" first_name=\"JOHN\" "
                                 "member_id=\"1EG4TE5MK73\" ssn=\"123-45-6780\"",
                     NULL);
    edits_are(b, "claim[1].other_payer[1].subscriber.ssn|ssn-format|other subscriber SSN must "
                 "be 9 digits without hyphens\n");
    x12_batch_free(b);
}
END_TEST

/* ---- other payers' providers (2330C-I) ----------------------------------------------- */

#define SC_OP_PAYER_END "payer_id=\"MCRB01\"/>"

/* 837P: the other payer's ids of the referring, rendering, service
 * facility, supervising and billing providers, each NM1 with NM101 and the
 * entity only and its REFs, in the guide's loop order (2330C-G) after
 * 2330B's references; the same bytes from JSON Lines; read back. */
START_TEST(test_op_providers_837p)
{
    x12_batch *b = load_changed(
        SC, SC_OP, SC_OP " payer_claim_number=\"ICN1\"", SC_OP_PAYER_END,
        SC_OP_PAYER_END "<provider role=\"billing\" commercial_id=\"MB-BILL\""
                        " location_number=\"MB-LOC\"/>"
                        "<provider role=\"rendering\" entity=\"person\" commercial_id=\"MB-R\"/>"
                        "<provider role=\"referring\" upin=\"MB-UPIN\" state_license=\"MB-LIC\"/>"
                        "<provider role=\"service_facility\" location_number=\"MB-SF\"/>"
                        "<provider role=\"supervising\" commercial_id=\"MB-SUP\"/>",
        NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_other_payer *op;

    build_ok(b, &out);
    has(&out, "REF*F8*ICN1~\nNM1*DN*1~\nREF*0B*MB-LIC~\nREF*1G*MB-UPIN~\nNM1*82*1~\n"
              "REF*G2*MB-R~\nNM1*77*2~\nREF*LU*MB-SF~\nNM1*DQ*1~\nREF*G2*MB-SUP~\nNM1*85*2~\n"
              "REF*G2*MB-BILL~\nREF*LU*MB-LOC~\nLX*1~");
    ck_assert_int_eq(
        build_jsonl("secondary-claim.jsonl", "\"payer_id\": \"MCRB01\"}",
                    "\"payer_id\": \"MCRB01\"}, \"providers\": [{\"role\": \"billing\","
                    " \"commercial_id\": \"MB-BILL\"}]",
                    &jl),
        X12_OK);
    has(&jl, "PI*MCRB01~\nNM1*85*2~\nREF*G2*MB-BILL~\nLX*1~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    op = x12_claim_first_other_payer(x12_claim_stream_claim(s));
    party_is(x12_other_payer_find_provider(op, X12_ROLE_BILLING), X12_PARTY_LOCATION_NUMBER,
             "MB-LOC");
    party_is(x12_other_payer_find_provider(op, X12_ROLE_REFERRING), X12_PARTY_UPIN, "MB-UPIN");
    ck_assert_int_eq(x12_party_entity(x12_other_payer_find_provider(op, X12_ROLE_BILLING)),
                     X12_ENTITY_ORGANIZATION);
    ck_assert_ptr_null(x12_other_payer_find_provider(op, X12_ROLE_ATTENDING));
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: the seven loops, 2330C attending to 2330I billing, after an other
 * payer made for the test. */
START_TEST(test_op_providers_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "<line revenue_code=\"0120\"",
        "<other_payer responsibility=\"S\" relationship=\"18\" filing_indicator=\"CI\">"
        "<subscriber name=\"DOE\" first_name=\"JANE\" member_id=\"S2\"/>"
        "<payer name=\"OTHER PLAN\" payer_id=\"OP2\"/>"
        "<provider role=\"billing\" commercial_id=\"I-BILL\"/>"
        "<provider role=\"referring\" upin=\"I-REF\"/>"
        "<provider role=\"rendering\" location_number=\"I-REN\"/>"
        "<provider role=\"service_facility\" state_license=\"I-SF\"/>"
        "<provider role=\"other_operating\" upin=\"I-OO\"/>"
        "<provider role=\"operating\" commercial_id=\"I-OP\"/>"
        "<provider role=\"attending\" state_license=\"I-AT\"/>"
        "</other_payer><line revenue_code=\"0120\"",
        NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "PI*OP2~\nNM1*71*1~\nREF*0B*I-AT~\nNM1*72*1~\nREF*G2*I-OP~\nNM1*ZZ*1~\n"
              "REF*1G*I-OO~\nNM1*77*2~\nREF*0B*I-SF~\nNM1*82*1~\nREF*LU*I-REN~\nNM1*DN*1~\n"
              "REF*1G*I-REF~\nNM1*85*2~\nREF*G2*I-BILL~\nLX*1~");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* Edits: a name and an NPI (2330x NM1 has the entity only; set through
 * the API, the formats have none), no REF (one is required: the billing
 * provider, and the supervising provider given its entity only), a UPIN of the billing provider (2330G: G2 LU), a person as
 * the service facility (NM102 2), an attending provider on an 837P. */
START_TEST(test_op_providers_edits)
{
    x12_batch *b = load_changed(
        SC, SC_OP_PAYER_END,
        SC_OP_PAYER_END "<provider role=\"rendering\" commercial_id=\"R1\"/>"
                        "<provider role=\"supervising\" entity=\"person\"/>"
                        "<provider role=\"billing\" upin=\"B1\"/>"
                        "<provider role=\"service_facility\" entity=\"person\""
                        " commercial_id=\"F1\"/>"
                        "<provider role=\"attending\" upin=\"A1\"/>",
        NULL);
    x12_other_payer *op = x12_claim_first_other_payer(
        x12_subscriber_first_claim(x12_billing_provider_first_subscriber(x12_batch_first_provider(b))));
    x12_party *p = x12_other_payer_find_provider(op, X12_ROLE_RENDERING);

    /* the formats have no name or NPI for them: through the API */
    ck_assert_int_eq(x12_party_set(p, X12_PARTY_NAME, "SMITH", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_party_set(p, X12_PARTY_ID, "1234567893", X12_NTS), X12_OK);
    edits_are(b, "claim[1].other_payer[1].rendering.name|not-used|other payer rendering provider "
                 "name is not used in loop 2330D (NM1 gives the entity only)\n"
                 "claim[1].other_payer[1].rendering.npi|not-used|other payer rendering provider "
                 "identifier is not used in loop 2330D (NM1 gives the entity only)\n"
                 "claim[1].other_payer[1].service_facility.entity|organization-only|the other "
                 "payer service_facility provider must be an organization (NM102 2)\n"
                 "claim[1].other_payer[1].attending|not-used|an other payer's attending "
                 "provider is not used on an 837P claim\n"
                 "claim[1].other_payer[1].supervising.commercial_id|required|other payer "
                 "supervising provider secondary identifier (REF*0B, 1G, G2 or LU) is required "
                 "in loop 2330F\n"
                 "claim[1].other_payer[1].billing.upin|not-used|other payer billing provider "
                 "UPIN is not used in loop 2330G (no REF*1G)\n"
                 "claim[1].other_payer[1].billing.commercial_id|required|other payer billing "
                 "provider secondary identifier (REF*0B, 1G, G2 or LU) is required in loop "
                 "2330G\n");
    /* no such loop for an ordering provider; a supervising provider given
     * its entity only is one (an NM1 the caller asked for): its REF is
     * required, above */
    ck_assert_ptr_null(x12_other_payer_provider(op, X12_ROLE_ORDERING));
    ck_assert_ptr_nonnull(x12_other_payer_find_provider(op, X12_ROLE_SUPERVISING));
    x12_batch_free(b);
}
END_TEST

/* Reading back: a second primary care provider (NM1*P3 in 2330C) and a
 * second 2330D are not kept, nor a name in a 2330x NM1. */
START_TEST(test_op_providers_read_not_kept)
{
    x12_batch *b = load_changed(
        SC, SC_OP_PAYER_END,
        SC_OP_PAYER_END "<provider role=\"rendering\" commercial_id=\"R1\"/>", NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = replace(out.p, "NM1*82*1~\n",
                  "NM1*P3*1~\nREF*G2*P~\nNM1*P3*1~\nREF*G2*Q~\nNM1*82*1~\n");
    ck_assert_uint_eq(not_kept_of(bad, "NM1", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    bad = replace(out.p, "NM1*82*1~\nREF*G2*R1~\n", "NM1*82*1~\nREF*G2*R1~\nNM1*82*1~\n");
    ck_assert_uint_eq(not_kept_of(bad, "NM1", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    bad = replace(out.p, "NM1*82*1~\n", "NM1*82*1*SMITH~\n");
    ck_assert_uint_eq(not_kept_of(bad, "NM1", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* A 2330C-I NM1 without the REF its guide requires (REF R): the reader
 * keeps the provider with its entity and reports the missing REF where it
 * should be (segment REF of the loop, error missing-segment); the copy
 * does not drop the NM1 silently: its edits say the REF is required.  The
 * second NM1 of that role after it is not kept. */
START_TEST(test_op_provider_without_ref)
{
    x12_batch *b = load_changed(
        SC, SC_OP_PAYER_END,
        SC_OP_PAYER_END "<provider role=\"rendering\" commercial_id=\"R1\"/>"
                        "<provider role=\"supervising\" commercial_id=\"S1\"/>", NULL);
    tbuf out = {0}, edits = {0};
    x12_claim_stream *s;
    x12_batch *copy;
    const x12_error *e = NULL;
    x12_party *p;
    uint64_t nm1_at;
    char *bad, *twice, msg[320];

    build_ok(b, &out);
    bad = hand_edit(out.p, "NM1*82*1~\nREF*G2*R1~\n", "NM1*82*1~\n");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), bad, strlen(bad)),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_uint_eq(x12_claim_stream_error_count(s), 1);
    e = x12_claim_stream_error_at(s, 0);
    x12_error_format(e, msg, sizeof msg);
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_ERROR);
    ck_assert_str_eq(x12_error_rule(e), "missing-segment");
    ck_assert_str_eq(x12_error_segment_id(e), "REF");
    ck_assert_str_eq(x12_error_loop_id(e), "2330D");
    /* where the REF should be: the NM1*DQ after the NM1*82 */
    nm1_at = x12_error_segment_number(e) - 1;
    ck_assert_uint_eq(x12_error_offset(e), (uint64_t)(strstr(bad, "NM1*DQ") - bad));
    snprintf(msg, sizeof msg, "NM1 (segment %llu)", (unsigned long long)nm1_at);
    ck_assert_ptr_nonnull(strstr(x12_error_message(e), msg));
    p = x12_other_payer_find_provider(x12_claim_first_other_payer(x12_claim_stream_claim(s)),
                                      X12_ROLE_RENDERING);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(x12_party_entity(p), X12_ENTITY_PERSON);
    ck_assert_uint_eq(x12_party_get(p, X12_PARTY_COMMERCIAL_ID).len, 0);
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &copy), X12_OK);
    ck_assert_int_eq(x12_batch_copy_header(copy, x12_claim_stream_header(s)), X12_OK);
    ck_assert_int_eq(x12_claim_stream_copy_claim(s, copy, NULL), X12_OK);
    ck_assert_int_eq(x12_batch_check(copy), X12_EEDIT);
    edits_text(copy, &edits);
    ck_assert_str_eq(edits.p, "claim[1].other_payer[1].rendering.commercial_id|required|other "
                              "payer rendering provider secondary identifier (REF*0B, 1G, G2 or "
                              "LU) is required in loop 2330D\n");
    tbuf_free(&edits);
    x12_batch_free(copy);
    x12_claim_stream_free(s);
    /* the last 2330x of the claim, before LX */
    free(bad);
    bad = hand_edit(out.p, "NM1*DQ*1~\nREF*G2*S1~\n", "NM1*DQ*1~\n");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), bad, strlen(bad)),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_uint_eq(x12_claim_stream_error_count(s), 1);
    e = x12_claim_stream_error_at(s, 0);
    ck_assert_str_eq(x12_error_loop_id(e), "2330F");
    ck_assert_uint_eq(x12_error_offset(e), (uint64_t)(strstr(bad, "\nLX*1~") + 1 - bad));
    x12_claim_stream_free(s);
    /* input that ends right after the bare NM1 (truncated): the missing REF
     * is still reported, beside the reader's own end-of-input errors */
    free(bad);
    bad = hand_edit(out.p, "NM1*82*1~\nREF*G2*R1~\n", "NM1*82*1~\n");
    bad[strstr(bad, "NM1*82*1~\n") + strlen("NM1*82*1~\n") - bad] = '\0';
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), bad, strlen(bad)),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    {
        size_t k, found = 0;

        for (k = 0; k < x12_claim_stream_error_count(s); k++) {
            e = x12_claim_stream_error_at(s, k);
            if (strcmp(x12_error_rule(e), "missing-segment") == 0) {
                found++;
                ck_assert_str_eq(x12_error_segment_id(e), "REF");
                ck_assert_str_eq(x12_error_loop_id(e), "2330D");
            }
        }
        ck_assert_uint_eq(found, 1);
    }
    ck_assert_ptr_nonnull(x12_other_payer_find_provider(
        x12_claim_first_other_payer(x12_claim_stream_claim(s)), X12_ROLE_RENDERING));
    x12_claim_stream_free(s);
    /* a second NM1*82 after the bare one: not kept, and its REF with it */
    twice = hand_edit(out.p, "NM1*82*1~\nREF*G2*R1~\n", "NM1*82*1~\nNM1*82*1~\nREF*G2*R1~\n");
    ck_assert_uint_eq(not_kept_of(twice, "NM1", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(twice);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- the 837P primary care provider (NM1*P3) ------------------------------------------- */

#define MLM "multi-line-modifiers.xml"
#define MLM_REF "<provider role=\"referring\" name=\"SMITH\" first_name=\"ANNA\" npi=\"1333000010\"/>"
#define MLM_PCP "<provider role=\"primary_care\" name=\"JONES\" first_name=\"LEE\"" \
                " npi=\"1888000068\" commercial_id=\"PCP-77\"/>"

/* The guide's second 2310A (and 2420F): NM1*P3 after the referring
 * provider's NM1*DN, with its NPI and secondary ids; at the claim and on a
 * line; strictly valid, read back into the role, the copies write the
 * same bytes. */
START_TEST(test_primary_care_837p)
{
    x12_batch *b = load_changed(
        MLM, MLM_REF, MLM_REF MLM_PCP, "<provider role=\"rendering\" name=\"OKAFOR\"",
        "<provider role=\"primary_care\" name=\"PARK\" first_name=\"MIN\" npi=\"1777000054\""
        " upin=\"U7781\" state_license=\"LIC-9\"/>"
        "<provider role=\"referring\" name=\"SMITH\" first_name=\"ANNA\" npi=\"1333000010\"/>"
        "<provider role=\"rendering\" name=\"OKAFOR\"",
        NULL);
    tbuf out = {0};
    x12_claim_stream *s;
    x12_claim *c;
    x12_service_line *l;
    x12_party *p;

    build_ok(b, &out);
    has(&out, "NM1*DN*1*SMITH*ANNA****XX*1333000010~\nNM1*P3*1*JONES*LEE****XX*1888000068~\n"
              "REF*G2*PCP-77~\nNM1*82*1*NGUYEN");
    has(&out, "NM1*DN*1*SMITH*ANNA****XX*1333000010~\nNM1*P3*1*PARK*MIN****XX*1777000054~\n"
              "REF*0B*LIC-9~\nREF*1G*U7781~\nSE*");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    c = x12_claim_stream_claim(s);
    p = x12_claim_find_provider(c, X12_ROLE_PRIMARY_CARE);
    party_is(p, X12_PARTY_NAME, "JONES");
    party_is(p, X12_PARTY_ID, "1888000068");
    party_is(p, X12_PARTY_COMMERCIAL_ID, "PCP-77");
    party_is(x12_claim_find_provider(c, X12_ROLE_REFERRING), X12_PARTY_NAME, "SMITH");
    l = x12_claim_first_line(c);
    ck_assert_ptr_null(x12_line_find_provider(l, X12_ROLE_PRIMARY_CARE));
    while (x12_line_next(l) != NULL)
        l = x12_line_next(l);
    p = x12_line_find_provider(l, X12_ROLE_PRIMARY_CARE);
    party_is(p, X12_PARTY_FIRST_NAME, "MIN");
    party_is(p, X12_PARTY_UPIN, "U7781");
    party_is(p, X12_PARTY_STATE_LICENSE, "LIC-9");
    party_is(x12_line_find_provider(l, X12_ROLE_REFERRING), X12_PARTY_ID, "1333000010");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* The other payer's number for the primary care provider: 2330C NM1*P3
 * after its NM1*DN, each with its REF. */
START_TEST(test_primary_care_other_payer)
{
    x12_batch *b = load_changed(
        SC, SC_OP_PAYER_END,
        SC_OP_PAYER_END "<provider role=\"primary_care\" upin=\"MB-PCP\"/>"
                        "<provider role=\"referring\" commercial_id=\"MB-REF\"/>",
        NULL);
    tbuf out = {0};
    x12_claim_stream *s;
    x12_other_payer *op;

    build_ok(b, &out);
    has(&out, "PI*MCRB01~\nNM1*DN*1~\nREF*G2*MB-REF~\nNM1*P3*1~\nREF*1G*MB-PCP~\nLX*1~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    op = x12_claim_first_other_payer(x12_claim_stream_claim(s));
    party_is(x12_other_payer_find_provider(op, X12_ROLE_PRIMARY_CARE), X12_PARTY_UPIN, "MB-PCP");
    party_is(x12_other_payer_find_provider(op, X12_ROLE_REFERRING), X12_PARTY_COMMERCIAL_ID,
             "MB-REF");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* Edits: the 837I has no primary care provider (claim, line, other
 * payer: not used); on the 837P it is a person, and its other payer loop
 * needs a REF. */
START_TEST(test_primary_care_edits)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" units=\"4\"/>",
        "<provider role=\"primary_care\" name=\"JONES\" first_name=\"LEE\" npi=\"1888000068\"/>"
        "<other_payer responsibility=\"S\" relationship=\"18\" filing_indicator=\"CI\">"
        "<subscriber name=\"DOE\" first_name=\"JANE\" member_id=\"S2\"/>"
        "<payer name=\"OTHER PLAN\" payer_id=\"OP2\"/>"
        "<provider role=\"primary_care\" upin=\"I-PCP\"/>"
        "</other_payer>"
        "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" units=\"4\">"
        "<provider role=\"primary_care\" name=\"JONES\" first_name=\"LEE\"/></line>",
        NULL);

    edits_are(b, "claim[1].primary_care|not-used|a primary_care provider is not used on an 837I "
                 "claim\n"
                 "claim[1].line[1].primary_care|not-used|a primary_care provider is not used on "
                 "an 837I line\n"
                 "claim[1].other_payer[1].primary_care|not-used|an other payer's primary_care "
                 "provider is not used on an 837I claim\n");
    x12_batch_free(b);
    b = load_changed(MLM, MLM_REF, MLM_REF "<provider role=\"primary_care\" entity=\"organization\""
                                           " name=\"NORTH CLINIC\"/>", NULL);
    edits_are(b, "claim[1].primary_care.entity|person-only|the primary_care provider must be a "
                 "person (NM102 1)\n");
    x12_batch_free(b);
}
END_TEST

/* ---- the pay-to plan (2010AC) -------------------------------------------------------- */

#define SC_BP "zip=\"627011234\">"
#define PLAN "<pay_to_plan name=\"STATE MEDICAID\" payer_id=\"MCD01\" address1=\"1 CAPITOL\"" \
             " city=\"SPRINGFIELD\" state=\"IL\" zip=\"62706\" ein=\"376000000\""

/* After the billing provider (and its pay-to address): NM1*PE with the
 * payer id, N3, N4, the NAIC code, then the EIN (the guide's REF order);
 * the same bytes from JSON Lines; read back. */
START_TEST(test_pay_to_plan)
{
    x12_batch *b = load_changed(SC, SC_BP,
                                SC_BP "<pay_to address1=\"PO BOX 9\" city=\"SPRINGFIELD\""
                                      " state=\"IL\" zip=\"62791\"/>" PLAN
                                      " naic_code=\"99999\"/>",
                                NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_party *plan;

    build_ok(b, &out);
    has(&out, "REF*EI*371234567~\nNM1*87*2~\nN3*PO BOX 9~\nN4*SPRINGFIELD*IL*62791~\n"
              "NM1*PE*2*STATE MEDICAID*****PI*MCD01~\nN3*1 CAPITOL~\nN4*SPRINGFIELD*IL*62706~\n"
              "REF*NF*99999~\nREF*EI*376000000~\nHL*2*1*22*0~");
    ck_assert_int_eq(
        build_jsonl("secondary-claim.jsonl", "\"zip\": \"627011234\"}",
                    "\"zip\": \"627011234\", \"pay_to_plan\": {\"name\": \"STATE MEDICAID\","
                    " \"payer_id\": \"MCD01\", \"address1\": \"1 CAPITOL\", \"city\":"
                    " \"SPRINGFIELD\", \"state\": \"IL\", \"zip\": \"62706\", \"ein\":"
                    " \"376000000\"}}",
                    &jl),
        X12_OK);
    has(&jl, "NM1*PE*2*STATE MEDICAID*****PI*MCD01~\nN3*1 CAPITOL~\nN4*SPRINGFIELD*IL*62706~\n"
             "REF*EI*376000000~\nHL*2*1*22*0~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    plan = x12_billing_provider_pay_to_plan(x12_claim_stream_provider(s));
    party_is(plan, X12_PARTY_ID, "MCD01");
    party_is(plan, X12_PARTY_EIN, "376000000");
    party_is(plan, X12_PARTY_NAIC, "99999");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* Edits: no EIN, no payer id, no address, a person, two of 2U/FY/NF (the
 * guide's REF takes one), a middle name. */
START_TEST(test_pay_to_plan_edits)
{
    x12_batch *b = load_changed(SC, SC_BP,
                                SC_BP "<pay_to_plan entity=\"person\" name=\"PLAN\""
                                      " first_name=\"X\" middle_name=\"Y\" payer_number=\"P2U\""
                                      " claim_office=\"FY1\"/>",
                                NULL);

    edits_are(b, "provider[1].pay_to_plan.claim_office|too-many|pay-to plan has more "
                 "identifiers of REF*2U FY NF than the 1 loop 2010AC allows\n"
                 "provider[1].pay_to_plan.payer_id|required|pay-to plan identifier is required\n"
                 "provider[1].pay_to_plan.address1|required|pay-to plan address line 1 is "
                 "required\n"
                 "provider[1].pay_to_plan.city|required|pay-to plan city is required\n"
                 "provider[1].pay_to_plan.state|required|pay-to plan state is required\n"
                 "provider[1].pay_to_plan.zip|required|pay-to plan ZIP code is required\n"
                 "provider[1].pay_to_plan.ein|required|pay-to plan tax id (REF*EI EIN) is "
                 "required\n"
                 "provider[1].pay_to_plan.middle_name|not-used|pay-to plan middle name is not "
                 "used in loop 2010AC\n"
                 "provider[1].pay_to_plan.entity|organization-only|the pay-to plan must be an "
                 "organization (NM102 2)\n");
    x12_batch_free(b);
}
END_TEST

/* Reading back: a second NM1*PE is not kept; NM108 XV (a CMS plan id) is
 * kept with a warning naming both codes. */
START_TEST(test_pay_to_plan_read_not_kept)
{
    x12_batch *b = load_changed(SC, SC_BP, SC_BP PLAN "/>", NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = replace(out.p, "REF*EI*376000000~\n", "REF*EI*376000000~\nNM1*PE*2*OTHER*****PI*X~\n");
    ck_assert_uint_eq(not_kept_of(bad, "NM1", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    bad = replace(out.p, "*PI*MCD01~", "*XV*MCD01~");
    ck_assert_uint_eq(not_kept_of(bad, "NM1", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- other payers: SBR04, OI04, AMT*A8, MOA, MIA (2320) ---------------------------- */

#define SECONDARY "secondary-claim.xml"
#define OP_837P "filing_indicator=\"MB\" paid=\"144.00\""
/* an other payer for the inpatient example, before its lines (the claim's
 * subscriber becomes the secondary one) */
#define OP_837I_AT "<line revenue_code=\"0120\""
#define OP_837I(attrs)                                                                        \
    "<other_payer responsibility=\"P\" relationship=\"18\" filing_indicator=\"MA\" " attrs   \
    "><subscriber name=\"DOE\" first_name=\"JANE\" member_id=\"1EG4TE5MK73\"/>"              \
    "<payer name=\"MEDICARE PART A\" payer_id=\"MCRA01\"/></other_payer>"                    \
    "<line revenue_code=\"0120\""

/* 837P: SBR04 after the group number, AMT*A8 between AMT*D and AMT*EAF,
 * OI04 P, MOA after OI with its rate, amounts and remark codes in
 * MOA03-07; the same bytes from JSON Lines. */
START_TEST(test_cob_837p)
{
    x12_batch *b = load_changed(SECONDARY, OP_837P,
                                OP_837P " group_name=\"ACME RETIREE PLAN\" patient_signature=\"P\""
                                " noncovered=\"12.00\" patient_liability=\"76.00\""
                                " reimbursement_rate=\"0.8\" hcpcs_payable=\"144.00\""
                                " outpatient_remarks=\"MA01 N130 M15\" esrd_payment=\"5.50\""
                                " outpatient_professional_nonpayable=\"0\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "SBR*P*18*GRP0042*ACME RETIREE PLAN*****MB~\n");
    has(&out, "AMT*D*144~\nAMT*A8*12~\nAMT*EAF*76~\nOI***Y*P**Y~\n"
              "MOA*0.8*144*MA01*N130*M15***5.5*0~\nNM1*IL*");
    ck_assert_int_eq(build_jsonl("secondary-claim.jsonl", "\"paid_cents\": 14400",
                                 "\"paid_cents\": 14400, \"group_name\": \"ACME RETIREE PLAN\","
                                 " \"patient_signature\": \"P\", \"noncovered_cents\": 1200,"
                                 " \"patient_liability\": \"76.00\", \"reimbursement_rate\":"
                                 " \"0.8\", \"hcpcs_payable\": \"144.00\", \"outpatient_remarks\":"
                                 " \"MA01 N130 M15\", \"esrd_payment_cents\": 550,"
                                 " \"outpatient_professional_nonpayable\": \"0\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: AMT*A8 after AMT*EAF, MIA (every element: the first remark code in
 * MIA05, the others in MIA20-23) before MOA, no OI04. */
START_TEST(test_cob_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "<subscriber responsibility=\"P\"", "<subscriber responsibility=\"S\"",
        OP_837I_AT,
        OP_837I("group_name=\"MEDICARE\" patient_liability=\"1000.00\" noncovered=\"50.00\""
                " covered_days=\"4\" pps_operating_outlier=\"2.00\" lifetime_psychiatric_days=\"0\""
                " drg_amount=\"9000.00\" inpatient_remarks=\"MA01 MA02 N1 N2 N3\""
                " disproportionate_share=\"6.00\" msp_pass_through=\"7.00\" pps_capital=\"8.00\""
                " pps_capital_fsp_drg=\"9.00\" pps_capital_hsp_drg=\"10.00\""
                " pps_capital_dsh_drg=\"11.00\" old_capital=\"12.00\" pps_capital_ime=\"13.00\""
                " pps_operating_hsp_drg=\"14.00\" cost_report_days=\"3\""
                " pps_operating_fsp_drg=\"16.00\" pps_capital_outlier=\"17.00\""
                " indirect_teaching=\"18.00\" inpatient_professional_nonpayable=\"19.00\""
                " pps_capital_exception=\"24.00\" reimbursement_rate=\"1\""),
        NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "SBR*P*18**MEDICARE*****MA~\nAMT*EAF*1000~\nAMT*A8*50~\nOI***Y***Y~\n"
              "MIA*4*2*0*9000*MA01*6*7*8*9*10*11*12*13*14*3*16*17*18*19*MA02*N1*N2*N3*24~\n"
              "MOA*1~\nNM1*IL*");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_cob_edits)
{
    x12_batch *b = load_changed(SECONDARY, OP_837P,
                                OP_837P " patient_signature=\"Y\" noncovered=\"-1.00\""
                                " reimbursement_rate=\"80\" outpatient_remarks=\"A B C D E F\""
                                " covered_days=\"4\" drg_amount=\"1.00\"",
                                NULL);

    edits_are(b, "claim[1].other_payer[1].covered_days|not-used|covered days or visits count "
                 "(MIA01) is not used on 837P claims\n"
                 "claim[1].other_payer[1].drg_amount|not-used|claim DRG amount (MIA04) is not "
                 "used on 837P claims\n"
                 "claim[1].other_payer[1].patient_signature|code-value|OI04 patient signature "
                 "source code is not one of P\n"
                 "claim[1].other_payer[1].noncovered|amount-negative|COB total non-covered amount "
                 "must not be negative\n"
                 "claim[1].other_payer[1].reimbursement_rate|rate-format|outpatient reimbursement "
                 "rate (MOA01) must be a decimal fraction from 0 to 1 (0.8 for 80%)\n"
                 "claim[1].other_payer[1].outpatient_remarks|too-many|6 outpatient remark codes; "
                 "at most 5 (MOA)\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", OP_837I_AT,
                     OP_837I("patient_signature=\"P\" pps_capital=\"8.00\" covered_days=\"x\""
                             " inpatient_remarks=\"MA01 " /* 51 characters */
                             "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJX\""
                             " reimbursement_rate=\"1.5\""),
                     NULL);
    edits_are(b, "claim[1].other_payer[1].patient_signature|not-used|patient signature source "
                 "code (OI04) is not used on 837I claims\n"
                 "claim[1].other_payer[1].reimbursement_rate|rate-format|outpatient reimbursement "
                 "rate (MOA01) must be a decimal fraction from 0 to 1 (0.8 for 80%)\n"
                 "claim[1].other_payer[1].inpatient_remarks|too-long|inpatient remark code is 51 "
                 "characters long; at most 50\n"
                 "claim[1].other_payer[1].covered_days|quantity-format|covered days or visits "
                 "count (MIA01) must be a number\n");
    x12_batch_free(b);
    /* MIA without MIA01 */
    b = load_changed("inpatient-stay.xml", OP_837I_AT,
                     OP_837I("cost_report_days=\"3\""), NULL);
    edits_are(b, "claim[1].other_payer[1].covered_days|required|covered days or visits count "
                 "(MIA01) is required with the inpatient adjudication (MIA)\n");
    x12_batch_free(b);
}
END_TEST

/* A second MOA, an MIA in an 837P and OI04 in an 837I are reported as not
 * kept, never dropped silently; the first MOA's values stay. */
START_TEST(test_cob_read_not_kept)
{
    x12_batch *b = load_changed(SECONDARY, OP_837P,
                                OP_837P " reimbursement_rate=\"0.8\" outpatient_remarks=\"MA01\"",
                                NULL);
    tbuf out = {0};
    char *twice;

    build_ok(b, &out);
    twice = replace(out.p, "MOA*0.8**MA01~\n", "MOA*0.8**MA01~\nMOA*0.5**N1~\n");
    ck_assert_uint_eq(not_kept_of(twice, "MOA", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(twice);
    twice = replace(out.p, "MOA*0.8**MA01~\n", "MIA*4~\nMOA*0.8**MA01~\n");
    ck_assert_uint_eq(not_kept_of(twice, "MIA", X12_CLAIM_PCN, "PCN-2025-0412"), 1);
    free(twice);
    tbuf_free(&out);
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", OP_837I_AT, OP_837I("covered_days=\"4\""), NULL);
    build_ok(b, &out);
    has(&out, "OI***Y***Y~\nMIA*4~\n");
    twice = replace(out.p, "OI***Y***Y~\n", "OI***Y*P**Y~\n");
    ck_assert_uint_eq(not_kept_of(twice, "OI", X12_CLAIM_PCN, "IP-250110-77"), 1);
    free(twice);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- 837I 2300 REF*LU (the accident state) and REF*G4 ------------------------------ */

/* The 837I's accident state is REF*LU (the 837P's CLM11-4): in the guide's
 * place after D9, G4 last; the same bytes from JSON Lines. */
START_TEST(test_lu_g4_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                                "medical_record=\"MR0044312\" accident_state=\"IL\""
                                " pro_approval_number=\"PRO7781\" intermediary_claim_id=\"CH9\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "REF*D9*CH9~\nREF*LU*IL~\nREF*EA*MR0044312~\nREF*G4*PRO7781~\nHI*");
    ck_assert_int_eq(build_jsonl("inpatient-stay.jsonl", "\"medical_record\": \"MR0044312\"",
                                 "\"medical_record\": \"MR0044312\", \"accident_state\": \"IL\","
                                 " \"pro_approval_number\": \"PRO7781\","
                                 " \"intermediary_claim_id\": \"CH9\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_lu_g4_edits)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                                "medical_record=\"MR0044312\" accident_state=\"XX\"", NULL);

    edits_are(b, "claim[1].accident_state|state-code|auto accident state (REF*LU) is not a US "
                 "state, territory or military code, or a Canadian province\n");
    x12_batch_free(b);
    b = load_changed(OFFICE, "place_of_service=\"11\"",
                     "place_of_service=\"11\" pro_approval_number=\"PRO1\"", NULL);
    edits_are(b, "claim[1].pro_approval_number|not-used|peer review organization approval "
                 "number is not used on an 837P claim\n");
    x12_batch_free(b);
}
END_TEST

/* ---- HI: 837I ABN (external cause) and TC, 837P BP/BO and BG ------------------------ */

/* 837I: the external causes of injury (with their POA) after the reason
 * for visit and before the DRG and other diagnoses; the treatment codes
 * last; the same bytes from JSON Lines. */
START_TEST(test_hi_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "<diagnosis code=\"K91.89\" poa=\"N\"/>",
        "<diagnosis code=\"K91.89\" poa=\"N\"/><diagnosis kind=\"external_cause\""
        " code=\"W01.XXXA\" poa=\"Y\"/><diagnosis kind=\"external_cause\" code=\"Y92009\"/>",
        "<code kind=\"condition\" code=\"39\"/>",
        "<code kind=\"condition\" code=\"39\"/><code kind=\"treatment\" code=\"PT01\"/>"
        "<code kind=\"treatment\" code=\"OT7\"/>",
        "bill_type=\"111\"", "bill_type=\"111\" drg=\"470\"", NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "HI*ABJ:R1031~\nHI*ABN:W01XXXA:::::::Y*ABN:Y92009~\nHI*DR:470~\nHI*ABF:E119");
    has(&out, "HI*BG:39~\nHI*TC:PT01*TC:OT7~\n");
    ck_assert_int_eq(
        build_jsonl("inpatient-stay.jsonl",
                    "{\"code\": \"K91.89\", \"poa\": \"N\"}], \"codes\": [",
                    "{\"code\": \"K91.89\", \"poa\": \"N\"}, {\"kind\": \"external_cause\","
                    " \"code\": \"W01.XXXA\", \"poa\": \"Y\"}, {\"kind\": \"external_cause\","
                    " \"code\": \"Y92009\"}], \"drg\": \"470\", \"codes\": [{\"kind\":"
                    " \"treatment\", \"code\": \"PT01\"}, {\"kind\": \"treatment\", \"code\":"
                    " \"OT7\"}, ",
                    &jl),
        X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837P: HI*BP (then BO) and HI*BG after the diagnoses, in the guide's
 * order whatever the order added. */
START_TEST(test_hi_837p)
{
    x12_batch *b = load_changed(OFFICE, "<diagnosis code=\"R50.9\"/>",
                                "<diagnosis code=\"R50.9\"/><code kind=\"condition\" code=\"AL\"/>"
                                "<code kind=\"anesthesia_procedure\" code=\"42820\"/>"
                                "<code kind=\"anesthesia_procedure\" code=\"42830\"/>"
                                "<code kind=\"condition\" code=\"P1\"/>",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "HI*ABK:J0300*ABF:R509~\nHI*BP:42820*BO:42830~\nHI*BG:AL*BG:P1~\nLX*1~");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_hi_edits)
{
    x12_batch *b = load_changed(OFFICE, "<diagnosis code=\"R50.9\"/>",
                                "<diagnosis code=\"R50.9\"/><diagnosis kind=\"external_cause\""
                                " code=\"W01.XXXA\"/><code kind=\"treatment\" code=\"PT01\"/>"
                                "<code kind=\"anesthesia_procedure\" code=\"4282\"/>"
                                "<code kind=\"anesthesia_procedure\" code=\"42830\"/>"
                                "<code kind=\"anesthesia_procedure\" code=\"42840\"/>",
                                NULL);

    edits_are(b, "claim[1].diagnosis[3]|not-used|admitting, reason-for-visit and external cause "
                 "of injury diagnoses are not used on an 837P claim\n"
                 "claim[1].code[1]|not-used|a treatment code is not used on an 837P claim\n"
                 "claim[1].code[2]|procedure-format|anesthesia related procedure must be a CPT "
                 "code (4 digits then a digit, F or T) or a HCPCS code (a letter A-V then 4 "
                 "digits)\n"
                 "claim[1].code|too-many|3 anesthesia related procedures; at most 2 (BP and "
                 "BO)\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "<code kind=\"condition\" code=\"39\"/>",
                     "<code kind=\"condition\" code=\"39\"/><code kind=\"anesthesia_procedure\""
                     " code=\"42820\"/><code kind=\"treatment\""
                     " code=\"T234567890123456789012345678901\"/>",
                     NULL);
    edits_are(b, "claim[1].code[5]|not-used|an anesthesia related procedure is not used on an "
                 "837I claim\n"
                 "claim[1].code[6]|too-long|treatment code is 31 characters long; at most 30\n");
    x12_batch_free(b);
}
END_TEST

/* ---- ICD-9 (HI BK, BF, BJ, PR, BN, BR, BQ) for services before 2015-10-01 ----------- */

/* 837P: every service date before 2015-10-01 (2014-11-20), so the claim's diagnoses are
 * ICD-9-CM: HI*BK and BF (an E code's dot after its fourth character). */
START_TEST(test_icd9_837p)
{
    x12_batch *b = load_changed(OFFICE, "20251110", "20141110", "20251120", "20141120", "J03.00",
                                "034.0", "R50.9", "E880.9", NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "HI*BK:0340*BF:E8809~\n");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* The inpatient example's statement dates in 2015 (the admission and
 * procedure dates are left: the statement through date decides). */
#define STAY_2015                                                                               \
    "service_from=\"20250110\" service_to=\"20250114\"",                                       \
        "service_from=\"20150110\" service_to=\"20150114\""

/* 837I: the statement through date decides; BK with POA, BJ, BF, BR. */
START_TEST(test_icd9_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", STAY_2015, "K35.80", "540.9",
                                "R10.31", "789.03", "E11.9", "250.00", "K91.89", "997.49",
                                "0DTJ4ZZ", "47.01", NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "HI*BK:5409:::::::Y~\nHI*BJ:78903~\nHI*BF:25000:::::::Y*BF:99749:::::::N~\n"
              "HI*BR:4701:D8:20250110~\n");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_icd9_edits)
{
    /* ICD-10 codes on a claim of 2015-09 services */
    x12_batch *b = load_changed(OFFICE, "20251110", "20141110", "20251120", "20141120", NULL);

    edits_are(b, "claim[1].diagnosis[1]|icd9cm-format|diagnosis 1 is not an ICD-9-CM code (the "
                 "claim's services are before 2015-10-01): 3 to 5 digits, V and 2 to 4 digits, "
                 "or E and 3 or 4 digits (a dot only after the third digit, or the fourth "
                 "character of an E code)\n"
                 "claim[1].diagnosis[2]|icd9cm-format|diagnosis 2 is not an ICD-9-CM code (the "
                 "claim's services are before 2015-10-01): 3 to 5 digits, V and 2 to 4 digits, "
                 "or E and 3 or 4 digits (a dot only after the third digit, or the fourth "
                 "character of an E code)\n");
    x12_batch_free(b);
    /* one line before 2015-10-01, the other after */
    b = load_changed(OFFICE, "control_number=\"LINE0002\"",
                     "control_number=\"LINE0002\" service_from=\"20150930\"", NULL);
    edits_are(b, "claim[1].diagnosis|code-set|the claim's service dates fall before and after "
                 "2015-10-01: its diagnoses cannot be both ICD-9-CM and ICD-10-CM; split the "
                 "claim at that date\n");
    x12_batch_free(b);
    /* an ICD-10-PCS procedure on an ICD-9 inpatient claim */
    b = load_changed("inpatient-stay.xml", STAY_2015, "K35.80", "540.9", "R10.31", "789.03",
                     "E11.9", "250.00", "K91.89", "997.49", NULL);
    edits_are(b, "claim[1].code[1]|icd9proc-format|principal procedure is not an ICD-9-CM "
                 "procedure code (the claim's services are before 2015-10-01): 2 digits, a dot, "
                 "1 or 2 digits\n");
    x12_batch_free(b);
}
END_TEST

/* ---- CN1 and HCP: contract and repricing information (2300, 2400) ------------------ */

#define CN1_HCP_CLAIM                                                                         \
    " contract_type=\"02\" contract_amount=\"150.00\" contract_percent=\"80\""                \
    " contract_code=\"CT1\" terms_discount_percent=\"2.5\" contract_version=\"V3\""           \
    " pricing_methodology=\"10\" repriced_allowed=\"120.00\" repriced_saving=\"5.00\""        \
    " repricing_org_id=\"REPR1\" repricing_rate=\"99.5\" repriced_apg_code=\"APG1\""          \
    " repriced_apg_amount=\"7.25\" repricing_reject_reason=\"T1\" policy_compliance=\"1\""    \
    " repricing_exception=\"2\""
#define HCP_LINE                                                                              \
    " pricing_methodology=\"02\" repriced_allowed=\"55.00\" repriced_procedure_qualifier=\"HC\"" \
    " repriced_procedure=\"87880\" repriced_unit=\"UN\" repriced_units=\"1\""

/* 837P: CN1 after the claim's PWK, HCP after the HI; the line's CN1 before
 * its REFs, its HCP last; every element; the same bytes from JSON Lines. */
START_TEST(test_cn1_hcp_837p)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\"" CN1_HCP_CLAIM,
                                "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" contract_type=\"05\"" HCP_LINE,
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "DTP*431*D8*20251110~\nCN1*02*150*80*CT1*2.5*V3~\nHI*ABK:J0300*ABF:R509~\n"
              "HCP*10*120*5*REPR1*99.5*APG1*7.25******T1*1*2~\nLX*1~");
    has(&out, "DTP*472*D8*20251120~\nCN1*05~\nREF*6R*LINE0002~\n"
              "HCP*02*55*******HC*87880*UN*1~\nSE*");
    ck_assert_int_eq(
        build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0002\"",
                    "\"control_number\": \"LINE0002\", \"contract_type\": \"05\","
                    " \"pricing_methodology\": \"02\", \"repriced_allowed_cents\": 5500,"
                    " \"repriced_procedure_qualifier\": \"HC\", \"repriced_procedure\": \"87880\","
                    " \"repriced_unit\": \"UN\", \"repriced_units\": \"1\"",
                    &jl),
        X12_OK);
    has(&jl, "CN1*05~\nREF*6R*LINE0002~\nHCP*02*55*******HC*87880*UN*1~\nSE*");
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: CN1 after CL1 (no PWK), HCP after the last HI; the line's HCP. */
START_TEST(test_cn1_hcp_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                                "medical_record=\"MR0044312\"" CN1_HCP_CLAIM, "units=\"4\"",
                                "units=\"4\"" HCP_LINE, NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "CL1*1*1*01~\nCN1*02*150*80*CT1*2.5*V3~\nREF*EA*MR0044312~\n");
    has(&out, "HI*BG:39~\nHCP*10*120*5*REPR1*99.5*APG1*7.25******T1*1*2~\nNM1*71*");
    has(&out, "*DA*4~\nHCP*02*55*******HC*87880*UN*1~\nLX*2~");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_cn1_hcp_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" contract_amount=\"-1.00\""
                                " contract_percent=\"8O\" repriced_saving=\"5.00\""
                                " pricing_methodology=\"99\"",
                                "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" repriced_procedure=\"87880\""
                                " repriced_units=\"1\" pricing_methodology=\"02\""
                                " repriced_allowed=\"5.00\"",
                                NULL);

    edits_are(b, "claim[1].contract_percent|number-format|contract percentage (CN103) must be a "
                 "decimal number\n"
                 "claim[1].contract_amount|amount-negative|contract amount must not be negative\n"
                 "claim[1].contract_type|required|contract type code (CN101) is required with the "
                 "claim's other CN1 elements\n"
                 "claim[1].pricing_methodology|code-value|pricing methodology is not one of 00 01 "
                 "02 03 04 05 07 08 09 10 11 12 13 14\n"
                 "claim[1].repriced_allowed|required|repriced allowed amount (HCP02) is required "
                 "with the claim's other HCP elements\n"
                 "claim[1].line[2].repriced_procedure_qualifier|required|the repriced procedure "
                 "code (HCP10) and its qualifier (HCP09) come together\n"
                 "claim[1].line[2].repriced_unit|required|the repriced unit count (HCP12) and its "
                 "unit (HCP11) come together\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"", "units=\"4\" contract_type=\"02\"",
                     NULL);
    edits_are(b, "claim[1].line[1].contract_type|not-used|contract type code (CN101) is not used "
                 "on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* ---- 2410 REF*XZ / REF*VY ------------------------------------------------------------ */

/* The drug's REF after its CTP, in loop 2410 (the line's REFs stay before
 * it); read back into the same field. */
START_TEST(test_drug_ref)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" ndc=\"00002143380\""
                                " ndc_quantity=\"1\" ndc_unit=\"UN\" prescription_number=\"RX12345\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "REF*6R*LINE0002~\nLIN**N4*00002143380~\nCTP****1*UN~\nREF*XZ*RX12345~\nSE*");
    tbuf_free(&out);
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"",
                     "units=\"4\" ndc=\"00002143380\" ndc_quantity=\"2\" ndc_unit=\"ML\""
                     " drug_link_sequence=\"1\"",
                     NULL);
    build_ok(b, &out);
    has(&out, "CTP****2*ML~\nREF*VY*1~\nLX*2~");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_drug_ref_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" prescription_number=\"RX1\""
                                " drug_link_sequence=\"2\"",
                                NULL);

    edits_are(b, "claim[1].line[2].drug_link_sequence|too-many|a drug has one REF (2410): a "
                 "prescription number (XZ) or a link sequence number (VY), not both\n"
                 "claim[1].line[2].ndc|required|a prescription number or link sequence number "
                 "(2410 REF) needs an NDC\n");
    x12_batch_free(b);
}
END_TEST

/* The guide's 2410 REF is one (max 1): XZ or VY.  A file that carries both
 * keeps the first in its field and the second is a located not-kept
 * warning on that REF; the copy passes the edits and writes the first. */
static void drug_refs_read(const char *data, const char *kept_seg, x12_line_field kept,
                           const char *value, x12_line_field lost)
{
    x12_claim_stream *s;
    x12_service_line *l;
    x12_batch *copy;
    tbuf again = {0};
    size_t i, n = 0;

    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), data, strlen(data)),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    for (i = 0; i < x12_claim_stream_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_error_at(s, i);
        char msg[256];

        x12_error_format(e, msg, sizeof msg);
        ck_assert_msg(strcmp(x12_error_rule(e), "not-kept") == 0, "%s", msg);
        ck_assert_str_eq(x12_error_segment_id(e), "REF");
        ck_assert_str_eq(x12_error_loop_id(e), "2410");
        ck_assert_uint_gt(x12_error_segment_number(e), 0);
        ck_assert_ptr_nonnull(strstr(msg, "(it holds one)"));
        n++;
    }
    ck_assert_uint_eq(n, 1);
    l = x12_line_next(x12_claim_first_line(x12_claim_stream_claim(s)));
    ck_assert_str_eq(x12_line_get(l, kept).ptr, value);
    ck_assert_uint_eq(x12_line_get(l, lost).len, 0);
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &copy), X12_OK);
    ck_assert_int_eq(x12_batch_copy_header(copy, x12_claim_stream_header(s)), X12_OK);
    ck_assert_int_eq(x12_claim_stream_copy_claim(s, copy, NULL), X12_OK);
    ck_assert_int_eq(build(copy, &again), X12_OK);
    has(&again, kept_seg);
    x12_batch_free(copy);
    x12_claim_stream_free(s);
    tbuf_free(&again);
}

START_TEST(test_drug_ref_both_read)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" ndc=\"00002143380\""
                                " ndc_quantity=\"1\" ndc_unit=\"UN\" prescription_number=\"RX12345\"",
                                NULL);
    tbuf out = {0};
    char *bad;

    build_ok(b, &out);
    bad = hand_edit(out.p, "REF*XZ*RX12345~\n", "REF*XZ*RX12345~\nREF*VY*7~\n");
    drug_refs_read(bad, "CTP****1*UN~\nREF*XZ*RX12345~\nSE*", X12_LINE_PRESCRIPTION_NUMBER,
                   "RX12345", X12_LINE_DRUG_LINK_SEQUENCE);
    free(bad);
    bad = hand_edit(out.p, "REF*XZ*RX12345~\n", "REF*VY*7~\nREF*XZ*RX12345~\n");
    drug_refs_read(bad, "CTP****1*UN~\nREF*VY*7~\nSE*", X12_LINE_DRUG_LINK_SEQUENCE, "7",
                   X12_LINE_PRESCRIPTION_NUMBER);
    free(bad);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- CRC 75, ZZ (2300) and 70, 09 (837P 2400) ----------------------------------------- */

/* 837P: CRC*75 and CRC*ZZ after the ambulance CRCs, before HI; the line's
 * CRC*70 and CRC*09 after its PWK/CR1/CRC*07; the same bytes from JSON
 * Lines. */
START_TEST(test_crc_837p)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" homebound=\"Y\" epsdt_referral=\"Y\""
                                " epsdt_conditions=\"AV S2\"",
                                "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" hospice_employee=\"N\""
                                " dme_condition=\"Y\" dme_conditions=\"38 ZV\"",
                                NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "DTP*431*D8*20251110~\nCRC*75*Y*IH~\nCRC*ZZ*Y*AV*S2~\nHI*ABK:");
    has(&out, "SV1*HC:87880*60*UN*1***1~\nCRC*70*N*65~\nCRC*09*Y*38*ZV~\nDTP*472");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0002\"",
                                 "\"control_number\": \"LINE0002\", \"hospice_employee\": \"N\","
                                 " \"dme_condition\": \"Y\", \"dme_conditions\": \"38 ZV\"",
                                 &jl),
                     X12_OK);
    has(&jl, "CRC*70*N*65~\nCRC*09*Y*38*ZV~\nDTP*472");
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: the EPSDT referral after the claim's REFs, before HI. */
START_TEST(test_crc_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                                "medical_record=\"MR0044312\" epsdt_referral=\"N\""
                                " epsdt_conditions=\"NU\"",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "REF*EA*MR0044312~\nCRC*ZZ*N*NU~\nHI*ABK:");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_crc_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" homebound=\"N\" epsdt_referral=\"Y\""
                                " epsdt_conditions=\"AV S2 ST NU XX\"",
                                "control_number=\"LINE0002\"",
                                "control_number=\"LINE0002\" dme_conditions=\"38\"", NULL);

    edits_are(b, "claim[1].epsdt_conditions|too-long|EPSDT condition code is 14 characters long; "
                 "at most 11\n"
                 "claim[1].homebound|code-value|homebound indicator is not one of Y\n"
                 "claim[1].epsdt_conditions|code-value|EPSDT condition code 5 is not one of AV NU "
                 "S2 ST\n"
                 "claim[1].epsdt_conditions|too-many|5 EPSDT condition codes; at most 3\n"
                 "claim[1].line[2].dme_condition|required|DME certification condition indicator "
                 "(CRC02) is required with the condition codes\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"",
                     "units=\"4\" hospice_employee=\"Y\"", "medical_record=\"MR0044312\"",
                     "medical_record=\"MR0044312\" homebound=\"Y\" epsdt_referral=\"Y\"", NULL);
    edits_are(b, "claim[1].homebound|not-used|homebound indicator is not used on an 837I claim\n"
                 "claim[1].epsdt_conditions|required|EPSDT condition code (CRC03) is required "
                 "with the EPSDT referral given\n"
                 "claim[1].line[1].hospice_employee|not-used|hospice employee indicator is not "
                 "used on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* 837P vision: CRC E1 and E3 after the ambulance CRCs, before CRC*75;
 * read back; the same bytes from JSON Lines; a second CRC*E1 is not
 * kept. */
START_TEST(test_crc_vision)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" homebound=\"Y\" vision_lenses=\"Y\""
                                " vision_lenses_conditions=\"L1 L5\" vision_frames=\"N\""
                                " vision_frames_conditions=\"L4\"",
                                NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_claim *c;
    char *bad;

    build_ok(b, &out);
    has(&out, "DTP*431*D8*20251110~\nCRC*E1*Y*L1*L5~\nCRC*E3*N*L4~\nCRC*75*Y*IH~\nHI*ABK:");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    c = x12_claim_stream_claim(s);
    ck_assert_str_eq(x12_claim_get(c, X12_CLAIM_VISION_LENSES_CONDITIONS).ptr, "L1 L5");
    ck_assert_str_eq(x12_claim_get(c, X12_CLAIM_VISION_FRAMES).ptr, "N");
    ck_assert_uint_eq(x12_claim_get(c, X12_CLAIM_VISION_CONTACTS).len, 0);
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\", \"vision_contacts\": \"Y\","
                                 " \"vision_contacts_conditions\": \"L1 L2 L3 L4 L5\"",
                                 &jl),
                     X12_OK);
    has(&jl, "~\nCRC*E2*Y*L1*L2*L3*L4*L5~\nHI*ABK:");
    bad = replace(out.p, "CRC*E1*Y*L1*L5~\n", "CRC*E1*Y*L1*L5~\nCRC*E1*N*L2~\n");
    ck_assert_uint_eq(not_kept_of(bad, "CRC", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_crc_vision_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" vision_lenses=\"X\""
                                " vision_lenses_conditions=\"L1 L9\" vision_contacts=\"Y\""
                                " vision_frames_conditions=\"L1 L2 L3 L4 L5 L1\"",
                                NULL);

    edits_are(b, "claim[1].vision_frames_conditions|too-long|spectacle frames condition code is "
                 "17 characters long; at most 14\n"
                 "claim[1].vision_lenses|code-value|spectacle lenses condition indicator is not "
                 "one of N Y\n"
                 "claim[1].vision_lenses_conditions|code-value|spectacle lenses condition code 2 "
                 "is not one of L1 L2 L3 L4 L5\n"
                 "claim[1].vision_contacts_conditions|required|contact lenses condition code "
                 "(CRC03) is required with the contact lenses condition indicator\n"
                 "claim[1].vision_frames_conditions|too-many|6 spectacle frames condition codes; "
                 "at most 5\n"
                 "claim[1].vision_frames|required|spectacle frames condition indicator (CRC02) is "
                 "required with the condition codes\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                     "medical_record=\"MR0044312\" vision_frames=\"Y\"", NULL);
    edits_are(b, "claim[1].vision_frames|not-used|spectacle frames condition indicator is not "
                 "used on an 837I claim\n");
    x12_batch_free(b);
}
END_TEST

/* ---- special program (837P CLM12) ---------------------------------------------------- */

/* CLM12 between CLM11 and CLM20; read back (it was the example of an
 * element not kept); the same bytes from JSON Lines; the guide's codes;
 * not on an 837I. */
START_TEST(test_special_program)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" special_program=\"03\"", NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "*11:B:1*Y*A*Y*Y***03~\n");
    ck_assert_uint_eq(not_kept_of(out.p, "CLM", X12_CLAIM_SPECIAL_PROGRAM, "03"), 0);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\", \"special_program\": \"03\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
    b = load_changed(OFFICE, "place_of_service=\"11\"",
                     "place_of_service=\"11\" special_program=\"09\" delay_reason=\"11\"", NULL);
    build_ok(b, &out);
    has(&out, "*Y*A*Y*Y***09********11~\n");
    tbuf_free(&out);
    x12_batch_free(b);
    b = load_changed(OFFICE, "place_of_service=\"11\"",
                     "place_of_service=\"11\" special_program=\"04\"", NULL);
    edits_are(b, "claim[1].special_program|code-value|CLM12 special program is not one of 02 03 05 "
                 "09\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                     "medical_record=\"MR0044312\" special_program=\"02\"", NULL);
    edits_are(b, "claim[1].special_program|not-used|special program code is not used on an 837I "
                 "claim\n");
    x12_batch_free(b);
}
END_TEST

/* ---- spinal manipulation (837P 2300 CR2) --------------------------------------------- */

/* CR2 after CR1 (none here), before the CRCs: CR208, CR210, CR211 only;
 * read back; the same bytes from JSON Lines; a second CR2 and a CR2 with
 * the guide's unused elements are not kept. */
START_TEST(test_spinal)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" homebound=\"Y\" spinal_condition=\"M\""
                                " spinal_description=\"LUMBAR SUBLUXATION\""
                                " spinal_description2=\"CHRONIC SINCE 2019\"",
                                NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_claim *c;
    char *bad;

    build_ok(b, &out);
    has(&out, "DTP*431*D8*20251110~\nCR2********M**LUMBAR SUBLUXATION*CHRONIC SINCE 2019~\n"
              "CRC*75*Y*IH~\n");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    c = x12_claim_stream_claim(s);
    ck_assert_str_eq(x12_claim_get(c, X12_CLAIM_SPINAL_CONDITION).ptr, "M");
    ck_assert_str_eq(x12_claim_get(c, X12_CLAIM_SPINAL_DESCRIPTION).ptr, "LUMBAR SUBLUXATION");
    ck_assert_str_eq(x12_claim_get(c, X12_CLAIM_SPINAL_DESCRIPTION2).ptr, "CHRONIC SINCE 2019");
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"place_of_service\": \"11\"",
                                 "\"place_of_service\": \"11\", \"spinal_condition\": \"A\"",
                                 &jl),
                     X12_OK);
    has(&jl, "~\nCR2********A~\nHI*ABK:");
    bad = replace(out.p, "CHRONIC SINCE 2019~\n", "CHRONIC SINCE 2019~\nCR2********A~\n");
    ck_assert_uint_eq(not_kept_of(bad, "CR2", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    bad = replace(out.p, "CR2********M", "CR2*3*******M");
    ck_assert_uint_eq(not_kept_of(bad, "CR2", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_spinal_edits)
{
    x12_batch *b = load_changed(OFFICE, "place_of_service=\"11\"",
                                "place_of_service=\"11\" spinal_description2=\"SECOND\"", NULL);

    edits_are(b, "claim[1].spinal_condition|required|spinal manipulation patient condition "
                 "(CR208) is required\n"
                 "claim[1].spinal_description|required|spinal manipulation condition description "
                 "(CR210) is required with the second (CR211)\n");
    x12_batch_free(b);
    b = load_changed(OFFICE, "place_of_service=\"11\"",
                     "place_of_service=\"11\" spinal_condition=\"C\"", NULL);
    edits_are(b, "claim[1].spinal_condition|code-value|CR208 patient condition is not one of A "
                 "M\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "medical_record=\"MR0044312\"",
                     "medical_record=\"MR0044312\" spinal_condition=\"A\"", NULL);
    edits_are(b, "claim[1].spinal_condition|not-used|spinal manipulation patient condition is "
                 "not used on an 837I claim\n");
    x12_batch_free(b);
}
END_TEST

/* ---- patient information (837P 2000B/2000C PAT05-PAT09) ----------------------------- */

/* The first claim's patient party as the 837 reader gives it back (the
 * subscriber's when the claim has no patient): field f copied into buf. */
static void read_patient_field(const tbuf *data, x12_party_field f, char *buf, size_t n)
{
    x12_claim_stream *s;
    x12_str v;
    x12_patient *pt;

    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), data->p, data->len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    pt = x12_claim_stream_patient(s);
    v = x12_party_get(pt != NULL ? x12_patient_party(pt)
                                 : x12_subscriber_party(x12_claim_stream_subscriber(s)), f);
    ck_assert_uint_lt(v.len, n);
    memcpy(buf, v.ptr, v.len);
    buf[v.len] = '\0';
    x12_claim_stream_free(s);
}

/* The subscriber is the patient: PAT in 2000B after SBR, PAT01-04 empty;
 * the same bytes from JSON Lines and from the C API. */
START_TEST(test_pat_subscriber)
{
    x12_batch *b = load_changed(OFFICE, "birth_date=\"19800101\"",
                                "birth_date=\"19800101\" death_date=\"20251125\""
                                " weight=\"152.5\" pregnant=\"Y\"",
                                NULL);
    tbuf out = {0}, jl = {0}, api = {0};
    char v[16];
    x12_party *p;

    build_ok(b, &out);
    has(&out, "SBR*P*18*GRP0042******CI~\nPAT*****D8*20251125*01*152.5*Y~\nNM1*IL*1*DOE*");
    read_patient_field(&out, X12_PARTY_DEATH_DATE, v, sizeof v);
    ck_assert_str_eq(v, "20251125");
    read_patient_field(&out, X12_PARTY_WEIGHT, v, sizeof v);
    ck_assert_str_eq(v, "152.5");
    read_patient_field(&out, X12_PARTY_PREGNANT, v, sizeof v);
    ck_assert_str_eq(v, "Y");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"birth_date\": \"19800101\"",
                                 "\"birth_date\": \"19800101\", \"death_date\": \"20251125\","
                                 " \"weight\": \"152.5\", \"pregnant\": \"Y\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    x12_batch_free(b);
    b = load_changed(OFFICE, NULL);
    p = x12_subscriber_party(x12_billing_provider_first_subscriber(x12_batch_first_provider(b)));
    ck_assert_int_eq(x12_party_set(p, X12_PARTY_DEATH_DATE, "20251125", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_party_set(p, X12_PARTY_WEIGHT, "152.5", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_party_set(p, X12_PARTY_PREGNANT, "Y", X12_NTS), X12_OK);
    build_ok(b, &api);
    ck_assert_str_eq(api.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    tbuf_free(&api);
    x12_batch_free(b);
}
END_TEST

/* A patient (2000C): PAT01 and the weight only; no PAT in 2000B. */
START_TEST(test_pat_patient)
{
    x12_batch *b = load_changed("patient-not-subscriber.xml", "birth_date=\"20180923\"",
                                "birth_date=\"20180923\" weight=\"45\"", NULL);
    tbuf out = {0};
    char v[16];

    build_ok(b, &out);
    has(&out, "HL*3*2*23*0~\nPAT*19******01*45~\nNM1*QC*1*DOE*LILY~");
    ck_assert_ptr_null(strstr(out.p, "PAT*****"));
    read_patient_field(&out, X12_PARTY_WEIGHT, v, sizeof v);
    ck_assert_str_eq(v, "45");
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_pat_edits)
{
    x12_batch *b = load_changed(OFFICE, "birth_date=\"19800101\"",
                                "birth_date=\"19800101\" death_date=\"19791231\""
                                " weight=\"-3\" pregnant=\"N\"",
                                NULL);

    edits_are(b, "provider[1].subscriber[1].death_date|date-order|subscriber death date is "
                 "before the birth date\n"
                 "provider[1].subscriber[1].weight|weight-format|subscriber weight (PAT08, "
                 "pounds) must be a positive number\n"
                 "provider[1].subscriber[1].pregnant|code-value|subscriber pregnancy indicator "
                 "(PAT09) is not one of Y\n");
    x12_batch_free(b);
    b = load_changed("patient-not-subscriber.xml", "birth_date=\"20180923\"",
                     "birth_date=\"20180923\" death_date=\"20250230\"", "member_id=\"XJ0000000001\"",
                     "member_id=\"XJ0000000001\" pregnant=\"Y\"", NULL);
    edits_are(b, "provider[1].subscriber[1].pregnant|not-used|subscriber pregnancy indicator "
                 "is not used when the subscriber is not a patient (their claims are all for "
                 "patients)\n"
                 "provider[1].subscriber[1].patient[1].death_date|date-invalid|patient death "
                 "date (PAT06) is not a real calendar date in the form CCYYMMDD\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "member_id=\"", "weight=\"150\" member_id=\"", NULL);
    edits_are(b, "provider[1].subscriber[1].weight|not-used|subscriber patient weight is not "
                 "used on 837I claims\n");
    x12_batch_free(b);
}
END_TEST

/* ---- foreign currency (2000A CUR) --------------------------------------------------- */

/* CUR*85 after PRV of both kinds, read back into the billing provider;
 * the same bytes from JSON Lines and the C API. */
START_TEST(test_currency)
{
    x12_batch *b = load_changed(OFFICE, "taxonomy=\"207Q00000X\"",
                                "taxonomy=\"207Q00000X\" currency=\"CAD\"", NULL);
    tbuf out = {0}, jl = {0}, api = {0};
    x12_claim_stream *s;
    x12_str v;

    build_ok(b, &out);
    has(&out, "PRV*BI*PXC*207Q00000X~\nCUR*85*CAD~\nNM1*85*2*");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    v = x12_party_get(x12_billing_provider_party(x12_claim_stream_provider(s)),
                      X12_PARTY_CURRENCY);
    ck_assert_uint_eq(v.len, 3);
    ck_assert_int_eq(memcmp(v.ptr, "CAD", 3), 0);
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"taxonomy\": \"207Q00000X\"",
                                 "\"taxonomy\": \"207Q00000X\", \"currency\": \"CAD\"", &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    x12_batch_free(b);
    b = load_changed(OFFICE, NULL);
    ck_assert_int_eq(x12_party_set(x12_billing_provider_party(x12_batch_first_provider(b)),
                                   X12_PARTY_CURRENCY, "CAD", X12_NTS),
                     X12_OK);
    build_ok(b, &api);
    ck_assert_str_eq(api.p, out.p);
    x12_batch_free(b);
    tbuf_free(&out);
    b = load_changed("inpatient-stay.xml", "npi=\"1666000041\"",
                     "currency=\"MXN\" npi=\"1666000041\"", NULL);
    build_ok(b, &out);
    has(&out, "~\nCUR*85*MXN~\nNM1*85*2*");
    tbuf_free(&out);
    tbuf_free(&jl);
    tbuf_free(&api);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_currency_edits)
{
    x12_batch *b = load_changed(OFFICE, "taxonomy=\"207Q00000X\"",
                                "taxonomy=\"207Q00000X\" currency=\"cad\"", NULL);
    x12_party *p;

    edits_are(b, "provider[1].currency|currency-format|billing provider currency code must be "
                 "3 upper-case letters (ISO 4217, such as CAD)\n");
    x12_batch_free(b);
    b = load_changed(OFFICE, NULL);
    p = x12_subscriber_payer(x12_billing_provider_first_subscriber(x12_batch_first_provider(b)));
    ck_assert_int_eq(x12_party_set(p, X12_PARTY_CURRENCY, "CAD", X12_NTS), X12_OK);
    edits_are(b, "provider[1].subscriber[1].payer.currency|not-used|payer currency code is not "
                 "used (CUR is the billing provider's)\n");
    x12_batch_free(b);
}
END_TEST

/* ---- form identification (837P 2440 LQ, FRM) ----------------------------------------- */

static int str_eq(x12_str v, const char *want)
{
    return v.len == strlen(want) && memcmp(v.ptr, want, v.len) == 0;
}

#define FORM_ATTRS                                                                          \
    "control_number=\"LINE0001\" form_type=\"UT\" form_id=\"01.02\""                        \
    " form_answers=\"1:R:Y;2:D:20250101;3:T:E0260;4A:P:92.5\""

/* LQ and one FRM per answer, each value in its element, after the line's
 * 2400 segments; the same bytes from JSON Lines and the C API; read back
 * into the same text. */
START_TEST(test_form)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"", FORM_ATTRS, NULL);
    tbuf out = {0}, jl = {0}, api = {0};
    x12_claim_stream *s;
    x12_str v;
    x12_service_line *l;

    build_ok(b, &out);
    has(&out, "REF*6R*LINE0001~\nLQ*UT*01.02~\nFRM*1*Y~\nFRM*2***20250101~\nFRM*3**E0260~\n"
              "FRM*4A****92.5~\nLX*2~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    v = x12_line_get(x12_claim_first_line(x12_claim_stream_claim(s)), X12_LINE_FORM_ANSWERS);
    ck_assert_int_eq(str_eq(v, "1:R:Y;2:D:20250101;3:T:E0260;4A:P:92.5"), 1);
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"form_type\": \"UT\","
                                 " \"form_id\": \"01.02\", \"form_answers\":"
                                 " \"1:R:Y;2:D:20250101;3:T:E0260;4A:P:92.5\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    x12_batch_free(b);
    b = load_changed(OFFICE, NULL);
    l = x12_claim_first_line(x12_subscriber_first_claim(
        x12_billing_provider_first_subscriber(x12_batch_first_provider(b))));
    ck_assert_int_eq(x12_line_set(l, X12_LINE_FORM_TYPE, "UT", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_line_set(l, X12_LINE_FORM_ID, "01.02", X12_NTS), X12_OK);
    ck_assert_int_eq(x12_line_set(l, X12_LINE_FORM_ANSWERS,
                                  "1:R:Y;2:D:20250101;3:T:E0260;4A:P:92.5", X12_NTS),
                     X12_OK);
    build_ok(b, &api);
    ck_assert_str_eq(api.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    tbuf_free(&api);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_form_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" form_type=\"XX\""
                                " form_answers=\"1:R:YES;2:D:20250230;3:Q:A;4:P:101;:T:X;6:T:\"",
                                NULL);

    edits_are(b, "claim[1].line[1].form_type|code-value|LQ01 form type code qualifier is not "
                 "one of AS UT\n"
                 "claim[1].line[1].form_id|required|form identifier (LQ02) is required\n"
                 "claim[1].line[1].form_answers|answer-value|form answer 1 must be Y, N or W "
                 "(FRM02)\n"
                 "claim[1].line[1].form_answers|answer-value|form answer 2 must be a date "
                 "(FRM04)\n"
                 "claim[1].line[1].form_answers|answer-format|form answer 3 is not "
                 "question:kind:value with kind R, T, D or P\n"
                 "claim[1].line[1].form_answers|answer-value|form answer 4 must be a percent "
                 "(FRM05)\n"
                 "claim[1].line[1].form_answers|required|form answer 5 has no question\n"
                 "claim[1].line[1].form_answers|required|form answer 6 has no value\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"",
                     "units=\"4\" form_type=\"UT\" form_id=\"01.02\" form_answers=\"1:R:Y\"",
                     NULL);
    edits_are(b, "claim[1].line[1].form_type|not-used|form type code qualifier is not used on "
                 "an 837I line\n"
                 "claim[1].line[1].form_id|not-used|form identifier is not used on an 837I "
                 "line\n"
                 "claim[1].line[1].form_answers|not-used|form answers is not used on an 837I "
                 "line\n");
    x12_batch_free(b);
}
END_TEST

/* A second form on a line, a FRM with two values: not kept, located. */
START_TEST(test_form_read_not_kept)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"", FORM_ATTRS, NULL);
    tbuf out = {0};
    char *twice, *two;
    x12_claim_stream *s;

    build_ok(b, &out);
    twice = replace(out.p, "FRM*4A****92.5~\n", "FRM*4A****92.5~\nLQ*UT*02.03~\nFRM*1*N~\n");
    two = replace(twice, "FRM*1*Y~", "FRM*1*Y*TEXT~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), two, strlen(two)), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    /* the second LQ, its FRM (in the skipped loop) and the FRM with two values */
    ck_assert_uint_eq(x12_claim_stream_not_kept_count(s), 3);
    ck_assert_int_eq(str_eq(x12_line_get(x12_claim_first_line(x12_claim_stream_claim(s)),
                                         X12_LINE_FORM_ANSWERS),
                            "2:D:20250101;3:T:E0260;4A:P:92.5"),
                     1);
    x12_claim_stream_free(s);
    free(two);
    free(twice);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- durable medical equipment service (837P SV5) ------------------------------------ */

#define DME_ATTRS                                                                           \
    "control_number=\"LINE0001\" dme_procedure=\"E0601\" dme_days=\"30\""                   \
    " dme_rental_price=\"80.00\" dme_purchase_price=\"900.50\" dme_frequency=\"4\""

/* SV5 right after SV1, read back; the same bytes from JSON Lines. */
START_TEST(test_dme)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"", DME_ATTRS, NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_service_line *l;
    int64_t cents = 0;

    build_ok(b, &out);
    has(&out, "SV1*HC:99213:25*125*UN*1***1:2~\nSV5*HC:E0601*DA*30*80*900.5*4~\nDTP*472*");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    l = x12_claim_first_line(x12_claim_stream_claim(s));
    ck_assert_int_eq(str_eq(x12_line_get(l, X12_LINE_DME_PROCEDURE), "E0601"), 1);
    ck_assert_int_eq(str_eq(x12_line_get(l, X12_LINE_DME_DAYS), "30"), 1);
    ck_assert_int_eq(str_eq(x12_line_get(l, X12_LINE_DME_FREQUENCY), "4"), 1);
    ck_assert_int_eq(x12_line_get_amount(l, X12_LINEAMT_DME_PURCHASE_PRICE, &cents), 1);
    ck_assert_int_eq(cents, 90050);
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"dme_procedure\": \"E0601\","
                                 " \"dme_days\": \"30\", \"dme_rental_price_cents\": 8000,"
                                 " \"dme_purchase_price\": \"900.50\", \"dme_frequency\": \"4\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_dme_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" dme_procedure=\"E0601\""
                                " dme_days=\"0\" dme_rental_price=\"-1.00\" dme_frequency=\"2\"",
                                NULL);

    edits_are(b, "claim[1].line[1].dme_days|quantity-format|length of medical necessity (days) "
                 "must be a positive number\n"
                 "claim[1].line[1].dme_rental_price|amount-negative|DME rental price must not be "
                 "negative\n"
                 "claim[1].line[1].dme_purchase_price|required|DME purchase price (SV505) is "
                 "required\n"
                 "claim[1].line[1].dme_frequency|code-value|SV506 DME rental frequency is not "
                 "one of 1 4 6\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"", "units=\"4\" dme_days=\"30\"", NULL);
    edits_are(b, "claim[1].line[1].dme_days|not-used|durable medical equipment service (SV5) is "
                 "not used on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* ---- DME certification (837P 2400 CR3) and its certificate (PWK*CT) ------------------ */

/* After the line's attachments (one of them a CT certification sent by
 * fax, PWK01 CT too), PWK*CT with the certificate's transmission code;
 * CR3 after CR1 (none here) with CR302 MO; both read back (the
 * attachment stays an attachment); the same bytes from JSON Lines. */
START_TEST(test_dme_certification)
{
    x12_batch *b = load_changed(
        OFFICE, "control_number=\"LINE0001\"/>",
        "control_number=\"LINE0001\" dme_certification_type=\"R\""
        " dme_certification_months=\"12\" dme_cmn_transmission=\"AD\"><attachment"
        " report_type=\"CT\" transmission=\"FX\" control_number=\"CMN0001\"/></line>",
        NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_service_line *l;
    char *bad;

    build_ok(b, &out);
    has(&out, "SV1*HC:99213:25*125*UN*1***1:2~\nPWK*CT*FX***AC*CMN0001~\nPWK*CT*AD~\n"
              "CR3*R*MO*12~\nDTP*472*");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    l = x12_claim_first_line(x12_claim_stream_claim(s));
    ck_assert_int_eq(str_eq(x12_line_get(l, X12_LINE_DME_CERT_TYPE), "R"), 1);
    ck_assert_int_eq(str_eq(x12_line_get(l, X12_LINE_DME_CERT_MONTHS), "12"), 1);
    ck_assert_int_eq(str_eq(x12_line_get(l, X12_LINE_DME_CMN), "AD"), 1);
    ck_assert_ptr_nonnull(x12_line_first_attachment(l));
    ck_assert_int_eq(
        str_eq(x12_attachment_get(x12_line_first_attachment(l), X12_ATT_TRANSMISSION), "FX"), 1);
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"dme_certification_type\":"
                                 " \"R\", \"dme_certification_months\": \"12\","
                                 " \"dme_cmn_transmission\": \"AD\"",
                                 &jl),
                     X12_OK);
    has(&jl, "SV1*HC:99213:25*125*UN*1***1:2~\nPWK*CT*AD~\nCR3*R*MO*12~\nDTP*472*");
    /* a second PWK*CT and CR3, and CR302 other than MO, are not kept */
    bad = replace(out.p, "PWK*CT*AD~\n", "PWK*CT*AD~\nPWK*CT*NS~\n");
    ck_assert_uint_eq(not_kept_of(bad, "PWK", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    bad = replace(out.p, "CR3*R*MO*12~\n", "CR3*R*MO*12~\nCR3*I*MO*6~\n");
    ck_assert_uint_eq(not_kept_of(bad, "CR3", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    bad = replace(out.p, "CR3*R*MO*12~\n", "CR3*R*DA*12~\n");
    ck_assert_uint_eq(not_kept_of(bad, "CR3", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    free(bad);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_dme_certification_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" dme_certification_type=\"X\""
                                " dme_cmn_transmission=\"FX\"",
                                NULL);

    edits_are(b, "claim[1].line[1].dme_certification_type|code-value|CR301 certification type "
                 "is not one of I R S\n"
                 "claim[1].line[1].dme_certification_months|required|DME duration in months "
                 "(CR303) is required\n"
                 "claim[1].line[1].dme_cmn_transmission|code-value|PWK02 certificate of medical "
                 "necessity transmission is not one of AB AD AF AG NS\n");
    x12_batch_free(b);
    b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                     "control_number=\"LINE0001\" dme_certification_months=\"0\"", NULL);
    edits_are(b, "claim[1].line[1].dme_certification_type|required|DME certification type "
                 "(CR301) is required\n"
                 "claim[1].line[1].dme_certification_months|quantity-format|DME duration in "
                 "months must be a positive number\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"", "units=\"4\" dme_cmn_transmission=\"AD\"",
                     NULL);
    edits_are(b, "claim[1].line[1].dme_cmn_transmission|not-used|DME certificate of medical "
                 "necessity transmission code is not used on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* ---- test results (837P 2400 MEA) ---------------------------------------------------- */

/* One MEA per result after QTY, before REF; read back into the same text;
 * the same bytes from JSON Lines. */
START_TEST(test_mea)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" obstetric_units=\"2\""
                                " test_results=\"TR:R1:12.5 TR:R2:38 OG:HT:60\"",
                                NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;

    build_ok(b, &out);
    has(&out, "QTY*FL*2~\nMEA*TR*R1*12.5~\nMEA*TR*R2*38~\nMEA*OG*HT*60~\nREF*6R*LINE0001~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_int_eq(str_eq(x12_line_get(x12_claim_first_line(x12_claim_stream_claim(s)),
                                         X12_LINE_TEST_RESULTS),
                            "TR:R1:12.5 TR:R2:38 OG:HT:60"),
                     1);
    x12_claim_stream_free(s);
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"obstetric_units\": \"2\","
                                 " \"test_results\": \"TR:R1:12.5 TR:R2:38 OG:HT:60\"",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_mea_edits)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" test_results=\"TR:R1:1 XX:R1:1"
                                " TR:ZZ:1 TR:R1:-3 TR-R1 TR:R1:1\"",
                                NULL);

    edits_are(b, "claim[1].line[1].test_results|code-value|test result 2: MEA01 measurement "
                 "reference code is not one of OG TR\n"
                 "claim[1].line[1].test_results|code-value|test result 3: MEA02 measurement "
                 "qualifier is not one of HT R1 R2 R3 R4\n"
                 "claim[1].line[1].test_results|quantity-format|test result 4: the value "
                 "(MEA03) must be a positive number of at most 20 characters\n"
                 "claim[1].line[1].test_results|result-format|test result 5 is not "
                 "code:qualifier:value\n"
                 "claim[1].line[1].test_results|too-many|6 test results; at most 5 (MEA)\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "units=\"4\"", "units=\"4\" test_results=\"TR:R1:1\"",
                     NULL);
    edits_are(b, "claim[1].line[1].test_results|not-used|test results are not used on an 837I "
                 "line\n");
    x12_batch_free(b);
}
END_TEST

/* A sixth MEA, and one with a unit (MEA04): not kept, located. */
START_TEST(test_mea_read_not_kept)
{
    x12_batch *b = load_changed(OFFICE, "control_number=\"LINE0001\"",
                                "control_number=\"LINE0001\" test_results=\"TR:R1:1 TR:R1:2"
                                " TR:R1:3 TR:R1:4 TR:R1:5\"",
                                NULL);
    tbuf out = {0};
    char *six, *unit;
    x12_claim_stream *s;

    build_ok(b, &out);
    six = replace(out.p, "MEA*TR*R1*5~\n", "MEA*TR*R1*5~\nMEA*TR*R1*6~\n");
    unit = replace(six, "MEA*TR*R1*1~", "MEA*TR*R1*1*GR~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), unit, strlen(unit)),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_uint_eq(x12_claim_stream_not_kept_count(s), 2);
    x12_claim_stream_free(s);
    free(unit);
    free(six);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- file information (K3 of 2300, and of the 837P 2400) ----------------------------- */

#define K3_CLAIM_XML                                                                        \
    "<diagnosis code=\"R50.9\"/>\n"                                                          \
    "        <file_information>FIRST FILE TEXT</file_information>\n"                          \
    "        <file_information>  SECOND   TEXT</file_information>"
#define K3_LINE_XML                                                                         \
    "control_number=\"LINE0001\"><file_information>LINE TEXT ONE</file_information></line>"

/* The office visit with two claim K3 texts (spaces kept) and one line K3. */
static x12_batch *k3_office(void)
{
    return load_changed(OFFICE, "<diagnosis code=\"R50.9\"/>", K3_CLAIM_XML,
                        "control_number=\"LINE0001\"/>", K3_LINE_XML, NULL);
}

/* One K3 per text, in order: the claim's after its REFs and DTPs, before
 * HI; the line's after its REFs (and AMTs), before NTE.  Read back into the
 * same newline-separated texts; the same bytes from JSON Lines given as a
 * string with "\n" or as an array of strings. */
START_TEST(test_k3_837p)
{
    x12_batch *b = k3_office();
    tbuf out = {0}, jl = {0}, jl2 = {0};
    x12_claim_stream *s;
    x12_claim *c;
    const char *from = "\"diagnoses\": [{\"kind\": \"principal\", \"code\": \"J03.00\"}, "
                       "{\"code\": \"R50.9\"}], \"lines\": [{\"procedure\": \"99213\", "
                       "\"modifiers\": [\"25\"], \"charge\": \"125.00\", \"pointers\": [1, 2], "
                       "\"control_number\": \"LINE0001\"}";

    build_ok(b, &out);
    has(&out, "DTP*431*D8*20251110~\nK3*FIRST FILE TEXT~\nK3*  SECOND   TEXT~\nHI*");
    has(&out, "REF*6R*LINE0001~\nK3*LINE TEXT ONE~\nLX*2~");
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    c = x12_claim_stream_claim(s);
    ck_assert_int_eq(str_eq(x12_claim_get(c, X12_CLAIM_FILE_INFORMATION),
                            "FIRST FILE TEXT\n  SECOND   TEXT"),
                     1);
    ck_assert_int_eq(str_eq(x12_line_get(x12_claim_first_line(c), X12_LINE_FILE_INFORMATION),
                            "LINE TEXT ONE"),
                     1);
    ck_assert_uint_eq(x12_line_get(x12_line_next(x12_claim_first_line(c)),
                                   X12_LINE_FILE_INFORMATION).len,
                      0);
    x12_claim_stream_free(s);
    ck_assert_int_eq(
        build_jsonl("office-visit.jsonl", from,
                    "\"file_information\": \"FIRST FILE TEXT\\n  SECOND   TEXT\", "
                    "\"diagnoses\": [{\"kind\": \"principal\", \"code\": \"J03.00\"}, "
                    "{\"code\": \"R50.9\"}], \"lines\": [{\"procedure\": \"99213\", "
                    "\"modifiers\": [\"25\"], \"charge\": \"125.00\", \"pointers\": [1, 2], "
                    "\"control_number\": \"LINE0001\", \"file_information\": [\"LINE TEXT ONE\"]}",
                    &jl),
        X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    ck_assert_int_eq(
        build_jsonl("office-visit.jsonl", from,
                    "\"file_information\": [\"FIRST FILE TEXT\", \"  SECOND   TEXT\"], "
                    "\"diagnoses\": [{\"kind\": \"principal\", \"code\": \"J03.00\"}, "
                    "{\"code\": \"R50.9\"}], \"lines\": [{\"procedure\": \"99213\", "
                    "\"modifiers\": [\"25\"], \"charge\": \"125.00\", \"pointers\": [1, 2], "
                    "\"control_number\": \"LINE0001\", \"file_information\": \"LINE TEXT ONE\"}",
                    &jl2),
        X12_OK);
    ck_assert_str_eq(jl2.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    tbuf_free(&jl2);
    x12_batch_free(b);
}
END_TEST

/* The 837I claim K3: after the claim's REFs, before HI. */
START_TEST(test_k3_837i)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "<code kind=\"condition\" code=\"39\"/>",
                                "<code kind=\"condition\" code=\"39\"/>\n"
                                "        <file_information>INPATIENT FILE TEXT 1</file_information>"
                                "<file_information>TEXT 2</file_information>",
                                NULL);
    tbuf out = {0};

    build_ok(b, &out);
    has(&out, "REF*EA*MR0044312~\nK3*INPATIENT FILE TEXT 1~\nK3*TEXT 2~\nHI*ABK:");
    ck_assert_uint_eq(not_kept_of(out.p, "K3", X12_CLAIM_FILE_INFORMATION,
                                  "INPATIENT FILE TEXT 1\nTEXT 2"),
                      0);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* The claim's texts given to the API, each defect one located edit. */
static const struct k3_case {
    const char *value, *want;
} k3_cases[] = {
    {"A\nB\nC\nD\nE\nF\nG\nH\nI\nJ\nK",
     "claim[1].file_information|too-many|11 file information texts; at most 10 (K3)\n"},
    {"FIRST\nXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
     "claim[1].file_information|too-long|file information text 2 is 81 characters long; at "
     "most 80\n"},
    {"A\n\nB", "claim[1].file_information|empty|file information text 2 is empty (K301 is "
               "required; no empty line, leading or trailing newline)\n"},
    {"\nA", "claim[1].file_information|empty|file information text 1 is empty (K301 is "
            "required; no empty line, leading or trailing newline)\n"},
    {"A\n", "claim[1].file_information|empty|file information text 2 is empty (K301 is "
            "required; no empty line, leading or trailing newline)\n"},
    {"A\n   ", "claim[1].file_information|blank|file information text 2 holds only spaces "
               "(K301 needs another character)\n"},
    {"ONE*TWO", "claim[1].file_information|delimiter|file information text 1 contains a "
                "delimiter character of this file at byte 4\n"},
    {"OK\nCAF\xc3\x89", "claim[1].file_information|characters|file information text 2 contains "
                        "a character outside the X12 character set at byte 4\n"},
};

START_TEST(test_k3_edits)
{
    x12_batch *b = k3_office();
    x12_claim *c = x12_subscriber_first_claim(
        x12_billing_provider_first_subscriber(x12_batch_first_provider(b)));

    ck_assert_int_eq(x12_claim_set(c, X12_CLAIM_FILE_INFORMATION, k3_cases[_i].value, X12_NTS),
                     X12_OK);
    edits_are(b, k3_cases[_i].want);
    x12_batch_free(b);
}
END_TEST

/* A line K3 on an 837I: not used, located; an empty text in the XML is
 * the schema's (the element's minLength). */
START_TEST(test_k3_837i_line)
{
    x12_batch *b = load_changed("inpatient-stay.xml",
                                "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" "
                                "units=\"4\"/>",
                                "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\" "
                                "units=\"4\"><file_information>LINE</file_information></line>",
                                NULL);

    edits_are(b, "claim[1].line[1].file_information|not-used|file information (K3) is not used "
                 "on an 837I line\n");
    x12_batch_free(b);
}
END_TEST

/* An XML document that does not load: status, one problem of `want`
 * ("NAME:LINE|rule|message" part) and no `secret` in any message. */
static void k3_xml_refused(const char *text, const char *want, const char *secret)
{
    x12_batch *b;
    tbuf got = {0};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_ne(x12_batch_load_xml_memory(b, text, strlen(text), OFFICE), X12_OK);
    edits_text(b, &got);
    ck_assert_msg(strstr(got.p, want) != NULL, "got:\n%swant: %s", got.p, want);
    ck_assert_ptr_null(strstr(got.p, secret));
    tbuf_free(&got);
    x12_batch_free(b);
}

/* Through the encounter XML: 11 <file_information> load and are the
 * edit's; a text with a line break (raw or &#10;) would become two texts
 * and is refused, located; 20,000 of them stop at the reader's room for 11
 * texts, located (libxml2 keeps nothing per child: the schema does not
 * count them). */
START_TEST(test_k3_xml)
{
    tbuf many = {0};
    char *text, *doc;
    size_t len, i;
    x12_batch *b = load_changed(OFFICE, "<diagnosis code=\"R50.9\"/>",
                                "<diagnosis code=\"R50.9\"/><file_information>A</file_information>"
                                "<file_information>B</file_information>"
                                "<file_information>C</file_information>"
                                "<file_information>D</file_information>"
                                "<file_information>E</file_information>"
                                "<file_information>F</file_information>"
                                "<file_information>G</file_information>"
                                "<file_information>H</file_information>"
                                "<file_information>I</file_information>"
                                "<file_information>J</file_information>"
                                "<file_information>K</file_information>",
                                NULL);

    edits_are(b, "claim[1].file_information|too-many|11 file information texts; at most 10 "
                 "(K3)\n");
    x12_batch_free(b);
    text = slurp_encounter(OFFICE, &len);
    doc = replace(text, "<diagnosis code=\"R50.9\"/>",
                  "<diagnosis code=\"R50.9\"/><file_information>SECRET ONE\nSECRET TWO"
                  "</file_information>");
    k3_xml_refused(doc, "office-visit.xml:24|xml-value|a file_information text holds a line "
                        "break (each line is its own <file_information>)",
                   "SECRET");
    free(doc);
    doc = replace(text, "<diagnosis code=\"R50.9\"/>",
                  "<diagnosis code=\"R50.9\"/><file_information>SECRET ONE&#10;SECRET TWO"
                  "</file_information>");
    k3_xml_refused(doc, "|xml-value|a file_information text holds a line break", "SECRET");
    free(doc);
    tbuf_str(&many, "<diagnosis code=\"R50.9\"/>");
    for (i = 0; i < 20000; i++)
        tbuf_str(&many, "<file_information>SECRET TEXT</file_information>");
    doc = replace(text, "<diagnosis code=\"R50.9\"/>", many.p);
    k3_xml_refused(doc, "|xml-value|the file_information texts take more than 11275 bytes",
                   "SECRET");
    free(doc);
    tbuf_free(&many);
    free(text);
}
END_TEST

/* What the reader cannot hold is a located not-kept warning: an 11th K3,
 * K302, an empty K301 and an 837I line's K3; the texts kept stay whole. */
START_TEST(test_k3_read_not_kept)
{
    x12_batch *b = load_changed(OFFICE, "<diagnosis code=\"R50.9\"/>",
                                "<diagnosis code=\"R50.9\"/><file_information>T1</file_information>"
                                "<file_information>T2</file_information>"
                                "<file_information>T3</file_information>"
                                "<file_information>T4</file_information>"
                                "<file_information>T5</file_information>"
                                "<file_information>T6</file_information>"
                                "<file_information>T7</file_information>"
                                "<file_information>T8</file_information>"
                                "<file_information>T9</file_information>"
                                "<file_information>T10</file_information>",
                                NULL);
    tbuf out = {0};
    char *eleven, *k302, *empty;
    const char *ten = "T1\nT2\nT3\nT4\nT5\nT6\nT7\nT8\nT9\nT10";

    build_ok(b, &out);
    ck_assert_uint_eq(not_kept_of(out.p, "K3", X12_CLAIM_FILE_INFORMATION, ten), 0);
    eleven = replace(out.p, "K3*T10~\n", "K3*T10~\nK3*T11~\n");
    ck_assert_uint_eq(not_kept_of(eleven, "K3", X12_CLAIM_FILE_INFORMATION, ten), 1);
    k302 = replace(out.p, "K3*T2~", "K3*T2*AB~");
    ck_assert_uint_eq(not_kept_of(k302, "K3", X12_CLAIM_FILE_INFORMATION, ten), 1);
    empty = replace(out.p, "K3*T10~\n", "K3~\n");
    ck_assert_uint_eq(not_kept_of(empty, "K3", X12_CLAIM_FILE_INFORMATION,
                                  "T1\nT2\nT3\nT4\nT5\nT6\nT7\nT8\nT9"),
                      1);
    tbuf_free(&out);
    x12_batch_free(b);
    free(eleven);
    free(k302);
    free(empty);
    b = load_changed("inpatient-stay.xml", "<code kind=\"condition\" code=\"39\"/>",
                     "<code kind=\"condition\" code=\"39\"/><file_information>I</file_information>",
                     NULL);
    build_ok(b, &out);
    eleven = replace(out.p, "SV2*0120**9600*DA*4~\n", "SV2*0120**9600*DA*4~\nK3*LINE~\n");
    ck_assert_ptr_ne(strstr(eleven, "K3*LINE~"), NULL);
    ck_assert_uint_eq(not_kept_of(eleven, "K3", X12_CLAIM_FILE_INFORMATION, "I"), 1);
    free(eleven);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- line attachments (2400 PWK of both guides) -------------------------------------- */

/* The attachments of a line, read back: report type and control number
 * of each, in order ("OB:LA1 EB:"). */
static void line_attachments_are(const char *data, size_t len, size_t line, const char *want)
{
    x12_claim_stream *s;
    x12_service_line *l;
    x12_attachment *a;
    char got[256] = "";
    size_t n = 0;

    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), data, len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    for (l = x12_claim_first_line(x12_claim_stream_claim(s)); l != NULL && line > 1; line--)
        l = x12_line_next(l);
    ck_assert_ptr_nonnull(l);
    for (a = x12_line_first_attachment(l); a != NULL; a = x12_attachment_next(a)) {
        x12_str t = x12_attachment_get(a, X12_ATT_REPORT_TYPE);
        x12_str c = x12_attachment_get(a, X12_ATT_CONTROL_NUMBER);
        n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s:%.*s", n ? " " : "", (int)t.len,
                              t.ptr, (int)c.len, c.ptr);
        ck_assert_uint_lt(n, sizeof got);
    }
    ck_assert_str_eq(got, want);
    x12_claim_stream_free(s);
}

/* 837P: two attachments of the first line right after its SV1, before
 * DTP*472; from XML and JSON Lines alike; read back in order. */
START_TEST(test_line_attachments_837p)
{
    x12_batch *b = load_changed(
        OFFICE, "control_number=\"LINE0001\"/>",
        "control_number=\"LINE0001\"><attachment report_type=\"OB\" transmission=\"FX\""
        " control_number=\"LA-0001\"/><attachment report_type=\"EB\" transmission=\"AA\"/>"
        "</line>",
        NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "SV1*HC:99213:25*125*UN*1***1:2~\nPWK*OB*FX***AC*LA-0001~\nPWK*EB*AA~\n"
              "DTP*472*D8*20251120~\nREF*6R*LINE0001~\nLX*2~");
    line_attachments_are(out.p, out.len, 1, "OB:LA-0001 EB:");
    ck_assert_int_eq(build_jsonl("office-visit.jsonl", "\"control_number\": \"LINE0001\"",
                                 "\"control_number\": \"LINE0001\", \"attachments\":"
                                 " [{\"report_type\": \"OB\", \"transmission\": \"FX\","
                                 " \"control_number\": \"LA-0001\"}, {\"report_type\": \"EB\","
                                 " \"transmission\": \"AA\"}]",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I (regression: the edits refused any line attachment and the reader
 * did not keep one): 2400 PWK right after SV2, before DTP*472; strictly
 * valid, read back, the same bytes; from JSON Lines alike. */
START_TEST(test_line_attachments_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "units=\"1\"\n              service_from=\"20250110\"/>",
        "units=\"1\" service_from=\"20250110\"><attachment report_type=\"OZ\""
        " transmission=\"EL\" control_number=\"OPNOTE7\"/><attachment report_type=\"B3\""
        " transmission=\"BM\" control_number=\"PRESC9\"/></line>",
        NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "SV2*0360*HC:44970*7000*UN*1~\nPWK*OZ*EL***AC*OPNOTE7~\nPWK*B3*BM***AC*PRESC9~\n"
              "DTP*472*D8*20250110~\n");
    line_attachments_are(out.p, out.len, 3, "OZ:OPNOTE7 B3:PRESC9");
    ck_assert_int_eq(build_jsonl("inpatient-stay.jsonl", "\"service_from\": \"20250110\"}",
                                 "\"service_from\": \"20250110\", \"attachments\":"
                                 " [{\"report_type\": \"OZ\", \"transmission\": \"EL\","
                                 " \"control_number\": \"OPNOTE7\"}, {\"report_type\": \"B3\","
                                 " \"transmission\": \"BM\", \"control_number\": \"PRESC9\"}]}",
                                 &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I line attachments take the guide's codes and rules: PWK02 of the
 * 837I list, a control number unless AA, at most 10. */
START_TEST(test_line_attachments_837i_edits)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "units=\"1\"\n              service_from=\"20250110\"/>",
        "units=\"1\" service_from=\"20250110\"><attachment report_type=\"OZ\""
        " transmission=\"ZZ\" control_number=\"OPNOTE7\"/><attachment report_type=\"B3\""
        " transmission=\"BM\"/></line>",
        NULL);

    edits_are(b, "claim[1].line[3].attachment[1].transmission|code-value|PWK02 report "
                 "transmission is not one of AA BM EL EM FT FX\n"
                 "claim[1].line[3].attachment[2].control_number|required|attachment control "
                 "number (PWK06) is required unless the attachment is available on request "
                 "(AA)\n");
    x12_batch_free(b);
}
END_TEST

/* ---- PER extensions (EX, FX) ---------------------------------------------------------- */

#define SUBM_EMAIL "email=\"billing@example.invalid\""
#define SUBM_PER4                                                                          \
    "PER*IC*BILLING OFFICE*TE*5555550100*EX*214*FX*5555550199~\n"                          \
    "PER*IC*BILLING OFFICE*EM*billing@example.invalid~\n"

/* 837P: the submitter's four numbers in two PERs (1000A allows two), the
 * billing provider's phone, extension and fax in one (2010AA), the
 * service facility's phone and extension (2310C); from XML and JSON Lines
 * alike; every value read back. */
START_TEST(test_per_extensions_837p)
{
    x12_batch *b = load_changed(
        OFFICE, SUBM_EMAIL, SUBM_EMAIL " phone_extension=\"214\" fax=\"5555550199\"",
        SEC_BILLING,
        SEC_BILLING " contact=\"CLAIMS\" phone=\"5555550111\" phone_extension=\"9\""
                    " fax=\"5555550112\"",
        SEC_DX,
        SEC_DX "<provider role=\"service_facility\" name=\"CLINIC\" npi=\"1234567893\""
               " address1=\"1 A ST\" city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\""
               " contact=\"FRONT DESK\" phone=\"5555552000\" phone_extension=\"31\"/>",
        NULL);
    tbuf out = {0}, jl = {0};
    x12_claim_stream *s;
    x12_batch *hdr;
    x12_party *p;

    build_ok(b, &out);
    has(&out, "NM1*41*2*RIVERSIDE FAMILY PRACTICE*****46*SUBMITTER01~\n" SUBM_PER4 "NM1*40*");
    has(&out, "REF*EI*371234567~\nPER*IC*CLAIMS*TE*5555550111*EX*9*FX*5555550112~\nHL*2*1*22*0~");
    has(&out, "N4*SPRINGFIELD*IL*62701~\nPER*IC*FRONT DESK*TE*5555552000*EX*31~\nLX*1~");
    ck_assert_int_eq(
        build_jsonl("office-visit.jsonl", "\"email\": \"billing@example.invalid\"",
                    "\"email\": \"billing@example.invalid\", \"phone_extension\": \"214\","
                    " \"fax\": \"5555550199\"",
                    &jl),
        X12_OK);
    has(&jl, SUBM_PER4 "NM1*40*");
    /* the values themselves, read back */
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len), X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &hdr), X12_OK);
    ck_assert_int_eq(x12_batch_copy_header(hdr, x12_claim_stream_header(s)), X12_OK);
    p = x12_batch_submitter(hdr);
    party_is(p, X12_PARTY_PHONE_EXTENSION, "214");
    party_is(p, X12_PARTY_FAX, "5555550199");
    party_is(p, X12_PARTY_EMAIL, "billing@example.invalid");
    p = x12_billing_provider_party(x12_claim_stream_provider(s));
    party_is(p, X12_PARTY_PHONE_EXTENSION, "9");
    party_is(p, X12_PARTY_FAX, "5555550112");
    party_is(x12_claim_find_provider(x12_claim_stream_claim(s), X12_ROLE_SERVICE_FACILITY),
             X12_PARTY_PHONE_EXTENSION, "31");
    x12_batch_free(hdr);
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

/* 837I: the billing provider's four numbers in two PERs, a submitter with
 * a fax only (PER03 FX). */
START_TEST(test_per_extensions_837i)
{
    x12_batch *b = load_changed(
        "inpatient-stay.xml", "taxonomy=\"282N00000X\"",
        "taxonomy=\"282N00000X\" contact=\"PATIENT ACCOUNTS\" phone=\"5555550300\""
        " phone_extension=\"4410\" fax=\"5555550301\" email=\"pa@example.invalid\"",
        NULL);
    x12_party *subm = x12_batch_submitter(b);
    tbuf out = {0};

    ck_assert_int_eq(x12_party_set(subm, X12_PARTY_PHONE, "", 0), X12_OK);
    ck_assert_int_eq(x12_party_set(subm, X12_PARTY_EMAIL, "", 0), X12_OK);
    ck_assert_int_eq(x12_party_set(subm, X12_PARTY_FAX, "5555550999", 10), X12_OK);
    build_ok(b, &out);
    has(&out, "*46*");
    has(&out, "~\nPER*IC*PATIENT ACCOUNTS*TE*5555550300*EX*4410*FX*5555550301~\n"
              "PER*IC*PATIENT ACCOUNTS*EM*pa@example.invalid~\nHL*2*1*22*");
    ck_assert_ptr_nonnull(strstr(out.p, "*FX*5555550999~\nNM1*40*"));
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* An extension without a phone (2010AA), a fax where the PER takes a phone
 * and its extension (2310C), four numbers where the loop has one PER
 * (2420E). */
START_TEST(test_per_extensions_edits)
{
    x12_batch *b = load_changed(
        OFFICE, SEC_BILLING,
        SEC_BILLING " contact=\"CLAIMS\" phone_extension=\"9\" email=\"c@example.invalid\"",
        SEC_DX,
        SEC_DX "<provider role=\"service_facility\" name=\"CLINIC\" npi=\"1234567893\""
               " address1=\"1 A ST\" city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\""
               " contact=\"FRONT DESK\" phone=\"5555552000\" fax=\"5555552001\"/>",
        SEC_LINE2,
        "control_number=\"LINE0002\"><provider role=\"ordering\" name=\"ORD\" first_name=\"O\""
        " npi=\"1234567893\" phone=\"5555553000\" phone_extension=\"1\" fax=\"5555553001\""
        " email=\"o@example.invalid\"/></line>",
        NULL);

    edits_are(b, "provider[1].phone|required|billing provider phone number is required with a "
                 "phone extension in loop 2010AA (EX follows TE)\n"
                 "claim[1].service_facility.fax|not-used|service_facility provider fax number is "
                 "not used in loop 2310C (its PER takes a phone number and its extension)\n"
                 "claim[1].line[2].ordering.email|too-many|line ordering provider has too many "
                 "contact numbers for one PER in loop 2420E: phone, extension, fax and email "
                 "need two, and the loop has one\n");
    x12_batch_free(b);
    /* a contact without any number was left out of the file before */
    b = load_changed(OFFICE, SEC_BILLING, SEC_BILLING " contact=\"CLAIMS\"", NULL);
    edits_are(b, "provider[1].phone|required|billing provider phone number, fax number or email "
                 "address is required with a contact in loop 2010AA (PER03, PER04)\n");
    x12_batch_free(b);
}
END_TEST

/* A second PER the party cannot hold stays a located warning: a third at
 * 1000A, a second one with another contact at 2010AA, a second at 2310C
 * (one PER); an EX that does not follow TE is not kept, element by element. */
START_TEST(test_per_extensions_read_not_kept)
{
    x12_batch *b = load_changed(
        OFFICE, SUBM_EMAIL, SUBM_EMAIL " phone_extension=\"214\" fax=\"5555550199\"",
        SEC_BILLING, SEC_BILLING " contact=\"CLAIMS\" phone=\"5555550111\"", SEC_DX,
        SEC_DX "<provider role=\"service_facility\" name=\"CLINIC\" npi=\"1234567893\""
               " address1=\"1 A ST\" city=\"SPRINGFIELD\" state=\"IL\" zip=\"62701\""
               " contact=\"FRONT DESK\" phone=\"5555552000\"/>",
        NULL);
    tbuf out = {0};
    char *t1, *t2, *t3, *t4;

    build_ok(b, &out);
    t1 = replace(out.p, SUBM_PER4, SUBM_PER4 "PER*IC*BILLING OFFICE*FX*5555550000~\n");
    ck_assert_uint_eq(not_kept_of(t1, "PER", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    t2 = replace(out.p, "PER*IC*CLAIMS*TE*5555550111~\n",
                 "PER*IC*CLAIMS*TE*5555550111~\nPER*IC*OTHER*FX*5555550112~\n");
    ck_assert_uint_eq(not_kept_of(t2, "PER", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    t3 = replace(out.p, "PER*IC*FRONT DESK*TE*5555552000~\n",
                 "PER*IC*FRONT DESK*TE*5555552000~\nPER*IC**EX*12~\n");
    ck_assert_uint_eq(not_kept_of(t3, "PER", X12_CLAIM_PCN, "PCN-2025-0001"), 1);
    t4 = replace(out.p, "PER*IC*CLAIMS*TE*5555550111~\n",
                 "PER*IC*CLAIMS*EX*4*TE*5555550111~\n");
    /* PER03 and PER04, the TE after them kept */
    ck_assert_uint_eq(not_kept_of(t4, "PER", X12_CLAIM_PCN, "PCN-2025-0001"), 2);
    free(t4);
    free(t3);
    free(t2);
    free(t1);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("claim837_content");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_drg);
    tcase_add_test(tc, test_drg_edits);
    tcase_add_test(tc, test_drg_twice_read);
    tcase_add_test(tc, test_ambulance_claim);
    tcase_add_test(tc, test_ambulance_line);
    tcase_add_loop_test(tc, test_ambulance_edits, 0, (int)(sizeof amb_cases / sizeof amb_cases[0]));
    tcase_add_test(tc, test_ambulance_837i);
    tcase_add_test(tc, test_ambulance_cr1_twice_read);
    tcase_add_test(tc, test_purchased_service);
    tcase_add_loop_test(tc, test_purchased_service_edits, 0,
                        (int)(sizeof ps_cases / sizeof ps_cases[0]));
    tcase_add_test(tc, test_purchased_service_837i);
    tcase_add_test(tc, test_purchased_service_twice_read);
    tcase_add_test(tc, test_claim_dates_refs_837p);
    tcase_add_test(tc, test_claim_dates_refs_837i);
    tcase_add_test(tc, test_claim_dates_refs_edits);
    tcase_add_test(tc, test_notes_837p);
    tcase_add_test(tc, test_notes_837i);
    tcase_add_test(tc, test_notes_edits);
    tcase_add_test(tc, test_notes_read_not_kept);
    tcase_add_test(tc, test_clm10_refs_837p);
    tcase_add_test(tc, test_clm10_refs_837i);
    tcase_add_test(tc, test_clm10_refs_edits);
    tcase_add_test(tc, test_clm10_refs_read_not_kept);
    tcase_add_test(tc, test_more_dates_837p);
    tcase_add_test(tc, test_disability_one_side);
    tcase_add_test(tc, test_more_dates_edits);
    tcase_add_test(tc, test_disability_read_not_kept);
    tcase_add_test(tc, test_line_dates_837p);
    tcase_add_test(tc, test_line_dates_edits);
    tcase_add_test(tc, test_line_refs_837p);
    tcase_add_test(tc, test_line_refs_837i);
    tcase_add_test(tc, test_line_refs_edits);
    tcase_add_test(tc, test_secondary_ids_837p);
    tcase_add_test(tc, test_secondary_ids_837i);
    tcase_add_test(tc, test_secondary_ids_edits);
    tcase_add_test(tc, test_secondary_ids_read_not_kept);
    tcase_add_test(tc, test_payer_subscriber_ids_837p);
    tcase_add_test(tc, test_patient_ids_837p);
    tcase_add_test(tc, test_payer_subscriber_ids_837i);
    tcase_add_test(tc, test_other_payer_refs);
    tcase_add_test(tc, test_payer_subscriber_ids_edits);
    tcase_add_test(tc, test_payer_subscriber_ids_read_not_kept);
    tcase_add_test(tc, test_other_subscriber_ssn);
    tcase_add_test(tc, test_op_providers_837p);
    tcase_add_test(tc, test_op_providers_837i);
    tcase_add_test(tc, test_op_providers_edits);
    tcase_add_test(tc, test_op_providers_read_not_kept);
    tcase_add_test(tc, test_op_provider_without_ref);
    tcase_add_test(tc, test_primary_care_837p);
    tcase_add_test(tc, test_primary_care_other_payer);
    tcase_add_test(tc, test_primary_care_edits);
    tcase_add_test(tc, test_pay_to_plan);
    tcase_add_test(tc, test_pay_to_plan_edits);
    tcase_add_test(tc, test_pay_to_plan_read_not_kept);
    tcase_add_test(tc, test_cob_837p);
    tcase_add_test(tc, test_cob_837i);
    tcase_add_test(tc, test_cob_edits);
    tcase_add_test(tc, test_cob_read_not_kept);
    tcase_add_test(tc, test_lu_g4_837i);
    tcase_add_test(tc, test_lu_g4_edits);
    tcase_add_test(tc, test_hi_837i);
    tcase_add_test(tc, test_hi_837p);
    tcase_add_test(tc, test_hi_edits);
    tcase_add_test(tc, test_icd9_837p);
    tcase_add_test(tc, test_icd9_837i);
    tcase_add_test(tc, test_icd9_edits);
    tcase_add_test(tc, test_cn1_hcp_837p);
    tcase_add_test(tc, test_cn1_hcp_837i);
    tcase_add_test(tc, test_cn1_hcp_edits);
    tcase_add_test(tc, test_drug_ref);
    tcase_add_test(tc, test_drug_ref_edits);
    tcase_add_test(tc, test_drug_ref_both_read);
    tcase_add_test(tc, test_crc_837p);
    tcase_add_test(tc, test_crc_837i);
    tcase_add_test(tc, test_crc_edits);
    tcase_add_test(tc, test_spinal);
    tcase_add_test(tc, test_spinal_edits);
    tcase_add_test(tc, test_crc_vision);
    tcase_add_test(tc, test_crc_vision_edits);
    tcase_add_test(tc, test_special_program);
    tcase_add_test(tc, test_pat_subscriber);
    tcase_add_test(tc, test_pat_patient);
    tcase_add_test(tc, test_pat_edits);
    tcase_add_test(tc, test_currency);
    tcase_add_test(tc, test_currency_edits);
    tcase_add_test(tc, test_k3_837p);
    tcase_add_test(tc, test_k3_837i);
    tcase_add_loop_test(tc, test_k3_edits, 0, (int)(sizeof k3_cases / sizeof k3_cases[0]));
    tcase_add_test(tc, test_k3_837i_line);
    tcase_add_test(tc, test_k3_xml);
    tcase_add_test(tc, test_k3_read_not_kept);
    tcase_add_test(tc, test_form);
    tcase_add_test(tc, test_form_edits);
    tcase_add_test(tc, test_form_read_not_kept);
    tcase_add_test(tc, test_dme);
    tcase_add_test(tc, test_dme_edits);
    tcase_add_test(tc, test_dme_certification);
    tcase_add_test(tc, test_dme_certification_edits);
    tcase_add_test(tc, test_mea);
    tcase_add_test(tc, test_mea_edits);
    tcase_add_test(tc, test_mea_read_not_kept);
    tcase_add_test(tc, test_line_attachments_837p);
    tcase_add_test(tc, test_line_attachments_837i);
    tcase_add_test(tc, test_line_attachments_837i_edits);
    tcase_add_test(tc, test_per_extensions_837p);
    tcase_add_test(tc, test_per_extensions_837i);
    tcase_add_test(tc, test_per_extensions_edits);
    tcase_add_test(tc, test_per_extensions_read_not_kept);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
