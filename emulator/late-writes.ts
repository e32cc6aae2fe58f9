/**
 * Writes that Google answered with an error but applies later ("503_then_applied", see faults.ts):
 * each is kept as a closure and run after its delay, unless the emulator was reset meanwhile (a
 * reset empties the state the write was meant for). The count of writes still to land is part of
 * GET /_emulator/faults, so a test can wait for them instead of guessing a sleep.
 */

export class LateWrites {
  private generation = 0
  private waiting = 0
  private applied = 0
  private refused = 0

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Runs `apply` after `delayMs`. It answers whether the write was applied: one that is no longer
   * valid when it lands (its tab deleted meanwhile, say) is refused, as Google would refuse it.
   */
  schedule(delayMs: number, apply: () => Promise<boolean>): void {
    const generation = this.generation
    this.waiting++
    void this.sleep(delayMs)
      .then(async () => {
        if (generation !== this.generation) return
        if (await apply()) this.applied++
        else this.refused++
      })
      .catch(this.onError)
      .finally(() => {
        if (generation === this.generation) this.waiting--
      })
  }

  /** Late writes still waiting, and how many were applied or refused since the last reset. */
  status(): { readonly pending: number; readonly applied: number; readonly refused: number } {
    return { pending: this.waiting, applied: this.applied, refused: this.refused }
  }

  /** Forgets every write still waiting: they will not land. */
  reset(): void {
    this.generation++
    this.waiting = 0
    this.applied = 0
    this.refused = 0
  }
}
