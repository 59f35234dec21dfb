"""The notebooks in notebooks/ run top to bottom (nbclient, kernel = this Python).

They read $POLICY_NLP_INPUT: the bundled samples, and ../shared/corpus/raw when it exists.
Built datasets go to a temporary $POLICY_NLP_CACHE. The notebooks are stored without
outputs; these tests execute them in memory and never write them back.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
SAMPLES = REPO / "corpus" / "samples"
SHARED_RAW = REPO.parent / "shared" / "corpus" / "raw"

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install nbformat nbclient ipykernel)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install nbclient ipykernel)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install ipykernel)")
pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install matplotlib)")

ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def _inputs():
    yield pytest.param(SAMPLES, id="samples")
    yield pytest.param(SHARED_RAW, id="shared", marks=[
        pytest.mark.shared,
        pytest.mark.skipif(not SHARED_RAW.is_dir(), reason=f"{SHARED_RAW} is absent: the shared corpus lives in ../shared"),
    ])


def _execute(name: str, input_dir: Path, cache: Path):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    env = {"POLICY_NLP_INPUT": str(input_dir), "POLICY_NLP_CACHE": str(cache)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                         resources={"metadata": {"path": str(NOTEBOOKS)}})
        client.execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def _outputs(nb, kind: str) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == kind or kind in o.get("data", {})]


def test_notebooks_are_stored_without_outputs():
    assert ALL == ["01_explore_dataset.ipynb", "02_retrain_classifier.ipynb"]
    for name in ALL:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{name}: stored with outputs"


def test_kernel_is_this_python():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve() or spec.argv[0] in ("python", "python3", "{python}"), spec.argv


@pytest.mark.parametrize("input_dir", list(_inputs()))
def test_explore_dataset(input_dir, tmp_path):
    nb = _execute("01_explore_dataset.ipynb", input_dir, tmp_path)
    assert len(_outputs(nb, "image/png")) >= 2, "the two charts"
    html = "".join(o["data"]["text/html"] for o in _outputs(nb, "text/html"))
    assert '<mark class="hl' in html, "the highlighted article"
    assert (tmp_path / "report.html").is_file()


@pytest.mark.parametrize("input_dir", list(_inputs()))
def test_retrain_classifier(input_dir, tmp_path):
    nb = _execute("02_retrain_classifier.ipynb", input_dir, tmp_path)
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "saved to" in text
