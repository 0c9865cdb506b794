// The element and protocol declarations at the lowest supported TypeScript (5.0), strict, skipLibCheck off.
import '@cx-survey/elements';
import type { CxSurvey, ResponseRecord } from '@cx-survey/elements';
import { checkRecord } from '@cx-survey/protocol';
import recordSchema from '@cx-survey/protocol/record.schema.json';

export const survey: CxSurvey | null = document.querySelector('cx-survey');
export const button = document.querySelector('cx-survey-button');
export const problems = (record: ResponseRecord) => checkRecord(record).length;
export const required: string[] = recordSchema.required;
