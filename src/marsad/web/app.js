/* marsad web UI: plain DOM, no build step.  Article text is untrusted: every piece of it reaches the page
   through textContent / createTextNode, never innerHTML. */
"use strict";

const TYPES_AR = {
  AGREE: "اتفاق", CONSULT: "تشاور", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون", AID: "مساعدة",
  RETREAT: "تراجع", REQUEST: "مطالبة", ACCUSE: "اتهام", REJECT: "رفض", THREATEN: "تهديد", PROTEST: "احتجاج",
  SANCTION: "عقوبة", MOBILIZE: "تعبئة", COERCE: "إكراه", ASSAULT: "اعتداء",
};
const TYPE_COLORS = {
  AGREE: "#43a047", CONSULT: "#1e88e5", SUPPORT: "#00acc1", CONCEDE: "#7cb342", COOPERATE: "#00897b",
  AID: "#26a69a", RETREAT: "#9ccc65", REQUEST: "#fdd835", ACCUSE: "#fb8c00", REJECT: "#f4511e",
  THREATEN: "#e53935", PROTEST: "#8e24aa", SANCTION: "#6d4c41", MOBILIZE: "#5e35b1", COERCE: "#c2185b",
  ASSAULT: "#b71c1c",
};
const STATUS = {
  ar: { occurred: "وقع", scheduled: "مقرر", planned: "مخطط له", denied: "منفي", hypothetical: "افتراضي" },
  en: { occurred: "occurred", scheduled: "scheduled", planned: "planned", denied: "denied", hypothetical: "hypothetical" },
};
const MODES_AR = {
  phone: "اتصال هاتفي", meeting: "لقاء", visit: "زيارة", talks: "محادثات", multilateral: "متعدد الأطراف",
  unspecified: "غير محدد", "third-party": "بوساطة", allege: "ادعاء", disapprove: "استنكار", investigate: "تحقيق",
  ceasefire: "وقف إطلاق النار", release: "إفراج", withdraw: "انسحاب", aerial: "جوي", "heavy-weapons": "أسلحة ثقيلة",
};
function modeLabel(mode) { return !mode ? "" : state.lang === "ar" ? (MODES_AR[mode] || mode) : mode; }
const KIND = {
  ar: { person: "شخص", organization: "منظمة", country: "بلد", place: "مكان" },
  en: { person: "person", organization: "organization", country: "country", place: "place" },
};
const I18N = {
  ar: {
    app_name: "مرصد", tagline: "أحداث سياسية من الأخبار العربية", tab_timeline: "الخط الزمني",
    tab_network: "شبكة الفاعلين", tab_events: "الأحداث", tab_documents: "الوثائق", tab_api: "واجهة API",
    token: "رمز الدخول", save: "حفظ", f_type: "النوع", f_actor: "الفاعل", f_country: "البلد", f_status: "الحالة",
    f_from: "من", f_to: "إلى", f_q: "نص", f_q_hint: "ابحث في الدليل والعنوان والأسماء", f_canonical: "حدث واحد لكل واقعة",
    apply: "تطبيق", reset: "مسح", all: "الكل", network_title: "من يلتقي أو يتهم أو يعاقب من", dl_csv: "تنزيل CSV",
    dl_json: "تنزيل JSON", c_date: "التاريخ", c_type: "النوع", c_mode: "الصيغة", c_status: "الحالة",
    c_actors: "الفاعلون", c_evidence: "الدليل", c_outlet: "المصدر", c_pub_date: "تاريخ النشر", c_title: "العنوان",
    c_events_n: "أحداث", c_entities_n: "كيانات", c_role: "المنصب", prev: "السابق", next: "التالي", events: "الأحداث",
    figures: "الأرقام", entities: "الكيانات", names: "الأسماء في النصوص", roles: "المناصب عبر الزمن",
    by_type: "الأحداث حسب النوع", counterparts: "الأطراف المقابلة",
    footer: "البيانات: أحداث PLOVER مستخرجة آلياً؛ كل حقل يحمل موضعه في النص.",
    n_events: "حدث", n_docs: "وثيقة", page: "صفحة", of: "من", none: "لا شيء", undated: "أحداث بلا تاريخ كامل",
    assumed: "تاريخ مفترض (تاريخ النشر)", assumed_note: "حدثا بتاريخ مفترض: تاريخ أول نشر، لا يذكر النص تاريخه",
    other_report: "تاريخ ذكره تقرير آخر عن الحدث نفسه",
    nodes: "فاعل", edges: "صلة", truncated: "(أقوى الصلات فقط)", story: "قصة", main: "رئيسية", appended: "ملحقة",
    boilerplate: "حشو", person: "شخص", organization: "منظمة", country: "بلد", place: "مكان", date: "تاريخ",
    figure: "رقم", evidence: "دليل حدث", trigger: "لفظ الحدث", location: "مكان الحدث", observed: "كما ورد",
    kb: "قاعدة المعرفة", need_token: "هذا الخادم يطلب رمز دخول", no_data: "لا توجد بيانات لهذه المرشحات",
    published: "نُشر", source: "المصدر", target: "الهدف", participants: "المشاركون", click_hint: "انقر حدثاً لإبراز دليله",
  },
  en: {
    app_name: "marsad", tagline: "political events from Arabic news", tab_timeline: "Timeline",
    tab_network: "Actor network", tab_events: "Events", tab_documents: "Documents", tab_api: "API",
    token: "access token", save: "Save", f_type: "Type", f_actor: "Actor", f_country: "Country", f_status: "Status",
    f_from: "From", f_to: "To", f_q: "Text", f_q_hint: "search evidence, titles, names", f_canonical: "one row per real event",
    apply: "Apply", reset: "Clear", all: "All", network_title: "Who meets, accuses or sanctions whom", dl_csv: "Download CSV",
    dl_json: "Download JSON", c_date: "Date", c_type: "Type", c_mode: "Mode", c_status: "Status",
    c_actors: "Actors", c_evidence: "Evidence", c_outlet: "Outlet", c_pub_date: "Published", c_title: "Title",
    c_events_n: "Events", c_entities_n: "Entities", c_role: "Role", prev: "Previous", next: "Next", events: "Events",
    figures: "Figures", entities: "Entities", names: "Names in the texts", roles: "Roles over time",
    by_type: "Events by type", counterparts: "Counterparts",
    footer: "Data: PLOVER events extracted automatically; every field keeps its place in the text.",
    n_events: "events", n_docs: "documents", page: "page", of: "of", none: "none", undated: "events without a full date",
    assumed: "assumed date (publication)", assumed_note: "events dated by their first publication: the text states no date",
    other_report: "date stated by another report of the same event",
    nodes: "actors", edges: "links", truncated: "(strongest links only)", story: "story", main: "main", appended: "appended",
    boilerplate: "boilerplate", person: "person", organization: "organization", country: "country", place: "place",
    date: "date", figure: "figure", evidence: "event evidence", trigger: "event trigger", location: "event place",
    observed: "as reported", kb: "knowledge base", need_token: "this server needs an access token",
    no_data: "no data for these filters", published: "published", source: "source", target: "target",
    participants: "participants", click_hint: "click an event to highlight its evidence",
  },
};

const state = {
  lang: localStorage.getItem("marsad.lang") === "en" ? "en" : "ar",
  filters: {}, evOffset: 0, evSort: "date", evOrder: "desc", docOffset: 0, pageSize: 50,
  stats: null, charts: {}, doc: null, selectedEvent: null,
};

function t(key) { return (I18N[state.lang] || I18N.ar)[key] || key; }
function typeLabel(type) { return state.lang === "ar" ? (TYPES_AR[type] || type) : type; }
function actorLabel(a) {
  if (!a) return "";
  return (state.lang === "ar" ? (a.name_ar || a.name) : (a.name || a.name_ar)) || a.id;
}

/* h("a", {href: "#"}, "text", child): an element; strings become text nodes (never parsed as HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}
function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
function $(id) { return document.getElementById(id); }

// -- API ---------------------------------------------------------------------------------------------
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === "" || v === null || v === undefined || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}
async function api(path, params) {
  const headers = {};
  const token = sessionStorage.getItem("marsad.token");
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(path + query(params || {}), { headers });
  if (res.status === 401) { $("token-box").hidden = false; throw new Error(t("need_token")); }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new Error((body && body.error) || ("HTTP " + res.status));
  return body;
}
function showError(err) {
  const el = $("error");
  if (!err) { el.hidden = true; el.textContent = ""; return; }
  el.hidden = false;
  el.textContent = String(err.message || err);
}

// -- language -------------------------------------------------------------------------------------------
function applyLang() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  const btn = $("lang");
  btn.textContent = state.lang === "ar" ? "English" : "العربية";
  btn.lang = state.lang === "ar" ? "en" : "ar";
  fillFilterOptions();
}

// -- filters --------------------------------------------------------------------------------------------
function readFilters() {
  state.filters = {
    type: $("f-type").value, actor: $("f-actor").value, country: $("f-country").value,
    status: $("f-status").value, date_from: $("f-from").value, date_to: $("f-to").value,
    q: $("f-q").value.trim(), canonical_only: $("f-canonical").checked ? "true" : "",
  };
}
function setFilter(name, value) {
  const ids = { type: "f-type", actor: "f-actor", country: "f-country", status: "f-status",
    date_from: "f-from", date_to: "f-to", q: "f-q" };
  const el = $(ids[name]);
  if (el.tagName === "SELECT" && value && !Array.from(el.options).some((o) => o.value === value)) {
    el.appendChild(h("option", { value }, value));
  }
  el.value = value;
  readFilters();
}
let actorsCache = [];
function fillSelect(sel, items, current) {
  const keep = current !== undefined ? current : sel.value;
  clear(sel);
  sel.appendChild(h("option", { value: "" }, t("all")));
  for (const [value, label] of items) sel.appendChild(h("option", { value }, label));
  sel.value = keep;
}
function fillFilterOptions() {
  const st = state.stats;
  if (!st) return;
  fillSelect($("f-type"), st.event_types.map((x) => [x, state.lang === "ar" ? `${TYPES_AR[x]} (${x})` : x]));
  fillSelect($("f-status"), st.statuses.map((x) => [x, STATUS[state.lang][x]]));
  fillSelect($("f-country"), st.countries.map((x) => [x, x]));
  fillSelect($("f-actor"), actorsCache.map((a) => [a.id, `${actorLabel(a)} (${a.n_events})`]));
}
function eventParams() { return { ...state.filters }; }

// -- router ---------------------------------------------------------------------------------------------
const VIEWS = {
  timeline: ["view-timeline", () => showTimeline()], network: ["view-network", () => showNetwork()],
  events: ["view-events", () => showEvents()], documents: ["view-documents", () => showDocuments()],
  doc: ["view-document", (rest) => showDocument(rest)], actor: ["view-actor", (rest) => showActor(rest.join("/"))],
};
function route() {
  let parts;
  try { parts = (location.hash.slice(2) || "timeline").split("/").map(decodeURIComponent); }
  catch (e) { parts = ["timeline"]; }
  const view = VIEWS[parts[0]] ? parts[0] : "timeline";
  for (const sec of document.querySelectorAll(".view")) sec.hidden = true;
  for (const a of document.querySelectorAll(".tabs a[data-view]")) a.classList.toggle("active", a.dataset.view === view);
  showError(null);
  const [secId, run] = VIEWS[view];
  $(secId).hidden = false;
  Promise.resolve().then(() => run(parts.slice(1))).catch(showError);
}
function go(path) { location.hash = "#/" + path.split("/").map(encodeURIComponent).join("/"); }

function chart(id) {
  if (typeof echarts === "undefined") throw new Error("echarts is not loaded");
  let c = state.charts[id];
  const el = $(id);
  if (c && c.getDom() !== el) { c.dispose(); c = null; }
  if (!c) { c = echarts.init(el, null, { renderer: "canvas" }); state.charts[id] = c; }
  c.resize();
  return c;
}

// An event's date as stated by its text; else its real-world event's date, shown apart: stated by another
// report (~), or assumed from the first publication (italic, marked "≈").
function eventDateCell(ev) {
  if (ev.date) return ev.date;
  const c = ev.event_date;
  if (!c || !c.date) return "—";
  const assumed = c.from === "pub_date";
  return h("span", { class: assumed ? "date-assumed" : "date-other", title: t(assumed ? "assumed" : "other_report") },
    (assumed ? "≈ " : "~ ") + c.date);
}

// -- timeline -------------------------------------------------------------------------------------------
async function showTimeline() {
  const data = await api("/api/timeline", eventParams());
  const days = Array.from(new Set(data.series.map((s) => s.date))).sort();
  const types = data.types;
  // stated dates per type; the events dated by their first publication are one hatched series apart
  const byKey = new Map(data.series.map((s) => [s.date + "|" + s.type, s.count - (s.assumed || 0)]));
  const assumedByDay = new Map();
  for (const s of data.series) assumedByDay.set(s.date, (assumedByDay.get(s.date) || 0) + (s.assumed || 0));
  $("timeline-note").textContent = [data.undated ? `${data.undated} ${t("undated")}` : "",
    data.assumed ? `${data.assumed} ${t("assumed_note")}` : ""].filter(Boolean).join(" · ");
  const c = chart("timeline-chart");
  c.clear();
  if (!days.length) {
    c.setOption({ title: { text: t("no_data"), left: "center", top: "middle", textStyle: { color: "#5d6b7a" } } });
    return;
  }
  c.setOption({
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 4, type: "scroll" },
    grid: { left: 40, right: 40, top: 40, bottom: 60 },
    xAxis: { type: "category", data: days, inverse: state.lang === "ar", axisLabel: { rotate: 30 } },
    yAxis: { type: "value", minInterval: 1, position: state.lang === "ar" ? "right" : "left" },
    dataZoom: days.length > 30 ? [{ type: "slider", bottom: 8 }] : [],
    series: [...types.map((type) => ({
      name: typeLabel(type), type: "bar", stack: "all", itemStyle: { color: TYPE_COLORS[type] },
      data: days.map((d) => byKey.get(d + "|" + type) || 0), dataGroupId: type,
    })), ...(data.assumed ? [{
      name: t("assumed"), type: "bar", stack: "all",
      itemStyle: { color: "#cfd8dc", decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -0.8 } },
      data: days.map((d) => assumedByDay.get(d) || 0),
    }] : [])],
  });
  c.off("click");
  c.on("click", (p) => {
    const type = types.find((x) => typeLabel(x) === p.seriesName) || "";
    setFilter("type", type);
    if (data.interval === "day") { setFilter("date_from", p.name); setFilter("date_to", p.name); }
    go("events");
  });
}

// -- network --------------------------------------------------------------------------------------------
async function showNetwork() {
  const data = await api("/api/network", { ...eventParams(), max_edges: 300 });
  $("network-note").textContent = `${data.nodes.length} ${t("nodes")} · ${data.edges.length} ${t("edges")}` +
    (data.truncated ? " " + t("truncated") : "");
  const c = chart("network-chart");
  c.clear();
  if (!data.nodes.length) {
    c.setOption({ title: { text: t("no_data"), left: "center", top: "middle", textStyle: { color: "#5d6b7a" } } });
    return;
  }
  const kinds = ["person", "organization", "country", "place"];
  const colors = ["#8e24aa", "#1565c0", "#2e7d32", "#b26a00"];
  const maxW = Math.max(...data.nodes.map((n) => n.weight), 1);
  const maxE = Math.max(...data.edges.map((e) => e.weight), 1);
  const names = new Map(data.nodes.map((n) => [n.id, actorLabel(n)]));
  c.setOption({
    tooltip: {
      formatter: (p) => {
        if (p.dataType === "edge") {
          const e = p.data.raw;
          const parts = Object.entries(e.by_type).map(([k, v]) => `${typeLabel(k)}: ${v}`);
          return esc(`${names.get(e.source)} — ${names.get(e.target)}`) + "<br>" + esc(parts.join("، "));
        }
        return esc(`${p.data.display} · ${p.data.raw.weight}`);
      },
    },
    legend: [{ data: kinds.map((k) => KIND[state.lang][k]), top: 4 }],
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      force: { repulsion: 260, edgeLength: [60, 180], gravity: 0.08 },
      categories: kinds.map((k, i) => ({ name: KIND[state.lang][k], itemStyle: { color: colors[i] } })),
      label: { show: true, position: "right", fontSize: 12, formatter: (p) => p.data.display },
      emphasis: { focus: "adjacency", lineStyle: { width: 4 } },
      data: data.nodes.map((n) => ({
        id: n.id, name: n.id, display: actorLabel(n), raw: n,
        value: n.weight, symbolSize: 10 + 30 * Math.sqrt(n.weight / maxW),
        category: Math.max(0, kinds.indexOf(n.kind)),
      })),
      edges: data.edges.map((e) => {
        const top = Object.entries(e.by_type).sort((a, b) => b[1] - a[1])[0][0];
        return {
          source: e.source, target: e.target, value: e.weight, raw: e,
          lineStyle: { width: 1 + 5 * (e.weight / maxE), color: TYPE_COLORS[top] || "#999", opacity: 0.7, curveness: 0.1 },
        };
      }),
    }],
  });
  c.off("click");
  c.on("click", (p) => { if (p.dataType === "node") go("actor/" + p.data.id); });
}
/* ECharts tooltips are HTML: escape every name before it goes in. */
function esc(s) {
  return String(s).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);
}

// -- events table ---------------------------------------------------------------------------------------
function actorLinks(ev) {
  const seen = new Set();
  const out = [];
  for (const a of ev.participants || []) {
    if (!a.id || seen.has(a.id)) continue;
    seen.add(a.id);
    out.push(h("a", { class: "actor-link", href: "#/actor/" + encodeURIComponent(a.id), title: a.id }, actorLabel(a)));
  }
  return out;
}
function typeBadge(type) {
  const b = h("span", { class: "badge", title: type }, typeLabel(type));
  b.style.background = TYPE_COLORS[type] || "#607d8b";
  return b;
}
function statusBadge(status) {
  return h("span", { class: "badge status-" + (status || "none") }, STATUS[state.lang][status] || status || "");
}
function evidenceText(ev, n) {
  const s = (ev.evidence && ev.evidence.text) || "";
  return s.length > n ? s.slice(0, n) + "…" : s;
}
async function showEvents() {
  const params = { ...eventParams(), limit: state.pageSize, offset: state.evOffset, sort: state.evSort, order: state.evOrder };
  const data = await api("/api/events", params);
  const body = clear($("events-table").tBodies[0]);
  for (const ev of data.items) {
    const docLink = "#/doc/" + encodeURIComponent(ev.doc_id) + "/" + encodeURIComponent(ev.event_id);
    body.appendChild(h("tr", { dataset: { eventId: ev.event_id } },
      h("td", { class: "nowrap" }, eventDateCell(ev)),
      h("td", {}, typeBadge(ev.event_type)),
      h("td", {}, modeLabel(ev.mode)),
      h("td", {}, statusBadge(ev.status)),
      h("td", {}, actorLinks(ev)),
      h("td", { class: "evidence", dir: "auto" }, h("a", { href: docLink, class: "ev-open" }, evidenceText(ev, 160))),
      h("td", {}, (ev.document && (ev.document.outlet || ev.document.title)) || ev.doc_id)));
  }
  if (!data.items.length) body.appendChild(h("tr", {}, h("td", { colspan: 7, class: "empty" }, t("no_data"))));
  $("events-count").textContent = `${data.total} ${t("n_events")}`;
  const pages = Math.max(1, Math.ceil(data.total / state.pageSize));
  $("ev-page").textContent = `${t("page")} ${Math.floor(state.evOffset / state.pageSize) + 1} ${t("of")} ${pages}`;
  $("ev-prev").disabled = state.evOffset === 0;
  $("ev-next").disabled = state.evOffset + state.pageSize >= data.total;
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.classList.toggle("sorted-asc", th.dataset.sort === state.evSort && state.evOrder === "asc");
    th.classList.toggle("sorted-desc", th.dataset.sort === state.evSort && state.evOrder === "desc");
  }
  const dl = query(eventParams());
  $("dl-csv").href = "/api/events.csv" + dl;
  $("dl-json").href = "/api/events.json" + dl;
}

// -- documents --------------------------------------------------------------------------------------------
async function showDocuments() {
  const f = state.filters;
  const data = await api("/api/documents", { limit: state.pageSize, offset: state.docOffset, q: f.q,
    date_from: f.date_from, date_to: f.date_to });
  const body = clear($("docs-table").tBodies[0]);
  for (const d of data.items) {
    body.appendChild(h("tr", {},
      h("td", { class: "nowrap" }, d.pub_date || "—"),
      h("td", { dir: "auto" }, h("a", { href: "#/doc/" + encodeURIComponent(d.doc_id) }, d.title || d.doc_id)),
      h("td", {}, d.outlet || ""), h("td", {}, d.n_events), h("td", {}, d.n_entities)));
  }
  if (!data.items.length) body.appendChild(h("tr", {}, h("td", { colspan: 5, class: "empty" }, t("no_data"))));
  $("docs-count").textContent = `${data.total} ${t("n_docs")}`;
  const pages = Math.max(1, Math.ceil(data.total / state.pageSize));
  $("doc-page").textContent = `${t("page")} ${Math.floor(state.docOffset / state.pageSize) + 1} ${t("of")} ${pages}`;
  $("doc-prev").disabled = state.docOffset === 0;
  $("doc-next").disabled = state.docOffset + state.pageSize >= data.total;
}

// -- one document, everything highlighted ------------------------------------------------------------------
/* Spans of the document: [start, end, classes, info]; offsets are indices into doc.text. */
/* The API's offsets count code points (Python); JS strings count UTF-16 units.  They agree unless the text
   has characters outside the BMP (emoji…): then map every offset through a prefix table. */
function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const table = [0];
  for (const ch of text) table.push(table[table.length - 1] + ch.length);
  return (i) => (Number.isInteger(i) && i >= 0 && i < table.length ? table[i] : -1);
}
function docSpans(doc, map) {
  const spans = [];
  const add = (s0, e0, cls, info) => {
    const s = map(s0), e = map(e0);
    if (Number.isInteger(s) && Number.isInteger(e) && e > s && s >= 0 && e <= doc.text.length) spans.push({ s, e, cls, info });
  };
  for (const b of doc.boilerplate || []) add(b.start, b.end, ["bp"], { title: `${t("boilerplate")}: ${b.kind}` });
  for (const ent of doc.entities || []) {
    for (const m of ent.mentions || []) {
      add(m.start, m.end, ["ent", "ent-" + ent.kind], { title: `${actorLabel(ent)} · ${ent.id}`, actor: ent.id });
    }
  }
  for (const d of doc.dates || []) add(d.start, d.end, ["date"], { title: `${t("date")}: ${d.value || "?"}` });
  for (const f of doc.figures || []) {
    const ev = f.evidence || {};
    add(ev.start, ev.end, ["fig"], { title: `${t("figure")}: ${f.what} ${f.value}${f.unit ? " " + f.unit : ""}` });
  }
  for (const ev of doc.events || []) {
    const e = ev.evidence || {};
    add(e.start, e.end, ["ev"], { event: ev.event_id, title: `${typeLabel(ev.event_type)} ${modeLabel(ev.mode)}` });
    for (const more of ev.also_evidence || []) add(more.start, more.end, ["ev"], { event: ev.event_id });
    if (ev.trigger) add(ev.trigger.start, ev.trigger.end, ["trig"], { event: ev.event_id });
    if (ev.location) add(ev.location.start, ev.location.end, ["loc"], { event: ev.event_id, title: `${t("location")}: ${ev.location.name_ar || ev.location.name}` });
    if (ev.attribution) add(ev.attribution.start, ev.attribution.end, ["attr"], { event: ev.event_id });
  }
  return spans;
}
function renderArticle(doc) {
  const root = clear($("doc-text"));
  const text = doc.text || "";
  const map = offsetMapper(text);
  const spans = docSpans(doc, map);
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
  const storyAt = new Map();
  for (const s of doc.stories || []) {
    const at = map(s.start);
    if (at >= 0 && at <= text.length) { cuts.add(at); storyAt.set(at, s); }
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const story = storyAt.get(a);
    if (story) {
      root.appendChild(h("span", { class: "story-head " + story.kind, dir: "auto" },
        `${t("story")} ${story.story_id.split("#").pop()} · ${t(story.kind)}` + (story.pub_date ? ` · ${story.pub_date}` : "")));
    }
    const active = spans.filter((sp) => sp.s <= a && b <= sp.e);
    if (!active.length) { root.appendChild(document.createTextNode(text.slice(a, b))); continue; }
    const seg = h("span", { class: "seg" });
    const events = new Set();
    const titles = [];
    let actor = null;
    for (const sp of active) {
      seg.classList.add(...sp.cls);
      if (sp.info.event) events.add(sp.info.event);
      if (sp.info.title) titles.push(sp.info.title);
      if (sp.info.actor) actor = sp.info.actor;
    }
    if (events.size) seg.dataset.events = Array.from(events).join("\n");
    if (titles.length) seg.title = Array.from(new Set(titles)).join("\n");
    if (actor) { seg.dataset.actor = actor; seg.addEventListener("click", (e) => { if (!e.defaultPrevented && !events.size) go("actor/" + actor); }); }
    if (events.size) seg.addEventListener("click", () => selectEvent(Array.from(events)[0], false));
    seg.textContent = text.slice(a, b);
    root.appendChild(seg);
  }
}
function selectEvent(eventId, scroll) {
  state.selectedEvent = eventId;
  for (const seg of document.querySelectorAll("#doc-text .seg.sel")) seg.classList.remove("sel");
  let first = null;
  for (const seg of document.querySelectorAll("#doc-text .seg[data-events]")) {
    if (seg.dataset.events.split("\n").includes(eventId)) { seg.classList.add("sel"); first = first || seg; }
  }
  for (const li of document.querySelectorAll("#doc-events li")) li.classList.toggle("active", li.dataset.eventId === eventId);
  if (first && scroll !== false) first.scrollIntoView({ block: "center" });
}
function legend() {
  const root = clear($("doc-legend"));
  const items = [["ent ent-person", "person"], ["ent ent-organization", "organization"], ["ent ent-country", "country"],
    ["ent ent-place", "place"], ["date", "date"], ["fig", "figure"], ["ev", "evidence"], ["trig", "trigger"],
    ["bp", "boilerplate"]];
  for (const [cls, key] of items) root.appendChild(h("span", { class: "seg " + cls }, t(key)));
  root.appendChild(h("span", { class: "muted" }, t("click_hint")));
}
async function showDocument(rest) {
  // the event to select may follow the document id: #/doc/<doc_id>/<event_id>
  const parts = rest.slice();
  let eventId = null;
  if (parts.length > 1 && parts[parts.length - 1].includes("#")) eventId = parts.pop();
  const docId = parts.join("/");
  const doc = await api("/api/documents/" + encodeURIComponent(docId));
  state.doc = doc;
  $("doc-title").textContent = doc.title || doc.doc_id;
  $("doc-meta").textContent = [doc.outlet, doc.pub_date && `${t("published")} ${doc.pub_date}`, doc.doc_id].filter(Boolean).join(" · ");
  legend();
  renderArticle(doc);
  const list = clear($("doc-events"));
  for (const ev of doc.events) {
    const roles = [["source", ev.source], ["target", ev.target]].filter(([, v]) => v && v.length)
      .map(([k, v]) => `${t(k)}: ${v.map(actorLabel).join("، ")}`);
    if (!roles.length && ev.participants && ev.participants.length) roles.push(`${t("participants")}: ${ev.participants.map(actorLabel).join("، ")}`);
    list.appendChild(h("li", { dataset: { eventId: ev.event_id }, onclick: () => selectEvent(ev.event_id) },
      typeBadge(ev.event_type), " ", modeLabel(ev.mode), " ", statusBadge(ev.status),
      h("div", { class: "ev-line" }, [ev.date || "—", ...roles].join(" · ")),
      h("div", { class: "ev-line", dir: "auto" }, evidenceText(ev, 120))));
  }
  if (!doc.events.length) list.appendChild(h("li", { class: "muted" }, t("none")));
  const figs = clear($("doc-figures"));
  for (const f of doc.figures) figs.appendChild(h("li", {}, `${f.what}: ${f.approx === "exact" ? "" : f.approx + " "}${f.value}${f.unit ? " " + f.unit : ""}` + (f.as_of ? ` (${f.as_of})` : "")));
  if (!doc.figures.length) figs.appendChild(h("li", { class: "muted" }, t("none")));
  const ents = clear($("doc-entities"));
  for (const e of doc.entities) {
    ents.appendChild(h("li", {}, h("a", { href: "#/actor/" + encodeURIComponent(e.id), title: e.id }, actorLabel(e)),
      " ", h("span", { class: "muted" }, KIND[state.lang][e.kind] || e.kind)));
  }
  if (eventId) selectEvent(eventId);
}

// -- actor page -----------------------------------------------------------------------------------------------
async function showActor(actorId) {
  const a = await api("/api/actors/" + encodeURIComponent(actorId));
  $("actor-name").textContent = state.lang === "ar" ? `${a.name_ar || a.name} — ${a.name}` : `${a.name} — ${a.name_ar || ""}`;
  $("actor-meta").textContent = [KIND[state.lang][a.kind] || a.kind, a.country, a.sector, a.in_kb ? t("kb") : null, a.id]
    .filter(Boolean).join(" · ");
  const names = clear($("actor-names"));
  for (const n of a.names) names.appendChild(h("li", { dir: "rtl" }, `${n.text} (${n.count})`));
  if (!a.names.length) names.appendChild(h("li", { class: "muted" }, t("none")));
  const roles = clear($("actor-roles").tBodies[0]);
  for (const r of a.roles) {
    roles.appendChild(h("tr", {}, h("td", {}, [r.title || r.office, r.country || r.org].filter(Boolean).join(" · ")),
      h("td", { class: "nowrap" }, r.start || "…"), h("td", { class: "nowrap" }, r.end || "…")));
  }
  for (const r of a.observed_roles) {
    roles.appendChild(h("tr", {}, h("td", {}, `${r.role} (${t("observed")}, ${r.n})`),
      h("td", { class: "nowrap" }, r.first || "…"), h("td", { class: "nowrap" }, r.last || "…")));
  }
  if (!a.roles.length && !a.observed_roles.length) roles.appendChild(h("tr", {}, h("td", { colspan: 3, class: "muted" }, t("none"))));
  const cps = clear($("actor-counterparts").tBodies[0]);
  for (const c of a.counterparts.slice(0, 30)) {
    cps.appendChild(h("tr", {},
      h("td", {}, h("a", { href: "#/actor/" + encodeURIComponent(c.id), title: c.id }, actorLabel(c))),
      h("td", {}, c.n_events),
      h("td", {}, Object.entries(c.by_type).map(([k, v]) => `${typeLabel(k)} ${v}`).join("، "))));
  }
  if (!a.counterparts.length) cps.appendChild(h("tr", {}, h("td", { colspan: 3, class: "muted" }, t("none"))));
  const evs = clear($("actor-events").tBodies[0]);
  for (const ev of a.events) {
    evs.appendChild(h("tr", {}, h("td", { class: "nowrap" }, ev.date || "—"), h("td", {}, typeBadge(ev.event_type)),
      h("td", { class: "evidence", dir: "auto" }, h("a", { href: "#/doc/" + encodeURIComponent(ev.doc_id) + "/" + encodeURIComponent(ev.event_id) }, (ev.evidence || "").slice(0, 160))),
      h("td", {}, (ev.document && ev.document.outlet) || ev.doc_id)));
  }
  if (!a.events.length) evs.appendChild(h("tr", {}, h("td", { colspan: 4, class: "muted" }, t("none"))));
  const types = Object.entries(a.events_by_type).sort((x, y) => y[1] - x[1]);
  const c = chart("actor-types");
  c.clear();
  c.setOption({
    grid: { left: 90, right: 20, top: 10, bottom: 20, containLabel: false },
    tooltip: {},
    xAxis: { type: "value", minInterval: 1, inverse: state.lang === "ar" },
    yAxis: { type: "category", data: types.map(([k]) => typeLabel(k)), position: state.lang === "ar" ? "right" : "left" },
    series: [{ type: "bar", data: types.map(([k, v]) => ({ value: v, itemStyle: { color: TYPE_COLORS[k] } })) }],
  });
  if (state.lang === "ar") c.setOption({ grid: { left: 20, right: 90 } });
}

// -- start --------------------------------------------------------------------------------------------------
async function start() {
  applyLang();
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "ar" ? "en" : "ar";
    localStorage.setItem("marsad.lang", state.lang);
    applyLang();
    route();
  });
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    readFilters();
    state.evOffset = 0; state.docOffset = 0;
    const view = (location.hash.slice(2) || "timeline").split("/")[0];
    if (["doc", "actor"].includes(view)) go("events"); else route();
  });
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    readFilters();
    state.evOffset = 0; state.docOffset = 0;
    route();
  });
  $("ev-prev").addEventListener("click", () => { state.evOffset = Math.max(0, state.evOffset - state.pageSize); showEvents().catch(showError); });
  $("ev-next").addEventListener("click", () => { state.evOffset += state.pageSize; showEvents().catch(showError); });
  $("doc-prev").addEventListener("click", () => { state.docOffset = Math.max(0, state.docOffset - state.pageSize); showDocuments().catch(showError); });
  $("doc-next").addEventListener("click", () => { state.docOffset += state.pageSize; showDocuments().catch(showError); });
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.addEventListener("click", () => {
      if (state.evSort === th.dataset.sort) state.evOrder = state.evOrder === "asc" ? "desc" : "asc";
      else { state.evSort = th.dataset.sort; state.evOrder = th.dataset.sort === "date" ? "desc" : "asc"; }
      state.evOffset = 0;
      showEvents().catch(showError);
    });
  }
  $("token-box").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem("marsad.token", $("token").value);
    $("token-box").hidden = true;
    boot().catch(showError);
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => { for (const c of Object.values(state.charts)) c.resize(); });
  readFilters();
  await boot();
}
async function boot() {
  try {
    state.stats = await api("/api/stats");
    actorsCache = (await api("/api/actors", { limit: 500 })).items.filter((a) => a.n_events > 0);
    fillFilterOptions();
  } catch (err) { showError(err); }
  document.body.dataset.ready = "1";
  route();
}
document.addEventListener("DOMContentLoaded", () => { start().catch(showError); });
