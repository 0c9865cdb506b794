import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDraft, cleanEntry, draftProblems, encodeDraft, decodeDraft, type Draft } from './draft.js';
import { embedSnippet, launcherSnippet, servicesFile, ivrText, paperHtml, CDN_URL } from './outputs.js';

function complete(): Draft {
  const d = newDraft();
  Object.assign(d.entry, { id: 'passport-renewal', name: 'Passport renewal', agency: 'Example Agency', pra: { controlNumber: '1234-5678', expiration: '2099-12-31' }, origins: ['https://www.example.gov', ''] });
  d.page.endpoint = 'https://collector.example.gov/';
  return d;
}

test('a new draft lists what is missing; a complete one has no problems', () => {
  const paths = draftProblems(newDraft()).map((p) => p.path);
  for (const p of ['id', 'agency', 'pra.controlNumber', 'pra.expiration']) assert.ok(paths.includes(p), `${p} in ${paths}`);
  assert.deepEqual(draftProblems(complete()), []);
});

test('the services entry leaves out blank settings and the cut of a thumbs survey', () => {
  const d = complete();
  d.entry.positiveCut = 4;
  d.entry.q1Wording = '';
  const entry = cleanEntry(d.entry);
  assert.deepEqual(entry.origins, ['https://www.example.gov']);
  assert.equal('positiveCut' in entry, false);
  assert.equal('q1Wording' in entry, false);
  assert.equal(JSON.parse(servicesFile(d)).services[0].id, 'passport-renewal');
});

test('the embed snippet names the service and the collector; the page settings are attributes', () => {
  const d = complete();
  assert.equal(embedSnippet(d), `<script type="module" src="${CDN_URL}"></script>\n<cx-survey service="passport-renewal" endpoint="https://collector.example.gov/v1/responses"></cx-survey>\n`);
  Object.assign(d.page, { languages: ['en', 'es'], labels: 'short', kiosk: true, location: 'office-7', burden: 'About "1" minute.' });
  assert.match(embedSnippet(d, '/cx.js'), /src="\/cx.js"[\s\S]*languages="en es" labels="short" pra-burden="About &quot;1&quot; minute." kiosk location="office-7"/);
  assert.match(launcherSnippet(d), /<cx-survey-button placement="corner">\n  <cx-survey /);
});

test('paper and IVR versions come from the protocol renderers; IVR leaves out Q3', () => {
  const d = complete();
  assert.match(paperHtml(d), /<!doctype html>[\s\S]*Example Agency/i);
  const ivr = ivrText(d);
  assert.match(ivr, /Example Agency/);
  assert.doesNotMatch(ivr, /Anything else you want us to know/);
});

test('a draft survives the URL hash round trip, accents included', () => {
  const d = complete();
  d.entry.wording = { es: { agency: 'Agencia de Ejemplo — Señal' } };
  assert.deepEqual(decodeDraft(encodeDraft(d)), d);
  assert.equal(decodeDraft('not-base64!'), undefined);
});
