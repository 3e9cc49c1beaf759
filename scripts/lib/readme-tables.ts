// The README shows a few of the guide tables too (the mock's example names, for frontend teams).
// They sit between `<!-- readme:NAME -->` and `<!-- /readme:NAME -->`, are written from the bundle
// by `npm run sync:readme`, and a test fails when they differ from what the bundle says.
import { guideTable } from "./guide-tables.ts";
import type { OpenApiDocument } from "../../spec/openapi.ts";

const BLOCK = /(<!-- readme:([a-z-]+) -->)[\s\S]*?(<!-- \/readme:\2 -->)/g;

/** The README with every table block rewritten from the bundle. */
export function syncReadme(readme: string, spec: OpenApiDocument): string {
  return readme.replace(BLOCK, (_, open: string, name: string, close: string) => `${open}\n${guideTable(name, spec)}\n${close}`);
}
