/* Checklist pages on the phone: a tick is recorded in the rep's current deal, the same store
   "my deals" keeps (localStorage `salesplaybook:deals`, see render/app/assets/app.js), with the
   day it was ticked; the page says which deal, and links to my deals to switch deals or add
   the evidence. With no deal yet, the first tick starts one. The ticks of a sheet become the
   deal file's `done:` block to copy or download; "Clear ticks" can be undone. Also the print
   buttons. Nothing is sent anywhere: everything stays on the device. Item ids are the same in
   every language, so the Chinese and the English page of a sheet show the same ticks. */
(function () {
  "use strict";
  if (window.pbChecklistLoaded) return; // the page may link this file and the theme load it too
  window.pbChecklistLoaded = true;

  var STORE = "salesplaybook:deals";

  function readStore() {
    try {
      var raw = localStorage.getItem(STORE);
      if (raw === null) return {version: 1, current: null, deals: []};
      var data = JSON.parse(raw);
      return data && typeof data === "object" && Array.isArray(data.deals) ? data : null;
    } catch (e) {
      return null; // storage off, or unreadable: my deals sets it aside; here nothing is written
    }
  }

  function writeStore(data) {
    try { localStorage.setItem(STORE, JSON.stringify(data)); } catch (e) { /* full or off: this visit only */ }
  }

  function currentDeal(data) {
    return data.deals.filter(function (d) { return d && d.uid === data.current; })[0] || null;
  }

  /* The current deal, started if there is none (named, at this sheet's stage). */
  function dealFor(data, sheet, msg) {
    var deal = currentDeal(data);
    if (deal) return deal;
    deal = {uid: "d" + Date.now().toString(36) + Math.random().toString(36).slice(2, 7),
            deal: {id: "deal-" + Date.now().toString(36), name: msg("first-deal"), customer: "", rep: ""},
            procurement_mode: null, customer_stage: sheet.getAttribute("data-pb-customer-stage"),
            claimed_stage: sheet.getAttribute("data-pb-stage"), done: {}, forms: {}, extra: {}};
    data.deals.push(deal);
    data.current = deal.uid;
    return deal;
  }

  function today() {
    var d = new Date(); // the rep's own calendar day, not UTC's
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* The heading comment stays one line whatever the page says: any line break (as YAML and
     editors know them) would end the comment and turn the rest into YAML. */
  var LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;

  /* The `done:` block in the deal file's format: one `id: {date: YYYY-MM-DD, ...}` per tick,
     with the day it was done and the evidence recorded in my deals. */
  function fragment(head, done) {
    var lines = ["# " + String(head || "").replace(LINE_BREAKS, " "), "done:"];
    Object.keys(done).forEach(function (id) {
      var entry = done[id], parts = ["date: " + entry.date];
      ["evidence", "contact", "document", "note"].forEach(function (k) {
        if (typeof entry[k] === "string" && entry[k]) parts.push(k + ": " + JSON.stringify(entry[k]));
      });
      lines.push("  " + id + ": {" + parts.join(", ") + "}");
    });
    return lines.join("\n") + "\n";
  }

  function setup(sheet) {
    var boxes = Array.prototype.slice.call(sheet.querySelectorAll("input.pb-check[data-pb-item]"));
    var ids = boxes.map(function (b) { return b.getAttribute("data-pb-item"); });
    var tools = sheet.querySelector(".pb-tools");
    var status = sheet.querySelector(".pb-status");
    var output = sheet.querySelector(".pb-output");
    var text = sheet.querySelector(".pb-fragment");
    var undo = sheet.querySelector('[data-pb-action="undo"]');
    var line = sheet.querySelector(".pb-deal-line");
    var cleared = null; // the entries "Clear ticks" took away, until restored or ticking resumes

    function msg(name, n) {
      var holder = (line && line.hasAttribute("data-pb-msg-" + name)) ? line : tools;
      return (holder.getAttribute("data-pb-msg-" + name) || "").replace("{n}", n).replace("{name}", n);
    }

    function show() {
      var data = readStore();
      var deal = data && currentDeal(data);
      boxes.forEach(function (b) { b.checked = !!(deal && deal.done[b.getAttribute("data-pb-item")]); });
      if (!line) return;
      line.textContent = "";
      if (deal) line.appendChild(document.createTextNode(msg("recording-into", deal.deal.name || deal.deal.id) + " "));
      var a = document.createElement("a");
      a.href = sheet.getAttribute("data-pb-deals") + "#stage=" + sheet.getAttribute("data-pb-stage");
      a.textContent = msg("open-deals");
      line.appendChild(a);
    }

    function forgetCleared() {
      cleared = null;
      if (undo) undo.hidden = true;
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        forgetCleared();
        var data = readStore();
        if (!data) return;
        var deal = dealFor(data, sheet, msg);
        var id = box.getAttribute("data-pb-item");
        if (box.checked) { if (!deal.done[id]) deal.done[id] = {date: today()}; }
        else delete deal.done[id];
        writeStore(data);
        show();
      });
    });
    show();
    window.addEventListener("storage", show); // my deals open in another tab

    function entries() {
      var data = readStore();
      var deal = data && currentDeal(data);
      var out = {};
      if (deal) ids.forEach(function (id) { if (deal.done[id]) out[id] = deal.done[id]; });
      return out;
    }

    var actions = {
      fragment: function () {
        var done = entries();
        var n = Object.keys(done).length;
        if (!n) {
          output.hidden = true;
          status.textContent = msg("nothing-ticked");
          return;
        }
        text.value = fragment(tools.getAttribute("data-pb-fragment-head"), done);
        text.rows = Math.min(n + 3, 16); // the whole fragment in view, without wrapping
        output.hidden = false;
        status.textContent = msg("ticked-count", n);
      },
      clear: function () {
        var data = readStore();
        var deal = data && currentDeal(data);
        var done = entries();
        var n = Object.keys(done).length;
        if (!deal || !n) {
          status.textContent = msg("nothing-ticked");
          return;
        }
        Object.keys(done).forEach(function (id) { delete deal.done[id]; });
        writeStore(data);
        output.hidden = true;
        text.value = "";
        cleared = {uid: deal.uid, done: done};
        if (undo) undo.hidden = false;
        show();
        status.textContent = msg("cleared", n);
      },
      undo: function () {
        if (!cleared) return;
        var data = readStore();
        var deal = data && data.deals.filter(function (d) { return d.uid === cleared.uid; })[0];
        if (deal) {
          Object.keys(cleared.done).forEach(function (id) { deal.done[id] = cleared.done[id]; });
          writeStore(data);
        }
        var n = Object.keys(cleared.done).length;
        forgetCleared();
        show();
        status.textContent = msg("restored", n);
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
