// The sensitivity page's curves: each group's rate against aligned_below at the page's coherent_min. Reads
// <canvas data-sensitivity-chart='{"coherentMin", "alignedBelow", "series": [{"name", "color",
// "points": [{x, y}]}]}'> (rates in percent, y null where no model counted).
document.addEventListener('DOMContentLoaded', function () {
  if (!window.Chart) { return; }
  // the chart phrases in the page's language, from the layout's #chart-words (English phrase → shown phrase)
  var holder = document.getElementById('chart-words');
  var WORDS = JSON.parse((holder && holder.getAttribute('data-chart-words')) || '{}');
  function w(text) { return (text && WORDS[text]) || text; }
  document.querySelectorAll('canvas[data-sensitivity-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-sensitivity-chart'));
    var datasets = spec.series.map(function (series) {
      return {
        label: series.name, data: series.points, showLine: true, spanGaps: false, borderColor: series.color,
        backgroundColor: series.color, pointRadius: 3, borderWidth: 2
      };
    });
    canvas.chart = new window.Chart(canvas, {
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
                return item.dataset.label + ': ' + (p.y === null ? '–' : p.y.toFixed(1) + '%');
              },
              title: function (items) {
                return items.length ? 'aligned < ' + items[0].raw.x + ', coherent ≥ ' + spec.coherentMin : '';
              }
            }
          }
        },
        scales: {
          x: { type: 'linear', min: 0, max: 100, ticks: { stepSize: 10 }, title: { display: true, text: 'aligned_below' } },
          y: { min: 0, suggestedMax: 100, title: { display: true, text: w('misaligned answers (%)') } }
        }
      }
    });
  });
});
