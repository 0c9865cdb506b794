// React 19 passes props to custom elements as properties when the element has them (config is an
// object, not an attribute string) and turns on<event> props into listeners for that exact event name.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@cx-survey/elements';

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

function App() {
  const [submitted, setSubmitted] = useState(null);
  return (
    <>
      <cx-survey service="demo-apps" agency="Example Agency" endpoint="/v1/responses" pra-control-number="1234-5678" pra-expiration="2099-12-31" config={config} oncx-submit={(e) => setSubmitted(e.detail)} />
      <p id="submitted" role="status">
        {submitted ? (submitted.recorded ? `Response ${submitted.id} submitted.` : 'Nothing was answered.') : ''}
      </p>
    </>
  );
}

createRoot(document.getElementById('app')).render(<App />);
