/* My deals, on the phone: a rep keeps several deals, ticks what is done with the day and the
   evidence, sees the verdict `playbook check` would give (judge.js, the same rules), and carries
   the deal file both ways. Everything stays on the device (localStorage); nothing is sent.

   Storage: one key, versioned, migrated forward, never silently dropped: what cannot be read
   is set aside under its own key and shown. The deal file written here is read by the Python
   validator; a file read here keeps every part it held (forms, notes, unknown keys). */
(function () {
  "use strict";

  var STORE = "salesplaybook:deals";
  var ASIDE = "salesplaybook:deals:aside:";
  var OLD_TICKS = "salesplaybook:checklist:";
  var VERSION = 1;

  var root = document.querySelector(".pb-app");
  if (!root || !window.PbJudge || !window.jsyaml) return;
  var J = window.PbJudge;
  var lang = root.getAttribute("data-pb-lang") || "zh";
  var W = JSON.parse(document.getElementById("pb-app-words").textContent);
  var rules = null;
  var state = null;       // {version, current, deals: [...]}
  var notices = [];       // messages shown above the app (storage set aside, ...)
  var undo = null;        // {deal, index} of the deal deleted last
  var viewed = null;      // the stage the checklist shows, once chosen or ticked in: it stays put
  var opened = {};        // the folded sections the rep opened: they stay open when the page redraws

  function section(key, summary, defaultOpen) {
    var box = el("details", {class: key, open: key in opened ? opened[key] : !!defaultOpen},
                 [el("summary", {text: summary})]);
    box.addEventListener("toggle", function () { opened[key] = box.open; });
    return box;
  }

  /* --- words --- */

  function w(key, values) {
    var text = W[key];
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return values && values[name] !== undefined ? String(values[name]) : m;
    }).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  }

  function t(words) { return J.textIn(words, lang); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { node.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* --- storage --- */

  function load() {
    var raw = null;
    try { raw = localStorage.getItem(STORE); } catch (e) { notices.push(w("app.storage_off")); }
    var data = null;
    if (raw) {
      try { data = JSON.parse(raw); } catch (e) { data = null; }
      if (!data || typeof data !== "object" || !Array.isArray(data.deals)) {
        setAside(raw);
        data = null;
      }
    }
    data = migrate(data || {version: VERSION, current: null, deals: []});
    var kept = [];
    data.deals.forEach(function (d) {
      if (d && typeof d === "object" && typeof d.uid === "string" && d.deal && typeof d.done === "object" && d.done) kept.push(d);
      else setAside(JSON.stringify(d));
    });
    data.deals = kept;
    adoptOldTicks(data);
    if (!data.deals.some(function (d) { return d.uid === data.current; })) data.current = data.deals.length ? data.deals[0].uid : null;
    return data;
  }

  function setAside(raw) {
    var key = ASIDE + new Date().toISOString();
    try { localStorage.setItem(key, raw); } catch (e) { /* nothing more we can do: say so */ }
    notices.push(w("app.storage_aside", {key: key}));
  }

  /* Older versions stored their data differently; each step brings it one version forward. */
  function migrate(data) {
    if (typeof data.version !== "number") data.version = VERSION;
    if (data.version > VERSION) notices.push(w("app.storage_newer"));
    return data;
  }

  /* The first phone checklist kept one list of ticked ids per stage, not per deal: they become a
     deal of their own, dated today, so no tick a rep made is lost. */
  function adoptOldTicks(data) {
    var ids = [], keys = [];
    try {
      for (var k = 0; k < localStorage.length; k++) {
        var key = localStorage.key(k);
        if (key && key.indexOf(OLD_TICKS) === 0) {
          keys.push(key);
          var list = JSON.parse(localStorage.getItem(key) || "[]");
          if (Array.isArray(list)) ids = ids.concat(list.filter(function (x) { return typeof x === "string"; }));
        }
      }
    } catch (e) { return; }
    if (!keys.length) return;
    var deal = newDeal(w("app.old_ticks"));
    ids.forEach(function (id) { if (J.judge && itemOf(id)) deal.done[id] = {date: today()}; });
    data.deals.push(deal);
    data.current = deal.uid;
    keys.forEach(function (key) { try { localStorage.removeItem(key); } catch (e) { /* kept */ } });
    save(data);
  }

  function save(data) {
    try { localStorage.setItem(STORE, JSON.stringify(data || state)); }
    catch (e) { notices.push(w("app.storage_off")); }
  }

  function uid() { return "d" + Date.now().toString(36) + Math.random().toString(36).slice(2, 7); }

  function newDeal(name) {
    return {uid: uid(), deal: {id: "deal-" + Date.now().toString(36), name: name, customer: "", rep: ""},
            procurement_mode: rules.default_mode || null,
            customer_stage: rules.customer_stages[0].id, claimed_stage: rules.stages[0].id,
            done: {}, forms: {}, extra: {}};
  }

  function current() {
    return state.deals.filter(function (d) { return d.uid === state.current; })[0] || null;
  }

  function itemOf(id) {
    for (var s = 0; s < rules.stages.length; s++) {
      var items = rules.stages[s].items;
      for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
    }
    return null;
  }

  /* --- the deal file, written and read --- */

  /* Values kept as JSON in storage: a YAML date (unquoted 2026-11-02) is kept as {"$date": ...}
     so that it is written back unquoted, and a text that looks like a date stays quoted. */
  function toPlain(value) {
    if (value instanceof Date) return {$date: value.toISOString().slice(0, 10)};
    if (Array.isArray(value)) return value.map(toPlain);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = toPlain(value[k]); });
      return out;
    }
    return value;
  }

  function quote(text) {
    return JSON.stringify(String(text)).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\u0085/g, "\\u0085");
  }

  function yamlValue(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value === "string") return quote(value);
    if (Array.isArray(value)) return "[" + value.map(yamlValue).join(", ") + "]";
    if (typeof value.$date === "string" && Object.keys(value).length === 1) return value.$date;
    return "{" + Object.keys(value).map(function (k) { return k + ": " + yamlValue(value[k]); }).join(", ") + "}";
  }

  function entryLine(entry) {  // a done item: its date unquoted, every note quoted
    return "{" + Object.keys(entry).filter(function (k) { return entry[k] !== "" && entry[k] !== undefined; })
      .map(function (k) { return k + ": " + (k === "date" ? entry.date : yamlValue(entry[k])); }).join(", ") + "}";
  }

  function block(key, value, indent) {  // a mapping or list of mappings, one entry per line
    var pad = new Array(indent + 1).join(" ");
    if (Array.isArray(value)) {
      if (!value.length) return [pad + key + ": []"];
      return [pad + key + ":"].concat(value.map(function (v) { return pad + "  - " + yamlValue(v); }));
    }
    if (value && typeof value === "object" && !(typeof value.$date === "string")) {
      var keys = Object.keys(value);
      if (!keys.length) return [pad + key + ": {}"];
      return [pad + key + ":"].concat([].concat.apply([], keys.map(function (k) { return block(k, value[k], indent + 2); })));
    }
    return [pad + key + ": " + yamlValue(value)];
  }

  function dealFile(d) {
    var head = root.getAttribute("data-pb-title") + " " + root.getAttribute("data-pb-version");
    var lines = ["# " + head.replace(/[\r\n\u2028\u2029\u0085]+/g, " "), "deal: " + yamlValue(d.deal)];
    if (d.procurement_mode) lines.push("procurement_mode: " + d.procurement_mode);
    lines.push("customer_stage: " + d.customer_stage, "claimed_stage: " + d.claimed_stage);
    var ids = Object.keys(d.done);
    lines.push(ids.length ? "done:" : "done: {}");
    ids.forEach(function (id) { lines.push("  " + id + ": " + entryLine(d.done[id])); });
    if (d.forms && Object.keys(d.forms).length) lines = lines.concat(block("forms", d.forms, 0));
    Object.keys(d.extra || {}).forEach(function (k) { lines = lines.concat(block(k, d.extra[k], 0)); });
    return lines.join("\n") + "\n";
  }

  /* A deal file read back: the deal, or the problems, each with its line and column. */
  function readDealFile(text) {
    var problems = [];
    var data;
    try {
      data = jsyaml.load(text);
    } catch (e) {
      var m = e.mark || {line: 0, column: 0};
      return {problems: [at(m.line + 1, m.column + 1, w("app.import.syntax"))]};
    }
    if (data === null || data === undefined) return {problems: [at(1, 1, w("errors.deal.empty"))]};
    if (typeof data !== "object" || Array.isArray(data)) return {problems: [at(1, 1, w("app.import.not_deal"))]};
    var ix = {stage: {}, customer: {}, mode: {}};
    rules.stages.forEach(function (s) { ix.stage[s.id] = s.number; });
    rules.customer_stages.forEach(function (c) { ix.customer[c.id] = c.number; });
    rules.modes.forEach(function (m) { ix.mode[m.id] = true; });
    ["deal", "customer_stage", "claimed_stage"].forEach(function (key) {
      if (!(key in data)) problems.push(at(1, 1, w("errors.model.missing", {key: key})));
    });
    var info = data.deal && typeof data.deal === "object" ? data.deal : {};
    ["id", "name", "customer", "rep"].forEach(function (key) {
      if ("deal" in data && (info[key] === undefined || info[key] === null || info[key] === "")) {
        problems.push(lineOf(text, "deal", w("errors.model.missing", {key: key})));
      }
    });
    var customer = stageRef(data.customer_stage, rules.customer_stages, "customer_stage", problems, text);
    var claimed = stageRef(data.claimed_stage, rules.stages, "claimed_stage", problems, text);
    if (data.procurement_mode && !ix.mode[data.procurement_mode]) {
      problems.push(lineOf(text, "procurement_mode", unknown("procurement_mode", data.procurement_mode, Object.keys(ix.mode))));
    }
    var done = {};
    var given = data.done || {};
    if (typeof given !== "object" || Array.isArray(given)) {
      problems.push(lineOf(text, "done", w("app.import.done_mapping")));
      given = {};
    }
    Object.keys(given).forEach(function (id) {
      var entry = given[id];
      if (!itemOf(id)) { problems.push(lineOf(text, id, unknown("item_id", id, []))); return; }
      if (!entry || typeof entry !== "object" || !entry.date) { problems.push(lineOf(text, id, w("errors.deal.date_empty"))); return; }
      var date = entry.date instanceof Date ? entry.date.toISOString().slice(0, 10) : String(entry.date);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) { problems.push(lineOf(text, id, w("errors.deal.not_a_date", {value: date}))); return; }
      var copy = {};
      Object.keys(entry).forEach(function (k) { copy[k] = k === "date" ? date : toPlain(entry[k]); });
      done[id] = copy;
    });
    if (problems.length) return {problems: problems};
    var extra = {};
    Object.keys(data).forEach(function (k) {
      if (["deal", "procurement_mode", "customer_stage", "claimed_stage", "done", "forms"].indexOf(k) < 0) extra[k] = toPlain(data[k]);
    });
    return {deal: {uid: uid(), deal: toPlain(info), procurement_mode: data.procurement_mode || null,
                   customer_stage: customer, claimed_stage: claimed, done: done, forms: toPlain(data.forms || {}), extra: extra}};
  }

  function stageRef(ref, list, key, problems, text) {
    if (typeof ref === "number") {
      if (ref >= 1 && ref <= list.length) return list.filter(function (s) { return s.number === ref; })[0].id;
      problems.push(lineOf(text, key, w("errors.deal.stage_out_of_range", {what: w("errors.thing." + (key === "customer_stage" ? "customer_stage" : "stage")), n: ref, last: list.length, example: list[0].id})));
      return null;
    }
    if (ref !== undefined && !list.some(function (s) { return s.id === ref; })) {
      problems.push(lineOf(text, key, unknown(key === "customer_stage" ? "customer_stage" : "stage", ref, list.map(function (s) { return s.id; }))));
    }
    return ref;
  }

  function unknown(thing, id, known) {
    var hint = closest(String(id), known);
    return hint ? w("errors.check.unknown_hint", {what: w("errors.thing." + thing), id: id, hint: hint})
      : w("app.import.unknown", {what: w("errors.thing." + thing), id: id});
  }

  function closest(word, known) {
    var best = null, score = 0;
    known.forEach(function (k) {
      var common = 0;
      for (var i = 0; i < Math.min(k.length, word.length); i++) if (k[i] === word[i]) common++;
      var ratio = 2 * common / (k.length + word.length);
      if (ratio > score) { score = ratio; best = k; }
    });
    return score >= 0.6 ? best : null;
  }

  function at(line, column, message) { return {line: line, column: column, message: message}; }

  /* The place of a key in the text: the first line that writes it as a key. */
  function lineOf(text, key, message) {
    var lines = text.split(/\r?\n/);
    for (var n = 0; n < lines.length; n++) {
      var col = lines[n].search(new RegExp("(^|[\\s{,])" + key.replace(/[-.]/g, "\\$&") + "\\s*:"));
      if (col >= 0) return at(n + 1, col + (/^[\s{,]/.test(lines[n].slice(col)) ? 2 : 1), message);
    }
    return at(1, 1, message);
  }

  /* --- the page --- */

  function render() {
    root.textContent = "";
    notices.forEach(function (text) { root.appendChild(el("p", {class: "pb-notice", role: "status", text: text})); });
    root.appendChild(bar());
    var d = current();
    if (!d) {
      root.appendChild(el("p", {class: "pb-empty", text: w("app.nothing")}));
      root.appendChild(filePanel(null));
      return;
    }
    var v = J.judge(rules, judged(d), today());
    var fresh = !(d.deal.customer && d.deal.rep);  // a new deal: its details first
    if (fresh) root.appendChild(header(d));
    root.appendChild(verdictCard(d, v));
    root.appendChild(checklist(d, v));
    root.appendChild(fieldsPanel(d, v));
    if (!fresh) root.appendChild(header(d));
    root.appendChild(filePanel(d));
  }

  /* The deal as the judge reads it: its outcome, kept among the file's other keys, included. */
  function judged(d) {
    var o = d.extra && d.extra.outcome;
    if (!o || typeof o !== "object") return d;
    var date = o.date && typeof o.date === "object" ? o.date.$date : o.date;
    var copy = {};
    Object.keys(d).forEach(function (k) { copy[k] = d[k]; });
    copy.outcome = {status: String(o.status), date: date ? String(date) : null, reason: o.reason};
    return copy;
  }

  function bar() {
    var select = el("select", {id: "pb-deal", "aria-label": w("app.deal_select"), on: {change: function () {
      state.current = select.value; viewed = null; save(); render(); }}});
    state.deals.forEach(function (d) {
      select.appendChild(el("option", {value: d.uid, selected: d.uid === state.current, text: d.deal.name || d.deal.id}));
    });
    var buttons = el("div", {class: "pb-app-actions"}, [
      el("button", {type: "button", class: "pb-button", text: w("app.new"), on: {click: function () {
        viewed = null;
        var d = newDeal(w("app.new_name", {n: state.deals.length + 1}));
        state.deals.push(d); state.current = d.uid; save(); render();
        var name = document.getElementById("pb-f-name");
        if (name) { name.focus(); name.select(); }
      }}})
    ]);
    if (current()) {
      buttons.appendChild(el("button", {type: "button", class: "pb-button", text: w("app.delete"), on: {click: function () {
        var k = state.deals.indexOf(current());
        undo = {deal: state.deals[k], index: k};
        state.deals.splice(k, 1);
        state.current = state.deals.length ? state.deals[Math.max(0, k - 1)].uid : null;
        save(); render();
      }}}));
    }
    var box = el("div", {class: "pb-app-bar"}, [state.deals.length ? select : null, buttons]);
    if (undo) {
      box.appendChild(el("p", {class: "pb-undo", role: "status"}, [
        w("app.deleted", {name: undo.deal.deal.name || undo.deal.deal.id}) + " ",
        el("button", {type: "button", class: "pb-button", text: w("app.undo"), on: {click: function () {
          state.deals.splice(undo.index, 0, undo.deal); state.current = undo.deal.uid; undo = null; save(); render(); }}})
      ]));
    }
    return box;
  }

  function stageName(n) {
    if (!n) return "0 " + w("verdict.stage_none");
    return n + " " + t(rules.stages[n - 1].name);
  }

  function customerName(n) {
    var c = rules.customer_stages.filter(function (c) { return c.number === n; })[0];
    return n + " " + t(c.name);
  }

  function verdictCard(d, v) {
    var state_ = v.position ? w("punct.aside", {text: w(v.complete ? "verdict.label.complete" : "verdict.label.entered")}) : "";
    var rows = [
      [w("verdict.label.position"), stageName(v.position) + state_],
      [w("verdict.label.claimed"), stageName(v.claimed) + " → " + w("verdict.claim." + v.claim)],
      [w("verdict.label.customer"), customerName(v.customer) + " → " + w("verdict.step." + v.step)]
    ];
    var list = el("dl", {class: "pb-verdict-facts"});
    rows.forEach(function (r) { list.appendChild(el("dt", {text: r[0]})); list.appendChild(el("dd", {text: r[1]})); });
    var card = el("section", {class: "pb-verdict" + (v.falls_short ? " pb-short" : " pb-ok"), "aria-label": w("app.verdict"),
                              "data-pb-position": v.position, "data-pb-score": v.score, "data-pb-claim": v.claim}, [
      el("p", {class: "pb-verdict-head"}, [
        el("strong", {text: w(v.falls_short ? "verdict.short" : "verdict.ok")}),
        " · " + w("verdict.label.score") + " " + v.score + "/100"]),
      list
    ]);
    if (v.days_in_stage !== null && v.days_in_stage !== undefined) {
      card.appendChild(el("p", {class: "pb-verdict-note" + (v.stuck ? " pb-stuck" : ""),
                                text: w(v.stuck ? "verdict.stuck" : "verdict.days_in_stage", {days: v.days_in_stage})}));
    }
    var outcome = judged(d).outcome;
    if (outcome && outcome.date && ["won", "lost", "dropped"].indexOf(outcome.status) >= 0) {
      var line = w("verdict.outcome." + outcome.status, {date: outcome.date});
      if (outcome.reason) line += w("punct.aside", {text: w("verdict.outcome_reason", {reason: String(outcome.reason)})});
      card.appendChild(el("p", {class: "pb-verdict-note", text: line}));
    }
    var done = v.stages.filter(function (s) { return s.complete; }).map(function (s) { return s.number; });
    if (done.length) {
      card.appendChild(el("p", {class: "pb-stage-done", text: done.map(function (n) { return w("app.stage_complete", {n: n}); }).join(w("punct.sep"))}));
    }
    // the items to do first, then how many required fields are still empty (filled further down)
    var closed = v.status === "lost" || v.status === "dropped";
    var open = closed ? [] : v.missing.filter(function (o) { return o.kind !== "field"; });
    var fields = {};
    (closed ? v.missing_required : v.missing_required.concat(v.missing)).forEach(function (o) { if (o.kind === "field") fields[o.id] = true; });
    var emptyFields = Object.keys(fields).length;
    if (open.length || emptyFields) {
      card.appendChild(el("p", {class: "pb-missing-head", text: w("verdict.label.missing") + w("punct.colon").replace(/\s+$/, "")}));
      var ul = el("ul", {class: "pb-missing"});
      open.slice(0, 5).forEach(function (o) {
        ul.appendChild(el("li", {text: "[" + o.stage + " " + w("method.item." + o.kind) + "] " + t(o.text)}));
      });
      if (open.length > 5) ul.appendChild(el("li", {text: w("app.missing_more", {n: open.length - 5})}));
      if (emptyFields) ul.appendChild(el("li", {text: w("app.fields_empty", {n: emptyFields})}));
      card.appendChild(ul);
    }
    [["out_of_order", v.out_of_order], ["other_mode", v.other_mode], ["no_evidence", v.no_evidence]].forEach(function (pair) {
      if (pair[1].length) card.appendChild(el("p", {class: "pb-verdict-note", text: w("verdict.label." + pair[0]) + w("punct.colon") + pair[1].join(", ")}));
    });
    return card;
  }

  function wantedStage(v) {
    if (viewed) return viewed;
    var m = /(?:^|[#&])stage=([a-z0-9-]+)/.exec(location.hash);
    if (m) {
      var s = rules.stages.filter(function (s) { return s.id === m[1]; })[0];
      if (s) return s.number;
    }
    if (!v.position) return 1;
    return v.complete ? Math.min(v.position + 1, rules.stages.length) : v.position;
  }

  function checklist(d, v) {
    var number = wantedStage(v);
    var mode = J.dealMode(rules, d);
    var stage = rules.stages[number - 1];
    viewed = number;
    var picker = el("select", {id: "pb-stage", "aria-label": w("app.stage"), on: {change: function () {
      viewed = rules.stages.filter(function (s) { return s.id === picker.value; })[0].number;
      history.replaceState(null, "", "#stage=" + picker.value); render(); }}});
    rules.stages.forEach(function (s) {
      picker.appendChild(el("option", {value: s.id, selected: s.number === number, text: stageName(s.number)}));
    });
    var section = el("section", {class: "pb-app-checklist", "aria-label": w("app.checklist")}, [
      el("h2", {text: w("app.checklist")}), picker]);
    var groups = {};
    stage.items.forEach(function (item) {
      if (!J.applies(item, mode)) return;
      (groups[item.group] = groups[item.group] || []).push(item);
    });
    ["milestone", "success_criteria", "sales_process", "relationship", "information", "assessment"].forEach(function (group) {
      if (!groups[group]) return;
      section.appendChild(el("h3", {text: w("method.group." + group)}));
      var ul = el("ul", {class: "pb-app-items"});
      groups[group].forEach(function (item) { ul.appendChild(row(d, item)); });
      section.appendChild(ul);
    });
    return section;
  }

  function row(d, item) {
    var entry = d.done[item.id];
    var box = el("input", {type: "checkbox", id: "pb-c-" + item.id, "data-pb-item": item.id, checked: !!entry, on: {change: function () {
      if (box.checked) d.done[item.id] = {date: today()};
      else delete d.done[item.id];
      save(); render();
      var again = document.getElementById("pb-c-" + item.id);
      if (again) again.focus();
    }}});
    var label = el("label", {for: "pb-c-" + item.id, class: "pb-app-row"}, [box, el("span", {text: t(item.text) + (item.commitment ? " " + w("punct.parens", {text: w("method.commitment")}) : "")})]);
    var li = el("li", {class: "pb-app-item" + (entry ? " pb-done" : "")}, [label]);
    if (entry) {
      var date = el("input", {type: "date", value: entry.date, "aria-label": w("app.done_on"), on: {change: function () {
        if (date.value) { entry.date = date.value; save(); render(); } }}});
      var evidence = el("input", {type: "text", value: entry.evidence || "", "aria-label": w("method.evidence"),
        placeholder: item.evidence_text ? t(item.evidence_text) : w("method.evidence"), on: {change: function () {
          if (evidence.value.trim()) entry.evidence = evidence.value.trim(); else delete entry.evidence;
          save(); render(); }}});
      li.appendChild(el("div", {class: "pb-app-entry"}, [
        el("label", {}, [w("app.done_on") + " ", date]), el("label", {}, [w("method.evidence") + " ", evidence])]));
    }
    return li;
  }

  /* The form fields the playbook requires by the stage claimed (or the next one): a rep fills
     them in here; the rest of a deal's forms is kept as it was imported. */
  function fieldsPanel(d, v) {
    var upto = Math.max(v.claimed, v.position + 1);
    var fields = rules.required.filter(function (f) { return f.stage <= upto; });
    var empty = fields.filter(function (f) { return !filled(d, f); }).length;
    var box = section("pb-app-fields", w("app.fields", {n: empty}), false);
    var byForm = {};
    fields.forEach(function (f) { (byForm[f.form] = byForm[f.form] || []).push(f); });
    Object.keys(byForm).forEach(function (form) {
      var fieldset = el("fieldset", {}, [el("legend", {text: t(byForm[form][0].form_name) || form})]);
      byForm[form].forEach(function (f) { fieldset.appendChild(fieldInput(d, f)); });
      box.appendChild(fieldset);
    });
    return box;
  }

  function entryOf(d, f, create) {
    var value = d.forms[f.form];
    if (f.repeatable) {
      if (!Array.isArray(value)) { if (!create) return null; value = d.forms[f.form] = []; }
      if (!value.length) { if (!create) return null; value.push({}); }
      return value[0];
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) { if (!create) return null; value = d.forms[f.form] = {}; }
    return value;
  }

  function filled(d, f) {
    var value = (entryOf(d, f, false) || {})[f.id];
    return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && !value.length);
  }

  function fieldInput(d, f) {
    var id = "pb-x-" + f.form + "-" + f.id;
    var entry = entryOf(d, f, false) || {};
    var current_ = entry[f.id];
    var input;
    function set(value) {
      var target = entryOf(d, f, true);
      if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) delete target[f.id];
      else target[f.id] = value;
      save(); render();
    }
    if (f.type === "choice") {
      input = el("select", {id: id, on: {change: function () { set(input.value || undefined); }}},
                 [el("option", {value: "", text: "—"})].concat(f.choices.map(function (c) {
                   return el("option", {value: c.id, selected: c.id === current_, text: t(c.label)}); })));
    } else if (f.type === "yes_no") {
      input = el("select", {id: id, on: {change: function () { set(input.value === "" ? undefined : input.value === "true"); }}}, [
        el("option", {value: "", text: "—"}),
        el("option", {value: "true", selected: current_ === true, text: w("sheet.yes")}),
        el("option", {value: "false", selected: current_ === false, text: w("sheet.no")})]);
    } else if (f.type === "multi_choice") {
      var chosen = Array.isArray(current_) ? current_ : [];
      input = el("span", {class: "pb-multi"}, f.choices.map(function (c) {
        var box = el("input", {type: "checkbox", checked: chosen.indexOf(c.id) >= 0, on: {change: function () {
          var now = Array.prototype.slice.call(input.querySelectorAll("input")).filter(function (b) { return b.checked; })
            .map(function (b) { return b.value; });
          set(now); }}, value: c.id});
        return el("label", {}, [box, t(c.label)]);
      }));
    } else {
      var type = {date: "date", number: "number", money: "number", email: "email", phone: "tel", long_text: "text"}[f.type] || "text";
      var shown = current_ && typeof current_ === "object" && current_.$date ? current_.$date : current_;
      input = el("input", {id: id, type: type, value: shown === undefined || shown === null ? "" : shown, on: {change: function () {
        var raw = input.value.trim();
        if (raw === "") return set(undefined);
        if (f.type === "date") return set({$date: raw});
        if (f.type === "number" || f.type === "money") { var n = Number(raw); return set(isFinite(n) ? n : raw); }
        set(raw);
      }}});
    }
    return el("p", {class: "pb-field" + (filled(d, f) ? " pb-done" : "")}, [
      el("label", {for: f.type === "multi_choice" ? null : id, text: t(f.label)}), input]);
  }

  function header(d) {
    var box = section("pb-app-header", w("app.header"), !(d.deal.customer && d.deal.rep));
    function field(key, label, input) {
      box.appendChild(el("p", {}, [el("label", {for: "pb-f-" + key, text: label}), input]));
    }
    function text(key, label, get, set, type) {
      var input = el("input", {id: "pb-f-" + key, type: type || "text", value: get() === undefined || get() === null ? "" : get(),
                               on: {change: function () { set(input.value); save(); render(); }}});
      field(key, label, input);
    }
    function choose(key, label, options, get, set) {
      var select = el("select", {id: "pb-f-" + key, on: {change: function () { set(select.value); save(); render(); }}});
      options.forEach(function (o) { select.appendChild(el("option", {value: o[0], selected: o[0] === get(), text: o[1]})); });
      field(key, label, select);
    }
    text("name", w("app.f.name"), function () { return d.deal.name; }, function (v) { d.deal.name = v; });
    text("customer", w("app.f.customer"), function () { return d.deal.customer; }, function (v) { d.deal.customer = v; });
    text("rep", w("app.f.rep"), function () { return d.deal.rep; }, function (v) { d.deal.rep = v; });
    choose("customer-stage", w("app.f.customer_stage"), rules.customer_stages.map(function (c) { return [c.id, customerName(c.number)]; }),
           function () { return d.customer_stage; }, function (v) { d.customer_stage = v; });
    choose("claimed-stage", w("app.f.claimed_stage"), rules.stages.map(function (s) { return [s.id, stageName(s.number)]; }),
           function () { return d.claimed_stage; }, function (v) { d.claimed_stage = v; });
    if (rules.modes.length) {
      choose("mode", w("app.f.mode"), rules.modes.map(function (m) { return [m.id, t(m.name)]; }),
             function () { return d.procurement_mode || rules.default_mode; }, function (v) { d.procurement_mode = v; });
    }
    text("amount", w("app.f.amount"), function () { return d.deal.amount; }, function (v) {
      var n = Number(v);
      if (v === "") delete d.deal.amount; else if (isFinite(n) && n >= 0) d.deal.amount = n;
    }, "number");
    return box;
  }

  function filePanel(d) {
    var box = section("pb-app-file", w("app.file"), !d);
    if (d) {
      box.appendChild(el("p", {class: "pb-actions"}, [
        el("button", {type: "button", class: "pb-button", "data-pb-action": "export", text: w("app.export"), on: {click: function () { exportFile(d); }}})]));
    }
    var pasted = el("textarea", {id: "pb-paste", rows: 6, spellcheck: "false", "aria-label": w("app.paste")});
    var errors = el("div", {class: "pb-import-errors", role: "alert"});
    var picker = el("input", {type: "file", accept: ".yaml,.yml,text/yaml,text/plain", "aria-label": w("app.import_file"), on: {change: function () {
      var file = picker.files && picker.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () { importText(String(reader.result), errors); };
      reader.readAsText(file);
    }}});
    box.appendChild(el("p", {}, [el("label", {text: w("app.import_file")}), picker]));
    box.appendChild(el("p", {}, [el("label", {for: "pb-paste", text: w("app.paste")}), pasted]));
    box.appendChild(el("p", {class: "pb-actions"}, [
      el("button", {type: "button", class: "pb-button", "data-pb-action": "import", text: w("app.import_button"), on: {click: function () {
        importText(pasted.value, errors); }}})]));
    box.appendChild(errors);
    return box;
  }

  function importText(text, errors) {
    var read = readDealFile(text);
    errors.textContent = "";
    if (read.problems) {
      errors.appendChild(el("p", {text: w("app.import.failed")}));
      var ul = el("ul");
      read.problems.forEach(function (p) { ul.appendChild(el("li", {text: w("app.import.at", {line: p.line, column: p.column, message: p.message})})); });
      errors.appendChild(ul);
      return;
    }
    state.deals.push(read.deal);
    state.current = read.deal.uid;
    notices = [w("app.imported", {name: read.deal.deal.name || read.deal.deal.id})];
    save(); render();
  }

  function exportFile(d) {
    var lacking = ["name", "customer", "rep"].filter(function (k) { return !(d.deal[k] || "").trim(); });
    if (lacking.length) {
      notices = [w("app.export_needs", {fields: lacking.map(function (k) { return w("app.f." + k); }).join(w("punct.list"))})];
      render();
      var header_ = document.querySelector(".pb-app-header");
      if (header_) header_.open = true;
      return;
    }
    var text = dealFile(d);
    var name = (d.deal.id || "deal") + ".yaml";
    var file = null;
    try { file = new File([text], name, {type: "text/yaml"}); } catch (e) { file = null; }
    if (file && navigator.canShare && navigator.canShare({files: [file]}) && navigator.share) {
      navigator.share({files: [file], title: name}).catch(function () { download(text, name); });
      return;
    }
    download(text, name);
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], {type: "text/yaml;charset=utf-8"}));
    var a = el("a", {href: url, download: name});
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  /* --- start --- */

  window.addEventListener("hashchange", function () { viewed = null; if (state) render(); });
  fetch(root.getAttribute("data-pb-rules")).then(function (r) { return r.json(); }).then(function (data) {
    rules = data;
    state = load();
    save();
    render();
    window.pbApp = {state: function () { return state; }, dealFile: dealFile, readDealFile: readDealFile};
  }).catch(function () {
    root.textContent = w("app.no_rules");
  });
})();
