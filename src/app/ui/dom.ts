/** Small DOM helpers. Data reaches the page only through `textContent`, never as HTML. */

/** The element with this id; throws if index.html lacks it (a bug, not a user error). */
export function requireElement<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html: #${id} is missing or not a ${type.name}`);
  return element;
}

interface ElOptions {
  className?: string;
  text?: string;
  dataset?: Record<string, string>;
  title?: string;
  attrs?: Record<string, string>;
}

/** Creates an element with optional class, text (set as text, so markup in data stays inert) and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.title !== undefined) element.title = options.title;
  for (const [key, value] of Object.entries(options.dataset ?? {})) element.dataset[key] = value;
  for (const [key, value] of Object.entries(options.attrs ?? {})) element.setAttribute(key, value);
  element.append(...children);
  return element;
}

/** A `<button type="button">` with a click handler. */
export function button(text: string, onClick: () => void, options: ElOptions = {}): HTMLButtonElement {
  const b = el('button', { ...options, text });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A `<select>` with options [value, label]; `onChange` gets the chosen value. */
export function selectBox(
  options: readonly (readonly [string, string])[],
  value: string,
  onChange: (value: string) => void,
  attrs: ElOptions = {},
): HTMLSelectElement {
  const s = el('select', attrs);
  for (const [v, label] of options) {
    const o = el('option', { text: label });
    o.value = v;
    s.append(o);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

/** A label wrapping a control, with its caption above. */
export function field(caption: string, control: HTMLElement, className = 'field'): HTMLLabelElement {
  return el('label', { className }, [el('span', { text: caption }), control]);
}

/** A definition-list row. */
export function row(list: HTMLElement, label: string, value: string, fieldName?: string): HTMLElement {
  const dd = el('dd', { text: value, ...(fieldName ? { dataset: { field: fieldName } } : {}) });
  list.append(el('dt', { text: label }), dd);
  return dd;
}

/** Offers a file to the user as a download (a same-origin blob URL). */
export function download(name: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
