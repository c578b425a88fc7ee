// The small map of the OGC API HTML pages (/ogc/collections/{id}/items?f=html and single
// features): draws the GeoJSON named by the map element's data-geojson on Leaflet (loaded as a
// classic script, window.L), with the configured base tiles when data-tiles is set.
// Feature data is put into the page as text only (textContent), never as HTML.

const box = document.getElementById('ogc-map');
const status = document.getElementById('ogc-map-status');

function say(text) {
  if (status) status.textContent = text;
}

function popup(feature, items) {
  const div = document.createElement('div');
  const a = document.createElement('a');
  a.href = `${items}/${encodeURIComponent(feature.id)}?f=html`;
  a.textContent = String(feature.id);
  div.appendChild(a);
  const props = feature.properties || {};
  for (const key of ['agency_name', 'name', 'area_name', 'function', 'status']) {
    if (props[key] !== undefined && props[key] !== null) {
      const p = document.createElement('div');
      p.textContent = `${key}: ${props[key]}`;
      div.appendChild(p);
    }
  }
  return div;
}

async function draw() {
  const L = window.L;
  if (!box || !L) {
    say('The map could not be loaded.');
    return;
  }
  const map = L.map(box, { scrollWheelZoom: false }).setView([38.635, -90.44], 10);
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: '' }).addTo(map);
    if (box.dataset.attribution) map.attributionControl.addAttribution(box.dataset.attribution.replace(/[<>&]/g, ''));
  }
  let data;
  try {
    const res = await fetch(box.dataset.geojson, { headers: { Accept: 'application/geo+json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    data = await res.json();
  } catch (e) {
    say(`The features could not be loaded for the map (${e.message}).`);
    return;
  }
  const layer = L.geoJSON(data, {
    style: { color: '#1f5f99', weight: 2, fillOpacity: 0.15 },
    onEachFeature: (f, l) => l.bindPopup(() => popup(f, box.dataset.items)),
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
  const n = data.type === 'FeatureCollection' ? data.features.length : 1;
  box.dataset.drawn = String(n);
  say(n === 1 ? 'The map shows 1 feature.' : `The map shows ${n} features.`);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', draw);
} else {
  draw();
}
