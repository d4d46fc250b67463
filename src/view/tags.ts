import type { Site, TweetInput } from "../curator/schema.ts";
import { paginateWall, withPathPrefix } from "./pages.ts";
import type { SiteView, TagLink, TagPage, TagView, TweetView } from "./types.ts";

/**
 * The tags the shown tweets use, in the site's order of tags, then the others A to Z. A tag the
 * site lists and no shown tweet uses has no page: a curator may list tags ahead of using them.
 */
export function tagIndex(site: Site, shown: readonly TweetInput[], pathPrefix: string): TagView[] {
  const counts = new Map<string, number>();
  for (const tweet of shown)
    for (const tag of new Set(tweet.tags ?? [])) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const listed = site.tags.filter(({ tag }) => counts.has(tag));
  const known = new Set(listed.map(({ tag }) => tag));
  const others = [...counts.keys()].filter((tag) => !known.has(tag)).sort();
  return [...listed, ...others.map((tag) => ({ tag, title: undefined, description: undefined }))]
    .filter((entry, index, all) => all.findIndex(({ tag }) => tag === entry.tag) === index)
    .map(({ tag, title, description }) => ({
      tag,
      title: title?.trim() ?? tag,
      description: description?.trim(),
      url: withPathPrefix(pathPrefix, tagPagePath(tag)),
      count: counts.get(tag)!,
    }));
}

export function tagPagePath(tag: string): string {
  return `/tags/${tag}/`;
}

/**
 * A tweet's tags as links, in the index's order. One link object per tag, shared by its tweets:
 * a large wall's view lives through the whole build.
 */
export function tagLinker(index: readonly TagView[]): (tags: readonly string[] | undefined) => TagLink[] {
  const links = new Map(index.map(({ tag, title, url }, rank) => [tag, { rank, link: { tag, title, url } }]));
  return (tags) => {
    if (!tags || tags.length === 0) return NO_TAGS;
    return [...new Set(tags)]
      .map((tag) => links.get(tag)!)
      .sort((a, b) => a.rank - b.rank)
      .map(({ link }) => link);
  };
}

const NO_TAGS: TagLink[] = [];

/** Each tag's tweets in the wall's order, paged as the wall is, at `/tags/<tag>/`. */
export function tagPages(
  index: readonly TagView[],
  wall: readonly TweetView[],
  site: SiteView,
  size: number,
): TagPage[] {
  const tweetsOf = new Map(index.map(({ tag }) => [tag, [] as TweetView[]]));
  for (const tweet of wall) for (const { tag } of tweet.tags) tweetsOf.get(tag)!.push(tweet);
  return index.flatMap((tag) => {
    const paged = {
      title: `${tag.title} – ${site.title}`,
      intro: tag.description ?? "",
      pathPrefix: site.pathPrefix,
    };
    return paginateWall(tweetsOf.get(tag.tag)!, size, paged, tagPagePath(tag.tag)).map((page) => ({
      ...page,
      meta: { ...page.meta, description: tag.description ?? `Tweets tagged ${tag.title} on ${site.title}.` },
      tag,
      runs: runsOf(page.tweets),
    }));
  });
}

/** Tweets as runs of consecutive wall numbers. */
function runsOf(tweets: readonly TweetView[]): TweetView[][] {
  const runs: TweetView[][] = [];
  for (const tweet of tweets) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.number + 1 === tweet.number) run.push(tweet);
    else runs.push([tweet]);
  }
  return runs;
}
