"""The page draws each event kind with the symbol of data/event_kinds.csv (shape, colour, label)."""
import pytest

from mapper.core.event_kinds import event_kinds
from mapper.core.models import Event
from mapper.render.mapbuild import render_html

from .test_export_view import invented_result


@pytest.mark.qt
def test_event_symbols_and_legend_come_from_the_shared_list(tmp_path, headless):
    result = invented_result()
    # kinds that map.js once had no symbol for, or named differently ("memorial")
    result.events[:] = [Event("e1", "memorial_service", "2021-03-03", None, "p1", 0, (), False, "service", "service"),
                        Event("e2", "earthquake", "2021-03", None, "p2", 1, (), False, "quake", "quake")]
    path = tmp_path / "map.html"
    path.write_text(render_html(result), encoding="utf-8")
    view = headless(width=900, height=600)
    view.load(str(path))
    view.settle()
    fills = view.eval_js("(function () { var out = {}; document.querySelectorAll('.mapper-event [data-id]')"
                         ".forEach(function (h) { var s = h.querySelector('[fill]');"
                         " out[h.getAttribute('data-id')] = s ? s.getAttribute('fill') : null; }); return out; })()")
    kinds = event_kinds()
    assert fills == {"e1": kinds["memorial_service"].colour, "e2": kinds["earthquake"].colour}
    legend = view.eval_js("document.querySelector('.mapper-legend') ? document.querySelector('.mapper-legend').textContent : ''")
    assert kinds["memorial_service"].label in legend and kinds["earthquake"].label in legend


@pytest.mark.qt
def test_doubtful_pins_are_faded_and_a_threshold_hides_them(tmp_path, headless):
    from mapper.render.mapbuild import state_options
    result = invented_result()  # confidences 0.9, 0.8 and 0.7
    result.places[2].confidence = 0.3  # Saltreach: doubtful
    path = tmp_path / "map.html"
    path.write_text(render_html(result), encoding="utf-8")
    view = headless(width=900, height=600)
    view.load(str(path))
    view.settle()
    style = view.eval_js("(function () { var out = {}; ['p1', 'p3'].forEach(function (id) {"
                         " var mk = mapperMap.layersFor(id)[0]; out[id] = mk.options.fillOpacity; }); return out; })()")
    assert style["p3"] < 0.5 < style["p1"]
    legend = view.eval_js("document.querySelector('.mapper-legend').textContent")
    assert "confidence below 0.5" in legend
    shown = view.eval_js("mapperMap.setMinConfidence(0.75)")
    assert shown == 2  # 0.9 and 0.8 stay
    visible = view.eval_js("mapperMap.countVisible().places")
    state = view.get_state()
    assert state["minConfidence"] == 0.75 and state_options(state)["min_confidence"] == 0.75
    # an export of that state starts with the same pins hidden
    again = tmp_path / "again.html"
    again.write_text(render_html(result, **state_options(state)), encoding="utf-8")
    other = headless(width=900, height=600)
    other.load(str(again))
    other.settle()
    assert other.eval_js("mapperMap.countVisible().places") == visible
