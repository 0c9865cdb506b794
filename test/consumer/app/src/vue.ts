// Path 3 of docs/getting-started.md: Vue 3, with the package's GlobalComponents types.
import type {} from '@cx-survey/elements/vue';
import '@cx-survey/elements';
import { createApp, ref, type GlobalComponents } from 'vue';

// What Volar checks a template's <cx-survey :scale @cx-submit> against.
type SurveyProps = InstanceType<GlobalComponents['cx-survey']>['$props'];
const onSubmit: SurveyProps['onCx-submit'] = (e) => {
  submitted.value = e.detail.id ? `Response ${e.detail.id} submitted.` : 'Nothing was answered.';
};
// @ts-expect-error 'bogus' is not a scale
const bogus: SurveyProps = { scale: 'bogus' };
void bogus;

const submitted = ref('');
const app = createApp({
  setup: () => ({ submitted, onSubmit }),
  template: `
    <cx-survey service="demo-thumbs" agency="Example Agency" endpoint="/v1/responses" @cx-submit="onSubmit"></cx-survey>
    <p id="submitted" role="status">{{ submitted }}</p>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('cx-');
app.mount('#app');
