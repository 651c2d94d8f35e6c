import { UserError } from '../../core/base/errors.ts';

/**
 * Parses JSON text; a UserError naming the file, with the line and column of the problem, when it is
 * not JSON. Every JSON input (GeoJSON, targets, engine config, report.json) reads through here.
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${jsonErrorWhere(text, (e as Error).message)}).`);
  }
}

/** V8 says where by character position: add the line and column a person can find. */
function jsonErrorWhere(text: string, message: string): string {
  const pos = /at position (\d+)/.exec(message);
  if (!pos || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message}, line ${line} column ${column}`;
}
