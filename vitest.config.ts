import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ["test/support/temp-root.ts"],
    // Two cores: emulator end-to-end tests bind ports and spin CPU; keep the pool small.
    maxWorkers: 2,
  },
});
