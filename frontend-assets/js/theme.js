// Light or dark: the reader's choice if they made one, else the system's. Loaded in <head> so the page never
// flashes the other theme.
(function () {
  var stored = null;
  try { stored = localStorage.getItem('theme'); } catch (e) { /* storage blocked */ }
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-bs-theme', stored || (dark ? 'dark' : 'light'));
})();
