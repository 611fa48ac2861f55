"""Validation against the built-in implementation guides, and 999/TA1."""

from __future__ import annotations

import ctypes
import re
from typing import Any, List, Optional

from ._lib import Source, cstr, lib, text_arg
from .errors import Problem, X12Error, check, problem_from_error
from .segments import open_reader

__all__ = ["validate", "write_999", "write_ta1", "Acknowledgment"]

_LEVELS = {1: "interchange", 2: "group", 3: "set", 4: "segment", 5: "element"}
_X12_OK, _X12_END, _X12_EIO, _X12_ENOMEM = 0, 1, 5, 3
_SEV_FATAL = 3
_VOPT_STRICT = 1
_VOPT_ERRATA = 3
_ERRATA = {"accept": 0, "reject": 1}
_ACK_999, _ACK_TA1 = 1, 2
_AOPT_BAD_VALUES = 1
_X12_EINVAL = 4


def _validator_reports(e: Any) -> bool:
    """The validator reports what the reader's record e found itself, with
    its 999/TA1 code (the envelope rules): the reader's record is left out,
    as `x12 validate` does (x12_validator_reports_rule)."""
    return bool(lib.x12_validator_reports_rule(lib.x12_error_rule(e)) != 0)


def _issue(i: Any) -> Problem:
    return problem_from_error(
        lib.x12_issue_error(i), _LEVELS.get(lib.x12_issue_level_of(i), "element"),
        code=cstr(lib.x12_issue_code(i)), set_position=lib.x12_issue_set_position(i),
        element_ref=cstr(lib.x12_issue_element_ref(i)))


def _issues(v: Any) -> List[Problem]:
    return [_issue(lib.x12_validator_issue_at(v, i))
            for i in range(lib.x12_validator_issue_count(v))]


def _reader_problem(e: Any) -> Problem:
    return problem_from_error(e, "reader")


def _run(source: Source, v: Any, out: Optional[List[Problem]]) -> None:
    """Feeds every segment of ``source`` to validator ``v``, appending
    Problems to ``out`` (a list, or None to keep nothing)."""
    r, keep = open_reader(source)
    seg = ctypes.c_void_p()
    try:
        while True:
            st = lib.x12_reader_next(r, ctypes.byref(seg))
            seen = set()
            for k in range(lib.x12_reader_error_count(r)):
                e = lib.x12_reader_error_at(r, k)
                seen.add((lib.x12_error_segment_number(e), lib.x12_error_rule(e)))
                if out is not None and not _validator_reports(e):
                    out.append(_reader_problem(e))
            if st == _X12_OK:
                if lib.x12_validator_segment(v, seg) == _X12_ENOMEM:
                    raise X12Error(_X12_ENOMEM, "out of memory while validating")
                if out is not None:
                    out.extend(_issues(v))
                continue
            if st == _X12_END:
                break
            e = lib.x12_reader_last_error(r)
            if st in (_X12_EIO, _X12_ENOMEM) or not e:
                raise X12Error.from_error(st, e)
            key = (lib.x12_error_segment_number(e), lib.x12_error_rule(e))
            if out is not None and not _validator_reports(e) and key not in seen:
                out.append(_reader_problem(e))
            if lib.x12_error_severity(e) == _SEV_FATAL:
                break
        check(lib.x12_validator_finish(v), "x12_validator_finish")
        if out is not None:
            out.extend(_issues(v))
    finally:
        lib.x12_reader_free(r)
        del keep


def _options(v: Any, strict: bool, errata: str) -> None:
    if errata not in _ERRATA:
        raise ValueError("errata must be 'accept' or 'reject', not %r" % (errata,))
    check(lib.x12_validator_set_option(v, _VOPT_STRICT, 1 if strict else 0))
    check(lib.x12_validator_set_option(v, _VOPT_ERRATA, _ERRATA[errata]))


def validate(source: Source, *, strict: bool = False,
             errata: str = "accept") -> List[Problem]:
    """Validates ``source`` (a path or bytes, gzip allowed) against the
    built-in guides (837P, 837I, 835, 999, chosen by ST03/GS08).

    Returns the list of Problems in input order: validation issues with
    their 999/TA1 code and level, and malformed input the reader skipped
    (level "reader", no code).  An empty list means the input is clean.
    ``strict=True`` makes warnings errors.  ``errata`` decides what a set
    whose ST03 (or GS08) names another errata release of a built-in guide
    (005010X222A2 for the adopted 005010X222A1) gets: it is validated
    against the built-in guide either way, and "accept" (the default)
    passes the id while "reject" reports it (IK5 I6, an error).  Raises
    X12Error when the input cannot be read at all (missing file: X12_EIO),
    ValueError for another ``errata``.
    """
    v = ctypes.c_void_p()
    check(lib.x12_validator_new(None, ctypes.byref(v)), "x12_validator_new")
    try:
        _options(v, strict, errata)
        out: List[Problem] = []
        _run(source, v, out)
        return out
    finally:
        lib.x12_validator_free(v)


class Acknowledgment(bytes):
    """The bytes of a 999 or TA1 interchange, with ``sets`` (transaction
    sets acknowledged) and ``accepted`` (how many were accepted, IK501 A or
    E) as attributes."""

    sets: int = 0
    accepted: int = 0


_DATE = re.compile(r"[0-9]{8}")
_TIME = re.compile(r"[0-9]{4}")


def _ack(kind: int, source: Source, date: Optional[str], time: Optional[str], strict: bool,
         line_break: str, errata: str, bad_values: bool = True) -> Acknowledgment:
    if (date is None) != (time is None):
        raise ValueError("date and time go together (CCYYMMDD and HHMM)")
    if date is not None and not (isinstance(date, str) and isinstance(time, str)):
        raise TypeError("date and time are str (CCYYMMDD and HHMM)")
    # fullmatch: "$" would let a trailing newline through
    if date is not None and time is not None and not (_DATE.fullmatch(date)
                                                      and _TIME.fullmatch(time)):
        raise ValueError("date must be CCYYMMDD and time HHMM")
    lb = text_arg(line_break, "line_break", "ascii")
    v = ctypes.c_void_p()
    w = ctypes.c_void_p()
    a = ctypes.c_void_p()
    try:
        check(lib.x12_validator_new(None, ctypes.byref(v)), "x12_validator_new")
        _options(v, strict, errata)
        check(lib.x12_writer_new(None, ctypes.byref(w)), "x12_writer_new")
        check(lib.x12_writer_to_memory(w))
        check(lib.x12_writer_set_line_break(w, lb), "line break")
        check(lib.x12_ack_new(None, kind, w, ctypes.byref(a)), "x12_ack_new")
        if date is not None and time is not None:
            if lib.x12_ack_set_time(a, date.encode("ascii"),
                                    time.encode("ascii")) == _X12_EINVAL:
                raise ValueError("date must be a real calendar date CCYYMMDD and time "
                                 "a time of day HHMM (0000 to 2359)")
        check(lib.x12_ack_set_option(a, _AOPT_BAD_VALUES, 1 if bad_values else 0))
        check(lib.x12_ack_attach(a, v))
        _run(source, v, None)
        st = lib.x12_ack_status(a)
        if st == _X12_OK:
            st = lib.x12_writer_finish(w)
        if st != _X12_OK:
            raise X12Error.from_error(st, lib.x12_writer_last_error(w),
                                      "cannot write the acknowledgment")
        n = ctypes.c_size_t()
        p = lib.x12_writer_memory(w, ctypes.byref(n))
        out = Acknowledgment(ctypes.string_at(p, n.value) if n.value else b"")
        out.sets = lib.x12_ack_sets(a)
        out.accepted = lib.x12_ack_sets_accepted(a)
        return out
    finally:
        # The ack is the validator's handler: free it after the validator.
        lib.x12_validator_free(v)
        lib.x12_ack_free(a)
        lib.x12_writer_free(w)


def write_999(source: Source, *, date: Optional[str] = None, time: Optional[str] = None,
              strict: bool = False, line_break: str = "\n", errata: str = "accept",
              bad_values: bool = True) -> Acknowledgment:
    """Validates ``source`` and returns the 999 acknowledgment (bytes) of
    each of its functional groups, sender and receiver swapped.

    ``date``/``time`` ("CCYYMMDD", "HHMM", a real date and time of day) go
    in ISA09/ISA10 and GS04/GS05 (default: now, UTC); anything else raises
    ValueError.  ``line_break`` is written after each segment.  ``strict``
    and ``errata`` are those of validate().  ``bad_values=False`` leaves
    IK404 (the copy of a bad value) out entirely; by default it is written
    when the value has the shape of a code of its element.  A segment the
    reader could not read (over a limit) rejects its set.  The result also
    carries ``.sets`` and ``.accepted``.
    """
    return _ack(_ACK_999, source, date, time, strict, line_break, errata, bad_values)


def write_ta1(source: Source, *, date: Optional[str] = None, time: Optional[str] = None,
              strict: bool = False, line_break: str = "\n",
              errata: str = "accept") -> Acknowledgment:
    """Like write_999, but the TA1 interchange acknowledgment of each
    interchange."""
    return _ack(_ACK_TA1, source, date, time, strict, line_break, errata)
