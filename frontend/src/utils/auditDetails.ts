// The operation log's details are read into Chinese lines by Go (backend/audit Lines); the page
// shows those. prettyJSON is for the 原始数据 view of what was stored.

/** prettyJSON shows the stored details indented; plain text stays as it is. */
export function prettyJSON(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2)
  } catch {
    return details
  }
}
