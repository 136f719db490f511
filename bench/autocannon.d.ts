/** The part of autocannon's programmatic API that bench/load-client.ts uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }
    interface RequestDef {
      setupRequest?: (req: Request, context: never) => Request;
      onResponse?: (status: number, body: string, context: never) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      requests?: RequestDef[];
    }
    interface Histogram {
      average: number;
      total: number;
      p50: number;
      p99: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      non2xx: number;
      errors: number;
      timeouts: number;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
