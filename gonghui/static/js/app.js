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
  });

  document.addEventListener("DOMContentLoaded", function () {
    initCharts(document);
    initAutoSubmit(document);
  });
})();
