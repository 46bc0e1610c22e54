// Every piece of data reaches the page as text: elements are built with createElement and textContent,
// never from HTML strings.

/** h('td', {class: 'data'}, 'text', otherNode, [more]) — an element with attributes, handlers and children. */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  apply(element, props);
  append(element, children);
  return element;
}

/** An SVG element (charts). */
export function svg(tag, props, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  apply(element, props);
  append(element, children);
  return element;
}

function apply(element, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (key === 'text') {
      element.textContent = String(value);
    } else if (key === 'value') {
      element.value = String(value);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let ids = 0;

/** A form control with its label: every input, select and textarea of the console has one. */
export function field(labelText, control, { hiddenLabel = false } = {}) {
  if (!control.id) control.id = 'f' + (++ids);
  const label = h('label', { for: control.id }, h('span', { class: hiddenLabel ? 'sr-only' : null }, labelText));
  if (hiddenLabel) return [label, control];
  label.append(control);
  return label;
}

export function select(name, options, selected) {
  return h('select', { name },
    options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

export function table(headers, rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map(text => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows));
}

export function when(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** A datetime-local value (the browser's time zone) as RFC 3339 UTC, or null. */
export function instantOf(localValue) {
  if (!localValue) return null;
  const date = new Date(localValue);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
