// Suggestions under a search box (the header's and the search page's): titles of practices and
// organisations that start with what was typed. Without JavaScript the forms work the same,
// only without suggestions.
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.setAttribute("role", "option");
        item.id = list.id + "-" + i;
        var link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var request = ++latest;
        fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q))
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (request === latest) show(data.results); })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
      if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        list.querySelector("a").focus();
      }
    });
    list.addEventListener("keydown", function (event) {
      var current = document.activeElement.closest("li");
      if (event.key === "ArrowDown" && current.nextElementSibling) {
        event.preventDefault(); current.nextElementSibling.querySelector("a").focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (current.previousElementSibling) current.previousElementSibling.querySelector("a").focus();
        else input.focus();
      } else if (event.key === "Escape") { close(); input.focus(); }
    });
    // Leaving the box and its list closes the list, so it never covers the page behind.
    input.form.addEventListener("focusout", function (event) {
      if (!input.form.contains(event.relatedTarget)) close();
    });
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(attach);
})();
