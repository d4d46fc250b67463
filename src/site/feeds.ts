import rssPlugin from "@11ty/eleventy-plugin-rss";
import type { TweetView, WallView } from "../view/wall.ts";
import { withPathPrefix } from "../view/pages.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

/** Feed readers ignore `white-space: pre-wrap`, so line breaks become `<br>` there. */
export function feedHtml(tweet: TweetView): string {
  return `<p>${tweet.html.replace(/\n/g, "<br>\n")}</p>`;
}

/**
 * https://www.jsonfeed.org/version/1.1/ — same entries as the Atom feed, newest additions first.
 * Links are absolute when the site's address is known, else site-relative rather than invented.
 */
export function jsonFeed(wall: WallView) {
  const { site } = wall;
  const absolute = (link: string) => (site.origin ? new URL(link, site.origin).href : link);
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    description: site.intro,
    home_page_url: absolute(withPathPrefix(site.pathPrefix, "/")),
    feed_url: absolute(withPathPrefix(site.pathPrefix, "/feed.json")),
    language: site.language,
    authors: [{ name: site.author.name, url: site.author.profileUrl }],
    items: wall.feed.map((tweet) => ({
      id: absolute(tweet.permalink),
      url: absolute(tweet.permalink),
      ...(tweet.source.url === tweet.author.profileUrl ? {} : { external_url: tweet.source.url }),
      content_html: feedHtml(tweet),
      content_text: tweet.text,
      date_published: new Date(tweet.date.timestamp).toISOString(),
      authors: [{ name: `${tweet.author.name} (@${tweet.author.handle})`, url: tweet.author.profileUrl }],
    })),
  };
}

/**
 * Atom and JSON Feed of the wall. The rss plugin provides `absoluteUrl` and `dateToRfc3339`;
 * its virtual feed templates expect a collection of pages, and the wall's tweets are data, so
 * the feed templates are ours.
 */
export default function feeds(eleventyConfig: EleventyConfig): void {
  // The rss plugin brings Eleventy's HTML <base> plugin, whose transform re-parses every page
  // to add the path prefix; the view model's links carry it already (see withPathPrefix).
  eleventyConfig.addPlugin(rssPlugin, { htmlBasePluginOptions: { baseHref: "/" } });
  eleventyConfig.addFilter("feedHtml", feedHtml);
  eleventyConfig.addFilter("timestampToDate", (timestamp: number) => new Date(timestamp));
  eleventyConfig.addFilter("jsonFeed", jsonFeed);
}
