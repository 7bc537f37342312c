import { createRandom } from '../random.js';
import { currentAttempt, type Attempt, type BuildRecord, type JobRecord } from './ci.js';

/** How long after a job finishes its parts are aggregated into one log (travis-logs waits about 10 s). */
export const LOG_AGGREGATE_MS = 10_000;
const ESC = '\u001b';
const yellow = (s: string): string => `${ESC}[33;1m${s}${ESC}[0m`;
const green = (s: string): string => `${ESC}[32;1m${s}${ESC}[0m`;
const red = (s: string): string => `${ESC}[31;1m${s}${ESC}[0m`;

export interface LogPart {
  readonly number: number;
  readonly content: string;
  readonly final: boolean;
}

/** The whole log an attempt will have written by its end, as lines; deterministic per attempt. */
export function attemptLines(build: BuildRecord, job: JobRecord, attempt: Attempt): string[] {
  const random = createRandom(attempt.seed);
  const failed = attempt.outcome !== 'passed';
  const timer = (): string => random.hex(8);
  const fold = (name: string, lines: readonly string[]): string[] => [`travis_fold:start:${name}`, ...lines, `travis_fold:end:${name}`];
  const command = (cmd: string, output: readonly string[], code = 0): string[] => {
    const t = timer();
    const start = BigInt(attempt.startAt) * 1_000_000n;
    const took = BigInt(random.int(50, 4000)) * 1_000_000n;
    return [
      `travis_time:start:${t}${ESC}[0K$ ${cmd}`,
      ...output,
      `travis_time:end:${t}:start=${start},finish=${start + took},duration=${took},event=script${ESC}[0K`,
      code === 0 ? green(`The command "${cmd}" exited with 0.`) : red(`The command "${cmd}" exited with ${code}.`),
    ];
  };
  const header = [
    ...fold('worker_info', [
      yellow('Worker information'),
      `hostname: ${random.hex(8)}-${random.hex(4)}@1.worker-com-${random.hex(10)}.gce-production-3`,
      'version: v6.2.26 https://github.com/travis-ci/worker/tree/7c43dd0a8e6a54b0c7e2a2c4b1b0d1a3f4a1e2c3',
      `instance: travis-job-${random.hex(8)}-${random.hex(4)} travis-ci-ubuntu-jammy-1700000000-${random.hex(7)} (via amqp)`,
      `startup: ${random.int(4, 9)}.${random.int(100, 999)}s`,
    ]),
    ...fold('system_info', [yellow('Build system information'), 'Build language: go', 'Build dist: jammy', `Build id: ${build.id}`, `Job id: ${job.id}`]),
    ...fold('git.checkout', [
      `$ git clone --depth=50 --branch=${build.branch} https://github.com/${build.repo.slug}.git ${build.repo.slug}`,
      `Cloning into '${build.repo.slug}'...`,
      `$ git checkout -qf ${build.commit.sha}`,
    ]),
  ];
  const body = job.kind.type === 'ppc' ? ppcLines(job.kind, failed, command) : serviceLines(job, failed, random.int(40, 180), command);
  const exit = failed ? 1 : 0;
  return [...header, ...body, '', `Done. Your build exited with ${exit}.`];
}

type Command = (cmd: string, output: readonly string[], code?: number) => string[];

function serviceLines(job: JobRecord, failed: boolean, tests: number, command: Command): string[] {
  const task = job.kind.type === 'service' ? job.kind.task : 'unit';
  const setup = command('dep ensure -vendor-only', []);
  switch (task) {
    case 'lint':
      return [...setup, ...command('make lint', ['golangci-lint run ./...', failed ? 'internal/api/handler.go:88:2: ineffectual assignment to err (ineffassign)' : 'no issues found'], failed ? 2 : 0)];
    case 'image':
      return [...setup, ...command('make image', ['Step 1/9 : FROM golang:1.21 AS build', 'Step 9/9 : ENTRYPOINT ["/service"]', 'Successfully built 4f2b9c1d7e3a', 'Successfully tagged acme/service:ci'])];
    case 'integration':
      return [
        ...setup,
        ...command(
          'make integration',
          [
            'docker compose up -d postgres',
            '=== RUN   TestCheckoutFlow',
            '--- PASS: TestCheckoutFlow (1.84s)',
            '=== RUN   TestPaymentWebhookRetry',
            failed ? '    webhook_test.go:112: expected 2 deliveries, got 3' : '--- PASS: TestPaymentWebhookRetry (2.02s)',
            failed ? '--- FAIL: TestPaymentWebhookRetry (2.31s)' : '=== RUN   TestAccountExport',
            failed ? 'FAIL\tgithub.com/acme/service/integration\t9.411s' : `ok  \tgithub.com/acme/service/integration\t${(tests / 10).toFixed(3)}s`,
          ],
          failed ? 2 : 0,
        ),
      ];
    default:
      return [
        ...setup,
        ...command('make test', [
          'go test -race ./...',
          'ok  \tgithub.com/acme/service/internal/api\t2.214s',
          'ok  \tgithub.com/acme/service/internal/billing\t1.087s',
          failed ? 'FAIL\tgithub.com/acme/service/internal/store\t0.912s' : 'ok  \tgithub.com/acme/service/internal/store\t0.912s',
          `${tests} tests`,
        ], failed ? 1 : 0),
      ];
  }
}

function ppcLines(kind: Extract<JobRecord['kind'], { type: 'ppc' }>, failed: boolean, command: Command): string[] {
  const who = kind.customer ?? '(no CUSTOMER given)';
  const rev = kind.revision ?? '(no PPC_REVISION given)';
  if (!kind.known || !kind.revision) {
    return command(`acme-sdk ppc update --customer ${who} --revision ${rev}`, [red(`error: ${!kind.known ? `unknown customer "${who}"` : 'PPC_REVISION is required'}`)], 64);
  }
  const steps = [
    `Connecting to ppc.${who}.example.net ...`,
    `Current PPC revision: checking`,
    `Target PPC revision: ${rev}`,
    'Step 1/4: draining workloads',
    'Step 2/4: uploading PPC software',
    'Step 3/4: restarting ppc-controller',
  ];
  return command(
    `acme-sdk ppc update --customer ${who} --revision ${rev}`,
    failed
      ? [...steps, red('Step 4/4: health check failed: ppc-controller did not become ready within 120s'), 'Rolling back to the previous revision ... done']
      : [...steps, 'Step 4/4: health check passed', green(`Customer ${who} now runs PPC ${rev.slice(0, 7)}`)],
    failed ? 1 : 0,
  );
}

/**
 * The parts visible at `now`: the lines are cut into up to eight parts that appear evenly over the run, the last
 * (final) one at the finish. A canceled attempt ends with Travis's cancel line. Once aggregated, Travis answers
 * log_parts with one placeholder part instead.
 */
export function visibleParts(build: BuildRecord, job: JobRecord, now: number): { parts: LogPart[]; aggregated: boolean } {
  const a = currentAttempt(job);
  const end = a.canceledAt !== undefined && a.canceledAt < a.finishAt ? a.canceledAt : a.finishAt;
  if (now >= end + LOG_AGGREGATE_MS) return { parts: [{ number: 0, content: 'log aggregated', final: true }], aggregated: true };
  return { parts: partsUntil(build, job, a, now), aggregated: false };
}

/** Everything written so far, as log.txt returns it. */
export function logText(build: BuildRecord, job: JobRecord, now: number): string {
  return partsUntil(build, job, currentAttempt(job), now)
    .map((p) => p.content)
    .join('');
}

function partsUntil(build: BuildRecord, job: JobRecord, a: Attempt, now: number): LogPart[] {
  if (now < a.startAt) return [];
  const lines = attemptLines(build, job, a);
  const per = Math.ceil(lines.length / 8);
  const count = Math.ceil(lines.length / per);
  const canceled = a.canceledAt !== undefined && a.canceledAt < a.finishAt;
  const out: LogPart[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = a.startAt + ((i + 1) / count) * (a.finishAt - a.startAt);
    if (at > now || (canceled && at > (a.canceledAt as number))) break;
    const chunk = lines.slice(i * per, (i + 1) * per);
    out.push({ number: i, content: `${chunk.join('\n')}\n`, final: i === count - 1 });
  }
  if (canceled && now >= (a.canceledAt as number)) out.push({ number: out.length, content: `\n${red('Done: Job Cancelled')}\n`, final: true });
  return out;
}
