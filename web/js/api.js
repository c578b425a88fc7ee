// Fetch wrappers for the patrolmap HTTP API. URLs are relative to the page, so the map
// works under any path prefix. Every failure becomes an ApiError carrying the server's
// JSON error shape {title, status, type, details}.

/** An API failure: HTTP error (status ≥ 400), network failure (status 0) or bad response. */
export class ApiError extends Error {
  constructor({ title, status = 0, type = 'network_error', details = {} }) {
    super(title);
    this.name = 'ApiError';
    this.title = title;
    this.status = status;
    this.type = type;
    this.details = details && typeof details === 'object' ? details : {};
  }

  /** One readable line: the title plus any detail entries ("lon: must be a number"). */
  describe() {
    const parts = Object.entries(this.details)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => `${k}: ${v}`);
    return parts.length ? `${this.title} (${parts.join('; ')})` : this.title;
  }
}

/** True when the error is an aborted request (a newer request replaced it). */
export function isAbort(error) {
  return error && error.name === 'AbortError';
}

function url(path, params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * One API call. `as` says what a successful answer is read as: 'json' (the parsed body) or
 * 'file' ({blob, filename}: the bytes as sent, and the name from Content-Disposition).
 */
async function request(path, {
  params, method = 'GET', body, signal, accept = 'application/json', as = 'json',
} = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/geo+json';
  let response;
  try {
    response = await fetch(url(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({
      title: 'Could not reach the patrolmap server. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await errorFrom(response);
  try {
    if (as === 'file') return { blob: await response.blob(), filename: attachmentName(response) };
    return await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({
      title: 'The server sent an answer that could not be read.',
      status: response.status,
      type: 'bad_response',
    });
  }
}

/** The file name of an attachment (Content-Disposition: attachment; filename="x.csv"), or null. */
function attachmentName(response) {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  return match ? match[1] : null;
}

async function errorFrom(response) {
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (payload && typeof payload.title === 'string') {
    return new ApiError({
      title: payload.title,
      status: typeof payload.status === 'number' ? payload.status : response.status,
      type: typeof payload.type === 'string' ? payload.type : 'error',
      details: payload.details,
    });
  }
  const generic = response.status >= 500
    ? 'The patrolmap server had a problem answering. Please try again in a moment.'
    : `The request failed (HTTP ${response.status}).`;
  return new ApiError({ title: generic, status: response.status, type: 'http_error' });
}

/** GET api/config: tiles, OGC URL, today's date, dataset. */
export function getConfig(signal) {
  return request('api/config', { signal });
}

/** GET api/lookup for one point on a date. */
export function lookup(lon, lat, date, signal) {
  return request('api/lookup', { params: { lon, lat, date }, signal });
}

/** GET api/search: the server's own gazetteer (places, agencies, coordinates); no outside service. */
export function search(query, signal) {
  return request('api/search', { params: { q: query }, signal });
}

/** GET api/geocode: address → candidates. */
export function geocode(query, signal) {
  return request('api/geocode', { params: { q: query }, signal });
}

/** GET api/layers: the layer list (id, title, description, url). */
export function listLayers(signal) {
  return request('api/layers', { signal });
}

/**
 * GET api/layers/{id}: a GeoJSON FeatureCollection. detail 'low' asks for boundaries simplified
 * for a town-to-county view, 'overview' for the whole region on one screen; bbox [w, s, e, n] for only the features there (in full detail).
 */
export function getLayer(id, date, signal, { detail = null, bbox = null } = {}) {
  return request(`api/layers/${encodeURIComponent(id)}`, {
    params: { date, detail, bbox: bbox ? bbox.join(',') : null },
    signal,
    accept: 'application/geo+json, application/json',
  });
}

/** Link for downloading a layer as a GeoJSON file, or with format 'gpkg' / 'csv' in that format. */
export function layerDownloadUrl(id, date, format) {
  const params = format ? { date, f: format } : { date, download: 1 };
  return url(`api/layers/${encodeURIComponent(id)}`, params);
}

/** Links to the NENA NG9-1-1 pair: one GeoPackage (format 'gpkg') or the gap report (JSON). */
export function nenaUrl(date, format) {
  return url('api/nena', format ? { date, f: format } : { date });
}

/** GET api/footprints: the saved planner footprints. */
export function listFootprints(signal) {
  return request('api/footprints', { signal });
}

/** GET api/footprints/{id}/overlay: the overlay report for a saved footprint. */
export function footprintOverlay(id, date, signal) {
  return request(`api/footprints/${encodeURIComponent(id)}/overlay`, { params: { date }, signal });
}

/** Link to the server-side CSV of a saved footprint's overlay report. */
export function footprintCsvUrl(id, date) {
  return url(`api/footprints/${encodeURIComponent(id)}/overlay`, { date, format: 'csv' });
}

/** POST api/overlay with a GeoJSON Polygon, MultiPolygon or Feature. */
export function postOverlay(geojson, date, signal) {
  return request('api/overlay', { method: 'POST', params: { date }, body: geojson, signal });
}

/**
 * POST api/overlay?format=csv: the server's CSV of the overlay report of a GeoJSON polygon,
 * as {blob, filename}.
 */
export function postOverlayCsv(geojson, date, signal) {
  return request('api/overlay', {
    method: 'POST', params: { date, format: 'csv' }, body: geojson, signal, accept: 'text/csv, application/json', as: 'file',
  });
}
