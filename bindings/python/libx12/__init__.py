"""libx12 for Python: ASC X12 005010 (837P/837I claims, 835 remittances,
999/TA1 acknowledgments, 270/271 eligibility, 276/277 claim status and
277CA acknowledgments) over the libx12 C library, through ctypes.

    import libx12
    for seg in libx12.iter_segments("claims.837"):
        print(seg.number, seg.id, seg[1])
    problems = libx12.validate("claims.837")
    ack = libx12.write_999("claims.837")
    x12 = libx12.build_837({...})            # see libx12.claims
    for enc in libx12.read_837("sent.837"):   # one claim at a time, the same dict shape
        ...
    for enc in libx12.read_837("sent.837", as_dataclass=True):   # typed dataclasses
        claim = enc.claims()[0]                # a Claim837 (the 837's claim)
    x12 = libx12.build_837_tables(claims_df, lines_df, header={...})  # pandas
    era = libx12.parse_835("era.835")         # payments -> claims -> lines
    for claim in libx12.stream_claims("era.835"):   # ClaimPayment (the 835's claim)
        print(claim.patient_control_number, claim.outcome, claim.paid_cents)
    x12 = libx12.build_270({...})             # see libx12.eligibility
    elig = libx12.parse_271("answer.271")     # coverages -> benefits, summaries
    work = libx12.link_claims("sent.837", "claims.277ca")  # see libx12.claimstatus
    t = libx12.remit_tables("era.835")        # pandas DataFrames (numpy, pandas)
    t.claims.groupby("outcome", observed=True)["paid_cents"].sum()
    c = libx12.claim_tables("sent.837")       # 837 claims, lines, diagnoses, providers
    frames = libx12.dask.read_remits("eras/")  # Dask DataFrames over a folder (dask)
    r = libx12.reconcile(claims=["sent.837"], remits=["era.835"])  # DataFrames
    print(r.claims[["patient_control_number", "state", "next_action"]])

One class per meaning: Claim837 is the 837's claim (built and read back),
ClaimPayment the 835's; Claim and ClaimInput are their old names,
deprecated (a DeprecationWarning when used).

The shared library is found through LIBX12_PATH, then the system's
library path.  Every failure of the library is an X12Error; a value that
cannot be passed to it raises TypeError, ValueError or IntegerRangeError
(an int that does not fit its C type) first.
"""

# libx12's version (configure.ac's AC_INIT); tests/version.sh checks they
# agree.  library_version() is that of the C library actually loaded.  Set
# before the modules are imported: libx12.claims compares the two.
__version__ = "0.1.0"

from ._lib import deprecated_getattr as _deprecated_getattr  # noqa: E402
from ._lib import cstr as _cstr, lib as _clib, IntegerRangeError
from .errors import X12Error, X12Status, Severity, Problem, STATUS_NAMES, strerror
from .segments import Reader, Segment, iter_segments
from .validate import Acknowledgment, validate, write_999, write_ta1
from .claims import build_837, build_837_xml, CLAIM_DATACLASSES
from .encounter_tables import build_837_tables, build_837_jsonl, tables_to_jsonl
from .claims import (Encounters, Interchange, Contact, BillingProvider, Address, PayToPlan,
                     Subscriber,
                     Payer, Patient, Claim837, Diagnosis, ClaimCode, ClaimProvider,
                     OtherPayer, Insured, CasAdjustment, ServiceLine, LineAdjudication,
                     Attachment)
from .claimread import ClaimStream, read_837
from .remit import (Party, Adjustment, Remark, Service, ClaimPayment, ProviderAdjustment,
                    Payment, Remittance, RemitStream, parse_835, stream_claims, code_text)
from .eligibility import (build_270, build_270_xml, parse_271, iter_coverages, CoverageStream,
                          Eligibility, Coverage, Benefit, Summary, Rejection, EligParty,
                          BenefitEntity, elig_code_text, ELIG_REQUEST_KEYS)
from .claimstatus import (build_276, parse_277, link_claims, read_sent_claims,
                          ClaimStatusReport, StatusClaim, StatusLine, StatusBatch, Status,
                          SentClaim, LinkedClaim, Worklist, status_code_text,
                          STATUS_REQUEST_KEYS, OUTCOMES)
from .tables import (RemitTables, remit_tables, iter_remit_tables, TABLE_NAMES, ClaimTables,
                     claim_tables, iter_claim_tables, CLAIM_TABLE_NAMES, BinaryReadable)
from ._lib import Source
from typing import TYPE_CHECKING, Any, Callable
from .recon import reconcile, Reconciliation, Diagnostic


def library_version() -> str:
    """The version of the loaded C library, "MAJOR.MINOR.PATCH"."""
    return _cstr(_clib.x12_version())


__all__ = [
    "X12Error", "X12Status", "Severity", "Problem", "STATUS_NAMES", "strerror", "library_version", "IntegerRangeError",
    "Reader", "Segment", "iter_segments",
    "validate", "write_999", "write_ta1", "Acknowledgment",
    "build_837", "build_837_xml", "build_837_jsonl", "build_837_tables", "tables_to_jsonl",
    "CLAIM_DATACLASSES", "Encounters", "Interchange", "Contact",
    "BillingProvider", "Address", "Subscriber", "Payer", "Patient", "Claim837", "Diagnosis",
    "ClaimCode", "ClaimProvider", "OtherPayer", "Insured", "CasAdjustment", "ServiceLine",
    "LineAdjudication", "Attachment", "ClaimStream", "read_837",
    "Party", "Adjustment", "Remark", "Service", "ClaimPayment", "ProviderAdjustment", "Payment",
    "Remittance", "RemitStream", "parse_835", "stream_claims", "code_text",
    "build_270", "build_270_xml", "parse_271", "iter_coverages", "CoverageStream",
    "Eligibility", "Coverage", "Benefit", "Summary", "Rejection", "EligParty", "BenefitEntity",
    "elig_code_text", "ELIG_REQUEST_KEYS",
    "build_276", "parse_277", "link_claims", "read_sent_claims", "ClaimStatusReport",
    "StatusClaim", "StatusLine", "StatusBatch", "Status", "SentClaim", "LinkedClaim",
    "Worklist", "status_code_text", "STATUS_REQUEST_KEYS", "OUTCOMES",
    "RemitTables", "remit_tables", "iter_remit_tables", "TABLE_NAMES",
    "ClaimTables", "claim_tables", "iter_claim_tables", "CLAIM_TABLE_NAMES",
    "BinaryReadable", "Source",
    "reconcile", "Reconciliation", "Diagnostic",
]


# Names kept for old code, deprecated: Claim was the 835's claim
# (ClaimPayment), ClaimInput the 837's (Claim837).  They are left out of
# __all__; using one warns (DeprecationWarning).
_DEPRECATED = {"Claim": "ClaimPayment", "ClaimInput": "Claim837"}
if TYPE_CHECKING:
    Claim = ClaimPayment
    ClaimInput = Claim837


def _lazy(name: str) -> Any:
    # libx12.dask is imported on first use, so that `import libx12` does
    # not import dask.
    if name == "dask":
        import importlib
        return importlib.import_module(".dask", __name__)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def _current(name: str) -> Callable[[], Any]:
    return lambda: globals()[name]


__getattr__ = _deprecated_getattr(
    __name__, {old: ("libx12." + new, _current(new)) for old, new in _DEPRECATED.items()}, _lazy)
