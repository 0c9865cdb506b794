/** The outputs for the web team, each with a copy button and a plain-language note. */
import { html, nothing, type TemplateResult } from 'lit';
import type { BuilderMessageId } from './strings.js';
import type { StepContext } from './fields.js';
import { embedSnippet, entryJson, ivrText, launcherSnippet, npmSnippet, paperHtml, tokenSnippet } from './outputs.js';

export interface Output {
  key: string;
  title: BuilderMessageId;
  note: BuilderMessageId;
  text: string;
}

export function outputsOf(ctx: StepContext, scriptUrl?: string): Output[] {
  const d = ctx.draft;
  const list: Output[] = [
    { key: 'embed', title: 'out.embed', note: 'note.embed', text: embedSnippet(d, scriptUrl) },
    { key: 'npm', title: 'out.npm', note: 'note.npm', text: npmSnippet(d) },
    { key: 'launcher', title: 'out.launcher', note: 'note.launcher', text: launcherSnippet(d, scriptUrl) },
    { key: 'entry', title: 'out.entry', note: 'note.entry', text: entryJson(d) },
  ];
  if (d.entry.requireToken) list.push({ key: 'token', title: 'out.token', note: 'note.token', text: tokenSnippet(d) });
  list.push({ key: 'paper', title: 'out.paper', note: 'note.paper', text: paperHtml(d) }, { key: 'ivr', title: 'out.ivr', note: 'note.ivr', text: ivrText(d) });
  return list;
}

export function outputsTemplate(ctx: StepContext, valid: boolean, outputs: Output[], copy: (o: Output) => void, download: () => void): TemplateResult {
  return html`<section class="outputs" aria-labelledby="outputs-title">
    <h2 id="outputs-title">${ctx.t('outputs')}</h2>
    ${valid
      ? outputs.map(
          (o) => html`<div class="output" data-output=${o.key}>
            <h3 id=${`out-${o.key}`}>${ctx.t(o.title)}</h3>
            <p id=${`note-${o.key}`}>${ctx.t(o.note, { id: ctx.draft.entry.id })}</p>
            <pre tabindex="0" aria-labelledby=${`out-${o.key}`}><code>${o.text}</code></pre>
            <div class="buttons">
              <button type="button" aria-describedby=${`out-${o.key}`} @click=${() => copy(o)}>${ctx.t('copy')}<span class="sr-only"> ${ctx.t(o.title)}</span></button>
              ${o.key === 'entry' ? html`<button type="button" class="secondary" @click=${download}>${ctx.t('download')}</button>` : nothing}
            </div>
          </div>`,
        )
      : html`<p>${ctx.t('out.invalid')}</p>`}
  </section>`;
}
