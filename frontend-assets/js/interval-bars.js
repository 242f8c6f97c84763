// A Chart.js plugin of our own that draws 95% interval whiskers on bars (no WebJar of an error-bar plugin
// exists). A dataset opts in with `intervals: [[low, high] | null, ...]`, in the units of its data.
(function () {
  var plugin = {
    id: 'intervalBars',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (dataset, datasetIndex) {
        if (!dataset.intervals || !chart.isDatasetVisible(datasetIndex)) {
          return;
        }
        var meta = chart.getDatasetMeta(datasetIndex);
        var scale = chart.scales[meta.yAxisID];
        ctx.save();
        ctx.strokeStyle = getComputedStyle(chart.canvas).color || '#333';
        ctx.lineWidth = 1.5;
        meta.data.forEach(function (bar, i) {
          var interval = dataset.intervals[i];
          if (!interval || interval[0] === null || interval[1] === null) {
            return;
          }
          var top = scale.getPixelForValue(interval[1]);
          var bottom = scale.getPixelForValue(interval[0]);
          var half = Math.min(8, (bar.width || 12) / 4);
          ctx.beginPath();
          ctx.moveTo(bar.x, top);
          ctx.lineTo(bar.x, bottom);
          ctx.moveTo(bar.x - half, top);
          ctx.lineTo(bar.x + half, top);
          ctx.moveTo(bar.x - half, bottom);
          ctx.lineTo(bar.x + half, bottom);
          ctx.stroke();
        });
        ctx.restore();
      });
    }
  };
  window.IntervalBarsPlugin = plugin;
  if (window.Chart) {
    window.Chart.register(plugin);
  }
})();
