import { IANAZone } from "luxon";
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

/** What is wrong with a string, if anything, and the index of the character at fault, if one is. */
type StringProblem = { message: string; index?: number } | undefined;

/**
 * A string checked by one function that reports its first problem. One zod check for all of a
 * field's rules: each check is a call on every tweet, 100,000 of them on a large wall. The
 * `pattern` says the same to editors, as far as a regular expression can.
 */
function checkedString(error: string, problemOf: (value: string) => StringProblem, pattern: string) {
  return withMeta(
    z.string({ error }).check(
      z.check<string>((payload) => {
        const problem = problemOf(payload.value);
        if (!problem) return;
        const { message, index } = problem;
        payload.issues.push({
          code: "custom",
          input: payload.value,
          message,
          params: { index },
          continue: false,
        });
      }),
    ),
    { pattern },
  );
}

/**
 * The control characters no string may hold: C0 and C1 (U+007F–U+009F), which XML 1.0, and so
 * the feeds, refuses or garbles. As the ranges of a regular-expression class, for the patterns too.
 */
const CONTROL = "\\u0000-\\u001f\\u007f-\\u009f";
/** The same, less the line breaks and tabs a tweet's text keeps. */
const CONTROL_BUT_LINES = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f";

/**
 * The first control character or lone surrogate (half an emoji, as a cut at a UTF-16 index
 * leaves) of a string. A surrogate pair only makes the quick test look closer: a search that
 * tells the two apart is several times slower, on every string.
 */
function controlCharacters(controls: string, except = "") {
  const suspect = new RegExp(`[${controls}\\ud800-\\udfff]`);
  // With the u flag a pair is one code point, so only a lone surrogate is in this range.
  const offending = new RegExp(`[${controls}\\ud800-\\udfff]`, "u");
  return (value: string): StringProblem => {
    const found = suspect.test(value) ? offending.exec(value) : null;
    if (!found) return undefined;
    const code = found[0].charCodeAt(0);
    const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    const message =
      code >= 0xd800
        ? `whole characters, but ${name} here is half of one (an emoji cut in two?): remove it`
        : `no control characters${except}, but there is ${name} here: remove it (the feeds cannot carry it)`;
    return { message, index: found.index };
  };
}

const controlCharacterIn = controlCharacters(CONTROL);

/** A string without control characters: every string of the curator's files is at least that. */
const plainString = (error: string) => checkedString(error, controlCharacterIn, `^[^${CONTROL}]*$`);

const nonBlank = (what: string, controls: string = CONTROL) => {
  const controlIn =
    controls === CONTROL
      ? controlCharacterIn
      : controlCharacters(controls, " other than line breaks and tabs");
  return checkedString(
    `${what} as a string`,
    (value) => controlIn(value) ?? (value.trim() === "" ? { message: `${what}, not blank` } : undefined),
    // Looks ahead for a character that is not a space, so a long text is read once, not once a character.
    `^(?=[\\s\\S]*\\S)[^${controls}]*$`,
  );
};

/**
 * A value read as it is written (a link, a date, a handle…), so without spaces around it: some
 * checks would read past them and others not, an editor's pattern least of all. `problemOf`
 * refuses every control character itself, so the search that names one runs only on a refusal.
 */
const exactString = (error: string, problemOf: (value: string) => StringProblem, pattern: string) =>
  checkedString(
    error,
    (value) => {
      if (value.trim() === value && problemOf(value) === undefined) return undefined;
      const spaced = value.trim() !== value;
      return (
        controlCharacterIn(value) ??
        (spaced ? { message: `no space before or after it: write "${value.trim()}"` } : problemOf(value))
      );
    },
    pattern,
  );

const matching =
  (regex: RegExp, message: string) =>
  (value: string): StringProblem =>
    regex.test(value) ? undefined : { message };

/** The shape of an absolute http(s) link, for editors; the URL parser checks the rest (ports, hosts). */
const HTTP_URL = new RegExp(`^https?://[^\\s${CONTROL}/?#]+(?:[/?#][^\\s${CONTROL}]*)?$`);

const httpUrl = (what: string) =>
  exactString(
    `${what} as a string`,
    // The shape lets a lone surrogate through, as any character a path may hold.
    (value) =>
      controlCharacterIn(value) ??
      (HTTP_URL.test(value) && isHttpUrl(value)
        ? undefined
        : { message: `${what}: an absolute http:// or https:// URL` }),
    HTTP_URL.source,
  );

const wholePixels = (what: string) =>
  z
    .number({ error: `the image's ${what} in pixels` })
    .check(z.int({ error: "a whole number of pixels" }), z.positive({ error: `a ${what} above 0` }));

const DATE_FORMS_PATTERN = `^(?:${DATE_FORM_SHAPES.map((shape) => shape.source.slice(1, -1)).join("|")})$`;

/**
 * An image under the media folder beside the tweets file. The extensions' letters are matched in
 * either case without the i flag, which the editor's pattern would lose.
 */
export const IMAGE_SRC =
  /^media\/(?!.*\.\.)[\w./-]+\.(?:[jJ][pP][eE]?[gG]|[pP][nN][gG]|[gG][iI][fF]|[wW][eE][bB][pP]|[aA][vV][iI][fF])$/;
/** A video under the media folder: the MP4 X serves for videos and GIFs alike. */
export const VIDEO_SRC = /^media\/(?!.*\.\.)[\w./-]+\.[mM][pP]4$/;

const imagePath = (what: string) =>
  withMeta(
    exactString(
      `${what} as a string`,
      matching(
        IMAGE_SRC,
        'a path inside the media folder beside the tweets file, like "media/1599152286672248832-1.jpg"',
      ),
      IMAGE_SRC.source,
    ),
    { description: `${what}: an image path relative to the tweets file's folder, under media/` },
  );

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (what: string, description: string) =>
  withMeta(
    exactString(
      `${what}, as a string like 2024-05-01`,
      (value) =>
        DAY.test(value) && parseTweetDate(value).ok ? undefined : { message: `${what}, like 2024-05-01` },
      DAY.source,
    ),
    { description },
  );

const handleString = (what: string) =>
  exactString(
    `${what} as a string`,
    matching(HANDLE_WITH_AT, "a handle of 1–15 letters, digits or underscores, with or without a leading @"),
    HANDLE_WITH_AT.source,
  );

/** A tag as it stands in addresses (`/tags/machine-learning/`): lowercase words joined by hyphens. */
export const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const tagName = () =>
  exactString(
    "a tag as a string",
    (value) =>
      value.length > 40
        ? { message: "a tag of at most 40 characters" }
        : TAG.test(value)
          ? undefined
          : { message: "a tag of lowercase letters, digits and hyphens, like machine-learning" },
    TAG.source,
  );

export const authorSchema = withMeta(
  z.strictObject(
    {
      name: withMeta(nonBlank("the author's display name"), {
        description: "Display name, e.g. Andrej Karpathy",
      }),
      handle: withMeta(handleString("the author's handle"), {
        description: "X/Twitter handle, with or without the leading @",
      }),
      avatar: z.optional(imagePath("the author's picture")),
    },
    { error: 'the author as an object with "name" and "handle"' },
  ),
  {
    id: "Author",
    description:
      "Who wrote the tweet; left out, the author in data/site.json; null when not known (a liked tweet not fetched yet)",
  },
);

const languageTag = (what: string) =>
  exactString(
    `${what} as a string`,
    matching(LANGUAGE_TAG, `${what}: a language tag such as en, ja or pt-BR`),
    LANGUAGE_TAG.source,
  );

export const photoSchema = withMeta(
  z.strictObject(
    {
      type: z.optional(z.literal("photo", { error: '"photo", or left out' })),
      src: imagePath("the image's path"),
      alt: withMeta(nonBlank("a description of the image for people who cannot see it"), {
        description: "Alternative text: what the image shows",
      }),
      width: wholePixels("width"),
      height: wholePixels("height"),
    },
    { error: 'an image as an object with "src", "alt", "width" and "height"' },
  ),
  {
    id: "Photo",
    description: "An image attached to the tweet, stored under media/ beside the tweets file",
  },
);

export const videoSchema = withMeta(
  z.strictObject(
    {
      type: withMeta(z.enum(["video", "gif"], { error: '"video" or "gif"' }), {
        description: 'A video, or an animated GIF (X serves it as a silent looping video): "video" or "gif"',
      }),
      src: withMeta(
        exactString(
          "the video's path as a string",
          matching(
            VIDEO_SRC,
            'the video\'s path: an .mp4 file inside the media folder, like "media/1599152286672248832-1.mp4"',
          ),
          VIDEO_SRC.source,
        ),
        { description: "The MP4 file, relative to the tweets file's folder, under media/" },
      ),
      poster: imagePath("the video's poster image"),
      alt: z.optional(nonBlank("a description of the video for people who cannot see it")),
      width: wholePixels("width"),
      height: wholePixels("height"),
    },
    { error: 'a video as an object with "type", "src", "poster", "width" and "height"' },
  ),
  {
    id: "Video",
    description: "A video or GIF attached to the tweet: its MP4 and poster image under media/",
  },
);

/** A photo, video or GIF; a photo's `type` may be left out, as every image before videos had none. */
export const mediaSchema = withMeta(
  z.discriminatedUnion("type", [photoSchema, videoSchema], {
    error: 'a photo ("src", "alt", "width", "height"), or a video with "type": "video" or "gif"',
  }),
  { id: "Media", description: "A photo, video or GIF attached to the tweet" },
);

export const cardSchema = withMeta(
  z.strictObject(
    {
      url: httpUrl("the card's link"),
      title: nonBlank("the linked page's title"),
      description: z.optional(nonBlank("the linked page's description")),
      domain: z.optional(nonBlank("the linked site's domain, like example.org")),
      image: z.optional(
        z.strictObject(
          {
            src: imagePath("the card's image"),
            width: wholePixels("width"),
            height: wholePixels("height"),
          },
          { error: 'the card\'s image as an object with "src", "width" and "height"' },
        ),
      ),
    },
    { error: 'a link card as an object with "url" and "title"' },
  ),
  { id: "Card", description: "The preview X showed for the link in the tweet" },
);

const tweetText = () =>
  withMeta(nonBlank("the tweet's text", CONTROL_BUT_LINES), {
    description: "The tweet exactly as written; line breaks and blank lines are kept",
  });

const tweetDate = () =>
  withMeta(
    exactString(
      `a date as a string: ${ACCEPTED_DATE_FORMS}`,
      (value) => {
        const parsed = parseTweetDate(value);
        return parsed.ok ? undefined : { message: parsed.expected };
      },
      DATE_FORMS_PATTERN,
    ),
    { description: `When it was posted: ${ACCEPTED_DATE_FORMS}` },
  );

const tweetUrl = () =>
  withMeta(z.optional(httpUrl("a link to the original tweet")), {
    description: "Link to the original tweet (http or https)",
  });

const tweetLanguage = () =>
  withMeta(z.optional(languageTag("the tweet's language")), {
    description: "The language the tweet is written in, as X gives it (en, ja, pt-BR…)",
  });

const mediaList = () => z.optional(z.array(mediaSchema, { error: "a list of photos and videos" }));

/** The tweet a tweet quotes, shown nested in its card: one level, as X shows it. */
export const quoteSchema = withMeta(
  z.strictObject(
    {
      text: tweetText(),
      date: tweetDate(),
      url: tweetUrl(),
      author: authorSchema,
      lang: tweetLanguage(),
      media: mediaList(),
      card: z.optional(cardSchema),
    },
    { error: 'the quoted tweet as an object with "text", "date" and "author"' },
  ),
  { id: "Quote", description: "The tweet this one quotes" },
);

export const replySchema = withMeta(
  z.strictObject(
    {
      handle: handleString("the handle of the account replied to"),
      url: z.optional(httpUrl("a link to the tweet replied to")),
      text: z.optional(nonBlank("the words of the tweet replied to", CONTROL_BUT_LINES)),
    },
    { error: 'the tweet replied to as an object with "handle"' },
  ),
  { id: "Reply", description: "The tweet this one replies to: its author, and its words when known" },
);

export const tweetSchema = withMeta(
  z.strictObject(
    {
      text: tweetText(),
      date: tweetDate(),
      url: tweetUrl(),
      author: z.optional(z.nullable(authorSchema)),
      lang: tweetLanguage(),
      added: z.optional(
        day(
          "the day it was added to the wall",
          "The day it was added to the wall (YYYY-MM-DD): the feeds show the newest additions first",
        ),
      ),
      media: mediaList(),
      quote: z.optional(quoteSchema),
      replyTo: z.optional(replySchema),
      card: z.optional(cardSchema),
      likes: withMeta(
        z.optional(
          z
            .number({ error: "the number of likes" })
            .check(
              z.int({ error: "a whole number of likes" }),
              z.nonnegative({ error: "no fewer than 0 likes" }),
            ),
        ),
        { description: "How many likes it had when fetched, for the record" },
      ),
      fetched: z.optional(day("the day it was fetched from X", "The day it was fetched from X (YYYY-MM-DD)")),
      pinned: withMeta(z.optional(z.boolean({ error: "true or false: whether it is shown first" })), {
        description: "Shown first on the wall, before the rest, and marked as pinned",
      }),
      hidden: withMeta(z.optional(z.boolean({ error: "true or false: whether it is left off the wall" })), {
        description: "Kept in the file but never built: not on the wall, its pages, feeds or search",
      }),
      tags: withMeta(z.optional(z.array(tagName(), { error: "a list of tags" })), {
        description: "The wall's sections it belongs to: each tag gets a page and a filter",
      }),
    },
    { error: 'a tweet as an object with "text" and "date"' },
  ),
  { id: "Tweet", description: "One favourite tweet" },
);

export const tweetListSchema = z.array(tweetSchema, { error: "an array of tweets" });

export const tweetsDocumentSchema = z.strictObject({
  $schema: withMeta(z.optional(plainString("the path to the JSON Schema as a string")), {
    description: "Path to the JSON Schema, for editors",
  }),
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
  $schema: z.optional(plainString("the path to the JSON Schema as a string")),
  title: nonBlank("the wall's title"),
  intro: z._default(plainString("the intro paragraph as a string"), ""),
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
  /** The wall's order, pinned tweets always first: as in the file, newest posted, or newest added. */
  order: z._default(
    z.enum(["file", "newest", "added"], {
      error: '"file", "newest" or "added": the order of the wall (pinned tweets always come first)',
    }),
    "file",
  ),
  /** The tags' order in the chips and pages, with their titles; tags not listed follow, A to Z. */
  tags: z._default(
    z.array(
      z.strictObject(
        {
          tag: tagName(),
          title: z.optional(nonBlank("the tag's title")),
          description: z.optional(nonBlank("the tag's description")),
        },
        { error: 'a tag as an object with "tag", and optionally "title" and "description"' },
      ),
      { error: "a list of tags" },
    ),
    [],
  ),
  /** The IANA time zone dates are shown in, like Europe/Paris; a date-only value is that day everywhere. */
  timeZone: z._default(
    exactString(
      "an IANA time zone as a string, like Europe/Paris",
      (value) =>
        IANAZone.isValidZone(value) ? undefined : { message: "an IANA time zone, like Europe/Paris or UTC" },
      "^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$",
    ),
    "UTC",
  ),
  /** The accent colour of links, bars and buttons, as #rrggbb; kept at WCAG AA contrast in light and dark. */
  accent: z.optional(
    exactString(
      "a colour as a string, like #1d9bf0",
      matching(/^#[0-9a-fA-F]{6}$/, "a colour written #rrggbb, like #1d9bf0"),
      "^#[0-9a-fA-F]{6}$",
    ),
  ),
  /** The wall's cards in a grid of columns, or one column as a list. */
  layout: z._default(
    z.enum(["grid", "list"], { error: '"grid" or "list": how the cards are laid out' }),
    "grid",
  ),
});

export type TweetInput = z.infer<typeof tweetSchema>;
export type AuthorInput = z.infer<typeof authorSchema>;
export type MediaInput = z.infer<typeof mediaSchema>;
export type PhotoInput = z.infer<typeof photoSchema>;
export type VideoInput = z.infer<typeof videoSchema>;
export type CardInput = z.infer<typeof cardSchema>;
export type QuoteInput = z.infer<typeof quoteSchema>;
export type ReplyInput = z.infer<typeof replySchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type Site = z.output<typeof siteSchema>;
