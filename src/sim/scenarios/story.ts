import type { FileChange, Person } from '../world/git.js';

/** The engineers who commit to acme/service. */
export const AUTHORS: readonly Person[] = [
  { login: 'mkowalski', name: 'Marta Kowalski', email: 'marta.kowalski@acme.example' },
  { login: 'jchen', name: 'Jun Chen', email: 'jun.chen@acme.example' },
  { login: 'priya-n', name: 'Priya Natarajan', email: 'priya.natarajan@acme.example' },
  { login: 'tokafor', name: 'Tom Okafor', email: 'tom.okafor@acme.example' },
  { login: 'lgarcia', name: 'Lucía García', email: 'lucia.garcia@acme.example' },
  { login: 'svenl', name: 'Sven Lindqvist', email: 'sven.lindqvist@acme.example' },
  { login: 'abello', name: 'Aisha Bello', email: 'aisha.bello@acme.example' },
];

/** On-call roles and the hotfix approver. */
export const STAFF: readonly Person[] = [
  { login: 'dana-w', name: 'Dana Whitfield', email: 'dana.whitfield@acme.example' },
  { login: 'eli-r', name: 'Eli Romero', email: 'eli.romero@acme.example' },
  { login: 'maria-s', name: 'Maria Santos', email: 'maria.santos@acme.example' },
];

export interface Change {
  readonly message: string;
  readonly files: readonly string[];
}

/** Ordinary commits, drawn without repeats while they last. */
export const CHANGES: readonly Change[] = [
  { message: 'Add pagination to the invoices API', files: ['internal/api/invoices.go', 'internal/api/invoices_test.go'] },
  { message: 'Fix N+1 query on the accounts page', files: ['internal/store/accounts.go'] },
  { message: 'Show the plan name in the billing header', files: ['web/src/billing/Header.tsx'] },
  { message: 'Log request ids in the access log', files: ['internal/http/middleware.go'] },
  { message: 'Rate-limit password reset emails', files: ['internal/auth/reset.go', 'internal/auth/reset_test.go'] },
  { message: 'Move feature flags to the config service', files: ['internal/flags/flags.go', 'config/flags.yaml'] },
  { message: 'Handle expired cards in the renewal job', files: ['internal/billing/renewal.go'] },
  { message: 'Add an index on events(account_id, created_at)', files: ['migrations/0142_events_index.sql'] },
  { message: 'Refactor the export worker into smaller steps', files: ['internal/export/worker.go', 'internal/export/steps.go'] },
  { message: 'Upgrade React to 18.3 in the dashboard', files: ['web/package.json', 'web/package-lock.json'] },
  { message: 'Return 404 instead of 500 for unknown projects', files: ['internal/api/projects.go'] },
  { message: 'Add audit events for role changes', files: ['internal/audit/roles.go', 'internal/audit/roles_test.go'] },
  { message: 'Trim whitespace in customer search', files: ['internal/search/customers.go'] },
  { message: 'Cache the pricing table for five minutes', files: ['internal/billing/pricing.go'] },
  { message: 'Fix the timezone of scheduled reports', files: ['internal/reports/schedule.go'] },
  { message: 'Add a health check for the PPC connector', files: ['internal/ppc/health.go'] },
  { message: 'Document the webhook signature format', files: ['docs/webhooks.md'] },
  { message: 'Remove the legacy v1 sessions endpoint', files: ['internal/api/sessions_v1.go'] },
  { message: 'Use context deadlines in outbound HTTP calls', files: ['internal/http/client.go'] },
  { message: 'Speed up the accounts list query', files: ['internal/store/accounts.go'] },
  { message: 'Add CSV export for usage reports', files: ['internal/reports/csv.go', 'web/src/reports/Export.tsx'] },
  { message: 'Validate project slugs on create', files: ['internal/api/projects.go', 'internal/api/projects_test.go'] },
  { message: 'Retry PPC status polls with backoff', files: ['internal/ppc/client.go'] },
  { message: 'Show the last deploy time on the status page', files: ['web/src/status/Deploys.tsx'] },
  { message: 'Make the signup form accessible to screen readers', files: ['web/src/signup/Form.tsx'] },
  { message: 'Split the billing settings page into tabs', files: ['web/src/billing/Settings.tsx'] },
  { message: 'Reduce log noise from the metrics exporter', files: ['internal/metrics/exporter.go'] },
  { message: 'Add an admin toggle for maintenance mode', files: ['internal/admin/maintenance.go'] },
  { message: 'Fix a race in the session cache', files: ['internal/auth/cache.go', 'internal/auth/cache_test.go'] },
  { message: 'Bump golang.org/x/sys for the CVE fix', files: ['Gopkg.lock'] },
  { message: 'Add tracing spans around PPC calls', files: ['internal/ppc/client.go', 'internal/tracing/spans.go'] },
  { message: 'Tidy up the onboarding emails', files: ['templates/email/welcome.html'] },
];

/** The commit that broke staging last night, and the fix that is waiting on master. */
export const BREAKING: Change = { message: 'Send payment webhooks through the new delivery queue', files: ['internal/billing/webhook.go', 'internal/queue/delivery.go'] };
export const FIX: Change = { message: 'Fix duplicate webhook delivery on retry', files: ['internal/billing/webhook.go', 'internal/billing/webhook_test.go'] };

export function fileChanges(files: readonly string[], size: () => number): FileChange[] {
  return files.map((filename) => ({ filename, status: 'modified', additions: size(), deletions: Math.floor(size() / 3) }));
}

/** Customer PPCs: id and display name. */
export const CUSTOMERS: readonly { readonly id: string; readonly name: string }[] = [
  { id: 'acme', name: 'Acme Corp' },
  { id: 'globex', name: 'Globex Corporation' },
  { id: 'initech', name: 'Initech' },
  { id: 'umbrella', name: 'Umbrella Corporation' },
  { id: 'hooli', name: 'Hooli' },
  { id: 'stark', name: 'Stark Industries' },
  { id: 'wayne', name: 'Wayne Enterprises' },
  { id: 'wonka', name: 'Wonka Industries' },
  { id: 'tyrell', name: 'Tyrell Corporation' },
  { id: 'cyberdyne', name: 'Cyberdyne Systems' },
  { id: 'soylent', name: 'Soylent Corp' },
  { id: 'massive-dynamic', name: 'Massive Dynamic' },
];
