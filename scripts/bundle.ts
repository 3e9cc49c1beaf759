// Bundles the split spec under openapi/ into the one artifact every consumer reads:
// generated/openapi.json and generated/openapi.yaml. Redocly resolves every file $ref into
// #/components/...; then each success response whose example has optional fields gets a `sparse`
// example without them, the guide tables that restate operation facts are filled in from the
// operations themselves, each claim of the ledger is written out as prose and listed on its page,
// and each operation gets its code samples. Same input, byte-identical output.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { addCodeSamples } from "./lib/code-samples.ts";
import { fillGuideTables } from "./lib/guide-tables.ts";
import { addSparseExamples } from "../spec/sparse-examples.ts";
import { fillLedgerPage, renderLedgerProse } from "../spec/ledger.ts";
import type { OpenApiDocument } from "../spec/openapi.ts";
import { BUNDLE_JSON, BUNDLE_YAML, GENERATED_DIR } from "../spec/paths.ts";
import { run } from "../tooling/process/run.ts";

/** Bundles and decorates the spec, writing the two artifacts into `outDir`. */
export async function bundle(outDir = GENERATED_DIR): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), "bundle-"));
  try {
    const raw = join(scratch, "openapi.json");
    await run("redocly", ["bundle", "messages", "--output", raw], { quiet: true });
    const spec = JSON.parse(await readFile(raw, "utf8")) as OpenApiDocument;
    addSparseExamples(spec);
    fillGuideTables(spec);
    fillLedgerPage(spec);
    renderLedgerProse(spec);
    addCodeSamples(spec);
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, "openapi.json"), `${JSON.stringify(spec, null, 2)}\n`);
    await writeFile(join(outDir, "openapi.yaml"), stringify(spec, { lineWidth: 0, aliasDuplicateObjects: false }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundle();
  console.log(`Bundled ${BUNDLE_JSON} and ${BUNDLE_YAML}`);
}
