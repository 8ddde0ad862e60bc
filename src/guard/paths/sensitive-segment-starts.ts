/**
 * How the sensitive locations other than hidden files start a segment
 * (sensitive-locations.ts), in a word that is the only form of itself (an
 * ASCII word without "\\" or a "%" escape): `etc` and the like are
 * directories, so a "/" follows them. No two share their first two units.
 */
export const sensitiveSegmentStarts = ['_netrc', 'id_', 'authorized_keys', 'etc/', 'proc/', 'windows/', 'library/', 'claude_desktop_config.json', 'ntds.dit'];
