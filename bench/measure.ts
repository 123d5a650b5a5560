/** Median and spread of `runs` timed calls after `warmup` untimed ones, in milliseconds. */
export function measure(fn: () => unknown, runs = 200, warmup = 50): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] ?? 0, p95: times[Math.floor(runs * 0.95)] ?? 0 };
}

export function report(label: string, figures: { median: number; p95: number }, baseline?: { median: number }) {
  const ratio = baseline ? `  ratio ${(figures.median / baseline.median).toFixed(2)}× baseline` : '';
  console.log(`${label.padEnd(46)} median ${figures.median.toFixed(3)} ms  p95 ${figures.p95.toFixed(3)} ms${ratio}`);
}

/** `measure` for slow asynchronous work (a file read, a commit): fewer runs, each awaited. */
export async function measureAsync(
  fn: () => Promise<unknown>,
  runs = 7,
  warmup = 2,
  between: () => Promise<unknown> = async () => {},
): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmup; i++) {
    await fn();
    await between();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    await between();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] ?? 0, p95: times[runs - 1] ?? 0 };
}
