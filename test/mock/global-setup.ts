// One Prism for the mock tests: started on a free loopback port, stopped by PID when they end.
import type { TestProject } from "vitest/node";
import { startMock } from "../../tooling/process/mock-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock({ port: 0, logLevel: "silent" });
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
