#!/usr/bin/env python3
"""The seed case end to end, in Python: load the patient document, the dose
table of its radiotherapy courses, immunotherapy exposure, tumour response
(RECIST 1.1 and iRECIST), SITC resistance, abscopal findings and the timeline.

The case: Fong, Ho & So, Front Oncol 2025;15:1483117 (CC BY 4.0), a melanoma
resistant to pembrolizumab that responded completely after low-dose
radiotherapy (10 Gy in 5 fractions, 21-26 July 2023) with pembrolizumab.

Run from the top of the source tree:

    PYTHONPATH=python python3 examples/python/case_report.py [DOCUMENT]
"""

import os
import sys

import ldrt
from ldrt import dose

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "data", "case-fong-2025.json")

# alpha/beta presets used for the dose table (their sources: ldrt.dose.tissue(name).citation).
PRESETS = ["tumour", "melanoma", "late"]


def heading(text):
    print()
    print(text)
    print("-" * len(text))


def dose_table(p):
    heading("Radiotherapy courses")
    abs_ = [dose.tissue(name) for name in PRESETS]
    cols = "".join("  %13s" % ("EQD2 a/b %g" % t.alpha_beta_gy) for t in abs_)
    print("%-10s %-23s %8s %3s %7s  %-9s%s" % ("course", "dates", "total", "n", "d/fx",
                                              "class", cols))
    for course in p.timeline(kinds="radiotherapy"):
        first, last = course.fraction_dates
        total = course.total_dose_gy
        n = len(course.fractions)
        d, _uniform = course.dose_per_fraction_gy
        regimen = dose.classify_fractions([f.dose_gy for f in course.fractions])
        eqd2 = [dose.eqd_fractions([f.dose_gy for f in course.fractions], t.alpha_beta_gy)
                for t in abs_]
        dates = str(first) if first == last else "%s to %s" % (first, last)
        print("%-10s %-23s %6.1f Gy %3d %4.1f Gy  %-9s%s" % (
            course.course_id, dates, total, n, d, regimen.name,
            "".join("  %10.1f Gy" % e for e in eqd2)))
        lo, hi = course.overall_days
        print("%-10s targets %s; overall time %s days; rule: %s" % (
            "", ", ".join(l.id for l in course.targets) or "-",
            lo if lo == hi else "%d-%d" % (lo, hi), regimen.sources[0].split(":")[0]))
    for t in abs_:
        print("a/b %g Gy (%s): %s%s" % (t.alpha_beta_gy, t.name, t.citation,
                                        "" if t.verified else " [unverified]"))


def immunotherapy(p):
    heading("Immunotherapy")
    drugs = []
    for event in p.timeline(kinds="systemic"):
        for agent in event.agents:
            if agent.drug not in drugs:
                drugs.append(agent.drug)
    for drug in drugs:
        first, last, count = p.drug_summary(drug)
        lo, hi = p.drug_exposure_days(drug)
        try:
            total, unit = p.drug_cumulative_dose(drug)
            cumulative = "%g %s" % (total, unit)
        except ldrt.NotFound:
            cumulative = "not computable (a dose is not recorded)"
        print("%-14s %3d administrations, %s to %s (%s days); cumulative %s" % (
            drug, count, first, last, lo if lo == hi else "%d-%d" % (lo, hi), cumulative))
        for hold in p.drug_holds(drug):
            print("%-14s %s from %s: %s" % ("", hold.hold_kind, hold.date, hold.reason or ""))


def response(p):
    heading("Tumour response after low-dose radiotherapy (RECIST 1.1, computed)")
    a = p.assess("recist1.1")
    for t in a:
        print("%-8s %-4s %s" % (t.date, t.overall or "base", t.reason))
    print("best overall response: %s (confirmed: %s)" % (a.best(), a.best(confirmed=True)))
    print("  " + a.best_reason(confirmed=True))
    ttr = a.endpoint("time_to_response")
    dor = a.endpoint("duration_of_response")
    print("time to response %s days (%s); duration of response >= %s days (%s)" % (
        ttr.days, ttr.censor, dor.days, dor.censor))
    i = p.assess("irecist")
    print("iRECIST: " + ", ".join("%s %s" % (t.date, t.overall or "base") for t in i))
    return a


def resistance(p, assessment):
    heading("Resistance to pembrolizumab (SITC, Kluger 2020)")
    # The rechallenge: the first pembrolizumab series after the 2023 recurrence.
    rechallenge = [e for e in p.timeline(kinds="systemic", start="2023-03")
                   if e.gives("pembrolizumab")][0]
    progression = p.timeline(kinds="progression")[0]
    # Progression recorded on the record, then the computed responses after L-XRT.
    dates = [progression.date] + [t.date for t in assessment][1:]
    labels = ["PD"] + [t.overall for t in assessment][1:]
    r = ldrt.response.resistance(rechallenge.date, None, dates, labels)
    print("first dose %s; scans %s" % (rechallenge.date, ", ".join(
        "%s %s" % (d, l) for d, l in zip(dates, labels))))
    print("%s: %s" % (r.category, r.reason))


def abscopal(p):
    heading("Abscopal (out-of-field) response")
    course = p.find_course("LXRT-2023")
    scans = p.response_rows()["scans"]
    found = False
    for lesion, in_field, change, flag in p.abscopal(course, scans[0], scans[1]):
        found = True
        print("%-6s %-12s %s%s" % (lesion.id, "in field" if in_field else "out of field",
                                   "change %.1f%%" % change if change is not None else "unknown",
                                   ": abscopal response" if flag else ""))
    if not found:
        print("no lesion measured on both scans")


def main(argv):
    path = argv[1] if len(argv) > 1 else DEFAULT
    try:
        p = ldrt.Patient.load(path)
    except ldrt.Error as e:
        print("case_report: %s" % e, file=sys.stderr)
        return 1
    with p:
        print("Patient %s (%s); libldrt %s" % (p.id, p.sex, ldrt.library_version()))
        for d in p.diagnoses:
            print("diagnosis %s: %s, %s, stage %s; %s" % (
                d.date, d.condition, d.site, d.stage,
                ", ".join("%s %s" % kv for kv in d.markers.items())))
        dose_table(p)
        immunotherapy(p)
        a = response(p)
        resistance(p, a)
        abscopal(p)
        heading("Timeline")
        print(p.render_timeline("text"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
