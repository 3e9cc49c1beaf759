// The claims ledger's two commands.
//
//   npm run ledger -- check     fails on a hand-written "Unconfirmed:" marker under openapi/ and on a
//                               malformed ledger entry (no evidence URL, a duplicate id, …)
//   npm run ledger -- convert   moves every hand-written marker into the `x-unconfirmed` list of the
//                               node it sits on; then give each new entry its evidence and probe
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isMap, isScalar, parseDocument, visit, YAMLMap, type Document, type Scalar } from "yaml";
import { ledgerEntries, LEDGER_KEY, PROSE_MARKER } from "../spec/ledger.ts";
import { loadBundle } from "../spec/openapi.ts";
import { ROOT, SPEC_DIR } from "../spec/paths.ts";

async function specFiles(dir = SPEC_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? specFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat().filter((file) => /\.(ya?ml|md)$/.test(file)).sort();
}

/** `file:line` of every hand-written marker under openapi/. */
export async function handWrittenMarkers(dir = SPEC_DIR): Promise<string[]> {
  const found: string[] = [];
  for (const file of await specFiles(dir)) {
    (await readFile(file, "utf8")).split("\n").forEach((line, index) => {
      if (PROSE_MARKER.test(line)) found.push(`${relative(ROOT, file)}:${index + 1}`);
    });
  }
  return found;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/`/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 5)
    .join("-");

/** Splits a text at its marker: what stays in the prose, and the claim. */
function splitMarker(text: string): { kept: string; claim: string } | undefined {
  const paragraphs = text.split(/\n\s*\n/);
  const index = paragraphs.findIndex((paragraph) => PROSE_MARKER.test(paragraph));
  if (index < 0) return undefined;
  const paragraph = paragraphs[index]!;
  const match = PROSE_MARKER.exec(paragraph)!;
  const claim = paragraph.slice(match.index + match[0].length).replace(/\s+/g, " ").trim();
  const before = paragraph.slice(0, match.index).trimEnd();
  const kept = [...paragraphs.slice(0, index), ...(before ? [before] : []), ...paragraphs.slice(index + 1)].join("\n\n");
  return { kept, claim };
}

class Converter {
  readonly ids = new Set<string>();
  converted = 0;

  constructor(existing: string[]) {
    for (const id of existing) this.ids.add(id);
  }

  newId(file: string, claim: string): string {
    const base = `${basename(file).replace(/\.(ya?ml|md)$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${slug(claim)}`;
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }

  /** Adds a new entry, with no evidence yet, to the node's ledger. */
  record(document: Document, node: YAMLMap, file: string, claim: string): string {
    const id = this.newId(file, claim);
    const entry = { id, claim, evidence: [], probe: { none: "not assessed yet" } };
    const list = node.get(LEDGER_KEY, true);
    if (list && "items" in list && Array.isArray(list.items)) list.items.push(document.createNode(entry));
    else node.set(LEDGER_KEY, document.createNode([entry]));
    this.converted++;
    return id;
  }

  /** Every marker in the descriptions and example summaries of one YAML file. */
  convertYaml(document: Document, file: string): void {
    visit(document, {
      Map: (_, node) => {
        for (const field of ["description", "summary"]) {
          const scalar = node.get(field, true);
          if (!isScalar(scalar) || typeof scalar.value !== "string") continue;
          for (let split = splitMarker(scalar.value); split; split = splitMarker(scalar.value as string)) {
            this.record(document, node, file, split.claim);
            (scalar as Scalar<string>).value =
              field === "summary" ? split.claim.charAt(0).toUpperCase() + split.claim.slice(1) : split.kept;
          }
        }
      },
    });
  }

  /** Every marker in a guide: a placeholder keeps its place, the claim goes on the node that uses the guide. */
  convertGuide(text: string, file: string, document: Document, node: YAMLMap): string {
    let result = text;
    for (let split = splitMarker(result); split; split = splitMarker(result)) {
      const id = this.record(document, node, file, split.claim);
      const match = PROSE_MARKER.exec(result)!;
      const end = result.indexOf("\n\n", match.index);
      result = `${result.slice(0, match.index)}<!-- unconfirmed:${id} -->${end < 0 ? "\n" : result.slice(end)}`;
    }
    return result;
  }
}

/** The node of each YAML file whose `description` is a $ref to a Markdown guide. */
function guideUsers(document: Document, file: string): Map<string, YAMLMap> {
  const users = new Map<string, YAMLMap>();
  visit(document, {
    Map: (_, node) => {
      const description = node.get("description", true);
      const ref = isMap(description) ? description.get("$ref") : undefined;
      if (typeof ref === "string" && ref.endsWith(".md")) users.set(resolve(dirname(file), ref), node);
    },
  });
  return users;
}

export async function convert(dir = SPEC_DIR): Promise<number> {
  const files = await specFiles(dir);
  const yamlFiles = files.filter((file) => !file.endsWith(".md"));
  const documents = new Map<string, Document>();
  for (const file of yamlFiles) documents.set(file, parseDocument(await readFile(file, "utf8")));
  const existing = [...documents.values()].flatMap((document) => {
    const ids: string[] = [];
    visit(document, { Pair: (_, pair) => void (isScalar(pair.key) && pair.key.value === "id" && isScalar(pair.value) ? ids.push(String(pair.value.value)) : undefined) });
    return ids;
  });
  const converter = new Converter(existing);
  const changed = new Set<string>();
  for (const [file, document] of documents) {
    const before = converter.converted;
    converter.convertYaml(document, file);
    if (converter.converted > before) changed.add(file);
  }
  for (const [file, document] of documents) {
    for (const [guide, node] of guideUsers(document, file)) {
      const text = await readFile(guide, "utf8");
      const before = converter.converted;
      const converted = converter.convertGuide(text, guide, document, node);
      if (converter.converted > before) {
        await writeFile(guide, converted);
        changed.add(file);
      }
    }
  }
  for (const file of changed) await writeFile(file, documents.get(file)!.toString({ lineWidth: 100, flowCollectionPadding: false }));
  return converter.converted;
}

async function check(): Promise<void> {
  const markers = await handWrittenMarkers();
  if (markers.length > 0) {
    throw new Error(
      `Hand-written "Unconfirmed:" markers (the ledger renders them; run \`npm run ledger -- convert\`, then give each new entry its evidence):\n${markers.join("\n")}`,
    );
  }
  const entries = ledgerEntries(loadBundle());
  console.log(`Claims ledger: ${entries.length} claims, no hand-written markers`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  try {
    if (command === "check") await check();
    else if (command === "convert") console.log(`Converted ${await convert()} markers into ledger entries`);
    else throw new Error("Usage: npm run ledger -- check | convert");
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
