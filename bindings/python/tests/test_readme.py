"""The Python example in the top-level README runs as printed, and does
what it says: a clean 837P, an accepting 999, the 835's claims, the
claim reconciled with the ERA that pays it."""

import contextlib
import io
import os
import textwrap

import libx12
from util import TOP, TestCase


def readme_example():
    """The first indented block of the README's "Python" section."""
    with open(os.path.join(TOP, "README"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(i for i in range(len(lines) - 1)
                 if lines[i] == "Python" and lines[i + 1].startswith("---"))
    i = start + 2
    while not lines[i].startswith("    "):
        i += 1
    block = []
    while i < len(lines) and (lines[i].startswith("    ") or lines[i] == ""):
        block.append(lines[i])
        i += 1
    return textwrap.dedent("\n".join(block))


class ReadmeTests(TestCase):
    def test_python_example_runs(self):
        code = readme_example()
        self.assertIn("libx12.build_837(", code)
        ns = {}
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(TOP)
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(code, "README", "exec"), ns)  # noqa: S102 - our own README
        finally:
            os.chdir(cwd)
        self.assertEqual(ns["problems"], [])
        self.assertIsInstance(ns["typed"].claims()[0], libx12.Claim837)
        segs = list(libx12.iter_segments(ns["claim"]))
        self.assertEqual([s.id for s in segs][:3], ["ISA", "GS", "ST"])
        ack = list(libx12.iter_segments(ns["ack"]))
        self.assertEqual([s.elements for s in ack if s.id == "IK5"], [("A",)])
        w = ns["worklist"]
        self.assertEqual(list(w.itertuples(index=False, name=None)),
                         [("PCN-2025-0001", "paid", "bill_patient", 11000, 3000)])
        printed = out.getvalue().splitlines()
        self.assertEqual(len(printed), len(ns["era"].claims))
        for line, c in zip(printed, ns["era"].claims):
            self.assertTrue(line.startswith("%s %s %d " % (c.patient_control_number, c.outcome,
                                                          c.paid_cents)), line)
