import { existsSync, readFileSync } from "node:fs";
import { SHARED_DIR } from "./cli.ts";

/** The first wall's own text, from ../shared beside the project; data/tweets.json was made from it. */
export const SEED_FILE = `${SHARED_DIR}seeds/000_346cd6146a224bde.txt`;
export const hasSeed = existsSync(SEED_FILE);

if (!hasSeed) {
  console.warn(
    `SKIPPED the tests that read the seed wall: ${SEED_FILE} not found (../shared beside the project)`,
  );
}

/** The seed's text, or "" when it is absent (every test that reads it is skipped then). */
export const seedText = hasSeed ? readFileSync(SEED_FILE, "utf8") : "";
