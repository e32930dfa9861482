"""`transcheck cache info|clear`: the persistent cache of embeddings and checked pairs."""

from __future__ import annotations

import typer

from checker.cli.app import new_app, reports_errors

app = new_app("cache", "Show or clear the persistent cache of embeddings and checked pairs.")


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


@app.command()
@reports_errors
def info() -> None:
    """Where the cache is, how many sentences and checked pairs it holds, for which encoders, and its bound."""
    from checker.embed_cache import EmbeddingCache

    i = EmbeddingCache().info()
    typer.echo(f"path      {i.path}")
    if not i.exists:
        typer.echo("entries   0 (no cache yet)")
    elif i.problem:
        typer.echo(f"problem   {i.problem} (it is rebuilt on the next check)")
    else:
        typer.echo(f"entries   {i.entries:,}")
        typer.echo(f"vectors   {_size(i.vector_bytes)}")
        typer.echo(f"checked   {i.reports:,} {'pair' if i.reports == 1 else 'pairs'} kept, {_size(i.report_bytes)}")
        typer.echo(f"size      {_size(i.vector_bytes + i.report_bytes)} of at most {_size(i.max_bytes)}")
        typer.echo(f"on disk   {_size(i.file_bytes)}")
        for signature, (n, size) in i.encoders.items():
            typer.echo(f"encoder   {signature}: {n:,} sentences, {_size(size)}")


@app.command()
@reports_errors
def clear() -> None:
    """Delete the cache; the next check embeds and checks everything again."""
    from checker.embed_cache import EmbeddingCache

    cache = EmbeddingCache()
    before = cache.clear()
    if before.exists:
        typer.echo(
            f"transcheck: removed {before.path} ({before.entries:,} sentences,"
            f" {before.reports:,} checked {'pair' if before.reports == 1 else 'pairs'}, {_size(before.file_bytes)})"
        )
    else:
        typer.echo(f"transcheck: no cache at {before.path}")
