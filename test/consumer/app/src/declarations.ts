// Every declaration the packages ship compiles, strict with skipLibCheck off, before any of it is used: the
// package types, the React and Vue declarations, the JSON Schema export. (Newest TypeScript: React's and
// Vue's own types need 5.4 or later.)
import type {} from '@cx-survey/elements/react';
import type {} from '@cx-survey/elements/vue';
import type { GlobalComponents } from 'vue';
import type { JSX } from 'react';
export * from './declarations-lowest.js';

export const props: JSX.IntrinsicElements['cx-survey'] = { service: 'demo-thumbs', agency: 'Example Agency', kiosk: true };
export type VueSurvey = InstanceType<GlobalComponents['cx-survey']>['$props'];
export const vueProps: VueSurvey = { service: 'demo-thumbs', agency: 'Example Agency' };
