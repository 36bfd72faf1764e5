// gonghui page behaviour. No inline scripts (the Content-Security-Policy forbids them):
// charts read their data from <script type="application/json"> blocks made by json_script.
(function () {
  "use strict";

  function initCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.chartReady) return;
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(JSON.parse(source.textContent));
      el.dataset.chartReady = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // The language switcher submits on change.
  function initAutoSubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
  }

  // Wide tables scroll inside their own box (the page never scrolls sideways); the first
  // column stays in view while they do (CSS: .table-wrap).
  function wrapTables(root) {
    root.querySelectorAll("table.list").forEach(function (table) {
      var parent = table.parentElement;
      if (!parent || parent.classList.contains("table-wrap")) return;
      var box = document.createElement("div");
      box.className = "table-wrap";
      parent.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  // The menu (phones) and the organisation tree (a drawer on phones, foldable on a desk; the
  // desk's choice is remembered).
  var PHONE = window.matchMedia("(max-width: 800px)");
  var TREE_KEY = "gonghui.tree-collapsed";

  function setExpanded(which, open) {
    document.querySelectorAll('[data-toggle="' + which + '"][aria-expanded]').forEach(function (b) {
      b.setAttribute("aria-expanded", String(open));
    });
  }

  function toggle(which) {
    var body = document.body;
    if (which === "menu") {
      setExpanded("menu", body.classList.toggle("menu-open"));
      return;
    }
    if (PHONE.matches) {
      var open = body.classList.toggle("tree-open");
      setExpanded("tree", open);
      var scrim = document.querySelector(".scrim");
      if (scrim) scrim.hidden = !open;
    } else {
      var collapsed = body.classList.toggle("tree-collapsed");
      setExpanded("tree", !collapsed);
      try { window.localStorage.setItem(TREE_KEY, collapsed ? "1" : ""); } catch (e) { /* private mode */ }
    }
  }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-toggle]");
    if (!btn) return;
    ev.preventDefault();
    toggle(btn.dataset.toggle);
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.body.classList.contains("tree-open")) toggle("tree");
  });

  function initTree() {
    var collapsed = false;
    try { collapsed = window.localStorage.getItem(TREE_KEY) === "1"; } catch (e) { /* private mode */ }
    if (collapsed) document.body.classList.add("tree-collapsed");
    setExpanded("tree", !PHONE.matches && !collapsed);
  }

  // The tree as a scope picker: on a list that takes a union (body[data-scope-url]), clicking a
  // union lists its subtree there instead of opening the union's page. The union picked is
  // remembered for this tab: the menu's other such lists open on it too. Signing out (or a page
  // without the tree, such as the sign-in page) forgets it.
  var SCOPE_KEY = "gonghui.within";

  function remembered() {
    try { return window.sessionStorage.getItem(SCOPE_KEY) || ""; } catch (e) { return ""; }
  }

  function remember(id) {
    try {
      if (id) window.sessionStorage.setItem(SCOPE_KEY, id);
      else window.sessionStorage.removeItem(SCOPE_KEY);
    } catch (e) { /* private mode */ }
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("#org-tree a[data-org]");
    var body = document.body;
    if (!link || !body.dataset.scopeUrl) return;
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    remember(link.dataset.org);
    var url = new URL(body.dataset.scopeUrl, window.location.href);
    url.search = "";
    url.searchParams.set(body.dataset.scopeParam, link.dataset.org);
    window.location.assign(url.toString());
  });

  function initScope() {
    var body = document.body;
    if (!document.getElementById("org-tree")) { remember(""); return; }
    if (body.dataset.scopeUrl) {
      var here = new URL(window.location.href).searchParams.get(body.dataset.scopeParam);
      if (here && /^\d+$/.test(here)) remember(here);
    }
    var id = remembered();
    if (!id) return;
    document.querySelectorAll("#main-menu a[data-scope]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), window.location.href);
      url.searchParams.set(a.dataset.scope, id);
      a.setAttribute("href", url.pathname + url.search);
    });
    markScope(document);
  }

  function markScope(root) {
    var id = remembered();
    if (!id) return;
    root.querySelectorAll('#org-tree a[data-org="' + id + '"]').forEach(function (a) {
      a.setAttribute("aria-current", "true");
    });
  }

  document.addEventListener("submit", function (ev) {
    if (ev.target.action && /\/accounts\/logout\/?$/.test(ev.target.action)) remember("");
  });

  // Tree toggles: the first click loads the children (hx-get on the button), later ones fold.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button.toggle");
    if (!btn || !btn.dataset.loaded) return;
    var list = btn.closest("li").querySelector(":scope > ul");
    if (!list) return;
    ev.preventDefault();
    var open = list.hidden;
    list.hidden = !open;
    btn.textContent = open ? "−" : "+";
    btn.setAttribute("aria-expanded", String(open));
  }, true);

  // The division picker (core/widgets.py): a list's choice becomes the code in the box (the
  // level above when "—" is chosen), before the picker asks the server for the next level's
  // list (its hx-trigger is the same change event, seen later as it bubbles).
  document.addEventListener("change", function (ev) {
    var list = ev.target.closest && ev.target.closest("select[data-division-level]");
    if (!list) return;
    var pick = list.closest(".division-pick");
    var box = pick && pick.querySelector("input.division-code");
    if (!box) return;
    var code = list.value;
    if (!code) {
      var lists = Array.prototype.slice.call(pick.querySelectorAll("select[data-division-level]"));
      var above = lists[lists.indexOf(list) - 1];
      code = above ? above.value : "";
    }
    box.value = code;
  }, true);

  document.addEventListener("htmx:afterSwap", function (ev) {
    var btn = ev.detail.requestConfig && ev.detail.requestConfig.elt;
    if (btn && btn.classList && btn.classList.contains("toggle")) {
      btn.dataset.loaded = "1";
      btn.textContent = "−";
      btn.setAttribute("aria-expanded", "true");
      btn.removeAttribute("hx-get");
    }
    initCharts(ev.detail.target || document);
    initAutoSubmit(ev.detail.target || document);
    wrapTables(ev.detail.target || document);
    markScope(ev.detail.target || document);
  });

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables(document);
    initTree();
    initScope();
    initCharts(document);
    initAutoSubmit(document);
  });
})();
