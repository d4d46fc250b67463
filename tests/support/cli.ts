import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHARED_DIR = fileURLToPath(new URL("../../../shared/", import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The command line `npm run …` and the `tweetwall` bin run: the launcher of the compiled CLI. */
export const LAUNCHER = ["bin/tweetwall.js"];

/** Runs the curator's CLI exactly as `npm run …` does, in the repository or another project folder. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = REPO_ROOT): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...LAUNCHER, ...args], {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
