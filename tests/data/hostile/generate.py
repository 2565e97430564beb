#!/usr/bin/env python3
"""Writes the hostile-document corpus of tests/data/hostile.

Each document attacks one thing: nesting, sizes, encodings, NUL, duplicate
keys, NaN/Infinity/1e400, absurd numbers, impossible and partial dates,
undefined and duplicate ids, orders, empty strings, unknown members, and the
limits of the format. Most are a valid base document with one change; some
are raw bytes. tests/check_hostile.c runs every one through every command of
ldrt (validate, report, assess, timeline, plot, dose) and checks the
contract: exit 0 or 1, an error on stderr and nothing on stdout on failure,
JSON that parses, SVG that is well-formed, no hang, no crash.

The output is deterministic: run it again and git shows no change.
  python3 tests/data/hostile/generate.py
SPDX-License-Identifier: MIT
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = {
    "ldrt": 1,
    "patient": {"id": "hostile", "sex": "female", "birth_date": "1960"},
    "diagnoses": [{"date": "2020-05-04", "condition": "melanoma", "site": "back",
                   "stage": "IV", "markers": {"BRAF": "V600E"}}],
    "lesions": [
        {"id": "T1", "site": "liver", "organ": "liver", "nodal": False, "category": "target"},
        {"id": "T2", "site": "hilar node", "organ": "lymph node", "nodal": True,
         "category": "target"},
        {"id": "NT1", "site": "bone", "organ": "bone", "category": "non-target"},
    ],
    "events": [
        {"type": "diagnosis", "date": "2020-05-04", "id": "dx", "site": "back",
         "detail": "nodular melanoma"},
        {"type": "surgery", "date": "2020-06", "procedure": "excision", "site": "back",
         "pathology": "pT3b"},
        {"type": "imaging", "date": "2020-06-20", "id": "base", "modality": "PET/CT",
         "baseline": True,
         "measurements": [{"lesion": "T1", "diameter_mm": 31.5},
                          {"lesion": "T2", "diameter_mm": 18}],
         "sul_peak": [{"lesion": "T1", "value": 7.25}], "liver_sul_mean": 1.9,
         "non_target": {"NT1": "present"}},
        {"type": "systemic", "date": "2020-07-01", "id": "nivo",
         "agents": [{"drug": "nivolumab", "dose": 240, "unit": "mg"}],
         "regimen": "nivolumab q2w", "cycle": 1, "intent": "palliative",
         "repeat": {"every_days": 14, "count": 4}},
        {"type": "radiotherapy", "date": "2020-08-03", "course_id": "RT1", "targets": ["T1"],
         "site": "liver", "technique": "SBRT", "modality": "photon", "intent": "ablative",
         "margin_mm": 5,
         "prescription": {"total_gy": 45, "fractions": 3, "schedule": "weekdays"}},
        {"type": "radiotherapy", "date": "2020-08-10", "end": "2020-08-11",
         "course_id": "RT2", "targets": ["T2"], "technique": "3D-CRT",
         "fractions": [{"date": "2020-08-10", "dose_gy": 1},
                       {"date": "2020-08-11", "dose_gy": 1.25}]},
        {"type": "toxicity", "date": "2020-08-20", "term": "Colitis", "grade": 3,
         "attribution": "immunotherapy", "resolved": "2020-09"},
        {"type": "hold", "date": "2020-08-21", "end": "2020-09-30", "kind": "holiday",
         "drugs": ["nivolumab"], "reason": "colitis"},
        {"type": "imaging", "date": "2020-09-15", "modality": "PET/CT",
         "measurements": [{"lesion": "T1", "diameter_mm": 20},
                          {"lesion": "T2", "diameter_mm": 9}],
         "sul_peak": [{"lesion": "T1", "value": 3.1}], "liver_sul_mean": 2.0,
         "non_target": {"NT1": "present"}, "new_lesions": []},
        {"type": "imaging", "date": "2020-11-15", "modality": "CT",
         "measurements": [{"lesion": "T1", "diameter_mm": 18},
                          {"lesion": "T2", "diameter_mm": 8}],
         "non_target": {"NT1": "absent"}, "new_lesions": []},
        {"type": "note", "date": "2021-02", "note": "review"},
    ],
}

# Event indexes in BASE["events"].
EV_SURGERY, EV_BASE, EV_SYSTEMIC, EV_RT1, EV_RT2, EV_TOX, EV_HOLD, EV_SCAN1, EV_SCAN2 = \
    1, 2, 3, 4, 5, 6, 7, 8, 9

docs = []  # (name, bytes)


def add_raw(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    docs.append((name, data))


def add(name, doc):
    add_raw(name, json.dumps(doc, ensure_ascii=False, allow_nan=True) + "\n")


def mutate(name, fn):
    d = copy.deepcopy(BASE)
    fn(d)
    add(name, d)


def setter(path, value):
    """A mutation that sets BASE[path...] = value (path: keys and indexes)."""
    def fn(d):
        o = d
        for k in path[:-1]:
            o = o[k]
        o[path[-1]] = value
    return fn


def deleter(path):
    def fn(d):
        o = d
        for k in path[:-1]:
            o = o[k]
        del o[path[-1]]
    return fn


def walk_strings(o, f):
    """Replaces every string value (not keys, not type/dates/enums) by f(s)."""
    keep = {"type", "date", "end", "resolved", "category", "schedule", "kind", "criteria",
            "overall"}
    if isinstance(o, dict):
        for k, v in list(o.items()):
            if isinstance(v, str) and k not in keep:
                o[k] = f(v)
            else:
                walk_strings(v, f)
    elif isinstance(o, list):
        for i, v in enumerate(o):
            if isinstance(v, str):
                o[i] = f(v)
            else:
                walk_strings(v, f)


def rename_lesion(d, old, new):
    for l in d["lesions"]:
        if l["id"] == old:
            l["id"] = new
    for e in d["events"]:
        if "targets" in e:
            e["targets"] = [new if t == old else t for t in e["targets"]]
        for key in ("measurements", "sul_peak"):
            for m in e.get(key, []):
                if m["lesion"] == old:
                    m["lesion"] = new


def reverse_members(o):
    if isinstance(o, dict):
        items = list(o.items())
        o.clear()
        for k, v in reversed(items):
            reverse_members(v)
            o[k] = v
    elif isinstance(o, list):
        for v in o:
            reverse_members(v)


def base_text():
    return json.dumps(BASE, ensure_ascii=False)


# ---- valid references -------------------------------------------------------------
add("base", BASE)
add("minimal", {"ldrt": 1, "patient": {"id": "m"}, "events": []})

# ---- not a document: structure, encodings, NUL --------------------------------------
add_raw("empty-file", b"")
add_raw("whitespace-only", b" \n\t\r\n ")
add_raw("null", b"null")
add_raw("top-array", b"[]")
add_raw("top-empty-object", b"{}")
add_raw("top-string", b'"ldrt"')
add_raw("top-number", b"1")
add_raw("truncated-half", base_text()[: len(base_text()) // 2])
add_raw("truncated-one-byte", base_text()[:-1])
add_raw("trailing-garbage", base_text() + " x")
add_raw("two-documents", base_text() + base_text())
add_raw("trailing-comma", base_text()[:-1] + ",}")
add_raw("single-quotes", "{'ldrt': 1, 'patient': {'id': 'x'}, 'events': []}")
add_raw("comments", '{"ldrt": 1, /* c */ "patient": {"id": "x"}, "events": []}')
add_raw("utf8-bom", b"\xef\xbb\xbf" + base_text().encode())
add_raw("utf16le-bom", b"\xff\xfe" + base_text().encode("utf-16-le"))
add_raw("utf16be", base_text().encode("utf-16-be"))
add_raw("utf32le", base_text().encode("utf-32-le"))
add_raw("latin1-in-string", '{"ldrt": 1, "patient": {"id": "caf\xe9"}, "events": []}'
        .encode("latin-1"))
add_raw("invalid-utf8-continuation", b'{"ldrt": 1, "patient": {"id": "a\x80b"}, "events": []}')
add_raw("overlong-utf8-nul", b'{"ldrt": 1, "patient": {"id": "a\xc0\x80b"}, "events": []}')
add_raw("overlong-utf8-slash", b'{"ldrt": 1, "patient": {"id": "a\xe0\x80\xafb"}, "events": []}')
add_raw("utf8-surrogate-encoded", b'{"ldrt": 1, "patient": {"id": "a\xed\xa0\x80b"}, "events": []}')
add_raw("utf8-above-10ffff", b'{"ldrt": 1, "patient": {"id": "a\xf4\x90\x80\x80b"}, "events": []}')
add_raw("utf8-truncated-at-end", b'{"ldrt": 1, "patient": {"id": "a\xe2\x82"}, "events": []}')
add_raw("escape-lone-high-surrogate", '{"ldrt": 1, "patient": {"id": "a\\ud800b"}, "events": []}')
add_raw("escape-lone-low-surrogate", '{"ldrt": 1, "patient": {"id": "a\\udc00b"}, "events": []}')
add_raw("escape-surrogate-pair", '{"ldrt": 1, "patient": {"id": "a\\ud83d\\ude00b"}, "events": []}')
add_raw("escape-nul-in-id", '{"ldrt": 1, "patient": {"id": "a\\u0000b"}, "events": []}')
add_raw("escape-nul-in-key", '{"ldrt": 1, "patient": {"id": "a", "x\\u0000y": 1}, "events": []}')
add_raw("escape-nul-in-note", '{"ldrt": 1, "patient": {"id": "a"}, "events": '
        '[{"type": "note", "date": "2020", "note": "a\\u0000b"}]}')
add_raw("raw-nul-in-string", b'{"ldrt": 1, "patient": {"id": "a\x00b"}, "events": []}')
add_raw("raw-nul-after-document", base_text().encode() + b"\x00")
add_raw("raw-nul-before-document", b"\x00" + base_text().encode())
add_raw("raw-control-in-string", b'{"ldrt": 1, "patient": {"id": "a\x01\x1fb"}, "events": []}')
add_raw("raw-newline-in-string", b'{"ldrt": 1, "patient": {"id": "a\nb"}, "events": []}')
add_raw("bad-escape", '{"ldrt": 1, "patient": {"id": "a\\qb"}, "events": []}')
add_raw("short-unicode-escape", '{"ldrt": 1, "patient": {"id": "a\\u12"}, "events": []}')
add_raw("unterminated-string", '{"ldrt": 1, "patient": {"id": "abc')
add_raw("all-bytes", bytes(range(256)))

# ---- nesting --------------------------------------------------------------------------
for depth in (31, 32, 33, 100, 20000):
    add_raw("nesting-unknown-array-%d" % depth,
            '{"ldrt": 1, "patient": {"id": "n"}, "events": [], "x": '
            + "[" * depth + "]" * depth + "}")
add_raw("nesting-unknown-object-40",
        '{"ldrt": 1, "patient": {"id": "n"}, "events": [], "x": '
        + '{"a":' * 40 + "1" + "}" * 40 + "}")
add_raw("nesting-unclosed-20000", '{"ldrt": 1, "x": ' + "[" * 20000)
add_raw("nesting-in-markers", '{"ldrt": 1, "patient": {"id": "n"}, "events": [], "diagnoses": '
        '[{"markers": {"BRAF": ' + "[" * 50 + "]" * 50 + "}}]}")

# ---- duplicate keys ------------------------------------------------------------------
add_raw("duplicate-key-top", '{"ldrt": 1, "ldrt": 1, "patient": {"id": "d"}, "events": []}')
add_raw("duplicate-key-patient-id", '{"ldrt": 1, "patient": {"id": "a", "id": "b"}, "events": []}')
add_raw("duplicate-key-events", '{"ldrt": 1, "patient": {"id": "a"}, "events": [], "events": []}')
add_raw("duplicate-key-dose", '{"ldrt": 1, "patient": {"id": "a"}, "events": [{"type": '
        '"radiotherapy", "date": "2020-01-01", "fractions": [{"date": "2020-01-01", '
        '"dose_gy": 2, "dose_gy": 200}]}]}')
add_raw("duplicate-key-unknown", '{"ldrt": 1, "patient": {"id": "a"}, "events": [], '
        '"x": 1, "x": 2}')
add_raw("duplicate-key-non-target", base_text().replace(
    '"non_target": {"NT1": "present"}', '"non_target": {"NT1": "present", "NT1": "absent"}', 1))

# ---- NaN, Infinity, 1e400 and friends ---------------------------------------------------
NUMERIC_FIELDS = [
    ("ldrt", ["ldrt"]),
    ("total-gy", ["events", EV_RT1, "prescription", "total_gy"]),
    ("prescription-fractions", ["events", EV_RT1, "prescription", "fractions"]),
    ("fraction-dose", ["events", EV_RT2, "fractions", 0, "dose_gy"]),
    ("margin", ["events", EV_RT1, "margin_mm"]),
    ("diameter", ["events", EV_BASE, "measurements", 0, "diameter_mm"]),
    ("sul-peak", ["events", EV_BASE, "sul_peak", 0, "value"]),
    ("liver-sul", ["events", EV_BASE, "liver_sul_mean"]),
    ("agent-dose", ["events", EV_SYSTEMIC, "agents", 0, "dose"]),
    ("cycle", ["events", EV_SYSTEMIC, "cycle"]),
    ("every-days", ["events", EV_SYSTEMIC, "repeat", "every_days"]),
    ("repeat-count", ["events", EV_SYSTEMIC, "repeat", "count"]),
    ("grade", ["events", EV_TOX, "grade"]),
]
MARK = "__HOSTILE_NUMBER__"
for token in ("NaN", "Infinity", "-Infinity", "1e400", "-1e400"):
    for label, path in NUMERIC_FIELDS[:9] if token != "NaN" else NUMERIC_FIELDS:
        d = copy.deepcopy(BASE)
        setter(path, MARK)(d)
        text = json.dumps(d).replace('"%s"' % MARK, token)
        add_raw("number-%s-%s" % (token.lower().replace("-", "minus-"), label), text)

# Absurd but finite numbers.
ABSURD = [
    ("fraction-dose-1e30-2e30", lambda d: d["events"][EV_RT2].update(
        fractions=[{"date": "2020-08-10", "dose_gy": 1e30},
                   {"date": "2020-08-11", "dose_gy": 2e30}])),
    ("fraction-dose-max-double", setter(["events", EV_RT2, "fractions", 0, "dose_gy"],
                                        1.7976931348623157e308)),
    ("fraction-dose-denormal", setter(["events", EV_RT2, "fractions", 0, "dose_gy"], 5e-324)),
    ("fraction-dose-zero", setter(["events", EV_RT2, "fractions", 0, "dose_gy"], 0)),
    ("fraction-dose-negative", setter(["events", EV_RT2, "fractions", 0, "dose_gy"], -2)),
    ("fraction-dose-negative-zero", setter(["events", EV_RT2, "fractions", 0, "dose_gy"], -0.0)),
    ("fraction-dose-string", setter(["events", EV_RT2, "fractions", 0, "dose_gy"], "2")),
    ("fraction-dose-unequal", setter(["events", EV_RT2, "fractions", 1, "dose_gy"], 2.5)),
    ("total-gy-1e300", setter(["events", EV_RT1, "prescription", "total_gy"], 1e300)),
    ("total-gy-1e-300", setter(["events", EV_RT1, "prescription", "total_gy"], 1e-300)),
    ("total-gy-zero", setter(["events", EV_RT1, "prescription", "total_gy"], 0)),
    ("total-gy-true", setter(["events", EV_RT1, "prescription", "total_gy"], True)),
    ("prescription-fractions-zero", setter(["events", EV_RT1, "prescription", "fractions"], 0)),
    ("prescription-fractions-negative",
     setter(["events", EV_RT1, "prescription", "fractions"], -3)),
    ("prescription-fractions-half", setter(["events", EV_RT1, "prescription", "fractions"], 2.5)),
    ("prescription-fractions-1001", setter(["events", EV_RT1, "prescription", "fractions"], 1001)),
    ("prescription-fractions-1000", setter(["events", EV_RT1, "prescription", "fractions"], 1000)),
    ("prescription-fractions-2pow31",
     setter(["events", EV_RT1, "prescription", "fractions"], 2 ** 31)),
    ("prescription-fractions-2pow63",
     setter(["events", EV_RT1, "prescription", "fractions"], 2 ** 63)),
    ("prescription-fractions-2pow64",
     setter(["events", EV_RT1, "prescription", "fractions"], 2 ** 64)),
    ("prescription-fractions-1e20",
     setter(["events", EV_RT1, "prescription", "fractions"], 1e20)),
    ("ldrt-2", setter(["ldrt"], 2)),
    ("ldrt-0", setter(["ldrt"], 0)),
    ("ldrt-1.0", setter(["ldrt"], 1.0)),
    ("ldrt-1.5", setter(["ldrt"], 1.5)),
    ("ldrt-string", setter(["ldrt"], "1")),
    ("ldrt-2pow64-plus-1", setter(["ldrt"], 2 ** 64 + 1)),
    ("margin-negative", setter(["events", EV_RT1, "margin_mm"], -5)),
    ("margin-1e300", setter(["events", EV_RT1, "margin_mm"], 1e300)),
    ("diameter-negative", setter(["events", EV_BASE, "measurements", 0, "diameter_mm"], -1)),
    ("diameter-1e300", setter(["events", EV_BASE, "measurements", 0, "diameter_mm"], 1e300)),
    ("diameter-followup-1e300",
     setter(["events", EV_SCAN1, "measurements", 0, "diameter_mm"], 1e300)),
    ("diameter-baseline-zero-all", lambda d: d["events"][EV_BASE].update(
        measurements=[{"lesion": "T1", "diameter_mm": 0}, {"lesion": "T2", "diameter_mm": 0}])),
    ("diameter-all-zero", lambda d: [e.update(measurements=[
        {"lesion": "T1", "diameter_mm": 0}, {"lesion": "T2", "diameter_mm": 0}])
        for e in d["events"] if e["type"] == "imaging"]),
    ("diameter-denormal", setter(["events", EV_BASE, "measurements", 0, "diameter_mm"], 5e-324)),
    ("diameter-too-small-and-value", setter(["events", EV_BASE, "measurements", 0, "too_small"],
                                            True)),
    ("diameter-all-too-small", lambda d: [e.update(measurements=[
        {"lesion": "T1", "too_small": True}, {"lesion": "T2", "too_small": True}])
        for e in d["events"] if e["type"] == "imaging"]),
    ("diameter-all-null", lambda d: [e.update(measurements=[
        {"lesion": "T1", "diameter_mm": None}, {"lesion": "T2", "diameter_mm": None}])
        for e in d["events"] if e["type"] == "imaging"]),
    ("sul-peak-zero", setter(["events", EV_BASE, "sul_peak", 0, "value"], 0)),
    ("sul-peak-negative", setter(["events", EV_BASE, "sul_peak", 0, "value"], -1)),
    ("sul-peak-1e300", setter(["events", EV_SCAN1, "sul_peak", 0, "value"], 1e300)),
    ("liver-sul-zero", setter(["events", EV_BASE, "liver_sul_mean"], 0)),
    ("liver-sul-1e300", setter(["events", EV_BASE, "liver_sul_mean"], 1e300)),
    ("agent-dose-negative", setter(["events", EV_SYSTEMIC, "agents", 0, "dose"], -240)),
    ("agent-dose-1e300", setter(["events", EV_SYSTEMIC, "agents", 0, "dose"], 1e300)),
    ("cycle-negative", setter(["events", EV_SYSTEMIC, "cycle"], -1)),
    ("cycle-2pow40", setter(["events", EV_SYSTEMIC, "cycle"], 2 ** 40)),
    ("every-days-zero", setter(["events", EV_SYSTEMIC, "repeat", "every_days"], 0)),
    ("every-days-3661", setter(["events", EV_SYSTEMIC, "repeat", "every_days"], 3661)),
    ("every-days-3660-count-1000", lambda d: d["events"][EV_SYSTEMIC].update(
        repeat={"every_days": 3660, "count": 1000})),
    ("repeat-count-zero", setter(["events", EV_SYSTEMIC, "repeat", "count"], 0)),
    ("repeat-count-1001", setter(["events", EV_SYSTEMIC, "repeat", "count"], 1001)),
    ("grade-zero", setter(["events", EV_TOX, "grade"], 0)),
    ("grade-six", setter(["events", EV_TOX, "grade"], 6)),
    ("grade-2.5", setter(["events", EV_TOX, "grade"], 2.5)),
    ("number-leading-zero", None),
    ("number-hex", None),
    ("number-plus-sign", None),
    ("number-1e-400", None),
    ("number-300-digits", None),
]
for name, fn in ABSURD:
    if fn is not None:
        mutate(name, fn)
for name, token in (("number-leading-zero", "045"), ("number-hex", "0x2d"),
                    ("number-plus-sign", "+45"), ("number-1e-400", "1e-400"),
                    ("number-300-digits", "1" * 300)):
    add_raw(name, base_text().replace('"total_gy": 45', '"total_gy": ' + token, 1))

# ---- dates ------------------------------------------------------------------------------
BAD_DATES = ["2023-02-30", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "0000",
             "10000", "2023-7-21", "2023-07-21T00:00:00Z", "", " 2023", "-2023", "2023-",
             "20230721", "2023/07/21", "99999-01-01", "2023-07-21\u0000", "２０２３"]
for i, bad in enumerate(BAD_DATES):
    mutate("date-bad-%02d-event" % i, setter(["events", EV_SCAN1, "date"], bad))
mutate("date-bad-birth", setter(["patient", "birth_date"], "1960-02-30"))
mutate("date-bad-fraction", setter(["events", EV_RT2, "fractions", 0, "date"], "2020-08-32"))
mutate("date-bad-resolved", setter(["events", EV_TOX, "resolved"], "2020-13"))
mutate("date-number", setter(["events", EV_SCAN1, "date"], 20200915))
mutate("date-null", setter(["events", EV_SCAN1, "date"], None))
mutate("date-missing", deleter(["events", EV_SCAN1, "date"]))
mutate("date-leap-2024-02-29", setter(["events", EV_SCAN2, "date"], "2024-02-29"))
mutate("date-0001-01-01", setter(["events", 0, "date"], "0001-01-01"))
mutate("date-9999-12-31", setter(["events", EV_SCAN2, "date"], "9999-12-31"))
mutate("date-series-past-9999", lambda d: d["events"][EV_SYSTEMIC].update(
    date="9999-12", repeat={"every_days": 3660, "count": 1000}))
mutate("date-prescription-past-9999", lambda d: d["events"][EV_RT1].update(
    date="9999-12-30", prescription={"total_gy": 20, "fractions": 5, "schedule": "daily"}))
mutate("date-end-before-start", setter(["events", EV_HOLD, "end"], "2020-08-01"))
mutate("date-resolved-before", setter(["events", EV_TOX, "resolved"], "2019"))
mutate("date-fraction-outside-course", setter(["events", EV_RT2, "fractions", 1, "date"],
                                              "2020-08-20"))
mutate("date-fractions-reversed", lambda d: d["events"][EV_RT2].update(
    fractions=[{"date": "2020-08-11", "dose_gy": 1}, {"date": "2020-08-10", "dose_gy": 1}]))
mutate("date-weekdays-on-saturday", setter(["events", EV_RT1, "date"], "2020-08-08"))
mutate("date-all-year-only", lambda d: [e.update(date="2020") for e in d["events"]
                                        if "date" in e])
mutate("date-all-month-only", lambda d: [e.update(date=e["date"][:7]) for e in d["events"]])
mutate("date-partial-prescription-weekdays", setter(["events", EV_RT1, "date"], "2020-08"))
mutate("date-partial-fractions", lambda d: d["events"][EV_RT2].update(
    date="2020-08", end="2020-08",
    fractions=[{"date": "2020-08", "dose_gy": 1}, {"date": "2020-08", "dose_gy": 1.25}]))
mutate("date-birth-after-events", setter(["patient", "birth_date"], "2030"))
mutate("date-scans-same-day", setter(["events", EV_SCAN1, "date"], "2020-06-20"))

# ---- ids: undefined, duplicate, empty ------------------------------------------------------
IDS = [
    ("undefined-target", setter(["events", EV_RT1, "targets"], ["T9"])),
    ("undefined-measurement", setter(["events", EV_SCAN1, "measurements", 0, "lesion"], "T9")),
    ("undefined-sul-peak", setter(["events", EV_BASE, "sul_peak", 0, "lesion"], "T9")),
    ("undefined-non-target", setter(["events", EV_SCAN1, "non_target"], {"T9": "present"})),
    ("undefined-surgery-lesion", setter(["events", EV_SURGERY, "lesions"], ["T9"])),
    ("duplicate-lesion-id", lambda d: d["lesions"].append(dict(d["lesions"][0]))),
    ("duplicate-event-id", setter(["events", EV_SCAN1, "id"], "base")),
    ("duplicate-course-id", setter(["events", EV_RT2, "course_id"], "RT1")),
    ("duplicate-target-in-course", setter(["events", EV_RT1, "targets"], ["T1", "T1"])),
    ("duplicate-measurement", lambda d: d["events"][EV_SCAN1]["measurements"].append(
        {"lesion": "T1", "diameter_mm": 40})),
    ("duplicate-new-lesion", setter(["events", EV_SCAN1, "new_lesions"],
                                    [{"id": "N1"}, {"id": "N1"}])),
    ("new-lesion-id-is-target", setter(["events", EV_SCAN1, "new_lesions"], [{"id": "T1"}])),
    ("empty-lesion-id", setter(["lesions", 0, "id"], "")),
    ("empty-patient-id", setter(["patient", "id"], "")),
    ("empty-course-id", setter(["events", EV_RT1, "course_id"], "")),
    ("empty-event-id", setter(["events", EV_SCAN1, "id"], "")),
    ("empty-target", setter(["events", EV_RT1, "targets"], [""])),
    ("empty-drug", setter(["events", EV_SYSTEMIC, "agents", 0, "drug"], "")),
    ("empty-strings-everywhere", lambda d: walk_strings(d, lambda s: "")),
    ("id-number", setter(["patient", "id"], 7)),
    ("id-missing", deleter(["patient", "id"])),
    ("lesion-id-missing", deleter(["lesions", 0, "id"])),
    ("measured-lesion-removed-by-surgery", setter(["events", EV_SURGERY, "lesions"], ["T1"])),
    ("target-is-non-target-lesion", setter(["events", EV_BASE, "measurements", 0, "lesion"],
                                           "NT1")),
]




for name, fn in IDS:
    mutate(name, fn)

# ---- hostile text ---------------------------------------------------------------------------
TEXTS = [
    ("ansi-escape", "\u001b[31mred\u001b[0m\u001b]0;title\u0007"),
    ("control-chars", "".join(chr(c) for c in range(1, 32))),
    ("del-and-c1", "\u007f\u0085\u009b2J"),
    ("format-specifiers", "%s%n%p%x%99999999d%%"),
    ("markdown-and-html", "| a | b |\n<script>alert(1)</script>&amp;**x**`y`"),
    ("quotes-and-backslash", "\"\\\"'\\\\"),
    ("rtl-and-zero-width", "\u202eevil\u200b\u200d\ufeff"),
    ("emoji-and-cjk", "\U0001F600 \u6f22\u5b57 e\u0301"),
    ("long-64k", "x" * 65536),
    ("long-64k-plus-1", "x" * 65537),
    ("long-multibyte-near-limit", "\u00e9" * 32768),
]
for label, text in TEXTS:
    mutate("text-%s-note" % label, setter(["events", 10, "note"], text))
    if len(text) < 1000:
        mutate("text-%s-id" % label, lambda d, t=text: rename_lesion(d, "T1", t))
mutate("text-ansi-escape-everywhere", lambda d: walk_strings(d, lambda s: s + "\u001b[2J"))




# ---- types, enums, shapes --------------------------------------------------------------------
SHAPES = [
    ("events-missing", deleter(["events"])),
    ("events-null", setter(["events"], None)),
    ("events-object", setter(["events"], {})),
    ("event-not-object", setter(["events", 0], "diagnosis")),
    ("event-type-missing", deleter(["events", 0, "type"])),
    ("event-type-unknown", setter(["events", 0, "type"], "teleportation")),
    ("event-type-number", setter(["events", 0, "type"], 3)),
    ("event-type-case", setter(["events", 0, "type"], "Diagnosis")),
    ("patient-missing", deleter(["patient"])),
    ("patient-array", setter(["patient"], [])),
    ("lesions-null", setter(["lesions"], None)),
    ("lesions-empty", setter(["lesions"], [])),
    ("diagnoses-empty", setter(["diagnoses"], [])),
    ("markers-array", setter(["diagnoses", 0, "markers"], ["BRAF"])),
    ("markers-number-value", setter(["diagnoses", 0, "markers"], {"BRAF": 1})),
    ("category-unknown", setter(["lesions", 0, "category"], "primary")),
    ("nodal-string", setter(["lesions", 0, "nodal"], "yes")),
    ("baseline-string", setter(["events", EV_BASE, "baseline"], "true")),
    ("two-baselines", setter(["events", EV_SCAN1, "baseline"], True)),
    ("no-baseline", setter(["events", EV_BASE, "baseline"], False)),
    ("measurements-object", setter(["events", EV_BASE, "measurements"], {})),
    ("non-target-value-unknown", setter(["events", EV_SCAN1, "non_target"], {"NT1": "gone"})),
    ("recorded-response-unknown-criteria", setter(["events", EV_SCAN2, "recorded_response"],
                                                  {"criteria": "who", "overall": "PR"})),
    ("recorded-response-unknown-overall", setter(["events", EV_SCAN2, "recorded_response"],
                                                 {"criteria": "recist1.1", "overall": "XR"})),
    ("recorded-response-irecist-on-recist", setter(["events", EV_SCAN2, "recorded_response"],
                                                   {"criteria": "recist1.1", "overall": "iUPD"})),
    ("schedule-unknown", setter(["events", EV_RT1, "prescription", "schedule"], "hourly")),
    ("fractions-and-prescription", setter(["events", EV_RT2, "prescription"],
                                          {"total_gy": 2, "fractions": 1, "schedule": "daily"})),
    ("neither-fractions-nor-prescription", deleter(["events", EV_RT2, "fractions"])),
    ("fractions-empty", setter(["events", EV_RT2, "fractions"], [])),
    ("targets-empty", setter(["events", EV_RT1, "targets"], [])),
    ("agents-empty", setter(["events", EV_SYSTEMIC, "agents"], [])),
    ("agents-missing", deleter(["events", EV_SYSTEMIC, "agents"])),
    ("hold-kind-unknown", setter(["events", EV_HOLD, "kind"], "pause")),
    ("hold-drugs-unknown", setter(["events", EV_HOLD, "drugs"], ["aspirin"])),
    ("member-of-other-type", setter(["events", EV_SYSTEMIC, "grade"], 2)),
    ("repeat-without-count", setter(["events", EV_SYSTEMIC, "repeat"], {"every_days": 14})),
    ("repeat-null", setter(["events", EV_SYSTEMIC, "repeat"], None)),
    ("new-lesions-null", setter(["events", EV_SCAN1, "new_lesions"], None)),
    ("diameter-string", setter(["events", EV_BASE, "measurements", 0, "diameter_mm"], "31")),
]
for name, fn in SHAPES:
    mutate(name, fn)

# ---- unknown members -------------------------------------------------------------------------


def add_unknown_everywhere(o, depth=0):
    if isinstance(o, dict):
        for v in list(o.values()):
            add_unknown_everywhere(v, depth + 1)
        o["x-unknown"] = {"a": [1, 2.5, None, True, "s"], "b": {}}
        o["\u00fcnknown \u001b"] = ""
    elif isinstance(o, list):
        for v in o:
            add_unknown_everywhere(v, depth + 1)


mutate("unknown-everywhere", add_unknown_everywhere)
mutate("unknown-1000-members", lambda d: d["patient"].update(
    {"x%04d" % i: i for i in range(1000)}))
mutate("unknown-array-30000", lambda d: d.update({"x": [0] * 30000}))
mutate("unknown-key-empty", lambda d: d.update({"": 1}))
mutate("unknown-key-64k", lambda d: d.update({"k" * 65537: 1}))
mutate("unknown-numbers-hostile", lambda d: d.update(
    {"x": [1e308, -1e308, 5e-324, 2 ** 64, -(2 ** 63) - 1, 0.1]}))
add_raw("unknown-nan-token", '{"ldrt": 1, "patient": {"id": "u"}, "events": [], "x": NaN}')

# ---- orders ------------------------------------------------------------------------------------
mutate("order-events-reversed", lambda d: d["events"].reverse())
mutate("order-events-rotated", lambda d: d.update(events=d["events"][5:] + d["events"][:5]))
mutate("order-followup-before-baseline", setter(["events", EV_SCAN1, "date"], "2020-01-01"))
mutate("order-only-followups", lambda d: d.update(
    events=[e for e in d["events"] if not e.get("baseline")]))
mutate("order-baseline-last", setter(["events", EV_BASE, "date"], "2021-01-01"))
mutate("order-members-reversed", lambda d: d.update(
    {k: d[k] for k in reversed(list(d.keys()))}) or reverse_members(d))




# ---- sizes and limits ----------------------------------------------------------------------------
mutate("limit-lesions-1000", lambda d: d["lesions"].extend(
    {"id": "L%04d" % i, "category": "non-target"} for i in range(997)))
mutate("limit-lesions-1001", lambda d: d["lesions"].extend(
    {"id": "L%04d" % i, "category": "non-target"} for i in range(998)))
mutate("limit-fractions-1000", lambda d: d["events"][EV_RT2].update(
    end="2023-12-31", fractions=[{"date": "2020-08-10", "dose_gy": 0.5}] * 1000))
mutate("limit-fractions-1001", lambda d: d["events"][EV_RT2].update(
    end="2023-12-31", fractions=[{"date": "2020-08-10", "dose_gy": 0.5}] * 1001))
mutate("limit-generated-over-50000", lambda d: d["events"].extend(
    {"type": "systemic", "date": "2021-01-01", "agents": [{"drug": "d%d" % i}],
     "repeat": {"every_days": 1, "count": 1000}} for i in range(51)))
mutate("limit-generated-50000", lambda d: d.update(events=[
    {"type": "systemic", "date": "2021-01-01", "agents": [{"drug": "d%d" % i}],
     "repeat": {"every_days": 1, "count": 1000}} for i in range(50)]))
mutate("limit-targets-many", lambda d: (d["lesions"].extend(
    {"id": "L%03d" % i, "organ": "o%d" % i, "category": "target"} for i in range(200)),
    d["events"][EV_BASE]["measurements"].extend(
        {"lesion": "L%03d" % i, "diameter_mm": 10 + i} for i in range(200)),
    d["events"][EV_SCAN1]["measurements"].extend(
        {"lesion": "L%03d" % i, "diameter_mm": 5 + i} for i in range(200))))
mutate("limit-scans-500", lambda d: d["events"].extend(
    {"type": "imaging", "date": "%04d-%02d-01" % (2021 + i // 12, 1 + i % 12),
     "measurements": [{"lesion": "T1", "diameter_mm": 10 + (i % 7)},
                      {"lesion": "T2", "diameter_mm": 5 + (i % 3)}],
     "sul_peak": [{"lesion": "T1", "value": 1 + (i % 5)}], "liver_sul_mean": 2,
     "non_target": {"NT1": "present"}, "new_lesions": []} for i in range(500)))
mutate("limit-courses-300", lambda d: d["events"].extend(
    {"type": "radiotherapy", "date": "%04d-%02d-03" % (2021 + i // 12, 1 + i % 12),
     "course_id": "C%03d" % i, "targets": ["T1", "T2"],
     "prescription": {"total_gy": 8, "fractions": 1, "schedule": "daily"}}
    for i in range(300)))
mutate("limit-drugs-300", lambda d: d["events"].extend(
    {"type": "systemic", "date": "2021-01-%02d" % (1 + i % 28),
     "agents": [{"drug": "drug-%03d" % i, "dose": i, "unit": "mg"}]} for i in range(300)))
mutate("limit-events-3000", lambda d: d["events"].extend(
    {"type": "note", "date": "2021", "note": "n"} for i in range(3000)))
mutate("limit-string-65536-id", setter(["patient", "id"], "p" * 65536))

# ---- response-specific hazards ------------------------------------------------------------------
mutate("response-recorded-only", lambda d: d.update(lesions=[], events=[
    {"type": "imaging", "date": "2021-01-01", "recorded_response":
     {"criteria": c, "overall": o}} for c, o in
    (("recist1.1", "PR"), ("irecist", "iUPD"), ("percist1.0", "PMR"))]))
mutate("response-no-lesions-scans", lambda d: d.update(lesions=[], events=[
    {"type": "imaging", "date": "2021-01-01", "baseline": True},
    {"type": "imaging", "date": "2021-03-01"}]))
mutate("response-baseline-only", lambda d: d.update(
    events=[e for e in d["events"] if e["type"] != "imaging" or e.get("baseline")]))
mutate("response-nadir-zero", lambda d: d["events"][EV_SCAN1].update(
    measurements=[{"lesion": "T1", "diameter_mm": 0}, {"lesion": "T2", "diameter_mm": 0}]))
mutate("response-new-lesions-only", lambda d: d["events"][EV_SCAN1].update(
    new_lesions=[{"id": "N%d" % i, "diameter_mm": i} for i in range(50)]))
mutate("response-irecist-chain", lambda d: d["events"].extend(
    {"type": "imaging", "date": "2021-0%d-01" % m, "measurements":
     [{"lesion": "T1", "diameter_mm": 30 + 10 * m}, {"lesion": "T2", "diameter_mm": 20}],
     "new_lesions": [{"id": "N%d" % m, "diameter_mm": 12}]} for m in range(1, 9)))


# ---- write ---------------------------------------------------------------------------------------
def main():
    names = set()
    for name, _ in docs:
        if name in names:
            sys.exit("duplicate document name: " + name)
        names.add(name)
    for f in os.listdir(HERE):
        if f.endswith(".json"):
            os.remove(os.path.join(HERE, f))
    for i, (name, data) in enumerate(docs):
        safe = "".join(c if c.isalnum() or c in "-._" else "-" for c in name)
        with open(os.path.join(HERE, "%03d-%s.json" % (i, safe)), "wb") as f:
            f.write(data)
    print("%d documents in %s" % (len(docs), HERE))


main()
