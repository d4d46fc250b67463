import * as z from "zod/mini";
import english from "zod/v4/locales/en.js";
import { ACCEPTED_DATE_FORMS, DATE_FORM_SHAPES, parseTweetDate } from "../tweet/dates.ts";
import { HANDLE_WITH_AT } from "../tweet/handle.ts";
import { LANGUAGE_TAG } from "../tweet/language.ts";
import { isHttpUrl } from "../tweet/urls.ts";

/**
 * The one source of truth for the curator's files. Types, validation messages and the
 * editor JSON Schema are all derived from these definitions.
 */

// zod's classic API loads its English messages on import; zod/mini leaves them to us. Without
// them a check with no message of its own says only "Invalid input".
z.config(english());

// zod/mini, not zod's classic API: the same checks and messages, in a twentieth of the code,
// which Node compiles at the start of every command (the classic API alone cost ~60 ms).
// Metadata registered with `meta` reaches only the editor JSON Schema: its `pattern`s let
// editors flag what the refinements (which JSON Schema cannot express) reject.
function withMeta<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...meta });
  return schema;
}

const nonBlank = (what: string) =>
  withMeta(
    z
      .string({ error: `${what} as a string` })
      .check(z.refine((value) => value.trim().length > 0, { error: `${what}, not blank` })),
    { pattern: "\\S" },
  );

const httpUrl = (what: string) =>
  withMeta(
    z
      .string({ error: `${what} as a string` })
      .check(z.refine(isHttpUrl, { error: `${what}: an absolute http:// or https:// URL` })),
    { format: "uri", pattern: "^https?://" },
  );

const wholePixels = (what: string) =>
  z
    .number({ error: `the image's ${what} in pixels` })
    .check(z.int({ error: "a whole number of pixels" }), z.positive({ error: `a ${what} above 0` }));

const DATE_FORMS_PATTERN = `^(?:${DATE_FORM_SHAPES.map((shape) => shape.source.slice(1, -1)).join("|")})$`;

export const authorSchema = withMeta(
  z.strictObject(
    {
      name: withMeta(nonBlank("the author's display name"), {
        description: "Display name, e.g. Andrej Karpathy",
      }),
      handle: withMeta(
        z.string({ error: "the author's handle as a string" }).check(
          z.regex(HANDLE_WITH_AT, {
            error: "a handle of 1–15 letters, digits or underscores, with or without a leading @",
          }),
        ),
        { description: "X/Twitter handle, with or without the leading @" },
      ),
    },
    { error: 'the author as an object with "name" and "handle"' },
  ),
  { id: "Author", description: "Who wrote the tweet; defaults to the author in data/site.json" },
);

const languageTag = (what: string) =>
  z
    .string({ error: `${what} as a string` })
    .check(z.regex(LANGUAGE_TAG, { error: `${what}: a language tag such as en, ja or pt-BR` }));

const MEDIA_SRC = /^media\/(?!.*\.\.)[\w./-]+\.(?:jpe?g|png|gif|webp|avif)$/i;

export const mediaSchema = withMeta(
  z.strictObject(
    {
      src: withMeta(
        z.string({ error: "the image's path as a string" }).check(
          z.regex(MEDIA_SRC, {
            error:
              'a path inside the media folder beside the tweets file, like "media/1599152286672248832-1.jpg"',
          }),
        ),
        { description: "Image path relative to the tweets file's folder, under media/" },
      ),
      alt: withMeta(nonBlank("a description of the image for people who cannot see it"), {
        description: "Alternative text: what the image shows",
      }),
      width: wholePixels("width"),
      height: wholePixels("height"),
    },
    { error: 'an image as an object with "src", "alt", "width" and "height"' },
  ),
  {
    id: "Media",
    description: "An image attached to the tweet, stored under media/ beside the tweets file",
  },
);

export const tweetSchema = withMeta(
  z.strictObject(
    {
      text: withMeta(nonBlank("the tweet's text"), {
        description: "The tweet exactly as written; line breaks and blank lines are kept",
      }),
      date: withMeta(
        z.string({ error: `a date as a string: ${ACCEPTED_DATE_FORMS}` }).check(
          z.superRefine((value, ctx) => {
            const parsed = parseTweetDate(value);
            if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.expected });
          }),
        ),
        { description: `When it was posted: ${ACCEPTED_DATE_FORMS}`, pattern: DATE_FORMS_PATTERN },
      ),
      url: withMeta(z.optional(httpUrl("a link to the original tweet")), {
        description: "Link to the original tweet (http or https)",
      }),
      author: z.optional(authorSchema),
      lang: withMeta(z.optional(languageTag("the tweet's language")), {
        description: "The language the tweet is written in, as X gives it (en, ja, pt-BR…)",
      }),
      added: withMeta(
        z.optional(
          z.string({ error: "the day it was added, as a string like 2024-05-01" }).check(
            z.superRefine((value, ctx) => {
              const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseTweetDate(value) : undefined;
              if (!parsed?.ok)
                ctx.addIssue({
                  code: "custom",
                  message: "the day it was added to the wall, like 2024-05-01",
                });
            }),
          ),
        ),
        {
          description:
            "The day it was added to the wall (YYYY-MM-DD): the feeds show the newest additions first",
          pattern: "^\\d{4}-\\d{2}-\\d{2}$",
        },
      ),
      media: z.optional(z.array(mediaSchema, { error: "a list of images" })),
    },
    { error: 'a tweet as an object with "text" and "date"' },
  ),
  { id: "Tweet", description: "One favourite tweet" },
);

export const tweetListSchema = z.array(tweetSchema, { error: "an array of tweets" });

export const tweetsDocumentSchema = z.strictObject({
  $schema: withMeta(z.optional(z.string()), { description: "Path to the JSON Schema, for editors" }),
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
  $schema: z.optional(z.string()),
  title: nonBlank("the wall's title"),
  intro: z._default(z.string({ error: "the intro paragraph as a string" }), ""),
  author: authorSchema,
  /** Each link's text is linked where it first appears in the intro, else listed in the header. */
  links: z._default(z.array(siteLinkSchema, { error: "a list of links" }), []),
  language: z._default(languageTag("the wall's language"), "en"),
  /** Where the wall is deployed, e.g. https://example.org/tweets/: canonical links, feeds, path prefix. */
  url: z.optional(httpUrl("the address the wall is deployed at, like https://example.org/tweets/")),
  /** Tweets per wall page; search and the timeline still cover every tweet. */
  pageSize: z._default(
    z
      .number({ error: "the number of tweets per wall page" })
      .check(
        z.int({ error: "a whole number of tweets per page" }),
        z.minimum(10, { error: "at least 10 tweets per page" }),
        z.maximum(2000, { error: "at most 2,000 tweets per page (a page must stay small)" }),
      ),
    100,
  ),
  /** One page per tweet at /t/<id>/: "auto" gives them to walls of up to 5,000 tweets. */
  tweetPages: z._default(
    z.union([z.boolean(), z.literal("auto")], {
      error: 'true, false or "auto": whether each tweet gets its own page',
    }),
    "auto",
  ),
});

export type TweetInput = z.infer<typeof tweetSchema>;
export type AuthorInput = z.infer<typeof authorSchema>;
export type MediaInput = z.infer<typeof mediaSchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type Site = z.output<typeof siteSchema>;
