"""The table's filters as a user sets them: kind, layers, search, and the reading order."""
from __future__ import annotations

from mapper.gui.table_model import ROW_ROLE


def visible_rows(window):
    proxy = window.proxy
    return [proxy.data(proxy.index(r, 0), ROW_ROLE) for r in range(proxy.rowCount())]


def test_table_starts_in_reading_order(loaded):
    places = [r for r in visible_rows(loaded) if r.layer == "place"]
    firsts = [min(m.start for m in loaded.session.place(r.id).mentions) for r in places]
    assert firsts == sorted(firsts)


def test_kind_filter_shows_one_kind_only(qtbot, loaded):
    combo = loaded.kind_filter
    kinds = [combo.itemData(i) for i in range(combo.count())]
    assert None in kinds and "city" in kinds and "country" in kinds
    combo.setCurrentIndex(combo.findData("city"))
    rows = visible_rows(loaded)
    assert rows and all(r.kind == "city" for r in rows)
    assert any(r.name == "Pyongyang" for r in rows)
    combo.setCurrentIndex(0)
    assert {r.kind for r in visible_rows(loaded)} >= {"city", "country"}


def test_layer_boxes_and_search_narrow_the_table(qtbot, loaded):
    loaded.layer_boxes["place"].setChecked(False)
    assert visible_rows(loaded) and all(r.layer != "place" for r in visible_rows(loaded))
    loaded.layer_boxes["place"].setChecked(True)
    loaded.search.setText("vladivostok")
    names = {r.name for r in visible_rows(loaded)}
    assert "Vladivostok" in names and "Pyongyang" not in names
