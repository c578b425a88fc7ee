// The lookup card: one place's answer (who patrols, who dispatches, contracts, sources),
// built from DOM nodes with text only.

import { el, add, clear, externalLink, formatDate, formatDistance } from './dom.js';
import { ARRANGEMENT_WORDS, FUNCTION_WORDS } from './map.js';
import { callBlock, roleContacts } from './contact.js';

export const CONFIDENCE_WORDS = {
  high: 'A dated source names this provider.',
  medium: 'A source names this provider, but it is undated or incomplete.',
  low: 'Inferred from indirect evidence; treat as uncertain.',
};

const CONFIDENCE_LABELS = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' };

const ROLE_HEADINGS = {
  patrol: 'Who patrols',
  dispatch: 'Who answers 911 calls (dispatch)',
};

const UNKNOWN_SENTENCES = {
  patrol: 'We don’t know who patrols here on this date.',
  dispatch: 'We don’t know who answers 911 calls here on this date.',
};

function capitalise(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function emergencyLine() {
  return el('p', { class: 'emergency' },
    el('strong', {}, 'In an emergency call ', el('a', { href: 'tel:911' }, '911'), '.'));
}

function heading(text) {
  return el('h2', { id: 'card-title', class: 'card-title', tabindex: '-1', text });
}

function coordsText(lon, lat) {
  return `${Number(lat).toFixed(5)}, ${Number(lon).toFixed(5)}`;
}

/** "Municipality in St. Louis County", "Mehlville, unincorporated St. Louis County", … */
export function areaSubtitle(area) {
  const county = area.county || 'St. Louis County';
  const localities = Array.isArray(area.localities) ? area.localities.filter(Boolean) : [];
  if (area.kind === 'unincorporated') {
    return localities.length
      ? `${localities.join(', ')}, unincorporated ${county}`
      : `Unincorporated ${county}`;
  }
  if (area.kind === 'independent_city') return 'Independent city (not part of St. Louis County)';
  const base = `Municipality in ${county}`;
  return localities.length ? `${base} (includes ${localities.join(', ')})` : base;
}

/** "Own department · since June 1, 2015 · until …" */
function arrangementLine(role) {
  const parts = [];
  if (role.arrangement) parts.push(capitalise(ARRANGEMENT_WORDS[role.arrangement] || role.arrangement));
  if (role.since) parts.push(`since ${formatDate(role.since)}`);
  else if (role.arrangement !== 'county_default') parts.push('start date not recorded');
  if (role.until) parts.push(`until ${formatDate(role.until)}`);
  return parts.join(' · ');
}

function confidenceLine(confidence) {
  if (!confidence || !CONFIDENCE_WORDS[confidence]) return null;
  return el('p', { class: `confidence confidence-${confidence}` },
    el('span', { class: 'confidence-label', text: `${CONFIDENCE_LABELS[confidence]}:` }), ' ',
    CONFIDENCE_WORDS[confidence]);
}

/** A list of sources: linked title, publisher, date. */
export function sourceList(sources, label = 'Sources') {
  const list = (sources || []).filter(Boolean);
  if (list.length === 0) return el('p', { class: 'sources-empty', text: 'No source listed.' });
  return el('div', { class: 'sources' },
    el('p', { class: 'sources-label', text: `${label}:` }),
    el('ul', { class: 'source-list' }, list.map((s) => {
      const meta = [s.publisher, s.date ? formatDate(s.date) : 'undated'].filter(Boolean).join(', ');
      return el('li', {}, externalLink(s.url, s.title || s.url || 'Untitled source'),
        meta ? el('span', { class: 'source-meta', text: ` — ${meta}` }) : null);
    })));
}

function ruleBox(rule, label = 'The County rule: ') {
  if (!rule || !rule.text) return null;
  return el('div', { class: 'rule' },
    el('p', {}, el('strong', { text: label }), rule.text),
    sourceList(rule.sources, 'Rule sources'));
}

/** The section for one role (patrol or dispatch). */
function roleSection(kind, role) {
  const section = el('section', { class: 'role', dataset: { role: kind }, 'aria-labelledby': `role-${kind}` },
    el('h3', { id: `role-${kind}`, text: ROLE_HEADINGS[kind] }));
  if (role && role.status === 'by_rule' && role.agency) {
    section.classList.add('role-by-rule');
    add(section,
      el('p', { class: 'agency-name', text: role.agency.name || role.agency.id }),
      el('p', { class: 'by-rule', text: 'Decided by a general rule, not by a source about this town.' }),
      el('p', { class: 'arrangement', text: arrangementLine(role) }),
      roleContacts(role),
      confidenceLine(role.confidence),
      ruleBox(role.rule, 'The rule: '),
    );
    return section;
  }
  if (!role || role.status !== 'known' || !role.agency) {
    section.classList.add('role-unknown');
    add(section,
      el('p', { class: 'agency-name is-unknown', text: UNKNOWN_SENTENCES[kind] }),
      role && role.note ? el('p', { class: 'note', text: role.note }) : null,
      role ? ruleBox(role.rule) : null,
    );
    return section;
  }
  add(section,
    el('p', { class: 'agency-name', text: role.agency.name || role.agency.id }),
    el('p', { class: 'arrangement', text: arrangementLine(role) }),
    roleContacts(role),
    confidenceLine(role.confidence),
    role.note ? el('p', { class: 'note', text: role.note }) : null,
    sourceList(role.sources),
  );
  return section;
}

function contractsSection(contracts) {
  const section = el('section', { class: 'role contracts', dataset: { role: 'contracts' }, 'aria-labelledby': 'role-contracts' },
    el('h3', { id: 'role-contracts', text: 'Contracts' }));
  const list = (contracts || []).filter((c) => c && c.agency);
  if (list.length === 0) {
    section.appendChild(el('p', { class: 'muted', text: 'No service contracts on record for this place on this date.' }));
    return section;
  }
  section.appendChild(el('ul', { class: 'contract-list' }, list.map((c) => {
    const fn = FUNCTION_WORDS[c.function] || capitalise(c.function || 'Service');
    const dates = [c.since ? `since ${formatDate(c.since)}` : 'start date not recorded',
      c.until ? `until ${formatDate(c.until)}` : null].filter(Boolean).join(' · ');
    const sources = c.sources || [];
    return el('li', { class: 'contract', dataset: { function: c.function || '' } },
      el('p', {}, el('strong', { text: `${fn}: ` }), el('span', { class: 'agency-name', text: c.agency.name || c.agency.id })),
      el('p', { class: 'arrangement', text: dates }),
      confidenceLine(c.confidence),
      sources.length
        ? el('details', { class: 'contract-sources' }, el('summary', { text: `Sources (${sources.length})` }), sourceList(sources))
        : el('p', { class: 'sources-empty', text: 'No source listed.' }));
  })));
  return section;
}

function neighbourRole(label, role) {
  if (!role || (role.status !== 'known' && role.status !== 'by_rule') || !role.agency) return el('li', {}, `${label}: not known on this date`);
  const how = role.status === 'by_rule' ? ' (by rule)'
    : role.arrangement ? ` (${ARRANGEMENT_WORDS[role.arrangement] || role.arrangement})` : '';
  return el('li', {}, `${label}: `, el('span', { class: 'neighbour-agency', text: role.agency.name }), how);
}

function nearBoundarySection(near) {
  const list = (near || []).filter((n) => n && n.area);
  if (list.length === 0) return null;
  return el('section', { class: 'near-boundary', dataset: { role: 'near-boundary' }, 'aria-labelledby': 'role-near' },
    el('h3', { id: 'role-near', text: 'Close to a boundary' }),
    list.map((n) => el('div', { class: 'neighbour' },
      el('p', {}, `This point is within ${formatDistance(n.distance_m)} of `, el('strong', { text: n.area.name }),
        '; boundary lines differ between sources.'),
      el('p', { class: 'muted', text: `If it is in ${n.area.name}:` }),
      el('ul', { class: 'neighbour-roles' },
        neighbourRole('Patrol', n.patrol),
        neighbourRole('911 dispatch', n.dispatch)))));
}

function busy(card, on) {
  card.setAttribute('aria-busy', on ? 'true' : 'false');
}

/** Card while a lookup runs. */
export function renderCardLoading(card, lon, lat) {
  clear(card);
  delete card.dataset.loaded;
  busy(card, true);
  add(card,
    heading('Looking up…'),
    el('p', { class: 'card-sub', text: `Point ${coordsText(lon, lat)}` }),
    el('div', { class: 'skeleton', 'aria-hidden': 'true' }, el('span'), el('span'), el('span')),
    emergencyLine());
}

/** Card for a lookup that gave no answer (outside the counties, bad input, server error). */
export function renderCardMessage(card, title, text, lon, lat) {
  clear(card);
  busy(card, false);
  card.dataset.loaded = 'true';
  card.dataset.state = 'message';
  add(card,
    heading(title),
    lon !== undefined && lat !== undefined ? el('p', { class: 'card-sub', text: `Point ${coordsText(lon, lat)}` }) : null,
    el('p', { text }),
    emergencyLine());
}

/**
 * Card for a lookup answer.
 * context: { dataset: {vintage, imported_at} | null, onCopyLink() → Promise<boolean> }
 */
export function renderCard(card, result, context = {}) {
  clear(card);
  busy(card, false);
  const area = result.area || {};
  const query = result.query || {};
  const copyStatus = el('span', { class: 'message', role: 'status' });
  const copyButton = el('button', { type: 'button', class: 'btn btn-link', text: 'Copy link to this answer' });
  copyButton.addEventListener('click', async () => {
    const ok = context.onCopyLink ? await context.onCopyLink() : false;
    copyStatus.textContent = ok ? 'Link copied.' : 'Copy the address bar to share this answer.';
  });

  const dataset = context.dataset;
  const datasetText = dataset
    ? `Boundaries: ${dataset.vintage || 'current dataset'}${dataset.imported_at ? `, imported ${formatDate(dataset.imported_at)}` : ''}.`
    : null;

  add(card,
    heading(area.name || 'Unnamed area'),
    el('p', { class: 'card-sub', text: areaSubtitle(area) }),
    el('p', { class: 'card-meta' },
      `As of ${formatDate(query.date) || 'today'}`,
      query.lon !== undefined ? ` · point ${coordsText(query.lon, query.lat)}` : ''),
    emergencyLine(),
    callBlock(result.call),
    roleSection('patrol', result.patrol),
    roleSection('dispatch', result.dispatch),
    contractsSection(result.contracts),
    nearBoundarySection(result.near_boundary),
    el('footer', { class: 'card-footer' },
      datasetText ? el('p', { class: 'muted', text: datasetText }) : null,
      el('p', { class: 'muted', text: 'Every answer cites its sources; “unknown” means no cited source, never a guess.' }),
      el('p', {}, copyButton, ' ', copyStatus),
      suggestLinks(area, query)),
  );
  card.dataset.state = 'answer';
  card.dataset.loaded = 'true';
}

/** "Suggest a correction" links pre-filled with the area, the function and the date. */
function suggestLinks(area, query) {
  if (!area.id) return null;
  const link = (fn, text) => {
    const params = new URLSearchParams({ area: area.id, function: fn });
    if (query.date) params.set('date', query.date);
    return el('a', { href: `correct.html?${params}`, class: 'suggest-link', text });
  };
  return el('p', { class: 'muted' }, 'Wrong or missing? Suggest a correction: ',
    link('patrol', 'patrol'), ' · ', link('dispatch', 'dispatch'));
}
