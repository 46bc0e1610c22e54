// Sign-in with the OAuth2 issuer (docs/console.md): the authorization-code flow with PKCE, as a public client.
// The verifier and the state live in this tab's sessionStorage from the redirect to the issuer until the page comes
// back, and are removed before the code is exchanged; the code and state are taken out of the address bar at once.
const VERIFIER_KEY = 'workspaces.console.oauth.verifier';
const STATE_KEY = 'workspaces.console.oauth.state';

export class SignInError extends Error {}

/** The issuer sign-in of config.json, or null when the console only takes pasted tokens. */
export function issuerSignIn(settings) {
  const oauth = settings && settings.oauth;
  return oauth && oauth.issuer && oauth.client_id ? oauth : null;
}

/** The address the issuer sends the browser back to: this page, without query or fragment. */
function redirectUri() {
  return location.origin + location.pathname.replace(/index\.html$/, '');
}

function base64url(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The issuer's endpoints, from its metadata (OpenID Connect discovery, then RFC 8414). */
async function metadata(issuer) {
  const base = issuer.replace(/\/+$/, '');
  for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
    let response;
    try {
      response = await fetch(base + path, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    } catch (e) {
      continue;
    }
    if (!response.ok) continue;
    const found = await response.json();
    if (found.authorization_endpoint && found.token_endpoint) return found;
  }
  throw new SignInError('The issuer ' + issuer + ' did not answer with its endpoints (its metadata could not be read).');
}

/** Sends the browser to the issuer's sign-in page; it comes back to this page with ?code=...&state=... */
export async function beginSignIn(oauth) {
  if (!window.crypto || !crypto.subtle) {
    throw new SignInError('Signing in with the issuer needs a secure page (HTTPS, or 127.0.0.1 / localhost).');
  }
  const endpoints = await metadata(oauth.issuer);
  const verifier = randomText(32); // 43 characters, as RFC 7636 asks at least
  const state = randomText(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  sessionStorage.setItem(STATE_KEY, state);
  const target = new URL(endpoints.authorization_endpoint);
  target.searchParams.set('response_type', 'code');
  target.searchParams.set('client_id', oauth.client_id);
  target.searchParams.set('redirect_uri', redirectUri());
  target.searchParams.set('scope', oauth.scopes || 'openid');
  target.searchParams.set('state', state);
  target.searchParams.set('code_challenge', base64url(new Uint8Array(digest)));
  target.searchParams.set('code_challenge_method', 'S256');
  location.assign(target.toString());
}

/** Whether the address carries the issuer's answer (a code, or an error). */
export function isCallback() {
  const params = new URLSearchParams(location.search);
  return params.has('code') || params.has('error') || params.has('state');
}

/**
 * Finishes a sign-in from the issuer's answer in the address: takes it out of the address bar at once, checks the
 * state against the one this tab sent, and exchanges the code for an access token. Returns the token; throws a
 * SignInError with a sentence to show.
 */
export async function finishSignIn(oauth) {
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', location.pathname + '#/workspaces');
  const expected = sessionStorage.getItem(STATE_KEY);
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  sessionStorage.removeItem(STATE_KEY);
  sessionStorage.removeItem(VERIFIER_KEY);
  if (params.has('error')) {
    const description = params.get('error_description');
    throw new SignInError('The issuer did not sign you in (' + params.get('error') + ')'
      + (description ? ': “' + description + '”' : '') + '.');
  }
  if (!expected || !verifier || params.get('state') !== expected) {
    throw new SignInError('Sign-in refused: the answer does not belong to a sign-in started in this tab (state '
      + 'mismatch). Sign in again.');
  }
  if (!oauth) throw new SignInError('Sign-in with an issuer is not configured.');
  if (!params.get('code')) throw new SignInError('Sign-in failed: the issuer sent no code.');
  const endpoints = await metadata(oauth.issuer);
  const body = new URLSearchParams({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    client_id: oauth.client_id, code_verifier: verifier
  });
  let response;
  try {
    response = await fetch(endpoints.token_endpoint, {
      method: 'POST', body, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      headers: { Accept: 'application/json' }
    });
  } catch (e) {
    throw new SignInError('Sign-in failed: the issuer\'s token endpoint did not answer.');
  }
  let answer = {};
  try { answer = await response.json(); } catch (e) { /* not JSON */ }
  if (!response.ok || typeof answer.access_token !== 'string') {
    throw new SignInError('Sign-in failed: the issuer did not exchange the code (' + response.status
      + (answer.error ? ' ' + answer.error : '') + ')'
      + (answer.error_description ? ': “' + answer.error_description + '”' : '') + '.');
  }
  return answer.access_token;
}
