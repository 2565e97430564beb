#!/usr/bin/env python3
"""The seed case end to end, in Python: load the patient document, the dose
table of its radiotherapy courses, immunotherapy exposure, tumour response
(RECIST 1.1 and iRECIST), SITC resistance, abscopal findings and the timeline.

The case: Fong, Ho & So, Front Oncol 2025;15:1483117 (CC BY 4.0), a melanoma
resistant to pembrolizumab that responded completely after low-dose
radiotherapy (10 Gy in 5 fractions, 21-26 July 2023) with pembrolizumab.

Run from the top of the source tree:

    PYTHONPATH=python python3 examples/python/case_report.py [DOCUMENT] [--plots DIR]

With --plots, the swimmer, spider and cumulative-dose plots are written to DIR
as SVG files.
"""

import argparse
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
    presets = [dose.tissue(name) for name in PRESETS]
    cols = "".join("  %13s" % ("EQD2 a/b %g" % t.alpha_beta_gy) for t in presets)
    print("%-10s %-23s %8s %3s %7s  %-9s%s" % ("course", "dates", "total", "n", "d/fx",
                                              "class", cols))
    for course in p.timeline(kinds="radiotherapy"):
        first, last = course.fraction_dates
        d, _uniform = course.dose_per_fraction_gy
        regimen = course.regimen
        eqd2 = [course.dose(t.name).eqd2_gy for t in presets]
        dates = str(first) if first == last else "%s to %s" % (first, last)
        print("%-10s %-23s %6.1f Gy %3d %4.1f Gy  %-9s%s" % (
            course.course_id, dates, course.total_dose_gy, len(course.fractions), d,
            regimen.name, "".join("  %10.1f Gy" % e for e in eqd2)))
        lo, hi = course.overall_days
        print("%-10s targets %s; overall time %s days; rule: %s" % (
            "", ", ".join(l.id for l in course.targets) or "-",
            lo if lo == hi else "%d-%d" % (lo, hi), regimen.sources[0].split(":")[0]))
        timing = course.drug_timing("pembrolizumab")
        print("%-10s pembrolizumab: %s (last dose %s days before, next %s days after)" % (
            "", timing.timing, timing.days_since_previous, timing.days_until_next))
    for t in presets:
        print("a/b %g Gy (%s): %s%s" % (t.alpha_beta_gy, t.name, t.citation,
                                        "" if t.verified else " [unverified]"))


def immunotherapy(p):
    heading("Immunotherapy")
    drugs = []
    for event in p.timeline(kinds="systemic"):
        for agent in event.agents:
            if agent.drug not in drugs:
                drugs.append(agent.drug)
    # Given per line of therapy: "at least" when cycle numbers or a series
    # recorded with unknown dates show administrations the record does not date.
    given = {}
    for line in p.exposure():
        for d in line.drugs:
            n, exact = given.get(d.drug, (0, True))
            given[d.drug] = (n + d.count, exact and d.exact)
    for drug in drugs:
        first, last, count = p.drug_summary(drug)
        n, exact = given.get(drug, (count, True))
        lo, hi = p.drug_exposure_days(drug)
        try:
            total, unit = p.drug_cumulative_dose(drug)
            cumulative = "%g %s" % (total, unit)
        except ldrt.NotFound:
            cumulative = "not computable (a dose is not recorded)"
        print("%-14s %3s administrations (%d dated), %s to %s (%s days); cumulative %s" % (
            drug, n if exact else "at least %d" % n, count, first, last,
            lo if lo == hi else "%d-%d" % (lo, hi), cumulative))
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
    # The line of therapy: the rechallenge after the March 2023 recurrence.
    r = p.resistance("pembrolizumab", line_start="2023-03", assessment=assessment)
    print("%s: %s" % (r.category, r.reason))
    # Every line (drugs given together are one line; adjuvant lines are not applicable).
    for line in p.therapy_lines():
        r = p.line_resistance(line, assessment)
        print("line from %s: %s" % (line.date, r.category))


def lesion_responses(p):
    heading("Lesion responses to the low-dose course (abscopal: out of field)")
    course = p.find_course("LXRT-2023")
    for r in course.response():
        print("%-6s %-12s %5.1f mm -> best %4.1f mm (%+.1f%%)%s" % (
            r.lesion.id, "in field" if r.in_field else "out of field", r.before_mm, r.best_mm,
            r.best_change_pct,
            "; responded %d days after the last fraction" % r.days_to_response
            if r.responded else ""))
        print("       " + ", ".join("%s %.1f mm (%+.1f%%)" % s for s in r.scans))
    n = sum(1 for r in course.response() if r.responded and not r.in_field)
    print("abscopal responses: %d" % n)


def main(argv):
    parser = argparse.ArgumentParser(description="The seed case end to end.")
    parser.add_argument("document", nargs="?", default=DEFAULT, help="a patient document")
    parser.add_argument("--plots", metavar="DIR", help="write the SVG plots into DIR")
    args = parser.parse_args(argv[1:])
    path = args.document
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
        lesion_responses(p)
        heading("Timeline")
        print(p.render_timeline("text"), end="")
        if args.plots:
            heading("Plots")
            for kind in ("swimmer", "spider", "dose"):
                out = os.path.join(args.plots, "%s-%s.svg" % (p.id, kind))
                try:
                    p.plot(kind, path=out)
                except ldrt.Error as e:
                    print("case_report: %s" % e, file=sys.stderr)
                    return 1
                print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
