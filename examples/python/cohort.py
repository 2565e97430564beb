#!/usr/bin/env python3
"""A cohort of synthetic patients assessed through the array engine.

Each synthetic patient is built through the record API (lesions, a low-dose
radiotherapy course, scans with measurements), its scans become rows of the
flat arrays of the cohort engine (ldrt.response.Cohort), and one call
classifies every time point of every patient by RECIST 1.1; a second call
gives each patient's best overall response with and without confirmation.
One patient is then checked against its own per-patient assessment. numpy
is used when it is installed (the engine then returns numpy arrays), and
lists otherwise; no pandas.

The patients are synthetic (a fixed pseudo-random seed): the numbers
illustrate the engine, not any clinical finding.

Run from the top of the source tree:

    PYTHONPATH=python python3 examples/python/cohort.py [N_PATIENTS]
"""

import collections
import random
import sys

import ldrt
from ldrt import response as R

try:
    import numpy
except ImportError:
    numpy = None


def synthetic_patient(rng, k):
    """A patient with 1-3 target lesions, one non-target lesion, L-XRT to the first
    target, a baseline scan and 3-5 follow-up scans 8 weeks apart."""
    p = ldrt.Patient("SYN-%03d" % k)
    n_targets = rng.randint(1, 3)
    for i in range(n_targets):
        p.add_lesion("T%d" % (i + 1), category="target", nodal=False)
    p.add_lesion("NT1", category="non-target")
    start = ldrt.Date("2023-01-02").add_days(rng.randint(0, 180))
    course = p.add_event("radiotherapy", start.add_days(7), course_id="LXRT",
                         targets=["T1"])
    course.set_prescription(10.0, 5, "daily")
    # Each lesion follows its own trend per scan (relative change), with noise.
    trend = rng.choice([-0.5, -0.25, -0.1, 0.0, 0.12, 0.3])
    size = [rng.uniform(12.0, 40.0) for _ in range(n_targets)]
    scan = p.add_event("imaging", start, modality="CT", baseline=True)
    for i, mm in enumerate(size):
        scan.add_measurement("T%d" % (i + 1), round(mm, 1))
    scan.set_non_target("NT1", "present")
    for visit in range(1, rng.randint(4, 6)):
        scan = p.add_event("imaging", start.add_days(56 * visit), modality="CT")
        scan.new_lesions_reported = True
        for i in range(n_targets):
            size[i] = max(0.0, size[i] * (1 + trend + rng.uniform(-0.05, 0.05)))
            scan.add_measurement("T%d" % (i + 1), round(size[i], 1) if size[i] >= 3 else 0.0)
        scan.set_non_target("NT1", "absent" if trend < -0.2 and visit > 2 else "present")
        if trend > 0.1 and visit == 3:
            scan.add_new_lesion("new-liver", "liver", 11.0)
    return p


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 40
    rng = random.Random(2025)
    patients = [synthetic_patient(rng, k) for k in range(n)]

    # Flat arrays: one row per lesion per scan.
    cohort = R.Cohort()
    for p in patients:
        rows = p.response_rows()
        cohort.add_patient(p.id)
        for t, date in enumerate(rows["dates"]):
            cohort.add_scan(date)
            for r in range(rows["tp_offsets"][t], rows["tp_offsets"][t + 1]):
                cohort.add_row(rows["lesion"][r], rows["role"][r], rows["state"][r],
                               rows["value"][r])
    use_numpy = numpy is not None
    arrays = cohort.arrays(numpy=use_numpy)
    print("%d patients, %d scans, %d measurement rows (%s arrays)" % (
        len(cohort), len(cohort.dates), len(cohort.lesion), "numpy" if use_numpy else "list"))

    out = R.recist_cohort(**arrays)  # every time point of every patient, one call
    day = [d.earliest().to_days() for d in cohort.dates]
    bor, confirmed = R.bor_cohort(arrays["patient_offsets"], day, out["overall"])

    print()
    print("%-8s %-5s %-5s  %s" % ("patient", "BOR", "cBOR", "time points"))
    for k, p in enumerate(patients[:10]):
        lo, hi = cohort.patient_offsets[k], cohort.patient_offsets[k + 1]
        labels = " ".join(R.label_name(x) or "base" for x in out["overall"][lo:hi])
        print("%-8s %-5s %-5s  %s" % (p.id, R.label_name(bor[k]), R.label_name(confirmed[k]),
                                      labels))
    if n > 10:
        print("... (%d more)" % (n - 10))

    print()
    counts = collections.Counter(R.label_name(x) for x in confirmed)
    for label in ("CR", "PR", "SD", "NON-CR/NON-PD", "PD", "NE"):
        if counts[label]:
            print("confirmed BOR %-13s %3d (%5.1f%%)" % (label, counts[label],
                                                         100.0 * counts[label] / n))
    orr = counts["CR"] + counts["PR"]
    print("objective response rate (confirmed CR + PR): %d/%d = %.1f%%" % (orr, n, 100.0 * orr / n))

    # The array engine and the per-patient assessment agree.
    a = patients[0].assess("recist1.1")
    lo, hi = cohort.patient_offsets[0], cohort.patient_offsets[1]
    same = [t.overall for t in a] == [R.label_name(x) for x in out["overall"][lo:hi]]
    print()
    print("%s per-patient assessment: %s (%s)" % (patients[0].id, a.best(confirmed=True),
                                                  "matches the cohort engine" if same
                                                  else "DIFFERS from the cohort engine"))
    for p in patients:
        p.close()
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
