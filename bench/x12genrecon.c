/*
 * x12genrecon - generates claims and the remittances that answer them, for
 * bench_recon: an 837P of N claims (two lines each, REF*6R on every line),
 * and two 835s dated after it with a mix of outcomes:
 *
 *   claim i % 20   outcome (835 of 2025-03-05 unless said)
 *   0..9           paid: CO-45 and PR-2 coinsurance
 *   10             paid with PR-1 deductible only (nothing paid)
 *   11, 12         denied: CO-16 with MOA MA130 / CO-4
 *   13             partially paid: line 2 CO-50
 *   14             paid, then reversed and corrected (835 of 2025-03-15)
 *   15             paid in two remittances, a line each
 *   16             crossed over (CLP02 19, NM1*TT)
 *   17, 18         no remittance yet
 *   19             paid, and a claim no 837 holds in the same 835
 *
 *     x12genrecon N OUT.837 ERA1.835 ERA2.835
 *
 * Deterministic: the same N gives the same bytes.  Sets of 5,000 claims
 * (837) and 2,000 claims (835).  Not part of the tests.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

typedef struct out {
    FILE *fp;
    unsigned long set_segments;
    unsigned sets;
} out;

/* Writes one or more segments ("A*1~\nB*2": the last terminator is
 * added) and counts them for SE01. */
static void seg(out *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void seg(out *o, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    const char *p;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs(buf, o->fp);
    fputs("~\n", o->fp);
    o->set_segments++;
    for (p = buf; (p = strchr(p, '~')) != NULL; p++)
        o->set_segments++;
}

static FILE *open_out(const char *path)
{
    FILE *fp = fopen(path, "w");

    if (fp == NULL) {
        fprintf(stderr, "x12genrecon: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return fp;
}

/* ---- the 837P ------------------------------------------------------------------------- */

static void st837(out *o, unsigned n)
{
    o->set_segments = 0;
    seg(o, "ST*837*%04u*005010X222A1", n);
    seg(o, "BHT*0019*00*BENCH%04u*20250301*0900*CH", n);
    seg(o, "NM1*41*2*RIVERSIDE FAMILY PRACTICE*****46*SUBMITTER01");
    seg(o, "PER*IC*BILLING OFFICE*TE*5555550100");
    seg(o, "NM1*40*2*EXAMPLE CLEARINGHOUSE*****46*CLEARINGHSE01");
    seg(o, "HL*1**20*1");
    seg(o, "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567893");
    seg(o, "N3*100 MAIN STREET");
    seg(o, "N4*SPRINGFIELD*IL*627011234");
    seg(o, "REF*EI*371234567");
}

static void gen837(const char *path, unsigned long n)
{
    out o = {open_out(path), 0, 0};
    unsigned long i, hl = 0;

    fputs("ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*CLEARINGHSE01  *250301*0900*^*"
          "00501*000000301*0*T*:~\n",
          o.fp);
    fputs("GS*HC*SUBMITTER01*CLEARINGHSE01*20250301*0900*301*X*005010X222A1~\n", o.fp);
    for (i = 0; i < n; i++) {
        if (i % 5000 == 0) {
            if (i > 0) {
                o.set_segments++;
                fprintf(o.fp, "SE*%lu*%04u~\n", o.set_segments, o.sets);
            }
            st837(&o, ++o.sets);
            hl = 1;
        }
        seg(&o, "HL*%lu*1*22*0", ++hl);
        seg(&o, "SBR*P*18*GRP%05lu******CI", i % 997);
        seg(&o, "NM1*IL*1*PATIENT*MEMBER%lu****MI*M%09lu", i, i);
        seg(&o, "N3*%lu ELM AVENUE", i % 900 + 1);
        seg(&o, "N4*SPRINGFIELD*IL*62704");
        seg(&o, "DMG*D8*19%02lu0%lu1%lu*F", 40 + i % 50, 1 + i % 9, i % 10);
        seg(&o, "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*EHP01");
        seg(&o, "CLM*B%08lu*185***11:B:1*Y*A*Y*Y", i);
        seg(&o, "HI*ABK:J0300");
        seg(&o, "LX*1");
        seg(&o, "SV1*HC:99213:25*125*UN*1***1");
        seg(&o, "DTP*472*D8*20250220");
        seg(&o, "REF*6R*B%08luL1", i);
        seg(&o, "LX*2");
        seg(&o, "SV1*HC:87880*60*UN*1***1");
        seg(&o, "DTP*472*D8*20250220");
        seg(&o, "REF*6R*B%08luL2", i);
    }
    o.set_segments++;
    fprintf(o.fp, "SE*%lu*%04u~\nGE*%u*301~\nIEA*1*000000301~\n", o.set_segments, o.sets,
            o.sets);
    fclose(o.fp);
}

/* ---- the 835s --------------------------------------------------------------------------- */

typedef struct era {
    out o;
    const char *date;
    unsigned claims_in_set;
    long long paid_in_set; /* cents */
    long pos;              /* offset of the BPR02 to fill */
} era;

static void st835_open(era *e)
{
    out *o = &e->o;

    o->set_segments = 0;
    seg(o, "ST*835*%04u", ++o->sets);
    /* BPR02 is written when the set is complete: room for it now */
    fputs("BPR*I*", o->fp);
    e->pos = ftell(o->fp);
    fprintf(o->fp, "%-17s*C*ACH*CCP*01*071000013*DA*4410092001*1512345678**01*071000288*DA*"
                   "88120455*%s~\n", "0", e->date);
    o->set_segments++;
    seg(o, "TRN*1*T%s%04u*1512345678", e->date, o->sets);
    seg(o, "DTM*405*%s", e->date);
    seg(o, "N1*PR*EXAMPLE HEALTH PLAN*XV*EHP01");
    seg(o, "N3*PO BOX 5000");
    seg(o, "N4*SPRINGFIELD*IL*627055000");
    seg(o, "PER*BL*PROVIDER EDI SUPPORT*TE*5555550300");
    seg(o, "N1*PE*RIVERSIDE FAMILY PRACTICE*XX*1234567893");
    seg(o, "LX*1");
    e->claims_in_set = 0;
    e->paid_in_set = 0;
}

static void st835_close(era *e)
{
    out *o = &e->o;
    long end;
    long long v = e->paid_in_set < 0 ? -e->paid_in_set : e->paid_in_set;

    o->set_segments++;
    fprintf(o->fp, "SE*%lu*%04u~\n", o->set_segments, o->sets);
    end = ftell(o->fp);
    /* BPR02 into the 17 characters kept for it: a sign and leading zeros
     * keep it a plain decimal */
    fseek(o->fp, e->pos, SEEK_SET);
    fprintf(o->fp, "%c%013lld.%02lld", e->paid_in_set < 0 ? '-' : '0', v / 100, v % 100);
    fseek(o->fp, end, SEEK_SET);
}

static void claim_begin(era *e)
{
    if (e->claims_in_set == 2000) {
        st835_close(e);
        st835_open(e);
    }
    e->claims_in_set++;
}

/* CLP with its two lines: paid and adjustments of each line given. */
static void clp(era *e, unsigned long i, const char *status, long l1paid, const char *l1cas,
                long l2paid, const char *l2cas, long pr, int sign, const char *extra)
{
    out *o = &e->o;
    long charge = 185 * sign, paid = (l1paid + l2paid) * sign;

    claim_begin(e);
    seg(o, "CLP*B%08lu*%s*%ld*%ld*%ld*12*E%08lu*11*1", i, status, charge, paid, pr * sign, i);
    seg(o, "NM1*QC*1*PATIENT*MEMBER%lu****MI*M%09lu", i, i);
    if (extra != NULL)
        seg(o, "%s", extra);
    seg(o, "SVC*HC:99213:25*%ld*%ld**1", 125L * sign, l1paid * sign);
    seg(o, "DTM*472*20250220");
    seg(o, "%s", l1cas);
    seg(o, "REF*6R*B%08luL1", i);
    seg(o, "SVC*HC:87880*%ld*%ld**1", 60L * sign, l2paid * sign);
    seg(o, "DTM*472*20250220");
    seg(o, "%s", l2cas);
    seg(o, "REF*6R*B%08luL2", i);
    e->paid_in_set += paid * 100;
}

static void era_open(era *e, const char *path, const char *date)
{
    e->o.fp = open_out(path);
    e->o.sets = 0;
    e->date = date;
    fprintf(e->o.fp, "ISA*00*          *00*          *ZZ*EHP01          *ZZ*CLEARINGHSE01  *%.6s*"
                     "0700*^*00501*000000305*0*T*:~\nGS*HP*EHP01*CLEARINGHSE01*%s*0700*305*X*"
                     "005010X221A1~\n",
            date + 2, date);
    st835_open(e);
}

static void era_close(era *e)
{
    st835_close(e);
    fprintf(e->o.fp, "GE*%u*305~\nIEA*1*000000305~\n", e->o.sets);
    fclose(e->o.fp);
}

int main(int argc, char **argv)
{
    unsigned long n, i;
    era a, b;
    char *end;

    if (argc != 5) {
        fprintf(stderr, "usage: x12genrecon N OUT.837 ERA1.835 ERA2.835\n");
        return 2;
    }
    errno = 0;
    n = strtoul(argv[1], &end, 10);
    if (errno != 0 || *end != '\0' || n == 0) {
        fprintf(stderr, "x12genrecon: N must be a number of claims\n");
        return 2;
    }
    gen837(argv[2], n);
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    era_open(&a, argv[3], "20250305");
    era_open(&b, argv[4], "20250315");
    for (i = 0; i < n; i++) {
        switch (i % 20) {
        case 10:
            clp(&a, i, "1", 0, "CAS*CO*45*25~\nCAS*PR*1*100", 0, "CAS*CO*45*20~\nCAS*PR*1*40",
                140, 1, NULL);
            break;
        case 11:
            clp(&a, i, "4", 0, "CAS*CO*16*125", 0, "CAS*CO*16*60", 0, 1,
                "MOA***MA130");
            break;
        case 12:
            clp(&a, i, "4", 0, "CAS*CO*4*125", 0, "CAS*CO*4*60", 0, 1, NULL);
            break;
        case 13:
            clp(&a, i, "1", 80, "CAS*CO*45*25~\nCAS*PR*2*20", 0, "CAS*CO*50*60", 20, 1, NULL);
            break;
        case 14:
            clp(&a, i, "1", 70, "CAS*CO*45*55", 30, "CAS*CO*45*30", 0, 1, NULL);
            clp(&b, i, "22", 70, "CAS*CO*45*-55", 30, "CAS*CO*45*-30", 0, -1, NULL);
            clp(&b, i, "1", 80, "CAS*CO*45*25~\nCAS*PR*2*20", 30, "CAS*CO*45*20~\nCAS*PR*2*10",
                30, 1, NULL);
            break;
        case 15:
            /* a line in each remittance */
            claim_begin(&a);
            seg(&a.o, "CLP*B%08lu*1*125*80*20*12*E%08lu*11*1", i, i);
            seg(&a.o, "NM1*QC*1*PATIENT*MEMBER%lu****MI*M%09lu", i, i);
            seg(&a.o, "SVC*HC:99213:25*125*80**1~\nDTM*472*20250220~\nCAS*CO*45*25~\n"
                      "CAS*PR*2*20~\nREF*6R*B%08luL1", i);
            a.paid_in_set += 8000;
            claim_begin(&b);
            seg(&b.o, "CLP*B%08lu*1*60*30*10*12*E%08luB*11*1", i, i);
            seg(&b.o, "NM1*QC*1*PATIENT*MEMBER%lu****MI*M%09lu", i, i);
            seg(&b.o, "SVC*HC:87880*60*30**1~\nDTM*472*20250220~\nCAS*CO*45*20~\n"
                      "CAS*PR*2*10~\nREF*6R*B%08luL2", i);
            b.paid_in_set += 3000;
            break;
        case 16:
            clp(&a, i, "19", 80, "CAS*CO*45*25~\nCAS*PR*2*20", 30, "CAS*CO*45*20~\nCAS*PR*2*10",
                30, 1, "NM1*TT*2*SECOND PAYER*****PI*SEC01");
            break;
        case 17:
        case 18:
            break;
        case 19:
            clp(&a, i, "1", 80, "CAS*CO*45*25~\nCAS*PR*2*20", 30, "CAS*CO*45*20~\nCAS*PR*2*10",
                30, 1, NULL);
            clp(&a, i + 1000000000UL, "1", 80, "CAS*CO*45*25~\nCAS*PR*2*20", 30,
                "CAS*CO*45*20~\nCAS*PR*2*10", 30, 1, NULL);
            break;
        default:
            clp(&a, i, "1", 80, "CAS*CO*45*25~\nCAS*PR*2*20", 30, "CAS*CO*45*20~\nCAS*PR*2*10",
                30, 1, NULL);
            break;
        }
    }
    era_close(&a);
    era_close(&b);
    return 0;
}
