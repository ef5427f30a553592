import type { Severity, SourceLocation } from '../../../shared/domain/model';

/** How parsing reports a diagnostic: data, never an exception. */
export type Report = (severity: Severity, code: string, message: string, source: SourceLocation) => void;
