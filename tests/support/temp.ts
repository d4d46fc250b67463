import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const made: string[] = [];

/** A new folder under the system's temporary folder, removed after the test file's last test. */
export async function tempDir(prefix = "tweetwall-test-"): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

/** Removes every folder tempDir made; run after each test file by tests/support/cleanup.ts. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}
