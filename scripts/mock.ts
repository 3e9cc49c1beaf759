// `npm run mock [-- --dynamic]`: Prism on 127.0.0.1 (MOCK_PORT, default 4010), answering from the
// spec's examples, or with --dynamic from its schemas (fixed seed, no invented properties).
import { parseArgs } from "node:util";
import { DEFAULT_MOCK_PORT, startMock } from "../tooling/process/mock-server.ts";
import { portFromEnv, stopOnSignal } from "../tooling/process/service.ts";

const { values } = parseArgs({ options: { dynamic: { type: "boolean", default: false } } });
const mock = await startMock({ port: portFromEnv("MOCK_PORT", DEFAULT_MOCK_PORT), dynamic: values.dynamic, echo: true });
console.log(`Mock (Prism, ${values.dynamic ? "dynamic" : "static examples"}) listening on ${mock.url}`);
stopOnSignal([mock]);
