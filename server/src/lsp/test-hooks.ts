import { existsSync } from 'node:fs';
import { ruleById } from '../rules';

/**
 * Test hook, set only by test/lsp/lifecycle.test.ts: SEED_CURATOR_TEST_THROWING_RULE=<rule id>
 * makes that rule throw on every document, to check over the protocol that a failing rule is
 * reported once and skipped while the server keeps serving. No rule throws on its own (see
 * bench/fuzz.ts). Installed in the server thread and in every scan worker.
 */
export function installTestHooks(): void {
  const throwingRule = process.env.SEED_CURATOR_TEST_THROWING_RULE ? ruleById(process.env.SEED_CURATOR_TEST_THROWING_RULE) : undefined;
  if (throwingRule) {
    (throwingRule as { check: unknown }).check = () => {
      throw new Error(`${throwingRule.id} made to throw by SEED_CURATOR_TEST_THROWING_RULE`);
    };
  }
}

/**
 * Test hook, set only by test/lsp/lifecycle.test.ts: SEED_CURATOR_TEST_HELD_READ=<path> holds
 * every seed file read (its text in hand, not yet taken into the workspace) until <path> exists,
 * logging each, so that a test can delete a file at a known moment of the scan. Undefined (no
 * cost) without the variable.
 */
export const holdRead: ((uri: string, log: (message: string) => void) => Promise<void>) | undefined = (() => {
  const release = process.env.SEED_CURATOR_TEST_HELD_READ;
  if (!release) return undefined;
  return async (uri: string, log: (message: string) => void) => {
    if (existsSync(release)) return;
    log(`Test hook: holding the read of ${uri}`);
    while (!existsSync(release)) await new Promise((resolve) => setTimeout(resolve, 10));
  };
})();
