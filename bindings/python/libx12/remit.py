"""835 remittances as dataclasses: payments -> claims -> service lines ->
adjustments.  Money is int cents; amounts are parsed by the library from
the decimal text, never through floating point."""

import ctypes
import os
from dataclasses import dataclass, field
from typing import List, Optional

from ._lib import Handle, cstr, lib, path_arg, text_arg, view
from .errors import X12Error, check, problem_from_error
from .segments import open_input

__all__ = ["Party", "Adjustment", "Remark", "Service", "Claim", "ProviderAdjustment",
           "Payment", "Remittance", "parse_835", "stream_claims", "RemitStream", "code_text"]

_X12_OK, _X12_END = 0, 1
_EV_PAYMENT, _EV_CLAIM, _EV_PAYMENT_END = 1, 2, 3
_CODESETS = {"carc": 1, "rarc": 2, "claim_status": 3, "group": 4, "plb_reason": 5}
_SHARES = (("deductible", 1), ("coinsurance", 2), ("copay", 3), ("other", 4), ("total", 5))


def _t(s):
    return view(s).decode("latin-1")


def code_text(codeset, code):
    """Our plain-English description of a code, or "" when it is not in
    the list.  codeset: "carc", "rarc", "claim_status", "group",
    "plb_reason"."""
    if codeset not in _CODESETS:
        raise ValueError("codeset: one of %s" % ", ".join(_CODESETS))
    b = text_arg(code, "code", "latin-1")
    return cstr(lib.x12_remit_code_text(_CODESETS[codeset], b, len(b)))


@dataclass
class Party:
    """A payer, payee or a name in a claim (N1/NM1 with N3/N4)."""

    entity: str
    name: str
    first_name: str = ""
    middle_name: str = ""
    suffix: str = ""
    id_qualifier: str = ""
    id: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass
class Adjustment:
    """One CAS triplet.  ``line`` is 0 at claim level, else the 1-based
    service line."""

    group: str
    reason: str
    amount_cents: int
    quantity: str = ""
    line: int = 0
    reason_text: str = ""


@dataclass
class Remark:
    """A remark code from MIA, MOA (claim) or LQ (line)."""

    source: str
    qualifier: str
    code: str
    text: str = ""


@dataclass
class Service:
    """A service line (2110)."""

    line: int
    qualifier: str
    procedure: str
    modifiers: List[str]
    revenue_code: str
    charge_cents: int
    paid_cents: int
    allowed_cents: Optional[int]
    units: str
    units_milli: int
    service_date: str
    service_from: str
    service_to: str
    line_item_control_number: str
    outcome: str
    balanced: bool
    patient_share_cents: int
    adjustments: List[Adjustment]
    remarks: List[Remark]
    segment_number: int


@dataclass
class Claim:
    """A claim payment (2100) with its lines.  ``outcome`` is "paid",
    "partially_paid", "denied", "no_payment", "reversed", "forwarded" or
    "predetermination"; ``denial_reasons`` the adjustments that explain a
    denial or partial payment; ``patient_share`` the PR adjustments by kind
    (deductible, coinsurance, copay, other, total), in cents."""

    index: int
    patient_control_number: str
    status: str
    status_text: str
    outcome: str
    forwarded: bool
    charge_cents: int
    paid_cents: int
    patient_responsibility_cents: int
    patient_share: dict
    filing_indicator: str
    payer_claim_control_number: str
    facility_code: str
    frequency: str
    drg: str
    statement_from: str
    statement_to: str
    patient: Optional[Party]
    insured: Optional[Party]
    adjustments: List[Adjustment]
    remarks: List[Remark]
    services: List[Service]
    denial_reasons: List[Adjustment]
    reversal_of: Optional[int]
    balanced: bool
    segment_number: int
    offset: int
    problems: list
    payment_index: int
    # The payment this claim came in (header fields); not compared.
    payment: Optional["Payment"] = field(default=None, repr=False, compare=False)

    @property
    def denied(self):
        return self.outcome == "denied"


@dataclass
class ProviderAdjustment:
    """One PLB reason/amount pair; positive reduces the payment."""

    provider: str
    fiscal_period_date: str
    reason: str
    reference: str
    amount_cents: int
    reason_text: str = ""


@dataclass
class Payment:
    """One 835 transaction set: the payment (BPR/TRN), payer, payee, its
    claims, provider adjustments (PLB) and totals.  In a stream the claims
    list stays empty and the totals are set when the payment ends."""

    index: int
    control_number: str
    amount_cents: int
    credit_debit: str
    method: str
    payment_format: str
    payment_date: str
    trace_number: str
    trace_originator: str
    receiver_id: str
    payer: Optional[Party]
    payee: Optional[Party]
    segment_number: int
    claims: List[Claim] = field(default_factory=list)
    provider_adjustments: List[ProviderAdjustment] = field(default_factory=list)
    claim_count: int = 0
    line_count: int = 0
    charge_total_cents: int = 0
    paid_total_cents: int = 0
    provider_adjustment_total_cents: int = 0
    balanced: bool = False
    problems: list = field(default_factory=list)


@dataclass
class Remittance:
    """A whole 835 file: payments, and every diagnostic in input order."""

    payments: List[Payment]
    problems: list

    @property
    def claims(self):
        return [c for p in self.payments for c in p.claims]


# ---- copying from C -------------------------------------------------------------


def _party(n):
    if not n:
        return None
    f = [_t(lib.x12_remit_name_field_value(n, i)) for i in range(1, 16)]
    return Party(entity=f[0], name=f[2], first_name=f[3], middle_name=f[4], suffix=f[5],
                 id_qualifier=f[6], id=f[7], address1=f[8], address2=f[9], city=f[10],
                 state=f[11], postal_code=f[12], country=f[13])


def _adjustment(a):
    reason = _t(lib.x12_remit_adjustment_reason(a))
    return Adjustment(group=_t(lib.x12_remit_adjustment_group(a)), reason=reason,
                      amount_cents=lib.x12_remit_adjustment_amount_cents(a),
                      quantity=_t(lib.x12_remit_adjustment_quantity(a)),
                      line=lib.x12_remit_adjustment_line(a),
                      reason_text=code_text("carc", reason))


def _remark(r):
    q = _t(lib.x12_remit_remark_qualifier(r))
    code = _t(lib.x12_remit_remark_code(r))
    return Remark(source=cstr(lib.x12_remit_remark_source(r)), qualifier=q, code=code,
                  text=code_text("rarc", code) if q == "HE" else "")


def _list(count, at, h, conv):
    return [conv(at(h, i)) for i in range(count(h))]


def _problems(count, at, h):
    return [problem_from_error(at(h, i), "remit") for i in range(count(h))]


def _service(s):
    sv = lambda f: _t(lib.x12_remit_service_field_value(s, f))  # noqa: E731
    date = lambda q: _t(lib.x12_remit_service_find_date(s, q))  # noqa: E731
    return Service(
        line=lib.x12_remit_service_index(s) + 1,
        qualifier=sv(1), procedure=sv(2),
        modifiers=[m for m in (sv(3), sv(4), sv(5), sv(6)) if m],
        revenue_code=sv(8),
        charge_cents=lib.x12_remit_service_charge_cents(s),
        paid_cents=lib.x12_remit_service_paid_cents(s),
        allowed_cents=(lib.x12_remit_service_allowed_cents(s)
                       if lib.x12_remit_service_has_allowed(s) else None),
        units=sv(9) or "1",
        units_milli=lib.x12_remit_service_units_milli(s),
        service_date=date(b"472"), service_from=date(b"150"), service_to=date(b"151"),
        line_item_control_number=sv(18),
        outcome=cstr(lib.x12_remit_outcome_name(lib.x12_remit_service_outcome(s))),
        balanced=bool(lib.x12_remit_service_balanced(s)),
        patient_share_cents=lib.x12_remit_service_patient_share_cents(s, 5),
        adjustments=_list(lib.x12_remit_service_adjustment_count,
                          lib.x12_remit_service_adjustment_at, s, _adjustment),
        remarks=_list(lib.x12_remit_service_remark_count, lib.x12_remit_service_remark_at, s,
                      _remark),
        segment_number=lib.x12_remit_service_segment_number(s))


def _claim(c, payment=None):
    cf = lambda f: _t(lib.x12_remit_claim_field_value(c, f))  # noqa: E731
    date = lambda q: _t(lib.x12_remit_claim_find_date(c, q))  # noqa: E731
    rev = lib.x12_remit_claim_reversal_of(c)
    p = lib.x12_remit_claim_payment(c)
    return Claim(
        index=lib.x12_remit_claim_index(c),
        patient_control_number=cf(1), status=cf(2),
        status_text=cstr(lib.x12_remit_claim_status_text(c)),
        outcome=cstr(lib.x12_remit_outcome_name(lib.x12_remit_claim_outcome(c))),
        forwarded=bool(lib.x12_remit_claim_forwarded(c)),
        charge_cents=lib.x12_remit_claim_charge_cents(c),
        paid_cents=lib.x12_remit_claim_paid_cents(c),
        patient_responsibility_cents=lib.x12_remit_claim_patient_resp_cents(c),
        patient_share={k: lib.x12_remit_claim_patient_share_cents(c, v) for k, v in _SHARES},
        filing_indicator=cf(6), payer_claim_control_number=cf(7), facility_code=cf(8),
        frequency=cf(9), drg=cf(11),
        statement_from=date(b"232"), statement_to=date(b"233"),
        patient=_party(lib.x12_remit_claim_find_name(c, b"QC")),
        insured=_party(lib.x12_remit_claim_find_name(c, b"IL")),
        adjustments=_list(lib.x12_remit_claim_adjustment_count,
                          lib.x12_remit_claim_adjustment_at, c, _adjustment),
        remarks=_list(lib.x12_remit_claim_remark_count, lib.x12_remit_claim_remark_at, c,
                      _remark),
        services=_list(lib.x12_remit_claim_service_count, lib.x12_remit_claim_service_at, c,
                       _service),
        denial_reasons=_list(lib.x12_remit_claim_denial_reason_count,
                             lib.x12_remit_claim_denial_reason_at, c, _adjustment),
        reversal_of=rev - 1 if rev else None,
        balanced=bool(lib.x12_remit_claim_balanced(c)),
        segment_number=lib.x12_remit_claim_segment_number(c),
        offset=lib.x12_remit_claim_offset(c),
        problems=_problems(lib.x12_remit_claim_issue_count, lib.x12_remit_claim_issue_at, c),
        payment_index=lib.x12_remit_payment_index(p) if p else 0,
        payment=payment)


def _payment_header(p):
    pf = lambda f: _t(lib.x12_remit_payment_field_value(p, f))  # noqa: E731
    return Payment(
        index=lib.x12_remit_payment_index(p), control_number=pf(1),
        amount_cents=lib.x12_remit_payment_amount_cents(p), credit_debit=pf(3), method=pf(4),
        payment_format=pf(5), payment_date=pf(16), trace_number=pf(18),
        trace_originator=pf(19), receiver_id=pf(23),
        payer=_party(lib.x12_remit_payment_payer(p)),
        payee=_party(lib.x12_remit_payment_payee(p)),
        segment_number=lib.x12_remit_payment_segment_number(p))


def _plb(b):
    reason = _t(lib.x12_remit_plb_reason(b))
    return ProviderAdjustment(provider=_t(lib.x12_remit_plb_provider(b)),
                              fiscal_period_date=_t(lib.x12_remit_plb_date(b)), reason=reason,
                              reference=_t(lib.x12_remit_plb_reference(b)),
                              amount_cents=lib.x12_remit_plb_amount_cents(b),
                              reason_text=code_text("plb_reason", reason))


def _payment_trailer(out, p):
    out.provider_adjustments = _list(lib.x12_remit_payment_plb_count,
                                     lib.x12_remit_payment_plb_at, p, _plb)
    out.claim_count = lib.x12_remit_payment_claim_total(p)
    out.line_count = lib.x12_remit_payment_line_total(p)
    out.charge_total_cents = lib.x12_remit_payment_charge_total_cents(p)
    out.paid_total_cents = lib.x12_remit_payment_paid_total_cents(p)
    out.provider_adjustment_total_cents = lib.x12_remit_payment_plb_total_cents(p)
    out.balanced = bool(lib.x12_remit_payment_balanced(p))
    out.problems = _problems(lib.x12_remit_payment_issue_count,
                             lib.x12_remit_payment_issue_at, p)
    return out


# ---- whole file --------------------------------------------------------------------


def parse_835(source):
    """Parses a whole 835 (a path or bytes, gzip allowed) into a Remittance.

    Balancing problems and malformed amounts are Problems on the claim,
    payment or Remittance; a file that does not balance still parses.
    Raises X12Error when the input cannot be read or the reader cannot go
    on (status, message and position of the fatal error).
    """
    doc = ctypes.c_void_p()
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if data[:2] == b"\x1f\x8b":
            return _collect(data)  # the buffer call does not take gzip
        st = lib.x12_remit_parse_buffer(None, data, len(data), ctypes.byref(doc))
    elif isinstance(source, (str, os.PathLike)):
        data = source
        st = lib.x12_remit_parse_path(None, path_arg(source, "source"), ctypes.byref(doc))
        if st == 5:
            raise X12Error(st, "cannot open %s" % os.fsdecode(source))
    else:
        raise TypeError("source must be a path (str, os.PathLike) or bytes, not %s"
                        % type(source).__name__)
    if st != _X12_OK:
        # The tree call keeps no error record: reading again as a stream
        # raises the fatal error with its position.
        _collect(data)
        raise X12Error(st)
    try:
        return _from_doc(doc)
    finally:
        lib.x12_remit_doc_free(doc)


def _from_doc(doc):
    payments = []
    for i in range(lib.x12_remit_doc_payment_count(doc)):
        p = lib.x12_remit_doc_payment_at(doc, i)
        pay = _payment_header(p)
        pay.claims = [_claim(lib.x12_remit_payment_claim_at(p, k), pay)
                      for k in range(lib.x12_remit_payment_claim_count(p))]
        payments.append(_payment_trailer(pay, p))
    return Remittance(payments=payments,
                      problems=_problems(lib.x12_remit_doc_error_count,
                                         lib.x12_remit_doc_error_at, doc))


def _collect(source):
    """A Remittance from the stream (gzip bytes go through the push feed)."""
    s = RemitStream(source, keep_claims=True)
    for _ in s:
        pass
    return Remittance(payments=s.payments, problems=s.problems)


# ---- streaming ------------------------------------------------------------------------


class RemitStream(Handle):
    """Iterates the claims of an 835 one at a time, in constant memory
    (the C stream holds one claim; each is copied into a Claim).

    ``payment`` is the current Payment (header; at its end also the
    totals and provider adjustments).  ``problems`` holds the diagnostics
    found since the previous claim (reader, envelope and remittance ones; those
    inside a claim are also on the claim), so memory stays constant.  A
    fatal reader error raises X12Error with its position.  Shared by
    threads, each claim goes to one of them (see Handle); next() after
    close() raises ValueError.
    """

    def __init__(self, source, *, keep_claims=False):
        self._open_handle()
        self._s = None
        s = ctypes.c_void_p()
        check(lib.x12_remit_stream_new(None, None, ctypes.byref(s)), "x12_remit_stream_new")
        self._s = s
        try:
            self._keep = open_input(lib.x12_remit_stream_reader(s), source)
        except BaseException:
            self.close()
            raise
        self._keep_claims = keep_claims
        self.payment = None
        self.payments = []  # kept only with keep_claims
        self.problems = []

    def _free(self):
        if self._s:
            lib.x12_remit_stream_free(self._s)
            self._s = None
            self._keep = None

    def _next(self):
        ev = ctypes.c_int()
        if not self._keep_claims:
            self.problems = []
        while True:
            st = lib.x12_remit_stream_next(self._s, ctypes.byref(ev))
            self.problems.extend(_problems(lib.x12_remit_stream_error_count,
                                           lib.x12_remit_stream_error_at, self._s))
            if st == _X12_END:
                self._finish()
                raise StopIteration
            if st != _X12_OK:
                err = X12Error.from_error(st, lib.x12_remit_stream_last_error(self._s))
                self._finish()
                raise err
            if ev.value == _EV_PAYMENT:
                self.payment = _payment_header(lib.x12_remit_stream_payment(self._s))
                if self._keep_claims:
                    self.payments.append(self.payment)
            elif ev.value == _EV_PAYMENT_END:
                p = lib.x12_remit_stream_payment(self._s)
                if self.payment is None:
                    self.payment = _payment_header(p)
                    if self._keep_claims:
                        self.payments.append(self.payment)
                _payment_trailer(self.payment, p)
                self.payment = None
            elif ev.value == _EV_CLAIM:
                c = _claim(lib.x12_remit_stream_claim(self._s), self.payment)
                if self._keep_claims and self.payment is not None:
                    self.payment.claims.append(c)
                return c


def stream_claims(source):
    """Yields each Claim of an 835 (path or bytes) as it is read, in
    constant memory; ``claim.payment`` is its payment's header."""
    with RemitStream(source) as s:
        yield from s
