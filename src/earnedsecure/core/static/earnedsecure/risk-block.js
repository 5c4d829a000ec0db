// The crisis block: "fold away" only collapses it to its one-line summary, which stays on the page.
(function () {
  "use strict";
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
})();
