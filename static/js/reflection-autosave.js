/* Saves the drafts of a reflection phase while its author types: a pause of two seconds posts
   the whole phase's form as "save as draft" (never "submit"), so every answer typed so far is
   kept. Without this script the form's buttons do the same. */
(function () {
    "use strict";
    var PAUSE_MS = 2000;

    function autosave(form) {
        var status = form.querySelector("[data-autosave-status]");
        var timer = null;
        var lastSaved = snapshot();

        function snapshot() {
            return Array.prototype.map.call(form.querySelectorAll("textarea"), function (box) {
                return box.value;
            }).join("\u0000");
        }

        function save() {
            var sent = snapshot();
            if (sent === lastSaved) { return; }
            var data = new FormData(form);
            data.delete("submit");
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

        form.addEventListener("input", function (event) {
            if (event.target.tagName !== "TEXTAREA") { return; }
            clearTimeout(timer);
            timer = setTimeout(save, PAUSE_MS);
        });
    }

    document.querySelectorAll("form[data-autosave]").forEach(autosave);
})();
