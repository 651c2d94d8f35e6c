/**
 * Persistence in IndexedDB (raw API): imported datasets (one per kind), saved scenarios, and the
 * working session (current edits). Everything stays in the browser; "clear data" deletes it all.
 */
import type { DatasetKind, DatasetPayload } from './dataset_kind.ts';
import type { ScenarioFile } from './scenario_edits.ts';

const DB_NAME = 'vungphu';
const DB_VERSION = 1;
const DATASETS = 'datasets';
const SCENARIOS = 'scenarios';
const SESSION = 'session';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The app's database; stores are created on first use. */
export class Storage {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<Storage> {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(DATASETS)) db.createObjectStore(DATASETS, { keyPath: 'kind' });
      if (!db.objectStoreNames.contains(SCENARIOS)) db.createObjectStore(SCENARIOS, { keyPath: 'name' });
      if (!db.objectStoreNames.contains(SESSION)) db.createObjectStore(SESSION);
    };
    return new Storage(await promised(request));
  }

  private async put(store: string, value: unknown, key?: IDBValidKey): Promise<void> {
    const tx = this.db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    await done(tx);
  }

  private async all<T>(store: string): Promise<T[]> {
    const tx = this.db.transaction(store, 'readonly');
    return promised(tx.objectStore(store).getAll() as IDBRequest<T[]>);
  }

  async datasets(): Promise<DatasetPayload[]> {
    return this.all<DatasetPayload>(DATASETS);
  }

  /** Stores an imported dataset, replacing the one of the same kind. */
  async saveDataset(d: DatasetPayload): Promise<void> {
    await this.put(DATASETS, d);
  }

  async removeDataset(kind: DatasetKind): Promise<void> {
    const tx = this.db.transaction(DATASETS, 'readwrite');
    tx.objectStore(DATASETS).delete(kind);
    await done(tx);
  }

  async scenarios(): Promise<ScenarioFile[]> {
    const list = await this.all<ScenarioFile>(SCENARIOS);
    return list.sort((a, b) => b.saved_at.localeCompare(a.saved_at));
  }

  async saveScenario(s: ScenarioFile): Promise<void> {
    await this.put(SCENARIOS, s);
  }

  async removeScenario(name: string): Promise<void> {
    const tx = this.db.transaction(SCENARIOS, 'readwrite');
    tx.objectStore(SCENARIOS).delete(name);
    await done(tx);
  }

  async session<T>(key: string): Promise<T | undefined> {
    const tx = this.db.transaction(SESSION, 'readonly');
    return promised(tx.objectStore(SESSION).get(key) as IDBRequest<T | undefined>);
  }

  async saveSession(key: string, value: unknown): Promise<void> {
    await this.put(SESSION, value, key);
  }

  /** Deletes every imported dataset, saved scenario and the session. */
  async clear(): Promise<void> {
    const tx = this.db.transaction([DATASETS, SCENARIOS, SESSION], 'readwrite');
    for (const s of [DATASETS, SCENARIOS, SESSION]) tx.objectStore(s).clear();
    await done(tx);
  }
}
