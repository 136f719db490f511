export * from './types.js';
export { ACCESS_MATRIX } from './matrix.js';
export { can, explain, heldRoles } from './can.js';
