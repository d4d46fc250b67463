import { closeSync, openSync, readSync } from "node:fs";
import { typeHandlers } from "image-size/types/index";

/** Enough of a file to know its format: the signatures checked below, AVIF brands included, lie in it. */
export const HEADER_BYTES = 64;

const BUILD_FORMATS = "a JPEG, PNG, GIF, WebP or AVIF image";

/** The brands of HEIF images that are not AVIF, such as the HEIC photos iPhones take. */
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/**
 * What keeps the build from encoding the image at `file`, if anything: it must be there and be
 * in a format the build reads. Only the file's first bytes are read; a file damaged further in
 * is for the build to find.
 */
export function imageProblem(file: string): string | undefined {
  const header = headerOrProblem(file, "an image file");
  if (typeof header === "string") return header;
  if (header.length === 0) return `expected ${BUILD_FORMATS} at ${file}, but the file is empty`;
  if (isReadableImage(header)) return undefined;
  if (ftypBrands(header)?.some((brand) => HEIC_BRANDS.has(brand))) {
    return `expected ${BUILD_FORMATS} at ${file}, but it is HEIC, which the build cannot read: convert it to JPEG`;
  }
  return `expected ${BUILD_FORMATS} at ${file}, but the file is not an image in any of these formats`;
}

/**
 * What keeps the build from copying the video at `file`, if anything: it must be there and be an
 * MP4 (an ISO media file that is not a still image of the HEIF family). Only its head is read.
 */
export function videoProblem(file: string): string | undefined {
  const header = headerOrProblem(file, "a video file");
  if (typeof header === "string") return header;
  if (header.length === 0) return `expected an MP4 video at ${file}, but the file is empty`;
  if (isVideo(header)) return undefined;
  return `expected an MP4 video at ${file}, but the file is not one`;
}

/** Whether a file's first bytes are an MP4's: an ISO media file that is no still image of the HEIF family. */
export function isVideo(header: Buffer): boolean {
  const brands = ftypBrands(header);
  return brands !== undefined && !brands.includes("avif") && !brands.some((brand) => HEIC_BRANDS.has(brand));
}

/** A file a tweet names: where in the tweet, its path under the media folder, and what it must be. */
export interface NamedMediaFile {
  /** The JSON path within the tweet, e.g. `["quote", "media", 0, "poster"]`. */
  at: (string | number)[];
  src: string;
  kind: "image" | "video";
}

/**
 * Every media file a tweet (as parsed JSON, checked or not) names: its photos, videos and their
 * posters, the author's picture, the link card's image, and the same of the tweet it quotes.
 * Only strings are returned; what they must look like is the schema's to say.
 */
export function mediaFilesOf(tweet: unknown, at: (string | number)[] = []): NamedMediaFile[] {
  const found: NamedMediaFile[] = [];
  const add = (path: (string | number)[], value: unknown, kind: NamedMediaFile["kind"]) => {
    if (typeof value === "string") found.push({ at: [...at, ...path], src: value, kind });
  };
  const object = (value: unknown) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const fields = object(tweet);
  if (!fields) return found;
  const media = fields.media;
  if (Array.isArray(media)) {
    media.forEach((item: unknown, index) => {
      const entry = object(item);
      if (!entry) return;
      const isVideo = entry.type === "video" || entry.type === "gif";
      add(["media", index, "src"], entry.src, isVideo ? "video" : "image");
      if (isVideo) add(["media", index, "poster"], entry.poster, "image");
    });
  }
  add(["author", "avatar"], object(fields.author)?.avatar, "image");
  add(["card", "image", "src"], object(object(fields.card)?.image)?.src, "image");
  if (at.length === 0 && object(fields.quote)) found.push(...mediaFilesOf(fields.quote, ["quote"]));
  return found;
}

/** The file's first bytes, or why there are none to read: missing, a folder, unreadable. */
function headerOrProblem(file: string, what: string): Buffer | string {
  try {
    return readHeader(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return `expected ${what} at ${file}, but there is none`;
    if (code === "EISDIR") return `expected ${what} at ${file}, but it is a folder`;
    return `expected ${what} at ${file}, but it cannot be read (${code ?? String(error)})`;
  }
}

function readHeader(file: string): Buffer {
  const descriptor = openSync(file, "r");
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    return header.subarray(0, readSync(descriptor, header, 0, HEADER_BYTES, 0));
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The formats sharp, which the build encodes with, reads: image-size's own signature checks, and
 * for AVIF its brand, since sharp reads no other image of the HEIF family (iPhones' HEIC).
 */
export function isReadableImage(header: Buffer): boolean {
  const signed = (["jpg", "png", "gif", "webp"] as const).some((type) => {
    try {
      return typeHandlers.get(type)!.validate(header);
    } catch {
      // A signature of the format followed by a header that is not (image-size says "Invalid PNG").
      return false;
    }
  });
  return signed || (ftypBrands(header)?.includes("avif") ?? false);
}

/** The brands an ISO media file (HEIF, AVIF, MP4…) declares in its leading `ftyp` box. */
function ftypBrands(header: Buffer): string[] | undefined {
  if (header.toString("latin1", 4, 8) !== "ftyp") return undefined;
  const end = Math.min(header.readUInt32BE(0), header.length);
  const brands: string[] = [];
  // The major brand at 8, a version at 12, then the compatible brands.
  for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4) brands.push(header.toString("latin1", at, at + 4));
  return brands;
}
