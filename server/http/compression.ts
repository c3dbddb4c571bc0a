import zlib from "node:zlib";
import compression from "compression";

/**
 * Compresses answers: brotli for browsers that take it, else gzip (decision 039).
 * - Brotli's window is 256 KB, not its default 4 MB: a new encoder with the default window for
 *   each answer cost more than the rest of a small page (`/login`: 100 against 297 req/s), and
 *   no page is large enough for the bigger window to compress better.
 * - Quality 3, not the package's 4: Kari's plan page in 380 µs of CPU instead of 600, and 4 %
 *   larger (16.2 KB against 15.6; gzip at its default level: 16.4 KB in 740 µs).
 */
export function compressAnswers() {
  return compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 3, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } } });
}
