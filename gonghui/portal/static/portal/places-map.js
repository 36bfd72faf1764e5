// The service places on the outline of Guangdong shipped with the project (guangdong.json beside
// this file; no map tiles from outside): the outline is registered with ECharts, then the places
// are drawn as a scatter on its geo component.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.querySelector("[data-places-map]");
    if (!el || !window.echarts || !window.fetch) return;
    var source = document.getElementById(el.dataset.placesMap);
    if (!source) return;
    window.fetch(el.dataset.geo, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (outline) {
        window.echarts.registerMap("guangdong", outline);
        var chart = window.echarts.init(el, null, { renderer: "svg" });
        chart.setOption(JSON.parse(source.textContent));
        el.dataset.chartReady = "1";
        window.addEventListener("resize", function () { chart.resize(); });
      });
  });
})();
