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
