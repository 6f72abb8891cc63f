package io.vigie.ingest.watch;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WatchControllerTests {

    private static final String ACME = """
            {"id": "acme", "name": "ACME", "query": "acme OR \\"acme corp\\"", "languages": ["FR", "en"],
             "timeZone": "Europe/Paris",
             "sources": [{"type": "reddit", "settings": {"subreddits": ["france"]}, "credentialRef": "reddit"}]}
            """;

    private final WatchRepository repository = new WatchRepository();
    private final InMemoryWatchChanges changes = new InMemoryWatchChanges(repository);
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new WatchController(new WatchService(repository,
                    changes, Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC))))
            .setControllerAdvice(new ApiErrorHandler())
            .build();

    @Test
    void aCreatedWatchIsStoredListedAndBoundToItsSources() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME)
                        .header("X-Vigie-User", "alice"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/watches/acme"))
                .andExpect(jsonPath("$.languages[0]").value("fr"))
                .andExpect(jsonPath("$.paused").value(false));

        api.perform(get("/api/watches")).andExpect(jsonPath("$[0].id").value("acme"));
        api.perform(get("/api/watches/acme")).andExpect(jsonPath("$.timeZone").value("Europe/Paris"));
        assertThat(changes.recorded()).singleElement().satisfies(change -> {
            assertThat(change.watchId()).isEqualTo("acme");
            assertThat(change.changedBy()).isEqualTo("alice");
        });
        assertThat(repository.bindings("reddit")).singleElement()
                .satisfies(binding -> assertThat(binding.source().credentialRef()).isEqualTo("reddit"));
    }

    @Test
    void aQueryThatDoesNotParseIsRefusedWithItsColumn() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"acme\", \"name\": \"ACME\", \"query\": \"acme AND (corp OR\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("query"))
                .andExpect(jsonPath("$.column").isNumber())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("column")));
        assertThat(changes.recorded()).isEmpty();
    }

    @Test
    void invalidFieldsAreNamedWithWhatToDo() throws Exception {
        expectRefused("{\"id\": \"ACME corp\", \"name\": \"x\", \"query\": \"acme\"}", "id");
        expectRefused("{\"id\": \"acme\", \"query\": \"acme\"}", "name");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"timeZone\": \"Paris\"}", "timeZone");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"languages\": [\"french\"]}",
                "languages[0]");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"myspace\"}]}",
                "sources[0].type");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"rss\", "
                + "\"settings\": {\"feeds\": [\"ftp://example.org/feed\"]}}]}", "sources[0].settings.feeds[0]");
        expectRefused("{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"reddit\", "
                + "\"credentialRef\": \"../etc/passwd\"}]}", "sources[0].credentialRef");
    }

    @Test
    void aSecretInASettingIsRefusedAndNeverEchoed() throws Exception {
        String body = "{\"id\": \"acme\", \"name\": \"x\", \"query\": \"acme\", \"sources\": [{\"type\": \"youtube\", "
                + "\"settings\": {\"apiKey\": [\"AIzaSy-very-secret\"]}}]}";

        String error = api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sources[0].settings.apiKey"))
                .andReturn().getResponse().getContentAsString();

        assertThat(error).contains("credentialRef").doesNotContain("AIzaSy-very-secret");
    }

    @Test
    void creatingAnExistingIdConflictsAndUnknownIdsAreNotFound() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isCreated());
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isConflict());
        api.perform(get("/api/watches/nope")).andExpect(status().isNotFound());
        api.perform(post("/api/watches/nope/pause")).andExpect(status().isNotFound());
    }

    @Test
    void pausedWatchesAreKeptButNeitherPolledNorMatchedUntilResumed() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME));
        WatchMatcher matcher = new WatchMatcher(repository);

        api.perform(post("/api/watches/acme/pause")).andExpect(jsonPath("$.paused").value(true));
        assertThat(repository.bindings("reddit")).isEmpty();
        assertThat(matcher.matchingWatchIds(null, "ACME Corp a encore augmenté ses prix", "fr")).isEmpty();
        api.perform(put("/api/watches/acme").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"ACME group\", \"query\": \"acme\"}"))
                .andExpect(jsonPath("$.name").value("ACME group"))
                .andExpect(jsonPath("$.paused").value(true));

        api.perform(post("/api/watches/acme/resume")).andExpect(jsonPath("$.paused").value(false));
        assertThat(matcher.matchingWatchIds(null, "ACME Corp a encore augmenté ses prix", "fr"))
                .containsExactly("acme");
    }

    @Test
    void aDeletedWatchIsGone() throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(ACME));

        api.perform(delete("/api/watches/acme")).andExpect(status().isNoContent());

        api.perform(get("/api/watches/acme")).andExpect(status().isNotFound());
        assertThat(changes.recorded()).last().satisfies(change -> assertThat(change.deleted()).isTrue());
    }

    @Test
    void aQueryCanBeTriedOnASampleWithoutStoringIt() throws Exception {
        api.perform(post("/api/watches/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\": \"nuvelia AND (déçu OR arnaque)\", \"text\": \"Nuvelia, je suis DECU\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.matches").value(true));
        api.perform(post("/api/watches/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\": \"author:nuvelia\", \"text\": \"Nuvelia\", \"author\": \"Jean\"}"))
                .andExpect(jsonPath("$.matches").value(false));
        api.perform(post("/api/watches/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\": \"\\\"oops\", \"text\": \"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.column").value(1));
        assertThat(changes.recorded()).isEmpty();
    }

    private void expectRefused(String body, String field) throws Exception {
        api.perform(post("/api/watches").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.error").isNotEmpty());
    }
}
