"""837P/837I from pandas tables, and from JSON Lines, through the C JSON
Lines path (x12_batch_build_jsonl_buffer).

``build_837_tables(claims, lines, header=...)`` takes what a practice-
management system exports: one row per claim and one row per service
line, joined by a claim key.  The columns are the encounter format's names
(specs/encounter.xsd, the JSON Lines format of x12(1)):

claims (one row per claim, ``key`` unique)
    claim fields by name (``pcn``, ``place_of_service``, ``service_from``,
    ``bill_type``, ...); amounts as int64 cents in ``NAME_cents`` columns
    (``total_charge_cents``) or as decimal text in ``NAME`` columns
    (``total_charge`` holding "185.00"); the claim's parties as
    ``PARTY.FIELD`` columns, PARTY one of ``provider`` (the billing
    provider: ``provider.npi``, ``provider.name``, ...), ``pay_to``,
    ``subscriber`` (``subscriber.member_id``, ``subscriber.filing_indicator``,
    ...), ``payer`` and ``patient`` (a row whose ``patient.*`` are all
    empty is a claim of the subscriber as patient); the claim's providers as
    ``ROLE.FIELD`` columns (``rendering.npi``, ``referring.name``,
    ``service_facility.address1``, ...); diagnoses as ``diagnoses.1``,
    ``diagnoses.2``, ... (1 the principal, the others "other").
lines (one row per service line, in the claim's order)
    ``key``; line fields (``procedure``, ``revenue_code``, ``units``,
    ``service_from``, ...); ``charge_cents`` (or ``charge`` text),
    ``noncovered_cents``; ``modifiers`` ("25 59") or ``modifiers.1`` ..
    ``modifiers.4``; ``pointers`` ("1 2") or ``pointers.1`` .. ``pointers.4``
    (integers); the line's own providers as ``ROLE.FIELD``.
diagnoses (optional; rows ``key``, ``code``, ``kind``, ``poa``)
    for kinds other than principal/other and present-on-admission flags
    (837I); added after any ``diagnoses.N`` columns.
codes (optional; rows ``key``, ``kind``, ``code``, ``date``, ``date2``,
    ``amount`` or ``amount_cents``)
    837I procedure (ICD-10-PCS), occurrence, occurrence span, value and
    condition codes.
providers (optional; rows ``key``, ``role``, then party fields)
    the claim's providers as rows instead of ``ROLE.FIELD`` columns.

``header`` is the JSON Lines header: ``{"kind": "837P", "interchange":
{...}, "submitter": {...}, "receiver": {...}}`` (the dict shape of
build_837).  Empty cells (None, NaN, NA, "") are left out.  Text columns may
be strings or integers (an integer NPI is written as its digits; keep
leading zeros, as in ZIP codes, as text); float columns are refused
everywhere (money above all: int64 cents), as are unknown columns.

Other payers (secondary claims: 2320/2330, 2430) and attachments (PWK) have
no table form: build those from dicts (build_837) or JSON Lines
(build_837_jsonl).

Claims whose provider and subscriber (and patient) are equal on consecutive
rows share their HL levels: sort the claims frame by them to get the
compact tree.  The frames are turned into JSON Lines with vectorised
pandas and numpy work (each distinct value of a column is escaped once),
then the C library reads, checks and writes them in one call.
"""

from __future__ import annotations

import ctypes
import json
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, NoReturn, Optional, Tuple

if TYPE_CHECKING:
    import pandas as pd

from ._lib import EDIT_FN, Source, lib
from .errors import Problem, X12Error, check, problem_from_error
from . import claims as _claims

__all__ = ["build_837_tables", "build_837_jsonl", "tables_to_jsonl"]

_X12_OK = 0
_KINDS = {"837P": 1, "837I": 2}
_OPT_KIND_FROM_INPUT = 11

_PARTY = set(_claims._PARTY) | {"entity"}
_PARTIES = {
    "provider": _PARTY | {"npi"},
    "pay_to": {"address1", "address2", "city", "state", "zip"},
    "subscriber": _PARTY | {"member_id"} | set(_claims._SUB),
    "payer": _PARTY | {"payer_id"},
    "patient": _PARTY | {"relationship"},
}
_ROLE_FIELDS = {"entity", "name", "first_name", "middle_name", "suffix", "npi", "taxonomy",
                "address1", "address2", "city", "state", "zip"}
_CLAIM_ROLES = [r for r in _claims._ROLE if r not in ("ordering", "purchased_service")]
_LINE_ROLES = list(_claims._LINE_ROLE)
_CLAIM_AMOUNTS = set(_claims._CLAIM_AMOUNTS)
_LINE_AMOUNTS = set(_claims._LINE_AMOUNTS)


# Text that must go through json.dumps: quotes, backslashes, control
# characters, and the closing brackets (see _close).
_SPECIAL = r'["\\\]}\x00-\x1f]'


def _close(text: str) -> str:
    """Objects and arrays are written with a comma after every member, the
    last one too; one pass over the whole text removes those.  ",}" and
    ",]" cannot occur inside a string value: values escape } and ] as
    \\u007d and \\u005d."""
    return text.replace(",}", "}").replace(",]", "]")


def _quote(pd: Any, np: Any, uniques: Any) -> Any:
    """JSON strings for an object array of str: most need only quotes."""
    out = np.empty(len(uniques), dtype=object)
    if len(uniques) == 0:
        return out
    special = pd.Series(uniques, dtype=object).str.contains(_SPECIAL, regex=True).to_numpy()
    plain = ~special
    out[plain] = '"' + uniques[plain] + '"'
    for i in np.flatnonzero(special):
        out[i] = json.dumps(uniques[i], ensure_ascii=False).replace(
            "}", "\\u007d").replace("]", "\\u005d")
    return out


class _Frame:
    """A frame's columns, checked, as JSON fragments per row."""

    def __init__(self, pd: Any, np: Any, df: Any, what: str) -> None:
        self.pd, self.np, self.df, self.what = pd, np, df, what
        self.n = len(df)

    def _bad(self, name: str, why: str) -> NoReturn:
        raise ValueError("%s column %r: %s" % (self.what, name, why))

    def values(self, name: str, kind: str) -> Tuple[Any, Any]:
        """The column as (codes, texts): texts[codes[i]] is row i's JSON value
        (an object array; code -1 is an empty cell).  kind: "text", "cents",
        "int"."""
        pd, np = self.pd, self.np
        s = self.df[name]
        dt = s.dtype
        if pd.api.types.is_float_dtype(dt) or pd.api.types.is_complex_dtype(dt):
            self._bad(name, "is %s: %s" % (dt, "money is int64 cents (NAME_cents) or decimal "
                                              "text, never float" if kind == "cents" or
                                           name.endswith("_cents") else
                                           "float columns are refused (give text or integers)"))
        if pd.api.types.is_bool_dtype(dt):
            self._bad(name, "is boolean")
        if kind == "cents" and not pd.api.types.is_integer_dtype(dt):
            self._bad(name, "is %s: money in a NAME_cents column is int64 cents" % dt)
        if _PD_NA_SENTINEL:
            codes, uniques = pd.factorize(s, use_na_sentinel=True)
        else:
            codes, uniques = pd.factorize(s, na_sentinel=-1)
        uniques = np.asarray(uniques, dtype=object)
        inferred = pd.api.types.infer_dtype(uniques, skipna=True) if len(uniques) else "empty"
        if kind in ("cents", "int"):
            if inferred not in ("integer", "empty"):
                self._bad(name, "holds %s values, not integers" % inferred)
            texts = np.array([str(int(u)) for u in uniques], dtype=object)
        elif inferred == "string":
            empty = uniques == ""
            texts = _quote(pd, np, uniques)
            if empty.any():  # "" is an empty cell
                codes = np.where(empty[codes] & (codes >= 0), -1, codes)
        elif inferred == "integer":
            texts = np.array(['"%d"' % int(u) for u in uniques], dtype=object)
        elif inferred == "empty":
            texts = np.empty(0, dtype=object)
        else:
            self._bad(name, "holds %s values (text or integers, never float)" % inferred)
        return codes, texts

    def pieces(self, cols: Iterable[Tuple[str, str, str]], out: List[Any]) -> Any:
        """For (column, json_key, kind) triples: appends to `out` one object
        array per column holding '"key":value,' for every non-empty cell
        (else ""); returns a bool array: the row has any."""
        np = self.np
        has = np.zeros(self.n, dtype=bool)
        for name, key, kind in cols:
            codes, texts = self.values(name, kind)
            out.append(np.append(('"%s":' % key) + texts + ",", "")[codes])
            has |= codes >= 0
        return has


def _pd_na_sentinel() -> bool:
    import inspect
    import pandas as pd
    return "use_na_sentinel" in inspect.signature(pd.factorize).parameters


_PD_NA_SENTINEL: Optional[bool] = None


def _join_rows(np: Any, n: int, pieces: List[Any]) -> Any:
    """The pieces (object arrays of n strings, or strings) as one text per
    row, or (n == 0) nothing; by one C-level join over the row-major
    matrix, then cut per row."""
    mat = np.empty((n, len(pieces)), dtype=object)
    for j, p in enumerate(pieces):
        mat[:, j] = p
    return mat


def _group(np: Any, pos: Any, n: int, pieces: List[Any]) -> Tuple[Any, Any]:
    """The rows of a frame whose claim position is pos[i] (0..n-1), each the
    concatenation of its pieces, joined per claim in row order: one string
    per claim, and the number of rows of each claim."""
    order = np.argsort(pos, kind="stable")
    counts = np.bincount(pos, minlength=n)
    ends = np.cumsum(counts).tolist()
    mat = _join_rows(np, len(pos), pieces)[order]
    out = np.empty(n, dtype=object)
    start = 0
    for i, e in enumerate(ends):
        out[i] = "".join(mat[start:e].ravel().tolist()) if e > start else ""
        start = e
    return out, counts


def _positions(pd: Any, np: Any, claims_keys: Any, df: Any, key: str, what: str) -> Any:
    if key not in df.columns:
        raise ValueError("%s has no key column %r" % (what, key))
    pos = pd.Index(claims_keys).get_indexer(df[key])
    if (pos < 0).any():
        raise ValueError("%s: %d row(s) whose %r is not a claim's" % (what, int((pos < 0).sum()),
                                                                       key))
    return pos


def _split(name: str) -> Tuple[Optional[str], str]:
    if "." in name:
        role, field = name.split(".", 1)
        return role, field
    return None, name


def tables_to_jsonl(claims: pd.DataFrame, lines: pd.DataFrame, *, header: Dict[str, Any],
                    diagnoses: Optional[pd.DataFrame] = None,
                    codes: Optional[pd.DataFrame] = None,
                    providers: Optional[pd.DataFrame] = None, key: str = "claim_id") -> str:
    """The JSON Lines text (str) build_837_tables feeds the library: the
    header line, then one line per claim in the claims frame's order."""
    global _PD_NA_SENTINEL
    code_rows = codes
    import numpy as np
    import pandas as pd

    if _PD_NA_SENTINEL is None:
        _PD_NA_SENTINEL = _pd_na_sentinel()
    if not isinstance(claims, pd.DataFrame) or not isinstance(lines, pd.DataFrame):
        raise TypeError("claims and lines must be pandas DataFrames")
    if key not in claims.columns:
        raise ValueError("claims has no key column %r" % key)
    if not claims[key].is_unique:
        raise ValueError("claims: the key column %r is not unique" % key)
    if claims[key].isna().any():
        raise ValueError("claims: the key column %r has empty cells" % key)
    n = len(claims)
    cf = _Frame(pd, np, claims.reset_index(drop=True), "claims")

    # ---- the claims frame's columns, sorted into their objects ----
    claim_cols: List[Tuple[str, str, str]] = []
    party_cols: Dict[str, List[Tuple[str, str, str]]] = {p: [] for p in _PARTIES}
    role_cols: Dict[str, List[Tuple[str, str, str]]] = {}
    dx_cols: List[Tuple[int, str]] = []
    for col in claims.columns:
        if col == key:
            continue
        if not isinstance(col, str):
            raise ValueError("claims column %r: names are strings" % (col,))
        prefix, field = _split(col)
        if prefix is None:
            if field in _claims._CLAIM:
                claim_cols.append((col, field, "text"))
            elif field in _CLAIM_AMOUNTS:
                claim_cols.append((col, field, "text"))
            elif field.endswith("_cents") and field[:-6] in _CLAIM_AMOUNTS:
                claim_cols.append((col, field, "cents"))
            else:
                raise ValueError("claims column %r: not a claim field" % col)
        elif prefix in _PARTIES:
            if field not in _PARTIES[prefix]:
                raise ValueError("claims column %r: %s has no field %r" % (col, prefix, field))
            party_cols[prefix].append((col, field, "text"))
        elif prefix in _CLAIM_ROLES:
            if field not in _ROLE_FIELDS:
                raise ValueError("claims column %r: a provider has no field %r" % (col, field))
            role_cols.setdefault(prefix, []).append((col, field, "text"))
        elif prefix == "diagnoses" and field.isdigit() and int(field) >= 1:
            dx_cols.append((int(field), col))
        else:
            raise ValueError("claims column %r: unknown (see help(libx12.build_837_tables))"
                             % col)
    for need in ("provider", "subscriber", "payer"):
        if not party_cols[need]:
            raise ValueError("claims: no %s.* columns" % need)

    # Every object and array ends its members with a comma (_close fixes
    # that on the whole text), and a claim's line is the concatenation of
    # `row`'s pieces, joined for all claims at once at the end.
    row: List[Any] = ['{"provider":{']
    sub: List[Any]
    cf.pieces(party_cols["provider"], row)
    if party_cols["pay_to"]:
        sub = []
        has = cf.pieces(party_cols["pay_to"], sub)
        row += [np.where(has, '"pay_to":{', "")] + sub + [np.where(has, "},", "")]
    row.append('},"subscriber":{')
    cf.pieces(party_cols["subscriber"], row)
    row.append('"payer":{')
    cf.pieces(party_cols["payer"], row)
    row.append("}}")
    if party_cols["patient"]:
        sub = []
        has = cf.pieces(party_cols["patient"], sub)
        row += [np.where(has, ',"patient":{', "")] + sub + [np.where(has, "}", "")]
    row.append(',"claim":{')
    cf.pieces(claim_cols, row)

    # diagnoses: the diagnoses.N columns, then the diagnoses frame
    dx: List[Any] = []
    has_dx = np.zeros(n, dtype=bool)
    for i, (num, col) in enumerate(sorted(dx_cols)):
        codes, texts = cf.values(col, "text")
        kind = '"kind":"principal",' if i == 0 else ""
        dx.append(np.append(('{%s"code":' % kind) + texts + "},", "")[codes])
        has_dx |= codes >= 0
    if diagnoses is not None:
        pos = _positions(pd, np, claims[key], diagnoses, key, "diagnoses")
        df = _Frame(pd, np, diagnoses.reset_index(drop=True), "diagnoses")
        cols: List[Tuple[str, str, str]] = []
        for col in diagnoses.columns:
            if col == key:
                continue
            if col not in ("code", "kind", "poa"):
                raise ValueError("diagnoses column %r: unknown (code, kind, poa)" % col)
            cols.append((col, col, "text"))
        sub = ["{"]
        df.pieces(cols, sub)
        joined, counts = _group(np, pos, n, sub + ["},"])
        dx.append(joined)
        has_dx |= counts > 0
    if dx:
        row += [np.where(has_dx, '"diagnoses":[', "")] + dx + [np.where(has_dx, "],", "")]

    # 837I codes (procedures, occurrence, span, value and condition codes)
    if code_rows is not None:
        pos = _positions(pd, np, claims[key], code_rows, key, "codes")
        df = _Frame(pd, np, code_rows.reset_index(drop=True), "codes")
        cols = []
        for col in code_rows.columns:
            if col == key:
                continue
            if col in ("kind", "code", "date", "date2", "amount"):
                cols.append((col, col, "text"))
            elif col == "amount_cents":
                cols.append((col, col, "cents"))
            else:
                raise ValueError("codes column %r: unknown (kind, code, date, date2, amount, "
                                 "amount_cents)" % col)
        sub = ["{"]
        df.pieces(cols, sub)
        joined, counts = _group(np, pos, n, sub + ["},"])
        row += [np.where(counts > 0, '"codes":[', ""), joined, np.where(counts > 0, "],", "")]

    # the claim's providers: ROLE.* columns, then the providers frame
    pr: List[Any] = []
    has_pr = np.zeros(n, dtype=bool)
    for role, cols in role_cols.items():
        sub = []
        has = cf.pieces(cols, sub)
        pr += [np.where(has, '{"role":"%s",' % role, "")] + sub + [np.where(has, "},", "")]
        has_pr |= has
    if providers is not None:
        pos = _positions(pd, np, claims[key], providers, key, "providers")
        df = _Frame(pd, np, providers.reset_index(drop=True), "providers")
        cols = []
        for col in providers.columns:
            if col == key:
                continue
            if col != "role" and col not in _ROLE_FIELDS:
                raise ValueError("providers column %r: unknown" % col)
            cols.append((col, col, "text"))
        sub = ["{"]
        df.pieces(cols, sub)
        joined, counts = _group(np, pos, n, sub + ["},"])
        pr.append(joined)
        has_pr |= counts > 0
    if pr:
        row += [np.where(has_pr, '"providers":[', "")] + pr + [np.where(has_pr, "],", "")]

    # lines
    pos = _positions(pd, np, claims[key], lines, key, "lines")
    lf = _Frame(pd, np, lines.reset_index(drop=True), "lines")
    line_cols: List[Tuple[str, str, str]] = []
    line_roles: Dict[str, List[Tuple[str, str, str]]] = {}
    mods: List[Tuple[int, str]] = []
    ptrs: List[Tuple[int, str]] = []
    for col in lines.columns:
        if col == key:
            continue
        if not isinstance(col, str):
            raise ValueError("lines column %r: names are strings" % (col,))
        prefix, field = _split(col)
        if prefix is None:
            if field in _claims._LINE or field in _LINE_AMOUNTS or field in ("modifiers",
                                                                             "pointers"):
                line_cols.append((col, field, "text"))
            elif field.endswith("_cents") and field[:-6] in _LINE_AMOUNTS:
                line_cols.append((col, field, "cents"))
            else:
                raise ValueError("lines column %r: not a line field" % col)
        elif prefix == "modifiers" and field.isdigit():
            mods.append((int(field), col))
        elif prefix == "pointers" and field.isdigit():
            ptrs.append((int(field), col))
        elif prefix in _LINE_ROLES:
            if field not in _ROLE_FIELDS:
                raise ValueError("lines column %r: a provider has no field %r" % (col, field))
            line_roles.setdefault(prefix, []).append((col, field, "text"))
        else:
            raise ValueError("lines column %r: unknown" % col)
    lrow: List[Any] = ["{"]
    lf.pieces(line_cols, lrow)
    for numbered, jkey, kind in ((sorted(mods), "modifiers", "text"),
                                 (sorted(ptrs), "pointers", "int")):
        if not numbered:
            continue
        sub = []
        has = np.zeros(lf.n, dtype=bool)
        for _, col in numbered:
            codes, texts = lf.values(col, kind)
            sub.append(np.append(texts + ",", "")[codes])
            has |= codes >= 0
        lrow += [np.where(has, '"%s":[' % jkey, "")] + sub + [np.where(has, "],", "")]
    lpr: List[Any] = []
    has_lpr = np.zeros(lf.n, dtype=bool)
    for role, cols in line_roles.items():
        sub = []
        has = lf.pieces(cols, sub)
        lpr += [np.where(has, '{"role":"%s",' % role, "")] + sub + [np.where(has, "},", "")]
        has_lpr |= has
    if lpr:
        lrow += [np.where(has_lpr, '"providers":[', "")] + lpr + [np.where(has_lpr, "],", "")]
    lrow.append("},")
    joined, counts = _group(np, pos, n, lrow)
    row += [np.where(counts > 0, '"lines":[', ""), joined, np.where(counts > 0, "],", "")]
    row.append("}}\n")

    if not isinstance(header, dict):  # (checked: callers may not be type-checked)
        raise TypeError("header must be a dict: kind, interchange, submitter, receiver")
    head = json.dumps(_claims._plain(header), ensure_ascii=False, separators=(",", ":"))
    mat = _join_rows(np, n, row)
    return head + "\n" + _close("".join(mat.ravel().tolist()))


def _build(data: bytes, name: bytes, kind: Optional[str], line_break: str) -> bytes:
    b = ctypes.c_void_p()
    w = ctypes.c_void_p()
    problems: List[Problem] = []

    def edit(user: Any, path: bytes, e: Any) -> None:
        problems.append(problem_from_error(e, "edit", path=path.decode("utf-8", "replace")))

    on_edit = EDIT_FN(edit)  # kept referenced until the batch is freed

    if kind is not None and kind not in _KINDS:
        raise ValueError("kind must be '837P' or '837I', not %r" % (kind,))
    check(lib.x12_batch_new(None, _KINDS[kind or "837P"], ctypes.byref(b)), "x12_batch_new")
    try:
        if kind is not None:
            lib.x12_batch_set_option(b, _OPT_KIND_FROM_INPUT, 0)
        lib.x12_batch_set_edit_handler(b, on_edit, None)
        check(lib.x12_writer_new(None, ctypes.byref(w)), "x12_writer_new")
        check(lib.x12_writer_to_memory(w))
        check(lib.x12_writer_set_line_break(w, line_break.encode("ascii")), "line break")
        st = lib.x12_batch_build_jsonl_buffer(b, data, len(data), name, w)
        if st != _X12_OK:
            if not problems and lib.x12_writer_last_error(w):
                raise X12Error.from_error(st, lib.x12_writer_last_error(w))
            lines = ["%s: %s: %s" % (p.path, p.rule, p.message) for p in problems]
            what = "problem(s) in the encounters" if st != 13 else \
                "pre-submission edit(s) failed"
            first = problems[0] if problems else None
            raise X12Error(st, "%d %s:\n  %s" % (len(problems), what, "\n  ".join(lines))
                           if lines else what, segment_id=first.segment_id if first else "",
                           loop_id=first.loop_id if first else "",
                           element=first.element if first else 0,
                           rule=first.rule if first else "", problems=problems)
        n = ctypes.c_size_t()
        p = lib.x12_writer_memory(w, ctypes.byref(n))
        return ctypes.string_at(p, n.value) if n.value else b""
    finally:
        lib.x12_writer_free(w)
        lib.x12_batch_free(b)


def build_837_jsonl(source: Source, *, kind: Optional[str] = None,
                    line_break: str = "\n") -> bytes:
    """Builds the interchange from JSON Lines encounters (a path, or bytes)
    as ``x12 build --jsonl`` does, and returns its bytes.  ``kind`` fixes
    the kind (the header's must then agree).  X12Error (X12_ESYNTAX,
    X12_ELIMIT, X12_EEDIT, ...) with every problem in ``problems``: input
    problems with path "NAME:LINE" and the byte in the message, failed
    edits with their field path."""
    if isinstance(source, (str, os.PathLike)):
        name = os.fsencode(source)
        with open(source, "rb") as f:
            data = f.read()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        name, data = b"<memory>", bytes(source)
    else:
        raise TypeError("source must be a path or bytes")
    return _build(data, name, kind, line_break)


def build_837_tables(claims: pd.DataFrame, lines: pd.DataFrame, *, header: Dict[str, Any],
                     diagnoses: Optional[pd.DataFrame] = None,
                     codes: Optional[pd.DataFrame] = None,
                     providers: Optional[pd.DataFrame] = None, key: str = "claim_id",
                     kind: Optional[str] = None, line_break: str = "\n") -> bytes:
    """Builds an 837P or 837I interchange from pandas DataFrames (see the
    module doc for the columns) and returns its bytes, as build_837 does.

    Every problem raises X12Error with ``problems``: a JSON value the format
    refuses (path "<tables>:LINE": line 2 is the first claim), or a failed
    pre-submission edit (path "claim[N]...": N counts claims in the frame's
    order).  ``X12Error.claim_keys`` gives the claim key of each problem
    (None for the header's).  A bad column (unknown, float, money not in
    int64 cents) raises ValueError naming it before anything is built.
    """
    import numpy as np
    text = tables_to_jsonl(claims, lines, header=header, diagnoses=diagnoses, codes=codes,
                           providers=providers, key=key)
    try:
        return _build(text.encode("utf-8"), b"<tables>", kind, line_break)
    except X12Error as err:
        keys = claims[key].tolist()
        out = []
        for p in err.problems:
            n = None
            if p.path.startswith("<tables>:"):
                n = int(p.path.split(":", 1)[1]) - 2
            elif p.path.startswith("claim[") and "]" in p.path:
                inner = p.path[6:p.path.index("]")]
                n = int(inner) - 1 if inner.isdigit() else None
            out.append(keys[n] if n is not None and 0 <= n < len(keys) else None)
        err.claim_keys = [k.item() if isinstance(k, np.generic) else k for k in out]
        raise
