/* The judgement on the phone: the same rules as src/salesplaybook/judge.py, read from the same
   data (the site's rules.json, written by rulebook.py from the playbook). A differential test
   (tests/app/test_judge_parity.py) runs this file and judge.py on thousands of generated deals
   and requires the same position, claim, step, score and open items. Change both or neither. */
(function (root) {
  "use strict";

  function applies(item, mode) {
    return !item.modes || mode == null || item.modes.indexOf(mode) >= 0;
  }

  function isFilled(value) {
    if (value === null || value === undefined || value === "") return false;
    if (Array.isArray(value) && value.length === 0) return false;
    return true;
  }

  function hasEvidence(entry) {
    return !!(entry && (nonEmpty(entry.evidence) || nonEmpty(entry.contact) || nonEmpty(entry.document)));
  }

  function nonEmpty(text) {
    return typeof text === "string" && text.trim() !== "";
  }

  /* Look-ups worked out once per rules object. */
  function index(rules) {
    if (rules._index) return rules._index;
    var items = {}, stageNo = {}, customerNo = {};
    rules.stages.forEach(function (s) {
      stageNo[s.id] = s.number;
      s.items.forEach(function (i) { i.stage = s.number; items[i.id] = i; });
    });
    rules.customer_stages.forEach(function (c) { customerNo[c.id] = c.number; });
    Object.defineProperty(rules, "_index", {value: {items: items, stageNo: stageNo, customerNo: customerNo}});
    return rules._index;
  }

  function dealMode(rules, deal) {
    return deal.procurement_mode || rules.default_mode || null;
  }

  function positionOf(rules, done, mode) {
    var statuses = rules.stages.map(function (s) {
      var items = s.items.filter(function (i) { return applies(i, mode); });
      var entered = items.every(function (i) { return i.group !== "milestone" || done[i.id]; });
      var complete = entered && items.every(function (i) { return i.group !== "success_criteria" || done[i.id]; });
      return {number: s.number, id: s.id, entered: entered, complete: complete};
    });
    var first = statuses.length + 1;
    for (var k = 0; k < statuses.length; k++) {
      if (!statuses[k].complete) { first = statuses[k].number; break; }
    }
    var position = (first <= statuses.length && statuses[first - 1].entered) ? first : first - 1;
    return {position: position, firstIncomplete: first, stages: statuses};
  }

  function stepOf(rules, position, customer) {
    var ours = position ? rules.stages[position - 1].customer_stage : 0;
    var gap = customer - ours;
    var r = rules.rules;
    if (gap === 0) return {step: "in-step", gap: gap};
    if (gap > 0) return {step: gap >= r.behind_consider_drop ? "drop" : "behind", gap: gap};
    return {step: -gap >= r.ahead_warning ? "ahead-warning" : "ahead", gap: gap};
  }

  function inStepShare(rules, step) {
    if (step === "in-step" || step === "ahead" || step === "ahead-warning") return 1.0;
    if (step === "behind") return rules.rules.in_step_partial;
    return 0.0;
  }

  function entriesOf(deal, formId) {
    var value = (deal.forms || {})[formId];
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  }

  function filledFields(rules, deal) {
    var out = {};
    rules.required.forEach(function (f) {
      var ref = f.form + "." + f.id;
      if (entriesOf(deal, f.form).some(function (e) { return e && typeof e === "object" && !Array.isArray(e) && isFilled(e[f.id]); })) {
        out[ref] = true;
      }
    });
    return out;
  }

  var COUNTED = {milestone: ["milestone"], success_criteria: ["success_criteria"],
                 conditions: ["sales_process", "relationship", "information", "assessment"]};

  /* The verdict on one deal: {position, complete, claimed, claim, customer, step, gap, score,
     parts, missing, missing_required, out_of_order, other_mode, no_evidence, future_dates,
     entered_on, days_in_stage, stuck, status}.
     `deal` = {procurement_mode, customer_stage, claimed_stage (ids), done: {id: {date, ...}},
     forms, outcome: {status, date} or none}; `today` = "YYYY-MM-DD" or null. */
  function judge(rules, deal, today) {
    var ix = index(rules);
    var mode = dealMode(rules, deal);
    var doneIds = Object.keys(deal.done || {});
    var ticked = {}, otherMode = [];
    doneIds.forEach(function (id) {
      var item = ix.items[id];
      if (item && applies(item, mode)) ticked[id] = true; else otherMode.push(id);
    });
    var pos = positionOf(rules, ticked, mode);
    var claimed = ix.stageNo[deal.claimed_stage];
    var customer = ix.customerNo[deal.customer_stage];
    var st = stepOf(rules, pos.position, customer);
    var claim = claimed === pos.position ? "supported" : (claimed > pos.position ? "overstated" : "understated");

    var outOfOrder = doneIds.filter(function (id) { return ticked[id] && ix.items[id].stage > pos.firstIncomplete; });
    var counted = {};
    Object.keys(ticked).forEach(function (id) { counted[id] = true; });
    outOfOrder.forEach(function (id) { delete counted[id]; });

    var inScope = [];
    rules.stages.slice(0, claimed).forEach(function (s) {
      s.items.forEach(function (i) { if (applies(i, mode)) inScope.push(i); });
    });
    var filled = filledFields(rules, deal);
    var fieldsInScope = rules.required.filter(function (f) { return f.stage <= claimed; });
    var parts = [], exact = 0;
    Object.keys(rules.rules.score).forEach(function (part) {
      var weight = rules.rules.score[part], got, total;
      if (part === "in_step") {
        got = inStepShare(rules, st.step); total = 1.0;
      } else if (part === "information") {
        got = fieldsInScope.filter(function (f) { return filled[f.form + "." + f.id]; }).length;
        total = fieldsInScope.length;
      } else {
        var ids = inScope.filter(function (i) { return COUNTED[part].indexOf(i.group) >= 0; });
        got = ids.filter(function (i) { return counted[i.id]; }).length;
        total = ids.length;
      }
      var ratio = total ? got / total : 1.0;
      exact += weight * ratio;
      parts.push({name: part, weight: weight, done: got, total: total, points: Math.round(weight * ratio * 10) / 10});
    });
    var score = Math.min(100, Math.max(0, Math.floor(exact + 0.5)));

    var missing = [];
    [pos.position, pos.position + 1].forEach(function (number) {
      if (number >= 1 && number <= rules.stages.length) {
        rules.stages[number - 1].items.forEach(function (i) {
          if (applies(i, mode) && !counted[i.id]) {
            missing.push({stage: number, kind: i.group, id: i.id, text: i.text, guidance: i.guidance || null});
          }
        });
      }
    });
    rules.required.forEach(function (f) {
      var ref = f.form + "." + f.id;
      if (f.stage <= pos.position + 1 && !filled[ref]) {
        missing.push({stage: f.stage, kind: "field", id: ref, text: f.label, guidance: f.help || null});
      }
    });
    missing = stableSortByStage(missing);
    var missingRequired = [];
    rules.required.forEach(function (f) {
      var ref = f.form + "." + f.id;
      if (f.stage <= claimed && !filled[ref]) {
        missingRequired.push({stage: f.stage, kind: "field", id: ref, text: f.label, guidance: f.help || null});
      }
    });

    var noEvidence = doneIds.filter(function (id) {
      var item = ix.items[id];
      return item && item.evidence && !hasEvidence(deal.done[id]);
    });
    var future = doneIds.filter(function (id) { return today && deal.done[id] && deal.done[id].date > today; });
    var verdict = {
      mode: mode, position: pos.position, complete: pos.position > 0 && pos.stages[pos.position - 1].complete,
      claimed: claimed, claim: claim, customer: customer, step: st.step, gap: st.gap, stages: pos.stages,
      out_of_order: outOfOrder, other_mode: otherMode, missing: missing, missing_required: missingRequired,
      no_evidence: noEvidence, future_dates: future, score: score, parts: parts
    };
    // a deal that is over (won, lost, dropped) stayed in its stage until its outcome, and waits for nothing
    var outcome = deal.outcome && typeof deal.outcome === "object" && deal.outcome.date ? deal.outcome : null;
    var until = outcome && today ? (outcome.date < today ? outcome.date : today) : today;
    var time = timeInStage(rules, deal, pos.position, mode, until);
    verdict.entered_on = time.entered_on;
    verdict.days_in_stage = time.days;
    verdict.stuck = time.stuck && !outcome;
    verdict.status = outcome ? outcome.status : "open";
    verdict.falls_short = claim === "overstated" || missingRequired.length > 0;
    return verdict;
  }

  /* When the current stage was entered (the day of its last milestone action), how many days
     before `until`, and whether that is longer than the stage's stuck limit. Dates are ISO
     strings, so they compare as text. */
  function timeInStage(rules, deal, position, mode, until) {
    if (!position) return {entered_on: null, days: null, stuck: false};
    var stage = rules.stages[position - 1];
    var dates = stage.items.filter(function (i) {
      return i.group === "milestone" && applies(i, mode) && deal.done && deal.done[i.id];
    }).map(function (i) { return String(deal.done[i.id].date); }).sort();
    var entered = dates.length ? dates[dates.length - 1] : null;
    if (!entered || !until) return {entered_on: entered, days: null, stuck: false};
    var days = Math.max(0, Math.round((Date.parse(until + "T00:00:00Z") - Date.parse(entered + "T00:00:00Z")) / 86400000));
    var limit = stage.stuck_after_days;
    return {entered_on: entered, days: days, stuck: limit !== null && limit !== undefined && days > limit};
  }

  function stableSortByStage(list) {
    return list.map(function (o, k) { return [o, k]; })
      .sort(function (a, b) { return a[0].stage - b[0].stage || a[1] - b[1]; })
      .map(function (pair) { return pair[0]; });
  }

  /* A text of the rules in `lang`, else in Chinese (the source). */
  function textIn(words, lang) {
    if (!words) return "";
    return words[lang] || words.zh;
  }

  var api = {judge: judge, positionOf: positionOf, applies: applies, textIn: textIn, dealMode: dealMode};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.PbJudge = api;
})(typeof self !== "undefined" ? self : this);
