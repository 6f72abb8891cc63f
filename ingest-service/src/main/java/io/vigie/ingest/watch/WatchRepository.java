package io.vigie.ingest.watch;

import io.vigie.ingest.config.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured watches, checked once at start-up so a typo stops the service with a message instead of
 * silently monitoring nothing. Read-only for now: runtime watch management will replace the source of this list.
 */
@Component
public class WatchRepository implements WatchSources {

    private static final Logger log = LoggerFactory.getLogger(WatchRepository.class);

    private final List<Watch> watches;

    @Autowired
    public WatchRepository(IngestProperties properties) {
        this(properties.watches());
    }

    public WatchRepository(List<Watch> watches) {
        this.watches = List.copyOf(validated(watches));
        if (this.watches.isEmpty()) {
            log.warn("no watch configured: nothing will be published; add one under vigie.ingest.watches");
        } else {
            log.info("{} watch(es) configured: {}", this.watches.size(), this.watches.stream().map(Watch::id).toList());
        }
    }

    public List<Watch> all() {
        return watches;
    }

    @Override
    public List<SourceBinding> bindings(String sourceType) {
        return watches.stream()
                .flatMap(watch -> watch.allSources().stream()
                        .filter(source -> source.type().equals(sourceType))
                        .map(source -> new SourceBinding(watch.id(), source)))
                .toList();
    }

    public Optional<Watch> find(String id) {
        return watches.stream().filter(watch -> watch.id().equals(id)).findFirst();
    }

    private static List<Watch> validated(List<Watch> watches) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < watches.size(); i++) {
            Watch watch = watches.get(i);
            String where = "vigie.ingest.watches[" + i + "]";
            if (watch.id() == null || watch.id().isBlank()) {
                problems.add(where + ": give the watch an id");
                continue;
            }
            if (!ids.add(watch.id())) {
                problems.add(where + ": id '" + watch.id() + "' is used twice; give each watch its own id");
            }
            if (watch.keywords().stream().allMatch(keyword -> keyword == null || keyword.isBlank())) {
                problems.add(where + " ('" + watch.id() + "'): list at least one keyword, or it can match nothing");
            }
            for (String feed : watch.feeds()) {
                if (!isHttpUrl(feed)) {
                    problems.add(where + " ('" + watch.id() + "'): feed '" + feed + "' is not an http(s) URL");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid watch configuration:\n  " + String.join("\n  ", problems));
        }
        return watches;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
    }
}
