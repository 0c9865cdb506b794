// Path 3 of docs/getting-started.md: React 19, with the package's JSX types.
import type {} from '@cx-survey/elements/react';
import type { SurveyConfigInput } from '@cx-survey/elements';
import '@cx-survey/elements';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const config: SurveyConfigInput = { drivers: ['effectiveness', 'ease', 'efficiency', 'transparency', 'humanity', 'employee', 'other'] };

function App() {
  const [id, setId] = useState<string | null>(null);
  return (
    <>
      <cx-survey service="demo-thumbs" agency="Example Agency" endpoint="/v1/responses" config={config} oncx-submit={(e) => setId(e.detail.id)} />
      <p id="submitted" role="status">{id ? `Response ${id} submitted.` : ''}</p>
    </>
  );
}

// Type-checked, never rendered.
// @ts-expect-error 'bogus' is not a scale
export const Bogus = () => <cx-survey scale="bogus" />;

createRoot(document.getElementById('app')!).render(<App />);
