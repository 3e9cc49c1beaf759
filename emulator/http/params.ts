// Typed reads of input that validation has already checked against the spec, so a handler can say
// `body.string("from")` instead of casting.
export class Params {
  constructor(private readonly values: Readonly<Record<string, unknown>> = {}) {}

  string(name: string): string {
    const value = this.values[name];
    if (typeof value !== "string") throw new Error(`Validated input has no string '${name}'`);
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === "string" ? value : undefined;
  }

  strings(name: string): string[] {
    const value = this.values[name];
    return Array.isArray(value) ? value.map(String) : [];
  }

  number(name: string): number | undefined {
    const value = this.values[name];
    return typeof value === "number" ? value : undefined;
  }

  boolean(name: string): boolean | undefined {
    const value = this.values[name];
    return typeof value === "boolean" ? value : undefined;
  }

  get raw(): Readonly<Record<string, unknown>> {
    return this.values;
  }
}
