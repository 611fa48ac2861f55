"""Loading libx12 with ctypes and declaring the C functions the package calls.

The shared library is found in this order:

1. ``LIBX12_PATH``: the path of the library file (``.../libx12.so.0``);
2. ``ctypes.util.find_library("x12")`` (an installed library);
3. ``libx12.so.0`` through the dynamic loader's search path.

Every function used anywhere in the package is declared here with its
argument and result types, so a wrong call fails in Python, not in C.
Handles are opaque pointers (``c_void_p``).

ctypes converts a Python int to a C integer by dropping the bits that do
not fit (2**64 + 417 becomes 417) and a str or bytes to ``char *`` up to
its first NUL ("a.837\\0.x" becomes "a.837"), silently.  Every value the
package passes to C from a caller goes through int_arg / text_arg /
path_arg below, which check it against the C type first.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import operator
import os
import threading
import warnings
from typing import Any, Callable, Dict, Generic, Optional, Tuple, TypeVar, Union

# What the package takes as a file system path, and as a source of X12
# (a path, or the bytes themselves).
PathArg = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
Source = Union[str, os.PathLike[str], bytes, bytearray, memoryview]

__all__ = ["lib", "X12Str", "X12Range", "view", "cstr", "NTS", "Handle", "IntegerRangeError",
           "int_arg", "text_arg", "path_arg", "RECON_WRITE_FN", "PathArg", "Source"]

c_void_p = ctypes.c_void_p
c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_int = ctypes.c_int
c_uint = ctypes.c_uint
c_int64 = ctypes.c_int64
c_uint64 = ctypes.c_uint64
c_char = ctypes.c_char
P_int64 = ctypes.POINTER(ctypes.c_int64)
P_size_t = ctypes.POINTER(ctypes.c_size_t)
P_void_p = ctypes.POINTER(ctypes.c_void_p)
P_int = ctypes.POINTER(ctypes.c_int)

# X12_NTS: (size_t)-1, "the string is NUL-terminated".
NTS = ctypes.c_size_t(-1).value


class X12Str(ctypes.Structure):
    """``x12_str``: a view {const char *ptr; size_t len} returned by value."""

    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]


def view(s: X12Str) -> bytes:
    """Copies the bytes of an ``x12_str`` view into a ``bytes`` object."""
    if not s.len:
        return b""
    return ctypes.string_at(s.ptr, s.len)


def cstr(b: Optional[bytes]) -> str:
    """A NUL-terminated ``const char *`` result (bytes or None) as str."""
    return b.decode("latin-1") if b else ""


class X12Delimiters(ctypes.Structure):
    """``x12_delimiters``: four chars, frozen by the C header."""

    _fields_ = [("element", ctypes.c_char), ("component", ctypes.c_char),
                ("repetition", ctypes.c_char), ("segment", ctypes.c_char)]


def _load() -> ctypes.CDLL:
    path = os.environ.get("LIBX12_PATH")
    if path:
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            raise ImportError("libx12: cannot load LIBX12_PATH=%s: %s" % (path, e)) from e
    tried = []
    name = ctypes.util.find_library("x12")
    for cand in ([name] if name else []) + ["libx12.so.0"]:
        try:
            return ctypes.CDLL(cand)
        except OSError as e:
            tried.append("%s (%s)" % (cand, e))
    raise ImportError("libx12: the shared library was not found; install libx12 or set "
                      "LIBX12_PATH to the library file.  Tried: " + "; ".join(tried))


lib = _load()


def _fn(name: str, restype: Any, *argtypes: Any) -> None:
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


# ---- common, errors ----------------------------------------------------------
_fn("x12_version", c_char_p)
_fn("x12_strerror", c_char_p, c_int)
_fn("x12_error_status", c_int, c_void_p)
_fn("x12_error_severity", c_int, c_void_p)
_fn("x12_error_segment_number", c_uint64, c_void_p)
_fn("x12_error_segment_id", c_char_p, c_void_p)
_fn("x12_error_loop_id", c_char_p, c_void_p)
_fn("x12_error_element", c_uint, c_void_p)
_fn("x12_error_component", c_uint, c_void_p)
_fn("x12_error_repetition", c_uint, c_void_p)
_fn("x12_error_offset", c_uint64, c_void_p)
_fn("x12_error_rule", c_char_p, c_void_p)
_fn("x12_error_message", c_char_p, c_void_p)

# ---- reader --------------------------------------------------------------------
_fn("x12_reader_new", c_int, c_void_p, P_void_p)
_fn("x12_reader_free", None, c_void_p)
_fn("x12_reader_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_reader_open_buffer", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_reader_open_path", c_int, c_void_p, c_char_p)
_fn("x12_reader_feed", c_int, c_void_p, c_char_p, c_size_t, c_int)
_fn("x12_reader_get_option", c_uint64, c_void_p, c_int)
_fn("x12_reader_next", c_int, c_void_p, P_void_p)
_fn("x12_reader_offset", c_uint64, c_void_p)
_fn("x12_reader_error_count", c_size_t, c_void_p)
_fn("x12_reader_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_reader_last_error", c_void_p, c_void_p)
_fn("x12_segment_id", X12Str, c_void_p)
_fn("x12_segment_count", c_size_t, c_void_p)
_fn("x12_segment_element", X12Str, c_void_p, c_size_t)
_fn("x12_segment_raw", X12Str, c_void_p)
_fn("x12_segment_number", c_uint64, c_void_p)
_fn("x12_segment_set_position", c_uint64, c_void_p)
_fn("x12_segment_offset", c_uint64, c_void_p)
_fn("x12_segment_delimiters", X12Delimiters, c_void_p)

# ---- writer ----------------------------------------------------------------------
_fn("x12_writer_new", c_int, c_void_p, P_void_p)
_fn("x12_writer_free", None, c_void_p)
_fn("x12_writer_to_memory", c_int, c_void_p)
_fn("x12_writer_memory", c_void_p, c_void_p, P_size_t)
_fn("x12_writer_set_line_break", c_int, c_void_p, c_char_p)
_fn("x12_writer_finish", c_int, c_void_p)
_fn("x12_writer_last_error", c_void_p, c_void_p)

# ---- validator, acknowledgments ---------------------------------------------------
_fn("x12_validator_new", c_int, c_void_p, P_void_p)
_fn("x12_validator_free", None, c_void_p)
_fn("x12_validator_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_validator_segment", c_int, c_void_p, c_void_p)
_fn("x12_validator_finish", c_int, c_void_p)
_fn("x12_validator_issue_count", c_size_t, c_void_p)
_fn("x12_validator_issue_at", c_void_p, c_void_p, c_size_t)
_fn("x12_validator_total_errors", c_uint64, c_void_p)
_fn("x12_validator_reports_rule", c_int, c_char_p)
_fn("x12_issue_error", c_void_p, c_void_p)
_fn("x12_issue_level_of", c_int, c_void_p)
_fn("x12_issue_code", c_char_p, c_void_p)
_fn("x12_issue_set_position", c_uint64, c_void_p)
_fn("x12_issue_element_ref", c_char_p, c_void_p)
_fn("x12_ack_new", c_int, c_void_p, c_int, c_void_p, P_void_p)
_fn("x12_ack_free", None, c_void_p)
_fn("x12_ack_set_time", c_int, c_void_p, c_char_p, c_char_p)
_fn("x12_ack_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_ack_attach", c_int, c_void_p, c_void_p)
_fn("x12_ack_status", c_int, c_void_p)
_fn("x12_ack_sets", c_uint64, c_void_p)
_fn("x12_ack_sets_accepted", c_uint64, c_void_p)

# ---- 837 claims ---------------------------------------------------------------------
_fn("x12_batch_new", c_int, c_void_p, c_int, P_void_p)
_fn("x12_batch_free", None, c_void_p)
_fn("x12_batch_kind", c_int, c_void_p)
_fn("x12_batch_set_kind", c_int, c_void_p, c_int)
_fn("x12_batch_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_batch_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_batch_submitter", c_void_p, c_void_p)
_fn("x12_batch_receiver", c_void_p, c_void_p)
_fn("x12_party_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_party_set_entity", c_int, c_void_p, c_int)
_fn("x12_batch_add_provider", c_int, c_void_p, P_void_p)
_fn("x12_billing_provider_party", c_void_p, c_void_p)
_fn("x12_billing_provider_pay_to", c_void_p, c_void_p)
_fn("x12_billing_provider_pay_to_plan", c_void_p, c_void_p)
_fn("x12_billing_provider_add_subscriber", c_int, c_void_p, P_void_p)
_fn("x12_subscriber_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_subscriber_party", c_void_p, c_void_p)
_fn("x12_subscriber_payer", c_void_p, c_void_p)
_fn("x12_subscriber_add_patient", c_int, c_void_p, P_void_p)
_fn("x12_patient_set_relationship", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_patient_party", c_void_p, c_void_p)
_fn("x12_subscriber_add_claim", c_int, c_void_p, P_void_p)
_fn("x12_patient_add_claim", c_int, c_void_p, P_void_p)
_fn("x12_claim_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_claim_set_amount", c_int, c_void_p, c_int, c_int64)
_fn("x12_claim_add_diagnosis", c_int, c_void_p, c_int, c_char_p, c_size_t, c_char)
_fn("x12_claim_add_code", c_int, c_void_p, c_int, c_char_p, c_size_t, c_char_p, c_size_t,
    c_char_p, c_size_t, c_int64)
_fn("x12_claim_provider", c_void_p, c_void_p, c_int)
_fn("x12_claim_add_other_payer", c_int, c_void_p, P_void_p)
_fn("x12_other_payer_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_other_payer_set_amount", c_int, c_void_p, c_int, c_int64)
_fn("x12_other_payer_add_adjustment", c_int, c_void_p, c_char_p, c_char_p, c_int64, c_char_p)
_fn("x12_other_payer_subscriber", c_void_p, c_void_p)
_fn("x12_other_payer_payer", c_void_p, c_void_p)
_fn("x12_other_payer_provider", c_void_p, c_void_p, c_int)
_fn("x12_other_payer_find_provider", c_void_p, c_void_p, c_int)
_fn("x12_claim_add_line", c_int, c_void_p, P_void_p)
_fn("x12_line_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_line_set_amount", c_int, c_void_p, c_int, c_int64)
_fn("x12_line_add_modifier", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_line_add_pointer", c_int, c_void_p, c_uint)
_fn("x12_line_provider", c_void_p, c_void_p, c_int)
_fn("x12_line_add_adjudication", c_int, c_void_p, P_void_p)
_fn("x12_line_adjudication_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_line_adjudication_set_amount", c_int, c_void_p, c_int, c_int64)
_fn("x12_line_adjudication_add_modifier", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_line_adjudication_add_adjustment", c_int, c_void_p, c_char_p, c_char_p, c_int64,
    c_char_p)
_fn("x12_claim_add_attachment", c_int, c_void_p, P_void_p)
_fn("x12_line_add_attachment", c_int, c_void_p, P_void_p)
_fn("x12_attachment_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_attachment_get", X12Str, c_void_p, c_int)
_fn("x12_claim_first_attachment", c_void_p, c_void_p)
_fn("x12_line_first_attachment", c_void_p, c_void_p)
_fn("x12_attachment_next", c_void_p, c_void_p)
_fn("x12_batch_check", c_int, c_void_p)
_fn("x12_batch_edit_count", c_size_t, c_void_p)
_fn("x12_batch_edit_at", c_void_p, c_void_p, c_size_t)
_fn("x12_batch_edit_path", c_char_p, c_void_p, c_size_t)
_fn("x12_batch_write", c_int, c_void_p, c_void_p)
_fn("x12_batch_load_xml_memory", c_int, c_void_p, c_char_p, c_size_t, c_char_p)
# void (*x12_edit_fn)(void *user, const char *path, const x12_error *e)
EDIT_FN = ctypes.CFUNCTYPE(None, c_void_p, c_char_p, c_void_p)
_fn("x12_batch_set_edit_handler", c_int, c_void_p, EDIT_FN, c_void_p)
_fn("x12_batch_claim_count", c_size_t, c_void_p)
_fn("x12_batch_build_jsonl_buffer", c_int, c_void_p, c_char_p, c_size_t, c_char_p, c_void_p)
_fn("x12_batch_build_xml_buffer", c_int, c_void_p, c_char_p, c_size_t, c_char_p, c_void_p)
_fn("x12_cents_parse", c_int, c_char_p, c_size_t, P_int64)
_fn("x12_claim_field_name", c_char_p, c_int, c_int)
_fn("x12_claim_field_lookup", c_int, c_int, c_char_p, c_size_t)
_fn("x12_claim_field_count", c_int, c_int)

# ---- 837 claims read back (walking the model, the claim stream) -------------------------
_fn("x12_batch_get", X12Str, c_void_p, c_int)
_fn("x12_batch_get_option", c_uint64, c_void_p, c_int)
_fn("x12_party_get", X12Str, c_void_p, c_int)
_fn("x12_party_entity", c_int, c_void_p)
_fn("x12_subscriber_get", X12Str, c_void_p, c_int)
_fn("x12_patient_relationship", X12Str, c_void_p)
_fn("x12_claim_get", X12Str, c_void_p, c_int)
_fn("x12_claim_get_amount", c_int, c_void_p, c_int, P_int64)
_fn("x12_claim_diagnosis_count", c_size_t, c_void_p)
_fn("x12_claim_diagnosis", X12Str, c_void_p, c_size_t, P_int)
_fn("x12_claim_diagnosis_poa", c_char, c_void_p, c_size_t)
_fn("x12_claim_code_count", c_size_t, c_void_p)
_fn("x12_claim_code", X12Str, c_void_p, c_size_t, P_int, ctypes.POINTER(X12Str),
    ctypes.POINTER(X12Str), P_int64)
_fn("x12_claim_find_provider", c_void_p, c_void_p, c_int)
_fn("x12_line_find_provider", c_void_p, c_void_p, c_int)
_fn("x12_claim_first_other_payer", c_void_p, c_void_p)
_fn("x12_other_payer_next", c_void_p, c_void_p)
_fn("x12_other_payer_get", X12Str, c_void_p, c_int)
_fn("x12_other_payer_get_amount", c_int, c_void_p, c_int, P_int64)
_fn("x12_other_payer_adjustment_count", c_size_t, c_void_p)
_fn("x12_other_payer_adjustment", X12Str, c_void_p, c_size_t, ctypes.POINTER(X12Str), P_int64,
    ctypes.POINTER(X12Str))
_fn("x12_claim_first_line", c_void_p, c_void_p)
_fn("x12_line_next", c_void_p, c_void_p)
_fn("x12_line_get", X12Str, c_void_p, c_int)
_fn("x12_line_get_amount", c_int, c_void_p, c_int, P_int64)
_fn("x12_line_modifier_count", c_size_t, c_void_p)
_fn("x12_line_modifier", X12Str, c_void_p, c_size_t)
_fn("x12_line_pointer_count", c_size_t, c_void_p)
_fn("x12_line_pointer", c_uint, c_void_p, c_size_t)
_fn("x12_line_first_adjudication", c_void_p, c_void_p)
_fn("x12_line_adjudication_next", c_void_p, c_void_p)
_fn("x12_line_adjudication_get", X12Str, c_void_p, c_int)
_fn("x12_line_adjudication_get_amount", c_int, c_void_p, c_int, P_int64)
_fn("x12_line_adjudication_modifier_count", c_size_t, c_void_p)
_fn("x12_line_adjudication_modifier", X12Str, c_void_p, c_size_t)
_fn("x12_line_adjudication_adjustment_count", c_size_t, c_void_p)
_fn("x12_line_adjudication_adjustment", X12Str, c_void_p, c_size_t, ctypes.POINTER(X12Str),
    P_int64, ctypes.POINTER(X12Str))
_fn("x12_claim_stream_new", c_int, c_void_p, c_void_p, P_void_p)
_fn("x12_claim_stream_free", None, c_void_p)
_fn("x12_claim_stream_reader", c_void_p, c_void_p)
_fn("x12_claim_stream_next", c_int, c_void_p)
_fn("x12_claim_stream_claim", c_void_p, c_void_p)
_fn("x12_claim_stream_provider", c_void_p, c_void_p)
_fn("x12_claim_stream_subscriber", c_void_p, c_void_p)
_fn("x12_claim_stream_patient", c_void_p, c_void_p)
_fn("x12_claim_stream_header", c_void_p, c_void_p)
_fn("x12_claim_stream_submitter", c_void_p, c_void_p)
_fn("x12_claim_stream_receiver", c_void_p, c_void_p)
_fn("x12_claim_stream_kind", c_int, c_void_p)
_fn("x12_claim_stream_envelope", X12Str, c_void_p, c_int)
_fn("x12_claim_stream_position", c_uint64, c_void_p, c_int)
_fn("x12_claim_stream_error_count", c_size_t, c_void_p)
_fn("x12_claim_stream_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claim_stream_last_error", c_void_p, c_void_p)
_fn("x12_claim_stream_claim_error_count", c_size_t, c_void_p)
_fn("x12_claim_stream_claim_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claim_stream_not_kept_count", c_size_t, c_void_p)
_fn("x12_claim_stream_errors_dropped", c_uint64, c_void_p)
_fn("x12_claim_stream_claim_errors_dropped", c_uint64, c_void_p)
_fn("x12_claim_stream_set_max_errors", c_int, c_void_p, c_size_t)
_fn("x12_claim_stream_total", c_uint64, c_void_p, c_int)

# ---- 835 remittances ------------------------------------------------------------------
_fn("x12_remit_stream_new", c_int, c_void_p, c_void_p, P_void_p)
_fn("x12_remit_stream_free", None, c_void_p)
_fn("x12_remit_stream_reader", c_void_p, c_void_p)
_fn("x12_remit_stream_next", c_int, c_void_p, P_int)
_fn("x12_remit_stream_claim", c_void_p, c_void_p)
_fn("x12_remit_stream_payment", c_void_p, c_void_p)
_fn("x12_remit_stream_error_count", c_size_t, c_void_p)
_fn("x12_remit_stream_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_stream_last_error", c_void_p, c_void_p)
_fn("x12_remit_parse_path", c_int, c_void_p, c_char_p, P_void_p)
_fn("x12_remit_parse_buffer", c_int, c_void_p, c_char_p, c_size_t, P_void_p)
_fn("x12_remit_doc_free", None, c_void_p)
_fn("x12_remit_doc_payment_count", c_size_t, c_void_p)
_fn("x12_remit_doc_payment_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_doc_error_count", c_size_t, c_void_p)
_fn("x12_remit_doc_error_at", c_void_p, c_void_p, c_size_t)

_fn("x12_remit_payment_get", X12Str, c_void_p, c_int)
_fn("x12_remit_payment_amount_cents", c_int64, c_void_p)
_fn("x12_remit_payment_index", c_size_t, c_void_p)
_fn("x12_remit_payment_segment_number", c_uint64, c_void_p)
_fn("x12_remit_payment_payer", c_void_p, c_void_p)
_fn("x12_remit_payment_payee", c_void_p, c_void_p)
_fn("x12_remit_payment_claim_count", c_size_t, c_void_p)
_fn("x12_remit_payment_claim_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_payment_plb_count", c_size_t, c_void_p)
_fn("x12_remit_payment_plb_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_payment_claim_total", c_uint64, c_void_p)
_fn("x12_remit_payment_line_total", c_uint64, c_void_p)
_fn("x12_remit_payment_charge_total_cents", c_int64, c_void_p)
_fn("x12_remit_payment_paid_total_cents", c_int64, c_void_p)
_fn("x12_remit_payment_plb_total_cents", c_int64, c_void_p)
_fn("x12_remit_payment_balanced", c_int, c_void_p)
_fn("x12_remit_payment_error_count", c_size_t, c_void_p)
_fn("x12_remit_payment_error_at", c_void_p, c_void_p, c_size_t)

_fn("x12_remit_claim_get", X12Str, c_void_p, c_int)
_fn("x12_remit_claim_status_text", c_char_p, c_void_p)
_fn("x12_remit_claim_charge_cents", c_int64, c_void_p)
_fn("x12_remit_claim_paid_cents", c_int64, c_void_p)
_fn("x12_remit_claim_patient_resp_cents", c_int64, c_void_p)
_fn("x12_remit_claim_index", c_size_t, c_void_p)
_fn("x12_remit_claim_segment_number", c_uint64, c_void_p)
_fn("x12_remit_claim_offset", c_uint64, c_void_p)
_fn("x12_remit_claim_payment", c_void_p, c_void_p)
_fn("x12_remit_claim_find_name", c_void_p, c_void_p, c_char_p)
_fn("x12_remit_claim_adjustment_count", c_size_t, c_void_p)
_fn("x12_remit_claim_adjustment_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_claim_remark_count", c_size_t, c_void_p)
_fn("x12_remit_claim_remark_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_claim_find_date", X12Str, c_void_p, c_char_p)
_fn("x12_remit_claim_service_count", c_size_t, c_void_p)
_fn("x12_remit_claim_service_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_claim_outcome", c_int, c_void_p)
_fn("x12_remit_claim_denial_reason_count", c_size_t, c_void_p)
_fn("x12_remit_claim_denial_reason_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_claim_patient_share_cents", c_int64, c_void_p, c_int)
_fn("x12_remit_claim_forwarded", c_int, c_void_p)
_fn("x12_remit_claim_balanced", c_int, c_void_p)
_fn("x12_remit_claim_reversal_of", c_size_t, c_void_p)
_fn("x12_remit_claim_error_count", c_size_t, c_void_p)
_fn("x12_remit_claim_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_outcome_name", c_char_p, c_int)

_fn("x12_remit_service_get", X12Str, c_void_p, c_int)
_fn("x12_remit_service_charge_cents", c_int64, c_void_p)
_fn("x12_remit_service_paid_cents", c_int64, c_void_p)
_fn("x12_remit_service_units_milli", c_int64, c_void_p)
_fn("x12_remit_service_allowed_cents", c_int64, c_void_p)
_fn("x12_remit_service_has_allowed", c_int, c_void_p)
_fn("x12_remit_service_index", c_size_t, c_void_p)
_fn("x12_remit_service_segment_number", c_uint64, c_void_p)
_fn("x12_remit_service_adjustment_count", c_size_t, c_void_p)
_fn("x12_remit_service_adjustment_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_service_remark_count", c_size_t, c_void_p)
_fn("x12_remit_service_remark_at", c_void_p, c_void_p, c_size_t)
_fn("x12_remit_service_find_date", X12Str, c_void_p, c_char_p)
_fn("x12_remit_service_outcome", c_int, c_void_p)
_fn("x12_remit_service_patient_share_cents", c_int64, c_void_p, c_int)
_fn("x12_remit_service_balanced", c_int, c_void_p)

_fn("x12_remit_adjustment_group", X12Str, c_void_p)
_fn("x12_remit_adjustment_reason", X12Str, c_void_p)
_fn("x12_remit_adjustment_amount_cents", c_int64, c_void_p)
_fn("x12_remit_adjustment_quantity", X12Str, c_void_p)
_fn("x12_remit_adjustment_line", c_size_t, c_void_p)
_fn("x12_remit_plb_provider", X12Str, c_void_p)
_fn("x12_remit_plb_date", X12Str, c_void_p)
_fn("x12_remit_plb_reason", X12Str, c_void_p)
_fn("x12_remit_plb_reference", X12Str, c_void_p)
_fn("x12_remit_plb_amount_cents", c_int64, c_void_p)
_fn("x12_remit_remark_source", c_char_p, c_void_p)
_fn("x12_remit_remark_qualifier", X12Str, c_void_p)
_fn("x12_remit_remark_code", X12Str, c_void_p)
_fn("x12_remit_name_get", X12Str, c_void_p, c_int)
_fn("x12_remit_code_text", c_char_p, c_int, c_char_p, c_size_t)

# ---- columnar tables ---------------------------------------------------------------------
_fn("x12_tables_new", c_int, c_void_p, c_int, c_void_p, P_void_p)
_fn("x12_tables_free", None, c_void_p)
_fn("x12_tables_reader", c_void_p, c_void_p)
_fn("x12_tables_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_tables_get_option", c_uint64, c_void_p, c_int)
_fn("x12_tables_next", c_int, c_void_p)
_fn("x12_tables_last_error", c_void_p, c_void_p)
_fn("x12_tables_column_count", c_size_t, c_void_p, c_size_t)
_fn("x12_tables_column_name", c_char_p, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_column_type", c_int, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_column_nullable", c_int, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_rows", c_size_t, c_void_p, c_size_t)
_fn("x12_tables_values", c_void_p, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_offsets", c_void_p, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_bytes", c_void_p, c_void_p, c_size_t, c_size_t, P_size_t)
_fn("x12_tables_dictionary_size", c_size_t, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_copy_delimited", c_size_t, c_void_p, c_size_t, c_size_t, c_char, c_void_p,
    c_size_t)
_fn("x12_tables_validity", c_void_p, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_null_count", c_size_t, c_void_p, c_size_t, c_size_t)
_fn("x12_tables_first_claim", c_uint64, c_void_p)
_fn("x12_tables_open_payment", c_void_p, c_void_p)
_fn("x12_tables_errors_dropped", c_uint64, c_void_p)

# ---- byte ranges (range.h) -------------------------------------------------------


class X12Range(ctypes.Structure):
    """``x12_range``: where a byte range starts and what a reader needs to
    start there (struct_size first; the library reads the members it
    covers)."""

    _fields_ = [("struct_size", c_size_t), ("offset", c_uint64), ("length", c_uint64),
                ("isa", c_void_p), ("isa_len", c_size_t), ("gs", c_void_p),
                ("gs_len", c_size_t), ("segment_number", c_uint64),
                ("interchanges", c_uint64), ("groups", c_uint64), ("sets", c_uint64),
                ("total_groups", c_uint64), ("total_sets", c_uint64),
                ("total_segments", c_uint64)]


P_X12Range = ctypes.POINTER(X12Range)
_fn("x12_reader_set_range", c_int, c_void_p, P_X12Range)
_fn("x12_range_plan_new", c_int, c_void_p, c_void_p, P_void_p)
_fn("x12_range_plan_free", None, c_void_p)
_fn("x12_range_plan_reader", c_void_p, c_void_p)
_fn("x12_range_plan_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_range_plan_count", c_int, c_void_p, c_char_p, c_char_p)
_fn("x12_range_plan_next", c_int, c_void_p, ctypes.POINTER(P_X12Range))
_fn("x12_range_plan_last_error", c_void_p, c_void_p)
_fn("x12_range_plan_get", c_uint64, c_void_p, c_int)


# ---- reconciliation (recon.h) -------------------------------------------------------
_fn("x12_recon_new", c_int, c_void_p, P_void_p)
_fn("x12_recon_free", None, c_void_p)
_fn("x12_recon_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_recon_get_option", c_uint64, c_void_p, c_int)
_fn("x12_recon_load_rules_file", c_int, c_void_p, c_char_p)
_fn("x12_recon_load_rules_memory", c_int, c_void_p, c_char_p, c_size_t, c_char_p)
_fn("x12_recon_read_claims", c_int, c_void_p, c_void_p, P_size_t)
_fn("x12_recon_read_remits", c_int, c_void_p, c_void_p, P_size_t)
_fn("x12_recon_read_acks", c_int, c_void_p, c_void_p, P_size_t)
_fn("x12_recon_set_source_name", c_int, c_void_p, c_size_t, c_char_p)
_fn("x12_recon_source_count", c_size_t, c_void_p)
_fn("x12_recon_add_ack", c_int, c_void_p, c_char_p, c_size_t, c_char_p, c_size_t, c_int,
    c_char_p, c_size_t)
_fn("x12_recon_error_count", c_size_t, c_void_p)
_fn("x12_recon_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_recon_error_source", c_size_t, c_void_p, c_size_t)
_fn("x12_recon_errors_dropped", c_uint64, c_void_p)
_fn("x12_recon_finish", c_int, c_void_p)
# int (*)(const char *data, size_t len, void *user)
RECON_WRITE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p, c_size_t)
_fn("x12_recon_write", c_int, c_void_p, c_int, c_int, RECON_WRITE_FN, c_void_p)


# ---- values crossing into C -------------------------------------------------------


class IntegerRangeError(OverflowError, ValueError):
    """An int outside the range of the C type it would be passed as.  Both
    an OverflowError (as Python's own conversions raise) and a ValueError
    (as the package's other bad values raise)."""


def _c_range(ctype: Any) -> Tuple[int, int]:
    bits = 8 * ctypes.sizeof(ctype)
    if ctype(-1).value < 0:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


_C_NAMES = {ctypes.c_int64: "int64", ctypes.c_uint64: "uint64", ctypes.c_size_t: "size_t",
            ctypes.c_uint: "unsigned int", ctypes.c_int: "int"}


def int_arg(value: object, name: str, ctype: Any) -> int:
    """``value`` as an int that fits the C integer type ``ctype`` (a ctypes
    class).  Any int-like object (int, numpy integers) is taken; bool, float
    and the rest raise TypeError, a value out of range IntegerRangeError,
    each naming the parameter ``name``."""
    # numpy.bool_ still converts through __index__ (with a warning).
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise TypeError("%s: expected an int, not bool" % name)
    try:
        v = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError("%s: expected an int, not %s" % (name, type(value).__name__)) from None
    lo, hi = _c_range(ctype)
    if not lo <= v <= hi:
        raise IntegerRangeError("%s: %d does not fit a C %s (%d..%d)"
                                % (name, v, _C_NAMES.get(ctype, ctype.__name__), lo, hi))
    return v


def text_arg(value: object, name: str, encoding: str = "utf-8") -> bytes:
    """``value`` (str or bytes-like) as bytes for a C string parameter.  A
    NUL byte raises ValueError: C would stop there (with an explicit length
    it would be data no X12 element may hold)."""
    if isinstance(value, str):
        b = value.encode(encoding)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        b = bytes(value)
    else:
        raise TypeError("%s: expected str or bytes, not %s" % (name, type(value).__name__))
    if b"\0" in b:
        raise ValueError("%s: a NUL byte is not allowed" % name)
    return b


def cents_arg(value: object, name: str) -> int:
    """Money for C as int cents: an int (int, numpy integers) that fits
    int64, or decimal text read by the library's one rule for amounts
    (x12_cents_parse: "185", "185.5", "-0.05", "1.500" is 150; never a
    float).  TypeError for a float, bool or other type, ValueError for text
    that is not an amount, IntegerRangeError for an int out of range."""
    if isinstance(value, (bool, float)) or type(value).__name__ == "bool_":
        raise TypeError("%s: money is int cents or decimal text, never %s"
                        % (name, type(value).__name__))
    if isinstance(value, (str, bytes)):
        b = text_arg(value, name)
        c = ctypes.c_int64()
        if lib.x12_cents_parse(b, len(b), ctypes.byref(c)) != 0:
            raise ValueError("%s: not an amount (decimal text, at most 2 decimals but "
                             "for trailing zeros)" % name)
        return c.value
    if hasattr(value, "__index__"):
        return int_arg(value, name, ctypes.c_int64)
    raise TypeError("%s: money is int cents or decimal text, not %s"
                    % (name, type(value).__name__))


def text_cents(text: str) -> Optional[int]:
    """The cents of an amount as a file wrote it (str), by x12_cents_parse;
    None when empty or not an amount."""
    if not text:
        return None
    b = text.encode("latin-1")
    c = ctypes.c_int64()
    return c.value if lib.x12_cents_parse(b, len(b), ctypes.byref(c)) == 0 else None


def path_arg(path: PathArg, name: str = "path") -> bytes:
    """A file system path (str, bytes or os.PathLike) as bytes for C.  A NUL
    byte raises ValueError, as open() does: C would open the path up to it."""
    b = os.fsencode(path)
    if b"\0" in b:
        raise ValueError("%s: embedded null byte" % name)
    return b


# ---- objects that own a C handle -------------------------------------------------

_OPEN, _EXHAUSTED, _CLOSED = 0, 1, 2

_T = TypeVar("_T")
_H = TypeVar("_H", bound="Handle[Any]")


class Handle(Generic[_T]):
    """Base of every object that owns a C handle and iterates over it
    (Reader, RemitStream).

    One lock per object serializes every call into C that uses its handle,
    the free included: ctypes releases the GIL during a call, so without it
    a thread could free the handle while another is inside
    x12_reader_next.  Iterating one object from several threads is thus
    safe (each item goes to one of them), and close() from another thread
    waits for the call in progress.  After close() (also by ``with`` or
    garbage collection) next() raises ValueError, as a closed file does;
    once the input is exhausted (or a fatal error was raised) the handle is
    freed and next() keeps raising StopIteration.

    A subclass calls ``_open_handle()`` first in ``__init__``, frees its C
    pointer in ``_free()`` (which may find it not set), reads the next item
    in ``_next()`` (called with the lock held) and calls ``_finish()`` from
    there when nothing more will come.
    """

    _lock: Optional[threading.RLock] = None
    _state = _OPEN

    def _open_handle(self) -> None:
        self._lock = threading.RLock()
        self._state = _OPEN

    def _free(self) -> None:
        raise NotImplementedError

    def _next(self) -> _T:
        raise NotImplementedError

    def _finish(self) -> None:
        """Frees the handle at the end of the input (lock held)."""
        if self._state == _OPEN:
            self._state = _EXHAUSTED
            self._free()

    @property
    def closed(self) -> bool:
        """True after close()."""
        return self._state == _CLOSED

    def close(self) -> None:
        """Frees the C handle (waiting for a call in progress in another
        thread); later next() calls raise ValueError.  Closing twice is
        harmless."""
        lock = self._lock
        if lock is None:  # __init__ failed before the handle existed
            return
        with lock:
            was, self._state = self._state, _CLOSED
            if was == _OPEN:
                self._free()

    def _check_open(self) -> None:
        if self._state == _CLOSED:
            raise ValueError("%s is closed" % type(self).__name__)

    def __next__(self) -> _T:
        lock = self._lock
        if lock is None:
            raise ValueError("%s was not opened" % type(self).__name__)
        with lock:
            self._check_open()
            if self._state == _EXHAUSTED:
                raise StopIteration
            return self._next()

    def __enter__(self: _H) -> _H:
        self._check_open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def __iter__(self: _H) -> _H:
        return self


# ---- eligibility: 270 requests, 271 responses (include/x12/eligibility.h) ----------
P_X12Str = ctypes.POINTER(X12Str)
_fn("x12_elig_request_new", c_int, c_void_p, P_void_p)
_fn("x12_elig_request_free", None, c_void_p)
_fn("x12_elig_request_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_elig_request_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_elig_request_add_inquiry", c_int, c_void_p, P_void_p)
_fn("x12_elig_inquiry_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_elig_inquiry_add_service_type", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_elig_inquiry_add_modifier", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_elig_request_check", c_int, c_void_p)
_fn("x12_elig_request_edit_count", c_size_t, c_void_p)
_fn("x12_elig_request_edit_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_request_edit_path", c_char_p, c_void_p, c_size_t)
_fn("x12_elig_request_write", c_int, c_void_p, c_void_p)
_fn("x12_elig_request_load_xml_memory", c_int, c_void_p, c_char_p, c_size_t, c_char_p)

_fn("x12_elig_stream_new", c_int, c_void_p, c_void_p, P_void_p)
_fn("x12_elig_stream_free", None, c_void_p)
_fn("x12_elig_stream_reader", c_void_p, c_void_p)
_fn("x12_elig_stream_next", c_int, c_void_p, P_void_p)
_fn("x12_elig_stream_error_count", c_size_t, c_void_p)
_fn("x12_elig_stream_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_stream_last_error", c_void_p, c_void_p)
_fn("x12_elig_stream_errors_dropped", c_uint64, c_void_p)
_fn("x12_elig_coverage_errors_dropped", c_uint64, c_void_p)

_fn("x12_elig_coverage_level", c_int, c_void_p)
_fn("x12_elig_coverage_state", c_int, c_void_p)
_fn("x12_elig_coverage_get", X12Str, c_void_p, c_int)
_fn("x12_elig_coverage_index", c_size_t, c_void_p)
_fn("x12_elig_coverage_segment_number", c_uint64, c_void_p)
_fn("x12_elig_coverage_offset", c_uint64, c_void_p)
_fn("x12_elig_coverage_payer", c_void_p, c_void_p)
_fn("x12_elig_coverage_receiver", c_void_p, c_void_p)
_fn("x12_elig_coverage_benefit_count", c_size_t, c_void_p)
_fn("x12_elig_coverage_benefit_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_coverage_reject_count", c_size_t, c_void_p)
_fn("x12_elig_coverage_reject_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_coverage_ref_count", c_size_t, c_void_p)
_fn("x12_elig_coverage_ref_at", None, c_void_p, c_size_t, P_X12Str, P_X12Str, P_X12Str)
_fn("x12_elig_coverage_date_count", c_size_t, c_void_p)
_fn("x12_elig_coverage_date_at", None, c_void_p, c_size_t, P_X12Str, P_X12Str, P_X12Str)
_fn("x12_elig_coverage_summary_count", c_size_t, c_void_p)
_fn("x12_elig_coverage_summary_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_coverage_error_count", c_size_t, c_void_p)
_fn("x12_elig_coverage_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_party_get", X12Str, c_void_p, c_int)
_fn("x12_elig_party_reject_count", c_size_t, c_void_p)
_fn("x12_elig_party_reject_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_reject_valid_request", c_int, c_void_p)
_fn("x12_elig_reject_reason", X12Str, c_void_p)
_fn("x12_elig_reject_follow_up", X12Str, c_void_p)
_fn("x12_elig_reject_reason_text", c_char_p, c_void_p)
_fn("x12_elig_reject_follow_up_text", c_char_p, c_void_p)
_fn("x12_elig_reject_may_resubmit", c_int, c_void_p)
_fn("x12_elig_reject_loop", c_char_p, c_void_p)
_fn("x12_elig_reject_benefit", c_size_t, c_void_p)
_fn("x12_elig_reject_error", c_void_p, c_void_p)
_fn("x12_elig_benefit_get", X12Str, c_void_p, c_int)
_fn("x12_elig_benefit_code_text", c_char_p, c_void_p)
_fn("x12_elig_benefit_coverage_level_text", c_char_p, c_void_p)
_fn("x12_elig_benefit_time_period_text", c_char_p, c_void_p)
_fn("x12_elig_benefit_service_type_count", c_size_t, c_void_p)
_fn("x12_elig_benefit_service_type_at", X12Str, c_void_p, c_size_t)
_fn("x12_elig_benefit_amount_cents", c_int, c_void_p, P_int64)
_fn("x12_elig_benefit_percent_bp", c_int, c_void_p, P_int64)
_fn("x12_elig_benefit_quantity_milli", c_int, c_void_p, P_int64)
_fn("x12_elig_benefit_active", c_int, c_void_p)
_fn("x12_elig_benefit_message_count", c_size_t, c_void_p)
_fn("x12_elig_benefit_message_at", X12Str, c_void_p, c_size_t)
_fn("x12_elig_benefit_date_count", c_size_t, c_void_p)
_fn("x12_elig_benefit_date_at", None, c_void_p, c_size_t, P_X12Str, P_X12Str, P_X12Str)
_fn("x12_elig_benefit_ref_count", c_size_t, c_void_p)
_fn("x12_elig_benefit_ref_at", None, c_void_p, c_size_t, P_X12Str, P_X12Str, P_X12Str)
_fn("x12_elig_benefit_entity_count", c_size_t, c_void_p)
_fn("x12_elig_benefit_entity_at", c_void_p, c_void_p, c_size_t)
_fn("x12_elig_benefit_segment_number", c_uint64, c_void_p)
_fn("x12_elig_entity_get", X12Str, c_void_p, c_int)
_fn("x12_elig_summary_service_type", X12Str, c_void_p)
_fn("x12_elig_summary_service_type_text", c_char_p, c_void_p)
_fn("x12_elig_summary_get", c_int, c_void_p, c_int, c_int, P_int64)
_fn("x12_elig_summary_active", c_int, c_void_p)
_fn("x12_elig_summary_authorization_required", c_int, c_void_p)
_fn("x12_elig_code_text", c_char_p, c_int, c_char_p, c_size_t)

# ---- claim status: 276, 277/277CA, the 837 sent, the link (claimstatus.h) -----------
_fn("x12_claimstatus_sent_new", c_int, c_void_p, P_void_p)
_fn("x12_claimstatus_sent_free", None, c_void_p)
_fn("x12_claimstatus_sent_read", c_int, c_void_p, c_void_p)
_fn("x12_claimstatus_sent_count", c_size_t, c_void_p)
_fn("x12_claimstatus_sent_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_sent_find", c_void_p, c_void_p, c_char_p, c_size_t)
_fn("x12_claimstatus_sent_error_count", c_size_t, c_void_p)
_fn("x12_claimstatus_sent_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_sent_errors_dropped", c_uint64, c_void_p)
_fn("x12_claimstatus_sent_get", X12Str, c_void_p, c_int)
_fn("x12_claimstatus_sent_charge_cents", c_int64, c_void_p)
_fn("x12_claimstatus_sent_index", c_size_t, c_void_p)
_fn("x12_claimstatus_sent_segment_number", c_uint64, c_void_p)
_fn("x12_claimstatus_sent_line_count", c_size_t, c_void_p)
_fn("x12_claimstatus_sent_line_control_number", X12Str, c_void_p, c_size_t)

_fn("x12_claimstatus_request_new", c_int, c_void_p, P_void_p)
_fn("x12_claimstatus_request_free", None, c_void_p)
_fn("x12_claimstatus_request_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_claimstatus_request_set_option", c_int, c_void_p, c_int, c_uint64)
_fn("x12_claimstatus_request_add_inquiry", c_int, c_void_p, P_void_p)
_fn("x12_claimstatus_request_add_sent", c_int, c_void_p, c_void_p, P_void_p)
_fn("x12_claimstatus_inquiry_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_claimstatus_inquiry_set_charge", c_int, c_void_p, c_int64)
_fn("x12_claimstatus_inquiry_add_line", c_int, c_void_p, P_void_p)
_fn("x12_claimstatus_inquiry_line_set", c_int, c_void_p, c_int, c_char_p, c_size_t)
_fn("x12_claimstatus_inquiry_line_add_modifier", c_int, c_void_p, c_char_p, c_size_t)
_fn("x12_claimstatus_inquiry_line_set_charge", c_int, c_void_p, c_int64)
_fn("x12_claimstatus_request_check", c_int, c_void_p)
_fn("x12_claimstatus_request_edit_count", c_size_t, c_void_p)
_fn("x12_claimstatus_request_edit_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_request_edit_path", c_char_p, c_void_p, c_size_t)
_fn("x12_claimstatus_request_write", c_int, c_void_p, c_void_p)

_fn("x12_claimstatus_stream_new", c_int, c_void_p, c_void_p, P_void_p)
_fn("x12_claimstatus_stream_free", None, c_void_p)
_fn("x12_claimstatus_stream_reader", c_void_p, c_void_p)
_fn("x12_claimstatus_stream_last_error", c_void_p, c_void_p)
_fn("x12_claimstatus_stream_collect", c_int, c_void_p, P_void_p)
_fn("x12_claimstatus_doc_free", None, c_void_p)
_fn("x12_claimstatus_doc_claim_count", c_size_t, c_void_p)
_fn("x12_claimstatus_doc_claim_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_doc_batch_count", c_size_t, c_void_p)
_fn("x12_claimstatus_doc_batch_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_doc_error_count", c_size_t, c_void_p)
_fn("x12_claimstatus_doc_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_doc_errors_dropped", c_uint64, c_void_p)
_fn("x12_claimstatus_claim_errors_dropped", c_uint64, c_void_p)

_fn("x12_claimstatus_claim_get", X12Str, c_void_p, c_int)
_fn("x12_claimstatus_claim_kind", c_int, c_void_p)
_fn("x12_claimstatus_claim_loop", c_char_p, c_void_p)
_fn("x12_claimstatus_claim_outcome", c_int, c_void_p)
_fn("x12_claimstatus_claim_charge_cents", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_claim_paid_cents", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_claim_status_count", c_size_t, c_void_p)
_fn("x12_claimstatus_claim_status_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_claim_line_count", c_size_t, c_void_p)
_fn("x12_claimstatus_claim_line_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_claim_index", c_size_t, c_void_p)
_fn("x12_claimstatus_claim_segment_number", c_uint64, c_void_p)
_fn("x12_claimstatus_claim_offset", c_uint64, c_void_p)
_fn("x12_claimstatus_claim_error_count", c_size_t, c_void_p)
_fn("x12_claimstatus_claim_error_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_line_get", X12Str, c_void_p, c_int)
_fn("x12_claimstatus_line_charge_cents", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_line_paid_cents", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_line_outcome", c_int, c_void_p)
_fn("x12_claimstatus_line_status_count", c_size_t, c_void_p)
_fn("x12_claimstatus_line_status_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_batch_level_of", c_int, c_void_p)
_fn("x12_claimstatus_batch_kind", c_int, c_void_p)
_fn("x12_claimstatus_batch_trace_number", X12Str, c_void_p)
_fn("x12_claimstatus_batch_party_name", X12Str, c_void_p)
_fn("x12_claimstatus_batch_party_id", X12Str, c_void_p)
_fn("x12_claimstatus_batch_control_number", X12Str, c_void_p)
_fn("x12_claimstatus_batch_received_date", X12Str, c_void_p)
_fn("x12_claimstatus_batch_processed_date", X12Str, c_void_p)
_fn("x12_claimstatus_batch_accepted_count", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_batch_rejected_count", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_batch_accepted_cents", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_batch_rejected_cents", c_int, c_void_p, P_int64)
_fn("x12_claimstatus_batch_outcome", c_int, c_void_p)
_fn("x12_claimstatus_batch_status_count", c_size_t, c_void_p)
_fn("x12_claimstatus_batch_status_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_batch_segment_number", c_uint64, c_void_p)
_fn("x12_claimstatus_status_get", X12Str, c_void_p, c_int)
_fn("x12_claimstatus_status_category_text", c_char_p, c_void_p)
_fn("x12_claimstatus_status_code_text", c_char_p, c_void_p)
_fn("x12_claimstatus_status_entity_text", c_char_p, c_void_p)
_fn("x12_claimstatus_status_outcome", c_int, c_void_p)
_fn("x12_claimstatus_status_position", c_uint, c_void_p)
_fn("x12_claimstatus_status_segment_number", c_uint64, c_void_p)
_fn("x12_claimstatus_link_new", c_int, c_void_p, c_void_p, c_void_p, P_void_p)
_fn("x12_claimstatus_link_free", None, c_void_p)
_fn("x12_claimstatus_link_count", c_size_t, c_void_p)
_fn("x12_claimstatus_link_answer", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_link_batch", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_link_outcome", c_int, c_void_p, c_size_t)
_fn("x12_claimstatus_link_unmatched_count", c_size_t, c_void_p)
_fn("x12_claimstatus_link_unmatched_at", c_void_p, c_void_p, c_size_t)
_fn("x12_claimstatus_code_text", c_char_p, c_int, c_char_p, c_size_t)


def deprecated_getattr(module: str, renamed: Dict[str, Tuple[str, Callable[[], Any]]],
                       other: Optional[Callable[[str], Any]] = None) -> Callable[[str], Any]:
    """A module's __getattr__ for names it renamed: ``renamed`` maps an old
    name to (what to use now, as said in the warning; a function giving
    it).  The old name still works with a DeprecationWarning pointing at
    the caller; ``other`` answers the names that are not renamed (else
    AttributeError)."""

    def __getattr__(name: str) -> Any:
        if name in renamed:
            new, value = renamed[name]
            warnings.warn("%s.%s is deprecated: use %s" % (module, name, new),
                          DeprecationWarning, stacklevel=2)
            return value()
        if other is not None:
            return other(name)
        raise AttributeError("module %r has no attribute %r" % (module, name))

    return __getattr__
