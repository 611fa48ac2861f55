"""Reconciliation: the 837 claims sent joined with the 835 remittances
that came back (libx12's recon.h).

    r = libx12.reconcile(claims=["sent.837"], remits=["era.835.gz"],
                         as_of="20251231")
    r.claims        # one row per claim: state, next_action, money in cents
    r.lines         # one row per service line
    r.reasons       # one row per claim and netted adjustment (group, reason)
    r.remits        # one row per 835 claim read for a claim
    r.aging         # unpaid balance by payer and age
    r.unmatched     # 835 claims no 837 holds
    r.problems      # diagnostics, each with its file

Each table is a pandas DataFrame (``frames=False``: a list of dicts, with
pandas not needed).  Money columns (``*_cents``) are int64, parsed from the
library's text, never through float; ``days_outstanding`` and
``claim_index`` are nullable Int64; codes, states, dates, rules and payers
are categories.  The tables are the library's CSV
output (x12_recon_write) read in bulk, not one ctypes call per field.

Inputs are paths (gzip read) or bytes, in any order: the library orders
them by their own dates.  ``acks`` takes what a 277CA said about claims, as
277CA files (paths or bytes, read with the claim status reader: each claim
answer by its PCN and BHT04 date, rejected or accepted) or as dicts
``{"pcn": "...", "date": "CCYYMMDD", "rejected": True, "codes":
"A7:562:85"}``.  ``rules`` is a rules file (a path, or its XML as str or
bytes) consulted before the built-in rules (specs/recon-rules.xml).
"""

from __future__ import annotations

import ctypes
import csv
import datetime
import io
import os
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Union

from ._lib import lib, cstr, text_arg, int_arg, path_arg, RECON_WRITE_FN, Source
from .errors import Problem, X12Error, problem_from_error, check, strerror
from .segments import open_reader

__all__ = ["reconcile", "Reconciliation", "Diagnostic", "TABLES"]

TABLES = ("claims", "lines", "reasons", "remits", "aging", "unmatched")
_TABLE = {"claims": 2, "lines": 3, "reasons": 4, "remits": 5, "aging": 6, "unmatched": 7}
_JSON, _CSV = 1, 3
_OPT_AS_OF, _OPT_FOLLOW_UP_DAYS = 1, 3
_ACK_ACCEPTED, _ACK_REJECTED = 1, 2
_X12_OK, _X12_AGAIN, _X12_ESYNTAX = 0, 2, 7
NTS = ctypes.c_size_t(-1).value

# Columns that are not text: int64 (never empty), or nullable Int64.
_INT = {"line", "lines", "remits", "claims", "payer_order"}
_NULLABLE = {"days_outstanding", "claim_index"}
# Text columns with few distinct values (codes, states, dates, rule texts,
# payers): pandas categories, a fraction of the memory of one Python str
# per cell.  Identifying or unique values (patient control numbers, line
# control numbers, payer claim numbers) stay plain strings.
_CATEGORY = {"record", "payer_id", "payer_name", "service_from", "service_to", "submitted",
             "kind", "frequency", "balance", "state", "next_action", "next_action_rule",
             "next_action_reason", "forwarded_to", "next_payer", "last_remit_date", "ack_date",
             "ack_codes", "file", "procedure", "modifiers", "revenue_code", "matched_by",
             "patient_text", "group", "reason", "remarks", "rule", "action", "effect", "text",
             "matched", "trace_number", "payment_date", "date", "status", "crossover", "role",
             "reasons"}



class Diagnostic(NamedTuple):
    """A diagnostic found while reconciling: the file it is in
    (the path, "<bytes N>" for the N-th input given as bytes, "" for none)
    and the located Problem.  Messages never quote identifying values."""

    file: str
    problem: Problem


# One input or several; an answer to reconcile is a 277CA file or a dict
# {"pcn": ..., "status": "accepted"|"rejected", ...}.
Inputs = Union[Source, Iterable[Source]]
AckInputs = Union[Source, Iterable[Union[Source, Mapping[str, Any]]]]


class Reconciliation:
    """What libx12.reconcile returns: the tables (``claims``, ``lines``,
    ``reasons``, ``remits``, ``aging``, ``unmatched``), the date counted to
    (``as_of``, "CCYYMMDD"), the ``problems`` (Diagnostic; each read keeps
    at most 1000, ``problems_dropped`` counts the rest), and with
    ``document=True`` the whole result as the JSON document of ``x12
    reconcile --json`` (``document``, plain dicts)."""

    # DataFrames (frames=True) or lists of dicts (frames=False)
    claims: Any
    lines: Any
    reasons: Any
    remits: Any
    aging: Any
    unmatched: Any
    as_of: str
    problems: List[Diagnostic]
    problems_dropped: int
    document: Optional[Dict[str, Any]]

    def __init__(self, tables: Mapping[str, Any], as_of: str, problems: List[Diagnostic],
                 document: Optional[Dict[str, Any]] = None, problems_dropped: int = 0) -> None:
        for name in TABLES:
            setattr(self, name, tables[name])
        self.as_of = as_of
        self.problems = problems
        self.problems_dropped = problems_dropped
        self.document = document

    def __repr__(self) -> str:
        return "<Reconciliation as of %s: %d claims, %d unmatched>" % (
            self.as_of, len(self.claims), len(self.unmatched))


def _as_of_arg(as_of: Union[str, int, datetime.date, None]) -> int:
    if as_of is None:
        return 0
    if isinstance(as_of, (datetime.date, datetime.datetime)):
        return as_of.year * 10000 + as_of.month * 100 + as_of.day
    if isinstance(as_of, str):
        if len(as_of) != 8 or not as_of.isdigit():
            raise ValueError("as_of: expected CCYYMMDD, got %r" % as_of)
        return int(as_of)
    return int_arg(as_of, "as_of", ctypes.c_uint64)


def _inputs(value: Any, name: str) -> List[Any]:
    """A list of inputs from one path/bytes or an iterable of them."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, bytearray, memoryview, os.PathLike)):
        return [value]
    return list(value)


def _write(r: Any, fmt: int, table: int) -> bytes:
    chunks: List[bytes] = []

    def take(_user: Any, data: int, n: int) -> int:
        chunks.append(ctypes.string_at(data, n))
        return 0

    fn = RECON_WRITE_FN(take)
    check(lib.x12_recon_write(r, fmt, table, fn, None), "x12_recon_write")
    return b"".join(chunks)


def _rows(data: bytes) -> List[Dict[str, Any]]:
    """CSV bytes as a list of dicts with the number columns as ints."""
    out: List[Dict[str, Any]] = []
    for text_row in csv.DictReader(io.StringIO(data.decode("latin-1"), newline="")):
        row: Dict[str, Any] = dict(text_row)
        for k, v in text_row.items():
            if k.endswith("_cents") or k in _INT:
                row[k] = int(v)
            elif k in _NULLABLE:
                row[k] = int(v) if v != "" else None
        out.append(row)
    return out


def _frame(data: bytes) -> Any:
    try:
        import pandas as pd  # only when frames are asked for
    except ImportError as e:
        raise ImportError("libx12.reconcile: DataFrames need pandas (Debian: apt-get install "
                          "python3-pandas); frames=False gives lists of dicts without it") from e

    cols = next(csv.reader(io.StringIO(data[:data.index(b"\n")].decode("latin-1"))))
    df = pd.read_csv(io.BytesIO(data), dtype={c: ("category" if c in _CATEGORY else str)
                                              for c in cols},
                     keep_default_na=False, na_filter=False, encoding="latin-1")
    if len(df) == 0:
        df = pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    for c in df.columns:
        if c.endswith("_cents") or c in _INT:
            # digit strings straight to int64: exact, no float on the way
            df[c] = df[c].astype("int64")
        elif c in _NULLABLE:
            df[c] = pd.array([int(v) if v != "" else None for v in df[c]], dtype="Int64")
    return df


class _Handle:
    """The C reconciliation, freed on exit."""

    def __init__(self) -> None:
        self.r = ctypes.c_void_p()
        check(lib.x12_recon_new(None, ctypes.byref(self.r)), "x12_recon_new")

    def __enter__(self) -> _Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.r:
            lib.x12_recon_free(self.r)
            self.r = ctypes.c_void_p()


def reconcile(claims: Optional[Inputs] = (), remits: Optional[Inputs] = (),
              acks: Optional[AckInputs] = None,
              as_of: Union[str, int, datetime.date, None] = None,
              rules: Union[str, bytes, "os.PathLike[str]", None] = None,
              follow_up_days: Optional[int] = None, frames: bool = True,
              document: bool = False) -> Reconciliation:
    """Reconciles 837P/837I ``claims`` with 835 ``remits`` (paths or bytes,
    gzip read, any order) and returns a Reconciliation (see the module
    doc).  ``as_of``: the date days and aging count to ("CCYYMMDD", an int
    20251231 or a datetime.date; default today).  ``follow_up_days``
    overrides the rules' days before a claim with no answer is followed up.

    Raises X12Error when an input cannot be read on (not X12 at all, a
    corrupt gzip, a file that cannot be opened) or a rules file is bad
    (its problems in ``.problems`` of the exception); problems in the data
    are returned in ``.problems``.
    """
    claim_items = _inputs(claims, "claims")
    remit_items = _inputs(remits, "remits")
    ack_items = _inputs(acks, "acks")
    ack_files = [a for a in ack_items if not isinstance(a, dict)]
    ack_items = [a for a in ack_items if isinstance(a, dict)]
    as_num = _as_of_arg(as_of)
    problems: List[Diagnostic] = []
    names: List[str] = []
    dropped = [0]

    def drain(h: Any, what: Optional[str] = None) -> None:
        dropped[0] += lib.x12_recon_errors_dropped(h)
        for i in range(lib.x12_recon_error_count(h)):
            src = lib.x12_recon_error_source(h, i)
            name = names[src] if src < len(names) else (what or "")
            problems.append(Diagnostic(name, problem_from_error(lib.x12_recon_error_at(h, i),
                                                                "recon")))

    with _Handle() as hd:
        h = hd.r
        if as_num:
            st = lib.x12_recon_set_option(h, _OPT_AS_OF, as_num)
            if st != _X12_OK:
                raise ValueError("as_of: %r is not a date" % (as_of,))
        if follow_up_days is not None:
            days = int_arg(follow_up_days, "follow_up_days", ctypes.c_uint64)
            check(lib.x12_recon_set_option(h, _OPT_FOLLOW_UP_DAYS, days),
                  "follow_up_days must be 0 to 3650")
        if rules is not None:
            if isinstance(rules, (bytes, bytearray, memoryview)) or (
                    isinstance(rules, str) and rules.lstrip().startswith("<")):
                xml = text_arg(rules, "rules")
                st = lib.x12_recon_load_rules_memory(h, xml, len(xml), b"<rules>")
                what = "<rules>"
            else:
                path = path_arg(rules, "rules")
                st = lib.x12_recon_load_rules_file(h, path)
                what = os.fsdecode(path)
            if st != _X12_OK:
                drain(h, what)
                err = X12Error(st, "rules %s: %s" % (what, strerror(st) if st != _X12_ESYNTAX
                                                     else "not a valid rules file"))
                err.problems = [d.problem for d in problems]
                raise err
        nbytes = 0
        readers = {1: lib.x12_recon_read_claims, 2: lib.x12_recon_read_remits,
                   3: lib.x12_recon_read_acks}
        labels = {1: "claims", 2: "remits", 3: "acks"}
        for kind, items in ((1, claim_items), (2, remit_items), (3, ack_files)):
            for item in items:
                if isinstance(item, (bytes, bytearray, memoryview)):
                    nbytes += 1
                    name = "<bytes %d>" % nbytes
                else:
                    name = os.fsdecode(path_arg(item, labels[kind]))
                rd, keep = open_reader(item)
                try:
                    names.append(name)
                    src = ctypes.c_size_t()
                    st = readers[kind](h, rd, ctypes.byref(src))
                    drain(h)
                    if st != _X12_OK:
                        fatal = [d.problem for d in problems if d.file == name and
                                 d.problem.severity == "fatal"]
                        last = fatal[-1] if fatal else None
                        raise X12Error(st, "%s: %s" % (name, last.message if last else
                                                       strerror(st)),
                                       segment_number=last.segment_number if last else 0,
                                       segment_id=last.segment_id if last else "",
                                       offset=last.offset if last else 0)
                    check(lib.x12_recon_set_source_name(h, src.value, name.encode("utf-8",
                                                                                "replace")))
                finally:
                    lib.x12_reader_free(rd)
                    del keep
        for a in ack_items:
            _add_ack(h, a)
        check(lib.x12_recon_finish(h), "x12_recon_finish")
        drain(h)
        used = "%08d" % lib.x12_recon_get_option(h, _OPT_AS_OF)
        tables: Dict[str, Any] = {}
        for name in TABLES:
            data = _write(h, _CSV, _TABLE[name])
            tables[name] = _frame(data) if frames else _rows(data)
        doc = None
        if document:
            import json
            doc = json.loads(_write(h, _JSON, 1).decode("latin-1"))
    return Reconciliation(tables, used, problems, doc, dropped[0])


def _add_ack(h: Any, a: Mapping[str, Any]) -> None:
    pcn = text_arg(a.get("pcn", ""), "acks pcn")
    date = a.get("date", "")
    if isinstance(date, (datetime.date, datetime.datetime)):
        date = "%04d%02d%02d" % (date.year, date.month, date.day)
    date = text_arg(date, "acks date")
    codes = a.get("codes", "")
    if isinstance(codes, (list, tuple)):
        codes = " ".join(codes)
    codes = text_arg(codes, "acks codes")
    rejected = a.get("rejected", True)
    if not isinstance(rejected, bool):
        raise TypeError("acks rejected: expected a bool")
    st = lib.x12_recon_add_ack(h, pcn, len(pcn), date, len(date),
                               _ACK_REJECTED if rejected else _ACK_ACCEPTED, codes, len(codes))
    if st != _X12_OK:
        raise ValueError("acks: %r needs a patient control number and a CCYYMMDD date" % (a,))
