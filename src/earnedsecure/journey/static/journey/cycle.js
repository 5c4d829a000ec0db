// Step through the cycle one step at a time. Without JavaScript the whole list shows and this never runs.
(function () {
  "use strict";
  document.querySelectorAll("[data-cycle]").forEach(function (cycle) {
    var controls = cycle.querySelector("[data-cycle-controls]");
    var next = cycle.querySelector("[data-cycle-next]");
    var all = cycle.querySelector("[data-cycle-all]");
    var status = cycle.querySelector("[data-cycle-status]");
    var items = Array.prototype.slice.call(cycle.querySelectorAll(".cycle__steps li"));
    var nodes = Array.prototype.slice.call(cycle.querySelectorAll(".cycle__node"));
    if (!controls || !next || !items.length) return;
    var current = 0;

    function show(step) {
      current = step;
      items.forEach(function (item, index) {
        item.classList.toggle("is-current", index + 1 === step);
        item.classList.toggle("is-seen", index + 1 < step);
      });
      nodes.forEach(function (node, index) {
        node.classList.toggle("is-current", index + 1 === step);
      });
      var strong = items[step - 1].querySelector("strong");
      var name = strong ? strong.textContent : "";
      status.textContent = "Step " + step + " of " + items.length + ": " + name;
      next.textContent = step === items.length ? "Back to the start" : "Next step";
    }

    controls.hidden = false;
    cycle.classList.add("cycle--stepping");
    show(1);
    next.addEventListener("click", function () {
      show(current >= items.length ? 1 : current + 1);
    });
    all.addEventListener("click", function () {
      cycle.classList.remove("cycle--stepping");
      items.forEach(function (item) { item.classList.remove("is-seen"); });
      controls.hidden = true;
    });
  });
})();
