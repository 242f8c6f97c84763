// On an answer page, puts where the answer stands in its list ("Answer 5 of 120 answers in the list it was
// opened from") in place of the "Where is it in the list?" link, from the position fragment that link points to
// ([data-position-url]). Counting takes the server a while on a large list, so the page does not wait for it.
// Only the fragment's text is taken; if it cannot be had, the link stays.
(function () {
  var place = document.querySelector('[data-position-url]');
  if (!place || !window.fetch || !window.DOMParser) { return; }
  place.setAttribute('aria-live', 'polite');
  fetch(place.getAttribute('data-position-url'), { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) { throw new Error('position: ' + response.status); }
      return response.text();
    })
    .then(function (html) {
      var fragment = new DOMParser().parseFromString(html, 'text/html').querySelector('.list-position-text');
      var text = place.querySelector('.list-position-text');
      if (!fragment || !text) { return; }
      text.textContent = fragment.textContent.replace(/\s+/g, ' ').trim();
      var link = place.querySelector('.position-link');
      if (link) { link.parentNode.removeChild(link); }
    })
    .catch(function () { /* the link to the position stays */ });
}());
