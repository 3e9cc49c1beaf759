// Bundles the split spec under openapi/ into the one artifact every consumer reads:
// generated/openapi.yaml and generated/openapi.json. Redocly resolves every file $ref into
// #/components/...; the output is byte-identical for the same input.
import { mkdir } from "node:fs/promises";
import { BUNDLE_JSON, BUNDLE_YAML, GENERATED_DIR } from "./lib/paths.ts";
import { run } from "./lib/run.ts";

await mkdir(GENERATED_DIR, { recursive: true });
for (const output of [BUNDLE_YAML, BUNDLE_JSON]) {
  await run("redocly", ["bundle", "messages", "--output", output]);
}
