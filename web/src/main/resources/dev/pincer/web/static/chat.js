'use strict';
// The chat page: messages (markdown rendered safely), the reply streaming in as a draft, tool calls
// as collapsible cards, failures and stops as cards, the typing indicator (from the run events, not
// a timer), Stop, New session (/reset), attachments where the server takes them, the trigger hint.
(() => {
  const { $, el, api, state, when, duration, reason } = App;
  const STORED_CHAT = 'pincer.chat';
  const chat = { name: null, after: 0, loading: null, working: new Map(), pending: [], filesSupported: true,
    failureCard: null };

  function group() { return state.groups.find((g) => g.chat === 'web:' + chat.name); }
  function folder() { const g = group(); return g ? g.folder : null; }
  function webGroups() { return state.groups.filter((g) => g.chat.startsWith('web:')); }

  function remembered() {
    try { return localStorage.getItem(STORED_CHAT); } catch (e) { return null; }
  }
  function remember(name) {
    try { localStorage.setItem(STORED_CHAT, name); } catch (e) { /* storage disabled */ }
  }

  function fillChats() {
    const select = $('chat');
    const list = webGroups();
    select.replaceChildren(...list.map((g) => el('option', { value: g.chat.slice(4), text: g.name + (g.isMain ? ' (main)' : '') })));
    if (!chat.name || !list.some((g) => g.chat === 'web:' + chat.name)) {
      const saved = remembered();
      chat.name = list.some((g) => g.chat === 'web:' + saved) ? saved : (list.find((g) => g.isMain) || list[0] || {}).chat?.slice(4);
    }
    select.value = chat.name;
    select.hidden = list.length < 2;
    showTrigger();
  }

  function showTrigger() {
    const g = group();
    const chip = $('trigger-chip');
    chip.hidden = !(g && g.requiresTrigger && !g.isMain);
    if (g) chip.textContent = 'needs ' + g.trigger;
    if (g) chip.title = 'The assistant answers messages that start with ' + g.trigger;
  }

  // ---- rendering ----
  const log = () => $('log');
  function atBottom() { const c = $('conversation'); return c.scrollHeight - c.scrollTop - c.clientHeight < 80; }
  function scroll(force) { if (force) $('conversation').scrollTop = $('conversation').scrollHeight; }

  function place(node, beforeLive) {
    const stick = atBottom();
    const empty = log().querySelector('.empty');
    if (empty) empty.remove();
    const draft = log().querySelector('.msg.draft');
    if (beforeLive && draft) log().insertBefore(node, draft); else log().append(node);
    while (log().children.length > 1000) log().firstElementChild.remove();
    scroll(stick);
  }

  function attachments(list) {
    if (!Array.isArray(list) || !list.length) return null;
    const box = el('div', { class: 'attachments' });
    for (const a of list) {
      const url = typeof a.url === 'string' && a.url.startsWith('/api/') ? a.url : null;
      if (url && a.kind === 'image' && !a.problem) {
        box.append(el('a', { href: url, target: '_blank', rel: 'noopener' }, el('img', { src: url, alt: a.name || 'image', loading: 'lazy' })));
      } else if (url) {
        box.append(el('a', { href: url, download: a.name || '' , text: '\u{1F4CE} ' + (a.name || 'file') + (a.size ? ' (' + Math.ceil(a.size / 1024) + ' KB)' : '') }));
      } else {
        box.append(el('span', { class: 'muted', text: (a.name || 'file') + (a.problem ? ': ' + a.problem : '') }));
      }
    }
    return box;
  }

  function render(m) {
    if (log().querySelector('[data-seq="' + m.seq + '"]')) return;
    if (m.kind === 'failure' || m.kind === 'stopped') {
      if (chat.failureCard) { chat.failureCard.remove(); chat.failureCard = null; }
      const card = el('div', { class: 'card ' + (m.kind === 'failure' ? 'error' : 'stopped'), role: m.kind === 'failure' ? 'alert' : null,
        dataset: { seq: m.seq } },
        el('div', { class: 'meta', title: m.time, text: (m.kind === 'failure' ? 'Run failed' : 'Stopped') + ' \u00b7 ' + when(m.time) }),
        el('div', { class: 'text' }, Markdown.render(m.text)));
      place(card, false);
      return;
    }
    const box = el('div', { class: m.fromAssistant ? 'msg bot' : 'msg me', dataset: { seq: m.seq } },
      el('div', { class: 'meta', title: m.time, text: m.sender + ' \u00b7 ' + when(m.time) }),
      el('div', { class: 'text' }, m.fromAssistant ? Markdown.render(m.text) : el('p', { text: m.text })),
      attachments(m.attachments));
    const g = group();
    if (!m.fromAssistant && m.triggers === false && g) {
      box.append(el('div', { class: 'note', text: 'Not for ' + state.assistant + ': messages here need ' + g.trigger }));
    }
    if (m.fromAssistant) removeDraft();
    place(box, false);
    if (!m.fromAssistant) scroll(true);
  }

  async function load(name) {
    chat.name = name;
    remember(name);
    chat.after = 0;
    chat.failureCard = null;
    log().replaceChildren();
    showTrigger();
    showWorking();
    const token = {};
    chat.loading = token;
    try {
      const data = await api('GET', '/api/chats/' + encodeURIComponent(name) + '/messages?after=0');
      if (chat.loading !== token) return;
      data.messages.forEach(render);
      chat.after = data.messages.reduce((a, m) => Math.max(a, m.seq), 0);
      if (!data.messages.length) log().append(el('p', { class: 'empty', text: 'No messages yet. Say hello.' }));
      scroll(true);
    } catch (e) {
      if (state.signedIn) App.setStatus(reason(e), true);
    }
  }

  /** After a reconnect: what arrived while the page was away. */
  async function catchUp() {
    if (!chat.name) return;
    try {
      const data = await api('GET', '/api/chats/' + encodeURIComponent(chat.name) + '/messages?after=' + chat.after);
      data.messages.forEach((m) => { render(m); chat.after = Math.max(chat.after, m.seq); });
    } catch (e) { /* the event stream shows the connection state */ }
  }

  // ---- live: drafts, tools, typing ----
  function removeDraft() { const d = log().querySelector('.msg.draft'); if (d) d.remove(); }

  function draft(e) {
    if (e.chat !== 'web:' + chat.name) return;
    let d = log().querySelector('.msg.draft');
    if (!e.text) { if (d) d.remove(); return; }
    if (!d) {
      d = el('div', { class: 'msg bot draft', 'aria-busy': 'true' }, el('div', { class: 'meta', text: state.assistant + ' \u00b7 writing\u2026' }),
        el('div', { class: 'text' }));
      place(d, false);
    }
    const stick = atBottom();
    d.querySelector('.text').replaceChildren(Markdown.render(e.text));
    scroll(stick);
  }

  function tool(e) {
    if (e.chat !== 'web:' + chat.name) return;
    const key = e.runId + '/' + e.id;
    let card = [...log().querySelectorAll('.card.tool')].find((c) => c.dataset.key === key);
    if (!card) {
      card = el('details', { class: 'card tool', dataset: { key } },
        el('summary', {}, el('span', { class: 'name' }), el('span', { class: 'dur' })),
        el('div', { class: 'meta input' }), el('pre', { class: 'result' }));
      place(card, true);
    }
    card.querySelector('.name').textContent = '\u{1F527} ' + e.name + (e.input ? ': ' + e.input.slice(0, 80) : '') + ' ';
    card.querySelector('.input').textContent = e.input || '';
    const ended = e.state === 'ended';
    card.querySelector('.dur').textContent = ended ? '(' + duration(e.durationMs) + (e.error ? ', failed' : '') + ')' : '(running\u2026)';
    card.querySelector('.result').textContent = ended ? (e.result || '(no output)') : '';
    card.classList.toggle('error', ended && !!e.error);
  }

  function working(f) { const s = chat.working.get(f); return !!s && s.size > 0; }
  function setWorking(f, runId, on) {
    if (!f) return;
    let s = chat.working.get(f);
    if (!s) { s = new Set(); chat.working.set(f, s); }
    if (on) s.add(runId || 'status');
    else { s.delete(runId); s.delete('status'); }
    showWorking();
  }

  function showWorking() {
    const busy = working(folder());
    $('typing').hidden = !busy;
    $('typing').textContent = busy ? state.assistant + ' is typing\u2026' : '';
    $('stop').hidden = !busy;
  }

  function runEvent(e) {
    if (e.state === 'started') setWorking(e.folder, e.runId, true);
    else setWorking(e.folder, e.runId, false);
    if (e.folder !== folder()) return;
    if (e.state !== 'started' && !working(e.folder)) removeDraft();
    if (e.state === 'error' && e.error && e.error !== 'not read') {
      // The chat's failure notice follows and takes this card's place; a budget stop may not have one.
      if (chat.failureCard) chat.failureCard.remove();
      chat.failureCard = el('div', { class: 'card error', role: 'alert' },
        el('div', { class: 'meta', text: 'Run failed \u00b7 ' + when(new Date().toISOString()) }),
        el('div', { class: 'text' }, el('p', {}, el('strong', { text: 'The run failed: ' }), document.createTextNode(e.error))));
      place(chat.failureCard, false);
    }
  }

  function fromStatus(s) {
    const running = new Set(s.activeRuns || []);
    for (const [f, set] of chat.working) if (!running.has(f)) set.clear();
    for (const f of running) if (!working(f)) setWorking(f, 'status', true);
    showWorking();
  }

  // ---- sending ----
  async function send(text) {
    const box = $('text');
    text = text === undefined ? box.value : text;
    if (!text.trim() && !chat.pending.length) return;
    $('send').disabled = true;
    try {
      const body = { text: text.trim() ? text : '(file)' };
      if (chat.pending.length) body.files = chat.pending.map((p) => p.upload);
      await api('POST', '/api/chats/' + encodeURIComponent(chat.name) + '/messages', body);
      if (text === box.value) { box.value = ''; grow(); }
      chat.pending = [];
      showPending();
    } catch (e) {
      App.setStatus(reason(e), true);
    } finally {
      $('send').disabled = false;
      box.focus();
    }
  }

  async function stop() {
    const f = folder();
    if (!f) return;
    $('stop').disabled = true;
    try {
      await api('POST', '/api/groups/' + encodeURIComponent(f) + '/stop');
    } catch (e) {
      if (e.status === 409) setWorking(f, null, false); else App.setStatus(reason(e), true);
    } finally {
      $('stop').disabled = false;
    }
  }

  async function attach(file) {
    try {
      const res = await api('POST', '/api/chats/' + encodeURIComponent(chat.name) + '/files?name=' + encodeURIComponent(file.name), file);
      chat.pending.push({ upload: res.upload, name: file.name });
      showPending();
    } catch (e) {
      if (e.status === 404 || e.status === 405) {
        chat.filesSupported = false;
        $('attach').disabled = true;
        $('attach').title = 'This Pincer does not take attachments';
        App.setStatus('This Pincer does not take attachments.', true);
      } else {
        App.setStatus('The file was not taken: ' + reason(e), true);
      }
    }
  }

  function showPending() {
    const box = $('pending-files');
    box.hidden = !chat.pending.length;
    box.textContent = chat.pending.length ? 'To send: ' + chat.pending.map((p) => p.name).join(', ') : '';
  }

  function grow() {
    const t = $('text');
    t.style.height = 'auto';
    t.style.height = Math.min(t.scrollHeight + 2, 12 * 16) + 'px';
  }

  // ---- wiring ----
  App.on((type, e) => {
    switch (type) {
      case 'message':
        if (e && e.chat === 'web:' + chat.name) { render(e); chat.after = Math.max(chat.after, e.seq); }
        break;
      case 'draft': draft(e); break;
      case 'tool': tool(e); break;
      case 'run': runEvent(e); break;
      case 'typing': if (e.typing) setWorking(e.folder, e.runId, true); break;
      case 'status': fromStatus(e); break;
      case 'groups': fillChats(); break;
      case 'connected': catchUp(); break;
      case 'reset': if (chat.name) load(chat.name); break;
      default: break;
    }
  });

  App.register('chat', {
    show() {
      fillChats();
      if (chat.name && (chat.loaded !== chat.name)) { chat.loaded = chat.name; load(chat.name); }
      showWorking();
      $('text').focus();
    },
  });

  document.addEventListener('DOMContentLoaded', () => {
    $('composer').addEventListener('submit', (e) => { e.preventDefault(); send(); });
    $('text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
    });
    $('text').addEventListener('input', grow);
    $('chat').addEventListener('change', (e) => { chat.loaded = e.target.value; load(e.target.value); });
    $('stop').addEventListener('click', stop);
    $('new-session').addEventListener('click', () => send('/reset'));
    $('attach').addEventListener('click', () => $('file').click());
    $('file').addEventListener('change', (e) => { for (const f of e.target.files) attach(f); e.target.value = ''; });
  });
})();
