"""Eligibility: 270 inquiries built from dicts, 271 responses read into
dataclasses (005010X279A1), over the C eligibility module.

A request has the shape of the XML format (specs/eligibility.xsd,
examples/requests/eligibility.xml) with child elements as lists under
plural keys::

    {"interchange": {"sender_id": "SUBMITTER01", "receiver_id": "EHP01",
                     "date": "20251118", "time": "0900", "reference": "ELIG20251118",
                     "trace_originator": "1371234567", "control_number": 511},
     "inquiries": [{"service_types": ["30", "98"], "service_date": "20251120",
                    "payer": {"name": "EXAMPLE HEALTH PLAN", "id": "EHP01"},
                    "provider": {"name": "RIVERSIDE FAMILY PRACTICE", "npi": "1234567893"},
                    "subscriber": {"last_name": "DOE", "first_name": "JANE",
                                   "member_id": "XJ0000000001", "birth_date": "19800101"},
                    "dependent": {...}}]}

A 271 becomes an Eligibility: one Coverage per subscriber or dependent
answered (or per payer/provider level rejection), each with its typed
Benefits (EB), Summaries per service type and Rejections (AAA).  Money is
int cents and percents int basis points (2000 = 20%), parsed by the library
from the text, never through floating point.  The ``*_frame()`` methods
give pandas DataFrames; pandas is imported only when they are called.
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple,
                    Union)

from ._lib import Handle, Source, X12Str, cstr, lib, view
from .errors import Problem, X12Error, check, problem_from_error

if TYPE_CHECKING:
    import pandas as pd

# A failed request's X12Error, from (status, what).
_EditsError = Callable[[int, str], X12Error]
from .segments import open_input

__all__ = ["build_270", "build_270_xml", "parse_271", "iter_coverages", "CoverageStream",
           "Eligibility", "Coverage", "Benefit", "Summary", "Rejection", "EligParty",
           "BenefitEntity", "elig_code_text", "ELIG_REQUEST_KEYS"]

_X12_OK, _X12_END, _X12_EEDIT = 0, 1, 13

# Field name -> C enum value, as in include/x12/eligibility.h (and
# lib/elig_xml.c, which reads the same names from XML).
_REQUEST = {"sender_qualifier": 1, "sender_id": 2, "receiver_qualifier": 3, "receiver_id": 4,
            "gs_sender": 5, "gs_receiver": 6, "date": 7, "time": 8, "reference": 9,
            "trace_originator": 10}
_REQUEST_OPTIONS = {"control_number": 1, "group_control_number": 2, "set_control_number": 3,
                    "production": 4, "ack_requested": 5, "max_inquiries_per_set": 6}
_INQUIRY = {"procedure": 26, "procedure_qualifier": 27, "service_date": 23,
            "service_date_to": 24, "trace_number": 25}
_PAYER = {"name": 1, "id": 2, "id_qualifier": 3}
_PROVIDER = {"name": 4, "first_name": 5, "npi": 6, "taxonomy": 7}
_SUBSCRIBER = {"last_name": 8, "first_name": 9, "middle_name": 10, "suffix": 11,
               "member_id": 12, "birth_date": 13, "gender": 14, "group_number": 15}
_DEPENDENT = {"last_name": 16, "first_name": 17, "middle_name": 18, "suffix": 19,
              "birth_date": 20, "gender": 21, "relationship": 22}

# The keys a request may hold at each level (for callers that build one).
ELIG_REQUEST_KEYS = {
    "request": ("interchange", "inquiries"),
    "interchange": tuple(_REQUEST) + tuple(_REQUEST_OPTIONS),
    "inquiry": tuple(_INQUIRY) + ("service_types", "modifiers", "payer", "provider",
                                  "subscriber", "dependent"),
    "payer": tuple(_PAYER), "provider": tuple(_PROVIDER),
    "subscriber": tuple(_SUBSCRIBER), "dependent": tuple(_DEPENDENT),
}

_CODESETS = {"benefit": 1, "service_type": 2, "coverage_level": 3, "time_period": 4,
             "reject_reason": 5, "follow_up": 6}
_LEVELS = {1: "payer", 2: "provider", 3: "subscriber", 4: "dependent"}
_STATES = {0: "unknown", 1: "active", 2: "inactive", 3: "rejected"}
_NETWORK = {"Y": "in", "N": "out", "W": "both", "U": "unknown"}
# Summary measures: (name, C measure, unit suffix).
_MEASURES = (("deductible", 1), ("deductible_remaining", 2), ("out_of_pocket", 3),
             ("out_of_pocket_remaining", 4), ("copay", 5), ("coinsurance", 6),
             ("family_deductible", 7), ("family_deductible_remaining", 8),
             ("family_out_of_pocket", 9), ("family_out_of_pocket_remaining", 10))


def _t(s: X12Str) -> str:
    return view(s).decode("latin-1")


def elig_code_text(codeset: str, code: Union[str, bytes]) -> str:
    """Our description of an eligibility code, or "" when it is not in the
    list.  codeset: "benefit" (EB01), "service_type" (EB03/EQ01),
    "coverage_level" (EB02), "time_period" (EB06), "reject_reason" (AAA03),
    "follow_up" (AAA04)."""
    b = code.encode("latin-1") if isinstance(code, str) else bytes(code)
    return cstr(lib.x12_elig_code_text(_CODESETS[codeset], b, len(b)))


# ---- building 270s ------------------------------------------------------------------


def _b(v: object, path: str) -> bytes:
    if isinstance(v, bytes):
        return v
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        raise TypeError("%s: expected text, got %s" % (path, type(v).__name__))
    return str(v).encode("utf-8")


def _ok(st: int, path: str) -> None:
    if st != _X12_OK:
        raise X12Error(st, "%s: the library refused the value" % path)


def _known(d: object, allowed: Any, path: str) -> None:
    if not isinstance(d, dict):
        raise TypeError("%s: expected a dict, got %s" % (path, type(d).__name__))
    bad = sorted(set(d) - set(allowed))
    if bad:
        raise ValueError("%s: unknown field%s %s" % (path, "s" if len(bad) > 1 else "",
                                                      ", ".join(map(repr, bad))))


def _set_all(setter: Any, h: Any, d: Mapping[str, Any], table: Mapping[str, int],
             path: str) -> None:
    for k, v in d.items():
        if v is None:
            continue
        t = _b(v, path + "." + k)
        _ok(setter(h, table[k], t, len(t)), path + "." + k)


def _words(v: Any) -> List[Any]:
    return v.split() if isinstance(v, str) else list(v)


def _options(setter: Any, h: Any, d: Mapping[str, Any], table: Mapping[str, int],
             path: str) -> None:
    for k, f in table.items():
        if d.get(k) is None:
            continue
        v = d[k]
        if isinstance(v, bool):
            v = int(v)
        try:
            n = int(v)
        except (TypeError, ValueError):
            raise ValueError("%s.%s: not a number" % (path, k)) from None
        if n < 0 or setter(h, f, n) != _X12_OK:
            raise ValueError("%s.%s: out of range" % (path, k))


def _edits_error(count: Any, at: Any, path_at: Any, h: Any, status: int,
                 what: str) -> X12Error:
    probs = []
    for i in range(count(h)):
        p = path_at(h, i)
        probs.append(problem_from_error(at(h, i), "edit",
                                        path=p.decode("utf-8", "replace") if p else ""))
    lines = ["%s: %s: %s" % (p.path, p.rule, p.message) for p in probs]
    msg = "%d %s:\n  %s" % (len(probs), what, "\n  ".join(lines)) if lines else what
    first = probs[0] if probs else None
    return X12Error(status, msg, segment_id=first.segment_id if first else "",
                    loop_id=first.loop_id if first else "",
                    element=first.element if first else 0, rule=first.rule if first else "",
                    problems=probs)


def write_request(write: Any, check_fn: Any, edits: _EditsError, h: Any,
                  line_break: str) -> bytes:
    """Checks and writes a 270 or 276 request to bytes (shared with
    claimstatus).  ``edits`` builds the X12Error of failed edits."""
    st = check_fn(h)
    if st == _X12_EEDIT:
        raise edits(st, "pre-submission edit(s) failed")
    check(st, "check")
    w = ctypes.c_void_p()
    check(lib.x12_writer_new(None, ctypes.byref(w)), "x12_writer_new")
    try:
        check(lib.x12_writer_to_memory(w))
        check(lib.x12_writer_set_line_break(w, line_break.encode("ascii")), "line break")
        st = write(h, w)
        if st == _X12_EEDIT:
            raise edits(st, "pre-submission edit(s) failed")
        if st == _X12_OK:
            st = lib.x12_writer_finish(w)
        if st != _X12_OK:
            raise X12Error.from_error(st, lib.x12_writer_last_error(w))
        n = ctypes.c_size_t()
        p = lib.x12_writer_memory(w, ctypes.byref(n))
        return ctypes.string_at(p, n.value) if n.value else b""
    finally:
        lib.x12_writer_free(w)


def _elig_edits(rq: Any) -> _EditsError:
    return lambda st, what: _edits_error(lib.x12_elig_request_edit_count,
                                         lib.x12_elig_request_edit_at,
                                         lib.x12_elig_request_edit_path, rq, st, what)


def _inquiry(rq: Any, d: Mapping[str, Any], path: str) -> None:
    _known(d, ELIG_REQUEST_KEYS["inquiry"], path)
    q = ctypes.c_void_p()
    _ok(lib.x12_elig_request_add_inquiry(rq, ctypes.byref(q)), path)
    _set_all(lib.x12_elig_inquiry_set, q, {k: v for k, v in d.items() if k in _INQUIRY},
             _INQUIRY, path)
    for code in _words(d.get("service_types") or ()):
        t = _b(code, path + ".service_types")
        _ok(lib.x12_elig_inquiry_add_service_type(q, t, len(t)), path + ".service_types")
    for m in _words(d.get("modifiers") or ()):
        t = _b(m, path + ".modifiers")
        _ok(lib.x12_elig_inquiry_add_modifier(q, t, len(t)), path + ".modifiers")
    for part, table in (("payer", _PAYER), ("provider", _PROVIDER),
                        ("subscriber", _SUBSCRIBER), ("dependent", _DEPENDENT)):
        sub = d.get(part)
        if sub is None:
            continue
        _known(sub, table, path + "." + part)
        _set_all(lib.x12_elig_inquiry_set, q, sub, table, path + "." + part)


def build_270(request: Dict[str, Any], *, line_break: str = "\n") -> bytes:
    """Builds a 270 interchange from a request dict (see the module doc)
    and returns its bytes.

    Every pre-submission edit runs first (required names and ids, the NPI
    check digit, real dates, service type codes, ...): when any fails,
    X12Error X12_EEDIT is raised, its ``problems`` listing each failure
    with its path ("inquiry[2].subscriber.member_id"), rule and message.
    A value of the wrong type raises TypeError, an unknown key ValueError.
    """
    _known(request, ELIG_REQUEST_KEYS["request"], "request")
    ic = request.get("interchange") or {}
    _known(ic, ELIG_REQUEST_KEYS["interchange"], "interchange")
    rq = ctypes.c_void_p()
    check(lib.x12_elig_request_new(None, ctypes.byref(rq)), "x12_elig_request_new")
    try:
        _set_all(lib.x12_elig_request_set, rq, {k: v for k, v in ic.items() if k in _REQUEST},
                 _REQUEST, "interchange")
        _options(lib.x12_elig_request_set_option, rq, ic, _REQUEST_OPTIONS, "interchange")
        for i, q in enumerate(request.get("inquiries") or (), 1):
            _inquiry(rq, q, "inquiry[%d]" % i)
        return write_request(lib.x12_elig_request_write, lib.x12_elig_request_check,
                             _elig_edits(rq), rq, line_break)
    finally:
        lib.x12_elig_request_free(rq)


def build_270_xml(source: Source, *, line_break: str = "\n") -> bytes:
    """Builds the 270 from an XML request (a path, or bytes) as ``x12
    build`` does: X12Error X12_ESYNTAX (problems with paths "NAME:LINE")
    when the document is not valid, X12_EEDIT when an edit fails."""
    if isinstance(source, (str, os.PathLike)):
        name = os.fsencode(source)
        with open(source, "rb") as f:
            data = f.read()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        name, data = None, bytes(source)
    else:
        raise TypeError("source must be a path or bytes")
    rq = ctypes.c_void_p()
    check(lib.x12_elig_request_new(None, ctypes.byref(rq)), "x12_elig_request_new")
    try:
        st = lib.x12_elig_request_load_xml_memory(rq, data, len(data), name)
        if st != _X12_OK:
            raise _elig_edits(rq)(st, "problem(s) in the eligibility document")
        return write_request(lib.x12_elig_request_write, lib.x12_elig_request_check,
                             _elig_edits(rq), rq, line_break)
    finally:
        lib.x12_elig_request_free(rq)


# ---- 271 dataclasses ---------------------------------------------------------------


@dataclass
class Rejection:
    """One AAA: the payer could not answer, with the reason (AAA03) and what
    to do (AAA04).  ``benefit`` is the 0-based index of the benefit whose
    loop held it, None outside benefit loops.  ``message`` is the
    rejection as an error message (no identifying values)."""

    loop: str
    valid_request: bool
    reason: str
    reason_text: str
    follow_up: str
    follow_up_text: str
    may_resubmit: bool
    benefit: Optional[int]
    segment_number: int
    message: str


@dataclass
class EligParty:
    """The payer (information source) or provider (information receiver)
    of an answer, with the rejections of its level."""

    entity: str
    entity_type: str
    name: str
    first_name: str
    id_qualifier: str
    id: str
    contact_name: str
    phone: str
    url: str
    rejections: List[Rejection] = field(default_factory=list)


@dataclass
class BenefitEntity:
    """A benefit related entity (2120): another payer, a primary care
    provider, ..."""

    entity: str
    entity_type: str
    name: str
    first_name: str
    id_qualifier: str
    id: str
    contact_name: str
    phone: str
    url: str


@dataclass
class Benefit:
    """One EB with its 2110 loop.  ``amount_cents`` (EB07), ``percent_bp``
    (EB08 in basis points: ".2" -> 2000) and ``quantity_milli`` (EB10 in
    thousandths) are None when absent; the texts keep what was written.
    ``network`` is "in", "out", "both", "unknown" (EB12 Y/N/W/U) or "";
    ``authorization_required`` is True/False for EB11 Y/N, else None;
    ``active`` is True for EB01 1-5, False for 6-8, else None."""

    code: str
    description: str
    coverage_level: str
    coverage_level_text: str
    service_types: List[str]
    insurance_type: str
    plan_description: str
    time_period: str
    time_period_text: str
    amount: str
    amount_cents: Optional[int]
    percent: str
    percent_bp: Optional[int]
    quantity_qualifier: str
    quantity: str
    quantity_milli: Optional[int]
    authorization_required: Optional[bool]
    network: str
    procedure_qualifier: str
    procedure: str
    modifiers: List[str]
    messages: List[str]
    dates: List[Tuple[str, str, str]]
    refs: List[Tuple[str, str, str]]
    entities: List[BenefitEntity]
    active: Optional[bool]
    segment_number: int


@dataclass
class Summary:
    """What the benefits of one service type add up to.  Amounts are int
    cents and coinsurance int basis points, None when no benefit gives
    them; ``out_of_network`` holds the same measures (only those present)
    from the EB12 N benefits.  ``active``: True when an EB 1-5 names the
    service type, False when only EB 6-8 do, None when neither."""

    service_type: str
    description: str
    active: Optional[bool]
    authorization_required: bool
    deductible_cents: Optional[int] = None
    deductible_remaining_cents: Optional[int] = None
    out_of_pocket_cents: Optional[int] = None
    out_of_pocket_remaining_cents: Optional[int] = None
    copay_cents: Optional[int] = None
    coinsurance_bp: Optional[int] = None
    family_deductible_cents: Optional[int] = None
    family_deductible_remaining_cents: Optional[int] = None
    family_out_of_pocket_cents: Optional[int] = None
    family_out_of_pocket_remaining_cents: Optional[int] = None
    out_of_network: Dict[str, int] = field(default_factory=dict)

    @property
    def coinsurance_percent(self) -> str:
        """The coinsurance as text ("20", "12.5"), "" when absent."""
        return _percent_text(self.coinsurance_bp)


def _percent_text(bp: Optional[int]) -> str:
    if bp is None:
        return ""
    sign = "-" if bp < 0 else ""
    whole, frac = divmod(abs(bp), 100)
    if frac == 0:
        return "%s%d" % (sign, whole)
    return ("%s%d.%02d" % (sign, whole, frac)).rstrip("0")


def _measure_key(name: str) -> str:
    return name + ("_bp" if name == "coinsurance" else "_cents")


@dataclass
class Coverage:
    """The answer for one subscriber or dependent (or, for a request the
    payer rejected above them, the payer or provider level: ``level``
    "payer" or "provider", with only rejections).  ``state`` is "active",
    "inactive", "rejected" or "unknown".  ``member_id`` of a dependent is
    its subscriber's."""

    index: int
    level: str
    state: str
    last_name: str
    first_name: str
    middle_name: str
    suffix: str
    member_id: str
    member_id_qualifier: str
    birth_date: str
    gender: str
    relationship: str
    group_number: str
    group_name: str
    plan_number: str
    plan_name: str
    insurance_type: str
    plan_begin: str
    plan_end: str
    eligibility_begin: str
    eligibility_end: str
    trace_number: str
    trace_originator: str
    payer_trace_number: str
    subscriber_last_name: str
    subscriber_first_name: str
    address1: str
    address2: str
    city: str
    state_code: str
    postal_code: str
    control_number: str
    reference: str
    response_date: str
    payer: Optional[EligParty]
    provider: Optional[EligParty]
    benefits: List[Benefit]
    summaries: List[Summary]
    rejections: List[Rejection]
    refs: List[Tuple[str, str, str]]
    dates: List[Tuple[str, str, str]]
    problems: List[Problem]
    segment_number: int
    offset: int
    #: diagnostics of this coverage past the 1000 kept in ``problems``
    problems_dropped: int = 0

    @property
    def active(self) -> bool:
        """True when ``state`` is "active"."""
        return self.state == "active"

    @property
    def all_rejections(self) -> List[Rejection]:
        """This person's rejections and those of the payer and provider
        levels above them."""
        out: List[Rejection] = []
        for p in (self.payer, self.provider):
            if p is not None:
                out.extend(p.rejections)
        return out + self.rejections

    def summary(self, service_type: str) -> Optional[Summary]:
        """The Summary of a service type code ("98"), or None."""
        for s in self.summaries:
            if s.service_type == service_type:
                return s
        return None


@dataclass
class Eligibility:
    """A whole 271 file: coverages in order, and its diagnostics: at most
    1000 found between two coverages are kept in ``problems`` (junk in a
    file must not make memory grow); ``problems_dropped`` counts the rest."""

    coverages: List[Coverage]
    problems: List[Problem]
    problems_dropped: int = 0

    def coverages_frame(self) -> pd.DataFrame:
        """One row per coverage: who, state, plan, dates, rejection count."""
        pd = _pandas()
        cols = ["index", "level", "state", "last_name", "first_name", "member_id",
                "birth_date", "relationship", "plan_name", "group_number", "insurance_type",
                "plan_begin", "plan_end", "eligibility_begin", "eligibility_end",
                "trace_number", "reference", "payer_id", "provider_id", "rejections"]
        rows = [[c.index, c.level, c.state, c.last_name, c.first_name, c.member_id,
                 c.birth_date, c.relationship, c.plan_name, c.group_number, c.insurance_type,
                 c.plan_begin, c.plan_end, c.eligibility_begin, c.eligibility_end,
                 c.trace_number, c.reference, c.payer.id if c.payer else "",
                 c.provider.id if c.provider else "", len(c.all_rejections)]
                for c in self.coverages]
        return pd.DataFrame(rows, columns=cols)

    def benefits_frame(self) -> pd.DataFrame:
        """One row per benefit and service type it names (a benefit naming
        no service type gives one row with service_type ""); cents and
        basis points as nullable Int64."""
        pd = _pandas()
        cols = ["coverage", "benefit", "service_type", "code", "description",
                "coverage_level", "insurance_type", "time_period", "network",
                "amount_cents", "percent_bp", "quantity_milli", "authorization_required",
                "plan_description", "procedure", "messages"]
        rows: List[List[Any]] = []
        for c in self.coverages:
            for k, b in enumerate(c.benefits):
                for st in b.service_types or [""]:
                    rows.append([c.index, k, st, b.code, b.description, b.coverage_level,
                                 b.insurance_type, b.time_period, b.network, b.amount_cents,
                                 b.percent_bp, b.quantity_milli, b.authorization_required,
                                 b.plan_description, b.procedure, " | ".join(b.messages)])
        df = pd.DataFrame(rows, columns=cols)
        for col in ("amount_cents", "percent_bp", "quantity_milli"):
            df[col] = df[col].astype("Int64")
        df["authorization_required"] = df["authorization_required"].astype("boolean")
        return df

    def summaries_frame(self) -> pd.DataFrame:
        """One row per coverage and service type: the in-network measures,
        then the out-of-network ones prefixed "oon_"; nullable Int64."""
        pd = _pandas()
        names = [_measure_key(n) for n, _ in _MEASURES]
        cols = (["coverage", "service_type", "description", "active",
                 "authorization_required"] + names + ["oon_" + n for n in names])
        rows: List[List[Any]] = []
        for c in self.coverages:
            for s in c.summaries:
                rows.append([c.index, s.service_type, s.description, s.active,
                             s.authorization_required] +
                            [getattr(s, n) for n in names] +
                            [s.out_of_network.get(n) for n in names])
        df = pd.DataFrame(rows, columns=cols)
        for n in names:
            df[n] = df[n].astype("Int64")
            df["oon_" + n] = df["oon_" + n].astype("Int64")
        df["active"] = df["active"].astype("boolean")
        return df

    def rejections_frame(self) -> pd.DataFrame:
        """One row per rejection, the payer and provider levels' included
        (each once per coverage that carries them)."""
        pd = _pandas()
        cols = ["coverage", "loop", "reason", "reason_text", "follow_up", "follow_up_text",
                "may_resubmit", "valid_request", "segment_number"]
        rows = [[c.index, r.loop, r.reason, r.reason_text, r.follow_up, r.follow_up_text,
                 r.may_resubmit, r.valid_request, r.segment_number]
                for c in self.coverages for r in c.all_rejections]
        return pd.DataFrame(rows, columns=cols)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError("DataFrames need pandas (Debian: apt-get install python3-pandas); "
                          "the dataclasses do not") from e
    return pandas


# ---- copying from C ----------------------------------------------------------------


def _pairs(count: Any, at: Any, h: Any) -> List[Tuple[str, str, str]]:
    out = []
    for i in range(count(h)):
        a, b, c = X12Str(), X12Str(), X12Str()
        at(h, i, ctypes.byref(a), ctypes.byref(b), ctypes.byref(c))
        out.append((_t(a), _t(b), _t(c)))
    return out


def _rejection(r: Any) -> Rejection:
    b = lib.x12_elig_reject_benefit(r)
    e = lib.x12_elig_reject_error(r)
    return Rejection(
        loop=cstr(lib.x12_elig_reject_loop(r)),
        valid_request=bool(lib.x12_elig_reject_valid_request(r)),
        reason=_t(lib.x12_elig_reject_reason(r)),
        reason_text=cstr(lib.x12_elig_reject_reason_text(r)),
        follow_up=_t(lib.x12_elig_reject_follow_up(r)),
        follow_up_text=cstr(lib.x12_elig_reject_follow_up_text(r)),
        may_resubmit=bool(lib.x12_elig_reject_may_resubmit(r)),
        benefit=b - 1 if b else None,
        segment_number=lib.x12_error_segment_number(e) if e else 0,
        message=cstr(lib.x12_error_message(e)) if e else "")


def _party_fields(get: Any, h: Any) -> Dict[str, str]:
    f = [_t(get(h, i)) for i in range(1, 10)]
    return dict(entity=f[0], entity_type=f[1], name=f[2], first_name=f[3], id_qualifier=f[4],
                id=f[5], contact_name=f[6], phone=f[7], url=f[8])


def _party(p: Any) -> Optional[EligParty]:
    if not p:
        return None
    return EligParty(rejections=[_rejection(lib.x12_elig_party_reject_at(p, i))
                                 for i in range(lib.x12_elig_party_reject_count(p))],
                     **_party_fields(lib.x12_elig_party_get, p))


def _opt(fn: Any, h: Any) -> Optional[int]:
    v = ctypes.c_int64()
    return v.value if fn(h, ctypes.byref(v)) else None


def _benefit(b: Any) -> Benefit:
    def bf(f: int) -> str:
        return _t(lib.x12_elig_benefit_get(b, f))

    auth = bf(10)
    act = lib.x12_elig_benefit_active(b)
    mods = bf(14)
    return Benefit(
        code=bf(1), description=cstr(lib.x12_elig_benefit_code_text(b)),
        coverage_level=bf(2),
        coverage_level_text=cstr(lib.x12_elig_benefit_coverage_level_text(b)),
        service_types=[_t(lib.x12_elig_benefit_service_type_at(b, i))
                       for i in range(lib.x12_elig_benefit_service_type_count(b))],
        insurance_type=bf(3), plan_description=bf(4), time_period=bf(5),
        time_period_text=cstr(lib.x12_elig_benefit_time_period_text(b)),
        amount=bf(6), amount_cents=_opt(lib.x12_elig_benefit_amount_cents, b),
        percent=bf(7), percent_bp=_opt(lib.x12_elig_benefit_percent_bp, b),
        quantity_qualifier=bf(8), quantity=bf(9),
        quantity_milli=_opt(lib.x12_elig_benefit_quantity_milli, b),
        authorization_required={"Y": True, "N": False}.get(auth),
        network=_NETWORK.get(bf(11), ""),
        procedure_qualifier=bf(12), procedure=bf(13),
        modifiers=[m for m in mods.split(":") if m] if mods else [],
        messages=[_t(lib.x12_elig_benefit_message_at(b, i))
                  for i in range(lib.x12_elig_benefit_message_count(b))],
        dates=_pairs(lib.x12_elig_benefit_date_count, lib.x12_elig_benefit_date_at, b),
        refs=_pairs(lib.x12_elig_benefit_ref_count, lib.x12_elig_benefit_ref_at, b),
        entities=[BenefitEntity(**_party_fields(lib.x12_elig_entity_get,
                                                lib.x12_elig_benefit_entity_at(b, i)))
                  for i in range(lib.x12_elig_benefit_entity_count(b))],
        active=True if act > 0 else False if act < 0 else None,
        segment_number=lib.x12_elig_benefit_segment_number(b))


def _summary(s: Any) -> Summary:
    act = lib.x12_elig_summary_active(s)
    out = Summary(service_type=_t(lib.x12_elig_summary_service_type(s)),
                  description=cstr(lib.x12_elig_summary_service_type_text(s)),
                  active=True if act > 0 else False if act < 0 else None,
                  authorization_required=bool(lib.x12_elig_summary_authorization_required(s)))
    v = ctypes.c_int64()
    for name, m in _MEASURES:
        key = _measure_key(name)
        if lib.x12_elig_summary_get(s, m, 0, ctypes.byref(v)):
            setattr(out, key, v.value)
        if lib.x12_elig_summary_get(s, m, 1, ctypes.byref(v)):
            out.out_of_network[key] = v.value
    return out


def _coverage(c: Any) -> Coverage:
    def cf(f: int) -> str:
        return _t(lib.x12_elig_coverage_get(c, f))

    return Coverage(
        index=lib.x12_elig_coverage_index(c),
        level=_LEVELS.get(lib.x12_elig_coverage_level(c), ""),
        state=_STATES.get(lib.x12_elig_coverage_state(c), "unknown"),
        last_name=cf(1), first_name=cf(2), middle_name=cf(3), suffix=cf(4), member_id=cf(5),
        member_id_qualifier=cf(6), birth_date=cf(7), gender=cf(8), relationship=cf(9),
        group_number=cf(10), group_name=cf(11), plan_number=cf(12), plan_name=cf(13),
        insurance_type=cf(14), plan_begin=cf(15), plan_end=cf(16), eligibility_begin=cf(17),
        eligibility_end=cf(18), trace_number=cf(19), trace_originator=cf(20),
        payer_trace_number=cf(21), subscriber_last_name=cf(22),
        subscriber_first_name=cf(23), address1=cf(24), address2=cf(25), city=cf(26),
        state_code=cf(27), postal_code=cf(28), control_number=cf(29), reference=cf(30),
        response_date=cf(31),
        payer=_party(lib.x12_elig_coverage_payer(c)),
        provider=_party(lib.x12_elig_coverage_receiver(c)),
        benefits=[_benefit(lib.x12_elig_coverage_benefit_at(c, i))
                  for i in range(lib.x12_elig_coverage_benefit_count(c))],
        summaries=[_summary(lib.x12_elig_coverage_summary_at(c, i))
                   for i in range(lib.x12_elig_coverage_summary_count(c))],
        rejections=[_rejection(lib.x12_elig_coverage_reject_at(c, i))
                    for i in range(lib.x12_elig_coverage_reject_count(c))],
        refs=_pairs(lib.x12_elig_coverage_ref_count, lib.x12_elig_coverage_ref_at, c),
        dates=_pairs(lib.x12_elig_coverage_date_count, lib.x12_elig_coverage_date_at, c),
        problems=[problem_from_error(lib.x12_elig_coverage_error_at(c, i), "eligibility")
                  for i in range(lib.x12_elig_coverage_error_count(c))],
        segment_number=lib.x12_elig_coverage_segment_number(c),
        offset=lib.x12_elig_coverage_offset(c),
        problems_dropped=lib.x12_elig_coverage_errors_dropped(c))


# ---- reading ------------------------------------------------------------------------


class CoverageStream(Handle[Coverage]):
    """Iterates the coverages of a 271 (a path or bytes, gzip allowed) one
    at a time: the C stream holds one coverage, each is copied into a
    Coverage.  ``problems`` holds the diagnostics found since the previous
    coverage (reader, envelope and 271 ones), at most 1000 of them (junk in
    a file must not make memory grow): ``problems_dropped`` counts the
    rest.  A fatal reader error raises X12Error with its position."""

    problems: List[Problem]
    problems_dropped: int

    def __init__(self, source: Source, *, keep_problems: bool = False) -> None:
        self._s: Any = None
        s = ctypes.c_void_p()
        check(lib.x12_elig_stream_new(None, None, ctypes.byref(s)), "x12_elig_stream_new")
        self._s = s
        try:
            self._keep = open_input(lib.x12_elig_stream_reader(s), source)
        except BaseException:
            self.close()
            raise
        self._keep_problems = keep_problems
        self.problems = []
        self.problems_dropped = 0

    def close(self) -> None:
        """Frees the C stream; later next() calls raise StopIteration."""
        if self._s:
            lib.x12_elig_stream_free(self._s)
            self._s = None
            self._keep = None

    def __next__(self) -> Coverage:
        if not self._s:
            raise StopIteration
        if not self._keep_problems:
            self.problems = []
            self.problems_dropped = 0
        c = ctypes.c_void_p()
        st = lib.x12_elig_stream_next(self._s, ctypes.byref(c))
        self.problems_dropped += lib.x12_elig_stream_errors_dropped(self._s)
        self.problems.extend(problem_from_error(lib.x12_elig_stream_error_at(self._s, i),
                                                "eligibility")
                             for i in range(lib.x12_elig_stream_error_count(self._s)))
        if st == _X12_END:
            self.close()
            raise StopIteration
        if st != _X12_OK:
            err = X12Error.from_error(st, lib.x12_elig_stream_last_error(self._s))
            self.close()
            raise err
        return _coverage(c)


def iter_coverages(source: Source) -> Iterator[Coverage]:
    """Yields each Coverage of a 271 (path or bytes) as it is read."""
    with CoverageStream(source) as s:
        yield from s


def parse_271(source: Source) -> Eligibility:
    """Reads a whole 271 (a path or bytes, gzip allowed) into an
    Eligibility.  A payer's rejection is data (Coverage.rejections, the
    parties' rejections), not an exception; malformed amounts are Problems.
    Raises X12Error when the input cannot be read or the reader cannot go
    on."""
    with CoverageStream(source, keep_problems=True) as s:
        coverages = list(s)
        return Eligibility(coverages=coverages, problems=s.problems,
                           problems_dropped=s.problems_dropped)
