"""Radiobiological dose equivalence: LQ BED/EQD2/EQDx and the other published
models, tissue presets, regimen classification, voxel kernels and DVHs.

Doses are in gray, times in the unit the argument name says. Every function
checks its arguments in the library and raises :class:`ldrt.InvalidArgument`
naming the bad one. :func:`bed`, :func:`eqd2` and :func:`eqd` take a number
or an array of total doses: a numpy float32 array runs the library's float
kernel (and returns float32), any other numpy array the double kernel, and a
list or tuple returns a list. A number of fractions of a course
(``fractions``, ``fractions1``) is a whole number >= 1 (``5`` or ``5.0``;
``2.5`` raises :class:`ldrt.InvalidArgument`): the C functions also take a
non-integer n, as the analytic extension of the formulas, and the binding does
not. The models and their sources are in the C documentation (dose.h) and the
dose guide.

>>> from ldrt import dose
>>> round(dose.eqd2(10.0, 5, 10.0), 4)       # the seed case's L-XRT, tumour a/b 10 Gy
10.0
>>> round(dose.bed(40.0, 5, 10.0), 1)        # its SBRT: 40 Gy in 5 fractions
72.0
"""

import ctypes
import dataclasses
import inspect
import math
from typing import Any, Callable, List, Optional, Sequence, Tuple, Union, cast

from . import _arrays, _convert, _lib
from ._owned import _Owned
from ._record import Record
from ._prototypes import DvhP
from .errors import EINVAL, InvalidArgument, NotFound

#: A dose argument: a number, or a list, tuple or numpy array of numbers.
Doses = Any

__all__ = [
    "bed", "eqd2", "eqd", "bed_repop", "bed_fractions", "eqd_fractions", "eqd_from_bed",
    "total_for_bed", "total_for_eqd", "dose_per_fraction_for_bed", "fractions_for_bed",
    "isoeffective_total", "isoeffective_dose_per_fraction", "lql_bed", "lql_eqd", "usc_params",
    "usc_bed", "usc_eqd", "usc_sfed", "ir_h_factor", "ir_bed", "lc_g_continuous",
    "lc_bed_protracted", "lc_g_permanent", "lc_bed_permanent", "hrs_bed", "hrs_eqd", "geud",
    "ntcp_lkb", "ntcp_lkb_dvh", "response_logit", "response_poisson", "reirr_recovery_fixed",
    "reirr_cumulative", "reirr_jones_grant", "Tissue", "tissues", "tissue", "Regimen", "classify",
    "classify_fractions", "alpha_beta", "is_checkpoint_inhibitor", "ICI_WINDOW_DAYS", "check", "eqd2_voxel_ab", "eqd2_labels", "eqd2_sum", "Dvh",
]


def _L() -> ctypes.CDLL:
    return _lib.load()


def _num(value: Any, name: str) -> float:
    return _convert.number(value, name)


def _int(value: Any, name: str) -> int:
    return _convert.integer(value, name)


#: Parameters that count the fractions of a course: whole numbers >= 1 here.
_FRACTION_COUNTS = ("fractions", "fractions1")


def _fractions(value: Any, name: str) -> float:
    """A number of fractions of a course: a whole number >= 1 (an int, or a
    float with no fractional part such as 5.0). The C functions also take
    non-integer n, as the analytic extension of the LQ formulas; a course has
    whole fractions, so the binding refuses 2.5 or 0 with InvalidArgument."""
    n = _num(value, name)
    if not math.isfinite(n) or n < 1 or n != math.floor(n):
        raise InvalidArgument(EINVAL, "%s: must be a whole number of fractions >= 1, got %r"
                              % (name, value))
    return n


def _scalar_function(cname: str, params: List[str], doc: str, outs: int = 1,
                     ints: Tuple[str, ...] = ()) -> Callable[..., Any]:
    """A Python function over a C function of numbers with ``outs`` double out parameters."""
    sig = inspect.Signature([inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                               annotation=int if p in ints else float)
                             for p in params])
    pyname = cname[len("ldrt_"):].replace("lq_", "", 1) if cname.startswith("ldrt_lq_") \
        else cname[len("ldrt_"):]

    def func(*args: Any, **kwargs: Any) -> Any:
        bound = sig.bind(*args, **kwargs)
        cargs = [(_int if p in ints else _fractions if p in _FRACTION_COUNTS else _num)(
            bound.arguments[p], p) for p in params]
        out = [ctypes.c_double() for _ in range(outs)]
        getattr(_L(), cname)(*cargs, *[ctypes.byref(o) for o in out])
        return out[0].value if outs == 1 else tuple(o.value for o in out)

    func.__name__ = func.__qualname__ = pyname
    setattr(func, "__signature__", sig)
    func.__annotations__ = {p: int if p in ints else float for p in params}
    func.__doc__ = doc
    return func


# --- LQ core ------------------------------------------------------------------------

def _dose_kernel(total_gy: Any, fractions: float, alpha_beta_gy: float,
                 ref_gy: Optional[float]) -> Any:
    """EQDx (ref_gy) of an array of total doses, through the bulk kernels."""
    lib = _L()
    n, ab = _fractions(fractions, "fractions"), _num(alpha_beta_gy, "alpha_beta_gy")
    ref = None if ref_gy is None else _num(ref_gy, "ref_dose_per_fraction_gy")
    if _arrays.is_array(total_gy) and total_gy.dtype == _arrays.np.float32:
        src, count, keep = _arrays.c_array(ctypes.c_float, total_gy, "total_gy")
        out, owner = _arrays.empty(ctypes.c_float, count, True)
        if ref is None:
            lib.ldrt_lq_eqd2_f32(src, count, n, ab, out)
        else:
            lib.ldrt_lq_eqd_f32(src, count, n, ab, ref, out)
        return owner.reshape(total_gy.shape)
    numpy = _arrays.is_array(total_gy)
    src, count, keep = _arrays.c_array(ctypes.c_double, total_gy, "total_gy")
    out, owner = _arrays.empty(ctypes.c_double, count, numpy)
    if ref is None:
        lib.ldrt_lq_eqd2_f64(src, count, n, ab, out)
    else:
        lib.ldrt_lq_eqd_f64(src, count, n, ab, ref, out)
    del keep
    return owner.reshape(total_gy.shape) if numpy else list(owner)


_bed1 = _scalar_function("ldrt_lq_bed", ["total_gy", "fractions", "alpha_beta_gy"], "")
_eqd21 = _scalar_function("ldrt_lq_eqd2", ["total_gy", "fractions", "alpha_beta_gy"], "")
_eqd1 = _scalar_function("ldrt_lq_eqd", ["total_gy", "fractions", "alpha_beta_gy",
                                         "ref_dose_per_fraction_gy"], "")


def bed(total_gy: Doses, fractions: float, alpha_beta_gy: float) -> Any:
    """BED = D (1 + (D/n) / (alpha/beta)) (Fowler 1989), in Gy.

    ``total_gy`` may be a number or an array of doses (one per voxel)."""
    if _arrays.is_sequence(total_gy):
        return _dose_kernel(total_gy, fractions, alpha_beta_gy, 0.0)
    return _bed1(total_gy, fractions, alpha_beta_gy)


def eqd2(total_gy: Doses, fractions: float, alpha_beta_gy: float) -> Any:
    """EQD2 = D (D/n + alpha/beta) / (2 + alpha/beta), in Gy (number or array)."""
    if _arrays.is_sequence(total_gy):
        return _dose_kernel(total_gy, fractions, alpha_beta_gy, None)
    return _eqd21(total_gy, fractions, alpha_beta_gy)


def eqd(total_gy: Doses, fractions: float, alpha_beta_gy: float,
        ref_dose_per_fraction_gy: float) -> Any:
    """EQDx = D (D/n + alpha/beta) / (x + alpha/beta), in Gy (number or array; x = 0 gives BED)."""
    if _arrays.is_sequence(total_gy):
        return _dose_kernel(total_gy, fractions, alpha_beta_gy, ref_dose_per_fraction_gy)
    return _eqd1(total_gy, fractions, alpha_beta_gy, ref_dose_per_fraction_gy)


bed_repop = _scalar_function(
    "ldrt_lq_bed_repop", ["total_gy", "fractions", "alpha_beta_gy", "treatment_days",
                          "kickoff_days", "alpha_per_gy", "tpot_days"],
    "BED with the repopulation correction - ln2 (T - Tk) / (alpha Tpot) for T > Tk, in Gy.")
eqd_from_bed = _scalar_function(
    "ldrt_lq_eqd_from_bed", ["bed_gy", "alpha_beta_gy", "ref_dose_per_fraction_gy"],
    "EQDx of a BED: BED / (1 + x / (alpha/beta)), in Gy.")
total_for_bed = _scalar_function(
    "ldrt_lq_total_for_bed", ["bed_gy", "fractions", "alpha_beta_gy"],
    "Total dose in n fractions that gives a BED, in Gy.")
total_for_eqd = _scalar_function(
    "ldrt_lq_total_for_eqd", ["eqd_gy", "fractions", "alpha_beta_gy", "ref_dose_per_fraction_gy"],
    "Total dose in n fractions that gives an EQDx, in Gy.")
dose_per_fraction_for_bed = _scalar_function(
    "ldrt_lq_dose_per_fraction_for_bed", ["bed_gy", "fractions", "alpha_beta_gy"],
    "Dose per fraction in n fractions that gives a BED, in Gy.")
fractions_for_bed = _scalar_function(
    "ldrt_lq_fractions_for_bed", ["bed_gy", "dose_per_fraction_gy", "alpha_beta_gy"],
    "Number of fractions of a given size that gives a BED (not rounded).")
isoeffective_total = _scalar_function(
    "ldrt_lq_isoeffective_total", ["total1_gy", "fractions1", "alpha_beta_gy",
                                   "dose_per_fraction2_gy"],
    "Total dose at another dose per fraction with the same BED, in Gy.")
isoeffective_dose_per_fraction = _scalar_function(
    "ldrt_lq_isoeffective_dose_per_fraction", ["total1_gy", "fractions1", "alpha_beta_gy",
                                               "total2_gy"],
    "Dose per fraction that gives the same BED with another total dose, in Gy.")
lql_bed = _scalar_function(
    "ldrt_lql_bed", ["total_gy", "fractions", "alpha_beta_gy", "transition_dose_gy"],
    "BED of the linear-quadratic-linear model (Astrahan 2008), in Gy.")
lql_eqd = _scalar_function(
    "ldrt_lql_eqd", ["total_gy", "fractions", "alpha_beta_gy", "transition_dose_gy",
                     "ref_dose_per_fraction_gy"],
    "EQDx of the LQ-L model, in Gy.")
usc_params = _scalar_function(
    "ldrt_usc_params", ["alpha_per_gy", "d0_gy", "dq_gy"],
    "(transition dose, alpha/beta) of the universal survival curve (Park 2008), in Gy.", outs=2)
usc_bed = _scalar_function(
    "ldrt_usc_bed", ["total_gy", "fractions", "alpha_per_gy", "d0_gy", "dq_gy"],
    "BED of the universal survival curve, in Gy.")
usc_eqd = _scalar_function(
    "ldrt_usc_eqd", ["total_gy", "fractions", "alpha_per_gy", "d0_gy", "dq_gy",
                     "ref_dose_per_fraction_gy"],
    "EQDx of the universal survival curve, in Gy.")
usc_sfed = _scalar_function(
    "ldrt_usc_sfed", ["total_gy", "fractions", "alpha_per_gy", "d0_gy", "dq_gy"],
    "Single-fraction equivalent dose of the universal survival curve, in Gy.")
ir_h_factor = _scalar_function(
    "ldrt_ir_h_factor", ["fractions_per_day", "interval_h", "repair_half_time_h"],
    "Incomplete-repair factor h of several fractions a day (Thames 1985).",
    ints=("fractions_per_day",))
ir_bed = _scalar_function(
    "ldrt_ir_bed", ["total_gy", "fractions", "alpha_beta_gy", "fractions_per_day", "interval_h",
                    "repair_half_time_h"],
    "BED with incomplete repair between fractions given the same day, in Gy.",
    ints=("fractions_per_day",))
lc_g_continuous = _scalar_function(
    "ldrt_lc_g_continuous", ["duration_h", "repair_half_time_h"],
    "Lea-Catcheside factor g of a continuous irradiation at constant dose rate.")
lc_bed_protracted = _scalar_function(
    "ldrt_lc_bed_protracted", ["total_gy", "fractions", "duration_h", "repair_half_time_h",
                               "alpha_beta_gy"],
    "BED of protracted fractions (each lasting duration_h), in Gy.")
lc_g_permanent = _scalar_function(
    "ldrt_lc_g_permanent", ["isotope_half_life_days", "repair_half_time_h"],
    "Lea-Catcheside factor g of a permanent implant.")
lc_bed_permanent = _scalar_function(
    "ldrt_lc_bed_permanent", ["total_gy", "isotope_half_life_days", "repair_half_time_h",
                              "alpha_beta_gy"],
    "BED of a permanent implant, in Gy.")
hrs_bed = _scalar_function(
    "ldrt_hrs_bed", ["total_gy", "fractions", "alpha_beta_gy", "alpha_ratio", "dc_gy"],
    "BED with low-dose hyper-radiosensitivity (induced-repair model), in Gy.")
hrs_eqd = _scalar_function(
    "ldrt_hrs_eqd", ["total_gy", "fractions", "alpha_beta_gy", "alpha_ratio", "dc_gy",
                     "ref_dose_per_fraction_gy"],
    "EQDx with low-dose hyper-radiosensitivity, in Gy.")
ntcp_lkb = _scalar_function(
    "ldrt_ntcp_lkb", ["eud_gy", "td50_gy", "m"],
    "Lyman-Kutcher-Burman NTCP of a generalised EUD (a probability, 0 to 1).")
response_logit = _scalar_function(
    "ldrt_dose_response_logit", ["eud_gy", "d50_gy", "gamma50"],
    "Logistic dose-response probability (0 to 1).")
response_poisson = _scalar_function(
    "ldrt_dose_response_poisson", ["eud_gy", "d50_gy", "gamma50"],
    "Poisson dose-response probability (0 to 1).")
reirr_recovery_fixed = _scalar_function(
    "ldrt_reirr_recovery_fixed", ["gap_days"],
    "Fixed recovery factor of a prior course (0, 0.25 or 0.5 by the time since it).")


def reirr_jones_grant(prior_bed_gy: float, tolerance_bed_gy: float, gap_days: float,
                      model: str = "conservative") -> Tuple[float, float]:
    """(effective prior BED in Gy, r) after recovery (Jones & Grant 2014);
    ``model`` is ``"conservative"`` (default) or ``"fitted"``."""
    models = {"conservative": 0, "fitted": 1}
    if model not in models:
        raise ValueError("model: must be 'conservative' or 'fitted' (got %r)" % (model,))
    eff, r = ctypes.c_double(), ctypes.c_double()
    _L().ldrt_reirr_jones_grant(_num(prior_bed_gy, "prior_bed_gy"),
                                _num(tolerance_bed_gy, "tolerance_bed_gy"),
                                _num(gap_days, "gap_days"), models[model], ctypes.byref(eff),
                                ctypes.byref(r))
    return eff.value, r.value


# --- functions of dose lists ---------------------------------------------------------

def _doubles(values: Any, what: str) -> Tuple[Any, int, Any]:
    return _arrays.c_array(ctypes.c_double, values, what)


def bed_fractions(doses_gy: Doses, alpha_beta_gy: float) -> float:
    """BED of fractions of unequal doses: sum d_i (1 + d_i / (alpha/beta)), in Gy."""
    ptr, n, keep = _doubles(doses_gy, "doses_gy")
    out = ctypes.c_double()
    _L().ldrt_lq_bed_fractions(ptr, n, _num(alpha_beta_gy, "alpha_beta_gy"), ctypes.byref(out))
    return out.value


def eqd_fractions(doses_gy: Doses, alpha_beta_gy: float,
                  ref_dose_per_fraction_gy: float = 2.0) -> float:
    """EQDx of fractions of unequal doses, in Gy."""
    ptr, n, keep = _doubles(doses_gy, "doses_gy")
    out = ctypes.c_double()
    _L().ldrt_lq_eqd_fractions(ptr, n, _num(alpha_beta_gy, "alpha_beta_gy"),
                               _num(ref_dose_per_fraction_gy, "ref_dose_per_fraction_gy"),
                               ctypes.byref(out))
    return out.value


def _volumes(volumes: Optional[Doses], n: int) -> Tuple[Any, Any]:
    if volumes is None:
        return None, None
    v, m, keep = _doubles(volumes, "volumes")
    if n != m:
        raise ValueError("volumes: has %d values for %d doses" % (m, n))
    return v, keep


def geud(doses_gy: Doses, a: float, volumes: Optional[Doses] = None) -> float:
    """Generalised EUD (sum v_i D_i^a / sum v_i)^(1/a) of a differential DVH, in Gy
    (``volumes`` relative, None for equal volumes)."""
    d, n, k1 = _doubles(doses_gy, "doses_gy")
    v, k2 = _volumes(volumes, n)
    out = ctypes.c_double()
    _L().ldrt_geud(d, v, n, _num(a, "a"), ctypes.byref(out))
    return out.value


def ntcp_lkb_dvh(doses_gy: Doses, td50_gy: float, m: float, n: float,
                 volumes: Optional[Doses] = None) -> float:
    """LKB NTCP of a differential DVH (``volumes`` relative, None for equal volumes)."""
    d, count, k1 = _doubles(doses_gy, "doses_gy")
    v, k2 = _volumes(volumes, count)
    out = ctypes.c_double()
    _L().ldrt_ntcp_lkb_dvh(d, v, count, _num(td50_gy, "td50_gy"), _num(m, "m"), _num(n, "n"),
                           ctypes.byref(out))
    return out.value


def reirr_cumulative(eqd_gy: Doses, recovery: Optional[Doses] = None) -> float:
    """Cumulative EQD of several courses: sum EQD_i (1 - r_i), in Gy."""
    e, n, k1 = _doubles(eqd_gy, "eqd_gy")
    r, k2 = None, None
    if recovery is not None:
        r, m, k2 = _doubles(recovery, "recovery")
        if m != n:
            raise ValueError("recovery: has %d values for %d courses" % (m, n))
    out = ctypes.c_double()
    _L().ldrt_reirr_cumulative(e, r, n, ctypes.byref(out))
    return out.value


# --- tissue presets -------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Tissue(Record):
    """A tissue preset: alpha/beta with its range (None when not published), the
    citation, whether it was verified against it, and the repopulation
    parameters (None when not published)."""

    name: str
    alpha_beta_gy: float
    low_gy: Optional[float]
    high_gy: Optional[float]
    citation: str
    verified: bool
    kickoff_days: Optional[float]
    tpot_days: Optional[float]
    alpha_per_gy: Optional[float]


def _tissue_at(index: int) -> Tissue:
    lib = _L()
    name, cite = ctypes.c_char_p(), ctypes.c_char_p()
    ab, lo, hi, ver = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_int()
    lib.ldrt_tissue_info(index, ctypes.byref(name), ctypes.byref(ab), ctypes.byref(lo),
                         ctypes.byref(hi), ctypes.byref(cite), ctypes.byref(ver))
    tk, tpot, alpha = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    try:
        lib.ldrt_tissue_kinetics(index, ctypes.byref(tk), ctypes.byref(tpot), ctypes.byref(alpha))
        kin: Tuple[Optional[float], ...] = (tk.value, tpot.value, alpha.value)
    except NotFound:
        kin = (None, None, None)

    def opt(x: float) -> Optional[float]:
        return None if math.isnan(x) else x
    return Tissue(_decode(name.value), ab.value, opt(lo.value), opt(hi.value),
                  _decode(cite.value), bool(ver.value), *kin)


def _decode(raw: Optional[bytes]) -> str:
    return "" if raw is None else raw.decode("utf-8")


def tissues() -> List[Tissue]:
    """Every tissue preset, in the library's order."""
    return [_tissue_at(i) for i in range(_L().ldrt_tissue_count())]


def tissue(name: str) -> Tissue:
    """The preset of this name (case-insensitive; ldrt.NotFound when unknown)."""
    if not isinstance(name, str):
        raise TypeError("name: expected a str, not %s" % type(name).__name__)
    index = ctypes.c_size_t()
    _L().ldrt_tissue_find(_convert.text(name, "name"), ctypes.byref(index))
    return _tissue_at(index.value)


# --- regimen classification ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Regimen(Record):
    """The class of a course ("no-dose", "low-dose", "conventional",
    "hypofractionated", "sbrt", "other"), the names of the rules that support
    that class, the source of each of those rules, and the names of the rules
    the course also matches that are not a reason for its class (the seed's
    2 Gy fractions also match "conventional")."""

    name: str
    rules: List[str]
    sources: List[str]
    also_matches: List[str]


def _regimen(code: int, mask: int) -> Regimen:
    lib = _L()
    sup = ctypes.c_uint()
    also = ctypes.c_uint()
    lib.ldrt_regimen_rules_split(code, mask, ctypes.byref(sup), ctypes.byref(also))

    def bits(m: int) -> List[int]:
        return [1 << i for i in range(32) if m & (1 << i)]
    names = [_decode(lib.ldrt_regimen_rule_name(b)) for b in bits(sup.value)]
    sources = [_decode(lib.ldrt_regimen_rule_source(b)) for b in bits(sup.value)]
    others = [_decode(lib.ldrt_regimen_rule_name(b)) for b in bits(also.value)]
    return Regimen(_decode(lib.ldrt_regimen_name(code)), names, sources, others)


def alpha_beta(value: Union[float, Tissue, str]) -> float:
    """alpha/beta in Gy of a number, a Tissue or a preset name ("melanoma")."""
    if isinstance(value, Tissue):
        return value.alpha_beta_gy
    if isinstance(value, str):
        return tissue(value).alpha_beta_gy
    return _num(value, "alpha_beta_gy")


def is_checkpoint_inhibitor(drug: str) -> bool:
    """Whether a drug is an immune checkpoint inhibitor (the list of Anscher et al.,
    JAMA Oncol 2022, compared case-insensitively)."""
    if not isinstance(drug, str):
        raise TypeError("drug: expected a str, not %s" % type(drug).__name__)
    return bool(_L().ldrt_drug_is_checkpoint_inhibitor(_convert.text(drug, "drug")))


#: Default window in days for concurrent radiotherapy and a checkpoint inhibitor
#: (Anscher MS et al., JAMA Oncol 2022;8(2):232-240).
ICI_WINDOW_DAYS = 90


def classify(total_gy: float, fractions: float) -> Regimen:
    """The Regimen of a course of equal fractions."""
    code, mask = ctypes.c_int(), ctypes.c_uint()
    _L().ldrt_regimen_classify(_num(total_gy, "total_gy"), _fractions(fractions, "fractions"),
                               ctypes.byref(code), ctypes.byref(mask))
    return _regimen(code.value, mask.value)


def classify_fractions(doses_gy: Doses) -> Regimen:
    """The Regimen of a course from its fraction doses (possibly unequal)."""
    ptr, n, keep = _doubles(doses_gy, "doses_gy")
    code, mask = ctypes.c_int(), ctypes.c_uint()
    _L().ldrt_regimen_classify_fractions(ptr, n, ctypes.byref(code), ctypes.byref(mask))
    return _regimen(code.value, mask.value)


# --- voxel kernels (float32) --------------------------------------------------------

def _floats(values: Any, what: str) -> Tuple[Any, int, Any]:
    return _arrays.c_array(ctypes.c_float, values, what)


def check(dose_gy: Doses) -> None:
    """Raises ldrt.InvalidArgument naming the first dose that is not finite and >= 0."""
    ptr, n, keep = _floats(dose_gy, "dose_gy")
    _L().ldrt_dose_check_f32(ptr, n)


def eqd2_voxel_ab(dose_gy: Doses, alpha_beta_gy: Doses, fractions: float) -> Any:
    """EQD2 of every voxel with its own alpha/beta (float32)."""
    d, n, k1 = _floats(dose_gy, "dose_gy")
    a, m, k2 = _floats(alpha_beta_gy, "alpha_beta_gy")
    if n != m:
        raise ValueError("alpha_beta_gy: has %d values for %d voxels" % (m, n))
    numpy = _arrays.numpy_wanted(dose_gy, alpha_beta_gy)
    out, owner = _arrays.empty(ctypes.c_float, n, numpy)
    _L().ldrt_lq_eqd2_f32_voxel_ab(d, a, n, _fractions(fractions, "fractions"), out)
    return _arrays.result(owner, numpy)


def eqd2_labels(dose_gy: Doses, labels: Any, fractions: float,
                alpha_beta_table_gy: Doses) -> Any:
    """EQD2 of every voxel with the alpha/beta of its structure label (float32)."""
    d, n, k1 = _floats(dose_gy, "dose_gy")
    lab, m, k2 = _arrays.c_array(ctypes.c_uint8, labels, "labels")
    if n != m:
        raise ValueError("labels: has %d values for %d voxels" % (m, n))
    t, tn, k3 = _doubles(alpha_beta_table_gy, "alpha_beta_table_gy")
    numpy = _arrays.numpy_wanted(dose_gy, labels)
    out, owner = _arrays.empty(ctypes.c_float, n, numpy)
    _L().ldrt_lq_eqd2_f32_labels(d, lab, n, _fractions(fractions, "fractions"), t, tn, out)
    return _arrays.result(owner, numpy)


def eqd2_sum(doses_gy: Sequence[Doses], fractions: Doses, alpha_beta_gy: float,
             weights: Optional[Doses] = None) -> Any:
    """Summed EQD2 of several registered courses: sum w_k EQD2(D_k, n_k) per voxel (float32)."""
    if not _arrays.is_sequence(doses_gy) or len(doses_gy) == 0:
        raise TypeError("doses_gy: expected a non-empty list of dose grids")
    grids = [_floats(g, "doses_gy[%d]" % k) for k, g in enumerate(doses_gy)]
    count = grids[0][1]
    for k, g in enumerate(grids):
        if g[1] != count:
            raise ValueError("doses_gy[%d]: has %d voxels, doses_gy[0] has %d" % (k, g[1], count))
    ptrs = (ctypes.POINTER(ctypes.c_float) * len(grids))(*[g[0] for g in grids])
    for k, nk in enumerate(fractions if _arrays.is_sequence(fractions) or _arrays.is_array(fractions)
                           else [fractions]):
        _fractions(nk, "fractions[%d]" % k)
    f, fn, k1 = _doubles(fractions, "fractions")
    if fn != len(grids):
        raise ValueError("fractions: has %d values for %d courses" % (fn, len(grids)))
    w, k2 = None, None
    if weights is not None:
        w, wn, k2 = _doubles(weights, "weights")
        if wn != len(grids):
            raise ValueError("weights: has %d values for %d courses" % (wn, len(grids)))
    numpy = _arrays.numpy_wanted(*doses_gy)
    out, owner = _arrays.empty(ctypes.c_float, count, numpy)
    _L().ldrt_lq_eqd2_sum_f32(ptrs, f, w, len(grids), count, _num(alpha_beta_gy, "alpha_beta_gy"),
                              out)
    return _arrays.result(owner, numpy)


# --- DVH ------------------------------------------------------------------------------

class Dvh(_Owned):
    """The dose-volume histogram of the voxels of a dose grid selected by a mask.

    Use it as a context manager or call :meth:`close`; otherwise it is freed
    when garbage collected.
    """

    _closed = "the DVH is closed"

    def __init__(self, dose_gy: Doses, mask: Any = None, bin_width_gy: float = 0.1,
                 voxel_cc: Optional[float] = None, weights: Optional[Doses] = None) -> None:
        """The DVH of ``dose_gy`` over the voxels of ``mask`` (or all voxels).

        With ``voxel_cc`` (the volume of one voxel in cc) the DVH knows absolute
        volumes (:attr:`volume_cc`, metrics in cc); ``weights`` (needs
        ``voxel_cc``, not with ``mask``) gives each voxel the fraction of it
        inside the structure, 0 to 1 (partial voxels).
        """
        lib = _L()
        d, n, k1 = _floats(dose_gy, "dose_gy")
        if voxel_cc is not None or weights is not None:
            if voxel_cc is None:
                raise TypeError("weights: need voxel_cc")
            self._init_cc(lib, d, n, mask, weights, voxel_cc, bin_width_gy)
            return
        m, k2 = None, None
        if mask is not None:
            if _arrays.is_array(mask) and mask.dtype == bool:
                mask = mask.astype("uint8")
            elif not _arrays.is_array(mask) and _arrays.is_sequence(mask):
                mask = [1 if v else 0 for v in mask]
            m, mn, k2 = _arrays.c_array(ctypes.c_uint8, mask, "mask")
            if mn != n:
                raise ValueError("mask: has %d values for %d voxels" % (mn, n))
        handle = DvhP()
        lib.ldrt_dvh_compute_f32(d, m, n, _num(bin_width_gy, "bin_width_gy"), ctypes.byref(handle))
        self._own_handle(handle, lib.ldrt_dvh_free)

    def _init_cc(self, lib: ctypes.CDLL, d: Any, n: int, mask: Any, weights: Optional[Doses],
                 voxel_cc: float, bin_width_gy: float) -> None:
        m: Any = None
        w: Any = None
        k2: Any = None
        k3: Any = None
        if mask is not None:
            if _arrays.is_array(mask) and mask.dtype == bool:
                mask = mask.astype("uint8")
            elif not _arrays.is_array(mask) and _arrays.is_sequence(mask):
                mask = [1 if v else 0 for v in mask]
            m, mn, k2 = _arrays.c_array(ctypes.c_uint8, mask, "mask")
            if mn != n:
                raise ValueError("mask: has %d values for %d voxels" % (mn, n))
        if weights is not None:
            w, wn, k3 = _floats(weights, "weights")
            if wn != n:
                raise ValueError("weights: has %d values for %d voxels" % (wn, n))
        handle = DvhP()
        lib.ldrt_dvh_compute_cc_f32(d, m, w, n, _num(voxel_cc, "voxel_cc"),
                                    _num(bin_width_gy, "bin_width_gy"), ctypes.byref(handle))
        self._own_handle(handle, lib.ldrt_dvh_free)

    @property
    def volume_cc(self) -> float:
        """The structure's volume in cc (a DVH made with ``voxel_cc``)."""
        out = ctypes.c_double()
        _L().ldrt_dvh_volume_cc(self._h, ctypes.byref(out))
        return out.value

    def metric(self, name: str, prescription_gy: float = 0.0) -> float:
        """A metric by its TG-263 name: ``D2cc``, ``D0.1cc``, ``D95%``, ``Dmean``,
        ``Dmax`` (the maximum voxel dose), ``Dmin``, ``V20Gy[cc]``, ``V20Gy[%]``,
        ``V95%[%]`` (percent of ``prescription_gy``), a dose unit ``[Gy]``,
        ``[cGy]`` or ``[%]``. Gy, cGy, cc or percent as the name says; the
        interpolation is that of ``ldrt_dvh_metric`` (dose.h)."""
        out = ctypes.c_double()
        _L().ldrt_dvh_metric(self._h, _convert.text(name, "name"),
                             _num(prescription_gy, "prescription_gy"), ctypes.byref(out))
        return out.value

    def _no_copy(self, *args: Any) -> Any:
        raise TypeError("an ldrt.dose.Dvh cannot be copied or pickled")

    __copy__ = __deepcopy__ = __reduce__ = _no_copy

    def _bins(self) -> Tuple[int, float]:
        n, w = ctypes.c_size_t(), ctypes.c_double()
        _L().ldrt_dvh_bins(self._h, ctypes.byref(n), ctypes.byref(w))
        return n.value, w.value

    @property
    def bins(self) -> int:
        """Number of bins."""
        return self._bins()[0]

    @property
    def bin_width_gy(self) -> float:
        return self._bins()[1]

    def _curve(self, cname: str) -> Any:
        n = self.bins
        numpy = _arrays.np is not None
        out, owner = _arrays.empty(ctypes.c_double, n, numpy)
        getattr(_L(), cname)(self._h, out, n)
        return _arrays.result(owner, numpy)

    def differential(self) -> Any:
        """Percent of the volume in each bin (numpy array when numpy is present, else a list)."""
        return self._curve("ldrt_dvh_differential")

    def cumulative(self) -> Any:
        """Percent of the volume receiving at least each bin's lower dose."""
        return self._curve("ldrt_dvh_cumulative")

    @property
    def stats(self) -> Tuple[int, float, float, float]:
        """(voxels, mean_gy, min_gy, max_gy)."""
        v = ctypes.c_uint64()
        mean, lo, hi = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        _L().ldrt_dvh_stats(self._h, ctypes.byref(v), ctypes.byref(mean), ctypes.byref(lo),
                            ctypes.byref(hi))
        return v.value, mean.value, lo.value, hi.value

    def dose_at_volume(self, volume_pct: float) -> float:
        """D_v: the dose (Gy) that the hottest ``volume_pct`` percent receive."""
        out = ctypes.c_double()
        _L().ldrt_dvh_dose_at_volume(self._h, _num(volume_pct, "volume_pct"), ctypes.byref(out))
        return out.value

    def volume_at_dose(self, dose_gy: float) -> float:
        """V_d: the percent of the volume that receives at least ``dose_gy``."""
        out = ctypes.c_double()
        _L().ldrt_dvh_volume_at_dose(self._h, _num(dose_gy, "dose_gy"), ctypes.byref(out))
        return out.value
