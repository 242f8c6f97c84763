// The sweep chart: each model's rate (a dot with its 95% interval) against an attribute, and per series a line
// through the mean at each value, with the 95% interval of the mean as a band behind it. A click on a point opens its
// model's misaligned answers (its href). Reads <canvas data-sweep-chart='{"x", "numeric", "log", "labels",
// "series": [{"name", "color", "points": [{x, y, low, high, model, href}], "means": [{x, y, low, high}]}]}'>
// (rates in percent).
document.addEventListener('DOMContentLoaded', function () {
  if (!window.Chart) { return; }
  // the chart phrases in the page's language, from the layout's #chart-words (English phrase → shown phrase)
  var holder = document.getElementById('chart-words');
  var WORDS = JSON.parse((holder && holder.getAttribute('data-chart-words')) || '{}');
  function w(text) { return (text && WORDS[text]) || text; }
  document.querySelectorAll('canvas[data-sweep-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-sweep-chart'));
    var datasets = [];
    spec.series.forEach(function (series) {
      var banded = series.means.filter(function (m) { return m.low !== null && m.low !== undefined; });
      // the band: its lower edge, then its upper edge filled down to it; drawn first, behind the rest
      datasets.push({
        label: series.name + ' ' + w('(95% interval, low)'), band: true, order: 2,
        data: banded.map(function (m) { return { x: m.x, y: m.low }; }),
        showLine: true, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false,
        borderColor: 'transparent', backgroundColor: 'transparent'
      });
      datasets.push({
        label: series.name + ' ' + w('(95% interval)'), band: true, order: 2,
        data: banded.map(function (m) { return { x: m.x, y: m.high }; }),
        showLine: true, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: '-1',
        borderColor: 'transparent', backgroundColor: series.color + '33'
      });
      datasets.push({
        label: series.name, data: series.points, showLine: false, borderColor: series.color, order: 0,
        backgroundColor: series.color, pointRadius: 4,
        intervals: series.points.map(function (p) { return [p.low, p.high]; })
      });
      datasets.push({
        label: series.name + ' ' + w('(mean)'), data: series.means, showLine: true, borderColor: series.color, order: 1,
        backgroundColor: series.color, pointRadius: 0, borderWidth: 2
      });
    });
    var x = { title: { display: true, text: spec.x } };
    if (spec.numeric) {
      x.type = spec.log ? 'logarithmic' : 'linear';
    } else {
      x.type = 'category';
      x.labels = spec.labels;
    }
    canvas.chart = new window.Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        onClick: function (event, elements, chart) {
          for (var i = 0; i < elements.length; i++) {
            var p = chart.data.datasets[elements[i].datasetIndex].data[elements[i].index];
            if (p && p.href) { window.location.assign(p.href); return; }
          }
        },
        onHover: function (event, elements, chart) {
          var link = elements.some(function (e) { return chart.data.datasets[e.datasetIndex].data[e.index].href; });
          chart.canvas.style.cursor = link ? 'pointer' : 'default';
        },
        plugins: {
          legend: { labels: { filter: function (item, data) { return !data.datasets[item.datasetIndex].band; } } },
          tooltip: {
            filter: function (item) { return !item.dataset.band; },
            callbacks: {
              label: function (item) {
                var p = item.raw;
                var text = (p.model ? p.model + ': ' : item.dataset.label + ': ') + p.y.toFixed(1) + '%';
                return (p.low !== undefined) ? text + ' (' + p.low.toFixed(1) + '–' + p.high.toFixed(1) + '%)' : text;
              }
            }
          }
        },
        scales: { x: x, y: { min: 0, suggestedMax: 100, title: { display: true, text: ((JSON.parse((document.getElementById('chart-words') || { getAttribute: function () { return null; } }).getAttribute('data-chart-words') || '{}'))['misaligned answers (%)'] || 'misaligned answers (%)') } } }
      }
    });
  });
});
