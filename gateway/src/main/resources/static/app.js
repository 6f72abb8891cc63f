'use strict';

// Vigie's first page. Everything shown here comes from the internet (mentions) or from data derived
// from it (alerts), so it is inserted as text only: textContent and text nodes, never innerHTML.
(() => {
  const ALERTS_URL = '/api/alerts?size=20';
  const MENTIONS_URL = '/api/mentions';
  const POLL_MS = 5000;
  const TIMEOUT_MS = 8000;
  const SNIPPET_CHARS = 280;

  const SEVERITIES = ['low', 'medium', 'high'];
  const SENTIMENTS = ['negative', 'neutral', 'positive', 'unsupported'];
  const LANGUAGES = { fr: 'French', en: 'English', other: 'Other language' };

  const $ = (id) => document.getElementById(id);

  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
  const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

  class ApiError extends Error {}

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function timeEl(iso, format) {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) return el('span', 'muted', 'unknown time');
    const node = el('time', null, format(date));
    node.dateTime = date.toISOString();
    return node;
  }

  // Only values we know become part of a class name; anything else gets the neutral style.
  function token(value, allowed) {
    return allowed.includes(value) ? value : 'unknown';
  }

  async function getJson(url) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal });
    } catch (e) {
      throw new ApiError(e.name === 'AbortError'
        ? `The gateway did not answer within ${TIMEOUT_MS / 1000} s. Retrying may help; otherwise check the server.`
        : 'Cannot reach the Vigie gateway. Check that it is running, then reload this page.');
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      let detail = '';
      try {
        const body = await response.json();
        detail = typeof body.detail === 'string' ? body.detail : '';
      } catch (ignored) {
        // Not a JSON error body: the status line below is all we can say.
      }
      throw new ApiError(detail || `The server answered HTTP ${response.status} ${response.statusText}.`.trim());
    }
    return response.json();
  }

  function showError(id, error) {
    const box = $(id);
    if (error instanceof ApiError) {
      box.textContent = error.message;
    } else {
      console.error(error);
      box.textContent = 'The server sent an answer this page does not understand. Reload the page; if it persists, check the logs.';
    }
    box.hidden = false;
  }

  // ---- Latest alerts ------------------------------------------------------------------------------

  function formatWindow(startIso, endIso) {
    const start = new Date(startIso);
    const end = new Date(endIso);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'unknown window';
    const sameDay = start.toDateString() === end.toDateString();
    return `${dateTime.format(start)} – ${sameDay ? timeOfDay.format(end) : dateTime.format(end)}`;
  }

  function renderAlert(alert) {
    const severity = token(alert.severity, SEVERITIES);
    const card = el('li', `card alert sev-${severity}`);

    const head = el('div', 'card-head');
    head.append(
      el('span', `badge sev-${severity}`, alert.severity || 'unknown'),
      el('span', 'watch', alert.watchId || 'unknown watch'),
      timeEl(alert.raisedAt, (d) => dateTime.format(d)));
    card.append(head, el('p', 'summary', alert.summary || 'No summary.'));

    const facts = el('p', 'meta');
    const observed = typeof alert.observed === 'number' ? number.format(alert.observed) : '?';
    const expected = typeof alert.expected === 'number' ? number.format(alert.expected) : '?';
    facts.append(
      el('span', null, `Window ${formatWindow(alert.windowStart, alert.windowEnd)}`),
      el('span', null, `${alert.metric || 'metric'}: ${observed} (expected ${expected})`),
      el('span', 'muted', alert.detector || ''));
    card.append(facts);
    return card;
  }

  let alertsTimer;

  async function refreshAlerts() {
    clearTimeout(alertsTimer);
    const list = $('alerts-list');
    try {
      const alerts = await getJson(ALERTS_URL);
      const rows = Array.isArray(alerts) ? alerts : [];
      list.replaceChildren(...rows.map(renderAlert));
      list.classList.remove('stale');
      $('alerts-empty').hidden = rows.length > 0;
      $('alerts-error').hidden = true;
      $('alerts-status').textContent = `Updated ${clock.format(new Date())}`;
    } catch (error) {
      // Keep the last known alerts on screen, dimmed, rather than blanking the panel.
      list.classList.add('stale');
      showError('alerts-error', error);
      $('alerts-status').textContent = `Retrying every ${POLL_MS / 1000} s`;
    } finally {
      // A hidden tab stops polling; it refreshes at once when shown again.
      if (!document.hidden) alertsTimer = setTimeout(refreshAlerts, POLL_MS);
    }
  }

  // ---- Mention search -----------------------------------------------------------------------------

  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code) => {
      if (code[0] === '#') {
        const hex = code[1] === 'x' || code[1] === 'X';
        const point = parseInt(code.slice(hex ? 2 : 1), hex ? 16 : 10);
        return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    });
  }

  // The search API returns highlight fragments HTML-escaped, with <em> around matches as the only markup.
  // They are never parsed as HTML: split on the two tags, decode the escapes, and build text nodes and
  // <mark> elements, so whatever else the fragment holds stays text.
  function renderHighlight(fragment) {
    const paragraph = el('p', 'fragment');
    let inMatch = false;
    for (const part of String(fragment).split(/(<em>|<\/em>)/)) {
      if (part === '<em>' || part === '</em>') {
        inMatch = part === '<em>';
      } else if (part) {
        const text = decodeEntities(part);
        paragraph.append(inMatch ? el('mark', null, text) : document.createTextNode(text));
      }
    }
    return paragraph;
  }

  function safeHttpUrl(raw) {
    try {
      const url = new URL(raw);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (ignored) {
      return null;
    }
  }

  function snippet(text) {
    const flat = String(text || '').replace(/\s+/g, ' ').trim();
    return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
  }

  function renderMention(hit) {
    const card = el('li', 'card mention');
    const sentiment = hit.sentiment || {};
    const label = token(sentiment.label, SENTIMENTS);

    const heading = el('h3', 'mention-title');
    const title = hit.title || snippet(hit.text).slice(0, 90) || hit.url || '(untitled mention)';
    const href = safeHttpUrl(hit.url);
    if (href) {
      const link = el('a', null, title);
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      heading.append(link);
    } else {
      heading.textContent = title;
    }

    const badge = el('span', `badge sent-${label}`, sentiment.label || 'not scored');
    if (typeof sentiment.confidence === 'number') {
      badge.title = `confidence ${number.format(sentiment.confidence)}${sentiment.modelVersion ? `, ${sentiment.modelVersion}` : ''}`;
    }
    const head = el('div', 'card-head');
    head.append(badge, heading);

    const meta = el('p', 'meta');
    const source = hit.source || {};
    const author = hit.author || {};
    meta.append(
      el('span', 'source', source.name || source.type || 'unknown source'),
      timeEl(hit.publishedAt, (d) => dateTime.format(d)),
      el('span', null, LANGUAGES[hit.language] || hit.language || 'unknown language'));
    if (author.name || author.handle) meta.append(el('span', 'muted', author.name || author.handle));

    card.append(head, meta);
    const highlights = Array.isArray(hit.highlights) ? hit.highlights.filter(Boolean) : [];
    if (highlights.length > 0) {
      card.append(...highlights.map(renderHighlight));
    } else if (hit.text) {
      card.append(el('p', 'fragment', snippet(hit.text)));
    }
    return card;
  }

  let searchSeq = 0;

  function searchParams() {
    const params = new URLSearchParams();
    for (const [name, id] of [['q', 'search-q'], ['sentiment', 'search-sentiment'], ['lang', 'search-lang']]) {
      const value = $(id).value.trim();
      if (value) params.set(name, value);
    }
    return params.toString();
  }

  async function search(event) {
    if (event) event.preventDefault();
    const query = searchParams();
    // The search lives in the address bar, so it survives a reload and can be shared.
    history.replaceState(null, '', query ? `?${query}` : window.location.pathname);

    const seq = ++searchSeq;
    const results = $('search-results');
    $('search-error').hidden = true;
    $('search-status').textContent = 'Searching…';
    try {
      const result = await getJson(query ? `${MENTIONS_URL}?${query}` : MENTIONS_URL);
      if (seq !== searchSeq) return; // a newer search has been started meanwhile
      const hits = Array.isArray(result.hits) ? result.hits : [];
      const total = typeof result.total === 'number' ? result.total : hits.length;
      results.replaceChildren(...hits.map(renderMention));
      $('search-status').textContent = total === 0
        ? 'No mention matches this search.'
        : `${number.format(total)} mention${total === 1 ? '' : 's'}${total > hits.length ? `, showing the first ${hits.length}` : ''}`;
    } catch (error) {
      if (seq !== searchSeq) return;
      results.replaceChildren();
      $('search-status').textContent = '';
      showError('search-error', error);
    }
  }

  function restoreSearch() {
    const params = new URLSearchParams(window.location.search);
    $('search-q').value = params.get('q') || '';
    $('search-sentiment').value = params.get('sentiment') || '';
    $('search-lang').value = params.get('lang') || '';
    return params.toString() !== '';
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search-form').addEventListener('submit', search);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) refreshAlerts();
    });
    if (restoreSearch()) search();
    refreshAlerts();
  });
})();
