"""The loader refuses libraries it cannot use, with an error naming the library
and what is wrong, and never crashes: a library of the right version that
lacks a function (an older build), a file that is not a library."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CODE = """import ldrt
try:
    ldrt.Patient("P")
except ldrt.LibraryError as e:
    print("ERR", e)
"""


def run_with(library):
    env = dict(os.environ, LDRT_LIBRARY=library)
    return subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True)


class TestLoader(unittest.TestCase):
    def test_library_without_a_function(self):
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler")
        with tempfile.TemporaryDirectory() as tmp:
            src, so = os.path.join(tmp, "old.c"), os.path.join(tmp, "libold.so")
            with open(src, "w") as f:
                f.write("int ldrt_version(void) { return 100; }\n")  # 0.1.0, nothing else
            subprocess.run([cc, "-shared", "-fPIC", "-o", so, src], check=True)
            out = run_with(so)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("ERR libldrt at %s has no function ldrt_" % so, out.stdout)
        self.assertIn("older than this binding", out.stdout)

    def test_not_a_library(self):
        with tempfile.NamedTemporaryFile(suffix=".so") as f:
            f.write(b"not an ELF file")
            f.flush()
            out = run_with(f.name)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("ERR cannot load libldrt", out.stdout)
        self.assertIn(f.name, out.stdout)


class TestNamespace(unittest.TestCase):
    def test_public_names_exist(self):
        import ldrt
        for module in (ldrt, ldrt.dose, ldrt.response, ldrt.patient):
            for name in module.__all__:
                self.assertTrue(hasattr(module, name), "%s.%s" % (module.__name__, name))

    def test_import_needs_no_library(self):
        # Importing loads nothing; the first call does (and reports a missing library).
        code = "import ldrt, ldrt.dose, ldrt.response; print(ldrt._lib._lib is None)"
        env = dict(os.environ, LDRT_LIBRARY="/nonexistent/libldrt.so")
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True)
        self.assertEqual(out.stdout.strip(), "True", out.stderr)


if __name__ == "__main__":
    unittest.main()
