package io.vigie.ingest.source;

/** Why one entry of a source was skipped or repaired; counted per source instance, the rest of the fetch is kept. */
public enum EntryIssue {

    /** Skipped: no guid, id or link, so no stable mention id can be made. */
    NO_ID("no-id"),
    /** Skipped: no http(s) link to the original post. */
    NO_LINK("no-link"),
    /** Skipped: the entry could not be read (unexpected structure, bad date, bad JSON line). */
    UNREADABLE("unreadable"),
    /** Kept: its text was longer than the configured maximum and was truncated. */
    TEXT_TRUNCATED("text-truncated"),
    /**
     * Kept: characters that XML cannot carry (control characters, lone surrogates) were removed; counted per
     * character, because the parser would otherwise have rejected the whole feed for one of them.
     */
    INVALID_CHARACTERS("invalid-characters");

    private final String code;

    EntryIssue(String code) {
        this.code = code;
    }

    /** Stable name used in the health API and in metrics. */
    public String code() {
        return code;
    }
}
