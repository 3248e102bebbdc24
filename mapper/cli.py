"""Command line: `mapper geoparse`, `mapper gazetteer build`, and (later) export and gui.

Every failure the user can cause prints one line on stderr and exits non-zero; no tracebacks.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import __version__
from .core.errors import MapperError

EXIT_USAGE = 2
EXIT_ERROR = 1


def _stderr_progress(label: str):
    last = [0.0]
    interactive = sys.stderr.isatty()

    def report(fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - last[0] < 0.5:
            return
        last[0] = now
        line = f"{label}: {fraction * 100:3.0f}% {message}"
        if interactive:
            print(f"\r{line:<70}", end="" if fraction < 1.0 else "\n", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)
    return report


def _pipeline(args: argparse.Namespace):
    from .core.pipeline import Pipeline
    online = None
    if getattr(args, "online", False):
        from .core.geocoders import OnlineLookup
        online = OnlineLookup(timeout=args.timeout)
    return Pipeline(online=online, progress=_stderr_progress("Building the gazetteer (first run only)"))


def cmd_geoparse(args: argparse.Namespace) -> int:
    from .core.articles import load_article
    if args.jsonl:
        return _geoparse_jsonl(args)
    if not args.article:
        raise MapperError("give an ARTICLE file, or --jsonl IN.jsonl --out OUT.jsonl")
    article = load_article(args.article, published=args.published)
    result = _pipeline(args).run(article)
    for w in result.warnings:
        print(f"mapper: warning: {w}", file=sys.stderr)
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _geoparse_jsonl(args: argparse.Namespace) -> int:
    from .core.articles import article_from_text
    from .core.errors import ArticleError
    if not args.out:
        raise MapperError("--jsonl needs --out OUT.jsonl")
    src = Path(args.jsonl)
    if not src.is_file():
        raise MapperError(f"{src}: no such file")
    pipeline = _pipeline(args)
    out_path = Path(args.out)
    tmp = out_path.with_name(out_path.name + ".part")
    count = 0
    started = time.perf_counter()
    with open(src, encoding="utf-8") as fin, open(tmp, "w", encoding="utf-8") as fout:
        for lineno, line in enumerate(fin, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc_id, text = str(record["id"]), record["text"]
            except (ValueError, KeyError, TypeError):
                print(f"mapper: warning: {src}:{lineno}: not a {{\"id\", \"text\"}} line, skipped", file=sys.stderr)
                continue
            places = []
            try:
                result = pipeline.run(article_from_text(text, published=record.get("published")))
                places = [{"start": m.start, "end": m.end, "name": p.name, "text": m.text, "lat": p.lat,
                           "lon": p.lon, "kind": p.kind, "country": p.country}
                          for p in result.places for m in p.mentions]
                places.sort(key=lambda d: d["start"])
            except ArticleError:
                pass  # an empty text has no places
            fout.write(json.dumps({"id": doc_id, "places": places}, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(out_path)
    elapsed = time.perf_counter() - started
    print(f"mapper: {count} articles in {elapsed:.1f} s ({count / max(elapsed, 1e-9):.0f}/s) -> {out_path}",
          file=sys.stderr)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from .core import gazetteer
    path = Path(args.path) if args.path else gazetteer.default_path()
    if args.action == "build":
        started = time.perf_counter()
        gazetteer.build(path, progress=_stderr_progress("Building the gazetteer"))
        print(f"gazetteer built at {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    gz = gazetteer.Gazetteer(path, build_if_needed=args.action != "info")
    info = {"path": str(gz.path), "fingerprint": gazetteer.source_fingerprint(), **gz.stats()}
    print(json.dumps(info, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mapper", description="Map the places, events and memorial facts in news articles.")
    parser.add_argument("--version", action="version", version=f"mapper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    g = sub.add_parser("geoparse", help="print the places, events, facts and claims of an article as JSON")
    g.add_argument("article", nargs="?", help="a .txt, .md or .html article")
    g.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides the sidecar)")
    g.add_argument("--online", action="store_true", help="also ask Nominatim (OpenStreetMap) for unknown names")
    g.add_argument("--timeout", type=float, default=5.0, help="online geocoder timeout in seconds (default 5)")
    g.add_argument("--jsonl", metavar="IN.jsonl", help='batch mode: lines of {"id","text"}')
    g.add_argument("--out", metavar="OUT.jsonl", help="batch output (with --jsonl)")
    g.add_argument("--pretty", action="store_true", help="indent the JSON")
    g.set_defaults(func=cmd_geoparse)

    z = sub.add_parser("gazetteer", help="build or describe the offline gazetteer")
    z.add_argument("action", choices=["build", "info", "ensure"])
    z.add_argument("--path", help="where the SQLite file goes (default: the user cache folder)")
    z.set_defaults(func=cmd_gazetteer)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except MapperError as err:
        print(f"mapper: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mapper: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
