"""Tests of ldrt.dicom and the ldrt-dicom command.

Data: pydicom's bundled rtdose.dcm / rtstruct.dcm (Debian python3-pydicom;
the dose is RELATIVE and BEAM and lies far from the structures, so it serves
the refusal paths), and small RT Dose / RT Structure Set files built here
whose answers are computed by hand in each test. The DVH of one structure is
compared with dicompyler-core's (Debian python3-dicompylercore) on the same
files. Skipped when numpy or pydicom is missing (make check runs them with a
Python that has them).
"""

import contextlib
import io
import json
import math
import os
import tempfile
import unittest
import warnings

import ldrt

try:
    import numpy as np
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid
    from ldrt import dicom, dicom_cli
except ImportError:  # pragma: no cover - depends on the environment
    np = None

try:
    import pandas
except ImportError:  # pragma: no cover
    pandas = None

try:
    from dicompylercore import dicomparser, dvhcalc
except ImportError:  # pragma: no cover
    dvhcalc = None

FOR_UID = "1.2.826.0.1.3680043.8.498.1"


def bundled(name):
    return os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files", name)


def write_rtdose(path, dose_gy, origin=(0.0, 0.0, 0.0), spacing=(2.5, 2.5), dz=3.0,
                 units="GY", summation="PLAN", scaling=1e-4):
    """An RT Dose of dose_gy (frames, rows, cols) in Gy, axial, uint32 pixels."""
    frames, rows, cols = dose_gy.shape
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = dicom.RTDOSE_STORAGE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SOPClassUID = dicom.RTDOSE_STORAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "RTDOSE"
    ds.PatientID = "SYNTH-1"
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.FrameOfReferenceUID = FOR_UID
    ds.ImagePositionPatient = list(origin)
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [spacing[1], spacing[0]]  # row spacing (y), column spacing (x)
    ds.GridFrameOffsetVector = [k * dz for k in range(frames)]
    ds.FrameIncrementPointer = 0x3004000C
    ds.Rows, ds.Columns, ds.NumberOfFrames = rows, cols, frames
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 32
    ds.HighBit = 31
    ds.PixelRepresentation = 0
    ds.DoseUnits = units
    ds.DoseType = "PHYSICAL"
    ds.DoseSummationType = summation
    ds.DoseGridScaling = scaling
    ds.PixelData = np.rint(np.asarray(dose_gy) / scaling).astype("<u4").tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(path, write_like_original=False)
    return ds


def write_rtstruct(path, rois):
    """An RT Structure Set; rois: {number: (name, [contour (n, 3) arrays])}."""
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = dicom.RTSTRUCT_STORAGE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SOPClassUID = dicom.RTSTRUCT_STORAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "RTSTRUCT"
    ds.PatientID = "SYNTH-1"
    ref = Dataset()
    ref.FrameOfReferenceUID = FOR_UID
    ds.ReferencedFrameOfReferenceSequence = [ref]
    ds.StructureSetROISequence = []
    ds.ROIContourSequence = []
    ds.RTROIObservationsSequence = []
    for number, (name, contours) in rois.items():
        r = Dataset()
        r.ROINumber = number
        r.ROIName = name
        r.ReferencedFrameOfReferenceUID = FOR_UID
        ds.StructureSetROISequence.append(r)
        c = Dataset()
        c.ReferencedROINumber = number
        c.ROIDisplayColor = [255, 0, 0]
        c.ContourSequence = []
        for pts in contours:
            item = Dataset()
            item.ContourGeometricType = "CLOSED_PLANAR"
            item.NumberOfContourPoints = len(pts)
            item.ContourData = ["%.4f" % v for v in np.asarray(pts).reshape(-1)]
            c.ContourSequence.append(item)
        ds.ROIContourSequence.append(c)
        o = Dataset()
        o.ObservationNumber = number
        o.ReferencedROINumber = number
        o.RTROIInterpretedType = "ORGAN"
        ds.RTROIObservationsSequence.append(o)
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(path, write_like_original=False)


def rect(x0, x1, y0, y1, z):
    return np.array([[x0, y0, z], [x1, y0, z], [x1, y1, z], [x0, y1, z]], dtype=float)


@unittest.skipIf(np is None, "numpy and pydicom are needed")
class TestDicom(unittest.TestCase):
    # Grid: 10 frames of 16 x 20 voxels, 2.5 mm x 2.5 mm x 3 mm (0.01875 cc);
    # column j centred at x = 2.5 j, row i at y = 2.5 i, frame k at z = 3 k.
    # Dose: 0.5 Gy x (j + 1), constant along y and z: exact in 1e-4 Gy steps.
    FRAMES, ROWS, COLS = 10, 16, 20

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        j = np.arange(self.COLS, dtype=np.float64)
        self.dose = np.broadcast_to(0.5 * (j + 1), (self.FRAMES, self.ROWS, self.COLS)).copy()
        self.rtdose = os.path.join(self.dir, "dose.dcm")
        write_rtdose(self.rtdose, self.dose)
        # BOX: x from 8.75 to 21.25 mm (the edges of columns 4..8: 5 whole
        # columns), y from 3.75 to 13.75 (rows 2..5: 4 whole rows), on every
        # frame plane. HALF: x from 10 to 20 mm: the centres of columns 4 and 8,
        # so those columns are half inside (4 x 4 sub-samples: exactly 2 of 4
        # sub-columns), rows as BOX, on frames 2..5 only.
        box = [rect(8.75, 21.25, 3.75, 13.75, 3.0 * k) for k in range(self.FRAMES)]
        half = [rect(10.0, 20.0, 3.75, 13.75, 3.0 * k) for k in range(2, 6)]
        self.rtstruct = os.path.join(self.dir, "struct.dcm")
        write_rtstruct(self.rtstruct, {1: ("BOX", box), 2: ("HALF", half),
                                       3: ("FAR", [rect(500, 510, 500, 510, 0.0)])})

    def tearDown(self):
        self.tmp.cleanup()

    def test_read_geometry_and_dose(self):
        g = dicom.read_rtdose(self.rtdose)
        self.assertEqual(g.shape, (10, 16, 20))
        self.assertEqual(g.dose_gy.dtype, np.float32)
        np.testing.assert_allclose(g.dose_gy, self.dose, rtol=0, atol=1e-6)
        self.assertAlmostEqual(g.voxel_cc, 2.5 * 2.5 * 3.0 / 1000.0, places=15)
        self.assertEqual(g.z_frames[3], 9.0)
        self.assertEqual(g.x_cols[4], 10.0)
        self.assertEqual(g.summation, "PLAN")

    def test_refusals(self):
        with self.assertRaisesRegex(dicom.DicomError, "DoseUnits is RELATIVE"):
            dicom.read_rtdose(bundled("rtdose.dcm"))
        rel = os.path.join(self.dir, "rel.dcm")
        write_rtdose(rel, self.dose, units="RELATIVE")
        with self.assertRaisesRegex(dicom.DicomError, "only GY"):
            dicom.read_rtdose(rel)
        beam = os.path.join(self.dir, "beam.dcm")
        write_rtdose(beam, self.dose, summation="BEAM")
        with self.assertRaisesRegex(dicom.DicomError, "BEAM"):
            dicom.read_rtdose(beam)
        with self.assertRaisesRegex(dicom.DicomError, "not an RT Dose"):
            dicom.read_rtdose(bundled("rtplan.dcm"))
        with self.assertRaises(FileNotFoundError):
            dicom.read_rtdose(os.path.join(self.dir, "missing.dcm"))

    def test_fraction_and_beam_sums(self):
        fx = os.path.join(self.dir, "fx.dcm")
        write_rtdose(fx, self.dose / 5.0, summation="FRACTION")
        with self.assertRaisesRegex(dicom.DicomError, "FRACTION"):
            dicom.read_rtdose(fx)
        g = dicom.read_rtdose(fx, fractions=5)
        np.testing.assert_allclose(g.dose_gy, self.dose, rtol=1e-6, atol=1e-4)
        self.assertEqual(g.fractions, 5.0)
        # The number of fractions from the bundled RT Plan (NumberOfFractionsPlanned 30).
        self.assertEqual(dicom.read_rtplan_fractions(bundled("rtplan.dcm")), 30)
        a, b = os.path.join(self.dir, "b1.dcm"), os.path.join(self.dir, "b2.dcm")
        write_rtdose(a, self.dose * 0.25, summation="BEAM")
        write_rtdose(b, self.dose * 0.75, summation="BEAM")
        g = dicom.read_rtdose([a, b])
        np.testing.assert_allclose(g.dose_gy, self.dose, rtol=1e-6, atol=2e-4)
        with self.assertRaisesRegex(dicom.DicomError, "each is a BEAM"):
            dicom.read_rtdose([a, self.rtdose])

    def test_bundled_structure_set(self):
        s = dicom.read_structures(bundled("rtstruct.dcm"))
        self.assertEqual([x.name for x in s], ["patient", "Isocenter 1", "Isocenter 2"])
        self.assertEqual(sorted(s[0].planes), [-200.0, -190.0, -180.0])
        self.assertEqual(s[1].planes, {})  # a POINT ROI has no planes
        self.assertEqual(s[0].plane_spacing_mm, 10.0)

    def test_weights_and_volume(self):
        g = dicom.read_rtdose(self.rtdose)
        s = dicom.read_structures(self.rtstruct)
        box = dicom.structure_weights(g, dicom.find_structure(s, "BOX"))
        self.assertEqual(set(np.unique(box)), {0.0, 1.0})
        self.assertEqual(int(box.sum()), 10 * 4 * 5)
        self.assertTrue(box[:, 2:6, 4:9].all())
        half = dicom.structure_weights(g, dicom.find_structure(s, 2))
        # Columns 4 and 8 half inside, 5..7 whole, rows 2..5, frames 2..5.
        np.testing.assert_array_equal(half[3, 2, 3:10], [0, 0.5, 1, 1, 1, 0.5, 0])
        self.assertEqual(float(half[1].sum()), 0.0)
        self.assertAlmostEqual(float(half.sum()), 4 * 4 * 4.0)
        with self.assertRaisesRegex(KeyError, "NOPE"):
            dicom.find_structure(s, "NOPE")
        self.assertEqual(dicom.find_structure(s, "box").number, 1)
        with self.assertRaisesRegex(ValueError, "subsamples"):
            dicom.structure_weights(g, s[0], subsamples=0)

    def test_dvh_metrics_by_hand(self):
        g = dicom.read_rtdose(self.rtdose)
        s = dicom.read_structures(self.rtstruct)
        v = g.voxel_cc
        # HALF: per frame and row, columns 4 (0.5 voxel, 2.5 Gy), 5, 6, 7 (3, 3.5,
        # 4 Gy) and 8 (0.5 voxel, 4.5 Gy); 4 rows x 4 frames = 16 such lines.
        with dicom.structure_dvh(g, dicom.find_structure(s, "HALF"), bin_width_gy=0.01) as h:
            self.assertAlmostEqual(h.volume_cc, 16 * 4 * v, places=12)
            mean = (0.5 * 2.5 + 3 + 3.5 + 4 + 0.5 * 4.5) / 4.0
            self.assertAlmostEqual(h.metric("Dmean"), mean, places=5)
            self.assertAlmostEqual(h.metric("Dmax"), 4.5, places=5)
            self.assertAlmostEqual(h.metric("Dmin"), 2.5, places=5)
            # V4Gy: the 4 Gy and 4.5 Gy columns: 16 x 1.5 voxels.
            self.assertAlmostEqual(h.metric("V4Gy[cc]"), 16 * 1.5 * v, places=9)
            self.assertAlmostEqual(h.metric("V4Gy[%]"), 100 * 1.5 / 4, places=9)
            # D(16 x 0.5 voxels = 0.15 cc): exactly the 4.5 Gy column, whose bin
            # starts at 4.50 Gy: the lower edge 4.50.
            self.assertAlmostEqual(h.metric("D0.15cc"), 4.5, places=5)
        table = dicom.dvh_metrics  # the None for a volume the structure does not have
        with dicom.structure_dvh(g, dicom.find_structure(s, "HALF")) as h:
            self.assertIsNone(table(h, ["D100cc"])["D100cc"])
            self.assertEqual(list(table(h, ["V20Gy"])), ["V20Gy[cc]", "V20Gy[%]"])
            with self.assertRaises(ldrt.InvalidArgument):
                table(h, ["D2"])
        with self.assertRaisesRegex(dicom.DicomError, "FAR"):
            dicom.structure_dvh(g, dicom.find_structure(s, "FAR"))

    @unittest.skipIf(pandas is None, "pandas is needed")
    def test_dvh_table(self):
        g = dicom.read_rtdose(self.rtdose)
        s = dicom.read_structures(self.rtstruct)
        df = dicom.dvh_table(g, s, names=["BOX", "HALF"], metrics=["Dmax", "V3Gy"])
        self.assertEqual(list(df.columns), ["structure", "volume_cc", "Dmax", "V3Gy[cc]",
                                            "V3Gy[%]"])
        self.assertEqual(list(df["structure"]), ["BOX", "HALF"])
        # BOX: columns 4..8 (2.5 to 4.5 Gy); V3Gy = columns 5..8 = 80 %.
        self.assertAlmostEqual(df["Dmax"][0], 4.5, places=5)
        self.assertAlmostEqual(df["V3Gy[%]"][0], 80.0, places=6)
        self.assertAlmostEqual(df["volume_cc"][0], 200 * g.voxel_cc, places=12)

    def test_eqd2_grid(self):
        g = dicom.read_rtdose(self.rtdose, fractions=5)
        e = dicom.eqd2_grid(g, alpha_beta=3.0)
        d = g.dose_gy.astype(np.float64)
        np.testing.assert_allclose(e.dose_gy, d * (d / 5 + 3) / 5, rtol=1e-6)
        self.assertIn("a/b 3 Gy", e.description)
        # Per structure: BOX at a/b 10, elsewhere 3.
        s = dicom.read_structures(self.rtstruct)
        e2 = dicom.eqd2_grid(g, alpha_beta={"BOX": 10.0}, structures=s, default_alpha_beta=3.0)
        ab = np.full(g.dose_gy.shape, 3.0)
        ab[:, 2:6, 4:9] = 10.0
        np.testing.assert_allclose(e2.dose_gy, d * (d / 5 + ab) / (2 + ab), rtol=1e-6)
        # Per voxel: the same array.
        e3 = dicom.eqd2_grid(g, alpha_beta=ab.astype(np.float32))
        np.testing.assert_allclose(e3.dose_gy, e2.dose_gy, rtol=1e-6)
        with self.assertRaisesRegex(ValueError, "fractions"):
            dicom.eqd2_grid(dicom.read_rtdose(self.rtdose), alpha_beta=3.0)
        with self.assertRaises(ldrt.InvalidArgument):
            dicom.eqd2_grid(g, alpha_beta=-1.0)

    def test_write_rtdose_reads_back(self):
        g = dicom.read_rtdose(self.rtdose, fractions=5)
        e = dicom.eqd2_grid(g, alpha_beta=3.0)
        out = os.path.join(self.dir, "eqd2.dcm")
        written = dicom.write_rtdose(e, out)
        back = pydicom.dcmread(out)
        src = pydicom.dcmread(self.rtdose)
        self.assertEqual(back.DoseType, "EFFECTIVE")
        self.assertEqual(back.DoseUnits, "GY")
        self.assertNotEqual(back.SOPInstanceUID, src.SOPInstanceUID)
        self.assertNotEqual(back.SeriesInstanceUID, src.SeriesInstanceUID)
        self.assertEqual(back.file_meta.MediaStorageSOPInstanceUID, back.SOPInstanceUID)
        self.assertEqual(back.StudyInstanceUID, src.StudyInstanceUID)
        self.assertEqual(back.FrameOfReferenceUID, src.FrameOfReferenceUID)
        self.assertEqual(back.SeriesDescription, "EQD2 LQ, n 5, a/b 3 Gy")
        for elem in written:  # every attribute written is read back unchanged
            if elem.keyword != "PixelData":
                self.assertEqual(back[elem.tag].value, elem.value, elem.keyword)
        self.assertEqual(back.PixelData, written.PixelData)
        # The dose: within half a step of the scaling, and read by read_rtdose.
        r = dicom.read_rtdose(out)
        step = float(back.DoseGridScaling)
        self.assertLessEqual(len(str(back.DoseGridScaling)), 16)
        self.assertLessEqual(float(np.abs(r.dose_gy.astype(np.float64)
                                          - e.dose_gy.astype(np.float64)).max()),
                             step / 2 + 1e-6 * float(e.dose_gy.max()))
        self.assertEqual(r.x_cols, g.x_cols)
        self.assertEqual(r.z_frames, g.z_frames)

    def run_cli(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = dicom_cli.main(list(argv))
            except SystemExit as e:
                rc = e.code
        return rc, out.getvalue(), err.getvalue()

    def test_cli_dvh_json_contract(self):
        rc, out, err = self.run_cli("dvh", self.rtdose, self.rtstruct, "--structure", "HALF",
                                    "--metric", "Dmean", "--metric", "V4Gy", "--metric",
                                    "D100cc", "--format", "json")
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(list(doc), ["structures"])
        st = doc["structures"][0]
        self.assertEqual(st["name"], "HALF")
        self.assertAlmostEqual(st["volume_cc"], 64 * 0.01875, places=9)
        self.assertEqual(list(st["metrics"]), ["Dmean", "V4Gy[cc]", "V4Gy[%]", "D100cc"])
        self.assertAlmostEqual(st["metrics"]["V4Gy[%]"], 37.5, places=6)
        self.assertIsNone(st["metrics"]["D100cc"])
        rc, out, err = self.run_cli("dvh", self.rtdose, self.rtstruct, "--format", "csv",
                                    "--metric", "Dmax")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.splitlines()[0], "structure,volume_cc,Dmax")
        # Every structure with contours, but FAR lies outside the grid: skipped, said so.
        self.assertEqual([line.split(",")[0] for line in out.splitlines()[1:]], ["BOX", "HALF"])
        self.assertIn("FAR: outside the dose grid", err)
        rc, out, err = self.run_cli("dvh", self.rtdose, self.rtstruct, "--structure", "FAR")
        self.assertEqual(rc, 1)
        self.assertIn("no voxel of the dose grid", err)

    def test_cli_eqd2_and_exit_codes(self):
        out_path = os.path.join(self.dir, "o.dcm")
        rc, out, err = self.run_cli("eqd2", self.rtdose, "--fractions", "5", "--ab", "3",
                                    "--output", out_path)
        self.assertEqual(rc, 0, err)
        self.assertEqual(pydicom.dcmread(out_path).DoseType, "EFFECTIVE")
        rc, out, err = self.run_cli("eqd2", self.rtdose, "--fractions", "5", "--ab", "3",
                                    "--structures", self.rtstruct, "--ab-structure", "BOX=10",
                                    "--output", out_path)
        self.assertEqual(rc, 0, err)
        self.assertIn("BOX 10", pydicom.dcmread(out_path).SeriesDescription)
        # 1: refused input.
        rc, out, err = self.run_cli("eqd2", bundled("rtdose.dcm"), "--fractions", "5", "--ab",
                                    "3", "--output", out_path)
        self.assertEqual(rc, 1)
        self.assertIn("DoseUnits is RELATIVE", err)
        rc, out, err = self.run_cli("dvh", self.rtdose, self.rtstruct, "--structure", "NOPE")
        self.assertEqual(rc, 1)
        self.assertIn("NOPE", err)
        rc, out, err = self.run_cli("dvh", self.rtdose, self.rtstruct, "--metric", "D2")
        self.assertEqual(rc, 1)
        self.assertIn("not a DVH metric", err)
        # 1: no number of fractions for EQD2.
        rc, out, err = self.run_cli("eqd2", self.rtdose, "--ab", "3", "--output", out_path)
        self.assertEqual(rc, 1)
        # 2: usage.
        self.assertEqual(self.run_cli("eqd2", self.rtdose, "--ab", "-3", "-o", out_path)[0], 2)
        self.assertEqual(self.run_cli("dvh", self.rtdose)[0], 2)
        self.assertEqual(self.run_cli("frobnicate")[0], 2)
        self.assertEqual(self.run_cli("dvh", os.path.join(self.dir, "nope.dcm"),
                                      self.rtstruct)[0], 2)
        rc, out, err = self.run_cli("--help")
        self.assertEqual(rc, 0)
        self.assertIn("Exit status", out)


@unittest.skipIf(np is None or dvhcalc is None, "numpy, pydicom and dicompyler-core are needed")
class TestAgainstDicompyler(unittest.TestCase):
    """One structure's physical-dose DVH against dicompyler-core's.

    A sphere of radius 20 mm (contours: 64-gon circles on the dose frames)
    in a smooth dose (a Gaussian of 60 Gy peak). Differences expected, and
    why: dicompyler-core counts a voxel whole when its centre is inside the
    contour (no partial voxels) and bins at 1 cGy, its volume comes from the
    contour areas times the plane spacing, and its D-metrics read the DVH at
    bin resolution; libldrt weights partial voxels (4 x 4 sub-samples) and
    interpolates within 0.01 Gy bins. Tolerances: volume 3 %, Dmean 1 %,
    Dmax 0.5 Gy (both take the largest voxel dose), D2cc and D50% 2 %.
    """

    def test_sphere(self):
        with tempfile.TemporaryDirectory() as tmp:
            n, sp, dz = 40, 2.0, 2.0
            x = (np.arange(n) - n / 2) * sp
            zz, yy, xx = np.meshgrid(x, x, x, indexing="ij")
            dose = 60.0 * np.exp(-(xx ** 2 + yy ** 2 + zz ** 2) / (2 * 15.0 ** 2))
            rd = os.path.join(tmp, "d.dcm")
            write_rtdose(rd, dose, origin=(x[0], x[0], x[0]), spacing=(sp, sp), dz=dz,
                         scaling=1e-5)
            contours = []
            for z in x:
                if abs(z) < 20.0:
                    r = math.sqrt(20.0 ** 2 - z ** 2)
                    t = np.linspace(0, 2 * math.pi, 64, endpoint=False)
                    contours.append(np.stack([r * np.cos(t), r * np.sin(t),
                                              np.full_like(t, z)], axis=1))
            rs = os.path.join(tmp, "s.dcm")
            write_rtstruct(rs, {1: ("SPHERE", contours)})
            with warnings.catch_warnings():  # numpy's notes on dicompyler-core's matrices
                warnings.simplefilter("ignore", PendingDeprecationWarning)
                peer = dvhcalc.get_dvh(rs, rd, 1)
            g = dicom.read_rtdose(rd)
            s = dicom.read_structures(rs)
            with dicom.structure_dvh(g, s[0]) as h:
                ours = {k: h.metric(k) for k in ("Dmean", "Dmax", "D2cc", "D50%")}
                vol = h.volume_cc
            self.assertLess(abs(vol - peer.volume) / peer.volume, 0.03, (vol, peer.volume))
            self.assertLess(abs(ours["Dmean"] - peer.mean) / peer.mean, 0.01,
                            (ours["Dmean"], peer.mean))
            self.assertLess(abs(ours["Dmax"] - peer.max), 0.5, (ours["Dmax"], peer.max))
            d2 = peer.statistic("D2cc").value
            self.assertLess(abs(ours["D2cc"] - d2) / d2, 0.02, (ours["D2cc"], d2))
            d50 = peer.statistic("D50").value
            self.assertLess(abs(ours["D50%"] - d50) / d50, 0.02, (ours["D50%"], d50))


if __name__ == "__main__":
    unittest.main()
