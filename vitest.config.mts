import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/crash/**/*.test.ts'],
    environment: 'node',
    // The crash test spawns and kills hundreds of child processes.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
