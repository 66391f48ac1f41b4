/* The document view: hover and focus cards, type and fix toggles, the current outline entry.
   Reads the embedded JSON only; every value is written with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("wfl-data").textContent);
  var tip = document.getElementById("wfl-tip");
  /* the record contract's field order (wfltext.records.view_fields) */
  var FIELD_ORDER = data.fieldOrder || [];
  var SKIP = { type: 1, text: 1, start: 1, end: 1, doc: 1 };
  var offTypes = {};
  var offFixes = {};
  var active = [];
  var pinned = null;

  function typeClass(t) {
    return String(t).toLowerCase().replace(/[^a-z0-9-]/g, "").slice(0, 40) || "other";
  }

  function fmt(v) {
    if (v === null || v === undefined) return "—";
    if (Array.isArray(v)) return v.map(function (x) { return x === null ? "…" : String(x); }).join(v.length && typeof v[0] === "number" ? " – " : " › ");
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "number") return v.toLocaleString("zh-CN", { maximumFractionDigits: 6 });
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function recordCard(r) {
    var card = el("div", "card");
    var head = el("div", "head");
    var chip = el("span", "chip t-" + typeClass(r.type), (data.typeLabels[r.type] || r.type));
    head.appendChild(chip);
    head.appendChild(el("span", "surface", r.text));
    card.appendChild(head);
    var dl = el("dl");
    var keys = FIELD_ORDER.filter(function (k) { return k in r; });
    Object.keys(r).forEach(function (k) { if (keys.indexOf(k) < 0 && !SKIP[k]) keys.push(k); });
    keys.forEach(function (k) {
      var v = r[k];
      if (v === null || v === undefined || v === "") return;
      if (k === "section" && (!v || !v.length)) return;
      if ((k === "approx" || k === "masked") && v === false) return;
      dl.appendChild(el("dt", "", k));
      dl.appendChild(el("dd", "", fmt(v)));
    });
    dl.appendChild(el("dt", "", "span"));
    dl.appendChild(el("dd", "", r.start + "–" + r.end));
    card.appendChild(dl);
    return card;
  }

  function fixCard(f) {
    var card = el("div", "card fixcard");
    var head = el("div", "head");
    head.appendChild(el("strong", "", "修正 fix: " + (data.fixLabels[f.fix] || f.fix)));
    card.appendChild(head);
    var dl = el("dl");
    dl.appendChild(el("dt", "", "before"));
    dl.appendChild(el("dd", "", JSON.stringify(String(f.before))));
    dl.appendChild(el("dt", "", "after"));
    dl.appendChild(el("dd", "", JSON.stringify(String(f.after))));
    dl.appendChild(el("dt", "", "span"));
    dl.appendChild(el("dd", "", f.start + "–" + f.end));
    card.appendChild(dl);
    return card;
  }

  /* every record and fix covering the element's text, innermost first */
  function covering(node) {
    var out = [];
    var art = node.closest("[data-doc]");
    if (!art) return out;
    var doc = data.docs[+art.getAttribute("data-doc")];
    for (var e = node; e && e !== art; e = e.parentElement) {
      if (e.hasAttribute("data-r")) {
        var r = doc.records[+e.getAttribute("data-r")];
        if (r && !offTypes[typeClass(r.type)]) out.push({ el: e, card: recordCard(r) });
      } else if (e.hasAttribute("data-f")) {
        var f = doc.fixes[+e.getAttribute("data-f")];
        if (f && !offFixes[typeClass(f.fix)]) out.push({ el: e, card: fixCard(f) });
      }
    }
    return out;
  }

  function clearActive() {
    active.forEach(function (e) { e.classList.remove("active"); });
    active = [];
  }

  function show(target, x, y) {
    var items = covering(target);
    clearActive();
    if (!items.length) { hide(); return; }
    tip.textContent = "";
    items.forEach(function (it) {
      tip.appendChild(it.card);
      it.el.classList.add("active");
      active.push(it.el);
    });
    tip.hidden = false;
    var rect = target.getClientRects()[0] || target.getBoundingClientRect();
    var left = x !== undefined ? x + 12 : rect.left;
    var top = y !== undefined ? y + 18 : rect.bottom + 6;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    if (left + w > vw - 8) left = Math.max(8, vw - w - 8);
    if (top + h > vh - 8) top = Math.max(8, (y !== undefined ? y : rect.top) - h - 10);
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }

  function hide() {
    tip.hidden = true;
    clearActive();
  }

  function annotated(node) {
    return node && node.closest ? node.closest("mark.rec, span.fx") : null;
  }

  document.addEventListener("mousemove", function (ev) {
    if (pinned) return;
    var m = annotated(ev.target);
    if (m) show(m, ev.clientX, ev.clientY); else if (!tip.hidden && !tip.contains(ev.target)) hide();
  });
  document.addEventListener("focusin", function (ev) {
    var m = annotated(ev.target);
    if (m) { pinned = m; m.setAttribute("aria-describedby", "wfl-tip"); show(m); } else { pinned = null; hide(); }
  });
  document.addEventListener("focusout", function (ev) {
    if (pinned === ev.target) { pinned = null; hide(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; hide(); }
  });

  function setTabStops(type, on) {
    var marks = document.querySelectorAll("mark.rec.first.t-" + type);
    for (var i = 0; i < marks.length; i++) marks[i].tabIndex = on ? 0 : -1;
  }

  var boxes = document.querySelectorAll("input[data-toggle]");
  Array.prototype.forEach.call(boxes, function (cb) {
    cb.addEventListener("change", function () {
      var t = cb.getAttribute("data-toggle");
      offTypes[t] = !cb.checked;
      document.body.classList.toggle("off-" + t, !cb.checked);
      setTabStops(t, cb.checked);
      hide();
    });
  });
  var fixBoxes = document.querySelectorAll("input[data-fix-toggle]");
  Array.prototype.forEach.call(fixBoxes, function (cb) {
    cb.addEventListener("change", function () {
      var t = cb.getAttribute("data-fix-toggle");
      offFixes[t] = !cb.checked;
      document.body.classList.toggle("fxoff-" + t, !cb.checked);
      hide();
    });
  });

  /* the outline entry of the section being read */
  if ("IntersectionObserver" in window) {
    var links = {};
    Array.prototype.forEach.call(document.querySelectorAll(".nav-doc li a"), function (a) {
      links[a.getAttribute("href").slice(1)] = a;
    });
    var current = null;
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting) return;
        var a = links[en.target.id];
        if (!a) return;
        if (current) current.classList.remove("here");
        a.classList.add("here");
        current = a;
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Array.prototype.forEach.call(document.querySelectorAll(".sec-anchor"), function (a) { io.observe(a); });
  }
})();
