import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PlainTweet } from "./synthetic-wall.ts";

/**
 * The yardstick: the least Eleventy site that shows the same tweets, one Nunjucks template over a
 * plain `_data/tweets.json`, with no layout, filters or validation. What our build costs above
 * it is what tweetwall itself adds.
 */

const ARTICLE = "<article><p>{{ t.text }}</p><time>{{ t.date }}</time></article>";

export interface BareSite {
  input: string;
  /** An empty config, so Eleventy does not pick up the project's `.eleventy.ts`. */
  config: string;
}

/** Writes the bare site into `folder`: every tweet on one page, or `pageSize` to a page. */
export async function writeBareSite(
  folder: string,
  tweets: PlainTweet[],
  pageSize?: number,
): Promise<BareSite> {
  await mkdir(path.join(folder, "_data"), { recursive: true });
  const config = path.join(folder, "eleventy.config.mjs");
  await writeFile(config, "export default function () {}\n");
  await writeFile(path.join(folder, "_data", "tweets.json"), JSON.stringify(tweets));
  await writeFile(path.join(folder, "index.njk"), pageSize ? paginated(pageSize) : onePage());
  return { input: folder, config };
}

function onePage(): string {
  return `<!doctype html>
<title>bare</title>
{% for t in tweets %}${ARTICLE}
{% endfor %}
`;
}

function paginated(pageSize: number): string {
  return `---
pagination:
  data: tweets
  size: ${pageSize}
  alias: pageTweets
permalink: "{% if pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}/{% endif %}index.html"
---
<!doctype html>
<title>bare, page {{ pagination.pageNumber + 1 }}</title>
{% for t in pageTweets %}${ARTICLE}
{% endfor %}
`;
}
