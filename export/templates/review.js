// review.html's behaviour: filters, right/wrong verdicts with notes kept in localStorage,
// and the verdicts exported as CSV. Plain JavaScript, no network. Its SHA-256 is the only
// script the page's Content-Security-Policy allows, so nothing injected could run.
(function () {
  "use strict";
  var KEY = "slippage-review:" + location.pathname;
  var ALL = "*";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var byId = new Map(cards.map(function (c) { return [c.dataset.id, c]; }));
  var state = load();
  var saveTimer = null;

  function load() {
    try {
      var value = JSON.parse(localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) { return {}; }
  }

  function save() {
    clearTimeout(saveTimer);
    saveTimer = null;
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode or full: keep in memory */ }
  }

  function entry(id) { return state[id] || (state[id] = { verdict: "", note: "" }); }

  function paint(card) {
    var s = state[card.dataset.id] || {};
    card.dataset.verdict = s.verdict || "";
    card.querySelectorAll("button[data-v]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.v === s.verdict));
    });
    var note = card.querySelector("textarea.note");
    if (note.value !== (s.note || "")) { note.value = s.note || ""; }
  }

  function tally() {
    var right = 0, wrong = 0;
    cards.forEach(function (c) {
      if (c.dataset.verdict === "right") { right++; } else if (c.dataset.verdict === "wrong") { wrong++; }
    });
    document.getElementById("tally").textContent =
      (right + wrong) + " checked (" + right + " right, " + wrong + " wrong)";
  }

  function value(name) { return document.getElementById("filter-" + name).value; }

  // One pass over the cards, touching only those whose visibility changes.
  function applyFilters() {
    var report = value("report"), programme = value("programme"), flag = value("flag"), verdict = value("verdict");
    var shown = 0;
    cards.forEach(function (c) {
      var d = c.dataset;
      var ok = (report === ALL || d.report === report) &&
        (programme === ALL || d.programme === programme) &&
        (flag === ALL || (" " + d.flags + " ").indexOf(" " + flag + " ") >= 0) &&
        (verdict === ALL || (verdict === "none" ? !d.verdict : d.verdict === verdict));
      if (c.hidden === ok) { c.hidden = !ok; }
      if (ok) { shown++; }
    });
    document.getElementById("shown").textContent = String(shown);
  }

  // CSV cell: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it.
  function csvCell(text) {
    var v = String(text == null ? "" : text);
    if (/^[=+\-@\t\r]/.test(v)) { v = "'" + v; }
    return /[",\r\n]/.test(v) ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
  }

  function verdictsCsv() {
    var ids = cards.map(function (c) { return c.dataset.id; });
    Object.keys(state).sort().forEach(function (id) { if (!byId.has(id)) { ids.push(id); } });
    var lines = ["exception_id,verdict,note"];
    ids.forEach(function (id) {
      var s = state[id];
      if (s && (s.verdict || s.note)) { lines.push([id, s.verdict || "", s.note || ""].map(csvCell).join(",")); }
    });
    return { text: lines.join("\r\n") + "\r\n", rows: lines.length - 1 };
  }

  function exportCsv() {
    save();
    var csv = verdictsCsv();
    var link = document.getElementById("download");
    if (link.href) { URL.revokeObjectURL(link.href); }
    link.href = URL.createObjectURL(new Blob([csv.text], { type: "text/csv;charset=utf-8" }));
    link.textContent = "review-verdicts.csv (" + csv.rows + " rows)";
    link.hidden = false;
    link.click();
  }

  document.getElementById("cards").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-v]");
    if (!button) { return; }
    var card = button.closest("article.card");
    var s = entry(card.dataset.id);
    s.verdict = s.verdict === button.dataset.v ? "" : button.dataset.v;
    save();
    paint(card);
    tally();
  });
  document.getElementById("cards").addEventListener("input", function (event) {
    if (!event.target.matches("textarea.note")) { return; }
    entry(event.target.closest("article.card").dataset.id).note = event.target.value;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 300);
  });
  window.addEventListener("beforeunload", function () { if (saveTimer) { save(); } });
  document.querySelectorAll("select[data-filter]").forEach(function (s) { s.addEventListener("change", applyFilters); });
  document.getElementById("export").addEventListener("click", exportCsv);
  document.querySelectorAll("button[data-set-flag]").forEach(function (b) {
    b.addEventListener("click", function () {
      var select = document.getElementById("filter-flag");
      if (!select.querySelector("option[value='" + b.dataset.setFlag + "']")) { return; }  // none among these cards
      select.value = b.dataset.setFlag;
      applyFilters();
      document.getElementById("review").scrollIntoView();
    });
  });

  cards.forEach(function (c) { if (state[c.dataset.id]) { paint(c); } });
  tally();
  applyFilters();
})();
