// What folds away on a narrow screen: the header's menus behind a "Menu" button, and the
// library's and search's filters behind their "Filter" disclosure, so the results come first.
// Without JavaScript, or on a wide screen, both are always shown.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 52.01rem)");

  var header = document.querySelector("[data-menus]");
  if (header) {
    var button = header.querySelector(".menu-toggle");
    var menus = document.getElementById(button.getAttribute("aria-controls"));
    header.classList.add("site-header--foldable");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menus.classList.toggle("site-menus--open", open);
    });
  }

  document.querySelectorAll("details[data-filters]").forEach(function (filters) {
    filters.open = wide.matches;
    wide.addEventListener("change", function () { filters.open = wide.matches; });
    // Beside the results there is room for them: the heading does not fold them away there.
    filters.querySelector("summary").addEventListener("click", function (event) {
      if (wide.matches) event.preventDefault();
    });
  });
})();
