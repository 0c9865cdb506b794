// Checks every locale module against the English (@cx-survey/protocol's ENGLISH)
// and how requested language tags resolve to the survey's languages. That each
// locale has exactly the English's ids is checked by the compiler (Templates).
// Run from the repository root: npm run test:unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGLISH, type MessageId, type Templates } from '@cx-survey/protocol';
import { matchLocale, resolveLocale, SUPPORTED_LOCALES } from './locales.js';

const localesDir = fileURLToPath(new URL('../../../protocol/src/locales/', import.meta.url));
const english = new Map(Object.entries(ENGLISH) as Array<[MessageId, string]>);

/** Texts that are right to leave as the English: locale → ids. Keep it short, and say why. */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: ['subject.service'], // "service" is the French word too
};

const localeFiles = readdirSync(localesDir).filter((f) => f.endsWith('.ts')).sort();
const locales = new Map<string, { templates: Templates; source: string }>();
for (const file of localeFiles) {
  const mod = (await import(pathToFileURL(localesDir + file).href)) as { templates: Templates };
  locales.set(file.slice(0, -3), { templates: mod.templates, source: readFileSync(localesDir + file, 'utf8') });
}

/** `{name}` placeholders, filled by the element (`{agency}`, `{left}`, …). */
const namedPlaceholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the English has the survey messages', () => {
  assert.ok(english.size >= 70, `only ${english.size} messages`);
  assert.equal(english.get('q1.interaction'), 'This interaction increased my trust in {agency}.');
});

test('there is one locale module per supported language besides English', () => {
  assert.deepEqual([...locales.keys()].sort(), SUPPORTED_LOCALES.filter((l) => l !== 'en').sort());
});

for (const [locale, { templates, source }] of locales) {
  test(`${locale}: starts with a comment naming the language and the PRA review note`, () => {
    const first = source.split('\n')[0];
    assert.match(first, /^\/\/ \S.*\. Agencies must review this wording with their PRA submission\.$/);
  });

  test(`${locale}: says below it who reviewed it against the English, and why lines read as they do`, () => {
    const [, second, third, reason] = source.split('\n');
    assert.match(second, /^\/\/ Reviewed line by line against the English/);
    assert.match(third ?? '', /Reasons:$/);
    assert.match(reason ?? '', /^\/\/ {3}\S/);
  });

  test(`${locale}: has exactly the catalog's ids`, () => {
    const ids = Object.keys(templates);
    const missing = [...english.keys()].filter((id) => !(id in templates));
    const extra = ids.filter((id) => !english.has(id));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  });

  test(`${locale}: placeholders match the English`, () => {
    for (const [id, source] of english) {
      const value = templates[id];
      if (value === undefined) continue; // reported by the ids test
      assert.deepEqual(namedPlaceholders(value), namedPlaceholders(source), `${id}: {name} placeholders must be the English's`);
    }
  });

  test(`${locale}: every text is translated and non-empty`, () => {
    const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
    for (const [id, source] of english) {
      const value = templates[id];
      if (value === undefined) continue;
      const text = value;
      assert.ok(text.trim().length > 0, `${id} is empty`);
      assert.equal(text, text.trim(), `${id} has leading or trailing white space`);
      if (allowed.has(id)) continue;
      assert.notEqual(text, source, `${id} is the English text; translate it or allowlist it with a reason`);
    }
  });

  test(`${locale}: texts in parentheses in English stay in parentheses`, () => {
    for (const [id, source] of english) {
      const value = templates[id];
      if (value === undefined || !(source.startsWith('(') && source.endsWith(')'))) continue;
      assert.match(value, /^[(（].*[)）]$/s, `${id} should keep its parentheses`);
    }
  });
}

test('matchLocale maps regional and script tags to the supported languages', () => {
  const cases: Array<[string | null | undefined, string | undefined]> = [
    ['es', 'es'],
    ['es-US', 'es'],
    ['es-419', 'es'],
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['fil-PH', 'tl'],
    ['fil', 'tl'],
    ['tl', 'tl'],
    ['pt-BR', 'pt'],
    ['fr-CA', 'fr'],
    ['ar-EG', 'ar'],
    ['EN-us', 'en'],
    ['de-DE', undefined],
    ['de', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ];
  for (const [tag, expected] of cases) assert.equal(matchLocale(tag), expected, `matchLocale(${JSON.stringify(tag)})`);
});

test('resolveLocale takes the first candidate the survey speaks, else English', () => {
  assert.equal(resolveLocale(['es-US']), 'es');
  assert.equal(resolveLocale(['zh-TW']), 'zh-Hant');
  assert.equal(resolveLocale(['de-DE', 'es']), 'es');
  assert.equal(resolveLocale(['de']), 'en');
  assert.equal(resolveLocale([]), 'en');
  assert.equal(resolveLocale(['', undefined, null, 'fr-CA']), 'fr');
  assert.equal(resolveLocale([undefined, 'ko-KR', 'vi']), 'ko');
});
