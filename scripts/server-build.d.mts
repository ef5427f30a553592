// Types of scripts/server-build.mjs (plain JavaScript: bin/jixiao.js loads it before TypeScript can be).
export declare const ROOT: string;
export declare const SERVER_ENTRY: string;
export declare function serverBuildReason(): 'missing' | 'stale' | null;
export declare function buildServer(): Promise<void>;
