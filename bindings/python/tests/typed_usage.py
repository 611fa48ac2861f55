"""A small user program written against libx12's type hints.

tests/python-typing.sh runs `mypy --strict` on it (every value it takes
from the package must have the type it is annotated with here), then runs
it against the library just built:

    python3 typed_usage.py TESTS_DATA_DIR EXAMPLES_DIR

It walks the public API the way an application would: segments, validation
and acknowledgments, building and reading 837s, 835 remittances (whole and
streamed), eligibility, claim status, reconciliation and the errors, and
checks what it gets.  It prints one line per part and exits 0 when every
check holds.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Tuple

import libx12
from libx12 import Problem, Severity, X12Error, X12Status


def segments(path: str) -> Tuple[int, List[str]]:
    ids: List[str] = []
    with libx12.Reader(path, strict=False) as r:
        for seg in r:
            sid: str = seg.id
            first: str = seg[1]
            number: int = seg.number
            assert number == len(ids) + 1 and (first or sid)
            ids.append(sid)
        problems: List[Problem] = r.problems
    return len(problems), ids


def validation(path: str) -> Tuple[int, int]:
    problems: List[Problem] = libx12.validate(path, errata="accept")
    worst: Optional[Severity] = max((p.severity_level for p in problems), default=None)
    assert worst is None or worst >= Severity.WARNING
    ack: libx12.Acknowledgment = libx12.write_999(path, date="20250102", time="0304")
    raw: bytes = bytes(ack)
    assert raw.startswith(b"ISA")
    return ack.sets, ack.accepted


def claims_round_trip(xml: str) -> int:
    built: bytes = libx12.build_837_xml(xml)
    encounters: List[Dict[str, Any]] = list(libx12.read_837(built))
    again: bytes = libx12.build_837(encounters)
    assert again == built, "read_837 then build_837 gives the same bytes"
    with libx12.ClaimStream(built) as stream:
        for _enc in stream:
            where: Dict[str, int] = stream.position
            assert where["segment_number"] > 0
    return len(encounters)


def typed_claim() -> Tuple[int, int]:
    claim = libx12.Claim837(
        pcn="PCN-0001", total_charge=12500, place_of_service="11", service_from="20251120",
        diagnoses=[libx12.Diagnosis(code="J03.00", kind="principal")],
        lines=[libx12.ServiceLine(procedure="99213", charge="125.00", modifiers=["25"],
                                  pointers=[1])])
    enc = libx12.Encounters(
        kind="837P",
        interchange=libx12.Interchange(sender_id="SUBMITTER01", receiver_id="CLEARINGHSE01",
                                       date="20251123", time="0915", reference="BATCH1",
                                       control_number=1),
        submitter=libx12.Contact(name="RIVERSIDE FAMILY PRACTICE", id="SUBMITTER01",
                                 contact="BILLING", phone="5555550100"),
        receiver=libx12.Contact(name="EXAMPLE CLEARINGHOUSE", id="CLEARINGHSE01"),
        providers=[libx12.BillingProvider(
            entity="organization", name="RIVERSIDE FAMILY PRACTICE", npi="1234567893",
            ein="371234567", address1="100 MAIN STREET", city="SPRINGFIELD", state="IL",
            zip="627011234",
            subscribers=[libx12.Subscriber(
                responsibility="P", filing_indicator="CI", name="DOE", first_name="JANE",
                member_id="XJ0000000001", birth_date="19800101", gender="F",
                address1="12 ELM AVENUE", city="SPRINGFIELD", state="IL", zip="62704",
                payer=libx12.Payer(name="EXAMPLE HEALTH PLAN", payer_id="EHP01"),
                claims=[claim])])])
    built: bytes = libx12.build_837(enc)
    total = 0
    for back in libx12.read_837(built, as_dataclass=True):
        for c in back.claims():
            read: libx12.Claim837 = c
            charge: Optional[libx12.claims.Money] = read.total_charge
            assert charge == 12500 and read.lines[0].pointers == [1]
            total += read.lines[0].charge if isinstance(read.lines[0].charge, int) else 0
    as_dicts: Iterator[Dict[str, Any]] = libx12.read_837(built)
    again: libx12.Encounters = libx12.Encounters.from_dict(next(as_dicts))
    assert again.to_dict()["kind"] == "837P"
    return len(enc.claims()), total


def remittance(path: str) -> Tuple[int, int]:
    era: libx12.Remittance = libx12.parse_835(path)
    paid = 0
    for payment in era.payments:
        amount: int = payment.amount_cents
        assert isinstance(amount, int)
        for claim in payment.claims:
            paid += claim.paid_cents
            back: Optional[libx12.Payment] = claim.payment
            assert back is payment
            for line in claim.services:
                allowed: Optional[int] = line.allowed_cents
                assert allowed is None or isinstance(allowed, int)
                for adj in line.adjustments:
                    text: str = libx12.code_text("carc", adj.reason)
                    assert isinstance(text, str)
    streamed = 0
    claims: Iterator[libx12.ClaimPayment] = libx12.stream_claims(path)
    for c in claims:
        streamed += c.paid_cents
    assert streamed == paid, "streamed and parsed claims pay the same"
    return len(era.claims), paid


def eligibility(path: str) -> int:
    elig: libx12.Eligibility = libx12.parse_271(path)
    active = 0
    for cov in elig.coverages:
        if cov.active:
            active += 1
        summary: Optional[libx12.Summary] = cov.summary("30")
        if summary is not None:
            deductible: Optional[int] = summary.deductible_cents
            assert deductible is None or deductible >= 0
        rejections: List[libx12.Rejection] = cov.all_rejections
        assert all(isinstance(r.reason, str) for r in rejections)
    return active


def claim_status(sent: str, answer: str) -> Dict[str, int]:
    request: bytes = libx12.build_276(claims=sent, interchange={"date": "20250102",
                                                                "time": "0304"})
    assert request.startswith(b"ISA")
    work: libx12.Worklist = libx12.link_claims(sent, answer)
    for linked in work.rejected:
        reasons: List[libx12.Status] = linked.reasons
        assert reasons, "a rejected claim says why"
    return work.counts()


def reconciliation(sent: str, era: str) -> Tuple[int, str]:
    r: libx12.Reconciliation = libx12.reconcile(claims=[sent], remits=[era],
                                                as_of="20250301", frames=False)
    rows: List[Dict[str, Any]] = r.claims
    for d in r.problems:
        where: str = d.file
        problem: Problem = d.problem
        assert problem.message and where is not None
    return len(rows), r.as_of


def errors(missing: str) -> X12Status:
    try:
        libx12.validate(missing)
    except X12Error as e:
        status: int = e.status
        assert e.status == X12Status.EIO and e.status_name == "X12_EIO" and status == 5
        return X12Status(e.status)
    raise AssertionError("a missing file raises X12Error")


def main(argv: List[str]) -> int:
    data, examples = argv[1], argv[2]
    skipped, ids = segments(os.path.join(data, "validate-837p-clean.x12"))
    print("segments: %d (%s ... %s), %d skipped" % (len(ids), ids[0], ids[-1], skipped))
    sets, accepted = validation(os.path.join(data, "validate-837p-clean.x12"))
    print("999: %d set(s), %d accepted" % (sets, accepted))
    n = claims_round_trip(os.path.join(examples, "encounters", "office-visit.xml"))
    print("837: %d claim(s) read back and built again" % n)
    claims, cents = typed_claim()
    print("837 dataclasses: %d claim(s), %d cents read back" % (claims, cents))
    count, paid = remittance(os.path.join(data, "remit-multi.x12"))
    print("835: %d claim(s), %d cents paid" % (count, paid))
    print("271: %d active coverage(s)" % eligibility(os.path.join(data,
                                                                "elig-271-benefits.x12")))
    counts = claim_status(os.path.join(data, "status-sent.837"),
                          os.path.join(data, "status-277ca-one-rejected.x12"))
    print("277CA: %s" % ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    rows, as_of = reconciliation(os.path.join(data, "recon-sent.837"),
                                 os.path.join(data, "recon-era1.835"))
    print("reconcile: %d claim row(s) as of %s" % (rows, as_of))
    st = errors(os.path.join(data, "no-such-file.x12"))
    print("errors: %s (%d)" % (st.c_name, st))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
