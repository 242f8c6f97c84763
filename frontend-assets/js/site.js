// Behaviour shared by every page: the theme toggle, the content note (remembered once dismissed) and the overview's
// introduction (remembered once closed).
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var next = document.documentElement.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-bs-theme', next);
      try { localStorage.setItem('theme', next); } catch (e) { /* storage blocked */ }
      document.dispatchEvent(new CustomEvent('themechange'));
    });
  }
  var note = document.getElementById('content-note');
  if (note) {
    var seen = false;
    try { seen = localStorage.getItem('content-note-seen') === 'yes'; } catch (e) { /* storage blocked */ }
    if (seen) {
      note.classList.add('d-none');
    }
    var dismiss = document.getElementById('content-note-dismiss');
    if (dismiss) {
      dismiss.hidden = false;
      dismiss.addEventListener('click', function () {
        note.classList.add('d-none');
        try { localStorage.setItem('content-note-seen', 'yes'); } catch (e) { /* storage blocked */ }
      });
    }
  }
  var intro = document.getElementById('intro');
  if (intro) {
    try {
      if (localStorage.getItem('intro-closed') === 'yes') {
        intro.open = false;
      }
    } catch (e) { /* storage blocked */ }
    intro.addEventListener('toggle', function () {
      try { localStorage.setItem('intro-closed', intro.open ? 'no' : 'yes'); } catch (e) { /* storage blocked */ }
    });
  }
});
