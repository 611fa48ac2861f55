/*
 * check_spec: the implementation guides as data.
 *
 * Every spec in specs/ is valid against specs/x12spec.xsd (checked here
 * with libxml2's schema validator, independently of the library); the
 * built-in guides are the ones compiled from those files; a guide loaded at
 * run time behaves like the built-in one; errors in a spec file name file
 * and line; a companion guide tightens the rules.
 */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "testutil.h"

/* specs/ next to tests/data */
static const char *spec_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("X12_TEST_DATA");

    snprintf(path, sizeof path, "%s/../../specs/%s", dir ? dir : "tests/data", name);
    return path;
}

static void silent(void *u, xmlErrorPtr e)
{
    (void)u;
    (void)e;
}

/* The XSD accepts every guide we ship (a `make check` test of the data). */
START_TEST(specs_valid_against_schema)
{
    static const char *const files[] = {"837p.xml", "837i.xml", "835.xml", "999.xml"};
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(spec_path("x12spec.xsd"));
    xmlSchemaPtr schema;
    size_t i;

    ck_assert_ptr_nonnull(pc);
    schema = xmlSchemaParse(pc);
    ck_assert_ptr_nonnull(schema);
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        xmlDocPtr doc = xmlReadFile(spec_path(files[i]), NULL, XML_PARSE_NONET);
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);

        ck_assert_msg(doc != NULL, "%s is not well-formed", files[i]);
        ck_assert_msg(xmlSchemaValidateDoc(vc, doc) == 0, "%s is not valid", files[i]);
        xmlSchemaFreeValidCtxt(vc);
        xmlFreeDoc(doc);
    }
    /* and rejects what it must: an unknown usage */
    {
        static const char bad[] =
            "<spec id='X' set='837'><segdefs><segdef id='ST'>"
            "<element pos='1' ref='143' type='ID' min='3' max='3'/></segdef></segdefs>"
            "<body><segment id='ST' usage='Q' max='1'/></body></spec>";
        xmlDocPtr doc = xmlReadMemory(bad, (int)strlen(bad), "bad.xml", NULL, 0);
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);

        xmlSchemaSetValidStructuredErrors(vc, silent, NULL);
        ck_assert_int_ne(xmlSchemaValidateDoc(vc, doc), 0);
        xmlSchemaFreeValidCtxt(vc);
        xmlFreeDoc(doc);
    }
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
}
END_TEST

/* The built-ins: ids, sets, and the number of distinct loops each guide
 * describes (837P: 1000A/B, 2000A-C, 2010AA-AC, BA, BB, CA, 2300, 2310A-F,
 * 2320, 2330A-G, 2400, 2410, 2420A-H, 2430, 2440 = 38; 837I: 1000A/B,
 * 2000A-C, 2010AA-AC, BA, BB, CA, 2300, 2310A-F, 2320, 2330A-I, 2400, 2410,
 * 2420A-D, 2430 = 35; 835: 1000A, 1000B, 2000, 2100, 2110 = 5; 999: 2000,
 * 2100, 2110 = 3).  An 837I errata id (X223A3) falls back to X223A2. */
START_TEST(builtins)
{
    const x12_spec *p = x12_spec_builtin("005010X222A1");
    const x12_spec *r = x12_spec_builtin("005010X221A1");
    const x12_spec *a = x12_spec_builtin("005010X231A1");
    const x12_spec *inst = x12_spec_builtin("005010X223A2");
    int exact = -1;

    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(inst);
    ck_assert_uint_eq(x12_spec_builtin_count(), 9);
    ck_assert_str_eq(x12_spec_set_id(inst), "837");
    ck_assert_str_eq(x12_spec_name(inst), "Health Care Claim: Institutional");
    ck_assert_uint_eq(x12_spec_loop_count(inst), 35);
    ck_assert_ptr_eq(x12_spec_builtin_for("837", "005010X223A3", &exact), inst);
    ck_assert_int_eq(exact, 0);
    ck_assert_ptr_eq(x12_spec_builtin_for("837", "005010X223A2", &exact), inst);
    ck_assert_int_eq(exact, 1);
    ck_assert_str_eq(x12_spec_set_id(p), "837");
    ck_assert_str_eq(x12_spec_set_id(r), "835");
    ck_assert_str_eq(x12_spec_set_id(a), "999");
    ck_assert_str_eq(x12_spec_name(p), "Health Care Claim: Professional");
    ck_assert_uint_eq(x12_spec_loop_count(p), 38);
    ck_assert_uint_eq(x12_spec_loop_count(r), 5);
    ck_assert_uint_eq(x12_spec_loop_count(a), 3);
    ck_assert_ptr_null(x12_spec_builtin("005010X999A1"));
    ck_assert_ptr_null(x12_spec_builtin(NULL));
    /* an errata release falls back to the adopted guide, flagged inexact */
    ck_assert_ptr_eq(x12_spec_builtin_for("837", "005010X222A2", &exact), p);
    ck_assert_int_eq(exact, 0);
    ck_assert_ptr_eq(x12_spec_builtin_for("837", "005010X222A1", &exact), p);
    ck_assert_int_eq(exact, 1);
    ck_assert_ptr_null(x12_spec_builtin_for("835", "005010X222A1", &exact));
    x12_spec_free((x12_spec *)p); /* ignored for built-ins */
}
END_TEST

static char *validate_with(x12_spec *extra, const char *data, size_t len)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    tbuf out = {0};
    size_t i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    if (extra != NULL)
        ck_assert_int_eq(x12_validator_add_spec(v, extra), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK) {
        x12_validator_segment(v, seg);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            const x12_issue *is = x12_validator_issue_at(v, i);
            char line[64];
            snprintf(line, sizeof line, "%s%s@%llu;", x12_issue_code(is),
                     x12_error_segment_id(x12_issue_error(is)),
                     (unsigned long long)x12_issue_set_position(is));
            tbuf_str(&out, line);
        }
    }
    x12_validator_finish(v);
    x12_validator_free(v);
    x12_reader_free(r);
    if (out.p == NULL)
        tbuf_add(&out, "", 0);
    return out.p;
}

/* 837p.xml loaded at run time is the built-in guide: same id, same loops,
 * the clean fixture is clean with it too. */
START_TEST(load_file_matches_builtin)
{
    x12_spec *s = NULL;
    char err[256];
    size_t len;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len), *sig;

    ck_assert_int_eq(x12_spec_load_file(spec_path("837p.xml"), NULL, &s, err, sizeof err), X12_OK);
    ck_assert_str_eq(err, "");
    ck_assert_str_eq(x12_spec_id(s), "005010X222A1");
    ck_assert_uint_eq(x12_spec_loop_count(s), 38);
    sig = validate_with(s, data, len);
    ck_assert_str_eq(sig, "");
    free(sig);
    free(data);
    x12_spec_free(s);
}
END_TEST

/* The situational rules (<when>) of 837p.xml work the same built in and
 * loaded at run time: a replacement claim (CLM05-3 7) without REF*F8 is
 * IK3 3 at its CLM (position 22). */
START_TEST(when_rules_builtin_and_loaded)
{
    x12_spec *s = NULL;
    char err[256];
    size_t len;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len), *sig, *p;

    p = strstr(data, "11:B:1*Y*A*Y*Y~");
    ck_assert_ptr_nonnull(p);
    p[5] = '7';
    ck_assert_int_eq(x12_spec_load_file(spec_path("837p.xml"), NULL, &s, err, sizeof err), X12_OK);
    sig = validate_with(NULL, data, len);
    ck_assert_str_eq(sig, "3REF@22;");
    free(sig);
    sig = validate_with(s, data, len);
    ck_assert_str_eq(sig, "3REF@22;");
    free(sig);
    free(data);
    x12_spec_free(s);
}
END_TEST

/* A companion guide: the payer allows patient control numbers of at most
 * 10 characters.  Loaded with the same id, it is used before the built-in
 * one, and both claims (CLM01 of 11 characters) now break it (IK4 5). */
START_TEST(companion_guide_tightens)
{
    size_t len, xlen;
    char *xml = slurp(spec_path("837p.xml"), &xlen);
    char *data = slurp(data_path("validate-837p-clean.x12"), &len), *sig, *p;
    x12_spec *s = NULL;
    char err[256];
    tbuf t = {0};
    const char *from = "<segment id=\"CLM\" usage=\"R\" max=\"1\" unlisted=\"N\" context=\"1\">\n"
                       "            <element pos=\"1\" usage=\"R\"/>";

    p = strstr(xml, from);
    ck_assert_ptr_nonnull(p);
    tbuf_add(&t, xml, (size_t)(p - xml));
    tbuf_str(&t, "<segment id=\"CLM\" usage=\"R\" max=\"1\" unlisted=\"N\" context=\"1\">\n"
                 "            <element pos=\"1\" usage=\"R\" max=\"10\"/>");
    tbuf_str(&t, p + strlen(from));
    ck_assert_int_eq(x12_spec_load_memory(t.p, t.len, "payer.xml", NULL, &s, err, sizeof err),
                     X12_OK);
    sig = validate_with(s, data, len);
    ck_assert_str_eq(sig, "5CLM@22;5CLM@46;");
    free(sig);
    /* without it, the built-in guide: clean */
    sig = validate_with(NULL, data, len);
    ck_assert_str_eq(sig, "");
    free(sig);
    x12_spec_free(s);
    tbuf_free(&t);
    free(data);
    free(xml);
}
END_TEST

/* A code list is matched token by token: "1 2" is not a code because 1 and
 * 2 are (NM102 widened to 3 characters by a companion guide so that only
 * the code check can catch it: IK4 7 on the billing provider's NM1). */
START_TEST(code_list_value_with_space)
{
    size_t len, xlen;
    char *xml = slurp(spec_path("837p.xml"), &xlen);
    char *data = slurp(data_path("validate-837p-clean.x12"), &len), *sig, *p;
    x12_spec *s = NULL;
    char err[256];
    tbuf t = {0}, d = {0};
    const char *from = "<element pos=\"2\" ref=\"1065\" type=\"ID\" min=\"1\" max=\"1\"";
    const char *nm1 = "NM1*85*2*";

    p = strstr(xml, from);
    ck_assert_ptr_nonnull(p);
    tbuf_add(&t, xml, (size_t)(p - xml));
    tbuf_str(&t, "<element pos=\"2\" ref=\"1065\" type=\"ID\" min=\"1\" max=\"3\"");
    tbuf_str(&t, p + strlen(from));
    ck_assert_int_eq(x12_spec_load_memory(t.p, t.len, "payer.xml", NULL, &s, err, sizeof err),
                     X12_OK);
    p = strstr(data, nm1);
    ck_assert_ptr_nonnull(p);
    tbuf_add(&d, data, (size_t)(p - data));
    tbuf_str(&d, "NM1*85*1 2*");
    tbuf_add(&d, p + strlen(nm1), len - (size_t)(p - data) - strlen(nm1));
    sig = validate_with(s, d.p, d.len);
    ck_assert_str_eq(sig, "7NM1@8;");
    free(sig);
    x12_spec_free(s);
    tbuf_free(&t);
    tbuf_free(&d);
    free(data);
    free(xml);
}
END_TEST

static x12_status load_text(const char *text, char *err, size_t errsize)
{
    x12_spec *s = (x12_spec *)1;
    x12_status st = x12_spec_load_memory(text, strlen(text), "payer.xml", NULL, &s, err, errsize);

    if (st == X12_OK)
        x12_spec_free(s);
    else
        ck_assert_ptr_null(s);
    return st;
}

#define SEGDEFS                                                                          \
    "<segdefs>\n<segdef id='ST'>\n"                                                     \
    "<element pos='1' ref='143' type='ID' min='3' max='3'/>\n</segdef>\n"               \
    "<segdef id='SE'>\n<element pos='1' ref='96' type='N0' min='1' max='10'/>\n"        \
    "</segdef>\n</segdefs>\n"

/* Errors in a spec file say which file and line, and why. */
START_TEST(load_errors_name_file_and_line)
{
    char err[256];
    x12_spec *s = (x12_spec *)1;

    /* a file that does not exist */
    ck_assert_int_eq(x12_spec_load_file("/nonexistent/payer.xml", NULL, &s, err, sizeof err),
                     X12_EIO);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(err, "/nonexistent/payer.xml: No such file or directory");
    /* not XML: line 3 */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n<segdefs>\n<<\n</segdefs></spec>\n", err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_msg(strncmp(err, "payer.xml:3: ", 13) == 0, "%s", err);
    /* against the schema: usage Q on line 11 */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS
                               "<body>\n<segment id='ST' usage='Q' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_msg(strncmp(err, "payer.xml:11: ", 14) == 0, "%s", err);
    /* consistent with itself: a segment with no segdef, line 12 */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS "<body>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<segment id='NM1' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:12: segment NM1 has no segdef");
    /* a loopref to nothing */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS "<body>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<loopref ref='2300'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:12: loopref names loop 2300, which is not defined");
    /* a key element without codes */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS "<body>\n"
                               "<segment id='ST' usage='R' max='1' key='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:11: segment ST: the key element needs codes");
    /* a <when> rule naming a segment the loop does not have (line 16) */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS "<body>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<loop id='2000' usage='S' max='1'>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<segment id='SE' usage='S' max='1'/>\n"
                               "<when segment='ST' element='1' codes='837'>\n"
                               "<require segment='SE' key='Z'/>\n</when>\n</loop>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:16: loop 2000 has no segment SE*Z");
    /* an excluded segment before its condition (line 16) */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS "<body>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<loop id='2000' usage='S' max='1'>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<segment id='SE' usage='S' max='1'/>\n"
                               "<when segment='SE' element='1' codes='1'>\n"
                               "<exclude segment='ST'/>\n</when>\n</loop>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err,
                     "payer.xml:16: an excluded segment must come after the condition segment SE");
    /* and a minimal good one loads */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS "<body>\n"
                               "<segment id='ST' usage='R' max='1'/>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_OK);
    ck_assert_int_eq(x12_spec_load_file(NULL, NULL, &s, err, sizeof err), X12_EINVAL);
}
END_TEST

#define SEGDEFS_N4                                                                       \
    "<segdefs>\n<segdef id='ST'>\n"                                                     \
    "<element pos='1' ref='143' type='ID' min='3' max='3'/>\n</segdef>\n"               \
    "<segdef id='N4'>\n<element pos='1' ref='19' type='AN' min='2' max='30'/>\n"        \
    "<element pos='2' ref='156' type='ID' min='2' max='2'/>\n"                           \
    "<element pos='3' ref='116' type='ID' min='3' max='15'/>\n"                          \
    "<element pos='4' ref='26' type='ID' min='2' max='3'/>\n</segdef>\n"                \
    "<segdef id='SE'>\n<element pos='1' ref='96' type='N0' min='1' max='10'/>\n"        \
    "</segdef>\n</segdefs>\n<body>\n<segment id='ST' usage='R' max='1'/>\n"

/* The rule attributes of an element (if/ifcodes/ifabsent, ifusage,
 * elseusage, check, codelist) and key2 are checked when a guide loads:
 * each mistake names its line (the N4 segment, line 18, or its element, 19) and what is wrong. */
START_TEST(element_rule_errors)
{
    char err[256];

    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' codelist='planets'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:19: unknown code list 'planets'");
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' if='2' ifcodes='US'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: the condition of element 2 names element "
                          "2, which is not another simple element of the segment");
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' if='9' ifcodes='US'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: the condition of element 2 names element "
                          "9, which is not another simple element of the segment");
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' if='4' ifusage='R'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: element 2 has if but neither ifcodes nor "
                          "ifabsent");
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' ifcodes='US' elseusage='N'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: element 2 has ifcodes, ifcomp, ifabsent "
                          "or elseusage but no if");
    /* checkcodes narrow a check's condition: without a check (or without
     * a condition) they mean nothing */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='3' if='4' ifcodes='US CA' checkcodes='US'/>\n"
                               "</segment>\n<segment id='SE' usage='R' max='1'/>\n</body>\n"
                               "</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: element 3 has checkcodes but no check or no "
                          "if");
    /* ifcomp reads components of a composite: N404 is none */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' if='4' ifcomp='1' ifcodes='US'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: element 2 has ifcomp but its if, 4, is not a "
                          "composite of the segment");
    /* an unknown check is refused by the schema */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='3' check='luhn'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_msg(strncmp(err, "payer.xml:19: ", 14) == 0, "%s", err);
    /* key2 needs codes on its element */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1' key='4' key2='2'>\n"
                               "<element pos='4' codes='US'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:18: segment N4: key2 must name a simple element with codes "
                          "(and key be given)");
    /* and the rules of 837p.xml's billing provider N4 load */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_N4
                               "<segment id='N4' usage='R' max='1'>\n"
                               "<element pos='2' codelist='states' if='4' ifcodes='US CA' "
                               "ifabsent='true' ifusage='R' elseusage='N'/>\n"
                               "<element pos='3' check='zip9' if='4' ifcodes='US CA' "
                               "ifabsent='1' ifusage='R' checkcodes='US'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_OK);
}
END_TEST

#define SEGDEFS_CLM                                                                      \
    "<segdefs>\n<segdef id='ST'>\n"                                                     \
    "<element pos='1' ref='143' type='ID' min='3' max='3'/>\n</segdef>\n"               \
    "<segdef id='CLM'>\n<element pos='1' ref='1028' type='AN' min='1' max='38'/>\n"     \
    "<composite pos='2' ref='C024'>\n"                                                  \
    "<element pos='1' ref='1362' type='ID' min='2' max='3'/>\n"                          \
    "<element pos='2' ref='1362' type='ID' min='2' max='3'/>\n"                          \
    "<element pos='3' ref='1362' type='ID' min='2' max='3'/>\n"                          \
    "<element pos='4' ref='156' type='ID' min='2' max='2'/>\n"                           \
    "<element pos='5' ref='26' type='ID' min='2' max='3'/>\n</composite>\n</segdef>\n" \
    "<segdef id='SE'>\n<element pos='1' ref='96' type='N0' min='1' max='10'/>\n"        \
    "</segdef>\n</segdefs>\n<body>\n<segment id='ST' usage='R' max='1'/>\n"

/* A condition on components (ifcomp): they must be other simple
 * components of the composite `if` names (line 22, the CLM segment). */
START_TEST(component_rule_errors)
{
    char err[256];

    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_CLM
                               "<segment id='CLM' usage='R' max='1'>\n<composite pos='2'>\n"
                               "<element pos='4' if='2' ifcomp='1 4' ifcodes='AA'/>\n"
                               "</composite>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:22: segment CLM: the condition of element 4 names component "
                          "4 of element 2, which is not another simple component of it");
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_CLM
                               "<segment id='CLM' usage='R' max='1'>\n<composite pos='2'>\n"
                               "<element pos='4' if='2' ifcomp='6' ifcodes='AA'/>\n"
                               "</composite>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:22: segment CLM: the condition of element 4 names component "
                          "6 of element 2, which is not another simple component of it");
    /* a simple element's condition may not name a composite without ifcomp */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_CLM
                               "<segment id='CLM' usage='R' max='1'>\n"
                               "<element pos='1' if='2' ifcodes='AA'/>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:22: segment CLM: the condition of element 1 names element "
                          "2, which is not another simple element of the segment");
    /* component 33 is past what a condition can name; the schema refuses
     * letters */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_CLM
                               "<segment id='CLM' usage='R' max='1'>\n<composite pos='2'>\n"
                               "<element pos='4' if='2' ifcomp='33' ifcodes='AA'/>\n"
                               "</composite>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_str_eq(err, "payer.xml:24: ifcomp must list component positions from 1 to 32");
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_CLM
                               "<segment id='CLM' usage='R' max='1'>\n<composite pos='2'>\n"
                               "<element pos='4' if='2' ifcomp='one' ifcodes='AA'/>\n"
                               "</composite>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_ESYNTAX);
    ck_assert_msg(strncmp(err, "payer.xml:24: ", 14) == 0, "%s", err);
    /* and the auto accident state of 837p.xml loads */
    ck_assert_int_eq(load_text("<spec id='X' set='837'>\n" SEGDEFS_CLM
                               "<segment id='CLM' usage='R' max='1'>\n<composite pos='2'>\n"
                               "<element pos='4' codelist='states' if='2' ifcomp='1 2' "
                               "ifcodes='AA' ifusage='R'/>\n</composite>\n</segment>\n"
                               "<segment id='SE' usage='R' max='1'/>\n</body>\n</spec>\n",
                               err, sizeof err),
                     X12_OK);
}
END_TEST

/* A rule works the same in the built-in guide and in 837p.xml loaded at
 * run time: the billing provider's N402 NA is no state (IK4 7); an auto
 * accident (CLM11-1 AA) needs its state (IK4 I9). */
START_TEST(element_rule_builtin_and_loaded)
{
    x12_spec *s = NULL;
    char err[256];
    size_t len;
    char *data = slurp(data_path("validate-837p-clean.x12"), &len), *sig, *p;

    p = strstr(data, "N4*PORTLAND*OR*972014410~");
    ck_assert_ptr_nonnull(p);
    memcpy(p + 12, "NA", 2);
    /* and the first claim an auto accident without its state: CLM11-4
     * (a condition on components) is I9 at the claim (position 22) */
    p = strstr(data, "11:B:1*Y*A*Y*Y~");
    ck_assert_ptr_nonnull(p);
    {
        size_t at = (size_t)(p - data) + 14, n = len + 4;
        char *more = malloc(n + 1);
        ck_assert_ptr_nonnull(more);
        snprintf(more, n + 1, "%.*s**AA%s", (int)at, data, data + at);
        free(data);
        data = more;
        len = n;
    }
    ck_assert_int_eq(x12_spec_load_file(spec_path("837p.xml"), NULL, &s, err, sizeof err), X12_OK);
    sig = validate_with(NULL, data, len);
    ck_assert_str_eq(sig, "7N4@10;I9CLM@22;");
    free(sig);
    sig = validate_with(s, data, len);
    ck_assert_str_eq(sig, "7N4@10;I9CLM@22;");
    free(sig);
    free(data);
    x12_spec_free(s);
}
END_TEST

/* ST03 is checked as naming the guide a set is validated against
 * (check="guide-id"): a companion guide forced with
 * x12_validator_use_spec accepts the id of the guide it names as its base,
 * and rejects ST03 when it names neither (IK4 7 on ST03, position 1). */
START_TEST(st03_names_the_guide)
{
    size_t len, xlen;
    char *xml = slurp(spec_path("837p.xml"), &xlen);
    char *data = slurp(data_path("validate-837p-clean.x12"), &len), *p;
    const char *from = "<spec id=\"005010X222A1\"";
    int pass;

    p = strstr(xml, from);
    ck_assert_ptr_nonnull(p);
    for (pass = 0; pass < 2; pass++) {
        x12_spec *s = NULL;
        x12_validator *v;
        x12_reader *r;
        const x12_segment *seg;
        char err[256];
        tbuf t = {0}, got = {0};
        size_t i;

        tbuf_add(&t, xml, (size_t)(p - xml));
        tbuf_str(&t, pass ? "<spec id=\"ACME-837P\"" : "<spec id=\"ACME-837P\" base=\"005010X222A1\"");
        tbuf_str(&t, p + strlen(from));
        ck_assert_int_eq(x12_spec_load_memory(t.p, t.len, "acme.xml", NULL, &s, err, sizeof err),
                         X12_OK);
        ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
        ck_assert_int_eq(x12_validator_use_spec(v, s), X12_OK);
        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
        while (x12_reader_next(r, &seg) == X12_OK) {
            x12_validator_segment(v, seg);
            for (i = 0; i < x12_validator_issue_count(v); i++) {
                const x12_issue *is = x12_validator_issue_at(v, i);
                char line[64];
                snprintf(line, sizeof line, "%s%s%02u@%llu;", x12_issue_code(is),
                         x12_error_segment_id(x12_issue_error(is)),
                         x12_error_element(x12_issue_error(is)),
                         (unsigned long long)x12_issue_set_position(is));
                tbuf_str(&got, line);
            }
        }
        x12_validator_finish(v);
        if (got.p == NULL)
            tbuf_add(&got, "", 0);
        ck_assert_str_eq(got.p, pass ? "7ST03@1;" : "");
        x12_validator_free(v);
        x12_reader_free(r);
        x12_spec_free(s);
        tbuf_free(&t);
        tbuf_free(&got);
    }
    free(data);
    free(xml);
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("spec");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, specs_valid_against_schema);
    tcase_add_test(tc, builtins);
    tcase_add_test(tc, load_file_matches_builtin);
    tcase_add_test(tc, when_rules_builtin_and_loaded);
    tcase_add_test(tc, companion_guide_tightens);
    tcase_add_test(tc, code_list_value_with_space);
    tcase_add_test(tc, load_errors_name_file_and_line);
    tcase_add_test(tc, element_rule_errors);
    tcase_add_test(tc, component_rule_errors);
    tcase_add_test(tc, element_rule_builtin_and_loaded);
    tcase_add_test(tc, st03_names_the_guide);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
