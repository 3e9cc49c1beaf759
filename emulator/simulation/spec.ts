// The simulation endpoints' own OpenAPI description (emulator/simulation.openapi.yaml): the
// request schemas the emulator validates their bodies with. Its schemas point into the bundle,
// whose pointers the shared schema validator resolves.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { deref, HTTP_METHODS, isObject, type Json, type JsonObject } from "../../spec/openapi.ts";

export const SIMULATION_SPEC_FILE = fileURLToPath(new URL("../simulation.openapi.yaml", import.meta.url));
const BUNDLE_REF = "../generated/openapi.json#";

export interface SimulationOperation {
  method: string;
  path: string;
  operationId: string;
  /** The JSON body's schema, with refs into the bundle as `#/components/...`. */
  bodySchema: JsonObject | undefined;
}

export function loadSimulationSpec(file = SIMULATION_SPEC_FILE): SimulationOperation[] {
  const document = parseYaml(readFileSync(file, "utf8")) as JsonObject;
  const resolve = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!isObject(node)) return node;
    const { $ref, ...rest } = node;
    const siblings = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, resolve(value)]));
    if (typeof $ref !== "string") return siblings;
    if ($ref.startsWith(BUNDLE_REF)) return { $ref: `#${$ref.slice(BUNDLE_REF.length)}`, ...siblings };
    return { ...(resolve(deref(document, { $ref }) ?? {}) as JsonObject), ...siblings };
  };
  const operations: SimulationOperation[] = [];
  for (const [path, item] of Object.entries(document.paths as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const operation = isObject(item) ? item[method] : undefined;
      if (!isObject(operation)) continue;
      const body = isObject(operation.requestBody) ? (operation.requestBody.content as JsonObject)["application/json"] : undefined;
      const schema = isObject(body) ? body.schema : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId),
        bodySchema: schema === undefined ? undefined : (resolve(schema) as JsonObject),
      });
    }
  }
  return operations;
}
