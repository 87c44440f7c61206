/**
 * A small static file server for the built site (dist/): clean URLs as Framework writes them
 * (/methodology → methodology.html), gzip when the browser accepts it, nothing outside the folder.
 * Serving the build rather than `observable preview` means what you see is what was built.
 *
 * Framework names every file but the pages by its content hash (`plot/index.f66f3cd7.js`), so those are
 * served as immutable: moving between pages fetches only the page and its new data. Compressed bodies
 * are kept in memory, so a busy machine does not gzip the same library on every page view.
 *
 * Every response, 404s and 405s included, carries the security headers: a Content-Security-Policy
 * that allows only this origin (docs/architecture.md, privacy: the site makes no request elsewhere); nosniff; no
 * framing; no referrer sent elsewhere. Scripts: this origin and inline ones. Framework pages are
 * inline modules, and Observable Inputs (through htl) sets inline event handlers at run time,
 * which no hash of the served HTML can allow (tried: the budget brief's inputs broke); what the
 * policy rules out is script, data or frames from anywhere else.
 */
import { createServer, type Server } from "node:http";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".arrow": "application/vnd.apache.arrow.file",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".arrow", ".csv", ".svg", ".txt"]);

/** A content-hashed file name as Framework writes them: never changes, may be cached for good. */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/;

/** Gzipped bodies by file, size and modification time. */
const gzipped = new Map<string, Buffer>();

function gzipOf(file: string): Buffer {
  const { size, mtimeMs } = statSync(file);
  const key = `${file}\u0000${size}\u0000${mtimeMs}`;
  let body = gzipped.get(key);
  if (!body) gzipped.set(key, (body = gzipSync(readFileSync(file))));
  return body;
}

/** Security headers for every response. */
export function securityHeaders(): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    // Plot and Framework set style attributes and inject <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  };
}

export interface RunningServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
}

/** Maps a request path to a file in root, or null (404). Never escapes root. */
export function resolveRequest(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const base = path.resolve(root);
  const candidate = path.resolve(base, "." + path.posix.normalize("/" + decoded));
  if (candidate !== base && !candidate.startsWith(base + path.sep)) return null;
  const tries = decoded.endsWith("/")
    ? [path.join(candidate, "index.html")]
    : [candidate, `${candidate}.html`, path.join(candidate, "index.html")];
  for (const file of tries) if (existsSync(file) && statSync(file).isFile()) return file;
  return null;
}

/** Serves `root` on host:port (port 0 = any free port) and resolves once listening. */
export async function serveStatic(
  root: string,
  { host = "127.0.0.1", port = 0 } = {},
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, securityHeaders()).end();
      return;
    }
    const file = resolveRequest(root, req.url ?? "/");
    if (!file) {
      const notFound = resolveRequest(root, "/404");
      res.writeHead(404, {
        "content-type": CONTENT_TYPES[".html"],
        ...securityHeaders(),
      });
      if (notFound && req.method === "GET") createReadStream(notFound).pipe(res);
      else res.end("Not found");
      return;
    }
    const ext = path.extname(file).toLowerCase();
    const headers: Record<string, string> = {
      "content-type": CONTENT_TYPES[ext] ?? "application/octet-stream",
      "cache-control": HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
      ...securityHeaders(),
    };
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (gzip) {
      const body = gzipOf(file);
      headers["content-encoding"] = "gzip";
      headers.vary = "accept-encoding";
      headers["content-length"] = String(body.length);
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    headers["content-length"] = String(statSync(file).size);
    res.writeHead(200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    server,
    url: `http://${host}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
