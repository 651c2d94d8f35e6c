/**
 * The rejected rows of an import as CSV in the app's language (issue 15): the same file as the CLI's
 * rejected.csv, with the reasons (issueText's Vietnamese rules) and the first five column names in
 * the current language. Built when the planner downloads it, so that it follows the language switch.
 */
import { type RecordIssue, rejectedRowsCsv } from '../../io/import/rejected_rows.ts';
import { t } from './i18n.ts';
import { messageText } from './issue_text.ts';

/** The CSV for these issues (with their records), in the current language. */
export function rejectedCsvText(issues: readonly RecordIssue[]): string {
  return rejectedRowsCsv(
    issues.map((i) => ({ ...i, message: messageText(i.message) })),
    [
      t('rejected.file'),
      t('rejected.row'),
      t('rejected.feature'),
      t('rejected.fields'),
      t('rejected.problems'),
    ],
  );
}
