import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { afterAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { findEntities, linkifyText, type EntityKind } from "../../../src/tweet/linkify.ts";
import { canonicalTwitterUrl } from "../../../src/tweet/urls.ts";

/*
 * X's own cross-implementation suite for twitter-text, read at test time from the folder shared
 * beside the repository (see its SOURCE.md for which sections apply to a tweet wall).
 */
const SUITE_DIR = fileURLToPath(new URL("../../../../shared/conformance/twitter-text/", import.meta.url));
const suiteFound = existsSync(SUITE_DIR);
if (!suiteFound) {
  console.warn(`Skipping the twitter-text conformance suite: ${SUITE_DIR} does not exist.`);
}

interface Case {
  description: string;
  text: string;
  expected: unknown;
}
type SuiteFile = "extract.yml" | "autolink.yml";
type Found = { kind: EntityKind | "cashtag" | "list"; text: string; target: string };

/** Which sections we run, and how our output is read in the shape each section expects. */
const APPLICABLE: Record<SuiteFile, Record<string, (text: string) => unknown>> = {
  "extract.yml": {
    mentions: (text) => entityTags(text, "mention"),
    mentions_with_indices: (text) =>
      entities(text, "mention").map((e) => ({ screen_name: e.text.slice(1), indices: [e.start, e.end] })),
    mentions_or_lists_with_indices: (text) =>
      entities(text, "mention").map((e) => ({
        screen_name: e.text.slice(1),
        list_slug: "",
        indices: [e.start, e.end],
      })),
    hashtags: (text) => entityTags(text, "hashtag"),
    hashtags_from_astral: (text) => entityTags(text, "hashtag"),
    hashtags_with_indices: (text) =>
      entities(text, "hashtag").map((e) => ({ hashtag: e.text.slice(1), indices: [e.start, e.end] })),
    urls: (text) => entities(text, "url").map((e) => e.text),
    urls_with_indices: (text) =>
      entities(text, "url").map((e) => ({ url: e.text, indices: [e.start, e.end] })),
    tco_urls_with_params: (text) => entities(text, "url").map((e) => e.text),
  },
  // Each autolink section checks one of X's autolinkers (usernames only, hashtags only, ...), so
  // only our links of that kind are compared; `all` compares every link.
  "autolink.yml": {
    usernames: (text) => ourLinks(linkifyText(text)).filter((link) => link.kind === "mention"),
    hashtags: (text) => ourLinks(linkifyText(text)).filter((link) => link.kind === "hashtag"),
    urls: (text) => ourLinks(linkifyText(text)).filter((link) => link.kind === "url"),
    all: (text) => ourLinks(linkifyText(text)),
  },
};

/** Every other section of the suite, and why it does not apply. */
const NOT_APPLICABLE: Record<SuiteFile, Record<string, string>> = {
  "extract.yml": {
    replies: "finds the account a tweet replies to; a wall only links",
    urls_with_directional_markers:
      "not listed in SOURCE.md, and each of its cases expects a URL without protocol",
    cashtags: "we do not link cashtags",
    cashtags_with_indices: "we do not link cashtags",
  },
  "autolink.yml": {
    lists: "we link a list's owner, not the list",
    cashtags: "we do not link cashtags",
    json: "links entities supplied by the X API alongside the text; ours come from the text alone",
  },
};

/**
 * Our deliberate differences from X, as one predicate over what X expects a case to find: a case
 * applies only if we link everything X finds in it. We do not link a URL written without http(s)://
 * (pic.twitter.com, our one exception, is not in the suite), a list as a list, or a cashtag.
 */
function weLinkAllOf(file: SuiteFile, section: string, expected: unknown): boolean {
  if (file === "autolink.yml") return xLinks(String(expected)).every(weLink);
  return (expected as unknown[]).every((item) => {
    if (typeof item === "string") return !section.includes("urls") || hasProtocol(item);
    const { url, list_slug: listSlug } = item as { url?: string; list_slug?: string };
    return (url === undefined || hasProtocol(url)) && !listSlug;
  });
}

const weLink = ({ kind, target }: Found) =>
  kind === "mention" || kind === "hashtag" || (kind === "url" && hasProtocol(target));
const hasProtocol = (url: string) => /^https?:\/\//i.test(url);

const entities = (text: string, kind: EntityKind) => findEntities(text).filter((e) => e.kind === kind);
const entityTags = (text: string, kind: EntityKind) => entities(text, kind).map((e) => e.text.slice(1));

/*
 * Links are compared as (kind, visible text, target), since the two sides differ on purpose in
 * markup: X's expected HTML has class names, twitter.com hosts and `@` outside a mention's anchor.
 * The target is the screen name, the tag, or the URL after our canonicalisation (the suite
 * predates x.com).
 */
function xLinks(html: string): Found[] {
  const $ = cheerio.load(html, null, false);
  return $("a")
    .toArray()
    .map((anchor): Found => {
      const classes = ($(anchor).attr("class") ?? "").split(" ");
      const href = $(anchor).attr("href") ?? "";
      const text = $(anchor).text();
      const url = URL.canParse(href) ? new URL(href) : undefined;
      const screenName = url?.pathname.slice(1) ?? "";
      const searched = url?.searchParams.get("q")?.slice(1) ?? "";
      if (classes.includes("username")) return { kind: "mention", text, target: screenName };
      if (classes.includes("list-slug")) return { kind: "list", text, target: screenName };
      if (classes.includes("hashtag")) return { kind: "hashtag", text, target: searched };
      if (classes.includes("cashtag")) return { kind: "cashtag", text, target: searched };
      return { kind: "url", text, target: canonicalTwitterUrl(href) };
    });
}

function ourLinks(html: string): Found[] {
  const $ = cheerio.load(html, null, false);
  return $("a")
    .toArray()
    .map((anchor): Found => {
      const href = $(anchor).attr("href") ?? "";
      const text = $(anchor).text();
      if (/^[@＠]/.test(text)) {
        return { kind: "mention", text: text.slice(1), target: new URL(href).pathname.slice(1) };
      }
      if (/^[#＃]/.test(text)) {
        const tag = new URL(href).pathname.replace(/^\/hashtag\//, "");
        return { kind: "hashtag", text, target: decodeURIComponent(tag) };
      }
      return { kind: "url", text, target: href };
    });
}

function readSuite(file: SuiteFile): Record<string, Case[]> {
  if (!suiteFound) return {};
  const parsed = parseYaml(readFileSync(`${SUITE_DIR}${file}`, "utf8")) as { tests: Record<string, Case[]> };
  return parsed.tests;
}

const summary: string[] = [];
afterAll(() => {
  if (summary.length > 0) console.log(`twitter-text conformance:\n${summary.join("\n")}`);
});

describe.skipIf(!suiteFound)("twitter-text conformance suite", () => {
  for (const file of ["extract.yml", "autolink.yml"] as const) {
    const sections = readSuite(file);

    test(`${file}: every section is either run or set aside with a reason`, () => {
      const known = [...Object.keys(APPLICABLE[file]), ...Object.keys(NOT_APPLICABLE[file])];
      expect(Object.keys(sections).toSorted()).toEqual(known.toSorted());
    });

    for (const [section, ourResult] of Object.entries(APPLICABLE[file])) {
      const all = sections[section] ?? [];
      const cases = all.filter((c) => weLinkAllOf(file, section, c.expected));

      describe(`${file} › ${section}`, () => {
        // Vitest wants the (unused) context destructured.
        afterAll(({}, suite) => {
          const passed = suite.tasks.filter((task) => task.result?.state === "pass").length;
          const excluded = all.length - cases.length;
          const rate = cases.length === 0 ? "n/a" : `${((100 * passed) / cases.length).toFixed(1)}%`;
          summary.push(
            `  ${file} › ${section}: ${passed}/${cases.length} passed (${rate})` +
              (excluded > 0 ? `, ${excluded} excluded by weLinkAllOf` : ""),
          );
        });

        test.for(cases)("$description", ({ text, expected }) => {
          if (file === "autolink.yml") expect(ourResult(text)).toEqual(xLinks(String(expected)));
          else expect(ourResult(text)).toEqual(expected);
        });
      });
    }
  }
});
