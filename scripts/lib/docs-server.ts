import { DOCS_DIST } from "../docs-build.ts";
import type { RunningService } from "../../tooling/process/service.ts";
import { serveStatic } from "../../tooling/process/static-server.ts";

export const DEFAULT_DOCS_PORT = 4000;

/** Serves the built reference on loopback (port 0 picks a free port). */
export function startDocs(port = DEFAULT_DOCS_PORT, root = DOCS_DIST): Promise<RunningService> {
  return serveStatic({ root, port });
}
