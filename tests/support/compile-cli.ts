import { compileCli } from "../../bin/compile.js";

/** Compiles the CLI once, before the test files spawn it from many processes at once. */
export default async function setup(): Promise<void> {
  await compileCli();
}
