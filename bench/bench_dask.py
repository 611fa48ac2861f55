"""bench/bench_dask.py FOLDER WORKERS [BLOCKSIZE] - libx12.dask.read_remits
over a folder of ERAs on a distributed LocalCluster of WORKERS processes
(one thread each); prints one line of figures.  Run by bench/run_dask.sh.

The work is what a report does: claims, lines and adjustments of every
file, reduced on the workers (sums of every money column, row counts), so
the time is reading and building the frames, not sending them back.
Peak memory is each worker process's peak RSS (getrusage), read on the
workers at the end."""

import resource
import sys
import time


def _peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    folder, workers = sys.argv[1], int(sys.argv[2])
    blocksize = sys.argv[3] if len(sys.argv) > 3 else "64MiB"
    import dask
    from distributed import Client, LocalCluster

    import libx12.dask

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    try:
        client.run(lambda: __import__("libx12.tables"))  # the library loaded before timing
        t0 = time.perf_counter()
        t = libx12.dask.read_remits(folder, blocksize=blocksize)
        t1 = time.perf_counter()
        sums = []
        for name in ("claims", "lines", "adjustments"):
            df = t[name]
            money = [c for c in df.columns if c.endswith("_cents")]
            sums.append(df[money].sum())
            sums.append(df.shape[0])
        res = dask.compute(*sums)
        t2 = time.perf_counter()
        peaks = client.run(_peak_rss_mib)
        nparts = t["claims"].npartitions
        claims = int(res[1])
        print("workers=%d partitions=%d claims=%d plan=%.2fs compute=%.2fs wall=%.2fs "
              "worker_peak_rss_mib=%s paid_cents=%d" % (
                  workers, nparts, claims, t1 - t0, t2 - t1, t2 - t0,
                  ",".join("%.0f" % v for v in sorted(peaks.values())),
                  int(res[0]["paid_cents"])))
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
