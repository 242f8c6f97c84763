// Copy buttons of the share panel, and its theme and width choices. Without scripts the fields stay plain read-only
// text to select and copy, and a choice is a link to the page with the panel written for it.
(function () {
  // the button's words are the page's: its own text, and data-copied once the text is copied
  function copy(field, button) {
    var done = function () {
      var label = button.getAttribute('data-label') || button.textContent;
      button.setAttribute('data-label', label);
      button.textContent = button.getAttribute('data-copied') || label;
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      return;
    }
    field.focus();
    field.select();
    try { if (document.execCommand('copy')) { done(); } } catch (e) { /* the text stays selected to copy by hand */ }
  }

  // The snippets of every look come from the server (data-share-variants, keyed "dark-600"); a choice swaps them in.
  function choices(panel) {
    var variants;
    try { variants = JSON.parse(panel.getAttribute('data-share-variants') || 'null'); } catch (e) { return; }
    var look = (panel.getAttribute('data-share-look') || '').split('-');
    if (!variants || look.length !== 2) { return; }
    var id = panel.id || 'share';
    var fields = { iframe: id + '-iframe', png: id + '-png', svg: id + '-svg', markdown: id + '-markdown' };
    var links = { png: 'a.share-open-png', svg: 'a.share-open-svg', embed: 'a.share-open-embed' };
    var buttons = panel.querySelectorAll('a.share-choice');
    var show = function (theme, width) {
      var variant = variants[theme + '-' + width];
      if (!variant) { return false; }
      Object.keys(fields).forEach(function (name) {
        var field = document.getElementById(fields[name]);
        if (field) { field.value = variant[name]; }
      });
      Object.keys(links).forEach(function (name) {
        var link = panel.querySelector(links[name]);
        if (link) { link.href = variant[name]; }
      });
      buttons.forEach(function (button) {
        var chosen = button.getAttribute('data-share-theme') === theme || button.getAttribute('data-share-width') === width;
        button.classList.toggle('active', chosen);
        if (chosen) { button.setAttribute('aria-current', 'true'); } else { button.removeAttribute('aria-current'); }
      });
      look = [theme, width];
      return true;
    };
    buttons.forEach(function (button) {
      button.addEventListener('click', function (event) {
        var theme = button.getAttribute('data-share-theme') || look[0];
        var width = button.getAttribute('data-share-width') || look[1];
        if (show(theme, width)) { event.preventDefault(); }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('button.share-copy[data-copy]').forEach(function (button) {
      var field = document.getElementById(button.getAttribute('data-copy'));
      if (!field) { return; }
      button.hidden = false;
      button.addEventListener('click', function () { copy(field, button); });
    });
    // a link to #share opens the panel (and so does following one to this page)
    var panel = document.getElementById('share');
    var openIfAsked = function () {
      if (panel && window.location.hash === '#share') {
        panel.open = true;
        panel.scrollIntoView();
      }
    };
    openIfAsked();
    window.addEventListener('hashchange', openIfAsked);
    document.querySelectorAll('details.share-panel').forEach(choices);
    // a click in a field selects all of it, ready to copy
    document.querySelectorAll('textarea.share-text').forEach(function (field) {
      field.addEventListener('focus', function () { field.select(); });
    });
  });
})();
