import { h } from './dom.js';
import { caller, hasRole, loadSettings, signIn, signOut, token, whenUnauthorized, call } from './api.js';
import { act, failure, go, leave, message, showFlash } from './ui.js';
import { beginSignIn, finishSignIn, isCallback, issuerSignIn } from './oauth.js';
import { workspacesPage } from './pages/workspaces.js';
import { workspacePage } from './pages/workspace.js';
import { mePage } from './pages/me.js';
import { auditPage } from './pages/audit.js';
import { operationsPage } from './pages/operations.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
let oauth = null; // the issuer sign-in of config.json, if any

function link(hash, text, current) {
  return h('a', { href: hash, 'aria-current': current ? 'page' : null }, text);
}

function renderNav(path) {
  nav.replaceChildren();
  who.replaceChildren();
  if (!token()) return;
  const me = caller();
  nav.append(link('#/workspaces', 'Workspaces', path.startsWith('/workspaces')), link('#/me', 'Me', path === '/me'));
  if (hasRole('auditor', 'platform-admin')) nav.append(link('#/audit', 'Audit', path === '/audit'));
  if (hasRole('auditor', 'platform-admin')) nav.append(link('#/operations', 'Operations', path === '/operations'));
  who.append(h('span', { id: 'principal', text: me.principal }),
    me.roles.length ? h('span', { class: 'muted', text: ' (' + me.roles.join(', ') + ')' }) : '', ' ',
    h('button', { type: 'button', class: 'secondary', id: 'sign-out', on: { click: () => { signOut(); go('#/signin'); } } },
      'Sign out'));
}

function issuerSection() {
  const issuerHost = (() => { try { return new URL(oauth.issuer).host; } catch (e) { return oauth.issuer; } })();
  const button = h('button', { type: 'button', id: 'issuer-sign-in', on: { click: () => act(button, () => beginSignIn(oauth)) } },
    'Sign in with ' + issuerHost);
  return h('section', { id: 'issuer' },
    h('p', {}, button),
    h('p', { class: 'muted' }, 'You sign in on the issuer’s page (', oauth.issuer, '), which sends you back here. '
      + 'The access token stays in this tab (session storage) and is sent only in the Authorization header.'));
}

function signInPage(container, note) {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, autocomplete: 'off', spellcheck: 'false', required: true });
  const form = h('form', { id: 'sign-in', on: { submit: async event => {
    event.preventDefault();
    signIn(input.value);
    try {
      await call('query', 'GET', '/v1/workspaces?page_size=1');
      message('');
      go('#/workspaces');
    } catch (e) {
      signOut();
      failure(e);
    }
  } } },
  h('label', { for: 'token' }, 'Bearer token'), input,
  h('p', {}, h('button', { type: 'submit' }, 'Sign in')));
  container.append(h('h1', {}, 'Sign in'));
  if (oauth) container.append(issuerSection(), h('h2', {}, 'Or paste a token'));
  container.append(
    h('section', {},
      oauth ? h('p', {}, 'Paste a bearer token (a JWT) the issuer gave you.')
        : h('p', {}, 'Paste a bearer token (a JWT). On a local install, ',
          h('code', {}, './token.sh alice workspace-creator'), ' prints one, and ', h('code', {}, './run.sh'),
          ' prints a ready-made sign-in link.'),
      h('p', { class: 'muted' }, 'The token stays in this tab (session storage) and is sent only in the Authorization header.'),
      form));
  if (note) message(note, 'info');
  const issuerButton = container.querySelector('#issuer-sign-in');
  (issuerButton || input).focus();
}

async function route() {
  leave();
  const hash = location.hash || '#/workspaces';
  const fragment = new URLSearchParams(hash.slice(1));
  if (fragment.has('token')) { // a sign-in link: keep the token in the session, take it out of the address bar
    signIn(fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search + '#/workspaces');
    return route();
  }
  const path = hash.replace(/^#/, '');
  const page = path.split('/').filter(Boolean);
  renderNav(path);
  const container = h('div', { id: 'page' });
  main.replaceChildren(container);
  if (!token() || page[0] === 'signin') {
    if (token() && page[0] === 'signin') signOut();
    renderNav('/signin');
    document.title = 'Sign in · Workspaces console';
    return signInPage(container);
  }
  message('');
  try {
    if (page[0] === 'workspaces' && page[1] !== undefined) {
      await workspacePage(container, decodeURIComponent(page[1]));
    } else if (page[0] === 'me') {
      await mePage(container);
    } else if (page[0] === 'audit') {
      await auditPage(container);
    } else if (page[0] === 'operations') {
      await operationsPage(container);
    } else {
      await workspacesPage(container);
    }
    showFlash();
  } catch (e) {
    failure(e);
  }
  const heading = container.querySelector('h1');
  document.title = (heading ? heading.textContent + ' · ' : '') + 'Workspaces console';
}

whenUnauthorized(() => {
  signOut();
  renderNav('/signin');
  const container = h('div', { id: 'page' });
  main.replaceChildren(container);
  signInPage(container);
  message('Your token was refused (expired or not valid): sign in again.');
});

/** Back from the issuer (?code=...&state=... or ?error=...): finish the sign-in, then show the page. */
async function start() {
  if (!isCallback()) return route();
  try {
    signIn(await finishSignIn(oauth));
  } catch (e) {
    signOut();
    await route();
    failure(e);
    return;
  }
  return route();
}

window.addEventListener('hashchange', route);
loadSettings().then(settings => { oauth = issuerSignIn(settings); }, () => {}).then(start);
