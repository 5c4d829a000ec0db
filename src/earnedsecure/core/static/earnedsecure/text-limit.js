// The free-text limit, counted as you type: "1,234 of 5,000 characters", and a clear note when over.
// Progressive enhancement: without this script the limit is written under the box and the server refuses
// longer text with a message, keeping what was typed. Nothing here ever cuts text.
(function () {
  "use strict";
  function format(n) { return n.toLocaleString("en-GB"); }
  document.querySelectorAll("[data-max-chars]").forEach(function (box) {
    var limit = parseInt(box.getAttribute("data-max-chars"), 10);
    if (!limit) return;
    var count = document.getElementById(box.id + "_count");
    if (!count) {
      count = document.createElement("span");
      count.className = "char-count";
      count.id = box.id + "_count";
      box.insertAdjacentElement("afterend", count);
    }
    function update() {
      var length = box.value.length;
      var over = length - limit;
      if (over > 0) {
        count.textContent = format(length) + " of " + format(limit) + " characters: please shorten it by " +
          format(over) + ". Nothing will be cut.";
        count.classList.add("char-count--over");
        count.setAttribute("role", "status");
      } else {
        count.textContent = format(length) + " of " + format(limit) + " characters";
        count.classList.remove("char-count--over");
        count.removeAttribute("role");
      }
    }
    box.addEventListener("input", update);
    update();
  });
})();
