/** Small DOM helpers. Data reaches the page only through `textContent`, never as HTML. */

/** The element with this id; throws if index.html lacks it (a bug, not a user error). */
export function requireElement<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html: #${id} is missing or not a ${type.name}`);
  return element;
}

/** Creates an element with optional class and text (set as text, so markup in data stays inert). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; dataset?: Record<string, string> } = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [key, value] of Object.entries(options.dataset ?? {})) element.dataset[key] = value;
  return element;
}
