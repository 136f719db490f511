/**
 * Browser stand-in for `node:crypto`, aliased in vite.config.ts. The shared process code imports `createHash`
 * for sealing published results, which only the server does; reaching this in the browser is a bug.
 */
export function createHash(): never {
  throw new Error('createHash is not available in the browser (server-only sealing)');
}
