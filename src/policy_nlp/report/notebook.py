"""Helpers that keep notebook cells short: build and load a dataset, common tables, plots.

::

    from policy_nlp.report import notebook as nb
    ds = nb.dataset()              # $POLICY_NLP_INPUT (default: the bundled samples), cached
    nb.article_facts(ds, 0)        # the facts of one article as a table
    nb.targets_vs_actuals(ds)      # province × indicator: latest actual vs. target
    nb.cjk_font()                  # a font for Chinese labels in matplotlib (or a warning)

The dataset is built with :func:`policy_nlp.engine.run_extract` into a cache folder
(``$POLICY_NLP_CACHE``, default ``~/.cache/policy_nlp/notebooks``) keyed by the input
path; extraction is incremental, so re-running a notebook only processes new or changed
articles.
"""
from __future__ import annotations

import hashlib
import os
import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from policy_nlp import tables
from policy_nlp.report.render import format_number  # noqa: F401  (re-exported for pandas display)

#: Environment variable naming the input folder (or file) the notebooks read.
INPUT_ENV = "POLICY_NLP_INPUT"
#: Environment variable naming the cache folder for built datasets.
CACHE_ENV = "POLICY_NLP_CACHE"



# --------------------------------------------------------------------------- paths

def project_root(start: str | Path | None = None) -> Path | None:
    """The policy_nlp checkout the notebook runs in: the nearest folder at or above ``start``
    (default: the working folder, where Jupyter starts a notebook) that holds
    ``corpus/samples``. Found from where the notebook is, not from where the package is
    installed, so an installed wheel finds the checkout's samples too."""
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "corpus" / "samples").is_dir():
            return d
    return None


def samples_dir() -> Path:
    """The sample articles of the checkout (``corpus/samples``)."""
    root = project_root()
    if root is None:
        raise FileNotFoundError(f"no corpus/samples at or above {Path.cwd()}; set {INPUT_ENV}=FOLDER")
    return root / "corpus" / "samples"


def input_path(default: str | Path | None = None) -> Path:
    """``$POLICY_NLP_INPUT`` if set, else ``default``, else the bundled samples."""
    value = os.environ.get(INPUT_ENV) or default
    path = Path(value).expanduser() if value else samples_dir()
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder (from {INPUT_ENV} or the default)")
    return path.resolve()


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "policy_nlp" / "notebooks").expanduser()


def dataset_dir_for(path: str | Path) -> Path:
    """Where :func:`dataset` keeps the dataset of an input path."""
    path = Path(path).resolve()
    key = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:12]
    return cache_dir() / f"{path.name}-{key}"


# --------------------------------------------------------------------------- loading

def dataset(path: str | Path | None = None, out: str | Path | None = None, workers: int | None = None,
            quiet: bool = False):
    """Extract ``path`` (default: :func:`input_path`) into a cached dataset and load it.

    Re-running is cheap: only new or changed articles are processed.
    """
    from policy_nlp.dataset import load_dataset
    from policy_nlp.engine import run_extract

    src = input_path(path)
    out = Path(out) if out else dataset_dir_for(src)
    out.mkdir(parents=True, exist_ok=True)
    n = workers or min(4, os.cpu_count() or 1)
    summary = run_extract([str(src)], out, workers=n, progress=False)
    for s in summary.skipped:
        print(f"skipped {s}")
    ds = load_dataset(out)
    if not quiet:
        print(f"{src} → {out}: {len(ds.articles)} articles, {len(ds.facts)} facts, {len(ds.entities)} entities "
              f"({summary.articles} processed now, {summary.unchanged} unchanged)")
    return ds


# --------------------------------------------------------------------------- tables

FACT_COLUMNS = tables.FACTS.shown_fields


def article_row(ds, article: Any = 0) -> pd.Series:
    """An article by position in ``ds.articles``, by ``article_id``, or by a piece of its title."""
    arts = ds.articles
    if isinstance(article, int):
        return arts.iloc[article]
    hit = arts[arts["article_id"] == article]
    if hit.empty:
        hit = arts[arts["title"].fillna("").str.contains(str(article), regex=False)]
    if hit.empty:
        raise KeyError(f"no article with id or title {article!r}")
    return hit.iloc[0]


def article_facts(ds, article: Any = 0) -> pd.DataFrame:
    """The facts of one article in text order, the columns an analyst reads."""
    aid = article_row(ds, article)["article_id"]
    f = ds.facts[ds.facts["article_id"] == aid].sort_values("start")
    return f[FACT_COLUMNS].reset_index(drop=True)


_YEAR = re.compile(r"(19|20)\d{2}")


def period_year(period: Any) -> float:
    """The (last) four-digit year a period names, NaN when none (今年, 全年 ...)."""
    if not isinstance(period, str):
        return float("nan")
    years = [int(m.group()) for m in _YEAR.finditer(period)]
    return float(max(years)) if years else float("nan")


def with_province(ds) -> pd.DataFrame:
    """Facts with ``province``: the fact's region if it is a province (or 全国), else the
    article's province; and ``year``: the period's year, else the article's year."""
    from policy_nlp.geo.provinces import provinces

    table = provinces()
    f = ds.facts.merge(ds.articles[["article_id", "region", "year", "title"]].rename(
        columns={"region": "article_region", "year": "article_year"}), on="article_id", how="left")

    def prov(row) -> str | None:
        for name in (row["region"], row["article_region"]):
            if isinstance(name, str):
                if name == "全国":
                    return name
                hit = table.resolve(name) or table.first_in(name)
                if hit:
                    return hit
        return None

    f["province"] = f.apply(prov, axis=1) if len(f) else pd.Series(dtype=object)
    f["fact_year"] = f["period"].map(period_year).fillna(f["article_year"])
    return f


def targets_vs_actuals(ds, both_only: bool = False) -> pd.DataFrame:
    """Province × indicator: the latest actual value next to the latest target.

    One row per (province, indicator, kind, unit); ``actual`` / ``target`` are the values
    of the latest year found for each modality, with their periods. ``both_only`` keeps
    the rows that have both.
    """
    f = with_province(ds)
    f = f[f["province"].notna() & f["indicator"].notna()]
    keys = ["province", "indicator", "kind", "unit"]
    out = None
    for modality in ("actual", "target"):
        part = f[f["modality"] == modality].sort_values(["fact_year", "start"], na_position="first")
        part = part.groupby(keys, dropna=False).tail(1)[keys + ["value", "period", "fact_year"]]
        part = part.rename(columns={"value": modality, "period": f"{modality}_period", "fact_year": f"{modality}_year"})
        out = part if out is None else out.merge(part, on=keys, how="outer")
    out = out[keys + ["actual", "actual_period", "target", "target_period"]]
    if both_only:
        out = out[out["actual"].notna() & out["target"].notna()]
    out = out.assign(_both=out["actual"].notna() & out["target"].notna())
    return out.sort_values(["_both", "province", "indicator"], ascending=[False, True, True]).drop(columns="_both").reset_index(drop=True)


def province_modality_counts(ds) -> pd.DataFrame:
    """Facts per province: how many actuals and how many targets."""
    f = with_province(ds)
    t = pd.crosstab(f["province"], f["modality"]).rename_axis(None, axis=1)
    return t.sort_values(list(t.columns)[0] if len(t.columns) else [], ascending=False) if len(t) else t


def top_initiatives(ds, n: int = 15) -> pd.DataFrame:
    """Initiatives cited in the most articles (then mentions)."""
    t = ds.initiatives.sort_values(["n_articles", "n_mentions", "canonical"], ascending=[False, False, True])
    return t[["canonical", "subtype", "n_articles", "n_mentions", "regions", "first_year"]].head(n).reset_index(drop=True)


def top_policy_docs(ds, n: int = 15) -> pd.DataFrame:
    """Policy documents cited in the most articles (then mentions)."""
    e = ds.entities[ds.entities["label"] == "POLICY_DOC"]
    if e.empty:
        return pd.DataFrame(columns=["policy_doc", "n_articles", "n_mentions"])
    t = e.groupby("canonical").agg(n_articles=("article_id", "nunique"), n_mentions=("text", "size"))
    t = t.sort_values(["n_articles", "n_mentions"], ascending=False).head(n)
    return t.rename_axis("policy_doc").reset_index()


def orgs_by_region(ds, top: int = 5) -> pd.DataFrame:
    """Per region: how many distinct organisations are mentioned, and the most mentioned ones."""
    o = ds.organisations.copy()
    o["regions"] = o["regions"].map(lambda r: list(r) if r is not None and len(r) else ["(none)"])
    o = o.explode("regions").rename(columns={"regions": "region"})
    o = o.sort_values(["n_mentions", "canonical"], ascending=[False, True])
    g = o.groupby("region")
    t = pd.DataFrame({
        "organisations": g["canonical"].nunique(),
        "mentions": g["n_mentions"].sum(),
        "most_mentioned": g["canonical"].agg(lambda s: "、".join(list(s)[:top])),
    })
    return t.sort_values("organisations", ascending=False).reset_index()


# --------------------------------------------------------------------------- training

GOLD_ENV = "POLICY_NLP_GOLD"


def training_data(path: str | Path | None = None) -> tuple[list[Path], list[Path]]:
    """(gold files, raw folders) for retraining: the raw folder is :func:`input_path`;
    gold is ``$POLICY_NLP_GOLD``, else a ``gold`` folder next to the raw one
    (``corpus/raw`` → ``corpus/gold``), else the bundled ``corpus/gold``."""
    raw = input_path(path)
    raw_dir = raw if raw.is_dir() else raw.parent
    candidates = [os.environ.get(GOLD_ENV), raw_dir.parent / "gold"]
    root = project_root()
    if root is not None:
        candidates.append(root / "corpus" / "gold")
    for c in candidates:
        if c and Path(c).is_dir() and any(Path(c).glob("*.jsonl")):
            return sorted(Path(c).glob("*.jsonl")), [raw_dir]
    raise FileNotFoundError(f"no gold folder for {raw_dir}; set {GOLD_ENV}=FOLDER")


def entity_scores(gold_files, raw_dir, nlp=None) -> pd.DataFrame:
    """End-to-end entity scores (p, r, f1 per label and micro) of a pipeline on the
    gold files' sources, as ``policy-nlp evaluate --raw`` computes them."""
    from policy_nlp.evaluate_raw import score_raw

    res, _records, _missing = score_raw(gold_files, raw_dir, nlp)
    rows = {label: v for label, v in res["entities"].items()}
    rows["micro"] = res["entities_micro"]
    return pd.DataFrame(rows).T[["p", "r", "f1", "tp", "pred", "gold"]]


def scores_frame(result: Any) -> pd.DataFrame:
    """Scores in whatever shape an evaluation returns them (DataFrame, ``{label: {p, r,
    f1}}``, ``{"entities": {...}, "entities_micro": {...}}``, flat ``{metric: value}``)
    as a DataFrame with one row per label."""
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, pd.Series):
        return result.to_frame("value")
    if isinstance(result, dict):
        if "entities" in result and isinstance(result["entities"], dict):
            rows = dict(result["entities"])
            if isinstance(result.get("entities_micro"), dict):
                rows["micro"] = result["entities_micro"]
            return pd.DataFrame(rows).T
        if result and all(isinstance(v, dict) for v in result.values()):
            return pd.DataFrame(result).T
        return pd.Series(result).to_frame("value")
    if hasattr(result, "_asdict"):
        return scores_frame(result._asdict())
    if hasattr(result, "__dict__"):
        return scores_frame(vars(result))
    raise TypeError(f"cannot read scores from {type(result).__name__}")


def compare_scores(before: Any, after: Any, metric: str = "f1") -> pd.DataFrame:
    """``metric`` before and after, side by side, with the change."""
    b, a = scores_frame(before), scores_frame(after)
    col = metric if metric in b.columns else b.columns[0]
    out = pd.DataFrame({"before": pd.to_numeric(b[col], errors="coerce"), "after": pd.to_numeric(a[col], errors="coerce")})
    out["change"] = out["after"] - out["before"]
    return out.round(4)


def model_config(model_path: str | Path) -> str:
    """A config file's text that puts the model at ``model_path`` into the pipeline
    (``policy-nlp extract --config FILE``)."""
    return f'[components]\n\n[components.policy_entities]\nmodel_path = "{Path(model_path).resolve().as_posix()}"\n'


def pipeline_with_model(model_path: str | Path):
    """The pipeline with the entity classifier saved at ``model_path``
    (``components.policy_entities.model_path`` in the config)."""
    import tempfile

    from policy_nlp.pipeline import load

    with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False, encoding="utf-8") as fh:
        fh.write(model_config(model_path))
    try:
        return load(fh.name)
    finally:
        os.unlink(fh.name)


# --------------------------------------------------------------------------- plots

_CJK_CANDIDATES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC",
                   "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC",
                   "Heiti SC", "AR PL UMing CN", "Droid Sans Fallback"]


def cjk_font(quiet: bool = False) -> str | None:
    """Make matplotlib draw Chinese: pick an installed CJK font and set it as the default.

    Returns the font name, or None (with a warning) when no CJK font is installed: plots
    still draw, with empty boxes for Chinese characters (install ``fonts-noto-cjk`` on
    Debian/Ubuntu to fix that).
    """
    import matplotlib
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for cand in _CJK_CANDIDATES:
        if cand in names:
            matplotlib.rcParams["font.sans-serif"] = [cand, *matplotlib.rcParams["font.sans-serif"]]
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["axes.unicode_minus"] = False
            return cand
    # not in matplotlib's cache: maybe installed after it was built
    for path in font_manager.findSystemFonts():
        if "cjk" in path.lower() or "wqy" in path.lower():
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
            name = font_manager.FontProperties(fname=path).get_name()
            matplotlib.rcParams["font.sans-serif"] = [name, *matplotlib.rcParams["font.sans-serif"]]
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["axes.unicode_minus"] = False
            return name
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    if not quiet:
        warnings.warn("no CJK font found: Chinese labels will show as boxes (install fonts-noto-cjk)", stacklevel=2)
    return None


def plot_facts_by_province(ds, ax=None, top: int = 12):
    """Bar chart: facts per province, actuals and targets stacked."""
    import matplotlib.pyplot as plt

    t = province_modality_counts(ds)
    for col in ("actual", "target"):
        if col not in t.columns:
            t[col] = 0
    t = t.assign(_n=t["actual"] + t["target"]).sort_values("_n", ascending=True).tail(top)
    ax = ax or plt.subplots(figsize=(7, 0.45 * len(t) + 1.2))[1]
    ax.barh(t.index, t["actual"], color="#1f77b4", label="actual (已完成)")
    ax.barh(t.index, t["target"], left=t["actual"], color="#ff9f1c", label="target (目标)")
    ax.set_xlabel("numeric facts")
    ax.set_title("Facts per province: actuals vs. targets")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_top_initiatives(ds, ax=None, n: int = 12):
    """Bar chart: the initiatives named in the most articles, coloured by subtype."""
    import matplotlib.pyplot as plt

    t = top_initiatives(ds, n).iloc[::-1]
    colours = {"slogan": "#e76f51", "programme": "#2a9d8f", "project": "#264653", "infrastructure": "#e9c46a"}
    ax = ax or plt.subplots(figsize=(7, 0.42 * max(len(t), 1) + 1.2))[1]
    ax.barh(t["canonical"], t["n_articles"], color=[colours.get(s, "#999999") for s in t["subtype"]])
    for y, (a, m) in enumerate(zip(t["n_articles"], t["n_mentions"])):
        ax.text(a, y, f"  {m} mentions", va="center", fontsize=8, color="#555")
    ax.set_xlabel("articles citing it")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Most cited initiatives")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
    ax.legend(handles, list(colours), loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_growth_targets(ds, ax=None, top: int = 15):
    """Dot plot: growth rates (%) per province and indicator, actual (●) vs. target (◆)."""
    import matplotlib.pyplot as plt

    t = targets_vs_actuals(ds)
    t = t[(t["kind"] == "growth") & (t["unit"] == "%")].head(top)
    ax = ax or plt.subplots(figsize=(7, 0.4 * max(len(t), 1) + 1.2))[1]
    labels = [f"{p} · {i}" for p, i in zip(t["province"], t["indicator"])]
    ys = range(len(t))
    ax.scatter(t["actual"], ys, marker="o", color="#1f77b4", label="actual", zorder=3)
    ax.scatter(t["target"], ys, marker="D", color="#ff9f1c", label="target", zorder=3)
    ax.set_yticks(list(ys), labels)
    ax.invert_yaxis()
    ax.set_xlabel("growth, %")
    ax.set_title("Growth rates: latest actual vs. target")
    ax.grid(axis="x", alpha=.3)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
