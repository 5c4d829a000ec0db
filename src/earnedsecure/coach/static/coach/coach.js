// Think: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // The crisis block: "fold away" only collapses it to its one-line summary, which stays on the page.
  document.querySelectorAll("[data-risk-block]").forEach(function (block) {
    var fold = block.querySelector("[data-risk-fold]");
    if (!fold) return;
    fold.hidden = false;
    fold.addEventListener("click", function () {
      block.open = false;
      var summary = block.querySelector("summary");
      if (summary) summary.focus();
    });
  });

  // The direct message: rebuild it from the four parts as they change, until the person edits it by hand.
  var form = document.querySelector("[data-compose]");
  if (!form) return;
  var names = ["feel", "when", "their_side", "request"];
  var parts = names.map(function (name) { return form.elements[name]; });
  var finalText = form.elements["final_text"];
  if (!finalText || parts.some(function (p) { return !p; })) return;
  var editedByHand = false;

  function trimEnd(text) { return text.trim().replace(/[.!?;,\s]+$/, ""); }
  function sentence(text, end) {
    text = trimEnd(text);
    return text ? text.charAt(0).toUpperCase() + text.slice(1) + end : "";
  }
  function compose() {
    var feel = parts[0].value, when = parts[1].value, theirs = parts[2].value, ask = parts[3].value.trim();
    var first = [feel, when].filter(function (p) { return p.trim(); }).map(trimEnd).join(" ");
    var askEnd = ask && ".!?".indexOf(ask.slice(-1)) >= 0 ? ask.slice(-1) : "?";
    return [sentence(first, "."), sentence(theirs, "."), sentence(ask, askEnd)].filter(Boolean).join(" ");
  }
  finalText.addEventListener("input", function () { editedByHand = true; });
  parts.forEach(function (part) {
    part.addEventListener("input", function () {
      if (!editedByHand) finalText.value = compose();
    });
  });
})();
