/**
 * Starts the training worker from its built script's absolute URL. Browsers start a module worker
 * only from the page's own origin. For a script from another origin (the embed bundle loaded from
 * another site) or a page whose origin is opaque (an iframe sandboxed without allow-same-origin),
 * the worker is a blob: URL, which has the page's origin, whose one line imports the real script:
 * that import is a CORS request, so it succeeds only where the script's host sends
 * Access-Control-Allow-Origin (as static hosts commonly do), and the worker's own chunks and WASM
 * files resolve from the real script's URL. Throws where the browser refuses the worker outright.
 */
const OPTIONS: WorkerOptions = { type: 'module', name: 'ntk-training' };

/** The source of the blob worker that loads `script` for a page of `pageOrigin`; null when `script` can be started directly. */
export function importerSource(script: URL, pageOrigin: string): string | null {
  return script.origin === pageOrigin ? null : `import ${JSON.stringify(script.href)};\n`;
}

export function startWorker(script: URL, pageOrigin: string): Worker {
  const importer = importerSource(script, pageOrigin);
  if (importer === null) return new Worker(script, OPTIONS);
  // Not revoked: the worker fetches it asynchronously, and a page makes one.
  return new Worker(URL.createObjectURL(new Blob([importer], { type: 'text/javascript' })), OPTIONS);
}
