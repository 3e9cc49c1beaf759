/** One difference between two versions of the spec, classified for the people who call the API. */
export interface Change {
  /** A stable rule name, e.g. `request-property-became-required`. */
  rule: string;
  breaking: boolean;
  /** Where: an operation (`sendMessage (POST /v1/messages)`), a webhook, or the document. */
  where: string;
  /** What changed, for the changelog: "body field `text` became required". */
  what: string;
}

export type Direction = "request" | "response";

/** Collects changes at one location; rules say what they found and whether it breaks clients. */
export class ChangeLog {
  readonly changes: Change[] = [];

  add(rule: string, breaking: boolean, where: string, what: string): void {
    this.changes.push({ rule, breaking, where, what });
  }
}
