"""examples/replace_claims.py SENT.837 PCN=PAYER_CLAIM_NUMBER... - the 837
that replaces claims already sent, written to standard output.

    python3 examples/replace_claims.py sent.837 PCN-2025-0001=2025111500001 > fix.837

Each claim named by its patient control number goes out again as a
replacement (claim frequency 7) of the payer's claim (REF*F8, the payer
claim control number from the 835 or 277CA); the claims not named are
left out.  The claims are read as typed dataclasses
(libx12.read_837(..., as_dataclass=True): Encounters holding one
libx12.Claim837), changed field by field and built again with
libx12.build_837; the result is validated before it is written.  Needs the
libx12 shared library (LIBX12_PATH, or installed).
"""

import sys
from typing import Dict, List

import libx12


def replacements(sent: str, numbers: Dict[str, str]) -> bytes:
    """The 837 replacing the claims of ``sent`` named in ``numbers``
    (patient control number -> payer claim control number)."""
    out: List[libx12.Encounters] = []
    for enc in libx12.read_837(sent, as_dataclass=True):
        claim = enc.claims()[0]
        if claim.pcn not in numbers:
            continue
        claim.frequency = "7"
        claim.payer_claim_number = numbers[claim.pcn]
        out.append(enc)
    missing = len(set(numbers) - {e.claims()[0].pcn for e in out})
    if missing:  # (patient control numbers are not repeated in messages)
        raise SystemExit("replace_claims: %d of the claims named are not in %s" % (missing, sent))
    x12 = libx12.build_837(out)
    errors = [p for p in libx12.validate(x12) if p.is_error]
    if errors:
        raise SystemExit("replace_claims: the replacement does not validate: %s" % errors[0])
    return x12


def main(argv: List[str]) -> int:
    if len(argv) < 3 or not all("=" in a for a in argv[2:]):
        sys.stderr.write("usage: replace_claims.py SENT.837 PCN=PAYER_CLAIM_NUMBER...\n")
        return 2
    numbers = dict(a.split("=", 1) for a in argv[2:])
    sys.stdout.buffer.write(replacements(argv[1], numbers))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
