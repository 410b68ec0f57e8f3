// Files in the browser: save an export (or a file made in the page) under its name, show a PDF in a new tab.
import { getFile, type QueryValue } from '@/utils/request'

/** Downloads `url` (GET, with the session) and saves it as the server's file name or `fallbackName`. */
export async function downloadFile(url: string, params: Record<string, QueryValue>, fallbackName: string): Promise<void> {
  const file = await getFile(url, { params })
  saveBlob(file.blob, file.filename || fallbackName)
}

/** Saves a blob made in the page (or fetched) as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000)
}

/**
 * Shows a PDF from the API in a new tab. The tab is opened at once (inside the click, so no popup
 * blocker objects) and pointed at the file once it has arrived; on an error it is closed again and
 * the message shown here.
 */
export async function openPdf(url: string, fallbackName: string): Promise<void> {
  const tab = window.open('', '_blank')
  try {
    const file = await getFile(url)
    const pdf = new Blob([file.blob], { type: 'application/pdf' })
    if (!tab || tab.closed) {
      // A popup blocker won: save the file instead.
      saveBlob(pdf, file.filename || fallbackName)
      return
    }
    const blobUrl = URL.createObjectURL(pdf)
    tab.location.href = blobUrl
    setTimeout(() => URL.revokeObjectURL(blobUrl), 300_000)
  } catch (error) {
    tab?.close()
    throw error
  }
}
