// The judges page's scatter: each band pair of aligned scores (judge a on x, judge b on y, bands of 10) as a bubble
// whose area grows with its answers. Reads <canvas data-judges-chart='{"a", "b", "band",
// "cells": [{x, y, answers}]}'> (x and y are the bands' middles).
document.addEventListener('DOMContentLoaded', function () {
  if (!window.Chart) { return; }
  // the chart phrases in the page's language, from the layout's #chart-words (English phrase → shown phrase)
  var holder = document.getElementById('chart-words');
  var WORDS = JSON.parse((holder && holder.getAttribute('data-chart-words')) || '{}');
  function w(text) { return (text && WORDS[text]) || text; }
  document.querySelectorAll('canvas[data-judges-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-judges-chart'));
    var most = spec.cells.reduce(function (m, c) { return Math.max(m, c.answers); }, 1);
    var data = spec.cells.map(function (c) {
      return { x: c.x, y: c.y, r: 3 + 17 * Math.sqrt(c.answers / most), answers: c.answers };
    });
    var axis = function (name) {
      return { min: 0, max: 100, ticks: { stepSize: spec.band }, title: { display: true, text: w('aligned') + ' (' + name + ')' } };
    };
    var chart = new window.Chart(canvas, {
      type: 'bubble',
      data: { datasets: [{ label: w('answers'), data: data, backgroundColor: 'rgba(13, 110, 253, 0.5)', borderColor: '#0d6efd' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) {
                var p = item.raw;
                var h = spec.band / 2;
                return spec.a + ' ' + (p.x - h) + '–' + (p.x + h) + ', ' + spec.b + ' ' + (p.y - h) + '–' + (p.y + h) +
                  ': ' + p.answers;
              }
            }
          }
        },
        scales: { x: axis(spec.a), y: axis(spec.b) }
      }
    });
    canvas.setAttribute('data-drawn', String(chart.data.datasets[0].data.length));
  });
});
