/* Saves a reflection's draft while its author types: a pause of two seconds posts the form
   as "save as draft" (never "submit"). Without this script the form's buttons do the same. */
(function () {
    "use strict";
    var PAUSE_MS = 2000;

    function autosave(form) {
        var textarea = form.querySelector("textarea");
        var status = form.querySelector("[data-autosave-status]");
        var timer = null;
        var lastSaved = textarea.value;

        function save() {
            if (textarea.value === lastSaved) { return; }
            var data = new FormData(form);
            data.delete("submit");
            var sent = textarea.value;
            status.textContent = status.dataset.saving;
            fetch(form.action, {
                method: "POST",
                body: data,
                headers: { "Accept": "application/json" },
                credentials: "same-origin"
            }).then(function (response) {
                return response.json().then(function (body) {
                    if (response.ok) {
                        lastSaved = sent;
                        status.textContent = body.saved;
                    } else {
                        status.textContent = body.error;
                    }
                });
            }).catch(function () {
                status.textContent = status.dataset.offline;
            });
        }

        textarea.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(save, PAUSE_MS);
        });
    }

    document.querySelectorAll("form[data-autosave]").forEach(autosave);
})();
