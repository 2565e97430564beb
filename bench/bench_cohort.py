"""Cohort throughput: a long table through pandas and the array engine
(ldrt.cohort.best: table to arrays, RECIST 1.1 at every scan, best response)
on one process and on a Dask LocalCluster of 2 single-threaded workers.

COHORT_SUBJECTS synthetic subjects (ldrt.cohort.synthetic: 4 scans, 3 lesions
each); make bench uses 1000000. On the cluster the table is split into
partitions that hold whole subjects (from_pandas on the subject index), so the
figure is the engine's scaling, not a shuffle's; the time includes shipping
the partitions to the workers. Prints subjects per second per core and the
scaling ratio (cluster throughput over one process's).
"""

import importlib
import os
import sys
import time

try:
    pd = importlib.import_module("pandas")
    dd = importlib.import_module("dask.dataframe")
    distributed = importlib.import_module("distributed")
except ImportError as e:
    print("bench_cohort: skipped (%s; Debian python3-pandas python3-dask python3-distributed)" % e)
    sys.exit(0)

from ldrt import cohort


def main() -> None:
    n = int(os.environ.get("COHORT_SUBJECTS", "100000"))
    table = cohort.synthetic(n, seed=1)
    print("bench_cohort: %d subjects, %d rows" % (n, len(table)))
    t0 = time.perf_counter()
    one = cohort.best(table)
    t1 = time.perf_counter()
    single = n / (t1 - t0)
    print("  one process: %.2f s, %.0f subjects/s per core" % (t1 - t0, single))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        parts = dd.from_pandas(table.set_index("subject", drop=False).rename_axis(None),
                               npartitions=8, sort=True)
        t2 = time.perf_counter()
        many = cohort.dask_best(parts, shuffle=False).compute()
        t3 = time.perf_counter()
    if len(many) != len(one) or \
            not (many.sort_values("subject")["bor"].to_numpy() == one["bor"].to_numpy()).all():
        print("bench_cohort: the cluster's answer differs from one process's")
        sys.exit(1)
    both = n / (t3 - t2)
    print("  LocalCluster, 2 workers: %.2f s, %.0f subjects/s per core" % (t3 - t2, both / 2))
    print("  scaling ratio (2 workers / 1 process): %.2f" % (both / single))


if __name__ == "__main__":
    main()
