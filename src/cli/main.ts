/**
 * `dtma` — the command line. Thin: parses arguments, calls the domain layers, prints.
 * Exit codes: 0 ok, 1 bad input or failed command (message on stderr), 2 usage error.
 */
import { Command, Option } from 'commander';
import { pathToFileURL } from 'node:url';
import { ModelLoadError } from '../model/load.js';
import { INDUSTRIES } from '../model/types.js';
import { modelList, modelShow, type ModelShowOptions } from './commands/model.js';
import type { ScoreCommandOptions } from './commands/score.js';
import type { ModelDiffOptions } from './commands/model-diff.js';
import { registerReportCommands } from './commands/register-reports.js';
import { CliCommandError } from './errors.js';
import { addPolicyOptions } from './policy-options.js';
import {
  auditVerify,
  backup,
  CommandError,
  createAdmin,
  dbMigrate,
  restore,
  serve,
  type ServeOptions,
} from './commands/server.js';

// Imported when their command runs, so that the other commands start fast: seed-demo loads the HTTP layer, the
// store and the password hasher; score the scoring engine and the progress bar. (server.ts imports its heavy
// modules inside its commands, register-reports.ts its command modules, for the same reason.)
const seedDemoCommand = () => import('./commands/seed-demo.js');
const scoreCommands = () => import('./commands/score.js');
const modelDiffCommands = () => import('./commands/model-diff.js');

const industryOption = (): Option =>
  new Option(
    '--industry <industry>',
    'industry of Appendix B: mining 采选, smelting 冶炼, processing 加工',
  ).choices(INDUSTRIES);

export function buildProgram(print: (text: string) => void): Command {
  const program = new Command('dtma')
    .description(
      '有色金属行业数字化转型成熟度评估平台 — maturity assessment for the non-ferrous metals industry',
    )
    .showHelpAfterError()
    .exitOverride();

  const model = program.command('model').description('the standard as versioned data');
  model
    .command('list')
    .description('list the model versions under standard/')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => print(modelList(options)));
  addPolicyOptions(
    model
      .command('show')
      .description(
        'show Table 1, or with --industry the effective model: weights and every requirement with its id',
      )
      .option('--model <id>', 'model version', 'nfm-dtmm-2024-draft')
      .addOption(industryOption())
      .option('--json', 'print JSON'),
  ).action((options: ModelShowOptions) => print(modelShow(options)));
  model
    .command('diff')
    .description(
      'what changed between model versions A and B (ids under standard/, or folders): requirements added, ' +
        'removed, moved, reworded (text similarity, with the score) and Table 1 weights',
    )
    .argument('<a>', 'the old version')
    .argument('<b>', 'the new version')
    .option('--mapping <file>', 'write the mapping file between the versions (JSON) to FILE')
    .option('--threshold <t>', 'least text similarity of a reworded requirement (default 0.6)')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, options: ModelDiffOptions) =>
      (await modelDiffCommands()).modelDiffCommand(a, b, options, print),
    );

  addPolicyOptions(
    program
      .command('score')
      .description(
        'score an assessment file (JSON: requirement id → 1|0.8|0.5|0 or 全部满足|大部分满足|部分满足|不满足; ' +
          'schema: schemas/score-input.schema.json), or every *.json file of a folder',
      )
      .argument('<file-or-folder>')
      .addOption(industryOption())
      .option('--model <id>', 'model version (default: the file\'s "modelId", else nfm-dtmm-2024-draft)')
      .option('--partial', 'accept missing scores (counted as 0, listed)')
      .option('--trace', 'with --json: include the trace explaining every number')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: ScoreCommandOptions) =>
    (await scoreCommands()).scoreCommand(path, options, print),
  );

  // template, import, report: the scoring workbook and the reports (src/cli/commands/register-reports.ts).
  registerReportCommands(program, print);

  program
    .command('serve')
    .description(
      'run the web server (migrates first); DATABASE_URL=postgres://… for PostgreSQL, else ./data/dtma.sqlite; ' +
        'no demo data unless --demo',
    )
    .option('--port <port>', 'port (default PORT, else 3000)')
    .option('--host <host>', 'interface to listen on (default HOST, else 127.0.0.1)')
    .option(
      '--shutdown-grace <seconds>',
      'on SIGTERM/SIGINT: how long in-flight requests may take to finish before their connections are cut',
      '10',
    )
    .option('--demo', 'seed the demo data (documented passwords) on an empty database — never in production')
    .action((options: ServeOptions) => serve(options, print));
  program
    .command('user')
    .description('users of the platform')
    .command('create-admin')
    .description(
      'create a platform administrator (password: prompt, DTMA_ADMIN_PASSWORD, or generated and printed once)',
    )
    .requiredOption('--email <email>', 'the administrator’s e-mail (the login name)')
    .option('--name <name>', 'display name (default 平台管理员)')
    .action((options: { email: string; name?: string }) => createAdmin(options, print));
  program
    .command('db')
    .description('database administration')
    .command('migrate')
    .description('apply pending migrations')
    .action(() => dbMigrate(print));
  program
    .command('backup')
    .description('write a consistent copy of the SQLite database to FILE (PostgreSQL: use pg_dump)')
    .argument('<file>')
    .action((file: string) => backup(file, print));
  program
    .command('restore')
    .description('replace the SQLite database with the backup FILE (stop the server first)')
    .argument('<file>')
    .action((file: string) => restore(file, print));
  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('verify the hash chain of the audit log')
    .action(() => auditVerify(print));
  program
    .command('seed-demo')
    .description(
      'fill an empty database with demo organisations, users (documented passwords) and assessments',
    )
    .action(async () => (await seedDemoCommand()).seedDemo(print));
  program
    .command('demo')
    .description('the demo data')
    .command('clone')
    .argument('<n>', 'how many assessments the database should hold')
    .description('clone the demo’s assessments (with their grades) to N assessments, for scale figures')
    .action(async (n: string) => (await seedDemoCommand()).cloneDemo(n, print));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram((text) => process.stdout.write(text + '\n'));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    const e = error as Error & { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) return e.exitCode === 0 ? 0 : 2;
    const [{ InputFileError, ScoringFileError, CliUsageError }, { ConfigError }] = await Promise.all([
      scoreCommands(),
      import('../config.js'),
    ]);
    if (
      error instanceof InputFileError ||
      error instanceof ScoringFileError ||
      error instanceof CliUsageError ||
      error instanceof CommandError ||
      error instanceof CliCommandError ||
      error instanceof ModelLoadError ||
      error instanceof ConfigError
    ) {
      process.stderr.write(`dtma: ${e.message}\n`);
      return 1;
    }
    if (e.code === 'ENOENT') {
      process.stderr.write(`dtma: ${e.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * Runs `dtma` with `argv` in this process and sets the exit code (bin/dtma.js calls this on the compiled build).
 * `dtma serve` keeps the process alive until SIGTERM/SIGINT (see commands/server.ts).
 */
export async function run(argv: string[]): Promise<void> {
  // `dtma model show … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await main(argv);
}

// Run directly (`tsx src/cli/main.ts …`, `npm run dtma -- …`, `node dist/cli/main.js …`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run(process.argv.slice(2));
}
