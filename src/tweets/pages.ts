import type { TweetView } from "./normalize.ts";

/** One page of the wall: the first is at `/`, the others at `/page/N/`. */
export interface WallPage {
  number: number;
  url: string;
  tweets: TweetView[];
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  /** How many pages the wall has. */
  count: number;
  /** The page navigation's links, from pageNavItems. */
  nav: PageNavItem[];
}

/** A link in the page navigation, or a run of pages left out of it. */
export type PageNavItem = { kind: "page"; number: number; url: string; current: boolean } | { kind: "gap" };

/** Pages linked on either side of the current one, besides the first and the last. */
const NAV_NEIGHBOURS = 2;

export function wallPageUrl(number: number): string {
  return number === 1 ? "/" : `/page/${number}/`;
}

/** Splits the wall into pages of `size` tweets, in the curator's order; an empty wall is one empty page. */
export function paginateWall(tweets: TweetView[], size: number): WallPage[] {
  const count = Math.max(1, Math.ceil(tweets.length / size));
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    return {
      number,
      url: wallPageUrl(number),
      tweets: tweets.slice(index * size, number * size),
      previousUrl: number > 1 ? wallPageUrl(number - 1) : undefined,
      nextUrl: number < count ? wallPageUrl(number + 1) : undefined,
      count,
      nav: pageNavItems(number, count),
    };
  });
}

/**
 * The page navigation of page `current` of `count`: the first and last pages and the current
 * one's neighbours, with a gap for each run of pages left out. Listing all of them would make
 * every page of a 1,000-page wall carry 1,000 links (and the whole wall a million).
 */
export function pageNavItems(current: number, count: number): PageNavItem[] {
  const items: PageNavItem[] = [];
  let previous = 0;
  for (let number = 1; number <= count; number++) {
    const shown = number === 1 || number === count || Math.abs(number - current) <= NAV_NEIGHBOURS;
    if (!shown) continue;
    // A gap of a single page would hide less than it takes to show: show that page instead.
    if (number - previous === 2) items.push(pageItem(number - 1, current));
    else if (number - previous > 2) items.push({ kind: "gap" });
    items.push(pageItem(number, current));
    previous = number;
  }
  return items;
}

function pageItem(number: number, current: number): PageNavItem {
  return { kind: "page", number, url: wallPageUrl(number), current: number === current };
}

/** The tweet's own page, from its anchor: `/t/1599152286672248832/` or `/t/2022-12-03-plan-is-to/`. */
export function tweetPageUrl(anchor: string): string {
  return `/t/${anchor.replace(/^tweet-/, "")}/`;
}
