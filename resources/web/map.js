/* mapper: builds every layer of the map client-side from one JSON payload.
 *
 * Why client-side: 10,000 places as one data array + one canvas renderer load in well under a
 * second, where 10,000 folium elements take seconds and megabytes.
 *
 * Safety: article text arrives as JSON data and is only ever put into the page with
 * textContent / createTextNode (never innerHTML), so no markup in an article can run.
 *
 * Clicks: every vector layer (memorial fills < country outlines and regions < distance lines <
 * memorial symbols < pins) is drawn on ONE shared canvas, in that order, whatever order the
 * layers are (re-)added in: the renderer keeps its draw list sorted. Leaflet's canvas click
 * picks the topmost drawn layer under the pointer, so every feature is reachable and
 * screenPoint() asks the very same hit test. Smaller areas sit above bigger ones; a country
 * outline over its own memorial fill answers on its edge only (the fill answers inside).
 * Event symbols are DOM icons above the canvas; labels never take the pointer.
 *
 * API (window.mapperMap):
 *   init(map, data); ids(); layersFor(id); countMarkers(); countVisible();
 *   flyTo(id); openPopup(id); highlight(id|null) (a halo round a pin, a thicker outline
 *   round a shape; the previous one is cleared); fit(); layout(); restack();
 *   setHiddenLayers(["place"|"event"|"fact", ...]); setDateRange(lo, hi) (ISO prefixes,
 *   either end may be null);
 *   screenPoint(id) -> {x, y} page (client CSS px) point where a real click opens that
 *   feature's popup, or null (off screen, hidden, covered everywhere);
 *   featuresAt(x, y) -> ids under or near (6 px) a page point, topmost first (none over a
 *   control or a popup);
 *   latLngAt(x, y) -> [lat, lng]; centerOn(lat, lng);
 *   getState() -> {center, zoom, size, hidden, dateRange, base, overlaysOff};
 *   labelStats() -> {shown, hidden}; fanOffset(id) -> [dx, dy] px of a fanned-out pin.
 * Ids: places "p..", events as in the data, claims "c1".., memorials "m" + place id.
 *
 * Bridge (window.mapperBridge, QWebChannel in the desktop app; every call optional):
 *   featureClicked(id) on a click on a feature (also the DOM event "mapper:click"
 *   {id, kind, place}: kind place|event|memorial|claim, place the place id it belongs to,
 *   so a memorial "mp3" comes with place "p3"); pinMoved(id, lat, lng) after a pin was dragged ("mapper:moved");
 *   sentenceClicked("sentenceId") when a sentence listed in a popup is clicked
 *   ("mapper:sentence" {sentence}); contextMenu("lat", "lng", "x", "y") on a right click
 *   (the browser's own menu never shows; "mapper:contextmenu" {lat, lng, x, y, ids}).
 * window.mapperReady turns true once everything has drawn.
 *
 * Options (data.options): view [lat, lon, zoom] starts there (no fit, counts as moved by
 * the user); export: a page for a PNG/PDF (class "mapper-export": no zoom buttons, layer
 * control or interactive legend; a small static legend of what is visible); base: the base
 * layer's name; overlays_off: overlay names switched off; hidden_layers; date_range.
 *
 * Small maps (the desktop pane, ~760x490 at 1280x800): below options.compact_below (default
 * 1000x650 px) the container gets the class "mapper-compact": the legend collapses to a
 * "Legend" button, the layer control to Leaflet's icon, the title card to one line. Popups
 * auto-pan clear of the controls (padding measured from the controls themselves), and all of
 * it is re-evaluated when the map is resized.
 *
 * Shared points: pins within 20 px of each other at the current zoom are spread on a small
 * ring (recomputed on every zoom; crowds of more than 16 are left for zooming in) with a thin
 * leader line to their true point; their event symbols and distance lines follow. Labels are
 * placed to avoid each other, pins, event symbols and the controls (right, left, above,
 * below); one that fits nowhere is hidden and counted in a "N labels hidden" line.
 * Shapes that cross the date line (Russia, the USA, Fiji) are unwrapped so each is one
 * continuous shape; distance lines take the short way round.
 */
(function () {
  "use strict";

  var PIN_COLORS = { city: "#c0392b", landmark: "#8e44ad", admin1: "#2c7fb8", other: "#d35400" };
  // A pin whose calibrated confidence (the chance it is right) is below this is drawn faded.
  var DOUBTFUL_BELOW = 0.5;
  var AREA_STYLE = { color: "#2c5d8a", weight: 2, fill: true, fillColor: "#2c5d8a", fillOpacity: 0.04 };
  var REGION_STYLE = { color: "#2c7fb8", weight: 2, dashArray: "6 5", fill: true, fillOpacity: 0.03 };
  var MEMORIAL_FILL = { color: "#6d4c41", weight: 1.5, fillColor: "#a1887f", fillOpacity: 0.45 };
  var CLAIM_STYLE = { color: "#6b2a7a", weight: 3, dashArray: "1 6", lineCap: "round" };
  var REGION_RADIUS_KM = { region: 250, admin1: 120, continent: 1500, water: 400, other: 80 };
  var LAND = "#f4f1e8", SEA = "#b9d3e4";
  // base layer names (getState().base carries them to exports; old names still accepted)
  var VECTOR_BASE = "Offline map", WORLD_BASE = "Natural Earth (offline)", WORLD_BASE_LIGHT = "World 1:110m (lightest)";
  var BASE_ALIASES = { "Offline map (vector)": VECTOR_BASE };

  // Draw (and click) order on the shared canvas, bottom to top.
  var Z = { memorialFill: 10, area: 20, claim: 30, memorial: 40, leader: 45, halo: 48, pin: 50 };
  var FAN_NEAR_PX = 20;     // pins closer than this (at the current zoom) are fanned out
  var FAN_SPACING_PX = 22;  // between neighbours on the ring
  var FAN_MIN_RADIUS = 18;
  var FAN_OVERLAP_PX = 15;
  var FAN_MAX = 16;         // more pins than this at one spot are not fanned (a ring would be huge)  // a ring's pin this close to another pin: the two groups become one
  var HIT_TOLERANCE = 3;    // px of slack round lines and circles, for clicks and screenPoint
  var PIN_TOLERANCE = 1;    // round pins: less, so a line between two pins 20 px apart stays reachable

  // Event kind -> [shape, colour, label], from data/event_kinds.csv (the one list of kinds, shared
  // with Python: mapbuild puts it in the page as data.eventSymbols). Shapes are fixed SVG.
  var EVENT_SYMBOLS = {};
  var DEFAULT_EVENT_SYMBOL = ["circle", "#34495e"];

  var SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(String(text)));
    return e;
  }

  function humanKind(k) {
    var sym = EVENT_SYMBOLS[k];
    return sym && sym[2] ? sym[2] : String(k || "").replace(/_/g, " ");
  }
  function fmtInt(n) { return Number(n).toLocaleString("en-US"); }
  function fmtCoord(lat, lon) {
    return Math.abs(lat).toFixed(4) + "\u00b0 " + (lat >= 0 ? "N" : "S") + ", " +
      Math.abs(lon).toFixed(4) + "\u00b0 " + (lon >= 0 ? "E" : "W");
  }
  function raf(f) { return (window.requestAnimationFrame || function (g) { return setTimeout(g, 16); })(f); }

  /* A sentence with [start, end) (article offsets) highlighted, as DOM nodes. */
  function quote(data, sid, start, end) {
    var s = data.sentences[sid];
    var span = el("span", "quote");
    if (!s) return span;
    var text = s[1], base = s[0];
    // offsets count code points (Python); JS strings count UTF-16 units, so slice by code point
    var chars = Array.from(text);
    var a = start - base, b = end - base;
    if (start === null || start === undefined || a < 0 || b > chars.length || a >= b) {
      span.appendChild(document.createTextNode(text));
      return span;
    }
    span.appendChild(document.createTextNode(chars.slice(0, a).join("")));
    span.appendChild(el("mark", null, chars.slice(a, b).join("")));
    span.appendChild(document.createTextNode(chars.slice(b).join("")));
    return span;
  }

  /* A sentence as a link (a real <a href="#">: Tab and Enter work): clicking it hands the
     sentence to the app (mapperBridge.sentenceClicked) and fires "mapper:sentence". */
  function sentenceLink(data, sid, start, end) {
    var a = el("a", "mapper-sentence");
    a.href = "#";
    a.setAttribute("data-sentence", String(sid));
    a.title = "Show this sentence in the article";
    a.appendChild(quote(data, sid, start, end));
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      ev.stopPropagation();
      var b = window.mapperBridge;
      if (b && typeof b.sentenceClicked === "function") {
        try { b.sentenceClicked(String(sid)); } catch (e) { /* the bridge is optional */ }
      }
      try { document.dispatchEvent(new CustomEvent("mapper:sentence", { detail: { sentence: sid } })); } catch (e) {}
    });
    return a;
  }

  function svgSymbol(shape, color, hollow, size) {
    var svg = document.createElementNS(SVG_NS, "svg");
    size = size || 22;
    svg.setAttribute("width", size); svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "-12 -12 24 24");
    var node;
    if (shape === "circle") {
      node = document.createElementNS(SVG_NS, "circle");
      node.setAttribute("r", "8");
    } else {
      node = document.createElementNS(SVG_NS, "polygon");
      var pts = {
        star: "0,-10 2.9,-3.6 9.5,-3.1 4.5,1.3 5.9,8.1 0,4.5 -5.9,8.1 -4.5,1.3 -9.5,-3.1 -2.9,-3.6",
        square: "-7.5,-7.5 7.5,-7.5 7.5,7.5 -7.5,7.5",
        triangle: "0,-10 9,7 -9,7",
        diamond: "0,-10 9,0 0,10 -9,0",
        hexagon: "0,-9.5 8.2,-4.75 8.2,4.75 0,9.5 -8.2,4.75 -8.2,-4.75",
        cross: "-3,-9 3,-9 3,-3 9,-3 9,3 3,3 3,9 -3,9 -3,3 -9,3 -9,-3 -3,-3"
      }[shape] || "0,-8 8,0 0,8 -8,0";
      node.setAttribute("points", pts);
    }
    node.setAttribute("stroke", hollow ? color : "#fff");
    node.setAttribute("stroke-width", hollow ? "2.5" : "1.5");
    node.setAttribute("fill", hollow ? "#ffffff" : color);
    if (hollow) { node.setAttribute("stroke-dasharray", "3 2"); node.setAttribute("fill-opacity", "0.85"); }
    svg.appendChild(node);
    return svg;
  }

  function lineSymbol(style) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "22"); svg.setAttribute("height", "14");
    var r;
    if (style.poly) {
      r = document.createElementNS(SVG_NS, "rect");
      r.setAttribute("x", "2"); r.setAttribute("y", "2"); r.setAttribute("width", "18"); r.setAttribute("height", "10");
      r.setAttribute("fill", style.fill || "none");
      if (style.fillOpacity !== undefined) r.setAttribute("fill-opacity", style.fillOpacity);
    } else if (style.circle) {
      r = document.createElementNS(SVG_NS, "circle");
      r.setAttribute("cx", "11"); r.setAttribute("cy", "7"); r.setAttribute("r", style.circle);
      r.setAttribute("fill", style.fill || "none");
      if (style.fillOpacity !== undefined) r.setAttribute("fill-opacity", style.fillOpacity);
    } else {
      r = document.createElementNS(SVG_NS, "line");
      r.setAttribute("x1", "1"); r.setAttribute("y1", "7"); r.setAttribute("x2", "21"); r.setAttribute("y2", "7");
      r.setAttribute("stroke-linecap", "round");
    }
    r.setAttribute("stroke", style.color);
    r.setAttribute("stroke-width", style.weight || 2);
    if (style.dash) r.setAttribute("stroke-dasharray", style.dash);
    svg.appendChild(r);
    return svg;
  }

  var M = {
    map: null, data: null, registry: {}, byId: {}, labels: [], overlays: {},
    counts: { places: 0, events: 0, memorials: 0, claims: 0 },
    eventsAt: {}, claimsAt: {}, groups: {}, hidden: {}, dateRange: null, compact: null,
    pinsList: [], fanGroups: [], hl: null, labelCount: { shown: 0, hidden: 0 },
    // Shared by every popup's options and updated in place by layout(): Leaflet reads them
    // when it auto-pans, so each popup keeps clear of the controls as they are now.
    padTL: [10, 10], padBR: [10, 10], suppressClickUntil: 0
  };

  /* Options every popup gets: auto-pan clear of the title card and the controls. */
  function popupOptions(extra) {
    return L.extend({ maxWidth: 400, autoPan: true, autoPanPaddingTopLeft: M.padTL,
                      autoPanPaddingBottomRight: M.padBR, className: "mapper-popup-wrap" }, extra || {});
  }

  function reportClick(id, kind, place) {
    if (window.mapperBridge && typeof window.mapperBridge.featureClicked === "function") {
      try { window.mapperBridge.featureClicked(id); } catch (e) { /* the bridge is optional */ }
    }
    try {
      document.dispatchEvent(new CustomEvent("mapper:click", { detail: { id: id, kind: kind, place: place || null } }));
    } catch (e) {}
  }

  /* ---- one canvas for every vector layer, kept in draw order ---- */

  var seq = 0;
  /* A layer's (and, for a group, each of its paths') place in the draw order: z first, then
     `sub` (smaller areas above bigger ones, so a small country is not buried under a region
     circle), then the order they were made in. */
  function setZ(layer, z, sub) {
    if (layer.eachLayer && !layer._path && !(layer instanceof L.Path)) {
      layer.eachLayer(function (l) { setZ(l, z, sub); });
      return layer;
    }
    layer.mapperZ = z; layer.mapperSub = sub || 0; layer.mapperSeq = ++seq;
    return layer;
  }
  function stackCmp(a, b) {
    return ((a.mapperZ || 0) - (b.mapperZ || 0)) || ((a.mapperSub || 0) - (b.mapperSub || 0)) ||
      ((a.mapperSeq || 0) - (b.mapperSeq || 0));
  }

  var SharedCanvas = L.Canvas.extend({
    // Leaflet appends a (re-)added path at the top of the draw list; put it where it belongs.
    _initPath: function (layer) {
      L.Canvas.prototype._initPath.call(this, layer);
      var node = layer._order, target = node.prev;
      while (target && stackCmp(target.layer, layer) > 0) target = target.prev;
      if (target === node.prev) return;
      // unlink from the end
      this._drawLast = node.prev; node.prev.next = null;
      if (target) {
        node.prev = target; node.next = target.next;
        if (target.next) target.next.prev = node;
        target.next = node;
      } else {
        node.prev = null; node.next = this._drawFirst;
        this._drawFirst.prev = node; this._drawFirst = node;
      }
    },
    _handleMouseHover: function (e, point) {
      L.Canvas.prototype._handleMouseHover.call(this, e, point);
      var h = this._hoveredLayer;
      L.DomUtil[h && h.mapperPin ? "addClass" : "removeClass"](this._container, "mapper-over-pin");
    },
    _handleMouseOut: function (e) {
      L.Canvas.prototype._handleMouseOut.call(this, e);
      L.DomUtil.removeClass(this._container, "mapper-over-pin");
    }
  });

  /* Make sure the draw list is in z order (a safety net: _initPath keeps it so). */
  M.restack = function () {
    var r = M.renderer;
    if (!r || !r._drawFirst) return false;
    var list = [], sorted = true;
    for (var o = r._drawFirst; o; o = o.next) {
      if (list.length && stackCmp(list[list.length - 1], o.layer) > 0) sorted = false;
      list.push(o.layer);
    }
    if (sorted) return false;
    list.sort(stackCmp);
    var prev = null;
    list.forEach(function (l) { var n = l._order; n.prev = prev; n.next = null; if (prev) prev.next = n; prev = n; });
    r._drawFirst = list[0]._order; r._drawLast = prev;
    r._redrawBounds = null;
    if (r._map) r._redraw();
    return true;
  };

  /* The topmost interactive layer of the shared canvas at a layer point: exactly the test
     Leaflet's canvas click makes (the last layer in draw order that contains the point). */
  function hitAt(layerPoint) {
    var r = M.renderer, hit = null;
    if (!r || !r._map) return null;
    for (var o = r._drawFirst; o; o = o.next) {
      var l = o.layer;
      if (l.options.interactive && l._containsPoint(layerPoint)) hit = l;
    }
    return hit;
  }
  /* Every interactive layer at a layer point, topmost first. */
  function allAt(layerPoint) {
    var r = M.renderer, out = [];
    if (!r || !r._map) return out;
    for (var o = r._drawLast; o; o = o.prev) {
      var l = o.layer;
      if (l.options.interactive && l._containsPoint(layerPoint)) out.push(l);
    }
    return out;
  }

  /* Identity: id -> layers. Clicks are reported once per group (see groupClicks), not with a
     handler per layer: 10,000 pins stay cheap. A group's paths carry the id too. */
  function register(id, layer, kind, place) {
    function mark(l) { l.mapperId = id; l.mapperKind = kind; l.mapperPlace = place || null; }
    mark(layer);
    if (layer.eachLayer) layer.eachLayer(function (l) { mark(l); if (l.eachLayer) l.eachLayer(mark); });
    (M.registry[id] = M.registry[id] || []).push(layer);
  }

  function groupClicks(group) {
    group.on("click", function (e) {
      var l = e.layer || e.sourceTarget;
      if (l && l.mapperId !== undefined) reportClick(l.mapperId, l.mapperKind, l.mapperPlace);
    });
    return group;
  }

  /* Where a pin is drawn (it may be fanned out from its true point), as a LatLng. */
  function shownLatLng(layer) {
    if (layer.mapperFan && M.map) {
      return M.map.containerPointToLatLng(M.map.latLngToContainerPoint(layer.getLatLng()).add(layer.mapperFan));
    }
    return layer.getLatLng();
  }

  /* One popup shared by every pin, filled on click (no Popup object per pin). */
  function openPinPopup(layer) {
    var p = M.byId[layer.mapperId];
    if (!p) return;
    M.pinPopup = M.pinPopup || L.popup(popupOptions({ offset: [0, -4] }));
    M.pinPopup.mapperId = layer.mapperId;
    M.pinPopup.setLatLng(shownLatLng(layer)).setContent(placePopup(p)).openOn(M.map);
  }

  /* ---- popups (DOM only) ---- */

  function placePopup(p) {
    var d = M.data, box = el("div", "mapper-popup");
    box.setAttribute("data-id", p.id);
    box.appendChild(el("h3", null, p.name));
    box.appendChild(el("p", "meta", humanKind(p.kind) + (p.cc ? " \u00b7 " + p.cc : "")));
    var dl = el("dl");
    [["Coordinates", fmtCoord(p.lat, p.lon)], ["Confidence", Math.round(p.conf * 100) + "%"],
     ["Source", p.src]].forEach(function (kv) {
      dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1]));
    });
    box.appendChild(dl);
    var m = p.m || [];
    box.appendChild(el("div", null, m.length === 1 ? "Mentioned once:" : "Mentioned " + m.length + " times:"));
    var ol = el("ol");
    m.forEach(function (mm) { var li = el("li"); li.appendChild(sentenceLink(d, mm[0], mm[1], mm[2])); ol.appendChild(li); });
    box.appendChild(ol);
    return box;
  }

  function eventPopup(e) {
    var d = M.data, box = el("div", "mapper-popup");
    box.setAttribute("data-id", e.id);
    box.appendChild(el("h3", null, humanKind(e.kind).replace(/^./, function (c) { return c.toUpperCase(); })));
    if (e.hedged) box.appendChild(el("p", "hedged", "Reported, not confirmed"));
    var dl = el("dl");
    var place = M.byId[e.place];
    [["Date", e.date ? e.date + (e.date_text && e.date_text !== e.date ? " (\u201c" + e.date_text + "\u201d)" : "") : "not stated"],
     ["Place", place ? place.name : "\u2014"], ["Actors", (e.actors || []).join(", ") || "\u2014"]]
      .forEach(function (kv) { dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1])); });
    box.appendChild(dl);
    var s = d.sentences[e.sentence];
    var a = null, b = null;
    if (s && e.trigger) {
      var i = s[1].toLowerCase().indexOf(String(e.trigger).toLowerCase());
      if (i >= 0) { a = s[0] + Array.from(s[1].slice(0, i)).length; b = a + Array.from(String(e.trigger)).length; }
    }
    box.appendChild(sentenceLink(d, e.sentence, a, b));
    return box;
  }

  function memorialPopup(mem) {
    var d = M.data, box = el("div", "mapper-popup");
    var place = M.byId[mem.place];
    box.setAttribute("data-id", "m" + mem.place);
    box.appendChild(el("h3", null, "Memorials and graves" + (place ? " \u2014 " + place.name : "")));
    var ul = el("ul");
    mem.facts.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("span", "figure", (f.qualifier ? f.qualifier + " " : "") + fmtInt(f.value) + " " + humanKind(f.kind)));
      li.appendChild(sentenceLink(d, f.sentence, f.start, f.end));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function claimPopup(c) {
    var box = el("div", "mapper-popup");
    box.setAttribute("data-id", c.id);
    var a = M.byId[c.from], b = M.byId[c.to];
    box.appendChild(el("h3", null, "Stated distance"));
    box.appendChild(el("p", "meta", (a ? a.name : c.from) + " \u2192 " + (b ? b.name : c.to)));
    var dl = el("dl");
    [["Stated", c.stated_km.toFixed(1) + " km"], ["Computed", c.computed_km.toFixed(1) + " km"],
     ["Consistent", c.consistent ? "yes" : "no"], ["Bearing", c.bearing || "\u2014"]]
      .forEach(function (kv) { dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1])); });
    box.appendChild(dl);
    box.appendChild(sentenceLink(M.data, c.sentence, c.start, c.end));
    return box;
  }

  function lazyPopup(fn, arg) { return function () { return fn(arg); }; }

  /* ---- the date line: one continuous shape per country ---- */

  function ringSpan(ring) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < ring.length; i++) { var x = ring[i][0]; if (x < lo) lo = x; if (x > hi) hi = x; }
    return hi - lo;
  }
  /* A ring or line whose consecutive points jump more than 180 degrees: shift the rest by
     360 so it runs on, if that makes it narrower (Antarctica's ring, which runs all the way
     round, stays as it is). */
  function unwrapRing(ring) {
    var out = [], shift = 0;
    for (var i = 0; i < ring.length; i++) {
      var x = ring[i][0] + shift;
      if (i) {
        var dx = x - out[i - 1][0];
        if (dx > 180) { shift -= 360; x -= 360; } else if (dx < -180) { shift += 360; x += 360; }
      }
      out.push([x, ring[i][1]]);
    }
    return ringSpan(out) < ringSpan(ring) - 1 ? out : ring;
  }
  function partCentre(ring) {
    var s = 0;
    for (var i = 0; i < ring.length; i++) s += ring[i][0];
    return ring.length ? s / ring.length : 0;
  }
  function partSize(ring) {
    var lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    ring.forEach(function (p) { lo[0] = Math.min(lo[0], p[0]); lo[1] = Math.min(lo[1], p[1]); hi[0] = Math.max(hi[0], p[0]); hi[1] = Math.max(hi[1], p[1]); });
    return (hi[0] - lo[0]) * (hi[1] - lo[1]);
  }
  function shiftRings(rings, by) { return rings.map(function (r) { return r.map(function (p) { return [p[0] + by, p[1]]; }); }); }
  /* Parts (polygons or lines) on the far side of the date line from the biggest part move
     by 360 degrees to sit beside it. */
  function unwrapParts(parts, first) {
    if (parts.length < 2) return parts;
    var ref = 0, best = -1;
    parts.forEach(function (pt, i) { var s = partSize(first(pt)); if (s > best) { best = s; ref = i; } });
    var c0 = partCentre(first(parts[ref]));
    return parts.map(function (pt) {
      var d = partCentre(first(pt)) - c0;
      return d > 180 ? shiftRings(pt, -360) : d < -180 ? shiftRings(pt, 360) : pt;
    });
  }
  function unwrapGeometry(g) {
    if (!g || !g.coordinates) return g;
    var t = g.type, c = g.coordinates;
    if (t === "Polygon") c = c.map(unwrapRing);
    else if (t === "MultiPolygon") {
      c = unwrapParts(c.map(function (poly) { return poly.map(unwrapRing); }), function (poly) { return poly[0]; });
    } else if (t === "LineString") c = unwrapRing(c);
    else if (t === "MultiLineString") {
      c = c.map(unwrapRing);
      c = unwrapParts(c.map(function (line) { return [line]; }), function (pt) { return pt[0]; }).map(function (pt) { return pt[0]; });
    } else return g;
    return { type: t, coordinates: c };
  }
  function unwrapGeoJSON(gj) {
    if (!gj) return gj;
    if (gj.type === "FeatureCollection") {
      return { type: gj.type, features: (gj.features || []).map(unwrapGeoJSON) };
    }
    if (gj.type === "Feature") return { type: "Feature", properties: gj.properties || {}, geometry: unwrapGeometry(gj.geometry) };
    return unwrapGeometry(gj);
  }
  /* The short way round from a to b: b's longitude, moved by 360 if that is nearer to a's. */
  function nearLon(from, lon) {
    while (lon - from > 180) lon -= 360;
    while (lon - from < -180) lon += 360;
    return lon;
  }

  /* ---- layers ---- */

  function buildBasemap(map, d) {
    map.createPane("basemap"); map.getPane("basemap").style.zIndex = 150;
    var style = { color: "#a39d8f", weight: 0.7, fillColor: LAND, fillOpacity: 1, interactive: false };
    var renderer = L.canvas({ pane: "basemap", padding: 0.5 });
    M.baseRenderer = renderer;
    var group = L.layerGroup();
    if (d.basemap && d.basemap.world) group.addLayer(L.geoJSON(unwrapGeoJSON(d.basemap.world), { style: style, renderer: renderer, interactive: false }));
    if (d.basemap && d.basemap.detail) {
      group.addLayer(L.geoJSON(unwrapGeoJSON(d.basemap.detail), {
        style: function (f) {
          return f.properties.fill ? { stroke: false, fillColor: LAND, fillOpacity: 1 }
                                   : { color: "#8f897b", weight: 0.9, fill: false };
        },
        renderer: renderer, interactive: false
      }));
    }
    return group;
  }

  /* Roughly how big an area is (square degrees of latitude, longitudes shrunk by the
     cosine of the latitude): smaller areas are drawn, and clicked, above bigger ones. */
  function ringArea(ring) {
    var a = 0, n = ring.length;
    if (n < 3) return 0;
    var k = Math.cos(ring[0][1] * Math.PI / 180);
    for (var i = 0, j = n - 1; i < n; j = i++) a += (ring[j][0] * k) * ring[i][1] - (ring[i][0] * k) * ring[j][1];
    return Math.abs(a) / 2;
  }
  function geomArea(g) {
    if (!g || !g.coordinates) return 0;
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.reduce(function (s, poly) {
      return s + poly.reduce(function (t, ring, i) { return t + (i ? -1 : 1) * ringArea(ring); }, 0);
    }, 0);
  }
  function areaSize(p) {
    var s = M.data.shapes[p.shape];
    if (s) return geomArea(s);
    var r = (p.rkm || REGION_RADIUS_KM[p.kind] || REGION_RADIUS_KM.other) / 111;
    return Math.PI * r * r;
  }

  /* A country outline over its own memorial fill: hit on its edge only while the fill is
     shown (the fill below answers inside), the whole shape otherwise. */
  function outlineContains(p) {
    if (this.mapperFillGroup && M.map && M.map.hasLayer(this.mapperFillGroup)) return L.Polyline.prototype._containsPoint.call(this, p, true);
    return L.Polygon.prototype._containsPoint.call(this, p);
  }

  function buildAreas(map, d) {
    var group = L.featureGroup(), renderer = M.renderer;
    d.places.forEach(function (p) {
      if (p.cat !== "area") return;
      var layer;
      if (p.shape !== undefined && p.shape !== null && d.shapes[p.shape]) {
        layer = L.geoJSON(d.shapes[p.shape], { style: function () { return AREA_STYLE; }, renderer: renderer });
      } else {
        var r = (p.rkm || REGION_RADIUS_KM[p.kind] || REGION_RADIUS_KM.other) * 1000;
        layer = L.circle([p.lat, p.lon], L.extend({ radius: r, renderer: renderer }, REGION_STYLE));
      }
      setZ(layer, Z.area, -areaSize(p));  // smaller areas above bigger ones
      if (M.memorialFillOf[p.id]) {
        // the country's memorial fill (below it) takes the clicks inside; the outline keeps
        // the clicks on its edge, so both can be reached
        var fill = M.memorialFillOf[p.id];
        layer.eachLayer(function (x) { x.mapperFillGroup = fill; x._containsPoint = outlineContains; });
      }
      layer.bindPopup(lazyPopup(placePopup, p), popupOptions());
      register(p.id, layer, "place", p.id);
      group.addLayer(layer);
      M.counts.places++;
    });
    return group;
  }

  /* A pin is drawn at its true point plus its fan offset (px, this zoom); the hit test uses
     the same point. A halo follows the pin it surrounds. */
  function fanProject() {
    var src = this.mapperFanOf || this;
    this._point = this._map.latLngToLayerPoint(src._latlng);
    if (src.mapperFan) this._point = this._point.add(src.mapperFan);
    this._updateBounds();
  }

  function pinTolerance() { return this.options.weight / 2 + PIN_TOLERANCE; }

  function buildPins(map, d) {
    var pins = d.places.filter(function (p) { return p.cat === "pin"; });
    var useCluster = d.options.cluster && pins.length > d.options.cluster && L.markerClusterGroup;
    M.clustered = !!useCluster;
    var group = useCluster ? L.markerClusterGroup({ chunkedLoading: false, showCoverageOnHover: false, maxClusterRadius: 50 })
                           : L.featureGroup();
    var layers = [];
    pins.forEach(function (p) {
      var color = PIN_COLORS[p.kind] || PIN_COLORS.other;
      var big = p.kind === "city";
      var doubtful = typeof p.conf === "number" && p.conf < DOUBTFUL_BELOW;
      var mk = L.circleMarker([p.lat, p.lon], {
        renderer: M.renderer, radius: big ? 7 : 5.5, color: "#ffffff", weight: 2,
        fillColor: color, fillOpacity: doubtful ? 0.35 : 0.95, opacity: doubtful ? 0.6 : 1
      });
      mk.mapperConfidence = typeof p.conf === "number" ? p.conf : 1;
      mk.mapperDoubtful = doubtful;
      if (doubtful) M.doubtfulPins = (M.doubtfulPins || 0) + 1;
      mk._project = fanProject;
      mk._clickTolerance = pinTolerance;
      mk.mapperPin = true;
      setZ(mk, Z.pin);
      if (d.options.labels) {
        addLabel({ text: p.name, cls: "mapper-label" + (p.kind === "landmark" ? " landmark" : "") + (doubtful ? " doubtful" : ""),
                   owner: mk, pin: mk,
                   priority: big ? 3 + (p.m ? p.m.length : 0) : 2, at: function () { return pinPoint(mk); },
                   spots: pinSpots(mk) });
      }
      register(p.id, mk, "place", p.id);
      layers.push(mk);
      M.counts.places++;
    });
    M.pinsList = layers;
    M.pinGroup = group;
    if (useCluster) group.addLayers(layers); else layers.forEach(function (l) { group.addLayer(l); });
    group.on("click", function (e) { if (e.layer && e.layer.mapperId !== undefined) openPinPopup(e.layer); });
    return group;
  }

  /* Where each event symbol of a place sits, in px from the place's true point: a ring of
     slots round the pin (or, for a fanned-out pin, an arc just outside the fan), skipping
     the directions its distance lines leave in, so a short line is not buried under them. */
  function eventSlot(i, pid) {
    var ring = Math.max(22, (M.memorialAt[pid] || 0) + 13);
    var avoid = (M.claimsAt[pid] || []).map(function (li) {
      var ll = li[0].getLatLngs(), a = M.map.project(ll[li[1]], 0), b = M.map.project(ll[1 - li[1]], 0);
      return Math.atan2(-(b.y - a.y), b.x - a.x);
    });
    var angle = Math.PI / 4, n = -1;
    for (var k = 0; k < 40; k++) {
      angle = Math.PI / 4 - k * (Math.PI / 3.2);
      var clear = avoid.every(function (t) {
        var d = Math.abs(((angle - t) % (2 * Math.PI) + 3 * Math.PI) % (2 * Math.PI) - Math.PI);
        return d > Math.PI / 5.5;
      });
      if ((clear || k >= 12) && ++n === i) break;  // past 12: crowded, take the slots as they come
    }
    return L.point(Math.round(Math.cos(angle) * ring), -Math.round(Math.sin(angle) * ring));
  }

  function setEventOffset(mk, o) {
    if (mk.mapperOffset && mk.mapperOffset.equals(o)) return;
    mk.mapperOffset = o;
    var a = [11 - o.x, 11 - o.y];
    mk.options.icon.options.iconAnchor = a;
    if (mk._icon) { mk._icon.style.marginLeft = (-a[0]) + "px"; mk._icon.style.marginTop = (-a[1]) + "px"; }
    var pp = mk.getPopup();
    if (pp) { pp.options.offset = L.point(o.x, o.y); if (pp.isOpen && pp.isOpen()) pp.update(); }
  }

  function buildEvents(map, d) {
    var group = L.featureGroup();
    d.events.forEach(function (e) {
      var p = M.byId[e.place];
      if (!p) return;
      var list = (M.eventsAt[e.place] = M.eventsAt[e.place] || []);
      var o = eventSlot(list.length, e.place);
      var sym = EVENT_SYMBOLS[e.kind] || DEFAULT_EVENT_SYMBOL;
      var holder = el("div");
      holder.appendChild(svgSymbol(sym[0], sym[1], e.hedged, 22));
      holder.setAttribute("data-id", e.id);
      var icon = L.divIcon({ className: "mapper-event", html: holder, iconSize: [22, 22], iconAnchor: [11 - o.x, 11 - o.y] });
      var mk = L.marker([p.lat, p.lon], { icon: icon, pane: "events", title: humanKind(e.kind) + (e.date ? " " + e.date : "") });
      mk.bindPopup(lazyPopup(eventPopup, e), popupOptions({ offset: [o.x, o.y] }));
      mk.mapperOffset = o; mk.mapperSlot = list.length;
      list.push(mk);
      register(e.id, mk, "event", e.place);
      group.addLayer(mk);
      M.counts.events++;
    });
    return group;
  }

  function buildMemorials(map, d) {
    var group = L.featureGroup();
    d.memorials.forEach(function (mem) {
      var p = M.byId[mem.place];
      if (!p) return;
      var id = "m" + mem.place;
      if (p.shape !== undefined && p.shape !== null && d.shapes[p.shape]) {
        var fill = L.geoJSON(d.shapes[p.shape], { style: function () { return MEMORIAL_FILL; }, renderer: M.renderer });
        setZ(fill, Z.memorialFill);
        M.memorialFillOf[mem.place] = fill;
        fill.bindPopup(lazyPopup(memorialPopup, mem), popupOptions());
        register(id, fill, "memorial", mem.place);
        group.addLayer(fill);
      }
      var at = p.label || [p.lat, p.lon];
      var r = M.memorialAt[mem.place];
      var sym = L.circleMarker(at, { renderer: M.renderer, radius: r, color: "#4e342e", weight: 2, fillColor: "#6d4c41", fillOpacity: 0.55 });
      setZ(sym, Z.memorial);
      sym.bindPopup(lazyPopup(memorialPopup, mem), popupOptions());
      var text = (mem.total_qualifier ? mem.total_qualifier + " " : "") + fmtInt(mem.total) + " " + humanKind(mem.total_kind);
      if (d.options.labels) {
        addLabel({ text: text, cls: "mapper-label memorial", owner: sym, priority: 2.8,
                   at: function () { return M.map.latLngToContainerPoint(sym.getLatLng()); },
                   spots: function (w, h) { return [[-w / 2, r + 2], [r + 4, -h / 2], [-r - 4 - w, -h / 2]]; } });
      } else {
        sym.bindTooltip(el("span", null, text), { direction: "bottom", offset: [0, r], className: "mapper-label", opacity: 1 });
      }
      register(id, sym, "memorial", mem.place);
      group.addLayer(sym);
      M.counts.memorials++;
    });
    return group;
  }

  function claimEnds(c) {
    var a = M.byId[c.from], b = M.byId[c.to];
    return [[a.lat, a.lon], [b.lat, nearLon(a.lon, b.lon)]];
  }

  /* A distance line runs between its pins as drawn (a fanned-out pin included). */
  function claimProject() {
    L.Polyline.prototype._project.call(this);
    var ends = this.mapperEnds, ring = this._rings && this._rings[0];
    if (!ends || !ring || ring.length < 2) return;
    var moved = false;
    [[0, ends[0]], [ring.length - 1, ends[1]]].forEach(function (e) {
      var pin = e[1];
      if (pin && pin.mapperFan) { ring[e[0]] = ring[e[0]].add(pin.mapperFan); moved = true; }
    });
    if (moved) {
      this._rawPxBounds = new L.Bounds(ring);
      this._updateBounds();
    }
  }
  function pinOf(pid) { return M.layersFor(pid).filter(function (l) { return l.mapperPin; })[0] || null; }

  function buildClaims(map, d) {
    var group = L.featureGroup();
    d.claims.forEach(function (c) {
      var a = M.byId[c.from], b = M.byId[c.to];
      if (!a || !b) return;
      var line = L.polyline(claimEnds(c), L.extend({ renderer: M.renderer }, CLAIM_STYLE));
      setZ(line, Z.claim);
      line.mapperEnds = [pinOf(c.from), pinOf(c.to)];
      line._project = claimProject;
      line.bindPopup(lazyPopup(claimPopup, c), popupOptions());
      (M.claimsAt[c.from] = M.claimsAt[c.from] || []).push([line, 0]);
      (M.claimsAt[c.to] = M.claimsAt[c.to] || []).push([line, 1]);
      var text = "stated " + Math.round(c.stated_km) + " km \u00b7 computed " + Math.round(c.computed_km) + " km";
      if (d.options.labels) {
        addLabel({ text: text, cls: "mapper-label claim", owner: line, priority: 2.5,
                   at: function () {
                     var ll = line.getLatLngs(), e = line.mapperEnds;
                     var p0 = e[0] ? pinPoint(e[0]) : M.map.latLngToContainerPoint(ll[0]);
                     var p1 = e[1] ? pinPoint(e[1]) : M.map.latLngToContainerPoint(ll[1]);
                     return p0.add(p1).divideBy(2);
                   },
                   spots: function (w, h) { return [[-w - 8, -h / 2], [8, -h / 2], [-w / 2, -h - 6], [-w / 2, 6]]; } });
      } else {
        line.bindTooltip(el("span", null, text), { direction: "left", offset: [-6, 0], className: "mapper-label claim", opacity: 1 });
      }
      register(c.id, line, "claim", null);
      group.addLayer(line);
      M.counts.claims++;
    });
    return group;
  }

  /* Country and region names (centred on the place's label point, above its memorial symbol
     when it has one). */
  function buildAreaLabels(d) {
    var group = L.layerGroup();  // an empty layer: the overlay "Country labels" switches them
    if (!d.options.labels) return group;
    d.places.forEach(function (p) {
      if (p.cat !== "area") return;
      var pt = p.label || [p.lat, p.lon];
      var mem = M.memorialAt[p.id];
      var owner = M.layersFor(p.id)[0];
      addLabel({ text: p.name, cls: "mapper-country-label", owner: owner, also: group, priority: p.kind === "country" ? 1.5 : 1,
                 at: function () { return M.map.latLngToContainerPoint(pt); }, area: true,
                 spots: function (w, h) {
                   if (mem) return [[-w / 2, -mem - 4 - h], [mem + 6, -h / 2], [-mem - 6 - w, -h / 2], [-w / 2, mem + 20]];
                   return [[-w / 2, -h / 2], [-w / 2, -h * 1.6], [-w / 2, h * 0.6], [-w / 2, -h * 2.7], [-w / 2, h * 1.7]];
                 } });
    });
    return group;
  }

  /* ---- fanning out pins that share a point ---- */

  function pinPoint(mk) {
    var p = M.map.latLngToContainerPoint(mk.getLatLng());
    return mk.mapperFan ? p.add(mk.mapperFan) : p;
  }
  /* A pin's label goes right, left, above or below it; a fanned-out pin's label prefers
     the side facing away from its group. */
  function pinSpots(mk) {
    return function (w, h) {
      var r = mk.options.radius + 1;
      var spots = [[r + 4, -h / 2, 1, 0], [-r - 4 - w, -h / 2, -1, 0], [-w / 2, -r - 2 - h, 0, -1], [-w / 2, r + 1, 0, 1]];
      if (mk.mapperFan && mk.mapperFanAngle !== undefined) {
        var ux = Math.cos(mk.mapperFanAngle), uy = Math.sin(mk.mapperFanAngle);
        spots.sort(function (a, b) { return (b[2] * ux + b[3] * uy) - (a[2] * ux + a[3] * uy); });
      }
      return spots;
    };
  }

  /* Group the pins on the map that lie within FAN_NEAR_PX of each other (a grid of cells, so
     10,000 pins stay cheap), spread each group on a ring round its centre, draw a leader line
     from each pin to its true point, and move the event symbols of those places just
     outside the ring. Runs on every zoom and whenever layers come and go. */
  function computeFan(force) {
    var map = M.map;
    if (!map || M.clustered) return;
    // once per view (zoomend and viewreset both come after a zoom), unless layers changed
    var key = map.getZoom() + "|" + map.getPixelOrigin();
    if (!force && key === M.fanKey) return;
    M.fanKey = key;
    var pts = [];
    M.pinsList.forEach(function (mk) {
      if (M.dragging === mk || !map.hasLayer(mk)) return;
      pts.push({ mk: mk, p: map.latLngToLayerPoint(mk.getLatLng()), i: pts.length, parent: pts.length });
    });
    function find(it) {  // union-find, with path halving
      while (it.parent !== it.i) { it.parent = pts[it.parent].parent; it = pts[it.parent]; }
      return it;
    }
    /* join the groups of pins that lie within `near` px of each other at `at(it)` */
    function join(at, near, movedOnly) {
      var grid = {}, merged = false;
      pts.forEach(function (it) {
        var q = at(it), key = Math.floor(q.x / near) + ":" + Math.floor(q.y / near);
        (grid[key] = grid[key] || []).push(it);
      });
      pts.forEach(function (it) {
        if (it.crowd || (movedOnly && it.at === it.p)) return;
        var q = at(it), cx = Math.floor(q.x / near), cy = Math.floor(q.y / near), dx, dy, n = 0;
        // a crowd (far more pins round here than a ring can hold) is left as it is: cheap too
        for (dx = -1; dx <= 1; dx++) for (dy = -1; dy <= 1; dy++) n += (grid[(cx + dx) + ":" + (cy + dy)] || []).length;
        if (n > 3 * FAN_MAX) { it.crowd = true; return; }
        for (dx = -1; dx <= 1; dx++) for (dy = -1; dy <= 1; dy++) {
          (grid[(cx + dx) + ":" + (cy + dy)] || []).forEach(function (o) {
            if (o === it || (!movedOnly && o.i <= it.i) || o.crowd || at(o).distanceTo(q) > near) return;
            var a = find(it), b = find(o);
            if (a !== b) { b.parent = a.i; merged = true; }
          });
        }
      });
      return merged;
    }
    join(function (it) { return it.p; }, FAN_NEAR_PX);
    var fans, leaders, rounds = 0;
    // a ring can land on a pin nearby: then that pin joins the group, and the ring is laid again
    do {
      var groups = {};
      pts.forEach(function (it) { var r = find(it).i; (groups[r] = groups[r] || []).push(it); it.at = it.p; });
      fans = {}; leaders = [];
      M.fanGroups = [];
      Object.keys(groups).forEach(function (k) {
        var g = groups[k];
        if (g.length < 2 || g.length > FAN_MAX) return;  // a crowd: zoom in (or cluster) instead
        var c = g.reduce(function (s, it) { return s.add(it.p); }, L.point(0, 0)).divideBy(g.length);
        var R = Math.max(FAN_MIN_RADIUS, g.length * FAN_SPACING_PX / (2 * Math.PI));
        // keep neighbours in their compass order round the centre; identical points by id
        g.sort(function (a, b) {
          var aa = Math.atan2(a.p.y - c.y, a.p.x - c.x), bb = Math.atan2(b.p.y - c.y, b.p.x - c.x);
          return a.p.distanceTo(c) < 0.5 || b.p.distanceTo(c) < 0.5 ? (a.i - b.i) : aa - bb;
        });
        var ids = [];
        g.forEach(function (it, j) {
          var th = -Math.PI / 2 + 2 * Math.PI * j / g.length;
          var at = c.add(L.point(Math.cos(th) * R, Math.sin(th) * R));
          it.at = at;
          fans[L.stamp(it.mk)] = { off: at.subtract(it.p).round(), th: th, c: c, R: R };
          leaders.push([map.layerPointToLatLng(it.p), map.layerPointToLatLng(at)]);
          ids.push(it.mk.mapperId);
        });
        M.fanGroups.push({ ids: ids, center: map.layerPointToLatLng(c), radius: R });
      });
    } while (++rounds < 5 && join(function (it) { return it.at; }, FAN_OVERLAP_PX, true));
    M.pinsList.forEach(function (mk) {
      var f = fans[L.stamp(mk)], off = f ? f.off : null;
      var was = mk.mapperFan;
      if ((was && off && was.equals(off)) || (!was && !off)) { /* unchanged */ } else {
        mk.mapperFan = off;
        if (mk._map) mk.redraw();
        (M.claimsAt[mk.mapperId] || []).forEach(function (li) { if (li[0]._map) li[0].redraw(); });
      }
      if (f) mk.mapperFanAngle = f.th;
      // its events: an arc just outside the ring, or the usual slots round the pin
      var evs = M.eventsAt[mk.mapperId] || [];
      evs.forEach(function (ev, j) {
        var o;
        if (f) {
          var R2 = f.R + 21, step = 24 / R2, phi = f.th + (j - (evs.length - 1) / 2) * step;
          var p = map.latLngToLayerPoint(mk.getLatLng());
          o = f.c.add(L.point(Math.cos(phi) * R2, Math.sin(phi) * R2)).subtract(p).round();
        } else o = eventSlot(j, mk.mapperId);
        setEventOffset(ev, o);
      });
    });
    // the leader lines, under the pins
    if (!M.leaders) M.leaders = L.layerGroup().addTo(map);
    M.leaders.clearLayers();
    leaders.forEach(function (ll) {
      M.leaders.addLayer(setZ(L.polyline(ll, { renderer: M.renderer, color: "#37474f", weight: 1.2, opacity: 0.85, interactive: false }), Z.leader));
      M.leaders.addLayer(setZ(L.circleMarker(ll[0], { renderer: M.renderer, radius: 2.2, stroke: false, fillColor: "#37474f", fillOpacity: 0.9, interactive: false }), Z.leader));
    });
    if (M.hl && M.hl.halo && M.hl.halo._map) M.hl.halo.redraw();
  }
  M.fanOffset = function (id) {
    var l = M.layersFor(id).filter(function (x) { return x.mapperPin; })[0];
    return l && l.mapperFan ? [l.mapperFan.x, l.mapperFan.y] : null;
  };

  /* ---- labels: placed where they fit, never under a control ---- */

  /* A label: its text, the layer it belongs to (hidden with it), the point it labels (a
     container point, from at()) and the places it may go (spots(w, h): top-left corners
     relative to that point, best first). */
  function addLabel(spec) {
    spec.node = el("div", "mapper-lbl " + spec.cls, spec.text);
    spec.node.classList.add("mapper-hidden");
    M.map.getPane("labels").appendChild(spec.node);
    M.labels.push(spec);
    return spec;
  }

  function overlaps(r, list, gap) {
    for (var i = 0; i < list.length; i++) {
      var q = list[i];
      if (r.x0 < q.x1 + gap && r.x1 > q.x0 - gap && r.y0 < q.y1 + gap && r.y1 > q.y0 - gap) return q;
    }
    return null;
  }

  /* Place every label: most important first (pins by how often they are mentioned, then
     memorial figures, distances, countries), each at the first of its spots that stays in
     the map, clear of the controls, of the labels already placed, of the pins and of the
     event symbols. A label that fits nowhere is hidden and counted. */
  function declutter() {
    var map = M.map;
    if (!map || !M.labels.length) return;
    var size = map.getSize(), c = map.getContainer(), base = c.getBoundingClientRect();
    // reads first (sizes once, then the obstacles), writes after: no layout thrashing
    M.labels.forEach(function (l) {
      if (!l.w) { l.w = Math.ceil(l.node.offsetWidth) || 0; l.h = Math.ceil(l.node.offsetHeight) || 0; }
    });
    function rel(r) { return { x0: r.left - base.left, y0: r.top - base.top, x1: r.right - base.left, y1: r.bottom - base.top }; }
    var controls = [], marks = [];
    Array.prototype.forEach.call(c.querySelectorAll(".leaflet-control"), function (ctl) {
      var r = ctl.getBoundingClientRect();
      if (r.width && r.height) controls.push(rel(r));
    });
    M.pinsList.forEach(function (mk) {
      if (!map.hasLayer(mk) || !mk._point) return;
      var p = map.layerPointToContainerPoint(mk._point), r = mk.options.radius + 1;
      marks.push({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r, pin: mk });
    });
    if (M.eventsGroup && map.hasLayer(M.eventsGroup)) {
      M.eventsGroup.eachLayer(function (mk) {
        if (!mk._icon) return;
        var r = mk._icon.getBoundingClientRect();
        if (r.width) { var q = rel(r); q.x0 += 2; q.y0 += 2; q.x1 -= 2; q.y1 -= 2; marks.push(q); }
      });
    }
    var items = M.labels.slice().sort(function (a, b) { return b.priority - a.priority; });
    var placed = [], shown = 0, hidden = 0, retry = [];
    function place(l, withEvents) {
      var a = l.at(), spots = l.spots(l.w, l.h);
      var keep = marks.filter(function (q) { return q.pin ? q.pin !== l.pin : withEvents; });
      for (var i = 0; i < spots.length; i++) {
        var x = Math.round(a.x + spots[i][0]), y = Math.round(a.y + spots[i][1]);
        var r = { x0: x, y0: y, x1: x + l.w, y1: y + l.h };
        if (r.x0 < 2 || r.y0 < 2 || r.x1 > size.x - 2 || r.y1 > size.y - 2) continue;
        if (overlaps(r, controls, 3) || overlaps(r, placed, 1) || overlaps(r, keep, 0)) continue;
        return r;
      }
      return null;
    }
    items.forEach(function (l) {
      l.pos = null;
      var vis = l.owner && map.hasLayer(l.owner) && (!l.also || map.hasLayer(l.also)) && !(M.dragging && l.pin === M.dragging);
      if (!vis || !l.w) return;
      var a = l.at();
      if (a.x < 0 || a.y < 0 || a.x > size.x || a.y > size.y) return;  // off screen: not "hidden"
      l.pos = place(l, true);
      if (l.pos) { placed.push(l.pos); shown++; } else if (l.priority >= 4) retry.push(l); else hidden++;
    });
    // the names of much-mentioned cities may sit over an event symbol rather than go
    retry.forEach(function (l) {
      l.pos = place(l, false);
      if (l.pos) { placed.push(l.pos); shown++; } else hidden++;
    });
    M.labels.forEach(function (l) {
      if (l.pos) {
        L.DomUtil.setPosition(l.node, map.containerPointToLayerPoint([l.pos.x0, l.pos.y0]).round());
        l.node.classList.remove("mapper-hidden");
      } else l.node.classList.add("mapper-hidden");
    });
    M.labelCount = { shown: shown, hidden: hidden };
    // (not the controls: a town name under a control is hidden by it, and an export, which has
    // other controls, then names the same towns as the screen)
    M._obstacles = marks.map(function (q) { return { x0: q.x0, y0: q.y0, x1: q.x1, y1: q.y1 }; }).concat(placed);
    if (M.townLabels && M.townLabels._map) M.townLabels.schedule();
    if (M.hintEl) {
      M.hintEl.textContent = hidden ? hidden + (hidden === 1 ? " label" : " labels") + " hidden" +
        (M.data.options["export"] ? "" : " \u00b7 zoom in to see") : "";
      M.hintEl.style.visibility = hidden ? "" : "hidden";  // keeps its room (see controlPadding)
    }
  }

  function buildHint() {
    var ctl = L.control({ position: "bottomleft" });
    ctl.onAdd = function () {
      M.hintEl = el("div", "mapper-hint", "0 labels hidden");
      M.hintEl.style.visibility = "hidden";
      M.hintEl.setAttribute("aria-live", "polite");
      return M.hintEl;
    };
    return ctl;
  }

  /* ---- legends ---- */

  /* The legend rows for the kinds given: [[svg, text] | ["h", heading], ...]. */
  function legendRows(k) {
    var rows = [];
    function dot(color, r) { return lineSymbol({ circle: r || 5, color: "#fff", fill: color, weight: 2 }); }
    if (k.city || k.landmark || k.otherPin || k.areaShape || k.areaCircle) rows.push(["h", "Places"]);
    if (k.city) rows.push([dot(PIN_COLORS.city, 6), "City"]);
    if (k.landmark) rows.push([dot(PIN_COLORS.landmark, 5), "Landmark"]);
    if (k.otherPin) rows.push([dot(PIN_COLORS.other, 5), "Other place"]);
    if (k.doubtful) rows.push([lineSymbol({ circle: 5, color: "#fff", fill: PIN_COLORS.city, fillOpacity: 0.35, weight: 2 }),
                               "Faded: confidence below " + DOUBTFUL_BELOW]);
    if (k.areaShape) rows.push([lineSymbol({ poly: true, color: AREA_STYLE.color, weight: 2 }), "Country, state, county (outline)"]);
    if (k.areaCircle) rows.push([lineSymbol({ circle: 6, color: REGION_STYLE.color, dash: "3 2" }), "Region, no outline known (circle)"]);
    if (k.events.length) {
      rows.push(["h", "Events"]);
      k.events.forEach(function (kind) {
        var sym = EVENT_SYMBOLS[kind] || DEFAULT_EVENT_SYMBOL;
        rows.push([svgSymbol(sym[0], sym[1], false, 18), humanKind(kind)]);
      });
      if (k.hedged) rows.push([svgSymbol("circle", "#555", true, 18), "reported (hedged)"]);
    }
    if (k.memorials) {
      rows.push(["h", "Memorials and graves"]);
      if (k.memorialFill) rows.push([lineSymbol({ poly: true, color: MEMORIAL_FILL.color, fill: MEMORIAL_FILL.fillColor, fillOpacity: 0.6, weight: 1.5 }), "Country with facts"]);
      rows.push([lineSymbol({ circle: 6, color: "#4e342e", fill: "#6d4c41", fillOpacity: 0.6, weight: 2 }), "Size \u221d figure"]);
    }
    if (k.claims) {
      rows.push(["h", "Claims"]);
      rows.push([lineSymbol({ color: CLAIM_STYLE.color, weight: 3, dash: "1 4" }), "Stated distance"]);
    }
    return rows;
  }

  function fillRows(box, rows) {
    rows.forEach(function (r) {
      if (r[0] === "h") { box.appendChild(el("h4", null, r[1])); return; }
      var row = el("div", "row"), s = el("span", "sym");
      s.appendChild(r[0]); row.appendChild(s); row.appendChild(el("span", null, r[1])); box.appendChild(row);
    });
  }

  /* Is this layer drawn now and inside the view? (A kind drawn only off screen has no place in
     the legend of an exported view.) */
  function inView(map, l) {
    if (!map.hasLayer(l)) return false;
    var view = map.getBounds();
    if (l.getLatLng) return view.contains(l.getLatLng());
    if (l.getBounds) { var b = l.getBounds(); return b.isValid() && view.intersects(b); }
    return true;
  }

  /* Kinds in the data (visibleOnly: only those drawn now, after filters and the layer list,
     inside the current view). */
  function legendKinds(visibleOnly) {
    var d = M.data, map = M.map, k = { events: [] };
    function on(id) { return !visibleOnly || M.layersFor(id).some(function (l) { return inView(map, l); }); }
    d.places.forEach(function (p) {
      if (!on(p.id)) return;
      if (p.cat === "pin") {
        k[p.kind === "city" ? "city" : p.kind === "landmark" ? "landmark" : "otherPin"] = true;
        if (typeof p.conf === "number" && p.conf < DOUBTFUL_BELOW) k.doubtful = true;
      } else if (p.shape !== null && p.shape !== undefined) k.areaShape = true; else k.areaCircle = true;
    });
    var seen = {};
    d.events.forEach(function (e) {
      if (!on(e.id)) return;
      if (!seen[e.kind]) { seen[e.kind] = true; k.events.push(e.kind); }
      if (e.hedged) k.hedged = true;
    });
    d.memorials.forEach(function (mem) {
      M.layersFor("m" + mem.place).forEach(function (l) {
        if (!visibleOnly || inView(map, l)) { k.memorials = true; if (l.eachLayer) k.memorialFill = true; }
      });
    });
    d.claims.forEach(function (c) { if (on(c.id)) k.claims = true; });
    return k;
  }

  /* The legend: expanded on big maps; on small ones a "Legend" button (a real <button>, so
     Tab, Enter and Space work) that opens and closes it; Escape closes it again. */
  function buildLegend(d) {
    var ctl = L.control({ position: "bottomright" });
    ctl.onAdd = function () {
      var outer = el("div", "mapper-legend");
      var toggle = el("button", "mapper-legend-toggle", "Legend");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", "mapper-legend-body");
      toggle.title = "Show or hide the legend";
      var box = el("div", "mapper-legend-body");
      box.id = "mapper-legend-body";
      outer.appendChild(toggle);
      outer.appendChild(box);
      var k = legendKinds(false);
      k.memorialFill = d.memorials.length > 0;  // as before: both rows whenever there are facts
      fillRows(box, legendRows(k));
      toggle.addEventListener("click", function () { M.setLegendOpen(!M.legendOpen); });
      outer.addEventListener("keydown", function (ev) {
        if ((ev.key === "Escape" || ev.key === "Esc") && M.compact && M.legendOpen) {
          M.setLegendOpen(false); toggle.focus(); ev.stopPropagation();
        }
      });
      L.DomEvent.disableClickPropagation(outer);
      L.DomEvent.disableScrollPropagation(outer);
      M.legendEl = outer; M.legendToggle = toggle; M.legendBody = box;
      return outer;
    };
    return ctl;
  }

  /* Export mode: a small static legend of only what is drawn (rebuilt when filters change). */
  function refreshExportLegend() {
    if (!M.data.options["export"] || !M.map) return;
    if (!M.exportLegend) {
      M.exportLegend = L.control({ position: "bottomright" });
      M.exportLegend.onAdd = function () { return el("div", "mapper-export-legend"); };
      M.exportLegend.addTo(M.map);
    }
    var box = M.exportLegend.getContainer();
    while (box.firstChild) box.removeChild(box.firstChild);
    var rows = legendRows(legendKinds(true));
    fillRows(box, rows);
    box.style.display = rows.length ? "" : "none";
  }

  /* Open or close the legend (only meaningful on a small map: a big one always shows it). */
  M.setLegendOpen = function (open) {
    M.legendOpen = !!open;
    if (M.legendEl) {
      M.legendEl.classList.toggle("open", M.legendOpen);
      M.legendToggle.setAttribute("aria-expanded", String(M.legendOpen || !M.compact));
    }
    if (M.map) { M.layout(); declutter(); }
    return M.legendOpen;
  };

  function buildTitle(d) {
    var ctl = L.control({ position: "topleft" });
    ctl.onAdd = function () {
      var box = el("div", "mapper-title");
      box.appendChild(el("span", "mapper-title-text", d.title || "mapper"));
      var n = d.places.length, parts = [n + (n === 1 ? " place" : " places")];
      if (d.events.length) parts.push(d.events.length + " events");
      if (d.memorials.length) parts.push(d.memorials.length + " memorial places");
      if (d.published) parts.unshift(d.published);
      box.appendChild(el("small", null, parts.join(" \u00b7 ")));
      // the whole title, also when a small map cuts it to one line
      box.title = (d.title || "mapper") + "\n" + parts.join(" \u00b7 ");
      M.titleEl = box;
      return box;
    };
    return ctl;
  }

  /* ---- init ---- */

  M.init = function (map, data) {
    var t0 = (window.performance && performance.now()) || 0;
    M.map = map; M.data = data;
    EVENT_SYMBOLS = data.eventSymbols || {};
    window.mapperReady = false;
    var opts = data.options = data.options || {};
    data.shapes = (data.shapes || []).map(unwrapGeometry);
    // a country's label point on the same side of the date line as its (unwrapped) shape
    data.places.forEach(function (p) {
      var g = p.shape !== undefined && p.shape !== null ? data.shapes[p.shape] : null;
      if (!g || !p.label) return;
      var b = L.geoJSON(g).getBounds();
      if (b.isValid() && (p.label[1] < b.getWest() || p.label[1] > b.getEast())) {
        p.label = [p.label[0], nearLon((b.getWest() + b.getEast()) / 2, p.label[1])];
      }
    });
    data.places.forEach(function (p) { M.byId[p.id] = p; });
    M.memorialAt = {};  // place id -> proportional symbol radius (px), area ~ the largest figure
    M.memorialFillOf = {};  // place id -> its memorial fill (a GeoJSON group)
    data.memorials.forEach(function (mem) { M.memorialAt[mem.place] = Math.max(9, Math.min(45, 4 + Math.sqrt(mem.total) * 0.45)); });
    [["vectors", 400], ["events", 620], ["labels", 640]]
      .forEach(function (pz) { map.createPane(pz[0]); map.getPane(pz[0]).style.zIndex = pz[1]; });
    map.getPane("labels").style.pointerEvents = "none";
    // ONE canvas for every clickable vector layer (see the header)
    M.renderer = new SharedCanvas({ pane: "vectors", padding: 0.5, tolerance: HIT_TOLERANCE });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(data.vector ? "mapper"
      : "Basemap: Natural Earth (public domain) \u00b7 Places: GeoNames (CC BY 4.0) \u00b7 mapper");
    var container = map.getContainer();
    if (opts["export"]) {
      container.classList.add("mapper-export");
      if (map.zoomControl) map.zoomControl.remove();
    }

    var bases = {}, overlays = {};
    var basemap = buildBasemap(map, data);
    var defaultBase = WORLD_BASE;
    // the offline vector basemap (issue 14), the default when the app has its archive
    if (data.vector && window.mapperBasemap && window.pmtiles) {
      var vb = new window.mapperBasemap.Layer(data.vector);
      M.vectorBase = vb;
      vb.on("load", function () { M.basemapLoaded = true; });
      M.townLabels = new window.mapperBasemap.TownLabels(vb);
      bases[VECTOR_BASE] = L.layerGroup([vb, M.townLabels]);
      defaultBase = VECTOR_BASE;
    }
    bases[data.vector ? WORLD_BASE_LIGHT : WORLD_BASE] = basemap;
    defaultBase = M.vectorBase ? VECTOR_BASE : data.vector ? WORLD_BASE_LIGHT : WORLD_BASE;
    [data.tiles, data.web_tiles].forEach(function (t) {
      if (!t || bases[t.name]) return;
      var tl = bases[t.name] = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.max_zoom || 19 });
      // web tiles that fail (offline, or blocked by the app) say so instead of a silent grey map
      tl.on("tileerror", function () {
        M.webTileErrors = (M.webTileErrors || 0) + 1;
        if (!M.tileNotice) {
          M.tileNotice = L.control({ position: "bottomleft" });
          M.tileNotice.onAdd = function () { return el("div", "mapper-tile-notice", "Web tiles could not load (no network?): choose \u201cOffline map\u201d in the layers"); };
        }
        if (!M.tileNotice._map && map.hasLayer(tl)) M.tileNotice.addTo(map);
      });
      tl.on("remove", function () { if (M.tileNotice && M.tileNotice._map) M.tileNotice.remove(); });
    });
    if (data.tiles) defaultBase = data.tiles.name;  // the user chose web tiles in the app's settings
    var wanted = opts.base && (BASE_ALIASES[opts.base] || opts.base);
    if (wanted === WORLD_BASE && !bases[WORLD_BASE]) wanted = WORLD_BASE_LIGHT;
    if (wanted === WORLD_BASE_LIGHT && !bases[WORLD_BASE_LIGHT]) wanted = WORLD_BASE;
    bases[wanted && bases[wanted] ? wanted : defaultBase].addTo(map);

    // the fill sits below the outlines, the proportional symbols above them (z order, Z)
    var memorials = data.memorials.length ? buildMemorials(map, data) : null;
    var areas = buildAreas(map, data);
    var pins = buildPins(map, data);
    var events = buildEvents(map, data);
    var claims = buildClaims(map, data);
    var labels = buildAreaLabels(data);

    overlays["Countries and regions"] = areas;
    overlays["Cities and landmarks"] = pins;
    if (data.events.length) overlays["Events"] = events;
    if (memorials) overlays["Memorials and graves"] = memorials;
    if (data.claims.length) overlays["Stated distances"] = claims;
    if (opts.labels) overlays["Country labels"] = labels;
    [memorials, areas, claims, pins, events].forEach(function (g) { if (g) groupClicks(g); });
    [memorials, areas, claims, pins, events, labels].forEach(function (g) { if (g) g.addTo(map); });
    M.overlays = overlays; M.bases = bases;
    M.groups = { place: [areas, pins, labels], event: [events], fact: [memorials] };
    M.eventsGroup = events;
    (opts.overlays_off || []).forEach(function (name) { if (overlays[name] && map.hasLayer(overlays[name])) map.removeLayer(overlays[name]); });
    if (opts.drag_pins !== false && !opts["export"]) enablePinDrag(pins);

    buildTitle(data).addTo(map);
    if (!opts["export"]) buildLegend(data).addTo(map);
    if (opts.labels) buildHint().addTo(map);
    // a click that ends a pin drag is not a click
    container.addEventListener("click", function (ev) {
      if (Date.now() < M.suppressClickUntil) { ev.stopPropagation(); ev.preventDefault(); M.suppressClickUntil = 0; }
    }, true);
    // the right button: never the browser's menu; the app's, through the bridge
    document.addEventListener("contextmenu", function (ev) {
      ev.preventDefault();
      var x = ev.clientX, y = ev.clientY, ll = M.latLngAt(x, y), b = window.mapperBridge;
      if (b && typeof b.contextMenu === "function") {
        try { b.contextMenu(String(ll[0]), String(ll[1]), String(x), String(y)); } catch (e) { /* optional */ }
      }
      try {
        document.dispatchEvent(new CustomEvent("mapper:contextmenu",
          { detail: { lat: ll[0], lng: ll[1], x: x, y: y, ids: M.featuresAt(x, y) } }));
      } catch (e) {}
    }, true);

    // labels hide while the map zooms (they are placed for one zoom) and are placed again after
    map.on("zoomstart", function () { container.classList.add("mapper-zooming"); });
    map.on("zoomend viewreset", function () { computeFan(); declutter(); container.classList.remove("mapper-zooming"); });
    map.on("moveend", declutter);
    map.on("overlayadd overlayremove baselayerchange", afterVisibility);
    // under the vector basemap, tiles not drawn yet (mid-flight) show land, not a flash of sea
    var vectorBg = function () { container.classList.toggle("mapper-vector", !!(M.vectorBase && map.hasLayer(M.vectorBase))); };
    map.on("baselayerchange", vectorBg);
    vectorBg();
    // A flight (flyTo) moves and zooms in many steps without redrawing the canvases, which
    // then only scale: zoomed out they cover a fraction of the map and the sea colour shows
    // round them (the "blue flash"). Redraw them at each step of a flight instead.
    var stepPending = false;
    map.on("zoom", function () {
      if (map._animatingZoom || stepPending) return;
      stepPending = true;
      raf(function () {
        stepPending = false;
        if (map._animatingZoom || !map._flyToFrame) return;
        [M.baseRenderer, M.renderer].forEach(function (r) {
          if (!r || !r._map) return;
          for (var k in r._layers) if (r._layers[k]._project) r._layers[k]._project();
          r._update();
        });
      });
    });

    M.layout();
    if (opts.view && opts.view.length === 3) {
      map.setView([opts.view[0], opts.view[1]], opts.view[2], { animate: false });
      M.userMoved = true;  // a chosen view is kept: no refit on resize
    } else {
      M.fit();
      // Until the user moves the map, a resize (the window, or a headless view sized after
      // the page loaded) fits the view again. Using a control is not moving the map.
      M.userMoved = false;
    }
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (ev) {
      container.addEventListener(ev, function (e) {
        if (!(e.target && e.target.closest && e.target.closest(".leaflet-control"))) M.userMoved = true;
      }, { passive: true });
    });
    map.on("resize", function () { M.layout(); if (!M.userMoved) M.fit(); else declutter(); });
    if (opts.hidden_layers && opts.hidden_layers.length) M.setHiddenLayers(opts.hidden_layers);
    if (opts.date_range) M.setDateRange(opts.date_range[0], opts.date_range[1]);
    if (opts.min_confidence) M.setMinConfidence(opts.min_confidence);
    computeFan(true);
    refreshExportLegend();
    if (opts["export"]) map.on("moveend zoomend", refreshExportLegend);  // the legend follows the view
    if (opts["export"]) M.layout();

    // Ready once the canvases have drawn (Leaflet redraws on the next animation frame).
    M.timing = { initStart: t0, initEnd: (window.performance && performance.now()) || 0 };
    var finished = false;
    var done = function () {
      if (finished) return;
      finished = true;
      computeFan(true); declutter();
      if (M.townLabels && M.townLabels._map) M.townLabels.redraw();
      M.timing.ready = (window.performance && performance.now()) || 0;
      window.mapperReady = true; document.documentElement.setAttribute("data-mapper-ready", "1");
    };
    var afterFrames = function () { raf(function () { raf(function () { setTimeout(done, 0); }); }); };
    var vb = M.vectorBase;
    if (vb && map.hasLayer(vb) && vb._loading !== false && !M.basemapLoaded) {
      // the first basemap tiles are part of "drawn" (an export must not grab a blank sea)
      vb.once("load", afterFrames);
      setTimeout(afterFrames, 10000);
    } else afterFrames();
    return M;
  };

  /* After layers came or went (filters, the layer list): fan, halo, order, labels, legend. */
  function afterVisibility() {
    computeFan(true);
    syncHalo();
    M.restack();
    declutter();
    refreshExportLegend();
  }

  /* Fit the view to the places that matter, clear of the title card and the controls (the
     padding layout() measured), with room to the right of the pins for their labels. */
  M.fit = function () {
    var map = M.map, data = M.data;
    if (!data.bounds) return;
    var size = map.getSize();
    // left, top, right, bottom: labels sit to the right of pins; fanned rings reach ~25 px out
    var m = M.compact ? [24, 20, 60, 30] : [36, 30, 80, 50];
    var tl = [M.padTL[0] + m[0], M.padTL[1] + m[1]], br = [M.padBR[0] + m[2], M.padBR[1] + m[3]];
    // never more padding than the map has room for
    var sx = Math.min(1, (size.x * 0.6) / Math.max(1, tl[0] + br[0])), sy = Math.min(1, (size.y * 0.6) / Math.max(1, tl[1] + br[1]));
    map.fitBounds(data.bounds, {
      paddingTopLeft: [tl[0] * sx, tl[1] * sy], paddingBottomRight: [br[0] * sx, br[1] * sy],
      maxZoom: data.options.max_zoom || 9, animate: false
    });
    computeFan();
    declutter();
  };

  /* ---- layout: small maps, control sizes, popup padding ---- */

  function buildLayerControl(collapsed) {
    if (M.layersControl) M.layersControl.remove();
    M.layersControl = L.control.layers(M.bases, M.overlays, { collapsed: collapsed, position: "topright" }).addTo(M.map);
    var link = M.layersControl.getContainer().querySelector(".leaflet-control-layers-toggle");
    if (link) { link.title = "Layers"; link.setAttribute("aria-label", "Layers"); }
    return M.layersControl;
  }

  /* Each control, as a rectangle to keep popups (and the fitted view) away from. Each one
     costs a band across the map (top or bottom) or a strip along a side; take the cheaper. */
  function controlPadding(size) {
    var c = M.map.getContainer(), base = c.getBoundingClientRect();
    var tl = [0, 0], br = [0, 0], gap = 8;
    var corners = M.map._controlCorners || {};
    Object.keys(corners).forEach(function (pos) {
      var top = pos.indexOf("top") === 0, left = pos.indexOf("left") > 0;
      Array.prototype.forEach.call(corners[pos].children, function (ctl) {
        var r = ctl.getBoundingClientRect();
        if (!r.width || !r.height) return;
        var x0 = r.left - base.left, x1 = r.right - base.left, y0 = r.top - base.top, y1 = r.bottom - base.top;
        var band = top ? y1 + gap : size.y - y0 + gap;
        var side = left ? x1 + gap : size.x - x0 + gap;
        if (band * size.x <= side * size.y) {
          if (top) tl[1] = Math.max(tl[1], band); else br[1] = Math.max(br[1], band);
        } else if (left) tl[0] = Math.max(tl[0], side); else br[0] = Math.max(br[0], side);
      });
    });
    return { tl: [Math.max(tl[0], 10), Math.max(tl[1], 10)], br: [Math.max(br[0], 10), Math.max(br[1], 10)] };
  }

  /* Small or big map? Collapse or expand the controls, cut the title to fit, and measure the
     padding popups keep from the controls. Called on init, on resize and on legend toggles. */
  M.layout = function () {
    var map = M.map, data = M.data, c = map.getContainer(), size = map.getSize();
    var lim = data.options.compact_below || [1000, 650];
    var compact = size.x < lim[0] || size.y < lim[1];
    if (data.options["export"]) {
      M.compact = compact;
      c.classList.toggle("mapper-compact", compact);
    } else if (compact !== M.compact || !M.layersControl) {
      M.compact = compact;
      c.classList.toggle("mapper-compact", compact);
      buildLayerControl(compact || !!data.options.collapse_layers);
      M.legendOpen = false;
      if (M.legendEl) {
        M.legendEl.classList.remove("open");
        M.legendToggle.setAttribute("aria-expanded", String(!compact));
      }
    }
    // the title: as wide as the room between the zoom buttons and the layer control
    if (M.titleEl) {
      var base = c.getBoundingClientRect();
      var tr = map._controlCorners && map._controlCorners.topright;
      var trw = tr && tr.getBoundingClientRect().width ? tr.getBoundingClientRect().width : 0;
      var left = M.titleEl.getBoundingClientRect().left - base.left;
      var room = Math.floor(size.x - left - trw - 12);
      M.titleEl.style.maxWidth = Math.max(100, compact ? room : Math.min(560, room)) + "px";
    }
    if (M.legendBody) M.legendBody.style.maxHeight = compact ? Math.max(100, size.y - 150) + "px" : "";
    var pad = controlPadding(size);
    M.padTL[0] = pad.tl[0]; M.padTL[1] = pad.tl[1];
    M.padBR[0] = pad.br[0]; M.padBR[1] = pad.br[1];
    // a popup never taller than the room left between the controls
    var room2 = size.y - pad.tl[1] - pad.br[1] - 60;
    c.style.setProperty("--mapper-popup-max-h", Math.max(120, Math.min(320, room2)) + "px");
    c.style.setProperty("--mapper-popup-max-w", Math.max(180, Math.min(380, size.x - pad.tl[0] - pad.br[0] - 50)) + "px");
    return { compact: compact, padTL: M.padTL.slice(), padBR: M.padBR.slice() };
  };

  /* ---- filters ---- */

  var LAYER_ALIASES = { place: "place", places: "place", event: "event", events: "event",
                        fact: "fact", facts: "fact", memorial: "fact", memorials: "fact" };

  /* Hide the map layers of these kinds ("place": countries, cities, landmarks and their labels;
     "event"; "fact": memorials and graves). A layer the user switched off in the layer
     control stays off when the filter lets it back. */
  M.setHiddenLayers = function (names) {
    var hide = {};
    (names || []).forEach(function (n) { var k = LAYER_ALIASES[String(n).toLowerCase()]; if (k) hide[k] = true; });
    M.hidden = hide;
    Object.keys(M.groups).forEach(function (k) {
      M.groups[k].forEach(function (g) {
        if (!g) return;
        if (hide[k]) {
          if (M.map.hasLayer(g)) { M.map.removeLayer(g); g.mapperFiltered = true; }
        } else if (g.mapperFiltered) {
          g.mapperFiltered = false; M.map.addLayer(g);
        }
      });
    });
    if (hide.place && M.pinPopup && M.map.hasLayer(M.pinPopup)) M.map.closePopup(M.pinPopup);
    afterVisibility();
    return Object.keys(hide).sort();
  };

  /* Hide the pins whose confidence is below `value` (0: show all). Returns how many pins show. */
  M.setMinConfidence = function (value) {
    var v = Math.max(0, Math.min(1, Number(value) || 0)), group = M.pinGroup, shown = 0;
    M.minConfidence = v;
    if (!group) return 0;
    (M.pinsList || []).forEach(function (mk) {
      var ok = !(mk.mapperConfidence < v);
      if (ok) { shown++; if (!group.hasLayer(mk)) group.addLayer(mk); }
      else if (group.hasLayer(mk)) { mk.closePopup(); group.removeLayer(mk); }
    });
    afterVisibility();
    return shown;
  };

  /* Does an ISO date (or a prefix of one: "1945", "2019-04") fall in [lo, hi]? Prefixes are
     periods: "2019" overlaps "2019-04"..."2019-05". No date: always in. */
  function dateInRange(date, lo, hi) {
    if (!date) return true;
    var d = String(date);
    if (lo && d + "\uffff" < String(lo)) return false;
    if (hi && d > String(hi) + "\uffff") return false;
    return true;
  }

  /* Show only the events whose date falls in [lo, hi] (either may be null: open-ended; both
     null: every event; given the wrong way round, they are swapped). Undated events stay.
     The events shown keep the article's order (on the map, and in the layer's own order).
     Returns how many events are shown. */
  M.setDateRange = function (lo, hi) {
    lo = lo ? String(lo) : null; hi = hi ? String(hi) : null;
    if (lo && hi && lo > hi && lo.indexOf(hi) !== 0) { var t = lo; lo = hi; hi = t; }
    M.dateRange = lo || hi ? [lo, hi] : null;
    var group = M.eventsGroup, shown = 0, keep = [];
    if (!group) return 0;
    M.data.events.forEach(function (e) {
      var ok = dateInRange(e.date, lo, hi);
      M.layersFor(e.id).forEach(function (mk) {
        if (mk.mapperKind !== "event") return;
        if (ok) keep.push(mk);
        else if (group.hasLayer(mk)) { mk.closePopup(); group.removeLayer(mk); }
      });
      if (ok) shown++;
    });
    // re-add in the article's order: a marker added back alone would land after the others
    var missing = keep.some(function (mk) { return !group.hasLayer(mk); });
    if (missing) {
      keep.forEach(function (mk) { if (group.hasLayer(mk) && !(mk.isPopupOpen && mk.isPopupOpen())) group.removeLayer(mk); });
      keep.forEach(function (mk) { if (!group.hasLayer(mk)) group.addLayer(mk); });
    }
    if (M.hl && M.hl.icons) M.hl.icons.forEach(function (mk) { if (mk._icon) mk._icon.classList.add("mapper-selected"); });
    declutter();
    refreshExportLegend();
    return shown;
  };

  /* What is on the map now (after the filters and the layer control), by kind. */
  M.countVisible = function () {
    var byKind = { place: {}, event: {}, memorial: {}, claim: {} }, layers = 0;
    Object.keys(M.registry).forEach(function (id) {
      M.registry[id].forEach(function (l) {
        if (M.map.hasLayer(l)) { byKind[l.mapperKind][id] = true; layers++; }
      });
    });
    return { places: Object.keys(byKind.place).length, events: Object.keys(byKind.event).length,
             memorials: Object.keys(byKind.memorial).length, claims: Object.keys(byKind.claim).length,
             layers: layers };
  };

  /* ---- dragging pins (a correction) ----
     Canvas circle markers cannot be dragged in Leaflet, so: a mousedown on a pin turns map
     dragging off, mousemove moves the pin (its events and its distance lines follow),
     mouseup hands the new position to the bridge and turns map dragging back on. Under
     4 px of movement it stays a plain click. */
  function movePin(layer, ll) {
    var id = layer.mapperId;
    layer.setLatLng(ll);
    (M.eventsAt[id] || []).forEach(function (mk) { mk.setLatLng(ll); });
    (M.claimsAt[id] || []).forEach(function (li) {
      var pts = li[0].getLatLngs().slice(); pts[li[1]] = ll; li[0].setLatLngs(pts);
    });
    if (M.hl && M.hl.halo && M.hl.halo.mapperFanOf === layer) M.hl.halo.redraw();
    if (M.pinPopup && M.map.hasLayer(M.pinPopup) && M.pinPopup.mapperId === id) M.pinPopup.setLatLng(ll);
  }

  function enablePinDrag(group) {
    var drag = null;
    function onMove(ev) {
      if (!drag) return;
      var p = M.map.mouseEventToContainerPoint(ev);
      if (!drag.moved && p.distanceTo(drag.start) < 4) return;
      if (!drag.moved) {
        drag.moved = true; M.dragging = drag.layer;
        M.map.getContainer().classList.add("mapper-dragging-pin");
        // the pin leaves its fan: it goes where the mouse is
        drag.layer.mapperFan = null;
        declutter();
      }
      movePin(drag.layer, M.map.containerPointToLatLng(p));
      ev.preventDefault();
    }
    function onUp(ev) {
      document.removeEventListener("mousemove", onMove, true);
      document.removeEventListener("mouseup", onUp, true);
      var d = drag; drag = null;
      if (!d) return;
      if (d.mapDragging) M.map.dragging.enable();
      M.map.getContainer().classList.remove("mapper-dragging-pin");
      if (!d.moved) return;
      onMove(ev);  // the release point is where the pin goes
      M.dragging = null;
      M.suppressClickUntil = Date.now() + 400;
      computeFan(true);
      var ll = d.layer.getLatLng().wrap(), id = d.layer.mapperId, p = M.byId[id];
      var lat = Math.round(ll.lat * 1e6) / 1e6, lng = Math.round(ll.lng * 1e6) / 1e6;
      if (p) { p.lat = lat; p.lon = lng; }
      if (window.mapperBridge && typeof window.mapperBridge.pinMoved === "function") {
        try { window.mapperBridge.pinMoved(id, lat, lng); } catch (e) { /* the bridge is optional */ }
      }
      try { document.dispatchEvent(new CustomEvent("mapper:moved", { detail: { id: id, lat: lat, lng: lng } })); } catch (e) {}
      declutter();
    }
    group.on("mousedown", function (e) {
      var l = e.layer, oe = e.originalEvent;
      if (!l || l.mapperId === undefined || !l.getLatLng || !oe || oe.button !== 0) return;
      drag = { layer: l, start: M.map.mouseEventToContainerPoint(oe), moved: false, mapDragging: M.map.dragging.enabled() };
      // before the event bubbles up to the map container, where the map's own drag starts
      if (drag.mapDragging) M.map.dragging.disable();
      oe.preventDefault();  // no text selection while dragging
      document.addEventListener("mousemove", onMove, true);
      document.addEventListener("mouseup", onUp, true);
    });
  }

  /* ---- the API ---- */

  M.layersFor = function (id) { return M.registry[id] || []; };
  M.ids = function () { return Object.keys(M.registry); };

  M.flyTo = function (id) {
    var ls = M.layersFor(id);
    if (!ls.length) return false;
    var l = ls[0];
    // a popup of another feature would stay behind, stale, over the new one's surroundings
    var open = M.map._popup;
    if (open && M.map.hasLayer(open) && open.mapperId !== id && !(open._source && open._source.mapperId === id)) {
      M.map.closePopup(open);
    }
    if (l.getBounds && !(l instanceof L.Circle)) M.map.flyToBounds(l.getBounds(), { padding: [40, 40], maxZoom: 8 });
    else if (l.getBounds) M.map.flyToBounds(l.getBounds(), { padding: [40, 40] });
    else M.map.flyTo(l.getLatLng(), Math.max(M.map.getZoom(), 9));
    return true;
  };

  M.openPopup = function (id) {
    var ls = M.layersFor(id);
    if (!ls.length) return false;
    var l = ls[ls.length - 1];
    if (!l.getPopup()) openPinPopup(l);
    else if (l.getLatLng) l.openPopup(); else l.openPopup(l.getBounds().getCenter());
    return true;
  };

  function syncHalo() {
    var h = M.hl && M.hl.halo;
    if (!h) return;
    var on = M.map.hasLayer(h.mapperFanOf);
    if (on && !M.map.hasLayer(h)) h.addTo(M.map);
    else if (!on && M.map.hasLayer(h)) M.map.removeLayer(h);
  }

  /* Mark the selected feature (the app calls this on every selection; null clears): a halo
     round a pin, a thicker outline round a shape, a circle or a line, a glow round an event
     symbol. The previous mark goes. */
  M.highlight = function (id) {
    var prev = M.hl;
    if (prev) {
      prev.styled.forEach(function (s) { s[0].setStyle(s[1]); });
      prev.icons.forEach(function (mk) {
        mk.options.icon.options.className = "mapper-event";
        if (mk._icon) mk._icon.classList.remove("mapper-selected");
      });
      if (prev.halo && M.map.hasLayer(prev.halo)) M.map.removeLayer(prev.halo);
    }
    M.hl = null;
    var ls = id === null || id === undefined ? [] : M.layersFor(id);
    if (!ls.length) return false;
    var hl = { id: id, styled: [], icons: [], halo: null };
    function thicker(path) {
      var o = path.options;
      hl.styled.push([path, { weight: o.weight, color: o.color }]);
      path.setStyle({ weight: (o.weight || 2) + 3, color: path.mapperKind === "place" && !path.mapperPin ? "#0b3d6b" : o.color });
    }
    ls.forEach(function (l) {
      if (l.mapperPin) {
        var halo = L.circleMarker(l.getLatLng(), { renderer: M.renderer, radius: l.options.radius + 6, color: "#e65100",
                                                   weight: 3.5, fillColor: "#ffca28", fillOpacity: 0.45, interactive: false });
        halo._project = fanProject; halo.mapperFanOf = l;
        setZ(halo, Z.halo);
        hl.halo = halo;
      } else if (l instanceof L.Marker) {
        l.options.icon.options.className = "mapper-event mapper-selected";
        if (l._icon) l._icon.classList.add("mapper-selected");
        hl.icons.push(l);
      } else if (l.eachLayer && !(l instanceof L.Path)) {
        l.eachLayer(function (x) { if (x.setStyle) thicker(x); });
      } else if (l.setStyle) thicker(l);
    });
    M.hl = hl;
    syncHalo();
    return true;
  };

  /* How many things are drawn, by kind, and the distinct ids carrying each. */
  M.countMarkers = function () {
    var byKind = { place: {}, event: {}, memorial: {}, claim: {} };
    Object.keys(M.registry).forEach(function (id) {
      M.registry[id].forEach(function (l) { byKind[l.mapperKind][id] = true; });
    });
    return {
      places: Object.keys(byKind.place).length, events: Object.keys(byKind.event).length,
      memorials: Object.keys(byKind.memorial).length, claims: Object.keys(byKind.claim).length,
      layers: Object.keys(M.registry).reduce(function (n, k) { return n + M.registry[k].length; }, 0)
    };
  };

  /* The drawn pieces of a feature (a GeoJSON group's paths, or the layer itself). */
  function leaves(id) {
    var map = M.map, out = [];
    M.layersFor(id).forEach(function (l) {
      if (!map.hasLayer(l)) return;
      if (l.eachLayer && !(l instanceof L.Path)) l.eachLayer(function (x) { if (map.hasLayer(x)) out.push(x); });
      else out.push(l);
    });
    return out;
  }

  /* Candidate container points on a piece, best first: its label point or centre, then
     points spread over its on-screen bounds (nearest the centre first) or along its line. */
  function candidates(leaf, place, size) {
    var map = M.map, pts = [];
    function grid(x0, y0, x1, y1, n, c) {
      x0 = Math.max(x0, 1); y0 = Math.max(y0, 1); x1 = Math.min(x1, size.x - 2); y1 = Math.min(y1, size.y - 2);
      if (x1 < x0 || y1 < y0) return;
      var g = [];
      for (var i = 0; i <= n; i++) for (var j = 0; j <= n; j++) g.push(L.point(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * j / n));
      c = c || L.point((x0 + x1) / 2, (y0 + y1) / 2);
      g.sort(function (a, b) { return a.distanceTo(c) - b.distanceTo(c); });
      pts.push.apply(pts, g);
    }
    if (leaf instanceof L.Marker) {
      if (!leaf._icon) return pts;
      var r = leaf._icon.getBoundingClientRect(), base = map.getContainer().getBoundingClientRect();
      var x0 = r.left - base.left, y0 = r.top - base.top;
      pts.push(L.point(x0 + r.width / 2, y0 + r.height / 2));
      grid(x0 + 2, y0 + 2, x0 + r.width - 2, y0 + r.height - 2, 6);
      return pts;
    }
    if (leaf instanceof L.CircleMarker) {  // pins, memorial symbols, region circles
      var c = map.layerPointToContainerPoint(leaf._point), rad = leaf._radius || 0;
      pts.push(c);
      [0.5, 0.85].forEach(function (f) {
        for (var k = 0; k < 8; k++) pts.push(c.add(L.point(Math.cos(k * Math.PI / 4) * rad * f, Math.sin(k * Math.PI / 4) * rad * f)));
      });
      if (rad > 12) grid(c.x - rad, c.y - rad, c.x + rad, c.y + rad, 24, c);
      return pts;
    }
    if (leaf instanceof L.Polygon) {
      if (place && place.label) pts.push(map.latLngToContainerPoint(place.label));
      if (leaf._pxBounds) {
        var b0 = map.layerPointToContainerPoint(leaf._pxBounds.min), b1 = map.layerPointToContainerPoint(leaf._pxBounds.max);
        pts.push(b0.add(b1).divideBy(2));
        grid(b0.x, b0.y, b1.x, b1.y, 30);
      }
      // and along its rings (an outline that only answers on its edge)
      (leaf._parts || []).forEach(function (part) {
        var step = Math.max(1, Math.floor(part.length / 150));
        for (var i = 0; i < part.length; i += step) pts.push(map.layerPointToContainerPoint(part[i]));
      });
      return pts;
    }
    if (leaf instanceof L.Polyline) {  // along the line, from its middle outwards
      var along = [];
      (leaf._parts || []).forEach(function (part) {
        for (var i = 1; i < part.length; i++) {
          var a = part[i - 1], b = part[i], n = Math.max(1, Math.ceil(a.distanceTo(b) / 3));
          for (var k = 0; k <= n; k++) along.push(map.layerPointToContainerPoint(a.add(b.subtract(a).multiplyBy(k / n))));
        }
      });
      if (along.length) {
        var mid = along[Math.floor(along.length / 2)];
        along.sort(function (a, b) { return a.distanceTo(mid) - b.distanceTo(mid); });
      }
      return along;
    }
    return pts;
  }

  /* A page point (client CSS px) where a real click opens this feature's popup, or null:
     each candidate is checked with the hit test the click itself uses (the topmost drawn
     layer on the shared canvas, or the event symbol's own element) and with
     document.elementFromPoint, so no control, popup or other element covers it. */
  M.screenPoint = function (id) {
    var map = M.map;
    if (!map) return null;
    M.restack();
    var c = map.getContainer(), base = c.getBoundingClientRect(), size = map.getSize();
    var parts = leaves(id);
    // small things first (a symbol or pin over its country's fill)
    parts.sort(function (a, b) { return (b instanceof L.Marker) - (a instanceof L.Marker) || (b instanceof L.CircleMarker) - (a instanceof L.CircleMarker); });
    for (var i = 0; i < parts.length; i++) {
      var leaf = parts[i], place = M.byId[leaf.mapperPlace] || null, pts = candidates(leaf, place, size);
      for (var j = 0; j < pts.length; j++) {
        var x = Math.round(base.left + pts[j].x), y = Math.round(base.top + pts[j].y);
        var cx = x - base.left, cy = y - base.top;
        if (cx < 1 || cy < 1 || cx > size.x - 2 || cy > size.y - 2) continue;
        var lp = map.containerPointToLayerPoint([cx, cy]);
        if (!(leaf instanceof L.Marker) && !leaf._containsPoint(lp)) continue;  // cheap first
        var top = document.elementFromPoint(x, y);
        if (!top) continue;
        if (leaf instanceof L.Marker) {
          if (leaf._icon && leaf._icon.contains(top)) return { x: x, y: y };
          continue;
        }
        if (top !== M.renderer._container) continue;
        var h = hitAt(lp);
        if (h && h.mapperId === id) return { x: x, y: y };
      }
    }
    return null;
  };

  /* The features under a page point (or within a few px of it), topmost first: event
     symbols, then the shared canvas's layers in draw order. Nothing under a control or a
     popup. */
  M.featuresAt = function (x, y) {
    var map = M.map, out = [], seen = {};
    if (!map) return out;
    M.restack();
    var base = map.getContainer().getBoundingClientRect(), size = map.getSize();
    var cp = L.point(x - base.left, y - base.top);
    if (cp.x < 0 || cp.y < 0 || cp.x > size.x || cp.y > size.y) return out;
    var top = document.elementFromPoint(x, y);
    if (top && top.closest && top.closest(".leaflet-control, .leaflet-popup")) return out;
    function add(l) { if (l && l.mapperId !== undefined && !seen[l.mapperId]) { seen[l.mapperId] = true; out.push(String(l.mapperId)); } }
    var near = 6, evs = [];
    if (M.eventsGroup && map.hasLayer(M.eventsGroup)) {
      M.eventsGroup.eachLayer(function (mk) {
        if (!mk._icon) return;
        var r = mk._icon.getBoundingClientRect();
        var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
        var d = Math.sqrt(dx * dx + dy * dy);
        if (d <= near) evs.push([d, mk]);
      });
    }
    evs.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (e) { add(e[1]); });
    var lp = map.containerPointToLayerPoint(cp);
    allAt(lp).forEach(add);
    for (var k = 0; k < 8; k++) {
      allAt(lp.add(L.point(Math.cos(k * Math.PI / 4) * near, Math.sin(k * Math.PI / 4) * near))).forEach(add);
    }
    return out;
  };

  /* The map position under a page point, [lat, lng] (longitude in -180..180). */
  M.latLngAt = function (x, y) {
    var map = M.map, base = map.getContainer().getBoundingClientRect();
    var ll = map.containerPointToLatLng([x - base.left, y - base.top]).wrap();
    return [Math.round(ll.lat * 1e6) / 1e6, Math.round(ll.lng * 1e6) / 1e6];
  };

  /* Centre the map on a position (the context menu's "Centre the map here"). */
  M.centerOn = function (lat, lng) {
    lat = Number(lat); lng = Number(lng);
    if (!isFinite(lat) || !isFinite(lng)) return false;
    M.userMoved = true;
    M.map.panTo([lat, nearLon(M.map.getCenter().lng, lng)]);
    return true;
  };

  /* What the user sees now, for an export of the same view (mapbuild reads it back). */
  M.getState = function () {
    var map = M.map, c = map.getCenter().wrap(), s = map.getSize();
    var base = Object.keys(M.bases || {}).filter(function (k) { return map.hasLayer(M.bases[k]); })[0] || null;
    var off = Object.keys(M.overlays || {}).filter(function (k) {
      var g = M.overlays[k];
      return !map.hasLayer(g) && !g.mapperFiltered;
    }).sort();
    return { center: [c.lat, c.lng], zoom: map.getZoom(), size: [s.x, s.y], hidden: Object.keys(M.hidden).sort(),
             dateRange: M.dateRange ? M.dateRange.slice() : null, base: base, overlaysOff: off,
             minConfidence: M.minConfidence || 0 };
  };

  /* Where the article's labels, pins, event symbols and the controls are (container px), for
     the basemap's town labels to keep clear of. */
  M.labelObstacles = function () { return (M._obstacles || []).slice(); };
  /* The basemap: which base is shown, its town labels (name, box) and the archive's reads. */
  M.basemapStats = function () {
    var vb = M.vectorBase, on = !!(vb && M.map.hasLayer(vb));
    return { vector: on, towns: on && M.townLabels ? M.townLabels.placed.map(function (t) { return { name: t.name, pop: t.pop, box: t.box, lat: t.lat, lng: t.lng }; }) : [],
             candidates: on && M.townLabels ? M.townLabels.candidates : 0,
             reads: vb ? vb.archive.reads : 0, decoded: vb ? vb.archive.decoded : 0, errors: vb ? vb.archive.errors.slice() : [],
             articleLabels: M.labels.filter(function (l) { return l.pos; }).map(function (l) { return [l.pos.x0, l.pos.y0, l.pos.x1, l.pos.y1]; }) };
  };

  /* How many labels are shown and how many did not fit (placing them again first). */
  M.labelStats = function () { declutter(); return { shown: M.labelCount.shown, hidden: M.labelCount.hidden }; };

  window.mapperMap = M;
})();
