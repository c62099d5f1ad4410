// index.html draws a start screen (#jk-boot) from the window's first paint, before the app's
// stylesheet and script have been read. It stays over the app until the app has a screen of its own
// to show (the first page, the sign-in or setup screen, or the error with its retry), so the user
// never sees a blank window or a half-built page in between.

export const BOOT_ID = 'jk-boot'

/** bootDone removes the start screen; later calls do nothing. */
export function bootDone(doc: Document = document) {
  doc.getElementById(BOOT_ID)?.remove()
}
