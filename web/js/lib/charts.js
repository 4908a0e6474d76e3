// Chart helpers: the original's dark Plotly theme, Plotly.react with the full state, and PNG + CSV
// downloads of exactly the data a chart shows. The pure parts (theme merge, CSV) are node-tested.
import { track } from './telemetry.js';

export const CHART_COLORS = ['#FF8C00', '#FFD700', '#E24E1B', '#1E90FF', '#00CED1', '#FFA07A', '#B0E0E6', '#DAA520'];
export const SEASON_COLORS = { winter: '#4682B4', spring: '#90EE90', summer: '#FFD700', autumn: '#FF8C00' };

const AXIS = {
  gridcolor: '#444444', gridwidth: 1, linecolor: '#444444', zerolinecolor: '#555555',
  tickfont: { family: 'Inter, sans-serif', size: 12, color: '#F0F0F0' },
  title: { font: { family: 'Inter, sans-serif', size: 13, color: '#A8A8A8' } },
  automargin: true,
};

export const BASE_LAYOUT = Object.freeze({
  paper_bgcolor: '#1E1E1E',
  plot_bgcolor: '#1E1E1E',
  font: { family: 'Inter, sans-serif', size: 12, color: '#F0F0F0' },
  colorway: CHART_COLORS,
  margin: { l: 60, r: 30, t: 40, b: 60 },
  // Above the plot, in rows: the plot keeps its width in a half-width card and on a phone.
  legend: { bgcolor: 'rgba(42,42,42,0.8)', bordercolor: '#666666', borderwidth: 1, font: { color: '#F0F0F0' },
    orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom' },
  hoverlabel: { bgcolor: '#333333', bordercolor: '#FF8C00', font: { color: '#ffffff', family: 'Inter, sans-serif' } },
  xaxis: AXIS,
  yaxis: AXIS,
  autosize: true,
});

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep merge: plain objects merge, everything else from override wins. Inputs are not modified. */
export function deepMerge(base, override) {
  if (!isObject(base)) return structuredClone(override);
  const out = structuredClone(base);
  if (!isObject(override)) return out;
  for (const [key, value] of Object.entries(override)) {
    out[key] = isObject(value) && isObject(out[key]) ? deepMerge(out[key], value) : structuredClone(value);
  }
  return out;
}

/** Plotly's decimal and thousands separators per language: ticks, hover labels and pie percentages written the
 * reader's way ("9,5" and "12 345" in French). */
export const SEPARATORS = { en: '.,', fr: ',\u202f' };

/** The layout an analysis sent, on top of the theme; every extra axis (xaxis2, yaxis3…) gets the axis theme; numbers
 * use the separators of lang. */
export function themedLayout(layout = {}, lang = 'en') {
  const merged = deepMerge(BASE_LAYOUT, layout || {});
  merged.separators = SEPARATORS[lang] || SEPARATORS.en;
  for (const key of Object.keys(merged)) {
    if (/^[xy]axis\d+$/.test(key)) merged[key] = deepMerge(AXIS, merged[key]);
    // A log axis labels its decades only: Plotly's default also wrote small "2", "3"… beside them, which read
    // as "3, 2" above "10".
    if (/^[xy]axis\d*$/.test(key) && merged[key].type === 'log' && merged[key].dtick === undefined) merged[key].dtick = 1;
  }
  // The chart title is shown in our own heading, not inside the plot.
  delete merged.title;
  return merged;
}

function csvCell(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** RFC 4180 CSV from columns and rows (rows as arrays, or objects keyed by column). */
export function tableToCsv(columns, rows) {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) {
    const cells = Array.isArray(row) ? row : columns.map((c) => row[c]);
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

const BOX_STATS = ['q1', 'median', 'q3', 'lowerfence', 'upperfence', 'mean', 'sd'];

/** The points one trace draws, as {x, y, …} records, whatever its type. */
function tracePoints(trace) {
  const list = (v) => (Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v) : []);
  if (trace.type === 'pie') return list(trace.labels).map((label, i) => ({ x: label, y: list(trace.values)[i] }));
  if (trace.type === 'heatmap') {
    const xs = list(trace.x);
    const ys = list(trace.y);
    return list(trace.z).flatMap((row, i) => list(row).map((z, j) => ({ x: xs[j] ?? j, y: ys[i] ?? i, z })));
  }
  if (trace.type === 'box' && trace.q1 !== undefined) {
    return list(trace.q1).map((_, i) => {
      const point = { x: list(trace.x)[i] ?? trace.name ?? '' };
      for (const stat of BOX_STATS) if (trace[stat] !== undefined) point[stat] = list(trace[stat])[i];
      return point;
    });
  }
  const xs = list(trace.x);
  const ys = list(trace.y);
  const errors = trace.error_y && Array.isArray(trace.error_y.array) ? trace.error_y.array : null;
  const n = Math.max(xs.length, ys.length);
  const points = [];
  for (let i = 0; i < n; i += 1) {
    const point = { x: xs[i], y: ys[i] };
    if (errors) point.error = errors[i];
    points.push(point);
  }
  return points;
}

/** The CSV table of a chart: one row per drawn point of every trace (series = trace name), so the file
 * holds exactly what the chart shows, fitted lines and bands included. Extra columns (z, box statistics,
 * error bars) appear only when some trace has them. */
export function chartTable(chart) {
  const records = [];
  for (const [index, trace] of (chart.traces || []).entries()) {
    const series = trace.name ?? `trace ${index + 1}`;
    for (const point of tracePoints(trace)) records.push({ series, ...point });
  }
  const extra = ['z', 'error', ...BOX_STATS].filter((key) => records.some((r) => r[key] !== undefined));
  const columns = ['series', 'x', 'y', ...extra].filter((key) => key !== 'y' || records.some((r) => r.y !== undefined));
  return { columns, rows: records.map((r) => columns.map((key) => r[key] ?? '')) };
}

/** A file name from parts: lowercase, [a-z0-9_-] only. */
export function fileName(...parts) {
  return parts.filter(Boolean).join('_').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-');
}

// Rows of a chart whose categories run down the y axis, as (plot chrome, pixels per row): axis titles,
// ticks and margins take the chrome, each heatmap row or horizontal bar its own band.
const ROW_CHROME_PX = 110;
const HEATMAP_ROW_PX = 30;
const BAR_ROW_PX = 26;
const MIN_FITTED_PX = 170;

/** The plot height that fits a heatmap or horizontal bar chart to its rows, so that one row is not stretched
 * over the default card height (and thirty rows are not squeezed into it); null for any other chart, and
 * when the analysis sets a height itself. */
export function fittedHeight(chart) {
  const traces = chart.traces || [];
  if (!traces.length || Number(chart.layout?.height) > 0) return null;
  const length = (v) => (Array.isArray(v) ? v.length : 0);
  let px = 0;
  for (const trace of traces) {
    if (trace.type === 'heatmap') px = Math.max(px, length(trace.z) * HEATMAP_ROW_PX);
    else if (trace.type === 'bar' && trace.orientation === 'h') px = Math.max(px, new Set(trace.y || []).size * BAR_ROW_PX);
    else return null;
  }
  // Grouped horizontal bars put one bar per trace in each row.
  const bars = traces.filter((t) => t.type === 'bar').length;
  if (bars > 1 && chart.layout?.barmode !== 'stack' && chart.layout?.barmode !== 'overlay') px *= bars;
  return px > 0 ? Math.max(MIN_FITTED_PX, ROW_CHROME_PX + px) : null;
}

/** The layout of a vertical bar chart with a single category gets a wide gap: Plotly otherwise draws that
 * one bar across the whole plot. */
function singleBarLayout(chart, layout) {
  const traces = chart.traces || [];
  const single = traces.length > 0 && traces.every((t) => t.type === 'bar' && t.orientation !== 'h' &&
    new Set(t.x || []).size === 1);
  if (single && layout.bargap === undefined) layout.bargap = 0.6;
  return layout;
}

/** Resolves with the Plotly a script defines once it has run (each bundle sets the global as it runs). */
function scriptPlotly(script) {
  return new Promise((resolve, reject) => {
    script.addEventListener('load', () => resolve(globalThis.Plotly));
    script.addEventListener('error', () => reject(new Error(`Plotly could not be loaded (${script.src})`)));
  });
}

let cartesianPlotly = null;
const CARTESIAN_BUNDLE_URL = '/assets/vendor/plotly-cartesian.min.js';

/** Run the cartesian Plotly (index.html preloads its bytes). Running it holds the main thread for a second
 * or more on a slow machine, so it starts only when a chart is drawn: the page's data and text come first,
 * and a first screen without charts does not wait for it. Idempotent. */
export function loadPlotly() {
  if (cartesianPlotly) return cartesianPlotly;
  if (globalThis.Plotly) {
    cartesianPlotly = Promise.resolve(globalThis.Plotly);
    return cartesianPlotly;
  }
  cartesianPlotly = afterPaint().then(() => {
    let script = document.getElementById('plotly-script');
    if (!script) {
      script = document.createElement('script');
      script.id = 'plotly-script';
      script.src = CARTESIAN_BUNDLE_URL;
      script.async = true;
      document.head.appendChild(script);
    }
    return scriptPlotly(script);
  });
  return cartesianPlotly;
}

/** Resolves once the current DOM has been painted: running a Plotly bundle holds the main thread for a second
 * on a slow machine, and a page made ready just before it would stay blank on screen until it ends. A tab in
 * the background paints nothing, hence the time limit. */
function afterPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve();
    }, 0));
  });
}

/** The Plotly that draws every chart: the cartesian bundle (1.4 MB). The analyses draw only cartesian traces
 * (dot plots replaced the radars that needed the 4.9 MB full bundle), which tests/e2e/exports_and_embed checks. */
export function plotlyFor() {
  return loadPlotly();
}

/** Give a plot element its final height before it is drawn, so that charts drawn later move nothing: the
 * CSS card height is the default, a fitted height replaces it (and is undone on a redraw without one). */
function sizePlot(el, chart) {
  const height = fittedHeight(chart);
  el.style.minHeight = height ? `${height}px` : '';
  el.style.height = height ? `${height}px` : '';
  return height;
}

const PLOTLY_MARKUP = /[<>&]/;

/** A data value as Plotly text: Plotly reads a subset of HTML in labels, ticks and hover text (<a href>, <b>,
 * <br>…), so an ingredient named `<a href="https://evil.example/">` would become a link. Escaped, it shows as
 * typed. Anything but a string passes unchanged. */
export function plotlyText(value) {
  if (typeof value !== 'string' || !PLOTLY_MARKUP.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapedDeep(value) {
  return Array.isArray(value) ? value.map(escapedDeep) : plotlyText(value);
}

// Trace attributes that carry data (categories, labels, hover text, legend names): every string in them is
// escaped. Templates (hovertemplate, texttemplate) are authored markup and stay as they are.
const TRACE_DATA_KEYS = ['x', 'y', 'z', 'text', 'hovertext', 'labels', 'parents', 'ids', 'customdata', 'theta',
  'name', 'legendgroup'];
// Layout axis attributes that repeat category names.
const AXIS_DATA_KEYS = ['ticktext', 'categoryarray'];

/** The traces and layout Plotly is given: copies with every data-derived string escaped (plotlyText); the
 * chart itself (used for the CSV download) keeps the raw values. */
export function escapedForPlotly(traces = [], layout = {}) {
  const safeTraces = traces.map((trace) => {
    const copy = { ...trace };
    for (const key of TRACE_DATA_KEYS) {
      if (copy[key] !== undefined) copy[key] = escapedDeep(copy[key]);
    }
    return copy;
  });
  const safeLayout = { ...layout };
  for (const [key, value] of Object.entries(layout)) {
    if (!/^(x|y|z|radial|angular)axis\d*$/.test(key) && key !== 'polar') continue;
    if (!value || typeof value !== 'object') continue;
    if (key === 'polar') {
      safeLayout.polar = { ...value };
      for (const sub of ['radialaxis', 'angularaxis']) {
        if (value[sub]) safeLayout.polar[sub] = escapedAxis(value[sub]);
      }
    } else {
      safeLayout[key] = escapedAxis(value);
    }
  }
  return { traces: safeTraces, layout: safeLayout };
}

function escapedAxis(axis) {
  const copy = { ...axis };
  for (const key of AXIS_DATA_KEYS) {
    if (copy[key] !== undefined) copy[key] = escapedDeep(copy[key]);
  }
  return copy;
}
/** On a touch screen a swipe over a chart must scroll the page: no drag (zoom or pan) on any axis, no toolbar over
 * the legend, no double-tap zoom. Hover (tap) still shows the values. Returns the layout and config changed. */
export function touchFriendly(layout, config) {
  layout.dragmode = false;
  for (const key of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(key)) layout[key] = { ...layout[key], fixedrange: true };
  }
  Object.assign(config, { displayModeBar: false, doubleClick: false, scrollZoom: false });
  return { layout, config };
}

// Plotly's own words (toolbar tips, hover labels of boxes, notices), by the English text Plotly looks them up with,
// and the catalog key that says them in each language.
const PLOTLY_TEXTS = {
  'Autoscale': 'plotly.autoscale',
  'Box Select': 'plotly.box_select',
  'Compare data on hover': 'plotly.compare_hover',
  'Double-click to zoom back out': 'plotly.zoom_back_out',
  'Double-click on legend to isolate one trace': 'plotly.isolate_trace',
  'Download plot as a png': 'plotly.download_png',
  'Download plot': 'plotly.download',
  'Lasso Select': 'plotly.lasso',
  'Pan': 'plotly.pan',
  'Reset axes': 'plotly.reset_axes',
  'Reset view': 'plotly.reset_view',
  'Show closest data on hover': 'plotly.closest_hover',
  'Snapshot succeeded': 'plotly.snapshot_ok',
  'Sorry, there was a problem downloading your snapshot!': 'plotly.snapshot_failed',
  'Taking snapshot - this may take a few seconds': 'plotly.snapshot_wait',
  'Toggle Spike Lines': 'plotly.spikes',
  'Zoom': 'plotly.zoom',
  'Zoom in': 'plotly.zoom_in',
  'Zoom out': 'plotly.zoom_out',
  'trace': 'plotly.trace',
  'mean:': 'plotly.mean',
  'median:': 'plotly.median',
  'min:': 'plotly.min',
  'max:': 'plotly.max',
  'q1:': 'plotly.q1',
  'q3:': 'plotly.q3',
  'lower fence:': 'plotly.lower_fence',
  'upper fence:': 'plotly.upper_fence',
};

const MONTH_DAY_FORMATS = { months: { month: 'long' }, shortMonths: { month: 'short' } };

/** A Plotly locale for lang from the catalog (t) and Intl (month and day names, separators): what Plotly.register takes. */
export function plotlyLocale(lang, t) {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-US';
  const dictionary = {};
  for (const [english, key] of Object.entries(PLOTLY_TEXTS)) dictionary[english] = t(key);
  const names = (options, count, date) => Array.from({ length: count }, (_, i) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date(i)));
  const format = { decimal: SEPARATORS[lang]?.[0] ?? '.', thousands: SEPARATORS[lang]?.[1] ?? ',' };
  for (const [key, options] of Object.entries(MONTH_DAY_FORMATS)) format[key] = names(options, 12, (i) => new Date(Date.UTC(2001, i, 1)));
  // 2001-01-07 was a Sunday: Plotly's days start on Sunday.
  format.days = names({ weekday: 'long' }, 7, (i) => new Date(Date.UTC(2001, 0, 7 + i)));
  format.shortDays = names({ weekday: 'short' }, 7, (i) => new Date(Date.UTC(2001, 0, 7 + i)));
  return { moduleType: 'locale', name: lang, dictionary, format };
}

let chartTranslators = {};
const registered = new Set();

/** The catalogs' translators by language ({en: t, fr: t}), for Plotly's own words; app.js sets them at start. */
export function setChartTranslators(translators) {
  chartTranslators = translators || {};
}

/** Plotly's locale for lang, registered once; null for English (Plotly's own, the catalog's words are the same:
 * registering "en" over it drops its date formats) and when no catalog is known. */
function plotlyLocaleName(Plotly, lang) {
  if (lang === 'en' || !chartTranslators[lang]) return null;
  if (!registered.has(lang)) {
    Plotly.register(plotlyLocale(lang, chartTranslators[lang]));
    registered.add(lang);
  }
  return lang;
}

const coarsePointer = () => Boolean(globalThis.matchMedia && globalThis.matchMedia('(pointer: coarse)').matches);

/** Draw (or redraw in place) a chart with Plotly.react. */
export async function renderChart(el, chart) {
  const layout = singleBarLayout(chart, themedLayout(chart.layout, document.documentElement.lang));
  const height = sizePlot(el, chart);
  if (height) layout.height = height;
  const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['sendDataToCloud'] };
  if (coarsePointer()) touchFriendly(layout, config);
  const Plotly = await plotlyFor(chart);
  const locale = plotlyLocaleName(Plotly, document.documentElement.lang);
  if (locale) config.locale = locale;
  const safe = escapedForPlotly(chart.traces || [], layout);
  const drawn = await Plotly.react(el, safe.traces, safe.layout, config);
  untabModeBar(el);
  return drawn;
}

/** Plotly's toolbar buttons leave the tab order (each chart has nine; the chart head's own PNG and CSV buttons
 * serve the keyboard): Tab goes from chart to chart instead of through hundreds of icons. */
export function untabModeBar(el) {
  for (const button of el.querySelectorAll('.modebar-btn')) button.setAttribute('tabindex', '-1');
}

// Charts are drawn once within this distance of the viewport, so that scrolling finds them drawn.
const MARGIN_PX = 200;
// Charts laid out but not drawn yet, by plot element: a download draws its chart first.
const undrawn = new WeakMap();
const IDLE = globalThis.requestIdleCallback
  ? (callback) => globalThis.requestIdleCallback(callback, { timeout: 200 })
  : (callback) => setTimeout(callback, 0);

/** Draw a page's charts: those on the first screen at once (the promise resolves when they are drawn), the
 * others when they come near the viewport or, one at a time, when the browser is idle. A page of twenty
 * charts is then readable as soon as its first screen is, and scrolling stays smooth. While charts are
 * left, the container carries data-charts-pending (their number); a newer call on it takes over. */
export function drawCharts(container, plots) {
  const run = Symbol('charts');
  container.chartsRun = run;
  const left = new Set(plots);
  const current = () => container.chartsRun === run;
  const mark = () => {
    if (!current()) return;
    if (left.size) container.dataset.chartsPending = String(left.size);
    else delete container.dataset.chartsPending;
  };
  const drawing = new Map();
  const draw = (item) => {
    if (!drawing.has(item)) {
      undrawn.delete(item.plot);
      drawing.set(item, renderChart(item.plot, item.chart).finally(() => {
        left.delete(item);
        mark();
      }));
    }
    return drawing.get(item);
  };
  for (const item of plots) {
    sizePlot(item.plot, item.chart);
    undrawn.set(item.plot, () => draw(item));
  }
  mark();
  if (!plots.length) return Promise.resolve();
  if (typeof IntersectionObserver !== 'function') return Promise.all(plots.map(draw));
  const byElement = new Map(plots.map((item) => [item.plot, item]));
  return new Promise((resolve, reject) => {
    let firstScreen = true;
    const drawRest = () => {
      if (!current()) return observer.disconnect();
      const next = plots.find((item) => !drawing.has(item));
      if (!next) return observer.disconnect();
      draw(next).then(() => IDLE(drawRest), () => IDLE(drawRest));
    };
    const observer = new IntersectionObserver((entries) => {
      const near = entries.filter((e) => e.isIntersecting && e.target.isConnected);
      for (const entry of near) observer.unobserve(entry.target);
      if (!firstScreen) {
        Promise.all(near.map((e) => draw(byElement.get(e.target)))).catch((error) => console.warn('chart not drawn', error));
        return;
      }
      firstScreen = false;
      // The page is ready with what is on screen; charts within the margin below follow straight after.
      const onScreen = (e) => {
        const top = e.rootBounds ? e.rootBounds.top + MARGIN_PX : 0;
        const bottom = e.rootBounds ? e.rootBounds.bottom - MARGIN_PX : innerHeight;
        return e.boundingClientRect.top < bottom && e.boundingClientRect.bottom > top;
      };
      const items = (list) => list.map((e) => byElement.get(e.target));
      const batch = Promise.all(items(near.filter(onScreen)).map(draw));
      const margin = items(near.filter((e) => !onScreen(e)));
      batch.then(() => Promise.all(margin.map(draw))).catch((error) => console.warn('chart not drawn', error));
      batch.then(() => {
        resolve();
        IDLE(drawRest);
      }, reject);
    }, { rootMargin: `${MARGIN_PX}px 0px` });
    for (const item of plots) observer.observe(item.plot);
  });
}

/** A container's charts left to draw are dropped (its content is replaced without a newer drawCharts). */
export function stopCharts(container) {
  container.chartsRun = null;
  delete container.dataset.chartsPending;
}

/** Draw a chart now if it is still waiting for its turn (before a PNG download, say). */
export function drawNow(plot) {
  const pending = undrawn.get(plot);
  return pending ? pending() : Promise.resolve();
}

/** Save text as a file through a temporary object URL. */
export function downloadText(name, text, type = 'text/csv;charset=utf-8') {
  track('download', { format: 'csv', file: name });
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveUrl(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Save what a URL (an object or data URL) holds as a file named name, through a temporary link. */
export function saveUrl(name, url) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
