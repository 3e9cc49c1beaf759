// A `sparse` named example on every success response whose first example has optional fields: the
// same answer with every optional field left out, derived at bundle time from the schema. The mock
// serves it with `Prefer: example=sparse`, so frontends can build against the fields that may be
// missing; the reference docs show it beside the full one.
import { deref, isObject, operations, responses, type OpenApiDocument } from "./openapi.ts";
import { sparseValue } from "./sparse.ts";

export const SPARSE_EXAMPLE = "sparse";

export function addSparseExamples(spec: OpenApiDocument): void {
  for (const operation of operations(spec)) {
    for (const { status, json } of responses(spec, operation)) {
      if (!status.startsWith("2") || !json || !isObject(json.examples)) continue;
      const [first] = Object.values(json.examples);
      const example = deref(spec, first);
      if (!isObject(example) || example.value === undefined) continue;
      const sparse = sparseValue(spec, json.schema, example.value);
      if (JSON.stringify(sparse) === JSON.stringify(example.value)) continue;
      json.examples[SPARSE_EXAMPLE] = {
        summary: "Sparsest answer: every optional field left out",
        description: "The first example with every field the schema does not require left out, as the API may send it. Written at bundle time from the schema.",
        value: sparse,
      };
    }
  }
}
