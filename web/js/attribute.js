// Attribute a file of points (planner panel): upload a CSV (or GeoJSON) to POST api/attribute,
// read the attributed CSV as it streams back, count rows by patrol agency, unknowns and errors on
// the way, then offer the file for download. Self-contained: it finds its form by id and reads the
// page's date field at submit time, so the rest of the map needs no change.

import { ApiError } from './api.js';
import { el, add, clear } from './dom.js';

const $ = (id) => document.getElementById(id);

/** Most error lines listed in the summary (the file holds them all). */
const MAX_LISTED_ERRORS = 5;

/**
 * A CSV reader fed text in pieces: calls onRow(cells) for each complete record. Quoted cells may
 * hold separators, quotes ("") and line breaks.
 */
export class CsvRows {
  constructor(onRow) {
    this.onRow = onRow;
    this.cells = [];
    this.cell = '';
    this.quoted = false;
    this.pendingQuote = false;
  }

  push(text) {
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === '"') { this.cell += '"'; continue; }
        this.quoted = false;
      }
      if (this.quoted) {
        if (c === '"') this.pendingQuote = true;
        else this.cell += c;
      } else if (c === '"' && this.cell === '') {
        this.quoted = true;
      } else if (c === ',') {
        this.cells.push(this.cell);
        this.cell = '';
      } else if (c === '\n') {
        this.cells.push(this.cell);
        this.onRow(this.cells);
        this.cells = [];
        this.cell = '';
      } else if (c !== '\r') {
        this.cell += c;
      }
    }
  }
}

/** Counts an attributed CSV's rows: by status, by patrol agency, and the first errors. */
export class AttributeSummary {
  constructor() {
    this.header = null;
    this.rows = 0;
    this.ok = 0;
    this.outside = 0;
    this.unknown = 0;
    this.errors = 0;
    this.byPatrol = new Map();
    this.firstErrors = [];
  }

  row(cells) {
    if (!this.header) {
      this.header = cells;
      this.iStatus = cells.indexOf('pm_status');
      this.iPatrol = cells.indexOf('pm_patrol_agency');
      this.iError = cells.indexOf('pm_error');
      return;
    }
    this.rows += 1;
    const status = cells[this.iStatus];
    if (status === 'ok') {
      this.ok += 1;
      const agency = cells[this.iPatrol];
      if (agency) this.byPatrol.set(agency, (this.byPatrol.get(agency) || 0) + 1);
      else this.unknown += 1;
    } else if (status === 'outside_region') {
      this.outside += 1;
    } else {
      this.errors += 1;
      if (this.firstErrors.length < MAX_LISTED_ERRORS) this.firstErrors.push(cells[this.iError]);
    }
  }
}

function formatCount(n) {
  return Number(n).toLocaleString('en-US');
}

function renderSummary(node, s, filename) {
  clear(node);
  const table = el('table', { class: 'report-table' },
    el('caption', { text: `Rows by patrol agency (${formatCount(s.rows)} rows)` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Patrol agency' }),
      el('th', { scope: 'col', text: 'Rows' }))),
    el('tbody', {},
      [...s.byPatrol.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => el('tr', {},
        el('td', { text: name }), el('td', { text: formatCount(n) }))),
      el('tr', {}, el('td', { text: 'Unknown (no cited provider on that date)' }),
        el('td', { text: formatCount(s.unknown) })),
      el('tr', {}, el('td', { text: 'Outside St. Louis City and County' }),
        el('td', { text: formatCount(s.outside) })),
      el('tr', {}, el('td', { text: 'Rows that could not be read' }),
        el('td', { text: formatCount(s.errors) }))));
  add(node,
    el('p', { text: `Saved as ${filename}.` }),
    el('div', { class: 'table-wrap' }, table),
    s.firstErrors.length ? el('ul', { class: 'attribute-errors', 'aria-label': 'First errors' },
      s.firstErrors.map((e) => el('li', { text: e }))) : null);
  node.hidden = false;
}

function saveBlob(blob, filename) {
  const href = URL.createObjectURL(blob);
  const link = el('a', { href, download: filename, hidden: true });
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}

async function errorOf(response) {
  try {
    return new ApiError(await response.json());
  } catch {
    return new ApiError({ title: `The server answered ${response.status}.`, status: response.status });
  }
}

/** Uploads the file, streams the answer through the summary, and saves it. */
export async function attributeFile(file, date, onProgress = () => {}) {
  const name = file.name.toLowerCase();
  const geojson = /\.(geo)?json$/.test(name);
  const type = geojson ? 'application/geo+json' : name.endsWith('.gz') ? 'application/gzip' : 'text/csv';
  let response;
  try {
    response = await fetch(`api/attribute${date ? `?date=${encodeURIComponent(date)}` : ''}`, {
      method: 'POST', headers: { 'Content-Type': type }, body: file, credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ title: 'Could not reach the patrolmap server. Check your connection and try again.' });
  }
  if (!response.ok) throw await errorOf(response);
  const summary = new AttributeSummary();
  const csv = new CsvRows((cells) => summary.row(cells));
  const chunks = [];
  const decoder = new TextDecoder('utf-8');
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    if (!geojson) csv.push(decoder.decode(value, { stream: true }));
    onProgress(summary.rows);
  }
  if (!geojson) csv.push(decoder.decode());
  const outName = file.name.replace(/(\.csv)?(\.gz)?$|\.(geo)?json$/i, '') + (geojson ? '-attributed.geojson' : '-attributed.csv');
  return { blob: new Blob(chunks, { type: geojson ? 'application/geo+json' : 'text/csv' }), filename: outName, summary, geojson };
}

function init() {
  const form = $('attribute-form');
  if (!form) return;
  const input = $('attribute-file');
  const button = $('attribute-submit');
  const message = $('attribute-message');
  const result = $('attribute-summary');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) {
      message.textContent = 'Choose a CSV file with lon and lat columns first.';
      return;
    }
    const dateField = $('date-input');
    const date = dateField && dateField.value ? dateField.value : '';
    button.disabled = true;
    result.hidden = true;
    message.textContent = `Attributing ${file.name}…`;
    try {
      const out = await attributeFile(file, date, (rows) => {
        message.textContent = `Attributing ${file.name}: ${formatCount(rows)} rows…`;
      });
      saveBlob(out.blob, out.filename);
      message.textContent = out.geojson
        ? `Done: ${out.filename} saved.`
        : `Done: ${formatCount(out.summary.rows)} rows attributed.`;
      if (!out.geojson) renderSummary(result, out.summary, out.filename);
    } catch (error) {
      message.textContent = typeof error.describe === 'function' ? error.describe() : String(error.message || error);
    } finally {
      button.disabled = false;
    }
  });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}
