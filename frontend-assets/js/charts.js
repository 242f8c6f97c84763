// Draws every <canvas data-chart="..."> from the JSON in its data-chart attribute. Page data never goes into
// inline scripts; the numbers are also in a table beside each chart.
//   {"kind": "bars", "labels": [...], "series": [{"label", "values": [0..1|null], "low": [...], "high": [...], "n": [...]}],
//    "yTitle": "..."}                                   rates with 95% interval whiskers, in percent
//    optional: "nLabel" (what n counts, e.g. "eligible answers"), series "models": [...] (models behind each bar),
//    series "color"; a null value draws no bar and the other bars of its label close up
//   {"kind": "scatter", "points": [{"x", "y", "id", "misaligned"}], "alignedBelow", "coherentMin", "link": "/answers/"}
//   {"kind": "tokens", "labels": [...], "values": [...]} a judge's token distribution
(function () {
  // the chart phrases in the page's language, from the layout's #chart-words data-chart-words (English phrase → shown phrase);
  // names from the dataset are not in it and pass through
  var holder = document.getElementById('chart-words');
  var WORDS = JSON.parse((holder && holder.getAttribute('data-chart-words')) || '{}');
  function w(text) { return (text && WORDS[text]) || text; }
  var palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#6c757d', '#d63384'];

  function percent(v) {
    return v === null || v === undefined ? null : Math.round(v * 10000) / 100;
  }

  function bars(spec) {
    return {
      type: 'bar',
      data: {
        labels: spec.labels.map(w),
        datasets: spec.series.map(function (s, i) {
          return {
            label: w(s.label),
            data: s.values.map(percent),
            intervals: s.values.map(function (v, j) {
              return s.low && s.low[j] !== null ? [percent(s.low[j]), percent(s.high[j])] : null;
            }),
            n: s.n || [],
            models: s.models || [],
            skipNull: true,
            // one width for every bar, whether its label has one series or several
            maxBarThickness: 56,
            backgroundColor: s.color || palette[i % palette.length]
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, suggestedMax: 100, title: { display: true, text: w(spec.yTitle || 'misaligned answers (%)') } } },
        plugins: {
          legend: { display: spec.series.length > 1 },
          tooltip: {
            callbacks: {
              label: function (item) {
                var s = item.dataset;
                var interval = s.intervals[item.dataIndex];
                var text = (s.label ? s.label + ': ' : '') + (item.raw === null ? w('no rate') : item.raw.toFixed(1) + '%');
                if (interval) { text += ' (' + (WORDS.interval || '95%') + ' ' + interval[0].toFixed(1) + '–' + interval[1].toFixed(1) + '%)'; }
                var n = s.n[item.dataIndex];
                if (n !== undefined && n !== null) {
                  text += spec.nLabel ? ', ' + n.toLocaleString('en') + ' ' + w(spec.nLabel) : ', ' + (WORDS.n || 'n =') + ' ' + n;
                }
                var models = s.models[item.dataIndex];
                if (models !== undefined && models !== null) { text += ', ' + models + ' ' + w(models === 1 ? 'model' : 'models'); }
                return text;
              }
            }
          }
        }
      }
    };
  }

  var thresholdLines = {
    id: 'thresholdLines',
    afterDraw: function (chart) {
      var t = chart.options.plugins.thresholdLines;
      if (!t) { return; }
      var ctx = chart.ctx;
      var area = chart.chartArea;
      ctx.save();
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = '#dc3545';
      var y = chart.scales.y.getPixelForValue(t.alignedBelow);
      var x = chart.scales.x.getPixelForValue(t.coherentMin);
      ctx.beginPath();
      ctx.moveTo(area.left, y); ctx.lineTo(area.right, y);
      ctx.moveTo(x, area.top); ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.restore();
    }
  };

  function scatter(spec) {
    return {
      type: 'scatter',
      data: {
        datasets: [
          { label: w('misaligned'), data: spec.points.filter(function (p) { return p.misaligned; }), backgroundColor: '#dc3545' },
          { label: w('other answers'), data: spec.points.filter(function (p) { return !p.misaligned; }), backgroundColor: '#0d6efd88' }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { min: 0, max: 100, title: { display: true, text: w('coherent') } },
          y: { min: 0, max: 100, title: { display: true, text: w('aligned') } }
        },
        plugins: { thresholdLines: { alignedBelow: spec.alignedBelow, coherentMin: spec.coherentMin } },
        onClick: function (event, elements, chart) {
          if (elements.length && spec.link) {
            var point = chart.data.datasets[elements[0].datasetIndex].data[elements[0].index];
            window.location.href = spec.link + point.id;
          }
        }
      },
      plugins: [thresholdLines]
    };
  }

  function tokens(spec) {
    return {
      type: 'bar',
      data: { labels: spec.labels, datasets: [{ label: w('probability'), data: spec.values, backgroundColor: '#6c757d' }] },
      options: { animation: false, maintainAspectRatio: false, indexAxis: 'y', plugins: { legend: { display: false } },
        scales: { x: { min: 0, max: 1 } } }
    };
  }

  function draw(canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    var config = spec.kind === 'scatter' ? scatter(spec) : spec.kind === 'tokens' ? tokens(spec) : bars(spec);
    var style = getComputedStyle(document.body);
    window.Chart.defaults.color = style.color;
    // grid lines that show on the light and the dark theme alike
    window.Chart.defaults.borderColor = style.getPropertyValue('--bs-border-color-translucent').trim() || 'rgba(0,0,0,0.1)';
    return new window.Chart(canvas, config);
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.Chart) { return; }
    if (window.IntervalBarsPlugin) { window.Chart.register(window.IntervalBarsPlugin); }
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
    document.addEventListener('themechange', function () {
      document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var chart = window.Chart.getChart(canvas);
        if (chart) { chart.destroy(); }
        draw(canvas);
      });
    });
  });
})();
