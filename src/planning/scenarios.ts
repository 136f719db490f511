/**
 * Scenario dimension of the 一企一策 plan (section 4.6.4: 从企业整体维度和企业生产、管理等特定场景维度两个层面).
 *
 * The standard names production and management as examples of scenarios; the remaining domains of Table 1
 * form their own scenarios. The mapping is data: each Table 1 domain id belongs to exactly one scenario
 * (checked by `scenarioOfDomain` and by a test against the model).
 */
export interface ScenarioDef {
  id: string;
  /** Chinese name as used in the report, e.g. 生产. */
  name: string;
  nameEn: string;
  /** Table 1 domain ids (see standard/extract/names.ts). */
  domainIds: readonly string[];
}

export const SCENARIOS: readonly ScenarioDef[] = [
  { id: 'production', name: '生产', nameEn: 'Production', domainIds: ['digital-production'] },
  {
    id: 'management',
    name: '管理',
    nameEn: 'Management',
    domainIds: ['organization', 'digital-operations', 'data', 'resources'],
  },
  { id: 'technology', name: '技术', nameEn: 'Technology', domainIds: ['technology'] },
  { id: 'service', name: '服务', nameEn: 'Service', domainIds: ['digital-services'] },
  { id: 'outcomes', name: '成效', nameEn: 'Outcomes', domainIds: ['digital-outcomes'] },
];

/** The scenario a domain belongs to; throws for a domain the mapping does not know. */
export function scenarioOfDomain(
  domainId: string,
  scenarios: readonly ScenarioDef[] = SCENARIOS,
): ScenarioDef {
  const s = scenarios.find((x) => x.domainIds.includes(domainId));
  if (!s) throw new Error(`planning: domain ${JSON.stringify(domainId)} belongs to no scenario`);
  return s;
}
