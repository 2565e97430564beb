"""Dose from the planning system: DICOM RT Dose and RT Structure Set to EQD2
grids, DVH metrics in cc, and EQD2 written back as RT Dose.

Needs numpy and pydicom (Debian ``python3-numpy``, ``python3-pydicom``);
:func:`dvh_table` also needs pandas. ``import ldrt`` works without them; only
``import ldrt.dicom`` does not.

Conventions (the guide ``doc/guides/dicom.md`` says more):

- Dose: stored pixel value x Dose Grid Scaling, in Gy (``DoseUnits`` must be
  ``GY``: a ``RELATIVE`` dose is refused). ``DoseSummationType`` PLAN and
  MULTI_PLAN are read as they are; FRACTION is multiplied by the number of
  fractions (given, or read from the RT Plan); BEAM files are summed when all
  the beams are given together (:func:`read_rtdose` with a list), else
  refused.
- Geometry: axial grids only (Image Orientation (Patient) with rows along
  +-x and columns along +-y); frame z from Grid Frame Offset Vector, relative
  to the first frame when its first value is 0, else absolute. Voxel volume
  = column spacing x row spacing x frame spacing (uniform) / 1000, in cc.
- Partial voxels: a voxel's weight is the fraction of it inside the
  structure: in-plane, the fraction of ``subsamples`` x ``subsamples``
  points on a regular sub-grid of the voxel that fall inside the contours of
  the plane (even-odd rule, so holes drawn as inner contours are excluded);
  through-plane, each contour plane stands for a slab of the structure's
  plane spacing centred on it, and the voxel takes the overlap of its own
  slab with those slabs.
- EQD2 of a course: every voxel its own dose per fraction, d = D/n,
  EQD2 = D (d + a/b) / (2 + a/b).
"""

from __future__ import annotations

import copy
import dataclasses
import math
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union, cast

import numpy as np
import numpy.typing as npt
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

from . import dose as _dose

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import]

__all__ = [
    "DoseGrid", "Structure", "read_rtdose", "read_rtplan_fractions", "read_structures",
    "structure_weights", "find_structure", "eqd2_grid", "structure_dvh", "expand_metrics", "dvh_table",
    "write_rtdose", "dvh_metrics", "RTDOSE_STORAGE", "DicomError",
]

RTDOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2"
RTSTRUCT_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3"
RTPLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.5"

Source = Union[str, "os.PathLike[str]", Dataset]
FloatGrid = npt.NDArray[np.float32]


class DicomError(ValueError):
    """A DICOM file that libldrt refuses, with the attribute that decided."""


def _read(source: Source, what: str) -> Dataset:
    if isinstance(source, Dataset):
        return source
    try:
        return pydicom.dcmread(os.fspath(source))
    except pydicom.errors.InvalidDicomError:
        # Files without the preamble (some exports, pydicom's own samples).
        return pydicom.dcmread(os.fspath(source), force=True)


def _floats(ds: Dataset, keyword: str, n: int, what: str) -> Tuple[float, ...]:
    value = ds.get(keyword)
    if value is None:
        raise DicomError("%s: %s is missing" % (what, keyword))
    seq = list(value) if isinstance(value, (list, tuple, pydicom.multival.MultiValue)) else [value]
    if n and len(seq) != n:
        raise DicomError("%s: %s must have %d values (got %d)" % (what, keyword, n, len(seq)))
    out = tuple(float(v) for v in seq)
    if not all(math.isfinite(v) for v in out):
        raise DicomError("%s: %s must be finite" % (what, keyword))
    return out


@dataclasses.dataclass(frozen=True)
class DoseGrid:
    """A dose grid in Gy on the geometry of an RT Dose.

    ``dose_gy`` is float32, shaped (frames, rows, columns); voxel (k, i, j)
    is centred at x = x_cols[j], y = y_rows[i], z = z_frames[k] (mm, patient
    coordinates).
    """

    dose_gy: FloatGrid
    x_cols: Tuple[float, ...]
    y_rows: Tuple[float, ...]
    z_frames: Tuple[float, ...]
    spacing_mm: Tuple[float, float, float]  # column (x), row (y), frame (z) spacing
    frame_of_reference_uid: str
    dataset: Dataset  # the RT Dose read (the template of write_rtdose)
    summation: str
    fractions: Optional[float] = None
    description: str = ""

    @property
    def voxel_cc(self) -> float:
        """Volume of one voxel in cc."""
        dx, dy, dz = self.spacing_mm
        return dx * dy * dz / 1000.0

    @property
    def shape(self) -> Tuple[int, int, int]:
        s = self.dose_gy.shape
        return (int(s[0]), int(s[1]), int(s[2]))

    def with_dose(self, dose_gy: FloatGrid, description: str = "") -> "DoseGrid":
        """The same geometry with another dose array."""
        if dose_gy.shape != self.dose_gy.shape:
            raise ValueError("dose_gy: shape %s, the grid is %s" % (dose_gy.shape, self.shape))
        return dataclasses.replace(self, dose_gy=np.ascontiguousarray(dose_gy, dtype=np.float32),
                                   description=description)


def _geometry(ds: Dataset, what: str) -> Tuple[Tuple[float, ...], Tuple[float, ...],
                                               Tuple[float, ...], Tuple[float, float, float]]:
    rows, cols = int(ds.Rows), int(ds.Columns)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    ox, oy, oz = _floats(ds, "ImagePositionPatient", 3, what)
    iop = _floats(ds, "ImageOrientationPatient", 6, what)
    rx, ry = iop[0], iop[4]
    if not (abs(abs(rx) - 1) < 1e-6 and abs(abs(ry) - 1) < 1e-6
            and all(abs(iop[k]) < 1e-6 for k in (1, 2, 3, 5))):
        raise DicomError("%s: ImageOrientationPatient %s is not an axial grid (rows along "
                         "+-x, columns along +-y); only axial grids are supported" % (what, list(iop)))
    row_spacing, col_spacing = _floats(ds, "PixelSpacing", 2, what)
    if row_spacing <= 0 or col_spacing <= 0:
        raise DicomError("%s: PixelSpacing must be > 0" % what)
    x_cols = tuple(ox + j * col_spacing * rx for j in range(cols))
    y_rows = tuple(oy + i * row_spacing * ry for i in range(rows))
    nz = rx * ry  # the z component of row x column directions
    if frames > 1 or "GridFrameOffsetVector" in ds:
        offsets = _floats(ds, "GridFrameOffsetVector", frames, what)
        if offsets[0] == 0.0:
            z = tuple(oz + o * nz for o in offsets)
        else:  # absolute z (the other form the standard allows)
            z = offsets
    else:
        z = (oz,)
    if len(z) > 1:
        steps = [z[k + 1] - z[k] for k in range(len(z) - 1)]
        dz = abs(steps[0])
        if dz <= 0 or any(abs(abs(s) - dz) > 1e-3 * max(1.0, dz) or s * steps[0] <= 0
                          for s in steps):
            raise DicomError("%s: GridFrameOffsetVector: frames must be evenly spaced "
                             "(got steps %s)" % (what, steps[:5]))
    else:
        st = ds.get("SliceThickness")
        if st is None or float(st) <= 0:
            raise DicomError("%s: one frame and no SliceThickness: the voxel volume is unknown"
                             % what)
        dz = float(st)
    return x_cols, y_rows, z, (col_spacing, row_spacing, dz)


def read_rtplan_fractions(source: Source, fraction_group: Optional[int] = None) -> int:
    """NumberOfFractionsPlanned of an RT Plan's fraction group (the first, or
    the one numbered ``fraction_group``)."""
    ds = _read(source, "rtplan")
    if ds.get("SOPClassUID") != RTPLAN_STORAGE and ds.get("Modality") != "RTPLAN":
        raise DicomError("rtplan: not an RT Plan (SOPClassUID %s)" % ds.get("SOPClassUID"))
    groups = ds.get("FractionGroupSequence")
    if not groups:
        raise DicomError("rtplan: FractionGroupSequence is missing")
    for g in groups:
        if fraction_group is None or int(g.FractionGroupNumber) == fraction_group:
            n = g.get("NumberOfFractionsPlanned")
            if n is None or int(n) < 1:
                raise DicomError("rtplan: NumberOfFractionsPlanned is missing or < 1")
            return int(n)
    raise DicomError("rtplan: no fraction group %s" % fraction_group)


def _one_rtdose(ds: Dataset, what: str) -> Tuple[FloatGrid, str]:
    if ds.get("SOPClassUID") != RTDOSE_STORAGE and ds.get("Modality") != "RTDOSE":
        raise DicomError("%s: not an RT Dose (SOPClassUID %s)" % (what, ds.get("SOPClassUID")))
    units = str(ds.get("DoseUnits", "")).upper()
    if units != "GY":
        raise DicomError("%s: DoseUnits is %s; only GY is accepted (a RELATIVE dose is "
                         "normalised to an unknown point and cannot be converted to EQD2)"
                         % (what, units or "missing"))
    if "DoseGridScaling" not in ds:
        raise DicomError("%s: DoseGridScaling is missing" % what)
    scaling = float(ds.DoseGridScaling)
    if not (math.isfinite(scaling) and scaling > 0):
        raise DicomError("%s: DoseGridScaling must be > 0 (got %s)" % (what, ds.DoseGridScaling))
    pixels = ds.pixel_array
    if pixels.ndim == 2:
        pixels = pixels[np.newaxis, :, :]
    dose = (pixels.astype(np.float64) * scaling).astype(np.float32)
    if (dose < 0).any():
        raise DicomError("%s: negative dose values" % what)
    return np.ascontiguousarray(dose), str(ds.get("DoseSummationType", "")).upper()


def read_rtdose(source: Union[Source, Sequence[Source]], fractions: Optional[float] = None,
                plan: Optional[Source] = None) -> DoseGrid:
    """Reads an RT Dose (or the RT Doses of all the beams of a plan) as a
    :class:`DoseGrid` of total physical dose in Gy.

    ``fractions`` (or ``plan``, an RT Plan whose first fraction group gives
    NumberOfFractionsPlanned) is the number of fractions: it multiplies a
    FRACTION dose, and is kept on the grid for :func:`eqd2_grid`.
    """
    n: Optional[float] = None
    if fractions is not None:
        n = float(fractions)
        if not (math.isfinite(n) and n > 0):
            raise ValueError("fractions: must be > 0 (got %r)" % fractions)
    elif plan is not None:
        n = float(read_rtplan_fractions(plan))
    sources: List[Source]
    if isinstance(source, (list, tuple)):
        sources = list(source)
        if not sources:
            raise ValueError("source: no RT Dose given")
    else:
        sources = [source]  # type: ignore[list-item]
    datasets = [_read(s, "rtdose[%d]" % k if len(sources) > 1 else "rtdose")
                for k, s in enumerate(sources)]
    what = "rtdose"
    total: Optional[FloatGrid] = None
    kinds = set()
    geometry = None
    for k, ds in enumerate(datasets):
        w = "rtdose[%d]" % k if len(datasets) > 1 else what
        dose, kind = _one_rtdose(ds, w)
        kinds.add(kind)
        g = _geometry(ds, w)
        if geometry is None:
            geometry = g
        elif not all(np.allclose(a, b, atol=1e-3) for a, b in zip(g, geometry)):
            raise DicomError("%s: its grid differs from rtdose[0]'s; beam doses must share one "
                             "grid" % w)
        total = dose if total is None else total + dose
    assert total is not None and geometry is not None
    if len(datasets) > 1:
        if kinds != {"BEAM"}:
            raise DicomError("rtdose: several files are summed only when each is a BEAM dose "
                             "(got %s)" % ", ".join(sorted(kinds)))
        kind = "PLAN"
    else:
        kind = kinds.pop()
        if kind == "BEAM":
            raise DicomError("rtdose: DoseSummationType BEAM is the dose of one beam; give the "
                             "RT Doses of all the plan's beams together to sum them")
    if kind == "FRACTION":
        if n is None:
            raise DicomError("rtdose: DoseSummationType FRACTION is the dose of one fraction; "
                             "give fractions= or plan= (the RT Plan)")
        total = (total.astype(np.float64) * n).astype(np.float32)
        kind = "PLAN"
    elif kind not in ("PLAN", "MULTI_PLAN"):
        raise DicomError("rtdose: DoseSummationType %s is not supported (PLAN, MULTI_PLAN, "
                         "FRACTION, BEAM)" % (kind or "missing"))
    x, y, z, spacing = geometry
    ds0 = datasets[0]
    return DoseGrid(dose_gy=total, x_cols=x, y_rows=y, z_frames=z, spacing_mm=spacing,
                    frame_of_reference_uid=str(ds0.get("FrameOfReferenceUID", "")),
                    dataset=ds0, summation=kind, fractions=n,
                    description="physical dose")


# --- structures -------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Structure:
    """One ROI of an RT Structure Set: its closed planar contours by plane."""

    number: int
    name: str
    frame_of_reference_uid: str
    planes: Dict[float, List[npt.NDArray[np.float64]]]  # z (mm) -> contours, each (n, 2) x, y

    @property
    def plane_spacing_mm(self) -> Optional[float]:
        """The smallest distance between consecutive contour planes (None for one plane)."""
        zs = sorted(self.planes)
        steps = [b - a for a, b in zip(zs, zs[1:]) if b - a > 1e-6]
        return min(steps) if steps else None


def read_structures(source: Source) -> List[Structure]:
    """The ROIs of an RT Structure Set with their closed planar contours
    (ROIs without any, such as points, have no planes)."""
    ds = _read(source, "rtstruct")
    if ds.get("SOPClassUID") != RTSTRUCT_STORAGE and ds.get("Modality") != "RTSTRUCT":
        raise DicomError("rtstruct: not an RT Structure Set (SOPClassUID %s)"
                         % ds.get("SOPClassUID"))
    rois = {int(r.ROINumber): r for r in ds.get("StructureSetROISequence", [])}
    out = []
    contours_by_roi = {int(c.ReferencedROINumber): c for c in ds.get("ROIContourSequence", [])}
    for number, roi in rois.items():
        planes: Dict[float, List[npt.NDArray[np.float64]]] = {}
        c = contours_by_roi.get(number)
        for k, item in enumerate(c.get("ContourSequence", []) if c is not None else []):
            if str(item.get("ContourGeometricType", "")) != "CLOSED_PLANAR":
                continue
            pts = np.asarray([float(v) for v in item.ContourData], dtype=np.float64)
            if pts.size < 9 or pts.size % 3:
                raise DicomError("rtstruct: ROI %d contour %d: ContourData must hold at least "
                                 "three x, y, z points" % (number, k))
            pts = pts.reshape(-1, 3)
            if np.ptp(pts[:, 2]) > 1e-3:
                raise DicomError("rtstruct: ROI %d contour %d is not in an axial plane"
                                 % (number, k))
            z = round(float(pts[0, 2]), 3)
            planes.setdefault(z, []).append(pts[:, :2].copy())
        out.append(Structure(number=number, name=str(roi.get("ROIName", "")),
                             frame_of_reference_uid=str(roi.get("ReferencedFrameOfReferenceUID",
                                                                "")),
                             planes=planes))
    return out


def find_structure(structures: Sequence[Structure], key: Union[str, int]) -> Structure:
    """The structure named ``key`` (exactly, else without regard to case) or
    numbered ``key`` (an int); KeyError naming the structures there are."""
    for s in structures:
        if (isinstance(key, int) and s.number == key) or (isinstance(key, str) and s.name == key):
            return s
    if isinstance(key, str):  # then without regard to case
        for s in structures:
            if s.name.lower() == key.lower():
                return s
    raise KeyError("structure %r: not in the structure set (%s)"
                   % (key, ", ".join(s.name for s in structures)))


def _inside(px: npt.NDArray[np.float64], py: npt.NDArray[np.float64],
            contour: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Even-odd test of points against one closed polygon."""
    x, y = contour[:, 0], contour[:, 1]
    xj, yj = np.roll(x, 1), np.roll(y, 1)
    inside = np.zeros(px.shape, dtype=bool)
    for k in range(len(x)):
        if y[k] == yj[k]:
            continue  # a horizontal edge never crosses a horizontal ray
        crosses = (y[k] > py) != (yj[k] > py)
        xc = x[k] + (py - y[k]) * (xj[k] - x[k]) / (yj[k] - y[k])
        inside ^= crosses & (px < xc)
    return inside


def _plane_fraction(grid: DoseGrid, contours: Sequence[npt.NDArray[np.float64]],
                    subsamples: int) -> npt.NDArray[np.float64]:
    """In-plane fraction of each voxel of one frame inside the contours."""
    ny, nx = len(grid.y_rows), len(grid.x_cols)
    frac = np.zeros((ny, nx), dtype=np.float64)
    xs, ys = np.asarray(grid.x_cols), np.asarray(grid.y_rows)
    dx, dy = grid.spacing_mm[0], grid.spacing_mm[1]
    allpts = np.concatenate(contours)
    # Only voxels that touch the contours' bounding box.
    jx = np.nonzero((xs + dx / 2 >= allpts[:, 0].min()) & (xs - dx / 2 <= allpts[:, 0].max()))[0]
    iy = np.nonzero((ys + dy / 2 >= allpts[:, 1].min()) & (ys - dy / 2 <= allpts[:, 1].max()))[0]
    if jx.size == 0 or iy.size == 0:
        return frac
    offs = ((np.arange(subsamples) + 0.5) / subsamples - 0.5)
    sx = (xs[jx][:, None] + offs[None, :] * dx).reshape(-1)  # columns x sub-columns
    sy = (ys[iy][:, None] + offs[None, :] * dy).reshape(-1)
    px, py = np.meshgrid(sx, sy)
    inside = np.zeros(px.shape, dtype=bool)
    for c in contours:
        inside ^= _inside(px, py, c)
    counts = inside.reshape(iy.size, subsamples, jx.size, subsamples).sum(axis=(1, 3))
    frac[np.ix_(iy, jx)] = counts / float(subsamples * subsamples)
    return frac


def structure_weights(grid: DoseGrid, structure: Structure, subsamples: int = 4) -> FloatGrid:
    """The fraction of each voxel of ``grid`` inside ``structure`` (float32, 0 to 1).

    In-plane: ``subsamples`` x ``subsamples`` points per voxel. Through-plane:
    each contour plane is a slab of the structure's plane spacing (or of the
    dose grid's frame spacing when it has one plane); a voxel adds each slab's
    in-plane fraction times the share of its own thickness the slab covers.
    """
    if not isinstance(subsamples, int) or isinstance(subsamples, bool) or not 1 <= subsamples <= 64:
        raise ValueError("subsamples: must be an int from 1 to 64 (got %r)" % (subsamples,))
    if (structure.frame_of_reference_uid and grid.frame_of_reference_uid
            and structure.frame_of_reference_uid != grid.frame_of_reference_uid):
        raise DicomError("structure %s: its frame of reference %s is not the dose grid's %s"
                         % (structure.name, structure.frame_of_reference_uid,
                            grid.frame_of_reference_uid))
    w = np.zeros(grid.dose_gy.shape, dtype=np.float64)
    dz = grid.spacing_mm[2]
    t = structure.plane_spacing_mm or dz
    cache: Dict[float, npt.NDArray[np.float64]] = {}
    for k, zk in enumerate(grid.z_frames):
        lo, hi = zk - dz / 2, zk + dz / 2
        for zp, contours in structure.planes.items():
            overlap = min(hi, zp + t / 2) - max(lo, zp - t / 2)
            if overlap <= 1e-9:
                continue
            if zp not in cache:
                cache[zp] = _plane_fraction(grid, contours, subsamples)
            w[k] += cache[zp] * (overlap / dz)
    return np.clip(w, 0.0, 1.0).astype(np.float32)


# --- EQD2 -------------------------------------------------------------------------------

def _kernel(name: str) -> Callable[..., Any]:
    """A function of ldrt.dose, by name."""
    return cast(Callable[..., Any], getattr(_dose, name))


def _fmt(x: float) -> str:
    return ("%.4g" % x)


def eqd2_grid(rtdose: DoseGrid, fractions: Optional[float] = None,
              alpha_beta: Union[float, Mapping[str, float], npt.ArrayLike] = 3.0,
              structures: Optional[Sequence[Structure]] = None,
              default_alpha_beta: Optional[float] = None, subsamples: int = 4) -> DoseGrid:
    """EQD2 of a course's dose grid, D (D/n + a/b) / (2 + a/b) per voxel.

    ``fractions``: the course's number of fractions (default: the one read
    with the grid). ``alpha_beta``: one value in Gy; a mapping from structure
    name to alpha/beta (with ``structures`` and ``default_alpha_beta`` for the
    voxels in none; where structures overlap, the first in the mapping
    wins; a voxel belongs to a structure when at least half of it is inside);
    or an array of one alpha/beta per voxel, shaped like the grid.
    """
    n = fractions if fractions is not None else rtdose.fractions
    if n is None:
        raise ValueError("fractions: the number of fractions is needed (not read with the grid)")
    d = rtdose.dose_gy.reshape(-1)
    if isinstance(alpha_beta, Mapping):
        if structures is None or default_alpha_beta is None:
            raise ValueError("alpha_beta: a per-structure mapping needs structures= and "
                             "default_alpha_beta=")
        if len(alpha_beta) > 255:
            raise ValueError("alpha_beta: at most 255 structures")
        labels = np.zeros(rtdose.dose_gy.shape, dtype=np.uint8)
        table = [float(default_alpha_beta)]
        for name, ab in alpha_beta.items():
            s = find_structure(structures, name)
            inside = (structure_weights(rtdose, s, subsamples) >= 0.5) & (labels == 0)
            table.append(float(ab))
            labels[inside] = len(table) - 1
        out = _kernel("eqd2_labels")(d, labels.reshape(-1), n, table)
        desc = "EQD2 LQ, n %s, a/b %s Gy, %s Gy elsewhere" % (
            _fmt(n), ", ".join("%s %s" % (k, _fmt(v)) for k, v in alpha_beta.items()),
            _fmt(float(default_alpha_beta)))
    elif isinstance(alpha_beta, (int, float)) and not isinstance(alpha_beta, bool):
        out = _kernel("eqd2")(d, n, float(alpha_beta))
        desc = "EQD2 LQ, n %s, a/b %s Gy" % (_fmt(n), _fmt(float(alpha_beta)))
    else:
        abv = np.ascontiguousarray(alpha_beta, dtype=np.float32)
        if abv.shape != rtdose.dose_gy.shape:
            raise ValueError("alpha_beta: shape %s, the grid is %s" % (abv.shape, rtdose.shape))
        out = _kernel("eqd2_voxel_ab")(d, abv.reshape(-1), n)
        desc = "EQD2 LQ, n %s, a/b per voxel %s to %s Gy" % (_fmt(n), _fmt(float(abv.min())),
                                                            _fmt(float(abv.max())))
    arr = np.asarray(out, dtype=np.float32).reshape(rtdose.dose_gy.shape)
    return dataclasses.replace(rtdose.with_dose(arr, desc), fractions=float(n))


# --- DVH --------------------------------------------------------------------------------

def structure_dvh(grid: DoseGrid, structure: Structure, bin_width_gy: float = 0.01,
                  subsamples: int = 4) -> "_dose.Dvh":
    """The DVH (in cc, with partial voxels) of one structure on a dose grid."""
    w = structure_weights(grid, structure, subsamples)
    if not w.any():
        raise DicomError("structure %s: no voxel of the dose grid is inside it" % structure.name)
    dvh: "_dose.Dvh" = _kernel("Dvh")(grid.dose_gy.reshape(-1), weights=w.reshape(-1),
                                      voxel_cc=grid.voxel_cc, bin_width_gy=bin_width_gy)
    return dvh


def expand_metrics(metrics: Sequence[str]) -> List[str]:
    """The metric names as reported: a volume metric without its unit
    (``V20Gy``) becomes both ``V20Gy[cc]`` and ``V20Gy[%]``."""
    out: List[str] = []
    for m in metrics:
        if m.startswith("V") and not m.endswith("]"):
            out += [m + "[cc]", m + "[%]"]
        else:
            out.append(m)
    return out


def dvh_metrics(dvh: "_dose.Dvh", metrics: Sequence[str], prescription_gy: float = 0.0
                ) -> Dict[str, Optional[float]]:
    """Each metric's value; None where the structure cannot answer it (D2cc of a
    1 cc structure). A name that is not a metric raises ldrt.InvalidArgument."""
    from .errors import OutOfRange
    out: Dict[str, Optional[float]] = {}
    for m in expand_metrics(metrics):
        try:
            out[m] = float(cast(Callable[..., Any], dvh.metric)(m, prescription_gy))
        except OutOfRange:
            out[m] = None
    return out


def dvh_table(grid: DoseGrid, structures: Sequence[Structure],
              names: Optional[Sequence[Union[str, int]]] = None,
              metrics: Sequence[str] = ("Dmean", "Dmax", "D2cc", "D0.1cc", "D95%"),
              prescription_gy: float = 0.0, bin_width_gy: float = 0.01,
              subsamples: int = 4) -> "pandas.DataFrame":
    """A pandas DataFrame, one row per structure: ``structure``, ``volume_cc``
    and one column per metric (names as :func:`expand_metrics` gives them)."""
    import pandas
    chosen = [find_structure(structures, k) for k in names] if names is not None else \
        [s for s in structures if s.planes]
    rows: List[Dict[str, Any]] = []
    for s in chosen:
        with structure_dvh(grid, s, bin_width_gy, subsamples) as h:
            row: Dict[str, Any] = {"structure": s.name, "volume_cc": h.volume_cc}
            row.update(dvh_metrics(h, metrics, prescription_gy))
        rows.append(row)
    return pandas.DataFrame(rows, columns=["structure", "volume_cc"] + expand_metrics(metrics))


# --- writing ----------------------------------------------------------------------------

def _scaling(max_gy: float) -> Tuple[str, float]:
    """A Dose Grid Scaling (as its DS text, at most 16 characters) that maps
    the maximum dose to at most 2^32 - 1."""
    if max_gy <= 0:
        return "1e-06", 1e-6
    target = max_gy / 4.0e9  # below 2^32 - 1 with room for rounding the text up
    text = "%.6e" % target
    value = float(text)
    if value * 4294967295.0 < max_gy:
        text = "%.6e" % (value * 1.000001)
        value = float(text)
    return text, value


def write_rtdose(grid: DoseGrid, path: Union[str, "os.PathLike[str]"],
                 like: Optional[Dataset] = None, description: Optional[str] = None) -> Dataset:
    """Writes ``grid`` as an RT Dose built on ``like`` (default: the RT Dose the
    grid was read from): same patient, study, frame of reference and
    geometry; a new SOP Instance UID and a new series; DoseType EFFECTIVE
    (a biologically weighted dose), DoseUnits GY, DoseSummationType PLAN;
    the description (the grid's, naming the model and alpha/beta) in
    SeriesDescription and DoseComment; pixels uint32 with their Dose Grid
    Scaling. Returns the dataset written."""
    src = like if like is not None else grid.dataset
    ds = copy.deepcopy(src)
    desc = description if description is not None else grid.description
    dose = np.asarray(grid.dose_gy, dtype=np.float64)
    if not np.isfinite(dose).all() or (dose < 0).any():
        raise ValueError("grid: doses must be finite and >= 0")
    text, scale = _scaling(float(dose.max()))
    pixels = np.rint(dose / scale).astype(np.uint32)
    frames, rows, cols = grid.shape
    sop = generate_uid()
    ds.SOPClassUID = RTDOSE_STORAGE
    ds.SOPInstanceUID = sop
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "RTDOSE"
    ds.DoseType = "EFFECTIVE"
    ds.DoseUnits = "GY"
    ds.DoseSummationType = "PLAN"
    ds.SeriesDescription = desc[:64]
    ds.DoseComment = desc[:64]
    ds.DoseGridScaling = text
    ds.Rows, ds.Columns = rows, cols
    ds.NumberOfFrames = frames
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 32
    ds.BitsStored = 32
    ds.HighBit = 31
    ds.PixelRepresentation = 0
    ds.PixelData = pixels.astype("<u4").tobytes()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID(RTDOSE_STORAGE)
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.preamble = b"\0" * 128
    ds.save_as(os.fspath(path), write_like_original=False)
    return ds
