/**
 * @module
 * Case outcome as a Goal Attainment Scaling T-score (Kiresuk & Sherman; domain.md "Case
 * outcome"): T = 50 + 10·Σwᵢxᵢ / √(0.7·Σwᵢ² + 0.3·(Σwᵢ)²), xᵢ = clamp(levelᵢ − success_levelᵢ, −2, +2).
 * T = 50 means "as planned"; each step of 10 is one goal-level above or below plan on average.
 */

export type TScoreGoal = { readonly level: number; readonly success_level: number; readonly weight: number }

/** Weight of a goal: missing, negative or not a number counts as the default 1 … */
const weightOf = (w: unknown): number => (typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : 1)

/**
 * The case T-score, rounded half up to two decimals (domain.md "Case outcome"). If every weight
 * is 0, each goal weighs 1. A case without goals scores 50 ("as planned", nothing to deviate
 * from); callers that must tell "no goals" apart check the list themselves.
 */
export function caseTScore(goals: readonly TScoreGoal[]): number {
  if (goals.length === 0) return 50
  const allZero = goals.every((g) => weightOf(g.weight) === 0)
  let sumWx = 0
  let sumW = 0
  let sumW2 = 0
  for (const g of goals) {
    const w = allZero ? 1 : weightOf(g.weight)
    const x = Math.max(-2, Math.min(2, g.level - g.success_level))
    sumWx += w * x
    sumW += w
    sumW2 += w * w
  }
  const t = 50 + (10 * sumWx) / Math.sqrt(0.7 * sumW2 + 0.3 * sumW * sumW)
  // T > 0 always (|Σwx| ≤ 2Σw and the root ≥ √0.3·Σw); the tiny nudge keeps an exact .xx5 that
  // floating point stores as .xx4999… rounding up, as half-up rounding should.
  return Math.floor(t * 100 + 0.5 + 1e-9) / 100
}
