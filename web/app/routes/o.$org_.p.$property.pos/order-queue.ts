// The tablet's outbox of POS orders, in IndexedDB so it survives a reload, a crash or a dead
// connection. Every order goes through it: saved first, then sent; it leaves the queue only
// when the server answered with the order (or refused it for good, kept with the reason for
// staff to see and discard). Sending again is safe: the order's idempotency key makes the
// server return the order it already placed. Plain IndexedDB: one store, a few calls.
import type { PosOrder, SubmitAnswer } from './pos.schema.ts';

const DB_NAME = 'roost-pos';
const STORE = 'outbox';

export interface QueuedOrder {
  /** The order's idempotency key, made once when the order was started. */
  key: string;
  propertyId: string;
  submitUrl: string;
  order: PosOrder;
  /** What staff see in the queue: where it goes and what is in it. */
  summary: string;
  queuedAt: string;
  /** Set when the server refused it (a rule); such an order is not sent again. */
  refused?: string;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = use(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function saveQueued(entry: QueuedOrder): Promise<IDBValidKey> {
  return withStore('readwrite', (store) => store.put(entry));
}

export function removeQueued(key: string): Promise<undefined> {
  return withStore('readwrite', (store) => store.delete(key));
}

/** The property's queued orders, oldest first (the order they were taken in). */
export async function listQueued(propertyId: string): Promise<QueuedOrder[]> {
  const all = (await withStore('readonly', (store) => store.getAll())) as QueuedOrder[];
  return all.filter((entry) => entry.propertyId === propertyId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export type SendOutcome =
  | { kind: 'placed'; orderId: string }
  | { kind: 'refused'; message: string }
  /** No answer, or one worth retrying (server trouble, a session to renew): keep it queued. */
  | { kind: 'unreachable'; message: string };

/** Sends one queued order to the submit route and keeps the queue in step with the answer. */
export async function sendQueued(entry: QueuedOrder): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(entry.submitUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(entry.order),
      credentials: 'same-origin',
      redirect: 'manual',
    });
  } catch {
    return { kind: 'unreachable', message: 'No connection.' };
  }
  let answer: SubmitAnswer | null = null;
  try {
    answer = (await response.json()) as SubmitAnswer;
  } catch {
    answer = null;
  }
  if (response.ok && answer?.ok) {
    await removeQueued(entry.key);
    return { kind: 'placed', orderId: answer.order.id };
  }
  const retry = response.status >= 500 || response.status === 401 || response.status === 0 || !answer;
  if (retry)
    return { kind: 'unreachable', message: answer && !answer.ok ? answer.message : 'The server did not answer.' };
  const message = answer && !answer.ok ? answer.message : 'The order was refused.';
  await saveQueued({ ...entry, refused: message });
  return { kind: 'refused', message };
}

let replaying: Promise<void> | null = null;

/**
 * Sends the property's queue in the order it was taken, stopping at the first order that cannot
 * reach the server (the rest wait behind it). One replay at a time per page; a second caller
 * waits for it.
 */
export function replayQueue(propertyId: string, onOutcome?: (entry: QueuedOrder, outcome: SendOutcome) => void) {
  if (replaying) return replaying;
  replaying = (async () => {
    try {
      for (const entry of await listQueued(propertyId)) {
        if (entry.refused) continue;
        const outcome = await sendQueued(entry);
        onOutcome?.(entry, outcome);
        if (outcome.kind === 'unreachable') break;
      }
    } finally {
      replaying = null;
    }
  })();
  return replaying;
}
