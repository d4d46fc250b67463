// Preloaded (`node --import`) into a command that must work offline: every way onto the network
// throws, and is written down in the file TWEETWALL_NETWORK_LOG names, so a test sees even an
// attempt that the command caught. Local pipes (a path, not a port) stay open: esbuild and
// child processes talk through them.
import { appendFileSync } from "node:fs";
import dns from "node:dns";
import net from "node:net";

function refuse(what) {
  if (process.env.TWEETWALL_NETWORK_LOG) appendFileSync(process.env.TWEETWALL_NETWORK_LOG, `${what}\n`);
  throw new Error(`network access refused: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const [first] = args;
  const options = Array.isArray(first) ? first[0] : first;
  const isPipe = typeof options === "string" || (typeof options === "object" && options?.path);
  if (!isPipe) refuse(`connect ${JSON.stringify(options)}`);
  return connect.apply(this, args);
};
for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) dns[name] = () => refuse(`dns.${name}`);
dns.promises.lookup = async () => refuse("dns.promises.lookup");
globalThis.fetch = async (input) => refuse(`fetch ${String(input)}`);
