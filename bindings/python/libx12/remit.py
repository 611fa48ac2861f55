"""835 remittances as dataclasses: payments -> claims -> service lines ->
adjustments.  Money is int cents; amounts are parsed by the library from
the decimal text, never through floating point.

Both readers go through the library's column batches (libx12.tables,
libx12-tables(3)): a batch of claims crosses into Python as a few dozen
column copies, not hundreds of ctypes calls per claim.  A claim names its
payment by index (``payment_index``); ``claim.payment`` is a property, not
a field, so ``dataclasses.asdict`` never walks from a claim back into its
payment's claims."""

from __future__ import annotations

import collections
import gc
import sys
import weakref
from dataclasses import dataclass, field, fields
from typing import (TYPE_CHECKING, Any, Deque, Dict, Iterator, List, Optional, Tuple,
                    Union)

from ._lib import Handle, X12Str, cstr, deprecated_getattr, lib, text_arg, view
from .errors import Problem, status_of
from .tables import RemitSource, TablesHandle

__all__ = ["Party", "Adjustment", "Remark", "Service", "ClaimPayment", "ProviderAdjustment",
           "Payment", "Remittance", "parse_835", "stream_claims", "RemitStream", "code_text"]

_X12_OK, _X12_END = 0, 1
_EV_PAYMENT, _EV_CLAIM, _EV_PAYMENT_END = 1, 2, 3
_CODESETS = {"carc": 1, "rarc": 2, "claim_status": 3, "group": 4, "plb_reason": 5}
_SHARES = (("deductible", 1), ("coinsurance", 2), ("copay", 3), ("other", 4), ("total", 5))


def _t(s: X12Str) -> str:
    return view(s).decode("latin-1")


def code_text(codeset: str, code: Union[str, bytes]) -> str:
    """Our plain-English description of a code, or "" when it is not in
    the list.  codeset: "carc", "rarc", "claim_status", "group",
    "plb_reason"."""
    if codeset not in _CODESETS:
        raise ValueError("codeset: one of %s" % ", ".join(_CODESETS))
    b = text_arg(code, "code", "latin-1")
    return cstr(lib.x12_remit_code_text(_CODESETS[codeset], b, len(b)))


# Slotted dataclasses (Python 3.10 and later) take a fraction of the memory
# of dict-backed ones: parse_835 of a 100 MB ERA builds millions of them.
_SLOTS: Dict[str, Any] = {"slots": True} if sys.version_info >= (3, 10) else {}


class _Linked:
    """Storage for ClaimPayment.payment outside the dataclass fields (so
    asdict, ==, repr and copies never follow it)."""

    __slots__ = ("_payment",)

    _payment: Any


class _Weakly:
    """Lets a slotted Payment be referred to weakly."""

    __slots__ = ("__weakref__",)


@dataclass(**_SLOTS)
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


@dataclass(**_SLOTS)
class Adjustment:
    """One CAS triplet.  ``line`` is 0 at claim level, else the 1-based
    service line."""

    group: str
    reason: str
    amount_cents: int
    quantity: str = ""
    line: int = 0
    reason_text: str = ""


@dataclass(**_SLOTS)
class Remark:
    """A remark code from MIA, MOA (claim) or LQ (line)."""

    source: str
    qualifier: str
    code: str
    text: str = ""


@dataclass(**_SLOTS)
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


@dataclass(**_SLOTS)
class ClaimPayment(_Linked):
    """A claim payment (2100) with its lines: the 835's claim (the 837's is
    libx12.Claim837; libx12.Claim is a deprecated name of this class).
    ``outcome`` is "paid", "partially_paid", "denied", "no_payment",
    "reversed", "forwarded" or "predetermination"; ``denial_reasons`` the adjustments that explain a
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
    patient_share: Dict[str, int]
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
    problems: List[Problem]
    payment_index: int

    @property
    def denied(self) -> bool:
        """True when the outcome is "denied"."""
        return self.outcome == "denied"

    @property
    def payment(self) -> Optional[Payment]:
        """The Payment this claim came in, or None.  From stream_claims:
        its header at once, its totals once it has ended; from parse_835:
        the payment that lists the claim (held weakly: the payment owns its
        claims, a claim only names its payment by ``payment_index``)."""
        p = getattr(self, "_payment", None)
        got = p() if isinstance(p, weakref.ref) else p
        return got if isinstance(got, Payment) else None


@dataclass(**_SLOTS)
class ProviderAdjustment:
    """One PLB reason/amount pair; positive reduces the payment."""

    provider: str
    fiscal_period_date: str
    reason: str
    reference: str
    amount_cents: int
    reason_text: str = ""


@dataclass(**_SLOTS)
class Payment(_Weakly):
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
    claims: List[ClaimPayment] = field(default_factory=list)
    provider_adjustments: List[ProviderAdjustment] = field(default_factory=list)
    claim_count: int = 0
    line_count: int = 0
    charge_total_cents: int = 0
    paid_total_cents: int = 0
    provider_adjustment_total_cents: int = 0
    balanced: bool = False
    problems: List[Problem] = field(default_factory=list)


@dataclass(**_SLOTS)
class Remittance:
    """A whole 835 file: payments, and every diagnostic in input order."""

    payments: List[Payment]
    problems: List[Problem]

    @property
    def claims(self) -> List[ClaimPayment]:
        """Every claim of every payment, in order."""
        return [c for p in self.payments for c in p.claims]


# ---- from C ------------------------------------------------------------------------


def _party(n: Any) -> Optional[Party]:
    """A Party from a C x12_remit_name (the open payment's header)."""
    if not n:
        return None
    f = [_t(lib.x12_remit_name_get(n, i)) for i in range(1, 16)]
    return Party(entity=f[0], name=f[2], first_name=f[3], middle_name=f[4], suffix=f[5],
                 id_qualifier=f[6], id=f[7], address1=f[8], address2=f[9], city=f[10],
                 state=f[11], postal_code=f[12], country=f[13])


def _payment_header(p: Any) -> Payment:
    """A Payment's header from a C x12_remit_payment: for the payment whose
    claims have come but whose row (at its end) has not."""
    def pf(f: int) -> str:
        return _t(lib.x12_remit_payment_get(p, f))

    return Payment(
        index=lib.x12_remit_payment_index(p), control_number=pf(1),
        amount_cents=lib.x12_remit_payment_amount_cents(p), credit_debit=pf(3), method=pf(4),
        payment_format=pf(5), payment_date=pf(16), trace_number=pf(18),
        trace_originator=pf(19), receiver_id=pf(23),
        payer=_party(lib.x12_remit_payment_payer(p)),
        payee=_party(lib.x12_remit_payment_payee(p)),
        segment_number=lib.x12_remit_payment_segment_number(p))


# ---- from the column batches -----------------------------------------------------

# Field order of the dataclasses built positionally below (fast); checked
# here so that a field added to a class cannot shift the others silently.
_ADJ_FIELDS = ("group", "reason", "amount_cents", "quantity", "line", "reason_text")
_REMARK_FIELDS = ("source", "qualifier", "code", "text")
_SERVICE_FIELDS = ("line", "qualifier", "procedure", "modifiers", "revenue_code",
                   "charge_cents", "paid_cents", "allowed_cents", "units", "units_milli",
                   "service_date", "service_from", "service_to", "line_item_control_number",
                   "outcome", "balanced", "patient_share_cents", "adjustments", "remarks",
                   "segment_number")
_CLAIM_FIELDS = ("index", "patient_control_number", "status", "status_text", "outcome",
                 "forwarded", "charge_cents", "paid_cents", "patient_responsibility_cents",
                 "patient_share", "filing_indicator", "payer_claim_control_number",
                 "facility_code", "frequency", "drg", "statement_from", "statement_to",
                 "patient", "insured", "adjustments", "remarks", "services", "denial_reasons",
                 "reversal_of", "balanced", "segment_number", "offset", "problems",
                 "payment_index")
for _cls, _names in ((Adjustment, _ADJ_FIELDS), (Remark, _REMARK_FIELDS),
                     (Service, _SERVICE_FIELDS), (ClaimPayment, _CLAIM_FIELDS)):
    assert tuple(f.name for f in fields(_cls)) == _names, _cls


# Pickling and copying (multiprocessing, Dask, copy.deepcopy) take a
# claim's fields only: its link to its payment is a weak reference in a tree,
# which cannot be pickled, and a payment restored with its claims links
# them again.  A claim restored on its own names its payment by
# payment_index (its .payment is None).
def _claim_getstate(self: ClaimPayment) -> Tuple[Any, ...]:
    return tuple(getattr(self, n) for n in _CLAIM_FIELDS)


def _claim_setstate(self: ClaimPayment, state: Tuple[Any, ...]) -> None:
    for n, v in zip(_CLAIM_FIELDS, state):
        object.__setattr__(self, n, v)


def _payment_getstate(self: Payment) -> Tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in fields(Payment))


def _payment_setstate(self: Payment, state: Tuple[Any, ...]) -> None:
    for f, v in zip(fields(Payment), state):
        object.__setattr__(self, f.name, v)
    ref = weakref.ref(self)
    for c in self.claims:
        c._payment = ref


setattr(ClaimPayment, "__getstate__", _claim_getstate)
setattr(ClaimPayment, "__setstate__", _claim_setstate)
setattr(Payment, "__getstate__", _payment_getstate)
setattr(Payment, "__setstate__", _payment_setstate)

_T_PAYMENTS, _T_CLAIMS, _T_LINES, _T_ADJ, _T_REMARKS, _T_PLB, _T_DIAG = range(7)
_SEVERITY = {"warning": "warning", "error": "error", "fatal": "fatal"}


def _spans(keys: List[int], first: int, n: int) -> List[int]:
    """Start of each of claims first .. first+n-1 (and the end) in a child
    table's claim_index column, which runs in claim order."""
    count = collections.Counter(keys)
    out = [0] * (n + 1)
    at = 0
    for i in range(n):
        out[i] = at
        at += count.get(first + i, 0)
    out[n] = at
    return out


def _problem_rows(h: TablesHandle) -> Tuple[List[Problem], List[Any], List[Any], List[Any]]:
    """The batch's diagnostics as Problems, with the payment and claim each
    belongs to and the claim it came before."""
    d = h.pylists(_T_DIAG)
    probs = list(map(
        lambda sev, seg, sid, loop, el, comp, rep, off, msg, rule, st: Problem(
            "remit", "", sev, seg, sid, loop, el, comp, rep, off, msg, rule, 0, "", "", st),
        d["severity"], d["segment_number"], d["segment"], d["loop"], d["element"],
        d["component"], d["repetition"], d["offset"], d["message"], d["rule"],
        map(status_of, d["status"])))
    return probs, d["payment_index"], d["claim_index"], d["before_claim"]


def _party_row(entity: str, name: Optional[str], first: Optional[str], middle: Optional[str],
               suffix: Optional[str], idq: Optional[str], ident: Optional[str],
               a1: Optional[str] = "", a2: Optional[str] = "", city: Optional[str] = "",
               state: Optional[str] = "", postal: Optional[str] = "",
               country: Optional[str] = "") -> Optional[Party]:
    # A party's columns are all NULL when it is absent; an address's when
    # it has no N3/N4 (then "", as the C accessors give).
    if name is None:
        return None
    return Party(entity, name, first or "", middle or "", suffix or "", idq or "", ident or "",
                 a1 or "", a2 or "", city or "", state or "", postal or "", country or "")


class _Reader:
    """Dataclasses from the column batches of one input: claims with their
    lines, adjustments, remarks and problems; payments as their rows come
    (at their ends)."""

    def __init__(self, source: RemitSource, batch_claims: int) -> None:
        self.h = TablesHandle(source, batch_claims=batch_claims, max_errors=0,
                              dates_as_text=True)
        # claim_index -> [Problem], payment_index -> [Problem]
        self.claim_problems: Dict[int, List[Problem]] = collections.defaultdict(list)
        self.payment_problems: Dict[int, List[Problem]] = collections.defaultdict(list)

    def close(self) -> None:
        self.h.close()

    def batch(self) -> Optional[Tuple[List[ClaimPayment], List[Payment], List[Problem],
                                      List[Any]]]:
        """The next batch as (claims, payment rows, problems, before), or
        None at the end.  ``before`` is each problem's before_claim."""
        h = self.h
        if not h.next():
            return None
        probs, pays, claims_of, before = _problem_rows(h)
        for p, pi, ci in zip(probs, pays, claims_of):
            if ci is not None:
                self.claim_problems[ci].append(p)
            elif pi is not None:
                self.payment_problems[pi].append(p)
        return self._claims(), self._payments(), probs, before

    def _claims(self) -> List[ClaimPayment]:
        h = self.h
        first = h.first_claim()
        C = h.pylists(_T_CLAIMS)
        n = len(C["claim_index"])
        if n == 0:
            return []
        L = h.pylists(_T_LINES)
        A = h.pylists(_T_ADJ)
        R = h.pylists(_T_REMARKS)
        adjs = list(map(Adjustment, A["group"], A["reason"], A["amount_cents"], A["quantity"],
                        A["line"], A["reason_text"]))
        rems = list(map(Remark, R["source"], R["qualifier"], R["code"], R["text"]))
        a_line, a_denial, r_line = A["line"], A["denial_reason"], R["line"]
        l_span = _spans(L["claim_index"], first, n)
        a_span = _spans(A["claim_index"], first, n)
        r_span = _spans(R["claim_index"], first, n)
        mods = list(map(lambda *m: [x for x in m if x], L["modifiers_1"], L["modifiers_2"],
                        L["modifiers_3"], L["modifiers_4"]))
        lcols = (L["line"], L["qualifier"], L["procedure"], mods, L["revenue_code"],
                 L["charge_cents"], L["paid_cents"], L["allowed_cents"], L["units"],
                 L["units_milli"], L["service_date"], L["service_from"], L["service_to"],
                 L["line_item_control_number"], L["outcome"], L["balanced"],
                 L["patient_share_total_cents"], L["segment_number"])
        lrows = list(zip(*lcols))
        patients = list(map(_party_row, ["QC"] * n, C["patient_name"], C["patient_first_name"],
                            C["patient_middle_name"], C["patient_suffix"],
                            C["patient_id_qualifier"], C["patient_id"]))
        insureds = list(map(_party_row, ["IL"] * n, C["insured_name"], C["insured_first_name"],
                            C["insured_middle_name"], C["insured_suffix"],
                            C["insured_id_qualifier"], C["insured_id"]))
        shares = list(map(lambda d, c, p, o, t: {"deductible": d, "coinsurance": c, "copay": p,
                                                 "other": o, "total": t},
                          C["patient_share_deductible_cents"],
                          C["patient_share_coinsurance_cents"], C["patient_share_copay_cents"],
                          C["patient_share_other_cents"], C["patient_share_total_cents"]))
        claim_problems = self.claim_problems
        crows = zip(C["index_in_payment"], C["patient_control_number"], C["status"],
                    C["status_text"], C["outcome"], C["forwarded"], C["charge_cents"],
                    C["paid_cents"], C["patient_responsibility_cents"], shares,
                    C["filing_indicator"], C["payer_claim_control_number"],
                    C["facility_code"], C["frequency"], C["drg"], C["statement_from"],
                    C["statement_to"], patients, insureds, C["reversal_of"], C["balanced"],
                    C["segment_number"], C["offset"], C["payment_index"])
        out = []
        for k, cr in enumerate(crows):
            ci = first + k
            a0, a1 = a_span[k], a_span[k + 1]
            r0, r1 = r_span[k], r_span[k + 1]
            i = a0
            while i < a1 and a_line[i] == 0:
                i += 1
            claim_adj = adjs[a0:i]
            j = r0
            while j < r1 and r_line[j] == 0:
                j += 1
            claim_rem = rems[r0:j]
            services = []
            for row in lrows[l_span[k]:l_span[k + 1]]:
                line = row[0]
                i0 = i
                while i < a1 and a_line[i] == line:
                    i += 1
                j0 = j
                while j < r1 and r_line[j] == line:
                    j += 1
                services.append(Service(line, row[1], row[2], row[3], row[4], row[5], row[6],
                                        row[7], row[8], row[9], row[10], row[11], row[12],
                                        row[13], row[14], row[15], row[16], adjs[i0:i],
                                        rems[j0:j], row[17]))
            denial = [adjs[x] for x in range(a0, a1) if a_denial[x]]
            rev = cr[19]
            out.append(ClaimPayment(
                cr[0], cr[1], cr[2], cr[3], cr[4], cr[5], cr[6], cr[7], cr[8], cr[9], cr[10],
                cr[11], cr[12], cr[13], cr[14], cr[15], cr[16], cr[17], cr[18], claim_adj,
                claim_rem, services, denial,
                # the table names the reversal by claim_index, the claim by its
                # place in the payment (as before)
                None if rev is None else rev - (ci - cr[0]),
                cr[20], cr[21], cr[22], claim_problems.pop(ci, []) if claim_problems else [],
                cr[23]))
        return out

    def _payments(self) -> List[Payment]:
        """The payment rows of the batch, as (payment_index, Payment with
        header, totals, provider adjustments and problems; claims [])."""
        h = self.h
        P = h.pylists(_T_PAYMENTS)
        if not P["payment_index"]:
            return []
        B = h.pylists(_T_PLB)
        plbs = collections.defaultdict(list)
        for row in zip(B["payment_index"], B["provider"], B["fiscal_period_date"], B["reason"],
                       B["reference"], B["amount_cents"], B["reason_text"]):
            plbs[row[0]].append(ProviderAdjustment(*row[1:]))
        out = []
        for k, pi in enumerate(P["payment_index"]):
            def party(pre: str, entity: str) -> Optional[Party]:
                return _party_row(entity, P[pre + "_name"][k], "", "", "",
                                  P[pre + "_id_qualifier"][k], P[pre + "_id"][k],
                                  P[pre + "_address_line1"][k], P[pre + "_address_line2"][k],
                                  P[pre + "_address_city"][k], P[pre + "_address_state"][k],
                                  P[pre + "_address_postal_code"][k],
                                  P[pre + "_address_country"][k])
            out.append(Payment(
                index=pi, control_number=P["control_number"][k],
                amount_cents=P["amount_cents"][k], credit_debit=P["credit_debit"][k],
                method=P["method"][k], payment_format=P["format"][k],
                payment_date=P["payment_date"][k], trace_number=P["trace_number"][k],
                trace_originator=P["trace_originator"][k], receiver_id=P["receiver_id"][k],
                payer=party("payer", "PR"), payee=party("payee", "PE"),
                segment_number=P["segment_number"][k],
                provider_adjustments=plbs.pop(pi, []),
                claim_count=P["totals_claims"][k], line_count=P["totals_lines"][k],
                charge_total_cents=P["totals_charge_cents"][k],
                paid_total_cents=P["totals_paid_cents"][k],
                provider_adjustment_total_cents=P["totals_provider_adjustment_cents"][k],
                balanced=P["balanced"][k], problems=self.payment_problems.pop(pi, [])))
        return out


def _end(payment: Payment, ended: Payment) -> Payment:
    """Fills a payment known by its header with what its row says at its
    end (totals, provider adjustments, balance, problems)."""
    for f in ("provider_adjustments", "claim_count", "line_count", "charge_total_cents",
              "paid_total_cents", "provider_adjustment_total_cents", "balanced", "problems"):
        setattr(payment, f, getattr(ended, f))
    return payment


# ---- whole file --------------------------------------------------------------------


def parse_835(source: RemitSource) -> Remittance:
    """Parses a whole 835 (a path, bytes or a binary file object; gzip
    allowed) into a Remittance.

    Balancing problems and malformed amounts are Problems on the claim,
    payment or Remittance; a file that does not balance still parses.
    Raises X12Error when the input cannot be read or the reader cannot go
    on (status, message and position of the fatal error).
    """
    r = _Reader(source, 5000)
    payments, problems = [], []
    waiting = collections.defaultdict(list)  # payment_index -> its claims, until its row
    # The objects made here hold no reference cycles (a claim names its
    # payment weakly), so the cyclic collector has nothing to find in
    # them; left on, it would scan the growing tree again and again
    # (about twice the time on large files).
    collect = gc.isenabled()
    gc.disable()
    try:
        while True:
            got = r.batch()
            if got is None:
                break
            claims, ended, probs, _ = got
            problems.extend(probs)
            for c in claims:
                waiting[c.payment_index].append(c)
            for p in ended:
                p.claims = waiting.pop(p.index, [])
                ref = weakref.ref(p)
                for c in p.claims:
                    c._payment = ref
                payments.append(p)
    finally:
        if collect:
            gc.enable()
        r.close()
    return Remittance(payments=payments, problems=problems)


# ---- streaming ------------------------------------------------------------------------

_STREAM_BATCH = 2000  # claims per batch: memory stays a few thousand claims


class RemitStream(Handle[ClaimPayment]):
    """Iterates the claims of an 835 one at a time, reading them a batch of
    claims at a time, so memory stays constant whatever the input's size.

    ``payment`` is the current claim's Payment (header; once the payment
    has ended also its totals and provider adjustments).  ``problems``
    holds the diagnostics found since the previous claim (reader, envelope
    and remittance ones; those inside a claim are also on the claim).  A
    fatal reader error raises X12Error with its position, after the claims
    read before it.  Shared by threads, each claim goes to one of them (see
    Handle); next() after close() raises ValueError.
    """

    payment: Optional[Payment]
    payments: List[Payment]
    problems: List[Problem]

    def __init__(self, source: RemitSource, *, keep_claims: bool = False) -> None:
        self._open_handle()
        self._r: Optional[_Reader] = None
        self._r = _Reader(source, _STREAM_BATCH)
        self._keep_claims = keep_claims
        self._queue: Deque[ClaimPayment] = collections.deque()
        self._open: Dict[int, Payment] = {}  # payment_index -> Payment not ended yet
        # before_claim -> [Problem]
        self._pending: Dict[int, List[Problem]] = collections.defaultdict(list)
        self._claims = 0         # claims handed out
        self.payment = None
        self.payments = []  # kept only with keep_claims
        self.problems = []

    def _free(self) -> None:
        if self._r is not None:
            self._r.close()
            self._r = None

    def _read(self) -> bool:
        # A batch's objects hold no reference cycles: the cyclic collector
        # is kept out of the way while they are made (see parse_835).
        collect = gc.isenabled()
        gc.disable()
        assert self._r is not None
        try:
            got = self._r.batch()
        finally:
            if collect:
                gc.enable()
        if got is None:
            return False
        claims, ended_rows, probs, before = got
        for prob, b in zip(probs, before):
            self._pending[b].append(prob)
        ended = {p.index: p for p in ended_rows}
        if claims:
            op = lib.x12_tables_open_payment(self._r.h._h)
            for c in claims:
                pi = c.payment_index
                pay = self._open.get(pi)
                if pay is None:
                    pay = ended.get(pi)
                    if pay is None and op and lib.x12_remit_payment_index(op) == pi:
                        pay = _payment_header(op)
                    if pay is not None:
                        self._open[pi] = pay
                        if self._keep_claims:
                            self.payments.append(pay)
                if pay is not None:
                    c._payment = pay
                    if self._keep_claims:
                        pay.claims.append(c)
            self._queue.extend(claims)
        for pi, p in ended.items():
            pay = self._open.pop(pi, None)
            if pay is None:
                if self._keep_claims:
                    self.payments.append(p)
            elif pay is not p:
                _end(pay, p)
        if self._keep_claims:
            self.payments.sort(key=lambda p: p.index)
        return True

    def _next(self) -> ClaimPayment:
        while not self._queue:
            try:
                more = self._read()
            except BaseException:
                self._finish()
                raise
            if not more:
                self._finish()
                self.problems = (self.problems if self._keep_claims else []) + \
                    self._pending.pop(self._claims, [])
                raise StopIteration
        c = self._queue.popleft()
        found = self._pending.pop(self._claims, [])
        if self._keep_claims:
            self.problems.extend(found)
        else:
            self.problems = found
        self._claims += 1
        self.payment = c.payment
        return c


def stream_claims(source: RemitSource) -> Iterator[ClaimPayment]:
    """Yields each ClaimPayment of an 835 (path, bytes or binary file
    object) as it is read, in constant memory; ``claim.payment`` is its Payment
    (header at once, totals once the payment has ended)."""
    with RemitStream(source) as s:
        yield from s


if TYPE_CHECKING:
    Claim = ClaimPayment  # deprecated name


# Claim was this class's name until the 837's claim got its own
# (Claim837): old code and old pickles still find it, with a warning.
__getattr__ = deprecated_getattr(__name__, {"Claim": ("ClaimPayment", lambda: ClaimPayment)})
