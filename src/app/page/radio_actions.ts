/**
 * The radio config on the page (issue 17): a JSON file with a `radio` section (the CLI's `--config`)
 * picked or dropped in the Data tab is checked and used by the worker's terrain model; the page keeps
 * the file in IndexedDB (read again on a reload), says which config is in use, and can remove it
 * (back to the defaults). A bad file is refused with every problem named; the config in use stays.
 */
import type { InputIssue } from '../../core/base/errors.ts';
import { t } from '../i18n/i18n.ts';
import type { Page } from './page.ts';

/** Key of the radio config file in IndexedDB's session store. */
const SESSION_RADIO = 'radio';

/** A radio config file as the page keeps it. */
export interface RadioFile {
  name: string;
  text: string;
}

/**
 * True for a JSON file that is a radio config: an object with a `radio` key (a GeoJSON, a target file,
 * a report or a scenario has none at its top level).
 */
export function isRadioConfigFile(name: string, text: string): boolean {
  if (!/\.json$/i.test(name)) return false;
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) && 'radio' in v;
  } catch {
    return false;
  }
}

export class RadioActions {
  /** The imported file in use, or null (the defaults). */
  name: string | null = null;
  /** Why the last file was refused: the message and every problem, or null. */
  error: { message: string; issues: readonly InputIssue[] } | null = null;

  constructor(private readonly page: Page) {}

  /** Checks the file in the worker; when good, stores it and reloads the analysis with it. */
  async add(file: RadioFile): Promise<void> {
    if (await this.#send(file)) {
      await this.page.storage
        ?.saveSession(SESSION_RADIO, file)
        .catch(() => this.page.render.status(t('data.saveFailed'), 'error'));
      await this.page.loader.reload();
    }
  }

  /** Reads the file stored by an earlier visit (before the first analysis). */
  async restore(): Promise<void> {
    const stored = await this.page.storage?.session<RadioFile | null>(SESSION_RADIO);
    if (stored) await this.#send(stored);
  }

  /** Back to the default radio settings; the analysis reloads. */
  async remove(): Promise<void> {
    await this.page.client.radio(null);
    this.name = null;
    this.error = null;
    await this.page.storage?.saveSession(SESSION_RADIO, null);
    this.page.render.all();
    await this.page.loader.reload();
  }

  async #send(file: RadioFile): Promise<boolean> {
    try {
      const r = await this.page.client.radio(file);
      this.name = r?.name ?? null;
      this.error = null;
      // The banner's method line names the config in use.
      this.page.render.all();
      return true;
    } catch (error) {
      const e = error as { message?: string; issues?: readonly InputIssue[]; userError?: boolean };
      if (!e.userError) console.error(error);
      this.error = { message: e.message ?? String(error), issues: e.issues ?? [] };
      this.page.render.dataTab();
      return false;
    }
  }
}
