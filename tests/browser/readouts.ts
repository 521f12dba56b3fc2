/** Watching a widget's readouts over time, for tests that restart runs (backend losses and switches). */
import type { Locator } from '@playwright/test';

/** Records every value a readout shows from now on (a restart shows 0 only briefly). */
export async function recordReadout(readout: Locator): Promise<() => Promise<number[]>> {
  const key = `recorded${Math.random().toString(36).slice(2)}`;
  await readout.evaluate((el, key) => {
    const seen: number[] = [Number(el.textContent)];
    (window as unknown as Record<string, number[]>)[key] = seen;
    new MutationObserver(() => seen.push(Number(el.textContent))).observe(el, { childList: true, characterData: true, subtree: true });
  }, key);
  return () => readout.page().evaluate((key) => (window as unknown as Record<string, number[]>)[key], key);
}

/** Whether `values` fall back to 0 after having reached `from`, then rise again. */
export function restartedFrom(values: number[], from: number): boolean {
  const reached = values.findIndex((v) => v >= from);
  const zero = values.indexOf(0, reached);
  return reached >= 0 && zero > reached && values.slice(zero).some((v) => v > 0);
}
