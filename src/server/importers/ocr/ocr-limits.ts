/**
 * What the OCR reader (issue 56) accepts at most, beside the readers' READER_LIMITS (the file's size
 * applies to a scan as to any file). Each is checked before the work it bounds: an image's
 * dimensions are read from its header before any pixel is decoded, a PDF page's size before it is
 * rendered, and tesseract runs under a time limit that kills it (coreutils `timeout`, which kills it
 * even if the process that started it is gone). docs/import-formats.md lists them.
 */
export const OCR_LIMITS = {
  /** Pages recognised in one document (a scanned PDF's image pages, an image file's frames, images given as one document). */
  pages: 50,
  /** Pixels of one image or rendered page (width × height): an A4 page at 600 dpi is 35 million, a 48-megapixel photo 48 million. */
  pixels: 50_000_000,
  /** Pixels on one side of an image. */
  side: 16_000,
  /** Seconds tesseract may take on one page (it is killed then). */
  pageSeconds: 90,
  /** Seconds all the pages of one document may take together. */
  documentSeconds: 600,
  /** Resolution a PDF page is rendered at for recognition (dots per inch). */
  renderDpi: 200,
} as const;

/** Below this confidence (tesseract's 0–100) a word, and the cell holding it, is doubted. */
export const LOW_CONFIDENCE = 75;
