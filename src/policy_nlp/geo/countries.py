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


@lru_cache(maxsize=4)
def world_city_names(locale: str = "zh") -> tuple[str, ...]:
    """Cities of the world in ``locale``: CLDR's exemplar cities of the time zones (开罗, 华沙,
    加德满都, 阿拉木图 …, about 400), the maintained list babel ships. Names with a qualifier
    (北达科他州比尤拉) or a separator are left out; empty when babel is not installed."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover
        return ()
    zones = Locale.parse(locale).time_zones
    out = set()
    for info in zones.values():
        city = info.get("city")
        if city and len(city) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in city) and "州" not in city[:-1]:
            out.add(city)
    return tuple(sorted(out))
