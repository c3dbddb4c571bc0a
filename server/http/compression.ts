import zlib from "node:zlib";
import compression from "compression";

/**
 * Compresses answers: brotli (quality 4, the package's default) for browsers that take it, else
 * gzip. Brotli's window is 256 KB, not its default 4 MB: a new encoder with the default window
 * for each answer cost more than the rest of a small page (`/login`: 100 against 297 req/s),
 * and no page is large enough for the bigger window to compress better (decision 039).
 */
export function compressAnswers() {
  return compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } } });
}
