"""bench_build_tables.py - libx12.build_837_tables speed: claims/s from pandas
frames of a practice-management shape (one row per claim with its
provider, subscriber and payer columns, one row per service line).

    LIBX12_PATH=build/lib/.libs/libx12.so.0 PYTHONPATH=bindings/python \\
        /usr/bin/python3 bench/bench_build_tables.py [CLAIMS]

Prints the time to turn the frames into JSON Lines (pandas/numpy) and the
whole call (JSON Lines + the C build), wall clock and CPU time, and the
claims/s of each.  The target is >= 50,000 claims/s for the whole call.
Not a test; numbers depend on the machine.
"""

import sys
import time

import numpy as np
import pandas as pd

import libx12

HEADER = {
    "kind": "837P",
    "interchange": {"sender_id": "SUBMITTER01", "receiver_id": "CLEARINGHSE01",
                    "date": "20250301", "time": "1200", "reference": "BENCH"},
    "submitter": {"name": "BENCH BILLING", "id": "SUBMITTER01", "phone": "5555550100"},
    "receiver": {"name": "EXAMPLE CLEARINGHOUSE", "id": "CLEARINGHSE01"},
}
PROCEDURES = np.array(["99211", "99212", "99213", "99214", "99215", "36415", "85025",
                       "80053", "93000", "71046", "97110", "G0008"], dtype=object)
CHARGES = np.array([4500, 7800, 11000, 16500, 22000, 1500, 2800, 4200, 6500, 9500, 7500, 3000],
                   dtype=np.int64)
DIAGNOSES = np.array(["J03.00", "R50.9", "I10", "E11.9", "M54.5", "J06.9", "Z00.00", "K21.9"],
                     dtype=object)
LAST = np.array(["SMITH", "JOHNSON", "GARCIA", "MILLER", "DAVIS", "LOPEZ"], dtype=object)
FIRST = np.array(["ALEX", "SAM", "CASEY", "JORDAN", "RILEY", "MORGAN"], dtype=object)


def frames(n, seed=1):
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    nlines = rng.integers(1, 5, n)
    line_claim = np.repeat(ids, nlines)
    proc = rng.integers(0, len(PROCEDURES), len(line_claim))
    charge = CHARGES[proc]
    totals = np.bincount(line_claim, weights=charge, minlength=n + 1)[1:].astype(np.int64)
    member = np.char.add("M", np.char.zfill(ids.astype(str), 10)).astype(object)
    claims = pd.DataFrame({
        "claim_id": ids,
        "pcn": np.char.add("PCN", np.char.zfill(ids.astype(str), 9)).astype(object),
        "total_charge_cents": totals,
        "place_of_service": "11",
        "service_from": "20250215",
        "provider.name": "RIVERSIDE FAMILY PRACTICE",
        "provider.npi": "1234567893",
        "provider.ein": "371234567",
        "provider.address1": "100 MAIN STREET",
        "provider.city": "SPRINGFIELD",
        "provider.state": "IL",
        "provider.zip": "627011234",
        "subscriber.responsibility": "P",
        "subscriber.filing_indicator": "CI",
        "subscriber.name": LAST[rng.integers(0, len(LAST), n)],
        "subscriber.first_name": FIRST[rng.integers(0, len(FIRST), n)],
        "subscriber.member_id": member,
        "subscriber.address1": "12 ELM AVENUE",
        "subscriber.city": "SPRINGFIELD",
        "subscriber.state": "IL",
        "subscriber.zip": "62704",
        "subscriber.birth_date": "19800101",
        "subscriber.gender": "F",
        "payer.name": "EXAMPLE HEALTH PLAN",
        "payer.payer_id": "EHP01",
        "rendering.name": "NGUYEN",
        "rendering.first_name": "PETER",
        "rendering.npi": "1444000024",
        "diagnoses.1": DIAGNOSES[rng.integers(0, len(DIAGNOSES), n)],
        "diagnoses.2": DIAGNOSES[rng.integers(0, len(DIAGNOSES), n)],
    })
    lines = pd.DataFrame({
        "claim_id": line_claim,
        "procedure": PROCEDURES[proc],
        "charge_cents": charge,
        "pointers.1": np.ones(len(line_claim), dtype=np.int64),
        "service_from": "20250215",
    })
    return claims, lines


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    claims, lines = frames(n)
    print("claims: %d, lines: %d" % (len(claims), len(lines)))
    t0, c0 = time.perf_counter(), time.process_time()
    text = libx12.tables_to_jsonl(claims, lines, header=HEADER)
    t1, c1 = time.perf_counter(), time.process_time()
    print("frames -> JSON Lines:   %.2f s (%.0f claims/s; CPU %.0f claims/s), %.1f MB"
          % (t1 - t0, n / (t1 - t0), n / (c1 - c0), len(text) / 1e6))
    t0, c0 = time.perf_counter(), time.process_time()
    out = libx12.build_837_tables(claims, lines, header=HEADER)
    t1, c1 = time.perf_counter(), time.process_time()
    print("build_837_tables:       %.2f s (%.0f claims/s; CPU %.0f claims/s), %.1f MB of 837"
          % (t1 - t0, n / (t1 - t0), n / (c1 - c0), len(out) / 1e6))


if __name__ == "__main__":
    main()
