import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig } from "../../contract-tests/config.ts";

const live = { MESSAGES_API_KEY: "sk_live_abc" };

describe("the run configuration", () => {
  it("takes the target from --target, or from CONTRACT_TARGET", () => {
    expect(resolveConfig(["--target", "mock"], {}).target).toBe("mock");
    expect(resolveConfig([], { CONTRACT_TARGET: "emulator" }).target).toBe("emulator");
  });

  it("refuses to start without a target, or with an unknown one", () => {
    expect(() => resolveConfig([], {})).toThrow(/Choose a target: --target mock\|emulator\|live/);
    expect(() => resolveConfig(["--target", "staging"], {})).toThrow(/"staging" is none of them/);
    expect(() => resolveConfig(["--targte", "mock"], {})).toThrow(ConfigError);
  });

  it("uses the emulator's all-scopes key for the emulator and any bearer for the mock", () => {
    expect(resolveConfig(["--target", "emulator"], {}).apiKey).toBe("sk_live_emulator");
    expect(resolveConfig(["--target", "mock"], {}).apiKey).toMatch(/^sk_live_/);
  });

  it("refuses live without MESSAGES_API_KEY, saying how to set it", () => {
    expect(() => resolveConfig(["--target", "live"], {})).toThrow(/needs an API key: set MESSAGES_API_KEY/);
  });

  it("runs live read-only with a key and no write opt-in", () => {
    expect(resolveConfig(["--target", "live"], live)).toMatchObject({ apiKey: "sk_live_abc", allowWrites: false, maxRequests: 200 });
  });

  it("allows writes against live only with CONTRACT_ALLOW_WRITES=1, CONTRACT_FROM and CONTRACT_TO", () => {
    const writes = { ...live, CONTRACT_ALLOW_WRITES: "1", CONTRACT_FROM: "+15550001111", CONTRACT_TO: "+15550002222" };
    expect(resolveConfig(["--target", "live"], writes)).toMatchObject({ allowWrites: true, from: "+15550001111", to: "+15550002222" });
    expect(() => resolveConfig(["--target", "live"], { ...writes, CONTRACT_TO: "" })).toThrow(/needs CONTRACT_FROM .* and CONTRACT_TO/);
    expect(resolveConfig(["--target", "live"], { ...writes, CONTRACT_ALLOW_WRITES: "yes" }).allowWrites).toBe(false);
  });

  it("caps requests per run with CONTRACT_MAX_REQUESTS, and refuses a cap that is not a positive whole number", () => {
    expect(resolveConfig(["--target", "live"], { ...live, CONTRACT_MAX_REQUESTS: "25" }).maxRequests).toBe(25);
    expect(() => resolveConfig(["--target", "live"], { ...live, CONTRACT_MAX_REQUESTS: "0" })).toThrow(/whole number above 0/);
  });

  it("passes --drift to an emulator the runner starts, and refuses it anywhere else", () => {
    expect(resolveConfig(["--target", "emulator", "--drift", "rename-field", "--drift", "sparse"], {}).drift).toEqual(["rename-field", "sparse"]);
    expect(() => resolveConfig(["--target", "mock", "--drift", "a"], {})).toThrow(/--drift needs the emulator target/);
    expect(() => resolveConfig(["--target", "emulator", "--drift", "a"], { CONTRACT_BASE_URL: "http://127.0.0.1:1" })).toThrow(ConfigError);
    expect(() => resolveConfig(["--target", "emulator", "--drift", "no-such-drift"], {})).toThrow(/Unknown drift kind no-such-drift; known: .*rename-field/);
  });
});
