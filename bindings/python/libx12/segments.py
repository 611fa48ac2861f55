"""Reading segments: a thin, copying layer over the C reader."""

from __future__ import annotations

import ctypes
import os
from typing import Any, Iterable, Iterator, List, Optional, Tuple

from ._lib import Handle, Source, int_arg, lib, path_arg, view
from .errors import Problem, X12Error, check, problem_from_error

__all__ = ["Segment", "Reader", "iter_segments"]

_X12_OK, _X12_END = 0, 1
_OPT_MAX_SEGMENT_BYTES, _OPT_STRICT = 1, 3
_SEV_FATAL = 3


def _text(b: bytes) -> str:
    # X12 data is single-byte text; latin-1 maps every byte to one character
    # and back, so nothing is lost (str.encode("latin-1") gives the bytes).
    return b.decode("latin-1")


class Segment:
    """One segment, copied out of the reader (it stays valid forever).

    ``seg.id`` is the segment id ("NM1"); ``seg[i]`` is element i numbered
    as in X12 (``seg[0]`` is the id, ``seg[1]`` the first element; an
    absent element is ""); ``seg.elements`` holds elements 1..n as str
    (each byte one character, latin-1).  ``number`` counts segments from
    the ISA (= 1), ``set_position`` from the ST (0 outside a set),
    ``offset`` is the byte offset of the segment in the input.
    ``problems`` lists warnings and envelope errors found on this segment.
    """

    __slots__ = ("id", "elements", "number", "set_position", "offset", "delimiters",
                 "raw", "problems")

    id: str
    elements: Tuple[str, ...]
    number: int
    set_position: int
    offset: int
    delimiters: Tuple[str, str, str, str]
    raw: bytes
    problems: Tuple[Problem, ...]

    def __init__(self, id: str, elements: Iterable[str], number: int, set_position: int,
                 offset: int, delimiters: Tuple[str, str, str, str], raw: bytes,
                 problems: Iterable[Problem] = ()) -> None:
        self.id = id
        self.elements = tuple(elements)
        self.number = number
        self.set_position = set_position
        self.offset = offset
        self.delimiters = delimiters  # (element, component, repetition, segment)
        self.raw = raw
        self.problems = tuple(problems)

    def __getitem__(self, i: int) -> str:
        if i == 0:
            return self.id
        if 1 <= i <= len(self.elements):
            return self.elements[i - 1]
        return ""

    def __len__(self) -> int:
        return len(self.elements)

    def element_bytes(self, i: int) -> bytes:
        """Element i (X12 numbering) as the bytes read."""
        return self[i].encode("latin-1")

    def repetitions(self, i: int) -> List[str]:
        """Repetitions of element i (a one-item list for a plain element)."""
        v = self[i]
        rep = self.delimiters[2]
        if not v:
            return []
        return v.split(rep) if rep and self.id != "ISA" else [v]

    def components(self, i: int, repetition: int = 1) -> List[str]:
        """Components of repetition ``repetition`` (1-based) of element i."""
        reps = self.repetitions(i)
        if not 1 <= repetition <= len(reps):
            return []
        comp = self.delimiters[1]
        return reps[repetition - 1].split(comp) if comp and self.id != "ISA" else [
            reps[repetition - 1]]

    def __repr__(self) -> str:
        return "Segment(%r, %r, number=%d, offset=%d)" % (self.id, self.elements, self.number,
                                                          self.offset)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Segment):
            return NotImplemented
        return (self.id, self.elements, self.number, self.offset) == (
            other.id, other.elements, other.number, other.offset)

    __hash__ = None  # type: ignore[assignment]


def open_reader(source: Source, strict: bool = False,
                max_segment_bytes: Optional[int] = None) -> Tuple[Any, Any]:
    """A new C reader over ``source``; returns (handle, keepalive).

    ``source`` is a path (str or os.PathLike; gzip detected) or bytes-like
    data (gzip too).  The caller frees the handle with x12_reader_free and
    keeps ``keepalive`` (the bytes) alive as long as the handle.
    """
    r = ctypes.c_void_p()
    check(lib.x12_reader_new(None, ctypes.byref(r)), "x12_reader_new")
    try:
        if strict:
            check(lib.x12_reader_set_option(r, _OPT_STRICT, 1))
        if max_segment_bytes is not None:
            n = int_arg(max_segment_bytes, "max_segment_bytes", ctypes.c_uint64)
            check(lib.x12_reader_set_option(r, _OPT_MAX_SEGMENT_BYTES, n))
        keep = open_input(r, source)
    except BaseException:
        lib.x12_reader_free(r)
        raise
    return r, keep


def open_input(r: Any, source: Source) -> Any:
    """Opens ``source`` on the reader handle ``r``; returns what must stay alive."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if data[:2] == b"\x1f\x8b":
            # open_buffer does not take gzip; the push feed does (and copies).
            check(lib.x12_reader_feed(r, data, len(data), 1), "x12_reader_feed")
            return None
        check(lib.x12_reader_open_buffer(r, data, len(data)), "x12_reader_open_buffer")
        return data
    if isinstance(source, (str, os.PathLike)):
        path = path_arg(source, "source")
        st = lib.x12_reader_open_path(r, path)
        if st != _X12_OK:
            raise X12Error(st, "cannot open %s" % os.fsdecode(path))
        return path
    raise TypeError("source must be a path (str, os.PathLike) or bytes, not %s"
                    % type(source).__name__)


def reader_problems(r: Any) -> List[Problem]:
    """The reader's problems listed for the last x12_reader_next call."""
    n = lib.x12_reader_error_count(r)
    return [problem_from_error(lib.x12_reader_error_at(r, i), "reader") for i in range(n)]


def copy_segment(seg: Any, problems: Iterable[Problem] = ()) -> Segment:
    """A Segment copied from a C ``x12_segment`` pointer."""
    n = lib.x12_segment_count(seg)
    elements = [_text(view(lib.x12_segment_element(seg, i))) for i in range(1, n + 1)]
    d = lib.x12_segment_delimiters(seg)
    e, c, r, t = (_text(x) if x != b"\0" else "" for x in
                  (d.element, d.component, d.repetition, d.segment))
    delims = (e, c, r, t)
    return Segment(_text(view(lib.x12_segment_id(seg))), elements,
                   lib.x12_segment_number(seg), lib.x12_segment_set_position(seg),
                   lib.x12_segment_offset(seg), delims, view(lib.x12_segment_raw(seg)),
                   problems)


class Reader(Handle[Segment]):
    """Iterates the segments of a file or of bytes.

        with Reader("claims.837.gz") as r:
            for seg in r:
                ...
            print(r.problems)

    One Reader may be shared by threads (see Handle): each segment goes to
    one of them, and next() after close() raises ValueError.  Malformed input that the reader can skip is recorded in ``problems``
    (with the problems found on segments and at the end) and reading goes
    on; with ``strict=True`` the first error raises X12Error.  A fatal
    error (unreadable file, corrupt gzip, a limit) always raises X12Error
    with its position.
    """

    problems: List[Problem]

    def __init__(self, source: Source, *, strict: bool = False,
                 max_segment_bytes: Optional[int] = None) -> None:
        self._open_handle()
        self._r: Any = None
        self._r, self._keep = open_reader(source, strict, max_segment_bytes)
        self._strict = strict
        self.problems = []

    def _free(self) -> None:
        if self._r:
            lib.x12_reader_free(self._r)
            self._r = None
            self._keep = None

    def _next(self) -> Segment:
        seg = ctypes.c_void_p()
        while True:
            st = lib.x12_reader_next(self._r, ctypes.byref(seg))
            found = reader_problems(self._r)
            if st == _X12_OK:
                self.problems.extend(found)
                return copy_segment(seg, found)
            self.problems.extend(found)
            if st == _X12_END:
                self._finish()
                raise StopIteration
            e = lib.x12_reader_last_error(self._r)
            if self._strict or not e or lib.x12_error_severity(e) == _SEV_FATAL:
                err = X12Error.from_error(st, e)
                self._finish()
                raise err
            # The bad bytes were skipped: note the problem and read on.
            self.problems.append(problem_from_error(e, "reader"))


def iter_segments(source: Source, *, strict: bool = False,
                  max_segment_bytes: Optional[int] = None) -> Iterator[Segment]:
    """Yields every Segment of ``source`` (a path or bytes), in order.

    Skippable problems are on each segment's ``problems``; fatal ones (and
    with ``strict=True`` every error) raise X12Error.
    """
    with Reader(source, strict=strict, max_segment_bytes=max_segment_bytes) as r:
        yield from r
