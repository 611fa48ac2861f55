"""examples/dask_denials.py ERAS... - denial rate and dollars by payer and
CARC, and by month, over a folder of 835s, with Dask.

    python3 examples/dask_denials.py eras/ [--workers 2] [--blocksize 64MiB]
    python3 examples/dask_denials.py 'eras/*.835' more.835.gz

libx12.dask.read_remits makes Dask DataFrames of the payments, claims and
adjustments of every file (a folder, globs or files, .gz included): one
partition per file and, with --blocksize, per byte range of a larger file,
cut at transaction sets.  Partition i of every table comes from the same
byte range and a payment (ST .. SE) is never cut, so each claim finds its
payment and its adjustments in its own partition: the join runs partition
by partition (no shuffle) and only the small per-group sums travel.

A claim is denied when its outcome is "denied" (CLP02 4, or paid nothing
with a denial adjustment); its CARCs are the adjustments that explain the
denial (denial_reason).  Money is int64 cents throughout and printed
exactly.  --workers N starts a distributed LocalCluster of N processes;
without it dask's threads run the work.  Needs python3-dask and
python3-pandas (python3-distributed for --workers) and the libx12 shared
library (LIBX12_PATH, or installed).
"""

import argparse
import sys

import dask
import dask.dataframe as dd
import pandas as pd

import libx12.dask


def money(cents):
    """Cents as text, exactly (no float): 1850075 -> "18,500.75"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return "%s%s.%02d" % (sign, format(whole, ","), part)


def _per_claim(claims, payments, adjustments):
    """One partition: each claim with its payer and month, and each CARC
    that explains a denied claim, with the dollars it took."""
    pay = payments[["payment_index", "payer_name", "payer_id", "payment_date"]].copy()
    name = pay["payer_name"].astype(object).fillna("(no payer name)")
    pid = pay["payer_id"].astype(object).fillna("")
    pay["payer"] = name.where(pid == "", name + " (" + pid + ")")
    # CCYYMM of the payment date (BPR16); 0 when the date is absent
    pay["month"] = (pay["payment_date"].fillna(0) // 100).astype("int64")
    c = claims[["claim_index", "payment_index", "outcome", "charge_cents"]].merge(
        pay[["payment_index", "payer", "month"]], on="payment_index", how="left")
    c["denied"] = (c["outcome"] == "denied").astype("int64")
    c["denied_charge_cents"] = c["charge_cents"].where(c["denied"] == 1, 0)
    a = adjustments.loc[adjustments["denial_reason"], ["claim_index", "reason", "amount_cents"]]
    a = a.assign(reason=a["reason"].astype(object))
    # one row per denied claim and CARC (a CARC may repeat on several lines)
    a = a.groupby(["claim_index", "reason"], sort=False, as_index=False)["amount_cents"].sum()
    a = a.merge(c.loc[c["denied"] == 1, ["claim_index", "payer", "month"]], on="claim_index")
    return c[["payer", "month", "denied", "charge_cents", "denied_charge_cents"]], a


def _claims_part(claims, payments, adjustments):
    return _per_claim(claims, payments, adjustments)[0]


def _carc_part(claims, payments, adjustments):
    return _per_claim(claims, payments, adjustments)[1]


def denials(frames):
    """{"by_payer", "by_payer_carc", "by_month"}: pandas DataFrames of the
    sums (int64 cents, counts) and rates, from read_remits' frames with
    payments, claims and adjustments."""
    claims, payments, adjustments = frames["claims"], frames["payments"], frames["adjustments"]
    per = dd.map_partitions(_claims_part, claims, payments, adjustments,
                            align_dataframes=False,
                            meta=pd.DataFrame({"payer": pd.Series([], dtype=object),
                                               "month": pd.Series([], dtype="int64"),
                                               "denied": pd.Series([], dtype="int64"),
                                               "charge_cents": pd.Series([], dtype="int64"),
                                               "denied_charge_cents":
                                                   pd.Series([], dtype="int64")}))
    carc = dd.map_partitions(_carc_part, claims, payments, adjustments,
                             align_dataframes=False,
                             meta=pd.DataFrame({"claim_index": pd.Series([], dtype="int64"),
                                                "reason": pd.Series([], dtype=object),
                                                "amount_cents": pd.Series([], dtype="int64"),
                                                "payer": pd.Series([], dtype=object),
                                                "month": pd.Series([], dtype="int64")}))
    by_payer = per.groupby("payer").agg(
        claims=("denied", "count"), denied=("denied", "sum"),
        charge_cents=("charge_cents", "sum"), denied_charge_cents=("denied_charge_cents", "sum"))
    by_month = per.groupby("month").agg(
        claims=("denied", "count"), denied=("denied", "sum"),
        charge_cents=("charge_cents", "sum"), denied_charge_cents=("denied_charge_cents", "sum"))
    by_carc = carc.groupby(["payer", "reason"]).agg(
        denied_claims=("claim_index", "count"), carc_cents=("amount_cents", "sum"))
    by_payer, by_month, by_carc = dask.compute(by_payer, by_month, by_carc)
    by_payer = by_payer.sort_index()
    by_month = by_month.sort_index()
    by_carc = by_carc.reset_index().merge(by_payer[["claims"]].reset_index(), on="payer")
    by_carc = by_carc.sort_values(["payer", "denied_claims", "reason"],
                                  ascending=[True, False, True]).reset_index(drop=True)
    for df in (by_payer, by_month):
        df["denial_rate"] = df["denied"] / df["claims"]
    by_carc["denial_rate"] = by_carc["denied_claims"] / by_carc["claims"]
    return {"by_payer": by_payer, "by_payer_carc": by_carc, "by_month": by_month}


def report(result, out=sys.stdout):
    w = out.write
    w("Denials by payer\n")
    w("%-40s %8s %8s %7s %16s\n" % ("payer", "claims", "denied", "rate", "denied charges"))
    for payer, r in result["by_payer"].iterrows():
        w("%-40.40s %8d %8d %6.2f%% %16s\n" % (payer, r["claims"], r["denied"],
                                               100 * r["denial_rate"],
                                               money(r["denied_charge_cents"])))
    w("\nDenials by payer and CARC (claims denied citing it, share of the payer's "
      "claims, dollars the CARC took)\n")
    w("%-40s %-5s %8s %7s %16s\n" % ("payer", "CARC", "claims", "rate", "dollars"))
    for _, r in result["by_payer_carc"].iterrows():
        w("%-40.40s %-5s %8d %6.2f%% %16s\n" % (r["payer"], r["reason"], r["denied_claims"],
                                                100 * r["denial_rate"],
                                                money(r["carc_cents"])))
    w("\nDenials by month of payment\n")
    w("%-8s %8s %8s %7s %16s\n" % ("month", "claims", "denied", "rate", "denied charges"))
    for month, r in result["by_month"].iterrows():
        label = "%04d-%02d" % divmod(int(month), 100) if month else "no date"
        w("%-8s %8d %8d %6.2f%% %16s\n" % (label, r["claims"], r["denied"],
                                           100 * r["denial_rate"],
                                           money(r["denied_charge_cents"])))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="835 files, folders or globs (.gz included)")
    ap.add_argument("--workers", type=int, default=0,
                    help="start a LocalCluster of this many worker processes (default: "
                         "dask's threads)")
    ap.add_argument("--blocksize", default=None,
                    help="cut files larger than this (e.g. 64MiB) into byte ranges")
    args = ap.parse_args(argv)
    client = cluster = None
    if args.workers > 0:
        from distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        frames = libx12.dask.read_remits(args.paths, blocksize=args.blocksize,
                                         tables=("payments", "claims", "adjustments"))
        report(denials(frames))
    finally:
        if client is not None:
            client.close()
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
