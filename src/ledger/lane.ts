/**
 * @module
 * The single lane through which every Google call of a ledger goes. Input gates do not hold
 * across fetch() (cloudflare-workers.md §1.1), so without it a sync, a flush and a PATCH could
 * interleave their reads and writes; with it they run one after another, in arrival order.
 */

export type Lane = {
  /** Runs `task` after every task queued before it has settled; its result is passed through. */
  run<T>(task: () => Promise<T>): Promise<T>
  /** Tasks queued or running. */
  readonly depth: () => number
}

export function createLane(): Lane {
  let tail: Promise<unknown> = Promise.resolve()
  let depth = 0
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      depth++
      const result = tail.then(task)
      // The chain continues whether the task fulfils or rejects.
      tail = result.then(
        () => {
          depth--
        },
        () => {
          depth--
        },
      )
      return result
    },
    depth: () => depth,
  }
}
