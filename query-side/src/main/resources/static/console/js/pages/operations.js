import { h, field, select, table, when } from '../dom.js';
import { call, hasRole, query, qs, seg } from '../api.js';
import { act, flash, go, message, onLeave } from '../ui.js';

export async function operationsPage(container) {
  const admin = hasRole('platform-admin');
  const projections = h('div', { id: 'projections' });
  let timer = null;

  async function loadProjections() {
    const list = (await query('/v1/admin/projections'));
    const items = Array.isArray(list) ? list : (list.data || []);
    projections.replaceChildren(table(['Projection', 'State', 'Position', 'Progress', ''], items.map(p => {
      const percent = p.replay ? p.replay.percent : (p.head ? Math.min(100, (p.position ?? 0) / p.head * 100) : 100);
      const bar = h('progress', { max: 100, value: percent.toFixed(1), 'aria-label': 'Progress of ' + p.name });
      return h('tr', { 'data-projection': p.name }, h('td', { text: p.name }), h('td', { class: 'state', text: p.state }),
        h('td', { text: (p.position ?? '—') + ' of ' + p.head + (p.behind ? ' (' + p.behind + ' behind)' : '') }),
        h('td', {}, bar, ' ', percent.toFixed(0) + '%', p.replay && p.replay.eta_seconds != null ? ' · ETA ' + p.replay.eta_seconds + ' s' : ''),
        h('td', {}, admin && p.replayable ? h('button', { type: 'button', class: 'secondary', on: { click: event =>
          act(event.currentTarget, async () => {
            await call('query', 'POST', '/v1/admin/projections/' + seg(p.name) + '/replay');
            message('Replay of ' + p.name + ' started.', 'info');
            await loadProjections();
          }) } }, 'Replay ' + p.name) : ''));
    })));
    const replaying = items.some(p => p.replay || p.state === 'replaying');
    clearTimeout(timer);
    if (replaying) timer = setTimeout(() => loadProjections().catch(() => {}), 1000);
  }

  container.append(h('h1', {}, 'Operations'), h('section', {}, h('h2', {}, 'Projections'), projections));
  onLeave(() => clearTimeout(timer));
  await loadProjections();
  container.append(await webhooks(admin));
}

async function webhooks(admin) {
  const section = h('section', { id: 'webhooks' }, h('h2', {}, 'Webhook subscriptions'));
  const subscriptions = await query('/v1/webhooks' + qs({ page_size: 100 }));
  const deliveries = h('div', { id: 'deliveries' });
  if (!subscriptions.data.length) {
    section.append(h('p', { class: 'muted' }, 'No subscriptions.'));
    if (admin) section.append(createWebhookForm());
    return section;
  }
  section.append(table(['URL', 'Description', 'Event types', 'Created', ''], subscriptions.data.map(s => h('tr', {},
    h('td', { class: 'data', text: s.url }), h('td', { text: s.description ?? '' }),
    h('td', { text: s.event_types && s.event_types.length ? s.event_types.join(', ') : 'all' }),
    h('td', { text: when(s.created_at) + ' by ' + s.created_by }),
    h('td', {}, h('button', { type: 'button', class: 'secondary', on: { click: event =>
      act(event.currentTarget, () => showDeliveries(s, deliveries, admin, 'dead')) } }, 'Dead letters'), ' ',
    h('button', { type: 'button', class: 'secondary', on: { click: event =>
      act(event.currentTarget, () => showDeliveries(s, deliveries, admin, '')) } }, 'Deliveries'))))));
  if (admin) section.append(createWebhookForm());
  section.append(deliveries);
  return section;
}

/** A new subscription (platform admins): its generated secret is shown once, in the message after it is created. */
function createWebhookForm() {
  const url = h('input', { name: 'url', type: 'url', required: true, autocomplete: 'off' });
  const description = h('input', { name: 'description', autocomplete: 'off' });
  const types = h('input', { name: 'event_types', autocomplete: 'off', placeholder: 'all' });
  const workspace = h('input', { name: 'workspace', autocomplete: 'off', placeholder: 'all' });
  return h('form', { id: 'create-webhook', on: { submit: event => {
    event.preventDefault();
    act(event.submitter, async () => {
      const body = { url: url.value.trim() };
      if (description.value.trim()) body.description = description.value.trim();
      const eventTypes = types.value.split(',').map(t => t.trim()).filter(Boolean);
      if (eventTypes.length) body.event_types = eventTypes;
      if (workspace.value.trim()) {
        body.workspace_id = (await call('query', 'GET', '/v1/workspaces/' + seg(workspace.value.trim()))).body.id;
      }
      const created = (await call('query', 'POST', '/v1/webhooks', { body })).body;
      flash('Subscription to ' + created.url + ' created. Its secret, shown this once: ' + created.secret);
      go(location.hash);
    });
  } } },
  h('h3', {}, 'New subscription'),
  h('div', { class: 'row' }, field('Receiver URL', url), field('Description', description)),
  h('div', { class: 'row' }, field('Event types (comma-separated)', types), field('Workspace (name or id)', workspace),
    h('button', { type: 'submit' }, 'Create subscription')));
}

async function showDeliveries(subscription, box, admin, status) {
  const path = '/v1/webhooks/' + seg(subscription.id) + '/deliveries';
  const filter = select('status', [['', 'all'], ['pending', 'pending'], ['delivered', 'delivered'], ['dead', 'dead letters']], status);
  const answer = await query(path + qs({ status, page_size: 100 }));
  const rows = answer.data.map(d => h('tr', {}, h('td', { text: d.position }), h('td', { text: d.event_type }),
    h('td', { class: 'state', text: d.status }), h('td', { text: d.attempts }),
    h('td', { text: d.last_error ? d.last_error + (d.last_status_code ? ' ' + d.last_status_code : '') : '' }),
    h('td', { text: when(d.delivered_at || d.dead_at || d.next_attempt_at) }),
    h('td', {}, admin && d.status !== 'pending' ? h('button', { type: 'button', class: 'secondary', on: { click: event =>
      act(event.currentTarget, async () => {
        await call('query', 'POST', path + '/' + seg(d.id) + '/redeliver');
        message('Delivery of event ' + d.position + ' queued again.', 'info');
        await showDeliveries(subscription, box, admin, status);
      }) } }, 'Redeliver') : '')));
  box.replaceChildren(h('h2', {}, 'Deliveries to ', h('span', { text: subscription.url })),
    h('form', { class: 'row', on: { submit: event => { event.preventDefault();
      act(event.submitter, () => showDeliveries(subscription, box, admin, filter.value)); } } },
    field('Status', filter), h('button', { type: 'submit' }, 'Show')),
    rows.length ? table(['Position', 'Type', 'Status', 'Attempts', 'Last error', 'When', ''], rows)
      : h('p', { class: 'muted' }, 'No deliveries.'));
}
