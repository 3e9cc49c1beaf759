// Produces everything in generated/ from the spec, in order: the bundle first, then what is
// derived from it.
import { bundle } from "./bundle.ts";
import { GENERATED_DIR } from "./lib/paths.ts";

export async function generateAll(outDir = GENERATED_DIR): Promise<void> {
  await bundle(outDir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generateAll();
  console.log(`Generated ${GENERATED_DIR}`);
}
