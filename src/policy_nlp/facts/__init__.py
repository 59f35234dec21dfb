"""Facts: quantities tied to their indicator, kind, modality, period and region."""
from policy_nlp.facts.builder import FactBuilder

__all__ = ["FactBuilder"]
