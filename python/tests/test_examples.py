"""Runs the Python examples (examples/python/) and the quick-start snippets of
python/README.md as a newcomer would, from the top of the source tree, and
checks what they print."""

import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))


def run(args, **kw):
    env = dict(os.environ, PYTHONPATH=os.path.join(TOP, "python"))
    return subprocess.run([sys.executable] + args, cwd=TOP, env=env, capture_output=True,
                          text=True, **kw)


class TestExamples(unittest.TestCase):
    def test_case_report(self):
        out = run(["examples/python/case_report.py"])
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stderr, "")
        text = out.stdout
        # 5 L-XRT fractions, 21-26 July 2023, 10 Gy: EQD2 10 Gy at every alpha/beta.
        self.assertRegex(text, r"LXRT-2023\s+2023-07-21 to 2023-07-26\s+10\.0 Gy\s+5\s+2\.0 Gy"
                               r"\s+low-dose\s+10\.0 Gy\s+10\.0 Gy\s+10\.0 Gy")
        # SBRT 40 Gy/5, May 2022: EQD2 60 (a/b 10), 132.3 (0.6), 88 (3).
        self.assertRegex(text, r"SBRT-2022\s+2022-05\s+40\.0 Gy\s+5\s+8\.0 Gy\s+sbrt"
                               r"\s+60\.0 Gy\s+132\.3 Gy\s+88\.0 Gy")
        self.assertIn("holiday from 2022-06-13", text)
        # The mesenteric nodule: -36% (PR), then gone (CR).
        self.assertIn("2023-09  PR   sum -36.4% from baseline 22.0 mm", text)
        self.assertIn("CR on 2023-12 confirmed by CR on 2024-04", text)
        self.assertIn("insufficient data: PD on 2023-07 after 62 to 121 days of exposure", text)
        self.assertIn("before radiotherapy LXRT-2023 on 2023-07-21", text)
        self.assertIn("T1     in field      22.0 mm -> best  0.0 mm (-100.0%); responded", text)
        self.assertIn("abscopal responses: 0", text)
        self.assertIn("Timeline of patient fong-2025-melanoma", text)

    def test_case_report_plots(self):
        import tempfile
        import xml.etree.ElementTree as ET
        with tempfile.TemporaryDirectory() as tmp:
            out = run(["examples/python/case_report.py", "--plots", tmp])
            self.assertEqual(out.returncode, 0, out.stderr)
            names = sorted(os.listdir(tmp))
            self.assertEqual(names, ["fong-2025-melanoma-dose.svg", "fong-2025-melanoma-spider.svg",
                                     "fong-2025-melanoma-swimmer.svg"])
            for name in names:
                ET.parse(os.path.join(tmp, name))  # valid XML

    def test_case_report_bad_file(self):
        out = run(["examples/python/case_report.py", "/nonexistent/case.json"])
        self.assertEqual(out.returncode, 1)
        self.assertEqual(out.stdout, "")
        self.assertIn("/nonexistent/case.json", out.stderr)

    def test_cohort(self):
        out = run(["examples/python/cohort.py", "25"])
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("25 patients", out.stdout)
        self.assertIn("matches the cohort engine", out.stdout)
        counts = [int(n) for n in re.findall(r"confirmed BOR \S+\s+(\d+)", out.stdout)]
        self.assertEqual(sum(counts), 25)

    def test_readme_snippets(self):
        with open(os.path.join(TOP, "python", "README.md")) as f:
            text = f.read()
        snippets = re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)
        self.assertGreaterEqual(len(snippets), 3)
        for code in snippets:
            out = run(["-c", code])
            self.assertEqual(out.returncode, 0, code + out.stderr)
            # Every "# value" comment on a print line is what the line prints.
            expected = [m.group(1).strip()
                        for m in re.finditer(r"^\s*print\(.*#\s*(.*)$", code, re.M)]
            self.assertEqual(out.stdout.splitlines(), expected)


if __name__ == "__main__":
    unittest.main()
