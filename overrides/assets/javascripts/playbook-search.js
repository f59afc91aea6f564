// The site's search, run in Material's search-worker slot: Material's search box and result
// list, this ranking (overrides/main.html points Material at this file).
//
// Material posts {type: 0, data: {config, docs}} with the index (search/search_index.json,
// built by src/salesplaybook/render/site/search.py) and then {type: 2, data: query} for every
// query; this answers {type: 1} (ready) and {type: 3, data: {items}}: one list per page, the
// page first, then the sections that matched, in Material's result format. No words of its
// own: the type labels come with the index, from the catalogue.
//
// Ranking, per page (a query is cut into units at spaces; Chinese units are matched as
// strings, Latin ones word by word):
//   where a unit matches: the page's search terms > its title > a heading (a glossary term)
//     > its text;
//   how: exactly > one character wrong (a pinyin neighbour, a letter dropped, doubled or
//     swapped) > most of its character pairs (a long query typed without spaces);
//   then the page type: stage > form > glossary > rules > managers > guide. Printable copies
//     (checklists, blank forms) come after every reading page and match on their title only.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var FORMAT = 1;

// field weights: where a unit matched
var W_TERM_EXACT = 16, W_TERM = 12, W_TITLE_EXACT = 14, W_TITLE = 10, W_HEAD_EXACT = 9, W_HEAD = 7, W_TEXT = 1;
var APPROX = 0.6;     // one character wrong
var PAIRS = 0.5;      // share of character pairs found (times the pairs' coverage)
var TYPE_FACTOR = { stage: 1.3, form: 1.2, glossary: 1.1, rules: 1.05, managers: 1, guide: 1 };
var MAX_RESULTS = 100;  // every page of this site; the list shows ten and more as the rep scrolls
var STOP = { the: 1, a: 1, an: 1, of: 1, to: 1, in: 1, on: 1, for: 1, and: 1, or: 1, with: 1, by: 1,
  is: 1, are: 1, at: 1, as: 1, from: 1, our: 1, we: 1, it: 1, how: 1, what: 1 };
var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

// --- text folding: full-width to half-width, lower case; one character for one, so that
// positions in the folded text are positions in the original ---
function fold(s) {
  var out = "";
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    var ch = c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? " " : s[i];
    var low = ch.toLowerCase();
    out += low.length === 1 ? low : ch;
  }
  return out;
}

function words(s) {
  return s.match(/[a-z0-9]+/g) || [];
}

function stem(w) {
  if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
  if (w.length > 5 && /ing$/.test(w)) return w.slice(0, -3);
  if (w.length > 4 && /ed$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && /[^s]s$/.test(w)) return w.slice(0, -1);
  return w;
}

// true when a and b differ by at most one edit (substitution, insertion, deletion, or two
// neighbours swapped)
function oneEdit(a, b) {
  if (a === b) return true;
  var la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  var i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// the first substring of s within one edit of u (u at least 3 characters), or null
function approxIn(u, s) {
  var L = u.length;
  for (var i = 0; i + L - 1 <= s.length; i++) {
    for (var d = -1; d <= 1; d++) {
      var part = s.substr(i, L + d);
      if (part.length === L + d && part[0] === u[0] || part.length === L + d && part[part.length - 1] === u[L - 1]) {
        if (oneEdit(u, part)) return part;
      }
    }
  }
  return null;
}

function pairs(u) {
  var out = [];
  for (var i = 0; i + 1 < u.length; i++) out.push(u.substr(i, 2));
  return out;
}

function count(hay, needle) {
  var n = 0, at = hay.indexOf(needle);
  while (at !== -1 && n < 50) { n++; at = hay.indexOf(needle, at + needle.length); }
  return n;
}

// a page title's parts: "5. 需求分析与正式方案设计" -> 需求分析与正式方案设计, 需求分析, 正式方案设计
function titleParts(title) {
  var bare = title.replace(/^\d+\.\s*/, "");
  var parts = bare.split(/\s*(?:与|和|及|、|,|&|\band\b)\s*/).filter(Boolean);
  return parts.length > 1 ? [bare].concat(parts) : [bare];
}

// --- the index ---
function prepare(index) {
  var docs = index.docs || [];
  var data = (index.config && index.config.playbook) || {};
  if (data.format !== FORMAT) docs = [];  // an index this worker cannot read: no results, no errors
  var order = data.order || [];
  var printable = {};
  (data.print || []).forEach(function (k) { printable[k] = true; });
  // A heading on many pages (every stage has 里程碑) labels a part of a page; a heading on
  // one page (a glossary term) names what that section defines: it weighs more.
  var headings = {};
  docs.forEach(function (d) {
    var seen = {};
    (d.s || []).forEach(function (s) { seen[fold(s[1] || "")] = true; });
    Object.keys(seen).forEach(function (h) { headings[h] = (headings[h] || 0) + 1; });
  });
  var pages = docs.map(function (d, n) {
    var defines = d.k === "glossary";  // each section of the glossary defines its heading
    var sections = (d.s || []).map(function (s) {
      var head = fold(s[1] || ""), text = fold(s[2] || "");
      var terms = (s[3] || []).map(fold);
      if (defines && head) terms.unshift(head);
      return {
        id: s[0], title: s[1] || "", text: s[2] || "", head: head, textF: text,
        terms: terms, rare: defines ? 1 : 1 / (headings[head] || 1)
      };
    });
    var title = fold(d.t || "");
    var terms = (d.w || []).map(fold);
    if (printable[d.k] && data.labels && data.labels[d.k]) terms.push(fold(data.labels[d.k]));
    // every word of the page with the best place it stands in: [weight, section or -1]
    var vocab = new Map();
    function add(text, weight, where) {
      words(text).forEach(function (w) {
        var had = vocab.get(w);
        if (!had || had[0] < weight) vocab.set(w, [weight, where]);
      });
    }
    terms.forEach(function (t) { add(t, W_TERM, -1); });
    add(title, W_TITLE, -1);
    sections.forEach(function (s, i) {
      s.terms.forEach(function (t) { add(t, W_TERM, i); });
      add(s.head, W_HEAD * s.rare, i);
      add(s.textF, W_TEXT, i);
    });
    return {
      n: n, url: d.u, title: d.t || "", titleF: title, parts: titleParts(title), type: d.k,
      label: data.labels ? data.labels[d.k] : "", print: !!printable[d.k],
      rank: order.indexOf(d.k), terms: terms, sections: sections, vocab: Array.from(vocab.entries())
    };
  });
  return { pages: pages };
}

// Where and how well a Chinese (or any non-word) unit `u` matches one page.
// Returns {score, where: section index or -1, hits: [matched strings]}.
function matchString(page, u) {
  var best = { score: 0, where: -1, hits: [] };
  var short = u.length < 2 ? 0.3 : 1;
  function take(score, where, hit) {
    score *= short;
    if (score > best.score) best = { score: score, where: where, hits: [hit] };
    else if (hit && best.hits.indexOf(hit) === -1 && score > 0) best.hits.push(hit);
  }
  // exactly; a query that is only a small part of a term weighs less
  function inTerm(t, where) {
    if (t === u) take(W_TERM_EXACT, where, u);
    else if (u.length >= 2 && t.indexOf(u) !== -1) take(W_TERM * Math.sqrt(u.length / t.length), where, u);
  }
  page.terms.forEach(function (t) { inTerm(t, -1); });
  if (page.parts.indexOf(u) !== -1) take(W_TITLE_EXACT, -1, u);
  else if (page.titleF.indexOf(u) !== -1) take(W_TITLE, -1, u);
  var textCount = 0, firstText = -1;
  page.sections.forEach(function (s, i) {
    s.terms.forEach(function (t) { inTerm(t, i); });
    if (s.head === u) take(W_HEAD_EXACT * s.rare, i, u);
    else if (s.head.indexOf(u) !== -1) take(W_HEAD * s.rare, i, u);
    var c = count(s.textF, u);
    if (c) { textCount += c; if (firstText === -1) firstText = i; }
  });
  if (textCount) take(W_TEXT * (1 + 0.3 * Math.min(textCount - 1, 5)), firstText, u);
  if (best.score || u.length < 3 || page.print || !HAN.test(u)) return best;
  // one character wrong: in the page's terms, title and headings (and its text, for longer
  // units, when none of those has it)
  var hit;
  page.terms.forEach(function (t) { if ((hit = approxIn(u, t))) take(W_TERM * APPROX, -1, hit); });
  if ((hit = approxIn(u, page.titleF))) take(W_TITLE * APPROX, -1, hit);
  page.sections.forEach(function (s, i) {
    s.terms.forEach(function (t) { if ((hit = approxIn(u, t))) take(W_TERM * APPROX, i, hit); });
    if ((hit = approxIn(u, s.head))) take(W_HEAD * s.rare * APPROX, i, hit);
  });
  if (!best.score && u.length >= 4) {
    page.sections.forEach(function (s, i) {
      if (!best.score && (hit = approxIn(u, s.textF))) take(W_TEXT * APPROX, i, hit);
    });
  }
  if (best.score || u.length < 4) return best;
  // most of its character pairs (a long query typed without spaces)
  var ps = pairs(u);
  function cover(s) {
    var found = ps.filter(function (p) { return s.indexOf(p) !== -1; });
    return { share: found.length / ps.length, found: found };
  }
  function tryField(s, weight, where) {
    var c = cover(s);
    if (c.share >= 0.5) {
      var score = weight * PAIRS * c.share * short;
      if (score > best.score) best = { score: score, where: where, hits: c.found };
    }
  }
  page.terms.forEach(function (t) { tryField(t, W_TERM, -1); });
  tryField(page.titleF, W_TITLE, -1);
  page.sections.forEach(function (s, i) {
    s.terms.forEach(function (t) { tryField(t, W_TERM, i); });
    tryField(s.head, W_HEAD * s.rare, i);
    tryField(s.textF, W_TEXT * 2, i);
  });
  return best;
}

var stems = new Map();
function stemmed(w) {
  var s = stems.get(w);
  if (s === undefined) { s = stem(w); stems.set(w, s); }
  return s;
}

// How well query word `w` matches word `v`: 1 exactly, 0.9 the same stem, 0.7 the beginning
// of the word, 0.6 one letter wrong.
function wordQuality(w, sw, v) {
  if (v === w) return 1;
  if (stemmed(v) === sw) return 0.9;
  if (w.length >= 3 && v.lastIndexOf(w, 0) === 0) return 0.7;
  if (w.length >= 5 && Math.abs(v.length - w.length) <= 1 && oneEdit(w, v)) return APPROX;
  return 0;
}

// Where and how well a unit of Latin words matches one page: as a phrase first, else word by word.
function matchWords(page, unit) {
  var phrase = matchString(page, unit.text);
  var ws = unit.words.filter(function (w) { return !STOP[w]; });
  if (!ws.length) ws = unit.words;
  if (!ws.length) return phrase;
  var total = 0, matched = 0, hits = [], where = -1, whereScore = 0;
  ws.forEach(function (w) {
    var sw = stemmed(w), best = 0, bestHit = null, bestWhere = -1;
    for (var i = 0; i < page.vocab.length; i++) {
      var entry = page.vocab[i], q = wordQuality(w, sw, entry[0]);
      if (q && q * entry[1][0] > best) { best = q * entry[1][0]; bestHit = entry[0]; bestWhere = entry[1][1]; }
    }
    if (best) {
      matched++; total += best;
      if (hits.indexOf(bestHit) === -1) hits.push(bestHit);
      if (best > whereScore) { whereScore = best; where = bestWhere; }
    }
  });
  var byWord = total / ws.length * (matched === ws.length ? 1 : 0.6);
  // one phrase found as such beats its words found apart
  if (phrase.score && phrase.score >= byWord) return phrase;
  return { score: byWord, where: where, hits: hits.concat(phrase.hits) };
}

function unit(part) {
  return HAN.test(part) ? { text: part, han: true } : { text: part, han: false, words: words(part) };
}

// A query in units: cut at spaces and punctuation; a unit mixing Chinese and Latin letters
// (A类客户, CA签章) also keeps its runs of each, for when it is not found whole.
function units(query) {
  var q = fold(query).trim();
  if (!q) return [];
  return q.split(/[\s,，、;；。!?！？:：]+/).filter(Boolean).map(function (part) {
    var u = unit(part), runs = part.match(/[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g);
    if (u.han && runs.length > 1) u.runs = runs.map(unit).filter(function (r) { return r.han || r.words.length; });
    return u;
  });
}

function matchUnit(page, u) {
  var m = u.han || page.print ? matchString(page, u.text) : matchWords(page, u);
  if (m.score || !u.runs) return m;
  var score = 0, hits = [], where = -1, found = 0;
  u.runs.forEach(function (r) {
    var rm = matchUnit(page, r);
    if (rm.score) { found++; score += rm.score; hits = hits.concat(rm.hits); if (where === -1) where = rm.where; }
  });
  return { score: found === u.runs.length ? score / u.runs.length : 0, where: where, hits: hits };
}

function search(index, query) {
  var us = units(query);
  if (!us.length) return [];
  var found = [];
  index.pages.forEach(function (page) {
    var score = 0, matched = 0, hits = [], where = {};
    us.forEach(function (u) {
      var m = matchUnit(page, u);
      if (m.score) {
        matched++; score += m.score;
        m.hits.forEach(function (h) { if (h && hits.indexOf(h) === -1) hits.push(h); });
        if (m.where >= 0) where[m.where] = (where[m.where] || 0) + m.score;
      }
    });
    if (!matched) return;
    score *= 0.5 + 0.5 * matched / us.length;
    score *= TYPE_FACTOR[page.type] || 1;
    found.push({ page: page, score: score, hits: hits, where: where });
  });
  found.sort(function (a, b) {
    return (a.page.print - b.page.print) || (b.score - a.score) || (a.page.rank - b.page.rank) || (a.page.n - b.page.n);
  });
  return found.slice(0, MAX_RESULTS).map(render);
}

// --- results in Material's format (titles and texts are HTML: everything is escaped) ---
function esc(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// `text` with every hit marked; hits are folded strings, found in the folded text
function mark(text, hits) {
  var folded = fold(text), spans = [];
  hits.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (h) {
    if (!h) return;
    var at = folded.indexOf(h);
    while (at !== -1) {
      var end = at + h.length;
      if (!spans.some(function (s) { return at < s[1] && end > s[0]; })) spans.push([at, end]);
      at = folded.indexOf(h, end);
    }
  });
  spans.sort(function (a, b) { return a[0] - b[0]; });
  var out = "", last = 0;
  spans.forEach(function (s) {
    out += esc(text.slice(last, s[0])) + "<mark>" + esc(text.slice(s[0], s[1])) + "</mark>";
    last = s[1];
  });
  return out + esc(text.slice(last));
}

// a short piece of `text` around its first hit, marked
function snippet(text, hits) {
  var folded = fold(text), at = -1;
  hits.forEach(function (h) {
    var i = h ? folded.indexOf(h) : -1;
    if (i !== -1 && (at === -1 || i < at)) at = i;
  });
  var wide = HAN.test(text) ? 70 : 150;
  var start = at === -1 ? 0 : Math.max(0, at - Math.floor(wide / 3));
  var end = Math.min(text.length, start + wide);
  var piece = text.slice(start, end);
  return "<p>" + (start > 0 ? "… " : "") + mark(piece, hits) + (end < text.length ? " …" : "") + "</p>";
}

// One page's result: the page (its type, its title, and a piece of its text when no section
// is shown), then up to two sections where the query matched (a glossary term, a heading).
function render(f) {
  var page = f.page;
  var shown = Object.keys(f.where).map(Number).sort(function (a, b) { return f.where[b] - f.where[a]; })
    .filter(function (i) { return page.sections[i] && page.sections[i].id; }).slice(0, 2);
  // the type leads the title, so it is read with it (a result is a link around its title)
  var type = page.label ? '<span class="pb-result-type">' + esc(page.label) + "</span> " : "";
  var article = { location: page.url, title: type + mark(page.title, f.hits), text: "", score: f.score, terms: {} };
  if (!shown.length) {
    var lead = null;
    page.sections.forEach(function (s) {
      if (!lead && f.hits.some(function (h) { return h && s.textF.indexOf(h) !== -1; })) lead = s;
    });
    lead = lead || page.sections.filter(function (s) { return s.text; })[0];
    if (lead) article.text = snippet(lead.text, f.hits);
  }
  var items = [article];
  shown.forEach(function (i) {
    var s = page.sections[i];
    items.push({ location: page.url + "#" + s.id, title: mark(s.title, f.hits), text: snippet(s.text, f.hits),
      score: f.score, terms: {} });
  });
  return items;
}

var index = null;
if (typeof self !== "undefined" && typeof module === "undefined") {
  self.onmessage = function (ev) {
    var m = ev.data;
    if (m.type === SETUP) {
      index = prepare(m.data);
      self.postMessage({ type: READY });
    } else if (m.type === QUERY) {
      self.postMessage({ type: RESULT, data: { items: index ? search(index, m.data) : [] } });
    }
  };
}
if (typeof module !== "undefined") module.exports = { prepare: prepare, search: search, fold: fold, oneEdit: oneEdit, approxIn: approxIn };
