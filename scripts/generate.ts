// Produces everything in generated/ from the spec, in order: the bundle first, then what is
// derived from it (types, the client code, the Postman collection).
import { bundle } from "./bundle.ts";
import { generateClients } from "./generate-clients.ts";
import { generatePostman } from "./generate-postman.ts";
import { generateTypes } from "./generate-types.ts";
import { GENERATED_DIR } from "../spec/paths.ts";

export async function generateAll(outDir = GENERATED_DIR): Promise<void> {
  await bundle(outDir);
  await generateTypes(outDir);
  await generateClients(outDir);
  await generatePostman(outDir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generateAll();
  console.log(`Generated ${GENERATED_DIR}`);
}
