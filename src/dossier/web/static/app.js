// dossier web UI: small vanilla scripts. Article text is hostile: only textContent, never innerHTML.
"use strict";

function readJson(id) {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
}

// -- story page: timeline chart ------------------------------------------------
function drawTimeline() {
  const data = readJson("timeline-data");
  const canvas = document.getElementById("timeline-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  const datasets = [{ label: "articles", data: data.articles, backgroundColor: "#1f5fa8" }];
  if (data.events.some((n) => n > 0)) datasets.push({ label: "events", data: data.events, backgroundColor: "#e08a1e" });
  if (data.statements.some((n) => n > 0)) {
    datasets.push({ label: "statements", data: data.statements, backgroundColor: "#7a58b8" });
  }
  window.__timelineChart = new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

// -- entity page: co-occurrence network ------------------------------------------
function drawNetwork() {
  const data = readJson("network-data");
  const box = document.getElementById("network-graph");
  if (!data || !box || typeof cytoscape === "undefined") return;
  const center = data.nodes.find((n) => n.center);
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  const maxShared = Math.max(1, ...data.nodes.filter((n) => !n.center).map((n) => n.shared));
  // Labels for the entity and its closest companions; the rest show theirs on hover (no pile of text).
  const labelled = new Set(data.nodes.filter((n) => !n.center).sort((a, b) => b.shared - a.shared).slice(0, 12)
    .map((n) => n.id));
  const named = (n) => (n.center || labelled.has(n.id) ? 1 : 0);
  const elements = data.nodes.map((n) => ({ data: { id: n.id, label: n.label, type: n.type, center: n.center ? 1 : 0,
                                                     shared: n.shared || 0, named: named(n) } }))
    .concat(data.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                                                  center: center && e.source === center.id ? 1 : 0 } })));
  const cy = cytoscape({
    container: box, elements: elements,
    // Rings: the entity in the middle, those sharing the most articles with it closest.
    layout: { name: "concentric", animate: false, minNodeSpacing: 24,
              concentric: (n) => (n.data("center") ? 1e6 : n.data("shared")), levelWidth: () => maxShared / 3 },
    style: [
      { selector: "node", style: { label: "", "font-size": 10, "background-color": "#8aa4c2", width: 14, height: 14,
                                   "text-valign": "bottom", "text-margin-y": 2, "text-background-color": "#fff",
                                   "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "node[type = 'PERSON']", style: { "background-color": "#4c7dd1" } },
      { selector: "node[type = 'ORG']", style: { "background-color": "#9a5bd1" } },
      { selector: "node[type = 'GPE'], node[type = 'LOC'], node[type = 'FAC']", style: { "background-color": "#3b9b57" } },
      { selector: "node[named = 1], node.hover", style: { label: "data(label)" } },
      { selector: "node.hover", style: { "z-index": 10 } },
      { selector: "node[center = 1]", style: { width: 26, height: 26, "font-weight": "bold", "font-size": 12 } },
      { selector: "edge", style: { width: (e) => 1 + (5 * e.data("weight")) / maxWeight, "line-color": "#c3ccd6" } },
      { selector: "edge[center = 0]", style: { width: (e) => 0.5 + (2 * e.data("weight")) / maxWeight,
                                               "line-color": "#e4e8ed", "curve-style": "haystack" } },
    ],
  });
  cy.on("mouseover", "node", (evt) => evt.target.addClass("hover"));
  cy.on("mouseout", "node", (evt) => evt.target.removeClass("hover"));
  cy.on("tap", "node", (evt) => { window.location.href = "/entities/" + encodeURIComponent(evt.target.id()); });
  window.__network = cy;
}

// -- article page: click an item to see its evidence --------------------------------
function showEvidence(ids) {
  const panel = document.getElementById("evidence-panel");
  if (!panel) return;
  const wanted = ids.split(/\s+/).filter(Boolean);
  panel.querySelectorAll(".evidence-item").forEach((el) => { el.hidden = true; });
  document.querySelectorAll("#clean-text .selected").forEach((el) => el.classList.remove("selected"));
  let shown = 0;
  wanted.forEach((id) => {
    const item = document.getElementById("ev-" + id);
    if (item) { item.hidden = false; shown += 1; }
    document.querySelectorAll(".hl[data-ids]").forEach((span) => {
      if (span.dataset.ids.split(" ").includes(id)) span.classList.add("selected");
    });
  });
  const empty = document.getElementById("evidence-empty");
  if (empty) empty.hidden = shown > 0;
  return shown;
}

function wireEvidence() {
  document.querySelectorAll(".hl[data-ids], button.item[data-ids]").forEach((el) => {
    el.addEventListener("click", () => showEvidence(el.dataset.ids));
    el.addEventListener("keydown", (e) => { if (e.key === "Enter") showEvidence(el.dataset.ids); });
  });
  const m = window.location.hash.match(/^#item-([\w-]+)$/);
  const span = window.location.hash.match(/^#span-(\d+)-(\d+)$/);
  if ((m && showEvidence(m[1])) || (span && showSpan(Number(span[1]), Number(span[2])))) {
    const first = document.querySelector("#clean-text .selected");
    if (first) first.scrollIntoView({ block: "center" });
  }
}

// A passage given by character offsets (summary sentences, timeline entries, claims, events).
function showSpan(start, end) {
  const panel = document.getElementById("evidence-panel");
  if (!panel) return 0;
  panel.querySelectorAll(".evidence-item").forEach((el) => { el.hidden = true; });
  const parts = [];
  document.querySelectorAll("#clean-text [data-o]").forEach((piece) => {
    const lo = Number(piece.dataset.o);
    const hi = lo + piece.textContent.length;
    if (lo < end && hi > start) {
      piece.classList.add("selected");
      parts.push(piece.textContent.slice(Math.max(0, start - lo), Math.max(0, end - lo)));
    }
  });
  if (!parts.length) return 0;
  document.getElementById("ev-span-where").textContent = "characters " + start + "–" + end;
  document.getElementById("ev-span-text").textContent = parts.join("");
  document.getElementById("ev-span").hidden = false;
  const empty = document.getElementById("evidence-empty");
  if (empty) empty.hidden = true;
  return parts.length;
}

// -- entity page: merge and split (stored decisions) ----------------------------------
function wireReview() {
  const box = document.querySelector(".review[data-entity]");
  if (!box) return;
  const tokenInput = document.getElementById("review-token");
  const result = document.getElementById("review-result");
  tokenInput.value = sessionStorage.getItem("dossier-token") || "";
  const links = document.getElementById("review-links");
  const say = (text, ok) => { result.textContent = text; result.className = ok ? "ok" : "bad"; };
  // Links to the entities a decision left, built as elements: names are article text.
  const showEntities = (entities) => {
    links.replaceChildren(...entities.map((x) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/entities/" + encodeURIComponent(x.id);
      a.textContent = x.name;
      li.append(a, " (" + x.aliases.join(", ") + ")");
      return li;
    }));
  };

  async function post(url, body) {
    sessionStorage.setItem("dossier-token", tokenInput.value);
    const res = await fetch(url, { method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + tokenInput.value } });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error ? data.error.message : res.statusText);
    return data;
  }

  const entity = box.dataset.entity;
  wireCandidates(document.getElementById("merge-other"), document.getElementById("merge-candidates"), entity);
  const merge = document.getElementById("merge-form");
  merge.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const merged = await post("/api/entities/merge", { a: entity, b: document.getElementById("merge-other").value });
      say("Merged into " + merged.name + ".", true);
      window.location.href = "/entities/" + encodeURIComponent(merged.id);
    } catch (err) { say(err.message, false); }
  });
  const split = document.getElementById("split-form");
  if (split) split.addEventListener("submit", async (e) => {
    e.preventDefault();
    const forms = Array.from(split.querySelectorAll("input[name=form]:checked")).map((x) => x.value);
    if (!forms.length) { say("Tick the name forms that are someone else.", false); return; }
    try {
      const out = await post("/api/entities/" + encodeURIComponent(entity) + "/split", { forms: forms });
      say("Split off " + forms.join(", ") + ": the mentions now belong to", true);
      showEntities(out.entities);
    } catch (err) { say(err.message, false); }
  });
}

// Suggest entities whose names contain what was typed (read from the API, set as option values).
function wireCandidates(input, list, self) {
  let asked = "";
  input.addEventListener("input", async () => {
    const typed = input.value.trim();
    if (typed.length < 2 || typed === asked) return;
    asked = typed;
    const res = await fetch("/api/entities?limit=15&name=" + encodeURIComponent(typed));
    if (!res.ok || asked !== typed) return;
    const found = (await res.json()).items.filter((x) => x.id !== self);
    list.replaceChildren(...found.map((x) => {
      const option = document.createElement("option");
      option.value = x.id;
      option.label = x.name + " (" + x.type + ", " + x.mention_count + " mentions)";
      return option;
    }));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  drawTimeline();
  drawNetwork();
  wireEvidence();
  wireReview();
});
