"""libx12.dask: folders of 835s and 837s as Dask DataFrames.

The expected frames are those of libx12.remit_tables / claim_tables run
file by file in this process; the Dask frames, computed by a 2-worker
distributed LocalCluster (processes) and by dask's threads, must hold the
same rows after sorting, the same dtypes, and exactly the same sums of
every money column.  The data: files from bench/x12gen835 and bench/x12gen
(several files, one large enough to be cut into several byte ranges, one
gzip), and hand-made hostile 835s (a second interchange with other
delimiters whose data holds "~ST*835*", CR LF after terminators).
Skipped when dask, distributed or pandas cannot be imported, or the
generators are not built."""

import gzip
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import libx12
from util import BUILDDIR, TOP, TestCase, data, read

try:
    import dask
    import dask.dataframe as dd
    import pandas as pd
    import libx12.dask as ldask
except ImportError as e:  # the tests say SKIP
    dask = dd = pd = ldask = None
    _WHY = str(e)

try:
    import distributed
except ImportError:
    distributed = None


def _gen(tool, path, size, seed, per_set):
    exe = os.path.join(BUILDDIR, "bench", tool) if BUILDDIR else ""
    if not (exe and os.access(exe, os.X_OK)):
        raise unittest.SkipTest("bench/%s not built" % tool)
    subprocess.run([exe, "--size", size, "--seed", str(seed), "--claims-per-set",
                    str(per_set), "-o", path], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def _need():
    if ldask is None:
        raise unittest.SkipTest("dask / pandas not importable: %s" % _WHY)


def _plain(df):
    """A frame as comparable values: categoricals as object, NULL as None,
    sorted by every column, index reset."""
    out = pd.DataFrame({c: (df[c].astype(object) if isinstance(df[c].dtype, pd.CategoricalDtype)
                            else df[c]) for c in df.columns})
    out = out.astype(object).where(out.notna(), None)
    return out.sort_values(list(out.columns), key=lambda s: s.map(repr)).reset_index(drop=True)


def _expected(kind, files, names):
    """{table: frame} of remit_tables / claim_tables file by file, with the
    file column first."""
    read = libx12.remit_tables if kind == "835" else libx12.claim_tables
    parts = {n: [] for n in names}
    for f in files:
        t = read(f)
        for n in names:
            df = t[n].copy()
            df.insert(0, "file", pd.Categorical([f] * len(df), categories=[f]))
            parts[n].append(df)
    # (concat makes object of categoricals whose categories differ: the
    # dtypes to expect are one file's)
    return ({n: pd.concat(parts[n], ignore_index=True) for n in names},
            {n: parts[n][0].dtypes for n in names})


def _hostile_835(gen_path):
    """Two interchanges from one generated ERA: the first with CR LF after
    every terminator, the second with other delimiters ('|' elements,
    newline terminators) whose data holds "~ST*835*0001~" (a segment to a
    reader that assumed the first interchange's delimiters)."""
    with open(gen_path, "rb") as f:
        raw = f.read()
    segs = [s.strip(b"\r\n") for s in raw.split(b"~") if s.strip(b"\r\n")]
    first = b"".join(s + b"~\r\n" for s in segs)
    second = []
    planted = False
    for s in segs:
        s = s.replace(b"*", b"|")
        if s.startswith(b"ISA|") or s.startswith(b"IEA|"):
            s = s.replace(b"000000001", b"000000002")
        if not planted and s.startswith(b"NM1|QC|"):
            el = s.split(b"|")
            el[3] = b"X~ST*835*0001~BPR*I*1*C~X"
            s = b"|".join(el)
            planted = True
        second.append(s + b"\n")
    # the ISA's segment terminator is the byte after ISA16
    assert planted
    return first + b"".join(second)


@unittest.skipIf(ldask is None, "dask / pandas not importable")
class RangesTests(TestCase):
    """Byte ranges in one process (no cluster)."""

    @classmethod
    def setUpClass(cls):
        _need()
        cls.tmp = tempfile.mkdtemp(prefix="x12dask")
        g = os.path.join(cls.tmp, "gen.835")
        _gen("x12gen835", g, "150K", 7, 4)
        cls.hostile = os.path.join(cls.tmp, "hostile.835")
        with open(cls.hostile, "wb") as f:
            f.write(_hostile_835(g))
        os.unlink(g)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_ranges_give_the_whole_files_rows(self):
        names = libx12.TABLE_NAMES
        whole = libx12.remit_tables(self.hostile)
        for bs in (1, 3000, 20000):
            parts = ldask.partitions(self.hostile, blocksize=bs)
            self.assertGreater(len(parts), 2, bs)
            got = {n: [] for n in names}
            for path, rg in parts:
                frames = libx12.tables.table_frames(1, path, names, rg)
                for n in names:
                    got[n].append(frames[n])
            for n in names:
                g = pd.concat(got[n], ignore_index=True)
                self.assertEqual(len(g), len(whole[n]), (bs, n))
                pd.testing.assert_frame_equal(_plain(g), _plain(whole[n]), obj="%s %d" % (n, bs))
        self.assertEqual(len(whole.diagnostics[whole.diagnostics.severity != "warning"]), 0,
                         whole.diagnostics.message.tolist()[:5])

    def test_cuts_only_at_real_sets(self):
        raw = read(self.hostile)
        fake = raw.index(b"~ST*835*0001~BPR") + 1
        second = raw.index(b"ISA|")
        parts = ldask.partitions(self.hostile, blocksize=1)
        starts = [rg.offset for _, rg in parts]
        self.assertEqual(starts[0], 0)
        self.assertNotIn(fake, starts)
        for (_, rg), nxt in zip(parts, starts[1:] + [len(raw)]):
            if rg.length != (1 << 64) - 1:
                self.assertEqual(rg.offset + rg.length, nxt)  # the ranges tile the file
            if rg.offset == 0 or rg.offset == second:
                continue
            sep = b"|" if rg.offset > second else b"*"
            self.assertEqual(raw[rg.offset:rg.offset + 7], b"ST" + sep + b"835" + sep,
                             rg.offset)
            # each range carries its interchange's ISA (other delimiters after the second)
            self.assertTrue(rg.isa.startswith(b"ISA" + sep), rg.isa[:4])
        # every set but the first (in the range that starts at the ISA) starts
        # a range at blocksize 1, in both interchanges
        sets = len(re.findall(rb"(?:^|~\r\n|\n)ST[*|]835[*|]", raw))
        self.assertEqual(len([s for s in starts if raw[s:s + 2] == b"ST"]), sets - 1)
        self.assertIn(raw.index(b"\nST|835|") + 1, starts)

    def test_meta_without_data(self):
        t = ldask.read_remits(self.hostile, tables=("claims", "lines"))
        meta = t["claims"]._meta
        self.assertEqual(len(meta), 0)
        self.assertEqual(list(meta.columns)[:3], ["file", "payment_index", "claim_index"])
        self.assertEqual(str(meta["paid_cents"].dtype), "int64")
        self.assertEqual(str(meta["statement_from"].dtype), "Int32")
        whole = libx12.remit_tables(self.hostile)
        self.assertEqual(list(meta.columns)[1:], list(whole.claims.columns))
        got = t["claims"].compute(scheduler="sync")
        for c in whole.claims.columns:
            self.assertEqual(str(got[c].dtype), str(whole.claims[c].dtype), c)
        with self.assertRaises(ValueError):
            ldask.read_remits(self.hostile, tables=("claims", "no_such_table"))
        with self.assertRaises(FileNotFoundError):
            ldask.read_remits(os.path.join(self.tmp, "nothing-*.835"))

    def test_errors_cross_the_wire_with_their_position(self):
        bad = os.path.join(self.tmp, "bad.835")
        with open(bad, "wb") as f:
            f.write(b"ISA*00*  broken")
        t = ldask.read_remits(bad)
        with self.assertRaises(libx12.X12Error) as cm:
            t["claims"].compute(scheduler="sync")
        e = pickle.loads(pickle.dumps(cm.exception))
        self.assertEqual((e.status, e.segment_id, e.offset),
                         (cm.exception.status, "ISA", cm.exception.offset))
        os.unlink(bad)


@unittest.skipIf(ldask is None or distributed is None, "dask / distributed not importable")
class ClusterTests(TestCase):
    """A 2-worker LocalCluster over a generated folder."""

    @classmethod
    def setUpClass(cls):
        _need()
        cls.tmp = tempfile.mkdtemp(prefix="x12dask")
        eras = cls.eras = os.path.join(cls.tmp, "eras")
        os.mkdir(eras)
        big = os.path.join(eras, "big.835")
        _gen("x12gen835", big, "1200K", 11, 20)
        # defects all along the big file, for diagnostics in every range:
        # month 14 in statement dates, a wrong SE01 in every 7th set
        with open(big, "rb") as f:
            raw = f.read().replace(b"DTM*232*202405", b"DTM*232*202414")
        sets = raw.split(b"\nSE*")
        raw = b"\nSE*".join(p if i % 7 != 3 else b"9" + p for i, p in enumerate(sets))
        with open(big, "wb") as f:
            f.write(raw)
        shutil.copy(data("remit-malformed.x12"), eras)
        _gen("x12gen835", os.path.join(eras, "a.835"), "120K", 12, 30)
        _gen("x12gen835", os.path.join(eras, "b.835"), "90K", 13, 30)
        # another payer and month in one file, for the example's groups
        with open(os.path.join(eras, "b.835"), "rb") as f:
            raw = f.read().replace(b"BENCH HEALTH PLAN", b"OTHER MUTUAL")
            raw = raw.replace(b"*20240301~", b"*20240415~")
        with open(os.path.join(eras, "b.835"), "wb") as f:
            f.write(raw)
        _gen("x12gen835", os.path.join(cls.tmp, "z.835"), "80K", 14, 30)
        with open(os.path.join(cls.tmp, "z.835"), "rb") as src, \
                gzip.open(os.path.join(eras, "z.835.gz"), "wb") as dst:
            dst.write(src.read())
        claims = cls.claims = os.path.join(cls.tmp, "claims")
        os.mkdir(claims)
        _gen("x12gen", os.path.join(claims, "big.837"), "600K", 21, 25)
        shutil.copy(data("claim837-inpatient-stay.837"), claims)
        shutil.copy(data("claim837-secondary-claim.837"), claims)
        shutil.copy(data("claims-broken.837"), claims)
        cls.cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
        cls.client = distributed.Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "client", None) is not None:
            cls.client.close()
            cls.cluster.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def _same(self, kind, folder, names, blocksize):
        read = ldask.read_remits if kind == "835" else ldask.read_claims
        t = read(folder, blocksize=blocksize, tables=names)
        files = ldask.list_files(folder)
        self.assertGreater(t[names[0]].npartitions, len(files))  # the big file is cut
        got = dict(zip(names, self.client.compute([t[n] for n in names], sync=True)))
        want, dtypes = _expected(kind, files, names)
        for n in names:
            g, w = got[n], want[n]
            self.assertEqual(list(g.columns), list(w.columns), n)
            for c in w.columns:
                self.assertEqual(str(g[c].dtype), str(dtypes[n][c]), (n, c))
                if c.endswith("_cents"):
                    self.assertEqual(int(g[c].sum()), int(w[c].sum()), (n, c))
            self.assertGreater(len(w), 0, n)
            pd.testing.assert_frame_equal(_plain(g), _plain(w), obj=n)
        return t, got

    def test_remits_on_two_workers(self):
        t, got = self._same("835", self.eras, libx12.TABLE_NAMES, 200_000)
        parts = ldask.partitions(self.eras, blocksize=200_000)
        self.assertEqual(sum(1 for p, r in parts if p.endswith("big.835")),
                         sum(1 for p, r in parts if r is not None))
        self.assertEqual([r for p, r in parts if p.endswith(".gz")], [None])  # gzip: whole
        # both workers did some of the work
        self.assertEqual(len(self.client.scheduler_info()["workers"]), 2)

    def test_claims_on_two_workers(self):
        self._same("837", self.claims, libx12.CLAIM_TABLE_NAMES, 100_000)

    def test_default_scheduler_and_whole_files(self):
        t = ldask.read_remits(self.eras)  # one partition per file
        self.assertEqual(t["claims"].npartitions, len(ldask.list_files(self.eras)))
        with dask.config.set(scheduler="threads"):
            got = t["lines"].compute()
        want = _expected("835", ldask.list_files(self.eras), ("lines",))[0]["lines"]
        self.assertEqual(int(got["paid_cents"].sum()), int(want["paid_cents"].sum()))
        pd.testing.assert_frame_equal(_plain(got), _plain(want))

    def test_example(self):
        sys.path.insert(0, os.path.join(TOP, "examples"))
        try:
            import dask_denials
        finally:
            sys.path.pop(0)
        frames = ldask.read_remits(self.eras, blocksize=300_000,
                                   tables=("payments", "claims", "adjustments"))
        # threads here: the workers cannot import the example module (the
        # program below runs it on a cluster, from __main__)
        with dask.config.set(scheduler="threads"):
            res = dask_denials.denials(frames)
        want = _expected("835", ldask.list_files(self.eras),
                         ("payments", "claims", "adjustments"))[0]
        c = want["claims"].merge(want["payments"][["file", "payment_index", "payer_name",
                                                   "payment_date"]],
                                 on=["file", "payment_index"])
        denied = c[c["outcome"] == "denied"]
        bp = res["by_payer"]
        self.assertEqual(int(bp["claims"].sum()), len(c))
        self.assertEqual(int(bp["denied"].sum()), len(denied))
        self.assertEqual(int(bp["denied_charge_cents"].sum()), int(denied["charge_cents"].sum()))
        names = set(c["payer_name"].astype(object).fillna("(no payer name)"))
        self.assertEqual(len(names), 3)  # the generator's, OTHER MUTUAL, the fixture's
        self.assertEqual({p.split(" (")[0] for p in bp.index}, names)
        months = set(c["payment_date"].fillna(0).astype("int64") // 100)
        self.assertEqual(set(res["by_month"].index), months)
        self.assertTrue({202403, 202404} <= months)
        other = denied[denied["payer_name"] == "OTHER MUTUAL"]
        self.assertEqual(int(res["by_month"].loc[202404, "denied"]), len(other))
        a = want["adjustments"]
        a = a[a["denial_reason"]].merge(denied[["file", "claim_index"]])
        carc = res["by_payer_carc"]
        self.assertEqual(int(carc["carc_cents"].sum()), int(a["amount_cents"].sum()))
        n = a.groupby(["file", "claim_index", "reason"], observed=True).ngroups
        self.assertEqual(int(carc["denied_claims"].sum()), n)
        # and as a program, on a cluster of its own, as the README runs it
        env = dict(os.environ)
        r = subprocess.run([sys.executable, os.path.join(TOP, "examples", "dask_denials.py"),
                            self.eras, "--workers", "2", "--blocksize", "300KB"],
                           capture_output=True, text=True, timeout=180, env=env)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        self.assertIn("OTHER MUTUAL", r.stdout)
        self.assertIn("2024-04", r.stdout)
        rows = r.stdout.split("\n\n")[0].splitlines()[2:]  # after the title and header
        self.assertEqual(len(rows), len(bp), r.stdout)
        total = sum(int(row.split()[-1].replace(",", "").replace(".", "")) for row in rows)
        self.assertEqual(total, int(denied["charge_cents"].sum()))


if __name__ == "__main__":
    unittest.main()
