/*
 * specgen - build-time generator: reads implementation guides written in
 * the libx12 spec format (specs/GUIDE.xml), checks each against the schema and
 * writes them out as static C tables, so the library carries its built-in
 * guides and needs no files at run time.
 *
 *     specgen -o lib/spec_tables.c SCHEMA.xsd GUIDE.xml...
 *
 * The schema text itself is written out too (x12i_spec_xsd), for checking
 * companion guides loaded at run time.  Not installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "spec_internal.h"

static FILE *out;

static void cstr(const char *s)
{
    if (s == NULL) {
        fputs("NULL", out);
        return;
    }
    putc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\%03o", c);
        else
            putc(c, out);
    }
    putc('"', out);
}

/* Pointer -> number tables for the loops of one spec. */
typedef struct seen {
    const void **p;
    size_t n, cap;
} seen;

static long find(const seen *s, const void *p)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        if (s->p[i] == p)
            return (long)i;
    return -1;
}

static size_t add(seen *s, const void *p)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->p = realloc(s->p, s->cap * sizeof *s->p);
        if (s->p == NULL) {
            fprintf(stderr, "specgen: out of memory\n");
            exit(1);
        }
    }
    s->p[s->n] = p;
    return s->n++;
}

static void collect_loops(const x12i_loop *l, seen *loops)
{
    uint32_t i;

    if (find(loops, l) >= 0)
        return;
    add(loops, l);
    for (i = 0; i < l->nchildren; i++)
        if (l->children[i].loop != NULL)
            collect_loops(l->children[i].loop, loops);
}

static void emit_elems(const char *name, const x12i_elem *e, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (e[i].ncomps > 0) {
            char sub[96];
            snprintf(sub, sizeof sub, "%s_%zu", name, i + 1);
            emit_elems(sub, e[i].comps, e[i].ncomps);
        }
    fprintf(out, "static const x12i_elem %s[] = {\n", name);
    for (i = 0; i < n; i++) {
        fputs("    {.ref = ", out);
        cstr(e[i].ref);
        fputs(", .name = ", out);
        cstr(e[i].name);
        fputs(", .codes = ", out);
        cstr(e[i].codes);
        if (e[i].ncomps > 0)
            fprintf(out, ", .comps = %s_%zu", name, i + 1);
        fprintf(out,
                ", .repeat = %lu, .ncomps = %u, .min = %u, .max = %u, .type = %u,"
                " .decimals = %u, .usage = '%c', .dateformat = %u, .defined = %u, .warn = %u",
                (unsigned long)e[i].repeat, e[i].ncomps, e[i].min, e[i].max, e[i].type,
                e[i].decimals, e[i].usage, e[i].dateformat, e[i].defined, e[i].warn);
        if (e[i].rule) {
            fputs(", .ifcodes = ", out);
            cstr(e[i].ifcodes);
            fputs(", .checkcodes = ", out);
            cstr(e[i].checkcodes);
            fprintf(out,
                    ", .ifcomps = UINT32_C(%lu), .ifpos = %u, .ifabsent = %u, .ifusage = %u,"
                    " .elseusage = %u, .check = %u, .codelist = %u, .rule = 1",
                    (unsigned long)e[i].ifcomps, e[i].ifpos, e[i].ifabsent, e[i].ifusage,
                    e[i].elseusage, e[i].check, e[i].codelist);
        }
        fputs("},\n", out);
    }
    if (n == 0)
        fputs("    {.ref = \"\"}\n", out);
    fputs("};\n", out);
}

static void emit_seg(const char *name, const x12i_seg *s)
{
    char buf[96];
    uint16_t i, j;

    snprintf(buf, sizeof buf, "%s_e", name);
    emit_elems(buf, s->elems, s->nelems);
    for (i = 0; i < s->nsyntax; i++) {
        fprintf(out, "static const uint16_t %s_y%u[] = {", name, i);
        for (j = 0; j < s->syntax[i].npos; j++)
            fprintf(out, "%s%u", j ? ", " : "", s->syntax[i].pos[j]);
        fputs("};\n", out);
    }
    if (s->nsyntax > 0) {
        fprintf(out, "static const x12i_syntax %s_y[] = {\n", name);
        for (i = 0; i < s->nsyntax; i++)
            fprintf(out, "    {%s_y%u, %u, '%c', UINT64_C(%#llx)},\n", name, i,
                    s->syntax[i].npos, s->syntax[i].rule, (unsigned long long)s->syntax[i].mask);
        fputs("};\n", out);
    }
    fprintf(out, "static const x12i_seg %s = {.id = ", name);
    cstr(s->id);
    fputs(", .name = ", out);
    cstr(s->name);
    fprintf(out, ", .elems = %s_e, .syntax = ", name);
    if (s->nsyntax > 0)
        fprintf(out, "%s_y", name);
    else
        fputs("NULL", out);
    fprintf(out,
            ", .max_use = %lu, .nelems = %u, .nsyntax = %u, .key = %u, .keycomp = %u,"
            " .key2 = %u, .context = %u, .lastreq = %u, .usage = '%c'};\n",
            (unsigned long)s->max_use, s->nelems, s->nsyntax, s->key, s->keycomp, s->key2,
            s->context, s->lastreq, s->usage);
}

static void emit_spec(size_t k, const struct x12_spec *spec)
{
    seen loops = {0};
    size_t i;
    uint32_t j;
    char name[64];

    collect_loops(spec->body, &loops);
    fprintf(out, "\n/* ==== %s (%s) ==== */\n", spec->id, spec->set);
    for (i = 0; i < loops.n; i++)
        fprintf(out, "static const x12i_loop g%zu_l%zu;\n", k, i);
    for (i = 0; i < loops.n; i++) {
        const x12i_loop *l = loops.p[i];
        for (j = 0; j < l->nchildren; j++)
            if (l->children[j].seg != NULL) {
                snprintf(name, sizeof name, "g%zu_l%zu_s%lu", k, i, (unsigned long)j);
                emit_seg(name, l->children[j].seg);
            }
        fprintf(out, "static const x12i_node g%zu_l%zu_k[] = {\n", k, i);
        for (j = 0; j < l->nchildren; j++) {
            if (l->children[j].seg != NULL)
                fprintf(out, "    {&g%zu_l%zu_s%lu, NULL},\n", k, i, (unsigned long)j);
            else
                fprintf(out, "    {NULL, &g%zu_l%ld},\n", k, find(&loops, l->children[j].loop));
        }
        fputs("};\n", out);
        fprintf(out, "static const uint32_t g%zu_l%zu_t[] = {", k, i);
        for (j = 0; j < l->nchildren; j++)
            fprintf(out, "%s%#lx", j ? ", " : "", (unsigned long)l->tids[j]);
        fputs(l->nchildren ? "};\n" : "0};\n", out);
        fprintf(out, "static const uint32_t g%zu_l%zu_r[] = {", k, i);
        for (j = 0; j < l->nreq; j++)
            fprintf(out, "%s%lu", j ? ", " : "", (unsigned long)l->req[j]);
        fputs(l->nreq ? "};\n" : "0};\n", out);
        fprintf(out, "static const uint32_t g%zu_l%zu_g[] = {", k, i);
        for (j = 0; j < l->nchildren; j++)
            fprintf(out, "%s%lu", j ? ", " : "", (unsigned long)l->gstart[j]);
        fputs(l->nchildren ? "};\n" : "0};\n", out);
        if (l->nwhens > 0) {
            fprintf(out, "static const x12i_when g%zu_l%zu_w[] = {\n", k, i);
            for (j = 0; j < l->nwhens; j++) {
                const x12i_when *w = &l->whens[j];
                fputs("    {.codes = ", out);
                cstr(w->codes);
                fputs(", .what = ", out);
                cstr(w->what);
                fputs(", .note = ", out);
                cstr(w->note);
                fprintf(out,
                        ", .cond = %lu, .target = %lu, .element = %u, .component = %u,"
                        " .require = %u},\n",
                        (unsigned long)w->cond, (unsigned long)w->target, w->element,
                        w->component, w->require);
            }
            fputs("};\n", out);
        }
        fprintf(out, "static const x12i_loop g%zu_l%zu = {.id = ", k, i);
        cstr(l->id);
        fputs(", .name = ", out);
        cstr(l->name);
        fprintf(out,
                ", .children = g%zu_l%zu_k, .nchildren = %lu, .max = %lu,"
                " .usage = '%c', .tids = g%zu_l%zu_t, .req = g%zu_l%zu_r, .nreq = %lu,"
                " .gstart = g%zu_l%zu_g",
                k, i, (unsigned long)l->nchildren, (unsigned long)l->max, l->usage, k, i, k, i,
                (unsigned long)l->nreq, k, i);
        if (l->nwhens > 0)
            fprintf(out, ", .whens = g%zu_l%zu_w, .nwhens = %lu", k, i,
                    (unsigned long)l->nwhens);
        fputs("};\n", out);
    }
    fprintf(out, "static const char *const g%zu_ids[] = {", k);
    for (i = 0; i < spec->nsegids; i++) {
        fputs(i ? ", " : "", out);
        cstr(spec->segids[i]);
    }
    fputs("};\n", out);
    fprintf(out, "static const struct x12_spec g%zu = {.id = ", k);
    cstr(spec->id);
    fputs(", .set = ", out);
    cstr(spec->set);
    fputs(", .name = ", out);
    cstr(spec->name);
    fputs(", .base = ", out);
    cstr(spec->base);
    fprintf(out, ", .body = &g%zu_l0, .segids = g%zu_ids, .nsegids = %zu};\n", k, k,
            spec->nsegids);
    free(loops.p);
}

static char *slurp_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        exit(1);
    }
    buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        exit(1);
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    const char *outpath = NULL, *xsd;
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr schema;
    struct x12_spec **specs;
    x12i_alloc a;
    int i, nspecs = 0, first;
    char *xsd_text;
    x12_status st;

    if (argc >= 3 && strcmp(argv[1], "-o") == 0) {
        outpath = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc < 3 || outpath == NULL) {
        fprintf(stderr, "usage: specgen -o OUT.c SCHEMA.xsd GUIDE.xml...\n");
        return 2;
    }
    xsd = argv[1];
    x12i_alloc_init(&a, NULL);
    pc = xmlSchemaNewParserCtxt(xsd);
    schema = pc ? xmlSchemaParse(pc) : NULL;
    if (schema == NULL) {
        fprintf(stderr, "specgen: %s: not a usable schema\n", xsd);
        return 1;
    }
    xmlSchemaFreeParserCtxt(pc);
    specs = calloc((size_t)argc, sizeof *specs);
    for (i = 2; i < argc; i++) {
        xmlDoc *doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
        xmlSchemaValidCtxtPtr vc;
        char err[300];
        int rc;

        if (doc == NULL) {
            fprintf(stderr, "specgen: %s: not well-formed XML\n", argv[i]);
            return 1;
        }
        vc = xmlSchemaNewValidCtxt(schema);
        rc = xmlSchemaValidateDoc(vc, doc);
        xmlSchemaFreeValidCtxt(vc);
        if (rc != 0) {
            fprintf(stderr, "specgen: %s: not valid against %s\n", argv[i], xsd);
            return 1;
        }
        specs[nspecs] = x12i_spec_from_doc(&a, doc, err, sizeof err, &st);
        if (specs[nspecs] == NULL) {
            fprintf(stderr, "%s:%s\n", argv[i], err);
            return 1;
        }
        nspecs++;
        xmlFreeDoc(doc);
    }
    xmlSchemaFree(schema);

    out = fopen(outpath, "w");
    if (out == NULL) {
        perror(outpath);
        return 1;
    }
    fputs("/* Generated by tools/specgen from specs/GUIDE.xml: do not edit. */\n"
          "#include \"spec_internal.h\"\n",
          out);
    for (i = 0; i < nspecs; i++)
        emit_spec((size_t)i, specs[i]);
    fputs("\nconst struct x12_spec *const x12i_builtin_specs[] = {", out);
    for (i = 0; i < nspecs; i++)
        fprintf(out, "%s&g%d", i ? ", " : "", i);
    fprintf(out, "};\nconst size_t x12i_builtin_count = %d;\n", nspecs);
    xsd_text = slurp_file(xsd);
    fputs("\nconst char x12i_spec_xsd[] =\n    ", out);
    first = 1;
    {
        /* One C string literal per line keeps the file readable. */
        char *line = xsd_text, *nl;
        while (*line) {
            nl = strchr(line, '\n');
            if (nl != NULL)
                *nl = '\0';
            if (!first)
                fputs("\n    ", out);
            first = 0;
            {
                size_t len = strlen(line);
                char *tmp = malloc(len + 2);
                memcpy(tmp, line, len);
                tmp[len] = '\n';
                tmp[len + 1] = '\0';
                cstr(tmp);
                free(tmp);
            }
            if (nl == NULL)
                break;
            line = nl + 1;
        }
    }
    fputs(";\n", out);
    free(xsd_text);
    for (i = 0; i < nspecs; i++)
        x12i_spec_destroy(specs[i]);
    free(specs);
    if (fclose(out) != 0) {
        perror(outpath);
        return 1;
    }
    return 0;
}
