// Types shared by the framework declarations (react.d.ts, vue.d.ts): derived from the element classes and
// from the events they register in HTMLElementEventMap, so they never list an attribute or event by hand.
import type { LitElement } from 'lit';

/** An element's own settable properties: not LitElement's or HTMLElement's, not methods, not read-only ones. */
export type ElementProperties<E> = {
  [K in keyof E as K extends keyof LitElement
    ? never
    : E[K] extends (...args: never[]) => unknown
      ? never
      : (<T>() => T extends { [Q in K]: E[K] } ? 1 : 2) extends <T>() => T extends { -readonly [Q in K]: E[K] } ? 1 : 2
        ? K
        : never]?: E[K];
};

/** Every `cx-` event in HTMLElementEventMap, by name. */
export type CxEvents = {
  [K in keyof HTMLElementEventMap as K extends `cx-${string}` ? K : never]: HTMLElementEventMap[K];
};
