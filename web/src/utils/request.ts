// The single HTTP module of the SPA: JSON over fetch with the session cookie, the CSRF header,
// a duplicate-submit guard, the server's error envelope shown in Chinese, and the 401 re-login prompt.
import { ElMessage, ElMessageBox } from 'element-plus'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** The error envelope's `details`; known shapes are typed, anything else passes through. */
export interface ErrorDetails {
  /** 422: per-field reasons, `{ "fieldPath": "中文原因" }`. */
  fields?: Record<string, string>
  /** 422 on imports: every problem with its JSON path. */
  problems?: { path: string; reason: string }[]
  /** 429: seconds until the caller may try again. */
  retry_after?: number
  /** 403 during a password login's setup: the stage still to do (second_factor, change_password, …). */
  setup?: string
  [key: string]: unknown
}

/** An answer that is not 2xx, or a request that never got one (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetails

  constructor(status: number, code: string, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

export type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions {
  /** Query string; empty, null and undefined values are left out. */
  params?: Record<string, QueryValue>
  /** JSON-encoded as the body. */
  body?: unknown
  /** A body already in JSON text (e.g. an uploaded file sent as is). */
  rawBody?: string
  /** A binary body sent as is (a photo), with its own Content-Type (see upload()). */
  binary?: { body: Blob; type: string }
  /**
   * The caller shows these errors itself: `true` for all of them, or a list of HTTP statuses.
   * Unhandled errors are shown with ElMessage. The promise rejects with ApiError either way.
   * (An expired session, 401, always brings the re-login prompt unless `authRedirect` is false.)
   */
  handled?: boolean | number[]
  /**
   * A 401 normally means "session expired" and sends the user to the login page. Login endpoints
   * and the start-up session probe turn this off: for them 401 is an ordinary answer.
   */
  authRedirect?: boolean
  /** Milliseconds before the request is abandoned. */
  timeout?: number
}

const DEFAULT_TIMEOUT_MS = 30_000

// The CSRF token is bound to the server-side session and learned from /api/me (or a login answer).
let csrfToken: string | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

// Requests that are made before a session exists, so they carry no CSRF token.
const CSRF_EXEMPT = new Set([
  '/api/auth/password',
  '/api/auth/certificate',
  '/api/auth/sms-code',
  '/api/auth/sms-login',
])

/** Called on 401 (after the prompt) so the app can clear the user and route to the login page. */
let onUnauthorized: (() => void) | null = null
let reloginPromptOpen = false

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

/**
 * Called on a 403 that names the login's unfinished setup stage (`details.setup`): the session is not whole
 * yet (e.g. its password expired meanwhile), so the app goes to the setup page.
 */
let onSetupRequired: ((stage: string) => void) | null = null

export function setSetupRequiredHandler(handler: (stage: string) => void): void {
  onSetupRequired = handler
}

/**
 * Called after every successful state-changing request (POST/PUT/DELETE other than logins and the sheets'
 * previews), so that what depends on the records' states (the to-do badges) is read again at once.
 */
let onWrite: ((method: HttpMethod, path: string) => void) | null = null

export function setWriteHandler(handler: (method: HttpMethod, path: string) => void): void {
  onWrite = handler
}

// Writes that change no record: the sign-ins (the session is new anyway) and the live score previews.
function changesRecords(method: HttpMethod, path: string, params?: Record<string, QueryValue>): boolean {
  return method !== 'GET' && !path.startsWith('/api/auth/') && !params?.preview
}

// Keys of non-GET requests in flight: a second identical submit (double click) is refused.
const inFlight = new Set<string>()

function buildUrl(url: string, params?: Record<string, QueryValue>): string {
  if (!params) return url
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    search.append(key, String(value))
  }
  const query = search.toString()
  if (!query) return url
  return url + (url.includes('?') ? '&' : '?') + query
}

function isHandled(handled: RequestOptions['handled'], status: number): boolean {
  if (handled === true) return true
  return Array.isArray(handled) && handled.includes(status)
}

// Remembers the CSRF token from the answers that carry the session's identity.
function rememberCsrf(path: string, data: unknown): void {
  if (!data || typeof data !== 'object') return
  if (path === '/api/me') {
    const token = (data as { csrf_token?: unknown }).csrf_token
    if (typeof token === 'string') csrfToken = token
    return
  }
  // The login's setup steps answer with the session's new identity too (its token may be a new one).
  if (path.startsWith('/api/auth/') || path.startsWith('/api/account/')) {
    const me = (data as { me?: { csrf_token?: unknown } }).me
    if (me && typeof me.csrf_token === 'string') csrfToken = me.csrf_token
  }
}

async function ensureCsrf(): Promise<void> {
  if (csrfToken) return
  // Best effort: after a page reload the token is only in the server's session.
  try {
    await request('GET', '/api/me', { handled: true, authRedirect: false })
  } catch {
    // The real request goes on and gets the server's own answer (401/403).
  }
}

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return undefined // not JSON (e.g. an HTML error page from a proxy)
  }
}

function toApiError(status: number, data: unknown): ApiError {
  const envelope = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error
  if (envelope && typeof envelope === 'object') {
    const code = typeof envelope.code === 'string' ? envelope.code : 'error'
    const message = typeof envelope.message === 'string' && envelope.message ? envelope.message : fallbackMessage(status)
    const details = envelope.details && typeof envelope.details === 'object' ? (envelope.details as ErrorDetails) : {}
    return new ApiError(status, code, message, details)
  }
  return new ApiError(status, 'http_' + status, fallbackMessage(status))
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 400: return '请求格式有误'
    case 401: return '未登录或登录已过期'
    case 403: return '没有执行此操作的权限'
    case 404: return '请求的数据不存在'
    case 409: return '数据已被他人修改，请刷新后重试'
    case 413: return '提交的数据过大'
    case 422: return '提交的数据未通过校验'
    case 429: return '操作过于频繁，请稍后再试'
    default: return status >= 500 ? `服务器异常（HTTP ${status}），请稍后重试` : `请求失败（HTTP ${status}）`
  }
}

function showReloginPrompt(): void {
  if (reloginPromptOpen) return
  reloginPromptOpen = true
  ElMessageBox.alert('登录已过期，请重新登录', '提示', {
    type: 'warning',
    confirmButtonText: '重新登录',
    showClose: false,
  })
    .catch(() => undefined)
    .finally(() => {
      reloginPromptOpen = false
      csrfToken = null
      onUnauthorized?.()
    })
}

/**
 * Sends one API request and resolves with the parsed JSON answer.
 * Rejects with ApiError; unless the caller handles it, the error's Chinese message is shown.
 */
export async function request<T>(method: HttpMethod, url: string, options: RequestOptions = {}): Promise<T> {
  const fullUrl = buildUrl(url, options.params)
  const path = url.split('?')[0]
  const bodyText = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))

  // Two photos to the same clause are two uploads, not a double click: binary bodies are not guarded.
  const guardKey = method === 'GET' || options.binary ? null : `${method} ${fullUrl} ${bodyText ?? ''}`
  if (guardKey && inFlight.has(guardKey)) {
    const duplicate = new ApiError(0, 'duplicate_submit', '请求正在处理中，请勿重复提交')
    ElMessage.warning(duplicate.message)
    throw duplicate
  }
  if (guardKey) inFlight.add(guardKey)

  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeout ?? DEFAULT_TIMEOUT_MS)
  try {
    const needsCsrf = method !== 'GET' && !CSRF_EXEMPT.has(path)
    if (needsCsrf) await ensureCsrf()

    const send = async (): Promise<Response> => {
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (options.binary) headers['Content-Type'] = options.binary.type
      else if (bodyText !== undefined) headers['Content-Type'] = 'application/json'
      if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
      try {
        return await fetch(fullUrl, {
          method,
          headers,
          body: options.binary?.body ?? bodyText,
          credentials: 'same-origin',
          signal: controller.signal,
        })
      } catch {
        const message = controller.signal.aborted ? '请求超时，请稍后重试' : '网络异常，无法连接服务器'
        const error = new ApiError(0, controller.signal.aborted ? 'timeout' : 'network_error', message)
        if (!isHandled(options.handled, 0)) ElMessage.error(message)
        throw error
      }
    }

    let response = await send()
    let data = await parseBody(response)
    // A stale CSRF token (the session was renewed elsewhere): read the current one and try once more.
    if (needsCsrf && response.status === 403 && toApiError(403, data).code === 'csrf_failed') {
      csrfToken = null
      await ensureCsrf()
      response = await send()
      data = await parseBody(response)
    }
    if (response.ok) {
      rememberCsrf(path, data)
      if (changesRecords(method, path, options.params)) onWrite?.(method, path)
      return data as T
    }

    const error = toApiError(response.status, data)
    if (response.status === 401 && options.authRedirect !== false) {
      // Session expiry is global: whatever the caller handles, the user must log in again.
      showReloginPrompt()
      throw error
    }
    if (!isHandled(options.handled, response.status)) ElMessage.error(error.message)
    if (response.status === 403 && typeof error.details.setup === 'string' && error.details.setup) {
      onSetupRequired?.(error.details.setup)
    }
    throw error
  } finally {
    clearTimeout(timer)
    if (guardKey) inFlight.delete(guardKey)
  }
}

/** A file answer (export, PDF): its bytes and the name the server suggests. */
export interface FileAnswer {
  blob: Blob
  /** From Content-Disposition (filename* preferred); '' when absent. */
  filename: string
  contentType: string
}

function filenameOf(disposition: string | null): string {
  if (!disposition) return ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1].trim() : ''
}

/**
 * GETs a file (Excel export, PDF) with the session cookie. Errors come as the usual JSON envelope and
 * are handled like request()'s: shown unless `handled`, 401 brings the re-login prompt.
 */
export async function getFile(url: string, options: Pick<RequestOptions, 'params' | 'handled' | 'timeout'> = {}): Promise<FileAnswer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeout ?? 120_000)
  try {
    let response: Response
    try {
      response = await fetch(buildUrl(url, options.params), { credentials: 'same-origin', signal: controller.signal })
    } catch {
      const message = controller.signal.aborted ? '请求超时，请稍后重试' : '网络异常，无法连接服务器'
      if (!isHandled(options.handled, 0)) ElMessage.error(message)
      throw new ApiError(0, controller.signal.aborted ? 'timeout' : 'network_error', message)
    }
    if (response.ok) {
      return {
        blob: await response.blob(),
        filename: filenameOf(response.headers.get('Content-Disposition')),
        contentType: response.headers.get('Content-Type') ?? '',
      }
    }
    const error = toApiError(response.status, await parseBody(response))
    if (response.status === 401) {
      showReloginPrompt()
      throw error
    }
    if (!isHandled(options.handled, response.status)) ElMessage.error(error.message)
    throw error
  } finally {
    clearTimeout(timer)
  }
}

export const http = {
  get: <T>(url: string, options?: RequestOptions) => request<T>('GET', url, options),
  post: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('POST', url, { ...options, body }),
  put: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', url, { ...options, body }),
  delete: <T>(url: string, options?: RequestOptions) => request<T>('DELETE', url, options),
  /**
   * POSTs a file as the raw body (a photo), with the file's type (application/octet-stream when the browser
   * gives none); answered and refused like the JSON requests.
   */
  upload: <T>(url: string, file: Blob, options?: RequestOptions) =>
    request<T>('POST', url, { timeout: 120_000, ...options, binary: { body: file, type: file.type || 'application/octet-stream' } }),
}

/** Page of a list endpoint (`?page=&page_size=`). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}
