"""The ``policy-nlp`` command line.

Exit status: 0 when everything was processed, 3 when some input was skipped (each is
reported with its path and reason), 2 for a usage error.
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
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .htm .jsonl; folders are searched recursively).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Dataset folder (created if missing; re-runs add only new or changed articles).")],
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, help="Worker processes (0 = all cores).")] = 0,
    config: Annotated[Optional[Path], typer.Option(help="A spaCy config file overriding the pipeline's defaults.")] = None,
    user_dict: Annotated[Optional[list[Path]], typer.Option("--user-dict", help="Extra jieba user dictionary (word [freq] [tag] per line); repeatable.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
    flush_every: Annotated[int, typer.Option("--flush-every", min=1, help="Articles per batch written to disk; a killed run loses at most this many.")] = 200,
    engine: Annotated[str, typer.Option("--engine", help="local: a process pool on this machine; dask: a Dask cluster (needs the dask extra).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="With --engine dask: the scheduler address (tcp://HOST:8786); none starts a local cluster.")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1000, help="Longest article (characters) processed; longer ones are reported and skipped.")] = 1_000_000,
) -> None:
    """Extract facts and entities from articles into the dataset at OUTPUT."""
    from policy_nlp.dataset import DatasetLockedError
    from policy_nlp.engine import run_extract

    for p in [*(user_dict or []), *([config] if config else [])]:
        if not p.is_file():
            _fail(f"{p}: no such file")
    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask, not {engine!r}")
    if scheduler and engine != "dask":
        _fail("--scheduler goes with --engine dask")
    n_workers = workers or (os.cpu_count() or 1)
    try:
        summary = run_extract(
            [str(p) for p in inputs], output, workers=n_workers,
            config=str(config) if config else None,
            user_dicts=[str(p) for p in user_dict or []],
            commit_every=flush_every,
            max_chars=max_chars,
            engine=engine,
            scheduler=scheduler,
            progress=not quiet and sys.stderr.isatty(),
        )
    except (DatasetLockedError, RuntimeError) as exc:
        _fail(str(exc))
    for s in summary.skipped:
        err.print(f"[yellow]skipped[/] {s}", highlight=False)
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
    raw: Annotated[Optional[Path], typer.Option("--raw", help="Folder of raw articles: run the pipeline on the gold files' sources.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
    save_pred: Annotated[Optional[Path], typer.Option("--save-pred", help="With --raw: also write the predictions here.")] = None,
) -> None:
    """Score predictions against gold as the annotation guidelines define it."""
    from policy_nlp.evaluate import format_report, read_gold_format, score_annotations, score_files

    gold_files = _gold_files(gold)
    if (pred is None) == (raw is None):
        _fail("give exactly one of --pred PRED.jsonl or --raw RAWDIR")
    try:
        if pred is not None:
            if not pred.is_file():
                _fail(f"{pred}: no such file")
            res = score_files(gold_files, pred)
        else:
            from policy_nlp.evaluate_raw import predict_sources

            g = read_gold_format(gold_files)
            records, missing = predict_sources(raw, sorted(g))
            for m in missing:
                err.print(f"[yellow]warning[/] {m}")
            if save_pred:
                with open(save_pred, "w", encoding="utf-8") as fh:
                    for r in records:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            from policy_nlp.evaluate import SourceAnnotations, add_article
            from collections import defaultdict

            p: dict = defaultdict(SourceAnnotations)
            for r in records:
                add_article(p, r)
            res = score_annotations(g, p)
    except ValueError as exc:
        _fail(str(exc))
    out.print(json.dumps(res, ensure_ascii=False) if json_out else format_report(res), highlight=False, soft_wrap=True)


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
