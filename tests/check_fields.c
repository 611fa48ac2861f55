/*
 * check_fields: the field table of the 837 claim model
 * (lib/claim837_fields.def) against the public enums and the compiled-in
 * guides.  Built from the library's sources (claim837_fields.c and the
 * guide tables), not linked with it, so that it reaches the table itself.
 *
 *  - every value of every public field enum has one row, and its name
 *    (x12_claim_field_name) looks up to it again;
 *  - every position the table gives a field in a kind is a segment and
 *    element the guide of that kind has, and does not mark not used;
 *  - the segments the table writes and reads itself (QV, DTP) are in the
 *    guide's order within an object, and no two rows of a kind share one
 *    (the 837 reader would not know which field it is).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "claim837_internal.h"
#include "spec_internal.h"

static const char *kind_name(int p)
{
    return p ? "837P" : "837I";
}

/* Every value 1..count of each object has a name that looks up to it;
 * names are unique per object; the options past the encounter formats'
 * have none. */
START_TEST(names_round_trip)
{
    int obj, f, g;

    for (obj = X12_CO_BATCH; obj <= X12_CO_LINE_ADJUDICATION_AMOUNT; obj++) {
        int n = x12_claim_field_count((x12_claim_object)obj);
        ck_assert_int_gt(n, 0);
        for (f = 1; f <= n; f++) {
            const char *name = x12_claim_field_name((x12_claim_object)obj, f);
            if (obj == X12_CO_BATCH_OPTION && f > X12_BATCHOPT_MAX_CLAIMS_PER_SET) {
                ck_assert_ptr_null(name);
                continue;
            }
            ck_assert_msg(name != NULL, "object %d field %d has no row", obj, f);
            ck_assert_int_eq(x12_claim_field_lookup((x12_claim_object)obj, name, X12_NTS), f);
            for (g = 1; g < f; g++) {
                const char *other = x12_claim_field_name((x12_claim_object)obj, g);
                ck_assert_msg(other == NULL || strcmp(other, name) != 0,
                              "object %d: fields %d and %d are both '%s'", obj, g, f, name);
            }
        }
        ck_assert_ptr_null(x12_claim_field_name((x12_claim_object)obj, 0));
        ck_assert_ptr_null(x12_claim_field_name((x12_claim_object)obj, n + 1));
        ck_assert_int_eq(x12_claim_field_lookup((x12_claim_object)obj, "no_such_field", 13), 0);
    }
    ck_assert_int_eq(x12_claim_field_count((x12_claim_object)0), 0);
    ck_assert_int_eq(x12_claim_field_count((x12_claim_object)99), 0);
    ck_assert_ptr_null(x12_claim_field_name((x12_claim_object)99, 1));
    ck_assert_int_eq(x12_claim_field_lookup(X12_CO_CLAIM, NULL, 0), 0);
    /* a length, not a NUL, ends the name */
    ck_assert_int_eq(x12_claim_field_lookup(X12_CO_CLAIM, "pcnX", 3), X12_CLAIM_PCN);
    ck_assert_str_eq(x12_claim_field_name(X12_CO_LINE, X12_LINE_CONTROL_NUMBER),
                     "control_number");
}
END_TEST

/* The guide of each kind has every position the table names, and does not
 * mark the segment or the element not used there. */
START_TEST(positions_in_the_guides)
{
    size_t r;
    int p;

    for (p = 0; p <= 1; p++) {
        const x12_spec *spec = c8_guide_spec(p);
        ck_assert_ptr_nonnull(spec);
        for (r = 0; r < C8R_N; r++) {
            const c8_fdesc *d = &c8_ftab[r];
            const c8_fpos *q = c8_pos(d, p);
            const x12i_seg *s;
            const x12i_elem *e;
            unsigned order;

            if (q == NULL || strcmp(q->seg, "ISA") == 0 || strcmp(q->seg, "GS") == 0)
                continue; /* the envelope is not in a guide's body */
            e = c8_guide_elem(c8_guide_loop(spec, q->loop), q, &s, &order);
            ck_assert_msg(s != NULL, "%s: %s %s %s*%s: no such segment in loop %s", kind_name(p),
                          d->name, q->loop, q->seg, q->qual, q->loop);
            ck_assert_msg(e != NULL, "%s: %s: %s has no element %u-%u", kind_name(p), d->name,
                          q->seg, q->el, q->comp);
            ck_assert_msg(s->usage != X12I_U_N && e->usage != X12I_U_N,
                          "%s: %s: %s%02u-%u is not used in loop %s", kind_name(p), d->name,
                          q->seg, q->el, q->comp, q->loop);
        }
    }
}
END_TEST

/* The table writes its own segments (QV, DTP, LIST, RD8): each must be in
 * its loop of the guide and one field's.  The writer puts them in each
 * guide's order (the guides disagree on some: an 837P line's REF*6R comes
 * after 9B, 9D and G1, an 837I line's first); check_claim837_content
 * asserts that order on the bytes written. */
START_TEST(table_segments_in_guide_order)
{
    size_t r, k;
    int p;

    for (p = 0; p <= 1; p++) {
        static c8_guide g;

        c8_guide_resolve(&g, p);
        for (r = 0; r < C8R_N; r++) {
            const c8_fpos *q = c8_pos(&c8_ftab[r], p);
            if (q == NULL || q->how == C8W_CODE)
                continue;
            ck_assert_msg(g.order[r] != 0, "%s: %s: %s*%s is not in loop %s", kind_name(p),
                          c8_ftab[r].name, q->seg, q->qual, q->loop);
            for (k = 0; k < r; k++) {
                const c8_fpos *o = c8_pos(&c8_ftab[k], p);
                if (o == NULL || o->how == C8W_CODE || strcmp(o->loop, q->loop) != 0 ||
                    strcmp(o->seg, q->seg) != 0)
                    continue;
                ck_assert_msg(strcmp(o->qual, q->qual) != 0,
                              "%s: %s and %s are both %s*%s in %s", kind_name(p),
                              c8_ftab[k].name, c8_ftab[r].name, q->seg, q->qual, q->loop);
            }
        }
    }
}
END_TEST

/* What the edits take from the guides: the codes of CLM07 and the maximum
 * length of CLM01 (so that the lookups are known to find something). */
START_TEST(guide_facts)
{
    static c8_guide g;

    c8_guide_resolve(&g, 1);
    ck_assert_str_eq(g.codes[C8R_X12_CLAIM_ASSIGNMENT], " A B C ");
    ck_assert_int_eq(g.max[C8R_X12_CLAIM_PCN], 38);
    ck_assert_int_eq(c8_codes_len(g.codes[C8R_X12_CLAIM_ASSIGNMENT]), 5);
    ck_assert_ptr_null(g.codes[C8R_X12_CLAIM_BILL_TYPE]); /* 837I only */
    c8_guide_resolve(&g, 0);
    ck_assert_str_eq(g.codes[C8R_X12_CLAIM_ADMISSION_TYPE], " 1 2 3 4 5 9 ");
    ck_assert_ptr_null(g.codes[C8R_X12_CLAIM_FREQUENCY]); /* 837P only */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, names_round_trip);
    tcase_add_test(tc, positions_in_the_guides);
    tcase_add_test(tc, table_segments_in_guide_order);
    tcase_add_test(tc, guide_facts);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
