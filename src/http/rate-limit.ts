/**
 * A per-client-address limit for public routes (the certificate verification): at most `max` requests per
 * `windowMs` per address (fixed windows), 429 RATE_LIMITED with Retry-After beyond. In memory, per process: a
 * public lookup needs no shared state to be slowed down; the table is bounded (oldest windows dropped first).
 * The client address is Fastify's `request.ip`, which honours DTMA_TRUST_PROXY (never a client-chosen header).
 */
import type { FastifyRequest } from 'fastify';
import { ServiceError } from '../service/errors.js';

export interface RateLimit {
  windowMs: number;
  max: number;
}

export class AddressRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Counts a request of `address`; throws RATE_LIMITED when over the limit. */
  hit(address: string): void {
    const t = this.now();
    let w = this.windows.get(address);
    if (!w || t - w.start >= this.limit.windowMs) {
      if (w) this.windows.delete(address);
      if (this.windows.size >= this.maxAddresses) this.prune(t);
      w = { start: t, count: 0 };
      this.windows.set(address, w);
    }
    w.count++;
    if (w.count > this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((w.start + this.limit.windowMs - t) / 1000));
      throw new ServiceError('RATE_LIMITED', 'too many requests from this address; try again later', {
        params: { retryAfter },
      });
    }
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.limit.windowMs) this.windows.delete(k);
    // Still full: drop the oldest windows (insertion order).
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxAddresses) break;
      this.windows.delete(k);
    }
  }

  /** A Fastify hook body: limits by the request's client address. */
  check(request: Pick<FastifyRequest, 'ip'>): void {
    this.hit(request.ip);
  }
}
