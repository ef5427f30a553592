/**
 * A document that cannot be read at all: not a target document, binary, empty, truncated past
 * use, or an encoding we cannot decode. The CLI prints it as one line — file, line, message —
 * and stores nothing. Problems inside an otherwise readable document are Diagnostics instead.
 */
export class DocumentReadError extends Error {
  constructor(
    public readonly file: string,
    public readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentReadError';
  }

  /** "file:12: message" — the one line people see. */
  toOneLine(): string {
    return `${this.file}${this.line !== null ? `:${this.line}` : ''}: ${this.message}`;
  }
}
