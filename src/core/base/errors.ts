import { cutText } from './show_value.ts';

/** One problem found in user input. `path` locates it, e.g. `features[12].properties.population`. */
export interface InputIssue {
  file?: string;
  path: string;
  /** 1-based data row for CSV (header is row 1), when the input is a table. */
  row?: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Bad input or a bad option: a message a planner can act on.
 * The CLI prints it without a stack trace and exits 1; the app shows it.
 */
export class UserError extends Error {
  readonly issues: InputIssue[];
  constructor(message: string, issues: InputIssue[] = []) {
    super(message);
    this.name = 'UserError';
    this.issues = issues;
  }
}

/** Longest message shown by `formatIssue`, in characters (a 50 MB cell quoted in a message is cut). */
const MESSAGE_CHARS = 1000;

/** Formats an issue as one line: `file: row 13, field "lon": message` (the message bounded). */
export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.row !== undefined) where.push(`row ${issue.row}`);
  else if (issue.path) where.push(issue.path);
  if (issue.field) where.push(`field "${issue.field}"`);
  const prefix = issue.file ? `${issue.file}: ` : '';
  return `${prefix}${cutText(where.join(', '), MESSAGE_CHARS)}${where.length ? ': ' : ''}${cutText(issue.message, MESSAGE_CHARS)}`;
}
