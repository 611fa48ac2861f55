"""The one exception class, and located problem records."""

import ctypes
from dataclasses import dataclass

from ._lib import cstr, int_arg, lib

__all__ = ["X12Error", "Problem", "STATUS_NAMES"]

# x12_status values (include/x12/error.h); the values are part of the ABI.
STATUS_NAMES = {
    0: "X12_OK", 1: "X12_END", 2: "X12_AGAIN", 3: "X12_ENOMEM", 4: "X12_EINVAL",
    5: "X12_EIO", 6: "X12_EGZIP", 7: "X12_ESYNTAX", 8: "X12_ELIMIT", 9: "X12_EENVELOPE",
    10: "X12_EDELIM", 11: "X12_ESTATE", 12: "X12_ERANGE", 13: "X12_EEDIT",
}
for _v, _n in STATUS_NAMES.items():
    globals()[_n] = _v
__all__ += list(STATUS_NAMES.values())

SEVERITY_NAMES = {1: "warning", 2: "error", 3: "fatal"}


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
    def is_error(self):
        return self.severity != "warning"

    def location(self):
        """"SEGNO:SEGID[-ELEM[-COMP]]", as the x12 tool prints it."""
        sid = self.segment_id or "-"
        if self.element and self.component:
            sid = "%s-%02d-%d" % (sid, self.element, self.component)
        elif self.element:
            sid = "%s-%02d" % (sid, self.element)
        return "%d:%s" % (self.segment_number, sid)

    def __str__(self):
        head = self.path if self.path else self.location()
        code = (self.code + ": ") if self.code else ""
        warn = "warning: " if self.severity == "warning" else ""
        return "%s: %s%s%s" % (head, code, warn, self.message)


def problem_from_error(e, level, code="", set_position=0, element_ref="", path=""):
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
        status=lib.x12_error_status(e),
    )


class X12Error(Exception):
    """Every failure of a libx12 call.

    Attributes: ``status`` (the x12_status number), ``status_name``
    ("X12_ESYNTAX"), ``message`` (one line), and the position when one is
    known: ``segment_number``, ``segment_id``, ``loop_id``, ``element``,
    ``component``, ``offset`` (bytes).  ``problems`` lists every record
    behind the error (for X12_EEDIT: each failed pre-submission edit, with
    its field path).
    """

    def __init__(self, status, message=None, *, segment_number=0, segment_id="", loop_id="",
                 element=0, component=0, offset=0, rule="", problems=()):
        self.status = int(status)
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

    def __reduce__(self):
        # Pickles with its position (libx12.dask sends errors from workers).
        return (_restore_error, (self.status, self.message, {
            "segment_number": self.segment_number, "segment_id": self.segment_id,
            "loop_id": self.loop_id, "element": self.element, "component": self.component,
            "offset": self.offset, "rule": self.rule, "problems": self.problems}))

    @property
    def position(self):
        """(segment_number, segment_id, element, offset)."""
        return (self.segment_number, self.segment_id, self.element, self.offset)

    def __str__(self):
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
    def from_error(cls, status, e, fallback=None):
        """From a C ``x12_error`` pointer (may be NULL/None)."""
        if not e:
            return cls(status, fallback)
        p = problem_from_error(e, "reader")
        return cls(status, p.message or fallback, segment_number=p.segment_number,
                   segment_id=p.segment_id, loop_id=p.loop_id, element=p.element,
                   component=p.component, offset=p.offset, rule=p.rule, problems=[p])


def _restore_error(status, message, kw):
    return X12Error(status, message, **kw)


def strerror(status):
    """The library's text for a status, e.g. "input is not well-formed X12"."""
    return cstr(lib.x12_strerror(int_arg(status, "status", ctypes.c_int)))


def check(status, what=""):
    """Raises X12Error unless status is X12_OK."""
    if status != 0:
        raise X12Error(status, (what + ": " if what else "") + strerror(status))
