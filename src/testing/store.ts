/**
 * Store functions tests of the upper layers (http, cli) use to set up or inspect a database directly — kept here
 * so that production code of those layers reaches the store only through the use cases (dependency-cruiser).
 */
export { verifyAuditChain } from '../store/audit.js';
export { openDatabase } from '../store/db.js';
export { FsEvidenceStorage } from '../store/files.js';
export { hashPassword, PASSWORD_TEST_COST } from '../store/passwords.js';
export { createAssessment } from '../store/repos/assessments.js';
export { createOrganisation } from '../store/repos/organisations.js';
export { writeConsensusScores } from '../store/repos/scores.js';
export { createUser } from '../store/repos/users.js';
export { createApp } from '../server.js';
