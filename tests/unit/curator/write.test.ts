import { spawnSync } from "node:child_process";
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
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { withFileLock, writeFileAtomic } from "../../../src/curator/write.ts";

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

/** The pid of a process that has ended. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ["-e", ""]);
  if (pid === undefined) throw new Error("could not start a process");
  return pid;
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

describe("withFileLock", () => {
  test("read-modify-writes run at once take turns and keep every update", async () => {
    const file = path.join(await folder("turns"), "count");
    await writeFile(file, "0");
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(file, async () => {
          const count = Number(await readFile(file, "utf8"));
          await sleep(2);
          await writeFileAtomic(file, String(count + 1));
        }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await readFile(file, "utf8")).toBe("20");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  test("waits for a running holder, then says in one line which lock file and who holds it", async () => {
    const dir = await folder("held");
    const target = path.join(dir, "tweets.json");
    const link = path.join(dir, "link.json");
    await writeFile(target, "[]");
    await symlink("tweets.json", link);
    const lock = `${target}.lock`;
    const held = `${process.pid} ${hostname()}\n`;
    await writeFile(lock, held);
    let ran = false;
    const started = Date.now();
    // Through the link: the lock belongs to the file it names.
    const result = await withFileLock(link, async () => (ran = true), { timeoutMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(result).toEqual({
      ok: false,
      error: `${lock}: still held by process ${process.pid} after 0.3 s; try again once the other command is done, or delete this file if no tweetwall command is running`,
    });
    expect(ran).toBe(false);
    expect(await readFile(lock, "utf8")).toBe(held);
  });

  test("takes over a lock whose process has ended, and removes it when done", async () => {
    const file = path.join(await folder("stale"), "tweets.json");
    await writeFile(`${file}.lock`, `${deadPid()} ${hostname()}\n`);
    const result = await withFileLock(file, async () => readFile(`${file}.lock`, "utf8"), { timeoutMs: 300 });
    expect(result).toEqual({ ok: true, value: `${process.pid} ${hostname()}\n` });
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  test("leaves alone a lock held on another host, where it cannot tell whether it still runs", async () => {
    const file = path.join(await folder("remote"), "tweets.json");
    const pid = deadPid();
    await writeFile(`${file}.lock`, `${pid} elsewhere.example\n`);
    const result = await withFileLock(file, async () => true, { timeoutMs: 100 });
    expect(result.ok).toBe(false);
    expect(result.ok || result.error).toContain(
      `still held by process ${pid} on elsewhere.example after 0.1 s`,
    );
  });

  test("a folder that cannot be made is one line naming the file, not a thrown error", async () => {
    const notAFolder = path.join(await folder("blocked"), "file");
    await writeFile(notAFolder, "");
    const file = path.join(notAFolder, "tweets.json");
    const result = await withFileLock(file, async () => true);
    expect(result.ok).toBe(false);
    expect(result.ok || result.error).toMatch(new RegExp(`^could not write ${file}: ENOTDIR: `));
  });

  test("releases the lock when the update throws", async () => {
    const file = path.join(await folder("throws"), "tweets.json");
    await expect(
      withFileLock(file, async () => {
        throw new Error("a bug");
      }),
    ).rejects.toThrow("a bug");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
