/** Commander wiring of `dtma template`, `dtma import` and `dtma report` (the logic is in excel.ts and report.ts). */
import { Option, type Command } from 'commander';
import { INDUSTRIES } from '../../model/types.js';
import { addPolicyOptions } from '../policy-options.js';
import type { ImportCommandOptions, TemplateCommandOptions } from './excel.js';
import type { PlanCommandOptions } from './plan.js';
import type { ReportCommandOptions } from './report.js';

// The command modules load docx, echarts, exceljs and the store: imported when a command runs, so that the
// other commands start fast.
const excel = () => import('./excel.js');
const report = () => import('./report.js');
const plan = () => import('./plan.js');

const langOption = (): Option =>
  new Option('--lang <lang>', 'language of the problems found in a workbook: zh 中文 (default), en English')
    .choices(['zh', 'en'])
    .default('zh');

const sizeOption = (): Option =>
  new Option(
    '--size <size>',
    'enterprise size for the effort estimate: large 大型, medium 中型, small 小型',
  ).choices(['large', 'medium', 'small']);

const industryOption = (): Option =>
  new Option(
    '--industry <industry>',
    'industry of Appendix B: mining 采选, smelting 冶炼, processing 加工',
  ).choices(INDUSTRIES);

export function registerReportCommands(program: Command, print: (text: string) => void): void {
  program
    .command('template')
    .description('write the scoring workbook (评分表) of an industry: one sheet per domain, drop-down grades')
    .argument('<out.xlsx>')
    .addOption(industryOption().makeOptionMandatory())
    .option('--model <id>', 'model version', 'nfm-dtmm-2024-draft')
    .option('--enterprise <name>', 'enterprise name for the cover')
    .action(async (out: string, options: TemplateCommandOptions) =>
      print(await (await excel()).templateCommand(out, options)),
    );

  addPolicyOptions(
    program
      .command('import')
      .description(
        'read a filled scoring workbook (also after a LibreOffice/WPS save) and print its result, or write a ' +
          'score file (schemas/score-input.schema.json); problems name the sheet and cell, nothing is written',
      )
      .argument('<file.xlsx>')
      .addOption(industryOption())
      .option('--model <id>', 'model version (default: the one on the cover)')
      .option('--partial', 'accept empty 评分 cells (counted as 0, listed)')
      .option('--json', 'print the result as JSON')
      .option('--out <scores.json>', 'write the scores as a score file instead of printing the result')
      .addOption(langOption()),
  ).action(async (file: string, options: ImportCommandOptions) =>
    (await excel()).importCommand(file, options, print),
  );

  addPolicyOptions(
    program
      .command('report')
      .description(
        'write the assessment report from a score file (.json), a filled workbook (.xlsx) or an assessment id in ' +
          'the database (DATABASE_URL, else ./data/dtma.sqlite); for a folder, one report per file into --out DIR',
      )
      .argument('<assessment-or-file>')
      .requiredOption(
        '--format <formats>',
        'docx (report with charts and 一企一策 plan), pdf (via LibreOffice), xlsx (result and all scores); ' +
          'several: docx,pdf',
      )
      .option('--out <path>', 'output file (one format) or folder (several formats, or a folder of inputs)')
      .addOption(industryOption())
      .option('--model <id>', "model version (default: the source's, else nfm-dtmm-2024-draft)")
      .option('--partial', 'accept missing scores (counted as 0): a draft report')
      .option('--enterprise <name>', 'enterprise name (default: the workbook cover / database / file name)')
      .option('--assessed-from <date>', 'first day of the assessment (YYYY-MM-DD)')
      .option('--assessed-to <date>', 'last day of the assessment (YYYY-MM-DD)')
      .option('--report-date <date>', 'report date (default: today)')
      .option('--team <list>', 'assessment team, leader first: "张三:组长,李四,王五"')
      .option('--profile <text>', 'enterprise profile: size, sub-sector, stage of development')
      .option(
        '--target <level>',
        'conclusion level the 一企一策 plan aims at (1–5; default: up to 3 levels ahead)',
      )
      .addOption(sizeOption())
      .option('--sub-sector <text>', 'sub-sector, e.g. 铜冶炼')
      .addOption(langOption()),
  ).action(async (arg: string, options: ReportCommandOptions) =>
    (await report()).reportCommand(arg, options, print),
  );

  addPolicyOptions(
    program
      .command('plan')
      .description(
        'print the 一企一策 improvement plan of a score file (.json), a filled workbook (.xlsx) or an assessment id: ' +
          'by default level-consistent (to claim level k, S1…Sk are met; cheapest raises, partial where enough)',
      )
      .argument('<file-or-assessment>')
      .option('--target <level>', 'conclusion level to plan for (1–5)')
      .addOption(
        new Option(
          '--mode <mode>',
          'level: 逐级满足 (default); formula: fewest 全部满足 raises for the total only',
        )
          .choices(['level', 'formula'])
          .default('level'),
      )
      .option(
        '--json',
        'print JSON: every step with requirement id, from/to grade and the exact totals after it',
      )
      .addOption(industryOption())
      .option('--model <id>', "model version (default: the file's, else nfm-dtmm-2024-draft)")
      .option('--partial', 'plan missing scores as 不满足')
      .addOption(sizeOption())
      .option('--sub-sector <text>', 'sub-sector, e.g. 铜冶炼')
      .addOption(langOption()),
  ).action(async (arg: string, options: PlanCommandOptions) =>
    (await plan()).planCommand(arg, options, print),
  );
}
