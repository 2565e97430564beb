"""ldrt-dicom: EQD2 of an RT Dose and DVH metrics of its structures.

Exit codes (those of the ldrt command): 0 success; 1 the input was read but
refused or a computation failed (the message says why); 2 usage error (bad
option, missing argument, unreadable file).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Dict, List, NoReturn, Optional, Sequence, TextIO, Union

USAGE_ERROR = 2
DATA_ERROR = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write("%s: %s\n" % (self.prog, message))
        raise SystemExit(USAGE_ERROR)


def _positive(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number, got %r" % text) from None
    if not (math.isfinite(v) and v > 0):
        raise argparse.ArgumentTypeError("must be > 0, got %r" % text)
    return v


def _nonneg(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number, got %r" % text) from None
    if not (math.isfinite(v) and v >= 0):
        raise argparse.ArgumentTypeError("must be >= 0, got %r" % text)
    return v


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ldrt-dicom", description=(
        "Dose from the planning system: EQD2 of a DICOM RT Dose, written back as RT Dose, and "
        "DVH metrics (TG-263 names, absolute volumes, partial voxels) of RT Structure Set "
        "structures."), epilog="Exit status: 0 success, 1 input refused or computation failed, "
        "2 usage error.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    e = sub.add_parser("eqd2", help="EQD2 of an RT Dose, written as a new RT Dose",
                       description="EQD2 = D (D/n + a/b) / (2 + a/b) per voxel (each voxel its "
                       "own dose per fraction), written as RT Dose (DoseType EFFECTIVE, new "
                       "SOP Instance and Series UIDs).")
    e.add_argument("rtdose", nargs="+", metavar="RTDOSE",
                   help="the RT Dose (several: the BEAM doses of one plan, summed)")
    e.add_argument("--fractions", type=_positive, help="number of fractions of the course")
    e.add_argument("--plan", metavar="RTPLAN", help="read the number of fractions from this RT Plan")
    e.add_argument("--ab", type=_positive, required=True, metavar="GY",
                   help="alpha/beta in Gy (for every voxel, or outside --ab-structure ones)")
    e.add_argument("--structures", metavar="RTSTRUCT",
                   help="RT Structure Set for --ab-structure")
    e.add_argument("--ab-structure", action="append", default=[], metavar="NAME=GY",
                   help="alpha/beta of a structure's voxels (repeatable; the first wins where "
                   "structures overlap)")
    e.add_argument("--output", "-o", required=True, metavar="OUT.dcm", help="RT Dose to write")
    d = sub.add_parser("dvh", help="DVH metrics of structures",
                       description="DVH metrics by TG-263 name (D2cc, D0.1cc, D95%%, Dmean, "
                       "Dmax = maximum voxel dose, V20Gy, V95%% ...); a volume metric without "
                       "[cc] or [%%] gives both.")
    d.add_argument("rtdose", metavar="RTDOSE")
    d.add_argument("rtstruct", metavar="RTSTRUCT")
    d.add_argument("--structure", action="append", metavar="NAME",
                   help="structure name or ROI number (repeatable; default: all with contours)")
    d.add_argument("--metric", action="append", metavar="NAME",
                   help="metric (repeatable; default: Dmean Dmax D2cc D0.1cc D95%%)")
    d.add_argument("--fractions", type=_positive, help="number of fractions (FRACTION doses; "
                   "with --ab, the DVH of the EQD2)")
    d.add_argument("--plan", metavar="RTPLAN", help="read the number of fractions from this RT Plan")
    d.add_argument("--ab", type=_positive, metavar="GY", help="DVH of the EQD2 at this alpha/beta")
    d.add_argument("--prescription", type=_nonneg, default=0.0, metavar="GY",
                   help="prescription dose for %% doses (V95%%[%%], D95%%[%%])")
    d.add_argument("--bin-width", type=_positive, default=0.01, metavar="GY",
                   help="DVH bin width (default 0.01 Gy)")
    d.add_argument("--subsamples", type=int, default=4, metavar="N",
                   help="in-plane sub-samples per voxel side for partial voxels (default 4)")
    d.add_argument("--format", choices=("text", "json", "csv"), default="text")
    return p


def _cmd_eqd2(args: argparse.Namespace, out: TextIO) -> int:
    from . import dicom
    grid = dicom.read_rtdose(args.rtdose, fractions=args.fractions, plan=args.plan)
    if grid.fractions is None:
        raise dicom.DicomError("--fractions or --plan: the number of fractions is needed")
    if args.ab_structure:
        if not args.structures:
            raise _Usage("--ab-structure needs --structures RTSTRUCT")
        table: Dict[str, float] = {}
        for item in args.ab_structure:
            name, sep, value = item.rpartition("=")
            try:
                ab = float(value)
            except ValueError:
                ab = math.nan
            if not sep or not name or not (math.isfinite(ab) and ab > 0):
                raise _Usage("--ab-structure: expected NAME=GY with GY > 0, got %r" % item)
            table[name] = ab
        eq = dicom.eqd2_grid(grid, alpha_beta=table, structures=dicom.read_structures(
            args.structures), default_alpha_beta=args.ab)
    else:
        eq = dicom.eqd2_grid(grid, alpha_beta=args.ab)
    ds = dicom.write_rtdose(eq, args.output)
    out.write("%s: %s, max %.3f Gy (physical max %.3f Gy), SOP Instance UID %s\n"
              % (args.output, eq.description, float(eq.dose_gy.max()),
                 float(grid.dose_gy.max()), ds.SOPInstanceUID))
    return 0


def _fmt_value(v: Optional[float]) -> str:
    return "-" if v is None else "%.4f" % v


def _cmd_dvh(args: argparse.Namespace, out: TextIO) -> int:
    from . import dicom
    if args.subsamples < 1 or args.subsamples > 64:
        raise _Usage("--subsamples: must be 1 to 64")
    grid = dicom.read_rtdose(args.rtdose, fractions=args.fractions, plan=args.plan)
    if args.ab is not None:
        if grid.fractions is None:
            raise _Usage("--ab needs --fractions or --plan")
        grid = dicom.eqd2_grid(grid, alpha_beta=args.ab)
    structures = dicom.read_structures(args.rtstruct)
    keys: List[Union[str, int]] = []
    for k in args.structure or []:
        keys.append(int(k) if k.isdigit() and not any(s.name == k for s in structures) else k)
    chosen = [dicom.find_structure(structures, k) for k in keys] if keys else \
        [s for s in structures if s.planes]
    metrics = args.metric or ["Dmean", "Dmax", "D2cc", "D0.1cc", "D95%"]
    names = dicom.expand_metrics(metrics)
    results = []
    for s in chosen:
        if not keys and not dicom.structure_weights(grid, s, 1).any():
            sys.stderr.write("ldrt-dicom: structure %s: outside the dose grid; skipped\n" % s.name)
            continue
        with dicom.structure_dvh(grid, s, args.bin_width, args.subsamples) as h:
            values = dicom.dvh_metrics(h, metrics, args.prescription)
            results.append({"name": s.name, "volume_cc": h.volume_cc, "metrics": values})
    if args.format == "json":
        json.dump({"structures": results}, out, indent=2, allow_nan=False)
        out.write("\n")
    elif args.format == "csv":
        import csv
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["structure", "volume_cc"] + names)
        for r in results:
            m = r["metrics"]
            assert isinstance(m, dict)
            w.writerow([r["name"], repr(r["volume_cc"])] +
                       ["" if m[n] is None else repr(m[n]) for n in names])
    else:
        what = grid.description or "dose"
        out.write("DVH of %s (%s, bins %.4g Gy, %d x %d sub-samples per voxel)\n"
                  % (args.rtdose, what, args.bin_width, args.subsamples, args.subsamples))
        for r in results:
            m = r["metrics"]
            assert isinstance(m, dict)
            volume_cc = r["volume_cc"]
            assert isinstance(volume_cc, float)
            out.write("%s: %.3f cc\n" % (r["name"], volume_cc))
            for n in names:
                unit = "cc" if n.endswith("[cc]") else "%" if n.endswith("[%]") else "Gy"
                if n.startswith("D") and n.endswith("[cGy]"):
                    unit = "cGy"
                out.write("  %-14s %s %s\n" % (n, _fmt_value(m[n]), unit))
    return 0


class _Usage(Exception):
    """A usage error found after parsing (exit 2)."""


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command; returns its exit status."""
    args = _parser().parse_args(argv)
    try:
        from . import dicom
    except ImportError as e:
        sys.stderr.write("ldrt-dicom: needs numpy and pydicom (%s)\n" % e)
        return DATA_ERROR
    from .errors import Error
    try:
        if args.command == "eqd2":
            return _cmd_eqd2(args, sys.stdout)
        return _cmd_dvh(args, sys.stdout)
    except _Usage as e:
        sys.stderr.write("ldrt-dicom: %s\n" % e)
        return USAGE_ERROR
    except (FileNotFoundError, IsADirectoryError, PermissionError) as e:
        sys.stderr.write("ldrt-dicom: %s: %s\n" % (e.filename, e.strerror))
        return USAGE_ERROR
    except KeyError as e:
        sys.stderr.write("ldrt-dicom: %s\n" % e.args[0])
        return DATA_ERROR
    except (dicom.DicomError, Error, ValueError, OSError) as e:
        sys.stderr.write("ldrt-dicom: %s\n" % e)
        return DATA_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
