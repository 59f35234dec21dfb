"""The package as a user installs it: a built wheel in a fresh virtual environment, used
from a folder that is not the checkout. The shipped model and every data file must come
with the wheel (package data found through importlib.resources), not from the checkout."""
from __future__ import annotations

import subprocess
import sys
import venv

import pytest

from conftest import OWN_GOLD, REPO, SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(REPO), "-w", str(tmp / "dist")],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("policy_nlp-*.whl")
    venv.create(tmp / "venv", with_pip=True)
    bin_dir = tmp / "venv" / "bin"
    inst = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=1800)
    if inst.returncode != 0 and "No matching distribution" in inst.stderr:
        pytest.skip(f"the package registry is not reachable: {inst.stderr[-300:]}")
    assert inst.returncode == 0, inst.stderr
    return tmp, bin_dir


def run(installed, *args):
    tmp, bin_dir = installed
    work = tmp / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run([str(bin_dir / "policy-nlp"), *args], capture_output=True, text=True, cwd=work, timeout=900)


def test_the_installed_package_is_not_the_checkout(installed):
    tmp, bin_dir = installed
    where = subprocess.run([str(bin_dir / "python"), "-c", "import policy_nlp; print(policy_nlp.__file__)"],
                           capture_output=True, text=True, cwd=tmp, check=True).stdout
    assert str(tmp / "venv") in where and str(REPO) not in where


def test_extract_with_the_shipped_model(installed):
    tmp, _ = installed
    res = run(installed, "extract", str(SAMPLES), "-o", str(tmp / "ds"), "--entity-model", "default", "--workers", "1")
    assert res.returncode == 0, res.stderr
    out = run(installed, "sql", str(tmp / "ds"), "select source, count(*) as n from entities group by source", "--format", "csv")
    assert "model" in out.stdout, out.stdout


def test_evaluate_model_from_the_wheel(installed):
    res = run(installed, "evaluate-model", "--gold", str(OWN_GOLD), "--raw", str(SAMPLES), "--folds", "2", "--json")
    assert res.returncode == 0, res.stderr
    assert '"entities_micro"' in res.stdout
