"""Country and territory names in Chinese, from a maintained source (the Unicode CLDR data
that ``babel`` ships), so that the GPE gazetteer knows every country without a hand list.

CLDR's names are the standard ones of the PRC's usage (美国, 阿拉伯联合酋长国, 波斯尼亚和黑塞哥维那);
names with a bracketed qualifier (刚果（金）) are left out: texts write them otherwise.
"""
from __future__ import annotations

from functools import lru_cache


#: CLDR's alpha codes that are groupings or placeholders, not countries (联合国, 欧盟, 欧元区 …)
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


@lru_cache(maxsize=4)
def country_names(locale: str = "zh") -> tuple[str, ...]:
    """Names of the countries and territories (ISO 3166 alpha-2 codes) in ``locale``; empty
    when babel is not installed."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency; a stripped install still runs
        return ()
    names = Locale.parse(locale).territories
    return tuple(sorted({v for k, v in names.items() if k.isalpha() and len(k) == 2 and k not in NOT_COUNTRIES and "（" not in v and "(" not in v}))
