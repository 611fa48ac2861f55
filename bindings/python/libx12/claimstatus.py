"""Claim status: 276 requests built (from dicts or from the 837 sent),
277 responses (005010X212) and 277CA acknowledgments (005010X214) read
into dataclasses, and linked to the 837 claims they answer.

    report = libx12.parse_277("claims.277ca")       # claims, batches, problems
    for c in report.claims:
        print(c.pcn, c.outcome, [(s.category, s.code) for s in c.statuses])
    work = libx12.link_claims("sent.837", "claims.277ca")
    for w in work.claims:                             # one per claim sent, in order
        print(w.claim.pcn, w.outcome, [s.code_text for s in w.reasons])
    x12 = libx12.build_276(claims="sent.837", pcns=["PCN-2025-0102"],
                           interchange={"date": "20251215", "time": "0930"})

Outcomes are "accepted", "rejected", "not_found", "pending",
"info_requested", "paid", "denied", "finalized", "error", "unknown" and,
for a claim sent that nothing answers, "no_answer".  Money is int cents
parsed by the library from the text.  The ``*_frame()`` methods give pandas
DataFrames; pandas is imported only when they are called.
"""

from __future__ import annotations

import ctypes
import time as _time
from dataclasses import dataclass, field
from typing import (TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence,
                    Tuple, Union)

from ._lib import (Source, X12Str, cents_arg as _cents, cstr, lib, text_cents as _text_cents,
                   view)
from .errors import Problem, X12Error, check, problem_from_error
from .eligibility import (_b, _edits_error, _EditsError, _known, _ok, _options, _pandas,
                          _set_all, _words, write_request)

if TYPE_CHECKING:
    import pandas as pd

# One 837 or several.
Sources = Union[Source, Iterable[Source]]
from .segments import open_input

__all__ = ["build_276", "parse_277", "link_claims", "read_sent_claims", "ClaimStatusReport",
           "StatusClaim", "StatusLine", "StatusBatch", "Status", "SentClaim", "LinkedClaim",
           "Worklist", "status_code_text", "STATUS_REQUEST_KEYS", "OUTCOMES"]

_X12_OK, _X12_END, _X12_AGAIN = 0, 1, 2
_EV_CLAIM, _EV_BATCH = 1, 2
OUTCOMES = ("no_answer", "accepted", "rejected", "not_found", "pending", "info_requested",
            "paid", "denied", "finalized", "error", "unknown")
_KINDS = {1: "277", 2: "277CA"}
_BATCH_LEVELS = {1: "source", 2: "receiver", 3: "provider"}
_CODESETS = {"category": 1, "status": 2, "entity": 3}

# Field name -> C enum value, as in include/x12/claimstatus.h.
_REQUEST = {"sender_qualifier": 1, "sender_id": 2, "receiver_qualifier": 3, "receiver_id": 4,
            "gs_sender": 5, "gs_receiver": 6, "date": 7, "time": 8, "reference": 9}
_REQUEST_OPTIONS = {"control_number": 1, "group_control_number": 2, "set_control_number": 3,
                    "production": 4, "ack_requested": 5, "max_inquiries_per_set": 6}
_INQUIRY = {"trace_number": 22, "pcn": 23, "payer_claim_number": 24, "bill_type": 25,
            "clearinghouse_trace": 26, "service_from": 27, "service_to": 28}
_PAYER = {"name": 1, "id": 2, "id_qualifier": 3}
_RECEIVER = {"name": 4, "id": 5}
_PROVIDER = {"name": 6, "first_name": 7, "npi": 8}
_SUBSCRIBER = {"last_name": 9, "first_name": 10, "middle_name": 11, "suffix": 12,
               "member_id": 13, "birth_date": 14, "gender": 15}
_PATIENT = {"last_name": 16, "first_name": 17, "middle_name": 18, "suffix": 19,
            "birth_date": 20, "gender": 21}
_LINE = {"qualifier": 1, "procedure": 2, "revenue_code": 3, "units": 4, "control_number": 5,
         "service_from": 6, "service_to": 7}

STATUS_REQUEST_KEYS = {
    "request": ("interchange", "inquiries"),
    "interchange": tuple(_REQUEST) + tuple(_REQUEST_OPTIONS),
    "inquiry": tuple(_INQUIRY) + ("charge", "payer", "receiver", "provider", "subscriber",
                                  "patient", "lines"),
    "payer": tuple(_PAYER), "receiver": tuple(_RECEIVER), "provider": tuple(_PROVIDER),
    "subscriber": tuple(_SUBSCRIBER), "patient": tuple(_PATIENT),
    "line": tuple(_LINE) + ("modifiers", "charge"),
}


def _t(s: X12Str) -> str:
    return view(s).decode("latin-1")


def status_code_text(codeset: str, code: Union[str, bytes]) -> str:
    """Our description of a claim status code, or "" when it is not in the
    list.  codeset: "category" (507), "status" (508), "entity" (98)."""
    b = code.encode("latin-1") if isinstance(code, str) else bytes(code)
    return cstr(lib.x12_claimstatus_code_text(_CODESETS[codeset], b, len(b)))


# ---- 276 ------------------------------------------------------------------------------


def _status_edits(rq: Any) -> _EditsError:
    return lambda st, what: _edits_error(lib.x12_claimstatus_request_edit_count,
                                         lib.x12_claimstatus_request_edit_at,
                                         lib.x12_claimstatus_request_edit_path, rq, st, what)


def _inquiry(q: Any, d: Mapping[str, Any], path: str) -> None:
    _known(d, STATUS_REQUEST_KEYS["inquiry"], path)
    _set_all(lib.x12_claimstatus_inquiry_set, q, {k: v for k, v in d.items() if k in _INQUIRY},
             _INQUIRY, path)
    if d.get("charge") is not None:
        _ok(lib.x12_claimstatus_inquiry_set_charge(q, _cents(d["charge"], path + ".charge")),
            path + ".charge")
    for part, table in (("payer", _PAYER), ("receiver", _RECEIVER), ("provider", _PROVIDER),
                        ("subscriber", _SUBSCRIBER), ("patient", _PATIENT)):
        sub = d.get(part)
        if sub is None:
            continue
        _known(sub, table, path + "." + part)
        _set_all(lib.x12_claimstatus_inquiry_set, q, sub, table, path + "." + part)
    for i, ld in enumerate(d.get("lines") or (), 1):
        lp = "%s.line[%d]" % (path, i)
        _known(ld, STATUS_REQUEST_KEYS["line"], lp)
        ln = ctypes.c_void_p()
        _ok(lib.x12_claimstatus_inquiry_add_line(q, ctypes.byref(ln)), lp)
        _set_all(lib.x12_claimstatus_inquiry_line_set, ln,
                 {k: v for k, v in ld.items() if k in _LINE}, _LINE, lp)
        for m in _words(ld.get("modifiers") or ()):
            t = _b(m, lp + ".modifiers")
            _ok(lib.x12_claimstatus_inquiry_line_add_modifier(ln, t, len(t)), lp + ".modifiers")
        if ld.get("charge") is not None:
            _ok(lib.x12_claimstatus_inquiry_line_set_charge(ln, _cents(ld["charge"],
                                                                       lp + ".charge")),
                lp + ".charge")


def _sent_handle(sources: Sources) -> Tuple[Any, List[Problem]]:
    """A C x12_claimstatus_sent with the claims of every 837 source; the
    caller frees it.  Returns (handle, problems)."""
    if isinstance(sources, (str, bytes, bytearray, memoryview)) or hasattr(sources,
                                                                           "__fspath__"):
        sources = [sources]  # type: ignore[list-item]
    s = ctypes.c_void_p()
    check(lib.x12_claimstatus_sent_new(None, ctypes.byref(s)), "x12_claimstatus_sent_new")
    try:
        for src in sources:
            r = ctypes.c_void_p()
            check(lib.x12_reader_new(None, ctypes.byref(r)), "x12_reader_new")
            try:
                keep = open_input(r, src)  # noqa: F841 (the buffer must outlive the read)
                st = lib.x12_claimstatus_sent_read(s, r)
                if st != _X12_OK:
                    raise X12Error.from_error(st, lib.x12_reader_last_error(r),
                                              "cannot read the 837")
            finally:
                lib.x12_reader_free(r)
        problems = [problem_from_error(lib.x12_claimstatus_sent_error_at(s, i), "claimstatus")
                    for i in range(lib.x12_claimstatus_sent_error_count(s))]
        return s, problems
    except BaseException:
        lib.x12_claimstatus_sent_free(s)
        raise


def build_276(request: Optional[Dict[str, Any]] = None, *, claims: Optional[Sources] = None,
              pcns: Optional[Iterable[Union[str, bytes]]] = None,
              interchange: Optional[Mapping[str, Any]] = None,
              line_break: str = "\n") -> bytes:
    """Builds a 276 claim status request and returns its bytes.

    By hand: ``request`` is {"interchange": {...}, "inquiries": [...]},
    each inquiry with "payer", "receiver", "provider", "subscriber",
    optional "patient" (dicts), "pcn", "trace_number", "charge" (int cents
    or decimal text), "service_from", "service_to", ... and optional
    "lines" (see STATUS_REQUEST_KEYS).

    From the 837 sent: ``claims`` is the 837 (a path or bytes, or a list of
    them); every claim is asked about, or those whose patient control
    numbers ``pcns`` lists.  Payer, receiver, provider, subscriber,
    patient, PCN, charge and dates come from each claim, the envelope's
    sender and receiver from the 837's; ``interchange`` sets the rest
    (date and time default to now, reference to "S" + date + time) and may
    override any envelope field.

    Failed pre-submission edits raise X12Error X12_EEDIT with ``problems``;
    a PCN that names no claim raises ValueError (naming it by position).
    """
    if (request is None) == (claims is None):
        raise ValueError("give either a request or claims (the 837 sent)")
    if pcns is not None and claims is None:
        raise ValueError("pcns go with claims")
    rq = ctypes.c_void_p()
    check(lib.x12_claimstatus_request_new(None, ctypes.byref(rq)),
          "x12_claimstatus_request_new")
    sent = None
    try:
        if request is not None:
            _known(request, STATUS_REQUEST_KEYS["request"], "request")
            ic = dict(request.get("interchange") or {})
            inquiries = request.get("inquiries") or ()
        else:
            ic = dict(interchange or {})
            assert claims is not None  # (checked above)
            sent, _ = _sent_handle(claims)
            chosen: List[Any] = []
            if pcns is None:
                chosen = [lib.x12_claimstatus_sent_at(sent, i)
                          for i in range(lib.x12_claimstatus_sent_count(sent))]
            else:
                for i, p in enumerate(pcns, 1):
                    t = _b(p, "pcns")
                    c = lib.x12_claimstatus_sent_find(sent, t, len(t))
                    if not c:
                        raise ValueError("pcns[%d] names no claim of the 837" % i)
                    chosen.append(c)
            if not chosen:
                raise ValueError("the 837 holds no claim")
            for c in chosen:
                _ok(lib.x12_claimstatus_request_add_sent(rq, c, None), "claims")
            first = chosen[0]
            env = {"sender_qualifier": 36, "sender_id": 37, "receiver_qualifier": 38,
                   "receiver_id": 39, "gs_sender": 40, "gs_receiver": 41}
            for k, f in env.items():
                if k not in ic:
                    ic[k] = _t(lib.x12_claimstatus_sent_get(first, f))
            now = _time.localtime()
            ic.setdefault("date", _time.strftime("%Y%m%d", now))
            ic.setdefault("time", _time.strftime("%H%M", now))
            ic.setdefault("reference", "S%s%s" % (ic["date"], ic["time"]))
            inquiries = ()
        _known(ic, STATUS_REQUEST_KEYS["interchange"], "interchange")
        _set_all(lib.x12_claimstatus_request_set, rq,
                 {k: v for k, v in ic.items() if k in _REQUEST}, _REQUEST, "interchange")
        _options(lib.x12_claimstatus_request_set_option, rq, ic, _REQUEST_OPTIONS,
                 "interchange")
        for i, d in enumerate(inquiries, 1):
            q = ctypes.c_void_p()
            _ok(lib.x12_claimstatus_request_add_inquiry(rq, ctypes.byref(q)),
                "inquiry[%d]" % i)
            _inquiry(q, d, "inquiry[%d]" % i)
        return write_request(lib.x12_claimstatus_request_write,
                             lib.x12_claimstatus_request_check, _status_edits(rq), rq,
                             line_break)
    finally:
        lib.x12_claimstatus_request_free(rq)
        if sent is not None:
            lib.x12_claimstatus_sent_free(sent)


# ---- 277 / 277CA dataclasses ------------------------------------------------------------


@dataclass
class Status:
    """One status of an STC (its STC01, STC10 or STC11, ``position``):
    category (507), status code (508) and entity (98) with our
    descriptions, and the STC's dates, action code, amounts and message.
    ``outcome`` is what this status alone says."""

    position: int
    category: str
    category_text: str
    code: str
    code_text: str
    entity: str
    entity_text: str
    code_list: str
    effective_date: str
    action: str
    charge: str
    charge_cents: Optional[int]
    paid: str
    paid_cents: Optional[int]
    adjudication_date: str
    payment_method: str
    remittance_date: str
    remittance_trace: str
    message: str
    outcome: str
    segment_number: int


@dataclass
class StatusLine:
    """A service line's statuses (2220D/2220E)."""

    qualifier: str
    procedure: str
    modifiers: List[str]
    revenue_code: str
    units: str
    control_number: str
    prescription_number: str
    service_from: str
    service_to: str
    charge_cents: Optional[int]
    paid_cents: Optional[int]
    outcome: str
    statuses: List[Status]


@dataclass
class StatusClaim:
    """One claim answered (2200D/2200E of a 277 or 277CA).  ``pcn`` is the
    837's CLM01 (REF*EJ of a 277, TRN02 of a 277CA)."""

    kind: str
    loop: str
    index: int
    pcn: str
    trace_number: str
    payer_claim_number: str
    bill_type: str
    clearinghouse_trace: str
    prescription_number: str
    voucher: str
    service_from: str
    service_to: str
    payer_name: str
    payer_id: str
    receiver_name: str
    receiver_id: str
    provider_name: str
    provider_id: str
    provider_id_qualifier: str
    subscriber_last_name: str
    subscriber_first_name: str
    member_id: str
    patient_last_name: str
    patient_first_name: str
    batch_reference: str
    control_number: str
    response_date: str
    outcome: str
    charge_cents: Optional[int]
    paid_cents: Optional[int]
    statuses: List[Status]
    lines: List[StatusLine]
    problems: List[Problem]
    segment_number: int
    offset: int
    #: diagnostics of this claim past the 1000 kept in ``problems``
    problems_dropped: int = 0

    @property
    def rejected(self) -> bool:
        """True when the outcome is "rejected"."""
        return self.outcome == "rejected"


@dataclass
class StatusBatch:
    """Statuses above the claims: 2200A (the file received), 2200B (a
    whole 837 or request) or 2200C (all claims of one provider), with the
    277CA's accepted and rejected counts and amounts."""

    kind: str
    level: str
    trace_number: str
    party_name: str
    party_id: str
    control_number: str
    received_date: str
    processed_date: str
    accepted_count: Optional[int]
    rejected_count: Optional[int]
    accepted_cents: Optional[int]
    rejected_cents: Optional[int]
    outcome: str
    statuses: List[Status]
    segment_number: int


def _status_rows(claims: Sequence[StatusClaim]) -> List[Tuple[StatusClaim, int, str, Status]]:
    rows = []
    for c in claims:
        for s in c.statuses:
            rows.append((c, 0, "", s))
        for k, ln in enumerate(c.lines, 1):
            for s in ln.statuses:
                rows.append((c, k, ln.procedure, s))
    return rows


_STATUS_COLS = ["category", "code", "entity", "category_text", "code_text", "entity_text",
                "effective_date", "action", "charge_cents", "paid_cents", "message",
                "outcome"]


def _status_values(s: Status) -> List[Any]:
    return [s.category, s.code, s.entity, s.category_text, s.code_text, s.entity_text,
            s.effective_date, s.action, s.charge_cents, s.paid_cents, s.message, s.outcome]


def _int64(df: Any, cols: Iterable[str]) -> Any:
    for c in cols:
        df[c] = df[c].astype("Int64")
    return df


@dataclass
class ClaimStatusReport:
    """A whole 277 or 277CA file: claims and batch statuses in order, and
    every diagnostic."""

    claims: List[StatusClaim]
    batches: List[StatusBatch]
    problems: List[Problem]
    #: diagnostics past the 1000 kept between two claims or batches
    problems_dropped: int = 0

    @property
    def rejected(self) -> List[StatusClaim]:
        """The claims whose outcome is "rejected"."""
        return [c for c in self.claims if c.rejected]

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim answered."""
        pd = _pandas()
        cols = ["index", "kind", "pcn", "outcome", "charge_cents", "paid_cents",
                "payer_claim_number", "service_from", "service_to", "payer_id",
                "provider_id", "batch_reference", "statuses", "lines"]
        rows = [[c.index, c.kind, c.pcn, c.outcome, c.charge_cents, c.paid_cents,
                 c.payer_claim_number, c.service_from, c.service_to, c.payer_id,
                 c.provider_id, c.batch_reference,
                 " ".join("%s:%s" % (s.category, s.code) for s in c.statuses), len(c.lines)]
                for c in self.claims]
        return _int64(pd.DataFrame(rows, columns=cols), ("charge_cents", "paid_cents"))

    def statuses_frame(self) -> pd.DataFrame:
        """One row per status, claim level (line 0) and line level (line
        1..n, with its procedure), keyed by the claim's index and PCN."""
        pd = _pandas()
        rows = [[c.index, c.pcn, k, proc] + _status_values(s)
                for c, k, proc, s in _status_rows(self.claims)]
        return _int64(pd.DataFrame(rows, columns=["claim", "pcn", "line", "procedure"] +
                                   _STATUS_COLS), ("charge_cents", "paid_cents"))

    def batches_frame(self) -> pd.DataFrame:
        """One row per batch status (2200A/B/C)."""
        pd = _pandas()
        cols = ["kind", "level", "trace_number", "party_name", "party_id", "outcome",
                "accepted_count", "rejected_count", "accepted_cents", "rejected_cents",
                "statuses"]
        rows = [[b.kind, b.level, b.trace_number, b.party_name, b.party_id, b.outcome,
                 b.accepted_count, b.rejected_count, b.accepted_cents, b.rejected_cents,
                 " ".join("%s:%s" % (s.category, s.code) for s in b.statuses)]
                for b in self.batches]
        return _int64(pd.DataFrame(rows, columns=cols),
                      ("accepted_count", "rejected_count", "accepted_cents", "rejected_cents"))


# ---- the 837 sent and the link ------------------------------------------------------------


@dataclass
class SentClaim:
    """The identity of a claim of an 837 sent."""

    index: int
    pcn: str
    kind: str
    charge_cents: int
    service_from: str
    service_to: str
    frequency: str
    bill_type: str
    payer_name: str
    payer_id: str
    provider_name: str
    provider_npi: str
    member_id: str
    batch_reference: str
    control_number: str
    interchange_control_number: str
    medical_record: str
    line_control_numbers: List[str]
    segment_number: int


@dataclass
class LinkedClaim:
    """A claim sent and what the answer says about it: ``answer`` is the
    StatusClaim that names it (None when none does); ``batch`` the batch
    status that rejected the whole it belongs to when no claim answers."""

    claim: SentClaim
    outcome: str
    answer: Optional[StatusClaim]
    batch: Optional[StatusBatch]

    @property
    def rejected(self) -> bool:
        """True when the outcome is "rejected"."""
        return self.outcome == "rejected"

    @property
    def reasons(self) -> List[Status]:
        """The statuses that reject the claim: its own and its lines'
        (or the rejecting batch's), in order; [] when it is not rejected."""
        if self.outcome != "rejected":
            return []
        if self.answer is None:
            return [s for s in (self.batch.statuses if self.batch else ())
                    if s.outcome == "rejected"]
        out = [s for s in self.answer.statuses if s.outcome == "rejected"]
        for ln in self.answer.lines:
            out.extend(s for s in ln.statuses if s.outcome == "rejected")
        return out


@dataclass
class Worklist:
    """Every claim sent with its outcome, in the order of the 837s; the
    answers that match no claim sent; every diagnostic of both inputs."""

    claims: List[LinkedClaim]
    unmatched: List[StatusClaim]
    batches: List[StatusBatch]
    problems: List[Problem]
    #: diagnostics of both inputs counted past the limits, not kept
    problems_dropped: int = 0

    def counts(self) -> Dict[str, int]:
        """{outcome: number of claims sent}."""
        out: Dict[str, int] = {}
        for c in self.claims:
            out[c.outcome] = out.get(c.outcome, 0) + 1
        return out

    @property
    def rejected(self) -> List[LinkedClaim]:
        """The claims sent whose outcome is "rejected"."""
        return [c for c in self.claims if c.rejected]

    @property
    def unanswered(self) -> List[LinkedClaim]:
        """The claims sent that no answer names."""
        return [c for c in self.claims if c.outcome == "no_answer"]

    def frame(self) -> pd.DataFrame:
        """One row per claim sent: its identity, outcome, the answer's
        payer claim number and the rejecting status codes ("A7:21 A7:454")
        - ready to join with 837 claims on pcn (or batch_reference + pcn)."""
        pd = _pandas()
        cols = ["index", "pcn", "kind", "charge_cents", "service_from", "service_to",
                "payer_id", "provider_npi", "batch_reference", "outcome", "answered",
                "payer_claim_number", "reasons", "reason_text"]
        rows = [[w.claim.index, w.claim.pcn, w.claim.kind, w.claim.charge_cents,
                 w.claim.service_from, w.claim.service_to, w.claim.payer_id,
                 w.claim.provider_npi, w.claim.batch_reference, w.outcome,
                 w.answer is not None, w.answer.payer_claim_number if w.answer else "",
                 " ".join("%s:%s" % (s.category, s.code) for s in w.reasons),
                 " | ".join(s.code_text or s.category_text for s in w.reasons)]
                for w in self.claims]
        return _int64(pd.DataFrame(rows, columns=cols), ("charge_cents",))


# ---- copying from C ---------------------------------------------------------------------


def _status(s: Any) -> Status:
    def sf(f: int) -> str:
        return _t(lib.x12_claimstatus_status_get(s, f))

    charge, paid = sf(7), sf(8)
    return Status(
        position=lib.x12_claimstatus_status_position(s),
        category=sf(1), category_text=cstr(lib.x12_claimstatus_status_category_text(s)),
        code=sf(2), code_text=cstr(lib.x12_claimstatus_status_code_text(s)),
        entity=sf(3), entity_text=cstr(lib.x12_claimstatus_status_entity_text(s)),
        code_list=sf(4), effective_date=sf(5), action=sf(6),
        charge=charge, charge_cents=_text_cents(charge), paid=paid,
        paid_cents=_text_cents(paid), adjudication_date=sf(9), payment_method=sf(10),
        remittance_date=sf(11), remittance_trace=sf(12), message=sf(13),
        outcome=OUTCOMES[lib.x12_claimstatus_status_outcome(s)],
        segment_number=lib.x12_claimstatus_status_segment_number(s))


def _opt(fn: Any, h: Any) -> Optional[int]:
    v = ctypes.c_int64()
    return v.value if fn(h, ctypes.byref(v)) else None


def _line(ln: Any) -> StatusLine:
    def lf(f: int) -> str:
        return _t(lib.x12_claimstatus_line_get(ln, f))

    mods = lf(3)
    return StatusLine(
        qualifier=lf(1), procedure=lf(2), modifiers=[m for m in mods.split(":") if m],
        revenue_code=lf(4), units=lf(5), control_number=lf(6), prescription_number=lf(7),
        service_from=lf(8), service_to=lf(9),
        charge_cents=_opt(lib.x12_claimstatus_line_charge_cents, ln),
        paid_cents=_opt(lib.x12_claimstatus_line_paid_cents, ln),
        outcome=OUTCOMES[lib.x12_claimstatus_line_outcome(ln)],
        statuses=[_status(lib.x12_claimstatus_line_status_at(ln, i))
                  for i in range(lib.x12_claimstatus_line_status_count(ln))])


def _claim(c: Any) -> StatusClaim:
    def cf(f: int) -> str:
        return _t(lib.x12_claimstatus_claim_get(c, f))

    return StatusClaim(
        kind=_KINDS.get(lib.x12_claimstatus_claim_kind(c), ""),
        loop=cstr(lib.x12_claimstatus_claim_loop(c)),
        index=lib.x12_claimstatus_claim_index(c),
        pcn=cf(1), trace_number=cf(2), payer_claim_number=cf(3), bill_type=cf(4),
        clearinghouse_trace=cf(5), prescription_number=cf(6), voucher=cf(7),
        service_from=cf(8), service_to=cf(9), payer_name=cf(10), payer_id=cf(11),
        receiver_name=cf(12), receiver_id=cf(13), provider_name=cf(14), provider_id=cf(15),
        provider_id_qualifier=cf(16), subscriber_last_name=cf(17),
        subscriber_first_name=cf(18), member_id=cf(19), patient_last_name=cf(20),
        patient_first_name=cf(21), batch_reference=cf(22), control_number=cf(23),
        response_date=cf(24),
        outcome=OUTCOMES[lib.x12_claimstatus_claim_outcome(c)],
        charge_cents=_opt(lib.x12_claimstatus_claim_charge_cents, c),
        paid_cents=_opt(lib.x12_claimstatus_claim_paid_cents, c),
        statuses=[_status(lib.x12_claimstatus_claim_status_at(c, i))
                  for i in range(lib.x12_claimstatus_claim_status_count(c))],
        lines=[_line(lib.x12_claimstatus_claim_line_at(c, i))
               for i in range(lib.x12_claimstatus_claim_line_count(c))],
        problems=[problem_from_error(lib.x12_claimstatus_claim_error_at(c, i), "claimstatus")
                  for i in range(lib.x12_claimstatus_claim_error_count(c))],
        segment_number=lib.x12_claimstatus_claim_segment_number(c),
        offset=lib.x12_claimstatus_claim_offset(c),
        problems_dropped=lib.x12_claimstatus_claim_errors_dropped(c))


def _batch(b: Any) -> StatusBatch:
    return StatusBatch(
        kind=_KINDS.get(lib.x12_claimstatus_batch_kind(b), ""),
        level=_BATCH_LEVELS.get(lib.x12_claimstatus_batch_level_of(b), ""),
        trace_number=_t(lib.x12_claimstatus_batch_trace_number(b)),
        party_name=_t(lib.x12_claimstatus_batch_party_name(b)),
        party_id=_t(lib.x12_claimstatus_batch_party_id(b)),
        control_number=_t(lib.x12_claimstatus_batch_control_number(b)),
        received_date=_t(lib.x12_claimstatus_batch_received_date(b)),
        processed_date=_t(lib.x12_claimstatus_batch_processed_date(b)),
        accepted_count=_opt(lib.x12_claimstatus_batch_accepted_count, b),
        rejected_count=_opt(lib.x12_claimstatus_batch_rejected_count, b),
        accepted_cents=_opt(lib.x12_claimstatus_batch_accepted_cents, b),
        rejected_cents=_opt(lib.x12_claimstatus_batch_rejected_cents, b),
        outcome=OUTCOMES[lib.x12_claimstatus_batch_outcome(b)],
        statuses=[_status(lib.x12_claimstatus_batch_status_at(b, i))
                  for i in range(lib.x12_claimstatus_batch_status_count(b))],
        segment_number=lib.x12_claimstatus_batch_segment_number(b))


def _sent_claim(c: Any) -> SentClaim:
    def sf(f: int) -> str:
        return _t(lib.x12_claimstatus_sent_get(c, f))

    return SentClaim(
        index=lib.x12_claimstatus_sent_index(c), pcn=sf(1), kind=sf(2),
        charge_cents=lib.x12_claimstatus_sent_charge_cents(c),
        service_from=sf(6), service_to=sf(7), frequency=sf(4), bill_type=sf(5),
        payer_name=sf(8), payer_id=sf(9), provider_name=sf(11), provider_npi=sf(13),
        member_id=sf(20), batch_reference=sf(31), control_number=sf(32),
        interchange_control_number=sf(33), medical_record=sf(35),
        line_control_numbers=[_t(lib.x12_claimstatus_sent_line_control_number(c, i))
                              for i in range(lib.x12_claimstatus_sent_line_count(c))],
        segment_number=lib.x12_claimstatus_sent_segment_number(c))


def _doc(source: Source) -> Tuple[Any, List[Problem]]:
    """(C doc handle, problems) of a whole 277/277CA; the caller frees the
    doc.  A fatal reader error raises X12Error with its position."""
    s = ctypes.c_void_p()
    check(lib.x12_claimstatus_stream_new(None, None, ctypes.byref(s)),
          "x12_claimstatus_stream_new")
    try:
        keep = open_input(lib.x12_claimstatus_stream_reader(s), source)  # noqa: F841
        doc = ctypes.c_void_p()
        st = lib.x12_claimstatus_stream_collect(s, ctypes.byref(doc))
        if st != _X12_OK:
            raise X12Error.from_error(st, lib.x12_claimstatus_stream_last_error(s))
        problems = [problem_from_error(lib.x12_claimstatus_doc_error_at(doc, i), "claimstatus")
                    for i in range(lib.x12_claimstatus_doc_error_count(doc))]
        return doc, problems
    finally:
        lib.x12_claimstatus_stream_free(s)


def _report(doc: Any, problems: List[Problem]) -> ClaimStatusReport:
    return ClaimStatusReport(
        claims=[_claim(lib.x12_claimstatus_doc_claim_at(doc, i))
                for i in range(lib.x12_claimstatus_doc_claim_count(doc))],
        batches=[_batch(lib.x12_claimstatus_doc_batch_at(doc, i))
                 for i in range(lib.x12_claimstatus_doc_batch_count(doc))],
        problems=problems,
        problems_dropped=lib.x12_claimstatus_doc_errors_dropped(doc))


def parse_277(source: Source) -> ClaimStatusReport:
    """Reads a whole 277 or 277CA (a path or bytes, gzip allowed) into a
    ClaimStatusReport.  A rejection is data (StatusClaim.outcome
    "rejected" and its statuses), not an exception.  Raises X12Error when
    the input cannot be read or the reader cannot go on."""
    doc, problems = _doc(source)
    try:
        return _report(doc, problems)
    finally:
        lib.x12_claimstatus_doc_free(doc)


def read_sent_claims(claims: Sources) -> List[SentClaim]:
    """The SentClaims of an 837 (a path or bytes, or a list of them), in
    order."""
    s, _ = _sent_handle(claims)
    try:
        return [_sent_claim(lib.x12_claimstatus_sent_at(s, i))
                for i in range(lib.x12_claimstatus_sent_count(s))]
    finally:
        lib.x12_claimstatus_sent_free(s)


def link_claims(claims: Sources, answer: Source) -> Worklist:
    """Links every claim of the 837s sent (``claims``: a path or bytes, or
    a list of them) with what one 277CA or 277 (``answer``) says about it;
    returns a Worklist as ``x12 status --claims`` prints it."""
    sent, sent_problems = _sent_handle(claims)
    doc = None
    link = ctypes.c_void_p()
    try:
        doc, problems = _doc(answer)
        report = _report(doc, problems)
        check(lib.x12_claimstatus_link_new(None, sent, doc, ctypes.byref(link)),
              "x12_claimstatus_link_new")
        # Answers and batches by position, to hand out the copies made above.
        claim_at = {lib.x12_claimstatus_doc_claim_at(doc, i): report.claims[i]
                    for i in range(len(report.claims))}
        batch_at = {lib.x12_claimstatus_doc_batch_at(doc, i): report.batches[i]
                    for i in range(len(report.batches))}
        out = []
        for i in range(lib.x12_claimstatus_link_count(link)):
            a = lib.x12_claimstatus_link_answer(link, i)
            b = lib.x12_claimstatus_link_batch(link, i)
            out.append(LinkedClaim(
                claim=_sent_claim(lib.x12_claimstatus_sent_at(sent, i)),
                outcome=OUTCOMES[lib.x12_claimstatus_link_outcome(link, i)],
                answer=claim_at.get(a) if a else None,
                batch=batch_at.get(b) if b else None))
        unmatched = [claim_at[lib.x12_claimstatus_link_unmatched_at(link, i)]
                     for i in range(lib.x12_claimstatus_link_unmatched_count(link))]
        return Worklist(claims=out, unmatched=unmatched, batches=report.batches,
                        problems=sent_problems + report.problems,
                        problems_dropped=(lib.x12_claimstatus_sent_errors_dropped(sent) +
                                          report.problems_dropped))
    finally:
        lib.x12_claimstatus_link_free(link)
        lib.x12_claimstatus_doc_free(doc)
        lib.x12_claimstatus_sent_free(sent)
