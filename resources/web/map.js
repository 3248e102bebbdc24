/* mapper: builds every layer of the map client-side from one JSON payload.
 *
 * Why client-side: 10,000 places as one data array + one canvas renderer load in well under a
 * second, where 10,000 folium elements take seconds and megabytes.
 *
 * Safety: article text arrives as JSON data and is only ever put into the page with
 * textContent / createTextNode (never innerHTML), so no markup in an article can run.
 *
 * API (window.mapperMap): init(map, data), flyTo(id), openPopup(id), highlight(id),
 * countMarkers(), countVisible(), ids(), setHiddenLayers(["place"|"event"|"fact", ...]),
 * setDateRange(lo, hi), layout(). Clicks go to window.mapperBridge.featureClicked(id) when a
 * bridge (QWebChannel, in the desktop app) is present, and are also dispatched as a
 * "mapper:click" DOM event; a dragged pin goes to window.mapperBridge.pinMoved(id, lat, lng)
 * and a "mapper:moved" DOM event. window.mapperReady turns true once everything has drawn.
 *
 * Small maps (the desktop pane, ~760x490 at 1280x800): below options.compact_below (default
 * 1000x650 px) the container gets the class "mapper-compact": the legend collapses to a
 * "Legend" button, the layer control to Leaflet's icon, the title card to one line. Popups
 * auto-pan clear of the controls (padding measured from the controls themselves), and all of
 * it is re-evaluated when the map is resized.
 */
(function () {
  "use strict";

  var PIN_COLORS = { city: "#c0392b", landmark: "#8e44ad", admin1: "#2c7fb8", other: "#d35400" };
  var AREA_STYLE = { color: "#2c5d8a", weight: 2, fill: true, fillColor: "#2c5d8a", fillOpacity: 0.04 };
  var REGION_STYLE = { color: "#2c7fb8", weight: 2, dashArray: "6 5", fill: true, fillOpacity: 0.03 };
  var MEMORIAL_FILL = { color: "#6d4c41", weight: 1.5, fillColor: "#a1887f", fillOpacity: 0.45 };
  var CLAIM_STYLE = { color: "#6b2a7a", weight: 3, dashArray: "1 6", lineCap: "round" };
  var REGION_RADIUS_KM = { region: 250, admin1: 120, continent: 1500, water: 400, other: 80 };

  // Event kind -> [shape, colour]. Shapes are fixed SVG drawn from this table only.
  var EVENT_SYMBOLS = {
    ceremony: ["star", "#d4a017"], award: ["star", "#d4a017"], celebration: ["star", "#e67e22"],
    commemoration: ["star", "#7f8c8d"], memorial: ["star", "#7f8c8d"], funeral: ["star", "#555"],
    meeting: ["square", "#2980b9"], summit: ["square", "#1f618d"], visit: ["triangle", "#16a085"],
    appearance: ["triangle", "#a0522d"], agreement: ["diamond", "#8e44ad"],
    liberation: ["hexagon", "#c0392b"], battle: ["cross", "#922b21"], retreat: ["circle", "#5d6d7e"]
  };
  var DEFAULT_EVENT_SYMBOL = ["circle", "#34495e"];

  var SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(String(text)));
    return e;
  }

  function humanKind(k) { return String(k || "").replace(/_/g, " "); }
  function fmtInt(n) { return Number(n).toLocaleString("en-US"); }
  function fmtCoord(lat, lon) {
    return Math.abs(lat).toFixed(4) + "\u00b0 " + (lat >= 0 ? "N" : "S") + ", " +
      Math.abs(lon).toFixed(4) + "\u00b0 " + (lon >= 0 ? "E" : "W");
  }

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
    // Shared by every popup's options and updated in place by layout(): Leaflet reads them
    // when it auto-pans, so each popup keeps clear of the controls as they are now.
    padTL: [10, 10], padBR: [10, 10], suppressClickUntil: 0
  };

  /* Options every popup gets: auto-pan clear of the title card and the controls. */
  function popupOptions(extra) {
    return L.extend({ maxWidth: 400, autoPan: true, autoPanPaddingTopLeft: M.padTL,
                      autoPanPaddingBottomRight: M.padBR, className: "mapper-popup-wrap" }, extra || {});
  }

  function reportClick(id, kind) {
    if (window.mapperBridge && typeof window.mapperBridge.featureClicked === "function") {
      try { window.mapperBridge.featureClicked(id); } catch (e) { /* the bridge is optional */ }
    }
    try { document.dispatchEvent(new CustomEvent("mapper:click", { detail: { id: id, kind: kind } })); } catch (e) {}
  }

  /* Identity: id -> layers. Clicks are reported once per group (see groupClicks), not with a
     handler per layer: 10,000 pins stay cheap. */
  function register(id, layer, kind) {
    layer.mapperId = id;
    layer.mapperKind = kind;
    (M.registry[id] = M.registry[id] || []).push(layer);
  }

  function groupClicks(group) {
    group.on("click", function (e) {
      var l = e.layer || e.sourceTarget;
      while (l && l.mapperId === undefined && l._eventParents) {  // a GeoJSON child -> its group
        var parents = Object.keys(l._eventParents).map(function (k) { return l._eventParents[k]; });
        l = parents.filter(function (p) { return p.mapperId !== undefined; })[0] || null;
      }
      if (l && l.mapperId !== undefined) reportClick(l.mapperId, l.mapperKind);
    });
    return group;
  }

  /* One popup shared by every pin, filled on click (no Popup object per pin). */
  function openPinPopup(layer) {
    var p = M.byId[layer.mapperId];
    if (!p) return;
    M.pinPopup = M.pinPopup || L.popup(popupOptions({ offset: [0, -4] }));
    M.pinPopup.mapperId = layer.mapperId;
    M.pinPopup.setLatLng(layer.getLatLng()).setContent(placePopup(p)).openOn(M.map);
  }

  /* ---- popups (DOM only) ---- */

  function placePopup(p) {
    var d = M.data, box = el("div", "mapper-popup");
    box.setAttribute("data-id", p.id);
    box.appendChild(el("h3", null, p.name));
    box.appendChild(el("p", "meta", humanKind(p.kind) + (p.cc ? " \u00b7 " + p.cc : "")));
    var dl = el("dl");
    [["Coordinates", fmtCoord(p.lat, p.lon)], ["Confidence", Math.round(p.conf * 100) + "%"],
     ["Source", p.src], ["Id", p.id]].forEach(function (kv) {
      dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1]));
    });
    box.appendChild(dl);
    var m = p.m || [];
    box.appendChild(el("div", null, m.length === 1 ? "Mentioned once:" : "Mentioned " + m.length + " times:"));
    var ol = el("ol");
    m.forEach(function (mm) { var li = el("li"); li.appendChild(quote(d, mm[0], mm[1], mm[2])); ol.appendChild(li); });
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
     ["Place", place ? place.name : "\u2014"], ["Actors", (e.actors || []).join(", ") || "\u2014"], ["Id", e.id]]
      .forEach(function (kv) { dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1])); });
    box.appendChild(dl);
    var s = d.sentences[e.sentence];
    var a = null, b = null;
    if (s && e.trigger) {
      var i = s[1].toLowerCase().indexOf(String(e.trigger).toLowerCase());
      if (i >= 0) { a = s[0] + i; b = a + e.trigger.length; }
    }
    box.appendChild(quote(d, e.sentence, a, b));
    return box;
  }

  function memorialPopup(mem) {
    var d = M.data, box = el("div", "mapper-popup");
    var place = M.byId[mem.place];
    box.setAttribute("data-id", mem.place);
    box.appendChild(el("h3", null, "Memorials and graves" + (place ? " \u2014 " + place.name : "")));
    var ul = el("ul");
    mem.facts.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("span", "figure", (f.qualifier ? f.qualifier + " " : "") + fmtInt(f.value) + " " + humanKind(f.kind)));
      li.appendChild(quote(d, f.sentence, f.start, f.end));
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
    box.appendChild(quote(M.data, c.sentence, c.start, c.end));
    return box;
  }

  function lazyPopup(fn, arg) { return function () { return fn(arg); }; }

  /* ---- layers ---- */

  function labelFor(layer, text, cls, priority, dir, offset) {
    layer.bindTooltip(el("span", null, text), {
      permanent: true, direction: dir || "right", offset: offset || [8, 0], className: "mapper-label " + (cls || ""),
      interactive: false, opacity: 1
    });
    M.labels.push({ layer: layer, priority: priority });
  }

  function buildBasemap(map, d) {
    map.createPane("basemap"); map.getPane("basemap").style.zIndex = 150;
    var style = { color: "#a39d8f", weight: 0.7, fillColor: "#f4f1e8", fillOpacity: 1, interactive: false };
    var renderer = L.canvas({ pane: "basemap", padding: 0.5 });
    var group = L.layerGroup();
    if (d.basemap && d.basemap.world) group.addLayer(L.geoJSON(d.basemap.world, { style: style, renderer: renderer, interactive: false }));
    if (d.basemap && d.basemap.detail) {
      group.addLayer(L.geoJSON(d.basemap.detail, {
        style: function (f) {
          return f.properties.fill ? { stroke: false, fillColor: "#f4f1e8", fillOpacity: 1 }
                                   : { color: "#8f897b", weight: 0.9, fill: false };
        },
        renderer: renderer, interactive: false
      }));
    }
    return group;
  }

  function buildAreas(map, d, renderer) {
    var group = L.featureGroup();
    d.places.forEach(function (p) {
      if (p.cat !== "area") return;
      var layer;
      if (p.shape !== undefined && p.shape !== null && d.shapes[p.shape]) {
        layer = L.geoJSON(d.shapes[p.shape], { style: function () { return AREA_STYLE; }, renderer: renderer });
      } else {
        var r = (p.rkm || REGION_RADIUS_KM[p.kind] || REGION_RADIUS_KM.other) * 1000;
        layer = L.circle([p.lat, p.lon], L.extend({ radius: r, renderer: renderer }, REGION_STYLE));
      }
      layer.bindPopup(lazyPopup(placePopup, p), popupOptions());
      register(p.id, layer, "place");
      group.addLayer(layer);
      M.counts.places++;
    });
    return group;
  }

  function buildAreaLabels(d) {
    var group = L.layerGroup();
    d.places.forEach(function (p) {
      if (p.cat !== "area" || !d.options.labels) return;
      var pt = p.label || [p.lat, p.lon];
      var span = el("span", null, p.name);
      var mem = M.memorialAt[p.id];
      // centred on the point; above the proportional symbol when the place has one
      span.style.display = "inline-block";
      span.style.transform = "translate(-50%, " + (mem ? "calc(-100% - " + (mem + 4) + "px)" : "-50%") + ")";
      var icon = L.divIcon({ className: "mapper-country-label", html: span, iconSize: [0, 0], iconAnchor: [0, 0] });
      var mk = L.marker(pt, { icon: icon, interactive: false, keyboard: false, pane: "labels" });
      M.labels.push({ marker: mk, priority: p.kind === "country" ? 1.5 : 1 });
      group.addLayer(mk);
    });
    return group;
  }

  function buildPins(map, d, renderer) {
    var pins = d.places.filter(function (p) { return p.cat === "pin"; });
    var useCluster = d.options.cluster && pins.length > d.options.cluster && L.markerClusterGroup;
    var group = useCluster ? L.markerClusterGroup({ chunkedLoading: false, showCoverageOnHover: false, maxClusterRadius: 50 })
                           : L.featureGroup();
    var layers = [];
    pins.forEach(function (p) {
      var color = PIN_COLORS[p.kind] || PIN_COLORS.other;
      var big = p.kind === "city";
      var mk = L.circleMarker([p.lat, p.lon], {
        renderer: renderer, radius: big ? 7 : 5.5, color: "#ffffff", weight: 2,
        fillColor: color, fillOpacity: 0.95, pane: "pins"
      });
      if (d.options.labels) labelFor(mk, p.name, p.kind === "landmark" ? "landmark" : "", big ? 3 + (p.m ? p.m.length : 0) : 2);
      register(p.id, mk, "place");
      layers.push(mk);
      M.counts.places++;
    });
    if (useCluster) group.addLayers(layers); else layers.forEach(function (l) { group.addLayer(l); });
    group.on("click", function (e) { if (e.layer && e.layer.mapperId !== undefined) openPinPopup(e.layer); });
    return group;
  }

  function buildEvents(map, d) {
    var group = L.featureGroup();
    var perPlace = {};
    d.events.forEach(function (e) {
      var p = M.byId[e.place];
      if (!p) return;
      var i = (perPlace[e.place] = (perPlace[e.place] || 0) + 1) - 1;
      // Around the place pin, so events never hide it: a ring of slots, 26 px out.
      var ring = Math.max(22, (M.memorialAt[e.place] || 0) + 13);
      var angle = Math.PI / 4 - i * (Math.PI / 3.2);
      var dx = Math.round(Math.cos(angle) * ring), dy = Math.round(Math.sin(angle) * ring);
      var sym = EVENT_SYMBOLS[e.kind] || DEFAULT_EVENT_SYMBOL;
      var holder = el("div");
      holder.appendChild(svgSymbol(sym[0], sym[1], e.hedged, 22));
      holder.setAttribute("data-id", e.id);
      var icon = L.divIcon({ className: "mapper-event", html: holder, iconSize: [22, 22], iconAnchor: [11 - dx, 11 + dy] });
      var mk = L.marker([p.lat, p.lon], { icon: icon, pane: "events", title: humanKind(e.kind) + (e.date ? " " + e.date : "") });
      mk.bindPopup(lazyPopup(eventPopup, e), popupOptions({ offset: [dx, -dy] }));
      (M.eventsAt[e.place] = M.eventsAt[e.place] || []).push(mk);
      register(e.id, mk, "event");
      group.addLayer(mk);
      M.counts.events++;
    });
    return group;
  }

  function buildMemorials(map, d, renderer, symRenderer) {
    var group = L.featureGroup();
    d.memorials.forEach(function (mem) {
      var p = M.byId[mem.place];
      if (!p) return;
      if (p.shape !== undefined && p.shape !== null && d.shapes[p.shape]) {
        var fill = L.geoJSON(d.shapes[p.shape], { style: function () { return MEMORIAL_FILL; }, renderer: renderer, pane: "memorialFill" });
        fill.bindPopup(lazyPopup(memorialPopup, mem), popupOptions());
        register(mem.place, fill, "memorial");
        group.addLayer(fill);
      }
      var at = p.label || [p.lat, p.lon];
      var r = M.memorialAt[mem.place];
      var sym = L.circleMarker(at, { renderer: symRenderer, radius: r, color: "#4e342e", weight: 2, fillColor: "#6d4c41", fillOpacity: 0.55, pane: "memorials" });
      sym.bindPopup(lazyPopup(memorialPopup, mem), popupOptions());
      sym.bindTooltip(el("span", null, (mem.total_qualifier ? mem.total_qualifier + " " : "") + fmtInt(mem.total) + " " + humanKind(mem.total_kind)), {
        permanent: !!d.options.labels, direction: "bottom", offset: [0, r], className: "mapper-label", opacity: 1
      });
      register(mem.place, sym, "memorial");
      group.addLayer(sym);
      M.counts.memorials++;
    });
    return group;
  }

  function buildClaims(map, d) {
    var group = L.featureGroup();
    d.claims.forEach(function (c) {
      var a = M.byId[c.from], b = M.byId[c.to];
      if (!a || !b) return;
      var line = L.polyline([[a.lat, a.lon], [b.lat, b.lon]], L.extend({ pane: "claims" }, CLAIM_STYLE));
      line.bindPopup(lazyPopup(claimPopup, c), popupOptions());
      (M.claimsAt[c.from] = M.claimsAt[c.from] || []).push([line, 0]);
      (M.claimsAt[c.to] = M.claimsAt[c.to] || []).push([line, 1]);
      line.bindTooltip(el("span", null, "stated " + Math.round(c.stated_km) + " km \u00b7 computed " + Math.round(c.computed_km) + " km"),
        { permanent: !!d.options.labels, direction: "left", offset: [-6, 0], className: "mapper-label claim", opacity: 1 });
      if (d.options.labels) M.labels.push({ layer: line, priority: 2.5 });
      register(c.id, line, "claim");
      group.addLayer(line);
      M.counts.claims++;
    });
    return group;
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
      function row(sym, text) { var r = el("div", "row"); var s = el("span", "sym"); s.appendChild(sym); r.appendChild(s); r.appendChild(el("span", null, text)); box.appendChild(r); }
      function dot(color, r) { return lineSymbol({ circle: r || 5, color: "#fff", fill: color, weight: 2 }); }
      box.appendChild(el("h4", null, "Places"));
      var kinds = {};
      d.places.forEach(function (p) { kinds[p.cat === "pin" ? p.kind : p.cat + ":" + (p.shape !== null && p.shape !== undefined ? "shape" : "circle")] = true; });
      if (kinds.city) row(dot(PIN_COLORS.city, 6), "City");
      if (kinds.landmark) row(dot(PIN_COLORS.landmark, 5), "Landmark");
      if (Object.keys(kinds).some(function (k) { return k.indexOf(":") < 0 && k !== "city" && k !== "landmark"; })) row(dot(PIN_COLORS.other, 5), "Other place");
      if (kinds["area:shape"]) row(lineSymbol({ poly: true, color: AREA_STYLE.color, weight: 2 }), "Country (outline)");
      if (kinds["area:circle"]) row(lineSymbol({ circle: 6, color: REGION_STYLE.color, dash: "3 2" }), "Region (approximate)");
      if (d.events.length) {
        box.appendChild(el("h4", null, "Events"));
        var seen = {};
        d.events.forEach(function (e) {
          if (seen[e.kind]) return; seen[e.kind] = true;
          var sym = EVENT_SYMBOLS[e.kind] || DEFAULT_EVENT_SYMBOL;
          row(svgSymbol(sym[0], sym[1], false, 18), humanKind(e.kind));
        });
        if (d.events.some(function (e) { return e.hedged; })) row(svgSymbol("circle", "#555", true, 18), "reported (hedged)");
      }
      if (d.memorials.length) {
        box.appendChild(el("h4", null, "Memorials and graves"));
        row(lineSymbol({ poly: true, color: MEMORIAL_FILL.color, fill: MEMORIAL_FILL.fillColor, fillOpacity: 0.6, weight: 1.5 }), "Country with facts");
        row(lineSymbol({ circle: 6, color: "#4e342e", fill: "#6d4c41", fillOpacity: 0.6, weight: 2 }), "Size \u221d figure");
      }
      if (d.claims.length) {
        box.appendChild(el("h4", null, "Claims"));
        row(lineSymbol({ color: CLAIM_STYLE.color, weight: 3, dash: "1 4" }), "Stated distance");
      }
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

  /* Open or close the legend (only meaningful on a small map: a big one always shows it). */
  M.setLegendOpen = function (open) {
    M.legendOpen = !!open;
    if (M.legendEl) {
      M.legendEl.classList.toggle("open", M.legendOpen);
      M.legendToggle.setAttribute("aria-expanded", String(M.legendOpen || !M.compact));
    }
    if (M.map) { M.layout(); if (M.data.options.labels) declutter(); }
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

  /* Hide labels that overlap a more important one (cheap: <= a few hundred labels). */
  function declutter() {
    var placed = [];
    // a distance label cut by the map's edge goes to the other side of its line
    if (M.map) {
      var box = M.map.getContainer().getBoundingClientRect();
      M.labels.forEach(function (l) {
        var t = l.layer && l.layer.mapperKind === "claim" && l.layer.getTooltip();
        var node = t && t.getElement();
        if (!node) return;
        var r = node.getBoundingClientRect();
        if (!r.width) return;
        if (t.options.direction === "left" && r.left < box.left + 4) { t.options.direction = "right"; t.options.offset = L.point(6, 0); t.update(); }
        else if (t.options.direction === "right" && r.right > box.right - 4) { t.options.direction = "left"; t.options.offset = L.point(-6, 0); t.update(); }
      });
    }
    var items = M.labels.map(function (l) {
      var node = l.marker ? l.marker.getElement() : (l.layer.getTooltip() && l.layer.getTooltip().getElement());
      return { node: node, priority: l.priority };
    }).filter(function (x) { return x.node; });
    items.sort(function (a, b) { return b.priority - a.priority; });
    items.forEach(function (it) { it.node.classList.remove("mapper-hidden"); });
    // a label that would run under the title card, the legend or a control is not drawn
    if (M.map) Array.prototype.forEach.call(M.map.getContainer().querySelectorAll(".leaflet-control"), function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) placed.push(r);
    });
    items.forEach(function (it) {
      var r = it.node.getBoundingClientRect();
      if (!r.width) return;
      var hit = placed.some(function (q) { return r.left < q.right + 2 && r.right > q.left - 2 && r.top < q.bottom && r.bottom > q.top; });
      if (hit) it.node.classList.add("mapper-hidden"); else placed.push(r);
    });
  }

  M.init = function (map, data) {
    var t0 = (window.performance && performance.now()) || 0;
    M.map = map; M.data = data;
    window.mapperReady = false;
    data.places.forEach(function (p) { M.byId[p.id] = p; });
    M.memorialAt = {};  // place id -> proportional symbol radius (px), area ~ the largest figure
    data.memorials.forEach(function (mem) { M.memorialAt[mem.place] = Math.max(9, Math.min(45, 4 + Math.sqrt(mem.total) * 0.45)); });
    [["memorialFill", 390], ["areas", 400], ["claims", 420], ["memorials", 430], ["pins", 450], ["events", 620], ["labels", 640]]
      .forEach(function (pz) { map.createPane(pz[0]); map.getPane(pz[0]).style.zIndex = pz[1]; });
    map.getPane("labels").style.pointerEvents = "none";
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Basemap: Natural Earth (public domain) \u00b7 Places: GeoNames (CC BY 4.0) \u00b7 mapper");

    var bases = {}, overlays = {};
    var basemap = buildBasemap(map, data);
    bases["Natural Earth (offline)"] = basemap;
    var tileLayer = null;
    if (data.tiles) {
      tileLayer = L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: data.tiles.max_zoom || 19 });
      bases[data.tiles.name] = tileLayer;
      tileLayer.addTo(map);
    } else {
      basemap.addTo(map);
    }
    var areaRenderer = L.canvas({ pane: "areas", padding: 0.5 });
    var pinRenderer = L.canvas({ pane: "pins", padding: 0.5 });
    var memRenderer = L.canvas({ pane: "memorialFill", padding: 0.5 });
    var symRenderer = L.canvas({ pane: "memorials", padding: 0.5 });

    var memorials = null;
    // the fill sits below the outlines, the proportional symbols above them
    if (data.memorials.length) { memorials = buildMemorials(map, data, memRenderer, symRenderer); }

    var areas = buildAreas(map, data, areaRenderer);
    var pins = buildPins(map, data, pinRenderer);
    var events = buildEvents(map, data);
    var claims = buildClaims(map, data);
    var labels = buildAreaLabels(data);

    overlays["Countries and regions"] = areas;
    overlays["Cities and landmarks"] = pins;
    if (data.events.length) overlays["Events"] = events;
    if (memorials) overlays["Memorials and graves"] = memorials;
    if (data.claims.length) overlays["Stated distances"] = claims;
    if (data.options.labels) overlays["Country labels"] = labels;
    [memorials, areas, claims, pins, events].forEach(function (g) { if (g) groupClicks(g); });
    [memorials, areas, claims, pins, events, labels].forEach(function (g) { if (g) g.addTo(map); });
    M.overlays = overlays; M.bases = bases;
    M.groups = { place: [areas, pins, labels], event: [events], fact: [memorials] };
    M.eventsGroup = events;
    if (data.options.drag_pins !== false) enablePinDrag(pins);

    buildTitle(data).addTo(map);
    buildLegend(data).addTo(map);
    var container = map.getContainer();
    // a click that ends a pin drag is not a click
    container.addEventListener("click", function (ev) {
      if (Date.now() < M.suppressClickUntil) { ev.stopPropagation(); ev.preventDefault(); M.suppressClickUntil = 0; }
    }, true);
    M.layout();
    M.fit();
    // Until the user moves the map, a resize (the window, or a headless view sized after the
    // page loaded) fits the view again. Using a control (the legend button, the layer list)
    // is not moving the map.
    M.userMoved = false;
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (ev) {
      container.addEventListener(ev, function (e) {
        if (!(e.target && e.target.closest && e.target.closest(".leaflet-control"))) M.userMoved = true;
      }, { passive: true });
    });
    map.on("resize", function () { M.layout(); if (!M.userMoved) M.fit(); });
    if (data.options.hidden_layers && data.options.hidden_layers.length) M.setHiddenLayers(data.options.hidden_layers);
    if (data.options.date_range) M.setDateRange(data.options.date_range[0], data.options.date_range[1]);

    if (data.options.labels) { map.on("zoomend moveend overlayadd overlayremove", declutter); }
    // Ready once the canvases have drawn (Leaflet redraws on the next animation frame).
    M.timing = { initStart: t0, initEnd: (window.performance && performance.now()) || 0 };
    var done = function () { if (data.options.labels) declutter(); M.timing.ready = (window.performance && performance.now()) || 0; window.mapperReady = true; document.documentElement.setAttribute("data-mapper-ready", "1"); };
    var raf = window.requestAnimationFrame || function (f) { return setTimeout(f, 16); };
    raf(function () { raf(function () { setTimeout(done, 0); }); });
    return M;
  };

  /* Fit the view to the places that matter, clear of the title card and the controls (the
     padding layout() measured), with room to the right of the pins for their labels. */
  M.fit = function () {
    var map = M.map, data = M.data;
    if (!data.bounds) return;
    var size = map.getSize();
    var m = M.compact ? [16, 12, 60, 12] : [36, 30, 80, 50];  // labels sit to the right of pins
    var tl = [M.padTL[0] + m[0], M.padTL[1] + m[1]], br = [M.padBR[0] + m[2], M.padBR[1] + m[3]];
    // never more padding than the map has room for
    var sx = Math.min(1, (size.x * 0.6) / Math.max(1, tl[0] + br[0])), sy = Math.min(1, (size.y * 0.6) / Math.max(1, tl[1] + br[1]));
    map.fitBounds(data.bounds, {
      paddingTopLeft: [tl[0] * sx, tl[1] * sy], paddingBottomRight: [br[0] * sx, br[1] * sy],
      maxZoom: data.options.max_zoom || 9, animate: false
    });
    if (data.options.labels) declutter();
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
    if (compact !== M.compact || !M.layersControl) {
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
    var room = size.y - pad.tl[1] - pad.br[1] - 60;
    c.style.setProperty("--mapper-popup-max-h", Math.max(120, Math.min(320, room)) + "px");
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
    if (M.data.options.labels) declutter();
    return Object.keys(hide).sort();
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
     null: every event). Undated events stay. Returns how many events are shown. */
  M.setDateRange = function (lo, hi) {
    lo = lo || null; hi = hi || null;
    M.dateRange = lo || hi ? [lo, hi] : null;
    var group = M.eventsGroup, shown = 0;
    if (!group) return 0;
    M.data.events.forEach(function (e) {
      var keep = dateInRange(e.date, lo, hi);
      M.layersFor(e.id).forEach(function (mk) {
        if (mk.mapperKind !== "event") return;
        if (keep && !group.hasLayer(mk)) group.addLayer(mk);
        else if (!keep && group.hasLayer(mk)) { mk.closePopup(); group.removeLayer(mk); }
      });
      if (keep) shown++;
    });
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
     dragging off, mousemove moves the pin (its label, its events and its distance lines
     follow), mouseup hands the new position to the bridge and turns map dragging back on.
     Under 4 px of movement it stays a plain click. */
  function movePin(layer, ll) {
    var id = layer.mapperId;
    layer.setLatLng(ll);  // its permanent label follows ("move" event)
    (M.eventsAt[id] || []).forEach(function (mk) { mk.setLatLng(ll); });
    (M.claimsAt[id] || []).forEach(function (li) {
      var pts = li[0].getLatLngs().slice(); pts[li[1]] = ll; li[0].setLatLngs(pts);
    });
    if (M.pinPopup && M.map.hasLayer(M.pinPopup) && M.pinPopup.mapperId === id) M.pinPopup.setLatLng(ll);
  }

  function enablePinDrag(group) {
    var drag = null;
    function onMove(ev) {
      if (!drag) return;
      var p = M.map.mouseEventToContainerPoint(ev);
      if (!drag.moved && p.distanceTo(drag.start) < 4) return;
      if (!drag.moved) { drag.moved = true; M.map.getContainer().classList.add("mapper-dragging-pin"); }
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
      M.suppressClickUntil = Date.now() + 400;
      var ll = d.layer.getLatLng().wrap(), id = d.layer.mapperId, p = M.byId[id];
      var lat = Math.round(ll.lat * 1e6) / 1e6, lng = Math.round(ll.lng * 1e6) / 1e6;
      if (p) { p.lat = lat; p.lon = lng; }
      if (window.mapperBridge && typeof window.mapperBridge.pinMoved === "function") {
        try { window.mapperBridge.pinMoved(id, lat, lng); } catch (e) { /* the bridge is optional */ }
      }
      try { document.dispatchEvent(new CustomEvent("mapper:moved", { detail: { id: id, lat: lat, lng: lng } })); } catch (e) {}
      if (M.data.options.labels) declutter();
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

  M.layersFor = function (id) { return M.registry[id] || []; };
  M.ids = function () { return Object.keys(M.registry); };

  M.flyTo = function (id) {
    var ls = M.layersFor(id);
    if (!ls.length) return false;
    var l = ls[0];
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

  M.highlight = function (id) {
    M.ids().forEach(function (k) {
      M.layersFor(k).forEach(function (l) { if (l.setStyle && l.mapperHighlighted) { l.setStyle({ weight: l.mapperWeight }); l.mapperHighlighted = false; } });
    });
    M.layersFor(id).forEach(function (l) {
      if (l.setStyle) { l.mapperWeight = l.options.weight; l.setStyle({ weight: (l.options.weight || 2) + 3 }); l.mapperHighlighted = true; }
    });
    return M.layersFor(id).length > 0;
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

  window.mapperMap = M;
})();
