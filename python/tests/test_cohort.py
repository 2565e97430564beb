"""ldrt.cohort: long tables through the array engine, on one process and on Dask.

The expected labels are hand calculations by RECIST 1.1 (Eisenhauer et al.
2009, section 4.3.1: PR at >= 30% below the baseline sum, PD at >= 20% and
>= 5 mm above the nadir) written next to each case; the long-table path is
also compared with the list-built ldrt.response.Cohort on shuffled rows and
the Dask path with the single-process answer.
"""

import importlib
import math
import unittest

try:
    pd = importlib.import_module("pandas")
    np = importlib.import_module("numpy")
except ImportError:  # pragma: no cover - depends on the environment
    pd = None

from ldrt import response as R

if pd is not None:
    from ldrt import cohort

NEEDS = "ldrt.cohort needs pandas (Debian python3-pandas; make test-cohort installs it)"


def hand_table():
    rows = [
        # A: targets 50 + 30 = 80 mm; 8 weeks: 30 + 20 = 50 (-37.5%: PR);
        # 16 weeks: 28 + 20 = 48 (PR, confirmed 8 weeks after the first).
        ("A", "2023-01-02", "L1", "TARGET", "present", 50.0),
        ("A", "2023-01-02", "L2", "target", "present", 30.0),
        ("A", "2023-02-27", "L1", "target", "present", 30.0),
        ("A", "2023-02-27", "L2", "target", "present", 20.0),
        ("A", "2023-04-24", "L1", "target", "present", 28.0),
        ("A", "2023-04-24", "L2", "target", "present", 20.0),
        # B: target 40 mm, then 50 (+25%, +10 mm: PD).
        ("B", "2023-03-01", "T", "target", "present", 40.0),
        ("B", "2023-03-01", "N", "non-target", "present", math.nan),
        ("B", "2023-05-01", "T", "target", "present", 50.0),
        ("B", "2023-05-01", "N", "non-target", "present", math.nan),
        # C: target gone and non-target absent: CR; then a new lesion: PD.
        ("C", "2023-01-10", "T", "target", "present", 20.0),
        ("C", "2023-01-10", "N", "non-target", "present", math.nan),
        ("C", "2023-03-10", "T", "target", "present", 0.0),
        ("C", "2023-03-10", "N", "non-target", "absent", math.nan),
        ("C", "2023-05-10", "T", "target", "present", 0.0),
        ("C", "2023-05-10", "N", "non-target", "absent", math.nan),
        ("C", "2023-05-10", "X", "new", "present", math.nan),
    ]
    return pd.DataFrame(rows, columns=list(cohort.COLUMNS))


@unittest.skipIf(pd is None, NEEDS)
class LongTable(unittest.TestCase):
    def test_hand_calculation(self):
        table = hand_table().sample(frac=1.0, random_state=3)  # row order must not matter
        tp = cohort.timepoints(table)
        self.assertEqual(list(tp["subject"]), ["A"] * 3 + ["B"] * 2 + ["C"] * 3)
        self.assertEqual(list(tp["overall"]), ["", "PR", "PR", "", "PD", "", "CR", "PD"])
        self.assertEqual(list(tp["sum_mm"][:3]), [80.0, 50.0, 48.0])
        self.assertEqual(str(tp["date"].iloc[1].date()), "2023-02-27")
        best = cohort.best(table)
        self.assertEqual(list(best["subject"]), ["A", "B", "C"])
        self.assertEqual(list(best["bor"]), ["PR", "PD", "CR"])
        # A's PR is confirmed by the scan 8 weeks later; C's CR is followed by PD.
        self.assertEqual(list(best["confirmed_bor"])[:2], ["PR", "PD"])

    def test_reference_date(self):
        # With A's reference after its first PR, only the second scan counts.
        best = cohort.best(hand_table(), reference={"A": "2023-03-01"})
        self.assertEqual(best.set_index("subject").loc["A", "bor"], "PR")
        self.assertEqual(list(best["bor"])[1:], ["PD", "CR"])

    def test_same_as_list_cohort(self):
        table = cohort.synthetic(300, seed=7)
        c = R.Cohort()
        for subject, rows in sorted(table.groupby("subject"), key=lambda kv: kv[0]):
            c.add_patient(str(subject))
            for day, scan in rows.groupby("date", sort=True):
                c.add_scan(str(day.date()))
                for r in scan.itertuples():
                    c.add_row(int(r.lesion), int(r.role), int(r.state), float(r.value))
        expected = c.classify(numpy=True)
        got = cohort.timepoints(table.sample(frac=1.0, random_state=1))
        names = [R.label_name(int(x)) for x in expected["overall"]]
        self.assertEqual(list(got["overall"]), names)
        np.testing.assert_array_equal(got["sum_mm"].to_numpy(), expected["sum_mm"])
        bor, conf = c.best(numpy=True)
        best = cohort.best(table)
        self.assertEqual(list(best["bor"]), [R.label_name(int(x)) for x in bor])
        self.assertEqual(list(best["confirmed_bor"]), [R.label_name(int(x)) for x in conf])

    def test_bad_input_names_the_row(self):
        table = hand_table()
        table.loc[4, "role"] = "big"
        with self.assertRaisesRegex(ValueError, "role: row 4 has 'big'"):
            cohort.timepoints(table)
        table = hand_table()
        table.loc[2, "date"] = "2023-02"
        with self.assertRaisesRegex(ValueError, "date: row 2"):
            cohort.timepoints(table)
        with self.assertRaisesRegex(ValueError, "lacks the column"):
            cohort.timepoints(hand_table().drop(columns=["state"]))
        table = hand_table()
        table.loc[8, "role"] = "non-target"  # B's target changes role after baseline
        with self.assertRaises(ValueError):
            cohort.timepoints(table)

    def test_from_study(self):
        import os
        from ldrt import study
        directory = os.path.join(os.environ.get("LDRT_TEST_DATA", "tests/data"),
                                 "sdtm", "pharmaverse")
        if not os.path.isdir(directory):
            self.skipTest("no SDTM test data at " + directory)
        s = study.read_sdtm(directory)
        table = cohort.from_study(s)
        self.assertTrue(set(cohort.COLUMNS) <= set(table.columns))
        tp = cohort.timepoints(table)
        # Each subject's labels are those of its own assessment of the record.
        for subject, patient in list(zip(s.usubjids, s.patients()))[:5]:
            labels = [t.overall for t in patient.assess()]
            mine = list(tp[tp["subject"] == subject]["overall"])
            self.assertEqual(mine, labels)
        self.assertGreater(len(tp), len(set(tp["subject"])))


@unittest.skipIf(pd is None, NEEDS)
class OnDask(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            dd = importlib.import_module("dask.dataframe")
            distributed = importlib.import_module("distributed")
        except ImportError:
            raise unittest.SkipTest("needs Dask (Debian python3-dask, python3-distributed; "
                                    "make test-cohort installs them)")
        cls.dd = dd
        cls.cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
        cls.client = distributed.Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def test_same_as_one_process(self):
        table = cohort.synthetic(2000, seed=11)
        ddf = self.dd.from_pandas(table, npartitions=4)  # subjects cut across partitions
        key = ["subject", "date"]
        one = cohort.timepoints(table).sort_values(key).reset_index(drop=True)
        many = cohort.dask_timepoints(ddf).compute().sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(one, many)
        one = cohort.best(table).sort_values("subject").reset_index(drop=True)
        many = cohort.dask_best(ddf).compute().sort_values("subject").reset_index(drop=True)
        pd.testing.assert_frame_equal(one, many)
        self.assertEqual(len(self.client.scheduler_info()["workers"]), 2)


if __name__ == "__main__":
    unittest.main()
