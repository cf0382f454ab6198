import type { Rule, Severity } from './types';
import { SEVERITIES } from './types';

/** A rule's configured level: a severity, or off. `default` keeps the rule's own. */
export type RuleLevel = Severity | 'off' | 'default';
export const RULE_LEVELS: readonly RuleLevel[] = ['default', 'off', ...SEVERITIES];

export interface EngineConfig {
  /** Per rule id; rules not named run at their default severity. */
  rules: Record<string, RuleLevel | undefined>;
  /** Rule options, keyed by rule id (patterns, target script, protected terms...). */
  options: Record<string, unknown>;
}

export const DEFAULT_CONFIG: EngineConfig = { rules: {}, options: {} };

export function isRuleEnabled(config: EngineConfig, rule: Rule): boolean {
  return config.rules[rule.id] !== 'off';
}

export function severityFor(config: EngineConfig, rule: Rule): Severity {
  const level = config.rules[rule.id];
  return level && level !== 'off' && level !== 'default' ? level : rule.defaultSeverity;
}

/** Reads a loose settings object (from VS Code or a JSON file) into an EngineConfig, ignoring junk. */
export function parseConfig(raw: unknown): EngineConfig {
  const config: EngineConfig = { rules: {}, options: {} };
  if (!raw || typeof raw !== 'object') return config;
  const { rules, options } = raw as { rules?: unknown; options?: unknown };
  if (rules && typeof rules === 'object') {
    for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level)) config.rules[id] = level as RuleLevel;
    }
  }
  if (options && typeof options === 'object') config.options = { ...(options as Record<string, unknown>) };
  return config;
}
