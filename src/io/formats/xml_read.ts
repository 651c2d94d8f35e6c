import { UserError } from '../../core/base/errors.ts';

/** One XML element: its name (with prefix), local name, attributes, child elements and direct text. */
export interface XmlElement {
  name: string;
  /** The name without its namespace prefix (`kml:Placemark` → `Placemark`). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, entities decoded (not its children's). */
  text: string;
}

const MAX_DEPTH = 512;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric character references; others are left as written. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Reads `name="value"` pairs of a start tag in one linear pass (a regex here backtracks quadratically on
 * a long run of name characters). Anything malformed is skipped.
 */
function parseAttributes(body: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const n = body.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(body[i])) i++;
    const start = i;
    while (i < n && body[i] !== '=' && !isSpace(body[i])) i++;
    const name = body.slice(start, i);
    while (i < n && isSpace(body[i])) i++;
    if (body[i] !== '=') continue; // a name without a value (i has moved past it)
    i++;
    while (i < n && isSpace(body[i])) i++;
    const quote = body[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = body.indexOf(quote, i + 1);
    if (end < 0) break;
    if (name) attrs[name] = decodeEntities(body.slice(i + 1, end));
    i = end + 1;
  }
  return attrs;
}

/**
 * Parses XML text into a tree (a synthetic `#document` root holding the top element). Small and
 * dependency-free so that it runs in a Web Worker, which has no DOMParser. No DTD is read and no
 * entity but the predefined ones is expanded; a DOCTYPE that declares entities (`<!ENTITY …>`, as in
 * "billion laughs", external entities, or markup hidden in an entity value) is a UserError.
 * Text that is not well-formed (unclosed or mismatched tags) is a UserError naming the line.
 */
export function parseXml(text: string, file: string): XmlElement {
  const root: XmlElement = { name: '#document', local: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const fail = (at: number, message: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new UserError(`${file}: not well-formed XML at line ${line}: ${message}.`);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      if (stack.length > 1) top.text += decodeEntities(text.slice(i));
      break;
    }
    if (lt > i && stack.length > 1) top.text += decodeEntities(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) fail(lt, 'a comment is never closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) fail(lt, 'a CDATA section is never closed');
      if (stack.length > 1) top.text += text.slice(lt + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) fail(lt, 'a processing instruction is never closed');
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      // A DOCTYPE (possibly with an internal subset in [...]) or other declaration: its end is found
      // outside quoted strings, so that a "]" or ">" inside an entity value ends nothing. Entity
      // declarations are refused: an entity's value is never expanded, and a file that hides markup in
      // one (a Placemark inside <!ENTITY x "...">) is refused rather than read in part.
      let j = lt + 2;
      let quote = '';
      let depth = 0;
      for (; j < n; j++) {
        const ch = text[j]!;
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      if (j >= n) fail(lt, 'a DOCTYPE or declaration is never closed');
      const entity = /<!ENTITY\s+(%\s+)?([^\s"'>]+)/.exec(text.slice(lt, j));
      if (entity) {
        const line = text.slice(0, lt).split('\n').length;
        throw new UserError(
          `${file}: line ${line}: the DOCTYPE declares the entity "${entity[2]!.slice(0, 40)}"; XML entity declarations are refused (they can hide content or expand without bound), so the file was not read. Remove the DOCTYPE.`,
        );
      }
      i = j + 1;
    } else if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      if (end < 0) fail(lt, 'a closing tag is never finished');
      const name = text.slice(lt + 2, end).trim();
      if (stack.length === 1) fail(lt, `</${name}> closes nothing`);
      if (top.name !== name) fail(lt, `</${name}> closes <${top.name}>`);
      stack.pop();
      i = end + 1;
    } else {
      // A start tag: find its end outside quoted attribute values.
      let j = lt + 1;
      let quote = '';
      for (; j < n; j++) {
        const ch = text[j]!;
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (j >= n) fail(lt, 'a tag is never closed');
      const selfClosing = text[j - 1] === '/';
      const body = text.slice(lt + 1, selfClosing ? j - 1 : j);
      const nameMatch = /^[^\s/>]+/.exec(body);
      if (!nameMatch) fail(lt, 'a tag has no name');
      const name = nameMatch![0];
      const attrs = parseAttributes(body.slice(name.length));
      const colon = name.indexOf(':');
      const el: XmlElement = {
        name,
        local: colon >= 0 ? name.slice(colon + 1) : name,
        attrs,
        children: [],
        text: '',
      };
      top.children.push(el);
      if (!selfClosing) {
        if (stack.length > MAX_DEPTH) fail(lt, `elements are nested more than ${MAX_DEPTH} deep`);
        stack.push(el);
      }
      i = j + 1;
    }
  }
  if (stack.length > 1) fail(n, `<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length === 0) throw new UserError(`${file}: not XML (no element found).`);
  return root;
}

/** The first child element with this local name, or undefined. */
export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

/** Every child element with this local name. */
export function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** Every descendant element with this local name, in document order (iterative; no recursion limit). */
export function descendants(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const todo: XmlElement[] = [...el.children].reverse();
  while (todo.length) {
    const e = todo.pop()!;
    if (e.local === local) out.push(e);
    for (let k = e.children.length - 1; k >= 0; k--) todo.push(e.children[k]!);
  }
  return out;
}
