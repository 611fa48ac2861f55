"""Validation and acknowledgments: the same issues and the same 999/TA1
bytes as the x12 tool, on the fixtures and on every corpus file."""

import gzip
import os

import libx12
from util import TestCase, cli, cli_json, corpus_files, data, need_cli, need_corpus, read

CLEAN = ("validate-837p-clean.x12", "validate-837i-clean.x12", "validate-835-clean.x12")


def issue_key(p):
    return (p.segment_number, p.segment_id, p.loop_id, p.element, p.component, p.offset,
            p.level, p.code, p.element_ref, p.severity, p.message)


def json_key(j):
    return (j["segment_number"], j["segment"], j["loop"], j["element"], j["component"],
            j["offset"], j["level"], j["code"], j["element_ref"], j["severity"], j["message"])


def json_rule(j):
    return j["rule"]


class ValidateTests(TestCase):
    def test_clean_fixtures(self):
        for name in CLEAN:
            with self.subTest(file=name):
                self.assertEqual(libx12.validate(data(name)), [])

    def test_bad_se_count(self):
        probs = libx12.validate(data("cli-bad-se.x12"))
        self.assertEqual(len(probs), 1)
        p = probs[0]
        self.assertEqual((p.level, p.code, p.segment_number, p.segment_id, p.element),
                         ("set", "4", 52, "SE", 1))
        self.assertTrue(p.is_error)
        self.assertEqual(str(p), "52:SE-01: 4: " + p.message)
        # bytes and gzip give the same
        raw = read(data("cli-bad-se.x12"))
        self.assertEqual(libx12.validate(raw), probs)
        self.assertEqual(libx12.validate(gzip.compress(raw)), probs)

    def test_not_x12_is_a_problem_missing_file_an_error(self):
        probs = libx12.validate(b"hello")
        self.assertEqual([(p.level, p.rule, p.severity) for p in probs],
                         [("reader", "no-isa", "fatal")])
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.validate(data("no-such-file.x12"))
        self.assertEqual(cm.exception.status_name, "X12_EIO")

    def test_issues_match_the_tool(self):
        need_cli(self)
        files = [data(n) for n in CLEAN + ("cli-bad-se.x12", "cli-small.x12")]
        files += corpus_files()
        for path in files:
            with self.subTest(file=os.path.basename(path)):
                for strict in (False, True):
                    probs = libx12.validate(path, strict=strict)
                    # reader problems are in the tool's JSON too (and on stderr)
                    mine = [issue_key(p) for p in probs]
                    args = ["validate", "--json"] + (["--strict"] if strict else []) + [path]
                    rc, doc = cli_json(*args)
                    issues = doc["files"][0]["issues"]
                    theirs = [json_key(j) for j in issues]
                    self.assertEqual(mine, theirs)
                    self.assertEqual([p.rule for p in probs], [json_rule(j) for j in issues])
                    # every problem counted is listed
                    self.assertEqual(doc["files"][0]["errors"],
                                     sum(1 for j in issues if j["severity"] != "warning"))
                    self.assertEqual(rc, 1 if any(p.is_error for p in probs) else 0)

    def test_999_and_ta1_match_the_tool(self):
        need_cli(self)
        files = [data(n) for n in CLEAN + ("cli-bad-se.x12",)] + corpus_files()
        for path in files:
            with self.subTest(file=os.path.basename(path)):
                rc, want = cli("ack", "--date", "20250102", "--time", "0304", path)
                got = libx12.write_999(path, date="20250102", time="0304")
                self.assertEqual(got, want)
                rc, want = cli("ack", "--ta1", "--date", "20250102", "--time", "0304", path)
                got = libx12.write_ta1(read(path), date="20250102", time="0304")
                self.assertEqual(got, want)

    def test_errata_option(self):
        # GS08 and ST03 naming 005010X222A2, an errata release HIPAA did not
        # adopt: validated against 005010X222A1, accepted by default, one
        # IK5 I6 error per set with errata="reject"; the 999 follows.
        raw = read(data("cli-small.x12")).replace(b"005010X222A1", b"005010X222A2")
        self.assertEqual(libx12.validate(raw), [])
        self.assertEqual(libx12.validate(raw, errata="accept"), [])
        probs = libx12.validate(raw, errata="reject")
        self.assertEqual([(p.level, p.code, p.segment_id, p.is_error) for p in probs],
                         [("set", "I6", "ST", True)] * 2)
        self.assertIn("005010X222A2 is an errata release HIPAA did not adopt", probs[0].message)
        ack = libx12.write_999(raw, date="20250102", time="0304", errata="reject")
        self.assertEqual((ack.sets, ack.accepted), (2, 0))
        self.assertIn(b"IK5*R*I6~", ack)
        ack = libx12.write_999(raw, date="20250102", time="0304")
        self.assertEqual((ack.sets, ack.accepted), (2, 2))
        with self.assertRaises(ValueError):
            libx12.validate(raw, errata="maybe")

    def test_999_content_and_itself_valid(self):
        ack = libx12.write_999(data("cli-bad-se.x12"), date="20250102", time="0304")
        self.assertEqual((ack.sets, ack.accepted), (2, 1))
        segs = list(libx12.iter_segments(ack))
        ik5 = [s.elements for s in segs if s.id == "IK5"]
        self.assertEqual(ik5, [("A",), ("R", "4")])
        ak9 = next(s for s in segs if s.id == "AK9")
        self.assertEqual(ak9.elements, ("P", "2", "2", "1"))
        isa = segs[0]
        self.assertEqual((isa[9], isa[10]), ("250102", "0304"))
        # the 999 validates clean against the built-in 999 guide
        self.assertEqual(libx12.validate(ack), [])
        clean = libx12.write_999(data("validate-837p-clean.x12"), line_break="")
        self.assertEqual((clean.sets, clean.accepted), (1, 1))
        self.assertNotIn(b"\n", clean)
        self.assertIn(b"IK5*A~", clean)

    def test_ta1_content(self):
        ta1 = libx12.write_ta1(data("cli-small.x12"), date="20250102", time="0304")
        t = next(s for s in libx12.iter_segments(ta1) if s.id == "TA1")
        src = next(libx12.iter_segments(data("cli-small.x12")))
        self.assertEqual((t[1], t[2], t[3], t[4], t[5]), (src[13], src[9], src[10], "A", "000"))

    def test_ack_arguments(self):
        with self.assertRaises(ValueError):
            libx12.write_999(data("cli-small.x12"), date="20250102")
        with self.assertRaises(ValueError):
            libx12.write_999(data("cli-small.x12"), date="2025-01-02", time="0304")
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.write_999(data("cli-small.x12"), line_break="x")
        self.assertEqual(cm.exception.status_name, "X12_EINVAL")
