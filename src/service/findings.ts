/** 4.5.3: findings (评估发现) of the pre-assessment and the formal assessment, and the rectifications. */
import type {
  CreateFindingRequest,
  Finding,
  RectifyFindingRequest,
  UpdateFindingRequest,
} from '../contract/process-records.js';
import { findingsOf } from '../process/findings.js';
import type { FindingChanges } from '../process/types.js';
import { newId } from '../store/util.js';
import { authorizeAssessment } from './access.js';
import type { Caller, ServiceContext } from './context.js';
import { runCommand } from './unit-of-work.js';

export async function listFindings(ctx: ServiceContext, caller: Caller, id: string): Promise<Finding[]> {
  return findingsOf((await authorizeAssessment(ctx, caller, id)).assessment);
}

export async function recordFinding(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  input: CreateFindingRequest,
): Promise<Finding> {
  await authorizeAssessment(ctx, caller, id, 'finding.write');
  const findingId = newId();
  const doc = await runCommand(ctx, id, caller, () => ({
    type: 'finding.record',
    finding: { id: findingId, ...input },
  }));
  return findingsOf(doc.assessment).find((f) => f.id === findingId)!;
}

export async function updateFinding(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  findingId: string,
  input: UpdateFindingRequest,
): Promise<Finding> {
  await authorizeAssessment(ctx, caller, id, 'finding.write');
  const { expectedVersion, ...changes } = input;
  const doc = await runCommand(
    ctx,
    id,
    caller,
    () => ({ type: 'finding.update', findingId, changes: changes as FindingChanges, expectedVersion }),
    { conflictCurrent: (before) => findingsOf(before.assessment).find((f) => f.id === findingId) ?? null },
  );
  return findingsOf(doc.assessment).find((f) => f.id === findingId)!;
}

export async function rectifyFinding(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  findingId: string,
  input: RectifyFindingRequest,
): Promise<Finding> {
  await authorizeAssessment(ctx, caller, id, 'finding.rectify');
  const doc = await runCommand(ctx, id, caller, () => ({ type: 'finding.rectify', findingId, ...input }));
  return findingsOf(doc.assessment).find((f) => f.id === findingId)!;
}
