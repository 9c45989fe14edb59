// Bilim's only script besides htmx. Behaviour is declared by data-* attributes, so the pages need no
// inline script or event handler and run under "Content-Security-Policy: script-src 'self'".
//   <select data-autosubmit>  submits its form when changed (the language switch)
//   <button data-print>       opens the print dialogue
"use strict";
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var el = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (el) {
    event.preventDefault();
    window.print();
  }
});
