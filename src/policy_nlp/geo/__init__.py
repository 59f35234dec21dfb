"""Region names: resolved in one place for article metadata, facts and entities."""
from policy_nlp.geo.provinces import Province, ProvinceTable, provinces
from policy_nlp.geo.scope import ScopeResolver

__all__ = ["Province", "ProvinceTable", "provinces", "ScopeResolver"]
