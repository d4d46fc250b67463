import { readFile } from "node:fs/promises";
import { JSON_SCHEMA_FILE, tweetsJsonSchemaText } from "../../curator/json-schema.ts";
import { writeFileAtomic } from "../../curator/write.ts";
import type { Command } from "./command.ts";

export const schema: Command = {
  summary: `regenerate ${JSON_SCHEMA_FILE} for editors`,
  usage: `tweetwall schema [--check]

Writes ${JSON_SCHEMA_FILE}, the JSON Schema editors use to complete and check the tweets
file, from the schema in src/curator/schema.ts. With --check, only reports whether it is current.`,
  options: { check: { type: "boolean", default: false } },
  async run(values) {
    const wanted = tweetsJsonSchemaText();
    const current = await readFile(JSON_SCHEMA_FILE, "utf8").catch(() => "");
    if (current === wanted) {
      console.log(`${JSON_SCHEMA_FILE} is current.`);
      return 0;
    }
    if (values.check === true) {
      console.error(`${JSON_SCHEMA_FILE} is stale: run npm run schema`);
      return 1;
    }
    await writeFileAtomic(JSON_SCHEMA_FILE, wanted);
    console.log(`wrote ${JSON_SCHEMA_FILE}`);
    return 0;
  },
};
