"""Segment iteration: paths, bytes and gzip give the same segments; raw
text and offsets point at the input; errors carry positions."""

import gzip
import os

import libx12
from util import (TestCase, cli, cli_json, corpus_files, corpus_test, data, need_cli,
                  need_corpus, read)


class SegmentTests(TestCase):
    def test_small_file_reproduced_from_raw_and_offsets(self):
        # cli-small.x12: one ISA/GS, two 837 sets, 54 segments, one per line.
        path = data("cli-small.x12")
        raw = read(path)
        segs = list(libx12.iter_segments(path))
        self.assertEqual(len(segs), 54)
        self.assertEqual([s.number for s in segs], list(range(1, 55)))
        self.assertEqual(b"".join(s.raw + b"~\n" for s in segs), raw)
        for s in segs:
            self.assertEqual(raw[s.offset:s.offset + len(s.raw)], s.raw)
            self.assertEqual(s.delimiters, ("*", ":", "^", "~"))
        self.assertEqual([s.id for s in segs if s.id == "ST"], ["ST", "ST"])
        st = next(s for s in segs if s.id == "ST")
        self.assertEqual((st[1], st[2], st[3]), ("837", "0001", "005010X222A1"))
        self.assertEqual(st.set_position, 1)
        self.assertEqual(st[99], "")
        self.assertEqual(segs[0].set_position, 0)

    def test_elements_components_and_bytes(self):
        segs = list(libx12.iter_segments(data("cli-small.x12")))
        # element i of the C reader is seg[i]; the raw text split on the
        # element separator gives the same values
        for s in segs:
            parts = s.raw.split(b"*")
            self.assertEqual(parts[0].decode(), s.id)
            self.assertEqual(tuple(p.decode("latin-1") for p in parts[1:]), s.elements)
            for i in range(1, len(s) + 1):
                self.assertEqual(s.element_bytes(i), parts[i])
        clm = next(s for s in segs if s.id == "CLM")
        # CLM05 is a composite: facility code, qualifier, frequency
        self.assertEqual(clm.components(5), clm[5].split(":"))
        self.assertEqual(len(clm.components(5)), 3)
        self.assertEqual(clm.repetitions(5), [clm[5]])

    def test_path_bytes_and_gzip_agree(self):
        path = data("cli-small.x12")
        raw = read(path)
        a = list(libx12.iter_segments(path))
        b = list(libx12.iter_segments(raw))
        c = list(libx12.iter_segments(gzip.compress(raw)))
        d = list(libx12.iter_segments(bytearray(raw)))
        self.assertEqual(a, b)
        self.assertEqual(a, c)
        self.assertEqual(a, d)

    def test_other_delimiters_same_values(self):
        # cli-oneline.x12 is cli-small.x12 with delimiters | > ! \ and no line breaks
        a = list(libx12.iter_segments(data("cli-small.x12")))
        b = list(libx12.iter_segments(data("cli-oneline.x12")))
        self.assertEqual(b[0].delimiters, ("|", ">", "!", "\\"))
        self.assertEqual(len(a), len(b))
        for x, y in zip(a[1:], b[1:]):
            self.assertEqual(x.id, y.id)
            self.assertEqual([x.components(i) for i in range(1, len(x) + 1)],
                             [y.components(i) for i in range(1, len(y) + 1)])

    def test_envelope_problem_is_on_its_segment(self):
        # cli-bad-se.x12: the second set's SE01 says 24, it holds 23 segments
        with libx12.Reader(data("cli-bad-se.x12")) as r:
            segs = list(r)
        se = [s for s in segs if s.problems]
        self.assertEqual(len(se), 1)
        p = se[0].problems[0]
        self.assertEqual((se[0].number, se[0].id), (52, "SE"))
        self.assertEqual((p.segment_number, p.segment_id, p.element, p.rule),
                         (52, "SE", 1, "se01-count"))
        self.assertEqual(p.offset, se[0].offset)
        self.assertIn(p, r.problems)

    def test_strict_raises_with_position(self):
        with self.assertRaises(libx12.X12Error) as cm:
            list(libx12.iter_segments(data("cli-bad-se.x12"), strict=True))
        e = cm.exception
        self.assertEqual(e.status_name, "X12_EENVELOPE")
        self.assertEqual(libx12.STATUS_NAMES[e.status], "X12_EENVELOPE")
        self.assertEqual((e.segment_number, e.segment_id, e.element), (52, "SE", 1))
        self.assertEqual(e.position[0:3], (52, "SE", 1))
        self.assertGreater(e.offset, 0)
        self.assertIn("52:SE-01", str(e))

    def test_not_x12_and_missing_file(self):
        with self.assertRaises(libx12.X12Error) as cm:
            list(libx12.iter_segments(b"this is not an interchange"))
        self.assertEqual(cm.exception.status_name, "X12_ESYNTAX")
        self.assertEqual(cm.exception.rule, "no-isa")
        with self.assertRaises(libx12.X12Error) as cm:
            list(libx12.iter_segments(b"ISA*00*short~"))
        self.assertEqual((cm.exception.segment_number, cm.exception.segment_id), (1, "ISA"))
        missing = data("no-such-file.x12")
        with self.assertRaises(libx12.X12Error) as cm:
            list(libx12.iter_segments(missing))
        self.assertEqual(cm.exception.status_name, "X12_EIO")
        with self.assertRaises(TypeError):
            list(libx12.iter_segments(42))

    def test_segment_limit(self):
        # a 300-byte element in the first BHT, with segments limited to 256
        raw = read(data("cli-small.x12")).replace(b"BHT*", b"BHT*" + b"X" * 300 + b"*", 1)
        bht = raw.index(b"BHT*")
        # skipped and recorded by default ...
        with libx12.Reader(raw, max_segment_bytes=256) as r:
            ids = [s.id for s in r]
        self.assertEqual(len(ids), 53)
        self.assertEqual(ids.count("BHT"), 1)
        lim = [p for p in r.problems if p.status == 8]
        self.assertEqual(len(lim), 1)
        self.assertEqual((lim[0].offset, lim[0].segment_number), (bht, 4))
        # ... and raised in strict mode
        with self.assertRaises(libx12.X12Error) as cm:
            list(libx12.iter_segments(raw, max_segment_bytes=256, strict=True))
        self.assertEqual(cm.exception.status_name, "X12_ELIMIT")
        self.assertEqual(cm.exception.offset, bht)
        self.assertEqual(len(list(libx12.iter_segments(raw, max_segment_bytes=512))), 54)

    @corpus_test
    def test_corpus_counts_match_the_tool(self):
        need_corpus(self)
        need_cli(self)
        for path in corpus_files():
            with self.subTest(file=os.path.basename(path)):
                raw = read(path)
                try:
                    segs = list(libx12.iter_segments(path))
                except libx12.X12Error as e:
                    # unreadable for the C tool too, for the same reason
                    rc, out = cli("info", path)
                    self.assertEqual(rc, 2 if e.status_name == "X12_EIO" else 1)
                    continue
                for s in segs:
                    self.assertEqual(raw[s.offset:s.offset + len(s.raw)], s.raw)
                rc, info = cli_json("info", "--json", path)
                total = info["files"][0]["totals"]["segments"]
                self.assertEqual(len(segs), total)
