// `npm run docs`: serves the built reference on 127.0.0.1 (DOCS_PORT, default 4000), building it
// first through the build graph's docs stage when the bundle or the page changed since it last ran.
import { build } from "./build.ts";
import { DEFAULT_DOCS_PORT, startDocs } from "./lib/docs-server.ts";
import { portFromEnv, stopOnSignal } from "../tooling/process/service.ts";

const [docsStage] = await build({ only: ["docs"] });
if (docsStage?.outcome !== "ran" && docsStage?.outcome !== "cached") throw new Error(`The docs did not build: ${docsStage?.error ?? "no docs stage"}`);
const docs = await startDocs(portFromEnv("DOCS_PORT", DEFAULT_DOCS_PORT));
console.log(`Docs listening on ${docs.url}`);
stopOnSignal([docs]);
