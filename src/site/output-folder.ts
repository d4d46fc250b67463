import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Written into every site the build makes, so a later build knows the folder is its own to replace. */
export const BUILT_MARKER = ".tweetwall-site";
export const MARKER_TEXT =
  "Built by tweetwall. `tweetwall build` replaces this whole folder on every build.\n";

/** What a site built before the marker existed always holds. */
const EARLIER_BUILD = ["index.html", "search-index.json", "wall.js"];

export interface OutputFolder {
  /** Where the site is written: a symlinked folder is written through, and the link kept. */
  realPath: string;
  /** Whether it holds a site already (else it is missing or empty, and stays so on a failure). */
  holdsSite: boolean;
}

/**
 * The build replaces its output folder whole, so it may only be one the build made (or a new or
 * empty one), and never one that holds the project or the curator's files. Returns the folder,
 * or the one line that says why not.
 */
export async function checkOutputFolder(
  output: string,
  {
    projectRoot,
    keep,
    sources,
  }: {
    projectRoot: string;
    /** Files and folders a replaced output must not take with it: the curator's, the code. */
    keep: string[];
    /** Folders the build reads from, which the output must stay out of. */
    sources: string[];
  },
): Promise<OutputFolder | string> {
  if (output.trim() === "") return "--output needs a folder: an empty path would mean the project itself";
  const refuse = (why: string) =>
    `refusing to build into ${output}: ${why}; choose a new or empty folder, or one an earlier build made`;
  const realPath = await resolveThroughLinks(path.resolve(output));
  const root = await resolveThroughLinks(path.resolve(projectRoot));
  const named = (file: string) => (isInside(file, root) && path.relative(root, file)) || file;
  if (isInside(root, realPath)) {
    return refuse(realPath === root ? "it is this project's folder" : "it holds this project");
  }
  for (const source of await Promise.all(
    sources.map((folder) => resolveThroughLinks(path.resolve(folder))),
  )) {
    if (isInside(realPath, source)) {
      return refuse(`it is ${realPath === source ? "" : "inside "}${named(source)}, which the build reads`);
    }
  }
  for (const kept of await Promise.all(keep.map((file) => resolveThroughLinks(path.resolve(file))))) {
    if (isInside(kept, realPath)) return refuse(`it ${kept === realPath ? "is" : "holds"} ${named(kept)}`);
  }
  let info;
  try {
    info = await stat(realPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { realPath, holdsSite: false };
    return refuse(
      code === "ENOTDIR" ? "a part of its path is a file" : `it cannot be read (${code ?? String(error)})`,
    );
  }
  if (!info.isDirectory()) return refuse("it is a file");
  let entries: string[];
  try {
    entries = await readdir(realPath);
  } catch (error) {
    return refuse(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (
    entries.length === 0 ||
    entries.includes(BUILT_MARKER) ||
    EARLIER_BUILD.every((name) => entries.includes(name))
  ) {
    return { realPath, holdsSite: entries.length > 0 };
  }
  return refuse(
    `it holds files the build did not make (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""})`,
  );
}

/** `inner` is `outer` or inside it. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return (
    relative === "" ||
    (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

/**
 * The path with every symlink along it resolved, as far as it exists: a link to a folder not
 * made yet still leads there.
 */
async function resolveThroughLinks(file: string, hops = 0): Promise<string> {
  const real = await realpath(file).catch(() => undefined);
  if (real) return real;
  const parent = path.dirname(file);
  if (parent === file) return file;
  const resolved = path.join(await resolveThroughLinks(parent, hops), path.basename(file));
  const link = await lstat(resolved).then(
    (info) => info.isSymbolicLink(),
    () => false,
  );
  // A loop of links resolves to nothing; 40 is the kernel's own limit.
  if (!link || hops >= 40) return resolved;
  return resolveThroughLinks(path.resolve(path.dirname(resolved), await readlink(resolved)), hops + 1);
}
