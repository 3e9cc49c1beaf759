// `npm run sync:readme`: rewrites the README's generated tables from the bundle.
import { readFile, writeFile } from "node:fs/promises";
import { loadBundle } from "../spec/openapi.ts";
import { ROOT } from "../spec/paths.ts";
import { syncReadme } from "./lib/readme-tables.ts";

const file = `${ROOT}README.md`;
await writeFile(file, syncReadme(await readFile(file, "utf8"), loadBundle()));
console.log(`Synced the generated tables of ${file}`);
