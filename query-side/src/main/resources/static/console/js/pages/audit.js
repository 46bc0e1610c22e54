import { h, svg, field, select, table, when, instantOf } from '../dom.js';
import { call, query, qs, seg } from '../api.js';
import { act, failure, message, onLeave } from '../ui.js';
import { summary } from './workspace.js';

const TYPES = ['workspace.created', 'workspace.description-updated', 'workspace.member-added',
  'workspace.member-role-changed', 'workspace.member-removed', 'workspace.entity-registered',
  'workspace.entity-unregistered', 'workspace.deleted'];

export async function auditPage(container) {
  const actor = h('input', { name: 'actor', autocomplete: 'off' });
  const type = select('type', [['', 'any type']].concat(TYPES.map(t => [t, t])), '');
  const workspace = h('input', { name: 'workspace', autocomplete: 'off' });
  const from = h('input', { type: 'datetime-local', name: 'from', step: 1 });
  const to = h('input', { type: 'datetime-local', name: 'to', step: 1 });
  const filters = () => ({ actor: actor.value.trim(), type: type.value, workspace: workspace.value.trim(),
    from: instantOf(from.value), to: instantOf(to.value) });
  const results = h('div', { id: 'audit-results' });
  let nextStartAfter = null;

  async function search(more) {
    const answer = await query('/v1/audit/events' + qs({ ...filters(), limit: 100, start_after: more ? nextStartAfter : null }));
    nextStartAfter = answer.next_start_after;
    const rows = answer.data.map(e => h('tr', {}, h('td', { text: e.position }), h('td', { text: when(e.occurred_at) }),
      h('td', { class: 'actor', text: e.actor }), h('td', { text: e.type }), h('td', { class: 'data', text: e.workspace_id }),
      h('td', { class: 'data event-data', text: summary(e.type, e.data) })));
    const body = results.querySelector('tbody');
    if (more && body) body.append(...rows);
    else results.replaceChildren(rows.length ? table(['Position', 'Time', 'Actor', 'Type', 'Workspace', 'Change'], rows)
      : h('p', { class: 'muted' }, 'No events match.'));
    const old = container.querySelector('#more'); if (old) old.remove();
    if (nextStartAfter) results.after(h('p', { id: 'more' }, h('button', { type: 'button', class: 'secondary',
      on: { click: event => act(event.currentTarget, () => search(true)) } }, 'More events')));
  }

  const form = h('form', { class: 'row', id: 'audit-filters', on: { submit: event => {
    event.preventDefault();
    act(event.submitter, async () => { await search(false); await chart(filters(), chartBox); });
  } } },
  field('Actor', actor), field('Type', type), field('Workspace (name or id)', workspace), field('From', from), field('To', to),
  h('button', { type: 'submit' }, 'Search'));

  const progress = h('progress', { id: 'export-progress', max: 1, value: 0, 'aria-label': 'Export progress' });
  const exportStatus = h('span', { id: 'export-status', role: 'status' });
  const exportButton = h('button', { type: 'button', class: 'secondary', id: 'export', on: { click: event =>
    act(event.currentTarget, () => exportNdjson(filters(), progress, exportStatus)) } }, 'Export NDJSON');

  const verifyResult = h('div', { id: 'verify-result', role: 'status' });
  const verifyButton = h('button', { type: 'button', class: 'secondary', id: 'verify', on: { click: event =>
    act(event.currentTarget, () => verify(verifyResult)) } }, 'Verify chain');

  const chartBox = h('div', { id: 'chart' });
  const tail = liveTail(filters);

  container.append(h('h1', {}, 'Audit'),
    h('section', {}, form, h('div', { class: 'row' }, exportButton, progress, exportStatus), results),
    h('section', {}, h('h2', {}, 'Events per day'), chartBox),
    tail.section,
    h('section', {}, h('h2', {}, 'Tamper evidence'), verifyButton, verifyResult));
  onLeave(tail.stop);
  await search(false);
  await chart(filters(), chartBox);
}

/** Downloads the filter's events as NDJSON, reading the stream to show progress. */
async function exportNdjson(filters, progress, status) {
  const response = await call('query', 'GET', '/v1/audit/export' + qs(filters), { stream: true });
  const expected = Number(response.headers.get('X-Audit-Event-Count') || 0);
  const reader = response.body.getReader();
  const chunks = [];
  let lines = 0;
  progress.max = Math.max(expected, 1);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    for (const byte of value) if (byte === 10) lines++;
    progress.value = Math.min(lines, progress.max);
    status.textContent = lines + ' of ' + expected + ' events';
  }
  const url = URL.createObjectURL(new Blob(chunks, { type: 'application/x-ndjson' }));
  const link = h('a', { href: url, download: 'audit-' + new Date().toISOString().replace(/[:.]/g, '-') + '.ndjson' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  status.textContent = 'Exported ' + lines + ' events.';
}

async function verify(box) {
  box.replaceChildren('Verifying…');
  const report = (await call('query', 'POST', '/v1/audit/verify')).body;
  const broken = report.first_break;
  box.replaceChildren(h('dl', { class: 'kv' },
    h('dt', {}, 'Result'), h('dd', { id: 'verify-status', class: report.status === 'ok' ? 'status-ok' : 'status-broken', text: report.status }),
    h('dt', {}, 'Events checked'), h('dd', { text: report.checked }),
    h('dt', {}, 'Head position'), h('dd', { text: report.head_position ?? '—' }),
    h('dt', {}, 'Head chain value'), h('dd', { class: 'data', id: 'head-chain-value', text: report.head_chain_value ?? '—' }),
    h('dt', {}, 'First break'), h('dd', { id: 'first-break', text: broken ? 'at position ' + broken.position + ': ' + broken.problem : 'none' })));
}

/** Events per day for the filter, counted by the service (/v1/audit/events-per-day), drawn as SVG. */
async function chart(filters, box) {
  const answer = await query('/v1/audit/events-per-day' + qs(filters));
  const entries = answer.days.map(d => [d.day, d.events]);
  if (!entries.length) { box.replaceChildren(h('p', { class: 'muted' }, 'No events to chart.')); return; }
  const max = Math.max(...entries.map(([, n]) => n));
  const barWidth = 28, gap = 8, height = 140, top = 16, bottom = 30;
  const width = Math.max(entries.length * (barWidth + gap) + gap, 200);
  const drawing = svg('svg', { class: 'chart', id: 'events-per-day', width, height: height + top + bottom,
    viewBox: '0 0 ' + width + ' ' + (height + top + bottom), role: 'img',
    'aria-label': 'Events per day: ' + entries.map(([d, n]) => d + ' ' + n).join(', ') });
  entries.forEach(([day, n], i) => {
    const barHeight = Math.max(1, Math.round(n / max * height));
    const x = gap + i * (barWidth + gap);
    drawing.append(svg('rect', { x, y: top + height - barHeight, width: barWidth, height: barHeight },
      svg('title', {}, day + ': ' + n + ' events')),
    svg('text', { x: x + barWidth / 2, y: top + height - barHeight - 3, 'text-anchor': 'middle' }, String(n)),
    svg('text', { x: x + barWidth / 2, y: top + height + 14, 'text-anchor': 'middle' }, day.slice(5)));
  });
  box.replaceChildren(drawing, h('p', { class: 'muted' }, answer.total + ' events.'));
}

/** The live tail: the SSE stream read with fetch (an EventSource cannot send the Authorization header). */
function liveTail(filters) {
  const list = h('ol', { id: 'tail', class: 'timeline tail', 'aria-live': 'polite' });
  const state = h('span', { id: 'tail-state', class: 'muted', role: 'status' }, 'stopped');
  let controller = null;
  const stop = () => { if (controller) controller.abort(); controller = null; start.disabled = false; halt.disabled = true; state.textContent = 'stopped'; };
  const start = h('button', { type: 'button', id: 'tail-start', on: { click: () => run() } }, 'Start live tail');
  const halt = h('button', { type: 'button', class: 'secondary', id: 'tail-stop', disabled: true, on: { click: stop } }, 'Stop');

  async function run() {
    controller = new AbortController();
    start.disabled = true;
    halt.disabled = false;
    const wanted = filters();
    try {
      if (wanted.workspace && !/^[0-9a-f-]{36}$/i.test(wanted.workspace)) { // the stream names workspaces by id
        try {
          wanted.workspaceId = (await query('/v1/workspaces/' + seg(wanted.workspace))).id;
        } catch (e) {
          wanted.workspaceId = null; // deleted or unknown: only its name in the events' data can match
        }
      }
      const response = await call('query', 'GET', '/v1/events/stream', { stream: true, signal: controller.signal,
        headers: { Accept: 'text/event-stream' } });
      state.textContent = 'live';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let data = [];
      let name = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (data.length && name !== 'end') show(JSON.parse(data.join('\n')), wanted);
            if (name === 'end') message('The live tail ended (' + data.join('') + ').', 'info');
            data = []; name = '';
          } else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          else if (line.startsWith('event:')) name = line.slice(6).trim();
        }
      }
    } catch (e) {
      if (e.name !== 'AbortError') failure(e);
    }
    stop();
  }

  function show(envelope, wanted) {
    if (wanted.actor && envelope.actor !== wanted.actor) return;
    if (wanted.type && envelope.type !== wanted.type) return;
    if (wanted.workspace && envelope.workspace_id !== wanted.workspace && envelope.workspace_id !== wanted.workspaceId
      && (envelope.data || {}).name !== wanted.workspace) return;
    list.prepend(h('li', {}, h('div', { class: 'when' }, when(envelope.occurred_at), ' · ',
      h('span', { class: 'actor', text: envelope.actor }), ' · ', envelope.type, ' · #' + envelope.position),
    h('div', { class: 'event-summary', text: summary(envelope.type, envelope.data) })));
    while (list.children.length > 200) list.lastChild.remove();
  }

  return { stop, section: h('section', { id: 'live' }, h('h2', {}, 'Live tail'),
    h('p', { class: 'muted' }, 'New events as they are recorded, with the actor, type and workspace filters above.'),
    h('div', { class: 'row' }, start, halt, state), list) };
}
