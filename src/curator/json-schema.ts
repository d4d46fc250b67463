import * as z from "zod/mini";
import { tweetsFileSchema } from "./schema.ts";

export const JSON_SCHEMA_FILE = "tweets.schema.json";

/** The editor-facing JSON Schema of the tweets file, generated from the one zod schema. */
export function tweetsJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(tweetsFileSchema, { target: "draft-7", io: "input" });
  return {
    $schema: generated.$schema,
    title: "tweetwall tweets file",
    description: "data/tweets.json: the curated tweets of a tweet wall, in display order",
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== "$schema")),
  };
}

export function tweetsJsonSchemaText(): string {
  return `${JSON.stringify(tweetsJsonSchema(), null, 2)}\n`;
}
