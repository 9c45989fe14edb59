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
// <button data-add-row="PREFIX"> adds a row to a table editor (a Django formset): the empty row kept in
// <template id="PREFIX-template"> is copied with its __prefix__ replaced by the next index, and the
// formset's TOTAL_FORMS is raised, so the server sees one more row. No request is needed.
document.addEventListener("click", function (event) {
  var button = event.target instanceof Element ? event.target.closest("[data-add-row]") : null;
  if (!button) {
    return;
  }
  var prefix = button.getAttribute("data-add-row");
  var template = document.getElementById(prefix + "-template");
  var body = document.getElementById(prefix + "-rows");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  if (!template || !body || !total) {
    return;
  }
  event.preventDefault();
  var index = parseInt(total.value, 10) || 0;
  var holder = document.createElement("tbody");
  holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
  var row = holder.querySelector("tr");
  if (row) {
    body.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  }
});
