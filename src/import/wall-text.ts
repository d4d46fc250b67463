import { HANDLE } from "../tweet/handle.ts";
import { columnAt } from "../tweet/place.ts";
import { SourceError } from "./source-error.ts";
import { parseTweetDate } from "../tweet/dates.ts";
import type { AuthorInput, SiteInput, TweetInput } from "../curator/schema.ts";

/**
 * Importer for the plain-text "tweet wall": what one gets by copying a rendered page of Twitter
 * embeds as text.
 *
 *     fave tweets wall                          ← title: the first non-blank line
 *
 *     Sometimes tweets get lost … is here.      ← intro: every paragraph up to the first body
 *
 *
 *     Plan is to throw a party in …             ← body: one or more lines, blank lines allowed
 *
 *     — Andrej Karpathy (@karpathy) December 3, 2022
 *
 *     How long until we measure …
 *     …
 *
 * The intro ends at the first run of two or more blank lines after it begins, which is how a
 * copied embed page separates it from the first tweet; the first run wins because a tweet may
 * hold one too. A title followed at once by two blank lines and no later run means a wall
 * without intro. Otherwise the intro is the one paragraph right after the title and the first
 * body is everything after it.
 *
 * Tweets keep the file's order (the curator's order, not date order) and only the keys `text`,
 * `date` and, for someone other than the wall's author, `author`: the text form carries no URL.
 */

/** A wall read from its plain-text form, shaped like `data/site.json` and `data/tweets.json`. */
export interface ImportedWall {
  site: SiteInput;
  tweets: TweetInput[];
}

/** A problem in the text, always with its line and column (counted in characters). */
export class WallTextError extends SourceError {
  override readonly name = "WallTextError";
  declare readonly line: number;
  declare readonly column: number;
}

const ATTRIBUTION_EXAMPLE = 'a line like "— Name (@handle) December 3, 2022"';

/**
 * Reads a whole wall. Pure: `file` is only used in error messages. Throws a `WallTextError` at
 * the first problem, in file order.
 */
export function parseWallText(text: string, file: string): ImportedWall {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const at = (index: number, column = columnOfFirstCharacter(lines[index] ?? "")) => ({
    file,
    line: index + 1,
    column,
  });

  const titleIndex = lines.findIndex(isNonBlank);
  if (titleIndex === -1) {
    throw new WallTextError(
      { file, line: 1, column: 1 },
      "the file is empty",
      `a title, an intro, then each tweet's text followed by ${ATTRIBUTION_EXAMPLE}`,
    );
  }

  const attributions = findAttributionLines(lines);
  const firstAttribution = attributions[0];
  if (firstAttribution === undefined) {
    const { firstBodyIndex } = splitHeader(lines, titleIndex, lines.length);
    const firstBodyLine = lines.findIndex((line, index) => index >= firstBodyIndex && isNonBlank(line));
    throw new WallTextError(
      at(firstBodyLine === -1 ? titleIndex : firstBodyLine),
      "no attribution line in the file",
      `each tweet's text to be followed by ${ATTRIBUTION_EXAMPLE}`,
    );
  }

  const header = splitHeader(lines, titleIndex, firstAttribution.index);
  const tweets = attributions.map((attribution, position) => {
    const start = position === 0 ? header.firstBodyIndex : (attributions[position - 1]?.index ?? 0) + 1;
    const body = trimBlankLines(lines.slice(start, attribution.index));
    if (body.length === 0) {
      const introTookTheText = position === 0 && header.introIsFirstParagraph && header.intro !== "";
      const hint = introTookTheText
        ? " (with no two blank lines after it, the paragraph after the title is read as the intro)"
        : "";
      throw new WallTextError(
        at(attribution.index),
        "an attribution line with no tweet text above it",
        `the tweet's text above it${hint}`,
      );
    }
    return { text: body.join("\n"), ...readAttribution(attribution, at) };
  });

  const lastAttribution = attributions.at(-1) ?? firstAttribution;
  const strayIndex = lines.findIndex((line, index) => index > lastAttribution.index && isNonBlank(line));
  if (strayIndex !== -1) {
    throw new WallTextError(
      at(strayIndex),
      "tweet text with no attribution line after it",
      `${ATTRIBUTION_EXAMPLE} after the tweet's text`,
    );
  }

  const author = mostFrequentAuthor(
    tweets.map((tweet) => tweet.author),
    { name: firstAttribution.name, handle: firstAttribution.handle },
  );
  return {
    site: {
      title: header.title,
      intro: header.intro,
      author,
      links: [profileLink(author, header.intro)],
    },
    tweets: tweets.map(({ text, date, author: tweetAuthor }) =>
      sameAuthor(tweetAuthor, author) ? { text, date } : { text, date, author: tweetAuthor },
    ),
  };
}

/**
 * `— Name (@handle) date`, after an em dash, en dash, `-`, `--` or `&mdash;`. The handle and the
 * date are only shaped loosely here so that a near miss becomes an error with its place instead
 * of silently joining the next tweet's text. The date must hold a digit, as every accepted form
 * does, so that a body line such as "- thanks to Jane (@jane) for this" stays text.
 */
const ATTRIBUTION_LINE =
  /^\s*(?:&mdash;|—|–|--|-)\s*(?<name>\S.*?)\s+\(@(?<handle>[^\s()]*)\)\s*(?<date>\S.*?)\s*$/du;

interface AttributionLine {
  index: number;
  line: string;
  name: string;
  handle: string;
  /** Where `@handle` starts, for errors. */
  atSignStart: number;
  date: string;
  dateStart: number;
}

function findAttributionLines(lines: string[]): AttributionLine[] {
  return lines.flatMap((line, index) => {
    const match = ATTRIBUTION_LINE.exec(line);
    const { name, handle, date } = match?.groups ?? {};
    const starts = match?.indices?.groups;
    if (name === undefined || handle === undefined || date === undefined || !/\d/.test(date)) return [];
    const atSignStart = (starts?.handle?.[0] ?? 1) - 1;
    const dateStart = starts?.date?.[0] ?? 0;
    return [{ index, line, name, handle, date, atSignStart, dateStart }];
  });
}

type Place = (index: number, column?: number) => { file: string; line: number; column: number };

function readAttribution(attribution: AttributionLine, at: Place): { date: string; author: AuthorInput } {
  const { index, line, name, handle, date } = attribution;
  if (!HANDLE.test(handle)) {
    throw new WallTextError(
      at(index, columnAt(line, attribution.atSignStart)),
      `the handle "@${handle}" can't be used`,
      "a handle of 1–15 letters, digits or underscores",
    );
  }
  const parsed = parseTweetDate(date);
  if (!parsed.ok) {
    throw new WallTextError(
      at(index, columnAt(line, attribution.dateStart)),
      `the date "${date}" can't be read`,
      parsed.expected,
    );
  }
  return { date: parsed.date.iso, author: { name, handle } };
}

interface Header {
  title: string;
  intro: string;
  firstBodyIndex: number;
  /** True when no double blank line marked the intro's end, so the fallback rule was used. */
  introIsFirstParagraph: boolean;
}

function splitHeader(lines: string[], titleIndex: number, end: number): Header {
  const title = (lines[titleIndex] ?? "").trim();
  const introStart = firstIndexFrom(lines, titleIndex + 1, end, isNonBlank);
  const textAfterDoubleBlank = firstTextAfterDoubleBlank(lines, introStart + 1, end);
  const titleIsFollowedByDoubleBlank = introStart - titleIndex - 1 >= 2;
  const introIsFirstParagraph = textAfterDoubleBlank === -1 && !titleIsFollowedByDoubleBlank;
  let firstBodyIndex = textAfterDoubleBlank;
  if (textAfterDoubleBlank === -1) {
    firstBodyIndex = titleIsFollowedByDoubleBlank
      ? introStart
      : firstIndexFrom(lines, introStart, end, isBlank);
  }
  const intro = paragraphs(lines.slice(titleIndex + 1, firstBodyIndex)).join("\n\n");
  return { title, intro, firstBodyIndex, introIsFirstParagraph };
}

/** The first non-blank line in [from, end) right after two or more blank lines, else -1. */
function firstTextAfterDoubleBlank(lines: string[], from: number, end: number): number {
  let blankRun = 0;
  for (let index = from; index < end; index++) {
    if (isBlank(lines[index] ?? "")) blankRun++;
    else if (blankRun >= 2) return index;
    else blankRun = 0;
  }
  return -1;
}

/** The first index in [from, end) whose line passes, else `end`. */
function firstIndexFrom(
  lines: string[],
  from: number,
  end: number,
  passes: (line: string) => boolean,
): number {
  for (let index = from; index < end; index++) if (passes(lines[index] ?? "")) return index;
  return end;
}

function paragraphs(lines: string[]): string[] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of [...lines, ""]) {
    if (isNonBlank(line)) {
      current.push(line);
    } else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  return found.map((paragraph) => paragraph.join("\n"));
}

function trimBlankLines(lines: string[]): string[] {
  const start = lines.findIndex(isNonBlank);
  if (start === -1) return [];
  const end = lines.findLastIndex(isNonBlank);
  return lines.slice(start, end + 1);
}

/** The author of most tweets; on a tie, the one who appears first (`firstAuthor`). */
function mostFrequentAuthor(authors: AuthorInput[], firstAuthor: AuthorInput): AuthorInput {
  const counts = new Map<string, { author: AuthorInput; count: number }>();
  for (const author of authors) {
    const key = `${author.handle}\n${author.name}`;
    const entry = counts.get(key) ?? { author, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const best = [...counts.values()].reduce((leader, entry) => (entry.count > leader.count ? entry : leader), {
    author: firstAuthor,
    count: 0,
  });
  return best.author;
}

function sameAuthor(a: AuthorInput, b: AuthorInput): boolean {
  return a.name === b.name && a.handle === b.handle;
}

/**
 * On an embed wall the intro's "here" ("The full collection of my tweets … is here.") pointed at
 * the author's profile. The whole sentence becomes the link text, since a bare "here" tells a
 * screen-reader user nothing about where it goes; without that word the profile is @handle.
 */
function profileLink(author: AuthorInput, intro: string): { text: string; url: string } {
  const url = `https://twitter.com/${author.handle}`;
  const sentence = intro.split(/(?<=[.!?])\s+/).find((candidate) => /\bhere\b/.test(candidate));
  return sentence ? { text: sentence.replace(/[.!?]+$/, ""), url } : { text: `@${author.handle}`, url };
}

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

function isNonBlank(line: string): boolean {
  return !isBlank(line);
}

function columnOfFirstCharacter(line: string): number {
  return columnAt(line, Math.max(0, line.search(/\S/)));
}
