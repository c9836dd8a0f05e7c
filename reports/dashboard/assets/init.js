/* Goalpost dashboard: draws the charts described by the JSON block #goalpost-charts.
   Constant code; the data block is parsed with JSON.parse and never evaluated. Text from the
   data is only ever handed to ECharts as plain strings, drawn on a canvas. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("goalpost-charts").textContent);
  var locale = data.locale;
  var plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  var whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  var percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  var oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  function formatter(unit) {
    return function (v) {
      if (Array.isArray(v)) {
        v = v[2];
      }
      if (typeof v !== "number" || !isFinite(v)) {
        return data.noValue;
      }
      switch (unit) {
        case "percent":
          return percent.format(v);
        case "currency":
          return whole.format(v);
        case "hours":
          return plain.format(v) + "\u00a0h";
        case "index":
          return "\u00d7" + oneDecimal.format(v);
      }
      return plain.format(v);
    };
  }
  function axes(option, key) {
    var a = option[key];
    if (!a) {
      return [];
    }
    return Array.isArray(a) ? a : [a];
  }
  var drawn = [];
  data.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    if (!el) {
      return;
    }
    var option = c.option;
    var fmt = formatter(c.format.unit);
    // richText tooltips are drawn on the canvas, so no text can become HTML.
    var tooltip = { renderMode: "richText", confine: true, valueFormatter: fmt };
    if (c.format.kind === "heatmap") {
      tooltip.formatter = function (p) {
        var v = p.value || [];
        return data.words.weekdays[v[1]] + " " + option.xAxis[0].data[v[0]] + "\n" + fmt(v[2]) + " \u00b7 " + v[3] + " " + data.words.posts;
      };
    }
    option.tooltip = Object.assign({}, option.tooltip, tooltip);
    if (c.format.axis) {
      axes(option, c.format.axis + "Axis").forEach(function (axis) {
        if (axis.type === "value") {
          axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: fmt });
        }
      });
    }
    if (option.visualMap) {
      option.visualMap.forEach(function (vm) {
        vm.formatter = fmt;
      });
    }
    (option.series || []).forEach(function (s) {
      // Bar labels: a data item's "text" is shown as it is; the series holds no template.
      if (s.label && s.label.useText) {
        s.label.formatter = function (p) {
          return (p.data && typeof p.data.text === "string") ? p.data.text : "";
        };
      }
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
