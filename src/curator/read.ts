import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  findNodeAtLocation,
  type Node as JsonNode,
  type ParseOptions,
  parseTree,
  printParseErrorCode,
  visit,
} from "jsonc-parser";
import type * as z from "zod/mini";
import { placeAt, placesOf } from "../tweet/place.ts";
import { shapeOf, unwrapped } from "./schema-walk.ts";
import { duplicateTweets } from "./duplicates.ts";
import { decodeUtf8 } from "./encoding.ts";
import type { WallFiles } from "./files.ts";
import { imageProblem, mediaFilesOf, type NamedMediaFile, videoProblem } from "./media.ts";
import { type Checked, type Problem } from "./problems.ts";
import {
  authorSchema,
  IMAGE_SRC,
  VIDEO_SRC,
  type Site,
  siteSchema,
  tweetListSchema,
  tweetSchema,
  tweetsDocumentSchema,
  type TweetInput,
} from "./schema.ts";

/** Both curator files, read and checked: what the view is built from. */
export interface WallInput {
  site: Site;
  tweets: TweetInput[];
}

/**
 * Reads and checks both curator files, reporting every problem in either at once. Each build
 * reads them once: the view built from the result is all the site layer ever sees.
 */
export async function readWall({ tweetsFile, siteFile }: WallFiles): Promise<Checked<WallInput>> {
  const [siteText, tweetsText] = await Promise.all([readText(siteFile), readText(tweetsFile)]);
  // The site author's picture lives in the media folder beside the tweets file, as every tweet's does.
  const site =
    typeof siteText === "string" ? parseSiteJson(siteText, siteFile, mediaBesideFile(tweetsFile)) : siteText;
  const tweets =
    typeof tweetsText === "string"
      ? parseTweetsJson(tweetsText, tweetsFile, mediaBesideFile(tweetsFile))
      : tweetsText;
  if (!site.ok || !tweets.ok) {
    return {
      ok: false,
      problems: [...(site.ok ? [] : site.problems), ...(tweets.ok ? [] : tweets.problems)],
    };
  }
  return { ok: true, value: { site: site.value, tweets: tweets.value } };
}

export interface TweetsDocument {
  tweets: TweetInput[];
  /** The file's own `$schema` reference, when it has one. */
  schemaRef?: string | undefined;
}

export interface TweetsFileChecks {
  /** What is wrong with a media file a tweet names (a path in the file's folder), if anything. */
  mediaProblem?: (src: string, kind: NamedMediaFile["kind"]) => string | undefined;
}

export async function readTweetsFile(
  file: string,
  checks: TweetsFileChecks = {},
): Promise<Checked<TweetsDocument>> {
  const text = await readText(file);
  return typeof text === "string" ? parseTweetsDocument(text, file, checks) : text;
}

/** Checks against the file system: each image a tweet names is in the media folder, readable by the build. */
export function mediaBesideFile(file: string): TweetsFileChecks {
  const folder = path.dirname(file);
  return {
    mediaProblem: (src, kind) =>
      kind === "video" ? videoProblem(path.join(folder, src)) : imageProblem(path.join(folder, src)),
  };
}

export function parseTweetsJson(
  text: string,
  file: string,
  checks: TweetsFileChecks = {},
): Checked<TweetInput[]> {
  const document = parseTweetsDocument(text, file, checks);
  return document.ok ? { ok: true, value: document.value.tweets } : document;
}

export function parseTweetsDocument(
  text: string,
  file: string,
  checks: TweetsFileChecks = {},
): Checked<TweetsDocument> {
  const json = parseJsonWithPositions(text, file);
  if (!json.ok) return json;
  const { tree, value } = json.value;
  const isDocument = typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isDocument && !Array.isArray(value)) {
    return fail(file, text, tree(), 'expected an array of tweets, or an object with a "tweets" array');
  }
  const result = (isDocument ? tweetsDocumentSchema : tweetListSchema).safeParse(value);
  // The checks across tweets also read what the schema refused, so every problem is reported at once.
  const document = !result.success
    ? undefined
    : Array.isArray(result.data)
      ? { tweets: result.data }
      : { tweets: result.data.tweets, schemaRef: result.data.$schema };
  const tweets = document?.tweets ?? tweetsOf(value);
  const duplicates = duplicateTweets(tweets);
  const unreadable = checks.mediaProblem ? mediaProblems(tweets, checks.mediaProblem) : [];
  if (document && duplicates.length === 0 && unreadable.length === 0) return { ok: true, value: document };
  const source = { file, text, root: tree() };
  const tweetsAt = isDocument ? 1 : 0;
  const offsetOf = (tweet: number, field: (string | number)[]) =>
    findNodeAtLocation(source.root, [...(isDocument ? ["tweets"] : []), tweet, ...field])?.offset ?? 0;
  const schemaProblems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const inTweet = issue.path.length > tweetsAt && typeof issue.path[tweetsAt] === "number";
        const fieldPath = inTweet ? issue.path.slice(tweetsAt + 1) : issue.path;
        return locateIssue(issue, source, {
          tweet: inTweet ? (issue.path[tweetsAt] as number) + 1 : undefined,
          fieldPath,
          knownKeys: knownKeysFor(inTweet, fieldPath, isDocument),
        });
      });
  const copies = duplicates.map((duplicate) => ({
    ...duplicate,
    offset: offsetOf(duplicate.tweet, [duplicate.field]),
    firstOffset: offsetOf(duplicate.first, [duplicate.field]),
  }));
  const located = [
    ...schemaProblems,
    ...unreadable.map(({ tweet, at, message }) => ({
      file,
      offset: offsetOf(tweet, at),
      tweet: tweet + 1,
      field: at.join("."),
      message,
    })),
  ];
  const placeOf = placesOf(text, [
    ...located.map(({ offset }) => offset),
    ...copies.flatMap(({ offset, firstOffset }) => [offset, firstOffset]),
  ]);
  const repeated = copies.map(({ tweet, first, field, offset, firstOffset }) => ({
    file,
    offset,
    tweet: tweet + 1,
    field,
    message: `the same tweet as tweet ${first + 1} (line ${placeOf(firstOffset).line}), ${
      field === "url" ? "by its status id" : "the same text on the same day"
    }: remove one`,
  }));
  return { ok: false, problems: placed(text, [...located, ...repeated], placeOf) };
}

/** The tweets of a file the schema refused, as far as they can be found. */
function tweetsOf(value: unknown): readonly unknown[] {
  const tweets = Array.isArray(value) ? value : (value as { tweets?: unknown }).tweets;
  return Array.isArray(tweets) ? tweets : [];
}

/** Each media file the build could not encode or copy, as `problemOf` tells it. */
function mediaProblems(tweets: readonly unknown[], problemOf: NonNullable<TweetsFileChecks["mediaProblem"]>) {
  const found: { tweet: number; at: (string | number)[]; message: string }[] = [];
  tweets.forEach((tweet, index) => {
    for (const { at, src, kind } of mediaFilesOf(tweet)) {
      // A path the schema refused, such as one out of the media folder, is never opened.
      if (!(kind === "video" ? VIDEO_SRC : IMAGE_SRC).test(src)) continue;
      const message = problemOf(src, kind);
      if (message) found.push({ tweet: index, at, message });
    }
  });
  return found;
}

export function parseSiteJson(text: string, file: string, checks: TweetsFileChecks = {}): Checked<Site> {
  const json = parseJsonWithPositions(text, file);
  if (!json.ok) return json;
  const { tree, value } = json.value;
  const result = siteSchema.safeParse(value);
  const avatar = result.success ? result.data.author.avatar : undefined;
  const avatarProblem = avatar === undefined ? undefined : checks.mediaProblem?.(avatar, "image");
  if (result.success && avatarProblem === undefined) return { ok: true, value: result.data };
  const root = tree();
  if (result.success) {
    const offset = findNodeAtLocation(root, ["author", "avatar"])?.offset ?? 0;
    return {
      ok: false,
      problems: placed(text, [{ file, offset, field: "author.avatar", message: avatarProblem! }]),
    };
  }
  const located = result.error.issues.map((issue) =>
    locateIssue(
      issue,
      { file, text, root },
      {
        fieldPath: issue.path,
        knownKeys: issue.path.at(-1) === "author" ? keysOf(authorSchema) : keysOf(siteSchema),
      },
    ),
  );
  return { ok: false, problems: placed(text, located) };
}

/** A problem whose place is still an offset in the text, until all are placed at once. */
type Located = Omit<Problem, "line" | "column"> & { offset: number };

/** The problems in reading order, each at its place. */
function placed(
  text: string,
  located: Located[],
  placeOf = placesOf(
    text,
    located.map(({ offset }) => offset),
  ),
): Problem[] {
  return located
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, ...problem }) => ({ ...placeOf(offset), ...problem }));
}

interface ParsedJson {
  value: unknown;
  /**
   * The syntax tree with every value's offset, built only to locate a problem: for 100,000
   * tweets it costs three times the parse itself, and twice the memory of the values.
   */
  tree: () => JsonNode;
}

interface Source {
  file: string;
  text: string;
  root: JsonNode;
}

const STRICT_JSON: ParseOptions = { disallowComments: true, allowTrailingComma: false };

function parseJsonWithPositions(text: string, file: string): Checked<ParsedJson> {
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (source.trim() === "") {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, message: "the file is empty: expected JSON" }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const { message, offset } = firstSyntaxError(source, error);
    return {
      ok: false,
      problems: [{ file, ...placeAt(text, offset), message: `invalid JSON: ${message}` }],
    };
  }
  const duplicates = duplicateKeys(source).map(({ key, offset }) => ({
    offset,
    file,
    message: `duplicate key "${key}": JSON keeps only the last one, so remove or rename one`,
  }));
  if (duplicates.length > 0) {
    return { ok: false, problems: placed(text, duplicates) };
  }
  let root: JsonNode | undefined;
  const tree = () => (root ??= parseTree(source, [], STRICT_JSON) ?? { type: "null", offset: 0, length: 0 });
  return { ok: true, value: { value, tree } };
}

/**
 * Where JSON.parse gave up, as jsonc-parser locates and names it (only its first error is
 * reliable). Should jsonc-parser ever accept what JSON.parse refused, V8's own message is given,
 * at the position it names if it names one.
 */
function firstSyntaxError(source: string, parseError: unknown): { message: string; offset: number } {
  let first: { message: string; offset: number } | undefined;
  const onError = (error: number, offset: number) =>
    void (first ??= { message: describeParseError(printParseErrorCode(error)), offset });
  visit(source, { onError }, STRICT_JSON);
  if (first) return first;
  const message = parseError instanceof Error ? parseError.message : String(parseError);
  return { message, offset: Number(/at position (\d+)/.exec(message)?.[1] ?? 0) };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Every key written twice in one object, which JSON.parse silently resolves by keeping the last.
 * For text JSON.parse has accepted, so only strings and braces need telling apart: about five
 * times faster than jsonc-parser's full tokenizer, which matters on a 20 MB file.
 */
export function duplicateKeys(json: string): { key: string; offset: number }[] {
  const found: { key: string; offset: number }[] = [];
  const keysOfOpenObjects: Set<string>[] = [];
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === OPEN_BRACE) keysOfOpenObjects.push(new Set());
    else if (code === CLOSE_BRACE) keysOfOpenObjects.pop();
    else if (code === QUOTE) {
      const start = index;
      index = closingQuote(json, start);
      let next = index + 1;
      while (isJsonWhitespace(json.charCodeAt(next))) next++;
      if (json.charCodeAt(next) !== COLON) continue;
      const written = json.slice(start, index + 1);
      // Keys with escapes are compared as JSON.parse reads them: "\u0061" is "a".
      const key = written.includes("\\") ? (JSON.parse(written) as string) : written.slice(1, -1);
      const keys = keysOfOpenObjects.at(-1)!;
      if (keys.has(key)) found.push({ key, offset: start });
      else keys.add(key);
      index = next;
    }
  }
  return found;
}

/** The quote that closes the string opening at `start`: the first one not escaped by a backslash. */
function closingQuote(json: string, start: number): number {
  let end = json.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (json.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = json.indexOf('"', end + 1);
  }
}

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function describeParseError(code: string): string {
  const readable: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "malformed number",
    PropertyNameExpected: "expected a quoted key (a trailing comma before } or ] is not allowed)",
    ValueExpected: "expected a value (a trailing comma before ] or } is not allowed)",
    ColonExpected: 'expected ":" after the key',
    CommaExpected: 'expected "," between items',
    CloseBraceExpected: 'expected "}" to close the object',
    CloseBracketExpected: 'expected "]" to close the array',
    EndOfFileExpected: "expected the end of the file after the top-level value",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfComment: "comments are not allowed in JSON",
    UnexpectedEndOfString: "a string is not closed on its line (write a line break inside a string as \\n)",
    UnexpectedEndOfNumber: "a number ends too early",
    InvalidUnicode: "invalid \\u escape",
    InvalidEscapeCharacter: "invalid escape character in a string (write \\\\ for a backslash)",
    InvalidCharacter: "a control character (such as a raw line break) inside a string; write \\n instead",
  };
  return readable[code] ?? code;
}

interface IssueContext {
  tweet?: number | undefined;
  fieldPath: PropertyKey[];
  knownKeys: string[];
}

function locateIssue(issue: z.core.$ZodIssue, source: Source, context: IssueContext): Located {
  const jsonPath = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  const field = context.fieldPath.map(String).join(".");
  const base = { file: source.file, ...(context.tweet === undefined ? {} : { tweet: context.tweet }) };

  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const property = findNodeAtLocation(source.root, [...jsonPath, key])?.parent;
    const hint = closestKey(key, context.knownKeys);
    const known = `known fields are ${context.knownKeys.map((k) => `"${k}"`).join(", ")}`;
    const others =
      issue.keys.length > 1
        ? ` (also ${issue.keys
            .slice(1)
            .map((k) => `"${k}"`)
            .join(", ")})`
        : "";
    return {
      ...base,
      offset: property?.offset ?? 0,
      field: [field, key].filter(Boolean).join("."),
      message: `unknown field${others}: ${hint ? `did you mean "${hint}"? ` : ""}${known}`,
    };
  }

  const node = findNodeAtLocation(source.root, jsonPath);
  const missing = node === undefined;
  const anchor = missing ? closestExistingNode(source.root, jsonPath) : node;
  // A check that names one character of a string (a control character) gives its index.
  const index: unknown = issue.code === "custom" ? issue.params?.index : undefined;
  const offset =
    node?.type === "string" && typeof index === "number"
      ? offsetInString(source.text, node.offset, index)
      : (anchor?.offset ?? 0);
  return {
    ...base,
    offset,
    ...(field ? { field } : {}),
    message: missing ? `missing: expected ${issue.message}` : `expected ${issue.message}`,
  };
}

/**
 * Where the string's character at `index` is written in the JSON, from the string's opening
 * quote: an escape (\n, \u0001) writes one character in several.
 */
function offsetInString(json: string, quote: number, index: number): number {
  let offset = quote + 1;
  for (let character = 0; character < index; character++) {
    offset += json.charCodeAt(offset) !== BACKSLASH ? 1 : json[offset + 1] === "u" ? 6 : 2;
  }
  return offset;
}

function closestExistingNode(root: JsonNode, jsonPath: (string | number)[]): JsonNode | undefined {
  for (let length = jsonPath.length - 1; length >= 0; length--) {
    const node = findNodeAtLocation(root, jsonPath.slice(0, length));
    if (node) return node;
  }
  return root;
}

function knownKeysFor(inTweet: boolean, fieldPath: PropertyKey[], isDocument: boolean): string[] {
  if (!inTweet) return isDocument ? keysOf(tweetsDocumentSchema) : [];
  // The object that holds the unknown key: the tweet, or one of its nested objects.
  let schemas: unknown[] = [tweetSchema];
  for (const part of fieldPath) {
    schemas = schemas.flatMap(unwrapped);
    if (typeof part === "string") schemas = schemas.map((schema) => shapeOf(schema)?.[part]);
  }
  return [...new Set(schemas.flatMap(unwrapped).flatMap((schema) => Object.keys(shapeOf(schema) ?? {})))];
}

function keysOf(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape);
}

/** The known key a typo most likely meant, if any is close enough to be a useful hint. */
export function closestKey(typo: string, candidates: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of candidates) {
    const distance = editDistance(typo.toLowerCase(), key.toLowerCase());
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

function fail<T>(file: string, text: string, node: JsonNode, message: string): Checked<T> {
  return { ok: false, problems: [{ file, ...placeAt(text, node.offset), message }] };
}

export type TextOrProblem = string | { ok: false; problems: Problem[] };

export async function readText(file: string): Promise<TextOrProblem> {
  try {
    // Decoded in one piece: given an encoding, readFile decodes chunk by chunk into a string
    // of many parts, which JSON.parse then reads more slowly (20 MB: 0.66 s against 0.55 s).
    const decoded = decodeUtf8(await readFile(file));
    return decoded.ok
      ? decoded.text
      : { ok: false, problems: [{ file, ...decoded.place, message: decoded.message }] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? `file not found (looked in ${path.resolve(file)})`
        : code === "EISDIR"
          ? "is a folder, expected a JSON file"
          : `cannot be read (${code ?? String(error)})`;
    return { ok: false, problems: [{ file, line: 1, column: 1, message: reason }] };
  }
}
