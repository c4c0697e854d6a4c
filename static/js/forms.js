// After a refused form, the error summary takes the focus, so a screen reader announces it and
// a keyboard starts from its links (GOV.UK's error summary does the same).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();

// A "Print" button (the printable learning agreement): the browser's own print dialogue.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
