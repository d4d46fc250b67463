import { afterAll } from "vitest";
import { removeTempDirs } from "./temp.ts";

// Every test file leaves the temporary folder as it found it.
afterAll(removeTempDirs);
