/* transcheck review page: filters, search, keyboard navigation, tooltips, the overview strip.
   Inlined and allowed by its sha256 (the page's CSP allows no other script). It reads its
   data from the JSON block and writes text with textContent only: nothing from the report is
   ever parsed as HTML (the CSP requires Trusted Types, so an HTML sink would throw). */
(function () {
  "use strict";
  // Marks for benchmarks/html_page.py: parsing ends where this script starts.
  if (window.performance && performance.mark) performance.mark("transcheck-start");
  var d = document;
  var data = JSON.parse(d.getElementById("tc-data").textContent);
  var mode = data.mode;
  var findings = data.findings;
  var byId = new Map();
  findings.forEach(function (f, k) { f.k = k; byId.set(f.id, f); });
  var pairs = new Map();
  data.pairs.forEach(function (p) { pairs.set(p.id, p); });

  var bar = d.getElementById("bar");
  var q = d.getElementById("q");
  var only = d.getElementById("only");
  var sup = d.getElementById("sup");
  var pos = d.getElementById("pos");
  var now = d.getElementById("cur");
  var shown = d.getElementById("shown");
  var tip = d.getElementById("tip");
  var aside = d.getElementById("list");
  var main = d.getElementById("main");

  function ids(el) { return el.getAttribute("data-f").split(" "); }
  function all(sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); }

  // Everything drawn for a finding: highlighted spans, flagged sentences, its list item, its tick.
  var drawn = all("main mark[data-f], main p.fl[data-f]");
  // What each element shows now, so that apply() touches only what changes: on a long page,
  // rewriting every class on every call is most of the cost of opening it.
  drawn.forEach(function (el) {
    el._ids = ids(el);
    el._sev = el.classList.contains("e") ? "e" : el.classList.contains("w") ? "w" : "i";
  });
  var elsOf = new Map();
  drawn.forEach(function (el) {
    el._ids.forEach(function (id) {
      if (!elsOf.has(id)) elsOf.set(id, []);
      elsOf.get(id).push(el);
    });
  });
  var ticks = all(".strip rect[data-f]");
  ticks.forEach(function (t) { t._id = t.getAttribute("data-f"); });
  var itemOf = new Map();
  all("li.fi").forEach(function (li) { itemOf.set(li.getAttribute("data-f"), li); });
  var rows = all(".r");
  var rowById = new Map();
  rows.forEach(function (r) {
    r._ids = r.hasAttribute("data-f") ? ids(r) : [];
    r._flag = r.classList.contains("om") || r.classList.contains("ad") || r.classList.contains("wk");
    var m = /^(p\d+)r(\d+)$/.exec(r.id);
    r._pair = m[1];
    r._k = +m[2];
    rowById.set(r.id, r);
  });
  function rowText(r) {
    if (r._text === undefined) {
      r._text = all(".c", r).map(function (c) { return c.textContent; }).join("\n").toLowerCase();
    }
    return r._text;
  }
  function findingText(f) {
    if (f._text === undefined) {
      f._text = [f.code, f.rule, f.severity, f.message, f.suggestion || ""].concat(f.spans).join("\n").toLowerCase();
    }
    return f._text;
  }

  var state = { sev: {}, rule: {}, sup: false, only: false, q: "" };
  var active = new Set();
  var current = null; // a finding (check, run) or a row (align)
  var visibleRows = rows;

  function isActive(f) {
    if (f.suppressed && !state.sup) return false;
    if (state.sev[f.severity] === false || state.rule[f.code] === false) return false;
    if (!state.q) return true;
    return findingText(f).indexOf(state.q) >= 0 || (f.row !== null && rowText(rowById.get(f.row)).indexOf(state.q) >= 0);
  }
  var RANK = { e: 2, w: 1, i: 0 };
  var SEV = { error: "e", warning: "w", info: "i" };

  function apply() {
    all("input[data-sev]").forEach(function (i) { state.sev[i.getAttribute("data-sev")] = i.checked; });
    all("input[data-rule]").forEach(function (i) { state.rule[i.getAttribute("data-rule")] = i.checked; });
    state.sup = !!(sup && sup.checked);
    state.only = !!(only && only.checked);
    state.q = q.value.trim().toLowerCase();
    active = new Set();
    findings.forEach(function (f) { if (isActive(f)) active.add(f.id); });
    drawn.forEach(function (el) {
      var best = null;
      el._ids.forEach(function (id) {
        if (!active.has(id)) return;
        var c = SEV[byId.get(id).severity];
        if (best === null || RANK[c] > RANK[best]) best = c;
      });
      var off = best === null;
      if (off !== !!el._off) { el.classList.toggle("off", off); el._off = off; }
      if (!off && best !== el._sev) {
        el.classList.remove(el._sev);
        el.classList.add(best);
        el._sev = best;
      }
    });
    itemOf.forEach(function (li, id) {
      var hide = !active.has(id);
      if (hide !== li.hidden) li.hidden = hide;
    });
    ticks.forEach(function (t) {
      var off = !active.has(t._id);
      if (off !== !!t._off) { t.classList.toggle("off", off); t._off = off; }
    });
    visibleRows = [];
    rows.forEach(function (r) {
      var show = rowVisible(r);
      if (r.hidden === show) r.hidden = !show;
      if (show) visibleRows.push(r);
    });
    if (shown) shown.textContent = active.size === findings.length ? String(findings.length) : active.size + " of " + findings.length;
    highlightSearch();
    updatePosition();
    queueView();
  }

  function rowVisible(r) {
    for (var i = 0; i < r._ids.length; i++) if (active.has(r._ids[i])) return true;
    if (state.only && !(mode === "align" && r._flag)) return false;
    return !state.q || rowText(r).indexOf(state.q) >= 0;
  }

  // The search term, highlighted in the visible rows without touching the DOM (CSS Custom
  // Highlight API; where a browser lacks it, rows are still filtered).
  function highlightSearch() {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    CSS.highlights.delete("tc-q");
    if (!state.q) return;
    var ranges = [];
    for (var k = 0; k < visibleRows.length && ranges.length < 5000; k++) {
      var r = visibleRows[k];
      if (rowText(r).indexOf(state.q) < 0) continue;
      all(".c", r).forEach(function (cell) {
        var walker = d.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (var n = walker.nextNode(); n; n = walker.nextNode()) {
          var text = n.nodeValue.toLowerCase();
          for (var at = text.indexOf(state.q); at >= 0; at = text.indexOf(state.q, at + state.q.length)) {
            var range = new Range();
            range.setStart(n, at);
            range.setEnd(n, at + state.q.length);
            ranges.push(range);
          }
        }
      });
    }
    CSS.highlights.set("tc-q", new Highlight(...ranges));
  }

  // Navigation: findings in document order (check, run), or unaligned and weak rows (align).
  function targets() {
    if (mode === "align") return visibleRows.filter(function (r) { return r._flag; });
    return findings.filter(function (f) { return active.has(f.id); });
  }
  function step(dir) {
    var list = targets();
    if (!list.length) return;
    var at = current === null ? -1 : list.indexOf(current);
    var next;
    if (at >= 0) {
      next = list[(at + dir + list.length) % list.length];
    } else if (current !== null && mode !== "align") {
      // The current finding was filtered out: go on from where it was.
      var k = current.k;
      var after = list.filter(function (f) { return dir > 0 ? f.k > k : f.k < k; });
      next = after.length ? after[dir > 0 ? 0 : after.length - 1] : list[dir > 0 ? 0 : list.length - 1];
    } else {
      next = list[dir > 0 ? 0 : list.length - 1];
    }
    select(next);
  }

  function clearCurrent() {
    all(".cur").forEach(function (el) { el.classList.remove("cur"); });
  }

  function select(target) {
    clearCurrent();
    current = target;
    if (target === null) { updatePosition(); return; }
    var row;
    if (mode === "align") {
      row = target;
    } else {
      (elsOf.get(target.id) || []).forEach(function (el) { el.classList.add("cur"); });
      var li = itemOf.get(target.id);
      if (li) { li.classList.add("cur"); revealItem(li, target.row === null); }
      row = target.row !== null ? rowById.get(target.row) : null;
    }
    if (row) {
      row.classList.add("cur");
      reveal(row);
    }
    updatePosition();
  }

  function reveal(row) {
    row.scrollIntoView({ block: "center" });
    // Rows above that were not laid out yet (content-visibility) may have changed height.
    requestAnimationFrame(function () {
      var r = row.getBoundingClientRect();
      if (r.top < barBottom() || r.bottom > window.innerHeight) row.scrollIntoView({ block: "center" });
    });
  }

  function revealItem(li, always) {
    var scrolls = aside && aside.scrollHeight > aside.clientHeight && getComputedStyle(aside).position === "sticky";
    if (scrolls) {
      var a = aside.getBoundingClientRect(), r = li.getBoundingClientRect();
      if (r.top < a.top + 40 || r.bottom > a.bottom) aside.scrollTop += r.top - a.top - a.height / 3;
    } else if (always) {
      li.scrollIntoView({ block: "center" });
    }
  }

  function barBottom() { return bar.getBoundingClientRect().bottom; }

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function describe(f, into) {
    var head = el("div", "th");
    head.appendChild(el("span", SEV[f.severity], f.severity));
    head.appendChild(d.createTextNode(" " + f.code + " " + f.rule + (f.suppressed ? " (suppressed)" : "")));
    into.appendChild(head);
    into.appendChild(el("div", "msg", f.message));
    if (f.suggestion) into.appendChild(el("div", "sug", "suggestion: " + f.suggestion));
  }

  function updatePosition() {
    var list = targets();
    var at = current === null ? -1 : list.indexOf(current);
    pos.textContent = (at >= 0 ? at + 1 : "–") + " / " + list.length;
    now.textContent = "";
    if (current === null || mode === "align") return;
    var f = current;
    now.appendChild(el("span", "sevtag " + SEV[f.severity], f.severity));
    now.appendChild(el("code", null, f.code));
    var msg = el("span", "msg", f.message);
    now.appendChild(msg);
    if (f.suggestion) {
      var s = el("span", "sug", "→ ");
      s.appendChild(el("b", null, f.suggestion));
      now.appendChild(s);
    }
  }

  // Tooltips: code, message and suggestion of every finding on the hovered text.
  var tipFor = null;
  function showTip(target) {
    var list = target._ids.filter(function (id) { return active.has(id); });
    if (!list.length) { hideTip(); return; }
    if (tipFor !== target) {
      tip.textContent = "";
      list.forEach(function (id) {
        var box = el("div", "tf");
        describe(byId.get(id), box);
        tip.appendChild(box);
      });
    }
    tipFor = target;
    tip.hidden = false;
    placeTip();
  }
  function placeTip() {
    if (tipFor === null) return;
    var r = tipFor.getBoundingClientRect();
    var t = tip.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left, window.innerWidth - t.width - 8));
    var top = r.bottom + 8;
    if (top + t.height > window.innerHeight - 8) top = Math.max(8, r.top - t.height - 8);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; tipFor = null; }

  main.addEventListener("mouseover", function (e) {
    var t = e.target.closest("mark[data-f], p.fl[data-f]");
    if (t) showTip(t); else hideTip();
  });
  main.addEventListener("mouseleave", hideTip);
  // The tooltip follows its text when the page scrolls under a still pointer.
  window.addEventListener("scroll", function () { if (tipFor !== null) requestAnimationFrame(placeTip); }, { passive: true });

  main.addEventListener("click", function (e) {
    var t = e.target.closest("mark[data-f], p.fl[data-f]");
    if (t) {
      var id = t._ids.filter(function (i) { return active.has(i); })[0];
      if (id) { select(byId.get(id)); return; }
    }
    var strip = e.target.closest(".strip");
    if (strip) stripClick(strip, e);
  });

  if (aside) {
    aside.addEventListener("click", function (e) {
      if (e.target.closest("a.code")) return; // the link to the rule's documentation
      var li = e.target.closest("li.fi");
      if (!li) return;
      e.preventDefault();
      select(byId.get(li.getAttribute("data-f")));
    });
  }

  // The overview strip: click a place to go there; a box shows the part in view.
  function stripClick(strip, e) {
    var tick = e.target.closest("rect[data-f]");
    if (tick && active.has(tick.getAttribute("data-f"))) { select(byId.get(tick.getAttribute("data-f"))); return; }
    var p = pairs.get(strip.getAttribute("data-pair"));
    var box = strip.getBoundingClientRect();
    var x = (e.clientX - box.left) / box.width * 1000;
    var k = 0;
    for (var lo = 0, hi = p.positions.length - 1; lo <= hi;) {
      var mid = (lo + hi) >> 1;
      if (p.positions[mid] <= x) { k = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    // The row there, or the nearest one the filters left visible.
    var best = null;
    visibleRows.forEach(function (r) {
      if (r._pair === p.id && (best === null || Math.abs(r._k - k) < Math.abs(best._k - k))) best = r;
    });
    if (best) best.scrollIntoView({ block: "center" });
  }

  var strips = all(".strip").map(function (s) {
    return { el: s, view: s.querySelector(".view"), pair: pairs.get(s.getAttribute("data-pair")) };
  });
  var viewQueued = false;
  function updateView() {
    viewQueued = false;
    var topEdge = barBottom(), bottomEdge = window.innerHeight;
    strips.forEach(function (s) {
      var mine = visibleRows.filter(function (r) { return r._pair === s.pair.id; });
      var first = null, last = null;
      // Rows are in order: find the first whose bottom is below the top edge, by bisection.
      for (var lo = 0, hi = mine.length - 1; lo <= hi;) {
        var mid = (lo + hi) >> 1;
        if (mine[mid].getBoundingClientRect().bottom > topEdge) { first = mid; hi = mid - 1; } else { lo = mid + 1; }
      }
      for (lo = 0, hi = mine.length - 1; lo <= hi;) {
        mid = (lo + hi) >> 1;
        if (mine[mid].getBoundingClientRect().top < bottomEdge) { last = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      if (first === null || last === null || last < first) { s.view.hidden = true; return; }
      var P = s.pair.positions;
      var a = P[mine[first]._k], b = mine[last]._k + 1 < P.length ? P[mine[last]._k + 1] : 1000;
      s.view.hidden = false;
      s.view.style.left = a / 10 + "%";
      s.view.style.width = Math.max(0.8, (b - a) / 10) + "%";
    });
  }
  function queueView() {
    if (!viewQueued) { viewQueued = true; requestAnimationFrame(updateView); }
  }
  window.addEventListener("scroll", queueView, { passive: true });
  window.addEventListener("resize", queueView);

  // The sticky pair header sits under the bar, whose height changes as its contents wrap.
  var barHeight = 0;
  function measureBar() {
    var h = bar.offsetHeight;
    if (h !== barHeight) {
      barHeight = h;
      d.documentElement.style.setProperty("--bar-h", h + "px");
    }
    queueView();
  }
  // The observer also reports the first size, once the page is laid out: no layout is forced here.
  if (window.ResizeObserver) new ResizeObserver(measureBar).observe(bar); else measureBar();

  // Controls.
  all("input[data-sev], input[data-rule]").forEach(function (i) { i.addEventListener("change", apply); });
  if (only) only.addEventListener("change", apply);
  if (sup) sup.addEventListener("change", apply);
  var timer = 0;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  d.getElementById("next").addEventListener("click", function () { step(1); });
  d.getElementById("prev").addEventListener("click", function () { step(-1); });

  d.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t === q || (t.matches && t.matches("textarea, select, [contenteditable], input:not([type=checkbox])"))) {
      if (e.key === "Escape") {
        if (q.value) { q.value = ""; apply(); } else { t.blur(); }
        e.preventDefault();
      } else if (e.key === "Enter" && t === q) {
        clearTimeout(timer);
        apply();
        step(e.shiftKey ? -1 : 1);
        e.preventDefault();
      }
      return;
    }
    switch (e.key) {
      case "j": case "n": step(1); break;
      case "k": case "p": step(-1); break;
      case "/": q.focus(); q.select(); break;
      case "Escape": select(null); hideTip(); break;
      default: return;
    }
    e.preventDefault();
  });

  apply();
  // A link to one finding (#fi-f3) opens the page on it.
  var m = /^#fi-(f\d+)$/.exec(location.hash);
  if (m && byId.has(m[1])) select(byId.get(m[1]));
  d.documentElement.setAttribute("data-ready", "1");
  if (window.performance && performance.mark) {
    performance.mark("transcheck-ready");
    // ... and once the first frame is laid out and painted: what benchmarks call interactive.
    requestAnimationFrame(function () { setTimeout(function () { performance.mark("transcheck-painted"); }, 0); });
  }
})();
