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
