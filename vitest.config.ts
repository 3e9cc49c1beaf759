import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Tests that start servers or run the CLIs need more than the 5 s default on a busy 2-core box;
    // no test asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
