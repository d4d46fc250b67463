/** A BCP 47 language tag as the wall's files accept it: `en`, `ja`, `pt-BR`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Codes X gives a tweet whose language it did not tell (`und`) or that has no words to tell it
 * by: only media, hashtags, mentions, cashtags or emoji (`qme`, `qht`, `qam`, `qct`, `qst`,
 * `zxx`). None names a language a reader or a screen reader could use.
 */
const NOT_A_LANGUAGE = new Set(["und", "qme", "qht", "qam", "qct", "qst", "zxx"]);

/** The language of a tweet as X gives it (an embed's `lang`, an archive's `lang`), if it names one. */
export function tweetLanguage(code: unknown): string | undefined {
  if (typeof code !== "string") return undefined;
  const tag = code.trim();
  return LANGUAGE_TAG.test(tag) && !NOT_A_LANGUAGE.has(tag.toLowerCase()) ? tag : undefined;
}
