"""Cohorts as tables: RECIST 1.1 over a long pandas DataFrame, on one process or on Dask.

A *long table* has one row per lesion per scan, like an SDTM TR domain:

=========== ==============================================================
column      meaning
=========== ==============================================================
``subject`` the subject's identifier (any hashable value, e.g. USUBJID)
``date``    the scan's date (full dates: a ``datetime64`` column or ISO
            8601 text); a subject's earliest date is its baseline
``lesion``  the lesion's identifier, unique within the subject (any value)
``role``    ``"target"``, ``"non-target"``, ``"new"``, ``"new-target"``
            (any case; TR.TRGRPID spellings), or the :class:`ldrt.response.Role` codes
``state``   ``"present"``, ``"absent"``, ``"too-small"``, ``"not-evaluated"``,
            ``"unequivocal-progression"``, ``"increased"``, ``"equivocal"``,
            or the :class:`ldrt.response.State` codes
``value``   the diameter in mm (NaN when not measured)
``nodal``   optional: true for a lymph node (its short axis in ``value``)
=========== ==============================================================

:func:`timepoints` turns the table into the array engine's inputs with
vectorised pandas and numpy (factorize, a stable sort, offsets from the
places where the subject or date changes; no Python loop over rows or
subjects), runs :func:`ldrt.response.recist_cohort` once, and returns one
row per time point; :func:`best` adds :func:`ldrt.response.bor_cohort` and
returns one row per subject. :func:`from_study` gives the long table of an
imported :class:`ldrt.study.Study`.

:func:`dask_timepoints` and :func:`dask_best` run the same on a Dask
DataFrame: :func:`by_subject` moves every subject's rows into one partition
(a shuffle on ``subject``), and the engine is mapped over the partitions
(``map_partitions``); each worker loads the shared library itself, so it
must be installed on every worker (see the cohorts guide).

The array engine is in the experimental tier; so are these functions.
pandas (and Dask for the ``dask_`` functions) must be installed.
"""

import importlib
from typing import Any, Dict, List, Optional, Tuple

from . import response as R
from .response import Options

__all__ = ["ROLES", "STATES", "COLUMNS", "engine_inputs", "timepoints", "best", "from_study",
           "by_subject", "dask_timepoints", "dask_best"]

#: Role spellings (lower case) and their codes.
ROLES: Dict[str, int] = {"target": 1, "non-target": 2, "nontarget": 2, "non_target": 2,
                         "new": 3, "new-target": 4, "new_target": 4}
#: State spellings (lower case) and their codes.
STATES: Dict[str, int] = {"present": 0, "absent": 1, "too-small": 2, "too_small": 2,
                          "not-evaluated": 3, "not_evaluated": 3,
                          "unequivocal-progression": 4, "progression": 4, "increased": 5,
                          "equivocal": 6}
#: The columns a long table needs (``nodal`` is optional).
COLUMNS: Tuple[str, ...] = ("subject", "date", "lesion", "role", "state", "value")

_TP_COLUMNS = ("subject", "date", "overall", "target", "non_target", "sum_mm", "rule")
_BEST_COLUMNS = ("subject", "bor", "confirmed_bor")


def _pd() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ImportError("ldrt.cohort needs pandas (Debian: python3-pandas)") from None


def _np() -> Any:
    return importlib.import_module("numpy")


def _codes(column: Any, names: Dict[str, int], what: str, top: int) -> Any:
    """A role or state column as uint8 codes, vectorised; names the first bad row."""
    np, pd = _np(), _pd()
    if pd.api.types.is_integer_dtype(column.dtype):
        codes = column.to_numpy(dtype=np.int64)
        bad = (codes < 0) | (codes > top)
    else:
        text = column.astype("string").str.strip().str.lower()
        mapped = text.map(names)
        bad = mapped.isna().to_numpy()
        codes = mapped.fillna(0).to_numpy(dtype=np.int64)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError("%s: row %r has %r, which is not a %s (one of: %s)"
                         % (what, column.index[i], column.iloc[i], what,
                            ", ".join(sorted(set(names)))))
    return codes.astype(np.uint8)


def _days(column: Any) -> Any:
    """A date column as int32 day numbers since 1970-01-01; names the first bad row."""
    np, pd = _np(), _pd()
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        when = column
        bad = when.isna().to_numpy()
    else:
        # Only full dates: pandas would read "2023-02" as the 1st of February.
        text = column.astype("string").str.strip()
        full = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False).to_numpy(dtype=bool)
        when = pd.to_datetime(text.where(full), errors="coerce", format="%Y-%m-%d")
        bad = when.isna().to_numpy() | ~full
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError("date: row %r has %r, which is not a full date (YYYY-MM-DD)"
                         % (column.index[i], column.iloc[i]))
    return when.to_numpy().astype("datetime64[D]").astype(np.int64).astype(np.int32)


def _check_columns(frame: Any) -> None:
    pd = _pd()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("expected a pandas DataFrame (got %s)" % type(frame).__name__)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError("the long table lacks the column(s) %s (needs %s)"
                         % (", ".join(missing), ", ".join(COLUMNS)))


def engine_inputs(frame: Any) -> Dict[str, Any]:
    """The array engine's inputs from a long table, without a Python loop.

    Returns a dict: ``subjects`` (the subjects, sorted), ``tp_subject`` and
    ``tp_day`` (per time point: the subject's position and the day number),
    and the arguments of :func:`ldrt.response.recist_cohort`:
    ``patient_offsets``, ``tp_offsets``, ``lesion``, ``role``, ``state``,
    ``value_mm``. Rows are ordered by subject, then date, keeping the table's
    order within a scan; a lesion's index is its rank among the subject's
    lesions.
    """
    np, pd = _np(), _pd()
    _check_columns(frame)
    days = _days(frame["date"])
    role = _codes(frame["role"], ROLES, "role", 6)
    if "nodal" in frame.columns:
        role |= np.where(frame["nodal"].fillna(False).to_numpy(dtype=bool), R.NODAL, 0) \
            .astype(np.uint8)
    state = _codes(frame["state"], STATES, "state", 6)
    value = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=np.float64)
    text = frame["value"].notna().to_numpy() & np.isnan(value)
    if text.any():
        i = int(np.flatnonzero(text)[0])
        raise ValueError("value: row %r has %r, which is not a number of mm"
                         % (frame.index[i], frame["value"].iloc[i]))
    if frame["subject"].isna().any() or frame["lesion"].isna().any():
        which = "subject" if frame["subject"].isna().any() else "lesion"
        i = int(np.flatnonzero(frame[which].isna().to_numpy())[0])
        raise ValueError("%s: row %r has no %s" % (which, frame.index[i], which))
    subj, subjects = pd.factorize(frame["subject"], sort=True)
    les, _lesions = pd.factorize(frame["lesion"])
    order = np.lexsort((days, subj))  # stable: a scan keeps the table's row order
    subj, days = subj[order], days[order]
    # Each subject's lesions get dense indices 0..k-1 (the engine's limit is
    # per subject, not per cohort).
    span = int(les.max(initial=0)) + 1
    pair = subj.astype(np.int64) * span + les[order]
    uniq, inverse = np.unique(pair, return_inverse=True)
    owner = uniq // span
    first = np.searchsorted(owner, owner, side="left")
    lesion = (np.arange(len(uniq)) - first)[inverse].astype(np.int32)
    n = len(order)
    new_tp = np.ones(n, dtype=bool)
    new_tp[1:] = (subj[1:] != subj[:-1]) | (days[1:] != days[:-1])
    tp_start = np.flatnonzero(new_tp)
    tp_offsets = np.append(tp_start, n).astype(np.int64)
    tp_subject = subj[tp_start]
    new_patient = np.ones(len(tp_start), dtype=bool)
    new_patient[1:] = tp_subject[1:] != tp_subject[:-1]
    patient_offsets = np.append(np.flatnonzero(new_patient), len(tp_start)).astype(np.int64)
    return {"subjects": subjects, "tp_subject": tp_subject, "tp_day": days[tp_start],
            "patient_offsets": patient_offsets, "tp_offsets": tp_offsets, "lesion": lesion,
            "role": role[order], "state": state[order], "value_mm": value[order]}


def _label_names() -> Any:
    np = _np()
    top = max(int(c) for c in R.Label)
    return np.array([R.label_name(c) for c in range(top + 1)], dtype=object)


def _timepoints_from(inputs: Dict[str, Any], options: Optional[Options]) -> Tuple[Any, Any]:
    """(the time-point DataFrame, the overall codes)."""
    np, pd = _np(), _pd()
    keys = ("patient_offsets", "tp_offsets", "lesion", "role", "state", "value_mm")
    out = R.recist_cohort(options=options, **{k: inputs[k] for k in keys})
    names = _label_names()
    table = pd.DataFrame({
        "subject": np.asarray(inputs["subjects"], dtype=object)[inputs["tp_subject"]]
        if len(inputs["subjects"]) else np.array([], dtype=object),
        "date": inputs["tp_day"].astype(np.int64).astype("datetime64[D]")
        .astype("datetime64[ns]"),
        "overall": names[out["overall"]], "target": names[out["target"]],
        "non_target": names[out["non_target"]], "sum_mm": out["sum_mm"],
        "rule": out["rule"].astype(np.int32)})
    return table, out["overall"]


def timepoints(frame: Any, options: Optional[Options] = None) -> Any:
    """RECIST 1.1 at every time point of a long table (see the module notes).

    Returns a DataFrame with one row per subject and scan date, ordered by
    subject then date: ``subject``, ``date``, ``overall``, ``target``,
    ``non_target`` (CDISC spellings, "" at baseline), ``sum_mm`` (NaN when
    no target was measured) and ``rule`` (the deciding rule's code).
    """
    return _timepoints_from(engine_inputs(frame), options)[0]


def best(frame: Any, options: Optional[Options] = None, reference: Any = None) -> Any:
    """Best overall response of every subject of a long table.

    ``reference`` is None (each subject's baseline is its reference date) or
    a mapping or Series from subject to reference date (e.g. the first dose);
    subjects it lacks use their baseline. Returns a DataFrame with one row per
    subject, in order: ``subject``, ``bor`` and ``confirmed_bor``.
    """
    np, pd = _np(), _pd()
    inputs = engine_inputs(frame)
    _table, overall = _timepoints_from(inputs, options)
    subjects = inputs["subjects"]
    po = inputs["patient_offsets"]
    ref = None
    if reference is not None:
        series = pd.Series(reference, dtype=object) if not isinstance(reference, pd.Series) \
            else reference
        first_day = inputs["tp_day"][po[:-1]] if len(subjects) else np.array([], np.int32)
        wanted = series.reindex(pd.Index(subjects))
        given = wanted.notna().to_numpy()
        ref = first_day.copy()
        if given.any():
            ref[given] = _days(wanted[given].astype(str))
        ref = ref.astype(np.int32)
    bor, confirmed = R.bor_cohort(po, inputs["tp_day"].astype(np.int32),
                                  overall.astype(np.int32), ref, options)
    names = _label_names()
    return pd.DataFrame({"subject": np.asarray(subjects, dtype=object),
                         "bor": names[bor], "confirmed_bor": names[confirmed]})


def from_study(study: Any) -> Any:
    """The long table of an imported :class:`ldrt.study.Study` (its subjects'
    measurement rows as :meth:`ldrt.patient.Patient.response_rows` gives them;
    ``lesion`` is the row's lesion index, ``role`` and ``state`` codes).
    """
    np, pd = _np(), _pd()
    parts: List[Any] = []
    for usubjid, patient in zip(study.usubjids, study.patients()):
        rows = patient.response_rows()
        counts = np.diff(np.asarray(rows["tp_offsets"], dtype=np.int64))
        dates = np.array([str(d) for d in rows["dates"]], dtype=object)
        parts.append(pd.DataFrame({
            "subject": usubjid, "date": np.repeat(dates, counts),
            "lesion": np.asarray(rows["lesion"], dtype=np.int32),
            "role": np.asarray(rows["role"], dtype=np.uint8) & 0x0F,
            "state": np.asarray(rows["state"], dtype=np.uint8),
            "value": np.asarray(rows["value"], dtype=np.float64),
            "nodal": (np.asarray(rows["role"], dtype=np.uint8) & R.NODAL) != 0}))
    if not parts:
        return pd.DataFrame({c: [] for c in COLUMNS + ("nodal",)})
    table = pd.concat(parts, ignore_index=True)
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    return table


# --- Dask ----------------------------------------------------------------------------------

def _dd() -> Any:
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError:
        raise ImportError("the dask_ functions need Dask (Debian: python3-dask)") from None


def by_subject(frame: Any, npartitions: Optional[int] = None) -> Any:
    """A Dask DataFrame whose partitions each hold whole subjects (a shuffle
    on ``subject``; ``npartitions`` defaults to the input's)."""
    _dd()
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError("the long table lacks the column(s) %s" % ", ".join(missing))
    return frame.shuffle("subject", npartitions=npartitions)


def _tp_meta() -> Any:
    np, pd = _np(), _pd()
    return pd.DataFrame({"subject": pd.Series([], dtype=object),
                         "date": pd.Series([], dtype="datetime64[ns]"),
                         "overall": pd.Series([], dtype=object),
                         "target": pd.Series([], dtype=object),
                         "non_target": pd.Series([], dtype=object),
                         "sum_mm": pd.Series([], dtype=np.float64),
                         "rule": pd.Series([], dtype=np.int32)})


def _best_meta() -> Any:
    pd = _pd()
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in _BEST_COLUMNS})


def _tp_partition(part: Any, options: Optional[Options]) -> Any:
    return timepoints(part, options) if len(part) else _tp_meta()


def _best_partition(part: Any, options: Optional[Options], reference: Any) -> Any:
    return best(part, options, reference) if len(part) else _best_meta()


def dask_timepoints(frame: Any, options: Optional[Options] = None,
                    shuffle: bool = True) -> Any:
    """:func:`timepoints` over a Dask DataFrame (lazy; ``.compute()`` it).

    With ``shuffle`` (the default) the rows are first moved by
    :func:`by_subject`; pass False only when every partition already holds
    whole subjects. Rows come per partition, each ordered by subject and date.
    """
    part = by_subject(frame) if shuffle else frame
    return part.map_partitions(_tp_partition, options, meta=_tp_meta())


def dask_best(frame: Any, options: Optional[Options] = None, reference: Any = None,
              shuffle: bool = True) -> Any:
    """:func:`best` over a Dask DataFrame (lazy; see :func:`dask_timepoints`)."""
    part = by_subject(frame) if shuffle else frame
    return part.map_partitions(_best_partition, options, reference, meta=_best_meta())


def synthetic(n_subjects: int, seed: int = 0) -> Any:
    """A long table of ``n_subjects`` made-up subjects numbered from 0 (for benchmarks and
    tests): 4 scans 8 weeks apart, two target lesions and one non-target
    each, the diameters a random walk, now and then a scan where a lesion was
    not evaluated or the non-target progressed."""
    np, pd = _np(), _pd()
    if n_subjects < 0:
        raise ValueError("n_subjects: must be >= 0 (got %d)" % n_subjects)
    rng = np.random.default_rng(seed)
    scans, lesions = 4, 3
    n = n_subjects * scans * lesions
    subj = np.repeat(np.arange(n_subjects), scans * lesions)
    scan = np.tile(np.repeat(np.arange(scans), lesions), n_subjects)
    lesion = np.tile(np.arange(lesions), n_subjects * scans)
    start = np.datetime64("2020-01-06") + rng.integers(0, 1000, n_subjects).astype("timedelta64[D]")
    date = np.repeat(start, scans * lesions) + (scan * 56).astype("timedelta64[D]")
    base = rng.uniform(10.0, 60.0, (n_subjects, 1, lesions))
    factor = np.cumprod(np.concatenate([np.ones((n_subjects, 1, lesions)),
                                        rng.uniform(0.5, 1.4, (n_subjects, scans - 1, lesions))],
                                       axis=1), axis=1)
    value = np.round(base * factor, 1).reshape(-1)
    role = np.where(lesion < 2, 1, 2).astype(np.uint8)
    state = np.zeros(n, dtype=np.uint8)
    later = scan > 0
    missing = later & (rng.random(n) < 0.02)
    state[missing] = 3
    progressed = later & (lesion == 2) & (rng.random(n) < 0.05)
    state[progressed] = 4
    value[(lesion == 2) | missing] = np.nan
    return pd.DataFrame({"subject": subj.astype(np.int64), "date": date,
                         "lesion": lesion, "role": role, "state": state, "value": value})
