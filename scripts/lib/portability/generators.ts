// The outside generators the portability check runs on the published bundle, each writing into a
// folder of a scratch directory, as a team generating its own client in CI would.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pinnedVersion, runPortabilityTool } from "./tools.ts";

export interface OutsideGenerator {
  /** The folder it writes into, and the name of its usage files in portability/usage/. */
  name: string;
  /** The npm package, pinned in portability/package.json. */
  package: string;
  /** The generated files that hold zod schemas. */
  zodFiles: string[];
  generate(bundle: string, outDir: string): Promise<unknown>;
}

export const GENERATORS: OutsideGenerator[] = [
  {
    name: "hey-api",
    package: "@hey-api/openapi-ts",
    zodFiles: ["zod.gen.ts"],
    // The fetch client, its SDK functions and types, and zod schemas.
    generate: (bundle, outDir) =>
      runPortabilityTool("openapi-ts", ["-i", bundle, "-o", outDir, "-c", "@hey-api/client-fetch", "-p", "@hey-api/typescript", "@hey-api/sdk", "zod", "-s", "--no-log-file"]),
  },
  {
    name: "zod-client",
    package: "openapi-zod-client",
    zodFiles: ["client.ts"],
    // A Zodios client whose endpoints are typed by zod schemas.
    generate: async (bundle, outDir) => {
      await mkdir(outDir, { recursive: true });
      return runPortabilityTool("openapi-zod-client", [bundle, "-o", join(outDir, "client.ts")]);
    },
  },
];

export const describeGenerator = (generator: OutsideGenerator) => `${generator.package} ${pinnedVersion(generator.package)}`;
