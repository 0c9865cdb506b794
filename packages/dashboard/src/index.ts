export { CxDashboard } from './dashboard.js';
export { CxChart } from './chart.js';
