"""The binding finds libldrt in the documented order: LDRT_LIBRARY, the
source tree it sits in, the SONAME through the system loader, then
pkg-config's libdir; and when none loads, the error lists what it tried and
what to do. Each case runs a copy of the package in a fresh interpreter, so
the search starts from nothing."""

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.join(os.path.dirname(HERE), "ldrt")
TOP = os.path.dirname(os.path.dirname(HERE))
TREE_LIB = os.path.join(TOP, "lib", "libldrt.so")

sys.path.insert(0, os.path.dirname(PKG))
from ldrt import _lib, _version  # noqa: E402

SONAME = "libldrt.so.%d" % _version.MAJOR
CODE = """import ldrt, ldrt._lib
try:
    print("PATH", ldrt._lib.load()._ldrt_path)
    print("VERSION", ldrt.library_version())
except ldrt.LibraryError as e:
    print("ERR", e)
"""


def system_has_soname():
    """True when the dynamic loader finds libldrt without help (an installed copy)."""
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    out = subprocess.run([sys.executable, "-c", "import ctypes; ctypes.CDLL(%r)" % SONAME],
                         env=env, capture_output=True)
    return out.returncode == 0


def run(pythonpath, **env_changes):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LDRT_LIBRARY", "LD_LIBRARY_PATH", "PKG_CONFIG_PATH", "PYTHONPATH")}
    env["PYTHONPATH"] = pythonpath
    # pkg-config sees only the directories a test names.
    env["PKG_CONFIG_LIBDIR"] = env_changes.pop("PKG_CONFIG_LIBDIR", os.devnull)
    env.update(env_changes)
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True,
                         cwd=tempfile.gettempdir())
    if out.returncode != 0:
        raise AssertionError(out.stderr)
    return out.stdout


class TestSearchOrder(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(TREE_LIB):
            raise unittest.SkipTest("the library is not built (run make)")
        cls.tmp = tempfile.mkdtemp()
        # The package alone, outside any source tree.
        cls.outside = os.path.join(cls.tmp, "site")
        shutil.copytree(PKG, os.path.join(cls.outside, "ldrt"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        # A private copy of the library under its SONAME, in a prefix with a .pc file.
        cls.prefix = os.path.join(cls.tmp, "prefix")
        libdir = os.path.join(cls.prefix, "lib")
        os.makedirs(os.path.join(libdir, "pkgconfig"))
        shutil.copy(os.path.realpath(TREE_LIB), os.path.join(libdir, SONAME))
        with open(os.path.join(libdir, "pkgconfig", "libldrt.pc"), "w") as f:
            f.write("prefix=%s\nlibdir=%s\nincludedir=${prefix}/include\n\n"
                    "Name: libldrt\nDescription: test\nVersion: %s\n"
                    "Libs: -L${libdir} -lldrt\nCflags: -I${includedir}\n"
                    % (cls.prefix, libdir, _version.VERSION))
        cls.libdir = libdir
        cls.private = os.path.join(libdir, SONAME)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_1_environment_variable_comes_first(self):
        # Even inside the source tree, LDRT_LIBRARY wins.
        out = run(os.path.dirname(PKG), LDRT_LIBRARY=self.private)
        self.assertIn("PATH %s\n" % self.private, out)
        self.assertIn("VERSION %s" % _version.VERSION, out)

    def test_1_a_wrong_environment_variable_is_an_error_not_a_fallback(self):
        missing = os.path.join(self.tmp, "nowhere", "libldrt.so")
        out = run(os.path.dirname(PKG), LDRT_LIBRARY=missing)
        self.assertIn("ERR cannot load libldrt from LDRT_LIBRARY=%s" % missing, out)
        self.assertIn("unset it", out)

    def test_2_source_tree_before_the_system(self):
        # A private copy is reachable through the loader, yet the tree's own library is used.
        out = run(os.path.dirname(PKG), LD_LIBRARY_PATH=self.libdir)
        self.assertIn("PATH %s\n" % os.path.normpath(TREE_LIB), out)

    def test_3_soname_through_the_system_loader(self):
        # Outside the tree, with the loader able to find the SONAME (as the
        # Debian package or ldconfig make it); pkg-config would give another copy.
        out = run(self.outside, LD_LIBRARY_PATH=self.libdir,
                  PKG_CONFIG_LIBDIR=os.path.join(self.tmp, "none"))
        self.assertIn("PATH %s\n" % SONAME, out)
        self.assertIn("VERSION %s" % _version.VERSION, out)

    def test_4_pkg_config_libdir_last(self):
        if system_has_soname():
            self.skipTest("an installed %s is found by the loader first" % SONAME)
        if not shutil.which("pkg-config"):
            self.skipTest("no pkg-config")
        out = run(self.outside, PKG_CONFIG_LIBDIR=os.path.join(self.libdir, "pkgconfig"))
        self.assertIn("PATH %s\n" % self.private, out)

    def test_5_error_lists_what_was_tried_and_what_to_do(self):
        if system_has_soname():
            self.skipTest("an installed %s is found by the loader" % SONAME)
        out = run(self.outside)
        self.assertIn("ERR cannot load libldrt; tried:", out)
        lines = out.splitlines()
        steps = [l.strip() for l in lines if l.strip()[:3] in ("1. ", "2. ", "3. ", "4. ")]
        self.assertEqual([s[:2] for s in steps], ["1.", "2.", "3.", "4."], out)
        self.assertIn("LDRT_LIBRARY: not set", steps[0])
        self.assertIn("source tree: this package is not in one", steps[1])
        self.assertIn("system loader: %s" % SONAME, steps[2])
        self.assertIn("pkg-config:", steps[3])
        self.assertIn("apt install libldrt0", out)
        self.assertIn("set LDRT_LIBRARY", out)

    def test_wrong_major_is_refused_by_name(self):
        # A library built for another major version is refused, naming it.
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler")
        src = os.path.join(self.tmp, "v.c")
        so = os.path.join(self.tmp, "libv.so")
        with open(src, "w") as f:
            f.write("int ldrt_version(void) { return %d; }\n" % ((_version.MAJOR + 1) * 10000))
        subprocess.run([cc, "-shared", "-fPIC", "-o", so, src], check=True)
        out = run(self.outside, LDRT_LIBRARY=so)
        self.assertIn("ERR libldrt at %s is version %d.0.0" % (so, _version.MAJOR + 1), out)


class TestTreeDetection(unittest.TestCase):
    def test_in_tree_package_names_the_tree_library(self):
        self.assertEqual(_lib._tree_library(), os.path.normpath(TREE_LIB))


if __name__ == "__main__":
    unittest.main()
