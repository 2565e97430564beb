"""Tests of the binding's loader, errors and dates (values: hand calculations)."""

import os
import subprocess
import sys
import unittest

import ldrt


class TestLoader(unittest.TestCase):
    def test_versions_agree(self):
        self.assertEqual(ldrt.library_version(), ldrt.__version__)

    def test_strerror(self):
        self.assertEqual(ldrt.strerror(ldrt.errors.EINVAL), "invalid argument")
        self.assertEqual(ldrt.strerror(-999), "unknown error")

    def _import_with(self, env_path):
        env = dict(os.environ, LDRT_LIBRARY=env_path)
        code = "import ldrt\ntry:\n    ldrt.library_version()\nexcept ldrt.LibraryError as e:\n    print('ERR', e)\n"
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)

    def test_missing_library_is_a_clear_error(self):
        out = self._import_with("/nonexistent/libldrt.so")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("ERR cannot load libldrt", out.stdout)
        self.assertIn("LDRT_LIBRARY", out.stdout)

    def test_library_of_another_version_is_refused(self):
        # A stand-in library that answers version 9.0.0 (built with the system compiler).
        import shutil
        import tempfile
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler")
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "fake.c")
            so = os.path.join(tmp, "libfake.so")
            with open(src, "w") as f:
                f.write("int ldrt_version(void) { return 90000; }\n")
            subprocess.run([cc, "-shared", "-fPIC", "-o", so, src], check=True)
            out = self._import_with(so)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("is version 9.0.0", out.stdout)


class TestDates(unittest.TestCase):
    def test_precision_is_kept(self):
        self.assertEqual(str(ldrt.Date("2023-07")), "2023-07")
        self.assertEqual(ldrt.Date("2023-07").precision, ldrt.dates.MONTH)
        self.assertIsNone(ldrt.Date("2023").month)
        self.assertEqual(ldrt.Date("2023-07-21").value, 20230721)

    def test_span_of_a_partial_date(self):
        d = ldrt.Date("2024-02")
        self.assertEqual(str(d.earliest()), "2024-02-01")
        self.assertEqual(str(d.latest()), "2024-02-29")  # 2024 is a leap year

    def test_arithmetic(self):
        # The seed case's L-XRT: 21 to 26 July 2023.
        self.assertEqual(ldrt.Date("2023-07-21").days_until("2023-07-26"), 5)
        self.assertEqual(str(ldrt.Date("2023-12-31").add_days(1)), "2024-01-01")
        self.assertEqual(ldrt.Date("1970-01-01").to_days(), 0)
        self.assertEqual(str(ldrt.Date.from_days(11017)), "2000-03-01")
        self.assertEqual(ldrt.Date("2023-07-21").weekday(), 5)  # a Friday
        self.assertEqual(ldrt.Date("2023-07").days_until_range("2023-09-20"), (51, 81))

    def test_ordering(self):
        dates = [ldrt.Date(s) for s in ["2023-02", "2023-01-01", "2023", "2023-01"]]
        self.assertEqual([str(d) for d in sorted(dates)], ["2023", "2023-01", "2023-01-01", "2023-02"])
        self.assertEqual(ldrt.Date("2023-07"), "2023-07")
        self.assertEqual(len({ldrt.Date("2023"), ldrt.Date("2023")}), 1)

    def test_errors_carry_the_library_message(self):
        with self.assertRaises(ldrt.ParseError) as cm:
            ldrt.Date("2023-02-30")
        self.assertIn("has 28 days", str(cm.exception))
        self.assertEqual(cm.exception.code, ldrt.errors.EPARSE)
        with self.assertRaises(ValueError):  # InvalidArgument is a ValueError
            ldrt.Date.from_parts(2023, 13)
        with self.assertRaises(ldrt.InvalidArgument) as cm:
            ldrt.Date("2023-07").days_until("2023-08-01")
        self.assertIn("partial", str(cm.exception))
        with self.assertRaises(ldrt.OutOfRange):
            ldrt.Date("9999-12-31").add_days(1)

    def test_wrong_types(self):
        with self.assertRaises(TypeError):
            ldrt.Date(3.5)
        with self.assertRaises(TypeError):
            ldrt.Date(None)
        with self.assertRaises(ldrt.InvalidArgument):
            ldrt.Date(20231301)
        with self.assertRaises(Exception):
            ldrt.Date("2023-07-21").add_days("one")


if __name__ == "__main__":
    unittest.main()
