// Types of scripts/mtime.mjs.
export declare function newestMtime(path: string): number;
