// Photo evidence (拍照取证) API: a photo is uploaded as the raw image body to the clause it documents — a
// deduction of the self-sheet or the review-sheet, or an authority's spot-check finding — and shown through
// its display and thumbnail URLs (the session cookie goes along with <img src>). Deleting is allowed while
// the sheet or finding is editable by the caller (409 afterwards).
import { http, type RequestOptions } from '@/utils/request'
import type { Id } from '@/api/auth'

/** A photo as the records list it. */
export interface PhotoRef {
  id: Id
  /** "/api/photos/{id}" (display version, watermarked). */
  url: string
  /** "/api/photos/{id}/thumbnail" */
  thumbnail_url: string
  /** ISO instants, or null (no EXIF capture time). */
  taken_at: string | null
  /** The uploader's name. */
  uploaded_by?: string
  uploaded_at?: string | null
}

/** The answer to an upload. */
export interface Photo extends PhotoRef {
  width: number
  height: number
  bytes: number
  sha256: string
}

/** What a photo documents. */
export type PhotoTargetKind = 'self' | 'review' | 'finding'

export interface PhotoTarget {
  kind: PhotoTargetKind
  monthlyId: Id
  clause: string
}

/** At most this many photos per clause (the server refuses the 10th). */
export const MAX_PHOTOS_PER_CLAUSE = 9

const SEGMENT: Record<PhotoTargetKind, string> = {
  self: 'self-sheet/deductions',
  review: 'review-sheet/deductions',
  finding: 'spot-check/findings',
}

export function photoUploadUrl(target: PhotoTarget): string {
  return `/api/monthly/${target.monthlyId}/${SEGMENT[target.kind]}/${encodeURIComponent(target.clause)}/photos`
}

/**
 * Uploads one photo. The caller handles every refusal itself (the queue tells a network failure, status 0,
 * or a 5xx, which it retries, from a 4xx, whose Chinese message it shows).
 */
export function uploadPhoto(url: string, file: Blob, options: RequestOptions = {}) {
  return http.upload<Photo>(url, file, { handled: true, ...options })
}

/** 删除照片 (409 once the sheet or finding is submitted: shown by the caller). */
export function deletePhoto(id: Id) {
  return http.delete<null>(`/api/photos/${id}`, { handled: [409] })
}
