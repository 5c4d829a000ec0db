// Passkeys and security keys (WebAuthn) for two-step sign-in. allauth's own webauthn.js talks to the browser;
// this file starts it from the page's data attributes (the CSP allows no inline script, so allauth's inline
// start-up blocks are not used) and says on the page, not only in the console, when the browser gave nothing.
// Without JavaScript, or in a browser without WebAuthn, the button stays hidden and the page says why.
(function () {
  "use strict";

  var WORDS = {
    NotAllowedError: "Nothing happened: the request was cancelled, or it took too long. Try again when you're ready.",
    InvalidStateError: "That passkey or key is already added to your account.",
    AbortError: "The request was stopped. Try again when you're ready.",
    // Browsers allow passkeys only at https addresses and at http://localhost: not at an address in numbers.
    SecurityError: "Passkeys work only at a secure address: the site's https address, or on this computer " +
      "http://localhost with the same port (not 127.0.0.1)."
  };
  var OTHER = "This browser or device couldn't use a passkey or security key just now. Try again, or use another way.";

  function say(text) {
    var problem = document.getElementById("passkey-problem");
    if (!problem) return;
    problem.textContent = text;
    problem.hidden = false;
  }

  document.addEventListener("allauth.error", function (event) {
    event.preventDefault();
    var exception = event.detail && event.detail.exception;
    say((exception && WORDS[exception.name]) || OTHER);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("button[data-passkey]");
    if (!button) return;
    var forms = window.allauth && window.allauth.webauthn && window.allauth.webauthn.forms;
    if (!forms || !window.PublicKeyCredential) {
      say("This browser can't use passkeys or security keys. Please use another way, or another browser.");
      return;
    }
    var ids = { credential: button.getAttribute("data-credential"), data: "js_data" };
    if (button.getAttribute("data-passkey") === "add") {
      ids.add = button.id;
      forms.addForm({ ids: ids });
    } else {
      ids.authenticate = button.id;
      forms.authenticateForm({ ids: ids });
    }
    button.addEventListener("click", function () {
      var problem = document.getElementById("passkey-problem");
      if (problem) problem.hidden = true;
    });
    button.closest("[data-passkey-only]").hidden = false;
  });
})();
