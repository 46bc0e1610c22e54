import { h, field, select, table, when, instantOf } from '../dom.js';
import { ApiError, call, caller, command, query, qs, seg } from '../api.js';
import { act, failure, flash, go, message } from '../ui.js';

const ROLES = [['viewer', 'viewer'], ['editor', 'editor'], ['admin', 'admin']];

/** What the caller may do here, asked of the service (POST /v1/access/check about oneself). */
async function permissions(workspace) {
  const actions = ['write', 'manage', 'read-history', 'delete'];
  const answer = await call('query', 'POST', '/v1/access/check', { body: { checks: actions.map(action =>
    ({ principal: caller().principal, workspace: workspace.id, action })) } });
  const allowed = {};
  actions.forEach((action, i) => { allowed[action] = answer.body.results[i].allowed; });
  allowed.role = answer.body.results[0].role ?? null;
  return allowed;
}

/** One line about an event, for the timeline. */
export function summary(type, data) {
  data = data || {};
  switch (type) {
    case 'workspace.created': return 'created “' + data.name + '”' + (data.description ? ' — ' + data.description : '');
    case 'workspace.description-updated': return 'description: “' + (data.old_description ?? '') + '” → “' + (data.new_description ?? '') + '”';
    case 'workspace.member-added': return 'added ' + data.principal + ' as ' + data.role;
    case 'workspace.member-role-changed': return data.principal + ': ' + data.old_role + ' → ' + data.new_role;
    case 'workspace.member-removed': return 'removed ' + data.principal + ' (' + data.role + ')';
    case 'workspace.entity-registered': return 'registered ' + data.entity_type + ' ' + data.entity_id;
    case 'workspace.entity-unregistered': return 'unregistered ' + data.entity_type + ' ' + data.entity_id;
    case 'workspace.deleted': return 'deleted' + (data.reason ? ': ' + data.reason : '');
    default: return JSON.stringify(data);
  }
}

export async function workspacePage(container, ref) {
  const workspace = (await call('query', 'GET', '/v1/workspaces/' + seg(ref))).body;
  const may = await permissions(workspace);
  const path = '/v1/workspaces/' + seg(workspace.id);
  const reload = () => go(location.hash);
  // the description is changed only over the version shown (If-Match: a change in between answers 412);
  // member changes state the outcome wanted, whatever happened in between
  const write = async (method, url, body, done, version) => {
    await command(method, url, body, { headers: version ? { 'If-Match': '"' + version + '"' } : {} });
    flash(done);
    reload();
  };

  container.append(h('h1', {}, h('span', { class: 'muted' }, 'Workspace '), h('span', { id: 'workspace-name', text: workspace.name })));
  container.append(h('section', { id: 'details' },
    h('dl', { class: 'kv' },
      h('dt', {}, 'Your role'), h('dd', { id: 'my-role', text: may.role ?? (caller().roles.join(', ') || 'none') }),
      h('dt', {}, 'Id'), h('dd', { text: workspace.id }),
      h('dt', {}, 'Created'), h('dd', { text: when(workspace.created_at) + ' by ' + workspace.created_by }),
      h('dt', {}, 'Changed'), h('dd', { text: when(workspace.updated_at) + ' by ' + workspace.updated_by }),
      h('dt', {}, 'Version'), h('dd', { text: workspace.version })),
    h('h2', {}, 'Description'),
    may.write ? descriptionForm(workspace, write) : h('p', { id: 'description', text: workspace.description || '(none)' })));

  // members
  const members = await query(path + '/members' + qs({ sort: 'principal', page_size: 1000 }));
  const memberRows = members.data.map(m => {
    const cells = [h('td', { class: 'principal', text: m.principal }), h('td', { class: 'role', text: m.role }),
      h('td', { text: when(m.granted_at) }), h('td', { text: m.granted_by ?? '' })];
    if (may.manage) {
      const role = select('role', ROLES, m.role);
      cells.push(h('td', {}, h('div', { class: 'row' },
        field('Role of ' + m.principal, role, { hiddenLabel: true }),
        h('button', { type: 'button', class: 'secondary', on: { click: event => act(event.currentTarget, () =>
          write('PUT', path + '/members/' + seg(m.principal), { role: role.value }, m.principal + ' is ' + role.value + ' now.')) } },
        'Change role'),
        h('button', { type: 'button', class: 'danger', on: { click: event => act(event.currentTarget, () =>
          write('DELETE', path + '/members/' + seg(m.principal), undefined, m.principal + ' was removed.')) } },
        'Remove ' + m.principal))));
    }
    return h('tr', {}, cells);
  });
  const memberSection = h('section', { id: 'members' }, h('h2', {}, 'Members'),
    table(['Principal', 'Role', 'Since', 'Granted by'].concat(may.manage ? ['Change'] : []), memberRows));
  if (may.manage) memberSection.append(addMemberForm(path, write));
  container.append(memberSection);

  // entities by type
  const counts = Object.entries(workspace.entity_counts || {});
  const entitySection = h('section', { id: 'entities' }, h('h2', {}, 'Entities by type'),
    counts.length ? table(['Type', 'Count'], counts.map(([type, n]) => h('tr', {}, h('td', { text: type }), h('td', { text: n }))))
      : h('p', { class: 'muted' }, 'No entities registered.'));
  container.append(entitySection);

  // history
  if (may['read-history']) {
    const events = [];
    let page = 1;
    for (; page <= 10; page++) {
      const answer = await query(path + '/history' + qs({ page, page_size: 1000 }));
      events.push(...answer.data);
      if (page >= answer.pagination.total_pages) break;
    }
    const held = new Map();
    for (const e of events) {
      const key = e.data && e.data.entity_type + '/' + e.data.entity_id;
      if (e.type === 'workspace.entity-registered') held.set(key, e.data);
      if (e.type === 'workspace.entity-unregistered') held.delete(key);
    }
    if (held.size) {
      entitySection.append(table(['Type', 'Id'], [...held.values()].map(d =>
        h('tr', {}, h('td', { text: d.entity_type }), h('td', { class: 'entity-id', text: d.entity_id })))));
    }
    container.append(h('section', { id: 'history' }, h('h2', {}, 'History'),
      h('ol', { class: 'timeline', reversed: true }, events.slice().reverse().map(e => h('li', {},
        h('div', { class: 'when' }, when(e.occurred_at), ' · ', h('span', { class: 'actor', text: e.actor }), ' · ', e.type),
        h('div', { class: 'event-summary', text: summary(e.type, e.data) }))))));
  } else {
    container.append(h('section', { id: 'history' }, h('h2', {}, 'History'),
      h('p', { class: 'muted' }, 'The history of a workspace is for its admins, auditors and platform admins.')));
  }
  if (may.write) entitySection.append(registerEntityForm(path, write));
  container.append(asOfSection(path));
  if (may.delete) container.append(deleteSection(workspace));
}

function registerEntityForm(path, write) {
  const type = h('input', { name: 'entity_type', required: true, autocomplete: 'off' });
  const id = h('input', { name: 'entity_id', required: true, autocomplete: 'off' });
  return h('form', { class: 'row', id: 'register-entity', on: { submit: event => {
    event.preventDefault();
    const entityType = type.value.trim();
    const entityId = id.value.trim();
    act(event.submitter, () => write('PUT', path + '/entities/' + seg(entityType) + '/' + seg(entityId), undefined,
      'Registered ' + entityType + ' ' + entityId + '.'));
  } } }, field('Entity type', type), field('Entity id', id), h('button', { type: 'submit' }, 'Register entity'));
}

/** Deleting, in two steps: the button shows what will happen and asks again; sent with If-Match (the version shown). */
function deleteSection(workspace) {
  const reason = h('input', { name: 'reason', autocomplete: 'off', maxlength: 500 });
  const confirmBox = h('div', { id: 'delete-confirm', role: 'group', 'aria-label': 'Confirm the deletion', hidden: true });
  const start = h('button', { type: 'button', class: 'danger', id: 'delete-workspace', on: { click: () => {
    confirmBox.hidden = false;
    start.hidden = true;
    confirmBox.querySelector('button').focus();
  } } }, 'Delete workspace…');
  const cancel = () => { confirmBox.hidden = true; start.hidden = false; start.focus(); };
  confirmBox.append(
    h('p', {}, 'Delete ', h('strong', { text: workspace.name }), ' (version ' + workspace.version + ')? Its name can be '
      + 'used again; its history stays for auditors. A workspace that still holds entities cannot be deleted.'),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', id: 'delete-confirmed', on: { click: event => act(event.currentTarget, async () => {
        await command('DELETE', '/v1/workspaces/' + seg(workspace.id) + qs({ reason: reason.value.trim() }), undefined,
          { headers: { 'If-Match': '"' + workspace.version + '"' } });
        flash('Workspace ' + workspace.name + ' deleted.');
        go('#/workspaces');
      }) } }, 'Delete ' + workspace.name + ' for good'),
      h('button', { type: 'button', class: 'secondary', id: 'delete-cancel', on: { click: cancel } }, 'Cancel')));
  return h('section', { id: 'delete' }, h('h2', {}, 'Delete'),
    h('div', { class: 'row' }, field('Reason (kept in the history)', reason), start), confirmBox);
}

function descriptionForm(workspace, write) {
  const text = h('textarea', { name: 'description', rows: 3, value: workspace.description ?? '' });
  return h('form', { id: 'description-form', on: { submit: event => {
    event.preventDefault();
    act(event.submitter, () => write('PATCH', '/v1/workspaces/' + seg(workspace.id), { description: text.value },
      'Description saved.', workspace.version));
  } } }, field('Description', text), h('p', {}, h('button', { type: 'submit' }, 'Save description')));
}

function addMemberForm(path, write) {
  const principal = h('input', { name: 'principal', required: true, autocomplete: 'off' });
  const role = select('role', ROLES, 'viewer');
  return h('form', { class: 'row', id: 'add-member', on: { submit: event => {
    event.preventDefault();
    const who = principal.value.trim();
    act(event.submitter, () => write('PUT', path + '/members/' + seg(who), { role: role.value },
      who + ' is ' + role.value + ' now.'));
  } } }, field('Principal', principal), field('Role', role), h('button', { type: 'submit' }, 'Add member'));
}

function asOfSection(path) {
  const at = h('input', { type: 'datetime-local', name: 'as_of', step: 1, required: true });
  const result = h('div', { id: 'as-of-result' });
  return h('section', { id: 'as-of' }, h('h2', {}, 'As it was at'),
    h('form', { class: 'row', id: 'as-of-form', on: { submit: event => {
      event.preventDefault();
      const instant = instantOf(at.value);
      if (!instant) { message('Choose a date and time.'); return; }
      act(event.submitter, async () => {
        result.replaceChildren();
        try {
          const then = await query(path + qs({ as_of: instant }));
          const members = await query(path + '/members' + qs({ as_of: instant, page_size: 1000 }));
          result.append(h('p', {}, 'At ' + instant + ': ', h('strong', { text: then.name }), ', version ' + then.version +
            ', description “' + (then.description ?? '') + '”.'),
          table(['Principal', 'Role'], members.data.map(m => h('tr', {}, h('td', { text: m.principal }), h('td', { text: m.role })))));
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) result.append(h('p', { class: 'muted' }, 'It did not exist then.'));
          else failure(e);
        }
      });
    } } }, field('Date and time (your time zone)', at), h('button', { type: 'submit' }, 'Show')), result);
}
