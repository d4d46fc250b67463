import { existsSync, statSync } from "node:fs";
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeFileAtomic } from "../../../src/curator/write.ts";

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), "tweetwall-write-"));
});
const elsewhere: string[] = [];
afterAll(async () => {
  for (const folder of [temp, ...elsewhere]) await rm(folder, { recursive: true, force: true });
});

async function folder(name: string): Promise<string> {
  const dir = path.join(temp, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

describe("writeFileAtomic", () => {
  test("replaces the contents and leaves no temporary file", async () => {
    const dir = await folder("plain");
    const file = path.join(dir, "tweets.json");
    await writeFile(file, "old");
    await writeFileAtomic(file, "new");
    expect(await readFile(file, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["tweets.json"]);
  });

  test("keeps a file's mode: a 600 file stays 600, whatever the umask", async () => {
    const dir = await folder("mode");
    const file = path.join(dir, "tweets.json");
    for (const mode of [0o600, 0o664]) {
      await writeFile(file, "old");
      await chmod(file, mode);
      await writeFileAtomic(file, "new");
      expect((await stat(file)).mode & 0o7777).toBe(mode);
    }
  });

  test.runIf(process.getuid?.() === 0)("run as root, leaves the file its owner and group", async () => {
    const file = path.join(await folder("owner"), "tweets.json");
    await writeFile(file, "old");
    await chown(file, 1234, 5678);
    await writeFileAtomic(file, "new");
    expect(await stat(file)).toMatchObject({ uid: 1234, gid: 5678 });
  });

  test("writes through a symlink to its target, and the link stays a link", async () => {
    const linkDir = await folder("link/data");
    const targetDir = await folder("link/shared");
    const target = path.join(targetDir, "tweets.json");
    const link = path.join(linkDir, "tweets.json");
    await writeFile(target, "old");
    await chmod(target, 0o600);
    await symlink("../shared/tweets.json", link);
    await writeFileAtomic(link, "new");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe("../shared/tweets.json");
    expect(await readFile(target, "utf8")).toBe("new");
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(linkDir)).toEqual(["tweets.json"]);
    expect(await readdir(targetDir)).toEqual(["tweets.json"]);
  });

  test("through a link to a file not made yet, makes the target and keeps the link", async () => {
    const dir = await folder("dangling");
    const link = path.join(dir, "tweets.json");
    await symlink("later/real.json", link);
    await writeFileAtomic(link, "first");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(dir, "later", "real.json"), "utf8")).toBe("first");
  });

  // A temporary file beside the link would have to cross file systems to reach the target, and a
  // rename cannot: only one made beside the target is renamed into place at once.
  const otherFileSystem = "/dev/shm";
  const crossesFileSystems =
    existsSync(otherFileSystem) && statSync(otherFileSystem).dev !== statSync(tmpdir()).dev;
  test.runIf(crossesFileSystems)("through a link to another file system", async () => {
    const targetDir = await mkdtemp(path.join(otherFileSystem, "tweetwall-write-"));
    elsewhere.push(targetDir);
    const target = path.join(targetDir, "tweets.json");
    await writeFile(target, "old");
    const link = path.join(await folder("cross"), "tweets.json");
    await symlink(target, link);
    await writeFileAtomic(link, "new");
    expect(await readFile(target, "utf8")).toBe("new");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readdir(targetDir)).toEqual(["tweets.json"]);
  });
});
