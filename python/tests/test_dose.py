"""Tests of ldrt.dose. Values: the reference table the C suite uses (section 4
of the project's dose reference, itself from Fowler 1989 / 2010 and the cited
calculators), rad-tools, Park 2008 (USC), Jones & Grant 2014, and hand
calculations written next to each assertion. numpy paths are skipped when
numpy is not installed."""

import math
import unittest

import ldrt
from ldrt import dose

try:
    import numpy as np
except ImportError:
    np = None


class TestLQ(unittest.TestCase):
    # (total, n) -> BED and EQD2 at alpha/beta 0.6, 1.5, 2, 3, 10 (reference table).
    AB = [0.6, 1.5, 2.0, 3.0, 10.0]
    ROWS = [
        (40, 5, [573.333, 253.333, 200, 146.667, 72], [132.308, 108.571, 100, 88, 60], 5e-4),
        (10, 5, [43.333, 23.333, 20, 16.667, 12], [10, 10, 10, 10, 10], 5e-4),
        (60, 30, [260, 140, 120, 100, 72], [60, 60, 60, 60, 60], 1e-9),
        (2, 4, [3.6667, 2.6667, 2.5, 2.3333, 2.1], [0.8462, 1.1429, 1.25, 1.4, 1.75], 5e-5),
    ]

    def test_reference_table(self):
        for total, n, beds, eqd2s, tol in self.ROWS:
            for ab, b, e in zip(self.AB, beds, eqd2s):
                self.assertAlmostEqual(dose.bed(total, n, ab), b, delta=tol)
                self.assertAlmostEqual(dose.eqd2(total, n, ab), e, delta=tol)

    def test_single_values(self):
        # Hand: 40 Gy/5 at a/b 3 in 3 Gy fractions: 40 (8 + 3)/(3 + 3) = 73.333...
        self.assertAlmostEqual(dose.eqd(40, 5, 3, 3), 440 / 6, places=12)
        self.assertAlmostEqual(dose.eqd(40, 5, 3, 0), 440 / 3, places=12)  # x = 0: BED
        self.assertAlmostEqual(dose.eqd_from_bed(72, 10, 2), 60, places=12)  # 72 / 1.2
        self.assertAlmostEqual(dose.bed(10, 2.0, 10), 15, places=12)  # d = 5: 10 * 1.5
        # keywords work and name the C parameters
        self.assertAlmostEqual(dose.eqd2(total_gy=54, fractions=3, alpha_beta_gy=10), 126)

    def test_course_functions_take_whole_fractions(self):
        # A course has a whole number of fractions >= 1: 5 and 5.0 are taken,
        # 2.5, 0, -1, NaN and inf are refused naming the argument (the C
        # functions keep the analytic extension to non-integer n).
        self.assertAlmostEqual(dose.bed(40, 5.0, 10), 72, places=12)
        calls = [
            lambda n: dose.bed(10, n, 10), lambda n: dose.eqd2(10, n, 10),
            lambda n: dose.eqd(10, n, 10, 2), lambda n: dose.bed_repop(10, n, 10, 5, 21, 0.35, 3),
            lambda n: dose.total_for_bed(12, n, 10), lambda n: dose.total_for_eqd(10, n, 10, 2),
            lambda n: dose.dose_per_fraction_for_bed(12, n, 10),
            lambda n: dose.isoeffective_total(10, n, 10, 2),
            lambda n: dose.isoeffective_dose_per_fraction(10, n, 10, 8),
            lambda n: dose.lql_bed(10, n, 10, 6), lambda n: dose.lql_eqd(10, n, 10, 6, 2),
            lambda n: dose.usc_bed(10, n, 0.33, 1.25, 1.8),
            lambda n: dose.usc_eqd(10, n, 0.33, 1.25, 1.8, 2),
            lambda n: dose.usc_sfed(10, n, 0.33, 1.25, 1.8),
            lambda n: dose.ir_bed(10, n, 10, 2, 6, 1.5),
            lambda n: dose.lc_bed_protracted(10, n, 0.5, 1.5, 10),
            lambda n: dose.hrs_bed(10, n, 10, 3, 0.25), lambda n: dose.hrs_eqd(10, n, 10, 3, 0.25, 2),
            lambda n: dose.classify(10, n), lambda n: dose.eqd2([10.0], n, 10),
            lambda n: dose.eqd2_voxel_ab([10.0], [10.0], n),
            lambda n: dose.eqd2_labels([10.0], [0], n, [10.0]),
            lambda n: dose.eqd2_sum([[10.0]], [n], 10),
        ]
        for k, call in enumerate(calls):
            call(5)
            call(5.0)
            for bad in (2.5, 0, 0.5, -1, float("nan"), float("inf")):
                with self.assertRaises(ldrt.InvalidArgument, msg="call %d, n=%r" % (k, bad)) as cm:
                    call(bad)
                self.assertIn("fractions", str(cm.exception))
                self.assertIn("whole number", str(cm.exception))

    def test_repopulation(self):
        # rad-tools: 1.2 Gy x 68, a/b 10, T 45, Tk 21, alpha 0.35, Tpot 3.
        self.assertAlmostEqual(dose.bed_repop(81.6, 68, 10, 45, 21, 0.35, 3), 75.54863587,
                               delta=5e-9)
        # No correction when T <= Tk: the plain BED of 60/30 at a/b 10 is 72.
        self.assertAlmostEqual(dose.bed_repop(60, 30, 10, 28, 28, 0.35, 3), 72, places=12)

    def test_unequal_fractions(self):
        # Hand: 8, 8, 4 Gy at a/b 10: 8*1.8 + 8*1.8 + 4*1.4 = 34.4; EQD2 = 34.4 / 1.2.
        self.assertAlmostEqual(dose.bed_fractions([8, 8, 4], 10), 34.4, places=12)
        self.assertAlmostEqual(dose.eqd_fractions((8, 8, 4), 10), 34.4 / 1.2, places=12)

    def test_inverses(self):
        # Reference: 40/5 converted to 3 Gy fractions at a/b 10 -> 40*18/13 = 55.385.
        self.assertAlmostEqual(dose.isoeffective_total(40, 5, 10, 3), 40 * 18 / 13, places=9)
        # Hand: D^2/300 + D - 72 = 0 -> D = 60.
        self.assertAlmostEqual(dose.total_for_bed(72, 30, 10), 60, places=9)
        # Hand: 72 / (2 * 1.2) = 30 fractions of 2 Gy.
        self.assertAlmostEqual(dose.fractions_for_bed(72, 2, 10), 30, places=9)
        self.assertAlmostEqual(dose.dose_per_fraction_for_bed(72, 30, 10), 2, places=9)
        # Hand: EQD2 43.75 at a/b 2 in 5 fractions is 25 Gy (25 (5 + 2)/4 = 43.75).
        self.assertAlmostEqual(dose.total_for_eqd(43.75, 5, 2, 2), 25, places=9)
        d2 = dose.isoeffective_dose_per_fraction(40, 5, 10, 55.38461538461539)
        self.assertAlmostEqual(d2, 3, places=6)

    def test_other_models(self):
        # LQ-L reference vectors.
        self.assertAlmostEqual(dose.lql_bed(60, 3, 10, 6), 121.2, places=9)
        self.assertAlmostEqual(dose.lql_eqd(60, 3, 10, 6, 2), 101.0, places=9)
        # USC, Park 2008 H460: DT 6.1277 Gy, a/b 8.6048 Gy; 60 Gy/3: BED 132.364, SFED 56.4.
        dt, ab = dose.usc_params(0.33, 1.25, 1.8)
        self.assertAlmostEqual(dt, 6.1277, delta=5e-5)
        self.assertAlmostEqual(ab, 8.6048, delta=5e-5)
        self.assertAlmostEqual(dose.usc_bed(60, 3, 0.33, 1.25, 1.8), 132.364, delta=5e-4)
        self.assertAlmostEqual(dose.usc_eqd(60, 3, 0.33, 1.25, 1.8, 2), 107.401, delta=5e-4)
        self.assertAlmostEqual(dose.usc_sfed(60, 3, 0.33, 1.25, 1.8), 56.4, delta=1e-9)
        # Incomplete repair: T1/2 1.5 h, 6 h apart: h2 = 2^-4.
        self.assertAlmostEqual(dose.ir_h_factor(2, 6, 1.5), 0.0625, places=12)
        self.assertAlmostEqual(dose.ir_bed(81.6, 68, 3, 2, 6, 1.5), 116.28, delta=5e-9)
        # Lea-Catcheside: 60 Gy at 0.5 Gy/h (120 h), T1/2 1.5 h: g 0.035417, BED10 72.750.
        self.assertAlmostEqual(dose.lc_g_continuous(120, 1.5), 0.035417, delta=5e-7)
        self.assertAlmostEqual(dose.lc_bed_protracted(60, 1, 120, 1.5, 10), 72.750, delta=5e-4)
        g = dose.lc_g_permanent(9.7, 1.5)
        self.assertAlmostEqual(g, 0.006402, delta=5e-7)  # Cs-131
        self.assertAlmostEqual(dose.lc_bed_permanent(60, 9.7, 1.5, 2), 60 * (1 + g * 30),
                               places=9)
        # HRS, ratio 3, dc 0.25 Gy, a/b 10: 2 Gy in 4 fractions: BED 2.641; hand EQD2.
        self.assertAlmostEqual(dose.hrs_bed(2, 4, 10, 3, 0.25), 2.641, delta=5e-4)
        self.assertAlmostEqual(dose.hrs_eqd(2, 4, 10, 3, 0.25, 2),
                               2 * (1 + 2 * math.exp(-2) + 0.05) / (1 + 2 * math.exp(-8) + 0.2),
                               places=12)

    def test_effect_models(self):
        self.assertAlmostEqual(dose.geud([10, 20, 30], 1), 20, places=12)
        self.assertAlmostEqual(dose.geud([10, 20, 30], 2), 21.6025, delta=5e-5)
        # Hand: volumes {1, 0, 3}, a = 1: (10 + 90) / 4 = 25.
        self.assertAlmostEqual(dose.geud([10, 20, 30], 1, volumes=[1, 0, 3]), 25, places=12)
        self.assertAlmostEqual(dose.ntcp_lkb(20, 30.8, 0.37), 0.17164, delta=5e-6)
        self.assertAlmostEqual(dose.ntcp_lkb(30.8, 30.8, 0.37), 0.5, places=12)  # at TD50
        self.assertAlmostEqual(dose.ntcp_lkb_dvh([20, 20], 30.8, 0.37, 0.99), 0.17164,
                               delta=5e-6)
        self.assertAlmostEqual(dose.response_logit(60, 51.9, 0.8), 0.61398, delta=5e-6)
        self.assertAlmostEqual(dose.response_poisson(51.9, 51.9, 2), 0.5, places=12)

    def test_reirradiation(self):
        self.assertEqual(dose.reirr_recovery_fixed(182), 0)
        self.assertEqual(dose.reirr_recovery_fixed(182.625), 0.25)  # 6 months exactly
        self.assertEqual(dose.reirr_recovery_fixed(365.25), 0.5)
        # Cord, a/b 2: EQD2 50 + 43.75; with 25% recovery of the first: 81.25.
        self.assertAlmostEqual(dose.reirr_cumulative([50, 43.75]), 93.75, places=12)
        self.assertAlmostEqual(dose.reirr_cumulative([50, 43.75], [0.25, 0]), 81.25, places=12)
        # Jones & Grant: prior BED2 80, tolerance 100, 12 months: 36.86 (r 2.50); fitted 28.49.
        eff, r = dose.reirr_jones_grant(80, 100, 365.25)
        self.assertAlmostEqual(eff, 36.86, delta=5e-3)
        self.assertAlmostEqual(r, 2.50, delta=5e-3)
        self.assertAlmostEqual(dose.reirr_jones_grant(80, 100, 365.25, "fitted")[0], 28.49,
                               delta=5e-3)
        with self.assertRaises(ValueError):
            dose.reirr_jones_grant(80, 100, 0, "optimistic")

    def test_seed_case(self):
        # Fong 2025: SBRT 40 Gy/5 and L-XRT 10 Gy/5. EQD2 at the melanoma preset (0.6 Gy):
        # SBRT 40 (8 + 0.6)/2.6 = 132.308; L-XRT in 2 Gy fractions is 10 at any a/b.
        melanoma = dose.tissue("melanoma")
        self.assertEqual(melanoma.alpha_beta_gy, 0.6)
        self.assertAlmostEqual(dose.eqd2(40, 5, melanoma.alpha_beta_gy), 40 * 8.6 / 2.6, places=9)
        self.assertAlmostEqual(dose.eqd2(10, 5, melanoma.alpha_beta_gy), 10, places=12)


class TestErrors(unittest.TestCase):
    def test_library_messages(self):
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.bed(-1, 5, 10)
        self.assertIn("total_gy", str(cm.exception))
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.eqd2(10, 0, 10)
        self.assertIn("fractions", str(cm.exception))
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.bed_fractions([8, float("nan")], 10)
        self.assertIn("[1]", str(cm.exception))
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.usc_params(0.9, 1.25, 1.8)
        self.assertIn("d0_gy", str(cm.exception))

    def test_wrong_types(self):
        for bad in ("10", None, [10], object()):
            with self.assertRaises(TypeError):
                dose.bed_repop(bad, 68, 10, 45, 21, 0.35, 3)
        with self.assertRaises(TypeError):
            dose.bed(True, 5, 10)
        with self.assertRaises(TypeError):
            dose.eqd2(10)  # missing arguments
        with self.assertRaises(TypeError):
            dose.ir_h_factor(2.5, 6, 1.5)  # fractions per day is an int
        with self.assertRaises(TypeError):
            dose.bed_fractions("8 8 4", 10)
        with self.assertRaises(TypeError):
            dose.bed_fractions([8, "x"], 10)
        with self.assertRaises(TypeError):
            dose.tissue(3)


class TestArrays(unittest.TestCase):
    def test_lists_in_lists_out(self):
        out = dose.eqd2([10.0, 40.0, 0.0], 5, 10.0)
        self.assertIsInstance(out, list)
        self.assertEqual(len(out), 3)
        self.assertAlmostEqual(out[0], 10.0, places=12)
        self.assertAlmostEqual(out[1], 60.0, places=12)  # 40 (8 + 10)/12
        self.assertEqual(out[2], 0.0)
        self.assertAlmostEqual(dose.bed((40.0,), 5, 10)[0], 72.0, places=12)
        self.assertAlmostEqual(dose.eqd(range(0, 2), 1, 10, 2)[1], 11 / 12, places=12)
        self.assertEqual(dose.eqd2([], 5, 10), [])

    def test_bad_value_in_an_array(self):
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.eqd2([1.0, -2.0], 5, 10)
        self.assertIn("[1]", str(cm.exception))
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.check([0.0, 1.0, float("inf")])
        self.assertIn("dose_gy[2]", str(cm.exception))
        dose.check([0.0, 1.0])

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_numpy_float32_kernel(self):
        grid = np.array([[10.0, 40.0], [2.0, 0.0]], dtype=np.float32)
        out = dose.eqd2(grid, 5, 10.0)
        self.assertEqual(out.dtype, np.float32)
        self.assertEqual(out.shape, (2, 2))
        # Hand: 2 Gy in 5 fractions at a/b 10: 2 (0.4 + 10)/12 = 1.7333.
        np.testing.assert_allclose(out, [[10.0, 60.0], [2 * 10.4 / 12, 0.0]], rtol=1e-6)
        self.assertEqual(grid[0, 1], 40.0)  # the input is unchanged
        np.testing.assert_allclose(dose.bed(grid, 5, 10.0), [[12.0, 72.0], [2.08, 0.0]],
                                   rtol=1e-6)

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_numpy_float64_and_other_dtypes(self):
        out = dose.eqd2(np.array([10.0, 40.0]), 5, 10.0)
        self.assertEqual(out.dtype, np.float64)
        np.testing.assert_allclose(out, [10.0, 60.0], rtol=1e-15)
        ints = dose.eqd2(np.array([10, 40]), 5, 10.0)  # converted to float64
        np.testing.assert_allclose(ints, [10.0, 60.0], rtol=1e-15)
        strided = np.arange(8, dtype=np.float64)[::2]  # not contiguous
        np.testing.assert_allclose(dose.bed(strided, 1, 10.0), [0, 2 * 1.2, 4 * 1.4, 6 * 1.6])
        self.assertAlmostEqual(dose.eqd2(np.float32(40.0), 5, 10.0), 60.0, places=5)

    def test_voxel_kernels(self):
        # Per-voxel a/b: 10 Gy/5 at a/b 10 and 3 -> both 10; 40/5 at a/b 3: 40*11/5 = 88.
        out = dose.eqd2_voxel_ab([10.0, 40.0], [10.0, 3.0], 5)
        self.assertAlmostEqual(out[0], 10.0, places=5)
        self.assertAlmostEqual(out[1], 88.0, places=4)
        out = dose.eqd2_labels([40.0, 40.0], [0, 1], 5, [10.0, 3.0])
        self.assertAlmostEqual(out[0], 60.0, places=4)
        self.assertAlmostEqual(out[1], 88.0, places=4)
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.eqd2_labels([40.0], [2], 5, [10.0, 3.0])
        self.assertIn("labels[0]", str(cm.exception))
        # Sum of two courses at a/b 10: 40/5 (60) + half weight of 10/5 (10): 65.
        out = dose.eqd2_sum([[40.0], [10.0]], [5, 5], 10.0, weights=[1.0, 0.5])
        self.assertAlmostEqual(out[0], 65.0, places=4)
        with self.assertRaises(ValueError):
            dose.eqd2_sum([[40.0], [10.0, 1.0]], [5, 5], 10.0)
        with self.assertRaises(ValueError):
            dose.eqd2_voxel_ab([1.0, 2.0], [10.0], 5)

    def test_dvh(self):
        # Four voxels 1, 2, 3, 4 Gy in 1 Gy bins: bins 0..4, 5 bins; cumulative 100 100 75 50 25.
        with dose.Dvh([1.0, 2.0, 3.0, 4.0], bin_width_gy=1.0) as h:
            self.assertEqual(h.bins, 5)
            self.assertEqual(h.bin_width_gy, 1.0)
            self.assertEqual(list(h.cumulative()), [100.0, 100.0, 75.0, 50.0, 25.0])
            self.assertEqual(list(h.differential()), [0.0, 25.0, 25.0, 25.0, 25.0])
            self.assertEqual(h.stats, (4, 2.5, 1.0, 4.0))
            self.assertAlmostEqual(h.volume_at_dose(3.0), 50.0)
            # D50: the hottest 50% (the 3 and 4 Gy voxels) receive at least 3 Gy.
            self.assertAlmostEqual(h.dose_at_volume(50.0), 3.0)
        with self.assertRaises(ldrt.ClosedError):
            h.cumulative()
        h.close()  # twice is fine
        # A mask selects voxels: only 3 and 4 Gy.
        h = dose.Dvh([1.0, 2.0, 3.0, 4.0], mask=[False, False, True, True], bin_width_gy=1.0)
        self.assertEqual(h.stats[0], 2)
        del h  # freed by the finalizer
        # An empty structure is refused: LDRT_EINVAL naming the mask (dose.h).
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            dose.Dvh([1.0, 2.0], mask=[0, 0])
        self.assertIn("mask", str(cm.exception))
        with self.assertRaises(ValueError):
            dose.Dvh([1.0, 2.0], mask=[1])

    @unittest.skipIf(np is None, "numpy is not installed")
    def test_numpy_dvh_and_kernels(self):
        d = np.array([1, 2, 3, 4], dtype=np.float32)
        with dose.Dvh(d, mask=np.array([True, True, True, True]), bin_width_gy=1.0) as h:
            c = h.cumulative()
            self.assertIsInstance(c, np.ndarray)
            np.testing.assert_array_equal(c, [100, 100, 75, 50, 25])
        out = dose.eqd2_voxel_ab(d, np.full(4, 10.0, dtype=np.float32), 1)
        self.assertIsInstance(out, np.ndarray)
        np.testing.assert_allclose(out, d * (d + 10) / 12, rtol=1e-6)


class TestPresetsAndRegimens(unittest.TestCase):
    def test_presets(self):
        all_ = dose.tissues()
        self.assertGreaterEqual(len(all_), 10)
        names = [t.name for t in all_]
        self.assertEqual(len(names), len(set(names)))
        # Melanoma: Bentzen 1989, 0.6 Gy (95% CI -1.1 to 2.5).
        m = dose.tissue("Melanoma")
        self.assertEqual((m.alpha_beta_gy, m.low_gy, m.high_gy, m.verified), (0.6, -1.1, 2.5, True))
        self.assertIn("Bentzen", m.citation)
        t = dose.tissue("tumour")
        self.assertEqual(t.alpha_beta_gy, 10)
        self.assertIsNone(t.tpot_days)  # no published kinetics
        n = dose.tissue("nsclc")  # CERR Lung BED.json: Tk 28, Tpot 3, alpha 0.35
        self.assertEqual((n.kickoff_days, n.tpot_days, n.alpha_per_gy), (28, 3, 0.35))
        self.assertFalse(dose.tissue("breast").verified)
        with self.assertRaises(ldrt.NotFound) as cm:
            dose.tissue("unicorn")
        self.assertIn("unicorn", str(cm.exception))

    def test_regimens(self):
        # The seed case: SBRT 40 Gy/5 (8 Gy) and L-XRT 10 Gy/5 (2 Gy).
        self.assertEqual(dose.classify(40, 5).name, "sbrt")
        lxrt = dose.classify(10, 5)
        self.assertEqual(lxrt.name, "low-dose")
        self.assertIn("lxrt-seed", lxrt.rules)
        self.assertTrue(any("Fong" in s for s in lxrt.sources))
        self.assertEqual(dose.classify(0.5, 1).name, "no-dose")
        # One 2.5 Gy fraction breaks the seed rule (every fraction 0.5-2 Gy).
        self.assertNotIn("lxrt-seed", dose.classify_fractions([2, 2, 2.5]).rules)
        self.assertIn("lxrt-seed", dose.classify_fractions([2, 2, 2, 2, 2]).rules)
        with self.assertRaises(ldrt.InvalidArgument):
            dose.classify(10, 0)


if __name__ == "__main__":
    unittest.main()
