"""837P / 837I claims read back, one at a time, in the dict shape build_837()
accepts.

Each claim is yielded as an encounters dict holding that one claim under its
billing provider, subscriber (and patient), with the interchange, submitter
and receiver of its transaction set::

    for enc in libx12.read_837("sent.837.gz"):
        prov = enc["providers"][0]
        sub = prov["subscribers"][0]
        claim = (sub["patients"][0] if "patients" in sub else sub)["claims"][0]
        print(claim["pcn"], claim["total_charge"], sub["payer"]["payer_id"])

    x12 = libx12.build_837(list(libx12.read_837("sent.837")))   # the same claims again

Money is int cents.  Empty values are left out.  The C stream holds one
claim (libx12-claimread(3)); ClaimStream also gives each claim's position in
the file and the diagnostics found while reading it, "not-kept" warnings
included for what the claim model cannot hold.
"""

import ctypes

from ._lib import Handle, X12Str, lib, view
from .claims import (Encounters, _ATT, _BATCH, _BATCH_OPTIONS, _CLAIM, _CLAIM_AMOUNTS, _CODE,
                     _DX, _LA, _LA_AMOUNTS, _LINE, _LINE_AMOUNTS, _OP, _OP_AMOUNTS, _PARTY,
                     _PARTY_ID, _ROLE, _SUB)
from .errors import X12Error, check, problem_from_error
from .segments import open_input
from typing import Any, Dict, Iterator, List, Literal, Union, overload
from ._lib import Source
from .errors import Problem

__all__ = ["ClaimStream", "read_837", "POSITIONS"]

_X12_OK, _X12_END = 0, 1
_KIND_NAMES = {1: "837P", 2: "837I"}
_ENTITY_NAMES = {1: "person", 2: "organization"}
_DX_NAMES = {v: k for k, v in _DX.items()}
_CODE_NAMES = {v: k for k, v in _CODE.items()}
# Options carried over: the control numbers, test/production, 999 requested.
_OPTIONS = ("control_number", "group_control_number", "set_control_number", "production",
            "ack_requested")

# x12_claim_position: name -> value (include/x12/claimread.h).
POSITIONS = {
    "segment_number": 1, "offset": 2, "end_offset": 3, "set_position": 4, "segments": 5,
    "st_segment_number": 6, "st_offset": 7, "set_index": 8, "interchange_index": 9,
    "claim_index": 10, "claim_in_set": 11, "provider_offset": 12, "subscriber_offset": 13,
    "patient_offset": 14,
}
_POS = POSITIONS


def _t(s):
    return view(s).decode("latin-1") if s.len else ""


def _fields(get, h, table, out):
    for name, f in table.items():
        v = get(h, f)
        if v.len:
            out[name] = view(v).decode("latin-1")
    return out


def _amounts(get, h, table, out):
    c = ctypes.c_int64()
    for name, f in table.items():
        if get(h, f, ctypes.byref(c)):
            out[name] = c.value
    return out


def _party(p, idname):
    """A party's fields as a dict; {} when nothing is set."""
    d = _fields(lib.x12_party_get, p, _PARTY, {})
    pid = lib.x12_party_get(p, _PARTY_ID)
    if pid.len and idname:
        d[idname] = view(pid).decode("latin-1")
    if d:
        d["entity"] = _ENTITY_NAMES[lib.x12_party_entity(p)]
    return d


def _adjustments(count, get, h):
    out = []
    r, q, c = X12Str(), X12Str(), ctypes.c_int64()
    for i in range(count(h)):
        g = get(h, i, ctypes.byref(r), ctypes.byref(c), ctypes.byref(q))
        a = {"group": _t(g), "reason": _t(r), "amount": c.value}
        if q.len:
            a["quantity"] = _t(q)
        out.append(a)
    return out


# Roles in the order the builder writes their loops (2310x, 2420x, 2330C-I).
_CLAIM_ROLES = {"837P": ("referring", "primary_care", "rendering", "service_facility", "supervising",
                         "ambulance_pickup", "ambulance_dropoff"),
                "837I": ("attending", "operating", "other_operating", "rendering",
                         "service_facility", "referring")}
_OP_ROLES = {"837P": ("referring", "primary_care", "rendering", "service_facility",
                      "supervising", "billing"),
             "837I": ("attending", "operating", "other_operating", "service_facility",
                      "rendering", "referring", "billing")}
_LINE_ROLES = {"837P": ("rendering", "purchased_service", "service_facility", "supervising",
                        "ordering", "referring", "primary_care", "ambulance_pickup",
                        "ambulance_dropoff"),
               "837I": ("operating", "other_operating", "rendering", "referring")}


def _providers(find, h, order):
    out = []
    for name in order:
        role = _ROLE[name]
        p = find(h, role)
        if p:
            # the entity even when nothing else is set: an other payer's
            # provider read without its REF is one (the build says it lacks it)
            d = {"role": name, "entity": _ENTITY_NAMES[lib.x12_party_entity(p)]}
            d.update(_party(p, "npi"))
            out.append(d)
    return out


def _attachments(a):
    out = []
    while a:
        out.append(_fields(lib.x12_attachment_get, a, _ATT, {}))
        a = lib.x12_attachment_next(a)
    return out


def _line(ln, kind):
    d = _fields(lib.x12_line_get, ln, _LINE, {})
    _amounts(lib.x12_line_get_amount, ln, _LINE_AMOUNTS, d)
    mods = [_t(lib.x12_line_modifier(ln, i)) for i in range(lib.x12_line_modifier_count(ln))]
    if mods:
        d["modifiers"] = mods
    ptrs = [lib.x12_line_pointer(ln, i) for i in range(lib.x12_line_pointer_count(ln))]
    if ptrs:
        d["pointers"] = ptrs
    provs = _providers(lib.x12_line_find_provider, ln, _LINE_ROLES[kind])
    if provs:
        d["providers"] = provs
    adjs = []
    a = lib.x12_line_first_adjudication(ln)
    while a:
        ad = _fields(lib.x12_line_adjudication_get, a, _LA, {})
        _amounts(lib.x12_line_adjudication_get_amount, a, _LA_AMOUNTS, ad)
        mods = [_t(lib.x12_line_adjudication_modifier(a, i))
                for i in range(lib.x12_line_adjudication_modifier_count(a))]
        if mods:
            ad["modifiers"] = mods
        cas = _adjustments(lib.x12_line_adjudication_adjustment_count,
                           lib.x12_line_adjudication_adjustment, a)
        if cas:
            ad["adjustments"] = cas
        adjs.append(ad)
        a = lib.x12_line_adjudication_next(a)
    if adjs:
        d["adjudications"] = adjs
    atts = _attachments(lib.x12_line_first_attachment(ln))
    if atts:
        d["attachments"] = atts
    return d


def _claim(c, kind):
    d = _fields(lib.x12_claim_get, c, _CLAIM, {})
    _amounts(lib.x12_claim_get_amount, c, _CLAIM_AMOUNTS, d)
    k = ctypes.c_int()
    dxs = []
    for i in range(lib.x12_claim_diagnosis_count(c)):
        code = lib.x12_claim_diagnosis(c, i, ctypes.byref(k))
        dx = {"code": _t(code), "kind": _DX_NAMES.get(k.value, "other")}
        poa = lib.x12_claim_diagnosis_poa(c, i)
        if poa != b"\0":
            dx["poa"] = poa.decode("latin-1")
        dxs.append(dx)
    if dxs:
        d["diagnoses"] = dxs
    codes = []
    d1, d2, cents = X12Str(), X12Str(), ctypes.c_int64()
    for i in range(lib.x12_claim_code_count(c)):
        code = lib.x12_claim_code(c, i, ctypes.byref(k), ctypes.byref(d1), ctypes.byref(d2),
                                  ctypes.byref(cents))
        cd = {"kind": _CODE_NAMES.get(k.value, ""), "code": _t(code)}
        if d1.len:
            cd["date"] = _t(d1)
        if d2.len:
            cd["date2"] = _t(d2)
        if cd["kind"] == "value":
            cd["amount"] = cents.value
        codes.append(cd)
    if codes:
        d["codes"] = codes
    provs = _providers(lib.x12_claim_find_provider, c, _CLAIM_ROLES[kind])
    if provs:
        d["providers"] = provs
    ops = []
    op = lib.x12_claim_first_other_payer(c)
    while op:
        od = _fields(lib.x12_other_payer_get, op, _OP, {})
        _amounts(lib.x12_other_payer_get_amount, op, _OP_AMOUNTS, od)
        sub = _party(lib.x12_other_payer_subscriber(op), "member_id")
        if sub:
            od["subscriber"] = sub
        payer = _party(lib.x12_other_payer_payer(op), "payer_id")
        if payer:
            od["payer"] = payer
        cas = _adjustments(lib.x12_other_payer_adjustment_count, lib.x12_other_payer_adjustment,
                           op)
        if cas:
            od["adjustments"] = cas
        provs = _providers(lib.x12_other_payer_find_provider, op, _OP_ROLES[kind])
        if provs:
            od["providers"] = provs
        ops.append(od)
        op = lib.x12_other_payer_next(op)
    if ops:
        d["other_payers"] = ops
    lines = []
    ln = lib.x12_claim_first_line(c)
    while ln:
        lines.append(_line(ln, kind))
        ln = lib.x12_line_next(ln)
    if lines:
        d["lines"] = lines
    atts = _attachments(lib.x12_claim_first_attachment(c))
    if atts:
        d["attachments"] = atts
    return d


def _header(s):
    """kind, interchange, submitter and receiver of the claim's set."""
    b = lib.x12_claim_stream_header(s)
    ic = _fields(lib.x12_batch_get, b, _BATCH, {})
    for name in _OPTIONS:
        ic[name] = lib.x12_batch_get_option(b, _BATCH_OPTIONS[name])
    out = {"kind": _KIND_NAMES.get(lib.x12_claim_stream_kind(s), "837P"), "interchange": ic}
    sub = _party(lib.x12_claim_stream_submitter(s), "id")
    if sub:
        out["submitter"] = sub
    rcv = _party(lib.x12_claim_stream_receiver(s), "id")
    if rcv:
        out["receiver"] = rcv
    return out


def _provider(bp):
    d = _party(lib.x12_billing_provider_party(bp), "npi")
    pay_to = _party(lib.x12_billing_provider_pay_to(bp), None)
    if pay_to:
        d["pay_to"] = pay_to
    plan = _party(lib.x12_billing_provider_pay_to_plan(bp), "payer_id")
    if plan:
        d["pay_to_plan"] = plan
    return d


def _subscriber(sb):
    d = _fields(lib.x12_subscriber_get, sb, _SUB, {})
    d.update(_party(lib.x12_subscriber_party(sb), "member_id"))
    payer = _party(lib.x12_subscriber_payer(sb), "payer_id")
    if payer:
        d["payer"] = payer
    return d


def _patient(pt):
    d = {}
    rel = lib.x12_patient_relationship(pt)
    if rel.len:
        d["relationship"] = _t(rel)
    d.update(_party(lib.x12_patient_party(pt), None))
    return d


def _copy(d):
    """A copy of a cached level dict: its own dicts, so that changing one
    claim's never changes another's."""
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in d.items()}


def _problems(count, at, h, level="claims"):
    return [problem_from_error(at(h, i), level) for i in range(count(h))]


class ClaimStream(Handle[Dict[str, Any]]):
    """Iterates the claims of 837P/837I input (a path or bytes; gzip is
    read) one at a time, in constant memory: each is an encounters dict of
    one claim (see the module doc).

    After each claim: ``position`` (a dict: "segment_number" and "offset"
    of its CLM, "end_offset", "st_offset", "set_index", "claim_index",
    "provider_offset", ... as in POSITIONS), ``problems`` (every diagnostic
    found since the previous claim: reader, envelope and claim ones),
    ``issues`` (those of this claim and its parent loops) and ``not_kept``
    (how many of those are "not-kept" warnings: what building the claim
    again loses).  The lists keep at most 1000 diagnostics each (junk in a
    file must not make memory grow): ``problems_dropped`` and
    ``issues_dropped`` count those past that, and ``totals`` counts every
    error.  Errors that skip a claim are in ``problems``; a fatal
    reader error raises X12Error with its position.  ``totals`` counts
    claims, skipped claims, lines, sets and not-kept warnings so far.
    Shared by threads, each claim goes to one of them (see Handle);
    next() after close() raises ValueError.
    """

    position: Dict[str, int]
    problems: List[Problem]
    issues: List[Problem]
    problems_dropped: int
    issues_dropped: int
    not_kept: int
    totals: Dict[str, int]

    def __init__(self, source: Source) -> None:
        self._open_handle()
        self._s = None
        s = ctypes.c_void_p()
        check(lib.x12_claim_stream_new(None, None, ctypes.byref(s)), "x12_claim_stream_new")
        self._s = s
        try:
            self._keep = open_input(lib.x12_claim_stream_reader(s), source)
        except BaseException:
            self.close()
            raise
        self._cache: Dict[str, Any] = {}
        self.position = {}
        self.problems = []
        self.issues = []
        self.problems_dropped = 0
        self.issues_dropped = 0
        self.not_kept = 0
        self.totals = {}

    def _free(self):
        if self._s:
            self._update_totals()
            lib.x12_claim_stream_free(self._s)
            self._s = None
            self._keep = None

    def _update_totals(self):
        t = lambda w: lib.x12_claim_stream_total(self._s, w)  # noqa: E731
        self.totals = {"claims": t(1), "skipped": t(2), "lines": t(3), "sets": t(4),
                       "not_kept": t(5), "errors": t(6)}

    def _level(self, key, offset, make, handle):
        """The dict of a parent level, made once per loop (its HL offset)."""
        hit = self._cache.get(key)
        if hit is None or hit[0] != offset:
            hit = (offset, make(handle))
            self._cache[key] = hit
        return _copy(hit[1])

    def _next(self) -> Dict[str, Any]:
        s = self._s
        st = lib.x12_claim_stream_next(s)
        self.problems = _problems(lib.x12_claim_stream_error_count, lib.x12_claim_stream_error_at,
                                  s)
        self.problems_dropped = lib.x12_claim_stream_errors_dropped(s)
        if st == _X12_END:
            self._finish()
            raise StopIteration
        if st != _X12_OK:
            err = X12Error.from_error(st, lib.x12_claim_stream_last_error(s))
            self._finish()
            raise err
        pos = {name: lib.x12_claim_stream_position(s, v) for name, v in _POS.items()}
        self.position = pos
        self.issues = _problems(lib.x12_claim_stream_claim_error_count, lib.x12_claim_stream_claim_error_at, s)
        self.issues_dropped = lib.x12_claim_stream_claim_errors_dropped(s)
        self.not_kept = lib.x12_claim_stream_not_kept_count(s)
        self._update_totals()
        enc = self._level("header", (pos["interchange_index"], pos["st_offset"]), _header, s)
        prov = self._level("provider", pos["provider_offset"], _provider,
                           lib.x12_claim_stream_provider(s))
        sub = self._level("subscriber", pos["subscriber_offset"], _subscriber,
                          lib.x12_claim_stream_subscriber(s))
        claim = _claim(lib.x12_claim_stream_claim(s), enc["kind"])
        pt = lib.x12_claim_stream_patient(s)
        if pt:
            pat = self._level("patient", pos["patient_offset"], _patient, pt)
            pat["claims"] = [claim]
            sub["patients"] = [pat]
        else:
            sub["claims"] = [claim]
        prov["subscribers"] = [sub]
        enc["providers"] = [prov]
        out: Dict[str, Any] = enc
        return out


@overload
def read_837(source: Source, *, as_dataclass: Literal[False] = False) -> Iterator[Dict[str, Any]]:
    ...


@overload
def read_837(source: Source, *, as_dataclass: Literal[True]) -> Iterator[Encounters]:
    ...


def read_837(source: Source, *, as_dataclass: bool = False
             ) -> Union[Iterator[Dict[str, Any]], Iterator[Encounters]]:
    """Yields each claim of an 837P/837I (a path or bytes; gzip is read)
    as an encounters dict holding that one claim, in constant memory; with
    ``as_dataclass=True`` as an Encounters dataclass (``enc.claims()[0]``
    is the Claim837), the same as ``Encounters.from_dict`` of the dict.
    ``build_837(list(read_837(source)))`` builds the claims again: for a
    file the builder wrote, the same bytes (with the default delimiters).
    Use ClaimStream for positions and diagnostics."""
    if as_dataclass:
        return _read_dataclasses(source)
    return _read_dicts(source)


def _read_dicts(source: Source) -> Iterator[Dict[str, Any]]:
    with ClaimStream(source) as s:
        yield from s


def _read_dataclasses(source: Source) -> Iterator[Encounters]:
    with ClaimStream(source) as s:
        for d in s:
            yield Encounters.from_dict(d)
