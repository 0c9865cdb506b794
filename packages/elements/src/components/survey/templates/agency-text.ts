import { html, type TemplateResult } from 'lit';
import type { AgencyText } from '../../../internal/content.js';

/** An agency text; one not given in the language shown is marked as English, left to right and isolated. */
export function agencyText(text: AgencyText): string | TemplateResult {
  return typeof text === 'string' ? text : html`<span lang="en" dir="ltr">${text.en}</span>`;
}
