import { h, table } from '../dom.js';
import { caller, query, qs, seg } from '../api.js';
import { workspaceLink } from './workspaces.js';

export async function mePage(container) {
  const me = caller();
  container.append(h('h1', {}, 'Me'));
  const facts = h('dl', { class: 'kv' },
    h('dt', {}, 'Principal'), h('dd', { id: 'me-principal', text: me.principal }),
    h('dt', {}, 'Platform roles'), h('dd', { id: 'me-roles', text: me.roles.length ? me.roles.join(', ') : 'none' }),
    h('dt', {}, 'Token expires'), h('dd', { text: me.expires ? me.expires.toISOString() : 'unknown' }));
  container.append(h('section', {}, facts));
  const rows = [];
  let page = 1;
  for (;;) { // every workspace (a few pages at most for a person)
    const answer = await query('/v1/principals/' + seg(me.principal) + '/workspaces' + qs({ page, page_size: 1000 }));
    for (const grant of answer.data) {
      rows.push(h('tr', {}, h('td', {}, workspaceLink(grant.workspace.name)), h('td', { class: 'role', text: grant.role }),
        h('td', { text: grant.member_role ?? '—' }), h('td', { text: grant.everyone_role ?? '—' })));
    }
    if (page >= answer.pagination.total_pages) break;
    page++;
  }
  container.append(h('section', { id: 'my-workspaces' }, h('h2', {}, 'My workspaces and roles'),
    rows.length ? table(['Workspace', 'Role', 'As a member', 'Through everyone (*)'], rows)
      : h('p', { class: 'muted' }, 'No role in any workspace.')));
}
