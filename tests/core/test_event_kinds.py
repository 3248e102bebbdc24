"""One list of event kinds (data/event_kinds.csv), shared by the event reader and the map."""
import re
from pathlib import Path

import pytest

from mapper.core import event_kinds as ek
from mapper.core.errors import DataFileError
from mapper.core.events import LEXICON

MAP_JS = Path(__file__).resolve().parents[2] / "resources" / "web" / "map.js"


def test_every_trigger_kind_has_a_map_symbol():
    listed = ek.event_kinds()
    missing = sorted({kind for kind, _pattern, _priority in LEXICON} - set(listed))
    assert not missing, f"add these kinds to data/event_kinds.csv: {missing}"
    assert all(k.shape in ek.SHAPES and re.fullmatch(r"#[0-9a-f]{6}", k.colour) for k in listed.values())


def test_the_map_keeps_no_list_of_its_own():
    script = MAP_JS.read_text(encoding="utf-8")
    named = [k for k in ek.event_kinds() if re.search(rf"\b{k}\s*:", script)]
    assert named == [], f"map.js lists kinds itself: {named}"


def test_a_missing_or_bad_list_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_SHIPPED_DATA", str(tmp_path))
    ek.event_kinds.cache_clear()
    try:
        with pytest.raises(DataFileError, match="cannot be read"):
            ek.event_kinds()
        (tmp_path / "event_kinds.csv").write_text("kind,label,shape,colour,family\nvisit,visit,blob,#000000,x\n")
        ek.event_kinds.cache_clear()
        with pytest.raises(DataFileError, match="unknown shapes"):
            ek.event_kinds()
    finally:
        ek.event_kinds.cache_clear()
