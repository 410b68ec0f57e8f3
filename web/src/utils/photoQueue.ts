// Photos that could not be uploaded (no signal, a network error, a server error) wait in IndexedDB — the image
// itself and where it goes — and are sent again when the browser comes back online and on a timer with
// backoff. A refusal (4xx: too large, not an image, the sheet submitted meanwhile) is not retried: its Chinese
// message is shown and the photo dropped. Pages count what waits for their record and hear of late uploads.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { uploadPhoto, type Photo } from '@/api/photos'
import { ApiError } from './request'
import { idbAll, idbDelete, idbPut } from './idb'

export interface QueuedPhoto {
  id?: number
  /** The upload URL (…/deductions/{clause}/photos, …/findings/{clause}/photos). */
  url: string
  blob: Blob
  name: string
  attempts: number
  /** Epoch milliseconds of the next try. */
  nextAt: number
  createdAt: number
}

/** What the pages see of the queue: the upload URLs waiting (one entry per photo). */
export const queuedUrls = ref<string[]>([])

type UploadedListener = (url: string, photo: Photo) => void
const listeners = new Set<UploadedListener>()

/** Calls `listener` whenever a queued photo got uploaded; returns the unsubscribe. */
export function onQueuedUpload(listener: UploadedListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const FIRST_RETRY_MS = 5_000
const MAX_RETRY_MS = 5 * 60_000
const TICK_MS = 5_000

/** Network failures (status 0), 5xx, 408/429 and an expired session (the user signs in again) are retried. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429
}

async function refresh(): Promise<void> {
  const all = await idbAll<QueuedPhoto>('photoQueue')
  queuedUrls.value = all.map((q) => q.url)
}

/** Keeps a photo for a later try; resolves false when the browser cannot keep it either. */
export async function enqueuePhoto(url: string, file: Blob, name = ''): Promise<boolean> {
  start()
  const now = Date.now()
  const key = await idbPut('photoQueue', { url, blob: file, name, attempts: 1, nextAt: now + FIRST_RETRY_MS, createdAt: now })
  await refresh()
  return key !== undefined
}

let running = false

/** Tries every photo that is due (all of them with `force`, e.g. on the `online` event). */
export async function processQueue(force = false): Promise<void> {
  if (running) return
  running = true
  try {
    const all = await idbAll<QueuedPhoto>('photoQueue')
    for (const item of all) {
      if (!force && item.nextAt > Date.now()) continue
      if (typeof navigator !== 'undefined' && navigator.onLine === false) break
      try {
        // No re-login prompt from a background try: the page the user is on brings it if needed.
        const photo = await uploadPhoto(item.url, item.blob, { authRedirect: false })
        await idbDelete('photoQueue', item.id!)
        for (const listener of listeners) listener(item.url, photo)
      } catch (error) {
        if (isRetryable(error)) {
          const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** item.attempts)
          await idbPut('photoQueue', { ...item, attempts: item.attempts + 1, nextAt: Date.now() + wait })
        } else {
          await idbDelete('photoQueue', item.id!)
          const reason = error instanceof ApiError ? error.message : '照片上传失败'
          ElMessage.error(`待上传的照片${item.name ? `“${item.name}”` : ''}未能上传：${reason}`)
        }
      }
    }
  } finally {
    running = false
    await refresh()
  }
}

let started = false

/** Starts the retries (once per page load): on `online`, and every few seconds for what is due. */
export function start(): void {
  if (started || typeof window === 'undefined') return
  started = true
  window.addEventListener('online', () => void processQueue(true))
  setInterval(() => {
    if (queuedUrls.value.length > 0) void processQueue()
  }, TICK_MS)
  void refresh().then(() => processQueue())
}

/**
 * Uploads a photo now; on a retryable failure it is queued (resolves 'queued'), on a refusal the server's
 * message is shown (resolves 'refused').
 */
export async function sendPhoto(url: string, file: File | Blob): Promise<Photo | 'queued' | 'refused'> {
  start()
  const name = file instanceof File ? file.name : ''
  try {
    return await uploadPhoto(url, file)
  } catch (error) {
    if (isRetryable(error)) {
      const kept = await enqueuePhoto(url, file, name)
      if (kept) ElMessage.warning('照片暂未上传成功，已保存在本机，将自动重试上传')
      else ElMessage.error('照片上传失败，且本机无法暂存，请稍后重试')
      return kept ? 'queued' : 'refused'
    }
    ElMessage.error(error instanceof ApiError ? error.message : '照片上传失败')
    return 'refused'
  }
}
