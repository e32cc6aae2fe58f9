/**
 * @module
 * The bearer token the browser tests show the emulator when they act as the spreadsheet's owner
 * (seeding, reading the sheet): in permissive mode it accepts any token from a caller it does
 * not know. Its own module, so test files need not load the system's start-up code.
 */
export const EMULATOR_SEED_TOKEN = 'browser-test-seed'
