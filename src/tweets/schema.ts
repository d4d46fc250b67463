import { z } from "zod";
import { ACCEPTED_DATE_FORMS, DATE_FORM_SHAPES, parseTweetDate } from "./dates.ts";

/**
 * The one source of truth for the curator's files. Types, validation messages and the
 * editor JSON Schema are all derived from these definitions.
 */

const HANDLE = /^@?[A-Za-z0-9_]{1,15}$/;

// The `pattern`s in meta() reach only the editor JSON Schema, so editors flag what the
// refinements (which JSON Schema cannot express) reject.
const nonBlank = (what: string) =>
  z
    .string({ error: `${what} as a string` })
    .refine((value) => value.trim().length > 0, { error: `${what}, not blank` })
    .meta({ pattern: "\\S" });

const httpUrl = (what: string) =>
  z
    .string({ error: `${what} as a string` })
    .refine(isHttpUrl, { error: `${what}: an absolute http:// or https:// URL` })
    .meta({ format: "uri", pattern: "^https?://" });

const DATE_FORMS_PATTERN = `^(?:${DATE_FORM_SHAPES.map((shape) => shape.source.slice(1, -1)).join("|")})$`;

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

export const authorSchema = z
  .strictObject(
    {
      name: nonBlank("the author's display name").meta({ description: "Display name, e.g. Andrej Karpathy" }),
      handle: z
        .string({ error: "the author's handle as a string" })
        .regex(HANDLE, {
          error: "a handle of 1–15 letters, digits or underscores, with or without a leading @",
        })
        .meta({ description: "X/Twitter handle, with or without the leading @" }),
    },
    { error: 'the author as an object with "name" and "handle"' },
  )
  .meta({ id: "Author", description: "Who wrote the tweet; defaults to the author in data/site.json" });

const MEDIA_SRC = /^media\/(?!.*\.\.)[\w./-]+\.(?:jpe?g|png|gif|webp|avif)$/i;

export const mediaSchema = z
  .strictObject(
    {
      src: z
        .string({ error: "the image's path as a string" })
        .regex(MEDIA_SRC, {
          error:
            'a path inside the media folder beside the tweets file, like "media/1599152286672248832-1.jpg"',
        })
        .meta({ description: "Image path relative to the tweets file's folder, under media/" }),
      alt: nonBlank("a description of the image for people who cannot see it").meta({
        description: "Alternative text: what the image shows",
      }),
      width: z
        .number({ error: "the image's width in pixels" })
        .int({ error: "a whole number of pixels" })
        .positive({ error: "a width above 0" }),
      height: z
        .number({ error: "the image's height in pixels" })
        .int({ error: "a whole number of pixels" })
        .positive({ error: "a height above 0" }),
    },
    { error: 'an image as an object with "src", "alt", "width" and "height"' },
  )
  .meta({
    id: "Media",
    description: "An image attached to the tweet, stored under media/ beside the tweets file",
  });

export const tweetSchema = z
  .strictObject(
    {
      text: nonBlank("the tweet's text").meta({
        description: "The tweet exactly as written; line breaks and blank lines are kept",
      }),
      date: z
        .string({ error: `a date as a string: ${ACCEPTED_DATE_FORMS}` })
        .superRefine((value, ctx) => {
          const parsed = parseTweetDate(value);
          if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.expected });
        })
        .meta({ description: `When it was posted: ${ACCEPTED_DATE_FORMS}`, pattern: DATE_FORMS_PATTERN }),
      url: httpUrl("a link to the original tweet")
        .optional()
        .meta({ description: "Link to the original tweet (http or https)" }),
      author: authorSchema.optional(),
      media: z.array(mediaSchema, { error: "a list of images" }).optional(),
    },
    { error: 'a tweet as an object with "text" and "date"' },
  )
  .meta({ id: "Tweet", description: "One favourite tweet" });

export const tweetListSchema = z.array(tweetSchema, { error: "an array of tweets" });

export const tweetsDocumentSchema = z.strictObject({
  $schema: z.string().optional().meta({ description: "Path to the JSON Schema, for editors" }),
  tweets: tweetListSchema,
});

/** `data/tweets.json`: a bare array of tweets, or an object holding them under `tweets`. */
export const tweetsFileSchema = z.union([tweetListSchema, tweetsDocumentSchema]);

export const siteLinkSchema = z.strictObject(
  {
    text: nonBlank("the link's text"),
    url: httpUrl("the link's address"),
  },
  { error: 'a link as an object with "text" and "url"' },
);

export const siteSchema = z.strictObject({
  $schema: z.string().optional(),
  title: nonBlank("the wall's title"),
  intro: z.string({ error: "the intro paragraph as a string" }).default(""),
  author: authorSchema,
  /** Each link's text is linked where it first appears in the intro, else listed in the header. */
  links: z.array(siteLinkSchema, { error: "a list of links" }).default([]),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "a language tag such as en or en-GB" })
    .default("en"),
  /** Where the wall is deployed, e.g. https://example.org/tweets/: canonical links, feeds, path prefix. */
  url: httpUrl("the address the wall is deployed at, like https://example.org/tweets/").optional(),
  /** Tweets per wall page; search and the timeline still cover every tweet. */
  pageSize: z
    .number({ error: "the number of tweets per wall page" })
    .int({ error: "a whole number of tweets per page" })
    .min(10, { error: "at least 10 tweets per page" })
    .max(2000, { error: "at most 2,000 tweets per page (a page must stay small)" })
    .default(100),
  /** One page per tweet at /t/<id>/: "auto" gives them to walls of up to 5,000 tweets. */
  tweetPages: z
    .union([z.boolean(), z.literal("auto")], {
      error: 'true, false or "auto": whether each tweet gets its own page',
    })
    .default("auto"),
});

export type TweetInput = z.infer<typeof tweetSchema>;
export type AuthorInput = z.infer<typeof authorSchema>;
export type MediaInput = z.infer<typeof mediaSchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type Site = z.output<typeof siteSchema>;
