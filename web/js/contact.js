// The contact block of the lookup card (issue 12): the number a resident calls for a
// non-emergency, as a tel: link with its source, and each role agency's cited lines.
// A city hall line is shown as "City hall", never as the police line; no number is shown
// as unknown, never guessed. Text only (textContent), never innerHTML with data.

import { el, externalLink, formatDate } from './dom.js';

/** A tel: href from the API's RFC 3966 value; null for anything else. */
function telHref(line) {
  const tel = line && typeof line.tel === 'string' ? line.tel : '';
  return /^tel:\+?[0-9;=\-]+$/.test(tel) ? tel : null;
}

function numberLink(line, cls) {
  const href = telHref(line);
  return href
    ? el('a', { href, class: cls, text: line.value })
    : el('span', { class: cls, text: line.value });
}

/** "Source: FOX 2 St. Louis, 2023" with the first source linked; the others counted. */
function sourceNote(line) {
  const sources = (line.sources || []).filter(Boolean);
  if (sources.length === 0) return el('span', { class: 'contact-source muted', text: ' (no source listed)' });
  const s = sources[0];
  const meta = [s.publisher, s.date ? formatDate(s.date) : 'undated'].filter(Boolean).join(', ');
  return el('span', { class: 'contact-source' }, ' — source: ',
    externalLink(s.url, s.title || s.url || 'source'),
    meta ? ` (${meta})` : '',
    sources.length > 1 ? ` and ${sources.length - 1} more` : '',
    line.confidence ? ` · ${line.confidence} confidence` : '');
}

/**
 * The card's lead under the 911 line: the non-emergency number to call, whose line it is, and
 * its source; or "unknown" when no cited number exists.
 */
export function callBlock(call) {
  const line = call && call.non_emergency;
  if (!line || !line.value) {
    return el('p', { class: 'call call-unknown', dataset: { contact: 'call' } },
      el('strong', { text: 'Non-emergency number: ' }),
      el('span', { class: 'is-unknown', text: 'unknown' }),
      ' — no cited number for this place’s police or dispatcher.');
  }
  const agency = line.agency ? (line.agency.name || line.agency.id) : '';
  const whose = line.of === 'dispatch'
    ? `the 911 dispatcher’s line (${agency}); the patrol agency has no cited number`
    : `${agency}`;
  return el('p', { class: 'call', dataset: { contact: 'call' } },
    el('strong', { text: 'Non-emergency: ' }),
    numberLink(line, 'call-number'),
    el('span', { class: 'call-whose', text: ` · ${whose}` }),
    sourceNote(line));
}

/** The role agency's cited lines: its non-emergency number and, labelled, its city hall line. */
export function roleContacts(role) {
  if (!role || !role.agency) return null;
  const items = [];
  if (role.non_emergency && role.non_emergency.value) {
    items.push(el('li', { class: 'agency-phone' }, 'Non-emergency: ',
      numberLink(role.non_emergency, 'phone'), sourceNote(role.non_emergency)));
  } else {
    items.push(el('li', { class: 'agency-phone is-unknown', text: 'Non-emergency number: unknown (none cited).' }));
  }
  if (role.city_hall && role.city_hall.value) {
    items.push(el('li', { class: 'agency-city-hall' }, 'City hall (not a police line): ',
      numberLink(role.city_hall, 'phone'), sourceNote(role.city_hall)));
  }
  if (role.agency.website) {
    items.push(el('li', {}, externalLink(role.agency.website, 'Website',
      { class: 'agency-website', 'aria-label': `${role.agency.name || 'Agency'} website (opens in a new tab)` })));
  }
  return el('ul', { class: 'contact', dataset: { contact: 'role' } }, items);
}
