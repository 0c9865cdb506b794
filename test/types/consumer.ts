// Compiles only if a page's TypeScript knows each cx- event's detail, and the
// element's properties carry the protocol's unions. Nothing runs: `tsc` is the test.
import '@cx-survey/elements';
import type { CxSubmitEvent, Scale } from '@cx-survey/elements';

const survey = document.querySelector('cx-survey')!;

survey.addEventListener('cx-submit', (e) => {
  const id: string | null = e.detail.id;
  const recorded: boolean = e.detail.recorded;
  if (e.detail.recorded) {
    const sure: string = e.detail.id; // narrowed by `recorded`
    void sure;
  }
  void [id, recorded];
});
survey.addEventListener('cx-delivery', (e) => {
  if (e.detail.status === 'retrying') void e.detail.nextAttemptAt.toUpperCase();
  // @ts-expect-error: only 'retrying' carries attempts
  void e.detail.attempts;
});
document.addEventListener('cx-error', (e) => {
  if (e.detail.code === 'config') void e.detail.problems.map((p) => p.path);
});
window.addEventListener('cx-dead-letter', (e) => void e.detail.reason);
document.querySelector('cx-survey-button')!.addEventListener('cx-open', (e) => void e.detail.timestamp);

const typed: (e: CxSubmitEvent) => void = (e) => void e.detail.service;
survey.addEventListener('cx-submit', typed);

const scale: Scale = 'five-point';
survey.scale = scale;
// @ts-expect-error: not a scale the protocol knows
survey.scale = 'seven-point';
// @ts-expect-error: read-only
survey.resolvedConfig = undefined;
// @ts-expect-error: read-only
survey.problems = [];
