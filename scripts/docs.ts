// `npm run docs`: serves the built reference on 127.0.0.1 (DOCS_PORT, default 4000), building it
// first when it is missing or older than the bundle.
import { buildDocs, docsAreStale } from "./docs-build.ts";
import { DEFAULT_DOCS_PORT, startDocs } from "./lib/docs-server.ts";
import { portFromEnv, stopOnSignal } from "../tooling/process/service.ts";

if (await docsAreStale()) console.log(`Built ${await buildDocs()}`);
const docs = await startDocs(portFromEnv("DOCS_PORT", DEFAULT_DOCS_PORT));
console.log(`Docs listening on ${docs.url}`);
stopOnSignal([docs]);
