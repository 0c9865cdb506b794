import { readFileSync } from 'node:fs';
import { AlertConfigError, checkWebhook, parseAlertConfig, type AlertConfig } from '../alerts/rules.js';
import type { DashboardOptions } from '../http/dashboard-routes.js';

export const DASHBOARD_HELP = `dashboard and alerts (serve; docs/dashboard.md)
  --dashboard              Serve the dashboard at /dashboard/ and /v1/dashboard/*       env CX_DASHBOARD=1
                           (needs --admin-token; implied by --alerts)
  --alerts <file>          Alert rules (JSON); evaluated on a timer in this process     env CX_ALERTS
  --alert-webhook <url>    Slack/Teams incoming webhook for firings; overrides the      env CX_ALERT_WEBHOOK
                           file's "webhook"`;

export const DASHBOARD_FLAGS = {
  dashboard: { type: 'boolean' },
  alerts: { type: 'string' },
  'alert-webhook': { type: 'string' },
} as const;

/** Turns serve's dashboard flags into options; fail() reports a usage error. */
export function dashboardFromArgs(
  v: { dashboard?: boolean; alerts?: string; 'alert-webhook'?: string },
  env: NodeJS.ProcessEnv,
  services: Set<string>,
  fail: (message: string) => never,
): DashboardOptions | undefined {
  const file = v.alerts ?? env.CX_ALERTS;
  const enabled = v.dashboard || env.CX_DASHBOARD === '1' || Boolean(file);
  if (!enabled) return undefined;
  let alerts: AlertConfig | undefined;
  try {
    if (file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        return fail(`cannot read alerts file ${file}: ${(e as Error).message}`);
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        return fail(`alerts file ${file} is not JSON: ${(e as Error).message}`);
      }
      alerts = parseAlertConfig(data, services);
      const webhook = v['alert-webhook'] ?? env.CX_ALERT_WEBHOOK;
      if (webhook) alerts.webhook = checkWebhook(webhook);
    } else if (v['alert-webhook'] ?? env.CX_ALERT_WEBHOOK) return fail('--alert-webhook needs --alerts <file>');
  } catch (e) {
    if (e instanceof AlertConfigError) return fail(`alerts file ${file}: ${e.message}`);
    throw e;
  }
  return { alerts };
}
