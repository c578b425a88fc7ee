// Small DOM and formatting helpers shared by the modules.
// Everything that comes from the server is put into the page as text (textContent),
// never as HTML.

/**
 * Creates an element. attrs: plain attributes, plus `class`, `text` (textContent),
 * `dataset` (object) and `on` (object of event listeners). Children may be nodes,
 * strings (added as text) or null/undefined/false (skipped); arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Appends children like el() does: strings as text, null/undefined/false skipped. */
export function add(node, ...children) {
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Removes all children of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Returns the URL when it is an absolute http(s) URL, else null (no javascript:, data:, …). */
export function safeUrl(url) {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link (opens in a new tab) or, for an unsafe/missing URL, plain text. */
export function externalLink(url, text, attrs = {}) {
  const href = safeUrl(url);
  if (!href) return el('span', attrs, text);
  return el('a', { ...attrs, href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

/** A tel: link for a phone number such as "314-522-3100". */
export function phoneLink(phone) {
  const digits = String(phone).replace(/[^0-9+]/g, '');
  if (digits.length < 3) return el('span', {}, phone);
  return el('a', { href: `tel:${digits}` }, phone);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/**
 * Formats "2015-06-01" as "June 1, 2015", "2015-06" as "June 2015" and "2015" as "2015".
 * Parsed by hand so that no time zone can shift the day. Anything else is returned unchanged.
 */
export function formatDate(value) {
  if (value === null || value === undefined || value === '') return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(value));
  if (!m) return String(value);
  const [, year, month, day] = m;
  if (!month) return year;
  const name = MONTHS[Number(month) - 1];
  if (!name) return String(value);
  return day ? `${name} ${Number(day)}, ${year}` : `${name} ${year}`;
}

/** Today's date in the browser's time zone as YYYY-MM-DD. */
export function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ''));
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1
    && d.getUTCDate() === Number(m[3]);
}

/** The dates the server answers for (geo/IsoDate.java): a whole date from 1800 to 2200. */
export const FIRST_DATE = '1800-01-01';
export const LAST_DATE = '2200-12-31';

/** True for a whole YYYY-MM-DD date the server can answer for. */
export function isServedDate(value) {
  return isIsoDate(value) && value >= FIRST_DATE && value <= LAST_DATE;
}

const km2Format = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pctFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 12.345 → "12.35" (km²). */
export function formatKm2(value) {
  return typeof value === 'number' && Number.isFinite(value) ? km2Format.format(value) : '–';
}

/** 0.1234 → "12.3 %". */
export function formatShare(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `${pctFormat.format(value * 100)} %` : '–';
}

/** Distance in metres, rounded sensibly for reading: "9 m", "120 m", "1.2 km". */
export function formatDistance(metres) {
  if (typeof metres !== 'number' || !Number.isFinite(metres)) return '';
  if (metres < 1) return 'less than 1 m';
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${(metres / 1000).toFixed(1)} km`;
}

/** Joins names for a sentence: "A", "A and B", "A, B and C", "A, B, C and 4 more". */
export function joinNames(names, max = 6) {
  const list = (names || []).filter(Boolean);
  if (list.length <= 1) return list.join('');
  if (list.length > max) return `${list.slice(0, max).join(', ')} and ${list.length - max} more`;
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}
