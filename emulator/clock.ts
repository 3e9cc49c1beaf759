// The emulator's notion of now. Everything time-based (timestamps, the outbox's schedule, webhook
// retries, rate-limit windows, the sandbox's daily quota) reads it, so tests can freeze and advance
// time instead of sleeping.
export class Clock {
  private offset = 0;
  private frozenAt: number | undefined;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offset = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  set(now: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = now;
    else this.offset = now - Date.now();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  reset(): void {
    this.offset = 0;
    this.frozenAt = undefined;
  }
}
