import { css, html, type TemplateResult } from 'lit';
import type { Translator } from '../../../internal/localize.js';
import type { SurveyView } from '../templates/view.js';

// Loaded only by surveys with a `languages` list: the language picker.

/** Each language named in itself, so a respondent finds their own (browsers' Intl.DisplayNames lacks some, e.g. Haitian Creole). */
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Español',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  vi: 'Tiếng Việt',
  ko: '한국어',
  tl: 'Tagalog',
  ru: 'Русский',
  ar: 'العربية',
  ht: 'Kreyòl ayisyen',
  fr: 'Français',
  pt: 'Português',
};

/** Said through the live region after a switch, in the new language: "Idioma: Español". */
export const languageSwitched = (tr: Translator) => `${tr.msg('language')}: ${LANGUAGE_NAMES[tr.locale] ?? tr.locale}`;

export function pickerTemplate({ tr, on }: SurveyView, locales: string[]): TemplateResult {
  return html`<div part="languages" class="languages">
    <label for="language">${tr.msg('language')}</label>
    <select id="language" @change=${(e: Event) => on.pick((e.target as HTMLSelectElement).value)}>
      ${locales.map((l) => html`<option value=${l} lang=${l} ?selected=${l === tr.locale}>${LANGUAGE_NAMES[l] ?? l}</option>`)}
    </select>
  </div>`;
}

export const styles = css`
  .languages { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; margin-bottom: var(--_s); }
  select { min-height: 44px; min-width: 44px; font: inherit; padding: 0.25em 0.5em; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--cx-color-background, #fff); color: inherit; }
`;
