"""The one exception class, and located problem records."""

from __future__ import annotations

import ctypes
import enum
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

from ._lib import cstr, int_arg, lib

__all__ = ["X12Error", "Problem", "STATUS_NAMES", "X12Status", "Severity"]


class X12Status(enum.IntEnum):
    """``x12_status`` (include/x12/error.h): what every libx12 call
    returns, and ``X12Error.status``.  The values are part of the ABI; a
    member equals its number (``X12Status.ESYNTAX == 7``)."""

    OK = 0
    END = 1
    AGAIN = 2
    ENOMEM = 3
    EINVAL = 4
    EIO = 5
    EGZIP = 6
    ESYNTAX = 7
    ELIMIT = 8
    EENVELOPE = 9
    EDELIM = 10
    ESTATE = 11
    ERANGE = 12
    EEDIT = 13

    @property
    def c_name(self) -> str:
        """The C name, "X12_ESYNTAX"."""
        return "X12_" + self.name


class Severity(enum.IntEnum):
    """``x12_severity``: how bad a problem is, ordered (WARNING < ERROR <
    FATAL).  ``Problem.severity`` is its name in lower case ("warning");
    ``Problem.severity_level`` this enum."""

    WARNING = 1
    ERROR = 2
    FATAL = 3


# x12_status values by number, with their C names.
STATUS_NAMES: Dict[int, str] = {s.value: s.c_name for s in X12Status}

# The C names as module constants (X12_OK, X12_ESYNTAX, ...), each the
# X12Status member, so they compare equal to the numbers they always were.
X12_OK = X12Status.OK
X12_END = X12Status.END
X12_AGAIN = X12Status.AGAIN
X12_ENOMEM = X12Status.ENOMEM
X12_EINVAL = X12Status.EINVAL
X12_EIO = X12Status.EIO
X12_EGZIP = X12Status.EGZIP
X12_ESYNTAX = X12Status.ESYNTAX
X12_ELIMIT = X12Status.ELIMIT
X12_EENVELOPE = X12Status.EENVELOPE
X12_EDELIM = X12Status.EDELIM
X12_ESTATE = X12Status.ESTATE
X12_ERANGE = X12Status.ERANGE
X12_EEDIT = X12Status.EEDIT
__all__ += list(STATUS_NAMES.values())

SEVERITY_NAMES: Dict[int, str] = {s.value: s.name.lower() for s in Severity}


def status_of(value: int) -> int:
    """``value`` as its X12Status member, or the plain int when the library
    (a newer one) returned a number this package does not know."""
    try:
        return X12Status(value)
    except ValueError:
        return int(value)


@dataclass(frozen=True)
class Problem:
    """A located problem: a validation issue, a reader or remittance
    diagnostic, or a failed pre-submission edit.

    ``level`` says what it is about: for validation issues the
    acknowledgment segment that reports it ("interchange" TA1, "group" AK9,
    "set" IK5, "segment" IK3, "element" IK4), "reader" for malformed input
    found while reading, "remit" for 835 diagnostics, "edit" for claim
    edits.  ``code`` is the 999/TA1 code ("3", "I12", "024") of validation
    issues, "" otherwise.  Positions are as in libx12: ``segment_number``
    counts from the ISA (= 1), ``element`` / ``component`` / ``repetition``
    are 1-based (0 = not applicable), ``offset`` is the byte offset in the
    input.  ``path`` is the field path of an edit
    ("claim[1].line[2].procedure").  Messages never quote identifying
    values.
    """

    level: str
    code: str
    severity: str
    segment_number: int
    segment_id: str
    loop_id: str
    element: int
    component: int
    repetition: int
    offset: int
    message: str
    rule: str
    set_position: int = 0
    element_ref: str = ""
    path: str = ""
    status: int = 0

    @property
    def is_error(self) -> bool:
        """True unless the problem is only a warning."""
        return self.severity != "warning"

    @property
    def severity_level(self) -> Severity:
        """``severity`` as a Severity (comparable: ``>= Severity.ERROR``)."""
        return Severity[self.severity.upper()]

    def location(self) -> str:
        """"SEGNO:SEGID[-ELEM[-COMP]]", as the x12 tool prints it."""
        sid = self.segment_id or "-"
        if self.element and self.component:
            sid = "%s-%02d-%d" % (sid, self.element, self.component)
        elif self.element:
            sid = "%s-%02d" % (sid, self.element)
        return "%d:%s" % (self.segment_number, sid)

    def __str__(self) -> str:
        head = self.path if self.path else self.location()
        code = (self.code + ": ") if self.code else ""
        warn = "warning: " if self.severity == "warning" else ""
        return "%s: %s%s%s" % (head, code, warn, self.message)


def problem_from_error(e: Any, level: str, code: str = "", set_position: int = 0,
                       element_ref: str = "", path: str = "") -> Problem:
    """Copies an ``x12_error`` record (a C pointer) into a Problem."""
    return Problem(
        level=level,
        code=code,
        severity=SEVERITY_NAMES.get(lib.x12_error_severity(e), "error"),
        segment_number=lib.x12_error_segment_number(e),
        segment_id=cstr(lib.x12_error_segment_id(e)),
        loop_id=cstr(lib.x12_error_loop_id(e)),
        element=lib.x12_error_element(e),
        component=lib.x12_error_component(e),
        repetition=lib.x12_error_repetition(e),
        offset=lib.x12_error_offset(e),
        message=cstr(lib.x12_error_message(e)),
        rule=cstr(lib.x12_error_rule(e)),
        set_position=set_position,
        element_ref=element_ref,
        path=path,
        status=status_of(lib.x12_error_status(e)),
    )


class X12Error(Exception):
    """Every failure of a libx12 call.

    Attributes: ``status`` (a X12Status, which equals the x12_status number;
    a plain int for a number this package does not know), ``status_name``
    ("X12_ESYNTAX"), ``message`` (one line), and the position when one is
    known: ``segment_number``, ``segment_id``, ``loop_id``, ``element``,
    ``component``, ``offset`` (bytes).  ``problems`` lists every record
    behind the error (for X12_EEDIT: each failed pre-submission edit, with
    its field path).
    """

    status: int
    status_name: str
    message: str
    segment_number: int
    segment_id: str
    loop_id: str
    element: int
    component: int
    offset: int
    rule: str
    problems: List[Problem]
    # set by build_837_tables: the claim key of each problem (None for the header's)
    claim_keys: List[Any]

    def __init__(self, status: int, message: Optional[str] = None, *, segment_number: int = 0,
                 segment_id: str = "", loop_id: str = "", element: int = 0, component: int = 0,
                 offset: int = 0, rule: str = "", problems: Iterable[Problem] = ()) -> None:
        self.status = status_of(int(status))
        self.status_name = STATUS_NAMES.get(self.status, "X12_UNKNOWN")
        self.message = message if message else strerror(self.status)
        self.segment_number = segment_number
        self.segment_id = segment_id
        self.loop_id = loop_id
        self.element = element
        self.component = component
        self.offset = offset
        self.rule = rule
        self.problems = list(problems)
        super().__init__(str(self))

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickles with its position (libx12.dask sends errors from workers).
        return (_restore_error, (self.status, self.message, {
            "segment_number": self.segment_number, "segment_id": self.segment_id,
            "loop_id": self.loop_id, "element": self.element, "component": self.component,
            "offset": self.offset, "rule": self.rule, "problems": self.problems}))

    @property
    def position(self) -> Tuple[int, str, int, int]:
        """(segment_number, segment_id, element, offset)."""
        return (self.segment_number, self.segment_id, self.element, self.offset)

    def __str__(self) -> str:
        where = ""
        if self.segment_number or self.segment_id:
            sid = self.segment_id or "-"
            if self.element:
                sid = "%s-%02d" % (sid, self.element)
            # edits have no segment number yet: only where the value goes
            where = ("%d:%s: " % (self.segment_number, sid) if self.segment_number
                     else sid + ": ")
        tail = " (byte %d)" % self.offset if self.offset else ""
        return "%s: %s%s%s" % (self.status_name, where, self.message, tail)

    @classmethod
    def from_error(cls, status: int, e: Any, fallback: Optional[str] = None) -> X12Error:
        """From a C ``x12_error`` pointer (may be NULL/None)."""
        if not e:
            return cls(status, fallback)
        p = problem_from_error(e, "reader")
        return cls(status, p.message or fallback, segment_number=p.segment_number,
                   segment_id=p.segment_id, loop_id=p.loop_id, element=p.element,
                   component=p.component, offset=p.offset, rule=p.rule, problems=[p])


def _restore_error(status: int, message: Optional[str], kw: Dict[str, Any]) -> X12Error:
    return X12Error(status, message, **kw)


def strerror(status: int) -> str:
    """The library's text for a status, e.g. "input is not well-formed X12"."""
    return cstr(lib.x12_strerror(int_arg(status, "status", ctypes.c_int)))


def check(status: int, what: str = "") -> None:
    """Raises X12Error unless status is X12_OK."""
    if status != 0:
        raise X12Error(status, (what + ": " if what else "") + strerror(status))
