/**
 * Chinese messages of one feature (`web/src/i18n/features/<feature>.ts`, added once in messages.ts). Their English
 * lives beside them in `<feature>.en.ts` with exactly the same keys (the type `Record<keyof typeof zh, string>`
 * says so), added once in messages-en.ts: the English is a chunk of its own, loaded only when a user picks English.
 */
export function defineMessages<const Z extends Record<string, string>>(zh: Z): Z {
  return zh;
}
