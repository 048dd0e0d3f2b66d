import { Redis } from "ioredis";
import { InputError, show } from "../errors.ts";

/** The BullMQ queue every sweep coordinator fills and every `worker` takes jobs from. */
export const QUEUE_NAME = "retention-lab-sweep";

/** Checks a `--queue` URL: redis:// or rediss:// (TLS, e.g. a managed Redis), host and port. */
export function parseQueueUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(
      `option --queue must be a URL such as redis://127.0.0.1:6379, got ${show(text)}`,
    );
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new InputError(
      `option --queue must be a redis:// or rediss:// URL, got ${show(redact(text))}`,
    );
  }
  if (url.hostname === "")
    throw new InputError(`option --queue has no host: ${show(redact(text))}`);
  return text;
}

/** The URL without its password, for messages. */
export function redact(text: string): string {
  try {
    const url = new URL(text);
    if (!url.password) return text;
    url.password = "***";
    return url.toString();
  } catch {
    return text;
  }
}

/**
 * A Redis connection for BullMQ. The first connection must succeed at once: an unreachable or
 * refusing server is bad input (one line, exit code 2), not something to wait for forever. Once
 * connected, a dropped connection is retried as BullMQ expects.
 */
export async function connectRedis(url: string): Promise<Redis> {
  let connected = false;
  let lastError = "";
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  client.on("error", (error: Error) => {
    lastError = error.message;
  });
  try {
    await client.connect();
    await client.ping();
    connected = true;
    return client;
  } catch (error) {
    client.disconnect();
    const reason = lastError || (error instanceof Error ? error.message : String(error));
    throw new InputError(`cannot reach Redis at ${redact(url)}: ${reason}`);
  }
}

/** Waits `ms` milliseconds, or less when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
