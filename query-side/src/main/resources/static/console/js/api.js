// The /v1 API, with the caller's bearer token. The token lives in this tab's sessionStorage only: never a cookie,
// never the URL (a sign-in link's #token=... is read once and removed from the address bar).
const TOKEN_KEY = 'workspaces.console.token';
let settings = { command_url: '', roles_claim: 'roles' };
let consistencyToken = 0; // the newest write of this page: reads wait for it (read-your-writes)

export async function loadSettings() {
  const response = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
  if (response.ok) settings = await response.json();
  return settings;
}

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function signIn(value) { sessionStorage.setItem(TOKEN_KEY, value.trim()); }
export function signOut() { sessionStorage.removeItem(TOKEN_KEY); consistencyToken = 0; }

/** The token's principal and platform roles, as far as the page can read them (the service decides). */
export function caller() {
  const value = token();
  if (!value) return null;
  try {
    const part = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    let roles = claims;
    for (const key of (settings.roles_claim || 'roles').split('.')) roles = roles == null ? null : roles[key];
    if (typeof roles === 'string') roles = roles.split(' ');
    roles = Array.isArray(roles) ? roles.filter(r => typeof r === 'string') : [];
    return { principal: String(claims.sub ?? ''), roles, expires: claims.exp ? new Date(claims.exp * 1000) : null };
  } catch (e) {
    return { principal: '', roles: [], expires: null };
  }
}

export function hasRole(...roles) {
  const who = caller();
  return !!who && roles.some(role => who.roles.includes(role));
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }

  /** A readable sentence quoting the problem's detail. */
  describe() {
    const title = this.problem.title || (this.status ? 'HTTP ' + this.status : 'No answer');
    const detail = this.problem.detail ? ': “' + this.problem.detail + '”' : '';
    const prefix = this.status === 403 ? 'Not allowed' : this.status === 409 ? 'Refused' : this.status === 401
      ? 'Signed out' : 'Failed';
    return prefix + ' (' + (this.status || 'network') + ' ' + title + ')' + detail;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) { onUnauthorized = handler; }

async function problemOf(response) {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : {};
  } catch (e) {
    return {};
  }
}

/**
 * Calls one side: 'query' (this origin) or 'command' (settings.command_url). Returns {status, headers, body};
 * throws ApiError for any answer that is not 2xx.
 */
export async function call(side, method, path, { body, headers = {}, stream = false, signal, waitForWrites = true } = {}) {
  const base = side === 'command' ? settings.command_url : '';
  const sent = new Headers(headers);
  sent.set('Authorization', 'Bearer ' + token());
  if (body !== undefined) sent.set('Content-Type', 'application/json');
  if (side === 'query' && waitForWrites && consistencyToken > 0 && /^\/v1\/(workspaces|principals)/.test(path)
      && !sent.has('X-Consistency-Token')) {
    sent.set('X-Consistency-Token', String(consistencyToken));
  }
  let response;
  try {
    response = await fetch(base + path, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Unreachable', detail: 'the ' + side + ' side did not answer' });
  }
  const written = response.headers.get('X-Consistency-Token');
  if (side === 'command' && written && /^\d+$/.test(written)) {
    consistencyToken = Math.max(consistencyToken, Number(written));
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }
  if (stream) return response;
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export const query = (path, options) => call('query', 'GET', path, options).then(r => r.body);
export const command = (method, path, body, options = {}) => call('command', method, path, { ...options, body });

/** Path segment, encoded. */
export const seg = value => encodeURIComponent(value);

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
