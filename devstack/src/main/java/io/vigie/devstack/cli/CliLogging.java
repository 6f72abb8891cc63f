package io.vigie.devstack.cli;

/**
 * Logging of the command line tool (slf4j-simple, to stderr), set before the first logger exists. The library leaves
 * logging to its host application.
 */
final class CliLogging {

    private CliLogging() {
    }

    static void configure() {
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        // The readiness check's admin client logs its whole configuration at INFO and each refused connection.
        setDefault("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
