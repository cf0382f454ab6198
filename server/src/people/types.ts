// What the people extractor finds in one document. Offsets are into the original text.

export type PersonKind = 'official' | 'reporter' | 'editor' | 'photographer' | 'other';

export interface ExtractedRole {
  /** The post as written in the source (original script, converter pinyin left out). */
  text: string;
  start: number;
  end: number;
  /** The title, normalised to Simplified: 书记, 市长, 记者; English as written (Director). */
  title: string;
  /** The organisation, normalised to Simplified, completed from context when left implicit. */
  organization: string;
  /** True when the organisation was completed from the nearest place in context (`市长应勇` → 上海市). */
  inferred: boolean;
}

/** One statement of a person with their roles: `市委副书记、市长应勇`. */
export interface PersonStatement {
  /** The key: Simplified Chinese name, or the romanised name as written. */
  name: string;
  /** The name as written (original script). */
  written: string;
  start: number;
  end: number;
  kind: PersonKind;
  roles: ExtractedRole[];
}

export interface DocumentPeople {
  statements: PersonStatement[];
  /** The page's date and the reported event's date (YYYY-MM-DD). */
  published?: string;
  event?: string;
}
