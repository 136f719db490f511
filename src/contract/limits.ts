/**
 * Limits of the contract that the web app checks before asking — plain constants, so that a screen importing one
 * does not carry the schemas (TypeBox) of its module into its chunk.
 */

/** The assessment list's export: when more assessments match, it is refused (narrow the filters). */
export const ASSESSMENT_EXPORT_MAX = 10_000;
