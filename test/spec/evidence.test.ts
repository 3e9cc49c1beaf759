// openapi/EVIDENCE.md against the bundle, both ways: every response field of the bundle is in the
// table with the same required-ness and nullability, the table names no field the bundle lacks, and
// a row that cites an SDK schema line agrees with it, unless it says why it departs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBundle, type JsonObject, type OpenApiDocument } from "../../spec/openapi.ts";
import { ROOT } from "../../spec/paths.ts";
import { responseFields, type ResponseField } from "../../spec/response-fields.ts";

interface Row extends ResponseField {
  evidence: string;
}

const TABLE = join(ROOT, "openapi/EVIDENCE.md");
const yesNo = (cell: string) => cell === "yes";

function parseTable(markdown: string): Row[] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [schema, field, required, nullable, evidence] = line.slice(2, -2).split(" | ").map((cell) => cell.trim());
      const name = (cell: string | undefined) => (cell ?? "").replace(/`/g, "");
      return { schema: name(schema), field: name(field), required: yesNo(required!), nullable: yesNo(nullable!), evidence: evidence ?? "" };
    });
}

const key = (field: Pick<ResponseField, "schema" | "field">) => `${field.schema}.${field.field}`;
const describeField = (field: ResponseField) => `required ${field.required ? "yes" : "no"}, nullable ${field.nullable ? "yes" : "no"}`;

/** What keeps the table and the bundle apart; empty when they agree. */
function disagreements(rows: Row[], fields: ResponseField[]): string[] {
  const byKey = new Map(rows.map((row) => [key(row), row]));
  const inBundle = new Set(fields.map(key));
  const problems: string[] = [];
  for (const field of fields) {
    const row = byKey.get(key(field));
    if (!row) problems.push(`${key(field)} is in the bundle but not in the table`);
    else if (row.required !== field.required || row.nullable !== field.nullable) {
      problems.push(`${key(field)}: the bundle says ${describeField(field)}, the table ${describeField(row)}`);
    }
  }
  for (const row of rows) if (!inBundle.has(key(row))) problems.push(`${key(row)} is in the table but not in the bundle`);
  for (const row of rows) {
    const zod = /`(z\.[^`]+)`/.exec(row.evidence)?.[1];
    const sdkOptional = zod !== undefined && /\.(nullish|optional)\(\)$/.test(zod);
    if (zod && row.required === sdkOptional && !row.evidence.includes("kept required")) {
      problems.push(`${key(row)}: required ${row.required ? "yes" : "no"}, but the SDK's schema says ${zod} and the row gives no reason`);
    }
    if (!/https:\/\/(github\.com\/messages-dev\/|messages\.dev\/|messagesdev\.mintlify\.app\/)/.test(row.evidence)) {
      problems.push(`${key(row)}: the evidence cites no SDK file or docs page by URL`);
    }
  }
  return problems;
}

const spec = loadBundle();
const rows = parseTable(readFileSync(TABLE, "utf8"));

describe("openapi/EVIDENCE.md", () => {
  it("lists every response field of the bundle, with its required-ness and nullability, and nothing else", () => {
    expect(rows.length).toBe(responseFields(spec).length);
    expect(disagreements(rows, responseFields(spec))).toEqual([]);
  });

  it("names each field once", () => {
    expect(new Set(rows.map(key)).size).toBe(rows.length);
  });

  describe("the check", () => {
    const changed = (change: (schemas: Record<string, JsonObject>) => void): ResponseField[] => {
      const copy = structuredClone(spec) as OpenApiDocument;
      change((copy.components as { schemas: Record<string, JsonObject> }).schemas);
      return responseFields(copy);
    };

    it("catches a field made required in the bundle but not in the table", () => {
      const fields = changed((schemas) => (schemas.Chat!.required as string[]).push("is_group"));
      expect(disagreements(rows, fields)).toEqual(["Chat.is_group: the bundle says required yes, nullable yes, the table required no, nullable yes"]);
    });

    it("catches a field the bundle gained, and one it lost", () => {
      const fields = changed((schemas) => {
        const properties = schemas.Line!.properties as JsonObject;
        properties.color = { type: "string" };
        delete properties.label;
      });
      expect(disagreements(rows, fields)).toEqual(["Line.color is in the bundle but not in the table", "Line.label is in the table but not in the bundle"]);
    });

    it("catches a row that departs from the SDK line it cites, and one without a source", () => {
      const text = readFileSync(TABLE, "utf8")
        .replace(/\| `Chat` \| `name` \| no \|/, "| `Chat` | `name` | yes |")
        .replace(/(\| `Line` \| `id` \| yes \| no \| )[^\n]*/, "$1seen in our own examples |");
      const problems = disagreements(parseTable(text), changed((schemas) => (schemas.Chat!.required as string[]).push("name")));
      expect(problems).toEqual([
        "Line.id: the evidence cites no SDK file or docs page by URL",
        "Chat.name: required yes, but the SDK's schema says z.string().nullish() and the row gives no reason",
      ]);
    });
  });
});
