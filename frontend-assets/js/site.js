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
      var closed = localStorage.getItem('intro-closed');
      // closed once read; on a phone closed until opened, so that the results come first
      if (closed === 'yes' || (closed === null && window.innerWidth < 768)) {
        intro.open = false;
      }
    } catch (e) { /* storage blocked */ }
    // the reader's own opening or closing is remembered, not the folding on a phone above
    intro.querySelector('summary').addEventListener('click', function () {
      try { localStorage.setItem('intro-closed', intro.open ? 'yes' : 'no'); } catch (e) { /* storage blocked */ }
    });
  }
  // the navigation folds into a menu on narrow screens: closed at first, opened by its button
  var navToggle = document.getElementById('nav-toggle');
  var siteNav = document.getElementById('site-nav');
  if (navToggle && siteNav) {
    navToggle.hidden = false;
    siteNav.classList.remove('show');
    navToggle.setAttribute('aria-expanded', 'false');
    navToggle.addEventListener('click', function () {
      var open = siteNav.classList.toggle('show');
      navToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
  // on a phone the rule's form is folded under its sentence until opened
  if (window.innerWidth < 768) {
    document.querySelectorAll('details.rule-form').forEach(function (form) { form.open = false; });
    // and so are what a page is about and how to change it, unless in use (data-in-use)
    document.querySelectorAll('details.fold-on-phone:not([data-in-use])').forEach(function (part) {
      part.open = false;
    });
  }
});
