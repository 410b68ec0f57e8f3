// A small promise wrapper over the browser's IndexedDB: one database for what the page keeps locally (drafts
// of long forms, photos waiting to be uploaded), a few calls, and no failure that breaks the page — where
// IndexedDB is missing or refused (a private window), the calls resolve empty and nothing is kept.
const DB_NAME = 'qsm-local'
const DB_VERSION = 1

export type StoreName = 'drafts' | 'photoQueue'

let opening: Promise<IDBDatabase | null> | null = null

function open(): Promise<IDBDatabase | null> {
  if (opening) return opening
  opening = new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null)
    let request: IDBOpenDBRequest
    try {
      request = indexedDB.open(DB_NAME, DB_VERSION)
    } catch {
      return resolve(null)
    }
    request.onupgradeneeded = () => {
      const db = request.result
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'key' })
      if (!db.objectStoreNames.contains('photoQueue')) db.createObjectStore('photoQueue', { keyPath: 'id', autoIncrement: true })
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => resolve(null)
    request.onblocked = () => resolve(null)
  })
  return opening
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

async function run<T>(store: StoreName, mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const db = await open()
  if (!db) return undefined
  try {
    const tx = db.transaction(store, mode)
    const answer = await done(body(tx.objectStore(store)))
    // A write counts once its transaction has committed.
    if (mode === 'readwrite') {
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
        tx.onabort = () => reject(tx.error)
      })
    }
    return answer
  } catch {
    return undefined
  }
}

export function idbGet<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return run(store, 'readonly', (s) => s.get(key) as IDBRequest<T>)
}

/** Every value, or those whose keys are in `range`. */
export async function idbAll<T>(store: StoreName, range?: IDBKeyRange): Promise<T[]> {
  return (await run(store, 'readonly', (s) => s.getAll(range) as IDBRequest<T[]>)) ?? []
}

/** Stores `value`; resolves with its key (undefined when nothing could be kept). */
export function idbPut(store: StoreName, value: unknown): Promise<IDBValidKey | undefined> {
  return run(store, 'readwrite', (s) => s.put(value))
}

export async function idbDelete(store: StoreName, key: IDBValidKey | IDBKeyRange): Promise<void> {
  await run(store, 'readwrite', (s) => s.delete(key))
}
