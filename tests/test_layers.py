"""The dependency rule of the package, as the README draws it: a module imports only from
its own layer or the layers below. Read from the source (every ``import`` statement, also
those inside functions), so a change that reaches up fails here before review."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "policy_nlp"

#: bottom first; a top-level module or package of policy_nlp belongs to exactly one layer
LAYERS = [
    ("foundations", {"records", "config", "resources", "tables"}),
    ("text and numbers", {"segment", "ingest", "quantities", "geo"}),
    ("extractors", {"structure", "facts", "entities"}),
    ("pipeline and storage", {"pipeline", "dataset"}),
    ("engine", {"engine"}),
    ("applications", {"evaluate", "evaluate_raw", "training", "report", "display"}),
    ("entry points", {"cli", "__init__"}),
]
LEVEL = {name: k for k, (_, names) in enumerate(LAYERS) for name in names}
#: within the extractors, no stage uses another's results directly: the pipeline joins them
PEERS_APART = {"structure", "facts", "entities"}


def unit_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0][:-3] if len(rel.parts) == 1 else rel.parts[0]


def imported_units(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "policy_nlp":
            parts = node.module.split(".")
            out |= {parts[1]} if len(parts) > 1 else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("policy_nlp.")}
    return out


def test_every_module_has_a_layer():
    units = {unit_of(p) for p in PACKAGE.rglob("*.py")}
    assert units <= set(LEVEL), f"give these a layer in the README and here: {sorted(units - set(LEVEL))}"


def test_imports_only_look_down():
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = unit_of(path)
        for other in imported_units(path) - {me}:
            if other not in LEVEL:
                continue
            if LEVEL[other] > LEVEL[me] or (me in PEERS_APART and other in PEERS_APART):
                bad.append(f"{path.relative_to(PACKAGE)} ({me}) imports {other}")
    assert not bad, "\n".join(bad)
