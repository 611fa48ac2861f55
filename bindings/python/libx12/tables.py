"""835 remittances and 837 claims as column tables: pandas DataFrames
built from the C library's column batches (libx12-tables(3)), with numpy,
never a Python call per row and column.

    t = libx12.remit_tables("era.835.gz")        # the whole input
    t.claims.groupby("outcome")["paid_cents"].sum()
    for t in libx12.iter_remit_tables("era.835", claims=50_000):
        ...                                      # one batch at a time
    c = libx12.claim_tables("sent.837")          # claims, lines, diagnoses, ...

Tables: payments, claims, lines, adjustments, remarks,
provider_adjustments, diagnostics; keys payment_index, claim_index (0-based
across the input) and line (1-based in its claim, 0 for claim level).
Money columns (*_cents) are int64 cents, dates Int32 CCYYMMDD (pandas'
nullable integer: <NA> when absent or not a date), keys and counts int64 or
int32, flags bool, text object columns of str (None when the value is
absent, "" when its element is empty).

837 tables (claim_tables, iter_claim_tables): claims, lines, diagnoses,
providers, other_payers, diagnostics (CLAIM_TABLE_NAMES), keyed by
claim_index (0-based among the input's CLM segments) and line; the same
types.  libx12-tables(3) lists every column.

numpy and pandas are needed by these functions only: the rest of the
package imports and works without them.
"""

from __future__ import annotations

import ctypes
import os
from typing import (TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, NamedTuple, Optional,
                    Protocol, Sequence, Tuple, Union, cast)

from ._lib import Source, lib, X12Range, P_X12Range
from .errors import X12Error, check
from .segments import open_input

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RemitTables", "remit_tables", "iter_remit_tables", "TABLE_NAMES",
           "ClaimTables", "claim_tables", "iter_claim_tables", "CLAIM_TABLE_NAMES",
           "BinaryReadable"]

TABLE_NAMES = ("payments", "claims", "lines", "adjustments", "remarks", "provider_adjustments",
               "diagnostics")
CLAIM_TABLE_NAMES = ("claims", "lines", "diagnoses", "providers", "other_payers", "diagnostics")

_KIND_REMIT, _KIND_CLAIMS = 1, 2
_NAMES = {_KIND_REMIT: TABLE_NAMES, _KIND_CLAIMS: CLAIM_TABLE_NAMES}
_INT64, _INT32, _BOOL, _STRING, _DICT = 1, 2, 3, 4, 5
_WIDTH = {_INT64: 8, _INT32: 4, _BOOL: 1, _DICT: 4}
_OPT_BATCH_CLAIMS, _OPT_MAX_ERRORS, _OPT_DATES_AS_TEXT = 1, 2, 3
_OPT_FIRST_CLAIM, _OPT_FIRST_PAYMENT = 4, 5
_X12_OK, _X12_END, _X12_AGAIN = 0, 1, 2
_FEED = 1 << 20  # bytes read from a file object at a time



class BinaryReadable(Protocol):
    """A binary file object, as far as the readers use it: ``read(size)``
    giving bytes (b"" or None at the end)."""

    def read(self, __size: int) -> Optional[bytes]: ...


# What the 835 readers take: a path, bytes, or a binary file object.
RemitSource = Union[Source, BinaryReadable]

_np: Any = None
_pd: Any = None


def _need_pandas() -> Tuple[Any, Any]:
    """numpy and pandas, imported on first use with a clear message."""
    global _np, _pd
    if _pd is None:
        try:
            import numpy
            import pandas
        except ImportError as e:
            raise ImportError(
                "libx12's tables (remit_tables, claim_tables, libx12.dask) need numpy and pandas "
                "(Debian: apt-get install python3-numpy python3-pandas); the rest of "
                "libx12 works without them: %s" % e) from e
        _np, _pd = numpy, pandas
    return _np, _pd


def _is_file(source: object) -> bool:
    return (not isinstance(source, (str, bytes, bytearray, memoryview, os.PathLike))
            and hasattr(source, "read"))


class TablesHandle:
    """A C x12_tables handle over one input (internal: the DataFrame
    functions, libx12.dask and the dataclass readers of libx12.remit share
    it).

    ``source`` is a path (str or os.PathLike; gzip detected), bytes-like
    data (gzip too) or a binary file object (read in chunks through the
    push reader); None opens nothing (the schema only).  ``kind`` is
    _KIND_REMIT or _KIND_CLAIMS.  ``byte_range`` (a ByteRange) reads only
    that part of the input, numbering payments and claims from its
    first_payment and first_claim.  ``next()`` is True when a batch is
    ready, False at the end; a fatal error raises X12Error with its
    position (the rows read before it come first as a batch)."""

    def __init__(self, source: Optional[RemitSource], *, kind: int = _KIND_REMIT, batch_claims: int = 50000,
                 max_errors: int = 10000, dates_as_text: bool = False,
                 byte_range: Optional[ByteRange] = None) -> None:
        self._h: Any = None
        self._file: Any = None
        self._keep: Any = None
        self.finished = False
        self.names = _NAMES[kind]
        h = ctypes.c_void_p()
        check(lib.x12_tables_new(None, kind, None, ctypes.byref(h)), "x12_tables_new")
        self._h = h
        try:
            check(lib.x12_tables_set_option(h, _OPT_BATCH_CLAIMS, int(batch_claims)))
            check(lib.x12_tables_set_option(h, _OPT_MAX_ERRORS, int(max_errors)))
            check(lib.x12_tables_set_option(h, _OPT_DATES_AS_TEXT, 1 if dates_as_text else 0))
            if byte_range is not None:
                self._range = _set_range(h, kind, byte_range)
            if source is None:
                pass
            elif _is_file(source):
                self._file = source
                self._feed()
            else:
                self._keep = open_input(lib.x12_tables_reader(h), cast(Source, source))
            self.schema: List[List[Tuple[str, int, bool]]] = []
            for t in range(len(self.names)):
                cols = []
                for c in range(lib.x12_tables_column_count(h, t)):
                    cols.append((lib.x12_tables_column_name(h, t, c).decode("ascii"),
                                 lib.x12_tables_column_type(h, t, c),
                                 bool(lib.x12_tables_column_nullable(h, t, c))))
                self.schema.append(cols)
        except BaseException:
            self.close()
            raise

    def _feed(self) -> None:
        chunk = self._file.read(_FEED)
        if chunk is None:
            chunk = b""
        if isinstance(chunk, str):
            raise TypeError("the file object must be opened in binary mode")
        data = bytes(chunk)
        check(lib.x12_reader_feed(lib.x12_tables_reader(self._h), data, len(data),
                                  1 if not data else 0), "x12_reader_feed")

    def close(self) -> None:
        if self._h:
            lib.x12_tables_free(self._h)
            self._h = None
            self._keep = None
            self._file = None

    def __del__(self) -> None:
        self.close()

    def next(self) -> bool:
        if not self._h or self.finished:
            return False
        while True:
            st = lib.x12_tables_next(self._h)
            if st == _X12_OK:
                return True
            if st == _X12_END:
                self.finished = True
                return False
            if st == _X12_AGAIN and self._file is not None:
                self._feed()
                continue
            err = X12Error.from_error(st, lib.x12_tables_last_error(self._h))
            self.finished = True
            raise err

    # ---- raw column data of the current batch --------------------------------------

    def rows(self, t: int) -> int:
        return int(lib.x12_tables_rows(self._h, t))

    def first_claim(self) -> int:
        return int(lib.x12_tables_first_claim(self._h))

    def errors_dropped(self) -> int:
        return int(lib.x12_tables_errors_dropped(self._h))

    def open_payment(self) -> Any:
        return lib.x12_tables_open_payment(self._h)

    def fixed(self, t: int, c: int, ty: int, n: int) -> bytes:
        """The bytes of a fixed-width column (values, or DICT indices)."""
        if n == 0:
            return b""
        return ctypes.string_at(lib.x12_tables_values(self._h, t, c), n * _WIDTH[ty])

    def validity(self, t: int, c: int, n: int) -> Optional[bytes]:
        """The validity bitmap's bytes, or None when no row is NULL."""
        p = lib.x12_tables_validity(self._h, t, c)
        if not p or n == 0:
            return None
        return ctypes.string_at(p, (n + 7) // 8)

    def strings(self, t: int, c: int, n: int) -> List[str]:
        """A STRING column's n values (or a DICT column's n dictionary
        entries) as a list of str (latin-1: one character per byte).

        The library writes them NUL-separated in one copy and str.split
        makes every str at C speed; a value holding a NUL byte itself (no
        X12 data should) makes the pieces outnumber the rows, and then each
        value is sliced out by its offsets instead."""
        if n == 0:
            return []
        size = lib.x12_tables_copy_delimited(self._h, t, c, b"\0", None, 0)
        buf = bytearray(size)
        lib.x12_tables_copy_delimited(self._h, t, c, b"\0",
                                      (ctypes.c_char * size).from_buffer(buf), size)
        values = buf.decode("latin-1").split("\0")
        if len(values) == n + 1:
            values.pop()  # after the last separator
            return values
        text = ctypes.string_at(lib.x12_tables_bytes(self._h, t, c, None),
                                size - n).decode("latin-1")
        off = memoryview(ctypes.string_at(lib.x12_tables_offsets(self._h, t, c),
                                          (n + 1) * 8)).cast("q").tolist()
        return list(map(text.__getitem__, map(slice, off[:-1], off[1:])))

    def dictionary(self, t: int, c: int) -> List[str]:
        return self.strings(t, c, lib.x12_tables_dictionary_size(self._h, t, c))

    # ---- a table as Python lists (no numpy) -----------------------------------------

    def pylists(self, t: int, names: Optional[Sequence[str]] = None) -> Dict[str, List[Any]]:
        """{column: list} of a table of the current batch: int, bool, str,
        and None for NULL.  ``names`` limits the columns."""
        n = self.rows(t)
        out: Dict[str, List[Any]] = {}
        for c, (name, ty, nullable) in enumerate(self.schema[t]):
            if names is not None and name not in names:
                continue
            if nullable and n and lib.x12_tables_null_count(self._h, t, c) == n:
                out[name] = [None] * n
                continue
            vals: List[Any]
            if ty == _INT64:
                vals = memoryview(self.fixed(t, c, ty, n)).cast("q").tolist()
            elif ty == _INT32:
                vals = memoryview(self.fixed(t, c, ty, n)).cast("i").tolist()
            elif ty == _BOOL:
                vals = list(map(bool, self.fixed(t, c, ty, n)))
            elif ty == _DICT:
                entries = self.dictionary(t, c)
                vals = list(map(entries.__getitem__,
                                memoryview(self.fixed(t, c, ty, n)).cast("i").tolist()))
            else:
                vals = self.strings(t, c, n)
            if nullable:
                nulls = lib.x12_tables_null_count(self._h, t, c)
                if nulls == n:
                    vals = [None] * n
                elif nulls:
                    valid = _bits(self.validity(t, c, n) or b"", n)
                    vals = [v if ok == "1" else None for v, ok in zip(vals, valid)]
            out[name] = vals
        return out


# ---- byte ranges ---------------------------------------------------------------------

# A byte range of a file and what a reader needs to start there (see
# libx12-range(3)): plain values only, so it pickles (libx12.dask sends
# them to workers).  first_payment / first_claim number the range's
# payments and claims on from the ranges before it.
class ByteRange(NamedTuple):
    """A byte range of an input and what a reader needs to start there."""

    offset: int
    length: int
    isa: bytes
    gs: bytes
    segment_number: int
    interchanges: int
    groups: int
    sets: int
    total_groups: int
    total_sets: int
    total_segments: int
    first_payment: int
    first_claim: int

_UINT64_MAX = (1 << 64) - 1


def _set_range(h: Any, kind: int, br: ByteRange) -> Tuple[Any, ...]:
    """Makes the handle's reader read only ``br``; returns what must stay
    alive while it reads."""
    isa, gs = bytes(br.isa or b""), bytes(br.gs or b"")
    rg = X12Range()
    rg.struct_size = ctypes.sizeof(X12Range)
    rg.offset, rg.length = br.offset, br.length
    isa_buf = ctypes.create_string_buffer(isa, len(isa) or 1)
    gs_buf = ctypes.create_string_buffer(gs, len(gs) or 1)
    rg.isa = ctypes.cast(isa_buf, ctypes.c_void_p).value if isa else None
    rg.isa_len = len(isa)
    rg.gs = ctypes.cast(gs_buf, ctypes.c_void_p).value if gs else None
    rg.gs_len = len(gs)
    for f in ("segment_number", "interchanges", "groups", "sets", "total_groups",
              "total_sets", "total_segments"):
        setattr(rg, f, getattr(br, f))
    check(lib.x12_reader_set_range(lib.x12_tables_reader(h), ctypes.byref(rg)),
          "x12_reader_set_range")
    if br.first_claim:
        check(lib.x12_tables_set_option(h, _OPT_FIRST_CLAIM, int(br.first_claim)))
    if br.first_payment and kind == _KIND_REMIT:
        check(lib.x12_tables_set_option(h, _OPT_FIRST_PAYMENT, int(br.first_payment)))
    return (rg, isa_buf, gs_buf)


def plan_ranges(path: Union[str, os.PathLike[str]], blocksize: int,
                kind: int = _KIND_REMIT) -> List[ByteRange]:
    """Cuts the file at ``path`` into ByteRanges of about ``blocksize``
    bytes, only where a transaction set starts after the one before it
    closed (x12_range_plan: one pass of the reader, nothing parsed).  The
    ranges tile the decoded input; the last runs to its end.  A fatal
    reader error raises X12Error with its position."""
    set_id, seg_id = (b"835", b"CLP") if kind == _KIND_REMIT else (b"837", b"CLM")
    p = ctypes.c_void_p()
    check(lib.x12_range_plan_new(None, None, ctypes.byref(p)), "x12_range_plan_new")
    out = []
    try:
        check(lib.x12_range_plan_set_option(p, 1, int(blocksize)))
        check(lib.x12_range_plan_count(p, set_id, seg_id))
        open_input(lib.x12_range_plan_reader(p), path)
        payments = claims = 0
        rp = P_X12Range()
        while True:
            st = lib.x12_range_plan_next(p, ctypes.byref(rp))
            if st == _X12_END:
                break
            if st != _X12_OK:
                raise X12Error.from_error(st, lib.x12_range_plan_last_error(p),
                                          "cannot plan byte ranges of %s" % os.fspath(path))
            rg = rp.contents
            out.append(ByteRange(
                rg.offset, rg.length,
                ctypes.string_at(rg.isa, rg.isa_len) if rg.isa else b"",
                ctypes.string_at(rg.gs, rg.gs_len) if rg.gs else b"",
                rg.segment_number, rg.interchanges, rg.groups, rg.sets, rg.total_groups,
                rg.total_sets, rg.total_segments, payments, claims))
            payments += lib.x12_range_plan_get(p, 2)
            claims += lib.x12_range_plan_get(p, 3)
    finally:
        lib.x12_range_plan_free(p)
    return out


def _bits(bits: bytes, n: int) -> str:
    """A validity bitmap as a str of n "0"/"1" (bit i of the bitmap is
    character i), made without a Python step per row."""
    return format(int.from_bytes(bits, "little"), "0%db" % (len(bits) * 8))[::-1][:n]


# ---- DataFrames --------------------------------------------------------------------------


class _Column:
    """One column built from batches.  Numbers and dictionary codes are
    copied from the library's buffers straight into a numpy array sized
    ahead (joining batches costs no second copy); a dictionary column's
    strings are merged into one dictionary across batches and made objects
    once, at the end; a STRING column's values become str through the
    library's delimited copy and one str.split."""

    __slots__ = ("ty", "nullable", "n", "values", "mask", "ids", "entries", "strs")

    def __init__(self, ty: int, nullable: bool) -> None:
        self.ty = ty
        self.nullable = nullable
        self.n = 0
        self.values: Any = None   # numbers, or dictionary codes (int32)
        self.mask: Any = None     # True = NULL; made at the first NULL
        self.ids: Optional[Dict[str, int]] = None    # DICT: {string: code} across batches
        self.entries: Optional[List[str]] = None     # DICT: the strings by code
        self.strs: Optional[List[Optional[str]]] = None  # STRING: list of str

    def _room(self, arr: Any, dtype: Any, need: int, hint: int) -> Any:
        if arr is not None and len(arr) >= need:
            return arr
        cap = max(need, hint, 2 * len(arr) if arr is not None else 0)
        new = _np.empty(cap, dtype=dtype)
        if arr is not None and self.n:
            new[:self.n] = arr[:self.n]
        return new

    def add(self, h: TablesHandle, t: int, c: int, rows: int, hint: int) -> None:
        """Appends the current batch's rows; `hint` is the number of rows
        the whole input is expected to have (a size for the arrays)."""
        np = _np
        n0, n1 = self.n, self.n + rows
        ty = self.ty
        null = None
        empty = False
        if self.nullable:
            empty = rows > 0 and lib.x12_tables_null_count(h._h, t, c) == rows
            bits = h.validity(t, c, rows)
            if bits is not None:
                null = np.unpackbits(np.frombuffer(bits, dtype=np.uint8), count=rows,
                                     bitorder="little") == 0
                if self.mask is None:
                    self.mask = np.zeros(max(n1, hint), dtype=np.bool_)
            if self.mask is not None:
                self.mask = self._room(self.mask, np.bool_, n1, hint)
                self.mask[n0:n1] = null if null is not None else False
        if ty in (_INT64, _INT32, _BOOL):
            dtype = {_INT64: np.int64, _INT32: np.int32, _BOOL: np.uint8}[ty]
            self.values = self._room(self.values, dtype, n1, hint)
            if rows:
                ctypes.memmove(self.values.ctypes.data + n0 * self.values.itemsize,
                               lib.x12_tables_values(h._h, t, c), rows * _WIDTH[ty])
        elif ty == _DICT:
            if self.ids is None or self.entries is None:
                self.ids, self.entries = {}, []
            ids, entries = self.ids, self.entries
            self.values = self._room(self.values, np.int32, n1, hint)
            if rows and empty:
                self.values[n0:n1] = 0  # every row NULL: no dictionary to merge
            elif rows:
                index = np.empty(rows, dtype=np.int32)
                ctypes.memmove(index.ctypes.data, lib.x12_tables_values(h._h, t, c), rows * 4)
                local = h.dictionary(t, c)
                remap = np.zeros(len(local), dtype=np.int32)
                # Entry 0 ("") is in every batch's dictionary; it joins the
                # column's only when a row (not a NULL) holds it, so that
                # the categories are the values that occur.
                zero = index == 0
                if null is not None:
                    zero &= ~null
                first = 0 if zero.any() else 1
                for k in range(first, len(local)):
                    e = local[k]
                    code = ids.get(e)
                    if code is None:
                        code = ids[e] = len(entries)
                        entries.append(e)
                    remap[k] = code
                # (clip: the indices are the library's, in range; it skips the checks)
                np.take(remap, index, out=self.values[n0:n1], mode="clip")
        else:
            if self.strs is None:
                self.strs = []
            self.strs.extend([None] * rows if empty else list(h.strings(t, c, rows)))
        self.n = n1

    def _categorical(self, n: int, mask: Any) -> Any:
        """A DICT column as a pandas Categorical: the codes as built, the
        categories the strings that occur, in the order they first
        occur."""
        np, pd = _np, _pd
        codes = self.values[:n] if n else np.empty(0, dtype=np.int32)
        if mask is not None:
            codes[mask] = -1
        return pd.Categorical.from_codes(codes, categories=pd.Index(self.entries or [],
                                                                    dtype=object))

    def finish(self, categorical: bool = True) -> Any:
        """The column as pandas holds it: numpy int64 / int32 / bool,
        pandas' nullable Int64 / Int32 for numbers that can be NULL, object
        columns of str (None for NULL), and for dictionary columns a
        Categorical of str (NaN for NULL), or object str with
        categorical=False."""
        np, pd = _np, _pd
        n, ty = self.n, self.ty
        mask = self.mask[:n] if self.mask is not None else None
        if ty in (_INT64, _INT32, _BOOL):
            values = self.values[:n] if self.values is not None else np.empty(
                0, dtype={_INT64: np.int64, _INT32: np.int32, _BOOL: np.uint8}[ty])
            if ty == _BOOL:
                return values.view(np.bool_)
            if self.nullable:
                return pd.arrays.IntegerArray(values, mask if mask is not None else
                                              np.zeros(n, dtype=np.bool_))
            return values
        if ty == _DICT and categorical:
            return self._categorical(n, mask)
        if ty == _DICT:
            entries = np.array(self.entries or [""], dtype=object)
            values = entries[self.values[:n]] if n else np.empty(0, dtype=object)
        else:
            values = np.empty(n, dtype=object)  # None in every row
            if n and not (mask is not None and mask.all()):
                values[:] = self.strs
        if mask is not None:
            values[mask] = None
        # An explicit object Series: pandas would otherwise scan every
        # object column for dates (a full pass over mostly-empty ones).
        return pd.Series(values, dtype=object, copy=False)


class RemitTables:
    """The tables of an 835 (or of one batch of it) as pandas DataFrames:
    ``payments``, ``claims``, ``lines``, ``adjustments``, ``remarks``,
    ``provider_adjustments`` and ``diagnostics``.

    ``first_claim`` is the claim_index of the first claim (0 for a whole
    input); ``errors_dropped`` counts diagnostics past the per-batch bound
    that were counted but not kept (0 unless a limit was set).
    ``open_payment_index`` (iter_remit_tables) is the payment_index of the
    payment that has claims in this batch but whose row comes in a later
    batch, or None.  Iterating gives (name, DataFrame) pairs.
    """

    __slots__ = TABLE_NAMES + ("first_claim", "errors_dropped", "open_payment_index")

    payments: pd.DataFrame
    claims: pd.DataFrame
    lines: pd.DataFrame
    adjustments: pd.DataFrame
    remarks: pd.DataFrame
    provider_adjustments: pd.DataFrame
    diagnostics: pd.DataFrame
    first_claim: int
    errors_dropped: int
    open_payment_index: Optional[int]

    def __init__(self, frames: Dict[str, pd.DataFrame], first_claim: int = 0,
                 errors_dropped: int = 0, open_payment_index: Optional[int] = None) -> None:
        for name in TABLE_NAMES:
            setattr(self, name, frames[name])
        self.first_claim = first_claim
        self.errors_dropped = errors_dropped
        self.open_payment_index = open_payment_index

    def __iter__(self) -> Iterator[Tuple[str, pd.DataFrame]]:
        return ((name, getattr(self, name)) for name in TABLE_NAMES)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def __repr__(self) -> str:
        return "RemitTables(%s)" % ", ".join("%s=%d rows" % (n, len(getattr(self, n)))
                                             for n in TABLE_NAMES)


class _Builder:
    """The tables being built from batches (``only``: the names of those to
    build; the others are left out)."""

    def __init__(self, h: TablesHandle, size: Optional[int] = None, exact: bool = False,
                 only: Optional[Iterable[str]] = None) -> None:
        self.names = h.names
        self.schema = h.schema
        self.cols: List[Optional[List[_Column]]] = [
            [_Column(ty, nullable) for _, ty, nullable in cols]
            if only is None or name in only else None
            for name, cols in zip(h.names, h.schema)]
        self.size = size      # bytes of (decoded) input, when known
        self.exact = exact    # one batch: arrays of its size exactly
        self.rows = [0] * len(h.names)

    def add(self, h: TablesHandle) -> None:
        done = lib.x12_reader_offset(lib.x12_tables_reader(h._h))
        for t, cols in enumerate(self.cols):
            if cols is None:
                continue
            n = h.rows(t)
            total = self.rows[t] + n
            # Rows expected in all, from the rows per byte so far; arrays
            # grow by half again when the guess falls short.
            if self.exact:
                hint = total
            elif self.size and done:
                hint = int(total * max(self.size, done) / done * 1.02) + 64
            else:
                hint = 2 * total + 64
            for c, col in enumerate(cols):
                col.add(h, t, c, n, hint)
            self.rows[t] = total

    def frames(self, categorical: bool) -> Dict[str, Any]:
        pd = _pd
        out = {}
        for t, name in enumerate(self.names):
            if self.cols[t] is None:
                continue
            data = {}
            cols = self.cols[t]
            assert cols is not None
            for (cname, _, _), col in zip(self.schema[t], cols):
                data[cname] = col.finish(categorical)
            out[name] = pd.DataFrame(data, copy=False)
            self.cols[t] = None  # the parts are freed once the frame holds the columns
        return out


def _open_payment_index(h: TablesHandle) -> Optional[int]:
    p = h.open_payment()
    return lib.x12_remit_payment_index(p) if p else None


def _input_size(source: RemitSource) -> Optional[int]:
    """Bytes of decoded input, when cheap to know (a guess for gzip: the
    size its trailer records); None otherwise."""
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = memoryview(source)
            if bytes(data[:2]) == b"\x1f\x8b":
                return int.from_bytes(bytes(data[-4:]), "little") if len(data) > 18 else None
            return len(data)
        if isinstance(source, (str, os.PathLike)):
            size = os.path.getsize(source)
            with open(source, "rb") as f:
                if f.read(2) == b"\x1f\x8b" and size > 18:
                    f.seek(-4, os.SEEK_END)
                    return int.from_bytes(f.read(4), "little")
            return size
    except OSError:
        return None
    return None


def iter_remit_tables(source: RemitSource, claims: int = 50_000, *, max_errors: int = 10000,
                      dates_as_text: bool = False,
                      categorical: bool = True) -> Iterator[RemitTables]:
    """Yields the tables of an 835 batch by batch, as RemitTables: the
    claims of up to ``claims`` claims (each with its lines, adjustments
    and remarks), the payments that ended meanwhile (a payment's row and its
    provider adjustments come with the batch where it ends) and the
    diagnostics found.  Memory stays that of one batch (two while the
    caller holds the previous one), whatever the input's size.  The batches
    concatenated equal remit_tables(source).

    ``source``: a path (gzip detected), bytes, or a binary file object.
    ``max_errors``: diagnostics kept per batch (0 = no limit).
    ``dates_as_text``: date columns as the text written (str) instead of
    Int32 CCYYMMDD.  A fatal reader error raises X12Error with its
    position, after the batch of the rows read before it.
    """
    _need_pandas()
    if claims is None or int(claims) < 1:
        raise ValueError("claims must be a positive number of claims per batch")
    h = TablesHandle(source, batch_claims=claims, max_errors=max_errors,
                     dates_as_text=dates_as_text)
    try:
        while h.next():
            b = _Builder(h, exact=True)
            b.add(h)
            yield RemitTables(b.frames(categorical), h.first_claim(), h.errors_dropped(),
                              _open_payment_index(h))
    finally:
        h.close()


def remit_tables(source: RemitSource, *, dates_as_text: bool = False,
                 categorical: bool = True) -> RemitTables:
    """The tables of a whole 835 as one RemitTables of pandas DataFrames.

    ``source``: a path (gzip detected), bytes, or a binary file object.
    It is read in batches of 50,000 claims copied into arrays sized for the
    whole input, so memory is the result plus one batch.  Every diagnostic
    is kept.  A fatal reader error raises X12Error with its position.
    """
    _need_pandas()
    h = TablesHandle(source, batch_claims=50000, max_errors=0, dates_as_text=dates_as_text)
    try:
        b = _Builder(h, _input_size(source))
        while h.next():
            b.add(h)
    finally:
        h.close()
    return RemitTables(b.frames(categorical))


# ---- 837 claims ----------------------------------------------------------------------


class ClaimTables:
    """The tables of 837P / 837I claims (or of one batch of them) as pandas
    DataFrames: ``claims``, ``lines``, ``diagnoses``, ``providers``,
    ``other_payers`` and ``diagnostics``.

    ``first_claim`` is the claim_index of the first claim (0 for a whole
    input); ``errors_dropped`` counts diagnostics past the per-batch bound
    that were counted but not kept.  Iterating gives (name, DataFrame)
    pairs."""

    __slots__ = CLAIM_TABLE_NAMES + ("first_claim", "errors_dropped")

    claims: pd.DataFrame
    lines: pd.DataFrame
    diagnoses: pd.DataFrame
    providers: pd.DataFrame
    other_payers: pd.DataFrame
    diagnostics: pd.DataFrame
    first_claim: int
    errors_dropped: int

    def __init__(self, frames: Dict[str, pd.DataFrame], first_claim: int = 0,
                 errors_dropped: int = 0) -> None:
        for name in CLAIM_TABLE_NAMES:
            setattr(self, name, frames[name])
        self.first_claim = first_claim
        self.errors_dropped = errors_dropped

    def __iter__(self) -> Iterator[Tuple[str, pd.DataFrame]]:
        return ((name, getattr(self, name)) for name in CLAIM_TABLE_NAMES)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in CLAIM_TABLE_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def __repr__(self) -> str:
        return "ClaimTables(%s)" % ", ".join("%s=%d rows" % (n, len(getattr(self, n)))
                                             for n in CLAIM_TABLE_NAMES)


def iter_claim_tables(source: RemitSource, claims: int = 50_000, *, max_errors: int = 10000,
                      dates_as_text: bool = False,
                      categorical: bool = True) -> Iterator[ClaimTables]:
    """Yields the tables of 837 claims batch by batch, as ClaimTables: up
    to ``claims`` claims each, with their lines, diagnoses, providers and
    other payers, and the diagnostics found.  Memory stays that of one
    batch.  The batches concatenated equal claim_tables(source).

    ``source``: a path (gzip detected), bytes, or a binary file object.
    Options as iter_remit_tables.  A fatal reader error raises X12Error
    with its position, after the batch of the rows read before it."""
    _need_pandas()
    if claims is None or int(claims) < 1:
        raise ValueError("claims must be a positive number of claims per batch")
    h = TablesHandle(source, kind=_KIND_CLAIMS, batch_claims=claims, max_errors=max_errors,
                     dates_as_text=dates_as_text)
    try:
        while h.next():
            b = _Builder(h, exact=True)
            b.add(h)
            yield ClaimTables(b.frames(categorical), h.first_claim(), h.errors_dropped())
    finally:
        h.close()


def claim_tables(source: RemitSource, *, dates_as_text: bool = False,
                 categorical: bool = True) -> ClaimTables:
    """The tables of a whole 837 (837P, 837I or both) as one ClaimTables
    of pandas DataFrames.  ``source``: a path (gzip detected), bytes, or a
    binary file object.  Every diagnostic is kept.  A fatal reader error
    raises X12Error with its position."""
    _need_pandas()
    h = TablesHandle(source, kind=_KIND_CLAIMS, batch_claims=50000, max_errors=0,
                     dates_as_text=dates_as_text)
    try:
        b = _Builder(h, _input_size(source))
        while h.next():
            b.add(h)
    finally:
        h.close()
    return ClaimTables(b.frames(categorical))


# ---- for libx12.dask -------------------------------------------------------------------


def table_frames(kind: int, source: Optional[RemitSource], names: Iterable[str],
                 byte_range: Optional[ByteRange] = None,
                 categorical: bool = True) -> Dict[str, Any]:
    """{name: DataFrame} of the tables ``names`` of ``source`` (all of it,
    or the ByteRange ``byte_range`` of it); source None gives the zero-row
    frames of the schema, read from the library without any data.  Every
    diagnostic is kept.  A fatal reader error raises X12Error."""
    _need_pandas()
    unknown = [n for n in names if n not in _NAMES[kind]]
    if unknown:
        raise ValueError("no table %s (tables: %s)" % (", ".join(unknown),
                                                        ", ".join(_NAMES[kind])))
    h = TablesHandle(source, kind=kind, batch_claims=50000, max_errors=0,
                     byte_range=byte_range)
    try:
        # (a range's rows per byte cannot be guessed from the reader's
        # offset, which counts from the file's start: arrays grow instead)
        size = _input_size(source) if source is not None and byte_range is None else None
        b = _Builder(h, size, only=set(names))
        while source is not None and h.next():
            b.add(h)
    finally:
        h.close()
    return b.frames(categorical)
