// Compare two dates: which areas changed patrol agency or 911 dispatch centre between the date
// in use (A) and another (B) — hatched on the map and listed in a table; with a footprint
// chosen in the planner, its patrol and dispatch shares on both dates side by side.
// Built from the public layers (api/layers/patrol and /dispatch, each feature listing its
// areas) and overlay reports, so nothing new is asked of the server.

import { getLayer, footprintOverlay, isAbort } from './api.js';
import { el, add, clear, formatDate, formatKm2, formatShare, isServedDate } from './dom.js';
import { isSliverRow } from './planner.js';

const L = window.L;
const FUNCTIONS = [['patrol', 'Patrol'], ['dispatch', '911 dispatch']];

/** areaId → {id, name} of the provider (name 'Unknown' when none is cited) for one layer. */
function providersByArea(layer) {
  const out = new Map();
  for (const f of layer.features || []) {
    const p = f.properties || {};
    // a provider decided by a cited rule is that provider (labelled), not "not known"
    const known = (p.status === 'known' || p.status === 'by_rule') && p.agency_id;
    const name = known ? `${p.agency_name || p.agency_id}${p.status === 'by_rule' ? ' (by rule)' : ''}` : 'Not known';
    for (const areaId of p.areas || []) {
      out.set(areaId, { id: known ? p.agency_id : null, name });
    }
  }
  return out;
}

/**
 * The changes between two dates: [{areaId, fn, before, after}] for every area whose provider
 * of a function differs. Exported for tests of the page.
 */
export function changes(layersA, layersB) {
  const out = [];
  for (const [fn] of FUNCTIONS) {
    const a = providersByArea(layersA[fn]);
    const b = providersByArea(layersB[fn]);
    for (const [areaId, before] of a) {
      const after = b.get(areaId);
      if (after && before.id !== after.id) out.push({ areaId, fn, before, after });
    }
  }
  return out;
}

export class Compare {
  /**
   * elements: { toggle (details), input (date), run (button), stop (button), message, result }
   * options: { mapView, getDate(), getFootprintId(), onError(error) }
   */
  constructor(elements, options) {
    this.e = elements;
    this.o = options;
    this.layer = null;
    this.controller = null;
    this.other = null;
    this.e.run.addEventListener('click', () => this.run());
    this.e.stop.addEventListener('click', () => this.stop());
    this.e.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.run();
      }
    });
  }

  setMessage(text) {
    this.e.message.textContent = text || '';
  }

  /** Compares the date in use with the date in the compare field. */
  async run() {
    const a = this.o.getDate();
    const b = this.e.input.value;
    if (!isServedDate(b)) {
      this.setMessage('Enter a whole date to compare with.');
      this.e.input.focus();
      return;
    }
    if (b === a) {
      this.setMessage('Choose a date other than the one in use.');
      return;
    }
    if (this.controller) this.controller.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.other = b;
    this.e.result.setAttribute('aria-busy', 'true');
    this.setMessage(`Comparing ${formatDate(a)} with ${formatDate(b)}…`);
    try {
      const signal = controller.signal;
      const get = (id, date) => getLayer(id, date, signal, { detail: 'low' });
      const footprint = this.o.getFootprintId();
      const [pa, da, pb, db, fa, fb] = await Promise.all([
        get('patrol', a), get('dispatch', a), get('patrol', b), get('dispatch', b),
        footprint ? footprintOverlay(footprint, a, signal) : null,
        footprint ? footprintOverlay(footprint, b, signal) : null,
      ]);
      if (this.controller !== controller) return;
      const changed = changes({ patrol: pa, dispatch: da }, { patrol: pb, dispatch: db });
      this.draw(changed);
      this.render(changed, a, b, fa && fb ? [fa, fb] : null);
      const areas = new Set(changed.map((c) => c.areaId)).size;
      this.setMessage(areas
        ? `${areas} ${areas === 1 ? 'area' : 'areas'} changed patrol or dispatch provider between ${formatDate(a)} and ${formatDate(b)} (hatched on the map).`
        : `No area changed patrol or dispatch provider between ${formatDate(a)} and ${formatDate(b)}.`);
    } catch (error) {
      if (isAbort(error) || this.controller !== controller) return;
      this.setMessage('The comparison could not be made.');
      this.o.onError(error);
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.e.result.removeAttribute('aria-busy');
      }
    }
  }

  /** Runs again after the date in use changed (when a comparison is shown). */
  refresh() {
    if (this.other) this.run();
  }

  stop() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    this.other = null;
    this.draw([]);
    clear(this.e.result);
    this.e.result.hidden = true;
    this.setMessage('');
  }

  /** Hatches the areas that changed, from the areas layer already on the map. */
  draw(changed) {
    const map = this.o.mapView.map;
    if (this.layer) {
      map.removeLayer(this.layer);
      this.layer = null;
    }
    const ids = new Set(changed.map((c) => c.areaId));
    if (ids.size === 0) return;
    if (!map.getPane('pm-compare')) {
      map.createPane('pm-compare').style.zIndex = '435';
      map.getPane('pm-compare').style.pointerEvents = 'none';
    }
    const features = this.o.mapView.areaFeatures().filter((f) => ids.has(f.id));
    this.layer = L.geoJSON({ type: 'FeatureCollection', features }, {
      pane: 'pm-compare',
      interactive: false,
      style: () => ({
        color: '#7c2d12', weight: 2.5, fill: true, fillColor: 'url(#pm-change-hatch)', fillOpacity: 0.9, className: 'pm-changed',
      }),
    }).addTo(map);
  }

  render(changed, a, b, reports) {
    const result = this.e.result;
    clear(result);
    const names = new Map(this.o.mapView.areaFeatures().map((f) => [f.id, (f.properties || {}).name || f.id]));
    const fnWords = new Map(FUNCTIONS);
    const rows = changed
      .map((c) => ({ ...c, name: names.get(c.areaId) || c.areaId }))
      .sort((x, y) => x.name.localeCompare(y.name, 'en') || x.fn.localeCompare(y.fn));
    add(result, this.table('compare-table', `What changed between ${formatDate(a)} and ${formatDate(b)}`,
      ['Area', 'Function', formatDate(a), formatDate(b)],
      rows.map((r) => [r.name, fnWords.get(r.fn), r.before.name, r.after.name])));
    if (reports) {
      const [ra, rb] = reports;
      // Boundary slivers are left out here as in the report (see planner.js).
      const share = (report, fn) => new Map((report[fn] || []).filter((row) => !isSliverRow(row)).map((row) => [
        (row.agency && (row.agency.name || row.agency.id)) || 'Not known', row]));
      for (const [fn, words] of FUNCTIONS) {
        const sa = share(ra, fn);
        const sb = share(rb, fn);
        const agencies = [...new Set([...sa.keys(), ...sb.keys()])].sort((x, y) => x.localeCompare(y, 'en'));
        const cell = (row) => (row ? `${formatKm2(row.area_km2)} km² (${formatShare(row.share_of_footprint)})` : '—');
        add(result, this.table(`compare-footprint-${fn}`,
          `${(ra.footprint && ra.footprint.name) || 'Footprint'}: ${words} on both dates`,
          ['Agency', formatDate(a), formatDate(b)],
          agencies.map((name) => [name, cell(sa.get(name)), cell(sb.get(name))])));
      }
    }
    result.hidden = false;
  }

  table(id, caption, headings, rows) {
    const body = rows.length
      ? rows.map((cells) => el('tr', {}, cells.map((cell, i) => (i === 0
        ? el('th', { scope: 'row', text: cell })
        : el('td', { text: cell })))))
      : el('tr', {}, el('td', { colspan: headings.length, class: 'muted', text: 'No changes.' }));
    return el('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
      el('table', { id, class: 'report-table' },
        el('caption', { text: caption }),
        el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, body)));
  }
}
