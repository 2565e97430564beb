#!/usr/bin/env python3
"""Runs the snippets of README.md, so the newcomer's path is tested as written.

- ```c blocks are compiled against the built library and run (exit 0).
- ```python blocks are run with the in-tree binding (exit 0).
- ```console blocks: each line starting with "$ " is a command run from the top of
  the tree with bin/ on PATH (and no PYTHONPATH); the lines after it, up to the next "$ ", must all
  appear in its output, in order (a line "..." skips any number of lines).
Commands that start with "make", "pip" or "sudo" are not run (they are the set-up
this test runs under). HOME is a temporary directory, so a command that writes
under ~ leaves nothing behind.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = ("make", "pip", "sudo", "cc ")
HOME = None


def blocks(text):
    for m in re.finditer(r"^```(\w+)\n(.*?)^```", text, re.M | re.S):
        yield m.group(1), m.group(2), text[: m.start()].count("\n") + 1


def fail(line, what):
    print("README.md:%d: %s" % (line, what), file=sys.stderr)
    sys.exit(1)


def env(tree_python=True):
    e = dict(os.environ)
    e["PATH"] = os.path.join(TOP, "bin") + os.pathsep + e.get("PATH", "")
    e.pop("PYTHONPATH", None)
    if tree_python:
        e["PYTHONPATH"] = os.path.join(TOP, "python")
    e["LDRT_LIBRARY"] = os.path.join(TOP, "lib", "libldrt.so")
    if HOME:
        e["HOME"] = HOME
    return e


def run_c(code, line, tmp):
    src = os.path.join(tmp, "snippet%d.c" % line)
    exe = src[:-2]
    with open(src, "w") as f:
        f.write(code)
    cc = os.environ.get("CC", "cc")
    build = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-I", os.path.join(TOP, "include"),
                            "-o", exe, src, "-L", os.path.join(TOP, "lib"), "-lldrt", "-lm",
                            "-Wl,-rpath," + os.path.join(TOP, "lib")], capture_output=True, text=True)
    if build.returncode:
        fail(line, "C snippet does not compile:\n" + build.stderr)
    run = subprocess.run([exe], capture_output=True, text=True, cwd=TOP, env=env())
    if run.returncode:
        fail(line, "C snippet exits %d:\n%s%s" % (run.returncode, run.stdout, run.stderr))
    return 1


def run_python(code, line):
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=TOP, env=env())
    if run.returncode:
        fail(line, "Python snippet exits %d:\n%s" % (run.returncode, run.stderr))
    return 1


def run_console(body, line):
    count = 0
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        cmd = lines[i][2:]
        expected = []
        i += 1
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        if cmd.startswith(SKIP):
            continue
        # As typed at the top of the tree: the binding is the one pip installed.
        run = subprocess.run(cmd, shell=True, capture_output=True, text=True, cwd=TOP,
                             env=env(tree_python=False))
        if run.returncode:
            fail(line, "'%s' exits %d:\n%s" % (cmd, run.returncode, run.stderr))
        out = [l.rstrip() for l in run.stdout.splitlines()]
        pos = 0
        for want in expected:
            if want.strip() in ("", "..."):
                continue
            while pos < len(out) and out[pos] != want.rstrip():
                pos += 1
            if pos == len(out):
                fail(line, "'%s' did not print the line %r; it printed:\n%s" % (cmd, want, run.stdout))
            pos += 1
        count += 1
    return count


def main():
    text = open(os.path.join(TOP, "README.md"), encoding="utf-8").read()
    n = 0
    global HOME
    with tempfile.TemporaryDirectory() as tmp:
        HOME = os.path.join(tmp, "home")
        os.mkdir(HOME)
        for lang, body, line in blocks(text):
            if lang == "c":
                n += run_c(body, line, tmp)
            elif lang == "python":
                n += run_python(body, line)
            elif lang == "console":
                n += run_console(body, line)
    print("README snippets: %d run, all passed" % n)


if __name__ == "__main__":
    main()
