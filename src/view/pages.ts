import type { PageNavItem, PagedSite, TweetView, WallPage } from "./types.ts";

/** Pages linked on either side of the current one, besides the first and the last. */
const NAV_NEIGHBOURS = 2;

/** A wall page's path, or a tag page's under `base` (`/tags/cats/`, `/tags/cats/page/2/`). */
export function wallPagePath(number: number, base = "/"): string {
  return number === 1 ? base : `${base}page/${number}/`;
}

/**
 * A site path as a link on a wall deployed under `pathPrefix` (`/` or e.g. `/tweets/`): the view
 * carries its links with the prefix, so no page has to be parsed again to add it (bench case
 * "build 100,000 tweets vs bare Eleventy").
 */
export function withPathPrefix(pathPrefix: string, path: string): string {
  return pathPrefix === "/" ? path : `${pathPrefix}${path.replace(/^\//, "")}`;
}

/**
 * Splits the wall (or a tag's tweets, at `base`) into pages of `size` tweets, in the wall's
 * order; an empty wall is one empty page. Links carry the site's path prefix.
 */
export function paginateWall(tweets: TweetView[], size: number, site: PagedSite, base = "/"): WallPage[] {
  const { pathPrefix } = site;
  const count = Math.max(1, Math.ceil(tweets.length / size));
  const url = (number: number) => withPathPrefix(pathPrefix, wallPagePath(number, base));
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    return {
      number,
      path: wallPagePath(number, base),
      url: url(number),
      tweets: tweets.slice(index * size, number * size),
      previousUrl: number > 1 ? url(number - 1) : undefined,
      nextUrl: number < count ? url(number + 1) : undefined,
      count,
      nav: pageNavItems(number, count, url),
      meta: {
        title: number === 1 ? site.title : `${site.title} (page ${number} of ${count})`,
        description: site.intro,
      },
    };
  });
}

/**
 * The page navigation of page `current` of `count`: the first and last pages and the current
 * one's neighbours, with a gap for each run of pages left out. Listing all of them would make
 * every page of a 1,000-page wall carry 1,000 links (and the whole wall a million).
 */
export function pageNavItems(
  current: number,
  count: number,
  url: (number: number) => string = wallPagePath,
): PageNavItem[] {
  const items: PageNavItem[] = [];
  let previous = 0;
  for (let number = 1; number <= count; number++) {
    const shown = number === 1 || number === count || Math.abs(number - current) <= NAV_NEIGHBOURS;
    if (!shown) continue;
    // A gap of a single page would hide less than it takes to show: show that page instead.
    if (number - previous === 2) items.push(pageItem(number - 1, current, url));
    else if (number - previous > 2) items.push({ kind: "gap" });
    items.push(pageItem(number, current, url));
    previous = number;
  }
  return items;
}

function pageItem(number: number, current: number, url: (number: number) => string): PageNavItem {
  return { kind: "page", number, url: url(number), current: number === current };
}

/** The tweet's own page, from its anchor: `/t/1599152286672248832/` or `/t/2022-12-03-plan-is-to/`. */
export function tweetPagePath(anchor: string): string {
  return `/t/${anchor.replace(/^tweet-/, "")}/`;
}
