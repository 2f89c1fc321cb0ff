'use strict';
// The web app's core: sign-in (token exchanged for an HttpOnly cookie), the JSON API, the live
// event stream (GET /api/events, reconnecting with Last-Event-ID), the status line, the page router
// (#/chat, #/groups, ...) and small DOM helpers. chat.js and dashboard.js register their views here.
window.App = (() => {
  const $ = (id) => document.getElementById(id);
  const state = { signedIn: false, loaded: false, groups: [], status: null, assistant: 'assistant', connected: false };
  const views = {};
  const listeners = [];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c);
    return e;
  }

  // The token passes through this script once: it is exchanged for an HttpOnly, SameSite=Strict
  // session cookie (POST /api/session) and forgotten; no secret is kept in web storage.
  async function signIn(token) {
    const res = await fetch('/api/session', { method: 'POST', cache: 'no-store', headers: { 'Authorization': 'Bearer ' + token } });
    if (res.status !== 204) throw new Error(res.status === 401 ? 'The token was not accepted.' : 'Sign-in failed (' + res.status + ').');
  }

  function takeLinkToken() {
    const m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (m) history.replaceState(null, '', location.pathname + location.search + '#/chat');
    return m ? decodeURIComponent(m[1]) : null;
  }

  let statusText = '';
  function setStatus(text, bad) {
    statusText = text || '';
    $('status').textContent = statusText;
    $('status').classList.toggle('bad', !!bad);
  }

  /** A browser's network error ("Failed to fetch") in words a person can act on. */
  function reason(e) {
    if (e instanceof TypeError) return 'Pincer is not reachable; retrying…';
    return e.message || String(e);
  }

  async function api(method, path, body, options) {
    const headers = {};
    let payload;
    if (body instanceof Blob) { payload = body; if (body.type) headers['Content-Type'] = body.type; }
    else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
    const res = await fetch(path, { method, headers, cache: 'no-store', credentials: 'same-origin', body: payload,
      signal: options && options.signal });
    if (res.status === 401) {
      signOut(state.loaded ? 'The session is no longer accepted; sign in again.' : '');
      throw new Error('not signed in');
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const err = new Error((data && data.error) || (res.status + ' ' + res.statusText));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  function signOut(why) {
    state.signedIn = false;
    state.loaded = false;
    if (events.abort) events.abort.abort();
    for (const id of ['chat-view', 'dash-view', 'nav']) $(id).hidden = true;
    $('login').hidden = false;
    setStatus(why || '', !!why);
  }

  // ---- times ----
  function sameDay(a, b) { return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate(); }
  /** Today: 14:05; this year: Tue 3 Dec, 14:05; before: 3 Dec 2025, 14:05. */
  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return String(iso);
    const now = new Date();
    const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    if (sameDay(d, now)) return hm;
    const opts = d.getFullYear() === now.getFullYear() ? { weekday: 'short', day: 'numeric', month: 'short' }
      : { day: 'numeric', month: 'short', year: 'numeric' };
    return d.toLocaleDateString([], opts) + ', ' + hm;
  }
  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1000) return ms + ' ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + Math.round(s % 60) + ' s';
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }
  function number(n) { return (n || 0).toLocaleString(); }

  // ---- groups and status, shared by the views ----
  async function loadGroups() {
    const data = await api('GET', '/api/groups');
    state.groups = data.groups;
    const main = state.groups.find((g) => g.isMain);
    if (main) state.assistant = main.trigger.replace(/^@/, '');
    return state.groups;
  }

  async function refreshStatus() {
    try {
      state.status = await api('GET', '/api/status');
      if (state.status.assistant) state.assistant = state.status.assistant;
      showStatus();
      emit('status', state.status);
    } catch (e) {
      if (state.signedIn) setStatus(reason(e), true);
    }
  }

  function showStatus() {
    const s = state.status;
    if (!state.connected) return;
    if (!s) { setStatus('connected'); return; }
    const parts = ['connected'];
    if (s.startedAt) parts.push('up ' + duration(Date.now() - new Date(s.startedAt).getTime()).replace(/ \d+ s$/, ''));
    const running = (s.activeRuns || []).length;
    if (running) parts.push(running + ' running');
    const down = (s.channels || []).filter((c) => c.state !== 'connected' && c.state !== 'disabled');
    if (down.length) parts.push(down.map((c) => c.name + ' ' + c.state).join(', '));
    setStatus(parts.join(' \u00b7 '));
  }

  // ---- live events ----
  const events = { lastId: null, abort: null };
  function on(fn) { listeners.push(fn); }
  function emit(type, data) {
    for (const fn of listeners) {
      try { fn(type, data); } catch (e) { console.error('event handler failed', type, e); }
    }
  }

  async function watchEvents() {
    let delay = 500;
    while (state.signedIn) {
      const ctl = new AbortController();
      events.abort = ctl;
      try {
        const headers = events.lastId ? { 'Last-Event-ID': events.lastId } : {};
        const res = await fetch('/api/events', { cache: 'no-store', credentials: 'same-origin', headers, signal: ctl.signal });
        if (res.status === 401) { signOut('The session is no longer accepted; sign in again.'); return; }
        if (!res.ok || !res.body) throw new Error('the event stream answered ' + res.status);
        // Back: clear the error at once and catch up with what the page missed.
        const wasDown = !state.connected;
        state.connected = true;
        delay = 500;
        setStatus('connected');
        if (wasDown) emit('connected');
        refreshStatus();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            dispatch(block);
          }
        }
      } catch (e) {
        if (!state.signedIn) return;
      }
      if (!state.signedIn) return;
      state.connected = false;
      setStatus('Connection lost; reconnecting…', true);
      emit('disconnected');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4000);
    }
  }

  function dispatch(block) {
    let type = 'message';
    let data = '';
    let id = null;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data += (data ? '\n' : '') + value;
      else if (field === 'id') id = value;
    }
    if (!data) return;
    if (id) events.lastId = id;
    let payload = null;
    try { payload = JSON.parse(data); } catch (e) { return; }
    if (type === 'group') loadGroups().then(() => emit('groups', state.groups)).catch(() => {});
    if (type === 'run' || type === 'channel') refreshStatusSoon();
    emit(type, payload);
  }

  let statusTimer = null;
  function refreshStatusSoon() {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(refreshStatus, 300);
  }

  // ---- pages ----
  function register(name, view) { views[name] = view; }

  function route() {
    if (!state.loaded) return;
    const m = /^#\/([a-z]+)(?:\/(.*))?$/.exec(location.hash);
    const name = m && views[m[1]] ? m[1] : 'chat';
    const arg = m && m[2] ? decodeURIComponent(m[2]) : null;
    for (const a of document.querySelectorAll('#nav a')) {
      if (a.dataset.page === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    $('chat-view').hidden = name !== 'chat';
    $('dash-view').hidden = name === 'chat';
    for (const [n, v] of Object.entries(views)) if (n !== name && v.hide) v.hide();
    views[name].show(arg);
  }

  async function begin() {
    state.signedIn = true;
    $('login').hidden = true;
    try {
      await loadGroups();
      state.loaded = true;
    } catch (e) {
      if (state.signedIn) setStatus(reason(e), true);
      return;
    }
    $('nav').hidden = false;
    route();
    watchEvents();
    setInterval(showStatus, 60000);
  }

  function start() {
    window.addEventListener('hashchange', route);
    $('login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const token = $('token').value.trim();
      $('token').value = '';
      signIn(token).then(begin, (err) => signOut(err.message));
    });
    try { localStorage.removeItem('pincer-web-token'); } catch (e) { /* storage disabled */ }
    const linkToken = takeLinkToken();
    // With a token in the link, sign in with it; without, a session cookie may already be there
    // (begin() falls back to the sign-in form on 401).
    (linkToken ? signIn(linkToken) : Promise.resolve()).then(begin, (err) => signOut(err.message));
  }

  document.addEventListener('DOMContentLoaded', start);
  return { $, el, api, state, on, emit, register, setStatus, reason, when, duration, number, loadGroups, refreshStatus };
})();
