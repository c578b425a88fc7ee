// The data-quality page: coverage by function, unknown areas (each with a pre-filled correction
// link), facts resting on old sources and recent changes, from api/quality and api/changes.
// Everything from the server goes into the page as text, never as HTML.
import { el, add, clear, formatDate } from './dom.js';

const FUNCTIONS = { patrol: 'Patrol', dispatch: '911 dispatch' };

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function banner(text) {
  const b = document.getElementById('error-banner');
  document.getElementById('error-text').textContent = text;
  b.hidden = false;
}

function percent(share) {
  return `${Math.round(share * 1000) / 10} %`;
}

function coverage(q) {
  const body = document.querySelector('#q-coverage tbody');
  clear(body);
  for (const [fn, label] of Object.entries(FUNCTIONS)) {
    const c = q.coverage[fn];
    if (!c) continue;
    const conf = c.by_confidence || {};
    add(body, el('tr', { dataset: { function: fn } },
      el('th', { scope: 'row', text: label }),
      el('td', { class: 'q-cited', text: String(c.cited) }),
      el('td', { class: 'q-rule', text: String(c.by_rule) }),
      el('td', { class: 'q-unknown', text: String(c.unknown) }),
      el('td', { text: percent(c.known_share) }),
      el('td', { text: `${conf.high || 0} / ${conf.medium || 0} / ${conf.low || 0}` })));
  }
}

function unknownAreas(q) {
  const box = document.getElementById('q-unknown');
  clear(box);
  for (const [fn, label] of Object.entries(FUNCTIONS)) {
    const list = (q.unknown_areas && q.unknown_areas[fn]) || [];
    add(box, el('h3', { text: `${label}: ${list.length} unknown` }));
    if (list.length === 0) continue;
    const ul = el('ul', { class: 'q-list', dataset: { function: fn } });
    for (const a of list) {
      add(ul, el('li', {},
        el('span', { class: 'q-area', text: a.name }), ' — ',
        el('a', { href: a.suggest_url.replace(/^\//, ''), class: 'suggest-link', text: 'Know the answer? Suggest a correction' })));
    }
    add(box, ul);
  }
}

function stale(q) {
  const s = q.stale_sources;
  document.getElementById('q-stale-summary').textContent =
    `${s.count} facts in force rest only on sources older than ${s.older_than_years} years (or undated).`;
  const ul = document.getElementById('q-stale');
  clear(ul);
  for (const f of s.facts) {
    add(ul, el('li', {},
      `${FUNCTIONS[f.function] || f.function} of ${f.area.name || f.area.id} by ${f.agency ? f.agency.name : 'unknown'} — newest source ${f.newest_source || 'undated'} `,
      el('a', { href: f.suggest_url.replace(/^\//, ''), text: 'Suggest an update' })));
  }
}

async function changes() {
  const ul = document.getElementById('q-changes');
  try {
    const feed = await getJson('api/changes?limit=10');
    clear(ul);
    if (!feed.items.length) add(ul, el('li', { text: 'No changes recorded yet: changes are kept from the second import on.' }));
    for (const item of feed.items) {
      add(ul, el('li', {}, el('time', { datetime: item.date_published, text: formatDate(item.date_published) || item.date_published }), ' ', item.title));
    }
  } catch (error) {
    add(ul, el('li', { text: 'The change feed could not be loaded.' }));
  }
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const date = params.get('date');
  try {
    const q = await getJson(`api/quality${date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `?date=${date}` : ''}`);
    document.getElementById('q-summary').textContent =
      `${q.areas} areas, as of ${q.date} (dataset ${q.dataset.id}). “Unknown” means no cited source names a provider — never a guess.`;
    coverage(q);
    unknownAreas(q);
    stale(q);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    banner('The quality figures could not be loaded. Please try again in a moment.');
  }
  await changes();
}

start();
