import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { siteSchema } from "../../../src/curator/schema.ts";
import { planShareImages } from "../../../src/site/share-images.ts";
import { buildWallView } from "../../../src/view/wall.ts";
import { tempDir } from "../../support/temp.ts";

const site = siteSchema.parse({
  title: "Favourite tweets",
  intro: "Some tweets worth keeping.",
  author: { name: "Andrej Karpathy", handle: "karpathy" },
  url: "https://example.org/wall/",
});
const party = {
  text: "Plan is to throw a party in the Andromeda galaxy 1B years from now. Everyone welcome, except for those who litter",
  date: "2022-12-03",
};
const flops = { text: "How long until we measure wealth inequality in FLOPS", date: "2022-12-06" };

/** Makes the images of a wall of `tweets` into a new site folder, with a cache of its own unless given. */
async function make(tweets: object[], cacheDir?: string, siteFields: object = {}) {
  const wall = buildWallView(siteSchema.parse({ ...site, ...siteFields }), tweets as never);
  const folder = await tempDir();
  const mediaRoot = path.join(folder, "data");
  await mkdir(path.join(mediaRoot, "media"), { recursive: true });
  const outputDir = path.join(folder, "site");
  cacheDir ??= path.join(folder, "cache");
  const images = await planShareImages(wall, { mediaRoot, outputDir, cacheDir });
  return { wall, images, outputDir, mediaRoot, cacheDir, counts: await images.done };
}

function fileOf(url: string, outputDir: string): string {
  expect(url).toMatch(/^https:\/\/example\.org\/wall\/share\/[\w-]{16}\.png$/);
  return path.join(outputDir, "share", url.split("/").pop()!);
}

describe("planShareImages", () => {
  test("makes a 1200×630 PNG for the wall and for each tweet page, with its alt text", async () => {
    const { wall, images, outputDir, counts } = await make([party, flops]);
    expect(counts).toEqual({ drawn: 3, reused: 0 });
    expect([...images.byPage.keys()].sort()).toEqual(
      ["/", ...wall.tweetPages.map((t) => t.pagePath!)].sort(),
    );
    for (const image of images.byPage.values()) {
      const metadata = await sharp(await readFile(fileOf(image.url, outputDir))).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(["png", 1200, 630]);
      expect([image.width, image.height]).toEqual([1200, 630]);
    }
    expect(images.byPage.get("/")!.alt).toBe("Favourite tweets: 2 tweets chosen by Andrej Karpathy");
    const flopsPage = wall.tweetPages.find((tweet) => tweet.date.iso === flops.date)!.pagePath!;
    expect(images.byPage.get(flopsPage)!.alt).toBe(
      `Andrej Karpathy (@karpathy), December 6, 2022: ${flops.text}`,
    );
  });

  test("names an image by what it shows: the same tweet again is found in the cache, not drawn", async () => {
    const first = await make([party, flops]);
    const again = await make([party, flops], first.cacheDir);
    expect(again.counts).toEqual({ drawn: 0, reused: 3 });
    expect([...again.images.byPage]).toEqual([...first.images.byPage]);
    expect(await readdir(path.join(again.outputDir, "share"))).toHaveLength(3);
  });

  test("a changed word, date or accent gives a new name; the unchanged tweet keeps its image", async () => {
    const first = await make([party, flops]);
    const changed = await make(
      [party, { ...flops, text: flops.text.replace("FLOPS", "GPUs") }],
      first.cacheDir,
    );
    // The wall's image is unchanged too: it shows the title, intro and count.
    expect(changed.counts).toEqual({ drawn: 1, reused: 2 });
    const name = (run: typeof first, date: string) =>
      run.images.byPage.get(run.wall.tweetPages.find((tweet) => tweet.date.iso === date)!.pagePath!)!.url;
    expect(name(changed, flops.date)).not.toBe(name(first, flops.date));
    expect(name(changed, party.date)).toBe(name(first, party.date));
    const accent = await make([party, flops], first.cacheDir, { accent: "#7c3aed" });
    expect(accent.counts).toEqual({ drawn: 3, reused: 0 });
  });

  test("draws hostile text as text: markup, entities, quotes, a very long word, RTL, emoji, CJK", async () => {
    const hostile = {
      text: `<script>alert("x")</script> &amp; & "quotes" 'too' ]]> <!-- ${"Supercalifragilistic".repeat(12)} مرحبا بالعالم שלום 😀🎉👩‍👩‍👧 日本語のテキスト Привет Ελληνικά \u202Eevil\u202C`,
      date: "2023-01-02",
      author: { name: `Évil <b>"Co"</b> & 😀`, handle: "evil_co" },
    };
    const { wall, images, outputDir, counts } = await make([hostile, { text: "😀😀😀", date: "2023-01-03" }]);
    expect(counts.drawn).toBe(3);
    const image = images.byPage.get(wall.tweetPages.find((t) => t.text.startsWith("<script>"))!.pagePath!)!;
    const metadata = await sharp(await readFile(fileOf(image.url, outputDir))).metadata();
    expect([metadata.width, metadata.height]).toEqual([1200, 630]);
    expect(image.alt).toContain('<script>alert("x")</script>');
  });

  test("shows the author's avatar from the media folder, and a missing one does not stop the build", async () => {
    const folder = await tempDir();
    const avatar = path.join(folder, "avatar.png");
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#e0245e" } })
      .png()
      .toFile(avatar);
    const withAvatar = (src: string) => ({ ...flops, author: { name: "Ada", handle: "ada", avatar: src } });
    const { images, outputDir, mediaRoot, cacheDir } = await make([withAvatar("media/ada.png")]);
    expect(images.byPage.size).toBe(2);
    // The same tweet once the picture is there is another image; the wall's is the same.
    await mkdir(path.join(mediaRoot, "media"), { recursive: true });
    await sharp(avatar).toFile(path.join(mediaRoot, "media", "ada.png"));
    const again = await planShareImages(buildWallView(site, [withAvatar("media/ada.png")] as never), {
      mediaRoot,
      outputDir,
      cacheDir,
    });
    expect(await again.done).toEqual({ drawn: 1, reused: 1 });
  });

  test("needs the site's url", async () => {
    const wall = buildWallView(siteSchema.parse({ ...site, url: undefined }), [party] as never);
    await expect(planShareImages(wall, { mediaRoot: ".", outputDir: "." })).rejects.toThrow(/url/);
  });
});
