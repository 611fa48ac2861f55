"""837P / 837I claims from dicts or dataclasses, over the C claim model.

The input has the shape of the encounter XML format (specs/encounter.xsd,
examples/encounters/*.xml): the same field names, with child elements as
lists under plural keys::

    {"kind": "837P",
     "interchange": {"sender_id": ..., "receiver_id": ..., "date": ..., "time": ...,
                     "reference": ..., "control_number": 417, ...},
     "submitter": {"name": ..., "id": ..., "contact": ..., "phone": ...},
     "receiver": {"name": ..., "id": ...},
     "providers": [{"name": ..., "npi": ..., "pay_to": {...},
                    "subscribers": [{"responsibility": "P", "member_id": ...,
                                     "payer": {"name": ..., "payer_id": ...},
                                     "claims": [...],
                                     "patients": [{"relationship": "19", ...,
                                                   "claims": [...]}]}]}]}

A claim holds its fields plus "diagnoses", "codes", "providers",
"other_payers", "lines" and "attachments" (PWK); a line may hold
"providers" (its own rendering, referring, supervising, ordering, service
facility, operating or other operating provider, or ambulance pick-up or
drop-off location, 2420x), "adjudications" (2430), each with
"adjustments", and "attachments"; an other payer "subscriber", "payer",
"adjustments" and "providers" (2330C-I: role, entity, secondary ids).  Money is int cents (12500) or decimal text
("125.00"), never float.  Modifiers and pointers are lists (or the
space-separated text of the XML format).

The dataclasses (Encounters down to Attachment; the claim is Claim837)
are written out with their types: text Optional[str] (dates CCYYMMDD),
money Optional[Money], children their dataclasses, lists defaulting to
empty; from_dict() and to_dict() convert from and to the dict shape.
Their fields are the field table's names, checked at import
(_check_shapes).

Every value is checked before it reaches C: text may not hold a NUL byte
(ValueError), an int must fit its C type (money int64 cents, pointers
unsigned int, control numbers and options uint64: IntegerRangeError, an
OverflowError and a ValueError), bool and float are refused where an int
is meant (TypeError).  Each error names the field path.
"""

import ctypes
import dataclasses
import os
import re
import warnings
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Literal, Mapping,
                    Optional, Tuple, Type, TypeVar, Union, get_args, get_origin, get_type_hints)

from ._lib import Source, cents_arg, deprecated_getattr, int_arg, lib, path_arg, text_arg
from .errors import X12Error, check, problem_from_error

__all__ = ["build_837", "build_837_xml", "CLAIM_DATACLASSES"]

_X12_OK, _X12_EINVAL, _X12_EEDIT = 0, 4, 13
_KINDS = {"837P": 1, "837I": 2}

# Field name -> C enum value, from the library's field table
# (lib/claim837_fields.def): x12_claim_field_name() for each value of each
# object (x12_claim_object), in the enum's order.
_CO = {"batch": 1, "option": 2, "party": 3, "subscriber": 4, "claim": 5, "claim_amount": 6,
       "other_payer": 7, "other_payer_amount": 8, "line": 9, "line_amount": 10,
       "adjudication": 11, "adjudication_amount": 12, "attachment": 13}


def _names(obj):
    """{name: value} of every field of an object that has a name."""
    co = _CO[obj]
    out = {}
    for f in range(1, lib.x12_claim_field_count(co) + 1):
        n = lib.x12_claim_field_name(co, f)
        if n is not None:
            out[n.decode("ascii")] = f
    return out


_PARTY_ID = 5
# The party's id is named by role (npi, member_id, payer_id, id).
_PARTY = {k: v for k, v in _names("party").items() if v != _PARTY_ID}
_ENTITY = {"person": 1, "organization": 2}
_BATCH = _names("batch")
_BATCH_OPTIONS = _names("option")
_SUB = _names("subscriber")
_CLAIM = _names("claim")
_CLAIM_AMOUNTS = _names("claim_amount")
_DX = {"principal": 1, "other": 2, "admitting": 3, "reason": 4, "external_cause": 5}
_CODE = {"principal_procedure": 1, "other_procedure": 2, "occurrence": 3,
         "occurrence_span": 4, "value": 5, "condition": 6, "treatment": 7,
         "anesthesia_procedure": 8}
_ROLE = {"rendering": 1, "referring": 2, "service_facility": 3, "attending": 4,
         "operating": 5, "other_operating": 6, "supervising": 7, "ordering": 8,
         "ambulance_pickup": 9, "ambulance_dropoff": 10, "purchased_service": 11,
         "billing": 12, "primary_care": 13}
# A line's roles: all but attending (which of them a kind takes is an edit)
# and billing (an other payer's only).
_LINE_ROLE = {k: v for k, v in _ROLE.items() if k not in ("attending", "billing")}
# An other payer's providers (2330C-I).
_OP_ROLE = {k: _ROLE[k] for k in ("referring", "rendering", "service_facility", "supervising",
                                  "billing", "attending", "operating", "other_operating",
                                  "primary_care")}
_OP = _names("other_payer")
_OP_AMOUNTS = _names("other_payer_amount")
_LINE = _names("line")
_LINE_AMOUNTS = _names("line_amount")
_LA = _names("adjudication")
_LA_AMOUNTS = _names("adjudication_amount")
_ATT = _names("attachment")

_NAME = ("entity", "name", "first_name", "middle_name", "suffix")
_ADDRESS = ("address1", "address2", "city", "state", "zip")
_CONTACT = ("contact", "phone", "email", "phone_extension", "fax")
_DEMOGRAPHICS = ("birth_date", "gender")
_PATIENT_INFO = ("death_date", "weight", "pregnant")

# ---- dataclasses ------------------------------------------------------------------
#
# Written out with their types.  The names are the field table's: each class's
# fields are the names x12_claim_field_name() gives for its objects (_SHAPES
# below) plus its own keys and child keys, checked when the module is
# imported (_check_shapes) and by bindings/python/tests/test_claim_classes.py,
# so that a field added to lib/claim837_fields.def without its line here is
# named at once.
# Dates are text CCYYMMDD (times HHMM), as the guides write them.

Money = Union[int, str]
"""An amount: int cents (12500) or decimal text ("125.00"); never float."""
Entity = Literal["person", "organization"]
Kind = Literal["837P", "837I"]
DiagnosisKind = Literal["principal", "other", "admitting", "reason", "external_cause"]
CodeKind = Literal["principal_procedure", "other_procedure", "occurrence", "occurrence_span",
                   "value", "condition", "treatment", "anesthesia_procedure"]
ProviderRole = Literal["rendering", "referring", "service_facility", "attending", "operating",
                       "other_operating", "supervising", "ordering", "ambulance_pickup",
                       "ambulance_dropoff", "purchased_service", "billing", "primary_care"]

_R = TypeVar("_R", bound="_Record")


class _Record:
    """from_dict/to_dict for the dataclasses below: the dict shape is the one
    build_837() takes and read_837() yields."""

    __slots__ = ()

    @classmethod
    def from_dict(cls: Type[_R], d: Mapping[str, Any]) -> _R:
        """The dataclass of a dict of this shape (such as part of what
        read_837() yields), children made into their dataclasses.  A key
        that is not a field raises ValueError naming it; modifiers and
        pointers may be space-separated text, interchange options digits."""
        out: _R = _from_dict(cls, d, cls.__name__)
        return out

    def to_dict(self) -> Dict[str, Any]:
        """A dict of the fields that are set (not None, lists not empty),
        recursively: the shape read_837() yields."""
        out: Dict[str, Any] = _to_dict(self)
        return out


@dataclasses.dataclass
class Interchange(_Record):
    """The envelope (ISA, GS) and header (BHT) of the interchange, and the
    control numbers and settings (options, whole numbers)."""

    sender_qualifier: Optional[str] = None
    sender_id: Optional[str] = None
    receiver_qualifier: Optional[str] = None
    receiver_id: Optional[str] = None
    gs_sender: Optional[str] = None      #: GS02 application sender code
    gs_receiver: Optional[str] = None    #: GS03 application receiver code
    date: Optional[str] = None           #: CCYYMMDD
    time: Optional[str] = None           #: HHMM
    reference: Optional[str] = None      #: BHT03 batch reference
    purpose: Optional[str] = None        #: BHT02 (00 original, 18 reissue)
    transaction_type: Optional[str] = None  #: BHT06 (CH chargeable, RP reporting)
    control_number: Optional[int] = None        #: ISA13
    group_control_number: Optional[int] = None  #: GS06
    set_control_number: Optional[int] = None    #: the first ST02
    production: Optional[int] = None     #: 1: ISA15 "P", 0: "T"
    ack_requested: Optional[int] = None  #: 1: ISA14 asks for a TA1
    max_claims_per_set: Optional[int] = None


@dataclasses.dataclass
class Contact(_Record):
    """The submitter (1000A) or the receiver (1000B)."""

    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    id: Optional[str] = None
    contact: Optional[str] = None        #: PER02 contact name
    phone: Optional[str] = None
    email: Optional[str] = None
    phone_extension: Optional[str] = None  #: PER EX, right after the phone
    fax: Optional[str] = None            #: PER FX: 1000A, 2010AA, 2420E


@dataclasses.dataclass
class Address(_Record):
    """The billing provider's pay-to address (2010AB)."""

    entity: Optional[Entity] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None


@dataclasses.dataclass
class PayToPlan(_Record):
    """The billing provider's pay-to plan (2010AC): the health plan that pays
    when it is not the payer (subrogation)."""

    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    payer_id: Optional[str] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    ein: Optional[str] = None            #: REF*EI (required)
    payer_number: Optional[str] = None   #: REF*2U
    claim_office: Optional[str] = None   #: REF*FY
    naic_code: Optional[str] = None      #: REF*NF


@dataclasses.dataclass
class Payer(_Record):
    """A payer (NM1*PR): the subscriber's (2010BB) or another payer (2330B)."""

    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    payer_id: Optional[str] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    #: on the subscriber's payer (2010BB): the billing provider's number at
    #: that payer (REF*G2, REF*LU); 2330B allows none of these
    state_license: Optional[str] = None  #: REF*0B, where the loop allows it
    upin: Optional[str] = None           #: REF*1G
    commercial_id: Optional[str] = None  #: REF*G2
    location_number: Optional[str] = None  #: REF*LU
    ein: Optional[str] = None            #: REF*EI
    payer_number: Optional[str] = None   #: REF*2U payer identification number
    claim_office: Optional[str] = None   #: REF*FY claim office number
    naic_code: Optional[str] = None      #: REF*NF


@dataclasses.dataclass
class Insured(_Record):
    """The other payer's subscriber (2330A)."""

    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    member_id: Optional[str] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    birth_date: Optional[str] = None     #: CCYYMMDD
    gender: Optional[str] = None         #: F, M or U
    ssn: Optional[str] = None            #: REF*SY


@dataclasses.dataclass
class Diagnosis(_Record):
    """An ICD-10-CM diagnosis (HI); ``poa`` the 837I present-on-admission
    indicator (Y, N, U, W)."""

    code: Optional[str] = None
    kind: DiagnosisKind = "other"
    poa: Optional[str] = None


@dataclasses.dataclass
class ClaimCode(_Record):
    """An 837I procedure, occurrence, occurrence span, value, condition or
    treatment code, or an 837P anesthesia related procedure or condition
    code (HI); ``date2`` ends a span; ``amount`` is a value code's."""

    kind: Optional[CodeKind] = None
    code: Optional[str] = None
    date: Optional[str] = None           #: CCYYMMDD
    date2: Optional[str] = None          #: CCYYMMDD, the end of a span
    amount: Optional[Money] = None


@dataclasses.dataclass
class ClaimProvider(_Record):
    """A provider of a claim (2310x) or of a line (2420x) in a role; the
    ambulance pick-up and drop-off locations are roles too."""

    role: Optional[ProviderRole] = None
    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    npi: Optional[str] = None
    taxonomy: Optional[str] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    state_license: Optional[str] = None  #: REF*0B, where the loop allows it
    upin: Optional[str] = None           #: REF*1G
    commercial_id: Optional[str] = None  #: REF*G2
    location_number: Optional[str] = None  #: REF*LU
    contact: Optional[str] = None        #: PER: 837P 2310C service facility, 2420E ordering
    phone: Optional[str] = None
    email: Optional[str] = None          #: 2420E only
    phone_extension: Optional[str] = None  #: PER EX, right after the phone
    fax: Optional[str] = None            #: PER FX: 1000A, 2010AA, 2420E


@dataclasses.dataclass
class CasAdjustment(_Record):
    """An adjustment by another payer (CAS in 2320 or 2430): group (CO, PR,
    OA, PI, CR), reason (CARC), amount, quantity."""

    group: Optional[str] = None
    reason: Optional[str] = None
    amount: Optional[Money] = None
    quantity: Optional[str] = None


@dataclasses.dataclass
class LineAdjudication(_Record):
    """What another payer of the claim paid for a line (2430: SVD, CAS,
    DTP*573)."""

    payer_id: Optional[str] = None
    procedure: Optional[str] = None
    revenue_code: Optional[str] = None
    units: Optional[str] = None          #: paid units
    bundled_line: Optional[str] = None
    date: Optional[str] = None           #: adjudication date, CCYYMMDD
    paid: Optional[Money] = None
    patient_liability: Optional[Money] = None
    modifiers: List[str] = dataclasses.field(default_factory=list)
    adjustments: List[CasAdjustment] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class OtherPayer(_Record):
    """Another payer of the claim (2320/2330): coordination of benefits.
    ``responsibility`` is its SBR01 (P, S, T, ...), ``relationship`` the
    patient's to its subscriber."""

    responsibility: Optional[str] = None
    relationship: Optional[str] = None
    group_number: Optional[str] = None
    insurance_type: Optional[str] = None
    filing_indicator: Optional[str] = None
    benefits_assignment: Optional[str] = None
    release: Optional[str] = None
    adjudication_date: Optional[str] = None  #: CCYYMMDD
    prior_authorization: Optional[str] = None  #: 2330B REF*G1
    referral: Optional[str] = None       #: 2330B REF*9F
    claim_adjustment_indicator: Optional[str] = None  #: 2330B REF*T4: Y
    payer_claim_number: Optional[str] = None  #: 2330B REF*F8, the other payer's claim number
    paid: Optional[Money] = None
    patient_liability: Optional[Money] = None
    group_name: Optional[str] = None         #: SBR04
    patient_signature: Optional[str] = None  #: 837P OI04
    noncovered: Optional[Money] = None       #: AMT*A8
    #: outpatient adjudication (MOA); remarks space-separated, at most 5
    reimbursement_rate: Optional[str] = None
    outpatient_remarks: Optional[str] = None
    hcpcs_payable: Optional[Money] = None
    esrd_payment: Optional[Money] = None
    outpatient_professional_nonpayable: Optional[Money] = None
    #: 837I inpatient adjudication (MIA): covered_days (MIA01) required with it
    covered_days: Optional[str] = None
    lifetime_psychiatric_days: Optional[str] = None
    cost_report_days: Optional[str] = None
    inpatient_remarks: Optional[str] = None
    pps_operating_outlier: Optional[Money] = None
    drg_amount: Optional[Money] = None
    disproportionate_share: Optional[Money] = None
    msp_pass_through: Optional[Money] = None
    pps_capital: Optional[Money] = None
    pps_capital_fsp_drg: Optional[Money] = None
    pps_capital_hsp_drg: Optional[Money] = None
    pps_capital_dsh_drg: Optional[Money] = None
    old_capital: Optional[Money] = None
    pps_capital_ime: Optional[Money] = None
    pps_operating_hsp_drg: Optional[Money] = None
    pps_operating_fsp_drg: Optional[Money] = None
    pps_capital_outlier: Optional[Money] = None
    indirect_teaching: Optional[Money] = None
    inpatient_professional_nonpayable: Optional[Money] = None
    pps_capital_exception: Optional[Money] = None
    subscriber: Optional[Insured] = None
    payer: Optional[Payer] = None
    adjustments: List[CasAdjustment] = dataclasses.field(default_factory=list)
    #: 2330C-I: the other payer's ids of the claim's providers (role, entity
    #: and the secondary ids only)
    providers: List[ClaimProvider] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Attachment(_Record):
    """Paperwork sent for a claim or a line (PWK): report type,
    transmission code, control number."""

    report_type: Optional[str] = None
    transmission: Optional[str] = None
    control_number: Optional[str] = None


@dataclasses.dataclass
class ServiceLine(_Record):
    """A service line (2400): SV1 (837P) or SV2 (837I), its dates,
    references, drug (LIN/CTP), ambulance data, providers (2420x),
    adjudications by other payers (2430) and attachments."""

    procedure: Optional[str] = None
    revenue_code: Optional[str] = None   #: 837I
    unit: Optional[str] = None           #: UN units, MJ minutes
    units: Optional[str] = None
    place_of_service: Optional[str] = None
    emergency: Optional[str] = None
    patient_weight: Optional[str] = None
    transport_reason: Optional[str] = None
    transport_miles: Optional[str] = None
    round_trip_purpose: Optional[str] = None
    stretcher_purpose: Optional[str] = None
    ambulance_conditions_met: Optional[str] = None
    ambulance_conditions_unmet: Optional[str] = None
    service_from: Optional[str] = None   #: CCYYMMDD
    service_to: Optional[str] = None     #: CCYYMMDD
    ambulance_patients: Optional[str] = None
    control_number: Optional[str] = None  #: REF*6R line item control number
    purchased_service_id: Optional[str] = None
    note_code: Optional[str] = None      #: 837P NTE01: ADD or DCP
    note: Optional[str] = None           #: 837P line note (NTE02)
    third_party_note: Optional[str] = None  #: NTE*TPO
    prescription_date: Optional[str] = None  #: 837P line dates (DTP, CCYYMMDD)
    recertification_date: Optional[str] = None
    begin_therapy_date: Optional[str] = None
    last_certification_date: Optional[str] = None
    last_seen_date: Optional[str] = None
    hemoglobin_test_date: Optional[str] = None
    creatinine_test_date: Optional[str] = None
    shipped_date: Optional[str] = None
    last_xray_date: Optional[str] = None
    initial_treatment_date: Optional[str] = None
    obstetric_units: Optional[str] = None  #: 837P QTY*FL
    repriced_line_number: Optional[str] = None  #: REF*9B
    adjusted_repriced_line_number: Optional[str] = None  #: REF*9D
    prior_authorization: Optional[str] = None  #: 837P REF*G1, space-separated
    mammography_certification: Optional[str] = None
    clia_number: Optional[str] = None
    referring_clia_number: Optional[str] = None  #: 837P REF*F4
    immunization_batch: Optional[str] = None
    referral: Optional[str] = None       #: 837P REF*9F, space-separated
    ndc: Optional[str] = None
    ndc_quantity: Optional[str] = None
    ndc_unit: Optional[str] = None
    form_type: Optional[str] = None      #: 837P LQ01 (AS or UT)
    form_id: Optional[str] = None        #: 837P LQ02
    #: 837P FRM: "question:kind:value;..." (kind R, T, D or P: FRM02-05)
    form_answers: Optional[str] = None
    charge: Optional[Money] = None
    noncovered: Optional[Money] = None
    purchased_service_charge: Optional[Money] = None
    sales_tax: Optional[Money] = None    #: 837P AMT*T
    postage: Optional[Money] = None      #: 837P AMT*F4
    service_tax: Optional[Money] = None  #: 837I AMT*GT
    facility_tax: Optional[Money] = None  #: 837I AMT*N8
    #: contract (837P CN1) and repricing (HCP) information
    contract_type: Optional[str] = None
    contract_percent: Optional[str] = None
    contract_code: Optional[str] = None
    terms_discount_percent: Optional[str] = None
    contract_version: Optional[str] = None
    pricing_methodology: Optional[str] = None
    repricing_org_id: Optional[str] = None
    repricing_rate: Optional[str] = None
    repriced_apg_code: Optional[str] = None
    repricing_reject_reason: Optional[str] = None
    policy_compliance: Optional[str] = None
    repricing_exception: Optional[str] = None
    repriced_procedure_qualifier: Optional[str] = None
    repriced_procedure: Optional[str] = None
    repriced_unit: Optional[str] = None
    repriced_units: Optional[str] = None
    prescription_number: Optional[str] = None  #: 2410 REF*XZ
    drug_link_sequence: Optional[str] = None  #: 2410 REF*VY
    hospice_employee: Optional[str] = None  #: 837P CRC*70
    dme_condition: Optional[str] = None  #: 837P CRC*09 CRC02
    dme_conditions: Optional[str] = None  #: 837P CRC*09 CRC03-04, space-separated
    contract_amount: Optional[Money] = None
    repriced_allowed: Optional[Money] = None
    repriced_saving: Optional[Money] = None
    repriced_apg_amount: Optional[Money] = None
    dme_procedure: Optional[str] = None   #: 837P SV501-2
    dme_days: Optional[str] = None        #: 837P SV503, length of medical necessity
    dme_rental_price: Optional[Money] = None  #: 837P SV504
    dme_purchase_price: Optional[Money] = None  #: 837P SV505
    dme_frequency: Optional[str] = None   #: 837P SV506: 1 weekly, 4 monthly, 6 daily
    #: 837P MEA, at most 5: "TR:R1:12.5 OG:HT:60" (MEA01:MEA02:value each)
    test_results: Optional[str] = None
    dme_certification_type: Optional[str] = None  #: 837P CR301: I, R or S
    dme_certification_months: Optional[str] = None  #: 837P CR303 (CR302 MO)
    dme_cmn_transmission: Optional[str] = None  #: 837P PWK02 of PWK*CT
    #: 837P K3 file information, as Claim837.file_information
    file_information: Optional[str] = None
    modifiers: List[str] = dataclasses.field(default_factory=list)
    pointers: List[int] = dataclasses.field(default_factory=list)  #: diagnoses, from 1
    providers: List[ClaimProvider] = dataclasses.field(default_factory=list)
    adjudications: List[LineAdjudication] = dataclasses.field(default_factory=list)
    attachments: List[Attachment] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Claim837(_Record):
    """An 837P or 837I claim (2300) with its diagnoses, codes, providers,
    other payers, lines and attachments: what build_837() takes and what
    read_837(as_dataclass=True) yields.  Dates are CCYYMMDD, hours HHMM."""

    pcn: Optional[str] = None            #: patient control number (CLM01)
    place_of_service: Optional[str] = None
    frequency: Optional[str] = None      #: claim frequency code (1, 7, 8)
    bill_type: Optional[str] = None      #: 837I facility type + frequency
    provider_signature: Optional[str] = None
    assignment: Optional[str] = None
    benefits_assignment: Optional[str] = None
    release: Optional[str] = None
    related_causes: Optional[str] = None
    accident_state: Optional[str] = None
    delay_reason: Optional[str] = None
    onset_date: Optional[str] = None
    initial_treatment_date: Optional[str] = None
    last_seen_date: Optional[str] = None
    acute_manifestation_date: Optional[str] = None
    accident_date: Optional[str] = None
    last_menstrual_period: Optional[str] = None
    last_xray_date: Optional[str] = None
    prescription_date: Optional[str] = None  #: hearing and vision prescription
    last_worked_date: Optional[str] = None
    return_to_work_date: Optional[str] = None
    admission_date: Optional[str] = None
    first_contact_date: Optional[str] = None  #: property and casualty
    repricer_received_date: Optional[str] = None
    service_from: Optional[str] = None
    service_to: Optional[str] = None
    admission_hour: Optional[str] = None
    discharge_hour: Optional[str] = None
    admission_type: Optional[str] = None
    admission_source: Optional[str] = None
    patient_status: Optional[str] = None
    mammography_certification: Optional[str] = None
    referral: Optional[str] = None
    prior_authorization: Optional[str] = None
    payer_claim_number: Optional[str] = None
    clia_number: Optional[str] = None
    repriced_claim_number: Optional[str] = None
    adjusted_repriced_claim_number: Optional[str] = None
    intermediary_claim_id: Optional[str] = None
    medical_record: Optional[str] = None
    demonstration_project: Optional[str] = None
    note_code: Optional[str] = None      #: NTE01, the guide's code
    note: Optional[str] = None           #: the claim note (NTE02)
    billing_note: Optional[str] = None   #: 837I NTE*ADD
    patient_signature: Optional[str] = None  #: 837P CLM10
    authorization_exception: Optional[str] = None  #: REF*4N
    medicare_crossover: Optional[str] = None  #: 837P REF*F5
    care_plan_oversight: Optional[str] = None  #: 837P REF*1J
    pro_approval_number: Optional[str] = None  #: 837I REF*G4
    #: contract (CN1) and repricing (HCP) information
    contract_type: Optional[str] = None
    contract_percent: Optional[str] = None
    contract_code: Optional[str] = None
    terms_discount_percent: Optional[str] = None
    contract_version: Optional[str] = None
    pricing_methodology: Optional[str] = None
    repricing_org_id: Optional[str] = None
    repricing_rate: Optional[str] = None
    repriced_apg_code: Optional[str] = None
    repricing_reject_reason: Optional[str] = None
    policy_compliance: Optional[str] = None
    repricing_exception: Optional[str] = None
    homebound: Optional[str] = None      #: 837P CRC*75: Y
    epsdt_referral: Optional[str] = None  #: CRC*ZZ CRC02
    epsdt_conditions: Optional[str] = None  #: CRC*ZZ CRC03-05, space-separated
    spinal_condition: Optional[str] = None  #: 837P CR208: A or M
    spinal_description: Optional[str] = None  #: 837P CR210
    spinal_description2: Optional[str] = None  #: 837P CR211
    vision_lenses: Optional[str] = None  #: 837P CRC*E1 CRC02: Y or N
    vision_lenses_conditions: Optional[str] = None  #: CRC*E1 CRC03-07: L1-L5, space-separated
    vision_contacts: Optional[str] = None  #: 837P CRC*E2 CRC02
    vision_contacts_conditions: Optional[str] = None  #: CRC*E2 CRC03-07
    vision_frames: Optional[str] = None  #: 837P CRC*E3 CRC02
    vision_frames_conditions: Optional[str] = None  #: CRC*E3 CRC03-07
    special_program: Optional[str] = None  #: 837P CLM12: 02, 03, 05 or 09
    #: K3 file information, at most 10 texts of 1-80 characters joined by
    #: "\n" ("FIRST TEXT\nSECOND TEXT"); a dict may give a list of texts
    file_information: Optional[str] = None
    contract_amount: Optional[Money] = None
    repriced_allowed: Optional[Money] = None
    repriced_saving: Optional[Money] = None
    repriced_apg_amount: Optional[Money] = None
    ide_numbers: Optional[str] = None    #: REF*LX, space-separated
    disability_from: Optional[str] = None  #: 837P DTP*314/360
    disability_to: Optional[str] = None  #: 837P DTP*314/361
    discharge_date: Optional[str] = None  #: 837P DTP*096
    assumed_care_date: Optional[str] = None  #: 837P DTP*090
    relinquished_care_date: Optional[str] = None  #: 837P DTP*091
    drg: Optional[str] = None            #: 837I
    patient_weight: Optional[str] = None  #: 837P ambulance (CR1)
    transport_reason: Optional[str] = None
    transport_miles: Optional[str] = None
    round_trip_purpose: Optional[str] = None
    stretcher_purpose: Optional[str] = None
    ambulance_conditions_met: Optional[str] = None  #: CRC*07 codes
    ambulance_conditions_unmet: Optional[str] = None
    total_charge: Optional[Money] = None
    patient_paid: Optional[Money] = None
    patient_estimated_due: Optional[Money] = None
    diagnoses: List[Diagnosis] = dataclasses.field(default_factory=list)
    codes: List[ClaimCode] = dataclasses.field(default_factory=list)
    providers: List[ClaimProvider] = dataclasses.field(default_factory=list)
    other_payers: List[OtherPayer] = dataclasses.field(default_factory=list)
    lines: List[ServiceLine] = dataclasses.field(default_factory=list)
    attachments: List[Attachment] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Patient(_Record):
    """A patient who is not the subscriber (2000C/2010CA), with their
    claims; ``relationship`` is PAT01 (the patient's to the subscriber)."""

    relationship: Optional[str] = None
    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    birth_date: Optional[str] = None     #: CCYYMMDD
    gender: Optional[str] = None
    ssn: Optional[str] = None            #: REF*SY
    pc_claim_number: Optional[str] = None  #: REF*Y4 property and casualty claim number
    pc_member_id: Optional[str] = None   #: REF*1W (the patient's, 2010CA)
    contact: Optional[str] = None        #: PER (837P property and casualty contact)
    phone: Optional[str] = None
    email: Optional[str] = None          #: not used: that PER takes a phone only
    phone_extension: Optional[str] = None  #: PER EX, right after the phone
    fax: Optional[str] = None            #: not used: that PER takes a phone only
    death_date: Optional[str] = None     #: 837P PAT06 CCYYMMDD
    weight: Optional[str] = None         #: 837P PAT08, pounds
    pregnant: Optional[str] = None       #: 837P PAT09 "Y"
    claims: List[Claim837] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Subscriber(_Record):
    """A subscriber (2000B/2010BA) with the payer (2010BB), the claims of
    the subscriber as patient and the other patients."""

    responsibility: Optional[str] = None  #: SBR01 payer responsibility (P, S, T, ...)
    group_number: Optional[str] = None
    group_name: Optional[str] = None
    insurance_type: Optional[str] = None
    filing_indicator: Optional[str] = None  #: SBR09 (CI, MB, MC, ...)
    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    member_id: Optional[str] = None
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    birth_date: Optional[str] = None     #: CCYYMMDD
    gender: Optional[str] = None
    ssn: Optional[str] = None            #: REF*SY
    pc_claim_number: Optional[str] = None  #: REF*Y4 property and casualty claim number
    pc_member_id: Optional[str] = None   #: REF*1W (the patient's, 2010CA)
    contact: Optional[str] = None        #: PER (837P property and casualty contact)
    phone: Optional[str] = None
    email: Optional[str] = None          #: not used: that PER takes a phone only
    phone_extension: Optional[str] = None  #: PER EX, right after the phone
    fax: Optional[str] = None            #: not used: that PER takes a phone only
    death_date: Optional[str] = None     #: 837P PAT06 CCYYMMDD
    weight: Optional[str] = None         #: 837P PAT08, pounds
    pregnant: Optional[str] = None       #: 837P PAT09 "Y"
    payer: Optional[Payer] = None
    claims: List[Claim837] = dataclasses.field(default_factory=list)
    patients: List[Patient] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class BillingProvider(_Record):
    """A billing provider (2000A/2010AA) with its pay-to address (2010AB)
    and subscribers."""

    entity: Optional[Entity] = None
    name: Optional[str] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    suffix: Optional[str] = None
    npi: Optional[str] = None
    ein: Optional[str] = None
    ssn: Optional[str] = None
    taxonomy: Optional[str] = None
    currency: Optional[str] = None       #: CUR02: ISO 4217 code, when not USD
    address1: Optional[str] = None
    address2: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    zip: Optional[str] = None
    contact: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None
    phone_extension: Optional[str] = None  #: PER EX, right after the phone
    fax: Optional[str] = None            #: PER FX: 1000A, 2010AA, 2420E
    state_license: Optional[str] = None  #: REF*0B, 837P only
    upin: Optional[str] = None           #: REF*1G
    commercial_id: Optional[str] = None  #: REF*G2
    location_number: Optional[str] = None  #: REF*LU
    pay_to: Optional[Address] = None
    pay_to_plan: Optional[PayToPlan] = None
    subscribers: List[Subscriber] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Encounters(_Record):
    """Everything one interchange carries: what build_837() takes, and (with
    one claim) what read_837(as_dataclass=True) yields."""

    kind: Kind = "837P"
    interchange: Optional[Interchange] = None
    submitter: Optional[Contact] = None
    receiver: Optional[Contact] = None
    providers: List[BillingProvider] = dataclasses.field(default_factory=list)

    def claims(self) -> List[Claim837]:
        """Every claim in the tree, in order: each subscriber's own, then
        its patients'."""
        return [c for p in self.providers for s in p.subscribers
                for c in s.claims + [c2 for pt in s.patients for c2 in pt.claims]]


CLAIM_DATACLASSES = (Encounters, Interchange, Contact, BillingProvider, Address, PayToPlan,
                     Subscriber, Payer, Patient, Claim837, Diagnosis, ClaimCode, ClaimProvider,
                     OtherPayer, Insured, CasAdjustment, ServiceLine, LineAdjudication,
                     Attachment)
__all__ += [c.__name__ for c in CLAIM_DATACLASSES]
__all__ += ["Money", "Entity", "Kind", "DiagnosisKind", "CodeKind", "ProviderRole"]

# A party's fields by what the party is (the field table's groups): together
# they are every party field but the id, which each party names by role.
_PARTY_GROUPS = {"name": _NAME, "address": _ADDRESS, "contact": _CONTACT,
                 "demographics": _DEMOGRAPHICS, "tax_id": ("ein",), "ssn": ("ssn",),
                 "taxonomy": ("taxonomy",),
                 "secondary": ("state_license", "upin", "commercial_id", "location_number"),
                 "payer_ids": ("payer_number", "claim_office", "naic_code"),
                 "pc": ("pc_claim_number", "pc_member_id"),
                 "patient_info": _PATIENT_INFO, "currency": ("currency",)}

# What each class is made of: field table objects (_CO), party groups,
# then its own keys (named by the class, not the table) and its children.
_SHAPES: Dict[type, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]] = {
    Interchange: (("batch", "option"), (), ()),
    Contact: ((), ("name", "contact"), ("id",)),
    Address: ((), ("address",), ("entity",)),
    Payer: ((), ("name", "address", "secondary", "tax_id", "payer_ids"), ("payer_id",)),
    Insured: ((), ("name", "address", "demographics", "ssn"), ("member_id",)),
    Diagnosis: ((), (), ("code", "kind", "poa")),
    ClaimCode: ((), (), ("kind", "code", "date", "date2", "amount")),
    ClaimProvider: ((), ("name", "address", "taxonomy", "secondary", "contact"),
                    ("role", "npi")),
    CasAdjustment: ((), (), ("group", "reason", "amount", "quantity")),
    LineAdjudication: (("adjudication", "adjudication_amount"), (),
                       ("modifiers", "adjustments")),
    OtherPayer: (("other_payer", "other_payer_amount"), (), ("subscriber", "payer",
                                                            "adjustments", "providers")),
    Attachment: (("attachment",), (), ()),
    ServiceLine: (("line", "line_amount"), (), ("modifiers", "pointers", "providers",
                                               "adjudications", "attachments")),
    Claim837: (("claim", "claim_amount"), (), ("diagnoses", "codes", "providers",
                                              "other_payers", "lines", "attachments")),
    Patient: ((), ("name", "address", "demographics", "ssn", "pc", "contact", "patient_info"),
              ("relationship", "claims")),
    Subscriber: (("subscriber",), ("name", "address", "demographics", "ssn", "pc", "contact",
                                   "patient_info"),
                 ("member_id", "payer", "claims", "patients")),
    BillingProvider: ((), ("name", "tax_id", "ssn", "taxonomy", "address", "contact",
                           "secondary", "currency"),
                      ("npi", "pay_to", "pay_to_plan", "subscribers")),
    PayToPlan: ((), ("name", "address", "tax_id", "payer_ids"), ("payer_id",)),
    Encounters: ((), (), ("kind", "interchange", "submitter", "receiver", "providers")),
}


def _shape_mismatches(names: Callable[[str], Iterable[str]]) -> List[str]:
    """What differs between the dataclasses and the field table, one text
    per field ("Claim837: the field table's 'drg' has no field"), given
    names(object) -> the table's names of a _CO object (the party's
    without "id").  Empty when they agree."""
    out = []
    party = set(names("party"))
    grouped = {n for g in _PARTY_GROUPS.values() for n in g} - {"entity"}
    out += ["party: the field table's %r is in no party group (claims._PARTY_GROUPS)" % n
            for n in sorted(party - grouped)]
    out += ["party: %r is in a party group but not in the field table" % n
            for n in sorted(grouped - party)]
    for cls, (objects, groups, own) in _SHAPES.items():
        want: Dict[str, str] = {}
        for o in objects:
            want.update((n, "the field table's") for n in names(o))
        for g in groups:
            want.update((n, "the party's") for n in _PARTY_GROUPS[g] if n == "entity" or
                        n in party)
        want.update((n, "its own") for n in own)
        have = [f.name for f in dataclasses.fields(cls)]
        out += ["%s: %s %r has no field" % (cls.__name__, why, n)
                for n, why in want.items() if n not in have]
        out += ["%s: field %r is not in the field table nor the class's own keys"
                % (cls.__name__, n) for n in have if n not in want]
    return out


def _table_names(obj: str) -> Iterable[str]:
    return [n for n in _names(obj) if not (obj == "party" and n == "id")]


def _check_shapes() -> None:
    """Every class against the loaded library's field table.  With the
    library of this very version a mismatch is a bug of the bindings
    (AssertionError at import); another library (newer: fields appended)
    gets a warning, the fields it has and the classes lack are not reachable
    through them (dicts still reach them)."""
    bad = _shape_mismatches(_table_names)
    if not bad:
        return
    msg = "libx12.claims dataclasses and the field table differ:\n  " + "\n  ".join(bad)
    from . import __version__
    got = lib.x12_version()
    if got is not None and got.decode("ascii") == __version__:
        raise AssertionError(msg)
    warnings.warn(msg, RuntimeWarning, stacklevel=2)


def _children(cls: type) -> Dict[str, Tuple[type, bool]]:
    """{field: (dataclass, is a list)} of the fields that hold dataclasses."""
    out = {}
    for name, t in get_type_hints(cls).items():
        args = get_args(t)
        inner = args[0] if args else None
        if get_origin(t) is list and isinstance(inner, type) and issubclass(inner, _Record):
            out[name] = (inner, True)
        elif get_origin(t) is Union and isinstance(inner, type) and issubclass(inner, _Record):
            out[name] = (inner, False)
    return out


_CHILDREN = {cls: _children(cls) for cls in CLAIM_DATACLASSES}
_FIELD_NAMES = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in CLAIM_DATACLASSES}
_FIELD_SETS = {cls: frozenset(names) for cls, names in _FIELD_NAMES.items()}
_OPTION_FIELDS = frozenset(_BATCH_OPTIONS)


def _from_dict(cls: Any, d: Any, path: str) -> Any:
    if isinstance(d, cls):
        return d
    if not isinstance(d, Mapping):
        raise TypeError("%s: expected a dict, got %s" % (path, type(d).__name__))
    if not _FIELD_SETS[cls].issuperset(d):
        _known(d, _FIELD_NAMES[cls], path)
    kids = _CHILDREN[cls]
    kw: Dict[str, Any] = {}
    for k, v in d.items():
        if v is None:
            continue
        if k in kids:
            sub, many = kids[k]
            if many:
                kw[k] = [_from_dict(sub, x, "%s.%s[%d]" % (path, k, i))
                         for i, x in enumerate(v, 1)]
            else:
                kw[k] = _from_dict(sub, v, "%s.%s" % (path, k))
        elif k == "modifiers":
            kw[k] = _words(v)
        elif k == "pointers":
            kw[k] = [_count(p, path + ".pointers", ctypes.c_uint) for p in _words(v)]
        elif cls is Interchange and k in _OPTION_FIELDS:
            kw[k] = _count(v, "%s.%s" % (path, k), ctypes.c_uint64)
        else:
            kw[k] = v
    return cls(**kw)


def _to_dict(obj: Any) -> Any:
    if isinstance(obj, _Record):
        out = {}
        for name in _FIELD_NAMES[type(obj)]:
            v = _to_dict(getattr(obj, name))
            if v is not None and v != []:
                out[name] = v
        return out
    if isinstance(obj, list):
        return [_to_dict(v) for v in obj]
    return obj


def _plain(obj: Any) -> Any:
    """A dataclass (or dict) as a dict, None values left out, recursively."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if getattr(obj, f.name) is not None}
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


# ---- building ---------------------------------------------------------------------


def _b(v, path):
    """Text for C: str (UTF-8), bytes, or an int written in decimal; no NUL."""
    if isinstance(v, bool) or not isinstance(v, (str, int, bytes)):
        raise TypeError("%s: expected text, got %s" % (path, type(v).__name__))
    return text_arg(v if isinstance(v, (str, bytes)) else str(v), path)


_DIGITS = re.compile(r"[0-9]+")


def _count(v, path, ctype):
    """A whole number for C: an int (not bool or float), or ASCII digits as
    the XML format writes it, checked against ``ctype``."""
    if isinstance(v, str):
        if not _DIGITS.fullmatch(v):
            raise ValueError("%s: not a whole number" % path)
        v = int(v)
    return int_arg(v, path, ctype)


def _ok(st, path):
    if st != _X12_OK:
        raise X12Error(st, "%s: the library refused the value" % path)


def _known(d, allowed, path):
    if not isinstance(d, dict):
        raise TypeError("%s: expected a dict or dataclass, got %s" % (path, type(d).__name__))
    bad = sorted(set(d) - set(allowed))
    if bad:
        raise ValueError("%s: unknown field%s %s" % (path, "s" if len(bad) > 1 else "",
                                                      ", ".join(map(repr, bad))))


def _party(p, d, path, idname, extra=()):
    if not p:
        raise X12Error(3, "out of memory")
    _known(d, set(_PARTY) | {"entity"} | ({idname} if idname else set()) | set(extra), path)
    for k, v in d.items():
        if k == idname:
            t = _b(v, path + "." + k)
            _ok(lib.x12_party_set(p, _PARTY_ID, t, len(t)), path + "." + k)
        elif k in _PARTY:
            t = _b(v, path + "." + k)
            _ok(lib.x12_party_set(p, _PARTY[k], t, len(t)), path + "." + k)
        elif k == "entity":
            if v not in _ENTITY:
                raise ValueError("%s.entity: 'person' or 'organization'" % path)
            _ok(lib.x12_party_set_entity(p, _ENTITY[v]), path + ".entity")


# Fields that hold newline-separated texts: a dict may give them as a list.
_TEXT_LISTS = frozenset({"file_information"})


def _joined(v, path):
    """A list of texts as one newline-separated text; no text may hold a
    newline (it would become two)."""
    out = []
    for i, item in enumerate(v):
        if not isinstance(item, str):
            raise TypeError("%s[%d]: expected text, got %s" % (path, i, type(item).__name__))
        if "\n" in item:
            raise ValueError("%s[%d]: a text may not hold a newline" % (path, i))
        out.append(item)
    return "\n".join(out)


def _fields(setter, h, d, table, path):
    for k, v in d.items():
        if k in table:
            if k in _TEXT_LISTS and isinstance(v, (list, tuple)):
                v = _joined(v, path + "." + k)
            t = _b(v, path + "." + k)
            _ok(setter(h, table[k], t, len(t)), path + "." + k)


def _new(adder, parent):
    h = ctypes.c_void_p()
    _ok(adder(parent, ctypes.byref(h)), "add")
    return h


def _words(v):
    return v.split() if isinstance(v, str) else list(v)


def _adjustments(adder, h, items, path):
    for i, a in enumerate(items, 1):
        ap = "%s.adjustment[%d]" % (path, i)
        _known(a, ("group", "reason", "amount", "quantity"), ap)
        q = a.get("quantity")
        _ok(adder(h, _b(a.get("group", ""), ap), _b(a.get("reason", ""), ap),
                  cents_arg(a.get("amount", 0), ap + ".amount"),
                  _b(q, ap) if q is not None else None), ap)


def _adjudication(ln, d, path):
    _known(d, set(_LA) | set(_LA_AMOUNTS) | {"modifiers", "adjustments"}, path)
    a = _new(lib.x12_line_add_adjudication, ln)
    _fields(lib.x12_line_adjudication_set, a, d, _LA, path)
    for k, f in _LA_AMOUNTS.items():
        if k in d:
            _ok(lib.x12_line_adjudication_set_amount(a, f, cents_arg(d[k], path + "." + k)),
                path + "." + k)
    for m in _words(d.get("modifiers", ())):
        t = _b(m, path + ".modifiers")
        _ok(lib.x12_line_adjudication_add_modifier(a, t, len(t)), path + ".modifiers")
    _adjustments(lib.x12_line_adjudication_add_adjustment, a, d.get("adjustments", ()), path)


def _attachments(adder, h, items, path):
    for i, a in enumerate(items, 1):
        ap = "%s.attachment[%d]" % (path, i)
        _known(a, _ATT, ap)
        _fields(lib.x12_attachment_set, _new(adder, h), a, _ATT, ap)


def _line(c, d, path):
    _known(d, set(_LINE) | set(_LINE_AMOUNTS) |
           {"modifiers", "pointers", "providers", "adjudications", "attachments"}, path)
    ln = _new(lib.x12_claim_add_line, c)
    _fields(lib.x12_line_set, ln, d, _LINE, path)
    for k, f in _LINE_AMOUNTS.items():
        if k in d:
            _ok(lib.x12_line_set_amount(ln, f, cents_arg(d[k], path + "." + k)), path + "." + k)
    for m in _words(d.get("modifiers", ())):
        t = _b(m, path + ".modifiers")
        _ok(lib.x12_line_add_modifier(ln, t, len(t)), path + ".modifiers")
    for p in _words(d.get("pointers", ())):
        n = _count(p, path + ".pointers", ctypes.c_uint)
        _ok(lib.x12_line_add_pointer(ln, n), path + ".pointers")
    for i, pr in enumerate(d.get("providers", ()), 1):
        pp = "%s.provider[%d]" % (path, i)
        if not isinstance(pr, dict) or pr.get("role") not in _LINE_ROLE:
            raise ValueError("%s.role: one of %s" % (pp, ", ".join(_LINE_ROLE)))
        rest = {k: v for k, v in pr.items() if k != "role"}
        _party(lib.x12_line_provider(ln, _LINE_ROLE[pr["role"]]), rest, pp, "npi")
    for i, a in enumerate(d.get("adjudications", ()), 1):
        _adjudication(ln, a, "%s.adjudication[%d]" % (path, i))
    _attachments(lib.x12_line_add_attachment, ln, d.get("attachments", ()), path)


def _other_payer(c, d, path):
    _known(d, set(_OP) | set(_OP_AMOUNTS) | {"subscriber", "payer", "adjustments", "providers"},
           path)
    op = _new(lib.x12_claim_add_other_payer, c)
    _fields(lib.x12_other_payer_set, op, d, _OP, path)
    for k, f in _OP_AMOUNTS.items():
        if k in d:
            _ok(lib.x12_other_payer_set_amount(op, f, cents_arg(d[k], path + "." + k)),
                path + "." + k)
    if "subscriber" in d:
        _party(lib.x12_other_payer_subscriber(op), d["subscriber"], path + ".subscriber",
               "member_id")
    if "payer" in d:
        _party(lib.x12_other_payer_payer(op), d["payer"], path + ".payer", "payer_id")
    _adjustments(lib.x12_other_payer_add_adjustment, op, d.get("adjustments", ()), path)
    for i, pr in enumerate(d.get("providers", ()), 1):
        pp = "%s.provider[%d]" % (path, i)
        if not isinstance(pr, dict) or pr.get("role") not in _OP_ROLE:
            raise ValueError("%s.role: one of %s" % (pp, ", ".join(_OP_ROLE)))
        rest = {k: v for k, v in pr.items() if k != "role"}
        _party(lib.x12_other_payer_provider(op, _OP_ROLE[pr["role"]]), rest, pp, None)


def _claim(c, d, path):
    _known(d, set(_CLAIM) | set(_CLAIM_AMOUNTS) |
           {"diagnoses", "codes", "providers", "other_payers", "lines", "attachments"}, path)
    _fields(lib.x12_claim_set, c, d, _CLAIM, path)
    for k, f in _CLAIM_AMOUNTS.items():
        if k in d:
            _ok(lib.x12_claim_set_amount(c, f, cents_arg(d[k], path + "." + k)), path + "." + k)
    for i, dx in enumerate(d.get("diagnoses", ()), 1):
        dp = "%s.diagnosis[%d]" % (path, i)
        _known(dx, ("code", "kind", "poa"), dp)
        kind = dx.get("kind", "other")
        if kind not in _DX:
            raise ValueError("%s.kind: one of %s" % (dp, ", ".join(_DX)))
        code = _b(dx.get("code", ""), dp + ".code")
        poa = dx.get("poa")
        poa_b = _b(poa, dp + ".poa")[:1] if poa else b"\0"
        _ok(lib.x12_claim_add_diagnosis(c, _DX[kind], code, len(code), poa_b), dp)
    for i, cd in enumerate(d.get("codes", ()), 1):
        cp = "%s.code[%d]" % (path, i)
        _known(cd, ("kind", "code", "date", "date2", "amount"), cp)
        if cd.get("kind") not in _CODE:
            raise ValueError("%s.kind: one of %s" % (cp, ", ".join(_CODE)))
        code = _b(cd.get("code", ""), cp + ".code")
        d1 = _b(cd["date"], cp) if cd.get("date") is not None else None
        d2 = _b(cd["date2"], cp) if cd.get("date2") is not None else None
        amt = cents_arg(cd["amount"], cp + ".amount") if "amount" in cd else 0
        _ok(lib.x12_claim_add_code(c, _CODE[cd["kind"]], code, len(code), d1,
                                   len(d1) if d1 else 0, d2, len(d2) if d2 else 0, amt), cp)
    for i, pr in enumerate(d.get("providers", ()), 1):
        pp = "%s.provider[%d]" % (path, i)
        if not isinstance(pr, dict) or pr.get("role") not in _ROLE:
            raise ValueError("%s.role: one of %s" % (pp, ", ".join(_ROLE)))
        rest = {k: v for k, v in pr.items() if k != "role"}
        _party(lib.x12_claim_provider(c, _ROLE[pr["role"]]), rest, pp, "npi")
    for i, op in enumerate(d.get("other_payers", ()), 1):
        _other_payer(c, op, "%s.other_payer[%d]" % (path, i))
    _attachments(lib.x12_claim_add_attachment, c, d.get("attachments", ()), path)
    for i, ln in enumerate(d.get("lines", ()), 1):
        _line(c, ln, "%s.line[%d]" % (path, i))


def _subscriber(bp, d, path, counter):
    _known(d, set(_SUB) | set(_PARTY) | {"entity", "member_id", "payer", "claims", "patients"},
           path)
    s = _new(lib.x12_billing_provider_add_subscriber, bp)
    _fields(lib.x12_subscriber_set, s, d, _SUB, path)
    _party(lib.x12_subscriber_party(s),
           {k: v for k, v in d.items() if k not in _SUB and k not in
            ("payer", "claims", "patients")}, path, "member_id")
    if "payer" in d:
        _party(lib.x12_subscriber_payer(s), d["payer"], path + ".payer", "payer_id")
    for cd in d.get("claims", ()):
        counter[0] += 1
        _claim(_new(lib.x12_subscriber_add_claim, s), cd, "claim[%d]" % counter[0])
    for i, pd in enumerate(d.get("patients", ()), 1):
        pp = "%s.patient[%d]" % (path, i)
        pt = _new(lib.x12_subscriber_add_patient, s)
        if "relationship" in pd:
            t = _b(pd["relationship"], pp + ".relationship")
            _ok(lib.x12_patient_set_relationship(pt, t, len(t)), pp + ".relationship")
        _party(lib.x12_patient_party(pt),
               {k: v for k, v in pd.items() if k not in ("relationship", "claims")}, pp, None)
        for cd in pd.get("claims", ()):
            counter[0] += 1
            _claim(_new(lib.x12_patient_add_claim, pt), cd, "claim[%d]" % counter[0])


def _fill(b, d):
    _known(d, ("kind", "interchange", "submitter", "receiver", "providers"), "encounters")
    ic = d.get("interchange", {})
    _known(ic, set(_BATCH) | set(_BATCH_OPTIONS), "interchange")
    _fields(lib.x12_batch_set, b, ic, _BATCH, "interchange")
    for k, f in _BATCH_OPTIONS.items():
        if k in ic:
            n = _count(ic[k], "interchange." + k, ctypes.c_uint64)
            if lib.x12_batch_set_option(b, f, n) != _X12_OK:
                raise ValueError("interchange.%s: out of range" % k)
    if "submitter" in d:
        _party(lib.x12_batch_submitter(b), d["submitter"], "submitter", "id")
    if "receiver" in d:
        _party(lib.x12_batch_receiver(b), d["receiver"], "receiver", "id")
    counter = [0]
    for i, pd in enumerate(d.get("providers", ()), 1):
        path = "provider[%d]" % i
        _known(pd, set(_PARTY) | {"entity", "npi", "pay_to", "pay_to_plan", "subscribers"}, path)
        bp = _new(lib.x12_batch_add_provider, b)
        _party(lib.x12_billing_provider_party(bp),
               {k: v for k, v in pd.items() if k not in ("pay_to", "pay_to_plan", "subscribers")},
               path, "npi")
        if "pay_to" in pd:
            _party(lib.x12_billing_provider_pay_to(bp), pd["pay_to"], path + ".pay_to", None)
        if "pay_to_plan" in pd:
            _party(lib.x12_billing_provider_pay_to_plan(bp), pd["pay_to_plan"],
                   path + ".pay_to_plan", "payer_id")
        for j, sd in enumerate(pd.get("subscribers", ()), 1):
            _subscriber(bp, sd, "%s.subscriber[%d]" % (path, j), counter)


def _edits_error(b, status, what):
    n = lib.x12_batch_edit_count(b)
    probs = []
    for i in range(n):
        path = lib.x12_batch_edit_path(b, i)
        probs.append(problem_from_error(lib.x12_batch_edit_at(b, i), "edit",
                                        path=path.decode("utf-8", "replace") if path else ""))
    lines = ["%s: %s: %s" % (p.path, p.rule, p.message) for p in probs]
    msg = "%d %s:\n  %s" % (n, what, "\n  ".join(lines)) if lines else what
    first = probs[0] if probs else None
    return X12Error(status, msg, segment_id=first.segment_id if first else "",
                    loop_id=first.loop_id if first else "",
                    element=first.element if first else 0, rule=first.rule if first else "",
                    problems=probs)


def _write(b, line_break):
    w = ctypes.c_void_p()
    check(lib.x12_writer_new(None, ctypes.byref(w)), "x12_writer_new")
    try:
        check(lib.x12_writer_to_memory(w))
        check(lib.x12_writer_set_line_break(w, text_arg(line_break, "line_break", "ascii")),
              "line break")
        st = lib.x12_batch_write(b, w)
        if st == _X12_EEDIT:
            raise _edits_error(b, st, "pre-submission edit(s) failed")
        if st == _X12_OK:
            st = lib.x12_writer_finish(w)
        if st != _X12_OK:
            raise X12Error.from_error(st, lib.x12_writer_last_error(w))
        n = ctypes.c_size_t()
        p = lib.x12_writer_memory(w, ctypes.byref(n))
        return ctypes.string_at(p, n.value) if n.value else b""
    finally:
        lib.x12_writer_free(w)


def _without(d, key):
    return {k: v for k, v in d.items() if k != key}


def _merge_level(items, d, child_keys, merge_child):
    """Appends level dict d to items, or merges its children into the last
    item when everything else about them is equal."""
    bare = {k: v for k, v in d.items() if k not in child_keys}
    if items:
        last = items[-1]
        if {k: v for k, v in last.items() if k not in child_keys} == bare:
            for key in child_keys:
                for child in d.get(key, ()):
                    merge_child(key, last.setdefault(key, []), child)
            return
    new = dict(bare)
    for key in child_keys:
        if key in d:
            new[key] = []
            for child in d[key]:
                merge_child(key, new[key], child)
    items.append(new)


def _merge_child(key, items, d):
    if key == "claims":
        items.append(d)
    elif key == "patients":
        _merge_level(items, d, ("claims",), _merge_child)
    elif key == "subscribers":
        _merge_level(items, d, ("claims", "patients"), _merge_child)


def _merge(items):
    """One encounters dict from several, such as the one-claim dicts
    read_837() yields: kind, interchange, submitter and receiver are the
    first one's; a billing provider, subscriber or patient equal to the one
    before it (all but its children) is the same one, so that claims read
    in order rebuild the tree they came from."""
    out = None
    for it in items:
        d = _plain(it)
        if not isinstance(d, dict):
            raise TypeError("build_837: each item is a dict or an Encounters dataclass, not %s"
                            % type(d).__name__)
        if out is None:
            out = _without(d, "providers")
            out["providers"] = []
        elif d.get("kind", "837P") != out.get("kind", "837P"):
            raise ValueError("build_837: claims of two kinds (%s and %s) cannot share a batch"
                             % (out.get("kind", "837P"), d.get("kind", "837P")))
        for p in d.get("providers", ()):
            _merge_level(out["providers"], p, ("subscribers",), _merge_child)
    if out is None:
        raise ValueError("build_837: an empty list has no claims to build")
    return out


def build_837(encounters: Any, *, kind: Optional[str] = None, line_break: str = "\n") -> bytes:
    """Builds an 837P or 837I interchange and returns its bytes.

    ``encounters`` is a dict or an Encounters dataclass (see the module
    doc), or a list of them, such as the one-claim dicts read_837()
    yields: their claims go into one interchange with the first one's
    kind, interchange, submitter and receiver, and a billing provider,
    subscriber or patient equal to the one before it is the same loop.
    ``kind`` ("837P"/"837I") overrides the "kind" (default 837P).
    ``line_break`` is written after each segment ("" for none).
    Every pre-submission edit runs first: when any fails, X12Error with
    status X12_EEDIT is raised, its ``problems`` listing each failure with
    its field path, rule and message.  A value of the wrong type raises
    TypeError, an unknown field name ValueError.
    """
    if isinstance(encounters, (list, tuple)):
        d = _merge(encounters)
    else:
        d = _plain(encounters)
    k = kind if kind is not None else d.get("kind", "837P")
    if k not in _KINDS:
        raise ValueError("kind must be '837P' or '837I', not %r" % (k,))
    b = ctypes.c_void_p()
    check(lib.x12_batch_new(None, _KINDS[k], ctypes.byref(b)), "x12_batch_new")
    try:
        _fill(b, {key: v for key, v in d.items()})
        st = lib.x12_batch_check(b)
        if st == _X12_EEDIT:
            raise _edits_error(b, st, "pre-submission edit(s) failed")
        check(st, "x12_batch_check")
        out: bytes = _write(b, line_break)
        return out
    finally:
        lib.x12_batch_free(b)


def build_837_xml(source: Source, *, kind: Optional[str] = None,
                  line_break: str = "\n") -> bytes:
    """Builds the interchange from an encounter XML document (a path, or
    bytes), as ``x12 build`` does.  The document's kind attribute wins over
    ``kind``.  X12Error X12_ESYNTAX (with ``problems`` "NAME:LINE") when the
    document is not valid, X12_EEDIT when an edit fails."""
    if isinstance(source, (str, os.PathLike)):
        name = path_arg(source, "source")
        with open(source, "rb") as f:
            data = f.read()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        name, data = None, bytes(source)
    else:
        raise TypeError("source must be a path or bytes")
    if kind is not None and kind not in _KINDS:
        raise ValueError("kind must be '837P' or '837I', not %r" % (kind,))
    b = ctypes.c_void_p()
    check(lib.x12_batch_new(None, _KINDS[kind or "837P"], ctypes.byref(b)), "x12_batch_new")
    try:
        st = lib.x12_batch_load_xml_memory(b, data, len(data), name)
        if st != _X12_OK:
            raise _edits_error(b, st, "problem(s) in the encounter document")
        out: bytes = _write(b, line_break)
        return out
    finally:
        lib.x12_batch_free(b)


_check_shapes()

if TYPE_CHECKING:
    Claim = Claim837  # deprecated name


# Claim was this module's name of the 837 claim until Claim837.
__getattr__ = deprecated_getattr(__name__, {"Claim": ("Claim837", lambda: Claim837)})
