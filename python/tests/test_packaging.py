"""The package builds without a network: the in-tree backend makes the wheel,
and pip installs it with --no-index when pip and venv are available."""

import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.dirname(HERE)


class TestPackaging(unittest.TestCase):
    def test_backend_builds_a_wheel(self):
        sys.path.insert(0, os.path.join(PKG, "_build"))
        try:
            import ldrt_build
        finally:
            sys.path.pop(0)
        with tempfile.TemporaryDirectory() as tmp:
            name = ldrt_build.build_wheel(tmp)
            self.assertEqual(name, "ldrt-0.1.0-py3-none-any.whl")
            with zipfile.ZipFile(os.path.join(tmp, name)) as zf:
                names = set(zf.namelist())
                self.assertIn("ldrt/__init__.py", names)
                self.assertIn("ldrt/_prototypes.py", names)
                self.assertIn("ldrt/py.typed", names)  # PEP 561: the package is typed
                for module in ("patient", "dose", "response", "_arrays"):
                    self.assertIn("ldrt/%s.py" % module, names)
                self.assertIn("ldrt-0.1.0.dist-info/RECORD", names)
                self.assertIn(b"Name: ldrt", zf.read("ldrt-0.1.0.dist-info/METADATA"))
                # The console script of ldrt.dicom.
                self.assertIn("ldrt/dicom.py", names)
                self.assertEqual(zf.read("ldrt-0.1.0.dist-info/entry_points.txt").decode(),
                                 "[console_scripts]\nldrt-dicom = ldrt.dicom_cli:main\n")
            sdist = ldrt_build.build_sdist(tmp)
            self.assertTrue(os.path.exists(os.path.join(tmp, sdist)))

    def test_pip_install_without_network(self):
        with tempfile.TemporaryDirectory() as tmp:
            venv = os.path.join(tmp, "venv")
            made = subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True)
            pip = os.path.join(venv, "bin", "pip")
            if made.returncode != 0 or not os.path.exists(pip):
                self.skipTest("venv with pip is not available")
            out = subprocess.run([pip, "install", "-q", "--no-index", PKG], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            py = os.path.join(venv, "bin", "python")
            code = ("import ldrt; print(ldrt.Date('2023-07-21').days_until('2023-07-26')); "
                    "print(ldrt.dose.eqd2(40, 5, 10)); "
                    "print(ldrt.Patient.load(%r).find_course('LXRT-2023').total_dose_gy)"
                    % os.path.join(PKG, "..", "examples", "data", "case-fong-2025.json"))
            run = subprocess.run([py, "-c", code], capture_output=True, text=True, cwd=tmp,
                                 env=dict(os.environ, PYTHONPATH=""))
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertEqual(run.stdout.split(), ["5", "60.0", "10.0"])
            # The console script is installed; --help needs neither numpy nor pydicom.
            script = os.path.join(venv, "bin", "ldrt-dicom")
            run = subprocess.run([script, "--help"], capture_output=True, text=True, cwd=tmp,
                                 env=dict(os.environ, PYTHONPATH=""))
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("Exit status", run.stdout)


if __name__ == "__main__":
    unittest.main()
