/*
 * validate_dump FILE - everything the validator says about FILE, one line
 * per issue, for tests/validate-golden.sh.
 *
 * Runs the validator twice, lenient (issues as x12_validator_issue_at lists
 * them) and strict (issues as the event handler sees them, between the
 * envelope events and their counts), and prints every field the public API gives for each issue:
 * severity, segment number and id, loop, element, component, repetition,
 * offset, rule, level, code, set position, element reference, bad value,
 * context name and message.  The context value (a patient control number)
 * is printed as its length only.  Uses the public API alone, so a build of
 * the library from any commit can write the same dump.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/x12.h>

static void print_issue(const char *how, const x12_issue *is)
{
    const x12_error *e = x12_issue_error(is);

    printf("%s %s seg=%llu id=%s loop=%s el=%u co=%u rep=%u off=%llu rule=%s level=%d "
           "code=%s setpos=%llu ref=%s bad=%s ctx=%s/%zu: %s\n",
           how, x12_error_severity(e) == X12_SEV_WARNING ? "warning" : "error",
           (unsigned long long)x12_error_segment_number(e), x12_error_segment_id(e),
           x12_error_loop_id(e), x12_error_element(e), x12_error_component(e),
           x12_error_repetition(e), (unsigned long long)x12_error_offset(e), x12_error_rule(e),
           (int)x12_issue_level_of(is), x12_issue_code(is),
           (unsigned long long)x12_issue_set_position(is), x12_issue_element_ref(is),
           x12_issue_bad_value(is), x12_issue_context_name(is),
           strlen(x12_issue_context_value(is)), x12_error_message(e));
}

static void on_event(void *user, x12_vevent ev, const x12_validator *v, const x12_issue *is)
{
    const x12_spec *spec = x12_validator_current_spec(v);
    x12_str st02 = x12_validator_envelope_get(v, X12_ENV_ST02);

    (void)user;
    if (ev == X12_VEV_ISSUE) {
        print_issue("event", is);
        return;
    }
    printf("event %d sets=%llu errors=%llu warnings=%llu ge01=%llu iea01=%llu guide=%s st02=%.*s\n",
           (int)ev, (unsigned long long)x12_validator_count(v, X12_VCOUNT_SETS),
           (unsigned long long)x12_validator_count(v, X12_VCOUNT_SET_ERRORS),
           (unsigned long long)x12_validator_count(v, X12_VCOUNT_SET_WARNINGS),
           (unsigned long long)x12_validator_count(v, X12_VCOUNT_GE01),
           (unsigned long long)x12_validator_count(v, X12_VCOUNT_IEA01),
           spec ? x12_spec_id(spec) : "-", (int)st02.len, st02.ptr);
}

/* One run over path; returns 0, or 2 when the file cannot be read. */
static int run(const char *path, int strict)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    x12_status st;
    size_t i;

    if (x12_reader_new(NULL, &r) != X12_OK || x12_validator_new(NULL, &v) != X12_OK) {
        fprintf(stderr, "validate_dump: out of memory\n");
        exit(2);
    }
    if (x12_reader_open_path(r, path) != X12_OK) {
        fprintf(stderr, "validate_dump: cannot open %s\n", path);
        x12_validator_free(v);
        x12_reader_free(r);
        return 2;
    }
    x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict);
    if (strict)
        x12_validator_set_handler(v, on_event, NULL);
    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            x12_status vs = x12_validator_segment(v, seg);
            if (vs != X12_OK)
                printf("validator: %s\n", x12_strerror(vs));
            for (i = 0; i < x12_validator_issue_count(v) && !strict; i++)
                print_issue("issue", x12_validator_issue_at(v, i));
            continue;
        }
        if (st == X12_END)
            break;
        {
            const x12_error *e = x12_reader_last_error(r);
            if (e == NULL || x12_error_severity(e) == X12_SEV_FATAL) {
                printf("reader stopped: %s\n", x12_strerror(st));
                break;
            }
        }
    }
    x12_validator_finish(v);
    for (i = 0; i < x12_validator_issue_count(v) && !strict; i++)
        print_issue("issue", x12_validator_issue_at(v, i));
    printf("%s: %llu errors, %llu warnings\n", strict ? "strict" : "lenient",
           (unsigned long long)x12_validator_total_errors(v),
           (unsigned long long)x12_validator_total_warnings(v));
    x12_validator_free(v);
    x12_reader_free(r);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: validate_dump FILE\n");
        return 2;
    }
    if (run(argv[1], 0) != 0)
        return 2;
    run(argv[1], 1);
    return ferror(stdout) ? 2 : 0;
}
