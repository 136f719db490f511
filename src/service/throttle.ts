/**
 * The login throttle: growing delays per (account, client address) pair, and ceilings per account and per address
 * that slow attempts down but never block them. Nothing locks an account: a correct password from an address
 * that is not failing gets through, and so does any account from an address that failed for others.
 *
 * - Pair: after `freePerPair` failures (counted since the pair's last success, within the window) each further
 *   attempt waits `pairBaseDelayMs · 2^(n − freePerPair)` after the last failure, at most `pairMaxDelayMs`.
 * - Account: with `accountCeiling` failures from all addresses in the window, attempts on the account from an
 *   address that has not logged into it recently are spaced `accountDelayMs` after its last failure (one guess
 *   per few seconds for a distributed attack; the owner waits that long at worst).
 * - Address: with `addressCeiling` failures from one address (credential stuffing, or many users behind one
 *   NAT), attempts from it on accounts it has not logged into recently are spaced `addressDelayMs`.
 * A refused (throttled) attempt is not a failure: it does not extend the delays. The facts come from the
 * database (`login_attempts`), so every instance of the server applies the same limits.
 */
import { loginFacts, type LoginFacts } from '../store/repos/sessions.js';
import type { Db } from '../store/util.js';
import { ServiceError } from './errors.js';

export interface LoginThrottle {
  windowMs: number;
  freePerPair: number;
  pairBaseDelayMs: number;
  pairMaxDelayMs: number;
  accountCeiling: number;
  accountDelayMs: number;
  addressCeiling: number;
  addressDelayMs: number;
  /** A pair with a successful login this recent is "known": the account and address ceilings do not slow it. */
  knownForMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottle = {
  windowMs: 15 * 60_000,
  freePerPair: 5,
  pairBaseDelayMs: 1000,
  pairMaxDelayMs: 15 * 60_000,
  accountCeiling: 20,
  accountDelayMs: 5000,
  addressCeiling: 50,
  addressDelayMs: 1000,
  knownForMs: 30 * 86_400_000,
};

/** Which limit holds an attempt back, and until when (ms since the epoch); null: go ahead. */
export function throttleDecision(
  facts: LoginFacts,
  t: LoginThrottle,
  now: number,
): { limit: 'pair' | 'account' | 'address'; until: number } | null {
  const waits: { limit: 'pair' | 'account' | 'address'; until: number }[] = [];
  const { pair, account, address } = facts;
  if (pair.failures >= t.freePerPair && pair.last) {
    const delay = Math.min(
      t.pairMaxDelayMs,
      t.pairBaseDelayMs * 2 ** Math.min(30, pair.failures - t.freePerPair),
    );
    waits.push({ limit: 'pair', until: Date.parse(pair.last) + delay });
  }
  if (!facts.knownPair && account.failures >= t.accountCeiling && account.last)
    waits.push({ limit: 'account', until: Date.parse(account.last) + t.accountDelayMs });
  if (!facts.knownPair && address.failures >= t.addressCeiling && address.last)
    waits.push({ limit: 'address', until: Date.parse(address.last) + t.addressDelayMs });
  const longest = waits.filter((w) => w.until > now).sort((a, b) => b.until - a.until)[0];
  return longest ?? null;
}

/** Throws RATE_LIMITED (with `retryAfter` seconds and the limit) when the attempt must wait. */
export async function checkLoginThrottle(
  db: Db,
  t: LoginThrottle,
  input: { email: string; ip: string; now: Date },
): Promise<void> {
  const now = input.now.getTime();
  const facts = await loginFacts(db, {
    email: input.email,
    ip: input.ip,
    since: new Date(now - t.windowMs),
    knownSince: new Date(now - t.knownForMs),
  });
  const wait = throttleDecision(facts, t, now);
  if (!wait) return;
  const retryAfter = Math.max(1, Math.ceil((wait.until - now) / 1000));
  throw new ServiceError('RATE_LIMITED', `too many failed logins; retry in ${retryAfter} s`, {
    params: { retryAfter, limit: wait.limit },
  });
}
