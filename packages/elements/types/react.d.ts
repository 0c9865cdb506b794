// React 19 JSX types for <cx-survey> and <cx-survey-button>. Opt in once, in any file of the app:
//   import type {} from '@cx-survey/elements/react';
// React 19 sets a prop as a property when the element has one (config={...} passes the object) and turns
// `on` + an event's exact name into a listener: oncx-submit={(e) => e.detail.id}.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CxSurvey, CxSurveyButton } from '../dist/index.js';
import type { CxEvents, ElementProperties } from './shared.js';

/** `oncx-submit`, `oncx-delivery`, ...: one listener prop per cx- event, typed with its detail. */
export type CxEventProps = { [K in keyof CxEvents as `on${K}`]?: (event: CxEvents[K]) => void };

/** The props React accepts on a cx- element: its HTML attributes, its properties and its events. */
export type CxElementProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> & ElementProperties<E> & CxEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'cx-survey': CxElementProps<CxSurvey>;
      'cx-survey-button': CxElementProps<CxSurveyButton>;
    }
  }
}
