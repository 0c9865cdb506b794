/**
 * The phone / IVR script (plain text for a live interviewer, SSML for a speech engine) and the
 * text-message flow, from a SurveyScript. Keypad and reply numbers are positions in the list;
 * the operator notes (English, for the agency's vendor) say how each maps to the import file.
 */
import { fill } from '../a11.js';
import type { SurveyScript } from './wording.js';

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export interface IvrStep {
  id: 'q1' | `q2a.${string}` | `q2b.${string}`;
  /** The sentences spoken, in order. */
  say: string[];
  /** Keypad digit → value for the import file (q1's value, or 1 = ticked). */
  keys: Record<string, number>;
}

/** Q1 as a keypad question, then each driver of the branch it leads to as a yes/no prompt; no Q3. */
export function ivrSteps(s: SurveyScript): IvrStep[] {
  const m = s.media;
  const q1: IvrStep = {
    id: 'q1',
    say: [s.q1, ...s.q1Options.map((o, i) => fill(m['ivr.key'], { key: i + 1, label: o.label }))],
    keys: Object.fromEntries(s.q1Options.map((o, i) => [String(i + 1), o.value as number])),
  };
  const drivers = (branch: 'positive' | 'negative'): IvrStep[] =>
    s.q2[branch].options.map((o, i) => ({
      id: `${branch === 'positive' ? 'q2a' : 'q2b'}.${o.value}` as IvrStep['id'],
      say: i === 0 ? [s.q2[branch].question, o.label, m['ivr.yesNo']] : [o.label, m['ivr.yesNo']],
      keys: { '1': 1, '2': 0 },
    }));
  return [q1, ...drivers('positive'), ...drivers('negative')];
}

export function ivrScriptText(s: SurveyScript): string {
  const steps = ivrSteps(s);
  const lines = [
    `# IVR script — ${s.service} (${s.lang})`,
    '# Operator notes: after Q1, play only the drivers of the branch it leads to (Q2a: Q1 =',
    `# ${s.q2.positive.after.map((o) => o.value).join('/')}; Q2b: Q1 = ${s.q2.negative.after.map((o) => o.value).join('/')}). No key or a timeout skips a question. Q3 is not asked.`,
    '# Import: q1 = the value after "=", q2a / q2b = the drivers answered 1 (yes), separated by ";".',
    '',
    fill(s.media['ivr.intro'], { agency: s.agency }),
    '',
  ];
  for (const step of steps) {
    lines.push(`[${step.id}]  keys: ${Object.entries(step.keys).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    for (const say of step.say) lines.push(`  ${say}`);
    lines.push('');
  }
  lines.push(s.thanks, '');
  if (s.pra) lines.push(s.pra.line, '');
  return lines.join('\n');
}

/** SSML 1.1, one <p> per step; the step id is a <mark> a VoiceXML / IVR platform can jump to. */
export function ivrScriptSsml(s: SurveyScript): string {
  const p = (id: string, sentences: string[]) => `  <p><mark name="${xml(id)}"/>${sentences.map((t) => `<s>${xml(t)}</s>`).join('')}</p>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${xml(s.lang)}">`,
    p('intro', [fill(s.media['ivr.intro'], { agency: s.agency })]),
    ...ivrSteps(s).map((step) => `${p(step.id, step.say)}\n  <break time="300ms"/>`),
    p('thanks', [s.thanks, ...(s.pra ? [s.pra.line] : [])]),
    '</speak>',
    '',
  ].join('\n');
}

/** The text-message flow: Q1 as a numbered reply, then the branch's drivers as numbered replies, then Q3. */
export function smsFlowText(s: SurveyScript): string {
  const m = s.media;
  const numbered = (labels: string[]) => labels.map((l, i) => `${i + 1} ${l}`);
  const out = [
    `# Text-message flow — ${s.service} (${s.lang})`,
    '# One message per step. Replies: q1 = the value after "=" for the number sent; q2a / q2b = the drivers',
    '# whose numbers were sent. Anything else: send the step again once, then move on (the question is skipped).',
    '',
    '[1: Q1]',
    fill(m['ivr.intro'], { agency: s.agency }),
    s.q1,
    ...numbered(s.q1Options.map((o) => o.label)),
    m['sms.one'],
    `  (${s.q1Options.map((o, i) => `${i + 1}=${o.value}`).join(' ')})`,
    '',
  ];
  for (const [branch, tag] of [['positive', '2a'], ['negative', '2b']] as const) {
    const b = s.q2[branch];
    out.push(`[${tag}: after Q1 = ${b.after.map((o) => o.value).join('/')}]`, b.question, ...numbered(b.options.map((o) => o.label)), m['sms.multi']);
    out.push(`  (${b.options.map((o, i) => `${i + 1}=${o.value}`).join(' ')})`, '');
  }
  if (s.q3 !== null) out.push('[3: Q3]', s.q3, m['sms.text'], '');
  out.push('[end]', s.thanks, ...(s.pra ? [s.pra.line] : []), '');
  return out.join('\n');
}
