export const DEFAULT_TWEETS_FILE = "data/tweets.json";
export const DEFAULT_SITE_FILE = "data/site.json";

/** The curator's two files. */
export interface WallFiles {
  tweetsFile: string;
  siteFile: string;
}

/** `TWEETS_FILE` and `SITE_FILE` override the curator's two files for every command. */
export function wallFilesFromEnv(env: NodeJS.ProcessEnv = process.env): WallFiles {
  return {
    tweetsFile: env.TWEETS_FILE?.trim() || DEFAULT_TWEETS_FILE,
    siteFile: env.SITE_FILE?.trim() || DEFAULT_SITE_FILE,
  };
}
