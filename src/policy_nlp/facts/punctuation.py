"""The punctuation that ends a clause, in one place for every fact-layer module.

A value's indicator, its list items and its region are all looked for within its clause;
modules differ only in whether a list comma (、) or brackets also end the search.
"""
CLAUSE_BREAKS = "，,；;：:。！？!?\n"
LIST_BREAK = "、"
BRACKETS = "（）()"
