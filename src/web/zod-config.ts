/**
 * The shared schemas validate in the browser too. zod compiles its fast path with new Function and
 * probes for it on the first parse; the Content-Security-Policy forbids evaluated code (and reports
 * even the caught probe), so the browser uses zod's interpreter. Imported first by main.tsx: ES
 * modules run in import order, so this runs before any module that parses at its start.
 */
import { z } from 'zod';

z.config({ jitless: true });
