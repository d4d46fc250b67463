import type { TweetView } from "./normalize.ts";

/** One page of the wall: the first is at `/`, the others at `/page/N/`. */
export interface WallPage {
  number: number;
  url: string;
  tweets: TweetView[];
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  /** Every page's number and url, for the page navigation. */
  all: { number: number; url: string }[];
}

export function wallPageUrl(number: number): string {
  return number === 1 ? "/" : `/page/${number}/`;
}

/** Splits the wall into pages of `size` tweets, in the curator's order; an empty wall is one empty page. */
export function paginateWall(tweets: TweetView[], size: number): WallPage[] {
  const count = Math.max(1, Math.ceil(tweets.length / size));
  const all = Array.from({ length: count }, (_, index) => ({
    number: index + 1,
    url: wallPageUrl(index + 1),
  }));
  return all.map(({ number, url }) => ({
    number,
    url,
    tweets: tweets.slice((number - 1) * size, number * size),
    previousUrl: number > 1 ? wallPageUrl(number - 1) : undefined,
    nextUrl: number < count ? wallPageUrl(number + 1) : undefined,
    all,
  }));
}

/** The tweet's own page, from its anchor: `/t/1599152286672248832/` or `/t/2022-12-03-plan-is-to/`. */
export function tweetPageUrl(anchor: string): string {
  return `/t/${anchor.replace(/^tweet-/, "")}/`;
}
