// How big an export may be for the engine to run two of its queries side by side, each on its own
// connection, rather than one after the other.

/**
 * Past this many bytes of files a query waits for the one before it: two large scans side by side
 * add up in memory, and each keeps every engine thread busy anyway. Below it, the second query's
 * start overlaps the first's and this thread's walk of its result (7 real days: the crude report's
 * two queries and walk 155 -> 126 ms).
 */
export const SIDE_BY_SIDE_MAX_BYTES = 64 * 1024 * 1024;
