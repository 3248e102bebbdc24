"""Command line: `mapper geoparse`, `mapper gazetteer build`, `mapper export`, `mapper corrections`,
`mapper rules`, `mapper collection`, `mapper batch` and `mapper gui`. geoparse and export apply the user's
corrections unless --no-corrections.

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
NO_CORRECTIONS_HELP = "ignore the corrections made in the desktop app (they apply by default)"
RULES_HELP = ("switch recognition rules off by name, comma-separated: --rules -person_title,-common_word "
              "(see: mapper rules)")
EXPLAIN_HELP = ("add the reasons to the JSON: each place's recognition rules (also in --jsonl rows), and the "
                "names the rules dropped")
NER_HELP = ("place recogniser. By default: the offline rules, and for Russian articles natasha's NER "
            "when it is installed (the langs extra). gazetteer: the offline rules in every language; "
            "natasha: natasha for Russian articles; spacy:MODEL: a spaCy pipeline you have installed "
            "(such as spacy:en_core_web_sm)")


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


def _user_corrections(args: argparse.Namespace):
    """The user's corrections (the GUI's user gazetteer), unless --no-corrections. A missing
    file means none (it is not created); a damaged or locked one gives one warning line and
    the run goes on without them."""
    if getattr(args, "no_corrections", False):
        return None
    from .core import corrections
    path = corrections.default_path()
    if not path.is_file():
        return None
    try:
        user = corrections.UserGazetteer(path, timeout=1.0)
    except MapperError as err:
        print(f"mapper: warning: {err}; going on without your corrections", file=sys.stderr)
        return None
    if user.set_aside is not None:
        print(f"mapper: warning: the user gazetteer {path} was damaged and is kept as {user.set_aside.name}; "
              "going on without your corrections", file=sys.stderr)
        user.close()
        return None
    try:
        user.rules()
    except MapperError as err:
        print(f"mapper: warning: {err}; going on without your corrections", file=sys.stderr)
        user.close()
        return None
    return user


def _recogniser(args: argparse.Namespace, gazetteer):
    """The recogniser --ner names, with the rules --rules switches off (checked first, so that
    a misspelt rule fails before any work)."""
    from .core.ner import make_recogniser
    from .core.recognition_rules import parse_switches
    from .core.recognize import Recogniser
    disabled = parse_switches(args.rules) if getattr(args, "rules", None) else frozenset()
    recogniser = make_recogniser(args.ner, gazetteer)
    if not disabled:
        return recogniser
    if not isinstance(recogniser, Recogniser):
        raise MapperError("--rules switches the gazetteer recogniser's rules; it cannot be used with --ner spacy")
    # the same kind of recogniser ("gazetteer" keeps Russian on its rules), without those rules
    return type(recogniser)(gazetteer, disabled_rules=disabled)


def _pipeline(args: argparse.Namespace):
    from .core.gazetteer import Gazetteer
    from .core.pipeline import Pipeline
    if getattr(args, "rules", None):
        from .core.recognition_rules import parse_switches
        parse_switches(args.rules)  # a misspelt rule fails before the gazetteer opens
    online = None
    if getattr(args, "online", False):
        from .core.geocoders import OnlineLookup
        online = OnlineLookup(timeout=args.timeout)
    user = _user_corrections(args)
    gazetteer = Gazetteer(progress=_stderr_progress("Building the gazetteer (first run only)"))
    return Pipeline(gazetteer, online=online, user=user, recogniser=_recogniser(args, gazetteer),
                    explain=getattr(args, "explain", False), language=getattr(args, "lang", None) or "auto")


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


def _mention_rows(pipeline, text: str, published: str | None) -> list[dict]:
    """One row per mention, in text order: the format of ../shared/tools/geoscore.py."""
    from .core.articles import article_from_text
    from .core.errors import ArticleError
    try:
        result = pipeline.run(article_from_text(text, published=published))
    except ArticleError:
        return []  # an empty text has no places
    rows = [{"start": m.start, "end": m.end, "name": p.name, "text": m.text, "lat": p.lat, "lon": p.lon,
             "kind": p.kind, "country": p.country, "confidence": round(p.confidence, 3),
             **({"rules": list(p.rules), "ranking": list(p.ranking)} if result.explain else {})}
            for p in result.places for m in p.mentions]
    return sorted(rows, key=lambda d: d["start"])


def _geoparse_jsonl(args: argparse.Namespace) -> int:
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
    try:  # the output appears whole or not at all
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
                places = _mention_rows(pipeline, text, record.get("published"))
                fout.write(json.dumps({"id": doc_id, "places": places}, ensure_ascii=False) + "\n")
                count += 1
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    elapsed = time.perf_counter() - started
    print(f"mapper: {count} articles in {elapsed:.1f} s ({count / max(elapsed, 1e-9):.0f}/s) -> {out_path}",
          file=sys.stderr)
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    """The recognition rules, in the order they run: name, verdict, description, example."""
    from .core.recognition_rules import describe
    print(describe())
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


def cmd_export(args: argparse.Namespace) -> int:
    """Export an article's map and data: HTML, PNG, PDF, GeoJSON, CSV, KML (atomic writes)."""
    from .core.articles import load_article
    outputs = {k: getattr(args, k) for k in ("html", "png", "pdf", "report", "geojson", "csv", "kml")}
    if not any(outputs.values()):
        raise MapperError("nothing to export: give at least one of --html, --png, --pdf, --report, --geojson, "
                          "--csv, --kml")
    view = None
    if args.view:
        from .render.mapbuild import parse_view
        view = parse_view(args.view)  # fails fast, with what is wrong
    if args.width < 200 or args.height < 150:
        raise MapperError("--width must be at least 200 and --height at least 150")
    if not 0.5 <= args.scale <= 4:
        raise MapperError("--scale must be between 0.5 and 4")
    for key, value in outputs.items():
        if value and not Path(value).resolve().parent.is_dir():
            raise MapperError(f"--{key} {value}: the folder does not exist")
    if args.tiles:
        from .render.mapbuild import tile_spec
        tile_spec(args.tiles)  # fail fast on an unknown provider
    article = load_article(args.article, published=args.published)
    result = _pipeline(args).run(article)
    for w in result.warnings:
        print(f"mapper: warning: {w}", file=sys.stderr)
    from .render import exporters
    written = []
    if outputs["geojson"]:
        exporters.write_geojson(result, outputs["geojson"])
        written.append(outputs["geojson"])
    if outputs["csv"]:
        exporters.write_csv(result, outputs["csv"])
        written.append(outputs["csv"])
    if outputs["kml"]:
        exporters.write_kml(result, outputs["kml"])
        written.append(outputs["kml"])
    if outputs["html"]:
        exporters.write_html(result, outputs["html"], tiles=args.tiles)
        written.append(outputs["html"])
    if outputs["png"] or outputs["pdf"]:
        # as the app exports them: export mode (no zoom buttons or layer panel, a compact
        # legend), at --view or the fitted view
        from .render.webrender import render_view
        done = render_view(result, view=view, png=outputs["png"], pdf=outputs["pdf"], width=args.width,
                           height=args.height, scale=args.scale, tiles=args.tiles, offline=not args.tiles)
        written += [v for v in (outputs["png"], outputs["pdf"]) if v]
        if done.log.blocked:
            print(f"mapper: warning: {len(done.log.blocked)} network requests were blocked", file=sys.stderr)
    if outputs["report"]:
        from .render.report import write_report_pdf
        state = None
        if view is not None:
            state = {"center": [view[0], view[1]], "zoom": view[2], "size": [args.width, args.height]}
        write_report_pdf(result, outputs["report"], state=state, tiles=args.tiles)
        written.append(outputs["report"])
    for path in written:
        print(f"mapper: wrote {path}", file=sys.stderr)
    return 0


def cmd_corrections(args: argparse.Namespace) -> int:
    """List, export, import or forget the corrections made in the desktop app."""
    from .core import corrections
    path = Path(args.path) if args.path else corrections.default_path()
    if args.action != "import" and not path.is_file():
        if args.action == "list":
            return 0  # no corrections yet
        if args.action == "forget":
            raise MapperError(f"no correction {args.target}: there are no corrections yet")
    if args.action in ("export", "import", "forget") and not args.target:
        raise MapperError(f"corrections {args.action} needs {'an ID' if args.action == 'forget' else 'a FILE'}")
    user = corrections.UserGazetteer(path)
    try:
        if args.action == "list":
            for e in user.list(args.target or ""):
                made = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.created))
                print(f"{e.id}\t{e.written}\t{e.describe_target()}\t{e.describe_scope()}\t{made}")
        elif args.action == "export":
            if not Path(args.target).resolve().parent.is_dir():
                raise MapperError(f"{args.target}: the folder does not exist")
            n = user.export_csv(args.target)
            print(f"mapper: wrote {n} corrections to {args.target}", file=sys.stderr)
        elif args.action == "import":
            n = user.import_csv(args.target)
            print(f"mapper: imported {n} corrections from {args.target}", file=sys.stderr)
        else:
            try:
                entry_id = int(args.target)
            except ValueError:
                raise MapperError(f"{args.target!r} is not a correction ID (see: mapper corrections list)") from None
            entry = user.entry(entry_id)
            if entry is None:
                raise MapperError(f"no correction {entry_id} (see: mapper corrections list)")
            user.forget(entry_id)
            print(f"mapper: forgot correction {entry_id} ({entry.written}: {entry.describe_target()}, "
                  f"{entry.describe_scope()})", file=sys.stderr)
    finally:
        user.close()
    return 0


def _progress_bar(label: str, total: int | None):
    """A rich progress bar on stderr (plain lines when stderr is not a terminal); returns
    (bar, advance(n, text), close)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.fields[note]}"), console=console, transient=False,
                   disable=not console.is_terminal)
    task = bar.add_task(label, total=total, note="")
    bar.start()
    return bar, (lambda done, note="": bar.update(task, completed=done, note=note)), bar.stop


def cmd_collection(args: argparse.Namespace) -> int:
    """mapper collection create|add|status|export FILE ..."""
    from .core.collection import Collection, CollectionError
    path = Path(args.file)
    if args.action == "create":
        if path.exists():
            raise CollectionError(f"{path} exists already (add to it: mapper collection add {path} SOURCE...)")
        Collection.create(path).close()
        print(f"mapper: created the collection {path}", file=sys.stderr)
        return 0
    if args.action == "add":
        from .core.importers import count_items, iter_items
        if not args.sources:
            raise MapperError("collection add needs at least one SOURCE: a folder, .jsonl, .csv or RSS/Atom file")
        with Collection.create(path) if not path.exists() and args.create else Collection(path) as coll:
            from .core.collection import default_pipeline_factory
            user = _user_corrections(args)  # a damaged user gazetteer warns here, once, and is left out
            if user is not None:
                user.close()
            factory = default_pipeline_factory(path, user.path if user is not None else None)
            bar, advance, close = _progress_bar("Importing", count_items(args.sources))
            try:
                summary = coll.add(iter_items(args.sources), jobs=max(1, args.jobs), make_pipeline=factory,
                                   progress=lambda p: advance(p.done, p.origin[-40:]))
            finally:
                close()
        for line in summary.errors[:20]:
            print(f"mapper: failed: {line}", file=sys.stderr)
        if len(summary.errors) > 20:
            print(f"mapper: ... and {len(summary.errors) - 20} more failures", file=sys.stderr)
        for line in summary.warnings[:5]:
            print(f"mapper: warning: {line}", file=sys.stderr)
        print(f"mapper: {path.name}: {summary.line()}", file=sys.stderr)
        return 0
    with Collection(path) as coll:
        if args.action == "status":
            info = coll.info()
            span = coll.timeline()
            print(json.dumps({"path": str(info.path), "schema_version": info.schema_version,
                              "created": info.created, "pipeline": info.pipeline, "articles": info.articles,
                              "places": info.places, "pins": len(coll.pins()), "events": info.events,
                              "facts": info.facts, "sources": dict(coll.sources()), "outdated": info.outdated,
                              "dates": [span.start, span.end], "size_bytes": info.size_bytes}, indent=2,
                             ensure_ascii=False))
            print(f"mapper: {info.line()}", file=sys.stderr)
            return 0
        from .render import collection_export
        outputs = {k: getattr(args, k) for k in collection_export.EXPORTERS}
        if not any(outputs.values()):
            raise MapperError("nothing to export: give at least one of --gpkg, --parquet, --geojson, --csv, --html")
        for key, value in outputs.items():
            if value and not Path(value).resolve().parent.is_dir():
                raise MapperError(f"--{key} {value}: the folder does not exist")
        for key, value in outputs.items():
            if value:
                n = collection_export.EXPORTERS[key](coll, value)
                detail = ", ".join(f"{k} {v}" for k, v in n.items()) if isinstance(n, dict) else f"{n} rows"
                print(f"mapper: wrote {value} ({detail})", file=sys.stderr)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """mapper batch INPUT... --out DIR: geoparse a corpus on Dask into partitioned GeoParquet."""
    from .batch import run_batch
    bar = advance = close = None

    def progress(done: int, total: int, note: str) -> None:
        nonlocal bar, advance, close
        if bar is None:
            bar, advance, close = _progress_bar("Partitions", total)
        advance(done, note)
    try:
        summary = run_batch(args.inputs, args.out, scheduler=args.scheduler, workers=args.workers,
                            partition_size=args.partition_size, progress=progress)
    finally:
        if close is not None:
            close()
    print(f"mapper: {summary.line()}", file=sys.stderr)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from .gui.app import run
    return run(args.article, published=args.published, click_pin=args.click_pin, screenshot=args.screenshot,
               quit_after=args.quit, size=(args.width, args.height))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mapper",
                                     description="Map the places, events and memorial facts in news articles.")
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
    g.add_argument("--ner", metavar="SPEC", help=NER_HELP)
    g.add_argument("--lang", choices=("auto", "en", "ru", "ko"), default="auto",
                   help="the articles' language: detected by default (the result's \"language\")")
    g.add_argument("--no-corrections", action="store_true", help=NO_CORRECTIONS_HELP)
    g.add_argument("--rules", metavar="-NAME,...", help=RULES_HELP)
    g.add_argument("--explain", action="store_true", help=EXPLAIN_HELP)
    g.set_defaults(func=cmd_geoparse)

    r = sub.add_parser("rules", help="list the recognition rules: name, description, example")
    r.set_defaults(func=cmd_rules)

    z = sub.add_parser("gazetteer", help="build or describe the offline gazetteer")
    z.add_argument("action", choices=["build", "info", "ensure"])
    z.add_argument("--path", help="where the SQLite file goes (default: the user cache folder)")
    z.set_defaults(func=cmd_gazetteer)

    x = sub.add_parser("export", help="export the map (HTML, PNG, PDF) and the data (GeoJSON, CSV, KML)")
    x.add_argument("article", help="a .txt, .md or .html article")
    x.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides the sidecar)")
    x.add_argument("--html", metavar="F", help="self-contained HTML map (works offline)")
    x.add_argument("--png", metavar="F", help="PNG image of the map (headless QtWebEngine)")
    x.add_argument("--pdf", metavar="F", help="PDF of the map (headless QtWebEngine)")
    x.add_argument("--report", metavar="F", help="PDF report: the map, then places, events and facts with their "
                                                 "sentences, sources and credits")
    x.add_argument("--view", metavar="LAT,LON,ZOOM", help="draw the PNG/PDF at this view (e.g. 39.03,125.75,12) "
                                                          "instead of fitting the places")
    x.add_argument("--geojson", metavar="F", help="RFC 7946 GeoJSON of places, events, facts and claims")
    x.add_argument("--csv", metavar="F", help="the same rows as CSV")
    x.add_argument("--kml", metavar="F", help="the same rows as KML")
    x.add_argument("--width", type=int, default=1600, help="image/PDF width in CSS pixels (default 1600)")
    x.add_argument("--height", type=int, default=1000, help="image/PDF height in CSS pixels (default 1000)")
    x.add_argument("--scale", type=float, default=1.0, help="device pixel ratio of the PNG (default 1)")
    x.add_argument("--tiles", metavar="NAME", help="add web tiles (osm, cartodb): the only network use")
    x.add_argument("--online", action="store_true", help="also ask Nominatim (OpenStreetMap) for unknown names")
    x.add_argument("--timeout", type=float, default=5.0, help="online geocoder timeout in seconds (default 5)")
    x.add_argument("--ner", metavar="SPEC", help=NER_HELP)
    x.add_argument("--no-corrections", action="store_true", help=NO_CORRECTIONS_HELP)
    x.set_defaults(func=cmd_export)

    c = sub.add_parser("corrections", help="list, export, import or forget the corrections made in the app")
    c.add_argument("action", choices=["list", "export", "import", "forget"])
    c.add_argument("target", nargs="?", metavar="FILE|ID|SEARCH",
                   help="export/import: a CSV file; forget: an ID from the list; list: optional search text")
    c.add_argument("--path", help="the user gazetteer (default: the one the app uses, in the user data folder)")
    c.set_defaults(func=cmd_corrections)
    k = sub.add_parser("collection", help="many articles in one file: create, add, status, export")
    k.add_argument("action", choices=["create", "add", "status", "export"])
    k.add_argument("file", metavar="FILE", help="the collection file (FILE.mapper, one SQLite file)")
    k.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="add: folders of .txt/.md/.html (with sidecar JSON), .jsonl, .csv, RSS/Atom .xml files")
    k.add_argument("--jobs", type=int, default=1, help="add: geoparse in N processes (default 1)")
    k.add_argument("--create", action="store_true", help="add: create the collection when it does not exist")
    k.add_argument("--gpkg", metavar="F", help="export: GeoPackage (layers places, events, facts, merged_places)")
    k.add_argument("--parquet", metavar="F", help="export: GeoParquet 1.0 (needs pyarrow)")
    k.add_argument("--geojson", metavar="F", help="export: GeoJSON of every place, event and fact")
    k.add_argument("--csv", metavar="F", help="export: the same rows as CSV")
    k.add_argument("--html", metavar="F", help="export: the merged map as one offline HTML page")
    k.add_argument("--no-corrections", action="store_true", help=NO_CORRECTIONS_HELP)
    k.set_defaults(func=cmd_collection)

    b = sub.add_parser("batch", help="geoparse a large corpus on Dask into partitioned GeoParquet")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .csv, RSS/Atom files or article folders")
    b.add_argument("--out", required=True, metavar="DIR", help="output folder (part-NNNNN.parquet; a rerun resumes)")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="an existing Dask cluster (default: a local one)")
    b.add_argument("--workers", type=int, default=None, help="local cluster: worker processes (default: all cores)")
    b.add_argument("--partition-size", type=int, default=1000, help="articles per partition (default 1000)")
    b.set_defaults(func=cmd_batch)

    w = sub.add_parser("gui", help="open the desktop app (optionally scripted, for automation)")
    w.add_argument("article", nargs="?", help="an article to open")
    w.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides the sidecar)")
    w.add_argument("--click-pin", metavar="NAME", help="click the pin of this place (a real mouse click) "
                   "and print the sentence the article pane highlights")
    w.add_argument("--screenshot", metavar="FILE", help="save a screenshot of the whole window")
    w.add_argument("--quit", action="store_true", help="quit when done (scripted mode)")
    w.add_argument("--width", type=int, default=1280, help="window width in scripted mode (default 1280)")
    w.add_argument("--height", type=int, default=800, help="window height in scripted mode (default 800)")
    w.set_defaults(func=cmd_gui)
    return parser


def _glue_rules(argv: list[str]) -> list[str]:
    """"--rules -person_title" -> "--rules=-person_title": argparse would read a value starting
    with '-' as an option."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--rules" and arg[:1] in "-+" and not arg.startswith("--"):
            out[-1] = "--rules=" + arg
        else:
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_glue_rules(sys.argv[1:] if argv is None else list(argv)))
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
