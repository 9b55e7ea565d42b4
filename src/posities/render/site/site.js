(function () {
  "use strict";
  if (!document.documentElement.classList.contains("js")) return;  // too old a browser
  var marks;
  try { marks = new RegExp("\\p{M}", "gu"); } catch (error) { marks = /[\u0300-\u036f]/g; }
  var data = JSON.parse(document.getElementById("data").textContent);
  var table = document.getElementById("positions");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var form = document.getElementById("filters");
  var count = document.getElementById("count");
  var field = function (name) { return document.getElementById("f-" + name); };
  var collator = new Intl.Collator(data.lang, { numeric: true, sensitivity: "base" });
  var rank = {};
  data.stances.forEach(function (stance, at) { rank[stance] = at; });
  var sorting = { key: null, up: true };

  function fold(text) {
    return text.normalize("NFKD").replace(marks, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function tri(value) {
    return value === true ? "yes" : value === false ? "no" : "-";
  }

  function keeps(row, wanted, hits) {
    if (wanted.holder && row.holder !== wanted.holder) return false;
    if (wanted.stance && (row.stance || "-") !== wanted.stance) return false;
    if (wanted.topic && row.topics.indexOf(wanted.topic) < 0) return false;
    if (wanted.goal && tri(row.goal) !== wanted.goal) return false;
    if (wanted.means && tri(row.means) !== wanted.means) return false;
    return !hits || row.texts.some(function (at) { return hits[at]; });
  }

  function apply() {
    var wanted = {
      holder: field("holder").value, stance: field("stance").value, topic: field("topic").value,
      goal: field("goal").value, means: field("means").value, search: fold(field("search").value)
    };
    var hits = wanted.search ? data.texts.map(function (t) { return t.indexOf(wanted.search) >= 0; }) : null;
    var shown = {};
    var number = 0;
    rows.forEach(function (tr) {
      var row = data.rows[+tr.getAttribute("data-row")];
      var kept = keeps(row, wanted, hits);
      tr.hidden = !kept;
      if (kept && !shown[row.id]) { shown[row.id] = true; number += 1; }
    });
    count.textContent = data.count.replace("{shown}", number).replace("{total}", data.total);
  }

  function key(row, name) {
    switch (name) {
      case "stance": return row.stance === null ? null : rank[row.stance];
      case "goal": case "means": return row[name] === null ? null : row[name] ? 0 : 1;
      case "topics": return row.topics.length ? row.topics.join(", ") : null;
      default: return row[name];
    }
  }

  function compare(one, other, name, up) {
    var a = key(one, name), b = key(other, name);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    var order = typeof a === "number" ? a - b : collator.compare(a, b);
    return up ? order : -order;
  }

  function sort(name) {
    sorting.up = sorting.key === name ? !sorting.up : true;
    sorting.key = name;
    var order = rows.slice().sort(function (one, other) {
      var a = +one.getAttribute("data-row"), b = +other.getAttribute("data-row");
      return compare(data.rows[a], data.rows[b], name, sorting.up) || a - b;
    });
    var moved = document.createDocumentFragment();
    order.forEach(function (tr) { moved.appendChild(tr); });
    body.appendChild(moved);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.getAttribute("data-key") === name) {
        th.setAttribute("aria-sort", sorting.up ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sort(th.getAttribute("data-key")); });
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  count.hidden = false;
  apply();
  document.documentElement.classList.add("ready");
})();
