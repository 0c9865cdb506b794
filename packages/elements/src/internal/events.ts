/**
 * Every cx- event bubbles out of the shadow root and carries when it happened
 * and which service it is about, so a page's own analytics (A-11 280.5) can
 * listen once on document.
 */
export interface CxEventBase {
  service: string;
  /** ISO 8601 instant. */
  timestamp: string;
}

export function emit<T extends object>(host: HTMLElement, name: string, detail: T & { service: string }): boolean {
  return host.dispatchEvent(
    new CustomEvent(name, {
      bubbles: true,
      composed: true,
      cancelable: false,
      detail: { ...detail, timestamp: new Date().toISOString() },
    }),
  );
}
