#!/usr/bin/env node
// The CLI is TypeScript: register tsx's loader in this same process, then run it.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
