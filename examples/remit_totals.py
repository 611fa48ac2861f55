"""examples/remit_totals.py ERA... - what an 835 paid and denied, by payer
and payee, and the reasons behind the denials, with pandas.

    python3 examples/remit_totals.py era.835 [more.835.gz ...]

libx12.remit_tables reads each file into pandas DataFrames (payments,
claims, lines, adjustments, remarks, provider_adjustments, diagnostics)
joined by payment_index and claim_index; money is int64 cents.  `make demo`
runs this on examples/data/remittance.835.  Needs numpy and pandas
(Debian: python3-numpy python3-pandas) and the libx12 shared library
(LIBX12_PATH, or installed).
"""

import sys

import libx12


def money(cents):
    """Cents as text, exactly (no float): 18500 -> "185.00"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return "%s%d.%02d" % (sign, whole, part)


def report(path):
    t = libx12.remit_tables(path)
    claims = t.claims.merge(t.payments[["payment_index", "payer_name", "payee_name"]],
                            on="payment_index")
    claims["denied_cents"] = claims["charge_cents"].where(claims["outcome"] == "denied", 0)
    by = claims.groupby(["payer_name", "payee_name"], observed=True, sort=True).agg(
        claims=("claim_index", "size"), charged=("charge_cents", "sum"),
        paid=("paid_cents", "sum"), denied=("denied_cents", "sum"),
        patient=("patient_responsibility_cents", "sum"))
    print("%-20s %-26s %6s %10s %10s %9s %9s" % ("payer", "payee", "claims", "charged",
                                                 "paid", "denied", "patient"))
    for (payer, payee), r in by.iterrows():
        print("%-20.20s %-26.26s %6d %10s %10s %9s %9s" % (
            payer, payee, r["claims"], money(r["charged"]), money(r["paid"]),
            money(r["denied"]), money(r["patient"])))
    # The adjustments that explain a denial or a partial payment.
    reasons = t.adjustments[t.adjustments["denial_reason"]].groupby(
        ["group", "reason", "reason_text"], observed=True, sort=True)["amount_cents"].agg(
        ["size", "sum"])
    for (group, reason, text), r in reasons.iterrows():
        print("  %s-%-4s %2dx %9s  %s" % (group, reason, r["size"], money(r["sum"]), text))


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    for path in argv[1:]:
        report(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
