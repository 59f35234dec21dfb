"""Region names: resolved in one place for article metadata, facts and entities."""
from policy_nlp.geo.countries import country_names
from policy_nlp.geo.divisions import Division, DivisionTable, division_rows, divisions
from policy_nlp.geo.provinces import Province, ProvinceTable, provinces
from policy_nlp.geo.scope import ScopeResolver

__all__ = ["country_names", "Division", "DivisionTable", "division_rows", "divisions", "Province", "ProvinceTable", "provinces", "ScopeResolver"]
