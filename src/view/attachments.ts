import type { CardInput, MediaInput, QuoteInput, ReplyInput } from "../curator/schema.ts";
import { parseTweetDate, type TweetDate } from "../tweet/dates.ts";
import { bareHandle } from "../tweet/handle.ts";
import { linkifyText } from "../tweet/linkify.ts";
import { canonicalTwitterUrl, profileUrl } from "../tweet/urls.ts";
import { normalizeAuthor } from "./author.ts";
import { hostOf, sourceOf } from "./source.ts";
import { tidyText, withoutAttachmentLinks } from "./text.ts";
import type { LinkCardView, QuotedTweetView, ReplyView, TweetMedia } from "./types.ts";

/** What a tweet carries besides its words: its media, the tweet it quotes or replies to, a link card. */

// Shared by every tweet without media rather than one copy per tweet: a large wall's view
// lives through the whole build.
const NO_MEDIA: TweetMedia[] = [];

export function normalizeMedia(media: readonly MediaInput[] | undefined): TweetMedia[] {
  if (!media || media.length === 0) return NO_MEDIA;
  return media.map(mediaView);
}

function mediaView(item: MediaInput): TweetMedia {
  const { src, width, height } = item;
  // Told apart by the poster only a video or GIF has: TypeScript narrows no further on a `type` a photo may leave out.
  if ("poster" in item) {
    return { type: item.type, src, poster: item.poster, alt: item.alt?.trim(), width, height };
  }
  return { type: "photo", src, alt: item.alt.trim(), width, height };
}

/** The words a card shows: without the links to the media and the link card it shows with them. */
export function shownText(
  text: string,
  media: readonly TweetMedia[],
  card: LinkCardView | undefined,
): string {
  return withoutAttachmentLinks(tidyText(text), { hasMedia: media.length > 0, cardUrl: card?.url });
}

export function normalizeQuote(
  quote: QuoteInput | undefined,
  showDate: (date: TweetDate) => TweetDate,
): QuotedTweetView | undefined {
  if (!quote) return undefined;
  const parsed = parseTweetDate(quote.date);
  if (!parsed.ok) throw new Error(`unvalidated quoted tweet's date reached normalize: ${parsed.expected}`);
  const author = normalizeAuthor(quote.author);
  const media = normalizeMedia(quote.media);
  const card = normalizeCard(quote.card);
  const text = shownText(quote.text, media, card);
  const url = quote.url === undefined ? undefined : canonicalTwitterUrl(quote.url);
  return {
    html: linkifyText(text),
    text,
    lang: quote.lang,
    date: showDate(parsed.date),
    author,
    // A quoted tweet's author is always known, so it always has a source.
    source: sourceOf(url, author)!,
    media,
    card,
  };
}

export function normalizeReply(reply: ReplyInput | undefined): ReplyView | undefined {
  if (!reply) return undefined;
  const handle = bareHandle(reply.handle);
  return {
    handle,
    profileUrl: profileUrl(handle),
    tweetUrl: reply.url === undefined ? undefined : canonicalTwitterUrl(reply.url),
    html: reply.text === undefined ? undefined : linkifyText(tidyText(reply.text)),
  };
}

export function normalizeCard(card: CardInput | undefined): LinkCardView | undefined {
  if (!card) return undefined;
  const url = canonicalTwitterUrl(card.url);
  return {
    url,
    title: card.title.trim(),
    description: card.description?.trim(),
    domain: card.domain?.trim() ?? hostOf(url),
    image: card.image && { src: card.image.src, width: card.image.width, height: card.image.height },
  };
}
