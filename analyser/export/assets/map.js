// Interactive literature map: draws the embedded graph on a canvas, with search, filters,
// zoom/pan and a details panel. Corpus strings are only ever set with textContent.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("map-data").textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const NO_POSITION = "";
  const KIND_NAMES = {
    document: "Documents", work: "Works", concept: "Concepts",
    hypothesis: "Hypotheses", position: "Positions", model: "Models",
  };
  const SHAPES = {
    document: "circle", work: "square", concept: "diamond",
    hypothesis: "triangle", position: "hexagon", model: "pentagon",
  };
  const ALWAYS_LABELLED = new Set(["position", "model", "document"]);
  const MAX_LABELS = 300;
  const positionsById = new Map(data.positions.map((p) => [p.id, p]));
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const outgoing = nodes.map(() => []);
  const incoming = nodes.map(() => []);
  edges.forEach((e) => { outgoing[e.s].push(e); incoming[e.t].push(e); });

  const canvas = document.getElementById("map");
  const ctx = canvas.getContext("2d");
  const tooltip = document.getElementById("tooltip");
  const details = document.getElementById("details");
  const search = document.getElementById("search");
  const results = document.getElementById("results");
  const status = document.getElementById("status");

  const view = { scale: 1, tx: 0, ty: 0, width: 0, height: 0 };
  const state = {
    selected: -1, hover: -1, matches: new Set(),
    hiddenKinds: new Set(), hiddenPositions: new Set(), drawn: 0, frame: 0,
  };

  // --- helpers -------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function visible(i) {
    const n = nodes[i];
    return !state.hiddenKinds.has(n.kind) && !state.hiddenPositions.has(n.position || NO_POSITION);
  }
  function neighbours(i) {
    const found = new Set();
    outgoing[i].forEach((e) => found.add(e.t));
    incoming[i].forEach((e) => found.add(e.s));
    return found;
  }
  function toScreen(n) { return [n.x * view.scale + view.tx, n.y * view.scale + view.ty]; }
  function shorten(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  // --- drawing -------------------------------------------------------------------------
  function polygon(x, y, r, sides, rotation) {
    ctx.beginPath();
    for (let k = 0; k < sides; k += 1) {
      const a = rotation + (k * 2 * Math.PI) / sides;
      const px = x + r * Math.cos(a);
      const py = y + r * Math.sin(a);
      if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    }
    ctx.closePath();
  }
  function shapePath(shape, x, y, r) {
    switch (shape) {
      case "square": ctx.beginPath(); ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); break;
      case "diamond": polygon(x, y, r * 1.15, 4, 0); break;
      case "triangle": polygon(x, y, r * 1.2, 3, -Math.PI / 2); break;
      case "hexagon": polygon(x, y, r, 6, 0); break;
      case "pentagon": polygon(x, y, r * 1.1, 5, -Math.PI / 2); break;
      default: ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }
  function radius(n) { return Math.max(2.5, n.r * Math.min(Math.max(view.scale * 2.2, 0.45), 2.2)); }

  // Lower numbers are labelled first; a label that would overlap an earlier one is skipped
  // (except the selected and hovered nodes), so dense maps stay readable.
  function labelPriority(n, i, focus) {
    if (i === state.selected) return 0;
    if (i === state.hover) return 1;
    if (state.matches.has(i)) return 2;
    if (focus && focus.has(i)) return 3;
    if (ALWAYS_LABELLED.has(n.kind)) return 4 + ["position", "model", "document"].indexOf(n.kind);
    return view.scale * n.r > 9 ? 7 : null;
  }
  function drawLabels(labels) {
    labels.sort((a, b) => a.priority - b.priority || b.r - a.r);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    const placed = [];
    for (const label of labels) {
      if (placed.length >= MAX_LABELS) break;
      const text = shorten(label.n.label, 42);
      const box = { x: label.x + label.r + 4, y: label.y - 8, w: ctx.measureText(text).width, h: 16 };
      const clash = placed.some((b) => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h);
      if (clash && label.priority > 1) continue;
      placed.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, box.x, label.y);
      ctx.fillStyle = "#1d2329";
      ctx.fillText(text, box.x, label.y);
    }
  }

  function draw() {
    state.frame = 0;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, view.width, view.height);
    const focus = state.selected >= 0 ? neighbours(state.selected) : null;
    if (focus) focus.add(state.selected);
    ctx.lineWidth = 1;
    edges.forEach((e) => {
      if (!visible(e.s) || !visible(e.t)) return;
      const active = focus && (e.s === state.selected || e.t === state.selected);
      const [x1, y1] = toScreen(nodes[e.s]);
      const [x2, y2] = toScreen(nodes[e.t]);
      ctx.strokeStyle = active ? "rgba(11, 92, 173, 0.8)" : focus ? "rgba(120,130,140,0.08)" : "rgba(120,130,140,0.28)";
      ctx.lineWidth = active ? 1.8 : 1;
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
    });
    let drawn = 0;
    const labels = [];
    nodes.forEach((n, i) => {
      if (!visible(i)) return;
      const [x, y] = toScreen(n);
      const r = radius(n);
      const dim = focus && !focus.has(i);
      ctx.globalAlpha = dim ? 0.2 : 1;
      shapePath(SHAPES[n.kind], x, y, r);
      ctx.fillStyle = n.colour;
      ctx.fill();
      ctx.lineWidth = n.kind === "position" || n.kind === "model" ? 2 : 1;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
      if (state.matches.has(i) || i === state.selected) {
        ctx.lineWidth = i === state.selected ? 3 : 2;
        ctx.strokeStyle = i === state.selected ? "#111" : "#f2a900";
        shapePath("circle", x, y, r + 4);
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      drawn += 1;
      const priority = labelPriority(n, i, focus);
      if (priority !== null && !dim) labels.push({ n, x, y, r, priority });
    });
    drawLabels(labels);
    state.drawn = drawn;
    canvas.dataset.drawnNodes = String(drawn);
    let shownEdges = 0;
    edges.forEach((e) => { if (visible(e.s) && visible(e.t)) shownEdges += 1; });
    status.textContent = `${drawn} of ${nodes.length} nodes shown · ${shownEdges} links`;
  }
  function redraw() {
    if (!state.frame) state.frame = window.requestAnimationFrame(draw);
  }

  function resize() {
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    view.width = rect.width;
    view.height = rect.height;
    canvas.width = Math.max(1, Math.round(rect.width * dpr));
    canvas.height = Math.max(1, Math.round(rect.height * dpr));
  }
  function fit() {
    const shown = nodes.filter((n, i) => visible(i));
    if (!shown.length || !view.width) return;
    const xs = shown.map((n) => n.x);
    const ys = shown.map((n) => n.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const margin = 60;
    const spanX = Math.max(maxX - minX, 1);
    const spanY = Math.max(maxY - minY, 1);
    view.scale = Math.min((view.width - 2 * margin) / spanX, (view.height - 2 * margin) / spanY, 4);
    view.tx = view.width / 2 - ((minX + maxX) / 2) * view.scale;
    view.ty = view.height / 2 - ((minY + maxY) / 2) * view.scale;
  }
  function zoomAt(factor, sx, sy) {
    const scale = Math.min(Math.max(view.scale * factor, 0.01), 50);
    const f = scale / view.scale;
    view.tx = sx - (sx - view.tx) * f;
    view.ty = sy - (sy - view.ty) * f;
    view.scale = scale;
    redraw();
  }
  function centreOn(i) {
    const n = nodes[i];
    view.tx = view.width / 2 - n.x * view.scale;
    view.ty = view.height / 2 - n.y * view.scale;
  }

  // --- picking and pointer -------------------------------------------------------------
  function nodeAt(sx, sy) {
    let best = -1;
    let bestDistance = Infinity;
    nodes.forEach((n, i) => {
      if (!visible(i)) return;
      const [x, y] = toScreen(n);
      const d = Math.hypot(x - sx, y - sy);
      if (d <= radius(n) + 3 && d < bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }
  function pointerPosition(event) {
    const rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }
  let drag = null;
  canvas.addEventListener("pointerdown", (event) => {
    const [sx, sy] = pointerPosition(event);
    drag = { sx, sy, tx: view.tx, ty: view.ty, moved: false };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", (event) => {
    const [sx, sy] = pointerPosition(event);
    if (drag) {
      if (Math.hypot(sx - drag.sx, sy - drag.sy) > 4) {
        drag.moved = true;
        canvas.classList.add("dragging");
      }
      if (drag.moved) {
        view.tx = drag.tx + sx - drag.sx;
        view.ty = drag.ty + sy - drag.sy;
        redraw();
      }
      return;
    }
    const hit = nodeAt(sx, sy);
    if (hit !== state.hover) { state.hover = hit; redraw(); }
    if (hit >= 0) {
      tooltip.hidden = false;
      tooltip.textContent = `${nodes[hit].label} (${nodes[hit].kind})`;
      tooltip.style.left = `${sx + 14}px`;
      tooltip.style.top = `${sy + 10}px`;
    } else {
      tooltip.hidden = true;
    }
  });
  canvas.addEventListener("pointerup", (event) => {
    const [sx, sy] = pointerPosition(event);
    if (drag && !drag.moved) select(nodeAt(sx, sy), false);
    drag = null;
    canvas.classList.remove("dragging");
  });
  canvas.addEventListener("pointerleave", () => { tooltip.hidden = true; });
  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [sx, sy] = pointerPosition(event);
    zoomAt(Math.exp(-event.deltaY * 0.0015), sx, sy);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.4, view.width / 2, view.height / 2));
  document.getElementById("zoom-out").addEventListener("click", () => zoomAt(1 / 1.4, view.width / 2, view.height / 2));
  document.getElementById("zoom-fit").addEventListener("click", () => { fit(); redraw(); });

  // --- details panel -------------------------------------------------------------------
  const FIELDS = {
    document: [["title", "Title"], ["authors", "Authors"], ["year", "Year"], ["genre", "Genre"], ["path", "File"], ["n_words", "Words"]],
    work: [["authors", "Authors"], ["year", "Year"], ["title", "Title"], ["container", "In"], ["type", "Type"], ["n_citations", "In-text citations"]],
    concept: [["source", "Source"], ["count", "Mentions"], ["n_docs", "Documents"], ["signals", "Signals"]],
    hypothesis: [["direction", "Direction"], ["condition", "Condition"], ["hedged", "Hedged"], ["theory", "Theory"], ["attributed", "Attributed to"]],
    position: [["known_position", "Known position"], ["confidence", "Confidence"], ["top_terms", "Top terms"], ["n_passages", "Passages"]],
    model: [["model_id", "Model"], ["theory", "Theory"], ["works", "Formalises"]],
  };
  const DIRECTIONS = { "+": "positive (+)", "-": "negative (−)", "0": "no effect (0)" };
  function edgeNote(e) {
    if (e.k === "formalised_by") return `${e.verdict || "untested"}, score ${Number(e.score).toFixed(2)}`;
    if (e.k === "involves") return e.role;
    if (["cites", "mentions"].includes(e.k)) return `×${e.w}`;
    if (e.k === "in_position" || e.k === "co_occurs") return `${Number(e.w).toFixed(2).replace(/\.00$/, "")}`;
    return "";
  }
  const RELATIONS = {
    document: [["out", "cites", "Works cited"], ["out", "mentions", "Concepts"], ["out", "states", "Hypotheses stated"], ["out", "in_position", "Positions"]],
    work: [["in", "cites", "Cited by"], ["in", "attributed_to", "Hypotheses attributed to it"], ["in", "implements", "Models implementing it"]],
    concept: [["in", "mentions", "Documents"], ["both", "co_occurs", "Co-occurring concepts"], ["in", "involves", "Hypotheses"]],
    hypothesis: [["in", "states", "Source document"], ["out", "formalised_by", "Models (verdict)"], ["out", "involves", "Concepts (role)"], ["out", "attributed_to", "Attributed to"], ["out", "in_position", "Positions"]],
    position: [["in", "in_position", "Members"]],
    model: [["in", "formalised_by", "Hypotheses formalised (verdict)"], ["out", "implements", "Works implemented"]],
  };
  function addField(list, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    list.appendChild(el("dt", null, name));
    const dd = el("dd", null, Array.isArray(value) ? value.join("; ") : value);
    list.appendChild(dd);
  }
  function webLink(href, text) {
    if (!/^https?:\/\//i.test(href)) return el("span", null, text);
    const a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function relationList(i, direction, kind, title) {
    const found = [];
    if (direction !== "in") outgoing[i].forEach((e) => { if (e.k === kind) found.push([e.t, e]); });
    if (direction !== "out") incoming[i].forEach((e) => { if (e.k === kind) found.push([e.s, e]); });
    if (!found.length) return null;
    found.sort((a, b) => (b[1].w - a[1].w) || nodes[a[0]].label.localeCompare(nodes[b[0]].label));
    const section = document.createDocumentFragment();
    section.appendChild(el("h3", null, `${title} (${found.length})`));
    const list = el("ul");
    found.forEach(([j, e]) => {
      const item = el("li");
      const button = el("button", "linkbutton", nodes[j].label);
      button.type = "button";
      const note = edgeNote(e);
      if (note) button.appendChild(el("span", "note", `— ${note}`));
      button.addEventListener("click", () => select(j, true));
      item.appendChild(button);
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }
  function showDetails(i) {
    details.replaceChildren();
    if (i < 0) {
      details.appendChild(el("p", "hint", "Click a node to see its details."));
      return;
    }
    const n = nodes[i];
    const info = n.info;
    details.appendChild(el("span", "kind", n.kind));
    details.appendChild(el("h2", null, n.label));
    if (n.position) {
      const line = el("div", "position");
      const swatch = el("span", "swatch");
      swatch.style.background = n.colour;
      line.appendChild(swatch);
      const p = positionsById.get(n.position);
      line.appendChild(el("span", null, `Position: ${p ? p.label : n.position}`));
      details.appendChild(line);
    }
    if (n.kind === "hypothesis") {
      details.appendChild(el("blockquote", null, info.text));
      const fields = el("dl");
      addField(fields, "Cause → effect", `${info.cause || "?"} → ${info.effect || "?"}`);
      addField(fields, "Direction", DIRECTIONS[info.direction] || info.direction);
      FIELDS.hypothesis.slice(1).forEach(([key, name]) => addField(fields, name, key === "hedged" ? (info.hedged ? "yes" : "no") : info[key]));
      details.appendChild(fields);
    } else if (n.kind === "work") {
      details.appendChild(el("blockquote", "reference", info.reference));
      const fields = el("dl");
      FIELDS.work.forEach(([key, name]) => addField(fields, name, info[key]));
      if (info.doi) {
        fields.appendChild(el("dt", null, "DOI"));
        const dd = el("dd");
        dd.appendChild(webLink(`https://doi.org/${encodeURI(info.doi)}`, info.doi));
        fields.appendChild(dd);
      }
      if (info.url) {
        fields.appendChild(el("dt", null, "URL"));
        const dd = el("dd");
        dd.appendChild(webLink(info.url, info.url));
        fields.appendChild(dd);
      }
      details.appendChild(fields);
    } else {
      if (n.kind === "concept" && info.definition) {
        details.appendChild(el("h3", null, "Definition"));
        details.appendChild(el("blockquote", "definition", info.definition));
      }
      const fields = el("dl");
      FIELDS[n.kind].forEach(([key, name]) => addField(fields, name, info[key]));
      details.appendChild(fields);
    }
    RELATIONS[n.kind].forEach(([direction, kind, title]) => {
      const section = relationList(i, direction, kind, title);
      if (section) details.appendChild(section);
    });
  }
  function select(i, centre) {
    state.selected = i;
    if (i >= 0 && centre) centreOn(i);
    showDetails(i);
    redraw();
  }

  // --- search --------------------------------------------------------------------------
  const haystacks = nodes.map((n) => fold([n.label, n.info.text, n.info.title, n.info.key, n.info.reference].filter(Boolean).join(" \u0000 ")));
  const labelsFolded = nodes.map((n) => fold(n.label));
  function runSearch() {
    const query = fold(search.value.trim());
    state.matches = new Set();
    results.replaceChildren();
    if (query) {
      const ranked = [];
      nodes.forEach((n, i) => {
        if (!haystacks[i].includes(query)) return;
        const label = labelsFolded[i];
        const rank = label === query ? 0 : label.startsWith(query) ? 1 : label.includes(query) ? 2 : 3;
        ranked.push([rank, i]);
        state.matches.add(i);
      });
      ranked.sort((a, b) => a[0] - b[0] || nodes[a[1]].label.localeCompare(nodes[b[1]].label));
      ranked.slice(0, 60).forEach(([, i]) => {
        const item = el("li");
        const button = el("button", "linkbutton", nodes[i].label);
        button.type = "button";
        button.dataset.id = nodes[i].id;
        button.appendChild(el("span", "note", nodes[i].kind));
        button.addEventListener("click", () => select(i, true));
        item.appendChild(button);
        results.appendChild(item);
      });
      if (!ranked.length) results.appendChild(el("li", "hint", "No node matches."));
    }
    redraw();
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && results.querySelector("button")) results.querySelector("button").click();
    if (event.key === "Escape") { search.value = ""; runSearch(); select(-1, false); }
  });

  // --- filters and legend --------------------------------------------------------------
  function legendShape(shape, colour) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "-7 -7 14 14");
    const sides = { square: 4, diamond: 4, triangle: 3, hexagon: 6, pentagon: 5 }[shape];
    let mark;
    if (sides) {
      const rotation = { square: Math.PI / 4, diamond: 0, triangle: -Math.PI / 2, hexagon: 0, pentagon: -Math.PI / 2 }[shape];
      const pts = [];
      for (let k = 0; k < sides; k += 1) {
        const a = rotation + (k * 2 * Math.PI) / sides;
        pts.push(`${(6 * Math.cos(a)).toFixed(2)},${(6 * Math.sin(a)).toFixed(2)}`);
      }
      mark = document.createElementNS(ns, "polygon");
      mark.setAttribute("points", pts.join(" "));
    } else {
      mark = document.createElementNS(ns, "circle");
      mark.setAttribute("r", "5.5");
    }
    mark.setAttribute("fill", colour);
    svg.appendChild(mark);
    return svg;
  }
  function filterRow(container, text, count, marker, hiddenSet, key) {
    const label = el("label", "filter");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.filter = key;
    box.addEventListener("change", () => {
      if (box.checked) hiddenSet.delete(key); else hiddenSet.add(key);
      if (state.selected >= 0 && !visible(state.selected)) select(-1, false);
      redraw();
    });
    label.appendChild(box);
    label.appendChild(marker);
    label.appendChild(el("span", null, text));
    label.appendChild(el("span", "count", count));
    container.appendChild(label);
  }
  const kindFilters = document.getElementById("kind-filters");
  data.kinds.forEach((kind) => {
    const count = nodes.filter((n) => n.kind === kind).length;
    if (count) filterRow(kindFilters, KIND_NAMES[kind] || kind, count, legendShape(SHAPES[kind], "#6b7680"), state.hiddenKinds, kind);
  });
  const positionFilters = document.getElementById("position-filters");
  const noPosition = nodes.filter((n) => !n.position).length;
  data.positions.forEach((p) => {
    const count = nodes.filter((n) => n.position === p.id).length;
    filterRow(positionFilters, p.label, count, legendShape("circle", p.colour), state.hiddenPositions, p.id);
  });
  if (noPosition) filterRow(positionFilters, "no position", noPosition, legendShape("circle", data.no_position_colour), state.hiddenPositions, NO_POSITION);

  // --- start ---------------------------------------------------------------------------
  document.getElementById("title").textContent = data.title;
  new ResizeObserver(() => { resize(); if (!view.fitted) { fit(); view.fitted = true; } redraw(); }).observe(canvas);
  resize();
  fit();
  view.fitted = view.width > 0;
  showDetails(-1);
  draw();

  window.analyserMap = Object.freeze({
    nodeCount: nodes.length,
    edgeCount: edges.length,
    drawnNodes: () => state.drawn,
    screenPosition: (id) => (byId.has(id) ? toScreen(nodes[byId.get(id)]) : null),
    select: (id) => select(byId.has(id) ? byId.get(id) : -1, true),
  });
})();
