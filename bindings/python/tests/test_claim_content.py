"""The 837 content added to the claim model after its first release (the
DRG, ambulance transport, purchased services and the other segments of
doc/837-COVERAGE.md) through the Python bindings: built from dicts, the
file validates with nothing reported, read_837 gives every value back,
and the claims read build the same bytes again."""

import copy

import libx12
from test_claimread import subset, the_claim
from test_claims import encounter
from util import TestCase


class Content(TestCase):
    def round_trip(self, d):
        """Builds d, validates, reads back; returns (bytes, the claim read)."""
        out = libx12.build_837(d)
        self.assertEqual(libx12.validate(out), [])
        items = list(libx12.read_837(out))
        with libx12.ClaimStream(out) as s:
            for _ in s:
                self.assertEqual(s.not_kept, 0, [p.message for p in s.issues])
        self.assertEqual(libx12.build_837(items), out)
        return out, the_claim(items[0])

    def test_drg(self):
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["drg"] = "470"
        out, back = self.round_trip(d)
        self.assertIn(b"HI*ABJ:R1031~\nHI*DR:470~\n", out)
        self.assertEqual(back["drg"], "470")
        subset(claim, back)

    def test_drg_edits(self):
        d = encounter("office-visit")
        d["providers"][0]["subscribers"][0]["claims"][0]["drg"] = "470"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].drg", "not-used")])
        d = encounter("inpatient-stay")
        d["providers"][0]["subscribers"][0]["claims"][0]["drg"] = "47-0"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(copy.deepcopy(d))
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].drg", "code-format")])
