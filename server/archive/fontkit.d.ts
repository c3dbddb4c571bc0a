// The little of fontkit (pdfkit's font engine) the archive uses: which characters the font can draw.
declare module "fontkit" {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
