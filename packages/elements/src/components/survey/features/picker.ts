import { css, html, type TemplateResult } from 'lit';
import type { SurveyView } from '../templates/view.js';

// Loaded only by surveys with a `languages` list: the language picker.

/** Each language named in itself, so a respondent finds their own. */
function nameOf(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function pickerTemplate({ tr, on }: SurveyView, locales: string[]): TemplateResult {
  return html`<div part="languages" class="languages">
    <label for="language">${tr.msg('language')}</label>
    <select id="language" @change=${(e: Event) => on.pick((e.target as HTMLSelectElement).value)}>
      ${locales.map((l) => html`<option value=${l} lang=${l} ?selected=${l === tr.locale}>${nameOf(l)}</option>`)}
    </select>
  </div>`;
}

export const styles = css`
  .languages { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; margin-bottom: var(--_s); }
  select { min-height: 44px; min-width: 44px; font: inherit; padding: 0.25em 0.5em; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--cx-color-background, #fff); color: inherit; }
`;
