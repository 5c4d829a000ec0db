// First steps, "Where you are": when no time zone was chosen yet, choose the browser's own, if the list has it,
// and say so beside the field. Without JavaScript the select is there to choose from, as on Account settings.
(function () {
  "use strict";
  var select = document.querySelector("select[name=time_zone]");
  var note = document.getElementById("time-zone-guessed");
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  if (!select || !zone || select.value === zone) return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      if (note) note.hidden = false;
      return;
    }
  }
})();
