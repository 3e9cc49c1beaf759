// The layering of the repository (see ARCHITECTURE.md), lowest first: generated/ and src/ (the
// package), spec/ (the spec library), tooling/ (processes, the build graph), emulator/ and
// contract-tests/, then scripts/, docs-site/ and test/. Nothing imports upwards, there are no
// cycles, and above it the emulator is reached through its public entry, emulator/index.ts, only.
// `npm run lint:layers` runs it; test/layering/layering.test.ts proves each rule on a fixture.
const areas = (...names) => `^(${names.join("|")})/`;

module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "Modules import each other in a circle.", from: {}, to: { circular: true } },
    {
      name: "package-stands-alone",
      severity: "error",
      comment: "The published package (src/ and the generated code) ships alone: it imports nothing else from the repository.",
      from: { path: areas("src", "generated") },
      to: { path: areas("spec", "tooling", "emulator", "contract-tests", "scripts", "docs-site", "test") },
    },
    {
      name: "spec-library-at-the-bottom",
      severity: "error",
      comment: "spec/ reads the bundle; it imports nothing above it.",
      from: { path: areas("spec") },
      to: { path: areas("src", "tooling", "emulator", "contract-tests", "scripts", "docs-site", "test") },
    },
    {
      name: "tooling-below-the-areas",
      severity: "error",
      comment: "tooling/ (processes, the build graph) serves the areas; it imports only spec/.",
      from: { path: areas("tooling") },
      to: { path: areas("src", "emulator", "contract-tests", "scripts", "docs-site", "test") },
    },
    {
      name: "emulator-below-its-users",
      severity: "error",
      comment: "The emulator imports only spec/ and the generated types.",
      from: { path: areas("emulator") },
      to: { path: areas("src", "tooling", "contract-tests", "scripts", "docs-site", "test") },
    },
    {
      name: "contract-suite-below-the-scripts",
      severity: "error",
      comment: "The contract suite imports spec/, tooling/ and the emulator's public entry, nothing above.",
      from: { path: areas("contract-tests") },
      to: { path: areas("src", "scripts", "docs-site", "test") },
    },
    {
      name: "emulator-through-its-entry",
      severity: "error",
      comment: "Code outside the emulator and its tests reaches it through emulator/index.ts only.",
      from: { path: areas("spec", "tooling", "contract-tests", "scripts", "docs-site") },
      to: { path: "^emulator/", pathNot: "^emulator/index\\.ts$" },
    },
    {
      name: "tests-are-not-imported",
      severity: "error",
      comment: "Only tests import test code.",
      from: { pathNot: areas("test", "docs-site") },
      to: { path: areas("test") },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|docs-site/dist|portability/node_modules|test/layering/fixture)/?" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".d.ts"] },
  },
};
