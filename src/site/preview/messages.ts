/** What the preview's server and its builder process tell each other. */
export type ToBuilder = { type: "build" };

export type FromBuilder =
  | { type: "ready" }
  | { type: "built"; seconds: number; pathPrefix: string }
  | { type: "failed"; lines: string[] };
