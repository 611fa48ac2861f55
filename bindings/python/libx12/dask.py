"""Folders of ERAs and claim files as Dask DataFrames, read across workers.

    import libx12.dask
    t = libx12.dask.read_remits("eras/", blocksize="64MiB")
    claims = t["claims"]                         # a dask.dataframe.DataFrame
    claims.groupby("outcome", observed=True)["paid_cents"].sum().compute()

    c = libx12.dask.read_claims("sent/*.837")    # claims, lines, diagnoses, providers

Each file is one partition, and a file larger than ``blocksize`` several:
it is cut into byte ranges at transaction sets (ST .. SE) by one pass of
the reader in the calling process (x12_range_plan, libx12-range(3); no
claim is parsed), so no set is split, and each partition's worker opens
the file at its own offset with the interchange's delimiters and
envelope.  A gzip file (detected by its first bytes, whatever its name)
cannot be entered in the middle and is one partition.

Columns and dtypes are those of libx12.remit_tables / claim_tables (money
int64 cents, dates Int32 CCYYMMDD, text object, codes categorical) with a
first column ``file``: the path as listed, categorical.  Dictionary columns
are categorical with unknown categories in ``meta`` (each partition has
its own; dask unions them when partitions are concatenated: call
``.cat.as_known()`` before operations that need them all).  Keys
(payment_index, claim_index) number payments and claims within each file,
as reading the file whole does, whatever the partitioning.

Works with dask's default (threaded) scheduler, a distributed
``LocalCluster`` and ``Client(address)``: what crosses the wire is paths,
byte ranges (plain ints and bytes) and table names, and partitions are
module-level functions; each worker imports libx12 and loads the C library
itself (LIBX12_PATH in the worker's environment, else the installed
library).  Every worker must see the files at the same paths (a shared
file system).

Needs dask[dataframe] (Debian: python3-dask, python3-pandas); `import
libx12` does not import this module or dask.
"""

import glob as _glob
import os

try:
    import dask
    import dask.dataframe as dd
    from dask.dataframe.utils import clear_known_categories
    from dask.utils import parse_bytes
except ImportError as e:  # pragma: no cover - depends on the system
    raise ImportError("libx12.dask needs dask and pandas (Debian: apt-get install "
                      "python3-dask python3-pandas; python3-distributed for clusters): %s"
                      % e) from e

from . import tables as _t

__all__ = ["read_remits", "read_claims", "list_files", "partitions",
           "REMIT_TABLES", "CLAIM_TABLES"]

REMIT_TABLES = _t.TABLE_NAMES
CLAIM_TABLES = _t.CLAIM_TABLE_NAMES

_GLOB_CHARS = set("*?[")


def list_files(paths):
    """The files ``paths`` names, in order: a list of paths (each
    expanded), a folder (its files, sorted; names starting with "." left
    out; not recursive), a glob pattern (its matches, sorted) or one file.
    FileNotFoundError when a path or pattern names nothing."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    out = []
    for p in paths:
        p = os.fsdecode(os.fspath(p))
        if os.path.isdir(p):
            names = sorted(n for n in os.listdir(p) if not n.startswith("."))
            out.extend(os.path.join(p, n) for n in names if os.path.isfile(os.path.join(p, n)))
        elif os.path.exists(p):
            out.append(p)
        elif _GLOB_CHARS & set(p):
            found = sorted(f for f in _glob.glob(p) if os.path.isfile(f))
            if not found:
                raise FileNotFoundError("no file matches %s" % p)
            out.extend(found)
        else:
            raise FileNotFoundError("no such file or folder: %s" % p)
    return out


def _is_gzip(path):
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def _blocksize(blocksize):
    if blocksize is None:
        return None
    n = parse_bytes(blocksize) if isinstance(blocksize, str) else int(blocksize)
    if n < 1:
        raise ValueError("blocksize must be a positive number of bytes (or None)")
    return n


def partitions(paths, *, kind="835", blocksize=None):
    """The partitions read_remits (kind "835") or read_claims ("837") would
    make: a list of (path, ByteRange or None), None for a whole file.  A
    file larger than ``blocksize`` bytes, not gzip, is planned into ranges
    of about that size (one pass of the reader over it, here)."""
    k = {"835": _t._KIND_REMIT, "837": _t._KIND_CLAIMS}[kind]
    size = _blocksize(blocksize)
    out = []
    for path in list_files(paths):
        if size is None or os.path.getsize(path) <= size or _is_gzip(path):
            out.append((path, None))
            continue
        ranges = _t.plan_ranges(path, size, k)
        if len(ranges) <= 1:
            out.append((path, None))
        else:
            out.extend((path, r) for r in ranges)
    return out


def _read_partition(kind, path, byte_range, names, categorical):
    """One partition: {table: pandas DataFrame} with the ``file`` column
    first.  Runs on the workers (module-level, plain arguments)."""
    import pandas as pd

    frames = _t.table_frames(kind, path, names, byte_range, categorical)
    out = {}
    for name, df in frames.items():
        f = pd.Categorical.from_codes([0] * len(df) if len(df) else [],
                                      categories=pd.Index([path], dtype=object))
        df.insert(0, "file", f)
        out[name] = df
    return out


def _meta(kind, names, categorical):
    """Zero-row frames of the tables, from the library's schema (no data
    is read); categorical columns with unknown categories."""
    import pandas as pd

    frames = _t.table_frames(kind, None, names, None, categorical)
    out = {}
    for name, df in frames.items():
        df.insert(0, "file", pd.Categorical([], categories=pd.Index([], dtype=object)))
        cats = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
        out[name] = clear_known_categories(df, cols=cats) if cats else df
    return out


def _read(kind, paths, blocksize, tables, categorical):
    if isinstance(tables, str):
        tables = (tables,)
    tables = tuple(tables)
    if not tables:
        raise ValueError("tables names no table")
    meta = _meta(kind, tables, categorical)  # also checks the names
    parts = partitions(paths, kind="835" if kind == _t._KIND_REMIT else "837",
                       blocksize=blocksize)
    if not parts:
        raise FileNotFoundError("no files in %r" % (paths,))
    read = dask.delayed(_read_partition, pure=True)
    pieces = []
    for path, rg in parts:
        st = os.stat(path)
        # the token changes with the file: a changed file is read again
        pieces.append(read(kind, path, rg, tables, categorical,
                           dask_key_name="libx12-read-%s" % dask.base.tokenize(
                               kind, path, st.st_size, st.st_mtime_ns, rg, tables,
                               categorical)))
    out = {}
    for name in tables:
        parts_of = [dask.delayed(_table_of, pure=True)(p, name) for p in pieces]
        out[name] = dd.from_delayed(parts_of, meta=meta[name], verify_meta=False)
    return out


def _table_of(frames, name):
    return frames[name]


def read_remits(paths, *, blocksize=None, tables=("claims", "lines", "adjustments"),
                categorical=True):
    """835 remittances as a dict {table: dask DataFrame}.

    ``paths``: a list of paths, a folder, a glob, or one file (.gz
    included).  ``blocksize``: None (default) for one partition per file;
    a number of bytes (or "64MiB") to cut files larger than that at
    transaction sets.  ``tables``: any of payments, claims, lines,
    adjustments, remarks, provider_adjustments, diagnostics.
    ``categorical``: dictionary columns as categoricals (default) or
    object str, as remit_tables.  The frames are lazy: nothing but the
    planning of large files is read until they are computed, and a
    partition's file is read once for all the tables computed together
    (dask.compute(t["claims"], t["lines"]))."""
    return _read(_t._KIND_REMIT, paths, blocksize, tables, categorical)


def read_claims(paths, *, blocksize=None, tables=("claims", "lines", "diagnoses", "providers"),
                categorical=True):
    """837P / 837I claims as a dict {table: dask DataFrame}, partitioned
    as read_remits.  ``tables``: any of claims, lines, diagnoses,
    providers, other_payers, diagnostics (libx12.claim_tables)."""
    return _read(_t._KIND_CLAIMS, paths, blocksize, tables, categorical)
