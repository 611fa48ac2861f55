"""The package's type information, checked at run time (no mypy needed;
tests/python-typing.sh runs mypy --strict where it is installed).

Every public callable (what libx12 exports, and the public methods and
properties of its public classes) has every parameter and its return
annotated, and the annotations resolve; py.typed is there; X12Error
statuses and problem severities are IntEnums that still equal the numbers
and names they always were."""

import dataclasses
import enum
import inspect
import os
import typing
import unittest

import libx12
from libx12 import errors as _errors

from util import data

try:
    import pandas
except ImportError:  # the DataFrame annotations then name a module not there
    pandas = None


def _public_callables():
    """(qualified name, callable) of every public function, class
    constructor, method and property getter."""
    out = []
    for name in libx12.__all__:
        obj = getattr(libx12, name)
        if inspect.isfunction(obj):
            out.append((name, obj))
        elif inspect.isclass(obj) and not issubclass(obj, enum.Enum):
            if name in ("Diagnostic",):
                continue  # a NamedTuple: its fields are annotated, its __new__ generated
            # its own and inherited (Handle's close, __next__, ...) members
            members = {}
            for klass in reversed(obj.__mro__):
                if klass.__module__.startswith("libx12"):
                    members.update(vars(klass))
            for attr, member in members.items():
                if attr.startswith("_") and attr not in ("__init__", "__iter__", "__next__",
                                                         "__getitem__", "__enter__"):
                    continue
                if isinstance(member, property):
                    out.append(("%s.%s" % (name, attr), member.fget))
                elif isinstance(member, (classmethod, staticmethod)):
                    out.append(("%s.%s" % (name, attr), member.__func__))
                elif inspect.isfunction(member):
                    if attr == "__init__" and (dataclasses.is_dataclass(obj) or
                                               getattr(obj, "_is_protocol", False)):
                        continue  # generated (from the annotated fields; a Protocol's)
                    out.append(("%s.%s" % (name, attr), member))
    try:  # the Dask readers, when dask is installed (a lazy submodule)
        import libx12.dask as lxdask
    except ImportError:
        lxdask = None
    if lxdask is not None:
        for name in lxdask.__all__:
            obj = getattr(lxdask, name)
            if inspect.isfunction(obj):
                out.append(("dask." + name, obj))
    return out


class TypeHints(unittest.TestCase):
    def test_every_public_callable_is_annotated(self):
        found = _public_callables()
        self.assertGreater(len(found), 60, "the walk finds the API")
        names = {n for n, _ in found}
        for expected in ("validate", "parse_835", "X12Error.__init__", "Reader.__next__",
                         "ClaimPayment.payment", "Coverage.summary", "Worklist.frame",
                         "RemitTables.__getitem__", "Problem.severity_level", "read_837",
                         "Claim837.from_dict", "Encounters.claims"):
            self.assertIn(expected, names)
        missing = []
        for name, fn in found:
            sig = inspect.signature(fn)
            params = list(sig.parameters.values())
            if params and params[0].name in ("self", "cls"):
                params = params[1:]
            for p in params:
                if p.annotation is inspect.Parameter.empty:
                    missing.append("%s(%s)" % (name, p.name))
            if sig.return_annotation is inspect.Signature.empty and not name.endswith(
                    "__init__"):
                missing.append("%s -> ?" % name)
        self.assertEqual(missing, [], "unannotated parameters or returns")

    def test_annotations_resolve(self):
        # Under `from __future__ import annotations` they are strings: a
        # name that does not exist would only show when something asks.
        ns = {"pd": pandas} if pandas is not None else {}
        bad = []
        for name, fn in _public_callables():
            if pandas is None and "pd." in str(getattr(fn, "__annotations__", {})):
                continue
            try:
                typing.get_type_hints(fn, localns=ns)
            except Exception as e:  # noqa: BLE001 (any failure is the finding)
                bad.append("%s: %s" % (name, e))
        self.assertEqual(bad, [])

    def test_dataclass_fields_are_typed(self):
        untyped = []
        for name in libx12.__all__:
            obj = getattr(libx12, name)
            if not (inspect.isclass(obj) and dataclasses.is_dataclass(obj)):
                continue
            hints = typing.get_type_hints(obj)
            for f in dataclasses.fields(obj):
                t = hints[f.name]
                if t is object or t is typing.Any or t in (list, dict, tuple):
                    untyped.append("%s.%s: %r" % (name, f.name, t))
        self.assertEqual(untyped, [], "fields typed object/Any or bare containers")

    def test_py_typed_ships(self):
        pkg = os.path.dirname(libx12.__file__)
        self.assertTrue(os.path.isfile(os.path.join(pkg, "py.typed")), "PEP 561 marker")


class Enums(unittest.TestCase):
    def test_status_is_an_intenum_equal_to_the_abi_numbers(self):
        self.assertTrue(issubclass(libx12.X12Status, enum.IntEnum))
        self.assertEqual(libx12.X12Status.ESYNTAX, 7)
        self.assertEqual(libx12.X12Status.EEDIT.c_name, "X12_EEDIT")
        self.assertEqual(libx12.STATUS_NAMES[13], "X12_EEDIT")
        # the module constants are the members, equal to the old ints
        self.assertIs(_errors.X12_EIO, libx12.X12Status.EIO)
        self.assertEqual(_errors.X12_EIO, 5)
        # the C library's own text agrees with the names, member by member
        for st in libx12.X12Status:
            self.assertTrue(libx12.strerror(st), st)

    def test_x12error_status_is_the_member(self):
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.validate(data("no-such-file.x12"))
        e = cm.exception
        self.assertIs(e.status, libx12.X12Status.EIO)
        self.assertEqual(e.status, 5)
        self.assertEqual(e.status_name, "X12_EIO")
        self.assertTrue(str(e).startswith("X12_EIO: "), str(e))

    def test_unknown_status_stays_an_int(self):
        e = libx12.X12Error(99, "from a newer library")
        self.assertEqual(e.status, 99)
        self.assertNotIsInstance(e.status, libx12.X12Status)
        self.assertEqual(e.status_name, "X12_UNKNOWN")

    def test_problem_severity_level(self):
        problems = libx12.validate(data("claims-broken.837"))
        self.assertEqual({p.severity for p in problems}, {"warning", "error"})
        for p in problems:
            self.assertIsInstance(p.severity_level, libx12.Severity)
            self.assertEqual(p.severity_level.name.lower(), p.severity)
            self.assertEqual(p.is_error, p.severity_level >= libx12.Severity.ERROR)
            # the status of each record: the member, equal to the number
            self.assertIs(p.status, libx12.X12Status.ESYNTAX)
            self.assertEqual(p.status, 7)
        worst = max(problems, key=lambda p: p.severity_level)
        self.assertEqual(worst.severity, "error")

    def test_remittance_problem_status(self):
        # 835 diagnostics come from the column batches, not x12_error records
        era = libx12.parse_835(data("remit-malformed.x12"))
        self.assertTrue(era.problems)
        for p in era.problems:
            self.assertIs(p.status, libx12.X12Status.ESYNTAX, p)

if __name__ == "__main__":
    unittest.main()
