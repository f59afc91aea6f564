/* Checklist pages on the phone: ticks survive a reload (localStorage, one key per stage and, for a
   stage that differs by procurement-mode family, per family), and the ticks become the deal
   file's `done:` block, with the playbook's item ids, to copy or download. "Clear ticks" can be
   undone. Also the print buttons. Nothing is sent anywhere: everything stays on the device.

   Keys: `salesplaybook:checklist:<stage>` or `salesplaybook:checklist:<stage>:<family>`, each a
   JSON list of item ids. Item ids are the same in every language, so the Chinese and the
   English page of one sheet share their ticks. A family's sheet with no key of its own yet
   starts from the stage's key (where ticks were kept before stages had families), keeping
   only the ids on its sheet. */
(function () {
  "use strict";
  if (window.pbChecklistLoaded) return; // the page may link this file and the theme load it too
  window.pbChecklistLoaded = true;

  var KEY = "salesplaybook:checklist:";

  function read(key) {
    try {
      var raw = localStorage.getItem(key);
      if (raw === null) return null;
      var ids = JSON.parse(raw);
      return Array.isArray(ids) ? ids : null;
    } catch (e) {
      return null; // storage off (private mode) or spoilt: start with nothing ticked
    }
  }

  function load(stage, family) {
    var own = read(KEY + stage + (family ? ":" + family : ""));
    if (own !== null || !family) return own || [];
    return read(KEY + stage) || [];
  }

  function save(stage, family, ids) {
    var key = KEY + stage + (family ? ":" + family : "");
    try {
      // a family's empty list is kept, so that the stage's older key does not come back
      if (ids.length || family) localStorage.setItem(key, JSON.stringify(ids));
      else localStorage.removeItem(key);
    } catch (e) { /* storage full or off: the ticks still work for this visit */ }
  }

  function today() {
    var d = new Date(); // the rep's own calendar day, not UTC's
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* The `done:` block in the deal file's format: one `id: {date: YYYY-MM-DD}` per tick. */
  function fragment(head, ids) {
    var date = today();
    var lines = ["# " + head, "done:"];
    ids.forEach(function (id) { lines.push("  " + id + ": {date: " + date + "}"); });
    return lines.join("\n") + "\n";
  }

  function setup(sheet) {
    var stage = sheet.getAttribute("data-pb-stage");
    var family = sheet.getAttribute("data-pb-family") || "";
    var boxes = Array.prototype.slice.call(sheet.querySelectorAll("input.pb-check[data-pb-item]"));
    var tools = sheet.querySelector(".pb-tools");
    var status = sheet.querySelector(".pb-status");
    var output = sheet.querySelector(".pb-output");
    var text = sheet.querySelector(".pb-fragment");
    var undo = sheet.querySelector('[data-pb-action="undo"]');
    var stored = load(stage, family);
    var cleared = null; // the ticks "Clear ticks" took away, until they are restored or ticking resumes

    function forgetCleared() {
      cleared = null;
      if (undo) undo.hidden = true;
    }

    boxes.forEach(function (box) {
      box.checked = stored.indexOf(box.getAttribute("data-pb-item")) >= 0;
      box.addEventListener("change", function () {
        forgetCleared();
        save(stage, family, ticked());
      });
    });

    function ticked() {
      return boxes.filter(function (b) { return b.checked; })
                  .map(function (b) { return b.getAttribute("data-pb-item"); });
    }
    function msg(name, n) {
      return (tools.getAttribute("data-pb-msg-" + name) || "").replace("{n}", n);
    }

    var actions = {
      fragment: function () {
        var ids = ticked();
        if (!ids.length) {
          output.hidden = true;
          status.textContent = msg("nothing-ticked");
          return;
        }
        text.value = fragment(tools.getAttribute("data-pb-fragment-head"), ids);
        text.rows = Math.min(ids.length + 3, 16); // the whole fragment in view, without wrapping
        output.hidden = false;
        status.textContent = msg("ticked-count", ids.length);
      },
      clear: function () {
        var ids = ticked();
        if (!ids.length) {
          status.textContent = msg("nothing-ticked");
          return;
        }
        boxes.forEach(function (b) { b.checked = false; });
        save(stage, family, []);
        output.hidden = true;
        text.value = "";
        cleared = ids;
        if (undo) undo.hidden = false;
        status.textContent = msg("cleared", ids.length);
      },
      undo: function () {
        if (!cleared) return;
        var ids = cleared;
        boxes.forEach(function (b) { b.checked = ids.indexOf(b.getAttribute("data-pb-item")) >= 0; });
        save(stage, family, ticked());
        forgetCleared();
        status.textContent = msg("restored", ids.length);
      },
      copy: function () {
        function fallback() {
          text.focus();
          text.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          status.textContent = msg(ok ? "copied" : "copy-failed");
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.value).then(function () {
            status.textContent = msg("copied");
          }, fallback);
        } else {
          fallback();
        }
      },
      download: function () {
        var url = URL.createObjectURL(new Blob([text.value], { type: "text/yaml;charset=utf-8" }));
        var a = document.createElement("a");
        a.href = url;
        a.download = tools.getAttribute("data-pb-file");
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      }
    };
    if (tools) {
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("[data-pb-action]");
        if (button && actions[button.getAttribute("data-pb-action")]) {
          actions[button.getAttribute("data-pb-action")]();
        }
      });
    }
  }

  function init() {
    document.querySelectorAll(".pb-checklist[data-pb-interactive]").forEach(function (sheet) {
      if (sheet.pbReady) return;
      sheet.pbReady = true;
      setup(sheet);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest('[data-pb-action="print"]');
    if (button) window.print();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation swaps pages without a reload
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
