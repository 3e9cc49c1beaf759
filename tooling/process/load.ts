// Load for the benchmarks: autocannon against one endpoint on loopback, in this process (its own
// work stays out of the server's process), reduced to the numbers the benchmarks print.
import autocannon from "autocannon";

export interface LoadResult {
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface Load {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}

export async function load({ url, method = "GET", headers, body, connections, seconds }: Load): Promise<LoadResult> {
  if (!new URL(url).hostname.startsWith("127.")) throw new Error(`Benchmarks load loopback only, not ${url}`);
  const result = await autocannon({ url, method, headers, body, connections, duration: seconds });
  return {
    reqPerSec: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
