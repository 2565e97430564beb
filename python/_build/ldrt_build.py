"""A minimal PEP 517 build backend for the pure-Python ldrt package.

It needs nothing but the standard library, so building the wheel works
without a network. It packs ldrt/*.py with the metadata of pyproject.toml.
"""

import base64
import hashlib
import os
import re
import tarfile
import zipfile

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _read(name):
    with open(os.path.join(_HERE, name), encoding="utf-8") as f:
        return f.read()


def _project():
    text = _read("pyproject.toml")
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]

    def field(name):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % name, section, re.M)
        return m.group(1) if m else ""

    return field("name"), field("version"), field("description"), field("requires-python")


def _metadata():
    name, version, summary, requires = _project()
    readme = _read("README.md")
    return (
        "Metadata-Version: 2.1\n"
        "Name: %s\nVersion: %s\nSummary: %s\nLicense: MIT\nRequires-Python: %s\n"
        "Provides-Extra: numpy\nRequires-Dist: numpy; extra == \"numpy\"\n"
        "Description-Content-Type: text/markdown\n\n%s" % (name, version, summary, requires, readme)
    )


def _sources():
    pkg = os.path.join(_HERE, "ldrt")
    for fn in sorted(os.listdir(pkg)):
        if fn.endswith(".py") or fn == "py.typed":  # py.typed: the package is typed (PEP 561)
            yield "ldrt/" + fn, os.path.join(pkg, fn)


def _scripts():
    """The [project.scripts] table of pyproject.toml as (name, "module:function") pairs."""
    text = _read("pyproject.toml")
    if "[project.scripts]" not in text:
        return []
    section = text.split("[project.scripts]", 1)[1].split("\n[", 1)[0]
    return re.findall(r'^([A-Za-z0-9_.-]+)\s*=\s*"([^"]+)"', section, re.M)


def _entry_points():
    scripts = _scripts()
    if not scripts:
        return None
    return "[console_scripts]\n" + "".join("%s = %s\n" % kv for kv in scripts)


def _digest(data):
    h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "sha256=" + h


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name, version, _, _ = _project()
    dist_info = "%s-%s.dist-info" % (name, version)
    wheel_name = "%s-%s-py3-none-any.whl" % (name, version)
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as zf:
        def add(arcname, data):
            zf.writestr(arcname, data)
            records.append("%s,%s,%d" % (arcname, _digest(data), len(data)))

        for arcname, path in _sources():
            with open(path, "rb") as f:
                add(arcname, f.read())
        add(dist_info + "/METADATA", _metadata().encode("utf-8"))
        entry_points = _entry_points()
        if entry_points:
            add(dist_info + "/entry_points.txt", entry_points.encode("utf-8"))
        add(dist_info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: ldrt_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        records.append(dist_info + "/RECORD,,")
        zf.writestr(dist_info + "/RECORD", "\n".join(records) + "\n")
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    name, version, _, _ = _project()
    base = "%s-%s" % (name, version)
    path = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(path, "w:gz") as tf:
        for rel in ["pyproject.toml", "README.md", "_build/ldrt_build.py"]:
            tf.add(os.path.join(_HERE, rel), arcname=base + "/" + rel)
        for arcname, src in _sources():
            tf.add(src, arcname=base + "/" + arcname)
        info = _metadata().encode("utf-8")
        import io
        ti = tarfile.TarInfo(base + "/PKG-INFO")
        ti.size = len(info)
        tf.addfile(ti, io.BytesIO(info))
    return base + ".tar.gz"
