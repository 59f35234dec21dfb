"""policy_nlp: Chinese policy articles in, a structured dataset out.

The public API::

    nlp = policy_nlp.load()                 # the spaCy pipeline (build once per process)
    doc = nlp("截至2019年年底，全区通信光缆线路总长度达20.19万公里。")
    doc._.facts, doc.spans["entities"]
    policy_nlp.quantities("约30亿元")        # numbers with units, no indicator needed
    ds = policy_nlp.load_dataset("out/")    # tables as pandas DataFrames
    policy_nlp.display(doc)                 # the article with its facts and entities highlighted
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

# The function shadows the subpackage of the same name on purpose: ``policy_nlp.quantities``
# is the public call; the layer's modules are imported as policy_nlp.quantities.<module>.
from policy_nlp.quantities import quantities  # noqa: E402
# Likewise ``policy_nlp.display(doc_or_article)`` for notebooks (the module stays importable).
from policy_nlp.display import display  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from policy_nlp.dataset import Dataset


def load(config=None, **kwargs):
    """Build the spaCy pipeline (see :func:`policy_nlp.pipeline.load`)."""
    from policy_nlp.pipeline import load as _load

    return _load(config, **kwargs)


def load_dataset(path) -> "Dataset":
    """Open a dataset folder written by ``policy-nlp extract``."""
    from policy_nlp.dataset import load_dataset as _load_dataset

    return _load_dataset(path)


__all__ = ["load", "quantities", "load_dataset", "display", "__version__"]
