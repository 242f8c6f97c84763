// Keyboard reading of answers. In a list of answer cards ([data-answer-card]): j and k move a visible focus to
// the next and previous card, Enter opens the focused one (its [data-answer-link]). On an answer page: j and k
// follow the "Next" and "Previous" links. Keys typed into a form field, or with a modifier, are left alone.
(function () {
  var FOCUS = ['border-primary', 'border-2', 'shadow', 'answer-focused'];

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll('[data-answer-card]'));
  }

  function focused(list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].classList.contains('answer-focused')) { return i; }
    }
    return -1;
  }

  function focus(list, index) {
    list.forEach(function (card) { FOCUS.forEach(function (c) { card.classList.remove(c); }); });
    var card = list[index];
    FOCUS.forEach(function (c) { card.classList.add(c); });
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link && link.href) { window.location.href = link.href; }
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var list = cards();
    if (list.length) {
      var current = focused(list);
      if (event.key === 'j') {
        focus(list, Math.min(current + 1, list.length - 1));
        event.preventDefault();
      } else if (event.key === 'k') {
        focus(list, Math.max(current - 1, 0));
        event.preventDefault();
      } else if (event.key === 'Enter' && current >= 0) {
        var target = event.target.tagName ? event.target.tagName.toLowerCase() : '';
        if (target === 'a' || target === 'button') { return; }
        var link = list[current].querySelector('[data-answer-link]');
        if (link) {
          event.preventDefault();
          window.location.href = link.href;
        }
      }
      return;
    }
    if (event.key === 'j') {
      follow('a#next-answer');
    } else if (event.key === 'k') {
      follow('a#previous-answer');
    }
  });
})();
