// Writes the Postman collection and its environments into generated/postman/, from the bundle:
//   messages-dev.postman_collection.json       a request per request example, saved responses, webhook events
//   <server>.postman_environment.json          production, mock, emulator: base URL and API key
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadBundle } from "../spec/openapi.ts";
import { GENERATED_DIR } from "../spec/paths.ts";
import { buildCollection } from "./lib/postman/collection.ts";
import { buildEnvironments } from "./lib/postman/environments.ts";
import { COLLECTION_FILE, environmentFile, POSTMAN_DIR } from "./lib/postman/files.ts";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function generatePostman(outDir = GENERATED_DIR): Promise<void> {
  const spec = loadBundle(join(outDir, "openapi.json"));
  const folder = join(outDir, POSTMAN_DIR);
  const collection = buildCollection(spec);
  // A server the spec no longer names leaves no environment file behind.
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, COLLECTION_FILE), json(collection));
  for (const [server, environment] of buildEnvironments(spec, collection.info.name)) {
    await writeFile(join(folder, environmentFile(server)), json(environment));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generatePostman();
  console.log(`Wrote ${join(GENERATED_DIR, POSTMAN_DIR)}`);
}
