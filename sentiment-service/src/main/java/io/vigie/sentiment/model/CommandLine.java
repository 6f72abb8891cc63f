package io.vigie.sentiment.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments; an unknown option is an error the user can fix. */
record CommandLine(Map<String, String> options, List<String> positional) {

    static CommandLine parse(String[] args, Set<String> valued, Set<String> flags, String usage) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value\n" + usage);
                }
                options.put(arg, args[++i]);
            } else if (flags.contains(arg)) {
                options.put(arg, "true");
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + usage);
            } else {
                positional.add(arg);
            }
        }
        return new CommandLine(options, positional);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }
}
