// Tables in the guides that restate what the operations already declare (scopes, error codes,
// mock examples), and the local servers' addresses from local-servers.yaml. They are written at bundle time from the operations themselves, so the prose
// can never drift from the spec. A guide asks for one with a marker such as
// `<!-- generated:scopes -->`.
import { errorCatalogue } from "../../spec/errors.ts";
import { LOCAL_SERVERS } from "../../spec/local-servers.ts";
import {
  isObject,
  namedExamples,
  operations,
  responses,
  scopeOf,
  type OpenApiDocument,
  type Operation,
} from "../../spec/openapi.ts";

const label = (operation: Operation) => `\`${operation.method.toUpperCase()} ${operation.path}\``;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function scopes(spec: OpenApiDocument): string {
  const byScope = new Map<string, string[]>();
  for (const operation of operations(spec)) {
    const scope = scopeOf(operation);
    if (scope) byScope.set(scope, [...(byScope.get(scope) ?? []), label(operation)]);
  }
  const rows = [...byScope].map(([scope, ops]) => [`\`${scope}\``, ops.join(", ")]);
  return table(["scope", "grants"], rows);
}

function errorCodes(spec: OpenApiDocument): string {
  const byCode = errorCatalogue(spec);
  const rows = [...byCode]
    .sort(([, a], [, b]) => a.status - b.status)
    .map(([code, use]) => [
      `\`${code}\``,
      String(use.status),
      `\`${use.type}\``,
      use.message,
      use.operationIds.length === operations(spec).length ? "every operation" : use.operationIds.map((id) => `\`${id}\``).join(", "),
    ]);
  return table(["code", "status", "type", "example message", "returned by"], rows);
}

function mockExamples(spec: OpenApiDocument): string {
  const rows = operations(spec).map((operation) => {
    const byStatus = responses(spec, operation)
      .map(({ status, json }) => {
        const names = namedExamples(spec, json).map(({ name }) => `\`${name}\``);
        return names.length > 0 ? `${status}: ${names.join(", ")}` : `${status} (no body)`;
      })
      .join("<br>");
    return [`\`${operation.operationId}\``, label(operation), byStatus];
  });
  return table(["operation", "request", "example names by status (`Prefer: code=<status>, example=<name>`)"], rows);
}

function localServers(): string {
  return table(["server", "address", "what it is"], Object.entries(LOCAL_SERVERS).map(([name, { url, description }]) => [name, `\`${url}\``, description]));
}

const TABLES: Record<string, (spec: OpenApiDocument) => string> = {
  "local-servers": localServers,
  scopes,
  "error-codes": errorCodes,
  "mock-examples": mockExamples,
};

/** One of the tables, by the name its marker uses. */
function guideTable(name: string, spec: OpenApiDocument): string {
  const build = TABLES[name];
  if (!build) throw new Error(`Unknown guide table ${name}`);
  return build(spec);
}

/** Replaces every `<!-- generated:NAME -->` marker in the spec's description with its table. */
export function fillGuideTables(spec: OpenApiDocument): void {
  if (!isObject(spec.info) || typeof spec.info.description !== "string") return;
  spec.info.description = spec.info.description.replace(/<!-- generated:([a-z-]+) -->/g, (_, name: string) => guideTable(name, spec));
}
