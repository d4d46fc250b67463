import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { withPathPrefix } from "../view/pages.ts";
import type { TweetView, WallView } from "../view/types.ts";
import { linkOrCopy } from "./images.ts";
import { type LayoutThread, type SatoriFont, startLayoutThread } from "./share-layout.ts";

/**
 * The Open Graph images of the wall's first page and of every tweet page: 1200×630 PNGs drawn
 * from the view with satori (the layout, and the text as paths in Inter from npm) and rasterised
 * by sharp. Each file is named by a hash of everything drawn, kept in SHARE_IMAGES_CACHE and
 * linked into /share/, so an unchanged tweet is drawn once.
 */

export const SHARE_WIDTH = 1200;
export const SHARE_HEIGHT = 630;
export const SHARE_IMAGES_CACHE = path.join("node_modules", ".cache", "tweetwall", "share");
/**
 * Images being made at once: enough that satori's thread always has the next tree while sharp's
 * threads rasterise the last ones (2 cores here).
 */
const IN_FLIGHT = 4;
/** The site's blue, as the stylesheet has it, for a wall without an accent. */
const DEFAULT_ACCENT = "#1d9bf0";
const INK = "#0f1419";
const MUTED = "#536471";
const PAPER = "#ffffff";

export interface ShareImage {
  /** Absolute, as crawlers need it. */
  url: string;
  width: number;
  height: number;
  /** What the image shows, in words. */
  alt: string;
}

export interface ShareImages {
  /** By the path of the page that shows it: `/` and each `/t/<id>/`. */
  byPage: ReadonlyMap<string, ShareImage>;
  /**
   * Settles when every image is in the site: the names are known at once, so the pages render
   * while the images are drawn. Says how many were drawn and how many found in the cache.
   */
  done: Promise<{ drawn: number; reused: number }>;
}

export interface ShareOptions {
  mediaRoot: string;
  outputDir: string;
  cacheDir?: string;
}

/** A satori element: the object form of what its JSX would make. */
interface Element {
  type: string;
  props: { style?: Record<string, string | number>; src?: string; children?: Node | Node[] };
}
type Node = Element | string;

/** One image to make: its element tree, its avatar's file (drawn in place of AVATAR_MARK) and where it goes. */
interface Drawing {
  page: string;
  tree: Element;
  avatar: Buffer | undefined;
  alt: string;
}

/** Where an avatar's picture goes in a tree; its bytes are hashed, and read only to draw. */
const AVATAR_MARK = "tweetwall:avatar";

/**
 * Names the share images of the wall by their content and starts making those the cache lacks
 * (and linking all into /share/ of the site being built). Needs the site's origin: the caller
 * asks only when it has one.
 */
export async function planShareImages(
  wall: WallView,
  { mediaRoot, outputDir, cacheDir = SHARE_IMAGES_CACHE }: ShareOptions,
): Promise<ShareImages> {
  const { origin, pathPrefix } = wall.site;
  if (origin === undefined) throw new Error("share images need the site's url");
  const versions = await rendererVersions();
  // An avatar whose file cannot be read is drawn as the author's initial.
  const avatars = new Map<string, Buffer | undefined>();
  for (const { author } of wall.tweetPages)
    if (author.avatar && !avatars.has(author.avatar))
      avatars.set(author.avatar, await readFile(path.join(mediaRoot, author.avatar)).catch(() => undefined));
  const drawings = [
    wallDrawing(wall),
    ...wall.tweetPages.map((tweet) =>
      tweetDrawing(wall, tweet, tweet.author.avatar ? avatars.get(tweet.author.avatar) : undefined),
    ),
  ];
  const byPage = new Map<string, ShareImage>();
  const names = drawings.map((drawing) => {
    const { avatar } = drawing;
    const name = `${createHash("sha256")
      .update(versions)
      .update(JSON.stringify(drawing.tree))
      .update(avatar ?? "")
      .digest("base64url")
      .slice(0, 16)}.png`;
    byPage.set(drawing.page, {
      url: new URL(withPathPrefix(pathPrefix, `/share/${name}`), origin).href,
      width: SHARE_WIDTH,
      height: SHARE_HEIGHT,
      alt: drawing.alt,
    });
    return { drawing, name, avatar };
  });
  const done = (async () => {
    await mkdir(cacheDir, { recursive: true });
    const shareOutput = path.join(outputDir, "share");
    await mkdir(shareOutput, { recursive: true });
    const missing: typeof names = [];
    for (const image of names) if (!(await exists(path.join(cacheDir, image.name)))) missing.push(image);
    if (missing.length > 0) {
      const fonts = await fontsFor(missing.map(({ drawing }) => textOf(drawing.tree)).join("\n"));
      const thread = layoutThread(fonts);
      await eachAtMost(IN_FLIGHT, missing, async ({ drawing, name, avatar }) => {
        const tree = avatar ? await withAvatar(drawing.tree, avatar) : drawing.tree;
        const png = await rasterise(await thread.layout(tree));
        // Written beside it and renamed: a build stopped halfway leaves no half image in the cache.
        const cached = path.join(cacheDir, name);
        const partial = `${cached}.${process.pid}.partial`;
        await writeFile(partial, png);
        await rename(partial, cached);
      });
    }
    for (const { name } of names) await linkOrCopy(path.join(cacheDir, name), path.join(shareOutput, name));
    return { drawn: missing.length, reused: names.length - missing.length };
  })();
  // Awaited when the pages are written; until then a failure must not count as unhandled.
  done.catch(() => {});
  return { byPage, done };
}

/**
 * An SVG as a PNG, on one of sharp's threads. Light compression: a third less CPU time than
 * zlib's default for files some 15% larger, which only crawlers fetch.
 */
async function rasterise(svg: string): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(svg)).png({ compressionLevel: 2 }).toBuffer();
}

/** The wall's first page: its title, intro, how many tweets and whose. */
function wallDrawing(wall: WallView): Drawing {
  const { site } = wall;
  const byline = site.author.handle ? `${site.author.name} · @${site.author.handle}` : site.author.name;
  const tree = frame(site.accent, [
    el("div", { display: "flex", flexDirection: "column", flexGrow: 1 }, [
      el(
        "div",
        { fontSize: 76, fontWeight: 700, lineHeight: 1.1, color: INK, lineClamp: 2, wordBreak: "break-word" },
        clip(site.title, 120),
      ),
      el(
        "div",
        {
          fontSize: 36,
          lineHeight: 1.4,
          color: MUTED,
          marginTop: 32,
          lineClamp: 4,
          wordBreak: "break-word",
        },
        clip(site.intro, 400),
      ),
    ]),
    footer(wall.countText, byline, site.accent),
  ]);
  return {
    page: wall.pages[0]!.path,
    tree,
    avatar: undefined,
    alt: `${site.title}: ${wall.countText} chosen by ${site.author.name}`,
  };
}

/** A tweet's page: who, the words, when, and on which wall. */
function tweetDrawing(wall: WallView, tweet: TweetView, avatar: Buffer | undefined): Drawing {
  const { author } = tweet;
  const words = tweet.text.replace(/\n{3,}/g, "\n\n").trim() || placeholder(tweet);
  const size = words.length <= 90 ? 56 : words.length <= 180 ? 46 : 38;
  // Lines that fit between the author's row and the footer at this size.
  const lines = Math.floor(300 / (size * 1.3));
  const head = el("div", { display: "flex", alignItems: "center" }, [
    avatar
      ? el("img", { width: 88, height: 88, borderRadius: 44 }, [], AVATAR_MARK)
      : el(
          "div",
          {
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            width: 88,
            height: 88,
            borderRadius: 44,
            backgroundColor: accentOf(wall.site.accent),
            color: PAPER,
            fontSize: 44,
            fontWeight: 700,
          },
          initialOf(author.name),
        ),
    el("div", { display: "flex", flexDirection: "column", marginLeft: 24, flexShrink: 1 }, [
      el("div", { fontSize: 36, fontWeight: 700, color: INK, lineClamp: 1 }, clip(author.name, 60)),
      ...(author.handle
        ? [el("div", { fontSize: 30, color: MUTED, marginTop: 4 }, `@${author.handle}`)]
        : []),
    ]),
  ]);
  const text = el(
    "div",
    {
      fontSize: size,
      lineHeight: 1.3,
      color: INK,
      marginTop: 36,
      flexGrow: 1,
      whiteSpace: "pre-wrap",
      wordBreak: "break-word",
      lineClamp: lines,
    },
    clip(words, 400),
  );
  const tree = frame(wall.site.accent, [
    head,
    text,
    footer(tweet.date.label, wall.site.title, wall.site.accent),
  ]);
  return {
    page: tweet.pagePath!,
    tree,
    avatar,
    alt: `${author.byline}, ${tweet.date.label}: ${shortText(words)}`,
  };
}

/** The card all images share: white, a band of the accent on the left, wide margins. */
function frame(accent: string | undefined, children: Node[]): Element {
  return el(
    "div",
    {
      display: "flex",
      width: SHARE_WIDTH,
      height: SHARE_HEIGHT,
      backgroundColor: PAPER,
      // One family a subset: satori looks a missing glyph up in the next family, not the next font.
      fontFamily: SUBSETS.map(([name]) => `"Inter ${name}"`).join(", "),
    },
    [
      el("div", { width: 24, height: SHARE_HEIGHT, backgroundColor: accentOf(accent) }),
      el(
        "div",
        { display: "flex", flexDirection: "column", flexGrow: 1, padding: "64px 80px 56px 72px" },
        children,
      ),
    ],
  );
}

function footer(left: string, right: string, accent: string | undefined): Element {
  return el(
    "div",
    {
      display: "flex",
      justifyContent: "space-between",
      alignItems: "center",
      borderTop: `4px solid ${accentOf(accent)}`,
      paddingTop: 24,
      fontSize: 28,
      color: MUTED,
    },
    [
      el("div", { flexShrink: 0, marginRight: 32 }, clip(left, 60)),
      el("div", { fontWeight: 700, color: INK, lineClamp: 1 }, clip(right, 80)),
    ],
  );
}

function el(
  type: string,
  style: Element["props"]["style"],
  children: Node | Node[] = [],
  src?: string,
): Element {
  return { type, props: { style, children, ...(src ? { src } : {}) } };
}

function accentOf(accent: string | undefined): string {
  return accent ?? DEFAULT_ACCENT;
}

/**
 * What Inter can draw of a text, cut short: satori lays out every character it is given (the
 * rest is cut by lineClamp), and draws a glyph no loaded font has as a "NO GLYPH" box.
 */
function clip(text: string, length: number): string {
  const drawable = text.replace(NOT_IN_INTER, "").replace(/[^\S\n]{2,}/g, " ");
  return drawable.length <= length ? drawable : `${drawable.slice(0, length - 1)}…`;
}

/**
 * Outside the scripts of Inter's subsets (Latin, Greek, Cyrillic) and its punctuation, currency,
 * arrows and maths: emoji, CJK, Arabic, Hebrew… are left out, as is what joins emoji.
 */
const NOT_IN_INTER =
  /[^\n\u0020-\u007e\u00a0-\u052f\u1e00-\u1fff\u2000-\u200b\u2010-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2200-\u22ff]/gu;

function shortText(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= 200 ? line : `${line.slice(0, 199)}…`;
}

function placeholder(tweet: TweetView): string {
  const item = tweet.media[0];
  if (!item) return "";
  return item.alt || (item.type === "photo" ? "A photo" : item.type === "gif" ? "A GIF" : "A video");
}

function initialOf(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? "?";
}

async function withAvatar(tree: Element, bytes: Buffer): Promise<Element> {
  const { default: sharp } = await import("sharp");
  const png = await sharp(bytes).resize(176, 176, { fit: "cover" }).png().toBuffer();
  const src = `data:image/png;base64,${png.toString("base64")}`;
  const swap = (node: Node): Node =>
    typeof node === "string"
      ? node
      : {
          type: node.type,
          props: {
            ...node.props,
            ...(node.props.src === AVATAR_MARK ? { src } : {}),
            children: Array.isArray(node.props.children)
              ? node.props.children.map(swap)
              : node.props.children === undefined
                ? undefined
                : swap(node.props.children),
          },
        };
  return swap(tree) as Element;
}

const require = createRequire(import.meta.url);
/**
 * Inter's subsets in @fontsource/inter (WOFF: satori reads TTF, OTF and WOFF, not WOFF2), each
 * loaded only when a text needs it: parsing a font costs satori some 40 ms.
 */
const SUBSETS: [name: string, needed: RegExp][] = [
  ["latin", /[^]/],
  ["latin-ext", /[\u0100-\u024f\u1e00-\u1eff]/],
  ["vietnamese", /[\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/],
  ["cyrillic", /[\u0400-\u045f\u0490-\u04ff]/],
  ["cyrillic-ext", /[\u0460-\u052f]/],
  ["greek", /[\u0370-\u03ff]/],
  ["greek-ext", /[\u1f00-\u1fff]/],
];
const loadedFonts = new Map<string, SatoriFont[]>();

/**
 * One thread, kept for the process's next build with the same fonts: a second thread would warm
 * satori's code up again, for more CPU time than it saves, and a preview's next save draws at once.
 */
let kept: { fonts: SatoriFont[]; thread: LayoutThread } | undefined;

function layoutThread(fonts: SatoriFont[]): LayoutThread {
  if (kept?.fonts === fonts && kept.thread.alive) return kept.thread;
  void kept?.thread.close();
  kept = { fonts, thread: startLayoutThread({ width: SHARE_WIDTH, height: SHARE_HEIGHT }, fonts) };
  return kept.thread;
}

/** The subsets the texts need, in one list (satori caches its parsing by the list). */
async function fontsFor(texts: string): Promise<SatoriFont[]> {
  const subsets = SUBSETS.filter(([, needed]) => needed.test(texts)).map(([name]) => name);
  const key = subsets.join();
  let list = loadedFonts.get(key);
  if (!list) {
    const folder = path.join(path.dirname(require.resolve("@fontsource/inter/LICENSE")), "files");
    list = [];
    for (const weight of [400, 700] as const) {
      for (const subset of subsets) {
        const data = await readFile(path.join(folder, `inter-${subset}-${weight}-normal.woff`));
        list.push({ name: `Inter ${subset}`, data, weight, style: "normal" });
      }
    }
    loadedFonts.set(key, list);
  }
  return list;
}

/** The font's, satori's and sharp's versions: a new one may draw the same tree otherwise. */
async function rendererVersions(): Promise<string> {
  const names = ["@fontsource/inter", "satori", "sharp"];
  return (await Promise.all(names.map(async (name) => `${name}@${await packageVersion(name)}`))).join();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function packageVersion(name: string): Promise<string> {
  const file = require.resolve(`${name}/package.json`);
  return (JSON.parse(await readFile(file, "utf8")) as { version: string }).version;
}

/** Every text a tree draws. */
function textOf(node: Node | Drawing): string {
  if (typeof node === "string") return node;
  if ("tree" in node) return textOf(node.tree);
  const { children } = node.props;
  return children === undefined ? "" : [children].flat().map(textOf).join("\n");
}
