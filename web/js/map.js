// The Leaflet map: optional base tiles, the four data layers (areas, patrol, dispatch,
// contracts), their legends, the lookup marker and the footprint outline.
// Leaflet is loaded as a classic script and used through window.L.

import { getLayer, isAbort } from './api.js';
import { el, clear, formatDate, joinNames, safeUrl } from './dom.js';

const L = window.L;

/** The toggleable data layers, bottom to top. */
export const LAYER_IDS = ['areas', 'patrol', 'dispatch', 'contracts'];

/** Layers whose content depends on the date (areas are fixed per dataset). */
const DATED = new Set(['patrol', 'dispatch', 'contracts']);

/**
 * From this zoom the layers are drawn in full detail; below it the server's simplified
 * boundaries (detail=low, a few times smaller) are drawn, which differ by less than a pixel.
 */
export const FULL_DETAIL_ZOOM = 13;

/**
 * Below this zoom (the whole region on one screen, where the map opens) the server's overview
 * boundaries (detail=overview, simplified to about 100 m, under a pixel there) are drawn.
 */
export const LOW_DETAIL_ZOOM = 10.5;

/**
 * Where the map opens when nothing else is known: all of St. Louis City and County (the extent
 * of the areas, [[south, west], [north, east]]). Fitting it at once, rather than after the areas
 * arrive, asks for the base-map tiles of the view that stays and draws the areas only once.
 */
const REGION = [[38.3875, -90.7366], [38.8912, -90.1177]];

/** Polygons added to the map per task when a layer is first drawn (see addInSlices). */
const SLICE = 12;

/** Lets the browser handle input and paint before the next piece of work. */
function yieldToMain() {
  if (window.scheduler && typeof window.scheduler.yield === 'function') return window.scheduler.yield();
  return new Promise((resolve) => { setTimeout(resolve, 0); });
}

/**
 * Adds a layer group to the map a slice of SLICE shapes per task, so drawing a hundred polygons
 * never blocks the page for long (a phone keeps scrolling and paints the base map meanwhile).
 * The group always ends up complete, also if it is removed from the map or shown again while
 * its shapes are being added.
 */
async function addInSlices(group, map) {
  const shapes = group.getLayers();
  if (shapes.length <= SLICE) {
    group.addTo(map);
    return;
  }
  for (const shape of shapes) group.removeLayer(shape);
  group.addTo(map);
  for (let i = 0; i < shapes.length; i += SLICE) {
    if (i > 0) await yieldToMain();
    for (const shape of shapes.slice(i, i + SLICE)) group.addLayer(shape);
  }
}

/** The marker of an area's name label (see MapView.areaLabel). */
function labelMarker({ lines, place }) {
  const text = el('span', { class: 'pm-label-text', 'aria-hidden': 'true' },
    lines.map((line, i) => el('span', { class: i === 0 ? 'pm-label-name' : 'pm-label-sub', text: line })));
  return L.marker([place.lat, place.lon], {
    icon: L.divIcon({ className: 'pm-label', html: text, iconSize: null }),
    interactive: false,
    keyboard: false,
    pane: 'pm-labels',
  });
}

/**
 * Chromium makes SVG shapes with focus listeners (Leaflet's tooltips) Tab stops: a hundred
 * unnamed stops between the map and the page. Keyboard users look up with the map's own Enter
 * and arrows, or search, instead. Applied whenever the shape is (re)drawn.
 */
function notTabbable(shape) {
  shape.on('add', () => shape.getElement?.()?.setAttribute('tabindex', '-1'));
}

const HATCH = 'url(#pm-hatch)';

/** Hover tooltips sit below the pointer: the lookup marker stands above the point it marks. */
const TOOLTIP = { sticky: true, direction: 'bottom', offset: [0, 18] };

export const ARRANGEMENT_WORDS = {
  own_department: 'own department',
  contract: 'under contract',
  cooperative: 'cooperative',
  county_default: 'County police (unincorporated area)',
};

export const FUNCTION_WORDS = {
  patrol: 'Patrol',
  dispatch: '911 dispatch',
  records: 'Records',
};

const CONTRACT_COLOURS = {
  patrol: '#b45309',
  dispatch: '#6d28d9',
  records: '#0f766e',
};

const AREA_FILLS = {
  municipality: '#ffffff',
  unincorporated: '#ece9df',
  independent_city: '#f5ecd7',
};

/** 32-bit FNV-1a hash of a string. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A colour for an agency, derived only from its id, so the same agency has the same
 * colour in every layer, session and browser. Returns hsl components.
 */
export function agencyHsl(agencyId) {
  const h = hash(String(agencyId));
  return {
    h: h % 360,
    s: [48, 60][(h >>> 11) % 2],
    l: [50, 58, 66][(h >>> 13) % 3],
  };
}

export function agencyColour(agencyId, alpha = 1) {
  const { h, s, l } = agencyHsl(agencyId);
  return alpha === 1 ? `hsl(${h}, ${s}%, ${l}%)` : `hsla(${h}, ${s}%, ${l}%, ${alpha})`;
}

function darker(agencyId) {
  const { h, s, l } = agencyHsl(agencyId);
  return `hsl(${h}, ${s}%, ${Math.max(l - 24, 20)}%)`;
}

function kindWords(props) {
  if (props.kind === 'independent_city') return 'Independent city';
  if (props.kind === 'unincorporated') {
    const localities = Array.isArray(props.localities) ? props.localities.filter(Boolean) : [];
    return localities.length
      ? `${localities.join(', ')}, unincorporated St. Louis County`
      : 'Unincorporated St. Louis County';
  }
  return 'Municipality';
}

/** A patrol/dispatch feature names its provider: from cited rows, or from a cited rule (labelled). */
function providerKnown(props) {
  return (props.status === 'known' || props.status === 'by_rule') && Boolean(props.agency_id);
}

function tooltipBox(title, ...lines) {
  return el('div', { class: 'pm-tooltip' },
    el('strong', { text: title }),
    lines.filter(Boolean).map((line) => el('div', { text: line })));
}

function areaTooltip(props) {
  return tooltipBox(props.name || 'Unnamed area', kindWords(props));
}

function serviceTooltip(layerId, props) {
  const role = layerId === 'patrol' ? 'Patrol' : '911 dispatch';
  const names = Array.isArray(props.area_names) ? props.area_names : [];
  const arrangements = (props.arrangements || []).map((a) => ARRANGEMENT_WORDS[a] || a).join(', ');
  if (!providerKnown(props)) {
    return tooltipBox(`${role}: not known on this date`, names.length ? `Areas: ${joinNames(names, 5)}` : null);
  }
  const byRule = props.status === 'by_rule';
  return tooltipBox(`${role}: ${props.agency_name || props.agency_id}${byRule ? ' (by rule)' : ''}`,
    byRule ? 'Decided by a cited general rule, not by a cited row' : null,
    arrangements ? `Arrangement: ${arrangements}` : null,
    names.length ? `Areas: ${joinNames(names, 5)}` : null);
}

function contractTooltip(props) {
  const fn = FUNCTION_WORDS[props.function] || props.function || 'Service';
  const dates = [props.since ? `since ${formatDate(props.since)}` : null,
    props.until ? `until ${formatDate(props.until)}` : null].filter(Boolean).join(', ');
  return tooltipBox(`${fn} contract: ${props.area_name || props.area_id}`,
    `Provider: ${props.agency_name || props.agency_id || 'unknown'}`, dates || null);
}

// ---- area name labels ------------------------------------------------------------

/** The polygons (arrays of rings of [lon, lat]) of a GeoJSON Polygon or MultiPolygon. */
function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** Rough planar area of a ring in square degrees (only used to pick the largest part). */
function ringArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i += 1) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return Math.abs(sum / 2);
}

/**
 * Where to write a polygon's name: on the horizontal line through the middle of its largest
 * part, the middle of the widest stretch that lies inside it (holes and bays excluded), so the
 * label is inside even for a C-shaped town. Returns {lon, lat, west, east, south, north} or null.
 */
export function labelPlace(geometry) {
  const polygons = polygonsOf(geometry).filter((p) => p.length && p[0].length >= 4);
  if (polygons.length === 0) return null;
  const largest = polygons.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
  let south = Infinity;
  let north = -Infinity;
  for (const [, y] of largest[0]) {
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  const y = (south + north) / 2;
  const crossings = [];
  for (const ring of largest) {
    for (let i = 0; i < ring.length - 1; i += 1) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) {
        crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
      }
    }
  }
  crossings.sort((a, b) => a - b);
  let best = null;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (!best || crossings[i + 1] - crossings[i] > best.east - best.west) {
      best = { west: crossings[i], east: crossings[i + 1] };
    }
  }
  if (!best) return null;
  return { lon: (best.west + best.east) / 2, lat: y, west: best.west, east: best.east, south, north };
}

/** The words on the map for an area: its name, or "Unincorporated" and its places. */
function labelLines(props) {
  if (props.kind === 'unincorporated') {
    const localities = Array.isArray(props.localities) ? props.localities.filter(Boolean) : [];
    return localities.length ? ['Unincorporated', localities.slice(0, 3).join(', ')] : ['Unincorporated'];
  }
  return [props.name || ''];
}

/** Legend entries (one per agency, unknown last) built from a patrol/dispatch layer. */
function serviceLegend(geojson) {
  const byAgency = new Map();
  let unknownAreas = 0;
  for (const feature of geojson.features || []) {
    const p = feature.properties || {};
    const count = Array.isArray(p.areas) ? p.areas.length : 1;
    if (!providerKnown(p)) {
      unknownAreas += count;
      continue;
    }
    const byRule = p.status === 'by_rule';
    const key = `${p.agency_id}${byRule ? '|rule' : ''}`;
    const entry = byAgency.get(key)
      || { id: p.agency_id, name: `${p.agency_name || p.agency_id}${byRule ? ' (by rule)' : ''}`, byRule, areas: 0 };
    entry.areas += count;
    byAgency.set(key, entry);
  }
  const entries = [...byAgency.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((e) => ({
      swatch: agencyColour(e.id, e.byRule ? 0.3 : 0.6), border: darker(e.id), dashed: e.byRule, label: e.name, count: e.areas,
    }));
  if (unknownAreas > 0) {
    entries.push({ hatch: true, label: 'Not known on this date', count: unknownAreas });
  }
  return entries;
}

function contractLegend(geojson) {
  const present = new Set((geojson.features || []).map((f) => (f.properties || {}).function));
  return Object.keys(CONTRACT_COLOURS)
    .filter((fn) => present.has(fn))
    .map((fn) => ({ line: CONTRACT_COLOURS[fn], label: `${FUNCTION_WORDS[fn]} contract` }));
}

/** Renders legend entries into a container (built with DOM nodes only). */
export function renderLegend(container, entries) {
  clear(container);
  if (!entries || entries.length === 0) {
    container.hidden = true;
    return;
  }
  const list = el('ul', { class: 'legend-list' });
  for (const entry of entries) {
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    if (entry.hatch) swatch.classList.add('swatch-hatch');
    else if (entry.line) {
      swatch.classList.add('swatch-line');
      swatch.style.borderColor = entry.line;
    } else {
      swatch.style.background = entry.swatch;
      swatch.style.borderColor = entry.border;
      if (entry.dashed) swatch.style.borderStyle = 'dashed';
    }
    list.appendChild(el('li', {}, swatch,
      el('span', { class: 'legend-label', text: entry.label }),
      entry.count ? el('span', { class: 'legend-count', text: `${entry.count} ${entry.count === 1 ? 'area' : 'areas'}` }) : null));
  }
  container.appendChild(list);
  container.hidden = false;
  // A list that scrolls must be reachable by keyboard to scroll it (WCAG 2.1.1). Whether it
  // scrolls is known only once it is laid out — which may be later, when a hidden or collapsed
  // panel opens — so it is checked again whenever its size changes.
  const keyboardReachableWhenScrolling = () => {
    if (list.scrollHeight > list.clientHeight + 1) {
      list.tabIndex = 0;
      list.setAttribute('aria-label', container.getAttribute('aria-label') || 'Legend');
    }
  };
  keyboardReachableWhenScrolling();
  requestAnimationFrame(keyboardReachableWhenScrolling);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(keyboardReachableWhenScrolling).observe(list);
  }
}

/**
 * Builds a custom attribution control from DOM nodes. The tile attribution may contain
 * simple HTML (links); it is parsed inertly and only text and http(s) links are kept.
 */
function attributionControl(tileAttribution) {
  const Control = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd() {
      const box = el('div', { class: 'leaflet-control-attribution leaflet-control pm-attribution' },
        el('a', { href: 'https://leafletjs.com', target: '_blank', rel: 'noopener noreferrer', text: 'Leaflet' }));
      if (tileAttribution) {
        box.appendChild(el('span', { class: 'pm-attr-tiles' }, ' | ', attributionNodes(tileAttribution)));
      }
      box.appendChild(el('span', { class: 'pm-attr-long', text: ' | Boundaries: US Census TIGER/Line 2019 and cartographic boundaries' }));
      L.DomEvent.disableClickPropagation(box);
      return box;
    },
  });
  return new Control();
}

/** Text and safe links out of an attribution string that may contain HTML. */
export function attributionNodes(text) {
  const fragment = document.createDocumentFragment();
  const parsed = new DOMParser().parseFromString(`<body>${text}</body>`, 'text/html');
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) fragment.appendChild(document.createTextNode(child.textContent));
      else if (child.nodeType === Node.ELEMENT_NODE && child.tagName === 'A' && safeUrl(child.getAttribute('href'))) {
        fragment.appendChild(el('a', {
          href: safeUrl(child.getAttribute('href')), target: '_blank', rel: 'noopener noreferrer', text: child.textContent,
        }));
      } else if (child.nodeType === Node.ELEMENT_NODE && !['SCRIPT', 'STYLE'].includes(child.tagName)) walk(child);
    }
  };
  walk(parsed.body);
  return fragment;
}

/**
 * The map and its layers.
 * options: { tileUrl, tileAttribution, view: {lat, lon, zoom} | null, date,
 *            legends: {patrol, dispatch, contracts} (elements),
 *            onLayerState(id, state) where state is 'loading' | 'ready' | 'error' | 'hidden',
 *            onError(error, id), onStatus(text | '') }
 */
export class MapView {
  constructor(element, options) {
    if (!L) throw new Error('Leaflet did not load');
    this.options = options;
    this.date = options.date;
    this.hasTiles = Boolean(options.tileUrl);
    this.clickHandlers = [];
    this.layers = {};
    this.pending = new Map();

    this.map = L.map(element, {
      zoomControl: true,
      attributionControl: false,
      minZoom: 8,
      maxZoom: 18,
      keyboard: true,
      zoomSnap: 0.5,
      worldCopyJump: false,
      // Tiles show at once: fading each in costs a phone a frame of work per tile for 200 ms.
      fadeAnimation: false,
    });
    this.map.addControl(attributionControl(this.hasTiles ? options.tileAttribution : null));
    L.control.scale({ imperial: true, metric: true, position: 'bottomleft' }).addTo(this.map);
    element.classList.toggle('no-tiles', !this.hasTiles);

    const panes = [['pm-areas', 350], ['pm-patrol', 410], ['pm-dispatch', 420], ['pm-contracts', 430],
      ['pm-lines', 440], ['pm-footprint', 450], ['pm-found', 455], ['pm-draw', 460]];
    for (const [name, z] of panes) {
      this.map.createPane(name).style.zIndex = String(z);
    }
    this.map.getPane('pm-lines').style.pointerEvents = 'none';
    this.map.getPane('pm-found').style.pointerEvents = 'none';
    this.map.createPane('pm-labels').style.zIndex = '445';
    this.map.getPane('pm-labels').style.pointerEvents = 'none';
    this.labels = [];
    this.map.on('zoomend', () => {
      this.fitLabels();
      this.refreshDetail();
    });

    if (this.hasTiles) {
      // Offline or blocked tiles: drop the base layer and draw the areas opaque instead.
      let loaded = 0;
      let failed = 0;
      this.tiles = L.tileLayer(options.tileUrl, { maxZoom: 19 })
        .on('tileload', () => { loaded += 1; })
        .on('tileerror', () => {
          failed += 1;
          if (loaded === 0 && failed >= 4) this.dropTiles();
        })
        .addTo(this.map);
    }

    const view = options.view;
    if (view) this.map.setView([view.lat, view.lon], view.zoom);
    else this.map.fitBounds(REGION, { padding: [10, 10], animate: false });

    for (const id of LAYER_IDS) {
      this.layers[id] = {
        visible: false, data: null, dataKey: null, dataDetail: null, group: null, extra: null, controller: null, inflight: null,
      };
    }

    this.touchOnly(element);
    this.map.on('popupopen', () => element.classList.add('pm-popup-open'));
    this.map.on('popupclose', () => element.classList.remove('pm-popup-open'));
    this.map.on('click', (event) => this.emitClick(event.latlng.lng, event.latlng.lat));
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === element) {
        const c = this.map.getCenter();
        event.preventDefault();
        this.emitClick(c.lng, c.lat);
      }
    });

    this.marker = null;
    this.footprint = null;
    this.found = null;
    this.foundController = null;
  }

  /**
   * On a touch screen one finger scrolls the page and two move and zoom the map, as on other
   * maps embedded in pages: Leaflet's one-finger drag is off (its pinch still pans). A one-finger
   * swipe over the map shows a short hint saying so.
   */
  touchOnly(element) {
    if (!window.matchMedia('(pointer: coarse)').matches) return;
    this.map.dragging.disable();
    const hint = el('div', { class: 'touch-hint', 'aria-hidden': 'true', text: 'Use two fingers to move the map' });
    hint.hidden = true;
    element.appendChild(hint);
    let timer = null;
    element.addEventListener('touchmove', (event) => {
      if (event.touches.length !== 1) return;
      hint.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(() => { hint.hidden = true; }, 1500);
    }, { passive: true });
  }

  /** 'overview' below LOW_DETAIL_ZOOM, 'low' below FULL_DETAIL_ZOOM, else 'full'. */
  detail() {
    const zoom = this.map.getZoom();
    if (zoom >= FULL_DETAIL_ZOOM) return 'full';
    return zoom >= LOW_DETAIL_ZOOM ? 'low' : 'overview';
  }

  /** After a zoom: layers drawn at the other level of detail are fetched again. */
  refreshDetail() {
    for (const id of LAYER_IDS) {
      const layer = this.layers[id];
      if (layer && layer.data && (layer.visible || id === 'areas') && layer.dataDetail !== this.detail()) {
        this.ensure(id, id === 'areas').catch(() => {});
      }
    }
  }
  dropTiles() {
    if (!this.tiles) return;
    this.map.removeLayer(this.tiles);
    this.tiles = null;
    this.hasTiles = false;
    this.map.getContainer().classList.add('no-tiles');
    const credit = this.map.getContainer().querySelector('.pm-attr-tiles');
    if (credit) credit.hidden = true;
    const areas = this.layers.areas.group;
    if (areas) areas.setStyle((f) => this.areaStyle(f));
  }

  areaStyle(feature) {
    return {
      stroke: false,
      fill: true,
      fillColor: AREA_FILLS[(feature.properties || {}).kind] || '#ffffff',
      fillOpacity: this.hasTiles ? 0.2 : 0.9,
    };
  }

  /** Registers a handler for a map click (or Enter on the focused map): handler(lon, lat). */
  onClick(handler) {
    this.clickHandlers.push(handler);
  }

  emitClick(lon, lat) {
    for (const handler of this.clickHandlers) handler(lon, lat);
  }

  /** Shows or hides a layer, loading it if needed. Resolves when it is drawn (or hidden). */
  setVisible(id, visible) {
    const layer = this.layers[id];
    layer.visible = visible;
    if (!visible) {
      // A load under way continues: its data is kept for when the layer is shown again.
      this.detach(id);
      this.options.onLayerState?.(id, layer.controller ? 'loading' : 'hidden');
      this.renderLegendFor(id, null);
      this.restyleDispatch();
      return Promise.resolve();
    }
    return this.ensure(id);
  }

  isVisible(id) {
    return this.layers[id].visible;
  }

  visibleLayers() {
    return LAYER_IDS.filter((id) => this.layers[id].visible);
  }

  /** Changes the date: dated layers that are shown are fetched again. */
  setDate(date) {
    this.date = date;
    for (const id of DATED) {
      if (!this.layers[id].visible) this.detach(id);
    }
    return Promise.all(LAYER_IDS.filter((id) => DATED.has(id) && this.layers[id].visible)
      .map((id) => this.ensure(id)));
  }

  /** Loads the areas data whether or not the layer is shown (the outline is the base map). */
  loadAreas() {
    return this.ensure('areas', true);
  }

  /** Makes sure a layer's data for the current date is loaded and, if visible, drawn. */
  ensure(id, force = false) {
    const layer = this.layers[id];
    const wanted = `${DATED.has(id) ? this.date : 'any'}|${this.detail()}`;
    if (layer.data && layer.dataKey === wanted) {
      this.attach(id);
      return Promise.resolve();
    }
    if (!layer.visible && !force) return Promise.resolve();
    if (layer.inflight && layer.inflight.wanted === wanted) return layer.inflight.promise;
    if (layer.controller) layer.controller.abort();
    const controller = new AbortController();
    layer.controller = controller;
    const promise = this.load(id, wanted, controller);
    layer.inflight = { wanted, promise };
    return promise;
  }

  async load(id, wanted, controller) {
    const layer = this.layers[id];
    const [date, detail] = wanted.split('|');
    this.startPending(id);
    this.options.onLayerState?.(id, 'loading');
    try {
      const data = await getLayer(id, DATED.has(id) ? date : null, controller.signal, { detail });
      if (layer.controller !== controller) return;
      this.detach(id);
      layer.data = data;
      layer.dataKey = wanted;
      layer.dataDetail = detail;
      this.build(id);
      await this.attach(id, { gradual: true });
      if (layer.controller !== controller) return;
      this.options.onLayerState?.(id, layer.visible ? 'ready' : 'hidden');
    } catch (error) {
      if (isAbort(error) || layer.controller !== controller) return;
      this.options.onLayerState?.(id, 'error');
      this.options.onError?.(error, id);
      throw error;
    } finally {
      if (layer.controller === controller) {
        layer.controller = null;
        layer.inflight = null;
        this.donePending(id);
      }
    }
  }

  startPending(id) {
    this.pending.set(id, true);
    this.updateStatus();
  }

  donePending(id) {
    this.pending.delete(id);
    this.updateStatus();
  }

  updateStatus() {
    const titles = { areas: 'areas', patrol: 'patrol', dispatch: 'dispatch', contracts: 'contracts' };
    const names = [...this.pending.keys()].map((id) => titles[id] || id);
    this.options.onStatus?.(names.length ? `Loading ${joinNames(names)} layer${names.length > 1 ? 's' : ''}…` : '');
  }

  build(id) {
    const layer = this.layers[id];
    const data = layer.data;
    if (id === 'areas') {
      layer.group = L.geoJSON(data, {
        pane: 'pm-areas',
        style: (f) => this.areaStyle(f),
        onEachFeature: (f, l) => {
          l.bindTooltip(() => areaTooltip(f.properties || {}), TOOLTIP);
          notTabbable(l);
        },
      });
      const lines = L.geoJSON(data, {
        pane: 'pm-lines',
        interactive: false,
        style: (f) => ({
          color: (f.properties || {}).kind === 'independent_city' ? '#2d3748' : '#4a5568',
          weight: (f.properties || {}).kind === 'independent_city' ? 1.6 : 1,
          opacity: 0.9,
          fill: false,
        }),
      });
      this.labels = (data.features || []).map((f) => this.areaLabel(f)).filter(Boolean);
      this.labelGroup = L.layerGroup();
      // Flat, so that the first drawing can add the lines a slice at a time.
      layer.extra = L.layerGroup([...lines.getLayers(), this.labelGroup]);
    } else if (id === 'patrol' || id === 'dispatch') {
      layer.group = L.geoJSON(data, {
        pane: id === 'patrol' ? 'pm-patrol' : 'pm-dispatch',
        style: (f) => this.serviceStyle(id, f.properties || {}),
        onEachFeature: (f, l) => {
          l.bindTooltip(() => serviceTooltip(id, f.properties || {}), TOOLTIP);
          notTabbable(l);
        },
      });
    } else if (id === 'contracts') {
      layer.group = L.geoJSON(data, {
        pane: 'pm-contracts',
        style: (f) => {
          const colour = CONTRACT_COLOURS[(f.properties || {}).function] || '#334155';
          return { color: colour, weight: 2.5, dashArray: '6 4', fillColor: colour, fillOpacity: 0.08 };
        },
        onEachFeature: (f, l) => {
          l.bindTooltip(() => contractTooltip(f.properties || {}), TOOLTIP);
          notTabbable(l);
        },
      });
    }
  }

  serviceStyle(id, props) {
    const known = providerKnown(props);
    // a provider decided by a cited rule: the agency's colour, lighter, with a dashed outline
    const dash = props.status === 'by_rule' ? '5 4' : null;
    const both = id === 'dispatch' && this.layers.patrol.visible;
    if (!known) {
      if (both) {
        // Over the patrol fill an unknown dispatch area is only outlined, grey and dotted.
        return { fill: false, color: '#4b5563', weight: 2.5, dashArray: '2 5', opacity: 0.9 };
      }
      return {
        fill: true, fillColor: HATCH, fillOpacity: 0.95, color: '#6b7280', weight: 0.8, opacity: 0.9, dashArray: null,
      };
    }
    if (both) {
      // Both service layers on: dispatch draws as thick coloured borders over the patrol fill.
      return {
        fill: true, fillColor: agencyColour(props.agency_id), fillOpacity: 0.12, color: darker(props.agency_id), weight: 3, opacity: 0.95, dashArray: dash,
      };
    }
    return {
      fill: true, fillColor: agencyColour(props.agency_id), fillOpacity: dash ? 0.3 : 0.55, color: darker(props.agency_id), weight: dash ? 1.5 : 0.8, opacity: 0.9, dashArray: dash,
    };
  }

  /** A name label for an area, written where it fits inside (see labelPlace). */
  areaLabel(feature) {
    const props = feature.properties || {};
    const place = labelPlace(feature.geometry);
    const lines = labelLines(props);
    if (!place || !lines[0]) return null;
    // About 7 px per character at the label's font size; a label shows only where it fits.
    const width = Math.max(...lines.map((line) => line.length)) * 7 + 6;
    return { lines, marker: null, place, width, height: 15 * lines.length };
  }

  /**
   * Shows each area's name only at zooms where it fits inside the area. A label's marker is made
   * the first time it fits, so the hundred names that do not fit at the opening zoom cost nothing.
   */
  fitLabels() {
    const group = this.labelGroup;
    if (!group) return;
    for (const label of this.labels) {
      const { place, width, height } = label;
      const west = this.map.latLngToContainerPoint([place.lat, place.west]);
      const east = this.map.latLngToContainerPoint([place.lat, place.east]);
      const north = this.map.latLngToContainerPoint([place.north, place.lon]);
      const south = this.map.latLngToContainerPoint([place.south, place.lon]);
      const fits = east.x - west.x >= width && south.y - north.y >= height * 1.6;
      if (fits && !label.marker) label.marker = labelMarker(label);
      if (fits && !group.hasLayer(label.marker)) group.addLayer(label.marker);
      else if (!fits && label.marker && group.hasLayer(label.marker)) group.removeLayer(label.marker);
    }
  }

  restyleDispatch() {
    const group = this.layers.dispatch.group;
    if (group) group.setStyle((f) => this.serviceStyle('dispatch', f.properties || {}));
  }

  /**
   * Draws a loaded layer if it is to be shown. With gradual (a layer's first drawing after a
   * load) its shapes are added a slice per task; the promise resolves once all are drawn.
   */
  async attach(id, { gradual = false } = {}) {
    const layer = this.layers[id];
    if (!layer.visible || !layer.group) return;
    const { group, extra } = layer;
    if (!this.map.hasLayer(group)) {
      if (gradual) await addInSlices(group, this.map);
      else group.addTo(this.map);
    }
    if (extra && !this.map.hasLayer(extra)) {
      if (gradual) await yieldToMain();
      // Hidden or replaced meanwhile: the next attach draws the rest.
      if (layer.group !== group || !layer.visible) return;
      if (gradual) await addInSlices(extra, this.map);
      else extra.addTo(this.map);
      this.fitLabels();
    }
    if (layer.group !== group || !layer.visible) return;
    this.renderLegendFor(id, layer.data);
    this.restyleDispatch();
  }

  detach(id) {
    const layer = this.layers[id];
    if (layer.group && this.map.hasLayer(layer.group)) this.map.removeLayer(layer.group);
    if (layer.extra && this.map.hasLayer(layer.extra)) this.map.removeLayer(layer.extra);
  }

  renderLegendFor(id, data) {
    const container = this.options.legends?.[id];
    if (!container) return;
    if (!data) {
      renderLegend(container, []);
      return;
    }
    renderLegend(container, id === 'contracts' ? contractLegend(data) : serviceLegend(data));
  }

  /** Puts the single lookup marker at a point. */
  showMarker(lon, lat) {
    const latlng = [lat, lon];
    if (!this.marker) {
      this.marker = L.marker(latlng, { title: 'Looked-up point', alt: 'Looked-up point', keyboard: false, zIndexOffset: 500 });
      this.marker.addTo(this.map);
    } else {
      this.marker.setLatLng(latlng);
    }
  }

  /** Pans to a point only when it is outside the visible map. */
  revealPoint(lon, lat) {
    if (!this.map.getBounds().contains([lat, lon])) this.map.panTo([lat, lon]);
  }

  clearMarker() {
    if (this.marker) {
      this.map.removeLayer(this.marker);
      this.marker = null;
    }
  }

  /** Pans to a point, zooming in to street level if needed. */
  focusPoint(lon, lat, minZoom = 14) {
    this.map.setView([lat, lon], Math.max(this.map.getZoom(), minZoom));
  }

  /** Outlines a footprint (GeoJSON) and zooms to it; null clears it. */
  showFootprint(geojson, { fit = true } = {}) {
    if (this.footprint) {
      this.map.removeLayer(this.footprint);
      this.footprint = null;
    }
    if (!geojson) return;
    this.footprint = L.geoJSON(geojson, {
      pane: 'pm-footprint',
      interactive: false,
      style: () => ({ color: '#111827', weight: 3, dashArray: '10 6', fill: true, fillColor: '#111827', fillOpacity: 0.06 }),
    }).addTo(this.map);
    const bounds = this.footprint.getBounds();
    if (fit && bounds.isValid()) {
      this.map.fitBounds(bounds, { padding: [20, 20] });
    }
  }

  /**
   * Outlines the area a lookup found, in full detail (the areas layer filtered to a small box
   * around the point), and with fit brings the whole area into view. null clears it.
   */
  async outlineArea(areaId, lon, lat, { fit = false } = {}) {
    if (this.foundController) this.foundController.abort();
    if (this.found) {
      this.map.removeLayer(this.found);
      this.found = null;
    }
    if (!areaId) return;
    const controller = new AbortController();
    this.foundController = controller;
    const d = 0.0005;
    let data;
    try {
      data = await getLayer('areas', null, controller.signal, { bbox: [lon - d, lat - d, lon + d, lat + d] });
    } catch (error) {
      if (!isAbort(error)) this.options.onError?.(error, 'areas');
      return;
    }
    if (this.foundController !== controller) return;
    this.foundController = null;
    const feature = (data.features || []).find((f) => f.id === areaId);
    if (!feature) return;
    this.found = L.geoJSON(feature, {
      pane: 'pm-found',
      interactive: false,
      style: () => ({ color: '#0b3d91', weight: 4, opacity: 0.95, fill: false, className: 'pm-found' }),
    }).addTo(this.map);
    if (fit) {
      const bounds = this.found.getBounds();
      if (bounds.isValid()) {
        this.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
      }
    }
  }

  /** Brings a box ([[south, west], [north, east]]) into view. */
  fitExtent(bounds) {
    this.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  /** The features of the areas layer (for looking up names by id), or []. */
  areaFeatures() {
    return this.layers.areas.data?.features || [];
  }
}
