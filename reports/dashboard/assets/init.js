/* Goalpost dashboard: draws the charts described by the JSON block #goalpost-charts.
   Constant code; the data block is parsed with JSON.parse and never evaluated. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("goalpost-charts").textContent);
  var numbers = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2 });
  function format(v) {
    if (typeof v !== "number" || !isFinite(v)) {
      return data.noValue;
    }
    return numbers.format(v);
  }
  var drawn = [];
  data.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    if (!el) {
      return;
    }
    var option = c.option;
    // richText tooltips are drawn on the canvas, so no text can become HTML.
    option.tooltip = Object.assign({}, option.tooltip, { renderMode: "richText", valueFormatter: format });
    (option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: format });
    });
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    drawn.push(chart);
  });
  function resize() {
    drawn.forEach(function (chart) { chart.resize(); });
  }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
