#!/usr/bin/env python3
"""Checks FHIR bundles against the table of mCODE STU4 required elements
(tests/fhir/required-elements.tsv): every resource that claims a profile
must carry what the table lists for it, and every profile of the table must
be met at least once across the bundles checked (so a rule cannot go
unexercised). Standard library only.

Usage: check_required.py TABLE BUNDLE...
"""
import json
import sys

MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
DAR = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


def nonempty(v):
    return v not in (None, "", [], {})


def get_path(res, path):
    """Values at a dotted path (lists are walked)."""
    vals = [res]
    for part in path.split("."):
        nxt = []
        for v in vals:
            if isinstance(v, list):
                v = [x.get(part) for x in v if isinstance(x, dict)]
                nxt.extend(x for x in v if x is not None)
            elif isinstance(v, dict) and part in v:
                nxt.append(v[part])
        vals = nxt
    out = []
    for v in vals:
        out.extend(v if isinstance(v, list) else [v])
    return out


def has_coding(values, system, code):
    for cc in values:
        for c in (cc or {}).get("coding", []):
            if c.get("system") == system and c.get("code") == code:
                return True
    return False


def extensions(res, url):
    return [e for e in res.get("extension", []) if e.get("url") == url]


def check(res, rule, path, value):
    if rule == "present":
        return any(nonempty(res.get(p)) for p in path.split("|"))
    if rule == "absent":
        return not nonempty(res.get(path))
    if rule == "name-or-absent":
        names = res.get(path) or []
        return bool(names) and all(
            n.get("family") or n.get("given") or any(e.get("url") == DAR for e in n.get("extension", []))
            for n in names)
    if rule == "coding":
        system, code = value.split("|")
        return has_coding(get_path(res, path), system, code)
    if rule == "component":
        system, code = value.split("|")
        return any(has_coding([c.get("code")], system, code) for c in res.get("component", []))
    if rule == "sub-extension":
        return all(any(s.get("url") == value for s in e.get("extension", [])) for e in extensions(res, path))
    if rule == "dose-unit":
        sub, unit = value.split("|")
        for e in extensions(res, path):
            for s in e.get("extension", []):
                if s.get("url") == sub:
                    q = s.get("valueQuantity", {})
                    if q.get("code") != unit or q.get("system") != "http://unitsofmeasure.org":
                        return False
        return True
    raise SystemExit("unknown rule %r" % rule)


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            profile, rule, path, value, source = line.rstrip("\n").split("\t")
            rows.append((profile, rule, path, value, source))
    seen = set()
    failures = 0
    for name in sys.argv[2:]:
        with open(name, encoding="utf-8") as f:
            bundle = json.load(f)
        count = 0
        for entry in bundle.get("entry", []):
            res = entry["resource"]
            profiles = [p[len(MCODE):] for p in res.get("meta", {}).get("profile", []) if p.startswith(MCODE)]
            for profile, rule, path, value, source in rows:
                if profile not in profiles:
                    continue
                seen.add(profile)
                count += 1
                if not check(res, rule, path, value):
                    failures += 1
                    print("%s: %s/%s (%s): %s %s %s fails (%s)" % (
                        name, res["resourceType"], res.get("id"), profile, rule, path,
                        "" if value == "-" else value, source))
        print("%s: %d required-element checks" % (name, count))
    missing = sorted({r[0] for r in rows} - seen)
    if missing:
        failures += 1
        print("profiles of the table no bundle exercised: " + ", ".join(missing))
    sys.exit(1 if failures else 0)


main()
