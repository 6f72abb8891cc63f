package io.vigie.ingest.importer;

/** The file formats the import reads. */
enum ImportFormat {
    /** Header row naming the columns (dotted for nested fields: {@code author.name}, {@code engagement.likes}). */
    CSV,
    /** One JSON object per line, the fields of the push endpoint. */
    JSONL
}
