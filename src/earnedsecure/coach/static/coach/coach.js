// Think: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // The direct message: rebuilt from the four blanks as they change, until the person edits it by hand.
  // Mirrors coach/rewrite.py compose_message.
  var form = document.querySelector("[data-compose]");
  if (!form) return;
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
})();
