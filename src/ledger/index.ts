/**
 * @module
 * The ledger's public surface: the Durable Object class (export it from src/index.ts, binding
 * LEDGER) and the RPC contract the HTTP layer codes against.
 */
export type * from './contract'
export { Ledger } from './ledger'
