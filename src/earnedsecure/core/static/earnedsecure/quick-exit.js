// Quick exit: leave at once for a neutral site, sign out, and leave nothing private one Back away.
// Triggered by the "Quick exit" link or by pressing Escape twice within a second.
//
// The link itself points at /quick-exit/, which signs out and redirects, so it works without JavaScript.
// Here, leaving must not wait for the server: a beacon asks it to end the session, and location.replace
// swaps this page's history entry for the neutral site at the same moment.
(function () {
  "use strict";
  // Private pages are sent with Cache-Control: no-store; should a browser still restore one from its
  // back/forward cache, fetch it again so the server decides (after Quick exit: the sign-in page).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;
  var endpoint = link.getAttribute("href");
  var target = link.getAttribute("data-quick-exit") || endpoint;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.display = "none";
    try { document.title = ""; } catch (e) { /* nothing to do */ }
    var signedOut = false;
    try { signedOut = navigator.sendBeacon(endpoint); } catch (e) { signedOut = false; }
    // If the beacon could not be queued, go through the endpoint itself: it signs out, then redirects.
    window.location.replace(signedOut ? target : endpoint);
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
