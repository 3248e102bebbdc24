#!/usr/bin/env bash
# After `make package`: the bundled binary exports the sample headless, and its scripted GUI
# mode clicks the Sunchon pin and prints the right sentence. Exits non-zero on any failure.
set -euo pipefail
BIN=${1:-dist/mapper/mapper}
SAMPLE=$(dirname "$BIN")/_internal/mapper/_data/articles/putin-awards-kim-medal.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen MAPPER_CACHE_DIR="$WORK/cache" MAPPER_DATA_DIR="$WORK/data"

"$BIN" export "$SAMPLE" --png "$WORK/map.png" 2>"$WORK/export.log" || { cat "$WORK/export.log"; exit 1; }
python3 - "$WORK/map.png" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", head[16:24])
assert w >= 1600 and h >= 1000, f"PNG is {w}x{h}"
print(f"smoke: export wrote a {w}x{h} PNG")
PY

out=$("$BIN" gui "$SAMPLE" --click-pin Sunchon --quit 2>"$WORK/gui.log") || { cat "$WORK/gui.log"; exit 1; }
case "$out" in
  "Kim re-appeared in public on Friday at a visit to a fertilizer plant in Sunchon"*) echo "smoke: pin click printed: $out" ;;
  *) echo "smoke: unexpected sentence: $out"; exit 1 ;;
esac
echo "smoke: passed"
