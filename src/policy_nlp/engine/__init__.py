"""Engines run the pipeline over many inputs and stream rows to the dataset."""
from policy_nlp.engine.local import RunSummary, run_extract

__all__ = ["RunSummary", "run_extract"]
