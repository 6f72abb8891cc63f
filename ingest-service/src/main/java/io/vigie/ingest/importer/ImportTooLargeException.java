package io.vigie.ingest.importer;

/** An upload over the import size limit. */
public class ImportTooLargeException extends RuntimeException {

    public ImportTooLargeException(String message) {
        super(message);
    }
}
