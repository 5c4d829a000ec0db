/* Diary enhancements: the step-by-step "I'm activated" flow, the 4-7-8 pacer, the urge timer and the
   muscle relaxation guide. Every page works without this file; it only adds pacing and one-step-at-a-time. */
(function () {
  "use strict";

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function show(el) { if (el) { el.hidden = false; } }

  /* 4-7-8 breathing: a growing and shrinking circle, a visible count, and a live region that says
     "Breathe in… 4", "Hold… 7", "Breathe out… 8" once per phase (not every second, to stay calm). */
  function pacer(root) {
    var circle = root.querySelector("[data-pacer-circle]");
    var count = root.querySelector("[data-pacer-count]");
    var say = root.querySelector("[data-pacer-phase]");
    var start = root.querySelector("[data-pacer-start]");
    var stop = root.querySelector("[data-pacer-stop]");
    var rounds = parseInt(root.getAttribute("data-rounds") || "4", 10);
    var phases = [["in", "Breathe in", 4], ["hold", "Hold", 7], ["out", "Breathe out", 8]];
    var timer = null;

    function setPhase(name) {
      circle.classList.remove("is-in", "is-hold", "is-out");
      if (name) { circle.classList.add("is-" + name); }
    }

    function halt(message) {
      clearTimeout(timer);
      timer = null;
      setPhase(null);
      count.textContent = "";
      say.textContent = message;
      start.hidden = false;
      stop.hidden = true;
      start.textContent = "Breathe again";
    }

    function run(round, phase, left) {
      if (phase >= phases.length) { round += 1; phase = 0; left = phases[0][2]; }
      if (round >= rounds) {
        halt("Well done. Notice how your body feels now.");
        start.focus();
        return;
      }
      var current = phases[phase];
      if (left === current[2]) {
        setPhase(current[0]);
        say.textContent = current[1] + "\u2026 " + current[2];
      }
      count.textContent = String(left);
      timer = setTimeout(function () {
        if (left > 1) { run(round, phase, left - 1); } else { run(round, phase + 1, (phases[phase + 1] || phases[0])[2]); }
      }, 1000);
    }

    start.hidden = false;
    start.addEventListener("click", function () {
      start.hidden = true;
      stop.hidden = false;
      stop.focus();
      run(0, 0, phases[0][2]);
    });
    stop.addEventListener("click", function () {
      halt("Stopped. You can start again any time.");
      start.focus();
    });
  }

  /* Urge surfing: a countdown that survives a backgrounded tab (it reads the clock, not a counter). */
  function urgeTimer(root) {
    var controls = root.querySelector("[data-urge-controls]");
    var select = root.querySelector("[data-urge-minutes]");
    var clock = root.querySelector("[data-urge-clock]");
    var say = root.querySelector("[data-urge-say]");
    var start = root.querySelector("[data-urge-start]");
    var stop = root.querySelector("[data-urge-stop]");
    var ends = 0;
    var timer = null;
    var lastSaid = -1;
    var prompts = [
      "Notice the urge. Where is it in your body?",
      "It's a wave. It rises, peaks and passes.",
      "Breathe out slowly. You don't have to act on it.",
      "Notice: is it a little weaker than before?"
    ];

    function format(seconds) {
      var m = Math.floor(seconds / 60), s = seconds % 60;
      return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    }

    function tick() {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      clock.textContent = format(left);
      var minutesLeft = Math.ceil(left / 60);
      if (left === 0) {
        finish("Time's up. How strong is the urge now? Whatever you choose, you chose it calmer.");
        return;
      }
      if (minutesLeft % 5 === 0 && minutesLeft !== lastSaid && left % 60 === 0) {
        lastSaid = minutesLeft;
        say.textContent = minutesLeft + " minutes to go. " + prompts[(minutesLeft / 5) % prompts.length];
      }
    }

    function finish(message) {
      clearInterval(timer);
      timer = null;
      say.textContent = message;
      start.hidden = false;
      stop.hidden = true;
      controls.hidden = false;
      start.focus();
    }

    show(controls);
    show(clock);
    show(start);
    select.addEventListener("change", function () { clock.textContent = format(parseInt(select.value, 10) * 60); });
    clock.textContent = format(parseInt(select.value, 10) * 60);
    start.addEventListener("click", function () {
      var minutes = parseInt(select.value, 10);
      ends = Date.now() + minutes * 60 * 1000;
      lastSaid = minutes;
      say.textContent = "Timer started: " + minutes + " minutes. " + prompts[0];
      controls.hidden = true;
      start.hidden = true;
      stop.hidden = false;
      stop.focus();
      timer = setInterval(tick, 1000);
      tick();
    });
    stop.addEventListener("click", function () { finish("Timer stopped."); });
  }

  /* Progressive muscle relaxation: tense 5 seconds, release 10, one step at a time. */
  function pmr(root) {
    var steps = root.querySelectorAll("[data-pmr-steps] li");
    var say = root.querySelector("[data-pmr-say]");
    var start = root.querySelector("[data-pmr-start]");
    var stop = root.querySelector("[data-pmr-stop]");
    var timer = null;

    function clear() {
      Array.prototype.forEach.call(steps, function (li) { li.classList.remove("is-current"); });
    }

    function halt(message) {
      clearTimeout(timer);
      clear();
      say.textContent = message;
      start.hidden = false;
      stop.hidden = true;
      start.focus();
    }

    function step(i, tensing) {
      if (i >= steps.length) { halt("All done. Let your whole body stay heavy and loose for a moment."); return; }
      clear();
      steps[i].classList.add("is-current");
      var what = steps[i].textContent;
      say.textContent = tensing ? "Tense: " + what : "Let go, and notice the difference.";
      timer = setTimeout(function () { if (tensing) { step(i, false); } else { step(i + 1, true); } }, tensing ? 5000 : 10000);
    }

    show(start);
    start.addEventListener("click", function () { start.hidden = true; stop.hidden = false; stop.focus(); step(0, true); });
    stop.addEventListener("click", function () { halt("Stopped."); });
  }

  /* The flow: one step at a time, headings get focus so a screen reader hears where it is. */
  function flow(root) {
    var steps = Array.prototype.slice.call(root.querySelectorAll("[data-step]"));
    var progress = root.querySelector("[data-flow-progress]");
    var current = 0;
    root.classList.add("flow--js");
    each("[data-flow-nav], [data-back]", show);

    function go(index, focus) {
      current = Math.max(0, Math.min(steps.length - 1, index));
      steps.forEach(function (step, i) {
        if (i === current) { step.removeAttribute("data-hidden"); } else { step.setAttribute("data-hidden", ""); }
      });
      progress.hidden = false;
      progress.textContent = "Step " + (current + 1) + " of " + steps.length;
      if (focus) {
        var heading = steps[current].querySelector("h2");
        heading.setAttribute("tabindex", "-1");
        heading.focus();
        window.scrollTo(0, 0);
      }
    }

    /* A required question of this step left unanswered gets the server's own message (data-required), marked
       as the server marks it, and the person stays at the step with the focus on it; nothing typed is touched. */
    function answered(fieldset) {
      return Array.prototype.some.call(fieldset.querySelectorAll("input"), function (input) {
        return (input.type === "radio" || input.type === "checkbox") ? input.checked : input.value.trim() !== "";
      });
    }

    function unmark(fieldset) {
      var error = fieldset.querySelector("[data-step-error]");
      if (!error) { return; }
      error.remove();
      fieldset.classList.remove("has-error");
      fieldset.removeAttribute("aria-describedby");
    }

    function mark(fieldset) {
      var id = fieldset.getAttribute("data-field-id") + "_error";
      if (document.getElementById(id)) { return; }  // already said, by the server or by this check
      var error = document.createElement("ul");
      error.className = "errorlist";
      error.id = id;
      error.setAttribute("data-step-error", "");
      var item = document.createElement("li");
      item.textContent = fieldset.getAttribute("data-required");
      error.appendChild(item);
      var before = fieldset.querySelector(".scale__options, label, input");
      before.parentNode.insertBefore(error, before);
      fieldset.classList.add("has-error");
      fieldset.setAttribute("aria-describedby", id);
    }

    function stepIsComplete(step) {
      var missing = Array.prototype.filter.call(step.querySelectorAll("[data-required]"), function (fieldset) {
        return !answered(fieldset);
      });
      missing.forEach(mark);
      if (missing.length) { missing[0].querySelector("input").focus(); }
      return missing.length === 0;
    }

    root.addEventListener("change", function (event) {
      var fieldset = event.target.closest("[data-required]");
      if (fieldset && answered(fieldset)) { unmark(fieldset); }
    });

    root.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) { return; }
      if (target.hasAttribute("data-next") && stepIsComplete(steps[current])) { go(current + 1, true); }
      if (target.hasAttribute("data-back")) { go(current - 1, true); }
    });

    var summary = root.querySelector("[data-error-summary]");
    if (summary) {
      var firstError = root.querySelector(".has-error");
      var index = steps.findIndex(function (step) { return step.contains(firstError); });
      go(index >= 0 ? index : 0, false);
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a");
        if (!link) { return; }
        var field = document.getElementById(link.getAttribute("href").slice(1));
        var owner = steps.findIndex(function (step) { return step.contains(field); });
        if (owner >= 0) { go(owner, false); }
      });
    } else {
      go(0, false);
    }
  }

  /* How long a tool took: from opening the page to saving it. */
  function duration(form) {
    var opened = Date.now();
    form.addEventListener("submit", function () {
      var input = form.querySelector("input[name=duration_seconds]");
      if (input) { input.value = String(Math.min(86400, Math.round((Date.now() - opened) / 1000))); }
    });
  }

  each("[data-pacer]", pacer);
  each("[data-urge-timer]", urgeTimer);
  each("[data-pmr]", pmr);
  each("[data-flow]", flow);
  each("form[data-duration]", duration);
})();
