'use strict';
// The dashboard pages, each fed by one JSON endpoint (docs/API.md) and refreshed by the live
// events: groups, tasks, runs (with a run's timeline), usage, audit, outbox, channels, settings.
(() => {
  const { $, el, api, state, when, duration, number, reason } = App;

  function table(id, head, rows) {
    return el('div', { class: 'table' }, el('table', { id },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', class: /^(tokens|cost|calls|duration|input|output)/i.test(h) ? 'num' : null, text: h })))),
      el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', { colspan: head.length, class: 'muted', text: 'Nothing here yet.' }))])));
  }
  function td(text, cls) { return el('td', { class: cls, text: text === null || text === undefined ? '' : String(text) }); }
  function stateChip(s) { return el('span', { class: 'state ' + s, text: s }); }
  function button(text, onclick, cls) { return el('button', { type: 'button', class: 'small ' + (cls || ''), text, onclick }); }
  function select(id, label, options, value, onchange) {
    return [el('label', { for: id, text: label }), el('select', { id, onchange },
      options.map(([v, t]) => { const o = el('option', { value: v, text: t }); if (v === value) o.selected = true; return o; }))];
  }

  /** The query of a filtered list: at most {@code limit} rows, and each filter that is set. */
  function filtered(limit, filters) {
    const q = new URLSearchParams({ limit });
    Object.entries(filters).forEach(([k, v]) => { if (v) q.set(k, v); });
    return q;
  }
  /** A select that sets {@code filters[key]} and reloads the page. */
  function filterSelect(id, label, options, filters, key) {
    return select(id, label, options, filters[key], (e) => { filters[key] = e.target.value; reload(); });
  }

  /** Runs an action, then reloads the page; a refusal shows in the status line. */
  function act(fn) {
    return async () => {
      try { await fn(); } catch (e) { App.setStatus(reason(e), true); }
      reload();
    };
  }

  // ---- pages ----
  const pages = {
    groups: {
      title: 'Groups',
      refreshOn: ['group', 'run', 'message'],
      async render() {
        const [groups, chats] = await Promise.all([App.loadGroups(), api('GET', '/api/chats')]);
        const rows = groups.map((g) => el('tr', { dataset: { folder: g.folder } },
          td(g.name), td(g.channel), td(g.chat), td(g.isMain ? 'every message (main)' : g.requiresTrigger ? g.trigger : 'every message'),
          td(when(g.lastActivity)), el('td', {}, stateChip(g.sandbox)),
          el('td', {}, el('div', { class: 'actions' },
            g.sandbox === 'running' ? button('Stop', act(() => api('POST', '/api/groups/' + g.folder + '/stop')), 'danger') : null,
            g.isMain ? null : removeButton(g)))));
        const unregistered = chats.chats.filter((c) => !c.folder);
        const chatRows = unregistered.map((c) => el('tr', {}, td(c.name || c.chat), td(c.channel), td(c.chat), td(c.isGroup ? 'group' : 'direct'),
          td(when(c.lastActivity)), el('td', {}, button('Register', act(() => api('POST', '/api/groups',
            { chat: c.chat, name: c.name || c.chat, folder: folderFor(c), requiresTrigger: !!c.isGroup }))))));
        return [table('groups-table', ['Group', 'Channel', 'Chat', 'Answers', 'Last activity', 'Sandbox', ''], rows),
          el('h3', { text: 'Chats seen, not registered' }),
          table('chats-table', ['Chat', 'Channel', 'Id', 'Kind', 'Last activity', ''], chatRows)];
      },
    },
    tasks: {
      title: 'Scheduled tasks',
      refreshOn: ['task'],
      async render() {
        const data = await api('GET', '/api/tasks');
        const rows = data.tasks.map((t) => {
          const runs = (t.lastRuns || t.runs || []);
          const last = runs.map((r) => el('div', {}, stateChip(r.status), ' ' + when(r.startedAt) + ' \u00b7 ' + duration(r.durationMs)
            + ' \u00b7 ' + number(tokens(r)) + ' tokens'));
          const active = t.status === 'active';
          const finished = t.status === 'cancelled' || t.status === 'done';
          return el('tr', { dataset: { task: t.id } }, td(t.id), td(t.groupFolder || t.folder), td(t.prompt), td(t.scheduleType + ' ' + t.scheduleValue),
            el('td', {}, stateChip(t.status)), td(when(t.nextRun)), el('td', {}, last),
            el('td', {}, el('div', { class: 'actions' },
              active ? button('Pause', act(() => api('POST', '/api/tasks/' + t.id + '/pause'))) : null,
              !active && !finished ? button('Resume', act(() => api('POST', '/api/tasks/' + t.id + '/resume'))) : null,
              active ? button('Run now', act(() => api('POST', '/api/tasks/' + t.id + '/run'))) : null,
              finished ? null : button('Cancel', act(() => api('POST', '/api/tasks/' + t.id + '/cancel')), 'quiet'))));
        });
        return table('tasks-table', ['Task', 'Group', 'Prompt', 'Schedule', 'Status', 'Next run', 'Last runs', ''], rows);
      },
    },
    runs: {
      title: 'Runs',
      refreshOn: ['run', 'tool'],
      filters: { folder: '', status: '' },
      async render(arg) {
        const f = this.filters;
        const data = await api('GET', '/api/runs?' + filtered('100', f));
        const filters = el('div', { class: 'filters' },
          filterSelect('run-folder', 'Group', [['', 'all']].concat(state.groups.map((g) => [g.folder, g.name])), f, 'folder'),
          filterSelect('run-status', 'Status', [['', 'all'], ['running', 'running'], ['ok', 'ok'], ['error', 'error']], f, 'status'));
        const rows = data.runs.map((r) => el('tr', { class: 'clickable' + (r.id === arg ? ' selected' : ''), dataset: { run: r.id },
          tabindex: '0', onclick: () => { location.hash = '#/runs/' + r.id; },
          onkeydown: (e) => { if (e.key === 'Enter') location.hash = '#/runs/' + r.id; } },
          td(when(r.startedAt)), td(r.folder), el('td', {}, stateChip(r.status)), td(duration(r.durationMs), 'num'),
          td(number(r.tokens), 'num'), td(r.error)));
        const out = [filters, table('runs-table', ['Started', 'Group', 'Status', 'Duration', 'Tokens', 'Exit reason'], rows)];
        if (arg) out.push(await runDetail(arg));
        return out;
      },
    },
    usage: {
      title: 'Usage',
      refreshOn: ['run'],
      async render() {
        const u = await api('GET', '/api/usage?days=14');
        const max = Math.max(1, ...u.days.map((d) => d.totals.usage ? tokens(d.totals.usage) : 0));
        const rows = u.days.slice().reverse().map((d) => {
          const t = tokens(d.totals.usage);
          const bar = el('div', { class: 'bar' });
          bar.style.width = Math.round(100 * t / max) + '%';
          return el('tr', {}, td(d.day), td(d.folder), td(number(d.totals.calls), 'num'), td(number(t), 'num'),
            td('$' + (d.totals.costUsd || 0).toFixed(4), 'num'), el('td', {}, bar));
        });
        const b = u.budgets || {};
        const budgets = el('p', { class: 'muted', id: 'budgets', text: 'Budgets: ' + [
          'per run ' + number(b.maxRunTokens) + ' tokens and ' + b.maxTurns + ' turns',
          'per group and day ' + (b.dailyTokens ? number(b.dailyTokens) + ' tokens' : 'no token limit'),
          b.dailyCostUsd ? '$' + b.dailyCostUsd + ' a day' : 'no cost limit'].join(' \u00b7 ') });
        return [budgets, table('usage-table', ['Day', 'Group', 'Calls', 'Tokens', 'Cost', ''], rows)];
      },
    },
    audit: {
      title: 'Egress and audit log',
      refreshOn: ['audit'],
      filters: { kind: '', verdict: '' },
      async render() {
        const f = this.filters;
        const data = await api('GET', '/api/audit?' + filtered('200', f));
        const filters = el('div', { class: 'filters' },
          filterSelect('audit-kind', 'Kind', [['', 'all']].concat(data.kinds.map((k) => [k, k])), f, 'kind'),
          filterSelect('audit-verdict', 'Verdict', [['', 'all'], ['allowed', 'allowed'], ['denied', 'denied'], ['refused', 'refused'],
            ['rejected', 'rejected']], f, 'verdict'));
        const rows = data.entries.map((a) => el('tr', { class: refused(a.verdict) ? 'refused' : null },
          td(when(a.time)), td(a.folder), td(a.kind), td(a.verdict, 'verdict'), td(a.detail)));
        return [filters, table('audit-table', ['Time', 'Group', 'Kind', 'Verdict', 'Detail'], rows)];
      },
    },
    outbox: {
      title: 'Outbox',
      refreshOn: ['message', 'run'],
      async render() {
        const data = await api('GET', '/api/outbox?limit=100');
        const waiting = data.replies.filter((r) => r.state !== 'delivered').length;
        const rows = data.replies.map((r) => el('tr', { class: r.state },
          td(r.reply.id), td(r.reply.chatJid), td(r.reply.text.length > 140 ? r.reply.text.slice(0, 140) + '\u2026' : r.reply.text),
          el('td', {}, stateChip(r.state)), td(when(r.reply.createdAt)), td(r.reply.progress.attempts, 'num'), td(r.reply.lastError)));
        return [el('div', { class: 'filters' }, el('span', { text: waiting + ' waiting' }),
          button('Retry now', act(() => api('POST', '/api/outbox/retry')))),
        table('outbox-table', ['Id', 'Chat', 'Text', 'State', 'Queued', 'Attempts', 'Last error'], rows)];
      },
    },
    channels: {
      title: 'Channels',
      refreshOn: ['channel'],
      async render() {
        const data = await api('GET', '/api/channels');
        const rows = data.channels.map((c) => el('tr', {}, td(c.name), el('td', {}, stateChip(c.state)), td(when(c.since)), td(c.lastError)));
        return table('channels-table', ['Channel', 'State', 'Since', 'Last error'], rows);
      },
    },
    settings: {
      title: 'Settings',
      refreshOn: [],
      async render() {
        const data = await api('GET', '/api/settings');
        const rows = Object.entries(data.settings).map(([k, v]) => el('tr', {}, el('th', { scope: 'row', text: k }), td(v)));
        return [el('p', { class: 'muted', text: 'Read-only; change them in .env and restart. Secrets are never shown.' }),
          table('settings-table', ['Setting', 'Value'], rows)];
      },
    },
  };

  function tokens(u) { return u ? (u.inputTokens || 0) + (u.outputTokens || 0) + (u.cacheReadTokens || 0) + (u.cacheWriteTokens || 0) : 0; }
  function refused(v) { return /^(denied|refused|rejected|blocked)$/.test(v || ''); }
  function folderFor(c) {
    const base = (c.name || c.chat).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'chat';
    const taken = new Set(state.groups.map((g) => g.folder));
    let f = /^[a-z0-9]/.test(base) ? base : 'g-' + base;
    for (let i = 2; taken.has(f); i++) f = base + '-' + i;
    return f;
  }
  // A Remove click arms the button for 5 s; kept per folder so a live refresh of the page meanwhile
  // does not disarm it under the pointer.
  const armed = new Map();
  function removeButton(g) {
    const left = () => (armed.get(g.folder) || 0) - Date.now();
    const b = button(left() > 0 ? 'Confirm remove' : 'Remove', () => {
      if (left() > 0) { armed.delete(g.folder); act(() => api('DELETE', '/api/groups/' + g.folder))(); return; }
      armed.set(g.folder, Date.now() + 5000);
      b.textContent = 'Confirm remove';
      setTimeout(() => { if (left() <= 0) b.textContent = 'Remove'; }, 5000);
    }, 'quiet');
    if (left() > 0) setTimeout(() => { if (left() <= 0) b.textContent = 'Remove'; }, left());
    return b;
  }

  async function runDetail(id) {
    try {
      const r = await api('GET', '/api/runs/' + encodeURIComponent(id));
      const steps = [el('li', { text: when(r.startedAt) + ' \u2014 started (group ' + r.folder + ')' })];
      for (const t of r.tools) {
        steps.push(el('li', {}, el('strong', { text: t.name }), ' ' + (t.input || '') + ' ',
          el('span', { class: 'muted', text: t.durationMs == null ? '(no end reported)' : '(' + duration(t.durationMs) + (t.error ? ', failed' : '') + ')' }),
          t.result ? el('details', {}, el('summary', { text: 'result' }), el('pre', { text: t.result })) : null));
      }
      steps.push(el('li', { text: (r.endedAt ? when(r.endedAt) : 'still running') + ' \u2014 ' + r.status + (r.error ? ': ' + r.error : '') }));
      const u = r.usage;
      return el('section', { id: 'run-detail', 'aria-label': 'Run ' + r.id },
        el('h3', { text: 'Run ' + r.id }),
        el('p', { text: 'Status ' + r.status + (r.error ? ' \u2014 exit reason: ' + r.error : '') + ' \u00b7 ' + duration(r.durationMs)
          + ' \u00b7 ' + number(tokens(u)) + ' tokens (in ' + number(u.inputTokens) + ', out ' + number(u.outputTokens)
          + ', cache ' + number(u.cacheReadTokens + u.cacheWriteTokens) + ')'
          + (r.metered && r.metered.calls ? ' \u00b7 ' + r.metered.calls + ' model calls, $' + r.metered.costUsd.toFixed(4) : '') }),
        el('ol', { class: 'timeline' }, steps),
        el('h3', { text: 'Log' }),
        el('div', { class: 'log' }, el('pre', { text: r.log || 'No log of its own (a batch handed to a live sandbox shares the log of the run that started it).' })));
    } catch (e) {
      return el('p', { class: 'muted', text: 'Run ' + id + ': ' + reason(e) });
    }
  }

  // ---- showing and refreshing ----
  let current = null;
  let currentArg = null;
  let timer = null;
  async function reload() {
    if (!current) return;
    const page = pages[current];
    const name = current;
    try {
      const content = await page.render(currentArg);
      if (current !== name) return;
      // Unchanged content stays as it is: no flicker, no lost focus or half-done two-step button.
      const next = el('div', {}, ...[content].flat());
      const shown = $('page').childNodes;
      if (next.childNodes.length === shown.length && [...next.childNodes].every((n, i) => n.isEqualNode(shown[i]))) return;
      const focused = document.activeElement && document.activeElement.id;
      $('page').replaceChildren(...next.childNodes);
      if (focused && $(focused)) $(focused).focus();
    } catch (e) {
      if (state.signedIn) App.setStatus(reason(e), true);
    }
  }
  function reloadSoon() { clearTimeout(timer); timer = setTimeout(reload, 250); }

  for (const [name, page] of Object.entries(pages)) {
    App.register(name, {
      show(arg) {
        const changed = current !== name;
        current = name;
        currentArg = arg;
        $('page-title').textContent = page.title;
        if (changed) $('page').replaceChildren(el('p', { class: 'muted', text: 'Loading\u2026' }));
        reload();
      },
      hide() { if (current === name) current = null; },
    });
  }
  App.on((type) => {
    if (!current) return;
    if (type === 'connected' || type === 'reset' || pages[current].refreshOn.includes(type)) reloadSoon();
  });
})();
