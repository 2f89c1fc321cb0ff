'use strict';
// A small, safe Markdown renderer: it builds DOM nodes and never parses HTML, so anything in a
// message (tags, scripts, handlers) shows as text. Supported: paragraphs, headings, fenced and
// indented code (monospace, with a copy button), lists, block quotes, **bold**, *italic*,
// `code`, [links](https://…) and bare URLs (http, https and mailto only; rel=noopener).
window.Markdown = (() => {
  const SAFE_URL = /^(https?:\/\/|mailto:)/i;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function link(href, text) {
    if (!SAFE_URL.test(href)) return document.createTextNode(text);
    const a = el('a', null, text);
    a.href = href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  // Inline markup: code first (its content is literal), then links, bold, italic, bare URLs.
  const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*|__([^_\n]+)__|(?<![\w*])\*([^*\n]+)\*(?![\w*])|(?<![\w_])_([^_\n]+)_(?![\w_])|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

  function inline(text, into) {
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      if (m.index > last) into.append(document.createTextNode(text.slice(last, m.index)));
      if (m[1]) into.append(el('code', null, m[2].replace(/^ (.*) $/, '$1')));
      else if (m[3]) into.append(link(m[4], m[3]));
      else if (m[5] || m[6]) { const b = el('strong'); inline(m[5] || m[6], b); into.append(b); }
      else if (m[7] || m[8]) { const i = el('em'); inline(m[7] || m[8], i); into.append(i); }
      else if (m[9]) into.append(link(m[9], m[9]));
      last = m.index + m[0].length;
    }
    if (last < text.length) into.append(document.createTextNode(text.slice(last)));
    return into;
  }

  function codeBlock(code, lang) {
    const box = el('div', 'code');
    const pre = el('pre');
    const c = el('code', null, code);
    if (lang) c.dataset.lang = lang;
    pre.append(c);
    const copy = el('button', 'copy quiet', 'Copy');
    copy.type = 'button';
    copy.setAttribute('aria-label', 'Copy code');
    copy.addEventListener('click', () => {
      const done = () => { copy.textContent = 'Copied'; setTimeout(() => { copy.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code).then(done, () => { copy.textContent = 'Select and copy'; });
      } else {
        copy.textContent = 'Select and copy';
      }
    });
    box.append(pre, copy);
    return box;
  }

  function render(source) {
    const out = document.createDocumentFragment();
    const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
    let i = 0;
    let para = [];
    const flush = () => {
      if (para.length) out.append(inline(para.join('\n'), el('p')));
      para = [];
    };
    while (i < lines.length) {
      const line = lines[i];
      const fence = /^ {0,3}(```+|~~~+)\s*([\w+#.-]*)\s*$/.exec(line);
      if (fence) {
        flush();
        const body = [];
        i++;
        while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
        i++; // the closing fence (or the end: an unclosed block runs to the end)
        out.append(codeBlock(body.join('\n'), fence[2]));
        continue;
      }
      if (/^ {4}\S/.test(line) && para.length === 0) {
        const body = [];
        while (i < lines.length && (/^ {4}/.test(lines[i]) || (lines[i].trim() === '' && /^ {4}/.test(lines[i + 1] || '')))) {
          body.push(lines[i++].slice(4));
        }
        out.append(codeBlock(body.join('\n'), ''));
        continue;
      }
      const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) {
        flush();
        out.append(inline(heading[2], el('h' + Math.min(4, heading[1].length + 1))));
        i++;
        continue;
      }
      if (/^ {0,3}>/.test(line)) {
        flush();
        const body = [];
        while (i < lines.length && /^ {0,3}>/.test(lines[i])) body.push(lines[i++].replace(/^ {0,3}> ?/, ''));
        const q = el('blockquote');
        q.append(render(body.join('\n')));
        out.append(q);
        continue;
      }
      const item = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
      if (item) {
        flush();
        const ordered = /\d/.test(item[1]);
        const list = el(ordered ? 'ol' : 'ul');
        if (ordered && parseInt(item[1], 10) !== 1) list.start = parseInt(item[1], 10);
        while (i < lines.length) {
          const m = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(lines[i]);
          if (!m || /\d/.test(m[1]) !== ordered) break;
          const text = [m[2]];
          i++;
          while (i < lines.length && /^ {2,}\S/.test(lines[i]) && !/^ {0,3}([-*+]|\d{1,9}[.)])\s/.test(lines[i])) text.push(lines[i++].trim());
          list.append(inline(text.join('\n'), el('li')));
        }
        out.append(list);
        continue;
      }
      if (line.trim() === '') { flush(); i++; continue; }
      para.push(line);
      i++;
    }
    flush();
    return out;
  }

  return { render, inline };
})();
