/**
 * Language detection by script ratios: zh (Han script dominates), en (Latin words, mostly English-looking), or
 * other (kana / Hangul / Cyrillic / ... dominate, Latin text without English function words, or no letters at
 * all, e.g. emoji-only). Deliberately tiny: the sentiment models only need to pick a tokenizer.
 */

/** The languages the text models handle. */
export type TextLang = 'zh' | 'en' | 'other';

/** Result of {@link detectLang}. */
export interface LangDetection {
  readonly lang: TextLang;
  /** Share of the winning script among the counted units, in [0, 1]. */
  readonly confidence: number;
  /** Counted units: Han characters, Latin words, letters of other scripts. */
  readonly counts: { readonly han: number; readonly latinWords: number; readonly other: number };
}

// Frequent English function words; a Latin text with none of them is probably another Latin-script language.
const EN_COMMON: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'is', 'are', 'was', 'were', 'be', 'it', 'this', 'that', 'and', 'or', 'but', 'not', 'no',
  'of', 'to', 'in', 'on', 'for', 'with', 'my', 'i', 'you', 'we', 'they', 'very', 'so', 'too', 'good', 'bad',
  'great', 'love', 'hate', 'have', 'has', 'do', 'does', 'did', "n't", 'at', 'as', 'me', 'its', 'just', 'all',
]);

/** Detects zh / en / other from script ratios (Japanese kana counts as other even beside Han). */
export function detectLang(text: string): LangDetection {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[\p{Script=Latin}]+(?:['’][\p{Script=Latin}]+)*/gu) ?? []).map((w) => w.toLowerCase());
  const other = (text.match(/[\p{L}]/gu) ?? []).length - han - latin.reduce((n, w) => n + w.replace(/['’]/gu, '').length, 0);
  const latinWords = latin.length;
  const counts = { han, latinWords, other: Math.max(0, other) };
  const total = han + latinWords + counts.other;
  if (total === 0) return { lang: 'other', confidence: 0, counts };
  // Han characters are word-like units in Chinese, so compare them with Latin *words*, not letters
  if (han / total >= 0.5 && counts.other / total < 0.2) return { lang: 'zh', confidence: han / total, counts };
  if (latinWords / total >= 0.5) {
    const english = latin.filter((w) => EN_COMMON.has(w)).length;
    // short texts ("Great!") may lack function words; only longer Latin texts need English evidence
    if (latinWords < 4 || english / latinWords >= 0.1) return { lang: 'en', confidence: latinWords / total, counts };
  }
  const top = Math.max(han, latinWords, counts.other);
  return { lang: 'other', confidence: counts.other === top ? top / total : 1 - top / total, counts };
}
