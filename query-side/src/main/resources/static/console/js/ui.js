import { ApiError } from './api.js';

const messageBox = () => document.getElementById('message');
let leaving = null;

/** Shows a message above the page: an error (default) or information. */
export function message(text, kind = 'error') {
  const box = messageBox();
  box.textContent = text || '';
  box.className = 'message' + (kind === 'info' ? ' info' : '');
  box.setAttribute('role', kind === 'info' ? 'status' : 'alert');
}

/** Shows an error: an ApiError as a sentence quoting the problem's detail. */
export function failure(error) {
  message(error instanceof ApiError ? error.describe() : String((error && error.message) || error));
}

let flashed = null;

/** A message to show once the page has been drawn again (after a write). */
export function flash(text) { flashed = text; }

export function showFlash() {
  if (flashed) message(flashed, 'info');
  flashed = null;
}

/** Goes to a page (a hash route), or shows it again when already there. */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** What the current page stops when it is left (live tails, polls). */
export function onLeave(stop) { leaving = stop; }

export function leave() {
  const stop = leaving;
  leaving = null;
  if (stop) { try { stop(); } catch (e) { /* already stopped */ } }
}

/** Runs an action of a button: disables it meanwhile, shows failures. */
export async function act(button, action) {
  if (button) button.disabled = true;
  try {
    await action();
  } catch (e) {
    failure(e);
  } finally {
    if (button) button.disabled = false;
  }
}
