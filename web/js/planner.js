// Planner tools: pick a saved footprint, upload a GeoJSON polygon or draw one on the map,
// then show which areas, patrol agencies, dispatch centres and contracts cover it.

import {
  listFootprints, footprintOverlay, footprintCsvUrl, postOverlay, postOverlayCsv, getLayer, isAbort,
} from './api.js';
import { el, add, clear, formatDate, formatKm2, formatShare } from './dom.js';

const L = window.L;

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Boundary slivers: an area that overlaps the footprint by less than SLIVER_KM2 and less than
 * SLIVER_SHARE of its own area (or an agency row covering less than SLIVER_KM2 and SLIVER_SHARE
 * of the footprint) is an edge effect of two boundary files that do not quite agree, not
 * coverage. Such rows are folded into one "edge effects" line; the CSV keeps every row.
 */
export const SLIVER_KM2 = 0.01;
export const SLIVER_SHARE = 0.01;

function isSliverArea(a) {
  return typeof a.area_km2 === 'number' && a.area_km2 < SLIVER_KM2
    && typeof a.share_of_area === 'number' && a.share_of_area < SLIVER_SHARE;
}

export function isSliverRow(row) {
  return typeof row.area_km2 === 'number' && row.area_km2 < SLIVER_KM2
    && typeof row.share_of_footprint === 'number' && row.share_of_footprint < SLIVER_SHARE;
}

const KIND_WORDS = {
  municipality: 'Municipality',
  unincorporated: 'Unincorporated',
  independent_city: 'Independent city',
};

/** "Unincorporated" under a name that does not already say what kind of area it is. */
function kindTag(area) {
  const words = KIND_WORDS[area.kind] || area.kind;
  if (!area.kind || area.kind === 'municipality') return null;
  if (String(area.name || '').toLowerCase().includes(String(words).toLowerCase())) return null;
  return el('span', { class: 'kind', text: words });
}

/**
 * Saves a Blob as a file: an object URL made now, a temporary download link clicked, and the
 * URL revoked once the click has handed the file to the browser.
 */
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

/**
 * Reduces uploaded GeoJSON to something POST api/overlay accepts: a Polygon, a
 * MultiPolygon or a Feature with one of those. A FeatureCollection's polygons are merged
 * into one MultiPolygon. Throws an Error with a readable message otherwise.
 */
export function normaliseFootprint(geojson) {
  if (!geojson || typeof geojson !== 'object') throw new Error('The file is not GeoJSON.');
  const polygonsOf = (geometry) => {
    if (!geometry) return [];
    if (geometry.type === 'Polygon') return [geometry.coordinates];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates;
    if (geometry.type === 'GeometryCollection') return (geometry.geometries || []).flatMap(polygonsOf);
    return [];
  };
  let polygons;
  if (geojson.type === 'FeatureCollection') {
    polygons = (geojson.features || []).flatMap((f) => polygonsOf(f && f.geometry));
  } else if (geojson.type === 'Feature') {
    polygons = polygonsOf(geojson.geometry);
  } else {
    polygons = polygonsOf(geojson);
  }
  if (polygons.length === 0) {
    throw new Error('The file has no Polygon or MultiPolygon. Points and lines cannot be used as a footprint.');
  }
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Signed area of a lon/lat ring (positive = counter-clockwise). */
function signedArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i += 1) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

function round6(n) {
  return Math.round(n * 1e6) / 1e6;
}

export class Planner {
  /**
   * elements: { select, upload, drawStart, drawUndo, drawFinish, drawCancel, drawStatus,
   *             drawBanner, message, report }
   * options: { mapView, getDate(), onChange(footprintId | null), onError(error) }
   */
  constructor(elements, options) {
    this.e = elements;
    this.o = options;
    this.current = null; // {kind: 'saved', id} | {kind: 'custom', geometry, label}
    this.controller = null;
    this.footprintGeometries = null;
    this.drawing = null;
    this.csvBusy = false;

    this.e.select.addEventListener('change', () => {
      const id = this.e.select.value;
      if (id) this.selectFootprint(id);
      else this.clear();
    });
    this.e.upload.addEventListener('change', () => {
      const file = this.e.upload.files && this.e.upload.files[0];
      if (file) this.uploadFile(file);
    });
    this.e.clearButton?.addEventListener('click', () => {
      if (this.drawing) this.cancelDrawing();
      this.clear();
      this.setMessage('Footprint and report cleared.');
    });
    this.e.drawStart.addEventListener('click', () => this.startDrawing());
    this.e.drawUndo.addEventListener('click', () => this.undoPoint());
    this.e.drawFinish.addEventListener('click', () => this.finishDrawing());
    this.e.drawCancel.addEventListener('click', () => this.cancelDrawing());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.drawing) this.cancelDrawing();
    });
  }

  /** Fills the footprint select from api/footprints. */
  async init() {
    try {
      const footprints = await listFootprints();
      for (const f of footprints || []) {
        const label = typeof f.area_km2 === 'number' ? `${f.name} — ${formatKm2(f.area_km2)} km²` : f.name;
        this.e.select.appendChild(el('option', { value: f.id, title: f.description || null, text: label }));
      }
    } catch (error) {
      this.setMessage('Saved footprints could not be loaded.');
      this.o.onError(error);
    }
  }

  get footprintId() {
    return this.current && this.current.kind === 'saved' ? this.current.id : null;
  }

  setMessage(text) {
    this.e.message.textContent = text || '';
  }

  /** Shows the overlay report of a saved footprint. */
  async selectFootprint(id, { fit = true } = {}) {
    if (this.drawing) this.cancelDrawing();
    if (this.e.select.value !== id) {
      this.e.select.value = id;
      if (this.e.select.value !== id) {
        // Not (yet) in the list: add it so the select shows what the report is about.
        this.e.select.appendChild(el('option', { value: id, text: id }));
        this.e.select.value = id;
      }
    }
    this.current = { kind: 'saved', id };
    this.o.onChange(id);
    const geometryPromise = this.footprintGeometry(id);
    await this.run(
      (signal) => footprintOverlay(id, this.o.getDate(), signal),
      { csvHref: footprintCsvUrl(id, this.o.getDate()) },
    );
    const geometry = await geometryPromise;
    if (this.current && this.current.kind === 'saved' && this.current.id === id) {
      this.o.mapView.showFootprint(geometry, { fit });
    }
  }

  async footprintGeometry(id) {
    try {
      if (!this.footprintGeometries) {
        this.footprintGeometries = getLayer('footprints', null).then((fc) => fc.features || []);
      }
      const features = await this.footprintGeometries;
      return features.find((f) => f.id === id || (f.properties && f.properties.id === id)) || null;
    } catch (error) {
      this.footprintGeometries = null;
      if (!isAbort(error)) this.o.onError(error);
      return null;
    }
  }

  /** Shows the report of an uploaded or drawn polygon (POST api/overlay). */
  async runCustom(geometry, label) {
    this.current = { kind: 'custom', geometry, label };
    this.e.select.value = '';
    this.o.onChange(null);
    this.o.mapView.showFootprint(geometry);
    await this.run((signal) => postOverlay(geometry, this.o.getDate(), signal), { csvGeometry: geometry, label });
  }

  /** Runs the current footprint again (after the date changed). */
  refresh() {
    if (!this.current) return Promise.resolve();
    if (this.current.kind === 'saved') {
      const id = this.current.id;
      return this.run((signal) => footprintOverlay(id, this.o.getDate(), signal),
        { csvHref: footprintCsvUrl(id, this.o.getDate()) });
    }
    const { geometry, label } = this.current;
    return this.run((signal) => postOverlay(geometry, this.o.getDate(), signal), { csvGeometry: geometry, label });
  }

  /**
   * Fetches a report and shows it. The report's "Download CSV" is csvHref (a saved footprint's
   * server link) or, for an uploaded or drawn polygon, a POST of csvGeometry for the server's CSV.
   */
  async run(fetcher, { csvHref = null, csvGeometry = null, label = null }) {
    if (this.controller) this.controller.abort();
    const controller = new AbortController();
    this.controller = controller;
    const report = this.e.report;
    report.setAttribute('aria-busy', 'true');
    delete report.dataset.loaded;
    report.classList.add('is-loading');
    this.setMessage('Working out what covers this footprint…');
    try {
      const data = await fetcher(controller.signal);
      if (this.controller !== controller) return;
      this.renderReport(data, { csvHref, csvGeometry, label });
      const all = Array.isArray(data.areas) ? data.areas : [];
      const areas = all.filter((a) => !isSliverArea(a)).length;
      const edges = all.length - areas;
      this.setMessage(`Report ready: ${areas} ${areas === 1 ? 'area' : 'areas'} overlap this footprint${edges ? ` (and ${edges} boundary ${edges === 1 ? 'sliver' : 'slivers'}, listed as edge effects)` : ''}.`);
    } catch (error) {
      if (isAbort(error) || this.controller !== controller) return;
      report.hidden = true;
      clear(report);
      if (this.current && this.current.kind === 'custom') {
        // A rejected polygon leaves nothing behind: no outline, no report of another one.
        this.current = null;
        this.o.mapView.showFootprint(null);
      }
      if (error.status >= 400 && error.status < 500) {
        this.setMessage(`The footprint could not be used: ${error.describe ? error.describe() : error.message}`);
      } else {
        this.setMessage('The overlay report could not be made.');
        this.o.onError(error);
      }
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        report.removeAttribute('aria-busy');
        report.classList.remove('is-loading');
      }
    }
  }

  /** Removes the footprint, its outline and its report. */
  clear() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    this.current = null;
    this.e.select.value = '';
    this.e.upload.value = '';
    this.o.mapView.showFootprint(null);
    clear(this.e.report);
    this.e.report.hidden = true;
    delete this.e.report.dataset.loaded;
    this.setMessage('');
    this.o.onChange(null);
  }

  /** Asks the server for the CSV of a polygon's report (POST api/overlay?format=csv) and saves it. */
  async downloadCsv(geometry, date, button) {
    if (this.csvBusy) return;
    this.csvBusy = true;
    button.setAttribute('aria-busy', 'true');
    this.setMessage('Preparing the CSV…');
    try {
      const { blob, filename } = await postOverlayCsv(geometry, date);
      const name = filename || `patrolmap-overlay-${date}.csv`;
      saveBlob(blob, name);
      this.setMessage(`CSV saved as ${name}.`);
    } catch (error) {
      this.setMessage('The CSV could not be made.');
      this.o.onError(error);
    } finally {
      this.csvBusy = false;
      button.removeAttribute('aria-busy');
    }
  }

  renderReport(data, { csvHref, csvGeometry, label }) {
    const report = this.e.report;
    clear(report);
    const footprint = data.footprint || {};
    const areaNames = new Map((data.areas || []).map((a) => [a.id, a.name]));
    for (const f of this.o.mapView.areaFeatures()) {
      const p = f.properties || {};
      if (p.id && !areaNames.has(p.id)) areaNames.set(p.id, p.name);
    }
    const date = this.o.getDate();
    const counted = (data.areas || []).filter((a) => !isSliverArea(a));
    const slivers = (data.areas || []).filter(isSliverArea);
    const sliverIds = new Set(slivers.map((a) => a.id));
    const withoutSlivers = (rows) => (rows || [])
      .filter((row) => !isSliverRow(row))
      .map((row) => ({ ...row, areas: (row.areas || []).filter((id) => !sliverIds.has(id)) }));
    const edgeLine = slivers.length
      ? el('p', { class: 'muted edge-effects', dataset: { role: 'edge-effects' } },
        el('strong', { text: 'Edge effects (not counted): ' }),
        slivers.map((a) => `${a.name || a.id} (${formatKm2(a.area_km2)} km²)`).join(', '),
        ` — overlaps under ${SLIVER_KM2} km² and ${SLIVER_SHARE * 100} % of the area, where two boundary files meet.`)
      : null;

    const csvLink = csvHref
      ? el('a', { class: 'btn btn-secondary', id: 'overlay-csv', href: csvHref, download: true, text: 'Download CSV' })
      : el('button', {
        type: 'button',
        class: 'btn btn-secondary',
        id: 'overlay-csv',
        text: 'Download CSV',
        on: { click: (event) => this.downloadCsv(csvGeometry, date, event.currentTarget) },
      });
    const title = label || footprint.name || footprint.id || 'Footprint';

    add(report,
      el('h3', { id: 'overlay-title', class: 'report-title', text: title }),
      el('p', { class: 'muted' },
        typeof footprint.area_km2 === 'number' ? `${formatKm2(footprint.area_km2)} km² · ` : '',
        `as of ${formatDate(date)}`),
      el('p', { class: 'btn-row' },
        csvLink,
        el('button', { type: 'button', class: 'btn btn-link', text: 'Clear footprint', on: { click: () => this.clear() } })),
      this.table('overlay-areas', 'Municipalities and areas', false,
        [{ text: 'Name' }, { text: 'km²', num: true },
          { text: '% of footprint', num: true }, { text: '% of the area inside', num: true }],
        counted.map((a) => [
          [a.name || a.id, kindTag(a)],
          formatKm2(a.area_km2), formatShare(a.share_of_footprint), formatShare(a.share_of_area)])),
      edgeLine,
      this.serviceTable('overlay-patrol', 'Patrol agencies', 'Agency', withoutSlivers(data.patrol), areaNames),
      this.serviceTable('overlay-dispatch', 'Dispatch centres', 'Dispatch centre', withoutSlivers(data.dispatch), areaNames),
      this.serviceTable('overlay-contracts', 'Contracts', 'Contractor', withoutSlivers(data.contracts), areaNames),
      el('p', { class: 'muted', text: '“% of footprint” is the share of the footprint’s area; “% of the area inside” is how much of each municipality lies inside the footprint. “By rule” means a cited general rule decides the provider (no row names it); unknown means neither a cited provider nor a rule on this date.' }),
    );
    report.hidden = false;
    report.dataset.loaded = 'true';
  }

  serviceTable(id, caption, nameHeading, rows, areaNames) {
    return this.table(id, caption, true,
      [{ text: nameHeading }, { text: 'km²', num: true }, { text: '% of footprint', num: true }, { text: 'Municipalities' }],
      (rows || []).map((row) => {
        const agency = row.agency || {};
        const unknown = !agency.id;
        const fn = row.function ? `${row.function.charAt(0).toUpperCase()}${row.function.slice(1)}: ` : '';
        const rule = row.status === 'by_rule' ? ' (by rule)' : '';
        const name = el('span', { class: unknown ? 'agency-name is-unknown' : 'agency-name' },
          `${fn}${unknown ? `${agency.name || 'Unknown'} (no cited provider)` : `${agency.name || agency.id}${rule}`}`);
        const names = (row.areas || []).map((a) => areaNames.get(a) || a);
        return [name, formatKm2(row.area_km2), formatShare(row.share_of_footprint), names.join(', ')];
      }));
  }

  /**
   * A table (stacked: rows drawn as blocks); columns: [{text, num}], rows: arrays of cells (node or text), the first cell
   * heads its row. Explicit ARIA roles keep the table semantics when narrow screens
   * restyle the rows as blocks; data-label names each cell's column there.
   */
  table(id, caption, stacked, columns, rows) {
    const body = rows.length
      ? rows.map((cells) => el('tr', { role: 'row' }, cells.map((cell, i) => (i === 0
        ? el('th', { scope: 'row', role: 'rowheader' }, cell)
        : el('td', { role: 'cell', class: columns[i].num ? 'num' : null, dataset: { label: columns[i].text } }, cell)))))
      : el('tr', { role: 'row' }, el('td', { role: 'cell', colspan: columns.length, class: 'muted empty', text: 'None.' }));
    const table = el('table', { id, class: stacked ? 'report-table stacked' : 'report-table', role: 'table' },
      el('caption', { text: caption }),
      el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' },
        columns.map((c) => el('th', { scope: 'col', role: 'columnheader', class: c.num ? 'num' : null, text: c.text })))),
      el('tbody', { role: 'rowgroup' }, body));
    return el('div', { class: 'table-wrap', role: 'region', 'aria-label': `Footprint report: ${caption}`, tabindex: '0' }, table);
  }

  // ---- drawing ---------------------------------------------------------------------

  startDrawing() {
    if (this.drawing) return;
    const map = this.o.mapView.map;
    this.drawing = { points: [], layer: L.layerGroup().addTo(map) };
    map.doubleClickZoom.disable();
    map.getContainer().classList.add('is-drawing');
    this.e.drawBanner.hidden = false;
    this.e.drawStart.hidden = true;
    this.e.drawUndo.hidden = false;
    this.e.drawFinish.hidden = false;
    this.e.drawCancel.hidden = false;
    this.updateDrawing();
  }

  /** Adds a corner at a point (called for map clicks while drawing). */
  addPoint(lon, lat) {
    if (!this.drawing) return;
    this.drawing.points.push([round6(lon), round6(lat)]);
    this.updateDrawing();
  }

  undoPoint() {
    if (!this.drawing) return;
    this.drawing.points.pop();
    this.updateDrawing();
  }

  updateDrawing() {
    const { points, layer } = this.drawing;
    layer.clearLayers();
    const latlngs = points.map(([lon, lat]) => [lat, lon]);
    if (latlngs.length >= 2) {
      L.polyline(latlngs, { pane: 'pm-draw', color: '#1d4ed8', weight: 3, interactive: false }).addTo(layer);
    }
    if (latlngs.length >= 3) {
      L.polyline([latlngs[latlngs.length - 1], latlngs[0]], {
        pane: 'pm-draw', color: '#1d4ed8', weight: 2, dashArray: '4 6', interactive: false,
      }).addTo(layer);
    }
    for (const ll of latlngs) {
      L.circleMarker(ll, {
        pane: 'pm-draw', radius: 5, color: '#1d4ed8', weight: 2, fillColor: '#ffffff', fillOpacity: 1, interactive: false,
      }).addTo(layer);
    }
    const n = points.length;
    this.e.drawFinish.disabled = n < 3;
    this.e.drawUndo.disabled = n === 0;
    this.e.drawStatus.textContent = n === 0
      ? 'Click the map to add the first corner. With the map focused, Enter adds a corner at the centre.'
      : `${n} corner${n === 1 ? '' : 's'}. ${n < 3 ? 'Add at least 3.' : 'Add more, or press Finish.'}`;
  }

  stopDrawing() {
    const map = this.o.mapView.map;
    if (this.drawing) map.removeLayer(this.drawing.layer);
    this.drawing = null;
    map.doubleClickZoom.enable();
    map.getContainer().classList.remove('is-drawing');
    this.e.drawBanner.hidden = true;
    this.e.drawStart.hidden = false;
    this.e.drawUndo.hidden = true;
    this.e.drawFinish.hidden = true;
    this.e.drawCancel.hidden = true;
  }

  cancelDrawing() {
    if (!this.drawing) return;
    this.stopDrawing();
    this.e.drawStatus.textContent = 'Drawing cancelled.';
    this.e.drawStart.focus();
  }

  finishDrawing() {
    if (!this.drawing || this.drawing.points.length < 3) return;
    const ring = [...this.drawing.points, this.drawing.points[0]];
    if (signedArea(ring) < 0) ring.reverse(); // RFC 7946: outer rings counter-clockwise
    this.stopDrawing();
    this.e.drawStatus.textContent = '';
    this.e.drawStart.focus();
    this.runCustom({ type: 'Polygon', coordinates: [ring] }, 'Drawn polygon');
  }

  // ---- upload ----------------------------------------------------------------------

  uploadFile(file) {
    if (this.drawing) this.cancelDrawing();
    if (file.size > MAX_UPLOAD_BYTES) {
      this.clear();
      this.setMessage(`That file is ${(file.size / 1048576).toFixed(1)} MB; the limit is 10 MB. Simplify the polygon first.`);
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      let geometry;
      try {
        geometry = normaliseFootprint(JSON.parse(String(reader.result)));
      } catch (error) {
        this.clear();
        this.setMessage(error instanceof SyntaxError ? 'That file is not valid JSON.' : error.message);
        return;
      }
      this.runCustom(geometry, `Uploaded: ${file.name}`);
    });
    reader.addEventListener('error', () => this.setMessage('The file could not be read.'));
    this.setMessage(`Reading ${file.name}…`);
    reader.readAsText(file);
  }
}
