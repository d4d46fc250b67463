import type { AuthorView, TweetView } from "./types.ts";

/**
 * search-index.json, what the search script reads: one row per tweet, on every page, as compact
 * as stays readable, since on a large wall it is the largest file built. Authors are listed once
 * and rows refer to them by position.
 */
export interface SearchIndex {
  /** An unknown author's handle is "". */
  authors: [handle: string, name: string][];
  tweets: [wallUrl: string, text: string, isoDate: string, author: number][];
}

export const SEARCH_INDEX_FILE = "search-index.json";

export function searchIndexOf(tweets: TweetView[]): SearchIndex {
  const authors: SearchIndex["authors"] = [];
  const authorNumbers = new Map<string, number>();
  const authorNumber = ({ handle, name }: AuthorView) => {
    const key = `${handle}\n${name}`;
    let number = authorNumbers.get(key);
    if (number === undefined) {
      number = authors.push([handle ?? "", name]) - 1;
      authorNumbers.set(key, number);
    }
    return number;
  };
  return {
    authors,
    tweets: tweets.map((tweet) => [tweet.wallUrl, tweet.text, tweet.date.iso, authorNumber(tweet.author)]),
  };
}
