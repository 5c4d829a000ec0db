// Quick exit: leave at once for a neutral site, sign out, and leave nothing private one Back away.
// Triggered by the "Quick exit" link or by pressing Escape twice within a second.
//
// The link itself points at /quick-exit/, which signs out and redirects, so it works without JavaScript.
// Here, leaving must not wait for the server: a beacon asks it to end the session, and location.replace
// swaps this page's history entry for the neutral site at the same moment.
//
// This script runs in <head>, before anything private is drawn.
(function () {
  "use strict";
  var ENDPOINT = "/quick-exit/";
  var EXITED = "earnedsecure-quick-exit";
  var root = document.documentElement;

  function remembered() {
    try { return window.sessionStorage.getItem(EXITED) === "1"; } catch (e) { return false; }
  }
  function remember(value) {
    try {
      if (value) window.sessionStorage.setItem(EXITED, "1");
      else window.sessionStorage.removeItem(EXITED);
    } catch (e) { /* storage off: the server's sign-out is still on its way */ }
  }

  // Back after Quick exit can come before the beacon has reached the server, which would then still
  // serve the private page. This tab remembers that it left: a signed-in page shown in it is hidden
  // at once, the session is ended again (and waited for), and the page is asked for anew, which now
  // answers with the sign-in page. A signed-out page means the exit has done its work.
  if (remembered()) {
    if (root.hasAttribute("data-signed-in")) {
      root.style.display = "none";
      var again = function () { window.location.reload(); };
      try {
        window.fetch(ENDPOINT, { method: "POST", credentials: "same-origin", cache: "no-store" }).then(again, again);
      } catch (e) {
        window.location.replace(ENDPOINT);
      }
      return;
    }
    remember(false);
  }

  // Private pages are sent with Cache-Control: no-store; should a browser still restore one from its
  // back/forward cache, fetch it again so the server decides (after Quick exit: the sign-in page).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });

  function start() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    var endpoint = link.getAttribute("href") || ENDPOINT;
    var target = link.getAttribute("data-quick-exit") || endpoint;
    function leave(event) {
      if (event) event.preventDefault();
      remember(true);
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
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
