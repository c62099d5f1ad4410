// Progress of long work (import, export, backup) arrives as events: Wails events in the window,
// Server-Sent Events through bridge.js in a browser. Both expose window.runtime.EventsOnMultiple.

type Runtime = {
  EventsOnMultiple?: (name: string, cb: (...data: unknown[]) => void, max: number) => (() => void) | void
}

/** onEvent subscribes to every event called name and returns the function that unsubscribes. */
export function onEvent<T = unknown>(name: string, cb: (data: T) => void): () => void {
  const rt = (window as unknown as { runtime?: Runtime }).runtime
  if (!rt?.EventsOnMultiple) return () => {}
  const off = rt.EventsOnMultiple(name, (...data: unknown[]) => cb(data[0] as T), -1)
  return typeof off === 'function' ? off : () => {}
}
