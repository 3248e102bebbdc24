/* mapper: the offline vector basemap (issue 14).
 *
 * One PMTiles archive of Mapbox Vector Tiles (tools/build_basemap.py: layers ocean, earth,
 * water, boundary, place; z0..z9) read with pmtiles.js (vendor/pmtiles.js) from
 *   - a file: URL, by XMLHttpRequest with a Range header (Chromium serves byte ranges of
 *     local files; no network, nothing loaded whole), or
 *   - a base64 string inlined in the page (the self-contained HTML export: a sub-archive).
 * Tiles are decoded here (a ~60-line MVT reader) into Path2D objects once per archive tile and
 * drawn into 256-px canvas tiles; zooms past the archive's deepest level draw a part of the
 * deepest tile (overzoom), and a tile left out of the archive (all sea or all land, nothing
 * else) is drawn from its nearest ancestor.
 *
 * Town names are NOT drawn in the tiles: M.townLabels places them on one canvas in a pane
 * below the article's layers, after map.js has placed the article's own labels, and never
 * over them (nor over pins, event symbols, controls or each other): biggest towns first.
 */
(function () {
  "use strict";
  var B = window.mapperBasemap = {};
  var STYLE = B.STYLE = {
    sea: "#b9d3e4", land: "#f4f1e8", inland: "#b9d3e4",  // map.js's LAND and SEA
    country: { color: "#9c968a", width: 1.1, dash: null },
    state: { color: "#b3ad9f", width: 0.8, dash: [4, 3] },
    county: { color: "#d2ccbf", width: 0.6, dash: null },
    town: "#5f5a52", townDot: "#8a847a", halo: "rgba(244, 241, 232, 0.9)"
  };
  var TILE = 256;

  /* ---- sources for pmtiles.js ---- */

  function RangeSource(url) { this.url = url; }
  RangeSource.prototype.getKey = function () { return this.url; };
  RangeSource.prototype.getBytes = function (offset, length) {
    var url = this.url;
    return new Promise(function (resolve, reject) {
      var x = new XMLHttpRequest();
      x.open("GET", url);
      x.responseType = "arraybuffer";
      x.setRequestHeader("Range", "bytes=" + offset + "-" + (offset + length - 1));
      x.onload = function () {
        var buf = x.response;
        if (!buf) { reject(new Error("basemap: empty read")); return; }
        // a server (or file loader) that ignored the range sends the whole file
        if (buf.byteLength > length) buf = buf.slice(offset, offset + length);
        resolve({ data: buf });
      };
      x.onerror = function () { reject(new Error("basemap: cannot read " + url)); };
      x.send();
    });
  };

  function BufferSource(b64) {
    var bin = atob(b64), n = bin.length, u = new Uint8Array(n);
    for (var i = 0; i < n; i++) u[i] = bin.charCodeAt(i);
    this.bytes = u;
  }
  BufferSource.prototype.getKey = function () { return "inline"; };
  BufferSource.prototype.getBytes = function (offset, length) {
    return Promise.resolve({ data: this.bytes.slice(offset, offset + length).buffer });
  };

  /* ---- a minimal Mapbox Vector Tile reader (spec 2.1) ---- */

  function Reader(buf) { this.b = new Uint8Array(buf); this.p = 0; }
  Reader.prototype.varint = function () {
    var b = this.b, r = 0, s = 1, c;
    do { c = b[this.p++]; r += (c & 0x7f) * s; s *= 128; } while (c >= 0x80);
    return r;
  };
  Reader.prototype.skip = function (wire) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.p += 8;
    else if (wire === 2) this.p += this.varint();
    else if (wire === 5) this.p += 4;
    else throw new Error("basemap: bad wire type " + wire);
  };
  Reader.prototype.string = function () {
    var n = this.varint(), s = new TextDecoder().decode(this.b.subarray(this.p, this.p + n));
    this.p += n; return s;
  };
  function zz(n) { return (n % 2) ? -(n + 1) / 2 : n / 2; }

  function readValue(r, end) {
    var v = null;
    while (r.p < end) {
      var key = r.varint(), f = key >> 3, w = key & 7;
      if (f === 1) v = r.string();
      else if (f === 2) { v = new DataView(r.b.buffer, r.b.byteOffset + r.p, 4).getFloat32(0, true); r.p += 4; }
      else if (f === 3) { v = new DataView(r.b.buffer, r.b.byteOffset + r.p, 8).getFloat64(0, true); r.p += 8; }
      else if (f === 4 || f === 5) v = r.varint();
      else if (f === 6) v = zz(r.varint());
      else if (f === 7) v = !!r.varint();
      else r.skip(w);
    }
    return v;
  }

  /* geometry -> [[x, y, x, y, ...] per ring or line] (points: one pair per part) */
  function readGeometry(r, end) {
    var parts = [], cur = null, x = 0, y = 0;
    while (r.p < end) {
      var c = r.varint(), cmd = c & 7, n = c >> 3;
      if (cmd === 1 || cmd === 2) {
        for (var i = 0; i < n; i++) {
          x += zz(r.varint()); y += zz(r.varint());
          if (cmd === 1) { cur = [x, y]; parts.push(cur); } else cur.push(x, y);
        }
      } else if (cmd === 7) { if (cur) cur.closed = true; }
    }
    return parts;
  }

  function readFeature(r, end, keys, values) {
    var f = { type: 0, props: {}, parts: [] };
    while (r.p < end) {
      var key = r.varint(), fn = key >> 3, w = key & 7;
      if (fn === 2) {
        var tend = r.varint() + r.p;
        while (r.p < tend) { var k = r.varint(), v = r.varint(); f.props[keys[k]] = values[v]; }
      } else if (fn === 3) f.type = r.varint();
      else if (fn === 4) { var gend = r.varint() + r.p; f.parts = readGeometry(r, gend); }
      else r.skip(w);
    }
    return f;
  }

  function readLayer(r, end) {
    var layer = { name: "", extent: 4096, features: [] }, keys = [], values = [], raw = [];
    while (r.p < end) {
      var key = r.varint(), fn = key >> 3, w = key & 7;
      if (fn === 1) layer.name = r.string();
      else if (fn === 2) { var n = r.varint(); raw.push([r.p, r.p + n]); r.p += n; }
      else if (fn === 3) keys.push(r.string());
      else if (fn === 4) { var vend = r.varint() + r.p; values.push(readValue(r, vend)); }
      else if (fn === 5) layer.extent = r.varint();
      else r.skip(w);
    }
    raw.forEach(function (se) { r.p = se[0]; layer.features.push(readFeature(r, se[1], keys, values)); });
    r.p = end;
    return layer;
  }

  /* An MVT tile -> {layerName: {extent, features: [{type, props, parts}]}} */
  B.decode = function (buf) {
    var r = new Reader(buf), layers = {};
    while (r.p < r.b.length) {
      var key = r.varint(), fn = key >> 3, w = key & 7;
      if (fn === 3) { var end = r.varint() + r.p; var l = readLayer(r, end); layers[l.name] = l; }
      else r.skip(w);
    }
    return layers;
  };

  /* ---- a decoded archive tile, ready to draw ---- */

  function pathOf(features, closed) {
    var p = new Path2D();
    features.forEach(function (f) {
      f.parts.forEach(function (pt) {
        if (pt.length < 4) return;
        p.moveTo(pt[0], pt[1]);
        for (var i = 2; i < pt.length; i += 2) p.lineTo(pt[i], pt[i + 1]);
        if (closed) p.closePath();
      });
    });
    return p;
  }

  function prepare(z, x, y, buf) {
    var layers = buf ? B.decode(buf) : {};
    var t = { z: z, x: x, y: y, extent: 4096, paths: {}, towns: [] };
    ["ocean", "earth", "water"].forEach(function (name) {
      if (layers[name]) { t.extent = layers[name].extent; t.paths[name] = pathOf(layers[name].features, true); }
    });
    if (layers.boundary) t.extent = layers.boundary.extent;
    if (layers.boundary) {
      ["country", "state", "county"].forEach(function (kind) {
        var fs = layers.boundary.features.filter(function (f) { return f.props.kind === kind; });
        if (fs.length) t.paths[kind] = pathOf(fs, false);
      });
    }
    if (layers.place) {
      var ext = layers.place.extent, n = 1 << z;
      layers.place.features.forEach(function (f) {
        var pt = f.parts[0];
        if (!pt) return;
        // tile units -> lat/lng (spherical Mercator)
        var wx = (x + pt[0] / ext) / n, wy = (y + pt[1] / ext) / n;
        var lng = wx * 360 - 180, lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180 / Math.PI;
        t.towns.push({ name: String(f.props.name || ""), pop: +f.props.pop || 0, lat: lat, lng: lng });
      });
    }
    t.empty = !buf;
    return t;
  }

  /* ---- the archive ---- */

  function Archive(spec) {
    var src = spec.data ? new BufferSource(spec.data) : new RangeSource(spec.url);
    this.pm = new pmtiles.PMTiles(src);
    this.maxZoom = spec.max_zoom || 9;
    this.cache = new Map();   // "z/x/y" -> Promise(prepared tile)
    this.reads = 0; this.decoded = 0; this.errors = [];
  }
  Archive.prototype.raw = function (z, x, y) {
    var key = z + "/" + x + "/" + y, self = this, hit = this.cache.get(key);
    if (hit) { this.cache.delete(key); this.cache.set(key, hit); return hit; }  // LRU
    this.reads++;
    var pr = this.pm.getZxy(z, x, y).then(function (resp) {
      if (resp && resp.data) { self.decoded++; return prepare(z, x, y, resp.data); }
      if (z === 0) return prepare(0, 0, 0, null);
      return self.raw(z - 1, x >> 1, y >> 1);  // left out: all sea or all land, drawn from above
    }).catch(function (err) { self.errors.push(String(err && err.message || err)); self.cache.delete(key); throw err; });
    this.cache.set(key, pr);
    if (this.cache.size > 400) this.cache.delete(this.cache.keys().next().value);
    return pr;
  };
  /* The archive tile that draws display tile (z, x, y). */
  Archive.prototype.tileFor = function (z, x, y) {
    var dz = Math.max(0, z - this.maxZoom);
    return this.raw(z - dz, x >> dz, y >> dz);
  };

  /* ---- the Leaflet layer ---- */

  function drawTile(canvas, t, coords) {
    var r = window.devicePixelRatio || 1;
    canvas.width = canvas.height = TILE * r;
    var ctx = canvas.getContext("2d");
    ctx.fillStyle = STYLE.land;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    var dz = coords.z - t.z, s = TILE * Math.pow(2, dz) / t.extent;
    var ox = (coords.x - t.x * Math.pow(2, dz)) * TILE, oy = (coords.y - t.y * Math.pow(2, dz)) * TILE;
    ctx.setTransform(r * s, 0, 0, r * s, -r * ox, -r * oy);
    if (t.paths.ocean) { ctx.fillStyle = STYLE.sea; ctx.fill(t.paths.ocean); }
    if (t.paths.earth) { ctx.fillStyle = STYLE.land; ctx.fill(t.paths.earth); }
    if (t.paths.water) { ctx.fillStyle = STYLE.inland; ctx.fill(t.paths.water, "evenodd"); }
    ctx.lineJoin = "round"; ctx.lineCap = "round";
    ["county", "state", "country"].forEach(function (kind) {
      var p = t.paths[kind];
      if (!p) return;
      var st = STYLE[kind];
      ctx.strokeStyle = st.color;
      ctx.lineWidth = st.width / s;
      ctx.setLineDash(st.dash ? st.dash.map(function (d) { return d / s; }) : []);
      ctx.stroke(p);
    });
    ctx.setLineDash([]);
  }

  B.Layer = L.GridLayer.extend({
    options: { tileSize: TILE, updateWhenZooming: false, keepBuffer: 2, maxZoom: 22, className: "mapper-vector-base" },
    initialize: function (spec, options) {
      L.setOptions(this, options);
      this.spec = spec;
      this.archive = new Archive(spec);
      if (spec.attribution) this.options.attribution = spec.attribution;
    },
    createTile: function (coords, done) {
      var canvas = document.createElement("canvas"), self = this;
      canvas.width = canvas.height = TILE;
      this.archive.tileFor(coords.z, coords.x, coords.y).then(function (t) {
        drawTile(canvas, t, coords);
        canvas.mapperSource = t;
        done(null, canvas);
      }, function (err) { done(err, canvas); });
      return canvas;
    },
    /* The archive tiles behind the display tiles of the current zoom. */
    sourceTiles: function () {
      var seen = {}, out = [], z = this._tileZoom;
      for (var k in this._tiles) {
        var tile = this._tiles[k];
        if (tile.coords.z !== z || !tile.el.mapperSource) continue;
        var t = tile.el.mapperSource, key = t.z + "/" + t.x + "/" + t.y;
        if (!seen[key]) { seen[key] = true; out.push(t); }
      }
      return out;
    }
  });

  /* Minimum population of a town named at a zoom (quiet at small scales). */
  B.minPopulation = function (zoom) {
    return zoom < 4 ? 2000000 : zoom < 5 ? 500000 : zoom < 6 ? 150000 : zoom < 7 ? 50000 : zoom < 8 ? 15000 : zoom < 10 ? 3000 : 0;
  };

  /* ---- town labels, placed after (and around) the article's own ---- */

  B.TownLabels = L.Layer.extend({
    initialize: function (base) { this.base = base; this.placed = []; this.candidates = 0; },
    onAdd: function (map) {
      if (!map.getPane("townLabels")) {
        map.createPane("townLabels");
        map.getPane("townLabels").style.zIndex = 390;  // below the article's vectors (400) and labels (640)
        map.getPane("townLabels").style.pointerEvents = "none";
      }
      this.canvas = L.DomUtil.create("canvas", "mapper-town-labels", map.getPane("townLabels"));
      this._fn = L.bind(this.schedule, this);
      map.on("moveend zoomend resize", this._fn);
      this.base.on("load tileload", this._fn);
      this.schedule();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this.canvas);
      map.off("moveend zoomend resize", this._fn);
      this.base.off("load tileload", this._fn);
      this.placed = [];
    },
    schedule: function () {
      var self = this;
      if (this._pending) return;
      this._pending = true;
      (window.requestAnimationFrame || setTimeout)(function () { self._pending = false; self.redraw(); });
    },
    /* obstacles: [{x0, y0, x1, y1}] in container px (the article's labels, pins, symbols, controls) */
    redraw: function () {
      var map = this._map;
      if (!map || !this.canvas) return;
      var size = map.getSize(), r = window.devicePixelRatio || 1, c = this.canvas;
      c.width = Math.round(size.x * r); c.height = Math.round(size.y * r);
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      var ctx = c.getContext("2d");
      ctx.setTransform(r, 0, 0, r, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var zoom = map.getZoom(), minPop = B.minPopulation(zoom);
      var towns = [], seen = {};
      this.base.sourceTiles().forEach(function (t) {
        t.towns.forEach(function (tw) {
          var key = tw.name + "@" + tw.lat.toFixed(4) + "," + tw.lng.toFixed(4);
          if (tw.pop >= minPop && !seen[key]) { seen[key] = true; towns.push(tw); }
        });
      });
      towns.sort(function (a, b) { return b.pop - a.pop || (a.name < b.name ? -1 : 1); });
      var obstacles = (window.mapperMap && window.mapperMap.labelObstacles) ? window.mapperMap.labelObstacles() : [];
      var placed = [], out = [], GAP = 6;
      ctx.font = "11px 'DejaVu Sans', 'Noto Sans', Arial, sans-serif";
      ctx.textBaseline = "middle";
      function hits(rc, list, gap) {
        for (var i = 0; i < list.length; i++) {
          var q = list[i];
          if (rc.x0 < q.x1 + gap && rc.x1 > q.x0 - gap && rc.y0 < q.y1 + gap && rc.y1 > q.y0 - gap) return true;
        }
        return false;
      }
      var limit = Math.max(8, Math.round(size.x * size.y / 9000));
      for (var i = 0; i < towns.length && out.length < limit; i++) {
        var tw = towns[i], p = map.latLngToContainerPoint([tw.lat, tw.lng]);
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) continue;
        var w = Math.ceil(ctx.measureText(tw.name).width), h = 13;
        var dot = { x0: p.x - 2, y0: p.y - 2, x1: p.x + 2, y1: p.y + 2 };
        var spots = [[p.x + 5, p.y - h / 2], [p.x - 5 - w, p.y - h / 2], [p.x - w / 2, p.y - 4 - h], [p.x - w / 2, p.y + 4]];
        var box = null;
        for (var j = 0; j < spots.length; j++) {
          var rc = { x0: spots[j][0], y0: spots[j][1], x1: spots[j][0] + w, y1: spots[j][1] + h };
          if (rc.x0 < 2 || rc.y0 < 2 || rc.x1 > size.x - 2 || rc.y1 > size.y - 2) continue;
          if (hits(rc, obstacles, 2) || hits(rc, placed, GAP)) continue;
          box = rc; break;
        }
        if (!box || hits(dot, obstacles, 1)) continue;
        placed.push(box, dot);
        out.push({ name: tw.name, pop: tw.pop, lat: tw.lat, lng: tw.lng, box: [box.x0, box.y0, box.x1, box.y1], at: [p.x, p.y] });
      }
      out.forEach(function (o) {
        ctx.fillStyle = STYLE.townDot;
        ctx.beginPath(); ctx.arc(o.at[0], o.at[1], 2, 0, 2 * Math.PI); ctx.fill();
        ctx.lineWidth = 3; ctx.strokeStyle = STYLE.halo; ctx.lineJoin = "round";
        ctx.strokeText(o.name, o.box[0], (o.box[1] + o.box[3]) / 2);
        ctx.fillStyle = STYLE.town;
        ctx.fillText(o.name, o.box[0], (o.box[1] + o.box[3]) / 2);
      });
      this.placed = out; this.candidates = towns.length;
    }
  });
})();
