import { h, field, select, table, when } from '../dom.js';
import { command, hasRole, query, qs, seg } from '../api.js';
import { act, flash, go } from '../ui.js';

const SORTS = [['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['name', 'Name A-Z'], ['-name', 'Name Z-A'],
  ['-updated_at', 'Recently changed'], ['updated_at', 'Least recently changed']];
const state = { prefix: '', sort: '-created_at', pageSize: '20', page: 1 };

export const workspaceLink = name => h('a', { href: '#/workspaces/' + seg(name), class: 'workspace-link' }, name);

export async function workspacesPage(container) {
  const prefix = h('input', { name: 'name_prefix', type: 'search', value: state.prefix, autocomplete: 'off' });
  const sort = select('sort', SORTS, state.sort);
  const size = select('page_size', [['10', '10'], ['20', '20'], ['50', '50'], ['100', '100']], state.pageSize);
  const results = h('div', { id: 'workspace-results' });

  async function load() {
    const answer = await query('/v1/workspaces' + qs({ name_prefix: state.prefix, sort: state.sort,
      page: state.page, page_size: state.pageSize }));
    const { page, total_pages: pages, total_results: total } = answer.pagination;
    const rows = answer.data.map(w => h('tr', {},
      h('td', {}, workspaceLink(w.name)), h('td', { class: 'description', text: w.description ?? '' }),
      h('td', { text: w.member_count }), h('td', { text: w.version }), h('td', { text: when(w.updated_at) })));
    const previous = h('button', { type: 'button', class: 'secondary', disabled: page <= 1,
      on: { click: () => { state.page = page - 1; act(previous, load); } } }, 'Previous page');
    const next = h('button', { type: 'button', class: 'secondary', disabled: page >= pages,
      on: { click: () => { state.page = page + 1; act(next, load); } } }, 'Next page');
    results.replaceChildren(
      rows.length ? table(['Name', 'Description', 'Members', 'Version', 'Changed'], rows)
        : h('p', { class: 'muted' }, 'No workspace matches.'),
      h('div', { class: 'pager' }, previous,
        h('span', { id: 'page-info', text: 'Page ' + page + ' of ' + Math.max(pages, 1) + ' (' + total + ' workspaces)' }),
        next));
  }

  const search = h('form', { class: 'row', id: 'search', role: 'search', on: { submit: event => {
    event.preventDefault();
    Object.assign(state, { prefix: prefix.value.trim(), sort: sort.value, pageSize: size.value, page: 1 });
    act(event.submitter, load);
  } } },
  field('Name starts with', prefix), field('Sort', sort), field('Per page', size),
  h('button', { type: 'submit' }, 'Search'));

  container.append(h('h1', {}, 'Workspaces'), h('section', {}, search, results));
  if (hasRole('workspace-creator', 'platform-admin')) container.append(createForm());
  await load();
}

function createForm() {
  const name = h('input', { name: 'name', required: true, autocomplete: 'off', maxlength: 255 });
  const description = h('textarea', { name: 'description', rows: 2 });
  return h('section', { id: 'create' }, h('h2', {}, 'Create a workspace'),
    h('form', { class: 'row', id: 'create-form', on: { submit: event => {
      event.preventDefault();
      act(event.submitter, async () => {
        const body = { name: name.value.trim() };
        if (description.value.trim()) body.description = description.value;
        const created = await command('POST', '/v1/workspaces', body);
        flash('Created ' + created.body.name + ': you are its admin.');
        go('#/workspaces/' + seg(created.body.name));
      });
    } } },
    field('Name', name), field('Description', description), h('button', { type: 'submit' }, 'Create')));
}
