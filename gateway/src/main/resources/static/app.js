'use strict';

// Vigie's page. Everything shown here comes from the internet (mentions), from data derived from it (incidents) or
// from colleagues (comments, names), so it is inserted as text only: textContent and text nodes, never innerHTML.
(() => {
  const ALERTS_URL = '/api/alerts?size=20';
  const STREAM_URL = '/api/alerts/stream';
  const MENTIONS_URL = '/api/mentions';
  const POLL_MS = 5000;
  // After this many stream errors in a row the page polls instead, and tries the stream again a minute later.
  const STREAM_MAX_FAILURES = 3;
  const STREAM_RETRY_MS = 60000;
  const TIMEOUT_MS = 8000;
  const SNIPPET_CHARS = 280;
  // alert-service's defaults (vigie.alert.incidents.max-text-length, the longest user name it accepts).
  const MAX_TEXT_CHARS = 4000;
  const MAX_NAME_CHARS = 100;
  const USER_KEY = 'vigie.user';

  const SEVERITIES = ['low', 'medium', 'high'];
  const STATES = ['open', 'acknowledged', 'resolved'];
  const STATUSES = ['open', 'escalated', 'updated', 'resolved'];
  const SENTIMENTS = ['negative', 'neutral', 'positive', 'unsupported'];
  const CHANGES = ['opened', 'escalated', 'updated', 'resolved', 'reopened', 'acknowledged', 'assigned', 'commented',
    'explained'];
  const LANGUAGES = { fr: 'French', en: 'English', other: 'Other language', und: 'Unknown language' };
  const SOURCES = { reddit: 'Reddit', hackernews: 'Hacker News', rss: 'RSS', mastodon: 'Mastodon' };
  const METRICS = {
    negative_count: 'negative mentions',
    stories: 'distinct stories',
    mentions: 'mentions',
    mean_sentiment: 'mean sentiment (−1 to 1)',
    crisis_term_mentions: 'mentions with crisis terms',
    max_negative_reach: 'largest reach of a negative mention',
  };

  const $ = (id) => document.getElementById(id);

  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
  const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
  let languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch (ignored) {
    // Older browser: language codes are shown as they are.
  }

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function date(iso) {
    const value = iso ? new Date(iso) : null;
    return value && !Number.isNaN(value.getTime()) ? value : null;
  }

  function timeEl(iso, format) {
    const value = date(iso);
    if (!value) return el('span', 'muted', 'unknown time');
    const node = el('time', null, format(value));
    node.dateTime = value.toISOString();
    return node;
  }

  // A time of day for today, a date and time otherwise.
  function when(value) {
    return value.toDateString() === new Date().toDateString() ? timeOfDay.format(value) : dateTime.format(value);
  }

  function duration(ms) {
    const minutes = Math.max(0, Math.round(ms / 60000));
    if (minutes < 1) return 'less than a minute';
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
    return `${Math.floor(hours / 24)} days`;
  }

  // Only values we know become part of a class name; anything else gets the neutral style.
  function token(value, allowed) {
    return allowed.includes(value) ? value : 'unknown';
  }

  function languageName(code) {
    if (!code) return 'unknown language';
    if (LANGUAGES[code]) return LANGUAGES[code];
    try {
      return (languageNames && languageNames.of(code)) || code;
    } catch (ignored) {
      return code; // not a valid language tag
    }
  }

  async function request(url, { method = 'GET', body, user } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (user) headers['X-Vigie-User'] = user;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (e) {
      throw new ApiError(e.name === 'AbortError'
        ? `The gateway did not answer within ${TIMEOUT_MS / 1000} s. Retrying may help; otherwise check the server.`
        : 'Cannot reach the Vigie gateway. Check that it is running, then reload this page.', 0);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      let detail = '';
      try {
        const problem = await response.json();
        detail = typeof problem.detail === 'string' ? problem.detail : '';
      } catch (ignored) {
        // Not a JSON error body: the status line below is all we can say.
      }
      throw new ApiError(detail || `The server answered HTTP ${response.status} ${response.statusText}.`.trim(),
        response.status);
    }
    return { data: await response.json(), total: parseInt(response.headers.get('X-Total-Count'), 10) };
  }

  async function getJson(url) {
    return (await request(url)).data;
  }

  function showError(id, error, prefix = '') {
    const box = $(id);
    if (error instanceof ApiError) {
      box.textContent = prefix + error.message;
    } else {
      console.error(error);
      box.textContent = 'The server sent an answer this page does not understand. Reload the page; if it persists, check the logs.';
    }
    box.hidden = false;
  }

  function hideError(id) {
    $(id).hidden = true;
    $(id).textContent = '';
  }

  // ---- Incidents: shared pieces ---------------------------------------------------------------------

  function incidentUrl(id) {
    return `/api/alerts/${encodeURIComponent(id)}`;
  }

  function incidentHref(id) {
    return `#/alerts/${encodeURIComponent(id)}`;
  }

  function badge(kind, value, allowed, text) {
    return el('span', `badge ${kind}-${token(value, allowed)}`, text || value || 'unknown');
  }

  function stateBadge(incident) {
    return badge('state', incident.state, STATES);
  }

  function severityBadge(severity) {
    return badge('sev', severity, SEVERITIES);
  }

  function metricName(metric) {
    return METRICS[metric] || String(metric || 'metric').replace(/_/g, ' ');
  }

  function figure(value) {
    return typeof value === 'number' && Number.isFinite(value) ? number.format(value) : '?';
  }

  // "since 07:02 (2 h 10 min)" for a running incident, "lasted 3 h, until 10:15" for a resolved one.
  function sinceText(incident) {
    const start = date(incident.episodeStart) || date(incident.firstRaisedAt) || date(incident.raisedAt);
    if (!start) return 'start unknown';
    const end = incident.state === 'resolved' ? date(incident.resolvedAt) : null;
    if (end) return `From ${when(start)}, resolved after ${duration(end - start)}`;
    return `Since ${when(start)} (${duration(Date.now() - start)})`;
  }

  function statusText(status) {
    switch (status) {
      case 'escalated': return 'Escalated';
      case 'resolved': return 'Back to normal';
      case 'updated': return 'Still going';
      case 'open': return 'New';
      default: return null;
    }
  }

  function byNewestDetection(a, b) {
    return (date(b.raisedAt) || 0) - (date(a.raisedAt) || 0);
  }

  // ---- Incidents list --------------------------------------------------------------------------------

  const board = { rows: [], total: 0, filter: '', seq: 0, loaded: false };

  function renderIncident(incident) {
    const severity = token(incident.severity, SEVERITIES);
    const card = el('li', `card alert sev-${severity} state-${token(incident.state, STATES)}`);

    const head = el('div', 'card-head');
    head.append(stateBadge(incident), severityBadge(incident.severity));
    const status = statusText(incident.status);
    if (incident.status === 'escalated' || incident.status === 'resolved') {
      head.append(el('span', `tag status-${incident.status}`, status));
    }
    head.append(el('span', 'watch', incident.watchId || 'unknown watch'));

    const title = el('h3', 'incident-title');
    const link = el('a', null, incident.summary || 'No summary.');
    link.href = incidentHref(incident.id);
    title.append(link);

    const facts = el('p', 'meta');
    facts.append(
      el('span', 'since-short', sinceText(incident)),
      el('span', null, `${metricName(incident.metric)}: ${figure(incident.observed)} (usually ${figure(incident.expected)})`),
      el('span', incident.assignee ? 'assignee' : 'muted',
        incident.assignee ? `Assigned to ${incident.assignee}` : 'Unassigned'));
    card.append(head, title, facts);
    return card;
  }

  function renderBoard() {
    const list = $('alerts-list');
    list.replaceChildren(...board.rows.map(renderIncident));
    $('alerts-empty').hidden = !board.loaded || board.rows.length > 0;
    $('alerts-empty').textContent = board.filter
      ? `No ${board.filter} incident.`
      : 'No incidents yet. Vigie opens one when a watch deviates from its usual traffic or tone.';
    const more = $('alerts-more');
    more.hidden = !(board.total > board.rows.length);
    more.textContent = `Showing the ${board.rows.length} latest of ${number.format(board.total)}.`;
  }

  function alertsUrl() {
    return board.filter ? `${ALERTS_URL}&status=${encodeURIComponent(board.filter)}` : ALERTS_URL;
  }

  async function refreshBoard() {
    const seq = ++board.seq;
    const list = $('alerts-list');
    try {
      const { data, total } = await request(alertsUrl());
      if (seq !== board.seq) return; // a newer refresh (or filter) has been started meanwhile
      board.rows = Array.isArray(data) ? data : [];
      board.total = Number.isFinite(total) ? total : board.rows.length;
      board.loaded = true;
      renderBoard();
      list.classList.remove('stale');
      hideError('alerts-error');
      showLiveStatus();
    } catch (error) {
      if (seq !== board.seq) return;
      // Keep the last known incidents on screen, dimmed, rather than blanking the panel.
      list.classList.add('stale');
      showError('alerts-error', error);
      setStatus(false, live.polling ? `Retrying every ${POLL_MS / 1000} s` : 'Retrying…');
    }
  }

  // One incident changed (live event or our own action): update it in place, in the list and in the open detail.
  function applyIncident(incident) {
    if (!incident || typeof incident.id !== 'string') return;
    const before = board.rows.length;
    const rows = board.rows.filter((row) => row.id !== incident.id);
    const known = rows.length !== before;
    const wanted = !board.filter || incident.state === board.filter;
    if (wanted && (known || board.loaded)) {
      rows.push(incident);
      rows.sort(byNewestDetection);
      if (!known) board.total += 1;
    } else if (known) {
      board.total = Math.max(0, board.total - 1);
    }
    board.rows = rows.slice(0, 20);
    renderBoard();
    if (view.id === incident.id) renderDetail(incident);
  }

  // ---- Live stream, with polling as the fallback -----------------------------------------------------

  const live = { source: null, failures: 0, polling: false, pollTimer: null, retryTimer: null, connected: false };

  function setStatus(connected, text) {
    $('live-dot').hidden = !connected;
    $('alerts-status-text').textContent = text;
  }

  function showLiveStatus() {
    if (live.connected) {
      setStatus(true, 'Live');
    } else {
      setStatus(false, `Updated ${clock.format(new Date())}${live.polling ? ` · every ${POLL_MS / 1000} s` : ''}`);
    }
  }

  function onStreamEvent(event) {
    live.failures = 0;
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch (ignored) {
      refreshAll(); // an event we cannot read: the list is the truth
      return;
    }
    applyIncident(payload && payload.incident);
  }

  function connectStream() {
    clearTimeout(live.retryTimer);
    if (!('EventSource' in window)) {
      startPolling();
      return;
    }
    const source = new EventSource(STREAM_URL);
    live.source = source;
    source.addEventListener('open', () => {
      live.failures = 0;
      live.connected = true;
      stopPolling();
      // Changes made while (re)connecting may not be replayed: start from the list as it is now.
      refreshAll();
    });
    for (const type of CHANGES) source.addEventListener(type, onStreamEvent);
    // The server no longer has the events this page missed.
    source.addEventListener('resync', refreshAll);
    source.addEventListener('error', () => {
      live.connected = false;
      live.failures += 1;
      if (source.readyState === EventSource.CLOSED || live.failures >= STREAM_MAX_FAILURES) {
        source.close();
        live.source = null;
        startPolling();
        live.retryTimer = setTimeout(connectStream, STREAM_RETRY_MS);
      } else {
        // EventSource reconnects by itself; meanwhile show what the list says.
        setStatus(false, 'Reconnecting…');
        refreshAll();
      }
    });
  }

  function startPolling() {
    if (live.polling) return;
    live.polling = true;
    poll();
  }

  function stopPolling() {
    live.polling = false;
    clearTimeout(live.pollTimer);
  }

  async function poll() {
    clearTimeout(live.pollTimer);
    if (!live.polling) return;
    await refreshAll();
    // A hidden tab stops polling; it refreshes at once when shown again.
    if (live.polling && !document.hidden) live.pollTimer = setTimeout(poll, POLL_MS);
  }

  function refreshAll() {
    const jobs = [refreshBoard()];
    if (view.id) jobs.push(refreshDetail());
    return Promise.all(jobs);
  }

  // ---- Incident detail -------------------------------------------------------------------------------

  const view = { id: null, incident: null, seq: 0, busy: false };
  const ACTION_ERRORS = ['ack-error', 'assign-error', 'resolve-error', 'comment-error'];

  function fact(list, term, ...values) {
    const row = el('div', 'fact');
    const dd = el('dd');
    dd.append(...values.map((value) => (typeof value === 'string' ? document.createTextNode(value) : value)));
    row.append(el('dt', null, term), dd);
    list.append(row);
  }

  function bar(fraction) {
    const track = el('span', 'bar');
    track.setAttribute('aria-hidden', 'true');
    const fill = el('span', 'bar-fill');
    // CSSOM, not a style attribute: the CSP (style-src 'self') allows the one and blocks the other.
    fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
    track.append(fill);
    return track;
  }

  function renderMetric(incident) {
    const box = $('incident-metric');
    const observed = incident.observed;
    const expected = incident.expected;
    const name = metricName(incident.metric);
    const lead = el('p', 'metric-lead');
    lead.append(el('strong', 'metric-observed', figure(observed)), document.createTextNode(` ${name}`));
    const usual = el('p', 'metric-usual', `Usually ${figure(expected)}`);
    if (typeof observed === 'number' && typeof expected === 'number' && observed >= 0 && expected > 0) {
      usual.append(document.createTextNode(` · ×${number.format(observed / expected)}`));
    }
    box.replaceChildren(lead, usual);
    // Bars only compare counts: a mean sentiment may be negative.
    if (typeof observed === 'number' && typeof expected === 'number' && observed >= 0 && expected >= 0
      && Math.max(observed, expected) > 0) {
      const top = Math.max(observed, expected);
      const bars = el('div', 'metric-bars');
      bars.append(
        el('span', 'bar-label', 'Now'), bar(observed / top), el('span', 'bar-value', figure(observed)),
        el('span', 'bar-label', 'Usual'), bar(expected / top), el('span', 'bar-value', figure(expected)));
      bars.lastChild.previousSibling.classList.add('bar-usual');
      box.append(bars);
    }
  }

  function renderFacts(incident) {
    const facts = $('incident-facts');
    facts.replaceChildren();
    fact(facts, 'Watch', incident.watchId || 'unknown');
    fact(facts, 'Detector', incident.detector || 'unknown');
    const status = statusText(incident.status);
    if (status) fact(facts, 'Detector says', status);
    const start = date(incident.windowStart);
    const end = date(incident.windowEnd);
    if (start && end) fact(facts, 'Last window', `${when(start)} – ${timeOfDay.format(end)}`);
    fact(facts, 'Last detection', timeEl(incident.raisedAt, when));
    if (typeof incident.anomalyScore === 'number') fact(facts, 'Anomaly score', number.format(incident.anomalyScore));
    const explanation = incident.explanation;
    if (explanation && typeof explanation.episodeMentions === 'number') {
      fact(facts, 'Mentions in the episode', `${number.format(explanation.episodeMentions)} (${
        number.format(explanation.baselineMentions || 0)} in the period before)`);
    }
  }

  function renderWho(incident) {
    const who = $('incident-who');
    const lines = [];
    const at = (iso) => {
      const value = date(iso);
      return value ? ` at ${when(value)}` : '';
    };
    if (incident.state === 'resolved') {
      lines.push(incident.autoResolved
        ? `Resolved automatically${at(incident.resolvedAt)}: the metrics went back to normal.`
        : `Resolved by ${incident.resolvedBy || 'someone'}${at(incident.resolvedAt)}.`);
      if (incident.resolutionNote) lines.push(`Note: ${incident.resolutionNote}`);
    } else if (incident.state === 'acknowledged') {
      lines.push(`Acknowledged by ${incident.acknowledgedBy || 'someone'}${at(incident.acknowledgedAt)}.`);
    } else {
      lines.push('Nobody has acknowledged it yet.');
    }
    if (incident.reopenedAt) lines.push(`Reopened${at(incident.reopenedAt)}: it grew worse after being resolved.`);
    lines.push(incident.assignee
      ? `Assigned to ${incident.assignee}${incident.assignedBy ? ` by ${incident.assignedBy}` : ''}${at(incident.assignedAt)}.`
      : 'Not assigned.');
    who.replaceChildren(...lines.map((line) => el('span', null, line)));
  }

  function renderTopMention(mention) {
    const card = el('li', 'card mention');
    const label = token(mention.label, SENTIMENTS);
    const heading = el('h4', 'mention-title');
    const title = mention.title || mention.url || '(untitled mention)';
    const href = safeHttpUrl(mention.url);
    if (href) {
      const link = el('a', null, title);
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      heading.append(link);
    } else {
      heading.textContent = title;
    }
    const head = el('div', 'card-head');
    head.append(el('span', `badge sent-${label}`, mention.label || 'not scored'), heading);
    const meta = el('p', 'meta');
    meta.append(el('span', 'source', SOURCES[mention.source] || mention.source || 'unknown source'),
      el('span', null, languageName(mention.language)));
    if (typeof mention.reach === 'number') meta.append(el('span', null, `reach ${number.format(mention.reach)}`));
    if (!href) meta.append(el('span', 'muted', 'no web link'));
    card.append(head, meta);
    return card;
  }

  function renderBreakdown(title, counts, name) {
    const entries = Object.entries(counts || {})
      .filter(([, count]) => typeof count === 'number' && count > 0)
      .sort((a, b) => b[1] - a[1]);
    const group = el('div', 'breakdown');
    group.append(el('h4', null, title));
    if (entries.length === 0) {
      group.append(el('p', 'status', 'No data.'));
      return group;
    }
    const sum = entries.reduce((total, [, count]) => total + count, 0);
    const top = entries[0][1];
    const rows = el('ul', 'bars');
    for (const [key, count] of entries) {
      const row = el('li', 'bar-row');
      row.append(el('span', 'bar-label', name(key)), bar(count / top),
        el('span', 'bar-value', `${number.format(count)} · ${percent.format(count / sum)}`));
      rows.append(row);
    }
    group.append(rows);
    return group;
  }

  function renderWhy(incident) {
    const explanation = incident.explanation;
    const explained = $('incident-explained');
    if (explanation) {
      const from = date(explanation.from);
      const to = date(explanation.to);
      explained.textContent = from && to
        ? `The most telling of the mentions published ${when(from)} – ${when(to)}: negative first, then by reach.`
        : 'The most telling mentions of the episode: negative first, then by reach.';
    } else {
      explained.textContent = 'Not explained yet: Vigie reads the episode\'s mentions shortly after an incident opens. '
        + 'Meanwhile, these are the mentions the detector flagged.';
    }
    const mentions = explanation && Array.isArray(explanation.topMentions) && explanation.topMentions.length > 0
      ? explanation.topMentions : (Array.isArray(incident.topMentions) ? incident.topMentions : []);
    $('incident-mentions').replaceChildren(...(mentions.length > 0
      ? mentions.map(renderTopMention) : [el('li', 'status', 'No mention to show.')]));

    const terms = explanation && Array.isArray(explanation.topTerms) ? explanation.topTerms : [];
    $('incident-terms').replaceChildren(...(terms.length > 0 ? terms.map((term) => {
      const chip = el('li', 'term');
      chip.append(el('span', 'term-word', term.term),
        el('span', 'term-count', `${figure(term.episodeDocs)} (${figure(term.baselineDocs)})`));
      chip.title = `${figure(term.episodeDocs)} mentions in this episode, ${figure(term.baselineDocs)} before`;
      return chip;
    }) : [el('li', 'status', explanation ? 'No word stands out.' : 'Not computed yet.')]));

    const breakdown = incident.breakdown || {};
    const bySource = explanation && Object.keys(explanation.bySource || {}).length > 0 ? explanation.bySource : breakdown.bySource;
    const byLanguage = explanation && Object.keys(explanation.byLanguage || {}).length > 0 ? explanation.byLanguage : breakdown.byLanguage;
    const groups = [
      renderBreakdown('By source', bySource, (key) => SOURCES[key] || key),
      renderBreakdown('By language', byLanguage, languageName),
    ];
    if (explanation && Object.keys(explanation.bySentiment || {}).length > 0) {
      groups.push(renderBreakdown('By sentiment', explanation.bySentiment, (key) => key));
    }
    $('incident-breakdown').replaceChildren(...groups);
  }

  function renderHistory(incident) {
    const steps = Array.isArray(incident.severityHistory) ? incident.severityHistory : [];
    $('incident-history').replaceChildren(...(steps.length > 0 ? steps.map((step) => {
      const item = el('li', 'history-step');
      item.append(timeEl(step.at, when), severityBadge(step.severity),
        el('span', null, `${statusText(step.status) || step.status || ''} · ${metricName(incident.metric)} ${figure(step.observed)}`));
      return item;
    }) : [el('li', 'status', 'No history recorded.')]));
  }

  function renderComments(incident) {
    const comments = Array.isArray(incident.comments) ? incident.comments : [];
    $('incident-comments').replaceChildren(...(comments.length > 0 ? comments.map((comment) => {
      const item = el('li', 'comment');
      const head = el('p', 'comment-head');
      head.append(el('span', 'comment-author', comment.author || 'anonymous'), timeEl(comment.at, when));
      item.append(head, el('p', 'comment-text', comment.text || ''));
      return item;
    }) : [el('li', 'status', 'No comment yet.')]));
  }

  function updateControls() {
    const incident = view.incident;
    const state = incident ? incident.state : null;
    const busy = view.busy;
    $('ack-button').disabled = busy || state !== 'open';
    $('ack-button').textContent = state === 'acknowledged' ? 'Acknowledged' : 'Acknowledge';
    for (const id of ['assign-form', 'resolve-form']) {
      for (const control of $(id).elements) control.disabled = busy || state === 'resolved';
    }
    $('comment-form').querySelector('button').disabled = busy;
    $('actions-closed').hidden = state !== 'resolved';
  }

  function renderDetail(incident) {
    view.incident = incident;
    const badges = $('incident-badges');
    badges.replaceChildren(stateBadge(incident), severityBadge(incident.severity));
    if (incident.status === 'escalated' || incident.status === 'resolved') {
      badges.append(el('span', `tag status-${incident.status}`, statusText(incident.status)));
    }
    badges.append(el('span', 'watch', incident.watchId || 'unknown watch'));
    $('incident-title').textContent = incident.summary || 'No summary.';
    $('incident-since').textContent = sinceText(incident);
    renderMetric(incident);
    renderFacts(incident);
    renderWho(incident);
    renderWhy(incident);
    renderHistory(incident);
    renderComments(incident);
    updateControls();
    $('incident').hidden = false;
    $('incident-status').textContent = '';
    document.title = `${incident.watchId || 'Incident'}: ${incident.summary || incident.id} — Vigie`;
  }

  async function refreshDetail() {
    const id = view.id;
    const seq = ++view.seq;
    try {
      const { data } = await request(incidentUrl(id));
      if (seq !== view.seq || id !== view.id) return;
      hideError('incident-error');
      renderDetail(data);
      return true;
    } catch (error) {
      if (seq !== view.seq || id !== view.id) return false;
      $('incident-status').textContent = '';
      showError('incident-error', error, error.status === 404 ? 'This incident cannot be found: ' : '');
      // On a transient error the last known incident stays on screen; a missing one is hidden.
      if (error.status === 404) $('incident').hidden = true;
      return false;
    }
  }

  async function openIncident(id) {
    const changed = id !== view.id;
    view.id = id;
    if (changed) {
      view.incident = null;
      $('incident').hidden = true;
      $('assign-name').value = '';
      $('comment-text').value = '';
      $('resolve-note').value = '';
      updateCommentCount();
      disarmResolve();
      for (const box of ['incident-error', ...ACTION_ERRORS]) hideError(box);
      $('incident-status').textContent = 'Loading the incident…';
    }
    if (await refreshDetail() && changed) $('incident-title').focus();
  }

  // ---- Actions ---------------------------------------------------------------------------------------

  // The name goes in the X-Vigie-User header, which browsers only send in ISO-8859-1.
  function userName(errorBox) {
    const name = $('user-name').value.trim();
    let problem = null;
    if (!name) problem = 'Enter your name first (under "Your name"): it is recorded with what you do.';
    else if (name.length > MAX_NAME_CHARS) problem = `Your name is longer than ${MAX_NAME_CHARS} characters: shorten it.`;
    else if (/[^\u0020-\u007e\u00a0-\u00ff]/.test(name)) {
      problem = 'Your name can only use Latin letters (accents such as é or ü are fine) for now: please spell it that way.';
    }
    if (problem) {
      $(errorBox).textContent = problem;
      $(errorBox).hidden = false;
      $('user-name').focus();
      return null;
    }
    return name;
  }

  async function act(path, body, errorBox) {
    hideError(errorBox);
    const user = userName(errorBox);
    if (!user || !view.id) return false;
    view.busy = true;
    updateControls();
    try {
      const { data } = await request(`${incidentUrl(view.id)}/${path}`, { method: 'POST', body, user });
      // Earlier refusals no longer describe the incident as it is now.
      for (const box of ACTION_ERRORS) hideError(box);
      applyIncident(data);
      return true;
    } catch (error) {
      const prefix = error.status === 409 ? 'Not possible now: ' : error.status === 400 ? 'Not accepted: ' : '';
      showError(errorBox, error, prefix);
      // Someone else changed it meanwhile: show it as it is now.
      if (error.status === 409) await refreshDetail();
      return false;
    } finally {
      view.busy = false;
      updateControls();
    }
  }

  function acknowledge() {
    act('ack', undefined, 'ack-error');
  }

  async function assign(event) {
    event.preventDefault();
    const name = $('assign-name').value.trim();
    if (!name) {
      showError('assign-error', new ApiError('Type the name of the person who takes it.'));
      $('assign-name').focus();
      return;
    }
    if (await act('assign', { assignee: name }, 'assign-error')) $('assign-name').value = '';
  }

  async function comment(event) {
    event.preventDefault();
    const text = $('comment-text').value;
    if (!text.trim()) {
      showError('comment-error', new ApiError('Write something first.'));
      $('comment-text').focus();
      return;
    }
    if (text.length > MAX_TEXT_CHARS) {
      showError('comment-error', new ApiError(`Comments are at most ${MAX_TEXT_CHARS} characters: shorten it or link to a document.`));
      return;
    }
    if (await act('comments', { text }, 'comment-error')) {
      $('comment-text').value = '';
      updateCommentCount();
    }
  }

  // Resolving cannot be undone from here: the first press asks for a second one.
  let resolveTimer;

  function disarmResolve() {
    clearTimeout(resolveTimer);
    const button = $('resolve-button');
    delete button.dataset.armed;
    button.textContent = 'Resolve';
  }

  async function resolve(event) {
    event.preventDefault();
    const button = $('resolve-button');
    if (!button.dataset.armed) {
      hideError('resolve-error');
      button.dataset.armed = 'true';
      button.textContent = 'Press again to resolve';
      resolveTimer = setTimeout(disarmResolve, 6000);
      return;
    }
    disarmResolve();
    const note = $('resolve-note').value.trim();
    if (await act('resolve', note ? { note } : {}, 'resolve-error')) $('resolve-note').value = '';
  }

  function updateCommentCount() {
    const length = $('comment-text').value.length;
    const counter = $('comment-count');
    counter.textContent = `${number.format(length)} / ${number.format(MAX_TEXT_CHARS)} characters`;
    counter.classList.toggle('over', length > MAX_TEXT_CHARS * 0.95);
  }

  // ---- Routing: #/ is the board, #/alerts/{id} an incident (notifications link there) --------------

  function routeId() {
    const match = /^#\/alerts\/(.+)$/.exec(window.location.hash);
    if (!match) return null;
    try {
      // Notifications encode the id as a form value (space as '+'); this page encodes '+' as %2B.
      return decodeURIComponent(match[1].replace(/\+/g, ' '));
    } catch (ignored) {
      return match[1];
    }
  }

  function route() {
    const id = routeId();
    $('view-home').hidden = id !== null;
    $('view-incident').hidden = id === null;
    if (id !== null) {
      window.scrollTo(0, 0);
      openIncident(id);
    } else {
      const wasOpen = view.id !== null;
      view.id = null;
      view.incident = null;
      document.title = 'Vigie';
      if (wasOpen) $('alerts-title').focus();
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

    for (const radio of document.querySelectorAll('input[name="state-filter"]')) {
      radio.addEventListener('change', () => {
        board.filter = token(radio.value, STATES) === 'unknown' ? '' : radio.value;
        board.loaded = false;
        $('alerts-list').classList.add('stale');
        refreshBoard();
      });
    }

    const user = $('user-name');
    try {
      user.value = localStorage.getItem(USER_KEY) || '';
    } catch (ignored) {
      // Storage disabled: the name is asked for again next time.
    }
    user.addEventListener('change', () => {
      try {
        localStorage.setItem(USER_KEY, user.value.trim());
      } catch (ignored) {
        // Storage disabled or full: the name still works for this page.
      }
    });
    $('ack-button').addEventListener('click', acknowledge);
    $('assign-form').addEventListener('submit', assign);
    $('resolve-form').addEventListener('submit', resolve);
    $('comment-form').addEventListener('submit', comment);
    $('comment-text').addEventListener('input', updateCommentCount);

    document.addEventListener('visibilitychange', () => {
      if (document.hidden) return;
      if (live.polling) poll();
      else refreshAll();
    });
    // Keeps "since ..." durations true while nothing changes.
    setInterval(() => {
      if (document.hidden) return;
      // Re-rendering would take the keyboard focus away from a link in the list.
      if (!$('alerts-list').contains(document.activeElement)) renderBoard();
      if (view.incident) $('incident-since').textContent = sinceText(view.incident);
    }, 60000);

    window.addEventListener('hashchange', route);
    route();
    if (restoreSearch()) search();
    refreshBoard();
    connectStream();
  });
})();
