package io.vigie.ingest.watch;

import io.vigie.contracts.Author;
import io.vigie.contracts.MentionIngested;
import io.vigie.query.PreparedDocument;
import io.vigie.query.QueryDocument;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides which watches a mention belongs to: the active watches whose query matches its title, text, author,
 * language and source name (the query language folds case and accents and matches whole words, so
 * {@code nuvelia} matches "#Nuvelia" but not "nuveliaenergie"). A watch limited to languages skips mentions in
 * another declared language and keeps those whose language is unknown. Reads the repository at every call, so
 * watches changed at runtime apply to the next mention.
 */
@Component
public class WatchMatcher {

    private final WatchRepository repository;

    public WatchMatcher(WatchRepository repository) {
        this.repository = repository;
    }

    /** @return ids of every active watch the mention matches, in the order watches were created */
    public List<String> matchingWatchIds(MentionIngested mention) {
        Author author = mention.author();
        return matchingWatchIds(QueryDocument.of(mention.title(), mention.text(),
                author == null ? null : author.name(), author == null ? null : author.handle(), mention.language(),
                mention.source() == null ? null : mention.source().name()));
    }

    /**
     * @param title    may be null
     * @param text     may be null
     * @param language ISO 639-1 code declared by the source, or null when unknown (then language limits don't apply)
     */
    public List<String> matchingWatchIds(String title, String text, String language) {
        return matchingWatchIds(QueryDocument.of(title, text, null, null, language, null));
    }

    private List<String> matchingWatchIds(QueryDocument document) {
        PreparedDocument prepared = document.prepare();
        String language = document.language() == null ? null : document.language().toLowerCase(Locale.ROOT);
        List<String> ids = new ArrayList<>();
        for (WatchRepository.ActiveWatch watch : repository.active()) {
            List<String> languages = watch.definition().languages();
            boolean languageAccepted = languages.isEmpty() || language == null || languages.contains(language);
            if (languageAccepted && watch.query().matches(prepared)) {
                ids.add(watch.id());
            }
        }
        return ids;
    }
}
