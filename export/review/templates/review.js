// review.html's behaviour: filters, card order, verdicts, notes and corrections kept in
// localStorage, exported as corrections.csv and imported back. Plain JavaScript, no network.
// Its SHA-256 is the only script the page's Content-Security-Policy allows, so nothing
// injected could run; document text only ever reaches the page through textContent/value.
(function () {
  "use strict";
  var KEY = "slippage-review:" + location.pathname;
  var ALL = "*";
  var HEADER = ["target_id", "field", "value", "verdict", "note"];
  var VERDICTS = { right: 1, wrong: 1, drop: 1 };
  var EXCEPTION_FIELDS = [["project", "Project"], ["programme", "Programme"], ["status", "Status"],
    ["reason", "Reason"], ["mitigation", "Mitigation"]];
  var AMOUNT_FIELDS = [["value_gbp", "value £"], ["kind", "kind"], ["fiscal_year", "year"]];
  var container = document.getElementById("cards");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var worstOrder = cards.slice();
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

  function saveSoon() { clearTimeout(saveTimer); saveTimer = setTimeout(save, 300); }

  function entry(id) {
    var s = state[id] || (state[id] = { verdict: "", note: "" });
    if (!s.fields) { s.fields = {}; }
    return s;
  }

  function amountIds(card) {
    return Array.prototype.map.call(card.querySelectorAll("tr[data-amount-id]"), function (tr) {
      return tr.dataset.amountId;
    }).filter(Boolean);
  }

  function hasEdits(id) { var s = state[id]; return !!(s && s.fields && Object.keys(s.fields).length); }

  function paint(card) {
    var s = state[card.dataset.id] || {};
    card.dataset.verdict = s.verdict || "";
    card.dataset.corrected = String(hasEdits(card.dataset.id) || amountIds(card).some(hasEdits));
    card.querySelectorAll("button[data-v]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.v === s.verdict));
    });
    var note = card.querySelector("textarea.note");
    if (note.value !== (s.note || "")) { note.value = s.note || ""; }
    card.querySelectorAll(".editor [data-field]").forEach(paintInput);
  }

  function paintInput(input) {
    var s = state[input.dataset.target];
    var edited = s && s.fields && Object.prototype.hasOwnProperty.call(s.fields, input.dataset.field);
    var value = edited ? s.fields[input.dataset.field] : input.dataset.original;
    if (input.value !== value) { input.value = value; }
    input.classList.toggle("changed", !!edited);
  }

  function tally() {
    var n = { right: 0, wrong: 0, drop: 0 }, corrected = 0;
    cards.forEach(function (c) {
      if (n[c.dataset.verdict] !== undefined) { n[c.dataset.verdict]++; }
      if (c.dataset.corrected === "true") { corrected++; }
    });
    document.getElementById("tally").textContent = (n.right + n.wrong + n.drop) + " checked (" + n.right + " right, " +
      n.wrong + " wrong" + (n.drop ? ", " + n.drop + " not exceptions" : "") + ")" +
      (corrected ? " · " + corrected + " corrected" : "");
  }

  function value(name) { return document.getElementById("filter-" + name).value; }

  function verdictMatches(d, verdict) {
    if (verdict === ALL) { return true; }
    if (verdict === "none") { return !d.verdict && d.corrected !== "true"; }
    if (verdict === "corrected") { return d.corrected === "true"; }
    return d.verdict === verdict;
  }

  // One pass over the cards, touching only those whose visibility changes.
  function applyFilters() {
    var report = value("report"), programme = value("programme"), flag = value("flag"), verdict = value("verdict");
    var shown = 0;
    cards.forEach(function (c) {
      var d = c.dataset;
      var ok = (report === ALL || d.report === report) &&
        (programme === ALL || d.programme === programme) &&
        (flag === ALL || (" " + d.flags + " ").indexOf(" " + flag + " ") >= 0) &&
        verdictMatches(d, verdict);
      if (c.hidden === ok) { c.hidden = !ok; }
      if (ok) { shown++; }
    });
    document.getElementById("shown").textContent = String(shown);
  }

  function applyOrder() {
    var order = document.getElementById("order").value === "document"
      ? cards.slice().sort(function (a, b) { return Number(a.dataset.rank) - Number(b.dataset.rank); })
      : worstOrder;
    var fragment = document.createDocumentFragment();
    order.forEach(function (c) { fragment.appendChild(c); });
    container.appendChild(fragment);
  }

  // The editor is built when first opened: a page of thousands of cards holds no form until asked.
  function fieldText(card, field) {
    if (field === "reason" || field === "mitigation") {
      var p = card.querySelector("p.text." + field);
      var copy = p.cloneNode(true);
      copy.querySelectorAll(".placeholder").forEach(function (el) { el.remove(); });
      return copy.textContent;
    }
    return card.dataset[field] || "";
  }

  function addInput(editor, target, field, label, original, multiline) {
    var id = "edit-" + target + "-" + field;
    var tag = document.createElement("label");
    tag.textContent = label;
    tag.htmlFor = id;
    var input = document.createElement(multiline ? "textarea" : "input");
    input.id = id;
    input.dataset.target = target;
    input.dataset.field = field;
    input.dataset.original = original;
    if (field === "kind") { input.setAttribute("list", "kinds"); }
    if (field === "value_gbp") { input.inputMode = "decimal"; }
    editor.appendChild(tag);
    editor.appendChild(input);
    paintInput(input);
  }

  function buildEditor(card) {
    var editor = card.querySelector(".editor");
    if (editor.childElementCount) { return editor; }
    var id = card.dataset.id;
    EXCEPTION_FIELDS.forEach(function (f) {
      addInput(editor, id, f[0], f[1], fieldText(card, f[0]), f[0] === "reason" || f[0] === "mitigation");
    });
    card.querySelectorAll("tr[data-amount-id]").forEach(function (tr) {
      if (!tr.dataset.amountId) { return; }
      var title = document.createElement("h5");
      title.textContent = "Amount " + tr.cells[1].textContent + " (" + tr.cells[0].textContent + ")";
      editor.appendChild(title);
      AMOUNT_FIELDS.forEach(function (f) {
        var original = f[0] === "value_gbp" ? tr.dataset.value : f[0] === "kind" ? tr.dataset.kind : tr.dataset.year;
        addInput(editor, tr.dataset.amountId, f[0], f[1], original || "", false);
      });
    });
    return editor;
  }

  function edited(input) {
    var s = entry(input.dataset.target);
    if (input.value === input.dataset.original) { delete s.fields[input.dataset.field]; } else { s.fields[input.dataset.field] = input.value; }
    input.classList.toggle("changed", input.value !== input.dataset.original);
    var card = input.closest("article.card");
    saveSoon();
    paint(card);
    tally();
  }

  // CSV cell: quoted when needed; a leading = + - @ tab or CR is defused so spreadsheets do not run it.
  function csvCell(text) {
    var v = String(text == null ? "" : text);
    if (/^[=+\-@\t\r]/.test(v)) { v = "'" + v; }
    return /[",\r\n]/.test(v) ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
  }

  function rowsFor(id, lines) {
    var s = state[id];
    if (!s) { return; }
    if (s.verdict || s.note) { lines.push([id, "", "", s.verdict || "", s.note || ""]); }
    Object.keys(s.fields || {}).sort().forEach(function (f) { lines.push([id, f, s.fields[f], "wrong", ""]); });
  }

  function correctionsCsv() {
    var lines = [HEADER], seen = new Set();
    cards.forEach(function (c) {
      [c.dataset.id].concat(amountIds(c)).forEach(function (id) { seen.add(id); rowsFor(id, lines); });
    });
    Object.keys(state).sort().forEach(function (id) { if (!seen.has(id)) { rowsFor(id, lines); } });
    return { text: lines.map(function (l) { return l.map(csvCell).join(","); }).join("\r\n") + "\r\n", rows: lines.length - 1 };
  }

  function exportCsv() {
    save();
    var csv = correctionsCsv();
    var link = document.getElementById("download");
    if (link.href) { URL.revokeObjectURL(link.href); }
    link.href = URL.createObjectURL(new Blob([csv.text], { type: "text/csv;charset=utf-8" }));
    link.textContent = "corrections.csv (" + csv.rows + " rows)";
    link.hidden = false;
    link.click();
  }

  // RFC 4180: quoted cells may hold commas, doubled quotes and line breaks.
  function parseCsv(text) {
    var rows = [], row = [], cell = "", quoted = false, i = 0;
    text = text.replace(/^\uFEFF/, "");
    for (; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === "\"" && text[i + 1] === "\"") { cell += "\""; i++; } else if (ch === "\"") { quoted = false; } else { cell += ch; }
      } else if (ch === "\"") { quoted = true; } else if (ch === ",") { row.push(cell); cell = ""; } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") { i++; }
        row.push(cell); rows.push(row); row = []; cell = "";
      } else { cell += ch; }
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  function undefuse(v) { return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v; }

  function importCsv(text) {
    var rows = parseCsv(text), head = rows.shift() || [];
    var legacy = head.join(",") === "exception_id,verdict,note";
    if (!legacy && head.join(",") !== HEADER.join(",")) { throw new Error("the first line must be " + HEADER.join(",")); }
    var n = 0;
    rows.forEach(function (r, i) {
      if (r.length === 1 && r[0] === "") { return; }
      var c = legacy ? [r[0], "", "", r[1], r[2]] : r;
      if (c.length !== HEADER.length || !c[0] || (c[3] && !VERDICTS[c[3]])) { throw new Error("line " + (i + 2) + " is not a correction"); }
      var s = entry(c[0]);
      if (c[1]) { s.fields[c[1]] = undefuse(c[2]); } else { s.verdict = c[3]; s.note = undefuse(c[4]); }
      n++;
    });
    return n;
  }

  function onImport(event) {
    var file = event.target.files[0], out = document.getElementById("imported");
    if (!file) { return; }
    file.text().then(function (text) {
      try {
        var n = importCsv(text);
        out.textContent = n + " corrections imported";
      } catch (e) { out.textContent = "not imported: " + e.message; }
      save();
      cards.forEach(paint);
      tally();
      applyFilters();
    });
  }

  container.addEventListener("click", function (event) {
    var card = event.target.closest("article.card");
    if (!card) { return; }
    if (event.target.closest("button.edit")) {
      var editor = buildEditor(card);
      editor.hidden = !editor.hidden;
      event.target.setAttribute("aria-expanded", String(!editor.hidden));
      return;
    }
    var button = event.target.closest("button[data-v]");
    if (!button) { return; }
    var s = entry(card.dataset.id);
    s.verdict = s.verdict === button.dataset.v ? "" : button.dataset.v;
    save();
    paint(card);
    tally();
  });
  container.addEventListener("input", function (event) {
    if (event.target.matches("textarea.note")) {
      entry(event.target.closest("article.card").dataset.id).note = event.target.value;
      saveSoon();
    } else if (event.target.matches(".editor [data-field]")) {
      edited(event.target);
    }
  });
  window.addEventListener("beforeunload", function () { if (saveTimer) { save(); } });
  document.querySelectorAll("select[data-filter]").forEach(function (s) { s.addEventListener("change", applyFilters); });
  document.getElementById("order").addEventListener("change", applyOrder);
  document.getElementById("export").addEventListener("click", exportCsv);
  document.getElementById("import").addEventListener("change", onImport);
  document.querySelectorAll("button[data-set-flag]").forEach(function (b) {
    b.addEventListener("click", function () {
      var select = document.getElementById("filter-flag");
      if (!select.querySelector("option[value='" + b.dataset.setFlag + "']")) { return; }  // none among these cards
      select.value = b.dataset.setFlag;
      applyFilters();
      document.getElementById("review").scrollIntoView();
    });
  });

  cards.forEach(function (c) { if (state[c.dataset.id] || amountIds(c).some(function (id) { return state[id]; })) { paint(c); } });
  tally();
  applyFilters();
})();
