import { configDefaults, defineConfig } from "vitest/config";

// Tests that start servers or run the CLIs need more than the 5 s default on a busy 2-core box (no
// test asserts on time). newman reads fs.F_OK, which Node 24 deprecates (DEP0176): that one warning
// is newman's to fix, so the workers do not print it.
const shared = { testTimeout: 60_000, hookTimeout: 60_000, execArgv: ["--disable-warning=DEP0176"] };
const MSW_TESTS = ["test/clients/msw.test.ts", "test/clients/react.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: [...configDefaults.exclude, "test/mock/**"],
        },
      },
      // Runs against one Prism, started on a free port and stopped by PID around the whole project.
      { test: { ...shared, name: "mock", include: ["test/mock/**/*.test.ts"], globalSetup: ["test/mock/global-setup.ts"] } },
      { test: { ...shared, name: "docs", include: ["docs-site/**/*.test.ts"] } },
      // The package accepts MSW 2 and 3 (peer `^2 || ^3`): the tests that use MSW run again on MSW 2,
      // installed as `msw-2`.
      {
        resolve: { alias: [{ find: /^msw(\/.*)?$/, replacement: "msw-2$1" }] },
        test: { ...shared, name: "msw-2", include: MSW_TESTS, env: { MSW_MAJOR: "2" } },
      },
    ],
  },
});
