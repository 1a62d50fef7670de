/**
 * The claim that marks a jwt session the kit has ended (its password changed or was reset
 * since it was issued). next-auth keeps decoding such a token, so every runtime that reads
 * tokens itself (the middleware) must treat it as "no session". Edge-safe.
 */
export const ENDED_CLAIM = "sessionEnded"
