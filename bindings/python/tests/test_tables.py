"""835 tables as pandas DataFrames (libx12.remit_tables, iter_remit_tables)
and the dataclass readers that now go through the same column batches.

The expected values come from `x12 remit --json` (the tool reads the
remittance stream itself, not the tables) on the fixtures, the bundled
example and every corpus 835: each frame is checked row by row against it,
with its dtypes (money int64 cents, never float; dates Int32 or text).
Generated ERAs (bench/x12gen835 in the build tree) check the batches."""

import dataclasses
import datetime
import gc
import gzip
import json
import io
import os
import subprocess
import sys
import tempfile
import unittest
import weakref

import libx12
from util import BUILDDIR, EXAMPLE_DATA, TestCase, cli, cli_json, corpus_files, data, need_cli, read

try:
    import numpy as np
    import pandas as pd
except ImportError:  # the tests that need them say SKIP
    np = pd = None

FIXTURES = ["remit-denials.x12", "remit-malformed.x12", "remit-multi.x12",
            "remit-reversal.x12", "remit-unbalanced.x12", "validate-835-clean.x12"]


def files():
    return ([data(n) for n in FIXTURES] + [os.path.join(EXAMPLE_DATA, "remittance.835")] +
            corpus_files("835"))


def need_pandas(test):
    if pd is None:
        test.skipTest("numpy and pandas are not installed")


def generated(size, seed=1, per_set=500):
    """The bytes of an ERA from bench/x12gen835 (None when not built)."""
    gen = os.path.join(BUILDDIR, "bench", "x12gen835") if BUILDDIR else ""
    if not (gen and os.access(gen, os.X_OK)):
        return None
    with tempfile.NamedTemporaryFile(suffix=".835", delete=False) as f:
        path = f.name
    try:
        subprocess.run([gen, "--size", size, "--seed", str(seed), "--claims-per-set",
                        str(per_set), "-o", path], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return read(path)
    finally:
        os.unlink(path)


def plain(frame):
    """A frame as object columns with None for missing values (categories
    as their strings, numbers as Python ints), for comparing values."""
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


def rows(frame, cols):
    """The frame's values as a list of tuples (None for missing)."""
    f = plain(frame)
    return [tuple(v.item() if hasattr(v, "item") else v for v in r)
            for r in f[list(cols)].itertuples(index=False, name=None)]


class Dates:
    """Dates as the tables hold them: CCYYMMDD as a number when it is a
    calendar date (some corpus files have BPR16s that are not), else NULL;
    counts those written but not dates (each has a "date" diagnostic)."""

    def __init__(self):
        self.bad = 0

    def __call__(self, s):
        if not s:
            return None
        try:
            datetime.datetime.strptime(s, "%Y%m%d")
            if len(s) == 8:
                return int(s)
        except ValueError:
            pass
        self.bad += 1
        return None


def jdiag(j, pay, claim):
    return (pay, claim, j["rule"], j["severity"], j["segment_number"], j["segment"], j["loop"],
            j["element"], j["offset"], j["message"])


class Compact(dict):
    """A JSON object of `x12 remit --json`, whose keys with no value are
    left out (x12(1)): a missing key reads as what its absence means."""

    LISTS = {"balance_warnings", "errors", "adjustments", "remarks", "services", "claims",
             "provider_adjustments", "modifiers", "reasons", "names", "dates", "refs"}
    NULLS = {"patient", "insured", "payer", "payee", "original", "reversal_of",
             "allowed_cents"}

    def __missing__(self, key):
        if key in self.LISTS:
            return []
        if key in self.NULLS:
            return None
        if key in ("balanced", "forwarded"):
            return False
        if key == "denial":
            return Compact(reasons=[])
        if key == "patient_share":
            return Compact()
        if key.endswith("_cents"):
            return 0
        if key == "units":
            return "1"
        return ""


class TablesTests(TestCase):
    def setUp(self):
        need_pandas(self)

    # ---- every value, against the JSON of the tool ------------------------------

    def compare_with_tool(self, path):
        # The tool's JSON is compact (keys without a value are left out,
        # descriptions only with --describe): Compact gives each missing
        # key the value it stands for.
        rc, out = cli("remit", "--json", "--describe", path)
        doc = json.loads(out.decode("utf-8"), object_hook=Compact)
        t = libx12.remit_tables(path)
        date = Dates()
        pays, claims, lines, adjs, rems, plbs, diags = [], [], [], [], [], [], []
        claim_index = 0
        for jp in doc["payments"]:
            pi = jp["index"]
            first = claim_index
            payer, payee = jp["payer"], jp["payee"]
            t_ = jp["totals"]
            pays.append((pi, jp["control_number"], jp["amount_cents"], jp["method"],
                         date(jp["payment_date"]), jp["trace_number"],
                         payer["name"] if payer else None, payee["id"] if payee else None,
                         t_["claims"], t_["lines"], t_["charge_cents"], t_["paid_cents"],
                         t_["provider_adjustment_cents"], jp["balanced"],
                         len(jp["balance_warnings"]), len(jp["errors"]), jp["segment_number"]))
            for b in jp["provider_adjustments"]:
                plbs.append((pi, b["provider"], date(b["fiscal_period_date"]), b["reason"],
                             b["reason_text"], b["reference"], b["amount_cents"]))
            for j in jp["balance_warnings"] + jp["errors"]:
                diags.append(jdiag(j, pi, None))
            for jc in jp["claims"]:
                ci = claim_index
                claim_index += 1
                pat, ins = jc["patient"], jc["insured"]
                sh = jc["patient_share"]
                claims.append((
                    pi, ci, jc["index"], jc["patient_control_number"], jc["status"],
                    jc["status_text"], jc["outcome"], jc["forwarded"], jc["charge_cents"],
                    jc["paid_cents"], jc["patient_responsibility_cents"],
                    jc["payer_claim_control_number"], jc["filing_indicator"], jc["drg"],
                    date(jc["statement_from"]), date(jc["received"]),
                    pat["name"] if pat else None, pat["first_name"] if pat else None,
                    pat["id"] if pat else None, ins["name"] if ins else None,
                    sh["deductible_cents"], sh["copay_cents"], sh["total_cents"],
                    None if jc["reversal_of"] is None else first + jc["reversal_of"],
                    jc["balanced"], len(jc["balance_warnings"]), len(jc["errors"]),
                    jc["segment_number"]))
                denial = [(r["line"], r["group"], r["reason"], r["amount_cents"])
                          for r in jc["denial"]["reasons"]]
                for a in jc["adjustments"]:
                    adjs.append((pi, ci, 0, "claim", a["group"], a["reason"], a["reason_text"],
                                 a["amount_cents"], a["quantity"],
                                 (0, a["group"], a["reason"], a["amount_cents"]) in denial))
                for r in jc["remarks"]:
                    rems.append((pi, ci, 0, r["source"], r["qualifier"], r["code"], r["text"]))
                for j in jc["balance_warnings"] + jc["errors"]:
                    diags.append(jdiag(j, pi, ci))
                for s in jc["services"]:
                    m = s["modifiers"] + [""] * (4 - len(s["modifiers"]))
                    o = s["original"]
                    lines.append((pi, ci, s["line"], s["qualifier"], s["procedure"], *m,
                                  s["revenue_code"], s["charge_cents"], s["paid_cents"],
                                  s["allowed_cents"], s["units"],
                                  o["procedure"] if o else None, date(s["service_date"]),
                                  s["line_item_control_number"], s["outcome"], s["balanced"],
                                  s["patient_share"]["total_cents"]))
                    for a in s["adjustments"]:
                        adjs.append((pi, ci, s["line"], "line", a["group"], a["reason"],
                                     a["reason_text"], a["amount_cents"], a["quantity"],
                                     (s["line"], a["group"], a["reason"], a["amount_cents"])
                                     in denial))
                    for r in s["remarks"]:
                        rems.append((pi, ci, s["line"], r["source"], r["qualifier"], r["code"],
                                     r["text"]))
        self.assertEqual(rows(t.payments, (
            "payment_index", "control_number", "amount_cents", "method", "payment_date",
            "trace_number", "payer_name", "payee_id", "totals_claims", "totals_lines",
            "totals_charge_cents", "totals_paid_cents", "totals_provider_adjustment_cents",
            "balanced", "balance_warning_count", "error_count", "segment_number")), pays)
        self.assertEqual(rows(t.claims, (
            "payment_index", "claim_index", "index_in_payment", "patient_control_number",
            "status", "status_text", "outcome", "forwarded", "charge_cents", "paid_cents",
            "patient_responsibility_cents", "payer_claim_control_number", "filing_indicator",
            "drg", "statement_from", "received", "patient_name", "patient_first_name",
            "patient_id", "insured_name", "patient_share_deductible_cents",
            "patient_share_copay_cents", "patient_share_total_cents", "reversal_of",
            "balanced", "balance_warning_count", "error_count", "segment_number")), claims)
        self.assertEqual(rows(t.lines, (
            "payment_index", "claim_index", "line", "qualifier", "procedure", "modifiers_1",
            "modifiers_2", "modifiers_3", "modifiers_4", "revenue_code", "charge_cents",
            "paid_cents", "allowed_cents", "units", "original_procedure", "service_date",
            "line_item_control_number", "outcome", "balanced",
            "patient_share_total_cents")), lines)
        # a denial reason is matched by its values: the JSON has no flag
        self.assertEqual(rows(t.adjustments, (
            "payment_index", "claim_index", "line", "level", "group", "reason", "reason_text",
            "amount_cents", "quantity", "denial_reason")), adjs)
        self.assertEqual(rows(t.remarks, ("payment_index", "claim_index", "line", "source",
                                          "qualifier", "code", "text")), rems)
        self.assertEqual(rows(t.provider_adjustments, (
            "payment_index", "provider", "fiscal_period_date", "reason", "reason_text",
            "reference", "amount_cents")), plbs)
        got = rows(t.diagnostics, (
            "payment_index", "claim_index", "rule", "severity", "segment_number", "segment",
            "loop", "element", "offset", "message"))
        # The claims' and payments' issues are the JSON's; the tables add one
        # "date" error for each date that is not one (NULL in its column).
        self.assertEqual(sorted((r for r in got if r[0] is not None and r[2] != "date"),
                                key=repr), sorted(diags, key=repr))
        # (the JSON has the dates the tables read; production and coverage
        # dates are not compared above, so count those too)
        for jp in doc["payments"]:
            date(jp["production_date"])
            for jc in jp["claims"]:
                date(jc["statement_to"])
                date(jc["coverage_expiration"])
                for sv in jc["services"]:
                    date(sv["service_from"])
                    date(sv["service_to"])
        self.assertEqual(sum(1 for r in got if r[2] == "date"), date.bad)
        return t

    def test_same_as_the_tool(self):
        need_cli(self)
        for path in files():
            with self.subTest(file=os.path.basename(path)):
                self.compare_with_tool(path)

    # ---- dtypes -----------------------------------------------------------------------

    def test_dtypes(self):
        t = libx12.remit_tables(data("remit-denials.x12"))
        for name, f in t:
            for col in f.columns:
                dt = str(f[col].dtype)
                with self.subTest(table=name, column=col):
                    self.assertNotIn("float", dt)
                    if col.endswith("_cents"):
                        self.assertIn(dt, ("int64", "Int64"))
                    if col in ("payment_index", "claim_index", "segment_number"):
                        self.assertIn(dt, ("int64", "Int64"))
        self.assertEqual(str(t.claims["paid_cents"].dtype), "int64")
        self.assertEqual(str(t.lines["allowed_cents"].dtype), "Int64")
        self.assertEqual(str(t.claims["statement_from"].dtype), "Int32")
        self.assertEqual(str(t.lines["service_date"].dtype), "Int32")
        self.assertEqual(str(t.lines["line"].dtype), "int32")
        self.assertEqual(str(t.claims["balanced"].dtype), "bool")
        self.assertEqual(str(t.claims["outcome"].dtype), "category")
        self.assertEqual(t.claims["patient_control_number"].dtype, object)
        self.assertEqual(str(t.claims["reversal_of"].dtype), "Int64")
        # Money is exact: pandas sums int64 cents as int64.
        total = t.claims["paid_cents"].sum()
        self.assertIsInstance(total.item(), int)
        self.assertEqual(total, sum(c.paid_cents for c in libx12.parse_835(
            data("remit-denials.x12")).claims))
        # text dates and object strings on request
        t2 = libx12.remit_tables(data("remit-denials.x12"), dates_as_text=True,
                                 categorical=False)
        self.assertEqual(t2.lines["service_date"].dtype, object)
        self.assertEqual(t2.claims["outcome"].dtype, object)
        self.assertEqual(list(t2.lines["service_date"]),
                         ["%08d" % d if d is not pd.NA else "" for d in t.lines["service_date"]])

    def test_nulls(self):
        t = libx12.remit_tables(os.path.join(EXAMPLE_DATA, "remittance.835"))
        c = t.claims
        # an insured named only on the claim with NM1*IL; NULL (not "") on
        # the others
        self.assertEqual(list(c["insured_name"].isna()), [True, False, True])
        self.assertTrue(c["patient_name"].notna().all())
        self.assertTrue(c["reversal_of"].isna().all())
        self.assertTrue(t.adjustments["quantity_milli"].isna().all())

    # ---- batches --------------------------------------------------------------------

    def test_batches_concatenated_equal_whole(self):
        # Batches of one claim on the fixtures (payments ending inside and
        # across batches); of two on the rest; larger ones on a generated ERA.
        sources = [(os.path.basename(p), read(p), (1, 50000) if p in files()[:6] else (2,))
                   for p in files()]
        gen = generated("150K", 3, 40)
        if gen is not None:
            sources.append(("generated", gen, (37, 1000)))
        for name, raw, sizes in sources:
            whole = libx12.remit_tables(raw)
            for claims in sizes:
                with self.subTest(file=name, claims=claims):
                    batches = list(libx12.iter_remit_tables(raw, claims=claims))
                    self.assertTrue(all(len(b.claims) <= claims for b in batches))
                    first = 0
                    for b in batches:
                        self.assertEqual(b.first_claim, first)
                        first += len(b.claims)
                        if len(b.claims):
                            self.assertEqual(list(b.claims["claim_index"]),
                                             list(range(b.first_claim, first)))
                    for tname, frame in whole:
                        parts = [getattr(b, tname) for b in batches]
                        joined = pd.concat(parts, ignore_index=True) if parts else frame
                        pd.testing.assert_frame_equal(
                            plain(joined), plain(frame), check_dtype=False,
                            obj="%s %s" % (name, tname))

    def test_open_payment(self):
        raw = read(data("remit-multi.x12"))
        seen = 0
        for b in libx12.iter_remit_tables(raw, claims=1):
            if len(b.claims) and b.open_payment_index is not None:
                self.assertEqual(b.claims["payment_index"].iloc[-1], b.open_payment_index)
                self.assertNotIn(b.open_payment_index, list(b.payments["payment_index"]))
                seen += 1
        self.assertGreater(seen, 0)

    def test_inputs(self):
        path = data("remit-multi.x12")
        raw = read(path)
        want = plain(libx12.remit_tables(path).lines)
        with tempfile.NamedTemporaryFile(suffix=".835.gz", delete=False) as f:
            f.write(gzip.compress(raw))
            gz = f.name
        try:
            for what, src in (("bytes", raw), ("gzip bytes", gzip.compress(raw)),
                              ("gzip path", gz), ("file object", io.BytesIO(raw)),
                              ("gzip file object", io.BytesIO(gzip.compress(raw)))):
                with self.subTest(input=what):
                    pd.testing.assert_frame_equal(plain(libx12.remit_tables(src).lines), want)
            with open(gz, "rb") as fh:
                got = pd.concat([plain(b.lines) for b in
                                 libx12.iter_remit_tables(fh, claims=2)], ignore_index=True)
            pd.testing.assert_frame_equal(got, want)
        finally:
            os.unlink(gz)
        with self.assertRaises(TypeError):
            libx12.remit_tables(12)

    def test_dates_not_dates(self):
        era = read(data("remit-multi.x12")).replace(b"DTM*472*", b"DTM*472*2024133", 1)
        t = libx12.remit_tables(era)
        self.assertTrue(t.lines["service_date"].isna().any())
        d = t.diagnostics[t.diagnostics["rule"] == "date"]
        self.assertEqual(len(d), 1)
        self.assertEqual(d["segment"].iloc[0], "DTM")
        self.assertEqual(d["element"].iloc[0], 2)
        self.assertNotIn("2024133", d["message"].iloc[0])
        # the dataclass readers keep the text as written
        self.assertTrue(any(s.service_date.startswith("2024133")
                            for c in libx12.parse_835(era).claims for s in c.services))

    def test_fatal_errors(self):
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.remit_tables(b"not an 835 at all")
        self.assertEqual((cm.exception.status_name, cm.exception.rule), ("X12_ESYNTAX", "no-isa"))
        # the claims read before a fatal error come first, then the error
        raw = read(data("remit-multi.x12")) + b"ISA*00*          *00*   "
        got = []
        with self.assertRaises(libx12.X12Error) as cm:
            for b in libx12.iter_remit_tables(raw, claims=1000):
                got.append(len(b.claims))
        self.assertEqual(sum(got), len(libx12.parse_835(data("remit-multi.x12")).claims))
        self.assertEqual(cm.exception.segment_id, "ISA")
        with self.assertRaises(ValueError):
            list(libx12.iter_remit_tables(data("remit-multi.x12"), claims=0))

    def test_generated_totals(self):
        raw = generated("400K", 9, 200)
        if raw is None:
            self.skipTest("bench/x12gen835 not built")
        t = libx12.remit_tables(raw)
        paid = t.claims.groupby("payment_index")["paid_cents"].sum()
        plb = t.provider_adjustments.groupby("payment_index")["amount_cents"].sum()
        p = t.payments.set_index("payment_index")
        # the generator balances every payment: BPR02 = sum CLP04 - sum PLB
        self.assertTrue(((paid - plb.reindex(paid.index, fill_value=0)) ==
                         p["amount_cents"].reindex(paid.index)).all())
        self.assertTrue(t.claims["balanced"].all())
        self.assertEqual(len(t.diagnostics), 0)
        stream = list(libx12.stream_claims(raw))
        self.assertEqual(len(stream), len(t.claims))
        self.assertEqual(sum(len(c.services) for c in stream), len(t.lines))
        self.assertEqual(sum(c.paid_cents for c in stream), int(t.claims["paid_cents"].sum()))

    def test_in_threads(self):
        # Regression: x12_reader_offset was called without its prototype,
        # so ctypes passed the reader as a 32-bit int: a handle allocated
        # above 4 GiB (as in any thread's malloc arena) crashed the process.
        need_pandas(self)
        raw = generated("300K", 4, 100)
        if raw is None:
            self.skipTest("bench/x12gen835 not built")
        code = """if 1:
            import sys, threading, libx12
            raw = open(sys.argv[1], "rb").read()
            want = libx12.remit_tables(raw).claims["paid_cents"].sum()
            got = []
            ts = [threading.Thread(target=lambda: got.append(
                libx12.remit_tables(raw).claims["paid_cents"].sum())) for _ in range(3)]
            [t.start() for t in ts]
            [t.join() for t in ts]
            assert got == [want] * 3, (got, want)
            print("ok", want)
            """
        with tempfile.NamedTemporaryFile(suffix=".835") as f:
            f.write(raw)
            f.flush()
            r = subprocess.run([sys.executable, "-c", code, f.name], capture_output=True,
                               text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        self.assertTrue(r.stdout.startswith("ok "), r.stdout)


CLAIM_FIXTURES = ["claim837-inpatient-stay.837", "claim837-multi-line-modifiers.837",
                  "claim837-office-visit.837", "claim837-patient-not-subscriber.837",
                  "claim837-secondary-claim.837", "claims-broken.837"]


class ClaimTablesTests(TestCase):
    """837 tables (claim_tables, iter_claim_tables) against read_837, which
    reads the claim stream itself into dicts."""

    def _files(self):
        return [data(n) for n in CLAIM_FIXTURES] + corpus_files("837p") + corpus_files("837i")

    def test_same_as_read_837(self):
        need_pandas(self)
        for f in self._files():
            with self.subTest(f=os.path.basename(f)):
                try:
                    # one dict per claim (read_837 yields one encounter per claim),
                    # under its subscriber or the subscriber's patient
                    sent = [c for e in libx12.read_837(f) for p in e["providers"]
                            for s in p["subscribers"]
                            for c in s.get("claims", []) +
                            [c for pt in s.get("patients", []) for c in pt["claims"]]]
                except libx12.X12Error:
                    with self.assertRaises(libx12.X12Error):
                        libx12.claim_tables(f)
                    continue
                t = libx12.claim_tables(f)
                self.assertEqual(len(t.claims), len(sent))
                self.assertEqual(t.claims["patient_control_number"].tolist(),
                                 [c["pcn"] for c in sent])
                self.assertEqual([None if pd.isna(v) else int(v)
                                  for v in t.claims["total_charge_cents"]],
                                 [c.get("total_charge") for c in sent])
                lines = [(i, n + 1, ln.get("procedure", ""), ln.get("charge"))
                         for i, c in zip(t.claims["claim_index"], sent)
                         for n, ln in enumerate(c.get("lines", []))]
                got = list(zip(t.lines["claim_index"], t.lines["line"],
                               t.lines["procedure"].astype(object),
                               [None if pd.isna(v) else int(v) for v in t.lines["charge_cents"]]))
                self.assertEqual(got, lines)
                dx = [(i, d["code"], d["kind"]) for i, c in zip(t.claims["claim_index"], sent)
                      for d in c.get("diagnoses", [])]
                self.assertEqual(list(zip(t.diagnoses["claim_index"],
                                          t.diagnoses["code"].astype(object),
                                          t.diagnoses["kind"].astype(object))), dx)
                ops = [(i, o.get("paid")) for i, c in zip(t.claims["claim_index"], sent)
                       for o in c.get("other_payers", [])]
                self.assertEqual([(i, None if pd.isna(v) else int(v)) for i, v in
                                  zip(t.other_payers["claim_index"],
                                      t.other_payers["paid_cents"])], ops)
                for name, df in t:
                    for col in df.columns:
                        if col.endswith("_cents"):
                            self.assertIn(str(df[col].dtype), ("int64", "Int64"), (name, col))

    def test_batches_concatenated_equal_whole(self):
        need_pandas(self)
        for f in [data(n) for n in CLAIM_FIXTURES]:
            whole = libx12.claim_tables(f)
            batches = list(libx12.iter_claim_tables(f, claims=1))
            self.assertGreaterEqual(len(batches), len(whole.claims))
            for name, df in whole:
                got = pd.concat([b[name] for b in batches], ignore_index=True)
                self.assertEqual(len(got), len(df), (f, name))
                for col in df.columns:
                    self.assertEqual(got[col].astype(object).where(got[col].notna(), None).tolist(),
                                     df[col].astype(object).where(df[col].notna(), None).tolist(),
                                     (f, name, col))


class DataclassTests(TestCase):
    """parse_835 and stream_claims, now built from the batches."""

    def test_asdict_everywhere(self):
        for path in files():
            with self.subTest(file=os.path.basename(path)):
                rem = libx12.parse_835(path)
                d = dataclasses.asdict(rem)
                self.assertEqual(len(d["payments"]), len(rem.payments))
                for p in rem.payments:
                    dataclasses.asdict(p)
                    for c in p.claims:
                        self.assertNotIn("payment", dataclasses.asdict(c))
                        self.assertIs(c.payment, p)
                        self.assertEqual(c.payment_index, p.index)
                for c in libx12.stream_claims(path):
                    dataclasses.asdict(c)
                    self.assertEqual(c.payment.index, c.payment_index)

    def test_no_reference_cycle(self):
        rem = libx12.parse_835(data("remit-multi.x12"))
        self.assertTrue(rem.claims)
        gone = weakref.ref(rem.payments[0])
        was = gc.isenabled()
        gc.disable()
        try:
            del rem
            # freed by reference counting alone: nothing cycles back
            self.assertIsNone(gone())
        finally:
            if was:
                gc.enable()

    def test_pickle_and_copy(self):
        """Trees and claims pickle and copy (multiprocessing, Dask): a
        restored tree links its claims to their payments again."""
        import copy
        import pickle
        rem = libx12.parse_835(data("remit-multi.x12"))
        for back in (pickle.loads(pickle.dumps(rem)), copy.deepcopy(rem)):
            self.assertEqual(back, rem)
            self.assertEqual(dataclasses.asdict(back), dataclasses.asdict(rem))
            for p in back.payments:
                for c in p.claims:
                    self.assertIs(c.payment, p)
        claims = list(libx12.stream_claims(data("remit-multi.x12")))
        back = pickle.loads(pickle.dumps(claims))
        self.assertEqual(back, claims)
        self.assertEqual([c.payment_index for c in back], [c.payment.index for c in claims])

    def test_stream_problems_since_previous_claim(self):
        path = data("remit-malformed.x12")
        rem = libx12.parse_835(path)
        s = libx12.RemitStream(path)
        seen = []
        for _ in s:
            seen.extend(s.problems)
        seen.extend(s.problems)  # after the last claim
        self.assertEqual(seen, rem.problems)

    def test_stream_reads_in_batches(self):
        raw = generated("900K", 4, 300)
        if raw is None:
            self.skipTest("bench/x12gen835 not built")
        tree = libx12.parse_835(raw)
        self.assertEqual(list(libx12.stream_claims(raw)), tree.claims)
        self.assertGreater(len(tree.claims), 2000)  # more than one batch
        for c in libx12.stream_claims(raw):
            p = c.payment
        # the last payment's totals were filled in when it ended
        self.assertEqual(p.paid_total_cents, tree.payments[-1].paid_total_cents)


class WithoutPandasTests(TestCase):
    def test_package_imports_without_numpy_and_pandas(self):
        code = (
            "import sys\n"
            "sys.modules['numpy'] = None\n"
            "sys.modules['pandas'] = None\n"
            "import libx12\n"
            "rem = libx12.parse_835(%r)\n"
            "assert rem.claims\n"
            "try:\n"
            "    libx12.remit_tables(%r)\n"
            "except ImportError as e:\n"
            "    assert 'numpy and pandas' in str(e), e\n"
            "    print('ok')\n" % (data("remit-multi.x12"), data("remit-multi.x12")))
        p = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, check=False)
        self.assertEqual((p.returncode, p.stdout.strip()), (0, b"ok"), p.stderr.decode())


if __name__ == "__main__":
    unittest.main()
