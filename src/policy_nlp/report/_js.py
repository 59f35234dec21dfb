"""The review page's script (a Python string so that it ships with the package).

It builds every node with createElement/textContent: article text and field values never
pass through innerHTML. The page's Content-Security-Policy allows exactly this script (by hash).
"""
JS = r""""use strict";
// policy_nlp review page. Builds every node with createElement/textContent: article
// text and field values never pass through innerHTML.
(function () {
  var INDEX = JSON.parse(document.getElementById("pn-index").textContent);
  var cache = {};
  var current = -1;
  var shown = [];
  var sortKey = null, sortDir = 1;
  var hidden = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function load(i) {
    if (!(i in cache)) cache[i] = JSON.parse(document.getElementById("pn-a" + i).textContent);
    return cache[i];
  }
  function fmt(k, v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number" && (k === "confidence" || k === "score")) return String(Math.round(v * 100) / 100);
    return String(v);
  }
  function ann(art, a) {
    var nf = art.facts.length;
    return a < nf ? { kind: "fact", row: art.facts[a], i: a } : { kind: "entity", row: art.entities[a - nf], i: a - nf };
  }
  function markClass(x) {
    if (x.kind === "fact") {
      return "hl f k-" + (INDEX.kindClass[x.row.kind || "?"] || "none") + (x.row.modality === "target" ? " tgt" : "");
    }
    return "hl e l-" + (INDEX.labelClass[x.row.label || "?"] || "none");
  }
  function fieldsOf(x) { return x.kind === "fact" ? INDEX.factFields : INDEX.entityFields; }
  function tip(x) {
    var out = [];
    fieldsOf(x).forEach(function (k) {
      var v = x.row[k];
      if (v !== null && v !== undefined && v !== "") out.push(k + ": " + fmt(k, v));
    });
    return out.join("\n");
  }

  // ------------------------------------------------------------------ index
  var COLS = [
    { key: "i", label: "#", num: true },
    { key: "title", label: "title" },
    { key: "file", label: "file" },
    { key: "region", label: "region" },
    { key: "year", label: "year", num: true },
    { key: "chars", label: "chars", num: true },
    { key: "facts", label: "facts", num: true },
    { key: "targets", label: "targets", num: true },
    { key: "entities", label: "entities", num: true }
  ];
  INDEX.labels.forEach(function (l) { COLS.push({ key: "L:" + l, label: l, num: true }); });
  INDEX.articles.forEach(function (a, i) { a.i = i + 1; a._n = i; });

  function cell(a, key) {
    if (key.indexOf("L:") === 0) return a.labels[key.slice(2)] || 0;
    var v = a[key];
    return v === null || v === undefined ? "" : v;
  }
  function renderIndex() {
    var table = document.getElementById("index-table");
    var thead = table.tHead, tbody = table.tBodies[0];
    clear(thead); clear(tbody);
    var tr = el("tr");
    COLS.forEach(function (c) {
      var th = el("th", c.num ? "n" : "", c.label + (sortKey === c.key ? (sortDir > 0 ? " ▲" : " ▼") : ""));
      th.title = "sort by " + c.label;
      th.addEventListener("click", function () {
        sortDir = sortKey === c.key ? -sortDir : (c.num ? -1 : 1);
        sortKey = c.key;
        renderIndex();
      });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    var q = document.getElementById("filter").value.trim().toLowerCase();
    shown = INDEX.articles.filter(function (a) {
      if (!q) return true;
      return [a.title, a.source, a.region, a.year, a.id].join(" ").toLowerCase().indexOf(q) >= 0;
    });
    if (sortKey) {
      shown.sort(function (x, y) {
        var a = cell(x, sortKey), b = cell(y, sortKey);
        return (a < b ? -1 : a > b ? 1 : 0) * sortDir || x._n - y._n;
      });
    }
    shown.forEach(function (a) {
      var row = el("tr");
      row.dataset.n = a._n;
      if (a._n === current) row.className = "sel";
      COLS.forEach(function (c) {
        var td = el("td", c.num ? "n" : ((c.key === "title" || c.key === "file") ? "t" : ""), cell(a, c.key));
        if (c.key === "title") td.title = a.title + "\n" + (a.source || "") + (a.index ? " #" + a.index : "");
        row.appendChild(td);
      });
      row.addEventListener("click", function () { location.hash = "a=" + encodeURIComponent(a.id); });
      tbody.appendChild(row);
    });
  }

  // ------------------------------------------------------------------ article
  function buildNodes(art, nodes, parent) {
    nodes.forEach(function (n) {
      if (typeof n === "string") { parent.appendChild(document.createTextNode(n)); return; }
      var x = ann(art, n.a);
      var m = el("mark", markClass(x) + (n.p ? " cont" : ""));
      m.dataset.a = n.a;
      m.title = tip(x);
      buildNodes(art, n.c, m);
      parent.appendChild(m);
    });
  }
  function legend(art) {
    var box = document.getElementById("legend");
    clear(box);
    function item(text, cls, key) {
      var lab = el("label", cls);
      var cb = el("input");
      cb.type = "checkbox";
      cb.checked = !hidden[key];
      cb.addEventListener("change", function () { hidden[key] = !cb.checked; applyHidden(art); });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" " + text));
      box.appendChild(lab);
    }
    var lc = {}, kc = {};
    art.entities.forEach(function (e) { lc[e.label || "?"] = (lc[e.label || "?"] || 0) + 1; });
    art.facts.forEach(function (f) { kc[f.kind || "?"] = (kc[f.kind || "?"] || 0) + 1; });
    INDEX.labels.forEach(function (l) { if (lc[l]) item(l + " " + lc[l], "hl e l-" + INDEX.labelClass[l], "L:" + l); });
    INDEX.kinds.forEach(function (k) { if (kc[k]) item(k + " " + kc[k], "hl f k-" + INDEX.kindClass[k], "K:" + k); });
    box.appendChild(el("span", "hl f k-level tgt", "target = dashed frame"));
  }
  function applyHidden(art) {
    var marks = document.querySelectorAll("#body mark.hl");
    for (var j = 0; j < marks.length; j++) {
      var x = ann(art, +marks[j].dataset.a);
      var key = x.kind === "fact" ? "K:" + (x.row.kind || "?") : "L:" + (x.row.label || "?");
      marks[j].classList.toggle("off", !!hidden[key]);
    }
  }
  function table(art, kind) {
    var rows = kind === "fact" ? art.facts : art.entities;
    var fields = kind === "fact" ? INDEX.factFields : INDEX.entityFields;
    var t = el("table", "grid");
    t.id = kind === "fact" ? "facts-table" : "entities-table";
    t.appendChild(el("caption", null, (kind === "fact" ? "facts" : "entities") + " (" + rows.length + ")"));
    var head = el("tr");
    ["#"].concat(fields).forEach(function (f) { head.appendChild(el("th", null, f)); });
    var thead = el("thead"); thead.appendChild(head); t.appendChild(thead);
    var tb = el("tbody");
    rows.forEach(function (r, i) {
      var tr = el("tr");
      var a = kind === "fact" ? i : art.facts.length + i;
      tr.dataset.a = a;
      tr.appendChild(el("td", null, i + 1));
      fields.forEach(function (f) { tr.appendChild(el("td", null, fmt(f, r[f]))); });
      tr.addEventListener("click", function () { select(art, a, true); });
      tb.appendChild(tr);
    });
    t.appendChild(tb);
    return t;
  }
  function select(art, a, scroll) {
    var prev = document.querySelectorAll(".sel[data-a]");
    for (var j = 0; j < prev.length; j++) prev[j].classList.remove("sel");
    var marks = document.querySelectorAll('#body mark[data-a="' + a + '"]');
    for (var k = 0; k < marks.length; k++) marks[k].classList.add("sel");
    var row = document.querySelector('#tables tr[data-a="' + a + '"]');
    if (row) row.classList.add("sel");
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
    showDetail(art, a, marks.length ? marks[0] : null);
  }
  function showDetail(art, a, mark) {
    var box = document.getElementById("detail");
    clear(box);
    box.hidden = false;
    var x = ann(art, a);
    var h = el("h4");
    h.appendChild(el("span", markClass(x), x.kind === "fact" ? "fact · " + (x.row.kind || "") : "entity · " + (x.row.label || "")));
    box.appendChild(h);
    var t = el("table");
    t.id = "detail-fields";
    fieldsOf(x).forEach(function (k) {
      var tr = el("tr");
      tr.dataset.field = k;
      tr.appendChild(el("td", "k", k));
      tr.appendChild(el("td", "v", fmt(k, x.row[k])));
      t.appendChild(tr);
    });
    box.appendChild(t);
    if (!mark) box.appendChild(el("p", "muted", "(not placed in the text: offsets outside the article)"));
    var outer = [];
    for (var p = mark && mark.parentElement; p && p.id !== "body"; p = p.parentElement) {
      if (p.dataset && p.dataset.a !== undefined) outer.push(+p.dataset.a);
    }
    var inner = mark ? mark.querySelectorAll("mark[data-a]") : [];
    var seen = {};
    var links = [];
    outer.forEach(function (o) { links.push(["inside", o]); });
    for (var j = 0; j < inner.length; j++) links.push(["contains", +inner[j].dataset.a]);
    links.forEach(function (pair) {
      if (pair[1] === a || seen[pair[1]]) return;
      seen[pair[1]] = 1;
      var y = ann(art, pair[1]);
      var c = el("span", markClass(y) + " chip", pair[0] + ": " + y.row.text);
      c.addEventListener("click", function () { select(art, pair[1], true); });
      box.appendChild(c);
    });
  }
  function open(n) {
    if (n < 0 || n >= INDEX.articles.length) return;
    current = n;
    var art = load(n);
    var head = document.getElementById("art-head");
    clear(head);
    head.appendChild(el("h2", "title", art.title));
    var meta = el("div", "muted");
    Object.keys(art.meta).forEach(function (k) { meta.appendChild(el("span", null, k + ": " + art.meta[k])); });
    meta.appendChild(el("span", null, art.facts.length + " facts, " + art.entities.length + " entities" +
      (art.placed < art.facts.length + art.entities.length ? " (" + (art.facts.length + art.entities.length - art.placed) + " not placed)" : "")));
    meta.appendChild(el("span", null, "id " + art.id));
    head.appendChild(meta);
    legend(art);
    var body = document.getElementById("body");
    clear(body);
    body.hidden = false;
    buildNodes(art, art.body, body);
    applyHidden(art);
    body.onclick = function (ev) {
      var m = ev.target.closest ? ev.target.closest("mark[data-a]") : null;
      if (m) select(art, +m.dataset.a, false);
    };
    var d = document.getElementById("detail");
    clear(d);
    d.hidden = false;
    d.appendChild(el("h4", null, "Click a highlight"));
    d.appendChild(el("p", "muted", "Hover shows its fields; a click pins them here. Rows of the tables below select their highlight."));
    var tables = document.getElementById("tables");
    clear(tables);
    tables.appendChild(table(art, "fact"));
    tables.appendChild(table(art, "entity"));
    document.getElementById("main").scrollTop = 0;
    renderIndex();
    document.title = art.title + " — " + INDEX.title;
  }
  function fromHash() {
    var m = /a=([^&]+)/.exec(location.hash);
    var id = m ? decodeURIComponent(m[1]) : null;
    for (var i = 0; i < INDEX.articles.length; i++) {
      if (INDEX.articles[i].id === id) { open(i); return; }
    }
    if (INDEX.articles.length) open(0);
  }
  function step(d) {
    var pos = -1;
    for (var i = 0; i < shown.length; i++) if (shown[i]._n === current) pos = i;
    var next = shown[Math.max(0, Math.min(shown.length - 1, pos + d))];
    if (next) location.hash = "a=" + encodeURIComponent(next.id);
  }

  document.getElementById("filter").addEventListener("input", renderIndex);
  document.addEventListener("keydown", function (ev) {
    if (ev.target && ev.target.tagName === "INPUT") return;
    if (ev.key === "j") step(1);
    if (ev.key === "k") step(-1);
  });
  window.addEventListener("hashchange", fromHash);
  renderIndex();
  fromHash();
})();
"""
