// Types of scripts/database-free-tests.mjs (plain JavaScript: scripts/test.mjs loads it too).
export declare function databaseFreeTestFiles(root?: string, testDir?: string, database?: string): string[];
export declare function sqliteOnlyTestFiles(env?: NodeJS.ProcessEnv, root?: string): string[];
export declare const BROWSER_FILES_ON_POSTGRES: readonly string[];
export declare function browserTestFiles(root?: string): string[];
export declare const COMMAND_FILES_ON_SQLITE_ONLY: readonly string[];
