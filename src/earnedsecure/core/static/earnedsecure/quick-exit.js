// Quick exit: leave at once for a neutral site, without leaving this page in the Back history.
// Triggered by the "Quick exit" link or by pressing Escape twice within a second.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;
  var target = link.getAttribute("href");
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.display = "none";
    try { document.title = ""; } catch (e) { /* nothing to do */ }
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 1000) { leave(event); return; }
    lastEscape = now;
  });
})();
