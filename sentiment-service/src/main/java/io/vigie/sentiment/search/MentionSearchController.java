package io.vigie.sentiment.search;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/mentions}: full-text search over scored mentions, with filters. */
@RestController
public class MentionSearchController {

    private final MentionSearchService searchService;

    public MentionSearchController(MentionSearchService searchService) {
        this.searchService = searchService;
    }

    /** Parameters are taken as text and validated here, so that a wrong one gets a message naming it. */
    @GetMapping("/api/mentions")
    public MentionSearchResult search(@RequestParam(required = false) String q,
                                      @RequestParam(required = false) String sentiment,
                                      @RequestParam(required = false) String lang,
                                      @RequestParam(required = false) String watch,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String size,
                                      @RequestParam(required = false) String page) {
        return searchService.search(MentionQuery.parse(q, sentiment, lang, watch, from, to, size, page));
    }
}
