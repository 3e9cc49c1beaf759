// `npm run emulator -- [--port N] [--host H] [--config file.yaml|json] [--db path] [--sparse] [--drift kind]...`
import { parseArgs } from "node:util";
import { DEFAULT_PORT, DRIFT_KINDS, describeDrift, isDriftKind, startEmulator, type DriftKind } from "./index.ts";

const USAGE = `Usage: npm run emulator -- [options]

  --port N        port to listen on (default: $EMULATOR_PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --host H        address to bind (default: 127.0.0.1)
  --config FILE   seed config, YAML or JSON (default: emulator/config/default.yaml)
  --db FILE       keep state in this SQLite file across restarts (default: in memory)
  --sparse        answer in the sparsest shape the spec allows: every optional field left out
  --drift KIND    deviate from the spec in one way (repeatable); kinds:
${DRIFT_KINDS.map((kind) => `                    ${kind}: ${describeDrift(kind)}`).join("\n")}
  --help          show this
`;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    config: { type: "string" },
    db: { type: "string" },
    drift: { type: "string", multiple: true },
    sparse: { type: "boolean" },
    help: { type: "boolean" },
  },
});

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const drift = values.drift ?? [];
const unknown = drift.filter((kind) => !isDriftKind(kind));
if (unknown.length > 0) {
  process.stderr.write(`Unknown drift kind: ${unknown.join(", ")}\n\n${USAGE}`);
  process.exit(2);
}
const port = Number(values.port ?? process.env.EMULATOR_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, not ${values.port ?? process.env.EMULATOR_PORT}\n`);
  process.exit(2);
}

try {
  const emulator = await startEmulator({ port, host: values.host, config: values.config, db: values.db, drift: drift as DriftKind[], sparse: values.sparse });
  console.log(`Emulator listening on ${emulator.url}`);
  if (values.sparse) console.log("Sparse answers: every optional field left out");
  if (drift.length > 0) console.log(`Drift on: ${drift.join(", ")}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
