"""The ``policy-nlp`` command line.

Exit status: 0 when everything was processed, 3 when some input was skipped (each is
reported with its path and reason), 2 for a usage error, 128 + the signal (130, 143) when
a run was interrupted by Ctrl-C or SIGTERM (the same command resumes it).
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese government and policy articles into a structured dataset.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True)
out = Console()

EXIT_SKIPPED = 3
EXIT_USAGE = 2


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    from rich.markup import escape

    # soft_wrap: a long path stays on one line, so the message can be grepped and copied
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl; folders are searched recursively).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Dataset folder (created if missing; re-runs add only new or changed articles).")],
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, help="Worker processes (0 = all cores).")] = 0,
    config: Annotated[Optional[Path], typer.Option(help="A spaCy config file overriding the pipeline's defaults.")] = None,
    user_dict: Annotated[Optional[list[Path]], typer.Option("--user-dict", help="Extra jieba user dictionary (word [freq] [tag] per line); repeatable.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
    flush_every: Annotated[int, typer.Option("--flush-every", min=1, help="Documents per batch (fewer when long): a worker splits and annotates them and writes their rows to disk as one part; a killed run loses at most the batches in flight (one per worker).")] = 64,
    engine: Annotated[str, typer.Option("--engine", help="local: a process pool on this machine; dask: a Dask cluster (needs the dask extra).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="With --engine dask: the scheduler address (tcp://HOST:8786); none starts a local cluster.")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1000, help="Longest article (characters) processed; longer ones are reported and skipped.")] = 1_000_000,
    entity_model: Annotated[Optional[Path], typer.Option("--entity-model", help="An entity classifier from `policy-nlp train` (.skops), or `default` for the model shipped with policy-nlp; without it the rules decide.")] = None,
) -> None:
    """Extract facts and entities from articles into the dataset at OUTPUT."""
    from policy_nlp.dataset import DatasetLockedError
    from policy_nlp.engine import run_extract

    entity_model = _model_path(entity_model)
    for p in [*(user_dict or []), *([config] if config else []), *([entity_model] if entity_model else [])]:
        if not p.is_file():
            _fail(f"{p}: no such file")
    if entity_model:
        _check_model(entity_model)
    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask, not {engine!r}")
    if scheduler and engine != "dask":
        _fail("--scheduler goes with --engine dask")
    n_workers = workers or (os.cpu_count() or 1)
    _log_notices()
    try:
        summary = run_extract(
            [str(p) for p in inputs], output, workers=n_workers,
            config=str(config) if config else None,
            user_dicts=[str(p) for p in user_dict or []],
            entity_model=str(entity_model) if entity_model else None,
            batch_size=flush_every,
            max_chars=max_chars,
            engine=engine,
            scheduler=scheduler,
            progress=not quiet and sys.stderr.isatty(),
        )
    except (DatasetLockedError, RuntimeError) as exc:
        _fail(str(exc))
    for s in summary.skipped:
        err.print(f"[yellow]skipped[/] {s}", highlight=False, soft_wrap=True)
    if summary.interrupted and summary.committed:
        err.print(f"[yellow]interrupted[/] ({summary.interrupted}) while committing: the commit was finished first, "
                  f"the dataset in {output} is complete", highlight=False, soft_wrap=True)
    elif summary.interrupted:
        err.print(f"[yellow]interrupted[/] ({summary.interrupted}): {summary.articles} articles finished in this run are "
                  f"kept in {output}/_pending; run the same command again to resume", highlight=False, soft_wrap=True)
        raise typer.Exit(summary.exit_code)
    if not quiet:
        t = Table(title=f"policy-nlp extract → {output}", show_header=False)
        rate = summary.chars / summary.seconds if summary.seconds else 0.0
        for k, v in [
            ("input files", summary.files),
            ("articles processed", summary.articles),
            ("articles unchanged (already in the dataset)", summary.unchanged),
            ("sentences", summary.sentences),
            ("facts", summary.facts),
            ("entities", summary.entities),
            ("skipped inputs", len(summary.skipped)),
            ("time", f"{summary.seconds:.2f} s ({rate:,.0f} chars/s)"),
        ]:
            t.add_row(k, str(v))
        out.print(t)
    raise typer.Exit(summary.exit_code)


class ExportFormat(str, Enum):
    gold = "gold"
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


@app.command()
def export(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder written by extract.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="gold: the annotation format, to standard output; csv/parquet/jsonl: tables to -o.")] = ExportFormat.gold,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Folder (all tables) or file (with --table).")] = None,
    table: Annotated[Optional[list[str]], typer.Option("--table", "-t", help="Only these tables (repeatable).")] = None,
) -> None:
    """Export a dataset: the gold format for evaluation, or the tables as files."""
    from policy_nlp.dataset import TABLES, load_dataset
    from policy_nlp.dataset.export import export_tables, write_gold

    ds = _open_dataset(dataset)
    if format is ExportFormat.gold:
        write_gold(ds, sys.stdout)
        return
    if output is None:
        _fail(f"--format {format.value} needs -o PATH")
    unknown = [t for t in table or [] if t not in TABLES]
    if unknown:
        _fail(f"unknown table(s) {', '.join(unknown)}; tables are {', '.join(TABLES)}")
    for p in export_tables(ds, format.value, output, table or None):
        err.print(f"wrote {p}")


def _log_notices() -> None:
    """Print the library's notices (a run taking over from a killed one) on standard error."""
    import logging

    log = logging.getLogger("policy_nlp")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)  # one line per notice, never wrapped
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def _open_dataset(path: Path):
    from policy_nlp.dataset import load_dataset

    try:
        return load_dataset(path)
    except FileNotFoundError as exc:
        _fail(str(exc))


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Option("--gold", "-g", help="Gold files (JSON Lines) or folders of them; repeatable.")],
    pred: Annotated[Optional[Path], typer.Option("--pred", help="Predictions in the gold format (from `export --format gold`).")] = None,
    raw: Annotated[Optional[list[Path]], typer.Option("--raw", help="Where the gold files' sources are, to run the pipeline on them: a folder of raw articles (source = file name) or a JSON Lines file (source = record id); repeatable.")] = None,
    ranges: Annotated[Optional[Path], typer.Option("--ranges", help="TSV with id, start, end columns: the character range of each JSON Lines record that was annotated (e.g. corpus/annotations/MANIFEST.tsv).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
    save_pred: Annotated[Optional[Path], typer.Option("--save-pred", help="With --raw: also write the predictions here.")] = None,
    entity_model: Annotated[Optional[Path], typer.Option("--entity-model", help="With --raw: decide entities with this classifier (scores on its own training files are not held out: use `evaluate-model`).")] = None,
) -> None:
    """Score predictions against gold as the annotation guidelines define it."""
    from policy_nlp.evaluate import format_report, score_files

    entity_model = _model_path(entity_model)
    gold_files = _gold_files(gold)
    if (pred is None) == (not raw):
        _fail("give exactly one of --pred PRED.jsonl or --raw RAW (a folder or a JSON Lines file)")
    try:
        if pred is not None:
            if not pred.is_file():
                _fail(f"{pred}: no such file")
            res = score_files(gold_files, pred)
        else:
            from policy_nlp.evaluate_raw import score_raw

            nlp = None
            if entity_model:
                from policy_nlp.pipeline import load

                nlp = _with_model(entity_model, lambda: load(entity_model=entity_model))
            res, records, missing = score_raw(gold_files, _raw_sources(raw, []), nlp, _ranges(ranges))
            for m in missing:
                err.print(f"[yellow]warning[/] {m}")
            if save_pred:
                with open(save_pred, "w", encoding="utf-8") as fh:
                    for r in records:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    except ValueError as exc:
        _fail(str(exc))
    out.print(json.dumps(res, ensure_ascii=False) if json_out else format_report(res), highlight=False, soft_wrap=True)


def _model_path(path: Path | None) -> Path | None:
    """``default`` names the model shipped with the package."""
    from policy_nlp.entities.persistence import resolve_model_path

    return None if path is None else resolve_model_path(path)


def _with_model(path: Path, use):
    """``use()`` (which loads the model at ``path``), or a clear usage error naming the file."""
    from policy_nlp.entities.persistence import UntrustedModelError

    if not path.is_file():
        _fail(f"{path}: no such file")
    try:
        return use()
    except (UntrustedModelError, ValueError, OSError) as exc:
        _fail(f"{path}: {exc}")
    except Exception as exc:  # noqa: BLE001 - a corrupt zip, a foreign file: say which and why
        _fail(f"{path}: not a readable entity model ({type(exc).__name__}: {exc})")


def _check_model(path: Path) -> None:
    """Refuse an unsafe or unreadable model in this process, before any worker starts
    (a worker would otherwise report the same failure for every article)."""
    from policy_nlp.entities.persistence import load

    _with_model(path, lambda: load(path))


@app.command()
def train(
    gold: Annotated[list[Path], typer.Option("--gold", "-g", help="Gold files (JSON Lines, the annotation format) or folders of them; repeatable.")],
    raw: Annotated[Optional[list[Path]], typer.Option("--raw", help="Folders or JSON Lines files holding the gold files' sources; repeatable (default: the raw/ and samples/ folders beside each gold folder).")] = None,
    ranges: Annotated[Optional[Path], typer.Option("--ranges", help="TSV with id, start, end columns: the character range of each JSON Lines record that was annotated (e.g. corpus/annotations/MANIFEST.tsv).")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Model file (.skops added if missing); the model card goes beside it.")] = Path("models/entity-classifier.skops"),
    folds: Annotated[int, typer.Option("--folds", min=0, help="Cross-validation folds for the model card (0: none).")] = 5,
    cv_gold: Annotated[Optional[list[Path]], typer.Option("--cv-gold", help="Files whose held-out scores go on the card (default: all --gold files).")] = None,
) -> None:
    """Train the entity classifier on gold annotations and save it with a model card."""
    from policy_nlp.training import default_raw_dirs, format_cv, train_and_save

    files = _gold_files(gold)
    cv_files = _gold_files(cv_gold) if cv_gold else files
    sources = _raw_sources(raw, default_raw_dirs(files))
    try:
        path, card = train_and_save(files, sources, output, cv_gold=cv_files, folds=folds, ranges=_ranges(ranges))
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    out.print(f"saved {path} ({card['training_seconds']} s, {card['training_examples']} candidates "
              f"from {card['training_articles']} articles); card: {path.with_suffix('.md')}", highlight=False)
    if "cross_validation" in card:
        out.print(format_cv(card["cross_validation"]), highlight=False)


@app.command("evaluate-model")
def evaluate_model(
    gold: Annotated[list[Path], typer.Option("--gold", "-g", help="Gold files scored in cross-validation; repeatable.")],
    extra: Annotated[Optional[list[Path]], typer.Option("--extra", help="More gold files, added to every training fold and never scored.")] = None,
    raw: Annotated[Optional[list[Path]], typer.Option("--raw", help="Folders or JSON Lines files holding the gold files' sources; repeatable (default: the raw/ and samples/ folders beside each gold folder).")] = None,
    ranges: Annotated[Optional[Path], typer.Option("--ranges", help="TSV with id, start, end columns: the character range of each JSON Lines record that was annotated (e.g. corpus/annotations/MANIFEST.tsv).")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Folds; articles stay whole (grouped by source file).")] = 5,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """Cross-validated entity P/R/F1 per label, the classifier beside the rules alone."""
    from policy_nlp.training import cross_validate, default_raw_dirs, format_cv

    files = _gold_files(gold)
    extra_files = _gold_files(extra) if extra else []
    try:
        rep = cross_validate(files, _raw_sources(raw, default_raw_dirs(files + extra_files)), folds=folds,
                             extra_train=extra_files, ranges=_ranges(ranges))
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    if json_out:
        out.print(json.dumps({k: rep[k] for k in ("entities", "entities_micro", "rules", "folds", "n_folds")},
                             ensure_ascii=False), highlight=False, soft_wrap=True)
    else:
        out.print(format_cv(rep), highlight=False)


def _raw_sources(given: list[Path] | None, default: list[Path]) -> list[Path]:
    """Folders of raw articles or JSON Lines files of records, checked."""
    paths = given or [d for d in default if d.is_dir()]
    for p in paths:
        if not (p.is_dir() or (p.is_file() and p.suffix == ".jsonl")):
            _fail(f"{p}: not a folder of raw articles nor a JSON Lines file")
    if not paths:
        _fail("no folder of raw articles: give --raw")
    return paths


def _ranges(path: Path | None) -> Path | None:
    if path is not None and not path.is_file():
        _fail(f"{path}: no such file")
    return path


def _gold_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(p.glob("*.jsonl"))
        elif p.is_file():
            files.append(p)
        else:
            _fail(f"{p}: no such file or folder")
    if not files:
        _fail("no gold files found")
    return files


@app.command()
def sql(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder.")],
    query: Annotated[str, typer.Argument(help="SQL; tables are views named articles, sentences, facts, entities, initiatives, organisations.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    limit: Annotated[int, typer.Option(help="Rows shown in table format.")] = 50,
) -> None:
    """Query a dataset with DuckDB."""
    import duckdb

    from policy_nlp.dataset.query import connect

    _open_dataset(dataset)
    try:
        with connect(dataset) as con:
            df = con.execute(query).df()
    except duckdb.Error as exc:
        _fail(f"query failed: {exc}")
    if format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif format == "json":
        sys.stdout.write(df.to_json(orient="records", lines=True, force_ascii=False))
    else:
        t = Table(*[str(c) for c in df.columns])
        for row in df.head(limit).itertuples(index=False):
            t.add_row(*[_cell(v) for v in row])
        wide = out if out.is_terminal else Console(width=max(out.width, 200))
        wide.print(t)
        if len(df) > limit:
            out.print(f"… {len(df) - limit} more rows (use --limit or --format csv)")


@app.command()
def report(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder written by extract.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
    title: Annotated[Optional[str], typer.Option(help="Page title.")] = None,
) -> None:
    """Write one self-contained HTML page to review a dataset: every fact and entity highlighted."""
    import time

    from policy_nlp.report import build_report

    _open_dataset(dataset)
    t0 = time.perf_counter()
    path = build_report(dataset, output, title=title)
    err.print(f"wrote {path} in {time.perf_counter() - t0:.1f} s")


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="One article file (.txt .md .html .jsonl).")],
    context: Annotated[int, typer.Option(help="Characters of the sentence shown around each span.")] = 40,
) -> None:
    """Print one file's facts and entities as tables, with the sentence each came from."""
    from policy_nlp.report.terminal import show_file

    try:
        show_file(file, out, context=context)
    except ValueError as exc:
        _fail(str(exc), EXIT_SKIPPED)


def _cell(v) -> str:
    """A value as shown in a table: missing values blank, floats without noise."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        return f"{v:.0f}" if v.is_integer() and abs(v) < 1e15 else f"{v:g}"
    return str(v)


def main() -> None:
    """Console-script entry point; usage errors exit with status 2."""
    app(prog_name="policy-nlp")


if __name__ == "__main__":
    main()
