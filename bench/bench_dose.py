"""numpy peer of bench_dose.c: the straightforward numpy expression of each
kernel on the arrays bench_dose.c wrote. Prints "key median_ms" lines.
Usage: bench_dose.py DIR COUNT DMAX ROUNDS
SPDX-License-Identifier: MIT
"""
import sys
import time

import numpy as np


def main():
    d, n, dmax, rounds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    D = np.fromfile(d + "/dose.f32", dtype=np.float32, count=n)
    B = np.fromfile(d + "/dose_b.f32", dtype=np.float32, count=n)
    C = np.fromfile(d + "/dose_c.f32", dtype=np.float32, count=n)
    A = np.fromfile(d + "/ab.f32", dtype=np.float32, count=n)
    M = np.fromfile(d + "/mask.u8", dtype=np.uint8, count=n).astype(bool)
    L = np.fromfile(d + "/labels.u8", dtype=np.uint8, count=n)
    W = np.fromfile(d + "/weights.f32", dtype=np.float32, count=n)
    T = np.array([10, 3, 2, 0.6], dtype=np.float32)
    ab = 3.0
    kernels = {
        "eqd2": lambda: D * (D / 5 + ab) / (2 + ab),
        "voxel_ab": lambda: D * (D / 5 + A) / (2 + A),
        "labels": lambda: D * (D / 5 + T[L]) / (2 + T[L]),
        "sum3": lambda: (D * (D / 5 + ab) / (2 + ab) + B * (B / 30 + ab) / (2 + ab)
                         + C * (C / 1 + ab) / (2 + ab)),
        "dvh": lambda: np.histogram(D[M], bins=1000, range=(0, dmax)),
        "dvhw": lambda: np.histogram(D[W > 0], bins=1000, range=(0, dmax), weights=W[W > 0]),
    }
    print("numpy %s" % np.__version__)
    for key, fn in kernels.items():
        fn()
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1e3)
        times.sort()
        print("%s %.3f" % (key, times[len(times) // 2]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
