// Think: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // The direct message: rebuilt from the four blanks as they change, until the person edits it by hand.
  // Mirrors coach/rewrite.py compose_message.
  function enhanceCompose(form) {
    var frames = {
      feeling: /^(?:i notice\s+)?(?:i'?m|i am)?\s*(?:feeling|feel)\s+/i,
      situation: /^when\s+/i,
      their_side: /^i know\s+(?:that\s+)?/i,
      request: /^(?:would|could|will|can) you(?: be willing to)?\s+/i
    };
    var names = Object.keys(frames);
    var fields = names.map(function (name) { return form.elements[name]; });
    var finalText = form.elements["final_text"];
    if (!finalText || fields.some(function (f) { return !f; })) return;
    var editedByHand = false;

    function blank(name, value) {
      value = (value || "").replace(/\s+/g, " ").trim().replace(frames[name], "");
      return value.replace(/[.!?;,\s]+$/, "").trim();
    }
    function compose() {
      var v = {};
      names.forEach(function (name, i) { v[name] = blank(name, fields[i].value); });
      var sentences = [];
      if (v.situation) sentences.push("I notice I'm feeling " + (v.feeling || "this way") + " when " + v.situation + ".");
      else if (v.feeling) sentences.push("I notice I'm feeling " + v.feeling + ".");
      if (v.their_side) sentences.push("I know " + v.their_side + ".");
      if (v.request) sentences.push("Would you be willing to " + v.request + "?");
      return sentences.join(" ");
    }
    finalText.addEventListener("input", function () { editedByHand = true; });
    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        if (!editedByHand) finalText.value = compose();
      });
    });
  }

  // Copy the finished message. The button is hidden in the HTML and shown only here, where it can work;
  // without JavaScript the text stays selectable as usual.
  function enhanceCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!source) return;

    function say(words) { if (status) status.textContent = words; }
    function text() {
      return ("value" in source ? source.value : source.innerText).replace(/\s+$/, "");
    }
    function copyBySelection(words) {
      // For browsers without the asynchronous clipboard (or without permission to use it).
      var scratch = document.createElement("textarea");
      scratch.value = words;
      scratch.setAttribute("readonly", "");
      scratch.className = "visually-hidden";
      document.body.appendChild(scratch);
      scratch.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(scratch);
      return done;
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      var words = text();
      if (!words) { say("There's nothing to copy yet."); return; }
      var copied = function () { say("Copied. Paste it wherever you write to them."); };
      var failed = function () {
        if (copyBySelection(words)) copied();
        else say("Couldn't copy here: select the text and copy it yourself.");
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(words).then(copied, failed);
      else failed();
    });
  }

  // The ideas listed under a blank become buttons that put the idea in the blank (which rebuilds the message).
  function enhanceIdeas(list) {
    var field = document.getElementById(list.getAttribute("data-ideas-for"));
    if (!field) return;
    list.querySelector(".ideas__label").textContent = "Ideas you could use (tap one):";
    Array.prototype.forEach.call(list.querySelectorAll("li"), function (item) {
      var idea = item.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "idea";
      button.textContent = idea;
      button.addEventListener("click", function () {
        field.value = idea;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.focus();
      });
      item.textContent = "";
      item.appendChild(button);
    });
  }

  var form = document.querySelector("[data-compose]");
  if (form) enhanceCompose(form);
  Array.prototype.forEach.call(document.querySelectorAll("[data-ideas-for]"), enhanceIdeas);
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), enhanceCopy);
})();
