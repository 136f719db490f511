/**
 * Test helper: what a use case reads — every statement run through a Kysely instance (query builder or raw
 * `sql`), the tables it names, whether it selects every column, and how many rows came back. For tests of the
 * form "this read costs the same whatever the number of grades" (issue 10): counts, never timings.
 *
 *   const log = new QueryLog();
 *   const view = await getAssessmentView({ ...ctx, db: log.wrap(ctx.db) }, caller, id);
 *   expect(log.touching('expert_scores')).toEqual([]);
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Db } from '../store/util.js';

export interface LoggedQuery {
  /** Table names the statement mentions (builder nodes, and words of raw SQL). */
  tables: string[];
  /** `select *` / `selectAll()` somewhere in the statement. */
  selectsAll: boolean;
  /** Column names the statement selects (builder selections only). */
  columns: string[];
  /** Rows returned. */
  rows: number;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

function describe(node: RootOperationNode, knownTables: readonly string[]): Omit<LoggedQuery, 'rows'> {
  const tables = new Set<string>();
  const columns: string[] = [];
  let selectsAll = false;
  walk(node, (n) => {
    if (n.kind === 'TableNode') {
      const name = ((n.table as { identifier?: { name?: string } }).identifier?.name ?? '') as string;
      if (name) tables.add(name);
    }
    if (n.kind === 'SelectAllNode') selectsAll = true;
    if (n.kind === 'SelectionNode') {
      const col = (n.selection as { column?: { column?: { name?: string } } }).column?.column?.name;
      if (col) columns.push(col);
    }
    if (n.kind === 'RawNode') {
      const text = (n.sqlFragments as string[]).join(' ');
      for (const t of knownTables) if (new RegExp(`\\b${t}\\b`).test(text)) tables.add(t);
      if (/select\s+(\w+\.)?\*/i.test(text)) selectsAll = true;
    }
  });
  return { tables: [...tables].sort(), selectsAll, columns };
}

const TABLES = [
  'assessments',
  'assessment_documents',
  'assessment_summaries',
  'expert_scores',
  'expert_sheets',
  'self_assessment_scores',
  'consensus_scores',
  'organisations',
  'team_members',
  'users',
  'audit_log',
];

export class QueryLog implements KyselyPlugin {
  readonly queries: LoggedQuery[] = [];
  private readonly pending = new WeakMap<object, Omit<LoggedQuery, 'rows'>>();

  /** `db` with every statement logged here (same dialect, same connection pool). */
  wrap(db: Db): Db {
    return db.withPlugin(this);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.pending.set(args.queryId, describe(args.node, TABLES));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const q = this.pending.get(args.queryId);
    if (q) this.queries.push({ ...q, rows: args.result.rows.length });
    return args.result;
  }

  /** The statements that name `table`. */
  touching(table: string): LoggedQuery[] {
    return this.queries.filter((q) => q.tables.includes(table));
  }

  /** Rows returned by all statements. */
  get rows(): number {
    return this.queries.reduce((n, q) => n + q.rows, 0);
  }

  clear(): void {
    this.queries.length = 0;
  }
}
