/**
 * User values shown in messages and in rejected.csv, bounded: a value longer than the limit is cut
 * with "… (N characters)", nesting deeper than the depth limit is shown as "[nested too deep]", and
 * nothing here can throw (no recursion on the call stack, no toJSON, no cycles).
 */

/** Longest value echoed in a message (stderr, the app), in characters. */
export const MESSAGE_VALUE_CHARS = 200;
/** Longest value written into one rejected.csv cell, in characters (Excel's cell limit is 32,767). */
export const RECORD_VALUE_CHARS = 10_000;
/** Deepest nesting of arrays and objects shown. */
export const VALUE_DEPTH = 20;

/** Cuts a text to `max` characters, saying how long it was: "abc… (50,000,000 characters)". */
export function cutText(text: string, max: number = MESSAGE_VALUE_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * JSON-like text of a value (as JSON.stringify would show it), bounded in depth and length. Builds the
 * text iteratively and stops as soon as it passes `max` characters, so a 50 MB string or a
 * 5,000-level nesting costs little.
 */
export function showValue(
  value: unknown,
  max: number = MESSAGE_VALUE_CHARS,
  depth: number = VALUE_DEPTH,
): string {
  const parts: string[] = [];
  let length = 0;
  let full = 0; // the length of the whole text, when it is known (only for a single string)
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  // Work stack of things to print: values (with their depth) or literal text.
  const stack: ({ v: unknown; d: number } | string)[] = [{ v: value, d: 0 }];
  while (stack.length && length <= max) {
    const top = stack.pop()!;
    if (typeof top === 'string') {
      push(top);
      continue;
    }
    const { v, d } = top;
    if (v === undefined) push('undefined');
    else if (v === null || typeof v === 'boolean') push(String(v));
    else if (typeof v === 'number') push(Number.isFinite(v) ? String(v) : 'null');
    else if (typeof v === 'bigint') push(String(v));
    else if (typeof v === 'string') {
      if (stack.length === 0 && parts.length === 0) full = v.length;
      // Only the head of a long string is quoted: JSON.stringify of all of it would copy it whole.
      push(JSON.stringify(v.length > max ? v.slice(0, max + 1) : v));
    } else if (typeof v === 'object') {
      if (d >= depth) {
        push('"[nested too deep]"');
        continue;
      }
      const isArray = Array.isArray(v);
      let entries: [string | null, unknown][];
      try {
        entries = isArray
          ? (v as unknown[]).slice(0, max).map((x) => [null, x])
          : Object.keys(v as object)
              .slice(0, max)
              .map((k) => [k, (v as Record<string, unknown>)[k]]);
      } catch {
        push('"[unreadable]"');
        continue;
      }
      // Pushed in reverse: the stack pops the opening bracket first.
      stack.push(isArray ? ']' : '}');
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push({ v: x, d: d + 1 });
        if (k !== null) stack.push(`${JSON.stringify(k.length > max ? k.slice(0, max) : k)}:`);
        if (i > 0) stack.push(',');
      }
      stack.push(isArray ? '[' : '{');
    } else push(JSON.stringify(String(v)));
  }
  const text = parts.join('');
  if (text.length <= max && stack.length === 0) return text;
  const total = full > text.length ? full : 0;
  return `${text.slice(0, max)}… (${total ? `${total.toLocaleString('en-US')} characters` : 'cut'})`;
}
