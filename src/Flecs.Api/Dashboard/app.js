// FLECS node dashboard: plain JavaScript over the node's HTTP API (/api/v1). No frameworks, no external resources;
// every element is built with DOM APIs (the page's Content-Security-Policy allows no inline script or style).
'use strict';

(() => {
  const API = '/api/v1';
  const TOKEN_KEY = 'flecs.session-token';
  const BLOCK_ROWS = 20;
  const MARKET_LIMIT = 96;
  const REFRESH_DELAY_MS = 600;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const state = {
    token: null,
    caller: { player: null, role: null, supervisor: false },
    currency: '€',
    status: null,
    top: -1,
    headShown: -1,
    source: null,
    retries: 0,
    reconnectTimer: 0,
    refreshTimer: 0,
    refreshing: false,
    refreshAgain: false,
    resetPending: false,
    selectedBlock: null,
    blockRequest: 0,
    txRequest: 0,
    invoiceRequest: 0,
  };

  // ---------------------------------------------------------------- DOM helpers

  const byId = (id) => document.getElementById(id);

  function appendAll(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) {
        continue;
      }

      node.append(child instanceof Node ? child : String(child));
    }

    return node;
  }

  /** An HTML element: el('td', { class: 'num', text: '3' }), with listeners as on* properties. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }

      if (key === 'class') {
        node.className = value;
      } else if (key === 'text') {
        node.textContent = String(value);
      } else if (key === 'dataset') {
        Object.assign(node.dataset, value);
      } else if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }

    return appendAll(node, children);
  }

  /** An SVG element with attributes. */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) {
        node.setAttribute(key, String(value));
      }
    }

    return appendAll(node, children);
  }

  function table(headers, rows, options) {
    const head = el('thead', null, el('tr', null, headers.map((h) => {
      const [label, numeric] = Array.isArray(h) ? h : [h, false];
      return el('th', { scope: 'col', class: numeric ? 'num' : null, text: label });
    })));
    return el('div', { class: 'table-wrap' }, el('table', options || null, head, el('tbody', null, rows)));
  }

  function td(content, cls) {
    return el('td', { class: cls || null }, content);
  }

  function num(value) {
    return el('td', { class: 'num' }, value);
  }

  function hashCode(hash, length) {
    if (!hash) {
      return el('span', { class: 'muted', text: '—' });
    }

    const shown = hash.length > (length || 12) ? hash.slice(0, length || 12) + '…' : hash;
    return el('code', { class: 'hash', title: hash, text: shown });
  }

  function countsList(target, counts) {
    const entries = Object.entries(counts || {});
    target.replaceChildren(...(entries.length === 0
      ? [el('li', { class: 'none', text: 'none' })]
      : entries.map(([name, n]) => el('li', null, el('span', { class: 'n', text: formatInt(n) }), el('span', { text: name })))));
  }

  function setText(id, text) {
    const node = byId(id);
    if (node) {
      node.textContent = text;
    }
  }

  // ---------------------------------------------------------------- formatting

  const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const twoFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const threeFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const tickFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

  const formatInt = (n) => (typeof n === 'number' ? intFormat.format(n) : '—');

  /** µ/kWh → €/MWh (× 1,000 kWh/MWh ÷ 1,000,000 µ per unit). */
  const eurPerMwh = (microsPerKwh) => (typeof microsPerKwh === 'number' ? microsPerKwh / 1000 : null);

  /** mWh → kWh. */
  const kwh = (milliwattHours) => (typeof milliwattHours === 'number' ? milliwattHours / 1e6 : null);

  const formatPrice = (microsPerKwh) => (typeof microsPerKwh === 'number' ? twoFormat.format(eurPerMwh(microsPerKwh)) : '—');
  const formatKwh = (milliwattHours) => (typeof milliwattHours === 'number' ? threeFormat.format(kwh(milliwattHours)) : '—');
  const formatMoney = (micros) => (typeof micros === 'number' ? `${twoFormat.format(micros / 1e6)} ${state.currency}` : '—');

  /** A UTC ISO 8601 time without milliseconds. */
  function isoTime(value) {
    if (!value) {
      return '—';
    }

    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // ---------------------------------------------------------------- API access

  class ApiProblem extends Error {
    constructor(status, code, detail) {
      super(`${code}: ${detail}`);
      this.name = 'ApiProblem';
      this.status = status;
      this.code = code;
      this.detail = detail;
    }
  }

  /** GET a JSON resource; a problem+json answer becomes an ApiProblem with the ledger's code. */
  async function api(path) {
    const headers = { Accept: 'application/json' };
    if (state.token) {
      headers.Authorization = `Bearer ${state.token}`;
    }

    let response;
    try {
      response = await fetch(API + path, { headers, cache: 'no-store', credentials: 'omit' });
    } catch (error) {
      throw new ApiProblem(0, 'dashboard.network', `The node did not answer (${error && error.message ? error.message : 'network error'}).`);
    }

    let body = null;
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) {
      try {
        body = await response.json();
      } catch {
        body = null;
      }
    }

    if (!response.ok) {
      const code = (body && body.code) || `http.${response.status}`;
      const detail = (body && (body.detail || body.title)) || response.statusText || 'The request failed.';
      if (response.status === 401 && state.token) {
        signedOut(code, detail);
      }

      throw new ApiProblem(response.status, code, detail);
    }

    if (body === null) {
      throw new ApiProblem(response.status, 'dashboard.not-json', `The node answered ${path} with ${type || 'no content type'}, not JSON.`);
    }

    return body;
  }

  function problemNode(error) {
    const code = error instanceof ApiProblem ? error.code : 'dashboard.error';
    const detail = error instanceof ApiProblem ? error.detail : (error && error.message) || String(error);
    return el('p', { class: 'problem', role: 'alert' }, el('code', { text: code }), ' ', detail);
  }

  /** Runs a section's loader; a failure is shown in the section (never thrown). */
  async function guarded(problemId, loader) {
    const slot = byId(problemId);
    try {
      await loader();
      if (slot) {
        slot.replaceChildren();
      }
    } catch (error) {
      if (slot) {
        slot.replaceChildren(problemNode(error));
      }
    }
  }

  function notice(text) {
    setText('notice-text', text);
    byId('notice').hidden = !text;
  }

  // ---------------------------------------------------------------- session

  function readToken() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      let token = match[1];
      try {
        token = decodeURIComponent(token);
      } catch {
        // keep it as given
      }

      storeToken(token);
      history.replaceState(null, '', location.pathname + location.search);
      return;
    }

    try {
      state.token = sessionStorage.getItem(TOKEN_KEY) || null;
    } catch {
      state.token = null;
    }
  }

  function storeToken(token) {
    state.token = token || null;
    try {
      if (state.token) {
        sessionStorage.setItem(TOKEN_KEY, state.token);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch {
      // storage may be unavailable (private mode): the token lives in memory only
    }
  }

  function signedOut(code, detail) {
    storeToken(null);
    notice(`Signed out: ${code}: ${detail}`);
    if (!state.resetPending) {
      state.resetPending = true;
      setTimeout(() => {
        state.resetPending = false;
        refreshAll();
      }, 0);
    }
  }

  async function loadCaller() {
    const caller = await api('/caller');
    state.caller = caller;
    setText('caller', caller.player ? `${caller.player} (${caller.role})${caller.supervisor ? ', the SA: sees everything' : ''}` : 'anonymous (public data and aggregates)');
    document.body.dataset.caller = caller.supervisor ? 'sa' : caller.player ? 'player' : 'anonymous';
    byId('signout').hidden = !state.token;
    byId('operator').hidden = !caller.supervisor;
    byId('operator-link').hidden = !caller.supervisor;
  }

  // ---------------------------------------------------------------- status

  function setHead(height, hash, time) {
    if (typeof height !== 'number' || height < state.headShown) {
      return;
    }

    state.headShown = height;
    setText('head-height', formatInt(height));
    const hashNode = byId('head-hash');
    hashNode.textContent = hash ? hash.slice(0, 16) + '…' : '—';
    hashNode.title = hash || '';
    setText('head-time', isoTime(time));
  }

  async function loadStatus() {
    const status = await api('/status');
    state.status = status;
    if (typeof status.currency === 'string' && status.currency.length > 0) {
      state.currency = status.currency;
    }

    setText('chain-id', status.chainId);
    setText('node-role', status.role);
    setText('tx-count', `${formatInt(status.transactions)} (${formatInt(status.accepted)} accepted)`);
    setText('interval-length', `${status.intervalMinutes} min`);
    setHead(status.height, status.headHash, status.headTime);

    const badge = byId('verify');
    const verify = status.verify || {};
    if (!verify.enabled) {
      badge.dataset.state = 'unknown';
      badge.textContent = 'verify off';
      badge.title = 'The node does not re-verify its blocks in the background.';
    } else if (verify.ok) {
      badge.dataset.state = 'ok';
      badge.textContent = `verified to ${formatInt(verify.verifiedHeight)}`;
      badge.title = `Every block up to ${verify.verifiedHeight} was replayed and found equal.`;
    } else {
      badge.dataset.state = 'bad';
      badge.textContent = `mismatch: ${verify.code || 'unknown'}`;
      badge.title = verify.message || 'The background verifier found a mismatch.';
    }

    const follow = byId('follow');
    if (status.follow) {
      const f = status.follow;
      follow.hidden = false;
      follow.textContent = `Following ${f.source}: source head ${f.sourceHeight === null || f.sourceHeight === undefined ? 'unknown' : formatInt(f.sourceHeight)}, ${formatInt(f.applied)} blocks applied since start${f.lastError ? `; last error: ${f.lastError}` : ''}.`;
    } else {
      follow.hidden = true;
    }
  }

  // ---------------------------------------------------------------- blocks and the live stream

  function blockRow(block, fresh) {
    const row = el('tr', { class: fresh ? 'fresh' : null, dataset: { height: String(block.height) } },
      el('td', { class: 'num' }, el('button', { type: 'button', class: 'link', 'aria-label': `Show block ${block.height}`, text: String(block.height), onclick: () => selectBlock(block.height) })),
      td(isoTime(block.time)),
      td(hashCode(block.hash, 10)),
      num(formatInt(block.transactions)),
      num(formatInt(block.accepted)),
      td(block.sealer));
    if (block.height === state.selectedBlock) {
      row.classList.add('selected');
    }

    if (fresh) {
      setTimeout(() => row.classList.remove('fresh'), 4000);
    }

    return row;
  }

  async function loadBlocks() {
    const blocks = await api(`/blocks?limit=${BLOCK_ROWS}`);
    const body = byId('blocks').tBodies[0];
    body.replaceChildren(...blocks.map((b) => blockRow(b, false)));
    byId('blocks-empty').hidden = blocks.length > 0;
    if (blocks.length > 0) {
      state.top = Math.max(state.top, blocks[0].height);
      setHead(blocks[0].height, blocks[0].hash, blocks[0].time);
    }
  }

  function onBlock(block) {
    if (!block || typeof block.height !== 'number' || block.height <= state.top) {
      return;
    }

    const body = byId('blocks').tBodies[0];
    body.prepend(blockRow(block, true));
    while (body.rows.length > BLOCK_ROWS) {
      body.deleteRow(body.rows.length - 1);
    }

    byId('blocks-empty').hidden = true;
    state.top = block.height;
    setHead(block.height, block.hash, block.time);
    scheduleRefresh();
  }

  function setLive(mode, text) {
    const live = byId('live');
    live.dataset.state = mode;
    setText('live-text', text);
  }

  function connect() {
    if (state.source) {
      state.source.close();
    }

    const url = `${API}/events/blocks${state.top >= 0 ? `?after=${state.top}` : ''}`;
    const source = new EventSource(url);
    state.source = source;
    setLive('connecting', 'Connecting…');
    source.onopen = () => {
      if (state.source === source) {
        state.retries = 0;
        setLive('live', 'Live');
      }
    };
    source.addEventListener('block', (event) => {
      if (state.source !== source) {
        return;
      }

      setLive('live', 'Live');
      state.retries = 0;
      let block;
      try {
        block = JSON.parse(event.data);
      } catch {
        return;
      }

      onBlock(block);
    });
    source.onerror = () => {
      if (state.source !== source) {
        return;
      }

      // Reconnect on our own from the last block shown (the stream resumes with ?after=).
      source.close();
      state.source = null;
      const delay = Math.min(30000, 1000 * (2 ** Math.min(state.retries, 5)));
      state.retries += 1;
      setLive('offline', `Offline, retrying in ${Math.round(delay / 1000)} s`);
      clearTimeout(state.reconnectTimer);
      state.reconnectTimer = setTimeout(reconnect, delay);
    };
  }

  async function reconnect() {
    if (state.top < 0) {
      await guarded('blocks-problem', loadBlocks);
    }

    connect();
    scheduleRefresh();
  }

  // ---------------------------------------------------------------- block detail and transaction lookup

  async function selectBlock(height) {
    state.selectedBlock = height;
    for (const row of byId('blocks').tBodies[0].rows) {
      row.classList.toggle('selected', row.dataset.height === String(height));
    }

    const target = byId('block-detail');
    const request = ++state.blockRequest;
    target.replaceChildren(el('p', { class: 'hint', text: `Loading block ${height}…` }));
    try {
      const block = await api(`/blocks/${height}`);
      if (request === state.blockRequest) {
        target.replaceChildren(...blockDetail(block));
      }
    } catch (error) {
      if (request === state.blockRequest) {
        target.replaceChildren(el('h3', { text: `Block ${height}` }), problemNode(error));
      }
    }
  }

  function blockDetail(block) {
    const s = block.summary;
    const rows = [
      ['Hash', hashCode(s.hash, 64)],
      ['Previous hash', hashCode(s.previousHash, 64)],
      ['Time (UTC)', isoTime(s.time)],
      ['Sealer', s.sealer],
      ['Transactions', `${formatInt(s.transactions)} (${formatInt(s.accepted)} accepted)`],
      ['Transactions root', hashCode(block.transactionsRoot, 64)],
      ['Receipts root', hashCode(block.receiptsRoot, 64)],
      ['History root', hashCode(block.historyRoot, 64)],
      ['Validator set', hashCode(block.validatorSetHash, 64)],
    ];
    const txs = block.transactions || [];
    return [
      el('div', { class: 'detail-head' },
        el('h3', { text: `Block ${formatInt(s.height)}` }),
        el('button', { type: 'button', class: 'secondary', text: 'Close', onclick: closeBlock })),
      el('div', { class: 'table-wrap' }, el('table', { class: 'kv' }, el('tbody', null, rows.map(([k, v]) => el('tr', null, el('th', { scope: 'row', text: k }), td(v)))))),
      el('h3', { text: 'Transactions' }),
      txs.length === 0
        ? el('p', { class: 'empty', text: 'This block holds no transactions.' })
        : table(
          [['#', true], 'Type', 'Id', 'Result', 'Sender'],
          txs.map((t) => el('tr', { dataset: { id: t.id } },
            num(String(t.position)),
            td(t.type),
            td(t.sender ? el('button', { type: 'button', class: 'link mono', title: `Look up ${t.id}`, text: t.id.slice(0, 14) + '…', onclick: () => lookupTransaction(t.id) }) : hashCode(t.id, 14)),
            td(t.accepted ? el('span', { class: 'badge ok', text: 'accepted' }) : el('span', { class: 'badge bad', title: 'rejected', text: `rejected: ${t.code}` })),
            td(t.sender || el('span', { class: 'hint', title: 'Only its sender, the sender\'s representative or the SA sees who sent it.', text: 'not visible' })))),
          { class: 'block-transactions' }),
    ];
  }

  function closeBlock() {
    state.selectedBlock = null;
    state.blockRequest += 1;
    for (const row of byId('blocks').tBodies[0].rows) {
      row.classList.remove('selected');
    }

    byId('block-detail').replaceChildren(el('p', { class: 'empty', text: 'Choose a block to see its transactions.' }));
  }

  async function lookupTransaction(id) {
    const input = byId('tx-id');
    input.value = id;
    const target = byId('tx-result');
    const trimmed = id.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(trimmed)) {
      target.replaceChildren(problemNode(new ApiProblem(0, 'dashboard.bad-id', 'A transaction id is 64 hexadecimal digits.')));
      return;
    }

    const request = ++state.txRequest;
    target.replaceChildren(el('p', { class: 'hint', text: 'Looking up…' }));
    try {
      const tx = await api(`/transactions/${trimmed}`);
      if (request !== state.txRequest) {
        return;
      }

      target.replaceChildren(
        el('h3', { text: 'Transaction' }),
        el('div', { class: 'table-wrap' }, el('table', { class: 'kv', id: 'tx-table' }, el('tbody', null,
          [
            ['Id', hashCode(tx.id, 64)],
            ['Block', el('button', { type: 'button', class: 'link', text: String(tx.height), onclick: () => selectBlock(tx.height) })],
            ['Position', String(tx.position)],
            ['Block time (UTC)', isoTime(tx.blockTime)],
            ['Type', tx.type],
            ['Sender', tx.sender],
            ['Sequence', formatInt(tx.sequence)],
            ['Result', tx.accepted ? el('span', { class: 'badge ok', text: 'accepted' }) : el('span', { class: 'badge bad', text: `rejected: ${tx.code}` })],
          ].map(([k, v]) => el('tr', null, el('th', { scope: 'row', text: k }), td(v)))))));
    } catch (error) {
      if (request === state.txRequest) {
        target.replaceChildren(problemNode(error));
      }
    }
  }

  // ---------------------------------------------------------------- market charts

  function niceTicks(lo, hi, count) {
    const span = hi - lo;
    const raw = span / count;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const norm = raw / magnitude;
    const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
    const start = Math.floor(lo / step) * step;
    const end = Math.ceil(hi / step) * step;
    const ticks = [];
    for (let v = start, i = 0; v <= end + (step / 2) && i < 50; i += 1, v = start + (i * step)) {
      ticks.push(Number(v.toPrecision(12)));
    }

    return ticks;
  }

  function timeLabel(start, spansDays) {
    const iso = isoTime(start);
    return spansDays ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
  }

  /** Draws a line chart of series over the intervals' start times into host (an SVG built with DOM APIs). */
  function lineChart(host, legend, options) {
    const { title, unit, times, series } = options;
    const width = 600;
    const height = 250;
    const m = { left: 58, right: 14, top: 24, bottom: 34 };
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const values = series.flatMap((s) => s.values).filter((v) => typeof v === 'number' && Number.isFinite(v));
    let lo = Math.min(0, ...values);
    let hi = Math.max(0, ...values);
    if (hi - lo < 1e-9) {
      hi = lo + 1;
    }

    const ticks = niceTicks(lo, hi, 5);
    lo = ticks[0];
    hi = ticks[ticks.length - 1];
    const n = times.length;
    const x = (i) => m.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
    const y = (v) => m.top + plotH - (((v - lo) / (hi - lo)) * plotH);

    const id = `chart-${host.id}`;
    const first = isoTime(times[0]);
    const last = isoTime(times[n - 1]);
    const latest = series.map((s) => {
      const v = s.values[n - 1];
      return `${s.name} ${typeof v === 'number' ? tickFormat.format(v) : 'none'}`;
    }).join(', ');
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMidYMid meet' },
      svg('title', { id: `${id}-title` }, title),
      svg('desc', { id: `${id}-desc` }, `${n} intervals from ${first} to ${last} (UTC). Latest, in ${unit}: ${latest}.`));

    const grid = svg('g', { class: 'grid' });
    const labels = svg('g', { class: 'labels' });
    for (const t of ticks) {
      const ty = y(t);
      grid.append(svg('line', { x1: m.left, x2: width - m.right, y1: ty, y2: ty }));
      labels.append(svg('text', { x: m.left - 6, y: ty + 4, 'text-anchor': 'end' }, tickFormat.format(t)));
    }

    labels.append(svg('text', { class: 'unit', x: 4, y: 12 }, unit));
    const spansDays = n > 0 && (new Date(times[n - 1]) - new Date(times[0])) >= 86400000;
    // Time labels at even steps (at most six), the last interval always labelled.
    const step = Math.max(1, Math.ceil((n - 1) / 5));
    const marks = [];
    for (let i = 0; i < n; i += step) {
      marks.push(i);
    }

    if (n > 1 && marks[marks.length - 1] !== n - 1) {
      if ((n - 1) - marks[marks.length - 1] < step * 0.75) {
        marks.pop();
      }

      marks.push(n - 1);
    }

    for (const i of marks) {
      const anchor = n <= 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
      labels.append(svg('text', { x: x(i), y: height - m.bottom + 18, 'text-anchor': anchor }, timeLabel(times[i], spansDays)));
      grid.append(svg('line', { x1: x(i), x2: x(i), y1: height - m.bottom, y2: height - m.bottom + 5 }));
    }

    const axis = svg('g', { class: 'axis' },
      svg('line', { x1: m.left, x2: width - m.right, y1: y(Math.max(lo, Math.min(0, hi))), y2: y(Math.max(lo, Math.min(0, hi))) }),
      svg('line', { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom }));
    root.append(grid, axis, labels);

    for (const s of series) {
      let d = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          pen = false;
          return;
        }

        d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
        pen = true;
      });
      const group = svg('g', { class: `series-group s-${s.key}`, 'data-series': s.key });
      if (d) {
        group.append(svg('path', { class: `series s-${s.key}`, d: d.trim() }));
      }

      if (n <= 48) {
        s.values.forEach((v, i) => {
          if (typeof v === 'number' && Number.isFinite(v)) {
            group.append(svg('circle', { class: `marker s-${s.key}`, cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 3 },
              svg('title', null, `${s.name}, ${isoTime(times[i])}: ${tickFormat.format(v)} ${unit}`)));
          }
        });
      }

      root.append(group);
    }

    host.replaceChildren(root);
    legend.replaceChildren(...series.map((s) => el('li', null, el('span', { class: `swatch s-${s.key}`, 'aria-hidden': 'true' }), s.name)));
  }

  async function loadMarket() {
    const market = await api(`/market/intervals?limit=${MARKET_LIMIT}`);
    const intervals = market.intervals || [];
    const empty = intervals.length === 0;
    byId('market-empty').hidden = !empty;
    byId('market-body').hidden = empty;
    if (empty) {
      return;
    }

    const times = intervals.map((i) => i.start);
    const unit = `${state.currency}/MWh`;
    lineChart(byId('chart-prices'), byId('legend-prices'), {
      title: `MPM and SPM prices (${unit})`,
      unit,
      times,
      series: [
        { key: 'mpm', name: 'MPM (main market)', values: intervals.map((i) => eurPerMwh(i.mpmPriceMicrosPerKwh)) },
        { key: 'spm', name: 'SPM (local auction)', values: intervals.map((i) => eurPerMwh(i.spmPriceMicrosPerKwh)) },
      ],
    });
    lineChart(byId('chart-flows'), byId('legend-flows'), {
      title: 'Energy flows per interval (kWh)',
      unit: 'kWh',
      times,
      series: [
        { key: 'import', name: 'Import (metered consumption)', values: intervals.map((i) => kwh(i.importMilliwattHours)) },
        { key: 'export', name: 'Export (metered production)', values: intervals.map((i) => kwh(i.exportMilliwattHours)) },
        { key: 'contract', name: 'Contracts', values: intervals.map((i) => kwh(i.contractMilliwattHours)) },
        { key: 'grid', name: 'From the grid (P2G)', values: intervals.map((i) => kwh(i.gridImportMilliwattHours)) },
        { key: 'gridout', name: 'To the grid (P2G)', values: intervals.map((i) => kwh(i.gridExportMilliwattHours)) },
        { key: 'spmvol', name: 'SPM volume', values: intervals.map((i) => kwh(i.spmVolumeMilliwattHours)) },
      ],
    });

    const latest = intervals[intervals.length - 1];
    byId('latest-interval').tBodies[0].replaceChildren(...[
      ['Interval', `${formatInt(latest.interval)}, starting ${isoTime(latest.start)}`],
      ['MPM price', `${formatPrice(latest.mpmPriceMicrosPerKwh)} ${unit} (${latest.mpmCleared ? 'cleared by the merit order' : 'fallback price'}; ${formatInt(latest.mpmPriceMicrosPerKwh)} µ/kWh)`],
      ['SPM price', latest.spmPriceMicrosPerKwh === null || latest.spmPriceMicrosPerKwh === undefined ? 'did not clear' : `${formatPrice(latest.spmPriceMicrosPerKwh)} ${unit} (${formatInt(latest.spmPriceMicrosPerKwh)} µ/kWh)`],
      ['SPM volume', `${formatKwh(latest.spmVolumeMilliwattHours)} kWh`],
      ['Import / export', `${formatKwh(latest.importMilliwattHours)} kWh / ${formatKwh(latest.exportMilliwattHours)} kWh`],
      ['Contracts', `${formatKwh(latest.contractMilliwattHours)} kWh`],
      ['From / to the grid (P2G)', `${formatKwh(latest.gridImportMilliwattHours)} kWh / ${formatKwh(latest.gridExportMilliwattHours)} kWh`],
      ['Accounts / failed contracts', `${formatInt(latest.accounts)} / ${formatInt(latest.failures)}`],
    ].map(([k, v]) => el('tr', null, el('th', { scope: 'row', text: k }), td(v))));

    byId('intervals').tBodies[0].replaceChildren(...intervals.slice().reverse().map((i) => el('tr', { dataset: { interval: String(i.interval) } },
      td(isoTime(i.start)),
      num(formatPrice(i.mpmPriceMicrosPerKwh)),
      num(formatPrice(i.spmPriceMicrosPerKwh)),
      num(formatKwh(i.spmVolumeMilliwattHours)),
      num(formatKwh(i.importMilliwattHours)),
      num(formatKwh(i.exportMilliwattHours)),
      num(formatKwh(i.contractMilliwattHours)),
      num(formatKwh(i.gridImportMilliwattHours)),
      num(formatKwh(i.gridExportMilliwattHours)),
      num(formatInt(i.accounts)),
      num(formatInt(i.failures)))));
  }

  // ---------------------------------------------------------------- contracts and invoices

  function signInHint(what) {
    return el('p', { class: 'empty', text: `Sign in with a session token to see ${what}.` });
  }

  async function loadContracts() {
    const view = await api('/contracts');
    setText('contracts-total', formatInt(view.total));
    countsList(byId('contracts-by-status'), view.byStatus);
    countsList(byId('contracts-by-kind'), view.byKind);
    const list = byId('contracts-list');
    if (!state.caller.player) {
      list.replaceChildren(signInHint('the contracts you are party to'));
      return;
    }

    const contracts = view.contracts || [];
    list.replaceChildren(
      el('h3', { text: state.caller.supervisor ? 'All contracts' : 'Your contracts' }),
      contracts.length === 0
        ? el('p', { class: 'empty', text: 'No contracts to show.' })
        : table(
          ['Id', 'Kind', 'Status', 'Parties', 'Term start (UTC)', 'Term end (UTC)', 'Next interval (UTC)', 'Proposer', 'Pending'],
          contracts.map((c) => el('tr', { dataset: { id: c.id } },
            td(hashCode(c.id, 12)),
            td(c.kind),
            td(el('span', { class: `badge${c.status === 'live' ? ' ok' : c.status === 'terminated' ? ' bad' : c.status === 'proposed' ? ' warn' : ''}`, text: c.status })),
            td(Object.entries(c.parties || {}).map(([role, player]) => `${role}: ${player}`).join(', '), 'wrap'),
            td(isoTime(c.termStart)),
            td(isoTime(c.termEnd)),
            td(isoTime(c.nextInterval)),
            td(c.proposer),
            td(c.pending || '—'))),
          { id: 'contracts-table' }));
  }

  async function loadInvoices() {
    const view = await api('/invoices');
    setText('invoices-total', formatInt(view.total));
    const list = byId('invoices-list');
    if (!state.caller.player) {
      list.replaceChildren(signInHint('your invoices'));
      return;
    }

    const invoices = view.invoices || [];
    list.replaceChildren(invoices.length === 0
      ? el('p', { class: 'empty', text: 'No invoices issued to your accounts yet.' })
      : table(
        ['Account', ['Period', true], 'From (UTC)', 'To (UTC)', ['Intervals', true], ['Total', true], 'Root', ''],
        invoices.map((i) => el('tr', { dataset: { account: i.account, period: String(i.period) } },
          td(i.account),
          num(formatInt(i.period)),
          td(isoTime(i.from)),
          td(isoTime(i.to)),
          num(formatInt(i.intervals)),
          num(formatMoney(i.totalMicros)),
          td(hashCode(i.root, 12)),
          td(el('button', { type: 'button', class: 'secondary', text: 'Lines', 'aria-label': `Show the lines of ${i.account}'s invoice for period ${i.period}`, onclick: () => loadInvoice(i.account, i.period) })))),
        { id: 'invoices-table' }));
  }

  async function loadInvoice(account, period) {
    const target = byId('invoice-detail');
    const request = ++state.invoiceRequest;
    target.replaceChildren(el('p', { class: 'hint', text: 'Loading the invoice…' }));
    try {
      const invoice = await api(`/invoices/${encodeURIComponent(account)}/${period}`);
      if (request !== state.invoiceRequest) {
        return;
      }

      const s = invoice.summary;
      target.replaceChildren(
        el('h3', { text: `Invoice of ${s.account}, period ${s.period} (${isoTime(s.from)} to ${isoTime(s.to)}): ${formatMoney(s.totalMicros)}` }),
        (invoice.lines || []).length === 0
          ? el('p', { class: 'empty', text: 'No lines.' })
          : table(
            ['Kind', 'Reference', ['Energy (kWh)', true], [`Money (${state.currency})`, true], ['Certificates', true]],
            invoice.lines.map((l) => el('tr', null,
              td(l.kind),
              td(l.reference, 'wrap'),
              num(formatKwh(l.energyMilliwattHours)),
              num(formatMoney(l.moneyMicros)),
              num(formatInt(l.certificates)))),
            { id: 'invoice-lines' }));
    } catch (error) {
      if (request === state.invoiceRequest) {
        target.replaceChildren(problemNode(error));
      }
    }
  }

  // ---------------------------------------------------------------- registry and operator

  async function loadPlayers() {
    const view = await api('/players');
    setText('players-total', formatInt(view.total));
    countsList(byId('players-by-role'), view.byRole);
    countsList(byId('players-by-status'), view.byStatus);
    const list = byId('players-list');
    if (!state.caller.player) {
      list.replaceChildren(signInHint('your player record (the SA sees every player)'));
      return;
    }

    const players = view.players || [];
    list.replaceChildren(
      el('h3', { text: state.caller.supervisor ? 'All players' : 'You and the players you represent' }),
      players.length === 0
        ? el('p', { class: 'empty', text: 'No players to show.' })
        : table(
          ['Id', 'Role', 'Mode', 'Status', 'Representative', 'Key', ['Sequence', true], ['Registered at', true]],
          players.map((p) => el('tr', { dataset: { player: p.id } },
            td(p.id),
            td(p.role),
            td(p.mode),
            td(el('span', { class: `badge${p.status === 'authorized' ? ' ok' : p.status === 'revoked' ? ' bad' : p.status === 'suspended' || p.status === 'pending' ? ' warn' : ''}`, text: p.status })),
            td(p.representative || '—'),
            td(hashCode(p.publicKey, 12)),
            num(formatInt(p.sequence)),
            num(formatInt(p.registeredAtHeight)))),
          { id: 'players-table' }));
  }

  async function loadTemplates() {
    const templates = await api('/templates');
    const list = byId('templates-list');
    list.replaceChildren((templates || []).length === 0
      ? el('p', { class: 'empty', text: 'No contract templates on the ledger yet.' })
      : table(
        ['Kind', 'Version', 'Hash', 'Certified', ['Certified at', true], ['Changed at', true], 'Reason'],
        templates.map((t) => el('tr', { dataset: { hash: t.hash } },
          td(t.kind),
          td(t.version),
          td(hashCode(t.hash, 12)),
          td(el('span', { class: `badge${t.certified ? ' ok' : ' bad'}`, text: t.certified ? 'certified' : 'decertified' })),
          num(formatInt(t.certifiedAtHeight)),
          num(formatInt(t.changedAtHeight)),
          td(t.reason || '—', 'wrap'))),
        { id: 'templates-table' }));
  }

  async function loadOperator() {
    const body = byId('operator-body');
    if (!state.caller.supervisor) {
      body.replaceChildren();
      return;
    }

    const view = await api('/operator');
    const ingest = Object.entries(view.ingest || {});
    body.replaceChildren(
      el('div', { class: 'table-wrap' }, el('table', { class: 'kv', id: 'operator-table' }, el('tbody', null,
        [
          ['Open sessions', formatInt(view.sessions)],
          ['Submitted over HTTP', formatInt(view.submitted)],
          ['Rate-limited requests', formatInt(view.rateLimited)],
          ['Node role', view.status ? view.status.role : '—'],
          ['Verified height', view.status && view.status.verify ? formatInt(view.status.verify.verifiedHeight) : '—'],
        ].map(([k, v]) => el('tr', null, el('th', { scope: 'row', text: k }), el('td', { class: 'num' }, v)))))),
      el('h3', { text: 'MQTT ingest' }),
      ingest.length === 0
        ? el('p', { class: 'empty', text: 'This node does not ingest meter readings over MQTT.' })
        : table(['Counter', ['Value', true]], ingest.map(([k, v]) => el('tr', null, td(k), num(formatInt(v))))));
  }

  // ---------------------------------------------------------------- refresh

  async function refreshLive() {
    if (state.refreshing) {
      state.refreshAgain = true;
      return;
    }

    state.refreshing = true;
    try {
      do {
        state.refreshAgain = false;
        await Promise.all([
          guarded('status-problem', loadStatus),
          guarded('market-problem', loadMarket),
          guarded('contracts-problem', loadContracts),
          guarded('invoices-problem', loadInvoices),
          guarded('players-problem', loadPlayers),
          guarded('templates-problem', loadTemplates),
          guarded('operator-problem', loadOperator),
        ]);
      } while (state.refreshAgain);
    } finally {
      state.refreshing = false;
    }
  }

  function scheduleRefresh() {
    if (state.refreshTimer) {
      return;
    }

    state.refreshTimer = setTimeout(() => {
      state.refreshTimer = 0;
      refreshLive();
    }, REFRESH_DELAY_MS);
  }

  /** Everything that depends on who the caller is. */
  async function refreshAll() {
    await guarded('caller-problem', loadCaller);
    await refreshLive();
    if (state.selectedBlock !== null) {
      await selectBlock(state.selectedBlock);
    }

    byId('tx-result').replaceChildren();
    byId('invoice-detail').replaceChildren();
  }

  // ---------------------------------------------------------------- start

  function wire() {
    byId('signin').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = byId('token');
      const token = input.value.trim();
      input.value = '';
      if (!token) {
        notice('Paste a session token first (POST /api/v1/sessions with a signed request issues one).');
        return;
      }

      notice('');
      storeToken(token);
      refreshAll();
    });
    byId('signout').addEventListener('click', () => {
      storeToken(null);
      notice('');
      refreshAll();
    });
    byId('notice-close').addEventListener('click', () => notice(''));
    byId('tx-lookup').addEventListener('submit', (event) => {
      event.preventDefault();
      lookupTransaction(byId('tx-id').value);
    });
    window.addEventListener('pagehide', () => {
      if (state.source) {
        state.source.close();
        state.source = null;
      }
    });
    window.addEventListener('hashchange', () => {
      if (/(?:^#|&)token=/.test(location.hash)) {
        readToken();
        refreshAll();
      }
    });
  }

  async function start() {
    wire();
    readToken();
    await guarded('caller-problem', loadCaller);
    await guarded('blocks-problem', loadBlocks);
    connect();
    await refreshLive();
    document.body.dataset.ready = 'true';
  }

  start();
})();
