// Expected failures are values, not exceptions (house rule 5): every adapter and rule returns a
// Result and callers branch on `ok`. Only bugs throw.
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value })

export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error })
