import twitterText from "twitter-text";
import { escapeHtml } from "./html.ts";
import { canonicalTwitterUrl } from "./urls.ts";

export type EntityKind = "url" | "mention" | "hashtag";

/** A link found in tweet text; `start`/`end` index the original string in UTF-16 code units. */
export interface TextEntity {
  kind: EntityKind;
  /** The slice of the tweet as written, e.g. `@karpathy`, `#漢字`, `https://t.co/iDw8gqNnGT`. */
  text: string;
  href: string;
  start: number;
  end: number;
}

/**
 * Turns tweet text into safe HTML: every character of the tweet is escaped, and links, mentions and
 * hashtags become anchors. A bare `pic.twitter.com/…` (a photo the wall does not have) becomes a
 * small "photo" chip instead of a raw address. Newlines stay `\n` for the caller to lay out.
 */
export function linkifyText(text: string): string {
  let html = "";
  let cursor = 0;
  for (const entity of findEntities(text)) {
    html += escapeHtml(text.slice(cursor, entity.start));
    html += BARE_PIC_TWITTER.test(entity.text)
      ? `<a class="photo-chip" href="${escapeHtml(entity.href)}" rel="nofollow">photo<span class="visually-hidden"> attached to the tweet, on X (${escapeHtml(entity.text)})</span></a>`
      : `<a href="${escapeHtml(entity.href)}" rel="nofollow">${escapeHtml(entity.text)}</a>`;
    cursor = entity.end;
  }
  return html + escapeHtml(text.slice(cursor));
}

/**
 * Finds links, mentions and hashtags the way X does, using its own twitter-text library.
 * Returns them sorted and non-overlapping. Cashtags are not linked. A list (`@user/list`) is
 * linked as a mention of its owner, since x.com no longer addresses lists by name.
 */
export function findEntities(text: string): TextEntity[] {
  if (!MAY_HOLD_ENTITIES.test(text)) return [];
  // Bare URLs are extracted too, so that a `#` or `@` inside one (`example.com/#top`) is not
  // taken for a hashtag or mention, as on X; they are dropped below unless we link them.
  const urls = twitterText
    .extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: true })
    .map(({ url, indices: [start, end] }): TextEntity => ({
      kind: "url",
      text: url,
      href: BARE_PIC_TWITTER.test(url) ? `https://${url}` : canonicalTwitterUrl(url),
      start,
      end,
    }));
  const mentions = twitterText
    .extractMentionsOrListsWithIndices(text)
    .map(({ screenName, indices: [start] }): TextEntity => {
      const end = start + 1 + screenName.length;
      return {
        kind: "mention",
        text: text.slice(start, end),
        href: `https://x.com/${screenName}`,
        start,
        end,
      };
    });
  // Called without options, twitter-text also drops hashtags that sit inside a URL.
  const hashtags = twitterText
    .extractHashtagsWithIndices(text)
    .map(({ hashtag, indices: [start, end] }): TextEntity => ({
      kind: "hashtag",
      text: text.slice(start, end),
      href: `https://x.com/hashtag/${encodeURIComponent(hashtag)}`,
      start,
      end,
    }));
  return withoutOverlaps([...urls, ...mentions, ...hashtags]).filter((entity) => WEB_URL.test(entity.href));
}

/**
 * What every entity we link needs: a scheme's colon, an @ or # sign (ASCII or full-width, as
 * twitter-text reads them), or a bare pic.twitter.com address. twitter-text's URL scan is by far
 * the costliest step of a build, and most tweets hold none of these.
 */
const MAY_HOLD_ENTITIES = /[:@＠#＃]|pic\.(?:twitter|x)\.com/i;
// X writes its media links pic.twitter.com/…, and since 2024 pic.x.com/….
const BARE_PIC_TWITTER = /^pic\.(?:twitter|x)\.com\//i;
// Other bare URLs keep a scheme-less href and are dropped by this test, which is also what keeps
// any javascript: or data: href out of the page.
const WEB_URL = /^https?:\/\//i;

/** Keeps the earliest entity where two overlap, and URLs over the others at a tie, as twitter-text does. */
function withoutOverlaps(entities: TextEntity[]): TextEntity[] {
  const kept: TextEntity[] = [];
  let end = 0;
  for (const entity of entities.toSorted((a, b) => a.start - b.start)) {
    if (entity.start < end) continue;
    kept.push(entity);
    end = entity.end;
  }
  return kept;
}
