// The dot-and-line chart of a paired comparison: each model's rate under A and under B, joined by a line.
// Reads <canvas data-paired-chart='{"labels": [A, B], "models": [{"name", "a", "b"}]}'> (rates 0..1).
document.addEventListener('DOMContentLoaded', function () {
  if (!window.Chart) { return; }
  document.querySelectorAll('canvas[data-paired-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-paired-chart'));
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: spec.models.map(function (m) {
          return { label: m.name, data: [m.a * 100, m.b * 100], borderColor: '#6c757d88', backgroundColor: '#0d6efd',
            pointRadius: 4, borderWidth: 1 };
        })
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: 0, suggestedMax: 100, title: { display: true, text: ((JSON.parse((document.getElementById('chart-words') || { getAttribute: function () { return null; } }).getAttribute('data-chart-words') || '{}'))['misaligned answers (%)'] || 'misaligned answers (%)') } } }
      }
    });
  });
});
