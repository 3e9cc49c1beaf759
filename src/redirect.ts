// Where a 302 points: GET /v1/files answers with the file's storage URL in Location. Shared by the
// download helper and the mutator the generated functions send through.
import type { operations } from "../generated/schema.d.ts";

type Redirect = operations["getFile"]["responses"][302];
const LOCATION = "Location" satisfies keyof Redirect["headers"];

/** The URL a redirect points at. */
export function redirectLocation(response: Response): string {
  const location = response.headers.get(LOCATION);
  if (location) return location;
  if (response.type === "opaqueredirect") {
    throw new Error("Browsers hide where a redirect points. Read file URLs on a server, or use the `url` returned by the upload.");
  }
  throw new Error(`Expected a redirect with a ${LOCATION} header, got HTTP ${response.status} without one.`);
}
