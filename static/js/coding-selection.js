// The coding workbench: selecting words in the excerpt fills the form's "Words to code" and
// where they start, counted in Unicode code points (as the server and REFI-QDA count).
(function () {
    "use strict";
    var text = document.querySelector("[data-coding-text]");
    var form = document.querySelector(".coding-form");
    if (!text || !form) return;
    var passage = form.querySelector("[name=passage]");
    var start = form.querySelector("[name=start]");
    document.addEventListener("selectionchange", function () {
        var selection = window.getSelection();
        if (!selection.rangeCount || selection.isCollapsed) return;
        var range = selection.getRangeAt(0);
        if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
        var before = document.createRange();
        before.selectNodeContents(text);
        before.setEnd(range.startContainer, range.startOffset);
        var words = range.toString();
        var leading = words.length - words.replace(/^\s+/, "").length;
        passage.value = words.trim();
        start.value = Array.from(before.toString()).length + Array.from(words.slice(0, leading)).length;
    });
    passage.addEventListener("input", function () { start.value = ""; });
})();
