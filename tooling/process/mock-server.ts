// Prism serving the bundle: the stateless mock that frontend teams build against. One module starts
// it for `npm run mock`, `npm start`, the tests and the benchmark, with the flags that avoid Prism's
// known traps.
import { defaultPort } from "../../spec/local-servers.ts";
import { BUNDLE_YAML, ROOT } from "../../spec/paths.ts";
import { freePort, LOOPBACK, spawnService, type ChildService } from "./service.ts";

export const DEFAULT_MOCK_PORT = defaultPort("mock");
/** The seed of dynamic mode: the same request gets the same generated answer on every run. */
export const DYNAMIC_SEED = "messages-dev";

export type PrismLogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

export interface MockOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Generate answers from the schemas instead of serving the examples. */
  dynamic?: boolean;
  /** Prism's own log level. `info` logs every request and halves throughput; `warn` shows only violations. */
  logLevel?: PrismLogLevel;
  echo?: boolean;
  spec?: string;
}

export function prismArgs(options: MockOptions & { port: number }): string[] {
  const { port, host = LOOPBACK, dynamic = false, logLevel = "warn", spec = BUNDLE_YAML } = options;
  const args = ["mock", spec, "--host", host, "--port", String(port), "--verboseLevel", logLevel];
  // Without these, dynamic answers change on every run and carry properties the spec never declared.
  if (dynamic) args.push("--dynamic", "--seed", DYNAMIC_SEED, "--json-schema-faker-fillProperties=false");
  return args;
}

export async function startMock(options: MockOptions = {}): Promise<ChildService> {
  const port = options.port === 0 ? await freePort(options.host) : (options.port ?? DEFAULT_MOCK_PORT);
  return spawnService({
    name: "Prism mock",
    command: `${ROOT}node_modules/.bin/prism`,
    args: prismArgs({ ...options, port }),
    port,
    ...(options.host ? { host: options.host } : {}),
    echo: options.echo ?? false,
  });
}
