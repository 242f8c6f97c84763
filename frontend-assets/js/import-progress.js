// The web import's progress page: polls the import's JSON status and shows it; reloads the page when it ends. The
// state's words in the page's language come from #import-state's data-word-running and data-word-queued.
document.addEventListener('DOMContentLoaded', function () {
  var page = document.querySelector('[data-import-status]');
  var state = document.getElementById('import-state');
  if (!page || !state || (state.getAttribute('data-state') !== 'running' && state.getAttribute('data-state') !== 'queued')) {
    return;
  }
  var url = page.getAttribute('data-import-status');
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state !== 'running' && status.state !== 'queued') {
          window.location.reload();
          return;
        }
        state.setAttribute('data-state', status.state);
        state.textContent = state.getAttribute('data-word-' + status.state) || status.state;
        document.getElementById('import-answers').textContent = Number(status.answers).toLocaleString('en');
        if (status.percent !== null) {
          document.getElementById('import-percent').textContent = status.percent + ' %';
          var bar = document.getElementById('import-bar');
          if (bar) { bar.value = status.percent; }
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
});
