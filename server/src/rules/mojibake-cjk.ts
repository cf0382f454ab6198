import type { CorpusView, Rule, RuleFinding } from '../core/types';
import { CommonnessModel, Commonness } from '../encoding/cjk-commonness';
import { findMojibakeInSteps, type MojibakeSpan } from '../encoding/cjk-mojibake';
import { runSteps } from '../core/steps';

const CODEC_LABEL = { utf8: 'UTF-8', gbk: 'GBK', big5: 'Big5' } as const;

/** Characters as a reader can see them: private-use and invisible ones by code point. */
export function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const invisible = (code >= 0xe000 && code <= 0xf8ff) || code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
    out += invisible ? `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>` : ch;
  }
  return out;
}

// The corpus blend costs a pass over the workspace: keep one model per corpus state.
const models = new WeakMap<CorpusView, { key: string; model: CommonnessModel }>();

export function commonnessFor(corpus: CorpusView): CommonnessModel {
  // A corpus that keeps its own character counts needs one model for its whole life.
  if (corpus.characters) {
    const live = models.get(corpus);
    if (live) return live.model;
    const model = new CommonnessModel(corpus);
    models.set(corpus, { key: 'live', model });
    return model;
  }
  let length = 0;
  for (const uri of corpus.uris()) length += corpus.text(uri)?.length ?? 0;
  const key = `${corpus.size}:${length}`;
  const cached = models.get(corpus);
  if (cached && cached.key === key) return cached.model;
  const model = new CommonnessModel(corpus);
  models.set(corpus, { key, model });
  return model;
}

function describe(span: MojibakeSpan, model: CommonnessModel): string {
  const rare = [...new Set(span.evidence)].filter((ch) => model.of(ch) !== Commonness.Common);
  const shown = rare.map(visible).join(' ');
  if (span.repaired === undefined || !span.path) {
    return `Probable mojibake “${visible(span.damaged)}”: dense in characters no Chinese prose uses together (${shown}), but no round trip through UTF-8, GBK or Big5 restores it exactly, so bytes are probably missing; it cannot be repaired from this text.`;
  }
  let message = `Mojibake “${visible(span.damaged)}” (rare characters: ${shown}) is ${span.path.describe}; read as ${CODEC_LABEL[span.path.actual]} the bytes give “${visible(span.repaired)}”.`;
  if (span.bytesLost) message += ' Some bytes are gone: U+FFFD in the repair marks a character that cannot be recovered from these bytes.';
  if (span.lostBefore) message += ' The ? just before it stood for a character whose bytes are gone; it cannot be recovered from these bytes (context repair may find it elsewhere).';
  if (!span.safe) message += ' Not certain enough to repair automatically.';
  return message;
}

export const mojibakeCjk: Rule = {
  id: 'mojibake-cjk',
  description: 'Chinese text decoded with the wrong codec (UTF-8, GBK, Big5 in either direction) or a slipped double-byte stream, repaired by an exact byte round trip.',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc, ctx) {
    return runSteps(this.checkInSteps!(doc, ctx));
  },
  *checkInSteps(doc, ctx) {
    const model = commonnessFor(ctx.corpus);
    const findings: RuleFinding[] = [];
    for (const span of yield* findMojibakeInSteps(doc.text, model)) {
      const finding: RuleFinding = { start: span.start, end: span.end, message: describe(span, model), fixes: [] };
      if (span.repaired !== undefined && span.path) {
        finding.fixes.push({
          title: `Decode as ${CODEC_LABEL[span.path.actual]}: “${visible(span.repaired)}”`,
          safe: span.safe,
          edits: [{ start: span.start, end: span.end, text: span.repaired }],
        });
      } else {
        finding.severity = 'information';
      }
      findings.push(finding);
    }
    return findings;
  },
};
