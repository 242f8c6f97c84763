// The sweep chart: each model's rate (a dot with its 95% interval) against an attribute, and per series a line
// through the mean at each value. Reads <canvas data-sweep-chart='{"x", "numeric", "log", "labels",
// "series": [{"name", "color", "points": [{x, y, low, high, model}], "means": [{x, y}]}]}'> (rates in percent).
document.addEventListener('DOMContentLoaded', function () {
  if (!window.Chart) { return; }
  document.querySelectorAll('canvas[data-sweep-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-sweep-chart'));
    var datasets = [];
    spec.series.forEach(function (series) {
      datasets.push({
        label: series.name, data: series.points, showLine: false, borderColor: series.color,
        backgroundColor: series.color, pointRadius: 4,
        intervals: series.points.map(function (p) { return [p.low, p.high]; })
      });
      datasets.push({
        label: series.name + ' (mean)', data: series.means, showLine: true, borderColor: series.color,
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
    new window.Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        plugins: {
          tooltip: {
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
