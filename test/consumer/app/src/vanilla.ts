// Path 2 of docs/getting-started.md: npm + a bundler (Vite), in strict TypeScript.
import '@cx-survey/elements';
import type { ResponseRecord } from '@cx-survey/elements';
import recordSchema from '@cx-survey/protocol/record.schema.json';

const survey = document.querySelector('cx-survey');
const status = document.getElementById('submitted');
if (!survey || !status) throw new Error('index.html has a <cx-survey> and a #submitted');

survey.addEventListener('cx-submit', (e) => {
  const id: string | null = e.detail.id;
  status.textContent = id ? `Response ${id} submitted.` : 'Nothing was answered.';
});

// @ts-expect-error 'bogus' is not a scale
survey.scale = 'bogus';
survey.scale = 'thumbs';

// The record type and its published JSON Schema name the same fields.
const required: Array<keyof ResponseRecord> = ['id', 'service', 'q1'];
if (!required.every((field) => recordSchema.required.includes(field))) throw new Error('schema and type disagree');
