// Wiring: configuration, map, search, date, layers, planner, downloads, URL state,
// error banner, and the test hooks on window.patrolmap.

import * as api from './api.js';
import { MapView, LAYER_IDS, attributionNodes } from './map.js';
import {
  el, add, clear, localToday, isIsoDate, isServedDate, formatDate, FIRST_DATE, LAST_DATE,
} from './dom.js';

const $ = (id) => document.getElementById(id);

/** The answer card's code (card.js, contact.js): fetched after the map's areas, or at the first lookup. */
let cardCode = null;
function loadCard() {
  if (!cardCode) cardCode = import('./card.js');
  return cardCode;
}

const DEFAULT_LAYERS = ['areas', 'patrol'];
const NARROW = window.matchMedia('(max-width: 760px)');

const state = {
  config: null,
  today: localToday(),
  date: localToday(),
  point: null,
  mapView: null,
  planner: null,
  compare: null,
  lookupController: null,
  searchController: null,
  layerList: null,
  dateTimer: null,
};

// ---- test hooks -------------------------------------------------------------------

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // a failure is shown in the banner; keep the console clean

window.patrolmap = {
  map: null,
  lookupAt: (lon, lat) => lookupAt(Number(lon), Number(lat)),
  ready,
};

// ---- error banner -----------------------------------------------------------------

function describeError(error) {
  if (!error) return 'Something went wrong.';
  if (typeof error === 'string') return error;
  if (typeof error.describe === 'function') return error.describe();
  return error.message || 'Something went wrong.';
}

function showError(error, prefix = '') {
  const banner = $('error-banner');
  $('error-text').textContent = `${prefix}${describeError(error)}`;
  banner.hidden = false;
}

function hideError() {
  $('error-banner').hidden = true;
  $('error-text').textContent = '';
}

// ---- URL state (location.hash) ----------------------------------------------------

function parseHash() {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const num = (key) => {
    const v = params.get(key);
    return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
  };
  const out = {};
  const lat = num('lat');
  const lon = num('lon');
  const z = num('z');
  if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    out.view = { lat, lon, zoom: z !== null ? Math.min(18, Math.max(8, z)) : 13 };
  }
  const date = params.get('date');
  if (isServedDate(date)) out.date = date;
  if (params.has('layers')) {
    out.layers = params.get('layers').split(',').filter((id) => LAYER_IDS.includes(id));
  }
  const footprint = params.get('footprint');
  if (footprint && /^[A-Za-z0-9_.:-]{1,100}$/.test(footprint)) out.footprint = footprint;
  const pt = (params.get('pt') || '').split(',').map(Number);
  if (pt.length === 2 && pt.every(Number.isFinite) && Math.abs(pt[0]) <= 180 && Math.abs(pt[1]) <= 90) {
    out.pt = { lon: pt[0], lat: pt[1] };
  }
  return out;
}

function writeHash() {
  if (!state.mapView) return;
  const map = state.mapView.map;
  const c = map.getCenter();
  const parts = [
    ['lat', c.lat.toFixed(5)],
    ['lon', c.lng.toFixed(5)],
    ['z', String(map.getZoom())],
  ];
  if (state.date !== state.today) parts.push(['date', state.date]);
  parts.push(['layers', state.mapView.visibleLayers().join(',')]);
  const footprint = state.planner && state.planner.footprintId;
  if (footprint) parts.push(['footprint', footprint]);
  if (state.point) parts.push(['pt', `${state.point.lon.toFixed(6)},${state.point.lat.toFixed(6)}`]);
  const hash = parts.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/gi, ',')}`).join('&');
  const url = `${window.location.pathname}${window.location.search}#${hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, '', url);
  }
}

async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!input) return false;
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

// ---- lookup -----------------------------------------------------------------------

/** Scrolls the card's top into view when it is out of sight (not on a phone: the sheet sums up). */
function revealCard() {
  if (NARROW.matches) return;
  const card = $('card');
  const rect = card.getBoundingClientRect();
  const panel = $('panel').getBoundingClientRect();
  if (rect.top < panel.top || rect.top > panel.bottom - 140) {
    card.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

/** One line for the live region: "Ferguson: Ferguson Police Department, non-emergency (314) …". */
function answerLine(result) {
  const area = (result.area && result.area.name) || 'This point';
  const patrol = result.patrol || {};
  if (patrol.status !== 'known' || !patrol.agency) return `${area}: patrol not known on this date.`;
  const phone = patrol.agency.phone ? `, non-emergency ${patrol.agency.phone}` : '';
  return `${area}: ${patrol.agency.name}${phone}.`;
}

/**
 * On a phone the answer first shows as a bottom sheet over the map's lower edge: the place, who
 * patrols, and the 911 line, with a way to the full card. It never takes a tap meant for the
 * map above it, and closes with its button or Escape.
 */
function showSheet(result) {
  const sheet = $('answer-sheet');
  if (!NARROW.matches || !result) {
    sheet.hidden = true;
    return;
  }
  const patrol = result.patrol && result.patrol.status === 'known' && result.patrol.agency
    ? result.patrol.agency.name : 'not known on this date';
  $('sheet-title').textContent = (result.area && result.area.name) || 'This point';
  $('sheet-patrol').textContent = `Patrol: ${patrol}`;
  sheet.hidden = false;
}

function hideSheet() {
  $('answer-sheet').hidden = true;
}

/**
 * Looks up a point and renders the card. options.pan moves the map to the point,
 * options.focus moves keyboard focus to the card heading when done.
 * Resolves with the lookup answer (or null when there is none).
 */
async function lookupAt(lon, lat, { pan = false, focus = false, fit = false } = {}) {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new Error('lookupAt(lon, lat) needs two numbers');
  }
  const card = $('card');
  state.point = { lon, lat };
  state.mapView.showMarker(lon, lat);
  if (pan && !fit) state.mapView.focusPoint(lon, lat);
  else if (!fit) state.mapView.revealPoint(lon, lat);
  writeHash();

  if (state.lookupController) state.lookupController.abort();
  const controller = new AbortController();
  state.lookupController = controller;
  let cardView;
  try {
    cardView = await loadCard();
  } catch (error) {
    cardCode = null;
    if (state.lookupController === controller) {
      state.lookupController = null;
      showError(error, 'Lookup failed: ');
    }
    return null;
  }
  if (state.lookupController !== controller) return null;
  const { renderCard, renderCardLoading, renderCardMessage } = cardView;
  renderCardLoading(card, lon, lat);

  let result = null;
  try {
    result = await api.lookup(lon, lat, state.date, controller.signal);
    if (state.lookupController !== controller) return null;
    renderCard(card, result, {
      dataset: state.config && state.config.dataset,
      onCopyLink: () => copyText(window.location.href),
    });
    document.title = `${(result.area && result.area.name) || 'Lookup'} — patrolmap`;
    $('announce').textContent = answerLine(result);
    showSheet(result);
    state.mapView.outlineArea(result.area && result.area.id, lon, lat, { fit });
  } catch (error) {
    if (api.isAbort(error) || state.lookupController !== controller) return null;
    hideSheet();
    state.mapView.outlineArea(null);
    if (error.status === 404) {
      renderCardMessage(card, 'Outside the map area',
        'This point is outside St. Louis City and St. Louis County. patrolmap covers only those two.', lon, lat);
    } else if (error.status === 400) {
      renderCardMessage(card, 'This point could not be looked up', describeError(error), lon, lat);
    } else {
      renderCardMessage(card, 'No answer right now',
        'The lookup failed. Please try again in a moment.', lon, lat);
      showError(error, 'Lookup failed: ');
    }
    document.title = 'patrolmap — who polices here?';
  } finally {
    if (state.lookupController === controller) state.lookupController = null;
  }
  if (focus) $('card-title').focus({ preventScroll: true });
  revealCard();
  return result;
}

// ---- search -----------------------------------------------------------------------
// The search box is an ARIA 1.2 combobox: typing lists places from the server's own gazetteer
// (api/search: municipalities, the City, unincorporated localities, agencies, coordinates),
// which needs no outside service; Search (Enter) also asks the address geocoder when the text
// looks like a street address or names no place. When the geocoder is unreachable one calm line
// says so and the places still show.

const MAX_OPTIONS = 8;
const KIND_WORDS = {
  municipality: 'Municipality',
  independent_city: 'Independent city',
  locality: 'Unincorporated place',
  unincorporated: 'Unincorporated area',
  agency: 'Agency',
  coordinates: 'Coordinates',
  address: 'Address',
};

/** Starts with a house number, or has a ZIP code: worth asking the address geocoder. */
function looksLikeAddress(text) {
  return /^\s*\d+[a-z]?\s+\S/i.test(text) || /\b\d{5}\b/.test(text);
}

function setSearchMessage(text) {
  $('search-message').textContent = text;
}

const combo = {
  options: [],
  active: -1,
  timer: null,
  controller: null,
};

function closeList() {
  const list = $('search-listbox');
  clear(list);
  list.hidden = true;
  combo.options = [];
  combo.active = -1;
  const input = $('search-input');
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function setActive(index) {
  const items = $('search-listbox').querySelectorAll('[role=option]');
  combo.active = index;
  items.forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
  const input = $('search-input');
  if (index >= 0 && items[index]) {
    input.setAttribute('aria-activedescendant', items[index].id);
    items[index].scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

/** Shows options: [{label, detail, kind, lon, lat, bbox, area_id}]. */
function showOptions(options) {
  const list = $('search-listbox');
  clear(list);
  combo.options = options.slice(0, MAX_OPTIONS * 2);
  combo.active = -1;
  combo.options.forEach((option, i) => {
    const item = el('li', {
      id: `search-option-${i}`, role: 'option', class: 'candidate', 'aria-selected': 'false', dataset: { kind: option.kind },
    },
    el('span', { class: 'candidate-label', text: option.label }),
    el('span', { class: 'candidate-match', text: option.detail }));
    item.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the box
    item.addEventListener('click', () => choose(option));
    list.appendChild(item);
  });
  list.hidden = combo.options.length === 0;
  $('search-input').setAttribute('aria-expanded', String(combo.options.length > 0));
}

function placeOption(r) {
  return {
    kind: r.kind,
    label: r.name,
    detail: r.detail || KIND_WORDS[r.kind] || r.kind,
    lon: r.lon,
    lat: r.lat,
    bbox: Array.isArray(r.bbox) ? r.bbox : null,
    exact: r.match === 'exact',
  };
}

function addressOption(c) {
  return {
    kind: 'address',
    label: c.label,
    detail: c.match && String(c.match).toLowerCase() !== 'exact' ? 'Address · approximate match' : 'Address',
    lon: c.lon,
    lat: c.lat,
    bbox: null,
    exact: true,
  };
}

/** Goes to a chosen option: places are outlined and brought into view; points are zoomed to. */
function choose(option) {
  closeList();
  $('search-input').value = option.label;
  setSearchMessage(`Showing: ${option.label}`);
  if (option.kind === 'agency' && option.bbox) {
    // An agency is shown over every area it serves, and looked up in its home area.
    const [w, s, e, n] = option.bbox;
    state.mapView.fitExtent([[s, w], [n, e]]);
    lookupAt(option.lon, option.lat, { focus: true, fit: false });
    return;
  }
  const place = option.kind !== 'address' && option.kind !== 'coordinates';
  lookupAt(option.lon, option.lat, { pan: true, focus: true, fit: place });
}

/** Places for the text typed so far (no geocoder: fast, works offline). */
function suggest() {
  clearTimeout(combo.timer);
  const query = $('search-input').value.trim();
  if (query.length < 2) {
    closeList();
    return;
  }
  combo.timer = setTimeout(async () => {
    if (combo.controller) combo.controller.abort();
    const controller = new AbortController();
    combo.controller = controller;
    try {
      const answer = await api.search(query, controller.signal);
      if (combo.controller !== controller || $('search-input').value.trim() !== query) return;
      showOptions((answer.results || []).filter(validPoint).slice(0, MAX_OPTIONS).map(placeOption));
    } catch (error) {
      if (!api.isAbort(error) && combo.controller === controller) closeList();
    }
  }, 150);
}

function validPoint(r) {
  return r && Number.isFinite(r.lon) && Number.isFinite(r.lat);
}

function onSearchKey(event) {
  const open = combo.options.length > 0;
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    if (!open) suggest();
    else setActive(Math.min(combo.options.length - 1, combo.active + 1));
  } else if (event.key === 'ArrowUp') {
    if (!open) return;
    event.preventDefault();
    setActive(Math.max(-1, combo.active - 1));
  } else if (event.key === 'Escape') {
    if (open) {
      event.preventDefault();
      closeList();
    }
  } else if (event.key === 'Enter' && open && combo.active >= 0) {
    event.preventDefault();
    choose(combo.options[combo.active]);
  }
}

async function runSearch(event) {
  event.preventDefault();
  clearTimeout(combo.timer);
  const query = $('search-input').value.trim();
  closeList();
  if (!query) {
    setSearchMessage('Type a place, an agency, an address or coordinates, for example “Ferguson” or “110 Church St, Ferguson”.');
    $('search-input').focus();
    return;
  }
  if (state.searchController) state.searchController.abort();
  const controller = new AbortController();
  state.searchController = controller;
  const button = $('search-button');
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-loading');
  setSearchMessage('Searching…');
  try {
    let places = [];
    let placesFailed = null;
    try {
      places = ((await api.search(query, controller.signal)).results || []).filter(validPoint).map(placeOption);
    } catch (error) {
      if (api.isAbort(error)) throw error;
      placesFailed = error;
    }
    if (state.searchController !== controller) return;
    const coordinates = places.length === 1 && places[0].kind === 'coordinates';
    let addresses = [];
    let addressNote = '';
    if (!coordinates && (looksLikeAddress(query) || places.length === 0)) {
      try {
        const answer = await api.geocode(query, controller.signal);
        addresses = (answer.candidates || []).filter(validPoint).map(addressOption);
      } catch (error) {
        if (api.isAbort(error)) throw error;
        addressNote = error.status === 400
          ? ''
          : ' The address service is not reachable right now; places, agencies and coordinates still work.';
      }
    }
    if (state.searchController !== controller) return;
    const options = looksLikeAddress(query) ? [...addresses, ...places] : [...places, ...addresses];
    const [first] = options;
    if (options.length === 0) {
      if (placesFailed && placesFailed.status === 400) {
        setSearchMessage(`That search could not be run: ${describeError(placesFailed)}`);
      } else {
        setSearchMessage(`No address found, and no place by that name.${addressNote || ' Check the spelling, add the town or ZIP code, or click the map.'}`);
      }
    } else if (options.length === 1 || (first.exact && first.kind !== 'address' && !(options[1] && options[1].exact && options[1].kind === first.kind))) {
      choose(first);
      if (addressNote) setSearchMessage(`Showing: ${first.label}.${addressNote}`);
    } else {
      setSearchMessage(`${options.length} matches. Choose one below.${addressNote}`);
      showOptions(options);
      setActive(0);
    }
  } catch (error) {
    if (api.isAbort(error) || state.searchController !== controller) return;
    setSearchMessage('The search did not work just now. You can still click the map.');
  } finally {
    if (state.searchController === controller) {
      state.searchController = null;
      button.removeAttribute('aria-busy');
      button.classList.remove('is-loading');
    }
  }
}

function useMyLocation() {
  if (!('geolocation' in navigator)) {
    setSearchMessage('This browser cannot share its location. Search an address or click the map.');
    return;
  }
  if (!window.isSecureContext) {
    setSearchMessage('Your location can only be shared over a secure (https) connection. Search an address or click the map.');
    return;
  }
  setSearchMessage('Finding your location…');
  navigator.geolocation.getCurrentPosition(
    (position) => {
      const { longitude, latitude, accuracy } = position.coords;
      setSearchMessage(`Showing your location (accurate to about ${Math.round(accuracy)} m).`);
      lookupAt(longitude, latitude, { pan: true, focus: true });
    },
    (error) => {
      const messages = {
        1: 'Location permission was denied. Search an address or click the map instead.',
        2: 'Your location is not available right now. Search an address or click the map instead.',
        3: 'Finding your location took too long. Try again, or search an address.',
      };
      setSearchMessage(messages[error.code] || 'Your location could not be found.');
    },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

// ---- date -------------------------------------------------------------------------

function setDate(date) {
  clearTimeout(state.dateTimer);
  const value = isServedDate(date) ? date : state.today;
  $('date-input').value = value;
  if (value === state.date) return;
  state.date = value;
  writeHash();
  state.mapView.setDate(value).catch(() => {});
  if (state.point) lookupAt(state.point.lon, state.point.lat);
  state.planner?.refresh();
  state.compare?.refresh();
  renderDownloads();
}

/**
 * While a date is typed the field passes through empty and partial values (the year goes
 * 0002, 0020, 0201, 2016), each with its own change event: wait for a whole date the server
 * answers for, and for the typing to pause, before redrawing. Never overwrite the field
 * while it is being edited.
 */
function onDateTyped(event) {
  const value = event.target.value;
  clearTimeout(state.dateTimer);
  if (isServedDate(value) && value !== state.date) {
    state.dateTimer = setTimeout(() => setDate(value), 500);
  }
}

/** Leaving the date field applies a whole date at once, or puts back the date in use. */
function onDateLeft(event) {
  const value = event.target.value;
  if (isServedDate(value)) {
    setDate(value);
  } else {
    clearTimeout(state.dateTimer);
    event.target.value = state.date;
  }
}

// ---- layers -----------------------------------------------------------------------

const LAYER_STATE_WORDS = { loading: 'Loading…', error: 'Could not load', ready: '', hidden: '' };
const LAYER_TITLES = {
  areas: 'Areas', patrol: 'Patrol', dispatch: 'Dispatch', contracts: 'Contracts', footprints: 'Footprints',
};

function onLayerState(id, layerState) {
  const span = document.querySelector(`[data-layer-state="${id}"]`);
  if (span) {
    span.textContent = LAYER_STATE_WORDS[layerState] || '';
    span.dataset.state = layerState;
  }
}

function setLayerVisible(id, visible) {
  $(`layer-${id}`).checked = visible;
  state.mapView.setVisible(id, visible).catch(() => {});
}

// ---- downloads & connect ----------------------------------------------------------

function renderDownloads() {
  const list = $('download-list');
  clear(list);
  const layers = state.layerList || ['areas', 'patrol', 'dispatch', 'contracts', 'footprints']
    .map((id) => ({ id, title: LAYER_TITLES[id], description: '' }));
  const formats = [['geojson', 'GeoJSON'], ['gpkg', 'GeoPackage'], ['csv', 'CSV']];
  for (const layer of layers) {
    if (!layer || typeof layer.id !== 'string') continue;
    const title = layer.title || LAYER_TITLES[layer.id] || layer.id;
    const links = [];
    for (const [format, label] of formats) {
      if (links.length) links.push(document.createTextNode(' · '));
      links.push(el('a', {
        href: api.layerDownloadUrl(layer.id, state.date, format === 'geojson' ? null : format),
        download: `patrolmap-${layer.id}-${state.date}.${format}`,
        text: format === 'geojson' ? `${title} (GeoJSON)` : label,
        'aria-label': `${title} as ${label}`,
      }));
    }
    list.appendChild(el('li', {}, ...links,
      layer.description ? el('span', { class: 'muted', text: ` — ${layer.description}` }) : null));
  }
  list.appendChild(el('li', {},
    el('a', {
      href: api.nenaUrl(state.date, 'gpkg'),
      download: `patrolmap-nena-ng911-${state.date}.gpkg`,
      text: 'NENA NG9-1-1 PsapPolygon + PolicePolygon (one GeoPackage)',
    }),
    document.createTextNode(' · '),
    el('a', { href: api.nenaUrl(state.date), text: 'what is missing (report)' }),
    el('span', { class: 'muted', text: ' — in the NENA GIS Data Model v3.0 template; unknown required values are left empty and listed in the report.' })));
  list.appendChild(el('li', { class: 'muted', text: `Layers that change over time are for ${formatDate(state.date)}.` }));
}

function setUpConnect(config) {
  const ogc = $('ogc-url');
  let ogcUrl;
  try {
    ogcUrl = new URL((config && config.ogc_url) || 'ogc', window.location.href).href;
  } catch {
    ogcUrl = new URL('ogc', window.location.href).href;
  }
  ogc.value = ogcUrl;
  $('ogc-copy').addEventListener('click', async () => {
    const ok = await copyText(ogc.value, ogc);
    $('ogc-copy-status').textContent = ok ? 'Copied.' : 'Select the address and copy it.';
  });
  if (config && config.tile_url) {
    const credit = $('tile-credit');
    add(credit, 'Map tiles: ', attributionNodes(config.tile_attribution || 'see the tile provider'));
    credit.hidden = false;
  }
  const ds = config && config.dataset;
  if (ds) {
    $('dataset-info').textContent = `Dataset ${ds.id ?? ''}: ${ds.vintage || 'boundaries'}${ds.imported_at ? `, imported ${formatDate(ds.imported_at)}` : ''}.`;
  }
}

// ---- state from the URL -----------------------------------------------------------

function applyHash(hash, { initial }) {
  const layers = hash.layers || (initial ? DEFAULT_LAYERS : null);
  if (layers) {
    for (const id of LAYER_IDS) {
      if (state.mapView.isVisible(id) !== layers.includes(id) || initial) setLayerVisible(id, layers.includes(id));
    }
  }
  if (!initial) {
    if (hash.view) state.mapView.map.setView([hash.view.lat, hash.view.lon], hash.view.zoom, { animate: false });
    setDate(hash.date || state.today);
  }
  // On first load the footprint is selected once the footprint list has arrived (boot).
  // Before the planner has started, boot selects the hash's footprint.
  if (!initial && state.planner && hash.footprint && hash.footprint !== state.planner.footprintId) {
    state.planner.selectFootprint(hash.footprint);
  } else if (!initial && state.planner && !hash.footprint && state.planner.footprintId) {
    state.planner.clear();
  }
  if (hash.pt && (!state.point || state.point.lon !== hash.pt.lon || state.point.lat !== hash.pt.lat)) {
    lookupAt(hash.pt.lon, hash.pt.lat);
  }
}

// ---- boot -------------------------------------------------------------------------

/** The planner and the comparison of dates, once their code has arrived (see boot). */
function startTools(Planner, Compare) {
  state.planner = new Planner({
    select: $('footprint-select'),
    upload: $('footprint-upload'),
    drawStart: $('draw-start'),
    drawUndo: $('draw-undo'),
    drawFinish: $('draw-finish'),
    drawCancel: $('draw-cancel'),
    drawStatus: $('draw-status'),
    drawBanner: $('draw-banner'),
    message: $('planner-message'),
    report: $('overlay-report'),
    clearButton: $('planner-clear'),
  }, {
    mapView: state.mapView,
    getDate: () => state.date,
    onChange: () => writeHash(),
    onError: (error) => showError(error, 'Planner: '),
  });

  state.compare = new Compare({
    input: $('compare-date'),
    run: $('compare-run'),
    stop: $('compare-stop'),
    message: $('compare-message'),
    result: $('compare-result'),
  }, {
    mapView: state.mapView,
    getDate: () => state.date,
    getFootprintId: () => state.planner.footprintId,
    onError: (error) => showError(error, 'Compare: '),
  });
}

async function boot() {
  $('error-dismiss').addEventListener('click', hideError);
  if (!window.L) {
    showError('The map library could not be loaded. Reload the page to try again.');
    rejectReady(new Error('Leaflet did not load'));
    document.body.dataset.ready = 'error';
    return;
  }

  const hash = parseHash();
  try {
    state.config = await api.getConfig();
  } catch (error) {
    showError(error, 'Settings could not be loaded: ');
  }
  const config = state.config || {};
  state.today = isIsoDate(config.today) ? config.today : localToday();
  state.date = hash.date || state.today;
  $('date-input').value = state.date;

  const mapStatus = $('map-status');
  state.mapView = new MapView($('map'), {
    tileUrl: config.tile_url || null,
    tileAttribution: config.tile_attribution || '',
    view: hash.view || (hash.pt ? { lat: hash.pt.lat, lon: hash.pt.lon, zoom: 14 } : null),
    date: state.date,
    legends: { patrol: $('legend-patrol'), dispatch: $('legend-dispatch'), contracts: $('legend-contracts') },
    onLayerState,
    onError: (error, id) => showError(error, `The ${LAYER_TITLES[id] || id} layer could not be loaded: `),
    onStatus: (text) => {
      mapStatus.textContent = text;
      mapStatus.hidden = !text;
    },
  });
  window.patrolmap.map = state.mapView.map;

  $('compare-date').min = FIRST_DATE;
  $('compare-date').max = LAST_DATE;

  state.mapView.onClick((lon, lat) => {
    if (state.planner?.drawing) state.planner.addPoint(lon, lat);
    else lookupAt(lon, lat);
  });
  state.mapView.map.on('moveend', writeHash);

  // The areas are the base map: load them even when the layer is switched off.
  const areas = state.mapView.loadAreas();
  // The planner, the comparison of dates and the file attribution sit below the map: their code
  // is fetched once the map has drawn its areas (or failed to), not before. The page is ready
  // when both are.
  const tools = areas.catch(() => {})
    .then(() => Promise.all([import('./planner.js'), import('./compare.js'), import('./attribute.js'), loadCard()]))
    .then(([{ Planner }, { Compare }]) => startTools(Planner, Compare));
  Promise.all([areas, tools]).then(() => {
    document.body.dataset.ready = 'true';
    resolveReady(window.patrolmap);
  }, (error) => {
    document.body.dataset.ready = 'error';
    rejectReady(error);
  });

  applyHash(hash, { initial: true });

  for (const id of LAYER_IDS) {
    $(`layer-${id}`).addEventListener('change', (event) => {
      state.mapView.setVisible(id, event.target.checked).catch(() => {});
      writeHash();
    });
  }
  $('search-form').addEventListener('submit', runSearch);
  $('search-input').addEventListener('input', suggest);
  $('search-input').addEventListener('keydown', onSearchKey);
  // Leaving the search form closes the list (the Search button is part of it).
  $('search-form').addEventListener('focusout', () => setTimeout(() => {
    if (!$('search-form').contains(document.activeElement)) closeList();
  }, 150));
  $('sheet-close').addEventListener('click', hideSheet);
  $('sheet-more').addEventListener('click', () => {
    hideSheet();
    $('card').scrollIntoView({ behavior: 'smooth', block: 'start' });
    $('card-title').focus({ preventScroll: true });
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('answer-sheet').hidden) hideSheet();
  });
  $('locate-button').addEventListener('click', useMyLocation);
  $('date-input').min = FIRST_DATE;
  $('date-input').max = LAST_DATE;
  $('date-input').addEventListener('change', onDateTyped);
  $('date-input').addEventListener('blur', onDateLeft);
  $('date-today').addEventListener('click', () => setDate(state.today));
  window.addEventListener('hashchange', () => applyHash(parseHash(), { initial: false }));

  setUpConnect(config);
  renderDownloads();
  api.listLayers().then((layers) => {
    if (Array.isArray(layers)) {
      state.layerList = layers;
      renderDownloads();
    }
  }, () => {});

  await tools;
  await state.planner.init();
  if (hash.footprint) await state.planner.selectFootprint(hash.footprint, { fit: !hash.view && !hash.pt });
  writeHash();
}

boot().catch((error) => {
  showError(error, 'The map could not start: ');
  document.body.dataset.ready = 'error';
  rejectReady(error);
});
