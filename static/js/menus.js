// On a narrow screen the header's menus fold behind a "Menu" button. Without JavaScript, or on
// a wide screen, they are always shown: the button only exists where it is needed.
(function () {
  "use strict";
  var header = document.querySelector("[data-menus]");
  if (!header) return;
  var button = header.querySelector(".menu-toggle");
  var menus = document.getElementById(button.getAttribute("aria-controls"));
  header.classList.add("site-header--foldable");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menus.classList.toggle("site-menus--open", open);
  });
})();
