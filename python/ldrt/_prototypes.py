"""The prototypes of every C function the binding calls.

Functions that return a status have an ``errcheck`` that turns a negative
status into the matching :mod:`ldrt.errors` exception, carrying the
library's own message.
"""

import ctypes
from typing import Any, Dict, List, Sequence, Tuple
from ctypes import (POINTER, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint,
                    c_void_p)

from . import _convert, _lib, errors

c_date = c_int32


# Typed opaque handles: ctypes refuses a handle of another type (or a plain
# integer / c_void_p) where one of these is declared.
class _Patient(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Event(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Course(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Scan(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Systemic(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Fraction(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Lesion(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Diagnosis(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class CodeStruct(ctypes.Structure):
    """struct ldrt_code: three borrowed strings."""
    _fields_: List[Tuple[str, Any]] = [("system", c_char_p), ("code", c_char_p),
                                       ("display", c_char_p)]


class _Dvh(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Options(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Assessment(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Resistance(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Exposure(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _CourseResponse(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _Study(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _SdtmOptions(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


class _StudyAudit(ctypes.Structure):
    _fields_: List[Tuple[str, Any]] = []


StudyP = POINTER(_Study)
SdtmOptionsP = POINTER(_SdtmOptions)
StudyAuditP = POINTER(_StudyAudit)


CourseResponseP = POINTER(_CourseResponse)
DvhP = POINTER(_Dvh)
OptionsP = POINTER(_Options)
AssessmentP = POINTER(_Assessment)
ResistanceP = POINTER(_Resistance)
ExposureP = POINTER(_Exposure)
PatientP = POINTER(_Patient)
EventP = POINTER(_Event)
CourseP = POINTER(_Course)
ScanP = POINTER(_Scan)
SystemicP = POINTER(_Systemic)
FractionP = POINTER(_Fraction)
LesionP = POINTER(_Lesion)
DiagnosisP = POINTER(_Diagnosis)


def _status(result: int, func: Any, args: Any) -> int:
    if result < 0:
        lib = _lib.load()
        message = lib.ldrt_last_error().decode("utf-8", "replace")
        raise errors.from_code(result, "%s: %s" % (func.__name__, message))
    return result


COMMON = [
    ("ldrt_strerror", [c_int], c_char_p),
    ("ldrt_last_error", [], c_char_p),
    ("ldrt_last_error_code", [], c_int),
    ("ldrt_clear_error", [], None),
    ("ldrt_version", [], c_int),
    ("ldrt_version_string", [], c_char_p),
    ("ldrt_free", [c_void_p], None),
    ("ldrt_date_parse", [c_char_p, POINTER(c_date)], c_int),
    ("ldrt_date_make", [c_int, c_int, c_int, POINTER(c_date)], c_int),
    ("ldrt_date_format", [c_date, c_char_p, c_size_t], c_int),
    ("ldrt_date_validate", [c_date], c_int),
    ("ldrt_date_parts", [c_date, POINTER(c_int), POINTER(c_int), POINTER(c_int), POINTER(c_int)], c_int),
    ("ldrt_date_earliest", [c_date, POINTER(c_date)], c_int),
    ("ldrt_date_latest", [c_date, POINTER(c_date)], c_int),
    ("ldrt_date_compare", [c_date, c_date, POINTER(c_int)], c_int),
    ("ldrt_date_relation", [c_date, c_date, POINTER(c_int)], c_int),
    ("ldrt_date_days_between", [c_date, c_date, POINTER(c_int64)], c_int),
    ("ldrt_date_days_between_range", [c_date, c_date, POINTER(c_int64), POINTER(c_int64)], c_int),
    ("ldrt_date_add_days", [c_date, c_int64, POINTER(c_date)], c_int),
    ("ldrt_date_to_days", [c_date, POINTER(c_int64)], c_int),
    ("ldrt_date_from_days", [c_int64, POINTER(c_date)], c_int),
    ("ldrt_date_weekday", [c_date, POINTER(c_int)], c_int),
]

_d = POINTER(c_double)
_i = POINTER(c_int)
_i64 = POINTER(c_int64)
_dt = POINTER(c_date)
_s = POINTER(c_char_p)
_events_out = POINTER(POINTER(EventP))
_courses_out = POINTER(POINTER(CourseP))
_scans_out = POINTER(POINTER(ScanP))
_systemics_out = POINTER(POINTER(SystemicP))
_fractions_out = POINTER(POINTER(FractionP))

PATIENT = [
    ("ldrt_event_kind_name", [c_int], c_char_p),
    ("ldrt_event_kind_parse", [c_char_p, _i], c_int),
    ("ldrt_event_field_name", [c_int], c_char_p),
    ("ldrt_lesion_role_name", [c_int], c_char_p),
    ("ldrt_lesion_role_parse", [c_char_p, _i], c_int),
    ("ldrt_hold_kind_name", [c_int], c_char_p),
    ("ldrt_hold_kind_parse", [c_char_p, _i], c_int),
    ("ldrt_schedule_name", [c_int], c_char_p),
    ("ldrt_schedule_parse", [c_char_p, _i], c_int),
    ("ldrt_lesion_state_name", [c_int], c_char_p),
    ("ldrt_lesion_state_parse", [c_char_p, _i], c_int),
    # patient
    ("ldrt_patient_new", [c_char_p, POINTER(PatientP)], c_int),
    ("ldrt_patient_free", [PatientP], None),
    ("ldrt_patient_id", [PatientP], c_char_p),
    ("ldrt_patient_set_id", [PatientP, c_char_p], c_int),
    ("ldrt_patient_sex", [PatientP], c_char_p),
    ("ldrt_patient_set_sex", [PatientP, c_char_p], c_int),
    ("ldrt_patient_birth_date", [PatientP, _dt], c_int),
    ("ldrt_patient_set_birth_date", [PatientP, c_date], c_int),
    # diagnoses
    ("ldrt_patient_add_diagnosis", [PatientP, c_date, c_char_p, POINTER(DiagnosisP)], c_int),
    ("ldrt_patient_diagnosis_count", [PatientP], c_size_t),
    ("ldrt_patient_diagnosis_at", [PatientP, c_size_t], DiagnosisP),
    ("ldrt_patient_diagnosis_at_mut", [PatientP, c_size_t], DiagnosisP),
    ("ldrt_patient_remove_diagnosis", [PatientP, DiagnosisP], c_int),
    ("ldrt_diagnosis_date", [DiagnosisP], c_date),
    ("ldrt_diagnosis_condition", [DiagnosisP], c_char_p),
    ("ldrt_diagnosis_site", [DiagnosisP], c_char_p),
    ("ldrt_diagnosis_stage", [DiagnosisP], c_char_p),
    ("ldrt_diagnosis_set_site", [DiagnosisP, c_char_p], c_int),
    ("ldrt_diagnosis_set_stage", [DiagnosisP, c_char_p], c_int),
    ("ldrt_diagnosis_set_marker", [DiagnosisP, c_char_p, c_char_p], c_int),
    ("ldrt_diagnosis_marker_count", [DiagnosisP], c_size_t),
    ("ldrt_diagnosis_marker_at", [DiagnosisP, c_size_t, _s, _s], c_int),
    # lesions
    ("ldrt_patient_add_lesion", [PatientP, c_char_p, POINTER(LesionP)], c_int),
    ("ldrt_patient_lesion_count", [PatientP], c_size_t),
    ("ldrt_patient_lesion_at", [PatientP, c_size_t], LesionP),
    ("ldrt_patient_lesion_at_mut", [PatientP, c_size_t], LesionP),
    ("ldrt_patient_find_lesion", [PatientP, c_char_p, POINTER(LesionP)], c_int),
    ("ldrt_patient_find_lesion_mut", [PatientP, c_char_p, POINTER(LesionP)], c_int),
    ("ldrt_patient_remove_lesion", [PatientP, LesionP], c_int),
    ("ldrt_lesion_id", [LesionP], c_char_p),
    ("ldrt_lesion_site", [LesionP], c_char_p),
    ("ldrt_lesion_organ", [LesionP], c_char_p),
    ("ldrt_lesion_nodal", [LesionP, _i], c_int),
    ("ldrt_lesion_category_of", [LesionP], c_int),
    ("ldrt_lesion_set_site", [LesionP, c_char_p], c_int),
    ("ldrt_lesion_set_organ", [LesionP, c_char_p], c_int),
    ("ldrt_lesion_set_nodal", [LesionP, c_int], c_int),
    ("ldrt_lesion_set_category", [LesionP, c_int], c_int),
    # events
    ("ldrt_patient_add_event", [PatientP, c_int, c_date, POINTER(EventP)], c_int),
    ("ldrt_patient_remove_event", [PatientP, EventP], c_int),
    ("ldrt_patient_event_count", [PatientP], c_size_t),
    ("ldrt_patient_event_at", [PatientP, c_size_t], EventP),
    ("ldrt_patient_event_at_mut", [PatientP, c_size_t], EventP),
    ("ldrt_patient_find_event", [PatientP, c_char_p, POINTER(EventP)], c_int),
    ("ldrt_patient_find_event_mut", [PatientP, c_char_p, POINTER(EventP)], c_int),
    ("ldrt_patient_find_course", [PatientP, c_char_p, POINTER(CourseP)], c_int),
    ("ldrt_patient_find_course_mut", [PatientP, c_char_p, POINTER(CourseP)], c_int),
    ("ldrt_event_as_course", [EventP], CourseP),
    ("ldrt_event_as_course_mut", [EventP], CourseP),
    ("ldrt_event_as_scan", [EventP], ScanP),
    ("ldrt_event_as_scan_mut", [EventP], ScanP),
    ("ldrt_event_as_systemic", [EventP], SystemicP),
    ("ldrt_event_as_systemic_mut", [EventP], SystemicP),
    ("ldrt_course_as_event", [CourseP], EventP),
    ("ldrt_course_as_event_mut", [CourseP], EventP),
    ("ldrt_scan_as_event", [ScanP], EventP),
    ("ldrt_scan_as_event_mut", [ScanP], EventP),
    ("ldrt_systemic_as_event", [SystemicP], EventP),
    ("ldrt_systemic_as_event_mut", [SystemicP], EventP),
    ("ldrt_event_patient", [EventP], PatientP),
    ("ldrt_event_type", [EventP], c_int),
    ("ldrt_event_date", [EventP], c_date),
    ("ldrt_event_span", [EventP, _dt, _dt], c_int),
    ("ldrt_event_placed_span", [EventP, _dt, _dt], c_int),
    ("ldrt_event_during", [EventP], EventP),
    ("ldrt_event_set_date", [EventP, c_date], c_int),
    ("ldrt_event_end", [EventP, _dt], c_int),
    ("ldrt_event_set_end", [EventP, c_date], c_int),
    ("ldrt_event_text", [EventP, c_int], c_char_p),
    ("ldrt_event_set_text", [EventP, c_int, c_char_p], c_int),
    ("ldrt_event_id", [EventP], c_char_p),
    # systemic
    ("ldrt_systemic_add_agent", [SystemicP, c_char_p, c_double, c_char_p], c_int),
    ("ldrt_systemic_agent_count", [SystemicP], c_size_t),
    ("ldrt_systemic_agent_drug", [SystemicP, c_size_t], c_char_p),
    ("ldrt_systemic_agent_dose", [SystemicP, c_size_t, _d], c_int),
    ("ldrt_systemic_agent_unit", [SystemicP, c_size_t], c_char_p),
    ("ldrt_systemic_gives_drug", [SystemicP, c_char_p], c_int),
    ("ldrt_systemic_cycle", [SystemicP, _i], c_int),
    ("ldrt_systemic_set_cycle", [SystemicP, c_int], c_int),
    ("ldrt_systemic_set_repeat", [SystemicP, c_int64, c_int], c_int),
    ("ldrt_systemic_repeat", [SystemicP, _i64, _i], c_int),
    ("ldrt_systemic_dates_known", [SystemicP], c_int),
    ("ldrt_systemic_set_dates_unknown", [SystemicP, c_int, c_date], c_int),
    ("ldrt_systemic_until", [SystemicP, _dt], c_int),
    ("ldrt_systemic_series_days", [SystemicP, _i64, _i64, _i64, _i64], c_int),
    ("ldrt_systemic_administration_count", [SystemicP], c_size_t),
    ("ldrt_systemic_administration_at", [SystemicP, c_size_t], EventP),
    ("ldrt_event_is_expanded", [EventP], c_int),
    ("ldrt_event_parent", [EventP], EventP),
    # holds
    ("ldrt_event_hold_kind", [EventP, _i], c_int),
    ("ldrt_event_set_hold_kind", [EventP, c_int], c_int),
    ("ldrt_event_add_drug", [EventP, c_char_p], c_int),
    ("ldrt_event_drug_count", [EventP], c_size_t),
    ("ldrt_event_drug_at", [EventP, c_size_t], c_char_p),
    # surgery
    ("ldrt_event_add_removed_lesion", [EventP, c_char_p], c_int),
    ("ldrt_event_removed_lesion_count", [EventP], c_size_t),
    ("ldrt_event_removed_lesion_at", [EventP, c_size_t], LesionP),
    # radiotherapy
    ("ldrt_course_add_target", [CourseP, c_char_p], c_int),
    ("ldrt_course_target_count", [CourseP], c_size_t),
    ("ldrt_course_target_at", [CourseP, c_size_t], LesionP),
    ("ldrt_course_targets_lesion", [CourseP, LesionP], c_int),
    ("ldrt_course_margin_mm", [CourseP, _d], c_int),
    ("ldrt_course_set_margin_mm", [CourseP, c_double], c_int),
    ("ldrt_course_add_fraction", [CourseP, c_date, c_double, POINTER(FractionP)], c_int),
    ("ldrt_course_set_prescription", [CourseP, c_double, c_int, c_int], c_int),
    ("ldrt_course_prescription", [CourseP, _d, _i, _i], c_int),
    ("ldrt_course_fraction_count", [CourseP], c_size_t),
    ("ldrt_course_fraction_at", [CourseP, c_size_t], FractionP),
    ("ldrt_fraction_course", [FractionP], CourseP),
    ("ldrt_fraction_index", [FractionP], c_size_t),
    ("ldrt_fraction_date", [FractionP], c_date),
    ("ldrt_fraction_span", [FractionP, _dt, _dt], c_int),
    ("ldrt_fraction_dose_gy", [FractionP, _d], c_int),
    ("ldrt_fraction_is_expanded", [FractionP], c_int),
    # imaging
    ("ldrt_scan_baseline", [ScanP, _i], c_int),
    ("ldrt_scan_set_baseline", [ScanP, c_int], c_int),
    ("ldrt_scan_add_measurement", [ScanP, c_char_p, c_double, c_uint], c_int),
    ("ldrt_scan_measurement_count", [ScanP], c_size_t),
    ("ldrt_scan_measurement_lesion", [ScanP, c_size_t], LesionP),
    ("ldrt_scan_measurement_state", [ScanP, c_size_t, _i], c_int),
    ("ldrt_scan_measurement_diameter_mm", [ScanP, c_size_t, _d], c_int),
    ("ldrt_scan_find_measurement", [ScanP, LesionP, POINTER(c_size_t)], c_int),
    ("ldrt_scan_add_sul_peak", [ScanP, c_char_p, c_double], c_int),
    ("ldrt_scan_sul_peak_count", [ScanP], c_size_t),
    ("ldrt_scan_sul_peak_lesion", [ScanP, c_size_t], LesionP),
    ("ldrt_scan_sul_peak_value", [ScanP, c_size_t, _d], c_int),
    ("ldrt_scan_liver_sul_mean", [ScanP, _d], c_int),
    ("ldrt_scan_set_liver_sul_mean", [ScanP, c_double], c_int),
    ("ldrt_scan_blood_pool_sul", [ScanP, _d], c_int),
    ("ldrt_scan_set_blood_pool_sul", [ScanP, c_double], c_int),
    ("ldrt_scan_set_non_target", [ScanP, c_char_p, c_int], c_int),
    ("ldrt_scan_non_target_count", [ScanP], c_size_t),
    ("ldrt_scan_non_target_lesion", [ScanP, c_size_t], LesionP),
    ("ldrt_scan_non_target_state", [ScanP, c_size_t, _i], c_int),
    ("ldrt_scan_add_new_lesion", [ScanP, c_char_p, c_char_p, c_double], c_int),
    ("ldrt_scan_new_lesion_count", [ScanP], c_size_t),
    ("ldrt_scan_new_lesion_id", [ScanP, c_size_t], c_char_p),
    ("ldrt_scan_new_lesion_site", [ScanP, c_size_t], c_char_p),
    ("ldrt_scan_new_lesion_diameter_mm", [ScanP, c_size_t, _d], c_int),
    ("ldrt_scan_new_lesions_reported", [ScanP], c_int),
    ("ldrt_scan_set_new_lesions_reported", [ScanP, c_int], c_int),
    ("ldrt_scan_set_recorded_response", [ScanP, c_char_p, c_char_p], c_int),
    ("ldrt_scan_recorded_response", [ScanP, _s, _s], c_int),
    # toxicity
    ("ldrt_event_grade", [EventP, _i], c_int),
    ("ldrt_event_set_grade", [EventP, c_int], c_int),
    ("ldrt_event_resolved", [EventP, _dt], c_int),
    ("ldrt_event_set_resolved", [EventP, c_date], c_int),
    # timeline queries
    ("ldrt_patient_events", [PatientP, c_uint, c_date, c_date, c_uint, _events_out,
                             POINTER(c_size_t)], c_int),
    ("ldrt_patient_drug_administrations", [PatientP, c_char_p, _events_out, POINTER(c_size_t)],
     c_int),
    ("ldrt_patient_drug_summary", [PatientP, c_char_p, _dt, _dt, POINTER(c_size_t)], c_int),
    ("ldrt_patient_drug_cumulative_dose", [PatientP, c_char_p, _d, _s], c_int),
    ("ldrt_patient_drug_exposure_days", [PatientP, c_char_p, _i64, _i64], c_int),
    ("ldrt_patient_drug_gaps", [PatientP, c_char_p, c_int64, _events_out, POINTER(c_size_t)],
     c_int),
    ("ldrt_patient_drug_holds", [PatientP, c_char_p, _events_out, POINTER(c_size_t)], c_int),
    ("ldrt_course_fraction_dates", [CourseP, _dt, _dt], c_int),
    ("ldrt_course_overall_days", [CourseP, _i64, _i64], c_int),
    ("ldrt_course_total_dose_gy", [CourseP, _d], c_int),
    ("ldrt_course_dose_per_fraction_gy", [CourseP, _d, _i], c_int),
    ("ldrt_patient_lesion_fractions", [PatientP, LesionP, _fractions_out, POINTER(c_size_t)],
     c_int),
    ("ldrt_patient_lesion_scans", [PatientP, LesionP, _scans_out, POINTER(c_size_t)], c_int),
]

_buf_out = POINTER(POINTER(ctypes.c_char))

IO = [
    ("ldrt_patient_load_json", [c_char_p, POINTER(PatientP)], c_int),
    ("ldrt_patient_load_json_buffer", [c_char_p, c_size_t, POINTER(PatientP)], c_int),
    ("ldrt_patient_save_json", [PatientP, c_char_p], c_int),
    ("ldrt_patient_save_json_buffer", [PatientP, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_patient_write_fhir", [PatientP, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_patient_read_fhir", [c_char_p, c_size_t, POINTER(PatientP), _buf_out], c_int),
    ("ldrt_json_validate_buffer", [c_char_p, c_size_t, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_json_validate_file", [c_char_p, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_timeline_format_parse", [c_char_p, _i], c_int),
    ("ldrt_timeline_render", [PatientP, c_int, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_plot_kind_name", [c_int], c_char_p),
    ("ldrt_plot_kind_parse", [c_char_p, _i], c_int),
    ("ldrt_plot_svg", [PatientP, c_int, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_plot_save_svg", [PatientP, c_int, c_char_p], c_int),
    ("ldrt_format_name", [c_int], c_char_p),
    ("ldrt_format_parse", [c_char_p, _i], c_int),
    ("ldrt_patient_report", [PatientP, c_int, c_uint, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_text_escape", [c_char_p, c_int, _buf_out], c_int),
]

_f = POINTER(ctypes.c_float)
_u8 = POINTER(ctypes.c_uint8)
_i32 = POINTER(ctypes.c_int32)
_ci64 = POINTER(c_int64)

DOSE = [
    ("ldrt_lq_bed", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_eqd", [c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_eqd2", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_bed_repop", [c_double, c_double, c_double, c_double, c_double, c_double, c_double,
                           _d], c_int),
    ("ldrt_lq_bed_fractions", [_d, c_size_t, c_double, _d], c_int),
    ("ldrt_lq_eqd_fractions", [_d, c_size_t, c_double, c_double, _d], c_int),
    ("ldrt_lq_eqd_from_bed", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_total_for_bed", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_total_for_eqd", [c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_dose_per_fraction_for_bed", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_fractions_for_bed", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_isoeffective_total", [c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_isoeffective_dose_per_fraction", [c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lql_bed", [c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lql_eqd", [c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_usc_params", [c_double, c_double, c_double, _d, _d], c_int),
    ("ldrt_usc_bed", [c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_usc_eqd", [c_double, c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_usc_sfed", [c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_ir_h_factor", [c_int, c_double, c_double, _d], c_int),
    ("ldrt_ir_bed", [c_double, c_double, c_double, c_int, c_double, c_double, _d], c_int),
    ("ldrt_lc_g_continuous", [c_double, c_double, _d], c_int),
    ("ldrt_lc_bed_protracted", [c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lc_g_permanent", [c_double, c_double, _d], c_int),
    ("ldrt_lc_bed_permanent", [c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_hrs_bed", [c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_hrs_eqd", [c_double, c_double, c_double, c_double, c_double, c_double, _d], c_int),
    ("ldrt_geud", [_d, _d, c_size_t, c_double, _d], c_int),
    ("ldrt_ntcp_lkb", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_ntcp_lkb_dvh", [_d, _d, c_size_t, c_double, c_double, c_double, _d], c_int),
    ("ldrt_dose_response_logit", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_dose_response_poisson", [c_double, c_double, c_double, _d], c_int),
    ("ldrt_reirr_recovery_fixed", [c_double, _d], c_int),
    ("ldrt_reirr_cumulative", [_d, _d, c_size_t, _d], c_int),
    ("ldrt_reirr_jones_grant", [c_double, c_double, c_double, c_int, _d, _d], c_int),
    ("ldrt_tissue_count", [], c_size_t),
    ("ldrt_tissue_find", [c_char_p, POINTER(c_size_t)], c_int),
    ("ldrt_tissue_info", [c_size_t, _s, _d, _d, _d, _s, _i], c_int),
    ("ldrt_tissue_kinetics", [c_size_t, _d, _d, _d], c_int),
    ("ldrt_regimen_classify", [c_double, c_double, _i, POINTER(c_uint)], c_int),
    ("ldrt_regimen_classify_fractions", [_d, c_size_t, _i, POINTER(c_uint)], c_int),
    ("ldrt_regimen_name", [c_int], c_char_p),
    ("ldrt_regimen_rule_source", [c_uint], c_char_p),
    ("ldrt_regimen_rules_split", [c_int, c_uint, POINTER(c_uint), POINTER(c_uint)], c_int),
    ("ldrt_dose_check_f32", [_f, c_size_t], c_int),
    ("ldrt_lq_eqd2_f32", [_f, c_size_t, c_double, c_double, _f], c_int),
    ("ldrt_lq_eqd_f32", [_f, c_size_t, c_double, c_double, c_double, _f], c_int),
    ("ldrt_lq_eqd2_f64", [_d, c_size_t, c_double, c_double, _d], c_int),
    ("ldrt_lq_eqd_f64", [_d, c_size_t, c_double, c_double, c_double, _d], c_int),
    ("ldrt_lq_eqd2_f32_voxel_ab", [_f, _f, c_size_t, c_double, _f], c_int),
    ("ldrt_lq_eqd2_f32_labels", [_f, _u8, c_size_t, c_double, _d, c_size_t, _f], c_int),
    ("ldrt_lq_eqd2_sum_f32", [POINTER(_f), _d, _d, c_size_t, c_size_t, c_double, _f], c_int),
    ("ldrt_dvh_compute_f32", [_f, _u8, c_size_t, c_double, POINTER(DvhP)], c_int),
    ("ldrt_dvh_free", [DvhP], None),
    ("ldrt_dvh_bins", [DvhP, POINTER(c_size_t), _d], c_int),
    ("ldrt_dvh_differential", [DvhP, _d, c_size_t], c_int),
    ("ldrt_dvh_cumulative", [DvhP, _d, c_size_t], c_int),
    ("ldrt_dvh_stats", [DvhP, POINTER(ctypes.c_uint64), _d, _d, _d], c_int),
    ("ldrt_dvh_dose_at_volume", [DvhP, c_double, _d], c_int),
    ("ldrt_dvh_volume_at_dose", [DvhP, c_double, _d], c_int),
    ("ldrt_dvh_compute_cc_f32", [_f, _u8, _f, c_size_t, c_double, c_double, POINTER(DvhP)], c_int),
    ("ldrt_dvh_volume_cc", [DvhP, _d], c_int),
    ("ldrt_dvh_metric", [DvhP, c_char_p, c_double, _d], c_int),
    ("ldrt_regimen_rule_name", [c_uint], c_char_p),
    # per-patient dose (implemented by the patient model)
    ("ldrt_course_dose", [CourseP, c_double, _d, _d, _d], c_int),
    ("ldrt_course_bed_repop", [CourseP, c_double, c_double, c_double, c_double, _d, _d], c_int),
    ("ldrt_course_classify", [CourseP, _i, POINTER(c_uint)], c_int),
    ("ldrt_lesion_dose", [PatientP, LesionP, c_double, c_int, _d, _d, _d, POINTER(c_size_t)],
     c_int),
    ("ldrt_patient_radscopal", [PatientP, c_int64, _courses_out, _courses_out, POINTER(c_size_t)],
     c_int),
    ("ldrt_drug_is_checkpoint_inhibitor", [c_char_p], c_int),
    ("ldrt_course_drug_timing", [PatientP, CourseP, c_char_p, c_int64, _i64, _i64, _i], c_int),
    ("ldrt_course_drug_timing_range", [PatientP, CourseP, c_char_p, c_int64, _i64, _i64, _i, _i],
     c_int),
    ("ldrt_drug_timing_name", [c_int], c_char_p),
]

RESPONSE = [
    ("ldrt_response_label_name", [c_int], c_char_p),
    ("ldrt_response_label_parse", [c_char_p, _i], c_int),
    ("ldrt_criteria_name", [c_int], c_char_p),
    ("ldrt_criteria_parse", [c_char_p, _i], c_int),
    ("ldrt_response_rule_name", [c_int], c_char_p),
    ("ldrt_response_setting_name", [c_int], c_char_p),
    ("ldrt_endpoint_name", [c_int], c_char_p),
    ("ldrt_censor_name", [c_int], c_char_p),
    ("ldrt_resistance_name", [c_int], c_char_p),
    ("ldrt_response_options_new", [POINTER(OptionsP)], c_int),
    ("ldrt_response_options_free", [OptionsP], None),
    ("ldrt_response_options_set", [OptionsP, c_int, c_double], c_int),
    ("ldrt_response_options_get", [OptionsP, c_int, _d], c_int),
    ("ldrt_response_options_set_confirm_days", [OptionsP, c_int64], c_int),
    ("ldrt_response_options_set_sd_min_days", [OptionsP, c_int64], c_int),
    ("ldrt_response_options_set_reference_date", [OptionsP, c_date], c_int),
    ("ldrt_recist_classify_arrays", [OptionsP, c_size_t, _ci64, _ci64, _i32, _u8, _u8, _d, _i32,
                                     _i32, _i32, _d, _i32], c_int),
    ("ldrt_bor_arrays", [OptionsP, c_size_t, _ci64, _i32, _i32, _i32, _i32, _i32], c_int),
    ("ldrt_assess_arrays", [c_int, OptionsP, c_size_t, _dt, _ci64, _i32, _u8, _u8, _d,
                            POINTER(AssessmentP)], c_int),
    ("ldrt_assess_recorded", [c_int, OptionsP, c_size_t, _dt, _i32, POINTER(AssessmentP)], c_int),
    ("ldrt_assessment_free", [AssessmentP], None),
    ("ldrt_assessment_criteria", [AssessmentP, _i], c_int),
    ("ldrt_assessment_options", [AssessmentP], OptionsP),
    ("ldrt_assessment_timepoint_count", [AssessmentP], c_size_t),
    ("ldrt_assessment_timepoint", [AssessmentP, c_size_t, _dt, _i, _i, _i, _i], c_int),
    ("ldrt_assessment_overall", [AssessmentP, c_size_t, _i], c_int),
    ("ldrt_assessment_values", [AssessmentP, c_size_t, _d, _d, _d], c_int),
    ("ldrt_assessment_rule", [AssessmentP, c_size_t, _i], c_int),
    ("ldrt_assessment_reason", [AssessmentP, c_size_t], c_char_p),
    ("ldrt_assessment_best", [AssessmentP, c_int, _i], c_int),
    ("ldrt_assessment_best_reason", [AssessmentP, c_int], c_char_p),
    ("ldrt_assessment_endpoint", [AssessmentP, c_int, _ci64, _i], c_int),
    ("ldrt_assessment_endpoint_range", [AssessmentP, c_int, _ci64, _ci64], c_int),
    ("ldrt_assessment_warning_count", [AssessmentP], c_size_t),
    ("ldrt_assessment_warning", [AssessmentP, c_size_t], c_char_p),
    ("ldrt_resistance_classify", [OptionsP, c_date, c_date, c_size_t, _dt, _i32,
                                  POINTER(ResistanceP)], c_int),
    ("ldrt_resistance_classify_line", [OptionsP, c_int, c_date, c_date, c_size_t, _dt, _i32,
                                       c_size_t, _dt, POINTER(ResistanceP)], c_int),
    ("ldrt_resistance_result_free", [ResistanceP], None),
    ("ldrt_resistance_category", [ResistanceP, _i], c_int),
    ("ldrt_resistance_missing", [ResistanceP], c_char_p),
    ("ldrt_resistance_reason", [ResistanceP], c_char_p),
    ("ldrt_abscopal_arrays", [OptionsP, c_size_t, _d, _d, _u8, _d, _u8, POINTER(c_size_t)], c_int),
    # a patient's record
    ("ldrt_patient_assess", [PatientP, c_int, OptionsP, POINTER(AssessmentP)], c_int),
    ("ldrt_patient_course_response", [PatientP, CourseP, OptionsP, POINTER(CourseResponseP)],
     c_int),
    ("ldrt_course_response_free", [CourseResponseP], None),
    ("ldrt_course_response_count", [CourseResponseP], c_size_t),
    ("ldrt_course_response_abscopal_count", [CourseResponseP], c_size_t),
    ("ldrt_course_response_lesion", [CourseResponseP, c_size_t, POINTER(LesionP), _i, _d, _d, _d,
                                     _i, _ci64], c_int),
    ("ldrt_course_response_days_range", [CourseResponseP, c_size_t, _ci64, _ci64], c_int),
    ("ldrt_course_response_scan_count", [CourseResponseP, c_size_t], c_size_t),
    ("ldrt_course_response_scan", [CourseResponseP, c_size_t, c_size_t, _dt, _d, _d], c_int),
    ("ldrt_patient_resistance", [PatientP, c_char_p, c_date, AssessmentP, OptionsP,
                                 POINTER(ResistanceP)], c_int),
    ("ldrt_patient_therapy_lines", [PatientP, _systemics_out, POINTER(c_size_t)], c_int),
    ("ldrt_patient_exposure", [PatientP, POINTER(ExposureP)], c_int),
    ("ldrt_exposure_free", [ExposureP], None),
    ("ldrt_exposure_line_count", [ExposureP], c_size_t),
    ("ldrt_exposure_line", [ExposureP, c_size_t], SystemicP),
    ("ldrt_exposure_drug_count", [ExposureP, c_size_t], c_size_t),
    ("ldrt_exposure_drug", [ExposureP, c_size_t, c_size_t], c_char_p),
    ("ldrt_exposure_dates", [ExposureP, c_size_t, c_size_t, _dt, _dt], c_int),
    ("ldrt_exposure_count", [ExposureP, c_size_t, c_size_t, POINTER(c_size_t), POINTER(c_size_t),
                             _i], c_int),
    ("ldrt_exposure_days", [ExposureP, c_size_t, c_size_t, _i64, _i64], c_int),
    ("ldrt_patient_line_resistance", [PatientP, SystemicP, AssessmentP, OptionsP,
                                      POINTER(ResistanceP)], c_int),
    ("ldrt_assessment_render", [AssessmentP, c_int, _buf_out, POINTER(c_size_t)], c_int),
]

STUDY = [
    ("ldrt_sdtm_options_new", [POINTER(SdtmOptionsP)], c_int),
    ("ldrt_sdtm_options_free", [SdtmOptionsP], None),
    ("ldrt_sdtm_options_set_reader", [SdtmOptionsP, c_char_p], c_int),
    ("ldrt_sdtm_options_set_criteria", [SdtmOptionsP, c_int], c_int),
    ("ldrt_study_new", [c_char_p, POINTER(StudyP)], c_int),
    ("ldrt_study_free", [StudyP], None),
    ("ldrt_study_read_sdtm", [c_char_p, SdtmOptionsP, POINTER(StudyP)], c_int),
    ("ldrt_study_write_sdtm", [StudyP, c_char_p, c_int, OptionsP], c_int),
    ("ldrt_study_id", [StudyP], c_char_p),
    ("ldrt_study_reader", [StudyP], c_char_p),
    ("ldrt_study_reader_count", [StudyP], c_size_t),
    ("ldrt_study_reader_at", [StudyP, c_size_t], c_char_p),
    ("ldrt_study_subject_count", [StudyP], c_size_t),
    ("ldrt_study_patient_at", [StudyP, c_size_t], PatientP),
    ("ldrt_study_add_patient", [StudyP, PatientP], c_int),
    ("ldrt_study_subject_date", [StudyP, c_size_t, c_int, _dt], c_int),
    ("ldrt_study_unmapped_count", [StudyP], c_size_t),
    ("ldrt_study_unmapped_at", [StudyP, c_size_t, _s, _s, POINTER(c_size_t), _s, _s], c_int),
    ("ldrt_study_audit_new", [StudyP, c_int, POINTER(StudyAuditP)], c_int),
    ("ldrt_study_audit_free", [StudyAuditP], None),
    ("ldrt_study_audit_add", [StudyAuditP, c_size_t, OptionsP], c_int),
    ("ldrt_study_audit_render", [StudyAuditP, c_int, _buf_out, POINTER(c_size_t)], c_int),
    ("ldrt_study_audit_csv", [StudyAuditP, _buf_out, POINTER(c_size_t)], c_int),
]

# Status-returning functions are the ones whose restype is c_int and whose
# name is not in this set of plain-value functions.
_PLAIN = {
    "ldrt_last_error_code", "ldrt_version",
    "ldrt_event_type", "ldrt_lesion_category_of", "ldrt_systemic_gives_drug",
    "ldrt_event_is_expanded", "ldrt_course_targets_lesion", "ldrt_fraction_is_expanded",
    "ldrt_scan_new_lesions_reported", "ldrt_drug_is_checkpoint_inhibitor",
}

_cs = POINTER(CodeStruct)
RECORD = [
    # vital status and follow-up
    ("ldrt_patient_death_date", [PatientP, POINTER(c_date)], c_int),
    ("ldrt_patient_set_death_date", [PatientP, c_date], c_int),
    ("ldrt_patient_death_cause", [PatientP], c_char_p),
    ("ldrt_patient_set_death_cause", [PatientP, c_char_p], c_int),
    ("ldrt_patient_last_contact", [PatientP, POINTER(c_date)], c_int),
    ("ldrt_patient_set_last_contact", [PatientP, c_date], c_int),
    ("ldrt_patient_last_known_alive", [PatientP, POINTER(c_date)], c_int),
    ("ldrt_patient_check_dates", [PatientP], c_int),
    ("ldrt_event_new_therapy", [EventP, POINTER(c_int)], c_int),
    ("ldrt_event_set_new_therapy", [EventP, c_int], c_int),
    ("ldrt_assessment_endpoint_death", [AssessmentP, c_int, POINTER(c_int)], c_int),
    ("ldrt_assessment_set_follow_up", [AssessmentP, c_date, c_date, c_date], c_int),
    # coded terms
    ("ldrt_code_system_uri", [c_int], c_char_p),
    ("ldrt_code_system_parse", [c_char_p, POINTER(c_int)], c_int),
    ("ldrt_code_check", [c_char_p, c_char_p], c_int),
    ("ldrt_code_lookup", [c_char_p, c_int, _cs], c_int),
    ("ldrt_code_table_count", [], c_size_t),
    ("ldrt_code_table_at", [c_size_t, POINTER(c_char_p), _cs, POINTER(c_char_p)], c_int),
    ("ldrt_diagnosis_code", [DiagnosisP, c_int, _cs], c_int),
    ("ldrt_diagnosis_set_code", [DiagnosisP, c_int, c_char_p, c_char_p, c_char_p], c_int),
    ("ldrt_lesion_code", [LesionP, c_int, _cs], c_int),
    ("ldrt_lesion_set_code", [LesionP, c_int, c_char_p, c_char_p, c_char_p], c_int),
    ("ldrt_event_code", [EventP, c_int, _cs], c_int),
    ("ldrt_event_set_code", [EventP, c_int, c_char_p, c_char_p, c_char_p], c_int),
    ("ldrt_systemic_agent_code", [SystemicP, c_size_t, _cs], c_int),
    ("ldrt_systemic_set_agent_code", [SystemicP, c_size_t, c_char_p, c_char_p, c_char_p], c_int),
]

TABLES: List[Any] = [COMMON, PATIENT, IO, DOSE, RESPONSE, STUDY, RECORD]


# The second line of the argument checks (the first is ldrt._convert, at each
# call site): every integer parameter refuses a Python int its C type cannot
# hold, and every string parameter a NUL, instead of letting ctypes wrap the
# integer around or C cut the string short. A string passed with its length
# (a document buffer) may hold any byte.
_INT_TYPES = [ctypes.c_int, ctypes.c_uint, ctypes.c_int64, ctypes.c_uint64, ctypes.c_size_t,
              ctypes.c_uint8]
_checked_types: Dict[Any, Any] = {}


def _checked_int(ctype: Any) -> Any:
    lo, hi = _convert.int_range(ctype)

    class Checked(ctype):  # type: ignore[misc]
        @classmethod
        def from_param(cls, value: Any) -> Any:
            if isinstance(value, int) and not lo <= value <= hi:
                _convert.check_range(value, "value", ctype)
            return ctype.from_param(value) if not isinstance(value, int) else ctype(value)

    Checked.__name__ = "checked_" + ctype.__name__
    return Checked


class _checked_char_p(c_char_p):
    @classmethod
    def from_param(cls, value: Any) -> Any:
        if isinstance(value, bytes) and b"\0" in value:
            raise ValueError("a string with a NUL character (the library takes "
                             "NUL-terminated text)")
        return c_char_p.from_param(value)


def _checked(argtypes: Sequence[Any]) -> List[Any]:
    out = []
    for i, t in enumerate(argtypes):
        if t is c_char_p and not (i + 1 < len(argtypes) and argtypes[i + 1] is c_size_t):
            t = _checked_char_p
        elif t in _INT_TYPES:
            t = _checked_types.setdefault(t, _checked_int(t))
        out.append(t)
    return out


def declare(lib: ctypes.CDLL) -> None:
    for table in TABLES:
        _lib.declare(lib, [(name, _checked(args), restype) for name, args, restype in table])
        for name, _args, restype in table:
            if restype is c_int and name not in _PLAIN:
                getattr(lib, name).errcheck = _status


__all__ = ["declare", "c_date", "CodeStruct", "ctypes", "PatientP", "EventP", "CourseP", "ScanP", "SystemicP", "FractionP", "LesionP",
           "DiagnosisP", "DvhP", "CourseResponseP", "OptionsP", "AssessmentP", "ResistanceP",
           "ExposureP",
           "StudyP", "SdtmOptionsP", "StudyAuditP"]
