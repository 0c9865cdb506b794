// An app's own entry point: importing the package defines <cx-survey> and <cx-survey-button>.
// The bundler resolves @cx-survey/elements and its dependencies from node_modules and splits the
// delivery code and each language into lazy chunks, as the package's dynamic imports ask.
import '@cx-survey/elements';

const survey = document.querySelector('cx-survey');
const status = document.getElementById('submitted');
survey.addEventListener('cx-submit', (e) => {
  status.textContent = e.detail.recorded ? `Response ${e.detail.id} submitted.` : 'Nothing was answered.';
});
