import { HANDLE } from "../tweet/handle.ts";
import { tweetLanguage } from "../tweet/language.ts";
import { columnAt } from "../tweet/place.ts";
import { SourceError } from "./source-error.ts";
import * as cheerio from "cheerio";
import { parseTweetDate } from "../tweet/dates.ts";
import { dateOfStatusId, statusIdOf } from "../tweet/status.ts";
import { canonicalTwitterUrl } from "../tweet/urls.ts";
import { type AuthorInput, type TweetInput } from "../curator/schema.ts";
import { isHttpUrl } from "../tweet/urls.ts";

/**
 * Importer for HTML pages of Twitter embeds: the blockquotes that publish.twitter.com hands out
 * for widgets.js to upgrade, which now often stay bare text.
 *
 *     <blockquote class="twitter-tweet" data-lang="en">
 *       <p lang="en" dir="ltr">Everyone is so obsessed … <a href="https://t.co/E8NTdfQp43">pic.twitter.com/E8NTdfQp43</a></p>
 *       &mdash; Andrej Karpathy (@karpathy)                                        ← author line
 *       <a href="https://twitter.com/karpathy/status/1358236154839257089?ref_src=twsrc%5Etfw">February 7, 2021</a>
 *     </blockquote>                                                               ↑ date link
 *
 * Every `blockquote` whose class list holds `twitter-tweet` is one tweet, in document order. Its
 * date link is the last link to a status on twitter.com or x.com. What comes before that link is
 * read as a browser would show it: each `<p>` is a paragraph (paragraphs are joined by a blank
 * line), `<br>` is a line break, runs of source whitespace are one space. The author line is
 * the text outside the paragraphs just before the date link; without any `<p>`, it is the tail
 * of the text after its last em or en dash. The tweet's text is everything before it.
 *
 * The text stays data: entities are decoded once, nothing is escaped (rendering does that), and
 * only links a tweet really holds are turned back into URLs (see `anchorText`).
 */

/** A problem in the page, always with its line and column (counted in characters). */
export class EmbedHtmlError extends SourceError {
  override readonly name = "EmbedHtmlError";
  declare readonly line: number;
  declare readonly column: number;
}

/**
 * Reads every tweet embed of a page, in document order. Pure: `file` is only used in error
 * messages. Throws an `EmbedHtmlError` at the first problem, in document order. Every tweet keeps
 * its `author`; whether it is the wall's own is for the caller to decide.
 */
export function parseEmbedHtml(html: string, file: string): TweetInput[] {
  const $ = cheerio.load(html, { sourceCodeLocationInfo: true });
  const at = placeFinder(html, file);
  const embeds = $("blockquote.twitter-tweet").toArray();
  if (embeds.length === 0) {
    throw new EmbedHtmlError(
      { file, line: 1, column: 1 },
      "no tweet embeds found",
      '<blockquote class="twitter-tweet"> elements',
    );
  }
  return embeds.map((embed) => readEmbed($, embed, at));
}

/**
 * Whether a file looks like a page (or fragment) of embeds, from its first few kilobytes: an HTML
 * document (`<!doctype html>` or `<html>` first, after comments), or any text holding a
 * `<blockquote class="…twitter-tweet…">` start tag. A plain-text wall may quote a `<p>` in a
 * tweet, so a bare `<p>` is not enough; JSON is never HTML, even with markup in its strings.
 */
export function looksLikeEmbedHtml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return false;
  return HTML_DOCUMENT_START.test(start) || EMBED_START_TAG.test(start);
}

const HTML_DOCUMENT_START = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;
const EMBED_START_TAG = /<blockquote\b[^>]*?\bclass\s*=\s*["']?[^"'>]*?(?<![\w-])twitter-tweet(?![\w-])/i;

// cheerio's node classes come from its own copy of domhandler, which the project does not
// depend on; they are taken from cheerio's declarations instead.
type AnyNode = ReturnType<cheerio.CheerioAPI> extends cheerio.Cheerio<infer Node> ? Node : never;
type Element = Extract<AnyNode, { attribs: Record<string, string> }>;
type Text = Extract<AnyNode, { nodeType: 3 }>;

type Place = (node: AnyNode) => { file: string; line: number; column: number };

function readEmbed($: cheerio.CheerioAPI, embed: Element, at: Place): TweetInput {
  const dateLink = findDateLink($, embed);
  if (dateLink === undefined) {
    throw new EmbedHtmlError(
      at(embed),
      "a tweet embed with no link to its status",
      'a link to the tweet at its end, like <a href="https://twitter.com/jack/status/20">March 21, 2006</a>',
    );
  }

  const blocks = renderBlocksBefore(embed, dateLink.element);
  const authorLine = takeAuthorLine(blocks);
  const text = blocks
    .map((block) => block.text)
    .filter((block) => block.trim() !== "")
    .join("\n\n")
    .trim();
  if (text === "") {
    throw new EmbedHtmlError(
      at(embed),
      "a tweet embed with no text",
      "the tweet's text before its author line",
    );
  }
  if (authorLine === undefined) {
    throw new EmbedHtmlError(
      at(dateLink.element),
      "a tweet embed with no author line",
      'a line like "— Name (@handle)" just before the date link',
    );
  }
  if (!HANDLE.test(authorLine.handle)) {
    throw new EmbedHtmlError(
      at(dateLink.element),
      `the handle "@${authorLine.handle}" can't be used`,
      "a handle of 1–15 letters, digits or underscores",
    );
  }
  const lang = tweetLanguage($(embed).children("p[lang]").first().attr("lang"));
  return { text, date: readDate(dateLink, at), url: dateLink.url, author: authorLine, ...(lang && { lang }) };
}

interface DateLink {
  element: Element;
  /** The status URL on x.com, without its query. */
  url: string;
  statusId: string;
}

function findDateLink($: cheerio.CheerioAPI, embed: Element): DateLink | undefined {
  return $(embed)
    .find("a")
    .toArray()
    .flatMap((element): DateLink[] => {
      const url = canonicalTwitterUrl((element.attribs.href ?? "").trim());
      if (!isHttpUrl(url)) return [];
      const { hostname } = new URL(url);
      const statusId = statusIdOf(url);
      // canonicalTwitterUrl has moved every Twitter host to x.com and left other hosts alone.
      return hostname === "x.com" && statusId !== undefined ? [{ element, url, statusId }] : [];
    })
    .at(-1);
}

/**
 * The link's text when `parseTweetDate` reads it, else the time inside the status id, as a
 * `YYYY-MM-DD` date.
 */
function readDate(link: DateLink, at: Place): string {
  const written = visibleText(link.element).replace(/\s+/g, " ").trim();
  const parsed = parseTweetDate(written);
  if (parsed.ok) return parsed.date.iso.slice(0, 10);
  const fromId = dateOfStatusId(link.statusId)?.slice(0, 10);
  if (fromId !== undefined) return fromId;
  throw new EmbedHtmlError(
    at(link.element),
    `the date "${written}" can't be read and the status id ${link.statusId} is too old to tell it`,
    parsed.expected,
  );
}

interface Block {
  /** True for a `<p>`; false for the loose text around paragraphs, such as the author line. */
  paragraph: boolean;
  text: string;
}

/** Text that a browser does not show. */
const UNRENDERED = new Set(["script", "style", "template", "noscript"]);

/** The embed's content before `stop`, as rendered text in blocks; blank blocks are dropped. */
function renderBlocksBefore(embed: Element, stop: Element): Block[] {
  const blocks: { paragraph: boolean; lines: string[] }[] = [];
  let current: { paragraph: boolean; lines: string[] } | undefined;
  let stopped = false;
  const open = (paragraph: boolean) => {
    const block = { paragraph, lines: [""] };
    blocks.push(block);
    return block;
  };
  const append = (text: string) => {
    current ??= open(false);
    current.lines[current.lines.length - 1] += text;
  };

  const visit = (node: AnyNode): void => {
    if (stopped) return;
    if (node === stop) {
      stopped = true;
    } else if (isText(node)) {
      append(node.data);
    } else if (isElement(node) && !UNRENDERED.has(node.tagName)) {
      if (node.tagName === "br") {
        current ??= open(false);
        current.lines.push("");
      } else if (node.tagName === "a") {
        append(anchorText(node));
      } else if (node.tagName === "p") {
        current = open(true);
        node.children.forEach(visit);
        current = undefined;
      } else {
        node.children.forEach(visit);
      }
    }
  };
  embed.children.forEach(visit);

  return blocks
    .map(({ paragraph, lines }) => ({ paragraph, text: lines.map(collapseWhitespace).join("\n").trim() }))
    .filter((block) => block.text !== "");
}

/** Like a browser: each run of HTML whitespace is one space, and none at the line's ends. */
function collapseWhitespace(line: string): string {
  return line.replace(/[ \t\n\r\f]+/g, " ").replace(/^ | $/g, "");
}

/**
 * `— Name (@handle)` at the end of the loose text before the date link. An em or en dash may
 * follow other text (embeds without `<p>`); a hyphen or `--` only starts a line. The name holds
 * no dash, so the last dash before the handle starts the author line.
 */
const AUTHOR_LINE =
  /(?:(?:^|\n)(?:—|–|--?)|[ \n](?:—|–))[ \n]*(?<name>[^\s—–-][^\n—–]*?) ?\(@(?<handle>[^\s()]*)\)$/u;

/** Removes the author line from the last block, which must not be a paragraph, and returns it. */
function takeAuthorLine(blocks: Block[]): AuthorInput | undefined {
  const last = blocks.at(-1);
  if (last === undefined || last.paragraph) return undefined;
  const match = AUTHOR_LINE.exec(last.text);
  const { name, handle } = match?.groups ?? {};
  if (match === null || name === undefined || handle === undefined) return undefined;
  last.text = last.text.slice(0, match.index).trim();
  return { name: name.trim(), handle };
}

/** Mentions, hashtags and cashtags are shown as written; so are `pic.twitter.com/…` links. */
const ENTITY_TEXT = /^(?:[@＠#＃$]|pic\.twitter\.com\/)/i;
/** A display URL as X shows one: a host without its scheme (`github.com/karpathy/…`). */
const SCHEMELESS_URL = /^(?:[\p{L}\p{N}-]+\.)+\p{L}[\p{L}\p{N}-]*(?:[/?#:]\S*)?$/u;

/**
 * What a link in the tweet contributes to its text. X shortens a URL for display (no scheme,
 * `…` at the end); then the href, if it is a web address, is the URL the tweet really holds.
 * Anything else keeps its visible text, so a `javascript:` href never reaches the text.
 */
function anchorText(anchor: Element): string {
  const visible = visibleText(anchor);
  const shown = visible.trim();
  const href = (anchor.attribs.href ?? "").trim();
  const shortened = !/\s/.test(shown) && (shown.endsWith("…") || SCHEMELESS_URL.test(shown));
  if (ENTITY_TEXT.test(shown) || !shortened || !isHttpUrl(href)) return visible;
  const [leading = "", trailing = ""] = [/^\s*/.exec(visible)?.[0], /\s*$/.exec(visible)?.[0]];
  return `${leading}${canonicalTwitterUrl(href)}${trailing}`;
}

/** The decoded text inside an element, as shown, before whitespace collapsing. */
function visibleText(element: Element): string {
  return element.children
    .map((node) => {
      if (isText(node)) return node.data;
      if (!isElement(node) || UNRENDERED.has(node.tagName)) return "";
      return node.tagName === "br" ? "\n" : visibleText(node);
    })
    .join("");
}

function isText(node: AnyNode): node is Text {
  return node.nodeType === 3;
}

function isElement(node: AnyNode): node is Element {
  return node.nodeType === 1 && "attribs" in node;
}

/**
 * Places nodes by parse5's source offsets, counting lines as the sibling importers do and
 * columns in characters (code points), so an emoji before the place counts once.
 */
function placeFinder(html: string, file: string): Place {
  // An editor does not show the byte-order mark, so it takes no column.
  const lineStarts = [html.startsWith("\uFEFF") ? 1 : 0];
  for (const match of html.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index + match[0].length);
  return (node) => {
    const offset = node.sourceCodeLocation?.startOffset ?? 0;
    const lineIndex = Math.max(
      0,
      lineStarts.findLastIndex((start) => start <= offset),
    );
    const lineStart = Math.min(lineStarts[lineIndex] ?? 0, offset);
    return { file, line: lineIndex + 1, column: columnAt(html.slice(lineStart, offset), Infinity) };
  };
}
