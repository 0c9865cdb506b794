/**
 * Every cx- event bubbles out of the shadow root and carries when it happened
 * and which service it is about, so a page's own analytics (A-11 280.5) can
 * listen once on document. Each event has a module of its own that declares
 * its detail and registers its name in GlobalEventHandlersEventMap (which
 * HTMLElementEventMap, DocumentEventMap and WindowEventMap extend), so
 * `addEventListener('cx-submit', (e) => e.detail.id)` type-checks for a page.
 */
export interface CxEventBase {
  service: string;
  /** ISO 8601 instant. */
  timestamp: string;
}

/** The cx- events a page can listen for. */
export type CxEventName = Extract<keyof GlobalEventHandlersEventMap, `cx-${string}`>;
/** The detail of a cx- event, as the page receives it. */
export type CxEventDetail<K extends CxEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;
/** What the emitter gives: the detail without the timestamp, which `emit` adds. */
type Given<D> = D extends unknown ? Omit<D, 'timestamp'> : never;

/** Dispatches one of the registered cx- events from `target`, bubbling and composed, stamped with the time. */
export function emit<K extends CxEventName>(target: EventTarget, name: K, detail: Given<CxEventDetail<K>>): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, detail: { ...detail, timestamp: new Date().toISOString() } }),
  );
}
