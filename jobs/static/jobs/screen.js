// The Art. 43 check while an employer types her posting: 400 ms after she stops,
// the screened fields go to POST /api/v1/jobs/screen, and below each field the
// flagged wording shows in a snippet of her text with the rule it breaks (the same
// markup jobs/findings.py renders on the server). The summary above the buttons is
// a status region: screen readers announce it when the findings change. Without
// JavaScript, the server shows the same findings after each save.
(function () {
  "use strict";
  var form = document.getElementById("posting-form");
  if (!form || !window.fetch || !Array.from || !Element.prototype.replaceChildren) return;
  var url = form.dataset.screenUrl;
  var language = form.dataset.language || document.documentElement.lang || "";
  var summary = document.getElementById("screen-summary");
  var CONTEXT = 12; // characters of her text on each side of a phrase, as on the server
  var DELAY = 400;

  var blocks = {};
  Array.prototype.forEach.call(form.querySelectorAll("[data-screen-field]"), function (block) {
    blocks[block.dataset.screenField] = block;
  });
  var names = Object.keys(blocks);
  if (!url || !summary || !names.length) return;

  var timer = null;
  var sequence = 0;
  var controller = null;
  var lastBody = null;
  var lastKey = keyOf(Array.prototype.map.call(form.querySelectorAll("[data-screen-field]"), function (block) {
    return Array.prototype.map.call(block.querySelectorAll(".screen-snippet mark"), function (mark) {
      return { field: block.dataset.screenField, phrase: mark.textContent };
    });
  }).reduce(function (all, some) { return all.concat(some); }, []));

  function keyOf(findings) {
    return findings.map(function (finding) { return finding.field + ":" + finding.phrase; }).join("|");
  }

  function texts() {
    var data = {};
    names.forEach(function (name) {
      var input = form.elements[name];
      data[name] = input ? input.value : "";
    });
    return data;
  }

  function squash(text) {
    return text.replace(/\s+/g, " ");
  }

  // Offsets count Unicode code points (as Python does), so the text is sliced as an
  // array of code points, not of UTF-16 units: an emoji before a phrase moves nothing.
  function snippet(chars, finding) {
    var start = finding.start;
    var end = finding.end;
    var span = document.createElement("span");
    span.className = "screen-snippet";
    var mark = document.createElement("mark");
    mark.className = "flagged";
    mark.title = finding.category;
    mark.textContent = chars.slice(start, end).join("");
    span.append(
      (start > CONTEXT ? "…" : "") + squash(chars.slice(Math.max(0, start - CONTEXT), start).join("")),
      mark,
      squash(chars.slice(end, end + CONTEXT).join("")) + (end + CONTEXT < chars.length ? "…" : "")
    );
    return span;
  }

  function render(sent, findings) {
    var byField = {};
    findings.forEach(function (finding) {
      (byField[finding.field] = byField[finding.field] || []).push(finding);
    });
    names.forEach(function (name) {
      var block = blocks[name];
      var list = block.querySelector("ul");
      var own = byField[name] || [];
      var chars = Array.from(sent[name] || "");
      list.replaceChildren.apply(list, own.map(function (finding) {
        var item = document.createElement("li");
        item.className = "screen-finding";
        var explanation = document.createElement("span");
        explanation.className = "screen-explanation";
        explanation.textContent = finding.explanation;
        item.append(snippet(chars, finding), " ", explanation);
        return item;
      }));
      block.hidden = own.length === 0;
    });
    var key = keyOf(findings);
    if (key !== lastKey) {
      // Announced once per change of the findings, not on every keystroke.
      lastKey = key;
      summary.textContent = findings.length
        ? form.dataset.msgFound + findings.map(function (finding) { return " “" + finding.phrase + "”"; }).join("")
        : form.dataset.msgClean;
      summary.classList.toggle("screen-summary--found", findings.length > 0);
    }
  }

  function unavailable() {
    lastBody = null; // try again on the next change
    lastKey = null;
    summary.textContent = form.dataset.msgUnavailable;
    summary.classList.remove("screen-summary--found");
  }

  function check() {
    var sent = texts();
    var body = JSON.stringify(sent);
    if (body === lastBody) return;
    lastBody = body;
    var mine = ++sequence;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?lang=" + encodeURIComponent(language), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
      body: body,
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        if (!response.ok) throw new Error("screen " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (mine === sequence) render(sent, data.findings || []);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        if (mine === sequence) unavailable(); // saving still runs the check on the server
      });
  }

  form.addEventListener("input", function (event) {
    if (names.indexOf(event.target.name) === -1) return;
    clearTimeout(timer);
    timer = setTimeout(check, DELAY);
  });
})();
