import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Image from "@11ty/eleventy-img";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { imageProblem } from "../../../src/curator/media.ts";
import { formatProblem } from "../../../src/curator/problems.ts";
import { mediaBesideFile, readTweetsFile } from "../../../src/curator/read.ts";
import { REPO_ROOT } from "../../support/cli.ts";

const ARCHIVE_MEDIA = `${REPO_ROOT}tests/fixtures/archive/data/tweets_media/`;
const BUILD_FORMATS = "a JPEG, PNG, GIF, WebP or AVIF image";

// One pixel in each remaining format the build reads, as sharp (which the build encodes with) wrote it.
const ONE_PIXEL = {
  gif: "R0lGODlhAQABAIAAAExpcR2b8CH/C05FVFNDQVBFMi4wAwEAAAAh+QQFAAAAACwAAAAAAQABAAACAkwBADs=",
  webp: "UklGRjwAAABXRUJQVlA4IDAAAAAwAgCdASoBAAEAAUAmJaACdLoB+AH4AAToAAD+Ex/7B0P6rvvef/a0Bwar/RuAAAA=",
  avif: "AAAAHGZ0eXBhdmlmAAAAAGF2aWZtaWYxbWlhZgAAAOptZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAABAAAAImlsb2MAAAAAREAAAQABAAAAAAEOAAEAAAAAAAAAHAAAACNpaW5mAAAAAAABAAAAFWluZmUCAAAAAAEAAGF2MDEAAAAAamlwcnAAAABLaXBjbwAAABNjb2xybmNseAABAA0ABoAAAAAMYXYxQ4EgAgAAAAAUaXNwZQAAAAAAAAABAAAAAQAAABBwaXhpAAAAAAMICAgAAAAXaXBtYQAAAAAAAAABAAEEAYIDBAAAACRtZGF0EgAKBzgABhAQ0GkyDxgACiiihAAFPu9xLb0Gtg==",
};

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tweetwall-media-"));
  await mkdir(path.join(folder, "media"));
  await copyFile(`${ARCHIVE_MEDIA}1600537548036857856-FjXyZabc.jpg`, path.join(folder, "media", "a.jpg"));
  await copyFile(`${ARCHIVE_MEDIA}1600537548036857856-FjXyZdef.png`, path.join(folder, "media", "a.png"));
  for (const [format, base64] of Object.entries(ONE_PIXEL)) {
    await writeFile(path.join(folder, "media", `a.${format}`), Buffer.from(base64, "base64"));
  }
});

afterAll(() => rm(folder, { recursive: true, force: true }));

/** Encodes the image as the build does, into the test's folder. */
function encode(file: string) {
  return Image(file, {
    widths: ["auto"],
    formats: ["webp"],
    outputDir: path.join(folder, "encoded"),
    urlPath: "/media/",
  });
}

describe("imageProblem", () => {
  test.each(["a.jpg", "a.png", "a.gif", "a.webp", "a.avif"])(
    "accepts %s, which the build encodes",
    async (name) => {
      const file = path.join(folder, "media", name);
      expect(imageProblem(file)).toBeUndefined();
      await expect(encode(file)).resolves.toHaveProperty("webp");
    },
  );

  test.each([
    ["an HTML page saved as an image", "page.jpg", "<!DOCTYPE html>\n<title>404 Not Found</title>"],
    ["a PNG's signature without its header", "cut.png", Buffer.from("89504e470d0a1a0a00000000", "hex")],
    ["a text file", "notes.webp", "not an image"],
  ])("refuses %s, on which the build fails", async (_what, name, content) => {
    const file = path.join(folder, "media", name);
    await writeFile(file, content);
    expect(imageProblem(file)).toBe(
      `expected ${BUILD_FORMATS} at ${file}, but the file is not an image in any of these formats`,
    );
    await expect(encode(file)).rejects.toThrow();
  });

  test("says what is wrong with an empty file, a missing one, a folder and a HEIC photo", async () => {
    const media = path.join(folder, "media");
    await writeFile(path.join(media, "empty.jpg"), "");
    await mkdir(path.join(media, "folder.jpg"));
    // The start of an iPhone photo: an ISO media file of the HEIC brand.
    await writeFile(
      path.join(media, "photo.jpg"),
      Buffer.from("0000001866747970686569630000000068656963", "hex"),
    );
    expect(imageProblem(path.join(media, "empty.jpg"))).toBe(
      `expected ${BUILD_FORMATS} at ${media}/empty.jpg, but the file is empty`,
    );
    expect(imageProblem(path.join(media, "none.jpg"))).toBe(
      `expected an image file at ${media}/none.jpg, but there is none`,
    );
    expect(imageProblem(path.join(media, "folder.jpg"))).toBe(
      `expected an image file at ${media}/folder.jpg, but it is a folder`,
    );
    expect(imageProblem(path.join(media, "photo.jpg"))).toBe(
      `expected ${BUILD_FORMATS} at ${media}/photo.jpg, but it is HEIC, which the build cannot read: convert it to JPEG`,
    );
  });
});

describe("a tweets file's images", () => {
  test("are each checked beside the file, and each problem is at its media src", async () => {
    const file = path.join(folder, "tweets.json");
    await writeFile(
      path.join(folder, "media", "saved-page.jpg"),
      "<html><body>Rate limit exceeded</body></html>",
    );
    const image = (src: string) => ({ src, alt: "A slide from Tesla", width: 1, height: 1 });
    const tweets = [
      {
        text: "Slide from Tesla",
        date: "2022-12-05",
        media: [image("media/a.jpg"), image("media/saved-page.jpg")],
      },
      { text: "pic", date: "2022-12-06", media: [image("media/a.png"), image("media/gone.webp")] },
      // Out of the media folder: the schema refuses it, and it is never opened.
      { text: "escape", date: "2022-12-07", media: [image("media/../tweets.json")] },
    ];
    await writeFile(file, JSON.stringify({ tweets }, null, 2));
    const result = await readTweetsFile(file, mediaBesideFile(file));
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${file}:14:18: tweet 1, field "media.1.src": expected ${BUILD_FORMATS} at ${folder}/media/saved-page.jpg, but the file is not an image in any of these formats`,
      `${file}:32:18: tweet 2, field "media.1.src": expected an image file at ${folder}/media/gone.webp, but there is none`,
      `${file}:44:18: tweet 3, field "media.0.src": expected a path inside the media folder beside the tweets file, like "media/1599152286672248832-1.jpg"`,
    ]);
  });
});
