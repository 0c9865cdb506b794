// Vue 3 template types (Volar / vue-tsc) for <cx-survey> and <cx-survey-button>. Opt in once, in any file:
//   import type {} from '@cx-survey/elements/vue';
// Templates then check :config, :scale and the other properties, and type @cx-submit's event.
// The compiler must still be told these tags are custom elements: compilerOptions.isCustomElement.
import type { EmitFn, HTMLAttributes } from 'vue';
import type { CxSurvey, CxSurveyButton } from '../dist/index.js';
import type { CxEvents, ElementProperties } from './shared.js';

/** `onCx-submit`, ...: the prop Vue's `@cx-submit` listener becomes, typed with the event. */
export type CxEventProps = { [K in keyof CxEvents as `on${Capitalize<K>}`]?: (event: CxEvents[K]) => void };

/** A custom element as Vue's GlobalComponents describes a component (the pattern Vue's docs give). */
export type CxCustomElement<E extends HTMLElement> = new () => E & {
  /** For template type-checking only: do not read $props from an element ref. */
  $props: HTMLAttributes & ElementProperties<E> & CxEventProps;
  /** For template type-checking only. */
  $emit: EmitFn<{ [K in keyof CxEvents]: (event: CxEvents[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'cx-survey': CxCustomElement<CxSurvey>;
    'cx-survey-button': CxCustomElement<CxSurveyButton>;
  }
}
