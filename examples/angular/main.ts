// Angular without its CLI: a standalone component compiled in the browser (JIT, hence the
// @angular/compiler import first), zoneless change detection, and CUSTOM_ELEMENTS_SCHEMA so the
// template may use <cx-survey>. [config] sets the element's property; (cx-submit) listens to its event.
import '@angular/compiler';
import { Component, CUSTOM_ELEMENTS_SCHEMA, enableProdMode, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import '@cx-survey/elements';
import type { CxSubmitEvent } from '@cx-survey/elements';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <cx-survey service="demo-apps" agency="Example Agency" endpoint="/v1/responses" [config]="config" (cx-submit)="onSubmit($event)" pra-control-number="1234-5678" pra-expiration="2099-12-31"></cx-survey>
    <p id="submitted" role="status">{{ submitted() }}</p>
  `,
})
class App {
  readonly config = {
    drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other'],
    questions: [
      {
        id: 'visit',
        type: 'single',
        label: 'What did you come to do today?',
        options: [
          { value: 'renew', label: 'Renew a document' },
          { value: 'question', label: 'Ask a question' },
        ],
      },
    ],
  };
  readonly submitted = signal('');

  onSubmit({ detail }: CxSubmitEvent): void {
    this.submitted.set(detail.recorded ? `Response ${detail.id} submitted.` : 'Nothing was answered.');
  }
}

enableProdMode();
bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((err) => console.error(err));
