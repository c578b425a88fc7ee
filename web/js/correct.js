// The "Suggest a correction" form: fills its lists from the API, pre-fills from the link
// (?area=&agency=&function=&date=), posts JSON to api/corrections and says what happens next.
// Everything from the server goes into the page as text, never as HTML.
import { el, add, clear } from './dom.js';

const form = document.getElementById('correction-form');
const result = document.getElementById('f-result');
const submit = document.getElementById('f-submit');
const FIELDS = {
  area: 'f-area', agency: 'f-agency', function: 'f-function', problem: 'f-problem',
  proposed: 'f-proposed', proposed_agency: 'f-proposed-agency',
  proposed_arrangement: 'f-arrangement', effective_date: 'f-date', source_url: 'f-url',
  source_title: 'f-title', email: 'f-email', website: 'f-website',
};

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function fill(select, items, label) {
  for (const item of items) {
    add(select, el('option', { value: item.id, text: label(item) }));
  }
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  try {
    const [areas, agencies] = await Promise.all([getJson('api/areas'), getJson('api/agencies')]);
    const byName = (a, b) => String(a.name).localeCompare(String(b.name));
    fill(document.getElementById('f-area'), [...areas].sort(byName),
      (a) => (a.kind === 'unincorporated' && a.localities && a.localities.length
        ? `${a.name}: ${a.localities.join(', ')}` : a.name));
    const sortedAgencies = [...agencies].sort(byName);
    fill(document.getElementById('f-agency'), sortedAgencies, (a) => a.name);
    fill(document.getElementById('f-proposed-agency'), sortedAgencies, (a) => a.name);
  } catch (error) {
    show('error', 'The lists of areas and agencies could not be loaded; describe the place in the text.');
  }
  for (const [name, id] of Object.entries({ area: 'f-area', agency: 'f-agency', function: 'f-function' })) {
    const value = params.get(name);
    const select = document.getElementById(id);
    if (value && [...select.options].some((o) => o.value === value)) select.value = value;
  }
  const date = params.get('date');
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) document.getElementById('f-date').value = date;
  form.dataset.ready = 'true';
}

function show(kind, ...lines) {
  clear(result);
  result.className = `result ${kind}`;
  for (const line of lines) add(result, el('p', { text: line }));
  result.focus();
}

function body() {
  const data = {};
  for (const [name, id] of Object.entries(FIELDS)) {
    const value = document.getElementById(id).value.trim();
    if (value !== '') data[name] = value;
  }
  return data;
}

function markInvalid(details) {
  for (const id of Object.values(FIELDS)) document.getElementById(id).removeAttribute('aria-invalid');
  const name = details ? Object.keys(details).find((k) => FIELDS[k]) : null;
  if (!name) return null;
  const input = document.getElementById(FIELDS[name]);
  input.setAttribute('aria-invalid', 'true');
  return input;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  submit.disabled = true;
  try {
    const response = await fetch('api/corrections', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body()),
      credentials: 'same-origin',
    });
    let payload = null;
    try { payload = await response.json(); } catch { payload = null; }
    if (response.status === 202 && payload) {
      markInvalid(null);
      form.reset();
      show('ok', `Thank you. Your receipt number is ${payload.id}.`, payload.next || '');
      result.dataset.receipt = payload.id;
      return;
    }
    if (response.status === 429) {
      const wait = Number(response.headers.get('Retry-After')) || 60;
      show('error', `Too many suggestions from your address. Please try again in about ${Math.ceil(wait / 60)} minutes.`);
      return;
    }
    const details = payload && payload.details ? payload.details : null;
    const input = markInvalid(details);
    const problem = details ? Object.entries(details).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('; ') : '';
    show('error', (payload && payload.title) || `The suggestion was not accepted (HTTP ${response.status}).`, problem);
    if (input) input.focus();
  } catch (error) {
    show('error', 'Could not reach the patrolmap server. Check your connection and try again.');
  } finally {
    submit.disabled = false;
  }
});

start();
