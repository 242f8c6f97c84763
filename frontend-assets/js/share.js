// Copy buttons of the share panel. Without scripts the fields stay plain read-only text to select and copy.
(function () {
  function copy(field, button) {
    var done = function () {
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = 'Copy'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      return;
    }
    field.focus();
    field.select();
    try { if (document.execCommand('copy')) { done(); } } catch (e) { /* the text stays selected to copy by hand */ }
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
    // a click in a field selects all of it, ready to copy
    document.querySelectorAll('textarea.share-text').forEach(function (field) {
      field.addEventListener('focus', function () { field.select(); });
    });
  });
})();
