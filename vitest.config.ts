import { configDefaults, defineConfig } from "vitest/config";

// Tests that start servers or run the CLIs need more than the 5 s default on a busy 2-core box;
// no test asserts on time.
const timeouts = { testTimeout: 60_000, hookTimeout: 60_000 };
const MSW_TESTS = ["test/clients/msw.test.ts", "test/clients/react.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...timeouts,
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: [...configDefaults.exclude, "test/mock/**"],
        },
      },
      // Runs against one Prism, started on a free port and stopped by PID around the whole project.
      { test: { ...timeouts, name: "mock", include: ["test/mock/**/*.test.ts"], globalSetup: ["test/mock/global-setup.ts"] } },
      { test: { ...timeouts, name: "docs", include: ["docs-site/**/*.test.ts"] } },
      // The package accepts MSW 2 and 3 (peer `^2 || ^3`): the tests that use MSW run again on MSW 2,
      // installed as `msw-2`.
      {
        resolve: { alias: [{ find: /^msw(\/.*)?$/, replacement: "msw-2$1" }] },
        test: { ...timeouts, name: "msw-2", include: MSW_TESTS, env: { MSW_MAJOR: "2" } },
      },
    ],
  },
});
