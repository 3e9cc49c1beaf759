// The MSW tests run on MSW 3 and, in the `msw-2` project, on MSW 2 (the package accepts both).
// MSW 3 renamed `onUnhandledRequest` to `onUnhandledFrame`: each version reads its own name.
import type { SetupServer } from "msw/node";
import msw from "msw/package.json" with { type: "json" };

/** The MSW major these tests run on: 3, or what the vitest project names. */
export const expectedMajor = process.env.MSW_MAJOR ?? "3";
export const loadedMajor = msw.version.split(".")[0];

/** Starts intercepting; a request that no handler answers fails the test, on either version. */
export function listenStrictly(server: SetupServer): void {
  server.listen({ onUnhandledFrame: "error", onUnhandledRequest: "error" } as Parameters<SetupServer["listen"]>[0]);
}
