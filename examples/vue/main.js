// Vue 3: tell the template compiler that cx- tags are custom elements; :config binds the object as a
// property (the element has one), @cx-submit listens to the element's event.
import { createApp, ref } from 'vue';
import '@cx-survey/elements';

const app = createApp({
  setup() {
    const submitted = ref('');
    const config = {
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
    const onSubmit = (e) => {
      submitted.value = e.detail.recorded ? `Response ${e.detail.id} submitted.` : 'Nothing was answered.';
    };
    return { submitted, config, onSubmit };
  },
  template: `
    <cx-survey service="demo-apps" agency="Example Agency" endpoint="/v1/responses" pra-control-number="1234-5678" pra-expiration="2099-12-31" :config="config" @cx-submit="onSubmit"></cx-survey>
    <p id="submitted" role="status">{{ submitted }}</p>
  `,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('cx-');
app.mount('#app');
