/*
 * 270 requests from XML (specs/eligibility.xsd, compiled in): attribute
 * names are the request's field names, so the walk is tables.
 */
#include <errno.h>
#include <stdlib.h>

#include "elig_internal.h"
#include "txn_xml.h"

#define NS "urn:libx12:eligibility:1"

typedef struct fmap {
    const char *name;
    int field;
} fmap;

static const fmap interchange_map[] = {
    {"sender_qualifier", X12_ER_SENDER_QUALIFIER},
    {"sender_id", X12_ER_SENDER_ID},
    {"receiver_qualifier", X12_ER_RECEIVER_QUALIFIER},
    {"receiver_id", X12_ER_RECEIVER_ID},
    {"gs_sender", X12_ER_GS_SENDER},
    {"gs_receiver", X12_ER_GS_RECEIVER},
    {"date", X12_ER_DATE},
    {"time", X12_ER_TIME},
    {"reference", X12_ER_REFERENCE},
    {"trace_originator", X12_ER_TRACE_ORIGINATOR},
    {NULL, 0},
};

static const fmap option_map[] = {
    {"control_number", X12_EROPT_ISA13},
    {"group_control_number", X12_EROPT_GS06},
    {"set_control_number", X12_EROPT_ST02},
    {"production", X12_EROPT_PRODUCTION},
    {"ack_requested", X12_EROPT_ACK_REQUESTED},
    {"max_inquiries_per_set", X12_EROPT_MAX_INQUIRIES_PER_SET},
    {NULL, 0},
};

static const fmap inquiry_map[] = {
    {"procedure", X12_EI_PROCEDURE},
    {"procedure_qualifier", X12_EI_PROCEDURE_QUALIFIER},
    {"service_date", X12_EI_SERVICE_DATE},
    {"service_date_to", X12_EI_SERVICE_DATE_TO},
    {"trace_number", X12_EI_TRACE_NUMBER},
    {NULL, 0},
};

static const fmap payer_map[] = {
    {"name", X12_EI_PAYER_NAME},
    {"id", X12_EI_PAYER_ID},
    {"id_qualifier", X12_EI_PAYER_ID_QUALIFIER},
    {NULL, 0},
};

static const fmap provider_map[] = {
    {"name", X12_EI_PROVIDER_NAME},
    {"first_name", X12_EI_PROVIDER_FIRST_NAME},
    {"npi", X12_EI_PROVIDER_NPI},
    {"taxonomy", X12_EI_PROVIDER_TAXONOMY},
    {NULL, 0},
};

static const fmap subscriber_map[] = {
    {"last_name", X12_EI_SUBSCRIBER_LAST_NAME},
    {"first_name", X12_EI_SUBSCRIBER_FIRST_NAME},
    {"middle_name", X12_EI_SUBSCRIBER_MIDDLE_NAME},
    {"suffix", X12_EI_SUBSCRIBER_SUFFIX},
    {"member_id", X12_EI_MEMBER_ID},
    {"birth_date", X12_EI_SUBSCRIBER_BIRTH_DATE},
    {"gender", X12_EI_SUBSCRIBER_GENDER},
    {"group_number", X12_EI_GROUP_NUMBER},
    {NULL, 0},
};

static const fmap dependent_map[] = {
    {"last_name", X12_EI_DEPENDENT_LAST_NAME},
    {"first_name", X12_EI_DEPENDENT_FIRST_NAME},
    {"middle_name", X12_EI_DEPENDENT_MIDDLE_NAME},
    {"suffix", X12_EI_DEPENDENT_SUFFIX},
    {"birth_date", X12_EI_DEPENDENT_BIRTH_DATE},
    {"gender", X12_EI_DEPENDENT_GENDER},
    {"relationship", X12_EI_DEPENDENT_RELATIONSHIP},
    {NULL, 0},
};

static void read_fields(tx_xml *x, const xmlNode *n, const fmap *m, x12_elig_inquiry *q)
{
    const char *v;

    for (; m->name != NULL; m++)
        if ((v = tx_xml_attr(n, m->name)) != NULL)
            tx_xml_check(x, x12_elig_inquiry_set(q, (x12_elig_inquiry_field)m->field, v,
                                                 X12_NTS));
}

/* Calls add for each space-separated word of v. */
static void read_list(tx_xml *x, const char *v, x12_elig_inquiry *q,
                      x12_status (*add)(x12_elig_inquiry *, const char *, size_t))
{
    while (v != NULL && *v != '\0') {
        size_t n;
        while (*v == ' ' || *v == '\t' || *v == '\n')
            v++;
        n = strcspn(v, " \t\n");
        if (n > 0)
            tx_xml_check(x, add(q, v, n));
        v += n;
    }
}

static void read_root(tx_xml *x, const xmlNode *root)
{
    x12_elig_request *rq = x->target;
    const xmlNode *n, *k;
    const fmap *m;
    const char *v;

    for (n = root->children; n != NULL && x->st != X12_ENOMEM; n = n->next) {
        if (tx_xml_is(n, NS, "interchange")) {
            for (m = interchange_map; m->name != NULL; m++)
                if ((v = tx_xml_attr(n, m->name)) != NULL)
                    tx_xml_check(x, x12_elig_request_set(rq, (x12_elig_request_field)m->field,
                                                         v, X12_NTS));
            for (m = option_map; m->name != NULL; m++) {
                unsigned long long u;
                char *end;
                if ((v = tx_xml_attr(n, m->name)) == NULL)
                    continue;
                errno = 0;
                u = strtoull(v, &end, 10);
                if (errno != 0 || *end != '\0' ||
                    x12_elig_request_set_option(rq, (x12_elig_request_option)m->field, u) !=
                        X12_OK)
                    tx_xml_error(x, tx_xml_line(n), "xml-value", "attribute '%s' is out of range",
                                 m->name);
            }
        } else if (tx_xml_is(n, NS, "inquiry")) {
            x12_elig_inquiry *q;
            if (x12_elig_request_add_inquiry(rq, &q) != X12_OK) {
                x->st = X12_ENOMEM;
                return;
            }
            read_fields(x, n, inquiry_map, q);
            read_list(x, tx_xml_attr(n, "service_types"), q, x12_elig_inquiry_add_service_type);
            read_list(x, tx_xml_attr(n, "modifiers"), q, x12_elig_inquiry_add_modifier);
            for (k = n->children; k != NULL; k = k->next) {
                if (tx_xml_is(k, NS, "payer"))
                    read_fields(x, k, payer_map, q);
                else if (tx_xml_is(k, NS, "provider"))
                    read_fields(x, k, provider_map, q);
                else if (tx_xml_is(k, NS, "subscriber"))
                    read_fields(x, k, subscriber_map, q);
                else if (tx_xml_is(k, NS, "dependent"))
                    read_fields(x, k, dependent_map, q);
            }
        }
    }
}

x12_status x12_elig_request_load_xml_memory(x12_elig_request *rq, const char *data, size_t len,
                                            const char *name)
{
    tx_xml x;

    if (rq == NULL || (data == NULL && len != 0))
        return X12_EINVAL;
    if (!el_request_empty(rq))
        return X12_ESTATE;
    tx_edits_clear(&rq->h.a, &rq->h.edits);
    memset(&x, 0, sizeof x);
    x.a = &rq->h.a;
    x.edits = &rq->h.edits;
    x.name = name != NULL ? name : "<memory>";
    x.target = rq;
    return tx_xml_load(&x, data, len, x12i_eligibility_xsd, "eligibility", read_root);
}

x12_status x12_elig_request_load_xml_file(x12_elig_request *rq, const char *path)
{
    char *data;
    size_t len;
    x12_status st;

    if (rq == NULL || path == NULL)
        return X12_EINVAL;
    st = tx_xml_slurp(&rq->h.a, path, &data, &len);
    if (st != X12_OK)
        return st;
    st = x12_elig_request_load_xml_memory(rq, data, len, path);
    x12i_free(&rq->h.a, data);
    return st;
}
