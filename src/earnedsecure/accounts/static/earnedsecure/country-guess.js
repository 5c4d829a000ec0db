// Sign-up: refine the preselected country from the browser's time zone, which says more about where
// someone is than their language does. Only a listed country is chosen, and never over a choice the
// person has already made. Without JavaScript the server's guess (from Accept-Language) stands.
(function () {
  "use strict";
  var select = document.querySelector("select[name=country]");
  var zoneField = document.querySelector("input[name=time_zone]");
  var table = document.getElementById("zone-countries");
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  if (zoneField && !zoneField.value) zoneField.value = zone;
  if (!select || !table || !zone) return;
  var zones = {};
  try { zones = JSON.parse(table.textContent); } catch (e) { return; }
  var guess = zones[zone];
  // A re-shown form (after an error) already holds the person's own answer: leave it.
  if (!guess || select.getAttribute("data-answered") === "yes") return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === guess) { select.value = guess; return; }
  }
})();
