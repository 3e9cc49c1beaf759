// The pipeline's stages: lint the split spec and bundle it, then in parallel lint the bundle,
// generate the types, generate the clients (functions, hooks, zod, MSW), build the Postman collection
// and build the docs. Each stage loads its tools only when it runs, so a build with nothing to do
// starts in a blink.
import { join } from "node:path";
import { GENERATED_DIR, ROOT } from "../../spec/paths.ts";
import { postmanFiles } from "./postman/files.ts";
import { run } from "../../tooling/process/run.ts";
import type { Stage } from "../../tooling/build/runner.ts";

const GENERATED_CLIENT_FILES = ["operations.ts", "models.ts", "react.ts", "msw.ts", "zod.ts", "servers.ts"];
const generated = (...files: string[]) => files.map((file) => `generated/${file}`);

/** The stages that build everything into `generated/` and `docs-site/dist/`. */
export function pipelineStages(outDir = GENERATED_DIR): Stage[] {
  return [
    {
      name: "lint:spec",
      after: [],
      inputs: ["openapi", "redocly.yaml", ".redocly.lint-ignore.yaml"],
      outputs: [],
      run: async () => void (await run("redocly", ["lint", "--format=stylish"], { quiet: true })),
    },
    {
      // Beside lint:spec rather than after it: both only read the split spec, and a lint error
      // still fails the build. Bundling a spec that lint refuses costs nothing but the time.
      name: "bundle",
      after: [],
      inputs: ["openapi", "redocly.yaml", "scripts/bundle.ts", "scripts/lib/guide-tables.ts", "scripts/lib/code-samples.ts", "spec", "local-servers.yaml"],
      outputs: generated("openapi.json", "openapi.yaml"),
      run: async () => (await import("../bundle.ts")).bundle(outDir),
    },
    {
      name: "lint:bundle",
      after: ["bundle"],
      inputs: [...generated("openapi.yaml"), ".spectral.yaml", "spectral/functions"],
      outputs: [],
      run: async () =>
        void (await run("spectral", ["lint", join(outDir, "openapi.yaml"), "--ruleset", ".spectral.yaml", "--fail-severity=warn"], { quiet: true })),
    },
    {
      name: "types",
      after: ["bundle"],
      inputs: [...generated("openapi.json"), "scripts/generate-types.ts"],
      outputs: generated("schema.d.ts"),
      run: async () => (await import("../generate-types.ts")).generateTypes(outDir),
    },
    {
      name: "clients",
      after: ["bundle"],
      inputs: [...generated("openapi.json"), "scripts/generate-clients.ts", "src/mutator.ts", "spec", "local-servers.yaml"],
      outputs: generated(...GENERATED_CLIENT_FILES),
      // In this process, which runs it once (see writeClients): saves a child, and shares the
      // modules the types stage has just loaded.
      run: async () => (await import("../generate-clients.ts")).writeClients(outDir),
    },
    {
      name: "postman",
      after: ["bundle"],
      inputs: [...generated("openapi.json"), "scripts/generate-postman.ts", "scripts/lib/postman", "contract-tests/cases/requests.ts", "emulator/config/default.yaml", "emulator/config.ts", "spec", "local-servers.yaml"],
      outputs: generated(...postmanFiles()),
      run: async () => (await import("../generate-postman.ts")).generatePostman(outDir),
    },
    {
      name: "docs",
      after: ["bundle"],
      inputs: [...generated("openapi.json"), "scripts/docs-build.ts", "scripts/lib/offline-docs.ts", "docs-site/assets", "CHANGELOG.md", "redocly.yaml"],
      outputs: ["docs-site/dist/index.html"],
      run: async () => void (await (await import("../docs-build.ts")).buildDocs()),
    },
  ];
}

/** The same stages chained one after another, each waiting for the one before. */
export function sequentially(stages: readonly Stage[]): Stage[] {
  return stages.map((stage, i) => ({ ...stage, after: i === 0 ? [] : [stages[i - 1]!.name] }));
}

export const BUILD_CACHE = join(ROOT, ".cache", "build", "stages.json");
