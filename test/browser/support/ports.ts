/**
 * @module
 * Which loopback ports the browser tests' local system (emulator, Worker, inspector) may take.
 */

/**
 * The port range the browser tests' servers take free ports from: 9500–9599 unless
 * BROWSER_TEST_PORTS says otherwise (`low-high`), so engineers sharing a machine can each keep
 * to a range of their own instead of racing for the same free ports.
 */
export function browserTestPorts(env: NodeJS.ProcessEnv = process.env): readonly [number, number] {
  const given = env.BROWSER_TEST_PORTS?.trim()
  if (!given) return [9500, 9599]
  const match = /^(\d{4,5})-(\d{4,5})$/.exec(given)
  const [low, high] = [Number(match?.[1]), Number(match?.[2])]
  if (match === null || low < 1024 || high > 65535 || high - low < 2) {
    throw new Error(`BROWSER_TEST_PORTS=${given}: give a range of at least 3 ports, like 18800-18899`)
  }
  return [low, high]
}
